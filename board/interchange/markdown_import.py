"""Read a rollout strategy written in Markdown into a Plan.

The layout is the one of the seed document (phases as headings "Phase N: Name
(Weeks a-b)", bold Priority / Risk Level / Rollback Time lines, "Week N
Objectives" checklists, Success Criteria, Rollback Plan, then Risk Management,
Success Metrics Framework, Contingency Planning and Final Validation), read
forgivingly: any heading depth, `-` `*` `+` bullets, `[x]` items, `→` or `->`,
CRLF. Facts a plain document has no words for (ids, owners, dates, …) ride
along in an HTML comment after a line, as JSON (see :mod:`.facts`), which is
how the Markdown export round-trips. Whatever cannot be placed becomes a
warning with its line number and is kept in the plan's notes. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from board.model import ActionTick, Check, Checklist, Contingency, Metric, Plan, Reading
from board.model.plan import DIRECTIONS
from board.model.slugs import slugify

from .facts import SLUG, Facts, split_comment
from .phase_reader import BOLD_FACT, HEADING, PhaseReader
from .specs import duration, parse_metric_spec

__all__ = ["ImportResult", "duration", "import_markdown", "parse_metric_spec"]

BULLET = re.compile(r"^\s*[-*+]\s+(?:\[( |x|X)\]\s+)?(.*)$")
PHASE = re.compile(
    r"^(?:phase\s+\d+\s*[:.\-–—]\s*)?(.+?)\s*\(\s*weeks?\s+(\d+)(?:\s*(?:-|–|—|to)\s*(\d+))?\s*\)$", re.I
)
NAMED_PHASE = re.compile(r"^phase\s+\d+\s*(?:[:.\-–—]\s*(.+))?$", re.I)
LIST_SECTIONS = ("risk management", "metric", "contingency", "final validation")
GROUPS = ("technical", "business", "quality")
KNOWN_SECTIONS = (
    "overview",
    "rollout timeline",
    "timeline",
    "phases",
    "risk management",
    "success metrics",
    "metrics",
    "contingency",
    "final validation",
)


@dataclass
class ImportResult:
    plan: Plan
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _known(section: str) -> bool:
    return any(known in section for known in KNOWN_SECTIONS)


class Importer(PhaseReader):
    # --- the document ----------------------------------------------------------
    def run(self) -> ImportResult:
        headings = [(len(m.group(1)), m.group(2)) for line in self.lines if (m := HEADING.match(line))]
        top = min((level for level, _ in headings), default=1)
        if headings and headings[0][0] == top:
            first, data, _ = split_comment(headings[0][1])
            if "title" not in data and (first.lower() in KNOWN_SECTIONS or PHASE.match(first)):
                top -= 1  # no title heading: the document starts with a section
        section = ""
        sub = ""
        phase_level = 0
        title_seen = False
        overview_gap = False
        paragraphs: list[tuple[int, str]] = []
        for index, raw in enumerate(self.lines):
            self.number = number = index + 1
            line = raw.rstrip()
            if not line.strip():
                overview_gap = True
                continue
            heading = HEADING.match(line)
            if heading:
                level = len(heading.group(1)) - top
                text, data, bad = split_comment(heading.group(2))
                facts = self.facts(data, bad)
                if level == 0 and not title_seen:
                    self.plan.title = facts.text("title", text) or self.plan.title
                    self.plan_facts = facts
                    self._statuses(facts)
                    title_seen = True
                    continue
                listed = level >= 2 and any(k in section for k in LIST_SECTIONS)  # a checklist or contingency heading
                match = None if listed else PHASE.match(text)
                named = None if match or listed else NAMED_PHASE.match(text)
                if match or (named and named.group(1)):
                    self.phase, phase_level, sub, self.week = self._phase(match, named, facts), level, "", None
                    section = "phase"
                    continue
                if self.phase is not None and level > phase_level:
                    sub = text.lower()
                    self._phase_heading(sub, facts)
                    continue
                self.phase = None
                if level <= 1:
                    section, sub = text.lower(), ""
                    if not _known(section):
                        self.warn(number, f"section {text!r} is not part of a rollout plan; kept in the plan's notes")
                        section = "unknown"
                    continue
                sub = text
                self._open_list(section, facts.text("name", text), facts)
                continue
            bullet = BULLET.match(line)
            if bullet:
                self._item(section, sub, bullet.group(1), bullet.group(2))
                continue
            fact = BOLD_FACT.match(line.strip())
            if self.phase is not None and not sub and fact:
                self._phase_fact(self.phase, fact.group(1), fact.group(2))
                continue
            if section == "overview":
                joint = "\n\n" if overview_gap else "\n"
                self.plan.summary = f"{self.plan.summary}{joint}{line.strip()}" if self.plan.summary else line.strip()
                overview_gap = False
                continue
            paragraphs.append((number, line.strip()))
        last = max((i + 1 for i, text in enumerate(self.lines) if text.strip()), default=0)
        if paragraphs and paragraphs[-1][0] == last:
            self.plan.closing = paragraphs.pop()[1]
        for number, text in paragraphs:
            self.warn(number, "a paragraph with no place in the plan; kept in the plan's notes", text)
        self._finish()
        return ImportResult(self.plan, sorted(self.warnings))

    def _open_list(self, section: str, name: str, facts: Facts) -> None:
        if "risk management" in section or "final validation" in section:
            kind = "risk_management" if "risk management" in section else "final_validation"
            cid = self.new_id(kind, facts.slug("id"), slugify(name), "checklist")
            getattr(self.plan, kind).append(Checklist(cid, name))
        elif "contingency" in section:
            cid = self.new_id("contingency", facts.slug("id"), slugify(name), "contingency")
            self.plan.contingencies.append(
                Contingency(
                    cid, name, notes=facts.text("notes"), active=facts.flag("active"), activated=facts.day("activated")
                )
            )
        elif "metric" in section:
            pass  # a metrics group heading ("Technical Metrics")
        elif section != "unknown":
            self.warn(self.number, f"heading {name!r} is not part of a known section; kept in the plan's notes")

    # --- list items --------------------------------------------------------------
    def _item(self, section: str, sub: str, box: str | None, raw: str) -> None:
        text, data, bad = split_comment(raw)
        facts = self.facts(data, bad)
        text = facts.text("text", text)  # the exact text, where Markdown would have changed it
        ticked = box in ("x", "X")
        if section == "phase" and self.phase is not None:
            self._phase_item(self.phase, sub, ticked, text, facts)
        elif "risk management" in section and self.plan.risk_management:
            self.plan.risk_management[-1].items.append(Check(text, ticked))
        elif "final validation" in section and self.plan.final_validation:
            self.plan.final_validation[-1].items.append(Check(text, ticked))
        elif "contingency" in section and self.plan.contingencies:
            contingency = self.plan.contingencies[-1]
            contingency.actions.append(text)
            if ticked and contingency.tick_of(text) is None:
                contingency.ticked.append(ActionTick(text, facts.day("done")))
        elif "metric" in section:
            self._metric(sub, text, facts)
        else:
            self.warn(self.number, "a list item outside any known section; kept in the plan's notes")

    def _metric(self, sub: str, text: str, facts: Facts) -> None:
        match = BOLD_FACT.match(text)
        spec = parse_metric_spec(match.group(2)) if match and match.group(2) else None
        if match is not None and spec is None and facts.number("target") is not None:
            spec = {"target": facts.number("target"), "unit": "", "relative": False, "direction": "up"}
        if match is None or spec is None:
            self.warn(self.number, "a metric line that is not '**Name:** baseline → target'")
            return
        group = next((g for g in GROUPS if g in sub.lower()), None)
        if group is None:
            self.warn(self.number, f"metric group {sub!r} is not technical, business or quality; filed under quality")
            group = "quality"
        name = facts.text("name", match.group(1).strip())
        for key in ("baseline", "target"):
            if key in facts and facts.number(key) is not None:
                spec[key] = facts.number(key)
        if "unit" in facts:
            spec["unit"] = facts.text("unit", spec["unit"])
        if "relative" in facts:
            spec["relative"] = facts.flag("relative")
        spec["direction"] = facts.choice("direction", DIRECTIONS, spec["direction"])
        history = [Reading(day, value) for day, value in facts.readings("history")]
        mid = self.new_id("metric", facts.slug("id"), slugify(name), "metric")
        self.plan.metrics.append(Metric(mid, name, group, current=facts.number("current"), history=history, **spec))

    # --- the end -------------------------------------------------------------------
    def _finish(self) -> None:
        plan = self.plan
        self._place_inferred_phases()
        for obj, phase in self.unweeked:
            obj.week = phase.first_week
        facts = self.plan_facts
        self.number = 1
        plan.start = facts.day("start")
        plan.summary = facts.text("summary", plan.summary)
        plan.closing = facts.text("closing", plan.closing)
        weeks = max([p.last_week for p in plan.phases] + [o.week for o in plan.objectives] + [1])
        plan.weeks = facts.integer("weeks", weeks, weeks, 10_000) if "weeks" in facts else weeks
        self._check_dependencies()
        plan.notes = facts.text("notes")
        if self.kept:
            kept = "\n".join(["Imported lines with no place in the plan:", *(self.kept[n] for n in sorted(self.kept))])
            plan.notes = f"{plan.notes}\n\n{kept}" if plan.notes else kept

    def _statuses(self, facts: Facts) -> None:
        statuses = facts.texts("statuses")
        if len(statuses) >= 2 and len(set(statuses)) == len(statuses) and all(SLUG.match(s) for s in statuses):
            self.plan.statuses = statuses
        elif statuses:
            facts._bad("statuses", "at least two distinct status ids")

    def _check_dependencies(self) -> None:
        plan = self.plan
        for obj in plan.objectives:
            number, line = self.sources[obj.id]
            if obj.status not in plan.statuses:  # "Done" where the plan says "done"
                self.warn(number, f"unknown status {obj.status!r}; set to {plan.statuses[0]!r}", line)
                obj.status = plan.statuses[0]
            known = [d for d in obj.depends_on if d in self.taken and d != obj.id]
            for dep in obj.depends_on:
                if dep not in known:
                    self.warn(
                        number, f"{obj.id} depends on {dep!r}, which is not an objective of this plan; dropped", line
                    )
            obj.depends_on = list(dict.fromkeys(known))


def import_markdown(text: str) -> ImportResult:
    return Importer(text).run()
