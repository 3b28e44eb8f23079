"""Rollout control at scale: a 5,000-objective plan with 10,000 dependencies.

Times the critical path, the health of every phase and the plan, each phase's
gate, and the slips, each on its own and all together (what the board's header
and phase headers need after a change). Target: under 50 ms together.

    .venv/bin/python -m bench.bench_control [--objectives 5000] [--dependencies 10000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from bench.common import machine, median, ms, timed
from bench.generate import generate_plan
from board.model import Plan
from board.model.critical_path import critical_path
from board.model.dependencies import slips
from board.model.gates import verdicts
from board.model.health import plan_health

TARGET = 0.050


def plan_with_dependencies(n: int, links: int, seed: int = 0) -> Plan:
    """The generated plan of ``n`` objectives, its dependencies replaced by ``links`` links, each on an
    earlier objective (so never a cycle), spread evenly; about a tenth of them on a later week (slips)."""
    plan = generate_plan(n, seed=seed)
    rng = random.Random(seed)
    objectives = plan.objectives
    for obj in objectives:
        obj.depends_on = []
    base = links // max(1, n - 1)
    counts = [min(i, base) for i in range(n)]
    short = links - sum(counts)
    for i in range(n - 1, 0, -1):  # what is left goes to the latest objectives, one more each
        if short <= 0:
            break
        if counts[i] < i:
            counts[i] += 1
            short -= 1
    for i in range(1, n):
        objectives[i].depends_on = [objectives[j].id for j in rng.sample(range(i), counts[i])]
    for obj in rng.sample(objectives[: n // 2], n // 20):  # a few earlier objectives moved later: slips
        obj.week = min(plan.weeks, obj.week + 1)
    plan.start = date(2026, 11, 2)
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_control", description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=5000)
    parser.add_argument("--dependencies", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    plan = plan_with_dependencies(args.objectives, args.dependencies)
    links = sum(len(o.depends_on) for o in plan.objectives)
    today = plan.start + timedelta(weeks=plan.weeks // 2, days=2) if plan.start else date.today()
    print(f"machine: {machine()}")
    print(f"plan: {len(plan.objectives)} objectives, {links} dependencies, {len(plan.phases)} phases, today {today}")
    figures = {
        "critical path": lambda: critical_path(plan),
        "health (every phase and the plan)": lambda: plan_health(plan, today),
        "gates (every phase)": lambda: verdicts(plan, today),
        "slips": lambda: slips(plan),
    }
    for name, fn in figures.items():
        fn()
        times = timed(fn, args.repeat)
        print(f"{name:<36} {ms(median(times)):>10}  (min {ms(min(times))})")

    def together() -> None:
        critical_path(plan)
        plan_health(plan, today)
        verdicts(plan, today)

    together()
    times = timed(together, args.repeat)
    verdict = "within" if median(times) < TARGET else "OVER"
    print(f"{'critical path + health + gates':<36} {ms(median(times)):>10}  (min {ms(min(times))})  {verdict} 50 ms")
    chain = critical_path(plan)
    print(f"critical path length: {len(chain)} objectives, weeks {chain.first_week}-{chain.last_week}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
