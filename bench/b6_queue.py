"""B6: 1,000 checks queued at once, drained by a Celery worker (as ``make worker`` starts it).

Stack (bench/stack.py): PostgreSQL, Redis as broker, ``celery worker --concurrency=2``
(prefork: two worker processes on the two cores), already idle and waiting.

In one transaction this process stores 1,000 uploads through the portal's own service
(``store_file``: hash, rename into MEDIA_ROOT, row) on "活动图片" and "长/短视频" items of the
bench units — 90 % pictures (a 6-megapixel JPEG, ~3.4 MB) and 10 % videos (2 s of 720p with
AAC); ``store_file`` enqueues each check on commit, so all 1,000 land in the queue at once.
The clock runs from the commit until every file has ``checked_at`` set; each check is the full
one (decode to verify, the rules, a preview or poster frame, verdicts saved, the item's status
refreshed). --quick queues 30.
"""

import time

import common
import stack

VIDEO_SHARE = 0.10


def enqueue(count: int, picture: bytes, video: bytes) -> float:
    """Store ``count`` files in one transaction; return when the commit (and so every
    ``delay``) was done, as a perf_counter time."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from accounts.models import User
    from inspection.sniff import sniff
    from submissions.models import Requirement, Submission
    from submissions.services.files import store_file

    requirements = {
        code: Requirement.objects.get(
            call__edition__is_current=True, call__code="publicity", code=code
        )
        for code in ("photos", "video")
    }
    users = list(User.objects.filter(username__startswith="bench").select_related("unit"))
    activities = {user.pk: user.unit.activities.get() for user in users}
    videos = max(1, round(count * VIDEO_SHARE))
    with transaction.atomic():
        for number in range(count):
            is_video = number < videos
            user = users[number % len(users)]
            item = Submission.objects.create(
                requirement=requirements["video" if is_video else "photos"],
                unit=user.unit,
                activity=activities[user.pk],
                status="checking",
                created_by=user,
                data={"title": "基准测试"} if is_video else {"caption": "基准测试"},
            )
            content = ContentFile(
                video if is_video else picture, name="v.mp4" if is_video else "p.jpg"
            )
            store_file(
                submission=item,
                role="main" if is_video else "photo",
                upload=content,
                sniffed=sniff(content),
                by=user,
            )
        # on_commit callbacks (the 1,000 delay() calls) run when this block exits.
    return time.perf_counter()


def wait_drained(count: int, timeout: float) -> tuple[int, float]:
    from submissions.models import MaterialFile

    while True:
        checked = MaterialFile.objects.exclude(checked_at=None).count()
        now = time.perf_counter()
        if checked >= count or now > timeout:
            return checked, now
        time.sleep(0.2)


def status_counts() -> dict:
    from django.db.models import Count

    from submissions.models import MaterialFile

    rows = MaterialFile.objects.values_list("check_status").annotate(n=Count("pk"))
    return dict(rows.order_by())


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    count = 1000 if args.full else 30
    processes = 2
    from bench import mediagen
    from tests import media

    picture = mediagen.jpeg(3000, 2000, quality=92)
    with common.workdir(args) as scratch:
        video = media.video(
            scratch / "clip.mp4", width=1280, height=720, seconds=2, fps=25, audio=True
        ).read_bytes()
        with stack.running(scratch, web_workers=1, worker_processes=processes) as running:
            stack.django_in_stack(running.env)
            started = time.perf_counter()
            committed = enqueue(count, picture, video)
            print(
                f"   B6: {count} stored and queued in {committed - started:.1f} s; draining ...",
                flush=True,
            )
            checked, finished = wait_drained(count, timeout=committed + max(600, count * 2))
            outcomes = status_counts()
    drain = finished - committed
    rate = checked / drain
    results = {
        "queued": count,
        "checked": checked,
        "check_status_counts": outcomes,
        "mix": {
            "pictures": count - max(1, round(count * VIDEO_SHARE)),
            "videos": max(1, round(count * VIDEO_SHARE)),
        },
        "picture_bytes": len(picture),
        "video_bytes": len(video),
        "store_and_enqueue_s": round(committed - started, 1),
        "drain_s": round(drain, 1),
        "worker_processes": processes,
        "checks_per_second": round(rate, 1),
        "checks_per_second_per_worker_process": round(rate / processes, 1),
    }
    results["targets"] = {"all checked": common.verdict(checked == count)}
    print(
        f"B6 {checked}/{count} checked in {drain:.1f} s: {rate:.1f} checks/s,"
        f" {rate / processes:.1f} per worker process; statuses {outcomes}"
    )
    for target, met in results["targets"].items():
        print(f"   {met:6} {target}")
    common.save("b6_queue", results, full=args.full)


if __name__ == "__main__":
    main()
