"""What every benchmark shares: paths, statistics, machine facts, results files, Django set-up.

Each ``bN_*.py`` runs alone (``python bench/b1_video_check.py --quick``) and through
``bench/run.py`` (``make bench``). Timings are medians of several runs, and every ratio is
taken between figures measured in the same run, interleaved, since the machine is shared.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = Path(os.environ.get("BENCH_OUT", BENCH / "out"))
PYTHON = sys.executable
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MiB = 1024 * 1024


def parse_args(description: str, extra=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="small sizes (the default)")
    size.add_argument("--full", action="store_true", help="the sizes of the issue")
    parser.add_argument("--runs", type=int, default=None, help="repetitions per measurement")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to put generated media (a temp dir)"
    )
    if extra:
        extra(parser)
    args = parser.parse_args()
    args.full = bool(args.full)
    return args


@contextmanager
def workdir(args) -> Path:
    """A temporary directory on the disk the portal writes to (/work), removed at the end."""
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        yield args.workdir
        return
    base = Path(os.environ.get("BENCH_TMP", ROOT / "var"))
    base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="bench-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def median(values) -> float:
    return statistics.median(values)


def percentile(values, fraction: float) -> float:
    """Nearest-rank percentile (p95 = the value 95 % of the samples do not exceed)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, int(-(-fraction * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def interleaved(runs: int, **functions) -> dict[str, list[float]]:
    """Run each function ``runs`` times, taking turns, so that a noisy moment hits all alike.

    One untimed warm-up call each first (imports, page cache, FFmpeg's first open).
    """
    for function in functions.values():
        function()
    times = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            times[name].append(timed(function)[0])
    return times


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def machine() -> dict:
    def run(*command) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout
        except OSError:
            return ""

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in run("lscpu").splitlines()
            if "Model name" in line
        ),
        platform.processor(),
    )
    memory = run("free", "-h").splitlines()
    disk = run("df", "-h", str(ROOT)).splitlines()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory[1].split()[1] if len(memory) > 1 else "",
        "disk": " ".join(disk[1].split()[:5]) if len(disk) > 1 else "",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }


def save(name: str, results: dict, *, full: bool) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}-{'full' if full else 'quick'}.json"
    results = {"benchmark": name, "size": "full" if full else "quick", **results}
    results["machine"] = machine()
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"-> {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def verdict(met: bool) -> str:
    return "MET" if met else "MISSED"


def setup_django(settings: str = "bench.settings") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


def read_chars(pid: int | str = "self") -> int:
    """Bytes a process has read through read() calls so far (page cache or disk alike)."""
    with open(f"/proc/{pid}/io") as io:
        return int(next(line for line in io if line.startswith("rchar:")).split()[1])
