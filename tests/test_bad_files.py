"""Every bad plan file gets its exact ``FILE:LINE:COL: message`` lines, and nothing else ever escapes ``loads``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.store import LoadError, load, loads

BAD = Path(__file__).parent / "data" / "bad"
STATUSES = "(expected one of: todo, in-progress, blocked, done)"

EXPECTED: dict[str, list[str]] = {
    "syntax-error.toml": ["4:34: invalid TOML: the line ends inside a string (a closing quote is missing)"],
    "not-utf8.toml": ["2:13: not UTF-8: byte 0xe9 cannot be decoded (save the file as UTF-8)"],
    "empty.toml": ["1:1: the file is empty: a plan needs at least schema, title and weeks"],
    "comments-only.toml": ["1:1: the file holds only comments: a plan needs at least schema, title and weeks"],
    "newer-schema.toml": [
        "1:1: schema 2 is newer than this rollout-board understands (schema 1): upgrade rollout-board"
    ],
    "missing-title.toml": ["1:1: plan: missing 'title'"],
    "week-as-string.toml": ["8:1: objective 'alpha': 'week' must be an integer, not a string"],
    "unknown-status.toml": [f"15:1: objective 'beta': unknown status 'finished' {STATUSES}"],
    "duplicate-id.toml": ["12:1: duplicate objective id 'alpha'"],
    "week-outside.toml": ["8:1: objective 'alpha': week 9 is outside the plan (weeks 1-4)"],
    # A list written one item per line: the line of the item itself.
    "unknown-dependency.toml": ["11:5: objective 'alpha': depends on unknown objective 'gamma'"],
    "dependency-cycle.toml": ["17:1: dependency cycle: alpha → gamma → beta → alpha"],
    "unknown-key.toml": ["10:1: objective 'alpha': unknown key 'assignee'"],
    # An unknown array of tables is reported at its first header, not at 1:1.
    "unknown-table.toml": ["11:1: plan: unknown key 'objectivesX'"],
    # A plan key of the wrong type does not hide the objectives' problems: every problem in one run.
    "type-error-and-unknown-dependency.toml": [
        "3:1: plan: 'weeks' must be an integer, not a string",
        "17:5: objective 'alpha': depends on unknown objective 'zeta'",
    ],
    "overlapping-phases.toml": ["14:1: phase 'p2': week 2 is also in phase 'p1'"],
    "week-in-no-phase.toml": ["5:1: weeks 2, 3 belong to no phase"],
    "bad-duration.toml": [
        '10:1: phase \'p1\': rollback_budget \'2 hours\' is not a duration (write it like "90m", "2h" or "1h30m")'
    ],
    "bad-date.toml": ["4:1: plan: 'start' must be a date like 2026-11-02 (no quotes), not a string"],
    "several-problems.toml": [
        "4:1: plan: unknown key 'colour'",
        "9:1: objective 'alpha': week 7 is outside the plan (weeks 1-4)",
        f"16:1: objective 'beta': unknown status 'doing' {STATUSES}",
        "17:1: objective 'beta': depends on unknown objective 'zeta'",
        "20:1: duplicate objective id 'alpha'",
    ],
    "missing-key-dependency.toml": ["5:1: objective 'alpha': missing 'week'"],
    # Columns count characters, not bytes: "Déjà" holds two 2-byte letters before the bad byte.
    "not-utf8-after-unicode.toml": ["2:18: not UTF-8: byte 0xe9 cannot be decoded (save the file as UTF-8)"],
    # A typo in weeks is one short line, at once (the gap is a range, never counted week by week).
    "huge-weeks.toml": [
        "3:1: weeks must be at most 520 (ten years), not 100000000",
        "5:1: weeks 5-100000000 belong to no phase",
    ],
    # An unreadable phase is not also "weeks 1, 2 belong to no phase".
    "unreadable-phase.toml": ["8:1: phase 'p1': 'first_week' must be an integer, not a string"],
    # A status set of the wrong type does not make 'doing' an unknown status.
    "statuses-wrong-type.toml": ["4:1: plan: 'statuses' must be a list of strings, not a string"],
    "metric-not-finite.toml": [
        "11:1: metric 'coverage': target must be a finite number, not nan",
        "13:1: metric 'coverage': current must be a finite number, not inf",
    ],
    "changed-as-time.toml": [
        "10:1: objective 'alpha': 'changed' must be a date like 2026-11-02 (no quotes), not a time of day"
    ],
    "bad-status-set.toml": [
        "6:5: status 'Doing' must be lowercase letters, digits and single hyphens (like 'opa-policy')",
        "8:5: status 'todo' is listed twice",
    ],
}


def test_every_bad_file_is_in_the_table() -> None:
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_its_exact_lines(name: str) -> None:
    path = BAD / name
    with pytest.raises(LoadError) as caught:
        load(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:{line}" for line in EXPECTED[name]]
    # The exception's own text is the same lines, one per problem.
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loads_names_the_file_it_is_given(name: str) -> None:
    with pytest.raises(LoadError) as caught:
        loads((BAD / name).read_bytes(), name)
    assert [str(p) for p in caught.value.problems] == [f"{name}:{line}" for line in EXPECTED[name]]


def test_several_problems_come_in_line_order() -> None:
    with pytest.raises(LoadError) as caught:
        load(BAD / "several-problems.toml")
    positions = [(p.line, p.column) for p in caught.value.problems]
    assert positions == sorted(positions)
    assert len(positions) == 5


def test_a_missing_file_and_a_folder_are_one_line_each(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}:1:1: no such file"
    with pytest.raises(LoadError) as caught:
        load(tmp_path)
    assert str(caught.value) == f"{tmp_path}:1:1: is a folder, not a plan file"


def test_a_byte_order_mark_is_accepted() -> None:
    plan = loads(b'\xef\xbb\xbfschema = 1\ntitle = "T"\nweeks = 1\n')
    assert plan.title == "T"


# --- nothing but LoadError, whatever the input ----------------------------------------

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _loads_or_load_error(data: bytes | str) -> None:
    try:
        loads(data, "fuzz.toml")
    except LoadError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith("fuzz.toml:")
            assert problem.line >= 1 and problem.column >= 1
            assert "\n" not in problem.message


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_load_error(data: bytes) -> None:
    _loads_or_load_error(data)


@FAST
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_load_error(text: str) -> None:
    _loads_or_load_error(text)


SEED = (Path(__file__).parent.parent / "plans" / "phased-rollout.toml").read_text(encoding="utf-8")


@FAST
@given(st.integers(0, len(SEED)), st.integers(0, 40), st.text(max_size=20))
def test_mangled_plan_text_raises_only_load_error(at: int, cut: int, insert: str) -> None:
    _loads_or_load_error(SEED[:at] + insert + SEED[at + cut :])


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["", "todo", "done", "p1", "a", "2h", "90m", "x y", "alpha", "beta"]),
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
).filter(lambda v: v is not None)
_keys = {
    "": ["schema", "title", "weeks", "start", "statuses", "summary", "nope"],
    "phases": [
        "id",
        "name",
        "first_week",
        "last_week",
        "rollback_budget",
        "criteria",
        "rollback_steps",
        "risks",
        "risk",
    ],
    "objectives": ["id", "title", "week", "status", "changed", "depends_on", "tags", "owner"],
    "metrics": ["id", "name", "group", "target", "baseline", "relative", "direction", "current", "history"],
    "contingencies": ["id", "name", "actions", "active", "activated", "ticked"],
    "risk_management": ["id", "name", "items"],
}


def _table(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), _values, max_size=len(keys))


@st.composite
def _plan_like(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(_table(_keys[""]))
    for name, keys in _keys.items():
        if name and draw(st.booleans()):
            doc[name] = draw(st.lists(_table(keys), max_size=3) | _values)
    return doc


@FAST
@given(_plan_like())
def test_plan_shaped_documents_of_any_types_raise_only_load_error(doc: dict[str, Any]) -> None:
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return
    _loads_or_load_error(text)
