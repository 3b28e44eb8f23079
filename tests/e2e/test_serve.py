"""`rollout-board serve`: the board in a real browser (headless Chromium), and its refusals."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from board.commands.serve import board_command, is_local
from board.model import Editor, Plan, PlanError
from tests.browser import Browser, chromium_path

ROOT = Path(__file__).parents[2]
PHASE_WORDS = ["Foundation", "Component", "Performance", "Advanced"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def test_local_addresses() -> None:
    assert all(is_local(h) for h in ("127.0.0.1", "127.8.0.1", "localhost", "::1"))
    assert not any(is_local(h) for h in ("0.0.0.0", "192.168.1.10", "example.org", "::"))


def test_each_browser_runs_this_board_on_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "my plan.toml"
    command = board_command(plan, read_only=True)
    assert command[:3] == [sys.executable, "-m", "board"]
    assert command[3] == str(plan.resolve()) and command[-1] == "--read-only"


def test_serve_refuses_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\nweeks = 'x'\n")
    result = cli("serve", str(bad), "--port", str(free_port()), cwd=tmp_path)
    assert result.returncode == 1 and "bad.toml:" in result.stderr and "Traceback" not in result.stderr
    port = cli("serve", "--port", "99999", cwd=tmp_path)
    assert port.returncode == 2 and "not a port number" in port.stderr
    for name in ("a.toml", "b.toml"):
        (tmp_path / "plans").mkdir(exist_ok=True)
        shutil.copy(ROOT / "plans" / "phased-rollout.toml", tmp_path / "plans" / name)
    several = cli("serve", cwd=tmp_path)
    assert several.returncode == 2 and "name the one to serve" in several.stderr


def test_serve_without_the_web_extra_says_how_to_install(tmp_path: Path) -> None:
    # A folder on the path that shadows textual_serve with a package that cannot be imported.
    shadow = tmp_path / "shadow" / "textual_serve"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "shadow")}
    result = subprocess.run(
        [sys.executable, "-m", "board", "serve", str(ROOT / "plans" / "phased-rollout.toml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "rollout-board serve: needs textual-serve: pip install 'rollout-board[web]'"


def _start(plan: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "board", "serve", str(plan), "--port", str(port), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the boards it starts go with it
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)
    raise AssertionError("serve did not start listening")


def _stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.killpg(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    raise AssertionError("serve left a process behind")


def _screen_text(frames: list[str]) -> str:
    """What the board sent to the browser: binary frames arrive base64-encoded."""
    parts = []
    for frame in frames:
        if frame.startswith("["):
            continue
        try:
            parts.append(base64.b64decode(frame).decode("utf-8", "replace"))
        except ValueError:
            continue
    return "".join(parts)


@pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_serve_shows_the_board_in_a_real_browser(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(ROOT / "plans" / "phased-rollout.toml", plan)
    port = free_port()
    server = _start(plan, port, "--read-only")
    shot = tmp_path / "serve.png"
    try:

        async def look() -> str:
            async with Browser(1280, 800) as page:
                await page.open(f"http://127.0.0.1:{port}/")
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    text = _screen_text(page.socket_text)
                    if all(word in text for word in PHASE_WORDS) and "read-only" in text:
                        break
                    await asyncio.sleep(0.3)
                await asyncio.sleep(1.0)  # let the terminal paint what arrived
                await page.screenshot(shot)
                return _screen_text(page.socket_text)

        text = asyncio.run(look())
    finally:
        _stop(server)
    for word in PHASE_WORDS:
        assert word in text
    assert "read-only" in text
    if shutil.which("tesseract"):  # read the screenshot as a person would
        seen = subprocess.run(["tesseract", str(shot), "-"], capture_output=True, text=True, check=False).stdout
        for word in PHASE_WORDS:
            assert word in seen, seen
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shutil.copy(shot, artifacts / "serve-board.png")
    assert plan.read_bytes() == (ROOT / "plans" / "phased-rollout.toml").read_bytes()


async def test_a_read_only_board_refuses_every_change(plan_path: Path) -> None:
    from board.app import RolloutApp

    before = plan_path.read_bytes()
    app = RolloutApp(plan_path, read_only=True, watch_interval=0)
    said: list[str] = []
    app.notify = lambda message, **kw: said.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ("space", "L", "]", "x", "enter", "u"):
            await pilot.press(key)
            await pilot.pause()
        header = app.screen.query_one("PlanHeader")
        assert "read-only" in str(header.render())
    assert plan_path.read_bytes() == before
    assert any("read-only" in message for message in said)
    assert not app.session.editor.history.can_undo()


def test_a_read_only_editor_refuses_and_changes_nothing(bundled: Plan) -> None:
    from board.store import dumps

    before = dumps(bundled)
    editor = Editor(bundled, read_only=True)
    oid = bundled.objectives[0].id
    for operation in (
        lambda: editor.advance(oid),
        lambda: editor.shift_week(oid, 1),
        lambda: editor.combine("two", lambda: editor.advance(oid), lambda: editor.toggle_blocked(oid)),
    ):
        with pytest.raises(PlanError, match="read-only"):
            operation()
    assert dumps(bundled) == before and not editor.history.can_undo()
