"""Loose ends found by hostile input: bounded export sizes, readable ASCII slugs."""

from __future__ import annotations

from pathlib import Path

import pytest

from board.model.slugs import objective_id, slugify
from tests.cli.test_cli import run

PLAN = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"


@pytest.mark.parametrize("size", ["100000x100000", "401x45", "160x201", "999999999x45"])
def test_export_refuses_a_size_no_screen_has_in_one_line(tmp_path: Path, size: str) -> None:
    done = run(tmp_path, "export", str(PLAN), "--format", "svg", "--size", size, "-o", "out.svg")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"rollout-board export: --size {size} is too large: at most 400x200"]
    assert not (tmp_path / "out.svg").exists()


def test_export_refuses_a_size_of_too_many_digits(tmp_path: Path) -> None:
    done = run(tmp_path, "export", str(PLAN), "--format", "svg", "--size", "9" * 5000 + "x45", "-o", "out.svg")
    assert done.returncode == 2 and "not a size like 160x45" in done.stderr
    assert not (tmp_path / "out.svg").exists()


def test_export_draws_the_largest_size_it_takes(tmp_path: Path) -> None:
    done = run(tmp_path, "export", str(PLAN), "--format", "svg", "--size", "400x200", "-o", "out.svg")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.svg").read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize(
    ("text", "slug"),
    [("ünïcode", "unicode"), ("Straße", "strasse"), ("Déploiement du système", "deploiement-du-systeme"),
     ("ｑ３ Rollout", "q3-rollout"), ("Łódź Ærø", "lodz-aero"), ("plain-ascii 2", "plain-ascii-2")],
)  # fmt: skip
def test_slugs_are_readable_ascii(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_objective_ids_keep_accented_words() -> None:
    assert objective_id("Déployer le système de cache") == "deployer-le"
    assert objective_id("Implement Überwachung") == "uberwachung"


def test_new_suggests_a_readable_slug(tmp_path: Path) -> None:
    done = run(tmp_path, "new", "ünïcode")
    assert done.returncode == 1
    assert "(try 'unicode')" in done.stderr
    assert not (tmp_path / "plans").exists()


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("show", str(PLAN), "--today", "0001-01-01"),
         "rollout-board show: error: argument --today: 0001-01-01 is outside the years 1900-9000"),
        (("standup", str(PLAN), "--today", "0001-01-01"),
         "rollout-board standup: error: argument --today: 0001-01-01 is outside the years 1900-9000"),
        (("list", str(PLAN), "--today", "0001-01-01"),
         "rollout-board list: error: argument --today: 0001-01-01 is outside the years 1900-9000"),
        (("new", "q9", "--start", "0001-01-05"),
         "rollout-board new: error: argument --start: 0001-01-05 is outside the years 1900-9000"),
    ],
)  # fmt: skip
def test_a_date_no_plan_has_is_one_line_with_no_usage_block(tmp_path: Path, args: tuple[str, ...], line: str) -> None:
    done = run(tmp_path, *args)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [line]
    assert not (tmp_path / "plans").exists()


def test_a_missing_argument_still_shows_the_usage(tmp_path: Path) -> None:
    done = run(tmp_path, "show")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: rollout-board show")
