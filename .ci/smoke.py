"""Production smoke: the image's own install and start-up, driven over real HTTP.

Installs the locked runtime into a fresh virtual environment exactly as the Dockerfile does,
runs collectstatic with the production settings, migrates a new PostgreSQL database, and
starts what a deployment runs, against a local S3 server (moto) and SMTP sink (aiosmtpd):
two gunicorn instances (2 workers each) on different ports sharing PostgreSQL, Redis and the
bucket, a Celery worker and beat. Then, as a browser would (behind a TLS proxy: the
requests carry X-Forwarded-Proto), it logs in, uploads on one instance and downloads on the
other, checks static files, health, e-mails (immediate and digest, each exactly once) and
the shared cache; backs up, restores into a new database and bucket, and serves the same
document from there. Everything is stopped and dropped at the end, whatever happened.

This driver runs in the dev environment (moto, aiosmtpd, requests); the application runs
only from the fresh one.
"""
import contextlib
import datetime
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import boto3
import psycopg2
import redis
import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
# per run (two checkouts may run it at once); pip's cache keeps a fresh install quick
VENV = Path(os.environ.get("SMOKE_VENV") or Path(tempfile.gettempdir()) /
            f"cps-smoke-venv-{os.getpid()}")
PG = os.environ.get("SMOKE_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379/14")
EMAIL = "marche.member@demo.clusterpolisee.example.org"  # no second factor
ADMIN = "marche.admin@demo.clusterpolisee.example.org"
PASSWORD = "ClusterPoliSEE-demo-2026"  # noqa: S105 - the demo accounts' published password
RUN = f"{os.getpid()}{secrets.token_hex(3)}"
TIMES = []


class SmokeFailure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise SmokeFailure(message)


@contextlib.contextmanager
def phase(name):
    start = time.monotonic()
    print(f"--- {name}", flush=True)
    try:
        yield
    finally:
        TIMES.append((name, time.monotonic() - start))
        print(f"    {name}: {time.monotonic() - start:.1f}s", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, env=None, **kwargs):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,  # noqa: S603
                            timeout=600, **kwargs)
    if result.returncode:
        raise SmokeFailure(f"{' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}"
                           f"\n{result.stderr[-3000:]}")
    return result


class Processes:
    """Started in their own process groups, so stopping one stops its children too."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started = []

    def start(self, name, *args, env):
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 - closed in stop_all
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log,  # noqa: S603
                                stderr=subprocess.STDOUT, start_new_session=True)
        self.started.append((name, proc, log))
        return proc

    def stop_all(self):
        """TERM to every group at once, then KILL what is still running after 10 s."""
        for _name, proc, _log in self.started:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _name, proc, log in self.started:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"    {_name} did not stop on TERM within 10 s: killed", flush=True)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
            log.close()

    def tail(self, lines=40):
        for name, _proc, _log in self.started:
            text = (self.logs / f"{name}.log").read_text(errors="replace").splitlines()
            print(f"=== {name}.log (last {lines} lines)")
            print("\n".join(text[-lines:]))


def wait_http(url, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        check(proc.poll() is None, f"the process for {url} exited")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.3)
    raise SmokeFailure(f"{url} did not answer within {timeout}s")


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        import email

        message = email.message_from_bytes(envelope.content)
        self.messages.append((tuple(envelope.rcpt_tos), str(message["Subject"] or "")))
        return "250 OK"


class Browser:
    """A session behind a TLS proxy. The cookies are Secure, so they are kept and sent by
    hand: requests would rightly not send them over the plain-HTTP loopback."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, base, path, **kwargs):
        headers = {"X-Forwarded-Proto": "https", "Origin": "https://" + base.split("//")[1],
                   "Referer": "https://" + base.split("//")[1] + path,
                   **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(method, base + path, headers=headers,
                                    allow_redirects=False, timeout=30, **kwargs)
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, base, path, **kwargs):
        return self.request("GET", base, path, **kwargs)

    def post(self, base, path, data, **kwargs):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request("POST", base, path, data=data, **kwargs)


def csrf_from(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    check(match, "no CSRF token in the form")
    return match.group(1)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="cps-smoke-"))
    procs = Processes(tmp)
    admin = psycopg2.connect(PG + "/postgres")
    admin.autocommit = True
    databases = []
    failed = True
    try:
        smoke(tmp, procs, admin, databases)
        failed = False
    except Exception:
        procs.tail()
        raise
    finally:
        with phase("stop and clean up"):
            stop_start = time.monotonic()
            procs.stop_all()
            print(f"    processes stopped after {time.monotonic() - stop_start:.1f}s")
            with admin.cursor() as cur:
                for name in databases:
                    cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
            with contextlib.suppress(redis.RedisError):
                client = redis.Redis.from_url(REDIS)
                for key in client.scan_iter(f"*smoke-{RUN}*"):
                    client.delete(key)
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(VENV, ignore_errors=True)
        print("\nphase times:")
        for name, seconds in TIMES:
            print(f"  {seconds:6.1f}s  {name}")
        print(f"  {sum(s for _, s in TIMES):6.1f}s  total")
        print("SMOKE FAILED" if failed else "SMOKE PASSED")


def smoke(tmp, procs, admin, databases):  # noqa: C901 - one story, read top to bottom
    py = VENV / "bin" / "python"
    with phase("fresh venv, installed as the Dockerfile does"):
        shutil.rmtree(VENV, ignore_errors=True)
        run(sys.executable, "-m", "venv", str(VENV))
        pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        run(*pip, "--require-hashes", "-r", "requirements.txt")
        # the project as the image has it: a copy of the tree, installed without deps
        run(*pip, "--no-deps", ".")

    s3_port, smtp_port = free_port(), free_port()
    bucket = f"cps-smoke-{RUN}"
    db = f"cps_smoke_{RUN}"
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        return run_stack(tmp, procs, admin, databases, py, s3_port, smtp_port, bucket, db,
                         mailbox)
    finally:
        controller.stop()


def app_env(tmp, py, s3_port, smtp_port, bucket, db):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update({
        "PATH": f"{py.parent}:{env.get('PATH', '')}",
        "VIRTUAL_ENV": str(py.parent.parent),
        "DJANGO_SETTINGS_MODULE": "clusterpolisee.settings.production",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{PG}/{db}",
        "REDIS_URL": REDIS,
        "CACHE_KEY_PREFIX": f"smoke-{RUN}",
        "CELERY_TASK_DEFAULT_QUEUE": f"smoke-{RUN}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "smoke",
        "AWS_SECRET_ACCESS_KEY": "smoke-secret",
        "WAGTAILADMIN_BASE_URL": "https://platform.example.org",
    })
    return env


SECRET_KEY = secrets.token_urlsafe(60)


def run_stack(tmp, procs, admin, databases, py, s3_port, smtp_port, bucket, db, mailbox):
    bin_ = py.parent
    env = app_env(tmp, py, s3_port, smtp_port, bucket, db)
    s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{s3_port}", region_name="us-east-1",
                      aws_access_key_id="smoke", aws_secret_access_key="smoke-secret")  # noqa: S106

    with phase("collectstatic (production settings)"):
        run(str(py), "manage.py", "collectstatic", "--noinput", "-v0", env=env)

    with phase("start moto S3 with a bucket"):
        moto = procs.start("moto", str(Path(sys.executable).parent / "moto_server"),
                           "-H", "127.0.0.1", "-p", str(s3_port), env=os.environ.copy())
        wait_http(f"http://127.0.0.1:{s3_port}/", moto)
        s3.create_bucket(Bucket=bucket)

    with phase("database: create, migrate, seed demo data (its files into the bucket)"):
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{db}"')
        databases.append(db)
        run(str(py), "manage.py", "migrate", "--noinput", "-v0", env=env)
        run(str(py), "manage.py", "seed_demo", "--i-know-this-is-not-production", env=env)

    with phase("start 2 x gunicorn (2 workers), Celery worker and beat"):
        ports = [free_port(), free_port()]
        webs = [procs.start(f"gunicorn-{i}", str(bin_ / "gunicorn"),
                            "clusterpolisee.wsgi:application", "--workers", "2",
                            "--bind", f"127.0.0.1:{port}", "--access-logfile", "-", env=env)
                for i, port in enumerate(ports)]
        worker = procs.start("celery-worker", str(bin_ / "celery"), "-A", "clusterpolisee",
                             "worker", "--concurrency", "2", "--loglevel", "INFO",
                             "-Q", env["CELERY_TASK_DEFAULT_QUEUE"], "-n", f"smoke-{RUN}@%h",
                             env=env)
        beat = procs.start("celery-beat", str(bin_ / "celery"), "-A", "clusterpolisee",
                           "beat", "--loglevel", "INFO",
                           "--schedule", str(tmp / "beat-schedule"), env=env)
        for port, web in zip(ports, webs, strict=True):
            wait_http(f"http://127.0.0.1:{port}/healthz/", web)
    a, b = (f"http://127.0.0.1:{port}" for port in ports)

    with phase("health: /healthz/ 200 on both, plain HTTP (no TLS redirect); worker ping"):
        for base in (a, b):
            response = requests.get(base + "/healthz/", headers={"Accept": "application/json"},
                                    timeout=30)
            check(response.status_code == 200, f"{base}/healthz/: {response.status_code} "
                                                f"{response.text[:500]}")
            check(response.headers.get("X-Request-ID"), "no X-Request-ID in the answer")
        deadline = time.monotonic() + 60
        while True:
            response = requests.get(a + "/healthz/worker/", timeout=30)
            if response.status_code == 200:
                break
            check(worker.poll() is None, "the Celery worker exited")
            check(time.monotonic() < deadline, f"worker ping: {response.text[:300]}")
            time.sleep(1)
        check(beat.poll() is None, "celery beat exited")

    browser = Browser()
    with phase("log in through allauth on A"):
        page = browser.get(a, "/accounts/login/")
        check(page.status_code == 200, f"login page: {page.status_code}")
        token = csrf_from(page.text)
        response = browser.request("POST", a, "/accounts/login/", data={
            "csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD})
        check(response.status_code == 302, f"login: {response.status_code} {response.text[:300]}")
        check("sessionid" in browser.cookies, "no session cookie after login")
        dashboard = browser.get(b, "/dashboard/")
        check(dashboard.status_code == 200, f"B does not know A's session: {dashboard.status_code}")

    payload = b"%PDF-1.4\n% ClusterPoliSEE smoke " + secrets.token_hex(16).encode() + \
        b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    title = f"Smoke document {RUN}"
    with phase("upload a document on A, download it on B"):
        form = browser.get(a, "/partners/marche-region/workspace/upload/")
        check(form.status_code == 200, f"upload form: {form.status_code}")
        response = browser.post(a, "/partners/marche-region/workspace/upload/",
                                {"title": title, "description": "smoke"},
                                files={"file": ("smoke.pdf", payload, "application/pdf")})
        check(response.status_code == 302, f"upload: {response.status_code} "
                                            f"{response.text[:500]}")
        detail = response.headers["Location"]
        doc_id = re.search(r"/documents/(\d+)/", detail).group(1)
        download = browser.get(b, f"/documents/{doc_id}/download/")
        check(download.status_code == 200, f"download on B: {download.status_code}")
        check(download.content == payload, "B served different bytes")
        page = browser.get(b, f"/documents/{doc_id}/")
        check(page.status_code == 200, f"document page: {page.status_code}")
        check(str(s3_port) not in page.text and bucket not in page.text,
              "the document page gives out a bucket URL")
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        stored = [k for k in keys if k.startswith("private/documents/")]
        check(stored, f"no private object in the bucket: {keys}")
        check(any(s3.get_object(Bucket=bucket, Key=k)["Body"].read() == payload for k in stored),
              "the upload's bytes are not in the bucket")
        anonymous = requests.get(b + f"/documents/{doc_id}/download/",
                                 headers={"X-Forwarded-Proto": "https"}, allow_redirects=False,
                                 timeout=30)
        check(anonymous.status_code in (302, 404), f"anonymous download: {anonymous.status_code}")

    with phase("static: hashed name, far-future caching (whitenoise)"):
        html = requests.get(a + "/accounts/login/", headers={"X-Forwarded-Proto": "https"},
                            timeout=30).text
        match = re.search(r'/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js)', html)
        check(match, "no hashed static file in the page")
        response = requests.get(a + match.group(0), headers={"X-Forwarded-Proto": "https"},
                                timeout=30)
        check(response.status_code == 200, f"{match.group(0)}: {response.status_code}")
        max_age = int(re.search(r"max-age=(\d+)", response.headers.get("Cache-Control", ""))
                      .group(1))
        check(max_age >= 365 * 24 * 3600, f"Cache-Control: {response.headers['Cache-Control']}")

    with phase("same cached page from both instances (Redis)"):
        client = redis.Redis.from_url(REDIS)
        first = requests.get(a + "/library/", headers={"X-Forwarded-Proto": "https"},
                             timeout=30)
        check(first.status_code == 200, f"library on A: {first.status_code}")
        keys_after_a = set(client.scan_iter(f"*smoke-{RUN}*"))
        check(keys_after_a, "A cached nothing in Redis")
        second = requests.get(b + "/library/", headers={"X-Forwarded-Proto": "https"},
                              timeout=30)
        strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
        check(strip.sub("", first.text) == strip.sub("", second.text),
              "A and B served different library pages")
        new_keys = set(client.scan_iter(f"*smoke-{RUN}*")) - keys_after_a
        check(not [k for k in new_keys if b"library" in k],
              f"B computed its own library answer: {new_keys}")

    with phase("e-mail: the upload's immediate e-mail, a topic's daily digest, each once"):
        response = None
        for code in ("WG1", "WG2", "WG3", "WG4", "WG5"):
            browser.get(b, f"/wg/{code}/")
            response = browser.post(b, f"/wg/{code}/topics/new/", {
                "title": f"Smoke topic {RUN}", "body": "A topic for the daily digest."})
            if response.status_code == 302 and "/topics/" in response.headers["Location"]:
                break
        else:
            raise SmokeFailure("the demo member could start a topic in no working group")
        deadline = time.monotonic() + 60
        while not any(ADMIN in to and title in subject for to, subject in mailbox.messages):
            check(time.monotonic() < deadline, f"no immediate e-mail: {mailbox.messages}")
            time.sleep(0.5)
        today = datetime.datetime.now(ZoneInfo("Europe/Sofia")).date()  # TIME_ZONE
        # through the running worker, as beat's daily entry does (send_due_digests picks
        # yesterday; the topic is today's)
        run(str(bin_ / "celery"), "-A", "clusterpolisee", "call",
            "notifications.tasks.start_digest_run", "--args", f'["daily", "{today}"]',
            "--queue", env["CELERY_TASK_DEFAULT_QUEUE"], env=env)
        deadline = time.monotonic() + 60
        while not [m for m in mailbox.messages if "digest" in m[1].lower()]:
            check(time.monotonic() < deadline, f"no digest e-mail: {mailbox.messages}")
            time.sleep(0.5)
        time.sleep(3)  # a duplicate, if there were one, would arrive now
        immediate = [m for m in mailbox.messages if title in m[1]]
        check(len([m for m in immediate if ADMIN in m[0]]) == 1,
              f"immediate e-mails to the partner admin: {immediate}")
        digests = [m for m in mailbox.messages if "digest" in m[1].lower()]
        recipients = [to for to, _ in digests]
        check(len(recipients) == len(set(recipients)), f"a digest sent twice: {digests}")
        check(recipients, "no digest was sent")

    with phase("backup, restore into a new database and bucket, serve the document"):
        backup_dir = tmp / "backup"
        run(str(py), "manage.py", "backup", str(backup_dir), env=env)
        db2, bucket2 = db + "_restored", bucket + "-restored"
        with admin.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{db2}"')
        databases.append(db2)
        s3.create_bucket(Bucket=bucket2)
        env2 = {**env, "DATABASE_URL": f"{PG}/{db2}", "AWS_STORAGE_BUCKET_NAME": bucket2,
                "CACHE_KEY_PREFIX": f"smoke-{RUN}-restored"}
        run(str(py), "manage.py", "restore", str(backup_dir), env=env2)
        port = free_port()
        web = procs.start("gunicorn-restored", str(bin_ / "gunicorn"),
                          "clusterpolisee.wsgi:application", "--workers", "1",
                          "--bind", f"127.0.0.1:{port}", env=env2)
        c = f"http://127.0.0.1:{port}"
        wait_http(c + "/healthz/", web)
        # the sessions table came back too: the same cookie is still logged in
        download = browser.get(c, f"/documents/{doc_id}/download/")
        check(download.status_code == 200, f"download after restore: {download.status_code}")
        check(download.content == payload, "the restored instance served different bytes")
        restored = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket2).get("Contents", [])]
        check(any(k.startswith("private/documents/") for k in restored),
              f"nothing restored into the new bucket: {restored}")


if __name__ == "__main__":
    try:
        main()
    except SmokeFailure as failure:
        print(f"\nSMOKE FAILURE: {failure}", file=sys.stderr)
        sys.exit(1)
