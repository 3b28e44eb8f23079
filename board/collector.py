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
- :func:`pause_until_load`: the command line's own process asks for that freeze and turns the
  collector off from its first line: the start-up imports (the model's dataclasses, argparse)
  make tens of thousands of objects, none of them garbage, and the passes over them are wasted.
  The next load (or :func:`resume`, before the board opens) turns it back on.
- :func:`freeze_more`: in a process that froze its start-up, freeze what has been built since
  (the board's map of the file's text, a few hundred thousand containers at 50,000 objectives,
  which every full pass would walk again: 50 ms a key).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze_next = False
_resume_next = False


def freeze_next_load(wanted: bool = True) -> None:
    """Freeze what is alive after the next plan load (once)."""
    global _freeze_next
    _freeze_next = wanted


def pause_until_load() -> None:
    """No cyclic collection from now until the next plan load, which then freezes and turns it back on."""
    global _resume_next
    freeze_next_load()
    if gc.isenabled():
        gc.disable()
        _resume_next = True


def resume() -> None:
    """Turn the collector back on if :func:`pause_until_load` turned it off and no load has done so yet."""
    global _resume_next
    if _resume_next:
        _resume_next = False
        gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; then, if asked for once, ``gc.freeze()`` (and the
    collector back on if :func:`pause_until_load` turned it off)."""
    global _freeze_next, _resume_next
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freeze_next:
            _freeze_next = False
            gc.freeze()
        if _resume_next:
            _resume_next = False
            was_enabled = True
        if was_enabled:
            gc.enable()


def freeze_more() -> None:
    """``gc.freeze()`` again, only in a process that froze its start-up (see :func:`freeze_next_load`)."""
    if gc.get_freeze_count():
        gc.freeze()
