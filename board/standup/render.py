"""The standup as text for a shared terminal, or as Markdown for a chat message.

The text puts the objectives across the full width and, from 100 columns up,
the safety half (criteria, contingencies | rollback readiness, metrics) in
two columns, so the bundled plan in mid-rollout fits 120×40 (its gates wrapped, never cut).
"""

from __future__ import annotations

from datetime import date

from board.model.gates import METRIC_MARK
from board.model.words import counted
from board.standup.report import Item, Readiness, Standup
from board.standup.wording import describe_duration
from board.term import Line, Painter, status_style, status_symbol, width, wrap

TWO_COLUMNS_FROM = 100
GAP = 3
MAX_ID = 26
OWNER_ROOM = 12  # kept for the owner after the title; the details after it are cut first


def _day(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _heading(text: str, count: int | None = None) -> Line:
    line = Line((text, "bold"))
    if count is not None:
        line.add(f" ({count})" if count else " — none", "dim")
    return line


# --- text ------------------------------------------------------------------
def render_text(standup: Standup, width: int = 120, color: bool = False) -> str:
    """The standup for a terminal: every line at most ``width`` columns, ANSI colour when ``color``."""
    paint = Painter(color)
    top = [_title_line(standup), Line()]
    top += _objective_block(standup, width)
    if standup.since_commit is not None:
        top.append(_heading("Since the last commit", len(standup.since_commit)))
        top += [Line("  • ", str(change)) for change in standup.since_commit]
    two = width >= TWO_COLUMNS_FROM
    left_width = (width - GAP) // 2 if two else width
    left = (
        _criteria_block(standup, left_width)
        + _contingency_block(standup, left_width)
        + _control_block(standup, left_width)
    )
    right = _late_block(standup) + _readiness_block(standup) + _readings_block(standup)
    lines = [line.render(paint, width) for line in top]
    lines.append("")
    if two:
        lines += _side_by_side(left, right, width, paint)
    else:
        lines += [line.render(paint, width) for line in left + right]
    return "\n".join(lines)


def _title_line(s: Standup) -> Line:
    week = s.week_line
    if s.week_line == "not started" and s.starts is not None:
        week += f" (week 1 starts {_day(s.starts)})"
    return Line(("Standup", "bold"), f" · {s.title} · {_day(s.today)} · ", (week, "bold", "cyan"))


def _objective_block(s: Standup, columns: int) -> list[Line]:
    everything = s.done + s.in_progress + s.blocked + s.late + s.not_started
    id_width = min(MAX_ID, max((len(i.id) for i in everything), default=0))
    title_room = max(10, columns - 4 - id_width - 4 - OWNER_ROOM)
    title_width = min(title_room, max((width(i.title) for i in everything), default=0))

    def row(item: Item, detail: str) -> Line:
        owner = f"@{item.owner}" if item.owner else "no owner"
        title = item.title if width(item.title) <= title_width else item.title[: title_width - 1] + "…"
        line = Line(
            "  ",
            (status_symbol(item.status), status_style(item.status)),
            " ",
            (item.id.ljust(id_width), "bold"),
            "  ",
            title + " " * (title_width - width(title)),
            "  ",
            (owner, "cyan" if item.owner else "dim"),
        )
        if detail and line.width() + 3 + width(detail) <= columns:  # a detail is shown whole or not at all
            line.add(f" · {detail}", "dim")
        return line

    lines = [_heading(f"Done since {_day(s.since)}", len(s.done))]
    lines += [row(i, f"done {i.day.isoformat()}" if i.day else "") for i in s.done]
    lines.append(_heading("In progress", len(s.in_progress)))
    lines += [row(i, _progress(i)) for i in s.in_progress]
    lines.append(_heading("Blocked", len(s.blocked)))
    for item in s.blocked:
        lines.append(row(item, f"blocked since {item.day.isoformat()}" if item.day else ""))
        lines += [Line(" " * 6, ("↳ " + reason, "red")) for reason in item.reasons]
    lines.append(_heading("This week, not started", len(s.not_started)))
    lines += [row(i, "") for i in s.not_started]
    return lines


def _late_block(s: Standup) -> list[Line]:
    """Late: past weeks, not done (beside the criteria, so the standup keeps to one screen)."""
    lines = [_heading("Late", len(s.late))]
    id_width = min(MAX_ID, max((len(i.id) for i in s.late), default=0))
    lines += [
        Line(
            "  ",
            (status_symbol(i.status), status_style(i.status)),
            " ",
            (i.id.ljust(id_width), "bold"),
            "  ",
            (i.detail, "dim"),
        )
        for i in s.late
    ]
    return lines


def _progress(item: Item) -> str:
    status = "" if item.status == "in-progress" else f"{item.status} "
    return f"{status}since {item.day.isoformat()}" if item.day else item.status


def _criteria_block(s: Standup, columns: int) -> list[Line]:
    if not s.criteria_phase:
        return [_heading("Success criteria"), Line(("  no current phase", "dim"))]
    met, total = len(s.criteria_met), len(s.criteria_met) + len(s.criteria_open)
    lines = [_heading(f"Criteria · {s.criteria_phase}").add(f" ({met}/{total} met)", "dim")]
    for texts, box, style in ((s.criteria_met, "[x]", "green"), (s.criteria_open, "[ ]", "yellow")):
        # A criterion met from a metric's reading has its sign, not a box: it is never ticked by hand.
        for text in texts:
            mark = f" {METRIC_MARK} " if text in s.criteria_linked else box
            lines += wrap(Line("  ", (mark, style), " ", text), columns, 6)  # whole: the value and the bound
    return lines


def _contingency_block(s: Standup, columns: int) -> list[Line]:
    """One line a plan; how many of its actions are done when that fits whole (the Markdown lists them)."""
    lines = [_heading("Active contingencies", len(s.contingencies))]
    for c in s.contingencies:
        line = Line("  ", ("!", "bold", "yellow"), f" {c.title}", (f" · {c.detail}", "dim"))
        if c.checks:
            done = f" · {sum(1 for checked, _, _ in c.checks if checked)}/{len(c.checks)} done"
            if line.width() + width(done) <= columns:  # a detail is shown whole or not at all
                line.add(done, "dim")
        lines.append(line)
    return lines


HEALTH_STYLES = {"on track": "green", "at risk": "yellow", "off track": "red"}


def _control_block(s: Standup, columns: int) -> list[Line]:
    """Each phase's gate, wrapped under its first line, never cut. The gates of the phase in view
    and of the phases before it list their open items (the criteria of the phase in view counted:
    they are listed above) and their health's reasons; a later phase's gate its verdict and health
    alone (the risk panel, `r`, has the rest), so the standup keeps to one screen."""
    c = s.control
    if not c.phases:
        return []
    lines = [_heading("Gates & health").add(" · plan ").add(f"{c.symbol} {c.health}", "bold", HEALTH_STYLES[c.health])]
    ids = [g.phase_id for g in c.phases]
    now = ids.index(s.phase_id) if s.phase_id in ids else 0
    for index, g in enumerate(c.phases):
        label, _, gate = g.gate.partition(": ")
        verdict, _, _items = gate.partition(": ")  # "NO-GO, 4 open"
        style = "green" if verdict == "GO" else "red"
        line = Line("  ", (f"{g.symbol} ", HEALTH_STYLES[g.health]), (label, "bold"), ": ", (verdict, style))
        if index > now:
            lines.append(line.add(f" · {g.health}", HEALTH_STYLES[g.health]) if g.open else line)
            continue
        criteria = sum(1 for kind, _ in g.open if kind == "criterion")
        above = g.phase_id == s.phase_id and bool(s.criteria_phase)
        shown = [words for kind, words in g.open if kind != "criterion" or not above]
        if criteria and above:
            shown.insert(0, f"{counted(criteria, 'criterion', 'criteria')} not met (above)")
        if shown:
            line.add(": " + "; ".join(shown), style)
        lines += wrap(line, columns, 4)
        if g.reasons:
            lines += wrap(Line("      ↳ ", (f"{g.health}: " + ", ".join(g.reasons), "dim")), columns, 8)
    if c.slips:
        lines.append(_heading("Slipped dependencies", len(c.slips)))
        lines += [Line("  ", ("⇄ ", "yellow"), slip) for slip in c.slips]
    return lines


def _readiness_line(r: Readiness) -> list[Line]:
    over = ("  OVER BUDGET", "bold", "red") if r.over_budget else ("  within budget", "green")
    rehearsed = f"last {r.rehearsed.isoformat()}" if r.rehearsed else "never rehearsed"
    complete = "green" if r.steps and r.steps_done == r.steps else "yellow"
    lines = [
        Line("  ", (r.phase, "bold"), (f" · {r.role}" if r.role else "", "dim")),
        Line(f"     estimate {describe_duration(r.estimate)} / budget {describe_duration(r.budget)}", over),
        Line("     rehearsed ", (f"{r.steps_done}/{counted(r.steps, 'step')}", complete), f", {rehearsed}"),
    ]
    if r.logged:
        lines[-1] = Line("     last rehearsal ", r.logged, ("  STALE", "bold", "red") if r.stale else "")
    return lines


def _readiness_block(s: Standup) -> list[Line]:
    lines = [_heading("Rollback readiness")]
    for r in s.readiness:
        lines += _readiness_line(r)
    if not s.readiness:
        lines.append(Line(("  no phases", "dim")))
    return lines


def _readings_block(s: Standup) -> list[Line]:
    lines = [_heading(f"Metrics recorded since {_day(s.since)}", len(s.readings))]
    id_width = max((len(r.id) for r in s.readings), default=0)
    value_width = max((width(r.value) for r in s.readings), default=0)
    lines += [
        Line(
            "  ",
            (r.id.ljust(id_width), "bold"),
            "  ",
            (r.value.rjust(value_width), "cyan"),
            f" on {r.day.isoformat()}",
            (f" ({r.spec})", "dim"),
        )
        for r in s.readings
    ]
    return lines


def _side_by_side(left: list[Line], right: list[Line], columns: int, paint: Painter) -> list[str]:
    left_width = (columns - GAP) // 2
    right_width = columns - GAP - left_width
    out = []
    for index in range(max(len(left), len(right))):
        a = left[index].render(paint, left_width) if index < len(left) else ""
        b = right[index].render(paint, right_width) if index < len(right) else ""
        out.append((a + " " * (left_width - width(a) + GAP) + b) if b else a)
    return out


# --- Markdown ----------------------------------------------------------------
def _md(text: str) -> str:
    """``text`` with the characters that would start Markdown emphasis or code escaped."""
    for char in ("\\", "`", "*", "_"):
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(standup: Standup) -> str:
    """The standup as Markdown, for a chat message."""
    s = standup
    out = [f"**Standup · {_md(s.title)}** — {_day(s.today)} · {s.week_line}"]

    def section(heading: str, entries: list[str], suffix: str | None = None) -> None:
        out.append("")
        if suffix is None:
            suffix = f" ({len(entries)})" if entries else ""
        out.append(f"**{heading}**{suffix}")
        out.extend(f"- {entry}" for entry in entries or ["none"])

    def objective(item: Item, detail: str = "") -> str:
        owner = f"@{_md(item.owner)}" if item.owner else "no owner"
        return f"`{item.id}` {_md(item.title)} — {owner}" + (f", {_md(detail)}" if detail else "")

    section(f"Done since {_day(s.since)}", [objective(i, i.day.isoformat() if i.day else "") for i in s.done])
    section("In progress", [objective(i, i.detail) for i in s.in_progress])
    section("Blocked", [objective(i) + " — " + "; ".join(_md(r) for r in i.reasons) for i in s.blocked])
    section("Late", [objective(i, i.detail) for i in s.late])
    section("This week, not started", [objective(i) for i in s.not_started])
    if s.criteria_phase:
        met, total = len(s.criteria_met), len(s.criteria_met) + len(s.criteria_open)
        criteria = [f"[x] {_md(t)}" for t in s.criteria_met] + [f"[ ] {_md(t)}" for t in s.criteria_open]
        section(f"Criteria · {_md(s.criteria_phase)}", criteria, f" ({met}/{total} met)")
    readiness = []
    for r in s.readiness:
        budget = "**over budget**" if r.over_budget else "within budget"
        rehearsed = f"last {r.rehearsed.isoformat()}" if r.rehearsed else "never rehearsed"
        if r.logged:
            rehearsed = f"last rehearsal {r.logged}" + (", **stale**" if r.stale else "")
        readiness.append(
            f"{_md(r.phase)} ({r.role}): estimate {describe_duration(r.estimate)} / budget {describe_duration(r.budget)}, "
            f"{budget}; rehearsed {r.steps_done}/{counted(r.steps, 'step')}, {rehearsed}"
        )
    section("Rollback readiness", readiness, "")
    section(
        "Active contingencies",
        [
            f"`{c.id}` {_md(c.title)} — {c.detail}"
            + "".join(
                f"\n  - [{'x' if done else ' '}] {_md(text)}" + (f" ({when})" if when else "")
                for done, text, when in c.checks
            )
            for c in s.contingencies
        ],
    )
    control = s.control
    if control.phases:
        gates = []
        for g in control.phases:
            why = f" ({g.health}: {_md(', '.join(g.reasons))})" if g.reasons else f" ({g.health})"
            gates.append(_md(g.gate) + why)
        section("Gates & health", gates, f" · plan {control.health}")
    if control.slips:
        section("Slipped dependencies", [_md(slip) for slip in control.slips])
    section(f"Metrics recorded since {_day(s.since)}", [f"`{r.id}` {_md(r.name)}: {r.detail}" for r in s.readings])
    if s.since_commit is not None:
        section("Since the last commit", [_md(str(change)) for change in s.since_commit])
    return "\n".join(out) + "\n"
