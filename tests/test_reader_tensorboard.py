"""Tests of the TensorBoard event-file reader.

Real logs (tests/data/tensorboard, each folder with its SOURCE note) are checked against
tensorboard's own EventAccumulator; files written in tmp_path by tensorboard's real
EventFileWriter pin the decoder rule, the framing and the checksum handling exactly.
"""

from __future__ import annotations

import collections
import contextlib
import math
import struct
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tensorboard.backend.event_processing import event_accumulator
from tensorboard.compat.proto import event_pb2, summary_pb2, types_pb2
from tensorboard.compat.proto.histogram_pb2 import HistogramProto
from tensorboard.plugins.histogram import summary_v2 as histogram_summary
from tensorboard.plugins.scalar import summary_v2 as scalar_summary
from tensorboard.plugins.text import summary_v2 as text_summary
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboard.summary.writer.record_writer import RecordWriter
from tensorboard.util import tensor_util

from curvecli.errors import CurveError, FormatError
from curvecli.frame import POINT_COLUMNS, build_frame, validate
from curvecli.readers import base
from curvecli.readers import tensorboard as tb
from curvecli.readers.tensorboard import TensorBoardReader

DATA = Path(__file__).parent / "data" / "tensorboard"
REAL_FILES = sorted(p for p in DATA.rglob("*") if "tfevents" in p.name)
READER = TensorBoardReader()
FIXTURE_REUSED = HealthCheck.function_scoped_fixture  # tmp_path is only a scratch directory


def f32(x: float) -> float:
    return float(np.float32(x))


# ------------------------------------------------------------------------------------------
# helpers


def event(step, *values, wall_time=1.0):
    return event_pb2.Event(
        wall_time=wall_time, step=step, summary=summary_pb2.Summary(value=values)
    )


def simple(tag, value):
    return summary_pb2.Summary.Value(tag=tag, simple_value=value)


def tensor_value(tag, dtype, plugin=None, shape=(), **fields):
    value = summary_pb2.Summary.Value(tag=tag)
    value.tensor.dtype = dtype
    value.tensor.tensor_shape.SetInParent()
    for size in shape:
        value.tensor.tensor_shape.dim.add(size=size)
    for name, content in fields.items():
        if name == "tensor_content":
            value.tensor.tensor_content = content
        else:
            getattr(value.tensor, name).extend(content)
    if plugin is not None:
        value.metadata.plugin_data.plugin_name = plugin
    return value


def write_with_tensorboard(directory: Path, events) -> Path:
    """Write events with tensorboard's EventFileWriter (which adds the file_version record)."""
    writer = EventFileWriter(str(directory))
    for item in events:
        writer.add_event(item)
    writer.close()
    (path,) = directory.glob("*tfevents*")
    return path


def write_records(path: Path, events) -> Path:
    """Write events as bare records (no file_version record, as CatBoost does)."""
    with open(path, "wb") as handle:
        writer = RecordWriter(handle)
        for item in events:
            writer.write(item.SerializeToString())
    return path


def record_offsets(path: Path) -> list[int]:
    data = path.read_bytes()
    offsets, pos = [], 0
    while pos < len(data):
        offsets.append(pos)
        pos += 16 + struct.unpack_from("<Q", data, pos)[0]
    return offsets


def rows(points) -> list[tuple]:
    table = points.table
    return list(
        zip(
            table["tag"].astype(str),
            table["step"].tolist(),
            table["value"].tolist(),
            table["wall_time"].tolist(),
            strict=True,
        )
    )


def same_rows(actual, expected) -> bool:
    if len(actual) != len(expected):
        return False
    for got, want in zip(actual, expected, strict=True):
        if got[:2] != want[:2]:
            return False
        for a, b in zip(got[2:], want[2:], strict=True):
            if not (a == b or (math.isnan(a) and math.isnan(b))):
                return False
    return True


def reference_points(path: Path) -> dict[str, list[tuple[int, float]]]:
    """What tensorboard's own loader holds when told to keep everything."""
    accumulator = event_accumulator.EventAccumulator(
        str(path), size_guidance={"scalars": 0, "tensors": 0}, purge_orphaned_data=False
    )
    accumulator.Reload()
    points = collections.defaultdict(list)
    for tag in accumulator.Tags()["scalars"]:
        points[tag] += [(e.step, e.value) for e in accumulator.Scalars(tag)]
    for tag in accumulator.Tags()["tensors"]:
        if accumulator.SummaryMetadata(tag).plugin_data.plugin_name != "scalars":
            continue
        for e in accumulator.Tensors(tag):
            points[tag].append((e.step, float(tensor_util.make_ndarray(e.tensor_proto).item())))
    return dict(points)


def points_by_tag(points) -> dict[str, list[tuple[int, float]]]:
    by_tag = collections.defaultdict(list)
    for tag, step, value, _ in rows(points):
        by_tag[tag].append((step, value))
    return dict(by_tag)


# ------------------------------------------------------------------------------------------
# real logs


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_real_file_matches_event_accumulator(path):
    points = READER.read(path)
    ours, reference = points_by_tag(points), reference_points(path)
    assert {tag: len(v) for tag, v in ours.items()} == {tag: len(v) for tag, v in reference.items()}
    for tag, expected in reference.items():
        assert same_rows([(tag, *p) for p in ours[tag]], [(tag, *p) for p in expected]), tag
    assert points.warnings == []
    assert tuple(points.table.columns) == POINT_COLUMNS
    validate(build_frame(points.table, run="run", source="tensorboard"))


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_real_file_fast_path_equals_reference_path(path, monkeypatch):
    fast = rows(READER.read(path))
    monkeypatch.setattr(tb, "_FAST_PATH", False)
    assert same_rows(fast, rows(READER.read(path)))


def test_real_file_sniffed_and_claimed():
    for path in REAL_FILES:
        assert READER.claims_name(path)
        assert READER.sniff(base.read_head(path), path)


def test_catboost_file_has_no_file_version_and_is_read():
    (path,) = (DATA / "tb-catboost-mbti-dope4ever").rglob("*tfevents*")
    points = READER.read(path)
    assert points.meta["file_version"] is None
    assert len(points.table) == 364 and set(points.table["tag"].astype(str)) == {"Logloss"}


def test_keras_tensor_scalars_are_read_and_histograms_skipped():
    (path,) = (DATA / "tb-keras-imdb-thecodeheadmt").rglob("train/*tfevents*")
    table = READER.read(path).table
    assert set(table["tag"].astype(str)) == {"epoch_loss", "epoch_accuracy"}
    assert len(table) == 40


# ------------------------------------------------------------------------------------------
# files written by tensorboard's writer


def mixed_events():
    """Every encoding the decoder rule covers, and some it must skip, in one file."""
    nan, inf = float("nan"), float("inf")
    content = {"tensor_content": struct.pack("<f", 2.5)}
    return [
        event(0, simple("loss", 1.5), wall_time=10.0),
        event(1, simple("loss", nan), wall_time=11.0),
        event(2, simple("loss", inf)),
        event(3, simple("loss", -inf)),
        event(4, simple("loss", 0.0)),
        event(0, scalar_summary.scalar_pb("acc", 0.25).value[0]),  # float_val + plugin
        event(1, scalar_summary.scalar_pb("acc", 0.5).value[0]),
        event(0, tensor_value("tf2", types_pb2.DT_FLOAT, "scalars", **content)),  # first: metadata
        event(1, tensor_value("tf2", types_pb2.DT_FLOAT, **content)),  # later ones have none
        event(5, tensor_value("dbl", types_pb2.DT_DOUBLE, "scalars", double_val=[1 / 3])),
        event(5, tensor_value("dblc", types_pb2.DT_DOUBLE, tensor_content=struct.pack("<d", 0.1))),
        event(6, tensor_value("half", types_pb2.DT_HALF, half_val=[0x3C00])),  # 1.0
        event(6, tensor_value("halfc", types_pb2.DT_HALF, tensor_content=struct.pack("<e", -2.0))),
        event(6, tensor_value("bf16", types_pb2.DT_BFLOAT16, half_val=[0x4040])),  # 3.0
        event(7, tensor_value("i32", types_pb2.DT_INT32, int_val=[-7])),
        event(7, tensor_value("i64", types_pb2.DT_INT64, int64_val=[2**40])),
        event(7, tensor_value("i64c", types_pb2.DT_INT64, tensor_content=struct.pack("<q", -3))),
        event(
            8,
            tensor_value("vector", types_pb2.DT_FLOAT, "scalars", shape=(2,), float_val=[1.0, 2.0]),
        ),  # rank 1: skipped
        event(8, tensor_value("custom", types_pb2.DT_FLOAT, "custom_plugin", float_val=[9.0])),
        event(8, tensor_value("custom", types_pb2.DT_FLOAT, float_val=[9.0])),  # tag's plugin rules
        event(8, histogram_summary.histogram_pb("weights", np.arange(10.0)).value[0]),
        event(8, text_summary.text_pb("notes", "hello").value[0]),
        event(9, simple("a", 1.0), simple("b", 2.0), simple("a", 3.0)),  # several values per event
        event_pb2.Event(
            step=9, session_log=event_pb2.SessionLog(status=event_pb2.SessionLog.START)
        ),
        event(-5, simple("loss", 5.0)),  # a negative step is a 10-byte varint
        event(2**40, simple("loss", 6.0)),
    ]


MIXED_EXPECTED = [
    ("loss", 0, 1.5, 10.0),
    ("loss", 1, math.nan, 11.0),
    ("loss", 2, math.inf, 1.0),
    ("loss", 3, -math.inf, 1.0),
    ("loss", 4, 0.0, 1.0),
    ("acc", 0, 0.25, 1.0),
    ("acc", 1, 0.5, 1.0),
    ("tf2", 0, 2.5, 1.0),
    ("tf2", 1, 2.5, 1.0),
    ("dbl", 5, 1 / 3, 1.0),
    ("dblc", 5, 0.1, 1.0),
    ("half", 6, 1.0, 1.0),
    ("halfc", 6, -2.0, 1.0),
    ("bf16", 6, 3.0, 1.0),
    ("i32", 7, -7.0, 1.0),
    ("i64", 7, float(2**40), 1.0),
    ("i64c", 7, -3.0, 1.0),
    ("a", 9, 1.0, 1.0),
    ("b", 9, 2.0, 1.0),
    ("a", 9, 3.0, 1.0),
    ("loss", -5, 5.0, 1.0),
    ("loss", 2**40, 6.0, 1.0),
]


@pytest.mark.parametrize("fast_path", [True, False], ids=["fast", "reference"])
def test_writer_file_exact(tmp_path, monkeypatch, fast_path):
    monkeypatch.setattr(tb, "_FAST_PATH", fast_path)
    path = write_with_tensorboard(tmp_path, mixed_events())
    points = READER.read(path)
    assert same_rows(rows(points), MIXED_EXPECTED), rows(points)
    assert points.warnings == []
    assert points.meta["file_version"] == "brain.Event:2"
    assert points.meta["session_starts"] == [9]
    assert points.table["tag"].dtype == "category"
    assert "vector" not in points.table["tag"].cat.categories


def test_many_records_across_chunks(tmp_path, monkeypatch):
    """Groups and per-tag metadata decisions carry over from one chunk to the next."""
    tags = [
        "model/layer.1/attention/weight_norm",
        "model/layer.2/attention/weight_norm",
        "x" * 200,
        "ünïcode/損失",
    ]
    events = []
    for step in range(60):
        for index, tag in enumerate(tags):
            value = f32(step * 0.5 + index)
            if index == 3:
                events.append(
                    event(
                        step,
                        tensor_value(
                            tag,
                            types_pb2.DT_FLOAT,
                            "scalars" if step == 0 else None,
                            tensor_content=struct.pack("<f", value),
                        ),
                    )
                )
            else:
                events.append(event(step, simple(tag, value), wall_time=step or 0.0))
    path = write_with_tensorboard(tmp_path, events)
    expected = rows(READER.read(path))
    assert len(expected) == 240 and [r[0] for r in expected[:4]] == tags
    assert expected[5] == (tags[1], 1, 1.5, 1.0)
    monkeypatch.setattr(tb, "RECORDS_PER_CHUNK", 7)
    assert same_rows(rows(READER.read(path)), expected)
    monkeypatch.setattr(tb, "_FAST_PATH", False)
    assert same_rows(rows(READER.read(path)), expected)


def test_several_values_per_event(tmp_path, monkeypatch):
    """TF1's merged summaries: many values per event, scalars among histograms."""
    histogram = histogram_summary.histogram_pb("weights", np.arange(5.0)).value[0]
    events = []
    for step in range(40):
        lr = tensor_value(
            "lr",
            types_pb2.DT_FLOAT,
            "scalars" if step == 0 else None,
            tensor_content=struct.pack("<f", 0.25),
        )
        tf1_histogram = summary_pb2.Summary.Value(  # a length that changes with the step
            tag="tf1_weights",
            histo=HistogramProto(bucket_limit=[1.0] * (step % 7), bucket=[2.0] * (step % 7)),
        )
        values = [simple("loss", step / 2), histogram, simple("acc", step / 64), tf1_histogram, lr]
        events.append(event(step, *values))
    # A value without a tag is named by its node name; its event takes the reference path whole.
    nameless = summary_pb2.Summary.Value(node_name="node", simple_value=7.0)
    events.append(event(40, simple("loss", 20.0), nameless))
    path = write_with_tensorboard(tmp_path, events)
    expected = []
    for step in range(40):
        expected += [("loss", step, step / 2, 1.0), ("acc", step, step / 64, 1.0)]
        expected.append(("lr", step, 0.25, 1.0))
    expected += [("loss", 40, 20.0, 1.0), ("node", 40, 7.0, 1.0)]
    assert same_rows(rows(READER.read(path)), expected)
    monkeypatch.setattr(tb, "RECORDS_PER_CHUNK", 5)
    assert same_rows(rows(READER.read(path)), expected)
    monkeypatch.setattr(tb, "_FAST_PATH", False)
    assert same_rows(rows(READER.read(path)), expected)


def test_value_that_differs_from_its_group_takes_the_reference_path(tmp_path):
    def described(value, text):
        value.metadata.summary_description = text  # same length, other bytes
        return value

    events = [
        event(0, described(simple("x", 1.0), "aa"), simple("y", 2.0)),
        event(1, described(simple("x", 3.0), "bb"), simple("y", 4.0)),
        event(2, described(simple("x", 5.0), "aa"), simple("y", 6.0)),
    ]
    path = write_with_tensorboard(tmp_path, events)
    expected = [("x", 0, 1.0), ("y", 0, 2.0), ("x", 1, 3.0), ("y", 1, 4.0), ("x", 2, 5.0)]
    assert [r[:3] for r in rows(READER.read(path))] == [*expected, ("y", 2, 6.0)]


def test_file_without_file_version(tmp_path):
    events = [event(i, simple("m", i)) for i in range(3)]
    path = write_records(tmp_path / "events.out.tfevents", events)
    points = READER.read(path)
    assert [r[:3] for r in rows(points)] == [("m", 0, 0.0), ("m", 1, 1.0), ("m", 2, 2.0)]
    assert points.meta["file_version"] is None and points.warnings == []


def test_records_without_wall_time_are_framed(tmp_path):
    """The boundary scan keys on the wall-time field; records without one take the slow walk."""
    events = [
        event_pb2.Event(step=i, summary=summary_pb2.Summary(value=[simple("m", i)]))
        for i in range(5)
    ]
    events[2].wall_time = 3.0
    path = write_records(tmp_path / "events.out.tfevents.1", events)
    assert [r[:3] for r in rows(READER.read(path))] == [("m", i, float(i)) for i in range(5)]


# ------------------------------------------------------------------------------------------
# damaged files


def small_file(tmp_path) -> Path:
    return write_with_tensorboard(tmp_path, [event(i, simple("loss", i)) for i in range(5)])


def test_truncated_at_every_byte_of_the_last_record(tmp_path):
    path = small_file(tmp_path)
    data = path.read_bytes()
    last = record_offsets(path)[-1]
    complete = [("loss", i, float(i)) for i in range(4)]
    cut = tmp_path / "cut" / path.name
    cut.parent.mkdir()
    cut.write_bytes(data[:last])
    points = READER.read(cut)
    assert [r[:3] for r in rows(points)] == complete and points.warnings == []
    for size in range(last + 1, len(data)):
        cut.write_bytes(data[:size])
        points = READER.read(cut)
        assert [r[:3] for r in rows(points)] == complete, size
        assert points.warnings == [
            f"{path.name}: truncated last record at byte {last} (file still being written?)"
        ], size


def test_truncated_first_record(tmp_path):
    path = small_file(tmp_path)
    data = path.read_bytes()
    for size in (1, 11, 12, 30):
        path.write_bytes(data[:size])
        points = READER.read(path)
        assert points.table.empty and "truncated last record at byte 0" in points.warnings[0]


def checksum_warnings(path: Path, *offsets: int) -> list[str]:
    """The warnings the reader gives for records at ``offsets`` failing their data checksum."""
    return [f"{path.name}: record at byte {o} fails its data checksum; skipped" for o in offsets]


def test_bad_data_checksum_skips_one_record(tmp_path):
    path = small_file(tmp_path)
    offsets = record_offsets(path)
    data = bytearray(path.read_bytes())
    data[offsets[2] + 20] ^= 0x01  # a byte of record 2's Event (step 1)
    data[offsets[4] - 1] ^= 0xFF  # record 3's stored data checksum (step 2)
    path.write_bytes(bytes(data))
    points = READER.read(path)
    assert [r[1] for r in rows(points)] == [0, 3, 4]
    assert points.warnings == checksum_warnings(path, offsets[2], offsets[3])


def test_many_bad_records_are_counted_not_listed(tmp_path):
    path = write_with_tensorboard(tmp_path, [event(i, simple("loss", i)) for i in range(30)])
    offsets = record_offsets(path)
    data = bytearray(path.read_bytes())
    for offset in offsets[1:26]:  # 25 damaged records
        data[offset + 20] ^= 0x01
    path.write_bytes(bytes(data))
    points = READER.read(path)
    assert [r[1] for r in rows(points)] == [25, 26, 27, 28, 29]
    assert len(points.warnings) == tb.MAX_LISTED + 1
    assert points.warnings[-1] == (
        f"{path.name}: 5 more records fail their data checksums (the last at byte {offsets[25]}); "
        "skipped"
    )


def test_bad_length_checksum_loses_the_framing(tmp_path):
    path = small_file(tmp_path)
    offsets = record_offsets(path)
    data = bytearray(path.read_bytes())
    data[offsets[3]] ^= 0x01  # record 3's length
    path.write_bytes(bytes(data))
    points = READER.read(path)
    assert [r[1] for r in rows(points)] == [0, 1]
    assert len(points.warnings) == 1
    assert f"bad length checksum at byte {offsets[3]}; framing lost" in points.warnings[0]


def test_valid_framing_around_garbage_event(tmp_path):
    """A record with good checksums but bytes that are no Event is skipped with a warning."""
    path = tmp_path / "events.out.tfevents.1"
    with open(path, "wb") as handle:
        writer = RecordWriter(handle)
        writer.write(event(0, simple("m", 1.0)).SerializeToString())
        writer.write(b"\x09\xff\xff")  # wall_time field cut short
        writer.write(event(1, simple("m", 2.0)).SerializeToString())
    points = READER.read(path)
    assert [r[:3] for r in rows(points)] == [("m", 0, 1.0), ("m", 1, 2.0)]
    offset = record_offsets(path)[1]
    assert points.warnings == [
        f"{path.name}: record at byte {offset} is not a valid Event; skipped"
    ]


@pytest.mark.parametrize(
    "content",
    [b"step,loss\n1,0.5\n2,0.4\n", b"\x00" * 64, bytes(range(256)), b"{}" * 20],
    ids=["csv", "zeros", "bytes", "json"],
)
def test_not_an_event_file(tmp_path, content):
    path = tmp_path / "events.out.tfevents.123"
    path.write_bytes(content)
    assert not READER.sniff(content, path)
    with pytest.raises(FormatError, match="not a TensorBoard event file"):
        READER.read(path)


def test_a_big_non_event_file_is_rejected_from_its_head(tmp_path):
    path = tmp_path / "events.out.tfevents.big"
    with open(path, "wb") as handle:
        handle.write(b"step,loss\n")
        handle.truncate(64 << 20)
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match="not a TensorBoard event file"):
            READER.read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def test_lfs_pointer_and_empty_file(tmp_path):
    path = tmp_path / "events.out.tfevents.1"
    path.write_bytes(base.LFS_POINTER_PREFIX + b"v1\noid sha256:abc\nsize 123\n")
    with pytest.raises(FormatError, match="Git LFS pointer"):
        READER.read(path)
    path.write_bytes(b"")
    points = READER.read(path)
    assert points.table.empty and points.warnings == [f"{path.name}: empty event file (0 bytes)"]


def test_claims_name():
    assert READER.claims_name(Path("events.out.tfevents.1597896827.host.2307936.5.v2"))
    assert READER.claims_name(Path("catboost_info/learn/events.out.tfevents"))
    assert not READER.claims_name(Path("events.out.tfevents.1.host.profile-empty"))
    assert not READER.claims_name(Path("metrics.csv"))


def test_sniff_never_raises_and_checks_both_checksums(tmp_path):
    path = small_file(tmp_path)
    head = path.read_bytes()[:4096]
    assert READER.sniff(head, path)
    assert READER.sniff(head[:12], path)  # the length checksum alone
    assert not READER.sniff(head[:11], path)
    broken = bytearray(head)
    broken[14] ^= 1  # the first record's data
    assert not READER.sniff(bytes(broken), path)
    assert not READER.sniff(None, path)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# fuzzing: nothing but a CurveError, whatever the bytes


def damaged_file(tmp_path: Path, flips, cut: int) -> Path:
    """The mixed-events file (written once per test) with bytes flipped, then cut short."""
    source = tmp_path / "source"
    if not source.exists():
        source.mkdir()
        write_with_tensorboard(source, mixed_events())
    (original,) = source.glob("*tfevents*")
    data = bytearray(original.read_bytes())
    for position, mask in flips:
        data[position % len(data)] ^= mask
    path = tmp_path / "events.out.tfevents.damaged"
    path.write_bytes(bytes(data[: max(1, cut % (len(data) + 1))]))
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[FIXTURE_REUSED])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_raise_only_curve_errors(tmp_path, data):
    path = tmp_path / "events.out.tfevents.fuzz"
    path.write_bytes(data)
    with contextlib.suppress(CurveError):
        READER.read(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[FIXTURE_REUSED])
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=4),
    cut=st.integers(0, 10**6),
)
def test_damaged_event_files_raise_only_curve_errors(tmp_path, flips, cut):
    path = damaged_file(tmp_path, flips, cut)
    try:
        points = READER.read(path)
    except CurveError:
        return
    assert set(points.table["step"].tolist()) <= {r[1] for r in MIXED_EXPECTED} | set(range(-5, 10))


# ------------------------------------------------------------------------------------------
# streaming: the file is read block by block; block boundaries must change nothing


def read_outcome(path: Path):
    """The reader's whole answer (table, warnings, meta) or its error, for comparisons."""
    try:
        points = READER.read(path)
    except CurveError as error:
        return ("error", str(error))
    return (rows(points), points.warnings, points.meta)


@pytest.mark.parametrize("block", [16, 100, 4096])
def test_block_boundaries_change_nothing_on_real_files(monkeypatch, block):
    whole = {path: read_outcome(path) for path in REAL_FILES}
    monkeypatch.setattr(tb, "BLOCK_BYTES", block)
    for path in REAL_FILES:
        assert same_outcome(read_outcome(path), whole[path]), path


def same_outcome(actual, expected) -> bool:
    if actual[0] == "error" or expected[0] == "error":
        return actual == expected
    return same_rows(actual[0], expected[0]) and actual[1:] == expected[1:]


@settings(max_examples=100, deadline=None, suppress_health_check=[FIXTURE_REUSED])
@given(
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 255)), max_size=3),
    cut=st.integers(0, 10**6),
    block=st.sampled_from([16, 50, 333]),
)
def test_block_boundaries_change_nothing_on_damaged_files(tmp_path, flips, cut, block):
    path = damaged_file(tmp_path, flips, cut)
    whole = read_outcome(path)
    saved = tb.BLOCK_BYTES
    tb.BLOCK_BYTES = block
    try:
        assert same_outcome(read_outcome(path), whole)
    finally:
        tb.BLOCK_BYTES = saved


def big_records_file(tmp_path: Path) -> tuple[Path, list[int]]:
    """Scalars around a 3 MiB graph and a 3 MiB image summary that also holds a scalar."""
    image = summary_pb2.Summary.Value(tag="sample")
    image.image.encoded_image_string = bytes(range(256)) * (3 << 12)
    events = [
        event(0, simple("loss", 1.0)),
        event_pb2.Event(wall_time=2.0, step=1, graph_def=b"\x07" * (3 << 20)),
        event(1, simple("loss", 0.5)),
        event(2, image, simple("acc", 0.25)),
        event(3, simple("loss", 0.125)),
    ]
    path = write_records(tmp_path / "events.out.tfevents.1.big", events)
    return path, record_offsets(path)


def test_records_longer_than_a_block_are_streamed_past(tmp_path, monkeypatch):
    path, _ = big_records_file(tmp_path)
    monkeypatch.setattr(tb, "BLOCK_BYTES", 1 << 20)
    points = READER.read(path)
    assert [r[:3] for r in rows(points)] == [
        ("loss", 0, 1.0),
        ("loss", 1, 0.5),
        ("acc", 2, 0.25),
        ("loss", 3, 0.125),
    ]
    assert points.warnings == [] and points.meta["records"] == 5
    assert points_by_tag(points) == reference_points(path)


def test_a_damaged_or_cut_record_longer_than_a_block(tmp_path, monkeypatch):
    path, offsets = big_records_file(tmp_path)
    monkeypatch.setattr(tb, "BLOCK_BYTES", 1 << 20)
    data = bytearray(path.read_bytes())
    data[offsets[1] + 1000] ^= 0x01  # inside the graph
    data[offsets[3] + 2000] ^= 0x01  # inside the image summary: its scalar goes too
    path.write_bytes(bytes(data))
    points = READER.read(path)
    assert [r[1] for r in rows(points)] == [0, 1, 3]
    assert points.warnings == checksum_warnings(path, offsets[1], offsets[3])
    path.write_bytes(bytes(data[: offsets[1] + (2 << 20)]))  # the file ends inside the graph
    points = READER.read(path)
    assert [r[1] for r in rows(points)] == [0]
    assert points.warnings == [
        f"{path.name}: truncated last record at byte {offsets[1]} (file still being written?)"
    ]


def test_the_reader_says_where_the_last_whole_record_ends(tmp_path: Path) -> None:
    """``meta["complete_bytes"]``: where a follower (``watch``) reads on from."""
    from writers import write_scalars

    path = write_scalars(tmp_path / "run", [("loss", step, 1.0 / step) for step in range(1, 6)])
    whole = path.read_bytes()
    full = TensorBoardReader().read(path)
    assert full.meta["complete_bytes"] == len(whole)
    path.write_bytes(whole[:-7])  # the last record cut mid-write
    cut = TensorBoardReader().read(path)
    assert len(cut.table) == len(full.table) - 1
    four = write_scalars(tmp_path / "four", [("loss", step, 1.0 / step) for step in range(1, 5)])
    assert cut.meta["complete_bytes"] == four.stat().st_size  # the header and 4 whole records
