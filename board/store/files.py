"""Reading and writing plan files safely: regular files only, bounded, saved through links, atomic.

- Reading refuses anything that is not a regular file (a FIFO is never waited
  on, a device never read) and anything over :data:`MAX_PLAN_BYTES`.
- Writing goes to the file a symlink points to (the link stays a link), keeps
  hard links (a file with more than one link is rewritten in place, after the
  new text is safely on disk beside it), refuses a file without write
  permission, and otherwise replaces the file atomically (temporary file in
  the same folder, flush, fsync, rename). Temporary files of this file left by
  a killed save (``.NAME.*.tmp``, older than a minute) are removed.
"""

from __future__ import annotations

import os
import stat
import time
from contextlib import suppress

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

MAX_PLAN_BYTES = 50 * 1024 * 1024
STALE_SECONDS = 60.0

__all__ = ["MAX_PLAN_BYTES", "NotAPlanFile", "WriteRefused", "read_regular", "resolve", "write_safely"]


class NotAPlanFile(Exception):
    """A path that is no regular file of a plan's size; the message is one line."""


class WriteRefused(Exception):
    """A file that cannot or must not be written; nothing was changed. The message is one line."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def read_regular(path: str | os.PathLike[str], limit: int = MAX_PLAN_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; NotAPlanFile for anything else or anything too big.

    Opened without blocking, so a FIFO is refused at once instead of waited on.
    OSError (missing, unreadable) passes through.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAPlanFile(f"is {_kind(info.st_mode)}, not a plan file")
        if info.st_size > limit:
            raise NotAPlanFile(f"is {_mb(info.st_size)}: over the {_mb(limit)} a plan file may hold")
        os.set_blocking(fd, True)
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while being read
                raise NotAPlanFile(f"is over the {_mb(limit)} a plan file may hold")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def resolve(path: str | os.PathLike[str]) -> Path:
    """The file a save writes: ``path`` with its symlinks followed (a dangling link: where it points)."""
    from pathlib import Path  # only writers need it: reading a plan never imports pathlib

    return Path(os.path.realpath(path))


def _writable(target: str, info: os.stat_result) -> bool:
    if not os.access(target, os.W_OK):
        return False
    # root may write anything: the file's own mode still says whether it is meant to be written
    return bool(info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def clean_stale(target: str | os.PathLike[str], older_than: float = STALE_SECONDS) -> list[str]:
    """Remove ``.NAME.*.tmp`` files of ``target`` left by a killed save (older than ``older_than`` seconds)."""
    removed: list[str] = []
    now = time.time()
    folder, name = os.path.split(os.fspath(target))
    # ".NAME." + anything + ".tmp", matched by hand: a glob compiles its pattern (fnmatch, re) at every save.
    prefix, suffix = f".{name}.", ".tmp"
    try:
        with os.scandir(folder or ".") as entries:
            candidates = [
                os.path.join(folder, entry.name)
                for entry in entries
                if entry.name.startswith(prefix)
                and entry.name.endswith(suffix)
                and len(entry.name) >= len(prefix) + len(suffix)
            ]
    except OSError:
        return removed
    for candidate in candidates:
        with suppress(OSError):
            info = os.lstat(candidate)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > older_than:
                os.unlink(candidate)
                removed.append(candidate)
    return removed


def write_safely(path: str | os.PathLike[str], data: bytes, *, default_mode: int = 0o644) -> str:
    """Write ``data`` to ``path`` (through symlinks, keeping hard links, atomically); returns the file written.
    Paths as text (``os.path``): a command that writes a file does not import pathlib for it.

    Raises WriteRefused (one line) when the file has no write permission, is not
    a regular file, or the write fails; the file is then unchanged.
    """
    target = os.path.realpath(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteRefused(f"could not save {path}: {error.strerror or error}") from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(f"could not save {path}: it is {_kind(info.st_mode)}")
        if not _writable(target, info):
            raise WriteRefused(f"could not save {path}: the file is read-only (no write permission)")
    clean_stale(target)
    if info is not None and info.st_nlink > 1:
        _write_in_place(target, data, path)
        return target
    mode = stat.S_IMODE(info.st_mode) if info is not None else default_mode
    tmp = ""
    try:
        tmp = _synced_copy(target, data, ".tmp")
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = ""
        _sync_folder(os.path.dirname(target))
    except OSError as error:
        raise WriteRefused(f"could not save {path}: {error.strerror or error}") from None
    finally:
        if tmp:
            with suppress(OSError):
                os.unlink(tmp)
    return target


def _write_in_place(target: str, data: bytes, shown: str | os.PathLike[str]) -> None:
    """Rewrite a hard-linked file in place (a rename would split it from its other links).

    The new text is first written and synced beside it (``.NAME.*.saving``); the
    file is then overwritten, truncated and synced, and the copy removed. A crash
    in between leaves the whole new text in that copy. A failed write puts the
    old bytes back.
    """
    copy = ""
    try:
        copy = _synced_copy(target, data, ".saving")
        with open(target, "r+b") as handle:
            old = handle.read()
            try:
                handle.seek(0)
                handle.write(data)
                handle.truncate()
                handle.flush()
                os.fsync(handle.fileno())
            except OSError:
                handle.seek(0)
                handle.write(old)
                handle.truncate()
                handle.flush()
                raise
        os.unlink(copy)
        copy = ""
    except OSError as error:
        raise WriteRefused(f"could not save {shown}: {error.strerror or error}") from None
    finally:
        if copy:
            with suppress(OSError):
                os.unlink(copy)


def _synced_copy(target: str, data: bytes, suffix: str) -> str:
    """``data`` written and synced to a new file beside ``target`` (``.NAME.*SUFFIX``): its path.

    A failed write removes the file before the error goes on."""
    fd, name = _new_file_beside(target, suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        with suppress(OSError):
            os.unlink(name)
        raise
    return name


_NEW_FILE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _new_file_beside(target: str | os.PathLike[str], suffix: str) -> tuple[int, str]:
    """A file made new beside ``target`` (``.NAME.<random>SUFFIX``, mode 0600, never an existing one),
    open for writing: (its descriptor, its path). What ``tempfile.mkstemp`` does, without importing
    tempfile (and with it shutil, random, bz2 and lzma) into every command that saves."""
    folder, base = os.path.split(os.fspath(target))
    for _ in range(100):
        name = os.path.join(folder, f".{base}.{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, _NEW_FILE, 0o600), name
        except FileExistsError:  # another writer's (48 random bits: all but impossible)
            continue
    raise FileExistsError(f"no free name for a new file beside {target}")


def _sync_folder(folder: str) -> None:
    """fsync the folder so the rename itself survives a power cut (best effort)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
