"""An open plan file: the plan, its editor, and what is on disk.

The board keeps one :class:`PlanSession`. It saves every change at once, and
before each save (and about once a second) it compares the file on disk with
what it last read or wrote, so a ``git pull`` or another editor is never
silently overwritten. No Textual here: the CLI and the tests use it as is.

What only editing and saving need (the editor, the snapshot of the plan as its
bytes hold it, the record of what changed, and their modules) is made when first
asked for: the board asks after its first frame (:meth:`PlanSession.ready_to_edit`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from board import store
from board.collector import collector_paused, freeze_more

if TYPE_CHECKING:
    from board.model.editor import Editor
    from board.model.plan import Plan
    from board.store.diff import Snapshot
    from board.store.kept import Touched
    from board.store.textmap import TextMap


@dataclass(frozen=True)
class Fingerprint:
    """The file as last read or written: its stat (taken then) and its bytes, whose digest is worked out
    only when a file with another stat has to be compared with them (not before the first frame)."""

    mtime_ns: int
    size: int
    data: bytes = field(repr=False, compare=False)

    @cached_property
    def digest(self) -> str:
        return sha256(self.data)


def sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def fingerprint_of(data: bytes, path: Path) -> Fingerprint:
    info = os.stat(path)
    return Fingerprint(info.st_mtime_ns, info.st_size, data)


@dataclass(frozen=True)
class DiskState:
    """What :meth:`PlanSession.check_disk` found."""

    kind: str  # "same" | "changed" | "invalid" | "missing" | "merged"
    plan: Plan | None = None
    problems: tuple[str, ...] = ()
    data: bytes = b""


class PlanSession:
    def __init__(
        self,
        path: Path,
        today: Callable[[], date] = date.today,
        *,
        read_only: bool = False,
        loaded: tuple[bytes, Plan] | None = None,
    ) -> None:
        """Open the plan at ``path``; ``loaded`` is its bytes and the plan already read from them
        (discovery validated it), so a large plan is not read and checked a second time."""
        self.path = Path(path)
        self.today = today
        self.read_only = read_only
        if loaded is None:
            data = store.read_bytes(self.path)
            self.plan: Plan = store.loads(data, str(self.path))
        else:
            data, self.plan = loaded
        self._editor: Editor | None = None
        self._touched_steps: Touched | None = None
        self._known = fingerprint_of(data, self.path)
        self._data = data
        """The file's bytes as last read or written: a save patches them."""
        self._base_snapshot: Snapshot | None = None
        """The plan those bytes hold (None: not taken yet; the plan is unchanged since they were read)."""
        self._map: TextMap | None = None
        """The map of those bytes' text, kept from one save to the next (None: the next save builds it)."""
        self.unsaved = False
        self.disk_problems: tuple[str, ...] = ()

    # --- editing (made on first use) ----------------------------------------
    @property
    def editor(self) -> Editor:
        """The editor of the session's plan, whose changes the next save replays (:mod:`board.store.kept`)."""
        return self.ready_to_edit()

    def ready_to_edit(self) -> Editor:
        """Make the editor (once per plan), after the snapshot of the plan as its bytes hold it, which
        every change is measured against (0.1 s at 50,000 objectives: the board makes both after its
        first frame)."""
        if self._editor is None:
            from board.model.editor import Editor
            from board.store.kept import Touched

            self._base  # noqa: B018 - taken before the editor can change the plan
            self._touched_steps = Touched(self.plan)
            editor = Editor(self.plan, today=self.today, read_only=self.read_only)
            editor.history.observers.append(self._touched_steps.record)
            self._editor = editor
            freeze_more()  # long-lived, like the plan: out of the collector's passes where the plan is
        return self._editor

    @property
    def _base(self) -> Snapshot:
        """The plan the file's bytes (as last read or written) hold."""
        if self._base_snapshot is None:
            self._base_snapshot = store.snapshot(self.plan)
        return self._base_snapshot

    @_base.setter
    def _base(self, snapshot: Snapshot) -> None:
        self._base_snapshot = snapshot

    @property
    def _touched(self) -> Touched:
        """What the changes since the last save touched (see :class:`board.store.kept.Touched`)."""
        self.ready_to_edit()
        assert self._touched_steps is not None
        return self._touched_steps

    def _new_plan(self, plan: Plan) -> None:
        """Hold ``plan`` (read from the file's bytes): a new editor and snapshot when next asked for."""
        self.plan = plan
        self._editor = None
        self._touched_steps = None
        self._base_snapshot = None

    def text_map(self) -> tuple[bytes, TextMap | None]:
        """The map of the file's text as last read or written, built now (a worker may call it: it changes
        nothing of the session), with those bytes; give both to :meth:`keep_map`."""
        data = self._data
        if data.startswith(b"\xef\xbb\xbf"):
            return data, None
        from board.store.kept import map_of

        with collector_paused():
            return data, map_of(data.decode("utf-8"))

    def keep_map(self, data: bytes, known: TextMap | None) -> None:
        """Keep a map from :meth:`text_map` for the next save, unless the text changed since it was built."""
        if known is not None and self._map is None and self._data is data:
            self._map = known
            freeze_more()  # long-lived, like the plan: out of the collector's passes where the plan is

    # --- disk ------------------------------------------------------------
    def check_disk(self) -> DiskState:
        """Compare the file with what was last read or written (cheap when the mtime is unchanged)."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return DiskState("missing")
        except OSError as error:
            return DiskState("invalid", problems=(f"{self.path}: cannot read: {error.strerror or error}",))
        known = self._known
        if info.st_mtime_ns == known.mtime_ns and info.st_size == known.size:
            return DiskState("same")
        try:
            data = store.read_bytes(self.path)
        except store.LoadError as error:
            if not self.path.exists():
                return DiskState("missing")
            return DiskState("invalid", problems=tuple(str(p) for p in error.problems))
        if sha256(data) == known.digest:
            self._known = Fingerprint(info.st_mtime_ns, info.st_size, known.data)
            return DiskState("same")
        try:
            plan = store.loads(data, str(self.path))
        except store.LoadError as error:
            return DiskState("invalid", problems=tuple(str(p) for p in error.problems), data=data)
        return DiskState("changed", plan=plan, data=data)

    def take(self, state: DiskState) -> None:
        """Adopt the plan found on disk (take-theirs, or a reload with nothing unsaved here)."""
        assert state.plan is not None
        self._new_plan(state.plan)
        self._known = fingerprint_of(state.data, self.path)
        self._data = state.data
        self._map = None
        self.unsaved = False
        self.disk_problems = ()

    def save(self, force: bool = False) -> DiskState | None:
        """Write the plan's change to the file, under the plan's lock.

        Only the lines of what changed are rewritten (comments and layout stay).
        When the file changed on disk since we last saw it (a ``move`` from a
        script, a ``git pull``), this board's change is applied to the file as it
        is now: the result is saved and returned as a "merged" DiskState, whose
        plan the session has taken. When both changed the same field
        differently, or the file is invalid or gone, nothing is written and that
        DiskState is returned (``unsaved`` stays set); ``force`` then writes this
        board's plan over it (keep-mine; a deleted file is written again).
        Raises store.SaveError on a failed write (read-only file, full disk, a
        lock held too long), leaving ``unsaved`` set.
        """
        self.unsaved = True
        with store.locked(self.path):
            return self._save_locked(force)

    def _save_locked(self, force: bool) -> DiskState | None:
        state = self.check_disk()
        if state.kind in ("invalid", "missing") and not force:
            self.disk_problems = state.problems
            return state
        merged: Plan | None = None
        from board.store.kept import map_of, patch_touched

        known, self._map = self._map, None  # used up by the patch below, whatever happens
        kept = None
        if state.kind == "same" and not self._data.startswith(b"\xef\xbb\xbf"):
            # What changed since the last save, from the editor's steps: a save that costs the change.
            known = known or map_of(self._data.decode("utf-8"))
            kept = patch_touched(known, self._base, self._touched) if known is not None else None
        next_map: TextMap | None = None
        mine = kept[2] if kept is not None else store.snapshot(self.plan)
        if kept is not None:
            text, next_map = kept[0], kept[1]
        elif state.kind == "changed" and state.plan is not None:
            theirs = state.data.decode("utf-8")
            if force:
                text = self._patch(theirs, store.snapshot(state.plan), mine, self.plan)
            else:
                bom = "\ufeff" if theirs.startswith("\ufeff") else ""
                try:
                    text, conflicts = store.merge_text(theirs[len(bom) :], state.plan, self._base, mine)
                    text = bom + text
                    merged = store.loads(text, str(self.path))
                except (ValueError, store.LoadError):
                    conflicts = [store.Conflict(None, "", "(the change cannot be applied to the file)")]
                if conflicts:
                    self.disk_problems = state.problems
                    return state
        elif state.kind in ("invalid", "missing"):
            text = store.dumps(self.plan)
        else:
            text, next_map = self._patch_known(self._data.decode("utf-8"), known, mine)
        data = text.encode("utf-8")
        store.write_atomic(self.path, data)
        self._data = data
        self._map = next_map
        self._known = fingerprint_of(data, self.path)
        self.unsaved = False
        self.disk_problems = ()
        if merged is not None:
            self._new_plan(merged)
            return DiskState("merged", plan=merged, data=data)
        self._base = mine
        if self._touched_steps is not None:
            self._touched_steps.clear()
        return None

    def _patch_known(self, text: str, known: TextMap | None, mine: Snapshot) -> tuple[str, TextMap | None]:
        """Our last text patched to ``mine``, and the map of the result (kept for the next save)."""
        from board.store.patch import patch_known

        bom = "\ufeff" if text.startswith("\ufeff") else ""
        try:
            patched, next_map = patch_known(text[len(bom) :], known, self._base, mine)
        except ValueError:
            return store.dumps(self.plan), None
        return bom + patched, next_map

    @staticmethod
    def _patch(text: str, base: Snapshot, mine: Snapshot, plan: Plan) -> str:
        """``text`` patched from ``base`` to ``mine``; the canonical text of ``plan`` when its layout is not followed."""
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        try:
            return bom + store.patch_text(text[len(bom) :], base, mine)
        except ValueError:
            return store.dumps(plan)
