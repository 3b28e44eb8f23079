"""The user's settings: a TOML file in the config folder (the theme, key remaps).

    theme = "projector"

    [keys]
    "objective.advance" = "enter"        # binding id = key, or keys separated by commas
    "board.down" = ["j", "down"]         # a list of keys works too

Tolerant: a missing file gives the defaults; a broken one gives the defaults
and one message per problem, never an exception. Saving keeps every table and
key this version does not know (so other features and newer versions can add
their own) and is atomic; a file that is not valid TOML is never overwritten.
No Textual here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from board.locations import settings_path

__all__ = ["Settings", "SettingsError", "load_settings", "remember_theme", "save_settings"]


class SettingsError(Exception):
    """The settings file could not be written (or is broken and is left alone); one line, for the user."""


@dataclass
class Settings:
    theme: str | None = None
    """The chosen theme's name; None for the app's default."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), as the user wrote them; checked by :func:`board.keymap.resolve_keymap`."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Everything else in the file, written back as it was."""


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The file's tables (``{}`` when there is no file), or None and why it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except UnicodeDecodeError:
        return None, f"{path}: ignored, not UTF-8 text"
    except OSError as error:
        return None, f"{path}: ignored, cannot read: {error.strerror or error}"
    try:
        return tomllib.loads(text), None
    except tomllib.TOMLDecodeError as error:
        return None, f"{path}: ignored, invalid TOML: {error}"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``objective.advance = "a"`` written without quotes is a nested table in TOML; binding ids are dotted names."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _keys(raw: Any, path: Path) -> tuple[dict[str, str], list[str]]:
    if not isinstance(raw, dict):
        return {}, [f"{path}: keys must be a table ([keys]) of binding ids and keys; ignored"]
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(raw).items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str):
            problems.append(
                f'{path}: keys.{binding_id} must be a key name such as "ctrl+r", or a list of them; ignored'
            )
            continue
        keys[binding_id] = value
    return keys, problems


def load_settings() -> tuple[Settings, list[str]]:
    """The settings in force and one message per problem (a broken file gives the defaults)."""
    path = settings_path()
    data, problem = _read(path)
    if data is None:
        return Settings(), [problem or f"{path}: ignored"]
    problems: list[str] = []
    theme = data.pop("theme", None)
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        problems.append(f"{path}: theme must be the name of a theme; ignored")
        theme = None
    keys, key_problems = _keys(data.pop("keys", {}), path)
    problems += key_problems
    return Settings(theme=theme.strip() if theme else None, keys=keys, extra=data), problems


def _write(path: Path, data: dict[str, Any]) -> None:
    from board.store import SaveError, write_atomic

    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError) as error:
        raise SettingsError(f"{path}: cannot write these settings: {error}") from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except SaveError as error:
        raise SettingsError(str(error)) from None
    except OSError as error:
        raise SettingsError(f"could not save {path}: {error.strerror or error}") from None


def save_settings(settings: Settings) -> None:
    """Write ``settings`` atomically: its theme and keys over the tables it was loaded with.

    Raises :class:`SettingsError` (one line) when the file cannot be written.
    """
    data: dict[str, Any] = dict(settings.extra)
    data.pop("theme", None)
    data.pop("keys", None)
    if settings.theme is not None:
        data = {"theme": settings.theme, **data}
    if settings.keys:
        data["keys"] = dict(settings.keys)
    _write(settings_path(), data)


def remember_theme(name: str) -> None:
    """Store the chosen theme, leaving everything else in the file as it is.

    A settings file that is not valid TOML is left alone (:class:`SettingsError`),
    so a typo of the user's is never replaced by a fresh file.
    """
    path = settings_path()
    data, problem = _read(path)
    if data is None:
        raise SettingsError(f"{problem}; the theme is not remembered")
    if data.get("theme") == name:
        return
    data.pop("theme", None)
    _write(path, {"theme": name, **data})
