"""What is late (past weeks, not done) and why something is blocked (`blocked_reason`): model, file, exports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.interchange.json_export import plan_to_json_data
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import Editor, Plan

BOARD_PLAN = Path(__file__).parent / "data" / "board-plan.toml"  # starts Mon 2026-11-16
TODAY = date(2026, 12, 2)  # Wednesday of week 3


@pytest.fixture
def plan() -> Plan:
    return store.load(BOARD_PLAN)


def test_late_is_past_weeks_not_done(plan: Plan) -> None:
    late = [o.id for o in plan.late(TODAY)]
    # Week 1 is all done; week 2 holds two in progress, one blocked, one todo.
    assert late == [o.id for o in plan.objectives if o.week == 2 and o.status != "done"]
    assert len(late) == 4
    assert plan.late(date(2026, 11, 18)) == []  # in week 1 nothing is past
    assert plan.is_late(plan.objective(late[0]), 3) and not plan.is_late(plan.objective(late[0]), 2)
    assert not plan.is_late(plan.objective(late[0]), None)
    plan.start = None
    assert plan.late(TODAY) == []  # no start date: no this week, nothing late


def test_late_after_the_plan_ended_is_everything_not_done(plan: Plan) -> None:
    not_done = [o.id for o in plan.objectives if o.status != "done"]
    assert [o.id for o in plan.late(date(2027, 3, 1))] == not_done


def test_b_with_a_reason_stores_it_and_b_again_gives_back_the_status(plan: Plan) -> None:
    editor = Editor(plan, today=lambda: TODAY)
    obj = plan.objective("monitoring-dashboards")
    assert obj.status == "todo"
    editor.toggle_blocked("monitoring-dashboards", "  waiting for   legal  ")
    assert (obj.status, obj.blocked_reason, obj.changed) == ("blocked", "waiting for legal", TODAY)
    editor.toggle_blocked("monitoring-dashboards")
    assert (obj.status, obj.blocked_reason) == ("todo", "")  # not in-progress: the status it had
    editor.undo()
    assert (obj.status, obj.blocked_reason) == ("blocked", "waiting for legal")  # undo brings the reason back
    editor.undo()
    assert (obj.status, obj.blocked_reason) == ("todo", "")


def test_blocking_a_done_objective_and_unblocking_gives_done_back(plan: Plan) -> None:
    editor = Editor(plan, today=lambda: TODAY)
    editor.toggle_blocked("opa-policy")
    editor.toggle_blocked("opa-policy")
    assert plan.objective("opa-policy").status == "done"


def test_unblocking_an_objective_blocked_in_the_file_moves_it_on(plan: Plan) -> None:
    blocked = plan.blocked()[0]
    Editor(plan).toggle_blocked(blocked.id)
    assert blocked.status == "in-progress"  # the status before is not known: blocked → in-progress


def test_leaving_blocked_any_way_clears_the_reason(plan: Plan) -> None:
    editor = Editor(plan, today=lambda: TODAY)
    obj = plan.objective("monitoring-dashboards")
    editor.toggle_blocked("monitoring-dashboards", "no budget")
    editor.set_status("monitoring-dashboards", "blocked")  # staying blocked keeps it
    assert obj.blocked_reason == "no budget"
    editor.advance("monitoring-dashboards")
    assert (obj.status, obj.blocked_reason) == ("in-progress", "")
    editor.toggle_blocked("monitoring-dashboards", "no budget")
    editor.edit_objective("monitoring-dashboards", status="done")
    assert obj.blocked_reason == ""


def test_a_reason_is_one_line_of_text(plan: Plan) -> None:
    editor = Editor(plan)
    editor.toggle_blocked("monitoring-dashboards", "first line\nsecond line")
    assert plan.objective("monitoring-dashboards").blocked_reason == "first line second line"
    with pytest.raises(ValueError, match="blocked_reason must be text"):
        editor.toggle_blocked("ci-cd", 42)  # type: ignore[arg-type]


def test_blocked_reason_is_saved_in_its_own_line_and_read_back(plan: Plan, tmp_path: Path) -> None:
    editor = Editor(plan, today=lambda: TODAY)
    path = tmp_path / "plan.toml"
    before = store.save(plan, path).decode().splitlines()
    editor.toggle_blocked("monitoring-dashboards", 'waits for "legal" #2')
    after = store.save(plan, path).decode().splitlines()
    added = [line for line in after if line not in before]
    assert 'blocked_reason = "waits for \\"legal\\" #2"' in added
    assert len(added) <= 3  # status, changed, the reason
    text = path.read_text()
    chunk = text[text.index('id = "monitoring-dashboards"') :].split("\n\n")[0].splitlines()
    assert [line.split(" = ")[0] for line in chunk][3:6] == ["status", "changed", "blocked_reason"]
    loaded = store.load(path)
    assert loaded.objective("monitoring-dashboards").blocked_reason == 'waits for "legal" #2'
    assert store.dumps(loaded) == text  # canonical: an unchanged plan saves the same bytes
    editor.toggle_blocked("monitoring-dashboards")
    assert "blocked_reason" not in store.dumps(plan)


def test_a_wrongly_typed_reason_is_a_file_line_col_problem(tmp_path: Path) -> None:
    text = BOARD_PLAN.read_text().replace('status = "blocked"\n', 'status = "blocked"\nblocked_reason = 3\n', 1)
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(store.LoadError) as caught:
        store.load(path)
    line = text.splitlines().index("blocked_reason = 3") + 1
    assert str(caught.value.problems[0]).startswith(f"{path}:{line}:1: ")
    assert "'blocked_reason' must be a string" in str(caught.value)


def test_json_and_markdown_exports_carry_the_reason(plan: Plan) -> None:
    Editor(plan).toggle_blocked("monitoring-dashboards", "legal has not answered")
    data = json.loads(json.dumps(plan_to_json_data(plan)))
    found = next(o for o in data["objectives"] if o["id"] == "monitoring-dashboards")
    assert found["blocked_reason"] == "legal has not answered"
    text = export_markdown(plan)
    assert "legal has not answered" in text
    back = import_markdown(text)
    assert back.warnings == []
    assert back.plan.objective("monitoring-dashboards").blocked_reason == "legal has not answered"
    assert back.plan == plan
