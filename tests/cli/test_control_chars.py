"""Plan text never reaches a terminal raw: control characters are shown as escapes everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from board import term
from tests.cli.test_cli import isolated_env, run
from tests.hostile_text import PAYLOAD, hostile_plan, raw_controls


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return hostile_plan(tmp_path / "hostile.toml")


# --- the one place that escapes --------------------------------------------


def test_visible_escapes_every_control_character() -> None:
    shown = term.visible(PAYLOAD)
    assert raw_controls(shown) == []
    assert shown.startswith(r"\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07\x1b[2J\x1b[H\rX\x08\x08\x1b[8m\x9b5m\x7f\x00\u202e")
    assert term.visible("plain text, ünïcode ✓") == "plain text, ünïcode ✓"
    assert term.visible("two\nlines\tand a tab") == r"two\nlines\tand a tab"


def test_visible_lines_keeps_line_breaks_only() -> None:
    assert term.visible_lines("a\r\nb\rc\n\x1b[2Jd\te") == "a\nb\\rc\n\\x1b[2Jd\te"


def test_json_safe_is_the_same_json_without_raw_controls() -> None:
    data = {"t": PAYLOAD + "\u2066x\u2069"}
    text = term.json_safe(json.dumps(data, ensure_ascii=False))
    assert raw_controls(text) == []
    assert json.loads(text) == data


def test_escape_strings_reaches_nested_fields(hostile: Path) -> None:
    from board import store

    plan = term.escape_strings(store.load(hostile))
    texts = [plan.title, plan.summary, plan.phases[1].risks[0].mitigation, plan.contingencies[0].actions[0]]
    texts += [o.title + o.owner + o.notes + "".join(o.tags) for o in plan.objectives]
    texts += [m.name + m.unit for m in plan.metrics]
    assert all(r"\x1b]0;PWNED" in t for t in texts[:4])
    assert raw_controls("".join(texts)) == []
    assert "\n" in plan.objectives[0].notes  # notes keep their lines


# --- every command ----------------------------------------------------------

COMMANDS = [
    ["validate"],
    ["list"],
    ["list", "--json"],
    ["list", "--status", "blocked"],
    ["show", "--today", "2026-11-18"],
    ["standup", "--today", "2026-11-18"],
    ["standup", "--today", "2026-11-18", "--markdown"],
    ["export", "--format", "json"],
    ["metric", "{plan}", "security-score", "90"],
    ["move", "{plan}", "opa-policy", "done"],
]


@pytest.mark.parametrize("colour", ["", "1"], ids=["plain", "colour"])
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_no_command_prints_a_raw_control_character(hostile: Path, args: list[str], colour: str) -> None:
    argv = [a.replace("{plan}", hostile.name) for a in args]
    if "{plan}" not in args:
        argv.insert(1, hostile.name)
    done = run(hostile.parent, *argv, **({"FORCE_COLOR": colour} if colour else {}))
    assert done.returncode == 0, done.stderr
    assert raw_controls(done.stdout, own_colours=bool(colour)) == []
    assert raw_controls(done.stderr) == []
    if args[0] in ("list", "show", "standup") and "--json" not in args:
        assert r"\x1b]0;PWNED" in done.stdout  # shown, as an escape
    if "--json" in args or "json" in args:
        json.loads(done.stdout)


def test_list_json_keeps_the_text_exactly(hostile: Path) -> None:
    from board import store

    rows = json.loads(run(hostile.parent, "list", hostile.name, "--json").stdout)
    assert [r["title"] for r in rows] == [o.title for o in store.load(hostile).objectives]
    assert PAYLOAD in rows[0]["title"]


def test_error_lines_escape_plan_text(tmp_path: Path) -> None:
    """A FILE:LINE:COL line names the file, which may hold control characters too."""
    plan = tmp_path / "bad\x1b]0;PWNED\x07.toml"
    plan.write_text('schema = 1\ntitle = "x"\nweeks = "eight"\n', encoding="utf-8")
    done = run(tmp_path, "validate", plan.name)
    assert done.returncode == 1
    assert raw_controls(done.stderr) == [] and r"bad\x1b]0;PWNED\x07.toml:3:1: " in done.stderr


def test_markdown_export_to_a_terminal_is_escaped(hostile: Path) -> None:
    """Piped, a Markdown export is exact (it must import back); on a terminal it is shown escaped."""
    import pty

    piped = run(hostile.parent, "export", hostile.name, "--format", "markdown")
    assert "\x1b]0;PWNED\x07" in piped.stdout
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "board", "export", hostile.name, "--format", "markdown"],
        cwd=hostile.parent,
        env=isolated_env(hostile.parent),
        stdout=follower,
        stderr=subprocess.PIPE,
    ) as proc:
        import os

        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert proc.returncode == 0
    assert raw_controls(shown) == [] and r"\x1b]0;PWNED" in shown


def test_validate_warns_where_control_characters_are(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    text = (Path(__file__).parents[2] / "plans" / "phased-rollout.toml").read_text(encoding="utf-8")
    text = text.replace('title = "Phased Rollout Strategy"', 'title = "Phased\\u001b]0;PWNED\\u0007 Rollout"')
    text = text.replace('"Disable new security policies"', '"Disable\\u009b8m new\\u202e policies"')
    text = text.replace(
        'title = "Set up Gitleaks secret scanning"', 'title = "Set up\\nGitleaks"'
    )  # a line break is text
    plan.write_text(text, encoding="utf-8")
    done = run(tmp_path, "validate", plan.name)
    assert done.returncode == 0
    assert done.stdout == "plan.toml: ok (32 objectives)\n"
    assert done.stderr.splitlines() == [
        r"plan.toml:2:1: warning: title holds control characters (\x1b, \x07); they are shown as escapes",
        r"plan.toml:24:5: warning: phases[1].rollback_steps[2].text holds control characters (\x9b, \u202e);"
        " they are shown as escapes",
    ]


def test_validate_of_a_clean_plan_warns_of_nothing(tmp_path: Path) -> None:
    done = run(tmp_path, "validate", str(Path(__file__).parents[2] / "plans" / "phased-rollout.toml"))
    assert (done.returncode, done.stderr) == (0, "")


def test_a_line_is_measured_as_it_is_shown() -> None:
    """The standup and ``show`` lay out Lines: a control character takes the width of its escape."""
    line = term.Line("ab\x1b[2Jcd", ("\x07x", "bold"))
    assert line.plain() == r"ab\x1b[2Jcd\x07x" and line.width() == len(r"ab\x1b[2Jcd\x07x")
    assert raw_controls(line.render(term.Painter(False), 12)) == []


@pytest.mark.parametrize("markdown", [False, True], ids=["text", "markdown"])
def test_standup_since_the_last_commit_escapes_the_committed_plan(tmp_path: Path, markdown: bool) -> None:
    """An objective removed since the last commit is named by its title in the committed plan."""
    from board import store
    from tests.cli.test_standup import git

    (tmp_path / "plans").mkdir()
    path = hostile_plan(tmp_path / "plans" / "plan.toml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "plans/plan.toml")
    git(tmp_path, "commit", "-q", "-m", "plan")
    plan = store.load(path)
    needed = {d for o in plan.objectives for d in o.depends_on}
    gone = next(o for o in plan.objectives if o.id not in needed)
    plan.objectives.remove(gone)
    store.save(plan, path)
    done = run(tmp_path, "standup", "plans/plan.toml", "--today", "2026-11-18", *(["--markdown"] if markdown else []))
    assert done.returncode == 0, done.stderr
    removed = [line for line in done.stdout.splitlines() if f"objective removed: {gone.id} (" in line]
    assert len(removed) == 1 and "x1b]0;PWNED" in removed[0]  # the committed title, escaped
    assert raw_controls(done.stdout) == [] and raw_controls(done.stderr) == []
