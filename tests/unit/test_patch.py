"""The save that keeps hand edits: ``patch_text`` proven against the canonical writer, then on hand-edited text."""

from __future__ import annotations

import copy
import difflib
import random
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from board.model import Check, Checklist, Criterion, Editor, Gate, Objective, Plan, Reading, Rehearsal, Signoff
from board.store import dumps, loads
from board.store.patch import merge_text, patch_text
from tests.unit.test_roundtrip import plans, slugs, text, words

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "plans" / "phased-rollout.toml"
PATCH = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

TABLES = ["phases", "objectives", "risk_management", "metrics", "contingencies", "final_validation"]


@st.composite
def edited(draw: st.DrawFn) -> tuple[Plan, Plan]:
    """A plan and the same plan after a few edits of every kind: fields, additions, removals, moves."""
    before = draw(plans())
    after = copy.deepcopy(before)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["field", "remove", "move", "add", "head", "nested"]))
        table = getattr(after, draw(st.sampled_from(TABLES)))
        if kind == "head":
            name = draw(st.sampled_from(["title", "summary", "closing", "notes", "start", "weeks"]))
            value = {"start": st.none() | st.dates(date(2020, 1, 1), date(2030, 1, 1)), "weeks": st.integers(1, 12)}
            setattr(after, name, draw(value.get(name, text)))
        elif kind == "add":
            if draw(st.booleans()):
                oid = draw(slugs) + "-new"
                after.objectives.insert(
                    draw(st.integers(0, len(after.objectives))),
                    Objective(
                        oid,
                        draw(words),
                        draw(st.integers(1, 9)),
                        notes=draw(text),
                        tags=draw(st.lists(words, max_size=2)),
                    ),
                )
            else:
                after.final_validation.insert(
                    draw(st.integers(0, len(after.final_validation))),
                    Checklist(draw(slugs) + "-new", draw(words), [Check(draw(text))]),
                )
        elif not table:
            continue
        elif kind == "remove":
            table.pop(draw(st.integers(0, len(table) - 1)))
        elif kind == "move":
            entry = table.pop(draw(st.integers(0, len(table) - 1)))
            table.insert(draw(st.integers(0, len(table))), entry)
        elif kind == "field":
            entry = table[draw(st.integers(0, len(table) - 1))]
            if isinstance(entry, Objective):
                name = draw(st.sampled_from(["status", "title", "owner", "notes", "tags", "changed", "week"]))
                value = {
                    "tags": st.lists(words, max_size=3),
                    "changed": st.none() | st.dates(date(2020, 1, 1), date(2030, 1, 1)),
                    "week": st.integers(1, 9),
                    "status": st.sampled_from(after.statuses),
                }.get(name, text)
                setattr(entry, name, draw(value))
            elif hasattr(entry, "name"):
                entry.name = draw(words)
        elif kind == "nested":
            entry = table[draw(st.integers(0, len(table) - 1))]
            if hasattr(entry, "criteria"):
                entry.criteria.append(Criterion(draw(text), draw(st.booleans())))
                if entry.criteria and draw(st.booleans()):
                    entry.criteria[0].met = not entry.criteria[0].met
                control = draw(st.sampled_from(["", "sign", "no gate", "new gate", "rehearse"]))
                if control == "sign":  # the gate sub-table patched key by key (or added)
                    role = draw(slugs)
                    entry.gate = entry.gate or Gate()
                    if role not in entry.gate.signoffs:
                        entry.gate.signoffs.append(role)
                    entry.gate.signed = [s for s in entry.gate.signed if s.role != role]
                    entry.gate.signed.append(Signoff(role, draw(slugs), date(2031, 1, 1)))
                elif control == "no gate":
                    entry.gate = None
                elif control == "new gate":
                    entry.gate = Gate(signoffs=[draw(slugs)])
                elif control == "rehearse":  # a long note makes the log a list of [[phases.rehearsals]] tables
                    note = draw(text) + draw(st.sampled_from(["", "x" * 120]))
                    entry.rehearsals.append(Rehearsal(date(2031, 1, 2), "75m", "ok", note))
            elif hasattr(entry, "history"):
                entry.history.append(Reading(date(2031, 1, 1), draw(st.integers(-5, 5) | st.floats(-1, 1))))
            elif hasattr(entry, "items"):
                entry.items = [*entry.items[1:], Check(draw(text), True)]
    return before, after


@PATCH
@given(edited())
def test_a_canonical_file_patched_is_the_canonical_text_of_the_new_plan(pair: tuple[Plan, Plan]) -> None:
    before, after = pair
    assert patch_text(dumps(before), before, after) == dumps(after)


@PATCH
@given(plans(), plans())
def test_any_plan_patched_into_any_other_is_that_other_plan_canonically(before: Plan, after: Plan) -> None:
    assert patch_text(dumps(before), before, after) == dumps(after)


def _decorate(canonical: str) -> str:
    """Hand edits: a comment after every one-line key, a comment line and an extra blank line before each table."""
    out = []
    for line in canonical.split("\n"):
        if line.startswith("[["):
            out.append("")
            out.append(f"# about {line}")
        out.append(line)
    decorated = "\n".join(out)
    return re.sub(r'^((?:id|week|status|name|title) = [^\n"]*"?[^\n"]*"?)$', r"\1  # hand note", decorated, flags=re.M)


@PATCH
@given(edited())
def test_hand_edited_text_patched_holds_the_new_plan_and_keeps_comments(pair: tuple[Plan, Plan]) -> None:
    before, after = pair
    canonical = dumps(before)
    hand = _decorate(canonical)
    try:
        same = tomllib.loads(hand) == tomllib.loads(canonical)
    except tomllib.TOMLDecodeError:
        same = False  # a decoration inside a multi-line string closed it ('# about [["""')
    if not same:  # the decoration changed a value, or broke a string: not a hand edit a patch must keep
        return
    for eol in ("\n", "\r\n"):
        source = hand.replace("\n", eol)
        out = patch_text(source, before, after)
        assert tomllib.loads(out) == tomllib.loads(dumps(after))
        if eol == "\r\n":
            assert "\n" not in out.replace("\r\n", "")
        # Entries that did not change keep their comments.
        kept = {o.id for o in before.objectives} & {o.id for o in after.objectives}
        for oid in kept:
            old = next(o for o in before.objectives if o.id == oid)
            new = next(o for o in after.objectives if o.id == oid)
            if old == new and "\n" not in oid:
                assert f'id = "{oid}"  # hand note' in out


def _commented_crlf() -> str:
    lines = BUNDLED.read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        if line.startswith("status = "):
            line += "   # blocked on legal review"
        if line.startswith("[[objectives]]"):
            out.append("# an objective")
        out.append(line)
    return "\r\n".join(out)


def test_a_commented_crlf_plan_keeps_every_comment_and_line_ending_through_a_status_change() -> None:
    source = _commented_crlf()
    plan = loads(source)
    after = copy.deepcopy(plan)
    Editor(after, today=lambda: date(2026, 11, 30)).set_status(after.objectives[5].id, "done")
    out = patch_text(source, plan, after)
    diff = [
        line
        for line in difflib.unified_diff(source.split("\r\n"), out.split("\r\n"), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        '-status = "todo"   # blocked on legal review',
        '+status = "done"   # blocked on legal review',
        "+changed = 2026-11-30",
    ]
    assert out.count("# blocked on legal review") == source.count("# blocked on legal review")
    assert out.count("# an objective") == source.count("# an objective")
    assert "\n" not in out.replace("\r\n", "")
    assert loads(out) == after


def test_a_file_out_of_canonical_order_is_patched_in_place() -> None:
    plan = Plan(
        "T",
        2,
        objectives=[Objective("a", "A", 1), Objective("b", "B", 2)],
        final_validation=[Checklist("fv", "Final", [Check("x")])],
    )
    source = (
        "# my plan\n"
        'title = "T"\n'
        "weeks = 2\n"
        "schema = 1\n"
        'statuses = ["todo", "in-progress", "blocked", "done"]\n'
        "\n"
        "[[final_validation]]\n"
        'id = "fv"\n'
        'name = "Final"\n'
        "items = [{ text = 'x', done = false }]\n"
        "\n"
        "[[objectives]]\n"
        'status = "todo"\n'
        'id = "b"\n'
        'title = "B"\n'
        "week = 2\n"
        "[[objectives]]\n"
        'title = "A"\n'
        'id = "a"\n'
        "week = 1\n"
        'status = "todo"\n'
    )
    source_plan = loads(source)
    assert sorted(o.id for o in source_plan.objectives) == ["a", "b"]
    after = copy.deepcopy(source_plan)
    after.find_objective("a").owner = "ana"  # type: ignore[union-attr]
    out = patch_text(source, source_plan, after)
    assert out == source.replace(
        'title = "A"\nid = "a"\nweek = 1\nstatus = "todo"\n',
        'title = "A"\nid = "a"\nweek = 1\nstatus = "todo"\nowner = "ana"\n',
    )
    del plan


def test_merge_applies_one_side_onto_the_others_text_and_reports_conflicts() -> None:
    base = loads(BUNDLED.read_bytes())
    theirs = copy.deepcopy(base)
    ours = copy.deepcopy(base)
    a, b = base.objectives[0].id, base.objectives[1].id
    Editor(theirs, today=lambda: date(2026, 11, 30)).set_status(a, "done")
    Editor(ours, today=lambda: date(2026, 11, 30)).set_status(b, "done")
    text, conflicts = merge_text(dumps(theirs), theirs, base, ours)
    merged = loads(text)
    assert merged.find_objective(a).status == "done"  # type: ignore[union-attr]
    assert merged.find_objective(b).status == "done"  # type: ignore[union-attr]
    assert conflicts == []
    ours2 = copy.deepcopy(base)
    Editor(ours2).set_status(a, "blocked")
    text, conflicts = merge_text(dumps(theirs), theirs, base, ours2)
    assert [(c.ident, c.key) for c in conflicts] == [(a, "status")]
    assert loads(text).find_objective(a).status == "done"  # type: ignore[union-attr]


def _session_edits(session: object, rng: random.Random, step: int) -> int:
    from board.session import PlanSession

    assert isinstance(session, PlanSession)
    plan, editor = session.plan, session.editor
    ids = [o.id for o in plan.objectives]
    oid = rng.choice(ids)
    kind = rng.randrange(9)
    if kind == 0:
        editor.advance(oid)
    elif kind == 1:
        editor.set_notes(oid, f"line one\nline {step}")
    elif kind == 2:
        editor.reorder_objective(oid, rng.choice([-1, 1]))
    elif kind == 3:
        editor.add_objective(Objective(f"added-{step}", f"Added {step}", rng.randint(1, plan.weeks)))
    elif kind == 4 and len(ids) > 20 and not any(oid in o.depends_on for o in plan.objectives):
        editor.delete_objective(oid)
    elif kind == 5:
        editor.tick_criterion(plan.phases[0].id, 1)  # the first is linked to a metric: not ticked by hand
    elif kind == 6:
        editor.record_metric(plan.metrics[0].id, step, date(2026, 12, 1))
    elif kind == 7:
        editor.undo()
    else:
        editor.set_status(oid, rng.choice(plan.statuses))
    return kind


@pytest.mark.parametrize("hand", [False, True], ids=["canonical", "commented-crlf"])
def test_the_boards_saves_one_after_another_keep_the_file_exact(tmp_path: Path, hand: bool) -> None:
    """The session keeps the text's map from one save to the next: every save still writes exactly what it must."""
    from board.model import PlanError
    from board.session import PlanSession

    path = tmp_path / "plan.toml"
    path.write_bytes(_commented_crlf().encode() if hand else BUNDLED.read_bytes())
    session = PlanSession(path, today=lambda: date(2026, 11, 30))
    rng = random.Random(5)
    for step in range(60):
        try:
            kind = _session_edits(session, rng, step)
        except (PlanError, KeyError, IndexError, ValueError):
            continue
        assert session.save() is None
        if kind in (0, 1, 5, 6, 8):  # only keys of existing entries changed: the map moved along, no new scan
            assert session._map is not None, step
        data = path.read_bytes()
        assert loads(data) == session.plan, step
        if hand:
            assert data.count(b"\n") == data.count(b"\r\n")
            assert data.startswith(b"schema = 1\r\n")
        else:
            assert data == dumps(session.plan).encode(), step


@st.composite
def two_sided(draw: st.DrawFn) -> tuple[Plan, Plan, Plan, Plan]:
    """A base plan, ours and theirs editing fields of different objectives, and the plan holding both edits."""
    base = draw(plans().filter(lambda p: len(p.objectives) >= 2))
    ours, theirs, both = copy.deepcopy(base), copy.deepcopy(base), copy.deepcopy(base)
    ids = [o.id for o in base.objectives]
    split = draw(st.integers(1, len(ids) - 1))
    for side, chosen in ((ours, ids[:split]), (theirs, ids[split:])):
        for oid in draw(st.lists(st.sampled_from(chosen), min_size=1, max_size=3)):
            name = draw(st.sampled_from(["status", "title", "owner", "notes", "week"]))
            value = {
                "status": st.sampled_from(base.statuses),
                "week": st.integers(1, base.weeks),
                "title": words,
            }.get(name, text)
            new = draw(value)
            for plan in (side, both):
                setattr(plan.find_objective(oid), name, new)
    return base, ours, theirs, both


@PATCH
@given(two_sided())
def test_merging_edits_of_different_objectives_keeps_both(sides: tuple[Plan, Plan, Plan, Plan]) -> None:
    base, ours, theirs, both = sides
    for eol in ("\n", "\r\n"):
        merged, conflicts = merge_text(dumps(theirs).replace("\n", eol), theirs, base, ours)
        assert conflicts == []
        assert tomllib.loads(merged) == tomllib.loads(dumps(both))


def test_a_hand_written_number_or_level_in_another_form_keeps_the_entrys_comments() -> None:
    """78.0 and "medium" load as 78 and "Medium": an edit beside them still patches, not rewrites, the entry."""
    source = BUNDLED.read_text(encoding="utf-8")
    source = source.replace('risk = "Low"', 'risk = "low"  # as we say it', 1)
    metric_line = next(line for line in source.split("\n") if line.startswith("target = "))
    source = source.replace(metric_line, metric_line + ".0  # the goal", 1) if "." not in metric_line else source
    plan = loads(source)
    after = copy.deepcopy(plan)
    after.phases[0].name = "Foundation"
    after.metrics[0].name = "Renamed metric"
    out = patch_text(source, plan, after)
    assert "# as we say it" in out and "# the goal" in out
    assert loads(out) == after


@pytest.mark.parametrize("notes", ["lone\rcr", "crlf\r\nin text", "both\r\r\nand\nlf\r"])
def test_a_cr_in_a_changed_note_survives_a_patched_save_of_a_crlf_file(notes: str) -> None:
    source = _commented_crlf()
    plan = loads(source)
    after = copy.deepcopy(plan)
    after.objectives[5].notes = notes
    out = patch_text(source, plan, after)
    assert loads(out).objectives[5].notes == notes
    assert loads(out) == after
    assert out.count("# blocked on legal review") == source.count("# blocked on legal review")
    assert "\r" not in out.replace("\r\n", "")  # the CRs of the text are written as escapes
