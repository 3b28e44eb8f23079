"""Commands that print rollout control find the plan's slips once (health and the list share them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.generate import generate_plan
from board import cli, store
from board.model import dependencies, health


@pytest.mark.parametrize("words", [["show"], ["list", "--json"], ["standup"]])
def test_a_command_finds_the_slips_once(
    words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = generate_plan(120, seed=2, linked=True)
    for obj in plan.objectives[::9]:
        obj.week = 1  # waiting on later weeks: slips to find
    path = tmp_path / "plan.toml"
    store.save(plan, path)
    monkeypatch.chdir(tmp_path)
    calls: list[int] = []
    real = dependencies.slips

    def counted(p: object) -> list[dependencies.Slip]:
        calls.append(1)
        return real(p)  # type: ignore[arg-type]

    for module in [dependencies, health, *(m for n, m in sys.modules.items() if n.startswith("board."))]:
        if getattr(module, "slips", None) is real:  # imported by name before this test: counted there too
            monkeypatch.setattr(module, "slips", counted)
    assert cli.main([words[0], str(path), *words[1:]]) == 0
    assert "slip" in capsys.readouterr().out.lower()
    assert len(calls) == 1
