"""Server-drawn SVG charts: plain geometry, no Django, no JavaScript, no external requests.

A selector gathers the data (dated values per series); :func:`line_chart` or :func:`bar_chart`
turns it into coordinates, tick labels, a one-sentence summary and a data table, and a small
template draws it. Long histories are grouped by week, then into even runs of weeks, so a
chart never has more than ``MAX_POINTS`` points however much data there is.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import conditional_escape as _esc
from django.utils.safestring import SafeString, mark_safe

Dated = Sequence[tuple[datetime.date, float]]

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 14, 34
MAX_POINTS = 60
MAX_BARS = 52


_PLACES = {1: Decimal("0.1"), 2: Decimal("0.01")}


def fixed(value: float, places: int = 1) -> str:
    """``value`` as Django's ``floatformat:places`` writes it in English (``places`` > 0):
    rounded half up from its shortest decimal form, no thousands separator, never "-0.0".
    Written here because the template filter was a fifth of the Progress page's CPU."""
    rounded = Decimal(str(value)).quantize(_PLACES[places], rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)
    return f"{rounded:f}"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: datetime.date
    value: float


@dataclass(frozen=True)
class Line:
    name: str
    index: int
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:.1f} {p.y:.1f}" for i, p in enumerate(self.points)
        )


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    index: int
    day: datetime.date
    value: float


@dataclass
class Chart:
    id: str
    title: str
    desc: str = ""
    kind: str = "line"
    unit: str = ""
    lines: list[Line] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str, str]] = field(default_factory=list)  # x, label, anchor
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    grouped: str = ""  # "", "week" or "N weeks": how the points were grouped
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return not any(line.points for line in self.lines) and not self.bars

    @property
    def legend(self) -> list[tuple[int, str]]:
        return list(enumerate(self.names))

    @property
    def centre(self) -> tuple[float, float]:
        return (self.plot_left + self.plot_right) / 2, (self.plot_top + self.plot_bottom) / 2

    @property
    def label_y(self) -> int:
        return self.height - 8

    @property
    def tick_x(self) -> int:
        return self.plot_left - 6

    # The repeated marks, written here rather than by template loops (the same markup).

    @property
    def y_ticks_svg(self) -> SafeString:
        left, right, tick_x = self.plot_left, self.plot_right, self.tick_x
        out = []
        for y, label in self.y_ticks:
            at = fixed(y)
            out.append(
                f'<line class="chart-grid" x1="{left}" x2="{right}" y1="{at}" y2="{at}"/>'
                f'<text class="chart-tick" x="{tick_x}" y="{at}" text-anchor="end" '
                f'dominant-baseline="middle">{_esc(label)}</text>'
            )
        return mark_safe("".join(out))  # nosec B308 B703 - numbers, and escaped labels

    @property
    def x_ticks_svg(self) -> SafeString:
        label_y = self.label_y
        return mark_safe(  # nosec B308 B703 - numbers, and escaped labels
            "".join(
                f'<text class="chart-tick" x="{fixed(x)}" y="{label_y}" '
                f'text-anchor="{_esc(anchor)}">{_esc(label)}</text>'
                for x, label, anchor in self.x_ticks
            )
        )

    @property
    def lines_svg(self) -> SafeString:
        out = []
        for line in self.lines:
            out.append(f'<g class="chart-series series-{line.index}" aria-hidden="true">')
            if len(line.points) > 1:
                out.append(f'<path class="chart-line" d="{_esc(line.path)}" fill="none"/>')
            out.extend(
                f'<circle class="chart-dot" cx="{fixed(p.x)}" cy="{fixed(p.y)}" r="3.5"/>'
                for p in line.points
            )
            out.append("</g>")
        return mark_safe("".join(out))  # nosec B308 B703 - numbers only

    @property
    def bars_svg(self) -> SafeString:
        return mark_safe(  # nosec B308 B703 - numbers only
            "".join(
                f'<rect class="chart-bar series-{bar.index}" x="{fixed(bar.x)}" '
                f'y="{fixed(bar.y)}" width="{fixed(bar.width, 2)}" '
                f'height="{fixed(bar.height)}" aria-hidden="true"/>'
                for bar in self.bars
            )
        )

    @property
    def rows_html(self) -> SafeString:
        return mark_safe(  # nosec B308 B703 - every cell is escaped
            "".join(
                f'<tr><th scope="row">{_esc(day)}</th>'
                + "".join(f"<td>{_esc(v)}</td>" for v in values)
                + "</tr>"
                for day, values in self.rows
            )
        )


# --------------------------------------------------------------------------- grouping

Series = list[tuple[str, list[tuple[datetime.date, float]]]]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


_COMBINE: dict[str, Callable[[list[float]], float]] = {"mean": _mean, "sum": sum, "max": max}


def _week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def group_series(
    series: Sequence[tuple[str, Dated]], *, how: str, limit: int, always_weekly: bool = False
) -> tuple[Series, str]:
    """Every series on one shared grid of weeks (or runs of weeks), so that no series has
    more than ``limit`` points and points of different series line up in time.

    Returns the grouped series and how they were grouped: "" (as they were), "week" or
    "N weeks". Values in a group are combined by ``how``: "mean", "sum" or "max"."""
    plain: Series = [
        (name, sorted((day, float(value)) for day, value in points)) for name, points in series
    ]
    if not always_weekly and all(len(points) <= limit for _, points in plain):
        return plain, ""
    weeks = sorted({_week_start(day) for _, points in plain for day, _ in points})
    if not weeks:
        return plain, ""
    size = max(1, math.ceil(len(weeks) / limit))
    if size > 1:  # even runs of weeks on a grid from the first week, so they stay aligned
        span = len({(w - weeks[0]).days // (7 * size) for w in weeks})
        while span > limit:
            size += 1
            span = len({(w - weeks[0]).days // (7 * size) for w in weeks})
    grouped: Series = []
    for name, points in plain:
        buckets: dict[datetime.date, list[float]] = {}
        for day, value in points:
            offset = (_week_start(day) - weeks[0]).days // (7 * size)
            key = weeks[0] + datetime.timedelta(days=offset * 7 * size)
            buckets.setdefault(key, []).append(value)
        grouped.append(
            (name, [(key, _COMBINE[how](values)) for key, values in sorted(buckets.items())])
        )
    return grouped, ("week" if size == 1 else f"{size} weeks")


# --------------------------------------------------------------------------- axes


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _date_label(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _x_ticks(
    left: float, right: float, first: datetime.date, last: datetime.date
) -> list[tuple[float, str, str]]:
    if first == last:
        return [((left + right) / 2, _date_label(first), "middle")]
    return [(left, _date_label(first), "start"), (right, _date_label(last), "end")]


def _x_scale(days: list[datetime.date], chart: Chart):  # type: ignore[no-untyped-def]
    first, last = min(days), max(days)
    span = (last - first).days
    width = chart.plot_right - chart.plot_left

    def x(day: datetime.date) -> float:
        if span == 0:
            return chart.plot_left + width / 2
        return chart.plot_left + (day - first).days / span * width

    chart.x_ticks = _x_ticks(x(first), x(last), first, last)
    return x


def _y_scale(y_min: float, y_max: float, chart: Chart):  # type: ignore[no-untyped-def]
    height = chart.plot_bottom - chart.plot_top
    span = (y_max - y_min) or 1

    def y(value: float) -> float:
        value = min(max(value, y_min), y_max)
        return chart.plot_bottom - (value - y_min) / span * height

    middle = (y_min + y_max) / 2
    chart.y_ticks = [(y(v), _fmt(v)) for v in (y_min, middle, y_max)]
    return y


def _table(
    chart: Chart, series: list[tuple[str, list[tuple[datetime.date, float]]]]
) -> list[tuple[str, list[str]]]:
    days = sorted({day for _, points in series for day, _ in points})
    lookup = [dict(points) for _, points in series]
    return [
        (
            _date_label(day),
            [_fmt(round(found[day], 1)) if day in found else "–" for found in lookup],
        )
        for day in days
    ]


def _summary(name: str, points: list[tuple[datetime.date, float]], unit: str) -> str:
    if not points:
        return f"{name}: nothing yet."
    values = [v for _, v in points]
    mean = sum(values) / len(values)
    text = f"{name}: latest {_fmt(round(values[-1], 1))}{unit}"
    if len(values) > 1:
        text += f", average {_fmt(round(mean, 1))}{unit}, lowest {_fmt(round(min(values), 1))}"
        text += f", highest {_fmt(round(max(values), 1))}"
    return text + "."


def _describe(chart: Chart, series: list[tuple[str, list[tuple[datetime.date, float]]]]) -> None:
    days = [day for _, points in series for day, _ in points]
    if not days:
        chart.desc = "No data yet. This chart fills in as you use Heard."
        return
    first, last = min(days), max(days)
    period = (
        f"On {_date_label(first)}."
        if first == last
        else f"From {_date_label(first)} to {_date_label(last)}."
    )
    grouped = f" Each point is a {chart.grouped}." if chart.grouped == "week" else ""
    if chart.grouped and chart.grouped != "week":
        grouped = f" Each point covers {chart.grouped}."
    chart.desc = " ".join(
        [period + grouped, *(_summary(name, points, chart.unit) for name, points in series)]
    )


# --------------------------------------------------------------------------- charts


def line_chart(
    *,
    id: str,
    title: str,
    series: Sequence[tuple[str, Dated]],
    y_min: float,
    y_max: float,
    unit: str = "",
    how: str = "mean",
) -> Chart:
    """Lines over time, one per series, on a fixed vertical range (for example 1-10)."""
    chart = Chart(id=id, title=title, kind="line", unit=unit, names=[name for name, _ in series])
    reduced, chart.grouped = group_series(series, how=how, limit=MAX_POINTS)
    _y_scale(y_min, y_max, chart)
    days = [day for _, points in reduced for day, _ in points]
    if days:
        x = _x_scale(days, chart)
        y = _y_scale(y_min, y_max, chart)
        chart.lines = [
            Line(name, index, [Point(x(d), y(v), d, v) for d, v in points])
            for index, (name, points) in enumerate(reduced)
        ]
    else:
        chart.lines = [Line(name, index, []) for index, (name, _) in enumerate(reduced)]
    chart.rows = _table(chart, reduced)
    _describe(chart, reduced)
    return chart


def bar_chart(*, id: str, title: str, series: Sequence[tuple[str, Dated]], unit: str = "") -> Chart:
    """Counts per week as bars, the series side by side within each week."""
    chart = Chart(id=id, title=title, kind="bar", unit=unit, names=[name for name, _ in series])
    weekly, chart.grouped = group_series(series, how="sum", limit=MAX_BARS, always_weekly=True)
    weeks = sorted({week for _, points in weekly for week, _ in points})
    top = max([value for _, points in weekly for _, value in points] or [0])
    y_max = max(4.0, float(math.ceil(top)))
    y = _y_scale(0, y_max, chart)
    if weeks:
        slot = (chart.plot_right - chart.plot_left) / len(weeks)
        bar_width = max(1.0, slot * 0.8 / max(1, len(series)))
        position = {week: i for i, week in enumerate(weeks)}
        for index, (_, points) in enumerate(weekly):
            for week, value in points:
                left = chart.plot_left + position[week] * slot + slot * 0.1 + index * bar_width
                chart.bars.append(
                    Bar(left, y(value), bar_width, chart.plot_bottom - y(value), index, week, value)
                )
        chart.x_ticks = _x_ticks(chart.plot_left, chart.plot_right, weeks[0], weeks[-1])
    chart.rows = _table(chart, weekly)
    _describe(chart, weekly)
    return chart
