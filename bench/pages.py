"""Whole-stack speed of the portal's pages against a floor, over real HTTP.

    .venv/bin/python bench/pages.py [--scale 1] [--duration 10] [--connections 8]

Builds two apps on the same servers — the product with production settings, and the floor
(``bench/floor``: session and authentication middleware, one 20-row ORM query, a small
template; under ``cache_page`` for anonymous pages) — each in a throw-away PostgreSQL
database, starts both under gunicorn with 2 sync workers, and runs wrk against each page
with the persona's session and CSRF cookies, alternating floor and page. Prints throughput
as a share of the floor's, p50 and p95 latency, and the load average. Logged-in pages are
measured twice: as served (the user's page cache on, core/page_cache.py) and computed (a
second product server with ``USER_PAGE_CACHE_SECONDS=0``), so the table shows both what a
returning user waits for and what a page costs to build.

``--scale 10`` adds ten times the demo data (250 partners, 1,000 practices, 20,000
comments, 50,000 activity items) before measuring. Everything it starts is stopped and
both databases are dropped at the end, whatever happens.
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0")

# (label, persona, path or a key resolved after seeding); persona None = anonymous
PAGES = [
    ("/dashboard/", "member", "/dashboard/"),
    ("/wg/WG3/", "member", "/wg/WG3/"),
    ("/partners/", "member", "/partners/"),
    ("/matchmaking/", "member", "/matchmaking/"),
    ("/library/?q=cluster", "member", "/library/?q=cluster"),
    ("a consultation", "member", "@consultation"),
    ("/notifications/", "member", "/notifications/"),
    ("/ (anonymous)", None, "/"),
    ("/library/ (anonymous)", None, "/library/"),
    ("a good practice (anonymous)", None, "@practice"),
    ("/partners/ (anonymous)", None, "/partners/"),
]
PERSONAS = {"member": "bsmepa.member@demo.clusterpolisee.example.org"}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
                 + summary.errors.write + summary.errors.timeout
  io.write(string.format('BENCH {"rps": %.2f, "p50": %.2f, "p95": %.2f, "errors": %d}\\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, errors))
end
"""

SESSION_SCRIPT = """
import json, sys
import django
django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
from consultations.selectors import consultations_visible_to
from knowledge.models import GoodPracticePage
from knowledge.selectors import practices_visible_to
from django.contrib.auth.models import AnonymousUser

personas = json.loads(sys.argv[1])
out = {"cookies": {}, "paths": {}}
for name, email in personas.items():
    client = Client(HTTP_HOST="127.0.0.1")
    user = get_user_model().objects.get(email=email)
    client.force_login(user)
    client.get("/dashboard/")  # a browser holds the CSRF cookie its first page set
    out["cookies"][name] = "; ".join(
        f"{cookie}={client.cookies[cookie].value}" for cookie in ("sessionid", "csrftoken"))
    consultation = consultations_visible_to(user).order_by("pk").first()
    out["paths"]["@consultation"] = consultation.get_absolute_url()
practice = practices_visible_to(AnonymousUser()).order_by("pk").first()
out["paths"]["@practice"] = GoodPracticePage.objects.get(pk=practice.pk).url
print("SESSIONS " + json.dumps(out))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql):
    subprocess.run(["psql", f"{PG}/postgres", "-qAtc", sql], check=True,
                   stdout=subprocess.DEVNULL)


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Stack:
    """Databases, servers and their environment; ``close()`` undoes everything."""

    def __init__(self, args):
        run_id = f"{os.getpid()}"
        self.product_db = f"bench_pages_{run_id}"
        self.floor_db = f"bench_floor_{run_id}"
        self.tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
        self.processes = []
        self.args = args
        self.product_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "clusterpolisee.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"{PG}/{self.product_db}",
            "REDIS_URL": REDIS,
            "CELERY_BROKER_URL": REDIS,
            "CACHE_KEY_PREFIX": f"bench-pages-{run_id}",
            "DJANGO_MEDIA_ROOT": str(self.tmp / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(self.tmp / "private"),
            "PYTHONPATH": str(ROOT),
        }
        self.floor_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.floor.settings",
            "FLOOR_DATABASE_URL": f"{PG}/{self.floor_db}",
            "FLOOR_REDIS_URL": REDIS,
            "FLOOR_CACHE_PREFIX": f"bench-floor-{run_id}",
            "PYTHONPATH": str(ROOT),
        }

    def manage(self, *argv, env, capture=False):
        result = subprocess.run([sys.executable, str(ROOT / "manage.py"), *argv], env=env,
                                cwd=ROOT, check=True, text=True,
                                capture_output=capture)
        return result.stdout if capture else None

    def build(self):
        psql(f"CREATE DATABASE {self.product_db}")
        psql(f"CREATE DATABASE {self.floor_db}")
        print("building the product (migrate, collectstatic, seed_demo) …", flush=True)
        env = self.product_env
        self.manage("migrate", "--noinput", "-v0", env=env)
        self.manage("collectstatic", "--noinput", "-v0", env=env)
        self.manage("seed_demo", "--i-know-this-is-not-production", env=env, capture=True)
        if self.args.scale > 1:
            print(f"adding {self.args.scale}x data …", flush=True)
            subprocess.run([sys.executable, str(ROOT / "bench" / "scale_data.py"),
                            "--factor", str(self.args.scale)], env=env, cwd=ROOT, check=True)
        out = subprocess.run([sys.executable, "-c", SESSION_SCRIPT, json.dumps(PERSONAS)],
                             env=env, cwd=ROOT, check=True, text=True, capture_output=True)
        line = next(x for x in out.stdout.splitlines() if x.startswith("SESSIONS "))
        self.sessions = json.loads(line.removeprefix("SESSIONS "))
        print("building the floor …", flush=True)
        env = self.floor_env
        self.manage("migrate", "--noinput", "-v0", env={**env})
        floor = subprocess.run([sys.executable, "-c", (
            "import django; django.setup()\n"
            "from django.contrib.auth.models import User\nfrom django.test import Client\n"
            "users = [User(username=f'user{i}', email=f'user{i}@floor.example.org')"
            " for i in range(20)]\nUser.objects.bulk_create(users)\n"
            "c = Client(); c.force_login(User.objects.first())\n"
            "print('FLOOR', 'sessionid=' + c.cookies['sessionid'].value)")],
            env=env, cwd=ROOT, check=True, text=True, capture_output=True)
        self.floor_cookie = floor.stdout.split("FLOOR ")[1].strip()

    def serve(self, wsgi, env, name):
        port = free_port()
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--chdir",
             str(ROOT), "--log-level", "warning", wsgi],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/healthz-none/", timeout=1)
            except urllib.error.HTTPError:
                return url
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{name} did not start: {(self.tmp / f'{name}.log').read_text()}")

    def close(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for db in (self.product_db, self.floor_db):
            try:
                psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
            except subprocess.CalledProcessError:
                print(f"could not drop {db}", file=sys.stderr)
        shutil.rmtree(self.tmp, ignore_errors=True)


def check(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        if response.status != 200 or response.url != url:
            raise RuntimeError(f"{url} answered {response.status} at {response.url}")


def wrk(url, cookie, duration, connections, script):
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
               "-s", script,
               url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, check=True, text=True, capture_output=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", help="measure only pages whose label contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    stack = Stack(args)
    try:
        stack.build()
        product = stack.serve("clusterpolisee.wsgi:application", stack.product_env, "product")
        # the same product without the logged-in page cache: what a page costs to compute
        computed = stack.serve("clusterpolisee.wsgi:application",
                               {**stack.product_env, "USER_PAGE_CACHE_SECONDS": "0"},
                               "computed")
        floor = stack.serve("bench.floor.wsgi:application", stack.floor_env, "floor")
        script = stack.tmp / "report.lua"
        script.write_text(WRK_SCRIPT)
        rows = []
        print(f"load average before: {loadavg()}", flush=True)
        for label, persona, path in PAGES:
            if args.only and args.only not in label:
                continue
            path = stack.sessions["paths"].get(path, path)
            cookie = stack.sessions["cookies"][persona] if persona else None
            floor_url, floor_cookie = ((f"{floor}/", stack.floor_cookie) if persona
                                       else (f"{floor}/cached/", None))
            check(product + path, cookie)
            check(floor_url, floor_cookie)
            for url, c in ((floor_url, floor_cookie), (product + path, cookie)):
                wrk(url, c, 2, args.connections, str(script))  # warm up
            base = wrk(floor_url, floor_cookie, args.duration, args.connections, str(script))
            page = wrk(product + path, cookie, args.duration, args.connections, str(script))
            fresh = None
            if persona:
                wrk(computed + path, cookie, 2, args.connections, str(script))  # warm up
                fresh = wrk(computed + path, cookie, args.duration, args.connections,
                            str(script))
            rows.append((label, page, base, fresh))
            print(f"  {label}: {page['rps']:.0f} req/s vs floor {base['rps']:.0f}, "
                  f"p95 {page['p95']:.1f} ms, errors {page['errors']}", flush=True)
        print()
        print(f"scale {args.scale}x, {args.connections} connections, {args.duration} s per "
              f"run, gunicorn 2 sync workers, production settings")
        print("| page | req/s | floor req/s | share of floor | p50 ms | p95 ms | errors "
              "| computed req/s | computed share | computed p95 ms |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for label, page, base, fresh in rows:
            kind = "cached floor" if "anonymous" in label else "floor"
            computed_cells = (f"{fresh['rps']:.0f} | {fresh['rps'] / base['rps']:.2f} | "
                              f"{fresh['p95']:.1f}" if fresh else "– | – | –")
            print(f"| {label} | {page['rps']:.0f} | {base['rps']:.0f} ({kind}) | "
                  f"{page['rps'] / base['rps']:.2f} | {page['p50']:.1f} | {page['p95']:.1f} | "
                  f"{page['errors'] + (fresh['errors'] if fresh else 0)} | {computed_cells} |")
        print(f"\nload average after: {loadavg()}")
    finally:
        stack.close()


if __name__ == "__main__":
    main()
