"""Writing an export: the text exports (Markdown, JSON, HTML) of a plan, written atomically,
never over the plan itself. No Textual: the board's own SVG export is its screenshot."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from board.model import Plan

# A file's place: a str or a pathlib.Path. Paths are text here (os.path): an export imports no pathlib.
Place = str | os.PathLike[str]

FORMATS = {"markdown": "md", "json": "json", "html": "html", "svg": "svg"}
TEXT_FORMATS = ("markdown", "json", "html")


def render_text(plan_path: Place, fmt: str, plan: Plan | None = None) -> str:
    """The plan at ``plan_path`` in a text format (markdown, json or html); ``plan`` when it is loaded already."""
    from board import store

    if fmt not in TEXT_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(TEXT_FORMATS)})")
    plan = plan if plan is not None else store.load(plan_path)
    if fmt == "markdown":
        from .markdown_export import export_markdown

        return export_markdown(plan)
    if fmt == "json":
        from .json_export import export_json

        return export_json(plan)
    from .html_report import export_html

    return export_html(plan, head_plan=_committed(plan_path))


def write_report(target: Place, text: str, plan_path: Place, *, replace: bool = True) -> None:
    """Write an export atomically; never over the plan it was made from, nor over another file unless ``replace``.

    Raises ExportRefused (one line) and leaves every file as it was.
    """
    from board import store

    if os.path.exists(target):
        try:
            same = os.path.samefile(target, plan_path)
        except OSError:
            same = False
        if same:
            raise ExportRefused(f"{target} is the plan being exported: refusing to write the report over it")
        if not replace:
            raise ExportRefused(f"{target} exists; add --force to replace it")
    try:
        store.write_atomic(target, text.encode("utf-8"))
    except store.SaveError as error:
        raise ExportRefused(str(error)) from None


class ExportRefused(Exception):
    """An export that was not written; the message is one line."""


def _committed(plan_path: Place) -> Plan | None:
    """The plan as committed at HEAD (for "since the last commit"), or None when there is none that loads."""
    from board import store
    from board.gitstate import head_text

    data = head_text(plan_path)
    if data is None:
        return None
    try:
        return store.loads(data, f"{plan_path}@HEAD")
    except store.LoadError:
        return None


def beside(plan_path: Place, extension: str) -> str:
    """The export's file next to the plan: ``plan.html`` for ``plan.toml`` (the plan's suffix replaced)."""
    return os.path.splitext(os.fspath(plan_path))[0] + "." + extension


def export_next_to_plan(plan_path: Path, fmt: str) -> Path:
    """Write a text export beside the plan (``plan.html`` next to ``plan.toml``) and return where."""
    from pathlib import Path

    target = Path(beside(plan_path, FORMATS[fmt]))
    write_report(target, render_text(plan_path, fmt), plan_path)
    return target
