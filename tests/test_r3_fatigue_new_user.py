"""Ux report 3, finding 5c: a new lifter (three sessions on one day) reads one line in History
-> Fatigue: too little history. No "No flags: every lift is within its usual range", and no
picture claiming a usual range there is not yet."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from backlegs_tui.domain.model import SetType
from backlegs_tui.domain.records import SetRecord, WorkoutRecord
from backlegs_tui.services.fatigue import fatigue_view
from backlegs_tui.store.bulk import insert_workouts
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.app import BacklegsApp
from backlegs_tui.ui.widgets.fatigue_chart import chart_data
from backlegs_tui.ui.widgets.history_fatigue import flags_content, has_usual_range

from .session_helpers import wait_for
from .test_fatigue_ui import flags_text, text, text_picture  # noqa: F401 (the text drawing)
from .test_history_screen import ready

TOO_LITTLE = "Nothing flagged: too little recent history of your main lifts to judge a trend yet."


def three_sessions_today(path: Path, now) -> None:
    repo = Repository.open(path)
    try:
        insert_workouts(repo, [
            WorkoutRecord(started_at=now - timedelta(hours=9 - 3 * k), name=f"Day {k}",
                          ended_at=now - timedelta(hours=8 - 3 * k),
                          sets=[SetRecord(lift, SetType.WORKING, kg + 5 * k, 5, 8.0)
                                for lift, kg in (("Barbell back squat", 100.0), ("Conventional deadlift", 140.0))
                                for _ in range(3)])
            for k in range(3)
        ])
    finally:
        repo.close()


def test_a_new_lifters_picture_has_no_usual_range_and_no_second_line(tmp_path: Path, clock) -> None:
    path = tmp_path / "new.db"
    three_sessions_today(path, clock.now)
    repo = Repository.open(path)
    try:
        report, picture = fatigue_view(repo, clock.now.date())
    finally:
        repo.close()
    assert report.summary == TOO_LITTLE and not report.flags
    data = chart_data(picture)
    assert data.lifts and not has_usual_range(data)  # the lifts are there, their range is not yet
    assert str(flags_content(report)) == ""


async def test_the_fatigue_tab_of_a_new_lifter_says_one_thing(db_path: Path, clock) -> None:
    Repository.open(db_path).close()
    three_sessions_today(db_path, clock.now)
    app = BacklegsApp(db_path=db_path, clock=clock, start_mode="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: TOO_LITTLE in text(screen, "#fatigue-verdict"), "the verdict")
        assert text(screen, "#fatigue-verdict").splitlines()[1:] == [TOO_LITTLE]
        assert flags_text(screen) == ""
        assert text(screen, "#fatigue-picture-title") == ""
        assert "usual range" not in str(screen.query_one("#fatigue-chart").render())


async def test_a_plotted_lift_without_a_range_yet_claims_none(monkeypatch) -> None:
    # a picture where one lift has its usual range and another not yet: the plot's title says so
    from datetime import date

    from textual.app import App, ComposeResult

    from backlegs_tui.domain.model import Unit
    from backlegs_tui.ui.widgets import chart_plot
    from backlegs_tui.ui.widgets.chart_fatigue import FatiguePlots
    from backlegs_tui.ui.widgets.fatigue_chart import ChartData, LiftPoint

    monkeypatch.setattr(chart_plot, "_module", None)  # the plotted charts (text_picture turned them off)
    if chart_plot.plot_module() is None:
        import pytest

        pytest.skip("the charts extra is not installed")
    end = date(2026, 11, 24)
    squat = tuple(LiftPoint(end - timedelta(days=3 * k), 140.0, 136.0, 146.0) for k in range(6, 0, -1))
    dead = tuple(LiftPoint(end - timedelta(days=k), 180.0, None, None) for k in (2, 1))
    data = ChartData(end - timedelta(days=7 * 8), end, (("Barbell back squat", squat), ("Conventional deadlift", dead)))

    class Plots(App):
        def compose(self) -> ComposeResult:
            yield FatiguePlots(id="plots")

        def on_mount(self) -> None:
            self.query_one(FatiguePlots).show(data, Unit.KG)

    app = Plots()
    async with app.run_test(size=(80, 36)) as pilot:
        titles = lambda: [str(w.render()) for w in app.query("Static") if "per session" in str(w.render())]
        await wait_for(pilot, lambda: len(titles()) == 2, "both lifts' titles")
        assert "Barbell back squat: e1RM (kg) per session; the last in its usual range" in titles()
        assert "Conventional deadlift: e1RM (kg) per session; the last without a usual range yet" in titles()
