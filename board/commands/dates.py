"""The one way a command reads a date from its arguments (``--today``, ``--date``, ``--since``, ``--start``)."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """A command-line date: ISO form, in the years a plan may use (dates stay computable)."""
    from board.model.rules import FIRST_YEAR, LAST_YEAR

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-06") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return day
