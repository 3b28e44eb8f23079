"""The installed `rollout-board` in a real pseudo-terminal, keys sent in one burst as a fast typist would.

A terminal emulator (pyte) reads what the app draws, so the test waits for the
board the way a person does, then types, quits and reads the TOML on disk.
"""

from __future__ import annotations

import fcntl
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyte
import pytest

from board import store

DATA = Path(__file__).parent / "data"
COLUMNS, LINES = 120, 36


def _executable() -> list[str]:
    script = Path(sys.executable).with_name("rollout-board")
    return [str(script)] if script.exists() else [sys.executable, "-m", "board"]


class Terminal:
    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.master = master
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.text():
                return
            if self.process.poll() is not None:
                break
            self.read(0.1)
        raise AssertionError(f"{needle!r} never appeared on the screen:\n{self.text()}")

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return self.process.returncode
            self.read(0.1)
        os.killpg(self.process.pid, signal.SIGKILL)
        raise AssertionError(f"the board did not quit:\n{self.text()}")

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "PYTEST"))}
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return env


def test_keys_in_a_burst_move_an_objective_and_reach_the_file(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", plan)
    terminal = Terminal([*_executable(), str(plan)], tmp_path, terminal_env)
    try:
        terminal.wait_for("P1 Foundation & Security")
        terminal.wait_for("Week 1")
        # One burst, no pauses: down twice (ci-cd), one week later (the card goes to the end of
        # week 2 and the selection follows it), up twice (automated-security, blocked), space, quit.
        terminal.send(b"jj]kk q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    saved = store.load(plan)
    assert saved.objective("ci-cd").week == 2
    assert saved.objective("automated-security").status == "in-progress"  # blocked → in-progress
    assert [o.id for o in saved.objectives if o.week == 1] == ["opa-policy", "gitleaks-secret", "baseline-metrics"]


def test_a_burst_through_the_new_objective_form(tmp_path: Path, terminal_env: dict[str, str]) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", plan)
    terminal = Terminal([*_executable(), str(plan)], tmp_path, terminal_env)
    try:
        terminal.wait_for("P1 Foundation & Security")
        # A burst that opens the form and types into it: the form must have the keys, not the board.
        terminal.send(b"nShip the canary\r")
        terminal.wait_for("Ship the canary")
        terminal.wait_for("✓ saved")
        terminal.send(b" q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    saved = store.load(plan)
    added = saved.objective("ship-canary")
    assert added.title == "Ship the canary"
    assert added.status == "in-progress"  # the space after enter advanced the new, selected card


def test_a_burst_through_the_delete_confirmation_acts_on_the_neighbour(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", plan)
    terminal = Terminal([*_executable(), str(plan)], tmp_path, terminal_env)
    try:
        terminal.wait_for("P1 Foundation & Security")
        terminal.wait_for("Week 1")
        # Down to automated-security, delete it (x, y), and advance the card selected after it at once.
        terminal.send(b"jjjjjjxy ")
        terminal.wait_for("✓ saved")
        terminal.send(b"q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    saved = store.load(plan)
    assert saved.find_objective("automated-security") is None
    assert saved.objective("monitoring-dashboards").status == "in-progress"  # its neighbour, todo → in-progress
