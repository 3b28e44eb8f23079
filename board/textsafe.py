"""Plan text made safe to print: control characters and bidi overrides shown as escapes, never raw."""

from __future__ import annotations

_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def safe(text: str) -> str:
    """``text`` with control characters (and bidi overrides) shown as escapes (``\\x1b``)."""
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    return "".join(c if c.isprintable() and c not in _BIDI else repr(c)[1:-1] for c in text)
