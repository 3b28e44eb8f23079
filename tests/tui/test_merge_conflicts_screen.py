"""A plan with a [[conflicts]] table opens on its conflicts; o / t / e resolve one each, u undoes."""

from __future__ import annotations

import copy
import html
import os
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static

from board import store
from board.app import RolloutApp
from board.model import Plan
from board.model.conflicts import parse_value, resolve
from board.model.editor import Editor
from board.model.errors import PlanError
from board.model.merge import merge
from board.screens.merge_conflicts import MergeConflictsScreen, ValueInput
from tests.conftest import BUNDLED_PATH

TODAY = date(2026, 11, 25)


def conflicted_plan() -> Plan:
    """The bundled plan merged with two conflicts: opa-policy's status and ci-cd's owner."""
    base = store.load(BUNDLED_PATH)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.objective("opa-policy").status = "blocked"
    theirs.objective("opa-policy").status = "done"
    ours.objective("ci-cd").owner = "ana"
    theirs.objective("ci-cd").owner = "bo"
    plan = merge(base, ours, theirs).plan
    assert [(c.entity, c.field) for c in plan.conflicts] == [("opa-policy", "status"), ("ci-cd", "owner")]
    return plan


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> Path:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "plan.toml"
    store.save(conflicted_plan(), target)
    return target


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


async def test_the_board_opens_on_the_conflicts_and_one_key_resolves_each(path: Path) -> None:
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflictsScreen)
        await pilot.press("t")  # opa-policy: take theirs
        on_disk = store.load(path)
        assert on_disk.objective("opa-policy").status == "done"
        assert on_disk.objective("opa-policy").changed == TODAY
        assert [c.entity for c in on_disk.conflicts] == ["ci-cd"]
        await pilot.press("o")  # ci-cd: keep ours
        await pilot.pause()
        assert not isinstance(app.screen, MergeConflictsScreen)
        text = path.read_text()
        assert "[[conflicts]]" not in text
        assert store.load(path).objective("ci-cd").owner == "ana"
        assert any(n.message == "resolved: git add plan.toml" for n in app._notifications)


async def test_undo_brings_a_conflict_back_and_redo_resolves_it_again(path: Path) -> None:
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j", "t")  # the second conflict: ci-cd's owner, theirs
        assert store.load(path).objective("ci-cd").owner == "bo"
        await pilot.press("u")
        on_disk = store.load(path)
        assert on_disk.objective("ci-cd").owner == "ana"
        assert [c.entity for c in on_disk.conflicts] == ["opa-policy", "ci-cd"]
        await pilot.press("ctrl+r")
        assert [c.entity for c in store.load(path).conflicts] == ["opa-policy"]


async def test_e_edits_the_value(path: Path) -> None:
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("j", "e")
        await pilot.pause()
        assert isinstance(app.screen, ValueInput)
        await pilot.press("ctrl+u", *"cy", "enter")
        await pilot.pause()
        on_disk = store.load(path)
        assert on_disk.objective("ci-cd").owner == "cy"
        assert [c.entity for c in on_disk.conflicts] == ["opa-policy"]


async def test_the_screen_shows_base_ours_and_theirs(path: Path) -> None:
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        for text in (
            "opa-policy · status",
            "todo",
            "blocked",
            "done",
            "ci-cd · owner",
            "ana",
            "bo",
            "plan.toml · 2 left",
        ):
            assert text in shown


def resolve_on_disk(path: Path, choice: str) -> None:
    """Another terminal resolves the first conflict left (``rollout-board resolve``, a script)."""
    plan = store.load(path)
    resolve(Editor(plan, today=lambda: TODAY), 0, choice)
    store.save(plan, path)


async def test_the_screen_follows_conflicts_resolved_on_disk_and_closes_when_none_is_left(path: Path) -> None:
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MergeConflictsScreen)
        title = lambda: str(screen.query_one("#conflicts-title", Static).content)  # noqa: E731
        table = lambda: html.unescape(app.export_screenshot()).replace("\xa0", " ")  # noqa: E731
        assert title().endswith("· 2 left") and "opa-policy · status" in table()
        resolve_on_disk(path, "theirs")  # opa-policy: done
        app.watch_file()  # the board's look at the file (every second when it runs)
        await pilot.pause()
        assert app.screen is screen
        assert title().endswith("· 1 left")
        assert "opa-policy · status" not in table() and "ci-cd · owner" in table()
        resolve_on_disk(path, "ours")
        app.watch_file()
        await pilot.pause()
        assert not isinstance(app.screen, MergeConflictsScreen)  # nothing left to resolve here
        assert store.load(path).conflicts == []


def test_a_choice_that_breaks_the_plan_is_refused_and_changes_nothing() -> None:
    plan = conflicted_plan()
    plan.conflicts[1].field = "week"  # as if theirs had moved ci-cd past the plan's end
    plan.conflicts[1].ours, plan.conflicts[1].theirs = 1, 99
    editor = Editor(plan, today=lambda: TODAY)
    before = copy.deepcopy(plan)
    with pytest.raises(PlanError, match="ci-cd, week"):
        resolve(editor, 1, "theirs")
    assert plan == before


def test_conflict_screen_snapshot(snap_compare, path: Path) -> None:  # type: ignore[no-untyped-def]
    async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("j")
        await pilot.pause()

    assert snap_compare(make_app(path), terminal_size=(80, 24), run_before=settle)


async def test_help_lists_the_conflict_keys(path: Path) -> None:
    from board.screens.help import help_text

    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = help_text(app)
        assert "keep ours for the selected conflict" in text and "take theirs for the selected conflict" in text


async def test_escape_goes_to_the_board_and_the_palette_action_comes_back(path: Path) -> None:
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert any("2 merge conflicts left" in n.message for n in app._notifications)
        app.run_board_action("app.merge_conflicts")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MergeConflictsScreen)


def _removed_conflict() -> Plan:
    """Ours removed ci-cd (which opa-policy is made to depend on in the base); theirs edited it."""
    base = store.load(BUNDLED_PATH)
    base.objective("gitleaks-secret").depends_on = ["ci-cd"]
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.objectives.remove(ours.objective("ci-cd"))
    ours.objective("gitleaks-secret").depends_on = []
    theirs.objective("ci-cd").owner = "bo"
    plan = merge(base, ours, theirs).plan
    assert [(c.entity, c.field, c.ours, c.theirs) for c in plan.conflicts] == [("ci-cd", "removed", "removed", "kept")]
    return plan


def test_a_removed_conflict_resolved_as_ours_removes_the_entity_and_its_links() -> None:
    plan = _removed_conflict()
    plan.objective("gitleaks-secret").depends_on = ["ci-cd"]
    editor = Editor(plan, today=lambda: TODAY)
    resolve(editor, 0, "ours")
    assert plan.find_objective("ci-cd") is None and plan.objective("gitleaks-secret").depends_on == []
    assert plan.conflicts == []
    editor.undo()
    assert plan.objective("ci-cd").owner == "bo" and plan.objective("gitleaks-secret").depends_on == ["ci-cd"]
    assert [c.field for c in plan.conflicts] == ["removed"]


def test_a_removed_conflict_resolved_as_theirs_keeps_it() -> None:
    plan = _removed_conflict()
    resolve(Editor(plan, today=lambda: TODAY), 0, "theirs")
    assert plan.objective("ci-cd").owner == "bo" and plan.conflicts == []


def test_conflicts_that_hold_each_other_up_resolve_together_and_an_edit_is_typed_as_the_field_is() -> None:
    base = store.load(BUNDLED_PATH)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.phase("p2").last_week, ours.phase("p3").first_week = 5, 6
    theirs.phase("p2").last_week, theirs.phase("p3").first_week = 3, 4
    theirs.objective("ci-cd").tags = ["ci"]
    ours.objective("ci-cd").tags = ["pipeline"]
    plan = merge(base, ours, theirs).plan
    assert [(c.entity, c.field, c.ours, c.theirs) for c in plan.conflicts] == [
        ("phase p2", "weeks", [3, 5], [3, 3]),
        ("phase p3", "weeks", [6, 6], [4, 6]),
        ("ci-cd", "tags", ["pipeline"], ["ci"]),
    ]
    editor = Editor(plan, today=lambda: TODAY)
    with pytest.raises(PlanError, match="belong to no phase"):  # an edit is one value: 3-3 leaves weeks 4, 5 bare
        resolve(editor, 0, "edit", [3, 3])
    # Theirs for p2 alone leaves weeks 4 and 5 in no phase: it takes theirs for every weeks
    # conflict at once, one undoable step.
    change = resolve(editor, 0, "theirs")
    assert change.label == "resolve every weeks conflict: theirs"
    assert [(p.first_week, p.last_week) for p in plan.phases[1:3]] == [(3, 3), (4, 6)]
    assert [c.field for c in plan.conflicts] == ["tags"]
    editor.undo()
    assert [(p.first_week, p.last_week) for p in plan.phases[1:3]] == [(3, 5), (6, 6)]
    assert len(plan.conflicts) == 3
    resolve(editor, 2, "edit", parse_value("ci, pipeline", plan.conflicts[2].ours))
    assert plan.objective("ci-cd").tags == ["ci", "pipeline"]


async def test_the_open_board_names_git_conflict_markers_written_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "plan.toml"
    text = BUNDLED_PATH.read_text()
    target.write_text(text)
    app = make_app(target)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        lines = text.split("\n")
        at = lines.index('status = "todo"')
        lines[at : at + 1] = ["<<<<<<< HEAD", 'status = "done"', "=======", 'status = "todo"', ">>>>>>> b"]
        target.write_text("\n".join(lines))
        app.watch_file()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        expected = f"{target}:{at + 1}:1: git conflict markers at line {at + 1}; run `rollout-board resolve {target}`"
        assert any(expected in message for message in said), said
        assert target.read_text() == "\n".join(lines)  # never overwritten


async def test_a_merge_written_under_the_open_board_opens_its_conflicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "plan.toml"
    target.write_text(BUNDLED_PATH.read_text())
    app = make_app(target)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, MergeConflictsScreen)
        store.save(conflicted_plan(), target)  # git merge, through the driver
        app.watch_file()
        await pilot.pause()
        assert isinstance(app.screen, MergeConflictsScreen)


async def test_done_when_a_git_merge_conflict_is_resolved_on_the_board_with_one_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    from tests.cli.test_git_merge import REL, board, branches, git

    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "GIT_AUTHOR_NAME": "Ana",
        "GIT_AUTHOR_EMAIL": "ana@example.invalid",
        "GIT_COMMITTER_NAME": "Ana",
        "GIT_COMMITTER_EMAIL": "ana@example.invalid",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / REL).write_text(BUNDLED_PATH.read_text())
    git(repo, env, "init", "-q", "-b", "main")
    git(repo, env, "add", ".")
    git(repo, env, "commit", "-q", "-m", "plan")
    assert board(repo, env, "git-setup").returncode == 0

    def ours(plan: Plan) -> None:
        plan.objective("opa-policy").status = "blocked"

    def theirs(plan: Plan) -> None:
        plan.objective("opa-policy").status = "done"

    branches(repo, env, ours, theirs)
    assert git(repo, env, "merge", "--no-edit", "feature", check=False).returncode != 0
    monkeypatch.chdir(repo)
    app = make_app(repo / REL)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflictsScreen)
        await pilot.press("t")
        await pilot.pause()
        assert any(n.message == f"resolved: git add {REL}" for n in app._notifications)
    assert board(repo, env, "validate", REL).returncode == 0
    assert store.load(repo / REL).objective("opa-policy").status == "done"
    git(repo, env, "add", REL)
    git(repo, env, "commit", "-q", "--no-edit")
    assert "merged: opa-policy: blocked → done" in board(repo, env, "log", REL).stdout


async def test_a_conflict_on_a_phase_gate_resolves_to_theirs_gate_with_one_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    # A gate is a table, not a value: the merge records both sides, the board shows them in words,
    # `e` says to choose a side, `t` takes theirs' whole gate and `u` brings the conflict back.
    from board.model.control import Gate, GateMetric

    monkeypatch.chdir(tmp_path)
    base = store.load(BUNDLED_PATH)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.phase("p1").gate = Gate(signoffs=["security"])
    theirs_gate = Gate(metrics=[GateMetric(base.metrics[0].id, at_least=0.5)], signoffs=["release manager"])
    theirs.phase("p1").gate = copy.deepcopy(theirs_gate)
    target = tmp_path / "plan.toml"
    store.save(merge(base, ours, theirs).plan, target)
    app = make_app(target)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MergeConflictsScreen)
        assert "security-score" in app.export_screenshot()  # theirs' gate, in words
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, ValueInput)
        await pilot.press("t")
        await pilot.pause()
        on_disk = store.load(target)
        assert on_disk.phase("p1").gate == theirs_gate and on_disk.conflicts == []
        await pilot.press("u")
        await pilot.pause()
        [conflict] = store.load(target).conflicts
        assert (conflict.ours, conflict.theirs) == (Gate(signoffs=["security"]), theirs_gate)
    with pytest.raises(ValueError, match="keep ours"):
        parse_value("signoffs security", Gate())
