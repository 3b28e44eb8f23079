"""The file a save writes first, beside the plan: new, private, never an existing one (issue 12: made
with ``os`` alone, so a command that saves does not import tempfile, shutil, random, bz2 and lzma)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from board.store import files


def test_a_new_file_is_named_after_the_plan_private_and_open(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    fd, name = files._new_file_beside(target, ".tmp")
    try:
        os.write(fd, b"x")
    finally:
        os.close(fd)
    path = Path(name)
    assert path.parent == tmp_path
    assert path.name.startswith(".plan.toml.") and path.name.endswith(".tmp")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"x"
    assert name in files.clean_stale(target, older_than=-1)  # what a killed save leaves is found again


def test_an_existing_name_is_never_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.toml"
    taken = tmp_path / f".plan.toml.{bytes(6).hex()}.tmp"
    taken.write_text("another writer's")
    draws = iter([bytes(6), bytes(6), b"\x01" * 6])
    monkeypatch.setattr(files.os, "urandom", lambda n: next(draws))
    fd, name = files._new_file_beside(target, ".tmp")
    os.close(fd)
    assert name == str(tmp_path / f".plan.toml.{'01' * 6}.tmp")
    assert taken.read_text() == "another writer's"


def test_a_symlink_in_the_way_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.toml"
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / f".plan.toml.{bytes(6).hex()}.tmp").symlink_to(elsewhere)
    draws = iter([bytes(6), b"\x02" * 6])
    monkeypatch.setattr(files.os, "urandom", lambda n: next(draws))
    fd, name = files._new_file_beside(target, ".tmp")
    os.close(fd)
    assert name.endswith(f"{'02' * 6}.tmp")
    assert not elsewhere.exists()


def test_clean_stale_removes_only_this_plan_s_old_temporary_files(tmp_path: Path) -> None:
    """Matched by name without a glob: a plan named with glob characters, another plan beside it (whose
    name starts the same), a folder and a young file are all left alone."""
    target = tmp_path / "plan[1]*.toml"
    old = [tmp_path / ".plan[1]*.toml.a1b2.tmp", tmp_path / ".plan[1]*.toml..tmp"]
    kept = [
        tmp_path / ".plan[1]*.toml.tmp",  # no dot and no word between the name and .tmp: not a save's file
        tmp_path / ".plan[1]*.toml.x.tmp.bak",
        tmp_path / ".plan[1]*.toml2.a1b2.tmp",  # another plan's
        tmp_path / ".plan1.toml.a1b2.tmp",
    ]
    for path in old + kept:
        path.write_text("left by a killed save")
    (tmp_path / ".plan[1]*.toml.dir.tmp").mkdir()
    aged = os.stat(old[0]).st_mtime - 120
    for path in old + kept:
        os.utime(path, (aged, aged))
    young = tmp_path / ".plan[1]*.toml.young.tmp"
    young.write_text("a save under way")
    assert sorted(files.clean_stale(target)) == sorted(map(str, old))
    assert not any(path.exists() for path in old)
    assert all(path.exists() for path in kept) and young.exists() and (tmp_path / ".plan[1]*.toml.dir.tmp").is_dir()
