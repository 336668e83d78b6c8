"""Production settings refuse to start half-configured and pass `check --deploy`."""
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from clusterpolisee.core.deploy import secret_key_problem

ENV = {
    **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
    "DJANGO_SETTINGS_MODULE": "clusterpolisee.settings.production",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
}


def run_manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_passes_check_deploy_when_configured():
    env = {**ENV, "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123",
           "DJANGO_ALLOWED_HOSTS": "platform.example.org"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in ENV.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_ALLOWED_HOSTS"] = "platform.example.org"
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in ENV.items() if k != "DJANGO_ALLOWED_HOSTS"}
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(60)
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_session_and_cookie_settings():
    env = {**ENV, "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
           "DJANGO_ALLOWED_HOSTS": "platform.example.org"}
    code = ("from django.conf import settings as s;"
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
            " s.SESSION_TOUCH_SECONDS <= 600, s.SESSION_COOKIE_AGE <= 8*3600,"
            " 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)")
    result = subprocess.run([sys.executable, "-c", "import django;django.setup();" + code],
                            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.split() == ["True"] * 6, result.stderr


@pytest.mark.parametrize("key", [
    "change-me-change-me-change-me-change-me-change-me-0000",  # the old compose default
    "build-only-secret-key-build-only-secret-key-build-only",  # the old Dockerfile key
    "django-insecure-" + "a1b2c3d4e5" * 5,
    "placeholder-" + "k" * 60,
    "z" * 60,  # long, but not random
    "Xq7-pL2vR9sKe4TzWm1NbY",  # random-looking, but short
])
def test_placeholder_secret_keys_are_refused(key):
    assert secret_key_problem(key)


def test_a_random_secret_key_is_accepted():
    assert secret_key_problem(secrets.token_urlsafe(60)) is None


def test_production_refuses_to_start_with_the_old_compose_default_key():
    env = {**ENV, "DJANGO_ALLOWED_HOSTS": "platform.example.org",
           "DJANGO_SECRET_KEY": "change-me-change-me-change-me-change-me-change-me-0000"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "placeholder" in result.stderr

