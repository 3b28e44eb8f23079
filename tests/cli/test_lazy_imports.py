"""Commands that only read a plan import only what reads and checks one (issue 12: start-up time).

``board.model`` and ``board.store`` hand out their names lazily (PEP 562): the editor, its
history, the plan diff, the patcher, the renderer and the lock are imported by the commands that
write or need them, not by ``validate``, ``list`` or ``show``. Each check runs the command in a
fresh interpreter and reads ``sys.modules`` at its end, as ``test_import_hygiene`` does for Textual.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"

# What only a command that writes a plan (or compares, merges or edits one) needs.
WRITERS = (
    "board.model.editor",
    "board.model.history",
    "board.model.structure",
    "board.model.edit_base",
    "board.model.diff",
    "board.store.diff",
    "board.store.patch",
    "board.store.render",
    "board.store.textmap",
    "board.store.lock",
    "board.store.markers",
    "tomli_w",
    "tempfile",
)
# Nor does reading need these (pathlib imports urllib.parse and ipaddress; shutil imports bz2 and lzma).
HEAVY = ("pathlib", "shutil")

# Runs board.cli.main, then writes its exit code and the imported modules to HYGIENE_REPORT.
CLI_SCRIPT = """
import json, os, sys
from board.cli import main
code = main(sys.argv[1:])
with open(os.environ["HYGIENE_REPORT"], "w") as handle:
    json.dump({"code": code, "modules": sorted(sys.modules)}, handle)
"""


def run_cli(folder: Path, *args: str) -> tuple[int, set[str]]:
    report = folder / "modules.json"
    report.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(HOME=str(folder / "home"), XDG_DATA_HOME=str(folder / "home" / "data"), HYGIENE_REPORT=str(report))
    subprocess.run(
        [sys.executable, "-c", CLI_SCRIPT, *args], cwd=folder, env=env, capture_output=True, timeout=60, check=True
    )
    found = json.loads(report.read_text())
    return found["code"], set(found["modules"])


def run_python(script: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "plan.toml"], 0),
        (["validate", "plan.toml", "bad.toml"], 1),
        (["list", "plan.toml"], 0),
        (["list", "plan.toml", "--json"], 0),
        (["show", "plan.toml", "--today", "2025-01-14"], 0),
    ],
)
def test_reading_commands_import_no_writer(workdir: Path, args: list[str], code: int) -> None:
    found_code, modules = run_cli(workdir, *args)
    assert found_code == code
    assert sorted(modules.intersection(WRITERS)) == []
    assert sorted(modules.intersection(HEAVY)) == []
    assert ("board.store.problems" in modules) == (code == 1)  # made only for a plan with problems
    assert "board.store" in modules  # the probe saw the command read the plan


def test_move_still_imports_what_it_writes_with(workdir: Path) -> None:
    """The probe sees the writers when a command does write."""
    code, modules = run_cli(workdir, "move", "plan.toml", "opa-policy", "in-progress")
    assert code == 0
    assert {"board.model.editor", "board.store.patch", "board.store.lock"} <= modules
    assert sorted(modules.intersection({"board.store.problems", "tempfile", "shutil"})) == []


def test_every_lazy_name_of_the_model_and_the_store_resolves() -> None:
    """Each name in ``__all__`` is there on first use (from the submodule that defines it), and ``dir`` lists it."""
    script = """
import board.model, board.store
for package in (board.model, board.store):
    for name in package.__all__:
        value = getattr(package, name)
        assert value is not None, name
        assert name in dir(package), name
print("ok")
"""
    assert run_python(script) == "ok"


def test_an_unknown_name_is_an_attribute_error() -> None:
    script = """
import board.model, board.store
for package in (board.model, board.store):
    try:
        package.nothing_of_that_name
    except AttributeError as error:
        print(error)
"""
    assert run_python(script).splitlines() == [
        "module 'board.model' has no attribute 'nothing_of_that_name'",
        "module 'board.store' has no attribute 'nothing_of_that_name'",
    ]


def test_store_locate_stays_the_function_after_its_submodule_is_imported() -> None:
    """``board.store.locate`` names a function and a submodule: importing the submodule late must not
    bind it over the function (``validate`` calls ``store.locate`` after ``text_checks`` imports it)."""
    script = """
from board import store
import board.store.text_checks
print(callable(store.locate))
"""
    assert run_python(script) == "True"


def test_a_save_in_a_fresh_process_imports_its_writers(tmp_path: Path) -> None:
    """``save`` and ``update`` bring the lazily imported names in before they use them."""
    path = tmp_path / "plan.toml"
    shutil.copyfile(BUNDLED, path)
    script = f"""
from board import store
plan = store.load({str(path)!r})
store.update({str(path)!r}, lambda p: setattr(p.objectives[0], "status", "done"))
store.save(store.load({str(path)!r}), {str(path)!r})
import sys
print(store.load({str(path)!r}).objectives[0].status, [m for m in ("tempfile", "shutil") if m in sys.modules])
"""
    assert run_python(script) == "done []"


def test_no_dataclass_works_out_a_signature() -> None:
    """A dataclass without a docstring gets one made from ``inspect.signature`` when it is created (about
    0.1 ms each, up to 1 ms for a large one, at every start): every dataclass of the board has its own
    (the standup's report, the key table, the settings, the board's marks and footer among them)."""
    script = """
import inspect, sys
calls = []
real = inspect.signature
def counting(obj, *args, **kwargs):
    if str(getattr(obj, "__module__", "")).startswith("board"):  # Textual's own classes are not ours
        calls.append(getattr(obj, "__qualname__", repr(obj)))
    return real(obj, *args, **kwargs)
inspect.signature = counting
import importlib, pkgutil
import board
for info in pkgutil.walk_packages(board.__path__, "board."):
    if info.name != "board.__main__":
        importlib.import_module(info.name)
print(calls)
"""
    assert run_python(script) == "[]"


WIDTHS_SCRIPT = """
import os, shutil, sys
from board.cli import help_width
print(help_width(), shutil.get_terminal_size().columns - 2, file=sys.stderr)
"""


@pytest.mark.parametrize("columns", [None, "50", "0", "wide"])
@pytest.mark.parametrize("terminal", [False, True])
def test_help_is_as_wide_as_argparse_would_make_it(columns: str | None, terminal: bool) -> None:
    """The parsers' width is argparse's own (``shutil.get_terminal_size().columns - 2``), in a terminal
    of 73 columns or piped, with ``COLUMNS`` set, unset or unusable."""
    import fcntl
    import pty
    import struct
    import termios

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    leader, follower = pty.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 73, 0, 0))
        result = subprocess.run(
            [sys.executable, "-c", WIDTHS_SCRIPT],
            stdout=follower if terminal else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            timeout=60,
            check=True,
        )
    finally:
        os.close(leader)
        os.close(follower)
    ours, argparse_s = result.stderr.split()
    assert ours == argparse_s
    assert ours == {"50": "48"}.get(columns or "", "71" if terminal else "78")


def test_a_command_without_help_imports_no_shutil(workdir: Path) -> None:
    """argparse imports shutil (and bz2, lzma) for its width in every parser unless given one."""
    code, modules = run_cli(workdir, "list", "plan.toml")
    assert code == 0
    assert "shutil" not in modules


def test_the_command_registry_is_read_without_compiling_methods() -> None:
    """``board.commands`` (read at every start) holds named tuples: no dataclass whose six methods are
    compiled when it is created, nor the dataclasses module and inspect behind it."""
    script = """
import sys
from board.commands import COMMANDS
print(COMMANDS["list"].module, "dataclasses" in sys.modules, "inspect" in sys.modules)
"""
    assert run_python(script) == "board.commands.listing False False"


def test_a_move_to_the_status_an_objective_has_imports_no_editor_nor_patcher(workdir: Path) -> None:
    """Nothing to change (a script moving to the status it has): the file is read under its lock and
    left as it is, without the editor, the gate's notice, the patcher or the renderer."""
    before = (workdir / "plan.toml").read_bytes()
    code, modules = run_cli(workdir, "move", "plan.toml", "opa-policy", "todo")
    assert code == 0
    assert (workdir / "plan.toml").read_bytes() == before
    assert "board.store.lock" in modules
    unused = {"board.model.editor", "board.model.notices", "board.store.patch", "board.store.render"}
    assert sorted(modules.intersection(unused)) == []


def test_the_standup_imports_difflib_only_for_entries_that_moved(workdir: Path) -> None:
    """In git the standup compares with the commit through the plan diff, which needs difflib only to
    place entries that moved; outside git it imports neither (no commit to compare with)."""
    code, modules = run_cli(workdir, "standup", "plan.toml", "--today", "2025-01-14")
    assert code == 0
    assert "board.model.diff" not in modules and "pathlib" not in modules and "subprocess" not in modules
    for words in (
        ["init", "-q"],
        ["add", "plan.toml"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "p"],
    ):
        subprocess.run(["git", *words], cwd=workdir, check=True, capture_output=True)
    code, modules = run_cli(workdir, "standup", "plan.toml", "--today", "2025-01-14")
    assert code == 0
    assert "board.model.diff" in modules
    assert "difflib" not in modules


def test_a_plan_diff_still_places_a_moved_entry() -> None:
    """The lazily imported matcher is there when an entry does move."""
    script = f"""
import copy
from board import store
from board.model.diff import diff
plan = store.load({str(BUNDLED)!r})
moved = copy.deepcopy(plan)
moved.objectives.insert(0, moved.objectives.pop(5))
print([op.kind for op in diff(plan, moved)])
"""
    assert run_python(script) == "['move']"


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_an_export_to_a_file_imports_no_pathlib(workdir: Path, fmt: str) -> None:
    """Paths are text on the export's way (the plan, the file beside it, the atomic write): pathlib and
    what it imports (urllib.parse, ipaddress, fnmatch) cost more than the HTML report's own work."""
    code, modules = run_cli(workdir, "export", "plan.toml", "--format", fmt, "-o", f"out.{fmt}")
    assert code == 0
    assert "pathlib" not in modules and "html" not in modules
    assert (workdir / f"out.{fmt}").stat().st_size > 0
    code, modules = run_cli(workdir, "export", "plan.toml", "--format", "html")  # beside the plan: plan.html
    assert code == 0 and "pathlib" not in modules
    assert (workdir / "plan.html").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "plan.toml"],
        ["list", "plan.toml", "--json"],
        ["show", "plan.toml", "--today", "2025-01-14"],
        ["standup", "plan.toml", "--today", "2025-01-14"],
        ["export", "plan.toml", "--format", "html"],
        ["export", "plan.toml", "--format", "json", "-o", "out.json"],
        ["move", "plan.toml", "opa-policy", "todo"],  # as it is: nothing to change
    ],
)
def test_no_command_imports_typing(workdir: Path, args: list[str]) -> None:
    """Annotations are read by mypy alone (``TYPE_CHECKING = False`` blocks; the plan's free-form
    conflict values are ``object``): typing costs as much to import as the floor's tomli."""
    code, modules = run_cli(workdir, *args)
    assert code == 0
    assert "typing" not in modules
