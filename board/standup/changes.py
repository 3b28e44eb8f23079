"""What changed since the plan was last committed: the plan diff, in words.

The same diff and the same sentences as ``rollout-board diff`` and ``log``
(:mod:`board.model.diff`).
"""

from __future__ import annotations

from board.model import Plan
from board.model.diff import describe_all, diff


def compare(head: Plan, plan: Plan) -> list[str]:
    """The changes from ``head`` (the committed plan) to ``plan``, one sentence each."""
    return describe_all(head, plan)


def done_since(before: Plan, plan: Plan) -> set[str]:
    """Ids of the objectives the plan diff from ``before`` to ``plan`` makes done (set or added so)."""
    done = plan.done_status
    out = set()
    for op in diff(before, plan):
        if len(op.path) != 1 or op.path[0][0] != "objectives":
            continue
        if (op.kind == "set" and op.field == "status" and op.after == done) or (
            op.kind == "add" and op.entity.status == done
        ):
            out.add(op.path[0][1])
    return out
