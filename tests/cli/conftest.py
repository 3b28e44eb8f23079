"""Fixtures the command-line tests share."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_PATH


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding the bundled plan as ``plan.toml`` and a plan that does not validate as ``bad.toml``."""
    shutil.copyfile(BUNDLED_PATH, tmp_path / "plan.toml")
    (tmp_path / "bad.toml").write_text('schema = 1\ntitle = "x"\nweeks = 0\n')
    return tmp_path
