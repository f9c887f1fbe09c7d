"""Settings: the unit weights are shown and typed in, the bar and the plate sizes you own.

The bar and plates are kept per unit (a kg gym and an lb gym are different inventories):
switching the unit field to lb shows the lb bar and plates, labelled (lb), at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from textual import on
from textual.widgets import Input, Label

from ..domain.model import Settings, Unit
from ..domain.validation import InputError
from .dialogs import FieldSpec, FormDialog


def _unit(text: str) -> Unit:
    key = text.strip().lower()
    if key in ("kg", "kgs", "kilo", "kilos"):
        return Unit.KG
    if key in ("lb", "lbs", "pound", "pounds"):
        return Unit.LB
    raise InputError("Unit is kg or lb")


def _positive(text: str, what: str, top: float) -> float:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(f"{what} must be a number") from None
    if not 0 < value <= top:
        raise InputError(f"{what} must be above 0 and at most {top:g}")
    return value


def _bar(text: str) -> float:
    return _positive(text, "Bar weight", 100)


def _plates(text: str) -> tuple[float, ...]:
    parts = [p for p in text.replace(";", " ").replace(",", " ").split() if p]
    if not parts:
        raise InputError("List at least one plate size, e.g. 25 20 15 10 5 2.5 1.25")
    return tuple(sorted({_positive(p, "Each plate", 100) for p in parts}, reverse=True))


SENSITIVITIES = ("low", "normal", "high")


def _sensitivity(text: str) -> str:
    key = text.strip().lower()
    if key not in SENSITIVITIES:
        raise InputError("Fatigue sensitivity is low, normal or high")
    return key


def _share(text: str, what: str, low: int) -> float:
    """A percentage of the usual (`60`, `60 %` or `0.6`) as a fraction from low % to 100 %."""
    raw = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"{what} is a percentage from {low} to 100, e.g. 60") from None
    value = value / 100 if value > 1 else value
    if not low / 100 <= value <= 1:
        raise InputError(f"{what} is a percentage from {low} to 100, e.g. 60")
    return round(value, 3)


FATIGUE_KEYS = ("fatigue_sensitivity", "deload_sets", "deload_load")


def _fatigue_fields(s: Settings) -> list[FieldSpec]:
    """How readily fatigue is flagged, and the deload the Session start offers (issue 7)."""
    return [
        FieldSpec("fatigue_sensitivity", "Fatigue: low/normal/high", s.fatigue_sensitivity, parse=_sensitivity),
        FieldSpec("deload_sets", "Deload: % of the sets", f"{s.deload_sets * 100:g}", parse=lambda t: _share(t, "Deload sets", 20)),
        FieldSpec("deload_load", "Deload: % of the load", f"{s.deload_load * 100:g}", parse=lambda t: _share(t, "Deload load", 50)),
    ]


MESOCYCLE_MAX = 16  # weeks
DELOAD_EVERY_MAX = 12  # weeks


def _mesocycle(text: str) -> int:
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MESOCYCLE_MAX:
        raise InputError(f"Mesocycle: a whole number of weeks from 1 to {MESOCYCLE_MAX}")
    return int(raw)


def _deload_every(text: str) -> int:
    """0 (or empty, or "off"): a deload week only on demand (L in Plan mode)."""
    raw = text.strip().lower()
    if raw in ("", "off", "no", "never"):
        return 0
    if not (raw.isascii() and raw.isdigit()) or not (int(raw) == 0 or 2 <= int(raw) <= DELOAD_EVERY_MAX):
        raise InputError(f"Deload every: 0 (on demand only) or 2 to {DELOAD_EVERY_MAX} weeks")
    return int(raw)


PERIOD_KEYS = ("mesocycle_weeks", "deload_every_weeks")


def _plan_fields(s: Settings) -> list[FieldSpec]:
    """Weekly landmarks per muscle, the Plan checks' and the Volume view's (issue 10), the
    mesocycle's length and a deload week every N weeks (0: only on demand, L in Plan mode)."""
    from ..domain.plan_input import format_all_landmarks, parse_all_landmarks

    return [
        FieldSpec("landmarks", "Landmarks: MV MEV MAV MRV", format_all_landmarks(s.landmarks),
                  parse=parse_all_landmarks),
        FieldSpec("mesocycle_weeks", "Mesocycle: weeks", str(s.mesocycle_weeks), parse=_mesocycle),
        FieldSpec("deload_every_weeks", "Deload every N weeks", str(s.deload_every_weeks),
                  parse=_deload_every),
    ]


def check_period(values: dict[str, Any]) -> str | None:
    """One line when the mesocycle and the deload rhythm do not fit together, else None."""
    weeks, every = values.get("mesocycle_weeks"), values.get("deload_every_weeks")
    if weeks is not None and every and every > weeks:
        return f"Deload every {every} weeks is past the {weeks}-week mesocycle: {weeks} at most"
    return None


def inventory_text(bar: float, plates: Sequence[float]) -> tuple[str, str]:
    """A bar and plates as the forms show them: ("20", "25 20 15 10")."""
    return f"{bar:g}", " ".join(f"{p:g}" for p in plates)


def _inventory(s: Settings, unit: Unit) -> tuple[str, str]:
    """The bar and the plates kept for `unit`, as the form shows them."""
    return inventory_text(*((s.bar_kg, s.plates_kg) if unit is Unit.KG else (s.bar_lb, s.plates_lb)))


def typed_unit(text: str, current: Unit) -> Unit | None:
    """The unit a unit field now says when it is another than `current` (the bar and plates
    then follow it); None while half typed or unchanged."""
    try:
        unit = _unit(text)
    except InputError:
        return None
    return None if unit is current else unit


def bar_label(unit: Unit) -> str:
    return f"Bar ({unit.value})"


def plates_label(unit: Unit) -> str:
    return f"Plates you own ({unit.value})"


class SettingsDialog(FormDialog):
    """The settings form; its labels and the bar and plates follow the unit typed. The fields
    scroll (at 80x24 they do not all fit): Tab and Enter move the focus, and the focused field
    is scrolled into view."""

    def __init__(self, s: Settings) -> None:
        bar, plates = _inventory(s, s.unit)
        super().__init__(
            "Settings",
            [
                FieldSpec("unit", "Unit (kg or lb)", s.unit.value, parse=_unit),
                FieldSpec("bar", bar_label(s.unit), bar, parse=_bar),
                FieldSpec("plates", plates_label(s.unit), plates, parse=_plates),
                *_fatigue_fields(s),
                *_plan_fields(s),
            ],
            hint="Bar and plates in the unit shown · Enter: next/save · Esc: cancel",
        )
        self.settings = s
        self.unit = s.unit

    def action_submit(self) -> None:
        out = self.parsed()
        if out is None:
            return
        problem = check_period(out)
        if problem is not None:
            self.show_error(problem)
            self.query_one("#f-deload_every_weeks", Input).focus()
            return
        if not self.settings.mesocycle_start and (
            out["deload_every_weeks"] or out["mesocycle_weeks"] != self.settings.mesocycle_weeks
        ):
            # the deload rhythm counts from a mesocycle's first Monday: this week's
            today = self.app.clock().date() if hasattr(self.app, "clock") else date.today()
            out["mesocycle_start"] = (today - timedelta(days=today.weekday())).isoformat()
        self.dismiss(out)

    @on(Input.Changed, "#f-unit")
    def _unit_typed(self, event: Input.Changed) -> None:
        unit = typed_unit(event.value, self.unit)
        if unit is None:
            return
        self.unit = unit
        bar, plates = _inventory(self.settings, unit)
        self.query_one("#f-bar", Input).value = bar
        self.query_one("#f-plates", Input).value = plates
        labels = list(self.query(Label))
        labels[1].update(bar_label(unit))
        labels[2].update(plates_label(unit))


def settings_dialog(s: Settings) -> FormDialog:
    """A form prefilled with `s`; the bar and plates are shown in the unit chosen."""
    return SettingsDialog(s)


def apply_settings(s: Settings, values: dict[str, Any]) -> Settings:
    """New settings from the form's values; the bar and plates were typed in the unit the
    form shows when it is saved (the unit chosen), and are stored for that unit (kg and lb
    inventories are kept apart)."""
    unit = values["unit"]
    if unit is Unit.KG:
        s = replace(s, bar_kg=values["bar"], plates_kg=values["plates"])
    else:
        s = replace(s, bar_lb=values["bar"], plates_lb=values["plates"])
    s = replace(s, **{k: values[k] for k in FATIGUE_KEYS if k in values})
    s = replace(s, **{k: values[k] for k in ("landmarks", *PERIOD_KEYS, "mesocycle_start") if k in values})
    return replace(s, unit=unit)
