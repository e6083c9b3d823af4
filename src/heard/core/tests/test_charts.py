"""Chart geometry: pure Python, no database. 0, 1 and 1,000 points."""

import datetime

import pytest

from heard.core.charts import MAX_BARS, MAX_POINTS, bar_chart, group_series, line_chart

START = datetime.date(2023, 1, 2)


def _days(count: int, step: int = 1) -> list[tuple[datetime.date, float]]:
    return [(START + datetime.timedelta(days=i * step), float(i % 10 + 1)) for i in range(count)]


@pytest.mark.parametrize("count", [0, 1, 1000])
def test_line_charts_handle_0_1_and_1000_points(count):
    chart = line_chart(
        id="c",
        title="Ratings",
        series=[("You", _days(count)), ("Them", _days(count))],
        y_min=1,
        y_max=10,
    )
    assert chart.empty == (count == 0)
    assert all(len(line.points) <= MAX_POINTS for line in chart.lines)
    assert chart.desc
    for line in chart.lines:
        for point in line.points:
            assert chart.plot_left <= point.x <= chart.plot_right
            assert chart.plot_top <= point.y <= chart.plot_bottom
    if count == 1:
        assert len(chart.x_ticks) == 1 and chart.lines[0].points[0].x == pytest.approx(
            (chart.plot_left + chart.plot_right) / 2
        )
    if count == 1000:
        assert chart.grouped  # grouped by week, then in runs of weeks
        assert len(chart.rows) <= MAX_POINTS


@pytest.mark.parametrize("count", [0, 1, 1000])
def test_bar_charts_handle_0_1_and_1000_points(count):
    chart = bar_chart(
        id="b", title="Per week", series=[("Prompts", _days(count)), ("Dialogues", _days(count, 2))]
    )
    weeks = {bar.day for bar in chart.bars}
    assert len(weeks) <= MAX_BARS
    assert chart.empty == (count == 0)
    total = sum(bar.value for bar in chart.bars if bar.index == 0)
    assert total == sum(v for _, v in _days(count))  # grouping never loses a count
    for bar in chart.bars:
        assert bar.height >= 0 and bar.y >= chart.plot_top - 0.01


def test_grouping_keeps_series_aligned_in_time():
    grouped, how = group_series(
        [("a", _days(1000)), ("b", _days(10, 50))], how="mean", limit=MAX_POINTS
    )
    assert how.endswith("weeks")
    days_a = {d for d, _ in grouped[0][1]}
    assert {d for d, _ in grouped[1][1]} <= days_a


def test_values_outside_the_range_are_kept_inside_the_plot():
    chart = line_chart(id="c", title="t", series=[("x", [(START, 50.0)])], y_min=0, y_max=10)
    assert chart.lines[0].points[0].y == chart.plot_top


def test_the_description_summarises_in_words():
    chart = line_chart(
        id="c",
        title="t",
        series=[("You", [(START, 4.0), (START + datetime.timedelta(days=3), 8.0)])],
        y_min=1,
        y_max=10,
    )
    assert "From 2 Jan 2023 to 5 Jan 2023" in chart.desc
    assert "latest 8" in chart.desc and "average 6" in chart.desc
