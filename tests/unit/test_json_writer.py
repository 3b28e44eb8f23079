"""export json writes the text ``json.dumps(..., ensure_ascii=False, indent=2)`` writes, faster."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bench.generate import generate_plan
from board.interchange.json_export import export_json, indented_json, plan_to_json_data
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
