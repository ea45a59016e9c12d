"""Charts for documents: matplotlib object API (Figure + Agg, never pyplot), greyscale-safe.

Series are told apart by grey level AND hatch/marker, so a monochrome printout still reads.
Numbers on axes use babel formatting (Polish decimal comma, grouped thousands).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.core.i18n import format_decimal

_GREYS = ["0.25", "0.6", "0.85", "0.45", "0.75"]
#: lines are thin: a 0.85 grey line (fine as a bar's fill) was barely visible on paper, and even the 0.55
#: dotted third line of the contract card's index trend faded in print, so every line is near-black
#: (at most 0.35) and the lines are told apart by their dashes and markers
LINE_GREY_LIMIT = 0.35
_LINE_GREYS = ["0.0", "0.3", "0.15", "0.35", "0.25"]
_HATCHES = ["", "//", "..", "xx", "\\\\"]
_MARKERS = ["o", "s", "^", "D", "v"]
_LINESTYLES = ["-", "--", ":", "-.", "-"]


def _figure(width_in: float, height_in: float, large: bool) -> Any:
    from matplotlib.figure import Figure

    from app.paths import resource_path

    fig = Figure(figsize=(width_in, height_in))
    # The same family as the text of the document, so Polish labels render identically.
    from matplotlib import font_manager

    font_file = resource_path("fonts", "DejaVuSans.ttf")
    try:
        font_manager.fontManager.addfont(str(font_file))
    except Exception:  # bundled matplotlib already ships DejaVu; the file is a convenience
        pass
    size = 11 if large else 8.5
    fig.set_layout_engine("constrained")
    fig._wkus_font_size = size  # type: ignore[attr-defined]  # our marker on the Figure, read by the plots below
    return fig


def _style_axes(ax: Any, size: float) -> None:
    ax.tick_params(labelsize=size)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color="0.85", linewidth=0.6)
    ax.set_axisbelow(True)


def _number_axis(ax: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(Decimal(str(round(v, 2))))))


def bar_chart(
    categories: list[str],
    series: dict[str, list[Decimal | float | int]],
    title: str,
    ylabel: str = "",
    large: bool = False,
    horizontal: bool = False,
) -> Any:
    """Grouped bars, one group per category; each series in its own grey and hatch."""
    if horizontal:
        # Bars of a readable thickness and room for wrapped labels: the height follows the
        # number of categories and the number of lines of the longest label.
        lines = max((len(_wrap(c, 24 if large else 40).splitlines()) for c in categories), default=1)
        per = max(0.42 * max(1, len(series)), (0.2 if large else 0.16) * lines + 0.08)
        height = min(8.0, 0.9 + per * len(categories))
    else:
        height = 3.6 if large else 3.2
    fig = _figure(7.0, height, large)
    size = fig._wkus_font_size
    ax = fig.add_subplot(1, 1, 1)
    n = max(1, len(series))
    width = 0.8 / n
    positions = list(range(len(categories)))
    for i, (name, values) in enumerate(series.items()):
        offs = [p - 0.4 + width * (i + 0.5) for p in positions]
        vals = [float(v) for v in values]  # float only for drawing; figures in tables stay Decimal
        kwargs = dict(color=_GREYS[i % 5], hatch=_HATCHES[i % 5], edgecolor="0.1", linewidth=0.6, label=name)
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
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(Decimal(str(round(v, 2))))))
        ax.grid(axis="x", color="0.85", linewidth=0.6)
        if ylabel:
            ax.set_xlabel(ylabel, fontsize=size)
    else:
        ax.set_xticks(positions, [_wrap(c, 18) for c in categories])
        _number_axis(ax)
        if ylabel:
            ax.set_ylabel(ylabel, fontsize=size)
    _style_axes(ax, size)
    ax.set_title(title, fontsize=size + 1.5, loc="left")
    if len(series) > 1:
        ax.legend(fontsize=size, frameon=False)
    return fig


def line_chart(
    xs: list[int],
    series: dict[str, list[Decimal | float | int | None]],
    title: str,
    ylabel: str = "",
    large: bool = False,
) -> Any:
    """Trend lines (years on x); gaps (None) are left open rather than drawn as zero."""
    fig = _figure(7.0, 3.0, large)
    size = fig._wkus_font_size
    ax = fig.add_subplot(1, 1, 1)
    for i, (name, values) in enumerate(series.items()):
        vals = [float("nan") if v is None else float(v) for v in values]
        ax.plot(xs, vals, color=_LINE_GREYS[i % 5], marker=_MARKERS[i % 5], linestyle=_LINESTYLES[i % 5],
                linewidth=1.6, markersize=5.5, label=name)
    ax.set_xticks(xs, [str(x) for x in xs])
    _number_axis(ax)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=size)
    _style_axes(ax, size)
    ax.set_title(title, fontsize=size + 1.5, loc="left")
    ax.set_ylim(bottom=0)
    if len(series) > 1:
        ax.legend(fontsize=size, frameon=False)
    return fig


def pie_chart(labels: list[str], values: list[Decimal], title: str, large: bool = False) -> Any:
    """Shares (e.g. money by area) with hatched grey wedges and percentages on them."""
    fig = _figure(6.0, 3.2, large)
    size = fig._wkus_font_size
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
        fontsize=size - 0.5, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5),
    )
    ax.set_title(title, fontsize=size + 1.5, loc="left")
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
