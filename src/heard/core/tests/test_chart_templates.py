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
