"""``git-setup``: the merge driver and the textconv in git's config, the plan files in .gitattributes."""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from .repo import git, top_level

DRIVER = "rollout-board"


def command_prefix() -> str:
    """How git should call this program: ``rollout-board`` when it is on PATH, else this Python."""
    return "rollout-board" if shutil.which("rollout-board") else f"{shlex.quote(sys.executable)} -m board"


def config_entries(prefix: str) -> dict[str, str]:
    return {
        f"merge.{DRIVER}.name": "Rollout Board: a semantic merge of plan files",
        f"merge.{DRIVER}.driver": f"{prefix} merge %O %A %B %P",
        f"diff.{DRIVER}.textconv": f"{prefix} diff --textconv",
    }


def plan_folder(cwd: Path, top: Path) -> Path:
    """The folder of the team's plans: ./plans, else plans/ at the top of the work tree, else ./"""
    for candidate in (cwd / "plans", top / "plans"):
        if candidate.is_dir():
            return candidate
    return cwd


def attributes_line(folder: Path, top: Path) -> str:
    rel = folder.resolve().relative_to(top.resolve()).as_posix()
    pattern = "*.toml" if rel == "." else f"{rel}/*.toml"
    return f"{pattern} merge={DRIVER} diff={DRIVER}"


def set_up(cwd: Path, global_config: bool = False) -> list[str]:
    """Write what is missing; the sentences of what was written (or found already there)."""
    said = []
    top = top_level(cwd)
    scope = ["--global"] if global_config else ["--local"]
    where = "your global git config" if global_config else "this repository's git config"
    for key, value in config_entries(command_prefix()).items():
        now = git(["config", *scope, "--get", key], top, check=False)
        if now.returncode == 0 and now.stdout.decode().strip() == value:
            said.append(f"{key} already set in {where}")
            continue
        git(["config", *scope, key, value], top)
        said.append(f"set {key} = {value} in {where}")
    folder = plan_folder(cwd.resolve(), top)
    line = attributes_line(folder, top)
    said.append(_add_line(top / ".gitattributes", line, "commit it so the team merges plans the same way"))
    lock = line.split(" ")[0] + ".lock"  # the lock file a writer keeps beside each plan
    said.append(_add_line(top / ".gitignore", lock, "the plans' lock files"))
    return said


def _add_line(path: Path, line: str, why: str) -> str:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line in text.splitlines():
        return f"{path.name} already has: {line}"
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return f"added to {path.name}: {line} ({why})"
