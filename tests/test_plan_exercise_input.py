"""The exercise form's parser: every bad field gets its own message; good fields make a draft."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.exercise_input import ExerciseFields, FormErrors, fields_of, parse_exercise, parse_rest
from backlegs_tui.domain.model import Exercise, ExerciseKind, SpinalLoad, Unit

KNOWN = ["Leg press", "Barbell back squat"]


def good(**kw) -> ExerciseFields:
    base = dict(name="  Hack   squat ", primary="Quads, glutes", secondary="hamstrings", rest="2:30",
                increment="5", alternatives="leg press")
    return ExerciseFields(**{**base, **kw})


def test_good_fields_make_a_clean_draft() -> None:
    d = parse_exercise(good(spinal_load=SpinalLoad.MODERATE), Unit.KG, KNOWN)
    assert d.name == "Hack squat"
    assert d.primary == ("quads", "glutes") and d.secondary == ("hamstrings",)
    assert d.rest_s == 150 and d.increment_kg == 5.0
    assert d.alternatives == ("Leg press",)
    assert d.spinal_load is SpinalLoad.MODERATE


def test_increment_typed_in_pounds_is_stored_in_kg() -> None:
    assert parse_exercise(good(increment="5"), Unit.LB, KNOWN).increment_kg == pytest.approx(2.268, abs=1e-3)


def test_every_bad_field_is_reported_at_once() -> None:
    bad = ExerciseFields(name=" ", primary="quadz", secondary="", rest="ninety", increment="-1",
                         alternatives="Hack squat, Nope", equipment="")
    with pytest.raises(FormErrors) as info:
        parse_exercise(bad, Unit.KG, KNOWN)
    errors = info.value.errors
    assert errors["name"] == "Name is blank"
    assert errors["primary"].startswith("Primary: unknown muscle 'quadz'; use back, lower back")
    assert errors["rest"] == "Rest must be m:ss (1:30) or seconds (90), not 'ninety'"
    assert errors["increment"] == "Increment must be above 0"
    assert errors["alternatives"] == "No exercise called 'Nope'"
    assert errors["equipment"].startswith("Equipment: one word")


@pytest.mark.parametrize(
    "fields,key,message",
    [
        (good(primary=""), "primary", "Name at least one primary muscle (e.g. quads, glutes)"),
        (good(secondary="quads"), "secondary", "quads is already primary"),
        (good(rest="5"), "rest", "Rest must be from 0:10 to 15:00"),
        (good(increment="abc"), "increment", "Increment must be a number, not 'abc'"),
        (good(increment="80"), "increment", "Increment over 50 kg: check the number"),
        (good(alternatives="hack squat"), "alternatives", "An exercise cannot be its own alternative"),
        (good(name="x" * 121), "name", "Name is longer than 120 characters"),
    ],
)
def test_one_bad_field(fields: ExerciseFields, key: str, message: str) -> None:
    with pytest.raises(FormErrors) as info:
        parse_exercise(fields, Unit.KG, KNOWN)
    assert info.value.errors == {key: message}


def test_rest_reads_seconds_and_minutes() -> None:
    assert parse_rest("90") == 90
    assert parse_rest("3:00") == 180
    with pytest.raises(ValueError, match="m:ss"):
        parse_rest("3:0")


def test_fields_of_round_trips_a_saved_exercise() -> None:
    ex = Exercise(3, "Pull-up", ("back",), ("biceps",), SpinalLoad.LOW, ExerciseKind.COMPOUND, "bodyweight",
                  150, 1.25, True, (7,))
    f = fields_of(ex, Unit.KG, {7: "Lat pulldown"})
    # rest in m:ss, as the plan item form shows it (finding 20, tester2); seconds still read
    assert (f.primary, f.rest, f.increment, f.alternatives, f.bodyweight) == ("back", "2:30", "1.25", "Lat pulldown", True)
    assert parse_rest(f.rest) == 150 and ExerciseFields().rest == "2:00"
    draft = parse_exercise(f, Unit.KG, ["Lat pulldown"])
    assert (draft.name, draft.rest_s, draft.increment_kg, draft.bodyweight) == ("Pull-up", 150, 1.25, True)
