"""Rollout control in the model: gate rules, rehearsal staleness, slips, cycle refusal,
the critical path on hand-made graphs, health thresholds, and the new fields in the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board.model import Editor, Objective, Plan, PlanError, Rehearsal
from board.model.critical_path import chain_to, critical_path
from board.model.dependencies import slipping_dependents, slips
from board.model.gates import verdict
from board.model.health import AT_RISK, OFF_TRACK, ON_TRACK, plan_health
from board.model.rehearsals import readiness
from board.store import LoadError, dumps, loads

DATA = Path(__file__).parents[1] / "data"
STAGED = (DATA / "staged-rollout.toml").read_text(encoding="utf-8")
# Week 2 of the staged plan (it starts 2026-11-02): the internal phase has ended.
WEEK2 = date(2026, 11, 10)


@pytest.fixture
def staged() -> Plan:
    return loads(STAGED, "staged-rollout.toml")


def _ready_internal(plan: Plan) -> Editor:
    """Everything the internal phase's gate asks for, on 2026-11-10."""
    editor = Editor(plan, today=lambda: WEEK2)
    editor.record_metric("security-score", 86, WEEK2)
    editor.record_signoff("internal", "release manager", "bo")
    return editor


# --- the file ---------------------------------------------------------------


def test_staged_plan_is_canonical_and_round_trips(staged: Plan) -> None:
    assert dumps(staged) == STAGED
    phase = staged.phase("internal")
    assert (phase.audience, phase.exposure, phase.rehearsal_max_age) == ("internal staff", 0, 10)
    assert staged.phase("beta").exposure == 1.5
    assert phase.gate is not None and phase.gate.signoffs == ["release manager", "security"]
    assert phase.gate.signed[0].by == "ana" and phase.gate.signed[0].date == date(2026, 11, 6)
    assert phase.rehearsals == [Rehearsal(date(2026, 11, 4), "40m", "ok", "smooth")]
    assert phase.criteria[0].metric == "security-score" and phase.criteria[0].at_least == 85


def test_edits_of_control_fields_round_trip(staged: Plan) -> None:
    editor = _ready_internal(staged)
    editor.record_rehearsal("beta", "1h30m", "failed", 'a "long" note\nwith a second line', date(2026, 11, 9))
    editor.record_signoff("five", "security", "ana", date(2026, 11, 9))
    text = dumps(staged)
    again = loads(text)
    assert again == staged
    assert dumps(again) == text


@pytest.mark.parametrize(
    ("old", "new", "message", "at"),
    [
        ('metric = "error-rate", at_most = 2', 'metric = "nope", at_most = 2', "unknown metric 'nope'", '"nope"'),
        ('metric = "error-rate", at_most = 2', 'metric = "error-rate"', "needs at_least or at_most", "error-rate"),
        ('took = "40m"', 'took = "soon"', "is not a duration", "soon"),
        ('outcome = "ok"', 'outcome = "meh"', "outcome must be one of ok, failed", "meh"),
        ("exposure = 0\n", "exposure = 150\n", "exposure is a percent of users, 0-100", "exposure = 150"),
        ("rehearsal_max_age = 10", "rehearsal_max_age = 0", "rehearsal_max_age is a number of days", "max_age = 0"),
        ('"release manager",', '"security",', "'security' is listed twice", '"security",'),
    ],
)
def test_bad_control_fields_are_reported_with_their_line(old: str, new: str, message: str, at: str) -> None:
    assert old in STAGED
    text = STAGED.replace(old, new, 1)
    with pytest.raises(LoadError) as caught:
        loads(text, "staged.toml")
    problems = caught.value.problems
    assert [message in p.message for p in problems] == [True], problems
    assert at in text.splitlines()[problems[0].line - 1]


def test_gate_that_is_not_a_table_is_one_problem() -> None:
    text = STAGED.replace('[phases.gate]\nmetrics = [\n    { metric = "error-rate", at_most = 2 },\n]\n', "")
    text = text.replace("rehearsal_max_age = 10\n", 'rehearsal_max_age = 10\ngate = "yes"\n')
    with pytest.raises(LoadError, match="'gate' must be a table, not a string"):
        loads(text)


# --- the gate ---------------------------------------------------------------


def test_gate_lists_every_open_item(staged: Plan) -> None:
    result = verdict(staged, staged.phase("internal"), WEEK2)
    assert not result.go and result.word == "NO-GO"
    assert result.reasons == [
        "criterion not met: Security score at least 85 (80%, needs ≥ 85%)",
        "sign-off missing: release manager",
    ]
    assert result.label() == "Gate INTERNAL → BETA"
    assert result.summary().startswith("Gate INTERNAL → BETA: NO-GO, 2 open: criterion not met")


def test_a_linked_criterion_names_its_metric_only_when_its_text_does_not(staged: Plan) -> None:
    from board.model.gates import criterion_words

    criterion = staged.phase("internal").criteria[0]
    assert criterion_words(staged, criterion) == "Security score at least 85 (80%, needs ≥ 85%)"
    criterion.text = "Scanners are green"
    assert criterion_words(staged, criterion) == "Scanners are green (Security score 80%, needs ≥ 85%)"
    staged.metric("security-score").current = None
    assert criterion_words(staged, criterion) == "Scanners are green (Security score: no reading yet, needs ≥ 85%)"
    criterion.text = "SECURITY-score ≥ 85"
    assert criterion_words(staged, criterion) == "SECURITY-score ≥ 85 (no reading yet, needs ≥ 85%)"


def test_gate_goes_once_every_item_holds(staged: Plan) -> None:
    _ready_internal(staged)
    result = verdict(staged, staged.phase("internal"), WEEK2)
    assert result.go, result.reasons
    assert result.summary() == "Gate INTERNAL → BETA: GO"


def test_linked_criterion_follows_the_metric_not_its_tick(staged: Plan) -> None:
    criterion = staged.phase("internal").criteria[0]
    criterion.met = True  # the tick does not count for a linked criterion
    assert not staged.criterion_met(criterion)
    staged.metric("security-score").current = 85
    assert staged.criterion_met(criterion)
    criterion.at_least, criterion.at_most = None, 84
    assert not staged.criterion_met(criterion)
    staged.metric("security-score").current = None
    assert not staged.criterion_met(criterion)


def test_gate_metric_condition(staged: Plan) -> None:
    _ready_internal(staged)
    staged.metric("error-rate").current = 2.5
    result = verdict(staged, staged.phase("internal"), WEEK2)
    assert result.reasons == ["metric not met: Error rate 2.5%, needs ≤ 2%"]
    staged.metric("error-rate").current = None
    assert verdict(staged, staged.phase("internal"), WEEK2).reasons == [
        "metric not met: Error rate: no reading yet, needs ≤ 2%"
    ]


def test_withdrawn_signoff_reopens_the_gate(staged: Plan) -> None:
    editor = _ready_internal(staged)
    editor.withdraw_signoff("internal", "security")
    assert verdict(staged, staged.phase("internal"), WEEK2).reasons == ["sign-off missing: security"]
    editor.undo()
    assert verdict(staged, staged.phase("internal"), WEEK2).go
    with pytest.raises(PlanError, match="no sign-off by 'qa'"):
        editor.withdraw_signoff("internal", "qa")


def test_signing_a_role_the_gate_does_not_list_adds_it(bundled: Plan) -> None:
    editor = Editor(bundled, today=lambda: WEEK2)
    editor.record_signoff("p1", "release manager", "bo")
    gate = bundled.phase("p1").gate
    assert gate is not None and gate.signoffs == ["release manager"]
    editor.undo()
    assert bundled.phase("p1").gate is None


def test_rehearsal_rules_in_the_gate(staged: Plan) -> None:
    _ready_internal(staged)
    phase = staged.phase("internal")
    # 2026-11-04 + 10 days is the last fresh day.
    assert verdict(staged, phase, date(2026, 11, 14)).go
    assert verdict(staged, phase, date(2026, 11, 15)).reasons == [
        "rollback rehearsal stale: last ok 2026-11-04, 11 days ago (limit 10)"
    ]
    editor = Editor(staged, today=lambda: WEEK2)
    editor.record_rehearsal("internal", "90m", day=WEEK2)
    assert verdict(staged, phase, WEEK2).reasons == ["last rehearsal took 90m, over the 1h budget"]
    editor.undo()
    editor.record_rehearsal("internal", "30m", "failed", day=WEEK2)
    assert verdict(staged, phase, WEEK2).reasons == ["last rollback rehearsal failed on 2026-11-10"]


def test_a_phase_never_rehearsed(staged: Plan) -> None:
    beta = staged.phase("beta")
    assert "rollback never rehearsed" in verdict(staged, beta, WEEK2).reasons
    Editor(staged).record_rehearsal("beta", "20m", "failed", day=WEEK2)
    assert "rollback rehearsal failed on 2026-11-10, none went ok" in verdict(staged, beta, WEEK2).reasons


def test_rehearsal_staleness(staged: Plan) -> None:
    five = staged.phase("five")  # starts 2026-11-23
    assert not readiness(staged, five, date(2026, 11, 22)).stale  # never rehearsed, not started yet
    assert readiness(staged, five, date(2026, 11, 23)).stale  # its first week began with no rehearsal
    five.rehearsals.append(Rehearsal(date(2026, 11, 1), "1h"))
    assert readiness(staged, five, date(2026, 11, 15)).ready  # default limit: 14 days
    later = readiness(staged, five, date(2026, 11, 16))
    assert later.stale and later.max_age == 14


def test_rehearsal_refusals_change_nothing(staged: Plan) -> None:
    editor = Editor(staged)
    before = dumps(staged)
    with pytest.raises(PlanError, match="not a duration"):
        editor.record_rehearsal("beta", "quick")
    with pytest.raises(PlanError, match="outcome must be"):
        editor.record_rehearsal("beta", "1h", "maybe")
    with pytest.raises(PlanError, match="no phase"):
        editor.record_rehearsal("nope", "1h")
    assert dumps(staged) == before


# --- dependencies -------------------------------------------------------------


def test_slips(staged: Plan) -> None:
    assert [s.words() for s in slips(staged)] == ["beta-invite (week 2) depends on dashboards, scheduled in week 3"]
    staged.objective("dashboards").status = "done"
    assert slips(staged) == []


def test_moving_later_names_the_dependents_that_now_slip(staged: Plan) -> None:
    Editor(staged).move_to_week("dogfood", 3)
    assert [o.id for o in slipping_dependents(staged, "dogfood")] == ["beta-invite"]
    assert slipping_dependents(staged, "flag") == []


def test_cycle_refused_with_the_cycle_named(staged: Plan) -> None:
    editor = Editor(staged)
    before = dumps(staged)
    with pytest.raises(PlanError, match="flag cannot depend on ramp-all: dependency cycle: flag → ramp-all → ramp-5"):
        editor.add_dependency("flag", "ramp-all")
    with pytest.raises(PlanError, match="cannot depend on itself"):
        editor.add_dependency("flag", "flag")
    with pytest.raises(PlanError, match="already depends"):
        editor.add_dependency("dogfood", "flag")
    assert dumps(staged) == before


def test_add_and_remove_dependency_are_undoable(staged: Plan) -> None:
    editor = Editor(staged)
    editor.add_dependency("ramp-all", "dashboards")
    assert staged.objective("ramp-all").depends_on == ["ramp-5", "dashboards"]
    editor.remove_dependency("ramp-all", "ramp-5")
    assert staged.objective("ramp-all").depends_on == ["dashboards"]
    editor.undo()
    editor.undo()
    assert staged.objective("ramp-all").depends_on == ["ramp-5"]
    with pytest.raises(PlanError, match="does not depend on flag"):
        editor.remove_dependency("ramp-all", "flag")


# --- the critical path ---------------------------------------------------------


def _graph(edges: dict[str, tuple[int, list[str]]], done: tuple[str, ...] = ()) -> Plan:
    objectives = [
        Objective(oid, oid, week, "done" if oid in done else "todo", depends_on=deps)
        for oid, (week, deps) in edges.items()
    ]
    return Plan("graph", 8, objectives=objectives)


def test_critical_path_is_the_longest_chain() -> None:
    plan = _graph(
        {
            "a": (1, []),
            "b": (2, ["a"]),
            "c": (3, ["b"]),
            "d": (1, []),
            "e": (4, ["d", "c"]),
            "f": (8, ["d"]),
        }
    )
    assert critical_path(plan).ids == ["a", "b", "c", "e"]
    assert chain_to(plan, "f").ids == ["d", "f"]


def test_critical_path_skips_done_objectives_and_breaks_ties_by_week() -> None:
    plan = _graph({"a": (1, []), "b": (2, ["a"]), "c": (5, []), "d": (6, ["c"]), "x": (7, ["b"])}, done=("a",))
    # b → x (ends week 7) and c → d (ends week 6) are both 2 long: the later one wins.
    assert critical_path(plan).ids == ["b", "x"]
    with pytest.raises(KeyError):
        chain_to(plan, "a")


def test_critical_path_with_a_diamond_and_nothing_left() -> None:
    plan = _graph({"a": (1, []), "b": (2, ["a"]), "c": (3, ["a"]), "d": (4, ["b", "c"])})
    assert critical_path(plan).ids == ["a", "c", "d"]  # c ends later than b
    assert critical_path(_graph({"a": (1, [])}, done=("a",))).ids == []


def test_critical_path_of_the_staged_plan(staged: Plan) -> None:
    chain = critical_path(staged)
    # dogfood and dashboards both lead to beta-invite: the later one (week 3) is the binding one.
    assert chain.ids == ["dashboards", "beta-invite", "ramp-5", "ramp-all"]
    assert (chain.first_week, chain.last_week, len(chain)) == (3, 6, 4)


# --- health ---------------------------------------------------------------------


def test_health_of_the_staged_plan_in_week_two(staged: Plan) -> None:
    overall, phases = plan_health(staged, WEEK2)
    assert phases["internal"].level == OFF_TRACK  # 1 late of 2 objectives is 50 %
    assert phases["internal"].reasons == ["1 objective late", "gate NO-GO after the phase ended (2 open)"]
    assert phases["beta"].level == AT_RISK
    assert phases["beta"].reasons == ["rollback unrehearsed", "1 dependency slipped"]
    assert phases["five"].level == ON_TRACK
    assert overall.level == OFF_TRACK
    assert overall.reasons[0] == "internal: 1 objective late"


def test_health_thresholds() -> None:
    plan = _graph({f"o{i}": (2, []) for i in range(12)})
    plan.start = date(2026, 11, 2)
    from board.model import Phase

    plan.phases = [Phase("p1", "one", 1, 8, rehearsals=[Rehearsal(date(2026, 11, 29), "1h")])]
    today = date(2026, 11, 30)  # week 5: week-2 objectives not done are late
    plan.objectives[0].status = "done"
    for obj in plan.objectives[1:]:
        obj.week = 6
    plan.objectives[1].week = 2
    assert plan_health(plan, today)[1]["p1"].level == AT_RISK  # 1 late of 12
    plan.objectives[2].week = 2
    assert plan_health(plan, today)[1]["p1"].level == AT_RISK  # 2 late
    plan.objectives[3].week = 2
    health = plan_health(plan, today)[1]["p1"]
    assert health.level == OFF_TRACK and health.reasons == ["3 objectives late"]  # LATE_OFF
    for obj in plan.objectives[1:4]:
        obj.week, obj.status = 6, "blocked"
    health = plan_health(plan, today)[1]["p1"]
    assert health.level == OFF_TRACK and health.reasons == ["3 objectives blocked"]
    plan.objectives[3].status = "todo"
    assert plan_health(plan, today)[1]["p1"].level == AT_RISK


def test_gate_near_the_end_and_contingencies(staged: Plan) -> None:
    from board.model import Contingency

    _ready_internal(staged)
    staged.objective("dogfood").status = "done"
    staged.objective("dashboards").week = 2
    # Beta ends Sunday 2026-11-22: NO-GO (never rehearsed) with 7 days left is at risk.
    health = plan_health(staged, date(2026, 11, 15))[1]["beta"]
    assert "gate NO-GO with 7 days left (1 open)" in health.reasons
    assert plan_health(staged, date(2026, 11, 14))[1]["beta"].reasons == ["rollback unrehearsed"]
    staged.contingencies.append(Contingency("c", "Hold the ramp", active=True))
    overall, phases = plan_health(staged, date(2026, 11, 10))
    assert "1 contingency active" in phases["beta"].reasons
    assert overall.reasons[-1] == "1 contingency active: Hold the ramp"


def test_bundled_plan_has_no_control_fields_and_is_on_track(bundled: Plan) -> None:
    assert all(p.gate is None and not p.rehearsals and not p.audience for p in bundled.phases)
    overall, _ = plan_health(bundled, date(2026, 11, 30))
    assert overall.level == ON_TRACK


def test_a_linked_criterion_is_not_ticked_by_hand(staged: Plan) -> None:
    editor = Editor(staged)
    before = dumps(staged)
    with pytest.raises(PlanError, match="linked to metric 'security-score': it is met from the metric's current value"):
        editor.tick_criterion("internal", 0)
    assert dumps(staged) == before
    editor.tick_criterion("internal", 1)  # an unlinked one still ticks
    assert not staged.phase("internal").criteria[1].met


def test_an_unknown_metric_names_a_few_of_the_known_ones() -> None:
    bundled = (Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml").read_text(encoding="utf-8")
    text = bundled.replace('metric = "security-score"', 'metric = "security"', 1)
    with pytest.raises(LoadError) as caught:
        loads(text, "plan.toml")
    [problem] = caught.value.problems
    assert problem.message == (
        "phase 'p1': criterion 1: unknown metric 'security' (metrics: bug-density, ci-cd-pipeline-health,"
        " code-review-efficiency, deployment-frequency, developer-productivity, documentation-coverage, … and 7 more)"
    )
