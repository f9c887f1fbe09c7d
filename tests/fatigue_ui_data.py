"""Hand-made fatigue reports and pictures for the fatigue UI tests: fixed numbers, so the
drawing and the snapshots do not move when the engine is tuned."""

from __future__ import annotations

from datetime import date, timedelta

from backlegs_tui.domain.fatigue_engine import (
    FatiguePicture,
    FatigueReport,
    Flag,
    LiftPicture,
    Verdict,
)

AS_OF = date(2026, 11, 24)  # the tests' FakeClock day (a Tuesday)


def overreach_picture(as_of: date = AS_OF, weeks: int = 12) -> FatiguePicture:
    """Two lifts, three sessions a week (Mon, Wed, Fri): steady for nine weeks, then falling
    below the usual range for three; a deload session in week 6; no session RPE in week 3;
    readiness checked in on Wednesdays."""
    start = as_of - timedelta(days=as_of.weekday() + 7 * (weeks - 1))
    lifts: dict[str, list] = {"Barbell back squat": [], "Romanian deadlift": []}
    days = []
    for week in range(weeks):
        for day in (0, 2, 4):
            d = start + timedelta(days=7 * week + day)
            if d > as_of:
                continue
            days.append(d)
            for name, base in (("Barbell back squat", 140.0), ("Romanian deadlift", 120.0)):
                mid = base * (1 + 0.003 * min(week, 8))
                value = mid * (1 - 0.03 * max(0, week - 8))
                deload = week == 5 and day == 0
                if deload:
                    value *= 0.9
                lifts[name].append((d, round(value, 1), round(mid * 0.975, 1), round(mid * 1.025, 1), deload))
    load = tuple((start + timedelta(days=7 * w), None if w == 3 else 2000.0 + 60 * w) for w in range(weeks))
    hard = tuple((start + timedelta(days=7 * w), 30.0 + w) for w in range(weeks))
    readiness = tuple((d, (80.0 - (15 if d > as_of - timedelta(days=21) else 0)) if d.weekday() == 2 else None) for d in days)
    # fresher after the deload week (5), more tired in the overreach (9-11); unknown in week 3
    form = tuple(
        (start + timedelta(days=7 * w), 300.0, 280.0, None if w == 3 else (40.0 if 5 <= w <= 7 else 10.0 - 30 * max(0, w - 8)))
        for w in range(weeks)
    )
    return FatiguePicture(
        as_of, weeks, tuple(LiftPicture(i, n, tuple(p)) for i, (n, p) in enumerate(lifts.items(), 1)), load, hard, readiness,
        form,
    )


WARNING_REPORT = FatigueReport(
    AS_OF,
    Verdict.WARNING,
    "Warning: squat and Romanian deadlift falling together for 3 weeks: deload next session",
    (
        Flag(
            "decline", "warning", "Barbell back squat",
            "Barbell back squat: e1RM 148.5 -> 135.5 kg over 6 sessions (10-24 Nov), -8.8 % vs usual, noise ±2.5 %",
        ),
        Flag(
            "decline", "warning", "Romanian deadlift",
            "Romanian deadlift: e1RM 127 -> 116 kg over 6 sessions (10-24 Nov), -8.7 % vs usual",
        ),
        Flag("effort_creep", "note", "Barbell back squat", "Barbell back squat: 140 kg x 5 at RPE 9.5, usually RPE 8 (3 sessions)"),
    ),
    "next session: a deload, about 60% of your sets at about 90% of your loads",
)

CALM_REPORT = FatigueReport(AS_OF, Verdict.NONE, "No fatigue: performance is within your usual range", ())
