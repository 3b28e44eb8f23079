"""Plan text made safe to print: control characters and bidi overrides shown as escapes, never raw.

One implementation, :func:`board.term.visible`; this name is what the rollout-control code imports.
"""

from __future__ import annotations

from board.term import visible as safe

__all__ = ["safe"]
