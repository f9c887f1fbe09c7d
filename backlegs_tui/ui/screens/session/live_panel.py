"""The live panel: the session's lifts, the current lift with its target and warm-ups,
today's and last time's sets, the set entry and the rest timer. It only shows what a
`LiveSession` holds; it never reads the database."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ....domain.loads import effective_load
from ....domain.model import LoadKind, SetType
from ....domain.session_logic import plate_text
from ....domain.timer import format_clock
from ....domain.units import format_weight
from ....domain.validation import InputError, parse_weight
from ....services import supersets
from ....services.live_session import LiveSession
from ...widgets.rest_timer import RestTimerView
from ...widgets.session_header import session_header
from ...widgets.session_views import (
    CurrentExercise,
    ExerciseList,
    SessionInfo,
    SetTable,
)
from ...widgets.set_entry import SetEntry as SetEntryWidget


class LivePanel(Vertical):
    """Shown while a session is open."""

    def compose(self) -> ComposeResult:
        yield Static("", id="session-title")
        with Horizontal(id="top"):
            with Vertical(id="left", classes="panel") as left:
                left.border_title = "Exercises"
                yield ExerciseList(id="exercise-list")
                yield SessionInfo(id="session-info")
            with Vertical(id="middle", classes="panel") as middle:
                middle.border_title = "Current"
                yield CurrentExercise(id="current")
                with Horizontal(id="sets"):
                    today = SetTable(id="today")
                    today.border_title = "Today"
                    yield today
                    yield SetTable(id="last")
        with Horizontal(id="bottom"):
            with Vertical(id="entry-box", classes="panel") as box:
                box.border_title = "Log set  (Enter)"
                yield SetEntryWidget(id="entry")
                yield Static("", id="plates")
                yield Static("", id="entry-msg")
            yield RestTimerView(id="rest", classes="panel")
        yield Static("", id="fatigue")

    @property
    def entry(self) -> SetEntryWidget:
        return self.query_one("#entry", SetEntryWidget)

    _loaded: object = None  # the entry's values as the last prefill left them

    def load_entry(self, live: LiveSession, *, keep_typed: bool = False) -> None:
        """Put the prefill into the set entry (the lifter's typing starts over). `keep_typed`:
        only if the lifter has not changed the entry since the last prefill (a set deleted or
        edited while the next one is typed keeps what is typed)."""
        if keep_typed and self._loaded is not None and self.entry.values() != self._loaded:
            return
        self.entry.unit = live.settings.unit.value
        fields = live.entry_fields()
        if fields is None:  # no exercise (an empty session): an empty entry, not the last lift's set
            self.entry.load("", "", SetType.WORKING, weight_step=self.entry.weight_step, bodyweight=False)
            self._loaded = self.entry.values()
            return
        weight, reps, set_type, step, bodyweight = fields
        kind, duration, distance, _ = live.kind_fields()
        if kind is not LoadKind.WEIGHTED and weight in ("", "0"):
            weight = "0" if kind.uses_body_weight else ""
        back = live.undone_entry()  # a set just undone: its values, to fix a typo
        if back is not None:
            self.entry.load(back.weight, back.reps, back.set_type, weight_step=step, bodyweight=bodyweight, kind=kind,
                            duration=back.duration, distance=back.distance,
                            effort=back.effort, effort_is_rir=back.effort_is_rir)
        else:
            self.entry.load(weight, reps, set_type, weight_step=step, bodyweight=bodyweight,
                            kind=kind, duration=duration, distance=distance)
        self._loaded = self.entry.values()

    def show(self, live: LiveSession) -> None:
        """Redraw everything from the live session."""
        state, unit = live.state, live.settings.unit
        item, ex = live.current_item(), live.current_exercise()
        self.query_one(ExerciseList).show(state, state.current_item_id, live.done, supersets.labels(live))
        reason = live.reason()
        last = live.last_sets()
        compact = self.screen.has_class("-short")
        self.query_one(CurrentExercise).show(item, ex, last, reason, unit, live.warmup_rows(), compact=compact,
                                             target=live.target_text(item), rest=supersets.target_rest(live, item))
        kind = live.kind()
        # a superset's lifts show together, each set marked with its lift (A1, A2)
        # a lift swapped out of its slot keeps its sets in view, under its own title
        view = supersets.today_view(live)
        today, today_marks = view.sets, view.marks
        last, last_marks = supersets.last_rows(live)
        self.query_one("#today", SetTable).show(today, unit, "Nothing yet: Enter logs the set below.",
                                                kind=kind, body_kg=live.body_kg,
                                                label_of=(lambda s: today_marks.get(s.item_id, "")) if today_marks else None,
                                                fold_warmups=any(s.is_working for s in today),
                                                title_of=(lambda s: view.titles.get(s.id, "")) if view.titles else None,
                                                kind_of=lambda s: view.kinds.get(s.id))
        last_table = self.query_one("#last", SetTable)
        when = last[0].logged_at if last and last[0].logged_at else None
        # last time's e1RM on the body weight of that day, not today's
        empty = "First time on this exercise." if item is not None else "No exercise yet: a adds one."
        last_table.show(last, unit, empty, kind=kind, body_kg=live.body_kg_on(when),
                        label_of=(lambda s: last_marks.get(s.exercise_id, "")) if last_marks else None,
                        fold_warmups=True)  # last time's working sets are what today's are held against
        last_table.border_title = f"Last time · {when:%a %d %b}" if when else "Last time"
        self.query_one(SessionInfo).show(state, live.cooldown)
        self.update_plates(live)
        line = live.fade_line()
        fatigue = self.query_one("#fatigue", Static)
        fatigue.update(Text("⚠ " + line) if line else "")
        fatigue.set_class(bool(line), "-flagged")
        self.tick(live)

    def update_plates(self, live: LiveSession) -> None:
        """Plates for a barbell; the body weight for a bodyweight or assisted lift; the hold
        timer for a timed one."""
        kind, _, _, body = live.kind_fields()
        plates = self.query_one("#plates", Static)
        if kind.uses_body_weight:
            moved = ""
            try:
                typed = parse_weight(self.entry.weight or "0", live.settings.unit, bodyweight=True)
                load = effective_load(kind, typed, live.body_kg)
                moved = f"  ·  moves {format_weight(load, live.settings.unit)}" if load is not None else "  ·  b: log it"
            except InputError:
                pass
            plates.update(Text(f"{body.capitalize()}{moved}"))
        elif kind is LoadKind.TIMED:
            plates.update(Text(live.hold_text() or "h: hold timer (counts down from Hold)"))
        elif kind is LoadKind.DISTANCE:
            plates.update(Text("Dist in metres, Time in seconds or m:ss"))
        else:
            text = plate_text(self.entry.weight, live.current_exercise(), live.settings)
            plates.update(Text(f"Plates  {text}"))

    def tick(self, live: LiveSession) -> None:
        """The rest timer and the elapsed time, from the clock."""
        now = live.clock()
        if live.hold is not None:
            self.update_plates(live)
        self.query_one(RestTimerView).show(live.timer, now, live.next_text(), supersets.planned_rest(live))
        state = live.state
        ids = [it.id for it in state.items]
        where = f"lift {ids.index(state.current_item_id) + 1}/{len(ids)}" if state.current_item_id in ids else ""
        pair = supersets.labels(live).get(state.current_item_id or -1, "") if live.groups else ""
        where += f" ({pair})" if len(pair) > 1 and where else ""  # A2: the second lift of a superset
        title = self.query_one("#session-title", Static)
        # fitted to its width (80 columns cut it mid-word): session_header says what gives way
        title.update(session_header(
            state.name, deload=live.deload, where=where, elapsed=format_clock(live.elapsed_s()),
            working_sets=live.working_sets(), started=f"{state.started_at:%H:%M}",
            width=title.content_size.width or None,
        ))

    def message(self, text: str, *, error: bool = False) -> None:
        self._message = text
        msg = self.query_one("#entry-msg", Static)
        msg.update(message_text(text, msg.size.width))
        msg.set_class(error, "error")
        msg.set_class(not error, "ok")
        self._error_after = self.entry.edits if error else None

    _error_after: int | None = None

    def entry_edited(self, edit: int) -> bool:
        """The lifter changed the entry (its edit number `edit`): an error shown before that
        change ('✗ Weight over 1000 kg...') is about what was there then, so it goes. Whether
        it went (a change the message had not seen: not a late notice of a key typed before
        the Enter that raised it)."""
        if self._error_after is not None and edit > self._error_after:
            self.message("")
            return True
        return False

    def on_resize(self) -> None:
        if "\n" in getattr(self, "_message", ""):  # a confirmation and its record: refitted
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        msg = self.query_one("#entry-msg", Static)
        msg.update(message_text(self._message, msg.size.width))


# "★ New record: Barbell back squat e1RM 140 kg (was 135 kg); heaviest ...": the lift's name
# ends where the first kind of record begins
_RECORD_NAME = re.compile(r"^(★ New record: ).+? (?=(?:e1RM|heaviest|longest hold|farthest) )")
_WAS = re.compile(r" \(was [^)]*\)")


def fit_record(line: str, width: int) -> str:
    """A record line shortened until it fits `width`: first without what the records were
    ('(was 135 kg)'), then without the lift's name (the confirmation above it is that lift's
    set); what still does not fit is cut with an ellipsis where it is shown."""
    if width <= 0 or len(line) <= width:
        return line
    line = _WAS.sub("", line)
    if len(line) <= width:
        return line
    return _RECORD_NAME.sub(r"\1", line, count=1)


def message_text(text: str, width: int) -> Text:
    """The entry's message line(s). A set's confirmation with a record below it keeps both
    readable at 80 columns: each line on its own, never wrapped into the next, the record
    shortened to the width (`fit_record`)."""
    if "\n" not in text:
        return Text(text)
    first, *rest = text.split("\n")
    lines = [first] + [fit_record(line, width) if line.startswith("★") else line for line in rest]
    return Text("\n".join(lines), no_wrap=True, overflow="ellipsis")
