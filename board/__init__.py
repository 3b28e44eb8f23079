"""Rollout Board: a phased rollout plan as a kanban board in the terminal."""

__version__ = "0.1.0"
