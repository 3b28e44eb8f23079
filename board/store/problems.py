"""A problem of a plan file, at its place: what ``LoadError`` holds and the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass

from board.term import visible


@dataclass(frozen=True, order=True)
class Problem:
    """One problem of a plan file, at its line and column (``FILE:LINE:COL: message``)."""

    line: int
    column: int
    message: str
    file: str = ""

    def __str__(self) -> str:
        return visible(f"{self.file}:{self.line}:{self.column}: {self.message}")
