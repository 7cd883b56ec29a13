"""Path -> runs: which files hold logs, and which files belong to which run.

A run is a directory holding logs; its id is its path relative to the PATH the
user gave (the PATH's own name when the PATH is the run). The layouts where one
run spans several directories are folded back into one run (FORMATS.md §2.1,
§1.1, §7): Keras' ``train/`` + ``validation/`` TensorBoard subdirs and PyTorch
``add_scalars`` subdirs (``loss_train/``, ``loss_val/``) give a split hint; the
``trainer_state.json`` files of an HF output dir (at its top, in
``checkpoint-N/``) are one run read from the file with the largest
``global_step``; HF's ``runs/<date>/`` event dirs are the same run logged a
second time. Files that are not logs are skipped by name or after a 4 KiB
sniff, never read whole. This module only finds files; ``load`` reads them.

Tracking stores hold many runs (FORMATS.md §5): each run of an MLflow file store
(``<store>/<experiment_id>/<run_id>/``) is one run read from its ``meta.yaml``, and the
folders MLflow owns (``metrics/``, ``params/``, ``tags/``...) are never walked, so no
metric file is sniffed; a store file (``mlflow.db``, a trackio ``<project>.db``) is one
source whose reader names its runs. A store's run ids are ``<experiment>/<run>`` led by the
store's folder relative to the PATH (see ``_store_prefix``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from curvecli import readers as registry
from curvecli import safeio
from curvecli.errors import NoLogsError, NotAFileError, UsageError, printable
from curvecli.names import SPLIT_WORDS
from curvecli.readers import dvclive, mlflow
from curvecli.readers.base import HEAD_BYTES, LFS_POINTER_MESSAGE, Reader, is_lfs_pointer, read_head
from curvecli.readers.trainer_state import global_step_hint

# Never descended into.
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__", ".trash", "node_modules",
                       ".ipynb_checkpoints", ".venv", "venv", ".mypy_cache", ".pytest_cache"})
# Never logs: weights, optimiser states, data, media, code. Skipped without opening.
SKIP_SUFFIXES = frozenset(
    """.bin .pt .pth .safetensors .ckpt .h5 .hdf5 .keras .pkl .pickle .joblib .npy .npz .onnx
    .pb .tflite .msgpack .model .gguf .ggml .png .jpg .jpeg .gif .bmp .svg .webp .mp4 .wav .mp3
    .zip .tar .gz .tgz .bz2 .xz .7z .whl .so .dll .dylib .py .pyc .ipynb .md .rst .html .css .js
    .yaml .yml .toml .cfg .ini .sh .lock .pdf .arrow .tfrecord .index .data-00000-of-00001
    .spm .vocab .tiktoken .patch .diff""".split()
)
# Name suffixes that make an empty or pointer file worth reporting.
LOG_LIKE_SUFFIXES = frozenset({".json", ".jsonl", ".csv", ".tsv", ".log", ".wandb", ".txt",
                               ".out", ".err", ".parquet"})
# Metadata, not logs, even though they are JSON.
SKIP_NAMES = frozenset({"wandb-summary.json", "wandb-metadata.json", "config.json",
                        "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                        "generation_config.json", "adapter_config.json", "preprocessor_config.json",
                        "all_results.json", "train_results.json", "eval_results.json",
                        "test_results.json", "vocab.json", "catboost_training.json",
                        "time_left.tsv",  # (CatBoost's clock: seconds passed and remaining)
                        "debug-internal.log", "debug-core.log"})  # (W&B's own diagnostics)
# CatBoost's tables of its curves in catboost_info/, and the split each holds (``learn``:
# train); it writes the same curves as event files under learn/ and test/ too.
CATBOOST_TABLES = {"learn_error": "learn", "test_error": "test"}
# W&B's own debug log of a run: ``<run dir>/logs/debug.log`` (a run's stdout is files/output.log)
WANDB_RUN_DIR = re.compile(r"^(offline-)?run-\d{8}_\d{6}-\w+$")
# Notes kept beside logs: never read as a log under a forced --input-format.
NOTE_NAME = re.compile(r"^(readme|source|license|licence|notes|changelog|requirements)\b",
                       re.IGNORECASE)
# Reader layouts discovery groups files by (``Reader.layout``; see the module docstring).
EVENTS, OUTPUT_DIR, DOWNLOADS = "events", "output_dir", "downloads"
# A run of an MLflow file store (one meta.yaml); a file holding many runs the reader names.
MLFLOW_RUN, STORE = "mlflow_run", "store"
# SQLite's side files (a live writer's journal or WAL): never logs, never opened.
# A head without a line end is read again this long: Lightning's metrics.csv with a
# learning-rate monitor over hundreds of parameter groups has a 10 KB header.
WIDE_HEAD_BYTES = 65536
SQLITE_SIDE_FILE = re.compile(r"-(wal|shm|journal)$")
CHECKPOINT_DIR = re.compile(r"^(checkpoint-\d+|last-checkpoint)$")
# SummaryWriter's default log dir, runs/<Mon><DD>_<HH>-<MM>-<SS>_<host> (then its comment)
WRITER_DEFAULT_DIR = re.compile(r"^[A-Z][a-z]{2}\d{2}_\d{2}-\d{2}-\d{2}_.+$")
WANDB_CONSOLE = "output.log"  # W&B's copy of a run's stdout, in its run dir's files/
# An event folder this many levels under a folder with event files of its own is an
# add_scalars sub-run of that folder's writer (``<main_tag>_<key>/``, ``<main_tag>/<key>/``).
ADD_SCALARS_DEPTH = 3
_EVENT_TIME = re.compile(r"tfevents\.(\d+)")


@dataclass
class LogFile:
    path: Path
    reader: Reader
    context: str | None = None  # a split hint from the directory layout
    subrun: str | None = None  # an add_scalars sub-run's folder, relative to its run's


@dataclass
class Source:
    """One reader's files for one run (several for per-directory readers)."""

    reader: Reader
    files: list[LogFile]
    owner: Path
    label: str
    console: bool = False  # a W&B run's captured stdout (files/output.log): a copy of its run

    @property
    def name(self) -> str:
        return self.reader.name


@dataclass
class RunSpec:
    """A run to read: its id and its sources (several = the same run logged twice)."""

    run: str
    sources: list[Source]
    meta: dict = field(default_factory=dict)
    path: Path | None = None  # the run's directory, or the file given as a PATH


@dataclass
class Problem:
    """Something wrong with a file. ``unreadable``: a log that could not be read (a run
    lost, which ``diagnose`` reports and ``--fail-on`` counts), not a file passed over."""

    path: Path
    message: str
    unreadable: bool = True


@dataclass
class Discovery:
    runs: list[RunSpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _walk(root: Path, problems: list[Problem]):
    """Yield the regular files under ``root``: iteratively (no recursion limit on a deep
    tree), without following directory symlinks (no loops), skipping ``SKIP_DIRS`` and the
    folders MLflow owns. A FIFO, socket or device (or a link to one) is never opened: it is a
    warning naming it. A link that cannot be followed (dangling, a loop) is yielded, for
    ``_classify`` to report."""
    def on_error(error: OSError) -> None:
        problems.append(Problem(Path(error.filename or root), f"cannot list: {error.strerror}"))

    for folder, subfolders, entries in safeio.walk(root, on_error):
        owned = _mlflow_owned(folder, [entry.name for entry in entries])
        subfolders[:] = [name for name in subfolders if name not in SKIP_DIRS
                         and name not in owned]
        for entry in entries:
            path = folder / entry.name
            kind = None if _is_regular(entry) else safeio.special_kind(path)
            if kind is not None:
                problems.append(Problem(path, f"{kind}, not a log file; skipped",
                                        unreadable=False))
            else:
                yield path


def _is_regular(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _mlflow_owned(folder: Path, filenames: list[str]) -> frozenset:
    """The sub-folders of an MLflow run or experiment folder that MLflow owns (the reader
    reads them, or they are not logs); nothing for any other folder."""
    if mlflow.META_FILE not in filenames:
        return frozenset()
    kind = mlflow.meta_kind(folder)
    if kind == "run":
        return mlflow.RUN_OWNED_DIRS
    return mlflow.EXPERIMENT_OWNED_DIRS if kind == "experiment" else frozenset()


def _forced_format_applies(path: Path) -> bool:
    """A walked file ``--input-format`` applies to: a log by its name (an event file, or a
    log-like suffix), not a note kept beside the logs (README, SOURCE.txt, LICENSE)."""
    if registry.claimed_by_name(path) is not None:
        return True
    if path.name in SKIP_NAMES or NOTE_NAME.match(path.name):
        return False
    return path.suffix.lower() in LOG_LIKE_SUFFIXES


def _classify_known(path: Path, input_format: str | None, problems: list[Problem],
                    known: dict | None) -> Reader | None:
    """``_classify`` of a walked file, remembered in ``known`` by (size, mtime)."""
    if known is None:
        return _classify(path, input_format, problems, explicit=False)
    try:
        info = os.stat(path)
        signature = (info.st_size, info.st_mtime_ns)
    except OSError:
        signature = None
    if signature is not None and path in known and known[path][0] == signature:
        return known[path][1]
    reader = _classify(path, input_format, problems, explicit=False)
    known[path] = (signature, reader)
    return reader


def _classify(path: Path, input_format: str | None, problems: list[Problem],
              explicit: bool) -> Reader | None:
    """The reader for ``path``, or None; unreadable or placeholder files become problems."""
    name = path.name
    if input_format:
        if explicit or _forced_format_applies(path):
            return registry.by_name(input_format)
        return None
    claimed = registry.claimed_by_name(path)
    if claimed is not None:
        return claimed
    suffix = path.suffix.lower()
    if not explicit and (suffix in SKIP_SUFFIXES or name in SKIP_NAMES
                         or SQLITE_SIDE_FILE.search(name) or _wandb_debug_log(path)):
        return None
    try:
        head = read_head(path, HEAD_BYTES)
        if len(head) == HEAD_BYTES and b"\n" not in head:
            head = read_head(path, WIDE_HEAD_BYTES)  # a header of hundreds of columns
    except NotAFileError as error:  # swapped for a FIFO or a device since the walk saw it
        problems.append(Problem(path, error.message, unreadable=False))
        return None
    except OSError as error:
        problems.append(Problem(path, f"cannot read: {error.strerror or error}"))
        return None
    log_like = explicit or suffix in LOG_LIKE_SUFFIXES or "trainer_state" in name
    if not head:
        if log_like:
            problems.append(Problem(path, "empty file (0 bytes)"))
        return None
    if is_lfs_pointer(head):
        if log_like:
            problems.append(Problem(path, LFS_POINTER_MESSAGE))
        return None
    return registry.choose(head, path)


def _wandb_debug_log(path: Path) -> bool:
    """True for W&B's debug log of a run (``run-<date>_<time>-<id>/logs/debug.log``)."""
    return path.name == "debug.log" and path.parent.name == "logs" \
        and WANDB_RUN_DIR.match(path.parent.parent.name) is not None


def _context_for(event_dir: Path, siblings: set[str]) -> tuple[Path, str | None]:
    """Where a TensorBoard dir's run is, and the split hint its name gives."""
    name = event_dir.name
    if name.lower() in SPLIT_WORDS:
        return event_dir.parent, name
    prefix, sep, key = name.rpartition("_")
    if sep and prefix and key.lower() in SPLIT_WORDS:
        # PyTorch add_scalars: <main_tag>_<key>/ beside <main_tag>_<other key>/.
        if any(other != name and other.startswith(prefix + "_") for other in siblings):
            return event_dir.parent, key
        if WRITER_DEFAULT_DIR.match(prefix):
            # SummaryWriter(comment="_val") alone: runs/<date>_<host>_val/ is val's run
            return event_dir, key
    return event_dir, None


def _main_writer_dir(event_dir: Path, event_dirs: set[Path], root: Path) -> Path | None:
    """The folder of the writer whose ``add_scalars`` wrote ``event_dir``, if any: the nearest
    of its ``ADD_SCALARS_DEPTH`` ancestors (within the PATH) that holds event files itself.
    PyTorch writes ``<logdir>/<main_tag>_<key>/``, older tensorboardX
    ``<logdir>/<main_tag>/<key>/``, each beside the writer's own file in ``<logdir>``: one
    training, not one run per key (FORMATS.md §2.1)."""
    folder = event_dir
    for _ in range(ADD_SCALARS_DEPTH):
        if folder == root or root not in folder.parents:
            return None
        folder = folder.parent
        if folder in event_dirs:
            return folder
    return None


def _own_split(folder: Path) -> str | None:
    """The split hint of an event folder given as the PATH itself: its name when that is a
    split word (Keras' ``validation/``), as when its parent is given (``_context_for``)."""
    return folder.name if folder.name.lower() in SPLIT_WORDS else None


def relative_id(owner: Path, root: Path) -> str:
    """A run's id: its folder relative to the PATH given (the PATH's own name when it is the
    run)."""
    if owner == root:
        return printable(root.resolve().name or str(root))
    try:
        return printable(owner.relative_to(root).as_posix())
    except ValueError:
        return printable(owner.as_posix())


def _event_order(log_file: LogFile) -> tuple[int, list]:
    """Write order: the time in the name, then the name with its numbers compared as numbers
    (TensorBoard's writers count their files: ``...host.4242.9`` before ``...host.4242.10``)."""
    match = _EVENT_TIME.search(log_file.path.name)
    natural = [int(part) if part.isdigit() else part
               for part in re.split(r"(\d+)", str(log_file.path))]
    return (int(match.group(1)) if match else 0, natural)


def discover_path(root: Path, input_format: str | None = None,
                  known: dict | None = None) -> Discovery:
    """Find the runs under one PATH (a file, a run dir, or a tree of runs). ``known`` keeps
    each walked file's classification between calls (``watch``): a file is sniffed again
    only when its size or modification time changed."""
    found = Discovery()
    if not os.path.lexists(root):
        raise UsageError(f"no such file or directory: {root}")
    kind = safeio.special_kind(root)
    if kind is not None:  # a FIFO or a device given as the PATH: never opened
        found.problems.append(Problem(root, f"{kind}, not a log file"))
        return found
    if root.is_file():
        return _discover_file(root, input_format, found)
    if not root.is_dir():
        raise UsageError(f"not a file or directory: {root}")
    files: list[LogFile] = []
    stores: list[LogFile] = []
    for path in _walk(root, found.problems):
        reader = _classify_known(path, input_format, found.problems, known)
        if reader is not None:
            (stores if reader.layout in (MLFLOW_RUN, STORE) else files).append(
                LogFile(path, reader))
    sources = _sources(files, root, found.problems)
    sources = _merged_event_sources(_hf_event_dirs_folded(_wandb_console_folded(sources), root))
    found.runs.extend(_run_specs(sources, root))
    found.runs.extend(_store_specs(stores, root))
    return found


def _discover_file(root: Path, input_format: str | None, found: Discovery) -> Discovery:
    """A log file given as the PATH: one run, named after its folder (a run is a directory)."""
    reader = _classify(root, input_format, found.problems, explicit=True)
    if reader is None and not found.problems:
        tried = ", ".join(registry.reader_names())
        found.problems.append(Problem(root, f"not a training log curvecli knows (tried {tried})"))
    if reader is not None and reader.layout in (MLFLOW_RUN, STORE):
        found.runs.extend(_store_specs([LogFile(root, reader)], root, keep_deleted=True))
    elif reader is not None:
        log_file = LogFile(root, reader)
        if reader.layout == EVENTS:
            log_file.context = _own_split(root.parent)  # an event file of Keras' validation/
        source = Source(reader, [log_file], root.parent, root.stem)
        name = root.resolve().parent.name or root.stem
        found.runs.append(RunSpec(printable(name), [source], path=root))
    return found


def _store_prefix(folder: Path, root: Path) -> str:
    """What leads the ids of a store's runs: the store's folder relative to the PATH (the
    PATH's own name when the store is at its top, as for every run), or nothing when the
    PATH is a file of the store or a folder inside an MLflow file store."""
    if root.is_file() or (root != folder and folder in root.parents):
        return ""
    return relative_id(folder, root)


def _store_specs(files: list[LogFile], root: Path, keep_deleted: bool = False) -> list[RunSpec]:
    """Run specs of tracking stores. A store file (``mlflow.db``, ``<project>.db``) is one
    spec whose id is only the store's prefix (``_store_prefix``): its reader gives each run
    its ``<experiment>/<run>`` id. An MLflow file-store run is one spec named here from its
    ``meta.yaml``: deleted runs are left out (unless the PATH is that run's meta.yaml), and
    runs of one store that share a name are told apart by ``mlflow.unique_labels``."""
    specs = []
    by_store: dict[Path, list[tuple[LogFile, mlflow.RunIdentity]]] = {}
    for log_file in files:
        reader, path = log_file.reader, log_file.path
        if reader.layout == STORE:
            source = Source(reader, [log_file], path.parent, path.stem)
            specs.append(RunSpec(_store_prefix(path.parent, root), [source], path=path))
            continue
        identity = reader.identity(path)
        if keep_deleted or not identity.deleted:
            by_store.setdefault(path.parent.parent.parent, []).append((log_file, identity))
    for store, runs in sorted(by_store.items(), key=lambda item: str(item[0])):
        prefix = _store_prefix(store, root)
        labels = mlflow.unique_labels([identity for _, identity in runs])
        for (log_file, _), label in sorted(zip(runs, labels), key=lambda item: item[1]):
            run_dir = log_file.path.parent
            source = Source(log_file.reader, [log_file], run_dir, label)
            specs.append(RunSpec(f"{prefix}/{label}" if prefix else label, [source],
                                 path=run_dir))
    return specs


def _sources(files: list[LogFile], root: Path, problems: list[Problem]) -> list[Source]:
    """Group files into sources, keyed by the directory that owns the run: one source per
    directory for per-directory formats (event files, TensorBoard downloads; every metric file
    of a DVCLive folder, ``dvclive.run_dir``), the newest
    trainer_state.json of an HF output dir, and one source per file otherwise."""
    per_dir: dict[tuple[Path, str], Source] = {}
    trainer_states: dict[Path, list[LogFile]] = {}
    single: list[Source] = []
    subdirs: dict[Path, set[str]] = {}
    for log_file in files:
        parent = log_file.path.parent
        subdirs.setdefault(parent.parent, set()).add(parent.name)
    event_dirs = {f.path.parent for f in files if f.reader.layout == EVENTS}
    for log_file in files:
        reader, parent = log_file.reader, log_file.path.parent
        if reader.per_directory:
            owner = dvclive.run_dir(log_file.path) if reader.layout == dvclive.LAYOUT else parent
            writer = _main_writer_dir(parent, event_dirs, root) \
                if reader.layout == EVENTS else None
            if writer is not None:
                owner, log_file.subrun = writer, parent.relative_to(writer).as_posix()
            elif reader.layout == EVENTS and parent != root:
                owner, log_file.context = _context_for(parent, subdirs.get(parent.parent, set()))
            elif reader.layout == EVENTS:
                log_file.context = _own_split(parent)  # Keras' validation/ given as the PATH
            per_dir.setdefault((owner, reader.name), Source(reader, [], owner, reader.name))
            per_dir[(owner, reader.name)].files.append(log_file)
        elif reader.layout == OUTPUT_DIR and log_file.path.name == "trainer_state.json":
            checkpoint = CHECKPOINT_DIR.match(parent.name) and parent != root
            trainer_states.setdefault(parent.parent if checkpoint else parent, []).append(log_file)
        else:
            single.append(Source(reader, [log_file], parent, log_file.path.stem))
    sources = [_pick_trainer_state(owner, candidates, problems)
               for owner, candidates in trainer_states.items()]
    for source in per_dir.values():
        if source.reader.layout == DOWNLOADS:
            kept = _drop_export_twins(source.files)
            problems.extend(
                Problem(f.path, "the same TensorBoard download as its .csv twin; read once",
                        unreadable=False)
                for f in source.files if f not in kept)
            source.files = kept
        source.files.sort(key=_event_order if source.reader.layout == EVENTS
                          else lambda f: str(f.path))
        sources.append(source)
    return sources + _split_files_joined(_catboost_tables(single, event_dirs, problems))


def _catboost_tables(single: list[Source], event_dirs: set[Path],
                     problems: list[Problem]) -> list[Source]:
    """CatBoost's ``learn_error.tsv`` and ``test_error.tsv`` (``CATBOOST_TABLES``): beside its
    event files under ``learn/`` or ``test/`` of the same folder they are those curves again
    (left out, with a note); alone each table's split is its context, and
    ``_split_files_joined`` makes the two one training's (without it a catboost_info/ folder
    gave three runs, ``learn_error``, ``test_error`` and its event files)."""
    kept: list[Source] = []
    for source in single:
        path = source.files[0].path
        split = _catboost_split(path) if len(source.files) == 1 else None
        if split is not None and any(path.parent / twin in event_dirs
                                     for twin in CATBOOST_TABLES.values()):
            problems.append(Problem(path, "the same curve as CatBoost's event files beside it; "
                                    "read once", unreadable=False))
            continue
        if split is not None:
            source.files[0].context = split
        kept.append(source)
    return kept


def _catboost_split(path: Path) -> str | None:
    """The split a CatBoost table holds (``CATBOOST_TABLES``), else None."""
    return CATBOOST_TABLES.get(path.stem) if path.suffix.lower() == ".tsv" else None


def _named_split(path: Path) -> str | None:
    """The split a file's name says it holds: its whole stem (``valid.log``), or a CatBoost
    table's (``learn_error.tsv``); else None."""
    return path.stem if path.stem.lower() in SPLIT_WORDS else _catboost_split(path)


def _split_files_joined(single: list[Source]) -> list[Source]:
    """Files of one folder and reader named by their split (``train.log`` + ``valid.log``,
    ``train.csv`` + ``val.csv`` + ``test.csv``, CatBoost's ``learn_error.tsv`` +
    ``test_error.tsv``, ``_named_split``) are one training's: one source, each file's name its
    split hint, as Keras' ``train/`` + ``validation/`` folders are one run."""
    groups: dict[tuple[Path, str], list[Source]] = {}
    for source in single:
        if len(source.files) == 1 and _named_split(source.files[0].path) is not None:
            groups.setdefault((source.owner, source.reader.name), []).append(source)
    joined = {id(source) for group in groups.values() if len(group) > 1 for source in group}
    kept = [source for source in single if id(source) not in joined]
    for (owner, _), group in groups.items():
        if len(group) < 2:
            continue
        files = sorted((source.files[0] for source in group), key=lambda f: str(f.path))
        for log_file in files:
            log_file.context = log_file.context or _named_split(log_file.path)
        kept.append(Source(group[0].reader, files, owner, group[0].reader.name))
    return kept


def _wandb_console_folded(sources: list[Source]) -> list[Source]:
    """W&B captures a run's stdout as ``<run dir>/files/output.log`` (``<run dir>/output.log``
    in 2019's layout): beside the run's own record (its ``.wandb`` file or
    ``wandb-history.jsonl``) it is the same run printed, one more candidate source of that run
    (``_run_specs``), not a run of its own; alone (a ``.wandb`` committed empty) it is the
    run, named by its run dir."""
    recorded = {source.owner for source in sources if source.name.startswith("wandb")}
    for source in sources:
        path = source.files[0].path if len(source.files) == 1 else None
        if path is None or path.name != WANDB_CONSOLE or source.name.startswith("wandb"):
            continue
        run_dir = path.parent.parent if path.parent.name == "files" else path.parent
        if run_dir in recorded or WANDB_RUN_DIR.match(run_dir.name):
            source.owner, source.console = run_dir, True
    return sources


def _hf_event_dirs_folded(sources: list[Source], root: Path) -> list[Source]:
    """HF writes TensorBoard events to ``<output_dir>/runs/<date>/``: they belong to the
    output dir's run when that dir holds a trainer_state.json."""
    owners_with_state = {source.owner for source in sources
                         if source.reader.layout == OUTPUT_DIR}
    for source in sources:
        if (source.reader.layout == EVENTS and source.owner.parent.name == "runs"
                and source.owner.parent.parent in owners_with_state and source.owner != root):
            source.owner = source.owner.parent.parent
    return sources


def _merged_event_sources(sources: list[Source]) -> list[Source]:
    """Event-file sources with one owner are one source (files in write order)."""
    merged: dict[Path, Source] = {}
    for source in sources:
        if source.reader.layout != EVENTS:
            continue
        if source.owner in merged:
            merged[source.owner].files.extend(source.files)
            merged[source.owner].files.sort(key=_event_order)
        else:
            merged[source.owner] = source
    return [s for s in sources if s.reader.layout != EVENTS] + list(merged.values())


def _run_specs(sources: list[Source], root: Path) -> list[RunSpec]:
    """One run per owner directory; an owner with sources that are not one run logged twice
    gives one run per source (``<dir>/<label>``). A W&B console (``_wandb_console_folded``) is
    one more candidate of its run's sources, or the run when it is alone."""
    by_owner: dict[Path, list[Source]] = {}
    for source in sources:
        by_owner.setdefault(source.owner, []).append(source)
    specs = []
    for owner in sorted(by_owner, key=lambda p: str(p)):
        consoles = [source for source in by_owner[owner] if source.console]
        group = [source for source in by_owner[owner] if not source.console] or consoles
        consoles = [source for source in consoles if source not in group]
        run_id = relative_id(owner, root)
        if len(group) == 1 or _is_twin(group):
            specs.append(RunSpec(run_id, group + consoles, _owner_meta(owner), owner))
        else:
            specs.extend(RunSpec(f"{run_id}/{printable(source.label)}", [source],
                                 _owner_meta(owner), owner) for source in group + consoles)
    return specs


def _drop_export_twins(files: list[LogFile]) -> list[LogFile]:
    """A TensorBoard UI download saved as both ``x.csv`` and ``x.json`` is one series: keep
    the CSV."""
    csv_stems = {f.path.with_suffix("") for f in files if f.path.suffix.lower() == ".csv"}
    return [f for f in files
            if not (f.path.suffix.lower() == ".json" and f.path.with_suffix("") in csv_stems)]


def _is_twin(group: list[Source]) -> bool:
    """True when the sources are one run written by two loggers."""
    names = [source.name for source in group]
    if len(set(names)) != len(names) or len(group) != 2:
        return False
    first, second = (source.reader for source in group)
    if EVENTS in (first.layout, second.layout):
        other = second if first.layout == EVENTS else first
        return EVENTS in other.twin_group
    return "wandb" in first.twin_group & second.twin_group


def _pick_trainer_state(owner: Path, candidates: list[LogFile],
                        problems: list[Problem]) -> Source:
    """The trainer_state.json with the largest global_step; the top one on a tie.

    Empty files and Git LFS pointers come last (the one picked says what is wrong with it);
    those passed over are reported.
    """
    placeholders: dict[Path, str] = {}

    def rank(log_file: LogFile) -> tuple[int, int, int]:
        try:
            head = read_head(log_file.path, 2048)
        except OSError:
            head = b""
        if not head or is_lfs_pointer(head):
            placeholders[log_file.path] = ("empty file (0 bytes)" if not head else
                                           LFS_POINTER_MESSAGE)
        step = global_step_hint(head)
        if step is None:
            match = re.search(r"checkpoint-(\d+)", log_file.path.parent.name)
            step = int(match.group(1)) if match else -1
        readable = 0 if log_file.path in placeholders else 1
        return readable, step, 1 if log_file.path.parent == owner else 0

    best = max(candidates, key=rank)
    problems.extend(Problem(path, message, unreadable=False)
                    for path, message in placeholders.items() if path != best.path)
    return Source(best.reader, [best], owner, best.reader.name)


def _owner_meta(owner: Path) -> dict:
    """What the run dir says about the run beyond its logs: saved checkpoints."""
    def is_checkpoint(entry: os.DirEntry) -> bool:
        try:
            return bool(CHECKPOINT_DIR.match(entry.name)) and entry.is_dir()
        except OSError:  # a symlink loop or a dir that vanished
            return False

    try:
        with os.scandir(owner) as entries:
            names = [entry.name for entry in entries if is_checkpoint(entry)]
    except OSError:
        names = []
    checkpoints = sorted(
        names, key=lambda name: int(name.rsplit("-", 1)[1]) if name[-1].isdigit() else 1 << 62)
    return {"checkpoints": checkpoints} if checkpoints else {}


def _is_store_file(spec: RunSpec) -> bool:
    return any(source.reader.layout == STORE for source in spec.sources)


def _make_ids_unique(specs: list[RunSpec]) -> None:
    """Runs that share an id (``a/version_0`` and ``b/version_0`` given as two PATHs) are
    named by their paths relative to the folder the colliding paths have in common; the
    same path given twice is numbered (``run#2``). Tracking-store files (a folder of
    trackio project databases) share their folder's id on purpose: their runs' own ids
    (``<project>/<run>``) follow it and tell them apart."""
    by_id: dict[str, list[RunSpec]] = {}
    for spec in specs:
        if not _is_store_file(spec):
            by_id.setdefault(spec.run, []).append(spec)
    for same in by_id.values():
        paths = [spec.path.resolve() for spec in same if spec.path is not None]
        if len(same) < 2 or len(paths) < len(same):
            continue
        common = Path(os.path.commonpath(paths))
        for spec, path in zip(same, paths):
            if path != common:
                spec.run = printable(path.relative_to(common).as_posix())
    seen: dict[str, int] = {}
    for spec in specs:
        if _is_store_file(spec):
            continue
        seen[spec.run] = seen.get(spec.run, 0) + 1
        if seen[spec.run] > 1:
            spec.run = f"{spec.run}#{seen[spec.run]}"


def discover(paths: list[Path], input_format: str | None = None,
             known: dict | None = None) -> Discovery:
    """Find runs under every PATH; raise NoLogsError when nothing at all is found."""
    found = Discovery()
    for path in paths:
        part = discover_path(Path(path), input_format, known)
        if len(paths) > 1 and Path(path).is_dir():
            # Several PATHs: prefix each run with its PATH's name so ids stay unique.
            prefix = printable(Path(path).resolve().name)
            for spec in part.runs:
                if not spec.run:  # a store at the PATH's top: its reader names the runs
                    spec.run = prefix
                elif spec.run != prefix and not spec.run.startswith(prefix + "/"):
                    spec.run = f"{prefix}/{spec.run}"
        found.runs.extend(part.runs)
        found.problems.extend(part.problems)
    _make_ids_unique(found.runs)
    if not found.runs:
        if found.problems:
            first = found.problems[0]
            raise NoLogsError(first.message, first.path)
        looked_for = ("trainer_state.json, events.out.tfevents.*, metrics.csv, CSV logs, "
                      "W&B exports, run-*.wandb files, MLflow stores and trackio databases")
        raise NoLogsError(
            f"no training logs found (looked for {looked_for})", ", ".join(map(str, paths))
        )
    return found
