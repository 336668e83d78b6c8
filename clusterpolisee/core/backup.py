"""Backup and restore of what the platform keeps: the PostgreSQL database and both file
storages (public media and private files), whatever their backend (disk or bucket).

A backup is a directory: ``database.dump`` (pg_dump's custom format) and
``files/<storage alias>/<name>``. Restoring writes the same names into the storages the
settings configure, so a backup taken from disk can be restored into a bucket and back.
"""
import os
import posixpath
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages

from .storage import is_private_name

ALIASES = ("default", "private")


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        raise RuntimeError("backup and restore need PostgreSQL (DATABASE_URL)")
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def storage_names(alias: str):
    """Every stored name in one storage (public media skips the routed private names)."""
    storage = storages[alias]

    def walk(prefix):
        try:
            dirs, files = storage.listdir(prefix)
        except FileNotFoundError:  # an empty MEDIA_ROOT that was never created
            return
        for name in files:
            yield posixpath.join(prefix, name) if prefix else name
        for name in dirs:
            yield from walk(posixpath.join(prefix, name) if prefix else name)

    for name in walk(""):
        if alias == "default" and is_private_name(name):
            continue
        yield name


def backup(target: Path) -> dict:
    target.mkdir(parents=True, exist_ok=False)
    args, env = _pg_env()
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file",  # noqa: S603, S607
                    str(target / "database.dump"), *args], env=env, check=True)
    counts = {}
    for alias in ALIASES:
        counts[alias] = 0
        for name in storage_names(alias):
            path = target / "files" / alias / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with storages[alias].open(name, "rb") as source, open(path, "wb") as copy:
                shutil.copyfileobj(source, copy)
            counts[alias] += 1
    return counts


def restore(source: Path) -> dict:
    args, env = _pg_env()
    subprocess.run(["pg_restore", "--no-owner", "--clean", "--if-exists",  # noqa: S603, S607
                    "--exit-on-error", *args, str(source / "database.dump")],
                   env=env, check=True)
    counts = {}
    for alias in ALIASES:
        counts[alias] = 0
        root = source / "files" / alias
        if not root.is_dir():
            continue
        storage = storages[alias]
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            storage.delete(name)  # same name back, not a "name_x7Ab.pdf" beside it
            with open(path, "rb") as handle:
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise RuntimeError(f"{alias}: {name} was restored as {saved}")
            counts[alias] += 1
    return counts
