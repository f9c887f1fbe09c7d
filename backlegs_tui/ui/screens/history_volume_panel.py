"""History -> Volume: hard sets per muscle in one week against the landmarks, the weeks
before it beside; `[` and `]` step a week (never past this one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual.containers import VerticalScroll
from textual.message import Message

from ...domain.volume import WeekVolume, week_start
from ..jobs import JobFailed
from ..widgets.chart_volume import VolumeTrend
from ..widgets.history_volume import VolumeView
from .base import AppAccess

VOLUME_WEEKS = 8  # the chosen week and the 7 before it at 80 columns and more; wider shows more
TREND_WEEKS = 26  # the chart of each muscle's weeks under the table


@dataclass
class VolumeRead(Message):
    """Posted when a job has read the weekly volume of the weeks up to `week`."""

    week: date
    weeks: list[WeekVolume]


class VolumePanel(AppAccess, VerticalScroll):
    """The volume view in a scrolling box; `week` is the Monday it ends with (None: this week)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(VolumeView("Loading…", id="volume-view"), VolumeTrend(id="volume-trend"), id=id)
        self.week: date | None = None
        self.weeks: list[WeekVolume] = []

    @property
    def this_week(self) -> date:
        return week_start(self.blapp.clock().date())

    def load(self) -> None:
        week = self.week or self.this_week
        self.blapp.jobs.submit(
            self, "read the weekly volume",
            lambda repo: VolumeRead(week, repo.weekly_volume(week, max(VOLUME_WEEKS, TREND_WEEKS))),
            lambda read: read, key="history-volume",
        )

    def on_job_failed(self, message: JobFailed) -> None:
        message.stop()
        self.query_one(VolumeView).update(message.line)

    def on_volume_read(self, message: VolumeRead) -> None:
        message.stop()
        self.weeks = message.weeks
        self._show()

    def on_resize(self) -> None:
        if self.weeks:
            self._show()

    def _show(self) -> None:
        width = max(40, self.scrollable_content_region.width - 2)  # room for the scrollbar
        landmarks = self.blapp.settings.landmarks
        self.query_one(VolumeView).show(self.weeks, landmarks, self.this_week, width)  # as many weeks as fit
        self.query_one(VolumeTrend).show(self.weeks, landmarks)

    def step(self, step: int) -> None:
        week = (self.week or self.this_week) + timedelta(days=7 * step)
        self.week = min(week, self.this_week)
        self.load()
