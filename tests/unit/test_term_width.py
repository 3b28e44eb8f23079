"""term.width measures only the characters that are not printable ASCII; the sum of every
character's width is its definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from board.term import char_width, strip_ansi, width

texts = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(["\t", "\x00", "\x7f", "\x85", "○", "→", "—", "日", "本", "\u0301", "\u200b", "\u202e", "é"]),
        st.characters(),
    )
)


@given(texts)
def test_width_is_the_sum_of_the_characters_widths(text: str) -> None:
    expected = len(text) if text.isascii() else sum(char_width(c) for c in text)
    assert width(text) == expected


@given(texts)
def test_ansi_codes_take_no_columns(text: str) -> None:
    styled = f"\x1b[1;31m{text}\x1b[0m"
    assert width(styled) == width(strip_ansi(styled))


def test_known_widths() -> None:
    assert width("○ Harden rate limiting — checkout") == 33
    assert width("日本語") == 6
    assert width("e\u0301") == 1


def test_wrap_breaks_at_spaces_hangs_the_rest_and_keeps_styles() -> None:
    from board.term import Line, Painter, wrap

    line = Line("  ", ("✕ ", "red"), ("Gate P1 → P2", "bold"), ": ", ("NO-GO: score 80%, needs ≥ 85%; rollback", "red"))
    rows = [row.render(Painter(False), 30) for row in wrap(line, 30, 4)]
    assert rows == ["  ✕ Gate P1 → P2: NO-GO: score", "    80%, needs ≥ 85%; rollback"]  # "≥ 85%" kept together
    assert wrap(line, 200, 4) == [line]  # a line that fits is left alone
    coloured = "".join(row.render(Painter(True), 30) for row in wrap(line, 30, 4))
    assert "\x1b[31m80%, needs ≥ 85%; rollback\x1b[0m" in coloured  # the continued text keeps its style
    long = wrap(Line("  ", "x" * 50, " \x1b end"), 20, 4)
    assert [row.plain() for row in long] == ["  " + "x" * 18, "    " + "x" * 16, "    " + "x" * 16, "    \\x1b end"]
