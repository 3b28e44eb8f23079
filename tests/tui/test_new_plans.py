"""Starting a plan: the pristine bundled template in every install, `new --blank`, `--from`, `--weeks/--phases`,
the default copy's start date, and a blank plan from the picker."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from board import discovery, locations, store
from board.model import Editor
from board.model.starting import blank_plan, fresh_copy, phase_spans, title_from_name
from board.screens.picker import PickerApp

ROOT = Path(__file__).resolve().parents[2]
SEED = Path(__file__).parents[1] / "data" / "phased-rollout-strategy.md"
BOARD_PLAN = Path(__file__).parents[1] / "data" / "board-plan.toml"

CliRun = Callable[..., subprocess.CompletedProcess[str]]  # the run_cli fixture (conftest.py)


# --- the template -----------------------------------------------------------------------


def test_the_template_is_in_the_package_not_the_teams_plans_folder() -> None:
    template = locations.template_path()
    assert template.is_file()
    assert template.resolve() != (ROOT / "plans" / "phased-rollout.toml").resolve()
    assert template.resolve().is_relative_to((ROOT / "board").resolve())


def test_the_template_is_the_seed_strategy_with_nothing_done() -> None:
    from board.interchange.markdown_import import import_markdown

    template = store.load(locations.template_path())
    assert store.dumps(template) == store.dumps(import_markdown(SEED.read_text(encoding="utf-8")).plan)
    assert template.start is None
    assert {o.status for o in template.objectives} == {"todo"} and len(template.objectives) == 32
    assert fresh_copy(template) == template  # nothing to reset: no ticks, readings, dates or active plans


def test_new_copies_the_template_even_when_the_teams_plan_has_moved_on(tmp_path: Path, run_cli: CliRun) -> None:
    # A team's live plan next to the command (as in an editable install's checkout) must not leak into `new`.
    (tmp_path / "plans").mkdir()
    live = store.load(BOARD_PLAN)
    store.save(live, tmp_path / "plans" / "phased-rollout.toml")
    result = run_cli(tmp_path, "new", "q3", "--today", "2026-12-03")
    assert result.returncode == 0, result.stderr
    made = store.load(tmp_path / "plans" / "q3.toml")
    assert made.start == date(2026, 11, 30)  # the Monday of today's week
    made.start = None
    assert made == store.load(locations.template_path())


# --- blank ------------------------------------------------------------------------------


def test_new_blank_is_a_minimal_valid_plan(tmp_path: Path, run_cli: CliRun) -> None:
    result = run_cli(tmp_path, "new", "q3-rollout", "--blank", "--today", "2026-12-06")  # a Sunday
    assert result.returncode == 0, result.stderr
    assert "created plans/q3-rollout.toml: Q3 rollout, 8 weeks, 1 phase, 0 objectives" in result.stdout
    plan = store.load(tmp_path / "plans" / "q3-rollout.toml")
    assert (plan.title, plan.weeks, plan.statuses) == ("Q3 rollout", 8, ["todo", "in-progress", "blocked", "done"])
    assert [(p.id, p.name, p.first_week, p.last_week) for p in plan.phases] == [("p1", "Phase 1", 1, 8)]
    assert plan.objectives == [] and plan.metrics == [] and plan.contingencies == []
    assert plan.risk_management == [] and plan.final_validation == []
    assert plan.start == date(2026, 11, 30)
    assert run_cli(tmp_path, "validate", "plans/q3-rollout.toml").returncode == 0


def test_new_blank_shaped_by_weeks_and_phases(tmp_path: Path, run_cli: CliRun) -> None:
    result = run_cli(tmp_path, "new", "q4", "--blank", "--weeks", "5", "--phases", "2", "--start", "2026-01-07")
    assert result.returncode == 0, result.stderr
    plan = store.load(tmp_path / "plans" / "q4.toml")
    assert plan.weeks == 5 and plan.start == date(2026, 1, 5)
    assert [(p.first_week, p.last_week) for p in plan.phases] == [(1, 3), (4, 5)]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--blank", "--weeks", "2", "--phases", "3"],
            1,
            "phases must be between 1 and the number of weeks (2), not 3",
        ),
        (["--weeks", "3"], 2, "--weeks and --phases shape a --blank plan"),
        (["--blank", "--weeks", "0"], 2, "'0' must be at least 1"),
        (["--blank", "--from", "x.toml"], 2, "not allowed with argument"),
    ],
)
def test_new_refuses_a_shape_it_cannot_make(
    tmp_path: Path, args: list[str], code: int, message: str, run_cli: CliRun
) -> None:
    result = run_cli(tmp_path, "new", "bad", *args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "plans" / "bad.toml").exists()


def test_phase_spans_cover_the_weeks_evenly() -> None:
    assert phase_spans(8, 1) == [(1, 8)]
    assert phase_spans(8, 3) == [(1, 3), (4, 6), (7, 8)]
    assert phase_spans(3, 3) == [(1, 1), (2, 2), (3, 3)]
    with pytest.raises(ValueError):
        phase_spans(0, 1)
    assert title_from_name("q3-rollout") == "Q3 rollout"
    assert blank_plan("T", 3, 2).phases[1].id == "p2"


# --- from another plan -------------------------------------------------------------------


def test_new_from_a_plan_resets_statuses_ticks_readings_and_dates(tmp_path: Path, run_cli: CliRun) -> None:
    source = store.load(BOARD_PLAN)
    editor = Editor(source, today=lambda: date(2026, 11, 25))
    editor.record_metric("security-score", 80)
    editor.tick_rollback_step("p1", 0)
    editor.tick_check(source.risk_management[0].id, 0)
    editor.set_contingency_active(source.contingencies[0].id, True)
    editor.add_risk("p1", "Secrets leak", state="mitigated")
    editor.toggle_blocked("monitoring-dashboards", "vendor")
    store.save(source, tmp_path / "ours.toml")
    result = run_cli(tmp_path, "new", "next-quarter", "--from", "ours.toml", "--start", "2027-01-04")
    assert result.returncode == 0, result.stderr
    made = store.load(tmp_path / "plans" / "next-quarter.toml")
    assert made.start == date(2027, 1, 4)
    assert [o.id for o in made.objectives] == [o.id for o in source.objectives]
    assert [o.owner for o in made.objectives] == [o.owner for o in source.objectives]  # people stay
    assert {o.status for o in made.objectives} == {"todo"}
    assert all(o.changed is None and o.blocked_reason == "" for o in made.objectives)
    assert not any(c.met for p in made.phases for c in p.criteria)
    assert not any(s.done for p in made.phases for s in p.rollback_steps)
    assert all(p.rehearsed is None for p in made.phases)
    assert all(r.state == "open" for p in made.phases for r in p.risks) and made.phases[0].risks
    assert not any(i.done for c in made.iter_checklists() for i in c.items)
    assert all(m.current is None and m.history == [] for m in made.metrics)
    assert not any(c.active or c.activated for c in made.contingencies)


def test_new_from_a_missing_or_invalid_plan_is_one_line(tmp_path: Path, run_cli: CliRun) -> None:
    result = run_cli(tmp_path, "new", "x", "--from", "nope.toml")
    assert result.returncode == 1 and result.stderr.strip() == "nope.toml:1:1: no such file"
    assert not (tmp_path / "plans").exists()


# --- the default copy and the picker ----------------------------------------------------------------


def test_the_default_copy_starts_this_week(tmp_path: Path) -> None:
    target = tmp_path / "data" / "phased-rollout.toml"
    path, created = discovery.ensure_default_plan(target, today=date(2026, 12, 3))
    assert created and path == target
    copied = store.load(target)
    assert copied.start == date(2026, 11, 30)
    copied.start = None
    assert copied == store.load(locations.template_path())


async def test_the_picker_offers_a_new_blank_plan(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("a.toml", "b.toml", "new-plan.toml"):
        store.save(store.load(BOARD_PLAN), plans / name)
    app = PickerApp(sorted(plans.glob("*.toml")), today=date(2026, 12, 3))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("end", "enter")
    made = app.return_value
    assert made == plans / "new-plan-2.toml"  # new-plan.toml is taken
    plan = store.load(made)
    assert plan.objectives == [] and len(plan.phases) == 1 and plan.start == date(2026, 11, 30)
