"""`show` and `standup` print exactly what they printed before their output was built faster: the
expected texts under tests/data/outputs/ were printed by the commands without those changes
(2026-11-30; the standup's again after its gates came to wrap on main), piped (no colour) and
coloured, for the board's test plan and for a plan with control characters in every free text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from board.term import Line, Painter, strip_ansi
from tests.cli.test_cli import run
from tests.hostile_text import hostile_plan

DATA = Path(__file__).parents[1] / "data"
OUTPUTS = DATA / "outputs"


@pytest.mark.parametrize("command", ["show", "standup"])
@pytest.mark.parametrize("plan", ["board-plan", "hostile"])
def test_printed_text_is_unchanged(tmp_path: Path, command: str, plan: str) -> None:
    path = tmp_path / f"{plan}.toml"
    if plan == "hostile":
        hostile_plan(path)
    else:
        shutil.copy(DATA / "board-plan.toml", path)
    result = run(tmp_path, command, path.name, "--today", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (OUTPUTS / f"{command}-{plan}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["show", "standup"])
def test_coloured_text_is_unchanged(tmp_path: Path, command: str) -> None:
    shutil.copy(DATA / "board-plan.toml", tmp_path / "board-plan.toml")
    result = run(tmp_path, command, "board-plan.toml", "--today", "2026-11-25", FORCE_COLOR="1")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout
    assert result.stdout == (OUTPUTS / f"{command}-board-plan-colour.txt").read_text(encoding="utf-8")


LINES = [
    Line(),
    Line("   "),
    Line("  ", ("◐", "blue"), " ", ("an-id", "bold"), "  ", "A title that is long enough to be cut at twenty"),
    Line(("bold", "bold"), "  trailing  ", ("   ", "dim")),
    Line("wide 漢字漢字漢字漢字漢字漢字漢字漢字", ("x", "red")),
    Line("control \x1b[2J and \u202e in it, escaped as shown, cut or not"),
]


@pytest.mark.parametrize("columns", [1, 5, 20, 40, 120])
def test_plain_lines_are_the_coloured_lines_without_colour(columns: int) -> None:
    for line in LINES:
        plain = line.render(Painter(False), columns)
        assert plain == strip_ansi(line.render(Painter(True), columns))
        assert plain == plain.rstrip()
