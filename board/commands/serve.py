"""``rollout-board serve [PLAN] [--host H] [--port N] [--read-only]``: the board in a web browser.

Each browser that connects gets its own board process (textual-serve, the optional
``web`` extra), all on the same plan file: the board's outside-change handling keeps
several browsers from overwriting each other. Binds to localhost unless told otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

INSTALL_HINT = "rollout-board serve: needs textual-serve: pip install 'rollout-board[web]'"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", nargs="?", metavar="PLAN", help="the plan file (default: as the board finds one)")
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="the port to listen on (default 8000)")
    parser.add_argument("--read-only", action="store_true", help="serve a board that refuses every change")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def is_local(host: str) -> bool:
    """True for an address only this machine can reach (localhost, 127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def board_command(plan: Path, read_only: bool) -> list[str]:
    """The command each browser connection runs: this Python, the board, the plan."""
    command = [sys.executable, "-m", "board", str(plan.resolve())]
    return [*command, "--read-only"] if read_only else command


def run(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    from board.discovery import discover

    found = discover(args.plan)  # a bad plan is reported (FILE:LINE:COL) before anything is served
    if len(found.paths) > 1:
        names = ", ".join(str(p) for p in found.paths)
        print(f"rollout-board serve: several plans ({names}): name the one to serve", file=sys.stderr)
        return 2
    plan = found.paths[0]
    if not is_local(args.host):
        print(
            f"rollout-board serve: warning: listening on {args.host}: anyone who can reach it can "
            + ("read" if args.read_only else "edit")
            + " the plan",
            file=sys.stderr,
        )
    # textual-serve starts each board through a shell: every word is quoted.
    command = shlex.join(board_command(plan, args.read_only))
    title = f"Rollout Board · {plan.name}" + (" (read-only)" if args.read_only else "")
    Server(command, host=args.host, port=args.port, title=title).serve()
    return 0
