"""B6 in detail: one picture check in-process, its time and its memory, by picture size.

The check is the worker's: ``measure_stream(handle, rules=[], role="file", size=…,
previews=True)`` on an opened file (type by content, the verifying full decode, the preview).
For scale, the bare full decode (``Image.open(path).load()``) is timed too, interleaved run by
run: the check cannot cost less than one decode. Wall and CPU time (``time.process_time``,
which the neighbours' load does not inflate; the warm-up call is left out).

Memory: Pillow's pixels are allocated in C, which ``tracemalloc`` does not see, so each picture
is checked once in a fresh process and its peak resident size (``VmHWM``) is compared with its
resident size just before the call (Django and every library already imported). Timings run
in another fresh process per picture, so one picture's freed memory does not serve the next.

Pictures (``bench/mediagen.py``: noise under a gradient, so they compress like photographs):
JPEG 3,000 × 2,000 (as B6's queue), JPEG 7,744 × 5,164 (40 MP, as B2), PNG 5,000 × 5,000.
Keep them between a run before and after a change with ``--workdir``.
"""

import json
import os
import subprocess
import sys
import time

import common

PICTURES = {
    "jpeg_6mp.jpg": ("jpeg", 3000, 2000),
    "jpeg_40mp.jpg": ("jpeg", 7744, 5164),
    "png_25mp.png": ("png", 5000, 5000),
}


def make_files(directory) -> dict:
    from bench import mediagen

    paths = {}
    for name, (kind, width, height) in PICTURES.items():
        path = directory / name
        if not path.exists():  # --workdir keeps them for the next run
            path.write_bytes(getattr(mediagen, kind)(width, height))
        paths[name] = path
    return paths


# --- in the child process -------------------------------------------------------------------


def check(path):
    from submissions.services.checks import measure_stream

    with open(path, "rb") as handle:
        measured = measure_stream(
            handle, rules=[], role="file", size=os.path.getsize(path), previews=True
        )
    assert measured.preview and not measured.outcomes, measured.outcomes
    return measured


def full_decode(path):
    from PIL import Image

    with Image.open(path) as image:
        image.load()


def status(field: str) -> int:
    """A ``/proc/self/status`` figure, in bytes."""
    with open("/proc/self/status") as lines:
        line = next(line for line in lines if line.startswith(field + ":"))
    return int(line.split()[1]) * 1024


def child_memory(path) -> dict:
    before = status("VmRSS")
    check(path)
    return {
        "rss_before_mib": before / common.MiB,
        "peak_growth_mib": (status("VmHWM") - before) / common.MiB,
    }


def child_times(path, runs: int) -> dict:
    cpu = {"check": [], "decode": []}

    def on_cpu(name, function):
        def timed():
            start = time.process_time()
            function()
            cpu[name].append(time.process_time() - start)

        return timed

    wall = common.interleaved(
        runs,
        check=on_cpu("check", lambda: check(path)),
        decode=on_cpu("decode", lambda: full_decode(path)),
    )
    return {
        **{name: [common.ms(t) for t in values] for name, values in wall.items()},
        **{f"{name}_cpu": [common.ms(t) for t in values[1:]] for name, values in cpu.items()},
    }


def child(mode: str, path: str, runs: int) -> None:
    common.setup_django("ciep_portal.settings")
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # for the bare decode: 40 MP is not a bomb
    import submissions.services.files  # noqa: F401 (imported before the baseline RSS)

    result = child_memory(path) if mode == "memory" else child_times(path, runs)
    print(json.dumps(result))


# --- the bench --------------------------------------------------------------------------------


def in_child(mode: str, path, runs: int) -> dict:
    command = [sys.executable, __file__, "--child", mode, str(path), str(runs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=common.ROOT)
    return json.loads(done.stdout.splitlines()[-1])


def measure(path, runs: int) -> dict:
    memory = in_child("memory", path, runs)
    times = in_child("times", path, runs)
    return {
        "size_bytes": path.stat().st_size,
        "runs": runs,
        "check_ms_median": common.median(times["check"]),
        "check_ms_all": times["check"],
        "full_decode_ms_median": common.median(times["decode"]),
        "full_decode_ms_all": times["decode"],
        "check_cpu_ms_median": common.median(times["check_cpu"]),
        "full_decode_cpu_ms_median": common.median(times["decode_cpu"]),
        "peak_rss_growth_mib": round(memory["peak_growth_mib"], 1),
    }


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    runs = args.runs or 9
    with common.workdir(args) as directory:
        results = {name: measure(path, runs) for name, path in make_files(directory).items()}
    for name, row in results.items():
        kind, width, height = PICTURES[name]
        print(
            f"B6 {kind} {width} x {height}: check {row['check_ms_median']:.1f} ms"
            f" ({row['check_cpu_ms_median']:.1f} ms CPU), full decode alone"
            f" {row['full_decode_ms_median']:.1f} ms ({row['full_decode_cpu_ms_median']:.1f} ms"
            f" CPU), peak RSS +{row['peak_rss_growth_mib']} MiB"
        )
    common.save("b6_profile", results, full=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
