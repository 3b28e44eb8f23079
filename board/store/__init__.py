"""The TOML store: read and validate a plan file, write it canonically and atomically.

``load`` reports every problem of a file at once as ``FILE:LINE:COL: message``
lines (:class:`LoadError`); it never lets a traceback through for bad input.
``dumps`` gives the canonical text (saving an unchanged plan writes identical
bytes); ``save`` writes it atomically (temporary file, flush, fsync, rename).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

import tomli_w

try:  # the compiled tomli parses about 3x faster than the standard library's tomllib (same API)
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a dependency; tomllib is the same parser in pure Python
    import tomllib  # type: ignore[no-redef]

from board.collector import collector_paused
from board.model import SCHEMA_VERSION, Issue, Objective, Plan, check_plan
from board.term import visible

from .locate import Locator
from .schema import PLAN_TABLES, Decoder, encode_head, encode_table

__all__ = ["LoadError", "Problem", "SaveError", "dumps", "load", "loads", "read_bytes", "save", "write_atomic"]


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    column: int
    message: str
    file: str = ""

    def __str__(self) -> str:
        return visible(f"{self.file}:{self.line}:{self.column}: {self.message}")


class LoadError(Exception):
    """A plan file that cannot be used; ``problems`` holds one entry per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class SaveError(Exception):
    """A plan that could not be written; the file on disk is unchanged."""


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        return FilePath(path).read_bytes()
    except FileNotFoundError:
        raise LoadError([Problem(1, 1, "no such file", str(path))]) from None
    except IsADirectoryError:
        raise LoadError([Problem(1, 1, "is a folder, not a plan file", str(path))]) from None
    except OSError as error:
        raise LoadError([Problem(1, 1, f"cannot read: {error.strerror or error}", str(path))]) from None


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
            raise LoadError([Problem(line, column, message, filename)]) from None
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LoadError([_syntax_problem(str(error), text, filename)]) from None
    if not raw:
        what = "the file is empty" if not text.strip() else "the file holds only comments"
        raise LoadError([Problem(1, 1, f"{what}: a plan needs at least schema, title and weeks", filename)])
    return _validate(raw, text, filename)


_TOML_HINTS = {
    "Illegal character '\\n'": "the line ends inside a string (a closing quote is missing)",
    "Cannot overwrite a value": "a key is given a value twice",
}


def _syntax_problem(message: str, text: str, filename: str) -> Problem:
    match = _TOML_POSITION.search(message)
    if match:
        said = message[: match.start()]
        return Problem(
            int(match.group(1)), int(match.group(2)), "invalid TOML: " + _TOML_HINTS.get(said, said), filename
        )
    match = _TOML_END.search(message)
    if match:
        lines = text.splitlines() or [""]
        return Problem(
            len(lines),
            len(lines[-1]) + 1,
            "invalid TOML: " + message[: match.start()] + " at the end of the file",
            filename,
        )
    return Problem(1, 1, "invalid TOML: " + message, filename)


def _validate(raw: dict[str, Any], text: str, filename: str) -> Plan:
    locator: Locator | None = None

    def problems(issues: list[Issue]) -> list[Problem]:
        nonlocal locator
        locator = locator or Locator(text)
        found = []
        for issue in issues:
            line, column = locator.find(issue.path if issue.item is None else (*issue.path, issue.item))
            found.append(Problem(line, column, issue.message, filename))
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


# --- saving ---------------------------------------------------------------

_chunks: dict[tuple[Any, ...], str] = {}
_CHUNK_LIMIT = 50_000


def _objective_chunk(obj: Objective) -> str:
    """The ``[[objectives]]`` table of one objective, cached by its content (saves stay fast at 5,000)."""
    key = (
        obj.id,
        obj.title,
        obj.week,
        obj.status,
        obj.changed,
        obj.owner,
        tuple(obj.tags),
        tuple(obj.depends_on),
        obj.notes,
    )
    chunk = _chunks.get(key)
    if chunk is None:
        if len(_chunks) >= _CHUNK_LIMIT:
            _chunks.clear()
        chunk = _chunks[key] = _render_entry("objectives", encode_table(obj, "objective"))
    return chunk


_BREAKS = re.compile(r"\r\n?")


def _plain_breaks(value: Any) -> Any:
    """``value`` with every line break in its text as LF (CRLF and a lone CR alike).

    tomli-w turns CRLF into LF inside multi-line strings but escapes a lone CR, so
    ``"a\\r\\r\\nb"`` would come back as ``"a\\r\\nb"`` and re-save differently;
    LF-only text keeps the canonical text stable.
    """
    if isinstance(value, str):
        return _BREAKS.sub("\n", value) if "\r" in value else value
    if isinstance(value, list):
        return [_plain_breaks(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_breaks(v) for k, v in value.items()}
    return value


def _dump(table: dict[str, Any]) -> str:
    return tomli_w.dumps(_plain_breaks(table), multiline_strings=True)


def _fits_inline(items: list[Any]) -> bool:
    """tomli-w's own choice for a list of tables: inline (one per line) when each fits on a line."""
    return all(isinstance(item, dict) for item in items) and _dump({"x": items}).startswith("x = [")


def _render_entry(name: str, table: dict[str, Any]) -> str:
    """One ``[[name]]`` entry. Every entry is a table of its own whatever its length, so one
    entry's edit never reformats its neighbours; nested lists of tables are inline when they fit."""
    literals: dict[str, Any] = {}
    nested: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in table.items():
        if isinstance(value, list) and value and isinstance(value[0], dict) and not _fits_inline(value):
            nested.append((key, value))
        else:
            literals[key] = value
    parts = [f"[[{name}]]\n" + _dump(literals)]
    for key, items in nested:
        parts.extend(f"[[{name}.{key}]]\n" + _dump(item) for item in items)
    return "\n".join(parts)


def dumps(plan: Plan) -> str:
    """The canonical text of ``plan``: tomli-w, multi-line strings, fixed key and entry order."""
    head = encode_head(plan)
    head = {"schema": SCHEMA_VERSION, **{k: v for k, v in head.items() if k != "schema"}}
    parts = [_dump(head)]
    for key in PLAN_TABLES:
        entries = getattr(plan, key.name)
        if key.name == "objectives":
            parts.extend(_objective_chunk(obj) for obj in entries)
        else:
            parts.extend(_render_entry(key.name, encode_table(entry, key.kind)) for entry in entries)
    return "\n".join(parts)


def save(plan: Plan, path: str | os.PathLike[str]) -> bytes:
    """Write ``plan`` to ``path`` atomically; returns the bytes written. Raises SaveError."""
    data = dumps(plan).encode("utf-8")
    write_atomic(path, data)
    return data


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Temp file in the same folder, flush, fsync, rename over ``path``; the file's mode is kept."""
    target = FilePath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o644
    except OSError as error:
        raise SaveError(f"could not save {target}: {error.strerror or error}") from None
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = ""
    except OSError as error:
        raise SaveError(f"could not save {target}: {error.strerror or error}") from None
    finally:
        if tmp:
            with suppress(OSError):
                os.unlink(tmp)
