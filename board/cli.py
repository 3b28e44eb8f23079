"""The ``rollout-board`` command line.

``rollout-board [PLAN]`` opens the board; ``rollout-board COMMAND ...`` runs one
of the subcommands registered in :mod:`board.commands`, importing only that
command's module (Textual is imported only to open the board).

Exit codes: 0 ok, 1 invalid input or plan, 2 usage, 130 interrupted.
Errors go to stderr as one line each (``FILE:LINE:COL: message`` for a bad plan).
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from types import ModuleType

from board import __version__
from board.collector import pause_until_load, resume
from board.commands import COMMANDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

PROG = "rollout-board"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; ``argv`` None: this process is the command (``sys.argv``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        # The imports and the plan live until the command ends: out of the garbage collector's way
        # (no passes over them while they are made, then frozen once the plan is loaded).
        # Only in the command's own process: a caller's objects (a test run) are never frozen.
        pause_until_load()
    try:
        return _dispatch(args)
    except SystemExit as exit:  # argparse: --help, --version and usage errors
        return _exit_code(exit.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to say
        _silence_stdout()
        return 0
    except Exception as error:
        code = report(error)
        if code is None:
            raise
        return code


def report(error: BaseException) -> int | None:
    """Print ``error`` to stderr as the user should see it; the exit code, or None if it is a bug."""
    store = sys.modules.get("board.store")
    if store is not None and isinstance(error, store.LoadError):
        for problem in error.problems:
            _err(str(problem))
        return 1
    if store is not None and isinstance(error, store.SaveError):
        _err(f"{PROG}: {error}")
        return 1
    model = sys.modules.get("board.model")
    if model is not None and isinstance(error, model.PlanError):
        _err(f"{PROG}: {error}")
        return 1
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        _err(f"{PROG}: {where}{error.strerror or error}")
        return 1
    return None


def _dispatch(args: list[str]) -> int:
    if args and args[0] == "help":
        if len(args) > 1 and args[1] in COMMANDS:
            return _dispatch([args[1], "--help"])
        return _dispatch(["--help"])
    if args and args[0] in COMMANDS:
        return run_command(args[0], args[1:])
    return open_board(args)


def run_command(name: str, args: list[str]) -> int:
    module = load_command(name)
    if module is None:
        _err(f"{PROG}: the {name!r} command is not available in this installation")
        return 2
    parser = _CommandParser(prog=f"{PROG} {name}", description=COMMANDS[name].help, formatter_class=_HelpFormatter)
    module.add_arguments(parser)
    namespace = parser.parse_args(args)
    namespace.command = name
    return _exit_code(module.run(namespace))


def load_command(name: str) -> ModuleType | None:
    """The module of subcommand ``name``, imported now; None when it is not installed."""
    target = COMMANDS[name].module
    try:
        return import_module(target)
    except ModuleNotFoundError as error:
        if error.name == target:
            return None
        raise


def available_commands() -> list[tuple[str, str]]:
    """(name, one-line help) of every registered subcommand that is installed, in registry order."""
    from importlib.util import find_spec

    return [(name, command.help) for name, command in COMMANDS.items() if find_spec(command.module) is not None]


def commands_help() -> str:
    lines = ["commands:"]
    present = available_commands()
    column = max((len(name) for name, _ in present), default=0) + 2
    for name, text in present:
        lines.append(f"  {name.ljust(column)}{text}")
    lines.append("")
    lines.append(f"Run '{PROG} COMMAND --help' for the options of a command.")
    lines.append("Exit codes: 0 ok, 1 invalid input or plan, 2 usage.")
    return "\n".join(lines)


def help_width() -> int:
    """The width argparse lays help and usage out in, ``shutil.get_terminal_size().columns - 2``,
    worked out as shutil does it without importing shutil (and with it bz2, lzma and fnmatch:
    ~1.5 ms of every command's start, for help that is seldom shown)."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):  # closed, detached or not a terminal
            columns = 0
        columns = columns or 80
    return columns - 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given its width by :func:`help_width` (a parser makes one per argument added)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, help_width() if width is None else width)


class _RawDescriptionFormatter(argparse.RawDescriptionHelpFormatter, _HelpFormatter):
    """The same, keeping the description's line breaks (the top-level help)."""


class _CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: a value refused (``--today 0001-01-01``) is one line on stderr, exit 2;
    a missing or unknown argument still shows the usage."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("argument ") and ": expected " not in message:
            self.exit(2, f"{self.prog}: error: {message}\n")
        super().error(message)


class _BoardParser(argparse.ArgumentParser):
    """The top-level parser; the list of commands is only worked out when help is shown."""

    def format_help(self) -> str:
        self.epilog = commands_help()
        return super().format_help()


def board_parser() -> argparse.ArgumentParser:
    parser = _BoardParser(
        prog=PROG,
        usage=f"{PROG} [PLAN]\n       {PROG} COMMAND [ARGS...]",
        description=(
            "Open a phased rollout plan (a TOML file) as a kanban board. Without PLAN: "
            "the only plan in ./plans/, a picker when there are several, else the bundled plan "
            "copied into your data folder."
        ),
        formatter_class=_RawDescriptionFormatter,
    )
    parser.add_argument("plan", nargs="?", metavar="PLAN", help="the plan file to open")
    parser.add_argument(
        "--read-only", action="store_true", help="show the plan and refuse every change (as `serve --read-only` does)"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def open_board(args: list[str]) -> int:
    if args and _looks_like_command(args[0]):
        return _unknown_command(args[0])
    namespace = board_parser().parse_args(args)
    from board.discovery import discover

    found = discover(namespace.plan)
    if found.copied_to is not None:
        _err(f"{PROG}: copied the bundled plan to {found.copied_to}")
    resume()  # the board runs for hours: the collector is on, whether or not a plan was loaded yet
    from board.app import run_app

    return _exit_code(run_app(found.paths, read_only=namespace.read_only, loaded=found.loaded))


def _looks_like_command(arg: str) -> bool:
    """A bare word that is no file (``rollout-board lst``): a mistyped command, not a plan."""
    import os
    import re

    return bool(re.fullmatch(r"[a-z][a-z-]*", arg)) and not os.path.exists(arg)


def _unknown_command(word: str) -> int:
    from difflib import get_close_matches

    names = [name for name, _ in available_commands()]
    close = get_close_matches(word, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    _err(f"{PROG}: unknown command {word!r}{hint} (commands: {', '.join(names)}; a plan is a .toml file)")
    return 2


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, bool):
        return int(code)
    if isinstance(code, int):
        return code
    _err(str(code))
    return 1


def _err(message: str) -> None:
    from board.term import visible

    print(visible(message), file=sys.stderr)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
