"""History and volume domain: best sets, rep records, progress, landmark zones, weekly
buckets (pure, no database)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from backlegs_tui.domain.history import (
    ExerciseBlock,
    SessionDetail,
    best_set,
    exercise_progress,
    group_by_exercise,
    rep_records,
)
from backlegs_tui.domain.model import Exercise, SetEntry, SetType
from backlegs_tui.domain.volume import Zone, describe_zone, muscle_sets, week_start, weekly_volume, zone_of

BACK = (8, 10, 14, 22, 25)


def s(w: float, r: int, rpe: float | None = None, t: SetType = SetType.WORKING, day: int = 1, sid: int = 1,
      pos: int = 0, eid: int = 1) -> SetEntry:
    return SetEntry(eid, t, w, r, rpe, logged_at=datetime(2026, 11, day, 18, pos), session_id=sid, position=pos,
                    exercise_name=f"ex{eid}")


def test_best_set_uses_the_house_e1rm_rule_and_skips_warmups() -> None:
    sets = [s(200, 1, t=SetType.WARMUP), s(140, 5, 8.0), s(150, 3)]
    found = best_set(sets)
    assert found is not None
    assert found[0].weight_kg == 140
    assert found[1] == pytest.approx(140 / 0.811)
    assert best_set([s(60, 15)]) is None  # 15 reps without RPE: no trustworthy e1RM


def test_rep_records_are_the_sets_no_other_beats_on_weight_and_reps() -> None:
    sets = [s(100, 5, day=1), s(100, 6, day=2), s(110, 3, day=3), s(90, 6, day=4), s(80, 10, day=5), s(110, 3, day=6)]
    assert [(x.weight_kg, x.reps, x.logged_at.day) for x in rep_records(sets)] == [(110, 3, 3), (100, 6, 2), (80, 10, 5)]


def test_exercise_progress_has_one_point_per_session_and_dated_records() -> None:
    sets = [
        s(100, 5, 8.0, sid=1, day=2), s(100, 5, 9.0, sid=1, day=2, pos=1),
        s(60, 10, t=SetType.WARMUP, sid=2, day=5),
        s(105, 5, 8.0, sid=2, day=5, pos=1), s(105, 4, 9.0, sid=2, day=5, pos=2), s(95, 6, 9.0, sid=2, day=5, pos=3),
        s(107.5, 3, 8.0, sid=3, day=9),
    ]
    p = exercise_progress(1, "Squat", sets)
    assert [pt.session_id for pt in p.points] == [1, 2, 3]
    assert [pt.sets for pt in p.points] == [2, 3, 1]
    assert p.points[1].volume_kg == 105 * 5 + 105 * 4 + 95 * 6
    assert p.points[0].best_e1rm == pytest.approx(100 / 0.811)
    assert p.heaviest is not None and p.heaviest.weight_kg == 107.5
    assert p.best_volume is not None and p.best_volume.session_id == 2
    assert p.best_e1rm is not None and p.best_e1rm[0].logged_at == datetime(2026, 11, 5, 18, 1)
    assert p.e1rm_series == [pt.best_e1rm for pt in p.points]


def test_exercise_progress_without_working_sets_is_empty() -> None:
    p = exercise_progress(1, "Squat", [s(60, 10, t=SetType.WARMUP)])
    assert p.points == () and p.heaviest is None and p.best_volume is None


def test_group_by_exercise_keeps_first_logged_order_and_session_reads_as_logged() -> None:
    sets = [s(100, 5, eid=2, pos=0), s(50, 8, eid=1, pos=1), s(100, 5, eid=2, pos=2)]
    blocks = group_by_exercise(sets)
    assert [b.exercise_id for b in blocks] == [2, 1]
    detail = SessionDetail(1, "A", datetime(2026, 11, 1, 18), datetime(2026, 11, 1, 19, 5), blocks)
    assert [x.position for x in detail.sets] == [0, 1, 2]
    assert detail.minutes == 65
    assert detail.working_sets == 3
    assert detail.volume_kg == 100 * 5 * 2 + 50 * 8
    assert isinstance(blocks[0], ExerciseBlock) and blocks[0].best is not None


@pytest.mark.parametrize(
    "sets,zone",
    [(0, Zone.BELOW_MV), (8, Zone.MAINTENANCE), (10, Zone.PRODUCTIVE), (14, Zone.MAV), (22, Zone.MAV),
     (23, Zone.HIGH), (25, Zone.HIGH), (25.5, Zone.OVER_MRV)],
)
def test_zones_follow_the_landmarks(sets: float, zone: Zone) -> None:
    assert zone_of(sets, BACK) is zone


def test_zone_words_name_their_numbers() -> None:
    assert describe_zone(Zone.OVER_MRV, BACK) == "above MRV 25"
    assert describe_zone(Zone.MAINTENANCE, BACK) == "maintenance only (MV 8, MEV 10)"


def test_muscle_sets_weigh_primary_one_and_secondary_half() -> None:
    row = Exercise(1, "Barbell row", ("back",), ("lower back", "biceps"))
    squat = Exercise(2, "Squat", ("quads", "glutes"), ("lower back",))
    assert muscle_sets([(row, 3), (squat, 4)]) == {"back": 3, "lower back": 3.5, "biceps": 1.5, "quads": 4, "glutes": 2}


def test_glutes_count_whole_only_where_they_are_the_main_target() -> None:
    """Glutes' landmarks (MV 0, MEV 0, MRV 16) count direct work: a squat or an RDL set is
    half a glute set, a hip thrust set a whole one; any other muscle second in the list
    (the RDL's glutes are second, the deadlift's lower back third) is not affected."""
    rdl = Exercise(1, "Romanian deadlift", ("hamstrings", "glutes"), ("lower back",))
    thrust = Exercise(2, "Hip thrust", ("glutes",), ("hamstrings",))
    deadlift = Exercise(3, "Conventional deadlift", ("hamstrings", "glutes", "lower back"), ("back", "quads"))
    assert muscle_sets([(rdl, 4)]) == {"hamstrings": 4, "glutes": 2, "lower back": 2}
    assert muscle_sets([(thrust, 3)]) == {"glutes": 3, "hamstrings": 1.5}
    assert muscle_sets([(deadlift, 2)]) == {"hamstrings": 2, "glutes": 1, "lower back": 2, "back": 1, "quads": 1}


def test_weekly_volume_buckets_days_into_monday_weeks() -> None:
    row = Exercise(1, "Barbell row", ("back",), ("biceps",))
    weeks = [date(2026, 11, 16), date(2026, 11, 23)]
    counts = [(date(2026, 11, 16), 1, 4), (date(2026, 11, 22), 1, 2), (date(2026, 11, 23), 1, 3),
              (date(2026, 11, 9), 1, 9), (date(2026, 11, 23), 99, 5)]
    out = weekly_volume(counts, {1: row}, weeks)
    assert [(w.start, w.get("back"), w.get("biceps")) for w in out] == [
        (date(2026, 11, 16), 6, 3), (date(2026, 11, 23), 3, 1.5)
    ]
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday


def test_the_finish_summary_weighs_muscles_as_the_hard_set_count_does() -> None:
    """The summary's volume load by muscle and the weekly hard sets give a squat's glutes the
    same share (half), so the two pictures of one session agree."""
    from datetime import datetime

    from backlegs_tui.domain.model import SessionState, SetEntry, SetType
    from backlegs_tui.domain.session_logic import summarize

    squat = Exercise(1, "Barbell back squat", ("quads", "glutes"), ("hamstrings", "lower back"))
    thrust = Exercise(2, "Hip thrust", ("glutes",), ("hamstrings",))
    start = datetime(2026, 12, 1, 18, 0)
    state = SessionState(1, start, "Legs", None, [], [
        SetEntry(1, SetType.WORKING, 125.0, 5, logged_at=start),
        SetEntry(2, SetType.WORKING, 100.0, 10, logged_at=start),
    ])
    report = summarize(state, {1: squat, 2: thrust}, {}, start)
    assert report.volume_by_muscle == {"quads": 625, "glutes": 312.5 + 1000, "hamstrings": 312.5 + 500,
                                       "lower back": 312.5}
    assert muscle_sets([(squat, 1), (thrust, 1)])["glutes"] == 0.5 + 1
