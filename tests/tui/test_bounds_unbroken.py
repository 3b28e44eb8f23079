"""A bound stays with its number on screen: at 80 columns the risk panel's criteria and gate rows,
and the standup panel, never end a line with ``≥`` or ``≤`` ("needs ≥ 85%" is one unit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from board import store
from board.app import RolloutApp
from board.screens.panels import TextPanel
from board.screens.risk_panel import RiskPanel
from board.widgets.wrap import wrap_offsets
from tests.conftest import BUNDLED_PATH
from tests.waiting import until

WEEK_3 = date(2026, 11, 25)  # the plan below starts Mon 2026-11-09: phase 2's first week


def linked_plan(tmp_path: Path) -> Path:
    """The bundled plan (five criteria linked to metrics, none read yet), started, in its own folder."""
    plan = store.load(BUNDLED_PATH)
    plan.start = date(2026, 11, 9)
    path = tmp_path / "plan.toml"
    store.save(plan, path)
    return path


async def drawn_rows(pilot: Pilot[object], panel: RiskPanel) -> list[str]:
    """Every line the panel's list draws, top to bottom (scrolled through a screenful at a time)."""
    options = panel.list
    total = options.virtual_size.height
    lines: list[str] = []
    while len(lines) < total:
        options.scroll_to(y=len(lines), animate=False, immediate=True)
        await pilot.pause()
        top = int(options.scroll_offset.y)
        lines += [options.render_line(y).text for y in range(len(lines) - top, min(options.size.height, total - top))]
    return lines


def ends_with_a_bound(line: str) -> bool:
    return line.rstrip(" \u00a0").endswith(("≥", "≤"))


def test_wrap_offsets_keep_a_bound_with_its_number() -> None:
    text = "Security score improves to 85% (no reading yet, needs ≥ 85%)"
    cut = wrap_offsets(text, 56)
    assert [text[a:b].rstrip() for a, b in zip([0, *cut], [*cut, len(text)], strict=True)] == [
        "Security score improves to 85% (no reading yet, needs",
        "≥ 85%)",
    ]
    assert wrap_offsets("x" * 25, 10) == [10, 20]  # a word wider than a line is folded


async def test_at_80_columns_no_risk_panel_line_ends_with_a_bound(tmp_path: Path) -> None:
    app = RolloutApp(linked_plan(tmp_path), today=lambda: WEEK_3, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        bounds = 0
        for _ in store.load(BUNDLED_PATH).phases:  # every phase: its criteria, then its gate
            panel = app.screen
            assert isinstance(panel, RiskPanel)
            lines = await drawn_rows(pilot, panel)
            assert all(len(line.rstrip()) <= panel.list.size.width for line in lines)
            assert not [line for line in lines if ends_with_a_bound(line)], panel.phase_id
            bounds += sum(line.count("≥") for line in lines)
            await pilot.press("right")
        assert bounds >= 10  # the five linked criteria, in the criteria and again in the gate


async def test_at_80_columns_no_standup_panel_line_ends_with_a_bound(tmp_path: Path) -> None:
    app = RolloutApp(linked_plan(tmp_path), today=lambda: WEEK_3, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        panel = app.screen
        assert isinstance(panel, TextPanel)
        text = lambda: str(panel.query_one("#panel-text", Static).content)  # noqa: E731
        await until(pilot, lambda: "Gates & health" in text(), "the standup to be read from git")
        assert "needs ≥" in text()
        assert not [line for line in text().splitlines() if ends_with_a_bound(line)]
