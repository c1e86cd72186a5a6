"""Run every benchmark in turn (``make bench``; ``make bench FULL=1`` for the issue's sizes).

    python bench/run.py [--full] [--only b1,b3]

Each benchmark is its own process and writes ``bench/out/<name>-<size>.json``; this prints the
machine and every target's verdict at the end. B5 and B7 are skipped, and said to be, in a tree
without the organizers' matrix (``submissions.selectors.matrix``) or ZIP export
(``submissions.exports``).
"""

import argparse
import json
import subprocess
import sys
import time

import common

BENCHMARKS = {
    "b1": "b1_video_check",
    "b2": "b2_image_check",
    "b3": "b3_upload",
    "b4": "b4_surge",
    "b5": "b5_changelist",
    "b6": "b6_queue",
    "b7": "b7_zip",
}
NEEDS = {"b1": ["ffprobe"], "b3": ["dd"], "b7": ["zip"]}
FEATURES = {"b5": "submissions.selectors.matrix", "b7": "submissions.exports"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated, e.g. b1,b2")
    args = parser.parse_args()
    chosen = [name for name in BENCHMARKS if not args.only or name in args.only.split(",")]
    size = "--full" if args.full else "--quick"
    outcome = {}  # name -> "ran", or why it did not
    for name in chosen:
        if name in FEATURES and not _module_exists(FEATURES[name]):
            outcome[name] = f"not measured: {FEATURES[name]} is not built in this tree"
            continue
        missing = [tool for tool in NEEDS.get(name, []) if not _which(tool)]
        if missing:
            outcome[name] = f"FAILED: {', '.join(missing)} not installed (bench/RESULTS.md)"
            continue
        print(f"== {name} ({BENCHMARKS[name]} {size})", flush=True)
        started = time.monotonic()
        script = common.BENCH / f"{BENCHMARKS[name]}.py"
        code = subprocess.run([common.PYTHON, str(script), size]).returncode
        outcome[name] = "ran" if code == 0 else f"FAILED: exit status {code}"
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    summarize(outcome, "full" if args.full else "quick")
    sys.exit(1 if any(o.startswith("FAILED") for o in outcome.values()) else 0)


def _module_exists(module: str) -> bool:
    return (common.ROOT / (module.replace(".", "/") + ".py")).exists()


def _which(tool: str) -> bool:
    from shutil import which

    return which(tool) is not None


def summarize(outcome: dict, size: str) -> None:
    print("\n== summary", json.dumps(common.machine()))
    for name, result in outcome.items():
        if result != "ran":
            print(f"{name}: {result}")
            continue
        path = common.OUT / f"{BENCHMARKS[name]}-{size}.json"
        for target, met in json.loads(path.read_text()).get("targets", {}).items():
            print(f"{name}: {met:6} {target}")


if __name__ == "__main__":
    main()
