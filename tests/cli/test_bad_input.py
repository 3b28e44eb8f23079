"""Bad input gets one clear line: the board without a terminal, an import with no plan in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import isolated_env, run

PLAN = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"


@pytest.mark.parametrize("stdin", ["devnull", "pipe"])
def test_the_board_without_a_terminal_exits_2_with_one_line(tmp_path: Path, stdin: str) -> None:
    """Piped or from /dev/null, the board used to start drawing and wait forever."""
    done = subprocess.run(
        [sys.executable, "-m", "board", str(PLAN)],
        cwd=tmp_path,
        env={k: v for k, v in isolated_env(tmp_path).items() if k != "TEXTUAL_DRIVER"},
        input="q\n" if stdin == "pipe" else None,
        stdin=subprocess.DEVNULL if stdin == "devnull" else None,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "rollout-board: the board needs a terminal, and stdin is not a terminal; for scripts use a command"
        " (validate, list, show, standup, export: rollout-board --help)"
    ]


def test_no_terminal_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from board.app import no_terminal

    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys, "stdin", Stream(True))
    monkeypatch.setattr(sys, "stdout", Stream(False))
    assert no_terminal() == "stdout is not a terminal"
    monkeypatch.setattr(sys, "stdout", Stream(True))
    assert no_terminal() == ""
    monkeypatch.setattr(sys, "stdin", Stream(False))
    assert no_terminal() == "stdin is not a terminal"
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")  # textual-serve
    assert no_terminal() == ""


@pytest.mark.parametrize("text", ["# Shopping list\n\n- milk\n- eggs\n", "hello\n", "", "## Notes\n\nNothing here.\n"])
def test_import_of_a_file_with_no_plan_writes_nothing(tmp_path: Path, text: str) -> None:
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    done = run(tmp_path, "import", "notes.md", "-o", "notes.toml")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1].startswith("rollout-board import: notes.md: no rollout plan found")
    assert "nothing written" in done.stderr
    assert not (tmp_path / "notes.toml").exists()


def test_import_of_a_plan_still_works(tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text("# Q3\n\n## Phase 1: Start (Weeks 1-2)\n\n### Week 1 Objectives\n- [ ] Begin\n")
    done = run(tmp_path, "import", "one.md", "-o", "one.toml")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "one.toml").exists()
