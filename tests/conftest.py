"""Shared fixtures: a fresh copy of the bundled plan. No autouse fixtures here."""

from __future__ import annotations

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
