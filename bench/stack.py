"""The real stack on loopback for B3, B4 and B6: gunicorn, PostgreSQL, Redis, a Celery worker.

- PostgreSQL (127.0.0.1:5432, user postgres): a template database ``ciep_bench_template`` is
  migrated and seeded once (the 21st CIEP, the demo edition, ``BENCH_LIAISONS`` liaisons of
  their own units with one activity each) and rebuilt when the migrations or seeds change;
  each benchmark gets a fresh ``ciep_bench`` copied from it and dropped at the end.
- Redis: broker database 13, cache database 14, emptied before and after.
- Production settings (DEBUG=false, Redis cache, separate worker) with ``bench.settings``,
  which only adds the trivial view; media and temporary uploads in a temporary directory on
  the disk of the work tree.

Every process started here is stopped here, by its own process id.
"""

import hashlib
import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import common

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
DATABASE, TEMPLATE = "ciep_bench", "ciep_bench_template"
BROKER_DB, CACHE_DB = 13, 14
BENCH_LIAISONS = 64
PASSWORD = "bench-liaison-2026"
BIN = Path(common.PYTHON).parent


def environment(media_root: Path, database: str = DATABASE) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PYTHONPATH": str(common.ROOT),
            "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{BROKER_DB}",
            "CACHE_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_MANIFEST": "false",
            "MEDIA_ROOT": str(media_root),
            "FILE_UPLOAD_TEMP_DIR": str(media_root / "tmp"),
            "VAR_DIR": str(media_root.parent / "var"),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _admin_sql(*statements: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", **PG)
    connection.autocommit = True
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    connection.close()


def _comment(database: str) -> str | None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", **PG)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [database],
        )
        row = cursor.fetchone()
    connection.close()
    return row[0] if row else None


def _fingerprint() -> str:
    """Changes when a migration, the seeds or the bench seed change."""
    digest = hashlib.sha256()
    paths = sorted(common.ROOT.glob("*/migrations/*.py"))
    paths += sorted((common.ROOT / "submissions" / "seed").glob("*.py"))
    paths += [common.BENCH / "seed.py"]
    for path in paths:
        digest.update(str(path.relative_to(common.ROOT)).encode())
        digest.update(path.read_bytes())
    return f"bench template {digest.hexdigest()[:16]} liaisons={BENCH_LIAISONS}"


def _terminate(database: str) -> str:
    return (
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"
    )


def prepare_database(scratch: Path) -> None:
    """A fresh ``ciep_bench`` from the template, building the template if it is stale."""
    fingerprint = _fingerprint()
    if _comment(TEMPLATE) != fingerprint:
        print("   building the template database (migrate + seed), once ...", flush=True)
        started = time.monotonic()
        _admin_sql(_terminate(TEMPLATE), f"DROP DATABASE IF EXISTS {TEMPLATE}")
        _admin_sql(f"CREATE DATABASE {TEMPLATE}")
        env = environment(scratch / "media", database=TEMPLATE)
        manage = [common.PYTHON, str(common.ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)
        subprocess.run(
            [common.PYTHON, str(common.BENCH / "seed.py"), str(BENCH_LIAISONS), PASSWORD],
            env=env,
            check=True,
        )
        _admin_sql(f"COMMENT ON DATABASE {TEMPLATE} IS '{fingerprint}'")
        print(f"   template ready in {time.monotonic() - started:.0f} s", flush=True)
    _admin_sql(_terminate(DATABASE), f"DROP DATABASE IF EXISTS {DATABASE}")
    _admin_sql(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")


def drop_database() -> None:
    _admin_sql(_terminate(DATABASE), f"DROP DATABASE IF EXISTS {DATABASE}")


def flush_redis() -> None:
    import redis

    for db in (BROKER_DB, CACHE_DB):
        redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_http(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def _wait_worker(env: dict, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited with {process.returncode}")
        ping = subprocess.run(
            [str(BIN / "celery"), "-A", "ciep_portal", "inspect", "ping", "--timeout", "1"],
            env=env,
            capture_output=True,
            text=True,
        )
        if "pong" in ping.stdout:
            return
        time.sleep(0.5)
    raise RuntimeError("the Celery worker did not answer a ping")


def _stop(process: subprocess.Popen, timeout: float = 30) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn and celery: graceful shutdown
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Stack:
    def __init__(self, base_url, env, media_root, gunicorn, worker, log_dir):
        self.base_url, self.env, self.media_root = base_url, env, media_root
        self.gunicorn, self.worker, self.log_dir = gunicorn, worker, log_dir

    def web_pids(self) -> list[int]:
        """The gunicorn worker processes (the arbiter's children)."""
        import psutil

        return [child.pid for child in psutil.Process(self.gunicorn.pid).children()]

    def worker_pids(self) -> list[int]:
        import psutil

        if self.worker is None:
            return []
        return [child.pid for child in psutil.Process(self.worker.pid).children()]


@contextmanager
def running(scratch: Path, *, web_workers: int = 4, worker_processes: int = 0):
    """The stack on a free loopback port; everything stopped and dropped on the way out."""
    media_root = scratch / "media"
    (media_root / "tmp").mkdir(parents=True, exist_ok=True)
    log_dir = scratch / "logs"
    log_dir.mkdir(exist_ok=True)
    prepare_database(scratch)
    flush_redis()
    env = environment(media_root)
    port = free_port()
    processes = []
    try:
        gunicorn = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "ciep_portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(web_workers),
                "--timeout",
                "300",  # as the Procfile: a 1 GB upload through a slow line
                "--error-logfile",
                str(log_dir / "gunicorn.log"),
            ],
            env=env,
            cwd=common.ROOT,
        )
        processes.append(gunicorn)
        worker = None
        if worker_processes:
            worker = subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "ciep_portal",
                    "worker",
                    "--loglevel=WARNING",
                    f"--concurrency={worker_processes}",
                    f"--logfile={log_dir / 'worker.log'}",
                    "--hostname=bench@%h",
                ],
                env=env,
                cwd=common.ROOT,
                # The banner, and Celery's warning that it runs as root (here, a container).
                stdout=subprocess.DEVNULL,
                stderr=open(log_dir / "worker.stderr", "w"),  # noqa: SIM115 (closed at exit)
            )
            processes.append(worker)
        base_url = f"http://127.0.0.1:{port}"
        _wait_http(f"{base_url}/accounts/login/", gunicorn)
        if worker is not None:
            _wait_worker(env, worker)
        yield Stack(base_url, env, media_root, gunicorn, worker, log_dir)
    finally:
        for process in reversed(processes):
            _stop(process)
        flush_redis()
        drop_database()


def django_in_stack(stack_env: dict) -> None:
    """Let this process use the stack's database and broker through the ORM (to seed a run,
    enqueue tasks, or read what the portal stored)."""
    os.environ.update(stack_env)
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    common.setup_django("bench.settings")
