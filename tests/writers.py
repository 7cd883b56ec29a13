"""Fixture writers that use the real writers: tensorboard's EventFileWriter, json, csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter


def write_scalars(logdir: Path, points: list[tuple[str, int, float]], suffix: str = "") -> Path:
    """Write (tag, step, value) scalars as simple_value events with TensorBoard's writer."""
    logdir.mkdir(parents=True, exist_ok=True)
    writer = EventFileWriter(str(logdir), filename_suffix=suffix)
    for index, (tag, step, value) in enumerate(points):
        value = summary_pb2.Summary.Value(tag=tag, simple_value=value)
        summary = summary_pb2.Summary(value=[value])
        writer.add_event(event_pb2.Event(wall_time=1_700_000_000.0 + index, step=step,
                                         summary=summary))
    writer.close()
    (path,) = [p for p in logdir.iterdir() if "tfevents" in p.name and p.name.endswith(suffix)
               and p.stat().st_mtime >= 0][-1:]
    return path


def write_trainer_state(path: Path, log_history: list[dict], **top) -> Path:
    """A trainer_state.json exactly as HF writes it (sorted keys, indent 2, bare NaN)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    steps = [entry.get("step", 0) for entry in log_history]
    state = {"global_step": max(steps) if steps else 0, "log_history": log_history,
             "best_metric": None, "best_model_checkpoint": None, **top}
    path.write_text(json.dumps(state, indent=2, sort_keys=True))
    return path


def write_csv(path: Path, header: list[str], rows: list[list], delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path
