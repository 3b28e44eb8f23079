"""The merge driver's work: three plan texts in, the merged plan text out.

The result is ours' text with theirs' changes applied the way a save applies
a change. :func:`render_merged` is the one place that turns the merged plan
into text.
"""

from __future__ import annotations

from dataclasses import dataclass

from board import store
from board.model import Plan
from board.model.merge import MergeResult, merge


class SideError(Exception):
    """One side of a merge cannot be read: a single line naming the side."""


@dataclass
class MergedText:
    """A merged plan as text, with the merge's result."""

    text: str
    result: MergeResult


def _read(data: bytes, side: str, name: str) -> Plan:
    try:
        return store.loads(data, name)
    except store.LoadError as error:
        first = error.problems[0]
        raise SideError(f"cannot read {side} ({first})") from None


def merge_bytes(base: bytes | None, ours: bytes, theirs: bytes, name: str = "<plan>") -> MergedText:
    """Merge three versions of a plan file; SideError when one cannot be read (nothing is merged)."""
    ours_plan = _read(ours, "ours", name)
    theirs_plan = _read(theirs, "theirs", name)
    base_plan = None if base is None or not base.strip() else _read(base, "base", name)
    result = merge(base_plan, ours_plan, theirs_plan)
    ours_text = ours.decode("utf-8")
    return MergedText(render_merged(ours_text, ours_plan, result.plan), result)


def render_merged(ours_text: str, ours_plan: Plan, merged: Plan) -> str:
    """The merged plan as text: ours' text with the change ours -> merged applied as a save applies
    it (only the changed lines; comments, blank lines and line endings elsewhere kept)."""
    if ours_text.startswith("\ufeff"):
        ours_text = ours_text[1:]
    if store.dumps(ours_plan) == ours_text:  # canonical: the patch would give exactly this, at a tenth of the cost
        return store.dumps(merged)
    return store.patch_text(ours_text, ours_plan, merged)


def resolve_file(path: str) -> MergedText:
    """Merge again from git's index stages (``:1:`` base, ``:2:`` ours, ``:3:`` theirs) and write
    the result over ``path``. GitError when no merge of the file is in progress; SideError."""
    from pathlib import Path

    from .repo import GitError, relative, show

    top, rel = relative(Path(path))
    base, ours, theirs = (show(top, f":{n}:{rel}") for n in (1, 2, 3))
    if ours is None or theirs is None:
        raise GitError(f"{path}: no merge in progress for this file (git has no :2: and :3: stages)")
    merged = merge_bytes(base, ours, theirs, path)
    with store.locked(path):  # the plan's writers' lock (the board may have the file open)
        store.write_atomic(path, merged.text.encode("utf-8"))
    return merged
