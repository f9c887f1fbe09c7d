"""Property tests (hypothesis) for the domain core and every parser of what the lifter
types: the numbers keep their promises on any input, a parser either returns a value the
store's own checks accept or raises its one-line error, never anything else, never slowly."""

from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from backlegs_tui.domain import exercise_input, plan_input, validation
from backlegs_tui.domain.e1rm import (
    CHART_MAX_REPS,
    EPLEY_MAX_REPS,
    chart_percent,
    chart_weight,
    e1rm,
)
from backlegs_tui.domain.exercise_input import ExerciseFields, FormErrors
from backlegs_tui.domain.model import Exercise, ExerciseKind, SpinalLoad, Unit
from backlegs_tui.domain.plates import MAX_PLATES_PER_SIDE, plates_per_side
from backlegs_tui.domain.text import has_control, printable
from backlegs_tui.domain.validation import InputError
from backlegs_tui.domain.volume import muscle_sets, weekly_volume

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

loads = st.floats(min_value=0.5, max_value=1000, allow_nan=False)
half_rpe = st.integers(min_value=14, max_value=20).map(lambda n: n / 2)  # 7 .. 10
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["", " ", "nan", "inf", "-inf", "1e309", "1_000", "²", "٣", "9" * 5000, "1,5", "0x10",
                     "\x00", "\x1b[2J", "1e-9", "-0", "+5", "  12  ", "8.5", "10.0001", "½", "\ud800"]),
)


# ---- e1RM, the chart ---------------------------------------------------------------------


@FAST
@given(w1=loads, w2=loads, reps=st.integers(1, EPLEY_MAX_REPS), rpe=st.one_of(st.none(), half_rpe))
def test_e1rm_is_monotone_in_load(w1: float, w2: float, reps: int, rpe: float | None) -> None:
    lo, hi = sorted((w1, w2))
    a, b = e1rm(lo, reps, rpe), e1rm(hi, reps, rpe)
    assert a is not None and b is not None
    assert a <= b + 1e-9
    assert a >= lo - 1e-9  # never below the load lifted


@FAST
@given(w=loads, r1=st.integers(1, CHART_MAX_REPS), r2=st.integers(1, CHART_MAX_REPS), rpe=st.one_of(st.none(), half_rpe))
def test_e1rm_is_monotone_in_reps(w: float, r1: int, r2: int, rpe: float | None) -> None:
    lo, hi = sorted((r1, r2))
    a, b = e1rm(w, lo, rpe), e1rm(w, hi, rpe)
    if a is not None and b is not None:
        assert a <= b + 1e-9


@FAST
@given(reps=st.integers(1, CHART_MAX_REPS), rpe=st.integers(13, 20).map(lambda n: n / 2), e=loads)
def test_the_chart_stays_within_its_bounds(reps: int, rpe: float, e: float) -> None:
    pct = chart_percent(reps, rpe)
    assert 0 < pct <= 100
    assert 0 < chart_weight(e, reps, rpe) <= e + 1e-9


@FAST
@given(w=st.floats(allow_nan=True, allow_infinity=True), reps=st.integers(-5, 500), rpe=st.one_of(st.none(), st.floats()))
def test_e1rm_never_raises_and_is_none_or_positive(w: float, reps: int, rpe: float | None) -> None:
    try:
        value = e1rm(w, reps, rpe)
    except ValueError:
        return  # an RPE off the half steps is refused by the chart, as documented
    assert value is None or value > 0 or value != value


# ---- plates --------------------------------------------------------------------------------

plate_sets = st.lists(
    st.one_of(st.sampled_from([25, 20, 15, 10, 5, 2.5, 1.25, 0.5, 0.25, 45, 35, 1e-9, 1e-5, 0.001]),
              st.floats(min_value=1e-12, max_value=100)),
    min_size=0, max_size=8,
)


@settings(FAST, max_examples=200)  # no too-slow check: a loaded machine is not a bug
@given(target=st.one_of(st.floats(min_value=0, max_value=2000), st.sampled_from([1e300, float("inf"), float("nan"), 0.0])),
       bar=st.sampled_from([0.0, 10.0, 15.0, 20.0, 45.0]), plates=plate_sets)
@example(target=537.3, bar=20.0, plates=[1e-9])
@example(target=1e300, bar=20.0, plates=[25.0, 20.0])
@example(target=100.0, bar=20.0, plates=[0.00001])
def test_plates_sum_to_the_load_they_claim_and_stop_on_tiny_plates(target: float, bar: float, plates: list[float]) -> None:
    start = time.perf_counter()
    load = plates_per_side(target, bar, tuple(plates))
    assert time.perf_counter() - start < 1.0
    assert len(load.per_side) <= MAX_PLATES_PER_SIDE
    assert set(load.per_side) <= set(plates)
    assert abs(load.total - round(bar + 2 * sum(load.per_side), 4)) < 1e-9
    if load.exact:
        assert abs(load.total - target) < 1e-6
    assert list(load.per_side) == sorted(load.per_side, reverse=True)


# ---- volume --------------------------------------------------------------------------------

muscles = st.lists(st.sampled_from(["quads", "glutes", "hamstrings", "lats", "upper back", "erectors"]), max_size=3)


@FAST
@given(pairs=st.lists(st.tuples(muscles, muscles, st.floats(min_value=0, max_value=1e6)), max_size=20),
       days=st.lists(st.tuples(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(0, 5), st.integers(0, 50)),
                     max_size=30))
def test_volume_is_never_negative(pairs, days) -> None:
    exercises = [
        Exercise(id=i, name=f"E{i}", primary=tuple(p), secondary=tuple(s), spinal_load=SpinalLoad.LOW,
                 kind=ExerciseKind.COMPOUND, equipment="barbell", rest_s=120, increment_kg=2.5, bodyweight=False)
        for i, (p, s, _) in enumerate(pairs)
    ]
    assert all(v >= 0 for v in muscle_sets((e, n) for e, (_, _, n) in zip(exercises, pairs)).values())
    weeks = sorted({d - __import__("datetime").timedelta(days=d.weekday()) for d, _, _ in days})[:10]
    for wv in weekly_volume(days, {e.id: e for e in exercises}, weeks):
        assert all(v >= 0 for v in wv.sets.values())


# ---- the parsers of what the lifter types ----------------------------------------------------


@FAST
@given(text=hostile_text, unit=st.sampled_from(list(Unit)), bodyweight=st.booleans())
def test_parse_weight_returns_a_storable_load_or_input_error(text: str, unit: Unit, bodyweight: bool) -> None:
    try:
        kg = validation.parse_weight(text, unit, bodyweight=bodyweight)
    except InputError:
        return
    validation.check_weight_kg(kg)


@FAST
@given(text=hostile_text)
def test_parse_reps_rpe_rir_return_storable_values_or_input_error(text: str) -> None:
    for parse, check in ((validation.parse_reps, validation.check_reps), (validation.parse_rpe, validation.check_rpe),
                         (validation.parse_rir, validation.check_rir)):
        try:
            value = parse(text)
        except InputError:
            continue
        check(value)


@FAST
@given(text=hostile_text)
@example(text="0.00001")
@example(text="1e-9 25")
def test_parse_plates_refuses_tiny_plates(text: str) -> None:
    try:
        plates = validation.parse_plates(text)
    except InputError:
        return
    assert plates and all(validation.MIN_PLATE <= p <= validation.MAX_PLATE for p in plates)


@FAST
@given(text=hostile_text)
@example(text="²")
@example(text="3-²")
@example(text="9" * 5000)
@example(text="Legs\x1b]0;owned\x07")
def test_plan_parsers_return_values_or_input_error(text: str) -> None:
    for parse in (plan_input.parse_sets, plan_input.parse_reps, plan_input.parse_target_rpe):
        try:
            parse(text)
        except InputError:
            pass
    try:
        name = plan_input.parse_plan_name(text)
    except InputError:
        return
    validation.check_text(name, "plan name", max_len=plan_input.PLAN_NAME_MAX, name=True)


@FAST
@given(name=hostile_text, primary=hostile_text, rest=hostile_text, increment=hostile_text, alternatives=hostile_text,
       unit=st.sampled_from(list(Unit)))
@example(name="Squat", primary="quads", rest="²", increment="1", alternatives="", unit=Unit.KG)
@example(name="Squat\x1b[2J", primary="quads", rest="90", increment="2.5", alternatives="", unit=Unit.KG)
def test_the_exercise_form_returns_a_draft_or_form_errors(name, primary, rest, increment, alternatives, unit) -> None:
    fields = ExerciseFields(name=name, primary=primary, rest=rest, increment=increment, alternatives=alternatives)
    try:
        draft = exercise_input.parse_exercise(fields, unit, ["Back squat", "Romanian deadlift"])
    except FormErrors:
        return
    assert draft.name.strip() and 10 <= draft.rest_s <= 900 and 0 < draft.increment_kg <= 50
    validation.check_text(draft.name, "name", name=True)  # what the store would accept from a file
    for parse in (exercise_input.parse_rest, lambda t: exercise_input.parse_increment(t, unit)):
        try:
            parse(rest)
        except ValueError:
            pass


@FAST
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_printable_leaves_no_control_character_and_is_idempotent(text: str) -> None:
    out = printable(text)
    assert not has_control(out)
    assert printable(out) == out
    kept = printable(text, keep_lines=True)
    assert not has_control(kept, allow_lines=True)
