"""80×24 that holds: a header that never wraps, an over-budget flag never cut, the filter under the
header (not over it), the objective form's heading in view, wrapped panel rows that keep their indent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.content import Content

from board import store
from board.app import RolloutApp
from board.model import Phase
from board.screens.contingency_panel import ContingencyPanel
from board.screens.objective_form import ObjectiveForm
from board.screens.review_panel import Row, option
from board.widgets.column import progress_line

TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def activate_a_contingency(path: Path) -> None:
    plan = store.load(path)
    plan.contingencies[0].active = True
    plan.contingencies[0].activated = TODAY
    store.save(plan, path)


async def test_the_header_never_wraps_and_keeps_flag_file_and_save_state(plan_path: Path) -> None:
    activate_a_contingency(plan_path)
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"opa")
        header = app.main_screen.header  # type: ignore[union-attr]
        lines = Content.from_markup(header.render()).plain.splitlines()
        assert len(lines) == 2
        assert all(len(line) <= header.content_region.width for line in lines), lines
        assert "⚑ Resource Constraints" in lines[0]
        assert "plan.toml" in lines[1] and "✓ saved" in lines[1] and "filter: 1 of 32" in lines[1]
        # The filter box stands under the header, not over it.
        filter_box = app.main_screen.filter_input  # type: ignore[union-attr]
        assert filter_box.region.y >= header.region.bottom


def test_the_over_budget_flag_is_never_cut() -> None:
    phase = Phase("p3", "Performance", 5, 6, rollback_budget="4h", rollback_estimate="5h")
    for width in (14, 17, 18, 25, 40):
        text = Content.from_markup(progress_line(phase, 3, 8, width)).plain
        assert len(text) <= width, (width, text)
        assert "5h/4h" in text and ("over" in text or "!" in text) and "…" not in text, (width, text)
    assert "over" in Content.from_markup(progress_line(phase, 3, 8, 40)).plain


async def test_the_new_objective_form_shows_its_heading_and_title_label_at_80x24(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, ObjectiveForm)
        await pilot.pause()
        body = form.query_one("#form-body")
        assert body.scroll_y == 0
        for selector in ("#form-title", "Label", "#title"):
            widget = form.query(selector).first()
            assert body.region.contains_region(widget.region), selector
        save = form.query_one("#save")
        assert body.region.contains_region(save.region)  # the whole form fits: nothing scrolls away


def test_a_wrapped_row_keeps_its_indent() -> None:
    row = Row("  ☐ " + "word " * 30, "step", ("p1",), 0)
    prompt = option(row, 40).prompt
    assert isinstance(prompt, Content)
    lines = prompt.plain.splitlines()
    assert len(lines) > 2
    assert lines[0].startswith("\u00a0\u00a0☐ ")
    assert all(line.startswith("\u00a0" * 4) and len(line) <= 40 for line in lines[1:])


async def test_contingency_actions_wrap_under_their_bullet_at_80x24(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        panel = app.screen
        assert isinstance(panel, ContingencyPanel)
        width = panel.list_width()
        assert 0 < width < 40
        wrapped = 0
        for index in range(panel.list.option_count):
            lines = Content(str(panel.list.get_option_at_index(index).prompt)).plain.splitlines()
            for line in lines[1:]:
                wrapped += 1
                assert line.startswith("\u00a0" * 5), line  # under the text after "   • "
        assert wrapped > 0
