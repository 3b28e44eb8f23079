"""The metrics panel (`m`): each metric's baseline, current value, target, progress and trend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from board.keys import bindings_for
from board.model import Change, Metric
from board.model.numbers import number_problem, parse_number
from board.screens.fields_form import Field
from board.screens.review_panel import ReviewPanel, Row
from board.widgets.cards import progress_bar, truncate
from board.widgets.markup import escape

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[round((v - low) / span * (len(SPARKS) - 1))] for v in values[-16:])


METRIC_COLUMNS = ("Baseline", "Current", "Target", "Progress", "Trend")
VALUE_WIDTH = 8
BAR_WIDTH = 8
TREND_WIDTH = 9
METRIC_FIXED = 2 + 3 * (1 + VALUE_WIDTH) + 1 + BAR_WIDTH + 5 + 1 + TREND_WIDTH


def trend(metric: Metric) -> str:
    """The last readings as a sparkline, then whether the last change was for the better (↗) or worse (↘)."""
    values = [r.value for r in sorted(metric.history, key=lambda r: r.date)]
    if not values:
        return "[$text-muted]—[/]"
    spark = sparkline(values[-(TREND_WIDTH - 2) :])
    if len(values) < 2 or values[-1] == values[-2]:
        return f"[$accent]{spark}[/] →"
    better = (values[-1] > values[-2]) == (metric.direction != "down")
    return f"[$accent]{spark}[/] " + ("[$success]↗[/]" if better else "[$error]↘[/]")


def metric_row(metric: Metric, name_width: int) -> str:
    """One metric on one line: name, baseline, current, target (≥ or ≤: which way is better), progress, trend."""
    from board.standup.wording import format_value

    def cell(text: str) -> str:
        return escape(truncate(text, VALUE_WIDTH).rjust(VALUE_WIDTH))

    if metric.relative:
        baseline = "[$text-muted]" + "start".rjust(VALUE_WIDTH) + "[/]"
    else:
        baseline = cell("—" if metric.baseline is None else format_value(metric, metric.baseline))
    current = cell("—" if metric.current is None else format_value(metric, metric.current))
    better = "≤" if metric.direction == "down" else "≥"
    target = cell(better + format_value(metric, metric.target))
    progress = metric.progress()
    bar = progress_bar(round((progress or 0) * 100), 100, BAR_WIDTH)
    pct = "   —" if progress is None else f"{progress * 100:3.0f}%"
    name = escape(truncate(metric.name, name_width).ljust(name_width))
    return f"  {name} {baseline} [b]{current}[/b] {target} [$success]{bar}[/]{pct:>5} {trend(metric)}"


def metric_header(name_width: int) -> str:
    names = " ".join(c.rjust(VALUE_WIDTH) for c in METRIC_COLUMNS[:3])
    return f"[b $text-muted]  {'Metric'.ljust(name_width)} {names} {METRIC_COLUMNS[3].ljust(BAR_WIDTH + 5)} {METRIC_COLUMNS[4]}[/]"


class MetricsPanel(ReviewPanel):
    """The success metrics by group: one row each under column headers (baseline, current, target,
    progress, trend); relative metrics (+40%) count the change since the start."""

    TITLE_TEXT = "Success metrics"
    BINDINGS = bindings_for("metrics")

    def heading(self) -> str:
        return "[b]Success metrics[/b]  [$text-muted]v records a value for the highlighted metric (date: today)[/]"

    def name_width(self) -> int:
        # The list's padding and scrollbar take 4 columns of the screen; one more to spare.
        return max(12, min(32, (self.app.size.width or 80) - 5 - METRIC_FIXED))

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        width = self.name_width()
        for group in ("technical", "business", "quality"):
            metrics = [m for m in self.plan.metrics if m.group == group]
            if not metrics:
                continue
            rows.append(Row(f"[b $accent]{group.title()} metrics[/]"))
            rows.append(Row(metric_header(width)))
            rows += [Row(metric_row(metric, width), "metric", (metric.id,)) for metric in metrics]
        if not rows:
            return [Row("No metrics in this plan.")]
        if any(m.relative for m in self.plan.metrics):
            rows.append(Row("[$text-muted]Relative metrics (±%) count the change since the start of the rollout.[/]"))
        rows.append(Row("[$text-muted]≥ higher is better · ≤ lower is better · ↗ ↘ the last reading's change[/]"))
        return rows

    def action_record(self) -> None:
        row = self.current()
        if row is None or row.kind != "metric":
            return
        editor = self.app.session.editor
        metric = self.plan.metric(row.ref[0])
        today = self.app.today()

        def make(v: dict[str, str]) -> Callable[[], Change]:
            value = parse_number(v["value"])
            if value is None:
                raise ValueError(number_problem(v["value"]) or f"{v['value']!r} is not a number")
            try:
                day = date.fromisoformat(v["date"]) if v["date"] else today
            except ValueError:
                raise ValueError(f"{v['date']!r} is not a date like {today.isoformat()}") from None
            return lambda: editor.record_metric(metric.id, value, day)

        unit = f" ({metric.unit})" if metric.unit else ""
        hint = "the change since the start, e.g. 15" if metric.relative else ""
        self.form(
            f"Record {metric.name} · {metric.spec()}",
            [Field("value", f"Value{unit}", placeholder=hint), Field("date", "Date", today.isoformat())],
            make,
        )
