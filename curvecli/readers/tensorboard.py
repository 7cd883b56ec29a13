"""TensorBoard event files (``events.out.tfevents.*``): every scalar, in file order, fast.

An event file is a TFRecord stream (FORMATS.md §2.2) of serialized ``Event`` protos (§2.3).
This module owns reading one such file into points: it walks the record framing, checks both
checksums of every record, and decodes the scalars by the decoder rule of §2.4 (``simple_value``,
or a rank-0 numeric tensor whose tag's plugin is ``scalars`` or absent). It never samples, merges
or de-duplicates; purge semantics are left to the analysis, which gets the ``SessionLog.START``
steps in ``meta["session_starts"]``. Speed comes from doing per-record work in numpy: record
boundaries are found from the length checksums, the data checksums of all records are checked
with one crc32c pass, and the summaries' values are grouped by (tag, layout) so that protobuf
decodes one representative per group while numpy reads the wall time, step and value of all the
others after checking that their bytes match the representative's. Events that fit no group
(session logs, values without a tag, odd encodings) are decoded one by one with the protobuf
classes that ship with tensorboard, which is also the reference the fast path is tested against.
The file is streamed: it is read in blocks of ``BLOCK_BYTES`` and each block's complete records
are decoded before the next is read, so memory holds one block plus the points, never the file.
"""

from __future__ import annotations

import math
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

import google_crc32c
import numpy as np
import pandas as pd
from google.protobuf.message import DecodeError
from tensorboard.compat.proto import event_pb2, summary_pb2, types_pb2

from curvecli import safeio
from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers import protowire
from curvecli.readers.base import Reader, check_not_pointer, read_head
from curvecli.readers.protowire import FIXED32, FIXED64, LENGTH_DELIMITED, VARINT, WireError

# Tests switch this off to run every record through the protobuf reference path.
_FAST_PATH = True

HEADER_BYTES = 12  # uint64 length + uint32 masked crc32c of the length
FOOTER_BYTES = 4  # uint32 masked crc32c of the data
RECORDS_PER_CHUNK = 1 << 16  # bounds the numpy temporaries of the decoder
SCAN_WINDOW = 1 << 24  # bytes per step of the record-boundary scan
BLOCK_BYTES = 1 << 22  # bytes read per step: the file is streamed, never held whole
PREFIX_BYTES = 64  # bytes of an oversized record read to tell whether it may hold scalars
PAD_BYTES = 16  # zeros after the file so that 8-byte reads near its end stay in bounds
MAX_LISTED = 20  # damaged records named one by one in the warnings before they are counted
# After this many records in a row that fail their data checksums a file is not read further:
# garbage whose framing happens to hold is not scanned to its end.
MAX_BAD_STREAK = 256
_NOT_EVENTS = "not a TensorBoard event file: the first record's length checksum is wrong"

_MASK_DELTA = 0xA282EAD8
_POLY = 0x82F63B78  # CRC-32C (Castagnoli), reflected
_CRC_RESIDUE = 0x48674BC7  # crc32c(data + le32(crc32c(data))) for any data

# Protobuf keys of the Event fields the fast path reads (one byte each).
_KEY_WALL_TIME = protowire.key(1, FIXED64)  # Event.wall_time
_KEY_STEP = protowire.key(2, VARINT)  # Event.step
_KEY_SUMMARY = protowire.key(5, LENGTH_DELIMITED)  # Event.summary
_KEY_VALUE = protowire.key(1, LENGTH_DELIMITED)  # Summary.value
_KEY_TAG = protowire.key(1, LENGTH_DELIMITED)  # Summary.Value.tag
# Event payloads that never hold scalars and can be large: graph_def, log_message,
# tagged_run_metadata, meta_graph_def. They are skipped without being decoded.
_KEYS_IGNORED = tuple(protowire.key(number, LENGTH_DELIMITED) for number in (4, 6, 8, 9))

# Summary.Value oneof fields: simple_value, obsolete histogram, image, histo, audio, tensor.
_VALUE_ONEOF = (2, 3, 4, 5, 6, 8)
# Keys of the Summary.Value fields (obsolete histogram, image, histo, audio) that never hold a
# scalar. A value whose tag is followed by one of them is grouped by tag alone, whatever its
# length, so that a histogram per step does not make a group per step.
_KEYS_NEVER_SCALAR = tuple(protowire.key(number, LENGTH_DELIMITED) for number in (3, 4, 5, 6))

# dtype -> (repeated field, its payload format, tensor_content payload format, width)
_TENSOR_RULE = {
    types_pb2.DT_FLOAT: (5, "f4", "f4", 4),
    types_pb2.DT_DOUBLE: (6, "f8", "f8", 8),
    types_pb2.DT_HALF: (13, "vf16", "f2", 2),
    types_pb2.DT_BFLOAT16: (13, "vbf16", "bf16", 2),
    types_pb2.DT_INT32: (7, "vint", "i4", 4),
    types_pb2.DT_INT64: (10, "vint", "i8", 8),
}
_FIXED_WIDTH = {"f4": 4, "f8": 8, "f2": 2, "bf16": 2, "i4": 4, "i8": 8}
_SCALAR_PLUGINS = ("scalars", "")
_BYTE_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


# --------------------------------------------------------------------------------------------
# crc32c: google_crc32c for the bytes, and numpy tables for the 8-byte length checksums


def _crc_table() -> list[int]:
    """The CRC-32C byte table (reflected), for the vectorised length checksums and the forge."""
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ (_POLY if crc & 1 else 0)
        table.append(crc)
    return table


_TABLE = _crc_table()
_TABLE_NP = np.array(_TABLE, dtype=np.uint32)


def _mask(crc: int) -> int:
    """TFRecord's masked crc: rotated right by 15 bits, plus a constant."""
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + _MASK_DELTA) & 0xFFFFFFFF


def _mask_np(crc: np.ndarray) -> np.ndarray:
    """``_mask`` of every crc of an array."""
    crc = crc.astype(np.uint32)
    return ((crc >> np.uint32(15)) | (crc << np.uint32(17))) + np.uint32(_MASK_DELTA)


def _unmask_np(masked: np.ndarray) -> np.ndarray:
    """The crcs behind an array of masked crcs."""
    rotated = masked.astype(np.uint32) - np.uint32(_MASK_DELTA)
    return (rotated >> np.uint32(17)) | (rotated << np.uint32(15))


def _crc32c_rows(rows: np.ndarray) -> np.ndarray:
    """crc32c of every row of a 2-D uint8 array (small rows: building the length tables)."""
    reg = np.full(len(rows), 0xFFFFFFFF, dtype=np.uint32)
    for column in range(rows.shape[1]):
        reg = _TABLE_NP[(reg ^ rows[:, column]) & 0xFF] ^ (reg >> np.uint32(8))
    return reg ^ np.uint32(0xFFFFFFFF)


def _length_crc_tables() -> tuple[np.ndarray, np.ndarray]:
    """Tables giving crc32c of an 8-byte little-endian length below 2**32 from its two halves.

    crc32c is affine, so crc(lo | hi << 16) == LOW[lo] ^ HIGH[hi] when HIGH carries the
    crc of eight zero bytes once more.
    """
    halves = np.arange(1 << 16, dtype=np.uint32)
    rows = np.zeros((1 << 16, 8), dtype=np.uint8)
    rows[:, 0] = halves & 0xFF
    rows[:, 1] = halves >> 8
    low = _crc32c_rows(rows)
    rows[:, 2:4] = rows[:, 0:2]
    rows[:, 0:2] = 0
    high = _crc32c_rows(rows) ^ np.uint32(google_crc32c.value(bytes(8)))
    return low, high


_LENGTH_CRC: tuple[np.ndarray, np.ndarray] | None = None


def _length_crc(low32: np.ndarray) -> np.ndarray:
    """crc32c of the 8-byte little-endian lengths whose low 32 bits are ``low32`` (high: 0)."""
    global _LENGTH_CRC
    if _LENGTH_CRC is None:
        _LENGTH_CRC = _length_crc_tables()
    low, high = _LENGTH_CRC
    return low[low32 & np.uint32(0xFFFF)] ^ high[low32 >> np.uint32(16)]


def _forge_reset_bytes() -> bytes:
    """12 bytes that take crc32c from the residue back to 0 (the crc of nothing).

    With every header replaced by these bytes and every footer unmasked, a run of records is
    ``data0 crc0 RESET data1 crc1 RESET ...``: its crc32c is the residue exactly when every
    record's data matches its checksum, so one C call checks a whole file.
    """
    state = google_crc32c.extend(_CRC_RESIDUE, bytes(8)) ^ 0xFFFFFFFF
    top_byte_index = {entry >> 24: index for index, entry in enumerate(_TABLE)}
    target = 0 ^ 0xFFFFFFFF
    indexes = [0] * 4
    reg = target
    for position in range(3, -1, -1):  # walk the table steps backwards from the target
        index = top_byte_index[reg >> 24]
        indexes[position] = index
        reg = ((reg ^ _TABLE[index]) << 8) & 0xFFFFFFFF
    forged = bytearray()
    reg = state
    for index in indexes:
        byte = (reg ^ index) & 0xFF
        forged.append(byte)
        reg = _TABLE[(reg ^ byte) & 0xFF] ^ (reg >> 8)
    reset = bytes(8) + bytes(forged)
    assert google_crc32c.extend(_CRC_RESIDUE, reset) == 0
    return reset


_RESET = _forge_reset_bytes()
_RESET_TAIL = struct.unpack("<I", _RESET[8:])[0]


# --------------------------------------------------------------------------------------------
# the file and its framing


@dataclass
class _File:
    """A file's bytes (plus zero padding) and unaligned little-endian views into them."""

    u8: np.ndarray
    size: int

    def __post_init__(self) -> None:
        usable = self.size + PAD_BYTES
        self.w4 = np.ndarray((usable - 3,), dtype="<u4", buffer=self.u8, strides=(1,))
        self.w8 = np.ndarray((usable - 7,), dtype="<u8", buffer=self.u8, strides=(1,))

    def clip(self, positions: np.ndarray) -> np.ndarray:
        """Positions made safe to read 8 bytes at (garbage positions only feed failed checks)."""
        return np.clip(positions, 0, self.size)

    def bytes_at(self, start: int, stop: int) -> bytes:
        return self.u8[start:stop].tobytes()


def _buffer(tail: np.ndarray, handle, want: int) -> tuple[_File, bool]:
    """``tail`` followed by up to ``want`` more bytes of ``handle``; True when they ran out."""
    u8 = np.empty(len(tail) + want + PAD_BYTES, dtype=np.uint8)
    u8[: len(tail)] = tail
    got = handle.readinto(memoryview(u8)[len(tail) : len(tail) + want]) if want else 0
    size = len(tail) + got
    u8[size:] = 0
    return _File(u8, size), got < want


def _header_candidates(file: _File) -> np.ndarray:
    """Offsets whose 12 bytes are a valid record header, assuming the Event starts with its
    wall time (every writer sets one) and is shorter than 4 GiB. Others are found by the walk."""
    u8, w4, size = file.u8, file.w4, file.size
    found = []
    for window in range(0, max(size - HEADER_BYTES, 0), SCAN_WINDOW):
        stop = min(window + SCAN_WINDOW, size - HEADER_BYTES)
        offsets = np.flatnonzero(u8[window + HEADER_BYTES : stop + HEADER_BYTES] == _KEY_WALL_TIME)
        offsets += window
        offsets = offsets[w4[offsets + 4] == 0]
        stored = w4[offsets + 8]
        offsets = offsets[_mask_np(_length_crc(w4[offsets])) == stored]
        found.append(offsets)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


@dataclass
class _Framing:
    """The complete records of one block (offsets within it), and where the next block resumes:
    the start of the record the block cut off, or None when nothing more can be framed."""

    starts: np.ndarray
    lengths: np.ndarray
    resume: int | None


def _frame(file: _File, path: Path, base: int, at_end: bool, warnings_out: list[str]) -> _Framing:
    """Frame the records of a block that starts at byte ``base`` of the file.

    Runs of candidate headers that chain (each record ends where the next starts) are taken as
    a whole; between runs the walk checks one header at a time, so a record without a wall time
    or a false candidate inside some record's data cannot derail it. A record cut off by the
    block's end is left for the next block, or, at the end of the file, reported as truncated.
    """
    return _BlockFramer(file, path, base, at_end, warnings_out).frame()


class _BlockFramer:
    """The state of framing one block (``_frame``): the candidate headers and how they chain,
    the runs of records framed so far, and where the next block resumes."""

    def __init__(self, file: _File, path: Path, base: int, at_end: bool, warnings_out: list[str]):
        self.file, self.path, self.base, self.at_end = file, path, base, at_end
        self.warnings_out = warnings_out
        self.candidates = _header_candidates(file).astype(np.int64)
        self.lengths = file.w4[self.candidates].astype(np.int64)
        self.next_offsets = self.candidates + HEADER_BYTES + self.lengths + FOOTER_BYTES
        self.breaks = np.flatnonzero(self.next_offsets[:-1] != self.candidates[1:])
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (starts, lengths) of chained runs
        self.walked: list[tuple[int, int]] = []  # records found one at a time since the last run
        self.resume: int | None = None

    def frame(self) -> _Framing:
        """Walk the block from its start: a chain of candidates at once, else one header."""
        candidates, pos = self.candidates, 0
        while pos is not None:
            if pos > self.file.size:  # the last record's data or footer is cut off
                self.cut_last_record()
                break
            index = int(np.searchsorted(candidates, pos))
            if index < len(candidates) and candidates[index] == pos:
                pos = self.take_chain(index)
            else:
                pos = self.walk_header(pos)
        self.flush_walked()
        if not self.runs:
            empty = np.zeros(0, dtype=np.int64)
            return _Framing(empty, empty, self.resume)
        starts = np.concatenate([r[0] for r in self.runs])
        return _Framing(starts, np.concatenate([r[1] for r in self.runs]), self.resume)

    def flush_walked(self) -> None:
        """The records walked one at a time since the last chain become one run."""
        if self.walked:
            walked_starts, walked_lengths = zip(*self.walked, strict=True)
            self.runs.append(
                (np.array(walked_starts, np.int64), np.array(walked_lengths, np.int64))
            )
            self.walked.clear()

    def take_chain(self, index: int) -> int:
        """Take the chain of candidates that starts at candidate ``index``; where it ends."""
        self.flush_walked()
        stop = int(np.searchsorted(self.breaks, index))
        last = int(self.breaks[stop]) if stop < len(self.breaks) else len(self.candidates) - 1
        self.runs.append((self.candidates[index : last + 1], self.lengths[index : last + 1]))
        return int(self.next_offsets[last])

    def cut_last_record(self) -> None:
        """The last record framed runs past the block: resumed by the next block, or, at the
        end of the file, reported as truncated."""
        self.flush_walked()
        run_starts, run_lengths = self.runs.pop()
        cut = int(run_starts[-1])
        if self.at_end:
            self.warnings_out.append(_truncation_warning(self.path, self.base + cut))
        else:
            self.resume = cut
        self.runs.append((run_starts[:-1], run_lengths[:-1]))

    def walk_header(self, pos: int) -> int | None:
        """Check the header at ``pos`` alone; the next record's start, or None when framing
        ends here (the block's end, a header cut off, or a bad length checksum)."""
        file, path, offset = self.file, self.path, self.base + pos
        if pos == file.size:
            self.resume = None if self.at_end else pos
            return None
        if file.size - pos < HEADER_BYTES:
            if not self.at_end:
                self.resume = pos
                return None
            if offset == 0:
                _check_event_file_start(file, path)
            self.warnings_out.append(_truncation_warning(path, offset))
            return None
        length, stored = struct.unpack_from("<QI", file.u8, pos)
        if _mask(google_crc32c.value(file.bytes_at(pos, pos + 8))) != stored:
            if offset == 0:
                raise FormatError(_NOT_EVENTS, path)
            self.warnings_out.append(
                f"{path.name}: bad length checksum at byte {offset}; framing lost, "
                f"the rest of the file is skipped"
            )
            return None
        self.walked.append((pos, length))
        return pos + HEADER_BYTES + length + FOOTER_BYTES


def _truncation_warning(path: Path, offset: int) -> str:
    return f"{path.name}: truncated last record at byte {offset} (file still being written?)"


def _check_event_file_start(file: _File, path: Path) -> None:
    """A file shorter than one header: fine if it could be the start of a record."""
    head = file.bytes_at(0, file.size)
    if len(head) >= 8 and head[4:8] != bytes(4):
        raise FormatError("not a TensorBoard event file: implausible first record length", path)


def _bad_data_records(file: _File, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Indexes of records whose data does not match its checksum.

    Headers and footers are rewritten in place (they have been read already) so that one
    crc32c pass over the whole run checks every record, and only a failure costs a
    per-record pass.
    """
    if not len(starts):
        return np.zeros(0, dtype=np.int64)
    footers = starts + HEADER_BYTES + lengths
    expected = _unmask_np(file.w4[footers])
    data_starts = starts + HEADER_BYTES
    file.w8[starts] = 0
    file.w4[starts + 8] = _RESET_TAIL
    file.w4[footers] = expected
    run = file.u8[int(data_starts[0]) : int(footers[-1]) + FOOTER_BYTES]
    if google_crc32c.value(run) == _CRC_RESIDUE:
        return np.zeros(0, dtype=np.int64)
    value, u8 = google_crc32c.value, file.u8
    computed = np.fromiter(
        map(value, map(u8.__getitem__, map(slice, data_starts.tolist(), footers.tolist()))),
        dtype=np.uint32,
        count=len(starts),
    )
    return np.flatnonzero(computed != expected)


# --------------------------------------------------------------------------------------------
# protobuf helpers shared by the reference path and the group layouts


def _fields(data: bytes, pos: int, end: int) -> list[tuple[int, int, int, int, int]]:
    """(field, wire type, key offset, value offset, value end) of each field in data[pos:end]."""
    return list(protowire.field_spans(data, pos, end))


def _unpack(fmt: str, raw: bytes) -> float | None:
    """A payload's value; None when it has the wrong size."""
    if fmt in _FIXED_WIDTH and len(raw) != _FIXED_WIDTH[fmt]:
        return None
    if fmt == "f4":
        return struct.unpack("<f", raw)[0]
    if fmt == "f8":
        return struct.unpack("<d", raw)[0]
    if fmt == "f2":
        return struct.unpack("<e", raw)[0]
    if fmt == "bf16":
        return struct.unpack("<f", b"\0\0" + raw)[0]
    if fmt == "i4":
        return float(struct.unpack("<i", raw)[0])
    if fmt == "i8":
        return float(struct.unpack("<q", raw)[0])
    try:  # varint formats
        bits, stop = protowire.read_varint(raw, 0, len(raw))
    except WireError:
        return None
    if stop != len(raw):
        return None
    return _from_bits(fmt, bits)


def _from_bits(fmt: str, bits: int) -> float:
    if fmt == "vf16":
        return struct.unpack("<e", struct.pack("<H", bits & 0xFFFF))[0]
    if fmt == "vbf16":
        return struct.unpack("<f", struct.pack("<I", (bits & 0xFFFF) << 16))[0]
    return float(protowire.signed64(bits & protowire.UINT64))  # vint: int32/int64 varints


def _tensor_scalar(tensor) -> float | None:
    """The decoder rule of FORMATS.md §2.4 for a TensorProto; None when it holds no scalar."""
    shape = tensor.tensor_shape
    if len(shape.dim) or shape.unknown_rank:
        return None
    rule = _TENSOR_RULE.get(tensor.dtype)
    if rule is None:
        return None
    field_number, _, content_fmt, _ = rule
    repeated = {
        5: tensor.float_val,
        6: tensor.double_val,
        13: tensor.half_val,
        7: tensor.int_val,
        10: tensor.int64_val,
    }[field_number]
    if len(repeated):
        if field_number == 13:
            return _from_bits("vf16" if tensor.dtype == types_pb2.DT_HALF else "vbf16", repeated[0])
        return float(repeated[0])
    if tensor.tensor_content:
        return _unpack(content_fmt, tensor.tensor_content)
    return None


def _value_scalar(value) -> tuple[float | None, bool]:
    """(scalar or None, whether it came from a tensor) for one Summary.Value."""
    kind = value.WhichOneof("value")
    if kind == "simple_value":
        return value.simple_value, False
    if kind == "tensor":
        return _tensor_scalar(value.tensor), True
    return None, False


# --------------------------------------------------------------------------------------------
# groups: records that share a tag and a byte layout


POINT, NONE, SLOW = "point", "none", "slow"


@dataclass
class _Layout:
    """Where a Summary.Value's scalar sits, relative to the start of the Value.

    ``span`` leading bytes must equal the representative's for a record to join the group
    (the payload bytes excepted); for POINT groups that is the whole Value.
    """

    kind: str
    span: int = 0
    offset: int = 0
    width: int = 0
    fmt: str = ""
    is_tensor: bool = False


def _locate_tensor_value(data: bytes, tensor_fields, dtype: int) -> _Layout | None:
    """Where a rank-0 tensor of ``dtype`` keeps its scalar (FORMATS.md §2.4): the first value of
    the dtype's repeated field, else a ``tensor_content`` of exactly one value; a NONE layout
    when neither holds one, None (leave it to protobuf) for an encoding the walk does not know.
    """
    field_number, repeated_fmt, content_fmt, width = _TENSOR_RULE[dtype]
    occurrences = [f for f in tensor_fields if f[0] == field_number]
    if occurrences:
        _, wire, _, start, stop = occurrences[0]
        if repeated_fmt.startswith("v"):
            if wire not in (VARINT, LENGTH_DELIMITED) or start == stop:
                return None
            _, end = protowire.read_varint(data, start, stop)
            return _Layout(POINT, offset=start, width=end - start, fmt=repeated_fmt, is_tensor=True)
        fixed_wire = FIXED32 if width == 4 else FIXED64
        if wire == LENGTH_DELIMITED and stop - start >= width and (stop - start) % width == 0:
            return _Layout(POINT, offset=start, width=width, fmt=repeated_fmt, is_tensor=True)
        if wire == fixed_wire:
            return _Layout(POINT, offset=start, width=width, fmt=repeated_fmt, is_tensor=True)
        return None
    contents = [f for f in tensor_fields if f[0] == 4]
    if contents and contents[0][1] == LENGTH_DELIMITED:
        _, _, _, start, stop = contents[0]
        if stop - start == _FIXED_WIDTH[content_fmt]:
            return _Layout(POINT, offset=start, width=stop - start, fmt=content_fmt, is_tensor=True)
    return _Layout(NONE)  # no value where the rule looks: not a scalar, whatever the rest says


def _value_layout(data: bytes) -> _Layout:
    """The layout of one serialized Summary.Value (the group's representative)."""
    try:
        return _walk_value(data)
    except WireError:
        return _Layout(SLOW)


def _walk_value(data: bytes) -> _Layout:
    """The layout of a Summary.Value by its fields: one tag and at most one oneof member.

    A ``simple_value`` is a POINT; a histogram, image or audio right after the tag is NONE
    for every value sharing the tag and that key; a tensor is decided by ``_tensor_layout``.
    Anything protobuf would merge or read differently (a repeated field, a member away from
    the tag, an unexpected wire type) is SLOW, left to protobuf.
    """
    fields = _fields(data, 0, len(data))
    numbers = [f[0] for f in fields]
    oneof = [f for f in fields if f[0] in _VALUE_ONEOF]
    if numbers.count(1) != 1 or numbers.count(7) > 1 or numbers.count(9) > 1 or len(oneof) > 1:
        return _Layout(SLOW)  # duplicated fields merge in protobuf; leave that to protobuf
    tag_end = fields[0][4]
    if not oneof:
        return _Layout(NONE, span=len(data))
    number, wire, key_at, start, stop = oneof[0]
    if number == 2:
        if wire != FIXED32:
            return _Layout(SLOW)
        return _Layout(POINT, span=len(data), offset=start, width=4, fmt="f4")
    if key_at != tag_end:
        return _Layout(SLOW)
    if number != 8:
        # histogram, image, audio: the key right after the tag decides it
        return _Layout(NONE, span=tag_end + 1)
    if wire != LENGTH_DELIMITED:
        return _Layout(SLOW)
    return _tensor_layout(data, start, stop)


def _tensor_layout(data: bytes, start: int, stop: int) -> _Layout:
    """The layout of the TensorProto at ``data[start:stop]`` inside a Summary.Value.

    A rank-0 tensor of a known dtype is located by ``_locate_tensor_value`` (its span: the
    whole Value); any other tensor is NONE, decided by its leading dtype and shape fields.
    A repeated dtype, shape or content field, or one of another wire type, is SLOW.
    """
    tensor_fields = _fields(data, start, stop)
    tensor_numbers = [f[0] for f in tensor_fields]
    if any(tensor_numbers.count(number) > 1 for number in (1, 2, 4)):
        return _Layout(SLOW)
    expected_wire = {1: VARINT, 2: LENGTH_DELIMITED}  # dtype is a varint, tensor_shape a message
    if any(expected_wire.get(f[0], f[1]) != f[1] for f in tensor_fields):
        return _Layout(SLOW)  # protobuf keeps a field of another wire type as an unknown one
    dtype = next((_varint_field(data, f) for f in tensor_fields if f[0] == 1), 0)
    rank0 = _is_rank0(data, tensor_fields)
    if rank0 is None:
        return _Layout(SLOW)
    if rank0 and dtype in _TENSOR_RULE:
        layout = _locate_tensor_value(data, tensor_fields, dtype)
        if layout is None:
            return _Layout(SLOW)
        layout.span = len(data)
        return layout
    return _non_scalar_layout(tensor_fields, dtype)


def _is_rank0(data: bytes, tensor_fields) -> bool | None:
    """Whether a tensor's shape has no dimension; None for ``unknown_rank`` (rare enough to
    leave to protobuf)."""
    rank0 = True
    for _, _, _, shape_start, shape_stop in (f for f in tensor_fields if f[0] == 2):
        for dim_number, dim_wire, *_ in _fields(data, shape_start, shape_stop):
            if dim_number == 3:  # unknown_rank
                return None
            if (dim_number, dim_wire) == (2, LENGTH_DELIMITED):  # a dimension
                rank0 = False
    return rank0


def _non_scalar_layout(tensor_fields, dtype: int) -> _Layout:
    """A tensor that is not a scalar: NONE for every record sharing the bytes of its leading
    dtype field (an unknown dtype) or dtype and shape fields (a known one); SLOW when those
    fields do not lead the tensor."""
    if not tensor_fields or tensor_fields[0][0] != 1:
        return _Layout(SLOW)
    if dtype not in _TENSOR_RULE:
        return _Layout(NONE, span=tensor_fields[0][4])
    if len(tensor_fields) < 2 or tensor_fields[1][0] != 2:
        return _Layout(SLOW)
    return _Layout(NONE, span=tensor_fields[1][4])


def _varint_field(data: bytes, field) -> int:
    """The integer of a varint field found by ``_fields``."""
    return protowire.read_varint(data, field[3], field[4])[0]


def _same_float(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    if math.isnan(a) and math.isnan(b):
        return True
    return struct.pack("<d", a) == struct.pack("<d", b)


@dataclass
class _Group:
    """A (tag, layout) group: what a record must share with the representative to join it.

    Members need the same tag length, the same number of bytes after the tag (-1: any, see
    ``_KEYS_NEVER_SCALAR``), the same first byte after it, the same tag hash and the same
    ``ref`` bytes from the tag's end on (where ``mask`` is set; the payload is masked out).
    ``payload`` is relative to the tag's end.
    """

    layout: _Layout
    tag_code: int = -1
    tag_length: int = -1
    mid_length: int = -1
    key: int = -1
    payload: int = 0
    ref: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    mask: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))


def _group_words(mid: bytes, payload: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """``mid`` as little-endian words (payload zeroed) and the mask of the bytes to compare."""
    words = -(-len(mid) // 8)
    raw = np.zeros(words * 8, dtype=np.uint8)
    raw[: len(mid)] = np.frombuffer(mid, dtype=np.uint8)
    keep = np.zeros(words * 8, dtype=np.uint8)
    keep[: len(mid)] = 0xFF
    keep[payload : payload + width] = 0
    mask = keep.view("<u8").astype(np.uint64)
    return raw.view("<u8").astype(np.uint64) & mask, mask


# --------------------------------------------------------------------------------------------
# vectorised field reading


def _varints(file: _File, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, size in bytes, well formed) of the varint at each position."""
    u8 = file.u8
    positions = file.clip(positions)
    byte = u8[positions]
    value = (byte & 0x7F).astype(np.uint64)
    size = np.ones(len(positions), dtype=np.int64)
    active = np.flatnonzero(byte >= 0x80)
    for shift in range(1, 10):
        if not len(active):
            break
        byte = u8[positions[active] + shift]
        value[active] |= (byte & 0x7F).astype(np.uint64) << np.uint64(7 * shift)
        size[active] += 1
        active = active[byte >= 0x80]
    well_formed = np.ones(len(positions), dtype=bool)
    well_formed[active] = False
    return value, size, well_formed


def _keyed_length(file: _File, key_at: np.ndarray, key: int, end: np.ndarray):
    """For a length-delimited field expected at ``key_at``: (ok, content start, content length)."""
    ok = (key_at < end) & (file.u8[file.clip(key_at)] == key)
    length, size, well_formed = _varints(file, key_at + 1)
    start = key_at + 1 + size
    length = length.astype(np.int64)
    ok &= well_formed & (length >= 0) & (start <= end)
    return ok, start, length


_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def _group_hash(file: _File, tag_start, tag_length, mid_length, key) -> np.ndarray:
    """A 64-bit hash of (tag bytes, tag length, bytes after the tag, first byte after it).

    Each tag word is mixed in as ``h = (h ^ word) * odd``, a bijection of ``h`` for a fixed
    word and of the word for a fixed ``h``; so two tags with the same length, followed by the
    same number of bytes and the same key byte (which group members must match anyway), can
    only have the same hash if they are the same tag.
    """
    digest = tag_length.astype(np.uint64) * np.uint64(0x100000001B3)
    digest ^= mid_length.astype(np.uint64) << np.uint64(20)
    digest ^= key.astype(np.uint64) << np.uint64(54)
    active = np.arange(len(tag_start))
    word = 0
    while len(active):
        active = active[tag_length[active] > 8 * word]
        if not len(active):
            break
        remaining = np.minimum(tag_length[active] - 8 * word, 8)
        chunk = file.w8[np.minimum(tag_start[active] + 8 * word, file.size)]
        digest[active] = (digest[active] ^ (chunk & _BYTE_MASKS[remaining])) * _HASH_MULTIPLIER
        word += 1
    return digest


def _first_positions(codes: np.ndarray) -> np.ndarray:
    """Index of the first record of each code, for codes numbered by first appearance."""
    running = np.maximum.accumulate(codes)
    return np.flatnonzero(np.diff(running, prepend=-1) > 0)


# --------------------------------------------------------------------------------------------
# the decoder


@dataclass
class _Prefix:
    """What the vectorised parse of each record of a chunk found before the summary's values.

    ``summary`` marks events whose last field is a well-formed summary (the fast path's
    records); ``skipped`` marks events that never hold scalars (graphs, run metadata, log
    messages).
    """

    wall: np.ndarray
    step: np.ndarray
    summary: np.ndarray
    skipped: np.ndarray
    summary_start: np.ndarray
    end: np.ndarray


def _parse_prefix(file: _File, starts: np.ndarray, lengths: np.ndarray) -> _Prefix:
    u8 = file.u8
    begin = starts + HEADER_BYTES
    end = begin + lengths
    has_wall = (lengths >= 9) & (u8[file.clip(begin)] == _KEY_WALL_TIME)
    wall = np.where(has_wall, file.w8[file.clip(begin + 1)].view(np.float64), 0.0)
    pos = begin + 9 * has_wall
    with_step = np.flatnonzero((pos < end) & (u8[file.clip(pos)] == _KEY_STEP))
    step_bits = np.zeros(len(starts), dtype=np.uint64)
    bits, step_size, well_formed = _varints(file, pos[with_step] + 1)
    step_bits[with_step] = bits
    pos[with_step] += 1 + step_size
    skipped = (pos < end) & np.isin(u8[file.clip(pos)], _KEYS_IGNORED)
    summary, summary_start, summary_length = _keyed_length(file, pos, _KEY_SUMMARY, end)
    summary &= summary_start + summary_length == end
    summary[with_step[~well_formed]] = False
    return _Prefix(wall, step_bits.view(np.int64), summary, skipped, summary_start, end)


@dataclass
class _Values:
    """The tagged values of the summaries of a chunk, in file order.

    ``row`` is the record each value belongs to; ``broken_rows`` are summaries whose value
    list the vectorised walk could not follow (they take the reference path whole).
    """

    row: np.ndarray
    value_start: np.ndarray
    tag_start: np.ndarray
    tag_end: np.ndarray
    end: np.ndarray
    broken_rows: np.ndarray


def _summary_values(file: _File, prefix: _Prefix) -> _Values:
    """Walk the values of all summaries side by side: round k reads every summary's k-th value."""
    rows = np.flatnonzero(prefix.summary)
    pos, end = prefix.summary_start[rows], prefix.end[rows]
    broken = np.zeros(len(rows), dtype=bool)
    rounds = []
    active = np.flatnonzero(pos < end)
    while len(active):
        ok, value_start, value_length = _keyed_length(file, pos[active], _KEY_VALUE, end[active])
        value_end = value_start + value_length
        ok &= value_end <= end[active]
        tagged, tag_start, tag_length = _keyed_length(file, value_start, _KEY_TAG, value_end)
        ok &= tagged & (tag_length > 0) & (tag_start + tag_length <= value_end)
        broken[active[~ok]] = True
        active = active[ok]
        rounds.append(
            (active, value_start[ok], tag_start[ok], (tag_start + tag_length)[ok], value_end[ok])
        )
        pos[active] = value_end[ok]
        active = active[pos[active] < end[active]]
    if not rounds:
        empty = np.zeros(0, dtype=np.int64)
        return _Values(empty, empty, empty, empty, empty, rows[broken])
    columns = [np.concatenate(column) for column in zip(*rounds, strict=True)]
    if len(rounds) > 1:  # a stable sort by record keeps each record's values in order
        order = np.argsort(columns[0], kind="stable")
        columns = [column[order] for column in columns]
    index, value_start, tag_start, tag_end, value_end = columns
    keep = ~broken[index]
    return _Values(
        rows[index[keep]],
        value_start[keep],
        tag_start[keep],
        tag_end[keep],
        value_end[keep],
        rows[broken],
    )


_POINT_FIELDS = ("rows", "tags", "tensors", "steps", "walls", "values")


@dataclass
class _Points:
    """Points of one chunk in file order: the record (row) each came from and its columns."""

    rows: np.ndarray
    tags: np.ndarray
    tensors: np.ndarray  # from a tensor, so kept only if the tag's plugin allows it
    steps: np.ndarray
    walls: np.ndarray
    values: np.ndarray

    @classmethod
    def empty(cls) -> _Points:
        return cls(
            *(
                np.zeros(0, dtype)
                for dtype in (np.int64, np.int32, bool, np.int64, np.float64, np.float64)
            )
        )

    def select(self, keep: np.ndarray) -> _Points:
        return _Points(*(getattr(self, name)[keep] for name in _POINT_FIELDS))

    def merge(self, other: _Points) -> _Points:
        """Both sets of points in record order (a record's own points keep their order)."""
        rows = np.concatenate([self.rows, other.rows])
        order = np.argsort(rows, kind="stable")
        return _Points(
            rows[order],
            *(
                np.concatenate([getattr(self, name), getattr(other, name)])[order]
                for name in _POINT_FIELDS[1:]
            ),
        )


@dataclass
class _GroupTable:
    """The groups met in one chunk, as arrays indexed by the chunk's group numbers."""

    groups: list[_Group]

    def __post_init__(self) -> None:
        groups = self.groups

        def column(attribute, dtype=np.int64):
            return np.array([attribute(group) for group in groups], dtype=dtype)

        self.usable = column(lambda g: g.layout.kind != SLOW, bool)
        self.is_point = column(lambda g: g.layout.kind == POINT, bool)
        self.is_tensor = column(lambda g: g.layout.is_tensor, bool)
        self.tag_code = column(lambda g: g.tag_code)
        self.tag_length = column(lambda g: g.tag_length)
        self.mid_length = column(lambda g: g.mid_length)
        self.key = column(lambda g: g.key)
        self.payload = column(lambda g: g.payload)
        self.width = column(lambda g: g.layout.width)
        self.fmt = [group.layout.fmt for group in groups]
        self.words = column(lambda g: len(g.ref))
        width = max(int(self.words.max()), 1)
        self.refs = np.zeros((len(groups), width), dtype=np.uint64)
        self.masks = np.zeros_like(self.refs)
        for index, group in enumerate(groups):
            self.refs[index, : len(group.ref)] = group.ref
            self.masks[index, : len(group.mask)] = group.mask


def _decode_payloads(file: _File, fmt: str, positions: np.ndarray, widths: np.ndarray):
    """(values, well formed) of payloads of one format at ``positions``."""
    good = np.ones(len(positions), dtype=bool)
    if fmt in ("f8", "i8"):
        raw8 = file.w8[positions]
        return (raw8.view(np.float64) if fmt == "f8" else raw8.view(np.int64)), good
    if fmt in ("f4", "i4"):
        raw4 = file.w4[positions]
        return (raw4.view(np.float32) if fmt == "f4" else raw4.view(np.int32)), good
    if fmt in ("f2", "bf16"):
        bits = file.w4[positions] & np.uint32(0xFFFF)
    else:
        varint_bits, size, good = _varints(file, positions)
        good &= size == widths
        if fmt == "vint":
            return varint_bits.view(np.int64), good
        bits = (varint_bits & np.uint64(0xFFFF)).astype(np.uint32)
    if fmt in ("f2", "vf16"):
        return bits.astype(np.uint16).view(np.float16), good
    return (bits << np.uint32(16)).view(np.float32), good  # bfloat16 is a float32's top half


def _value_shapes(file: _File, values: _Values):
    """(tag length, bytes after the tag, first byte after the tag) of every value: what a
    value must share with its group's representative. The byte is 256 when there is none;
    the length after the tag is -1 (any) when that key never holds a scalar."""
    tag_length, mid_length = values.tag_end - values.tag_start, values.end - values.tag_end
    key = np.where(mid_length > 0, file.u8[file.clip(values.tag_end)], 256).astype(np.int64)
    mid_length[np.isin(key, _KEYS_NEVER_SCALAR)] = -1
    return tag_length, mid_length, key


def _group_matches(
    file: _File, table: _GroupTable, codes, tag_end, tag_length, mid_length, key
) -> np.ndarray:
    """Which values join their group: a usable group, the same shape, and the same bytes as
    the representative from the tag's end on (payload masked out), compared 8 bytes a step."""
    matches = table.usable[codes]
    matches &= table.tag_length[codes] == tag_length
    matches &= table.mid_length[codes] == mid_length
    matches &= table.key[codes] == key
    record_words = table.words[codes]
    active = np.flatnonzero(matches)
    for word in range(table.refs.shape[1]):
        active = active[record_words[active] > word]
        if not len(active):
            break
        chunk = file.w8[np.minimum(tag_end[active] + 8 * word, file.size)]
        local = codes[active]
        matches[active] &= (chunk & table.masks[local, word]) == table.refs[local, word]
    return matches


def _group_payloads(file: _File, table: _GroupTable, codes, tag_end, matches: np.ndarray):
    """(decoded values, which values are points) of the values that joined a POINT group,
    one payload format at a time. A payload that does not decode (a varint of another size)
    clears the value's entry in ``matches``, in place: its record takes the reference path."""
    is_point = matches & table.is_point[codes]
    decoded_values = np.full(len(codes), np.nan)
    point_fmts = {fmt for fmt, point in zip(table.fmt, table.is_point, strict=True) if point}
    for fmt in sorted(point_fmts):
        of_fmt = np.array([f == fmt for f in table.fmt])
        selected = np.flatnonzero(is_point & of_fmt[codes])
        group_of = codes[selected]
        decoded, good = _decode_payloads(
            file, fmt, tag_end[selected] + table.payload[group_of], table.width[group_of]
        )
        decoded_values[selected] = decoded
        matches[selected[~good]] = False
        is_point &= matches
    return decoded_values, is_point


HPARAMS_PLUGIN = "hparams"


def session_hparams(blobs: list[bytes]) -> dict:
    """The hyper-parameters of the hparams plugin's ``session_start_info`` records (what
    Keras' hparams callback, torch's ``add_hparams`` and Lightning's TensorBoardLogger
    write): numbers (integral ones as int), strings and booleans; unreadable records
    skipped."""
    if not blobs:
        return {}
    from tensorboard.plugins.hparams import plugin_data_pb2

    found: dict = {}
    for blob in blobs:
        try:
            data = plugin_data_pb2.HParamsPluginData.FromString(blob)
        except DecodeError:
            continue
        if not data.HasField("session_start_info"):
            continue
        for key, value in data.session_start_info.hparams.items():
            kind = value.WhichOneof("kind")
            if kind == "number_value":
                number = value.number_value
                found[key] = int(number) if float(number).is_integer() else number
            elif kind in ("string_value", "bool_value"):
                found[key] = getattr(value, kind)
    return found


class _Decoder:
    """Turns the records of one file into points, chunk by chunk, in file order."""

    def __init__(self, path: Path):
        self.file: _File | None = None  # the block being decoded
        self.base = 0  # its offset in the file
        self.path = path
        self.tags: dict[str, int] = {}
        self.groups: dict[int, _Group] = {}
        self.first_metadata: dict[int, tuple[int, str]] = {}  # tag -> (record, plugin)
        self.file_version: str | None = None
        self.session_starts: list[int] = []
        self.hparams: list[bytes] = []  # the hparams plugin's records (session_start_info)
        self.invalid_events: list[int] = []
        self.chunks: list[_Points] = []

    def tag_code(self, tag: str) -> int:
        code = self.tags.get(tag)
        if code is None:
            code = self.tags[tag] = len(self.tags)
        return code

    def note_metadata(self, tag_code: int, record: int, metadata) -> None:
        """TB keeps the first metadata of a tag and ignores later ones; so does this. The
        hparams plugin's content (a run's hyper-parameters) is kept for the run's meta."""
        plugin = metadata.plugin_data.plugin_name
        if plugin == HPARAMS_PLUGIN:
            self.hparams.append(metadata.plugin_data.content)
        seen = self.first_metadata.get(tag_code)
        if seen is None or record < seen[0]:
            self.first_metadata[tag_code] = (record, plugin)

    def decode_block(
        self, file: _File, base: int, starts: np.ndarray, lengths: np.ndarray, first_record: int
    ) -> None:
        """Decode the checked records of one block read from byte ``base`` of the file."""
        self.file, self.base = file, base
        for first in range(0, len(starts), RECORDS_PER_CHUNK):
            stop = first + RECORDS_PER_CHUNK
            self.decode(starts[first:stop], lengths[first:stop], first_record + first)
        self.file = None

    def decode(self, starts: np.ndarray, lengths: np.ndarray, first_record: int) -> None:
        """Decode one chunk of records; ``first_record`` is the index of its first record."""
        prefix = _parse_prefix(self.file, starts, lengths)
        if _FAST_PATH:
            values = _summary_values(self.file, prefix)
            points, unmatched = self.decode_fast(prefix, values, first_record)
            slow = np.flatnonzero(~prefix.summary & ~prefix.skipped)
            redo = np.union1d(values.broken_rows, unmatched)
            if len(redo):  # a record is decoded whole by one path or the other
                points = points.select(~np.isin(points.rows, redo))
                slow = np.union1d(slow, redo)
        else:
            points, slow = _Points.empty(), np.arange(len(starts))
        if len(slow):
            points = points.merge(self.decode_slow(starts, lengths, slow, first_record))
        points.rows = None  # only needed to merge in order; the table does not keep it
        points.tags = points.tags.astype(np.int32)
        self.chunks.append(points)

    def decode_fast(self, prefix: _Prefix, values: _Values, first_record: int):
        """Points of the summaries' values, and the records with a value that fit no group.

        Values are grouped by (tag, bytes after the tag, key after the tag); a value joins its
        group when its bytes match the representative's outside the payload, and its payload
        then decodes by the group's layout. A record with a value that does not is returned
        for the reference path.
        """
        file = self.file
        rows = values.row
        if not len(rows):
            return _Points.empty(), rows
        tag_length, mid_length, key = _value_shapes(file, values)
        codes, digests = pd.factorize(
            _group_hash(file, values.tag_start, tag_length, mid_length, key)
        )
        table = self.group_table(values, codes, digests, first_record)
        matches = _group_matches(file, table, codes, values.tag_end, tag_length, mid_length, key)
        decoded_values, is_point = _group_payloads(file, table, codes, values.tag_end, matches)
        point_rows = rows[is_point]
        group_of = codes[is_point]
        points = _Points(
            point_rows,
            table.tag_code[group_of],
            table.is_tensor[group_of],
            prefix.step[point_rows],
            prefix.wall[point_rows],
            decoded_values[is_point],
        )
        return points, np.unique(rows[~matches])

    def group_table(
        self, values: _Values, codes: np.ndarray, digests: np.ndarray, first_record: int
    ) -> _GroupTable:
        """The groups of a chunk's values (group hash ``digests``, numbered by ``codes``):
        known ones from earlier chunks, new ones derived from their first value."""
        groups = []
        for digest, first in zip(digests.tolist(), _first_positions(codes), strict=True):
            group = self.groups.get(digest)
            if group is None:
                group = self.groups[digest] = self.new_group(
                    int(values.value_start[first]),
                    int(values.tag_start[first]),
                    int(values.tag_end[first]),
                    int(values.end[first]),
                    first_record + int(values.row[first]),
                )
            groups.append(group)
        return _GroupTable(groups)

    def new_group(self, value_start: int, tag_start: int, tag_end: int, end: int, record: int):
        """Decode a group's first record with protobuf and derive the layout all share."""
        data = self.file.bytes_at(value_start, end)
        try:
            value = summary_pb2.Summary.Value.FromString(data)
        except DecodeError:
            return _Group(_Layout(SLOW))
        layout = _value_layout(data)
        if layout.kind == POINT:  # the walker and protobuf must agree on the value
            expected, _ = _value_scalar(value)
            raw = data[layout.offset : layout.offset + layout.width]
            if not _same_float(expected, _unpack(layout.fmt, raw)):
                layout = _Layout(SLOW)
        if layout.kind == SLOW:
            return _Group(layout)
        tag_code = self.tag_code(value.tag)
        if value.HasField("metadata"):
            self.note_metadata(tag_code, record, value.metadata)
        tag_end -= value_start
        key = data[tag_end] if len(data) > tag_end else 256
        payload = layout.offset - tag_end if layout.kind == POINT else 0
        ref, mask = _group_words(data[tag_end : layout.span], payload, layout.width)
        return _Group(
            layout,
            tag_code=tag_code,
            tag_length=tag_end - (tag_start - value_start),
            mid_length=-1 if key in _KEYS_NEVER_SCALAR else len(data) - tag_end,
            key=key,
            payload=payload,
            ref=ref,
            mask=mask,
        )

    def decode_slow(self, starts, lengths, rows, first_record) -> _Points:
        """Decode records one by one with protobuf: the reference path."""
        file = self.file
        columns = ([], [], [], [], [], [])
        add_row, add_tag, add_tensor, add_step, add_wall, add_value = (c.append for c in columns)
        for row in rows.tolist():
            start = int(starts[row]) + HEADER_BYTES
            try:
                event = event_pb2.Event.FromString(file.bytes_at(start, start + int(lengths[row])))
            except DecodeError:
                self.invalid_events.append(self.base + start - HEADER_BYTES)
                continue
            what = event.WhichOneof("what")
            if what == "file_version" and self.file_version is None:
                self.file_version = event.file_version
            elif what == "session_log" and event.session_log.status == event_pb2.SessionLog.START:
                self.session_starts.append(event.step)
            elif what == "summary":
                for value in event.summary.value:
                    # TB names a tensor without a tag by its node name; simple values too here
                    tag_code = self.tag_code(value.tag or value.node_name)
                    if value.HasField("metadata"):
                        self.note_metadata(tag_code, first_record + row, value.metadata)
                    scalar, is_tensor = _value_scalar(value)
                    if scalar is not None:
                        add_row(row)
                        add_tag(tag_code)
                        add_tensor(is_tensor)
                        add_step(event.step)
                        add_wall(event.wall_time)
                        add_value(scalar)
        dtypes = (np.int64, np.int64, bool, np.int64, np.float64, np.float64)
        return _Points(*(np.array(c, dtype) for c, dtype in zip(columns, dtypes, strict=True)))

    def finish(self) -> pd.DataFrame:
        """The points table (tensor points kept only for tags whose plugin allows them)."""
        chunks, self.chunks = self.chunks, []
        columns = {}
        for name in ("tags", "tensors", "steps", "walls", "values"):
            # one column at a time, so that only one column is ever held twice
            columns[name] = np.concatenate(
                [getattr(c, name) for c in chunks] or [getattr(_Points.empty(), name)]
            )
            for chunk in chunks:
                setattr(chunk, name, None)
        tags = columns["tags"]
        accepts = np.ones(len(self.tags), dtype=bool)
        for code, (_, plugin) in self.first_metadata.items():
            accepts[code] = plugin in _SCALAR_PLUGINS
        if len(tags) and not accepts.all():
            keep = ~columns["tensors"] | accepts[tags]
            for name in ("tags", "steps", "walls", "values"):
                columns[name] = columns[name][keep]
            tags = columns["tags"]
        used = np.zeros(len(self.tags), dtype=bool)
        used[tags] = True
        renumber = (np.cumsum(used) - 1).astype(np.int32)
        names = [name for name, is_used in zip(self.tags, used.tolist(), strict=True) if is_used]
        tag = pd.Categorical.from_codes(renumber[tags], categories=pd.Index(names, dtype=object))
        return points_table(
            tag=tag, step=columns["steps"], value=columns["values"], wall_time=columns["walls"]
        )


def _offset_warnings(path: Path, offsets: list[int], problem: str, problems: str) -> list[str]:
    """One warning per damaged record, up to a limit, then one that counts the rest."""
    listed = [f"{path.name}: record at byte {o} {problem}; skipped" for o in offsets[:MAX_LISTED]]
    rest = offsets[MAX_LISTED:]
    if rest:
        listed.append(
            f"{path.name}: {len(rest)} more records {problems} "
            f"(the last at byte {rest[-1]}); skipped"
        )
    return listed


def _stream(
    handle, limit: int, decoder: _Decoder, bad_offsets: list[int], warnings_out: list[str]
) -> tuple[int, int]:
    """Read the first ``limit`` bytes of an event file block by block into ``decoder``.

    Each block's complete records are checked and decoded before the next block is read; the
    record a block cuts off starts the next one. A record longer than a block is streamed past
    (``_pass_big_record``). Returns the number of records read and the offset where the last
    whole record ends (where a follower reads on from).
    """
    path = decoder.path
    base, records, end, streak = 0, 0, 0, 0
    tail = np.zeros(0, dtype=np.uint8)
    while True:
        want = max(min(BLOCK_BYTES, limit - base - len(tail)), 0)
        file, short = _buffer(tail, handle, want)
        at_end = short or base + file.size >= limit
        framing = _frame(file, path, base, at_end, warnings_out)
        starts, lengths = framing.starts, framing.lengths
        if len(starts):
            end = base + int(starts[-1]) + HEADER_BYTES + int(lengths[-1]) + FOOTER_BYTES
        bad = _bad_data_records(file, starts, lengths)
        streak = _bad_streak(streak, bad, len(starts))
        if len(bad):
            bad_offsets += (base + starts[bad]).tolist()
            keep = np.ones(len(starts), dtype=bool)
            keep[bad] = False
            starts, lengths = starts[keep], lengths[keep]
        decoder.decode_block(file, base, starts, lengths, records)
        records += len(starts)
        if streak >= MAX_BAD_STREAK:
            warnings_out.append(_bad_streak_warning(path, streak))
            return records, end
        resume = framing.resume
        if resume is None:
            return records, end
        length = int(file.w8[resume]) if file.size - resume >= HEADER_BYTES else 0
        if HEADER_BYTES + length + FOOTER_BYTES <= BLOCK_BYTES:
            tail = file.u8[resume : file.size].copy()
            base += resume
            continue
        # a record longer than a block: its header has been checked; read its data in pieces
        prefix = HEADER_BYTES + min(length, PREFIX_BYTES)
        head = file.bytes_at(resume, min(file.size, resume + prefix))
        handle.seek(base + resume + len(head))  # the block read some of its data already
        del file
        outcome = _pass_big_record(handle, head, length, limit - base - resume)
        if outcome is None:  # cut off by the end of the file
            warnings_out.append(_truncation_warning(path, base + resume))
            return records, end
        records += _decode_big_record(decoder, outcome, base + resume, length, records,
                                      bad_offsets)
        base += resume + HEADER_BYTES + length + FOOTER_BYTES
        end = base
        tail = np.zeros(0, dtype=np.uint8)


def _decode_big_record(decoder: _Decoder, outcome: tuple, offset: int, length: int,
                       records: int, bad_offsets: list[int]) -> int:
    """A record longer than a block, read past by ``_pass_big_record``: its offset noted
    when its data fails the checksum, else a summary decoded alone (as a block of one
    record). Returns how many records it counts for (0 or 1)."""
    data, good = outcome
    if not good:
        bad_offsets.append(offset)
        return 0
    if data is not None:
        single = np.zeros(HEADER_BYTES + length + PAD_BYTES, dtype=np.uint8)
        single[HEADER_BYTES : HEADER_BYTES + length] = np.frombuffer(data, np.uint8)
        decoder.decode_block(_File(single, HEADER_BYTES + length), offset,
                             np.zeros(1, np.int64), np.array([length], np.int64), records)
    return 1


def _bad_streak(streak: int, bad: np.ndarray, total: int) -> int:
    """How many records in a row now fail their data checksums: ``streak`` before a block of
    ``total`` records whose indices ``bad`` (sorted) failed."""
    if not len(bad):
        return streak if not total else 0
    run = bad[::-1] == np.arange(total - 1, total - 1 - len(bad), -1)
    trailing = len(bad) if run.all() else int(np.argmin(run))
    return streak + total if trailing == total else trailing


def _bad_streak_warning(path: Path, count: int) -> str:
    return (f"{path.name}: {count} records in a row fail their data checksums: not an event "
            f"file, or a damaged one; the rest of the file is skipped")


def _skippable(data: bytes) -> bool:
    """True when an Event's bytes start (after wall time and step) with a field that never
    holds scalars: a graph, log message or run metadata."""
    pos = 0
    try:
        if data[:1] == bytes([_KEY_WALL_TIME]):
            pos = 9
        if data[pos : pos + 1] == bytes([_KEY_STEP]):
            _, pos = protowire.read_varint(data, pos + 1, len(data))
    except WireError:
        return False
    return data[pos : pos + 1] != b"" and data[pos] in _KEYS_IGNORED


def _pass_big_record(handle, head: bytes, length: int, available: int):
    """Read past one record longer than a block, ``head`` being its first bytes.

    Returns None when the file ends inside it, else (data, good): ``good`` tells whether its
    data checksum holds; ``data`` is its bytes when it must be decoded (None for a graph or
    other payload that never holds scalars, which is checked piece by piece and dropped).
    """
    if available < HEADER_BYTES + length + FOOTER_BYTES:
        return None
    done = len(head) - HEADER_BYTES
    keep = not _skippable(head[HEADER_BYTES:])
    pieces = [head[HEADER_BYTES:]] if keep else []
    crc = google_crc32c.extend(0, head[HEADER_BYTES:])
    while done < length:
        piece = handle.read(min(BLOCK_BYTES, length - done))
        if not piece:
            return None
        done += len(piece)
        crc = google_crc32c.extend(crc, piece)
        if keep:
            pieces.append(piece)
    footer = handle.read(FOOTER_BYTES)
    if len(footer) < FOOTER_BYTES:
        return None
    good = _mask(crc) == struct.unpack("<I", footer)[0]
    return (b"".join(pieces) if keep else None), good


# --------------------------------------------------------------------------------------------
# the reader


def _sniff_record(head: bytes) -> bool:
    """True when ``head`` starts with a record whose checksums hold (those it contains whole)
    and whose data, if it is all there, is an Event (a TFRecord of other protos is not)."""
    if len(head) < HEADER_BYTES:
        return False
    length, stored = struct.unpack_from("<QI", head)
    if _mask(google_crc32c.value(head[:8])) != stored:
        return False
    stop = HEADER_BYTES + length
    if len(head) < stop + FOOTER_BYTES:
        return True
    data = head[HEADER_BYTES:stop]
    if _mask(google_crc32c.value(data)) != struct.unpack_from("<I", head, stop)[0]:
        return False
    try:
        event = event_pb2.Event.FromString(data)
    except DecodeError:
        return False
    # unknown fields (another message's) parse silently: ask for one the Event knows
    return not data or bool(event.ListFields())


class TensorBoardReader(Reader):
    """One TensorBoard event file -> its scalars (see the module docstring)."""

    name = "tensorboard"
    layout = "events"
    source = "tensorboard"
    per_directory = True

    def claims_name(self, path: Path) -> bool:
        name = Path(path).name
        return "tfevents" in name and not name.endswith(".profile-empty")

    def sniff(self, head: bytes, path: Path) -> bool:
        try:
            return _sniff_record(bytes(head))
        except Exception:  # noqa: BLE001 - sniffing must never raise
            return False

    def read(self, path: Path) -> Points:
        path = Path(path)
        warnings_out: list[str] = []
        meta: dict = {"file_version": None, "session_starts": [], "records": 0}
        head = read_head(path)
        if not head:  # a writer opened the file and has not flushed yet
            warnings_out.append(f"{path.name}: empty event file (0 bytes)")
            return Points(points_table([], [], []), warnings_out, meta)
        check_not_pointer(head, path)
        if len(head) >= HEADER_BYTES and not _sniff_record(head[:HEADER_BYTES]):
            # before loading it all: a big file with an event-file name may be anything
            raise FormatError(_NOT_EVENTS, path)
        decoder = _Decoder(path)
        bad_offsets: list[int] = []
        with safeio.open_regular(path) as handle:
            # a file being written may grow while it is read: its size now bounds the read
            records, meta["complete_bytes"] = _stream(
                handle, os.fstat(handle.fileno()).st_size, decoder, bad_offsets, warnings_out
            )
        meta["records"] = records
        warnings_out += _offset_warnings(
            path, bad_offsets, "fails its data checksum", "fail their data checksums"
        )
        table = decoder.finish()
        warnings_out += _offset_warnings(
            path, decoder.invalid_events, "is not a valid Event", "are not valid Events"
        )
        meta["file_version"] = decoder.file_version
        meta["session_starts"] = decoder.session_starts
        hparams = session_hparams(decoder.hparams)
        if hparams:
            meta["hparams"] = hparams
        return Points(table, warnings_out, meta)
