"""The one name table: every spelling in DESIGN.md and FORMATS.md lands on its series."""

from __future__ import annotations

import pytest

from curvecli.names import normalise, series_name

CASES = [
    # Lightning with on_step and on_epoch: val's epoch variant is the val curve, its step
    # variant one point per validation batch; train's step variant is the train curve
    ("val_loss_epoch", None, "val", "loss"),
    ("val_loss_step", None, "val", "loss_step"),
    ("train_loss_step", None, "train", "loss"),
    ("train_loss_epoch", None, "train", "loss_epoch"),
    # SummaryWriter tags naming the split with the granularity of its points (a public run)
    ("Loss/Val_Epoch", None, "val", "loss"),
    ("Loss/Train_Epoch", None, "train", "loss_epoch"),
    ("loss/train_batch", None, "train", "loss"),
    ("Loss/Test_Batch", None, "test", "loss_step"),
    # hand-written CSV headers in camel case (a public CV run: TrainLoss, ValLoss, ValSpearman)
    ("TrainLoss", None, "train", "loss"),
    ("ValLoss", None, "val", "loss"),
    ("ValSpearman", None, "val", "spearman"),
    ("valAcc", None, "val", "accuracy"),
    # abbreviated splits of a hand-written history (a public run's
    # epoch,tr_loss,tr_acc,vl_loss,vl_acc,lr: its val read as a second train curve)
    ("vl_loss", None, "val", "loss"),
    ("vl_acc", None, "val", "accuracy"),
    ("tr_loss", None, "train", "loss"),
    ("trn_loss", None, "train", "loss"),
    ("tst_acc", None, "test", "accuracy"),
    ("loss_vl", None, "val", "loss"),
    ("mAP", None, "", "map"),
    # DESIGN.md's examples
    ("eval_loss", None, "val", "loss"),
    ("eval/loss", None, "val", "loss"),
    ("val_loss", None, "val", "loss"),
    ("valid_loss", None, "val", "loss"),
    ("validation_loss", None, "val", "loss"),
    ("Loss/val", None, "val", "loss"),
    ("loss/validation", None, "val", "loss"),
    ("loss", None, "train", "loss"),
    ("train/loss", None, "train", "loss"),
    ("train_loss", None, "train", "loss"),
    ("Loss/train", None, "train", "loss"),
    # YOLO, multi eval sets, Lightning, Keras
    ("val/box_loss", None, "val", "box_loss"),
    ("metrics/mAP_0.5", None, "val", "map_0.5"),
    ("eval_g0_loss", None, "val", "g0_loss"),
    ("eval_g5_accuracy", None, "val", "g5_accuracy"),
    ("train_loss_step", None, "train", "loss"),
    ("train_loss_epoch", None, "train", "loss_epoch"),
    ("epoch_loss", "validation", "val", "loss"),
    ("epoch_loss", "train", "train", "loss"),
    ("epoch_accuracy", None, "train", "accuracy"),
    ("acc", None, "train", "accuracy"),
    ("val_acc", None, "val", "accuracy"),
    ("test_loss", None, "test", "loss"),
    ("predict_rouge-1", None, "test", "rouge-1"),
    ("Train loss", None, "train", "loss"),
    ("Validation accuracy", None, "val", "accuracy"),
    ("Logloss", "learn", "train", "logloss"),
    ("loss", "val", "val", "loss"),
    # run-level series, whatever prefix the writer added
    ("learning_rate", None, "", "learning_rate"),
    ("train/learning_rate", None, "", "learning_rate"),
    ("lr", None, "", "learning_rate"),
    ("lr-Adam", None, "", "learning_rate"),
    ("x/lr0", None, "", "learning_rate"),
    ("x/lr2", None, "", "learning_rate_pg2"),
    ("train/grad_norm", None, "", "grad_norm"),
    ("train/epoch", None, "", "epoch"),
    ("hp_metric", None, "", "hp_metric"),
    # unknown names are kept, lower-cased
    ("out_tensor([0.])", None, "", "out_tensor([0.])"),
    ("best_val_loss", None, "", "best_val_loss"),
    ("Reward", None, "", "reward"),
    # an aggregation word before the split word stays with the metric (a hand-written loop's
    # epoch means); Keras' epoch prefix is dropped as ever
    ("avg_val_loss", None, "val", "avg_loss"),
    ("Average Validation loss", None, "val", "average_loss"),  # words apart (a federated log)
    ("Average Testing loss", None, "test", "average_loss"),
    ("best val loss", None, "", "best val loss"),
    ("mean_train_acc", None, "train", "mean_acc"),
    ("Total_Valid_Loss", None, "val", "total_loss"),
    ("epoch_val_loss", None, "val", "loss"),
    ("running_val_loss", None, "", "running_val_loss"),
    # ... and so does a model head's name (a two-head Keras history, an MRI model's exposure
    # head); a running best or a final value is no curve of the split
    ("reg_val_loss", None, "val", "reg_loss"),
    ("exposure_train_loss", None, "train", "exposure_loss"),
    ("final_val_acc", None, "", "final_val_acc"),
    # the loss and the accuracy in other languages
    ("Perdua", None, "train", "loss"),
    ("val_pérdida", None, "val", "loss"),
    ("Genauigkeit", None, "train", "accuracy"),
    # Chinese splits and measures (a public Lightning metrics.csv: 训练/损失, 验证/准确率)
    ("验证/损失", None, "val", "loss"),
    ("训练/总损失", None, "train", "total_loss"),
    ("验证/准确率", None, "val", "accuracy"),
    ("测试/F1分数", None, "test", "f1_score"),
    ("学习率", None, "", "learning_rate"),
]


@pytest.mark.parametrize("tag, context, split, metric", CASES)
def test_normalise(tag: str, context: str | None, split: str, metric: str) -> None:
    assert normalise(tag, context) == (split, metric)


def test_series_name() -> None:
    assert series_name("val", "loss") == "val/loss"
    assert series_name("", "learning_rate") == "learning_rate"


@pytest.mark.parametrize("metric", ["spearman", "corr", "kappa", "ndcg@10", "mrr", "hits@10",
                                    "psnr", "ssim"])
def test_correlations_and_ranking_scores_are_higher_is_better(metric: str) -> None:
    from curvecli.analysis.series import lower_is_better

    assert not lower_is_better(metric)


@pytest.mark.parametrize("metric", ["log_probs", "log_prob", "log_likelihood", "elbo"])
def test_log_likelihoods_are_higher_is_better(metric: str) -> None:
    # sbi's SNPE logs the validation log-probability (a public run read it as a loss and called
    # a healthy fit diverging); a negative log-likelihood stays a loss.
    from curvecli.analysis.series import lower_is_better

    assert not lower_is_better(metric)
    assert lower_is_better(f"neg_{metric}") and lower_is_better("negative_log_likelihood")


@pytest.mark.parametrize("tag, split, metric", [
    ("finetuning/val_loss", "val", "finetuning/loss"),
    ("finetuning/train_loss", "train", "finetuning/loss"),
    ("pretrain/val/loss", "val", "pretrain/loss"),
    ("stage1/valid_loss", "val", "stage1/loss"),
])
def test_a_split_inside_a_namespaced_tag_is_found(tag: str, split: str, metric: str) -> None:
    # A stage or model name first, then the split: a public run logged finetuning/val_loss,
    # which was read with no split at all.
    assert normalise(tag) == (split, metric)


def test_yolov10_head_losses_are_losses() -> None:
    # YOLOv10's results.csv: the losses of its one-to-many ("om") and one-to-one ("oo") heads.
    assert normalise("train/box_om") == ("train", "box_loss_om")
    assert normalise("val/cls_oo") == ("val", "cls_loss_oo")
    assert normalise("train/dfl_om") == ("train", "dfl_loss_om")
    assert normalise("train/box_loss") == ("train", "box_loss")


def test_lightning_1_0_per_batch_values_inside_an_epoch_are_no_curve() -> None:
    # Lightning 1.0 logged ``valid_loss_step/epoch_0``, ``/epoch_1``: the loss of each val batch
    # inside one evaluation, stepped by batch. Judged as a curve it bounced (a FractalDB
    # pre-training with 2 evaluations was called erratic on it).
    from curvecli.names import is_curve_metric

    assert not is_curve_metric("loss_step/epoch_0")
    assert not is_curve_metric("valid_loss_step/epoch_12")
    assert is_curve_metric("loss_epoch")
    assert is_curve_metric("loss")


def test_tf1_queue_fill_levels_and_steps_per_second_are_no_curve() -> None:
    # TF1's input pipelines log how full their queues are (``batch/fraction_of_1280_full``,
    # ``input_producer/fraction_of_32_full``, 0.25 -> 1.0) and the Estimator logs
    # ``global_step/sec``: bookkeeping, not the model's quality (a CNN whose queue filled up
    # was judged on that "metric" as a loss that rose: diverging).
    from curvecli.names import is_curve_metric

    assert not is_curve_metric("batch/fraction_of_1280_full")
    assert not is_curve_metric("input_producer/fraction_of_32_full")
    assert not is_curve_metric("global_step/sec")
    assert is_curve_metric("losses/ce") and is_curve_metric("fraction_correct")
