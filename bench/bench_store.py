"""The store's speed: load+validate, validate, save, status change + save; and `list` from the shell.

    python -m bench.bench_store [--sizes 100,1000,5000] [--repeat 7]

Medians (and minimums) of ``--repeat`` runs, each size in one process after a
warm-up, with the targets of PRODUCT.md beside them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from bench.generate import generate_plan
from board import store
from board.model import Editor, check_plan

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"load": 0.250, "save (warm)": 0.150, "status change + save": 0.050}


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def row(name: str, times: list[float], size: int) -> str:
    median = statistics.median(times)
    target = TARGETS.get(name) if size == 5000 else None
    verdict = f"target < {target * 1000:.0f} ms {'PASS' if median < target else 'MISS'}" if target else ""
    return f"  {name:<22} {median * 1000:8.1f} ms (min {min(times) * 1000:6.1f})  {verdict}"


def child_env() -> dict[str, str]:
    # Timings as an installed user sees them: bytecode cached, not recompiled each run.
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"Store benchmark — {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}, medians of {args.repeat}")
    with tempfile.TemporaryDirectory() as folder:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            path = Path(folder) / f"plan-{size}.toml"
            store.save(generate_plan(size, seed=1), path)
            text = path.read_text()
            print(f"{size} objectives — {len(text) / 1024:.0f} KiB, {text.count(chr(10))} lines")
            store.load(path)  # warm-up
            print(row("load", timed(lambda: store.load(path), args.repeat), size))
            plan = store.load(path)
            print(row("validate", timed(lambda: check_plan(plan), args.repeat), size))
            out = Path(folder) / "out.toml"
            fresh = [subprocess.run(
                [sys.executable, "-c", "import sys,time; from board import store; p=store.load(sys.argv[1]); t=time.perf_counter(); store.save(p, sys.argv[2]); print(time.perf_counter()-t)", str(path), str(out)],
                capture_output=True, text=True, check=True, cwd=ROOT, env=child_env()).stdout for _ in range(3)]
            print(row("save (cold)", [float(t) for t in fresh], size))
            print(row("save (warm)", timed(lambda: store.save(plan, out), args.repeat), size))
            editor = Editor(plan)
            rng = random.Random(size)
            ids = [o.id for o in plan.objectives]
            print(row("status change + save", timed(lambda: (editor.advance(rng.choice(ids)), store.save(plan, out)), args.repeat), size))
            if size == 5000:
                rss = subprocess.run(
                    [sys.executable, "-c", "import resource,sys; from board import store; store.load(sys.argv[1]); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)", str(path)],
                    capture_output=True, text=True, check=True, cwd=ROOT, env=child_env()).stdout
                print(f"  peak memory, load     {int(rss) / 1024:8.1f} MB")
    bundled = str(ROOT / "plans" / "phased-rollout.toml")
    command = [sys.executable, "-m", "board", "list", bundled]
    floor = [sys.executable, "-c", "pass"]
    env = child_env()
    subprocess.run(command, capture_output=True, env=env, cwd=ROOT, check=True)  # cache the bytecode
    list_times = timed(lambda: subprocess.run(command, capture_output=True, env=env, cwd=ROOT, check=True), 10)
    floor_times = timed(lambda: subprocess.run(floor, capture_output=True, env=env, cwd=ROOT, check=True), 10)
    median = statistics.median(list_times)
    print("Command line (wall time of a subprocess, median of 10)")
    print(f"  list, bundled plan     {median * 1000:8.1f} ms  target well under 150 ms {'PASS' if median < 0.150 else 'MISS'}")
    print(f"  python -c pass (floor) {statistics.median(floor_times) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
