"""The structure-edit tests' ``editor`` fixture (a fresh editor on the bundled plan)."""

from tests.unit.structure_support import editor

__all__ = ["editor"]
