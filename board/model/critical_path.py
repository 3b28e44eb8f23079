"""The critical path: the longest chain of not-done objectives through their dependencies.

Each objective is a week's work that can start once what it depends on is done,
so the chain with the most not-done objectives is the one that decides whether
the plan ends on time. Its length is the number of objectives (so also the
weeks it needs at the least); of chains of one length the one that ends in the
latest week wins, then the one met first in the plan. Done objectives and
unknown ids are no links. One pass in dependency order: O(objectives +
dependencies).
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .plan import Objective, Plan


@dataclass(frozen=True)
class Chain:
    """The longest chain of unfinished objectives (the critical path)."""

    objectives: list[Objective]
    """From the first to wait on to the last, each depending on the one before."""

    @property
    def ids(self) -> list[str]:
        return [o.id for o in self.objectives]

    @property
    def first_week(self) -> int | None:
        return self.objectives[0].week if self.objectives else None

    @property
    def last_week(self) -> int | None:
        return self.objectives[-1].week if self.objectives else None

    def __len__(self) -> int:
        return len(self.objectives)


_LOW = 1 << 21
"""Objectives and weeks of a plan are fewer than this (a plan file holds at most a few hundred thousand)."""


class _Longest:
    """For every not-done objective, the longest chain ending at it: its rank and predecessor.

    Objectives are numbered in plan order; a chain's rank is (length, week of its last objective,
    minus that objective's number), so the larger rank is the better chain of the two. The rank is
    kept as one integer (length, week and number in fields of 21 bits each): comparing and storing
    it makes no tuple an objective, which at 50,000 objectives is most of the time it takes."""

    def __init__(self, plan: Plan) -> None:
        done = plan.done_status
        self.objectives = objectives = [o for o in plan.objectives if o.status != done]
        count = len(objectives)
        if count >= _LOW or plan.weeks >= _LOW:
            raise ValueError("a plan too large to rank")  # pragma: no cover - far beyond any plan file
        index = dict(zip([o.id for o in objectives], range(count), strict=True))
        self.index = index
        get = index.get
        deps: list[tuple[int, ...]] = []
        rank: list[int | None] = [None] * count
        prev = [-1] * count
        self.rank, self.prev = rank, prev
        length_unit = _LOW * _LOW
        # An objective's rank depends only on the ranks of what it depends on: any order that puts it
        # after those gives the same ranks. Plan order does for every objective whose links all point
        # back, as plans are mostly written: ranked in the same pass that reads the links. The others
        # (a link forward, as a card moved to a later week leaves its dependents before it) are ranked
        # afterwards in Kahn's order among themselves (one in a cycle, or waiting on one, is left out).
        later: list[int] = []
        for i, o in enumerate(objectives):
            ds = o.depends_on
            if not ds:
                found: tuple[int, ...] = ()
            elif len(ds) == 1:  # one or two links, as most objectives have: no set, no comprehension
                d = get(ds[0]) if ds[0] != o.id else None
                found = () if d is None else (d,)
            elif len(ds) == 2 and ds[0] != ds[1] and o.id not in ds:
                a, b = get(ds[0]), get(ds[1])
                found = (
                    (a, b)
                    if a is not None and b is not None
                    else (a,)
                    if a is not None
                    else (b,)
                    if b is not None
                    else ()
                )
            else:
                found = tuple([index[d] for d in dict.fromkeys(ds) if d != o.id and d in index])
            deps.append(found)
            best, via = 0, -1
            for d in found:
                candidate = rank[d]
                if candidate is None:  # not ranked yet: a link forward, or to one ranked later
                    later.append(i)
                    break
                if candidate > best:
                    best, via = candidate, d
            else:
                rank[i] = ((best // length_unit) + 1) * length_unit + o.week * _LOW + (_LOW - 1 - i)
                prev[i] = via
        if later:
            self._rank_later(later, deps, length_unit)

    def _rank_later(self, later: list[int], deps: list[tuple[int, ...]], length_unit: int) -> None:
        """Rank the objectives the pass in plan order left, in Kahn's order among themselves."""
        rank, prev, objectives = self.rank, self.prev, self.objectives
        waiting: dict[int, int] = {}
        dependents: dict[int, list[int]] = {}
        for i in later:
            unranked = [d for d in deps[i] if rank[d] is None]
            waiting[i] = len(unranked)
            for d in unranked:
                dependents.setdefault(d, []).append(i)
        ready = [i for i in later if not waiting[i]]
        while ready:
            i = ready.pop()
            best, via = 0, -1
            for d in deps[i]:
                ranked = rank[d]
                assert ranked is not None
                if ranked > best:
                    best, via = ranked, d
            rank[i] = ((best // length_unit) + 1) * length_unit + objectives[i].week * _LOW + (_LOW - 1 - i)
            prev[i] = via
            for nxt in dependents.get(i, ()):
                waiting[nxt] -= 1
                if not waiting[nxt]:
                    ready.append(nxt)

    def number(self, rank: int) -> int:
        """The objective a rank ends at."""
        return _LOW - 1 - rank % _LOW

    def chain(self, end: int) -> Chain:
        found: list[Objective] = []
        node = end
        while node >= 0:
            found.append(self.objectives[node])
            node = self.prev[node]
        return Chain(found[::-1])


def critical_path(plan: Plan) -> Chain:
    """The longest chain of not-done objectives (empty when every objective is done)."""
    longest = _Longest(plan)
    best = max((rank for rank in longest.rank if rank is not None), default=None)
    if best is None:
        return Chain([])
    return longest.chain(longest.number(best))


def chain_to(plan: Plan, oid: str) -> Chain:
    """The longest chain of not-done objectives ending at ``oid``; KeyError for an unknown or done id."""
    longest = _Longest(plan)
    i = longest.index.get(oid)
    if i is None or longest.rank[i] is None:
        raise KeyError(oid)
    return longest.chain(i)
