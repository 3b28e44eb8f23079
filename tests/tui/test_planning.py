"""Planning mode: structural edits from the keyboard, their refusals, and undo — model and file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from board import store
from board.app import RolloutApp
from board.screens.confirm import ConfirmScreen
from board.screens.fields_form import FieldsForm
from board.screens.main_screen import MainScreen
from board.screens.planning import PlanningScreen

DATA = Path(__file__).parents[1] / "data"


def rows(screen: PlanningScreen, kind: str) -> list[int]:
    return [i for i, row in enumerate(screen.rows) if row.kind == kind]


async def open_planning(pilot, app: RolloutApp) -> PlanningScreen:  # type: ignore[no-untyped-def]
    await pilot.press("P")
    screen = app.screen
    assert isinstance(screen, PlanningScreen)
    return screen


async def fill(pilot, app: RolloutApp, **values: str) -> FieldsForm:  # type: ignore[no-untyped-def]
    form = app.screen
    assert isinstance(form, FieldsForm)
    for name, value in values.items():
        form.query_one(f"#field-{name}").value = value
    await pilot.press("ctrl+s")
    return form


def error_of(form: FieldsForm) -> str:
    return str(form.query_one("#form-error").render())


async def test_statuses_add_rename_and_the_refusal_to_delete_a_used_one(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_planning(pilot, app)
        screen.list.highlighted = rows(screen, "status")[1]  # in-progress
        await pilot.press("n")
        await fill(pilot, app, name="in-review")
        assert store.load(plan_path).statuses == ["todo", "in-progress", "in-review", "blocked", "done"]
        screen.list.highlighted = rows(screen, "status")[1]
        await pilot.press("e")
        await fill(pilot, app, name="doing")
        saved = store.load(plan_path)
        assert saved.statuses[1] == "doing" and saved.objective("xss-prevention").status == "doing"
        screen.list.highlighted = rows(screen, "status")[1]
        await pilot.press("x", "y")  # used by two objectives: refused, nothing changes
        assert store.load(plan_path).statuses[1] == "doing"
        await pilot.press("escape", "u", "u")
        assert isinstance(app.screen, MainScreen)
        assert store.load(plan_path).statuses == ["todo", "in-progress", "blocked", "done"]


async def test_phase_weeks_move_a_boundary_and_refuse_an_empty_neighbour(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_planning(pilot, app)
        screen.list.highlighted = rows(screen, "phase")[0]
        await pilot.press("e")
        await fill(pilot, app, last="3", rollback_budget="3h")
        saved = store.load(plan_path)
        assert (saved.phase("p1").last_week, saved.phase("p2").first_week, saved.phase("p1").rollback_budget) == (
            3,
            4,
            "3h",
        )
        await pilot.press("e")
        form = await fill(pilot, app, last="4")
        assert "p2" in error_of(form)  # p2 would be left without weeks
        await pilot.press("escape", "y")  # the typed change is discarded (asked first)
        assert store.load(plan_path).phase("p2").first_week == 4
        await pilot.press("escape", "u")
        saved = store.load(plan_path)
        assert (saved.phase("p1").last_week, saved.phase("p2").first_week, saved.phase("p1").rollback_budget) == (
            2,
            3,
            "2h",
        )


async def test_add_a_phase_criteria_and_a_metric(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_planning(pilot, app)
        screen.list.highlighted = rows(screen, "phase")[-1]
        await pilot.press("n")
        await fill(pilot, app, name="Hypercare", first="9", last="9", priority="urgent")
        form = app.screen
        assert isinstance(form, FieldsForm) and "unknown priority 'urgent'" in error_of(form)
        await fill(pilot, app, priority="high")
        saved = store.load(plan_path)
        assert saved.weeks == 9 and saved.phases[-1].name == "Hypercare" and saved.phases[-1].first_week == 9
        screen.list.highlighted = next(
            i for i, r in enumerate(screen.rows) if r.kind == "items-head" and r.ref[1] == saved.phases[-1].id
        )
        await pilot.press("n")
        await fill(pilot, app, text="No sev-1 incidents for a week")
        assert store.load(plan_path).phases[-1].criteria[0].text == "No sev-1 incidents for a week"
        screen.list.highlighted = rows(screen, "metric")[-1]
        await pilot.press("n")
        await fill(pilot, app, name="Error Budget", group="quality", target="99.9", baseline="", unit="%")
        assert store.load(plan_path).metric("error-budget").target == 99.9


async def test_edit_the_plan_itself(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_planning(pilot, app)
        screen.list.highlighted = 0
        await pilot.press("e")
        form = await fill(pilot, app, start="2026-11-31")
        assert "start" in error_of(form)
        await fill(pilot, app, title="Q3 rollout", start="2026-11-23")
        saved = store.load(plan_path)
        assert saved.title == "Q3 rollout" and saved.start == date(2026, 11, 23)


async def test_E_edits_the_selected_cards_phase(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("l", "E")  # a card of P2
        form = app.screen
        assert isinstance(form, FieldsForm) and form.form_title.startswith("Phase p2")
        await fill(pilot, app, name="Components", risk="high")
        saved = store.load(plan_path).phase("p2")
        assert (saved.name, saved.risk) == ("Components", "High")  # stored in one form, however typed
        await pilot.press("escape", "u")
        assert store.load(plan_path).phase("p2").name == "Component Architecture"


async def test_deleting_a_metric_says_which_criteria_it_unlinks(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes((Path(__file__).resolve().parents[2] / "plans" / "phased-rollout.toml").read_bytes())
    app = RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_planning(pilot, app)
        screen.list.highlighted = next(i for i in rows(screen, "metric") if screen.rows[i].ref == ("test-coverage",))
        await pilot.press("x")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert (
            confirm.question
            == "Delete the metric “Test Coverage” and its 0 readings? (2 criteria linked to it become ticked by hand)"
        )
        await pilot.press("y")
        saved = store.load(path)
        assert [m.id for m in saved.metrics if m.id == "test-coverage"] == []
        assert not saved.phase("p2").criteria[1].metric and not saved.phase("p4").criteria[1].metric
        await pilot.press("u")
        saved = store.load(path)
        assert (saved.phase("p2").criteria[1].metric, saved.phase("p2").criteria[1].at_least) == ("test-coverage", 60)


async def test_deleting_a_metric_says_which_gate_conditions_go(tmp_path: Path) -> None:
    path = tmp_path / "staged.toml"
    path.write_bytes((DATA / "staged-rollout.toml").read_bytes())
    app = RolloutApp(path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_planning(pilot, app)
        screen.list.highlighted = next(i for i in rows(screen, "metric") if screen.rows[i].ref == ("error-rate",))
        await pilot.press("x")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.endswith("? (1 gate condition on it goes)")
