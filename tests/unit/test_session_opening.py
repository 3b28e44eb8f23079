"""Opening a plan makes only what showing it needs: the editor and the snapshot every change is measured
against are made when first asked for (the board asks after its first frame), and behave as before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.generate import generate_plan
from board import store
from board.session import PlanSession

TODAY = date(2026, 11, 30)


def _refuse(*_args: object) -> object:
    raise AssertionError("opening the plan took a snapshot of it")


def test_opening_a_plan_takes_no_snapshot_and_makes_no_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.toml"
    store.save(generate_plan(60, seed=3, linked=True), path)
    data = path.read_bytes()
    loaded = (data, store.loads(data, str(path)))
    with monkeypatch.context() as patched:
        patched.setattr(store, "snapshot", _refuse)
        session = PlanSession(path, today=lambda: TODAY, loaded=loaded)
        assert session.check_disk().kind == "same"
    assert session._editor is None
    assert session._base_snapshot is None
    # Made when first asked for: the snapshot first, of the plan as the file holds it.
    before = store.snapshot(session.plan)
    editor = session.ready_to_edit()
    assert session.editor is editor and session.ready_to_edit() is editor
    assert session._base == before
    oid = next(o.id for o in session.plan.objectives if o.status == "todo")
    editor.advance(oid)
    assert session._base == before  # the change is measured against the plan as read
    assert session.save() is None
    assert path.read_bytes() == store.dumps(session.plan).encode()
    assert store.load(path).objective(oid).status != "todo"
    assert session._base == store.snapshot(session.plan)


def test_a_plan_never_edited_is_saved_over_a_deleted_file_and_reloaded_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    store.save(generate_plan(20, seed=4), path)
    session = PlanSession(path, today=lambda: TODAY)
    text = path.read_bytes()
    path.unlink()
    assert session.save(force=True) is None  # keep mine: written again, no editor needed
    assert path.read_bytes() == text
    assert session._editor is None
    # A change on disk (a pull) is taken; the next editor edits the plan taken, measured against it.
    other = store.load(path)
    other.objectives[0].title = "Changed on disk"
    store.save(other, path)
    state = session.check_disk()
    assert state.kind == "changed"
    session.take(state)
    assert session._editor is None and session._base_snapshot is None
    assert session.plan.objectives[0].title == "Changed on disk"
    session.editor.advance(session.plan.objectives[1].id)
    assert session.save() is None
    reread = store.load(path)
    assert reread.objectives[0].title == "Changed on disk"
    assert reread.objectives[1].status == session.plan.objectives[1].status


def test_a_file_touched_but_unchanged_is_the_same_and_a_changed_one_is_not(tmp_path: Path) -> None:
    import os

    path = tmp_path / "plan.toml"
    store.save(generate_plan(20, seed=5), path)
    session = PlanSession(path, today=lambda: TODAY)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # touched: another stat, same bytes
    assert session.check_disk().kind == "same"
    assert session.check_disk().kind == "same"  # the new stat is remembered
    path.write_bytes(path.read_bytes().replace(b"schema = 1", b"schema = 1\n# a note", 1))
    state = session.check_disk()
    assert state.kind == "changed" and state.plan is not None
