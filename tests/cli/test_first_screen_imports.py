"""The board's first screen imports what it shows: no TextArea (with textual.document) until a form
needs one; and ``q`` typed into a form's TextArea is still a letter, not quit."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from textual.widgets import TextArea

from board.app import RolloutApp

FIRST_FRAME = """
import sys
from pathlib import Path
from board.app import RolloutApp

app = RolloutApp(Path(sys.argv[1]), watch_interval=0)
app.call_after_refresh(app.exit)
app.run(headless=True, size=(160, 45))
print(sorted(m for m in sys.modules if m.startswith(("textual.widgets._text_area", "textual.document"))))
print(sorted(m for m in sys.modules if m.startswith("board.screens.merge_conflicts")))
"""


def test_the_first_frame_imports_no_text_area(plan_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(plan_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-2] == "[]"
    assert out.stdout.strip().splitlines()[-1] == "[]"  # nor the merge-conflicts screen of a plan without any


async def test_q_in_a_forms_notes_is_a_letter(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        notes = app.screen.query_one("#notes", TextArea)
        app.screen.set_focus(notes)
        await pilot.pause()
        await pilot.press("q", "question_mark")
        await pilot.pause()
        assert app.is_running
        assert "q?" in notes.text
