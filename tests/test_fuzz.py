"""Fuzzing every reader and every command with broken logs.

Three attacks, all checked by ``attack.invoke`` (exit code 0, 1 or 2; no traceback; no Python
warning; exit 2 with one ``error:`` line; strict JSON):

- truncation: real event files cut at every byte offset of their last records give exactly
  the points of their complete records, with one warning when a record was cut;
- mutation: real files of every format with flipped, replaced, inserted and deleted bytes,
  cut tails, duplicated slices and junk tokens go through their reader and the commands;
- hypothesis: arbitrary bytes for every reader's sniff and read, random trainer_state
  documents, W&B histories, CSVs, value sequences and event files;
- hostile files: FIFOs, sockets, links to /dev/zero and /dev/urandom, folders and big sparse
  files of zeros under every log name, through every reader and a rotation of commands
  (``test_hostile.py`` runs every command on a tree of them under a memory limit).

``CURVECLI_FUZZ_SCALE`` (default 1) multiplies the mutation count; ``-m slow`` runs a long
mutation pass. The number of cases run is printed at the end of the session.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attack import (
    CASES,
    HOSTILE_KINDS,
    ROTATION,
    exported,
    make_hostile,
    record_spans,
    run,
    same_values,
    scalar_count,
)
from conftest import DATA
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from writers import write_csv, write_scalars

from curvecli import frame as frames
from curvecli.errors import CurveError
from curvecli.readers import by_name, choose, readers
from curvecli.readers import trainer_state as trainer_state_module
from curvecli.readers.base import read_head

SCALE = float(os.environ.get("CURVECLI_FUZZ_SCALE", "1"))
# No shrinking: a failing example is printed as found (shrinking a command run takes minutes).
HYPOTHESIS = settings(deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=[HealthCheck.too_slow,
                                             HealthCheck.function_scoped_fixture,
                                             HealthCheck.data_too_large])


def examples(count: int) -> settings:
    return settings(HYPOTHESIS, max_examples=max(1, int(count * SCALE)))


TB = DATA / "tensorboard"
# (reader name, real file) for the mutation fuzz: one or more per format.
REAL_FILES = [
    ("trainer_state", DATA / "trainer_state/hf-distilbert-lora-imdb-tashu014/trainer_state.json"),
    ("trainer_state", DATA / "trainer_state/hf-grpo-single-entry-ray-cheng-11/trainer_state.json"),
    ("tensorboard", TB / "tb-lightning-mnist-cnn-hcdescamps/mnist_cnn/version_0/"
                         "events.out.tfevents.1785441771.squirrels-iMac.local.1798.3"),
    ("tensorboard", TB / "tb-keras-imdb-thecodeheadmt/imdb-model-1690485351/validation/"
                         "events.out.tfevents.1690485359.e-bnbobg-5l77j-0.80091.1.v2"),
    ("lightning", DATA / "csv/lightning-mnist-cnn-hcdescamps/lightning_logs/version_0/metrics.csv"),
    ("keras", DATA / "csv/keras-emotion-resnet50-aditya24jar/training.log"),
    ("yolo", DATA / "csv/csv-yolov8-results-fire-smoke-abonia1/train/results.csv"),
    ("tensorboard_export", DATA / "csv/tbcsv-wrn-age-gender-brunogomes97/run-.-tag-loss.csv"),
    ("csv", DATA / "labelled/seed/overfit.csv"),
    ("wandb_history", DATA / "wandb/wandb-history-jsonl-spaceinvaders-mfts/wandb-history.jsonl"),
    ("wandb_panel", DATA / "wandb/wandb-chart-export-nanogpt-druidowm/wandb_export.csv"),
    ("wandb_runs", DATA / "wandb/wandb-runs-table-text-aug-kingb12/wandb_export.csv"),
    ("wandb_binary", DATA / "wandb/wandb-binary-run-nanogpt-druidowm/run-jnyhr7aj.wandb"),
    ("text", DATA / "labelled/seed/llms-from-scratch-ch6.log"),
]
# Per file in the default run (about 10 s); the slow variant below does 1,000 per file.
# The default counts keep the whole suite under its 3-minute budget on 2 cores;
# CURVECLI_FUZZ_SCALE=10 runs ten times as many.
MUTATIONS_PER_FILE = int(8 * SCALE)
TOKENS = [b"NaN", b"Infinity", b"-Infinity", b"nan", b"inf", b"1e999", b"-1e308", b"NA", b"",
          b"null", b"true", b"\"", b",", b";", b"\t", b"\n", b"\r\n", b"\r", b"{", b"}", b"[",
          b"]", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", b"\x00", b"9" * 30, b"-", b"1,234.5",
          b"12%", b"0.5s", b"\"log_history\": ", b"_step", b"step", b"epoch", b"\\u0000"]


@pytest.fixture(autouse=True)
def no_retry_delay(monkeypatch):
    """trainer_state.json is re-read after 0.2 s when half-written; not worth waiting here."""
    monkeypatch.setattr(trainer_state_module, "_RETRY_DELAY_S", 0.0)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """1-3 random mutations; positions favour the start and the end, where headers live."""
    buffer = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3))):
        size = len(buffer)
        if size == 0:
            buffer += rng.choice(TOKENS)
            continue
        pos = rng.choice((rng.randrange(size), rng.randrange(min(size, 64)),
                          size - 1 - rng.randrange(min(size, 64))))
        kind = rng.randrange(7)
        if kind == 0:  # flip bits
            for _ in range(rng.randint(1, 8)):
                buffer[rng.randrange(size)] ^= rng.randint(1, 255)
        elif kind == 1:  # a token in place of some bytes
            token = rng.choice(TOKENS)
            buffer[pos:pos + rng.randint(0, 4)] = token
        elif kind == 2:  # random bytes inserted
            buffer[pos:pos] = rng.randbytes(rng.randint(1, 16))
        elif kind == 3:  # a slice deleted
            del buffer[pos:pos + rng.randint(1, 64)]
        elif kind == 4:  # cut short
            del buffer[pos:]
        elif kind == 5:  # a slice duplicated
            end = min(size, pos + rng.randint(1, 200))
            buffer[end:end] = buffer[pos:end]
        else:  # a whole line replaced by junk
            start = buffer.rfind(b"\n", 0, pos) + 1
            end = buffer.find(b"\n", pos)
            buffer[start:end if end >= 0 else size] = rng.choice(TOKENS) * rng.randint(1, 3)
    return bytes(buffer)


def read_checked(reader_name: str, path: Path) -> frames.Points | None:
    """Read with one reader: it returns well-formed points or raises a CurveError only."""
    try:
        points = by_name(reader_name).read(path)
    except CurveError:
        return None
    table = points.table
    assert {"tag", "step", "epoch", "wall_time", "value"} <= set(table.columns)
    assert str(table["step"].dtype) == "int64" and str(table["value"].dtype) == "float64"
    frames.validate(frames.build_frame(table, "run", "csv"))
    return points


def sniff_everything(path: Path) -> None:
    head = read_head(path)
    choose(head, path)  # never raises: every sniff is guarded
    for reader in readers():
        assert reader.sniff(head, path) in (True, False)


# --------------------------------------------------------------------------- truncation

TRUNCATED_FILES = [REAL_FILES[2][1], REAL_FILES[3][1]]
LAST_RECORDS = 6
CLI_STRIDE = 9  # export through the CLI at every 9th offset and at every record boundary


@pytest.mark.parametrize("source", TRUNCATED_FILES, ids=["pytorch-simple-value", "keras-tensor"])
def test_event_file_cut_at_every_offset_gives_exactly_its_complete_records(
        tmp_path: Path, source: Path) -> None:
    data = source.read_bytes()
    spans = record_spans(data)
    assert spans[-1][1] == len(data)
    counts = [scalar_count(data[start + 12:end - 4]) for start, end in spans]
    reader = by_name("tensorboard")
    full = reader.read(source).table
    assert len(full) == sum(counts) > 0  # the reference agrees with the reader on the whole file
    first = spans[-LAST_RECORDS][0]
    ends = {end for _, end in spans}
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    path = run_dir / source.name
    for cut in range(first, len(data) + 1):
        path.write_bytes(data[:cut])
        complete = sum(count for (start, end), count in zip(spans, counts) if end <= cut)
        points = reader.read(path)
        got = points.table
        assert len(got) == complete, cut
        assert got["tag"].astype(str).tolist() == full["tag"].astype(str).tolist()[:complete]
        assert got["step"].tolist() == full["step"].tolist()[:complete]
        assert same_values(got["value"], full["value"][:complete])
        truncation = [w for w in points.warnings if "truncated" in w]
        assert len(truncation) == (0 if cut in ends else 1), (cut, points.warnings)
        CASES["truncated event file"] += 1
        if cut % CLI_STRIDE == 0 or cut in ends or cut - 1 in ends:
            result = run("export", run_dir, tmp_path / "out")
            assert result.exit_code == 0
            frame = exported(result)
            assert frame["step"].tolist() == full["step"].tolist()[:complete]
            assert same_values(frame["value"], full["value"][:complete])
            assert result.stderr.count("truncated") == (0 if cut in ends else 1), result.stderr


# --------------------------------------------------------------------------- mutation


def _mutation_cases(seed: int, per_file: int):
    rng = random.Random(seed)
    for index, (reader_name, source) in enumerate(REAL_FILES):
        data = source.read_bytes()
        for case in range(per_file):
            yield reader_name, source, mutate(data, rng), ROTATION[(index + case) % len(ROTATION)]


def _attack_with_mutations(tmp_path: Path, seed: int, per_file: int) -> None:
    run_dir = tmp_path / "run"
    for number, (reader_name, source, data, other) in enumerate(_mutation_cases(seed, per_file)):
        if run_dir.exists():
            shutil.rmtree(run_dir)
        run_dir.mkdir()
        path = run_dir / source.name
        path.write_bytes(data)
        sniff_everything(path)
        read_checked(reader_name, path)
        export = run("export", run_dir, tmp_path / "out")
        run(other, run_dir, tmp_path / "out")
        if number % 97 == 0:  # PNG plotting is slow: a sample
            run("plot", run_dir, tmp_path / "out")
        if export.exit_code == 0:
            assert set(exported(export).columns) == set(frames.COLUMNS)
        CASES[f"mutated {reader_name}"] += 1


def test_mutated_real_files_of_every_format(tmp_path: Path) -> None:
    _attack_with_mutations(tmp_path, seed=6, per_file=MUTATIONS_PER_FILE)


@pytest.mark.slow
def test_mutated_real_files_of_every_format_long(tmp_path: Path) -> None:
    _attack_with_mutations(tmp_path, seed=1066, per_file=1000)


def test_the_real_binary_on_broken_files(tmp_path: Path) -> None:
    """A sample through the installed entry point: no traceback even outside CliRunner."""
    rng = random.Random(3)
    for reader_name, source in REAL_FILES[::2]:
        run_dir = tmp_path / reader_name
        run_dir.mkdir()
        (run_dir / source.name).write_bytes(mutate(source.read_bytes(), rng))
    done = subprocess.run([sys.executable, "-m", "curvecli", "export", *sorted(tmp_path.iterdir())],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr and "Warning:" not in done.stderr, done.stderr
    if done.returncode == 2:
        assert done.stderr.count("error: ") == 1
    CASES["real binary"] += len(REAL_FILES[::2])


# --------------------------------------------------------------------------- hypothesis

NAMES = ["trainer_state.json", "metrics.csv", "training.log", "results.csv", "history.jsonl",
         "wandb_export.csv", "run-x.wandb", "events.out.tfevents.1.host", "log.txt", "x.json",
         "data.tsv", "run-.-tag-loss.csv", "noname"]
PREFIXES = [b"", b'{"log_history": [', b"epoch,loss,val_loss\n", b"step,epoch,train_loss\n",
            b":W&B\xe1\xbe\x00", b"Wall time,Step,Value\n", b'{"_step": 0, "_runtime": 1, ',
            b"Ep 1 (Step 000050): Train loss 0.6, Val loss 0.6\n", b"[[1.0, 2, 3.0], ",
            b"\xef\xbb\xbf", b"version https://git-lfs.github.com/spec/v1\n"]


@examples(200)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600),
       name=st.sampled_from(NAMES))
def test_every_reader_on_arbitrary_bytes(tmp_path: Path, prefix: bytes, body: bytes,
                                         name: str) -> None:
    path = tmp_path / name
    path.write_bytes(prefix + body)
    sniff_everything(path)
    for reader in readers():
        read_checked(reader.name, path)
    CASES["hypothesis bytes"] += 1


JSON_SCALARS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-(2**70), 2**70),
    st.sampled_from([10**400, -(10**400), "NaN", "Infinity", "-Infinity", "0.5", True, None]),
    st.text(max_size=5))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                           max_leaves=5)
HISTORY_KEYS = ["loss", "eval_loss", "step", "epoch", "learning_rate", "grad_norm",
                "eval_accuracy", "train_runtime", "predict_loss", "", "total_flos",
                "num_input_tokens_seen", "test_f1"]


def _entry(values):
    return st.dictionaries(st.sampled_from(HISTORY_KEYS), values, max_size=6)


TRAINER_STATES = st.fixed_dictionaries(
    {"log_history": st.one_of(
        st.lists(_entry(st.one_of(st.floats(0, 10), st.integers(0, 500))), max_size=30),
        st.lists(st.one_of(_entry(JSON_VALUES), JSON_SCALARS), max_size=12),
        JSON_VALUES)},
    optional={key: JSON_VALUES for key in ("global_step", "best_model_checkpoint",
                                           "best_metric", "epoch", "train_batch_size",
                                           "num_input_tokens_seen", "stateful_callbacks")}
    | {"stateful_callbacks": st.fixed_dictionaries({"EarlyStoppingCallback": st.fixed_dictionaries(
        {"args": st.dictionaries(st.sampled_from(["early_stopping_patience",
                                                  "early_stopping_threshold"]), JSON_VALUES)})})})


@examples(60)
@given(state=TRAINER_STATES, command=st.sampled_from(ROTATION))
def test_random_trainer_states_through_the_commands(tmp_path: Path, state: dict,
                                                    command: str) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir(exist_ok=True)
    (run_dir / "trainer_state.json").write_text(json.dumps(state, allow_nan=True))
    read_checked("trainer_state", run_dir / "trainer_state.json")
    run("export", run_dir, tmp_path / "out")
    run(command, run_dir, tmp_path / "out")
    CASES["hypothesis trainer_state"] += 1


HISTORY_ROWS = st.lists(st.dictionaries(
    st.sampled_from(["_step", "_runtime", "_timestamp", "loss", "val/loss", "train/global_step",
                     "epoch", "acc", "media"]), JSON_VALUES, max_size=6), max_size=15)


@examples(40)
@given(rows=HISTORY_ROWS, as_list=st.booleans())
def test_random_wandb_histories(tmp_path: Path, rows: list, as_list: bool) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir(exist_ok=True)
    rows = [{"_step": 0, "_runtime": 1.0, "loss": 1.0}, *rows]
    text = (json.dumps(rows, allow_nan=True) if as_list
            else "\n".join(json.dumps(row, allow_nan=True) for row in rows))
    (run_dir / "history.jsonl").write_text(text)
    read_checked("wandb_history", run_dir / "history.jsonl")
    run("export", run_dir, tmp_path / "out")
    run("diagnose", run_dir, tmp_path / "out")
    CASES["hypothesis wandb history"] += 1


CELLS = st.one_of(
    st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "NA", "", "N/A",
                     "null", "1,234.5", "12%", "0.5s", "1e999", "-0", "junk", '"q"', "1_000",
                     " 7 ", "0x10", "9" * 25]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(2**64), 2**64).map(str))
COLUMN_NAMES = ["epoch", "step", "loss", "val_loss", "train_loss_step", "lr", "Step", "Value",
                "Wall time", "tag", "value", "metrics/mAP50", "train/box_loss", "", "_step",
                "_runtime", "Name", "State", "run - loss", "run - loss__MIN", "précision"]


@examples(50)
@given(header=st.lists(st.sampled_from(COLUMN_NAMES), min_size=1, max_size=6),
       rows=st.lists(st.lists(CELLS, max_size=7), max_size=12),
       separator=st.sampled_from([",", ";", "\t"]), newline=st.sampled_from(["\n", "\r\n", "\r"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]),
       name=st.sampled_from(["metrics.csv", "training.log", "results.csv", "x.csv", "data.tsv"]),
       command=st.sampled_from(ROTATION))
def test_random_csvs_through_the_commands(tmp_path: Path, header: list, rows: list,
                                          separator: str, newline: str, encoding: str,
                                          name: str, command: str) -> None:
    run_dir = tmp_path / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir()
    text = newline.join(separator.join(row) for row in [header, *rows])
    (run_dir / name).write_bytes(text.encode(encoding, errors="replace"))
    sniff_everything(run_dir / name)
    for reader_name in ("lightning", "keras", "yolo", "csv_long", "csv", "tensorboard_export",
                        "wandb_panel", "wandb_runs", "wandb_history"):
        read_checked(reader_name, run_dir / name)
    run("export", run_dir, tmp_path / "out")
    run(command, run_dir, tmp_path / "out")
    CASES["hypothesis csv"] += 1


VALUES = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                   st.sampled_from([1e308, -1e308, 5e-324, 0.0, -0.0, math.nan, math.inf]))
STEPS = st.one_of(st.integers(-5, 50), st.integers(0, 2**53))  # CSV steps stop at 2**62


@examples(30)
@given(points=st.lists(st.tuples(STEPS, VALUES, VALUES), min_size=1, max_size=40),
       fmt=st.sampled_from(["trainer_state", "lightning", "tensorboard"]))
def test_random_value_sequences_through_every_command(tmp_path: Path, points: list,
                                                      fmt: str) -> None:
    run_dir = tmp_path / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    if fmt == "trainer_state":
        history = [entry for step, train, val in points
                   for entry in ({"loss": train, "step": step}, {"eval_loss": val, "step": step})]
        run_dir.mkdir()
        (run_dir / "trainer_state.json").write_text(json.dumps({"log_history": history}))
    elif fmt == "lightning":
        write_csv(run_dir / "metrics.csv", ["epoch", "step", "train_loss", "val_loss"],
                  [[0, step, repr(train), repr(val)] for step, train, val in points])
    else:
        write_scalars(run_dir, [(tag, step, value) for step, train, val in points
                                for tag, value in (("train/loss", train), ("val/loss", val))])
    CASES["hypothesis values"] += 1
    every = CASES["hypothesis values"] % 15 == 1  # PNG plotting is slow: a sample
    for name in ("ls", "export", "export-jsonl", "diagnose", "diagnose-table", "compare",
                 "plot-terminal") + (("plot",) if every else ()):
        result = run(name, run_dir, tmp_path / "out")
        assert result.exit_code in ((0, 1) if name != "plot" else (0, 1, 2)), result.stderr
    frame = exported(run("export", run_dir, tmp_path / "out"))
    assert len(frame) == 2 * len(points)


@examples(30)
@given(points=st.lists(st.tuples(st.sampled_from(["loss", "val/loss", "a/b/c", "ü", " "]),
                                 st.integers(-(2**63), 2**63 - 1),
                                 st.floats(width=32, allow_nan=True, allow_infinity=True)),
                       min_size=1, max_size=25),
       cut=st.floats(0.0, 1.0))
def test_random_event_files_cut_anywhere(tmp_path: Path, points: list, cut: float) -> None:
    run_dir = tmp_path / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    path = write_scalars(run_dir, points)
    data = path.read_bytes()
    spans = record_spans(data)
    offset = int(len(data) * cut)
    path.write_bytes(data[:offset])
    complete = sum(1 for start, end in spans[1:] if end <= offset)  # record 0: file_version
    table = by_name("tensorboard").read(path).table
    assert table["step"].tolist() == [step for _, step, _ in points][:complete]
    assert same_values(table["value"], [value for _, _, value in points][:complete])
    CASES["hypothesis event files"] += 1


# --------------------------------------------------------------------------- hostile files

SPARSE_ZEROS = 64 << 20  # a sparse file of zeros: no disk, and no reader may scan it


def _hostile(path: Path, kind: str) -> bool:
    if kind != "zeros":
        return make_hostile(path, kind)
    with open(path, "wb") as handle:
        handle.truncate(SPARSE_ZEROS)
    return True


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and devices are POSIX")
@pytest.mark.parametrize("kind", [*HOSTILE_KINDS, "zeros"])
def test_hostile_files_under_every_log_name(tmp_path: Path, kind: str) -> None:
    """Every reader refuses (or reads nothing from) what is not a log under a log's name, in
    well under a second; a rotation of commands on each exits 0, 1 or 2 without a traceback."""
    for number, name in enumerate(NAMES):
        run_dir = tmp_path / f"run{number}"
        run_dir.mkdir()
        if not _hostile(run_dir / name, kind):
            pytest.skip(f"cannot make a {kind} here")
        for reader in readers():
            start = time.monotonic()
            if reader.name != "mlflow":  # reads a run folder
                read_checked(reader.name, run_dir / name)
            assert time.monotonic() - start < 1, (kind, name, reader.name)
        if number % 4 == 0:
            run(ROTATION[number % len(ROTATION)], run_dir, tmp_path / "out")
        CASES[f"hostile {kind}"] += 1
