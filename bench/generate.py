"""Realistic generated plans for the benchmarks: ``python -m bench.generate N [-o FILE] [--seed S]``.

N objectives spread over the weeks and phases (the phases cover every week,
without overlap), with titles from word lists, short slug ids, owners (some
objectives unowned), tags, dependencies on earlier objectives (no cycles),
notes (some on several lines), a mix of statuses with their dates, phase
criteria, rollback steps with budgets and estimates, risks, metrics with a
short history, contingencies and checklists. Deterministic for a seed; always
passes ``board.model.check_plan``.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from board.model import Check, Checklist, Contingency, Criterion, Metric, Objective, Phase, Plan, Reading, Risk
from board.model.slugs import objective_id

VERBS = [
    "Implement",
    "Set up",
    "Configure",
    "Deploy",
    "Migrate",
    "Harden",
    "Document",
    "Review",
    "Automate",
    "Measure",
    "Enable",
    "Refactor",
    "Add",
    "Optimize",
]
THINGS = [
    "policy enforcement",
    "secret scanning",
    "CI pipeline",
    "metrics collection",
    "input sanitization",
    "error boundaries",
    "component tests",
    "state management",
    "WebSocket gateway",
    "build cache",
    "bundle splitting",
    "circuit breakers",
    "structured logging",
    "alert routing",
    "feature flags",
    "canary releases",
    "load balancer",
    "database indexes",
    "session storage",
    "rate limiting",
    "audit trail",
    "image pipeline",
    "search indexing",
    "payment retries",
    "dependency updates",
]
PLACES = [
    "for checkout",
    "for the admin app",
    "in staging",
    "across services",
    "for mobile",
    "in the EU region",
    "for the public API",
    "",
    "",
    "",
]
OWNERS = ["ana", "bo", "chen", "dee", "eli", "fay", "gus", "hana"]
TAGS = ["security", "frontend", "backend", "infra", "observability", "performance", "data", "ux"]
NOTES = [
    "Check with the platform team first.",
    "Waiting on the vendor's sandbox credentials.",
    "Pair with on-call for the first rollout.",
    "Staging numbers look good; production still to do.",
    "Scope cut: the legacy endpoints stay as they are.",
    "Needs a security review before it ships.",
]
FOLLOW_UPS = [
    "Then update the runbook.",
    "Dashboards: latency p95 and error rate.",
    "- announce in #releases\n- update the status page",
    "Rollback: flip the flag off and redeploy the previous tag.",
]
PHASE_NAMES = ["Foundation", "Hardening", "Scale-out", "Optimization", "Migration", "Launch", "Cleanup", "Follow-up"]
PRIORITIES = ["Critical", "High", "Medium", "Low"]
RISK_LEVELS = ["Low", "Medium", "High"]
METRICS = [
    ("Test coverage", "quality", 50, 90, "%", "up"),
    ("Deploy frequency", "technical", 2, 10, "/week", "up"),
    ("Change failure rate", "technical", 18, 5, "%", "down"),
    ("Mean time to restore", "technical", 240, 30, "min", "down"),
    ("p95 latency", "technical", 850, 300, "ms", "down"),
    ("Error rate", "quality", 2.5, 0.5, "%", "down"),
    ("Conversion", "business", 3.1, 3.8, "%", "up"),
    ("Support tickets", "business", 420, 250, "/week", "down"),
    ("Lighthouse score", "quality", 61, 90, "", "up"),
    ("Uptime", "technical", 99.5, 99.95, "%", "up"),
    ("Build time", "technical", 14, 6, "min", "down"),
    ("Accessibility issues", "quality", 120, 10, "", "down"),
]


def _phases(rng: random.Random, weeks: int, count: int) -> list[Phase]:
    """``count`` phases covering weeks 1..``weeks`` in order, sizes differing by at most one week."""
    phases = []
    first = 1
    for index in range(count):
        size = weeks // count + (1 if index < weeks % count else 0)
        last = first + size - 1
        name = PHASE_NAMES[index % len(PHASE_NAMES)] + (
            f" {index // len(PHASE_NAMES) + 1}" if index >= len(PHASE_NAMES) else ""
        )
        estimate_minutes = rng.choice([30, 45, 90, 120, 180])
        phases.append(
            Phase(
                f"p{index + 1}",
                name,
                first,
                last,
                priority=rng.choice(PRIORITIES),
                risk=rng.choice(RISK_LEVELS),
                rollback_budget=rng.choice(["1h", "2h", "4h"]),
                rollback_estimate=f"{estimate_minutes}m"
                if estimate_minutes < 60 or estimate_minutes % 60
                else f"{estimate_minutes // 60}h",
                criteria=[
                    Criterion(
                        f"{rng.choice(THINGS).capitalize()} verified {rng.choice(PLACES) or 'in production'}",
                        rng.random() < 0.3,
                    )
                    for _ in range(rng.randint(3, 5))
                ],
                rollback_steps=[
                    Check(text, rng.random() < 0.2)
                    for text in (
                        "Freeze deploys",
                        "Disable the feature flags",
                        "Redeploy the previous release",
                        "Verify dashboards",
                    )[: rng.randint(2, 4)]
                ],
                risks=[
                    Risk(
                        f"p{index + 1}-risk-{r + 1}",
                        f"{rng.choice(THINGS).capitalize()} regresses {rng.choice(PLACES) or 'under load'}",
                        likelihood=rng.randint(1, 5),
                        impact=rng.randint(1, 5),
                        mitigation=rng.choice(["Canary first", "Feature flag", "Load test before rollout", ""]),
                        owner=rng.choice(OWNERS),
                        state=rng.choice(["open", "open", "mitigated", "closed"]),
                    )
                    for r in range(rng.randint(0, 2))
                ],
            )
        )
        first = last + 1
    return phases


def _notes(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(NOTES)
    if roll < 0.25:
        return rng.choice(NOTES) + "\n" + rng.choice(FOLLOW_UPS)
    return ""


def generate_plan(n: int, seed: int = 0, weeks: int = 8, phases: int = 4, linked: bool = False) -> Plan:
    """A valid plan of ``n`` objectives over ``weeks`` weeks and ``phases`` phases, the same for a seed.

    ``linked``: every objective after the first week depends on one or two objectives of
    the week before (a plan whose dependencies reach from its first week to its last).
    """
    if n < 0 or weeks < 1 or not 1 <= phases <= weeks:
        raise ValueError(f"need n >= 0 and 1 <= phases <= weeks (got n={n}, weeks={weeks}, phases={phases})")
    rng = random.Random(seed)
    start = date(2026, 11, 2)
    plan = Plan(
        title=f"Generated rollout ({n} objectives)",
        weeks=weeks,
        start=start,
        summary="A generated plan for benchmarks:\nrealistic sizes, owners, dependencies and notes.",
    )
    plan.phases = _phases(rng, weeks, phases)
    statuses = plan.statuses  # todo, in-progress, blocked, done
    weights = [5, 2, 1, 3][: len(statuses)] + [1] * max(0, len(statuses) - 4)
    taken: set[str] = set()
    by_week: dict[int, list[str]] = {}
    for i in range(n):
        week = 1 + i * weeks // n  # objectives in week order, so every dependency is on an earlier week or the same one
        title = " ".join(part for part in (rng.choice(VERBS), rng.choice(THINGS), rng.choice(PLACES)) if part)
        oid = objective_id(title, taken)
        taken.add(oid)
        by_week.setdefault(week, []).append(oid)
        status = rng.choices(statuses, weights=weights)[0]
        deps: list[str] = []
        if linked:
            previous = by_week.get(week - 1, [])
            deps = sorted({rng.choice(previous) for _ in range(rng.choice([1, 2]))}) if previous else []
        elif i and rng.random() < 0.2:
            earlier = plan.objectives[max(0, i - 200) : i]  # near neighbours, as in a real plan
            deps = sorted({rng.choice(earlier).id for _ in range(rng.choice([1, 1, 1, 2]))})
        plan.objectives.append(
            Objective(
                oid,
                title,
                week,
                status,
                changed=start + timedelta(days=7 * (week - 1) + rng.randrange(10)) if status != "todo" else None,
                owner=rng.choice(OWNERS) if rng.random() < 0.8 else "",
                tags=sorted(rng.sample(TAGS, rng.randrange(3))),
                depends_on=deps,
                notes=_notes(rng),
            )
        )
    plan.risk_management = [
        Checklist(slug, name, [Check(f"{name}: item {k + 1}", rng.random() < 0.3) for k in range(rng.randint(3, 6))])
        for slug, name in (
            ("pre-deploy", "Pre-deployment"),
            ("monitoring", "Monitoring"),
            ("communication", "Communication"),
        )
    ]
    plan.final_validation = [
        Checklist(slug, name, [Check(f"{name}: item {k + 1}", False) for k in range(rng.randint(3, 6))])
        for slug, name in (("acceptance", "Acceptance criteria"), ("post-implementation", "Post-implementation"))
    ]
    for m, (name, group, baseline, target, unit, direction) in enumerate(METRICS):
        history = []
        value = float(baseline)
        for k in range(rng.randrange(6)):
            value = round(value + (target - baseline) * rng.uniform(0.0, 0.25), 2)
            history.append(Reading(start + timedelta(days=7 * k), value))
        plan.metrics.append(
            Metric(
                f"metric-{m + 1}",
                name,
                group,
                target,
                unit=unit,
                baseline=baseline,
                direction=direction,
                current=history[-1].value if history else None,
                history=history,
            )
        )
    plan.contingencies = [
        Contingency(
            slug,
            name,
            [f"{name}: action {a + 1}" for a in range(rng.randint(2, 5))],
            notes=rng.choice(["", "Owner: on-call lead."]),
        )
        for slug, name in (
            ("performance", "Performance degradation"),
            ("security", "Security incident"),
            ("outage", "Partial outage"),
        )
    ]
    return plan


def main(argv: list[str] | None = None) -> int:
    from board import store

    parser = argparse.ArgumentParser(prog="python -m bench.generate", description="Write a generated plan.")
    parser.add_argument("n", type=int, help="number of objectives")
    parser.add_argument("-o", "--output", default="-", help="the file (default: stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--phases", type=int, default=4)
    parser.add_argument("--linked", action="store_true", help="each objective depends on the week before's")
    args = parser.parse_args(argv)
    try:
        plan = generate_plan(args.n, args.seed, args.weeks, args.phases, linked=args.linked)
        if args.output == "-":
            sys.stdout.write(store.dumps(plan))
        else:
            store.save(plan, Path(args.output))
    except (ValueError, store.SaveError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
