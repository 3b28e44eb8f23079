"""Editing the plan's structure: phases, statuses, criteria, rollback steps, checklists,
contingency plans, metric definitions and the risk register (mixed into Editor)."""

from __future__ import annotations


class StructureOps:
    """Operations on the plan's structure; mixed into :class:`board.model.editor.Editor`."""
