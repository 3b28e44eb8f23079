"""Python's cyclic garbage collector, kept out of the way of a plan's many small objects.

Parsing and decoding a plan makes a few hundred thousand small containers at
50,000 objectives, none of them in a reference cycle. Every allocation counts
towards a collection, so while a plan is built the collector would walk the
growing plan again and again (a third of a load at 50,000 objectives) and free
nothing; afterwards every full pass walks it once more. Reference counting
frees all of it as usual either way.

- :func:`collector_paused`: no cyclic collection while a plan is built (the store's load).
- :func:`freeze_next_load`: the process's next load ends with ``gc.freeze()``, which moves
  everything alive then (the start-up imports and the plan) out of the collector's passes.
  The command line and the board ask for it once, at start-up; a library user or a test
  process never has its objects frozen unasked.
- :func:`freeze_more`: in a process that froze its start-up, freeze what has been built since
  (the board's map of the file's text, a few hundred thousand containers at 50,000 objectives,
  which every full pass would walk again: 50 ms a key).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze_next = False


def freeze_next_load(wanted: bool = True) -> None:
    """Freeze what is alive after the next plan load (once)."""
    global _freeze_next
    _freeze_next = wanted


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; then, if asked for once, ``gc.freeze()``."""
    global _freeze_next
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freeze_next:
            _freeze_next = False
            gc.freeze()
        if was_enabled:
            gc.enable()


def freeze_more() -> None:
    """``gc.freeze()`` again, only in a process that froze its start-up (see :func:`freeze_next_load`)."""
    if gc.get_freeze_count():
        gc.freeze()
