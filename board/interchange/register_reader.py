"""Metrics and risks as plans write them: ``**Name:** 70% → 95%`` lines, risk lines with their likelihood,
impact and mitigation, and Markdown tables of either (a header row names the columns). No Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from board.model import Metric, Reading, Risk
from board.model.plan import DIRECTIONS, RISK_STATES
from board.model.slugs import slugify

from .extras import read_extras
from .facts import Facts
from .phase_reader import BOLD_FACT, PhaseReader
from .specs import out_of_range, parse_metric_spec, value_and_unit

GROUPS = ("technical", "business", "quality")
_COLUMNS = {
    "metric": ("metric", "name", "kpi", "measure", "indicator", "metric name"),
    "baseline": ("baseline", "before", "from", "start", "starting point", "today"),
    "target": ("target", "goal", "to", "after"),
    "unit": ("unit", "units"),
    "direction": ("direction", "better", "trend"),
    "current": ("current", "now", "actual", "latest", "current value"),
    "group": ("group", "type", "category", "kind"),
    "risk": ("risk", "description", "threat", "risk description"),
    "likelihood": ("likelihood", "probability", "chance", "l", "p"),
    "impact": ("impact", "severity", "i", "s"),
    "mitigation": ("mitigation", "mitigations", "response", "mitigation plan", "plan", "contingency"),
    "owner": ("owner", "owners"),
    "state": ("state", "status"),
    "phase": ("phase", "stage", "wave", "step"),
    "objective": ("objective", "task", "deliverable", "work item", "item", "action", "milestone", "what"),
    "week": ("week", "when"),
    "done": ("done", "complete", "completed", "✓", "✔"),
}
LEVELS = {
    "very low": 1,
    "rare": 1,
    "negligible": 1,
    "low": 2,
    "unlikely": 2,
    "minor": 2,
    "l": 2,
    "medium": 3,
    "moderate": 3,
    "possible": 3,
    "med": 3,
    "m": 3,
    "high": 4,
    "likely": 4,
    "major": 4,
    "h": 4,
    "very high": 5,
    "critical": 5,
    "severe": 5,
    "almost certain": 5,
    "certain": 5,
}
_RISK_LABEL = re.compile(r"\b(likelihood|probability|impact|severity|mitigation|mitigated by|owner)\b\s*[:=]?\s*", re.I)
_DOWN = ("down", "lower", "lower is better", "decrease", "↓", "min", "minimise", "minimize", "less")
_UP = ("up", "higher", "higher is better", "increase", "↑", "max", "maximise", "maximize", "more")


def column_roles(header: list[str]) -> dict[str, int]:
    """Which column holds what, from a table's header row (``| Metric | Baseline | Target |``)."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = " ".join(re.sub(r"[*_`:()]", " ", cell).lower().split())
        for role, names in _COLUMNS.items():
            if role not in roles and (name in names or any(name.startswith(n + " ") for n in names if len(n) > 2)):
                roles[role] = index
                break
    return roles


def table_kind(roles: dict[str, int]) -> str:
    if "metric" in roles and "target" in roles:
        return "metrics"
    if "risk" in roles and {"likelihood", "impact", "mitigation"} & set(roles):
        return "risks"
    if "objective" in roles:
        return "objectives"
    return ""


def level(text: str) -> int | None:
    """``"High"`` -> 4, ``"2"`` -> 2, ``"very low"`` -> 1: a likelihood or impact from 1 to 5."""
    word = " ".join(text.strip().strip("*_`.").lower().replace("-", " ").split())
    if word in ("1", "2", "3", "4", "5"):
        return int(word)
    match = re.match(r"^([0-9])\s*/\s*5$", word)
    if match and 1 <= int(match.group(1)) <= 5:
        return int(match.group(1))
    return LEVELS.get(word)


@dataclass
class LooseRisk:
    """A risk read outside any phase: placed in a phase's register when the document is read."""

    line: int
    risk: Risk
    phase: str  # the phase it names, or ""


class RegisterReader(PhaseReader):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.loose_risks: list[LooseRisk] = []
        self.risk: Risk | None = None  # the last risk read, for the details nested under it

    # --- metrics ---------------------------------------------------------------
    def _group(self, sub: str) -> str | None:
        group = next((g for g in GROUPS if g in sub.lower()), None)
        if group is None and sub and not re.fullmatch(r"(?i)(success\s+)?(metrics?|kpis?)(\s+framework)?", sub):
            self.warn(self.number, f"metric group {sub!r} is not technical, business or quality; filed under quality")
            return "quality"
        return group or "technical"

    def _metric(self, sub: str, text: str, facts: Facts) -> bool:
        """A metric line (``**Name:** 70% → 95%``, ``Name: 800 ms → 50 ms``); False if it is none."""
        match = BOLD_FACT.match(text)
        if match is None:
            plain = re.match(r"^(.+?)\s*(?::|\s[—–]\s)\s*(\S.*)$", text)
            if plain is None or (parse_metric_spec(plain.group(2)) is None and not out_of_range(plain.group(2))):
                return False
            match = plain
        spec = parse_metric_spec(match.group(2)) if match.group(2) else None
        if spec is None and facts.number("target") is not None:
            spec = {"target": facts.number("target"), "unit": "", "relative": False, "direction": "up"}
        if spec is None:
            huge = out_of_range(match.group(2))
            if huge:
                self.warn(self.number, f"the metric value {huge!r} is out of range; kept in the plan's notes")
            else:
                self.warn(self.number, "a metric line that is not '**Name:** baseline → target'")
            return True
        name = facts.text("name", match.group(1).strip())
        for key in ("baseline", "target"):
            if key in facts and facts.number(key) is not None:
                spec[key] = facts.number(key)
        if "unit" in facts:
            spec["unit"] = facts.text("unit", spec["unit"])
        if "relative" in facts:
            spec["relative"] = facts.flag("relative")
        spec["direction"] = facts.choice("direction", DIRECTIONS, spec["direction"])
        group = self._group(sub)
        if group is None:
            return True
        history = [Reading(day, value) for day, value in facts.readings("history")]
        mid = self.new_id("metric", facts.slug("id"), slugify(name), "metric")
        metric = Metric(mid, name, group, current=facts.number("current"), history=history, **spec)
        read_extras(metric, facts)
        self.plan.metrics.append(metric)
        self.at(metric)
        return True

    def _metric_row(self, sub: str, roles: dict[str, int], cells: list[str]) -> None:
        def cell(role: str) -> str:
            index = roles.get(role)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        name = cell("metric").strip("*_` ")
        target_text = cell("target")
        spec = parse_metric_spec(target_text)
        if not name or spec is None:
            huge = out_of_range(target_text)
            why = f"the metric value {huge!r} is out of range" if huge else "a metric row without a name and a target"
            self.warn(self.number, f"{why}; kept in the plan's notes")
            return
        baseline: float | None = None
        base_text = cell("baseline") or (cell("current") if "baseline" not in roles else "")
        if base_text and base_text.lower() not in ("-", "—", "–", "n/a", "na", "none", "?", "tbd", "unknown"):
            read = value_and_unit(base_text)
            if read is None:
                huge = out_of_range(base_text)
                what = "out of range" if huge else "not a number"
                self.warn(self.number, f"the baseline {base_text!r} of {name!r} is {what}; left empty")
            else:
                baseline = read[0]
                spec["unit"] = spec["unit"] or read[1]
        if baseline is not None and not spec["relative"]:
            spec["baseline"] = baseline
            spec["direction"] = "up" if spec["target"] >= baseline else "down"
        if cell("unit"):
            spec["unit"] = cell("unit").strip("*_` ")
        direction = cell("direction").lower().strip("*_` ")
        if direction in _DOWN or direction in _UP:
            spec["direction"] = "down" if direction in _DOWN else "up"
        elif direction:
            self.warn(
                self.number, f"the direction {cell('direction')!r} of {name!r} is not up or down; read from the numbers"
            )
        current = None
        if "baseline" in roles and cell("current") and cell("current").lower() not in ("-", "—", "n/a", "?", "tbd"):
            read = value_and_unit(cell("current"))
            if read is None:
                self.warn(self.number, f"the current value {cell('current')!r} of {name!r} is not a number; left empty")
            else:
                current = read[0]
        group = self._group(cell("group") or sub) or "technical"
        mid = self.new_id("metric", None, slugify(name), "metric")
        self.plan.metrics.append(metric := Metric(mid, name, group, current=current, **spec))
        self.at(metric)

    # --- risks -------------------------------------------------------------------
    def _risk_item(self, text: str, facts: Facts) -> None:
        """A risk: ``Data loss — likelihood: low, impact: high; mitigation: dual writes`` (or the export's facts)."""
        exact = "text" in facts or "likelihood" in facts or "impact" in facts  # the export's facts say it all
        found = [] if exact else list(_RISK_LABEL.finditer(text))
        description = text if exact else (text[: found[0].start()] if found else text).strip(" —–-:;,(")
        if not exact:
            description = re.sub(r"(?i)^risk\s*:\s*", "", description).strip("*_ ").strip() or text
        values: dict[str, str] = {}
        for i, match in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else len(text)
            key = match.group(1).lower()
            key = {"probability": "likelihood", "severity": "impact", "mitigated by": "mitigation"}.get(key, key)
            values.setdefault(key, text[match.end() : end].strip(" —–-:;,()."))
        risk = self._make_risk(description, values, facts)
        if self.phase is not None:
            self.phase.risks.append(risk)
        else:
            self.loose_risks.append(LooseRisk(self.number, risk, ""))
        self.risk = risk

    def _make_risk(self, description: str, values: dict[str, str], facts: Facts) -> Risk:
        rid = self.new_id("risk", facts.slug("id"), slugify(description, 3), "risk")
        scores = {}
        for key in ("likelihood", "impact"):
            scores[key] = facts.integer(key, 3, 1, 5)
            if values.get(key):
                score = level(values[key])
                if score is None:
                    self.warn(self.number, f"the {key} {values[key]!r} is not 1-5 or low/medium/high; read as 3")
                else:
                    scores[key] = score
        state = facts.choice("state", RISK_STATES, "open")
        if values.get("state", "").lower() in RISK_STATES:
            state = values["state"].lower()
        risk = Risk(
            rid,
            description,
            scores["likelihood"],
            scores["impact"],
            facts.text("mitigation", values.get("mitigation", "")),
            facts.text("owner", values.get("owner", "")),
            state,
        )
        read_extras(risk, facts)
        self.at(risk)
        return risk

    def _risk_detail(self, text: str) -> bool:
        """``Mitigation: nightly backups`` nested under a risk; False when it is none of its facts."""
        risk = self.risk
        match = re.match(r"^(?:\*\*|__)?\s*(\w[\w ]*?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$", text)
        if risk is None or match is None:
            return False
        key = match.group(1).lower()
        key = {"probability": "likelihood", "severity": "impact", "mitigated by": "mitigation"}.get(key, key)
        value = match.group(2).strip().strip("*_ ")
        if key in ("likelihood", "impact"):
            score = level(value)
            if score is None:
                return False
            setattr(risk, key, score)
        elif key in ("mitigation", "owner") and not getattr(risk, key):
            setattr(risk, key, value)
        else:
            return False
        return True

    def _risk_row(self, roles: dict[str, int], cells: list[str]) -> None:
        values = {role: cells[i].strip() for role, i in roles.items() if i < len(cells)}
        description = values.pop("risk", "").strip("*_` ")
        if not description:
            self.warn(self.number, "a risk row without a risk; kept in the plan's notes")
            return
        values["state"] = values.get("state", "")
        risk = self._make_risk(description, values, Facts({}, lambda message: None))
        if self.phase is not None and not values.get("phase"):
            self.phase.risks.append(risk)
        else:
            self.loose_risks.append(LooseRisk(self.number, risk, values.get("phase", "")))

    def _place_loose_risks(self) -> None:
        phases = self.plan.phases
        for loose in self.loose_risks:
            named = loose.phase.lower().strip()
            number = re.search(r"[0-9]{1,6}", named)
            target = next(
                (
                    p
                    for i, p in enumerate(phases)
                    if named and (named in (p.id, p.name.lower()) or (number and int(number.group()) == i + 1))
                ),
                phases[0] if phases else None,
            )
            if target is None:
                self.warn(loose.line, "a risk in a plan with no phase to hold it; kept in the plan's notes")
            else:
                target.risks.append(loose.risk)
