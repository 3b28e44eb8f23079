"""Fixtures the command-line tests share."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_PATH


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding the bundled plan as ``plan.toml`` and a plan that does not validate as ``bad.toml``."""
    shutil.copyfile(BUNDLED_PATH, tmp_path / "plan.toml")
    (tmp_path / "bad.toml").write_text('schema = 1\ntitle = "x"\nweeks = 0\n')
    return tmp_path


@contextmanager
def collections_started(when: Callable[[], bool]) -> Iterator[list[int]]:
    """The generation of each garbage collection that starts while ``when()`` is true (asked from
    the collector's own callback, so ``when`` can look at the frames of the code being collected)."""
    seen: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and when():
            seen.append(info["generation"])

    gc.callbacks.append(record)
    try:
        yield seen
    finally:
        gc.callbacks.remove(record)
