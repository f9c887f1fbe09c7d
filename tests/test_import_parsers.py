"""The importers as plain functions: every export variant and every real-export quirk, read
into WorkoutRecords (no database)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from backlegs_tui.domain.model import SetType, Unit
from backlegs_tui.exchange import common, fitnotes, hevy, matching, strong
from backlegs_tui.exchange.common import BadFile, NeedsUnit, read_text

DATA = Path(__file__).parent / "data" / "imports"
LB = 0.45359237


def text(name: str) -> str:
    return read_text(DATA / name)


def sets_of(parsed: common.Parsed) -> list:
    return [s for w in parsed.workouts for s in w.sets]


# ---- Strong ---------------------------------------------------------------------------------


def test_strong_2017_needs_a_unit_and_reads_bodyweight_and_multiline_notes() -> None:
    with pytest.raises(NeedsUnit, match="--unit"):
        strong.parse(text("strong_2017.csv"))
    p = strong.parse(text("strong_2017.csv"), unit=Unit.KG)
    assert p.variant == "Strong 2017-2019"
    assert [w.name for w in p.workouts] == ["Legs and back", "Pull day"]
    legs = p.workouts[0]
    assert legs.started_at == datetime(2018, 3, 5, 17, 30)
    assert legs.notes == "First day back"
    squat2 = legs.sets[1]
    assert squat2.weight_kg == 150.0  # 149.99999999999997
    assert squat2.notes == "Felt heavy\nknee ok"
    assert [s.weight_kg for s in legs.sets[2:]] == [0.0, 0.0]  # blank and zero: bodyweight
    # the quoted newline makes the Pull Up rows start one line later
    assert [s.line for s in legs.sets] == [2, 3, 5, 6]


def test_strong_2020_bom_duration_rpe_field_too_many_and_timed_sets() -> None:
    raw = (DATA / "strong_2020.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    p = strong.parse(text("strong_2020.csv"), unit=Unit.KG)
    assert p.variant == "Strong 2020-2023"
    first, second = p.workouts
    assert first.ended_at == datetime(2021, 7, 7, 19, 40, 21)  # 1h 5m
    assert second.ended_at == datetime(2021, 7, 9, 7, 41, 2)  # 31m
    assert [s.rpe for s in first.sets[:2]] == [8.0, 8.5]
    pulldown = first.sets[2]
    assert pulldown.exercise == "Lat Pulldown (Cable)"
    assert pulldown.notes == "wide grip, slow negatives"
    assert pulldown.rpe is None
    (plank,) = [s for s in sets_of(p) if s.exercise == "Plank"]  # seconds, no reps: a timed set
    assert (plank.reps, plank.duration_s, plank.distance_m, plank.line) == (1, 60, None, 9)
    assert p.skipped == []


def test_strong_in_lb_is_converted_to_kg() -> None:
    p = strong.parse(text("strong_2017.csv"), unit=Unit.LB)
    assert p.workouts[1].sets[0].weight_kg == pytest.approx(180 * LB, abs=0.001)


def test_strong_semicolon_with_unit_columns_and_decimal_commas() -> None:
    p = strong.parse(text("strong_semicolon_units.csv"))
    assert p.variant == "Strong with unit columns" and p.unit == "per row"
    weights = [s.weight_kg for s in sets_of(p)]
    assert weights[0] == pytest.approx(225 * LB, abs=0.001)
    assert weights[1:] == [102.5, 50.0]
    assert sets_of(p)[1].rpe == 8.5


@pytest.mark.parametrize("name", ["strong_2024.csv", "strong_2024_comma.csv"])
def test_strong_2024_quoted_with_set_types_and_rest_timers(name: str) -> None:
    p = strong.parse(text(name))
    assert p.variant == "Strong 2024+" and p.unit == "kg"
    legs, back = p.workouts
    assert [s.set_type for s in legs.sets] == [SetType.WARMUP, SetType.WORKING, SetType.FAILURE, SetType.WORKING]
    assert legs.ended_at == datetime(2024, 3, 4, 18, 35)  # 3900 s
    assert legs.notes == "Good session"
    assert legs.sets[2].notes == "grinder"
    assert back.sets[1].weight_kg == 0.0
    # the rest timer row is no set: listed with its line and why
    assert [(s.line, s.reason) for s in p.skipped] == [(5, "a rest timer, not a set")]


def test_strong_bad_rows_are_skipped_with_line_and_reason() -> None:
    p = strong.parse(text("strong_bad_rows.csv"), unit=Unit.KG)
    reasons = {s.line: s.reason for s in p.skipped}
    assert set(reasons) == {3, 4, 5, 6}
    assert "yesterday" in reasons[3]
    assert "negative" in reasons[4]
    assert "heavy" in reasons[5] and "not a number" in reasons[5]
    assert "fields" in reasons[6]
    assert len(sets_of(p)) == 2


# ---- Hevy -----------------------------------------------------------------------------------


def test_hevy_kg_newest_first_set_types_and_literal_newlines() -> None:
    p = hevy.parse(text("hevy_kg.csv"))
    assert p.variant == "Hevy (kg)"
    back, legs = p.workouts  # oldest first, whatever the file's order
    assert back.started_at == datetime(2026, 4, 7, 18, 2)
    assert legs.started_at == datetime(2026, 4, 9, 17, 18)
    assert legs.ended_at == datetime(2026, 4, 9, 18, 20)
    assert legs.notes == "Deload week\nfelt fresh"
    assert [s.set_type for s in legs.sets] == [
        SetType.WARMUP, SetType.WORKING, SetType.FAILURE, SetType.WORKING, SetType.DROP,
    ]
    # exercise notes belong to the exercise: on its first set only
    assert [s.notes for s in legs.sets[:3]] == ["Belt on top sets\nknees out", "", ""]
    assert back.sets[0].weight_kg == 0.0
    assert back.sets[1].weight_kg == 70.0  # 70.00000000000001
    (treadmill,) = [s for s in sets_of(p) if s.exercise == "Treadmill"]  # 1.5 km in 600 s
    assert (treadmill.reps, treadmill.duration_s, treadmill.distance_m) == (1, 600, 1500.0)


def test_hevy_lb_with_us_dates() -> None:
    p = hevy.parse(text("hevy_lb.csv"))
    assert p.unit == "lb"
    legs, pull = p.workouts
    assert pull.started_at == datetime(2026, 5, 7, 6, 13)
    assert legs.started_at == datetime(2026, 5, 5, 17, 45)
    assert pull.sets[0].weight_kg == pytest.approx(315 * LB, abs=0.001)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("9 Apr 2026, 17:18", datetime(2026, 4, 9, 17, 18)),
        ("9 Sept 2026, 17:18", datetime(2026, 9, 9, 17, 18)),
        ("May 7, 2026, 6:13 AM", datetime(2026, 5, 7, 6, 13)),
        ("May 7, 2026, 6:13\u202fPM", datetime(2026, 5, 7, 18, 13)),
        ("2021-07-07 18:35:21", datetime(2021, 7, 7, 18, 35, 21)),
        ("2021-07-07T18:35:21", datetime(2021, 7, 7, 18, 35, 21)),
        ("2021-07-07", datetime(2021, 7, 7)),
    ],
)
def test_dates_in_every_locale_we_know(written: str, expected: datetime) -> None:
    assert common.parse_datetime(written) == expected


@pytest.mark.parametrize("written", ["", "yesterday", "31 Feb 2026, 10:00", "1 Jan 1800, 10:00"])
def test_bad_dates_are_row_errors(written: str) -> None:
    with pytest.raises(common.RowError):
        common.parse_datetime(written)


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("1h 5m", 3900), ("31m", 1860), ("45s", 45), ("1h", 3600), ("3900", 3900), ("1:05:00", 3900), ("", None), ("?", None)],
)
def test_durations(written: str, seconds: int | None) -> None:
    d = common.parse_duration(written)
    assert (d.total_seconds() if d else None) == seconds


# ---- FitNotes -------------------------------------------------------------------------------


def test_fitnotes_groups_rows_by_date() -> None:
    p = fitnotes.parse(text("fitnotes_kgs.csv"))
    assert p.variant == "FitNotes (kg)"
    first, second = p.workouts
    assert first.started_at == datetime(2019, 6, 1)
    assert first.name == "Legs + Back"
    assert [s.exercise for s in first.sets] == ["Barbell Squat", "Barbell Squat", "Deadlift", "Pull Up"]
    assert first.import_key == "fitnotes:2019-06-01"
    assert second.name == "Legs + Abs"  # the plank is stored now
    (plank,) = [s for s in sets_of(p) if s.exercise == "Plank"]  # 0:01:30
    assert (plank.reps, plank.duration_s, plank.weight_kg) == (1, 90, 0.0)


def test_fitnotes_lbs_and_per_row_units() -> None:
    lbs = fitnotes.parse(text("fitnotes_lbs.csv"))
    assert sets_of(lbs)[0].weight_kg == pytest.approx(225 * LB, abs=0.001)
    per_row = fitnotes.parse(text("fitnotes_unit.csv"))
    assert per_row.unit == "per row"
    assert [round(s.weight_kg, 3) for s in sets_of(per_row)] == [100.0, round(225 * LB, 3), 60.0]


# ---- files that are not what they claim --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_empty_and_binary_files(tmp_path: Path, data: bytes, message: str) -> None:
    f = tmp_path / "x.csv"
    f.write_bytes(data)
    with pytest.raises(BadFile, match=message):
        read_text(f)


def test_other_columns_say_what_the_file_looks_like() -> None:
    with pytest.raises(BadFile, match="not a Strong export.*looks like a Hevy export"):
        strong.parse(text("hevy_kg.csv"))
    with pytest.raises(BadFile, match="not a Hevy export.*its columns: a, b"):
        hevy.parse("a,b\n1,2\n")


def test_a_truncated_last_row_is_a_bad_file() -> None:
    cut = text("strong_2020.csv")
    cut = cut[: cut.rindex("Pull Up") + 12]  # mid-row, no final newline
    with pytest.raises(BadFile, match="truncated"):
        strong.parse(cut, unit=Unit.KG)


def test_a_truncated_quoted_note_is_a_bad_file() -> None:
    cut = text("strong_2017.csv")
    cut = cut[: cut.index("Felt heavy") + 5]
    with pytest.raises(BadFile, match="truncated"):
        strong.parse(cut, unit=Unit.KG)


def test_utf16_and_cp1252_files_are_read() -> None:
    body = "Date,Exercise,Category,Weight (kgs),Reps\n2019-06-01,Kniebeuge ä,Legs,100,5\n"
    assert sets_of(fitnotes.parse(common.decode(body.encode("utf-16"))))[0].exercise == "Kniebeuge ä"
    assert sets_of(fitnotes.parse(common.decode(body.encode("cp1252"))))[0].exercise == "Kniebeuge ä"


def test_delimiters_are_sniffed_from_the_header() -> None:
    assert common.sniff_delimiter('"a,b";"c";"d"\n') == ";"
    assert common.sniff_delimiter("a,b,c\n") == ","
    assert common.sniff_delimiter("a\tb\tc\n") == "\t"


# ---- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Squat (Barbell)", "Barbell back squat"),
        ("Deadlift (Barbell)", "Conventional deadlift"),
        ("Bent Over Row (Barbell)", "Barbell row"),
        ("Lat Pulldown (Cable)", "Lat pulldown"),
        ("Pull Up", "Pull-up"),
        ("Romanian Deadlift (Barbell)", "Romanian deadlift"),
        ("Leg Press", "Leg press"),
        ("Face Pull (Cable)", "Face pull"),
        ("Barbell Squat", "Barbell back squat"),
        ("Deadlift", "Conventional deadlift"),
        ("LAT PULLDOWN", "Lat pulldown"),
        ("Triceps Pushdown (Cable - Straight Bar)", "Triceps pushdown"),
        ("Squat (Smith Machine)", "Squat (Smith Machine)"),
        ("Hack  Squat (Machine)", "Hack squat"),  # in the catalogue since issue 9
        ("Hack Squat (Smith Machine)", "Hack Squat (Smith Machine)"),
        ("Pull Up (Assisted)", "Assisted pull-up"),
        ("Hip Thrust (Barbell)", "Hip thrust"),
        ("Farmer's Walk", "Farmer carry"),
        ("Plank", "Plank"),
        ("Dead Hang (Bodyweight)", "Dead hang"),
        ("Chin Up", "Chin-up"),
        ("Seated Row (Cable)", "Seated cable row"),
        ("Chest Supported Incline Row (Dumbbell)", "Chest-supported row"),
        ("Calf Raise (Machine)", "Calf raise"),
        ("Bulgarian Split Squat", "Bulgarian split squat"),
        ("Back Extension (Hyperextension)", "Back extension"),
        ("Pull Through (Cable)", "Pull-through"),
    ],
)
def test_names_are_matched_only_when_clearly_the_same_lift(written: str, stored: str) -> None:
    assert matching.canonical(written) == stored


def test_new_exercises_get_sensible_defaults() -> None:
    hack = matching.draft_for("Hack Squat (Machine)", False)
    assert hack.equipment == "machine" and hack.primary == ("quads", "glutes") and hack.kind.value == "compound"
    curl = matching.draft_for("Nordic Hamstring Curl", True)
    assert curl.primary == ("hamstrings",) and curl.kind.value == "isolation" and curl.bodyweight
    stiff = matching.draft_for("Deficit Deadlift (Barbell)", False)
    assert stiff.spinal_load.value == "high"
    unknown = matching.draft_for("Zercher Carry", False)
    assert unknown.primary == () and unknown.spinal_load.value == "low"


def test_windows_line_ends_read_the_same() -> None:
    unix = strong.parse(text("strong_2017.csv"), unit=Unit.KG)
    crlf = strong.parse(text("strong_2017.csv").replace("\n", "\r\n"), unit=Unit.KG)
    assert [s.notes for s in sets_of(crlf)] == [s.notes.replace("\n", "\r\n") for s in sets_of(unix)]
    assert [s.line for s in sets_of(crlf)] == [s.line for s in sets_of(unix)]


def test_a_trailing_delimiter_is_not_a_note() -> None:
    body = text("strong_2020.csv").splitlines()
    body[1] += ","  # a field too many, empty
    p = strong.parse("\n".join(body) + "\n", unit=Unit.KG)
    assert p.workouts[0].sets[0].rpe == 8.0 and p.skipped == []
