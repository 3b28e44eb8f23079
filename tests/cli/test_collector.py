"""The cyclic garbage collector stays out of a plan's load, and a command freezes what it loaded."""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.generate import generate_plan
from board import collector, store
from tests.cli.conftest import collections_started


@pytest.fixture(scope="module")
def large_text() -> str:
    return store.dumps(generate_plan(3000, seed=3, linked=True))


def _inside_a_load() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "loads" and frame.f_code.co_filename.endswith("store/__init__.py"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of each collection that starts inside the store's load."""
    with collections_started(_inside_a_load) as seen:
        yield seen


def test_the_collector_does_not_run_while_a_plan_is_built(
    large_text: str, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = store.loads(large_text)
    assert len(plan.objectives) == 3000
    assert len(collections) <= 1  # at most one young pass, as the collector comes back at the end
    assert gc.isenabled()
    # The same load with the collector left on: it runs again and again while the plan is built.
    collections.clear()
    monkeypatch.setattr(store, "collector_paused", contextlib.nullcontext)
    store.loads(large_text)
    assert len(collections) > 10


def test_a_load_leaves_a_disabled_collector_disabled(large_text: str) -> None:
    gc.disable()
    try:
        store.loads(large_text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_bad_plan_still_gives_the_collector_back() -> None:
    with pytest.raises(store.LoadError):
        store.loads("schema = 1\ntitle = 3\n")
    assert gc.isenabled()


def test_only_the_next_load_freezes_and_only_when_asked(large_text: str) -> None:
    gc.unfreeze()
    try:
        store.loads(large_text)
        assert gc.get_freeze_count() == 0  # a library user's objects are never frozen unasked
        collector.freeze_next_load()
        store.loads(large_text)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        store.loads(large_text)
        assert gc.get_freeze_count() == frozen  # once
    finally:
        collector.freeze_next_load(False)
        gc.unfreeze()


def test_a_command_run_in_process_freezes_nothing(tmp_path: Path) -> None:
    from board import cli

    path = tmp_path / "plan.toml"
    store.save(generate_plan(50, seed=1), path)
    gc.unfreeze()
    try:
        assert cli.main(["validate", str(path)]) == 0
        assert gc.get_freeze_count() == 0  # a test run's objects are not the command's to freeze
    finally:
        collector.freeze_next_load(False)
        gc.unfreeze()


def test_a_command_freezes_its_imports_and_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    store.save(generate_plan(50, seed=1), path)
    script = (
        "import gc, sys\nfrom board.cli import main\n"
        "sys.argv = ['rollout-board', 'validate', sys.argv[1]]\n"
        "code = main()\nprint(code, gc.get_freeze_count() > 1000)"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["0", "True"]


def test_freeze_more_freezes_only_a_process_that_froze_its_start_up() -> None:
    script = (
        "import gc\n"
        "from board.collector import freeze_more\n"
        "freeze_more()\n"
        "unasked = gc.get_freeze_count()\n"
        "gc.freeze()\n"
        "before = gc.get_freeze_count()\n"
        "built = [[i] for i in range(1000)]\n"
        "freeze_more()\n"
        "print(unasked, gc.get_freeze_count() - before >= 1000)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True"]


def test_a_command_makes_its_imports_without_a_collection(tmp_path: Path) -> None:
    """In the command's own process the collector is off from ``main``'s first line until the plan is
    loaded and frozen (the start-up imports are all alive), and on again afterwards."""
    path = tmp_path / "plan.toml"
    store.save(generate_plan(50, seed=1), path)
    script = (
        "import gc, sys\n"
        "early = []\n"
        "def record(phase, info):\n"
        "    if phase == 'start' and gc.get_freeze_count() == 0:\n"
        "        early.append(sorted(m for m in sys.modules if m.startswith('board.')))\n"
        "gc.callbacks.append(record)\n"
        "from board.cli import main\n"
        "gc.collect()\n"
        "early.clear()\n"  # what ran before main (this script's own imports) is not the command's
        "sys.argv = ['rollout-board', sys.argv[1], sys.argv[2]]\n"
        "code = main()\n"
        "print(code, len(early), 'board.store' in sys.modules, gc.isenabled(), gc.get_freeze_count() > 1000)"
    )
    for command in ("validate", "show"):
        out = subprocess.run(
            [sys.executable, "-c", script, command, str(path)], capture_output=True, text=True, check=True
        )
        assert out.stdout.split()[-5:] == ["0", "0", "True", "True", "True"], command


def test_a_pause_until_load_ends_with_the_load_or_a_resume(large_text: str) -> None:
    assert gc.isenabled()
    gc.unfreeze()
    try:
        collector.pause_until_load()
        assert not gc.isenabled()
        store.loads(large_text)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        collector.pause_until_load()
        collector.resume()  # the board opens before any load: the collector is on for it
        assert gc.isenabled()
        collector.resume()  # twice: nothing more
        assert gc.isenabled()
    finally:
        collector.freeze_next_load(False)
        collector.resume()
        gc.enable()
        gc.unfreeze()


def test_a_pause_leaves_a_collector_the_caller_turned_off_off(large_text: str) -> None:
    gc.disable()
    try:
        collector.pause_until_load()
        store.loads(large_text)
        assert not gc.isenabled()
        collector.resume()
        assert not gc.isenabled()
    finally:
        collector.freeze_next_load(False)
        gc.enable()
        gc.unfreeze()


def test_import_parses_its_document_with_the_collector_on(tmp_path: Path) -> None:
    """``import`` reads a Markdown document (up to its size limit) before any plan is loaded: the
    collector paused for the start-up imports is on again by then."""
    source = Path(__file__).resolve().parents[1] / "data" / "markdown" / "canary-tables.md"
    script = (
        "import gc, sys\n"
        "import board.interchange.markdown_import as markdown_import\n"
        "real = markdown_import.import_markdown\n"
        "seen = []\n"
        "def spy(*args, **kwargs):\n"
        "    seen.append(gc.isenabled())\n"
        "    return real(*args, **kwargs)\n"
        "markdown_import.import_markdown = spy\n"
        "from board.cli import main\n"
        "sys.argv = ['rollout-board', 'import', sys.argv[1], '-o', sys.argv[2]]\n"
        "code = main()\n"
        "print(code, seen)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(source), str(tmp_path / "plan.toml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split("\n")[-2] == "0 [True]"
