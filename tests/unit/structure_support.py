"""Helpers shared by the structure-edit tests: a fresh editor, and checks that an edit keeps the plan
valid and round-trippable, undoes and redoes exactly, or is refused with a message and no trace."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from board import store
from board.model import Change, Editor, Plan, PlanError, check_plan

BUNDLED = Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml"
_TEXT = BUNDLED.read_text(encoding="utf-8")
TODAY = date(2026, 11, 25)


@pytest.fixture
def editor() -> Editor:
    return Editor(store.loads(_TEXT), today=lambda: TODAY)


def valid(plan: Plan) -> None:
    assert check_plan(plan) == []
    assert store.loads(store.dumps(plan)) == plan


def apply(editor: Editor, op: Callable[..., Change], *args: Any, **kwargs: Any) -> Change:
    """Run ``op``; the plan stays valid, undo gives back the plan before, redo the plan after."""
    before = copy.deepcopy(editor.plan)
    change = op(*args, **kwargs)
    assert change.steps, "the operation changed nothing"
    after = copy.deepcopy(editor.plan)
    valid(editor.plan)
    assert editor.undo() is change
    assert editor.plan == before
    valid(editor.plan)
    assert editor.redo() is change
    assert editor.plan == after
    return change


def refused(editor: Editor, message: str, op: Callable[..., Change], *args: Any, **kwargs: Any) -> None:
    """``op`` raises PlanError(``message``) and leaves the plan and its history as they were."""
    before = copy.deepcopy(editor.plan)
    could_undo = editor.history.can_undo()
    with pytest.raises(PlanError) as info:
        op(*args, **kwargs)
    assert str(info.value) == message
    assert editor.plan == before
    assert editor.history.can_undo() == could_undo


def store_messages(plan: Plan) -> list[str]:
    """What the store says when it loads ``plan`` as written."""
    try:
        store.loads(store.dumps(plan))
    except store.LoadError as error:
        return [p.message for p in error.problems]
    return []
