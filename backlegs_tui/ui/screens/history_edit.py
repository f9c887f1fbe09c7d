"""History -> Sessions: correcting the past. Edit or delete a past session's sets, change its
details (date and time, plan, notes, session RPE), delete it (confirmed), or enter a forgotten
one at a past date and time (logged with the Session screen's keys, on a back-dated session).

Every correction is a job that commits before anything shows it; then History reads its tabs
again (records, progress, volume and the fatigue analysis read the database) and the header's
fatigue badge refreshes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.message import Message

from ...domain.history import SessionDetail
from ...domain.model import SetEntry
from ...domain.session_times import WHEN_FORMAT, SessionSpan, check_no_overlap, check_past_start
from ...domain.validation import InputError, check_when, parse_rpe
from ...services.live_session import set_line, start_past_session
from ..dialogs import ConfirmDialog, FieldSpec, FormDialog, PickerDialog
from ..jobs import JobFailed
from .session.set_edits import edit_form

def parse_when(text: str) -> datetime:
    """`2026-11-20 18:30` (the lifter's local time), in the years the store keeps."""
    try:
        when = datetime.strptime(text.strip(), WHEN_FORMAT)
    except ValueError:
        raise InputError("Type the date and time as 2026-11-20 18:30") from None
    check_when(when, "Started")
    return when


def parse_past_when(text: str, now: datetime, spans: Sequence[SessionSpan] = (), *,
                    length: timedelta | None = None, skip: int | None = None, was: datetime | None = None) -> datetime:
    """`parse_when` by the rules of a session entered or moved afterwards (`session_times`):
    not after `now`, and, lasting `length` (None: its start alone), overlapping none of
    `spans` but `skip` (itself) unless it stays where it `was`. The forgotten-session form `n`
    and the edit form `E` share it."""
    when = check_past_start(parse_when(text), now)
    if when != was:
        end = when + length if length else None
        check_no_overlap(when, end, spans, skip)
    return when


def _length(detail: SessionDetail) -> timedelta | None:
    return detail.ended_at - detail.started_at if detail.ended_at is not None else None


@dataclass
class HistoryCorrected(Message):
    """A correction is committed: `line` says what changed."""

    line: str


@dataclass
class ExercisesRead(Message):
    """The exercises, read to edit `set` (its lift's kind shapes the form)."""

    set: SetEntry
    exercises: dict[int, Any]


@dataclass
class PastSessionOpened(Message):
    """A back-dated session is made and read: log its sets with the Session keys."""

    data: Any


@dataclass
class FormData:
    """What a session form checks while it is open: the plans (casefolded name -> id), every
    session's time, and the plan of the session edited (its name, or None)."""

    plans: dict[str, int]
    spans: list[SessionSpan]
    plan_name: str | None = None


@dataclass
class PlansRead(Message):
    """The form's data, read so that a form checks what is typed while it is open; `then`
    opens that form."""

    data: FormData
    then: Callable[[FormData], None]


def plan_parser(plans: dict[str, int], blank: str = "none") -> Callable[[str], int | None]:
    """A form field's parser: a plan's name (any case) to its id, blank to None."""

    def parse(text: str) -> int | None:
        name = text.strip()
        if not name:
            return None
        if name.casefold() not in plans:
            raise InputError(f"No plan named {name!r} (blank: {blank})")
        return plans[name.casefold()]

    return parse


class HistoryEditKeys:
    """The History screen's keys that correct the past (mixed into `HistoryScreen`)."""

    EDIT_BINDINGS = [
        Binding("e", "edit_past_set", "Edit a set", id="history.edit-set", show=False,
                tooltip="Sessions: edit a set of the session shown"),
        Binding("delete", "delete_past_set", "Delete a set", id="history.delete-set", show=False),
        Binding("E", "edit_past_session", "Edit details", id="history.edit-session", show=False,
                tooltip="Sessions: edit its date and time, plan, notes and session RPE"),
        Binding("D", "delete_past_session", "Delete session", id="history.delete-session", show=False),
        Binding("n", "new_past_session", "Past session", id="history.new-session", show=False,
                tooltip="Enter a forgotten session at a past date and time, logged with the Session keys"),
    ]
    # the footer shows these from FOOTER_WIDE columns on (at 80 the tabs, modes, help and
    # Settings fill it; D and Del do not fit at 120 either); every correction key is in ? help
    # and the palette at any width
    FOOTER_KEYS = ("history.edit-set", "history.edit-session", "history.new-session")
    FOOTER_WIDE = 116
    _edit_keys_shown: bool | None = None

    # ---- the footer ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= self.FOOTER_WIDE
        if self._edit_keys_shown is not wide:
            self._edit_keys_shown = wide
            self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The screen's active keys, the correction keys marked to show in the footer when it
        is wide enough (the keys work either way)."""
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        if not self._edit_keys_shown:
            return found
        return {
            key: active._replace(binding=replace(active.binding, show=True)) if active.binding.id in self.FOOTER_KEYS else active
            for key, active in found.items()
        }

    # ---- helpers ---------------------------------------------------------------------------

    def _detail(self) -> SessionDetail | None:
        detail = getattr(self.sessions, "detail", None)
        return detail if detail is not None and detail.id == self.sessions.session_id else None

    def _correct(self, what: str, run: Any) -> None:
        """Run a correction as a job; History follows once it is committed."""
        self.blapp.jobs.submit(self, what, lambda repo: HistoryCorrected(run(repo)), lambda m: m)

    def on_history_corrected(self, msg: HistoryCorrected) -> None:
        msg.stop()
        self.notify(msg.line, markup=False)
        self.load()  # this tab now, the others when next shown
        self.blapp.fatigue.refresh()

    def on_job_failed(self, msg: JobFailed) -> None:
        msg.stop()
        self.notify(msg.line, severity="error", markup=False)

    def _pick_past_set(self, title: str, then: Any) -> None:
        detail = self._detail()
        if detail is None or not detail.sets:
            self.notify("Pick a session with sets first (Sessions tab)", severity="warning")
            return
        settings = self.blapp.settings
        choices = [(f"{s.logged_at:%H:%M}  {s.exercise_name[:24]:<24} {set_line(s, settings, detail.kind_of(s.exercise_id))}", s)
                   for s in detail.sets]
        self.app.push_screen(PickerDialog(title, choices), lambda s: s is not None and then(s))

    # ---- sets ------------------------------------------------------------------------------

    def action_edit_past_set(self) -> None:
        def edit(s: SetEntry) -> None:
            self.blapp.jobs.submit(self, "read the exercise", lambda repo: ExercisesRead(s, {e.id: e for e in repo.exercises()}),
                                   lambda m: m)

        self._pick_past_set("Edit which set?", edit)

    def on_exercises_read(self, msg: ExercisesRead) -> None:
        msg.stop()
        s = msg.set
        ex = msg.exercises.get(s.exercise_id)

        def save(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            new = replace(
                s, weight_kg=values["weight"], reps=values["reps"], rpe=values["rpe"], rir=values["rir"],
                set_type=values["type"], notes=str(values["notes"]).strip(),
                duration_s=values.get("duration", s.duration_s), distance_m=values.get("distance", s.distance_m),
            )
            kind = ex.load_kind if ex is not None else None
            self._correct("correct the set",
                          lambda repo: f"✓ Set corrected: {s.exercise_name} {set_line(repo.edit_set(new), self.blapp.settings, kind)}")

        self.app.push_screen(edit_form(s, ex, self.blapp.settings), save)

    def action_delete_past_set(self) -> None:
        def confirm(s: SetEntry) -> None:
            detail = self._detail()
            kind = detail.kind_of(s.exercise_id) if detail is not None else None
            line = f"{s.exercise_name}: {set_line(s, self.blapp.settings, kind)}"
            self.app.push_screen(
                ConfirmDialog("Delete this set?", line),
                lambda ok: ok and self._correct("delete the set", lambda repo: (repo.remove_set(s.id), f"✓ Deleted {line}")[1]),
            )

        self._pick_past_set("Delete which set?", confirm)

    # ---- the session -----------------------------------------------------------------------

    def action_edit_past_session(self) -> None:
        detail = self._detail()
        if detail is None:
            self.notify("Pick a session first (Sessions tab)", severity="warning")
            return
        self._with_plans(lambda data: self._edit_past_session_form(detail, data), detail.id)

    def _edit_past_session_form(self, detail: SessionDetail, data: FormData) -> None:
        sid = detail.id
        now = self.blapp.clock()
        fields = [
            # the same rule as a forgotten session's (`n`): not after now, overlapping no
            # other session at its length; the form stays open with the error inline
            FieldSpec("when", "Started", detail.started_at.strftime(WHEN_FORMAT),
                      parse=lambda t: parse_past_when(t, now, data.spans, length=_length(detail), skip=sid,
                                                       was=detail.started_at)),
            FieldSpec("name", "Name", detail.name),
            # the session's plan as it is (it was blank, "keep"), blank for none as in `n`
            FieldSpec("plan", "Plan (blank: none)", data.plan_name or "", parse=plan_parser(data.plans)),
            FieldSpec("notes", "Notes", detail.notes),
            FieldSpec("rpe", "Session RPE", f"{detail.session_rpe:g}" if detail.session_rpe is not None else "", parse=parse_rpe),
        ]

        def save(v: dict[str, Any] | None) -> None:
            if v is None:
                return

            def run(repo: Any) -> str:
                repo.edit_session(sid, started_at=v["when"], name=v["name"], plan_id=v["plan"], notes=v["notes"],
                                  session_rpe=v["rpe"])
                return f"✓ Session saved: {v['name']} {v['when']:%a %Y-%m-%d %H:%M}"

            self._correct("save the session", run)

        self.app.push_screen(FormDialog(f"Edit session: {detail.name}", fields), save)

    def action_delete_past_session(self) -> None:
        detail = self._detail()
        if detail is None:
            self.notify("Pick a session first (Sessions tab)", severity="warning")
            return
        sid, what = detail.id, f"{detail.name}, {detail.started_at:%a %Y-%m-%d %H:%M}, {len(detail.sets)} sets"
        self.app.push_screen(
            ConfirmDialog("Delete this whole session?", what + ". Its sets go with it; this cannot be undone."),
            lambda ok: ok and self._correct("delete the session", lambda repo: (repo.delete_session(sid), f"✓ Deleted {what}")[1]),
        )

    def _with_plans(self, then: Callable[[FormData], None], session_id: int | None = None) -> None:
        """Read the plans and the sessions' times (and the plan of `session_id`), then
        `then(data)` (a form that checks what is typed in it)."""

        def read(repo: Any) -> PlansRead:
            plans = {p.name.casefold(): p.id for p in repo.plans()}
            plan_name = repo.session_plan_name(session_id) if session_id is not None else None
            return PlansRead(FormData(plans, repo.session_spans(), plan_name), then)

        self.blapp.jobs.submit(self, "read the plans", read, lambda m: m)

    def on_plans_read(self, msg: PlansRead) -> None:
        msg.stop()
        msg.then(msg.data)

    def action_new_past_session(self) -> None:
        self._with_plans(self._new_past_session_form)

    def _new_past_session_form(self, data: FormData) -> None:
        now = self.blapp.clock()
        fields = [
            # a start after now, or in another session, is the form's own inline error: the
            # form stays open with what was typed (it used to close with a toast)
            FieldSpec("when", "Started", (now - timedelta(days=1)).strftime("%Y-%m-%d") + " 18:00",
                      parse=lambda t: parse_past_when(t, now, data.spans)),
            FieldSpec("plan", "Plan (blank: none)", "", parse=plan_parser(data.plans)),
        ]

        def made(v: dict[str, Any] | None) -> None:
            if v is None:
                return

            def run(repo: Any) -> PastSessionOpened:
                return PastSessionOpened(start_past_session(repo, v["when"], v["plan"]))

            self.blapp.jobs.submit(self, "enter the past session", run, lambda m: m)

        self.app.push_screen(FormDialog("Enter a forgotten session", fields), made)

    def on_past_session_opened(self, msg: PastSessionOpened) -> None:
        msg.stop()
        from .session.past import PastSessionScreen

        self.app.push_screen(PastSessionScreen(msg.data), lambda _: self._past_done())

    def _past_done(self) -> None:
        self.load()
        self.blapp.fatigue.refresh()
