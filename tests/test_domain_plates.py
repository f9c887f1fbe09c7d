"""Plates per side and warm-up ramps: exact loads, loads the plates cannot make, the bar."""

from __future__ import annotations

import pytest

from backlegs_tui.domain.model import Settings, Unit
from backlegs_tui.domain.plates import plates_per_side, round_to_plates
from backlegs_tui.domain.warmup import warmup_sets

KG = Settings().plates_kg
LB = Settings().plates_lb


def test_default_inventories_follow_the_domain_notes() -> None:
    s = Settings()
    assert (s.bar, s.plates) == (20.0, (25, 20, 15, 10, 5, 2.5, 1.25))
    lb = Settings(unit=Unit.LB)
    assert (lb.bar, lb.plates) == (45.0, (45, 35, 25, 10, 5, 2.5))


@pytest.mark.parametrize(
    ("target", "per_side"),
    [
        (20, ()),
        (22.5, (1.25,)),
        (60, (20,)),
        (100, (25, 15)),
        (102.5, (25, 15, 1.25)),
        (140, (25, 25, 10)),
        (142.5, (25, 25, 10, 1.25)),
        (187.5, (25, 25, 25, 5, 2.5, 1.25)),
        (250, (25, 25, 25, 25, 15)),
    ],
)
def test_exact_kg_loads(target: float, per_side: tuple[float, ...]) -> None:
    load = plates_per_side(target, 20, KG)
    assert load.per_side == per_side
    assert load.exact and load.total == target and not load.below_bar


@pytest.mark.parametrize(
    ("target", "per_side"),
    [(45, ()), (95, (25,)), (135, (45,)), (225, (45, 45)), (315, (45, 45, 45)), (185, (45, 25)), (140, (45, 2.5))],
)
def test_exact_lb_loads(target: float, per_side: tuple[float, ...]) -> None:
    load = plates_per_side(target, 45, LB)
    assert load.per_side == per_side and load.exact


@pytest.mark.parametrize(
    ("target", "bar", "inventory", "nearest"),
    [
        (101, 20, KG, 100),  # 1 kg below beats 1.5 kg above
        (102, 20, KG, 102.5),  # 0.5 kg above beats 2 kg below
        (21, 20, KG, 20),  # nearer the empty bar than the first 1.25 pair
        (23, 20, KG, 22.5),
        (136, 45, LB, 135),
        (139, 45, LB, 140),
        (105, 20, (20, 10), 100),  # a plate set that moves in 20 kg steps
        (110, 20, (20, 10), 100),  # a tie keeps the lighter load
        (112, 20, (20, 10), 120),
    ],
)
def test_loads_the_plates_cannot_make_give_the_nearest(target, bar, inventory, nearest) -> None:
    load = plates_per_side(target, bar, inventory)
    assert load.total == nearest
    assert load.exact is False
    assert f"(nearest to {target:g})" in load.describe()
    assert round_to_plates(target, bar, inventory) == nearest


@pytest.mark.parametrize(
    ("target", "inventory", "per_side"),
    [
        (80, (20, 15), (15, 15)),  # heaviest first would stop at one 20 and miss it
        (100, (25, 20), (20, 20)),
        (150, (25, 20), (25, 20, 20)),
    ],
)
def test_inventories_where_heaviest_first_is_not_enough(target, inventory, per_side) -> None:
    load = plates_per_side(target, 20, inventory)
    assert load.per_side == per_side and load.exact


def test_fewest_plates_heaviest_first() -> None:
    # 30 per side from 25/20/15/10/5: two plates (25 + 5 or 20 + 10 or 15 + 15); heaviest first
    assert plates_per_side(80, 20, (25, 20, 15, 10, 5)).per_side == (25, 5)


@pytest.mark.parametrize("target", [0, 10, 19.9])
def test_below_the_bar(target: float) -> None:
    load = plates_per_side(target, 20, KG)
    assert load.below_bar and load.per_side == () and not load.exact
    assert load.describe() == "below the 20 kg bar"
    assert round_to_plates(target, 20, KG) == 20


def test_the_empty_bar() -> None:
    load = plates_per_side(20, 20, KG)
    assert load.exact and not load.below_bar and load.describe() == "empty bar"


def test_no_plates_at_all() -> None:
    load = plates_per_side(60, 20, ())
    assert load.per_side == () and load.total == 20 and not load.exact


def test_describe() -> None:
    assert plates_per_side(102.5, 20, KG).describe() == "25 + 15 + 1.25 per side"
    assert plates_per_side(225, 45, LB).describe("lb") == "45 + 45 per side"
    assert plates_per_side(101, 20, KG).describe() == "25 + 15 per side = 100 kg (nearest to 101)"


def test_float_artefacts_still_count_as_exact() -> None:
    assert plates_per_side(149.99999999999997, 20, KG).exact


# ---- warm-up ramp ------------------------------------------------------------------------


def _ramp(working: float, bar: float = 20, inventory=KG) -> list[tuple[float, int]]:
    return [(w.weight, w.reps) for w in warmup_sets(working, bar, inventory)]


def test_ramp_for_100_kg_is_bar_40_60_80() -> None:
    assert _ramp(100) == [(20, 10), (40, 5), (60, 3), (80, 2)]


def test_ramp_steps_round_to_the_plates() -> None:
    # 40 % of 60 = 24 -> 25, 60 % = 36 -> 35, 80 % = 48 -> 47.5
    assert _ramp(60) == [(20, 10), (25, 5), (35, 3), (47.5, 2)]
    assert all(w.plates.exact for w in warmup_sets(60, 20, KG))


def test_ramp_in_pounds() -> None:
    # 40 % of 225 = 90 -> 95 (nearer than 90's impossible pair), 135, 180 -> 185 or 180
    ramp = _ramp(225, 45, LB)
    assert ramp[0] == (45, 10)
    assert [r for _, r in ramp] == [10, 5, 3, 2]
    assert all(w < 225 for w, _ in ramp)
    assert all(plates_per_side(w, 45, LB).exact for w, _ in ramp)


def test_steps_that_collapse_onto_the_bar_are_dropped() -> None:
    assert _ramp(30) == [(20, 10), (25, 2)]  # 40 % and 60 % round to the bar
    assert _ramp(25) == [(20, 10)]


def test_a_working_weight_at_or_below_the_bar_gets_no_warm_up() -> None:
    """A warm-up is lighter than the working set: 15 kg x 5 is not warmed up with the 20 kg bar."""
    assert _ramp(20) == []
    assert _ramp(15) == []
    assert _ramp(0) == []
    assert _ramp(45, 45, LB) == [] and _ramp(22.5) == [(20, 10)]


def test_calc_at_or_below_the_bar_suggests_no_warm_up(capsys) -> None:
    from backlegs_tui.cli import main

    assert main(["calc", "15", "5"]) == 0
    out = capsys.readouterr().out
    assert "20 x 10" not in out
    assert "  warm-up       none: 15 kg is not above the 20 kg bar" in out.splitlines()
    assert main(["calc", "100", "5"]) == 0
    assert "  warm-up       20 x 10, 40 x 5, 60 x 3, 80 x 2" in capsys.readouterr().out.splitlines()


def test_ramp_weights_rise_and_stay_below_the_working_weight() -> None:
    for working in (45, 62.5, 87.5, 120, 142.5, 200, 260):
        ramp = _ramp(working)
        weights = [w for w, _ in ramp]
        assert weights == sorted(set(weights))
        assert weights[0] == 20 and weights[-1] < working
