"""Short, readable ids made from titles: "Implement OPA policy enforcement" -> "opa-policy"."""

from __future__ import annotations

import re
from collections.abc import Collection

_LEADING_VERBS = {
    "add",
    "complete",
    "conduct",
    "configure",
    "create",
    "deploy",
    "establish",
    "implement",
    "optimize",
    "refactor",
    "set",
    "up",
    "build",
    "enable",
    "introduce",
    "run",
    "write",
    "update",
}
_SKIP = {"a", "an", "the", "and", "of", "into", "for", "to", "with", "in", "on", "new", "enhanced", "&"}


# Letters that no Unicode decomposition turns into ASCII.
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def _words(text: str) -> list[str]:
    """The ASCII words of ``text``, lowercased: accents dropped ("ünïcode" -> "unicode"), "ß" -> "ss",
    full-width letters and digits folded to ASCII."""
    if not text.isascii():
        import unicodedata  # only for text beyond ASCII

        folded = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
        text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", text.lower())


def slugify(text: str, words: int | None = None) -> str:
    """Every word of ``text``, lowercased and joined by hyphens (or the first ``words`` of them)."""
    parts = _words(text)
    return "-".join(parts[:words] if words else parts)


def objective_id(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A two-word id for an objective: leading verbs and filler words dropped; longer or numbered if taken."""
    parts = _words(title)
    start = 0
    while start < len(parts) - 1 and parts[start] in _LEADING_VERBS:
        start += 1
    content = [p for p in parts[start:] if p not in _SKIP] or parts or ["objective"]
    for size in range(2, len(content) + 1):
        candidate = "-".join(content[:size])
        if candidate not in taken:
            return candidate
    return numbered("-".join(content[:2]), taken)


def numbered(base: str, taken: Collection[str]) -> str:
    """``base`` when it is free, else ``base-2``, ``base-3`` … the first not in ``taken``."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
