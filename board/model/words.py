"""Counted nouns, worded once for every screen, command and report: "1 objective", "2 objectives"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """``"1 objective"``, ``"0 objectives"``, ``"2 criteria"`` (``plural`` when it is not noun + s)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
