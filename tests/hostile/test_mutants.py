"""A fixed-seed mutation fuzzer over the bundled plan: 2,000 mutants through ``validate`` and ``list --json``.

Zero tracebacks, every problem a ``FILE:LINE:COL: message`` line on a line of
the file, every message short, and every plan that validates lists as valid
JSON. In-process through the command line's ``main`` (the same code a shell
runs, minus the start-up); a few through the installed command.
``bench/bench_hostile.py`` runs more seeds at length.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from hostile_support import BUNDLED, PROBLEM_LINE, run

from bench.mutate import mutants
from board.cli import main

MUTANTS = 2000
MAX_MESSAGE = 300


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def check_mutant(path: Path, text: str) -> str:
    """Run validate and list --json on one mutant; returns 'valid' or 'refused', or raises AssertionError."""
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    lines = text.count("\n") + 1
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    assert code in (0, 1), (code, err.getvalue())
    if code == 1:
        problems = err.getvalue().splitlines()
        assert problems, "exit 1 without a message"
        for problem in problems:
            match = PROBLEM_LINE.match(problem)
            assert match, problem
            assert match["file"] == str(path), problem
            assert 1 <= int(match["line"]) <= lines + 1, (problem, lines)
            assert int(match["col"]) >= 1, problem
            assert len(match["message"]) <= MAX_MESSAGE, problem
        return "refused"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["list", str(path), "--json"])
    assert code == 0, err.getvalue()
    rows = json.loads(out.getvalue(), parse_constant=_no_constants)
    assert isinstance(rows, list)
    return "valid"


def test_2000_mutants_of_the_bundled_plan_give_no_traceback_and_file_line_col_lines(tmp_path: Path) -> None:
    source = BUNDLED.read_text(encoding="utf-8")
    path = tmp_path / "plan.toml"
    seen = {"valid": 0, "refused": 0}
    for n, text in enumerate(mutants(source, MUTANTS, seed=20261130)):
        try:
            seen[check_mutant(path, text)] += 1
        except AssertionError as error:
            raise AssertionError(f"mutant {n}: {error}\n--- mutant ---\n{text[:3000]}") from None
    assert seen["refused"] > MUTANTS // 4 and seen["valid"] > MUTANTS // 20  # the mutants test both paths


def test_some_mutants_through_the_installed_command(tmp_path: Path) -> None:
    source = BUNDLED.read_text(encoding="utf-8")
    for n, text in enumerate(mutants(source, 6, seed=7)):
        path = tmp_path / f"mutant-{n}.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for args in (["validate", path], ["list", path, "--json"]):
            result = run(tmp_path, *args)
            assert result.returncode in (0, 1), result.stderr
            assert "Traceback" not in result.stderr
            for line in result.stderr.splitlines():
                assert PROBLEM_LINE.match(line) or line.startswith("rollout-board list: "), line
