"""Two writers at once lose nothing: every writer takes PLAN.lock, re-reads, applies its change, writes.

The pairs run as real processes (forked, calling the command line's ``main``)
on a real file; a few run as the installed command. ``bench/bench_races.py``
runs the same at length.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_support import bundled_copy, env_for, one_line_error, run

from board import store
from board.session import PlanSession

CTX = multiprocessing.get_context("fork")


def _move(barrier, plan: str, oid: str, status: str, queue) -> None:  # type: ignore[no-untyped-def]
    from board.cli import main

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    barrier.wait()
    queue.put((oid, main(["move", plan, oid, status])))


def race_pairs(plan: Path, pairs: int, seed: int = 1) -> int:
    """``pairs`` pairs of concurrent moves on different objectives; returns how many changes were lost."""
    import random

    rng = random.Random(seed)
    ids = [o.id for o in store.load(plan).objectives]
    statuses = ["todo", "in-progress", "blocked", "done"]
    lost = 0
    for _ in range(pairs):
        a, b = rng.sample(ids, 2)
        current = store.load(plan)
        wanted = {oid: rng.choice([s for s in statuses if s != current.objective(oid).status]) for oid in (a, b)}
        barrier = CTX.Barrier(2)
        queue = CTX.Queue()
        workers = [CTX.Process(target=_move, args=(barrier, str(plan), oid, wanted[oid], queue)) for oid in (a, b)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        codes = [queue.get(timeout=5) for _ in workers]
        assert all(code == 0 for _, code in codes), codes
        after = store.load(plan)
        lost += sum(after.objective(oid).status != status for oid, status in wanted.items())
    return lost


def test_100_pairs_of_concurrent_moves_on_different_objectives_lose_nothing(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    assert race_pairs(plan, 100) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml", "plan.toml.lock"]  # no temp files left


def test_concurrent_moves_of_the_installed_command_lose_nothing(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    ids = [o.id for o in store.load(plan).objectives][:8]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "board", "move", str(plan), oid, "done"],
            cwd=tmp_path,
            env=env_for(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for oid in ids
    ]
    for process in processes:
        assert process.wait(60) == 0, process.stderr.read() if process.stderr else ""
    after = store.load(plan)
    assert [after.objective(oid).status for oid in ids] == ["done"] * len(ids)


def test_a_writer_that_cannot_get_the_lock_exits_1_and_changes_nothing(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    before = plan.read_bytes()
    with store.locked(plan):
        started = time.monotonic()
        result = run(tmp_path, "move", plan, "opa-policy", "done", ROLLOUT_BOARD_LOCK_TIMEOUT="0.3")
        waited = time.monotonic() - started
    line = one_line_error(result)
    assert "being saved by another process" in line and "nothing changed" in line
    assert plan.read_bytes() == before
    assert waited < 30


def _hold_lock_forever(plan: str, ready) -> None:  # type: ignore[no-untyped-def]
    with store.locked(plan):
        ready.set()
        time.sleep(600)


def test_a_lock_left_by_a_killed_writer_blocks_nobody(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    ready = CTX.Event()
    holder = CTX.Process(target=_hold_lock_forever, args=(str(plan), ready))
    holder.start()
    assert ready.wait(10)
    assert holder.pid is not None
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(10)
    result = run(tmp_path, "move", plan, "opa-policy", "done", ROLLOUT_BOARD_LOCK_TIMEOUT="2")
    assert result.returncode == 0, result.stderr
    assert store.load(plan).objective("opa-policy").status == "done"


def _move_later(plan: str, oid: str, status: str, delay: float) -> None:
    from board.cli import main

    time.sleep(delay)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    main(["move", plan, oid, status])


@pytest.mark.parametrize("delay", [0.0, 0.001, 0.003, 0.01, 0.03])
def test_a_move_racing_the_open_board_loses_nothing(tmp_path: Path, delay: float) -> None:
    plan = bundled_copy(tmp_path)
    session = PlanSession(plan)
    for status in ("in-progress", "blocked", "done", "todo"):
        other = CTX.Process(target=_move_later, args=(str(plan), "ci-cd", status, delay))
        other.start()
        session.editor.set_status("opa-policy", status)
        stopped = session.save()
        other.join(30)
        assert stopped is None or stopped.kind == "merged", stopped
        state = session.check_disk()
        if state.kind == "changed":  # the move landed after our save: the board reloads it
            session.take(state)
        on_disk = store.load(plan)
        assert on_disk.objective("opa-policy").status == status
        assert on_disk.objective("ci-cd").status == status
        assert session.plan.objective("ci-cd").status == status


def test_kill_9_during_moves_leaves_the_old_file_or_the_new_whole(tmp_path: Path) -> None:
    import random

    from bench.generate import generate_plan

    plan = tmp_path / "plan.toml"
    store.save(generate_plan(1000, seed=3), plan)
    rng = random.Random(9)
    for _ in range(12):
        before = store.load(plan)
        target = rng.choice([o for o in before.objectives if o.status != "done"])
        process = subprocess.Popen(
            [sys.executable, "-m", "board", "move", str(plan), target.id, "done"],
            cwd=tmp_path,
            env=env_for(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        after = store.load(plan)  # whole: it loads
        got = after.objective(target.id)
        assert got.status in (target.status, "done")  # the old status or the new
        got.status, got.changed = target.status, target.changed
        assert after == before  # and nothing but that objective changed


@pytest.mark.parametrize("command", ["import", "metric", "fmt"])
def test_every_cli_writer_waits_for_the_lock_and_changes_nothing_without_it(tmp_path: Path, command: str) -> None:
    plan = bundled_copy(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8") + "# a hand comment\n", encoding="utf-8")  # fmt has work
    args: list[str | Path]
    if command == "import":
        strategy = tmp_path / "strategy.md"
        exported = run(tmp_path, "export", plan, "--format", "markdown", "-o", strategy)
        assert exported.returncode == 0, exported.stderr
        strategy.write_text(strategy.read_text(encoding="utf-8").replace("Phased Rollout", "Renamed Rollout", 1))
        args = ["import", strategy, "-o", plan, "--force"]
    elif command == "metric":
        args = ["metric", plan, store.load(plan).metrics[0].id, "80", "--date", "2026-11-30"]
    else:
        args = ["fmt", plan]
    before = plan.read_bytes()
    with store.locked(plan):
        result = run(tmp_path, *args, ROLLOUT_BOARD_LOCK_TIMEOUT="0.3")
    assert "being saved by another process" in one_line_error(result)
    assert plan.read_bytes() == before
    assert run(tmp_path, *args).returncode == 0  # and once the lock is free, it writes
    after = plan.read_bytes()
    assert after != before
    if command != "fmt":  # the hand comment stays through a change
        assert after.endswith(b"# a hand comment\n")
