"""Git as the team's engine, in real repositories: git-setup, the merge driver under `git merge`,
raw conflict markers and `resolve`, and the plan's history (`diff`, `log`, git's textconv)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.model import Objective, Plan, Reading
from tests.conftest import BUNDLED_PATH

REL = "plans/plan.toml"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_AUTHOR_NAME": "Ana",
        "GIT_AUTHOR_EMAIL": "ana@example.invalid",
        "GIT_COMMITTER_NAME": "Ana",
        "GIT_COMMITTER_EMAIL": "ana@example.invalid",
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository with the bundled plan committed at plans/plan.toml on branch main."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    shutil.copy(BUNDLED_PATH, root / REL)
    git(root, env, "init", "-q", "-b", "main")
    git(root, env, "add", ".")
    git(root, env, "commit", "-q", "-m", "plan")
    return root


def git(cwd: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check)


def board(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "board", *args], cwd=cwd, env=env, capture_output=True, text=True)


def edit(root: Path, change: Callable[[Plan], None]) -> None:
    plan = store.load(root / REL)
    change(plan)
    store.save(plan, root / REL)


def commit(root: Path, env: dict[str, str], message: str) -> None:
    git(root, env, "commit", "-q", "-am", message)


def branches(root: Path, env: dict[str, str], mine: Callable[[Plan], None], theirs: Callable[[Plan], None]) -> None:
    """``theirs`` committed on branch ``feature``, ``mine`` on main; main checked out."""
    git(root, env, "checkout", "-q", "-b", "feature")
    edit(root, theirs)
    commit(root, env, "theirs")
    git(root, env, "checkout", "-q", "main")
    edit(root, mine)
    commit(root, env, "ours")


# --- git-setup ------------------------------------------------------------------------------------


def test_git_setup_writes_the_driver_once_and_says_so(repo: Path, env: dict[str, str]) -> None:
    first = board(repo, env, "git-setup")
    assert first.returncode == 0, first.stderr
    assert "added to .gitattributes: plans/*.toml merge=rollout-board diff=rollout-board" in first.stdout
    assert (repo / ".gitattributes").read_text() == "plans/*.toml merge=rollout-board diff=rollout-board\n"
    assert (repo / ".gitignore").read_text() == "plans/*.toml.lock\n"
    driver = git(repo, env, "config", "--local", "merge.rollout-board.driver").stdout.strip()
    assert driver.endswith("merge %O %A %B %P")
    assert git(repo, env, "config", "--local", "diff.rollout-board.textconv").stdout.strip().endswith("diff --textconv")
    second = board(repo, env, "git-setup")
    assert second.returncode == 0
    assert second.stdout.count("already") == 5 and "\nset " not in second.stdout and "added" not in second.stdout
    assert (repo / ".gitattributes").read_text().count("merge=rollout-board") == 1
    assert (repo / ".gitignore").read_text().count("lock") == 1


def test_git_setup_global_writes_the_user_config(repo: Path, env: dict[str, str]) -> None:
    done = board(repo, env, "git-setup", "--global")
    assert done.returncode == 0, done.stderr
    assert git(repo, env, "config", "--global", "merge.rollout-board.driver").stdout.strip().endswith("%P")
    assert git(repo, env, "config", "--local", "merge.rollout-board.driver", check=False).returncode != 0


def test_git_setup_outside_a_repository_is_one_line(tmp_path: Path, env: dict[str, str]) -> None:
    outside = tmp_path / "nowhere"
    outside.mkdir()
    done = board(outside, env, "git-setup")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not in a git repository" in done.stderr


# --- the driver under git merge --------------------------------------------------------------------


def _ours_everything(plan: Plan) -> None:
    plan.objective("opa-policy").status = "in-progress"
    plan.objective("opa-policy").changed = date(2026, 11, 18)
    plan.objective("ci-cd").owner = "ana"
    plan.objectives.insert(2, Objective("sbom", "Publish an SBOM", 1))
    plan.metrics[0].history.append(Reading(date(2026, 11, 18), 72))


def _theirs_everything(plan: Plan) -> None:
    plan.objective("gitleaks-secret").status = "done"
    plan.objective("gitleaks-secret").changed = date(2026, 11, 19)
    plan.objective("ci-cd").title = "Harden the CI/CD pipeline"
    plan.objectives.insert(2, Objective("sast", "Add SAST to CI", 1))
    plan.metrics[0].history.append(Reading(date(2026, 11, 19), 74))
    plan.phase("p2").last_week = 5
    plan.phase("p3").first_week = 6


def test_two_branches_changing_the_plan_every_way_merge_without_conflict(repo: Path, env: dict[str, str]) -> None:
    assert board(repo, env, "git-setup").returncode == 0
    git(repo, env, "add", ".gitattributes")
    commit(repo, env, "driver")
    branches(repo, env, _ours_everything, _theirs_everything)
    merged = git(repo, env, "merge", "-q", "--no-edit", "feature", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    plan = store.load(repo / REL)
    assert plan.conflicts == []
    assert plan.objective("opa-policy").status == "in-progress"
    assert plan.objective("gitleaks-secret").status == "done"
    ci = plan.objective("ci-cd")
    assert (ci.owner, ci.title) == ("ana", "Harden the CI/CD pipeline")
    ids = [o.id for o in plan.objectives]
    assert ids.index("sbom") + 1 == ids.index("sast")  # the same place: ours first, then theirs
    assert [r.value for r in plan.metrics[0].history if r.date >= date(2026, 11, 18)] == [72, 74]
    assert (plan.phase("p2").last_week, plan.phase("p3").first_week) == (5, 6)
    assert board(repo, env, "validate", REL).returncode == 0
    assert git(repo, env, "status", "--porcelain").stdout == "?? .gitignore\n"  # the lock files ignored


def _blocked(plan: Plan) -> None:
    plan.objective("opa-policy").status = "blocked"


def _done(plan: Plan) -> None:
    plan.objective("opa-policy").status = "done"


def test_one_field_changed_on_both_branches_is_a_conflict_table(repo: Path, env: dict[str, str]) -> None:
    board(repo, env, "git-setup")
    branches(repo, env, _blocked, _done)
    merged = git(repo, env, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode != 0
    assert "1 conflict recorded in [[conflicts]]" in merged.stdout + merged.stderr
    text = (repo / REL).read_text()
    assert "<<<<<<<" not in text
    plan = store.load(repo / REL)
    assert [(c.entity, c.field, c.base, c.ours, c.theirs) for c in plan.conflicts] == [
        ("opa-policy", "status", "todo", "blocked", "done")
    ]
    checked = board(repo, env, "validate", REL)
    assert checked.returncode == 1
    line = text.splitlines().index("[[conflicts]]") + 1
    assert checked.stderr.startswith(f"{REL}:{line}:1: unresolved merge conflict: opa-policy, status")


def test_an_unreadable_side_exits_2_and_writes_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    base, ours, theirs = (tmp_path / name for name in ("base.toml", "ours.toml", "theirs.toml"))
    for path in (base, ours):
        shutil.copy(BUNDLED_PATH, path)
    theirs.write_text('schema = 1\ntitle = "broken\n')
    before = ours.read_bytes()
    done = board(tmp_path, env, "merge", str(base), str(ours), str(theirs), REL)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "cannot read theirs" in done.stderr
    assert ours.read_bytes() == before


# --- raw markers and resolve ---------------------------------------------------------------------------


def test_raw_markers_are_named_and_resolve_merges_from_the_index(repo: Path, env: dict[str, str]) -> None:
    branches(repo, env, _ours_everything, _theirs_everything)  # no driver: git writes its markers
    assert git(repo, env, "merge", "--no-edit", "feature", check=False).returncode != 0
    text = (repo / REL).read_text()
    assert "<<<<<<<" in text
    marks = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("<<<<<<<")]
    checked = board(repo, env, "validate", REL)
    assert checked.returncode == 1
    assert checked.stderr.strip() == (
        f"{REL}:{marks[0]}:1: git conflict markers at {'line' if len(marks) == 1 else 'lines'} {', '.join(map(str, marks))}; "
        f"run `rollout-board resolve {REL}`"
    )
    opened = board(repo, env, REL)  # the board is not opened on it: the same line instead
    assert opened.returncode == 1 and opened.stderr == checked.stderr
    resolved = board(repo, env, "resolve", REL)
    assert resolved.returncode == 0, resolved.stderr
    assert resolved.stdout.strip() == f"{REL}: merged; git add {REL}"
    plan = store.load(repo / REL)
    assert plan.objective("gitleaks-secret").status == "done" and plan.find_objective("sbom") is not None
    assert plan.find_objective("sast") is not None and plan.conflicts == []


def test_marker_like_lines_inside_a_valid_plan_are_plain_text(bundled: Plan) -> None:
    bundled.objective("opa-policy").notes = "<<<<<<< not a marker\n=======\n>>>>>>> just notes"
    text = store.dumps(bundled)
    assert store.loads(text).objective("opa-policy").notes == bundled.objective("opa-policy").notes
    broken = text.replace(
        'title = "Phased Rollout Strategy"', '<<<<<<< HEAD\ntitle = "A"\n=======\ntitle = "B"\n>>>>>>> x'
    )
    with pytest.raises(store.LoadError) as caught:
        store.loads(broken, "p.toml")
    assert [p.message for p in caught.value.problems] == [
        "git conflict markers at line 2; run `rollout-board resolve p.toml`"
    ]


def test_resolve_writes_a_conflict_table_when_both_changed_a_field(repo: Path, env: dict[str, str]) -> None:
    branches(repo, env, _blocked, _done)
    git(repo, env, "merge", "--no-edit", "feature", check=False)
    resolved = board(repo, env, "resolve", REL)
    assert resolved.returncode == 1
    assert "1 conflict in [[conflicts]]" in resolved.stdout
    assert [c.field for c in store.load(repo / REL).conflicts] == ["status"]


def test_resolve_without_a_merge_in_progress_is_refused(repo: Path, env: dict[str, str]) -> None:
    before = (repo / REL).read_bytes()
    done = board(repo, env, "resolve", REL)
    assert done.returncode == 1 and "no merge in progress" in done.stderr
    assert (repo / REL).read_bytes() == before


# --- history --------------------------------------------------------------------------------------------


def test_diff_reads_as_changes_between_head_revisions_and_the_file(repo: Path, env: dict[str, str]) -> None:
    edit(repo, _done)
    commit(repo, env, "opa done")
    edit(repo, lambda plan: setattr(plan.phase("p2"), "last_week", 5) or setattr(plan.phase("p3"), "first_week", 6))
    now = board(repo, env, "diff", REL)
    assert (now.returncode, now.stdout) == (0, "phase p2: weeks 3–4 → 3–5\nphase p3: weeks 5–6 → 6\n")
    between = board(repo, env, "diff", REL, "HEAD~1", "HEAD")
    assert between.stdout == "opa-policy: todo → done\n"
    since = board(repo, env, "diff", "HEAD~1")  # the only plan in ./plans/
    assert since.stdout.splitlines() == [
        "opa-policy: todo → done",
        "phase p2: weeks 3–4 → 3–5",
        "phase p3: weeks 5–6 → 6",
    ]
    unknown = board(repo, env, "diff", REL, "no-such-rev")
    assert unknown.returncode == 1 and "unknown revision" in unknown.stderr


def test_log_is_one_line_per_change_with_commit_date_and_author(repo: Path, env: dict[str, str]) -> None:
    added = {**env, "GIT_COMMITTER_DATE": "2026-11-02T12:00:00"}
    git(repo, added, "commit", "-q", "--amend", "--no-edit", "--date", "2026-11-02T12:00:00")
    edit(repo, _done)
    commit(repo, {**env, "GIT_AUTHOR_DATE": "2026-11-05T09:30:00", "GIT_COMMITTER_DATE": "2026-11-05T09:30:00"}, "opa")
    shas = git(repo, env, "log", "--format=%h").stdout.split()
    done = board(repo, env, "log", REL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"{shas[0]} 2026-11-05 Ana: opa-policy: todo → done",
        f"{shas[1]} 2026-11-02 Ana: plan added (32 objectives)",
    ]
    assert board(repo, env, "log", "--since", "2026-11-03").stdout.splitlines() == done.stdout.splitlines()[:1]
    assert board(repo, env, "log", "--since", "2999-01-01").stdout == ""
    git(repo, env, "checkout", "-q", "-b", "feature", "HEAD~1")
    edit(repo, _blocked)
    commit(repo, env, "ci blocked")
    git(repo, env, "checkout", "-q", "main")
    board(repo, env, "git-setup")
    git(repo, env, "merge", "-q", "--no-edit", "feature", check=False)
    git(repo, env, "commit", "-q", "-am", "merged, with a conflict table")
    first = board(repo, env, "log", REL).stdout.splitlines()[0]
    assert first.endswith(" Ana: merged: merge conflict recorded: opa-policy, status (ours done, theirs blocked)")
    assert board(repo, env, "log", "--since", "soon").returncode == 2


def test_log_since_reads_its_date_the_way_every_command_does(repo: Path, env: dict[str, str]) -> None:
    """``log --since`` goes through the commands' one date reader: the same error line as ``standup --since``."""
    for bad in ("2026-13-01", "soon", "1200-01-01"):
        logged = board(repo, env, "log", REL, "--since", bad)
        standup = board(repo, env, "standup", REL, "--since", bad)
        assert logged.returncode == standup.returncode == 2
        assert logged.stdout == ""
        assert logged.stderr.replace("rollout-board log:", "rollout-board standup:") == standup.stderr
        assert len(logged.stderr.splitlines()) == 1


def test_git_log_p_reads_as_changes_through_the_textconv(repo: Path, env: dict[str, str]) -> None:
    board(repo, env, "git-setup")
    edit(repo, _done)
    commit(repo, env, "opa done")
    patch = git(repo, env, "log", "-p", "-1", "--format=").stdout
    added = [line for line in patch.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert "+opa-policy: status done" in added
    assert all(line.startswith("+opa-policy:") for line in added)


# --- no Textual on the git paths --------------------------------------------------------------------


def test_git_commands_import_no_textual(tmp_path: Path) -> None:
    from tests.cli.test_import_hygiene import _imported_textual, run_cli

    shutil.copy(BUNDLED_PATH, tmp_path / "plan.toml")
    for name in ("base.toml", "ours.toml", "theirs.toml"):
        shutil.copy(BUNDLED_PATH, tmp_path / name)
    assert run_cli(tmp_path, "merge", "base.toml", "ours.toml", "theirs.toml") == {"code": 0, "textual": []}
    assert run_cli(tmp_path, "diff", "--textconv", "plan.toml") == {"code": 0, "textual": []}
    modules = ["board.model.diff", "board.model.merge", "board.vcs.driver", "board.vcs.history", "board.vcs.setup"]
    assert _imported_textual(*modules) == []


def test_the_merge_keeps_ours_comments_and_layout(tmp_path: Path, env: dict[str, str]) -> None:
    base_text = BUNDLED_PATH.read_text()
    ours_text = base_text.replace(
        'title = "Phased Rollout Strategy"', 'title = "Phased Rollout Strategy"  # agreed on Monday'
    )
    ours_text = ours_text.replace("\n[[objectives]]\n", "\n# --- the work ---\n[[objectives]]\n", 1).replace(
        "\n", "\r\n"
    )
    theirs = store.loads(base_text)
    theirs.objective("ci-cd").status = "done"
    paths = [tmp_path / name for name in ("base.toml", "ours.toml", "theirs.toml")]
    paths[0].write_text(base_text)
    paths[1].write_bytes(ours_text.encode())
    paths[2].write_text(store.dumps(theirs))
    done = board(tmp_path, env, "merge", *map(str, paths), REL)
    assert done.returncode == 0, done.stderr
    merged = paths[1].read_bytes().decode()
    assert "# agreed on Monday\r\n" in merged and "# --- the work ---\r\n" in merged
    assert store.loads(merged).objective("ci-cd").status == "done"
    changed = [a for a, b in zip(ours_text.split("\r\n"), merged.split("\r\n"), strict=False) if a != b]
    assert changed == ['status = "todo"']  # the one line of ci-cd's status (it has no changed day to set)


def test_a_driver_git_cannot_run_leaves_a_conflict_that_resolve_merges(repo: Path, env: dict[str, str]) -> None:
    board(repo, env, "git-setup")
    git(repo, env, "config", "merge.rollout-board.driver", "no-such-rollout-board merge %O %A %B %P")
    branches(repo, env, _ours_everything, _theirs_everything)
    assert git(repo, env, "merge", "--no-edit", "feature", check=False).returncode != 0
    assert "UU " + REL in git(repo, env, "status", "--porcelain").stdout
    assert store.load(repo / REL).find_objective("sast") is None  # ours, untouched
    resolved = board(repo, env, "resolve", REL)
    assert resolved.returncode == 0, resolved.stderr
    plan = store.load(repo / REL)
    assert plan.find_objective("sast") is not None and plan.find_objective("sbom") is not None


def test_a_plan_both_branches_added_merges_from_an_empty_base(repo: Path, env: dict[str, str]) -> None:
    board(repo, env, "git-setup")
    new = repo / "plans" / "q3.toml"
    git(repo, env, "checkout", "-q", "-b", "feature")
    plan = store.load(repo / REL)
    plan.objective("opa-policy").status = "done"
    store.save(plan, new)
    git(repo, env, "add", "plans/q3.toml")
    commit(repo, env, "theirs adds q3")
    git(repo, env, "checkout", "-q", "main")
    plan = store.load(repo / REL)
    plan.objective("ci-cd").owner = "ana"
    store.save(plan, new)
    git(repo, env, "add", "plans/q3.toml")
    commit(repo, env, "ours adds q3")
    merged = git(repo, env, "merge", "--no-edit", "feature", check=False)
    assert merged.returncode != 0  # every entity added twice: one conflict per field that differs
    result = store.load(new)
    assert sorted((c.entity, c.field, c.base, c.ours, c.theirs) for c in result.conflicts) == [
        ("ci-cd", "owner", None, "ana", ""),
        ("opa-policy", "status", None, "todo", "done"),
    ]
    assert [o.id for o in result.objectives] == [o.id for o in plan.objectives]  # no -2 copies


def test_git_setup_names_the_plan_folder_it_finds(repo: Path, env: dict[str, str]) -> None:
    nested = repo / "ops" / "rollout"
    (nested / "plans").mkdir(parents=True)
    done = board(nested, env, "git-setup")
    assert done.returncode == 0, done.stderr
    assert (repo / ".gitattributes").read_text() == "ops/rollout/plans/*.toml merge=rollout-board diff=rollout-board\n"
    assert (repo / ".gitignore").read_text() == "ops/rollout/plans/*.toml.lock\n"


# --- the standup's "done since" from the plan diff ------------------------------------------------------


def test_standup_done_since_is_what_the_plan_diff_made_done(repo: Path, env: dict[str, str]) -> None:
    def prepare(plan: Plan) -> None:
        plan.start = date(2026, 11, 16)
        plan.objective("opa-policy").status = "done"  # done before the day, its date edited since
        plan.objective("opa-policy").changed = date(2026, 11, 17)

    edit(repo, prepare)
    dated = {**env, "GIT_AUTHOR_DATE": "2026-11-10T12:00:00", "GIT_COMMITTER_DATE": "2026-11-10T12:00:00"}
    commit(repo, dated, "the plan on the 10th")
    edit(repo, lambda plan: setattr(plan.objective("ci-cd"), "status", "done"))  # done, no date recorded
    out = board(repo, env, "standup", REL, "--today", "2026-11-18", "--markdown")
    assert out.returncode == 0, out.stderr
    section = out.stdout.split("**Done since Tue 2026-11-17** (1)\n")[1].split("\n\n")[0]
    assert section == "- `ci-cd` Configure enhanced CI/CD pipeline — no owner"  # not opa-policy: done before
    outside = repo.parent / "outside.toml"
    shutil.copy(repo / REL, outside)
    by_day = board(repo.parent, env, "standup", str(outside), "--today", "2026-11-18", "--markdown")
    assert "**Done since Tue 2026-11-17** (1)\n- `opa-policy` " in by_day.stdout  # outside git: by the day alone


async def test_the_board_standup_panel_is_the_standup_command_report(
    repo: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    # The same plan and day as above: the panel says what the command says ("done since" from the
    # plan diff in git, and "since the last commit"), not what the dates alone say.
    from board.app import RolloutApp
    from board.screens.panels import TextPanel

    def prepare(plan: Plan) -> None:
        plan.start = date(2026, 11, 16)
        plan.objective("opa-policy").status = "done"  # done before the day, its date edited since
        plan.objective("opa-policy").changed = date(2026, 11, 17)

    edit(repo, prepare)
    dated = {**env, "GIT_AUTHOR_DATE": "2026-11-10T12:00:00", "GIT_COMMITTER_DATE": "2026-11-10T12:00:00"}
    commit(repo, dated, "the plan on the 10th")
    edit(repo, lambda plan: setattr(plan.objective("ci-cd"), "status", "done"))
    for name in ("HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM"):
        monkeypatch.setenv(name, env[name])
    monkeypatch.chdir(repo)
    app = RolloutApp(repo / REL, today=lambda: date(2026, 11, 18), watch_interval=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        assert isinstance(app.screen, TextPanel)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#panel-text").render())
    assert "Done since Tue 2026-11-17 (1)" in text
    done = text.split("Done since Tue 2026-11-17 (1)")[1].split("\n\n")[0]
    assert "ci-cd" in done and "opa-policy" not in done
    assert "Since the last commit (1)" in text and "ci-cd: todo → done" in text


def test_textconv_of_a_file_that_is_no_plan_prints_it_as_it_is(tmp_path: Path, env: dict[str, str]) -> None:
    other = tmp_path / "settings.toml"
    other.write_text('theme = "projector"\n')
    done = board(tmp_path, env, "diff", "--textconv", str(other))
    assert (done.returncode, done.stdout) == (0, 'theme = "projector"\n')
