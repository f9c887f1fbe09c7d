"""History queries on real SQLite files: session detail, exercises with history, progress
and records, hard sets per muscle and week, sessions for the fatigue trends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from backlegs_tui.domain.model import SetEntry, SetType
from backlegs_tui.store.repository import Repository

from .history_data import build_history

pytestmark = pytest.mark.both_backends  # once on SQLite, once on PostgreSQL (tests/pg.py)

NOW = datetime(2026, 11, 24, 18, 0)


def _ids(repo: Repository) -> dict[str, int]:
    return {e.name: e.id for e in repo.exercises()}


def _session(repo: Repository, start: datetime, sets: list[tuple[str, SetType, float, int, float | None, float | None]],
             notes: str = "") -> int:
    ids = _ids(repo)
    state = repo.start_session(None, start)
    t = start
    for name, set_type, kg, reps, rpe, rir in sets:
        t += timedelta(minutes=3)
        repo.log_set(state.id, SetEntry(ids[name], set_type, kg, reps, rpe, rir, logged_at=t))
    if notes:
        repo.set_session_notes(state.id, notes)
    repo.finish_session(state.id, t + timedelta(minutes=5), 8.0)
    return state.id


def test_session_detail_groups_sets_by_exercise_in_logged_order(repo: Repository) -> None:
    W, N, F = SetType.WARMUP, SetType.WORKING, SetType.FAILURE
    sid = _session(repo, NOW - timedelta(days=1), [
        ("Barbell back squat", W, 60, 5, None, None),
        ("Barbell back squat", N, 140, 5, 8.0, None),
        ("Pull-up", N, 10, 8, None, 2.0),
        ("Barbell back squat", F, 140, 4, 10.0, None),
    ], notes="heavy day")
    detail = repo.session_detail(sid)
    assert detail is not None
    assert [b.name for b in detail.blocks] == ["Barbell back squat", "Pull-up"]
    assert [s.set_type for s in detail.blocks[0].sets] == [W, N, F]
    assert detail.notes == "heavy day" and detail.session_rpe == 8.0
    assert detail.working_sets == 3
    # the pull-up moved body weight + 10 kg: with no body weight known no volume is claimed
    assert detail.volume_kg == 140 * 5 + 140 * 4
    best = detail.blocks[0].best
    assert best is not None and best[1] == pytest.approx(140 / 0.811)
    assert detail.minutes == pytest.approx(17)
    assert repo.session_detail(9999) is None
    repo.log_body_weight(NOW.date() - timedelta(days=30), 80.0)  # as of the session's day
    repo.log_body_weight(NOW.date(), 95.0)  # later: not that day's
    detail = repo.session_detail(sid)
    assert detail is not None
    assert detail.volume_kg == 140 * 5 + (80 + 10) * 8 + 140 * 4
    assert [s.volume_kg for s in repo.sessions() if s.id == sid] == [detail.volume_kg]  # the session list agrees
    pull = detail.blocks[1]
    assert pull.best is not None and pull.best[0].weight_kg == 10  # the set as logged, its e1RM on 90 kg
    assert pull.best[1] > 90


def test_exercise_progress_over_many_sessions(repo: Repository) -> None:
    build_history(repo, NOW, weeks=4)
    squat = _ids(repo)["Barbell back squat"]
    progress = repo.exercise_progress(squat)
    assert progress.name == "Barbell back squat"
    assert len(progress.points) == 7  # Mon + Thu for 3 weeks, and Monday of this week
    assert [p.top.weight_kg for p in progress.points] == [100, 100, 102.5, 102.5, 105, 105, 107.5]
    assert progress.heaviest is not None and progress.heaviest.weight_kg == 107.5
    assert progress.heaviest.logged_at is not None and progress.heaviest.logged_at.date() == date(2026, 11, 23)
    # warm-ups never count: 3 working sets a session
    assert all(p.sets == 3 for p in progress.points)
    assert progress.rep_records[0].weight_kg == 107.5
    assert repo.exercise_progress(_ids(repo)["Leg curl"]).points == ()


def test_exercises_with_history_are_the_trained_ones_most_sets_first(repo: Repository) -> None:
    build_history(repo, NOW, weeks=2)
    uses = repo.exercises_with_history()
    assert {u.name for u in uses} == {
        "Barbell back squat", "Pull-up", "Romanian deadlift", "Chest-supported row", "Leg press", "Face pull"
    }
    assert uses[0].set_count >= uses[-1].set_count
    assert all(u.last_at.date() == date(2026, 11, 23) for u in uses)


def test_hard_sets_leave_out_warmups_and_easy_sets_but_count_unrated(repo: Repository) -> None:
    N = SetType.WORKING
    _session(repo, datetime(2026, 11, 23, 18), [
        ("Barbell row", SetType.WARMUP, 40, 10, None, None),
        ("Barbell row", N, 80, 8, 8.0, None),   # hard
        ("Barbell row", N, 80, 8, None, 3.0),   # RIR 3: hard
        ("Barbell row", N, 60, 8, 5.0, None),   # RPE 5: too easy
        ("Barbell row", N, 60, 8, None, 5.0),   # RIR 5: too easy
        ("Barbell row", N, 80, 8, None, None),  # unrated: counted
    ])
    _session(repo, datetime(2026, 11, 16, 18), [("Pull-up", N, 0, 8, 9.0, None)] * 2)
    weeks = repo.weekly_volume(date(2026, 11, 25), 3)
    assert [w.start for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert weeks[-1].get("back") == 3
    assert weeks[-1].get("lower back") == 1.5 and weeks[-1].get("biceps") == 1.5
    assert weeks[1].get("back") == 2 and weeks[1].get("biceps") == 1
    assert weeks[0].sets == {}


def test_unfinished_sessions_stay_out_of_the_trend_input(repo: Repository) -> None:
    ids = build_history(repo, NOW, weeks=2)
    repo.start_session(None, NOW - timedelta(hours=1))
    details = repo.session_details_since(datetime(2026, 11, 1))
    assert [d.id for d in details] == ids
    assert details[0].started_at < details[-1].started_at
    assert repo.session_details_since(datetime(2026, 11, 18), datetime(2026, 11, 20))[0].started_at.day == 19
