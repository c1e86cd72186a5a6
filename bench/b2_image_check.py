"""B2: the picture check in the request, header only, against a full decode with Pillow.

"The picture check" is what the item form runs before saving: ``cheap_check`` in
``submissions.services.files`` (size rule, type by content, ``probe_image`` of the header with
EXIF orientation and the JPEG quality estimate, the width rule), on a Django
``TemporaryUploadedFile`` as the form receives it. The baseline is ``Image.open(f).load()``,
the full decode, on the same file, interleaved run by run. The worker's later full check
(``measure_stream``: decode to verify, make a preview) is reported too, for scale.

Pictures, made on the spot (``bench/mediagen.py``): a 7,744 × 5,164 JPEG (40.0 megapixels,
quality 92) and a 5,000 × 5,000 RGB PNG; both are detailed (noise under a gradient) so they
compress like photographs. --quick uses 12 MP and 2,500 × 2,500.
"""

import os
from decimal import Decimal

import common

TARGET_RATIO = 50


def photo_requirement():
    """The 21st CIEP's "活动图片" requirement with its rules, in memory (not saved)."""
    from notices.seed.ciep21_calls import PUBLICITY
    from submissions.models import Requirement, RequirementRule

    spec = next(r for r in PUBLICITY.requirements if r.code == "photos")
    requirement = Requirement(pk=0, code=spec.code, kind=spec.kind)
    rules = [
        RequirementRule(
            requirement=requirement,
            code=r.code,
            value=Decimal(r.value),
            value_max=r.value_max,
            severity=r.severity,
            applies_to=r.applies_to,
        )
        for r in spec.rules
    ]
    # What prefetch_related("rules") would leave: requirement.rules.all() reads no database.
    requirement._prefetched_objects_cache = {"rules": rules}
    return requirement


def uploaded(path):
    from django.core.files.uploadedfile import TemporaryUploadedFile

    # As Django's TemporaryFileUploadHandler hands a large upload to the form.
    upload = TemporaryUploadedFile(path.name, "image/jpeg", path.stat().st_size, None)
    upload.file.close()
    upload.file = open(path, "rb")  # noqa: SIM115 (closed by the caller)
    return upload


def picture_check(path, requirement, spec):
    from submissions.services.files import cheap_check

    upload = uploaded(path)
    try:
        return cheap_check(upload, spec, requirement)
    finally:
        upload.file.close()


def full_decode(path):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # 40 MP is above Pillow's warning threshold, not a bomb
    with Image.open(path) as image:
        image.load()
        return image.size


def worker_check(path, requirement):
    from submissions.services.checks import measure_stream

    with open(path, "rb") as handle:
        return measure_stream(
            handle,
            rules=list(requirement.rules.all()),
            role="photo",
            size=os.path.getsize(path),
        )


def make_files(directory, full: bool) -> dict:
    from bench import mediagen

    jpeg_size = (7744, 5164) if full else (4240, 2832)
    png_size = (5000, 5000) if full else (2500, 2500)
    jpeg = directory / "large.jpg"
    jpeg.write_bytes(mediagen.jpeg(*jpeg_size))
    png = directory / "large.png"
    png.write_bytes(mediagen.png(*png_size))
    return {"jpeg": jpeg, "png": png}


def measure(path, requirement, spec, runs: int) -> dict:
    sniffed = picture_check(path, requirement, spec)
    width, height = full_decode(path)
    times = common.interleaved(
        runs,
        check=lambda: picture_check(path, requirement, spec),
        decode=lambda: full_decode(path),
    )
    worker = common.interleaved(max(1, runs // 5), worker=lambda: worker_check(path, requirement))
    check, decode = common.median(times["check"]), common.median(times["decode"])
    return {
        "file": path.name,
        "type": sniffed.type,
        "pixels": f"{width} x {height} = {width * height / 1e6:.1f} MP",
        "size_bytes": path.stat().st_size,
        "runs": runs,
        "check_ms_median": common.ms(check),
        "check_ms_all": [common.ms(t) for t in times["check"]],
        "full_decode_ms_median": common.ms(decode),
        "full_decode_ms_all": [common.ms(t) for t in times["decode"]],
        "ratio_decode_over_check": round(decode / check, 1),
        "worker_full_check_ms_median": common.ms(common.median(worker["worker"])),
    }


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    runs = args.runs or (15 if args.full else 5)
    common.setup_django("ciep_portal.settings")
    from submissions.materials import spec_for

    requirement = photo_requirement()
    spec = spec_for(requirement.kind).files[0]
    with common.workdir(args) as directory:
        files = make_files(directory, args.full)
        results = {name: measure(path, requirement, spec, runs) for name, path in files.items()}
    results["targets"] = {
        f"{name}: header-only check >= 50x faster than a full decode": common.verdict(
            row["ratio_decode_over_check"] >= TARGET_RATIO
        )
        for name, row in results.items()
    }
    for name in ("jpeg", "png"):
        row = results[name]
        print(
            f"B2 {name:4} {row['pixels']:>26}: check {row['check_ms_median']} ms vs decode"
            f" {row['full_decode_ms_median']} ms = {row['ratio_decode_over_check']}x"
        )
    for target, met in results["targets"].items():
        print(f"   {met:6} {target}")
    common.save("b2_image_check", results, full=args.full)


if __name__ == "__main__":
    main()
