"""The SVG bar charts: accessible, CSP-safe, and showing only what the table shows."""

from __future__ import annotations

from researcher.reports.charts import bar_chart
from researcher.reports.disclosure import publish
from tests.reports.test_disclosure import additive, one_column


def test_chart_has_a_title_a_description_and_the_numbers():
    svg = str(bar_chart(publish(one_column([0, 12, 30]))))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="chart-t-title chart-t-desc"' in svg
    assert '<title id="chart-t-title">Tabela</title>' in svg
    assert "Wiersz 1: 12" in svg  # in the description
    assert ">12</text>" in svg and ">30</text>" in svg  # beside the bars
    assert "Liczba potrzeb" in svg  # the value axis


def test_hidden_counts_are_drawn_as_empty_boxes_with_their_text():
    svg = str(bar_chart(publish(one_column([2, 12, 30]))))
    assert "&lt;5</text>" in svg and ">x</text>" in svg
    assert 'fill="url(#chart-t-hatch)"' in svg
    assert ">2<" not in svg and ">12<" not in svg


def test_no_inline_styles():
    svg = str(bar_chart(publish(additive([[10, 20], [30, 2]]))))
    assert "style=" not in svg and "<style" not in svg


def test_withheld_table_has_no_chart():
    from researcher.reports.disclosure import check_locality_breakdown

    assert str(bar_chart(check_locality_breakdown(one_column([1, 12]), 5))) == ""


def test_long_labels_are_wrapped_and_escaped():
    table = publish(one_column([10, 20]))
    long = "Brak osoby dorosłej / osoba nie może udzielić wywiadu <script> & co dalej tutaj"
    table.row_labels[0] = long
    svg = str(bar_chart(table))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
