"""Waiting on a condition in Pilot tests, instead of a fixed pause that is too short on a busy machine."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot


async def until(pilot: Pilot[object], condition: Callable[[], bool], what: str, seconds: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:g} s for {what}")
        await pilot.pause(0.02)


async def palette_offers(pilot: Pilot[object], text: str) -> None:
    """Wait until the command palette's first result mentions ``text`` (what enter would run)."""
    from textual.command import CommandList, CommandPalette

    def first_result() -> str:
        screen = pilot.app.screen
        if not isinstance(screen, CommandPalette):
            return ""
        results = screen.query_one(CommandList)
        if results.option_count == 0:
            return ""
        prompt = results.get_option_at_index(results.highlighted or 0).prompt
        return str(getattr(prompt, "plain", prompt)).lower()

    await until(pilot, lambda: text.lower() in first_result(), f"the palette to offer {text!r}")
