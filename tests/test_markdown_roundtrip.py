"""Markdown export -> import gives back the same plan, for any text a field can hold (issue 10 §6)."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import (
    Check,
    Checklist,
    Contingency,
    Criterion,
    Metric,
    Objective,
    Phase,
    Plan,
    Reading,
    Risk,
    check_plan,
)
from board.model.plan import DIRECTIONS, METRIC_GROUPS, PRIORITIES, RISK_LEVELS, RISK_STATES

TEXT = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + " *#[]<>-→_`:!&\"'(){}|.,\n", min_size=1, max_size=24),
    st.text(alphabet=" a1-*#<>[]\t\r\n\\é\xa0\u2028\u200b\x00\x1b~@|·", min_size=1, max_size=12),
    st.sampled_from(
        [
            "[x] done",
            '<!-- {"a": 1} -->',
            "Estimated rollback time: 5 minutes",
            "**Priority:** High",
            "Phase 2: X (Week 3)",
            "Overview",
            "## h",
            "- b",
            "x #",
            " pad ",
            # forms the importer reads as something else: owners, estimates, labels, blocks, numbers
            "Ship it (@ana)",
            "Ship it — @ana",
            "mail a@b",
            "[Ana] Ship it",
            "Ship it — owner: Ana",
            "~10 min",
            "Risk: low",
            "Priority: High · Risk: Low",
            "```",
            "> quoted",
            "1. first",
            "2) second",
            "| a | b |",
            "---",
            "===",
            "[a]: http://example.com",
            "<div>",
            "    indented",
            "Week 3",
            "Stage 1: Canary — weeks 1 to 2",
            "1e999%",
            "12,000 → 50,000",
            "likelihood: high",
        ]
    ),
).filter(lambda text: text.strip() != "")
ANY_TEXT = st.one_of(st.just(""), TEXT, st.lists(TEXT, min_size=2, max_size=3).map("\n".join))
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
_part = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=5)
SLUGS = st.lists(_part, min_size=1, max_size=3).map("-".join)
NUMBERS = st.integers(-1000, 1000) | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
DURATIONS = st.sampled_from(["", "90m", "2h", "1h30m", "45m", "1m", "1d"])
UNITS = st.one_of(st.sampled_from(["", "%", "ms", " s", "µs", "<!--", "a\nb", " req/s"]), TEXT)


@st.composite
def varied_plans(draw: st.DrawFn) -> Plan:
    weeks = draw(st.integers(1, 8))
    statuses = draw(
        st.just(["todo", "in-progress", "blocked", "done"]) | st.lists(SLUGS, min_size=2, max_size=4, unique=True)
    )
    phases: list[Phase] = []
    if draw(st.booleans()):
        cuts = sorted(draw(st.sets(st.integers(2, weeks), max_size=min(3, weeks - 1)))) if weeks > 1 else []
        starts, ends = [1, *cuts], [c - 1 for c in cuts] + [weeks]
        risk_ids = iter(draw(st.lists(SLUGS, min_size=8, max_size=8, unique=True)))
        for pid, first, last in zip(
            draw(st.lists(SLUGS, min_size=len(starts), max_size=len(starts), unique=True)), starts, ends, strict=True
        ):
            phases.append(
                Phase(
                    pid,
                    draw(TEXT),
                    first,
                    last,
                    priority=draw(
                        st.sampled_from(("", *(p.capitalize() for p in PRIORITIES)))
                    ),  # as the store keeps them
                    risk=draw(st.sampled_from(("", *(r.capitalize() for r in RISK_LEVELS)))),
                    rollback_budget=draw(DURATIONS),
                    rollback_estimate=draw(DURATIONS),
                    rehearsed=draw(st.none() | DAYS),
                    criteria=draw(st.lists(st.builds(Criterion, ANY_TEXT, st.booleans()), max_size=3)),
                    rollback_steps=draw(st.lists(st.builds(Check, ANY_TEXT, st.booleans()), max_size=3)),
                    risks=[
                        Risk(
                            next(risk_ids),
                            draw(TEXT),
                            draw(st.integers(1, 5)),
                            draw(st.integers(1, 5)),
                            draw(ANY_TEXT),
                            draw(ANY_TEXT),
                            draw(st.sampled_from(RISK_STATES)),
                        )
                        for _ in range(draw(st.integers(0, 2)))
                    ],
                )
            )
    ids = draw(st.lists(SLUGS, max_size=6, unique=True))
    objectives = [
        Objective(
            oid,
            draw(TEXT),
            draw(st.integers(1, weeks)),
            draw(st.sampled_from(statuses)),
            changed=draw(st.none() | DAYS),
            owner=draw(st.just("") | TEXT | SLUGS),
            tags=draw(st.lists(TEXT, max_size=2)),
            depends_on=draw(st.lists(st.sampled_from(ids[:i]), unique=True, max_size=2)) if i else [],
            notes=draw(ANY_TEXT),
        )
        for i, oid in enumerate(ids)
    ]
    metrics = []
    for mid in draw(st.lists(SLUGS, max_size=3, unique=True)):
        relative = draw(st.booleans())
        history = sorted(
            draw(st.lists(st.builds(Reading, DAYS, NUMBERS), max_size=2, unique_by=lambda r: r.date)),
            key=lambda r: r.date,
        )
        metrics.append(
            Metric(
                mid,
                draw(TEXT),
                draw(st.sampled_from(METRIC_GROUPS)),
                draw(NUMBERS),
                unit=draw(UNITS),
                baseline=None if relative else draw(st.none() | NUMBERS),
                relative=relative,
                direction=draw(st.sampled_from(DIRECTIONS)),
                current=history[-1].value if history else draw(st.none() | NUMBERS),
                history=history,
            )
        )

    def checklists() -> list[Checklist]:
        return [
            Checklist(cid, draw(ANY_TEXT), draw(st.lists(st.builds(Check, ANY_TEXT, st.booleans()), max_size=3)))
            for cid in draw(st.lists(SLUGS, max_size=2, unique=True))
        ]

    return Plan(
        title=draw(TEXT),
        weeks=weeks + (0 if phases else draw(st.integers(0, 2))),
        summary=draw(ANY_TEXT),
        start=draw(st.none() | DAYS),
        statuses=statuses,
        closing=draw(ANY_TEXT),
        notes=draw(ANY_TEXT),
        phases=phases,
        objectives=draw(st.permutations(objectives)),  # not in week order
        risk_management=checklists(),
        metrics=metrics,
        contingencies=[
            Contingency(
                cid,
                draw(ANY_TEXT),
                draw(st.lists(ANY_TEXT, max_size=3)),
                draw(ANY_TEXT),
                draw(st.booleans()),
                draw(st.none() | DAYS),
            )
            for cid in draw(st.lists(SLUGS, max_size=2, unique=True))
        ],
        final_validation=checklists(),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(varied_plans())
def test_any_plan_survives_markdown_export_and_import(plan: Plan) -> None:
    assert check_plan(plan) == []  # the strategy makes valid plans only
    result = import_markdown(export_markdown(plan))
    assert result.warnings == []
    assert result.plan == plan


def test_the_cases_that_used_to_break_come_back_whole() -> None:
    plan = Plan(
        "Awkward",
        2,
        phases=[Phase("p1", "Only", 1, 2, rollback_steps=[Check("", True)], criteria=[Criterion("")])],
        objectives=[Objective("late", "Late", 2), Objective("early", "Early", 1), Objective("mid", "Mid", 2)],
        metrics=[
            Metric("m1", "Errors <!-- x", "technical", 1, unit="<!--", baseline=5),
            Metric("m2", "Lines", "quality", 3, unit="per\nday"),
            Metric("m3", "Speed", "technical", 2, unit="ms"),  # technical again after quality: the order is kept
        ],
        risk_management=[Checklist("checks", "Checks", [Check(""), Check("[ ]")])],
        contingencies=[Contingency("outage", "Outage", ["", "Call Dana", ""])],
    )
    assert check_plan(plan) == []
    text = export_markdown(plan)
    back = import_markdown(text)
    assert back.warnings == []
    assert [o.id for o in back.plan.objectives] == ["late", "early", "mid"]
    assert back.plan.contingencies[0].actions == ["", "Call Dana", ""]
    assert back.plan.risk_management[0].items == [Check(""), Check("[ ]")]
    assert [(m.name, m.unit) for m in back.plan.metrics] == [
        ("Errors <!-- x", "<!--"),
        ("Lines", "per\nday"),
        ("Speed", "ms"),
    ]
    assert back.plan == plan


@dataclass
class LinkedCriterion(Criterion):
    """A criterion with the fields another change adds: a link to a metric and a bound."""

    metric: str = ""
    at_least: float | None = None


@dataclass
class ReasonedObjective(Objective):
    blocked_reason: str = ""
    since: date | None = None
    labels: list[str] = field(default_factory=list)
    urgent: bool = False
    seen: list[str] = field(default_factory=list, compare=False)  # a cache: never written


def test_fields_the_layout_has_no_words_for_ride_in_the_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    from board.interchange import phase_reader

    monkeypatch.setattr(phase_reader, "Criterion", LinkedCriterion)
    monkeypatch.setattr(phase_reader, "Objective", ReasonedObjective)
    plan = Plan(
        "Fields",
        1,
        phases=[Phase("p1", "Only", 1, 1, criteria=[LinkedCriterion("Fast", metric="p95", at_least=2.5)])],
        objectives=[
            ReasonedObjective("a", "A", 1, "blocked", blocked_reason="legal", since=date(2026, 11, 2), labels=["x"]),
            ReasonedObjective("b", "B", 1, urgent=True, seen=["cached"]),
            ReasonedObjective("c", "C", 1),
        ],
    )
    text = export_markdown(plan)
    assert '"blocked_reason": "legal"' in text and '"metric": "p95", "at_least": 2.5' in text
    assert "cached" not in text
    back = import_markdown(text)
    assert back.warnings == []
    assert back.plan == plan
