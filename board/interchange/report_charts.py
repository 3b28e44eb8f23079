"""The pictures of the status report, as inline SVG: metric charts, the phase timeline, the risk grid.

Every text that comes from the plan is escaped here; sizes are fixed numbers so a
chart never depends on the plan's size. No scripts, no external references.
"""

from __future__ import annotations

from board.model import Metric, Phase, Plan, Risk


def escape(text: str) -> str:
    """``html.escape`` (quotes too), without importing the html package and its table of every entity."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def phase_name(phase: Phase) -> str:
    """``<b>P1</b> Foundation``; only the name when the id just repeats it (:meth:`Phase.label`)."""
    if phase.label() == phase.name:
        return escape(phase.name)
    return f"<b>{escape(phase.id.upper())}</b> {escape(phase.name)}"


CHART_W, CHART_H = 220, 56


def _fmt(value: float) -> str:
    return f"{value:g}"


def metric_chart(metric: Metric) -> str:
    """Readings over time as a line, with the baseline (dashed) and the target (solid) across.

    The vertical scale spans the baseline, the target and every reading, so a reading
    that overshoots the target stays on the chart. Empty history: the two lines only.
    """
    values = [r.value for r in sorted(metric.history, key=lambda r: r.date)]
    if metric.current is not None and (not values or values[-1] != metric.current):
        values.append(metric.current)
    lines = [v for v in (metric.start_value(), metric.target) if v is not None]
    span = values + lines
    if not span:
        return ""
    low, high = min(span), max(span)
    if high == low:
        low, high = low - 1, high + 1
    pad = 6

    def y(value: float) -> float:
        return round(pad + (high - value) / (high - low) * (CHART_H - 2 * pad), 1)

    def x(i: int, n: int) -> float:
        return round(pad + (i / (n - 1) if n > 1 else 0.5) * (CHART_W - 2 * pad), 1)

    label = f"{metric.name}: " + ", ".join(_fmt(v) for v in values) if values else f"{metric.name}: no readings yet"
    out = [
        f'<svg class="chart" viewBox="0 0 {CHART_W} {CHART_H}" width="{CHART_W}" height="{CHART_H}" '
        f'role="img" aria-label="{escape(label)}">'
    ]
    start = metric.start_value()
    if start is not None:
        out.append(
            f'<line class="baseline" x1="0" x2="{CHART_W}" y1="{y(start)}" y2="{y(start)}"><title>baseline {escape(_fmt(start))}</title></line>'
        )
    out.append(
        f'<line class="target" x1="0" x2="{CHART_W}" y1="{y(metric.target)}" y2="{y(metric.target)}"><title>target {escape(_fmt(metric.target))}</title></line>'
    )
    if values:
        points = " ".join(f"{x(i, len(values))},{y(v)}" for i, v in enumerate(values))
        out.append(f'<polyline class="reading" points="{points}"/>')
        last_x, last_y = x(len(values) - 1, len(values)), y(values[-1])
        out.append(f'<circle class="reading" cx="{last_x}" cy="{last_y}" r="3"/>')
    out.append("</svg>")
    return "".join(out)


def timeline(plan: Plan, week: int | None) -> str:
    """Phases as bands across the plan's weeks, this week marked; a CSS grid, so it prints and scales."""
    weeks = max(plan.weeks, 1)
    cells = [f'<div class="timeline" style="grid-template-columns: repeat({weeks}, minmax(0, 1fr))">']
    step = max(1, weeks // 26)  # at most ~26 week labels, whatever the plan's length
    for w in range(1, weeks + 1):
        now = " now" if w == week else ""
        label = f"W{w}" if (w - 1) % step == 0 or w == week else ""
        cells.append(f'<div class="week{now}" style="grid-column: {w}">{label}</div>')
    for row, phase in enumerate(plan.phases, start=2):
        first = max(1, min(phase.first_week, weeks))
        last = max(first, min(phase.last_week, weeks))
        now = " now" if week is not None and phase.covers(week) else ""
        cells.append(
            f'<div class="band risk-{escape(phase.risk.lower() or "none")}{now}" '
            f'style="grid-column: {first} / {last + 1}; grid-row: {row}" title="{escape(phase.name)}">'
            f"{phase_name(phase)}</div>"
        )
    if week is not None and 1 <= week <= weeks:
        cells.append(
            f'<div class="marker" style="grid-column: {week}; grid-row: 1 / {len(plan.phases) + 2}" '
            'aria-label="this week"></div>'
        )
    cells.append("</div>")
    return "".join(cells)


def risk_grid(risks: list[Risk]) -> str:
    """Likelihood (rows, 5 at the top) × impact (columns): the number of open risks in each cell."""
    counts: dict[tuple[int, int], list[Risk]] = {}
    for risk in risks:
        counts.setdefault((risk.likelihood, risk.impact), []).append(risk)
    out = ['<table class="grid"><caption>Likelihood × impact of open risks</caption>']
    out.append('<tr><th scope="col"></th>' + "".join(f'<th scope="col">{i}</th>' for i in range(1, 6)) + "</tr>")
    for likelihood in range(5, 0, -1):
        row = [f'<tr><th scope="row">{likelihood}</th>']
        for impact in range(1, 6):
            here = counts.get((likelihood, impact), [])
            level = "high" if likelihood * impact >= 15 else "mid" if likelihood * impact >= 6 else "low"
            names = escape(", ".join(r.description for r in here))
            row.append(f'<td class="{level}" title="{names}">{len(here) or ""}</td>')
        out.append("".join(row) + "</tr>")
    out.append('<tr><td></td><td colspan="5" class="axis">impact →</td></tr></table>')
    return "".join(out)
