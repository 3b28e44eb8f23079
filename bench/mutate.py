"""Mutants of a plan file for the hostile suite and its bench: deleted, duplicated, swapped and altered lines and tokens.

``mutants(text, count, seed)`` yields ``count`` texts, each the source with one
to three random edits, the same for the same seed. The edits are what a
careless merge, a bad paste or a hostile hand makes: a line deleted, doubled or
moved, the file cut short, a token deleted or replaced by another from the file
or from a list of awkward TOML (huge and non-finite numbers, odd dates,
headers, quotes, brackets, control characters, conflict markers).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

TOKEN = re.compile(r'"[^"\n]*"|[A-Za-z_][A-Za-z0-9_-]*|-?\d[\d_.eE:+-]*|\S')

AWKWARD = [
    '"',
    "'",
    '"""',
    "'''",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    "#",
    "\\",
    "-1",
    "0",
    "1e309",
    "-1e309",
    "nan",
    "inf",
    "-inf",
    "1e300",
    "99999999999999999999",
    "520",
    "521",
    "1000000000",
    "true",
    "false",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    '"todo"',
    '"blocked"',
    '"done"',
    '""',
    '"\\u001b[2J"',
    '"\\u0000"',
    '"\\ud800"',
    "[[objectives]]",
    "[[phases]]",
    "[objectives]",
    "[[phases.criteria]]",
    "[[metrics.history]]",
    "x.y.z",
    '"a" = 1',
    "[[ ]]",
    "<<<<<<< HEAD",
    "=======",
    ">>>>>>> theirs",
    "\t",
    "\u00a0",
    "\u2028",
    "🚀",
    "é",
    "\r",
]


def _tokens(line: str) -> list[tuple[int, int]]:
    return [match.span() for match in TOKEN.finditer(line)]


def mutate(lines: list[str], rng: random.Random) -> list[str]:
    """``lines`` after one random edit (a new list)."""
    out = list(lines)
    if not out:
        return [rng.choice(AWKWARD)]
    i = rng.randrange(len(out))
    kind = rng.randrange(10)
    if kind == 0:
        del out[i]
    elif kind == 1:
        out.insert(i, out[i])
    elif kind == 2:
        j = rng.randrange(len(out))
        out[i], out[j] = out[j], out[i]
    elif kind == 3:
        out.insert(rng.randrange(len(out) + 1), out.pop(i))
    elif kind == 4:
        out = out[: rng.randrange(len(out) + 1)]
        if out and rng.random() < 0.5:
            out[-1] = out[-1][: rng.randrange(len(out[-1]) + 1)]
    elif kind == 5:
        out.insert(i, rng.choice(AWKWARD))
    else:
        spans = _tokens(out[i])
        if not spans:
            out[i] = rng.choice(AWKWARD)
            return out
        start, end = rng.choice(spans)
        if kind == 6:
            replacement = ""
        elif kind == 7:
            other = out[rng.randrange(len(out))]
            other_spans = _tokens(other)
            replacement = other[slice(*rng.choice(other_spans))] if other_spans else ""
        else:
            replacement = rng.choice(AWKWARD)
        out[i] = out[i][:start] + replacement + out[i][end:]
    return out


def mutants(text: str, count: int, seed: int = 1) -> Iterator[str]:
    """``count`` mutants of ``text``, each with one to three edits; the same ones for the same seed."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(count):
        mutant = lines
        for _ in range(rng.choice((1, 1, 2, 3))):
            mutant = mutate(mutant, rng)
        yield "\n".join(mutant)
