"""Rollout control in the reports: validate's slip warnings, show's gates and health, list --json's
gate / health / critical / slips, the standup's gate lines (text and Markdown)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.commands.show import summary
from board.model import Editor
from board.standup import build_standup, render_markdown, render_text
from tests.cli.test_control_cli import cli

STAGED = Path(__file__).parents[1] / "data" / "staged-rollout.toml"
BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"
WEEK2 = date(2026, 11, 10)


@pytest.fixture
def staged_copy(tmp_path: Path) -> Path:
    target = tmp_path / "staged.toml"
    shutil.copy(STAGED, target)
    return target


def test_validate_warns_of_slips_with_their_place_and_exits_0(staged_copy: Path) -> None:
    result = cli(staged_copy.parent, "validate", "staged.toml")
    assert result.returncode == 0
    assert result.stdout == "staged.toml: ok (6 objectives)\n"
    line = STAGED.read_text().splitlines().index('    "dashboards",') + 1
    assert result.stderr == (
        f"staged.toml:{line}:5: warning: slipped dependency: beta-invite (week 2) depends on dashboards, "
        "scheduled in week 3\n"
    )


def test_validate_of_the_bundled_plan_has_no_warning(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path / "plan.toml")
    result = cli(tmp_path, "validate", "plan.toml")
    assert (result.returncode, result.stderr) == (0, "")


def test_show_has_gates_health_audience_and_slips() -> None:
    plan = store.load(STAGED)
    lines = [line.plain().rstrip() for line in summary(plan, "staged.toml", WEEK2)]
    at = lines.index("Gates & health  plan ✕ off track")
    assert lines[at + 1] == "  Internal staff  ✕ off track  NO-GO (2 open) · internal staff · 0%"
    assert lines[at + 2] == "      ↳ 1 objective late; gate NO-GO after the phase ended (2 open)"
    assert lines[at + 3] == "  Beta users      ▲ at risk    NO-GO (1 open) · beta testers · 1.5%"
    assert "  ⇄ beta-invite (week 2) depends on dashboards, scheduled in week 3" in lines
    # A criterion linked to a metric is shown with the metric's value, in this week's phase.
    plan.start = date(2026, 11, 9)
    lines = [line.plain().rstrip() for line in summary(plan, "staged.toml", WEEK2)]
    assert "      ○ Security score at least 85 (80%, needs ≥ 85%)" in lines
    assert all(len(line) <= 80 for line in lines)


def test_list_json_has_gate_health_critical_and_slips(staged_copy: Path) -> None:
    result = cli(staged_copy.parent, "list", "staged.toml", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["beta-invite"]["slips"] == ["dashboards"]
    assert rows["beta-invite"]["critical"] is True and rows["flag"]["critical"] is False
    assert rows["flag"]["gate"] == "NO-GO"
    assert {row["health"] for row in rows.values()} <= {"on track", "at risk", "off track"}


def test_standup_shows_each_gate_and_health() -> None:
    plan = store.load(STAGED)
    text = render_text(build_standup(plan, WEEK2), width=220)
    assert "Gates & health · plan ✕ off track" in text
    assert "✕ Gate INTERNAL → BETA: NO-GO, 2 open: criterion not met" in text
    assert "↳ off track: 1 objective late, gate NO-GO after the phase ended (2 open)" in text
    assert "⇄ beta-invite (week 2) depends on dashboards, scheduled in week 3" in text
    md = render_markdown(build_standup(plan, WEEK2))
    assert "**Gates & health** · plan off track" in md
    assert (
        "- Gate INTERNAL → BETA: NO-GO, 2 open: criterion not met: Security score at least 85 "
        "(80%, needs ≥ 85%); sign-off missing: release manager "
        "(off track: 1 objective late, gate NO-GO after the phase ended (2 open))"
    ) in md


def test_standup_gate_goes_when_everything_holds() -> None:
    plan = store.load(STAGED)
    week1 = date(2026, 11, 5)
    editor = Editor(plan, today=lambda: week1)
    editor.record_metric("security-score", 90, week1)
    editor.record_signoff("internal", "release manager", "bo")
    text = render_text(build_standup(plan, week1), width=220)
    assert "Gate INTERNAL → BETA: GO" in text
    # The linked criterion is met from the metric, and shown so: its sign, not a box to tick.
    assert "  ∿  Security score at least 85 (90%, needs ≥ 85%)" in text
    assert "[x] Security score" not in text and "[ ] Security score" not in text


def test_standup_readiness_reads_the_rehearsal_log() -> None:
    plan = store.load(STAGED)
    text = render_text(build_standup(plan, date(2026, 11, 5)), width=220)
    assert "last rehearsal 2026-11-04 in 40m (ok)" in text and "STALE" not in text
    plan.start = date(2026, 11, 16)  # week 1 begins later: the rehearsal of 2026-11-04 is 15 days old by then
    text = render_text(build_standup(plan, date(2026, 11, 19)), width=220)
    assert "last rehearsal 2026-11-04 in 40m (ok)  STALE" in text
    md = render_markdown(build_standup(plan, date(2026, 11, 19)))
    assert "last rehearsal 2026-11-04 in 40m (ok), **stale**" in md


def test_plan_text_in_gate_lines_is_escaped(tmp_path: Path) -> None:
    text = STAGED.read_text().replace('"No crash reports", met = true', '"No \\u001b[2J crash", met = false')
    (tmp_path / "staged.toml").write_text(text)
    plan = store.load(tmp_path / "staged.toml")
    report = build_standup(plan, WEEK2)
    assert "No \\x1b[2J crash" in report.control.phases[0].gate
    assert "\x1b" not in render_text(report, width=220) + render_markdown(report)
    gate = cli(tmp_path, "gate", "staged.toml", "internal", "--today", "2026-11-10")
    assert "\x1b" not in gate.stdout and "No \\x1b[2J crash" in gate.stdout


def test_show_wraps_health_reasons_instead_of_cutting_them() -> None:
    plan = store.load(Path(__file__).parents[1] / "data" / "board-plan.toml")
    lines = [line.plain().rstrip() for line in summary(plan, "plan.toml", date(2026, 11, 25))]
    at = next(i for i, line in enumerate(lines) if line.startswith("      ↳ 1 objective blocked"))
    assert lines[at + 1].strip() == "unrehearsed" and lines[at].endswith("rollback")
    assert all(len(line) <= 80 for line in lines)
