"""Theme files (TOML) -> Textual themes, with the board's own colours as theme variables.

A theme file holds ``name``, ``dark``, the Textual colours (``primary`` …
``panel``, ``boost`` optional), a ``[status]`` table (``todo``,
``in-progress``, ``blocked``, ``done``, ``default`` for any other status, and
optionally a colour per custom status), an optional ``[board]`` table
(``current-week``, ``current-week-text``, ``selection``, ``selection-text``)
and an optional ``[variables]`` table passed to Textual as they are.

In CSS they are ``$status-todo`` … ``$status-default`` (and ``$status-other``,
the same colour as ``$status-default``), ``$board-current-week``,
``$board-current-week-text``, ``$board-selection`` and
``$board-selection-text``.

The bundled themes ship in ``themes/``; the user's own go in the config
folder's ``themes/`` (:func:`board.locations.user_themes_dir`) and replace a
bundled one of the same name. A bad file is skipped with one clear message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from board.locations import user_themes_dir
from board.store.locate import Locator
from board.store.parser import tomllib

__all__ = [
    "BOARD_COLOURS",
    "REQUIRED_COLOURS",
    "STATUS_KEYS",
    "VARIABLE_DEFAULTS",
    "bundled_themes_dir",
    "load_theme_file",
    "load_themes",
    "register_themes",
    "status_color",
    "status_variable",
]

REQUIRED_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
)
OPTIONAL_COLOURS = ("boost",)
STATUS_KEYS = ("todo", "in-progress", "blocked", "done", "default")
# [board] colours and the theme colour each one falls back to when a file leaves it out.
BOARD_COLOURS = {
    "current-week": "accent",
    "current-week-text": "background",
    "selection": "primary",
    "selection-text": "foreground",
}
_TOP_LEVEL = {"name", "dark", *REQUIRED_COLOURS, *OPTIONAL_COLOURS, "status", "board", "variables"}
_VARIABLE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")

# What the app can return from ``get_theme_variable_defaults`` so that Textual's
# own themes (which know nothing of statuses) still colour the board.
VARIABLE_DEFAULTS: dict[str, str] = {
    "status-todo": "#8a94a6",
    "status-in-progress": "#4aa3ff",
    "status-blocked": "#ff5f5f",
    "status-done": "#5fd787",
    "status-default": "#c792ea",
    "status-other": "#c792ea",
    "board-current-week": "#ffb347",
    "board-current-week-text": "#121212",
    "board-selection": "#0178d4",
    "board-selection-text": "#ffffff",
}

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


def bundled_themes_dir() -> Path:
    """The packaged themes in an installed wheel, or ``themes/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "themes_data"  # where the wheel puts them, beside this module (no importlib.resources)
    if packaged.is_dir():
        return packaged
    return here.parent / "themes"


def status_variable(status: str) -> str:
    """The theme variable that holds the colour of ``status``."""
    return f"status-{status}"


class _File:
    """One theme file being read: its name and text, to place each message at a line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self._locator: Locator | None = None

    def error(self, message: str, *where: str) -> ValueError:
        if self._locator is None:
            self._locator = Locator(self.text)
        line, column = self._locator.find(where) if where else (1, 1)
        return ValueError(f"{self.path}:{line}:{column}: {message}")

    def colour(self, table: dict[str, Any], key: str, *where: str) -> str:
        value = table[key]
        label = ".".join(where)
        if not isinstance(value, str):
            raise self.error(f'{label} must be a colour string, like "#4aa3ff"', *where)
        try:
            Color.parse(value)
        except ColorParseError:
            raise self.error(f"{label} = {value!r} is not a colour", *where) from None
        return value


def _parse(path: Path) -> tuple[_File, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{path}:1:1: not UTF-8 text") from None
    except OSError as error:
        raise ValueError(f"{path}:1:1: cannot read: {error.strerror or error}") from None
    file = _File(path, text)
    try:
        return file, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        if match:
            raise ValueError(
                f"{path}:{match.group(1)}:{match.group(2)}: invalid TOML: {message[: match.start()]}"
            ) from None
        match = _TOML_END.search(message)
        if match:
            lines = text.splitlines() or [""]
            raise ValueError(
                f"{path}:{len(lines)}:{len(lines[-1]) + 1}: invalid TOML: {message[: match.start()]} at the end of the file"
            ) from None
        raise ValueError(f"{path}:1:1: invalid TOML: {message}") from None


def _table(file: _File, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise file.error(f"{key} must be a table ([{key}])", key)
    return value


def load_theme_file(path: Path) -> Theme:
    """The theme in ``path``; ``ValueError("FILE:LINE:COL: problem")`` for the first problem found."""
    path = Path(path)
    file, data = _parse(path)
    unknown = sorted(set(data) - _TOP_LEVEL)
    if unknown:
        raise file.error(f"unknown key {unknown[0]!r}", unknown[0])
    name = data.get("name")
    if name is None:
        raise file.error("missing key 'name'")
    if not isinstance(name, str) or not name.strip():
        raise file.error("name must be a non-empty string", "name")
    dark = data.get("dark")
    if dark is None:
        raise file.error("missing key 'dark' (true or false)")
    if not isinstance(dark, bool):
        raise file.error("dark must be true or false", "dark")
    colours: dict[str, str] = {}
    for key in REQUIRED_COLOURS:
        if key not in data:
            raise file.error(f"missing colour {key!r}")
        colours[key] = file.colour(data, key, key)
    for key in OPTIONAL_COLOURS:
        if key in data:
            colours[key] = file.colour(data, key, key)

    variables: dict[str, str] = {}
    extra = _table(file, data, "variables")
    for key, value in extra.items():
        if not isinstance(value, str) or not _VARIABLE_NAME.match(key):
            raise file.error(
                f"variables.{key} must be a name of letters, digits and dashes set to a string", "variables", key
            )
        variables[key] = value

    status = _table(file, data, "status")
    for key in STATUS_KEYS:
        if key not in status:
            raise file.error(f"missing colour 'status.{key}'", "status")
    for key in status:
        if not _VARIABLE_NAME.match(key):
            raise file.error(f"status {key!r}: a status name is letters, digits and dashes", "status", key)
        variables[status_variable(key)] = file.colour(status, key, "status", key)
    variables.setdefault("status-other", variables["status-default"])

    board = _table(file, data, "board")
    for key in board:
        if key not in BOARD_COLOURS:
            raise file.error(f"unknown key 'board.{key}' (known: {', '.join(BOARD_COLOURS)})", "board", key)
    for key, fallback in BOARD_COLOURS.items():
        variables[f"board-{key}"] = file.colour(board, key, "board", key) if key in board else colours[fallback]

    options: dict[str, Any] = dict(colours)  # colour names -> Theme keyword arguments
    return Theme(name=name.strip(), dark=dark, variables=variables, **options)


def load_themes(dirs: Iterable[Path]) -> tuple[list[Theme], list[str]]:
    """Every theme in ``dirs`` (``*.toml``, in name order) and one message per file that could not be used.

    A later folder's theme replaces an earlier one of the same name; two files of
    one folder with the same name are reported and the later file wins.
    """
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        seen: dict[str, Path] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except ValueError as error:
                problems.append(str(error))
                continue
            if theme.name in seen:
                problems.append(
                    f"{path}:1:1: theme {theme.name!r} is also defined in {seen[theme.name].name}; using this one"
                )
            seen[theme.name] = path
            themes[theme.name] = theme
    return list(themes.values()), problems


def register_themes(app: App[Any]) -> list[str]:
    """Register the bundled themes, then the user's (which may replace them), with ``app``.

    Returns the problems, one line per file that was skipped, for one notification.
    """
    themes, problems = load_themes([bundled_themes_dir(), user_themes_dir()])
    for theme in themes:
        app.register_theme(theme)
    return problems


def status_color(source: App[Any] | Theme, status: str) -> str:
    """The colour of ``status`` in a theme (or the app's current theme): its own, else the default one.

    Themes without status colours (Textual's own) use the app's theme variable
    defaults, then :data:`VARIABLE_DEFAULTS`.
    """
    if isinstance(source, Theme):
        variables = {**VARIABLE_DEFAULTS, **source.variables}
    else:
        variables = {**VARIABLE_DEFAULTS, **source.get_theme_variable_defaults(), **source.current_theme.variables}
    return variables.get(status_variable(status)) or variables["status-default"]
