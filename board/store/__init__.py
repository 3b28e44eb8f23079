"""The TOML store: read and validate a plan file, write it canonically and atomically.

``load`` reports every problem of a file at once as ``FILE:LINE:COL: message``
lines (:class:`LoadError`); it never lets a traceback through for bad input.
``dumps`` gives the canonical text (saving an unchanged plan writes identical
bytes); ``save`` writes it atomically (temporary file, flush, fsync, rename).
``patch_text(old_text, old_plan, new_plan)`` applies a plan change to a file's
text, touching only the lines of what changed (comments, blank lines and CRLF
elsewhere stay); ``merge_text`` applies one side's change onto another text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import is_dataclass

from board.collector import collector_paused
from board.lazy import lazy_names
from board.model.errors import Issue
from board.model.plan import SCHEMA_VERSION
from board.model.rules import check_plan
from board.term import visible

from .errors import SaveError
from .files import MAX_PLAN_BYTES, NotAPlanFile, WriteRefused, read_regular, write_safely

# Imported here, before this package's function ``locate`` is defined: a first import of the
# submodule later (``text_checks`` imports it) would bind its name over the function.
from .locate import Locator
from .parser import tomllib
from .schema import Decoder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from board.model.plan import Plan

    from .diff import Conflict, Snapshot, snapshot
    from .lock import LockBusy, locked
    from .patch import merge_text, patch_text
    from .problems import Problem
    from .render import dumps

# What only writers, merges and the board need (and a plan's problems): imported when first asked
# for (PEP 562), so a command that only reads a good plan never imports the renderer, the patcher,
# the diff or the lock.
_WRITERS = {
    "Problem": "problems",
    "Conflict": "diff",
    "Snapshot": "diff",
    "snapshot": "diff",
    "LockBusy": "lock",
    "locked": "lock",
    "merge_text": "patch",
    "patch_text": "patch",
    "dumps": "render",
}


__getattr__, __dir__ = lazy_names(__name__, _WRITERS, globals())


def _need(*names: str) -> None:
    """Bring ``names`` (of the writers above) into this module, for the functions below that call them."""
    for name in names:
        if name not in globals():
            __getattr__(name)


__all__ = [
    "MAX_PLAN_BYTES",
    "Conflict",
    "LoadError",
    "LockBusy",
    "Problem",
    "SaveError",
    "Snapshot",
    "conflict_problems",
    "dumps",
    "load",
    "loads",
    "locate",
    "locked",
    "merge_text",
    "patch_text",
    "read_bytes",
    "save",
    "snapshot",
    "update",
    "write_atomic",
]


def _problem(line: int, column: int, message: str, file: str = "") -> Problem:
    """A :class:`~board.store.problems.Problem`: its module is imported with the first one (a good plan never needs it)."""
    from .problems import Problem

    return Problem(line, column, message, file)


class LoadError(Exception):
    """A plan file that cannot be used; ``problems`` holds one entry per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# Compiled by ``re`` when first used: only a file with a problem needs them.
_TOML_POSITION = r"\s*\(at line (\d+), column (\d+)\)\s*$"
_TOML_END = r"\s*\(at end of document\)\s*$"


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a plan file: a regular file of at most MAX_PLAN_BYTES (a FIFO is refused, never waited on)."""
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise LoadError([_problem(1, 1, "no such file", str(path))]) from None
    except NotAPlanFile as error:
        raise LoadError([_problem(1, 1, str(error), str(path))]) from None
    except OSError as error:
        raise LoadError([_problem(1, 1, f"cannot read: {error.strerror or error}", str(path))]) from None


def load(path: str | os.PathLike[str]) -> Plan:
    """Read, decode, parse and validate the plan at ``path``."""
    return loads(read_bytes(path), str(path))


def loads(data: bytes | str, filename: str = "<plan>") -> Plan:
    """Parse and validate plan text (bytes are decoded as UTF-8)."""
    with collector_paused():
        return _loads(data, filename)


def _loads(data: bytes | str, filename: str) -> Plan:
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            start = error.start
            line = data.count(b"\n", 0, start) + 1
            line_start = data.rfind(b"\n", 0, start) + 1
            # The column in characters, as an editor counts them (the line may hold good UTF-8 before the bad byte).
            column = len(data[line_start:start].decode("utf-8", "replace")) + 1
            message = f"not UTF-8: byte 0x{data[start]:02x} cannot be decoded (save the file as UTF-8)"
            raise LoadError([_problem(line, column, message, filename)]) from None
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        from .markers import conflict_marker_lines, markers_message

        markers = conflict_marker_lines(text)
        if markers:
            raise LoadError([_problem(markers[0], 1, markers_message(markers, filename), filename)]) from None
        raise LoadError([_syntax_problem(str(error), text, filename)]) from None
    except RecursionError:
        raise LoadError([_nesting_problem(text, filename)]) from None
    except ValueError:  # an integer longer than Python converts (over 4,300 digits)
        raise LoadError([_long_number_problem(text, filename)]) from None
    if not raw:
        what = "the file is empty" if not text.strip() else "the file holds only comments"
        raise LoadError([_problem(1, 1, f"{what}: a plan needs at least schema, title and weeks", filename)])
    return _validate(raw, text, filename)


MAX_NESTING = 100
_LONG_NUMBER = r"[0-9_]{1000,}"


def _long_number_problem(text: str, filename: str) -> Problem:
    match = re.search(_LONG_NUMBER, text)
    if match is None:
        return _problem(1, 1, "invalid TOML: a value this reader cannot hold", filename)
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return _problem(line, column, f"a number of {match.end() - match.start()} digits: far beyond any plan", filename)


def _nesting_problem(text: str, filename: str) -> Problem:
    """Where the text nests deeper than any plan does (arrays, inline tables or dotted keys)."""
    depth = 0
    line, column = 1, 1
    quote = ""
    at_line_start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            line += 1
            at_line_start = i + 1
            if quote in ('"', "'"):
                quote = ""
            continue
        if quote:
            if ch == quote and (quote != '"' or text[i - 1] != "\\"):
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                column = i - at_line_start + 1
                break
        elif ch in "]}":
            depth -= 1
        elif ch == "." and text.count(".", at_line_start, i) > MAX_NESTING:
            column = i - at_line_start + 1
            break
    else:
        line, column = 1, 1
    return _problem(line, column, f"nested deeper than a plan file may be (over {MAX_NESTING} levels)", filename)


_TOML_HINTS = {
    "Illegal character '\\n'": "the line ends inside a string (a closing quote is missing)",
    "Cannot overwrite a value": "a key is given a value twice",
}


def _syntax_problem(message: str, text: str, filename: str) -> Problem:
    match = re.search(_TOML_POSITION, message)
    if match:
        said = message[: match.start()]
        return _problem(
            int(match.group(1)), int(match.group(2)), "invalid TOML: " + _TOML_HINTS.get(said, said), filename
        )
    match = re.search(_TOML_END, message)
    if match:
        lines = text.splitlines() or [""]
        return _problem(
            len(lines),
            len(lines[-1]) + 1,
            "invalid TOML: " + message[: match.start()] + " at the end of the file",
            filename,
        )
    return _problem(1, 1, "invalid TOML: " + message, filename)


def _validate(raw: dict[str, Any], text: str, filename: str) -> Plan:
    locator: Locator | None = None

    def problems(issues: list[Issue]) -> list[Problem]:
        nonlocal locator
        locator = locator or Locator(text)
        found = []
        for issue in issues:
            line, column = locator.find(issue.path if issue.item is None else (*issue.path, issue.item))
            found.append(_problem(line, column, issue.message, filename))
        return sorted(found, key=lambda p: (p.line, p.column))

    schema = raw.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool):
        if schema > SCHEMA_VERSION:
            message = f"schema {schema} is newer than this rollout-board understands (schema {SCHEMA_VERSION}): upgrade rollout-board"
            raise LoadError(problems([Issue(("schema",), message)]))
        if schema < 1:
            raise LoadError(problems([Issue(("schema",), f"schema must be {SCHEMA_VERSION}, not {schema}")]))
    decoder = Decoder()
    plan = decoder.plan(raw)
    issues = list(decoder.issues)
    if plan is not None:
        # A status set of the wrong type leaves the default set in its place: an objective's
        # status is then unknown to the check, not to the file.
        statuses_known = "statuses" not in decoder.unusable
        gaps = not decoder.dropped_phase and "weeks" not in decoder.stand_ins
        for issue in check_plan(plan, decoder.dropped_ids, phase_gaps=gaps):
            if issue.path[:1] and issue.path[0] in decoder.stand_ins:
                continue  # already reported as missing or of the wrong type
            if "weeks" in decoder.stand_ins and "outside the plan" in issue.message:
                continue  # the plan's weeks are unknown
            if statuses_known or issue.path[:1] != ("objectives",) or issue.path[-1:] != ("status",):
                issues.append(Issue(decoder.source_path(issue.path), issue.message, issue.item))
    if issues:
        raise LoadError(problems(issues))
    assert plan is not None
    return plan


def locate(text: str, filename: str, issues: list[Issue]) -> list[Problem]:
    """``issues`` (found on a plan read from ``text``) as ``FILE:LINE:COL`` problems, in file order."""
    locator = Locator(text)
    found = [
        _problem(
            *locator.find(issue.path if issue.item is None else (*issue.path, issue.item)), issue.message, filename
        )
        for issue in issues
    ]
    return sorted(found, key=lambda p: (p.line, p.column))


def conflict_problems(plan: Plan, data: bytes | str, filename: str = "<plan>") -> list[Problem]:
    """One problem per entry of the plan's unresolved ``[[conflicts]]`` table, at its header."""
    if not plan.conflicts:
        return []
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    locator = Locator(text)
    found = []
    for index, conflict in enumerate(plan.conflicts):
        line, column = locator.find(("conflicts", index))
        what = f"{conflict.entity}, {conflict.field}" if conflict.field else conflict.entity
        message = f"unresolved merge conflict: {visible(what)} (ours {_shown(conflict.ours)}, theirs {_shown(conflict.theirs)}); resolve it on the board"
        found.append(_problem(line, column, message, filename))
    return found


def _shown(value: Any) -> str:
    if is_dataclass(value):  # a table of its own (a phase's gate), in words
        from board.model.diff import show_value

        return show_value(value)
    return "(none)" if value is None else visible(repr(value) if isinstance(value, str) else str(value))


# --- saving ---------------------------------------------------------------


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` safely: through a symlink to its target, keeping hard links, atomically.

    A file without write permission is refused. Raises SaveError (one line); the file is then unchanged.
    """
    try:
        write_safely(path, data)
    except WriteRefused as error:
        raise SaveError(str(error)) from None


def _decoded(data: bytes) -> str:
    return data.decode("utf-8")


def save(plan: Plan, path: str | os.PathLike[str]) -> bytes:
    """Write all of ``plan`` to ``path`` under the plan's lock; returns the bytes written. Raises SaveError.

    When ``path`` holds a valid plan, only what differs is rewritten (its
    comments and layout stay, as with :func:`update`); otherwise the file gets
    the canonical text.
    """
    _need("dumps", "locked", "snapshot")
    with locked(path):
        text = dumps(plan)
        if os.path.lexists(path):
            try:
                data = read_bytes(path)
                old = loads(data, str(path))
                text = _patched(data, snapshot(old), plan)
            except LoadError:
                pass
        encoded = text.encode("utf-8")
        write_atomic(path, encoded)
        return encoded


def _patched(data: bytes, before: Snapshot, plan: Plan) -> str:
    _need("patch_text")
    text = _decoded(data)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return bom + patch_text(text[len(bom) :], before, plan)


if TYPE_CHECKING:
    T = TypeVar("T")


def update(path: str | os.PathLike[str], change: Callable[[Plan], T], *, timeout: float | None = None) -> T:
    """Change the plan at ``path`` safely: the one way every writer saves.

    Takes the plan's lock (``PLAN.lock`` beside it; SaveError after ``timeout``
    seconds, default 5, with nothing changed), reads and validates the plan as
    it is on disk now, calls ``change(plan)``, and when the plan changed writes
    only the lines of what changed (atomically). Returns what ``change``
    returned. If ``change`` raises, nothing is written.
    """
    _need("locked", "snapshot")  # the patcher only once something changed
    with locked(path, timeout):
        data = read_bytes(path)
        plan = loads(data, str(path))
        before = snapshot(plan)
        result = change(plan)
        if snapshot(plan) != before:
            write_atomic(path, _patched(data, before, plan).encode("utf-8"))
        return result
