"""The command line, run as a user runs it: ``python -m board ...`` in a subprocess, in a temporary folder."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tomllib
import types
import unicodedata
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from board import __version__, cli, discovery, locations, store
from board.commands import Command
from board.model import Editor

BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"
STATUSES = "todo, in-progress, blocked, done"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PROBLEM_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")


# --- helpers ---------------------------------------------------------------


def isolated_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment of a subprocess: user folders under ``root``, no colour settings inherited."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    home = root / "home"
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *args],
        cwd=cwd,
        env=isolated_env(cwd, **env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def visible_width(line: str) -> int:
    plain = ANSI.sub("", line)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in plain)


def assert_clean_error(result: subprocess.CompletedProcess[str], code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.strip(), "an error must say something on stderr"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def changed_lines(before: bytes, after: bytes) -> tuple[int, int]:
    """(lines removed, lines added) between two versions of a file."""
    a, b = before.decode().splitlines(), after.decode().splitlines()
    removed = added = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return removed, added


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan.toml"
    shutil.copyfile(BUNDLED, target)
    old = 1_600_000_000_000_000_000  # an old mtime, so any rewrite shows
    os.utime(target, ns=(old, old))
    return target


@pytest.fixture
def busy_plan(tmp_path: Path) -> Path:
    """The bundled plan two weeks in: work in progress with owners, blocked work, an active contingency."""
    p = store.load(BUNDLED)
    p.start = date(2025, 1, 6)
    objs = {o.id: o for o in p.objectives}
    objs["opa-policy"].status = "done"
    objs["gitleaks-secret"].status = "in-progress"
    objs["gitleaks-secret"].owner = "alice"
    objs["ci-cd"].status = "blocked"
    objs["ci-cd"].depends_on = ["opa-policy", "gitleaks-secret"]
    objs["xss-prevention"].status = "in-progress"
    objs["xss-prevention"].owner = "Bartholomew Longname-Smith of the platform team"
    objs["xss-prevention"].title = "A title far too long to fit on one line of an eighty column summary, surely"
    objs["baseline-metrics"].status = "blocked"
    objs["baseline-metrics"].notes = "Waiting for the metrics vendor contract"
    objs["baseline-metrics"].blocked_reason = "Waiting for the metrics vendor contract"
    # "Security score improves from 70% to 85%" is linked to its metric: met by a reading, not a tick
    Editor(p).record_metric("security-score", 86, date(2025, 1, 13))
    p.phases[2].rollback_estimate = "5h"  # budget 2h: over budget
    p.contingencies[1].active = True
    p.contingencies[1].activated = date(2025, 1, 8)
    target = tmp_path / "busy.toml"
    store.save(p, target)
    return target


# --- top level ------------------------------------------------------------


def test_version(tmp_path: Path) -> None:
    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"rollout-board {__version__}"


def test_help_lists_every_installed_command_with_its_help(tmp_path: Path) -> None:
    result = run(tmp_path, "--help")
    assert result.returncode == 0
    for name, help_line in [
        ("validate", "check plan files"),
        ("list", "list objectives"),
        ("move", "set an objective's status"),
        ("show", "a coloured summary"),
        ("new", "create plans/NAME.toml"),
    ]:
        assert re.search(rf"^  {name}\s+{re.escape(help_line)}", result.stdout, re.MULTILINE), name
    assert "rollout-board [PLAN]" in result.stdout


def test_help_reads_command_helps_without_importing_them() -> None:
    assert dict(cli.available_commands())["list"] == cli.COMMANDS["list"].help
    code = (
        "import sys; from board import cli; cli.commands_help(); "
        "print(sorted(m for m in sys.modules if m.startswith('board.commands.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_help_leaves_out_a_registered_command_that_is_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cli.COMMANDS, "ghost", Command("board.commands.ghost", "a command never installed"))
    assert "ghost" not in dict(cli.available_commands())
    assert "ghost" not in cli.commands_help()
    assert "  list " in cli.commands_help()
    assert cli.main(["ghost"]) == 2


def test_help_subcommand(tmp_path: Path) -> None:
    result = run(tmp_path, "help", "move")
    assert result.returncode == 0
    assert "usage: rollout-board move" in result.stdout
    assert "STATUS" in result.stdout


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("rollout-board")
    assert script.exists(), "pip install -e . installs the rollout-board script beside python"
    result = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, env=isolated_env(tmp_path), check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"rollout-board {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "{plan}", "--week", "three"],
        ["move", "{plan}", "opa-policy"],
        ["show", "{plan}", "--today", "2025-13-01"],
        ["new", "x", "--start", "soon"],
        ["validate"],
        ["--bogus"],
        ["{plan}", "extra"],
    ],
)
def test_usage_errors_exit_2(plan: Path, args: list[str]) -> None:
    result = run(plan.parent, *[a.format(plan=plan) for a in args])
    assert_clean_error(result, 2)
    assert "usage:" in result.stderr or "error" in result.stderr


def test_unknown_command_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    result = run(tmp_path, "lst")
    assert_clean_error(result, 2)
    assert "unknown command 'lst'" in result.stderr
    assert "did you mean 'list'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- validate -------------------------------------------------------------


def test_validate_ok(plan: Path, busy_plan: Path) -> None:
    result = run(plan.parent, "validate", plan.name, busy_plan.name)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [f"{plan.name}: ok (32 objectives)", f"{busy_plan.name}: ok (32 objectives)"]
    assert result.stderr == ""


def test_validate_bad_file_gives_every_problem_as_file_line_col(plan: Path) -> None:
    text = plan.read_text()
    text = text.replace('id = "gitleaks-secret"', 'id = "opa-policy"', 1)  # duplicate id
    text = text.replace('status = "todo"', 'status = "doing"', 1)  # unknown status (opa-policy's)
    bad = plan.with_name("bad.toml")
    bad.write_text(text)
    result = run(plan.parent, "validate", "bad.toml")
    assert_clean_error(result, 1)
    lines = result.stderr.strip().splitlines()
    assert len(lines) >= 2
    parsed = [PROBLEM_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {m["file"] for m in parsed if m} == {"bad.toml"}
    messages = " | ".join(m["message"] for m in parsed if m)
    assert "doing" in messages
    assert "opa-policy" in messages
    status_line = text.splitlines().index('status = "doing"') + 1
    assert any(m and int(m["line"]) == status_line for m in parsed)


def test_validate_reports_each_file_and_fails_if_any_is_bad(plan: Path) -> None:
    plan.with_name("broken.toml").write_text('schema = 1\ntitle = "x"\nweeks = [\n')
    result = run(plan.parent, "validate", plan.name, "broken.toml", "missing.toml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{plan.name}: ok (32 objectives)"]
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith("broken.toml:") and "invalid TOML" in errors[0]
    assert errors[1].startswith("missing.toml:") and "no such file" in errors[1]
    assert "Traceback" not in result.stderr


def test_validate_non_utf8(plan: Path) -> None:
    plan.with_name("latin.toml").write_bytes(b'schema = 1\ntitle = "Caf\xe9"\nweeks = 8\n')
    result = run(plan.parent, "validate", "latin.toml")
    assert_clean_error(result, 1)
    assert result.stderr.startswith("latin.toml:2:")
    assert "UTF-8" in result.stderr


# --- list -----------------------------------------------------------------


def test_list_json_has_the_32_seed_objectives(plan: Path) -> None:
    result = run(plan.parent, "list", plan.name, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 32
    seed = store.load(BUNDLED)
    assert [r["id"] for r in rows] == [o.id for o in seed.objectives]
    required = {"id", "title", "week", "phase", "status", "owner", "depends_on", "tags", "changed", "notes"}
    for row, obj in zip(rows, seed.objectives, strict=False):
        assert required <= row.keys()
        assert row["title"] == obj.title
        assert isinstance(row["week"], int) and 1 <= row["week"] <= 8
        phase = seed.phase_of(obj)
        assert phase is not None and row["phase"] == phase.id
        assert row["status"] == "todo"
        assert row["owner"] is None
        assert row["depends_on"] == [] and row["tags"] == []
        assert row["changed"] is None
    assert [r["phase"] for r in rows] == ["p1"] * 8 + ["p2"] * 8 + ["p3"] * 8 + ["p4"] * 8


def test_list_json_after_changes(busy_plan: Path) -> None:
    rows = {r["id"]: r for r in json.loads(run(busy_plan.parent, "list", busy_plan.name, "--json").stdout)}
    assert rows["gitleaks-secret"]["owner"] == "alice"
    assert rows["ci-cd"]["depends_on"] == ["opa-policy", "gitleaks-secret"]
    assert rows["baseline-metrics"]["notes"] == "Waiting for the metrics vendor contract"


@pytest.mark.parametrize(
    ("args", "count", "check"),
    [
        (["--phase", "p2"], 8, lambda r: r["phase"] == "p2"),
        (["--week", "3"], 4, lambda r: r["week"] == 3),
        (["--status", "todo"], 32, lambda r: r["status"] == "todo"),
        (["--status", "done"], 0, lambda r: False),
        (["--phase", "p1", "--week", "2"], 4, lambda r: r["week"] == 2),
    ],
)
def test_list_filters(plan: Path, args: list[str], count: int, check) -> None:
    result = run(plan.parent, "list", plan.name, "--json", *args)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == count
    assert all(check(r) for r in rows)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--phase", "p9"], "unknown phase 'p9' (phases: p1, p2, p3, p4)"),
        (["--status", "doing"], f"unknown status 'doing' (statuses: {STATUSES})"),
        (["--week", "9"], "week 9 is outside the plan (weeks 1-8)"),
        (["--week", "0", "--json"], "week 0 is outside the plan (weeks 1-8)"),
    ],
)
def test_list_unknown_filter_names_the_choices(plan: Path, args: list[str], expected: str) -> None:
    result = run(plan.parent, "list", plan.name, *args)
    assert_clean_error(result, 1)
    assert result.stderr.strip() == f"rollout-board list: {expected}"


def test_list_table_fits_80_columns_and_keeps_ids_whole(plan: Path, busy_plan: Path) -> None:
    from board.commands.listing import table

    for path in (plan, busy_plan):
        loaded = store.load(path)
        phase_ids = {w: p.id for p in loaded.phases for w in p.weeks}
        lines = table(loaded.objectives, phase_ids, 80)  # a terminal of 80 columns
        assert lines[0].split() == ["ID", "WK", "PHASE", "STATUS", "OWNER", "TITLE"]
        assert len(lines) == 33
        assert max(visible_width(line) for line in lines) <= 80
        assert [line.split()[0] for line in lines[1:]] == [o.id for o in loaded.objectives]
    assert any(line.endswith("…") for line in lines)
    row = next(line for line in lines if line.startswith("gitleaks-secret "))
    assert row.split()[1:5] == ["1", "p1", "in-progress", "alice"]


def test_list_of_an_invalid_plan(plan: Path) -> None:
    plan.write_text(plan.read_text().replace("weeks = 8", "weeks = 2", 1))
    result = run(plan.parent, "list", plan.name)
    assert_clean_error(result, 1)
    assert all(PROBLEM_LINE.match(line) for line in result.stderr.strip().splitlines())


# --- move -----------------------------------------------------------------


def test_move_changes_at_most_two_lines(plan: Path) -> None:
    before = plan.read_bytes()
    result = run(plan.parent, "move", plan.name, "opa-policy", "in-progress", "--today", "2025-01-08")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "opa-policy: todo → in-progress"
    after = plan.read_bytes()
    removed, added = changed_lines(before, after)
    assert removed <= 2 and added <= 2 and (removed, added) != (0, 0)
    moved = store.load(plan).objective("opa-policy")
    assert moved.status == "in-progress"
    assert moved.changed == date(2025, 1, 8)
    second = run(plan.parent, "move", plan.name, "opa-policy", "done", "--today", "2025-01-08")
    assert second.stdout.strip() == "opa-policy: in-progress → done"
    assert sum(changed_lines(after, plan.read_bytes())) <= 2  # the same day: the status line alone
    third = plan.read_bytes()
    assert run(plan.parent, "move", plan.name, "opa-policy", "todo", "--today", "2025-01-09").returncode == 0
    assert changed_lines(third, plan.read_bytes()) == (2, 2)  # another day: the status and its date
    assert store.load(plan).objective("opa-policy").changed == date(2025, 1, 9)
    bad = run(plan.parent, "move", plan.name, "opa-policy", "todo", "--today", "2025-13-01")
    assert bad.returncode == 2 and "'2025-13-01' is not a date like 2025-01-06" in bad.stderr


def test_move_to_the_same_status_leaves_the_file_alone(plan: Path) -> None:
    before = snapshot(plan)
    result = run(plan.parent, "move", plan.name, "opa-policy", "todo")
    assert result.returncode == 0
    assert "already todo" in result.stdout
    assert snapshot(plan) == before


def test_move_unknown_id_leaves_the_file_byte_identical(plan: Path) -> None:
    before = snapshot(plan)
    result = run(plan.parent, "move", plan.name, "opa", "done")
    assert_clean_error(result, 1)
    assert "no objective with id 'opa'" in result.stderr
    assert "opa-policy" in result.stderr  # the closest valid choice
    assert f"rollout-board list {plan.name}" in result.stderr  # where all the choices are
    assert snapshot(plan) == before


def test_move_unknown_id_in_a_small_plan_lists_every_id(tmp_path: Path) -> None:
    p = store.load(BUNDLED)
    p.objectives = p.objectives[:3]
    small = tmp_path / "small.toml"
    store.save(p, small)
    result = run(tmp_path, "move", "small.toml", "nope", "done")
    assert_clean_error(result, 1)
    assert "(ids: opa-policy, gitleaks-secret, ci-cd)" in result.stderr


def test_move_unknown_status_leaves_the_file_byte_identical(plan: Path) -> None:
    before = snapshot(plan)
    result = run(plan.parent, "move", plan.name, "opa-policy", "finished")
    assert_clean_error(result, 1)
    assert result.stderr.strip() == f"rollout-board move: unknown status 'finished' (statuses: {STATUSES})"
    assert snapshot(plan) == before


def test_move_in_an_invalid_plan_changes_nothing(plan: Path) -> None:
    plan.write_text(plan.read_text().replace('status = "todo"', 'status = "doing"', 1))
    before = snapshot(plan)
    result = run(plan.parent, "move", plan.name, "gitleaks-secret", "done")
    assert_clean_error(result, 1)
    assert PROBLEM_LINE.match(result.stderr.splitlines()[0])
    assert snapshot(plan) == before


def test_move_missing_file(tmp_path: Path) -> None:
    result = run(tmp_path, "move", "nope.toml", "a", "done")
    assert_clean_error(result, 1)
    assert result.stderr.strip() == "nope.toml:1:1: no such file"


# --- show -----------------------------------------------------------------


def test_show_plain_fits_80_columns(plan: Path, busy_plan: Path) -> None:
    for path in (plan, busy_plan):
        result = run(path.parent, "show", path.name, "--today", "2025-01-14")
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout
        lines = result.stdout.splitlines()
        assert max(visible_width(line) for line in lines) <= 80
        assert lines[0] == "Phased Rollout Strategy"


def test_show_busy_plan(busy_plan: Path) -> None:
    out = run(busy_plan.parent, "show", busy_plan.name, "--today", "2025-01-14").stdout
    assert "This week: week 2 of 8 · p1 Foundation & Security (wk 1-2)" in out
    assert "○ 27 todo  ◐ 2 in-progress  ✕ 2 blocked  ● 1 done" in out
    assert re.search(r"^▶ p1 Foundation & Security\s+█+░+\s+1/8\s+12%\s+wk 1-2$", out, re.MULTILINE)
    assert re.search(r"^  all\s+█░+\s+1/32\s+3%$", out, re.MULTILINE)
    assert re.search(r"^  ◐ gitleaks-secret\s+Set up Gitleaks secret scanning\s+alice$", out, re.MULTILINE)
    assert re.search(r"^  ◐ xss-prevention\s+A title far too long.*…\s+Bartholomew Lon…$", out, re.MULTILINE)
    assert re.search(
        r"^  ✕ ci-cd\s+Configure enhanced CI/CD pipeline$\n^      waiting on: ◐ gitleaks-secret$", out, re.MULTILINE
    )
    assert re.search(
        r"^  ✕ baseline-metrics .*\n^      why: Waiting for the metrics vendor contract$\n^      no unfinished dependencies$",
        out,
        re.MULTILINE,
    )
    assert re.search(r"^▶ p1 Foundation & Security\s+1/4 met$\n^      ✓ Security score improves", out, re.MULTILINE)
    assert re.search(r"^  p3 Performance & Developer Experience\s+5h / 2h\s+✕ 3h over budget$", out, re.MULTILINE)
    assert re.search(r"^  p2 Component Architecture\s+3h / 4h\s+ok$", out, re.MULTILINE)
    assert "Active contingencies (1)" in out
    assert "● Technical Issues · since 2025-01-08" in out
    assert "2 more on standby" in out


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2025-01-01", "Not started: week 1 begins in 5 days"),
        ("2025-03-20", "Finished: week 8 ended on Sun 2025-03-02"),
        ("2025-02-24", "This week: week 8 of 8 · p4"),
    ],
)
def test_show_this_week(busy_plan: Path, today: str, expected: str) -> None:
    out = run(busy_plan.parent, "show", busy_plan.name, "--today", today).stdout
    assert expected in out


def test_show_without_a_start_date(plan: Path) -> None:
    out = run(plan.parent, "show", plan.name).stdout
    assert "no start date" in out
    assert "This week" not in out and "▶" not in out
    assert "nothing in progress" in out and "nothing blocked" in out
    assert "none active (3 on standby)" in out


def test_show_forced_colour_fits_80_columns(busy_plan: Path) -> None:
    result = run(busy_plan.parent, "show", busy_plan.name, "--today", "2025-01-14", FORCE_COLOR="1")
    assert result.returncode == 0
    assert "\x1b[" in result.stdout
    assert max(visible_width(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[31;1m✕ 3h over budget\x1b[0m" in result.stdout
    plain = run(busy_plan.parent, "show", busy_plan.name, "--today", "2025-01-14").stdout
    assert ANSI.sub("", result.stdout) == plain


def _run_on_a_terminal(cwd: Path, *args: str, **env: str) -> str:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "board", *args],
        cwd=cwd,
        env=isolated_env(cwd, **env),
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_show_colours_a_terminal_unless_no_color(busy_plan: Path) -> None:
    coloured = _run_on_a_terminal(busy_plan.parent, "show", busy_plan.name, "--today", "2025-01-14")
    assert "\x1b[" in coloured
    assert max(visible_width(line) for line in coloured.splitlines()) <= 80
    plain = _run_on_a_terminal(busy_plan.parent, "show", busy_plan.name, "--today", "2025-01-14", NO_COLOR="1")
    assert "\x1b" not in plain
    assert ANSI.sub("", coloured) == plain


def test_show_marks_custom_statuses(tmp_path: Path) -> None:
    p = store.load(BUNDLED)
    p.statuses = ["todo", "in-progress", "review", "blocked", "done"]
    p.objectives[0].status = "review"
    store.save(p, tmp_path / "custom.toml")
    out = run(tmp_path, "show", "custom.toml").stdout
    # The same mark as on the board's cards and column headers (board.term.OTHER_SYMBOL).
    assert "◇ 1 review" in out
    assert re.search(r"^  ◇ opa-policy\s+Implement OPA policy enforcement$", out, re.MULTILINE)


# --- new ------------------------------------------------------------------


def test_new_creates_a_plan_from_the_template(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "q3-rollout", "--today", "2025-01-09")  # a Thursday
    assert result.returncode == 0, result.stderr
    target = tmp_path / "plans" / "q3-rollout.toml"
    assert target.is_file()
    assert "plans/q3-rollout.toml" in result.stdout.splitlines()[0]
    assert result.stdout.splitlines()[-1] == "next: rollout-board plans/q3-rollout.toml"
    raw = tomllib.loads(target.read_text())
    assert raw["start"] == date(2025, 1, 6)  # the Monday of today's week
    assert "week 1 starts Mon 2025-01-06" in result.stdout
    made = store.load(target)
    template = store.load(BUNDLED)
    made.start = template.start
    assert made == template
    assert run(tmp_path, "validate", "plans/q3-rollout.toml").returncode == 0


def test_new_start_date_is_the_monday_of_its_week(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "later", "--start", "2025-01-09")
    assert result.returncode == 0
    assert store.load(tmp_path / "plans" / "later.toml").start == date(2025, 1, 6)
    assert "week 1 starts Mon 2025-01-06" in result.stdout


def test_new_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    assert run(tmp_path, "new", "q3", "--start", "2025-01-06").returncode == 0
    target = tmp_path / "plans" / "q3.toml"
    target.write_text(target.read_text().replace("Phased Rollout Strategy", "Our own title", 1))
    before = snapshot(target)
    refused = run(tmp_path, "new", "q3")
    assert_clean_error(refused, 1)
    assert refused.stderr.strip() == "rollout-board new: plans/q3.toml already exists (use --force to overwrite it)"
    assert snapshot(target) == before
    forced = run(tmp_path, "new", "q3", "--force", "--start", "2025-02-03")
    assert forced.returncode == 0
    again = store.load(target)
    assert again.title == "Phased Rollout Strategy" and again.start == date(2025, 2, 3)


@pytest.mark.parametrize("name", ["Q3 Rollout", "../escape", "a_b", ""])
def test_new_wants_a_slug(tmp_path: Path, name: str) -> None:
    result = run(tmp_path, "new", name)
    assert_clean_error(result, 1)
    assert "is not a plan name" in result.stderr
    assert not (tmp_path / "plans").exists()


def test_new_when_plans_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "plans").write_text("not a folder")
    result = run(tmp_path, "new", "q3")
    assert_clean_error(result, 1)
    assert len(result.stderr.strip().splitlines()) == 1


# --- discovery ------------------------------------------------------------


def test_discover_explicit_plan(plan: Path) -> None:
    found = discovery.discover(plan)
    assert found.paths == [plan] and found.source == "argument"
    with pytest.raises(store.LoadError, match="no such file"):
        discovery.discover(plan.with_name("missing.toml"))


def test_discover_the_only_plan_in_plans(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    only = tmp_path / "plans" / "ours.toml"
    shutil.copyfile(BUNDLED, only)
    (tmp_path / "plans" / "README.md").write_text("not a plan")
    (tmp_path / "plans" / ".hidden.toml").write_text("not a plan either")
    found = discovery.discover(None, cwd=tmp_path)
    assert found.paths == [only] and found.source == "plans-dir"


def test_discover_several_plans_for_the_picker(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    for name in ("b.toml", "a.toml"):
        shutil.copyfile(BUNDLED, tmp_path / "plans" / name)
    found = discovery.discover(None, cwd=tmp_path)
    assert found.paths == [tmp_path / "plans" / "a.toml", tmp_path / "plans" / "b.toml"]


def test_discover_copies_the_bundled_plan_once(tmp_path: Path, platformdirs_isolated: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    found = discovery.discover(None, cwd=work, today=date(2025, 1, 9))
    default = locations.default_plan_path()
    assert str(default).startswith(str(platformdirs_isolated))
    assert found.paths == [default] and found.source == "default" and found.copied_to == default
    copied = store.load(default)
    assert copied.start == date(2025, 1, 6)  # it starts this week, as `new` does
    copied.start = None
    assert copied == store.load(locations.template_path())
    edited = default.read_text().replace("Phased Rollout Strategy", "Our copy", 1)
    default.write_text(edited)
    again = discovery.discover(None, cwd=work)
    assert again.paths == [default] and again.copied_to is None
    assert default.read_text() == edited


class FakeApp:
    """Stands in for board.app: records what the board would have opened."""

    def __init__(self, result: int | BaseException = 0) -> None:
        self.opened: list[list[Path]] = []
        self.read_only: list[bool] = []
        self.result = result

    def module(self) -> types.ModuleType:
        module = types.ModuleType("board.app")

        def run_app(paths: list[Path], *, read_only: bool = False, loaded: object = None) -> int:
            self.opened.append(list(paths))
            self.read_only.append(read_only)
            if isinstance(self.result, BaseException):
                raise self.result
            return self.result

        module.run_app = run_app  # type: ignore[attr-defined]
        return module


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> FakeApp:
    fake = FakeApp()
    monkeypatch.setitem(sys.modules, "board.app", fake.module())
    return fake


def test_main_opens_the_given_plan(plan: Path, fake_app: FakeApp) -> None:
    assert cli.main([str(plan)]) == 0
    assert cli.main([str(plan), "--read-only"]) == 0
    assert fake_app.opened == [[plan], [plan]]
    assert fake_app.read_only == [False, True]


def test_main_validates_before_opening(plan: Path, fake_app: FakeApp, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([str(plan.with_name("missing.toml"))]) == 1
    plan.write_text(plan.read_text().replace("weeks = 8", 'weeks = "eight"', 1))
    assert cli.main([str(plan)]) == 1
    assert fake_app.opened == []
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{plan.with_name('missing.toml')}:1:1: no such file"
    assert all(PROBLEM_LINE.match(line) for line in err[1:]) and err[1].startswith(f"{plan}:")


def test_main_picks_from_plans_dir(
    tmp_path: Path, fake_app: FakeApp, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    shutil.copyfile(BUNDLED, tmp_path / "plans" / "one.toml")
    assert cli.main([]) == 0
    shutil.copyfile(BUNDLED, tmp_path / "plans" / "two.toml")
    assert cli.main([]) == 0
    assert [[p.name for p in paths] for paths in fake_app.opened] == [["one.toml"], ["one.toml", "two.toml"]]
    assert not locations.default_plan_path().exists()


def test_main_falls_back_to_the_bundled_plan(
    tmp_path: Path,
    fake_app: FakeApp,
    monkeypatch: pytest.MonkeyPatch,
    platformdirs_isolated: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main([]) == 0
    default = locations.default_plan_path()
    assert fake_app.opened == [[default]]
    assert f"copied the bundled plan to {default}" in capsys.readouterr().err
    assert cli.main([]) == 0
    assert "copied" not in capsys.readouterr().err


def test_main_returns_the_app_exit_code_and_130_on_ctrl_c(
    plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "board.app", FakeApp(3).module())
    assert cli.main([str(plan)]) == 3
    monkeypatch.setitem(sys.modules, "board.app", FakeApp(KeyboardInterrupt()).module())
    assert cli.main([str(plan)]) == 130
    assert capsys.readouterr().err == ""


def test_main_reports_errors_in_one_line(
    plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from board.model import PlanError

    monkeypatch.setitem(sys.modules, "board.app", FakeApp(PlanError("no objective with id 'x'")).module())
    assert cli.main([str(plan)]) == 1
    monkeypatch.setitem(
        sys.modules, "board.app", FakeApp(PermissionError(13, "Permission denied", "plan.toml")).module()
    )
    assert cli.main([str(plan)]) == 1
    monkeypatch.setitem(sys.modules, "board.app", FakeApp(RuntimeError("a bug")).module())
    with pytest.raises(RuntimeError):  # a bug is not dressed up as bad input
        cli.main([str(plan)])
    assert capsys.readouterr().err.splitlines() == [
        "rollout-board: no objective with id 'x'",
        "rollout-board: plan.toml: Permission denied",
    ]


def test_board_through_a_subprocess_with_the_app_replaced(tmp_path: Path) -> None:
    """``rollout-board`` with no arguments in a folder with one plan, the app replaced by a recorder."""
    (tmp_path / "plans").mkdir()
    shutil.copyfile(BUNDLED, tmp_path / "plans" / "ours.toml")
    script = (
        "import sys, types\n"
        "app = types.ModuleType('board.app')\n"
        "app.run_app = lambda paths, read_only=False, loaded=None: print('OPEN', *[str(p) for p in paths]) or 0\n"
        "sys.modules['board.app'] = app\n"
        "from board.cli import main\n"
        "raise SystemExit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=isolated_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"OPEN {tmp_path / 'plans' / 'ours.toml'}"
    assert not (tmp_path / "home").exists()  # nothing copied into the user's folders
