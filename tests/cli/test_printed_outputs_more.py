"""`standup` (text, coloured and Markdown, outside git and since the last commit), `show` and
`export --format json` print exactly what they printed before their output was built faster
(issue 12, fourth round). The expected texts under tests/data/outputs/ were printed by the
commands before those changes (2026-11-30 late), for the board's test plan, for the hostile plan
(control characters in every free text) and for tests/data/crowded-plan.toml: 160 generated
objectives (``bench.generate.generate_plan(160, seed=7, linked=True)``) with a wide title, markup
and Markdown characters, control characters in a title, an owner, a blocked reason and notes, a
long id, a long owner and a title of 130 characters: rows cut, padded and wrapped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.hostile_text import hostile_plan

DATA = Path(__file__).parents[1] / "data"
OUTPUTS = DATA / "outputs"
TODAY = ("--today", "2026-11-25")
NAMES = {"board-plan": "board-plan.toml", "crowded": "crowded-plan.toml"}


def _plan(folder: Path, name: str) -> Path:
    if name == "hostile":
        return hostile_plan(folder / "hostile.toml")
    path = folder / NAMES[name]
    shutil.copy(DATA / NAMES[name], path)
    return path


def _expected(name: str) -> str:
    return (OUTPUTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("plan", ["board-plan", "hostile", "crowded"])
def test_standup_markdown_is_unchanged(tmp_path: Path, plan: str) -> None:
    path = _plan(tmp_path, plan)
    result = run(tmp_path, "standup", path.name, *TODAY, "--markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == _expected(f"standup-{plan}-markdown.txt")


@pytest.mark.parametrize("command", ["show", "standup"])
def test_crowded_plan_text_is_unchanged(tmp_path: Path, command: str) -> None:
    path = _plan(tmp_path, "crowded")
    result = run(tmp_path, command, path.name, *TODAY)
    assert result.returncode == 0, result.stderr
    assert result.stdout == _expected(f"{command}-crowded.txt")


@pytest.mark.parametrize("command", ["show", "standup"])
@pytest.mark.parametrize("plan", ["hostile", "crowded"])
def test_coloured_text_is_unchanged(tmp_path: Path, command: str, plan: str) -> None:
    path = _plan(tmp_path, plan)
    result = run(tmp_path, command, path.name, *TODAY, FORCE_COLOR="1")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout
    assert result.stdout == _expected(f"{command}-{plan}-colour.txt")


@pytest.mark.parametrize("plan", ["board-plan", "hostile", "crowded"])
def test_json_export_is_byte_for_byte_unchanged(tmp_path: Path, plan: str) -> None:
    path = _plan(tmp_path, plan)
    result = run(tmp_path, "export", path.name, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == _expected(f"export-{plan}.json")
    written = run(tmp_path, "export", path.name, "--format", "json", "-o", "out.json")
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == _expected(f"export-{plan}.json")


def changed_since_commit(folder: Path) -> Path:
    """The hostile plan committed in a fresh repository, then changed: an objective removed, one
    moved on, one retitled with control characters (the standup's "since the last commit")."""
    from board import store
    from tests.cli.test_standup import git

    (folder / "plans").mkdir()
    path = hostile_plan(folder / "plans" / "plan.toml")
    git(folder, "init", "-q")
    git(folder, "add", "plans/plan.toml")
    git(folder, "commit", "-q", "-m", "plan")
    plan = store.load(path)
    needed = {d for o in plan.objectives for d in o.depends_on}
    plan.objectives.remove(next(o for o in plan.objectives if o.id not in needed))
    plan.objectives[0].status = plan.done_status
    plan.objectives[1].title = "Retitled \x1b[31m red \u202e and [b]markup[/b]"
    store.save(plan, path)
    return path


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_standup_since_the_last_commit_is_unchanged(tmp_path: Path, markdown: bool) -> None:
    changed_since_commit(tmp_path)
    result = run(tmp_path, "standup", "plans/plan.toml", *TODAY, *(["--markdown"] if markdown else []))
    assert result.returncode == 0, result.stderr
    assert result.stdout == _expected(f"standup-since-commit{'-markdown' if markdown else ''}.txt")
