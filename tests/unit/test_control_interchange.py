"""Rollout-control fields through Markdown export and import, JSON export, and import's metric links."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from board import store
from board.interchange.control_facts import guess_link
from board.interchange.json_export import export_json
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import Editor, Metric, Plan
from tests.cli.test_control_cli import cli

DATA = Path(__file__).parents[1] / "data"
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
    plan = store.load(Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml")
    assert guess_link(plan, "Security score improves from 70% to 85%") == ("security-score", 85, None)
    assert guess_link(plan, "Test coverage achieves 80%") == ("test-coverage", 80, None)
    # Bug Density counts a change in % (-50%): a level in another unit is no bound on it
    assert guess_link(plan, "Bug density below 0.5 per KLOC") is None
    assert guess_link(plan, "Bug density down 30%") == ("bug-density", None, -30)
    assert guess_link(plan, "All critical vulnerabilities resolved") is None
    assert guess_link(plan, "Security score improves") is None  # no number
    assert guess_link(plan, "Complete documentation coverage") is None  # "complete" is no number


def _metrics_plan() -> Plan:
    return Plan(
        title="t",
        weeks=2,
        metrics=[
            Metric("coverage", "Coverage", "quality", 90, unit="%", baseline=50),
            Metric("test-coverage", "Test coverage", "quality", 80, unit="%", baseline=20),
            Metric("error-rate", "Error rate", "technical", 1, unit="%", baseline=5, direction="down"),
            Metric("latency", "Latency", "technical", 200, unit="ms", baseline=400, direction="down"),
            Metric("bug-density", "Bug density", "quality", -50, unit="%", relative=True, direction="down"),
            Metric("throughput", "Throughput", "business", 40, unit="%", relative=True),
        ],
    )


def test_guessed_links_take_the_bound_the_words_mean() -> None:
    plan = _metrics_plan()
    # the target, not the starting point or a number of weeks
    assert guess_link(plan, "Error rate from 5% to 1% within 2 weeks") == ("error-rate", None, 1)
    assert guess_link(plan, "Within 3 weeks, test coverage from 20% to 70%") == ("test-coverage", 70, None)
    assert guess_link(plan, "p95 latency under 250 ms") == ("latency", None, 250)
    assert guess_link(plan, "Latency 1,200 ms at most") == ("latency", None, 1200)
    # the longest name that stands in the words wins ("Test coverage" over "Coverage")
    assert guess_link(plan, "Test coverage reaches 75%") == ("test-coverage", 75, None)
    assert guess_link(plan, "Coverage reaches 75%") == ("coverage", 75, None)
    # words that say a way win over the metric's own way
    assert guess_link(plan, "Coverage reduced to 60%") == ("coverage", None, 60)
    assert guess_link(plan, "Coverage kept below 95%") == ("coverage", None, 95)
    assert guess_link(plan, "Error rate above 0.1% shows the alarms work") == ("error-rate", 0.1, None)
    assert guess_link(plan, "Error rate ≤ 2%") == ("error-rate", None, 2)
    # a relative metric counts changes: a fall is negative
    assert guess_link(plan, "Bug density reduced by 50%") == ("bug-density", None, -50)
    assert guess_link(plan, "Bug density -30%") == ("bug-density", None, -30)
    assert guess_link(plan, "Throughput up by 25%") == ("throughput", 25, None)
    assert guess_link(plan, "Throughput reduced by no more than 10%") == ("throughput", None, -10)
    # a change of a metric that holds levels says no level: no link
    assert guess_link(plan, "Latency reduced by 20%") is None
    assert guess_link(plan, "Latency reduced to 150 ms") == ("latency", None, 150)
    # a number beyond what a metric may hold is no bound
    assert guess_link(plan, "Coverage over 1" + "0" * 30) is None


def test_import_links_criteria_by_default_and_not_with_no_link_metrics(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.md")
    plain = cli(tmp_path, "import", "seed.md", "-o", "plain.toml")
    assert plain.returncode == 0, plain.stderr
    assert "5 criteria linked to metrics" in plain.stdout
    bundled = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"
    assert (tmp_path / "plain.toml").read_bytes() == bundled.read_bytes()
    plan = store.load(tmp_path / "plain.toml")
    links = [(p.id, c.text, c.metric, c.at_least, c.at_most) for p in plan.phases for c in p.criteria if c.metric]
    assert links == [
        ("p1", "Security score improves from 70% to 85%", "security-score", 85, None),
        ("p2", "Test coverage increases to 60%", "test-coverage", 60, None),
        ("p3", "Performance score improves to 85%", "performance-score", 85, None),
        ("p4", "Maintainability index reaches 90%", "maintainability-index", 90, None),
        ("p4", "Test coverage achieves 80%", "test-coverage", 80, None),
    ]
    old = cli(tmp_path, "import", "seed.md", "-o", "old.toml", "--link-metrics")  # still accepted: the default
    assert old.returncode == 0, old.stderr
    assert (tmp_path / "old.toml").read_bytes() == bundled.read_bytes()
    manual = cli(tmp_path, "import", "seed.md", "-o", "manual.toml", "--no-link-metrics")
    assert manual.returncode == 0, manual.stderr
    assert "linked" not in manual.stdout
    assert not any(c.metric for p in store.load(tmp_path / "manual.toml").phases for c in p.criteria)
    both = cli(tmp_path, "import", "seed.md", "-o", "both.toml", "--link-metrics", "--no-link-metrics")
    assert both.returncode == 2
    assert not (tmp_path / "both.toml").exists()


def test_import_leaves_ticked_criteria_and_unlinked_exports_as_they_are() -> None:
    plan = store.load(Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml")
    first = plan.phase("p1").criteria[0]
    first.metric, first.at_least = "", None  # a person unlinked it
    second = plan.phase("p4").criteria[1]
    second.metric, second.at_least, second.met = "", None, True  # unlinked and ticked
    text = store.dumps(plan)
    markdown = export_markdown(plan)
    assert '- [ ] Security score improves from 70% to 85% <!-- {"metric": ""} -->' in markdown
    assert "- [x] Test coverage achieves 80%\n" in markdown  # ticked: a person judged it, import keeps that
    result = import_markdown(markdown)
    assert result.linked == 0
    assert store.dumps(result.plan) == text
    # a ticked criterion in a plain document keeps its tick and gets no link
    ticked = import_markdown(
        SEED.read_text(encoding="utf-8").replace("- Test coverage achieves", "- [x] Test coverage achieves")
    )
    assert ticked.linked == 4
    assert ticked.plan.phase("p4").criteria[1].met and not ticked.plan.phase("p4").criteria[1].metric


def test_html_report_shows_audience_and_linked_criteria() -> None:
    from board.interchange.html_report import export_html

    page = export_html(store.load(STAGED), today=date(2026, 11, 10))
    assert '<span class="sub">· internal staff · 0%</span>' in page
    assert "Security score at least 85 (80%, needs ≥ 85%)" in page
    assert "1 of 2 criteria met" in page


def test_import_links_each_criterion_to_its_own_metric_among_many() -> None:
    lines = ["# Many", "", "## Rollout Timeline", "", "### Phase 1: One (Weeks 1-2)", "", "#### Week 1 Objectives"]
    lines += ["- [ ] a task", "", "#### Success Criteria"]
    lines += [f"- Service {n} latency below {n + 100} ms" for n in range(300)]
    lines += ["", "## Success Metrics Framework", "", "### Technical Metrics"]
    lines += [f"- **Service {n} Latency:** 900 ms → 100 ms" for n in range(300)]
    lines += ["- **Latency:** 900 ms → 100 ms"]  # a shorter name that every criterion also holds
    result = import_markdown("\n".join(lines) + "\n")
    assert result.linked == 300
    criteria = result.plan.phases[0].criteria
    assert [(c.metric, c.at_least, c.at_most) for c in criteria] == [
        (f"service-{n}-latency", None, n + 100) for n in range(300)
    ]
