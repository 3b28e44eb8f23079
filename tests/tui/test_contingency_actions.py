"""Contingency actions as a checklist: ticked with the day when the plan is active, undone,
kept in the file (an unticked plan writes the bytes it always did), carried by edits of the
actions, checked on load, shown in the `c` panel and the standup, and round-tripped."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.app import RolloutApp
from board.interchange.html_report import export_html
from board.interchange.json_export import plan_to_json_data
from board.interchange.markdown_export import export_markdown
from board.interchange.markdown_import import import_markdown
from board.model import ActionTick, Editor, Plan, PlanError, check_plan
from board.screens.contingency_panel import ContingencyPanel
from board.screens.main_screen import MainScreen
from board.standup import build_standup, render_markdown, render_text

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "plans" / "phased-rollout.toml"
TODAY = date(2026, 11, 25)
CID = "technical-issues"


@pytest.fixture
def editor(bundled: Plan) -> Editor:
    return Editor(bundled, today=lambda: TODAY)


def actions_done(plan: Plan, cid: str = CID) -> list[tuple[str, date | None]]:
    return [(t.action, t.date) for t in plan.contingency(cid).ticked]


# --- the model --------------------------------------------------------------------------------


def test_an_action_is_ticked_with_the_day_only_when_the_plan_is_active(editor: Editor) -> None:
    plan = editor.plan
    with pytest.raises(PlanError, match="on standby: make it active before ticking its actions"):
        editor.tick_contingency_action(CID, 0)
    assert plan.contingency(CID).ticked == []
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 2)
    editor.tick_contingency_action(CID, 0)
    actions = plan.contingency(CID).actions
    # Kept in the order of the actions, not the order of ticking.
    assert actions_done(plan) == [(actions[0], TODAY), (actions[2], TODAY)]
    assert plan.contingency(CID).done_count() == 2
    editor.tick_contingency_action(CID, 0)  # a second tick takes it back
    assert actions_done(plan) == [(actions[2], TODAY)]
    with pytest.raises(PlanError, match="has no action 5"):
        editor.tick_contingency_action(CID, 4)


def test_ticks_undo_and_redo(editor: Editor) -> None:
    plan = editor.plan
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 1)
    ticked = actions_done(plan)
    assert editor.undo() is not None and plan.contingency(CID).ticked == []
    assert editor.redo() is not None and actions_done(plan) == ticked
    # Untick on standby is allowed (a plan put back on standby can still be cleaned up).
    editor.set_contingency_active(CID, False)
    editor.tick_contingency_action(CID, 1, done=False)
    assert plan.contingency(CID).ticked == []
    editor.undo()
    assert actions_done(plan) == ticked


def test_editing_the_actions_carries_their_ticks(editor: Editor) -> None:
    plan = editor.plan
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 0)
    editor.tick_contingency_action(CID, 2)
    editor.edit_item("actions", CID, 0, "Keep rollback procedures current")
    assert actions_done(plan)[0][0] == "Keep rollback procedures current"
    editor.move_item("actions", CID, 0, 1)
    assert [a for a, _ in actions_done(plan)] == ["Keep rollback procedures current", plan.contingency(CID).actions[2]]
    editor.delete_item("actions", CID, 2)
    assert [a for a, _ in actions_done(plan)] == ["Keep rollback procedures current"]
    assert check_plan(plan) == []
    for _ in range(3):
        editor.undo()
    assert len(actions_done(plan)) == 2 and check_plan(plan) == []
    assert actions_done(plan)[0][0] == "Maintain detailed rollback procedures"


# --- the file -----------------------------------------------------------------------------------


def test_an_unticked_plan_keeps_its_bytes_and_ticks_round_trip(bundled: Plan) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert store.dumps(bundled) == text
    editor = Editor(bundled, today=lambda: TODAY)
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 1)
    saved = store.dumps(bundled)
    assert '    { action = "Implement feature flags for gradual rollout", date = 2026-11-25 },\n' in saved
    again = store.loads(saved)
    assert again == bundled and store.dumps(again) == saved
    editor.tick_contingency_action(CID, 1)
    editor.set_contingency_active(CID, False)
    bundled.contingency(CID).activated = None
    assert store.dumps(bundled) == text


def test_a_tick_of_no_action_is_a_problem_at_its_line() -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        'name = "Technical Issues"\n',
        'name = "Technical Issues"\nticked = [\n    { action = "Nothing like this", date = 2026-11-20 },\n'
        '    { action = "Weekly progress reviews" },\n]\n',
    )
    with pytest.raises(store.LoadError) as caught:
        store.loads(text, "plan.toml")
    messages = [str(p) for p in caught.value.problems]
    line = text.splitlines().index('    { action = "Nothing like this", date = 2026-11-20 },') + 1
    assert messages[0].startswith(f"plan.toml:{line}:")
    assert "ticked action 'Nothing like this' is not one of its actions" in messages[0]
    assert "'Weekly progress reviews' is not one of its actions" in messages[1]


def test_markdown_and_json_carry_the_ticks(editor: Editor) -> None:
    plan = editor.plan
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 3)
    text = export_markdown(plan)
    assert '- [x] Prepare alternative implementation approaches <!-- {"done": "2026-11-25"} -->' in text
    assert "- Maintain detailed rollback procedures\n" in text
    back = import_markdown(text)
    assert back.warnings == [] and back.plan == plan
    # A box ticked by hand in the document, without a day, is a tick without a date.
    hand = text.replace("- Maintain detailed rollback procedures", "- [x] Maintain detailed rollback procedures")
    assert actions_done(import_markdown(hand).plan)[0] == ("Maintain detailed rollback procedures", None)
    data = json.loads(json.dumps(plan_to_json_data(plan)))
    item = next(c for c in data["contingencies"] if c["id"] == CID)
    assert item["ticked"] == [{"action": "Prepare alternative implementation approaches", "date": "2026-11-25"}]


def test_the_bundled_plan_exports_its_actions_unticked(bundled: Plan) -> None:
    text = export_markdown(bundled)
    assert "- [x]" not in text.split("## Contingency Planning")[1].split("## Final Validation")[0]
    assert import_markdown(text).plan == bundled


def test_the_standup_shows_the_actions_of_active_plans(editor: Editor) -> None:
    plan = editor.plan
    plan.start = date(2026, 11, 16)
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 1)
    standup = build_standup(plan, TODAY)
    text = render_text(standup)
    assert "! Technical Issues · active since 2026-11-25 · 1/4 done" in text
    assert "Resource Constraints" not in text  # on standby: not listed
    md = render_markdown(standup)
    assert (
        "- `technical-issues` Technical Issues — active since 2026-11-25\n"
        "  - [ ] Maintain detailed rollback procedures\n"
        "  - [x] Implement feature flags for gradual rollout (done 2026-11-25)\n"
    ) in md


def test_the_status_report_shows_which_actions_are_done(editor: Editor) -> None:
    editor.set_contingency_active(CID, True)
    editor.tick_contingency_action(CID, 1)
    html = export_html(editor.plan, today=TODAY)
    assert '<li>☑ Implement feature flags for gradual rollout <span class="muted">done 2026-11-25</span></li>' in html
    assert "<li>☐ Maintain detailed rollback procedures</li>" in html


def test_the_standup_names_actions_ticked_since_the_last_commit(editor: Editor) -> None:
    from board.standup import compare

    head = store.load(BUNDLED)
    head.contingency(CID).active = True
    plan = editor.plan
    plan.contingency(CID).active = True
    editor.tick_contingency_action(CID, 0)
    changes = [str(c) for c in compare(head, plan)]
    assert changes == [
        "ticked added (contingency technical-issues): Maintain detailed rollback procedures · 2026-11-25"
    ]


# --- the `c` panel ------------------------------------------------------------------------------


async def test_the_panel_ticks_an_action_of_an_active_plan_and_u_undoes_it(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: TODAY, watch_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        panel = app.screen
        assert isinstance(panel, ContingencyPanel)
        await pilot.press("down", "down")  # the second action of the first plan (on standby)
        row = panel.current()
        assert row is not None and row.kind == "action" and row.ref == ("resource-constraints",) and row.index == 1
        await pilot.press("space")
        assert store.load(plan_path).contingency("resource-constraints").ticked == []  # refused: on standby
        assert not store.load(plan_path).contingency("resource-constraints").active
        await pilot.press("up", "up", "space")  # the plan itself: active
        assert store.load(plan_path).contingency("resource-constraints").active
        await pilot.press("down", "down", "space")
        saved = store.load(plan_path).contingency("resource-constraints")
        assert saved.ticked == [ActionTick("Defer non-essential features", TODAY)]
        prompt = str(panel.list.get_option_at_index(panel.list.highlighted or 0).prompt)
        assert "☑" in prompt and "Defer non-essential features" in prompt and "2026-11-25" in prompt
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("u")
        assert store.load(plan_path).contingency("resource-constraints").ticked == []
        await pilot.press("c")
        prompt = str(app.screen.list.get_option_at_index(2).prompt)  # type: ignore[attr-defined]
        assert "☐" in prompt and "Defer non-essential features" in prompt
