"""After its first frame the board maps the plan file's text in a worker, so the first key that saves
costs what the later ones cost (board.store.kept): the key then neither maps nor snapshots the whole plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.generate import generate_plan
from board import session as session_module
from board import store
from board.app import RolloutApp
from board.store import kept as kept_module

TODAY = date(2026, 11, 25)


async def test_the_first_space_saves_with_the_map_built_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    path = tmp_path / "plan.toml"
    store.save(generate_plan(300, seed=1, linked=True), path)
    app = RolloutApp(path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session._map is not None

        def refused(*_args: object) -> object:
            raise AssertionError("the first save looked at the whole plan")

        # The editor and the snapshot it measures changes against were made after the first frame too.
        monkeypatch.setattr(kept_module, "map_of", refused)
        monkeypatch.setattr(session_module.store, "snapshot", refused)
        selected = app.main_screen.board.selected  # type: ignore[union-attr]
        assert selected is not None
        before = app.session.plan.objective(selected).status
        await pilot.press("space")
        await pilot.pause()
        assert not app.session.unsaved
        monkeypatch.undo()
    saved = store.load(path).objective(selected)
    assert saved.status != before
    assert path.read_bytes() == store.dumps(app.session.plan).encode()


def test_a_map_built_for_text_since_rewritten_is_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    store.save(generate_plan(20, seed=1), path)
    session = session_module.PlanSession(path, today=lambda: TODAY)
    data, known = session.text_map()
    assert known is not None
    session.editor.advance(session.plan.objectives[0].id)
    session.save()  # builds its own map and keeps it
    session._map = None
    session.keep_map(data, known)  # built for the text before that save
    assert session._map is None
    data, known = session.text_map()
    session.keep_map(data, known)
    assert session._map is known


async def test_the_boards_marks_after_keys_are_the_marks_worked_out_afresh(plan_path: Path) -> None:
    from board.widgets.control_marks import control_marks

    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        board = app.main_screen.board  # type: ignore[union-attr]
        for key in ["space", "b", "escape", "space", "j", "space", "space", "L", "u", "b", "escape", "space"]:
            await pilot.press(key)
            await pilot.pause()
            fresh = control_marks(app.session.plan, board.today or TODAY)
            assert board.marks == fresh, key
