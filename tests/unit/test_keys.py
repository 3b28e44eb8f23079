"""The table of keys (board/keys.py): one row an id, every scope on a screen, keys that are keys."""

from __future__ import annotations

import subprocess
import sys

from board.keymap import normalize_key, split_keys
from board.keys import ACTIVE_TOGETHER, HELP_GROUPS, KEYS, by_id, defaults_by_screen, key_label, keys_in_force

# A subclass's key that deliberately shadows its base's on one screen: the risk panel's `g` signs
# off (its `home` still goes to the first row).
SHADOWS = {frozenset({"panel.first", "risk.signoff"})}


def test_ids_are_unique_and_found() -> None:
    ids = [key.id for key in KEYS]
    assert len(ids) == len(set(ids))
    assert all(by_id(i).id == i for i in ids)


def test_every_scope_is_on_a_screen_and_every_screen_has_keys() -> None:
    on_screens = {scope for scopes in ACTIVE_TOGETHER.values() for scope in scopes}
    declared = {scope for key in KEYS for scope in key.scopes}
    assert declared == on_screens
    assert all(defaults_by_screen()[screen] for screen in ACTIVE_TOGETHER)


def test_default_keys_are_key_names() -> None:
    for key in KEYS:
        names = split_keys(key.keys)
        assert names and all(normalize_key(k) == k for k in names), key.id


def test_no_two_keys_of_one_screen_share_a_key() -> None:
    for screen, table in defaults_by_screen().items():
        owner: dict[str, str] = {}
        for binding_id, keys in table.items():
            for k in split_keys(keys):
                if k in owner:
                    assert frozenset({owner[k], binding_id}) in SHADOWS, f"{screen}: {k} is {owner[k]} and {binding_id}"
                owner[k] = binding_id


def test_help_groups_and_palette_names() -> None:
    assert {key.group for key in KEYS if key.group} == set(HELP_GROUPS)
    names = [key.palette for key in KEYS if key.palette]
    assert len(names) == len(set(names)) and "Advance status" in names
    # every contract key of the board is in the board's help
    for binding_id in ("objective.advance", "objective.block", "edit.redo", "view.timeline", "app.quit", "app.palette"):
        assert by_id(binding_id).group


def test_keys_in_force_and_labels() -> None:
    keys = keys_in_force({"objective.advance": "a,f5"})
    assert keys["objective.advance"] == "a,f5" and keys["objective.open"] == "enter"
    assert key_label(keys["objective.advance"]) == "a f5"
    assert key_label("left_square_bracket") == "[" and key_label("down,j") == "↓ j"


def test_the_table_imports_no_textual() -> None:
    code = "import sys, board.keys; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_readme_lists_every_id_as_the_table_has_it() -> None:
    from pathlib import Path

    from board.keys import markdown_table

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "README: paste board.keys.markdown_table() into 'Keys and remaps'"
    assert all(f"| `{key.id}` |" in readme for key in KEYS)
