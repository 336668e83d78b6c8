"""Production needs a cache every process shares: cached answers are forgotten by moving
keys in it, which a per-process cache would not see."""
import secrets

from tests.core.test_deploy import ENV, run_manage


def test_production_refuses_to_start_without_a_shared_cache():
    env = {**ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
           "DJANGO_ALLOWED_HOSTS": "platform.example.org",
           "REDIS_URL": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr
