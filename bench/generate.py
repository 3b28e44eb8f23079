"""Realistic generated plans for the benchmarks: ``python -m bench.generate N [-o FILE] [--seed S]``.

N objectives over the weeks and phases, with owners, tags, dependencies on
earlier objectives (no cycles), notes (some on several lines), a mix of
statuses with dates, criteria, rollback plans, metrics with readings,
contingencies and checklists. Deterministic for a seed; always valid.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from board.model import Check, Checklist, Contingency, Criterion, Metric, Objective, Phase, Plan, Reading

VERBS = ["Implement", "Set up", "Configure", "Deploy", "Migrate", "Harden", "Document", "Review", "Automate", "Measure"]
THINGS = [
    "policy enforcement", "secret scanning", "CI pipeline", "metrics collection", "input sanitization", "error boundaries",
    "component tests", "state management", "WebSocket gateway", "build cache", "bundle splitting", "circuit breakers",
    "structured logging", "alert routing", "feature flags", "canary releases", "load balancer", "database indexes",
]
PLACES = ["for checkout", "for the admin app", "in staging", "across services", "for mobile", "in the EU region", "", ""]
OWNERS = ["ana", "bo", "chen", "dee", "eli", "fay", "gus", "hana"]
TAGS = ["security", "frontend", "backend", "infra", "observability", "performance"]


def generate_plan(n: int, seed: int = 0, weeks: int = 8, phases: int = 4) -> Plan:
    rng = random.Random(seed)
    start = date(2026, 11, 2)
    plan = Plan(title=f"Generated rollout ({n} objectives)", weeks=weeks, summary="A generated plan for benchmarks.", start=start)
    span = weeks // phases
    for index in range(phases):
        first = index * span + 1
        last = weeks if index == phases - 1 else first + span - 1
        plan.phases.append(
            Phase(
                f"p{index + 1}", f"Phase {index + 1}", first, last, priority=rng.choice(["Critical", "High", "Medium", "Low"]),
                risk=rng.choice(["Low", "Medium", "High"]), rollback_budget=rng.choice(["1h", "2h", "4h"]),
                rollback_estimate=rng.choice(["45m", "90m", "3h"]),
                criteria=[Criterion(f"Criterion {c + 1} of phase {index + 1}", rng.random() < 0.3) for c in range(4)],
                rollback_steps=[Check(f"Rollback step {s + 1}", False) for s in range(3)],
            )
        )
    statuses = plan.statuses
    for i in range(n):
        week = 1 + i * weeks // n
        title = " ".join(x for x in (rng.choice(VERBS), rng.choice(THINGS), rng.choice(PLACES)) if x)
        status = rng.choices(statuses, weights=[5, 2, 1, 3])[0]
        deps = [f"obj-{rng.randrange(i)}"] if i and rng.random() < 0.2 else []
        notes = ""
        if rng.random() < 0.25:
            notes = "Check with the platform team first." + ("\nThen update the runbook." if rng.random() < 0.5 else "")
        plan.objectives.append(
            Objective(
                f"obj-{i}", title, week, status,
                changed=start + timedelta(days=rng.randrange(60)) if status != "todo" else None,
                owner=rng.choice(OWNERS) if rng.random() < 0.8 else "",
                tags=rng.sample(TAGS, rng.randrange(3)), depends_on=deps, notes=notes,
            )
        )
    plan.risk_management = [Checklist(f"checks-{c}", f"Checks {c}", [Check(f"Check {k}", False) for k in range(4)]) for c in range(3)]
    plan.final_validation = [Checklist("acceptance", "Acceptance", [Check(f"Accept {k}", False) for k in range(4)])]
    for m in range(13):
        history = [Reading(start + timedelta(days=7 * k), 50 + k * 2 + m) for k in range(rng.randrange(6))]
        plan.metrics.append(
            Metric(f"metric-{m}", f"Metric {m}", ["technical", "business", "quality"][m % 3], 90, unit="%", baseline=50,
                   current=history[-1].value if history else None, history=history)
        )
    plan.contingencies = [Contingency(f"plan-{c}", f"Plan {c}", [f"Action {a}" for a in range(4)]) for c in range(3)]
    return plan


def main(argv: list[str] | None = None) -> int:
    from board import store

    parser = argparse.ArgumentParser(description="Write a generated plan.")
    parser.add_argument("n", type=int, help="number of objectives")
    parser.add_argument("-o", "--output", default="-", help="the file (default: stdout)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    plan = generate_plan(args.n, args.seed)
    if args.output == "-":
        sys.stdout.write(store.dumps(plan))
    else:
        store.save(plan, Path(args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
