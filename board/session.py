"""An open plan file: the plan, its editor, and what is on disk.

The board keeps one :class:`PlanSession`. It saves every change at once, and
before each save (and about once a second) it compares the file on disk with
what it last read or wrote, so a ``git pull`` or another editor is never
silently overwritten. No Textual here: the CLI and the tests use it as is.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from board import store
from board.model import Editor, Plan


@dataclass(frozen=True)
class Fingerprint:
    mtime_ns: int
    size: int
    digest: str


def fingerprint_of(data: bytes, path: Path) -> Fingerprint:
    info = os.stat(path)
    return Fingerprint(info.st_mtime_ns, info.st_size, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class DiskState:
    """What :meth:`PlanSession.check_disk` found."""

    kind: str  # "same" | "changed" | "invalid" | "missing"
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
        self.editor = Editor(self.plan, today=today, read_only=read_only)
        self._known = fingerprint_of(data, self.path)
        self.unsaved = False
        self.last_error: str | None = None
        self.disk_problems: tuple[str, ...] = ()

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
            data = self.path.read_bytes()
        except OSError as error:
            return DiskState("invalid", problems=(f"{self.path}: cannot read: {error.strerror or error}",))
        if hashlib.sha256(data).hexdigest() == known.digest:
            self._known = Fingerprint(info.st_mtime_ns, info.st_size, known.digest)
            return DiskState("same")
        try:
            plan = store.loads(data, str(self.path))
        except store.LoadError as error:
            return DiskState("invalid", problems=tuple(str(p) for p in error.problems), data=data)
        return DiskState("changed", plan=plan, data=data)

    def take(self, state: DiskState) -> None:
        """Adopt the plan found on disk (take-theirs, or a reload with nothing unsaved here)."""
        assert state.plan is not None
        self.plan = state.plan
        self.editor = Editor(self.plan, today=self.today, read_only=self.read_only)
        self._known = fingerprint_of(state.data, self.path)
        self.unsaved = False
        self.disk_problems = ()

    def save(self, force: bool = False) -> DiskState | None:
        """Write the plan unless the file changed on disk since we last saw it.

        Returns None when saved; otherwise the DiskState that stopped the save
        (the change stays in memory and ``unsaved`` is set). ``force`` writes
        over an outside change (keep-mine). Raises store.SaveError on a failed
        write (read-only file, full disk), leaving ``unsaved`` set.
        """
        self.unsaved = True
        if not force:
            state = self.check_disk()
            if state.kind in ("changed", "invalid"):
                self.disk_problems = state.problems
                return state
        data = store.dumps(self.plan).encode("utf-8")
        try:
            store.write_atomic(self.path, data)
        except store.SaveError as error:
            self.last_error = str(error)
            raise
        self._known = fingerprint_of(data, self.path)
        self.unsaved = False
        self.last_error = None
        self.disk_problems = ()
        return None
