"""The board's save replays the editor's steps onto its last text (board.store.kept): it must write exactly
what the general path writes (a fresh snapshot of the whole plan, compared entry by entry), and keep its
snapshot equal to a fresh one, whatever the edits, undos and redos in between."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate_plan
from board import session as session_module
from board import store
from board.model import Objective, Plan, PlanError
from board.session import PlanSession
from board.store import kept as kept_module
from board.store import patch as patch_module
from board.store.patch import patch_text

TODAY = date(2026, 11, 30)


def _commented_crlf(text: str) -> str:
    """A plan as a person keeps it: a comment before each objective and after each status, CRLF endings."""
    out = ["# our rollout"]
    for line in text.split("\n"):
        if line.startswith("status = "):
            line += "   # said at standup"
        if line.startswith("[[objectives]]"):
            out.append("# an objective")
        out.append(line)
    return "\r\n".join(out)


def _edit(session: PlanSession, rng: random.Random, step: int) -> None:
    plan, editor = session.plan, session.editor
    oid = rng.choice([o.id for o in plan.objectives])
    kind = rng.randrange(14)
    if kind == 0:
        editor.advance(oid)
    elif kind == 1:
        editor.shift_week(oid, rng.choice([-1, 1]))
    elif kind == 2:
        editor.move_to_week(oid, rng.randint(1, plan.weeks))
    elif kind == 3:
        editor.reorder_objective(oid, rng.choice([-1, 1]))
    elif kind == 4:
        editor.toggle_blocked(oid, rng.choice(["", "waiting on legal"]))
    elif kind == 5:
        editor.set_notes(oid, rng.choice(["", "one line", f"two\nlines {step}"]))
    elif kind == 6:
        editor.edit_objective(oid, title=f"Renamed {step}", owner=rng.choice(["", "ana"]), tags=["x"])
    elif kind == 7:
        editor.undo()
    elif kind == 8:
        editor.redo()
    elif kind == 9:
        editor.combine("two", lambda: editor.advance(oid), lambda: editor.shift_week(oid, 1))
    elif kind == 10:
        editor.add_objective(Objective(f"added-{step}", f"Added {step}", rng.randint(1, plan.weeks)))
    elif kind == 11 and not plan.dependents(oid):
        editor.delete_objective(oid)
    elif kind == 12:
        editor.tick_criterion(plan.phases[0].id, 0)
    else:
        editor.edit_objective(oid, id=f"{oid}-x" if not oid.endswith("-x") else oid[:-2])


def _run(tmp_path: Path, plan: Plan, hand: bool, seed: int, steps: int) -> int:
    """Random edits, a save after each; returns how many saves took the replayed path."""
    path = tmp_path / f"plan-{seed}-{hand}.toml"
    text = store.dumps(plan)
    path.write_bytes((_commented_crlf(text) if hand else text).encode())
    session = PlanSession(path, today=lambda: TODAY)
    rng = random.Random(seed)
    replayed = 0
    for step in range(steps):
        before_text, before_plan = path.read_bytes().decode(), session._base
        try:
            for _ in range(rng.randint(1, 3)):  # a save may follow several changes (a failed save, a burst)
                _edit(session, rng, step)
        except (PlanError, IndexError):
            pass
        general = patch_text(before_text, before_plan, store.snapshot(session.plan))
        taken = _replays(session)
        assert session.save() is None
        replayed += taken[0]
        data = path.read_bytes()
        assert data.decode() == general, step
        if not hand:
            assert data == store.dumps(session.plan).encode(), step
        assert session._base == store.snapshot(session.plan), step  # the kept snapshot is a fresh one's equal
        assert store.loads(data) == session.plan, step
    return replayed


def _replays(session: PlanSession) -> list[int]:
    """Whether the coming save will take the replayed path (checked without saving)."""
    from board.store.kept import map_of, patch_touched

    known = map_of(session._data.decode())
    assert known is not None
    return [int(patch_touched(known, session._base, session._touched) is not None)]


@pytest.mark.parametrize("hand", [False, True], ids=["canonical", "commented-crlf"])
def test_saves_after_random_edits_write_what_the_general_path_writes(tmp_path: Path, hand: bool) -> None:
    plan = generate_plan(60, seed=3, linked=True)
    replayed = _run(tmp_path, plan, hand, seed=11, steps=80)
    assert replayed >= 30  # most saves (status, week, order, fields) took the replayed path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), hand=st.booleans())
@pytest.mark.slow
def test_any_edits_keep_the_snapshot_and_the_file_exact(tmp_path: Path, seed: int, hand: bool) -> None:
    plan = generate_plan(25, seed=seed % 7, linked=True)
    _run(tmp_path, plan, hand, seed=seed, steps=25)


def test_a_status_change_and_a_week_move_take_no_snapshot_of_the_whole_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What makes ``space``, ``L`` and ``H`` cost the change, not the plan: no fresh snapshot, no new text map."""
    path = tmp_path / "plan.toml"
    store.save(generate_plan(200, seed=1, linked=True), path)
    session = PlanSession(path, today=lambda: TODAY)
    ids = [o.id for o in session.plan.objectives if o.status != "done" and o.week < 7]
    session.editor.advance(ids[0])
    session.save()  # the first save builds the text map

    def refused(*_args: object) -> object:
        raise AssertionError("the whole plan was looked at again")

    monkeypatch.setattr(session_module.store, "snapshot", refused)
    # The session imports these where a save needs them (not when it opens a plan): patched at home.
    monkeypatch.setattr(kept_module, "map_of", refused)
    monkeypatch.setattr(patch_module, "patch_known", refused)
    for oid in ids[1:4]:
        session.editor.advance(oid)
        assert session.save() is None
        session.editor.shift_week(oid, 1)
        assert session.save() is None
        session.editor.shift_week(oid, -1)
        assert session.save() is None
        session.editor.undo()
        assert session.save() is None
    monkeypatch.undo()
    assert path.read_bytes() == store.dumps(session.plan).encode()
    assert session._base == store.snapshot(session.plan)


def test_a_change_to_something_else_than_objectives_takes_the_general_path(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    store.save(generate_plan(40, seed=2), path)
    session = PlanSession(path, today=lambda: TODAY)
    session.editor.tick_criterion(session.plan.phases[0].id, 0)
    assert session._touched.other
    assert session.save() is None
    assert not session._touched.other
    assert path.read_bytes() == store.dumps(session.plan).encode()


def test_history_tells_its_observers_every_change_done_undone_redone_and_discarded() -> None:
    plan = generate_plan(10, seed=1)
    from board.model import Editor

    editor = Editor(plan, today=lambda: TODAY)
    told: list[tuple[str, bool]] = []
    editor.history.observers.append(lambda change, forward: told.append((change.label, forward)))
    oid = plan.objectives[0].id
    editor.set_status(oid, "blocked")
    editor.undo()
    editor.redo()
    with pytest.raises(PlanError):
        editor.combine("both", lambda: editor.set_status(oid, "done"), lambda: editor.shift_week(oid, 99))
    label = f"{oid}: blocked → done"
    assert [forward for _, forward in told] == [True, False, True, True, False]
    assert told[3][0] == label and told[4][0] == label


@settings(max_examples=60, deadline=None)
@pytest.mark.slow
@given(moves=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=12), look=st.integers(0, 29))
def test_an_objective_is_found_at_its_place_after_any_moves(moves: list[tuple[int, int]], look: int) -> None:
    plan = generate_plan(30, seed=4)
    objectives = plan.objectives
    for a, b in moves:
        plan.find_objective(objectives[look].id)  # an index taken before the move, then stale
        objectives.insert(b, objectives.pop(a))
        for i, obj in enumerate(objectives):
            assert plan.find_objective(obj.id) is obj
            assert plan.position(obj.id) == i
    assert plan.find_objective("no-such-objective") is None
    assert plan.position("no-such-objective") is None


def test_moves_that_carry_an_entry_past_the_span_they_touch_are_saved_exactly(tmp_path: Path) -> None:
    """Two objectives taken out, then put back at places that shift a third one past the highest index
    the steps name ([a, b, c, x, ...] -> [b, c, x, a, ...]: x moves from 3 to 2, the indices named are
    0 and 2): the replay must not take the span of those indices for the span that changed."""
    from board.model.history import Change

    path = tmp_path / "plan.toml"
    store.save(generate_plan(30, seed=5), path)
    session = PlanSession(path, today=lambda: TODAY)
    before_text, before_plan = path.read_bytes().decode(), session._base
    objectives = session.plan.objectives
    a, b, x = objectives[0], objectives[1], objectives[3]
    change = Change("shuffle")
    change.remove(objectives, 0)
    change.remove(objectives, 0)
    change.insert(objectives, 2, a)
    change.insert(objectives, 0, b)
    assert objectives.index(x) == 2 and objectives.index(a) == 3
    session.editor.history.record(change)
    assert session.save() is None
    data = path.read_bytes().decode()
    assert data == patch_text(before_text, before_plan, store.snapshot(session.plan))
    assert data == store.dumps(session.plan)
    assert session._base == store.snapshot(session.plan)
