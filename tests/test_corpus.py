"""Diagnose on a stratified subset of the labelled corpus (real trainings, real writers).

The corpus (benchmarks/corpus/) is made by really training models with torch's
SummaryWriter, Lightning's CSVLogger and TensorBoardLogger, HF Trainer and Keras 3; a run
per writer, verdict and split is copied here by benchmarks/corpus/subset.py with its
SOURCE.txt. The full corpus is scored by benchmarks/score_corpus.py; these tests keep the
verdicts from sliding and hold the hard rule (a healthy run is never called overfitting,
diverging or erratic) on every run.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pytest
from conftest import DATA, codes, transformed

import curvecli
from curvecli.analysis import robust
from curvecli.analysis.detectors import find_still_improving
from curvecli.analysis.diagnose import _curves, diagnose_run
from curvecli.analysis.series import extract
from curvecli.frame import RunLog

CORPUS = DATA / "corpus"
LABELS: dict = json.loads((CORPUS / "labels.json").read_text())
FORBIDDEN_FOR_HEALTHY = {"overfitting", "diverging", "erratic"}
MIN_RIGHT = 0.8  # the full corpus' dev and test scores are in the README


@lru_cache(maxsize=None)
def corpus_run(key: str) -> RunLog | None:
    runs = [run for run in curvecli.load_runs(CORPUS / key).runs if run.points]
    return max(runs, key=lambda run: run.points) if runs else None


def public_run(name: str) -> RunLog:
    """The one run of a public log copied into tests/data/public (its SOURCE.txt says whence)."""
    return curvecli.load_runs(DATA / "public" / name).runs[0]


def verdict_of(key: str) -> str:
    log = corpus_run(key)
    return diagnose_run(log).verdict if log is not None else "insufficient_data"


def only_finding(report, code: str):
    """The report's one finding of ``code`` (there must be exactly one)."""
    (finding,) = [f for f in report.findings if f.code == code]
    return finding


def val_confirmed(report) -> list:
    """The report's train loss spikes the val loss rose with: confirmed by val (cue
    ``confirmed_by_val``), or found on their own with the val bump in their evidence."""
    return [f for f in report.findings if f.code == "loss_spike" and "val_peak" in f.evidence]


def the_val_confirmed_spike(log: RunLog | str):
    """Diagnose ``log`` (or the corpus run of that key), which must be a loss_spike with
    exactly one train spike that val rose with, and return that spike."""
    report = diagnose_run(corpus_run(log) if isinstance(log, str) else log)
    assert report.verdict == "loss_spike"
    (spike,) = val_confirmed(report)
    return spike


def with_frame(log: RunLog, frame) -> RunLog:
    """``log`` with its points replaced by ``frame`` (an edited copy of its own)."""
    return RunLog(log.run, log.source, frame, log.files, [], log.meta)


def rows_of(frame, split: str, metric: str):
    """The rows of ``frame`` that hold the series ``split/metric``."""
    return (frame["split"].astype(str) == split) & (frame["metric"].astype(str) == metric)


def right(key: str, verdict: str) -> bool:
    return verdict == LABELS[key]["verdict"] or verdict in LABELS[key].get("acceptable", [])


def test_the_subset_covers_every_writer_and_verdict() -> None:
    writers = {label["writer"] for label in LABELS.values()}
    verdicts = {label["verdict"] for label in LABELS.values()}
    assert {"summarywriter", "lightning_csv", "lightning_tb"} <= writers
    assert verdicts == {"healthy", "overfitting", "underfitting", "erratic", "diverging",
                        "loss_spike", "still_improving", "insufficient_data"}
    assert {label["split"] for label in LABELS.values()} == {"dev", "test"}


def test_corpus_verdicts_are_mostly_right_and_healthy_runs_never_alarm() -> None:
    verdicts = {key: verdict_of(key) for key in LABELS}
    wrong = [(key, LABELS[key]["verdict"], got) for key, got in verdicts.items()
             if not right(key, got)]
    alarms = [key for key, got in verdicts.items() if LABELS[key]["verdict"] == "healthy"
              and not right(key, got) and got in FORBIDDEN_FOR_HEALTHY]
    assert alarms == []
    assert len(wrong) <= (1 - MIN_RIGHT) * len(LABELS), wrong


@pytest.mark.parametrize("key", [k for k, v in LABELS.items()
                                 if v["verdict"] == "insufficient_data"])
def test_runs_too_short_to_judge_say_so(key: str) -> None:
    assert verdict_of(key) == "insufficient_data"


def test_a_train_spike_that_val_confirms_is_a_spike_and_without_val_it_is_not() -> None:
    # Lightning, LR x30 for 10 steps at step 600: the train loss jumps 10x and decays over
    # tens of steps (too like the per-batch tail to stand out alone); val rises 1.7x with it.
    key = "lightning_csv/swissroll/loss_spike-lrbump-s1"
    log = corpus_run(key)
    spike = the_val_confirmed_spike(log)
    assert 600 <= spike.step <= 620 and spike.series == "train/loss"
    assert spike.evidence["val_peak"] > 1.3 * spike.evidence["val_before"]
    frame = log.frame.copy()
    val = rows_of(frame, "val", "loss")
    frame.loc[val & (frame["step"] >= 600), "value"] = float(frame.loc[val, "value"].min())
    calm = with_frame(log, frame)
    assert not val_confirmed(diagnose_run(calm))


def test_a_val_confirmed_spike_survives_coarse_evaluations() -> None:
    # SummaryWriter, LR x100 for 10 steps at step 900: val (every 125 steps once thinned)
    # goes 0.53 -> 1.16 and back down over its last three evaluations; the train jump is
    # too like its own slow decay to stand out alone.
    log = transformed(corpus_run("summarywriter/synth12/loss_spike-lrbump-s3"), "thin")
    spike = the_val_confirmed_spike(log)
    assert 880 <= spike.step <= 940
    assert spike.evidence["val_peak"] > 2 * spike.evidence["val_before"]


def test_a_val_bump_confirms_a_spike_against_the_noise_after_the_first_drop() -> None:
    # Lightning CSVLogger, LR x100 for 10 steps at step 900. Thinned, val has 12 points:
    # 2.43, 1.38, 0.82 ... 0.53, 0.94 (the bump), 0.73 ... 0.59. The steep first drop of
    # so few evaluations bends away from any rolling trend; it is no bouncing and no noise,
    # so it neither makes the val uncalm nor raises the bar the bump must clear.
    log = corpus_run("lightning_csv/synth12/loss_spike-lrbump-s1")
    for run in (log, transformed(log, "thin")):
        spike = the_val_confirmed_spike(run)
        assert 900 <= spike.step <= 920


def test_a_val_bump_too_small_to_matter_confirms_no_spike() -> None:
    # HF Trainer, a GRU whose val loss fell from 0.60 to 1e-4: at step ~850 train jumps
    # 100x and val goes 8e-5 -> 5.8e-4 for one evaluation, under 0.1% of all val gained.
    # Accuracy stays 1.0: nothing an engineer acts on.
    report = diagnose_run(corpus_run("hf/seq_motif/healthy-gru-s1"))
    assert report.verdict == "healthy"
    assert not val_confirmed(report)
    log = corpus_run("hf/seq_motif/healthy-gru-s1")
    frame = log.frame.copy()
    val = rows_of(frame, "val", "loss")
    bump = val & (frame["value"] > 5e-4) & (frame["step"] > 500)
    frame.loc[bump, "value"] = 0.02  # the same bump, 3% of val's gain: a spike
    bumped = diagnose_run(with_frame(log, frame))
    assert val_confirmed(bumped)


def test_a_val_loss_that_tripled_is_overfitting_whatever_spike_train_had() -> None:
    # Lightning, a transformer char LM memorising its text: val 3.4 -> 11 while train falls
    # to 0.08, with a train spike (10x, recovered) at step ~620 that the thinning sharpens.
    # The spike is reported, as info: its peak stays under val's level.
    log = transformed(corpus_run("lightning_csv/charlm_markov/overfitting-transformer-s1"),
                      "thin")
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert any(f.code == "loss_spike" and f.severity == "info" for f in report.findings)


def test_a_val_loss_that_jumps_2_5x_and_recovers_is_a_spike() -> None:
    # Keras CSVLogger, LR x100 during epoch 15: val 0.37 -> 0.92 and back to 0.44 over the
    # next epochs. A full evaluation has no batch noise: 2x is a spike there, not 2.5x.
    report = diagnose_run(corpus_run("keras_csv/bow_sentiment/loss_spike-bag-lr-bump-x100-s2"))
    assert report.verdict == "loss_spike"
    (spike,) = [f for f in report.findings if f.code == "loss_spike"]
    assert spike.series == "val/loss" and spike.severity == "warning"
    assert 2.0 < spike.evidence["height_ratio"] < 2.5


def test_val_wobbling_where_it_started_is_underfitting_not_erratic() -> None:
    # HF, SGD 0.3: val MSE 1.1-1.35 (the target's variance) from its first evaluation on,
    # one point at 2.0; its swing is 13% of its level but it never learned anything to
    # swing against.
    report = diagnose_run(corpus_run("hf/friedman/diverging-sgd-hot-s1"))
    assert report.verdict == "underfitting"
    assert not any(f.evidence.get("cue") == "swings" for f in report.findings)


def test_a_3x_lr_bump_hidden_in_per_step_noise_is_found_through_val() -> None:
    # SummaryWriter, 10-class blobs, LR x30 for 10 steps at step 900: the per-step train loss
    # (batch 32, its band 0.3-1.0) goes to 1.9 for ~40 steps, val 0.68 -> 1.00 and back.
    spike = the_val_confirmed_spike("summarywriter/blobs10/loss_spike-lrbump10-x30-s1")
    assert 895 <= spike.step <= 960


def test_train_candidates_of_one_lr_bump_confirm_one_val_bump_whatever_their_start() -> None:
    # SummaryWriter, LR x30 for 10 steps at step 900, train loss every 2 steps: three train
    # candidates (888, 902, 920) start on either side of an evaluation, so the val level
    # "before" each differs (0.308, 0.302), but all point at one val peak (0.458 at 925):
    # one bump, not val bouncing with every hard batch.
    spike = the_val_confirmed_spike("summarywriter/xor3d/loss_spike-lrbump10-x30-s1")
    assert 880 <= spike.step <= 930
    assert spike.evidence["val_peak_step"] == 925
    assert spike.evidence["val_peak"] > 1.4 * spike.evidence["val_before"]


def test_a_val_bump_standing_far_out_of_a_calm_val_confirms_a_smaller_rise() -> None:
    # Lightning CSVLogger, a GRU language model near its entropy floor, 20 poisoned batches
    # (inputs x10) at step 800: train 1.2 -> 3.7, val 1.20 -> 1.52 (1.27x, under the 1.3x a
    # val rise needs) and back; val otherwise only falls, so no step up elsewhere comes near.
    spike = the_val_confirmed_spike("lightning_csv/dyck_lm/loss_spike-gru-poisoninputs-s1")
    assert 800 <= spike.step <= 830
    assert 1.2 < spike.evidence["val_peak"] / spike.evidence["val_before"] < 1.3


def test_a_val_bump_standing_far_out_of_a_bouncing_val_confirms_a_spike() -> None:
    # SummaryWriter, a regression at LR x10 for 40 steps at step 600: val 0.30 -> 0.60 and
    # back, 6x any step up it takes elsewhere, though its ordinary swing (6% of its level)
    # is above what a calm val swings.
    spike = the_val_confirmed_spike("summarywriter/sparse_reg/loss_spike-lrbump40-x10-s1")
    assert 600 <= spike.step <= 650
    assert spike.evidence["val_peak"] > 1.9 * spike.evidence["val_before"]


def test_a_per_step_loss_lifted_for_steps_in_a_row_is_a_spike_and_hard_batches_are_not() -> None:
    # SummaryWriter, a GRU on parity, 10 poisoned batches (inputs x10) at step 4000: the
    # per-step train loss (its band 0-0.45 around 0.1) is 2.35, 1.71, 0.48, 0.33, 0.30 ...
    # at steps 4005-4030, too low against the band's tail to stand out point by point, and
    # val hardly moves. Hard batches come one at a time; this many in a row is a spike.
    log = corpus_run("summarywriter/parity/loss_spike-poisoninputs-s1")
    report = diagnose_run(log)
    assert report.verdict == "loss_spike"
    spike = only_finding(report, "loss_spike")
    assert spike.evidence["cue"] == "sustained" and 4000 <= spike.step <= 4010
    # High points one at a time (every other one back in the band, the highest no higher than
    # the loss stood at chance early on) decide nothing.
    frame = log.frame.copy()
    train = rows_of(frame, "train", "loss")
    broken = train & frame["step"].isin(range(4010, 4100, 10))
    frame.loc[broken, "value"] = 0.1
    frame.loc[train & (frame["step"] == 4005), "value"] = 0.7
    scattered = with_frame(log, frame)
    assert diagnose_run(scattered).verdict != "loss_spike"


def test_a_tenfold_jump_standing_alone_above_every_other_batch_is_a_spike() -> None:
    # Lightning TensorBoard, a CNN at LR x20 for 5 steps at step 800: its noisy per-step loss
    # (0.1-0.5) jumps to 1.0, 2.66, 0.97 at steps 803-807 (sustained: 3 logs in a row). With
    # its shoulders put back in the band, the one point at 2.66 (3.3x its highest batch past
    # the first tenth) is too low against the band's tail alone but stands alone; lowered to
    # 2x that highest batch, it no longer does.
    log = corpus_run("lightning_tb/shapes/loss_spike-cnn-lrbump-s2")
    report = diagnose_run(log)
    assert report.verdict == "loss_spike"
    assert 800 <= only_finding(report, "loss_spike").step <= 810
    frame = log.frame.copy()
    train = rows_of(frame, "train", "loss")
    frame.loc[train & frame["step"].isin([803, 807]), "value"] = 0.3
    alone = diagnose_run(with_frame(log, frame))
    assert alone.verdict == "loss_spike"
    assert only_finding(alone, "loss_spike").step == 805
    at = train & (frame["step"] == 805)
    frame.loc[at, "value"] = frame.loc[at, "value"] / 3.3 * 2.0
    lowered = with_frame(log, frame)
    assert diagnose_run(lowered).verdict != "loss_spike"


def test_a_memorised_train_loss_hiccup_far_below_val_is_no_spike() -> None:
    # SummaryWriter, a wide MLP memorising 100 examples: train 0.002 -> 0.014 at step 910
    # while val (0.10) blips to 0.15 once; val is otherwise flat.
    report = diagnose_run(corpus_run("summarywriter/poly_reg/overfitting-widemlp-s2"))
    assert report.verdict == "healthy"


@pytest.mark.parametrize("key", [
    # Keras, LR x100 for 15 steps in epoch 15: val 0.31 -> 0.69 (ln 2) and train 0.23 ->
    # 0.67, both creeping down by 1% over the last quarter: a collapse, not a recovery.
    "keras_csv/xor3d/loss_spike-lr-bump-x100-15steps-s1",
    # Lightning, LR jumped to 5 at step 800: val 0.32 -> 0.7-5.6, accuracy at chance to the
    # end, train thrown about too noisily to read on its own.
    "lightning_csv/xor3d/diverging-collapse-lrjump-s1",
])
def test_a_run_that_collapsed_to_chance_and_stayed_is_diverging(key: str) -> None:
    report = diagnose_run(corpus_run(key))
    assert report.verdict == "diverging"
    assert report.findings[0].evidence["cue"] == "lost_progress"


def test_a_poisoned_batch_spike_val_confirms_in_a_noisy_per_step_band() -> None:
    # Lightning TensorBoardLogger, random-label batches at step 1000: train 0.19 -> 2.39,
    # val (once per epoch) 0.30 -> 0.49 and back two epochs later. At 5 rolling sigmas the
    # noisy per-step band has too many candidates to read; at 10 this one stands out.
    spike = the_val_confirmed_spike("lightning_tb/xor3d/loss_spike-poisonlabels-epochval-s1")
    assert 995 <= spike.step <= 1030


def test_a_regression_at_its_noise_floor_from_early_on_is_healthy() -> None:
    # HF Trainer, an MLP on make_friedman2 with noise (best val MSE ~0.26, the noise floor),
    # metric_for_best_model mse with early stopping: val 0.36 -> 0.27 in one epoch, then flat
    # with train at val. A linear model on a non-linear target draws the same curve, so the
    # curve alone does not make it underfitting.
    report = diagnose_run(corpus_run("hf/friedman2/healthy-mlp-cosine-bestmse-es-s1"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_run_cut_short_as_it_leaves_chance_is_still_improving_not_underfitting() -> None:
    # SummaryWriter, a GRU on 4-class language identification, Adam 1e-3, cut after 300
    # steps: val 1.41 (ln 4 = 1.39) -> 1.31, falling faster and faster. It learned only 7%
    # of its level (the underfitting cue fires too), but it is leaving its plateau.
    report = diagnose_run(corpus_run("summarywriter/lang_id/still_improving-gru-short-s2"))
    assert report.verdict == "still_improving"
    (improving,) = [f for f in report.findings if f.code == "still_improving"]
    assert improving.evidence["acceleration"] >= 2.0
    assert "underfitting" in codes(report)


def test_a_loss_crawling_down_at_a_tiny_learning_rate_is_underfitting() -> None:
    # SummaryWriter, an MLP on digits at SGD 1e-6: val falls at a constant rate, 1% of its
    # level over the run. Still falling, but not accelerating: the LR is too low. So slow a
    # crawl (its tail gained under 2% of its level) is not reported as still improving.
    log = corpus_run("summarywriter/digits/underfitting-lr1e-6-s3")
    report = diagnose_run(log)
    assert report.verdict == "underfitting"
    assert "lr_too_low" in codes(report) and "still_improving" not in codes(report)
    curves = _curves(extract(log.frame), extract(log.frame)["val/loss"])
    (improving,) = find_still_improving(curves)
    assert 0.8 < improving.evidence["acceleration"] < 1.3
    assert improving.evidence["share_of_level"] < 0.02


def test_a_slow_val_creep_after_a_fast_first_drop_reads_the_same_thinned() -> None:
    # Keras TensorBoard, an MLP on wine: val 0.53 -> 0.10 in its first epochs, then creeps
    # to 0.13 over 50 epochs (4% of all it improved). The rise is measured against the drop
    # from the first evaluation, which thinning keeps, not against a median of the first
    # points, which thinning moves; so both readings agree.
    log = corpus_run("keras_tb/wine/healthy-mlp-s2")
    full, thinned = diagnose_run(log), diagnose_run(transformed(log, "thin"))
    assert full.verdict == thinned.verdict == "healthy"


def test_a_val_that_fell_a_hundredfold_and_wobbles_at_the_bottom_is_not_erratic() -> None:
    # Keras CSVLogger, a public time-series forecaster (SOURCE.txt): val MSE 0.20 -> 0.001-0.006
    # over 24 epochs. Its wobble is 39% of that tiny level but 1% of all it fell: converged.
    log = public_run("keras-forecast-batu-end")
    report = diagnose_run(log)
    assert report.verdict == "healthy"
    assert "erratic" not in codes(report)


def test_a_val_set_at_chance_while_train_is_memorised_is_underfitting() -> None:
    # Keras CSVLogger, a public MobileNetV3 on 10 classes (SOURCE.txt; appended sessions, the
    # last one here): val accuracy 0.09-0.12 and val loss 2.32-3.17 (ln 10 = 2.30) at every
    # epoch while train accuracy climbs 0.20 -> 0.44. Accuracy x e^loss is 1 for a guess.
    log = curvecli.load_runs(DATA / "public" / "keras-mobilenetv3-farrisfoo").runs[-1]
    report = diagnose_run(log)
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "at_chance"
    assert finding.evidence["accuracy_times_e_loss"] < 1.3


def test_a_model_that_learned_half_its_initial_loss_and_levelled_off_is_not_underfitting() -> None:
    # Lightning CSVLogger, an MLP on 8-label multilabel data (BCE, chance ~0.54): val 0.39 ->
    # 0.295 by step 755, then flat at the task's floor with train at val. It stalled early,
    # but having learned 48% of its initial loss (an LM at its data's entropy floor draws the
    # same curve): stalled_high needs a model that learned under 35%.
    report = diagnose_run(corpus_run("lightning_csv/multilabel/healthy-medium-running-cosine-s2"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_two_single_evaluation_hundredfold_val_spikes_are_loss_spikes() -> None:
    # A public steering regression (custom CSV, SOURCE.txt): val loss ~0.008 jumps to 1.18 at
    # epoch 10 and 0.84 at epoch 12, back to 0.006 the next epoch each time, then falls to
    # 0.0005. Two spikes in 40 points would be the heavy tail of batch noise on a train loss;
    # a full evaluation has no such tail, so 100x jumps there count as spikes.
    log = public_run("csv-steering-valspike-charvi1809")
    report = diagnose_run(log)
    assert report.verdict == "loss_spike"
    spikes = sorted(f.step for f in report.findings if f.code == "loss_spike"
                    and f.series == report.monitored)
    assert spikes == [10, 12]


def test_a_mean_per_class_accuracy_below_what_a_guess_scores_is_not_at_chance() -> None:
    # HF Trainer, a public 3-D segmentation fine-tune at checkpoint-500 (SOURCE.txt): eval
    # loss 1.68 -> 0.77, eval accuracy (a mean over classes) about 0.40. Accuracy x e^loss is
    # 0.86, under the 1 that guessing the class prior always scores: that accuracy does not
    # measure the classes the loss does, so it says nothing about chance.
    report = diagnose_run(public_run("hf-segformer-3d-ckpt500-protaxy"))
    assert report.verdict != "underfitting"
    assert "underfitting" not in codes(report)


def test_a_val_rise_under_a_tenth_of_its_level_that_gave_back_much_is_overfitting() -> None:
    # A public 7-class emotion CNN (Keras history saved as JSON, SOURCE.txt): val loss 1.266 ->
    # best 1.040 at epoch 9 -> 1.145 at 16, rising over 7 epochs (8-10% of its level, 40% of
    # all it had gained) while train fell 1.04 -> 0.61 and train accuracy climbed to 0.88.
    log = public_run("json-crowd-emotion-PHAMNGOCCHANVU")
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 9
    # The same val beside a train loss that stops fitting after the val best is no overfitting.
    frame = log.frame.copy()
    train = rows_of(frame, "train", "loss")
    frame.loc[train & (frame["step"] > 9), "value"] = frame.loc[
        train & (frame["step"] == 9), "value"].iloc[0]
    flat = with_frame(log, frame)
    assert diagnose_run(flat).verdict != "overfitting"


def test_a_val_loss_climbing_beside_a_sparse_train_loss_that_fell_is_overfitting() -> None:
    # A public Lightning classifier (metrics.csv, SOURCE.txt) whose val set holds one class:
    # val loss 0.085 at its first evaluation climbs at every one of 50 to 2.91 (34x), val
    # accuracy 1.0 -> 0, while the seven train points logged fall 2.60 -> 1.01. Too few train
    # points to judge a divergence on, but enough to show the model kept fitting.
    log = public_run("lightning-mlops-classifier-v3-idzorin")
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert "diverging" not in codes(report)
    # Beside train points that rose instead, the same val is a run that lost what it learned.
    frame = log.frame.copy()
    train = rows_of(frame, "train", "loss")
    frame.loc[train, "value"] = np.linspace(1.0, 2.6, int(train.sum()))
    rising = with_frame(log, frame)
    assert diagnose_run(rising).verdict == "diverging"


def test_a_val_loss_that_fell_fourfold_learned_though_train_was_flat() -> None:
    # A public link-prediction run (custom CSV, SOURCE.txt): the per-epoch train loss is
    # 0.14 -> 0.126 from its first logged value (an epoch's average, after most of the
    # learning), while val loss fell 0.548 -> 0.132 and val accuracy rose 0.79 -> 0.95.
    report = diagnose_run(public_run("csv-temporal-linkpred-alikrnc"))
    assert report.verdict in {"healthy", "still_improving"}
    assert "underfitting" not in codes(report)


def test_train_and_val_climbing_together_to_nine_times_their_floor_is_diverging() -> None:
    # A public volatility forecaster (custom CSV, SOURCE.txt): train loss 2.58 -> 0.061 at
    # epoch 13, then up every epoch to 0.554 (9x); val 0.060 -> 0.33, 0.73, 0.18. It gave back
    # only 18% of its first fall, but both losses ended several times their floor.
    report = diagnose_run(public_run("csv-volatility-rebound-markdeng86"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.evidence["cue"] == "lost_progress" and finding.step == 13


def test_a_memorised_train_loss_bouncing_off_its_floor_with_val_flat_is_not_diverging() -> None:
    # Keras CSVLogger, a wide MLP on 100 examples: train loss 0.038 -> 0.00085 and back up
    # to 0.0058 (7x its floor) while val levels off at 0.08-0.09: nothing was lost.
    report = diagnose_run(corpus_run("keras_csv/poly_reg/overfitting-wide-small-n-s1"))
    assert report.verdict == "healthy"


def test_three_evaluations_rising_in_a_line_after_the_best_are_overfitting() -> None:
    # Lightning CSVLogger, a public forecasting model (SOURCE.txt): val loss 10.3 -> best 3.49
    # at its 5th evaluation, then 4.94, 5.65, 6.00 while the epoch train loss keeps falling.
    # Three points on a line scatter little around it: the rise is far beyond their noise,
    # which the whole series' noise (its steep first drop) would have hidden.
    report = diagnose_run(public_run("lightning-tft-forecast-overfit-karasik777"))
    assert report.verdict == "overfitting"
    finding = only_finding(report, "overfitting")
    assert finding.step == 424


def test_a_train_only_loss_bouncing_with_no_trend_is_erratic() -> None:
    # Lightning CSVLogger, a public train-only run with batches of one (SOURCE.txt): the
    # per-step train loss starts at 1.95, then bounces 0.23-4.75 around 0.9 for 80 points
    # with no trend. Its end is not half its start: the lowest batch is no measure of learning.
    report = diagnose_run(public_run("lightning-rope-bs1-erratic-haiping-liu"))
    assert report.verdict == "erratic"
    finding = only_finding(report, "erratic")
    assert finding.series == "train/loss"


def test_a_train_spike_that_stays_under_the_val_level_does_not_decide() -> None:
    # Keras CSVLogger, an MLP on wine at a hot learning rate: after wild early epochs the
    # train loss sits at 0.034 and jumps to 0.88 at epoch 8, still under val's 1.03-1.2
    # there. A train hiccup below what the model scores on unseen data is reported as info.
    report = diagnose_run(corpus_run("keras_csv/wine/erratic-adam-hot-b4-s1"))
    assert report.verdict == "healthy"
    (spike,) = [f for f in report.findings if f.code == "loss_spike" and f.series == "train/loss"]
    assert spike.step == 8 and spike.severity == "info"


def test_a_val_swinging_by_more_than_its_level_is_erratic_thinned_too() -> None:
    # Lightning CSVLogger, a small MLP on circles at Adam lr 0.1 with batches of 4: val loss
    # 0.76 at the first evaluation, then bouncing 0.003-0.35 for 60 evaluations. Thinned to
    # 12 of them, each still lands farther from the last than the level itself (158%).
    log = corpus_run("lightning_csv/circles/erratic-adamhigh-s1")
    full, thinned = diagnose_run(log), diagnose_run(transformed(log, "thin"))
    assert full.verdict == thinned.verdict == "erratic"
    (finding,) = [f for f in thinned.findings if f.code == "erratic"]
    assert finding.evidence["swing_over_level"] >= 1.0


def test_a_val_loss_at_a_new_best_with_accuracy_still_climbing_is_still_improving() -> None:
    # Keras CSVLogger, a public CNN cut at 21 epochs (SOURCE.txt): val loss 12.8 -> 2.2 by
    # epoch 13, noisy, then a new best 1.76 at the last epoch; val accuracy 0.25 -> 0.81,
    # climbing 0.74 -> 0.78 -> 0.81 at the end. The loss's tail is small against its first
    # fall; the accuracy's is not.
    report = diagnose_run(public_run("keras-bioinfo-cnn-still-carlesoctav"))
    assert report.verdict == "still_improving"
    finding = only_finding(report, "still_improving")
    assert finding.evidence["cue"] == "accuracy_tail" and finding.series == "val/accuracy"


def test_a_short_bouncing_train_log_ending_on_one_bad_batch_is_erratic_not_diverging() -> None:
    # Lightning CSVLogger, a public train-only run (SOURCE.txt): 20 per-step losses bouncing
    # 0.53-3.09 with no trend, the last one 1.93. The end of two points read that batch as a
    # rise from the floor; the median of the last three (0.95) holds no rise.
    report = diagnose_run(public_run("lightning-spotify-erratic-mcgill"))
    assert report.verdict == "erratic"
    assert "diverging" not in codes(report)


def test_a_smooth_val_descent_under_a_noisy_train_loss_is_not_kicked_back() -> None:
    # Lightning CSVLogger, a public LSTM price regression (SOURCE.txt): per-step train loss
    # bouncing 0.003-0.03 (its late quartile above its first points), val falling smoothly
    # 0.10 -> 0.0003 and settling at 0.001. Val's steps are its descent, not swings.
    report = diagnose_run(public_run("lightning-lstm-stocks-tinyrise-dranovegor"))
    assert report.verdict in {"healthy", "overfitting"}
    assert "erratic" not in codes(report)


def test_a_val_climbing_at_every_evaluation_after_its_first_is_overfitting() -> None:
    # Lightning CSVLogger, a public forecaster (SOURCE.txt): val loss best at its first
    # evaluation (0.04284), then 0.04423, 0.04489, 0.04529, 0.04768, 0.05108 (+19%) while
    # train falls 0.045 -> 0.025. The median of the last half understates a steady climb.
    report = diagnose_run(public_run("lightning-alphalens-valrise-elon379mark"))
    assert report.verdict == "overfitting"
    finding = only_finding(report, "overfitting")
    assert finding.step == 80


def test_a_csvlogger_file_with_appended_sessions_is_one_run_per_session() -> None:
    # The public MobileNetV3 CSVLogger file holds sessions appended one after the other, the
    # epoch restarting at 0: each a new training, not a resume. Each is a run of its own,
    # judged whole, with nothing of another session in it.
    runs = curvecli.load_runs(DATA / "public" / "keras-mobilenetv3-farrisfoo").runs
    assert len(runs) >= 2
    assert [run.run.rsplit("/", 1)[1] for run in runs] == [
        f"session={k}" for k in range(1, len(runs) + 1)]
    for run in runs:
        assert run.frame.groupby("tag", observed=True)["step"].is_monotonic_increasing.all()
        assert not [f for f in diagnose_run(run).findings if f.code == "resumed"]


def test_a_val_loss_ending_many_times_its_best_with_train_worse_too_is_diverging() -> None:
    # A public Keras history CSV (SOURCE.txt): val loss 8.3 -> best 0.055 at epoch 9 as a
    # cosine schedule decayed; the learning rate restarts at 1e-3 at epoch 10 and val ends
    # 0.17, 0.48, 1.14 while the train loss goes 0.037 -> 0.057. A rise train shares is not
    # overfitting; val ending several times its best lost what the run had learned.
    report = diagnose_run(public_run("keras-cosine-restart-valblowup-ahmed-hamed-attallah"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.evidence["cue"] == "val_ran_away" and finding.step == 9


def test_lightning_val_logged_on_step_and_epoch_is_judged_per_epoch() -> None:
    # Lightning CSVLogger with on_step and on_epoch (SOURCE.txt): val_loss_step holds one
    # point per validation batch, counted by batch (75 points, 0.31-1.03), val_loss_epoch
    # the val curve (0.98 -> 0.378 at the last epoch, still falling).
    report = diagnose_run(public_run("lightning-epam-valsteps-mlosyakov"))
    assert report.monitored == "val/loss"
    assert report.verdict in {"still_improving", "healthy"}
    assert "erratic" not in codes(report)


def test_a_regression_val_flat_for_fifty_evaluations_is_underfitting() -> None:
    # Lightning CSVLogger, a public house-price MLP (SOURCE.txt): val RMSE 0.452 at its first
    # evaluation, a blow-up over the next four, then flat at 0.441-0.445 for 45 evaluations
    # while the train RMSE falls 0.54 -> 0.31. Nothing that generalises was learned.
    report = diagnose_run(public_run("lightning-housing-rmse-flat-changhe3"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "flat_from_first_eval"


def test_a_train_loss_that_never_went_down_is_underfitting() -> None:
    # Lightning CSVLogger, a public probe trained without val (SOURCE.txt): train loss 2.35 at
    # its first log is its lowest, then bounces 2.6-4.0 for 1,400 steps while the train
    # accuracy sits at 0-0.28: nothing was learned.
    # (Its train accuracy at chance beside a loss near ln C fires at_chance first.)
    report = diagnose_run(public_run("lightning-probe-chance-goreg12345"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] in ("never_fell", "at_chance")
    assert finding.series == "train/loss"
    from curvecli.analysis.curves import shape
    from curvecli.analysis.underfitting import _never_fell

    train = extract(public_run("lightning-probe-chance-goreg12345").frame)["train/loss"]
    assert _never_fell(shape(train))


def test_a_train_loss_flat_after_its_first_drop_did_learn() -> None:
    # The same probe with a first logged loss above the rest (a drop before it flattened):
    # never_fell no longer applies.
    log = public_run("lightning-probe-chance-goreg12345")
    frame = log.frame.copy()
    loss = frame.index[(frame["split"] == "train") & (frame["metric"] == "loss")]
    frame.loc[loss[0], "value"] = 6.0
    report = diagnose_run(replace(log, frame=frame))
    assert "never_fell" not in {f.evidence.get("cue") for f in report.findings}


def test_a_loss_with_a_high_floor_is_not_underfitting_while_the_iou_climbs() -> None:
    # Lightning CSVLogger, a public U-Net (SOURCE.txt): the val loss only moves 0.57 -> 0.49
    # (a loss with a high floor, 9% below the first train loss) while the val IoU climbs
    # 0.62 -> 0.93: the model learned, so neither learned_nothing nor stalled_high fires.
    report = diagnose_run(public_run("lightning-segmentation-unet2-atk78"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_val_accuracy_frozen_at_the_majority_share_is_underfitting() -> None:
    # Lightning CSVLogger, a public crop classifier (SOURCE.txt): val accuracy is 0.8264 at
    # all 50 evaluations (the majority class) while val loss eases 0.72 -> 0.65.
    report = diagnose_run(public_run("lightning-crophealth-majority-kaykaushal"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "accuracy_frozen"
    assert finding.evidence["val_accuracy"] == pytest.approx(0.8264, abs=1e-4)


def test_a_train_accuracy_pinned_at_chance_is_underfitting() -> None:
    # A public CSV without a val split (SOURCE.txt), a 10-class model over 10 epochs: accuracy
    # 0.098-0.102 (1/C) at every epoch while a custom loss wobbles about 0. Not one value,
    # but within 1% of its scale: it never learned.
    report = diagnose_run(public_run("csv-chance-bs333"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert (finding.series, finding.evidence["cue"]) == ("train/accuracy", "accuracy_frozen")


def test_an_f1_at_zero_beside_an_accuracy_that_never_moved_is_underfitting() -> None:
    # A public CSV (SOURCE.txt), a malware GNN over 10 epochs: val accuracy 1.0 and val F1 0.0
    # at every epoch, train loss at ln 2. The predictions never changed and never got a
    # positive right; a saturated accuracy alone would read as converged.
    report = diagnose_run(public_run("csv-malware-kqvudp"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert (finding.series, finding.evidence["cue"]) == ("val/f1", "score_near_zero")


def test_a_yolo_classifier_is_judged_on_the_mean_of_its_top1_and_top5() -> None:
    # Ultralytics classify results.csv, a public acne classifier (SOURCE.txt): Ultralytics keeps
    # the checkpoint of best fitness, (top-1 + top-5) / 2 for a classifier. Top-1 peaks at
    # 0.706 (epoch 24) and sinks to about 0.58 while train loss falls 2.47 -> 0.03; the val
    # loss, squeezed near ln 11, hides it.
    log = public_run("yolo-cls-acne-overfit-javakhangnguyen")
    report = diagnose_run(log)
    assert report.monitored == "val/fitness" and report.verdict == "overfitting"
    frame = log.frame
    top = {metric: frame[(frame["split"] == "val") & (frame["metric"] == metric)]["value"]
           for metric in ("accuracy_top1", "accuracy_top5")}
    expected = (top["accuracy_top1"].to_numpy() + top["accuracy_top5"].to_numpy()) / 2
    assert report.best.value == pytest.approx(float(expected.max()))


def test_a_val_loss_never_computed_is_no_training_gone_wrong() -> None:
    # Ultralytics classify writes val/loss as nan on every row in some versions (a public
    # resumed classifier's results.csv does): that metric was never computed. It is an info
    # finding with no learning-rate advice, and the verdict is read as before.
    log = public_run("yolo-cls-acne-overfit-javakhangnguyen")
    frame = log.frame.copy()
    frame.loc[frame["tag"].astype(str) == "val/loss", "value"] = float("nan")
    report = diagnose_run(with_frame(log, frame))
    assert report.verdict == diagnose_run(log).verdict == "overfitting"
    finding = only_finding(report, "non_finite")
    assert finding.severity == "info" and "never computed" in finding.message
    assert not any("learning rate" in advice for advice in finding.advice)
    frame.loc[(frame["tag"].astype(str) == "train/loss") & (frame["step"] == 30), "value"] = \
        float("nan")  # train went NaN too: the NaN val loss may be training's doing
    report = diagnose_run(with_frame(log, frame))
    assert {f.severity for f in report.findings if f.code == "non_finite"} >= {"warning"}


def test_one_noise_dip_in_a_risen_val_does_not_hide_overfitting() -> None:
    # Keras CSVLogger, a public whale classifier (SOURCE.txt): val loss 3.65 -> 2.84 (epoch 8)
    # then 3.3-4.7 (median of the last 10 ~3.9) while train falls 3.77 -> 1.93; one of the
    # last 8 evaluations (2.97) dips under the best's level.
    report = diagnose_run(public_run("keras-whale-improved-overfit-jannik-m12"))
    assert report.verdict == "overfitting"
    finding = only_finding(report, "overfitting")
    assert finding.step == 8


def test_an_accuracy_that_bounced_early_and_settled_is_not_erratic() -> None:
    # Hand-written CSV, a public course classifier logging accuracy only (SOURCE.txt): test
    # accuracy 0.90, 0.65, 0.94 ... 0.89-0.98 over its first half, then 0.978-0.987 for the
    # last eight epochs.
    report = diagnose_run(public_run("csv-comp4107-acc-only-2026w-comp4107"))
    assert report.verdict == "healthy"
    assert "erratic" not in codes(report)


def test_a_translator_whose_bleu_stays_near_zero_is_underfitting() -> None:
    # HF trainer_state.json, a public seq2seq LoRA run selected by BLEU (SOURCE.txt): eval
    # BLEU 0, 0, 0.18, 2.49, 0.007 on a 0-100 scale.
    report = diagnose_run(public_run("hf-seq2seq-lora-bleu-zero-al-reza89"))
    assert report.monitored == "val/bleu" and report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "score_near_zero" and finding.series == "val/bleu"
    assert finding.evidence["best_level"] == pytest.approx(2.4928)


def test_eight_epochs_still_falling_smoothly_are_still_improving() -> None:
    # Hand-written CSV, a public Transformer translation run (SOURCE.txt): val loss 4.30 ->
    # 2.93 (epoch 4) -> 2.78, 2.66, 2.56, 2.50 at epoch 8, its best, falling 0.06-0.1 an
    # epoch: the trend of 8 points lags the bend, but the points are smooth.
    report = diagnose_run(public_run("csv-transformer-nmt-praveenk87"))
    assert report.verdict == "still_improving"


def test_a_val_that_never_moved_over_twenty_epochs_learned_nothing() -> None:
    # Keras history CSV, a public dog-breed classifier (SOURCE.txt): over 20 epochs val loss
    # never gets 5% below its first evaluation while the train loss falls a quarter.
    report = diagnose_run(public_run("csv-dogbreed-valflat-matty-gg"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "learned_nothing"


def test_the_denser_of_the_step_and_epoch_train_losses_is_the_train_loss() -> None:
    # Lightning CSVLogger, a public stock LSTM (SOURCE.txt; version_13 only): train_loss_step
    # every 50 steps of 4-step epochs (16 points, 0.54 and 1.03 among its first three) beside
    # train_loss_epoch at every epoch (200 points, 0.673 -> 0.376), while val never gets below
    # its first evaluation. The 200 epoch means are the train curve. (Its val also rises 6%
    # after its best while the epoch means fall 16%: overfitting is its acceptable reading.)
    report = diagnose_run(public_run("lightning-stock-lstm-peogradin"))
    assert report.verdict in {"underfitting", "overfitting"}
    finding = only_finding(report, "underfitting")
    assert finding.evidence["initial_level"] == pytest.approx(0.6731, abs=1e-3)


def test_a_four_point_train_loss_beside_an_eleven_point_twin_is_not_the_train_loss() -> None:
    # Lightning TensorBoard, a public tabular classifier (SOURCE.txt): train_loss_0 at each of
    # 11 evaluations (0.465 -> 0.302) beside a 4-point train_loss (0.31): against the 4
    # points val (0.365 -> 0.304) looked as if it learned nothing.
    report = diagnose_run(public_run("tb-lightning-tabular-hiteshhyadav"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_four_noisy_evaluations_at_chance_show_no_acceleration() -> None:
    # HF trainer_state.json, a public ALBERT binary classifier (SOURCE.txt): 4 evaluations,
    # eval loss 0.700, 0.693, 0.692, 0.671 (ln 2 = 0.693) and accuracy 0.54, 0.51, 0.54, 0.57.
    # The accuracy's dip then rise is noise, not a descent leaving its plateau: at chance.
    report = diagnose_run(public_run("hf-albert-comment-brokolifha"))
    assert report.verdict == "underfitting"


def test_a_loss_nan_from_its_second_step_is_diverging_not_short_of_data() -> None:
    # Lightning CSVLogger, a public PINN (SOURCE.txt): train_loss 0.347 at step 0, then NaN in
    # all four loss series at every one of the other 999 logged steps.
    report = diagnose_run(public_run("lightning-pinn-nan-sreesatyagit"))
    assert report.verdict == "diverging"
    assert any(f.code == "diverging" and f.evidence["cue"] == "non_finite"
               for f in report.findings)


def test_a_revalidation_of_the_best_checkpoint_is_not_progress() -> None:
    # Lightning CSVLogger, a public binary classifier near chance (SOURCE.txt): val loss 0.673,
    # best 0.647 at step 239, creeping up to 0.688 at 1319, then one more point at step 1440,
    # a step after the last evaluation, holding step 239's values exactly.
    report = diagnose_run(public_run("lightning-binary-nearchance-dernjani"))
    assert report.verdict == "underfitting"
    assert any("re-validation of the best checkpoint" in note and "step 1440 repeats step 239"
               in note for note in report.notes)


def test_a_late_val_climb_that_the_accuracy_confirms_is_overfitting() -> None:
    # Lightning TensorBoard, a public U-Net (SOURCE.txt): val loss 0.764 at step 1 (untrained)
    # -> best 0.052 at 180 -> 0.156 at 258, while val accuracy falls 0.969 -> 0.93 and the
    # Jaccard index 0.912 -> 0.82. The climb is 4% of the first fall, but the scores agree.
    report = diagnose_run(public_run("tb-unet-seg-lateblowup-psemchyshyn"))
    assert report.verdict == "overfitting"


def test_a_score_first_evaluated_high_did_not_learn_nothing() -> None:
    # A public ViT training log (console text, SOURCE.txt): val AUC 0.778 at its first
    # evaluation, best 0.790 at the third, 0.776 at the seventh, while train AUC climbs to
    # 0.93. The model had learned before its first evaluation: not learned_nothing.
    report = diagnose_run(public_run("text-chestxray-vit-auc-mreinsteine"))
    assert report.monitored == "val/auc"
    assert "underfitting" not in codes(report)


def test_psnr_has_no_ceiling_of_100() -> None:
    # TensorBoard, a public MRI reconstruction (SOURCE.txt): val PSNR 26.85 -> 27.25 dB over
    # 50 epochs. 27 dB is not 27% of a 0-100 scale: no "learned nothing" against a ceiling.
    from curvecli.analysis.curves import shape
    from curvecli.analysis.series import extract

    log = public_run("tensorboard-mri-psnr-anandhakrishnanpv")
    assert shape(extract(log.frame)["val/psnr"]).ceiling is None
    assert diagnose_run(log).verdict == "healthy"


def test_a_dice_collapsed_to_zero_under_a_frozen_loss_is_diverging() -> None:
    # Lightning CSVLogger, a public segmentation run (SOURCE.txt): val Dice 0.26 -> 0.72, then
    # the network dies: Dice 0 for the last 47 evaluations, the val loss frozen at 0.5618 (a
    # lower value than before) and the train loss at 0.5826 to seven digits.
    report = diagnose_run(public_run("lightning-seg-collapse-instig8r"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.evidence["cue"] == "metric_collapsed" and finding.series == "val/dice"


def test_an_accuracy_flipping_under_a_loss_frozen_where_it_started_is_no_collapse() -> None:
    # Keras CSVLogger, a public transformer on AES key bits (SOURCE.txt): the same fit twice
    # in one file (two sessions). Val loss 0.6932 = ln 2 at every epoch, train 0.718 -> 0.693:
    # nothing was ever learned. In the first session the multi-label val accuracy goes 0.0,
    # 0.45, 0.25, ... 0.0 as the constant outputs cross the threshold: no network died.
    runs = curvecli.load_runs(DATA / "public" / "keras-aes-transformer-ultra-underfit-"
                              "belabartok39").runs
    assert [run.run.rsplit("/", 1)[1] for run in runs] == ["session=1", "session=2"]
    for run in runs:
        report = diagnose_run(run)
        assert report.verdict == "underfitting"
        assert "metric_collapsed" not in {f.evidence.get("cue") for f in report.findings}


def test_an_f1_falling_to_zero_on_a_live_model_is_not_a_collapse() -> None:
    # Lightning TensorBoard, an imbalanced task cut short: val F1 0.28 -> 0 as the model
    # settles on the majority class while val accuracy climbs 0.16 -> 0.84 and the losses
    # keep moving. No loss froze: the network is alive.
    report = diagnose_run(corpus_run("lightning_tb/imbalanced/still_improving-short-lr1e-4-s1"))
    assert "metric_collapsed" not in {f.evidence.get("cue") for f in report.findings}


def test_an_f1_near_its_ceiling_wobbling_by_a_few_thousandths_is_not_erratic() -> None:
    # A public single-cell MLP (hand-written CSV, SOURCE.txt), no val loss: val F1 0.979 ->
    # 0.993, then 0.968-0.993. The wobble is 30% of 1 - F1 but 0.4% of the F1 scale.
    report = diagnose_run(public_run("csv-scrnaseq-mlp-andreasavgou"))
    assert report.monitored == "val/f1" and report.verdict == "healthy"


def test_four_train_batches_beside_forty_evaluations_do_not_decide_divergence() -> None:
    # Lightning TensorBoard, a public TFT (SOURCE.txt): 41 val evaluations falling 40.5 -> 4.9
    # and levelling off, beside a train_loss_step of only 4 points (7.0 -> 9.8). Four batches
    # are not a train curve: the run is judged on val.
    report = diagnose_run(public_run("tb-tft-v11-darthdanamesh"))
    assert report.verdict in {"healthy", "overfitting"}
    assert "diverging" not in codes(report)


def test_a_log_ending_on_a_tenfold_val_blow_up_is_diverging() -> None:
    # Keras CSVLogger, a public InceptionResNetV2 fine-tune at lr 0.01 (SOURCE.txt): val loss
    # 0.48-0.69 for eight epochs, then 9.17 at the last one (val accuracy 0.85 -> 0.17).
    # Nothing after it shows a recovery: the run ends blown up.
    report = diagnose_run(public_run("keras-shopee-irv2-valcollapse-hardianlawi"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.evidence["cue"] == "blew_up" and finding.step == 8


def test_a_short_val_climbing_out_of_a_v_overfits_from_the_bottom_of_the_v() -> None:
    # A public tiny GPT (hand-written CSV, SOURCE.txt), 7 evaluations: val 6.10 -> 3.50 at
    # iteration 60 -> 3.57, 3.72, 3.87 while train keeps falling 2.27 -> 1.13. A rolling
    # median over so few points puts the best at 3.57 (a 9% rise); the bottom of a V is no
    # noise dip, so the rise is 11% of the best.
    report = diagnose_run(public_run("csv-tiny-gpt-overfit-daehohamin"))
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 60
    # Lightning CSV, 8 epochs: val 1.85 falling to 0.70 at epoch 5, then 0.84 and 1.25.
    report = diagnose_run(public_run("lightning-image-cls-v28-Mpieta"))
    assert report.verdict == "overfitting"


def test_a_loss_flat_from_its_first_evaluation_beside_a_climbing_accuracy_learned() -> None:
    # Lightning TensorBoard, a public MNIST MLP (SOURCE.txt) whose softmax output feeds a
    # cross-entropy (its floor is ~1.46): val loss 1.577 -> 1.510 over 15 evaluations, 4%,
    # while val accuracy climbs 0.909 -> 0.955. It learned before its first evaluation.
    report = diagnose_run(public_run("tb-mnist-mlp-v2-49-ajinkyakolhe112"))
    assert report.verdict in {"healthy", "still_improving"}
    assert "underfitting" not in codes(report)


def test_a_console_line_restating_a_known_point_does_not_rewind_the_series() -> None:
    # A public console log (SOURCE.txt) of a VGG16 resumed from its epoch-20 checkpoint:
    # "Checkpoint loaded (epoch=20, val_loss=1.0521)" and, after epoch 30, "Best ValLoss:
    # 1.0521" restate epoch 20's point. They are no new write at step 20: the val loss
    # rising 1.05 -> 1.28 over epochs 21-30 while train falls 0.77 -> 0.51 stays in the run.
    log = public_run("text-skinlesion-vgg16-akash05")
    val = extract(log.frame)["val/loss"]
    assert int(val.steps[-1]) == 30 and val.values[-1] == pytest.approx(1.2776)
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 20


def test_a_top1_accuracy_slipping_by_half_a_point_is_not_overfitting() -> None:
    # YOLOv8-cls (results.csv, SOURCE.txt), 15 epochs: top-1 0.859 -> 0.953 at epoch 12 ->
    # 0.952, 0.947. Its error grew 13% but the score fell 0.3% of its scale.
    report = diagnose_run(public_run("yolo-cls-fruits-kaspian24"))
    assert report.monitored == "val/fitness"
    assert "overfitting" not in codes(report)


def test_a_val_accuracy_that_kept_climbing_learned_whatever_the_val_loss_says() -> None:
    # A public steganalysis classifier (JSON history, SOURCE.txt), 80 epochs: the val loss
    # never gets 5% below its first value (0.685) while train falls 0.69 -> 0.41, but the
    # binary val accuracy climbs 54% -> 67%. The model learned: not underfitting.
    report = diagnose_run(public_run("json-steganalysis-itaychabra"))
    assert "underfitting" not in codes(report)


def test_an_accuracy_leaving_chance_does_not_lift_a_loss_stuck_at_chance() -> None:
    # A public grokking transformer (Lightning CSV, SOURCE.txt), 7 evaluations: val loss
    # 3.26 -> 1.94 = ln 7 and flat there, while the accuracy climbs 0 -> 22% (chance 14%).
    # The loss, which measures the 7 choices, has not left chance: underfitting.
    report = diagnose_run(public_run("lightning-grok-aymanfatich"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "at_chance"


def test_a_classifier_at_93_percent_from_its_first_epoch_learned() -> None:
    # A public Keras history (JSON, SOURCE.txt), 9 epochs of a pre-trained scene CNN: val
    # accuracy 0.917 -> 0.935, val loss 0.229 -> 0.199 -> 0.21 (within 10% of its first
    # value). It learned before its first evaluation and a little after: not underfitting.
    report = diagnose_run(public_run("json-scene-cls-painter121"))
    assert "underfitting" not in codes(report)


def test_a_loss_stalled_high_beside_an_accuracy_far_above_a_guess_is_a_noise_floor() -> None:
    # Lightning CSVLogger (corpus batch 11), an MLP on 4 classes with 28% of all labels flipped,
    # val included: val loss 1.11 -> 0.98 (ln 4 = 1.39) within 3 epochs, val accuracy 0.68.
    # e^0.98 = 2.7 classes is what a guess at that loss picks from; 0.68 is 1.8x its 0.37.
    # The loss stalled at the noise floor, not for lack of capacity: healthy.
    report = diagnose_run(corpus_run("lightning_csv/noisy4/healthy-medium-e12-s1"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_val_blow_up_at_the_third_epoch_is_a_spike() -> None:
    # A public Keras CSVLogger (SOURCE.txt), 14 epochs: val loss 0.33, 0.092, then 789 at
    # epoch 2 (val accuracy 0.975 -> 0.115), 0.995, 0.146, and 0.024 at its best. The third
    # point had no history to be measured against; 10x above every earlier one is a spike.
    report = diagnose_run(public_run("keras-imgcls-spike-nhungnguyen"))
    assert report.verdict == "loss_spike"
    assert only_finding(report, "loss_spike").step == 2


def test_a_val_losing_its_progress_beside_one_train_loss_far_below_it_is_overfitting() -> None:
    # A public HF LM fine-tune (trainer_state.json, SOURCE.txt), 49 evaluations: val 4.08 ->
    # best 4.07 at step 20 -> 5.45, beside a single logged train loss, 2.41, far under it.
    report = diagnose_run(public_run("trainer_state-complaint-pallesairam"))
    assert report.verdict == "overfitting"
    assert "diverging" not in codes(report)


def test_a_val_loss_frozen_to_a_thousandth_of_its_level_learned_nothing() -> None:
    # A public Lightning TFT (metrics.csv, SOURCE.txt), 6 epochs: val loss 211653.9 ->
    # 211655.6 while train falls 4.44 -> 3.52 (a target-scale mismatch).
    report = diagnose_run(public_run("lightning-tft-valflat-manasjiwnani"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "learned_nothing"


def test_a_fine_tune_that_settled_near_its_floor_is_not_underfitting() -> None:
    # Lightning CSVLogger (corpus batch 11): a character GRU pre-trained (unlogged) on other
    # text, fine-tuned: val 2.41 at its first evaluation -> 2.30, ever more slowly, while
    # character accuracy climbs 0.396 -> 0.421, 4x a guess at that loss. It learned before its
    # first evaluation and settled: no level cue calls that underfitting.
    report = diagnose_run(corpus_run("lightning_csv/descr_lm/healthy-ft-gru-cosine-s2"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_an_lm_fine_tune_that_settled_after_its_first_evaluation_is_not_underfitting() -> None:
    # A public HF instruction fine-tune (trainer_state.json, SOURCE.txt), 45 evaluations, no
    # accuracy: val 2.835 -> 2.751 halfway -> 2.722, ever more slowly, 4% below its first
    # evaluation. It learned before that evaluation and settled: healthy.
    report = diagnose_run(public_run("hf-llm-instruction-finetune-arthuribias-coder"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_nanogpt_batches_nan_after_the_last_evaluation_diverged() -> None:
    # A public nanoGPT console (SOURCE.txt): evaluations every 200 iterations (val 4.25 ->
    # 3.37 at 400), per-iteration losses every 5, NaN from iteration 425 to the end (450).
    # The evaluations' own train loss ends finite; the batches after them broke the model.
    report = diagnose_run(public_run("text-nanogpt-nan-chenzihua-cn"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.series == "train/batch_loss" and finding.evidence["cue"] == "non_finite"
    assert finding.evidence["non_finite_from_step"] == 425


def test_a_val_loss_falling_steadily_through_noise_to_its_last_epoch_is_still_improving() -> None:
    # A public Lightning mood regressor (metrics.csv, SOURCE.txt), 30 epochs: val 0.904 ->
    # 0.504, its best at the last epoch, bouncing 0.02-0.05 between epochs. Over its last 10
    # epochs the fall is 3.1 standard errors, over its last 15 6.4: stopped while it improved.
    report = diagnose_run(public_run("lightning-mood-regression-paulho0501"))
    assert report.verdict == "still_improving"
    assert only_finding(report, "still_improving").series == "val/loss"


def test_a_precision_recall_auc_at_zero_is_no_coin() -> None:
    # A public TF1 Estimator's evaluations (SOURCE.txt), 20 of them: every label 0, accuracy
    # 1.0, `auc_precision_recall` 0.0 (no positives to recall), the loss 14.3 -> 2.42. A
    # precision-recall AUC is no ROC AUC: its chance is the positives' share, not 0.5.
    report = diagnose_run(public_run("tb-estimator-pr-auc-sahana-r"))
    assert "underfitting" not in codes(report)
    assert report.verdict in ("healthy", "still_improving")


def test_a_loss_rising_with_its_kl_weight_lost_nothing() -> None:
    # A public medical VAE's Keras CSV (SOURCE.txt), 302 epochs: beta, the KL term's weight,
    # ramps 0.005 -> 0.5 over the first 100; the total loss 67.6 at epoch 31 rises to 84.4 with
    # it, then stays flat. The objective grew; the model lost nothing.
    report = diagnose_run(public_run("keras-vae-medical-daatsi-aeres"))
    assert "diverging" not in codes(report)
    assert report.verdict == "healthy"


def test_per_class_measures_pointing_at_their_splits_are_no_loss() -> None:
    # A public SpliceAI log (SOURCE.txt): "Class 1: Top-k Acc → Train: 0.505, Val: 0.653;
    # PR-AUC → Train: 0.497, Val: 0.690" beside "Train Loss: 0.0009". The bare split names
    # after an arrow are that measure's, not a second train loss near 1 that "rose".
    report = diagnose_run(public_run("text-spliceai-khoa-yelo"))
    assert "diverging" not in codes(report)
    assert report.verdict == "healthy"


def test_a_qlora_fine_tune_better_at_every_evaluation_is_not_underfitting() -> None:
    # A public QLoRA fine-tune's console (HF Trainer dicts, SOURCE.txt), 8 evaluations: val
    # 1.382 -> 1.345 (2.7%) and token accuracy 0.631 -> 0.637, each better at every evaluation,
    # in gains that shrank. It learned before its first evaluation (train 2.11 -> 1.40) and
    # settled: a model that learned nothing does not improve both at every evaluation.
    report = diagnose_run(public_run("text-qwen3-medical-qlora-ariz-mohammadi"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_loss_wobbling_at_its_level_is_not_cut_short_as_it_began_to_learn() -> None:
    # A public Lightning forecaster (metrics.csv, SOURCE.txt), 6 epochs: val 194.4, 193.8,
    # 194.0, 194.5, 194.3, 193.5 beside a train loss flat at 322.8. Its last points gained
    # 0.5% of the level: no descent leaving a plateau outranks "learned nothing", and the
    # report does not call that tail "still improving".
    report = diagnose_run(public_run("lightning-habs-forecast-yashnil"))
    assert report.verdict == "underfitting"
    assert "still_improving" not in codes(report)


def test_a_score_flat_from_its_first_evaluation_beside_a_fitted_train_loss_learned() -> None:
    # A public HF chatbot fine-tune (TensorBoard runs/, SOURCE.txt): ROUGE-1 15.4, 16.8, 14.4,
    # 14.5, 15.4, 13.7 over 6 evaluations from step 500, while the train loss fell 1.33 ->
    # 0.001. It learned before its first evaluation: not "nothing was learned".
    report = diagnose_run(public_run("tb-aichat-29aitch"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_score_whose_name_says_no_direction_reads_it_off_the_train_loss() -> None:
    # A public relation extractor (Lightning TensorBoard, SOURCE.txt) logs its val precision,
    # recall and F1 as `p`, `r`, `f`: p climbs 0.30 -> 0.84 while the train loss falls 1.86 ->
    # 0.001. Read as a loss, that climb was a 129% "rise" after a best at the first evaluation.
    report = diagnose_run(public_run("tb-relex-seq2seq-mgeromel"))
    assert report.verdict == "healthy"
    assert "overfitting" not in codes(report)
    assert report.best.value > 0.8  # the best is the highest point, not the first


def test_a_per_step_train_loss_in_its_batch_noise_is_not_erratic() -> None:
    # A public forecaster (Lightning TensorBoard, SOURCE.txt) evaluated twice, so judged on its
    # per-step train loss: 0.61 at first, then bouncing 0.14-0.48 as it falls to ~0.3. Its
    # point-to-point noise is 61% of that fall: batch noise, not a run out of control.
    report = diagnose_run(public_run("tb-fivesense-forecast-ajms1104"))
    assert report.monitored == "train/loss"
    assert report.verdict != "erratic" and "erratic" not in codes(report)


def test_a_train_loss_thrown_back_orders_of_magnitude_is_erratic() -> None:
    # A public trajectory model (Lightning TensorBoard, SOURCE.txt), train loss only: 18197,
    # 3.05, 0.50, 24307, 603, 19566 ... 0.146, 13.7. It ends far below where it started, but its
    # point-to-point noise exceeds that start: it never settled, it did not learn its way down.
    report = diagnose_run(public_run("tb-l5kit-motion-alexts10"))
    assert report.verdict == "erratic"
    assert only_finding(report, "erratic").evidence["cue"] == "jumps"


def test_a_loss_wobbling_about_zero_without_a_trend_neither_diverged_nor_is_unstable() -> None:
    # A public 10-class run (hand-written CSV, SOURCE.txt) with a custom loss that wobbles
    # about zero (-0.0096, -0.0052, 0.0084 ... 0.039) while accuracy sits at 0.10. It never
    # gained beyond its noise: there was no progress to lose and no trend to be unstable about.
    report = diagnose_run(public_run("csv-chance-bs333"))
    assert report.monitored == "train/loss"
    assert not {"diverging", "erratic"} & set(codes(report))


def test_train_and_val_jumping_together_in_a_short_log_is_a_spike() -> None:
    # A public CSV (SOURCE.txt), 10 points: train and test loss fall 2e-5 -> 1.1e-6, both jump
    # about 9x at step 4500 (1.1e-5) and reach a new best at the next point. Too short for the
    # rolling search; the two series jumping together and coming back are one event.
    report = diagnose_run(public_run("csv-evbattery-sivakami"))
    assert report.verdict == "loss_spike"
    spike = only_finding(report, "loss_spike")
    assert (spike.step, spike.evidence["cue"], spike.evidence["recovered_at_step"]) == \
        (4500, "short_joint", 5000)


def test_a_converged_curve_at_five_percent_accuracy_is_underfitting_not_a_fine_tune() -> None:
    # A public Keras CSVLogger (SOURCE.txt), 43 traffic-sign classes, 15 epochs: val loss
    # 3.61 -> 3.479 (the class prior's entropy), train loss the same, val accuracy 0.033 ->
    # 0.055 and train accuracy 0.057. It settled ever more slowly like a fine-tune near its
    # floor, but at 5.5% accuracy it converged on nothing.
    report = diagnose_run(public_run("keras-traffic-signs-chance-duytran04"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "learned_nothing"


def test_a_loss_in_a_sawtooth_about_where_it_started_is_not_diverging() -> None:
    # A public LoRA fine-tune on CPU (trainer_state.json, SOURCE.txt), 50 train logs: the loss
    # climbs 1.4 -> 2.4 within each epoch and drops back at the next (1.20 at step 155, 1.34
    # at 205, 2.20 last). It ends 50% above its best trend but gained nothing beyond its noise
    # and is back at its best within its last quarter: nothing was lost.
    report = diagnose_run(public_run("trainer_state-llm-lora-sawtooth-josephrathan"))
    assert "diverging" not in codes(report)
    assert report.verdict in ("erratic", "underfitting")


def test_a_train_loss_bouncing_where_it_started_never_fell() -> None:
    # A public LoRA fine-tune (trainer_state.json, SOURCE.txt), train loss only, 100 logs over
    # 1,000 steps: 2.25 first, bouncing 1.92-2.54 with quarter means 2.13/2.14/2.12/2.13. It
    # ends one noise sigma under its first tenth, and its first point sits inside its band.
    report = diagnose_run(public_run("hf-lora-compressor-flat-aloshdenny"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "never_fell"


def test_an_auc_that_never_left_a_coin_is_underfitting() -> None:
    # A public console log of a click-through model (SOURCE.txt), 229 steps: AUC 0.50 first,
    # 0.478-0.555 throughout, while the log-loss falls 5.4 -> ~0.3 (the base rate). A coin
    # ranks at 0.5 whatever the balance: nothing was learned.
    report = diagnose_run(public_run("text-ctr-hanxu0721"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert (finding.series, finding.evidence["cue"]) == ("auc", "at_chance")


def test_a_bare_map_at_zero_at_every_evaluation_is_underfitting() -> None:
    # A public Faster R-CNN log (SOURCE.txt): train loss bouncing 0.5-1.7 and mAP, logged with
    # no split, 0.0 at all 20 evaluations. Nothing held out is named, but the model never
    # scored (its bouncing train loss is erratic too, which decides first; the label accepts
    # both).
    report = diagnose_run(public_run("text-fasterrcnn-murugeshmarvel"))
    assert report.verdict in ("underfitting", "erratic")
    finding = only_finding(report, "underfitting")
    assert (finding.series, finding.evidence["cue"]) == ("map", "score_near_zero")


def test_a_val_bursting_on_a_tenfold_rise_is_overfitting_not_erratic() -> None:
    # Corpus (Keras CSVLogger): a wide MLP trained with a Gaussian NLL on 100 examples collapses
    # its predicted variance: val NLL 0.4 at its best, then bursts of 10-80 while the train NLL
    # falls below -1. The swings are real, but they ride on a rise to over 10x the best.
    report = diagnose_run(corpus_run("keras_csv/hetero_nll/overfitting-mlp-wide-n100-s1"))
    assert report.verdict == "overfitting"
    assert "erratic" in codes(report)


def test_a_frozen_auxiliary_accuracy_beside_a_loss_that_learned_is_no_underfitting() -> None:
    # A public CSV of a Compton-camera localiser (SOURCE.txt), 130 epochs: val loss 12.0 ->
    # 2.17, position error 43 -> 5 mm, while an auxiliary head's val count_acc sits at 0.9125
    # at every epoch. The frozen accuracy says nothing of a model whose loss fell 82%.
    report = diagnose_run(public_run("csv-comptoncam-premshinde11"))
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_val_falling_at_every_evaluation_is_not_flat_from_its_first() -> None:
    # A public Keras CSVLogger of a load forecaster (SOURCE.txt), 5 epochs: val loss 0.00887,
    # 0.00868, 0.00857, 0.00847, 0.00830, only 6.5% below its first value but lower at each
    # evaluation, beside a train loss at its level. Slow learning, not nothing learned.
    report = diagnose_run(public_run("keras-loadforecast-akjallow"))
    assert report.verdict == "still_improving"
    assert "underfitting" not in codes(report)


def test_a_per_step_loss_lifted_for_three_logs_in_a_row_is_a_spike() -> None:
    # Corpus (HF trainer_state.json): a token tagger logged every 5 steps, its LR x10 for 10
    # steps at step 1150: train loss 0.23 -> 0.89 for 3 logs in a row, then back to 0.22,
    # inside a per-step band no single point of which stands 10x out. Lasting 3 logs is the
    # bump's mark; hard batches stand above the band one at a time.
    report = diagnose_run(corpus_run("hf/tok_tag/loss_spike-tagger-lr-bump-x10-s2"))
    assert report.verdict == "loss_spike"
    spike = next(f for f in report.findings if f.code == "loss_spike" and f.severity == "warning")
    assert abs(spike.step - 1165) <= 10 and spike.evidence["cue"] == "sustained"


def test_a_train_loss_bouncing_a_third_of_its_level_alone_is_erratic() -> None:
    # A public Lightning TensorBoard log (SOURCE.txt), train loss only, 100 epochs: 0.25 ->
    # 0.09 by epoch 3, then 0.086, 0.205, 0.051, 0.200, 0.028, 0.178, 0.021, 0.099: swings of
    # 40% of its level, half of what it gained, never settling.
    report = diagnose_run(public_run("tb-seq2seq-forecaster-v143-dasooni"))
    assert report.verdict == "erratic"


def test_a_val_that_never_beat_its_start_and_doubled_while_train_fell_is_overfitting() -> None:
    # A public Keras JSON history (SOURCE.txt), 100 epochs: val loss 0.695 first, bouncing
    # 0.44-1.1 about it for 45 epochs, then 1.5-2.3 to the end, while train falls 0.66 ->
    # 0.04. Val never got below its start on its trend, but it ended at over twice it.
    report = diagnose_run(public_run("json-greenindex-devenbiehler"))
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 37


def test_a_loss_back_up_where_it_had_been_is_bouncing_not_blowing_up(tmp_path) -> None:
    # A public TF1 Estimator's eval loss (benchmarks/public_runs, set 64; 9 evaluations over 9
    # sessions, rewritten here with TensorBoard's writer): 1.9e11, 7.1e9, 2.8e11, 2.1e8,
    # 2.5e9, 9.6e10, 1.7e11, 1.5e11, 1.7e10. The jump to 9.6e10 is 38x the median before it,
    # but the loss had been at 2.8e11 already: it bounces by orders of magnitude, it did not
    # blow up. A loss jumping 10x above everything it had been does.
    from writers import write_scalars

    values = [1.90e11, 7.09e9, 2.84e11, 2.14e8, 2.51e9, 9.65e10, 1.70e11, 1.53e11, 1.67e10]
    steps = [1000, 11000, 31000, 36000, 41000, 46000, 47000, 52000, 62000]
    write_scalars(tmp_path / "eval", [("loss", s, v) for s, v in zip(steps, values)])
    (log,) = curvecli.load_runs(tmp_path / "eval").runs
    report = diagnose_run(log)
    assert report.verdict == "erratic"
    assert "diverging" not in codes(report)
    raised = [v * 10 if i >= 5 else v for i, v in enumerate(values)]
    write_scalars(tmp_path / "raised" / "eval", [("loss", s, v) for s, v in zip(steps, raised)])
    (log,) = curvecli.load_runs(tmp_path / "raised" / "eval").runs
    assert diagnose_run(log).verdict == "diverging"



def test_a_val_accuracy_within_a_thousandth_of_its_scale_never_moved() -> None:
    # A public JSON history of an attack detector (SOURCE.txt), 23 epochs: val accuracy
    # 0.7071-0.7073 at every epoch (the majority class; train 0.7067-0.7068) while the val loss
    # eases 0.75 -> 0.56. Not one value, but no evaluation set moves that little by learning.
    report = diagnose_run(public_run("json-splane-majority-genesysneu"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "accuracy_frozen"


def test_the_total_of_a_loss_and_its_parts_is_the_train_loss_judged() -> None:
    # A public Lightning CSVLogger of a camera-pose fine-tune (SOURCE.txt), train only:
    # loss/pose_dir_loss, loss/pose_rot_loss, loss/pose_scale_loss, loss/pose_trans_loss and
    # loss/total_loss, their sum. The total swings 17-157 between neighbouring logs (56,228 at
    # one); the direction part alone is calm. The total is what the training optimised.
    report = diagnose_run(public_run("lightning-pi3pose-erratic-iamxii"))
    assert report.monitored == "train/loss/total_loss"
    assert report.verdict == "erratic"


def test_a_split_abbreviated_with_a_period_is_that_split() -> None:
    # A public FANet polyp-segmentation log (SOURCE.txt) in the layout of bentrevett's PyTorch
    # tutorials: "Epoch: 01 | Epoch Time: 1m 24s", "\tTrain Loss: 0.794", "\t Val. Loss:
    # 0.770". "Val." is the val split: its losses were read as more train losses.
    report = diagnose_run(public_run("text-polypseg-fanet-short-nghon4maeri"))
    assert report.monitored == "val/loss"
    frame = public_run("text-polypseg-fanet-short-nghon4maeri").frame
    val = frame[(frame["split"] == "val") & (frame["metric"] == "loss")]
    assert val["value"].tolist()[:2] == [0.770, 0.735] and len(val) == 53
    train = frame[(frame["split"] == "train") & (frame["metric"] == "loss")]
    assert train["value"].tolist()[:2] == [0.794, 0.749] and len(train) == 53


def test_a_held_out_sets_bare_loss_is_the_total_of_its_parts() -> None:
    # A public DETR training loop's JSON-lines log.txt (SOURCE.txt), 100 epochs, held-out set
    # called "test": test_loss beside 36 parts (loss_ce, loss_bbox, loss_giou, each again for
    # the five auxiliary decoder layers, _0.._4, and unscaled). test_loss bounces 6.7-8.6 with
    # no trend; one auxiliary part, loss_bbox_0, rises 16% late. The run optimised the total.
    report = diagnose_run(public_run("json-detr-smy1999"))
    assert report.monitored == "test/loss"
    assert report.verdict != "overfitting"


def test_a_yolo_val_loss_spike_that_collapsed_the_fitness_is_a_spike() -> None:
    # A public YOLO segmentation results.csv (SOURCE.txt), 100 epochs: the val seg loss climbs
    # from about 1.1 to 11.3 at epochs 56-57 and comes back to 0.6; the fitness collapses 0.70
    # -> 0.19 with it, then recovers to a new best of 0.83. The fitness is judged, but the
    # event is its val losses' spike.
    report = diagnose_run(public_run("yolo-tennis-court-seg-dinameo"))
    assert report.verdict == "loss_spike"
    spikes = [f for f in report.findings if f.code == "loss_spike" and f.severity == "warning"]
    assert any(f.series == "val/seg_loss" for f in spikes)


def test_a_small_dip_of_a_score_near_its_ceiling_is_no_verdict_spike() -> None:
    # A public MONAI brain-extraction log (SOURCE.txt), val Dice every 5 epochs: 0.53 -> 0.972
    # at epoch 30, 0.910, 0.902, 0.908 at 35-45, back to 0.978 at 50, then 0.986. As a
    # distance from 1 that is 3.5x, but the score lost 7 points of 100: a notch, reported as
    # info; the run is healthy (the dip is still listed).
    report = diagnose_run(public_run("csv-brain-extraction-dice-hennyiyin"))
    assert report.verdict == "healthy"
    spikes = [f for f in report.findings if f.code == "loss_spike"]
    assert [f.severity for f in spikes] == ["info"]
    assert spikes[0].series == "val/dice"


def test_a_rise_over_the_last_of_four_evaluations_is_overfitting() -> None:
    # A public Lightning CSVLogger of a BERT NER model (SOURCE.txt), 4 evaluations: val loss
    # 0.252 -> best 0.153 -> 0.232 -> 0.234 while train falls 0.121 -> 0.0065 (and val F1
    # peaks with the best). Over 4 points the jumps between them are the learning and the
    # overfitting; the two points after the best sit 0.002 apart, so the 0.08 rise is real.
    report = diagnose_run(public_run("lightning-ner-dustinaxman"))
    assert report.verdict == "overfitting"
    (finding,) = [f for f in report.findings if f.code == "overfitting"]
    assert finding.evidence["best_step"] == 1161


def test_a_val_loss_climbing_from_its_first_evaluation_beside_no_better_train_diverges() -> None:
    # A public Lightning TensorBoard log of a TFT (SOURCE.txt): val loss 1.15 -> 1.51 -> 2.34
    # -> 2.67 over its 4 evaluations, never better than its first, while the per-epoch train
    # loss bounced about 7 and ended above its level at that first evaluation. Not
    # overfitting (train did not improve): the run got worse from the start.
    report = diagnose_run(public_run("tb-irrigation-tft-rpsifpr"))
    assert report.verdict == "diverging"
    (finding,) = [f for f in report.findings if f.code == "diverging"]
    assert finding.evidence["cue"] == "val_ran_away" and finding.series == "val/loss"


def test_a_word_error_rate_at_one_at_every_log_is_underfitting() -> None:
    # A public NeMo CTC speech recogniser's Lightning TensorBoard log (SOURCE.txt): no val
    # series to judge (one evaluation), a train loss bouncing 184-229 over 7 logs, and its
    # batch WER 1.0 at all 6: every word wrong, nothing transcribed.
    report = diagnose_run(public_run("tb-nemo-asr-kannada-srksaurabh1"))
    assert report.verdict == "underfitting"
    (finding,) = [f for f in report.findings if f.code == "underfitting"]
    assert finding.evidence["cue"] == "error_at_worst"
    assert finding.series == "train/batch_wer"


def test_a_loss_that_fell_before_its_first_evaluation_beside_a_learning_accuracy() -> None:
    # A public TF1 voice-activity detector (SOURCE.txt), train/ and valid/ writers of the same
    # tags: train cost 0.69 -> 0.41 in its first 100 steps, val cost 0.429 at the first
    # evaluation -> 0.404 (under 10% below the initial level), but val accuracy 83% -> 90%:
    # the model kept learning; nothing says underfitting.
    report = diagnose_run(public_run("tb-tf1-vad-endpoint-jtkim"))
    assert report.monitored == "val/training_procedure/cost"
    assert report.verdict == "healthy"


def test_an_hf_output_dir_read_from_its_tensorboard_twin_judges_the_metric_it_optimised() -> None:
    # A corpus HF run (metric_for_best_model accuracy) whose TensorBoard events hold more points
    # than its trainer_state.json: the run is read from the events, and the trainer_state's
    # best_metric still says what the Trainer optimised. Cut at 350 steps, its val accuracy
    # 0.24 -> 0.78 ends at its best but jumps too much for its own tail test; the val loss
    # beside it, 1.38 -> 0.90 ever faster, shows the run still improving (cue loss_tail).
    log = corpus_run("hf/gratings/still_improving-cnn-short-bestacc-s1")
    assert log.source == "tensorboard" and "best_metric" in log.meta
    report = diagnose_run(log)
    assert report.monitored == "val/accuracy"
    assert report.verdict == "still_improving"
    assert only_finding(report, "still_improving").evidence["cue"] == "loss_tail"


def test_an_auc_that_never_left_chance_does_not_overfit() -> None:
    # A corpus click-through model at Adam 1e-5 optimising ROC AUC: 0.58 at the first
    # evaluation, drifting to 0.51 while the log-loss falls to the base rate. A score that
    # never got above 0.6 had nothing to lose: underfitting, not overfitting.
    report = diagnose_run(corpus_run("hf/ctr_embed/underfitting-embed-adam-lr1e-5-s1"))
    assert report.monitored == "val/auc"
    assert report.verdict == "underfitting"
    assert not [f for f in report.findings if f.code == "overfitting"]


def test_one_noise_dip_among_five_end_points_still_leaves_a_sustained_rise() -> None:
    # A public Lightning CSVLogger (SOURCE.txt), 18 evaluations: val loss 181 -> 30.5 (step
    # 9999, its trend 38.1), then 38, 41, 35, 33, 41, 50, 45, 69, 35, 68 while train keeps
    # falling. Of the last 5, one (34.8) dips under the best level: the rule lets one of 5
    # fall below (5 x 10% is 0.5, rounded half up; Python's round() made it 0).
    report = diagnose_run(public_run("lightning-stellar-v44-inquisitornova"))
    assert report.verdict == "overfitting"


def test_a_resumed_history_whose_accuracy_classifies_well_learned_something() -> None:
    # A public history resumed at epoch 12 (SOURCE.txt), written as tr_/vl_: val loss 1.133 ->
    # 1.059 (its first logged point is not where training began, and a smoothed-label loss
    # sits high) while val accuracy climbs 0.876 -> 0.914. A model at 90% that still gets
    # better learned something: not learned_nothing.
    report = diagnose_run(public_run("csv-resumed-sindhu2511"))
    assert report.monitored == "val/loss"
    assert report.verdict == "still_improving"
    assert not [f for f in report.findings if f.code == "underfitting"]


def test_a_train_loss_that_blew_up_from_its_plateau_with_val_is_diverging() -> None:
    # A public SummaryWriter run (SOURCE.txt), a CIFAR ResNet over 300 epochs logging summed
    # losses: train 375 at epoch 0 -> 0.34 by epoch 204, val 224 -> 25 (its best at 227); at
    # epoch 243 both blow up, train to 12-17 (40x its floor) and val to 46-79, and stay. The
    # rise is 4% of train's first fall, but no model comes back from 40x its floor.
    report = diagnose_run(public_run("tb-cifar-resnet-blowup-saniyagapchup"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.series == "train/loss" and finding.step == 204


def test_a_healthy_train_curve_beside_two_evaluations_that_got_worse_is_insufficient(
        tmp_path) -> None:
    # A public HF trainer_state.json (SOURCE.txt) saved at step 3500: the train loss falls
    # over its logs, and the two evaluations go 0.290 -> 0.373. Two points cannot tell a rise
    # from noise, and the train curve says nothing of generalisation: insufficient_data, with
    # a note. The same run with its evaluations improving agrees with its train curve.
    report = diagnose_run(public_run("trainer_state-textcls-2evals-sangrea1"))
    assert report.monitored == "train/loss"
    assert report.verdict == "insufficient_data"
    assert any("cannot tell a rise from noise" in note for note in report.notes)
    state = json.loads((DATA / "public" / "trainer_state-textcls-2evals-sangrea1"
                        / "trainer_state.json").read_text())
    evals = [entry for entry in state["log_history"] if "eval_loss" in entry]
    evals[0]["eval_loss"], evals[1]["eval_loss"] = evals[1]["eval_loss"], evals[0]["eval_loss"]
    (tmp_path / "trainer_state.json").write_text(json.dumps(state))
    assert diagnose_run(curvecli.load_runs(tmp_path).runs[0]).verdict == "healthy"


def test_a_low_score_that_tripled_learned_something() -> None:
    # A public YOLOv8 results.csv (SOURCE.txt) cut at 5 epochs: fitness 0.038 -> 0.070 -> 0.086
    # -> 0.099 -> 0.114, rising at every epoch. Far from its ceiling, but a score that tripled
    # learned: still improving, not "nothing learned".
    report = diagnose_run(public_run("yolo-comp4471-5epochs-intheairmc"))
    assert report.monitored == "val/fitness"
    assert report.verdict == "still_improving"
    assert not [f for f in report.findings if f.code == "underfitting"]


def test_a_train_loss_frozen_at_one_value_is_underfitting() -> None:
    # A public HF Trainer run's events (SOURCE.txt), a 4-class classifier whose evaluations
    # logged no loss: train loss 106.9 at step 10 -> 1.41 by step 80, then exactly 1.3863
    # (= ln 4) for 500 steps, two batches aside, its grad norm near 0. It fell 99% from its
    # wild first step, but a model that stopped changing its predictions learned nothing.
    report = diagnose_run(public_run("tb-flava-chance-aneeshkalla"))
    assert report.monitored == "train/loss"
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "train_frozen"
    assert finding.evidence["frozen_level"] == pytest.approx(math.log(4), abs=1e-3)


def test_a_train_loss_at_ln_c_beside_a_train_accuracy_at_one_in_c_is_at_chance() -> None:
    # A public Lightning TensorBoardLogger run (SOURCE.txt), corrupted MNIST with no val logged:
    # train loss 4.01 -> 2.306, then 2.30-2.34 (ln 10 = 2.303) while the batch accuracy stays
    # at 5-19% (1 in 10). The product of accuracy and e^loss is 1: a guess.
    report = diagnose_run(public_run("tb-corruptmnist-chance-annarife99"))
    assert report.monitored == "train/loss"
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "at_chance"
    assert finding.evidence["accuracy_times_e_loss"] == pytest.approx(1.0, abs=0.1)


def test_a_dev_nll_that_converged_is_judged_as_a_loss() -> None:
    # A public trajectory model's CSV (SOURCE.txt): dev NLL 5.565 -> 5.243 by epoch 15, then
    # flat to 0.04% while train keeps falling 5.87 -> 5.01. An NLL is a loss: a val loss that
    # learned after its first evaluation and settled, ever more slowly, has converged.
    report = diagnose_run(public_run("csv-healthtraj-nll-roshanipawar16"))
    assert report.monitored == "val/nll"
    assert report.verdict == "healthy"


def test_a_val_auc_near_0_9_learned_whatever_the_val_loss_level() -> None:
    # A public multi-label chest X-ray CSV (SOURCE.txt), 7 epochs: mean val AUC 0.876 -> 0.896
    # -> 0.874, its weighted val loss 1.03-1.21 above the train loss's start (0.92). A model
    # ranking at 0.89 learned before its first evaluation: not "nothing learned".
    report = diagnose_run(public_run("csv-chest-xray-sarah012"))
    assert not [f for f in report.findings if f.code == "underfitting"]


def test_a_spike_of_a_hundred_times_its_level_is_no_early_instability() -> None:
    # A public VAE's CSV (SOURCE.txt) in its KL warm-up: val loss 0.13-0.17 jumping to 6.8,
    # 584 and 5.9e6 at epochs 5, 9 and 13, back the next epoch each time, then 0.16 -> 0.021.
    # Early, from a level still 8x the floor, but 100x its level or more blew up.
    report = diagnose_run(public_run("csv-vae-medimg-mrphantom2325"))
    assert report.verdict == "loss_spike"
    assert any(f.code == "loss_spike" and f.severity == "warning" and f.series == "val/loss"
               for f in report.findings)


def test_a_val_loss_thrown_back_by_one_jump_that_never_recovers_diverged() -> None:
    # A corpus HF fine-tune (an MLP on a shifted table) whose LR was multiplied by 300 for 10
    # steps at step 350: val loss 0.71 -> 0.41, then 0.97 at the next evaluation, settling at
    # 0.73 to the end, above its first evaluation; train worse too. One jump, 4x any other
    # step up, that never came back: its progress is lost.
    report = diagnose_run(corpus_run("hf/tab_transfer/loss_spike-ft-lrbump10-x300-s1"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.series == "val/loss" and finding.step == 350


def test_batch_noise_of_a_flat_train_loss_beside_evaluations_that_improved_is_healthy() -> None:
    # A public DeepSeek-VL2 LoRA trainer_state.json (SOURCE.txt), saved at step 6000: the train
    # loss, logged every 5 steps, bounces 1.5-2.5 about a flat 2.0 (batch noise of an LLM
    # fine-tune), and its 3 evaluations found it better each time (1.641 -> 1.616 -> 1.611).
    # Neither erratic nor "never went down": healthy, judged on its train curve.
    report = diagnose_run(public_run("trainer_state-deepseek-vl2-lora-wangyuhan7"))
    assert report.monitored == "train/loss"
    assert report.verdict == "healthy"
    assert not {"erratic", "underfitting"} & {f.code for f in report.findings}


def test_one_head_of_a_multi_output_model_at_chance_is_underfitting() -> None:
    # A public Keras CSVLogger (SOURCE.txt), an age and gender face model at LR 1e-5: its total
    # val loss fell 12% (the age head learned), but its gender head sat at 0.69 = ln 2 with 50%
    # accuracy for 41 epochs: that head guesses.
    report = diagnose_run(public_run("keras-agegender-lowlr-bishals098"))
    assert report.monitored == "val/loss"
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.series == "val/gender_output_loss"
    assert (finding.evidence["cue"], finding.evidence["head"]) == ("at_chance", "gender_output")


def test_a_val_loss_flat_from_its_first_epoch_under_the_prior_converged() -> None:
    # A public Keras TF2 TensorBoard log (SOURCE.txt), a churn classifier: val loss 0.348 at
    # epoch 0, then 0.341-0.356 for 9 epochs, val accuracy 0.85-0.86, train loss 0.389 ->
    # 0.328. Guessing the class prior at 86% would cost at least 0.40 (the binary entropy of
    # 0.86): 0.34 learned past it in the first epoch, and train kept fitting. Converged.
    report = diagnose_run(public_run("tb-churn-flat-mahendra918"))
    assert report.monitored == "val/loss"
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "underfitting"]


def test_a_margin_loss_beside_a_frozen_accuracy_is_still_underfitting() -> None:
    # A public Keras CSVLogger log (SOURCE.txt), a capsule network: val accuracy 0.60 (0.583
    # twice) for 8 epochs, the majority class; its margin loss 0.339 -> 0.285 sits at the
    # floor a cross-entropy at 60% could not go below ((1 - 0.6) ln 2 = 0.277): no
    # cross-entropy, so its level says nothing about beating the prior.
    report = diagnose_run(public_run("keras-capsnet-cancer-AIR-Center"))
    assert report.verdict == "underfitting"


def test_a_val_loss_nan_beside_a_train_loss_with_nans_is_diverging() -> None:
    # A public Lightning TensorBoard run (SOURCE.txt), a graph network: its train loss is NaN at
    # 6 of 16 logs (finite at the last), its val loss NaN at both evaluations, its grad norm 0
    # from step 59. The model the evaluation saw was broken: diverging, not "never went down".
    report = diagnose_run(public_run("tb-gnn-nan-suamoxi"))
    assert report.verdict == "diverging"
    finding = only_finding(report, "diverging")
    assert finding.series == "val/loss"
    assert finding.evidence["cue"] == "non_finite"


def test_a_val_rise_with_train_flat_within_its_noise_is_overfitting() -> None:
    # A public pytorch-forecasting TFT run (SOURCE.txt): val loss 0.078 -> best 0.0216 at step
    # 212 -> 0.15-0.16 for the remaining 97 evaluations, while the train loss sat at
    # 0.0068-0.0069 (ending 2% above its level at the val best, inside its noise). Train did
    # not share a 7x rise.
    report = diagnose_run(public_run("tb-stock-forecast-deepak"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 212


def test_a_loss_total_of_no_split_is_judged_not_the_learning_rate() -> None:
    # A public hand-written CSV (SOURCE.txt): epoch, step, lr, loss_total and its three parts,
    # no split named. The total is the train loss; the learning rate (in warm-up) is never
    # the judged series.
    report = diagnose_run(public_run("csv-macrocycle-pretrain-sureshgxai"))
    assert report.monitored == "loss_total"
    assert report.verdict in ("healthy", "still_improving")


def test_a_val_loss_written_as_zero_at_every_epoch_is_not_judged() -> None:
    # A public history.json (SOURCE.txt): val_loss 0.0 at each of 5 epochs (never computed)
    # beside a val AUC climbing 0.48 -> 0.69. The AUC is judged: still improving.
    report = diagnose_run(public_run("json-gnn-5ep-vishnu-3727"))
    assert report.monitored == "val/mean_auc"
    assert report.verdict == "still_improving"


def test_a_loss_that_only_learned_the_prior_beside_a_frozen_accuracy_is_underfitting() -> None:
    # A corpus run (Lightning CSVLogger): a CNN with a frozen backbone on defect images, 88%
    # of them clean. Val accuracy 0.8733 (the majority's share) at all 12 evaluations while the
    # val loss falls 0.77 -> 0.49: the fall is the model learning the class prior, which at
    # 87.3% costs at least 0.38 (the binary entropy of 0.873). Never classified anything.
    key = "lightning_csv/defect_img/underfitting-cnn-frozen-backbone-s2"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "accuracy_frozen"


def test_a_loss_still_taking_4_percent_off_its_level_at_its_best_is_still_improving() -> None:
    # A public hand-written CSV (SOURCE.txt), a motion-captioning model stopped at 12 epochs:
    # val loss 2.433 -> 1.451 (epoch 10) -> 1.431 -> 1.387 (the last, its best), falling
    # 0.02-0.04 per epoch with no noise. Its last third is 7.6% of the gain a steep first drop
    # made, but takes 5% off its level, steadily: stopped while it improved.
    report = diagnose_run(public_run("csv-captionmotion-manh04"))
    assert report.monitored == "val/loss"
    assert report.verdict == "still_improving"


def test_six_train_logs_ending_a_schedule_are_not_still_improving() -> None:
    # A public HF trainer_state (SOURCE.txt): one evaluation and six train logs, 1.47 -> 0.80
    # -> 0.73 -> 0.66 -> 0.63 -> 0.62, the learning rate decayed to 2e-6 at step 600 of 626.
    # Six points prove no trend worth calling the run cut short.
    report = diagnose_run(public_run("hf-gpt2-pseudocode-mubashir214"))
    assert report.verdict != "still_improving"


def test_a_val_climbing_steadily_after_its_best_rose_to_the_end_of_its_climb() -> None:
    # A public Keras CSVLogger of a survival model (SOURCE.txt), 212 epochs: val loss 1.520 ->
    # best 1.3225 at epoch 111, then a smooth climb to 1.429 at 211 while train falls 1.05 ->
    # 0.86. The median of the last half (1.39) is half-way up; the climb ended 54% of the
    # gain above the best: overfitting.
    report = diagnose_run(public_run("keras-wtte-overfit-fazaki"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 111


def test_summary_rows_appended_at_step_0_are_not_a_new_session() -> None:
    # A public MLflow file store (SOURCE.txt): train and val losses for epochs 0-60, then the
    # trainer logged its final losses without a step, three rows at step 0. They restate a
    # summary; they do not restart the run (which would leave one point to judge).
    report = diagnose_run(public_run("mlflow-har-mlp-overfit-mehmet1700"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 3


def test_a_val_judged_alone_gave_back_its_gain_from_its_first_evaluation() -> None:
    # A public PointNet-style log (SOURCE.txt) with no train loss: eval mean loss 0.94 at epoch
    # 0 -> 0.28 at epoch 32, then a slow creep to 0.35 over 200 epochs. From its first
    # evaluation it gave back a tenth of its gain (overfitting), not most of it (diverging).
    report = diagnose_run(public_run("text-point2seq-slowrise-hjxu"))
    assert report.monitored == "val/mean loss"
    assert report.verdict == "overfitting"
    assert "diverging" not in codes(report)


def test_a_val_wobbling_at_the_bottom_of_a_twentyfold_fall_is_not_erratic() -> None:
    # A public Keras CSVLogger (SOURCE.txt), a forest-fire classifier on a small val set: val
    # loss 1.36 -> 2.49 in its first epochs, then 0.06 by epoch 14, wobbling 0.06-0.20 to
    # epoch 29 at 99% accuracy. Its swings are 38% of its level but 5% of its fall: converged.
    report = diagnose_run(public_run("keras-forest-fire-nishita7"))
    assert report.verdict == "healthy"
    assert "erratic" not in codes(report)


def test_lightning_losses_per_val_dataloader_are_judged_on_the_first() -> None:
    # A corpus run (Lightning CSVLogger) with two val dataloaders: self.log writes
    # val_loss/dataloader_idx_0 and _1, then trainer.test. The second loader is another
    # distribution, whose val rises; the first, the run's val set, levels off: healthy.
    report = diagnose_run(corpus_run("lightning_csv/b34_points2d/healthy-cosine-e25-2val-test-s1"))
    assert report.monitored == "val/loss/dataloader_idx_0"
    assert report.verdict == "healthy"


def test_val_and_train_bouncing_together_with_no_trend_is_erratic() -> None:
    # Two corpus runs at a step size too large to settle (Adam 0.03 at batch 4). Lightning's
    # CSVLogger: val loss 1.0-1.4 with jumps to 2.2, train jumping by 86% of its level and
    # ending at 42% of its start. SummaryWriter: an MLP's val loss 1.5-2.4 from one evaluation
    # to the next, train bouncing by 46% of its level. Neither val swing reaches a third of
    # its level (the swings cue); together with the train loss they are erratic.
    for key in ("lightning_csv/tab_transfer/erratic-ft-adam0.03-b4-val60-s2",
                "summarywriter/digits_up/erratic-mlp-adam0.03-b4-s1"):
        report = diagnose_run(corpus_run(key))
        assert report.verdict == "erratic", key
        assert only_finding(report, "erratic").evidence["cue"] == "together"


def test_a_val_climbing_at_both_evaluations_after_its_best_is_overfitting() -> None:
    # A public HF trainer_state of an LLM SFT (SOURCE.txt), eval every 500 steps: val loss
    # 0.538 -> best 0.416 -> 0.478 -> 0.526 while train falls 0.34 -> 0.067. The two points
    # after the best spread by 0.048 because they climb; that spread is the rise, not noise.
    report = diagnose_run(public_run("trainer_state-qilv-sft-haomingdouranggouqil"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 1000


def test_one_early_jump_beside_a_run_stuck_at_chance_is_underfitting() -> None:
    # A corpus run (SummaryWriter): Adam 0.5 from the first step on a 5-class task. The train
    # loss jumps 1.64 -> 8.25 once, at step 50 of ~500, and the val loss sits at ln 5 (1.61)
    # with accuracy at the majority's 0.23 to the end. The jump is part of never learning.
    key = "summarywriter/word_class/diverging-adam0.5-s1"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == "underfitting"
    spike = only_finding(report, "loss_spike")
    assert spike.severity == "warning" and spike.evidence["run_share"] < 0.2


def test_a_score_drifting_on_its_plateau_while_a_val_loss_still_falls_is_not_overfitting() -> None:
    # A public Ultralytics results.csv (SOURCE.txt), 173 epochs: fitness 0.089 -> best 0.741 at
    # epoch 72, then a plateau swinging 0.61-0.71 that ends at 0.720, its last half 0.039 below
    # the best level (6% of its gain) while val cls_loss falls 3.89 -> 1.35, its lowest at the
    # last epochs. The model still got better where a loss measures it: healthy.
    report = diagnose_run(public_run("yolo-desk-flynn"))
    assert report.monitored == "val/fitness"
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "overfitting"]


def test_a_spike_six_times_its_level_decides_the_verdict() -> None:
    # A corpus run (SummaryWriter): a batch of inputs x5 at step 400 throws a CNN's per-step
    # loss from ~0.68 to 5.86 for two logs, 8.6x its level, then back to 0.59. It passes the
    # tail rule by only 1.2 (the per-batch noise is wide), but a jump of 6x its level or more
    # is clear.
    key = "summarywriter/texture_img/loss_spike-cnn-poison-inputs5-s1"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == "loss_spike"
    spike = only_finding(report, "loss_spike")
    assert spike.severity == "warning" and spike.step == 402
    assert spike.evidence["height_ratio"] > 6


def test_a_loss_that_blew_up_at_its_first_step_and_never_came_back_is_diverging() -> None:
    # A public W&B run (SOURCE.txt, the binary .wandb file), a DimeNet at LR 5e-4, train loss
    # only: 92.8 at step 0, 2.1e14 at step 1, then falling 1e13 -> 6e10 over 80 logs. The
    # fall after the blow-up is no recovery: every later point is 1e8x the first.
    report = diagnose_run(public_run("wandb-geom3d-blowup-cboneucl"))
    assert report.verdict == "diverging"
    assert only_finding(report, "diverging").evidence["cue"] == "magnitude"


def test_a_rise_smaller_than_one_jump_of_its_val_is_not_overfitting_on_a_scores_word() -> None:
    # A corpus run (SummaryWriter): a CNN at Adam 3e-3 / batch 4 whose val loss bounces
    # 0.10-0.19 in its second half (its point-to-point noise 0.059), its best 0.082 a dip
    # four evaluations from the end, then 0.13 and 0.16, while val accuracy eases from its
    # 0.983 peak. The rise (0.044, 3% of the gain) only passed on the accuracy's word; it is
    # smaller than one of the loss' own jumps: healthy.
    key = "summarywriter/b37_digits16/erratic-b37-bare-adam3e-3-b4-e2-s1"
    assert diagnose_run(corpus_run(key)).verdict == "healthy"


# A TF1 Estimator's train loss (public set 123, tb-estimator-paradigm-knightzhang625): the
# untrained 6.12 at step 1, then ~0.09 from step 101 on.
ESTIMATOR_LOSS = [6.124, 0.08811, 0.06295, 0.08981, 0.1088, 0.1172, 0.09251, 0.1029, 0.147, 0.1088,
                  0.1083, 0.08866, 0.09227, 0.07478, 0.1042, 0.07136, 0.0889, 0.07191, 0.123,
                  0.07616, 0.08635, 0.08967, 0.0902, 0.08909, 0.09339, 0.07378, 0.09355, 0.08446,
                  0.09089, 0.06867, 0.07002, 0.1115, 0.1007, 0.06727, 0.1079, 0.09331, 0.1077,
                  0.1664, 0.07288, 0.1133, 0.08884, 0.06767, 0.08276, 0.07928]


RL_LOSS = [547, 1.951, 1.308, 29.75, 5.391, 28.23, 3.21, 52.82, 1.794, 155.8, 17.66, 8.335, 12.39,
           2.842, 17.67, 105.8, 22.8, 3.886, 3.694, 3.169, 43.79, 6.252, 1.67, 10.98, 4.016, 2.863,
           15.34, 219.8, 6.744, 15.61, 1.75, 3.802, 3.738, 1.577, 30.68, 4.36, 3.612, 5.853, 4.975]


def test_a_train_loss_alone_that_fell_at_its_first_log_is_not_erratic(tmp_path) -> None:
    # Written with TensorBoard's writer at the Estimator's steps (1, 101, ..., 4301). The
    # median of the first points (0.09) is not where the run started: the untrained 6.12 is,
    # and the jumps of 0.02 about a flat 0.09 are batch noise on a converged loss.
    from writers import write_scalars

    write_scalars(tmp_path, [("loss", 1 + 100 * index, value)
                             for index, value in enumerate(ESTIMATOR_LOSS)])
    (log,) = curvecli.load_runs(tmp_path).runs
    report = diagnose_run(log)
    assert report.monitored == "train/loss"
    assert report.verdict == "healthy"
    # an RL loss bouncing 1.3-220 after its first 547 (public set 45, lightning-rl-andreicozma1)
    # never settled: still erratic
    write_scalars(tmp_path / "rl", [("loss", 49 + 50 * index, value)
                                    for index, value in enumerate(RL_LOSS)])
    (log,) = curvecli.load_runs(tmp_path / "rl").runs
    assert diagnose_run(log).verdict == "erratic"


def test_a_score_collapsing_as_its_val_loss_is_thrown_back_is_diverging() -> None:
    # A corpus run (SummaryWriter): a multi-label tagger at SGD whose LR jumps x300 at step
    # 630. Val loss 0.60 -> 0.437, then 0.559 at the next evaluation and flat there (the label
    # prior's loss) to the end; val F1 0.43 -> 0 and stays 0. Thrown back at once, not a
    # creeping rise: the run lost what it had learned.
    key = "summarywriter/b40_tags_ml/diverging-sgd-lrjump-x300-noclip-s1"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == "diverging"
    assert only_finding(report, "diverging").evidence["cue"] == "metric_collapsed"


def test_a_val_wobbling_at_its_floor_beside_a_steady_train_loss_is_not_erratic() -> None:
    # A public Keras history (SOURCE.txt), a weather forecaster over 65 epochs: val loss
    # 0.0007-0.0018 at first, then ~0.0001 wobbling 0.00009-0.00026 (39% of its level) while
    # the train loss sits smooth at 0.0009 under a decaying LR. A val on a small set wobbling
    # at its floor is no unstable training: healthy.
    report = diagnose_run(public_run("json-weather-doc1205"))
    assert report.monitored == "val/loss"
    assert report.verdict == "healthy"


def test_a_val_thrown_up_with_a_train_event_in_a_short_log_is_a_loss_spike() -> None:
    # A corpus run (SummaryWriter), 10 evaluations: an LR bump x100 for 20 steps before the
    # fifth. Val 0.77 -> 1.82 there (accuracy 0.72 -> 0.63) and back down to 1.53 over five
    # evaluations while the per-step train loss jumped 0.75 -> 2.76 in that interval. Too short
    # a val log for the rolling search, and not back at the next point: a spike recovering
    # slowly, not a healthy run.
    key = "summarywriter/b41_topics4/loss_spike-lrbump20-x100-before-eval5-s1"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == "loss_spike"
    spike = only_finding(report, "loss_spike")
    assert spike.evidence["cue"] == "short_val_jump" and spike.step == 315


def test_an_hf_run_with_a_shifted_eval_set_is_judged_on_its_in_domain_set() -> None:
    # A corpus run (HF Trainer, trainer_state.json only): eval_dataset a dict, so the log holds
    # eval_in_domain_loss and eval_shifted_loss (a set drawn at 40% positives, not 12%). Cut at
    # epoch 4 of 30, its in-domain loss falls to its last evaluation while the shifted set's
    # rises: the run is judged on the data it learns from, and was cut short.
    key = "hf/b42_claims2/still_improving-adam2e-4-cut-e4-of-30-s1"
    report = diagnose_run(corpus_run(key))
    assert report.monitored == "val/in_domain_loss"
    assert report.verdict == "still_improving"
    assert not [f for f in report.findings if f.series == "val/shifted_loss"
                and f.severity != "info"]


def test_an_accuracy_that_kept_learning_is_no_guess_whatever_its_product() -> None:
    # A public JSON history (SOURCE.txt), an audio emotion + intensity model cut at 14 epochs:
    # its emotion head's val loss 1.56 -> 0.60 beside an emotion accuracy 0.23 -> 0.65, whose
    # product with e^loss (1.2) reads like a guess's; an accuracy that nearly tripled learned.
    # The total val loss 2.19 -> 1.02, falling 0.07 an epoch to its last: still improving.
    report = diagnose_run(public_run("json-audiosentiment-cut-jainil"))
    assert report.monitored == "val/loss"
    assert report.verdict == "still_improving"
    assert "underfitting" not in codes(report)


def test_a_last_evaluation_jump_has_no_recovery_to_show() -> None:
    # A public Keras TF2 TensorBoard log (SOURCE.txt), 6 epochs of a text classifier: val loss
    # 0.320, 0.267, 0.278, best 0.250, 0.260, then 0.405 at the last epoch, while train falls
    # 0.49 -> 0.11. The jump comes at the last evaluation, so nothing shows it coming back:
    # not a spike's recovery but overfitting.
    report = diagnose_run(public_run("tb-depression-text-piethonista"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 3
    # Its evaluation_*_vs_iterations twins (iterations 175-1050) sit at the 6 epochs; the note
    # says which way round the axes were linked.
    assert report.notes == ["val/loss_vs_iterations, val/accuracy_vs_iterations logged by "
                            "iteration (175-1050) and train/loss by epoch: each evaluation is "
                            "placed at its epoch"]


def test_a_short_val_plateau_that_climbs_at_its_end_is_overfitting() -> None:
    # A public Keras CSVLogger history (SOURCE.txt), 10 epochs: val loss best 0.283 at epoch 3,
    # 0.29-0.31 over epochs 4-7, then 0.373 and 0.415 while train falls 0.52 -> 0.135. The
    # trend of so few points sits at 0.308 at the best, above the plateau's 0.294; measured
    # against the best point, the end stretch is all above it: overfitting.
    report = diagnose_run(public_run("csv-keras-late-overfit-dev-21"))
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 3


def test_val_loss_bursts_while_the_score_has_learned_nothing_yet_do_not_decide() -> None:
    # A public Ultralytics TensorBoard log (SOURCE.txt: its scalars), 72 epochs: fitness 0.017
    # at epoch 1 and about 0 over epochs 2-8 while the val dfl loss bursts 3.8 -> 58 at epoch 4
    # and to 715 at epoch 6, then climbs to 0.41. A score at 4% of its best has nothing to lose
    # to those bursts: warm-up, not a spike an engineer acts on. The run is healthy.
    report = diagnose_run(public_run("tb-yolo-aquarium-it21344756"))
    assert report.monitored == "val/fitness"
    assert report.verdict == "healthy"
    spikes = [f for f in report.findings if f.code == "loss_spike"]
    assert spikes and all(f.severity == "info" for f in spikes)


def test_a_hot_optimisers_early_bursts_beside_a_run_that_never_learned_are_underfitting() -> None:
    # Batch 44's SGD 0.3 at batch 2 without clipping (trainer_state.json): the per-step loss
    # bursts to 2300 at step 55 (a six-point event) and to 45 at step 75, 3-4% into the run,
    # then bounces about 1.5 while val sits at chance (ln 4) with accuracy 0.24-0.26 to the end.
    # Spikes all in the first 20% of a run that never learned are part of that failure.
    report = diagnose_run(corpus_run("hf/b44_moons4/erratic-b44-sgd0.3-b2-noclip-2k-s3"))
    assert report.verdict == "underfitting"
    spikes = [f for f in report.findings if f.code == "loss_spike" and f.severity != "info"]
    assert spikes and any(f.evidence["cue"] != "sharp" for f in spikes)
    assert all(f.evidence["run_share"] < 0.2 for f in spikes)


def test_a_low_score_that_lost_a_quarter_of_itself_is_overfitting() -> None:
    # A public Ultralytics YOLO-seg results.csv (SOURCE.txt), 100 epochs: fitness best 0.28 at
    # epoch 50, then 0.17-0.27 to the end (its last 50 epochs a quarter below the best) while
    # the train losses keep falling (box 1.39 -> 0.77). Its distance from 1 grew only 3%, but a
    # score at 0.28 that falls to 0.21 lost a quarter of itself: overfitting.
    report = diagnose_run(public_run("yolo-seg-waterquality-team-envision"))
    assert report.monitored == "val/fitness"
    assert report.verdict == "overfitting"
    assert 40 <= only_finding(report, "overfitting").step <= 60


def test_an_untrained_first_evaluation_does_not_dwarf_a_later_rise() -> None:
    # A public Keras TF2 TensorBoard log (SOURCE.txt), 23 epochs: val loss 1.515 at epoch 0
    # (the untrained model, 5x the median of its first points), 0.30, 0.11, ..., best 0.064 at
    # epoch 13, then 0.12 over the last 6 epochs while train falls 0.021 -> 0.0007. Measured
    # from the untrained 1.515 the rise is 2% of the gain; from where training started it is
    # overfitting. No accuracy is logged to vouch either way.
    report = diagnose_run(public_run("tb-keras-ecg-overfit-achuthan2909"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 13


def test_val_swings_of_one_lr_bump_between_two_evaluations_are_a_spike() -> None:
    # Batch 45's LR bump x60 for 10 steps between two evaluations (SummaryWriter, val every 5
    # epochs): the train loss jumps 0.37 -> 1.67 at step 845 and recovers by 870; val reads
    # 0.38 before it, 0.77 at the next evaluation, then 0.53, 0.42, 0.38. Over 8 evaluations
    # that one jump makes val's swings look erratic; without it they are not.
    report = diagnose_run(corpus_run(
        "summarywriter/b45_xor4/loss_spike-b45-lrbump10-x60-between-evals-valk5-s1"))
    assert report.verdict == "loss_spike"
    assert not [f for f in report.findings if f.code == "erratic"]
    assert only_finding(report, "loss_spike").step == 845


def test_a_late_rise_over_few_evaluations_needs_a_train_loss_still_fitting() -> None:
    # Batch 47's Gaussian NLL at Adam 0.01 (SummaryWriter, 40 val rows): val bounces 0.2-0.3
    # nats about a falling trend to a dip of -0.878 three evaluations from the end, then -0.77,
    # -0.57, -0.55, while the train NLL sits where it was (0% change). Three points after a dip
    # in a noisy val, with train no longer fitting, are not overfitting.
    report = diagnose_run(corpus_run(
        "summarywriter/b47_hetero_friedman/erratic-b47-nll-adam0.01-b8-val40-s1"))
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "overfitting"]


def test_a_psnr_settling_after_an_early_bounce_is_neither_overfitting_nor_stuck() -> None:
    # A public image-restoration CSV log (SOURCE.txt), 30 epochs, no val loss: val PSNR 25.7 at
    # epoch 1, bouncing to 22.6-22.7 at epochs 4 and 8, then 26-27.4 (best 27.44 at 22, last
    # 26.90) while the train loss moves 0.177 -> 0.173. A score without a natural zero that
    # drifts 0.3 dB while train stands still is not overfitting, and its 1.2 dB gain is small
    # beside the early bounce, not beside where it settled.
    report = diagnose_run(public_run("csv-restoration-shikhar404"))
    assert report.monitored == "val/psnr"
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code in ("overfitting", "underfitting")]


def test_a_val_loss_that_bounced_early_and_fell_ten_thousandfold_is_not_erratic() -> None:
    # A public Keras CSVLogger history (SOURCE.txt), 20 epochs: val loss 3.21 -> 0.05 by epoch
    # 3, bouncing 0.03-0.33 over epochs 4-9, then 0.002 -> 0.0003 with val accuracy at 1.0
    # from epoch 15. Those early swings are large beside the tiny level it settled at; its
    # second half does not swing.
    report = diagnose_run(public_run("keras-traffic-tjarkgerken"))
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "erratic"]


def test_nan_grad_norms_of_skipped_steps_are_not_a_divergence() -> None:
    # Batch 52's bf16 loop whose guard skips the NaN batches six bad input rows make: grad_norm
    # is NaN at 86 of its 289 logs, one or two in a row, the last log among them, while the
    # train loss falls 0.69 -> 0.1 and val 0.65 -> 0.16. A NaN no longer than those the run came
    # back from is one more skipped step.
    report = diagnose_run(corpus_run(
        "summarywriter/b52_hastie2/healthy-b52-bf16mix-6infrows-skip-e15-s1"))
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "diverging"]
    assert [f for f in report.findings if f.code == "non_finite" and f.series == "grad_norm"]


def test_a_val_loss_that_ended_in_nan_is_not_still_improving() -> None:
    # Batch 52's bf16 run with one -inf input row and no guard: the train loss turns NaN at
    # step 59 and stays NaN; val is NaN from step 60 to the end. Its last finite evaluations
    # were falling, but a series that ended in NaN improves no more: diverging, with no
    # still_improving finding beside it.
    report = diagnose_run(corpus_run(
        "summarywriter/b52_hastie2/diverging-b52-bf16mix-1infrow-noguard-s3"))
    assert report.verdict == "diverging"
    assert not [f for f in report.findings if f.code == "still_improving"]


def test_a_short_loss_lower_at_every_evaluation_is_still_improving() -> None:
    # A public Lightning JEPA run stopped after 5 epochs (SOURCE.txt): val loss 30.0, 12.1,
    # 3.47, 1.41, 1.05, a quarter off its level at the last epoch. A series lower at every point
    # shows no scatter; its bend was read as noise and the run called healthy.
    report = diagnose_run(public_run("lightning-jepa-robot-cut-short-rededdie"))
    assert report.verdict == "still_improving"
    assert only_finding(report, "still_improving").evidence["share_of_level"] > 0.1


def test_a_low_val_loss_wobbling_beside_a_steady_accuracy_is_not_erratic() -> None:
    # A public plant-disease classifier (Keras-style CSV, SOURCE.txt): val loss 0.110 -> 0.024
    # and then 0.027-0.051, jumps a third of that small level, while val accuracy holds
    # 0.985-0.993 and the train loss falls smoothly to 0.01 (a healthy run called erratic at
    # its blind set's first score).
    report = diagnose_run(public_run("csv-plant-disease-sshyam67"))
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "erratic"]


def test_a_model_that_fitted_neither_set_is_underfitting_not_overfitting() -> None:
    # Batch 55's 2-unit MLP on (a + b) mod 23: val 3.20 at its first evaluation, then up to
    # 3.68, while train went 3.19 -> 2.86, both near ln 23 = 3.14. The val rise from its
    # first point found overfitting beside underfitting; a model that never fitted train has
    # nothing to overfit.
    key = "lightning_csv/b55_modadd_grok/underfitting-b55-tiny-wd1-2000-s1"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == LABELS[key]["verdict"] == "underfitting"
    assert only_finding(report, "overfitting").evidence["rise_over_gain"] == "Infinity"


def test_a_small_rise_over_six_noisy_evaluations_needs_train_still_fitting() -> None:
    # A public sleep-apnea classifier (CSV, SOURCE.txt): val loss 0.608 -> best 0.263 at epoch
    # 33, then 0.282, 0.298, 0.325, 0.322, 0.400, 0.282 (jumps of 0.05-0.1 all run) while the
    # train loss moved 2%: noise around a level, not overfitting (a healthy run called
    # overfitting at its blind set's first score).
    report = diagnose_run(public_run("csv-apnea-noisyval-pstar7s"))
    assert report.verdict == "healthy"
    assert not [f for f in report.findings if f.code == "overfitting"]


def test_a_val_that_ended_several_times_its_best_overfits_whatever_train_did() -> None:
    # A public ECG net on 13 examples (SOURCE.txt): val 0.032 at epoch 23, then up to 0.21 over
    # its last six epochs (6.5x) while its train loss bounced 0.08-0.31: a rise that large is
    # overfitting over six evaluations without a train loss still fitting.
    report = diagnose_run(public_run("csv-ecg-tiny-zhouzhangll"))
    assert report.verdict == "overfitting"
    finding = only_finding(report, "overfitting")
    assert finding.evidence["end_level"] >= 2 * finding.evidence["best_level"]


def test_a_memorised_train_loss_bouncing_off_its_floor_beside_a_still_val_is_no_divergence(
) -> None:
    # Batch 58's 2x128 MLP on 150 rows: train 0.276 at its first log, then 1e-7 to 4e-3 for
    # 4,000 steps (memorised, bouncing), val flat at 0.13-0.14. Against a floor of 1e-7 the
    # bounces "gave back" its gain many times over; against what it learned, and beside a val
    # that never moved, they are nothing (called diverging at first score).
    key = "summarywriter/b58_friedman_long/overfitting-b58-wide-n150-4000-s1"
    report = diagnose_run(corpus_run(key))
    assert not [f for f in report.findings if f.code == "diverging"]
    assert report.verdict in {LABELS[key]["verdict"], *LABELS[key]["acceptable"]}


def test_one_spike_slowly_recovered_in_the_second_half_is_not_erratic() -> None:
    # Batch 61's GRU at batch 8 fed 10 poisoned batches at step 400 of 752: the train loss
    # jumps from ~0.1 and takes about a hundred steps to come back, val with it, then both sit
    # low to the end. The elevated stretch filled the second half's upper quartile (erratic's
    # kicked_back at first score); the last quarter is calm.
    key = "lightning_csv/b61_seqcount/loss_spike-b61-poison10-at400-s2"
    report = diagnose_run(corpus_run(key))
    assert report.verdict == LABELS[key]["verdict"] == "loss_spike"
    assert not [f for f in report.findings if f.code == "erratic"]


def test_a_memorised_val_bouncing_off_its_floor_by_a_hair_is_no_divergence() -> None:
    # Batch 62's loop that validates on its own 150 train rows (a common mistake): val and
    # train fall 0.35 -> 1.6e-6 and bounce back to 1e-4 (up to 0.008 once), both memorised.
    # 80x the floor is under 1% of where the loss started: nothing was lost (called
    # diverging at first score, a healthy run).
    key = "summarywriter/b62_wavereg/healthy-b62-valontrain-wide-n150-s1"
    report = diagnose_run(corpus_run(key))
    assert not [f for f in report.findings if f.code == "diverging"]
    assert report.verdict in {LABELS[key]["verdict"], *LABELS[key]["acceptable"]}


def test_a_val_bouncing_on_its_way_down_over_many_evaluations_is_not_erratic() -> None:
    # A public Keras OCR model's TensorBoard log (SOURCE.txt), 27 epochs: val loss 0.745 ->
    # ~0.08 by epoch 4, then 0.03-0.15 to the end while val accuracy holds 0.94-0.99 and the
    # train loss falls 2.16 -> 0.05. Its swings are 8% of all it fell (a healthy run called
    # erratic at its blind set's first score).
    report = diagnose_run(curvecli.load_runs(
        DATA / "public" / "tb-keras-ocr-imsg8" / "logs" / "fit" / "20231223-184908").runs[0])
    assert not [f for f in report.findings if f.code == "erratic"]
    assert report.verdict in {"healthy", "overfitting"}


def test_a_loss_that_never_learned_and_crept_up_a_little_did_not_diverge() -> None:
    # Batch 65's diabetes MLP under an L2 weight decay of 1: val 0.750 -> 0.736 -> 0.836, the
    # mean predictor's level, while the per-step train loss bounces at ~0.9. It gained 2% of
    # its level and rose 13%: nothing learned to lose (called diverging at first score).
    key = "lightning_csv/b65_diabetes/underfitting-b65-adam1e-3-l2wd1-e40-s3"
    report = diagnose_run(corpus_run(key))
    assert not [f for f in report.findings if f.code == "diverging"]
    assert report.verdict == "underfitting"


def test_a_train_loss_alone_at_a_tiny_learning_rate_is_batch_noise_not_erratic() -> None:
    # Batch 64's autoencoder pre-training at Adam 1e-6, train loss only: per-step losses
    # bounce 0.7-2.4 about the untrained level for 1,175 steps. Steps that small throw nothing
    # about (called erratic, advice "LR too high", at first score).
    key = "summarywriter/b64_digits_ae/underfitting-b64-trainonly-lr1e-6-s3"
    report = diagnose_run(corpus_run(key))
    assert not [f for f in report.findings if f.code in ("erratic", "lr_too_high")]
    assert report.verdict == "underfitting"


def test_four_train_logs_beside_three_evaluations_are_insufficient_data() -> None:
    # A public Whisper fine-tune's log history as CSV (SOURCE.txt): 4 train logs (4.16 ->
    # 2.94) and 3 evaluations (WER 0.96 -> 0.90 -> 0.91, eval loss 2.06 -> 1.89). Neither has a
    # curve to judge; it was called healthy on its 4 train points at its blind set's first score.
    report = diagnose_run(public_run("csv-whisper-az-fewpoints-ali0lo"))
    assert report.verdict == "insufficient_data"
    assert any("no curve to judge" in note for note in report.notes)


def test_a_coarse_val_score_at_its_best_beside_a_falling_train_loss_is_still_improving() -> None:
    # A public speech classifier's CSV log (SOURCE.txt): no val loss, val accuracy on 16 clips
    # 0.06 -> 0.69-0.75 over its last 6 epochs (its best at the end) while the train loss
    # falls 2.73 -> 1.25, faster at the end (called healthy at its blind set's first score).
    report = diagnose_run(public_run("csv-speech-cls-smallval-mohamedazzim"))
    assert report.verdict == "still_improving"
    assert only_finding(report, "still_improving").evidence["cue"] == "train_tail"


def test_a_train_loss_exactly_zero_from_its_first_step_computed_nothing() -> None:
    # A public LLM fine-tune's HF log history saved as CSV (SOURCE.txt): the loss is 0.0 at all
    # 40 steps while grad_norm and eval_loss are empty (NaN): HF's nan filter logs NaN losses
    # as 0 (called healthy at its blind set's first score).
    report = diagnose_run(public_run("csv-llm-zero-loss-tariqidris7"))
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert finding.evidence["cue"] == "zero_from_start"
    assert "logging_nan_inf_filter" in " ".join(finding.advice)


def test_a_val_accuracy_two_images_below_its_best_on_a_small_set_is_not_overfitting() -> None:
    # A public EfficientNet's SummaryWriter log (SOURCE.txt): val accuracy on ~60 images moves
    # in steps of 1/60; 0.867 at epoch 6, then 0.833 three times while the train loss fell
    # 0.45 -> 0.37. Two images are the set's grain (called overfitting at its blind set's first
    # score, a healthy run).
    log = curvecli.load_runs(DATA / "public" / "tb-effnet-smallval-nobleezit").runs[0]
    report = diagnose_run(log)
    assert not [f for f in report.findings if f.code == "overfitting"]
    assert report.verdict == "healthy"


def test_a_yolo_score_whose_val_loss_parts_all_still_fall_is_still_improving() -> None:
    # A public YOLO segmentation results.csv (SOURCE.txt), stopped after 15 epochs: the fitness
    # ends at its best (0.42 -> 0.46 over the last 5 epochs, 6% of its gain, under the tail
    # test's 8%), while every val loss part (box, seg, cls, dfl) falls at every epoch to a
    # best at the last one (val seg loss 3.73 -> 2.84, 12% of that in the last third).
    report = diagnose_run(public_run("yolo-seg-dental-still-kerollosl"))
    assert report.verdict == "still_improving"
    (finding,) = [f for f in report.findings if f.code == "still_improving"]
    assert finding.evidence["cue"] == "losses_tail" and finding.series.startswith("val/")


def test_a_val_loss_climbing_steadily_off_its_best_is_overfitting_after_a_steep_drop() -> None:
    # A public GPT-Neo fine-tune's W&B run (SOURCE.txt; its eval and train losses exported):
    # eval loss 6.19 at its first evaluation, best 0.962 at step 14,500, then higher at every
    # one of 34 evaluations, to 1.133, while the train loss fell to 0.034. The rise is 18% of
    # the best level but 3% of a drop made steep by the untrained first evaluation.
    report = diagnose_run(public_run("export-gptneo-poem-overfit-duydatnguyen11"))
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 14500


def test_a_val_loss_swinging_under_a_steady_accuracy_is_not_erratic() -> None:
    # A public drowsiness classifier's CSV (SOURCE.txt), 26 epochs: val loss 0.19 -> 0.036 with
    # one-epoch jumps to 0.12 at epochs 11 and 22, back the next epoch; val accuracy 0.946 ->
    # 0.987, its swings under 2% of its scale; train loss smooth. A confident model's loss
    # moved with a few predictions; the training was not unstable.
    report = diagnose_run(public_run("csv-drowsiness-valspikes-bhavitha"))
    assert report.verdict not in {"erratic", "overfitting", "diverging"}
    assert "erratic" not in {f.code for f in report.findings}


def test_a_run_logged_in_chinese_is_judged_on_its_val_loss() -> None:
    # A public Lightning metrics.csv (SOURCE.txt) whose columns are 训练/损失 (train/loss),
    # 验证/损失 (val/loss), 验证/准确率 (val/accuracy): none had been read as a split or a
    # measure, and the run was judged on its train accuracy (called underfitting). Val loss
    # 0.472 at its best (step 1799) rises to 0.725 while the train loss falls 0.51 -> 0.19.
    report = diagnose_run(public_run("lightning-meme-cot-hanklee1"))
    assert report.monitored == "val/loss"
    assert report.verdict == "overfitting"


def test_every_score_frozen_from_the_first_evaluation_is_underfitting() -> None:
    # A public surgical-instrument segmentation's CSV (SOURCE.txt), 59 epochs: test IoU 0.0216
    # and Dice 0.0838 (and mIoU) the same to the 7th digit at every epoch while the test loss
    # falls 0.245 -> 0.021 on the easy background pixels: no prediction ever changed.
    report = diagnose_run(public_run("csv-sar-rarp50-instrument-seg-msalam"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "accuracy_frozen"


def test_every_error_measure_frozen_beside_the_val_loss_is_underfitting() -> None:
    # A public Lightning forecaster's metrics.csv (SOURCE.txt; its hparams.yaml left out), 10
    # epochs: val MAE 0.1667 and RMSE 0.4082 at every epoch, MAPE and sMAPE within 0.6%, while
    # the val loss dips to 0.141 and comes back to 0.1667: its output never changed.
    report = diagnose_run(public_run("lightning-forecast-rpribau"))
    assert report.monitored == "val/loss"
    assert report.verdict == "underfitting"
    finding = only_finding(report, "underfitting")
    assert (finding.series, finding.evidence["cue"]) == ("val/mae", "accuracy_frozen")
    assert "predictions never changed" in finding.message


def test_a_per_iteration_loss_falling_tenth_by_tenth_under_batch_noise_is_not_erratic() -> None:
    # A public Fast-SCNN segmentation console (SOURCE.txt; its first 3,500 lines, 24 epochs):
    # the per-iteration train loss, logged every 10 iterations, bounces by 0.23 (spikes to 3)
    # about a trend that falls a little in each tenth of the run. Batch noise on a model
    # learning, called erratic (and "lower the learning rate") on the loss alone.
    report = diagnose_run(public_run("text-fastscnn-cuber-wei"))
    assert report.monitored == "train/loss"
    assert report.verdict == "healthy"
    assert "erratic" not in {f.code for f in report.findings}


def test_an_accuracy_flat_near_its_ceiling_from_its_first_log_is_not_underfitting() -> None:
    # A public MMClassification cat/dog fine-tune's TensorBoard "Accuracy" (SOURCE.txt), 1,279
    # points at 98.5-99.3% from the first, drifting 0.3 points down: it learned before the
    # log began, called underfitting ("never went up") for ending no higher than it started.
    report = diagnose_run(public_run("tb-catdog-accuracy-Brian417-cup"))
    assert report.monitored == "train/accuracy"
    assert report.verdict == "healthy"


def test_a_run_stopped_at_its_best_a_fifth_of_the_way_to_its_planned_end_is_cut_short() -> None:
    # A public face-emotion CNN's console (SOURCE.txt), three trainings of "Epoch [e/50]": the
    # third stopped at epoch 11 of 50 with its val loss 1.88 -> 1.21, lowest at the last
    # epoch. Its tail bounced (1.313, 1.389, 1.234, 1.210), too short to pass the slope test.
    logs = curvecli.load_runs(DATA / "public" / "text-face-emotion-adityaj87").runs
    (third,) = [log for log in logs if log.run.endswith("/session=3")]
    report = diagnose_run(third)
    assert report.verdict == "still_improving"
    finding = only_finding(report, "still_improving")
    assert finding.evidence["cue"] == "cut_short"
    assert finding.evidence["planned_from"] == "epochs = 50 epochs"
    assert finding.evidence["share_of_plan"] == pytest.approx(11 / 50)


def test_a_coco_evaluation_is_judged_on_its_ap_over_iou_050_to_095_as_a_score() -> None:
    # A public YOLOX run's TensorBoard (SOURCE.txt): val/COCOAP50 and val/COCOAP50_95 only,
    # 20 epochs. "COCOAP50" had read as a loss (the "ap" glued to "coco"), its rise from 0.77
    # to 0.99 called overfitting; AP50_95, COCO's primary measure, climbs 0.60 -> 0.93.
    report = diagnose_run(public_run("tb-yolox-tkp153"))
    assert report.monitored == "val/cocoap50_95"
    assert report.verdict == "healthy"


def test_a_learning_rate_is_never_judged_when_nothing_else_is_long_enough() -> None:
    # A public DETR log.txt (SOURCE.txt): five epochs, then a relaunch of two, whose series
    # are judged alone; only the learning rate had four points. It had been judged (a constant
    # 1e-4 "never got far below its initial level": underfitting).
    report = diagnose_run(public_run("json-detr-moqixis"))
    assert report.verdict == "insufficient_data"
    assert report.monitored is None
    assert "and 88 more" in report.notes[0]


def test_a_fine_tune_stopped_at_a_new_best_a_ninth_of_the_way_is_cut_short_not_underfit(
) -> None:
    # A public LM fine-tune's trainer_state.json (SOURCE.txt), checkpoint 2,500 of max_steps
    # 22,486: train loss 3.303, 3.145, 3.107, 3.104, 3.050, a new best at the last log. Its
    # 8% fall read as "nothing was learned"; the run was stopped early, not stuck.
    report = diagnose_run(public_run("trainer_state-lm-finetune-Hristo-Karagyozov"))
    assert report.verdict == "still_improving"
    assert only_finding(report, "still_improving").evidence["cue"] == "cut_short"


def test_a_val_loss_bouncing_at_a_thousandth_beside_a_saturated_accuracy_is_no_divergence(
) -> None:
    # A public log-anomaly classifier's Keras history (SOURCE.txt), 10 epochs: val accuracy
    # 0.9995-0.9999 throughout while its val loss jumps 0.0006 -> 0.012 and back twice; train
    # 0.0009-0.0012. Called diverging ("val ran away") for ending 4x its best.
    report = diagnose_run(public_run("keras-log-anomaly-Nandini162003"))
    assert report.monitored == "val/loss"
    assert report.verdict not in {"diverging", "overfitting"}


def test_a_train_loss_pinned_at_ln_2_is_underfitting() -> None:
    # A public IMDB transformer's W&B run (SOURCE.txt; its per-batch train loss exported):
    # 1.0 and 2.5, then 0.2 and 0.01 over the first steps, then 0.69 +- 0.1 for 2,900 steps: a
    # binary classifier back at guessing (ln 2), called healthy.
    report = diagnose_run(public_run("export-imdb-transformer-chance-aorvieto"))
    assert report.verdict == "underfitting"
    assert only_finding(report, "underfitting").evidence["cue"] == "loss_at_chance"


def test_a_log_of_a_late_epoch_alone_is_no_erratic_training() -> None:
    # A public console log (SOURCE.txt) that holds only "Epoch [6/6], Step [10/1549] ..." lines:
    # the last epoch of a six-epoch run, its per-batch loss bouncing 0.02-0.15 about 0.05 and
    # one val point. It starts after its training did: there is no untrained start to call its
    # batch noise a lack of progress against (it was called erratic and underfitting).
    report = diagnose_run(public_run("text-driver-distraction-allensaldanha"))
    assert report.verdict not in {"erratic", "overfitting", "diverging", "underfitting"}
    assert not {"erratic", "underfitting"} & {f.code for f in report.findings}


def test_a_run_at_its_planned_end_with_nothing_left_to_gain_is_not_still_improving() -> None:
    # A public LLaMA fine-tune's trainer_state.json (SOURCE.txt), checkpoint 1000 of max_steps
    # 1064: train loss 1.85 -> 1.64 by step 600, then 1.672, 1.662, 1.648, 1.647. Its tail
    # still slopes down, but the forecast to the planned end gains nothing measurable: the run
    # is at the end of its schedule, not cut short.
    report = diagnose_run(public_run("trainer_state-llama-rprog-matthewwhite1"))
    assert report.verdict == "healthy"
    assert "still_improving" not in {f.code for f in report.findings}


def test_a_run_at_its_planned_end_gaining_a_sliver_of_what_it_learned_is_not_still_improving(
) -> None:
    # A public NER fine-tune's trainer_state.json (SOURCE.txt), step 5,000 of max_steps 5,268:
    # train loss 0.154 -> 0.008 in steps at each epoch. The forecast to its planned end gains
    # 0.0007, half a percent of the 0.146 it learned: the schedule is done, not cut short.
    report = diagnose_run(public_run("trainer_state-ner-jd-dmcheon"))
    assert report.monitored == "train/loss"
    assert report.verdict == "healthy"
    assert "still_improving" not in {f.code for f in report.findings}


def test_a_training_resumed_fit_after_fit_is_judged_whole() -> None:
    # fastai's CSVLogger(append=True) over 20 chained fits of one model (tests/data/csv, its
    # SOURCE.txt): val loss 0.0139 -> best 0.0084 at epoch 7, then a steady climb to 0.0121
    # over 190 epochs while the train loss falls 0.033 -> 0.0052. Read as 20 trainings of 10
    # epochs each, every one looked flat; read as one, it overfits.
    (log,) = curvecli.load_runs(DATA / "csv" / "csv-fastai-appended-fits-chfc-cmi").runs
    report = diagnose_run(log)
    assert report.verdict == "overfitting"
    assert only_finding(report, "overfitting").step == 7


def test_a_nan_train_loss_beside_an_evaluation_at_chance_diverged() -> None:
    # A public ST-GCN console (tests/data/text, SOURCE.txt): the train loss nan from epoch 0,
    # the evaluation every 5 epochs at ln(400) = 5.99, chance for 400 classes. Read apart, the
    # nan is the training's: diverging (it was underfitting, both losses in one series).
    (log,) = curvecli.load_runs(DATA / "text" / "stgcn-eval-epoch-heading-byebyechen").runs
    report = diagnose_run(log)
    assert report.verdict == "diverging"


def test_one_evaluation_classifying_well_vouches_that_a_short_fine_tune_learned() -> None:
    # A public fine-tune's trainer_state.json (SOURCE.txt): four train-loss logs 0.68 -> 0.63,
    # near ln 2, and one evaluation at accuracy 0.965. Too few evaluations to judge, but the
    # one there classifies well: the loss near chance is no proof that nothing was learned.
    report = diagnose_run(public_run("trainer_state-one-eval-seqcls-matthewsolomo"))
    assert report.verdict != "underfitting"
    assert "underfitting" not in {f.code for f in report.findings}


def test_batch_noise_far_below_an_untrained_first_point_is_no_erratic_training() -> None:
    # A TF Estimator's train loss alone (tests/data/tensorboard, SOURCE.txt): 3.13 at step 1,
    # then heavy-tailed batches of 0.0001-0.9 about 0.01 for 40,000 steps. They jump by twice
    # their level, but by 0.7% of the drop from the untrained first point: batch noise of a
    # model that learned (it was called erratic against the first tenth's median, 0.036).
    (log,) = curvecli.load_runs(DATA / "tensorboard" / "estimator-heavy-tail-integrals-belkius"
                                ).runs
    report = diagnose_run(log)
    assert report.verdict in {"healthy", "loss_spike"}
    assert "erratic" not in codes(report)


def test_a_blip_a_hundredth_of_the_first_drop_decides_nothing() -> None:
    # A TF Estimator's train loss alone (tests/data/tensorboard, SOURCE.txt): 0.51 at step 1,
    # about 2e-5 from step 3,000, one batch at 0.0038 at step 4,501: 145 times its level, but
    # 0.75% of what the loss came down. Reported, as info; the run is healthy.
    (log,) = curvecli.load_runs(
        DATA / "tensorboard" / "estimator-blip-at-1e-5-chemloop-tienlinhsieh").runs
    report = diagnose_run(log)
    assert report.verdict == "healthy"
    assert only_finding(report, "loss_spike").severity == "info"


def test_the_validation_of_best_pt_after_training_is_not_the_last_epochs() -> None:
    # Ultralytics YOLOv8-seg's TensorBoard scalars (tests/data/tensorboard, SOURCE.txt): at step
    # 50 the metrics are written twice, the 50th epoch's (mAP50-95(M) 0.405) and then the final
    # validation of best.pt (0.441). The epoch's value is the curve's last point.
    (log,) = curvecli.load_runs(
        DATA / "tensorboard" / "yolov8seg-final-eval-underwater-harshitmalik22").runs
    series = extract(log.frame)["val/map50-95(m)"]
    assert series.steps.tolist()[-2:] == [49, 50]
    assert series.values[-1] == pytest.approx(0.40483, rel=1e-4)


def test_one_epoch_thrown_a_thousandfold_and_back_is_a_spike_not_erratic_training() -> None:
    # A public Keras history (SOURCE.txt): a melanoma CNN's val loss 0.19-0.25 over 8 epochs
    # but 1,487 at epoch 4, back to 0.22. Its point-to-point jumps are that one spike's: without
    # its points too few are left to call the run erratic (it was called erratic).
    report = diagnose_run(public_run("keras-melanoma-one-epoch-spike-datascisteven"))
    assert report.verdict == "loss_spike"
    assert "erratic" not in codes(report)


def test_a_batch_loss_bouncing_up_while_every_evaluation_improved_did_not_diverge() -> None:
    # A TF Estimator's summed train loss (tests/data/tensorboard, SOURCE.txt): 5,650 at step 1,
    # then 9-20 by batch, its last point 20 above a trend floor of 9. Its three evaluations
    # ended at their best (loss 8.99, 11.96, 4.59; accuracy 0.90 -> 0.98): the model at the end
    # is the best they saw, nothing was lost (it was called diverging).
    (log,) = curvecli.load_runs(DATA / "tensorboard" / "estimator-three-evals-stirlingcarter"
                                ).runs
    report = diagnose_run(log)
    assert report.verdict == "healthy"
    assert "diverging" not in codes(report)


def test_a_held_out_measure_of_no_known_direction_is_judged_after_the_train_loss() -> None:
    # A public Lightning log (SOURCE.txt): an RNA generator with no val loss; its first val
    # measure, avg_c4_bond_dists, a bond distance with a target, rises 4.86 -> 6.1 and holds.
    # Read as a loss it "overfits"; nothing says which way is better, so the train loss
    # (5.99 -> 0.2, flat) is judged (it was called overfitting).
    report = diagnose_run(public_run("lightning-unnamed-val-metric-rna-beautifulpie"))
    assert report.monitored == "train/loss"
    assert report.verdict == "healthy"


def test_a_held_out_cross_entropy_named_as_such_is_a_val_loss() -> None:
    # A public next-token model's CSV (SOURCE.txt): no column named loss on val, but val_ppl
    # and val_mean_ce beside top-1/3/5 accuracies. The cross-entropy is its val loss: best
    # 1.486 at epoch 6, then up to 1.755 while train falls 3.02 -> 0.88 (it was judged on
    # val top-1 and called healthy).
    report = diagnose_run(public_run("csv-next-token-ce-ppl-sudipa45"))
    assert report.monitored in {"val/perplexity", "val/mean_ce"}
    assert report.verdict == "overfitting"


def test_an_online_rl_fine_tune_is_judged_on_its_reward() -> None:
    # A public TRL GRPOTrainer state (SOURCE.txt): no evaluation; its policy loss stays about
    # 0 (-0.16 to 0.03 over 50 logs: the advantages are centred in each group of completions)
    # and says nothing, while its mean reward, logged beside reward_std, swings -1.15 to 2.09
    # with no trend (it was judged healthy on that loss).
    report = diagnose_run(public_run("trainer_state-grpo-reward-chaos-economy-rusheel86"))
    assert report.monitored == "reward"
    assert report.verdict == "underfitting"


def test_a_reward_drifting_up_under_larger_noise_moved() -> None:
    # A public GRPO run's state (SOURCE.txt, cut to the keys read): its policy loss is 0.0 at
    # 792 of 1,000 logs; its reward scatters by 0.19 while its tenths' medians go 0.19, 0.13,
    # ... 0.31: 7 standard errors of a straight line up. Under 3 noise sigmas of gain, but a
    # drift no noise makes (it was judged underfitting on that loss).
    report = diagnose_run(public_run("trainer_state-grpo-reward-drift-ijinyu1113"))
    assert report.monitored == "reward"
    assert report.verdict != "underfitting"
    assert "underfitting" not in codes(report)


def test_a_train_loss_jump_while_val_reaches_its_best_is_no_divergence() -> None:
    # A public Ultralytics run (SOURCE.txt, its second session): close_mosaic turns mosaic
    # augmentation off for the last 10 epochs, and the train box loss jumps 0.63 -> 1.33 at
    # epoch 91 and stays there, while val mAP50-95 keeps climbing to its best (fitness 0.609 at
    # epoch 84, 0.566 mAP50-95 at epoch 99). The model got no worse (it was called diverging).
    runs = curvecli.load_runs(DATA / "public" / "yolo-close-mosaic-seabass-chrisessomba").runs
    report = diagnose_run(runs[1])
    assert report.monitored == "val/fitness"
    assert report.verdict == "healthy"
    assert "diverging" not in codes(report)


def test_a_train_loss_that_climbed_fivefold_and_stayed_up_diverged() -> None:
    # A public text classifier's CSV (SOURCE.txt): loss 1.39-1.91 over its first 8 epochs,
    # then 4.0, 10.7, 31.1, 52.0 and 8.6-36.1 to epoch 30, its F1 from 0.36 to 0.05-0.17. Its
    # bounces are too large for lost_progress to see a rise beyond its noise (it was called
    # underfitting).
    report = diagnose_run(public_run("csv-loss-climbed-textclf-coder-glitche"))
    assert report.verdict == "diverging"
    assert only_finding(report, "diverging").evidence["cue"] == "climbed"


def test_a_train_batch_no_higher_than_earlier_ones_is_no_spike_val_confirms() -> None:
    # A public forecaster's Lightning CSV (SOURCE.txt): its per-50-step train loss bounces
    # 4e-6 to 3.5e-5 about 1.5e-5, and at step 599 logs 3.2e-5, below two earlier batches at
    # that level; its val loss bounces 7e-6 -> 1.6e-5 two evaluations later, as it does
    # elsewhere. The val bump confirmed an ordinary batch as a spike (it was called loss_spike).
    report = diagnose_run(public_run("lightning-forecast-ordinary-batch-bossdebitbotz"))
    assert report.monitored == "val/loss"
    assert report.verdict == "healthy"
    assert "loss_spike" not in codes(report)


def test_a_binary_classifier_that_levelled_off_a_quarter_down_is_not_stalled_high() -> None:
    # A public ResNet152 binary classifier (SOURCE.txt): val loss 0.693 -> 0.52 by epoch 20,
    # then 0.513-0.524 to epoch 59 while val accuracy went 50% -> 75-77%. It learned 23% of
    # its initial loss and levelled off: a hard task's level, not a model that stalled high
    # (stalled_high fires under 17.5%; it was called underfitting under the old 35%).
    report = diagnose_run(public_run("csv-stalled-binary-resnet152-lokendra2244"))
    assert report.monitored == "val/loss"
    assert report.verdict == "healthy"
    assert "underfitting" not in codes(report)


def test_a_score_that_held_its_value_is_not_still_improving_on_train() -> None:
    # A public chest X-ray classifier's per-epoch CSV (SOURCE.txt): no val loss; val accuracy
    # 86.9% -> 99.29% at epoch 6, then 99.29% at each of epochs 7-10 while the train loss
    # fell 0.065 -> 0.031. Whatever train still gains does not reach the score (it was called
    # still_improving on the train loss).
    report = diagnose_run(public_run("csv-cxr-accuracy-held-aiscend-research"))
    assert report.monitored == "val/accuracy"
    assert report.verdict == "healthy"
    assert "still_improving" not in codes(report)


def test_an_auc_at_zero_at_every_epoch_was_never_computed() -> None:
    # The first of a public Keras log's appended runs (SOURCE.txt): auc and val_auc are 0.0 at
    # each of its 5 epochs while val_loss falls 0.0785 -> 0.0063. A model ranking at random
    # scores 0.5; 0.0 everywhere is a metric never computed (it was called underfitting, its
    # AUC "at chance").
    report = diagnose_run(public_run("keras-auc-never-computed-rvdorokhov"))
    assert report.monitored == "val/loss"
    assert "underfitting" not in codes(report)


def test_a_train_loss_logged_from_a_late_epoch_has_no_untrained_level() -> None:
    # A public captioner's console (SOURCE.txt, cut): "Epoch [2/2], Step [1/12942], Loss:
    # 2.3066" is its first line; the loss drifts to about 2.1 under batch noise. Its first
    # point is a trained model's, so "learned under 10% of it" says nothing (it was called
    # underfitting, learned_nothing).
    report = diagnose_run(public_run("text-captioner-joined-late-3zadessg"))
    assert report.monitored == "train/loss"
    assert "underfitting" not in codes(report)


def test_a_re_validation_after_three_evaluations_is_left_out() -> None:
    # A public Lightning MNIST run (SOURCE.txt): val_loss 0.277, 0.215, 0.176 at steps 781,
    # 1563 and 2345, then trainer.validate's 0.176 again at step 2346. The repeat is no
    # fourth evaluation (it was kept, and the run judged on a val "at its best" twice).
    report = diagnose_run(public_run("lightning-revalidated-three-evals-boku13"))
    assert any("re-validation" in note and "2346" in note for note in report.notes)


def test_a_few_evaluation_val_loss_still_cutting_a_sixth_per_epoch_is_still_improving() -> None:
    # The same Keras run (SOURCE.txt): val_loss 0.0785, 0.0222, 0.0121, 0.0083, 0.0063, 24%
    # off at its last epoch; the file's next run resumes it and goes on to 0.0021. Five points
    # are too few for the tail slope to beat the steep first drop (it was called healthy).
    report = diagnose_run(public_run("keras-auc-never-computed-rvdorokhov"))
    assert report.verdict == "still_improving"
    assert only_finding(report, "still_improving").evidence["cue"] == "last_steps"


def test_a_linear_model_at_chance_is_underfitting_with_its_loss_scaled() -> None:
    # Corpus test split, Keras CSVLogger: a linear model on concentric circles, val loss
    # 0.795 -> 0.69 (31% of its initial loss learned) while val accuracy stays 0.48. With
    # every loss x10 no chance level is known (e to the loss is no class count), and the
    # accuracy that never rose holds stalled_high's bar at 35% (it became healthy at 17.5%).
    log = corpus_run("keras_csv/circles/underfitting-linear-s1")
    assert diagnose_run(log).verdict == "underfitting"
    assert diagnose_run(transformed(log, "scale")).verdict == "underfitting"


def test_three_evaluations_still_cutting_a_sixth_each_are_still_improving() -> None:
    # The same Lightning MNIST run: judged on its train loss, since val_loss has 3 evaluations
    # (0.277, 0.215, 0.176 once the re-validation is left out), each 18-22% below the one
    # before. Too few to judge a curve on, enough to see the run stopped while it improved
    # (it was called healthy).
    report = diagnose_run(public_run("lightning-revalidated-three-evals-boku13"))
    assert report.verdict == "still_improving"
    finding = only_finding(report, "still_improving")
    assert finding.series == "val/loss" and finding.evidence["cue"] == "last_steps"


def test_a_train_loss_that_rose_when_an_adversarial_term_joined_did_not_diverge() -> None:
    # A public audio deepfake detector's CSV (SOURCE.txt): train_loss 0.115 -> 0.022 by epoch
    # 4, then 0.70 to the end once dann_lambda left 0 for 0.3 at epoch 5 (the domain-adversarial
    # term is added to it), while val EER fell 0.047 -> 0.002. The objective grew; the model
    # lost nothing (it was called diverging, lost_progress, a healthy run).
    report = diagnose_run(public_run("csv-dann-weight-ramp-rishiatweb"))
    assert report.verdict != "diverging"
    assert "diverging" not in codes(report)


def test_an_rl_log_is_judged_on_its_reward_by_episode() -> None:
    # A public RL log (SOURCE.txt): episode,reward_mean,delay_mean. The episode is the x;
    # read as a metric, its rise 1 -> 200 was called diverging. Its reward levelled off.
    report = diagnose_run(public_run("csv-gns-grad-rl-jpnlux"))
    assert report.monitored == "reward_mean"
    assert report.verdict == "healthy"


def test_a_wgan_critic_closing_its_distance_did_not_diverge() -> None:
    # A public WGAN (SOURCE.txt): critic loss -463 -> about -30 over 200 epochs, minus the
    # critic's distance estimate shrinking as the generator caught up (it was called diverging).
    report = diagnose_run(public_run("csv-wgan-aadityaramrame"))
    assert report.monitored == "train/critic_loss"
    assert "diverging" not in codes(report)


def test_a_grpo_kl_loss_rising_from_zero_did_not_diverge() -> None:
    # A public GRPO run (SOURCE.txt): its loss, a KL penalty, rose 0 -> 0.0008 with one spike
    # to 0.0027 at step 130 while the reward it optimised rose 0.43 -> 1.54 (it was called
    # diverging on the loss). The spike stays.
    report = diagnose_run(public_run("hf-gemma3-grpo-abdo-ashraf"))
    assert report.monitored == "reward"
    assert "diverging" not in codes(report)
    assert report.verdict == "loss_spike"
    assert only_finding(report, "loss_spike").step == 130


def test_a_score_that_collapsed_as_a_loss_went_infinite_diverged() -> None:
    # A public YOLO segmenter (SOURCE.txt): val cls loss inf at epochs 20-27, train cls loss
    # 7.5 -> 30-120, mAP50-95 0.197 -> 0.0015 to the end (it was called healthy).
    report = diagnose_run(public_run("yolo-seg-mask-daohuutu"))
    assert report.verdict == "diverging"
    finding = next(f for f in report.findings if f.code == "diverging")
    assert finding.evidence["cue"] == "metric_collapsed"


def test_a_stable_baselines_run_is_judged_on_its_episode_reward() -> None:
    # A public SB3 PPO progress.csv (SOURCE.txt), no evaluation: rollout/ep_rew_mean climbs
    # 6 -> 28 while train/loss bounces about 0 (judged on the loss, it was called erratic).
    report = diagnose_run(public_run("sb3-driving-ppo-phnk"))
    assert report.monitored == "rollout/ep_rew_mean"
    assert report.verdict not in ("erratic", "diverging", "underfitting")


def test_a_val_loss_bouncing_beside_a_smooth_train_loss_is_not_erratic() -> None:
    # A public Keras CSVLogger file (SOURCE.txt): the train loss falls at every epoch,
    # 2.08 -> 0.44, while the val loss bounces 1.43-1.95 over the last 10 (swings of 13% of its
    # level): a small val set's noise, not unstable training (it was called erratic).
    report = diagnose_run(public_run("keras-custom-cnn-sngrajesh"))
    assert report.verdict not in ("erratic", "diverging")
    assert "erratic" not in codes(report)


@pytest.mark.parametrize("reward, judged", [
    ("avg_reward", "avg_reward"),  # a DQN's running mean per epoch: its return
    ("mean_reward", "train/loss"),  # beside a loss, a reward model's scores: no return
])
def test_an_rl_return_is_told_from_a_reward_model_score(tmp_path, reward: str,
                                                        judged: str) -> None:
    # A DQN's Lightning log names its return "avg_reward" (public set 234); TRL's reward
    # model trainer logs "mean_reward", the mean of its outputs, beside the loss it minimises.
    rows = [f"{e},{1.0 / (e + 1):.4f},{-20 + e:.1f}" for e in range(12)]
    path = tmp_path / "log.csv"
    path.write_text(f"epoch,train_loss,{reward}\n" + "\n".join(rows) + "\n")
    report = diagnose_run(curvecli.load_runs(path).runs[0])
    assert report.monitored == judged


def test_a_run_stopped_within_its_first_epoch_is_insufficient_data() -> None:
    # A public Lightning log (SOURCE.txt): 5 per-step train losses, all at epoch 0, no
    # evaluation. A smoke test stopped before its first epoch ended (it was called healthy).
    report = diagnose_run(public_run("lightning-robotics-martins6"))
    assert report.verdict == "insufficient_data"
    assert any("before its first epoch ended" in note for note in report.notes)


def test_a_dqn_is_judged_on_its_finished_episodes_total() -> None:
    # Lightning's DQN example (SOURCE.txt): total_reward, the last finished episode's return,
    # climbs 13 -> 200 (CartPole's cap); "episode reward" is the sum so far of the episode under
    # way (judged on it, the run was called underfitting).
    report = diagnose_run(public_run("lightning-dqn-cartpole-silvesteryu"))
    assert report.monitored == "total_reward"
    assert report.verdict == "healthy"


def test_a_val_accuracy_swinging_a_tenth_of_its_scale_is_erratic() -> None:
    # A public Keras fine-tune (SOURCE.txt): the train loss falls smoothly 0.063 -> 0.013 while
    # the val accuracy jumps 0.50, 0.40, 0.48, 0.68, 0.52, 0.48, 0.81, 0.70, 0.39, 0.40, 0.64
    # and the val loss 0.92-2.50 with it: the predictions change wholesale at each epoch (it
    # was called healthy, its val loss swinging 31% of its level).
    report = diagnose_run(public_run("keras-sign-lang-ft-damatie"))
    assert report.verdict == "erratic"
    finding = next(f for f in report.findings if f.code == "erratic")
    assert finding.evidence["cue"] == "accuracy"
    assert finding.evidence["accuracy_jumps"] >= 0.1


def test_three_points_after_the_best_have_a_scatter() -> None:
    # Three points about their least-squares line leave residuals r, -2r, r, whose median
    # deviation is 0 whatever r is: every rise over three evaluations beat a zero noise.
    assert robust.scatter_around_line(np.array([0.1016, 0.1585, 0.1036])) > 0.04
    assert robust.scatter_around_line(np.array([0.1, 0.2, 0.3])) == pytest.approx(0.0)


def test_a_val_loss_three_evaluations_past_a_noise_dip_is_not_overfitting() -> None:
    # A public Keras MNIST CNN (SOURCE.txt): val loss 0.29, 0.46, 0.66, 0.15 ... 0.41, best
    # 0.087 at epoch 11, then 0.102, 0.159, 0.104 while train fell smoothly: the end sits in
    # the val noise of the best (it was called overfitting, "rose 29%").
    report = diagnose_run(public_run("keras-mnist-cnn-kishore-s-15"))
    assert report.verdict == "healthy"
    assert "overfitting" not in codes(report)


def test_a_forecast_that_lags_a_falling_val_loss_does_not_end_its_improvement() -> None:
    # A public HF checkpoint (SOURCE.txt) at step 3,500 of 3,960: the val loss fell at each of
    # 35 evaluations, 4.02 -> 1.708, 29% of it over the last third. Under the decaying learning
    # rate the forecast sat at 1.80 from the last step on, worse than the curve's end: it lags
    # the fall, so it cannot say the run was at the end of its schedule (it was called healthy).
    report = diagnose_run(public_run("hf-shakespeare-gpt-anishamahuli"))
    assert report.verdict == "still_improving"


def test_a_val_loss_that_stepped_up_and_never_came_back_overfitted() -> None:
    # A public two-head Keras model (SOURCE.txt): val loss 2.31, 2.36, 2.13, 2.23, 2.20, best
    # 1.97 at epoch 5, then 19 epochs at 2.59-6.02 while its train loss fell 0.41 -> 0.11. The
    # scatter after the best is wide, but not one evaluation came back to where val had been
    # (it was called healthy: its median rise was inside 2.75 standard errors of that scatter).
    report = diagnose_run(public_run("keras-fashion-multitask-brunacussiol"))
    assert report.verdict == "overfitting"
    assert next(f for f in report.findings if f.code == "overfitting").step == 5
