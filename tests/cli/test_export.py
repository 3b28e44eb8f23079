"""Exports: Markdown that imports back to the same plan, documented JSON, a well-formed HTML report, SVG."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from board import store
from board.interchange import export_next_to_plan
from board.interchange.html_report import export_html
from board.interchange.json_export import plan_to_json_data
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import Editor
from tests.waiting import palette_offers, until

ROOT = Path(__file__).parents[2]
PLANS = [
    ROOT / "plans" / "phased-rollout.toml",
    Path(__file__).parents[1] / "data" / "board-plan.toml",
    Path(__file__).parents[1] / "data" / "staged-rollout.toml",
]
SCHEMA = ROOT / "docs" / "json-schema.md"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )


def rich_plan():  # type: ignore[no-untyped-def]
    """The board fixture with a bit of everything: risks, ticks, readings, an active contingency, odd ids."""
    plan = store.load(PLANS[1])
    editor = Editor(plan, today=lambda: date(2026, 11, 24))
    editor.add_risk("p1", "Secrets leak --> into logs", likelihood=4, impact=5, mitigation="Scrub logs", owner="ana")
    editor.tick_rollback_step("p1", 0)
    editor.tick_check("monitoring-alerting", 2)
    editor.record_metric("developer-productivity", 12.5)
    editor.set_contingency_active("technical-issues", True)
    editor.tick_contingency_action("technical-issues", 1)
    editor.set_contingency_notes("technical-issues", "Flags on.\nCall Dana first.")
    editor.edit_objective(
        "ci-cd", id="pipeline-hardening", title="Harden <script> & CI", notes='Quotes "and" <tags> & stuff'
    )
    editor.edit_phase("p2", rollback_estimate="1h30m")
    editor.edit_metric("bug-density", direction="up")
    plan.notes = "Keep this note."
    return plan


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_markdown_export_imports_back_to_the_same_plan(path: Path) -> None:
    plan = store.load(path)
    result = import_markdown(export_markdown(plan))
    assert result.warnings == []
    assert result.plan == plan


def test_markdown_round_trip_keeps_everything() -> None:
    plan = rich_plan()
    text = export_markdown(plan)
    assert "- [x] Implement OPA policy enforcement" in text
    back = import_markdown(text)
    assert back.warnings == [] and back.plan == plan


def _json_types(doc: str) -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    current = ""
    for line in doc.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            tables[current] = {}
        match = re.match(r"\| `(\w+)` \| ([^|]+) \|", line)
        if match and current:
            tables[current][match.group(1)] = match.group(2).strip()
    return tables


def _check(value: Any, kind: str, tables: dict[str, dict[str, str]], where: str) -> None:
    if kind.endswith(" or null"):
        if value is not None:
            _check(value, kind.removesuffix(" or null"), tables, where)
    elif kind.startswith("["):
        assert isinstance(value, list), where
        for i, item in enumerate(value):
            _check(item, kind[1:-1], tables, f"{where}[{i}]")
    elif kind in tables:
        assert isinstance(value, dict), where
        assert list(value) == list(tables[kind]), f"{where}: keys {list(value)} vs documented {list(tables[kind])}"
        for key, item in value.items():
            _check(item, tables[kind][key], tables, f"{where}.{key}")
    elif kind == "string":
        assert isinstance(value, str) or (value is None and where.endswith(".phase")), where
    elif kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), where
    elif kind == "number":
        assert value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)), where
    elif kind == "boolean":
        assert isinstance(value, bool), where
    elif kind == "date":
        assert value is None or date.fromisoformat(value), where
    else:
        raise AssertionError(f"{where}: undocumented type {kind}")


def test_json_matches_its_documented_schema() -> None:
    tables = _json_types(SCHEMA.read_text())
    for plan in (store.load(PLANS[0]), rich_plan(), store.load(PLANS[2])):
        data = json.loads(json.dumps(plan_to_json_data(plan)))
        _check(data, "Plan", tables, "plan")
    assert plan_to_json_data(rich_plan())["objectives"][2]["id"] == "pipeline-hardening"


class Balanced(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_is_well_formed_and_self_contained() -> None:
    plan = rich_plan()
    html = export_html(plan, today=date(2026, 11, 25))
    parser = Balanced()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    assert not {"script", "link", "img", "iframe"} & parser.tags
    text = "".join(parser.text)
    for obj in plan.objectives:
        assert obj.title in text
    assert "Secrets leak --> into logs" in text and "Technical Issues" in text
    for phase in plan.phases:
        assert phase.name in text
        for criterion in phase.criteria:
            assert criterion.text in text
    for metric in plan.metrics:
        assert metric.name in text
    assert "@media print" in html and "http" not in html.replace("http-equiv", "")
    assert "<script>" not in html and "Harden &lt;script&gt; &amp; CI" in html  # every text is escaped


def test_export_command_writes_each_format(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(PLANS[1], plan)
    md = cli("export", str(plan), "--format", "markdown", cwd=tmp_path)
    assert md.returncode == 0 and md.stdout.startswith("# Phased Rollout Strategy")
    js = cli("export", str(plan), "--format", "json", cwd=tmp_path)
    assert json.loads(js.stdout)["objectives"][0]["phase"] == "p1"
    html = cli("export", str(plan), "--format", "html", cwd=tmp_path)
    assert html.returncode == 0 and (tmp_path / "plan.html").exists() and "plan.html" in html.stdout
    bad = cli("export", str(plan), "--format", "svg", "--size", "big", cwd=tmp_path)
    assert bad.returncode == 2 and "not a size like 160x45" in bad.stderr
    missing = cli("export", "nope.toml", "--format", "json", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.toml" in missing.stderr and "Traceback" not in missing.stderr


def test_export_arguments_and_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from board.commands import exporting

    parser = argparse.ArgumentParser()
    exporting.add_arguments(parser)
    args = parser.parse_args([str(PLANS[1]), "--format", "svg", "--view", "standup", "--size", "120x30"])
    assert (args.view, args.size) == ("standup", (120, 30))
    for size in ("160", "0x45", "10x5", "160x45x2", "wide"):
        with pytest.raises(SystemExit) as exit:
            parser.parse_args([str(PLANS[1]), "--format", "svg", "--size", size])
        assert exit.value.code == 2
    assert "not a size like 160x45" in capsys.readouterr().err
    assert exporting.run(parser.parse_args([str(PLANS[1]), "--format", "markdown"])) == 0
    assert import_markdown(capsys.readouterr().out).plan == store.load(PLANS[1])
    target = tmp_path / "report.html"
    assert exporting.run(parser.parse_args([str(PLANS[1]), "--format", "html", "-o", str(target)])) == 0
    assert "Harden" not in target.read_text() and "Implement OPA policy enforcement" in target.read_text()


def test_export_next_to_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "q3.toml"
    shutil.copy(PLANS[0], plan)
    written = export_next_to_plan(plan, "markdown")
    assert written == tmp_path / "q3.md"
    assert import_markdown(written.read_text()).plan == store.load(plan)


async def test_export_from_the_command_palette(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object
) -> None:
    from board.app import RolloutApp

    plan = tmp_path / "plan.toml"
    shutil.copy(PLANS[1], plan)
    monkeypatch.chdir(tmp_path)
    app = RolloutApp(plan, today=lambda: date(2026, 11, 25), watch_interval=0)
    said: list[str] = []
    original = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kw: (said.append(str(message)), original(message, **kw))[1])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"export html")
        await palette_offers(pilot, "html")
        await pilot.press("enter")
        await until(pilot, lambda: (tmp_path / "plan.html").exists(), "the export to be written")
        assert (tmp_path / "plan.html").exists()
        assert "Wrote plan.html" in said


def test_markdown_shows_owners_and_risks_in_words_where_they_read_back() -> None:
    plan = rich_plan()
    text = export_markdown(plan)
    assert "- [ ] Deploy input sanitization framework (@ana) <!--" in text
    assert "- Secrets leak --> into logs — likelihood: 4, impact: 5; mitigation: Scrub logs; owner: ana <!--" in text
    plan.phases[0].risks[0].mitigation = "Watch the impact: on billing."  # words the risk line cannot say plainly
    back = import_markdown(export_markdown(plan))
    assert back.warnings == [] and back.plan == plan
