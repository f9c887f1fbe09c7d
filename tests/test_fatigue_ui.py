"""History -> Fatigue and the header badge, driven with Pilot on hand-made reports and
pictures (the engine's numbers may be tuned; the rendering and the refreshes are under test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Header, Static

from backlegs_tui.store.demo import make_demo_db
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets import chart_plot
from backlegs_tui.ui.widgets.fatigue_badge import BADGE_TEXT, FatigueBadge
from backlegs_tui.ui.widgets.history_fatigue import FatigueResult
from backlegs_tui.ui.widgets.history_session_detail import DELOAD_LINE, DELOAD_MARK

from .fatigue_ui_data import CALM_REPORT, WARNING_REPORT, overreach_picture
from .session_helpers import wait_for
from .test_history_screen import ready, seed


@pytest.fixture(autouse=True)
def text_picture(monkeypatch) -> None:
    """These tests read the text drawing of the picture (as without the charts extra);
    test_charts.py covers the plotted one."""
    monkeypatch.setattr(chart_plot, "_module", chart_plot._MISSING)


def fixed_fatigue(monkeypatch, report=WARNING_REPORT, picture=None) -> list:
    """The tab and the badge read `report` (and `picture`); returns the days they asked for."""
    asked: list = []
    picture = picture if picture is not None else overreach_picture()

    def read(repo, as_of):
        asked.append(("tab", as_of))
        return FatigueResult(report, picture)

    def check(repo, as_of):
        asked.append(("badge", as_of))
        return report

    monkeypatch.setattr("backlegs_tui.ui.widgets.history_fatigue.read_fatigue", read)
    monkeypatch.setattr("backlegs_tui.ui.widgets.fatigue_badge.check_fatigue", check)
    return asked


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def flags_text(screen) -> str:
    """The flags box as lines: its title, then each flag's mark and message."""
    lines = []
    for child in screen.query_one("#fatigue-flags").children:
        statics = [child] if isinstance(child, Static) else list(child.query(Static))
        lines.append("".join(str(w.render()) for w in statics))
    return "\n".join(lines)


def badge_shown(app: BacklegsApp) -> bool:
    badges = list(app.screen.query(FatigueBadge))
    return bool(badges) and badges[0].display and str(badges[0].render()) == BADGE_TEXT


async def test_the_fatigue_tab_shows_verdict_flags_and_picture(db_path: Path, clock, monkeypatch) -> None:
    asked = fixed_fatigue(monkeypatch)
    seed(db_path, clock.now)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: "WARNING" in text(screen, "#fatigue-verdict"), "the verdict")
        verdict = text(screen, "#fatigue-verdict").splitlines()
        assert verdict[0] == "⚠ WARNING · as of Tue 2026-11-24"
        assert verdict[1] == WARNING_REPORT.summary
        assert verdict[2] == "Next session: a deload, about 60% of your sets at about 90% of your loads"
        flags = flags_text(screen)
        assert flags.startswith("Flags (3)")
        assert "⚠ Romanian deadlift: e1RM 127 -> 116 kg" in flags
        assert "• Barbell back squat: 140 kg x 5 at RPE 9.5" in flags
        chart = await drawn_chart(pilot, screen)
        assert "Barbell back squat (e1RM)" in chart and "▼" in chart and "○" in chart
        assert ("tab", clock.now.date()) in asked
        assert app.focused is screen.query_one("#fatigue-box")


async def test_a_pound_lifter_reads_the_picture_in_pounds(db_path: Path, clock, monkeypatch) -> None:
    from dataclasses import replace

    from backlegs_tui.domain.model import Unit
    from backlegs_tui.store.repository import Repository

    fixed_fatigue(monkeypatch)
    seed(db_path, clock.now)
    repo = Repository.open(db_path)
    repo.save_settings(replace(repo.settings(), unit=Unit.LB))
    repo.close()
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: "WARNING" in text(screen, "#fatigue-verdict"), "the verdict")
        chart = await drawn_chart(pilot, screen)
        assert "usual 308-324 lb" in chart and " kg" not in chart


async def test_without_a_fatigue_service_the_tab_says_so(db_path: Path, clock, monkeypatch) -> None:
    monkeypatch.setattr("backlegs_tui.ui.widgets.history_fatigue.read_fatigue", lambda repo, as_of: None)
    monkeypatch.setattr("backlegs_tui.ui.widgets.fatigue_badge.check_fatigue", lambda repo, as_of: None)
    seed(db_path, clock.now, weeks=1)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: "Loading" not in text(screen, "#fatigue-verdict"), "the tab")
        assert text(screen, "#fatigue-verdict") == "No fatigue analysis in this version."
        assert not badge_shown(app)


async def test_a_failed_read_is_one_line(db_path: Path, clock, monkeypatch) -> None:
    def broken(repo, as_of):
        raise RuntimeError("database is locked")

    monkeypatch.setattr("backlegs_tui.ui.widgets.history_fatigue.read_fatigue", broken)
    seed(db_path, clock.now, weeks=1)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: "Could not" in text(screen, "#fatigue-verdict"), "the failure")
        assert text(screen, "#fatigue-verdict") == (
            "Could not read the fatigue analysis: the database is locked by another program"
        )


async def drawn_chart(pilot, screen) -> str:
    """The fatigue chart's text once it is laid out: it draws to its width, which is known
    after the layout that follows its data (a frame after the verdict)."""
    chart = screen.query_one("#fatigue-chart")
    await wait_for(pilot, lambda: bool(str(chart.render())), "the fatigue chart drawn")
    return str(chart.render())


async def visit_modes(pilot, app: BacklegsApp) -> dict[str, bool]:
    """Whether the badge shows in each mode (F3, F1, F2)."""
    seen = {}
    for key, mode in (("f3", "history"), ("f1", "plan"), ("f2", "session")):
        await pilot.press(key)
        await wait_for(pilot, lambda m=mode: app.current_mode == m and bool(app.screen.query(FatigueBadge)), mode)
        seen[mode] = badge_shown(app)
    return seen


async def test_the_real_engine_on_a_history_ending_in_an_overreach(tmp_path: Path, clock) -> None:
    path = make_demo_db(tmp_path / "demo.db", end=clock.now.date())  # ends in a fatigue stretch
    app = BacklegsApp(db_path=path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await wait_for(pilot, lambda: app.fatigue.report is not None, "the fatigue check")
        assert app.fatigue.warning
        assert await visit_modes(pilot, app) == {"history": True, "plan": True, "session": True}
        assert app.screen.query_one(FatigueBadge).parent is app.screen.query_one(Header)
        await pilot.press("f3", "f")
        await wait_for(pilot, lambda: "WARNING" in text(screen, "#fatigue-verdict"), "the verdict")
        assert "deload" in text(screen, "#fatigue-verdict")
        assert flags_text(screen).startswith("Flags (")
        chart = await drawn_chart(pilot, screen)
        assert "Barbell back squat (e1RM)" in chart and "usual " in chart and "Load/wk" in chart
        assert "Deload " in chart  # the demo's deload week
        # the session list and the detail say which sessions were deloads
        await pilot.press("s")
        table = screen.query_one("#session-list", DataTable)
        deload = next(s for s in app.repo.sessions(limit=100) if s.deload)
        await wait_for(pilot, lambda: str(deload.id) in table.rows, "the session list")
        table.move_cursor(row=table.get_row_index(str(deload.id)), animate=False)
        await wait_for(pilot, lambda: DELOAD_LINE in text(screen, "#session-detail"), "the deload session's detail")
        assert table.get_row(str(deload.id))[1].startswith(DELOAD_MARK)
        # a click on the badge opens History -> Fatigue
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.current_mode == "plan", "plan mode")
        await pilot.click(FatigueBadge)
        await wait_for(pilot, lambda: app.current_mode == "history" and screen.tab == "fatigue-tab", "the fatigue tab")


async def test_the_real_engine_on_a_calm_history_shows_no_badge(db_path: Path, clock) -> None:
    seed(db_path, clock.now)  # six steady weeks
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await wait_for(pilot, lambda: app.fatigue.report is not None, "the fatigue check")
        assert not app.fatigue.warning
        assert await visit_modes(pilot, app) == {"history": False, "plan": False, "session": False}


async def test_finishing_a_session_checks_the_badge_again(db_path: Path, clock, monkeypatch) -> None:
    from .session_helpers import press_each, settle, start_working

    answers = [CALM_REPORT, WARNING_REPORT]  # calm at start-up, a warning once the session is in
    asked: list = []

    def check(repo, as_of):
        asked.append(as_of)
        return answers[min(len(asked), len(answers)) - 1]

    monkeypatch.setattr("backlegs_tui.ui.widgets.fatigue_badge.check_fatigue", check)
    app = BacklegsApp(db_path=db_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_working(pilot)
        await wait_for(pilot, lambda: app.fatigue.report is CALM_REPORT, "the start-up check")
        assert not badge_shown(app)
        await press_each(pilot, "enter")
        await settle(pilot)
        clock.advance(30 * 60)
        await press_each(pilot, "f", "y")  # planned lifts are left: finish anyway
        await settle(pilot)
        await press_each(pilot, "enter")  # the summary
        await settle(pilot)
        await press_each(pilot, "enter")  # no session RPE
        await wait_for(pilot, lambda: app.fatigue.report is WARNING_REPORT, "the check after finishing")
        assert badge_shown(app) and app.current_mode == "session"
