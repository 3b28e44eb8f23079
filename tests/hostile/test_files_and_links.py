"""Files and links: saves go through symlinks, keep hard links, refuse read-only files; exports never clobber."""

from __future__ import annotations

import os
import stat
import time
from datetime import date
from pathlib import Path

import pytest
from hostile_support import bundled_copy, one_line_error, run

from board import store
from board.app import RolloutApp
from board.screens.missing import MissingFileScreen


def test_a_move_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = bundled_copy(shared)
    link = tmp_path / "plan.toml"
    link.symlink_to(real)
    result = run(tmp_path, "move", link, "opa-policy", "done")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert store.load(real).objective("opa-policy").status == "done"
    assert (real.parent / "plan.toml.lock").exists()  # the lock sits beside the file written


def test_a_move_on_a_hard_linked_plan_keeps_the_link(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    other = tmp_path / "also.toml"
    os.link(plan, other)
    result = run(tmp_path, "move", plan, "opa-policy", "done")
    assert result.returncode == 0, result.stderr
    assert os.stat(plan).st_nlink == 2 and os.path.samefile(plan, other)
    assert store.load(other).objective("opa-policy").status == "done"
    assert not list(tmp_path.glob(".plan.toml.*"))  # no copy left behind


def test_a_plan_without_write_permission_is_refused_with_one_line(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    before = plan.read_bytes()
    os.chmod(plan, 0o444)
    line = one_line_error(run(tmp_path, "move", plan, "opa-policy", "done"))
    assert "read-only" in line and str(plan) in line
    assert plan.read_bytes() == before
    assert stat.S_IMODE(os.stat(plan).st_mode) == 0o444


def test_stale_temp_files_of_this_plan_are_cleaned_on_the_next_save(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    stale = tmp_path / ".plan.toml.abc123.tmp"
    fresh = tmp_path / ".plan.toml.def456.tmp"  # another writer's, in use right now
    other = tmp_path / ".other.toml.abc123.tmp"
    for path in (stale, fresh, other):
        path.write_text("half a plan")
    old = time.time() - 120
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert run(tmp_path, "move", plan, "opa-policy", "done").returncode == 0
    assert not stale.exists()
    assert fresh.exists() and other.exists()


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_validate_refuses_what_is_not_a_regular_file_at_once(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "plan.toml"
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/zero")
    else:
        target = tmp_path / "plans.toml"
        target.mkdir()
    result = run(tmp_path, "validate", target, timeout=20)  # a FIFO used to be waited on forever
    line = one_line_error(result)
    assert line.startswith(f"{target}:1:1: is ")
    assert "not a plan file" in line


def test_a_file_over_50_mb_is_refused_without_being_read(tmp_path: Path) -> None:
    plan = tmp_path / "huge.toml"
    with open(plan, "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: costs no disk
    line = one_line_error(run(tmp_path, "validate", plan, timeout=20))
    assert line == f"{plan}:1:1: is 60 MB: over the 50 MB a plan file may hold"


def test_export_refuses_to_overwrite_the_plan_it_reads(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    before = plan.read_bytes()
    for extra in ([], ["--force"]):
        line = one_line_error(run(tmp_path, "export", plan, "--format", "markdown", "-o", plan, *extra))
        assert "is the plan being exported" in line
        assert plan.read_bytes() == before


def test_export_asks_for_force_to_replace_another_file(tmp_path: Path) -> None:
    plan = bundled_copy(tmp_path)
    report = tmp_path / "report.md"
    report.write_text("last week's report")
    line = one_line_error(run(tmp_path, "export", plan, "--format", "markdown", "-o", report))
    assert line.endswith("report.md exists; add --force to replace it")
    assert report.read_text() == "last week's report"
    result = run(tmp_path, "export", plan, "--format", "markdown", "-o", report, "--force")
    assert result.returncode == 0, result.stderr
    assert report.read_text(encoding="utf-8").startswith("# ")


def test_export_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from board.interchange import write_report

    report = tmp_path / "report.md"
    report.write_text("the old report")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(Exception, match="No space left on device"):
        write_report(report, "new", bundled_copy(tmp_path))
    assert report.read_text() == "the old report"  # not a 0-byte file


async def test_the_board_notices_a_deleted_plan_and_offers_to_save_it_again(
    tmp_path: Path, platformdirs_isolated: object
) -> None:
    plan = bundled_copy(tmp_path)
    app = RolloutApp(plan, today=lambda: date(2026, 11, 30), watch_interval=0)
    async with app.run_test() as pilot:
        plan.unlink()
        await pilot.press("space")  # a change with the file gone: not "saved", not silently recreated
        await pilot.pause()
        assert isinstance(app.screen, MissingFileScreen)
        assert not plan.exists()
        assert app.main_screen is not None and app.main_screen.header.save_state == "missing"
        await pilot.press("s")  # save it again
        await pilot.pause()
        assert store.load(plan).objective("opa-policy").status == "in-progress"
        assert app.main_screen.header.save_state == "saved"


async def test_the_board_watcher_notices_a_deleted_plan_and_q_quits_without_writing(
    tmp_path: Path, platformdirs_isolated: object
) -> None:
    plan = bundled_copy(tmp_path)
    app = RolloutApp(plan, today=lambda: date(2026, 11, 30), watch_interval=0)
    async with app.run_test() as pilot:
        plan.unlink()
        app.watch_file()  # an editor saving by rename: a moment without the file is not yet "gone"
        await pilot.pause()
        assert not isinstance(app.screen, MissingFileScreen)
        app.watch_file()
        await pilot.pause()
        assert isinstance(app.screen, MissingFileScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not plan.exists()
