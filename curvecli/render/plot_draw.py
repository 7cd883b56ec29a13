"""Drawing primitives every figure shares: the figure itself, curves, marks, text that fits.

matplotlib is imported inside the functions that draw, so importing this
module stays cheap. Text is measured with matplotlib's own font metrics
(``TextToPath``, no renderer needed), so titles, subtitles and legends are
shortened or wrapped to the room they have before the figure is drawn.
"""

from __future__ import annotations

import functools
import warnings
from typing import Callable, Sequence

import numpy as np

from curvecli.analysis.axes import StepMap
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.robust import saturating
from curvecli.render.plot_curves import Curve
from curvecli.render.plot_scales import (
    decimate_minmax,
    fmt_tick,
    panel_extent,
    spaced_ticks,
    time_locator,
)
from curvecli.render.plot_style import (
    BEST_COLOUR,
    DPI,
    FAMILIES,
    LEGEND_SIZE,
    NONFINITE_COLOUR,
    RUN_COLOURS,
    SPLIT_SHADE,
)

MAX_LINE_POINTS = 4000  # a drawn line holds at most this many points (min/max decimation)
ELLIPSIS = "…"
FIGURE_MARGIN_PT = 10.0  # kept clear at each side of the figure
# A legend's width beyond its labels, in font sizes: handle, pad, column gap; and its border.
LEGEND_COLUMN_EMS, LEGEND_BORDER_EMS = 2.0 + 0.8 + 2.0, 2.0
LEGEND_ROW_HEIGHT = 0.2  # inches a figure grows by per legend row below it
MISSING_GLYPH = r"(?s)Glyph .* missing from"  # matplotlib's warning, whatever the glyph
LAYOUT_DECIMALS = 6  # axes positions (fractions of the figure) are kept to this many decimals


def drawing(function):
    """Build or save figures quietly: float overflow saturates to ±inf (values near 1e308
    overflow in matplotlib's autoscaling), and matplotlib's missing-glyph warnings are
    dropped (a name in a script the font lacks is drawn as boxes; the figure is still right).
    """
    saturated = saturating(function)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
            return saturated(*args, **kwargs)

    return wrapper


def new_figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def freeze_layout(figure) -> None:
    """Lay the figure out now and keep that layout, its positions rounded.

    The constrained layout's solver may order its arithmetic by where its
    objects sit in memory, so the same figure can come out a last bit apart
    (and a line a pixel apart) depending on what the process drew before it.
    Rounded to ``LAYOUT_DECIMALS`` of the figure, the same figure is the same
    bytes in any process, after any other figure.
    """
    from matplotlib import rc_context

    engine = figure.get_layout_engine()
    if engine is None:
        return
    engine.execute(figure)
    for axes in figure.axes:
        bounds = [round(float(value), LAYOUT_DECIMALS) for value in axes.get_position().bounds]
        axes.set_position(bounds, which="both")
    with rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        figure.set_layout_engine(None)  # no engine: savefig keeps these positions


def figure_width_pt(figure) -> float:
    return float(figure.get_figwidth()) * 72.0


# --- text that fits -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width of ``text`` (its widest line) in points, from the font's metrics."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    font = FontProperties(size=size, weight=weight)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
        return max(float(text_to_path.get_text_width_height_descent(line, font, ismath=False)[0])
                   for line in text.split("\n"))


def shorten(text: str, room: float, size: float, weight: str = "normal") -> str:
    """``text``, or its start and end around an ellipsis, no wider than ``room`` points."""
    if text_width(text, size, weight) <= room:
        return text
    low, high = 0, len(text)  # the longest cut that fits: binary search on kept characters
    while low < high:
        keep = (low + high + 1) // 2
        if text_width(_middle(text, keep), size, weight) <= room:
            low = keep
        else:
            high = keep - 1
    return _middle(text, low)


def _middle(text: str, keep: int) -> str:
    head = (keep + 1) // 2
    return text[:head] + ELLIPSIS + (text[len(text) - (keep - head):] if keep > head else "")


def wrap(parts: Sequence[str], room: float, size: float, separator: str = "  ·  ") -> list[str]:
    """``parts`` joined by ``separator`` into lines no wider than ``room`` points; a part too
    long for a line of its own is shortened."""
    lines: list[str] = []
    for part in parts:
        part = shorten(part, room, size)
        if lines and text_width(lines[-1] + separator + part, size) <= room:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines


def legend_width(labels: Sequence[str], size: float = LEGEND_SIZE) -> float:
    """About how wide a one-column legend of ``labels`` is, in points."""
    widest = max((text_width(label, size) for label in labels), default=0.0)
    return widest + (LEGEND_COLUMN_EMS + LEGEND_BORDER_EMS) * size


def fit_labels(labels: Sequence[str], room: float, size: float = LEGEND_SIZE) -> list[str]:
    """Legend labels shortened so that a one-column legend fits in ``room`` points."""
    label_room = room - (LEGEND_COLUMN_EMS + LEGEND_BORDER_EMS) * size
    return [shorten(label, label_room, size) for label in labels]


def legend_below(figure, axes, count: int) -> None:
    """The legend of a one-panel figure of several runs: in the axes when short, else below
    it in as many columns (up to three) as fit the figure's width, the figure taller by its
    rows."""
    handles, labels = axes.get_legend_handles_labels()
    if not handles:
        return
    room = figure_width_pt(figure) - 2 * FIGURE_MARGIN_PT
    if count <= 6:
        axes.legend(handles, fit_labels(labels, room * 0.5), loc="best", fontsize=LEGEND_SIZE,
                    framealpha=0.85)
        return
    columns = 3 if count > 12 else 2
    while columns > 1 and legend_width(labels) * columns > room:
        columns -= 1
    figure.legend(handles, fit_labels(labels, room / columns), loc="outside lower center",
                  fontsize=LEGEND_SIZE, ncol=columns, frameon=False)
    rows = -(-len(handles) // columns)
    figure.set_figheight(figure.get_figheight() + LEGEND_ROW_HEIGHT * rows)


# --- curves and marks ---------------------------------------------------------------------------


def shade(family: str, split: str):
    from matplotlib import colormaps

    return colormaps[family](SPLIT_SHADE.get(split, 0.75))


def family_colours() -> Callable[[Curve], object]:
    """A colour per curve: one family per metric (in the order met), a shade per split."""
    families: dict[str, str] = {}

    def colour(curve: Curve):
        family = families.setdefault(curve.metric, FAMILIES[len(families) % len(FAMILIES)])
        return shade(family, curve.split)

    return colour


def run_colours(count: int) -> list:
    from matplotlib import colormaps

    cmap = colormaps[RUN_COLOURS[0] if count <= 10 else RUN_COLOURS[1]]
    size = 10 if count <= 10 else 20
    return [cmap(index % size) for index in range(count)]


def draw_curve(axes, curve: Curve, colour, label: str, *, markers: bool | None = None,
               linewidth: float = 2.0) -> None:
    """Raw points faint, the smoothed line bold; markers on sparse series; a lone point as a
    diamond."""
    buckets = MAX_LINE_POINTS // 2
    finite = np.isfinite(curve.values)
    markers = curve.sparse if markers is None else markers
    if curve.smoothed is not None:
        x, y = decimate_minmax(curve.x[finite], curve.values[finite], buckets)
        dense = len(x) > 1000  # a wash of raw points: lighter still
        axes.plot(x, y, color=colour, alpha=0.2 if dense else 0.3, linewidth=0.7 if dense else 0.9,
                  marker="o" if markers else None, markersize=3, gid=f"raw:{curve.name}")
    line_finite = np.isfinite(curve.line)
    x, y = decimate_minmax(curve.x[line_finite], curve.line[line_finite], buckets)
    style = {"marker": "o", "markersize": 4} if markers and curve.smoothed is None else {}
    if len(x) == 1:
        style = {"marker": "D", "markersize": 6, "linestyle": "none"}
    axes.plot(x, y, color=colour, linewidth=linewidth, label=label, gid=f"line:{curve.name}",
              **style)


def mark_non_finite(axes, curves: Sequence[Curve]) -> None:
    """NaN and ±inf points drawn at the panel's edge: never silently dropped."""
    from matplotlib.transforms import blended_transform_factory

    transform = blended_transform_factory(axes.transData, axes.transAxes)
    total = sum(int((~np.isfinite(curve.values)).sum()) for curve in curves)
    labelled = False
    for curve in curves:
        if np.isfinite(curve.values).all():
            continue
        for kind, mask, y, marker in (("NaN", np.isnan(curve.values), 1.0, "X"),
                                      ("+inf", curve.values == np.inf, 1.0, "^"),
                                      ("-inf", curve.values == -np.inf, 0.0, "v")):
            if not mask.any():
                continue
            label = None if labelled else f"NaN / inf ({total} point{'s' * (total > 1)})"
            labelled = True
            axes.plot(curve.x[mask], np.full(mask.sum(), y), linestyle="none", marker=marker,
                      markersize=7, color=NONFINITE_COLOUR, clip_on=False, transform=transform,
                      label=label, gid=f"nonfinite:{curve.name}:{kind}", zorder=5)


def annotate_best(axes, x: float, value: float, text: str, label: str | None) -> None:
    """A star on the best point and its value, in the panel's emptier quarter next to it."""
    axes.plot([x], [value], linestyle="none", marker="*", markersize=15,
              markerfacecolor=BEST_COLOUR, markeredgecolor="black", markeredgewidth=0.8,
              zorder=6, gid="best", label=label)
    to_axes = axes.transAxes.inverted().transform(axes.transData.transform((x, value)))
    right, top = to_axes[0] > 0.7, to_axes[1] > 0.7
    axes.annotate(text, (x, value), xytext=(-10 if right else 10, -12 if top else 12),
                  textcoords="offset points", ha="right" if right else "left",
                  va="top" if top else "bottom", fontsize=8, zorder=7,
                  bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "alpha": 0.85,
                        "edgecolor": "#999999"})


def finish_metric_axes(axes, curves: Sequence[Curve], metric: str, x: StepMap | str,
                       options) -> None:
    """Y range (log for a loss with --log-y), labels and grid of a one-metric panel of
    several runs or groups."""
    log_y = options.log_y and "loss" in metric
    extent = panel_extent(curves, options.clip, log_y)
    if log_y and extent is not None:
        axes.set_yscale("log")
    if extent is not None:
        axes.set_ylim(*extent)
    axes.set_ylabel(metric)
    axes.grid(True, alpha=0.3, linewidth=0.6)
    if isinstance(x, str):
        axes.set_xlabel(x)
    else:
        primary_x_axis(axes, x)


# --- x axes -------------------------------------------------------------------------------------


def primary_x_axis(axes, x: StepMap) -> None:
    """The x label, and ticks that read well: whole steps, round elapsed times."""
    from matplotlib.ticker import MaxNLocator

    axes.set_xlabel(x.label)
    if x.name == "step":
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    elif x.name == "time":
        axes.xaxis.set_major_locator(time_locator(x.unit))


def secondary_x_axis(axes, where: str, primary: StepMap, scale: StepMap,
                     label: Callable[[float], str] = fmt_tick):
    """A second x axis (``bottom`` under the primary or ``top``) in ``scale``'s quantity,
    its ticks spaced so that their labels never collide (``spaced_ticks``)."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    def forward(x):
        return scale(primary.inverse(x))

    def inverse(values):
        return primary(scale.inverse(values))

    secondary = axes.secondary_xaxis(where, functions=(forward, inverse))
    low, high = axes.get_xlim()
    secondary.xaxis.set_major_locator(FixedLocator(spaced_ticks(forward, inverse, low, high,
                                                                label)))
    secondary.xaxis.set_major_formatter(FuncFormatter(lambda value, _: label(value)))
    secondary.set_gid(f"secondary:{scale.name}")
    return secondary


def number_label(value: float, _position=None) -> str:
    return _fmt(value) if value else "0"
