"""`show`, and the standup outside git, escape an objective's text only where they print the
objective (issue 12, fourth round: escaping all 50,000 objectives' text took 0.1 s, and most are
not printed). What they print is what they print of the whole plan escaped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board import store
from board.commands.show import summary
from board.standup.from_git import standup_report
from board.standup.report import build_standup
from board.term import Painter, escape_strings, escape_strings_but, has_control, visible
from tests.hostile_text import hostile_plan

DATA = Path(__file__).parents[1] / "data"


def _plan_file(folder: Path, name: str) -> Path:
    if name == "hostile":
        return hostile_plan(folder / "hostile.toml")
    return DATA / name


@pytest.mark.parametrize("name", ["hostile", "crowded-plan.toml", "board-plan.toml", "standup/plan.toml"])
@pytest.mark.parametrize("today", [date(2026, 11, 18), date(2026, 11, 25), date(2027, 3, 1)])
def test_the_report_is_the_one_of_the_escaped_plan(tmp_path: Path, name: str, today: date) -> None:
    path = _plan_file(tmp_path, name)
    expected = build_standup(escape_strings(store.load(path)), today)
    assert build_standup(escape_strings_but(store.load(path), "objectives"), today, shown=visible) == expected


def test_outside_git_only_the_listed_objectives_are_escaped(tmp_path: Path) -> None:
    path = hostile_plan(tmp_path / "plan.toml")
    plan = store.load(path)
    report = standup_report(path, plan, date(2026, 11, 18)).standup
    listed = report.done + report.in_progress + report.blocked + report.late + report.not_started
    assert listed and not any(has_control(text) for item in listed for text in (item.title, item.owner, item.detail))
    assert all(not has_control(reason) for item in report.blocked for reason in item.reasons)
    assert not has_control(plan.title) and not any(has_control(p.name) for p in plan.phases)
    ids = {item.id for item in listed}
    unlisted = [o for o in plan.objectives if o.id not in ids]
    assert unlisted and all(has_control(o.title) for o in unlisted)  # never looked at: left as loaded


@pytest.mark.parametrize("name", ["hostile", "crowded-plan.toml", "staged-rollout.toml"])
@pytest.mark.parametrize("colour", [False, True])
def test_show_prints_what_it_prints_of_the_escaped_plan(tmp_path: Path, name: str, colour: bool) -> None:
    path = _plan_file(tmp_path, name)
    today = date(2026, 11, 25)
    paint = Painter(colour)
    expected = [line.render(paint, 80) for line in summary(escape_strings(store.load(path)), "p", today)]
    plan = escape_strings_but(store.load(path), "objectives")
    assert [line.render(paint, 80) for line in summary(plan, "p", today)] == expected
    assert any(has_control(o.title) for o in plan.objectives) == (name != "staged-rollout.toml")
