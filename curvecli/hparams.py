"""A run's hyper-parameters, from what the run already stores.

Sources, later ones filling only keys the earlier ones lack:

1. what the reader found (``meta["hparams"]``: MLflow params, trackio configs, TensorBoard's
   hparams plugin; ``meta["config"]``: a W&B run's config);
2. ``trainer_state.json``'s run keys (``trial_params``, ``max_steps``, ``num_train_epochs``,
   ``train_batch_size``), also when a TensorBoard twin of the run was read instead;
3. files beside the log files, their parent folder and the run's folder: Lightning's
   ``hparams.yaml``, YOLO's ``args.yaml``, W&B's ``config.yaml`` (each ``{value: x}``
   unwrapped, ``_wandb`` dropped), DVCLive's ``params.yaml`` (``Live.log_params``, in the
   DVCLive folder that is the run), ``config.json``, ``args.json``, ``hparams.json``,
   ``training_args.json``.

``training_args.bin`` is a pickle and is never opened. Nested keys flatten with dots
(``optimizer.lr``); numbers, booleans and strings keep their types; lists become their text.
Files over ``MAX_HPARAM_BYTES`` or that do not parse are skipped (they are not logs: a run
is judged without them). YAML is read with a safe loader that turns Python object tags
(Lightning writes ``!!python/object`` for some values) into plain text.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

HPARAM_FILES = ("hparams.yaml", "args.yaml", "config.yaml", "params.yaml", "config.json",
                "args.json", "hparams.json", "training_args.json")
MAX_HPARAM_BYTES = 1 << 20
MAX_DEPTH = 8
TRAINER_STATE_KEYS = ("max_steps", "num_train_epochs", "train_batch_size")
# Keys that describe the run, not a setting: never hyper-parameters.
NOT_HPARAMS = frozenset({"_wandb", "wandb_version"})
# The planned length of training, as the usual configs name it.
EPOCH_KEYS = ("max_epochs", "num_train_epochs", "epochs", "num_epochs", "n_epochs")
STEP_KEYS = ("max_steps", "total_steps", "max_iters", "train_steps", "num_steps",
             "num_training_steps", "total_iters")


def _safe_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader that reads any unknown tag as the plain value under it."""

    def plain(loader, suffix, node):
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return loader.construct_scalar(node)

    Loader.add_multi_constructor("", plain)
    return Loader


def load_yaml(path: Path) -> Any:
    """A YAML file's content, or None when it is missing, too big or not YAML."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - pyyaml is a dependency
        return None
    text = _small_text(path)
    if text is None:
        return None
    loader = _safe_loader()(text)  # a SafeLoader: no tag constructs a Python object
    try:
        return loader.get_single_data()
    except (ValueError, RecursionError, yaml.YAMLError):
        return None
    finally:
        loader.dispose()


def _small_text(path: Path) -> str | None:
    from curvecli.safeio import open_regular

    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_HPARAM_BYTES + 1)
    except OSError:  # NotAFileError too: a FIFO or a device is not a settings file
        return None
    if len(data) > MAX_HPARAM_BYTES:
        return None
    return data.decode("utf-8", errors="replace")


def _load_file(path: Path) -> dict | None:
    if path.suffix == ".json":
        text = _small_text(path)
        try:
            loaded = json.loads(text) if text is not None else None
        except (ValueError, RecursionError):
            return None
    else:
        loaded = load_yaml(path)
    if not isinstance(loaded, dict):
        return None
    if path.name == "config.yaml":
        return unwrap_wandb_config(loaded)
    return loaded


def unwrap_wandb_config(config: dict) -> dict:
    """W&B's ``config.yaml``: ``{key: {desc: ..., value: x}}`` to ``{key: x}``."""
    return {str(key): value["value"] if isinstance(value, dict) and "value" in value else value
            for key, value in config.items() if str(key) not in NOT_HPARAMS}


def typed_text(text: str) -> Any:
    """A setting written as text (a CSV cell): an int, a float, a boolean, else the text."""
    stripped = text.strip()
    for kind in (int, float):
        try:
            return kind(stripped)
        except ValueError:
            continue
    lowered = stripped.lower()
    return {"true": True, "false": False}.get(lowered, text)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return json.dumps(value, default=str, sort_keys=True) if isinstance(
        value, (list, tuple)) else str(value)


def flatten(values: dict, prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """Nested keys joined with dots; values kept as numbers, booleans or strings."""
    flat: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if str(key) in NOT_HPARAMS:
            continue
        if isinstance(value, dict) and depth < MAX_DEPTH:
            flat.update(flatten(value, f"{name}.", depth + 1))
        else:
            flat[name] = _plain(value)
    return flat


def _folders(files: list[Path]) -> list[Path]:
    """The folders a run's hyper-parameter files sit in: each log file's folder and, for
    W&B, its ``files/``; the nearest first, each once."""
    folders: list[Path] = []
    for file in files:
        parent = Path(file).parent
        for folder in (parent, parent / "files", parent.parent):
            if folder not in folders:
                folders.append(folder)
    return folders


def side_files(files: list[Path]) -> dict[str, Any]:
    """Hyper-parameters from the files beside a run's logs (nearest folder wins a key)."""
    found: dict[str, Any] = {}
    for folder in _folders(files):
        for name in HPARAM_FILES:
            path = folder / name
            if not path.is_file():
                continue
            loaded = _load_file(path)
            if loaded:
                for key, value in flatten(loaded).items():
                    found.setdefault(key, value)
    return found


TAIL_BYTES = 1 << 16  # trainer_state.json's run keys sit after log_history (sorted keys)
_STATE_KEY = re.compile(rb'"(max_steps|num_train_epochs|train_batch_size)"\s*:\s*(\d+)')


def twin_state_keys(meta: dict) -> dict[str, Any]:
    """``max_steps``, ``num_train_epochs`` and ``train_batch_size`` of the trainer_state.json
    a run was also logged to (a TensorBoard twin was read instead): found in the file's last
    ``TAIL_BYTES``, where the Trainer's sorted keys put them, without parsing the history."""
    from curvecli.safeio import open_regular

    found: dict[str, Any] = {}
    for twin in meta.get("also_logged_by") or []:
        if twin.get("source") != "trainer_state":
            continue
        for name in twin.get("files") or []:
            try:
                with open_regular(name) as handle:
                    handle.seek(max(0, os.fstat(handle.fileno()).st_size - TAIL_BYTES))
                    tail = handle.read(TAIL_BYTES)
            except OSError:
                continue
            for key, value in _STATE_KEY.findall(tail):
                found.setdefault(key.decode(), int(value))
    return found


def run_hparams(meta: dict, files: list[Path], twin: dict | None = None) -> dict[str, Any]:
    """Every hyper-parameter the run stores (see the module docstring for the order);
    ``twin`` is ``twin_state_keys(meta)`` when the caller has read it already."""
    found: dict[str, Any] = {}
    for key in ("hparams", "config"):
        if isinstance(meta.get(key), dict):
            found.update(flatten(meta[key]))
    if isinstance(meta.get("trial_params"), dict):
        for key, value in flatten(meta["trial_params"]).items():
            found.setdefault(key, value)
    for key in TRAINER_STATE_KEYS:
        if key in meta:
            found.setdefault(key, _plain(meta[key]))
    for key, value in (twin_state_keys(meta) if twin is None else twin).items():
        found.setdefault(key, value)
    folders = list(files) + ([Path(meta["path"]) / "run"] if meta.get("path") else [])
    for key, value in side_files(folders).items():
        found.setdefault(key, value)
    return found


def planned_length(hparams: dict[str, Any]) -> tuple[str, float, str] | None:
    """The planned length of training a run's settings give: ``("step", N, key)`` or
    ``("epoch", E, key)``; steps win over epochs; keys as in ``STEP_KEYS``/``EPOCH_KEYS``,
    matched on the last dotted part (``trainer.max_epochs``). Non-positive values
    (``max_steps: -1`` means "use epochs" in HF) do not count."""
    for unit, keys in (("step", STEP_KEYS), ("epoch", EPOCH_KEYS)):
        for wanted in keys:
            for key, value in hparams.items():
                if key.rsplit(".", 1)[-1] != wanted or isinstance(value, bool):
                    continue
                if isinstance(value, (int, float)) and value > 0:
                    return unit, float(value), key
    return None
