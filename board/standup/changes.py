"""What changed since the plan was last committed: the plan diff, in words.

The same diff and the same sentences as ``rollout-board diff`` and ``log``
(:mod:`board.model.diff`).
"""

from __future__ import annotations

from board.model import Plan
from board.model.diff import describe_all


def compare(head: Plan, plan: Plan) -> list[str]:
    """The changes from ``head`` (the committed plan) to ``plan``, one sentence each."""
    return describe_all(head, plan)
