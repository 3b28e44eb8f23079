"""Rollout-control fields in the Markdown export's comments, and back.

A phase's audience, exposure, rehearsal limit, rehearsal log and gate ride in
its heading's comment; a criterion's link to a metric in its bullet's comment.
The values are the plan file's own tables (read back through the store's
decoder, so a bad value is one warning and its default). Linking criteria to
metrics by their words (``link_criteria``, ``import --link-metrics``) is a separate, optional step.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from board.model import Criterion, Phase, Plan

PHASE_KEYS = ("audience", "exposure", "rehearsal_max_age", "rehearsals", "gate")
LINK_KEYS = ("metric", "at_least", "at_most")


def phase_meta(phase: Phase) -> dict[str, Any]:
    """The phase's control fields as they stand in the plan file (empty ones left out)."""
    from board.store.schema import encode_table

    table = encode_table(phase, "phase")
    return {key: table[key] for key in PHASE_KEYS if key in table}


def criterion_meta(criterion: Criterion) -> dict[str, Any]:
    """The criterion's link to a metric (empty when it has none)."""
    meta: dict[str, Any] = {}
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


_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)")
_WORD = re.compile(r"[a-z0-9]+")
_BELOW = re.compile(r"<|\b(?:below|under|at most|less than|fewer than|reduced? to|down to)\b", re.IGNORECASE)


def guess_link(plan: Plan, text: str) -> tuple[str, float | None, float | None] | None:
    """(metric id, at_least, at_most) when ``text`` names a metric (all its words, in order) and
    carries a number: the last number is the bound, at most for a downward metric or words
    like "below" / "<", else at least."""
    words = _WORD.findall(text.lower())
    numbers = _NUMBER.findall(text)
    if not numbers:
        return None
    for metric in plan.metrics:
        name = _WORD.findall(metric.name.lower())
        if not name:
            continue
        if any(words[i : i + len(name)] == name for i in range(len(words) - len(name) + 1)):
            bound = float(numbers[-1])
            value: float = int(bound) if bound.is_integer() else bound
            below = metric.direction == "down" or bool(_BELOW.search(text))
            return (metric.id, None, value) if below else (metric.id, value, None)
    return None


def link_criteria(plan: Plan) -> int:
    """Link each criterion not linked yet whose words name a metric and carry a number; how many were."""
    linked = 0
    for phase in plan.phases:
        for criterion in phase.criteria:
            if criterion.metric:
                continue
            guess = guess_link(plan, criterion.text)
            if guess is not None:
                criterion.metric, criterion.at_least, criterion.at_most = guess
                linked += 1
    return linked
