"""Recently opened plans, remembered in the user data folder and offered first. No Textual here."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from board.locations import data_dir

LIMIT = 10


def recent_path() -> Path:
    return data_dir() / "recent.toml"


def recent_plans() -> list[Path]:
    """The plans opened lately, most recent first, that still exist."""
    try:
        data = tomllib.loads(recent_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    paths = data.get("plans", [])
    if not isinstance(paths, list):
        return []
    return [Path(p) for p in paths if isinstance(p, str) and Path(p).is_file()]


def remember(path: Path) -> None:
    """Put ``path`` first in the list (a failure to write is not worth stopping the board for)."""
    from board.store import SaveError, write_atomic

    resolved = str(Path(path).resolve())
    paths = [resolved] + [str(p) for p in recent_plans() if str(p) != resolved]
    target = recent_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, tomli_w.dumps({"plans": paths[:LIMIT]}).encode("utf-8"))
    except (OSError, SaveError):
        pass


def order_recent_first(paths: list[Path]) -> list[Path]:
    """``paths`` with the recently opened ones first (in the order they were opened)."""
    rank = {str(p.resolve()): i for i, p in enumerate(recent_plans())}
    return sorted(paths, key=lambda p: rank.get(str(p.resolve()), len(rank)))
