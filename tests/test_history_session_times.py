"""When a session entered or moved afterwards may be (ux report 2, findings 3 and 9, and the
History items of 20): the one rule of `domain.session_times` (not in the future, no overlap
with another session; two sessions on one day at different times are fine), kept by the
store's writes and by both History forms (`n` and `E`) through one parser; Progress lists a
day's sessions by their times; `1 set`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetEntry, SetType, Unit
from backlegs_tui.domain.session_times import SessionSpan, check_no_overlap, check_past_start, overlapping
from backlegs_tui.domain.validation import InputError
from backlegs_tui.store.corrections import CorrectionError
from backlegs_tui.store.repository import Repository
from backlegs_tui.ui.screens.history_edit import parse_past_when

NOW = datetime(2026, 12, 6, 14, 45)
SAT = datetime(2026, 12, 5, 10, 16)
SAT_SPAN = SessionSpan(1, SAT, SAT + timedelta(minutes=81))  # Sat 05 Dec 10:16-11:37


# ---- the rule ----------------------------------------------------------------------------


def test_a_start_after_now_is_refused_and_now_itself_is_not() -> None:
    with pytest.raises(InputError, match=r"Started is in the future \(now: 2026-12-06 14:45\)"):
        check_past_start(NOW + timedelta(minutes=1), NOW)
    assert check_past_start(NOW, NOW) == NOW


@pytest.mark.parametrize(("start", "minutes", "hit"), [
    (datetime(2026, 12, 5, 10, 30), None, True),   # the forgotten session of the report
    (datetime(2026, 12, 5, 10, 16), None, True),   # the same start
    (datetime(2026, 12, 5, 9, 30), 60, True),      # runs into it
    (datetime(2026, 12, 5, 9, 0), 60, False),      # ends before it
    (datetime(2026, 12, 5, 9, 16), 60, False),     # ends as it starts
    (datetime(2026, 12, 5, 11, 37), 60, False),    # starts as it ends
    (datetime(2026, 12, 5, 18, 0), 60, False),     # the evening of the same day
    (datetime(2026, 12, 5, 18, 0), None, False),
])
def test_two_sessions_may_share_a_day_but_not_a_time(start: datetime, minutes: int | None, hit: bool) -> None:
    end = start + timedelta(minutes=minutes) if minutes else None
    assert (overlapping(start, end, [SAT_SPAN]) is SAT_SPAN) is hit


def test_the_overlap_names_the_other_session_and_a_session_never_overlaps_itself() -> None:
    with pytest.raises(InputError, match=r"^10:30 overlaps your session Sat 05 Dec 10:16-11:37$"):
        check_no_overlap(datetime(2026, 12, 5, 10, 30), None, [SAT_SPAN])
    check_no_overlap(SAT + timedelta(minutes=5), SAT + timedelta(minutes=86), [SAT_SPAN], skip=1)


def test_the_other_session_reads_as_the_session_list_shows_it() -> None:
    """10:16:10 to 11:36:55 (80 min 45 s, 1:21 in the list) is 10:16-11:37, as the list reads."""
    span = SessionSpan(1, datetime(2026, 12, 5, 10, 16, 10), datetime(2026, 12, 5, 11, 36, 55))
    assert span.describe() == "Sat 05 Dec 10:16-11:37"


def test_an_open_session_runs_on() -> None:
    live = SessionSpan(2, datetime(2026, 12, 6, 14, 0), None)
    assert overlapping(datetime(2026, 12, 6, 14, 30), None, [live]) is live
    assert overlapping(datetime(2026, 12, 6, 13, 30), datetime(2026, 12, 6, 14, 10), [live]) is live
    assert overlapping(datetime(2026, 12, 6, 12, 0), datetime(2026, 12, 6, 13, 0), [live]) is None
    assert "still open" in live.describe()


def test_both_forms_parse_the_start_by_the_one_rule() -> None:
    """`n` (no length) and `E` (the session's length, itself skipped, unchanged start not
    checked again) both refuse a future start and an overlap."""
    for kwargs in ({}, {"length": timedelta(minutes=40), "skip": 9, "was": datetime(2026, 12, 1, 18, 0)}):
        with pytest.raises(InputError, match="in the future"):
            parse_past_when("2026-12-09 09:00", NOW, [SAT_SPAN], **kwargs)
        with pytest.raises(InputError, match="overlaps your session Sat 05 Dec 10:16-11:37"):
            parse_past_when("2026-12-05 10:30", NOW, [SAT_SPAN], **kwargs)
        assert parse_past_when("2026-12-05 18:00", NOW, [SAT_SPAN], **kwargs) == datetime(2026, 12, 5, 18, 0)
    # E: 40 minutes from 09:40 runs into 10:16
    with pytest.raises(InputError, match="overlaps"):
        parse_past_when("2026-12-05 09:40", NOW, [SAT_SPAN], length=timedelta(minutes=40), skip=9)
    # E on a session that already overlaps (older data): saving it where it is is fine
    assert parse_past_when("2026-12-05 10:30", NOW, [SAT_SPAN], skip=9, was=datetime(2026, 12, 5, 10, 30))


# ---- the store keeps it ------------------------------------------------------------------


def _session(repo: Repository, start: datetime, minutes: int, exercise: str = "Barbell back squat",
             logged: datetime | None = None) -> int:
    ex = repo.exercise_by_name(exercise).id
    state = repo.start_session(None, start)
    item = repo.add_item(state.id, ex)
    repo.log_set(state.id, SetEntry(ex, SetType.WORKING, 100, 5, item_id=item.id, logged_at=logged or start))
    repo.finish_session(state.id, start + timedelta(minutes=minutes), 7)
    return state.id


def test_the_store_refuses_a_forgotten_session_in_another(migrated_db: Path) -> None:
    repo = Repository.open(migrated_db)
    try:
        _session(repo, SAT, 81)
        before = len(repo.session_spans())
        with pytest.raises(CorrectionError, match="overlaps your session Sat 05 Dec 10:16-11:37"):
            repo.create_past_session(datetime(2026, 12, 5, 10, 30))
        assert len(repo.session_spans()) == before
        evening = repo.create_past_session(datetime(2026, 12, 5, 18, 0))  # the same day, later
        # an hour before the session: its end is cut at the session's start, not into it
        early = repo.create_past_session(datetime(2026, 12, 5, 9, 46))
        spans = {s.id: s for s in repo.session_spans()}
        assert spans[early].end == SAT and spans[evening].end == datetime(2026, 12, 5, 19, 0)
    finally:
        repo.close()


def test_a_forgotten_session_logged_up_to_the_next_one_stays_before_it(migrated_db: Path) -> None:
    """Sets of a forgotten session go in 3 minutes apart; never into the next session."""
    repo = Repository.open(migrated_db)
    try:
        _session(repo, SAT, 81)
        sid = repo.create_past_session(SAT - timedelta(minutes=20))
        squat = repo.exercise_by_name("Barbell back squat").id
        logged = [repo.log_past_set(sid, SetEntry(squat, SetType.WORKING, 100, 5)).logged_at for _ in range(10)]
        assert logged == sorted(logged) and max(logged) < SAT
        end = {s.id: s for s in repo.session_spans()}[sid].end
        assert end is not None and end <= SAT
        assert [s.position for s in repo.session_state(sid).sets] == list(range(10))
    finally:
        repo.close()


def test_the_store_refuses_to_move_a_session_into_another_and_keeps_it_as_it_was(migrated_db: Path) -> None:
    repo = Repository.open(migrated_db)
    try:
        _session(repo, SAT, 81)
        other = _session(repo, datetime(2026, 12, 3, 18, 0), 60)
        with pytest.raises(CorrectionError, match="overlaps your session Sat 05 Dec 10:16-11:37"):
            repo.edit_session(other, started_at=datetime(2026, 12, 5, 9, 30), name="Moved")
        state = repo.session_state(other)
        assert state.started_at == datetime(2026, 12, 3, 18, 0) and state.sets[0].logged_at == datetime(2026, 12, 3, 18, 0)
        with pytest.raises(CorrectionError, match="overlaps"):
            repo.edit_session(other, started_at=datetime(2026, 12, 5, 8, 0), ended_at=datetime(2026, 12, 5, 10, 20))
        repo.edit_session(other, started_at=datetime(2026, 12, 5, 18, 0))  # the evening: fine
        assert repo.session_state(other).started_at == datetime(2026, 12, 5, 18, 0)
    finally:
        repo.close()


def test_a_session_left_where_it_was_is_saved_even_if_older_data_overlaps(migrated_db: Path) -> None:
    repo = Repository.open(migrated_db)
    try:
        _session(repo, SAT, 81)
        # an overlap written before the rule (straight through the session calls)
        old = _session(repo, datetime(2026, 12, 5, 10, 30), 60)
        repo.edit_session(old, started_at=datetime(2026, 12, 5, 10, 30), name="Renamed", notes="kept")
        assert repo.session_state(old).name == "Renamed"
    finally:
        repo.close()


def test_the_plan_of_a_session_is_read_for_its_edit_form(migrated_db: Path) -> None:
    repo = Repository.open(migrated_db)
    try:
        sid = _session(repo, SAT, 81)
        assert repo.session_plan_name(sid) is None
        plan = repo.plans()[0]
        repo.edit_session(sid, plan_id=plan.id)
        assert repo.session_plan_name(sid) == plan.name
    finally:
        repo.close()


# ---- Progress ----------------------------------------------------------------------------


def test_progress_lists_two_sessions_of_a_day_by_their_times(migrated_db: Path) -> None:
    """The 10:30 session's squat went in before the 10:16 session's (a forgotten session
    entered as the report did): Progress still lists 10:16 before 10:30, as the chart does."""
    repo = Repository.open(migrated_db)
    try:
        first = _session(repo, SAT, 81, logged=datetime(2026, 12, 5, 11, 20))
        second = _session(repo, datetime(2026, 12, 5, 12, 0), 30, logged=datetime(2026, 12, 5, 12, 5))
        # the second one's set moved before the first one's (an edited time)
        squat = repo.exercise_by_name("Barbell back squat").id
        s = repo.session_state(second).sets[0]
        repo.edit_set(SetEntry(squat, SetType.WORKING, 110, 5, id=s.id, logged_at=datetime(2026, 12, 5, 10, 20)))
        progress = repo.exercise_progress(squat)
        assert [p.session_id for p in progress.points] == [first, second]
    finally:
        repo.close()


def test_one_set_is_one_set_in_progress() -> None:
    from backlegs_tui.domain.history import ProgressPoint
    from backlegs_tui.ui.widgets.history_progress import _point_line

    top = SetEntry(1, SetType.WORKING, 100, 5, logged_at=SAT)
    line = _point_line(ProgressPoint(1, SAT.date(), 116.7, top, 500.0, 1), Unit.KG)
    assert "1 set " in line and "1 sets" not in line
    assert "3 sets" in _point_line(ProgressPoint(1, SAT.date(), 116.7, top, 1500.0, 3), Unit.KG)
