"""Structure edits of lists: success criteria, rollback steps, checklists and their items,
contingency plans and their actions, the risk register and metric definitions."""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

import pytest

from board.model import Check, Criterion, Editor, Plan, PlanError, Risk
from tests.unit.structure_support import TODAY, apply, refused, store_messages, valid  # noqa: F401


def texts(items: list[Any]) -> list[str]:
    return [item if isinstance(item, str) else item.text for item in items]


# --- lines of a list ------------------------------------------------------------------

LISTS = [
    ("criteria", "p1", lambda plan: plan.phase("p1").criteria, "phase 'p1'", "success criterion", "criterion"),
    ("rollback", "p2", lambda plan: plan.phase("p2").rollback_steps, "phase 'p2'", "rollback step", "rollback step"),
    (
        "checklist",
        "monitoring-alerting",
        lambda plan: plan.risk_management[1].items,
        "checklist 'monitoring-alerting'",
        "item",
        "item",
    ),
    (
        "checklist",
        "post-implementation",
        lambda plan: plan.final_validation[1].items,
        "checklist 'post-implementation'",
        "item",
        "item",
    ),
    (
        "actions",
        "technical-issues",
        lambda plan: plan.contingencies[1].actions,
        "contingency plan 'technical-issues'",
        "action",
        "action",
    ),
]
IDS = [f"{kind}-{owner}" for kind, owner, *_ in LISTS]


@pytest.mark.parametrize(("kind", "owner", "items_of", "where", "noun", "short"), LISTS, ids=IDS)
def test_lines_add_edit_move_delete(
    editor: Editor, kind: str, owner: str, items_of: Callable[[Plan], list[Any]], where: str, noun: str, short: str
) -> None:
    items = items_of(editor.plan)
    start = texts(items)
    apply(editor, editor.add_item, kind, owner, "  Last line ")
    assert texts(items) == [*start, "Last line"]
    apply(editor, editor.add_item, kind, owner, "First line", 0)
    assert texts(items)[0] == "First line"
    apply(editor, editor.edit_item, kind, owner, 1, "Second line")
    assert texts(items)[1] == "Second line"
    apply(editor, editor.move_item, kind, owner, 0, 1)
    assert texts(items)[:2] == ["Second line", "First line"]
    apply(editor, editor.move_item, kind, owner, 1, -1)
    assert texts(items)[:2] == ["First line", "Second line"]
    apply(editor, editor.delete_item, kind, owner, 0)
    assert texts(items) == ["Second line", *start[1:], "Last line"]


@pytest.mark.parametrize(("kind", "owner", "items_of", "where", "noun", "short"), LISTS, ids=IDS)
def test_lines_refusals(
    editor: Editor, kind: str, owner: str, items_of: Callable[[Plan], list[Any]], where: str, noun: str, short: str
) -> None:
    size = len(items_of(editor.plan))
    article = "an" if noun[0] in "aeiou" else "a"
    refused(editor, f"{where}: {article} {noun} must not be empty", editor.add_item, kind, owner, "  ")
    refused(editor, f"{where}: {article} {noun} must be one line", editor.add_item, kind, owner, "a\nb")
    refused(editor, f"{where}: {article} {noun} must be text, not NoneType", editor.add_item, kind, owner, None)
    refused(editor, f"{where} has no position {size + 2} (1-{size + 1})", editor.add_item, kind, owner, "x", size + 1)
    refused(editor, f"{where} has no {short} {size + 1}", editor.edit_item, kind, owner, size, "x")
    refused(editor, f"{where}: {article} {noun} must not be empty", editor.edit_item, kind, owner, 0, "")
    refused(editor, f"{where} has no {short} 0", editor.delete_item, kind, owner, -1)
    refused(editor, f"{short} 1 of {where} is already first", editor.move_item, kind, owner, 0, -1)
    refused(editor, f"{short} {size} of {where} is already last", editor.move_item, kind, owner, size - 1, 1)


def test_editing_a_line_keeps_its_tick(editor: Editor) -> None:
    editor.tick_criterion("p1", 1, True)
    editor.tick_check("pre-deployment-validation", 1, True)
    apply(editor, editor.edit_item, "criteria", "p1", 1, "No critical vulnerability open")
    apply(editor, editor.edit_item, "checklist", "pre-deployment-validation", 1, "Smoke tests")
    assert editor.plan.phases[0].criteria[1] == Criterion("No critical vulnerability open", True)
    assert editor.plan.risk_management[0].items[1] == Check("Smoke tests", True)


def test_ticks_of_criteria_undo(editor: Editor) -> None:
    apply(editor, editor.tick_criterion, "p3", 2, True)
    assert editor.plan.phase("p3").criteria[2].met


def test_unknown_lists_and_owners(editor: Editor) -> None:
    refused(
        editor,
        "unknown list 'steps' (expected one of: criteria, rollback, checklist, actions)",
        editor.add_item,
        "steps",
        "p1",
        "x",
    )
    refused(editor, "no phase with id 'zz'", editor.add_item, "criteria", "zz", "x")
    refused(editor, "no checklist with id 'zz'", editor.add_item, "checklist", "zz", "x")
    refused(editor, "no contingency plan with id 'zz'", editor.add_item, "actions", "zz", "x")


# --- checklists -----------------------------------------------------------------------


def test_checklists_add_edit_move_delete(editor: Editor) -> None:
    plan = editor.plan
    apply(editor, editor.add_checklist, "risk_management", "Data Protection")
    assert (plan.risk_management[-1].id, plan.risk_management[-1].name) == ("data-protection", "Data Protection")
    apply(editor, editor.add_checklist, "final_validation", "Sign-off", cid="sign-off", index=0)
    assert plan.final_validation[0].id == "sign-off"
    apply(editor, editor.edit_checklist, "sign-off", name="Go/No-Go", id="go-no-go")
    assert (plan.final_validation[0].id, plan.final_validation[0].name) == ("go-no-go", "Go/No-Go")
    apply(editor, editor.move_checklist, "go-no-go", 1)
    assert [c.id for c in plan.final_validation] == ["acceptance-criteria", "go-no-go", "post-implementation"]
    apply(editor, editor.delete_checklist, "monitoring-alerting")
    assert [c.id for c in plan.risk_management] == [
        "pre-deployment-validation",
        "communication-plan",
        "data-protection",
    ]


def test_checklist_refusals(editor: Editor) -> None:
    refused(
        editor,
        "unknown checklist section 'risks' (expected one of: risk_management, final_validation)",
        editor.add_checklist,
        "risks",
        "X",
    )
    refused(editor, "the checklist's name must not be empty", editor.add_checklist, "risk_management", "")
    refused(
        editor,
        "duplicate checklist id 'monitoring-alerting'",
        editor.add_checklist,
        "final_validation",
        "X",
        cid="monitoring-alerting",
    )
    refused(
        editor,
        "checklist id 'Bad Id' must be lowercase letters, digits and single hyphens (like 'opa-policy')",
        editor.add_checklist,
        "final_validation",
        "X",
        cid="Bad Id",
    )
    refused(
        editor,
        "checklist 'communication-plan': the name must not be empty",
        editor.edit_checklist,
        "communication-plan",
        name=" ",
    )
    refused(
        editor,
        "duplicate checklist id 'acceptance-criteria'",
        editor.edit_checklist,
        "communication-plan",
        id="acceptance-criteria",
    )
    refused(
        editor,
        "checklists have no field 'items' (fields: id, name)",
        editor.edit_checklist,
        "communication-plan",
        items=[],
    )
    refused(editor, "no checklist with id 'zz'", editor.delete_checklist, "zz")
    refused(
        editor,
        "checklist 'pre-deployment-validation' is already first",
        editor.move_checklist,
        "pre-deployment-validation",
        -1,
    )
    refused(
        editor, "the final validation has no position 4 (1-3)", editor.add_checklist, "final_validation", "X", index=3
    )
    plan = copy.deepcopy(editor.plan)
    plan.risk_management[0].id = "monitoring-alerting"
    assert "duplicate checklist id 'monitoring-alerting'" in store_messages(plan)


# --- contingency plans ----------------------------------------------------------------


def test_contingencies_add_edit_move_delete(editor: Editor) -> None:
    plan = editor.plan
    apply(editor, editor.add_contingency, "Vendor Outage")
    added = plan.contingencies[-1]
    assert (added.id, added.name, added.actions, added.active) == ("vendor-outage", "Vendor Outage", [], False)
    apply(editor, editor.add_item, "actions", "vendor-outage", "Switch to the standby region")
    apply(editor, editor.edit_contingency, "vendor-outage", name="Cloud Outage", id="cloud-outage")
    assert plan.contingencies[-1].id == "cloud-outage" and plan.contingencies[-1].actions == [
        "Switch to the standby region"
    ]
    apply(editor, editor.move_contingency, "cloud-outage", -1)
    assert [c.id for c in plan.contingencies][-2:] == ["cloud-outage", "timeline-adjustments"]
    apply(editor, editor.delete_contingency, "resource-constraints")
    assert [c.id for c in plan.contingencies] == ["technical-issues", "cloud-outage", "timeline-adjustments"]


def test_contingency_refusals(editor: Editor) -> None:
    refused(editor, "the contingency plan's name must not be empty", editor.add_contingency, " ")
    refused(
        editor,
        "duplicate contingency id 'technical-issues'",
        editor.add_contingency,
        "Technical Issues",
        cid="technical-issues",
    )
    refused(
        editor,
        "duplicate contingency id 'technical-issues'",
        editor.edit_contingency,
        "resource-constraints",
        id="technical-issues",
    )
    refused(
        editor,
        "contingency plans have no field 'notes' (fields: id, name)",
        editor.edit_contingency,
        "resource-constraints",
        notes="x",
    )
    refused(editor, "no contingency plan with id 'zz'", editor.delete_contingency, "zz")
    refused(
        editor,
        "contingency plan 'timeline-adjustments' is already last",
        editor.move_contingency,
        "timeline-adjustments",
        1,
    )
    plan = copy.deepcopy(editor.plan)
    plan.contingencies[0].id = "technical-issues"
    assert "duplicate contingency id 'technical-issues'" in store_messages(plan)


def test_a_new_contingency_id_is_numbered_when_taken(editor: Editor) -> None:
    assert editor.suggest_id("contingency", "Technical Issues") == "technical-issues-2"
    apply(editor, editor.add_contingency, "Technical Issues")
    assert editor.plan.contingencies[-1].id == "technical-issues-2"


# --- risk register --------------------------------------------------------------------


def test_risks_add_edit_move_delete(editor: Editor) -> None:
    phase = editor.plan.phase("p2")
    apply(
        editor,
        editor.add_risk,
        "p2",
        "Module federation breaks routing",
        likelihood=4,
        impact=3,
        owner="Ana",
        mitigation="Canary\nand flags",
    )
    assert phase.risks == [
        Risk("module-federation", "Module federation breaks routing", 4, 3, "Canary\nand flags", "Ana", "open")
    ]
    apply(editor, editor.add_risk, "p2", "Flaky tests", rid="flaky", index=0)
    assert [r.id for r in phase.risks] == ["flaky", "module-federation"]
    apply(
        editor,
        editor.edit_risk,
        "module-federation",
        state="mitigated",
        impact=5,
        description="Routing breaks",
        id="routing",
    )
    assert phase.risks[1] == Risk("routing", "Routing breaks", 4, 5, "Canary\nand flags", "Ana", "mitigated")
    apply(editor, editor.move_risk, "routing", -1)
    assert [r.id for r in phase.risks] == ["routing", "flaky"]
    apply(editor, editor.delete_risk, "flaky")
    assert [r.id for r in phase.risks] == ["routing"]


def test_risk_ids_are_unique_across_phases(editor: Editor) -> None:
    editor.add_risk("p1", "Flaky tests")
    assert editor.suggest_id("risk", "Flaky tests") == "flaky-tests-2"
    apply(editor, editor.add_risk, "p3", "Flaky tests")
    assert editor.plan.phase("p3").risks[0].id == "flaky-tests-2"
    refused(editor, "duplicate risk id 'flaky-tests'", editor.add_risk, "p4", "Other", rid="flaky-tests")
    refused(editor, "duplicate risk id 'flaky-tests'", editor.edit_risk, "flaky-tests-2", id="flaky-tests")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"likelihood": 0}, "risk 'slow-rollout': likelihood must be 1-5, not 0"),
        ({"impact": 6}, "risk 'slow-rollout': impact must be 1-5, not 6"),
        ({"impact": "5"}, "risk 'slow-rollout': impact must be a whole number, not '5'"),
        ({"state": "gone"}, "risk 'slow-rollout': unknown state 'gone' (expected one of: open, mitigated, closed)"),
        ({"owner": "a\nb"}, "risk 'slow-rollout': the owner must be one line"),
        ({"colour": "red"}, "risks have no field 'colour' (fields: likelihood, impact, mitigation, owner, state)"),
    ],
)
def test_add_risk_refusals(editor: Editor, fields: dict[str, Any], message: str) -> None:
    refused(editor, message, editor.add_risk, "p1", "Slow rollout", **fields)


def test_risk_refusals(editor: Editor) -> None:
    editor.add_risk("p1", "Slow rollout")
    refused(editor, "a risk's description must not be empty", editor.add_risk, "p1", "")
    refused(editor, "no phase with id 'zz'", editor.add_risk, "zz", "x")
    refused(
        editor,
        "risk 'slow-rollout': the description must not be empty",
        editor.edit_risk,
        "slow-rollout",
        description=" ",
    )
    refused(
        editor, "risk 'slow-rollout': likelihood must be 1-5, not 9", editor.edit_risk, "slow-rollout", likelihood=9
    )
    refused(editor, "no risk with id 'zz'", editor.edit_risk, "zz", state="closed")
    refused(editor, "no risk with id 'zz'", editor.delete_risk, "zz")
    refused(editor, "risk 'slow-rollout' is already last", editor.move_risk, "slow-rollout", 1)
    plan = copy.deepcopy(editor.plan)
    plan.phases[0].risks[0].likelihood = 9
    assert "risk 'slow-rollout': likelihood must be 1-5, not 9" in store_messages(plan)


# --- metric definitions ---------------------------------------------------------------


def test_metrics_add_edit_move_delete(editor: Editor) -> None:
    plan = editor.plan
    apply(editor, editor.add_metric, "Error Rate", "quality", 0.5, unit="%", baseline=2, direction="down")
    metric = plan.metrics[-1]
    assert (metric.id, metric.spec(), metric.direction) == ("error-rate", "2% → 0.5%", "down")
    apply(editor, editor.add_metric, "Adoption", "business", 25, mid="adoption", unit="%", relative=True, index=0)
    assert plan.metrics[0].spec() == "+25%"
    apply(
        editor,
        editor.edit_metric,
        "error-rate",
        name="Errors",
        group="technical",
        unit=" per mille",
        baseline=None,
        target=3,
        direction="up",
        relative=False,
        id="errors",
    )
    metric = plan.metrics[-1]
    assert (metric.id, metric.name, metric.group, metric.unit, metric.baseline, metric.target) == (
        "errors",
        "Errors",
        "technical",
        "per mille",
        None,
        3,
    )
    apply(editor, editor.move_metric, "errors", -1)
    assert plan.metrics[-2].id == "errors"
    editor.record_metric("security-score", 80)
    apply(editor, editor.edit_metric, "security-score", target=90)
    assert plan.metric("security-score").history[0].value == 80
    linked = plan.phase("p1").criteria[0]
    assert linked.metric == "security-score"
    apply(editor, editor.delete_metric, "security-score")  # valid after: its criterion is ticked by hand again
    assert [m.id for m in plan.metrics][:2] == ["adoption", "test-coverage"]
    assert (linked.metric, linked.at_least, linked.at_most, linked.met) == ("", None, None, False)
    editor.undo()
    assert (linked.metric, linked.at_least) == ("security-score", 85)


def test_renaming_a_metric_carries_its_links(editor: Editor) -> None:
    plan = editor.plan
    apply(editor, editor.edit_metric, "test-coverage", id="coverage")
    assert [c.metric for c in (plan.phase("p2").criteria[1], plan.phase("p4").criteria[1])] == ["coverage"] * 2
    editor.record_metric("coverage", 61)
    assert plan.criterion_met(plan.phase("p2").criteria[1])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"group": "speed"},
            "metric 'security-score': unknown group 'speed' (expected one of: technical, business, quality)",
        ),
        ({"direction": "sideways"}, "metric 'security-score': direction must be 'up' or 'down', not 'sideways'"),
        ({"name": ""}, "metric 'security-score': the name must not be empty"),
        ({"target": math.nan}, "metric 'security-score': target must be a finite number, not nan"),
        ({"target": None}, "metric 'security-score': target must be a finite number, not None"),
        ({"baseline": "70"}, "metric 'security-score': baseline must be a finite number, not '70'"),
        ({"relative": "yes"}, "metric 'security-score': relative must be true or false, not 'yes'"),
        ({"id": "test-coverage"}, "duplicate metric id 'test-coverage'"),
        ({"id": "Score"}, "metric id 'Score' must be lowercase letters, digits and single hyphens (like 'opa-policy')"),
        (
            {"current": 3},
            "metrics have no field 'current' (fields: id, name, group, unit, baseline, target, relative, direction)",
        ),
    ],
)
def test_edit_metric_refusals(editor: Editor, fields: dict[str, Any], message: str) -> None:
    refused(editor, message, editor.edit_metric, "security-score", **fields)


def test_metric_refusals(editor: Editor) -> None:
    refused(editor, "a metric's name must not be empty", editor.add_metric, " ", "quality", 1)
    refused(
        editor,
        "metric 'uptime': unknown group 'ops' (expected one of: technical, business, quality)",
        editor.add_metric,
        "Uptime",
        "ops",
        99.9,
    )
    refused(editor, "duplicate metric id 'bug-density'", editor.add_metric, "Bugs", "quality", 1, mid="bug-density")
    refused(
        editor,
        "metrics have no field 'history' (fields: unit, baseline, relative, direction)",
        editor.add_metric,
        "Uptime",
        "technical",
        99.9,
        history=[],
    )
    refused(editor, "no metric with id 'zz'", editor.edit_metric, "zz", name="x")
    refused(editor, "no metric with id 'zz'", editor.delete_metric, "zz")
    refused(editor, "metric 'security-score' is already first", editor.move_metric, "security-score", -1)
    plan = copy.deepcopy(editor.plan)
    plan.metrics[0].group, plan.metrics[1].direction = "speed", "sideways"
    messages = store_messages(plan)
    assert "metric 'security-score': unknown group 'speed' (expected one of: technical, business, quality)" in messages
    assert "metric 'test-coverage': direction must be 'up' or 'down', not 'sideways'" in messages


def test_suggest_id_kinds(editor: Editor) -> None:
    assert editor.suggest_id("phase", "Hypercare & Handover") == "hypercare-handover"
    assert editor.suggest_id("checklist", "Monitoring & Alerting") == "monitoring-alerting-2"
    assert editor.suggest_id("metric", "Bug Density") == "bug-density-2"
    assert editor.suggest_id("phase", "!!!") == "phase"
    with pytest.raises(PlanError, match="unknown kind of entry 'objective'"):
        editor.suggest_id("objective", "x")


def test_deleting_a_metric_takes_the_gate_conditions_on_it() -> None:
    from pathlib import Path

    from board import store

    staged = Editor(store.load(Path(__file__).parents[1] / "data" / "staged-rollout.toml"), today=lambda: TODAY)
    gate = staged.plan.phase("internal").gate
    assert gate is not None and [g.metric for g in gate.metrics] == ["error-rate"]
    assert staged.plan.metric_links("error-rate") == ([], 1)
    apply(staged, staged.delete_metric, "error-rate")
    assert gate.metrics == []
    staged.undo()
    assert [g.metric for g in gate.metrics] == ["error-rate"]
