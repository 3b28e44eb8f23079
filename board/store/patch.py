"""Apply a plan change to a file's text, touching only the lines of what changed.

``patch_text(old_text, old_plan, new_plan)`` is the save that keeps hand edits:
comments, blank lines, line endings (LF or CRLF) and a non-canonical order stay
wherever nothing changed. Entries are keyed by ``id``; a changed key's line is
rewritten in canonical form (a one-line value keeps its trailing comment), a
missing key is inserted at its canonical place, an added entry is inserted as a
canonical table after its neighbour, a removed entry's lines go. A canonical
file comes out byte-identical to :func:`board.store.dumps` of the new plan.

``merge_text(text, text_plan, old_plan, new_plan)`` applies the change
old -> new to a text holding ``text_plan`` (another writer's version): the
fields both sides changed to different values come back as conflicts.

Every rewritten part is parsed again and checked against what it must hold; a
text the map cannot follow, or a check that fails, gives the canonical text of
the result instead (the plan is never wrong, only its layout is lost).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import board.store.textmap as textmap
from board.model import Plan
from board.model.numbers import canonical
from board.model.plan import canonical_level

from .diff import _MISSING, _TABLE_KIND, _TABLE_NAMES, Conflict, Snapshot, _key_changes, _table_change, same, snapshot
from .parser import tomllib
from .render import dump_table as _dump
from .render import dumps
from .render import fits_inline as _fits_inline
from .render import render_entry as _render_entry
from .schema import PLAN_KEYS, TABLES

__all__ = ["Conflict", "Snapshot", "merge_text", "patch_text", "snapshot"]

# --- rendering -------------------------------------------------------------


def _eol(text: str, eol: str) -> list[str]:
    lines = textmap.split_lines(text)
    return [line[:-1] + eol for line in lines] if eol != "\n" else lines


def _normal(keys: list[Any], table: dict[str, Any]) -> dict[str, Any]:
    """``table`` as the encoder writes it: empty optional values left out, numbers and levels in their
    canonical form (``78.0`` is 78, ``"medium"`` is "Medium", as the plan holds them), nested tables alike."""
    out: dict[str, Any] = {}
    known = {key.name: key for key in keys}
    for name, value in table.items():
        key = known.get(name)
        if key is None:
            out[name] = value
            continue
        if not key.written_always and (value is None or value == "" or value == [] or value is False):
            continue
        if key.kind in TABLES and isinstance(value, list):
            value = [_normal(TABLES[key.kind][1], item) if isinstance(item, dict) else item for item in value]
        elif key.kind in TABLES and isinstance(value, dict):
            value = _normal(TABLES[key.kind][1], value)
        elif key.kind == "number" and isinstance(value, float):
            value = canonical(value)
        elif key.kind == "level" and isinstance(value, str):
            value = canonical_level(value)
        out[name] = value
    return out


class _Mismatch(Exception):
    pass


def _check(text: str, name: str | None, expected: dict[str, Any]) -> None:
    try:
        parsed = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        raise _Mismatch(str(error)) from None
    if name is None:
        table, keys = parsed, PLAN_KEYS
    else:
        tables = parsed.get(name)
        if not isinstance(tables, list) or len(tables) != 1:
            raise _Mismatch(name)
        table, keys = tables[0], TABLES[_TABLE_KIND[name]][1]
    if not same(_normal(keys, table), expected):
        raise _Mismatch(name or "head")


# --- applying a change to a text -------------------------------------------


@dataclass
class _Piece:
    """An entry's lines and the blank lines after it."""

    body: list[str]
    gap: list[str] | None  # trailing blank lines; None: one blank line when something follows


def _split_gap(lines: list[str]) -> _Piece:
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return _Piece(lines[:end], lines[end:])


class _Patcher:
    def __init__(self, text: str, base: Snapshot, known: textmap.TextMap | None = None) -> None:
        self.map = known if known is not None else textmap.build(text, _TABLE_NAMES)
        self.lines = self.map.lines
        self.eol = textmap.line_ending(self.lines)
        self.base = base
        for name, segments in self.map.entries.items():
            if len(segments) != len(base.tables[name]):
                raise textmap.Unmappable(
                    f"{name}: {len(segments)} tables in the text, {len(base.tables[name])} entries"
                )

    def _keyed(
        self,
        segment: textmap.Segment,
        keys: list[Any],
        header: int,
        changes: dict[str, Any],
        current: dict[str, Any] | None = None,
    ) -> list[str] | None:
        """The segment's lines with ``changes`` made key by key; None when it must be rewritten whole.

        ``current``: what the segment holds now (needed to patch its sub-tables, such as a phase's gate).
        """
        textmap.scan(self.lines, segment)
        if segment.deep or (segment.nested and current is None):
            return None
        lines = self.lines[segment.start : segment.end]
        order = [key.name for key in keys]
        replace: dict[int, tuple[int, list[str]]] = {}
        inserts: dict[int, list[str]] = {}
        added: dict[int, list[str]] = {}  # new sub-tables: after any key inserted at the same line
        subs: dict[str, list[textmap.Segment]] = {}
        for sub in segment.subtables:
            subs.setdefault(sub.table or "", []).append(sub)
        for name, value in changes.items():
            key = next((key for key in keys if key.name == name), None)
            kind = key.kind if key is not None else ""
            single = key is not None and key.single
            table_like = single or (kind in TABLES and value is not _MISSING and not _fits_inline(value))
            if name in subs or table_like:
                if current is None or not self._subtable(
                    segment, lines, subs, order, name, kind, single, value, current, replace, added
                ):
                    return None
                continue
            if kind in TABLES and segment.nested and name not in segment.keys and value is not _MISSING:
                return None  # a list of tables that fits inline, new in an entry with sub-tables
            rendered = [] if value is _MISSING else _eol(_dump({name: value}), self.eol)
            span = segment.keys.get(name)
            if span is not None:
                first, end = span
                if rendered and end - first == 1 and len(rendered) == 1 and name in segment.comments:
                    ending = rendered[0][len(rendered[0].rstrip("\r\n")) :]
                    rendered = [rendered[0].rstrip("\r\n") + segment.comments[name] + ending]
                replace[first] = (end, rendered)
                continue
            if not rendered:
                continue
            at = header
            if name in order:
                for earlier in reversed(order[: order.index(name)]):
                    if earlier in segment.keys:
                        at = segment.keys[earlier][1]
                        break
            inserts.setdefault(at, []).extend(rendered)
        for at, rendered in added.items():
            inserts.setdefault(at, []).extend(rendered)
        out: list[str] = []
        i = 0
        while i <= len(lines):
            if i in inserts:
                if out and not out[-1].endswith("\n"):
                    out[-1] += self.eol
                out.extend(inserts[i])
            if i == len(lines):
                break
            if i in replace:
                end, rendered = replace[i]
                if rendered and end == len(lines) and not lines[end - 1].endswith("\n"):
                    rendered = [*rendered[:-1], rendered[-1].rstrip("\r\n")]
                out.extend(rendered)
                i = end
                continue
            out.append(lines[i])
            i += 1
        return out

    def _subtable(
        self,
        segment: textmap.Segment,
        lines: list[str],
        subs: dict[str, list[textmap.Segment]],
        order: list[str],
        name: str,
        kind: str,
        single: bool,
        value: Any,
        current: dict[str, Any],
        replace: dict[int, tuple[int, list[str]]],
        added: dict[int, list[str]],
    ) -> bool:
        """Plan the change of key ``name`` of an entry when it is (or becomes) a sub-table of its own:
        ``[entry.name]`` patched key by key, ``[[entry.name]]`` elements added after the last or rewritten
        where they are, a new one added after the entry's sub-tables; the rest of the entry keeps its lines. False: not followed."""
        base = segment.start
        present = subs.get(name, [])
        if name in segment.keys:
            return False  # a key in the entry's body turning into a sub-table: the entry is rewritten
        if value is not _MISSING and not single and _fits_inline(value):
            return False  # sub-tables turning into a key in the entry's body
        if present:
            if any(sub.array != (not single) for sub in present):
                return False
            first, last = present[0], present[-1]
            if segment.subtables.index(last) - segment.subtables.index(first) != len(present) - 1:
                return False  # the elements are not one after another
            end = last.start + len(_split_gap(lines[last.start - base : last.end - base]).body)
            if value is _MISSING:
                start = first.start - base
                while start > 0 and not lines[start - 1].strip():
                    start -= 1
                replace[start] = (end - base, [])
                return True
            if single and isinstance(current.get(name), dict):
                sub_keys = TABLES[kind][1]
                sub_changes, _ = _key_changes(current[name], value)
                patched = self._keyed(first, sub_keys, 1, sub_changes)
                if patched is None:
                    return False
                body = _split_gap(patched).body
                replace[first.start - base] = (end - base, body)
                return True
            held = current.get(name)
            if isinstance(held, list) and len(held) == len(present) < len(value) and same(value[: len(held)], held):
                # Tables added at the end of the list (a rehearsal logged): the ones there keep their lines.
                added.setdefault(end - base, []).extend(
                    [self.eol, *self._render_sub(segment, name, value[len(held) :], single)]
                )
                return True
            replace[first.start - base] = (end - base, self._render_sub(segment, name, value, single))
            return True
        if value is _MISSING:
            return True
        # A new sub-table: lists of tables before a single sub-table, in the canonical place when there is one.
        rendered = self._render_sub(segment, name, value, single)
        later = [sub for sub in segment.subtables if not sub.array] if not single else []
        if any(
            sub.array and sub.table in order and order.index(sub.table) > order.index(name) for sub in segment.subtables
        ):
            return False  # a list of tables that belongs before another
        if later:
            at = later[0].start - base
            while at > 0 and not lines[at - 1].strip():
                at -= 1
            added.setdefault(at, []).extend([self.eol, *rendered])
            return True
        at = len(_split_gap(lines).body)
        added.setdefault(at, []).extend([self.eol, *rendered])
        return True

    def _render_sub(self, segment: textmap.Segment, name: str, value: Any, single: bool) -> list[str]:
        full = f"{segment.table}.{name}"
        if single:
            return _eol(_render_entry(full, value, array=False), self.eol)
        return _eol("\n".join(f"[[{full}]]\n" + _dump(item) for item in value), self.eol)

    def head(self, changes: dict[str, Any], expected: dict[str, Any]) -> list[str]:
        segment = self.map.head
        if not changes:
            return self.lines[segment.start : segment.end]
        lines = self._keyed(segment, PLAN_KEYS, 0, changes)
        assert lines is not None  # the head has no nested tables
        _check("".join(lines), None, expected)
        return lines

    def entry(
        self,
        name: str,
        segment: textmap.Segment,
        changes: dict[str, Any],
        expected: dict[str, Any],
        current: dict[str, Any],
    ) -> list[str]:
        keys = TABLES[_TABLE_KIND[name]][1]
        lines = self._keyed(segment, keys, 1, changes, current)
        if lines is None:
            piece = _split_gap(self.lines[segment.start : segment.end])
            lines = _eol(_render_entry(name, expected), self.eol) + (piece.gap or [])
        _check("".join(_split_gap(lines).body), name, expected)
        return lines


def _apply(
    text: str, base: Snapshot, old: Snapshot, new: Snapshot, known: textmap.TextMap | None = None
) -> tuple[str, list[Conflict]]:
    """The change old -> new made to ``text`` (which holds ``base``; ``known``: its map, if at hand)."""
    result, conflicts, _ = _apply_mapped(text, base, old, new, known)
    return result, conflicts


def _apply_mapped(
    text: str, base: Snapshot, old: Snapshot, new: Snapshot, known: textmap.TextMap | None = None
) -> tuple[str, list[Conflict], textmap.TextMap | None]:
    """:func:`_apply`, and the map of the result when only keys of existing entries changed (else None).

    ``known`` is consumed: its segments are moved to describe the result.
    """
    patcher = _Patcher(text, base, known)
    structural = False
    rewritten: dict[int, list[str]] = {}
    conflicts: list[Conflict] = []
    head_changes, head_before = _key_changes(old.head, new.head)
    for name in list(head_changes):
        theirs = base.head.get(name, _MISSING)
        if not (theirs is head_before[name] or same(theirs, head_before[name])) and not (
            theirs is head_changes[name] or same(theirs, head_changes[name])
        ):
            conflicts.append(Conflict(None, "", name))
            del head_changes[name]
    head_expected = {**base.head}
    for name, value in head_changes.items():
        if value is _MISSING:
            head_expected.pop(name, None)
        else:
            head_expected[name] = value
    head_lines = patcher.head(head_changes, head_expected)

    # Each table: its segments in the text, the change to make, what each entry must hold after it.
    pieces_by_segment: dict[int, list[_Piece]] = {}
    leading: dict[str, list[_Piece]] = {}
    for name in _TABLE_KIND:
        change = _table_change(name, old, new)
        segments = patcher.map.entries[name]
        rows = base.tables[name]
        where = {ident: i for i, (ident, _) in enumerate(rows)}
        rendered: dict[Hashable, list[str]] = {}
        for ident, keys in change.changed.items():
            if ident not in where:
                conflicts.append(Conflict(name, str(ident[0]), "(removed on disk)"))  # type: ignore[index]
                continue
            i = where[ident]
            current = base.encoded(name, rows[i][1])
            before = change.old_values[ident]
            kept: dict[str, Any] = {}
            for key, value in keys.items():
                theirs = current.get(key, _MISSING)
                if theirs is before[key] or same(theirs, before[key]) or theirs is value or same(theirs, value):
                    kept[key] = value
                else:
                    conflicts.append(Conflict(name, str(ident[0]), key))  # type: ignore[index]
            expected = {**current}
            for key, value in kept.items():
                if value is _MISSING:
                    expected.pop(key, None)
                else:
                    expected[key] = value
            order = [key.name for key in TABLES[_TABLE_KIND[name]][1]]
            expected = {key: expected[key] for key in order if key in expected}
            if kept:
                rendered[ident] = patcher.entry(name, segments[i], kept, expected, current)
                rewritten[id(segments[i])] = rendered[ident]
        for ident in change.added:
            if ident in where:
                conflicts.append(Conflict(name, str(ident[0]), "(added on both sides)"))  # type: ignore[index]
        gone = change.removed | change.moved
        structural = structural or bool(gone or change.placed or change.added)
        last_segment = patcher.map.order[-1]

        def piece_of(
            ident: Hashable,
            segments: list[textmap.Segment] = segments,
            where: dict[Hashable, int] = where,
            rendered: dict[Hashable, list[str]] = rendered,
            last_segment: textmap.Segment = last_segment,
        ) -> _Piece:
            segment = segments[where[ident]]
            lines = rendered.get(ident)
            piece = _split_gap(lines if lines is not None else patcher.lines[segment.start : segment.end])
            if segment is last_segment:  # the file's end: its trailing blank lines are the file's
                piece.gap = None
            return piece

        # Entries placed anew (added or moved) follow the nearest entry before them that kept its place.
        after: dict[Hashable | None, list[_Piece]] = {}
        if change.placed:
            placed = {ident for ident, _ in change.placed}
            anchor: Hashable | None = None
            for ident, _ in new.tables[name]:
                if ident in where and ident not in gone:
                    anchor = ident
                elif ident in placed:
                    if ident in change.added:
                        if ident in where:
                            continue
                        piece = _Piece(_eol(_render_entry(name, change.added[ident]), patcher.eol), None)
                    elif ident in where:
                        piece = piece_of(ident)
                    else:
                        continue
                    after.setdefault(anchor, []).append(piece)
        leading[name] = after.get(None, [])
        special = set(rendered) | gone | {ident for ident in after if ident is not None}
        if segments and segments[-1] is last_segment:
            special.add(rows[-1][0])
        for ident in special:
            if ident in where:
                here = [] if ident in gone else [piece_of(ident), *after.get(ident, [])]
                pieces_by_segment[id(segments[where[ident]])] = here

    # Assemble: the head, then every segment in file order with what follows it (a span: its lines as they are).
    names = list(_TABLE_KIND)
    pieces: list[_Piece | tuple[int, int]] = [_split_gap(head_lines)]
    # The file's last part ends the file: its trailing blank lines are the file's, not a gap.
    if patcher.map.order[-1].table is None:
        head_piece = pieces[0]
        assert isinstance(head_piece, _Piece)
        head_piece.gap = None
    owners: list[str | None] = [None]
    first_at: dict[str, int] = {}
    for segment in patcher.map.order[1:]:
        table = segment.table
        assert table is not None
        first_at.setdefault(table, len(pieces))
        parts: list[_Piece | tuple[int, int]] = list(pieces_by_segment.get(id(segment), [(segment.start, segment.end)]))
        if parts and leading[table]:
            pieces.extend(leading[table])
            owners.extend([table] * len(leading[table]))
            leading[table] = []
        pieces.extend(parts)
        owners.extend([table] * len(parts))
    # Tables whose entries all went (or that had none): new entries where the table was, or after the tables before it.
    for name in names:
        if not leading[name]:
            continue
        if name in first_at:
            position = first_at[name]
        else:
            position = 1
            for index, owner in enumerate(owners):
                if owner is not None and names.index(owner) <= names.index(name):
                    position = index + 1
        pieces[position:position] = leading[name]
        owners[position:position] = [name] * len(leading[name])
        for other in first_at:
            if first_at[other] > position or (first_at[other] == position and other != name):
                first_at[other] += len(leading[name])
        leading[name] = []
    if pieces and isinstance(pieces[-1], tuple):
        start, end = pieces[-1]
        pieces[-1] = _split_gap(patcher.lines[start:end])
    last_gap = (_split_gap(patcher.lines).gap or []) if patcher.lines else []
    out: list[str] = []
    lines = patcher.lines
    for index, part in enumerate(pieces):
        if isinstance(part, tuple):  # an entry as it is, followed by more
            out.extend(lines[part[0] : part[1]])
            continue
        body = list(part.body)
        if not body:
            continue
        last = index == len(pieces) - 1
        if not body[-1].endswith("\n") and not last:
            body[-1] += patcher.eol
        out.extend(body)
        if last:
            out.extend(last_gap)
        else:
            out.extend(part.gap if part.gap is not None else [patcher.eol])
    result = "".join(out)
    if text and not text.endswith("\n"):
        result = result.rstrip("\r\n")
        structural = True
    if structural or conflicts or old is not base:
        return result, conflicts, None
    return result, conflicts, _moved_map(patcher.map, out, head_lines, rewritten)


def _moved_map(
    known: textmap.TextMap, lines: list[str], head_lines: list[str], rewritten: dict[int, list[str]]
) -> textmap.TextMap | None:
    """``known`` moved to describe ``lines``: the same entries, some rewritten (their keys found again later)."""
    head = known.head
    delta = len(head_lines) - (head.end - head.start)
    if delta or head_lines is not lines[: len(head_lines)]:
        head.keys, head.comments, head.scanned = {}, {}, False
    head.end = len(head_lines)
    for segment in known.order[1:]:
        size = segment.end - segment.start
        segment.start += delta
        new = rewritten.get(id(segment))
        if new is None:
            segment.end = segment.start + size
            for sub in segment.subtables:
                sub.start += delta
                sub.end += delta
            continue
        segment.end = segment.start + len(new)
        delta += len(new) - size
        segment.keys, segment.comments, segment.scanned = {}, {}, False
        segment.subtables, segment.deep = [], False
        segment.nested = any(line.lstrip()[:1] == "[" for line in new[1:])
    if known.order[-1].end != len(lines) or any(
        lines[segment.start][:2] != "[[" and lines[segment.start].lstrip()[:1] != "[" for segment in known.order[1:]
    ):
        return None
    return textmap.TextMap(lines, head, known.entries, known.order)


def patch_known(
    text: str, known: textmap.TextMap | None, old: Snapshot, new: Snapshot
) -> tuple[str, textmap.TextMap | None]:
    """:func:`patch_text` for a caller that keeps the text's map between saves (the board's session).

    ``known`` is the map of ``text`` (or None) and is used up; returns the new
    text and its map (None when the next call must build one). Raises
    ValueError when the layout cannot be followed.
    """
    try:
        result, _, moved = _apply_mapped(text, old, old, new, known)
    except _Mismatch as error:
        raise textmap.Unmappable(str(error)) from None
    return result, moved


def patch_text(old_text: str, old_plan: Plan | Snapshot, new_plan: Plan | Snapshot) -> str:
    """``old_text`` (which holds ``old_plan``) changed to hold ``new_plan``, touching only what changed.

    Comments, blank lines, CRLF and the order of everything unchanged stay; the
    changed keys and entries are written canonically. A canonical ``old_text``
    gives exactly ``dumps(new_plan)``. Plans may be given as snapshots
    (:func:`snapshot`, taken before an edit in place).
    """
    old = old_plan if isinstance(old_plan, Snapshot) else snapshot(old_plan)
    new = new_plan if isinstance(new_plan, Snapshot) else snapshot(new_plan)
    try:
        text, _ = _apply(old_text, old, old, new)
        return text
    except (textmap.Unmappable, _Mismatch):
        return _canonical(new_plan)


def merge_text(
    text: str, text_plan: Plan | Snapshot, old_plan: Plan | Snapshot, new_plan: Plan | Snapshot
) -> tuple[str, list[Conflict]]:
    """The change ``old_plan`` -> ``new_plan`` made to ``text`` (which holds ``text_plan``).

    A field that ``text`` changed too, to another value, keeps the text's value
    and is returned as a :class:`Conflict`; so is an entry changed on one side and
    removed on the other. Raises ValueError when the text's layout cannot be followed.
    """
    base = text_plan if isinstance(text_plan, Snapshot) else snapshot(text_plan)
    old = old_plan if isinstance(old_plan, Snapshot) else snapshot(old_plan)
    new = new_plan if isinstance(new_plan, Snapshot) else snapshot(new_plan)
    try:
        return _apply(text, base, old, new)
    except (textmap.Unmappable, _Mismatch) as error:
        raise ValueError(f"cannot follow the file's layout: {error}") from None


def _canonical(plan: Plan | Snapshot) -> str:
    if isinstance(plan, Plan):
        return dumps(plan)
    raise textmap.Unmappable("a snapshot cannot be written canonically")
