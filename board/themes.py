"""Theme files (TOML) -> Textual themes, with the board's status colours as theme variables.

The bundled themes ship in ``themes/``; a user's own go in the config folder's
``themes/`` (see :func:`board.locations.user_themes_dir`) and may override a
bundled one of the same name. A bad file is skipped with one clear message.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from board.locations import user_themes_dir

COLOURS = ("primary", "secondary", "accent", "warning", "error", "success", "foreground", "background", "surface", "panel")
STATUSES = ("todo", "in-progress", "blocked", "done", "other")


def bundled_themes_dir() -> Path:
    """The packaged themes in an installed wheel, or ``themes/`` of a source checkout."""
    packaged = resources.files("board") / "themes_data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "themes"


def _colour(data: dict[str, Any], key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{path}: missing colour {key!r}" if value is None else f"{path}: {key!r} must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"{path}: {key} = {value!r} is not a colour") from None
    return value


def load_theme_file(path: Path) -> Theme:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: invalid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: cannot read: {error}") from None
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{path}: missing 'name'")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError(f"{path}: 'dark' must be true or false")
    colours = {key: _colour(data, key, path) for key in COLOURS}
    status = data.get("status", {})
    if not isinstance(status, dict):
        raise ValueError(f"{path}: [status] must be a table")
    variables = {f"status-{key}": _colour(status, key, path) for key in STATUSES}
    return Theme(name=name, dark=dark, variables=variables, **colours)


def load_themes(folders: list[Path]) -> tuple[list[Theme], list[str]]:
    """Every theme in ``folders`` (later folders override earlier ones by name) and a message per bad file."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except ValueError as error:
                problems.append(str(error))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems


def register_themes(app: App[Any]) -> list[str]:
    """Register the bundled and the user's themes with ``app``; returns the problems, one per bad file."""
    themes, problems = load_themes([bundled_themes_dir(), user_themes_dir()])
    for theme in themes:
        app.register_theme(theme)
    return problems
