"""A save that costs what changed: the edits since the last save replayed onto the last saved text.

The board's session saves after every key. Taking a snapshot of the whole plan
and comparing it entry by entry costs the plan's size (0.1-0.2 s a save at
50,000 objectives), while the editor's history already says what changed.
:class:`Touched` records the steps of every change done, undone or redone since
the last save; :func:`patch_touched` rewrites only the tables of the objectives
those steps edited, moves the table of an objective that moved, and moves the
text's map and the snapshot along. It gives None when it cannot follow the
change (anything but objectives edited or moved: an objective added, removed
or renamed, a phase or metric changed; a file edge it does not handle): the
caller then takes the general path (a fresh snapshot and ``patch_known``).

What it writes is what the general path writes: each rewritten table is parsed
again and checked against its objective (``_Patcher.entry``), and the tests
compare the two paths after random edits.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from board.model import Objective, Plan
from board.model.history import Change

from . import textmap
from .diff import _TABLE_NAMES, Snapshot, _key_changes, objective_state
from .patch import _Mismatch, _Patcher
from .schema import TABLES

__all__ = ["Touched", "map_of", "patch_touched"]

_ORDER = [key.name for key in TABLES["objective"][1]]


class Touched:
    """What the changes to a plan since its last save touched, from their steps (see :class:`History`)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.edited: dict[int, Objective] = {}
        """Objectives whose fields a step set, by ``id()``."""
        self.moves: list[tuple[str, int, Objective]] = []
        """("insert" | "remove", index, objective) on the plan's list of objectives, in the order they happened."""
        self.other = False
        """True when a step touched anything else (the plan's own keys, a phase, a metric, a checklist...)."""

    def record(self, change: Change, forward: bool) -> None:
        """A change done (or redone: ``forward``) or undone."""
        objectives = self.plan.objectives
        for step in change.steps if forward else reversed(change.steps):
            if step.kind == "set":
                if isinstance(step.target, Objective):
                    self.edited[id(step.target)] = step.target
                else:
                    self.other = True
            elif step.target is objectives:
                inserts = (step.kind == "insert") == forward
                self.moves.append(
                    ("insert" if inserts else "remove", step.key, step.new if step.kind == "insert" else step.old)
                )
            else:
                self.other = True

    def clear(self) -> None:
        self.edited.clear()
        self.moves.clear()
        self.other = False


def map_of(text: str) -> textmap.TextMap | None:
    """The map of a plan file's text (without its BOM), or None when its layout is not one the map follows."""
    try:
        return textmap.build(text, _TABLE_NAMES)
    except textmap.Unmappable:
        return None


def patch_touched(
    known: textmap.TextMap, base: Snapshot, touched: Touched
) -> tuple[str, textmap.TextMap, Snapshot] | None:
    """The text of ``known`` (which holds ``base``) changed as ``touched`` says, its map and snapshot; or None.

    ``known`` is left as it was when None is returned, and is moved to describe the result otherwise.
    """
    if touched.other:
        return None
    plan = touched.plan
    rows: list[tuple[Hashable, Any]] = list(base.tables["objectives"])
    segments = list(known.entries.get("objectives", []))
    if len(segments) != len(rows) or not segments:
        return None
    # The moves, replayed on the rows and the segments: only objectives taken out and put back (an added or
    # removed one is the general path's).
    out: dict[int, tuple[tuple[Hashable, Any], textmap.Segment]] = {}
    moved: dict[int, Objective] = {}
    for kind, index, obj in touched.moves:
        if kind == "remove":
            if not 0 <= index < len(rows):
                return None
            out[id(obj)] = (rows.pop(index), segments.pop(index))
        else:
            held = out.pop(id(obj), None)
            if held is None or not 0 <= index <= len(rows):
                return None
            rows.insert(index, held[0])
            segments.insert(index, held[1])
            moved[id(obj)] = obj
    objectives = plan.objectives
    if out or len(rows) != len(objectives):
        return None
    # Where each touched objective is now, and what its table must say.
    last = known.order[-1]
    lines = known.lines
    if not lines or not lines[-1].endswith("\n"):
        return None
    patcher = _Patcher("", base, known)
    rewritten: dict[int, tuple[int, list[str]]] = {}
    """id() of a segment -> its position among the objectives and its new lines."""
    for key, obj in {**touched.edited, **moved}.items():
        at = plan.position(obj.id)
        if at is None or objectives[at] is not obj:
            return None
        ident, old_state = rows[at]
        if ident != (obj.id, 0):
            return None  # renamed (or a position the replay did not follow)
        segment = segments[at]
        if key in moved and (segment is last or (at > 0 and segments[at - 1] is last)):
            return None  # the file's end: its trailing blank lines are the general path's to place
        state = objective_state(obj)
        if state == old_state:
            continue
        rows[at] = (ident, state)
        current = base.encoded("objectives", old_state)
        changes, _ = _key_changes(current, base.encoded("objectives", state))
        if not changes:
            continue
        expected = base.encoded("objectives", state)
        expected = {name: expected[name] for name in _ORDER if name in expected}
        try:
            rewritten[id(segment)] = (at, patcher.entry("objectives", segment, changes, expected, current))
        except (_Mismatch, textmap.Unmappable):  # a check that fails, a layout it refuses: the general path
            return None
    # The text: the lines from the first to the last objective that moved or changed, laid out again.
    entries = known.entries["objectives"]
    order = known.order
    first = order.index(entries[0])
    if order[first : first + len(entries)] != entries:
        return None  # objectives between other tables: the general path places them
    reach = [index for _, index, _ in touched.moves] + [where for where, _ in rewritten.values()]
    if reach:
        lo, hi = max(0, min(reach)), min(len(entries), max(reach) + 1)
        if {id(segment) for segment in entries[lo:hi]} != {id(segment) for segment in segments[lo:hi]}:
            return None  # moves that carried an entry out of the span they touched: the general path
        start, end = entries[lo].start, entries[hi - 1].end
        region: list[str] = []
        for segment in segments[lo:hi]:
            new = rewritten.get(id(segment), (0, None))[1]
            body = new if new is not None else lines[segment.start : segment.end]
            shift = start + len(region) - segment.start
            segment.start, segment.end = start + len(region), start + len(region) + len(body)
            if new is not None:
                _rescan(segment, new)
            elif shift:
                _shift_subtables(segment, shift)
            region.extend(body)
        lines[start:end] = region
        delta = len(region) - (end - start)
        if delta:
            for segment in order[first + hi :]:
                segment.start += delta
                segment.end += delta
                _shift_subtables(segment, delta)
        entries[:] = segments
        order[first : first + len(entries)] = segments
    snapshot = Snapshot(base.head, {**base.tables, "objectives": rows})
    return "".join(lines), known, snapshot


def _shift_subtables(segment: textmap.Segment, by: int) -> None:
    for sub in segment.subtables:
        sub.start += by
        sub.end += by


def _rescan(segment: textmap.Segment, new: list[str]) -> None:
    """A rewritten table's keys are found again when a save needs them."""
    segment.keys, segment.comments, segment.scanned = {}, {}, False
    segment.subtables, segment.deep = [], False
    segment.nested = any(line.lstrip()[:1] == "[" for line in new[1:])
