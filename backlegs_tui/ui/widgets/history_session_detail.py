"""One past session in detail: when, how long, how hard, readiness and notes, then each
exercise with its sets and its best e1RM."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...domain import supersets
from ...domain.durations import format_hours_minutes
from ...domain.history import SessionDetail
from ...domain.model import LoadKind, SetEntry, Settings, SetType, Unit
from ...domain.units import format_e1rm, format_volume
from ...services.live_session import set_line

_TYPE_STYLE = {
    SetType.WARMUP: "dim",
    SetType.WORKING: "",
    SetType.DROP: "$warning",
    SetType.FAILURE: "$error",
}


DELOAD_LINE = "Deload session: lighter on purpose, never counted as a decline"
DELOAD_MARK = "deload · "  # before the name of a deload session in the session list


def set_text(s: SetEntry, settings: Settings, kind: LoadKind = LoadKind.WEIGHTED) -> Content:
    """`W 60 kg x 10`, `  140 kg x 5 @8`, `  BW + 10 kg x 7`, `  45 s with 20 kg`: the set as the
    Session screen writes it (`services.live_session.set_line`, by the lift's kind), styled by
    its type, then its note."""
    text = set_line(s, settings, kind)
    if not s.set_type.short:
        text = "  " + text  # the type letters stay in one column
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


class SessionDetailView(Static):
    """Shows a SessionDetail (or a hint when there is none)."""

    def show(self, detail: SessionDetail | None, unit: Unit) -> None:
        if detail is None:
            self.update("No session selected")
            return
        head = [detail.started_at.strftime("%a %Y-%m-%d %H:%M")]
        if detail.minutes is not None:
            head.append(format_hours_minutes(detail.minutes))
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
        settings = Settings(unit=unit)  # a set is written in the lifter's unit
        for i, block in enumerate(detail.blocks):
            lines.append(Content(""))
            best = block.best
            title = Content.styled(f"{marks[i]}  " if i in marks else "", "bold $accent")
            title += Content.styled(block.name, "bold")
            if best is not None:
                title += Content.styled(f"  best e1RM {format_e1rm(best[1], unit)}", "dim")
            lines.append(title)
            lines.extend(set_text(s, settings, block.kind) for s in block.sets)
        self.update(Content("\n").join(lines))
