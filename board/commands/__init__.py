"""The subcommands of ``rollout-board``, one module each, imported only when chosen.

Each module named here defines ``HELP: str`` (one line for ``--help``),
``add_arguments(parser: argparse.ArgumentParser) -> None`` and
``run(args: argparse.Namespace) -> int`` (the exit code: 0 ok, 1 invalid input
or plan, 2 usage). None of them may import Textual at module level.
"""

from __future__ import annotations

COMMANDS: dict[str, str] = {
    "validate": "board.commands.validate",
    "list": "board.commands.listing",
    "move": "board.commands.move",
    "show": "board.commands.show",
    "new": "board.commands.new",
    "metric": "board.commands.metric",
    "standup": "board.commands.standup",
    "import": "board.commands.importing",
    "export": "board.commands.exporting",
    "gate": "board.commands.gate",
    "signoff": "board.commands.signoff",
    "rehearse": "board.commands.rehearse",
    "path": "board.commands.path",
    "fmt": "board.commands.fmt",
    "serve": "board.commands.serve",
    "diff": "board.commands.plandiff",
    "log": "board.commands.planlog",
    "merge": "board.commands.merge",
    "resolve": "board.commands.resolve",
    "git-setup": "board.commands.git_setup",
}
