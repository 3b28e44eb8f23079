"""The standup report: built from a fixture plan of known dates, as text and Markdown, and since the last commit.

tests/data/standup/plan.toml is the bundled plan started on Mon 2026-11-02 and
in its third week: phase 1 done (the last objective on Fri 2026-11-13), two
objectives in progress since 2026-11-13, one done on 2026-11-17, two blocked
on 2026-11-17 (one by a note, one by an unfinished dependency), readings on
known days, the "Technical Issues" contingency active since 2026-11-12, two
of phase 2's three rollback steps rehearsed on 2026-11-13 and phase 3's
estimate over its budget.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.commands import standup as standup_command
from board.model import Editor, Plan
from board.standup import build_standup, compare, previous_working_day, render_markdown, render_text
from board.term import width

FIXTURE = Path(__file__).parents[1] / "data" / "standup" / "plan.toml"
WEDNESDAY = date(2026, 11, 18)
MONDAY = date(2026, 11, 16)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture
def plan() -> Plan:
    return store.load(FIXTURE)


@pytest.fixture
def repo_plan(tmp_path: Path) -> Path:
    """The fixture plan committed in a fresh repository, at plans/plan.toml."""
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "plan.toml"
    shutil.copy(FIXTURE, path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "plans/plan.toml")
    git(tmp_path, "commit", "-q", "-m", "plan")
    return path


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "board", *args], capture_output=True, text=True, env=env)


def fits(text: str, columns: int = 120, rows: int = 40) -> None:
    """The standup on a shared 120×40 screen: the gates of the phase in view and of the phases
    before it are wrapped whole (38 lines for the fixture in week 3), never cut."""
    lines = text.splitlines()
    assert len(lines) <= rows, f"{len(lines)} lines"
    assert max(width(line) for line in lines) <= columns


def test_previous_working_day() -> None:
    assert previous_working_day(date(2026, 11, 16)) == date(2026, 11, 13)  # Monday -> Friday
    assert previous_working_day(date(2026, 11, 18)) == date(2026, 11, 17)
    assert previous_working_day(date(2026, 11, 21)) == date(2026, 11, 20)  # Saturday -> Friday
    assert previous_working_day(date(2026, 11, 22)) == date(2026, 11, 20)  # Sunday -> Friday


def test_wednesday(plan: Plan) -> None:
    s = build_standup(plan, WEDNESDAY)
    assert s.since == date(2026, 11, 17)
    assert s.week_line == "Week 3 of 8 · Component Architecture"
    assert [(i.id, i.owner, i.day) for i in s.done] == [("error-boundaries", "bo", date(2026, 11, 17))]
    assert [(i.id, i.owner) for i in s.in_progress] == [
        ("monitoring-dashboards", "dee"),
        ("agentdashboard-modular", "ana"),
    ]
    assert [(i.id, i.reasons) for i in s.blocked] == [
        ("component-testing", ["Waiting for the test runner licence."]),
        (
            "component-architecture",
            ["waits for agentdashboard-modular (Refactor AgentDashboard into modular components)"],
        ),
    ]
    assert [i.id for i in s.not_started] == ["component-documentation"]
    assert s.criteria_phase == "P2 Component Architecture"
    assert s.criteria_met == ["Zero breaking changes in public APIs"] and len(s.criteria_open) == 3
    p2, p3 = s.readiness
    assert (p2.phase_id, p2.role, p2.over_budget, p2.steps_done, p2.steps, p2.rehearsed) == (
        "p2",
        "this phase",
        False,
        2,
        3,
        date(2026, 11, 13),
    )
    assert (p3.phase_id, p3.role, p3.over_budget, p3.steps_done, p3.rehearsed) == ("p3", "next phase", True, 0, None)
    assert [(c.id, c.day) for c in s.contingencies] == [("technical-issues", date(2026, 11, 12))]
    assert [(r.id, r.value, r.day) for r in s.readings] == [
        ("security-score", "86%", date(2026, 11, 17)),
        ("test-coverage", "38%", date(2026, 11, 17)),
        ("deployment-frequency", "+50%", date(2026, 11, 17)),
    ]
    assert s.since_commit is None


def test_monday_looks_back_to_friday(plan: Plan) -> None:
    s = build_standup(plan, MONDAY)
    assert s.since == date(2026, 11, 13)
    assert s.week_line == "Week 3 of 8 · Component Architecture"
    assert [i.id for i in s.done] == ["automated-security"]  # done on Friday
    # Readings from Friday to today; the ones recorded after this Monday are not shown.
    assert [(r.id, r.day) for r in s.readings] == [
        ("security-score", date(2026, 11, 13)),
        ("test-coverage", date(2026, 11, 13)),
        ("ci-cd-pipeline-health", date(2026, 11, 16)),
    ]


def test_since_a_given_day(plan: Plan) -> None:
    s = build_standup(plan, WEDNESDAY, since=date(2026, 11, 11))
    assert [i.id for i in s.done] == ["input-sanitization", "xss-prevention", "automated-security", "error-boundaries"]
    assert len(s.readings) == 6


def test_before_the_start_and_after_the_end(plan: Plan) -> None:
    before = build_standup(plan, date(2026, 10, 28))
    assert before.week_line == "not started"
    assert [r.phase_id for r in before.readiness] == ["p1"] and before.criteria_phase == ""
    assert "(week 1 starts Mon 2026-11-02)" in render_text(before).splitlines()[0]
    after = build_standup(plan, date(2026, 12, 30))
    assert after.week_line == "finished"
    assert after.criteria_phase == "P4 Advanced Features & Monitoring"
    assert [(r.phase_id, r.role) for r in after.readiness] == [("p4", "last phase")]
    plan.start = None
    assert build_standup(plan, WEDNESDAY).week_line == "no start date"


def test_blocked_reason_is_its_own_field_not_the_notes(plan: Plan) -> None:
    Editor(plan).edit_objective("component-testing", blocked_reason="")
    assert plan.objective("component-testing").notes.startswith("Waiting for the test runner licence.")
    assert build_standup(plan, WEDNESDAY).blocked[0].reasons == ["no reason noted"]


def test_blocked_reason_comes_first_then_what_it_waits_for(plan: Plan) -> None:
    editor = Editor(plan, today=lambda: WEDNESDAY)
    editor.toggle_blocked("component-architecture")  # unblock (it waits for agentdashboard-modular)
    editor.toggle_blocked("component-architecture", "the staging cluster is down")
    s = build_standup(plan, WEDNESDAY)
    reasons = {i.id: i.reasons for i in s.blocked}
    assert reasons["component-architecture"] == [
        "the staging cluster is down",
        "waits for agentdashboard-modular (Refactor AgentDashboard into modular components)",
    ]
    text = render_text(s)
    assert "      ↳ the staging cluster is down" in text.splitlines()
    assert "the staging cluster is down" in render_markdown(s)


def test_late_lists_past_weeks_not_done(plan: Plan) -> None:
    # Wednesday of week 3: monitoring-dashboards (week 2) is still in progress.
    s = build_standup(plan, WEDNESDAY)
    assert [(i.id, i.detail) for i in s.late] == [("monitoring-dashboards", "week 2, in-progress")]
    assert "Late (1)" in render_text(s)  # beside the criteria from 100 columns
    lines = render_text(s, width=80).splitlines()  # stacked below 100 columns
    at = lines.index("Late (1)")
    assert lines[at + 1].split()[:2] == ["◐", "monitoring-dashboards"]
    assert lines[at + 1].endswith("week 2, in-progress")
    md = render_markdown(s)
    assert "**Late** (1)\n- `monitoring-dashboards` Configure monitoring dashboards — @dee, week 2, in-progress" in md
    # A week later every objective of week 3 that is not done is late too (blocked ones included).
    later = build_standup(plan, date(2026, 11, 25))
    late = {i.id for i in later.late}
    assert {"monitoring-dashboards", "component-testing", "agentdashboard-modular"} <= late
    assert "error-boundaries" not in late  # done
    assert all(plan.objective(oid).week < 4 for oid in late)
    # No start date: nothing can be late.
    plan.start = None
    assert build_standup(plan, WEDNESDAY).late == []


def test_a_custom_status_has_the_boards_mark(plan: Plan) -> None:
    plan.statuses = ["todo", "in-progress", "review", "blocked", "done"]
    plan.objective("monitoring-dashboards").status = "review"  # week 2: late on Wednesday of week 3
    lines = render_text(build_standup(plan, WEDNESDAY), width=80).splitlines()
    assert lines[lines.index("Late (1)") + 1].split()[:2] == ["◇", "monitoring-dashboards"]


def test_text_fits_120_by_40(plan: Plan) -> None:
    head = store.load(FIXTURE)
    editor = Editor(plan, today=lambda: WEDNESDAY)
    editor.set_status("component-documentation", "in-progress")
    editor.move_to_week("state-management", 3)
    editor.record_metric("security-score", 88, WEDNESDAY)
    for today in (WEDNESDAY, MONDAY):
        s = build_standup(plan, today, head_plan=head)
        text = render_text(s)
        fits(text)
        coloured = render_text(s, color=True)
        assert "\x1b[" in coloured and "\x1b[" not in text
        fits(coloured)
    text = render_text(build_standup(plan, WEDNESDAY, head_plan=head))
    for expected in [
        "Standup · Phased Rollout Strategy · Wed 2026-11-18 · Week 3 of 8 · Component Architecture",
        "Done since Tue 2026-11-17 (1)",
        "↳ waits for agentdashboard-modular (Refactor AgentDashboard into modular components)",
        "Criteria · P2 Component Architecture (1/4 met)",
        "[x] Zero breaking changes in public APIs",
        "estimate 150m (2 h 30 min) / budget 2h  OVER BUDGET",
        "rehearsed 2/3 steps, last 2026-11-13",
        "Technical Issues · active since 2026-11-12",
        "Since the last commit (3)",
        "• state-management: week 4 → 3",
    ]:
        assert expected in text, expected


def test_narrow_text_stacks_the_columns(plan: Plan) -> None:
    text = render_text(build_standup(plan, WEDNESDAY), width=70)
    assert max(width(line) for line in text.splitlines()) <= 70
    lines = text.splitlines()
    assert lines.index("Rollback readiness") > lines.index("Active contingencies (1)")


def test_markdown(plan: Plan) -> None:
    plan.objective("component-documentation").title = "Create *component* docs"
    md = render_markdown(build_standup(plan, WEDNESDAY))
    assert md.startswith(
        "**Standup · Phased Rollout Strategy** — Wed 2026-11-18 · Week 3 of 8 · Component Architecture\n"
    )
    assert (
        "**Done since Tue 2026-11-17** (1)\n- `error-boundaries` Implement error boundaries — @bo, 2026-11-17\n" in md
    )
    assert (
        "- `component-testing` Set up component testing framework — @chen — Waiting for the test runner licence.\n"
        in md
    )
    assert "- `component-documentation` Create \\*component\\* docs — @dee\n" in md
    assert "**Criteria · P2 Component Architecture** (1/4 met)\n- [x] Zero breaking changes in public APIs\n" in md
    assert (
        "- P3 Performance & Developer Experience (next phase): estimate 150m (2 h 30 min) / budget 2h, **over budget**"
        in md
    )
    assert "- `technical-issues` Technical Issues — active since 2026-11-12\n" in md
    assert "- `deployment-frequency` Deployment Frequency: +50% on 2026-11-17 (target +200%)\n" in md
    assert "Since the last commit" not in md


def test_compare_names_each_kind_of_change(plan: Plan) -> None:
    head = store.load(FIXTURE)
    editor = Editor(plan, today=lambda: WEDNESDAY)
    editor.set_status("agentdashboard-modular", "done")
    editor.shift_week("integration-testing", 1)
    editor.edit_objective("component-documentation", owner="ana")
    editor.delete_objective("advanced-analytics")
    editor.tick_criterion("p2", 0, True)
    editor.tick_rollback_step("p2", 2, True)
    editor.set_contingency_active("technical-issues", False)
    editor.record_metric("test-coverage", 39, date(2026, 11, 17))
    # The plan diff's words (rollout-board diff and log say the same): what follows from a change
    # (the day a status changed, a phase's rehearsal day, a metric's current value) goes unsaid.
    assert compare(head, plan) == [
        "agentdashboard-modular: in-progress → done",
        "component-documentation: owner dee → ana",
        "integration-testing: week 4 → 5",
        "objective removed: advanced-analytics (Implement advanced analytics), week 8, todo",
        'phase p2 criterion "Component modularity score > 80%": met',
        'phase p2 rollback step "Disable new error boundaries": done',
        "test-coverage: reading of 2026-11-17 38% → 39%",
        "contingency technical-issues: on standby",
    ]
    assert compare(head, store.load(FIXTURE)) == []


def test_standup_command_since_the_last_commit(repo_plan: Path) -> None:
    assert cli("move", str(repo_plan), "component-documentation", "in-progress").returncode == 0
    plan = store.load(repo_plan)
    Editor(plan).move_to_week("state-management", 3)
    store.save(plan, repo_plan)
    assert cli("metric", str(repo_plan), "test-coverage", "41", "--date", "2026-11-18").returncode == 0
    out = cli("standup", str(repo_plan), "--today", "2026-11-18", "--markdown")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    section = out.stdout.split("**Since the last commit** (3)\n")[1]
    assert section.splitlines() == [
        "- component-documentation: todo → in-progress",
        "- state-management: week 4 → 3",
        "- test-coverage: recorded 41% on 2026-11-18",
    ]
    text = cli("standup", str(repo_plan), "--today", "2026-11-18")
    assert text.returncode == 0 and "\x1b[" not in text.stdout
    fits(text.stdout)
    assert "Since the last commit (3)" in text.stdout


def test_standup_command_after_a_commit_has_no_changes(repo_plan: Path) -> None:
    out = cli("standup", str(repo_plan), "--today", "2026-11-18", "--since", "2026-11-11", "--markdown")
    assert out.returncode == 0, out.stderr
    assert "**Since the last commit**\n- none\n" in out.stdout
    assert "**Done since Wed 2026-11-11** (4)" in out.stdout


def test_invalid_committed_plan_is_one_warning(repo_plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = repo_plan.read_bytes()
    repo_plan.write_bytes(good.replace(b'status = "blocked"', b'status = "stuck"', 1))
    git(repo_plan.parents[1], "commit", "-q", "-am", "broken")
    repo_plan.write_bytes(good)
    args = argparse.Namespace(plan=str(repo_plan), since=None, today=WEDNESDAY, markdown=True)
    assert standup_command.run(args) == 0
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1 and "warning" in captured.err and "HEAD" in captured.err
    assert "Since the last commit" not in captured.out
    assert "**Blocked** (2)" in captured.out


def test_standup_command_outside_git(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(FIXTURE, path)
    out = cli("standup", str(path), "--today", "2026-11-16")
    assert out.returncode == 0, out.stderr
    assert "Done since Fri 2026-11-13 (1)" in out.stdout and "Since the last commit" not in out.stdout
    bad = cli("standup", str(path), "--today", "16/11/2026")
    assert bad.returncode == 2 and "is not a date" in bad.stderr


def test_standup_command_never_imports_textual(repo_plan: Path) -> None:
    code = (
        "import sys\n"
        "from board.cli import main\n"
        f"code = main(['standup', {str(repo_plan)!r}, '--today', '2026-11-18'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.splitlines()[-1] == "0 []", out.stderr


def _gate_section(text: str, columns: int) -> list[str]:
    """The "Gates & health" rows of a text standup (its left column when it has two)."""
    left = (columns - 3) // 2 if columns >= 100 else columns
    rows = [line[:left].rstrip() for line in text.splitlines()]
    start = next(i for i, row in enumerate(rows) if row.startswith("Gates & health"))
    end = next((i for i in range(start + 1, len(rows)) if not rows[i].startswith("  ")), len(rows))
    return rows[start + 1 : end]


@pytest.mark.parametrize("columns", [80, 120, 154])
def test_gate_lines_wrap_under_their_text_instead_of_being_cut(plan: Plan, columns: int) -> None:
    """Week 3: the gate of the phase in view (P2) and of the phase before it (P1, still NO-GO) read
    whole, wrapped with a hanging indent; a later phase's gate is its verdict and health."""
    rows = _gate_section(render_text(build_standup(plan, WEDNESDAY), width=columns), columns)
    assert not any("…" in row for row in rows), rows
    assert all(width(row) <= columns for row in rows)
    items = [[rows[0]]]
    for row in rows[1:]:
        if row.startswith("  ✕ Gate") or row.startswith("  ▲ Gate") or row.startswith("  ● Gate"):
            items.append([row])
        else:
            assert row.startswith("    "), row  # a continued line hangs under the text of its first
            items[-1].append(row)
    joined = [" ".join(part.strip() for part in item) for item in items]
    assert joined[0] == (
        "✕ Gate P1 → P2: NO-GO, 2 open: criterion not met: CI/CD pipeline reliability > 95%; rollback never"
        " rehearsed ↳ off track: 1 objective late, gate NO-GO after the phase ended (2 open), rollback unrehearsed"
    )
    assert joined[1] == (
        "✕ Gate P2 → P3: NO-GO, 4 open: 3 criteria not met (above); rollback never rehearsed"
        " ↳ off track: 2 objectives blocked, rollback unrehearsed, 1 contingency active"
    )
    assert joined[2:] == ["▲ Gate P3 → P4: NO-GO, 5 open · at risk", "● Gate P4 → end: NO-GO, 5 open · on track"]


def test_a_criterion_met_from_a_metric_has_its_sign_and_its_bound_whole(plan: Plan) -> None:
    """Not a box to tick: the metric's sign, and the value against the bound wrapped, never cut."""
    criterion = plan.phase("p2").criteria[1]
    assert criterion.text == "Test coverage increases to 60%"
    criterion.metric, criterion.at_least = "test-coverage", 60
    for columns in (80, 120):
        text = render_text(build_standup(plan, WEDNESDAY), width=columns)
        rows = [line[: (columns - 3) // 2 if columns >= 100 else columns].rstrip() for line in text.splitlines()]
        at = next(i for i, row in enumerate(rows) if "Test coverage increases" in row)
        assert rows[at].startswith("   ∿  Test coverage increases to 60%"), rows[at]
        whole = " ".join(row.strip() for row in rows[at : at + 2])
        assert "Test coverage increases to 60% (38%, needs ≥ 60%)" in whole
        assert "…" not in rows[at]
    assert "[ ] Test coverage" not in text and "[x] Test coverage" not in text
