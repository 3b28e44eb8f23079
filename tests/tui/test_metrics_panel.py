"""The metrics panel (`m`): column headers, one row a metric at 80 columns, relative metrics worded as
changes, a trend that tells better from worse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.content import Content

from board.app import RolloutApp
from board.model import Metric, Reading
from board.screens.metrics_panel import MetricsPanel, metric_row
from board.standup import format_value

TODAY = date(2026, 11, 25)


def plain(markup: str) -> str:
    return Content.from_markup(markup).plain


def test_a_metric_reads_baseline_current_target_in_columns_not_as_a_fall() -> None:
    metric = Metric("security-score", "Security Score", "technical", 95, "%", baseline=70, current=78)
    metric.history = [Reading(date(2026, 11, 20), 74), Reading(date(2026, 11, 24), 78)]
    text = plain(metric_row(metric, 22))
    assert "→" not in text.replace("↗", "")  # no arrows between the numbers to read as a series
    cells = text.split()
    assert cells[2:5] == ["70%", "78%", "≥95%"]
    assert "32%" in text  # 8 of the 25 points of the way
    assert text.rstrip().endswith("↗")  # up is better, the last reading rose


def test_a_relative_metric_counts_the_change_since_the_start() -> None:
    metric = Metric("mttr", "Mean Time to Recovery", "business", -75, "%", relative=True, direction="down")
    metric.history = [Reading(date(2026, 11, 20), -20), Reading(date(2026, 11, 24), -30)]
    metric.current = -30
    text = plain(metric_row(metric, 22))
    assert "0%" not in text.split()  # no invented 0 % baseline
    assert "start" in text and "-30%" in text and "≤-75%" in text
    assert "40%" in text  # -30 of -75
    assert text.rstrip().endswith("↗")  # lower is better and it fell: an improvement
    metric.history.append(Reading(date(2026, 11, 25), -10))
    assert plain(metric_row(metric, 22)).rstrip().endswith("↘")


async def test_each_metric_fits_one_row_at_80x24_under_its_headers(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        panel = app.screen
        assert isinstance(panel, MetricsPanel)
        width = panel.list.scrollable_content_region.width
        texts = [plain(row.markup) for row in panel.rows]
        header = next(t for t in texts if "Baseline" in t)
        for name in ("Baseline", "Current", "Target", "Progress", "Trend"):
            assert name in header
        for row, text in zip(panel.rows, texts, strict=True):
            assert len(text) <= width, text
            if row.kind == "metric":
                metric = app.session.plan.metric(row.ref[0])
                # The target's column sits under "Target".
                target = ("≤" if metric.direction == "down" else "≥") + format_value(metric, metric.target)
                assert text.index(target) + len(target) == header.index("Target") + len("Target")
        # j / k move between metrics (headings are skipped).
        first = panel.list.highlighted
        await pilot.press("j")
        assert panel.list.highlighted != first and panel.rows[panel.list.highlighted or 0].kind == "metric"
