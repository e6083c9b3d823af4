"""Charts render to well-formed, self-contained SVG with a text alternative."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from heard.core.charts import bar_chart, line_chart

START = datetime.date(2024, 3, 4)


def _points(count):
    return [(START + datetime.timedelta(days=i), float(i % 7 + 1)) for i in range(count)]


@pytest.mark.parametrize("count", [0, 1, 1000])
@pytest.mark.parametrize("kind", ["line", "bar"])
def test_it_draws_valid_svg_with_title_desc_and_table(count, kind):
    if kind == "line":
        chart = line_chart(
            id="x",
            title="Ratings & more",
            series=[("You", _points(count)), ("Sam", _points(count))],
            y_min=1,
            y_max=10,
        )
    else:
        chart = bar_chart(id="x", title="Ratings & more", series=[("You", _points(count))])
    html = render_to_string("core/charts/chart.html", {"c": chart})
    figure = ET.fromstring(html.strip())  # noqa: S314 (our own template output)
    svg = figure.find("{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "x-title x-desc"
    assert svg.find("{http://www.w3.org/2000/svg}title").text == "Ratings & more"
    assert svg.find("{http://www.w3.org/2000/svg}desc").text
    assert " style=" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    if count:
        # Tables ignore width:1px, so the hidden table sits in a hidden div (no sideways scroll).
        hidden = figure.find("div")
        assert hidden is not None and "visually-hidden" in hidden.get("class")
        assert hidden.find("table") is not None
    else:
        assert "Nothing here yet" in html


def _loop_template():
    """The chart template as it was when template loops wrote every mark (kept as data)."""
    from pathlib import Path

    from django.template import engines

    text = (Path(__file__).parent / "data" / "chart_loops.html").read_text()
    return engines["django"].from_string(text)


@pytest.mark.parametrize("count", [0, 1, 2, 45, 1000])
def test_the_marks_written_in_python_are_the_markup_the_loops_wrote(count):
    names = [("You", 0.0), ("<Sam> & co", 0.35), ('"Q"', -2.5)]
    series = [
        (name, [(day, value * 3.7 + shift) for day, value in _points(count)])
        for name, shift in names
    ]
    charts = [
        line_chart(id="l", title="A & B", series=series, y_min=1, y_max=10, unit=" min"),
        line_chart(id="m", title="Mean", series=series[:1], y_min=0, y_max=37, how="max"),
        bar_chart(id="b", title="Bars <b>", series=series[:2]),
        bar_chart(id="c", title="One", series=series[:1], unit=" times"),
    ]
    old = _loop_template()
    for chart in charts:
        new_html = render_to_string("core/charts/chart.html", {"c": chart})
        old_html = old.render({"c": chart})
        assert new_html.split("\n", 1)[1] == old_html.split("\n", 1)[1]  # all but the comment


def test_fixed_matches_floatformat():
    import random

    from django.template.defaultfilters import floatformat

    from heard.core.charts import fixed

    values = [0, 0.05, 0.15, 0.25, 0.35, 2.675, -0.04, -0.05, -0.15, 1e-7, 123456.789, 46, 588.0]
    rng = random.Random(18)
    values += [rng.uniform(-50, 650) for _ in range(2000)]
    values += [round(rng.uniform(0, 600), 2) for _ in range(2000)]
    for value in values:
        for places in (1, 2):
            assert fixed(value, places) == floatformat(value, places), (value, places)
