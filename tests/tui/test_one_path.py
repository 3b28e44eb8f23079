"""One path for a change: from a panel, from the board and from a form, a change goes through the
app's ``apply``, is saved, and is published once as a PlanChanged that the card views, the header
and the open panel all show; ``u`` takes it back the same way. The header's save state follows the
app's reactive (a failed save shows on it without anyone setting the header)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Literal

from textual.app import ComposeResult
from textual.widgets import Input, Static

from board import store
from board.app import RolloutApp
from board.host import Host, PlanChanged
from board.screens.main_screen import MainScreen
from board.screens.objective_form import ObjectiveForm
from board.screens.risk_panel import RiskPanel
from board.session import PlanSession
from board.widgets.card_list import CardList
from board.widgets.column import BoardColumn

TODAY = date(2026, 11, 25)


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def main(app: RolloutApp) -> MainScreen:
    screen = app.main_screen
    assert screen is not None
    return screen


def column(app: RolloutApp, key: str) -> BoardColumn:
    return next(c for c in main(app).board._columns if c.key == key)


def card_text(cards: CardList, oid: str) -> str:
    """The lines a card is drawn with, as plain text."""
    cards.scroll_card_visible(oid)
    top = cards._top[oid] - int(cards.scroll_offset.y)
    height = cards._card_height(cards.cards[cards._index[oid]])
    return "\n".join(cards.render_line(y).text for y in range(top, top + height))


def record(app: Host) -> list[PlanChanged]:
    """Every PlanChanged the app publishes, in order (subscribed like the screens are)."""
    seen: list[PlanChanged] = []
    app.plan_changed.subscribe(app, seen.append)
    return seen


async def test_a_tick_in_the_risk_panel_takes_the_one_path(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        seen = record(app)
        gate_before = column(app, "p1").header.markup_text
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel) and panel.phase_id == "p1"
        panel.list.highlighted = next(i for i, row in enumerate(panel.rows) if row.kind == "criterion")
        row = panel.current()
        assert row is not None and "☐" in row.markup
        await pilot.press("space")
        # One change, published once, saved to disk.
        assert [(e.kind, e.change.label if e.change else None) for e in seen] == [("do", seen[0].change.label)]
        assert store.load(plan_path).phase("p1").criteria[0].met
        assert not app.session.unsaved and main(app).header.save_state == "saved"
        # The panel shows it, and so does the board under it (the phase's gate has one item less open).
        assert "☑" in panel.rows[panel.list.highlighted or 0].markup
        gate_after = column(app, "p1").header.markup_text
        assert gate_after != gate_before
        # u in the panel: the same path back.
        await pilot.press("u")
        assert [e.kind for e in seen] == ["do", "undo"]
        assert seen[1].change is not None and seen[1].change.label == seen[0].change.label  # type: ignore[union-attr]
        assert not store.load(plan_path).phase("p1").criteria[0].met
        assert "☐" in panel.rows[panel.list.highlighted or 0].markup
        assert column(app, "p1").header.markup_text == gate_before
        assert main(app).header.save_state == "saved"
        # A tick whose save is refused: shown in the panel and on the board, the header says so.
        os.chmod(plan_path, 0o444)
        try:
            await pilot.press("space")
            assert "☑" in panel.rows[panel.list.highlighted or 0].markup
            assert column(app, "p1").header.markup_text == gate_after
            assert main(app).header.save_state == "error"
            assert not store.load(plan_path).phase("p1").criteria[0].met
        finally:
            os.chmod(plan_path, 0o644)
        await pilot.press("u")
        assert main(app).header.save_state == "saved" and not app.session.unsaved
        assert [e.kind for e in seen] == ["do", "undo", "do", "undo"]


async def test_space_on_the_board_takes_the_one_path(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        seen = record(app)
        cards = column(app, "p1").cards
        await pilot.press(*"jjjjjjj")
        oid = "monitoring-dashboards"
        assert main(app).board.selected == oid
        assert app.session.plan.objective(oid).status == "todo" and "○" in card_text(cards, oid)
        await pilot.press("space")
        assert len(seen) == 1 and seen[0].kind == "do" and seen[0].change is not None
        assert oid in seen[0].change.objectives
        assert store.load(plan_path).objective(oid).status == "in-progress"
        assert "◐" in card_text(cards, oid)  # the card was redrawn from the PlanChanged
        assert main(app).header.save_state == "saved"
        await pilot.press("u")
        assert [e.kind for e in seen] == ["do", "undo"]
        assert store.load(plan_path).objective(oid).status == "todo"
        assert "○" in card_text(cards, oid)
        await pilot.press("ctrl+r")
        assert [e.kind for e in seen] == ["do", "undo", "redo"]
        assert store.load(plan_path).objective(oid).status == "in-progress"
        assert "◐" in card_text(cards, oid)


async def test_a_form_edit_takes_the_one_path_and_the_open_objective_follows_a_rename(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        seen = record(app)
        await pilot.press("enter", "e")  # the objective screen, then its form
        form = app.screen
        assert isinstance(form, ObjectiveForm)
        form.query_one("#id").value = "opa-policies"
        form.query_one("#title").value = "OPA policies for every cluster"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert len(seen) == 1 and seen[0].kind == "do" and seen[0].select == "opa-policies"
        saved = store.load(plan_path)
        assert saved.find_objective("opa-policy") is None
        assert saved.objective("opa-policies").title == "OPA policies for every cluster"
        # The objective screen under the form followed the rename (it reacts to the PlanChanged).
        objective = app.screen
        assert getattr(objective, "oid", None) == "opa-policies"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert main(app).board.selected == "opa-policies"
        await pilot.pause()
        assert "OPA policies for every cluster" in card_text(column(app, "p1").cards, "opa-policies")
        await pilot.press("u")
        assert [e.kind for e in seen] == ["do", "undo"]
        assert store.load(plan_path).objective("opa-policy").title != "OPA policies for every cluster"
        assert main(app).board.selected == "opa-policy"  # the selection follows the undone rename


class FormHost(Host):
    """An app with nothing but what board/host.py declares (a session, today, a save): the objective
    form needs no more of the app than that."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.session = PlanSession(path, today=lambda: TODAY)
        self.today = lambda: TODAY
        self.read_only = False

    def compose(self) -> ComposeResult:
        yield Static("a host")

    def save_now(self) -> Literal["saved", "replaced", "failed"]:
        self.session.save()
        return "saved"


async def test_the_objective_form_saves_through_the_hosts_one_path(plan_path: Path) -> None:
    app = FormHost(plan_path)
    async with app.run_test(size=(100, 40)) as pilot:
        seen = record(app)
        plan = app.session.plan
        await app.push_screen(ObjectiveForm(plan, None, default_week=2))
        await pilot.press(*"Write the runbook", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ObjectiveForm)
        assert [(e.kind, e.select) for e in seen] == [("do", "runbook")]
        assert store.load(plan_path).objective("runbook").week == 2
        await app.push_screen(ObjectiveForm(plan, plan.objective("runbook")))
        app.screen.query_one("#owner", Input).value = "ana"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.kind for e in seen] == ["do", "do"]
        assert store.load(plan_path).objective("runbook").owner == "ana"
        app.undo()
        assert store.load(plan_path).objective("runbook").owner == ""


async def test_a_form_on_an_objective_deleted_meanwhile_says_so_and_stays_open(plan_path: Path) -> None:
    app = FormHost(plan_path)
    async with app.run_test(size=(100, 40)) as pilot:
        plan = app.session.plan
        await app.push_screen(ObjectiveForm(plan, plan.objective("ci-cd")))
        editor = app.session.editor
        app.apply(lambda: editor.delete_objective("ci-cd"))  # another screen, a reload from disk
        app.screen.query_one("#owner", Input).value = "ana"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ObjectiveForm)  # kept open: cancel, or undo the delete and save again
        assert [n.message for n in app._notifications] == ["no objective with id 'ci-cd'"]
        assert store.load(plan_path).find_objective("ci-cd") is None


async def test_the_header_save_state_follows_a_failed_save_through_the_reactive(plan_path: Path) -> None:
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        header = main(app).header
        assert app.save_state == header.save_state == "saved"
        os.chmod(plan_path, 0o444)
        try:
            await pilot.press("right_square_bracket")
            # The change is kept in memory; the save was refused; the header shows it (bound, not set).
            assert app.session.plan.objective("opa-policy").week == 2
            assert store.load(plan_path).objective("opa-policy").week == 1
            assert app.save_state == "error" and header.save_state == "error"
            await pilot.pause()
            assert "not saved" in str(header.render())
        finally:
            os.chmod(plan_path, 0o644)
        await pilot.press("right_square_bracket")
        assert store.load(plan_path).objective("opa-policy").week == 3
        assert app.save_state == header.save_state == "saved"
        # The git state is the app's too: the header shows what the app holds.
        app.git_state = "modified"
        assert header.git_state == "modified"


async def test_a_reload_from_disk_is_one_plan_changed_and_an_open_panel_follows_it(plan_path: Path) -> None:
    """A plan changed on disk (nothing unsaved here) is taken as a whole: one PlanChanged without a
    change, the board redraws it, and the risk panel of a phase that no longer exists shows the first."""
    app = make_app(plan_path)
    async with app.run_test(size=(160, 45)) as pilot:
        seen = record(app)
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel) and panel.phase_id == "p1"
        theirs = store.load(plan_path)
        theirs.phases[0].id = "security"  # p1 is gone (renamed elsewhere)
        theirs.objective("monitoring-dashboards").title = "Dashboards, renamed elsewhere"
        store.save(theirs, plan_path)
        app.watch_file()
        await pilot.pause()
        assert app.save_state == "saved", app.session.disk_problems
        assert [(e.kind, e.change) for e in seen] == [("replaced", None)]
        assert app.screen is panel and panel.phase_id == "security"
        assert panel.rows and all(row.ref[0] != "p1" for row in panel.rows if row.ref)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        assert [c.key for c in main(app).board._columns] == ["security", "p2", "p3", "p4"]
        await pilot.pause()
        text = card_text(column(app, "security").cards, "monitoring-dashboards")
        assert "Dashboards, renamed elsewhere" in text
