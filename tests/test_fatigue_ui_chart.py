"""The fatigue picture drawn as text (`ui.widgets.fatigue_chart`): a pure function, tested
without a terminal."""

from __future__ import annotations

from datetime import date, timedelta

from backlegs_tui.domain.model import Unit
from backlegs_tui.ui.widgets.fatigue_chart import (
    BAND,
    BELOW,
    DELOAD,
    IN_BAND,
    LEGEND,
    ChartData,
    LiftPoint,
    chart_data,
    draw,
    draw_text,
    line_text,
    plot_width,
)

from .fatigue_ui_data import AS_OF, overreach_picture

END = date(2026, 11, 24)


def plot(line: str, width: int) -> str:
    """The plot columns of a chart row `width` wide (between the label and the values)."""
    return line.ljust(width)[8 : 8 + plot_width(width)]


def lift(points: list[LiftPoint], days: int = 28) -> ChartData:
    return ChartData(END - timedelta(days=days - 1), END, (("Squat", tuple(points)),))


def test_every_line_fits_the_width_and_the_rows_share_one_axis() -> None:
    data = chart_data(overreach_picture())
    for width in (48, 74, 80, 114, 200):
        lines = draw(data, width, Unit.KG)
        assert all(len(line_text(line)) <= width for line in lines), width
        rows = [line_text(line) for line in lines if len(line) > 1 and line[0][1] in ("scale", "label")]
        assert len({len(r) for r in rows}) == 1, width  # label + plot + value: the same columns


def test_the_picture_reads_top_down() -> None:
    text = draw_text(chart_data(overreach_picture()), 74, Unit.KG)
    assert text[0] == "Barbell back squat (e1RM)"
    assert text[4] == "Romanian deadlift (e1RM)"
    assert [t.split()[0] for t in text[8:13]] == ["Deload", "Load/wk", "Sets/wk", "Form", "Ready"]
    assert text[-2] == LEGEND
    assert text[-3].split()[0] == "07" and text[-3].endswith("24 Nov")


def test_a_point_inside_its_band_sits_on_the_shading_and_one_below_is_marked() -> None:
    points = [LiftPoint(END - timedelta(days=21 - 3 * i), 100.0, 98.0, 102.0) for i in range(6)]
    points.append(LiftPoint(END, 90.0, 98.0, 102.0))
    text = draw_text(lift(points), 60, Unit.KG)
    rows = [plot(t, 60) for t in text[1:4]]
    assert rows[0].count(IN_BAND) == 6 and BAND in rows[0]
    assert rows[2].rstrip().endswith(BELOW) and BAND not in rows[2]  # 90 is far below 98-102
    assert text[1].endswith("90 kg 24 Nov".ljust(18)) or "90 kg 24 Nov" in text[1]
    assert "usual 98-102 kg" in text[2] and "-10.0% vs usual" in text[3]


def test_the_newest_day_is_the_last_column_and_the_first_day_the_first() -> None:
    points = [LiftPoint(END - timedelta(days=27), 100.0, 98.0, 102.0), LiftPoint(END, 100.0, 98.0, 102.0)]
    for width in (50, 80, 140):
        rows = [plot(t, width) for t in draw_text(lift(points), width, Unit.KG)[1:4]]
        marks = sorted(i for row in rows for i, ch in enumerate(row) if ch == IN_BAND)
        assert marks[0] == 0, width
        assert marks[-1] >= plot_width(width) - -(-plot_width(width) // 28), width


def test_a_deload_session_is_drawn_as_one_and_listed() -> None:
    points = [LiftPoint(END - timedelta(days=14 - 2 * i), 100.0, 98.0, 102.0, deload=(i == 3)) for i in range(8)]
    text = draw_text(lift(points), 70, Unit.KG)
    assert sum(t.count(DELOAD) for t in text[1:4]) == 1
    deload = next(t for t in text if t.startswith("Deload"))
    assert "D" in plot(deload, 70) and "last 16 Nov" in deload
    # a deload session no lift point shows (no reading at its low RPE) is still listed
    data = ChartData(END - timedelta(days=27), END, (("Squat", tuple(points)),), deload_days=(END - timedelta(days=1),))
    deload = next(t for t in draw_text(data, 70, Unit.KG) if t.startswith("Deload"))
    assert plot(deload, 70).count("D") == 2 and "last 23 Nov" in deload


def test_weights_are_in_the_lifters_unit() -> None:
    text = "\n".join(draw_text(chart_data(overreach_picture()), 80, Unit.LB))
    assert "usual 308-324 lb" in text and " kg" not in text


def test_unknown_load_is_a_dot_and_a_week_off_is_blank() -> None:
    start = END - timedelta(days=END.weekday() + 21)  # Monday, four whole weeks
    data = ChartData(
        start,
        start + timedelta(days=27),
        (),
        load=((start, 1000.0), (start + timedelta(days=7), None), (start + timedelta(days=14), None), (start + timedelta(days=21), 500.0)),
        readiness=((start, 80.0), (start + timedelta(days=8), None), (start + timedelta(days=22), 40.0)),
    )
    load = next(t for t in draw_text(data, 60, Unit.KG) if t.startswith("Load/wk"))
    row = plot(load, 60)
    week = len(row) // 4
    assert set(row[:week].strip()) == {"█"}
    assert "·" in row[week : 2 * week]
    assert row[2 * week : 3 * week].strip() == ""  # no session that week: nothing to say
    assert set(row[3 * week :].strip()) == {"▄"}
    assert load.rstrip().endswith("500 (4 wk 1,000)")
    ready = next(t for t in draw_text(data, 60, Unit.KG) if t.startswith("Ready"))
    assert plot(ready, 60).split() == ["▇", "▄"]  # 80 and 40 of 100; the day without a check-in blank


def test_readiness_bars_use_the_whole_0_100_scale() -> None:
    data = ChartData(END - timedelta(days=9), END, (), readiness=((END - timedelta(days=9), 100.0), (END, 0.0)))
    ready = next(t for t in draw_text(data, 60, Unit.KG) if t.startswith("Ready"))
    row = plot(ready, 60)
    assert row[0] == "█" and row.rstrip()[-1] == "▁" and set(row.strip()[1:-1]) <= {" "}
    assert "0/100 24 Nov" in ready


def test_the_picture_from_the_engines_shape() -> None:
    picture = overreach_picture()
    data = chart_data(picture)
    assert data.end == AS_OF and data.start == AS_OF - timedelta(days=AS_OF.weekday() + 77)
    assert [name for name, _ in data.lifts] == ["Barbell back squat", "Romanian deadlift"]
    assert data.lifts[0][1][0] == LiftPoint(*picture.lifts[0].points[0])
    assert not data.empty
    assert ChartData(END, END, ()).empty


def test_a_few_kilograms_apart_is_not_drawn_as_a_cliff() -> None:
    points = [LiftPoint(END - timedelta(days=10), 251.5, None, None), LiftPoint(END, 253.5, None, None)]
    text = draw_text(lift(points), 60, Unit.KG)
    rows = [plot(t, 60) for t in text[1:4]]
    assert rows[1].count(IN_BAND) == 2  # both in the middle of a scale 4 % wide
    assert text[1].split()[0] == "257.5" and text[3].split()[0] == "247.5"


def test_this_week_without_a_session_yet_is_blank_not_zero() -> None:
    start = END - timedelta(days=END.weekday() + 7)  # last week's Monday
    data = ChartData(
        start, start + timedelta(days=13), (),
        hard_sets=((start, 40.0), (start + timedelta(days=7), 0.0)),
        readiness=((start + timedelta(days=2), 70.0),),
    )
    sets = next(t for t in draw_text(data, 60, Unit.KG) if t.startswith("Sets/wk"))
    row = plot(sets, 60)
    assert set(row[: len(row) // 2].strip()) == {"█"} and row[len(row) // 2 :].strip() == ""
    assert sets.rstrip().endswith("40 sets")


def test_form_is_bars_above_zero_and_upper_blocks_below() -> None:
    text = draw_text(chart_data(overreach_picture()), 74, Unit.KG)
    form = next(t for t in text if t.startswith("Form "))
    weeks = [group[0] for group in plot(form, 74).split()]  # one group per week, week 3 unknown
    assert weeks == ["▁"] * 4 + ["▄"] * 3 + ["▁", "▔", "▀", "▀"]  # +10; +40 of 80 fresher; -20, -50, -80
    assert form.rstrip().endswith("-80 (more tired)")
    assert text[-1].startswith("Form: fitness (42 d) - fatigue (7 d)")


# ---- the verdict and the flags as text (history_fatigue) ----------------------------------


def test_the_verdict_reads_without_colour_and_names_the_next_session() -> None:
    from backlegs_tui.domain.fatigue_engine import FatigueReport, Flag, Verdict
    from backlegs_tui.ui.widgets.history_fatigue import flags_content, verdict_content

    from .fatigue_ui_data import CALM_REPORT, WARNING_REPORT

    assert str(verdict_content(CALM_REPORT)).splitlines() == ["✓ No fatigue · as of Tue 2026-11-24", CALM_REPORT.summary]
    assert str(flags_content(CALM_REPORT)) == ""  # the summary says it; no second line (ux report 3, 5c)
    warning = str(verdict_content(WARNING_REPORT)).splitlines()
    assert warning[0].startswith("⚠ WARNING") and warning[2].startswith("Next session: a deload")
    # a suggestion the summary already holds is not repeated
    said = FatigueReport(AS_OF, Verdict.WARNING, "Warning: two lifts down; next session: a deload.", (), "next session: a deload")
    assert len(str(verdict_content(said)).splitlines()) == 2
    note = FatigueReport(AS_OF, Verdict.NOTE, "Note: one lift", (Flag("decline", "note", "Squat", "Squat: -4 %"),))
    assert str(verdict_content(note)).startswith("• Note · as of")
    assert str(flags_content(note)).splitlines() == ["Flags (1)", "• Squat: -4 %"]
