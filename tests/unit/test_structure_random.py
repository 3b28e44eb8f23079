"""Random sequences of structure edits: the plan stays valid and survives the store after
every step, refusals change nothing, and undoing everything gives back the start."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board import store
from board.model import Change, Editor, PlanError, check_plan

BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"
_TEXT = BUNDLED.read_text(encoding="utf-8")

Draw = Callable[[st.SearchStrategy[Any]], Any]
Op = Callable[[Editor, Draw], Change]

WORDS = st.sampled_from(
    ["Canary", "Hypercare", "Data Protection", "Flaky tests", "Go live", "", " ", "two\nlines", "Ünïcode ✓"]
)
TEXT = st.one_of(WORDS, st.text(max_size=12))
STATUS_NAMES = st.sampled_from(["review", "qa", "todo", "done", "In Review", "", "backlog"])
WEEK = st.integers(0, 12)
DELTA = st.sampled_from([-1, 1, 2])
INDEX = st.integers(-1, 6)


def pick(draw: Draw, values: list[str], missing: str = "zz") -> str:
    return draw(st.sampled_from([*values, missing]))


def phase_id(editor: Editor, draw: Draw) -> str:
    return pick(draw, [p.id for p in editor.plan.phases])


def risk_id(editor: Editor, draw: Draw) -> str:
    return pick(draw, [r.id for p in editor.plan.phases for r in p.risks])


def checklist_id(editor: Editor, draw: Draw) -> str:
    return pick(draw, [c.id for c in editor.plan.iter_checklists()])


def contingency_id(editor: Editor, draw: Draw) -> str:
    return pick(draw, [c.id for c in editor.plan.contingencies])


def metric_id(editor: Editor, draw: Draw) -> str:
    return pick(draw, [m.id for m in editor.plan.metrics])


def status(editor: Editor, draw: Draw) -> str:
    return pick(draw, list(editor.plan.statuses), "nope")


def owner_of(kind: str, editor: Editor, draw: Draw) -> str:
    return {"criteria": phase_id, "rollback": phase_id, "checklist": checklist_id, "actions": contingency_id}[kind](
        editor, draw
    )


def _plan(e: Editor, d: Draw) -> Change:
    field = d(st.sampled_from(["title", "summary", "weeks", "start"]))
    value = {
        "title": TEXT,
        "summary": TEXT,
        "weeks": WEEK,
        "start": st.sampled_from([None, date(2026, 11, 2), "2026-11-09", "2026-02-30"]),
    }[field]
    return e.edit_plan(**{field: d(value)})


def _phase_edit(e: Editor, d: Draw) -> Change:
    field = d(st.sampled_from(["name", "priority", "risk", "rollback_budget", "rollback_estimate", "id"]))
    value = {
        "name": TEXT,
        "priority": st.sampled_from(["high", "Low", "urgent", ""]),
        "risk": st.sampled_from(["medium", "huge", ""]),
        "rollback_budget": st.sampled_from(["2h", "90m", "soon", ""]),
        "rollback_estimate": st.sampled_from(["3h", "1h30m", ""]),
        "id": st.sampled_from(["p1", "p9", "Bad Id", "hyper"]),
    }[field]
    return e.edit_phase(phase_id(e, d), **{field: d(value)})


def _phase_weeks(e: Editor, d: Draw) -> Change:
    """Mostly a boundary moved between two neighbours; sometimes any weeks at all."""
    phases = sorted(e.plan.phases, key=lambda p: p.first_week)
    if len(phases) > 1 and d(st.booleans()):
        i = d(st.integers(0, len(phases) - 2))
        early, late = phases[i], phases[i + 1]
        edge = d(st.integers(early.first_week - 1, late.last_week))
        return e.set_phase_weeks({early.id: (early.first_week, edge), late.id: (edge + 1, late.last_week)})
    spans = {phase_id(e, d): (d(WEEK), d(WEEK)) for _ in range(d(st.integers(1, 2)))}
    return e.set_phase_weeks(spans)


def _add_phase(e: Editor, d: Draw) -> Change:
    """Mostly at the end of the plan or at the edge of a phase; sometimes anywhere."""
    edges = [e.plan.weeks + 1] + [w for p in e.plan.phases for w in (p.first_week, p.last_week)]
    first = d(st.one_of(st.sampled_from(edges), WEEK))
    last = first + d(st.integers(-1, 2))
    return e.add_phase(d(TEXT), first, last, take=d(st.booleans()))


def _item(e: Editor, d: Draw) -> Change:
    kind = d(st.sampled_from(["criteria", "rollback", "checklist", "actions"]))
    owner = owner_of(kind, e, d)
    action = d(st.sampled_from(["add", "edit", "delete", "move"]))
    if action == "add":
        return e.add_item(kind, owner, d(TEXT), d(st.one_of(st.none(), INDEX)))
    if action == "edit":
        return e.edit_item(kind, owner, d(INDEX), d(TEXT))
    if action == "delete":
        return e.delete_item(kind, owner, d(INDEX))
    return e.move_item(kind, owner, d(INDEX), d(DELTA))


def _risk(e: Editor, d: Draw) -> Change:
    action = d(st.sampled_from(["add", "edit", "delete", "move"]))
    if action == "add":
        return e.add_risk(phase_id(e, d), d(TEXT), likelihood=d(st.integers(1, 6)), impact=d(st.integers(1, 5)))
    if action == "edit":
        field = d(st.sampled_from(["state", "likelihood", "description", "id"]))
        value = {
            "state": st.sampled_from(["open", "mitigated", "closed", "gone"]),
            "likelihood": st.integers(0, 6),
            "description": TEXT,
            "id": st.sampled_from(["flaky", "Bad", "canary"]),
        }[field]
        return e.edit_risk(risk_id(e, d), **{field: d(value)})
    if action == "delete":
        return e.delete_risk(risk_id(e, d))
    return e.move_risk(risk_id(e, d), d(DELTA))


def _checklist(e: Editor, d: Draw) -> Change:
    action = d(st.sampled_from(["add", "edit", "delete", "move"]))
    if action == "add":
        section = d(st.sampled_from(["risk_management", "final_validation", "risks"]))
        return e.add_checklist(section, d(TEXT), index=d(st.one_of(st.none(), INDEX)))
    if action == "edit":
        return e.edit_checklist(
            checklist_id(e, d),
            **d(st.sampled_from([{"name": "Renamed"}, {"id": "monitoring-alerting"}, {"id": "fresh"}])),
        )
    if action == "delete":
        return e.delete_checklist(checklist_id(e, d))
    return e.move_checklist(checklist_id(e, d), d(DELTA))


def _contingency(e: Editor, d: Draw) -> Change:
    action = d(st.sampled_from(["add", "edit", "delete", "move"]))
    if action == "add":
        return e.add_contingency(d(TEXT), index=d(st.one_of(st.none(), INDEX)))
    if action == "edit":
        return e.edit_contingency(
            contingency_id(e, d), **d(st.sampled_from([{"name": ""}, {"id": "technical-issues"}, {"name": "Plan B"}]))
        )
    if action == "delete":
        return e.delete_contingency(contingency_id(e, d))
    return e.move_contingency(contingency_id(e, d), d(DELTA))


def _metric(e: Editor, d: Draw) -> Change:
    action = d(st.sampled_from(["add", "edit", "delete", "move"]))
    number = st.one_of(st.integers(-5, 100), st.floats(allow_nan=True, allow_infinity=True))
    if action == "add":
        group = d(st.sampled_from(["technical", "business", "quality", "speed"]))
        return e.add_metric(
            d(TEXT),
            group,
            d(number),
            baseline=d(st.one_of(st.none(), number)),
            direction=d(st.sampled_from(["up", "down", "left"])),
        )
    if action == "edit":
        field = d(st.sampled_from(["name", "group", "target", "baseline", "relative", "unit", "id"]))
        value = {
            "name": TEXT,
            "group": st.sampled_from(["business", "ops"]),
            "target": number,
            "baseline": st.one_of(st.none(), number),
            "relative": st.booleans(),
            "unit": TEXT,
            "id": st.sampled_from(["bug-density", "errors", "Bad"]),
        }[field]
        return e.edit_metric(metric_id(e, d), **{field: d(value)})
    if action == "delete":
        return e.delete_metric(metric_id(e, d))
    return e.move_metric(metric_id(e, d), d(DELTA))


def _objective(e: Editor, d: Draw) -> Change:
    oid = pick(d, [o.id for o in e.plan.objectives])
    if d(st.booleans()):
        return e.set_status(oid, status(e, d))
    return e.move_to_week(oid, d(WEEK))


OPS: list[Op] = [
    _plan,
    lambda e, d: e.add_status(d(STATUS_NAMES), d(st.one_of(st.none(), INDEX))),
    lambda e, d: e.rename_status(status(e, d), d(STATUS_NAMES)),
    lambda e, d: e.move_status(status(e, d), d(DELTA)),
    lambda e, d: e.delete_status(status(e, d)),
    _add_phase,
    _phase_edit,
    _phase_weeks,
    lambda e, d: e.move_phase(phase_id(e, d), d(DELTA)),
    lambda e, d: e.delete_phase(
        phase_id(e, d), move_to=d(st.one_of(st.none(), st.just(phase_id(e, d)))), close_gap=d(st.booleans())
    ),
    lambda e, d: e.tick_criterion(phase_id(e, d), d(INDEX)),
    _item,
    _risk,
    _checklist,
    _contingency,
    _metric,
    _objective,
]


def check(editor: Editor) -> None:
    assert check_plan(editor.plan) == []
    assert store.loads(store.dumps(editor.plan)) == editor.plan


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_random_edits_stay_valid_and_undo_to_the_start(data: st.DataObject) -> None:
    editor = Editor(store.loads(_TEXT), today=lambda: date(2026, 11, 25))
    start = copy.deepcopy(editor.plan)
    applied = 0
    for _ in range(data.draw(st.integers(1, 30), label="steps")):
        op = data.draw(st.sampled_from(OPS))
        before = copy.deepcopy(editor.plan)
        try:
            change = op(editor, data.draw)
        except PlanError:
            assert editor.plan == before
            continue
        applied += bool(change.steps)
        check(editor)
    end = copy.deepcopy(editor.plan)
    for _ in range(applied):
        assert editor.undo() is not None
        check(editor)
    assert editor.undo() is None
    assert editor.plan == start
    for _ in range(applied):
        assert editor.redo() is not None
    assert editor.plan == end
