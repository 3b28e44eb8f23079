"""Bad input gets one clear line: the board without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import isolated_env

PLAN = Path(__file__).resolve().parent.parent / "plans" / "phased-rollout.toml"


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

