"""Rollout-control fields through Markdown export and import, JSON export, and import's metric links."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from test_control_cli import cli

from board import store
from board.interchange.control_facts import guess_link
from board.interchange.json_export import export_json
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import Editor

DATA = Path(__file__).parent / "data"
STAGED = DATA / "staged-rollout.toml"
SEED = DATA / "phased-rollout-strategy.md"


def test_markdown_round_trip_is_byte_for_byte() -> None:
    plan = store.load(STAGED)
    editor = Editor(plan, today=lambda: date(2026, 11, 9))
    editor.record_rehearsal("beta", "2h", "failed", 'rolled back --> "by hand"\nsecond line')
    editor.record_signoff("five", "qa lead", "Zoë")
    text = store.dumps(plan)
    result = import_markdown(export_markdown(plan))
    assert result.warnings == []
    assert store.dumps(result.plan) == text


def test_a_bad_value_in_a_comment_is_one_warning() -> None:
    markdown = export_markdown(store.load(STAGED)).replace('"exposure": 1.5', '"exposure": "lots"')
    result = import_markdown(markdown)
    assert [message for _line, message in result.warnings] == [
        "phase 'beta': 'exposure' must be a number, not a string"
    ]
    assert result.plan.phase("beta").exposure is None


def test_json_export_carries_every_new_field() -> None:
    data = json.loads(export_json(store.load(STAGED)))
    internal = data["phases"][0]
    assert (internal["audience"], internal["exposure"], internal["rehearsal_max_age"]) == ("internal staff", 0, 10)
    assert internal["rehearsals"] == [{"date": "2026-11-04", "took": "40m", "outcome": "ok", "note": "smooth"}]
    assert internal["gate"] == {
        "metrics": [{"metric": "error-rate", "at_least": None, "at_most": 2}],
        "signoffs": ["release manager", "security"],
        "signed": [{"role": "security", "by": "ana", "date": "2026-11-06"}],
    }
    assert internal["criteria"][0] == {
        "text": "Security score at least 85",
        "met": False,
        "metric": "security-score",
        "at_least": 85,
        "at_most": None,
    }
    assert data["phases"][1]["gate"] is None


def test_guessed_links() -> None:
    plan = store.load(Path(__file__).resolve().parent.parent / "plans" / "phased-rollout.toml")
    assert guess_link(plan, "Security score improves from 70% to 85%") == ("security-score", 85, None)
    assert guess_link(plan, "Test coverage achieves 80%") == ("test-coverage", 80, None)
    assert guess_link(plan, "Bug density below 0.5 per KLOC") == ("bug-density", None, 0.5)
    assert guess_link(plan, "All critical vulnerabilities resolved") is None
    assert guess_link(plan, "Security score improves") is None  # no number


def test_import_links_criteria_only_when_asked(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.md")
    plain = cli(tmp_path, "import", "seed.md", "-o", "plain.toml")
    assert plain.returncode == 0, plain.stderr
    bundled = Path(__file__).resolve().parent.parent / "plans" / "phased-rollout.toml"
    assert (tmp_path / "plain.toml").read_bytes() == bundled.read_bytes()
    linked = cli(tmp_path, "import", "seed.md", "-o", "linked.toml", "--link-metrics")
    assert linked.returncode == 0, linked.stderr
    assert "5 criteria linked to metrics" in linked.stdout
    plan = store.load(tmp_path / "linked.toml")
    first = plan.phase("p1").criteria[0]
    assert (first.metric, first.at_least, first.at_most) == ("security-score", 85, None)
    assert not plan.phase("p1").criteria[1].metric


def test_html_report_shows_audience_and_linked_criteria() -> None:
    from board.interchange.html_report import export_html

    page = export_html(store.load(STAGED), today=date(2026, 11, 10))
    assert '<span class="sub">· internal staff · 0%</span>' in page
    assert "Security score at least 85 (Security score 80%, needs ≥ 85%)" in page
    assert "1 of 2 criteria met" in page
