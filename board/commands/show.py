"""``rollout-board show PLAN``: the plan at a glance, in 80 columns, for a standup or a CI log."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from board.commands.dates import iso_date as _iso_date
from board.commands.show_control import control_lines
from board.model.words import counted
from board.term import (
    Line,
    Painter,
    escape_strings_but,
    status_style,
    status_symbol,
    truncate,
    visible,
    wants_colour,
    width,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board.model import Objective, Phase, Plan


COLUMNS = 80
BAR_MIN, BAR_MAX = 10, 24
OWNER_MAX = 16
NAME_MIN, NAME_MAX = 12, 38  # the phase-name column: as wide as the longest "p1 name", within these


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=_iso_date, help="the day to show the plan on (default: today)"
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.collector import collector_paused

    plan = store.load(args.plan)
    paint = Painter(wants_colour(sys.stdout))
    with collector_paused():  # a line an objective in progress, blocked or late: none of them in a cycle
        escape_strings_but(plan, "objectives")  # an objective's text is escaped where a row shows it
        lines = [line.render(paint, COLUMNS) for line in summary(plan, visible(args.plan), args.today or date.today())]
        lines.append("")
        text = "\n".join(lines)
    sys.stdout.write(text)
    return 0


def summary(plan: Plan, path: str, today: date) -> list[Line]:
    """Every line of the summary, styled, before it is cut to 80 columns."""
    current = plan.current_phase(today)
    names = max((width(_label(p.id, p.name)) for p in plan.phases), default=0)
    name_width = max(NAME_MIN, min(NAME_MAX, names))
    lines: list[Line] = []
    lines += _heading(plan, path, today, current)
    lines += _progress(plan, current, name_width)
    lines += _in_progress(plan)
    lines += _blocked(plan)
    lines += _late(plan, today)
    lines += _criteria(plan, current, name_width)
    lines += _rollback(plan, current, name_width)
    lines += _contingencies(plan)
    lines += control_lines(plan, today, name_width)
    return lines


# --- sections ------------------------------------------------------------


def _heading(plan: Plan, path: str, today: date, current: Phase | None) -> list[Line]:
    facts = [path, counted(plan.weeks, "week")]
    if plan.start is not None:
        facts.append(f"week 1 starts {plan.start:%a %Y-%m-%d}")
    lines = [Line((plan.title, "bold")), Line((" · ".join(facts), "dim"))]
    week = plan.this_week(today)
    if plan.start is None:
        lines.append(
            Line(("no start date: ", "yellow"), "set start = YYYY-MM-DD (the Monday of week 1) to see this week")
        )
    elif week is None:
        days = (plan.start - today).days
        lines.append(Line(("Not started: ", "bold"), f"week 1 begins in {counted(days, 'day')}"))
    elif week > plan.weeks:
        ended = plan.start + timedelta(weeks=plan.weeks) - timedelta(days=1)
        lines.append(Line(("Finished: ", "bold"), f"week {plan.weeks} ended on {ended:%a %Y-%m-%d}"))
    else:
        line = Line(("This week: ", "bold"), (f"week {week} of {plan.weeks}", "cyan", "bold"))
        if current is not None:
            line.add(" · ").add(f"{current.id} {current.name}", "cyan").add(f" ({_weeks(current)})", "dim")
        lines.append(line)
    return lines


def _progress(plan: Plan, current: Phase | None, name_width: int) -> list[Line]:
    from collections import Counter

    # Three passes for every count (plan.phase_progress and plan.progress made two a phase, one a status).
    by_status = Counter([o.status for o in plan.objectives])
    done_status = plan.done_status
    by_week = Counter([o.week for o in plan.objectives])
    done_by_week = Counter([o.week for o in plan.objectives if o.status == done_status])
    counts = Line(("Progress", "bold"), " ")
    for status in plan.statuses:
        counts.add("  ").add(status_symbol(status), status_style(status)).add(f" {by_status[status]} {status}")
    lines = [Line(), counts]
    rows = []
    for p in plan.phases:
        in_phase = [w for w in by_week if p.first_week <= w <= p.last_week]  # plan.objectives_in(p)
        done, total = sum(done_by_week[w] for w in in_phase), sum(by_week[w] for w in in_phase)
        rows.append((p.id, p.name, done, total, _weeks(p), p is current))
    rows.append(("", "all", by_status[done_status], len(plan.objectives), "", False))
    count_width = max(len(f"{done}/{total}") for _, _, done, total, _, _ in rows)
    weeks_width = max(len(weeks) for *_, weeks, _ in rows)
    # "▶ " + name + "  " + bar + "  " + count + " " + "100%" + "  " + weeks
    bar = COLUMNS - (2 + name_width + 2 + 2 + count_width + 1 + 4 + 2 + weeks_width)
    bar = max(BAR_MIN, min(BAR_MAX, bar))
    for pid, name, done, total, weeks, is_current in rows:
        line = _phase_cell(pid, name, is_current, name_width)
        line.add("  ")
        _bar(line, done, total, bar)
        percent = f"{round(100 * done / total) if total else 0}%"
        line.add("  " + f"{done}/{total}".rjust(count_width) + " " + percent.rjust(4))
        line.add("  " + weeks, "dim")
        lines.append(line)
    return lines


def _in_progress(plan: Plan) -> list[Line]:
    flow = plan.flow()
    working = flow[1:-1]  # between the first status and done: in-progress (and any custom ones)
    objectives = [o for o in plan.objectives if o.status in working]
    lines = [Line(), _section("In progress", len(objectives))]
    if not objectives:
        lines.append(Line(("  nothing in progress", "dim")))
    id_width, owner_width = _id_width(objectives), _owner_width(objectives)
    for obj in objectives:
        lines.append(_objective_row(obj, id_width, owner_width))
    return lines


def _blocked(plan: Plan) -> list[Line]:
    blocked = plan.blocked()
    lines = [Line(), _section("Blocked", len(blocked), "red" if blocked else "")]
    if not blocked:
        lines.append(Line(("  nothing blocked", "dim")))
    id_width, owner_width = _id_width(blocked), _owner_width(blocked)
    for obj in blocked:
        lines.append(_objective_row(obj, id_width, owner_width))
        if obj.blocked_reason:
            lines.append(Line(" " * 6, ("why: ", "dim"), obj.blocked_reason))
        waiting = plan.unfinished_dependencies(obj)
        line = Line(" " * 6)
        if not waiting:
            line.add(
                "no unfinished dependencies" if obj.blocked_reason else "no reason given, no unfinished dependencies",
                "dim",
            )
        else:
            line.add("waiting on: ", "dim")
            for i, dep in enumerate(waiting):
                found = plan.find_objective(dep)
                if i:
                    line.add(", ")
                if found is None:
                    line.add(dep).add(" (missing)", "red")
                else:
                    line.add(status_symbol(found.status) + " ", status_style(found.status)).add(dep)
        lines.append(line)
    return lines


def _late(plan: Plan, today: date) -> list[Line]:
    """Objectives of past weeks that are not done, with the week they were due."""
    late = plan.late(today)
    lines = [Line(), _section("Late", len(late), "red" if late else "")]
    if not late:
        lines.append(Line(("  nothing late" if plan.start else "  no start date, so nothing is late yet", "dim")))
    id_width = _id_width(late)
    for obj in late:
        symbol, ident, week = status_symbol(obj.status), obj.id.ljust(id_width), f"wk {obj.week}".ljust(5)
        room = max(10, COLUMNS - width(f"  {symbol} {visible(ident)}  {week} "))  # the row's start, as shown
        line = Line("  ", (symbol, status_style(obj.status)), " ", (ident, "bold"), "  ", (week, "red"), " ")
        lines.append(line.add(_fit(visible(obj.title), room)))
    return lines


def _criteria(plan: Plan, current: Phase | None, name_width: int) -> list[Line]:
    lines = [Line(), Line(("Success criteria", "bold"))]
    if not plan.phases:
        lines.append(Line(("  no phases", "dim")))
    for phase in plan.phases:
        met, total = plan.criteria_met(phase), len(phase.criteria)
        line = _phase_cell(phase.id, phase.name, phase is current, name_width)
        style = "green" if total and met == total else ""
        line.add("  ").add(f"{met}/{total} met", style)
        lines.append(line)
        if phase is current:
            from board.model.gates import criterion_words

            for criterion in phase.criteria:
                met_now = plan.criterion_met(criterion)
                mark, mark_style = ("✓", "green") if met_now else ("○", "grey")
                lines.append(Line("      ", (mark, mark_style), " ", criterion_words(plan, criterion)))
    return lines


def _rollback(plan: Plan, current: Phase | None, name_width: int) -> list[Line]:
    from board.model import short_minutes

    heading = Line(("Rollback", "bold"))
    heading.add(" " * max(2, 2 + name_width + 2 - heading.width())).add("estimate / budget", "dim")
    lines = [Line(), heading]
    for phase in plan.phases:
        line = _phase_cell(phase.id, phase.name, phase is current, name_width)
        estimate, budget = _minutes(phase.rollback_estimate), _minutes(phase.rollback_budget)
        spec = f"{_duration(phase.rollback_estimate, estimate) or '?'} / {phase.rollback_budget or '?'}"
        line.add("  ").add(spec.ljust(23))
        if estimate is None or budget is None:
            line.add("no estimate" if estimate is None else "no budget", "yellow")
        elif estimate > budget:
            line.add(f"✕ {short_minutes(estimate - budget)} over budget", "red", "bold")
        else:
            line.add("ok", "green")
        if phase.rehearsed is not None:
            dated = f" · rehearsed {phase.rehearsed:%Y-%m-%d}"
            line.add(dated if line.width() + width(dated) <= COLUMNS else " · rehearsed", "dim")
        lines.append(line)
    return lines


def _contingencies(plan: Plan) -> list[Line]:
    active = [c for c in plan.contingencies if c.active]
    standby = len(plan.contingencies) - len(active)
    lines = [Line(), _section("Active contingencies", len(active), "yellow" if active else "")]
    if not active:
        lines.append(Line((f"  none active ({standby} on standby)", "dim")))
        return lines
    for plan_ in active:
        line = Line("  ", ("● ", "yellow"), (plan_.name, "bold"))
        if plan_.activated is not None:
            line.add(f" · since {plan_.activated:%Y-%m-%d}", "dim")
        lines.append(line)
        for action in plan_.actions:
            lines.append(Line("      - ", action))
    if standby:
        lines.append(Line((f"  {standby} more on standby", "dim")))
    return lines


# --- pieces --------------------------------------------------------------


def _section(title: str, count: int, style: str = "") -> Line:
    return Line((title, "bold")).add(f" ({count})", *([style] if style else []))


def _label(pid: str, name: str) -> str:
    from board.model.plan import phase_label

    return phase_label(pid, name)


def _phase_cell(pid: str, name: str, current: bool, name_width: int) -> Line:
    """``▶ p2 Component Architecture`` padded to the name column; ▶ marks this week's phase."""
    cut = _fit(_label(pid, name), name_width)
    padded = cut + " " * (name_width - width(cut))
    if current:
        return Line(("▶ ", "cyan", "bold"), (padded, "cyan", "bold"))
    return Line("  ", padded)


def _bar(line: Line, done: int, total: int, columns: int) -> None:
    filled = round(columns * done / total) if total else 0
    if done and not filled:
        filled = 1
    if done < total and filled == columns:
        filled = columns - 1
    line.add("█" * filled, "green").add("░" * (columns - filled), "grey")


def _objective_row(obj: Objective, id_width: int, owner_width: int) -> Line:
    """``  ◐ opa-policy   Implement OPA policy enforcement   alice``, the title cut to fit."""
    owner_room = owner_width + 2 if owner_width else 0
    title_room = max(10, COLUMNS - 4 - id_width - 2 - owner_room)
    line = Line("  ", (status_symbol(obj.status), status_style(obj.status)), " ")
    line.add(obj.id.ljust(id_width), "bold").add("  ")
    title = _fit(visible(obj.title), title_room)
    line.add(title)
    if obj.owner:
        line.add(" " * (title_room - width(title) + 2)).add(_fit(visible(obj.owner), owner_width), "cyan")
    return line


def _owner_width(objectives: list[Objective]) -> int:
    return min(OWNER_MAX, max((width(visible(o.owner)) for o in objectives), default=0))


def _id_width(objectives: list[Objective]) -> int:
    return min(28, max((len(o.id) for o in objectives), default=0))


def _fit(text: str, columns: int) -> str:
    return truncate(text, columns)


def _weeks(phase: Phase) -> str:
    if phase.first_week == phase.last_week:
        return f"wk {phase.first_week}"
    return f"wk {phase.first_week}-{phase.last_week}"


def _minutes(text: str) -> int | None:
    from board.model import parse_duration

    if not text:
        return None
    try:
        return parse_duration(text)
    except ValueError:
        return None


def _duration(text: str, minutes: int | None) -> str:
    """``90m (1 h 30 min)``: as written, with the long form when it says more."""
    from board.model.durations import describe_duration

    return describe_duration(text) if text and minutes is not None else text
