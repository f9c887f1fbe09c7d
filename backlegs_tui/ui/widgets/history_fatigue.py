"""Fatigue flags across recent sessions, one line each with its evidence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.content import Content
from textual.widgets import Static

from ...domain.fatigue import FatigueFlag, Severity

_STYLE = {
    Severity.NOTE: "$accent",
    Severity.MODERATE: "$warning",
    Severity.HIGH: "$error",
    Severity.WARNING: "$error",
}
SUMMARY_CODE = "summary"  # the verdict `analyse` puts first
NO_ANALYSIS = "No fatigue analysis yet: the trend signals are not available in this version."
ACWR_NOTE = (
    "The acute:chronic ratio (F6) describes how fast your load changed; it is not an injury "
    "risk score (Impellizzeri et al. 2020)."
)


class FatigueView(Static):
    """Shows fatigue flags (the verdict first, as `analyse` returns them), a line saying
    nothing fired, or that no analysis is available."""

    def show(self, flags: Sequence[FatigueFlag] | None, days: int, today: date) -> None:
        head = Content.styled(f"Fatigue signals over the {days} days up to {today:%a %Y-%m-%d}", "bold $accent")
        if flags is None:
            self.update(Content.styled(NO_ANALYSIS, "dim"))
            return
        if not flags:
            lines = [head, Content(""), Content("Nothing flagged: no fatigue signal has fired.")]
        else:
            lines = [head, Content("")]
            for f in flags:
                if f.code == SUMMARY_CODE:
                    lines += [Content.styled(f.message, f"bold {_STYLE[f.severity]}"), Content("")]
                else:
                    lines.append(Content.styled(f"{f.severity.value:>8}  ", _STYLE[f.severity]) + Content(f.message))
        lines += [Content(""), Content.styled(ACWR_NOTE, "dim")]
        self.update(Content("\n").join(lines))
