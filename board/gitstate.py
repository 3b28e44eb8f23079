"""What git says about a plan file: its state for the header, and its text at HEAD.

Plain subprocess calls with argument lists and a timeout; no git, or a folder
outside any repository, reads as "not in git". No Textual here.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess

    # A file's place: a str or a pathlib.Path (os.path takes both; pathlib is not imported to run git).
    Place = str | os.PathLike[str]

TIMEOUT = 5.0

# A status query must not take the index lock that a commit in another terminal needs.
_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}


def outside_any_repository(path: Place) -> bool:
    """True when git can find no repository for the file ``path``: no ``.git`` and no git folder (one
    with a ``HEAD`` file) in any folder above it, and no ``GIT_DIR``. Then git is not asked at all (a
    process each question); whenever the file may be in a repository, git is asked."""
    folders = {os.path.dirname(os.path.abspath(path)), os.path.dirname(os.path.realpath(path))}
    return all(_no_repository_at(folder) for folder in folders)


def _no_repository_at(folder: str) -> bool:
    """True when git, started in the absolute ``folder``, could find no repository there or above."""
    if any(name in os.environ for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR")):
        return False
    while True:
        if os.path.exists(os.path.join(folder, ".git")) or os.path.isfile(os.path.join(folder, "HEAD")):
            return False
        above = os.path.dirname(folder)
        if above == folder:
            return True
        folder = above


def _split(path: Place) -> tuple[str, str]:
    """The folder and the name of the file ``path`` points to (symbolic links followed)."""
    return os.path.split(os.path.realpath(path))


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes] | None:
    if _no_repository_at(os.path.abspath(cwd)):
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


def file_state(path: Place) -> str:
    """ "clean", "modified", "untracked" or "not in git"."""
    folder, name = _split(path)
    result = _git(["status", "--porcelain", "--", name], folder)
    if result is None or result.returncode != 0:
        return "not in git"
    out = result.stdout.decode("utf-8", "replace").strip()
    if not out:
        # Clean, unless git does not know the file at all (ignored, or outside the work tree).
        known = _git(["ls-files", "--error-unmatch", "--", name], folder)
        return "clean" if known is not None and known.returncode == 0 else "untracked"
    if out.startswith("??"):
        return "untracked"
    return "modified"


def head_text(path: Place) -> bytes | None:
    """The file as committed at HEAD, or None (no repository, no commit, or not in HEAD)."""
    folder, name = _split(path)
    prefix = _git(["rev-parse", "--show-prefix"], folder)
    if prefix is None or prefix.returncode != 0:
        return None
    relative = prefix.stdout.decode().strip() + name
    shown = _git(["show", f"HEAD:{relative}"], folder)
    if shown is None or shown.returncode != 0:
        return None
    return shown.stdout
