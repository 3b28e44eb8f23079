"""The settings file's lines: entries found however they are written, a value changed in place."""

from __future__ import annotations

import tomllib

from board.settings_text import entries, patch

TRICKY = '''\
# top
theme = "a#b=c"   # a comment with = and "quotes"
note = """
[keys]
"objective.advance" = "not a key, text"
"""
[keys]
objective.advance = 'x'  # unquoted dotted id
"board.down" = ["j",
  "down"]  # two lines
'''


def test_entries_are_found_however_written() -> None:
    found, headers = entries(TRICKY) or ([], {})
    places = {".".join(e.path): (e.first + 1, e.last + 1, e.column) for e in found}
    assert places == {
        "theme": (2, 2, 1),
        "note": (3, 6, 1),
        "keys.objective.advance": (8, 8, 1),
        "keys.board.down": (9, 10, 1),
    }
    assert headers == {("keys",): 6}


def test_a_value_is_changed_in_place_keeping_its_comment() -> None:
    new = patch(TRICKY, {("theme",): "z", ("keys", "objective.advance"): "f5"})
    assert new is not None
    assert new.splitlines()[1] == 'theme = "z"   # a comment with = and "quotes"'
    assert new.splitlines()[7] == 'objective.advance = "f5"  # unquoted dotted id'
    assert tomllib.loads(new)["note"] == tomllib.loads(TRICKY)["note"]


def test_a_value_over_lines_is_replaced_and_a_new_key_added_to_its_table() -> None:
    new = patch(TRICKY, {("keys", "board.down"): "n", ("keys", "edit.undo"): "z", ("keys", "objective.advance"): None})
    assert new is not None
    assert new.endswith('[keys]\n"board.down" = "n"\n"edit.undo" = "z"\n')
    assert tomllib.loads(new)["keys"] == {"board.down": "n", "edit.undo": "z"}


def test_a_new_table_goes_at_the_end_and_an_empty_file_gets_its_line() -> None:
    assert patch('theme = "a"\n', {("keys", "edit.undo"): "z"}) == 'theme = "a"\n\n[keys]\n"edit.undo" = "z"\n'
    assert patch("", {("theme",): "a"}) == 'theme = "a"\n'
    assert patch("theme = 'a'", {("theme",): "b"}) == 'theme = "b"\n'  # a last line without its newline


def test_an_inline_table_is_not_for_lines() -> None:
    assert patch('keys = { "a.b" = "x", "c.d" = "y" }\n', {("keys", "a.b"): "z"}) is None
