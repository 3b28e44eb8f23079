"""``rollout-board import FILE.md [-o PLAN.toml] [--force] [--no-link-metrics]``: a Markdown strategy onto the board."""

from __future__ import annotations

import argparse
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from board.model import Plan

from board.term import visible

MAX_BYTES = 50_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("markdown", metavar="FILE.md", help="the strategy document")
    parser.add_argument("-o", "--output", metavar="PLAN", help="the plan file to write (default: plans/<name>.toml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing plan file")
    links = parser.add_mutually_exclusive_group()
    links.add_argument(
        "--link-metrics",
        action="store_true",
        default=True,
        help="does nothing: linking is the default now (kept so old scripts still run)",
    )
    links.add_argument(
        "--no-link-metrics",
        dest="link_metrics",
        action="store_false",
        help="leave every success criterion ticked by hand (by default one that names a metric and carries"
        " a number is linked to that metric and met from its current value)",
    )


def run(args: argparse.Namespace) -> int:
    from board import store
    from board.collector import resume
    from board.interchange.markdown_import import import_markdown
    from board.model import check_plan
    from board.model.slugs import slugify
    from board.model.words import counted

    resume()  # the imports are done; no plan is loaded before a document of up to MAX_BYTES is parsed

    source = Path(args.markdown)
    try:
        found = source.stat()  # before opening: opening a FIFO would wait for a writer
        if not stat.S_ISREG(found.st_mode):
            return _fail(f"{source}: not a regular file")
        if found.st_size > MAX_BYTES:
            return _fail(f"{source}: {found.st_size // 1_000_000} MB; a plan is at most {MAX_BYTES // 1_000_000} MB")
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
    result = import_markdown(text, link_metrics=args.link_metrics)
    if not result.plan.phases and not result.plan.objectives:
        return _fail(
            f"{source}: no rollout plan found (no phases, weeks or objectives); expected headings like"
            " 'Phase 1: Name (Weeks 1-2)' and 'Week 1 Objectives' checklists; nothing written"
        )
    for number, message in result.warnings:
        print(visible(f"{source}:{number}: warning: {message}"), file=sys.stderr)
    issues = check_plan(result.plan)
    if issues:
        for issue in issues:
            print(visible(f"{source}:{result.line_of(issue.path)}:1: {issue.message}"), file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    store.save(result.plan, target)
    print(
        visible(f"{target}: {summary_line(result.plan)}")
        + (f", {counted(result.linked, 'criterion', 'criteria')} linked to metrics" if result.linked else "")
        + (f"; {counted(len(result.warnings), 'warning')} kept in the plan's notes" if result.warnings else "")
    )
    return 0


def summary_line(plan: Plan) -> str:
    """What an import placed: ``4 phases over 8 weeks, 32 objectives (3 done), 16 criteria, …``."""
    from board.model.words import counted as count

    done = sum(1 for obj in plan.objectives if obj.status == plan.done_status)
    parts = [
        f"{count(len(plan.phases), 'phase')} over {count(plan.weeks, 'week')}",
        f"{count(len(plan.objectives), 'objective')} ({done} done)",
        count(sum(len(p.criteria) for p in plan.phases), "criterion", "criteria"),
        count(sum(len(p.rollback_steps) for p in plan.phases), "rollback step"),
        count(len(plan.metrics), "metric"),
        count(sum(len(p.risks) for p in plan.phases), "risk"),
    ]
    return ", ".join(parts)


def _fail(message: str) -> int:
    print(visible(f"rollout-board import: {message}"), file=sys.stderr)
    return 1
