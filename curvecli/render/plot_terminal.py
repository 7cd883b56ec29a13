"""`plot --terminal`: a run's main curves drawn in the terminal with braille dots, for SSH sessions.

Each character cell holds 2 x 4 braille dots, so a 100-column chart has 200
dots across. The charts show what the PNG's first panels show, from the same
``RunPlot`` and panel plan: the loss curves (smoothed, as drawn bold in the
PNG) and the judged metric, with the best point, the overfitting onset, the
early-stopping step and non-finite points marked, and the verdict above. rich
prints them; where the terminal shows no colour (``NO_COLOR``, not a TTY) every
series after the first also carries its own marker character (``○``, ``▲``...)
so that train and val can be told apart. A run with one value per series is
listed, not charted. rich is imported inside ``print_runs``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from curvecli.analysis.report import RunReport
from curvecli.analysis.report import format_number as _fmt
from curvecli.errors import printable
from curvecli.frame import RunLog
from curvecli.render.plot_curves import Curve, PlotOptions, RunPlot
from curvecli.render.plot_panels import Panel, plan_panels
from curvecli.render.plot_run import finding_steps, summary_curves, summary_value
from curvecli.render.plot_scales import decimate_minmax, fmt_step, panel_extent, x_limits

CHART_HEIGHT, METRIC_CHART_HEIGHT = 14, 8  # rows of characters
MAX_WIDTH, MIN_WIDTH = 120, 40
Y_LABEL_WIDTH = 11
# (train, val) colours of each family, as the PNG's light and dark shades.
FAMILY_STYLES = (("#6baed6", "#2171b5"), ("#fd8d3c", "#d94801"), ("#74c476", "#238b45"),
                 ("#9e9ac8", "#6a51a3"), ("#bdbdbd", "#737373"), ("#f768a1", "#ae017e"))
ONSET_STYLE, STOP_STYLE, BEST_STYLE, BAD_STYLE = "red", "bright_black", "bold yellow", "bold red"
# Without colour: the first series is the braille line alone, the next ones carry these.
SERIES_MARKERS = ("○", "▲", "□", "◆", "△", "■", "◇", "▼")
DENSE_MARKER_EVERY = 4  # a series with a point in most columns: a marker every 4th column
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] bits


@dataclass
class Canvas:
    """A grid of braille cells; each cell keeps the style of the last line drawn through it."""

    width: int
    height: int
    bits: np.ndarray = field(init=False)
    styles: list[list[str | None]] = field(init=False)
    chars: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.bits = np.zeros((self.height, self.width), dtype=np.uint8)
        self.styles = [[None] * self.width for _ in range(self.height)]

    def dot(self, px: int, py: int, style: str) -> None:
        """Set the dot at (px, py), counted from the top-left, in dots."""
        if 0 <= px < self.width * 2 and 0 <= py < self.height * 4:
            row, col = py // 4, px // 2
            self.bits[row, col] |= _DOTS[py % 4][px % 2]
            self.styles[row][col] = style

    def line(self, x0: int, y0: int, x1: int, y1: int, style: str) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for k in range(steps + 1):
            self.dot(round(x0 + (x1 - x0) * k / steps), round(y0 + (y1 - y0) * k / steps), style)

    def char(self, col: int, row: int, text: str, style: str) -> None:
        """Put a character in a cell (markers), over any dots."""
        if 0 <= col < self.width and 0 <= row < self.height:
            self.chars[(row, col)] = (text, style)

    def rows(self) -> list[list[tuple[str, str | None]]]:
        out = []
        for row in range(self.height):
            cells = []
            for col in range(self.width):
                if (row, col) in self.chars:
                    cells.append(self.chars[(row, col)])
                elif self.bits[row, col]:
                    cells.append((chr(0x2800 + int(self.bits[row, col])), self.styles[row][col]))
                else:
                    cells.append((" ", None))
            out.append(cells)
        return out


@dataclass
class Chart:
    """One terminal chart: its canvas, axis ranges, legend entries."""

    canvas: Canvas
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    log_y: bool
    legend: list[tuple[str, str]] = field(default_factory=list)

    def px(self, x: float) -> int:
        lo, hi = self.x_range
        return round((x - lo) / (hi - lo) * (self.canvas.width * 2 - 1)) if hi > lo else 0

    def py(self, y: float) -> int:
        lo, hi = self.y_range
        if self.log_y:
            y, lo, hi = math.log10(y) if y > 0 else lo, math.log10(lo), math.log10(hi)
        height = self.canvas.height * 4 - 1
        return round(height - (y - lo) / (hi - lo) * height) if hi > lo else height // 2

    def cell(self, x: float, y: float) -> tuple[int, int]:
        return self.px(x) // 2, self.py(y) // 4


def draw_panel(panel: Panel, plot: RunPlot, report: RunReport | None, width: int,
               height: int, options: PlotOptions, x_range: tuple[float, float],
               plain: bool = False) -> Chart:
    """A panel's curves (the bold line of the PNG) and the diagnosis marks on a canvas; with
    ``plain`` (no colour), a marker character per series after the first."""
    log_y = options.log_y and panel.kind == "loss"
    best = report.best if report else None
    shown = {curve.name: curve for curve in panel.curves}
    marked = [best.value] if best and best.series in shown else []
    extent = panel_extent(panel.curves, options.clip, log_y, marked)
    if extent is None:
        log_y = False
        extent = (-1.0, 1.0)
    chart = Chart(Canvas(width, height), x_range, extent, log_y)
    families: dict[str, int] = {}
    for index, curve in enumerate(panel.curves):
        family = families.setdefault(curve.metric, len(families) % len(FAMILY_STYLES))
        style = FAMILY_STYLES[family][0 if curve.split == "train" else 1]
        marker = SERIES_MARKERS[(index - 1) % len(SERIES_MARKERS)] if plain and index else None
        _draw_line(chart, curve, style, marker, index)
        chart.legend.append((f"{marker or '━'} {printable(curve.name)}", style))
        _mark_bad(chart, curve)
    _mark_diagnosis(chart, plot, report, shown)
    return chart


def _draw_line(chart: Chart, curve: Curve, style: str, marker: str | None, index: int) -> None:
    """The curve's bold line in braille dots; ``marker`` on its points (every few columns
    where it has a point in most of them)."""
    height = chart.canvas.height
    finite = np.isfinite(curve.line) & (curve.line > 0 if chart.log_y else True)
    xs, ys = decimate_minmax(curve.x[finite], curve.line[finite], chart.canvas.width * 2)
    points = [(chart.px(x), min(max(chart.py(y), 0), height * 4 - 1)) for x, y in zip(xs, ys)]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        chart.canvas.line(x0, y0, x1, y1, style)
    if len(points) == 1 or curve.sparse:
        for x, y in points:
            chart.canvas.dot(x, y, style)
    if marker is None:
        return
    dense = len(points) > chart.canvas.width // 2
    for x, y in points:
        col = x // 2
        if not dense or col % DENSE_MARKER_EVERY == index % DENSE_MARKER_EVERY:
            chart.canvas.char(col, y // 4, marker, style)


def _mark_bad(chart: Chart, curve: Curve) -> None:
    height = chart.canvas.height
    bad = ~np.isfinite(curve.values)
    for x, value in zip(curve.x[bad], curve.values[bad]):
        chart.canvas.char(chart.px(x) // 2, height - 1 if value == -np.inf else 0, "×",
                          BAD_STYLE)
    if bad.any():
        chart.legend.append((f"× {int(bad.sum())} non-finite in {printable(curve.name)}",
                             BAD_STYLE))


def _mark_diagnosis(chart: Chart, plot: RunPlot, report: RunReport | None,
                    shown: dict[str, Curve]) -> None:
    """The overfitting onset, the early stop and the best point."""
    height = chart.canvas.height
    for step, _ in finding_steps(report, "overfitting")[:1]:
        col = chart.px(float(plot.to_x([step])[0])) // 2
        for row in range(height):
            if (row, col) not in chart.canvas.chars:
                chart.canvas.char(col, row, "│", ONSET_STYLE)
        chart.legend.append((f"│ overfitting from {plot.step_word} {fmt_step(step)}",
                             ONSET_STYLE))
    stop = report.early_stop.stop_step if report and report.early_stop else None
    if stop is not None:
        col = chart.px(float(plot.to_x([stop])[0])) // 2
        for row in range(0, height, 2):
            if (row, col) not in chart.canvas.chars:
                chart.canvas.char(col, row, "┆", STOP_STYLE)
        chart.legend.append((f"┆ early stop {plot.step_word} {fmt_step(stop)}", STOP_STYLE))
    best = report.best if report else None
    if best and best.series in shown:
        col, row = chart.cell(float(plot.to_x([best.step])[0]), best.value)
        chart.canvas.char(col, min(max(row, 0), height - 1), "★", BEST_STYLE)
        chart.legend.append((f"★ best {_fmt(best.value)} at {plot.step_word} "
                             f"{fmt_step(best.step)}", BEST_STYLE))


def render_chart(chart: Chart, label: str, x_label: str):
    """The chart as rich Text: y labels on the left, x range below, legend under it."""
    from rich.text import Text

    text = Text()
    lo, hi = chart.y_range
    height = chart.canvas.height
    rows = chart.canvas.rows()
    for index, cells in enumerate(rows):
        if chart.log_y:
            fraction = 1 - index / max(height - 1, 1)
            value = 10 ** (math.log10(lo) + (math.log10(hi) - math.log10(lo)) * fraction)
        else:
            value = hi - (hi - lo) * index / max(height - 1, 1)
        tick = _fmt(value) if index in (0, height // 2, height - 1) else ""
        gutter = f"{tick:>{Y_LABEL_WIDTH - 2}} ┤" if tick else " " * (Y_LABEL_WIDTH - 1) + "│"
        text.append(gutter, style="bright_black")
        for char, style in cells:
            text.append(char, style=style)
        text.append("\n")
    x_lo, x_hi = chart.x_range
    width = chart.canvas.width
    left, right = _fmt(x_lo), _fmt(x_hi)
    axis = " " * (Y_LABEL_WIDTH - 1) + "└" + "─" * width
    text.append(axis + "\n", style="bright_black")
    middle = f"{x_label}"
    gap = max(width - len(left) - len(right) - len(middle), 2)
    text.append(" " * Y_LABEL_WIDTH + left + " " * (gap // 2) + middle
                + " " * (gap - gap // 2) + right + "\n", style="bright_black")
    # The legend, wrapped to the chart's width (entries are never cut).
    line_length = Y_LABEL_WIDTH + len(label) + 3
    text.append(" " * Y_LABEL_WIDTH + f"{label}:  ", style="bold")
    for index, (entry, style) in enumerate(chart.legend):
        if index and line_length + len(entry) + 3 > Y_LABEL_WIDTH + width:
            text.append("\n" + " " * (Y_LABEL_WIDTH + 2))
            line_length = Y_LABEL_WIDTH + 2
        elif index:
            text.append("   ")
            line_length += 3
        text.append(entry, style=style)
        line_length += len(entry)
    text.append("\n")
    return text


def _header(plot: RunPlot, report: RunReport | None):
    from rich.text import Text

    from curvecli.render.terminal import VERDICT_STYLE  # the diagnose table's styles

    header = Text(printable(plot.run), style="bold")
    if report is not None:
        header.append("  —  ")
        header.append(report.verdict.replace("_", " "),
                      style=VERDICT_STYLE.get(report.verdict, "bold"))
    if plot.smoothing:
        header.append(f"   (smoothed {plot.smoothing})", style="bright_black")
    return header


def _summary(plot: RunPlot, log: RunLog | None, options: PlotOptions) -> list:
    """A run with one value per series: the values, one line each."""
    from rich.text import Text

    curves = summary_curves(plot, log, options.metrics)
    lines = [Text(f"  one value per series ({len(curves)}): no curve to draw",
                  style="bright_black")]
    for curve in curves:
        lines.append(Text(f"  {printable(curve.name)}: {summary_value(curve, plot.step_word)}"))
    return lines


def run_charts(plot: RunPlot, report: RunReport | None, log: RunLog | None,
               options: PlotOptions, width: int, plain: bool = False) -> list:
    """Rich renderables for one run: a header line and the loss and judged-metric charts."""
    from rich.text import Text

    out = [_header(plot, report)]
    if plot.summary_only:
        return out + _summary(plot, log, options)
    panels, _ = plan_panels(plot, report, log, options.metrics)
    panels = [p for p in panels if p.kind != "schedule"]
    if not options.metrics:
        panels = panels[:2]  # the loss panel and the judged (or first) metric
    if not panels:
        names = printable(", ".join(plot.curves) or "none")
        out.append(Text(f"  no curve to draw (series: {names})", style="yellow"))
        return out
    xs = [float(v) for p in panels for c in p.curves for v in (np.nanmin(c.x), np.nanmax(c.x))
          if len(c.x)]
    x_range = x_limits(min(xs), max(xs)) if xs else (0.0, 1.0)
    x_range = (min(xs), max(xs)) if xs and max(xs) > min(xs) else x_range
    canvas_width = max(width - Y_LABEL_WIDTH - 1, 10)
    for panel in panels:
        height = CHART_HEIGHT if panel.kind == "loss" else METRIC_CHART_HEIGHT
        chart = draw_panel(panel, plot, report, canvas_width, height, options, x_range, plain)
        out.append(render_chart(chart, printable(panel.label), printable(plot.x.label)))
    return out


def print_runs(plots: Sequence[RunPlot], reports: Sequence[RunReport],
               logs: Sequence[RunLog], options: PlotOptions, console=None) -> None:
    """Draw every run's main charts on stdout (marker characters where there is no colour)."""
    import sys

    from rich.console import Console

    console = console or Console(file=sys.stdout, soft_wrap=False, highlight=False)
    width = min(max(console.width, MIN_WIDTH), MAX_WIDTH)
    plain = console.no_color or console.color_system is None
    for plot, report, log in zip(plots, reports, logs):
        for renderable in run_charts(plot, report, log, options, width, plain):
            console.print(renderable, overflow="crop", no_wrap=True)
        console.print()
