"""What can be wrong with a plan: an edit the model refuses (:class:`PlanError`) and a rule a plan
breaks (:class:`Issue`, found where ``path`` points). Every other model module may import this one;
it imports none of them."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


class PlanError(ValueError):
    """An operation that would break the plan: nothing was changed."""


@dataclass(frozen=True)
class Issue:
    """A problem with a plan, at the path of the value it concerns."""

    path: Path
    message: str
    item: int | None = None
    """The offending item of the list at ``path`` (the store points at its line when it has one)."""
