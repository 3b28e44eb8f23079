"""The user settings file: round trips, keeps what it does not know, tolerates a broken file."""

from __future__ import annotations

import tomllib

import pytest

from board.locations import settings_path
from board.settings import Settings, SettingsError, load_settings, remember_theme, save_settings


def write(text: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_no_file_gives_the_defaults(platformdirs_isolated: object) -> None:
    assert load_settings() == (Settings(), [])
    assert not settings_path().exists()


def test_settings_round_trip(platformdirs_isolated: object) -> None:
    settings = Settings(theme="projector", keys={"objective.advance": "enter", "board.down": "j,down"})
    save_settings(settings)
    assert load_settings() == (settings, [])
    assert tomllib.loads(settings_path().read_text(encoding="utf-8")) == {
        "theme": "projector",
        "keys": {"objective.advance": "enter", "board.down": "j,down"},
    }


def test_saving_keeps_unknown_keys_and_tables(platformdirs_isolated: object) -> None:
    write(
        'theme = "projector"\nfuture = 3\n[keys]\n"edit.undo" = "z"\n[recent]\nplans = ["a.toml"]\n[plugin.x]\non = true\n'
    )
    settings, problems = load_settings()
    assert problems == [] and settings.extra == {
        "future": 3,
        "recent": {"plans": ["a.toml"]},
        "plugin": {"x": {"on": True}},
    }
    settings.keys["edit.redo"] = "y"
    save_settings(settings)
    assert tomllib.loads(settings_path().read_text(encoding="utf-8")) == {
        "theme": "projector",
        "future": 3,
        "keys": {"edit.undo": "z", "edit.redo": "y"},
        "recent": {"plans": ["a.toml"]},
        "plugin": {"x": {"on": True}},
    }


def test_unquoted_dotted_ids_and_lists_of_keys_are_read(platformdirs_isolated: object) -> None:
    write('[keys]\nobjective.advance = "a"\n"board.down" = ["j", "down"]\n')
    settings, problems = load_settings()
    assert problems == []
    assert settings.keys == {"objective.advance": "a", "board.down": "j,down"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("theme = ", "ignored, invalid TOML"),
        ("theme = 'a'\ntheme = 'b'\n", "ignored, invalid TOML"),
    ],
)
def test_a_broken_file_gives_the_defaults_and_one_message(
    platformdirs_isolated: object, text: str, message: str
) -> None:
    write(text)
    settings, problems = load_settings()
    assert settings == Settings()
    assert len(problems) == 1 and str(settings_path()) in problems[0] and message in problems[0]


def test_not_utf8_is_one_message(platformdirs_isolated: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"theme = '\xe9'")
    settings, problems = load_settings()
    assert settings == Settings() and len(problems) == 1 and "not UTF-8" in problems[0]


def test_wrong_types_drop_only_the_bad_entries(platformdirs_isolated: object) -> None:
    write('theme = 3\n[keys]\n"edit.undo" = "z"\n"edit.redo" = 5\n')
    settings, problems = load_settings()
    assert settings.theme is None and settings.keys == {"edit.undo": "z"}
    assert len(problems) == 2
    assert "theme must be the name of a theme" in problems[0]
    assert "keys.edit.redo must be a key name" in problems[1]
    write("keys = 3\n")
    settings, problems = load_settings()
    assert settings.keys == {} and len(problems) == 1 and "keys must be a table" in problems[0]


def test_remember_theme_persists_and_keeps_the_rest(platformdirs_isolated: object) -> None:
    remember_theme("projector")
    assert load_settings()[0].theme == "projector"
    write('theme = "projector"\n[keys]\n"edit.redo" = 5\n[recent]\nplans = []\n')
    remember_theme("rollout-light")
    data = tomllib.loads(settings_path().read_text(encoding="utf-8"))
    # Even an entry this version cannot use is kept, for the user to fix.
    assert data == {"theme": "rollout-light", "keys": {"edit.redo": 5}, "recent": {"plans": []}}


def test_remember_theme_leaves_a_broken_file_alone(platformdirs_isolated: object) -> None:
    write("theme = [oops\n")
    with pytest.raises(SettingsError, match=r"invalid TOML.*not remembered"):
        remember_theme("projector")
    assert settings_path().read_text(encoding="utf-8") == "theme = [oops\n"


def test_a_settings_file_that_cannot_be_written_is_one_error(platformdirs_isolated: object) -> None:
    settings_path().mkdir(parents=True)  # a folder where the file should be
    with pytest.raises(SettingsError) as raised:
        save_settings(Settings(theme="projector"))
    assert str(settings_path()) in str(raised.value) and "\n" not in str(raised.value)


def test_saving_is_atomic_and_leaves_no_temporary_files(platformdirs_isolated: object) -> None:
    save_settings(Settings(theme="a"))
    remember_theme("b")
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.toml"]


COMMENTED = """\
# My board settings: projector in the standup room.
theme = "projector"   # high contrast

# Keys I changed
[keys]
"objective.advance" = "a"    # space is my tmux prefix
board.down = [
    "j",  # vim
    "down",
]

[recent]  # kept for later
plans = ["a.toml"]
"""


def test_remembering_the_theme_keeps_the_comments_and_the_order(platformdirs_isolated: object) -> None:
    write(COMMENTED)
    remember_theme("rollout-light")
    after = settings_path().read_text(encoding="utf-8")
    assert after == COMMENTED.replace('theme = "projector"', 'theme = "rollout-light"')


def test_saving_settings_changes_only_the_lines_of_what_changed(platformdirs_isolated: object) -> None:
    write(COMMENTED)
    settings, problems = load_settings()
    assert problems == []
    settings.theme = "rollout-dark"
    settings.keys["objective.advance"] = "f5"
    settings.keys["edit.redo"] = "ctrl+y"
    save_settings(settings)
    after = settings_path().read_text(encoding="utf-8")
    assert after == (
        COMMENTED.replace('theme = "projector"', 'theme = "rollout-dark"')
        .replace('"objective.advance" = "a"', '"objective.advance" = "f5"')
        .replace('    "down",\n]\n', '    "down",\n]\n"edit.redo" = "ctrl+y"\n')
    )
    assert load_settings()[0] == settings
    # A remap taken away takes its lines with it, the rest stays.
    del settings.keys["board.down"]
    save_settings(settings)
    after = settings_path().read_text(encoding="utf-8")
    assert "board.down" not in after and "# Keys I changed" in after and "# kept for later" in after
    assert load_settings()[0] == settings


def test_a_theme_added_goes_above_the_first_table_and_its_comment(platformdirs_isolated: object) -> None:
    write('# keys for the laptop\n[keys]\n"edit.undo" = "z"\n')
    remember_theme("projector")
    assert settings_path().read_text(encoding="utf-8") == (
        'theme = "projector"\n\n# keys for the laptop\n[keys]\n"edit.undo" = "z"\n'
    )


def test_crlf_files_stay_crlf(platformdirs_isolated: object) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b'# mine\r\ntheme = "a"\r\n[keys]\r\n"edit.undo" = "z"\r\n')
    remember_theme("b")
    assert path.read_bytes() == b'# mine\r\ntheme = "b"\r\n[keys]\r\n"edit.undo" = "z"\r\n'


def test_a_layout_lines_cannot_change_is_written_anew(platformdirs_isolated: object) -> None:
    write('# inline\nkeys = { "edit.undo" = "z", "edit.redo" = "y" }\n')
    settings, _ = load_settings()
    settings.keys["edit.undo"] = "w"
    save_settings(settings)
    assert load_settings()[0].keys == {"edit.undo": "w", "edit.redo": "y"}


def test_key_problems_name_the_line(platformdirs_isolated: object) -> None:
    write('theme = "a"\n\n[keys]\n  "edit.redo" = 5\n')
    problems = load_settings()[1]
    assert problems == [
        f'{settings_path()}:4:3: keys.edit.redo must be a key name such as "ctrl+r", or a list of them; ignored'
    ]
    write('[keys]\n"edit.undo" = "z"\nobjective.advance = "a"\n')
    assert load_settings()[0].places == {
        "edit.undo": f"{settings_path()}:2:1",
        "objective.advance": f"{settings_path()}:3:1",
    }


def test_the_readme_example_is_accepted_whole(platformdirs_isolated: object) -> None:
    from pathlib import Path

    from board.keymap import resolve_keymap
    from board.keys import defaults_by_screen

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```toml\ntheme = ")
    write(readme[start + len("```toml\n") : readme.index("```", start + 7)])
    settings, problems = load_settings()
    assert problems == [] and settings.keys
    keymap, refused = resolve_keymap(defaults_by_screen(), settings.keys, settings.places)
    assert refused == [] and keymap.keys() == settings.keys.keys()
