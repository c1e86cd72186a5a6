"""B4: the deadline surge — N liaisons at once for a fixed time on the whole stack.

Stack (bench/stack.py): gunicorn with 4 sync workers (as the Procfile), PostgreSQL, Redis as
cache and broker, one Celery worker process pool of 2 checking every upload as it arrives.

Each simulated liaison (a thread of this process with its own session, logged in before the
clock starts) repeats, without pause, until the time is up:

1. GET  /dashboard/                          — the unit's dashboard (unit_dashboard);
2. GET  /bench/trivial/                      — a signed-in view that does nothing (bench.urls),
                                               the baseline, same users, same moment;
3. POST /unit/activities/<id>/               — save the activity form (a changed place);
4. POST /requirements/<photos>/?activity=<id> — a new "活动图片" item with a ~5 MB JPEG,
                                               unique per upload (a JPEG comment segment).

Every response must be the expected one (200 or the redirect after a save); any other status or
exception counts as an error. After the run, once the worker has drained, every upload's stored
file is hashed on disk and compared with the SHA-256 of what was sent (and the one recorded).

--full: 24 liaisons for 120 s; --quick: 4 liaisons for 10 s. The load generator shares the two
cores with the stack, so throughput is a floor; latencies are measured by the client.
"""

import collections
import hashlib
import resource
import struct
import threading
import time
from datetime import timedelta

import common
import stack
from client import Browser

TARGET_P95_RATIO = 2.0
EXPECTED = {"dashboard": 200, "trivial": 200, "save_form": 302, "upload": 302}


def unique_jpeg(picture: bytes, tag: str) -> bytes:
    """The same picture with a COM segment naming the upload: a distinct, valid JPEG."""
    comment = f"bench upload {tag}".encode()
    return picture[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + picture[2:]


class Liaison:
    def __init__(self, base_url, username, photos_pk, activity, section_pk):
        from django.utils import timezone

        self.browser = Browser(base_url)
        self.browser.login(username, stack.PASSWORD)
        self.username = username
        self.activity_path = f"/unit/activities/{activity.pk}/"
        self.upload_path = f"/requirements/{photos_pk}/?activity={activity.pk}"

        def local(moment):
            return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")

        self.activity_form = {
            "name": activity.name,
            "section": section_pk,
            "starts_at": local(activity.starts_at),
            "ends_at": local(activity.ends_at),
            "hall": "",
            "zone": "",
            "live_room_url": "",
        }


class Surge:
    def __init__(self, running: stack.Stack, users: int, seconds: float, picture: bytes):
        from accounts.models import User
        from submissions.models import Requirement

        photos = Requirement.objects.get(
            call__edition__is_current=True, call__code="publicity", code="photos"
        )
        self.liaisons = []
        for number in range(1, users + 1):
            user = User.objects.select_related("unit").get(username=f"bench{number:03}")
            activity = user.unit.activities.get()
            self.liaisons.append(
                Liaison(running.base_url, user.username, photos.pk, activity, activity.section_id)
            )
        self.seconds, self.picture = seconds, picture
        self.latencies = collections.defaultdict(list)
        self.errors = collections.Counter()
        self.error_samples = []
        self.uploads = []  # (item path, sha256 sent)
        self.lock = threading.Lock()

    def run(self) -> float:
        self.deadline = time.monotonic() + self.seconds
        threads = [
            threading.Thread(target=self._loop, args=(liaison,)) for liaison in self.liaisons
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started

    def _loop(self, liaison: Liaison) -> None:
        counter = 0
        steps = (self._dashboard, self._trivial, self._save_form, self._upload)
        while time.monotonic() < self.deadline:
            for step in steps:
                if time.monotonic() >= self.deadline:
                    return
                counter += 1
                self._timed(step.__name__.strip("_"), step, liaison, counter)

    def _timed(self, kind, step, liaison, counter) -> None:
        started = time.perf_counter()
        try:
            response = step(liaison, counter)
        except Exception as exc:  # a dropped connection is an error of the run, not a crash
            with self.lock:
                self.errors[kind] += 1
                self.error_samples.append(f"{kind}: {exc!r}"[:300])
            return
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies[kind].append(elapsed)
            if response.status_code != EXPECTED[kind]:
                self.errors[kind] += 1
                self.error_samples.append(f"{kind}: HTTP {response.status_code}")

    def _dashboard(self, liaison, counter):
        return liaison.browser.session.get(liaison.browser.url("/dashboard/"))

    def _trivial(self, liaison, counter):
        return liaison.browser.session.get(liaison.browser.url("/bench/trivial/"))

    def _save_form(self, liaison, counter):
        data = {
            **liaison.activity_form,
            "place": f"深圳会展中心5楼会议室（第 {counter} 次修改）",
            "csrfmiddlewaretoken": liaison.browser.csrf_token,
        }
        return liaison.browser.session.post(
            liaison.browser.url(liaison.activity_path), data=data, allow_redirects=False
        )

    def _upload(self, liaison, counter):
        picture = unique_jpeg(self.picture, f"{liaison.username}-{counter}")
        response = liaison.browser.session.post(
            liaison.browser.url(liaison.upload_path),
            data={"caption": "活动现场", "csrfmiddlewaretoken": liaison.browser.csrf_token},
            files={"photo": (f"现场-{counter}.jpg", picture, "image/jpeg")},
            allow_redirects=False,
        )
        if response.status_code == 302:
            with self.lock:
                self.uploads.append(
                    (response.headers["Location"], hashlib.sha256(picture).hexdigest())
                )
        return response


def wait_for_checks(timeout: float) -> tuple[int, int, float]:
    """Wait for the worker to check every stored file; (checked, total, seconds waited)."""
    from submissions.models import MaterialFile

    started = time.monotonic()
    while True:
        total = MaterialFile.objects.count()
        checked = MaterialFile.objects.exclude(checked_at=None).count()
        if checked == total or time.monotonic() - started > timeout:
            return checked, total, time.monotonic() - started
        time.sleep(1)


def verify_uploads(uploads) -> dict:
    from submissions.models import MaterialFile

    matching, recorded, mismatched = 0, 0, []
    for location, sent in uploads:
        item_id = int(location.rstrip("/").rsplit("/", 1)[-1])
        files = list(MaterialFile.objects.filter(submission_id=item_id, role="photo"))
        on_disk = [hashlib.sha256(f.file.open("rb").read()).hexdigest() for f in files]
        # The worker's check records the hash; a file it has not reached yet has none.
        if len(files) == 1 and on_disk == [sent] and files[0].sha256 in (sent, ""):
            matching += 1
            recorded += files[0].sha256 == sent
        else:
            mismatched.append(item_id)
    return {
        "uploads": len(uploads),
        "matching_sha256": matching,
        "hash_recorded_by_check": recorded,
        "mismatched_items": mismatched,
    }


def summary(values) -> dict:
    return {
        "count": len(values),
        "p50_ms": common.ms(common.percentile(values, 0.50)) if values else None,
        "p95_ms": common.ms(common.percentile(values, 0.95)) if values else None,
        "p99_ms": common.ms(common.percentile(values, 0.99)) if values else None,
        "max_ms": common.ms(max(values)) if values else None,
    }


def main():
    args = common.parse_args(
        __doc__.splitlines()[0],
        extra=lambda parser: (
            parser.add_argument("--users", type=int, default=None),
            parser.add_argument("--seconds", type=float, default=None),
        ),
    )
    users = args.users or (24 if args.full else 4)
    seconds = args.seconds or (120 if args.full else 10)
    from bench import mediagen

    picture = mediagen.jpeg_of_size(5 * 10**6)
    with (
        common.workdir(args) as scratch,
        stack.running(scratch, web_workers=4, worker_processes=2) as running,
    ):
        stack.django_in_stack(running.env)
        surge = Surge(running, users, seconds, picture)
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        print(f"   B4: {users} liaisons for {seconds:.0f} s ...", flush=True)
        elapsed = surge.run()
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        checked, total, waited = wait_for_checks(timeout=seconds if args.full else 5)
        verified = verify_uploads(surge.uploads)
    client_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (
        cpu_before.ru_utime + cpu_before.ru_stime
    )
    latencies = {kind: summary(values) for kind, values in surge.latencies.items()}
    requests_done = sum(len(v) for v in surge.latencies.values())
    ratio = latencies["dashboard"]["p95_ms"] / latencies["trivial"]["p95_ms"]
    results = {
        "liaisons": users,
        "seconds": round(elapsed, 1),
        "picture_bytes": len(picture),
        "requests": requests_done,
        "requests_per_second": round(requests_done / elapsed, 1),
        "latency": latencies,
        "p95_dashboard_over_trivial": round(ratio, 2),
        "errors": dict(surge.errors),
        "error_samples": surge.error_samples[:20],
        "uploads": verified,
        "checks": {"checked": checked, "stored": total, "drained_after_s": round(waited, 1)},
        "load_generator_cpu_s": round(client_cpu, 1),
        "load_generator_cpu_share_of_2_cores": f"{client_cpu / elapsed / 2:.0%}",
        "elapsed_after_run": str(timedelta(seconds=round(waited))),
    }
    results["targets"] = {
        "p95 dashboard <= 2x p95 trivial view": common.verdict(ratio <= TARGET_P95_RATIO),
        "zero errors": common.verdict(not surge.errors),
        "every upload stored with a matching SHA-256": common.verdict(
            verified["uploads"] > 0 and verified["matching_sha256"] == verified["uploads"]
        ),
    }
    for kind in ("dashboard", "trivial", "save_form", "upload"):
        row = latencies.get(kind, {})
        print(
            f"B4 {kind:9} n={row.get('count')} p50 {row.get('p50_ms')} ms"
            f" p95 {row.get('p95_ms')} ms p99 {row.get('p99_ms')} ms"
        )
    print(
        f"B4 {users} liaisons, {results['requests_per_second']} req/s; p95 dashboard/trivial"
        f" = {ratio:.2f}; errors {dict(surge.errors)}; uploads {verified['matching_sha256']}/"
        f"{verified['uploads']} match; checks {checked}/{total}"
    )
    for target, met in results["targets"].items():
        print(f"   {met:6} {target}")
    common.save("b4_surge", results, full=args.full)


if __name__ == "__main__":
    main()
