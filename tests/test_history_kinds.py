"""History of bodyweight and assisted lifts (issue 9): the one hard-set count and the session
volume on the effective load (body weight as of the session's day +/- the load), for History,
the weekly volume and the fatigue engine alike; sets written as the Session screen writes them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backlegs_tui.domain.fatigue_engine import prepare
from backlegs_tui.domain.history import ExerciseBlock, SessionDetail
from backlegs_tui.domain.model import LoadKind, SetEntry, Settings, SetType, Unit
from backlegs_tui.domain.volume import hard_sets_by_exercise
from backlegs_tui.services.live_session import set_line
from backlegs_tui.store.fatigue_queries import training_log
from backlegs_tui.store.repository import Repository

pytestmark = pytest.mark.both_backends

DAY = datetime(2026, 11, 18, 18, 0)  # a Wednesday
N = SetType.WORKING
BW, AS = LoadKind.BODYWEIGHT, LoadKind.ASSISTED


def s(eid: int, kg: float, reps: int, **kw) -> SetEntry:
    return SetEntry(eid, kw.pop("set_type", N), kg, reps, **kw)


# ---- the one hard-set rule (domain.volume) -------------------------------------------------


def test_unrated_bodyweight_sets_are_ranked_on_the_load_moved() -> None:
    sets = [s(1, 10, 8), s(1, 0, 10)]  # BW + 10 kg x 8, then BW x 10
    assert hard_sets_by_exercise(sets) == {1: 1}  # 0 kg against 10 kg: below the top-set range
    assert hard_sets_by_exercise(sets, {1: BW}, 80.0) == {1: 2}  # 80 kg against 90 kg: within it


def test_unrated_assisted_sets_are_ranked_on_the_load_moved() -> None:
    sets = [s(1, 25, 8), s(1, 20, 6)]  # more help is lighter: 55 kg, then 60 kg moved
    assert hard_sets_by_exercise(sets, {1: AS}, 80.0) == {1: 2}
    assert hard_sets_by_exercise(sets) == {1: 1}  # as plain weights 20 < 85 % of 25


def test_with_no_body_weight_nothing_is_guessed() -> None:
    sets = [s(1, 10, 8), s(1, 0, 10), s(2, 100, 5), s(2, 60, 5)]
    # every pull-up set at 0 kg: none ranked below another; the squat as before
    assert hard_sets_by_exercise(sets, {1: BW}, None) == {1: 2, 2: 1}


# ---- the store: History, the weekly volume and the fatigue engine on one count -----------


def _pull_day(repo: Repository, name: str, sets: list[tuple[float, int]]) -> tuple[int, int]:
    ex = repo.exercise_by_name(name)
    assert ex is not None
    sid = repo.create_past_session(DAY, name="Pull")
    for i, (kg, reps) in enumerate(sets):
        repo.log_past_set(sid, SetEntry(ex.id, N, kg, reps, logged_at=DAY + timedelta(minutes=3 * i + 1)))
    return sid, ex.id


def test_history_volume_and_hard_sets_use_the_body_weight_of_that_day(repo: Repository) -> None:
    sid, eid = _pull_day(repo, "Assisted pull-up", [(25, 8), (20, 6)])
    repo.log_body_weight(date(2026, 11, 1), 80.0)
    repo.log_body_weight(date(2026, 11, 20), 90.0)  # after the session: not its body weight
    detail = repo.session_detail(sid)
    assert detail is not None and detail.kind_of(eid) is AS
    assert detail.volume_kg == 55 * 8 + 60 * 6
    assert [x.volume_kg for x in repo.sessions() if x.id == sid] == [55 * 8 + 60 * 6]
    assert repo.hard_set_counts(date(2026, 11, 16), date(2026, 11, 23)) == [(DAY.date(), eid, 2)]
    week = repo.weekly_volume(DAY.date(), 1)[0]
    assert week.get("back") == 2
    # the fatigue engine reads the same count
    log = training_log(repo, DAY.date(), DAY.date())
    assert [x.body_kg for x in log] == [80.0]
    prep = prepare(log, {e.id: e for e in repo.exercises()})
    assert prep.sessions[0].hard == {eid: 2}


def test_a_pull_ups_progress_is_listed_as_logged(repo: Repository) -> None:
    _, eid = _pull_day(repo, "Pull-up", [(10, 7), (0, 10)])
    repo.log_body_weight(date(2026, 11, 1), 80.0)
    progress = repo.exercise_progress(eid)
    assert progress.kind is BW and progress.best_e1rm is not None
    assert set_line(progress.best_e1rm[0], Settings(), progress.kind) == "BW + 10 kg x 7"
    assert progress.best_e1rm[1] > 90  # on the 90 kg moved
    lines = repo.progress_lines()[eid]
    assert lines[0][2] == pytest.approx(progress.best_e1rm[1])  # the chart's e1RM agrees


# ---- the sets as Session writes them ---------------------------------------------------------


def test_the_detail_writes_each_set_by_its_lifts_kind() -> None:
    from backlegs_tui.ui.widgets.history_session_detail import set_text

    kg, lb = Settings(), Settings(unit=Unit.LB)
    assert set_text(s(1, 10, 7), kg, BW).plain == "  BW + 10 kg x 7"
    assert set_text(s(1, 20, 8), kg, AS).plain == "  BW - 20 kg x 8"
    assert set_text(s(1, 0, 1, duration_s=45), kg, LoadKind.TIMED).plain == "  45 s"
    assert set_text(s(1, 20, 1, duration_s=45), kg, LoadKind.TIMED).plain == "  45 s with 20 kg"
    assert set_text(s(1, 0, 1, duration_s=35, distance_m=40), kg, LoadKind.DISTANCE).plain == "  40 m in 0:35"
    assert set_text(s(1, 10, 7, set_type=SetType.WARMUP), lb, BW).plain == "W BW + 22 lb x 7"
    detail = SessionDetail(1, "Pull", DAY, None, (ExerciseBlock(1, "Pull-up", (s(1, 10, 7),), BW, 80.0),))
    assert detail.volume_kg == 90 * 7 and detail.kind_of(1) is BW and detail.kind_of(2) is LoadKind.WEIGHTED
