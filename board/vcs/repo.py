"""Git as the commands need it: the plan's text at a revision or index stage, its commits.

Plain subprocess calls with argument lists; no shell, no prompts, no network.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 30.0
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


class GitError(Exception):
    """git is missing, the folder is not in a repository, or git refused (one line for the user)."""


def git(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except (OSError, subprocess.SubprocessError) as error:
        raise GitError(f"git failed: {error}") from None
    if check and done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(said[-1] if said else f"git {' '.join(args[:1])} failed")
    return done


def top_level(folder: Path) -> Path:
    """The work tree's top folder holding ``folder``; GitError outside a repository."""
    done = git(["rev-parse", "--show-toplevel"], folder, check=False)
    if done.returncode != 0:
        raise GitError(f"{folder}: not in a git repository")
    return Path(done.stdout.decode().strip())


def relative(path: Path) -> tuple[Path, str]:
    """(top folder, ``path`` relative to it with ``/``) for a file in a work tree."""
    path = Path(path).absolute()
    top = top_level(path.parent)
    return top, path.resolve().relative_to(top.resolve()).as_posix()


def show(top: Path, spec: str) -> bytes | None:
    """``git show SPEC`` (``REV:path`` or ``:2:path``); None when git has no such object."""
    done = git(["show", spec], top, check=False)
    return done.stdout if done.returncode == 0 else None


def revision_exists(top: Path, rev: str) -> bool:
    if rev.startswith("-"):
        return False
    done = git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top, check=False)
    return done.returncode == 0


@dataclass(frozen=True)
class Commit:
    """One commit as the history needs it."""

    sha: str
    parent: str  # the first parent; "" for a root commit
    day: str
    author: str
    subject: str
    merge: bool = False  # more than one parent


def commits(top: Path, rel: str, since: str | None = None) -> list[Commit]:
    """The commits that changed ``rel``, newest first."""
    args = ["log", "--format=%H%x1f%P%x1f%ad%x1f%an%x1f%s", "--date=short"]
    if since:
        args.append(f"--since={since}")
    done = git([*args, "--", rel], top)
    out = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\x1f")
        if len(parts) == 5:
            sha, parents, day, author, subject = parts
            if since is None or day >= since:  # git reads far-off dates loosely; the day is the rule
                first = parents.split(" ")[0] if parents else ""
                out.append(Commit(sha, first, day, author, subject, merge=" " in parents.strip()))
    return out
