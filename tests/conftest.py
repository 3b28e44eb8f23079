"""Shared fixtures: a fresh copy of the bundled plan. No autouse fixtures here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
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


CliRun = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> CliRun:
    """``run_cli(cwd, *args)``: ``python -m board *args`` in ``cwd``, with no colour settings inherited and
    the user's folders under ``cwd``."""

    def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
        env.update(PYTHONIOENCODING="utf-8", HOME=str(cwd / "home"), XDG_DATA_HOME=str(cwd / "data"))
        return subprocess.run(
            [sys.executable, "-m", "board", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    return run
