"""The load's fast paths give the answers of the full checks they stand in front of.

Loading a large plan decodes each entry without building messages when nothing is wrong
(``schema._plainly_fine``), checks every objective at once (``rules._objectives_plainly_fine``)
and proves the dependency graph acyclic in linear time (``rules._acyclic``); the slow paths
that word the problems run only when something is off. Each is compared here with the
path it short-cuts, on random input that is sometimes wrong.
"""

from __future__ import annotations

import graphlib
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.model import Objective, Plan, check_plan
from board.model.rules import _acyclic, _objectives_plainly_fine, objective_issues
from board.store import schema
from board.store.schema import Decoder

IDS = ["a", "b", "c", "d", "e", "f", "Bad id", ""]

# --- the dependency graph -------------------------------------------------------------


def _has_cycle(deps: dict[str, list[str]]) -> bool:
    """The reference: the standard library's topological sorter, self-links and unknown ids left out."""
    graph = {node: {d for d in targets if d in deps and d != node} for node, targets in deps.items()}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError:
        return True
    return False


graphs = st.dictionaries(st.sampled_from(IDS[:6]), st.lists(st.sampled_from([*IDS[:6], "zz"]), max_size=4), max_size=6)


@given(graphs)
def test_acyclic_agrees_with_a_topological_sort(deps: dict[str, list[str]]) -> None:
    assert _acyclic(deps) == (not _has_cycle(deps))


def test_a_cycle_behind_links_to_earlier_objectives_is_still_found() -> None:
    # The first pass (every link points back) stops at 'c'; the cycle d -> e -> d comes after it.
    deps = {"a": [], "b": ["a"], "c": ["d"], "d": ["e"], "e": ["d", "a"]}
    assert not _acyclic(deps)
    plan = Plan(title="t", weeks=1, objectives=[Objective(oid, oid, 1, depends_on=d) for oid, d in deps.items()])
    assert [i.message for i in check_plan(plan)] == ["dependency cycle: d → e → d"]


def test_a_long_chain_written_backwards_is_acyclic() -> None:
    # Each objective waits on the next one in the file: no link points back, Kahn's pass decides.
    deps = {f"o{i}": [f"o{i + 1}"] for i in range(5000)} | {"o5000": []}
    assert _acyclic(deps)
    deps["o5000"] = ["o0"]
    assert not _acyclic(deps)


# --- every objective at once ------------------------------------------------------------


def mostly(good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
    """A good value nine times in ten, so whole plans without a flaw come up often."""
    return st.sampled_from(good * 9 * max(1, len(bad)) + bad)


objectives = st.builds(
    Objective,
    id=mostly(IDS[:6], IDS[6:]),
    title=mostly(["Title"], [" ", ""]),
    week=mostly([1, 2, 4], [-1, 0, 5]),
    status=mostly(["todo", "done"], ["doing"]),
    tags=st.lists(mostly(["x"], [" ", ""]), max_size=2),
    depends_on=st.lists(mostly(IDS[:6], ["zz"]), max_size=2),
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(st.lists(objectives, max_size=6), st.sets(st.sampled_from(["zz", "q"]), max_size=1))
def test_the_whole_plan_check_agrees_with_each_objectives_check(objs: list[Objective], others: set[str]) -> None:
    plan = Plan(title="t", weeks=4, objectives=objs)
    own = {o.id for o in objs}
    ids = own | others
    slow = [issue for i, o in enumerate(objs) for issue in objective_issues(plan, o, ("objectives", i), ids)]
    fine = not slow and len(own) == len(objs)
    assert _objectives_plainly_fine(plan, own, ids) == fine


def test_check_plan_words_every_problem_when_the_fast_check_fails() -> None:
    plan = Plan(
        title="t",
        weeks=2,
        objectives=[Objective("a", "A", 1), Objective("b", "B", 3, depends_on=["a", "nope"]), Objective("a", "C", 1)],
    )
    assert [i.message for i in check_plan(plan)] == [
        "objective 'b': week 3 is outside the plan (weeks 1-2)",
        "objective 'b': depends on unknown objective 'nope'",
        "duplicate objective id 'a'",
    ]


# --- decoding entries ---------------------------------------------------------------------

values = st.one_of(
    st.sampled_from(["x", "todo", ""]),
    st.integers(0, 3),
    st.booleans(),
    st.just(date(2026, 1, 5)),
    st.just(datetime(2026, 1, 5, 9, 0)),
    st.just(1.5),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.just(["a", 1]),
    st.just([{"text": "x"}]),
)


GOOD = {"str": "x", "level": "High", "int": 1, "bool": True, "date": date(2026, 1, 5), "number": 2, "strings": ["a"]}


def _entry(table: str) -> st.SearchStrategy[dict[str, Any]]:
    """A good entry of ``table`` with up to two keys changed to any value or left out."""
    _cls, keys = schema.TABLES[table]
    good = {k.name: GOOD.get(k.kind, []) for k in keys}
    names = st.sampled_from([*good, "unknown"])
    changes = st.dictionaries(names, st.one_of(values, st.just(None)), max_size=2)
    return changes.map(lambda change: {k: v for k, v in {**good, **change}.items() if v is not None})


def _decoded(items: list[dict[str, Any]], table: str) -> tuple[list[Any], list[Any], set[str]]:
    decoder = Decoder()
    result = decoder.entries(items, table, ("entries",))
    return result, decoder.issues, decoder.dropped_ids


@pytest.mark.parametrize("table", sorted(schema._PLAIN))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], max_examples=150)
@given(data=st.data())
def test_plain_entries_decode_as_the_full_check_decodes_them(
    table: str, data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = data.draw(st.lists(_entry(table), max_size=3))
    fast = _decoded(items, table)
    with monkeypatch.context() as patched:
        patched.setattr(schema, "_PLAIN", {})
        slow = _decoded(items, table)
    assert fast == slow


def test_the_objective_table_takes_the_fast_path() -> None:
    assert "objective" in schema._PLAIN
    entry = {"id": "a", "title": "A", "week": 1, "status": "todo", "tags": ["x"], "depends_on": []}
    assert schema._plainly_fine(entry, *schema._PLAIN["objective"])
    assert not schema._plainly_fine({**entry, "week": True}, *schema._PLAIN["objective"])
    assert not schema._plainly_fine({**entry, "tags": ["x", 1]}, *schema._PLAIN["objective"])


# --- the critical path ----------------------------------------------------------------------


def _reference_path(plan: Plan) -> list[str]:
    """The longest chain by its definition: each not-done objective's best chain is one more than the
    best (length, week of its last, earliest in the plan) chain among what it depends on."""
    from functools import cache

    done = plan.done_status
    live = [o for o in plan.objectives if o.status != done]
    index = {o.id: i for i, o in enumerate(live)}

    @cache
    def rank(i: int, trail: frozenset[int] = frozenset()) -> tuple[tuple[int, int, int], tuple[int, ...]] | None:
        obj = live[i]
        best: tuple[tuple[int, int, int], tuple[int, ...]] = ((0, 0, 0), ())
        for dep in dict.fromkeys(obj.depends_on):
            d = index.get(dep)
            if d is None or d == i:
                continue
            if d in trail:
                return None  # in a cycle (or waiting on one): left out
            found = rank(d, trail | {i})
            if found is None:
                return None
            if found[0] > best[0]:
                best = found
        return (best[0][0] + 1, obj.week, -i), (*best[1], i)

    ranked = [found for i in range(len(live)) if (found := rank(i)) is not None]
    return [live[i].id for i in max(ranked)[1]] if ranked else []


link_ids = [f"o{i}" for i in range(7)]


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 4), st.sampled_from(["todo", "done"]), st.lists(st.sampled_from(link_ids), max_size=3)
        ),
        min_size=1,
        max_size=7,
    ),
    st.booleans(),
)
def test_the_critical_path_is_the_longest_chain(rows: list[tuple[int, str, list[str]]], backwards: bool) -> None:
    from board.model.critical_path import critical_path

    objectives = []
    for i, (week, status, deps) in enumerate(rows):
        if backwards:  # links only to objectives before it: plan order is a dependency order
            deps = [d for d in deps if int(d[1:]) < i]
        objectives.append(Objective(f"o{i}", f"O{i}", week, status=status, depends_on=deps))
    plan = Plan(title="t", weeks=4, objectives=objectives)
    assert critical_path(plan).ids == _reference_path(plan)
