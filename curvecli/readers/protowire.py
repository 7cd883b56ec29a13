"""The protobuf wire format, as the readers that walk serialized messages by hand read it.

TensorBoard event files (``Event`` / ``Summary.Value`` protos) and the offline ``.wandb`` log
(``wandb_internal.Record`` protos) are both decoded here and there without the generated
classes. This module is the one home of the wire rules they share: varints, field keys
(``field number << 3 | wire type``), and the extent of each wire type's value. Values are
read as protobuf reads them: a varint is an unsigned 64-bit integer (bits beyond 64 are
dropped, at most 10 bytes), int32/int64 varints are its two's complement and sint64 its
zigzag form. Malformed input raises ``WireError``.

Only scalar, per-message walks live here; the TensorBoard reader's vectorised (numpy)
field reading over many records at once stays in ``tensorboard.py``, on its hot path.
"""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, LENGTH_DELIMITED, FIXED32 = 0, 1, 2, 5
FIXED_WIDTH = {FIXED64: 8, FIXED32: 4}
UINT64 = (1 << 64) - 1
_MAX_SHIFT = 63  # a varint has at most 10 bytes: shifts 0, 7, ..., 63


class WireError(Exception):
    """Bytes that are not a well-formed protobuf message."""


def key(number: int, wire: int) -> int:
    """The key of a field (as a one-byte key, when ``number`` is below 16)."""
    return number << 3 | wire


def read_varint(data: bytes, pos: int, end: int) -> tuple[int, int]:
    """(value, position after it) of the varint at ``data[pos:end]``; uint64, as protobuf."""
    result = shift = 0
    while True:
        if pos >= end or shift > _MAX_SHIFT:
            raise WireError("bad varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result & UINT64, pos
        shift += 7


def signed64(value: int) -> int:
    """An int64 / int32 varint's value: the two's complement of its 64 bits."""
    return value - (1 << 64) if value >= 1 << 63 else value


def zigzag64(value: int) -> int:
    """A sint64 varint's value (zigzag encoding)."""
    return (value >> 1) ^ -(value & 1)


def field_spans(data: bytes, pos: int, end: int) -> Iterator[tuple[int, int, int, int, int]]:
    """(field number, wire type, key offset, value start, value end) of each field of the
    message in ``data[pos:end]``, in order; raises ``WireError`` where the bytes stop being one.

    A length-delimited value starts after its length. Groups (3, 4) are proto2-only and 6, 7
    do not exist: all raise, as does a value that runs past ``end``.
    """
    while pos < end:
        key_at = pos
        field_key, pos = read_varint(data, pos, end)
        wire = field_key & 7
        start = pos
        if wire == VARINT:
            _, pos = read_varint(data, pos, end)
        elif wire == LENGTH_DELIMITED:
            length, start = read_varint(data, pos, end)
            pos = start + length
        elif wire == FIXED64 or wire == FIXED32:
            pos += FIXED_WIDTH[wire]
        else:
            raise WireError(f"wire type {wire}")
        if pos > end:
            raise WireError("field runs past the message")
        yield field_key >> 3, wire, key_at, start, pos
