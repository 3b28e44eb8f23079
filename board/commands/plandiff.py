"""``rollout-board diff [PLAN] [REV [REV]]``: what changed in the plan, in words."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "args",
        nargs="*",
        metavar="PLAN|REV",
        help="the plan file (default: the only one in ./plans/), then 0-2 revisions",
    )
    parser.add_argument("--textconv", metavar="FILE", help="print FILE as one fact a line (git's diff.textconv)")


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.vcs.history import changes, default_plan
    from board.vcs.repo import GitError

    if args.textconv:
        return _textconv(args.textconv)
    words = list(args.args)
    if words and (words[0].endswith(".toml") or Path(words[0]).is_file()):
        plan = Path(words.pop(0))
    else:
        try:
            plan = default_plan(Path.cwd())
        except ValueError as error:
            print(f"rollout-board diff: {error}", file=sys.stderr)
            return 2
    if len(words) > 2:
        print("rollout-board diff: at most two revisions", file=sys.stderr)
        return 2
    try:
        sentences = changes(plan, words)
    except GitError as error:
        print(f"rollout-board diff: {error}", file=sys.stderr)
        return 1
    except store.LoadError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    print("\n".join(sentences) if sentences else "no changes")
    return 0


def _textconv(path: str) -> int:
    from board import store
    from board.model.diff import facts

    try:
        data = store.read_bytes(path)
        plan = store.loads(data, path)
    except store.LoadError:
        try:
            sys.stdout.write(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return 1
        return 0
    print("\n".join(facts(plan)))
    return 0
