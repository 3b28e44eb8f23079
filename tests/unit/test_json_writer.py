"""export json writes the text ``json.dumps(..., ensure_ascii=False, indent=2)`` writes, faster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import generate_plan
from board import store
from board.interchange import json_export
from board.interchange.json_export import export_json, indented_json, plan_to_json_data
from board.model import Conflict, Metric, Plan
from board.term import json_safe

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(), max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=25,
)


@given(values)
def test_the_same_text_as_the_standard_library(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_anything_else_is_left_to_the_standard_library() -> None:
    assert indented_json({1: "a", None: [2]}) == json.dumps({1: "a", None: [2]}, ensure_ascii=False, indent=2)


def test_a_plans_export_is_unchanged() -> None:
    plan = generate_plan(300, seed=5, linked=True)
    expected = json_safe(json.dumps(plan_to_json_data(plan), ensure_ascii=False, indent=2)) + "\n"
    assert export_json(plan) == expected


def _loads(path: Path) -> bool:
    try:
        store.load(path)
    except store.LoadError:
        return False
    return True


PLANS = sorted(
    [*(Path(__file__).parents[2] / "plans").glob("*.toml"), *(Path(__file__).parents[1] / "data").rglob("*.toml")]
)


@pytest.mark.parametrize("path", [p for p in PLANS if _loads(p)], ids=lambda p: p.name)
def test_every_plan_exports_the_text_of_its_data(path: Path) -> None:
    """Written straight from the plan (issue 12, fourth round), the text ``json.dumps`` writes of
    ``plan_to_json_data``: every kind of field (gates, rehearsals, metrics, ticks, risks)."""
    plan = store.load(path)
    assert export_json(plan) == json_safe(json.dumps(plan_to_json_data(plan), ensure_ascii=False, indent=2)) + "\n"


def test_odd_values_export_as_their_data() -> None:
    """Floats whole and not, an objective in no phase, conflicts left out, no objectives at all."""
    plan = generate_plan(20, seed=2)
    plan.phases[0].exposure = 12.0
    plan.phases[1].exposure = 0.5
    plan.metrics.append(Metric("m", "M \x1b\u202e", "technical", 1e300, baseline=-0.0, current=2.5))
    plan.objectives[0].week = plan.weeks + 3
    plan.conflicts.append(Conflict("x", "title", "a", "b", "c"))
    for value in (plan, Plan("empty", 2)):
        expected = json_safe(json.dumps(plan_to_json_data(value), ensure_ascii=False, indent=2)) + "\n"
        assert export_json(value) == expected


def test_a_plan_is_written_without_turning_it_into_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = generate_plan(50, seed=4, linked=True)
    expected = export_json(plan)

    def refused(value: object) -> object:
        raise AssertionError("a dictionary per record")

    monkeypatch.setattr(json_export, "_plain", refused)
    assert export_json(plan) == expected


def test_objectives_with_unusual_values_export_as_their_data() -> None:
    """An objective whose fields are not the types a loaded plan gives them is written value by
    value (or by the standard library), never with the wrong text."""
    from datetime import datetime

    plan = generate_plan(12, seed=6, linked=True)
    odd = plan.objectives
    odd[1].changed = datetime(2026, 11, 3, 9, 30)
    odd[2].tags = ("a", "b")  # type: ignore[assignment]
    odd[3].week = True
    odd[4].depends_on = ["x", 3]  # type: ignore[list-item]
    odd[5].notes = '\x7f\u202e\x1b \\ " end'
    odd[6].tags = []
    expected = json_safe(json.dumps(plan_to_json_data(plan), ensure_ascii=False, indent=2)) + "\n"
    assert export_json(plan) == expected
