"""`rollout-board metric PLAN METRIC_ID VALUE [--date] [--today]`: records a reading, or refuses and leaves the file alone."""

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
from board.commands import metric as metric_command

FIXTURE = Path(__file__).parents[1] / "data" / "standup" / "plan.toml"
BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "plan.toml"
    shutil.copy(BUNDLED, target)
    return target


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "board", "metric", *args], capture_output=True, text=True, env=env)


def run(path: Path, metric: str, value: str, day: date | None = None, today: date | None = None) -> int:
    return metric_command.run(argparse.Namespace(plan=str(path), metric=metric, value=value, date=day, today=today))


def test_records_a_value(path: Path) -> None:
    out = cli(str(path), "security-score", "72", "--date", "2026-11-25")
    assert out.returncode == 0, out.stderr
    assert out.stdout == "security-score: 72% on 2026-11-25 (baseline 70% → target 95%)\n"
    metric = store.load(path).metric("security-score")
    assert metric.current == 72 and [(r.date, r.value) for r in metric.history] == [(date(2026, 11, 25), 72)]
    assert "    { date = 2026-11-25, value = 72 },\n" in path.read_text()


def test_relative_metric_unit_and_decimals(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(path, "bug-density", "-12.5%", date(2026, 11, 20)) == 0
    assert capsys.readouterr().out == "bug-density: -12.5% on 2026-11-20 (target -50%)\n"
    assert run(path, "developer-productivity", "+15", date(2026, 11, 20)) == 0
    assert capsys.readouterr().out == "developer-productivity: +15% on 2026-11-20 (target +40%)\n"
    plan = store.load(path)
    assert plan.metric("bug-density").current == -12.5 and plan.metric("developer-productivity").current == 15


def test_same_day_replaces_and_today_is_the_default(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(path, "test-coverage", "30", date(2026, 11, 20)) == 0
    assert run(path, "test-coverage", "31", date(2026, 11, 20)) == 0
    assert run(path, "test-coverage", "33", today=date(2026, 11, 24)) == 0  # no --date: the reading is today's
    history = store.load(path).metric("test-coverage").history
    assert [(r.date, r.value) for r in history] == [(date(2026, 11, 20), 31), (date(2026, 11, 24), 33)]
    assert capsys.readouterr().out.splitlines()[-1].startswith("test-coverage: 33% on 2026-11-24 ")
    out = cli(str(path), "test-coverage", "34", "--today", "2026-11-25")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("test-coverage: 34% on 2026-11-25 ")
    assert store.load(path).metric("test-coverage").history[-1].date == date(2026, 11, 25)
    assert cli(str(path), "test-coverage", "35", "--date", "2026-11-26", "--today", "2026-11-27").returncode == 0
    assert store.load(path).metric("test-coverage").history[-1].date == date(2026, 11, 26)  # --date wins
    bad = cli(str(path), "test-coverage", "36", "--today", "soon")
    assert bad.returncode == 2 and "'soon' is not a date like 2025-01-06" in bad.stderr


def test_an_older_date_keeps_the_latest_as_current(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    shutil.copy(FIXTURE, path)
    assert run(path, "security-score", "80", date(2026, 11, 10)) == 0
    metric = store.load(path).metric("security-score")
    assert [r.date.day for r in metric.history] == [6, 10, 13, 17] and metric.current == 86


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", "1"), "no metric with id 'nope'"),
        (("security-score", "high"), "'high' is not a number"),
        (("security-score", ""), "'' is not a number"),
        (("security-score", "72ms"), "'72ms' is not a number"),
        (("security-score", "inf"), "'inf' is not a finite number"),
        (("security-score", "nan"), "'nan' is not a finite number"),
        (("security-score", "1e999"), "'1e999' is not a finite number"),
    ],
)
def test_refusals_leave_the_file_byte_identical(path: Path, args: tuple[str, str], message: str) -> None:
    before = path.read_bytes()
    out = cli(str(path), *args)
    assert out.returncode == 1
    assert out.stderr.startswith("rollout-board metric: ") and message in out.stderr
    assert len(out.stderr.splitlines()) == 1 and "Traceback" not in out.stderr
    assert out.stdout == ""
    assert path.read_bytes() == before


def test_unknown_metric_lists_the_known_ids(path: Path) -> None:
    out = cli(str(path), "security", "1")
    ids = [m.id for m in store.load(path).metrics]
    assert f"(metrics: {', '.join(ids)})" in out.stderr


@pytest.mark.parametrize("day", ["2026-13-01", "25/11/2026", "tomorrow"])
def test_bad_date_is_a_usage_error(path: Path, day: str) -> None:
    before = path.read_bytes()
    out = cli(str(path), "security-score", "72", "--date", day)
    assert out.returncode == 2
    assert f"{day!r} is not a date" in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == before


def test_missing_or_invalid_plan(tmp_path: Path) -> None:
    missing = cli(str(tmp_path / "nope.toml"), "security-score", "1")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\ntitle = \n")
    before = bad.read_bytes()
    out = cli(str(bad), "security-score", "1")
    assert out.returncode == 1 and out.stderr.startswith(f"{bad}:2:")
    assert bad.read_bytes() == before


def test_metric_command_never_imports_textual(path: Path) -> None:
    code = (
        "import sys\n"
        "from board.cli import main\n"
        f"code = main(['metric', {str(path)!r}, 'security-score', '75', '--date', '2026-11-20'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.splitlines()[-1] == "0 []", out.stderr
