"""Every chart of the application: matplotlib object API (Figure, never pyplot), greyscale-safe.

Functions take plain data and return a Figure. The document writers render it to the page; the
tools pages only wrap it in a FigureCanvasQTAgg (no UI module draws its own figure). matplotlib is
imported inside the functions, on first use.

Series are told apart by grey level AND hatch/marker, so a monochrome printout still reads.
Numbers on axes use babel formatting (Polish decimal comma, grouped thousands).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from app.core.i18n import format_decimal

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

_GREYS = ["0.25", "0.6", "0.85", "0.45", "0.75"]
#: lines are thin: a 0.85 grey line (fine as a bar's fill) was barely visible on paper, and even the 0.55
#: dotted third line of the contract card's index trend faded in print, so every line is near-black
#: (at most 0.35) and the lines are told apart by their dashes and markers
LINE_GREY_LIMIT = 0.35
_LINE_GREYS = ["0.0", "0.3", "0.15", "0.35", "0.25"]
_HATCHES = ["", "//", "..", "xx", "\\\\"]
_MARKERS = ["o", "s", "^", "D", "v"]
_LINESTYLES = ["-", "--", ":", "-.", "-"]


def _font_size(large: bool) -> float:
    return 11 if large else 8.5


_font_added = False


def _figure(width_in: float, height_in: float) -> Figure:
    from matplotlib.figure import Figure

    from app.paths import resource_path

    fig = Figure(figsize=(width_in, height_in))
    # The same family as the text of the document, so Polish labels render identically.
    from matplotlib import font_manager

    global _font_added
    if not _font_added:  # once per process: addfont parses the whole font file
        font_file = resource_path("fonts", "DejaVuSans.ttf")
        try:
            font_manager.fontManager.addfont(str(font_file))
        except Exception:  # bundled matplotlib already ships DejaVu; the file is a convenience
            pass
        _font_added = True
    fig.set_layout_engine("constrained")
    return fig


def _style_axes(ax: Any, size: float) -> None:
    ax.tick_params(labelsize=size)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color="0.85", linewidth=0.6)
    ax.set_axisbelow(True)


def _title(ax: Any, title: str, size: float) -> None:
    """The chart's title, left, on the top edge of the plot (y=1: where matplotlib's automatic placement
    puts it on these charts, which have no tick labels, axis label or offset text above the plot).

    Placed automatically, matplotlib measured the whole y axis again for the title at every layout pass
    and every drawing: with 16 labelled bars, a tenth of an annual report chart's time (issue 18). The
    same pixels either way (tests/core/documents/test_charts.py)."""
    ax.set_title(title, fontsize=size + 1.5, loc="left", y=1.0)


def _number_axis(ax: Any) -> None:
    _number_ticks(ax.yaxis, 2)


def _number_ticks(axis: Axis, digits: int) -> None:
    """Tick labels in the UI language's number style (0,25 and 20 000 in Polish, not 0.25/20000)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(_tick_label(digits)))


def _tick_label(digits: int) -> Callable[[float, object], str]:
    """A tick value in the UI language's number style, each value formatted once.

    matplotlib formats every tick again each time it measures the axis (constrained layout, the tight
    box, the drawing): a large annual report's six charts asked babel 648 times for ~40 labels."""
    labels: dict[float, str] = {}

    def label(value: float, _pos: object) -> str:
        text = labels.get(value)
        if text is None:
            text = labels[value] = format_decimal(Decimal(str(round(value, digits))))
        return text

    return label


def bar_chart(
    categories: list[str],
    series: dict[str, list[Decimal | float | int]],
    title: str,
    ylabel: str = "",
    large: bool = False,
    horizontal: bool = False,
    reuse: Figure | None = None,
) -> Any:
    """Grouped bars, one group per category; each series in its own grey and hatch.

    `reuse`: a figure this function made for a chart already rendered (its pixels taken); when it has
    the same shape (as many categories, the same series, size and labels), it is returned holding the
    new values, categories and title instead of a new figure: the same picture as a new figure's
    (tests/core/documents/test_charts.py compares their pixels), without making its axes, ticks and bars
    again. A large annual report draws four 16-bar attainment charts (issue 18)."""
    if horizontal:
        # Bars of a readable thickness and room for wrapped labels: the height follows the
        # number of categories and the number of lines of the longest label.
        lines = max((len(_wrap(c, 24 if large else 40).splitlines()) for c in categories), default=1)
        per = max(0.42 * max(1, len(series)), (0.2 if large else 0.16) * lines + 0.08)
        height = min(8.0, 0.9 + per * len(categories))
    else:
        height = 3.6 if large else 3.2
    shape = _BarShape(len(categories), tuple(series), height, ylabel, large, horizontal)
    if reuse is not None and _bar_shapes.get(reuse) == shape:
        return _bars_replaced(reuse, categories, series, title)
    fig = _figure(7.0, height)
    _bar_shapes[fig] = shape
    size = _font_size(large)
    ax = fig.add_subplot(1, 1, 1)
    n = max(1, len(series))
    width = 0.8 / n
    positions = list(range(len(categories)))
    for i, (name, values) in enumerate(series.items()):
        offs = [p - 0.4 + width * (i + 0.5) for p in positions]
        vals = [float(v) for v in values]  # float only for drawing; figures in tables stay Decimal
        kwargs: dict[str, Any] = dict(
            color=_GREYS[i % 5], hatch=_HATCHES[i % 5], edgecolor="0.1", linewidth=0.6, label=name
        )
        if horizontal:
            ax.barh(offs, vals, height=width, **kwargs)
        else:
            ax.bar(offs, vals, width=width, **kwargs)
    if horizontal:
        ax.set_yticks(positions, [_wrap(c, 24 if large else 40) for c in categories])
        ax.invert_yaxis()
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        # few ticks: amounts like "150 000" ran into each other on the narrow A5 page
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3 if large else 5, min_n_ticks=2))
        ax.xaxis.set_major_formatter(FuncFormatter(_tick_label(2)))
        ax.grid(axis="x", color="0.85", linewidth=0.6)
        if ylabel:
            ax.set_xlabel(ylabel, fontsize=size)
    else:
        ax.set_xticks(positions, [_wrap(c, 18) for c in categories])
        _number_axis(ax)
        if ylabel:
            ax.set_ylabel(ylabel, fontsize=size)
    _style_axes(ax, size)
    _title(ax, title, size)
    if len(series) > 1:
        ax.legend(fontsize=size, frameon=False)
    return fig


class _BarShape(NamedTuple):
    """What makes two `bar_chart` figures alike but for their values, category labels and title."""

    categories: int
    series: tuple[str, ...]
    height: float
    ylabel: str
    large: bool
    horizontal: bool


#: the shape `bar_chart` gave each of its figures still alive
_bar_shapes: weakref.WeakKeyDictionary[Figure, _BarShape] = weakref.WeakKeyDictionary()


def _bars_replaced(
    fig: Figure, categories: list[str], series: dict[str, list[Decimal | float | int]], title: str
) -> Any:
    """A rendered `bar_chart` figure brought to the state a new one of the same shape starts in, with
    these categories, values and title: bars of the same places and thickness, their lengths and the
    category labels replaced, the value axis scaled to the new values, the figure at its first size and
    resolution, the axes back where a new subplot sits and in the layout again (ax.set_position takes it
    out), so the constrained layout runs from the same start and gives the same picture."""
    import matplotlib as mpl
    from matplotlib.container import BarContainer

    shape = _bar_shapes[fig]
    large, horizontal = shape.large, shape.horizontal
    ax = fig.axes[0]
    for container, values in zip(ax.containers, series.values(), strict=True):
        assert isinstance(container, BarContainer)  # bar_chart's figures hold bars only
        for bar, value in zip(container.patches, values, strict=True):
            if horizontal:
                bar.set_width(float(value))
            else:
                bar.set_height(float(value))
    labels = [_wrap(c, 24 if large else 40) if horizontal else _wrap(c, 18) for c in categories]
    positions = list(range(len(categories)))
    if horizontal:
        ax.set_yticks(positions, labels)
    else:
        ax.set_xticks(positions, labels)
    ax.relim()
    ax.autoscale_view(scalex=horizontal, scaley=not horizontal)
    _title(ax, title, _font_size(large))
    fig.set_dpi(mpl.rcParams["figure.dpi"])
    fig.set_size_inches(7.0, shape.height)
    spec = ax.get_subplotspec()
    assert spec is not None  # made by add_subplot
    ax.set_position(spec.get_position(fig))
    ax.set_in_layout(True)
    return fig


def line_chart(
    xs: list[int],
    series: dict[str, list[Decimal | float | int | None]],
    title: str,
    ylabel: str = "",
    large: bool = False,
) -> Any:
    """Trend lines (years on x); gaps (None) are left open rather than drawn as zero."""
    fig = _figure(7.0, 3.0)
    size = _font_size(large)
    ax = fig.add_subplot(1, 1, 1)
    for i, (name, values) in enumerate(series.items()):
        vals = [float("nan") if v is None else float(v) for v in values]
        ax.plot(
            xs,
            vals,
            color=_LINE_GREYS[i % 5],
            marker=_MARKERS[i % 5],
            linestyle=_LINESTYLES[i % 5],
            linewidth=1.6,
            markersize=5.5,
            label=name,
        )
    ax.set_xticks(xs, [str(x) for x in xs])
    _number_axis(ax)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=size)
    _style_axes(ax, size)
    _title(ax, title, size)
    ax.set_ylim(bottom=0)
    if len(series) > 1:
        ax.legend(fontsize=size, frameon=False)
    return fig


def pie_chart(labels: list[str], values: list[Decimal], title: str, large: bool = False) -> Any:
    """Shares (e.g. money by area) with hatched grey wedges and percentages on them."""
    fig = _figure(6.0, 3.2)
    size = _font_size(large)
    ax = fig.add_subplot(1, 1, 1)
    total = sum(values) or Decimal(1)
    wedges, _texts = ax.pie(
        [float(v) for v in values],
        colors=[_GREYS[i % 5] for i in range(len(values))],
        wedgeprops=dict(edgecolor="0.1", linewidth=0.6),
        startangle=90,
        counterclock=False,
    )
    for i, w in enumerate(wedges):
        w.set_hatch(_HATCHES[i % 5])
    from app.core.i18n import format_percent

    ax.legend(
        wedges,
        [f"{_wrap(lbl, 45)} ({format_percent(v / total)})" for lbl, v in zip(labels, values)],
        fontsize=size - 0.5,
        frameon=False,
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
    )
    _title(ax, title, size)
    ax.set_aspect("equal")
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)[:3]) or text


def keep_points_inside(fig: Any) -> None:
    """Every plotted point stays visible: a value above a fixed scale (an index of 112 on 0–100) widens
    the axis instead of vanishing above it, and a marker on the axis' edge is drawn whole.

    Called by the document writers just before a chart is rendered, after any builder fixed its scale."""
    import math

    for ax in fig.axes:
        lines = ax.get_lines()
        values = [float(y) for line in lines for y in line.get_ydata() if y is not None and math.isfinite(float(y))]
        if not values:
            continue
        low, high = ax.get_ylim()
        top = max(values)
        if top > high:
            ax.set_ylim(low, top + (top - low) * 0.05)
        for line in lines:
            line.set_clip_on(False)


# ---- charts on screen (the tools pages) -----------------------------------------------------------------

#: greys of the screen charts: distinguishable when a screenshot is printed without colour
SCREEN_GREYS = ("#222222", "#777777", "#aaaaaa", "#cccccc")
SCREEN_HATCHES = ("", "//", "..", "xx")
_BAND_SHADES = {"poor": "#dddddd", "fair": "#aaaaaa", "good": "#666666", "info": "#eeeeee"}

#: one series: its legend name and one value per category or year (None: unknown, drawn as a gap)
Series = tuple[str, Sequence[float | None]]


def _screen_figure(width_in: float, height_in: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), dpi=90, layout="constrained")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _gaps(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def tool_result_chart(spec: Mapping[str, Any]) -> Figure:
    """The chart beside a tool's results. `spec` (see app.ui.tools.result_panel.chart_data):
    kind "line" / "bar" / "radar" with `labels` and `series` [(name, values)], "barh" with `labels` and one
    series, or "gauge" with `value`, `bands` [(start or None, label, level)] and `unit`; always a `title`."""
    fig = _screen_figure(5.2, 3.0)
    kind = spec["kind"]
    if kind == "radar":
        _radar(fig, spec)
    elif kind == "gauge":
        _gauge(fig, spec)
    elif kind == "barh":
        _barh(fig, spec)
    else:
        _columns(fig, spec)
    return fig


def _columns(fig: Figure, spec: Mapping[str, Any]) -> None:
    ax = fig.add_subplot(111)
    labels = spec["labels"]
    xs = list(range(len(labels)))
    n = len(spec["series"])
    for i, (name, ys) in enumerate(spec["series"]):
        vals = _gaps(ys)
        if spec["kind"] == "line":
            ax.plot(
                xs,
                vals,
                marker="osD"[i % 3],
                color=SCREEN_GREYS[i % len(SCREEN_GREYS)],
                linestyle=("-", "--", ":")[i % 3],
                label=name,
            )
        else:
            width = 0.8 / n
            ax.bar(
                [x - 0.4 + width * (i + 0.5) for x in xs],
                vals,
                width,
                label=name,
                color=SCREEN_GREYS[(i + 1) % len(SCREEN_GREYS)],
                edgecolor="#000000",
                hatch=SCREEN_HATCHES[i % len(SCREEN_HATCHES)],
            )
    ax.set_xticks(xs)
    ax.set_xticklabels(
        [_short(lbl, 18) for lbl in labels],
        rotation=30 if len(labels) > 4 else 0,
        ha="right" if len(labels) > 4 else "center",
        fontsize=8,
    )
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    _number_ticks(ax.yaxis, 6)
    ax.tick_params(labelsize=8)
    if n > 1:
        ax.legend(fontsize=8, frameon=False)
    ax.set_title(_short(spec["title"], 60), fontsize=9)


def _radar(fig: Figure, spec: Mapping[str, Any]) -> None:
    """One polygon per year: this year solid black, the year before dashed grey."""
    labels = spec["labels"]
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    ax: Any = fig.add_subplot(111, polar=True)
    top = 100.0
    styles = (("#000000", "-", "o", 0.30), ("#777777", "--", "s", 0.0))
    for i, (name, ys) in enumerate(spec["series"][:2]):
        # a radar cannot leave a gap: an unknown spoke sits at the centre
        vals = [y or 0.0 for y in ys]
        colour, line, marker, alpha = styles[i]
        ax.plot(angles + angles[:1], vals + vals[:1], color=colour, linestyle=line, marker=marker, label=name)
        if alpha:
            ax.fill(angles + angles[:1], vals + vals[:1], color="#999999", alpha=alpha)
        top = max(top, *vals)
    ax.set_xticks(angles)
    ax.set_xticklabels([_short(lbl, 22) for lbl in labels], fontsize=7)
    ax.set_ylim(0, top)
    _number_ticks(ax.yaxis, 6)
    ax.tick_params(labelsize=7)
    if len(spec["series"]) > 1:
        ax.legend(fontsize=7, frameon=False, loc="lower right", bbox_to_anchor=(1.15, -0.1))
    ax.set_title(_short(spec["title"], 60), fontsize=9)


def _barh(fig: Figure, spec: Mapping[str, Any]) -> None:
    ax = fig.add_subplot(111)
    labels = [_short(lbl, 30) for lbl in spec["labels"]]
    values = _gaps(spec["series"][0][1])
    ax.barh(labels, values, color="#888888", edgecolor="#000000", hatch="//")
    ax.invert_yaxis()
    _number_ticks(ax.xaxis, 6)
    ax.tick_params(labelsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_title(_short(spec["title"], 60), fontsize=9)


def _gauge(fig: Figure, spec: Mapping[str, Any]) -> None:
    """The value as a marker on a horizontal strip split into the interpretation bands (legend below)."""
    from matplotlib.patches import Patch

    bands = spec["bands"]
    value = float(spec["value"])
    starts = [b[0] for b in bands if b[0] is not None]
    lo = min([value, *starts, 0.0])
    hi = max([value, *starts])
    span = (hi - lo) or 1.0
    lo, hi = lo - 0.1 * span, hi + 0.25 * span
    ax = fig.add_subplot(111)
    # the first band reaches down to the left edge whatever its own `min`
    edges = [lo] + [b[0] if b[0] is not None else lo for b in bands[1:]] + [hi]
    handles = []
    for i, (_start, label, level) in enumerate(bands):
        left, right = edges[i], edges[i + 1]
        face, hatch = _BAND_SHADES.get(level, "#dddddd"), SCREEN_HATCHES[i % len(SCREEN_HATCHES)]
        ax.barh(0, right - left, left=left, height=0.5, facecolor=face, edgecolor="#000000", hatch=hatch)
        handles.append(Patch(label=_short(label, 45), facecolor=face, edgecolor="#000000", hatch=hatch))
    ax.axvline(value, color="#000000", linewidth=2.5)
    ax.text(
        value,
        0.3,
        format_decimal(Decimal(str(round(value, 2)))) + (" %" if spec["unit"] else ""),
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
    )
    ax.set_xlim(lo, hi)
    _number_ticks(ax.xaxis, 6)
    ax.set_ylim(-0.5, 0.6)
    ax.set_yticks([])
    ax.tick_params(labelsize=8)
    ax.legend(handles=handles, fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1)
    ax.set_title(_short(spec["title"], 60), fontsize=9)


def index_bars(names: Sequence[str], values: Sequence[Decimal | float]) -> Figure:
    """Composite indices (0–100) as hatched bars with their value written beside each, and dotted
    lines at 50 and 75 (the edges of the interpretation bands of the indices)."""
    fig = _screen_figure(6.0, 0.6 + 0.45 * len(names))
    ax = fig.add_subplot(111)
    vals = [float(v) for v in values]  # float only for drawing; the panel's table shows the Decimal
    ax.barh(list(names), vals, color="#888888", edgecolor="#000000", hatch="//")
    for y, v in enumerate(vals):
        ax.text(v + 1, y, format_decimal(Decimal(str(round(v, 1)))), va="center", fontsize=8)
    ax.set_xlim(0, 105)
    for edge in (50, 75):
        ax.axvline(edge, color="#555555", linestyle=":", linewidth=0.8)
    ax.tick_params(labelsize=8)
    return fig


def trend_panels(years: Sequence[int], panels: Sequence[tuple[str, Sequence[Series]]]) -> Figure:
    """Side-by-side panels of 0–100 trends over `years` (a contract's tools, the models' indices), at most
    six lines each; a year without a value is a gap in the line, not a zero."""
    fig = _screen_figure(9.0, 2.4)
    shown = [(title, series) for title, series in panels if series]
    for n, (title, series) in enumerate(shown, 1):
        ax = fig.add_subplot(1, len(shown), n)
        for i, (name, ys) in enumerate(series[:6]):
            ax.plot(
                list(years),
                _gaps(ys),
                marker="osD^v*"[i % 6],
                color=SCREEN_GREYS[i % len(SCREEN_GREYS)],
                linestyle=("-", "--", ":", "-.")[i % 4],
                label=name,
            )
        ax.set_xticks(list(years))
        ax.set_ylim(0, 105)
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.legend(fontsize=7, frameon=False, ncol=3)
    return fig
