"""Forecasts as a table, JSON (DESIGN.md's schema) and Markdown: the same facts in each."""

from __future__ import annotations

import json

from curvecli.analysis.report import format_number
from curvecli.analysis.run_forecast import JSON_VERSION, RunForecast
from curvecli.render.tables import Column


def to_json(results: list[RunForecast]) -> str:
    return json.dumps({"version": JSON_VERSION, "runs": [r.to_json() for r in results]},
                      indent=2, allow_nan=False)


def _steps(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def band(result: RunForecast) -> str:
    if result.low is None or result.high is None:
        return "-"
    return f"{format_number(result.low)}..{format_number(result.high)}"


def outcome(result: RunForecast) -> str:
    """The forecast in words: the reason it was refused, else the advice and target."""
    if result.predicted is None:
        return result.reason or "no forecast"
    parts = [part for part in (result.advice, _target(result)) if part]
    return "; ".join(parts) or result.method


def _target(result: RunForecast) -> str | None:
    """Where the curve reaches ``--target``, in words (None without a target)."""
    if result.target is None:
        return None
    if result.target_step is None:
        return f"does not reach {format_number(result.target)}"
    return f"reaches {format_number(result.target)} at step {_steps(result.target_step)}"


def columns(results: list[RunForecast]) -> list[Column]:
    """The table's columns. In a narrow terminal the series, the last step, the outcome and
    where the planned end came from go first (the outcome is then said below the table)."""
    shown = [Column("run", "id"), Column("series", "extra"),
             Column("last step", "extra", right=True), Column("to step", "number", right=True),
             Column("predicted", "key", right=True), Column(f"{_level(results)} band", "number",
                                                            right=True)]
    if any(r.p_beat is not None for r in results):
        shown.append(Column("P(beat)", "number", right=True))
    return shown + [Column("outcome", "extra"), Column("to step from", "extra")]


def _level(results: list[RunForecast]) -> str:
    return f"{results[0].level:.0%}" if results else "80%"


def rows(results: list[RunForecast]) -> list[list[str]]:
    with_beat = any(r.p_beat is not None for r in results)
    out = []
    for result in results:
        row = [result.run, result.series or "-", _steps(result.last_step),
               _steps(result.to_step),
               "-" if result.predicted is None else format_number(result.predicted),
               band(result)]
        if with_beat:
            row.append("-" if result.p_beat is None else f"{result.p_beat:.2f}")
        out.append(row + [outcome(result), result.to_step_source])
    return out


def sentence(result: RunForecast) -> str:
    """One line that says the whole forecast of a run."""
    head = f"{result.run}: {result.series or 'no series'}"
    if result.predicted is None:
        return f"{head}: no forecast: {result.reason}"
    text = (f"{head} at step {_steps(result.to_step)} ({result.to_step_source}): "
            f"{format_number(result.predicted)}, {result.level:.0%} band {band(result)} "
            f"(last logged {format_number(result.last_value)} at step "
            f"{_steps(result.last_step)}; {result.method})")
    if result.beat is not None:
        against = result.beat_source or format_number(result.beat)
        text += f"; against {against}: {result.advice}"
    if result.target is not None:
        text += f"; {_target(result)}"
    return text


def to_markdown(results: list[RunForecast]) -> str:
    cells = columns(results)
    lines = ["## curvecli forecast", "",
             "| " + " | ".join(column.name for column in cells) + " |",
             "|" + "|".join("---:" if column.right else "---" for column in cells) + "|"]
    for row in rows(results):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    lines += ["", *[f"- {sentence(result)}" for result in results]]
    return "\n".join(lines) + "\n"
