"""Numbers as people write them in a strategy document: durations and metric specs.

``duration("< 2 hours") == "2h"``, ``duration("1.5 hours") == "90m"``;
``parse_metric_spec("70% → 95%")`` gives baseline 70, target 95, unit "%",
direction "up". No Textual here.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .facts import LIMIT

ARROW = re.compile(r"\s*(?:→|->|⟶|=>)\s*")
NUMBER = re.compile(r"^([+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![0-9.,])\s*(.*)$")
YEAR = 366 * 24 * 3600  # seconds: a rollback longer than a year is a typo
_PREFIX = re.compile(r"^(?:<=?|≤|~|about|under|at most|within|up to)?\s*", re.I)
_PAIR = re.compile(
    r"([0-9]+(?:\.[0-9]+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)(?![a-z])\.?(?:\s*(?:,|and)?\s*)",
    re.I,
)
BOUND = re.compile(r"^(?:<=|>=|<|>|≤|≥|under|below|above|over|at most|at least)\s*", re.I)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_minutes(text: str) -> tuple[int, bool] | None:
    """Whole minutes in ``text`` and whether that is exact (seconds round up), or None."""
    rest = _PREFIX.sub("", text.strip(), count=1)
    seconds, at = 0.0, 0
    while at < len(rest):
        match = _PAIR.match(rest, at)
        if not match:
            return None
        unit = match.group(2).lower()
        seconds += float(match.group(1)) * _SECONDS["m" if unit.startswith("mi") else unit[0]]
        at = match.end()
    if at == 0:
        return None
    if not seconds <= YEAR:  # also not a number at all (inf, nan)
        return None
    seconds = round(seconds, 6)
    minutes = max(1, math.ceil(seconds / 60))
    return minutes, minutes * 60 == seconds


def duration(text: str) -> str | None:
    """People's durations ("< 2 hours", "90 minutes", "1.5 hours") as the plan writes them ("2h", "90m")."""
    found = duration_minutes(text)
    if found is None:
        return None
    minutes = found[0]
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


def number(text: str) -> float | int:
    """``"70"`` -> 70, ``"3.9"`` -> 3.9, ``"12,000"`` -> 12000: an int when the value is integral.

    Raises ValueError for a value that is not finite or beyond ``LIMIT``."""
    value = float(text.replace(",", ""))
    if not math.isfinite(value) or abs(value) > LIMIT:
        raise ValueError(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value  # a TOML integer holds it exactly


def value_and_unit(text: str) -> tuple[float | int, str] | None:
    """``"200 ms"`` -> (200, "ms"), ``"99.9%"`` -> (99.9, "%"), or None (not a number, or out of range)."""
    text = text.strip().lstrip("~≈").strip()
    match = NUMBER.match(text)
    if match is None:
        return None
    try:
        return number(match.group(1)), match.group(2).strip()
    except ValueError:
        return None


def out_of_range(text: str) -> str | None:
    """The first number of ``text`` that is not finite or beyond ``LIMIT`` (``"1e999"``), or None."""
    for found in re.finditer(
        r"[+-]?(?:[0-9][0-9,]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\b(?:inf(?:inity)?|nan)\b", text, re.I
    ):
        try:
            number(found.group(0))
        except ValueError:
            shown = found.group(0)
            return shown if len(shown) <= 24 else shown[:20] + "…"
    return None


def _bare(text: str) -> str:
    """A value without a bound or an approximation in front: ``"< 0.5%"`` -> ``"0.5%"``."""
    text = text.strip()
    bound = BOUND.match(text)
    return text[bound.end() :].lstrip("~≈ ") if bound else text.lstrip("~≈ ")


def parse_metric_spec(spec: str) -> dict[str, Any] | None:
    """ "70% → 95%", "+40%", "-75%", "100%", "800 ms -> 50 ms" -> baseline, target, unit, relative, direction."""
    parts = ARROW.split(spec.strip())
    if len(parts) == 2:
        before, after = NUMBER.match(_bare(parts[0])), NUMBER.match(_bare(parts[1]))
        if before and after:
            try:
                baseline, target = number(before.group(1)), number(after.group(1))
            except ValueError:
                return None
            unit = after.group(2).strip() or before.group(2).strip()
            return {
                "baseline": baseline,
                "target": target,
                "unit": unit,
                "relative": False,
                "direction": "up" if target >= baseline else "down",
            }
        return None
    if len(parts) != 1:
        return None
    bound = BOUND.match(parts[0].strip())
    text = parts[0].strip()[bound.end() :] if bound else parts[0].strip()
    match = NUMBER.match(text)
    if not match:
        return None
    try:
        target, unit = number(match.group(1)), match.group(2).strip()
    except ValueError:
        return None
    if text.startswith(("+", "-")):
        return {"target": target, "unit": unit, "relative": True, "direction": "up" if target >= 0 else "down"}
    down = bound is not None and bound.group(0).strip().lower() in ("<", "<=", "≤", "under", "below", "at most")
    return {"target": target, "unit": unit, "relative": False, "direction": "down" if down else "up"}
