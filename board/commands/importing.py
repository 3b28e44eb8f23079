"""``rollout-board import FILE.md [-o PLAN.toml] [--force]``: a Markdown strategy onto the board."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from board.term import visible

HELP = "import a Markdown rollout strategy into a plan file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("markdown", metavar="FILE.md", help="the strategy document")
    parser.add_argument("-o", "--output", metavar="PLAN", help="the plan file to write (default: plans/<name>.toml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing plan file")
    parser.add_argument(
        "--link-metrics",
        action="store_true",
        help="link each success criterion that names a metric and carries a number to that metric",
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.interchange.markdown_import import import_markdown
    from board.model import check_plan
    from board.model.slugs import slugify
    from board.model.words import counted

    source = Path(args.markdown)
    try:
        text = source.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return _fail(f"{source}: no such file")
    except UnicodeDecodeError as error:
        return _fail(f"{source}: not UTF-8 (byte {error.start})")
    except OSError as error:
        return _fail(f"{source}: {error.strerror or error}")
    target = Path(args.output) if args.output else Path("plans") / f"{slugify(source.stem) or 'plan'}.toml"
    if target.exists() and not args.force:
        return _fail(f"{target} exists; add --force to overwrite it")
    result = import_markdown(text)
    if not result.plan.phases and not result.plan.objectives:
        return _fail(
            f"{source}: no rollout plan found (no phases, weeks or objectives); expected headings like"
            " 'Phase 1: Name (Weeks 1-2)' and 'Week 1 Objectives' checklists; nothing written"
        )
    linked = 0
    if args.link_metrics:
        from board.interchange.control_facts import link_criteria

        linked = link_criteria(result.plan)
    for number, message in result.warnings:
        print(visible(f"{source}:{number}: warning: {message}"), file=sys.stderr)
    issues = check_plan(result.plan)
    if issues:
        for issue in issues:
            print(visible(f"{source}: {issue.message}"), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    store.save(result.plan, target)
    plan = result.plan
    print(
        f"{target}: {counted(len(plan.phases), 'phase')}, {counted(len(plan.objectives), 'objective')},"
        f" {counted(len(plan.metrics), 'metric')}"
        + (f", {counted(linked, 'criterion', 'criteria')} linked to metrics" if linked else "")
        + (f", {counted(len(result.warnings), 'warning')} kept in the plan's notes" if result.warnings else "")
    )
    return 0


def _fail(message: str) -> int:
    print(visible(f"rollout-board import: {message}"), file=sys.stderr)
    return 1
