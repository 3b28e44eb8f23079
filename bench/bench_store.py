"""The store's speed: load, validate, save, status change + save; memory; `list` from the shell.

    python -m bench.bench_store [--sizes 100,1000,5000] [--repeat 7]

For each size, a generated plan (``bench.generate``, seed 1) is saved to a
temporary file, then timed in this process after one warm-up run:

- load: ``board.store.load`` (read, decode, parse, validate into the model)
- validate: ``board.model.check_plan`` on the loaded plan
- save (first in process): ``board.store.save`` in a fresh process, right
  after loading (takes the lock, re-reads the file, writes what differs)
- save: later saves of the same plan in this process
- status change + save: what the board does on a key press: ``Editor.advance``
  on a random objective not yet done, then ``PlanSession.save`` (lock, look at
  the file, patch the changed lines, atomic write); "of which: text map" is
  the scan of the file's headers that patching starts from
- move (store.update): what ``rollout-board move`` does once started: lock,
  read and validate the file, change one status, patch, write

Medians and minimums, with the targets of PRODUCT.md beside the 5,000 figures.
Peak memory of loading the 5,000 plan is measured in a fresh process (its
VmHWM on Linux, else ``resource.getrusage``). Last, the wall time of ``rollout-board list`` on the bundled plan.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, child_env, console_script, machine, median, timed
from bench.generate import generate_plan
from board import store
from board.model import Editor, Plan, check_plan
from board.session import PlanSession
from board.store import textmap
from board.store.diff import _TABLE_NAMES

TARGET_SIZE = 5000
TARGETS = {
    "load": 0.250,
    "save (first in process)": 0.150,
    "save": 0.150,
    "status change + save": 0.050,
    "move (store.update)": 0.250 + 0.150,
}
LIST_TARGET = 0.150

SAVE_ONCE = (
    "import sys, time\n"
    "from board import store\n"
    "plan = store.load(sys.argv[1])\n"
    "start = time.perf_counter()\n"
    "store.save(plan, sys.argv[2])\n"
    "print(time.perf_counter() - start)\n"
)
PEAK_MEMORY = (
    "import resource, sys\n"
    "from board import store\n"
    "if len(sys.argv) > 1:\n"
    "    store.load(sys.argv[1])\n"
    "try:  # this process's own high-water mark; ru_maxrss can carry the forking parent's over exec\n"
    "    print(next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM:')))\n"
    "except (OSError, StopIteration):\n"
    "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def row(name: str, times: list[float], size: int) -> str:
    mid = median(times)
    target = TARGETS.get(name) if size == TARGET_SIZE else None
    verdict = f"target < {target * 1000:.0f} ms  {'PASS' if mid < target else 'MISS'}" if target else ""
    return f"  {name:<24} {mid * 1000:8.1f} ms  (min {min(times) * 1000:7.1f})  {verdict}".rstrip()


def python(code: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT, env=child_env()
    ).stdout


def bench_size(size: int, folder: Path, repeat: int) -> None:
    path = folder / f"plan-{size}.toml"
    out = folder / f"out-{size}.toml"
    store.save(generate_plan(size, seed=1), path)
    text = path.read_text(encoding="utf-8")
    print(f"{size:,} objectives: {len(text.encode()) / 1024:.0f} KiB, {text.count(chr(10)):,} lines")
    store.load(path)  # warm-up
    print(row("load", timed(lambda: store.load(path), repeat), size))
    plan = store.load(path)
    print(row("validate", timed(lambda: check_plan(plan), repeat), size))
    firsts = [float(python(SAVE_ONCE, str(path), str(out))) for _ in range(min(repeat, 5))]
    print(row("save (first in process)", firsts, size))
    store.save(plan, out)  # warm-up
    print(row("save", timed(lambda: store.save(plan, out), repeat), size))
    session = PlanSession(out)
    rng = random.Random(size)
    last = plan.flow()[-1]

    def change_and_save() -> None:
        live = session.plan
        oid = rng.choice([o.id for o in live.objectives if o.status != last] or [live.objectives[0].id])
        session.editor.advance(oid)
        session.save()

    # the choice of objective is inside the timing; it costs ~0.3 ms at 5,000
    print(row("status change + save", timed(change_and_save, repeat), size))
    map_times = timed(lambda: textmap.build(out.read_text(encoding="utf-8"), _TABLE_NAMES), repeat)
    print(row("  of which: text map", map_times, size))

    def move() -> None:
        def change(live: Plan) -> None:
            oid = rng.choice([o.id for o in live.objectives if o.status != last] or [live.objectives[0].id])
            Editor(live).advance(oid)

        store.update(out, change)

    print(row("move (store.update)", timed(move, repeat), size))
    if size == TARGET_SIZE:
        base = int(python(PEAK_MEMORY)) / 1024
        peak = int(python(PEAK_MEMORY, str(path))) / 1024
        print(f"  {'peak memory, load':<24} {peak:8.1f} MB  (interpreter + store imports alone: {base:.1f} MB)")


def bench_list(repeat: int) -> None:
    bundled = str(ROOT / "plans" / "phased-rollout.toml")
    command = [*console_script("rollout-board"), "list", bundled]
    floor = [sys.executable, "-c", "pass"]
    env = child_env()

    def run(argv: list[str]) -> None:
        subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, check=True)

    run(command)  # writes the bytecode cache if it is missing
    run(floor)
    list_times = timed(lambda: run(command), repeat)
    floor_times = timed(lambda: run(floor), repeat)
    mid = median(list_times)
    print(
        f"Command line: wall time of a subprocess, median of {repeat}, PYTHONDONTWRITEBYTECODE removed (bytecode cached)"
    )
    name = "rollout-board list" if len(command) == 3 else "python -m board list"
    print(
        f"  {name + ', bundled plan':<32} {mid * 1000:7.1f} ms  (min {min(list_times) * 1000:6.1f})"
        f"  target well under {LIST_TARGET * 1000:.0f} ms  {'PASS' if mid < LIST_TARGET else 'MISS'}"
    )
    print(
        f"  {'python -c pass (floor)':<32} {median(floor_times) * 1000:7.1f} ms  (min {min(floor_times) * 1000:6.1f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_store", description="Time the plan store.")
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated objective counts")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (at least 1)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes: not a list of numbers: {args.sizes!r}")
    if args.repeat < 1 or not sizes or min(sizes) < 1:
        parser.error("--repeat and every size must be at least 1")
    print(f"Store benchmark, {time.strftime('%Y-%m-%d')}, {machine()}; medians of {args.repeat} runs")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            bench_size(size, Path(folder), args.repeat)
    bench_list(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
