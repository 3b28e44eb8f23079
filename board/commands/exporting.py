"""``rollout-board export PLAN --format markdown|json|html|svg [-o FILE]``: a report of the plan."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HELP = "export the plan as Markdown, JSON, an HTML report or an SVG picture"


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


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.interchange import FORMATS, render

    width, height = args.size
    if width > SIZE_MAX[0] or height > SIZE_MAX[1]:
        print(
            f"rollout-board export: --size {width}x{height} is too large: at most {SIZE_MAX[0]}x{SIZE_MAX[1]}",
            file=sys.stderr,
        )
        return 2
    plan_path = Path(args.plan)
    store.load(plan_path)  # a bad plan is reported (FILE:LINE:COL) before anything is drawn
    text = render(plan_path, args.format, args.view, args.size)
    if args.output == "-" or (args.output is None and args.format in ("markdown", "json")):
        sys.stdout.write(_for_stdout(text, args.format))
        return 0
    target = Path(args.output) if args.output else plan_path.with_suffix("." + FORMATS[args.format])
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0
