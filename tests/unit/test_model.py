"""Derived facts of the plan model: phases, progress, blocked and waiting objectives, this week,
rollback budgets, the status flow, metrics and durations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from board.model import Metric, Objective, Phase, Plan, Reading, format_minutes, parse_duration, short_minutes
from board.model.durations import is_duration

MONDAY = date(2026, 11, 16)


# --- phases and weeks ---------------------------------------------------------------


def test_the_phase_of_an_objective_follows_its_week(bundled: Plan) -> None:
    expected = {1: "p1", 2: "p1", 3: "p2", 4: "p2", 5: "p3", 6: "p3", 7: "p4", 8: "p4"}
    for obj in bundled.objectives:
        phase = bundled.phase_of(obj)
        assert phase is not None and phase.id == expected[obj.week]
    assert bundled.phase_of_week(0) is None
    assert bundled.phase_of_week(9) is None


def test_moving_an_objective_moves_it_to_the_phase_of_its_new_week(bundled: Plan) -> None:
    obj = bundled.objective("opa-policy")
    obj.week = 6
    assert bundled.phase_of(obj) is bundled.phase("p3")
    assert obj in bundled.objectives_in(bundled.phase("p3"))
    assert obj not in bundled.objectives_in(bundled.phase("p1"))


def test_weeks_and_lookups(bundled: Plan) -> None:
    p2 = bundled.phase("p2")
    assert list(p2.weeks) == [3, 4]
    assert p2.covers(3) and p2.covers(4) and not p2.covers(5)
    assert [o.id for o in bundled.objectives_in_week(1)] == [
        "opa-policy",
        "gitleaks-secret",
        "ci-cd",
        "baseline-metrics",
    ]
    assert bundled.next_phase(p2) is bundled.phase("p3")
    assert bundled.next_phase(bundled.phase("p4")) is None
    assert bundled.find_objective("nope") is None
    for lookup in (bundled.objective, bundled.phase, bundled.metric, bundled.contingency):
        with pytest.raises(KeyError):
            lookup("nope")


# --- progress, blocked, waiting -----------------------------------------------------


def test_progress_per_phase_and_overall(bundled: Plan) -> None:
    assert bundled.progress() == (0, 32)
    for oid in ("opa-policy", "ci-cd", "error-boundaries"):
        bundled.objective(oid).status = "done"
    bundled.objective("xss-prevention").status = "in-progress"
    assert bundled.progress() == (3, 32)
    assert [bundled.phase_progress(p) for p in bundled.phases] == [(2, 8), (1, 8), (0, 8), (0, 8)]
    assert bundled.progress([]) == (0, 0)
    assert [o.id for o in bundled.in_status("in-progress")] == ["xss-prevention"]


def test_progress_uses_the_last_status_of_a_custom_set() -> None:
    plan = Plan(
        "T",
        1,
        statuses=["backlog", "doing", "shipped"],
        objectives=[
            Objective("a", "A", 1, "shipped"),
            Objective("b", "B", 1, "doing"),
        ],
    )
    assert plan.done_status == "shipped" and plan.first_status == "backlog"
    assert plan.progress() == (1, 2)
    assert plan.is_done(plan.objective("a")) and not plan.is_done(plan.objective("b"))


def test_blocked_objectives(bundled: Plan) -> None:
    assert bundled.blocked() == []
    bundled.objective("ci-cd").status = "blocked"
    bundled.objective("bundle-size").status = "blocked"
    assert [o.id for o in bundled.blocked()] == ["ci-cd", "bundle-size"]


def test_objectives_waiting_on_dependencies() -> None:
    plan = Plan(
        "T",
        2,
        objectives=[
            Objective("a", "A", 1, "done"),
            Objective("b", "B", 1, "in-progress"),
            Objective("c", "C", 2, depends_on=["a"]),
            Objective("d", "D", 2, depends_on=["a", "b"]),
            Objective("e", "E", 2, "done", depends_on=["b"]),
            Objective("f", "F", 2, depends_on=["gone"]),
        ],
    )
    assert [o.id for o in plan.waiting_on_dependencies()] == ["d", "f"]
    assert plan.unfinished_dependencies(plan.objective("c")) == []
    assert plan.unfinished_dependencies(plan.objective("d")) == ["b"]
    assert plan.unfinished_dependencies(plan.objective("f")) == ["gone"]
    assert [o.id for o in plan.dependents("a")] == ["c", "d"]
    plan.objective("b").status = "done"
    assert [o.id for o in plan.waiting_on_dependencies()] == ["f"]


# --- this week ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "week", "phase"),
    [
        (MONDAY - timedelta(days=1), None, None),
        (MONDAY - timedelta(days=30), None, None),
        (MONDAY, 1, "p1"),
        (MONDAY + timedelta(days=6), 1, "p1"),
        (MONDAY + timedelta(days=7), 2, "p1"),
        (MONDAY + timedelta(days=15), 3, "p2"),
        (MONDAY + timedelta(days=55), 8, "p4"),
        (MONDAY + timedelta(days=56), 9, None),
        (MONDAY + timedelta(days=400), 58, None),
    ],
)
def test_this_week_from_the_start_date_and_an_injected_today(
    bundled: Plan, today: date, week: int | None, phase: str | None
) -> None:
    bundled.start = MONDAY
    assert bundled.this_week(today) == week
    current = bundled.current_phase(today)
    assert (current.id if current else None) == phase


def test_no_start_date_means_no_this_week(bundled: Plan) -> None:
    assert bundled.start is None
    assert bundled.this_week(MONDAY) is None
    assert bundled.current_phase(MONDAY) is None


# --- rollback budgets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "estimate", "over"),
    [
        ("2h", "90m", False),
        ("2h", "2h", False),
        ("2h", "121m", True),
        ("1h", "1h30m", True),
        ("", "3h", False),
        ("2h", "", False),
    ],
)
def test_rollback_over_budget(budget: str, estimate: str, over: bool) -> None:
    phase = Phase("p", "P", 1, 1, rollback_budget=budget, rollback_estimate=estimate)
    assert phase.rollback_over_budget() is over


def test_the_bundled_budgets_and_estimates(bundled: Plan) -> None:
    p2 = bundled.phase("p2")
    assert (p2.budget_minutes(), p2.estimate_minutes()) == (240, 180)
    p2.rollback_estimate = "5h"
    assert p2.rollback_over_budget()
    assert Phase("p", "P", 1, 1).budget_minutes() is None


# --- the status flow ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "following"),
    [("todo", "in-progress"), ("in-progress", "done"), ("done", "done"), ("blocked", "in-progress")],
)
def test_next_status_for_every_default_status(bundled: Plan, status: str, following: str) -> None:
    assert bundled.next_status(status) == following


def test_next_status_of_a_custom_set_without_blocked() -> None:
    plan = Plan("T", 1, statuses=["backlog", "doing", "review", "shipped"])
    assert plan.blocked_status is None
    assert plan.flow() == ["backlog", "doing", "review", "shipped"]
    assert [plan.next_status(s) for s in plan.statuses] == ["doing", "review", "shipped", "shipped"]


def test_the_default_status_set() -> None:
    plan = Plan("T", 1)
    assert plan.statuses == ["todo", "in-progress", "blocked", "done"]
    assert plan.flow() == ["todo", "in-progress", "done"]
    assert plan.blocked_status == "blocked"


# --- metrics ----------------------------------------------------------------------------


def test_an_absolute_metric() -> None:
    metric = Metric("security-score", "Security Score", "technical", target=95, unit="%", baseline=70)
    assert metric.spec() == "70% → 95%"
    assert metric.progress() is None
    for current, fraction in ((70, 0.0), (80, 0.4), (95, 1.0), (100, 1.0), (60, 0.0)):
        metric.current = current
        assert metric.progress() == pytest.approx(fraction)


def test_a_relative_metric_counts_from_zero() -> None:
    metric = Metric("developer-productivity", "Developer Productivity", "business", target=40, unit="%", relative=True)
    assert metric.spec() == "+40%"
    assert metric.start_value() == 0.0
    metric.current = 20
    assert metric.progress() == pytest.approx(0.5)


def test_a_downward_relative_metric() -> None:
    metric = Metric("mttr", "Mean Time to Recovery", "business", target=-75, unit="%", relative=True, direction="down")
    assert metric.spec() == "-75%"
    for current, fraction in ((-30, 0.4), (-75, 1.0), (-90, 1.0), (10, 0.0), (0, 0.0)):
        metric.current = current
        assert metric.progress() == pytest.approx(fraction)


def test_a_downward_absolute_metric() -> None:
    metric = Metric("load-time", "Page load", "technical", target=1.5, unit=" s", baseline=3, direction="down")
    assert metric.spec() == "3 s → 1.5 s"
    metric.current = 2.25
    assert metric.progress() == pytest.approx(0.5)


def test_a_target_only_metric_and_a_zero_span() -> None:
    metric = Metric("documentation-coverage", "Documentation Coverage", "quality", target=100, unit="%")
    assert metric.spec() == "100%"
    metric.current = 50
    assert metric.progress() == pytest.approx(0.5)
    flat = Metric("flat", "Flat", "quality", target=5, baseline=5, current=5)
    assert flat.progress() == 1.0
    flat.current = 4
    assert flat.progress() == 0.0


def test_the_bundled_metric_specs_read_as_the_seed(bundled: Plan) -> None:
    assert [m.spec() for m in bundled.metrics] == [
        "70% → 95%",
        "25% → 80%",
        "65% → 85%",
        "80% → 90%",
        "60% → 98%",
        "+40%",
        "+200%",
        "-75%",
        "+60%",
        "-50%",
        "-90%",
        "-80%",
        "100%",
    ]


def test_a_reading_is_a_dated_value() -> None:
    reading = Reading(MONDAY, 81.5)
    assert (reading.date, reading.value) == (MONDAY, 81.5)


# --- durations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("90m", 90), ("2h", 120), ("1h30m", 90), ("1d", 1440), (" 3 h ", 180), ("0m", 0), ("1h 15m", 75)],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes
    assert is_duration(text)


@pytest.mark.parametrize("text", ["", "2 hours", "90", "h", "-1h", "1.5h", "< 2h", "2x"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)
    assert not is_duration(text)


def test_durations_shown_both_ways() -> None:
    assert [format_minutes(m) for m in (45, 60, 90, 180)] == ["45 min", "1 h", "1 h 30 min", "3 h"]
    assert [short_minutes(m) for m in (0, 45, 60, 90, 180)] == ["0m", "45m", "1h", "90m", "3h"]


# --- search ---------------------------------------------------------------------------------


def test_an_objective_matches_title_id_owner_and_tags() -> None:
    obj = Objective("opa-policy", "Implement OPA policy enforcement", 1, owner="Dana", tags=["Security"])
    for needle in ("enforcement", "OPA-POL", "dana", "secur"):
        assert obj.matches(needle)
    assert not obj.matches("websocket")


def test_objective_lookups_follow_every_change(bundled: Plan) -> None:
    """The id index is rebuilt whenever an objective is added, removed, moved or renamed (undo included)."""
    from board.model import Editor

    editor = Editor(bundled)
    first = bundled.objectives[0]
    assert bundled.objective(first.id) is first
    editor.delete_objective(first.id)
    assert bundled.find_objective(first.id) is None
    editor.undo()
    assert bundled.objective(first.id) is first
    editor.shift_week(first.id, 3)
    assert bundled.objective(first.id) is first and bundled.objectives.index(first) > 0
    old = first.id
    editor.edit_objective(old, id="renamed-first")
    assert bundled.find_objective(old) is None and bundled.objective("renamed-first") is first
    editor.undo()
    assert bundled.objective(old) is first and bundled.find_objective("renamed-first") is None
    twin = Objective(old, "A twin with the same id", week=8)
    bundled.objectives.append(twin)
    assert bundled.objective(old) is first  # the first of two, as the file reads
    with pytest.raises(KeyError):
        bundled.objective("no-such-objective")
