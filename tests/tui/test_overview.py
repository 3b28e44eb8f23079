"""`o`: the whole plan on one screen, driven by real keys; ticks saved, undone and redone here."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from textual.content import Content

from board import store
from board.app import RolloutApp
from board.model import Editor
from board.screens.help import HelpScreen
from board.screens.main_screen import MainScreen
from board.screens.metrics_panel import MetricsPanel
from board.screens.overview import OverviewScreen, phase_rows, weeks_line
from board.screens.risk_panel import RiskPanel
from tests.waiting import palette_offers

TODAY = date(2026, 11, 25)  # week 2 of the board fixture


def make_app(path: Path, today: date = TODAY) -> RolloutApp:
    return RolloutApp(path, today=lambda: today, watch_interval=0)


def plain(prompt: object) -> str:
    """An option's text as shown: markup applied, the indent's no-break spaces dropped."""
    content = prompt if isinstance(prompt, Content) else Content.from_markup(str(prompt))
    return content.plain.replace("\u00a0", " ").strip()


def texts(screen: OverviewScreen) -> list[str]:
    """Each row's text; a row the panel wrapped to its width (keeping its indent) read as one line."""
    return [" ".join(plain(screen.list.get_option_at_index(i).prompt).split()) for i in range(screen.list.option_count)]


def row_of(screen: OverviewScreen, kind: str, ref: str, index: int = 0) -> int:
    return next(i for i, row in enumerate(screen.rows) if row.kind == kind and row.ref == (ref,) and row.index == index)


async def test_o_shows_the_whole_plan(plan_path: Path) -> None:
    plan = store.load(plan_path)
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        heading = str(screen.title_widget.render())
        assert "Phased Rollout Strategy" in heading and "4/32 done · 1 blocked · 0 late" in heading
        assert "8 weeks from 2026-11-16 · this week: 2 (Foundation & Security)" in heading
        lines = texts(screen)
        assert lines[0] == plan.summary
        assert lines[-1] == plan.closing
        p1 = next(line for line in lines if "P1 Foundation & Security" in line)
        assert "4/8" in p1 and "◐2" in p1 and "✕1" in p1 and "!0" in p1 and "◀ now" in p1
        from board.model.gates import verdict
        from board.model.health import plan_health

        health = plan_health(plan, TODAY)[1]["p1"]
        gate = verdict(plan, plan.phase("p1"), TODAY)
        assert f" {health.symbol} {'✓' if gate.go else f'✕{len(gate.open)}'}" in p1  # health, then the gate
        assert sum("◀ now" in line for line in lines) == 1
        assert any("none active · 3 on standby" in line for line in lines)
        assert len([row for row in screen.rows if row.kind == "metric"]) == len(plan.metrics)
        for checklist in plan.final_validation:  # Acceptance Criteria, Post-Implementation
            assert any(line.startswith(checklist.name) and "0/4" in line for line in lines)
            assert all(any(item.text in line for line in lines) for item in checklist.items)
        # The cursor starts on the first phase, with the summary above it in view.
        assert screen.rows[screen.list.highlighted or 0].ref == ("p1",)
        assert screen.list.scroll_y == 0
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_space_ticks_the_final_validation_and_u_undoes_it_here(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await pilot.press("G")  # the last row is the closing note
        assert screen.list.highlighted == len(screen.rows) - 1
        await pilot.press("space")  # not a tick: nothing saved
        assert not any(i.done for c in store.load(plan_path).final_validation for i in c.items)
        target = row_of(screen, "check", "acceptance-criteria", 3)
        await pilot.press("g")
        while screen.list.highlighted != target:
            await pilot.press("j")
        await pilot.press("space")
        assert store.load(plan_path).final_validation[0].items[3].done  # Stakeholder sign-off obtained
        assert "☑" in texts(screen)[target]
        assert "1/4" in texts(screen)[target - 4]
        await pilot.press("u")
        assert not store.load(plan_path).final_validation[0].items[3].done
        assert "☐" in texts(screen)[target]
        await pilot.press("ctrl+r")
        assert store.load(plan_path).final_validation[0].items[3].done
        await pilot.press("k", "space")  # the item above
        assert store.load(plan_path).final_validation[0].items[2].done
        await pilot.press("escape", "u")  # undo on the board too
        assert not store.load(plan_path).final_validation[0].items[2].done
        assert store.load(plan_path).final_validation[0].items[3].done


async def test_the_palette_opens_the_overview(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"overview")
        await palette_offers(pilot, "overview")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_active_contingencies_late_work_and_metrics_show(plan_path: Path) -> None:
    plan = store.load(plan_path)
    editor = Editor(plan, today=lambda: date(2026, 11, 30))
    editor.set_contingency_active("technical-issues", True)
    editor.tick_contingency_action("technical-issues", 0)
    editor.record_metric("security-score", 82.5)
    store.save(plan, plan_path)
    app = make_app(plan_path, date(2026, 11, 30))  # week 3: week 2's open work is late
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        lines = texts(screen)
        assert "4 late" in str(screen.title_widget.render())
        assert "!4" in next(line for line in lines if "P1 Foundation" in line)
        assert "◀ now" in next(line for line in lines if "P2 Component" in line)
        assert any("! Technical Issues since 2026-11-30 · 1/4 actions done" in line for line in lines)
        security = next(line for line in lines if line.startswith("Security Score"))
        assert "82.5%" in security and "70% → 95%" in security and " 50%" in security


async def test_the_risk_panel_no_longer_repeats_the_final_validation(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        lines = [plain(panel.list.get_option_at_index(i).prompt) for i in range(panel.list.option_count)]
        assert any("Risk management" in line for line in lines)
        assert not any("Final validation" in line or "Acceptance Criteria" in line for line in lines)
        assert {row.ref[0] for row in panel.rows if row.kind == "check"} == {
            c.id for c in store.load(plan_path).risk_management
        }


async def test_help_lists_o(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one("#help-text").render())
        assert re.search(r"^\s*o\s+the whole plan: progress by phase, metrics, final validation", text, re.M), text


def test_weeks_line_before_during_and_after(bundled) -> None:  # type: ignore[no-untyped-def]
    assert weeks_line(bundled, TODAY) == "8 weeks · no start date (this week unknown)"
    bundled.start = date(2026, 11, 16)
    assert weeks_line(bundled, date(2026, 11, 1)) == "8 weeks from 2026-11-16 · not started yet"
    assert weeks_line(bundled, date(2027, 3, 1)) == "8 weeks from 2026-11-16 · finished"
    assert weeks_line(bundled, date(2026, 12, 8)).endswith("this week: 4 (Component Architecture)")


def test_phase_rows_escape_plan_text(bundled) -> None:  # type: ignore[no-untyped-def]
    bundled.phases[0].name = "[b]Bold[/b] & [red]"
    row = phase_rows(bundled, TODAY)[1]
    assert "P1 [b]Bold[/b] & [red]" in plain(row.markup)


async def test_enter_opens_the_panel_of_the_row(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "j", "enter")  # the second phase
        panel = app.screen
        assert isinstance(panel, RiskPanel) and panel.phase_id == "p2"
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        screen.list.highlighted = next(i for i, row in enumerate(screen.rows) if row.kind == "metric")
        await pilot.press("enter")
        assert isinstance(app.screen, MetricsPanel)
        await pilot.press("escape")
        screen.list.highlighted = row_of(screen, "check", "post-implementation", 0)
        await pilot.press("enter")  # on a checklist item enter ticks, as space does
        assert store.load(plan_path).final_validation[1].items[0].done
        assert isinstance(app.screen, OverviewScreen)


async def test_a_plan_with_no_phases_counts_its_unplaced_objectives(tmp_path: Path, platformdirs_isolated) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "loose.toml"
    path.write_text(
        'schema = 1\ntitle = "Loose"\nweeks = 2\n\n[[objectives]]\nid = "a"\ntitle = "A"\nweek = 1\nstatus = "done"\n'
        '\n[[objectives]]\nid = "b"\ntitle = "B"\nweek = 2\nstatus = "blocked"\n',
        encoding="utf-8",
    )
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        lines = texts(screen)
        assert "no phases yet (P plans them)" in lines
        unplaced = next(line for line in lines if line.startswith("Unplaced"))
        assert "1/2" in unplaced and "✕1" in unplaced
        assert screen.rows[screen.list.highlighted or 0].kind == "unplaced"
        assert "8 weeks" not in str(screen.title_widget.render())
        assert "2 weeks · no start date" in str(screen.title_widget.render())


async def test_hostile_plan_text_is_drawn_as_written(plan_path: Path) -> None:
    plan = store.load(plan_path)
    plan.summary = "Summary with \x1b]0;pwned\x07 a title change"
    plan.metrics[0].name = "a[H b"
    plan.final_validation[0].items[0].text = "x [/] y"
    plan.closing = "ends in a backslash \\"
    store.save(plan, plan_path)
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        lines = texts(screen)
        assert "\x1b" not in "".join(lines) and "\x07" not in "".join(lines)
        assert lines[0].startswith("Summary with ") and lines[0].endswith(" a title change")
        assert any(line.startswith("a[H b") for line in lines)
        assert any(line.endswith("x [/] y") for line in lines)
        assert lines[-1].rstrip("\u200b") == "ends in a backslash \\"
