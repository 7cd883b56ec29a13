"""Diagnose on the labelled set: verdicts, detectors, invariances, best step, early stopping."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import DATA, codes, transformed
from hypothesis import given, settings
from hypothesis import strategies as st
from writers import write_csv, write_scalars, write_trainer_state

import curvecli
from curvecli import frame as frame_module
from curvecli.analysis import curves, smoothing, spikes
from curvecli.analysis.diagnose import diagnose_run, nearest_checkpoint, simulate_early_stopping
from curvecli.analysis.series import Series, extract, lower_is_better, resolve_rewinds
from curvecli.frame import RunLog

LABELLED = DATA / "labelled"
LABELS: dict = json.loads((LABELLED / "labels.json").read_text())
FORBIDDEN_FOR_HEALTHY = {"overfitting", "diverging", "erratic"}


@lru_cache(maxsize=None)
def labelled_run(key: str) -> RunLog:
    runs = curvecli.load_runs(LABELLED / key).runs
    with_points = [run for run in runs if run.points]
    assert len(with_points) == 1 or (not with_points and len(runs) == 1), key
    return with_points[0] if with_points else runs[0]


def accepted(key: str, verdict: str) -> bool:
    label = LABELS[key]
    return verdict == label["verdict"] or verdict in label.get("acceptable", [])


def test_labelled_set_verdicts_are_right_90_percent_and_never_alarm_on_healthy() -> None:
    wrong, alarms = [], []
    for key, label in LABELS.items():
        verdict = diagnose_run(labelled_run(key)).verdict
        if not accepted(key, verdict):
            wrong.append((key, label["verdict"], verdict))
            if label["verdict"] == "healthy" and verdict in FORBIDDEN_FOR_HEALTHY:
                alarms.append(key)
    assert len(wrong) <= 0.1 * len(LABELS), wrong
    assert alarms == []


@pytest.mark.parametrize("regime", ["healthy", "overfitting", "underfitting", "erratic",
                                    "diverging", "loss_spike", "still_improving"])
def test_every_regime_is_recognised_in_generated_runs(regime: str) -> None:
    keys = [key for key, label in LABELS.items()
            if label["origin"] == "generated" and label["verdict"] == regime]
    assert keys
    right = [key for key in keys if accepted(key, diagnose_run(labelled_run(key)).verdict)]
    assert len(right) >= len(keys) - 1, (regime, keys, right)


def test_overfitting_onset_is_the_val_best_step() -> None:
    report = diagnose_run(labelled_run("seed/overfit.csv"))
    assert report.verdict == "overfitting"
    (finding,) = [f for f in report.findings if f.code == "overfitting"]
    assert finding.step == LABELS["seed/overfit.csv"]["onset_step"] == 500
    assert finding.evidence["best_value"] == pytest.approx(0.85)
    assert report.best.step == 500
    assert report.wasted_fraction == pytest.approx(500 / 900)
    assert "early stopping at the best step (keep that checkpoint)" in finding.advice


# A one-point 5x jump of a per-step loss whose ordinary batch excursions reach a third of
# it: below the rule that a spike must stand 10x out of the series' ordinary excursions.
SPIKES_INSIDE_BATCH_NOISE = {"generated/loss_spike-digits-lightning"}


@pytest.mark.parametrize("key", [k for k, v in LABELS.items()
                                 if v["verdict"] == "loss_spike" and v.get("spike_steps")
                                 and v["origin"] == "generated"
                                 and k not in SPIKES_INSIDE_BATCH_NOISE])
def test_spikes_are_found_at_their_steps(key: str) -> None:
    report = diagnose_run(labelled_run(key))
    found = [f.step for f in report.findings if f.code == "loss_spike"]
    for step in LABELS[key]["spike_steps"]:
        assert any(abs(step - got) <= 10 for got in found), (key, step, found)


def test_nan_divergence_is_diverging_with_the_first_non_finite_step() -> None:
    report = diagnose_run(labelled_run("generated/diverging-digits-hf-nan"))
    assert report.verdict == "diverging"
    assert {"non_finite", "lr_too_high"} <= codes(report)


def test_hf_nan_hidden_by_the_logging_filter_is_still_diverging(tmp_path: Path) -> None:
    # logging_nan_inf_filter logs loss 0.0 while grad_norm and eval_loss are NaN (FORMATS §7).
    history = []
    for step in range(10, 210, 10):
        bad = step > 120
        history.append({"loss": 0.0 if bad else 2.0 - step / 100, "step": step,
                        "grad_norm": math.nan if bad else 1.0, "learning_rate": 1e-3})
        if step % 40 == 0:
            history.append({"eval_loss": math.nan if bad else 2.1 - step / 100, "step": step})
    log = _hf_run(tmp_path, history)
    report = diagnose_run(log)
    assert report.verdict == "diverging"
    assert any(f.code == "exploding_gradients" and f.severity == "error" for f in report.findings)


def test_verdicts_survive_scaling() -> None:
    # Shifting is not an invariance: a loss has a natural zero and chance levels (issue #11).
    changed = []
    for key in LABELS:
        log = labelled_run(key)
        before, after = diagnose_run(log).verdict, diagnose_run(transformed(log, "scale")).verdict
        if before != after:
            changed.append((key, before, after))
    assert changed == []


def test_verdicts_mostly_survive_thinning_to_every_fifth_point() -> None:
    # A one-point spike can vanish when the log is thinned. On this set (real runs, many of
    # them borderline between healthy and still_improving) up to a tenth may flip; the
    # corpus' test split is held to no change (benchmarks/score_corpus.py --invariance).
    changed = []
    for key, label in LABELS.items():
        log = labelled_run(key)
        before, after = diagnose_run(log).verdict, diagnose_run(transformed(log, "thin")).verdict
        if before != after and label["verdict"] != "loss_spike":
            changed.append((key, before, after))
    assert len(changed) <= 0.10 * len(LABELS), changed


def test_resumed_run_rewinds_are_resolved_and_reported(tmp_path: Path) -> None:
    from writers import write_scalars

    first = [("train/loss", step, 2.0 - step / 100) for step in range(0, 60, 10)]
    second = [("train/loss", step, 9.0) for step in (30,)] + \
             [("train/loss", step, 1.7 - step / 200) for step in range(40, 100, 10)]
    write_scalars(tmp_path / "run", first, ".a")
    write_scalars(tmp_path / "run", second, ".b")
    (log,) = curvecli.load_runs(tmp_path).runs
    assert log.points == len(first) + len(second)  # the reader keeps every point
    report = diagnose_run(log)
    (resumed,) = [f for f in report.findings if f.code == "resumed"]
    assert resumed.step == 30
    assert resumed.evidence["rewind_steps"] == [30]


def test_resolve_rewinds_keeps_the_later_write() -> None:
    steps = np.array([0, 10, 20, 30, 20, 30, 40, 40])
    keep, rewinds, duplicates = resolve_rewinds(steps)
    assert keep.tolist() == [True, True, False, False, True, True, False, True]
    assert rewinds == [20]
    assert duplicates == 1


def _series(values, steps=None, metric="loss", split="val") -> Series:
    values = np.asarray(values, dtype=float)
    steps = np.arange(len(values)) if steps is None else np.asarray(steps)
    return Series("r", split, metric, steps, values, np.full(len(values), np.nan), [metric])


def test_early_stopping_follows_hf_and_keras_semantics() -> None:
    # best 0.5 at step 2; 0.51, 0.50 (not better), 0.49 (better by 0.01) ...
    series = _series([0.9, 0.6, 0.5, 0.51, 0.50, 0.49, 0.6, 0.7, 0.8])
    assert simulate_early_stopping(series, patience=3).stop_step == 8
    assert simulate_early_stopping(series, patience=3).best_step == 5
    # with min_delta 0.02 the 0.49 is no improvement: stop after three evals
    assert simulate_early_stopping(series, patience=3, min_delta=0.02).stop_step == 5
    assert simulate_early_stopping(series, patience=10).stop_step is None
    accuracy = _series([0.5, 0.7, 0.69, 0.68], metric="accuracy")
    assert simulate_early_stopping(accuracy, patience=2).stop_step == 3


def test_nearest_checkpoint() -> None:
    checkpoints = ["checkpoint-500", "checkpoint-1000", "checkpoint-1500"]
    assert nearest_checkpoint(1100, checkpoints) == "checkpoint-1000"
    assert nearest_checkpoint(1300, checkpoints) == "checkpoint-1500"
    assert nearest_checkpoint(1100, []) is None


@pytest.mark.parametrize("metric, lower", [("loss", True), ("perplexity", True), ("wer", True),
                                           ("cer", True), ("accuracy", False), ("f1", False),
                                           ("rouge1", False), ("map50-95(b)", False),
                                           ("box_loss", True), ("bleu", False),
                                           # speech quality and a factor model's rank IC
                                           ("pesq_epoch", False), ("stoi", False),
                                           ("si_sdr", False), ("rank_ic", False),
                                           ("brier_fde", True), ("ce", True),
                                           # forecasting's percentage errors hold "map"
                                           ("val_mape", True), ("smape", True), ("wape", True),
                                           ("bbox_map", False),
                                           # image-quality assessment's correlations
                                           ("val_lcc", False), ("srocc", False),
                                           ("plcc", False)])
def test_metric_direction(metric: str, lower: bool) -> None:
    assert lower_is_better(metric) is lower


def test_perplexity_is_derived_from_the_loss() -> None:
    log = labelled_run("seed/overfit.csv")
    report = diagnose_run(log, metric="val/perplexity")
    assert report.monitored == "val/perplexity"
    assert report.best.value == pytest.approx(math.exp(0.85))


def _reference_smoothing(values, weight):
    """FORMATS.md §2.7, transcribed."""
    if values and all(v == values[0] for v in values):
        return list(values)
    last, n, out = 0.0, 0, []
    for y in values:
        if not math.isfinite(y):
            out.append(y)
            continue
        last = last * weight + (1 - weight) * y
        n += 1
        out.append(last / (1 - weight ** n) if weight != 1 else last)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(-1e6, 1e6), st.just(math.nan), st.just(math.inf)),
                max_size=40),
       st.floats(0.0, 0.999))
def test_smoothing_is_tensorboards(values, weight) -> None:
    got = smoothing.smooth_ema(values, weight)
    want = _reference_smoothing(values, weight)
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("weight", [0.0, 0.6, 0.9, 0.99, 0.999])
def test_long_series_smoothing_equals_the_point_by_point_loop(weight) -> None:
    rng = np.random.default_rng(7)
    values = rng.normal(3.0, 1.0, 205_000)
    values[::997] = np.nan
    values[3::1999] = np.inf
    fast = smoothing.smooth_ema(values, weight)
    exact = np.array(_reference_smoothing(values.tolist(), weight))
    finite = np.isfinite(exact)
    assert np.array_equal(np.isnan(fast), np.isnan(exact))
    assert np.array_equal(fast[~finite & ~np.isnan(exact)], exact[~finite & ~np.isnan(exact)])
    scale = np.abs(values[finite]).max()
    assert np.allclose(fast[finite], exact[finite], rtol=0, atol=1e-12 * scale)


# --- fast paths for long logs: each must equal the plain computation -------------------------


def _extract_by_groupby(frame: pd.DataFrame) -> dict[str, Series]:
    """extract() as a pandas groupby, a stable sort per series and np.unique per tag set."""
    found = {}
    for (split, metric), rows in frame.groupby(["split", "metric"], observed=True,
                                               sort=False).indices.items():
        steps = frame["step"].to_numpy()[rows]
        written = rows
        if any(later < earlier for earlier, later in zip(steps, steps[1:])):
            seen: set = set()  # a point restating an earlier (step, value) is no new write
            restates = []
            for step, value in zip(steps, frame["value"].to_numpy()[rows]):
                key = (int(step), "nan" if math.isnan(value) else float(value))
                restates.append(key in seen)
                seen.add(key)
            written = rows[~np.array(restates)]
        keep, rewinds, duplicates = resolve_rewinds(frame["step"].to_numpy()[written])
        kept = written[keep]
        kept = kept[np.argsort(frame["step"].to_numpy()[kept], kind="stable")]
        series = Series("r", str(split), str(metric), frame["step"].to_numpy()[kept],
                        frame["value"].to_numpy()[kept], frame["epoch"].to_numpy()[kept],
                        sorted(set(frame["tag"].astype(str).to_numpy()[rows])), rewinds,
                        duplicates)
        found[series.name] = series
    return found


def _interleaved_frame(seed: int) -> pd.DataFrame:
    """Several tags logged in turn (as a TensorBoard writer does), two of them naming one
    series, with rewinds, repeated steps, restated points, NaN, and steps beyond 2**53 in
    some."""
    rng = np.random.default_rng(seed)
    tags = np.array(["loss", "eval_loss", "val_loss", "eval_accuracy", "learning_rate"])
    n = 5000
    tag = tags[rng.integers(0, len(tags), n)]
    steps = np.sort(rng.integers(0, 3000, n))
    if seed % 3 == 1:
        steps[n // 2:] -= 500  # a resumed run went back
    if seed % 3 == 2:
        steps = steps + 2**53  # neighbouring steps meet as floats
    values = rng.normal(size=n)
    values[rng.random(n) < 0.02] = np.nan
    if seed % 3 == 1:  # a closing line restates five earlier points ("best val_loss ... at")
        again = rng.integers(0, n, 5)
        tag, steps, values = (np.append(tag, tag[again]), np.append(steps, steps[again]),
                              np.append(values, values[again]))
    table = frame_module.points_table(tag, steps, values, epoch=steps / 100.0)
    return frame_module.build_frame(table, "r", "tensorboard")


@pytest.mark.parametrize("seed", range(6))
def test_extract_equals_a_groupby_over_the_frame(seed: int) -> None:
    frame = _interleaved_frame(seed)
    fast, plain = extract(frame), _extract_by_groupby(frame)
    assert list(fast) == list(plain)
    for name, series in plain.items():
        got = fast[name]
        assert (got.tags, got.rewinds, got.duplicates) == (series.tags, series.rewinds,
                                                           series.duplicates), name
        for field in ("steps", "values", "epochs"):
            assert np.array_equal(getattr(got, field), getattr(series, field), equal_nan=True)
    assert frame_module.series_names(frame) == list(plain)
    if seed % 3 == 1:
        assert any(series.rewinds for series in fast.values())


def test_build_frame_drops_unused_tag_categories() -> None:
    table = frame_module.points_table(["loss", "loss", "eval_loss"], [1, 2, 3], [1.0, 0.5, 0.7])
    table["tag"] = pd.Categorical(table["tag"], categories=["acc", "loss", "eval_loss", "f1"])
    built = frame_module.build_frame(table, "r", "csv")
    assert list(built["tag"].cat.categories) == ["loss", "eval_loss"]
    assert built["tag"].astype(str).tolist() == ["loss", "loss", "eval_loss"]
    frame_module.validate(built)


def _spiky(n: int, seed: int, heavy: bool = False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, n)
    noise = rng.standard_t(3, n) * 0.05 if heavy else rng.normal(0.0, 0.05, n)
    values = 2.0 * np.exp(-4.0 * x) + 0.3 + noise
    for at in rng.integers(n // 10, n - 50, 4):
        values[at:at + 3] += 3.0
    return values


@pytest.mark.parametrize("n, heavy", [(30_000, False), (30_000, True), (120_000, False)])
def test_long_series_spikes_equal_the_exact_rolling_statistics(n, heavy, monkeypatch) -> None:
    def found():
        loss = _series(_spiky(n, n, heavy), split="train")
        return [(f.step, f.message, f.evidence)
                for f in spikes.find_loss_spikes(curves.RunCurves(loss, loss))]

    assert n > spikes.SPIKE_EXACT_MAX
    covered = []  # points whose windows the fast path computed
    segments = spikes._segments
    monkeypatch.setattr(spikes, "_segments", lambda at, window: covered.append(
        sum(last - first + window for first, last in segments(at, window))) or
        segments(at, window))
    fast = found()
    # Gaussian noise: the statistics were computed near the spikes only; heavy-tailed noise
    # has too many candidates and takes the plain path.
    assert covered and (covered[-1] < n // 4) != heavy
    monkeypatch.setattr(spikes, "SPIKE_EXACT_MAX", n + 1)
    assert fast == found()
    assert len(fast) >= 4


@pytest.mark.parametrize("window", [1000, 1503, 6000])  # series over SPIKE_EXACT_MAX
def test_median_floor_never_exceeds_the_rolling_median(window: int) -> None:
    values = _spiky(40_000, window, heavy=True)[::-1].copy()  # rising, with jumps
    floor = spikes._median_floor(values, window)
    median = pd.Series(values).shift(1).rolling(window, min_periods=window).median().to_numpy()
    assert np.all(floor[window:] <= median[window:])
    assert np.all(np.isneginf(floor[:window]))
    assert np.median(median[window:] - floor[window:]) < 0.2  # and a useful bound


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([0.5, 0.4, 0.3, 0.45, 1.0]), st.floats(-10, 10),
                          st.just(math.nan), st.just(math.inf), st.just(-math.inf)),
                min_size=1, max_size=60),
       st.integers(1, 5), st.sampled_from(["loss", "accuracy"]))
def test_long_series_early_stopping_equals_the_loop(values, patience, metric) -> None:
    from curvecli.analysis import diagnose as diagnose_module

    series = _series(values, steps=np.arange(len(values)) * 10, metric=metric)
    loop = simulate_early_stopping(series, patience)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(diagnose_module, "EARLY_STOP_LOOP_MAX", 0)
        assert simulate_early_stopping(series, patience) == loop


# --------------------------------------------------------------------------- issue #11 rules


def test_a_run_without_a_series_long_enough_is_insufficient_data() -> None:
    for key in ("real/hf-grpo-single-entry-ray-cheng-11/trainer_state.json",
                "real/hf-summary-only-loghistory-slidersun/output/trainer_state.json"):
        report = diagnose_run(labelled_run(key))
        assert report.verdict == "insufficient_data", key
        assert report.findings == [] and report.best is None
        assert "no series has 4 finite points" in report.notes[0]


def test_the_metric_the_trainer_optimised_is_judged_and_val_loss_disagreement_noted() -> None:
    # best_metric 32.01 = eval_wer at checkpoint-4000: the run was selected by WER.
    report = diagnose_run(labelled_run("real/hf-whisper-small-hi-merlinmy/trainer_state.json"))
    assert report.monitored == "val/wer" and report.best.step == 4000
    assert report.best.checkpoint == "checkpoint-4000"
    assert report.verdict != "overfitting"
    assert any(note.startswith("val/loss disagrees with val/wer") for note in report.notes)


def test_yolo_is_judged_on_its_fitness() -> None:
    report = diagnose_run(labelled_run("real/csv-yolov8-results-fire-smoke-abonia1"))
    assert report.monitored == "val/fitness"
    series = extract(labelled_run("real/csv-yolov8-results-fire-smoke-abonia1").frame)
    wide, narrow = series["val/map50-95(b)"], series["val/map50(b)"]
    expected = 0.9 * wide.values + 0.1 * narrow.values
    assert report.best.value == pytest.approx(float(expected.max()))


def test_epoch_and_iteration_axes_are_not_mixed() -> None:
    # Keras TF2: epoch_* by epoch (0..19) and evaluation_*_vs_iterations by iteration (..600).
    log = labelled_run("real/tb-keras-imdb-thecodeheadmt")
    report = diagnose_run(log)
    assert report.monitored == "val/loss"
    assert report.best.step <= 19
    assert report.wasted_fraction == pytest.approx((19 - report.best.step) / 19)


def test_a_spike_lasting_several_points_is_found() -> None:
    # wav2vec2: train loss 883 -> 2397 over 9 logged points (steps 2250-2650), back by 2750.
    report = diagnose_run(
        labelled_run("real/hf-asr-stress-wer-cer-siasio/results/trainer_state.json"))
    spikes = [f for f in report.findings if f.code == "loss_spike" and f.series == "train/loss"]
    assert report.verdict == "loss_spike"
    (spike,) = spikes
    assert spike.step == 2600 and spike.evidence["cue"] == "multi_point"
    assert spike.evidence["points"] > 1


def test_a_large_first_grad_norm_is_not_exploding(tmp_path: Path) -> None:
    history = [{"loss": 2.0 - step / 200, "step": step, "learning_rate": 2e-5,
                "grad_norm": 80.0 if step == 10 else 1.0 + 0.01 * (step % 7)}
               for step in range(10, 310, 10)]
    log = _hf_run(tmp_path, history)
    found = codes(diagnose_run(log))
    assert "exploding_gradients" not in found and "lr_too_high" not in found


def test_every_verdict_has_a_calibrated_confidence() -> None:
    from curvecli.analysis.confidence import calibration

    table = calibration()
    for verdict in ("healthy", "overfitting", "underfitting", "diverging", "loss_spike",
                    "still_improving", "insufficient_data"):
        assert 0.0 < table[f"{verdict}||*"] <= 1.0
    for key in LABELS:
        report = diagnose_run(labelled_run(key))
        assert 0.0 < report.confidence <= 1.0


def test_a_linear_model_at_chance_is_underfitting_without_lr_advice() -> None:
    # circles with a linear model: val loss 0.694 = ln 2 and accuracy 0.50 after the first
    # evaluations (HF Trainer); the cure is capacity, not a higher learning rate.
    log = curvecli.load_runs(DATA / "corpus" / "hf" / "circles" / "underfitting-linear-s1").runs
    report = diagnose_run(max((run for run in log if run.points), key=lambda run: run.points))
    assert report.verdict == "underfitting"
    (finding,) = [f for f in report.findings if f.code == "underfitting"]
    assert finding.evidence["cue"] in ("stalled_high", "learned_nothing", "flat_from_first_eval",
                                        "at_chance")
    assert "lr_too_low" not in codes(report)


def test_a_noise_dip_in_a_flat_tail_is_not_overfitting() -> None:
    # val loss best 0.0332 at epoch 21 is a dip; the tail is flat and noisy at 0.034-0.050.
    report = diagnose_run(labelled_run("real/tbcsv-spectral-cnn-csepreghy"))
    assert report.verdict == "healthy"


def test_a_converged_run_is_not_still_improving() -> None:
    # val accuracy 1.0 for many evaluations while val loss drifts down at ~0.001.
    report = diagnose_run(
        labelled_run("real/hf-roberta-logclassifier-dude-0313/output/trainer_state.json"))
    assert report.verdict == "healthy"


def _hf_run(folder: Path, history: list[dict]) -> RunLog:
    """The run of an HF trainer_state.json with ``history`` written into ``folder``."""
    write_trainer_state(folder / "trainer_state.json", history)
    (log,) = curvecli.load_runs(folder).runs
    return log


def _keras_run(folder: Path, rows: list[list]) -> RunLog:
    """The run of a Keras CSVLogger log (epoch, loss, val_loss) written into ``folder``."""
    (log,) = curvecli.load_runs(write_csv(folder / "log.csv", ["epoch", "loss", "val_loss"],
                                          rows)).runs
    return log


def _blow_up_history(settle: float) -> list[dict]:
    """An HF log whose eval loss falls to ~0.07, jumps to 6e5 at step 1700 and settles at
    ``settle`` (the train loss keeps falling, so only the val curve tells)."""
    rng = np.random.default_rng(3)
    history = [{"loss": 0.3 * math.exp(-step / 800) + 0.01 * rng.random(), "step": step,
                "learning_rate": 1e-3} for step in range(20, 3020, 20)]
    for step in range(100, 3100, 100):
        value = 0.07 + 0.2 * math.exp(-step / 300) + 0.003 * rng.random()
        if step == 1700:
            value = 6e5
        elif step > 1700:
            value = settle * (1 + 0.05 * rng.random())
        history.append({"eval_loss": value, "step": step})
    return history


def test_a_blow_up_that_settles_high_is_diverging_and_one_that_recovers_is_a_spike(
        tmp_path: Path) -> None:
    high = _hf_run(tmp_path / "high", _blow_up_history(1.1))
    back = _hf_run(tmp_path / "back", _blow_up_history(0.08))
    report = diagnose_run(high)
    assert report.verdict == "diverging"
    (finding,) = [f for f in report.findings if f.code == "diverging"]
    assert finding.evidence["cue"] == "blew_up" and finding.step == 1700
    assert not any(f.code == "loss_spike" and f.series == "val/loss" for f in report.findings)
    recovered = diagnose_run(back)
    assert recovered.verdict == "loss_spike"
    assert "diverging" not in codes(recovered)


def _keras_regression_run(path: Path, train_after: float) -> RunLog:
    """A Keras CSVLogger log of a regression: epoch 0's train mean holds the first fast drop,
    then val MSE sits at 0.28 ± noise from its first evaluation on."""
    rng = np.random.default_rng(5)
    rows = [[epoch, 1.25 if epoch == 0 else train_after * (1 + 0.01 * rng.standard_normal()),
             0.285 + 0.008 * rng.standard_normal()] for epoch in range(40)]
    return _keras_run(path, rows)


def test_a_regression_flat_from_its_first_eval_with_train_at_val_is_underfitting(
        tmp_path: Path) -> None:
    flat = _keras_regression_run(tmp_path / "flat", 0.29)
    report = diagnose_run(flat)
    assert report.verdict == "underfitting"
    (finding,) = [f for f in report.findings if f.code == "underfitting"]
    assert finding.evidence["cue"] == "flat_from_first_eval"
    # the same val curve while train fits far below it: a model with capacity, not underfitting
    fitting = _keras_regression_run(tmp_path / "fits", 0.12)
    assert diagnose_run(fitting).verdict != "underfitting"


def test_val_jumping_by_half_its_level_is_erratic_even_with_a_smooth_epoch_train_loss(
        tmp_path: Path) -> None:
    # Keras, SGD too hot with batches of 4: the epoch-mean train loss falls smoothly while
    # val swings between 0.5 and 9 from one epoch to the next.
    rng = np.random.default_rng(11)
    val = [1.0, 2.1, 1.1] + np.exp(rng.normal(0.8, 0.8, 27)).tolist()
    rows = [[epoch, 0.6 * math.exp(-epoch / 6) + 0.04, val[epoch]] for epoch in range(30)]
    log = _keras_run(tmp_path, rows)
    report = diagnose_run(log)
    assert report.verdict == "erratic"
    # evaluation noise of a few percent around a falling val curve is not
    calm = [[e, r[1], 0.7 * math.exp(-e / 8) + 0.2 + 0.01 * rng.standard_normal()]
            for e, r in enumerate(rows)]
    quiet = _keras_run(tmp_path / "quiet", calm)
    assert diagnose_run(quiet).verdict != "erratic"


def _spiky_descent(spike_at: int) -> list[dict]:
    """An HF log: a train loss falling from 2.0 to 0.1 over steps 0-3000 (per 10 steps) with a
    40-step spike to 8x its level at ``spike_at``."""
    rng = np.random.default_rng(7)
    history = []
    for step in range(10, 3010, 10):
        level = 0.1 + 1.9 * math.exp(-step / 250)
        spike = 8.0 if spike_at <= step < spike_at + 40 else 1.0
        history.append({"loss": level * spike * (1 + 0.03 * rng.standard_normal()),
                        "step": step, "learning_rate": 1e-4})
    return history


def test_an_early_spike_during_the_descent_is_info_and_a_later_one_decides(
        tmp_path: Path) -> None:
    early = _hf_run(tmp_path / "early", _spiky_descent(200))
    late = _hf_run(tmp_path / "late", _spiky_descent(1800))
    early_report = diagnose_run(early)
    spikes = [f for f in early_report.findings if f.code == "loss_spike"]
    assert early_report.verdict != "loss_spike"
    assert spikes and all(f.severity == "info" for f in spikes)
    late_report = diagnose_run(late)
    assert late_report.verdict == "loss_spike"
    assert any(f.severity == "warning" and 1800 <= f.step < 1840
               for f in late_report.findings if f.code == "loss_spike")


def test_still_improving_says_the_forecast_gain_or_that_it_is_too_uncertain(
        tmp_path: Path) -> None:
    from types import SimpleNamespace

    from curvecli.analysis.diagnose import _forecast_text

    history = [{"eval_loss": 0.3 + 2.0 * math.exp(-step / 1500), "step": step}
               for step in range(100, 2100, 100)]
    history += [{"loss": 0.3 + 2.1 * math.exp(-step / 1500), "step": step, "learning_rate": 1e-4}
                for step in range(20, 2020, 20)]
    log = _hf_run(tmp_path, history)
    report = diagnose_run(log)
    (finding,) = [f for f in report.findings if f.code == "still_improving"]
    assert finding.evidence["forecast"]["gain"] > 0
    assert "would gain" in finding.message
    series = _series([0.1, 0.3, 0.2, 0.4, 0.5], metric="accuracy")
    wide = SimpleNamespace(low=0.0, high=1.0)
    assert "too uncertain" in _forecast_text(wide, 0.05, 0.5, 10, "x", series)
    assert "nothing measurable" in _forecast_text(wide, -0.01, 0.1, 10, "x", series)


def test_a_flat_loss_at_chance_wandering_by_one_percent_is_not_diverging(tmp_path: Path) -> None:
    # 4 classes, heavy weight decay: train and val sit at ln 4 = 1.386 for the whole run, the
    # train loss ending 1% above its lowest stretch.
    rng = np.random.default_rng(2)
    history = [{"loss": 1.38 + 0.013 * (step > 1500) + 0.002 * rng.standard_normal(),
                "step": step, "learning_rate": 0.05} for step in range(20, 2020, 20)]
    history += [{"eval_loss": 1.386 + 0.002 * rng.standard_normal(), "step": step}
                for step in range(100, 2100, 100)]
    log = _hf_run(tmp_path, history)
    report = diagnose_run(log)
    assert report.verdict == "underfitting"
    assert "diverging" not in codes(report)


def test_val_landing_far_from_its_last_value_at_every_epoch_is_erratic(tmp_path: Path) -> None:
    # Keras, Adam too hot with batches of 4, 10 epochs: val alternates 0.9 .. 2.5.
    val = [0.94, 1.98, 1.00, 1.13, 2.51, 1.06, 0.90, 1.67, 1.02, 1.58]
    train = [1.17, 1.10, 1.11, 1.02, 1.18, 0.97, 1.01, 0.92, 0.97, 0.89]
    rows = [[epoch, train[epoch], val[epoch]] for epoch in range(10)]
    log = _keras_run(tmp_path, rows)
    report = diagnose_run(log)
    assert report.verdict == "erratic"
    assert report.findings[0].evidence["cue"] == "swings"
    # a steep first drop over few evaluations is progress, not swings
    steep = [[e, 2.3 * 0.6 ** e + 0.1, 2.2 * 0.6 ** e + 0.15] for e in range(10)]
    log = _keras_run(tmp_path / "steep", steep)
    assert diagnose_run(log).verdict != "erratic"


def _val_after_best(tail: list[float]) -> list[dict]:
    """An HF log: val falls to 0.34 by step 1200, then ``tail``; train keeps falling."""
    val = [0.68 - 0.34 * (1 - math.exp(-step / 400)) for step in range(25, 1225, 25)]
    history = [{"eval_loss": value, "step": 25 * (i + 1)} for i, value in enumerate(val + tail)]
    history += [{"loss": 0.7 * math.exp(-step / 600) + 0.05, "step": step, "learning_rate": 1e-3}
                for step in range(5, 25 * len(history), 5)]
    return history


def test_a_jump_then_a_slow_recovery_is_not_overfitting_but_a_climb_is(tmp_path: Path) -> None:
    recovery = [0.75, 0.51, 0.49, 0.46, 0.455, 0.45, 0.44, 0.45, 0.43, 0.425, 0.43, 0.45, 0.43,
                0.43, 0.41, 0.405, 0.41, 0.40, 0.40, 0.40, 0.40, 0.395, 0.39, 0.405, 0.40, 0.405]
    climb = [0.34 + 0.0025 * i for i in range(1, 27)]
    jump = _hf_run(tmp_path / "jump", _val_after_best(recovery))
    climbing = _hf_run(tmp_path / "climb", _val_after_best(climb))
    assert "overfitting" not in codes(diagnose_run(jump))
    assert diagnose_run(climbing).verdict == "overfitting"


def test_val_swinging_on_a_log_scale_after_its_first_drop_is_erratic(tmp_path: Path) -> None:
    # HF, Adam too hot with batches of 4: eval loss falls 2.4 -> 0.08, then every evaluation
    # lands a factor of 2-4 from the last for the rest of the run.
    rng = np.random.default_rng(4)
    val = [2.4, 1.2, 0.5, 0.2] + np.exp(rng.normal(np.log(0.08), 0.8, 40)).tolist()
    history = [{"eval_loss": value, "step": 40 * (i + 1)} for i, value in enumerate(val)]
    history += [{"loss": 0.5 * math.exp(-step / 100) + 1e-4, "step": step, "learning_rate": 0.02}
                for step in range(10, 40 * len(val), 10)]
    log = _hf_run(tmp_path, history)
    report = diagnose_run(log)
    assert report.verdict == "erratic"
    assert report.findings[0].evidence["cue"] == "swings"


def test_val_bouncing_by_a_fifth_of_what_it_learned_is_erratic(tmp_path: Path) -> None:
    # Lightning-like, Adam too hot: val falls 0.75 -> 0.5 over the first evaluations, then
    # lands 15-20% of its level away from the last one at every evaluation (80 of them).
    rng = np.random.default_rng(7)
    trend = 0.45 + 0.3 * np.exp(-np.arange(80) / 8)
    val = trend * (1 + 0.15 * rng.standard_normal(80))
    train = trend * (1 + 0.5 * rng.standard_normal(80)).clip(0.05)
    rows = [[epoch, train[epoch], val[epoch]] for epoch in range(80)]
    report = diagnose_run(_keras_run(tmp_path / "bounce", rows))
    assert report.verdict == "erratic"
    assert report.findings[0].evidence["cue"] == "swings"
    # and a healthy run whose val wobbles by 3% of its level
    calm = [[epoch, trend[epoch] * 0.8, trend[epoch] * (1 + 0.03 * z)]
            for epoch, z in enumerate(rng.standard_normal(80))]
    assert diagnose_run(_keras_run(tmp_path / "calm", calm)).verdict == "healthy"


def _loop_points(held_out_tag: str, step_of_epoch) -> list[tuple[str, int, float]]:
    """A SummaryWriter loop of 30 epochs of 100 steps: Loss/train every 10 steps falling
    smoothly, the held-out loss once per epoch at ``step_of_epoch(epoch)``, bottoming out at
    epoch 8 and climbing after (overfitting)."""
    points = [("Loss/train", step, 1.2 * math.exp(-step / 600) + 0.02)
              for step in range(0, 3000, 10)]
    return points + [(held_out_tag, step_of_epoch(epoch), 0.40 + math.exp(-(epoch + 1) / 2.5)
                      + 0.01 * max(0, epoch - 7)) for epoch in range(30)]


def test_a_loop_whose_held_out_set_is_called_test_is_judged_on_it(tmp_path: Path) -> None:
    # A SummaryWriter loop logging Loss/train every 10 steps and Loss/test every epoch
    # (100 steps): test loss falls to 0.40 by epoch 8, then climbs to 0.60 while train falls.
    points = _loop_points("Loss/test", lambda epoch: 100 * (epoch + 1))
    write_scalars(tmp_path, points)
    (log,) = curvecli.load_runs(tmp_path).runs
    report = diagnose_run(log)
    assert report.monitored == "test/loss"
    assert report.verdict == "overfitting"
    assert report.findings[0].series == "test/loss"


def test_val_logged_by_epoch_beside_train_by_iteration_is_read_against_train(
        tmp_path: Path) -> None:
    # A hand-written loop: add_scalar("Loss/train", loss, global_step) every 10 steps, but
    # add_scalar("Loss/val", loss, epoch) once per epoch of 100 steps. Val bottoms out at
    # epoch 8 and climbs while train keeps falling: overfitting, not a divergence.
    points = _loop_points("Loss/val", lambda epoch: epoch)
    write_scalars(tmp_path, points)
    (log,) = curvecli.load_runs(tmp_path).runs
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    (finding,) = [f for f in report.findings if f.code == "overfitting"]
    assert "train/loss" in finding.message  # read against the train curve
    assert 800 <= finding.step <= 1000  # the end of epoch 8, on train's axis
    assert any("by epoch (0-29)" in note for note in report.notes)
    # a val every 5th epoch (0, 5, ..., 25) is linked the same way
    sparse = tmp_path / "every5"
    write_scalars(sparse, [p for p in points if p[0] == "Loss/train" or p[1] % 5 == 0])
    (log,) = curvecli.load_runs(sparse).runs
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert any("by epoch (0-25)" in note for note in report.notes)
    # with no train loss to link to, val keeps its own epoch axis
    alone = tmp_path / "alone"
    write_scalars(alone, [p for p in points if p[0] == "Loss/val"])
    (log,) = curvecli.load_runs(alone).runs
    assert diagnose_run(log).findings[0].step == 8


def test_a_run_nan_from_its_first_step_is_diverging_not_insufficient(tmp_path: Path) -> None:
    # As a public Lightning TensorBoard run (1822 train points, 27 evals, every one NaN):
    # a loss that never had a finite value diverged from the start; it is not short of data.
    points = [("train_loss_step", step, math.nan) for step in range(49, 2000, 50)]
    points += [("val_loss", step, math.nan) for step in range(99, 2000, 100)]
    write_scalars(tmp_path / "run", points)
    report = diagnose_run(curvecli.load_runs(tmp_path / "run").runs[0])
    assert report.verdict == "diverging"
    (finding,) = [f for f in report.findings if f.code == "diverging"]
    assert finding.evidence["cue"] == "non_finite" and finding.step == 49


def test_a_run_with_too_few_points_that_are_nan_is_still_insufficient(tmp_path: Path) -> None:
    write_scalars(tmp_path / "run", [("train_loss", 1, math.nan), ("train_loss", 2, math.nan)])
    report = diagnose_run(curvecli.load_runs(tmp_path / "run").runs[0])
    assert report.verdict == "insufficient_data"


@pytest.mark.parametrize(("end", "verdict"), [(0.585, "overfitting"), (0.56, "healthy")])
def test_a_val_loss_that_gave_back_all_it_learned_overfits_below_ten_percent(
        tmp_path: Path, end: float, verdict: str) -> None:
    # As a public masked-autoencoder run (Lightning TensorBoard, 500 evaluations): val 0.574
    # -> best 0.54 at evaluation 80, then a steady climb for 40k steps while train keeps
    # falling. Ending at 0.585 it gave back more than all it had learned, though only 8% above
    # its best: overfitting. Ending at 0.56 it kept part of its gain: a drift, not.
    rng = np.random.default_rng(0)
    index = np.arange(500)
    steps = index * 98 + 97
    val = np.where(index <= 80, 0.574 - 0.034 * index / 80,
                   0.54 + (end - 0.54) * (index - 80) / 419)
    val = val + rng.normal(0, 0.003, 500)
    train = 0.45 - 0.16 * index / 499 + rng.normal(0, 0.004, 500)
    points = [("val/loss", int(s), float(v)) for s, v in zip(steps, val)]
    points += [("train/loss", int(s), float(t)) for s, t in zip(steps, train)]
    write_scalars(tmp_path / "run", points)
    report = diagnose_run(curvecli.load_runs(tmp_path / "run").runs[0])
    assert report.verdict == verdict


@pytest.mark.parametrize(("lr", "advised"), [(1e-6, True), (5e-3, False)])
def test_raise_the_learning_rate_only_when_it_was_low(tmp_path: Path, lr: float,
                                                      advised: bool) -> None:
    # A 10-class net that learned nothing: val and train stuck at ln 10 at a constant rate.
    # At 1e-6 the advice to raise the rate is right; at 5e-3 (Adam stuck at chance is as
    # likely a rate too high) the curve says nothing of the rate's direction.
    rng = np.random.default_rng(1)
    points = []
    for step in range(1, 41):
        points += [("train/loss", 50 * step, float(2.3026 + rng.normal(0, 0.002))),
                   ("val/loss", 50 * step, float(2.3026 + rng.normal(0, 0.001))),
                   ("train/learning_rate", 50 * step, lr)]
    write_scalars(tmp_path / "run", points)
    report = diagnose_run(curvecli.load_runs(tmp_path / "run").runs[0])
    assert report.verdict == "underfitting"
    assert ("lr_too_low" in codes(report)) is advised


def test_the_accuracy_read_beside_a_val_loss_is_the_one_on_its_evaluations(tmp_path: Path) -> None:
    # Lightning writes val_acc_step per val batch (at the val loop's own steps 0..N, which
    # overlap the training steps) and val_accuracy per epoch beside the per-epoch val_loss.
    # The per-epoch one shares the loss's steps.
    from curvecli.analysis.diagnose import _curves

    rows = [[batch // 100, batch, None, 0.5 + 0.1 * (batch % 3), None, None]
            for batch in range(1000)]
    rows += [[epoch, 100 * epoch + 99, 1.0 / (epoch + 1), None, 0.7 + 0.02 * epoch,
              0.9 - 0.3 / (epoch + 1)] for epoch in range(10)]
    path = write_csv(tmp_path / "version_0" / "metrics.csv",
                     ["epoch", "step", "train_loss", "val_acc_step", "val_loss", "val_accuracy"],
                     [["" if v is None else v for v in row] for row in rows])
    (log,) = curvecli.load_runs(path.parent).runs
    series = extract(log.frame)
    assert _curves(series, series["val/loss"]).accuracy.name == "val/accuracy"


def test_an_overfitting_score_says_how_much_of_its_best_it_lost(tmp_path: Path) -> None:
    # A bounded score's fall is told in its own terms: an accuracy 0.80 -> 0.40 fell about
    # half of its best, not "100%" (its distance from 1 doubled, 0.2 -> 0.6 is +200%).
    accuracy = [0.3, 0.5, 0.7, 0.8, 0.8, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.4]
    rows = [[epoch, 1.0 / (epoch + 1), value] for epoch, value in enumerate(accuracy)]
    write_csv(tmp_path / "history.csv", ["epoch", "train_loss", "val_acc"], rows)
    (log,) = curvecli.load_runs(tmp_path).runs
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    (finding,) = [f for f in report.findings if f.code == "overfitting"]
    share = int(finding.message.split(" fell ")[1].split("%")[0])
    assert 40 <= share <= 60, finding.message


def test_a_yolo_pose_run_keeps_the_epoch_of_its_summed_box_and_pose_fitness(
        tmp_path: Path) -> None:
    # Ultralytics' PoseMetrics.fitness is the box fitness plus the keypoint fitness: best.pt is
    # the epoch where their sum peaks, not the box's alone (here the box peaks at epoch 3, the
    # keypoints climb to epoch 6).
    header = ["epoch", "train/box_loss", "train/pose_loss", "metrics/mAP50(B)",
              "metrics/mAP50-95(B)", "metrics/mAP50(P)", "metrics/mAP50-95(P)", "val/box_loss",
              "val/pose_loss"]
    box = [0.30, 0.45, 0.60, 0.58, 0.57, 0.56, 0.56, 0.55]
    pose = [0.05, 0.10, 0.15, 0.25, 0.35, 0.45, 0.40, 0.38]
    rows = [[e + 1, 2.0 - 0.1 * e, 3.0 - 0.2 * e, b + 0.2, b, p + 0.2, p, 1.5, 3.0]
            for e, (b, p) in enumerate(zip(box, pose))]
    write_csv(tmp_path / "runs" / "pose" / "train" / "results.csv", header, rows)
    report = diagnose_run(curvecli.load_runs(tmp_path).runs[0])
    assert report.monitored == "val/fitness"
    assert report.best.step == 6


def test_a_val_accuracy_with_too_few_finite_points_beside_a_loss_at_its_best(
        tmp_path: Path) -> None:
    # Found by the long mutation fuzz (-m slow): a val loss ending at a new best by a hair, so
    # still_improving looks at the val accuracy beside it, which has 2 finite points of 12 and
    # no shape. diagnose raised AttributeError instead of judging the loss.
    rows = ["epoch,loss,val_loss,val_accuracy"]
    for epoch in range(12):
        val = 0.4 - epoch * 1e-5 if epoch >= 2 else (1.0, 0.5)[epoch]
        accuracy = 0.5 + epoch / 100 if epoch in (3, 7) else math.nan
        rows.append(f"{epoch},{1.0 / (1 + epoch):.5f},{val:.6f},{accuracy}")
    log = tmp_path / "training_log.csv"
    log.write_text("\n".join(rows) + "\n")
    report = diagnose_run(curvecli.load_runs(log).runs[0])
    assert report.monitored == "val/loss" and report.verdict == "healthy"


def test_a_score_that_got_worse_is_said_to_fall(tmp_path: Path) -> None:
    # A val accuracy that peaks and falls while train keeps fitting (overfitting), and a dice
    # that collapses for two evaluations and comes back (a spike): the evidence said a score
    # "rose" to its worse value and "jumped" down.
    rows = [[epoch, 1.0 / (epoch + 1), min(0.5 + epoch * 0.04, 0.9 - (epoch - 10) * 0.02)]
            for epoch in range(30)]
    write_csv(tmp_path / "over" / "history.csv", ["epoch", "train_loss", "val_acc"], rows)
    (log,) = curvecli.load_runs(tmp_path / "over").runs
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert " fell " in next(f for f in report.findings if f.code == "overfitting").message
    dice = [0.6 + 0.01 * min(epoch, 10) for epoch in range(40)]
    dice[25:27] = [0.07, 0.1]
    write_csv(tmp_path / "spike" / "history.csv", ["epoch", "val_dice"],
              [[epoch, value] for epoch, value in enumerate(dice)])
    (log,) = curvecli.load_runs(tmp_path / "spike").runs
    spike = next(f for f in diagnose_run(log).findings if f.code == "loss_spike")
    assert "dropped from about 0.7 to 0.07" in spike.message


def test_a_log_joins_late_only_when_its_steps_start_after_its_epochs_did() -> None:
    # "Epoch [6/6], Step [10/1549]": the log starts in the last epoch of six, its steps
    # counting from there. A Lightning log whose first point lands in epoch 3 at step 49 (16
    # steps an epoch, logged every 50) started with its training.
    from curvecli.analysis.curves import joined_late

    def series(steps: list[int], epochs: list[float]) -> Series:
        values = np.linspace(1.0, 0.5, len(steps))
        return Series("r", "train", "loss", np.array(steps), values, np.array(epochs), ["loss"])

    assert joined_late(series([10, 500, 1000, 1540], [6.0] * 4))
    assert not joined_late(series([49, 99, 149, 199], [3.0, 6.0, 9.0, 12.0]))
    assert not joined_late(series([10, 500, 1000, 1540], [0.0] * 4))
    assert not joined_late(series([10, 20, 30], [math.nan] * 3))
