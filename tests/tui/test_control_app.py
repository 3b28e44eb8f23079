"""Rollout control on the board, driven by keys: `g` signs off and withdraws in the risk panel's Gate
section, finishing a rehearsal tick list asks for the time taken, `d` adds a dependency."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from board import store
from board.app import RolloutApp
from board.screens.fields_form import FieldsForm
from board.screens.main_screen import MainScreen
from board.screens.risk_panel import RiskPanel

DATA = Path(__file__).parents[1] / "data"
TODAY = date(2026, 11, 5)  # week 1 of the staged plan


@pytest.fixture
def staged_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platformdirs_isolated: object) -> Path:
    path = tmp_path / "staged.toml"
    shutil.copy(DATA / "staged-rollout.toml", path)
    monkeypatch.chdir(tmp_path)
    return path


def make_app(path: Path) -> RolloutApp:
    return RolloutApp(path, today=lambda: TODAY, watch_interval=0)


def rows_of(panel: RiskPanel, kind: str) -> list[int]:
    return [i for i, row in enumerate(panel.rows) if row.kind == kind]


def row_texts(panel: RiskPanel) -> list[str]:
    return [row.markup for row in panel.rows]


async def test_g_records_and_withdraws_a_signoff(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel) and panel.phase_id == "internal"
        assert any("NO-GO" in text and "INTERNAL → BETA" in text for text in row_texts(panel))
        assert any(
            "Health" in text and "at risk[/]: gate NO-GO with 3 days left (2 open)" in text for text in row_texts(panel)
        )
        missing, _signed = rows_of(panel, "signoff")
        panel.list.highlighted = missing
        await pilot.press("g")
        assert isinstance(app.screen, FieldsForm)
        await pilot.press(*"Bo", "enter")
        assert app.screen is panel
        gate = store.load(staged_path).phase("internal").gate
        assert gate is not None and [(s.role, s.by, s.date) for s in gate.signed][-1] == (
            "release manager",
            "Bo",
            TODAY,
        )
        assert any("signed off: release manager by Bo" in text for text in row_texts(panel))
        panel.list.highlighted = rows_of(panel, "signoff")[1]  # security, signed by ana
        await pilot.press("g")
        gate = store.load(staged_path).phase("internal").gate
        assert gate is not None and [s.role for s in gate.signed] == ["release manager"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("u")  # the withdrawal is one undoable step on the board
        gate = store.load(staged_path).phase("internal").gate
        assert gate is not None and [s.role for s in gate.signed] == ["security", "release manager"]


async def test_g_elsewhere_asks_for_the_role(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r", "g")
        form = app.screen
        assert isinstance(form, FieldsForm)
        assert form.query_one("#field-role").value == "release manager"  # the first missing role
        form.query_one("#field-role").value = ""
        await pilot.press(*"qa", "tab", *"Chen", "enter")
        gate = store.load(staged_path).phase("internal").gate
        assert gate is not None and gate.signoffs == ["release manager", "security", "qa"]


async def test_finishing_the_tick_list_asks_for_the_rehearsal_time(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        steps = rows_of(panel, "step")
        for index in steps[:-1]:
            panel.list.highlighted = index
            await pilot.press("space")
            assert app.screen is panel  # not finished yet: no question
        panel.list.highlighted = steps[-1]
        await pilot.press("space")
        form = app.screen
        assert isinstance(form, FieldsForm)
        await pilot.press(*"soon", "enter")
        assert "not a duration" in str(form.query_one("#form-error").render())
        form.query_one("#field-took").value = ""
        await pilot.press(*"75m", "enter")
        assert app.screen is panel
        phase = store.load(plan_path).phase(panel.phase_id)
        assert [(r.date, r.took, r.outcome) for r in phase.rehearsals] == [(date(2026, 11, 25), "75m", "ok")]
        assert any("75m" in text and "ok" in text for text in row_texts(panel))


async def test_escape_on_the_rehearsal_question_logs_nothing(plan_path: Path) -> None:
    app = RolloutApp(plan_path, today=lambda: date(2026, 11, 25), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("r")
        panel = app.screen
        assert isinstance(panel, RiskPanel)
        for index in rows_of(panel, "step"):
            panel.list.highlighted = index
            await pilot.press("space")
        assert isinstance(app.screen, FieldsForm)
        await pilot.press("escape")
        assert app.screen is panel
        assert store.load(plan_path).phase(panel.phase_id).rehearsals == []


def capture_notices(app: RolloutApp) -> list[str]:
    """Every notification, whichever screen or the app gave it (a screen's notify is the app's)."""
    notices: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        notices.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return notices


async def test_d_picks_a_dependency_fuzzily_and_u_undoes_it(staged_path: Path) -> None:
    from board.screens.dependency_picker import DependencyPicker

    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board = app.main_screen
        assert board is not None
        board.board.select("ramp-all")
        await pilot.press("d")
        picker = app.screen
        assert isinstance(picker, DependencyPicker)
        assert "ramp-5" not in [o.id for o in picker.shown]  # already a dependency
        await pilot.press(*"dshbrd")  # fuzzy: the letters in order
        assert picker.shown[0].id == "dashboards"
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert store.load(staged_path).objective("ramp-all").depends_on == ["ramp-5", "dashboards"]
        await pilot.press("u")
        assert store.load(staged_path).objective("ramp-all").depends_on == ["ramp-5"]


async def test_d_refuses_a_cycle_and_names_it(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        notices = capture_notices(app)
        before = staged_path.read_bytes()
        board = app.main_screen
        assert board is not None
        board.board.select("dogfood")
        await pilot.press("d", *"ramp-all", "enter")
        assert isinstance(app.screen, MainScreen)
        assert staged_path.read_bytes() == before
        assert (
            "dogfood cannot depend on ramp-all: dependency cycle: dogfood → ramp-all → ramp-5 → beta-invite → dogfood"
            in notices
        )
        await pilot.press("d", "escape")
        assert staged_path.read_bytes() == before


async def test_moving_later_names_the_dependents_that_now_slip(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        notices = capture_notices(app)
        board = app.main_screen
        assert board is not None
        board.board.select("dogfood")
        await pilot.press("right_square_bracket")
        assert store.load(staged_path).objective("dogfood").week == 2
        assert notices == []  # beta-invite is in week 2 too: no slip yet
        await pilot.press("right_square_bracket")
        assert notices == ["dogfood (week 3) is now after what waits on it: beta-invite (week 2) slips"]
        await pilot.press("L")  # the next phase (five, weeks 4-5), its first week
        assert store.load(staged_path).objective("dogfood").week == 4
        assert notices[-1] == "dogfood (week 4) is now after what waits on it: beta-invite (week 2) slips"
        await pilot.press("H")  # earlier: no warning
        assert len(notices) == 2


async def test_starting_work_behind_a_no_go_gate_warns_and_goes_ahead(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        notices = capture_notices(app)
        board = app.main_screen
        assert board is not None
        board.board.select("beta-invite")
        await pilot.press("space")
        assert store.load(staged_path).objective("beta-invite").status == "in-progress"
        assert notices == ["Gate INTERNAL → BETA is NO-GO (2 open): starting BETA work anyway"]
        await pilot.press("space")  # in progress → done: no second warning
        assert len(notices) == 1


async def test_objective_screen_lists_both_directions_and_x_removes_one(staged_path: Path) -> None:
    from board.screens.objective import ObjectiveScreen

    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board = app.main_screen
        assert board is not None
        board.board.select("beta-invite")
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ObjectiveScreen)
        text = str(screen.query_one("#objective-text").render())
        assert "dogfood — Dogfood with staff" in text and "ramp-5 — Ramp to 5%" in text  # both directions
        assert "≫ scheduled later (week 3)" in text  # dashboards slips
        await pilot.press("j", "j")  # dogfood, dashboards, then ramp-5 (needed by)
        await pilot.press("x")
        assert store.load(staged_path).objective("ramp-5").depends_on == []
        await pilot.press("k", "k", "x")  # back to the first link: beta-invite no longer waits on dogfood
        assert store.load(staged_path).objective("beta-invite").depends_on == ["dashboards"]
        await pilot.press("d", *"flag", "enter")
        assert app.screen is screen
        assert store.load(staged_path).objective("beta-invite").depends_on == ["dashboards", "flag"]
        assert "flag — Feature flag in place" in str(screen.query_one("#objective-text").render())
        await pilot.press("escape", "u", "u", "u")
        assert store.load(staged_path).objective("beta-invite").depends_on == ["dogfood", "dashboards"]
        assert store.load(staged_path).objective("ramp-5").depends_on == ["beta-invite"]


async def test_timeline_marks_the_critical_path_and_the_selected_links(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        board = app.main_screen
        assert board is not None
        board.board.select("beta-invite")
        await pilot.press("3")
        timeline = board.board.timeline
        assert timeline.critical == {"dashboards", "beta-invite", "ramp-5", "ramp-all"}
        assert timeline.linked == {"dogfood", "dashboards", "ramp-5"}
        from board.widgets.timeline import HEADER_ROWS

        def line_of(oid: str):  # type: ignore[no-untyped-def]
            row = timeline.row_of(oid)
            assert row is not None
            return timeline.render_line(HEADER_ROWS + row - int(timeline.scroll_offset.y))

        first, second = line_of("beta-invite"), line_of("dogfood")  # one objective a row
        assert "◆○ Invite beta testers" in first.text and " ◐ Dogfood with staff" in second.text
        underlined = {seg.text.strip() for seg in second if seg.style and seg.style.underline}
        assert "Dogfood with staff" in underlined


async def test_header_and_phase_headers_show_health_gate_and_audience(staged_path: Path) -> None:
    app = RolloutApp(staged_path, today=lambda: date(2026, 11, 10), watch_interval=0)
    async with app.run_test(size=(160, 45)) as pilot:
        board = app.main_screen
        assert board is not None
        assert "✕ off track" in board.header.health
        headers = {column.key: column.header.markup_text for column in board.board._columns}
        assert "· internal staff · 0%" in headers["internal"]
        assert "✕ 2 open" in headers["internal"] and "✕ off track" in headers["internal"]
        assert "▲ at risk" in headers["beta"] and "● on track" in headers["five"]
        # Recording the missing sign-off and the metric reading: only the criterion is left open.
        editor = app.session.editor
        app.apply(lambda: editor.record_signoff("internal", "release manager", "bo"))
        await pilot.pause()
        headers = {column.key: column.header.markup_text for column in board.board._columns}
        assert "✕ 1 open" in headers["internal"]
        app.apply(lambda: editor.record_metric("security-score", 90))
        await pilot.pause()
        headers = {column.key: column.header.markup_text for column in board.board._columns}
        assert "✓ GO" in headers["internal"]


async def test_status_board_l_into_work_behind_a_no_go_gate_warns(staged_path: Path) -> None:
    app = make_app(staged_path)
    async with app.run_test(size=(160, 45)) as pilot:
        notices = capture_notices(app)
        board = app.main_screen
        assert board is not None
        await pilot.press("2")
        board.board.select("ramp-5")
        await pilot.press("L")  # todo → in-progress on the status board
        assert store.load(staged_path).objective("ramp-5").status == "in-progress"
        assert notices == ["Gate BETA → FIVE is NO-GO (1 open): starting FIVE work anyway"]
