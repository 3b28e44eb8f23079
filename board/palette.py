"""Command-palette providers: every board action, and a jump to any objective."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from board.term import visible
from board.widgets.markup import escape

if TYPE_CHECKING:
    from board.host import Host

ACTIONS: list[tuple[str, str, str]] = [
    ("Phase board", "view('phase')", "Columns are phases, cards grouped by week (1)"),
    ("Status board", "view('status')", "Columns are statuses (2)"),
    ("Timeline", "view('timeline')", "The plan over time: one objective a row, its bar in its week (3)"),
    ("Filter objectives", "filter", "Filter by title, id, owner or tag (/)"),
    ("Undo", "undo", "Undo the last change (u)"),
    ("Redo", "redo", "Redo (ctrl+r)"),
    ("Risk & rollback", "panel('risk')", "The selected card's phase: risk, rollback, criteria (r)"),
    ("Contingency plans", "panel('contingency')", "Contingency plans and notes (c)"),
    ("Metrics", "panel('metrics')", "Success metrics (m)"),
    ("Plan structure", "panel('planning')", "Phases, weeks, statuses, criteria, rollback, checklists, metrics (P)"),
    ("Standup", "panel('standup')", "What moved, what is blocked, are we safe to deploy (s)"),
    (
        "Overview",
        "panel('overview')",
        "The whole plan: summary, phases, contingencies, metrics, acceptance criteria, post-implementation (o)",
    ),
    ("New objective", "objective('new')", "Add an objective (n)"),
    ("Edit objective", "objective('edit')", "Edit the selected objective (e)"),
    ("Open objective", "objective('open')", "Details, dependencies, notes (enter)"),
    ("Advance status", "objective('advance')", "todo → in-progress → done (space)"),
    ("Toggle blocked", "objective('block')", "Mark or clear blocked (b)"),
    ("Delete objective", "objective('delete')", "Asks first; u brings it back (x)"),
    (
        "Move card to previous column",
        "objective('column', -1)",
        "Previous phase, or previous status on the status board (H)",
    ),
    ("Move card to next column", "objective('column', 1)", "Next phase, or next status on the status board (L)"),
    ("Move objective a week earlier", "objective('week', -1)", "([)"),
    ("Move objective a week later", "objective('week', 1)", "(])"),
    ("Move card up", "objective('reorder', -1)", "Within its column (K)"),
    ("Move card down", "objective('reorder', 1)", "Within its column (J)"),
    ("Clear filter", "clear_filter", "Show every objective again (escape)"),
    ("Edit this phase", "edit_phase", "Name, weeks, priority, risk, rollback of the selected card's phase (E)"),
    ("Help", "help", "Every key (?)"),
    (
        "Merge conflicts",
        "app.merge_conflicts",
        "Resolve what a git merge left in [[conflicts]]: o ours, t theirs, e edit",
    ),
    ("Export HTML report", "app.export_report('html')", "A one-page status report for stakeholders, next to the plan"),
    (
        "Export Markdown",
        "app.export_report('markdown')",
        "The plan in the strategy document's format, next to the plan",
    ),
    ("Export JSON", "app.export_report('json')", "The whole plan as JSON, next to the plan"),
    ("Export SVG picture", "app.export_report('svg')", "What the screen shows now, as an SVG next to the plan"),
]


class BoardCommands(Provider):
    """Every action of the board by name."""

    def _run(self, action: str) -> Callable[[], None]:
        app: Host = self.app  # type: ignore[assignment]
        return partial(app.run_board_action, action)

    async def discover(self) -> Hits:
        for name, action, help_text in ACTIONS:
            yield DiscoveryHit(name, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._run(action), text=name, help=help_text)


class ObjectiveJump(Provider):
    """Jump to any objective: fuzzy over id, title, owner and tags."""

    async def search(self, query: str) -> Hits:
        app: Host = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for obj in app.session.plan.objectives:
            text = visible(  # plan text, shown with its control characters as escapes
                f"{obj.title}  {obj.id}"
                + (f"  @{obj.owner}" if obj.owner else "")
                + "".join(f"  #{t}" for t in obj.tags)
            )
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.jump_to, obj.id),
                    text=text,
                    help=f"week {obj.week} · {obj.status}",
                )


class PlanSwitch(Provider):
    """Open another plan: the recently opened ones first, then those in ./plans/."""

    def _candidates(self) -> list[Path]:
        from board.recent import recent_plans

        app: Host = self.app  # type: ignore[assignment]
        current = app.session.path.resolve()
        seen: set[Path] = {current}
        found: list[Path] = []
        for path in [*recent_plans(), *sorted(Path("plans").glob("*.toml"))]:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(path)
        return found

    async def discover(self) -> Hits:
        app: Host = self.app  # type: ignore[assignment]
        for path in self._candidates():
            # The palette reads a plain string as markup: a file name is escaped.
            yield DiscoveryHit(f"Open plan {escape(path.name)}", partial(app.switch_plan, path), help=escape(str(path)))

    async def search(self, query: str) -> Hits:
        app: Host = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for path in self._candidates():
            text = f"Open plan {visible(path.name)}"
            score = matcher.match(f"{text} {visible(str(path))}")
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), partial(app.switch_plan, path), text=text, help=escape(str(path))
                )
