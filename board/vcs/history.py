"""The plan's history in words: the semantic diff between revisions, and per commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from board import store
from board.discovery import plans_in
from board.model import Plan
from board.model.diff import describe_all
from board.term import visible

from .repo import GitError, commits, git, relative, revision_exists, show


def default_plan(cwd: Path) -> Path:
    """The only plan in ./plans/; ValueError (one line for the user) when there is none or several."""
    found = plans_in(cwd / "plans")
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValueError("no plan in ./plans/: name the plan file")
    raise ValueError(f"{len(found)} plans in ./plans/: name the plan file")


def plan_at(top: Path, rev: str, rel: str) -> Plan:
    data = show(top, f"{rev}:{rel}")
    if data is None:
        raise GitError(f"{rel} is not in {rev}")
    return store.loads(data, f"{rev}:{rel}")


def changes(path: Path, revs: list[str]) -> list[str]:
    """The changes from REV (default HEAD) to the working file, or from REV to REV: one sentence each."""
    top, rel = relative(path)
    for rev in revs:
        if not revision_exists(top, rev):
            raise GitError(f"unknown revision {rev!r}")
    old = plan_at(top, revs[0] if revs else "HEAD", rel)
    new = plan_at(top, revs[1], rel) if len(revs) > 1 else store.load(path)
    return describe_all(old, new)


@dataclass(frozen=True)
class Entry:
    """One commit that changed the plan, in words."""

    sha: str
    day: str
    author: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.sha[:7]} {self.day} {visible(self.author)}: {self.sentence}"


def history(path: Path, since: str | None = None) -> list[Entry]:
    """One entry per semantic change, newest commit first."""
    top, rel = relative(path)
    out = []
    for commit in commits(top, rel, since):
        try:
            new = plan_at(top, commit.sha, rel)
        except (store.LoadError, GitError) as error:
            out.append(Entry(commit.sha, commit.day, commit.author, f"plan unreadable here ({_first(error)})"))
            continue
        old = None
        if commit.parent:
            try:
                old = plan_at(top, commit.parent, rel)
            except (store.LoadError, GitError):
                old = None
        if old is None:
            count = len(new.objectives)
            out.append(Entry(commit.sha, commit.day, commit.author, f"plan added ({count} objectives)"))
            continue
        said = describe_all(old, new) or ["no change to the plan's content"]
        if commit.merge:  # what the merge brought in over its first parent
            said = [f"merged: {sentence}" for sentence in said]
        out.extend(Entry(commit.sha, commit.day, commit.author, s) for s in said)
    return out


def _first(error: Exception) -> str:
    if isinstance(error, store.LoadError) and error.problems:
        return error.problems[0].message
    return str(error)


def plan_before(path: Path, day: date) -> Plan | None:
    """The plan as it was when ``day`` began: at its last commit before that day; None outside git,
    without such a commit, or when that version does not load."""
    try:
        top, rel = relative(path)
        found = git(["rev-list", "-1", f"--before={day.isoformat()} 00:00:00", "HEAD", "--", rel], top, check=False)
        sha = found.stdout.decode().strip() if found.returncode == 0 else ""
        return plan_at(top, sha, rel) if sha else None
    except (GitError, store.LoadError, ValueError):
        return None
