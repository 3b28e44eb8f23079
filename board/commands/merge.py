"""``rollout-board merge BASE OURS THEIRS [PATHNAME]``: git's merge driver for plan files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    parser.add_argument("ours", metavar="OURS", help="our version, overwritten with the result (git's %%A)")
    parser.add_argument("theirs", metavar="THEIRS", help="their version (git's %%B)")
    parser.add_argument("pathname", nargs="?", metavar="PATHNAME", help="the plan's path in the repository (%%P)")


def run(args: argparse.Namespace) -> int:
    import gc

    from board import store

    # A one-shot process that builds three plans and drops them: the cycle collector's passes
    # over ~100,000 young objects are pure cost here (a third of a 5,000-objective merge).
    gc.disable()
    from board.vcs.driver import SideError, merge_bytes

    name = args.pathname or args.ours
    try:
        base = Path(args.base).read_bytes()
        ours = Path(args.ours).read_bytes()
        theirs = Path(args.theirs).read_bytes()
    except OSError as error:
        print(f"rollout-board merge: {name}: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        merged = merge_bytes(base, ours, theirs, name)
    except (SideError, UnicodeDecodeError) as error:
        print(f"rollout-board merge: {name}: {error}; nothing written", file=sys.stderr)
        return 2
    store.write_atomic(args.ours, merged.text.encode("utf-8"))
    for note in merged.result.notes:
        print(f"rollout-board merge: {name}: {note}", file=sys.stderr)
    conflicts = merged.result.plan.conflicts
    if conflicts:
        count = len(conflicts)
        print(
            f"rollout-board merge: {name}: {count} conflict{'' if count == 1 else 's'} recorded in [[conflicts]]; "
            f"open it with rollout-board to resolve",
            file=sys.stderr,
        )
        return 1
    return 0
