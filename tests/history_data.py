"""Deterministic training history for History-mode tests: the article's sample plan twice a
week (Monday and Thursday) with steady progress, warm-ups, a drop set, a failure set, notes
and readiness check-ins. No randomness, so snapshots stay stable."""

from __future__ import annotations

from datetime import datetime, timedelta

from backlegs_tui.domain.model import Readiness, SetEntry, SetType
from backlegs_tui.store.repository import Repository

# exercise -> (start kg, weekly step kg, reps, rpe)
LIFTS = {
    "Barbell back squat": (100.0, 2.5, 5, 8.0),
    "Pull-up": (10.0, 1.25, 8, 8.0),
    "Romanian deadlift": (90.0, 2.5, 10, 7.5),
    "Chest-supported row": (30.0, 1.0, 10, 8.0),
    "Leg press": (160.0, 5.0, 12, 8.5),
    "Face pull": (20.0, 0.0, 15, 9.0),
}


def build_history(repo: Repository, now: datetime, weeks: int = 10) -> list[int]:
    """Finished sessions on Mondays and Thursdays at 18:00 in the `weeks` weeks up to and
    including the week of `now` (only those started before `now`), oldest first; their ids."""
    plan = repo.plans()[0]
    names = {e.name: e.id for e in repo.exercises()}
    monday = (now - timedelta(days=now.weekday() + 7 * (weeks - 1))).replace(hour=18, minute=0, second=0, microsecond=0)
    ids = []
    for w in range(weeks):
        for day in (0, 3):
            start = monday + timedelta(days=7 * w + day)
            if start >= now:
                continue
            n = len(ids)
            ready = Readiness(sleep_h=7.5 - (n % 3) * 0.5, soreness=1 + n % 3, energy=4 - n % 2)
            state = repo.start_session(plan.id, start, ready)
            t = start
            for item in state.items:
                base, step, reps, rpe = LIFTS[item.exercise_name]
                weight = base + step * w
                entries = []
                if item.exercise_name == "Barbell back squat":
                    entries += [(SetType.WARMUP, 20.0, 10, None), (SetType.WARMUP, round(weight * 0.6 / 2.5) * 2.5, 5, None)]
                entries += [(SetType.WORKING, weight, reps, rpe + 0.5 * k) for k in range(3)]
                if item.exercise_name == "Leg press" and w % 2 == 0:
                    entries.append((SetType.DROP, weight - 40, reps, 9.0))
                if item.exercise_name == "Face pull" and day == 3:
                    entries.append((SetType.FAILURE, weight, reps + 3, 10.0))
                for set_type, kg, r, p in entries:
                    t += timedelta(minutes=2)
                    note = "belt on" if set_type is SetType.WORKING and p == rpe + 1.0 and w == weeks - 1 else ""
                    repo.log_set(
                        state.id,
                        SetEntry(names[item.exercise_name], set_type, kg, r, p, item_id=item.id, logged_at=t, notes=note),
                    )
            if n % 4 == 1:
                repo.set_session_notes(state.id, "Felt strong; depth good on every squat")
            repo.finish_session(state.id, t + timedelta(minutes=5), 7.0 + (n % 3) * 0.5)
            ids.append(state.id)
    return ids
