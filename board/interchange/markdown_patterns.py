"""The words of a rollout plan in Markdown: phase headings, week headings, what a phase's sub-heading holds,
labelled facts, owners of objectives. Shared by the importer and the exporter (which checks that what it
writes reads back). No Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_WEEKS = 520  # ten years of weeks: a bigger number is a typo, never a plan

_DASH = r"(?:-|–|—|to|through|until)"
_WEEKS = rf"weeks?\s+([0-9]+)(?:\s*{_DASH}\s*(?:weeks?\s+)?([0-9]+))?"
# "(Weeks 2-3)" anywhere, or "— weeks 2 to 3" / ": Week 4" closing the heading
WEEKS_IN_PARENS = re.compile(rf"\(\s*{_WEEKS}\s*\)", re.I)
WEEKS_AT_END = re.compile(rf"(?:^|\s*(?:[:,—–|·]|\s-)\s*){_WEEKS}\s*$", re.I)
KEYWORD = re.compile(r"^(?:phase|stage|step|wave)\s+(?:[0-9]{1,6}[a-z]?|[ivx]{1,6})\b\s*(?:[:.\-–—|)]\s*)?", re.I)
NUMBERED = re.compile(r"^[0-9]{1,3}[.)]\s+")
WEEK = re.compile(rf"^{_WEEKS}\b", re.I)

LABEL = re.compile(r"^(?:\*\*|__)?\s*([A-Za-z][\w /&-]{0,40}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$")
PHASE_FACTS = {
    "priority": "priority",
    "risk level": "risk",
    "risk": "risk",
    "risk rating": "risk",
    "rollback time": "rollback_budget",
    "rollback budget": "rollback_budget",
    "rollback window": "rollback_budget",
    "max rollback time": "rollback_budget",
    "estimated rollback time": "rollback_estimate",
    "rollback estimate": "rollback_estimate",
}
ESTIMATE = re.compile(r"^(?:estimated\s+rollback\s+time|rollback\s+estimate|estimated?(?:\s+time)?)\s*:\s*(.+)$", re.I)
ABOUT = re.compile(r"^(?:~|≈|about|approx\.?|approximately|around)\s*[0-9]", re.I)

_OWNER = r"[A-Za-z][\w.' -]{0,40}?"
OWNERS = (
    re.compile(r"^(?P<title>.+?)\s*\(\s*@(?P<owner>[\w.-]{1,40})\s*\)$"),
    re.compile(rf"^(?P<title>.+?)\s+(?:—|–|-{{1,2}}|,|;)\s*owners?\s*:\s*(?P<owner>{_OWNER})\s*$", re.I),
    re.compile(rf"^(?P<title>.+?)\s*\(\s*owners?\s*:\s*(?P<owner>{_OWNER})\s*\)$", re.I),
    re.compile(r"^(?P<title>.+?)\s+(?:[—–-]\s*)?@(?P<owner>[\w.-]{1,40})$"),
    re.compile(rf"^\[(?P<owner>{_OWNER})\]\s+(?P<title>[^(\s].*)$"),
    re.compile(rf"^(?P<title>.+?)\s+\[(?P<owner>{_OWNER})\]$"),
)

SECTION_WORDS = (
    ("week", None),
    ("metrics", ("metric", "kpi")),
    ("criteria", ("criteri", "go/no-go", "go / no-go", "go-no-go", "go no-go", "done when", "definition of done")),
    ("rollback", ("rollback", "roll back", "roll-back", "back-out", "backout", "back out")),
    ("risks", ("risk",)),
    ("criteria", ("exit", "success")),
    ("objectives", ("objective", "task", "deliverable", "work", "scope", "milestone", "activit", "to do", "todo")),
)


@dataclass
class PhaseHeading:
    """A heading read as a phase: its name and the weeks it names."""

    name: str
    first: int | None  # None: the heading names no weeks
    last: int | None
    word: str = ""  # "phase", "stage", "step" or "wave" when the heading starts with one


def phase_heading(text: str) -> PhaseHeading | None:
    """``"Phase 2 — Beta (Weeks 3–4)"``, ``"Stage 1: Canary — weeks 1 to 2"``, ``"Beta (Week 3)"``,
    ``"Wave 2: Everyone"``: the phase's name and weeks, or None when the heading is no phase."""
    rest = NUMBERED.sub("", text.strip(), count=1)
    weeks = WEEKS_IN_PARENS.search(rest)
    keyword = KEYWORD.match(rest)
    if weeks is None:
        weeks = WEEKS_AT_END.search(rest)
        if weeks is not None and keyword is None and not rest[: weeks.start()].strip():
            return None  # "Week 3" or "Weeks 1-2" alone: a week heading
    if weeks is None and keyword is None:
        return None
    first = last = None
    if weeks is not None:
        first = whole(weeks.group(1))
        last = whole(weeks.group(2) or weeks.group(1))
        rest = (rest[: weeks.start()] + " " + rest[weeks.end() :]).strip()
    name = rest
    if keyword is not None:
        word = keyword.group(0)
        name = rest[len(word) :] if rest.startswith(word) else KEYWORD.sub("", rest, count=1)
        name = name.strip(" :.-–—|")
        if not name:
            name = word.strip(" :.-–—|)")
    name = name.strip(" :-–—|")
    if not name:
        return None
    word = keyword.group(0).split()[0].lower() if keyword is not None else ""
    return PhaseHeading(name, first, last, word)


def week_heading(text: str) -> tuple[int, int] | None:
    """``"Week 2"``, ``"Week 2 Objectives"``, ``"Weeks 2–3: Ramp up"`` -> (first, last)."""
    match = WEEK.match(text.strip())
    if match is None:
        return None
    first = whole(match.group(1))
    return first, whole(match.group(2)) if match.group(2) else first


def section_kind(heading: str) -> str:
    """What a phase's sub-heading holds: week, metrics, criteria, rollback, risks, objectives, or ""."""
    lower = heading.lower()
    if WEEK.match(lower):
        return "week"
    if re.search(r"\bgo\s*(?:/|-|–|or)?\s*no[\s-]*go\b", lower):  # Go/No-Go, Go / No Go, go-no-go
        return "criteria"
    for kind, words in SECTION_WORDS:
        if words and any(re.search(r"\b" + re.escape(word), lower) for word in words):
            return kind
    return ""


def label(text: str) -> tuple[str, str] | None:
    """``"**Risk Level:** Low"``, ``"Risk: low"``, ``"**Priority**: High"`` -> (label, value)."""
    match = LABEL.match(text.strip())
    if match is None:
        return None
    value = match.group(2).strip().strip("*_` ").strip()
    return " ".join(match.group(1).split()), value


def fact_parts(text: str) -> list[str]:
    """A line of facts joined with ``·`` or ``|`` (``Priority: High · Risk: Low``), split; else the line."""
    for joint in ("·", "|", "•"):
        if joint in text:
            parts = [part.strip() for part in text.split(joint)]
            if len(parts) > 1 and all(label(part) for part in parts if part):
                return [part for part in parts if part]
    return [text]


def owner_of(text: str) -> tuple[str, str]:
    """``"Ship it (@ana)"``, ``"Ship it — owner: Ana"``, ``"[Ana] Ship it"`` -> ("Ship it", "ana"/"Ana")."""
    for pattern in OWNERS:
        match = pattern.match(text)
        if match and match.group("owner").strip() not in ("", "x", "X") and match.group("title").strip():
            return match.group("title").strip(), match.group("owner").strip()
    return text, ""


def whole(digits: str) -> int:
    """``"12"`` -> 12; a number too long to be a week is read as one past the limit, never converted."""
    return int(digits) if len(digits) <= 6 else MAX_WEEKS * 1000


def weeks_in_range(first: int, last: int) -> bool:
    return 1 <= first <= MAX_WEEKS and 1 <= last <= MAX_WEEKS
