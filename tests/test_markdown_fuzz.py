"""Mutated Markdown plans (lines deleted, doubled, cut into with Markdown and rollout fragments) import
without a traceback, and every line the import cannot place is kept in the plan's notes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board import store
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import check_plan

DATA = Path(__file__).parent / "data"
DOCS = [
    (DATA / "phased-rollout-strategy.md").read_text(encoding="utf-8").split("\n"),
    export_markdown(store.load(DATA / "board-plan.toml")).split("\n"),
    *(
        (DATA / "markdown" / name).read_text(encoding="utf-8").split("\n")
        for name in ("progressive-delivery.md", "canary-tables.md", "nested-and-fenced.md", "notion-style.md")
    ),
]
FRAGMENTS = st.sampled_from(
    [
        "# ",
        "## ",
        "### Phase 3: X (Weeks 2-9)",
        "### Week 0",
        "### Week 600",
        "- [x] ",
        "1) ",
        "| a | b |",
        "|---|---|",
        "```",
        '<!-- {"id": 3} -->',
        "<!-- {",
        "**Priority:** ",
        "Risk: ",
        "~",
        "1e999",
        "Stage 2 — weeks 9 to 1",
        "    ",
        "\t",
        "> ",
        "---",
        "(@",
        "[",
        "owner:",
        "likelihood: high",
        "Estimated rollback time: 5 minutes",
        "\r\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_plans_import_without_a_traceback_and_keep_what_they_cannot_place(data: st.DataObject) -> None:
    lines = list(data.draw(st.sampled_from(DOCS)))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(lines) - 1))
        change = data.draw(st.sampled_from(["delete", "double", "prefix", "insert"]))
        if change == "delete" and len(lines) > 1:
            del lines[at]
        elif change == "double":
            lines.insert(at, lines[data.draw(st.integers(0, len(lines) - 1))])
        elif change == "prefix":
            lines[at] = data.draw(FRAGMENTS) + lines[at]
        else:
            cut = data.draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + data.draw(FRAGMENTS) + lines[at][cut:]
    result = import_markdown("\n".join(lines))
    check_plan(result.plan)  # problems are messages (the import command prints them), never an exception
    for number, _message in result.warnings:
        assert f"line {number}:" in result.plan.notes
