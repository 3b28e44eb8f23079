"""The SVG export: a picture of the board drawn headlessly by the app itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from board.interchange.svg_export import export_svg

DATA = Path(__file__).parents[1] / "data"


@pytest.mark.parametrize("view, expected", [("phase", "Foundation"), ("status", "in-progress"), ("timeline", "W8")])
def test_svg_shows_the_view(tmp_path: Path, platformdirs_isolated: object, view: str, expected: str) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", plan)
    before = plan.read_bytes()
    svg = export_svg(plan, view, (120, 30))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert expected in svg.replace("&#160;", " ")
    assert plan.read_bytes() == before  # drawing saves nothing


def test_unknown_view_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown view 'gantt'"):
        export_svg(DATA / "board-plan.toml", "gantt")
