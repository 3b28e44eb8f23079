"""What the board marks for rollout control, worked out once per change: the critical path, the
objectives that slip, and each phase's health and gate (for the column headers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from board.model import Objective, Phase, Plan
from board.model.critical_path import critical_path
from board.model.dependencies import Slip, slips, slips_after
from board.model.gates import Verdict, verdict
from board.model.health import Health, plan_health, week_counts
from board.model.history import Change

CRITICAL = "◆"
SLIP = "≫"
HEALTH_COLORS = {"on track": "$success", "at risk": "$warning", "off track": "$error"}


@dataclass
class Marks:
    """What the cards and column headers mark: the critical path, slips, health, gates and week counts."""

    critical: set[str] = field(default_factory=set)
    slipped: set[str] = field(default_factory=set)
    health: Health = field(default_factory=Health)
    phases: dict[str, tuple[Health, Verdict]] = field(default_factory=dict)
    weeks: dict[int, tuple[int, int, int]] | None = None
    """Week -> (objectives, done, blocked), for the column headers (None: not counted)."""
    slips: list[Slip] = field(default_factory=list)

    def progress(self, phase: Phase, this_week: int | None) -> tuple[int, int, int]:
        """(done, objectives, late) of a phase's weeks: what its column header counts."""
        done = total = late = 0
        for week in range(phase.first_week, phase.last_week + 1):
            counts = (self.weeks or {}).get(week)
            if counts is not None:
                total += counts[0]
                done += counts[1]
                if this_week and week < this_week:
                    late += counts[0] - counts[1]
        return done, total, late


Moved = list[tuple[Objective, int]]
"""Objectives a change moved to other weeks, each with the week it had before (see :func:`moved_weeks`)."""


def control_marks(
    plan: Plan, today: date, links_from: Marks | None = None, moved_from: tuple[Marks, Moved] | None = None
) -> Marks:
    """Worked out once per change: the slips and the count of every week are shared by health,
    the slip marks and the column headers (each used to walk the plan on its own).

    ``links_from``: marks of this plan before a change that :func:`keeps_links` says moved no link
    (a status that stays short of done, a title, notes): its critical path and slips are taken as they are.
    ``moved_from``: marks of this plan before a change that only moved objectives to other weeks, and what
    it moved (:func:`moved_weeks`): the slips and the weeks' counts are brought up to date from them.
    """
    weeks = None
    counted = moved_from[0].weeks if moved_from is not None else None
    if links_from is not None:
        found, critical = links_from.slips, links_from.critical
    elif moved_from is not None and counted is not None:
        before, moved = moved_from
        found = slips_after(plan, before.slips, [obj for obj, _ in moved])
        critical = set(critical_path(plan).ids)
        weeks = counts_after(counted, moved, plan.done_status)
    else:
        found = slips(plan)
        critical = set(critical_path(plan).ids)
    if weeks is None:
        weeks = week_counts(plan)
    overall, healths = plan_health(plan, today, found, weeks)
    return Marks(
        critical=critical,
        slipped={slip.objective.id for slip in found},
        health=overall,
        phases={p.id: (healths[p.id], verdict(plan, p, today)) for p in plan.phases},
        weeks=weeks,
        slips=found,
    )


_NO_LINK = frozenset({"changed", "blocked_reason", "notes", "title", "owner", "tags"})
"""Objective fields that neither the critical path nor a slip reads."""


def keeps_links(change: Change, done: str) -> bool:
    """True when ``change`` (done, undone or redone) leaves the critical path and the slips as they were:
    it only set objectives' fields they do not read, or a status that was and stays short of ``done``
    (``space`` from todo to in progress, blocking and unblocking)."""
    for step in change.steps:
        if step.kind != "set" or not isinstance(step.target, Objective):
            return False
        if step.key in _NO_LINK or (step.key == "status" and (step.old == done) == (step.new == done)):
            continue
        return False
    return True


def moved_weeks(change: Change, objectives: list[Objective]) -> Moved | None:
    """The objectives ``change`` (done, undone or redone) moved to other weeks, each with the week it had
    before; None unless all it did was that and reorder ``objectives`` (the plan's list: an objective
    moved to another week goes to the end of it), so a new week, not another field, is all that changed."""
    moved: dict[int, tuple[Objective, int]] = {}
    placed: dict[int, int] = {}
    for step in change.steps:
        if step.kind == "set":
            obj = step.target
            if step.key != "week" or not isinstance(obj, Objective) or id(obj) in moved:
                return None
            if obj.week == step.new:  # done or redone
                moved[id(obj)] = (obj, step.old)
            elif obj.week == step.old:  # undone
                moved[id(obj)] = (obj, step.new)
            else:
                return None
        elif step.target is objectives:
            item = step.new if step.kind == "insert" else step.old
            placed[id(item)] = placed.get(id(item), 0) + (1 if step.kind == "insert" else -1)
        else:
            return None
    if any(placed.values()):
        return None  # an objective added or removed
    return list(moved.values())


def counts_after(weeks: dict[int, tuple[int, int, int]], moved: Moved, done: str) -> dict[int, tuple[int, int, int]]:
    """:func:`week_counts` after ``moved`` left their weeks for the ones they are in now."""
    counts = {week: list(c) for week, c in weeks.items()}
    for obj, before in moved:
        one = (1, obj.status == done, obj.status == "blocked")
        left = counts[before]
        for i in range(3):
            left[i] -= one[i]
        if not left[0]:
            del counts[before]
        entered = counts.setdefault(obj.week, [0, 0, 0])
        for i in range(3):
            entered[i] += one[i]
    return {week: (c[0], c[1], c[2]) for week, c in counts.items()}


def health_markup(health: Health) -> str:
    """``▲ at risk`` in the health's colour (the symbol and the word read without colour)."""
    return f"[{HEALTH_COLORS[health.level]}]{health.symbol} {health.level}[/]"


def gate_markup(result: Verdict) -> str:
    """``✓ GO`` or ``✕ 3 open`` for a column header."""
    if result.go:
        return "[$success b]✓ GO[/]"
    return f"[$error b]✕ {len(result.open)} open[/]"
