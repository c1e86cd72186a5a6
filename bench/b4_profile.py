"""B4 in-process: one liaison's dashboard against the trivial signed-in view, without a server.

Both pages go through the whole middleware stack in this process (Django's test client, signed
in as a demo liaison), interleaved request by request, with the queries of each counted. It
shows what the dashboard itself costs, which the surge (b4_surge.py) hides behind gunicorn's
queue. The database is whatever DATABASE_URL names and must hold the demo
(``manage.py load_ciep21 && manage.py load_demo``), e.g.

    DATABASE_URL=sqlite:////tmp/b4.sqlite3 python bench/b4_profile.py --runs 50
    ... --profile 20    # pyinstrument's tree of 20 dashboard requests (pip install pyinstrument)
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Production settings, as bench/stack.py gives gunicorn; the caller's environment wins.
for name, value in {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_MANIFEST": "false",
    "LOG_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402 (after the settings module is chosen)

django.setup()

from common import median, percentile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = {"dashboard": "/dashboard/", "trivial": "/bench/trivial/"}


def signed_in(username: str) -> Client:
    from accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1")  # in ALLOWED_HOSTS by default
    client.force_login(User.objects.get(username=username))
    return client


def measure(client: Client, runs: int) -> dict[str, tuple[list[float], list[float], int]]:
    """Wall and CPU time (this thread's: on a shared machine it moves less) of each page."""
    times = {name: [] for name in PAGES}
    cpu = {name: [] for name in PAGES}
    queries = {}
    for url in PAGES.values():  # warm-up: imports, template loading, caches
        assert client.get(url).status_code == 200, url
    for _run in range(runs):
        for name, url in PAGES.items():
            with CaptureQueriesContext(connection) as captured:
                start, start_cpu = time.perf_counter(), time.thread_time()
                response = client.get(url)
                times[name].append(time.perf_counter() - start)
                cpu[name].append(time.thread_time() - start_cpu)
            assert response.status_code == 200, (url, response.status_code)
            queries[name] = len(captured)
    return {name: (times[name], cpu[name], queries[name]) for name in PAGES}


def profile(client: Client, requests: int) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _request in range(requests):
            client.get(PAGES["dashboard"])
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--user", default="liaison_gd")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--sql", action="store_true", help="print the dashboard's queries")
    args = parser.parse_args()
    client = signed_in(args.user)
    if args.sql:
        with CaptureQueriesContext(connection) as captured:
            client.get(PAGES["dashboard"])
        for query in captured:
            print(query["sql"][:160])
    if args.profile:
        profile(client, args.profile)
        return
    results = measure(client, args.runs)
    for name, (times, cpu, queries) in results.items():
        p50, p95, p50_cpu = median(times) * 1000, percentile(times, 0.95) * 1000, median(cpu) * 1000
        figures = f"median {p50:6.1f} ms  p95 {p95:6.1f} ms  CPU {p50_cpu:6.1f} ms"
        print(f"{name:10} {figures}  queries {queries:3}  n={len(times)}")
    dashboard, trivial = results["dashboard"], results["trivial"]
    print(
        f"dashboard / trivial: median {median(dashboard[0]) / median(trivial[0]):.2f}x, "
        f"p95 {percentile(dashboard[0], 0.95) / percentile(trivial[0], 0.95):.2f}x, "
        f"CPU {median(dashboard[1]) / median(trivial[1]):.2f}x"
    )


if __name__ == "__main__":
    main()
