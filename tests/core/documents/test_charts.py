"""The one chart module (app/core/documents/charts.py): the screen charts of the tools pages draw the
plain data they are given, a gap where a value is unknown, never a zero."""

from __future__ import annotations

import math
from decimal import Decimal

from app.core.documents import charts


def _bar_widths(ax) -> list[float]:  # type: ignore[no-untyped-def]
    return [round(p.get_width(), 6) for p in ax.patches]


def _heights(ax) -> list[float]:  # type: ignore[no-untyped-def]
    return [round(p.get_height(), 6) for p in ax.patches]


def test_index_bars_draw_each_value_and_write_it_in_polish() -> None:
    fig = charts.index_bars(["Indeks Jakości", "Indeks Efektywności"], [Decimal("72.5"), Decimal("40")])
    (ax,) = fig.axes
    assert _bar_widths(ax) == [72.5, 40.0]
    assert [t.get_text() for t in ax.texts] == ["72,5", "40"]
    assert ax.get_xlim() == (0.0, 105.0)
    # the band edges of the indices: dotted lines at 50 and 75
    assert sorted(line.get_xdata()[0] for line in ax.get_lines()) == [50, 75]


def test_trend_panels_leave_unknown_years_as_gaps_and_skip_empty_panels() -> None:
    fig = charts.trend_panels([2024, 2025, 2026], [("Narzędzia", [("W-01", [50.0, None, 75.0])]), ("Indeksy", [])])
    (ax,) = fig.axes  # the empty panel is not drawn
    assert ax.get_title() == "Narzędzia"
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == [2024, 2025, 2026]
    y = list(line.get_ydata())
    assert y[0] == 50.0 and math.isnan(y[1]) and y[2] == 75.0


def test_trend_panels_two_panels_at_most_six_lines() -> None:
    series = [(f"T{i}", [float(i), float(i + 1)]) for i in range(8)]
    fig = charts.trend_panels([2025, 2026], [("A", series), ("B", [("J", [60.0, 61.0])])])
    assert [ax.get_title() for ax in fig.axes] == ["A", "B"]
    assert len(fig.axes[0].get_lines()) == 6
    assert [list(line.get_ydata()) for line in fig.axes[1].get_lines()] == [[60.0, 61.0]]


def test_tool_result_line_and_bar_charts() -> None:
    spec = {"kind": "line", "title": "Uczestnicy", "labels": ["2024", "2025"], "series": [("liczba", [10.0, None])]}
    (ax,) = charts.tool_result_chart(spec).axes
    (line,) = ax.get_lines()
    assert line.get_ydata()[0] == 10.0 and math.isnan(line.get_ydata()[1])

    spec = {
        "kind": "bar",
        "title": "Koszt",
        "labels": ["a", "b"],
        "series": [("2026", [30.0, 40.0]), ("2025", [20.0, None])],
    }
    (ax,) = charts.tool_result_chart(spec).axes
    # two series side by side: 2026's bars first, then 2025's (the unknown one has no height)
    heights = _heights(ax)
    assert heights[:3] == [30.0, 40.0, 20.0] and math.isnan(heights[3])
    assert len(ax.get_legend().get_texts()) == 2


def test_tool_result_gauge_marks_the_value_on_its_bands() -> None:
    spec = {
        "kind": "gauge",
        "title": "Wskaźnik",
        "value": 62.0,
        "unit": "%",
        "bands": [(None, "słabo", "poor"), (50.0, "średnio", "fair"), (80.0, "dobrze", "good")],
    }
    (ax,) = charts.tool_result_chart(spec).axes
    # lo = min(62, 50, 80, 0) = 0, hi = 80, span 80 → axis from −8 to 100; bands −8–50, 50–80, 80–100
    assert ax.get_xlim() == (-8.0, 100.0)
    assert _bar_widths(ax) == [58.0, 30.0, 20.0]
    assert [t.get_text() for t in ax.texts] == ["62 %"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["słabo", "średnio", "dobrze"]


def test_tool_result_barh_and_radar() -> None:
    spec = {"kind": "barh", "title": "Kwoty", "labels": ["plan", "wykonanie"], "series": [("", [1000.0, 900.0])]}
    (ax,) = charts.tool_result_chart(spec).axes
    assert _bar_widths(ax) == [1000.0, 900.0]

    spec = {
        "kind": "radar",
        "title": "IJW",
        "labels": ["a", "b", "c"],
        "series": [("2026", [50.0, 60.0, 120.0]), ("2025", [40.0, 30.0, 20.0])],
    }
    (ax,) = charts.tool_result_chart(spec).axes
    lines = ax.get_lines()
    # each polygon closes on its first point
    assert list(lines[0].get_ydata()) == [50.0, 60.0, 120.0, 50.0]
    assert list(lines[1].get_ydata()) == [40.0, 30.0, 20.0, 40.0]
    assert ax.get_ylim()[1] == 120.0  # a value above 100 widens the scale


def test_document_tick_labels_are_polish_and_formatted_once_per_value(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from app.core import i18n

    monkeypatch.setattr(i18n, "_language", "pl", raising=False)
    asked: list[Decimal] = []
    original = charts.format_decimal

    def counting(value, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(value)
        return original(value, *args, **kwargs)

    monkeypatch.setattr(charts, "format_decimal", counting)
    fig = charts.bar_chart(["A", "B"], {"zł": [Decimal("25000"), Decimal("12500.5")]}, "Środki", horizontal=True)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    fig.get_tightbbox(renderer)
    fig.draw(renderer)
    ticks = fig.axes[0].get_xticklabels()
    # whole thousands here; Polish groups thousands with a non-breaking space (12 000, not 12000 or 12,000)
    assert len(ticks) >= 3
    assert [t.get_text() for t in ticks] == [f"{round(t.get_position()[0]):,}".replace(",", "\xa0") for t in ticks]
    assert len(asked) == len(set(asked))  # each tick value formatted once, however often the axis is measured


def _pixels(fig):  # type: ignore[no-untyped-def]
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_document_chart_titles_sit_where_matplotlib_would_place_them(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.axes import Axes

    def build() -> list:  # type: ignore[type-arg]
        names = [f"UM/{i}/2025 Stowarzyszenie nr {i}" for i in range(16)]
        return [
            charts.bar_chart(names, {"osiągnięte": [Decimal(i * 5) for i in range(16)]}, "Rezultaty", horizontal=True),
            charts.bar_chart(["2024", "2025"], {"a": [Decimal(5), Decimal(7)], "b": [1, 2]}, "Środki", ylabel="zł"),
            charts.line_chart([2023, 2024, 2025], {"wydatki": [Decimal(1500000), None, Decimal(2250000)]}, "Trend"),
            charts.pie_chart(["Pomoc społeczna", "Sport"], [Decimal(3), Decimal(1)], "Udział"),
        ]

    ours = [_pixels(fig) for fig in build()]
    original = Axes.set_title

    def automatic(self, label, fontdict=None, loc=None, pad=None, *, y=None, **kwargs):  # type: ignore[no-untyped-def]
        return original(self, label, fontdict, loc, pad, **kwargs)  # y left to matplotlib's placement

    monkeypatch.setattr(Axes, "set_title", automatic)
    placed = [_pixels(fig) for fig in build()]
    assert len(ours) == len(placed) == 4
    for a, b in zip(ours, placed):
        assert a.shape == b.shape and (a == b).all()


def _document_picture(fig):  # type: ignore[no-untyped-def]
    """The chart's picture as a document takes it (PdfDocument.figure), at a test's resolution."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from app.core.documents import pdf

    charts.keep_points_inside(fig)
    fig.set_size_inches(6.4, min(fig.get_size_inches()[1], 9.0))
    picture = pdf._rendered(fig, FigureCanvasAgg(fig), 100)
    return picture.size, picture.pixels()


def test_a_reused_bar_chart_figure_gives_the_picture_of_a_new_one() -> None:
    """The attainment charts of a large annual report reuse one figure (issue 18): after the first part's
    picture is taken, the next part's must be exactly what a new figure of its data draws."""
    first = [f"UM/{i}/2021" for i in range(16)]
    # other labels (one wrapped over two lines, as long as the first part's longest), other lengths, other scale
    second = [f"UM/{1000 + 7 * i}/2022" for i in range(15)] + ["Stowarzyszenie Przyjaciół Ziemi Gminnej nr 1"]
    first[3] = "Fundacja Dobrego Serca i Pomocnej Dłoni z Gminy"
    horizontal = (
        (first, {"osiągnięte": [Decimal(i * 5) for i in range(16)]}, "Rezultaty, część 1 z 2"),
        (second, {"osiągnięte": [Decimal(90 - i) for i in range(16)]}, "Rezultaty, część 2 z 2"),
    )
    fig = None
    for categories, series, title in horizontal:
        fig = charts.bar_chart(categories, series, title, horizontal=True, reuse=fig)
        reused = _document_picture(fig)
        assert reused == _document_picture(charts.bar_chart(categories, series, title, horizontal=True))
    vertical = (
        (["2024", "2025"], {"a": [Decimal(5), Decimal(7)], "b": [1, 2]}, "Środki 1"),
        (["2023", "2024 i 2025 razem"], {"a": [Decimal(500), Decimal(70)], "b": [1, 200]}, "Środki 2"),
    )
    fig = None
    for categories, series, title in vertical:
        fig = charts.bar_chart(categories, series, title, ylabel="zł", reuse=fig)
        reused = _document_picture(fig)
        assert reused == _document_picture(charts.bar_chart(categories, series, title, ylabel="zł"))


def test_a_bar_chart_of_another_shape_gets_a_new_figure() -> None:
    fig = charts.bar_chart(["A", "B"], {"a": [1, 2]}, "T", horizontal=True)
    _document_picture(fig)
    assert charts.bar_chart(["A", "B"], {"a": [3, 4]}, "U", horizontal=True, reuse=fig) is fig
    assert charts.bar_chart(["A", "B", "C"], {"a": [1, 2, 3]}, "T", horizontal=True, reuse=fig) is not fig
    assert charts.bar_chart(["A", "B"], {"b": [1, 2]}, "T", horizontal=True, reuse=fig) is not fig
    assert charts.bar_chart(["A", "B"], {"a": [1, 2]}, "T", reuse=fig) is not fig  # vertical
    # a label over three lines makes the chart taller (2 × (0.16 × 3 + 0.08) in of bars, not 2 × 0.42)
    three_lines = ["A", "Stowarzyszenie Przyjaciół Ziemi Gminnej nr 1 i Fundacja Dobrego Serca z Gminy Wiejskiej"]
    assert charts.bar_chart(three_lines, {"a": [1, 2]}, "T", horizontal=True, reuse=fig) is not fig
