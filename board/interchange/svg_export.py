"""The SVG export: a picture of the board, drawn headlessly by the app itself (so it imports Textual)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from board.app import RolloutApp
from board.term import visible

SVG_VIEW_KEYS = {"phase": "1", "status": "2", "timeline": "3", "standup": "s"}


def export_svg(
    plan_path: str | os.PathLike[str], view: str = "phase", size: tuple[int, int] = (160, 45), today: date | None = None
) -> str:
    """A picture of the board, rendered headlessly by the app itself (nothing is saved)."""
    if view not in SVG_VIEW_KEYS:
        raise ValueError(f"unknown view {view!r} (views: {', '.join(SVG_VIEW_KEYS)})")
    app = RolloutApp(Path(plan_path), today=(lambda: today) if today else None, watch_interval=0)

    async def draw(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press(SVG_VIEW_KEYS[view])
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.exit(app.export_screenshot(title=visible(f"{app.session.plan.title} — {view}")))

    svg = app.run(headless=True, size=size, auto_pilot=draw)
    if not isinstance(svg, str):
        raise RuntimeError("the board could not be drawn")
    return svg
