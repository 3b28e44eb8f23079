"""One writer at a time: an exclusive ``flock`` on ``PLAN.lock`` beside the plan.

Every writer takes the lock, re-reads the plan under it, applies its change to
what is on disk now, writes, and releases. The lock file is created when
missing and never deleted (deleting it would let two writers hold locks on two
different files); the OS drops a lock when its process dies, so a stale lock
cannot block anyone. A writer that cannot get the lock within
:data:`LOCK_TIMEOUT` seconds gives up with :class:`LockBusy` and changes
nothing. POSIX only (Windows is not a target).
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import SaveError
from .files import resolve

LOCK_TIMEOUT = 5.0
_POLL = 0.01

__all__ = ["LOCK_TIMEOUT", "LockBusy", "LockFailed", "lock_path", "locked"]


class LockFailed(SaveError):
    """The lock file could not be opened (a read-only folder, say); one line."""


class LockBusy(LockFailed):
    """Another writer held the lock for longer than the timeout; nothing was changed."""


_held: dict[Path, int] = {}
_guard = threading.RLock()


def lock_path(plan: str | os.PathLike[str]) -> Path:
    """``PLAN.lock`` beside the file a save writes (a symlinked plan: beside its target)."""
    target = resolve(plan)
    return target.with_name(target.name + ".lock")


def _timeout() -> float:
    value = os.environ.get("ROLLOUT_BOARD_LOCK_TIMEOUT")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
    return LOCK_TIMEOUT


@contextmanager
def locked(plan: str | os.PathLike[str], timeout: float | None = None) -> Iterator[Path]:
    """Hold the plan's lock for the ``with`` block (re-entrant within a process); yields the lock file's path."""
    path = lock_path(plan)
    with _guard:
        if path in _held:
            _held[path] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield path
        finally:
            with _guard:
                _held[path] -= 1
        return
    limit = _timeout() if timeout is None else timeout
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise LockFailed(f"could not save {plan}: {error.strerror or error}") from None
    try:
        deadline = time.monotonic() + limit
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise LockFailed(f"could not lock {plan}: {error.strerror or error}") from None
                if time.monotonic() >= deadline:
                    raise LockBusy(
                        f"{plan} is being saved by another process ({path.name} held over {limit:g} s): nothing changed, try again"
                    ) from None
                time.sleep(_POLL)
        with _guard:
            _held[path] = 1
        try:
            yield path
        finally:
            with _guard:
                del _held[path]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
