"""The benchmark's plan generator makes valid, deterministic plans that round-trip through the store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.generate import generate_plan, main
from board import store
from board.model import check_plan


@pytest.mark.parametrize("n", [0, 1, 7, 100, 1000])
def test_generated_plans_are_valid_and_round_trip(n: int) -> None:
    plan = generate_plan(n, seed=3)
    assert len(plan.objectives) == n
    assert check_plan(plan) == []
    assert store.loads(store.dumps(plan)) == plan


@pytest.mark.parametrize(("weeks", "phases"), [(8, 4), (10, 3), (3, 3), (12, 1), (20, 9)])
def test_phases_cover_every_week_once(weeks: int, phases: int) -> None:
    plan = generate_plan(50, seed=1, weeks=weeks, phases=phases)
    assert len(plan.phases) == phases
    covered = [w for phase in plan.phases for w in range(phase.first_week, phase.last_week + 1)]
    assert covered == list(range(1, weeks + 1))
    assert check_plan(plan) == []
    assert {o.week for o in plan.objectives} <= set(covered)


def test_a_realistic_mix() -> None:
    plan = generate_plan(1000, seed=5)
    objectives = plan.objectives
    assert len({o.id for o in objectives}) == 1000
    statuses = Counter(o.status for o in objectives)
    assert set(statuses) == set(plan.statuses)
    assert all((o.changed is None) == (o.status == "todo") for o in objectives)
    owners = Counter(o.owner for o in objectives)
    assert 0 < owners[""] < 400 and 6 <= len(owners) - 1 <= 8
    with_deps = sum(bool(o.depends_on) for o in objectives)
    assert 100 <= with_deps <= 300
    position = {o.id: i for i, o in enumerate(objectives)}
    assert all(position[d] < position[o.id] for o in objectives for d in o.depends_on)
    assert any("\n" in o.notes for o in objectives) and any(o.notes and "\n" not in o.notes for o in objectives)
    assert any(o.tags for o in objectives)
    assert {o.week for o in objectives} == set(range(1, plan.weeks + 1))
    assert all(p.criteria and p.rollback_steps and p.rollback_budget and p.rollback_estimate for p in plan.phases)
    assert (
        any(m.history for m in plan.metrics) and plan.contingencies and plan.risk_management and plan.final_validation
    )


def test_generation_is_deterministic() -> None:
    assert generate_plan(200, seed=7) == generate_plan(200, seed=7)
    assert store.dumps(generate_plan(200, seed=7)) == store.dumps(generate_plan(200, seed=7))
    assert store.dumps(generate_plan(200, seed=7)) != store.dumps(generate_plan(200, seed=8))


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        generate_plan(10, weeks=2, phases=3)
    with pytest.raises(ValueError):
        generate_plan(-1)


def test_command_line_writes_through_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.toml"
    assert main(["120", "-o", str(out), "--seed", "4"]) == 0
    assert store.load(out) == generate_plan(120, seed=4)
    assert out.read_text(encoding="utf-8") == store.dumps(generate_plan(120, seed=4))
    assert main(["5", "--weeks", "2", "--phases", "3"]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_linked_plans_chain_every_week_to_the_one_before() -> None:
    plan = generate_plan(400, seed=5, linked=True)
    week = {o.id: o.week for o in plan.objectives}
    for obj in plan.objectives:
        if obj.week == 1:
            assert obj.depends_on == []
        else:
            assert 1 <= len(obj.depends_on) <= 2
            assert {week[d] for d in obj.depends_on} == {obj.week - 1}
    assert check_plan(plan) == []
