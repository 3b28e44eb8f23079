"""Rollout-control fields in the Markdown export's comments, and back.

A phase's audience, exposure, rehearsal limit, rehearsal log and gate ride in
its heading's comment; a criterion's link to a metric in its bullet's comment.
The values are the plan file's own tables (read back through the store's
decoder, so a bad value is one warning and its default). Import links the criteria
whose words name a metric and carry a number (``link_criteria``; ``import
--no-link-metrics`` opts out); a criterion whose comment names its link, even
none (``"metric": ""``), keeps what the comment says.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from board.model import Criterion, Metric, Phase, Plan

PHASE_KEYS = ("audience", "exposure", "rehearsal_max_age", "rehearsals", "gate")
LINK_KEYS = ("metric", "at_least", "at_most")


def phase_meta(phase: Phase) -> dict[str, Any]:
    """The phase's control fields as they stand in the plan file (empty ones left out)."""
    from board.store.schema import encode_table

    table = encode_table(phase, "phase")
    return {key: table[key] for key in PHASE_KEYS if key in table}


def criterion_meta(criterion: Criterion, plan: Plan | None = None, names: MetricNames | None = None) -> dict[str, Any]:
    """The criterion's link to a metric; with ``plan``, ``{"metric": ""}`` for an unlinked one that
    import would link by its words (so it comes back unlinked); else empty when it has none."""
    meta: dict[str, Any] = {}
    if not criterion.metric and not criterion.met and plan is not None and guess_link(plan, criterion.text, names):
        meta["metric"] = ""
    if criterion.metric:
        meta["metric"] = criterion.metric
        for key in ("at_least", "at_most"):
            if getattr(criterion, key) is not None:
                meta[key] = getattr(criterion, key)
    return meta


def _dates(value: Any) -> Any:
    """JSON's ISO date strings under a ``date`` key as dates, as TOML would give them."""
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "date" and isinstance(item, str):
                with contextlib.suppress(ValueError):
                    item = date.fromisoformat(item)
            out[key] = _dates(item)
        return out
    return value


def apply_phase_meta(phase: Phase, data: dict[str, Any], warn: Callable[[str], None]) -> None:
    """Set the phase's control fields from its heading's comment; each unusable value is one warning."""
    from board.store.schema import TABLES, Decoder

    present = {key: _dates(data[key]) for key in PHASE_KEYS if key in data}
    if not present:
        return
    decoder = Decoder()
    keys = [k for k in TABLES["phase"][1] if k.name in PHASE_KEYS]
    values = decoder.fields(present, keys, (), f"phase {phase.id!r}") or {}
    for issue in decoder.issues:
        warn(issue.message)
    for key, value in values.items():
        setattr(phase, key, value)


def apply_criterion_meta(criterion: Criterion, data: dict[str, Any], warn: Callable[[str], None]) -> None:
    metric = data.get("metric")
    if metric is None:
        return
    if not isinstance(metric, str):
        warn(f"the comment's 'metric' is not a metric id: {metric!r}")
        return
    criterion.metric = metric
    for key in ("at_least", "at_most"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            warn(f"the comment's {key!r} is not a number: {value!r}")
            continue
        setattr(criterion, key, value)


_NUMBER = re.compile(r"(?<![\w.])([-+−]?)(\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?)")
_WORD = re.compile(r"[a-z0-9]+")
_FALLING = r"(?:reduced?|reduces|reducing|cut|decreased?|decreases|decreasing|lowered|drops?|dropped|falls?|fell|down)"
_DIRECTION = re.compile(
    rf"(?P<below><|≤|\b(?:below|under|at most|less than|lower than|fewer than|no more than|{_FALLING})\b)"
    r"|(?P<above>>|≥|\b(?:above|over|at least|more than|greater than|higher than|no less than|exceeds?|exceeding)\b)",
    re.IGNORECASE,
)
_REDUCTION = re.compile(rf"\b{_FALLING}\b", re.IGNORECASE)
_BY = re.compile(r"\bby\s*$", re.IGNORECASE)


class MetricNames:
    """The plan's metrics by the words of their names, to find the one a text names at the cost of
    the text's length (a plan may hold thousands of criteria and metrics)."""

    def __init__(self, metrics: list[Metric]) -> None:
        self.by_words: dict[tuple[str, ...], Metric] = {}
        for metric in metrics:
            self.by_words.setdefault(tuple(_WORD.findall(metric.name.lower())), metric)
        self.by_words.pop((), None)
        self.lengths = sorted({len(words) for words in self.by_words}, reverse=True)

    def named(self, text: str) -> Metric | None:
        """The metric whose name's words all stand in ``text`` in order; of several, the longest name."""
        words = _WORD.findall(text.lower())
        for length in self.lengths:
            for i in range(len(words) - length + 1):
                metric = self.by_words.get(tuple(words[i : i + length]))
                if metric is not None:
                    return metric
        return None


def guess_link(
    plan: Plan, text: str, names: MetricNames | None = None
) -> tuple[str, float | None, float | None] | None:
    """(metric id, at_least, at_most) when ``text`` names a metric and carries a number.

    The bound is the last number after the metric's name (of those, the last written with the
    metric's unit: "from 70% to 85% in 2 weeks" gives 85), else the last number of the text. It
    is an upper bound when the last words before it that say a way say "down" ("below", "<",
    "reduced to"), a lower bound when they say "up" ("above", ">", "at least"), else the way the
    metric moves. A relative metric counts changes, written in its unit: a plain number said as a
    fall ("reduced by 50%"), or on a downward metric, is -50; a number without the unit ("below
    0.5 per KLOC") gives no link, nor does a change ("reduced by 20%") of a metric that holds
    levels: the level is not known from the words. ``names``: the plan's metrics, indexed once
    for many texts."""
    from board.model.rules import MAX_METRIC_VALUE

    metric = (names or MetricNames(plan.metrics)).named(text)
    numbers = list(_NUMBER.finditer(text))
    if metric is None or not numbers:
        return None
    name = re.search(r"\W+".join(_WORD.findall(metric.name.lower())), text, re.IGNORECASE)
    after = [m for m in numbers if name is None or m.start() >= name.end()] or numbers
    unit = metric.unit.strip().lower()
    with_unit = [m for m in after if unit and text[m.end() :].lstrip().lower().startswith(unit)]
    if metric.relative and unit and not with_unit:
        return None  # a change is written in the metric's unit; "below 0.5 per KLOC" is a level
    chosen = (with_unit or after)[-1]
    before = text[: chosen.start()]
    if _BY.search(before) and not metric.relative:
        return None
    sign, bound = chosen.group(1), float(chosen.group(2).replace(",", ""))
    if bound > MAX_METRIC_VALUE:
        return None
    said = list(_DIRECTION.finditer(before))
    below = said[-1].lastgroup == "below" if said else metric.direction == "down"
    falling = metric.direction == "down" or _REDUCTION.search(before) is not None
    if sign in ("-", "−") or (metric.relative and not sign and falling):
        bound = -bound
    value: float = int(bound) if bound.is_integer() else bound
    return (metric.id, None, value) if below else (metric.id, value, None)


def link_criteria(plan: Plan, keep: Collection[int] = ()) -> int:
    """Link each criterion whose words name a metric and carry a number (see ``guess_link``);
    how many were. Left as they are: criteria linked already, ticked ones (a person judged them),
    and those whose ``id()`` is in ``keep`` (their comment says what their link is, even none)."""
    linked = 0
    names = MetricNames(plan.metrics)
    for phase in plan.phases:
        for criterion in phase.criteria:
            if criterion.metric or criterion.met or id(criterion) in keep:
                continue
            guess = guess_link(plan, criterion.text, names)
            if guess is not None:
                criterion.metric, criterion.at_least, criterion.at_most = guess
                linked += 1
    return linked
