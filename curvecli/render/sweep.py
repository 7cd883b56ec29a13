"""A sweep as tables (leaderboard, what mattered, clusters), JSON and Markdown."""

from __future__ import annotations

import json

from curvecli.analysis.report import format_number
from curvecli.analysis.sweep import SweepResult, SweepRun
from curvecli.render.tables import Column

HPARAMS_SHOWN = 3  # the leaderboard shows the values of the most important hyper-parameters


def to_json(result: SweepResult, top: int | None = None) -> str:
    return json.dumps(result.to_json(top), indent=2, allow_nan=False, default=str)


def _shown_hparams(result: SweepResult) -> list[str]:
    importance = result.importance
    if importance is not None and importance.hparams:
        return [item.name for item in importance.hparams[:HPARAMS_SHOWN]]
    return []


def _value(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def leaderboard_columns(result: SweepResult) -> list[Column]:
    return [Column("rank", "number", right=True), Column("run", "id"),
            Column(f"best {result.metric}", "number", right=True),
            Column("step", "extra", right=True), Column("final", "extra", right=True),
            Column("verdict", "key"), Column("conf", "extra", right=True),
            Column("wasted", "extra", right=True),
            *[Column(name, "extra", right=True) for name in _shown_hparams(result)],
            Column("cluster", "extra", right=True), Column("note", "text")]


def _row(run: SweepRun, shown: list[str]) -> list[str]:
    return [str(run.rank), run.run, _value(run.best_value),
            "-" if run.best_step is None else f"{run.best_step:,}", _value(run.final),
            run.verdict, _value(run.confidence),
            "-" if run.wasted is None else f"{run.wasted:.0%}",
            *[_value(run.hparams.get(name)) for name in shown],
            "-" if run.cluster is None else str(run.cluster), run.reason or ""]


def leaderboard_rows(result: SweepResult, top: int | None = None) -> list[list[str]]:
    shown = _shown_hparams(result)
    return [_row(run, shown) for run in result.runs[:top]]


IMPORTANCE_COLUMNS = [Column("hyper-parameter", "id"), Column("importance", "key", right=True),
                      Column("direction", "text"), Column("best at", "number", right=True),
                      Column("kind", "extra")]


def importance_rows(result: SweepResult) -> list[list[str]]:
    if result.importance is None:
        return []
    return [[item.name, f"{item.importance:.2f}", item.direction, _value(item.best), item.kind]
            for item in result.importance.hparams]


CLUSTER_COLUMNS = [Column("cluster", "number", right=True), Column("runs", "number", right=True),
                   Column("description", "text"), Column("typical run", "id")]


def cluster_rows(result: SweepResult) -> list[list[str]]:
    return [[str(cluster.id), str(len(cluster.runs)), cluster.description, cluster.typical]
            for cluster in result.clusters]


def notes(result: SweepResult) -> list[str]:
    """What the tables cannot say: why there is no importance or no clustering, and how
    each was computed."""
    lines = [result.reason] if result.reason else []
    importance = result.importance
    if result.reason:
        return lines
    if importance is None:
        lines.append("what mattered: no hyper-parameters found (pass --hparams FILE.csv)")
    elif importance.reason:
        lines.append(f"what mattered: {importance.reason}")
    else:
        lines.append(f"what mattered: {importance.method}")
    if result.clustering is not None:
        lines.append(f"clusters: {result.clustering.reason or result.clustering.method}")
    return lines


def _markdown_table(columns: list[Column], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(column.name for column in columns) + " |",
             "|" + "|".join("---:" if column.right else "---" for column in columns) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
              for row in rows]
    return lines


def to_markdown(result: SweepResult, top: int | None = None) -> str:
    direction = "lower is better" if result.lower_is_better else "higher is better"
    if result.reason:
        return f"## curvecli sweep: not one sweep\n\n{result.reason}\n"
    lines = [f"## curvecli sweep: {len(result.runs)} runs by best {result.metric} "
             f"({direction})", ""]
    lines += _markdown_table(leaderboard_columns(result), leaderboard_rows(result, top))
    if importance_rows(result):
        lines += ["", "### What mattered", ""]
        lines += _markdown_table(IMPORTANCE_COLUMNS, importance_rows(result))
    if cluster_rows(result):
        lines += ["", "### Runs that behaved alike", ""]
        lines += _markdown_table(CLUSTER_COLUMNS, cluster_rows(result))
    lines += ["", *[f"- {note}" for note in notes(result)]]
    return "\n".join(lines) + "\n"
