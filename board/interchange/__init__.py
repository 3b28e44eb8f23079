"""Plans in and out: Markdown import, and Markdown, JSON, HTML and SVG exports.

No Textual, except the SVG export (``svg_export``), which draws the board and is imported only for it."""

from __future__ import annotations

from .writing import FORMATS, ExportRefused, Place, beside, export_next_to_plan, render_text, write_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from board.model import Plan

__all__ = ["FORMATS", "ExportRefused", "beside", "export_next_to_plan", "render", "write_report"]


def render(
    plan_path: Place, fmt: str, view: str = "phase", size: tuple[int, int] = (160, 45), plan: Plan | None = None
) -> str:
    """The plan at ``plan_path`` in ``fmt`` (markdown, json, html or svg); ``plan`` when it is loaded already."""
    if fmt == "svg":
        from .svg_export import export_svg

        return export_svg(plan_path, view, size)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    return render_text(plan_path, fmt, plan)
