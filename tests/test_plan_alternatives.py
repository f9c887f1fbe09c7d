"""Finding 13 (tester2): a plan item with no alternatives of its own showed its exercise's
catalogue alternatives in the plan as if the item stored them, while its form showed none.
The plan now marks the catalogue's in parentheses, and the form's blank field names them."""

from __future__ import annotations

from backlegs_tui.domain.model import Exercise, PlanItem
from backlegs_tui.domain.plan_input import item_alternatives
from backlegs_tui.ui.widgets.plan_detail import _alternatives

NAMES = {1: "Leg curl", 2: "Glute-ham raise", 3: "Nordic curl"}
LEG_CURL = Exercise(1, "Leg curl", alternative_ids=(2,))


def test_the_items_own_alternatives_are_shown_plain_and_the_catalogues_marked() -> None:
    assert item_alternatives((3,), (2,), NAMES) == ("Nordic curl", False)
    assert item_alternatives((), (2,), NAMES) == ("Glute-ham raise", True)
    assert item_alternatives((), (), NAMES) == ("", False)
    own = PlanItem(1, "Leg curl", 3, 3, 10, 12, alternative_ids=(3,))
    stored_none = PlanItem(1, "Leg curl", 3, 3, 10, 12)
    assert _alternatives(own, LEG_CURL, NAMES) == "Nordic curl"
    # not stored on the item: in parentheses, so an empty form field does not contradict it
    assert _alternatives(stored_none, LEG_CURL, NAMES) == "(Glute-ham raise)"
    assert _alternatives(stored_none, Exercise(1, "Leg curl"), NAMES) == "-"
