"""Command-palette providers: every board action, and a jump to any objective."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from board.keys import KEYS, key_label, keys_in_force
from board.term import visible
from board.widgets.markup import escape

if TYPE_CHECKING:
    from board.host import Host

EXPORTS: list[tuple[str, str, str]] = [
    ("Export HTML report", "app.export_report('html')", "A one-page status report for stakeholders, next to the plan"),
    (
        "Export Markdown",
        "app.export_report('markdown')",
        "The plan in the strategy document's format, next to the plan",
    ),
    ("Export JSON", "app.export_report('json')", "The whole plan as JSON, next to the plan"),
    ("Export SVG picture", "app.export_report('svg')", "What the screen shows now, as an SVG next to the plan"),
]


def palette_actions(keys: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(name, action, help) of every board command; the help names its key as bound now (``keys``:
    binding id -> keys in force, the user's remaps applied). Markup: the keys are escaped."""

    def label(binding_id: str) -> str:
        return escape(key_label(keys[binding_id]))

    found = [
        (
            key.palette,
            f"app.{key.action}" if "app" in key.scopes else key.action,  # run on the board unless the app's
            f"{key.sentence[:1].upper()}{key.sentence[1:]} ({label(key.id)})",
        )
        for key in KEYS
        if key.palette
    ]
    merge = (
        "Resolve what a git merge left in [[conflicts]]: "
        f"{label('conflicts.ours')} ours, {label('conflicts.theirs')} theirs, {label('conflicts.edit')} edit"
    )
    return [*found, ("Merge conflicts", "app.merge_conflicts", merge), *EXPORTS]


class BoardCommands(Provider):
    """Every action of the board by name."""

    def _run(self, action: str) -> Callable[[], None]:
        app: Host = self.app  # type: ignore[assignment]
        return partial(app.run_board_action, action)

    def _actions(self) -> list[tuple[str, str, str]]:
        return palette_actions(keys_in_force(getattr(self.app, "keymap_in_force", None)))

    async def discover(self) -> Hits:
        for name, action, help_text in self._actions():
            yield DiscoveryHit(name, self._run(action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._actions():
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
