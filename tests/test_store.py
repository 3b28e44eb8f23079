"""Saving: canonical and stable bytes, small diffs, atomic writes, kept file mode, clear errors."""

from __future__ import annotations

import difflib
import os
import stat
import tomllib
from datetime import date
from pathlib import Path

import pytest

from board.model import Editor, Objective, Plan
from board.store import SaveError, dumps, load, save

ROOT = Path(__file__).parent.parent
BUNDLED = ROOT / "plans" / "phased-rollout.toml"
BOARD = Path(__file__).parent / "data" / "board-plan.toml"
DAY = date(2026, 11, 20)


@pytest.fixture()
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_bytes(BUNDLED.read_bytes())
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) between two texts."""
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [d[1:] for d in diff if d.startswith("-") and not d.startswith("---")]
    added = [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")]
    return removed, added


def objective_blocks(text: str) -> dict[str, str]:
    """Each objective's ``[[objectives]]`` block of the file, by id."""
    blocks = {}
    for block in text.split("\n\n"):
        if block.startswith("[[objectives]]"):
            oid = tomllib.loads(block)["objectives"][0]["id"]
            blocks[oid] = block
    return blocks


# --- stable bytes ---------------------------------------------------------------------


@pytest.mark.parametrize("source", [BUNDLED, BOARD], ids=["bundled", "board"])
def test_saving_an_unchanged_loaded_file_writes_identical_bytes(tmp_path: Path, source: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(source.read_bytes())
    written = save(load(path), path)
    assert written == source.read_bytes()
    assert path.read_bytes() == source.read_bytes()


def test_save_returns_the_bytes_it_wrote(plan_file: Path) -> None:
    plan = load(plan_file)
    Editor(plan, today=lambda: DAY).set_status("ci-cd", "done")
    written = save(plan, plan_file)
    assert plan_file.read_bytes() == written == dumps(plan).encode("utf-8")


# --- small diffs ----------------------------------------------------------------------


def test_every_status_change_of_every_objective_changes_at_most_two_lines() -> None:
    original = BUNDLED.read_text(encoding="utf-8")
    plan = load(BUNDLED)
    editor = Editor(plan, today=lambda: DAY)
    for obj in list(plan.objectives):
        for status in plan.statuses:
            if status == obj.status:
                continue
            before = dumps(plan)
            editor.set_status(obj.id, status)
            after = dumps(plan)
            removed, added = changed_lines(before, after)
            assert len(removed) <= 2 and len(added) <= 2, (obj.id, status, removed, added)
            assert f'status = "{status}"' in added
            editor.undo()
            assert dumps(plan) == before
    assert dumps(plan) == original


def test_a_second_status_change_changes_the_status_and_the_date_only() -> None:
    plan = load(BUNDLED)
    days = iter([date(2026, 11, 20), date(2026, 11, 23)])
    editor = Editor(plan, today=lambda: next(days))
    editor.set_status("ci-cd", "in-progress")
    before = dumps(plan)
    editor.set_status("ci-cd", "done")
    removed, added = changed_lines(before, dumps(plan))
    assert removed == ['status = "in-progress"', "changed = 2026-11-20"]
    assert added == ['status = "done"', "changed = 2026-11-23"]


@pytest.mark.parametrize(
    "values",
    [
        {"title": "A new title"},
        {"status": "blocked"},
        {"owner": "dana"},
        {"tags": ["security", "ci"]},
        {"depends_on": ["opa-policy", "gitleaks-secret"]},
        {"notes": 'Line one\nLine "two" with \\ and """ quotes\nLine three'},
        {"week": 5},
        {"week": 2},
        {"id": "enhanced-ci"},
    ],
    ids=lambda v: next(iter(v)),
)
def test_editing_one_objective_never_changes_another_objectives_lines(values: dict) -> None:
    plan = load(BUNDLED)
    before = objective_blocks(dumps(plan))
    Editor(plan, today=lambda: DAY).edit_objective("ci-cd", **values)
    after = objective_blocks(dumps(plan))
    others = set(before) - {"ci-cd"}
    assert {oid: after[oid] for oid in others} == {oid: before[oid] for oid in others}
    assert after[values.get("id", "ci-cd")] != before["ci-cd"]


def test_adding_and_deleting_an_objective_leaves_the_others_alone() -> None:
    plan = load(BUNDLED)
    before = objective_blocks(dumps(plan))
    editor = Editor(plan, today=lambda: DAY)
    editor.add_objective(Objective("new-one", "Something new", 3))
    after = objective_blocks(dumps(plan))
    assert {k: v for k, v in after.items() if k != "new-one"} == before
    editor.delete_objective("new-one")
    assert objective_blocks(dumps(plan)) == before


# --- the file on disk -----------------------------------------------------------------


def test_save_keeps_the_file_mode(plan_file: Path) -> None:
    for mode in (0o600, 0o640, 0o664):
        os.chmod(plan_file, mode)
        plan = load(plan_file)
        Editor(plan, today=lambda: DAY).advance("opa-policy")
        save(plan, plan_file)
        assert stat.S_IMODE(os.stat(plan_file).st_mode) == mode


def test_save_creates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "fresh.toml"
    plan = Plan("Fresh", 2)
    save(plan, path)
    assert load(path) == plan
    assert sorted(os.listdir(tmp_path)) == ["fresh.toml", "fresh.toml.lock"]  # the lock file stays


def test_a_failure_between_write_and_rename_leaves_the_original_and_no_temp_file(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = plan_file.read_bytes()
    plan = load(plan_file)
    Editor(plan, today=lambda: DAY).set_status("opa-policy", "done")
    renames: list[tuple[str, str]] = []

    def failing_replace(src: str, dst: str) -> None:
        renames.append((str(src), str(dst)))
        assert Path(src).read_bytes() == dumps(plan).encode("utf-8")  # the new text was fully written first
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(SaveError) as caught:
        save(plan, plan_file)
    assert str(caught.value) == f"could not save {plan_file}: Input/output error"
    assert len(renames) == 1 and Path(renames[0][0]).parent == plan_file.parent
    assert plan_file.read_bytes() == original
    assert sorted(os.listdir(plan_file.parent)) == ["plan.toml", "plan.toml.lock"]


def test_a_full_disk_raises_save_error_and_leaves_the_original(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = plan_file.read_bytes()
    plan = load(plan_file)
    plan.title = "Changed"

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(SaveError) as caught:
        save(plan, plan_file)
    assert str(caught.value) == f"could not save {plan_file}: No space left on device"
    assert plan_file.read_bytes() == original
    assert sorted(os.listdir(plan_file.parent)) == ["plan.toml", "plan.toml.lock"]


def test_saving_into_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "plan.toml"
    with pytest.raises(SaveError) as caught:
        save(Plan("T", 1), path)
    assert str(caught.value) == f"could not save {path}: No such file or directory"
    assert "\n" not in str(caught.value)
