"""Comparisons as a plain-text table, JSON, GitHub-ready Markdown and an overlay PNG.

Every function takes a ``Comparison`` and computes nothing that changes a
verdict. The JSON shape is documented in the README ("compare"): a top-level
``version`` and ``verdict``, then ``baseline``, ``candidates`` and one
``metrics`` entry per compared series and candidate. The PNG uses matplotlib's
object API (no pyplot), imported when a plot is asked for.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from curvecli.analysis.compare import FINAL_FRACTION, Comparison, SeriesComparison, Side
from curvecli.analysis.report import format_number
from curvecli.render import tables
from curvecli.render.files import atomic_path
from curvecli.render.tables import Column

SCHEMA_VERSION = 1
VERDICT_MARK = {"regression": "🔴", "improvement": "🟢", "same": "⚪"}
FIGURE_WIDTH_IN, ROW_HEIGHT_IN, DPI = 12.0, 3.6, 100
LEGEND_LABEL_CHARS = 40
LEGEND_SHARE = 0.38  # of the figure's width, at most, for the legend beside a panel
NAME_ROOM_PT = 90.0  # a group's name in the legend and the notes, at most (points)
NOTES_ROOM_PT = FIGURE_WIDTH_IN * 72 * (1 - LEGEND_SHARE) - 40  # a line of notes under a panel
MAX_PLOT_ROWS = 12
# A candidate further than this many baseline spans outside the baseline's range is clipped.
OFF_SCALE_SPANS = 10.0


def to_json(comparison: Comparison) -> str:
    return json.dumps({"version": SCHEMA_VERSION, **comparison.to_dict()}, indent=2,
                      allow_nan=False, ensure_ascii=False)


# --------------------------------------------------------------------------- cells


def _value(side: Side) -> str:
    if side.spread is None:
        return format_number(side.value)
    return f"{format_number(side.value)} ± {format_number(side.spread)}"


def _percent(value: float) -> str:
    return f"{value:+.1%}" if math.isfinite(value) else "-"


def _position(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "-"
    return f"{value:.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.3g}"


def _best(side: Side) -> str:
    return f"{format_number(side.best)} @ {_position(side.best_step)}"


def _p(item: SeriesComparison) -> str:
    return f"{item.test.p_value:.3g}" if item.test else "-"


def _range(item: SeriesComparison) -> str:
    return f"{_position(item.start)}..{_position(item.end)} ({item.points} pts)"


def _statistic(comparison: Comparison) -> str:
    if comparison.statistic == "final":
        return f"final (mean over the last {FINAL_FRACTION:.0%} of the overlapping range)"
    if comparison.statistic == "best":
        return "best (best value within the overlapping range)"
    if comparison.statistic == "mean":
        return "mean (over the whole overlapping range)"
    return f"value at {comparison.statistic} (interpolated)"


def _method(comparison: Comparison) -> str:
    tolerance = comparison.tolerance
    kind = "relative" if tolerance.relative else "absolute"
    return (f"statistic: {_statistic(comparison)}; tolerance {tolerance} ({kind}); "
            f"aligned on {comparison.axis}; seed groups: two-sided t-test "
            f"(Welch's, or a single run against a group's variance), alpha 0.05")


def _row(item: SeriesComparison) -> list[str]:
    reach = _position(item.reach_step)
    if item.speedup is not None and math.isfinite(item.speedup):
        reach += f" (x{item.speedup:.2g})"
    return [item.series, "lower" if item.lower_is_better else "higher", _range(item),
            _value(item.baseline), _value(item.candidate), format_number(item.delta.absolute),
            _percent(item.delta.relative), _best(item.baseline), _best(item.candidate), reach,
            _p(item), item.verdict]


COLUMNS = [Column("series", "id"), Column("better", "extra"), Column("range", "extra"),
           Column("baseline", "number", right=True), Column("candidate", "number", right=True),
           Column("delta", "extra", right=True), Column("delta %", "number", right=True),
           Column("best baseline", "extra", right=True),
           Column("best candidate", "extra", right=True),
           Column("reaches baseline best", "extra", right=True), Column("p", "extra", right=True),
           Column("verdict", "key")]
INDENT = "  "


# --------------------------------------------------------------------------- table


def _runs(runs) -> str:
    return ", ".join(f"{run.run} ({run.verdict})" for run in runs)


def to_text(comparison: Comparison, width: int | None = None) -> str:
    """The terminal table: one block per candidate, one row per series; fitted to ``width``
    (a terminal's) when given, else never wrapped."""
    lines = [f"verdict: {comparison.verdict.upper()}",
             f"baseline: {comparison.baseline}: {_runs(comparison.baseline_runs)}"]
    for candidate in comparison.candidates:
        lines += ["", f"candidate: {candidate.group}: {candidate.verdict}",
                  f"  runs: {_runs(candidate.runs)}", ""]
        columns = [Column(f"range ({comparison.axis})", "extra") if c.name == "range" else c
                   for c in COLUMNS]
        rows = [_row(item) for item in candidate.series]
        if width is not None:
            columns, rows = tables.fit(columns, rows, width - len(INDENT))
        lines += [INDENT + line for line in tables.plain_lines(columns, rows, rule=True)]
        for reason in candidate.reasons:
            lines.append(f"  - {reason}")
    lines += ["", _method(comparison)]
    return "\n".join(lines) + "\n"


def to_tsv(comparison: Comparison) -> str:
    """One row per candidate and series, tab-separated, the candidate named in each row."""
    rows = [[candidate.group, *_row(item)]
            for candidate in comparison.candidates for item in candidate.series]
    return tables.tsv([Column("candidate"), *COLUMNS], rows)


# --------------------------------------------------------------------------- markdown


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def to_markdown(comparison: Comparison) -> str:
    """A GitHub step summary: the verdict first, one table per candidate, the method last."""
    mark = VERDICT_MARK[comparison.verdict]
    lines = [f"## curvecli compare: {mark} {comparison.verdict}", "",
             f"**Baseline** {_code(comparison.baseline)}: {_cell(_runs(comparison.baseline_runs))}",
             ""]
    for candidate in comparison.candidates:
        lines += [f"### {VERDICT_MARK[candidate.verdict]} {_code(candidate.group)}: "
                  f"**{candidate.verdict}**", "",
                  f"Runs: {_cell(_runs(candidate.runs))}", ""]
        headers = [f"range ({comparison.axis})" if c.name == "range" else c.name
                   for c in COLUMNS]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join("---:" if c.right else "---" for c in COLUMNS) + "|")
        for item in candidate.series:
            cells = [_cell(cell) for cell in _row(item)]
            cells[0] = _code(item.series)
            if item.verdict != "same":
                cells[-1] = f"**{item.verdict}**"
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        for reason in candidate.reasons:
            lines.append(f"- {_cell(reason)}")
        if candidate.reasons:
            lines.append("")
    if comparison.warnings:
        lines += ["<details><summary>warnings</summary>", ""]
        lines += [f"- {_cell(warning)}" for warning in comparison.warnings]
        lines += ["", "</details>", ""]
    lines.append(f"<sub>{_cell(_method(comparison))}</sub>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- plot


def _annotation(item: SeriesComparison) -> str:
    text = (f"{item.statistic}: {format_number(item.baseline.value)} -> "
            f"{format_number(item.candidate.value)} ({_percent(item.delta.relative)}) "
            f"{item.verdict}")
    if item.test:
        text += f", p={item.test.p_value:.2g}"
    text += f"\nbest: {_best(item.baseline)} -> {_best(item.candidate)}"
    return text


def _limits(baseline, others) -> tuple[float, float] | None:
    """Y limits that keep the baseline readable: a curve that runs off far beyond it is clipped."""
    import numpy as np

    finite = baseline[np.isfinite(baseline)]
    if not len(finite):
        return None
    low, high = float(finite.min()), float(finite.max())
    span = (high - low) or abs(high) or 1.0
    floor, ceiling = low - OFF_SCALE_SPANS * span, high + OFF_SCALE_SPANS * span
    for curve in others:
        values = curve[np.isfinite(curve)]
        if len(values):
            low = min(low, max(float(values.min()), floor))
            high = max(high, min(float(values.max()), ceiling))
    pad = 0.05 * ((high - low) or 1.0)
    return low - pad, high + pad


def _short(label: str) -> str:
    """A group label short enough for a legend: its last two path parts."""
    parts = Path(label).parts
    if len(label) <= LEGEND_LABEL_CHARS or len(parts) < 3:
        return label
    return ".../" + "/".join(parts[-2:])


def comparison_figure(comparison: Comparison):
    """A Figure with one panel per series: the baseline and each candidate, deltas annotated.

    Each panel draws the aligned group-mean curves over the overlapping range
    (a seed group's with the min-max band of its runs), shades the window
    ``final`` averages over, marks where a candidate turns NaN/inf, and lists
    the judged statistic, its delta and the best points under the axis. The
    layout is constrained: the title, the panels and the legends beside them
    never overlap.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from curvecli.render.plot_style import verdict_colour

    names: list[str] = []
    for candidate in comparison.candidates:
        names += [item.series for item in candidate.series if item.series not in names]
    names = names[:MAX_PLOT_ROWS]
    rows = max(1, len(names))
    figure = Figure(figsize=(FIGURE_WIDTH_IN, ROW_HEIGHT_IN * rows), dpi=DPI,
                    layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(rows, 1, squeeze=False)[:, 0]
    for ax, name in zip(axes, names):
        _comparison_panel(ax, comparison, name)
    figure.suptitle(f"curvecli compare: {comparison.verdict}", fontsize=12,
                    color=verdict_colour(comparison.verdict))
    return figure


def _comparison_panel(ax, comparison: Comparison, name: str) -> None:
    """One series: the baseline and every candidate that compared it."""
    import numpy as np

    from curvecli.render.plot_draw import fit_labels, wrap
    from curvecli.render.plot_style import BASELINE_COLOUR, CANDIDATE_COLOURS

    items = [(index, candidate, item) for index, candidate in enumerate(comparison.candidates)
             for item in candidate.series if item.series == name]
    widest = max((item for _, _, item in items), key=lambda item: item.end - item.start)
    baseline, others = [widest.baseline_curve, *(widest.baseline_band or ())], []
    _group_line(ax, widest.grid, widest.baseline_curve, widest.baseline_band, BASELINE_COLOUR,
                f"baseline {_name(comparison.baseline)}", [], comparison.baseline,
                len(comparison.baseline_runs))
    notes = []
    for index, candidate, item in items:
        colour = CANDIDATE_COLOURS[index % len(CANDIDATE_COLOURS)]
        _group_line(ax, item.grid, item.candidate_curve, item.candidate_band, colour,
                    _name(candidate.group), [candidate.verdict], candidate.group,
                    len(candidate.runs))
        others += [item.candidate_curve, *(item.candidate_band or ())]
        broken = ~np.isfinite(item.candidate_curve)
        if broken.any():
            first = float(item.grid[np.argmax(broken)])
            ax.axvline(first, color=colour, linestyle=":", linewidth=1.0,
                       label=f"NaN/inf from {comparison.axis} {_position(first)}")
        if comparison.statistic == "final" and item.end > item.start:
            window = item.end - FINAL_FRACTION * (item.end - item.start)
            ax.axvspan(window, item.end, color=colour, alpha=0.12, zorder=0)
        prefix = f"{_name(candidate.group)}: " if len(items) > 1 else ""
        notes += wrap((prefix + _annotation(item)).split("\n"), NOTES_ROOM_PT, 8, "; ")
    limits = _limits(np.concatenate(baseline), others)
    if limits is not None and limits[1] > limits[0]:
        ax.set_ylim(*limits)
    better = "lower" if widest.lower_is_better else "higher"
    ax.set_title(f"{name} ({better} is better)", fontsize=10)
    ax.set_xlabel(f"{comparison.axis}\n" + "\n".join(notes), fontsize=8)
    ax.grid(True, alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, fit_labels(labels, FIGURE_WIDTH_IN * 72 * LEGEND_SHARE), loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def _name(group: str) -> str:
    """A group's label as the legend and the notes show it: short enough to fit."""
    from curvecli.render.plot_draw import shorten

    return shorten(_short(group), NAME_ROOM_PT, 8)


def _group_line(ax, grid, mean, band, colour, name: str, notes: list[str], group: str,
                runs: int) -> None:
    """A group's mean curve, and the min-max band of its runs when it has several."""
    if band is not None:
        ax.fill_between(grid, *band, color=colour, alpha=0.18, linewidth=0, gid=f"band:{group}")
        notes = [*notes, f"{runs} runs: mean, min–max"]
    label = f"{name} ({'; '.join(notes)})" if notes else name
    ax.plot(grid, mean, color=colour, linewidth=1.2, label=label, gid=f"mean:{group}")


def plot_comparison(comparison: Comparison, path: Path) -> Path:
    """Write the overlay PNG to ``path`` (atomically) and return the path."""
    from curvecli.render.plot_draw import drawing

    return drawing(_plot_comparison)(comparison, path)


def _plot_comparison(comparison: Comparison, path: Path) -> Path:
    from curvecli.render.plot_draw import freeze_layout

    figure = comparison_figure(comparison)
    freeze_layout(figure)
    path = Path(path)
    with atomic_path(path) as temporary:
        figure.savefig(temporary, format="png")
    return path
