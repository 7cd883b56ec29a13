"""W&B readers: every numeric history value, panel cell and runs-table metric reaches the points."""

from __future__ import annotations

import csv
import json
import math
import shutil
import struct
import tempfile
import zlib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curvecli import load_runs
from curvecli.errors import CurveError, FormatError, MissingExtraError
from curvecli.frame import Points, build_frame, validate
from curvecli.readers import wandb as wandb_module
from curvecli.readers.base import read_head
from curvecli.readers.wandb import (
    RUNS_TABLE_WARNING,
    WandbBinaryReader,
    WandbHistoryReader,
    WandbPanelReader,
    WandbRunsTableReader,
)

FIXTURES = DATA / "wandb"
BINARY = FIXTURES / "wandb-binary-run-nanogpt-druidowm" / "run-jnyhr7aj.wandb"
GENERATED = FIXTURES / "wandb-offline-hfstyle-generated" / "run-hfstyle1.wandb"
JSONL = FIXTURES / "wandb-history-jsonl-spaceinvaders-mfts" / "wandb-history.jsonl"
PANEL_GPT = FIXTURES / "wandb-chart-export-nanogpt-druidowm" / "wandb_export.csv"
PANEL_SAC = FIXTURES / "wandb-chart-export-sac-rllib-aphoh" / "wandb_export.csv"
RUNS = FIXTURES / "wandb-runs-table-text-aug-kingb12" / "wandb_export.csv"

BINARY_READER = WandbBinaryReader()
HISTORY = WandbHistoryReader()
PANEL = WandbPanelReader()
RUNS_TABLE = WandbRunsTableReader()
WANDB_READERS = (BINARY_READER, HISTORY, PANEL, RUNS_TABLE)  # registry order
ROW_KEYS = {"_step", "_runtime", "_timestamp"}

try:
    from wandb.proto import wandb_internal_pb2 as pb
except Exception:  # the wandb extra is optional
    pb = None
needs_wandb = pytest.mark.skipif(pb is None, reason="wandb is not installed")


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def detect(path: Path) -> str | None:
    """The reader the registry picks; only the W&B readers while the registry is incomplete."""
    head = read_head(path)
    try:
        from curvecli.readers import choose

        reader = choose(head, path)
    except ImportError:
        reader = next(
            (r for r in WANDB_READERS if r.claims_name(path) or r.sniff(head, path)), None
        )
    return reader.name if reader is not None else None


# --- a LevelDB-log writer and walker, written from FORMATS §3.5 for these tests ---------------


def frame(payloads: list[bytes]) -> bytes:
    """A .wandb file holding ``payloads`` (split across 32 KiB blocks as LevelDB's writer does)."""
    out = bytearray(struct.pack("<4sHB", b":W&B", 0xBEE1, 0))
    for payload in payloads:
        rest, first = payload, True
        while True:
            left = 32768 - len(out) % 32768
            if left < 7:
                out += b"\0" * left
                continue
            chunk, rest = rest[: left - 7], rest[left - 7 :]
            last = not rest
            kind = 1 if first and last else 2 if first else 4 if last else 3
            checksum = zlib.crc32(chunk, zlib.crc32(bytes([kind])))
            out += struct.pack("<IHB", checksum, len(chunk), kind)
            out += chunk
            first = False
            if last:
                break
    return bytes(out)


def physical_records(data: bytes) -> list[tuple[int, int, int]]:
    """(start, end, type) of every physical record of an intact file."""
    found, pos = [], 7
    while pos < len(data):
        left = 32768 - pos % 32768
        if left < 7:
            pos += left
            continue
        _, length, kind = struct.unpack_from("<IHB", data, pos)
        found.append((pos, pos + 7 + length, kind))
        pos += 7 + length
    return found


def logical_records(data: bytes) -> list[tuple[int, bytes]]:
    """(end offset, payload) of every logical record of an intact file."""
    found, parts = [], []
    for start, end, kind in physical_records(data):
        parts.append(data[start + 7 : end])
        if kind in (1, 4):
            found.append((end, b"".join(parts)))
            parts = []
    return found


def history_record_ends(data: bytes) -> list[int]:
    ends = []
    for end, payload in logical_records(data):
        record = pb.Record()
        record.ParseFromString(payload)
        if record.WhichOneof("record_type") == "history":
            ends.append(end)
    return ends


# --- sniffing ------------------------------------------------------------------------------------

EXPECTED_READER = {
    "run-jnyhr7aj.wandb": "wandb_binary",
    "run-hfstyle1.wandb": "wandb_binary",
    "wandb-history.jsonl": "wandb_history",
}
NOT_LOGS = ("wandb-summary.json", "config.yaml")


def expected_reader(path: Path) -> str | None:
    if path.name in EXPECTED_READER:
        return EXPECTED_READER[path.name]
    if "chart-export" in str(path):
        return "wandb_panel"
    if "runs-table" in str(path):
        return "wandb_runs"
    return None


ALL_FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.name != "SOURCE.txt")


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_sniffing_picks_the_right_reader(path: Path) -> None:
    expected = expected_reader(path)
    if expected is None:
        assert path.name in NOT_LOGS
        head = read_head(path)
        assert not any(reader.sniff(head, path) for reader in WANDB_READERS)
    else:
        assert detect(path) == expected


def test_no_wandb_reader_claims_other_formats() -> None:
    for path in (DATA / "trainer_state").rglob("*.json"):
        assert not any(reader.sniff(read_head(path), path) for reader in WANDB_READERS), path


# --- the binary .wandb file ----------------------------------------------------------------------


def test_binary_real_run_history_matches_its_summary_file() -> None:
    points = BINARY_READER.read(BINARY)
    table = points.table
    summary = json.loads((BINARY.parent / "files" / "wandb-summary.json").read_text())
    # Independent of the history records: the summary file holds each metric's last value.
    rows = summary["_step"] + 1
    metrics = [key for key, value in summary.items() if key not in ROW_KEYS and is_number(value)]
    assert Counter(table["tag"]) == {metric: rows for metric in metrics}
    for metric in metrics:
        assert table[table["tag"] == metric]["value"].iloc[-1] == summary[metric]
    assert table["wall_time"].iloc[-1] == summary["_timestamp"]
    assert list(table["step"].unique()) == list(range(rows))
    first = table.iloc[:3]
    assert list(first["tag"]) == ["mfu", "iter", "train/loss"]
    assert list(first["value"]) == [-100.0, 0.0, 4.450099945068359]
    assert first["wall_time"].iloc[0] == 1.7287724171945908e09
    assert points.warnings == []
    assert points.meta["config"]["batch_size"] == 12
    assert points.meta["wandb_run"]["run_id"] == "jnyhr7aj"
    recorded = {k: v for k, v in points.meta["summary"].items() if k != "_wandb"}
    assert recorded == {k: v for k, v in summary.items() if k != "_wandb"}


def expected_binary_counts(payloads) -> Counter:
    """Independent count: numeric history items per key, decoded with wandb's own classes."""
    counts: Counter = Counter()
    for payload in payloads:
        record = pb.Record()
        record.ParseFromString(payload)
        if record.WhichOneof("record_type") != "history":
            continue
        row = {
            item.key or ".".join(item.nested_key): json.loads(item.value_json)
            for item in record.history.item
        }
        media = [key[: -len("_type")] for key in row if key.endswith("._type")]
        for key, value in row.items():
            if key in ROW_KEYS or key == "train/global_step" or key.startswith(tuple(media)):
                continue
            counts[key] += is_number(value) or value in ("NaN", "Infinity", "-Infinity")
    return +counts


@needs_wandb
@pytest.mark.parametrize("path", [BINARY, GENERATED], ids=lambda p: p.name)
def test_binary_counts_match_an_independent_decode(path: Path) -> None:
    payloads = [payload for _, payload in logical_records(path.read_bytes())]
    assert Counter(BINARY_READER.read(path).table["tag"]) == expected_binary_counts(payloads)


def test_binary_counts_match_wandb_datastore() -> None:
    # wandb's own reader of the file; an internal module that wandb >= 0.2x no longer ships.
    datastore = pytest.importorskip("wandb.sdk.internal.datastore")
    for path in (BINARY, GENERATED):
        store = datastore.DataStore()
        store.open_for_scan(str(path))
        payloads = []
        while (data := store.scan_data()) is not None:
            payloads.append(data)
        got = Counter(BINARY_READER.read(path).table["tag"])
        assert got == expected_binary_counts(payloads)


def test_binary_hf_style_run_uses_global_step() -> None:
    points = BINARY_READER.read(GENERATED)
    table = points.table
    counts = Counter(table["tag"])
    assert counts == {
        "train/loss": 40, "train/learning_rate": 40, "train/epoch": 40, "nested.a": 40,
        "nested.b.c": 40, "train/grad_norm": 39, "eval/loss": 4, "eval/accuracy": 4,
    }
    # The step is train/global_step (5, 10, ... 200), never W&B's _step log counter.
    loss = table[table["tag"] == "train/loss"]
    assert list(loss["step"]) == list(range(5, 205, 5))
    assert loss["epoch"].iloc[0] == 1 / 40
    assert math.isnan(loss["value"].iloc[30]) and loss["value"].iloc[31] == math.inf
    assert list(table[table["tag"] == "eval/loss"]["step"]) == [50, 100, 150, 200]
    assert list(table[table["tag"] == "eval/accuracy"]["value"]) == [0.59, 0.69, 0.79, 0.89]
    # media (image, histogram, a dict with _type) and their split parts are not points
    assert not any(tag.startswith(("samples/", "weights", "sample.")) for tag in counts)
    assert points.warnings == ["skipped non-numeric values in numeric series: train/grad_norm (1)"]
    assert points.meta["config"] == {"_wandb": {}, "learning_rate": 0.001, "model": {"layers": 2}}
    assert points.meta["summary"]["best"] == 0.5
    # The run summary is written separately from the history: it holds the last values.
    for tag in counts:
        summary_value = points.meta["summary"]
        for part in tag.split(".") if tag.startswith("nested") else [tag]:
            summary_value = summary_value[part]
        assert table[table["tag"] == tag]["value"].iloc[-1] == summary_value


@needs_wandb
@pytest.mark.parametrize("path", [BINARY, GENERATED], ids=lambda p: p.name)
def test_builtin_decoder_matches_protobuf(path: Path) -> None:
    with_protobuf = WandbBinaryReader("protobuf").read(path)
    builtin = WandbBinaryReader("builtin").read(path)
    pd.testing.assert_frame_equal(with_protobuf.table, builtin.table)
    assert with_protobuf.warnings == builtin.warnings
    assert with_protobuf.meta == builtin.meta


@needs_wandb
def test_typed_history_values_decode_the_same(tmp_path: Path) -> None:
    record = pb.Record()
    items = record.history.item
    for key, field, value in [
        ("_step", "integer", 7), ("int", "integer", -5), ("float", "number", 2.5),
        ("nan", "number", math.nan), ("text_nan", "text", "NaN"), ("word", "text", "hello"),
        ("flag", "boolean", True), ("obj", "json", '{"a": 1.5}'), ("list", "json", "[1, 2]"),
    ]:
        item = items.add()
        item.key = key
        setattr(item, field, value)
    items.add().key = "missing"
    nested = items.add()
    nested.nested_key.extend(["deep", "x"])
    nested.value_json = "3"
    record.history.step.num = 7
    path = tmp_path / "run-typed.wandb"
    path.write_bytes(frame([record.SerializeToString()]))
    results = [WandbBinaryReader(decoder).read(path) for decoder in ("protobuf", "builtin")]
    pd.testing.assert_frame_equal(results[0].table, results[1].table)
    table = results[0].table
    assert list(table["tag"]) == ["int", "float", "nan", "text_nan", "obj.a", "deep.x"]
    assert list(table["step"]) == [7] * 6
    assert table["value"].tolist()[:2] == [-5.0, 2.5]
    assert math.isnan(table["value"].iloc[2]) and math.isnan(table["value"].iloc[3])


def test_without_wandb_the_builtin_decoder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wandb_module, "_protobuf_record_class", lambda: None)
    auto = WandbBinaryReader().read(GENERATED)
    assert Counter(auto.table["tag"])["train/loss"] == 40
    with pytest.raises(MissingExtraError) as raised:
        WandbBinaryReader("protobuf").read(GENERATED)
    assert "pip install 'curvecli[wandb]'" in (raised.value.hint or "")


def test_undecodable_records(tmp_path: Path) -> None:
    path = tmp_path / "run-bad.wandb"
    path.write_bytes(frame([b"\x07", b"\xff\xff"]))
    with pytest.raises(MissingExtraError):
        WandbBinaryReader("builtin").read(path)
    if pb is not None:
        with pytest.raises(FormatError):
            WandbBinaryReader("protobuf").read(path)
    good = logical_records(GENERATED.read_bytes())
    path.write_bytes(frame([payload for _, payload in good[:20]] + [b"\x07"]))
    points = WandbBinaryReader("builtin").read(path)
    assert any("not valid W&B protobuf" in warning for warning in points.warnings)


def test_truncated_file_keeps_complete_records(tmp_path: Path) -> None:
    data = GENERATED.read_bytes()
    full = BINARY_READER.read(GENERATED).table
    physical = physical_records(data)
    multi = next(start for start, _, kind in physical if kind == 3)  # inside a 3-block record
    cuts = [7 + 3, physical[40][0] + 3, physical[60][0] + 20, multi, multi + 100, len(data) - 1]
    cuts += [physical[80][1]]  # a record boundary: nothing to warn about
    for cut in cuts:
        path = tmp_path / "run-cut.wandb"
        path.write_bytes(data[:cut])
        points = BINARY_READER.read(path)
        table = points.table
        if len(table):
            pd.testing.assert_frame_equal(table, full.iloc[: len(table)])
        at_boundary = cut in {end for _, end, kind in physical if kind in (1, 4)}
        truncated = [w for w in points.warnings if w.startswith("truncated file")]
        assert len(truncated) == (0 if at_boundary else 1), (cut, points.warnings)
        if pb is not None:
            rows = sum(end <= cut for end in history_record_ends(data))
            assert table["wall_time"].nunique() == rows


def test_truncated_real_file(tmp_path: Path) -> None:
    data = BINARY.read_bytes()
    path = tmp_path / "run-cut.wandb"
    path.write_bytes(data[: len(data) // 2 + 5])
    points = BINARY_READER.read(path)
    assert 0 < len(points.table) < 55
    assert any(w.startswith("truncated file") for w in points.warnings)


def test_bad_checksum_skips_one_record(tmp_path: Path) -> None:
    data = bytearray(GENERATED.read_bytes())
    full = BINARY_READER.read(GENERATED).table
    ends = set(history_record_ends(bytes(data))) if pb is not None else set()
    start, end, _ = next(r for r in physical_records(bytes(data)) if r[2] == 1 and r[0] > 60000)
    if pb is not None:
        start, end, _ = next(r for r in physical_records(bytes(data)) if r[1] in ends and r[2] == 1)
    data[(start + 7 + end) // 2] ^= 0xFF
    path = tmp_path / "run-flip.wandb"
    path.write_bytes(bytes(data))
    points = BINARY_READER.read(path)
    assert any(w.startswith("skipped 1 corrupt record") for w in points.warnings)
    kept = points.table
    assert len(kept) <= len(full)
    if pb is not None:  # exactly one history row (one train step, 6 points) is gone
        merged = full.merge(kept, how="left", indicator=True)
        lost = merged[merged["_merge"] == "left_only"]
        assert len(lost) == len(full) - len(kept) == 6 and lost["step"].nunique() == 1
    # A corrupt length: the rest of that block is dropped, the file still reads.
    data = bytearray(GENERATED.read_bytes())
    struct.pack_into("<H", data, start + 4, 0xFFFF)
    path.write_bytes(bytes(data))
    points = BINARY_READER.read(path)
    assert any("corrupt" in w for w in points.warnings)
    assert 0 < len(points.table) < len(full)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 9\n", "LFS"),
        (b":W&", "truncated W&B file header"),
        (b"SQLite format 3\x00", "not a W&B transaction log"),
        (b":W&B\xe1\xbe\x01", "unsupported .wandb log version"),
    ],
)
def test_binary_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "run-x.wandb"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=message):
        BINARY_READER.read(path)


def test_header_only_file_has_no_history(tmp_path: Path) -> None:
    path = tmp_path / "run-new.wandb"
    path.write_bytes(frame([]))
    points = BINARY_READER.read(path)
    assert points.table.empty and points.warnings == ["no history rows in this run"]


# --- history exports -----------------------------------------------------------------------------


def test_legacy_history_jsonl_every_numeric_value() -> None:
    expected: Counter = Counter()
    rows = [json.loads(line) for line in JSONL.read_text().splitlines() if line.strip()]
    for row in rows:
        expected.update(k for k, v in row.items() if k not in ROW_KEYS and is_number(v))
    points = HISTORY.read(JSONL)
    table = points.table
    assert Counter(table["tag"]) == expected
    assert (table.iloc[0]["tag"], table.iloc[0]["step"], table.iloc[0]["value"]) == (
        "episodic_reward", 0, 180.0)
    assert table.iloc[0]["wall_time"] == 1582070918.2388577
    assert table.iloc[1]["tag"] == "cumulative_avg_reward" and table.iloc[1]["step"] == 1
    assert points.warnings == []
    assert points.meta["summary"]["_step"] == 197  # the wandb-summary.json beside it


HF_ROWS = [
    {"train/loss": 2.0, "train/global_step": 10, "train/epoch": 0.5, "_step": 0,
     "_runtime": 1.5, "_timestamp": 1700000000.25},
    {"eval/loss": "NaN", "eval/acc": 0.5, "train/global_step": 10, "_step": 1,
     "_runtime": 2.0, "_timestamp": 1700000001.0},
    {"train/loss": float("nan"), "train/global_step": 20, "train/epoch": 1.0, "_step": 2,
     "_runtime": 3.0, "_timestamp": 1700000002.0, "media": {"_type": "image-file", "size": 3}},
    {"train/loss": "Infinity", "nested": {"a": {"b": 4}}, "note": "hi", "train/global_step": 30,
     "_step": 3, "_runtime": 4.0, "_timestamp": 1700000003.0},
    {"train/loss": "oops", "train/global_step": 40, "_step": 4, "_runtime": 5.0,
     "_timestamp": 1700000004.0},
]
HF_POINTS = [  # (tag, step, value); NaN compares via repr
    ("train/loss", 10, 2.0), ("train/epoch", 10, 0.5), ("eval/loss", 10, math.nan),
    ("eval/acc", 10, 0.5), ("train/loss", 20, math.nan), ("train/epoch", 20, 1.0),
    ("train/loss", 30, math.inf), ("nested.a.b", 30, 4.0),
]


def as_triples(points: Points) -> list[tuple[str, int, str]]:
    table = points.table
    return [(t, int(s), repr(v)) for t, s, v in zip(table["tag"], table["step"], table["value"])]


def expected_triples(triples: list) -> list[tuple[str, int, str]]:
    return [(tag, step, repr(float(value))) for tag, step, value in triples]


def test_history_jsonl_json_and_csv_exports_agree(tmp_path: Path) -> None:
    jsonl = tmp_path / "history.jsonl"
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in HF_ROWS))
    as_list = tmp_path / "history.json"
    as_list.write_text(json.dumps(HF_ROWS, indent=2))
    columns = tmp_path / "history_columns.json"
    pd.DataFrame(HF_ROWS).to_json(columns)  # pandas writes the NaN float as null: no point
    without_nan = [t for t in HF_POINTS if not (t[0] == "train/loss" and t[1] == 20)]
    for path, expected in ((jsonl, HF_POINTS), (as_list, HF_POINTS), (columns, without_nan)):
        assert detect(path) == "wandb_history", path
        points = HISTORY.read(path)
        assert as_triples(points) == expected_triples(expected), path
        assert points.warnings == [
            "skipped non-numeric values in numeric series: train/loss (1)"
        ], path
    table = HISTORY.read(jsonl).table
    assert table["wall_time"].iloc[0] == 1700000000.25
    assert table["epoch"].iloc[0] == 0.5 and math.isnan(table["epoch"].iloc[2])

    # csv writers spell NaN / inf their own way; empty cells are no point
    flat = [{k: v for k, v in row.items() if not isinstance(v, dict)} for row in HF_ROWS]
    frame_csv = tmp_path / "history.csv"
    pd.DataFrame(flat).to_csv(frame_csv)  # run.history().to_csv(): an unnamed index column
    dict_csv = tmp_path / "scan.csv"
    with dict_csv.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(pd.DataFrame(flat).columns))
        writer.writeheader()
        writer.writerows(flat)
    flat_points = [triple for triple in HF_POINTS if triple[0] != "nested.a.b"]
    assert as_triples(HISTORY.read(dict_csv)) == expected_triples(flat_points)
    # pandas writes a NaN float as an empty cell, so that point is not in the file
    assert as_triples(HISTORY.read(frame_csv)) == expected_triples(
        [t for t in flat_points if not (t[0] == "train/loss" and t[1] == 20)]
    )
    for path in (frame_csv, dict_csv):
        assert detect(path) == "wandb_history"
        assert HISTORY.read(path).warnings == [
            "skipped non-numeric values in numeric series: train/loss (1)"
        ]


def test_history_csv_follows_the_csv_rules_semicolons_and_a_bom(tmp_path: Path) -> None:
    """W&B CSV exports are read as every other CSV (csv_logs): separator, BOM, missing tokens."""
    flat = [{k: v for k, v in row.items() if not isinstance(v, dict)} for row in HF_ROWS]
    frame = pd.DataFrame(flat)
    comma = tmp_path / "history.csv"
    frame.to_csv(comma)
    semicolon = tmp_path / "history_semicolon.csv"
    semicolon.write_bytes(b"\xef\xbb\xbf" + frame.to_csv(sep=";").encode())
    assert detect(semicolon) == "wandb_history"
    expected = HISTORY.read(comma)
    assert as_triples(expected) == expected_triples(
        [t for t in HF_POINTS if t[0] != "nested.a.b" and not (t[0] == "train/loss" and t[1] == 20)]
    )
    points = HISTORY.read(semicolon)
    assert as_triples(points) == as_triples(expected)
    assert list(points.table["wall_time"]) == list(expected.table["wall_time"])
    assert points.warnings == expected.warnings == [
        "skipped non-numeric values in numeric series: train/loss (1)"
    ]
    # the CSV family's missing tokens are no value (not a non-numeric string), a tab separates
    tabbed = tmp_path / "history.tsv"
    tabbed.write_text("_step\t_runtime\tloss\n0\t1.0\tN/A\n1\t2.0\t0.5\n2\t3.0\tnull\n")
    assert detect(tabbed) == "wandb_history"
    points = HISTORY.read(tabbed)
    assert as_triples(points) == [("loss", 1, "0.5")] and points.warnings == []


def test_panel_and_runs_table_csv_with_semicolons(tmp_path: Path) -> None:
    panel = tmp_path / "wandb_export.csv"
    panel.write_bytes(b"\xef\xbb\xbfStep;a - loss;a - loss__MIN;a - loss__MAX;b - loss\n"
                      b"0;1.5;1.4;1.6;NA\n10;1.25;1.2;1.3;2.5\n")
    assert detect(panel) == "wandb_panel"
    points = PANEL.read(panel)
    assert list(zip(points.table["run"], points.table["step"], points.table["value"])) == [
        ("a", 0, 1.5), ("a", 10, 1.25), ("b", 10, 2.5)]
    assert points.warnings == []
    runs = tmp_path / "runs.csv"
    runs.write_text("Name;State;Created;ID;lr;val_loss\nx;finished;2024;id1;0.1;0.5\n"
                    "y;crashed;2024;id2;0.2;None\n")
    assert detect(runs) == "wandb_runs"
    points = RUNS_TABLE.read(runs)
    assert list(zip(points.table["run"], points.table["tag"], points.table["value"])) == [
        ("x", "val_loss", 0.5)]
    assert points.meta["by_run"] == {"x": {"config": {"lr": 0.1}}, "y": {"config": {"lr": 0.2}}}
    assert points.warnings == [RUNS_TABLE_WARNING]


def test_history_without_global_step_uses_step(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    rows = [{"loss": 1.0, "_step": 5, "_runtime": 1}, {"loss": 0.5, "_runtime": 2}]
    path.write_text("\n".join(json.dumps(row) for row in rows))
    points = HISTORY.read(path)
    assert list(points.table["step"]) == [5, 6]
    assert any("no _step" in warning for warning in points.warnings)


def test_bad_jsonl_lines_are_skipped_with_a_warning(tmp_path: Path) -> None:
    lines = [json.dumps(row) for row in HF_ROWS[:2]]
    lines.insert(1, '{"train/loss": 1.0, "_step": ')  # a torn write
    lines.append(json.dumps(HF_ROWS[2])[:-9])  # the file is still being written
    path = tmp_path / "wandb-history.jsonl"
    path.write_text("\n".join(lines) + "\n")
    points = HISTORY.read(path)
    assert Counter(points.table["tag"]) == {"train/loss": 1, "train/epoch": 1, "eval/loss": 1,
                                            "eval/acc": 1}
    assert points.warnings == ["skipped 2 line(s) that are not JSON objects: line 2, 4"]


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(HF_ROWS, indent=2)[:-40])
    with pytest.raises(FormatError, match=r"invalid JSON at line \d+") as raised:
        HISTORY.read(path)
    assert raised.value.path == path
    path.write_text("{\n  not json\n}\n")
    with pytest.raises(FormatError, match="line"):
        HISTORY.read(path)


def test_summary_and_config_files_are_not_history(tmp_path: Path) -> None:
    summary = {"loss": 0.1, "_step": 9, "_runtime": 5.0, "_timestamp": 1.7e9}
    for name in ("wandb-summary.json", "summary.json", "run.json"):
        path = tmp_path / name
        path.write_text(json.dumps(summary))
        assert not HISTORY.sniff(read_head(path), path), name
    path = tmp_path / "history.jsonl"
    path.write_text(json.dumps(summary) + "\n")
    assert HISTORY.sniff(read_head(path), path)


# --- panel and runs-table exports ----------------------------------------------------------------


def panel_counts(path: Path) -> Counter:
    """Independent count: non-empty cells of every curve column (no envelopes, no _step)."""
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    counts: Counter = Counter()
    for position, column in enumerate(rows[0][1:], 1):
        if column.endswith(("__MIN", "__MAX", " - _step")):
            continue
        run, _, metric = column.rpartition(" - ")
        counts[(run, metric)] += sum(1 for row in rows[1:] if row[position].strip())
    return counts


@pytest.mark.parametrize("path", [PANEL_GPT, PANEL_SAC], ids=lambda p: p.parent.name)
def test_panel_export_every_cell(path: Path) -> None:
    points = PANEL.read(path)
    table = points.table
    assert Counter(zip(table["run"], table["tag"])) == panel_counts(path)
    assert points.warnings == []
    frame = build_frame(table, "export.csv", "wandb")
    validate(frame)
    assert all(run.startswith("export.csv/") for run in frame["run"].cat.categories)


def test_panel_values_and_x_axis() -> None:
    table = PANEL.read(PANEL_GPT).table
    gpt2 = table[table["run"] == "gpt2"]
    assert gpt2["step"].iloc[0] == 0 and gpt2["tag"].iloc[0] == "train/loss"
    with PANEL_GPT.open(newline="") as handle:
        rows = list(csv.reader(handle))
    column = rows[0].index("gpt2 - train/loss")
    assert gpt2["value"].iloc[-1] == float(rows[len(gpt2)][column])
    sac = PANEL.read(PANEL_SAC)
    assert sac.meta["x_axis"] == "ray/tune/info/num_steps_sampled"
    assert list(sac.table["step"].iloc[:2]) == [100, 200]
    assert set(sac.table["tag"]) == {"ray/tune/custom_metrics/energy_cost_mean"}


def test_panel_nasty_cells(tmp_path: Path) -> None:
    path = tmp_path / "wandb_export.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["Step", "exp - v2 - loss", "exp - v2 - loss__MIN", "exp - v2 - loss__MAX",
                         "other - _step", "other - acc"])
        writer.writerow(["0", "1.5", "1.4", "1.6", "0", ""])
        writer.writerow(["10", "NaN", "NaN", "NaN", "1", "0.25"])
        writer.writerow(["20", "Infinity", "", "", "2", "oops"])
        writer.writerow(["", "9", "", "", "", ""])
    assert detect(path) == "wandb_panel"
    points = PANEL.read(path)
    table = points.table
    assert list(zip(table["run"], table["tag"], table["step"])) == [
        ("exp - v2", "loss", 0), ("exp - v2", "loss", 10), ("other", "acc", 10),
        ("exp - v2", "loss", 20)]
    assert math.isnan(table["value"].iloc[1]) and table["value"].iloc[3] == math.inf
    assert any("'other - acc' (1)" in warning for warning in points.warnings)
    assert any("without a value in 'Step'" in warning for warning in points.warnings)


def test_runs_table_is_one_point_per_metric_per_run() -> None:
    points = RUNS_TABLE.read(RUNS)
    with RUNS.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = Counter()
    for row in rows:
        for column, cell in row.items():
            if column.startswith("train/") and cell.strip():
                float(cell)
                expected[(row["Name"], column)] += 1
    table = points.table
    assert Counter(zip(table["run"], table["tag"])) == expected
    assert set(table["step"]) == {0}
    assert points.warnings == [RUNS_TABLE_WARNING]
    by_run = points.meta["by_run"]
    assert by_run["bert_substitute_02"]["config"]["augment_probability"] == 0.2
    first = table.iloc[0]
    assert (first["run"], first["tag"], first["value"]) == (
        "bert_substitute_02", "train/aug_on_aug_test_accuracy", 0.6556)


def test_runs_table_duplicate_names_and_bad_cells(tmp_path: Path) -> None:
    path = tmp_path / "runs.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "State", "Created", "ID", "lr", "val_loss", "mfu", "notes_x",
                         "_step", "_runtime"])
        writer.writerow(["a", "finished", "2024", "id1", "0.1", "0.5", "3", "text", "9", "60"])
        writer.writerow(["a", "crashed", "2024", "id2", "0.2", "NaN", "oops", "text", "", ""])
    assert detect(path) == "wandb_runs"
    points = RUNS_TABLE.read(path)
    assert list(zip(points.table["run"], points.table["tag"])) == [
        ("a", "val_loss"), ("a", "mfu"), ("a (id2)", "val_loss")]
    assert points.meta["by_run"] == {"a": {"config": {"lr": 0.1}},
                                     "a (id2)": {"config": {"lr": 0.2}}}
    assert any("'mfu' (1)" in warning for warning in points.warnings)


# --- arbitrary input -----------------------------------------------------------------------------


def read_bytes_with(reader, data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            points = reader.read(path)
        except CurveError:
            return
        assert isinstance(points, Points)
        validate(build_frame(points.table, "run", "wandb"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_curve_errors(data: bytes) -> None:
    for reader in WANDB_READERS:
        assert reader.sniff(data, Path("x")) in (True, False)
        read_bytes_with(reader, data, "x.csv")
    for prefix in (b":W&B\xe1\xbe\x00", b"[", b"{", b"Step,a - b\n", b"_step,_runtime\n"):
        read_bytes_with(BINARY_READER if prefix[0] == 58 else HISTORY, prefix + data, "x")
        read_bytes_with(PANEL, prefix + data, "x")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=60), max_size=6), st.sampled_from(["builtin", "auto"]))
def test_framed_garbage_records_only_raise_curve_errors(payloads, decoder) -> None:
    reader = WandbBinaryReader(decoder)
    real = [payload for _, payload in logical_records(GENERATED.read_bytes())[10:14]]
    read_bytes_with(reader, frame(payloads + real), "run-x.wandb")
    read_bytes_with(reader, frame(real + payloads)[:-3], "run-x.wandb")


def _wandb_run_dir(root: Path, record: bool) -> Path:
    """W&B's layout of one run: its record, its stdout captured as files/output.log (more
    lines than the record, two sessions) and its own debug log."""
    run_dir = root / "wandb" / "run-20240101_120000-abc123"
    (run_dir / "files").mkdir(parents=True)
    (run_dir / "logs").mkdir()
    if record:
        shutil.copy(GENERATED, run_dir / "run-abc123.wandb")
    console = "".join(f"epoch {e} step {s} loss {1 / (s + 1):.4f}\n"
                      for e in (1, 2, 1, 2) for s in range(50))
    (run_dir / "files" / "output.log").write_text(console)
    (run_dir / "logs" / "debug.log").write_text(
        "2024-01-01 12:00:00,000 INFO MainThread [wandb_init.py] config: {'loss': 'mse'} step 1\n")
    return run_dir


def test_a_wandb_run_dir_with_its_console_is_one_run_read_from_its_record(tmp_path: Path) -> None:
    # A public W&B run dir read as two runs (the .wandb and files/output.log) and a federated
    # run's output.log as a hundred sessions: the console is the same run printed.
    _wandb_run_dir(tmp_path, record=True)
    (run,) = load_runs(tmp_path).runs
    assert run.run == "wandb/run-20240101_120000-abc123"
    assert run.source == "wandb"


def test_a_wandb_console_alone_is_its_run_dirs_run(tmp_path: Path) -> None:
    # A run committed without its .wandb (or with an empty one): the console is the run.
    _wandb_run_dir(tmp_path, record=False)
    runs = load_runs(tmp_path).runs
    assert [run.run for run in runs] == ["wandb/run-20240101_120000-abc123/session=1",
                                         "wandb/run-20240101_120000-abc123/session=2"]
    assert {run.source for run in runs} == {"text"}
