"""What git says about a plan file: its state for the header, and its text at HEAD.

Plain subprocess calls with argument lists and a timeout; no git, or a folder
outside any repository, reads as "not in git". No Textual here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

TIMEOUT = 5.0

# A status query must not take the index lock that a commit in another terminal needs.
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


def outside_any_repository(path: Path) -> bool:
    """True when git can find no repository for the file ``path``: no ``.git`` and no git folder (one
    with a ``HEAD`` file) in any folder above it, and no ``GIT_DIR``. Then git is not asked at all (a
    process each question); whenever the file may be in a repository, git is asked."""
    return all(_no_repository_at(folder) for folder in {Path(path).absolute().parent, Path(path).resolve().parent})


def _no_repository_at(folder: Path) -> bool:
    """True when git, started in ``folder``, could find no repository there or above."""
    if any(name in os.environ for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR")):
        return False
    return not any((place / ".git").exists() or (place / "HEAD").is_file() for place in (folder, *folder.parents))


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes] | None:
    if _no_repository_at(Path(cwd).absolute()):
        return None  # what git would answer ("not a git repository"), without starting it
    import subprocess

    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, **_ENV},
        )
    except (OSError, subprocess.SubprocessError):
        return None


def file_state(path: Path) -> str:
    """ "clean", "modified", "untracked" or "not in git"."""
    path = Path(path).resolve()
    result = _git(["status", "--porcelain", "--", path.name], path.parent)
    if result is None or result.returncode != 0:
        return "not in git"
    out = result.stdout.decode("utf-8", "replace").strip()
    if not out:
        # Clean, unless git does not know the file at all (ignored, or outside the work tree).
        known = _git(["ls-files", "--error-unmatch", "--", path.name], path.parent)
        return "clean" if known is not None and known.returncode == 0 else "untracked"
    if out.startswith("??"):
        return "untracked"
    return "modified"


def head_text(path: Path) -> bytes | None:
    """The file as committed at HEAD, or None (no repository, no commit, or not in HEAD)."""
    path = Path(path).resolve()
    prefix = _git(["rev-parse", "--show-prefix"], path.parent)
    if prefix is None or prefix.returncode != 0:
        return None
    relative = prefix.stdout.decode().strip() + path.name
    shown = _git(["show", f"HEAD:{relative}"], path.parent)
    if shown is None or shown.returncode != 0:
        return None
    return shown.stdout
