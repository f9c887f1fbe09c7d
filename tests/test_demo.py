"""The demo history: deterministic, realistic in shape, ending in a fatigue stretch, and
written to a throwaway database the repository opens."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from backlegs_tui.domain.catalogue import CATALOGUE, SAMPLE_PLAN
from backlegs_tui.domain.fatigue_engine import (
    Verdict,
    assess,
    assess_range,
    sessions_from_records,
)
from backlegs_tui.domain.model import Exercise, Settings, SetType
from backlegs_tui.domain.records import WorkoutRecord
from backlegs_tui.domain.warmup import warmup_sets
from backlegs_tui.store.demo import (
    DEMO_PLAN_B,
    FATIGUE_DAYS,
    generate_history,
    make_demo_db,
)
from backlegs_tui.store.repository import Repository

END = date(2026, 11, 24)
EXERCISES = {
    i: Exercise(i, d.name, d.primary, d.secondary, d.spinal_load, d.kind, d.equipment, d.rest_s, bodyweight=d.bodyweight)
    for i, d in enumerate(CATALOGUE, start=1)
}


@pytest.fixture(scope="module")
def history() -> list[WorkoutRecord]:
    return generate_history(16, end=END)


def _working(w: WorkoutRecord, name: str) -> list:
    return [s for s in w.sets if s.exercise == name and s.set_type is SetType.WORKING]


def test_same_seed_same_history_other_seed_other_history(history) -> None:
    assert generate_history(16, end=END) == history
    assert generate_history(16, seed=8, end=END) != history


def test_sixteen_weeks_ending_yesterday_two_or_three_sessions_a_week(history) -> None:
    days = [w.started_at.date() for w in history]
    assert days == sorted(days)
    assert days[0] >= END - timedelta(weeks=16) and days[-1] == END - timedelta(days=1)
    assert 16 * 2 <= len(history) <= 16 * 3 + 1
    per_week = Counter(d.isocalendar()[:2] for d in days[:-1])
    assert set(per_week.values()) <= {1, 2, 3}  # the first and last weeks may be cut
    assert {w.plan_name for w in history} == {SAMPLE_PLAN.name, DEMO_PLAN_B.name}


def test_sessions_hold_catalogue_exercises_in_plan_order(history) -> None:
    names = {d.name for d in CATALOGUE}
    for w in history:
        plan = SAMPLE_PLAN if w.plan_name == SAMPLE_PLAN.name else DEMO_PLAN_B
        order = list(dict.fromkeys(s.exercise for s in w.sets))
        assert order == [i.exercise for i in plan.items]
        assert set(order) <= names
        assert 12 <= len(w.sets) <= 30


def test_warm_up_ramp_before_the_first_compound(history) -> None:
    for w in history:
        first = w.sets[0].exercise
        warmups = [s for s in w.sets if s.set_type is SetType.WARMUP]
        assert all(s.exercise == first and s.rpe is None for s in warmups)
        top = _working(w, first)[0].weight_kg
        assert [(s.weight_kg, s.reps) for s in warmups] == [
            (x.weight, x.reps) for x in warmup_sets(top, 20, Settings().plates_kg)
        ]


def test_set_times_are_spaced_by_rest_and_sessions_have_load_data(history) -> None:
    for w in history:
        times = [s.logged_at for s in w.sets]
        assert times == sorted(times) and w.started_at < times[0] < times[-1] < w.ended_at
        assert w.sets[0].rest_s is None
        for a, b in zip(w.sets, w.sets[1:]):
            assert b.rest_s == int((b.logged_at - a.logged_at).total_seconds())
            assert 30 <= b.rest_s <= 600
        assert 50 <= (w.ended_at - w.started_at).total_seconds() / 60 <= 130
        assert w.session_rpe is not None and 4 <= w.session_rpe <= 10


def test_rpe_is_mostly_7_to_9_in_half_steps(history) -> None:
    rpes = [s.rpe for w in history for s in w.sets if s.set_type is not SetType.WARMUP]
    assert all(r is not None and 6 <= r <= 10 and r * 2 == int(r * 2) for r in rpes)
    assert sum(7 <= r <= 9 for r in rpes) / len(rpes) >= 0.7


def test_loads_are_realistic_and_progress(history) -> None:
    squats = [_working(w, "Barbell back squat") for w in history if w.plan_name == SAMPLE_PLAN.name]
    assert all(95 <= s[0].weight_kg <= 145 for s in squats)
    assert squats[-1][0].weight_kg > squats[0][0].weight_kg
    assert all(s.weight_kg % 2.5 == 0 for w in history for s in w.sets if s.exercise == "Barbell back squat")
    pullups = [s.weight_kg for w in history for s in _working(w, "Pull-up")]
    assert min(pullups) >= 0 and max(pullups) > 0  # added load


def test_a_deload_week_and_a_bad_day(history) -> None:
    deload = [w for w in history if w.notes == "Deload week."]
    assert len({w.started_at.isocalendar()[:2] for w in deload}) == 2  # 6 and 13 weeks from the end
    normal = [w for w in history if not w.notes and w.plan_name == SAMPLE_PLAN.name]
    assert max(len(w.sets) for w in deload) < sum(len(w.sets) for w in normal) / len(normal)
    bad = [w for w in history if w.notes.startswith("Bad day")]
    assert bad and any(s.rpe == 10 for w in bad for s in w.sets)


def test_readiness_check_ins(history) -> None:
    checked = [w for w in history if w.sleep_h is not None]
    assert len(checked) >= len(history) * 0.7
    assert all(1 <= w.soreness <= 5 and 1 <= w.energy <= 5 for w in checked)


def test_the_last_two_weeks_build_fatigue_that_the_engine_warns_about_and_the_weeks_before_are_calm(history) -> None:
    logs = sessions_from_records(history, EXERCISES)
    end = assess(logs, EXERCISES, Settings(), END)
    assert end.verdict is Verdict.WARNING and "deload" in end.summary
    assert any(f.code == "decline" and f.subject is None for f in end.flags)
    assert any(f.code == "readiness" for f in end.flags)
    calm = assess_range(logs, EXERCISES, Settings(), END - timedelta(days=70), END - timedelta(days=FATIGUE_DAYS + 1))
    assert [r.as_of for r in calm if r.verdict is not Verdict.NONE] == []
    late = [w for w in history if w.started_at.date() >= END - timedelta(days=7)]
    early = [w for w in history if END - timedelta(days=40) <= w.started_at.date() < END - timedelta(days=21)]
    mean = lambda ws, f: sum(map(f, ws)) / len(ws)  # noqa: E731
    assert mean(late, lambda w: w.session_rpe) > mean(early, lambda w: w.session_rpe) + 0.5
    assert mean(late, lambda w: w.sleep_h or 7) < mean(early, lambda w: w.sleep_h or 7)


def test_deload_weeks_are_marked_as_deload_sessions(history) -> None:
    deloads = [w for w in history if w.deload]
    assert deloads and all(w.notes == "Deload week." for w in deloads)
    assert all(w.deload for w in history if w.notes == "Deload week.")


@pytest.mark.parametrize("seed", [1, 2, 3, 11])
def test_the_fatigue_stretch_shows_for_other_seeds_and_weekdays(seed: int) -> None:
    end = END + timedelta(days=seed)
    logs = sessions_from_records(generate_history(16, seed=seed, end=end), EXERCISES)
    reports = assess_range(logs, EXERCISES, Settings(), end - timedelta(days=FATIGUE_DAYS), end)
    assert reports[-1].verdict is Verdict.WARNING
    assert not any(r.verdict is Verdict.WARNING for r in assess_range(
        logs, EXERCISES, Settings(), end - timedelta(days=70), end - timedelta(days=FATIGUE_DAYS + 1)))


def test_ten_years_scaled_to_150k_sets() -> None:
    workouts = generate_history(520, sessions_per_week=(4, 5), sets_target=150_000, end=END)
    sets = sum(len(w.sets) for w in workouts)
    assert 142_000 <= sets <= 158_000
    assert workouts[0].started_at.date() >= END - timedelta(weeks=520)


# ---- the database ------------------------------------------------------------------------


def test_make_demo_db(tmp_path: Path) -> None:
    path = make_demo_db(tmp_path / "demo.db", weeks=4, end=END)
    repo = Repository.open(path)
    try:
        stats = repo.stats()
        assert stats["plans"] == 2 and 8 <= stats["sessions"] <= 13 and stats["sets"] > 100
        plans = {p.name: p for p in repo.plans()}
        a, b = plans[SAMPLE_PLAN.name].id, plans[DEMO_PLAN_B.name].id
        assert repo.schedule() == {0: [a], 2: [b], 5: [a]}
        assert [i.exercise_name for i in repo.plan(b).items] == [i.exercise for i in DEMO_PLAN_B.items]
        latest = repo.sessions(limit=1)[0]
        assert latest.started_at.date() == END - timedelta(days=1) and latest.set_count > 10
        assert repo.open_session() is None
    finally:
        repo.close()


def test_make_demo_db_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    path.write_bytes(b"")
    with pytest.raises(FileExistsError):
        make_demo_db(path, weeks=1)


def test_make_demo_db_without_a_path_uses_a_fresh_temp_folder(tmp_path: Path, monkeypatch) -> None:
    # the temp folder is pytest's, so nothing is left behind when the process skips atexit
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first, second = make_demo_db(weeks=1), make_demo_db(weeks=1)
    assert first.exists() and second.exists() and first.parent != second.parent
    assert first.parent.name.startswith("backlegs-demo-")
    assert first.parent.parent == second.parent.parent == tmp_path
