"""The merge driver on two 5,000-objective plans with 200 edits on each side.

    .venv/bin/python -m bench.bench_merge [--size 5000] [--edits 200] [--repeat 7]

Figures: the merge of loaded plans (diff both sides, apply theirs to ours,
check the result), the whole driver's work in one process (parse three
files, merge, render the text), and ``rollout-board merge`` as git runs it
(a fresh process, wall time).
"""

from __future__ import annotations

import argparse
import copy
import gc
import random
import subprocess
import tempfile
from datetime import date, timedelta
from pathlib import Path

from bench.common import child_env, console_script, machine, median, ms, timed
from bench.generate import generate_plan
from board import store
from board.model import Objective, Plan, Reading
from board.model.merge import merge
from board.vcs.driver import merge_bytes


def edited(base: Plan, edits: int, seed: int) -> Plan:
    """``base`` with ``edits`` changes a team makes: statuses, owners, weeks, new and removed objectives, readings."""
    rng = random.Random(seed)
    plan = copy.deepcopy(base)
    for n in range(edits):
        kind = rng.choice(["status", "status", "owner", "week", "add", "remove", "reading"])
        obj = rng.choice(plan.objectives)
        if kind == "status":
            obj.status = rng.choice(plan.statuses)
            obj.changed = date(2026, 11, 16) + timedelta(days=rng.randrange(14))
        elif kind == "owner":
            obj.owner = rng.choice(["ana", "bo", "cy", "dee"])
        elif kind == "week":
            obj.week = rng.randint(1, plan.weeks)
        elif kind == "add":
            at = rng.randrange(len(plan.objectives))
            plan.objectives.insert(at, Objective(f"new-{seed}-{n}", f"New work {n}", rng.randint(1, plan.weeks)))
        elif kind == "remove" and not plan.dependents(obj.id):
            plan.objectives.remove(obj)
        else:
            metric = rng.choice(plan.metrics)
            day = date(2026, 12, 1) + timedelta(days=rng.randrange(60))
            if all(r.date != day for r in metric.history):
                metric.history.append(Reading(day, float(rng.randint(1, 99))))
                metric.history.sort(key=lambda r: r.date)
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_merge")
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    base = generate_plan(args.size)
    ours, theirs = edited(base, args.edits, 1), edited(base, args.edits, 2)
    texts = [store.dumps(p).encode("utf-8") for p in (base, ours, theirs)]
    loaded = [store.loads(t) for t in texts]
    result = merge(*loaded)
    print(f"# merge: {args.size} objectives, {args.edits} edits a side — {machine()}")
    print(f"conflicts: {len(result.conflicts)}, renamed: {len(result.renamed)}")

    def rows(name: str, times: list[float]) -> None:
        print(f"{name:<44} {ms(median(times)):>10}  (min {ms(min(times))})")

    rows("merge of loaded plans", timed(lambda: merge(*loaded), args.repeat))
    rows("driver in process (parse 3, merge, render)", timed(lambda: merge_bytes(*texts, "plan.toml"), args.repeat))
    gc.disable()  # as the merge command runs
    rows("merge of loaded plans, collector off", timed(lambda: merge(*loaded), args.repeat))
    rows("driver in process, collector off", timed(lambda: merge_bytes(*texts, "plan.toml"), args.repeat))
    gc.enable()
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in ("base.toml", "ours.toml", "theirs.toml")]

        def driver() -> None:
            for path, data in zip(paths, texts, strict=True):
                path.write_bytes(data)
            subprocess.run(
                [*console_script("rollout-board"), "merge", *map(str, paths)],
                env=child_env(),
                check=False,
                stderr=subprocess.DEVNULL,
            )

        rows("rollout-board merge (fresh process)", timed(driver, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
