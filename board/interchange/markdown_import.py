"""Read a rollout plan written in Markdown into a Plan.

The document's blocks come from markdown-it-py (:mod:`.markdown_blocks`); this
module walks them: the title, the sections (overview, timeline, risk
management, metrics, contingency planning, final validation), the phases and
what they hold (:mod:`.phase_reader`), metrics and risks as lines or tables
(:mod:`.register_reader`). The seed document's layout reads exactly, and so do
the ways teams write plans (the words are in :mod:`.markdown_patterns`).
Facts a plain document has no words for (ids, owners, dates, …) ride along in
an HTML comment after a line, as JSON (see :mod:`.facts` and :mod:`.extras`),
which is how the Markdown export round-trips. Whatever cannot be placed becomes
a warning with its line number and is kept in the plan's notes. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from board.model import ActionTick, Check, Checklist, Contingency, Plan
from board.model.slugs import slugify

from .control_facts import link_criteria
from .extras import read_extras
from .facts import SLUG, Facts, split_comment
from .markdown_blocks import Heading, Item, Line, Other, Table, read_blocks, split_lines
from .markdown_patterns import ABOUT, ESTIMATE, MAX_WEEKS, PHASE_FACTS, phase_heading, week_heading, weeks_in_range
from .register_reader import RegisterReader, column_roles, table_kind
from .specs import duration, duration_minutes, parse_metric_spec

__all__ = ["ImportResult", "duration", "import_markdown", "parse_metric_spec"]

LIST_SECTIONS = ("risk management", "metric", "kpi", "contingency", "final validation", "objectives")
KNOWN_SECTIONS = (
    "overview",
    "summary",
    "introduction",
    "background",
    "rollout timeline",
    "timeline",
    "phases",
    "stages",
    "waves",
    "steps",
    "roadmap",
    "schedule",
    "rollout plan",
    "risk management",
    "risk",
    "success metrics",
    "metrics",
    "kpi",
    "contingency",
    "final validation",
    "objectives",
)
OVERVIEW = ("overview", "summary", "introduction", "background")


@dataclass
class ImportResult:
    """The plan a Markdown file became, with the lines it could not place (as warnings)."""

    plan: Plan
    warnings: list[tuple[int, str]] = field(default_factory=list)
    entity_lines: dict[int, int] = field(default_factory=dict, repr=False)
    linked: int = 0
    """How many criteria the import linked to a metric by their words."""

    def line_of(self, path: tuple[str | int, ...]) -> int:
        """The Markdown line of the entry a problem's path names (``("phases", 1, "first_week")``), else 1."""
        line, node = 1, self.plan
        for step in path:
            try:
                node = node[step] if isinstance(step, int) else getattr(node, step)  # type: ignore[index]
            except (AttributeError, IndexError, TypeError):
                break
            line = self.entity_lines.get(id(node), line)
        return line


def _known(section: str) -> bool:
    return any(known in section for known in KNOWN_SECTIONS)


def _is_section_title(text: str) -> bool:
    """Whether a first heading reads as a section of a plan rather than the plan's title."""
    return text.lower() in KNOWN_SECTIONS or phase_heading(text) is not None


class Importer(RegisterReader):
    def __init__(self, text: str) -> None:
        super().__init__(split_lines(text))
        self.blocks = read_blocks(text)
        self.section = ""
        self.sub = ""
        self.phase_level = 0
        self.phase_word = ""  # the word the phase heading being read starts with (phase, stage, …)

    # --- the document ----------------------------------------------------------
    def run(self) -> ImportResult:
        headings = [block for block in self.blocks if isinstance(block, Heading)]
        top = min((h.level for h in headings), default=1)
        if headings and headings[0].level == top:
            first, data, _ = split_comment(headings[0].text)
            if "title" not in data and _is_section_title(first):
                top -= 1  # no title heading: the document starts with a section
        self.top = top
        self.title_seen = False
        paragraphs: list[tuple[int, str, int]] = []  # line, text, paragraph
        paragraph = 0
        for block in self.blocks:
            self.number = block.line
            if isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Item):
                self._list_item(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Other):
                what = {"fence": "a code block", "code": "a code block", "html": "HTML", "quote": "a quote"}
                what["front matter"] = "front matter"
                self.warn(
                    block.line,
                    f"{what.get(block.kind, 'text')} with no place in the plan; kept in the plan's notes",
                    block.source,
                )
            elif block.depth > 0 and self._detail(block):
                pass
            elif self._in_overview() and block.depth == 0:
                self._summary(block.line, block.text)
            elif self.phase is not None and self.kind in ("", "rollback") and self._phase_text(block.text):
                pass
            else:
                paragraph += block.starts_paragraph
                paragraphs.append((block.line, block.text, paragraph))
        last = max((i + 1 for i, text in enumerate(self.lines) if text.strip()), default=0)
        if paragraphs and paragraphs[-1][0] == last and self.blocks and self.blocks[-1].line == last:
            final = paragraphs[-1][2]
            closing = [text for _, text, p in paragraphs if p == final]
            self.plan.closing = "\n".join(closing)
            paragraphs = [entry for entry in paragraphs if entry[2] != final]
        for number, text, _ in paragraphs:
            self.warn(number, "a paragraph with no place in the plan; kept in the plan's notes", text)
        self._finish()
        return ImportResult(self.plan, sorted(self.warnings), self.entity_lines)

    def _heading(self, block: Heading) -> None:
        level = block.level - self.top
        text, data, bad = split_comment(block.text)
        facts = self.facts(data, bad)
        self.objective = self.risk = None
        if level == 0 and not self.title_seen:
            self.plan.title = facts.text("title", text) or self.plan.title
            self.plan_facts = facts
            self._statuses(facts)
            self.title_seen = True
            return
        if self.phase is not None and self._inside_phase(level, text):
            self._phase_heading(text, facts)
            return
        listed = level >= 2 and any(k in self.section for k in LIST_SECTIONS)  # a checklist or contingency heading
        found = None if listed else phase_heading(text)
        if found is not None and not found.word and _known(found.name.lower()):
            found = None  # "Rollout Timeline (Weeks 1-8)": the section that holds the phases
        if found is not None:
            self._phase(found, facts)
            self.phase_level, self.phase_word, self.sub, self.section = level, found.word, "", "phase"
            return
        left_phase = self.section == "phase" and level <= self.phase_level
        self.phase = None
        self.week = None
        if level <= 1 or (left_phase and _known(text.lower())):  # a section, or one beside the phases
            self.section, self.sub = text.lower(), ""
            if not _known(self.section):
                self.warn(self.number, f"section {text!r} is not part of a rollout plan; kept in the plan's notes")
                self.section = "unknown"
            return
        self.sub = text
        self._open_list(self.section, facts.text("name", text), facts)

    def _inside_phase(self, level: int, text: str) -> bool:
        """Whether a heading belongs to the phase being read: deeper than it (unless it names the next
        phase with the same word, a "Stage 2" under "Stage 1"), or a week heading beside it."""
        found = phase_heading(text)
        if level > self.phase_level:
            return found is None or not found.word or found.word != self.phase_word
        return level == self.phase_level and found is None and week_heading(text) is not None

    def _phase_text(self, text: str) -> bool:
        """A paragraph line inside a phase: its facts (``**Priority:** High``), or ``~10 min`` under a rollback heading."""
        phase = self.phase
        assert phase is not None
        if self.kind == "rollback" and ABOUT.match(text) and duration_minutes(text) is not None:
            self._estimate(phase, text)
            return True
        if self.kind == "rollback" and (estimate := ESTIMATE.match(text)):
            self._estimate(phase, estimate.group(1))
            return True
        return self._phase_line(phase, text)

    def _in_overview(self) -> bool:
        return any(word in self.section for word in OVERVIEW) or (self.section == "" and self.title_seen)

    def _summary(self, number: int, text: str) -> None:
        """A line of the overview, after a blank line when the document has one there."""
        if self.plan.summary:
            joint = "\n\n" if number >= 2 and not self.lines[number - 2].strip() else "\n"
            self.plan.summary += joint + text
        else:
            self.plan.summary = text

    def _list_item(self, block: Item) -> None:
        if self._in_overview():  # a list in the overview: its lines as written
            for n in range(block.line, max(block.end, block.line) + 1):
                self._summary(n, self.lines[n - 1].rstrip())
            return
        text, data, bad = split_comment(block.text)
        facts = self.facts(data, bad)
        text = facts.text("text", text)  # the exact text, where Markdown would have changed it
        if block.depth > 1 and not facts:
            if not self._nested(block, text):
                self.warn(
                    self.number,
                    "a nested list item that is no detail of an objective or a risk; kept in the plan's notes",
                )
            return
        if block.depth == 1:
            self.objective = None
            self.risk = None
        section, phase = self.section, self.phase
        if section == "phase" and phase is not None:
            if self.kind == "risks":
                self._risk_item(text, facts)
            elif self.kind == "metrics":
                if not self._metric(self.sub, text, facts):
                    self.warn(self.number, "a metric line that is not '**Name:** baseline → target'")
            elif not self._phase_item(phase, block.box, text, facts):
                where = repr(self.sub) if self.sub else f"phase {phase.id}"
                self.warn(self.number, f"a list item in {where} that is not an objective, criterion or rollback step")
            return
        ticked = block.box in ("x", "X")
        if "risk management" in section or "final validation" in section:
            kind = "risk_management" if "risk management" in section else "final_validation"
            lists = getattr(self.plan, kind)
            if not lists:  # items straight under the section heading: a checklist named after it
                self._open_list(section, section.title(), Facts({}, lambda message: None))
            lists[-1].items.append(check := Check(text, ticked))
            read_extras(check, facts)
        elif "contingency" in section:
            if not self.plan.contingencies:  # actions straight under the section heading: a plan named after it
                self._open_list(section, section.capitalize(), Facts({}, lambda message: None))
            contingency = self.plan.contingencies[-1]
            contingency.actions.append(text)
            if ticked and contingency.tick_of(text) is None:
                contingency.ticked.append(ActionTick(text, facts.day("done")))
        elif "metric" in section or "kpi" in section:
            if not self._metric(self.sub, text, facts):
                self.warn(self.number, "a metric line that is not '**Name:** baseline → target'")
        elif "risk" in section:
            self._risk_item(text, facts)
        elif "objectives" in section and self.week is not None:
            self._objective(self.week, ticked, text, facts, None)
        else:
            self.warn(self.number, "a list item outside any known section; kept in the plan's notes")

    def _fact_table(self, block: Table) -> bool:
        """A phase's facts as a table: ``| Priority | Risk | Rollback budget |`` over one row, or label | value rows."""
        phase = self.phase
        assert phase is not None

        def known(cell: str) -> bool:
            return cell.strip("*_ ").lower() in PHASE_FACTS or cell.strip("*_ ").lower() in ("rollback", "budget")

        if block.header and all(known(cell) for cell in block.header) and len(block.rows) == 1:
            line, cells = block.rows[0]
            pairs = [(line, name, value) for name, value in zip(block.header, cells, strict=False)]
        elif len(block.header) == 2 and block.rows and all(known(cells[0]) for _, cells in block.rows):
            pairs = [(line, cells[0], cells[1] if len(cells) > 1 else "") for line, cells in block.rows]
        else:
            return False
        for line, name, value in pairs:
            self.number = line
            self._phase_fact(phase, name.strip("*_ "), value)
        return True

    def _nested(self, block: Item, text: str) -> bool:
        """An item nested under an objective or a risk: a detail of it. False: read it as an item of its own."""
        if self.objective is not None:
            self._objective_detail(("[x] " if block.box in ("x", "X") else "[ ] " if block.box else "") + text)
            return True
        return self.risk is not None and self._risk_detail(text)

    def _detail(self, block: Line) -> bool:
        """A paragraph inside a list item: a detail of the objective or risk it belongs to."""
        if self.objective is not None:
            self._objective_detail(block.text)
            return True
        return self.risk is not None and self._risk_detail(block.text)

    def _table(self, block: Table) -> None:
        roles = column_roles(block.header)
        kind = table_kind(roles)
        if kind in ("", "objectives") and self.phase is not None and self.kind == "criteria":
            kind = "criteria"  # a go/no-go table: each row a criterion
        if kind == "" and self.phase is not None and self._fact_table(block):
            return
        if kind == "":
            self.warn(block.line, "a table with no place in the plan; kept in the plan's notes", block.source)
            return
        for line, cells in block.rows:
            self.number = line
            if kind == "metrics":
                self._metric_row(self.sub if self.section != "phase" or self.kind == "metrics" else "", roles, cells)
            elif kind == "risks":
                self._risk_row(roles, cells)
            elif kind == "criteria":
                self._criterion_row(block.header, cells)
            else:
                self._objective_row(roles, cells)

    def _open_list(self, section: str, name: str, facts: Facts) -> None:
        if "risk management" in section or "final validation" in section:
            kind = "risk_management" if "risk management" in section else "final_validation"
            cid = self.new_id(kind, facts.slug("id"), slugify(name), "checklist")
            getattr(self.plan, kind).append(checklist := Checklist(cid, name))
            read_extras(checklist, facts)
            self.at(checklist)
        elif "contingency" in section:
            cid = self.new_id("contingency", facts.slug("id"), slugify(name), "contingency")
            contingency = Contingency(
                cid, name, notes=facts.text("notes"), active=facts.flag("active"), activated=facts.day("activated")
            )
            read_extras(contingency, facts)
            self.plan.contingencies.append(contingency)
            self.at(contingency)
        elif "metric" in section or "kpi" in section or "risk" in section:
            pass  # a metrics group heading ("Technical Metrics"), a group of risks
        elif "objectives" in section and (weeks := week_heading(name)) is not None:
            if weeks_in_range(*weeks):
                self.week = weeks[0]
            else:
                self.warn(self.number, f"a week beyond week {MAX_WEEKS} (the most a plan may have); read as no week")
        elif section != "unknown":
            self.warn(self.number, f"heading {name!r} is not part of a known section; kept in the plan's notes")

    # --- the end -------------------------------------------------------------------
    def _finish(self) -> None:
        plan = self.plan
        self._place_inferred_phases()
        for obj, phase in self.unweeked:
            obj.week = phase.first_week
        self._place_loose_risks()
        facts = self.plan_facts
        self._order(facts.texts("order"))
        self.number = 1
        plan.start = facts.day("start")
        plan.summary = facts.text("summary", plan.summary)
        plan.closing = facts.text("closing", plan.closing)
        weeks = max([p.last_week for p in plan.phases] + [o.week for o in plan.objectives] + [1])
        plan.weeks = facts.integer("weeks", weeks, weeks, MAX_WEEKS) if "weeks" in facts else weeks
        self._check_dependencies()
        plan.notes = facts.text("notes")
        read_extras(plan, facts)
        if self.kept:
            kept = "\n".join(["Imported lines with no place in the plan:", *(self.kept[n] for n in sorted(self.kept))])
            plan.notes = f"{plan.notes}\n\n{kept}" if plan.notes else kept

    def _order(self, order: list[str]) -> None:
        """Put the objectives the export listed in ``order`` back in that order, in the places they hold."""
        rank = {oid: i for i, oid in enumerate(dict.fromkeys(order))}
        objectives = self.plan.objectives
        slots = [i for i, obj in enumerate(objectives) if obj.id in rank]
        listed = sorted((objectives[i] for i in slots), key=lambda obj: rank[obj.id])
        for slot, obj in zip(slots, listed, strict=True):
            objectives[slot] = obj

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


def import_markdown(text: str, *, link_metrics: bool = True) -> ImportResult:
    """The plan ``text`` describes. With ``link_metrics`` (the default) each criterion whose words
    name a metric and carry a number is linked to it (``control_facts.link_criteria``; ``linked``
    counts them)."""
    importer = Importer(text)
    result = importer.run()
    if link_metrics:
        result.linked = link_criteria(result.plan, keep=importer.link_said)
    return result
