"""trainer_state.json: every numeric log_history value reaches the frame, nothing else."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

import curvecli
from curvecli.errors import CurveError, FormatError
from curvecli.readers import choose
from curvecli.readers.base import read_head
from curvecli.readers.trainer_state import TrainerStateReader

FIXTURES = DATA / "trainer_state"
READER = TrainerStateReader()


def expected_counts(path: Path) -> Counter:
    """Independent count: numeric values per key in non-summary log_history entries."""
    counts: Counter = Counter()
    for entry in json.loads(path.read_text())["log_history"]:
        if "train_runtime" in entry:
            continue
        for key, value in entry.items():
            if key in ("step", "epoch"):
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                counts[key] += 1
    return counts


REAL_FILES = sorted(
    path for path in FIXTURES.rglob("*.json")
    if "lfs-pointer" not in str(path)
)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_numeric_value_is_a_point(path: Path) -> None:
    points = READER.read(path)
    got = Counter(points.table["tag"])
    assert got == expected_counts(path)
    assert choose(read_head(path), path).name == READER.name


def test_values_steps_and_epochs_are_as_written() -> None:
    path = FIXTURES / "hf-distilbert-lora-imdb-tashu014" / "trainer_state.json"
    table = READER.read(path).table
    first = table.iloc[0]
    assert (first["tag"], first["step"], first["epoch"]) == ("grad_norm", 20, 0.16)
    assert first["value"] == pytest.approx(0.7468545436859131, abs=0)
    loss = table[table["tag"] == "loss"]
    assert loss["value"].iloc[0] == 0.6899
    assert loss["step"].is_monotonic_increasing


def test_summary_entry_is_metadata_not_points() -> None:
    path = FIXTURES / "hf-summary-only-loghistory-slidersun" / "output" / "trainer_state.json"
    points = READER.read(path)
    assert points.table.empty
    assert "train_loss" in points.meta["summary"]


def test_top_level_metadata_is_kept() -> None:
    path = FIXTURES / "hf-distilbert-lora-imdb-tashu014" / "trainer_state.json"
    meta = READER.read(path).meta
    state = json.loads(path.read_text())
    assert meta["global_step"] == state["global_step"] == 375
    assert "best_model_checkpoint" in meta


def test_nan_and_infinity_tokens_are_kept(tmp_path: Path) -> None:
    state = {"global_step": 3, "log_history": [
        {"loss": 1.0, "grad_norm": float("nan"), "step": 1, "epoch": 0.1},
        {"loss": float("inf"), "grad_norm": 2.0, "step": 2, "epoch": 0.2},
        {"eval_loss": float("-inf"), "step": 3, "epoch": 0.3},
    ]}
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps(state, indent=2, sort_keys=True))  # writes bare NaN / Infinity
    assert "NaN" in path.read_text() and "Infinity" in path.read_text()
    table = READER.read(path).table
    assert len(table) == 5
    values = dict(zip(zip(table["tag"], table["step"]), table["value"]))
    assert math.isnan(values[("grad_norm", 1)])
    assert values[("loss", 2)] == math.inf
    assert values[("eval_loss", 3)] == -math.inf


def test_strings_and_bools_are_not_points(tmp_path: Path) -> None:
    state = {"log_history": [{"loss": "0.5", "flag": True, "step": 1, "eval_loss": 0.4}]}
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps(state))
    points = READER.read(path)
    assert list(points.table["tag"]) == ["eval_loss"]
    assert any("loss (str)" in warning for warning in points.warnings)


@pytest.mark.parametrize("text, message", [
    ('{"log_history": [', "invalid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"global_step": 3}', "no log_history"),
    ('{"log_history": 5}', "expected a list"),
])
def test_bad_files_raise_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "trainer_state.json"
    path.write_text(text)
    with pytest.raises(FormatError, match=message) as caught:
        READER.read(path)
    assert str(path) in str(caught.value)


def test_lfs_pointer_is_recognised() -> None:
    path = (FIXTURES / "hf-lfs-pointer-spam-justin-donnelly" / "checkpoint-500"
            / "trainer_state.json")
    with pytest.raises(CurveError, match="Git LFS pointer; run git lfs pull|git lfs pull"):
        READER.read(path)


def test_output_dir_uses_largest_global_step_and_lists_checkpoints() -> None:
    loaded = curvecli.load_runs(FIXTURES / "hf-roberta-lora-agnews-subro608")
    (run,) = loaded.runs
    assert run.files[0].parent.name == "checkpoint-2400"
    assert run.meta["checkpoints"] == ["checkpoint-500", "checkpoint-2400"]
    expected = expected_counts(run.files[0])
    assert run.points == sum(expected.values())


def test_top_file_wins_a_tie_on_global_step() -> None:
    loaded = curvecli.load_runs(FIXTURES / "hf-whisper-large-v2-ja-p4p4n1ck")
    (run,) = loaded.runs
    assert run.files == [FIXTURES / "hf-whisper-large-v2-ja-p4p4n1ck" / "trainer_state.json"]


def test_stale_top_file_loses_to_newer_checkpoint(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "checkpoint-20").mkdir(parents=True)
    old = {"global_step": 10, "log_history": [{"loss": 1.0, "step": 10}]}
    new = {"global_step": 20, "log_history": [{"loss": 1.0, "step": 10}, {"loss": 0.5, "step": 20}]}
    (out / "trainer_state.json").write_text(json.dumps(old, indent=2, sort_keys=True))
    (out / "checkpoint-20" / "trainer_state.json").write_text(
        json.dumps(new, indent=2, sort_keys=True))
    (run,) = curvecli.load_runs(out).runs
    assert run.points == 2
    assert run.meta["checkpoints"] == ["checkpoint-20"]


def _as_float(number: int | float) -> float:
    """A JSON number as a float; an integer beyond the float range is ±inf."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def reference_points(history: list) -> list[tuple]:
    """The plain reading of FORMATS.md §1.3: entry by entry, key by key."""
    rows, last_step = [], 0
    for entry in history:
        summary_keys = {"train_runtime", "train_samples_per_second"}
        if not isinstance(entry, dict) or summary_keys & entry.keys():
            continue
        step = entry.get("step")
        if isinstance(step, (int, float)) and not isinstance(step, bool) \
                and abs(step) < 2**53:  # larger "steps" are not step counts: carried over
            last_step = int(step)
        epoch = entry.get("epoch")
        epoch = _as_float(epoch) if isinstance(epoch, (int, float)) \
            and not isinstance(epoch, bool) else math.nan
        for key, value in entry.items():
            if key in ("step", "epoch"):
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                rows.append((key, last_step, epoch, _as_float(value)))
            elif value in ("NaN", "Infinity", "-Infinity"):
                rows.append((key, last_step, epoch, float(value.replace("Infinity", "inf"))))
    return rows


def _rows(table) -> list[tuple]:
    return list(zip(table["tag"].astype(str), table["step"].tolist(), table["epoch"].tolist(),
                    table["value"].tolist()))


def _same(got: list[tuple], want: list[tuple]) -> bool:
    return len(got) == len(want) and all(
        a[:2] == b[:2] and all((x == y) or (math.isnan(x) and math.isnan(y))
                               for x, y in zip(a[2:], b[2:]))
        for a, b in zip(got, want))


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fast_reader_matches_the_plain_reading_on_real_files(path: Path) -> None:
    history = json.loads(path.read_text())["log_history"]
    assert _same(_rows(READER.read(path).table), reference_points(history))


_values = st.one_of(st.integers(-10, 10**6), st.floats(allow_nan=True, allow_infinity=True),
                    st.booleans(), st.none(), st.sampled_from(["NaN", "Infinity", "x", ""]))
_entries = st.dictionaries(st.sampled_from(["loss", "eval_loss", "step", "epoch", "grad_norm",
                                            "train_runtime", "predict_loss", "lr"]),
                           _values, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_entries, st.integers(), st.text(max_size=3)), max_size=30))
def test_fast_reader_matches_the_plain_reading_on_any_history(history) -> None:
    from curvecli.readers.trainer_state import history_points

    table, *_ = history_points(history)
    assert _same(_rows(table), reference_points(history))


_SHAPES = [("epoch", "grad_norm", "learning_rate", "loss", "step"),
           ("learning_rate", "step", "loss", "epoch", "grad_norm"),  # same keys, other order
           ("epoch", "eval_loss", "eval_runtime", "step"),
           ("eval_loss", "epoch"), ("test_loss", "epoch"), ("loss",), ()]
_odd_values = st.one_of(st.sampled_from(["NaN", "Infinity", "-Infinity", "x", True, False, None]),
                        st.integers(), st.just(10**400), st.just(-(10**400)),
                        st.lists(st.floats(), max_size=2))


@st.composite
def _repeated_shapes(draw) -> list:
    """Long histories of a few entry shapes, mostly floats: the grouped path, odd cells rare."""
    shapes = draw(st.lists(st.sampled_from(_SHAPES), min_size=1, max_size=3))
    history = []
    for _ in range(draw(st.integers(1, 300))):
        keys = shapes[draw(st.integers(0, len(shapes) - 1))]
        entry = {}
        for key in keys:
            if draw(st.integers(0, 40)) == 0:
                entry[key] = draw(_odd_values)
            elif key == "step":
                entry[key] = len(history) * draw(st.sampled_from([1, 10, 0.5]))
            else:
                entry[key] = draw(st.floats(allow_nan=True, allow_infinity=True))
        history.append(entry)
    if draw(st.booleans()):  # the end-of-training summary
        history.append({"epoch": 3.0, "step": len(history), "train_runtime": 1.5})
    return history


@settings(max_examples=100, deadline=None)
@given(_repeated_shapes())
def test_fast_reader_matches_the_plain_reading_on_long_histories(history) -> None:
    from curvecli.readers.trainer_state import history_points

    table, summary, skipped, missing_step = history_points(history)
    assert _same(_rows(table), reference_points(history))
    summaries = [entry for entry in history if "train_runtime" in entry]
    assert summary == (summaries[-1] if summaries else {})
    odd = {key for entry in history if "train_runtime" not in entry
           for key, value in entry.items() if key not in ("step", "epoch")
           and not isinstance(value, (int, float, type(None))) and value not in _NON_FINITE}
    assert set(skipped) == odd
    without_step = [entry for entry in history if "train_runtime" not in entry
                    and not any(key.startswith(("predict_", "test_")) for key in entry)
                    and not (isinstance(entry.get("step"), (int, float))
                             and not isinstance(entry.get("step"), bool)
                             and abs(entry["step"]) < 2**53)]
    assert missing_step == len(without_step)


_NON_FINITE = ("NaN", "Infinity", "-Infinity")


def _replaced(data: bytes) -> bytes:
    """The three-pass quoting the fast one must equal."""
    return (data.replace(b": NaN", b': "NaN"').replace(b": Infinity", b': "Infinity"')
            .replace(b": -Infinity", b': "-Infinity"'))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b": NaN", b": Infinity", b": -Infinity", b"NaN", b"Infinity",
                                 b"N", b"I", b": ", b":", b" ", b"-", b'"', b"a", b"\n"]),
                max_size=40))
def test_bare_tokens_are_quoted_like_the_plain_replacement(parts) -> None:
    from curvecli.readers.trainer_state import quote_bare_tokens

    data = b"".join(parts)
    assert quote_bare_tokens(data) == _replaced(data)


def test_text_full_of_token_letters_is_still_quoted() -> None:
    from curvecli.readers.trainer_state import _LEAD_MISSES, quote_bare_tokens

    data = (b"N" * (3 * _LEAD_MISSES) + b'{"a": NaN, "b": -Infinity}' + b"I" * _LEAD_MISSES
            + b": Infinity" + b"NI" * _LEAD_MISSES + b": NaN")
    assert quote_bare_tokens(data) == _replaced(data)
    assert quote_bare_tokens(b'{"loss": 0.5}') == b'{"loss": 0.5}'


@pytest.mark.parametrize("text, expected", [
    # bare tokens after ": " are read as the strings the reader maps to numbers
    ('{"a": NaN, "b": -Infinity, "c": Infinity}', {"a": "NaN", "b": "-Infinity", "c": "Infinity"}),
    # ": NaN" inside a string of a valid file stays as written
    ('{"trial_name": "lr: NaN", "best_metric": 0.5}',
     {"trial_name": "lr: NaN", "best_metric": 0.5}),
    ('{"x": "a: -Infinity: NaN"}', {"x": "a: -Infinity: NaN"}),
    # forms the quoting does not cover go through the standard library
    ('{"a":NaN}', {"a": math.nan}),
    ('{"a": NaN, "b": [-Infinity]}', {"a": math.nan, "b": [-math.inf]}),
    ('{"a": "s: NaN", "b": NaN}', {"a": "s: NaN", "b": math.nan}),
])
def test_parse_json_keeps_json_semantics(text: str, expected: dict) -> None:
    from curvecli.readers.trainer_state import parse_json

    # NaN != NaN: compare the JSON the two would write
    assert json.dumps(parse_json(text.encode())) == json.dumps(expected)


def test_diverged_run_keeps_every_point_in_file_order(tmp_path: Path) -> None:
    """A long run whose loss and grad_norm go NaN/inf now and then (bare tokens in the file)."""
    history = []
    for index in range(2000):
        loss = math.nan if index % 97 == 5 else math.inf if index % 131 == 7 else 1 / (index + 1)
        history.append({"epoch": index / 100, "grad_norm": -math.inf if index % 89 == 3 else 2.0,
                        "learning_rate": 1e-4, "loss": loss, "step": 10 * (index + 1)})
        if index % 50 == 49:
            history.append({"epoch": index / 100, "eval_loss": math.nan if index == 999 else 0.7,
                            "step": 10 * (index + 1)})
    history.append({"epoch": 20.0, "step": 20000, "train_loss": 0.5, "train_runtime": 10.0})
    path = tmp_path / "trainer_state.json"
    path.write_text(json.dumps({"global_step": 20000, "log_history": history}, indent=2,
                               sort_keys=True))
    text = path.read_text()
    assert ": NaN" in text and ": Infinity" in text and ": -Infinity" in text
    points = READER.read(path)
    assert _same(_rows(points.table), reference_points(history))
    assert points.meta["summary"]["train_runtime"] == 10.0
    assert points.warnings == []


@pytest.mark.parametrize("cells, kind", [([1.0, [1], "x", None], "list"),
                                         ([1.0, "x", [1], True], "str")])
def test_first_non_numeric_value_names_the_skipped_type(cells: list, kind: str) -> None:
    from curvecli.readers.trainer_state import history_points

    history = [{"loss": cell, "step": index} for index, cell in enumerate(cells)]
    table, _, skipped, _ = history_points(history)
    assert skipped == {"loss": kind}
    assert table["value"].tolist() == [1.0]
