"""`standup`, `show` and `export` (but SVG) build their output with the cyclic garbage collector
paused (issue 12, fourth round): at 50,000 objectives it ran three or four full passes over the
report's lines, 0.2 s of a 1.6 s standup. Nothing they build is in a reference cycle; reference
counting frees it as usual. (`export --format json` now writes strings alone: the collector has
nothing to count there either way.)"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generate import generate_plan
from board import cli, collector, store
from tests.cli.conftest import collections_started

BUILDERS = ("board/standup/", "board/commands/show", "board/interchange/", "board/term.py")


def _building() -> bool:
    frame = sys._getframe(2)
    if frame.f_code.co_name == "__exit__":
        return False  # the collector given back at the end of a paused block (the load's, or the command's)
    while frame is not None:
        if any(part in frame.f_code.co_filename for part in BUILDERS):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "plan.toml"
    store.save(generate_plan(3000, seed=3, linked=True), path)
    return path


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection that starts while a command builds its output."""
    with collections_started(_building) as seen:
        yield seen


COMMANDS = {
    "standup": ["standup", "{plan}", "--today", "2026-11-25"],
    "standup --markdown": ["standup", "{plan}", "--today", "2026-11-25", "--markdown"],
    "show": ["show", "{plan}", "--today", "2026-11-25"],
    "export html": ["export", "{plan}", "--format", "html", "-o", "{plan}.html", "--force"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_collection_while_the_output_is_built(
    large: Path,
    collections: list[int],
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [word.format(plan=large) for word in COMMANDS[command]]
    assert cli.main(args) == 0  # the command's modules imported
    capsys.readouterr()
    collections.clear()
    assert cli.main(args) == 0
    printed = capsys.readouterr().out
    assert collections == []
    assert gc.isenabled()
    # The same command with the collector left on: it runs while the output is built.
    monkeypatch.setattr(collector, "collector_paused", contextlib.nullcontext)
    assert cli.main(args) == 0
    assert capsys.readouterr().out == printed
    assert len(collections) > 3, collections
