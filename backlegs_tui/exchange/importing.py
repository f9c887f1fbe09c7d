"""One import, start to end, for the CLI and the TUI alike: read the file, match the
exercise names, write in one transaction, and say what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.model import Unit
from ..domain.text import printable
from . import fitnotes, hevy, jsonfmt, matching, strong
from .common import BadFile, Parsed, Progress, Skipped, read_text, row_errors

if TYPE_CHECKING:
    from ..store.repository import Repository

FORMATS = ("strong", "hevy", "fitnotes", "json")
ALREADY_WHY = "same date, exercise, set"
ALREADY = f"already imported ({ALREADY_WHY})"  # a row of a workout the database has
PARSERS: dict[str, Callable[..., Parsed]] = {"strong": strong.parse, "hevy": hevy.parse, "fitnotes": fitnotes.parse}
SHOWN_SKIPS = 20


class StrictFailure(BadFile):
    """--strict and some rows could not be read: nothing was imported."""

    def __init__(self, summary: ImportSummary) -> None:
        n = len(row_errors(summary.skipped))
        super().__init__(f"{n} row{'s' if n != 1 else ''} could not be read; nothing imported (--strict)")
        self.summary = summary


@dataclass(slots=True)
class ImportSummary:
    fmt: str
    variant: str = ""
    unit: str = ""
    workouts: int = 0
    sets: int = 0
    duplicates: int = 0
    matched: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # name in the file -> name stored
    skipped: list[Skipped] = field(default_factory=list)
    left_out: int = 0  # no longer used: timed and distance sets are stored
    dry_run: bool = False
    recovered: list[Skipped] = field(default_factory=list)  # rows read after a repair (FitNotes' commas)
    timed: int = 0  # sets stored with a duration or a distance
    # the rows of the `duplicates` workouts (already in the database, left alone): listed
    # apart from `skipped`, so "N rows skipped" counts the rows listed under "Skipped rows:"
    already_rows: list[Skipped] = field(default_factory=list)

    @property
    def already(self) -> int:
        """How many rows were already imported (of the `duplicates` workouts)."""
        return len(self.already_rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "workouts": self.workouts,
            "sets": self.sets,
            "exercises_matched": len(self.matched),
            "exercises_created": len(self.created),
            "timed_or_distance_sets": self.timed,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "already_imported": [{"line": s.line, "reason": s.reason} for s in self.already_rows],
            "recovered": [{"line": s.line, "reason": s.reason} for s in self.recovered],
        }

    def headline(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        text = f"{verb} {self.workouts} workout{_s(self.workouts)}, {self.sets} set{_s(self.sets)}"
        text += f"; exercises: {len(self.matched)} matched, {len(self.created)} created"
        if self.skipped:
            text += f"; {len(self.skipped)} row{_s(len(self.skipped))} skipped"
        if self.already:
            text += f"; {self.already} row{_s(self.already)} already imported"
            text += f" ({self.duplicates} workout{_s(self.duplicates)})" if self.duplicates else ""
        elif self.duplicates:
            text += f"; {self.duplicates} workout{_s(self.duplicates)} already imported"
        return text + "."

    def lines(self) -> list[str]:
        """The summary for a terminal: what was read, the name mapping, the skipped rows;
        text from the file with its control characters shown, never sent to the terminal."""
        return [printable(line) for line in self._lines()]

    def _lines(self) -> list[str]:
        out = []
        if self.variant:
            unit = {"": "", "per row": ", the weight unit on each row"}.get(self.unit, f", weights in {self.unit}")
            out.append(f"Read {self.variant}{unit}.")
        if self.dry_run:
            out.append("Dry run: nothing was written.")
        out.append(self.headline())
        created = {n.lower() for n in self.created}
        if self.mapping:
            out.append("Exercises:")
            width = min(40, max(len(k) for k in self.mapping))
            for source, stored in sorted(self.mapping.items(), key=lambda kv: kv[0].lower()):
                if stored.lower() in created:
                    target = "new exercise" if source == stored else f"{stored} (new exercise)"
                else:
                    target = stored
                out.append(f"  {source:<{width}} -> {target}")
        out.extend(self._skipped_lines())
        if self.duplicates:
            left = f"{self.duplicates} workout{_s(self.duplicates)} already in the database, left alone"
            if self.already_rows:
                left += f": {_line_ranges(self.already_rows)} ({ALREADY_WHY})"
            out.append(left + ".")
        if self.timed:
            verb = "would be stored" if self.dry_run else "stored"
            out.append(f"{self.timed} timed or distance set{_s(self.timed)} (holds, carries, cardio) {verb} with "
                       "their time and distance.")
        if self.recovered:
            out.append("Rows read another way:")
            for r in self.recovered[:SHOWN_SKIPS]:
                out.append(f"  line {r.line}: {r.reason}")
            if len(self.recovered) > SHOWN_SKIPS:
                out.append(f"  ... and {len(self.recovered) - SHOWN_SKIPS} more (--json lists them all)")
        return out


    def skipped_lines(self) -> list[str]:
        return [printable(line) for line in self._skipped_lines()]

    def _skipped_lines(self) -> list[str]:
        if not self.skipped:
            return []
        out = ["Skipped rows:"]
        for s in self.skipped[:SHOWN_SKIPS]:
            out.append(f"  {f'line {s.line}' if s.line is not None else '-'}: {s.reason}")
        if len(self.skipped) > SHOWN_SKIPS:
            out.append(f"  ... and {len(self.skipped) - SHOWN_SKIPS} more (--json lists them all)")
        return out


def _s(n: int) -> str:
    return "" if n == 1 else "s"


SHOWN_RANGES = 20


def _line_ranges(rows: list[Skipped]) -> str:
    """`lines 2-4, 6-8`: the rows' line numbers as runs (the first SHOWN_RANGES of them)."""
    lines = sorted({r.line for r in rows if r.line is not None})
    runs: list[list[int]] = []
    for n in lines:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [f"{a}-{b}" if b > a else f"{a}" for a, b in runs[:SHOWN_RANGES]]
    if len(runs) > SHOWN_RANGES:
        parts.append(f"... ({len(runs) - SHOWN_RANGES} more runs; --json lists every row)")
    if not parts:
        return f"{len(rows)} row{_s(len(rows))}"
    return ("line " if len(lines) == 1 else "lines ") + ", ".join(parts)


def read_file(fmt: str, path: Path, unit: Unit | None = None, progress: Progress | None = None) -> Parsed:
    """Parse an export (strong, hevy, fitnotes) and map its exercise names to the catalogue
    (`write` then sends the ones that clearly mean a lifter's own exercise to it)."""
    parsed = PARSERS[fmt](read_text(path), unit=unit, progress=progress)
    names: dict[str, str] = {}
    for w in parsed.workouts:
        for s in w.sets:
            stored = names.get(s.exercise)
            if stored is None:
                # control characters become visible text before matching and storing
                stored = names[s.exercise] = matching.canonical(printable(s.exercise))
            s.source_name = s.exercise
            s.exercise = stored
    parsed.mapping = names
    return parsed


def own_names(parsed: Parsed, own: Iterable[str]) -> None:
    """Send each name of the file that clearly means one of the lifter's own exercises to it
    (a Strong "Hip Thrust (Barbell)" to their "Barbell hip thrust"), sets and mapping alike."""
    mine = matching.OwnNames(own)
    changed = {raw: final for raw in parsed.mapping if (final := mine.own(printable(raw))) is not None}
    if not changed:
        return
    for raw, final in changed.items():
        parsed.mapping[raw] = final
    for w in parsed.workouts:
        for s in w.sets:
            final = changed.get(s.source_name)
            if final is not None:
                s.exercise = final


def write(
    repo: Repository,
    fmt: str,
    parsed: Parsed,
    *,
    dry_run: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Write what `read_file` read (nothing with `dry_run`, nor with `strict` and skipped rows)."""
    from ..store.bulk import insert_workouts

    summary = ImportSummary(
        fmt, parsed.variant, parsed.unit, skipped=list(parsed.skipped), dry_run=dry_run,
        mapping=dict(parsed.mapping), recovered=list(parsed.recovered),
    )
    if strict and row_errors(summary.skipped):
        raise StrictFailure(summary)
    own_names(parsed, repo.exercise_names().values())
    summary.mapping = dict(parsed.mapping)
    result = insert_workouts(
        repo, parsed.workouts, dry_run=dry_run, draft_for=matching.draft_for, progress=progress
    )
    summary.workouts, summary.sets, summary.duplicates = result.workouts, result.sets, result.duplicates
    # every row accounted for: those of a workout already in the database are listed apart
    summary.already_rows = sorted(
        (Skipped(s.line, ALREADY, error=False) for w in result.already for s in w.sets),
        key=lambda s: (s.line is None, s.line or 0),
    )
    summary.timed = result.timed
    summary.matched, summary.created = result.matched, result.created
    stored = {n.lower(): n for n in result.matched + result.created}  # as the database spells them
    summary.mapping = {k: stored[v.lower()] for k, v in summary.mapping.items() if v.lower() in stored}
    return summary


def read_json(path: Path) -> dict[str, Any]:
    return jsonfmt.loads(read_text(path))


def write_json(repo: Repository, snapshot: dict[str, Any], *, dry_run: bool = False) -> ImportSummary:
    from ..store.bulk import restore_snapshot

    result = restore_snapshot(repo, snapshot, dry_run=dry_run)
    return ImportSummary(
        "json",
        "backlegs JSON",
        workouts=result.workouts,
        sets=result.sets,
        duplicates=result.duplicates,
        matched=result.matched,
        created=result.created,
        skipped=[Skipped(None, reason) for reason in result.skipped],
        dry_run=dry_run,
    )


def import_file(
    repo: Repository,
    fmt: str,
    path: Path,
    unit: Unit | None = None,
    *,
    dry_run: bool = False,
    strict: bool = False,
) -> ImportSummary:
    """The whole import into an open repository (the TUI's path; the CLI adds progress)."""
    if fmt == "json":
        return write_json(repo, read_json(path), dry_run=dry_run)
    return write(repo, fmt, read_file(fmt, path, unit), dry_run=dry_run, strict=strict)
