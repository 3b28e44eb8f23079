"""The benchmark's plan generator makes valid, deterministic plans that round-trip through the store."""

from __future__ import annotations

import pytest

from bench.generate import generate_plan
from board import store
from board.model import check_plan


@pytest.mark.parametrize("n", [1, 100, 1000])
def test_generated_plans_are_valid_and_round_trip(n: int) -> None:
    plan = generate_plan(n, seed=3)
    assert len(plan.objectives) == n
    assert check_plan(plan) == []
    assert store.loads(store.dumps(plan)) == plan
    assert any(o.depends_on for o in plan.objectives) or n < 10


def test_generation_is_deterministic() -> None:
    assert store.dumps(generate_plan(200, seed=7)) == store.dumps(generate_plan(200, seed=7))
    assert store.dumps(generate_plan(200, seed=7)) != store.dumps(generate_plan(200, seed=8))
