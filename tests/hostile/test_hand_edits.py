"""Hand edits survive a save: comments, blank lines, CRLF and order stay; ``fmt`` canonicalises on request."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

from hostile_support import BUNDLED, one_line_error, run

from board import store
from board.app import RolloutApp


def commented_crlf(folder: Path) -> Path:
    """The bundled plan as a person keeps it: comments on lines and between tables, CRLF line endings."""
    out = ["# Our rollout: edit by hand or with rollout-board"]
    for line in BUNDLED.read_text(encoding="utf-8").split("\n"):
        if line.startswith("status = "):
            line += "   # blocked on legal review"
        if line.startswith("[[objectives]]"):
            out.append("# --- next objective ---")
        out.append(line)
    path = folder / "plan.toml"
    path.write_bytes("\r\n".join(out).encode("utf-8"))
    return path


def changed_lines(before: bytes, after: bytes) -> list[str]:
    old, new = before.decode().split("\r\n"), after.decode().split("\r\n")
    return [
        line
        for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_move_on_a_commented_crlf_plan_changes_two_lines_and_keeps_every_comment(tmp_path: Path) -> None:
    plan = commented_crlf(tmp_path)
    before = plan.read_bytes()
    result = run(tmp_path, "move", plan, "ci-cd", "done")
    assert result.returncode == 0, result.stderr
    after = plan.read_bytes()
    diff = changed_lines(before, after)
    assert diff[0] == '-status = "todo"   # blocked on legal review'
    assert diff[1] == '+status = "done"   # blocked on legal review'
    assert len([line for line in diff if line.startswith("+")]) <= 2  # status, and the day it changed
    assert after.count(b"# blocked on legal review") == before.count(b"# blocked on legal review")
    assert after.count(b"# --- next objective ---") == before.count(b"# --- next objective ---")
    assert after.count(b"\n") == after.count(b"\r\n")  # every line still ends in CRLF
    assert store.load(plan).objective("ci-cd").status == "done"


def test_a_metric_reading_keeps_the_files_comments(tmp_path: Path) -> None:
    plan = commented_crlf(tmp_path)
    metric = store.load(plan).metrics[0].id
    result = run(tmp_path, "metric", plan, metric, "72", "--date", "2026-11-30")
    assert result.returncode == 0, result.stderr
    after = plan.read_bytes()
    assert after.startswith(b"# Our rollout: edit by hand or with rollout-board\r\n")
    assert after.count(b"# blocked on legal review") == 32
    assert after.count(b"\n") == after.count(b"\r\n")


async def test_the_board_saves_a_change_keeping_the_files_comments(
    tmp_path: Path, platformdirs_isolated: object
) -> None:
    plan = commented_crlf(tmp_path)
    before = plan.read_bytes()
    app = RolloutApp(plan, today=lambda: date(2026, 11, 30), watch_interval=0)
    async with app.run_test() as pilot:
        await pilot.press("space")  # opa-policy: todo -> in-progress
        await pilot.pause()
    after = plan.read_bytes()
    diff = changed_lines(before, after)
    assert diff == [
        '-status = "todo"   # blocked on legal review',
        '+status = "in-progress"   # blocked on legal review',
        "+changed = 2026-11-30",
    ]


def test_fmt_check_exits_1_on_a_hand_edited_plan_and_fmt_rewrites_it_canonically(tmp_path: Path) -> None:
    plan = commented_crlf(tmp_path)
    before = plan.read_bytes()
    result = run(tmp_path, "fmt", "--check", plan)
    assert result.returncode == 1
    assert "not canonical" in result.stdout
    assert plan.read_bytes() == before
    result = run(tmp_path, "fmt", plan)
    assert result.returncode == 0, result.stderr
    assert plan.read_bytes() == store.dumps(store.load(plan)).encode("utf-8")
    assert plan.read_bytes() == BUNDLED.read_bytes()
    assert run(tmp_path, "fmt", "--check", plan).returncode == 0


def test_fmt_reports_a_bad_plan_as_file_line_col_and_leaves_it(tmp_path: Path) -> None:
    plan = tmp_path / "bad.toml"
    plan.write_text('schema = 1\ntitle = "x\n')
    line = one_line_error(run(tmp_path, "fmt", plan))
    assert line.startswith(f"{plan}:2:")
    assert plan.read_text() == 'schema = 1\ntitle = "x\n'


def test_a_plan_with_a_byte_order_mark_keeps_it_through_a_move_and_a_merged_board_save(tmp_path: Path) -> None:
    from board.model import Editor
    from board.session import PlanSession

    plan = tmp_path / "plan.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + BUNDLED.read_bytes())
    session = PlanSession(plan, today=lambda: date(2026, 11, 30))
    store.update(plan, lambda p: Editor(p).set_status("ci-cd", "done"))  # another writer, first
    session.editor.set_status("opa-policy", "done")
    session.plan.title = "Renamed here"  # a change to the head, whose first line holds the mark
    stopped = session.save()
    assert stopped is not None and stopped.kind == "merged"
    data = plan.read_bytes()
    assert data.startswith(b'\xef\xbb\xbfschema = 1\ntitle = "Renamed here"\n')
    saved = store.load(plan)
    assert saved.objective("ci-cd").status == "done" and saved.objective("opa-policy").status == "done"
