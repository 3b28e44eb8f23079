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
        "--size", default=(160, 45), type=_size, metavar="WxH", help="svg: the terminal size (default 160x45)"
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.interchange import FORMATS, ExportRefused, render, write_report

    plan_path = Path(args.plan)
    store.load(plan_path)  # a bad plan is reported (FILE:LINE:COL) before anything is drawn
    text = render(plan_path, args.format, args.view, args.size)
    if args.output == "-" or (args.output is None and args.format in ("markdown", "json")):
        sys.stdout.write(text)
        return 0
    target = Path(args.output) if args.output else plan_path.with_suffix("." + FORMATS[args.format])
    try:
        # -o onto an existing file needs --force; the default file next to the plan is the previous report
        write_report(target, text, plan_path, replace=args.force or args.output is None)
    except ExportRefused as refused:
        print(f"rollout-board export: {refused}", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0
