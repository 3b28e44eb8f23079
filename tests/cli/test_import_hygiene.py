"""The model, the store and every non-interactive command run without importing Textual.

Each check runs in a fresh interpreter and reads ``sys.modules`` at the end, so
an indirect import (a helper that pulls in a widget module) is caught too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs board.cli.main with the given arguments, then writes the exit code and
# every imported module whose name starts with "textual" to the file named by
# the HYGIENE_REPORT environment variable (stdout belongs to the command).
CLI_SCRIPT = """
import json, os, sys
from board.cli import main
code = main(sys.argv[1:])
found = sorted(name for name in sys.modules if name.startswith("textual"))
with open(os.environ["HYGIENE_REPORT"], "w") as handle:
    json.dump({"code": code, "textual": found}, handle)
"""

IMPORT_SCRIPT = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(name for name in sys.modules if name.startswith("textual"))))
"""


def _env(root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(
        HOME=str(root / "home"),
        XDG_DATA_HOME=str(root / "home" / "data"),
        XDG_CONFIG_HOME=str(root / "home" / "config"),
        HYGIENE_REPORT=str(root / "hygiene.json"),
    )
    env.update(extra)
    return env


def run_cli(tmp_path: Path, *args: str, **env: str) -> dict[str, object]:
    report = tmp_path / "hygiene.json"
    report.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-c", CLI_SCRIPT, *args],
        cwd=tmp_path,
        env=_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(report.read_text())
    return result


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "plan.toml"], 0),
        (["validate", "plan.toml", "bad.toml"], 1),
        (["list", "plan.toml"], 0),
        (["list", "plan.toml", "--json", "--phase", "p2"], 0),
        (["list", "plan.toml", "--status", "nope"], 1),
        (["move", "plan.toml", "opa-policy", "in-progress"], 0),
        (["move", "plan.toml", "nope", "done"], 1),
        (["show", "plan.toml", "--today", "2025-01-14"], 0),
        (["new", "q3-rollout", "--start", "2025-01-06"], 0),
        (["fmt", "--check", "plan.toml"], 0),
        (["fmt", "plan.toml"], 0),
        (["gate", "plan.toml", "p1"], 1),
        (["signoff", "plan.toml", "p1", "security", "--by", "ana"], 0),
        (["rehearse", "plan.toml", "p1", "--took", "75m"], 0),
        (["path", "plan.toml", "--json"], 0),
        (["--help"], 0),
        (["--version"], 0),
        (["list", "--help"], 0),
        (["lst"], 2),
        (["missing.toml"], 1),  # the board is not opened for a file that is not there
        (["bad.toml"], 1),  # nor for an invalid one
    ],
)
def test_command_imports_no_textual(workdir: Path, args: list[str], code: int) -> None:
    result = run_cli(workdir, *args)
    assert result["code"] == code
    assert result["textual"] == []


def test_show_in_colour_imports_no_textual(workdir: Path) -> None:
    result = run_cli(workdir, "show", "plan.toml", FORCE_COLOR="1")
    assert result == {"code": 0, "textual": []}


def _imported_textual(*modules: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", IMPORT_SCRIPT, *modules], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    found: list[str] = json.loads(out)
    return found


def test_model_and_store_import_no_textual() -> None:
    assert _imported_textual("board.model", "board.store") == []


def test_command_line_modules_import_no_textual() -> None:
    modules = [
        "board.cli",
        "board.discovery",
        "board.term",
        "board.locations",
        "board.commands.validate",
        "board.commands.listing",
        "board.commands.move",
        "board.commands.show",
        "board.commands.new",
    ]
    assert _imported_textual(*modules) == []


def test_every_registered_command_module_imports_no_textual() -> None:
    """The registry's rule: no subcommand module imports Textual at module level."""
    from importlib.util import find_spec

    from board.commands import COMMANDS

    present = [c.module for c in COMMANDS.values() if find_spec(c.module) is not None]
    assert "board.commands.listing" in present
    assert _imported_textual(*present) == []


def test_the_check_sees_textual_when_it_is_imported() -> None:
    """The probe itself works: importing the app does bring Textual in."""
    found = _imported_textual("board.app")
    assert "textual" in found
    assert "textual.app" in found
