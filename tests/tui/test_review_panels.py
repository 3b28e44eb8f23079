"""The review panels: ticks, the risk register and its grid, contingencies, metrics — model and file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static

from board import store
from board.app import RolloutApp
from board.model import Risk
from board.screens.contingency_panel import ContingencyPanel
from board.screens.fields_form import FieldsForm
from board.screens.help import HelpScreen
from board.screens.main_screen import MainScreen
from board.screens.metrics_panel import MetricsPanel
from board.screens.panels import TextPanel
from board.screens.risk_panel import RiskPanel, risk_grid
from board.term import width
from tests.waiting import until

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def row_index(panel, kind: str, index: int = 0) -> int:  # type: ignore[no-untyped-def]
    return [i for i, row in enumerate(panel.rows) if row.kind == kind][index]


async def test_ticks_save_and_undo_on_the_board(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel) and panel.phase_id == "p1"
        panel.list.highlighted = row_index(panel, "step", 1)
        await pilot.press("space")
        saved = store.load(plan_path).phase("p1")
        assert saved.rollback_steps[1].done and saved.rehearsed == TODAY
        panel.list.highlighted = row_index(panel, "criterion", 0)
        await pilot.press("space")
        assert store.load(plan_path).phase("p1").criteria[0].met
        panel.list.highlighted = row_index(panel, "check", 5)  # second risk-management section, 2nd item
        await pilot.press("space")
        assert store.load(plan_path).risk_management[1].items[1].done
        await pilot.press("R")
        assert not any(s.done for s in store.load(plan_path).phase("p1").rollback_steps)
        await pilot.press("right")
        assert panel.phase_id == "p2"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("u", "u")
        assert not store.load(plan_path).risk_management[1].items[1].done


async def test_risk_register_add_edit_cycle_delete(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r", "a")
        form = app.screen
        assert isinstance(form, FieldsForm)
        form.query_one("#field-likelihood").value = "7"
        await pilot.press(*"Secrets leak", "enter")
        assert isinstance(app.screen, FieldsForm)  # refused inline
        assert "1" in str(form.query_one("#form-error").render()) and "5" in str(form.query_one("#form-error").render())
        form.query_one("#field-likelihood").value = "4"
        form.query_one("#field-impact").value = "5"
        await pilot.press("enter")
        assert isinstance(app.screen, RiskPanel)
        risk = store.load(plan_path).phase("p1").risks[0]
        assert (risk.description, risk.likelihood, risk.impact, risk.state) == ("Secrets leak", 4, 5, "open")
        panel = app.screen
        panel.list.highlighted = row_index(panel, "risk")
        await pilot.press("space")
        assert store.load(plan_path).phase("p1").risks[0].state == "mitigated"
        await pilot.press("x")
        assert store.load(plan_path).phase("p1").risks == []


def test_the_grid_places_open_risks_by_likelihood_and_impact() -> None:
    plan = store.load(DATA / "board-plan.toml")
    phase = plan.phase("p1")
    phase.risks = [
        Risk("a", "one", likelihood=5, impact=1),
        Risk("b", "two", likelihood=5, impact=1),
        Risk("c", "three", likelihood=1, impact=4),
        Risk("d", "closed", likelihood=3, impact=3, state="closed"),
    ]
    lines = Content.from_markup(risk_grid(plan, phase)).plain.splitlines()

    def cell(likelihood: int, impact: int) -> str:
        row = lines[7 - likelihood]  # under the title and the axes' line
        assert row.startswith(f" {likelihood} │")
        start = 4 + 3 * (impact - 1)
        return row[start : start + 3].strip()

    assert cell(5, 1) == "2"
    assert cell(1, 4) == "1"
    assert cell(3, 3) == "·"  # the closed risk is not on the grid
    filled = [(lk, im) for lk in range(1, 6) for im in range(1, 6) if cell(lk, im) != "·"]
    assert filled == [(1, 4), (5, 1)]


async def test_contingency_toggle_and_notes(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("c")
        panel = app.screen
        assert isinstance(panel, ContingencyPanel)
        panel.list.highlighted = row_index(panel, "contingency", 1)
        await pilot.press("space")
        saved = store.load(plan_path).contingency("technical-issues")
        assert saved.active and saved.activated == TODAY
        board = app.main_screen
        assert board is not None and board.header.contingencies == "Technical Issues"
        await pilot.press("tab")
        await pilot.press(*"Flags on")
        assert store.load(plan_path).contingency("technical-issues").notes == ""  # not at every key
        notes = lambda: store.load(plan_path).contingency("technical-issues").notes  # noqa: E731
        await until(pilot, lambda: bool(notes()), "the notes to be saved after a second of idle")
        assert store.load(plan_path).contingency("technical-issues").notes == "Flags on"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_metrics_record_a_value(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("m")
        panel = app.screen
        assert isinstance(panel, MetricsPanel)
        panel.list.highlighted = row_index(panel, "metric", 0)
        await pilot.press("v", *"78", "enter")
        metric = store.load(plan_path).metric("security-score")
        assert metric.current == 78 and metric.history[0].date == TODAY
        assert "78%" in str(panel.list.get_option_at_index(row_index(panel, "metric", 0)).prompt)


BOXES = ("☐", "☑")


def box_runs(panel) -> list[str]:  # type: ignore[no-untyped-def]
    """The runs (segments of one style) of the panel's drawn rows that hold a box."""
    lines = [panel.list.render_line(y) for y in range(panel.list.size.height)]
    return [segment.text for strip in lines for segment in strip if any(box in segment.text for box in BOXES)]


async def test_a_box_and_its_space_are_drawn_as_one_run_on_every_row_kind(plan_path: Path) -> None:
    """A viewer that drops a space starting a run (the screenshots' PNGs) showed "☑All critical…":
    the box was a run of its own and the space began the text's. Each box is now one run with its space."""
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        for kind, index in (("step", 0), ("check", 0)):  # ticked rows of each kind (a criterion is met already)
            panel.list.highlighted = row_index(panel, kind, index)
            await pilot.press("space")
        panel.list.highlighted = 0
        await pilot.pause()
        runs = box_runs(panel)
        assert "☑ " in runs and "☐ " in runs
        assert set(runs) == {"☑ ", "☐ "}, runs
        await pilot.press("escape", "c")
        contingency = app.screen
        assert isinstance(contingency, ContingencyPanel)
        contingency.list.highlighted = row_index(contingency, "contingency", 0)
        await pilot.press("space")  # active: its actions can be ticked
        contingency.list.highlighted = row_index(contingency, "action", 0)
        await pilot.press("space")
        contingency.list.highlighted = 0
        await pilot.pause()
        runs = box_runs(contingency)
        assert "☑ " in runs and "☐ " in runs
        assert set(runs) == {"☑ ", "☐ "}, runs


def link_first_criterion(path: Path) -> None:
    """p1's first criterion ("Security score improves from 70% to 85%") met from the security score."""
    plan = store.load(path)
    criterion = plan.phase("p1").criteria[0]
    assert criterion.text == "Security score improves from 70% to 85%"
    criterion.metric, criterion.at_least, criterion.met = "security-score", 85, False
    store.save(plan, path)


async def test_a_criterion_met_from_a_metric_has_its_sign_and_space_says_how_to_meet_it(plan_path: Path) -> None:
    link_first_criterion(plan_path)
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        linked = panel.rows[row_index(panel, "criterion", 0)]
        plain = Content.from_markup(linked.markup).plain
        assert plain == "  ∿ Security score improves from 70% to 85% (no reading yet, needs ≥ 85%)"
        manual = Content.from_markup(panel.rows[row_index(panel, "criterion", 1)].markup).plain
        assert manual.startswith("  ☑ All critical vulnerabilities resolved")
        heading = next(row for row in panel.rows if "Success criteria" in row.markup)
        assert "∿ from a metric" in Content.from_markup(heading.markup).plain
        gate = [Content.from_markup(row.markup).plain for row in panel.rows if "criterion not met" in row.markup]
        assert "  ✕ ∿ criterion not met: Security score improves from 70% to 85% (no reading yet, needs ≥ 85%)" in gate
        assert all("∿" not in line for line in gate if "Security score" not in line)
        before = plan_path.read_bytes()
        panel.list.highlighted = row_index(panel, "criterion", 0)
        await pilot.press("space")
        await pilot.pause()
        assert plan_path.read_bytes() == before  # nothing ticked
        notes = list(app._notifications)
        assert len(notes) == 1
        message = notes[0].message
        assert "\n" not in message
        assert message == (
            "Met from Security Score's reading (no reading yet, needs ≥ 85%), not ticked by hand: record a"
            " reading with v on the metrics panel (m) or rollout-board metric PLAN security-score VALUE"
        )
        assert notes[0].severity == "information"
        # A reading that keeps the bound meets it, and the sign says so in green.
        await pilot.press("escape", "m")
        metrics = app.screen
        assert isinstance(metrics, MetricsPanel)
        metrics.list.highlighted = row_index(metrics, "metric", 0)
        await pilot.press("v", *"86", "enter", "escape", "r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        linked = panel.rows[row_index(panel, "criterion", 0)]
        assert linked.markup.startswith("  [$success]∿ [/]Security score improves from 70% to 85% (86%, needs ≥ 85%)")


async def test_the_risk_panels_help_says_what_space_does_on_a_criterion_met_from_a_metric(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = Content.from_markup(str(app.screen.query_one("#help-text", Static).content)).plain
        space = next(line for line in shown.splitlines() if line.lstrip().startswith("space "))
        assert "tick the row" in space
        assert "on a criterion met from a metric (∿) it says which reading meets it" in space


async def test_the_standup_panel_reflows_when_the_terminal_is_resized(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        panel = app.screen
        assert isinstance(panel, TextPanel)
        text = lambda: str(panel.query_one("#panel-text", Static).content)  # noqa: E731
        widest = lambda: max(width(line) for line in text().splitlines())  # noqa: E731
        await until(pilot, lambda: "Gates & health" in text(), "the standup to be read from git")
        wide = text()
        assert 80 - 6 < widest() <= 160 - 6  # side by side: the columns of a wide screen
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: text() != wide, "the standup to be laid out again")
        assert widest() <= 80 - 6  # padding and scrollbar: every line fits, none is cut
        assert "Gates & health" in text() and "…" not in text().split("Gates & health")[1].split("\n\n")[0]
        narrow = text()
        await pilot.resize_terminal(160, 45)  # and back: the wide layout again, as it was
        await until(pilot, lambda: text() != narrow, "the standup to be laid out again")
        assert text() == wide


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_standup_panel_wraps_the_gate_of_this_phase_instead_of_cutting_it(
    plan_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        panel = app.screen
        assert isinstance(panel, TextPanel)
        text = lambda: str(panel.query_one("#panel-text", Static).content)  # noqa: E731
        await until(pilot, lambda: "Gates & health" in text(), "the standup to be read from git")
        columns = max(60, size[0] - 6)
        left = (columns - 3) // 2 if columns >= 100 else columns
        rows = [line[:left].rstrip() for line in text().splitlines()]
        start = next(i for i, row in enumerate(rows) if row.startswith("Gates & health"))
        section = rows[start + 1 : start + 8]
        assert not any("…" in row for row in section), section
        assert section[0].startswith("  ▲ Gate P1 → P2: NO-GO, 4 open: 3 criteria not met (above);")
        assert section[1].startswith("    ") and section[1].strip().endswith("rehearsed")
        whole = " ".join(row.strip() for row in section[:4])
        assert "3 criteria not met (above); rollback never rehearsed ↳ at risk: 1 objective blocked, gate" in whole
        assert section[4] == "  ● Gate P2 → P3: NO-GO, 5 open · on track"
