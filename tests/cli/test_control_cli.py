"""The rollout-control commands as a user runs them: gate, signoff, rehearse, path (exit codes,
--json, refusals that leave the file byte-identical), and the issue's "done when" on the bundled plan."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.model import Editor
from tests.cli.test_cli import assert_clean_error, isolated_env

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "plans" / "phased-rollout.toml"
STAGED = Path(__file__).parents[1] / "data" / "staged-rollout.toml"
TODAY = "2026-11-10"


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *args],
        cwd=cwd,
        env=isolated_env(cwd, NO_COLOR="1"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    target = tmp_path / "plan.toml"
    shutil.copy(BUNDLED, target)
    return target


@pytest.fixture
def staged_copy(tmp_path: Path) -> Path:
    target = tmp_path / "staged.toml"
    shutil.copy(STAGED, target)
    return target


def test_done_when_on_the_bundled_plan(bundled_copy: Path) -> None:
    cwd = bundled_copy.parent
    refused = cli(cwd, "gate", "plan.toml", "p1")
    assert refused.returncode == 1, refused.stderr
    assert refused.stdout.splitlines()[0] == "Gate P1 → P2: NO-GO (5 open)"
    assert "  ✕ criterion not met: All critical vulnerabilities resolved" in refused.stdout
    assert "  ✕ rollback never rehearsed" in refused.stdout
    linked = "Security score improves from 70% to 85% (no reading yet, needs ≥ 85%)"
    assert f"  ✕ criterion not met: {linked}" in refused.stdout
    # The criteria ticked by hand are ticked on the board's risk panel; here through the same Editor call.
    plan = store.load(bundled_copy)
    editor = Editor(plan)
    manual = [i for i, c in enumerate(plan.phase("p1").criteria) if not c.metric]
    assert manual == [1, 2, 3]
    for i in manual:
        editor.tick_criterion("p1", i, True)
    store.save(plan, bundled_copy)
    # The linked one is met by a reading of its metric: below the bound it stays open.
    low = cli(cwd, "metric", "plan.toml", "security-score", "84%", "--date", "2026-11-02")
    assert low.returncode == 0, low.stderr
    still = cli(cwd, "gate", "plan.toml", "p1")
    assert "  ✕ criterion not met: Security score improves from 70% to 85% (84%, needs ≥ 85%)" in (still.stdout)
    met = cli(cwd, "metric", "plan.toml", "security-score", "86%", "--date", "2026-11-03")
    assert met.returncode == 0, met.stderr
    signed = cli(cwd, "signoff", "plan.toml", "p1", "release manager", "--by", "Bo")
    assert signed.returncode == 0, signed.stderr
    assert signed.stdout.startswith("p1: release manager signed off by Bo on ")
    rehearsed = cli(cwd, "rehearse", "plan.toml", "p1", "--took", "75m", "--note", "clean revert")
    assert rehearsed.returncode == 0, rehearsed.stderr
    assert "in 75m (ok, within the 2h budget)" in rehearsed.stdout
    passed = cli(cwd, "gate", "plan.toml", "p1")
    assert passed.returncode == 0, passed.stdout
    assert passed.stdout.splitlines()[0] == "Gate P1 → P2: GO"
    assert "  ✓ Security score improves from 70% to 85% (86%, needs ≥ 85%)" in passed.stdout
    assert "  ✓ signed off: release manager by Bo on " in passed.stdout


def test_gate_json_and_bad_input(staged_copy: Path) -> None:
    cwd = staged_copy.parent
    result = cli(cwd, "gate", "staged.toml", "internal", "--json", "--today", TODAY)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["verdict"] == "NO-GO" and data["go"] is False and data["next"] == "beta"
    assert data["open"] == 2
    assert data["reasons"] == [
        "criterion not met: Security score at least 85 (80%, needs ≥ 85%)",
        "sign-off missing: release manager",
    ]
    assert [item["kind"] for item in data["items"]] == [
        "criterion",
        "criterion",
        "metric",
        "signoff",
        "signoff",
        "rollback",
    ]
    assert_clean_error(cli(cwd, "gate", "staged.toml", "nope"), 2)
    assert_clean_error(cli(cwd, "gate", "staged.toml"), 2)
    assert_clean_error(cli(cwd, "gate", "missing.toml", "p1"), 2)
    assert_clean_error(cli(cwd, "gate", "staged.toml", "internal", "extra"), 2)
    assert_clean_error(cli(cwd, "gate", "staged.toml", "internal", "--today", "soon"), 2)


def test_gate_takes_the_only_plan_in_plans(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(STAGED, tmp_path / "plans" / "staged.toml")
    result = cli(tmp_path, "gate", "INTERNAL", "--today", TODAY)
    assert result.returncode == 1 and result.stdout.startswith("Gate INTERNAL → BETA: NO-GO")
    shutil.copy(STAGED, tmp_path / "plans" / "other.toml")
    assert_clean_error(cli(tmp_path, "gate", "internal"), 2)


def test_signoff_records_and_withdraws(staged_copy: Path) -> None:
    cwd = staged_copy.parent
    result = cli(cwd, "signoff", "staged.toml", "internal", "release manager", "--by", "bo", "--date", TODAY)
    assert result.returncode == 0, result.stderr
    gate = store.load(staged_copy).phase("internal").gate
    assert gate is not None and [(s.role, s.by, str(s.date)) for s in gate.signed] == [
        ("security", "ana", "2026-11-06"),
        ("release manager", "bo", TODAY),
    ]
    assert "signed = [\n" in staged_copy.read_text()
    result = cli(cwd, "signoff", "staged.toml", "internal", "security", "--withdraw")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("internal: security withdrawn")
    gate = store.load(staged_copy).phase("internal").gate
    assert gate is not None and [s.role for s in gate.signed] == ["release manager"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["signoff", "staged.toml", "nope", "qa", "--by", "x"], 1, "no phase 'nope'"),
        (["signoff", "staged.toml", "internal", "qa"], 2, "--by NAME"),
        (["signoff", "staged.toml", "internal", "qa", "--withdraw"], 1, "no sign-off by 'qa'"),
        (["signoff", "staged.toml", "internal", "qa", "--by", " "], 1, "who gave it"),
        (["signoff", "staged.toml", "internal"], 2, "name the phase and the role"),
        (["rehearse", "staged.toml", "beta", "--took", "soon"], 1, "not a duration"),
        (["rehearse", "staged.toml", "nope", "--took", "1h"], 1, "no phase 'nope'"),
        (["rehearse", "staged.toml", "beta"], 2, "--took"),
        (["path", "staged.toml", "nope"], 1, "no objective with id 'nope'"),
        (["path", "staged.toml", "flag"], 1, "flag is done"),
    ],
)
def test_refusals_leave_the_file_byte_identical(staged_copy: Path, args: list[str], code: int, message: str) -> None:
    before = staged_copy.read_bytes()
    result = cli(staged_copy.parent, *args)
    assert_clean_error(result, code)
    assert message in result.stderr
    assert staged_copy.read_bytes() == before


def test_rehearse_logs_with_outcome_and_note(staged_copy: Path) -> None:
    cwd = staged_copy.parent
    result = cli(
        cwd, "rehearse", "staged.toml", "beta", "--took", "2h30m", "--failed", "--note", "db \x1b[31m", "--date", TODAY
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"beta: rollback rehearsed on {TODAY} in 2h30m (failed, over the 2h budget)\n"
    rehearsal = store.load(staged_copy).phase("beta").rehearsals[0]
    assert (rehearsal.took, rehearsal.outcome, rehearsal.note) == ("2h30m", "failed", "db \x1b[31m")
    gate = cli(cwd, "gate", "staged.toml", "beta", "--today", TODAY)
    assert "  ✕ rollback rehearsal failed on 2026-11-10, none went ok" in gate.stdout


def test_path_prints_the_critical_path_and_a_chain(staged_copy: Path) -> None:
    cwd = staged_copy.parent
    result = cli(cwd, "path", "staged.toml")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Critical path: 4 objectives, weeks 3-6 of 6"
    steps = [re.search(r"(→ )?wk (\d+)\s+(\S+)", line) for line in lines[1:]]
    assert [(m.group(3), m.group(2), bool(m.group(1))) for m in steps if m] == [
        ("dashboards", "3", False),
        ("beta-invite", "2", True),
        ("ramp-5", "4", True),
        ("ramp-all", "6", True),
    ]
    chain = json.loads(cli(cwd, "path", "staged.toml", "beta-invite", "--json").stdout)
    assert chain["to"] == "beta-invite" and chain["length"] == 2
    assert [(o["id"], o["week"]) for o in chain["objectives"]] == [("dashboards", 3), ("beta-invite", 2)]
    whole = json.loads(cli(cwd, "path", "staged.toml", "--json").stdout)
    assert (whole["first_week"], whole["last_week"], whole["weeks"]) == (3, 6, 6)


def test_writers_keep_hand_written_comments(staged_copy: Path) -> None:
    text = staged_copy.read_text()
    text = text.replace('id = "five"\n', 'id = "five"  # the first real users\n')
    text = text.replace('id = "beta"\n', 'id = "beta"  # the friendly testers\n')
    staged_copy.write_text(text)
    cwd = staged_copy.parent
    assert cli(cwd, "rehearse", "staged.toml", "beta", "--took", "1h").returncode == 0
    after = staged_copy.read_text()
    assert 'id = "beta"  # the friendly testers\n' in after  # only the rehearsals line was written
    assert cli(cwd, "signoff", "staged.toml", "beta", "qa", "--by", "chen").returncode == 0
    after = staged_copy.read_text()
    # A new gate sub-table rewrites its own phase's table; the other phases keep their comments.
    assert 'id = "five"  # the first real users\n' in after
    plan = store.load(staged_copy)
    assert plan.phase("beta").rehearsals[0].took == "1h"
    gate = plan.phase("beta").gate
    assert gate is not None and gate.signed[0].by == "chen"


def test_move_to_work_behind_a_no_go_gate_warns_and_goes_ahead(bundled_copy: Path) -> None:
    cwd = bundled_copy.parent
    result = cli(cwd, "move", "plan.toml", "component-testing", "in-progress")  # a P2 objective; P1's gate is NO-GO
    assert result.returncode == 0
    assert result.stdout == "component-testing: todo → in-progress\n"
    assert result.stderr == ("rollout-board move: warning: Gate P1 → P2 is NO-GO (5 open): starting P2 work anyway\n")
    assert store.load(bundled_copy).objective("component-testing").status == "in-progress"
    again = cli(cwd, "move", "plan.toml", "opa-policy", "in-progress")  # P1 has no phase before it
    assert (again.returncode, again.stderr) == (0, "")


def test_move_judges_the_gate_before_it_on_its_today(bundled_copy: Path) -> None:
    cwd = bundled_copy.parent
    plan = store.load(bundled_copy)
    editor = Editor(plan)
    for i in (1, 2, 3):  # the criteria ticked by hand; the first is met by a reading
        editor.tick_criterion("p1", i, True)
    editor.record_metric("security-score", 90, date(2026, 11, 2))
    store.save(plan, bundled_copy)
    assert cli(cwd, "rehearse", "plan.toml", "p1", "--took", "60m", "--date", "2026-11-02").returncode == 0
    fresh = shutil.copy(bundled_copy, cwd / "later.toml")
    soon = cli(cwd, "move", "plan.toml", "component-testing", "in-progress", "--today", "2026-11-10")
    assert (soon.returncode, soon.stderr) == (0, "")  # the rehearsal is 8 days old: GO
    late = cli(cwd, "move", Path(fresh).name, "component-testing", "in-progress", "--today", "2026-11-30")
    assert late.returncode == 0
    assert late.stderr == "rollout-board move: warning: Gate P1 → P2 is NO-GO (1 open): starting P2 work anyway\n"
    assert store.load(cwd / "later.toml").objective("component-testing").changed == date(2026, 11, 30)
