"""What the lifter types: numbers, limits, half steps and units, with a message for each."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.model import Unit
from backlegs_tui.domain.units import LB_PER_KG, clean, format_weight, from_kg, to_kg
from backlegs_tui.domain.validation import InputError, parse_reps, parse_rir, parse_rpe, parse_weight

# ---- weight ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kg"),
    [("100", 100.0), ("102.5", 102.5), ("102,5", 102.5), (" 60 ", 60.0), ("1000", 1000.0), ("0.5", 0.5)],
)
def test_weights_in_kg(text: str, kg: float) -> None:
    assert parse_weight(text, Unit.KG) == kg


@pytest.mark.parametrize(("text", "kg"), [("225", 225 / LB_PER_KG), ("45", 20.41), ("2000", 907.18)])
def test_weights_in_lb_are_stored_in_kg(text: str, kg: float) -> None:
    assert parse_weight(text, Unit.LB) == pytest.approx(kg, abs=0.005)


@pytest.mark.parametrize(
    ("text", "unit", "bodyweight", "message"),
    [
        ("abc", Unit.KG, False, "must be a number"),
        ("10kg", Unit.KG, False, "must be a number"),
        ("", Unit.KG, False, "blank"),
        ("   ", Unit.KG, False, "blank"),
        ("-5", Unit.KG, False, "negative"),
        ("-5", Unit.KG, True, "negative"),
        ("0", Unit.KG, False, "above 0"),
        ("2000", Unit.KG, False, "over 1000 kg"),
        ("1000.5", Unit.KG, False, "over 1000 kg"),
        ("2300", Unit.LB, False, "over 2205 lb"),
        ("nan", Unit.KG, False, "number"),
        ("inf", Unit.KG, False, "number"),
    ],
)
def test_bad_weights(text: str, unit: Unit, bodyweight: bool, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_weight(text, unit, bodyweight=bodyweight)


def test_bodyweight_lifts_take_zero_added_load() -> None:
    assert parse_weight("0", Unit.KG, bodyweight=True) == 0.0
    assert parse_weight("10", Unit.KG, bodyweight=True) == 10.0


def test_input_error_is_a_value_error() -> None:
    assert issubclass(InputError, ValueError)


# ---- reps --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "reps"), [("5", 5), (" 12 ", 12), ("1", 1), ("100", 100), ("8.0", 8)])
def test_reps(text: str, reps: int) -> None:
    assert parse_reps(text) == reps


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "blank"), ("five", "number"), ("5.5", "whole"), ("0", "at least 1"), ("-3", "at least 1"), ("101", "over 100")],
)
def test_bad_reps(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_reps(text)


# ---- RPE and RIR -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "rpe"), [("8", 8.0), ("8.5", 8.5), ("9,5", 9.5), ("10", 10.0), ("1", 1.0), ("6.5", 6.5)])
def test_rpe_in_half_steps(text: str, rpe: float) -> None:
    assert parse_rpe(text) == rpe


@pytest.mark.parametrize("text", ["", "  "])
def test_blank_rpe_and_rir_mean_not_given(text: str) -> None:
    assert parse_rpe(text) is None
    assert parse_rir(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("11", "1 to 10"), ("10.5", "1 to 10"), ("0", "1 to 10"), ("-1", "1 to 10"), ("8.3", "half steps"),
     ("8.25", "half steps"), ("hard", "number")],
)
def test_bad_rpe(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_rpe(text)


@pytest.mark.parametrize(("text", "rir"), [("0", 0.0), ("2", 2.0), ("1.5", 1.5), ("10", 10.0)])
def test_rir(text: str, rir: float) -> None:
    assert parse_rir(text) == rir


@pytest.mark.parametrize(("text", "message"), [("-1", "0 to 10"), ("11", "0 to 10"), ("2.2", "half steps")])
def test_bad_rir(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_rir(text)


# ---- units -------------------------------------------------------------------------------


def test_kg_and_lb_round_trip() -> None:
    assert to_kg(100, Unit.KG) == 100.0
    assert from_kg(100, Unit.KG) == 100.0
    assert to_kg(225, Unit.LB) == pytest.approx(102.06, abs=0.005)
    assert from_kg(to_kg(315, Unit.LB), Unit.LB) == pytest.approx(315)


@pytest.mark.parametrize(
    ("value", "step", "out"),
    [(149.99999999999997, 0.05, 150.0), (102.50000000001, 0.05, 102.5), (101.26, 0.05, 101.25), (7.4, 0.5, 7.5)],
)
def test_clean_rounds_float_artefacts_away(value: float, step: float, out: float) -> None:
    assert clean(value, step) == out


@pytest.mark.parametrize(
    ("kg", "unit", "text"),
    [
        (102.5, Unit.KG, "102.5 kg"),
        (100, Unit.KG, "100 kg"),
        (101.25, Unit.KG, "101.25 kg"),
        (149.99999999999997, Unit.KG, "150 kg"),
        (225 / LB_PER_KG, Unit.LB, "225 lb"),
        (100, Unit.LB, "220.5 lb"),
    ],
)
def test_format_weight(kg: float, unit: Unit, text: str) -> None:
    assert format_weight(kg, unit) == text


def test_format_weight_without_unit() -> None:
    assert format_weight(60, Unit.KG, with_unit=False) == "60"
