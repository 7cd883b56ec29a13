"""How the figures look: sizes, fonts and the one table of matplotlib colours.

Every matplotlib figure (``plot``'s and ``compare --plot``'s) takes its
colours from here. The terminal's rich styles are in ``render.terminal``
(``VERDICT_STYLE``).
"""

from __future__ import annotations

FIG_WIDTH = 10.0  # inches
DPI = 110
LOSS_HEIGHT, METRIC_HEIGHT, SCHEDULE_HEIGHT, CHROME_HEIGHT = 3.4, 1.8, 1.3, 1.5
OVERLAY_SIZE = (10.0, 5.6)
TITLE_SIZE, SUBTITLE_SIZE, LEGEND_SIZE = 13, 8.5, 8
YLABEL_CHARS = 20  # longer y-label parts are shortened (the legend has the full name)
LEGEND_INSIDE_MAX = 6  # a longer legend goes beside its panel (or below a one-panel figure)

# One colour family per metric: train a light shade, val a dark one.
FAMILIES = ("Blues", "Oranges", "Greens", "Purples", "Greys", "RdPu", "YlOrBr", "GnBu")
SPLIT_SHADE = {"train": 0.5, "val": 0.88, "test": 0.7, "": 0.75}
# A run's verdict (analysis.report.VERDICTS) and a comparison's (analysis.compare.VERDICTS).
VERDICT_COLOURS = {"healthy": "#1e8449", "still_improving": "#2471a3", "overfitting": "#c0392b",
                   "underfitting": "#b9770e", "erratic": "#b9770e", "diverging": "#922b21",
                   "loss_spike": "#b9770e", "insufficient_data": "#616a6b",
                   "regression": "#c0392b", "improvement": "#1e8449", "same": "#424949"}
ONSET_COLOUR, STOP_COLOUR = "#c0392b", "#424949"
SPIKE_COLOUR, NONFINITE_COLOUR = "#e74c3c", "#d35400"
BEST_COLOUR = "#f1c40f"
RUN_COLOURS = ("tab10", "tab20")
SCHEDULE_COLOURS = ("#117a65", "#48c9b0", "#a3e4d7")
GRAD_COLOUR = "#7d3c98"
SUBTITLE_COLOUR = "#333333"
BASELINE_COLOUR = "tab:blue"
CANDIDATE_COLOURS = ("tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink")


def verdict_colour(verdict: str | None) -> str:
    return VERDICT_COLOURS.get(verdict or "", "black")
