"""The reader registry: every input format, in the order sniffing tries them.

Choosing a reader: an explicit ``--input-format`` wins; else a reader that
claims the file name (``events.out.tfevents.*``); else the first reader whose
``sniff`` accepts the file's first bytes. Specific formats come before the
generic CSV readers so that a W&B or Lightning CSV is never read as generic.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from pathlib import Path

from curvecli.readers.base import Reader

# module:class, in sniffing priority order.
REGISTRY: tuple[str, ...] = (
    "tensorboard:TensorBoardReader",
    "wandb:WandbBinaryReader",
    "trainer_state:TrainerStateReader",
    "mlflow:MlflowRunReader",
    "mlflow:MlflowDbReader",
    "trackio:TrackioReader",
    "dvclive:DvcLiveReader",
    "history:ExportReader",
    "wandb:WandbHistoryReader",
    "json_history:JsonHistoryReader",
    "history:WandbParquetReader",
    "wandb:WandbPanelReader",
    "wandb:WandbRunsTableReader",
    "csv_logs:TensorBoardExportReader",
    "csv_logs:LightningReader",
    "csv_logs:KerasReader",
    "csv_logs:YoloReader",
    "yolo_txt:YoloTxtReader",
    "csv_logs:LongCsvReader",
    "csv_logs:WideCsvReader",
    "text:TextLogReader",
)


@lru_cache(maxsize=None)
def readers() -> tuple[Reader, ...]:
    """Instances of every registered reader, in priority order."""
    found = []
    for entry in REGISTRY:
        module_name, _, class_name = entry.partition(":")
        module = import_module(f"curvecli.readers.{module_name}")
        found.append(getattr(module, class_name)())
    return tuple(found)


def reader_names() -> list[str]:
    return [reader.name for reader in readers()]


def by_name(name: str) -> Reader:
    for reader in readers():
        if reader.name == name:
            return reader
    from curvecli.errors import UsageError

    raise UsageError(f"unknown input format '{name}'; known: {', '.join(reader_names())}")


def claimed_by_name(path: Path) -> Reader | None:
    """The reader whose file-name rule owns ``path`` (``events.out.tfevents.*``), if any."""
    for reader in readers():
        if reader.claims_name(path):
            return reader
    return None


def choose(head: bytes, path: Path) -> Reader | None:
    """The reader for a file, by name claim then content sniff; None if no reader fits."""
    claimed = claimed_by_name(path)
    if claimed is not None:
        return claimed
    for reader in readers():
        try:
            if reader.sniff(head, path):
                return reader
        except Exception:  # a sniff must never decide the fate of a run
            continue
    return None
