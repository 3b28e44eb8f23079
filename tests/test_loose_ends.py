"""Loose ends found by hostile input: bounded export sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run

PLAN = Path(__file__).resolve().parent.parent / "plans" / "phased-rollout.toml"


@pytest.mark.parametrize("size", ["100000x100000", "401x45", "160x201", "99999999999999999999x45"])
def test_export_refuses_a_size_no_screen_has(tmp_path: Path, size: str) -> None:
    done = run(tmp_path, "export", str(PLAN), "--format", "svg", "--size", size, "-o", "out.svg")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].endswith("at most 400x200") or "not a size like" in done.stderr
    assert not (tmp_path / "out.svg").exists()


def test_export_draws_the_largest_size_it_takes(tmp_path: Path) -> None:
    done = run(tmp_path, "export", str(PLAN), "--format", "svg", "--size", "400x200", "-o", "out.svg")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.svg").read_text(encoding="utf-8").startswith("<svg")

