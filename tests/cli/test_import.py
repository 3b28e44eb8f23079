"""Importing Markdown rollout strategies: the seed byte for byte, and plans written other ways."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from board import store
from board.interchange.markdown_import import duration, import_markdown, parse_metric_spec
from board.model import check_plan

ROOT = Path(__file__).parents[2]
SEED = Path(__file__).parents[1] / "data" / "phased-rollout-strategy.md"  # the seed document, word for word
MARKDOWN = Path(__file__).parents[1] / "data" / "markdown"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_the_seed_imports_to_the_bundled_plan_byte_for_byte(tmp_path: Path) -> None:
    out = cli("import", str(SEED), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    written = tmp_path / "plans" / "phased-rollout-strategy.toml"
    assert written.read_bytes() == (ROOT / "plans" / "phased-rollout.toml").read_bytes()
    assert out.stdout == (
        "plans/phased-rollout-strategy.toml: 4 phases over 8 weeks, 32 objectives (0 done), 16 criteria,"
        " 12 rollback steps, 13 metrics, 0 risks, 5 criteria linked to metrics\n"
    )


@pytest.mark.parametrize(
    "name, phases, objectives, done, criteria, metrics, warnings",
    [
        ("mobile-launch.md", 3, 7, 0, 3, 3, 0),
        ("data-migration-crlf.md", 3, 7, 0, 1, 1, 0),
        ("deeper-headings.md", 2, 3, 0, 1, 0, 0),
        ("done-and-extras.md", 1, 4, 2, 2, 0, 3),
        ("minimal.md", 1, 2, 0, 0, 0, 0),
        ("odd-lines.md", 1, 2, 0, 0, 2, 6),
        ("weeks-from-headings.md", 2, 5, 1, 1, 4, 1),
    ],
)
def test_fixtures_import_with_their_counts(
    name: str, phases: int, objectives: int, done: int, criteria: int, metrics: int, warnings: int
) -> None:
    result = import_markdown((MARKDOWN / name).read_bytes().decode("utf-8"))
    plan = result.plan
    assert check_plan(plan) == []
    assert len(plan.phases) == phases
    assert len(plan.objectives) == objectives
    assert sum(1 for o in plan.objectives if o.status == plan.done_status) == done
    assert sum(len(p.criteria) for p in plan.phases) == criteria
    assert len(plan.metrics) == metrics
    assert len(result.warnings) == warnings
    for number, _message in result.warnings:
        assert f"line {number}:" in plan.notes  # nothing is silently lost
    assert store.loads(store.dumps(plan)) == plan


def test_variations_are_read_as_people_write_them() -> None:
    mobile = import_markdown((MARKDOWN / "mobile-launch.md").read_text()).plan
    assert [(p.first_week, p.last_week) for p in mobile.phases] == [(1, 2), (3, 3), (4, 5)]
    assert [p.rollback_estimate for p in mobile.phases] == ["20m", "90m", "2h"]  # "1.5 hours" -> 90m
    rating = mobile.metric("store-rating")
    assert (rating.baseline, rating.target, rating.direction) == (3.9, 4.5, "up")
    crlf = import_markdown((MARKDOWN / "data-migration-crlf.md").read_bytes().decode()).plan
    lag = crlf.metric("replication-lag")
    assert (lag.baseline, lag.target, lag.unit, lag.direction) == (800, 50, "ms", "down")
    assert crlf.summary == "Move the orders database to the new cluster."
    deeper = import_markdown((MARKDOWN / "deeper-headings.md").read_text()).plan
    assert deeper.title == "Search Service Rollout"
    assert [c.name for c in deeper.risk_management] == ["Pre-Launch Checks"]
    assert deeper.contingencies[0].actions == ["Rebuild from the nightly snapshot"]
    extras = import_markdown((MARKDOWN / "done-and-extras.md").read_text())
    assert [c.met for c in extras.plan.phases[0].criteria] == [True, False]
    assert extras.plan.final_validation[0].items[0].done
    assert "Finance signs off each phase" in extras.plan.notes
    assert extras.plan.closing == "Payments move with no customer noticing."


def test_durations_and_metric_specs() -> None:
    assert [duration(t) for t in ("< 2 hours", "90 minutes", "1.5 hours", "45 min", "< 1 hour", "2 days", "soon")] == [
        "2h",
        "90m",
        "90m",
        "45m",
        "1h",
        "48h",
        None,
    ]
    assert parse_metric_spec("+40%") == {"target": 40, "unit": "%", "relative": True, "direction": "up"}
    assert parse_metric_spec("-75%")["direction"] == "down"  # type: ignore[index]
    assert parse_metric_spec("100%") == {"target": 100, "unit": "%", "relative": False, "direction": "up"}
    assert parse_metric_spec("lots") is None
    assert [duration(t) for t in ("< 30 seconds", "1 hour 30 minutes", "1h30m", "0.25 hours", "2 hours (tested)")] == [
        "1m",
        "90m",
        "90m",
        "15m",
        None,
    ]
    assert parse_metric_spec("420 ms -> 120 ms") == {
        "baseline": 420,
        "target": 120,
        "unit": "ms",
        "relative": False,
        "direction": "down",
    }
    assert parse_metric_spec("1.2s → 0.8s") == {
        "baseline": 1.2,
        "target": 0.8,
        "unit": "s",
        "relative": False,
        "direction": "down",
    }
    assert parse_metric_spec("< 2%") == {"target": 2, "unit": "%", "relative": False, "direction": "down"}
    assert parse_metric_spec("1 -> 2 -> 3") is None


def test_warnings_carry_line_numbers_and_an_existing_plan_is_kept(tmp_path: Path) -> None:
    source = MARKDOWN / "odd-lines.md"
    out = cli("import", str(source), "-o", "plan.toml", cwd=tmp_path)
    assert out.returncode == 0
    assert f"{source}:12: warning: unknown or unreadable fact 'Rollback Time'" in out.stderr
    before = (tmp_path / "plan.toml").read_bytes()
    again = cli("import", str(MARKDOWN / "minimal.md"), "-o", "plan.toml", cwd=tmp_path)
    assert again.returncode == 1 and "exists; add --force" in again.stderr
    assert (tmp_path / "plan.toml").read_bytes() == before
    forced = cli("import", str(MARKDOWN / "minimal.md"), "-o", "plan.toml", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and store.load(tmp_path / "plan.toml").title == "Feature Flag Cleanup"
    missing = cli("import", "nope.md", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.md: no such file" in missing.stderr


def test_phases_named_without_weeks_take_them_from_their_week_headings() -> None:
    result = import_markdown((MARKDOWN / "weeks-from-headings.md").read_text())
    plan = result.plan
    assert [(p.name, p.first_week, p.last_week) for p in plan.phases] == [("Canary", 1, 2), ("Everywhere", 3, 3)]
    assert plan.objective("retire-old").week == 3  # "#### Objectives" with no week: the phase's first week
    assert [(p.rollback_budget, p.rollback_estimate) for p in plan.phases] == [("1m", "90m"), ("", "")]
    assert result.warnings == [(14, "the rollback time '< 30 seconds' is rounded up to 1m")]
    assert (
        plan.summary == "Put the new edge cache in front of the image service.\n\nTwo regions first, then everywhere."
    )
    assert [c.id for c in plan.contingencies] == ["origin-overload", "origin-overload-2"]  # same name, two plans
    hit = plan.metric("hit-rate")
    assert (hit.group, hit.baseline, hit.target) == ("technical", 0, 92.5)
    assert plan.metric("egress-cost").relative and plan.metric("error-budget-burn").direction == "down"


ROUGH = """# Rough Plan <!-- {"start": 3, "statuses": ["A b"]} -->
## Phase 1: Build (Weeks 1-2) <!-- {"id": "Not An Id"} -->
**Priority:** whenever
**Risk Level:** High
### Week 3 Objectives
- [ ] Ship it <!-- {"status": "weird", "depends_on": ["nowhere"], "tags": "x"} -->
- [ ] Test it <!-- {"id": "ship-it"} -->
### Risk Register
- Outage <!-- {"likelihood": "high", "impact": 9} -->
## Phase 2 (Week 3)
### Week 3 Objectives
- [ ] Tell people <!-- not json {} -->
- [ ] Party <!-- {"id": } -->
## Success Metrics Framework
### Quality Metrics
- **Errors:** 5% -> 1% <!-- {"history": [1], "current": "lots"} -->
### Technical Metrics
- **Errors:** 3 -> 1
"""


def test_rough_input_gives_warnings_and_a_valid_plan_never_a_crash() -> None:
    result = import_markdown(ROUGH)
    plan = result.plan
    assert check_plan(plan) == []
    lines = sorted({number for number, _ in result.warnings})
    assert lines == [1, 2, 3, 5, 6, 7, 9, 13, 16]
    assert plan.phases[0].id == "p1" and plan.phases[0].priority == "" and plan.phases[0].risk == "High"
    assert [(o.id, o.week, o.status, o.depends_on, o.tags) for o in plan.objectives[:2]] == [
        ("ship-it", 2, "todo", [], []),  # week 3 is outside phase 1: filed in its last week
        ("test-it", 2, "todo", [], []),
    ]
    assert plan.phases[0].risks[0].likelihood == 3 and plan.phases[0].risks[0].impact == 3
    assert plan.objectives[2].title == "Tell people <!-- not json {} -->"  # a plain HTML comment stays text
    assert [m.id for m in plan.metrics] == ["errors", "errors-2"]
    assert plan.metrics[0].current is None and plan.metrics[0].history == []
    for number in lines:
        assert f"line {number}: " in plan.notes
    assert store.loads(store.dumps(plan)) == plan


def test_a_document_without_a_title_heading_starts_with_its_sections() -> None:
    text = "## Overview\nA short one.\n\n## Phase 1: Only (Week 1)\n### Week 1 Objectives\n- [ ] Do it\n"
    result = import_markdown(text)
    assert result.plan.title == "Untitled plan" and result.plan.summary == "A short one."
    assert [o.title for o in result.plan.objectives] == ["Do it"] and result.warnings == []


def test_a_plan_the_model_refuses_is_not_written(tmp_path: Path) -> None:
    source = tmp_path / "overlap.md"
    source.write_text("# Overlap\n## Phase 1: A (Weeks 1-3)\n## Phase 2: B (Weeks 2-4)\n")
    out = cli("import", str(source), cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr == f"{source}:3:1: phase 'p2': week 2 is also in phase 'p1'\n"  # the line of phase 2
    assert not (tmp_path / "plans").exists()


def test_run_takes_its_own_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from board.commands import importing

    parser = argparse.ArgumentParser()
    importing.add_arguments(parser)
    target = tmp_path / "out" / "mobile.toml"
    assert importing.run(parser.parse_args([str(MARKDOWN / "mobile-launch.md"), "-o", str(target)])) == 0
    assert store.load(target).phases[0].id == "p1"
    assert importing.run(parser.parse_args([str(MARKDOWN / "mobile-launch.md"), "-o", str(target)])) == 1
    assert "exists; add --force" in capsys.readouterr().err


def test_a_fifo_or_a_huge_file_is_refused_in_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.md"
    os.mkfifo(fifo)
    out = subprocess.run(
        [sys.executable, "-m", "board", "import", str(fifo)], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert (out.returncode, out.stderr) == (1, f"rollout-board import: {fifo}: not a regular file\n")
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(60_000_000)  # sparse: no 60 MB written
    out = cli("import", str(huge), cwd=tmp_path)
    assert (out.returncode, out.stderr) == (1, f"rollout-board import: {huge}: 60 MB; a plan is at most 50 MB\n")
    assert not (tmp_path / "plans").exists()
