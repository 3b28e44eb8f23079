"""Plans as teams already write them (issue 16) and Markdown read with a real parser (issue 11 §5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from board import store
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import check_plan

MARKDOWN = Path(__file__).parents[1] / "data" / "markdown"


def read(name: str):  # type: ignore[no-untyped-def]
    return import_markdown((MARKDOWN / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, phases, weeks, objectives, done, criteria, rollback_steps, metrics, risks, warnings",
    [
        ("progressive-delivery.md", 4, 6, 12, 1, 7, 5, 3, 2, 0),
        ("wave-rollout.md", 2, 4, 8, 2, 3, 3, 3, 2, 0),
        ("step-plan.md", 3, 4, 7, 0, 3, 2, 3, 0, 2),
        ("discovery-weeks-to.md", 2, 4, 7, 2, 4, 2, 3, 2, 0),
        ("canary-tables.md", 3, 4, 7, 1, 3, 2, 3, 3, 0),
        ("nested-and-fenced.md", 2, 3, 5, 1, 2, 2, 2, 0, 7),
        ("task-tables.md", 2, 4, 6, 2, 3, 2, 0, 0, 1),
        ("notion-style.md", 2, 3, 7, 1, 4, 4, 3, 2, 5),
    ],
)
def test_each_style_imports_with_everything_in_its_place(
    name: str,
    phases: int,
    weeks: int,
    objectives: int,
    done: int,
    criteria: int,
    rollback_steps: int,
    metrics: int,
    risks: int,
    warnings: int,
) -> None:
    result = read(name)
    plan = result.plan
    assert check_plan(plan) == []
    assert (len(plan.phases), plan.weeks) == (phases, weeks)
    assert len(plan.objectives) == objectives
    assert sum(1 for o in plan.objectives if o.status == plan.done_status) == done
    assert sum(len(p.criteria) for p in plan.phases) == criteria
    assert sum(len(p.rollback_steps) for p in plan.phases) == rollback_steps
    assert len(plan.metrics) == metrics
    assert sum(len(p.risks) for p in plan.phases) == risks
    assert len(result.warnings) == warnings, result.warnings
    for number, _message in result.warnings:
        assert f"line {number}:" in plan.notes  # nothing is silently lost
    back = import_markdown(export_markdown(plan))
    assert back.warnings == []
    assert back.plan == plan
    assert store.loads(store.dumps(plan)) == plan


def test_stages_with_numbered_objectives_owners_tables_and_joined_facts() -> None:
    plan = read("progressive-delivery.md").plan
    assert [(p.name, p.first_week, p.last_week) for p in plan.phases] == [
        ("Internal dogfood", 1, 1),
        ("Beta customers", 2, 3),
        ("Percentage ramp", 4, 5),
        ("Clean-up", 6, 6),
    ]
    assert [(p.priority, p.risk, p.rollback_budget, p.rollback_estimate) for p in plan.phases] == [
        ("High", "Low", "15m", "10m"),  # "~10 min" on a line of its own under "Back-out plan"
        ("High", "Medium", "30m", "20m"),
        ("Critical", "High", "1h", "10m"),  # "Priority: Critical | Risk: High | Rollback budget: 1 hour"
        ("Low", "Low", "", ""),
    ]
    first = plan.objectives[0]
    assert (first.title, first.owner, first.week) == ("Create the `checkout-v2` flag, off for everyone", "ana", 1)
    assert plan.objective("invite-500").status == "done"
    latency = plan.metric("p95-latency")
    assert (latency.baseline, latency.target, latency.unit, latency.direction) == (620, 400, "ms", "down")
    risk = plan.phases[0].risks[0]  # a plan-wide risk table fills the first phase's register
    assert (risk.description, risk.likelihood, risk.impact, risk.mitigation) == (
        "Payment provider rejects v2 requests",
        2,
        4,
        "Certify in the sandbox first",
    )
    assert plan.summary.startswith("Roll the new checkout out")


def test_waves_plain_labels_owner_words_and_a_risk_list() -> None:
    plan = read("wave-rollout.md").plan
    assert [(p.name, p.priority, p.risk, p.rollback_budget) for p in plan.phases] == [
        ("Pilot", "High", "Medium", "1h"),  # stored as the plan writes levels, however typed
        ("Half of Europe", "Critical", "High", "2h"),
    ]
    assert [o.owner for o in plan.objectives[:3]] == ["Dana", "Dana", "Omar"]
    assert [c.met for c in plan.phases[0].criteria] == [True, False]  # under "Go / No-Go"
    split = plan.phases[0].risks[0]
    assert (split.likelihood, split.impact, split.mitigation) == (2, 5, "fence the old primary first")
    assert plan.metric("support-tickets-about-latency").relative


def test_steps_without_weeks_follow_each_other_and_bracketed_owners() -> None:
    result = read("step-plan.md")
    plan = result.plan
    assert [(p.first_week, p.last_week) for p in plan.phases] == [(1, 2), (3, 3), (4, 4)]
    assert [(o.title, o.owner, o.week) for o in plan.objectives[4:6]] == [
        ("Offer passkeys after login", "Ana", 3),
        ("Email the announcement", "Cleo", 3),
    ]
    assert plan.summary == "Overview of the steps, each one on its own."
    assert plan.metric("password-resets-per-week").baseline == 1200  # "1,200"
    assert [n for n, _ in result.warnings] == [28, 44]  # the steps placed one week after the one before


def test_metric_tables_take_units_directions_current_values_and_groups() -> None:
    plan = read("discovery-weeks-to.md").plan
    ctr = plan.metric("click-through-rate")
    assert (ctr.baseline, ctr.target, ctr.unit, ctr.direction, ctr.current) == (31, 34, "%", "up", 32.5)
    assert plan.metric("queries-per-second-served").current == 11800
    assert plan.phases[0].rollback_estimate == "5m"  # "~5 min" as a list item
    tables = read("canary-tables.md").plan
    assert [(m.group, m.current) for m in tables.metrics] == [
        ("business", 93.1),
        ("technical", None),
        ("quality", None),
    ]
    assert [[r.owner for r in p.risks] for p in tables.phases] == [["Ana"], ["Ben"], ["Ana"]]  # by the Phase column


def test_code_fences_html_quotes_tables_and_nested_lists_are_read_as_markdown() -> None:
    result = read("nested-and-fenced.md")
    plan = result.plan
    assert [p.name for p in plan.phases] == ["Shadow reads", "Cut over"]  # "## Phase 9" in the fence is code
    assert "not an objective" not in [o.title for o in plan.objectives]
    library = plan.objective("ship-client")
    assert (library.owner, library.notes) == ("Priya", "behind the `config_v2` flag")
    assert plan.objectives[1].notes == "compare the two answers\nlog each difference"
    assert dict(result.warnings)[26].startswith("a code block")
    assert "## Phase 9: Not a phase (Weeks 9-10)" in plan.notes
    assert {n: m.split(" with no place")[0] for n, m in result.warnings if n in (7, 36, 57)} == {
        7: "HTML",
        36: "a table",
        57: "a quote",
    }


def test_the_import_command_counts_what_it_placed(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "board", "import", str(MARKDOWN / "progressive-delivery.md"), "-o", "plan.toml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == (
        "plan.toml: 4 phases over 6 weeks, 12 objectives (1 done), 7 criteria, 5 rollback steps, 3 metrics, 2 risks,"
        " 1 criterion linked to metrics\n"
    )
    linked = [
        (c.text, c.metric, c.at_least, c.at_most)
        for p in store.load(tmp_path / "plan.toml").phases
        for c in p.criteria
        if c.metric
    ]
    assert linked == [("p95 latency under 400 ms", "p95-latency", None, 400)]  # not "Error rate no worse than v1"


HUGE_WEEKS = """# Endless
## Phase 1: Forever (Weeks 1-1000000000)
### Week 1 Objectives
- [ ] Start
## Phase 2: Later
### Week 99999999999 Objectives
- [ ] Never
"""


def test_weeks_beyond_any_plan_are_warnings_and_never_built() -> None:
    result = import_markdown(HUGE_WEEKS)
    plan = result.plan
    assert check_plan(plan) == []
    assert plan.weeks == 2 and [(p.first_week, p.last_week) for p in plan.phases] == [(1, 1), (2, 2)]
    messages = dict(result.warnings)
    assert "beyond week 520" in messages[2] and "beyond week 520" in messages[6]
    facts = import_markdown('# T <!-- {"weeks": 1000000000} -->\n## Phase 1: A (Week 1)\n')
    assert facts.plan.weeks == 1 and "from 1 to 520" in facts.warnings[0][1]


def test_deep_or_huge_json_in_a_comment_is_one_warning() -> None:
    for comment in ("[" * 100_000 + "]" * 100_000, "9" * 5000, "[" * 900 + "]" * 900):
        result = import_markdown(f'# T <!-- {{"notes": {comment}}} -->\n## Phase 1: A (Week 1)\n')
        assert len(result.warnings) == 1 and "comment" in result.warnings[0][1]
        assert check_plan(result.plan) == []


METRICS = """# T
## Success Metrics
### Technical Metrics
- **Errors:** 1e999%
- **Lag:** 5 ms -> 1e999 ms
- **Huge:** 1{zeros}
- **Big:** 1e20
- **Kilo:** 1e3 ms
- **Facts:** 5% <!-- {{"target": 1e999, "current": 1e400, "history": [["2026-01-01", 1e999]]}} -->

| Metric | Baseline | Target |
|---|---|---|
| Rows | 1e999 | 5 |
| Cells | 5 | inf |
"""


def test_numbers_out_of_range_are_warnings_not_values() -> None:
    result = import_markdown(METRICS.format(zeros="0" * 400))
    plan = result.plan
    assert check_plan(plan) == []
    assert [(m.name, m.target, m.current, m.history, m.baseline) for m in plan.metrics] == [
        ("Kilo", 1000, None, [], None),
        ("Facts", 5, None, [], None),
        ("Rows", 5, None, [], None),
    ]
    lines = [n for n, _ in result.warnings]
    assert lines == [4, 5, 6, 7, 9, 9, 9, 13, 14]  # 1e20 is beyond the model's ±1e15
    assert "'1e999' is out of range" in dict(result.warnings)[4]
    assert "'10000000000000000000…' is out of range" in dict(result.warnings)[6]
    assert store.loads(store.dumps(plan)) == plan
    plain = import_markdown("# T\n## Metrics\n- Errors: 1e999%\n- Lag: 3 ms → 1 ms\n")
    assert plain.warnings == [(3, "the metric value '1e999' is out of range; kept in the plan's notes")]
    assert [m.name for m in plain.plan.metrics] == ["Lag"]
    long_rollback = import_markdown("# T\n## Phase 1: A (Week 1)\n**Rollback Time:** " + "9" * 400 + " hours\n")
    assert long_rollback.plan.phases[0].rollback_budget == "" and len(long_rollback.warnings) == 1


HEADINGS = """---
title: Migration
layout: post
---
# Headings Every Which Way
## Stage 1: Prepare (Week 1)
## Week 1
- [ ] Freeze the schema
### Step 1: drain traffic
- [ ] Not an objective of stage 1
### Stage 2: Move
```
## Stage 9: Not a stage (Week 9)
```
#### Week 2 Objectives
- [ ] Copy the data
"""


def test_front_matter_week_headings_beside_a_phase_and_stages_one_level_down() -> None:
    result = import_markdown(HEADINGS)
    plan = result.plan
    assert check_plan(plan) == []
    assert plan.title == "Headings Every Which Way"
    assert [(p.name, p.first_week, p.last_week) for p in plan.phases] == [("Prepare", 1, 1), ("Move", 2, 2)]
    assert [(o.title, o.week) for o in plan.objectives] == [("Freeze the schema", 1), ("Copy the data", 2)]
    assert [n for n, _ in result.warnings] == [1, 10, 12]  # front matter, the item under "Step 1", the fence
    assert "layout: post" in plan.notes and "## Stage 9" in plan.notes


def test_tables_of_tasks_and_of_phase_facts() -> None:
    result = read("task-tables.md")
    plan = result.plan
    assert [(p.priority, p.risk, p.rollback_budget, p.rollback_estimate) for p in plan.phases] == [
        ("High", "Medium", "2h", "30m"),  # a one-row table of facts
        ("Medium", "Medium", "1h", "15m"),
    ]
    assert [(o.week, o.status, o.owner) for o in plan.objectives] == [
        (1, "done", "Ines"),
        (2, "in-progress", "Ines"),
        (2, "todo", "Karl"),
        (3, "done", "Karl"),  # a ✅ in the Done column
        (4, "todo", "Lena"),  # "Week 4"
        (4, "todo", "Ines"),  # week 5 is not in the phase: its last week, with a warning
    ]
    assert result.warnings == [(35, "week 5 is outside phase p2; the objective goes in week 4")]


OVERVIEW_LISTS = """# Goals First

## Overview

Goals:

- cut errors
  in half
- [ ] ship faster
  - nested

Then everything else.

## Contingency plan

- Roll back
- Call Dana
"""


def test_lists_in_the_overview_stay_in_the_summary_and_bare_contingency_actions_make_a_plan() -> None:
    result = import_markdown(OVERVIEW_LISTS)
    plan = result.plan
    assert result.warnings == []
    assert plan.summary == "Goals:\n\n- cut errors\n  in half\n- [ ] ship faster\n  - nested\n\nThen everything else."
    assert [(c.name, c.actions) for c in plan.contingencies] == [("Contingency plan", ["Roll back", "Call Dana"])]
    back = import_markdown(export_markdown(plan))
    assert back.warnings == [] and back.plan == plan


def test_owner_forms_of_objectives() -> None:
    text = "# T\n## Phase 1: A (Week 1)\n" + "".join(
        f"- [ ] {title}\n"
        for title in (
            "Enable the flag (@maria)",
            "Enable the flag — @maria",
            "Enable the flag @maria",
            "Enable the flag — owner: Maria Lopez",
            "Enable the flag (owner: Maria)",
            "[Maria] Enable the flag",
            "Enable the flag [Maria]",
            "Mail ops@example.com",
        )
    )
    plan = import_markdown(text).plan
    assert [(o.title, o.owner) for o in plan.objectives] == [
        ("Enable the flag", "maria"),
        ("Enable the flag", "maria"),
        ("Enable the flag", "maria"),
        ("Enable the flag", "Maria Lopez"),
        ("Enable the flag", "Maria"),
        ("Enable the flag", "Maria"),
        ("Enable the flag", "Maria"),
        ("Mail ops@example.com", ""),
    ]


def test_a_go_no_go_table_current_values_as_baselines_and_an_executive_summary() -> None:
    result = read("notion-style.md")
    plan = result.plan
    assert [(c.text, c.met) for c in plan.phases[1].criteria] == [
        ("Error rate: < 1%", False),
        ("CTR: >= baseline", False),
    ]
    assert [(m.baseline, m.target, m.direction, m.current) for m in plan.metrics] == [
        (12, 15, "up", None),  # "Current" with no "Baseline" column: the value the plan starts from
        (8, 5, "down", None),
        (450, 300, "down", None),
    ]
    assert plan.summary.endswith("We will roll out the new search experience gradually using feature flags.")
    assert [p.rollback_estimate for p in plan.phases] == ["", "5m"]  # a paragraph after the numbered steps
    assert [n for n, _ in result.warnings] == [11, 20, 39, 79, 80]  # the phases table, two goals, a section


def test_a_problem_of_the_plan_points_at_its_markdown_line() -> None:
    text = (
        "# Cycle\n## Phase 1: A (Weeks 1-2)\n### Week 1\n- [ ] First\n"
        '- [ ] Second <!-- {"depends_on": ["third"]} -->\n### Week 2\n- [ ] Third <!-- {"depends_on": ["second"]} -->\n'
    )
    result = import_markdown(text)
    issues = check_plan(result.plan)
    assert issues and {result.line_of(issue.path) for issue in issues} <= {5, 7}
    assert result.line_of(("phases", 0, "first_week")) == 2 and result.line_of(("weeks",)) == 1


def test_a_timeline_heading_with_weeks_holds_the_phases_and_is_none() -> None:
    text = "# T\n## Rollout Timeline (Weeks 1-3)\n### Phase 1: A (Weeks 1-2)\n### Phase 2: B (Week 3)\n- [ ] Go\n"
    result = import_markdown(text)
    assert result.warnings == []
    assert [(p.name, p.first_week, p.last_week) for p in result.plan.phases] == [("A", 1, 2), ("B", 3, 3)]


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("Go/No-Go", "criteria"),
        ("Go / No Go", "criteria"),
        ("Exit criteria", "criteria"),
        ("Done when", "criteria"),
        ("Definition of Done", "criteria"),
        ("Back-out plan", "rollback"),
        ("Rollback", "rollback"),
        ("Week 2 Objectives", "week"),
        ("Tasks", "objectives"),
        ("Risks & mitigations", "risks"),
        ("Key metrics", "metrics"),
        ("Network changes", ""),  # "work" inside a word is no objectives heading
        ("Notes", ""),
    ],
)
def test_what_a_phase_sub_heading_holds(heading: str, kind: str) -> None:
    from board.interchange.markdown_patterns import section_kind

    assert section_kind(heading) == kind


def test_numbers_are_read_in_ascii_digits_only() -> None:
    text = "# T\n## Phase ١: A (Weeks ١-٢)\n## Phase 1: B (Week 1)\n## Metrics\n- **Score:** ١٢% → ٩٥%\n- **Width:** １２ → ２０\n"
    result = import_markdown(text)
    assert [(p.name, p.first_week) for p in result.plan.phases] == [("B", 1)]  # "Phase ١" is no phase heading
    assert result.plan.metrics == []
    assert [n for n, _ in result.warnings] == [2, 5, 6]
