"""Key remaps: checked against the bindings' ids, one message per refused remap, defaults kept."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from board.keymap import normalize_key, resolve_keymap, split_keys

DEFAULTS = {"a.one": "x", "a.two": "y,z", "a.three": "w"}


def test_a_remap_is_applied() -> None:
    assert resolve_keymap(DEFAULTS, {"a.one": "q"}) == ({"a.one": "q"}, [])
    assert resolve_keymap(DEFAULTS, {"a.two": " ctrl+y , f5 "}) == ({"a.two": "ctrl+y,f5"}, [])
    assert resolve_keymap(DEFAULTS, {}) == ({}, [])


def test_an_unknown_id_is_reported_once() -> None:
    keymap, problems = resolve_keymap(DEFAULTS, {"a.on": "q", "a.one": "v"})
    assert keymap == {"a.one": "v"}
    assert problems == ["keys: unknown binding id 'a.on'; ignored"]


@pytest.mark.parametrize("keys", ["ctrl+", "", " , ", "ctrl+shift+ctrl+a", "cmd+a", "enterr", "ctrl+banana", "F1+x"])
def test_a_malformed_key_is_reported_and_the_default_kept(keys: str) -> None:
    keymap, problems = resolve_keymap(DEFAULTS, {"a.two": keys})
    assert keymap == {}
    assert (
        len(problems) == 1
        and problems[0].startswith("keys: a.two = ")
        and "is not a key name; kept 'y,z'" in problems[0]
    )


def test_a_clash_is_reported_and_the_default_kept() -> None:
    keymap, problems = resolve_keymap(DEFAULTS, {"a.one": "q", "a.three": "z"})
    assert keymap == {"a.one": "q"}
    assert problems == ["keys: a.three = 'z': z is already the key of a.two; kept 'w'"]


def test_two_remaps_on_one_key_keep_the_first() -> None:
    keymap, problems = resolve_keymap(DEFAULTS, {"a.one": "v", "a.three": "v"})
    assert keymap == {"a.one": "v"}
    assert problems == ["keys: a.three = 'v': v is already the key of a.one; kept 'w'"]


def test_moving_a_binding_off_a_key_frees_it_and_swaps_work() -> None:
    assert resolve_keymap(DEFAULTS, {"a.three": "y", "a.two": "v"}) == ({"a.three": "y", "a.two": "v"}, [])
    assert resolve_keymap(DEFAULTS, {"a.one": "w", "a.three": "x"}) == ({"a.one": "w", "a.three": "x"}, [])


def test_a_refused_remap_brings_back_a_default_that_refuses_another() -> None:
    # a.one -> z clashes with a.two; a.two's default y then clashes with a.three -> y.
    keymap, problems = resolve_keymap(DEFAULTS, {"a.three": "y", "a.one": "z", "a.two": "bad+key"})
    assert keymap == {}
    assert problems == [
        "keys: a.three = 'y': y is already the key of a.two; kept 'w'",
        "keys: a.one = 'z': z is already the key of a.two; kept 'x'",
        "keys: a.two = 'bad+key': 'bad+key' is not a key name; kept 'y,z'",
    ]


def test_keys_are_compared_as_textual_sees_them() -> None:
    defaults = {"help": "question_mark", "week": "left_square_bracket", "open": "enter", "redo": "ctrl+r"}
    assert resolve_keymap(defaults, {"open": "?"})[1] == [
        "keys: open = '?': question_mark is already the key of help; kept 'enter'"
    ]
    assert resolve_keymap(defaults, {"help": "ctrl+m"})[1] == [
        "keys: help = 'ctrl+m': ctrl+m is already the key of open; kept 'question_mark'"
    ]
    assert resolve_keymap(defaults, {"week": "R"}) == ({"week": "R"}, [])
    assert resolve_keymap(defaults, {"redo": "shift+ctrl+z"}) == ({"redo": "ctrl+shift+z"}, [])


def test_scopes_may_share_keys() -> None:
    defaults = {
        "board": {"objective.advance": "space", "objective.open": "enter", "board.down": "j,down"},
        "dialog": {"dialog.save": "ctrl+s", "dialog.cancel": "escape"},
    }
    # A dialog key may be the same as a board key ...
    assert resolve_keymap(defaults, {"dialog.save": "enter"}) == ({"dialog.save": "enter"}, [])
    # ... but not the same as another key of the dialog.
    keymap, problems = resolve_keymap(defaults, {"dialog.save": "escape", "objective.open": "j"})
    assert keymap == {}
    assert problems == [
        "keys: dialog.save = 'escape': escape is already the key of dialog.cancel; kept 'ctrl+s'",
        "keys: objective.open = 'j': j is already the key of board.down; kept 'enter'",
    ]


def test_an_id_in_two_scopes_is_checked_in_both() -> None:
    defaults = {"board": {"app.help": "f1", "board.filter": "slash"}, "dialog": {"app.help": "f1", "dialog.find": "f2"}}
    keymap, problems = resolve_keymap(defaults, {"app.help": "f2"})
    assert keymap == {} and problems == ["keys: app.help = 'f2': f2 is already the key of dialog.find; kept 'f1'"]


def test_key_names() -> None:
    assert split_keys("j, down,,") == ["j", "down"]
    assert [normalize_key(k) for k in ("?", "[", "/", "-", "H", "1", "F5", "Alt+Ctrl+X")] == [
        "question_mark",
        "left_square_bracket",
        "slash",
        "minus",
        "H",
        "1",
        "f5",
        "alt+ctrl+X",
    ]
    assert normalize_key("ctrl+") is None and normalize_key("escap") is None


def test_no_textual_in_the_keymap_or_settings_modules() -> None:
    import subprocess

    code = "import sys, board.keymap, board.settings; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class Remappable(App[None]):
    BINDINGS = [
        Binding("x", "count('one')", "One", id="a.one"),
        Binding("y,z", "count('two')", "Two", id="a.two"),
        Binding("w", "count('three')", "Three", id="a.three"),
    ]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.remaps = keymap

    def compose(self) -> ComposeResult:
        yield Static("keys")

    def on_mount(self) -> None:
        self.set_keymap(self.remaps)

    def action_count(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1


def defaults_of(app_class: Any) -> dict[str, str]:
    return {b.id: b.key for b in app_class.BINDINGS if isinstance(b, Binding) and b.id}


async def test_the_resolved_keymap_drives_textual() -> None:
    keymap, problems = resolve_keymap(defaults_of(Remappable), {"a.one": "?", "a.three": "z", "a.two": "ctrl+t,y"})
    assert problems == []
    app = Remappable(keymap)
    async with app.run_test() as pilot:
        await pilot.press("question_mark", "x", "z", "ctrl+t", "y", "w")
        # x and w no longer do anything: their bindings moved to ? and z.
        assert app.counts == {"one": 1, "three": 1, "two": 2}
