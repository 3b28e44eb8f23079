"""Numbers as people type them in a terminal, and the one form a plan writes them in.

A value is typed with ASCII digits, one optional sign, one optional decimal
point and an optional exponent (``72``, ``-0.5``, ``+15``, ``1e3``); Python's
``float`` accepts more (``1_000``, Arabic-Indic and full-width digits,
``nan``, ``infinity``), which a plan refuses. A whole value is an integer
(``78``, never ``78.0``), whichever way it was typed or recorded.
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Beyond this a float no longer holds every integer, and an int would print as a long row of digits.
_EXACT = 2**53

NUMBER_FORMS = "ASCII digits with an optional sign, decimal point and exponent, like 72, -0.5 or 1e3"


def canonical(value: float) -> float:
    """``value`` as a plan writes it: an ``int`` when it is whole (78.0 -> 78), else unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return value


def parse_number(text: str) -> float | None:
    """The number ``text`` spells (an ``int`` when whole), or None when it is not one a person types
    in a terminal, or not finite (``1e999``)."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    if not math.isfinite(value):
        return None
    return canonical(value)


def number_problem(text: str) -> str | None:
    """Why ``text`` is not a number a plan takes (one line), or None when it is one."""
    if parse_number(text) is not None:
        return None
    if _NUMBER.fullmatch(text.strip()) or text.strip().lstrip("+-").lower() in ("nan", "inf", "infinity"):
        return f"{text!r} is not a finite number"
    return f"{text!r} is not a number: write {NUMBER_FORMS}"
