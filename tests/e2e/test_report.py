"""The stakeholder status report: its content, its size behaviour, --watch, and a real browser's view of it."""

from __future__ import annotations

import asyncio
import json
import re
import select
import shutil
import signal
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import IO

import pytest

from board import store
from board.interchange.html_report import OPEN_DETAILS_UP_TO, export_html
from board.model import Editor, Risk
from tests.browser import Browser, chromium_path

ROOT = Path(__file__).parents[2]
DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 11, 30)  # week 3 of the board fixture (start 2026-11-16)


class Elements(HTMLParser):
    """Every start tag, and the page's text, for checks a browser would make."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    return elements


def test_report_holds_what_a_stakeholder_asks_for() -> None:
    plan = store.load(DATA / "board-plan.toml")
    editor = Editor(plan, today=lambda: TODAY)
    editor.toggle_blocked("opa-policy")
    plan.contingencies[0].active, plan.contingencies[0].activated = True, date(2026, 11, 27)
    html = export_html(plan, today=TODAY)
    page = parsed(html)
    text = " ".join(page.text)
    assert "Week 3 of 8" in text and "Status report of 2026-11-30" in text
    assert f"Active since 2026-11-27: {plan.contingencies[0].name}" in text
    for phase in plan.phases:
        assert phase.name in text
    for obj in plan.objectives:
        assert obj.title in text
    for metric in plan.metrics:
        assert metric.name in text
    from board.model.critical_path import critical_path
    from board.model.gates import verdicts
    from board.model.health import plan_health

    overall, healths = plan_health(plan, TODAY)
    assert f"plan {overall.symbol} {overall.level}" in text
    for gate in verdicts(plan, TODAY):  # each phase's gate, with one reason a line for a NO-GO
        after = gate.next.label() if gate.next is not None else "the end"
        heading = f"Gate {gate.phase.label()} → {after}: {'✓ GO' if gate.go else '✕ NO-GO'}"
        assert heading in " ".join(text.split())
        for reason in gate.reasons:
            assert reason in text
    for health in healths.values():
        assert f"{health.symbol} {health.level}" in text
    chain = critical_path(plan).objectives
    assert chain and f"Critical path ({len(chain)})" in text
    late = [o for o in plan.objectives if o.week < 3 and o.status != "done"]
    assert late and f"Late ({len(late)})" in text
    assert f"Blocked ({len(plan.blocked())})" in text
    # Pictures are inline SVG: one chart per metric, a risk grid of 5 × 5 cells, a timeline with this week marked.
    assert sum(1 for tag, _ in page.tags if tag == "svg") == len(plan.metrics)
    assert sum(1 for tag, a in page.tags if tag == "td" and a.get("class") in ("low", "mid", "high")) == 25
    assert any(tag == "div" and a.get("class") == "week now" for tag, a in page.tags)
    assert any(tag == "div" and a.get("class") == "marker" for tag, a in page.tags)
    # Self-contained: no scripts, no links out, light and dark, A4 landscape in print.
    assert not any(tag in ("script", "link", "img", "iframe") for tag, _ in page.tags)
    assert not re.search(r"(src|href)\s*=", html) and "url(" not in html
    assert "prefers-color-scheme: dark" in html and "size: A4 landscape" in html and "@media print" in html


def test_report_escapes_every_text() -> None:
    plan = store.load(DATA / "board-plan.toml")
    hostile = '<script>alert("x")</script> & <img src=x onerror=y>'
    plan.title = plan.phases[0].name = plan.objectives[0].title = plan.objectives[0].owner = hostile
    plan.metrics[0].name = plan.metrics[0].unit = hostile
    plan.phases[1].risks.append(Risk("x", hostile, 4, 4, mitigation=hostile, owner=hostile))
    plan.contingencies[0].active, plan.contingencies[0].notes = True, hostile
    plan.contingencies[0].actions = [hostile]
    html = export_html(plan, today=TODAY)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;" in html


def test_a_large_plan_folds_the_full_list_but_keeps_late_and_blocked_whole(tmp_path: Path) -> None:
    from bench.generate import generate_plan

    plan = generate_plan(5000, seed=7)
    html = export_html(plan, today=plan.start or TODAY)
    page = parsed(html)
    details = [a for tag, a in page.tags if tag == "details"]
    assert len(details) >= len(plan.phases) and all("open" not in a for a in details)
    assert len(plan.objectives) > OPEN_DETAILS_UP_TO
    text = " ".join(page.text)
    assert f"Blocked ({len(plan.blocked())})" in text
    for obj in plan.blocked():
        assert obj.title in text


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "board", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def line_of(stream: IO[str], seconds: float = 30) -> str:
    """The next line of a child's output, or a failure after ``seconds`` (never a hung test)."""
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, "no line within the time allowed"
    return stream.readline()


def test_watch_rewrites_the_report_when_the_plan_changes(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(DATA / "board-plan.toml", plan)
    report = tmp_path / "status.html"
    watcher = subprocess.Popen(  # every read below is bounded by the alarm in line_of
        [sys.executable, "-m", "board", "export", str(plan), "--format", "html", "-o", str(report), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None and watcher.stderr is not None
        assert "wrote" in line_of(watcher.stdout)
        before = report.read_text()
        todo = next(o.id for o in store.load(plan).objectives if o.status == "todo")
        moved = cli("move", str(plan), todo, "done", cwd=tmp_path)
        assert moved.returncode == 0, moved.stderr
        assert "wrote" in line_of(watcher.stdout)
        assert report.read_text() != before
        good = report.read_text()
        plan.write_text(plan.read_text() + "\nthis is not toml\n")
        assert "not written:" in line_of(watcher.stderr)
        assert report.read_text() == good  # the last good report stays
    finally:
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=20) == 0


def test_watch_needs_a_file(tmp_path: Path) -> None:
    result = cli("export", str(DATA / "board-plan.toml"), "--format", "json", "--watch", cwd=tmp_path)
    assert result.returncode == 2 and "--watch writes a file" in result.stderr


@pytest.mark.skipif(chromium_path() is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_the_bundled_plan_report_in_a_real_browser(tmp_path: Path) -> None:
    plan = store.load(ROOT / "plans" / "phased-rollout.toml")
    report = tmp_path / "report.html"
    report.write_text(export_html(plan, today=TODAY), encoding="utf-8")
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)

    async def look(dark: bool) -> dict[str, object]:
        async with Browser(1280, 800) as page:
            await page.emulate_dark(dark)
            await page.open(report.as_uri())
            facts = await page.evaluate(
                """JSON.stringify({
                    scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth,
                    text: document.body.innerText,
                    background: getComputedStyle(document.documentElement).backgroundColor,
                    hidden: [...document.querySelectorAll('.band')].filter(e => e.getBoundingClientRect().width < 40).length
                })"""
            )
            await page.screenshot(artifacts / f"report-{'dark' if dark else 'light'}.png")
            if not dark:
                await page.print_pdf(artifacts / "report-print.pdf")
            result = json.loads(facts)
            result["errors"] = page.console_errors
            return result

    for dark in (False, True):
        seen = asyncio.run(look(dark))
        assert seen["errors"] == []
        assert seen["scroll"] <= seen["width"], "the page scrolls sideways"
        text = str(seen["text"])
        for phase in plan.phases:
            assert phase.name in text
        for obj in plan.objectives:
            assert obj.title in text
        assert seen["hidden"] == 0
        background = str(seen["background"])
        assert (background == "rgb(20, 24, 31)") == dark, background
    assert (artifacts / "report-print.pdf").read_bytes().startswith(b"%PDF")
