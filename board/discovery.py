"""Which plan ``rollout-board`` opens when run with or without a PLAN argument.

- PLAN given: that file, validated first (a missing or invalid file is a LoadError).
- No PLAN: the only ``*.toml`` in ``./plans/``; several: all of them (the board
  shows a picker); none: the bundled plan, copied once into the user data
  directory (an existing copy is never overwritten) and opened from there.

No Textual here: the command line decides what to open before the app is imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from board.model import Plan

PLANS_DIR = "plans"


@dataclass
class Discovery:
    """The plans to open (one: open it; several: pick one) and how they were found."""

    paths: list[Path]
    source: str  # "argument", "plans-dir" or "default"
    copied_to: Path | None = None
    loaded: tuple[bytes, Plan] | None = None
    """The one plan's bytes and the plan read from them, validated: handed on, never read twice."""


def plans_in(folder: Path) -> list[Path]:
    """The plan files of ``folder`` (``*.toml``, no hidden files), sorted by name."""
    try:
        entries = sorted(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [p for p in entries if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file()]


def ensure_default_plan(
    target: Path | None = None, template: Path | None = None, today: date | None = None
) -> tuple[Path, bool]:
    """The user's copy of the bundled plan, made from the template if missing; (path, created now).

    The copy starts this week (``start`` is the Monday of ``today``'s week), as ``new`` does,
    so the board has a "this week" from the first run.
    """
    from board import locations, store
    from board.model.starting import fresh_copy, monday_of

    target = target or locations.default_plan_path()
    if target.exists():
        return target, False
    plan = store.load(template or locations.template_path())
    data = store.dumps(fresh_copy(plan, monday_of(today or date.today()))).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "xb") as handle:  # "x": never overwrite a copy made meanwhile
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except FileExistsError:
        return target, False
    return target, True


def discover(plan: str | os.PathLike[str] | None, cwd: Path | None = None, today: date | None = None) -> Discovery:
    """The plans to open for ``rollout-board [PLAN]`` run in ``cwd`` (default: the current folder);
    a default copy made now starts in ``today``'s week (default: the clock's).

    A single plan is validated (``board.store.load``) so a bad file is reported
    on the command line, as ``FILE:LINE:COL: message`` lines, before the board opens;
    what was read is handed on in ``loaded``.
    """
    if plan is not None:
        path = Path(plan)
        return Discovery([path], "argument", loaded=_load(path))
    folder = (cwd or Path.cwd()) / PLANS_DIR
    found = plans_in(folder)
    if len(found) == 1:
        return Discovery(found, "plans-dir", loaded=_load(found[0]))
    if found:
        return Discovery(found, "plans-dir")
    path, created = ensure_default_plan(today=today)
    return Discovery([path], "default", copied_to=path if created else None, loaded=_load(path))


def _load(path: Path) -> tuple[bytes, Plan]:
    from board import store

    data = store.read_bytes(path)
    return data, store.loads(data, str(path))
