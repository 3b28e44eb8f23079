"""The store under attack, at length: concurrent writers, kill -9 during saves, mutated files.

    python -m bench.bench_hostile [--pairs 1000] [--board-rounds 200] [--kills 200] [--mutants 20000]

- races: pairs of ``move`` processes started at the same instant (a barrier)
  on two different objectives of the bundled plan; a change is lost when the
  file does not hold both afterwards.
- board races: the board's session saves a change while a ``move`` process
  changes another objective, each started after 0-30 ms; nothing may be lost.
- kills: ``rollout-board move`` on a 5,000-objective plan, killed with SIGKILL
  at a random moment of its run (0-110% of how long a move takes here); afterwards the file must load and hold either the
  old or the new status of that objective and nothing else changed; left-over
  temporary files are counted (the next save removes those over a minute old).
- mutants: the fixed-seed mutation fuzzer (``bench.mutate``) over the bundled
  plan through ``validate`` and ``list --json`` in-process: tracebacks and
  lines that are not ``FILE:LINE:COL: message`` are failures.

The same checks run briefly in ``tests/hostile/``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, child_env, machine
from bench.generate import generate_plan
from bench.mutate import mutants
from board import store
from board.session import PlanSession

BUNDLED = ROOT / "plans" / "phased-rollout.toml"
STATUSES = ["todo", "in-progress", "blocked", "done"]
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")
CTX = multiprocessing.get_context("fork")


def _move(barrier, plan: str, oid: str, status: str, delay: float = 0.0) -> None:  # type: ignore[no-untyped-def]
    from board.cli import main

    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    if barrier is not None:
        barrier.wait()
    time.sleep(delay)
    sys.exit(main(["move", plan, oid, status]))


def races(folder: Path, pairs: int, rng: random.Random) -> str:
    plan = folder / "races.toml"
    shutil.copy(BUNDLED, plan)
    ids = [o.id for o in store.load(plan).objectives]
    lost = failed = 0
    started = time.perf_counter()
    for _ in range(pairs):
        a, b = rng.sample(ids, 2)
        current = store.load(plan)
        wanted = {oid: rng.choice([s for s in STATUSES if s != current.objective(oid).status]) for oid in (a, b)}
        barrier = CTX.Barrier(2)
        workers = [CTX.Process(target=_move, args=(barrier, str(plan), oid, wanted[oid])) for oid in (a, b)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
            failed += worker.exitcode != 0
        after = store.load(plan)
        lost += sum(after.objective(oid).status != status for oid, status in wanted.items())
    seconds = time.perf_counter() - started
    return f"races: {pairs} pairs of concurrent moves, {lost} changes lost, {failed} moves failed ({seconds:.1f} s)"


def board_races(folder: Path, rounds: int, rng: random.Random) -> str:
    plan = folder / "board.toml"
    shutil.copy(BUNDLED, plan)
    session = PlanSession(plan)
    lost = merged = 0
    for _ in range(rounds):
        mine, theirs = rng.sample([o.id for o in session.plan.objectives], 2)
        status_mine, status_theirs = rng.choice(STATUSES), rng.choice(STATUSES)
        other = CTX.Process(target=_move, args=(None, str(plan), theirs, status_theirs, rng.uniform(0, 0.03)))
        other.start()
        time.sleep(rng.uniform(0, 0.03))
        session.editor.set_status(mine, status_mine)
        stopped = session.save()
        merged += stopped is not None and stopped.kind == "merged"
        other.join(60)
        state = session.check_disk()
        if state.kind == "changed":
            session.take(state)
        on_disk = store.load(plan)
        lost += on_disk.objective(mine).status != status_mine
        lost += on_disk.objective(theirs).status != status_theirs
    return (
        f"board races: {rounds} board saves racing a move, {lost} changes lost, "
        f"{merged} saves merged with a move that landed first"
    )


def kills(folder: Path, count: int, rng: random.Random) -> str:
    plan = folder / "kills.toml"
    store.save(generate_plan(5000, seed=1), plan)
    env = child_env()
    whole = stale = killed_before = killed_during = 0
    # How long one move takes here: the kills fall anywhere from its start to its end.
    started = time.perf_counter()
    first = store.load(plan).objectives[0]
    subprocess.run(
        [sys.executable, "-m", "board", "move", str(plan), first.id, first.status],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "board",
            "move",
            str(plan),
            first.id,
            "blocked" if first.status != "blocked" else "todo",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    span = (time.perf_counter() - started) / 2
    for _ in range(count):
        before = store.load(plan)
        candidates = [o for o in before.objectives if o.status != "done"] or before.objectives
        target = rng.choice(candidates)
        status = "done" if target.status != "done" else "todo"
        process = subprocess.Popen(
            [sys.executable, "-m", "board", "move", str(plan), target.id, status],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0, span * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = store.load(plan)  # raises if the file is not whole
        got = after.objective(target.id)
        if got.status == target.status:
            killed_before += 1
            assert after == before
        else:
            killed_during += 1
            assert got.status == status
            got.status, got.changed = target.status, target.changed
            assert after == before
        whole += 1
        leftovers = list(folder.glob(f".{plan.name}.*.tmp"))
        stale += len(leftovers)
        for leftover in leftovers:  # as if a minute had passed: the next save cleans them
            os.utime(leftover, (time.time() - 120, time.time() - 120))
    return (
        f"kills: {count} moves on a 5,000-objective plan killed with SIGKILL, {whole} files whole "
        f"({killed_before} kept the old status, {killed_during} the new), {stale} temporary files left "
        f"(removed by the next save)"
    )


def mutant_run(folder: Path, count: int) -> str:
    from board.cli import main

    path = folder / "mutant.toml"
    source = BUNDLED.read_text(encoding="utf-8")
    valid = refused = failures = 0
    started = time.perf_counter()
    per_seed = 2000
    for seed in range(1, count // per_seed + 2):
        for text in mutants(source, min(per_seed, count - valid - refused - failures), seed=seed):
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            err, out = io.StringIO(), io.StringIO()
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main(["validate", str(path)])
                if code == 0:
                    listed = io.StringIO()
                    with contextlib.redirect_stdout(listed), contextlib.redirect_stderr(err):
                        assert main(["list", str(path), "--json"]) == 0
                    json.loads(listed.getvalue())
                if code == 1:
                    assert all(PROBLEM_LINE.match(line) for line in err.getvalue().splitlines())
                    refused += 1
                else:
                    assert code == 0
                    valid += 1
            except Exception:
                failures += 1
        if valid + refused + failures >= count:
            break
    seconds = time.perf_counter() - started
    return (
        f"mutants: {valid + refused + failures} mutants of the bundled plan, {refused} refused with FILE:LINE:COL lines, "
        f"{valid} valid and listed as JSON, {failures} failures ({seconds:.1f} s, "
        f"{seconds / max(1, valid + refused + failures) * 1000:.1f} ms each)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_hostile", description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--board-rounds", type=int, default=200)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--mutants", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"Hostile store benchmark, {time.strftime('%Y-%m-%d')}, {machine()}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for line in (
            races(folder, args.pairs, rng),
            board_races(folder, args.board_rounds, rng),
            kills(folder, args.kills, rng),
            mutant_run(folder, args.mutants),
        ):
            print("  " + line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
