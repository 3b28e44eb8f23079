"""The subcommands of ``rollout-board``, one module each, imported only when chosen.

Each command is one row of the table below: its module and its one line of
``--help``. Each module defines ``add_arguments(parser: argparse.ArgumentParser) -> None`` and
``run(args: argparse.Namespace) -> int`` (the exit code: 0 ok, 1 invalid input
or plan, 2 usage). None of them may import Textual at module level.
"""

from __future__ import annotations


class Command:
    """A subcommand: the module that runs it and its one line of help.

    A plain class, not a dataclass or a named tuple: the registry is read at every start, a frozen
    dataclass compiles six methods when it is made, and a named tuple imports typing."""

    __slots__ = ("help", "module")

    def __init__(self, module: str, help: str) -> None:
        self.module = module
        self.help = help
        """One line for ``rollout-board --help`` (and the description of ``COMMAND --help``)."""


COMMANDS: dict[str, Command] = {
    "validate": Command(
        "board.commands.validate",
        "check plan files; FILE:LINE:COL: lines and exit 1 if invalid (warnings alone exit 0)",
    ),
    "list": Command("board.commands.listing", "list objectives: a table, or --json for scripts"),
    "move": Command("board.commands.move", "set an objective's status (at most 2 lines of the file change)"),
    "show": Command("board.commands.show", "a coloured summary: this week, progress, blocked, rollback"),
    "new": Command("board.commands.new", "create plans/NAME.toml: the bundled plan, --blank, or --from another plan"),
    "metric": Command("board.commands.metric", "record a success-metric value (today, or --date)"),
    "standup": Command(
        "board.commands.standup", "the standup: done since yesterday, in progress, blocked, rollback readiness"
    ),
    "import": Command("board.commands.importing", "import a Markdown rollout strategy into a plan file"),
    "export": Command(
        "board.commands.exporting", "export the plan as Markdown, JSON, an HTML report or an SVG picture"
    ),
    "gate": Command(
        "board.commands.gate", "a phase's go/no-go gate and its reasons; exit 0 GO, 1 NO-GO (for CI before a deploy)"
    ),
    "signoff": Command("board.commands.signoff", "record a sign-off of a phase's gate (--by NAME), or --withdraw it"),
    "rehearse": Command(
        "board.commands.rehearse", "log a rollback rehearsal of a phase: how long it took, ok or --failed"
    ),
    "path": Command(
        "board.commands.path", "the critical path: the longest chain of unfinished objectives, with weeks and owners"
    ),
    "fmt": Command(
        "board.commands.fmt", "rewrite plan files in canonical form (--check: exit 1 when one would change)"
    ),
    "serve": Command("board.commands.serve", "serve the board to a web browser (needs the 'web' extra)"),
    "diff": Command(
        "board.commands.plandiff", "the plan's changes in words: HEAD to the file, REV to the file, or REV to REV"
    ),
    "log": Command(
        "board.commands.planlog", "the plan's history from git: one line per change with commit, date and author"
    ),
    "merge": Command(
        "board.commands.merge",
        "git merge driver: a three-way merge of plans by identity; exit 1 with a [[conflicts]] table",
    ),
    "resolve": Command(
        "board.commands.resolve", "re-merge a plan that git left with conflict markers, from git's index stages"
    ),
    "git-setup": Command(
        "board.commands.git_setup", "set up git to merge plans by meaning (merge driver, .gitattributes, diff textconv)"
    ),
}
