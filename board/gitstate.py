"""What git says about a plan file: its state for the header, and its text at HEAD.

Plain subprocess calls with argument lists and a timeout; no git, or a folder
outside any repository, reads as "not in git". No Textual here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

TIMEOUT = 5.0

# A status query must not take the index lock that a commit in another terminal needs.
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes] | None:
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
