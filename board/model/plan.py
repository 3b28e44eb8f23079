"""The plan model: dataclasses and the facts derived from them.

Nothing here imports Textual or touches the disk. Derived facts (the phase of
an objective, progress, what is blocked, this week) are methods, computed from
the stored fields, never stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from .control import Gate, Rehearsal
from .durations import parse_duration

SCHEMA_VERSION = 1
DEFAULT_STATUSES = ("todo", "in-progress", "blocked", "done")
BLOCKED = "blocked"
PRIORITIES = ("critical", "high", "medium", "low")
RISK_LEVELS = ("low", "medium", "high", "critical")
METRIC_GROUPS = ("technical", "business", "quality")
DIRECTIONS = ("up", "down")
RISK_STATES = ("open", "mitigated", "closed")


def phase_label(pid: str, name: str) -> str:
    """``"P1 Foundation & Security"``, or only the name when the id just repeats it (``"shadow"``,
    ``"Shadow traffic"``: not "SHADOW Shadow traffic")."""
    from .slugs import slugify

    slug = slugify(name)
    if not pid or slug == pid.lower() or slug.startswith(pid.lower() + "-"):
        return name
    return f"{pid} {name}"


def canonical_level(value: str) -> str:
    """A priority or risk level as a plan writes it, however it was typed: "Medium" for "medium"
    or " MEDIUM "; text that is no known level is left as it is (the rules report it)."""
    word = value.strip()
    return word.capitalize() if word.lower() in PRIORITIES or word.lower() in RISK_LEVELS else value


@dataclass
class Criterion:
    """A phase's success criterion."""

    text: str
    met: bool = False
    metric: str = ""
    """A linked metric: the criterion is then met from the metric's current value."""
    at_least: float | None = None
    at_most: float | None = None

    @property
    def linked(self) -> bool:
        return bool(self.metric)


@dataclass
class Check:
    """One tickable line of a checklist or a rollback plan."""

    text: str
    done: bool = False


@dataclass
class Checklist:
    """A named checklist: a risk-management or final-validation section."""

    id: str
    name: str
    items: list[Check] = field(default_factory=list)

    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)


@dataclass
class Risk:
    """An entry of a phase's risk register."""

    id: str
    description: str
    likelihood: int = 3
    impact: int = 3
    mitigation: str = ""
    owner: str = ""
    state: str = "open"

    def severity(self) -> int:
        return self.likelihood * self.impact


@dataclass
class Phase:
    """A phase of the rollout: its weeks, criteria, rollback plan and gate."""

    id: str
    name: str
    first_week: int
    last_week: int
    audience: str = ""
    exposure: float | None = None
    """Percent of users the phase reaches (``5`` for 5 %)."""
    priority: str = ""
    risk: str = ""
    rollback_budget: str = ""
    rollback_estimate: str = ""
    rehearsal_max_age: int | None = None
    """Days a rehearsal stays fresh (default 14, see board.model.rehearsals)."""
    rehearsed: date | None = None
    criteria: list[Criterion] = field(default_factory=list)
    rollback_steps: list[Check] = field(default_factory=list)
    rehearsals: list[Rehearsal] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    gate: Gate | None = None

    @property
    def weeks(self) -> range:
        return range(self.first_week, self.last_week + 1)

    def covers(self, week: int) -> bool:
        return self.first_week <= week <= self.last_week

    def budget_minutes(self) -> int | None:
        return parse_duration(self.rollback_budget) if self.rollback_budget else None

    def estimate_minutes(self) -> int | None:
        return parse_duration(self.rollback_estimate) if self.rollback_estimate else None

    def rollback_over_budget(self) -> bool:
        """True when the estimated rollback time exceeds the phase's budget."""
        budget, estimate = self.budget_minutes(), self.estimate_minutes()
        return budget is not None and estimate is not None and estimate > budget

    def criteria_met(self) -> int:
        return sum(1 for c in self.criteria if c.met)

    def label(self) -> str:
        """How screens and reports name the phase (:func:`phase_label`): ``"P1 Foundation & Security"``."""
        return phase_label(self.id.upper(), self.name)


@dataclass
class Objective:
    """A weekly objective: its week, status, owner, tags and dependencies."""

    id: str
    title: str
    week: int
    status: str = "todo"
    changed: date | None = None
    owner: str = ""
    tags: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    notes: str = ""
    blocked_reason: str = ""
    """Why the objective is blocked (one line), kept while its status is ``blocked``."""

    def matches(self, text: str) -> bool:
        """Case-insensitive match of ``text`` against title, id, owner and tags."""
        needle = text.casefold()
        return (
            needle in self.title.casefold()
            or needle in self.id.casefold()
            or needle in self.owner.casefold()
            or any(needle in tag.casefold() for tag in self.tags)
        )


@dataclass
class Reading:
    """A metric value recorded on a day."""

    date: date
    value: float


@dataclass
class Metric:
    """A success metric: ``baseline -> target``, or a relative change (``+40%``).

    For a relative metric the baseline is the value at the start of the rollout
    and ``target`` and ``current`` are changes from it, in ``unit``.
    """

    id: str
    name: str
    group: str
    target: float
    unit: str = ""
    baseline: float | None = None
    relative: bool = False
    direction: str = "up"
    current: float | None = None
    history: list[Reading] = field(default_factory=list)

    def spec(self) -> str:
        """The metric as the seed writes it: ``70% → 95%``, ``+40%``, ``100%``."""
        if self.relative:
            return f"{_signed(self.target)}{self.unit}"
        if self.baseline is None:
            return f"{_num(self.target)}{self.unit}"
        return f"{_num(self.baseline)}{self.unit} → {_num(self.target)}{self.unit}"

    def start_value(self) -> float | None:
        return 0.0 if self.relative else self.baseline

    def progress(self) -> float | None:
        """Fraction of the way from the start to the target (0..1), or None if unknown."""
        if self.current is None:
            return None
        start = self.start_value()
        if start is None:
            start = 0.0
        span = self.target - start
        if span == 0:
            return 1.0 if self.current == self.target else 0.0
        fraction = (self.current - start) / span
        return max(0.0, min(1.0, fraction))


def bound_holds(value: float | None, at_least: float | None, at_most: float | None) -> bool | None:
    """Whether ``value`` keeps the bounds (None when there is no value to judge)."""
    if value is None:
        return None
    if at_least is not None and value < at_least:
        return False
    return not (at_most is not None and value > at_most)


def _num(value: float) -> str:
    return f"{value:g}"


def _signed(value: float) -> str:
    return f"{value:+g}"


@dataclass
class ActionTick:
    """A contingency action done: the action's text (its key) and the day it was ticked."""

    action: str
    date: date | None = None


@dataclass
class Contingency:
    """A contingency plan: its actions and notes, on standby or active."""

    id: str
    name: str
    actions: list[str] = field(default_factory=list)
    notes: str = ""
    active: bool = False
    activated: date | None = None
    ticked: list[ActionTick] = field(default_factory=list)
    """The actions done, in the order of ``actions``; empty (and not written) until one is ticked."""

    def tick_of(self, action: str) -> ActionTick | None:
        return next((tick for tick in self.ticked if tick.action == action), None)

    def done_count(self) -> int:
        return sum(1 for action in self.actions if self.tick_of(action) is not None)


@dataclass
class Conflict:
    """A field a merge could not decide: both sides changed it to different values.

    ``entity`` names the entity in words (``xss-prevention``, ``phase p2``); the plan holds
    ``ours`` until the conflict is resolved. None stands for "no value" (an entity added on
    both sides has no base). ``field`` ``removed`` is an entity one side removed and the other
    changed: the plan keeps it, and the values say ``kept`` or ``removed``.
    """

    entity: str
    field: str
    base: object = None
    ours: object = None
    theirs: object = None

    @property
    def id(self) -> str:
        """The entry's identity among the plan's tables (a save patches entries by id)."""
        return f"{self.entity} · {self.field}"


@dataclass
class Plan:
    """A whole rollout plan, as one plan file holds it."""

    title: str
    weeks: int
    summary: str = ""
    start: date | None = None
    statuses: list[str] = field(default_factory=lambda: list(DEFAULT_STATUSES))
    closing: str = ""
    notes: str = ""
    phases: list[Phase] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    risk_management: list[Checklist] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    contingencies: list[Contingency] = field(default_factory=list)
    final_validation: list[Checklist] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    # --- the status set -------------------------------------------------
    @property
    def first_status(self) -> str:
        return self.statuses[0]

    @property
    def done_status(self) -> str:
        return self.statuses[-1]

    @property
    def blocked_status(self) -> str | None:
        return BLOCKED if BLOCKED in self.statuses else None

    def flow(self) -> list[str]:
        """The statuses an objective advances through (the set without ``blocked``)."""
        return [s for s in self.statuses if s != BLOCKED]

    def next_status(self, status: str) -> str:
        """``space``: todo → in-progress → done; blocked → in-progress; done stays done."""
        flow = self.flow()
        if status == BLOCKED:
            return flow[1] if len(flow) > 1 else flow[0]
        index = flow.index(status)
        return flow[min(index + 1, len(flow) - 1)]

    # --- lookups ---------------------------------------------------------
    def objective(self, oid: str) -> Objective:
        found = self.find_objective(oid)
        if found is None:
            raise KeyError(oid)
        return found

    def find_objective(self, oid: str) -> Objective | None:
        """The first objective with id ``oid``: a dictionary lookup, checked against the list.

        The index (id -> position and objective) is built on first use and rebuilt
        when the entry it gives is no longer at its position with that id (an objective
        added, removed, moved or renamed since): a change costs one rebuild, a lookup
        in a loop costs O(1), so nothing that looks objectives up by id is quadratic.
        """
        objectives = self.objectives
        index: dict[str, Objective] | None = self.__dict__.get("_index")
        if index is not None:
            obj = index.get(oid)
            if obj is not None and obj.id == oid:
                at: int = self.__dict__["_at"][oid]
                if at < len(objectives) and objectives[at] is obj:
                    return obj
                # One objective moved (a week, a place): those it passed shifted by one place.
                for near in (at - 1, at + 1):
                    if 0 <= near < len(objectives) and objectives[near] is obj and not self.__dict__["_twins"]:
                        self.__dict__["_at"][oid] = near
                        return obj
        # Two dictionaries of plain values, not one of tuples: no work for the cycle collector at 50,000.
        # Reversed, so that the first of two objectives with one id is the one kept.
        ids = [obj.id for obj in objectives]
        index = dict(zip(reversed(ids), reversed(objectives), strict=True))
        self.__dict__["_index"] = index
        self.__dict__["_at"] = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
        self.__dict__["_twins"] = len(index) != len(ids)  # two objectives share an id: no shortcut above
        return index.get(oid)

    def position(self, oid: str) -> int | None:
        """The list index of the objective :meth:`find_objective` gives for ``oid`` (None: there is none)."""
        if self.find_objective(oid) is None:
            return None
        return self.__dict__["_at"][oid]  # type: ignore[no-any-return]

    def phase(self, pid: str) -> Phase:
        for phase in self.phases:
            if phase.id == pid:
                return phase
        raise KeyError(pid)

    def metric(self, mid: str) -> Metric:
        for metric in self.metrics:
            if metric.id == mid:
                return metric
        raise KeyError(mid)

    def contingency(self, cid: str) -> Contingency:
        for plan in self.contingencies:
            if plan.id == cid:
                return plan
        raise KeyError(cid)

    def phase_of_week(self, week: int) -> Phase | None:
        for phase in self.phases:
            if phase.covers(week):
                return phase
        return None

    def phase_of(self, obj: Objective) -> Phase | None:
        """The phase an objective belongs to, from its week."""
        return self.phase_of_week(obj.week)

    def objectives_in(self, phase: Phase) -> list[Objective]:
        first, last = phase.first_week, phase.last_week  # phase.covers, without a call an objective
        return [o for o in self.objectives if first <= o.week <= last]

    def objectives_in_week(self, week: int) -> list[Objective]:
        return [o for o in self.objectives if o.week == week]

    def dependents(self, oid: str) -> list[Objective]:
        """Objectives that depend on ``oid``."""
        return [o for o in self.objectives if oid in o.depends_on]

    # --- progress --------------------------------------------------------
    def is_done(self, obj: Objective) -> bool:
        return obj.status == self.done_status

    def progress(self, objectives: Iterable[Objective] | None = None) -> tuple[int, int]:
        """(done, total) over ``objectives`` (default: the whole plan)."""
        items = self.objectives if objectives is None else list(objectives)
        done = self.done_status
        return sum(1 for o in items if o.status == done), len(items)

    def phase_progress(self, phase: Phase) -> tuple[int, int]:
        return self.progress(self.objectives_in(phase))

    def blocked(self) -> list[Objective]:
        return [o for o in self.objectives if o.status == BLOCKED]

    def is_late(self, obj: Objective, this_week: int | None) -> bool:
        """Late: an objective of a week before ``this_week`` that is not done (no week known: never late)."""
        return this_week is not None and obj.week < this_week and obj.status != self.done_status

    def late(self, today: date | None = None) -> list[Objective]:
        """The objectives of past weeks that are not done, in plan order (``today`` injectable for tests)."""
        week = self.this_week(today)
        return [o for o in self.objectives if self.is_late(o, week)]

    def in_status(self, status: str) -> list[Objective]:
        return [o for o in self.objectives if o.status == status]

    def unfinished_dependencies(self, obj: Objective) -> list[str]:
        """Ids of ``obj``'s dependencies that are not done (unknown ids count as not done)."""
        waiting = []
        for dep in obj.depends_on:
            found = self.find_objective(dep)
            if found is None or found.status != self.done_status:
                waiting.append(dep)
        return waiting

    def waiting_on_dependencies(self) -> list[Objective]:
        """Objectives (not done) with at least one dependency that is not done."""
        status = {o.id: o.status for o in self.objectives}
        done = self.done_status
        return [o for o in self.objectives if o.status != done and any(status.get(d) != done for d in o.depends_on)]

    # --- time ------------------------------------------------------------
    def week_of(self, day: date) -> int | None:
        """The plan week ``day`` falls in (1-based), or None before the start or with no start.

        Weeks after the end of the plan are reported as they are (``weeks + 1`` …),
        so a caller can say "the plan has ended".
        """
        if self.start is None or day < self.start:
            return None
        return (day - self.start).days // 7 + 1

    def this_week(self, today: date | None = None) -> int | None:
        """This week of the plan from the start date and ``today`` (injectable for tests)."""
        return self.week_of(today or date.today())

    def current_phase(self, today: date | None = None) -> Phase | None:
        week = self.this_week(today)
        return None if week is None else self.phase_of_week(week)

    def next_phase(self, phase: Phase) -> Phase | None:
        later = [p for p in self.phases if p.first_week > phase.last_week]
        return min(later, key=lambda p: p.first_week) if later else None

    # --- criteria linked to metrics --------------------------------------
    def find_metric(self, mid: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == mid), None)

    def metric_links(self, mid: str) -> tuple[list[Criterion], int]:
        """The criteria linked to metric ``mid``, and how many gate conditions name it."""
        criteria = [c for p in self.phases for c in p.criteria if c.metric == mid]
        conditions = sum(1 for p in self.phases if p.gate for g in p.gate.metrics if g.metric == mid)
        return criteria, conditions

    def criterion_met(self, criterion: Criterion) -> bool:
        """Met as ticked, or, for a criterion linked to a metric, from the metric's current value."""
        if not criterion.metric:
            return criterion.met
        metric = self.find_metric(criterion.metric)
        return metric is not None and bound_holds(metric.current, criterion.at_least, criterion.at_most) is True

    def criteria_met(self, phase: Phase) -> int:
        return sum(1 for c in phase.criteria if self.criterion_met(c))

    def iter_checklists(self) -> Iterator[Checklist]:
        yield from self.risk_management
        yield from self.final_validation

    def risk_grid(self, phase_id: str | None = None) -> dict[tuple[int, int], list[Risk]]:
        """The open risks by ``(likelihood, impact)``, of one phase or of the whole plan.

        Every cell of the 5 × 5 grid is present (empty cells hold an empty list); risks
        keep their order in the plan. Raises KeyError for an unknown ``phase_id``.
        """
        phases = self.phases if phase_id is None else [self.phase(phase_id)]
        grid: dict[tuple[int, int], list[Risk]] = {(lk, im): [] for lk in range(1, 6) for im in range(1, 6)}
        for phase in phases:
            for risk in phase.risks:
                cell = grid.get((risk.likelihood, risk.impact))
                if risk.state == "open" and cell is not None:
                    cell.append(risk)
        return grid
