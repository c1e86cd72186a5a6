"""B7: a ZIP export of 2 GiB of materials, streamed, against ``zip -0 -r`` on the same files.

The export is ``submissions.exports.zip_stream`` (zipstream-ng, stored entries, files read
through the storage API in 1 MiB chunks) over ``files_of`` a selection of items, as the admin's
"export ZIP" action and the export job consume it; its chunks are written to a file on the same
disk, as zip writes its archive. The baseline, interleaved run by run:
``zip -0 -r -q OUT.zip DIR`` over the same files (no compression: the materials are JPEGs and
videos already). Memory: this process's VmHWM (peak RSS, reset before each export) minus its
RSS before.

Materials: 400 files of 5 MiB of random bytes (incompressible, like pictures and video) on
"活动图片" items of the 64 bench units, stored under MEDIA_ROOT with rows made directly
(bulk_create: the upload path is B3's). --quick: 40 files (200 MiB).
"""

import os
import subprocess
import time

import common
import stack

FILE_BYTES = 5 * common.MiB
TARGET_SHARE, TARGET_MEMORY = 0.70, 64 * common.MiB


def status_bytes(field: str) -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) * 1024


def make_materials(media_root, count: int):
    """``count`` stored files on photo items; returns the items' queryset."""
    from accounts.models import User
    from submissions.models import MaterialFile, Requirement, Submission

    photos = Requirement.objects.get(
        call__edition__is_current=True, call__code="publicity", code="photos"
    )
    users = list(User.objects.filter(username__startswith="bench").select_related("unit"))
    block = os.urandom(FILE_BYTES)
    directory = media_root / "bench-materials"
    directory.mkdir(parents=True, exist_ok=True)
    items = {}
    rows = []
    for number in range(count):
        user = users[number % len(users)]
        if user.pk not in items:
            items[user.pk] = Submission.objects.create(
                requirement=photos,
                unit=user.unit,
                activity=user.unit.activities.get(),
                status="in_review",
                created_by=user,
            )
        name = f"bench-materials/{number:05}.jpg"
        # A distinct first kilobyte per file, so no two files are the same.
        (media_root / name).write_bytes(number.to_bytes(8, "big") * 128 + block[1024:])
        rows.append(
            MaterialFile(
                submission=items[user.pk],
                role="photo",
                position=number // len(users) + 1,
                file=name,
                original_name=f"{number:05}.jpg",
                size=FILE_BYTES,
                sha256="0" * 64,
                detected_type="jpeg",
                check_status="passed",
                uploaded_by=user,
            )
        )
    MaterialFile.objects.bulk_create(rows)
    return Submission.objects.filter(pk__in=[item.pk for item in items.values()]), directory


def export(selection, target) -> tuple[int, int]:
    """Write the streamed ZIP to ``target``; return (bytes, peak RSS growth)."""
    from submissions import exports

    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # VmHWM starts afresh from the current RSS
    before = status_bytes("VmRSS")
    written = 0
    with open(target, "wb") as out:
        for chunk in exports.zip_stream(exports.files_of(selection)):
            out.write(chunk)
            written += len(chunk)
    return written, status_bytes("VmHWM") - before


def zip_baseline(directory, target) -> None:
    subprocess.run(
        ["zip", "-0", "-r", "-q", str(target), directory.name], cwd=directory.parent, check=True
    )


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    count = 400 if args.full else 40
    runs = args.runs or (5 if args.full else 3)
    with common.workdir(args) as scratch:
        media_root = scratch / "media"
        (media_root / "tmp").mkdir(parents=True)
        stack.prepare_database(scratch)
        try:
            stack.django_in_stack(stack.environment(media_root))
            selection, directory = make_materials(media_root, count)
            total = count * FILE_BYTES
            ours_out, zip_out = scratch / "export.zip", scratch / "zip-baseline.zip"
            times, growth, sizes = {"export": [], "zip": []}, [], []
            for run in range(runs):
                print(f"   B7 run {run + 1}/{runs}", flush=True)
                started = time.perf_counter()
                written, grown = export(selection, ours_out)
                times["export"].append(time.perf_counter() - started)
                growth.append(grown)
                sizes.append(written)
                ours_out.unlink()
                times["zip"].append(common.timed(lambda: zip_baseline(directory, zip_out))[0])
                zip_size = zip_out.stat().st_size
                zip_out.unlink()
        finally:
            from django.db import connections

            connections.close_all()
            stack.drop_database()
    medians = {name: common.median(values) for name, values in times.items()}
    share = medians["zip"] / medians["export"]
    results = {
        "files": count,
        "materials_bytes": total,
        "runs": runs,
        "archive_bytes": {"export": sizes[0], "zip": zip_size},
        "throughput_MB_s": {
            name: round(total / seconds / 1e6, 1) for name, seconds in medians.items()
        },
        "seconds_all": {name: [round(t, 2) for t in values] for name, values in times.items()},
        "share_of_zip": round(share, 2),
        "peak_rss_growth_MiB": round(max(growth) / common.MiB, 1),
    }
    results["targets"] = {
        ">= 70% of zip -0 -r's throughput": common.verdict(share >= TARGET_SHARE),
        "peak memory <= 64 MB": common.verdict(max(growth) <= TARGET_MEMORY),
    }
    rates = results["throughput_MB_s"]
    print(
        f"B7 {total / common.MiB:.0f} MiB in {count} files: export {rates['export']} MB/s,"
        f" zip -0 -r {rates['zip']} MB/s ({share:.0%}); peak RSS +"
        f"{results['peak_rss_growth_MiB']} MiB"
    )
    for target, met in results["targets"].items():
        print(f"   {met:6} {target}")
    common.save("b7_zip", results, full=args.full)


if __name__ == "__main__":
    main()
