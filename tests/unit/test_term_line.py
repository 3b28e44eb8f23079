"""A `board.term.Line` keeps its parts as given until a segment is asked for (issue 12, fourth
round): a piped line that fits is joined, escaped and measured once. Escaping is character by
character, so the line's text, width and rendering are the same either way."""

from __future__ import annotations

import pytest

from board.term import Line, Painter, char_width, take, truncate, width

PARTS: list[tuple[str | tuple[str, ...], ...]] = [
    (),
    ("   ",),
    ("  ", ("◐", "blue"), " ", ("an-id", "bold"), "  ", "A title that is long enough to be cut at twenty"),
    (("bold", "bold"), "  trailing  ", ("   ", "dim")),
    ("wide 漢字漢字漢字漢字漢字漢字漢字漢字", ("x", "red")),
    ("control \x1b[2J and \u202e in it", ("\x07bell", "bold"), "", ("", "red"), " \t tab\nnew line"),
]
ADDED = [("", ()), (" · more", ("dim",)), ("\x1b]0;title\x07", ("red", "bold")), ("plain", ())]


def _lines(parts: tuple[str | tuple[str, ...], ...]) -> tuple[Line, Line]:
    """The same line twice: kept as parts, and split into segments from the start."""
    lazy, split = Line(*parts), Line(*parts)
    assert split.segments is not None
    for text, styles in ADDED:
        lazy.add(text, *styles)
        split.add(text, *styles)
    return lazy, split


@pytest.mark.parametrize("parts", PARTS)
@pytest.mark.parametrize("columns", [1, 5, 20, 40, 120])
@pytest.mark.parametrize("colour", [False, True])
def test_a_line_kept_as_parts_is_the_line_split_into_segments(
    parts: tuple[str | tuple[str, ...], ...], columns: int, colour: bool
) -> None:
    lazy, split = _lines(parts)
    assert lazy.plain() == split.plain()
    assert lazy.width() == split.width()
    assert lazy.render(Painter(colour), columns) == split.render(Painter(colour), columns)
    assert lazy.segments == split.segments


def test_segments_added_after_the_split_are_escaped() -> None:
    line = Line("a", ("b", "bold"))
    assert line.segments == [("a", ()), ("b", ("bold",))]
    line.add("\x1b[2J", "red")
    assert line.segments[-1] == ("\\x1b[2J", ("red",))
    assert line.plain() == "ab\\x1b[2J"


def test_a_piped_line_that_fits_is_not_split() -> None:
    line = Line("  ", ("◐", "blue"), " ", ("an-id", "bold"), "  \x1b title").add(" · detail", "dim")
    assert line.render(Painter(False), 80) == "  ◐ an-id  \\x1b title · detail"
    assert line._segments is None
    assert line.render(Painter(False), 10) == "  ◐ an-id…"  # cut: split to keep whole segments
    assert line._segments is not None


def _take_by_character(text: str, columns: int) -> str:
    out, used = "", 0
    for char in text:
        if used + char_width(char) > columns:
            break
        out, used = out + char, used + char_width(char)
    return out


@pytest.mark.parametrize("text", ["", "plain ascii title", "tab\there", "bell\x07 and nul\x00", "wide 漢字 ◐ x"])
@pytest.mark.parametrize("columns", [-3, 0, 1, 4, 9, 40])
def test_take_is_the_start_that_fits(text: str, columns: int) -> None:
    """Printable ASCII is taken by slicing (one column a character); the rest measured one by one."""
    assert take(text, columns) == _take_by_character(text, columns)
    assert truncate(text, columns) == (
        text if width(text) <= columns else "" if columns <= 0 else take(text, columns - 1).rstrip() + "…"
    )
