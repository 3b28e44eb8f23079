"""Numbers: typed as people type them in a terminal, written in one canonical form (78, never 78.0)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board import store
from board.model import Editor
from board.model.numbers import canonical, number_problem, parse_number
from tests.cli.test_cli import run

PLAN = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"


@pytest.mark.parametrize(
    ("text", "value"),
    [("72", 72), ("-3", -3), ("+15", 15), ("78.0", 78), ("0.5", 0.5), (".5", 0.5), ("5.", 5), ("1e3", 1000),
     ("-2.5E-1", -0.25), (" 42 ", 42)],
)  # fmt: skip
def test_numbers_people_type(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    "text",
    ["1_000", "١٢", "１２", "12\u0660", "nan", "inf", "-infinity", "1e999", "", "+-1", "1.2.3", "1e", "e3", "0x10",
     "1,5", "--1", "²"],
)  # fmt: skip
def test_other_number_forms_are_refused(text: str) -> None:
    assert parse_number(text) is None
    assert number_problem(text) is not None


def test_canonical_keeps_fractions_and_huge_floats() -> None:
    assert canonical(78.0) == 78 and type(canonical(78.0)) is int
    assert canonical(78.5) == 78.5
    assert type(canonical(1e300)) is float  # not a 301-digit integer


@pytest.mark.parametrize("value", ["1_000", "١٢", "１٢", "１２", "1e999", "nan", "12 %%"])
def test_metric_refuses_other_number_forms_with_one_line(tmp_path: Path, value: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(PLAN.read_bytes())
    done = run(tmp_path, "metric", plan.name, "security-score", value)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1
    assert "not a number" in done.stderr or "not a finite number" in done.stderr
    assert plan.read_bytes() == PLAN.read_bytes()


@pytest.mark.parametrize(("value", "written"), [("82", "82"), ("82.0", "82"), ("82.50", "82.5"), ("+1e2%", "100")])
def test_metric_accepts_typed_forms_and_writes_them_canonically(tmp_path: Path, value: str, written: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(PLAN.read_bytes())
    done = run(tmp_path, "metric", plan.name, "security-score", value, "--date", "2026-11-20")
    assert done.returncode == 0, done.stderr
    text = plan.read_text(encoding="utf-8")
    assert f"current = {written}\n" in text and f"{{ date = 2026-11-20, value = {written} }}" in text


def test_whole_floats_in_a_file_load_and_save_as_integers() -> None:
    text = PLAN.read_text(encoding="utf-8").replace("baseline = 70\n", "baseline = 70.0\n", 1)
    plan = store.loads(text)
    assert type(plan.metric("security-score").baseline) is int
    assert store.dumps(plan) == PLAN.read_text(encoding="utf-8")


def test_the_editor_records_whole_values_as_integers() -> None:
    plan = store.load(PLAN)
    Editor(plan).record_metric("security-score", 78.0, date(2026, 11, 20))
    assert "current = 78\n" in store.dumps(plan)


async def record_on_the_board(plan: Path, typed: str) -> float | None:
    """Type ``typed`` into the metrics panel's record form (v) for the first metric; its current value after."""
    from board.app import RolloutApp
    from board.screens.metrics_panel import MetricsPanel

    app = RolloutApp(plan, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("m")
        panel = app.screen
        assert isinstance(panel, MetricsPanel)
        panel.list.highlighted = next(i for i, row in enumerate(panel.rows) if row.kind == "metric")
        await pilot.press("v", *typed, "enter")
        await pilot.pause()
        return app.session.plan.metric("security-score").current


async def test_the_board_writes_the_same_number_as_the_command_line(
    tmp_path: Path, platformdirs_isolated: object
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(PLAN.read_bytes())
    assert await record_on_the_board(plan, "78.0") == 78
    text = plan.read_text(encoding="utf-8")
    assert "current = 78\n" in text and "value = 78 }" in text and "78.0" not in text


async def test_the_board_refuses_other_number_forms(tmp_path: Path, platformdirs_isolated: object) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(PLAN.read_bytes())
    assert await record_on_the_board(plan, "1_000") is None
    assert plan.read_bytes() == PLAN.read_bytes()
