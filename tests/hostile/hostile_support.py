"""Helpers of the hostile suite: the command in a subprocess with isolated user folders, problem lines."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import PROBLEM_LINE  # noqa: F401 (the same line shape as the CLI tests)
from tests.cli.test_cli import isolated_env as env_for

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "plans" / "phased-rollout.toml"


def command(cwd: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "board", *[str(a) for a in args]]


def run(cwd: Path, *args: str | Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *[str(a) for a in args]],
        cwd=cwd,
        env=env_for(cwd, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def bundled_copy(folder: Path, name: str = "plan.toml") -> Path:
    path = folder / name
    shutil.copy(BUNDLED, path)
    return path


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The one stderr line of a refused command (no traceback); returns it."""
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]
