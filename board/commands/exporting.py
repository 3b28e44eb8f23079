"""``rollout-board export PLAN --format markdown|json|html|svg [-o FILE]``: a report of the plan."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HELP = "export the plan as Markdown, JSON, an HTML report or an SVG picture"


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)x(\d+)", text)
    if not match or int(match.group(1)) < 40 or int(match.group(2)) < 12:
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
        "--size", default=(160, 45), type=_size, metavar="WxH", help="svg: the terminal size (default 160x45)"
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.interchange import FORMATS, render

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
