"""The set entry: weight, reps and effort (RPE or RIR) on one line, all from the keyboard.
Its fields follow the lift's load kind: added load (bodyweight), assistance (assisted), the
seconds held and an optional load (timed), metres, time and an optional load (distance)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from ...domain.model import LoadKind, SetType
from ..key_order import hand_to, run_binding, type_into_field

FIELDS = ("weight", "reps", "effort")
KIND_FIELDS: dict[LoadKind, tuple[str, ...]] = {
    LoadKind.WEIGHTED: FIELDS,
    LoadKind.BODYWEIGHT: FIELDS,
    LoadKind.ASSISTED: FIELDS,
    LoadKind.TIMED: ("duration", "weight", "effort"),
    LoadKind.DISTANCE: ("distance", "duration", "weight"),
}
# the most characters each field takes: its room on screen (render), so typing never pushes
# the set type's label off the line ('10102.' in RPE did)
FIELD_CHARS = {"weight": 6, "reps": 3, "effort": 4, "duration": 5, "distance": 5}


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
        """A value changed. `edit`: the entry's edit count after this change when the lifter's
        keys made it (`SetEntry.edits`), 0 for a prefill or the hold timer."""

        def __init__(self, entry: SetEntry, edit: int = 0) -> None:
            super().__init__()
            self.entry = entry
            self.edit = edit

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
        self.edits = 0  # changes made by keys so far (a message shown after edit N is newer than N)
        self._holding = False  # see hold()
        self._held: list[tuple[str, str | None]] = []
        self._hold_timer: Timer | None = None
        self._focus_waits = 0
        self._replay_due = False

    # ---- state --------------------------------------------------------------------------

    @property
    def fields(self) -> tuple[str, ...]:
        return KIND_FIELDS[self.kind]

    def load(self, weight: str, reps: str, set_type: SetType, *, weight_step: float, bodyweight: bool,
             kind: LoadKind = LoadKind.WEIGHTED, duration: str = "", distance: str = "",
             effort: str = "", effort_is_rir: bool | None = None) -> None:
        """Prefill for a new set; focus the first field, effort cleared (`effort`: a set taken
        back by undo keeps its RPE, or its RIR with `effort_is_rir`)."""
        self.weight, self.reps, self.effort = weight, reps, effort
        if effort_is_rir is not None:
            self.effort_is_rir = effort_is_rir
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
        self._changed(edited=True)

    def toggle_effort(self) -> None:
        self.effort_is_rir = not self.effort_is_rir
        self.effort = ""
        self._changed(edited=True)

    def _get(self) -> str:
        return getattr(self, self.fields[self.field_index % len(self.fields)])

    def _set(self, value: str) -> None:
        """The current field, from a key."""
        setattr(self, self.fields[self.field_index % len(self.fields)], value)
        self._changed(edited=True)

    def _changed(self, *, edited: bool = False) -> None:
        if edited:
            self.edits += 1
        self.refresh()
        self.post_message(self.Changed(self, self.edits if edited else 0))

    # ---- keys ---------------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        """Every key is applied here, in the order typed, to the field current at that moment.

        Textual runs a (non-priority) binding only once its key has bubbled from the focused
        widget up to the app, through each parent's message queue; keys typed right after it
        have by then already reached this widget. So an arrow's field move, or the screen's
        `r` (RPE/RIR, which clears the effort), ran after the digits typed after it ('125',
        Right Right, '9' gave 'Weight 1259 kg'). Hence the bindings of this widget, the
        screen and the app run from here, before the next key is looked at."""
        app = self.app
        if self._holding or self._held or app.screen is not self.screen:
            # typed after Enter, before the next set's prefill: kept for it (never into the
            # set just logged, nor wiped by the prefill); typed after a key that opened a
            # dialog (n, then the note at once): the dialog's, once it has the focus
            event.stop()
            event.prevent_default()
            self._held.append((event.key, event.character))
            if not self._holding:
                self._replay_soon()
            return
        if self._type(event.character) or await run_binding(self.screen, event.key):
            event.stop()
            event.prevent_default()

    # ---- keys typed while the set is being saved ----------------------------------------------

    HOLD_MAX_S = 10.0  # however the save ends, the kept keys are never lost for longer

    def on_focus(self) -> None:
        # the entry in focus keeps the keys for a dialog it opens (a past session's entry,
        # opened from History, hands the role back when its screen closes and this one's is focused)
        self.app.key_keeper = self  # type: ignore[attr-defined]

    def keeps_keys(self) -> bool:
        """Keys typed with the one that opened a dialog, not yet handed to it."""
        return bool(self._held) and not self._holding

    def keep(self, key: str, character: str | None) -> None:
        """A later key, kept behind them (the app's, while a dialog is up)."""
        self._held.append((key, character))
        self._replay_soon()

    def hold(self) -> None:
        """The entry is about to get a new prefill (Enter logged the set; the save is under
        way): keys from now on are kept, then applied in order after `release()`."""
        self._holding = True
        if self._hold_timer is not None:
            self._hold_timer.stop()
        self._hold_timer = self.set_timer(self.HOLD_MAX_S, self.release)

    def release(self) -> None:
        """The new prefill is in (or the save failed): the kept keys go in, in order."""
        self._holding = False
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self._held:
            self._replay_soon()

    FOCUS_WAIT_S = 1.0  # a dialog opened by a typed key gets its focus within this
    _FOCUS_POLL_S = 0.02

    def _replay_soon(self, delay: float = 0.0) -> None:
        if not self._replay_due:  # one replay at a time goes through the kept keys
            self._replay_due = True
            # in this widget's own queue, between its keys (a timer's callback runs beside it)
            if delay:
                self.set_timer(delay, lambda: self.call_later(self._replay))
            else:
                self.call_later(self._replay)

    async def _replay(self) -> None:
        """The kept keys, in order: into the entry, or to a dialog that opened meanwhile."""
        self._replay_due = False
        app = self.app
        while self._held and not self._holding:  # a kept Enter holds the rest again
            if app.screen is not self.screen:
                target = app.focused
                if target is None and self._focus_waits < self.FOCUS_WAIT_S / self._FOCUS_POLL_S:
                    self._focus_waits += 1  # the dialog is not focused yet: its field comes
                    self._replay_soon(self._FOCUS_POLL_S)
                    return
                key, character = self._held.pop(0)
                if not (await run_binding(app.screen, key, priority=True)  # a dialog's Enter
                        or await type_into_field(app, key, character)):
                    await hand_to(target or app.screen, key, character)
                continue
            self._focus_waits = 0
            key, character = self._held.pop(0)
            if not self._type(character):
                await run_binding(self.screen, key)
        self._focus_waits = 0

    def type_key(self, key: str, character: str | None) -> bool:
        """A key typed before the entry was on screen (kept by the screen): a digit, or one of
        the entry's own keys (its keymap's). Whether it was the entry's."""
        if self._type(character):
            return True
        active = self.screen.active_bindings.get(key)
        if active is None or active.node is not self:
            return False
        _, name, params = parse_action(active.binding.action)
        getattr(self, f"action_{name}")(*params)
        return True

    def _type(self, ch: str | None) -> bool:
        """A digit, a decimal point or a time's colon into the current field."""
        if ch is None or len(ch) != 1:
            return False
        name = self.fields[self.field_index % len(self.fields)]
        if ch.isdigit() or ch in ".,":
            current = "" if self._fresh else self._get()
            if ch in ".," and name == "duration":
                ch = ":"  # 1.30 in the time field is 1:30
            if len(current) < FIELD_CHARS[name]:
                self._fresh = False
                self._set(current + ("." if ch == "," else ch))
            return True
        if ch == ":" and name == "duration":
            if len(self._get()) >= FIELD_CHARS[name]:
                return True
            self._fresh = False
            self._set(self._get() + ":")
            return True
        return False

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
