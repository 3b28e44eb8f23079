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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plan import Objective, Plan


@dataclass(frozen=True)
class Chain:
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


class _Longest:
    """For every not-done objective, the longest chain ending at it (its length and predecessor)."""

    def __init__(self, plan: Plan) -> None:
        done = plan.done_status
        self.by_id = {o.id: o for o in plan.objectives if o.status != done}
        self.order = {oid: i for i, oid in enumerate(self.by_id)}
        self.length: dict[str, int] = {}
        self.prev: dict[str, str | None] = {}
        by_id = self.by_id
        deps = {
            oid: [d for d in dict.fromkeys(o.depends_on) if d in by_id and d != oid] if o.depends_on else []
            for oid, o in by_id.items()
        }
        waiting = {oid: len(ds) for oid, ds in deps.items()}
        dependents: dict[str, list[str]] = {oid: [] for oid in self.by_id}
        for oid, ds in deps.items():
            for d in ds:
                dependents[d].append(oid)
        ready = [oid for oid, n in waiting.items() if n == 0]
        while ready:  # Kahn's order: an objective after everything it depends on (a cycle is left out)
            oid = ready.pop()
            best, via = 1, None
            for d in deps[oid]:
                candidate = self.length[d] + 1
                if candidate > best or (candidate == best and via is not None and self._better(d, via)):
                    best, via = candidate, d
            self.length[oid], self.prev[oid] = best, via
            for nxt in dependents[oid]:
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    ready.append(nxt)

    def _better(self, a: str, b: str) -> bool:
        """``a`` ends a better chain than ``b`` of the same length: a later week, then earlier in the plan."""
        wa, wb = self.by_id[a].week, self.by_id[b].week
        return wa > wb or (wa == wb and self.order[a] < self.order[b])

    def chain(self, end: str) -> Chain:
        ids: list[str] = []
        node: str | None = end
        while node is not None:
            ids.append(node)
            node = self.prev[node]
        return Chain([self.by_id[i] for i in reversed(ids)])


def critical_path(plan: Plan) -> Chain:
    """The longest chain of not-done objectives (empty when every objective is done)."""
    longest = _Longest(plan)
    end: str | None = None
    for oid in longest.length:
        if end is None:
            end = oid
            continue
        if longest.length[oid] > longest.length[end] or (
            longest.length[oid] == longest.length[end] and longest._better(oid, end)
        ):
            end = oid
    return Chain([]) if end is None else longest.chain(end)


def chain_to(plan: Plan, oid: str) -> Chain:
    """The longest chain of not-done objectives ending at ``oid``; KeyError for an unknown or done id."""
    longest = _Longest(plan)
    if oid not in longest.length:
        raise KeyError(oid)
    return longest.chain(oid)
