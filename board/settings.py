"""The user's settings: a TOML file in the config folder (the theme, key remaps).

    theme = "projector"

    [keys]
    "objective.advance" = "enter"        # binding id = key, or keys separated by commas
    "board.down" = ["j", "down"]         # a list of keys works too

Tolerant: a missing file gives the defaults; a broken one gives the defaults
and one message per problem (``FILE:LINE:COL`` where the entry is), never an
exception. Saving changes only the lines of what changed: the user's comments,
blank lines and order stay, and every table and key this version does not know
is kept (so other features and newer versions can add their own). Saves are
atomic; a file that is not valid TOML is never overwritten. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from board.locations import settings_path
from board.store.parser import tomllib

__all__ = ["Settings", "SettingsError", "load_settings", "remember_theme", "save_settings"]


class SettingsError(Exception):
    """The settings file could not be written (or is broken and is left alone); one line, for the user."""


@dataclass
class Settings:
    """The user's settings: the theme, the key remaps and the rest of the file kept as it was."""

    theme: str | None = None
    """The chosen theme's name; None for the app's default."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma-separated), as the user wrote them; checked by :func:`board.keymap.resolve_keymap`."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Everything else in the file, written back as it was."""
    places: dict[str, str] = field(default_factory=dict, compare=False)
    """Binding id -> ``FILE:LINE:COL`` of its remap in the file, for messages about it."""


def _read_text(path: Path) -> tuple[str | None, str | None]:
    """The file's text (``""`` when there is no file), or None and why it cannot be used."""
    try:
        return path.read_bytes().decode("utf-8"), None  # bytes: a CRLF file stays CRLF when patched
    except FileNotFoundError:
        return "", None
    except UnicodeDecodeError:
        return None, f"{path}: ignored, not UTF-8 text"
    except OSError as error:
        return None, f"{path}: ignored, cannot read: {error.strerror or error}"


def _read(path: Path) -> tuple[str, dict[str, Any]] | tuple[None, str]:
    """The file's text and tables (``""`` and ``{}`` when there is no file), or None and why it cannot be used."""
    text, problem = _read_text(path)
    if text is None:
        return None, problem or f"{path}: ignored"
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, f"{path}: ignored, invalid TOML: {error}"


def _places(path: Path, text: str) -> dict[str, str]:
    """Binding id -> ``FILE:LINE:COL`` of its entry under ``[keys]``."""
    from board.settings_text import entries

    scanned = entries(text)
    if scanned is None:
        return {}
    return {
        ".".join(entry.path[1:]): f"{path}:{entry.first + 1}:{entry.column}"
        for entry in scanned[0]
        if len(entry.path) > 1 and entry.path[0] == "keys"
    }


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


def _keys(raw: Any, path: Path, places: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    if not isinstance(raw, dict):
        return {}, [f"{path}: keys must be a table ([keys]) of binding ids and keys; ignored"]
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(raw).items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str):
            problems.append(
                f"{places.get(binding_id, path)}: "
                f'keys.{binding_id} must be a key name such as "ctrl+r", or a list of them; ignored'
            )
            continue
        keys[binding_id] = value
    return keys, problems


def _settings(path: Path, text: str, data: dict[str, Any]) -> tuple[Settings, list[str]]:
    data = dict(data)
    problems: list[str] = []
    theme = data.pop("theme", None)
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        problems.append(f"{path}: theme must be the name of a theme; ignored")
        theme = None
    places = _places(path, text) if "keys" in data else {}  # where each remap is, for its messages
    keys, key_problems = _keys(data.pop("keys", {}), path, places)
    problems += key_problems
    settings = Settings(theme=theme.strip() if theme else None, keys=keys, extra=data, places=places)
    return settings, problems


def load_settings() -> tuple[Settings, list[str]]:
    """The settings in force and one message per problem (a broken file gives the defaults)."""
    path = settings_path()
    text, data = _read(path)
    if text is None:
        return Settings(), [str(data)]
    assert isinstance(data, dict)
    return _settings(path, text, data)


def _write(path: Path, data: dict[str, Any], text: str | None = None) -> None:
    """Write ``text`` (the file patched), or ``data`` as a whole new file when there is no text."""
    from board.store import SaveError, write_atomic

    if text is None:
        import tomli_w

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


def _patched(text: str, changes: dict[tuple[str, ...], Any], same: Any) -> str | None:
    """``text`` with ``changes``, when reading it back gives what ``same(data)`` accepts; else None."""
    from board.settings_text import patch

    try:
        new = patch(text, changes)
        return new if new is not None and same(tomllib.loads(new)) else None
    except (tomllib.TOMLDecodeError, TypeError, ValueError):
        return None


def _joined(value: Any) -> Any:
    return ",".join(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else value


def save_settings(settings: Settings) -> None:
    """Write ``settings`` atomically: its theme and keys over the tables it was loaded with.

    Only the lines of what changed are written: the file's comments, blank lines and
    order stay (a layout lines cannot change, such as an inline ``keys = {…}``, is
    written anew). Raises :class:`SettingsError` (one line) when the file cannot be written.
    """
    path = settings_path()
    data: dict[str, Any] = dict(settings.extra)
    data.pop("theme", None)
    data.pop("keys", None)
    if settings.theme is not None:
        data = {"theme": settings.theme, **data}
    if settings.keys:
        data["keys"] = dict(settings.keys)
    text, on_disk = _read(path)
    patched = None
    if text is not None and isinstance(on_disk, dict):
        changes: dict[tuple[str, ...], Any] = {}
        if on_disk.get("theme") != settings.theme:
            changes[("theme",)] = settings.theme
        raw_keys = on_disk.get("keys")
        written = _flatten(raw_keys) if isinstance(raw_keys, dict) else {}
        for binding_id, keys in settings.keys.items():
            if _joined(written.get(binding_id)) != keys:
                changes[("keys", binding_id)] = keys
        for binding_id in written.keys() - settings.keys.keys():
            changes[("keys", binding_id)] = None

        def same(new: dict[str, Any]) -> bool:
            return _settings(path, "", new)[0] == settings

        patched = _patched(text, changes, same) if isinstance(raw_keys, dict | None) else None
    _write(path, data, patched)


def remember_theme(name: str) -> None:
    """Store the chosen theme, leaving everything else in the file as it is (comments included).

    A settings file that is not valid TOML is left alone (:class:`SettingsError`),
    so a typo of the user's is never replaced by a fresh file.
    """
    path = settings_path()
    text, data = _read(path)
    if text is None:
        raise SettingsError(f"{data}; the theme is not remembered")
    assert isinstance(data, dict)
    if data.get("theme") == name:
        return
    wanted = {**data, "theme": name}
    patched = _patched(text, {("theme",): name}, lambda new: new == wanted)
    data.pop("theme", None)
    _write(path, {"theme": name, **data}, patched)
