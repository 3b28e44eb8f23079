"""``rollout-board export PLAN --format markdown|json|html|svg [-o FILE]``: a report of the plan."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

HELP = "export the plan as Markdown, JSON, an HTML report or an SVG picture"


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)x(\d+)", text)
    if not match or int(match.group(1)) < 40 or int(match.group(2)) < 12:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 160x45 (at least 40x12)")
    return int(match.group(1)), int(match.group(2))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", metavar="PLAN", help="the plan file")
    parser.add_argument("--format", required=True, choices=["markdown", "json", "html", "svg"], help="what to write")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where (default: stdout for markdown and json, next to the plan for html and svg)",
    )
    parser.add_argument(
        "--view", default="phase", choices=["phase", "status", "timeline", "standup"], help="svg: which view"
    )
    parser.add_argument(
        "--size", default=(160, 45), type=_size, metavar="WxH", help="svg: the terminal size (default 160x45)"
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="write again whenever the plan file changes, until interrupted (one line per write)",
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.interchange import FORMATS, render

    plan_path = Path(args.plan)
    to_stdout = args.output == "-" or (args.output is None and args.format in ("markdown", "json"))
    if args.watch and to_stdout:
        print("rollout-board export: --watch writes a file: give -o FILE", file=sys.stderr)
        return 2
    plan = store.load(plan_path)  # a bad plan is reported (FILE:LINE:COL) before anything is drawn
    text = render(plan_path, args.format, args.view, args.size, plan=plan)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    target = Path(args.output) if args.output else plan_path.with_suffix("." + FORMATS[args.format])
    if args.watch:
        return watch(plan_path, target, lambda: render(plan_path, args.format, args.view, args.size))
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def watch(plan_path: Path, target: Path, draw: Callable[[], str], interval: float = 0.5) -> int:
    """Write ``draw()`` to ``target`` now and whenever the plan file changes, until interrupted.

    One line per write; a plan that does not load is reported and the last good
    report stays as it was. The file is compared by its modification time and size,
    checked every ``interval`` seconds (no extra dependency, works on every file system).
    """
    import time

    from board import store

    def seen() -> tuple[int, int] | None:
        try:
            info = plan_path.stat()
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
