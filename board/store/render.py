"""The canonical text of a plan: tomli-w, multi-line strings, fixed key and entry order.

``dumps(plan)`` writes a whole plan; ``render_entry`` one ``[[table]]`` entry and
``dump_table`` one table's keys, as the patcher (patch.py) writes the lines it changes,
so a patched file in canonical form is byte-identical to a full save.
"""

from __future__ import annotations

import re
from typing import Any

import tomli_w

from board.model import Objective, Plan

from .diff import objective_state
from .schema import PLAN_TABLES, canonical_head, encode_table

_chunks: dict[tuple[Any, ...], str] = {}
_CHUNK_LIMIT = 50_000


def _objective_chunk(obj: Objective) -> str:
    """The ``[[objectives]]`` table of one objective, cached by its content (saves stay fast at 5,000)."""
    key = objective_state(obj)
    chunk = _chunks.get(key)
    if chunk is None:
        if len(_chunks) >= _CHUNK_LIMIT:
            _chunks.clear()
        chunk = _chunks[key] = render_entry("objectives", encode_table(obj, "objective"))
    return chunk


# Control characters tomli-w writes as ``\\u00XX``: one absent from a table's text stands in for CR while
# it is written, and its escape becomes ``\\r`` (tomli-w would turn CRLF into LF inside a multi-line string).
_STAND_INS = "".join(chr(c) for c in (*range(0x01, 0x08), 0x0B, *range(0x0E, 0x20), 0x7F))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_strings(item))]
    return []


def _replaced(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replaced(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    return value


def dump_table(table: dict[str, Any]) -> str:
    """``table`` as TOML; a CR in its text is written as ``\\r`` wherever it is, so it reads back as it was."""
    strings = _strings(table)
    if not any("\r" in text for text in strings):
        return tomli_w.dumps(table, multiline_strings=True)
    joined = "".join(strings)
    stand_in = next((c for c in _STAND_INS if c not in joined), None)
    if stand_in is None:  # text holding every control character: one-line strings, every break escaped
        return tomli_w.dumps(table)
    text = tomli_w.dumps(_replaced(table, "\r", stand_in), multiline_strings=True)
    escape = re.compile(r"(?<!\\)((?:\\\\)*)\\u" + f"{ord(stand_in):04x}")
    return escape.sub(lambda match: match.group(1) + "\\r", text)


def fits_inline(items: list[Any]) -> bool:
    """tomli-w's own choice for a list of tables: inline (one per line) when each fits on a line."""
    return all(isinstance(item, dict) for item in items) and dump_table({"x": items}).startswith("x = [")


def render_entry(name: str, table: dict[str, Any], array: bool = True) -> str:
    """One ``[[name]]`` entry (``[name]`` for a sub-table). Every entry is a table of its own whatever
    its length, so one entry's edit never reformats its neighbours; nested lists of tables are inline
    when they fit; a sub-table (a phase's gate) comes last, as ``[name.key]``."""
    literals: dict[str, Any] = {}
    nested: list[tuple[str, list[dict[str, Any]]]] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and isinstance(value[0], dict) and not fits_inline(value):
            nested.append((key, value))
        else:
            literals[key] = value
    header = f"[[{name}]]\n" if array else f"[{name}]\n"
    parts = [header + dump_table(literals)]
    for key, items in nested:
        parts.extend(f"[[{name}.{key}]]\n" + dump_table(item) for item in items)
    for key, sub in tables:
        parts.append(render_entry(f"{name}.{key}", sub, array=False))
    return "\n".join(parts)


def dumps(plan: Plan) -> str:
    """The canonical text of ``plan``: tomli-w, multi-line strings, fixed key and entry order."""
    parts = [dump_table(canonical_head(plan))]
    for key in PLAN_TABLES:
        entries = getattr(plan, key.name)
        if key.name == "objectives":
            parts.extend(_objective_chunk(obj) for obj in entries)
        else:
            parts.extend(render_entry(key.name, encode_table(entry, key.kind)) for entry in entries)
    return "\n".join(parts)
