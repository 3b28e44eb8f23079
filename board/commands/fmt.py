"""``rollout-board fmt [PLAN...] [--check]``: rewrite plans in canonical form, on request."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plans", nargs="*", metavar="PLAN", help="plan files (default: every plans/*.toml)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file is not canonical")


def run(args: argparse.Namespace) -> int:
    from board import store

    paths = [Path(p) for p in args.plans] or sorted(Path("plans").glob("*.toml"))
    if not paths:
        print("rollout-board fmt: no PLAN given and no plans/*.toml here", file=sys.stderr)
        return 2
    code = 0
    for path in paths:
        if args.check:
            plan = store.loads(data := store.read_bytes(path), str(path))
            if store.dumps(plan).encode("utf-8") != data:
                print(f"{path}: not canonical (rollout-board fmt {path} rewrites it)")
                code = 1
            continue
        with store.locked(path):
            data = store.read_bytes(path)
            canonical = store.dumps(store.loads(data, str(path))).encode("utf-8")
            if canonical == data:
                print(f"{path}: already canonical")
                continue
            store.write_atomic(path, canonical)
        print(f"{path}: rewritten in canonical form")
    return code
