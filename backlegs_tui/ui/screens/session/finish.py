"""Finishing a session: the question when planned sets are left, the summary (scrolls when
there are many records), then the session RPE."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ....domain.durations import format_minutes, session_load
from ....domain.model import Settings
from ....domain.session_logic import SessionReport, parse_session_rpe
from ....domain.units import format_e1rm, format_volume, format_weight, plural
from ....services.live_session import finish_question
from ....services.session_start import discard_detail
from ...dialogs import ConfirmDialog, FieldSpec, FormDialog, InfoDialog, PickerDialog
from .guard import while_shown
from .messages import BestsRead


def sets_left_question(question: tuple[str, str]) -> ConfirmDialog:
    return ConfirmDialog(*question)


def summary_dialog(name: str, report: SessionReport, settings: Settings) -> InfoDialog:
    return InfoDialog(f"Session summary: {name}", report_text(report, settings),
                      hint="Enter: next (session RPE)   Esc: back to the session   ↑↓ scroll")


def rpe_form() -> FormDialog:
    return FormDialog(
        "How hard was the whole session? (session RPE 0-10)",
        [FieldSpec("rpe", "Session RPE", placeholder="e.g. 8 (blank: skip)", parse=parse_session_rpe)],
        hint="Enter: save and finish   Esc: back to the session",
    )


def resume_offer(title: str, sets_text: str) -> PickerDialog:
    """Resume first (Enter, Esc too); the title says when the session was last active and,
    when recently, that it may be open in another window (tester3 #3)."""
    choices = [
        (f"Resume it ({sets_text})", "resume"),
        ("Finish it now and keep its sets", "finish"),
        ("Discard it and its sets", "discard"),
    ]
    return PickerDialog(title, choices, search=False)


def discard_question(detail: str) -> ConfirmDialog:
    return ConfirmDialog("Discard this session?", detail)


def report_text(report: SessionReport, settings: Settings) -> Text:
    """The summary as plain text (user text is never markup)."""
    unit = settings.unit
    out = Text()
    out.append(format_minutes(report.minutes), style="bold")
    out.append(f"   {plural(report.working_sets, 'working set')} ({report.sets} with warm-ups)   "
               f"volume {format_volume(report.volume_kg, unit)}\n\n")
    out.append("Volume load by muscle", style="bold")
    out.append(" (secondary counts half)\n")
    for muscle, kg in sorted(report.volume_by_muscle.items(), key=lambda p: -p[1]):
        out.append(f"  {muscle:<12} {format_volume(kg, unit):>10}\n")
    if report.best_e1rm:
        out.append("\nBest e1RM\n", style="bold")
        for name, kg in report.best_e1rm.items():
            out.append(f"  {name:<24} {format_e1rm(kg, unit)}\n")
    out.append("\nRecords\n", style="bold")
    if report.records:
        for r in report.records:
            fmt = format_e1rm if r.kind == "e1RM" else format_weight
            prev = f" (was {fmt(r.previous_kg, unit)})" if r.previous_kg else " (first time)"
            out.append(f"  ★ {r.exercise}: {r.kind} {fmt(r.value_kg, unit)}{prev}\n")
    else:
        out.append("  none today")
    return out


class FinishKeys:
    """Finishing and discarding (mixed into `SessionScreen`)."""

    def action_finish(self, at_last_set: bool = False) -> None:
        """Ask when planned lifts are left, then the summary, the session RPE, and the end.
        `at_last_set`: end it at its last set (a session left open since another day)."""
        live = self.live
        if live is None:
            return
        left = live.unfinished() if not at_last_set and live.state.plan_id is not None else []

        def go_on(ok: bool | None = True) -> None:
            if ok and self.live is not None:
                sid, write = self.live.id, self.live.bests()
                self._submit(write.what, write.run, lambda bests: BestsRead(sid, bests, at_last_set))
            elif not ok:
                self.panel.message("Finish cancelled: the session is still open")

        if left:
            self.app.push_screen(sets_left_question(finish_question(left, live.done, live.min_sets)), go_on)
        else:
            go_on()

    @while_shown
    def on_bests_read(self, msg: BestsRead) -> None:
        live = self.live
        if live is None or live.id != msg.session_id:
            return
        ended = live.end_time(msg.at_last_set)
        report = live.summary(msg.bests, ended)

        def ask_rpe(go_on: bool | None) -> None:
            if not go_on:
                self.panel.message("Finish cancelled: the session is still open")
                return
            self.app.push_screen(rpe_form(), done)

        def done(values: dict[str, Any] | None) -> None:
            if values is None or self.live is None:
                self.panel.message("Finish cancelled: the session is still open")
                return
            rpe = values["rpe"]
            # the load is RPE x the minutes shown (one duration rule: domain/durations.py)
            load = session_load(rpe, report.minutes)
            load_text = f", session load {load:g}" if load is not None else ""
            self._finish_note = (f"Session saved: {plural(report.working_sets, 'working set')} "
                                 f"in {format_minutes(report.minutes)}{load_text}")
            self._do(self.live.finish(rpe, ended))
            self.refresh_bindings()

        self.app.push_screen(summary_dialog(live.state.name, report, self.blapp.settings), ask_rpe)

    def action_discard(self, offered: bool = False) -> None:
        """Ask, then delete the session and its sets. `offered`: chosen on the resume offer,
        where the question says when it was last active if that is recent (it may be open
        in another window)."""
        live = self.live
        if live is None:
            return
        detail = discard_detail(live.state, self.blapp.clock(), other_windows=offered)

        def really(ok: bool | None) -> None:
            if ok and self.live is not None:
                self._do(self.live.discard())
                self.refresh_bindings()

        self.app.push_screen(discard_question(detail), really)
