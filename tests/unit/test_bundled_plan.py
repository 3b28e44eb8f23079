"""The bundled plan validates, re-saves byte for byte, and carries every line of the seed document.

The seed's Markdown is parsed here on its own terms (headings, bold fields, list
items, paragraphs), independently of how the plan file was written, and each
item is then looked up in the loaded plan.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from board.model import Plan, parse_duration
from board.store import dumps, load

ROOT = Path(__file__).parents[2]
PLAN = ROOT / "plans" / "phased-rollout.toml"
SEED = Path(__file__).parents[1] / "data" / "phased-rollout-strategy.md"  # the seed document, word for word


@dataclass
class Item:
    """One line of the seed: what it is, where it sits (its headings) and its text."""

    line: int
    kind: str
    where: tuple[str, ...]
    text: str


_PHASE = re.compile(r"^Phase (\d+): (.+) \(Weeks (\d+)-(\d+)\)$")
_WEEK = re.compile(r"^Week (\d+) Objectives$")
_FIELD = re.compile(r"^(?:- )?\*\*(.+?):\*\* (.+)$")
_TASK = re.compile(r"^- \[ \] (.+)$")
_ITEM = re.compile(r"^- (.+)$")
_ESTIMATE = re.compile(r"^Estimated rollback time: (.+)$")


def parse_seed(text: str) -> list[Item]:
    """Every non-blank line of the seed as an Item; a line the parser does not understand fails the test."""
    items: list[Item] = []
    h1 = h2 = h3 = h4 = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        heading = re.match(r"^(#+) (.+)$", line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            if level == 1:
                h1 = title
                items.append(Item(number, "title", (), title))
            elif level == 2:
                h2, h3, h4 = title, "", ""
                items.append(Item(number, "section", (), title))
            elif level == 3:
                h3, h4 = title, ""
                items.append(Item(number, "subsection", (h2,), title))
            else:
                h4 = title
                items.append(Item(number, "group", (h2, h3), title))
            continue
        where = (h2, h3, h4)
        for kind, pattern in (("field", _FIELD), ("task", _TASK), ("item", _ITEM)):
            match = pattern.match(line)
            if match:
                text_ = match.group(1) if kind != "field" else f"{match.group(1)}\x00{match.group(2)}"
                items.append(Item(number, kind, where, text_))
                break
        else:
            assert not line.startswith(("-", "*", "#", "|", ">")), f"seed line {number} not understood: {line!r}"
            items.append(Item(number, "paragraph", where, line))
    assert h1, "the seed has no title"
    return items


def _minutes(words: str) -> int:
    """ "90 minutes", "3 hours", "< 2 hours" as minutes, through the model's own duration parser."""
    short = re.sub(r"(\d+)\s*(minute|hour|day)s?", lambda m: m.group(1) + m.group(2)[0], words.lstrip("< ").strip())
    return parse_duration(short)


def missing(plan: Plan, items: list[Item]) -> list[str]:
    """The seed lines that the plan does not carry, as ``line N: what``."""
    gaps: list[str] = []

    def need(ok: bool, item: Item, what: str) -> None:
        if not ok:
            gaps.append(f"line {item.line}: {what}")

    phases = {f"Phase {i + 1}": p for i, p in enumerate(plan.phases)}
    checklists = {c.name: c for c in plan.risk_management}
    finals = {c.name: c for c in plan.final_validation}
    contingencies = {c.name: c for c in plan.contingencies}
    metrics = {m.name: m for m in plan.metrics}
    groups = {"Technical Metrics": "technical", "Business Metrics": "business", "Quality Metrics": "quality"}
    objectives = [(o.title, o.week, o.status) for o in plan.objectives]
    closing_seen = False

    for item in items:
        h2, h3, h4 = ((*item.where, "", "", ""))[:3]
        phase = next((p for key, p in phases.items() if h3.startswith(key + ":")), None)
        if item.kind == "title":
            need(plan.title == item.text, item, f"title {item.text!r}")
        elif item.kind == "section":
            known = {
                "Overview",
                "Rollout Timeline",
                "Risk Management",
                "Success Metrics Framework",
                "Contingency Planning",
                "Final Validation",
            }
            need(item.text in known, item, f"section {item.text!r} has a home")
        elif item.kind == "subsection":
            if h2 == "Rollout Timeline":
                match = _PHASE.match(item.text)
                need(match is not None, item, f"phase heading {item.text!r}")
                if match:
                    index = int(match.group(1)) - 1
                    found = plan.phases[index] if index < len(plan.phases) else None
                    need(
                        found is not None
                        and (found.name, found.first_week, found.last_week)
                        == (match.group(2), int(match.group(3)), int(match.group(4))),
                        item,
                        f"phase {item.text!r}",
                    )
            elif h2 == "Risk Management":
                need(item.text in checklists, item, f"risk-management section {item.text!r}")
            elif h2 == "Success Metrics Framework":
                need(item.text in groups, item, f"metric group {item.text!r}")
            elif h2 == "Contingency Planning":
                need(item.text in contingencies, item, f"contingency plan {item.text!r}")
            elif h2 == "Final Validation":
                need(item.text in finals, item, f"final-validation list {item.text!r}")
            else:
                need(False, item, f"subsection {item.text!r} has a home")
        elif item.kind == "group":
            ok = phase is not None and (
                item.text in ("Success Criteria", "Rollback Plan") or _WEEK.match(item.text) is not None
            )
            need(ok, item, f"group {item.text!r} of {h3!r}")
            week = _WEEK.match(item.text)
            if week and phase is not None:
                need(phase.covers(int(week.group(1))), item, f"{item.text} inside {phase.name}")
        elif item.kind == "field":
            name, value = item.text.split("\x00")
            if h2 == "Success Metrics Framework":
                metric = metrics.get(name)
                need(
                    metric is not None and metric.spec() == value and metric.group == groups.get(h3),
                    item,
                    f"metric {name}: {value} ({h3})",
                )
            elif phase is None:
                need(False, item, f"field {name!r} has a home")
            elif name == "Priority":
                need(phase.priority == value, item, f"{phase.id} priority {value}")
            elif name == "Risk Level":
                need(phase.risk == value, item, f"{phase.id} risk level {value}")
            elif name == "Rollback Time":
                need(phase.budget_minutes() == _minutes(value), item, f"{phase.id} rollback budget {value}")
            else:
                need(False, item, f"field {name!r} has a home")
        elif item.kind == "task":
            week = _WEEK.match(h4)
            need(
                week is not None and (item.text, int(week.group(1)), "todo") in objectives,
                item,
                f"objective {item.text!r} in {h4}",
            )
        elif item.kind == "item":
            estimate = _ESTIMATE.match(item.text)
            if phase is not None and h4 == "Success Criteria":
                need(item.text in [c.text for c in phase.criteria], item, f"criterion {item.text!r}")
            elif phase is not None and h4 == "Rollback Plan" and estimate:
                need(
                    phase.estimate_minutes() == _minutes(estimate.group(1)),
                    item,
                    f"{phase.id} rollback estimate {estimate.group(1)}",
                )
            elif phase is not None and h4 == "Rollback Plan":
                need(item.text in [s.text for s in phase.rollback_steps], item, f"rollback step {item.text!r}")
            elif h2 == "Risk Management":
                need(
                    h3 in checklists and item.text in [c.text for c in checklists[h3].items],
                    item,
                    f"{h3}: {item.text!r}",
                )
            elif h2 == "Contingency Planning":
                need(h3 in contingencies and item.text in contingencies[h3].actions, item, f"{h3}: {item.text!r}")
            elif h2 == "Final Validation":
                need(h3 in finals and item.text in [c.text for c in finals[h3].items], item, f"{h3}: {item.text!r}")
            else:
                need(False, item, f"list item {item.text!r} has a home")
        elif item.kind == "paragraph":
            if h2 == "Overview":
                need(item.text in plan.summary, item, "the overview")
            elif h2 == "Final Validation":
                closing_seen = True
                need(plan.closing == item.text, item, "the closing sentence")
            else:
                need(False, item, f"paragraph {item.text[:30]!r} has a home")
    if not closing_seen:
        gaps.append("the seed's closing sentence was not found in the seed")
    return gaps


@pytest.fixture(scope="module")
def seed() -> list[Item]:
    return parse_seed(SEED.read_text(encoding="utf-8"))


@pytest.fixture()
def plan() -> Plan:
    return load(PLAN)


def test_the_bundled_plan_validates_and_resaves_byte_for_byte(plan: Plan) -> None:
    assert dumps(plan).encode("utf-8") == PLAN.read_bytes()


def test_the_seed_parses_into_the_expected_shape(seed: list[Item]) -> None:
    def count(kind: str, **where: str) -> int:
        return sum(
            1
            for i in seed
            if i.kind == kind
            and all(((*i.where, "", "", ""))[["h2", "h3", "h4"].index(k)] == v for k, v in where.items())
        )

    assert sum(1 for i in seed if i.kind == "task") == 32
    assert sum(1 for i in seed if i.kind == "item" and i.where[2] == "Success Criteria") == 16
    assert sum(1 for i in seed if i.kind == "item" and i.where[2] == "Rollback Plan") == 16  # 12 steps + 4 estimates
    assert sum(1 for i in seed if i.kind == "item" and _ESTIMATE.match(i.text)) == 4
    assert sum(1 for i in seed if i.kind == "field" and i.where[0] == "Success Metrics Framework") == 13
    assert sum(1 for i in seed if i.kind == "field" and i.where[0] == "Rollout Timeline") == 12
    assert count("subsection", h2="Risk Management") == 3
    assert count("subsection", h2="Contingency Planning") == 3
    assert count("item", h2="Final Validation") == 8


def test_the_plan_carries_every_line_of_the_seed(plan: Plan, seed: list[Item]) -> None:
    assert missing(plan, seed) == []


def test_the_plan_holds_nothing_beyond_the_seed(plan: Plan, seed: list[Item]) -> None:
    """Counts match, so an item cannot hide behind a duplicate."""
    assert len(plan.phases) == 4
    assert len(plan.objectives) == 32
    assert sum(len(p.criteria) for p in plan.phases) == 16
    assert sum(len(p.rollback_steps) for p in plan.phases) == 12
    assert len(plan.risk_management) == 3
    assert len(plan.metrics) == 13
    assert len(plan.contingencies) == 3
    assert [c.name for c in plan.final_validation] == ["Acceptance Criteria", "Post-Implementation"]
    assert all(o.status == "todo" for o in plan.objectives)
    assert len({o.id for o in plan.objectives}) == 32


def test_the_rollback_budgets_and_estimates_read_as_people_write_them(plan: Plan) -> None:
    assert [(p.budget_minutes(), p.estimate_minutes()) for p in plan.phases] == [
        (120, 90),
        (240, 180),
        (120, 90),
        (60, 45),
    ]
    assert _minutes("90 minutes") == parse_duration("90m") == 90
    assert not any(p.rollback_over_budget() for p in plan.phases)


def _drops(plan: Plan) -> list[tuple[str, Plan]]:
    """The plan with one seed item taken out or changed, for every item there is."""
    variants: list[tuple[str, Plan]] = []

    def variant(label: str, change) -> None:  # type: ignore[no-untyped-def]
        copy_ = copy.deepcopy(plan)
        change(copy_)
        variants.append((label, copy_))

    for i in range(len(plan.objectives)):
        variant(f"objective {i}", lambda p, i=i: p.objectives.pop(i))
    for i, phase in enumerate(plan.phases):
        for j in range(len(phase.criteria)):
            variant(f"phase {i} criterion {j}", lambda p, i=i, j=j: p.phases[i].criteria.pop(j))
        for j in range(len(phase.rollback_steps)):
            variant(f"phase {i} step {j}", lambda p, i=i, j=j: p.phases[i].rollback_steps.pop(j))
        for name in ("priority", "risk", "rollback_budget", "rollback_estimate"):
            variant(f"phase {i} {name}", lambda p, i=i, name=name: setattr(p.phases[i], name, ""))
        variant(f"phase {i} name", lambda p, i=i: setattr(p.phases[i], "name", "X"))
    for lists in (plan.risk_management, plan.final_validation):
        attr = "risk_management" if lists is plan.risk_management else "final_validation"
        for i, checklist in enumerate(lists):
            for j in range(len(checklist.items)):
                variant(f"{attr} {i} item {j}", lambda p, a=attr, i=i, j=j: getattr(p, a)[i].items.pop(j))
    for i in range(len(plan.metrics)):
        variant(f"metric {i}", lambda p, i=i: p.metrics.pop(i))
        variant(f"metric {i} target", lambda p, i=i: setattr(p.metrics[i], "target", p.metrics[i].target + 1))
    for i, contingency in enumerate(plan.contingencies):
        for j in range(len(contingency.actions)):
            variant(f"contingency {i} action {j}", lambda p, i=i, j=j: p.contingencies[i].actions.pop(j))
    variant("summary", lambda p: setattr(p, "summary", ""))
    variant("closing", lambda p: setattr(p, "closing", ""))
    variant("title", lambda p: setattr(p, "title", "Plan"))
    return variants


def test_dropping_any_one_item_from_the_plan_is_noticed(plan: Plan, seed: list[Item]) -> None:
    variants = _drops(plan)
    assert len(variants) > 32 + 16 + 12 + 13 + 12 + 24
    unnoticed = [label for label, changed in variants if not missing(changed, seed)]
    assert unnoticed == []


def test_dropping_any_one_line_of_the_seed_changes_what_is_checked(seed: list[Item]) -> None:
    """Every non-blank line of the seed is an item the plan is checked against."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(seed) == len(lines)
