"""One wording for each fact, everywhere: counts, week ranges, durations, phase names, levels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.content import Content

from board import store
from board.model import Editor
from board.model.durations import describe_duration
from board.model.plan import Check, Phase, canonical_level, phase_label
from board.model.rules import weeks_label
from board.model.words import counted
from tests.cli.test_cli import run

SMALL = """schema = 1
title = "Small"
weeks = 3
statuses = [
    "todo",
    "in-progress",
    "blocked",
    "done",
]

[[phases]]
id = "shadow"
name = "Shadow traffic"
first_week = 1
last_week = 2
priority = "high"
risk = "medium"
rollback_budget = "4h"
rollback_estimate = "90m"

[[phases]]
id = "p2"
name = "Canary"
first_week = 3
last_week = 3
priority = "Low"
risk = "Medium"
rollback_budget = "45m"

[[objectives]]
id = "mirror"
title = "Mirror traffic"
week = 1
status = "todo"
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def test_counted_nouns() -> None:
    assert [counted(n, "objective") for n in (0, 1, 2)] == ["0 objectives", "1 objective", "2 objectives"]
    assert counted(1, "criterion", "criteria") == "1 criterion" and counted(3, "criterion", "criteria") == "3 criteria"


def test_week_ranges_of_one_week_say_week() -> None:
    assert weeks_label(3, 3) == "week 3" and weeks_label(3, 4) == "weeks 3-4"
    assert weeks_label(3, 3, "–") == "week 3" and weeks_label(3, 4, "–") == "weeks 3–4"


@pytest.mark.parametrize(
    ("written", "shown"),
    [("4h", "4h"), ("45m", "45m"), ("60m", "60m"), ("120m", "120m"), ("90m", "90m (1 h 30 min)"),
     ("150m", "150m (2 h 30 min)"), ("1h30m", "1h30m"), ("", "—"), ("soon", "soon")],
)  # fmt: skip
def test_durations_say_the_long_form_only_when_it_adds_something(written: str, shown: str) -> None:
    assert describe_duration(written) == shown


def test_a_phase_id_that_repeats_its_name_is_not_shown_twice() -> None:
    assert Phase("shadow", "Shadow traffic", 1, 2).label() == "Shadow traffic"
    assert Phase("p1", "Foundation & Security", 1, 2).label() == "P1 Foundation & Security"
    assert Phase("canary-10", "Canary 10%", 1, 2).label() == "Canary 10%"
    assert phase_label("p1", "Foundation") == "p1 Foundation"


def test_levels_are_stored_in_one_form(small: Path) -> None:
    assert canonical_level("medium") == canonical_level(" MEDIUM ") == "Medium"
    assert canonical_level("someday") == "someday"  # not a level: left for the rules to report
    plan = store.load(small)
    assert [(p.priority, p.risk) for p in plan.phases] == [("High", "Medium"), ("Low", "Medium")]
    text = store.dumps(plan)
    assert 'priority = "High"' in text and 'risk = "medium"' not in text
    Editor(plan).edit_phase("p2", risk="critical", priority=" high ")
    assert (plan.phase("p2").risk, plan.phase("p2").priority) == ("Critical", "High")


def test_commands_count_in_the_singular(small: Path, tmp_path: Path) -> None:
    assert run(tmp_path, "validate", small.name).stdout == "small.toml: ok (1 objective)\n"
    shown = run(tmp_path, "show", small.name, "--today", "2026-11-18").stdout
    assert "small.toml · 3 weeks" in shown
    assert "Shadow traffic" in shown and "shadow Shadow" not in shown
    (tmp_path / "one.md").write_text("# One\n\n## Phase 1: Start (Weeks 1-2)\n\n### Week 1 Objectives\n- [ ] Begin\n")
    imported = run(tmp_path, "import", "one.md", "-o", "one.toml")
    assert imported.stdout.startswith("one.toml: 1 phase over 2 weeks, 1 objective (0 done), 0 criteria,")


def test_html_report_words(small: Path) -> None:
    from board.interchange.html_report import export_html

    html = export_html(store.load(small), date(2026, 11, 18))
    assert "Shadow traffic — 0 of 1 objective done" in html and "SHADOW" not in html
    assert "<tr><td>Shadow traffic</td><td>1–2</td>" in html and "<tr><td><b>P2</b> Canary</td><td>3</td>" in html


async def test_the_risk_panel_words_a_one_week_phase(small: Path, platformdirs_isolated: object) -> None:
    from board.app import RolloutApp
    from board.screens.risk_panel import RiskPanel

    app = RolloutApp(small, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        first = Content.from_markup(panel.heading()).plain
        assert first.startswith("Risk & rollback · Shadow traffic  weeks 1–2 · priority High · risk Medium")
        assert "Rollback budget 4h · estimate 90m (1 h 30 min)" in first
        await pilot.press("right")
        second = Content.from_markup(panel.heading()).plain
        assert second.startswith("Risk & rollback · P2 Canary  week 3 · priority Low · risk Medium")
        assert "Rollback budget 45m · estimate —" in second


def test_the_standup_counts_one_rollback_step_in_the_singular(small: Path) -> None:
    from board.standup import build_standup, render_markdown, render_text

    plan = store.load(small)
    plan.start = date(2026, 11, 2)
    plan.phases[0].rollback_steps = [Check("Switch the mirror off")]
    report = build_standup(plan, date(2026, 11, 3))
    assert "rehearsed 0/1 step," in render_text(report) and "rehearsed 0/1 step," in render_markdown(report)
