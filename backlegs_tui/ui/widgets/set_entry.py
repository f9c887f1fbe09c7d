"""The set entry: weight, reps and effort (RPE or RIR) on one line, all from the keyboard.
Its fields follow the lift's load kind: added load (bodyweight), assistance (assisted), the
seconds held and an optional load (timed), metres, time and an optional load (distance)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.model import LoadKind, SetType

FIELDS = ("weight", "reps", "effort")
KIND_FIELDS: dict[LoadKind, tuple[str, ...]] = {
    LoadKind.WEIGHTED: FIELDS,
    LoadKind.BODYWEIGHT: FIELDS,
    LoadKind.ASSISTED: FIELDS,
    LoadKind.TIMED: ("duration", "weight", "effort"),
    LoadKind.DISTANCE: ("distance", "duration", "weight"),
}


@dataclass(slots=True)
class EntryValues:
    weight: str
    reps: str
    effort: str
    effort_is_rir: bool
    set_type: SetType
    duration: str = ""
    distance: str = ""


def _step(text: str, delta: float, minimum: float, places: int = 2) -> str:
    try:
        value = float(text.replace(",", ".")) if text.strip() else 0.0
    except ValueError:
        value = 0.0
    value = max(minimum, round(value + delta, places))
    text = f"{value:.{places}f}"
    # trailing zeros are only decimals when there is a decimal point ("10" must stay "10")
    return text.rstrip("0").rstrip(".") if places > 0 else text


class SetEntry(Widget, can_focus=True):
    """Shows the next set's fields; the focused field takes digits (the first keystroke
    replaces it), Up/Down or +/- nudge it, Left/Right/Tab move between fields.

    Posts `SetEntry.Changed` whenever a value changes. Enter is left to the screen (log).
    """

    BINDINGS = [
        Binding("up,plus,equals_sign", "nudge(1)", "Focused field up (weight by the lift's step, reps by 1, RPE by 0.5)",
                id="entry.up", show=False),
        Binding("down,minus", "nudge(-1)", "Focused field down", id="entry.down", show=False),
        Binding("right,tab", "move(1)", "Next field", id="entry.next_field", show=False),
        Binding("left,shift+tab", "move(-1)", "Previous field", id="entry.prev_field", show=False),
        Binding("backspace", "backspace", "Delete digit", id="entry.delete_digit", show=False),
    ]

    field_index: reactive[int] = reactive(0)
    unit: reactive[str] = reactive("kg")

    class Changed(Message):
        def __init__(self, entry: SetEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.weight = ""
        self.reps = ""
        self.effort = ""
        self.effort_is_rir = False
        self.set_type = SetType.WORKING
        self.weight_step = 2.5
        self.bodyweight = False
        self.kind = LoadKind.WEIGHTED
        self.duration = ""
        self.distance = ""
        self._fresh = True  # the next digit replaces the field

    # ---- state --------------------------------------------------------------------------

    @property
    def fields(self) -> tuple[str, ...]:
        return KIND_FIELDS[self.kind]

    def load(self, weight: str, reps: str, set_type: SetType, *, weight_step: float, bodyweight: bool,
             kind: LoadKind = LoadKind.WEIGHTED, duration: str = "", distance: str = "") -> None:
        """Prefill for a new set; focus the first field, effort cleared."""
        self.weight, self.reps, self.effort = weight, reps, ""
        self.set_type = set_type
        self.weight_step = weight_step
        self.bodyweight = bodyweight
        self.kind = LoadKind(kind)
        self.duration, self.distance = duration, distance
        self.field_index = 0
        self._fresh = True
        self._changed()

    def values(self) -> EntryValues:
        return EntryValues(self.weight, self.reps, self.effort, self.effort_is_rir, self.set_type,
                           self.duration, self.distance)

    def set_duration(self, seconds: int) -> None:
        """A hold's seconds, from the hold timer."""
        self.duration = str(seconds)
        self._fresh = True
        self._changed()

    def cycle_type(self) -> None:
        self.set_type = self.set_type.next()
        self._changed()

    def toggle_effort(self) -> None:
        self.effort_is_rir = not self.effort_is_rir
        self.effort = ""
        self._changed()

    def _get(self) -> str:
        return getattr(self, self.fields[self.field_index % len(self.fields)])

    def _set(self, value: str) -> None:
        setattr(self, self.fields[self.field_index % len(self.fields)], value)
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.post_message(self.Changed(self))

    # ---- keys ---------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        ch = event.character
        if ch is not None and (ch.isdigit() or ch in ".,") and len(ch) == 1:
            event.stop()
            event.prevent_default()
            current = "" if self._fresh else self._get()
            if ch in ".," and self.fields[self.field_index % len(self.fields)] == "duration":
                ch = ":"  # 1.30 in the time field is 1:30
            if len(current) >= 6:
                return
            self._fresh = False
            self._set(current + ("." if ch == "," else ch))
        elif ch == ":" and self.fields[self.field_index % len(self.fields)] == "duration":
            event.stop()
            self._fresh = False
            self._set(self._get() + ":")

    def action_backspace(self) -> None:
        self._fresh = False
        self._set(self._get()[:-1])

    def action_move(self, delta: int) -> None:
        self.field_index = (self.field_index + delta) % len(self.fields)
        self._fresh = True

    def action_nudge(self, direction: int) -> None:
        name = self.fields[self.field_index % len(self.fields)]
        if name in ("duration", "distance"):
            text = getattr(self, name)
            if ":" in text:
                m, _, sec = text.partition(":")
                text = str(int(m or 0) * 60 + int(sec or 0)) if (m or "0").isdigit() and (sec or "0").isdigit() else "0"
            self._set(_step(text, direction * 5, 0, 0))
        elif name == "weight":
            self._set(_step(self.weight, direction * self.weight_step, 0.0))
        elif name == "reps":
            self._set(_step(self.reps, direction, 1, 0))
        else:
            default = "2" if self.effort_is_rir else "8"
            text = self.effort if self.effort.strip() else _step(default, -0.5 * direction, 0, 1)
            top = 10.0
            low = 0.0 if self.effort_is_rir else 6.0
            value = float(_step(text, 0.5 * direction, low, 1))
            self._set(f"{min(top, value):g}")
        self._fresh = True

    def watch_field_index(self) -> None:
        self.refresh()

    # ---- render -------------------------------------------------------------------------

    def render(self) -> Text:
        focused = self.has_focus
        text = Text()

        gap = "    " if self.size.width >= 66 or not self.size.width else "  "

        def field(label: str, value: str, idx: int, suffix: str = "", width: int = 6) -> None:
            text.append(f"{label} ", style="bold")
            style = "reverse bold" if focused and idx == self.field_index else "underline"
            text.append(f" {value or ' ':>{width}} ", style=style)
            if suffix:
                text.append(f" {suffix}")
            text.append(gap)

        weight_label = {LoadKind.BODYWEIGHT: "Added", LoadKind.ASSISTED: "Assist"}.get(self.kind, "Weight")
        if self.kind in (LoadKind.TIMED, LoadKind.DISTANCE):
            weight_label = "Load"
        specs = {
            "weight": (weight_label, self.weight, self.unit + (" added" if self.bodyweight and self.kind is LoadKind.WEIGHTED else ""), 6),
            "reps": ("Reps", self.reps, "", 3),
            "effort": ("RIR" if self.effort_is_rir else "RPE", self.effort, "", 4),
            "duration": ("Hold" if self.kind is LoadKind.TIMED else "Time", self.duration, "s", 5),
            "distance": ("Dist", self.distance, "m", 5),
        }
        for idx, name in enumerate(self.fields):
            label, value, suffix, width = specs[name]
            field(label, value, idx, suffix, width=width)
        if gap == "  ":
            text.right_crop(1)  # 80 columns: every field and the type fit in 52
        style = {"warmup": "yellow", "working": "green", "drop": "magenta", "failure": "red"}[self.set_type.value]
        text.append(f"[{self.set_type.label}]", style=f"bold {style}")
        return text
