"""Where things live on disk, as functions (nothing is created at import time)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "rollout-board"
TEMPLATE_NAME = "phased-rollout.toml"


def template_path() -> Path:
    """The bundled plan as shipped (the seed strategy, nothing done), inside the package.

    Never ``plans/phased-rollout.toml`` of a checkout: in an editable install that is a
    team's live plan, with its statuses, ticks and readings.
    """
    from importlib import resources  # only to copy the bundled plan: not on every start

    return Path(str(resources.files("board") / "templates" / TEMPLATE_NAME))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def default_plan_path() -> Path:
    """Where the bundled plan is copied when ``rollout-board`` is run with no plan around."""
    return data_dir() / TEMPLATE_NAME
