"""Shared fixtures: a fresh copy of the bundled plan. No autouse fixtures here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from board.model import Plan
from board.store import loads

BUNDLED_PATH = Path(__file__).resolve().parents[1] / "plans" / "phased-rollout.toml"
_BUNDLED_TEXT = BUNDLED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def bundled() -> Plan:
    """The bundled phased-rollout plan, loaded afresh for each test."""
    return loads(_BUNDLED_TEXT, str(BUNDLED_PATH))


@pytest.fixture
def plan_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> Path:
    """A copy of tests/data/board-plan.toml (the bundled plan, started, with some progress) as
    ./plan.toml in a temporary working folder, with the user's config and data folders isolated."""
    path = tmp_path / "plan.toml"
    shutil.copy(Path(__file__).parent / "data" / "board-plan.toml", path)
    monkeypatch.chdir(tmp_path)
    return path
