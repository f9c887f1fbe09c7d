"""One past session in detail: when, how long, how hard, readiness and notes, then each
exercise with its sets and its best e1RM."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...domain import supersets
from ...domain.history import SessionDetail
from ...domain.model import SetEntry, SetType, Unit
from ...domain.units import format_e1rm, format_volume, format_weight

_TYPE_STYLE = {
    SetType.WARMUP: "dim",
    SetType.WORKING: "",
    SetType.DROP: "$warning",
    SetType.FAILURE: "$error",
}


DELOAD_LINE = "Deload session: lighter on purpose, never counted as a decline"
DELOAD_MARK = "deload · "  # before the name of a deload session in the session list


def set_text(s: SetEntry, unit: Unit) -> Content:
    """`W  60 kg x 10`, `   140 kg x 5 @ 8`, `F  140 kg x 4 @ 10`: the type's letter, then
    weight x reps @ RPE (or RIR), then the set's note."""
    load = format_weight(s.weight_kg, unit)
    text = f"{s.set_type.short or ' '}  {load:>9} x {s.reps}"
    if s.distance_m is not None or s.duration_s is not None:  # a hold or a carry: its seconds, metres
        what = f"{s.distance_m:g} m" if s.distance_m is not None else f"{s.duration_s} s"
        if s.distance_m is not None and s.duration_s:
            what += f" in {s.duration_s // 60}:{s.duration_s % 60:02d}"
        text = f"{s.set_type.short or ' '}  {what:>9}" + (f" with {load}" if s.weight_kg else "")
    if s.rpe is not None:
        text += f" @ {s.rpe:g}"
    elif s.rir is not None:
        text += f" @ {s.rir:g} RIR"
    line = Content.styled(text, _TYPE_STYLE[s.set_type]) if _TYPE_STYLE[s.set_type] else Content(text)
    if s.notes:
        line += Content.styled(f"  {s.notes}", "dim italic")
    return line


def superset_labels(detail: SessionDetail) -> dict[int, str]:
    """Block index -> its label (A, B1, B2, C) when some of the session's lifts were done as
    a superset (the sets' group, e.g. Hevy's superset_id); {} when none were."""
    groups = {i: next((s.superset for s in b.sets if s.superset), None) for i, b in enumerate(detail.blocks)}
    order = list(groups)
    if not any(len(block) > 1 for block in supersets.blocks(order, groups)):
        return {}
    return supersets.labels(order, groups)


def format_duration(seconds: float) -> str:
    """`0:47`, `1:05`: hours and minutes."""
    h, m = divmod(round(seconds / 60), 60)
    return f"{h}:{m:02d}"


class SessionDetailView(Static):
    """Shows a SessionDetail (or a hint when there is none)."""

    def show(self, detail: SessionDetail | None, unit: Unit) -> None:
        if detail is None:
            self.update("No session selected")
            return
        head = [detail.started_at.strftime("%a %Y-%m-%d %H:%M")]
        if detail.duration_s is not None:
            head.append(format_duration(detail.duration_s))
        head.append(f"{detail.working_sets} sets")
        head.append(format_volume(detail.volume_kg, unit))
        if detail.session_rpe is not None:
            head.append(f"sRPE {detail.session_rpe:g}")
        lines: list[Content] = [Content.styled(detail.name, "bold $accent"), Content.styled(" · ".join(head), "bold")]
        if detail.deload:
            lines.append(Content.styled(DELOAD_LINE, "bold $warning"))
        if ready := detail.readiness.describe():
            lines.append(Content(f"Readiness: {ready}"))
        if detail.notes:
            lines.append(Content.styled(f"Notes: {detail.notes}", "italic"))
        if not detail.blocks:
            lines.append(Content.styled("No sets logged", "dim"))
        marks = superset_labels(detail)
        for i, block in enumerate(detail.blocks):
            lines.append(Content(""))
            best = block.best
            title = Content.styled(f"{marks[i]}  " if i in marks else "", "bold $accent")
            title += Content.styled(block.name, "bold")
            if best is not None:
                title += Content.styled(f"  best e1RM {format_e1rm(best[1], unit)}", "dim")
            lines.append(title)
            lines.extend(set_text(s, unit) for s in block.sets)
        self.update(Content("\n").join(lines))
