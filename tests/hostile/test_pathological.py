"""Files no plan is and sizes no plan has: each gets one clear line, fast, and nothing is built per week."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile_support import BUNDLED, PROBLEM_LINE, bundled_copy, one_line_error, run

from board import store

HEAD = 'schema = 1\ntitle = "Deep"\nweeks = 2\n'


def problems_of(text: str) -> list[str]:
    with pytest.raises(store.LoadError) as caught:
        store.loads(text, "plan.toml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("tail", "where"),
    [
        ("notes = " + "[" * 5000 + "]" * 5000 + "\n", "plan.toml:4:"),
        ("notes = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "plan.toml:4:"),
        ("a" + ".a" * 2000 + " = 1\n", "plan.toml:4:"),
    ],
    ids=["arrays", "inline-tables", "dotted-keys"],
)
def test_nesting_deeper_than_the_parser_allows_is_one_file_line_col_line(tail: str, where: str) -> None:
    problems = problems_of(HEAD + tail)
    assert len(problems) == 1
    assert problems[0].startswith(where) and "nested deeper than a plan file may be" in problems[0]


def test_nesting_too_deep_through_the_command_line(tmp_path: Path) -> None:
    plan = tmp_path / "deep.toml"
    plan.write_text(HEAD + "notes = " + "[" * 5000 + "]" * 5000 + "\n")
    for args in (["validate", plan], ["list", plan, "--json"], ["move", plan, "x", "done"]):
        line = one_line_error(run(tmp_path, *args))
        assert PROBLEM_LINE.match(line) and line.startswith(f"{plan}:4:")


def test_a_number_of_thousands_of_digits_is_one_line() -> None:
    problems = problems_of(HEAD.replace("weeks = 2", "weeks = " + "9" * 5000))
    assert problems == ["plan.toml:3:9: a number of 5000 digits: far beyond any plan"]


@pytest.mark.parametrize("weeks", [521, 10_000_000, 1_000_000_000, 10**18])
def test_weeks_beyond_520_are_refused_fast_with_a_short_message(weeks: int) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("weeks = 8", f"weeks = {weeks}")
    started = time.monotonic()
    problems = problems_of(text)
    assert time.monotonic() - started < 5
    assert f"plan.toml:4:1: weeks must be at most 520 (ten years), not {weeks}" in problems
    assert all(len(p) < 300 for p in problems)
    assert len(problems) <= 6


def test_a_plan_of_520_weeks_is_fine_on_that_count() -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace("weeks = 8", "weeks = 520")
    assert not any("at most 520" in p for p in problems_of(text))  # only "weeks 9-520 belong to no phase"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('rollback_budget = "2h"', 'rollback_budget = "99999999999h"', "is longer than a year"),
        ("week = 1\n", "week = 99999999999999999999\n", "week 99999999999999999999 is outside the plan"),
        ("target = 85", "target = 1e300", "target 1e+300 is beyond ±1e15"),
        ("weeks = 8", "weeks = 8\nstart = 0001-01-01", "start 0001-01-01 is outside the years 1900-9000"),
    ],
)
def test_durations_week_numbers_metric_values_and_dates_are_bounded(old: str, new: str, message: str) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text
    problems = problems_of(text.replace(old, new, 1))
    assert any(message in p for p in problems), problems


def test_git_conflict_markers_are_named_with_every_conflict(tmp_path: Path) -> None:
    lines = BUNDLED.read_text(encoding="utf-8").split("\n")
    first = lines.index('status = "todo"')
    lines[first : first + 1] = ["<<<<<<< HEAD", 'status = "done"', "=======", 'status = "todo"', ">>>>>>> theirs"]
    second = lines.index('status = "todo"', first + 10)
    lines[second : second + 1] = ["<<<<<<< HEAD", 'status = "blocked"', "=======", 'status = "todo"', ">>>>>>> b"]
    plan = tmp_path / "plan.toml"
    plan.write_text("\n".join(lines))
    line = one_line_error(run(tmp_path, "validate", plan))
    assert (
        line
        == f"{plan}:{first + 1}:1: git conflict markers at lines {first + 1}, {second + 1}; run `rollout-board resolve {plan}`"
    )


def test_conflict_markers_inside_a_multiline_string_are_text() -> None:
    text = HEAD + 'notes = """\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> b\n"""\n'
    assert store.loads(text).notes.startswith("<<<<<<< HEAD")


@pytest.mark.parametrize("command", ["show", "standup"])
def test_a_today_in_year_1_is_one_clear_usage_error(tmp_path: Path, command: str) -> None:
    plan = bundled_copy(tmp_path)
    result = run(tmp_path, command, plan, "--today", "0001-01-01")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("--today: 0001-01-01 is outside the years 1900-9000")


def test_new_with_a_start_in_year_1_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "q1", "--start", "0001-01-01")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].endswith("--start: 0001-01-01 is outside the years 1900-9000")
    assert not (tmp_path / "plans" / "q1.toml").exists()


def test_messages_list_a_handful_of_items_however_many_the_file_has() -> None:
    statuses = "\n".join(f'    "s{i}",' for i in range(300))
    phases = "".join(
        f'\n[[phases]]\nid = "p{w}"\nname = "P{w}"\nfirst_week = {w}\nlast_week = {w}\n' for w in range(1, 500, 2)
    )
    text = (
        f'schema = 1\ntitle = "Many"\nweeks = 500\nstatuses = [\n{statuses}\n]\n{phases}'
        '\n[[objectives]]\nid = "a"\ntitle = "A"\nweek = 1\nstatus = "nope"\n'
    )
    problems = problems_of(text)
    assert any("weeks 2, 4, 6, 8, 10, 12 and 244 more belong to no phase" in p for p in problems), problems
    assert any("(expected one of: s0, s1, s2, s3, s4, s5 and 294 more)" in p for p in problems), problems
    assert all(len(p) < 300 for p in problems)
