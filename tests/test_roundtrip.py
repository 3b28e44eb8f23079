"""Round trips of generated valid plans: ``loads(dumps(p)) == p`` and canonical text reproduces itself."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.model import (
    OUTCOMES,
    ActionTick,
    Check,
    Checklist,
    Contingency,
    Criterion,
    Gate,
    Metric,
    Objective,
    Phase,
    Plan,
    Reading,
    Rehearsal,
    Risk,
    Signoff,
    check_plan,
)
from board.model.plan import DIRECTIONS, METRIC_GROUPS, PRIORITIES, RISK_LEVELS, RISK_STATES
from board.store import dumps, loads

ROUND = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Text people really write, plus the characters that stress TOML: quotes, backslashes, """ and ''' runs,
# line breaks, tabs, non-ASCII and emoji.
_awkward = st.sampled_from(
    ['"', "'", "\\", '"""', "'''", '""', "\n", "\r\n", "\t", "é", "→", "✓", "🚀", "#", "[x]", " = "]
)
text = st.lists(st.text(max_size=8) | _awkward, max_size=6).map("".join)
line = text.map(lambda s: s.replace("\r", " ").replace("\n", " "))
words = text.filter(lambda s: s.strip() != "")
_part = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=5)
slugs = st.lists(_part, min_size=1, max_size=3).map("-".join)
days = st.dates(date(2020, 1, 1), date(2032, 12, 31))
numbers = st.integers(-1000, 1000) | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
durations = st.sampled_from(["", "90m", "2h", "1h30m", "45m", "3h", "1d", "4h"])


def unique_slugs(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs, min_size=count, max_size=count, unique=True)


@st.composite
def phases(draw: st.DrawFn, weeks: int, risk_ids: list[str]) -> list[Phase]:
    """Phases that cover weeks 1..weeks in order, without overlap (or no phases at all)."""
    if not draw(st.booleans()):
        return []
    cuts = sorted(draw(st.sets(st.integers(2, weeks), max_size=min(4, weeks - 1)))) if weeks > 1 else []
    starts = [1, *cuts]
    ends = [c - 1 for c in cuts] + [weeks]
    ids = draw(unique_slugs(len(starts)))
    result = []
    for pid, first, last in zip(ids, starts, ends, strict=False):
        risks = []
        for _ in range(draw(st.integers(0, 2))):
            if not risk_ids:
                break
            risks.append(
                Risk(
                    id=risk_ids.pop(),
                    description=draw(words),
                    likelihood=draw(st.integers(1, 5)),
                    impact=draw(st.integers(1, 5)),
                    mitigation=draw(text),
                    owner=draw(line),
                    state=draw(st.sampled_from(RISK_STATES)),
                )
            )
        result.append(
            Phase(
                id=pid,
                name=draw(words),
                first_week=first,
                last_week=last,
                # Levels in their one stored form (a typed "high" is loaded and saved as "High").
                priority=draw(st.sampled_from(("", *(p.capitalize() for p in PRIORITIES)))),
                risk=draw(st.sampled_from(("", *(r.capitalize() for r in RISK_LEVELS)))),
                rollback_budget=draw(durations),
                rollback_estimate=draw(durations),
                rehearsed=draw(st.none() | days),
                criteria=draw(st.lists(st.builds(Criterion, text, st.booleans()), max_size=3)),
                rollback_steps=draw(st.lists(st.builds(Check, text, st.booleans()), max_size=3)),
                risks=risks,
                **draw(control_fields()),
            )
        )
    return result


_role = line.filter(lambda s: s.strip() != "")


@st.composite
def control_fields(draw: st.DrawFn) -> dict[str, object]:
    """A phase's rollout-control fields: audience, exposure, rehearsal limit and log, gate sign-offs."""
    roles = draw(st.lists(_role, max_size=3, unique=True))
    given = draw(st.lists(st.sampled_from(roles), unique=True)) if roles else []
    signed = [Signoff(role, draw(_role), draw(days)) for role in given]
    gate = Gate(signoffs=roles, signed=signed) if roles or draw(st.booleans()) else None
    return {
        "audience": draw(line),
        "exposure": draw(st.none() | st.integers(0, 100) | st.floats(0, 100, allow_nan=False)),
        "rehearsal_max_age": draw(st.none() | st.integers(1, 90)),
        "rehearsals": draw(
            st.lists(
                st.builds(Rehearsal, days, st.sampled_from(["75m", "2h", "1h30m"]), st.sampled_from(OUTCOMES), text),
                max_size=2,
            )
        ),
        "gate": gate,
    }


@st.composite
def objectives(draw: st.DrawFn, weeks: int, statuses: list[str]) -> list[Objective]:
    ids = draw(st.lists(slugs, max_size=8, unique=True))
    result = []
    for i, oid in enumerate(ids):
        earlier = ids[:i]  # depending only on earlier objectives keeps the graph free of cycles
        result.append(
            Objective(
                id=oid,
                title=draw(words),
                week=draw(st.integers(1, weeks)),
                status=draw(st.sampled_from(statuses)),
                changed=draw(st.none() | days),
                owner=draw(line),
                tags=draw(st.lists(words, max_size=3)),
                depends_on=draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else [],
                notes=draw(text),
            )
        )
    return draw(st.permutations(result))


@st.composite
def checklists(draw: st.DrawFn) -> list[Checklist]:
    ids = draw(st.lists(slugs, max_size=3, unique=True))
    return [
        Checklist(cid, draw(line), draw(st.lists(st.builds(Check, text, st.booleans()), max_size=4))) for cid in ids
    ]


@st.composite
def metrics(draw: st.DrawFn) -> list[Metric]:
    ids = draw(st.lists(slugs, max_size=4, unique=True))
    result = []
    for mid in ids:
        history = sorted(
            draw(st.lists(st.builds(Reading, days, numbers), max_size=3, unique_by=lambda r: r.date)),
            key=lambda r: r.date,
        )
        relative = draw(st.booleans())
        result.append(
            Metric(
                id=mid,
                name=draw(words),
                group=draw(st.sampled_from(METRIC_GROUPS)),
                target=draw(numbers),
                unit=draw(st.sampled_from(["", "%", "ms", " s", "µs"])),
                baseline=None if relative else draw(st.none() | numbers),
                relative=relative,
                direction=draw(st.sampled_from(DIRECTIONS)),
                current=history[-1].value if history else draw(st.none() | numbers),
                history=history,
            )
        )
    return result


@st.composite
def contingencies(draw: st.DrawFn) -> list[Contingency]:
    ids = draw(st.lists(slugs, max_size=3, unique=True))
    plans = []
    for cid in ids:
        actions = draw(st.lists(text, max_size=4))
        done = draw(st.lists(st.sampled_from(actions), unique=True)) if actions else []
        plans.append(
            Contingency(
                id=cid,
                name=draw(line),
                actions=actions,
                notes=draw(text),
                active=draw(st.booleans()),
                activated=draw(st.none() | days),
                ticked=[ActionTick(action, draw(st.none() | days)) for action in done],
            )
        )
    return plans


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    weeks = draw(st.integers(1, 10))
    statuses = draw(
        st.just(["todo", "in-progress", "blocked", "done"]) | st.lists(slugs, min_size=2, max_size=5, unique=True)
    )
    risk_ids = draw(st.lists(slugs, max_size=4, unique=True))
    return Plan(
        title=draw(words),
        weeks=weeks,
        summary=draw(text),
        start=draw(st.none() | days),
        statuses=statuses,
        closing=draw(text),
        notes=draw(text),
        phases=draw(phases(weeks, risk_ids)),
        objectives=draw(objectives(weeks, statuses)),
        risk_management=draw(checklists()),
        metrics=draw(metrics()),
        contingencies=draw(contingencies()),
        final_validation=draw(checklists()),
    )


def lf(value: Any) -> Any:
    """``value`` with every line break in its text as LF: the plan file keeps text with LF breaks only."""
    if isinstance(value, str):
        return re.sub(r"\r\n?", "\n", value)
    if isinstance(value, list):
        return [lf(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: lf(getattr(value, f.name)) for f in fields(value)})
    return value


@ROUND
@given(plans())
def test_generated_plans_round_trip(plan: Plan) -> None:
    """One test for the three properties: generating plans is the slow part."""
    assert check_plan(plan) == []  # the strategy makes valid plans only
    text = dumps(plan)
    assert loads(text) == lf(plan)
    assert loads(text.encode("utf-8")) == lf(plan)
    assert dumps(loads(text)) == text


def test_line_breaks_are_kept_as_lf() -> None:
    plan = Plan("T", 1, summary="one\r\ntwo", closing="a\rb", notes="x\r\r\ny")
    text = dumps(plan)
    back = loads(text)
    assert (back.summary, back.closing, back.notes) == ("one\ntwo", "a\nb", "x\n\ny")
    assert "\r" not in text
    assert dumps(back) == text


def test_awkward_text_survives_a_round_trip() -> None:
    notes = 'He said """stop""" and \'\'\'go\'\'\'\\\nC:\\path\\ "quoted"\nend \\"""'
    plan = Plan(
        title='A "quoted" \\ title ✓',
        weeks=1,
        summary='ends with a quote"',
        closing="ends with a backslash\\",
        objectives=[Objective("a", "Alpha", 1, notes=notes, tags=['"""', "\\"])],
    )
    text = dumps(plan)
    assert loads(text) == plan
    assert dumps(loads(text)) == text
