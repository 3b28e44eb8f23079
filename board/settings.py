"""The user's settings: a TOML file in the config folder (theme, key remaps).

Tolerant: a missing or broken file gives the defaults (and, when broken, a
message to show once). Saving keeps tables and keys this version does not
know, so other features and newer versions can add their own. No Textual here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

import tomli_w

from board.locations import settings_path


@dataclass
class Settings:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    """Everything else in the file, written back as it was."""


def load_settings() -> tuple[Settings, list[str]]:
    path = settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(), [f"{path}: ignored, {error}"]
    problems: list[str] = []
    theme = data.pop("theme", None)
    if theme is not None and not isinstance(theme, str):
        problems.append(f"{path}: 'theme' must be a string")
        theme = None
    keys = data.pop("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in keys.items()):
        problems.append(f"{path}: [keys] must map binding ids to key names (strings)")
        keys = {}
    return Settings(theme=theme, keys=dict(keys), extra=data), problems


def save_settings(settings: Settings) -> None:
    from board.store import write_atomic

    data: dict[str, Any] = dict(settings.extra)
    if settings.theme is not None:
        data["theme"] = settings.theme
    if settings.keys:
        data["keys"] = dict(settings.keys)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, tomli_w.dumps(data).encode("utf-8"))


def remember_theme(name: str) -> None:
    settings, _ = load_settings()
    if settings.theme != name:
        settings.theme = name
        save_settings(settings)
