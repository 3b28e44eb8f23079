"""``rollout-board export PLAN --format markdown|json|html|svg [-o FILE]``: a report of the plan."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable

SIZE_MIN = (40, 12)
SIZE_MAX = (400, 200)  # a picture of the board, not of a wall: memory grows with width x height


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,9})x(\d{1,9})", text)
    if not match or int(match.group(1)) < SIZE_MIN[0] or int(match.group(2)) < SIZE_MIN[1]:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 160x45 (at least 40x12)")
    return int(match.group(1)), int(match.group(2))


def _for_stdout(text: str, format: str) -> str:
    """JSON with no raw control character (the same data); other text shown safely on a terminal,
    exact when piped (a Markdown export must import back)."""
    from board.term import json_safe, visible_lines

    if format == "json":
        return json_safe(text)
    return visible_lines(text) if sys.stdout.isatty() else text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("--format", required=True, choices=["markdown", "json", "html", "svg"], help="what to write")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where (default: stdout for markdown and json, next to the plan for html and svg)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE when it exists (never the plan itself)")
    parser.add_argument(
        "--view", default="phase", choices=["phase", "status", "timeline", "standup"], help="svg: which view"
    )
    parser.add_argument(
        "--size",
        default=(160, 45),
        type=_size,
        metavar="WxH",
        help="svg: the terminal size (default 160x45, from 40x12 to 400x200)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="write again whenever the plan file changes, until interrupted (one line per write)",
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.interchange import FORMATS, ExportRefused, beside, render, write_report

    width, height = args.size
    if width > SIZE_MAX[0] or height > SIZE_MAX[1]:
        print(
            f"rollout-board export: --size {width}x{height} is too large: at most {SIZE_MAX[0]}x{SIZE_MAX[1]}",
            file=sys.stderr,
        )
        return 2
    plan_path: str = args.plan  # paths as text (os.path): exporting imports no pathlib
    to_stdout = args.output == "-" or (args.output is None and args.format in ("markdown", "json"))
    if args.watch and to_stdout:
        print("rollout-board export: --watch writes a file: give -o FILE", file=sys.stderr)
        return 2
    plan = store.load(plan_path)  # a bad plan is reported (FILE:LINE:COL) before anything is drawn
    if args.format == "svg":  # the board drawn by Textual
        text = render(plan_path, args.format, args.view, args.size, plan=plan)
    else:
        from board.collector import collector_paused

        with collector_paused():  # the plan as text: none of what is built for it is in a cycle
            text = render(plan_path, args.format, args.view, args.size, plan=plan)
    if to_stdout:
        sys.stdout.write(_for_stdout(text, args.format))
        return 0
    target = args.output or beside(plan_path, FORMATS[args.format])
    try:
        # -o onto an existing file needs --force; the default file next to the plan is the previous report
        write_report(target, text, plan_path, replace=args.force or args.output is None)
    except ExportRefused as refused:
        print(f"rollout-board export: {refused}", file=sys.stderr)
        return 1
    if args.watch:
        return watch(plan_path, target, lambda: render(plan_path, args.format, args.view, args.size))
    print(f"wrote {target}")
    return 0


def watch(plan_path: str, target: str, draw: Callable[[], str], interval: float = 0.5) -> int:
    """Write ``draw()`` to ``target`` now and whenever the plan file changes, until interrupted.

    One line per write; a plan that does not load is reported and the last good
    report stays as it was. The file is compared by its modification time and size,
    checked every ``interval`` seconds (no extra dependency, works on every file system).
    """
    import time

    from board import store

    def seen() -> tuple[int, int] | None:
        try:
            info = os.stat(plan_path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    last: tuple[int, int] | None = None
    try:
        while True:
            now = seen()
            if now != last:
                last = now
                stamp = time.strftime("%H:%M:%S")
                try:
                    store.write_atomic(target, draw().encode("utf-8"))
                    print(f"{stamp} wrote {target}", flush=True)
                except store.LoadError as error:
                    first = error.problems[0] if error.problems else "the plan does not load"
                    print(f"{stamp} not written: {first}", file=sys.stderr, flush=True)
                except store.SaveError as error:
                    print(f"{stamp} not written: {error}", file=sys.stderr, flush=True)
            time.sleep(interval)
    except KeyboardInterrupt:
        return 0
