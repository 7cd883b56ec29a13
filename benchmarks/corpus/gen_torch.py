"""Generate the torch / Lightning part of the labelled corpus (see README.md).

Writers: ``summarywriter`` (a plain torch loop + torch.utils.tensorboard.SummaryWriter),
``lightning_csv`` (LightningModule + Trainer + CSVLogger), ``lightning_tb`` (same with
TensorBoardLogger). Each recipe is a real cause (README "Regimes"); each run is read back
with curvecli and checked against its intended regime (``corpus_checks.py``), relabelled
or dropped when the curve says otherwise, and labelled into ``<corpus>/labels-torch.json``.

    python benchmarks/corpus/gen_torch.py [--only SUBSTRING] [--jobs 1] [--dry-run]
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

import tasks as tasks_mod  # noqa: E402
from tasks import (  # noqa: E402
    CORPUS,
    DEV24_LORA,
    TASK_SPLIT,
    BaseRecipe,
    dev19_loss,
    dev20_loss,
    dev21_loss,
    dev22_loss,
    dev23_loss,
    for_tasks,
    load_task,
    make_model,
    patched,
    pretrained_model,
)

LABELS = "labels-torch.json"
WRITERS = ("summarywriter", "lightning_csv", "lightning_tb")
TAG_STYLES = {  # summarywriter tag spellings: train loss, val loss, val metric, lr, grad norm
    "slash": ("train/loss", "val/loss", "val/{m}", "train/lr", "train/grad_norm"),
    "Loss": ("Loss/train", "Loss/val", "{M}/val", "LR", "GradNorm"),
    "lower": ("loss/train", "loss/val", "{m}/val", "lr", "grad_norm"),
    # seventh dev batch (fixed per recipe with Recipe.style, never rotated): a held-out set
    # called "test", and other common spellings of train / val
    "Loss_test": ("Loss/train", "Loss/test", "{M}/test", "LR", "GradNorm"),
    "lower_test": ("loss/train", "loss/test", "{m}/test", "lr", "grad_norm"),
    "slash_test": ("train/loss", "test/loss", "test/{m}", "train/lr", "train/grad_norm"),
    "underscore_test": ("train_loss", "test_loss", "test_{m}", "lr", "grad_norm"),
    "underscore_valid": ("train_loss", "valid_loss", "valid_{m}", "lr", "grad_norm"),
    "spaced": ("training loss", "validation loss", "validation {m}", "learning_rate", "grad_norm"),
    # ninth dev batch
    "underscore_val": ("train_loss", "val_loss", "val_{m}", "lr", "grad_norm"),
}
# seventh dev batch: SOURCE.txt (how_logged) and cause() say how the log was written
DEV7_TASKS = ("xor3d", "sparse_uncorr", "reverse_lm")
# eighth dev batch: logged the same ways (style / val_step / train_log per seed, how_logged)
DEV8_TASKS = ("lang_id", "friedman2", "rings")
# ninth dev batch: logged the same ways, plus a running mean of the train loss every N batches
# (train_log "running", the PyTorch tutorial's running_loss / N) and val every k epochs
DEV9_TASKS = ("classes20", "s_curve", "dyck_lm", "wave_cls")
# tenth dev batch: logged the same ways; multilabel is a new loss (BCE-with-logits, mean over the
# 8 labels: val_acc is the subset accuracy, val_f1 the micro-F1), copy_lm a per-token
# cross-entropy on the copied half only
DEV10_TASKS = ("digits_cnn", "multilabel", "friedman3", "copy_lm")
# eleventh dev batch: logged the same ways; fine-tunes (Recipe.pretrain: the body trained first,
# unlogged, on related data: tasks.pretrained_model), short runs of 8-15 per-epoch evals, and a
# task whose loss floor is high (noisy4: 28% of all labels flipped)
DEV11_TASKS = ("descr_lm", "digits_shift", "noisy4")
# twelfth dev batch: logged the same ways; model families and machinery unlike the earlier batches
# (a CNN on 16x16 gratings, an LSTM on token sequences, a 3-output regression), SGD with momentum
# and step decay, OneCycle, warm-up then linear decay, ReduceLROnPlateau, AdamW, gradient
# clipping, noise augmentation (Recipe.aug_noise), batch 4-8 long runs next to short ones
DEV12_TASKS = ("gratings", "seq_major", "multireg")
# thirteenth dev batch: logged the same ways; model families and machinery unlike the earlier
# batches (a bidirectional transformer tagging every token, kind "tagging", with val_f1 beside
# val_acc; a denoising autoencoder whose only loss is reconstruction MSE; a 1-D CNN on 4-label
# multi-label series), label smoothing (Recipe.smooth), a regulariser added to the logged train
# loss (Recipe.l2_loss), cosine with warm restarts (sched "restarts"), a frozen body unfrozen
# mid-run (Recipe.unfreeze_at), Lightning ModelCheckpoint on a val metric (Recipe.ckpt_monitor)
DEV13_TASKS = ("tok_tag", "denoise", "events")
# fourteenth dev batch: logged the same ways; the boundaries between verdicts on three model
# families unlike the earlier batches (a small ResNet with BatchNorm on 3-channel 24x24 images,
# a GRU forecasting series with a trend and a seasonality, a siamese encoder scoring pairs by
# the cosine of their embeddings): one recipe stopped at 20/40/70/100% of its planned schedule
# (Recipe.planned), one model at LRs from far too low to far too high, 0/20/40% flipped labels,
# 100/300/3000 train examples for a big model, LR bumps x3/x10/x50, batch 2/8/64
DEV14_TASKS = ("obj_rgb", "season_ts", "pair_sim")
# fifteenth dev batch: logged the same ways; trainings unlike the corpus: a heteroscedastic
# regression trained with a Gaussian NLL (torch.nn.GaussianNLLLoss: the loss goes negative, it
# has no natural zero; val_mae of the mean beside it), a hand-written GCN classifying generated
# graphs from their adjacency, a tiny transformer encoder predicting masked tokens (val_acc on
# the masked tokens, val_perplexity); train-only runs that log no validation at all
# (Recipe.no_val), a run resumed from a checkpoint whose steps continue (Recipe.resume_at /
# redo: the steps between the checkpoint and the crash are logged twice), gradient accumulation,
# eval every N steps, ReduceLROnPlateau, warm-up then linear decay; the boundaries between
# verdicts (cut at 20/40/70/100%, LR ladders, poisoned-batch ladders)
DEV15_TASKS = ("hetero_nll", "graph_cls", "mask_lm")
# sixteenth dev batch: logged the same ways; trainings judged on a score rather than the loss: a
# click-through-style binary task with categorical fields through embeddings (~16% positives;
# val_auc and val_f1 beside the loss), a tiny U-Net segmenting disks among squares (per-pixel
# BCE; val_dice and val_iou), a 1-D CNN / GRU on 3-axis accelerometer-like series (6 classes;
# val_acc and macro val_f1); ModelCheckpoint on the score, per-step / every-N / per-epoch /
# running-mean train logs, train-only runs, the boundaries between verdicts
DEV16_TASKS = ("ctr_embed", "seg_shapes", "activity")
# seventeenth dev batch: logged the same ways; trainings unlike the corpus: an age-like ordinal
# regression judged on its MAE (in decades), a recommendation-style matrix factorisation on
# (user, item) ids (val_rmse beside val_mae), a small vision transformer on generated shapes
# trained from scratch and fine-tuned from a body pre-trained on cleaner images (warm-up +
# linear decay); the common mistakes: LR far too high under gradient clipping, shuffled targets,
# a val set of 40 examples, dropout / augmentation holding the train loss above val
DEV17_TASKS = ("age_ordinal", "mf_ratings", "vit_shapes")
# eighteenth dev batch: logged the same ways; trainings unlike the corpus: keyword spotting on
# 16x16 spectrogram-like inputs with a small CNN, a DeepSets / PointNet-style classifier of
# 32-point 3-D sets (a shared per-point MLP, a max or mean pool), a count regression trained
# with torch.nn.PoissonNLLLoss(log_input=True) (kind "poisson": the loss floor is far from 0,
# val_mae of the predicted rate beside it); Lightning val_check_interval inside an epoch,
# SummaryWriter per step with a per-epoch val
DEV18_TASKS = ("kws_spec", "point_sets", "poisson_counts")
# nineteenth dev batch: trainings whose loss has an unusual level or shape: a small VAE (the
# negative ELBO, its recon / KL parts logged beside it, KL annealing in some runs; kind "vae"),
# a toy DDPM noise predictor on 2-D points (a noise-prediction MSE whose floor is ~0.45, not 0;
# kind "diffusion"), a contrastive encoder trained with InfoNCE (it starts at ln(batch), val
# judged on a top-1 retrieval accuracy; kind "contrastive"); the writers' everyday setups
DEV19_TASKS = ("vae_manifold", "diffusion2d", "contrastive_digits")
DEV19_KINDS = ("vae", "diffusion", "contrastive")
# twentieth dev batch: trainings whose curves have shapes the corpus lacks: a small student
# distilled from a teacher's soft targets (KD at T = 3 + CE: the KD term has a floor above 0;
# kind "kd"), a classifier under SGDR / cosine warm restarts (a bump at every restart that is
# not a spike), a two-head detector-like CNN on generated images (class CE + box L1 + GIoU,
# the parts logged beside the total; val_acc, val_iou, val_map50; kind "detection")
DEV20_TASKS = ("kd_student", "sgdr_cls", "det_boxes")
DEV20_KINDS = ("kd", "detection")
# twenty-first dev batch: trainings unlike the corpus it was tuned on: a GRU encoder-decoder on
# generated translation-like pairs (teacher-forced CE; a greedy decode's token accuracy and a
# BLEU-like score that lag the val loss; kind "seq2seq"), a learning-to-rank scorer trained with
# a pairwise hinge (floor 0; pairwise accuracy and NDCG@5; kind "ranking"), a two-head model
# whose weighted total (CE + 0.5 x MSE) and parts are logged (kind "multitask")
DEV21_TASKS = ("s2s_translit", "rank_lists", "mtl_digits")
DEV21_KINDS = ("seq2seq", "ranking", "multitask")
# twenty-second dev batch: a CTC recogniser on generated speech-like feature sequences (CTCLoss;
# 1 - CER of a greedy decode as val accuracy, CER and WER beside it; kind "ctc"), a GCN node
# classifier on one generated graph with train / val node masks (40 val nodes; kind "nodes"),
# an imbalanced tabular classifier trained with a focal loss (PR-AUC, F1; kind "focal")
DEV22_TASKS = ("ctc_words", "gcn_nodes", "focal_rare")
DEV22_KINDS = ("ctc", "nodes", "focal")
# twenty-third dev batch: a RealNVP normalising flow on 2-D points (its NLL goes below 0; val bpd;
# kind "flow"), a physics-informed net on a 1-D ODE (residual + initial-condition loss that falls
# 3-4 orders of magnitude; val mae against the exact solution; kind "pinn"), a Cox
# proportional-hazards MLP (negative partial log-likelihood; val concordance index; kind "cox")
DEV23_TASKS = ("flow_moons", "pinn_ode", "cox_surv")
DEV23_KINDS = ("flow", "pinn", "cox")
# twenty-fourth dev batch: fine-tunes from a pre-trained checkpoint (tasks.pretrained_model, the
# body cached under <corpus>/_pretrained): a causal transformer pre-trained on a reversal
# grammar, SFT'd on reverse-and-add-one prompt -> answer pairs (loss on the answer only; kind
# "lm"), a CNN pre-trained on upright digits fine-tuned on rotated, relabelled ones, an MLP
# pre-trained on tabular data fine-tuned under a covariate shift: full, linear probe (frozen
# body) or LoRA-like low-rank adapters on frozen weights (kind "classification")
DEV24_TASKS = ("sft_pairs", "digits_rot", "tab_transfer")
# twenty-fifth dev batch: the borderline regimes on new tasks (MLPs): a topic classifier on
# bag-of-words counts of generated sentences, a keypoint regressor on generated blob images
# (2 targets), a regression on collinear make_regression features (kinds classification /
# regression, no new loss)
DEV25_TASKS = ("topic_bag", "keypoint_img", "collinear_reg")
# twenty-sixth dev batch: everyday short trainings on new tasks (MLPs): a 12-class tabular
# problem, a character-level classifier of generated words, a short-sequence regression
# (kinds classification / regression, no new loss)
DEV26_TASKS = ("tab12", "word_class", "seq_peak")
LOG_VARIED = (DEV7_TASKS + DEV8_TASKS + DEV9_TASKS + DEV10_TASKS + DEV11_TASKS + DEV12_TASKS
              + DEV13_TASKS + DEV14_TASKS + DEV15_TASKS + DEV16_TASKS + DEV17_TASKS
              + DEV18_TASKS + DEV19_TASKS + DEV20_TASKS + DEV21_TASKS + DEV22_TASKS
              + DEV23_TASKS + DEV24_TASKS + DEV25_TASKS + DEV26_TASKS)
# LOG_VARIED regressions (val mae)
REG_TASKS = ("sparse_uncorr", "friedman2", "s_curve", "friedman3", "multireg", "denoise",
             "season_ts", "hetero_nll", "age_ordinal", "mf_ratings", "poisson_counts",
             "keypoint_img", "collinear_reg", "seq_peak")


@dataclass
class Recipe(BaseRecipe):
    """Everything that defines one torch run (the shared settings: tasks.BaseRecipe)."""
    writer: str = "summarywriter"
    opt: str = "adam"               # adam | adamw | sgd
    sched: str = "const"            # const | cosine | linear | grow | jump
    dropout: float = 0.0
    momentum: float = 0.9
    jump: tuple = ()                # sched=jump: (step, factor) permanent LR change
    epochs: int | None = 20
    max_steps: int | None = None
    clip: float | None = None
    log_every: int = 1
    val_every: int | None = None    # None = every epoch
    tags: str = "slash"
    on_epoch: bool = False          # lightning: train_loss also per epoch
    lr_monitor: bool = False
    grad_norm: bool = True
    # third dev batch: more training machinery (defaults leave the earlier recipes unchanged)
    accum: int = 1                  # gradient accumulation: micro-batches per optimiser step
    gamma: float = 0.1              # sched=step: LR x gamma every step_every steps; plateau factor
    step_every: int = 0
    patience: int = 3               # sched=plateau: ReduceLROnPlateau patience (evaluations)
    early_stop: int = 0             # lightning: EarlyStopping(monitor="val_loss", patience=N)
    writers: tuple = ()             # fix the writer per seed (seed s -> writers[(s-1) % len])
    seeds: tuple = ()               # run only these seeds (default: all)
    # seventh dev batch: how the log is written (defaults leave the earlier recipes unchanged)
    style: str = ""                 # summarywriter: a TAG_STYLES key for every seed ("" = rotate)
    val_step: str = "step"          # summarywriter: val (test) points at the global step, or at
    #                                 the epoch index: "epoch" (0-based, `for epoch in range(E)`)
    #                                 or "epoch1" (1-based); per-epoch eval only, no accumulation
    train_log: str = ""             # "": as before; "step": train loss per step only; "both":
    #                                 Lightning on_step + on_epoch (train_loss_step / _epoch);
    #                                 "epoch": Lightning on_epoch only / SummaryWriter the epoch
    #                                 mean at the epoch index (with val_step "epoch" / "epoch1");
    #                                 "running" (ninth batch, SummaryWriter): the mean of the last
    #                                 log_every batch losses every log_every batches of an epoch,
    #                                 at step epoch * batches_per_epoch + batch index (then reset)
    # ninth dev batch: validate every val_epochs epochs (SummaryWriter loop / Lightning
    # check_val_every_n_epoch) when val_every is None
    val_epochs: int = 1
    # eleventh dev batch: a fine-tune. pretrain = unlogged Adam steps on tasks.pretrain_source
    # before the logged run (0 = from scratch); fresh_head re-initialises the last Linear;
    # freeze trains the head only (a linear probe)
    pretrain: int = 0
    fresh_head: bool = False
    freeze: bool = False
    # twelfth dev batch: augmentation, N(0, aug_noise^2) added to every train input (float inputs)
    aug_noise: float = 0.0
    # thirteenth dev batch: label smoothing of the cross-entropy (train and val: one criterion);
    # l2_loss: + l2_loss * sum(w^2) added to the train loss that is optimised and logged (val
    # logs the task loss only); unfreeze_at: only the last Linear trains before that step, then
    # everything; ckpt_monitor: Lightning ModelCheckpoint(monitor=..., mode="max") on a val metric
    smooth: float = 0.0
    l2_loss: float = 0.0
    unfreeze_at: int = 0
    ckpt_monitor: str = ""
    # fourteenth dev batch: the LR schedule's planned length in optimiser steps when the run is
    # stopped before it (max_steps < planned: a run cut at a share of its schedule); 0 = its own
    planned: int = 0
    # fifteenth dev batch: no_val logs the train loss (and LR) only, no validation at all;
    # resume_at: a checkpoint (model, optimiser, schedule) is taken at that optimiser step, the
    # run goes on `redo` more steps, crashes, and resumes from the checkpoint with a new
    # SummaryWriter in the same folder (summarywriter only): steps continue from resume_at, so
    # the redo steps are logged twice (the later values in the newer event file)
    no_val: bool = False
    resume_at: int = 0
    redo: int = 0
    # nineteenth dev batch (the VAE): the KL term's weight (a posterior collapse when large) and
    # a KL annealing over kl_anneal optimiser steps (0 = none: the weight from the first step)
    kl_weight: float = 1.0
    kl_anneal: int = 0


def build_model(r: Recipe, task):
    """make_model, or (eleventh batch) a pre-trained body for a fine-tune."""
    if r.pretrain:
        return pretrained_model(task, r.model, r.arch, r.seed, r.pretrain, r.fresh_head, r.freeze)
    model = make_model(task, r.model, r.arch, r.dropout, seed=r.seed)
    if r.arch == "vae":             # nineteenth batch: the KL weight and its annealing
        model.kl_weight, model.kl_anneal = r.kl_weight, r.kl_anneal
    return model


# ----------------------------------------------------------------------------- training pieces

def lr_lambda(r: Recipe, total: int):
    """LR multiplier per optimiser step: warm-up, decay / growth / jump, then bumps."""
    def f(step):
        m = 1.0
        if r.warmup and step < r.warmup:
            m = (step + 1) / r.warmup
        else:
            p = (step - r.warmup) / max(1, total - r.warmup)
            if r.sched == "cosine":
                m = 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(p, 1.0)))
            elif r.sched == "linear":
                m = max(0.02, 1 - p)
            elif r.sched == "grow":
                m = min(r.grow ** step, 1e8)
            elif r.sched == "jump":
                m = r.jump[1] if step >= r.jump[0] else 1.0
            elif r.sched == "step":
                m = r.gamma ** ((step - r.warmup) // r.step_every)
            elif r.sched == "restarts":     # thirteenth batch: cosine, restarting every step_every
                q = ((step - r.warmup) % r.step_every) / r.step_every
                m = 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * q))
        for start, length, fac in r.bumps:
            if start <= step < start + length:
                m *= fac
        return m
    return f


def make_optimizer(r: Recipe, params):
    """Adam, AdamW or SGD with momentum."""
    import torch
    if r.opt == "adam":
        return torch.optim.Adam(params, lr=r.lr, weight_decay=r.wd)
    if r.opt == "adamw":
        return torch.optim.AdamW(params, lr=r.lr, weight_decay=r.wd)
    return torch.optim.SGD(params, lr=r.lr, momentum=r.momentum, weight_decay=r.wd)


def loss_and_metric(task, out, y, smooth=0.0):
    """(loss, metric name, metric value) for a batch; metric is accuracy or MAE. smooth
    (thirteenth batch): the cross-entropy's label smoothing."""
    import torch.nn.functional as F
    if task.kind in DEV19_KINDS:      # nineteenth batch: negative ELBO, noise MSE, InfoNCE
        loss, name, value, _ = dev19_loss(task, out)
        return loss, name, value
    if task.kind in DEV20_KINDS:      # twentieth batch: KD + CE, detection CE + L1 + GIoU
        loss, name, value, _ = dev20_loss(task, out, y)
        return loss, name, value
    if task.kind in DEV21_KINDS:      # twenty-first batch: seq2seq CE, pairwise hinge, CE + MSE
        loss, name, value, _ = dev21_loss(task, out, y)
        return loss, name, value
    if task.kind in DEV22_KINDS:      # twenty-second batch: CTC, node CE, focal
        loss, name, value, _ = dev22_loss(task, out, y)
        return loss, name, value
    if task.kind in DEV23_KINDS:      # twenty-third batch: flow NLL, PINN physics loss, Cox
        loss, name, value, _ = dev23_loss(task, out, y)
        return loss, name, value
    if task.kind == "hetero":         # fifteenth batch: a mean and a variance, Gaussian NLL
        import torch
        mu, var = out[:, 0], F.softplus(out[:, 1]) + 1e-6
        return torch.nn.GaussianNLLLoss()(mu, y, var), "mae", (mu - y).abs().mean()
    if task.kind == "poisson":        # eighteenth batch: the log rate, Poisson NLL; rate MAE
        import torch
        out = out.squeeze(-1)
        return (torch.nn.PoissonNLLLoss(log_input=True)(out, y), "mae",
                (out.exp() - y).abs().mean())
    if task.kind == "segmentation":   # sixteenth batch: per-pixel BCE, the Dice of the mask
        loss = F.binary_cross_entropy_with_logits(out, y)
        return loss, "dice", dice_iou(out, y)[0]
    if task.kind == "mlm":            # fifteenth batch: the masked tokens only (-100 ignored)
        loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
        keep = y >= 0
        return loss, "accuracy", (out.argmax(-1)[keep] == y[keep]).float().mean()
    if task.kind == "tagging":        # thirteenth batch: a tag per token
        kw = {"label_smoothing": smooth} if smooth else {}
        loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1), **kw)
        return loss, "accuracy", (out.argmax(-1) == y).float().mean()
    if smooth:
        loss = F.cross_entropy(out, y, label_smoothing=smooth)
        return loss, "accuracy", (out.argmax(-1) == y).float().mean()
    if task.kind == "regression":
        out = out.squeeze(-1)
        return F.mse_loss(out, y), "mae", (out - y).abs().mean()
    if task.kind == "multilabel":     # tenth batch: BCE-with-logits (mean), subset accuracy
        loss = F.binary_cross_entropy_with_logits(out, y)
        return loss, "accuracy", ((out > 0).float() == y).all(-1).float().mean()
    if task.kind == "lm":
        loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
    else:
        loss = F.cross_entropy(out, y)
    return loss, "accuracy", (out.argmax(-1) == y).float().mean()


def dice_iou(out, y):
    """Sixteenth batch: (Dice, IoU) of the thresholded mask (logit > 0) over the whole batch."""
    import torch
    pred = (out > 0).float()
    inter, total = (pred * y).sum(), pred.sum() + y.sum()
    return 2 * inter / torch.clamp(total, min=1.0), inter / torch.clamp(total - inter, min=1.0)


def dev16_metrics(task, out, y) -> list:
    """Sixteenth batch: [("auc", ROC AUC of the positive class), ("f1", its F1 at argmax)] on
    ctr_embed, [("iou", ...)] on seg_shapes (the Dice is the main metric), [("f1", macro-F1)] on
    activity."""
    if task.kind == "segmentation":
        return [("iou", dice_iou(out, y)[1].item())]
    pred = out.argmax(-1)
    if task.name == "activity":
        f1s = []
        for c in range(task.n_classes):
            tp = ((pred == c) & (y == c)).sum().item()
            f1s.append(2 * tp / max(1, (pred == c).sum().item() + (y == c).sum().item()))
        return [("f1", sum(f1s) / len(f1s))]
    from sklearn.metrics import roc_auc_score
    prob = out.float().softmax(-1)[:, 1].detach().numpy()
    auc = (float(roc_auc_score(y.numpy(), prob)) if 0 < int(y.sum()) < len(y)
           and all(map(math.isfinite, prob)) else 0.5)
    tp = ((pred == 1) & (y == 1)).sum().item()
    fp, fn = ((pred == 1) & (y == 0)).sum().item(), ((pred == 0) & (y == 1)).sum().item()
    return [("auc", auc), ("f1", 2 * tp / max(1, 2 * tp + fp + fn))]


def f1_metric(task, out, y) -> list:
    """[("f1", binary F1 of the rare class)] on the imbalanced task (fifth batch), the micro-F1
    over the 8 labels on multilabel (tenth batch), [("perplexity", exp of the masked-token
    cross-entropy)] on mask_lm (fifteenth batch), else []."""
    if task.name in DEV16_TASKS:
        return dev16_metrics(task, out, y)
    if task.kind == "vae":            # nineteenth batch: the KL part beside the recon metric
        return [("kl", float(out[:, 1].mean()))]
    if task.kind in DEV20_KINDS:      # twentieth batch: the loss's parts, IoU and map50
        return [(k, float(v)) for k, v in dev20_loss(task, out, y)[3].items()]
    if task.kind in DEV21_KINDS:      # twenty-first batch: bleu, ndcg5, the two heads' parts
        return [(k, float(v)) for k, v in dev21_loss(task, out, y)[3].items()]
    if task.kind in DEV22_KINDS:      # twenty-second batch: cer, wer; f1 of the rare class
        return [(k, float(v)) for k, v in dev22_loss(task, out, y)[3].items()]
    if task.kind in DEV23_KINDS:      # twenty-third batch: the PINN's relative L2 error
        return [(k, float(v)) for k, v in dev23_loss(task, out, y)[3].items()]
    if task.name == "mf_ratings":     # seventeenth batch: the RMSE of the ratings
        return [("rmse", float(((out.squeeze(-1) - y) ** 2).mean().sqrt()))]
    if task.kind == "mlm":
        import torch.nn.functional as F
        ce = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1)).item()
        return [("perplexity", math.exp(min(ce, 50.0)))]
    if task.kind == "multilabel":
        pred = (out > 0).float()
        tp = (pred * y).sum().item()
        return [("f1", 2 * tp / max(1.0, pred.sum().item() + y.sum().item()))]
    if task.kind == "tagging":          # thirteenth batch: macro-F1 over the tags, every token
        pred = out.argmax(-1)
        f1s = []
        for c in range(task.n_classes):
            tp = ((pred == c) & (y == c)).sum().item()
            f1s.append(2 * tp / max(1, (pred == c).sum().item() + (y == c).sum().item()))
        return [("f1", sum(f1s) / len(f1s))]
    if task.name != "imbalanced":
        return []
    pred = out.argmax(-1)
    tp = ((pred == 1) & (y == 1)).sum().item()
    fp, fn = ((pred == 1) & (y == 0)).sum().item(), ((pred == 0) & (y == 1)).sum().item()
    return [("f1", 2 * tp / max(1, 2 * tp + fp + fn))]


def write_f1(w, tag: str, values: list, step: int) -> None:
    """SummaryWriter: the f1_metric values under the run's val-metric tag style."""
    for name, value in values:
        w.add_scalar(tag.format(m=name, M=name.upper()), value, step)


def poison_batch(task, r: Recipe, step, x, y, gen):
    """Random labels (or inputs x10) for the batches inside a poison window."""
    import torch
    for start, length, mode in r.poison:
        if start <= step < start + length:
            if mode == "inputs":
                return (x * 10 if x.is_floating_point() else torch.randint_like(x, task.vocab_size, generator=gen)), y
            if task.kind in ("regression", "hetero"):
                return x, torch.randn(y.shape, generator=gen) * 4
            if task.kind == "mlm":      # fifteenth batch: random tokens at the masked positions
                rand = torch.randint_like(y, task.vocab_size - 1, generator=gen)
                return x, torch.where(y >= 0, rand, y)
            if task.kind in ("multilabel", "segmentation"):
                return x, torch.randint_like(y, 2, generator=gen)
            return x, torch.randint_like(y, task.n_classes, generator=gen)
    return x, y


def augment(r: Recipe, x, gen):
    """Twelfth batch: train inputs plus N(0, r.aug_noise^2) noise (no draw when off)."""
    if not r.aug_noise:
        return x
    import torch
    return x + r.aug_noise * torch.randn(x.shape, generator=gen)


def l2_term(r: Recipe, model):
    """Thirteenth batch: the regulariser added to the train loss (0 when off, no graph)."""
    if not r.l2_loss:
        return 0.0
    return r.l2_loss * sum((p ** 2).sum() for n, p in model.named_parameters() if p.ndim > 1)


def set_frozen(r: Recipe, model, step: int) -> None:
    """Thirteenth batch: before r.unfreeze_at only the last Linear trains, then everything."""
    if not r.unfreeze_at:
        return
    import torch
    head = [m for m in model.modules() if isinstance(m, torch.nn.Linear)][-1]
    keep = {id(p) for p in head.parameters()}
    for p in model.parameters():
        p.requires_grad_(step >= r.unfreeze_at or id(p) in keep)


def tensors(task):
    """Train and val tensors."""
    import torch
    return [torch.as_tensor(a) for a in (task.x_train, task.y_train, task.x_val, task.y_val)]


def steps_per_epoch(task, r):
    return math.ceil(len(task.x_train) / r.batch)


def total_steps(task, r):
    spe = steps_per_epoch(task, r)
    return r.max_steps if r.max_steps else r.epochs * spe // r.accum


# ----------------------------------------------------------------------------- writers

def epoch_index(r: Recipe, epoch: int) -> int:
    """The step an epoch-indexed point is written at, `epoch` counting the epochs done: the
    0-based index of the epoch just finished (val_step "epoch") or its 1-based one ("epoch1")."""
    return epoch - 1 if r.val_step == "epoch" else epoch


def log_train_step(w, r: Recipe, tags, step, loss, lr_now, gn, ep_losses) -> None:
    """SummaryWriter: the train loss, LR and grad norm every r.log_every steps at the global
    step; with train_log "epoch" the loss is only kept for the epoch mean (write_epoch_mean)."""
    t_loss, t_lr, t_gn = tags
    if r.train_log == "epoch":
        ep_losses.append(loss.item())
    elif step % r.log_every == 0:
        w.add_scalar(t_loss, loss.item(), step)
        w.add_scalar(t_lr, lr_now, step)
        if r.grad_norm:
            w.add_scalar(t_gn, gn.item(), step)


def log_vae_parts(w, t_loss, pred, step) -> None:
    """Nineteenth batch, SummaryWriter: the train loss's recon and KL parts (and the KL weight)
    beside it: train/recon, train/kl, train/kl_weight beside train/loss, else train_recon ..."""
    base = "train/" if t_loss == "train/loss" else "train_"
    w.add_scalar(base + "recon", pred[:, 0].mean().item(), step)
    w.add_scalar(base + "kl", pred[:, 1].mean().item(), step)
    w.add_scalar(base + "kl_weight", pred[0, 2].item(), step)


def dev20_parts(task, pred, y) -> dict:
    """Twentieth batch: the train loss's parts (kd: kd, ce; detection: loss_cls, loss_box,
    loss_giou); {} for every other kind."""
    if task.kind == "multitask":      # twenty-first batch: the two heads' parts
        return {k: float(v) for k, v in dev21_loss(task, pred.detach(), y)[3].items()
                if k.startswith("loss_")}
    if task.kind not in DEV20_KINDS:
        return {}
    return {k: float(v) for k, v in dev20_loss(task, pred.detach(), y)[3].items()
            if k.startswith("loss_") or k in ("kd", "ce")}


def log_dev20_lightning(module, task, pred, y) -> None:
    """Twentieth batch, Lightning training_step: the loss's parts on_step (train_kd ...)."""
    for k, v in dev20_parts(task, pred, y).items():
        module.log(f"train_{k}", v, on_step=True, on_epoch=False)


def log_dev20_parts(w, r: Recipe, t_loss, task, pred, y, step) -> None:
    """Twentieth batch, SummaryWriter: the train loss's parts beside it every r.log_every
    steps, under train/ beside train/loss, else train_ (train_kd ...)."""
    base = "train/" if t_loss == "train/loss" else "train_"
    for k, v in (dev20_parts(task, pred, y) if step % r.log_every == 0 else {}).items():
        w.add_scalar(base + k, v, step)


def write_epoch_mean(w, r: Recipe, tags, losses, opt, epoch):
    """SummaryWriter, train_log "epoch": the epoch's mean train loss and the LR at the epoch index
    (0-based for val_step "epoch", 1-based for "epoch1"); `epoch` counts the epochs done."""
    at = epoch_index(r, epoch)
    w.add_scalar(tags[0], sum(losses) / len(losses), at)
    w.add_scalar(tags[1], opt.param_groups[0]["lr"], at)


def run_plain(r: Recipe, task, out: Path):
    """A plain torch loop logging with torch.utils.tensorboard.SummaryWriter."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    if r.pretrain:
        torch.manual_seed(r.seed)
    opt = make_optimizer(r, model.parameters())
    total = total_steps(task, r)
    plateau, sched = None, None
    if r.sched == "plateau":
        plateau = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=r.gamma,
                                                             patience=r.patience)
    else:
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
    xtr, ytr, xva, yva = tensors(task)
    gen = torch.Generator().manual_seed(r.seed)
    micro = []                      # gradient accumulation: losses of the current micro-batches
    t_loss, v_loss, v_met, t_lr, t_gn = TAG_STYLES[r.tags]
    w = SummaryWriter(str(out), flush_secs=30)

    def evaluate(step):
        if r.no_val:                # fifteenth batch: a train-only run
            return
        step = epoch_index(r, epoch) if r.val_step != "step" else step
        model.eval()
        with torch.no_grad():
            pred = model(xva)
            loss, m, val = loss_and_metric(task, pred, yva, r.smooth)
        model.train()
        w.add_scalar(v_loss, loss.item(), step)
        w.add_scalar(v_met.format(m=m, M=m.capitalize()), val.item(), step)
        write_f1(w, v_met, f1_metric(task, pred, yva), step)
        if plateau is not None:
            plateau.step(loss.item())

    step, epoch = 0, 0
    ep_losses = []                  # train_log "epoch": the losses of the current epoch
    ckpt, resumed = None, False     # fifteenth batch: the checkpoint of a resumed run
    spe = steps_per_epoch(task, r)
    while step < total:
        perm = torch.randperm(len(xtr), generator=gen)
        running_loss = 0.0          # train_log "running": the tutorial's running_loss
        for i in range(0, len(xtr), r.batch):
            idx = perm[i:i + r.batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            x = augment(r, x, gen)
            set_frozen(r, model, step)
            pred = model(x)
            loss, _, _ = loss_and_metric(task, pred, y, r.smooth)
            loss = loss + l2_term(r, model)
            if r.accum > 1:             # accumulate: one optimiser step per r.accum micro-batches
                (loss / r.accum).backward()
                micro.append(loss.item())
                if len(micro) < r.accum:
                    continue
                loss, micro = torch.tensor(sum(micro) / len(micro)), []
            else:
                opt.zero_grad()
                loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip or float("inf"))
            lr_now = opt.param_groups[0]["lr"]
            opt.step()
            if r.accum > 1:
                opt.zero_grad()
            if sched is not None:
                sched.step()
            step += 1
            if r.train_log == "running":    # print-style: the mean of the last log_every batches
                bi = i // r.batch
                running_loss += loss.item()
                if bi % r.log_every == r.log_every - 1:
                    w.add_scalar(t_loss, running_loss / r.log_every, epoch * spe + bi)
                    w.add_scalar(t_lr, lr_now, epoch * spe + bi)
                    running_loss = 0.0
            else:
                log_train_step(w, r, (t_loss, t_lr, t_gn), step, loss, lr_now, gn, ep_losses)
                if task.kind == "vae" and step % r.log_every == 0:   # nineteenth batch
                    log_vae_parts(w, t_loss, pred, step)
                log_dev20_parts(w, r, t_loss, task, pred, y, step)   # twentieth batch
            if r.val_every and step % r.val_every == 0:
                evaluate(step)
            if r.resume_at and not resumed:     # fifteenth batch: checkpoint, crash, resume
                if step == r.resume_at:
                    ckpt = checkpoint(model, opt, sched)
                elif step == r.resume_at + r.redo:
                    restore(ckpt, model, opt, sched)
                    step, resumed = r.resume_at, True
                    w.close()
                    w = SummaryWriter(str(out), flush_secs=30)
            if step >= total:
                break
        epoch += 1
        if r.train_log == "epoch":      # the epoch mean, at the epoch index like the val loss
            write_epoch_mean(w, r, (t_loss, t_lr), ep_losses, opt, epoch)
            ep_losses = []
        if not r.val_every and (epoch % r.val_epochs == 0 or step >= total):
            evaluate(step)
    w.close()


def checkpoint(model, opt, sched) -> dict:
    """Fifteenth batch: a copy of what a checkpoint holds (model, optimiser, LR schedule)."""
    import copy
    return copy.deepcopy({"model": model.state_dict(), "opt": opt.state_dict(),
                          "sched": sched.state_dict() if sched is not None else None})


def restore(ckpt: dict, model, opt, sched) -> None:
    """Fifteenth batch: load a checkpoint() back (a run resumed after a crash)."""
    model.load_state_dict(ckpt["model"])
    opt.load_state_dict(ckpt["opt"])
    if sched is not None:
        sched.load_state_dict(ckpt["sched"])


def run_lightning(r: Recipe, task, out: Path):
    """A LightningModule + Trainer with CSVLogger or TensorBoardLogger."""
    import lightning as L
    import torch
    from lightning.pytorch.callbacks import LearningRateMonitor
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger

    L.seed_everything(r.seed, verbose=False)
    total = total_steps(task, r)

    class Module(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.model = build_model(r, task)
            self.gen = torch.Generator().manual_seed(r.seed + 7)

        def training_step(self, batch, batch_idx):
            x, y = poison_batch(task, r, self.global_step, *batch, self.gen)
            x = augment(r, x, self.gen)
            set_frozen(r, self.model, self.global_step)
            pred = self.model(x)
            loss, _, _ = loss_and_metric(task, pred, y, r.smooth)
            loss = loss + l2_term(r, self.model)
            self.log("train_loss", loss, on_step=r.train_log != "epoch",
                     on_epoch=r.on_epoch or r.train_log == "epoch")
            if task.kind == "vae":      # nineteenth batch: the recon / KL parts, the KL weight
                self.log("train_recon", pred[:, 0].mean(), on_step=True, on_epoch=False)
                self.log("train_kl", pred[:, 1].mean(), on_step=True, on_epoch=False)
                self.log("kl_weight", pred[0, 2], on_step=True, on_epoch=False)
            log_dev20_lightning(self, task, pred, y)     # twentieth batch: the loss's parts
            return loss

        def on_before_optimizer_step(self, optimizer):
            if r.grad_norm and (self.global_step + 1) % r.log_every == 0:
                norms = [p.grad.detach().norm() for p in self.parameters() if p.grad is not None]
                self.log("grad_norm", torch.stack(norms).norm(), on_step=True, on_epoch=False)

        def validation_step(self, batch, batch_idx):
            pred = self.model(batch[0])
            loss, m, val = loss_and_metric(task, pred, batch[1], r.smooth)
            self.log("val_loss", loss, on_epoch=True)
            name = {"accuracy": "val_acc", "mae": "val_mae"}.get(m, f"val_{m}")   # 16th: val_dice
            self.log(name, val, on_epoch=True)
            for name, f1 in f1_metric(task, pred, batch[1]):
                self.log(f"val_{name}", f1, on_epoch=True)

        def configure_optimizers(self):
            opt = make_optimizer(r, self.parameters())
            if r.sched == "plateau":
                sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=r.gamma,
                                                                   patience=r.patience)
                return {"optimizer": opt,
                        "lr_scheduler": {"scheduler": sched, "monitor": "val_loss",
                                         "interval": "epoch", "frequency": r.val_epochs}}
            if r.sched == "onecycle":
                sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=r.lr, total_steps=total + 1)
                return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
            return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}

    xtr, ytr, xva, yva = tensors(task)
    dl_train = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr), batch_size=r.batch,
                                           shuffle=True, generator=torch.Generator().manual_seed(r.seed))
    dl_val = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xva, yva), batch_size=len(xva))
    if r.writer == "lightning_csv":
        logger = CSVLogger(str(out), name="", version="", flush_logs_every_n_steps=1000)
    else:
        logger = TensorBoardLogger(str(out), name="", version="", default_hp_metric=False)
    callbacks = ([LearningRateMonitor(logging_interval="step")]
                 if r.lr_monitor or r.no_val else [])     # a train-only run logs its LR
    val_kw = ({"val_check_interval": r.val_every, "check_val_every_n_epoch": None} if r.val_every
              else {"check_val_every_n_epoch": r.val_epochs})
    if isinstance(r.val_every, float):          # a fraction of an epoch
        val_kw = {"val_check_interval": r.val_every, "check_val_every_n_epoch": 1}
    val_kw = {"limit_val_batches": 0} if r.no_val else val_kw     # fifteenth batch: train-only
    extra_kw = {"accumulate_grad_batches": r.accum} if r.accum > 1 else {}
    if r.early_stop:
        from lightning.pytorch.callbacks import EarlyStopping
        callbacks.append(EarlyStopping(monitor="val_loss", mode="min", patience=r.early_stop))
    callbacks += checkpoint_callbacks(r, out)
    trainer = L.Trainer(
        max_epochs=-1 if r.max_steps else r.epochs, max_steps=r.max_steps or -1, accelerator="cpu",
        devices=1, logger=logger, callbacks=callbacks, log_every_n_steps=r.log_every,
        gradient_clip_val=r.clip, enable_checkpointing=bool(r.ckpt_monitor),
        enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0,
        deterministic=True, **val_kw, **extra_kw)
    trainer.fit(Module(), dl_train, *(() if r.no_val else (dl_val,)))
    for p in (out / "checkpoints").glob("*.ckpt"):  # 13th batch: weights not kept, like hf's
        p.unlink()


def checkpoint_callbacks(r: Recipe, out: Path) -> list:
    """Thirteenth batch: [ModelCheckpoint(monitor=r.ckpt_monitor, mode="max", save_top_k=1)]
    into out/checkpoints (the .ckpt files are deleted after the run), or [] when not set."""
    if not r.ckpt_monitor:
        return []
    from lightning.pytorch.callbacks import ModelCheckpoint
    return [ModelCheckpoint(dirpath=str(out / "checkpoints"), monitor=r.ckpt_monitor, mode="max",
                            save_top_k=1, save_last=False)]


def describe(r: Recipe, task) -> str:
    """SOURCE.txt: what produced the run."""
    model = make_model(task, r.model, r.arch, r.dropout, seed=r.seed)
    n_par = sum(p.numel() for p in model.parameters())
    sched = r.sched + (f", warm-up {r.warmup} steps" if r.warmup else "")
    if r.sched == "grow":
        sched += f", x{r.grow} per step"
    if r.sched == "jump":
        sched += f", x{r.jump[1]} from step {r.jump[0]}"
    lines = {
        "run": r.key, "writer": r.writer, "task": r.task, "split": TASK_SPLIT[r.task], "kind": task.kind,
        "train_examples": len(task.x_train), "val_examples": len(task.x_val), "label_noise": r.label_noise,
        "model": f"{r.arch or 'mlp' if task.kind in ('lm', 'sequence') or r.arch else 'mlp'} "
                 f"size={r.model} "
                 f"dropout={r.dropout} params={n_par}: {model.__class__.__name__}",
        "optimiser": f"{r.opt} lr={r.lr} weight_decay={r.wd}" + (f" momentum={r.momentum}" if r.opt == "sgd" else ""),
        "schedule": sched, "batch_size": r.batch, "epochs": r.epochs, "max_steps": r.max_steps,
        "total_steps": total_steps(task, r), "grad_clip": r.clip,
        "train_log_every_steps": r.log_every, "val_every": r.val_every or "epoch",
        "lr_bumps (start, length, factor)": r.bumps, "poisoned_batches (start, length, mode)": r.poison,
        "seed": r.seed, "intended_regime": r.regime, "cause": cause(r, task),
        "generator": "benchmarks/corpus/gen_torch.py",
    }
    if r.sched == "step":
        lines["schedule"] += f", x{r.gamma} every {r.step_every} steps"
    if r.sched == "plateau":
        lines["schedule"] += f" (ReduceLROnPlateau factor {r.gamma} patience {r.patience})"
    if r.accum > 1:
        lines["gradient_accumulation"] = r.accum
    if r.early_stop:
        lines["early_stopping"] = f"EarlyStopping(monitor=val_loss, patience={r.early_stop})"
    if r.pretrain:
        lines["fine_tune"] = fine_tune_text(r)
    if r.aug_noise:
        lines["augmentation"] = f"train inputs + N(0, {r.aug_noise:g}^2) noise"
    if r.task in DEV13_TASKS:
        lines.update(dev13_lines(r))
    if r.planned:               # fourteenth batch
        lines["stopped"] = (f"the LR schedule is planned for {r.planned} steps; the run stops "
                            f"after {r.max_steps} ({r.max_steps / r.planned:.0%} of it)")
    if r.task in DEV15_TASKS:
        lines.update(dev15_lines(r, task))
    if r.task in DEV16_TASKS:
        lines.update(dev16_lines(r, task))
    if r.task in (DEV17_TASKS + DEV18_TASKS + DEV19_TASKS + DEV20_TASKS + DEV21_TASKS
                  + DEV22_TASKS + DEV23_TASKS):
        lines.update(dev17_lines(r, task) if r.task in DEV17_TASKS else dev18_lines(r, task)
                     if r.task in DEV18_TASKS else dev19_lines(r) if r.task in DEV19_TASKS
                     else {"loss": DEV20_LOSS[r.task]} if r.task in DEV20_TASKS
                     else {"loss": {**DEV21_LOSS, **DEV22_LOSS, **DEV23_LOSS}[r.task]})
    if r.task in LOG_VARIED:
        lines["how_logged"] = how_logged(r)
    return "".join(f"{k}: {v}\n" for k, v in lines.items())


def fine_tune_text(r: Recipe) -> str:
    """Eleventh batch: what the body was pre-trained on (SOURCE.txt, cause)."""
    src = {"descr_lm": "a character LM of the stdlib docstrings",
           "digits_shift": "the other (clean) half of load_digits",
           "vit_shapes": "3000 other, cleaner images of the 4 shapes (pixel noise 0.25)",
           **DEV24_SOURCE}[r.task]
    s = f"body pre-trained (unlogged) for {r.pretrain} Adam 2e-3 steps on {src}, then fine-tuned"
    if r.fresh_head:
        s += " with a fresh head"
    if r.freeze:
        s += ", body frozen (only the head trains)"
    if r.arch in DEV24_LORA:
        s += (f", LoRA-like rank-{DEV24_LORA[r.arch]} adapters on the frozen hidden Linears "
              "(only they and the head train)")
    return s


# twenty-fourth batch: what each fine-tune's body was pre-trained on
DEV24_SOURCE = {
    "sft_pairs": "3700 prompt -> answer pairs of a reversal grammar (answer = prompt reversed)",
    "digits_rot": "the other (clean, upright) half of load_digits",
    "tab_transfer": "3700 rows of the same make_classification data before the covariate shift",
}


def how_logged(r: Recipe) -> str:
    """Seventh dev batch: the tags as written and what their steps are (SOURCE.txt, cause)."""
    if r.writer == "summarywriter":
        t_loss, v_loss, v_met, t_lr, _ = TAG_STYLES[r.tags]
        held = "test" if "test" in v_loss else "val"
        idx = {"epoch": "the 0-based epoch index",
               "epoch1": "the 1-based epoch index"}.get(r.val_step)
        if r.train_log == "epoch":
            s = f"SummaryWriter: train loss '{t_loss}' once per epoch (the epoch mean) at {idx}"
        elif r.train_log == "running":
            s = (f"SummaryWriter: train loss '{t_loss}' as a running mean, running_loss / "
                 f"{r.log_every} every {r.log_every} batches (reset after each write and at each "
                 f"epoch start) at step epoch * batches_per_epoch + batch index")
        else:
            s = f"SummaryWriter: train loss '{t_loss}' every {r.log_every} steps at the global step"
        m = "mae" if r.task in REG_TASKS else "dice" if r.task == "seg_shapes" else "accuracy"
        m = DEV19_METRIC.get(r.task, m)     # nineteenth batch
        s += f"; {held} loss '{v_loss}' and {held} {m} '{v_met.format(m=m, M=m.capitalize())}'"
        s = dev15_logged(r, s, v_met)
        if r.no_val:                # fifteenth batch: a train-only run
            return s
        if r.task in ("multilabel", "events"):
            s += (f" (subset accuracy) and micro-F1 '{v_met.format(m='f1', M='F1')}'; the loss is "
                  f"BCE-with-logits averaged over the {8 if r.task == 'multilabel' else 4} labels")
        if r.task == "tok_tag":
            s += f" (per token) and macro-F1 '{v_met.format(m='f1', M='F1')}'"
        if idx:
            s += (f" every {r.val_epochs} epochs" if r.val_epochs > 1 else " once per epoch")
            s += f" at {idx} (add_scalar(tag, value, epoch))"
        else:
            s += (f" every {r.val_every} steps" if r.val_every
                  else f" every {r.val_epochs} epochs" if r.val_epochs > 1 else " once per epoch")
            s += " at the global step"
        s += f"; the held-out set is called '{held}'" if held == "test" else ""
        return dev23_logged(r, s, v_met)        # twenty-third batch: the metric's name
    on_step, on_epoch = r.train_log != "epoch", r.on_epoch or r.train_log == "epoch"
    s = f"self.log('train_loss', on_step={on_step}, on_epoch={on_epoch})"
    s += (" -> train_loss_step and train_loss_epoch" if on_step and on_epoch
          else " -> train_loss per epoch" if on_epoch
          else f" -> train_loss every {r.log_every} steps")
    reg = r.task in REG_TASKS
    if r.no_val:                # fifteenth batch
        return (s + "; no validation at all (limit_val_batches=0); "
                f"Trainer(log_every_n_steps={r.log_every})")
    s += (f"; val_loss and {'val_mae' if reg else 'val_acc'} on_epoch" if r.task != "seg_shapes"
          else "; val_loss, val_dice and val_iou on_epoch")
    s += DEV20_LIGHTNING.get(r.task, "")     # twentieth batch: the parts beside the total
    s += DEV21_LIGHTNING.get(r.task, "")     # twenty-first batch: likewise
    s = dev22_logged(r, s)                   # twenty-second batch: likewise
    s = dev23_logged(r, s)                   # twenty-third batch: the metric's name
    if r.task in DEV19_TASKS:       # nineteenth batch
        s = s.replace("val_acc on_epoch" if r.task != "diffusion2d" else "val_acc",
                      DEV19_LIGHTNING[r.task] if r.task != "diffusion2d" else "val_mae")
    s += " (val_acc on the masked tokens) and val_perplexity" * (r.task == "mask_lm")
    if r.task in ("multilabel", "events"):
        s += " (val_acc the subset accuracy) and val_f1 (micro-F1); BCE-with-logits loss"
    if r.task == "tok_tag":
        s += " (val_acc per token) and val_f1 (macro-F1 over the 3 tags)"
    # ninth batch on: the Trainer's cadence
    if r.task in (DEV9_TASKS + DEV10_TASKS + DEV11_TASKS + DEV12_TASKS + DEV13_TASKS
                  + DEV14_TASKS + DEV15_TASKS + DEV16_TASKS):
        s += f"; Trainer(log_every_n_steps={r.log_every}"
        if isinstance(r.val_every, float):
            s += f", val_check_interval={r.val_every}"
        elif r.val_every:
            s += f", val_check_interval={r.val_every} (steps), check_val_every_n_epoch=None"
        else:
            s += f", check_val_every_n_epoch={r.val_epochs}"
        s += ")"
    return s


def cause(r: Recipe, task) -> str:
    """A one-line human description of the recipe."""
    n = len(task.x_train)
    model = (r.model if task.kind in ("classification", "regression", "multilabel", "hetero",
                                      "poisson")
             and not r.arch
             else f"{r.arch or 'gru'}-{r.model}")
    s = f"{model} model, {n} train examples"
    s += f" ({fine_tune_text(r)})" if r.pretrain else ""
    if r.label_noise and r.task not in DEV17_TASKS + DEV18_TASKS + DEV19_TASKS:
        s += f", {r.label_noise:.0%} flipped labels"
    s += dev12_text(r, task, "targets")
    s += f", {r.opt} lr {r.lr:g}"
    if r.wd:
        s += f" wd {r.wd:g}"
    s += f", batch {r.batch}, {r.sched} schedule"
    if r.warmup:
        s += f" with {r.warmup}-step warm-up"
    if r.sched == "grow":
        s += f" (LR x{r.grow} per step)"
    if r.sched == "jump":
        s += f" (LR x{r.jump[1]} from step {r.jump[0]})"
    if r.sched == "step":
        s += f" (LR x{r.gamma:g} every {r.step_every} steps)"
    if r.sched == "plateau":
        s += f" (ReduceLROnPlateau x{r.gamma:g}, patience {r.patience})"
    if r.accum > 1:
        s += f", gradient accumulation {r.accum} (effective batch {r.batch * r.accum})"
    s += f", {total_steps(task, r)} steps"
    if r.early_stop:
        s += f" at most, EarlyStopping on val_loss (patience {r.early_stop})"
    if isinstance(r.val_every, float):
        s += f", val every {r.val_every:g} epoch"
    if r.clip:
        s += f", grad clip {r.clip}"
    s += dev12_text(r, task, "augmentation")
    s += dev13_text(r) if r.task in DEV13_TASKS else ""
    s += dev14_text(r)
    s += dev15_text(r, task) if r.task in DEV15_TASKS else ""
    s += dev16_text(r) if r.task in DEV16_TASKS else ""
    s += dev17_text(r, task) if r.task in DEV17_TASKS else ""
    s += dev18_text(r, task) if r.task in DEV18_TASKS else ""
    s += dev19_text(r) if r.task in DEV19_TASKS else ""
    s += f"; {DEV20_LOSS[r.task]}" if r.task in DEV20_TASKS else ""
    s += f"; {DEV21_LOSS[r.task]}" if r.task in DEV21_TASKS else ""
    s += f"; {DEV22_LOSS[r.task]}" if r.task in DEV22_TASKS else ""
    s += f"; {DEV23_LOSS[r.task]}" if r.task in DEV23_TASKS else ""
    for start, length, fac in r.bumps:
        s += f", LR x{fac} for {length} steps at step {start}"
    for start, length, mode in r.poison:
        s += f", {length} poisoned batches ({'random labels' if mode == 'labels' else 'inputs x10'}) at step {start}"
    if r.task in LOG_VARIED:
        s += f"; logged: {how_logged(r)}"
    return s


def dev12_text(r: Recipe, task, part: str) -> str:
    """Twelfth batch, cause(): the regression targets of multireg ("targets") or the noise
    augmentation ("augmentation"); "" for every earlier run."""
    if part == "targets" and task.n_targets > 1:
        return f", {task.n_targets} regression targets (MSE / MAE averaged over them)"
    if part == "augmentation" and r.aug_noise:
        return f", train inputs + N(0, {r.aug_noise:g}^2) noise (augmentation)"
    return ""


def dev13_lines(r: Recipe) -> dict:
    """Thirteenth batch, SOURCE.txt: the settings that batch added, when set."""
    d = {}
    if r.sched == "restarts":
        d["schedule_restarts"] = (f"cosine from lr to 2% of it, restarting every {r.step_every} "
                                  "steps")
    if r.smooth:
        d["label_smoothing"] = f"{r.smooth:g} (train and val loss: one criterion)"
    if r.l2_loss:
        d["loss"] = (f"train loss = task loss + {r.l2_loss:g} * sum of squared weights (logged as "
                     "train loss); val loss = task loss only")
    if r.unfreeze_at:
        d["freezing"] = (f"only the last Linear trains for {r.unfreeze_at} steps, then the whole "
                         "model")
    if r.ckpt_monitor:
        d["checkpointing"] = f"ModelCheckpoint(monitor={r.ckpt_monitor}, mode=max, save_top_k=1)"
    return d


def dev13_text(r: Recipe) -> str:
    """Thirteenth batch, cause(): the settings that batch added, when set."""
    s = ""
    if r.sched == "restarts":
        s += f", cosine restarting every {r.step_every} steps"
    if r.smooth:
        s += f", label smoothing {r.smooth:g}"
    if r.l2_loss:
        s += f", train loss + {r.l2_loss:g} * sum w^2 (a mixed loss, logged)"
    if r.unfreeze_at:
        s += f", body frozen (head only) until step {r.unfreeze_at}, then unfrozen"
    if r.ckpt_monitor:
        s += f", ModelCheckpoint on {r.ckpt_monitor} (max)"
    return s


def dev14_text(r: Recipe) -> str:
    """Fourteenth batch, cause(): a run stopped before its planned schedule ends ("" if not)."""
    if not r.planned:
        return ""
    return f", stopped at step {r.max_steps} of a schedule planned for {r.planned}"


def dev15_logged(r: Recipe, s: str, v_met: str) -> str:
    """Fifteenth batch, how_logged() for SummaryWriter: the perplexity of mask_lm; a train-only
    run logs the train loss and the LR only (the text up to its first ';')."""
    if r.no_val:
        return s.split(";")[0] + ", and the LR; no validation at all"
    if r.task == "mask_lm":
        s += (" (on the masked tokens) and perplexity "
              f"'{v_met.format(m='perplexity', M='Perplexity')}'")
    return s


def dev15_lines(r: Recipe, task) -> dict:
    """Fifteenth batch, SOURCE.txt: the loss and the settings that batch added, when set."""
    d = {"loss": {"hetero": "torch.nn.GaussianNLLLoss on (mean, softplus(raw) + 1e-6) "
                            "(full=False: 0.5 (log var + (y - mean)^2 / var); negative once the "
                            "variance is below 1 / e; the marginal Gaussian scores 0.5)",
                  "mlm": "cross-entropy on the masked tokens only (targets -100 elsewhere)",
                  }.get(task.kind, "cross-entropy")}
    if r.no_val:
        d["validation"] = "none: a train-only run (train loss and LR only)"
    if r.resume_at:
        d["resumed"] = (f"checkpoint at step {r.resume_at}; the run crashed at step "
                        f"{r.resume_at + r.redo} and resumed from the checkpoint with a new "
                        f"SummaryWriter in the same folder: steps {r.resume_at + 1}-"
                        f"{r.resume_at + r.redo} are logged twice")
    return d


def dev15_text(r: Recipe, task) -> str:
    """Fifteenth batch, cause(): the loss, train-only, resumed (when set)."""
    s = {"hetero": ", Gaussian NLL (mean and variance)",
         "mlm": ", masked-token cross-entropy"}.get(task.kind, "")
    if r.no_val:
        s += ", train-only (no validation logged)"
    if r.resume_at:
        s += (f", crashed at step {r.resume_at + r.redo} and resumed from the checkpoint of step "
              f"{r.resume_at} (steps continue; {r.redo} steps logged twice)")
    return s


DEV16_LOSS = {"ctr_embed": "cross-entropy over 2 logits (~16% positives)",
              "seg_shapes": "per-pixel BCE-with-logits on the 16x16 mask",
              "activity": "cross-entropy over 6 classes"}
DEV16_METRICS = {"ctr_embed": "val accuracy, ROC AUC ('auc') and the positive class's F1 ('f1')",
                 "seg_shapes": "val Dice ('dice', the main metric) and IoU ('iou') of the mask "
                               "thresholded at logit 0",
                 "activity": "val accuracy and macro-F1 ('f1')"}


def dev16_lines(r: Recipe, task) -> dict:
    """Sixteenth batch, SOURCE.txt: the loss, the scores logged, train-only."""
    d = {"loss": DEV16_LOSS[r.task], "scores": DEV16_METRICS[r.task]}
    if r.no_val:
        d["validation"] = "none: a train-only run (train loss and LR only)"
    return d


def dev16_text(r: Recipe) -> str:
    """Sixteenth batch, cause(): the scores logged, train-only."""
    s = f"; {DEV16_LOSS[r.task]}"
    s += ", train-only (no validation logged)" if r.no_val else f", logs {DEV16_METRICS[r.task]}"
    return s


DEV17_LOSS = {"age_ordinal": "MSE on the age in decades centred at 50 (MAE x 10 = years)",
              "mf_ratings": "MSE on the stars - 3.5 (val_rmse its square root)",
              "vit_shapes": "cross-entropy over 4 shape classes"}


def dev17_data(r: Recipe, task) -> str:
    """Seventeenth batch: what was done to the data (shuffled / noisy targets, a tiny val)."""
    s = ""
    if r.label_noise >= 1:
        s += ", train targets shuffled (a data-loading bug: nothing to learn)"
    elif r.label_noise and task.kind == "regression":
        s += f", N(0, ({r.label_noise:g} sd)^2) noise on the train targets"
    elif r.label_noise:
        s += f", {r.label_noise:.0%} flipped labels"
    if r.n_val:
        s += f", a val set of only {len(task.x_val)} examples"
    if r.dropout:
        s += f", dropout {r.dropout:g} (train loss in train mode, val in eval mode)"
    return s


def loss_and_data_lines(loss: str, data: str) -> dict:
    """SOURCE.txt lines of a batch that names its loss and what was done to the data
    (``data`` as its cause() text gives it, each item after ", ")."""
    return {"loss": loss, **({"data": data[2:]} if data else {})}


def dev17_lines(r: Recipe, task) -> dict:
    """Seventeenth batch, SOURCE.txt: the loss and the data changes."""
    return loss_and_data_lines(DEV17_LOSS[r.task], dev17_data(r, task))


def dev17_text(r: Recipe, task) -> str:
    """Seventeenth batch, cause(): the loss and the data changes."""
    return f"; {DEV17_LOSS[r.task]}" + dev17_data(r, task)


DEV18_LOSS = {"kws_spec": "cross-entropy over 6 keywords (16x16 log spectrograms, small CNN)",
              "point_sets": "cross-entropy over 4 set classes (32 3-D points each, DeepSets)",
              "poisson_counts": "torch.nn.PoissonNLLLoss(log_input=True) on the log rate "
                                "(full=False: exp(f) - y f, its floor far above 0; val_mae of "
                                "the rate exp(f))"}


def dev18_data(r: Recipe, task) -> str:
    """Eighteenth batch: what was done to the data (shuffled counts / flipped labels, a val
    loss on one batch)."""
    s = ""
    if r.label_noise >= 1:
        s += ", train counts shuffled (a data-loading bug: nothing to learn)"
    elif r.label_noise:
        s += f", {r.label_noise:.0%} flipped labels"
    if r.n_val:
        s += f", the val loss computed on one batch of {len(task.x_val)} examples"
    return s


def dev18_lines(r: Recipe, task) -> dict:
    """Eighteenth batch, SOURCE.txt: the loss and the data changes."""
    d = loss_and_data_lines(DEV18_LOSS[r.task], dev18_data(r, task))
    if r.dropout:
        d["dropout"] = f"{r.dropout:g} (train loss in train mode, val in eval mode)"
    return d


def dev18_text(r: Recipe, task) -> str:
    """Eighteenth batch, cause(): the loss and the data changes."""
    return f"; {DEV18_LOSS[r.task]}" + dev18_data(r, task)


DEV19_LOSS = {
    "vae_manifold": "the negative ELBO of a Gaussian VAE: summed squared reconstruction error + "
                    "KL weight x KL(q(z|x) || N(0, I)) (val: the same weight without the "
                    "annealing ramp, z from a fixed generator); a mean predictor scores ~16 "
                    "(the 16 standardised dims), a good "
                    "VAE ~4.5",
    "diffusion2d": "DDPM noise-prediction MSE (t ~ U{0..99}, linear betas 1e-4..0.04; val: fixed "
                   "draws of t and the noise): predicting 0 scores 1, a good model levels off "
                   "at ~0.45, never near 0",
    "contrastive_digits": "InfoNCE (symmetric, CLIP-style, temperature 0.1) between two "
                          "augmented views (shift +-1 px, contrast 0.7-1.3, N(0, 0.2^2) noise) of "
                          "each digit, over groups of at most 64 rows: it starts at ln(group) = "
                          "ln 64 = 4.16; val accuracy the top-1 retrieval of the other view "
                          "within a group of 64 (chance 1/64)"}
DEV19_METRIC = {"vae_manifold": "recon", "diffusion2d": "mae", "contrastive_digits": "accuracy"}
DEV19_LIGHTNING = {"vae_manifold": "val_recon and val_kl on_epoch; train_recon, train_kl and "
                                   "kl_weight on_step",
                   "contrastive_digits": "val_acc (top-1 retrieval) on_epoch"}


def dev19_lines(r: Recipe) -> dict:
    """Nineteenth batch, SOURCE.txt: the loss, the KL weight / annealing."""
    d = {"loss": DEV19_LOSS[r.task]}
    extra = dev19_text(r)[len(DEV19_LOSS[r.task]) + 4:]
    if extra:
        d["data" if r.task == "contrastive_digits" or r.n_val else "kl"] = extra
    return d


def dev19_text(r: Recipe) -> str:
    """Nineteenth batch, cause(): the loss, the KL weight and its annealing."""
    s = f"; {DEV19_LOSS[r.task]}"
    if r.n_val:
        s += f"; the val loss computed on {r.n_val} examples"
    if r.task == "contrastive_digits" and r.label_noise >= 1:
        s += ("; the two train views drawn once at load time (static pairs, the same every "
              "epoch: the pixel noise tells the pairs apart)")
    if r.arch == "vae" and (r.kl_weight != 1.0 or r.kl_anneal):
        s += f"; KL weight {r.kl_weight:g}"
        if r.kl_anneal:
            s += f", annealed linearly from 0 over the first {r.kl_anneal} steps"
        if r.kl_weight > 1:
            s += " (the KL term dominates: a posterior collapse)"
        if r.kl_weight < 1:
            s += " (a beta-VAE with a weak KL term; val logs the same weighted objective)"
    return s


DEV20_LOSS = {
    "kd_student": "knowledge distillation: 0.7 x T^2 x KL(teacher_T || student_T) at temperature "
                  "T = 3 (a wide teacher MLP's logits, fixed) + 0.3 x CE on the labels; a "
                  "student that cannot match the teacher keeps the KD term above 0; the train "
                  "kd and ce terms logged beside the loss, val_kd / val_ce beside val_loss",
    "sgdr_cls": "cross-entropy over 8 classes (make_classification, 2 clusters per class, 3% "
                "flipped by sklearn)",
    "det_boxes": "a detector-like loss on 16x16 images with one object: class CE + 5 x L1 of "
                 "the box (cx, cy, w, h) + 2 x (1 - GIoU); the parts logged beside the total "
                 "(loss_cls, loss_box, loss_giou), val accuracy (the class), val iou and map50 "
                 "(class right and IoU >= 0.5) beside val_loss"}
DEV20_LIGHTNING = {"kd_student": "; val_kd, val_ce on_epoch; train_kd, train_ce on_step",
                   "det_boxes": "; val_iou, val_map50, val_loss_cls, val_loss_box, "
                                "val_loss_giou on_epoch; train_loss_cls, train_loss_box, "
                                "train_loss_giou on_step"}


DEV21_LOSS = {
    "s2s_translit": "a GRU encoder-decoder (no attention) on generated translation-like pairs "
                    "(7 source words, the target reversed through a fixed dictionary, a word "
                    "after a verb inflected): token cross-entropy under teacher forcing; val "
                    "accuracy is the token accuracy of a greedy decode (each step fed its own "
                    "argmax), val bleu a BLEU-like 1-4-gram score of it, val tf_token_acc the "
                    "teacher-forced token accuracy",
    "rank_lists": "learning to rank: queries of 10 items (make_friedman1 features, graded 0-3 "
                  "by the target's quartiles), a shared MLP scores each item; the pairwise "
                  "hinge max(0, 1 - (s_i - s_j)) over pairs with grade_i > grade_j (floor 0; a "
                  "constant scorer 1); val accuracy is the share of those pairs ordered right "
                  "(pairwise AUC, chance 0.5), val ndcg5 the NDCG@5",
    "mtl_digits": "a two-head model on sklearn's digits: total = CE of the digit + 0.5 x MSE "
                  "of an auxiliary smooth target of the pixels (standardised); the total is "
                  "the loss logged and judged, the parts logged beside it (loss_cls, loss_reg, "
                  "train and val), val accuracy the digit head's, val reg_abs_err the aux "
                  "head's"}
DEV22_LOSS = {
    "ctc_words": "a CTC recogniser (Conv1d + bidirectional GRU, 8 symbols with the blank) on "
                 "generated speech-like feature sequences (40 frames of 10 features, two words "
                 "of 1-3 letters, each letter 2-4 noisy frames of its prototype): torch's "
                 "CTCLoss; val accuracy is 1 - CER of the greedy decode (repeats collapsed, "
                 "blanks removed), val cer and val wer beside it (1.0 while it emits only blanks)",
    "gcn_nodes": "a two-layer GCN on one generated stochastic-block graph (500 nodes, 4 classes, "
                 "weak make_blobs node features), full batch, train on the 80 nodes of the "
                 "train mask, val on the 40 of the val mask (noisy): node cross-entropy, val "
                 "accuracy on the val nodes",
    "focal_rare": "an MLP on an imbalanced make_classification table (5% positives) trained "
                  "with the binary focal loss (gamma 2, alpha 0.25; floor 0, a constant logit "
                  "at the prior ~0.037): val pr_auc (the rare class's average precision) the "
                  "metric, val f1 (p > 0.5) beside it"}
DEV22_LIGHTNING = {"ctc_words": "; val_cer, val_wer on_epoch",
                   "focal_rare": "; val_f1 on_epoch"}


def dev22_logged(r: Recipe, s: str) -> str:
    """how_logged, twenty-second batch: the extra val series; focal_rare's metric is the
    PR-AUC (val_pr_auc), not an accuracy."""
    s += DEV22_LIGHTNING.get(r.task, "")
    return s.replace("val_acc", "val_pr_auc") if r.task == "focal_rare" else s


DEV23_LOSS = {
    "flow_moons": "a RealNVP normalising flow (a learnt per-dimension affine map, then affine "
                  "couplings with alternating masks) on sklearn's make_moons (noise 0.08), "
                  "standardised and scaled by 0.25: the mean negative log-likelihood in nats, "
                  "which has no zero floor (the identity flow starts at ~1.9, a diagonal "
                  "Gaussian fit ~0.0, a good flow ~-1.1); val bpd the same in bits per dimension",
    "pinn_ode": "a physics-informed tanh MLP u(x) on u' = -u + 3 cos(6x), u(0) = 1, x in [0, 3] "
                "(u' by a central difference): loss mean(residual^2) + (u(0) - 1)^2 on the "
                "collocation points (train) and on 256 grid points (val), from ~5 down 3-4 "
                "orders of magnitude; val mae |u - exact| and val rel_l2 against the exact "
                "solution",
    "cox_surv": "a Cox proportional-hazards MLP (one log-hazard) on make_regression features "
                "with exponential event times and ~30% censoring: the negative Breslow partial "
                "log-likelihood per event over the batch (floor well above 0: the log of the "
                "risk set; a constant risk ~4.9 on the 256 val rows, a good model ~3.75); val "
                "c_index, Harrell's concordance"}
DEV23_METRIC = {"flow_moons": "val_bpd", "pinn_ode": "val_mae", "cox_surv": "val_c_index"}


def dev23_logged(r: Recipe, s: str, v_met: str = "") -> str:
    """how_logged, twenty-third batch: the val metric is bpd, mae (with rel_l2 beside it) or
    the concordance index, not an accuracy (v_met: the SummaryWriter's val-metric tag style)."""
    import re
    if r.task not in DEV23_TASKS:
        return s
    m = DEV23_METRIC[r.task][4:]
    s = re.sub(r"\bval_acc\b", f"val_{m}",
               s.replace("Accuracy", m.capitalize()).replace("accuracy", m))
    if r.task != "pinn_ode":
        return s
    return s + (f"; val rel_l2 '{v_met.format(m='rel_l2', M='REL_L2')}' with it" if v_met
                else "; val_rel_l2 on_epoch")
DEV21_LIGHTNING = {"s2s_translit": "; val_bleu, val_tf_token_acc on_epoch",
                   "rank_lists": "; val_ndcg5 on_epoch",
                   "mtl_digits": "; val_loss_cls, val_loss_reg, val_reg_abs_err on_epoch; "
                                 "train_loss_cls, train_loss_reg on_step"}


def label_aligned(r: Recipe, out: Path, task) -> dict | None:
    """label_run for a run whose val (test) loss is logged at the epoch index while its train
    loss is at the global step: the checks see the val points at the global step that ends their
    epoch (the log on disk keeps the epoch index); onset_step is given back as the epoch index."""
    import corpus_checks as cc
    import numpy as np
    spe, total = steps_per_epoch(task, r), total_steps(task, r)
    first = 0 if r.val_step == "epoch" else 1
    per_epoch_train = r.train_log == "epoch"      # both on the epoch axis: nothing to align
    read = cc.read_series

    def aligned(run_dir):
        s = read(run_dir)
        if per_epoch_train:
            return s
        for k in ("val_loss", "val_metric"):
            if k in s:
                st = s[k].steps
                s[k] = cc.Series(s[k].name, np.minimum((st + 1 - first) * spe, total), s[k].values)
        return s

    with patched(cc, "read_series", aligned):
        label = cc.label_run(r, out, task)
    if label and "onset_step" in label and not per_epoch_train:
        g = label["onset_step"]
        e = next((int(x) for x in read(out)["val_loss"].steps
                  if min((x + 1 - first) * spe, total) == g), None)
        label["onset_step"] = e
        label["reason"] += f" (val best at epoch index {e}, the step it is logged at)"
    if label and not per_epoch_train:
        label["reason"] += ("; val steps above are global steps (the end of each epoch): the log "
                            "writes the val points at the epoch index")
    return label


REVIEW = HERE / "review_torch.json"


def load_review() -> dict:
    """Verdicts set by looking at the contact sheets: key -> {verdict, acceptable, why, reason} or {drop, why}."""
    return json.loads(REVIEW.read_text()) if REVIEW.exists() else {}


def generate(r: Recipe, corpus: Path, relabel_only: bool = False) -> dict | None:
    """Train, write, read back, check, and return the label (None when dropped)."""
    import torch
    from corpus_checks import label_run
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore")
    import logging
    for name in ("lightning", "lightning.pytorch", "lightning.fabric"):
        logging.getLogger(name).setLevel(logging.ERROR)
    task = (load_task(r.task, r.seed, r.n_train, r.label_noise, n_val=r.n_val) if r.n_val
            else load_task(r.task, r.seed, r.n_train, r.label_noise))
    if r.pretrain:                  # eleventh batch: the checks read a fine-tune as one
        task.fine_tune = True
    out = corpus / r.key
    t0 = time.time()
    if relabel_only:
        if not out.exists():
            return None
    else:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        (run_plain if r.writer == "summarywriter" else run_lightning)(r, task, out)
        (out / "SOURCE.txt").write_text(describe(r, task))
    label = label_aligned(r, out, task) if r.val_step != "step" else label_run(r, out, task)
    if label is None:
        if relabel_only:
            print(f"NO LABEL (kept on disk) {r.key}", flush=True)
            return None
        shutil.rmtree(out)
        for parent in (out.parent, out.parent.parent):
            if parent.exists() and not any(parent.iterdir()):
                parent.rmdir()
        print(f"DROP {r.key}", flush=True)
        return None
    review = load_review().get(r.key)
    if review:                                  # a verdict from looking at the contact sheet
        if review.get("drop"):
            shutil.rmtree(out)
            print(f"DROP (review) {r.key}: {review['why']}", flush=True)
            return None
        old = label["verdict"]
        label["verdict"] = review["verdict"]
        label["acceptable"] = sorted(set(review.get("acceptable", [])) - {review["verdict"]})
        label["reason"] = review.get("reason", label["reason"])
        label["monitored"] = review.get("monitored", label["monitored"])
        prior = f"; earlier {label['relabelled']}" if label["relabelled"] else ""
        label["relabelled"] = f"after review: from {old}: {review['why']}{prior}"
        for k in ("onset_step", "spike_steps"):
            if k in review:
                label[k] = review[k]
    label.update(task=r.task, split=TASK_SPLIT[r.task], writer=r.writer,
                 format="csv" if r.writer == "lightning_csv" else "tensorboard",
                 cause=cause(r, task), seed=r.seed)
    rl = f" RELABELLED {label['relabelled']}" if label["relabelled"] else ""
    print(f"{time.time() - t0:6.1f}s {r.key}: {label['verdict']}{rl}", flush=True)
    return label



# ----------------------------------------------------------------------------- recipes

def base_recipes() -> list[Recipe]:
    """One recipe per (regime, variant, task); seeds and writers are added by all_recipes."""
    R = Recipe
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    return [
        # healthy: sensible LR, enough data, trained until val levels off
        R(H, "warmcos", "digits", model="medium", opt="adamw", lr=3e-3, wd=1e-2, sched="cosine", warmup=50, epochs=30),
        R(H, "sgdconst", "breast_cancer", opt="sgd", lr=0.005, wd=1e-3, dropout=0.2, batch=16, epochs=15, log_every=2),
        R(H, "noisybatch8", "moons", lr=3e-3, batch=8, epochs=12, val_every=100),
        R(H, "adamwdecay", "diabetes", opt="adamw", lr=1e-3, wd=0.1, sched="linear", epochs=40),
        R(H, "saturated", "wine", lr=1e-2, batch=16, epochs=60, acceptable=["still_improving"]),
        R(H, "saturated", "circles", model="medium", lr=3e-3, epochs=40, log_every=10, val_every=50,
          acceptable=["still_improving"]),
        R(H, "warmlin", "synth12", model="medium", lr=2e-3, sched="linear", warmup=100, batch=64, epochs=30, log_every=10),
        R(H, "cosine", "friedman", model="medium", lr=2e-3, sched="cosine", epochs=40, log_every=10),
        R(H, "gru", "seq_count", arch="gru", lr=3e-3, sched="cosine", batch=64, epochs=25, val_every=25),
        R(H, "gru", "seq_motif", arch="gru", model="medium", lr=3e-3, sched="cosine", batch=64, epochs=25, log_every=5, val_every=50),
        R(H, "gru", "charlm_stdlib", arch="gru", model="medium", lr=3e-3, sched="cosine", epochs=8, log_every=10, val_every=50),
        R(H, "gru", "charlm_markov", arch="gru", model="medium", lr=3e-3, sched="cosine", warmup=100, epochs=10,
          log_every=10, val_every=50),
        R(H, "long20k", "moons", opt="sgd", lr=0.003, sched="cosine", warmup=500, batch=16, max_steps=20000, epochs=None,
          val_every=100),
        R(H, "long10k", "friedman", lr=1e-3, batch=16, max_steps=10000, epochs=None, val_every=200, acceptable=["overfitting"]),
        # overfitting: big model, little data and/or noisy labels, no regularisation, trained long
        R(O, "widemlp", "digits", model="wide", n_train=150, label_noise=0.2, epochs=300),
        R(O, "widemlp", "breast_cancer", model="wide", n_train=100, label_noise=0.2, epochs=300, log_every=5),
        R(O, "deepmlp", "synth12", model="deep", n_train=300, label_noise=0.1, epochs=200, log_every=10),
        R(O, "widemlp", "wine", model="wide", n_train=60, label_noise=0.3, epochs=300),
        R(O, "widemlp", "moons", model="wide", n_train=100, label_noise=0.3, lr=3e-3, epochs=400, log_every=5),
        R(O, "widemlp", "diabetes", model="wide", n_train=150, epochs=300, log_every=5),
        R(O, "deepmlp", "friedman", model="deep", n_train=100, epochs=400, log_every=10),
        R(O, "gru", "seq_count", arch="gru", model="wide", n_train=200, label_noise=0.2, lr=3e-3, epochs=150, log_every=5),
        R(O, "gru", "charlm_stdlib", arch="gru", model="wide", n_train=150, lr=3e-3, epochs=200, log_every=5),
        R(O, "widemlp", "circles", model="wide", n_train=80, label_noise=0.3, lr=3e-3, epochs=400, log_every=5),
        R(O, "transformer", "charlm_markov", arch="transformer", model="medium", n_train=150, lr=3e-3, epochs=200,
          log_every=5),
        R(O, "gru", "seq_motif", arch="gru", model="wide", n_train=200, label_noise=0.2, lr=3e-3, epochs=150, log_every=5),
        # underfitting: linear on a non-linear task, far too small / regularised model, LR far too low
        R(U, "linear", "circles", model="linear", lr=1e-2, epochs=20, log_every=10),
        R(U, "lr1e-6", "moons", lr=1e-6, epochs=10, log_every=10),
        R(U, "heavywd", "diabetes", model="linear", opt="sgd", lr=0.01, wd=60.0, batch=8, epochs=30),
        R(U, "heavywd", "friedman", opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15, log_every=5),
        R(U, "lr1e-6", "digits", model="medium", lr=1e-6, epochs=15, log_every=10),
        R(U, "heavywd", "synth12", opt="sgd", lr=0.05, wd=2.0, epochs=20, log_every=10),
        R(U, "lr1e-5", "seq_count", arch="gru", lr=1e-5, batch=64, epochs=8, log_every=5, val_every=25),
        R(U, "lr1e-5", "charlm_markov", arch="gru", lr=1e-5, epochs=3, log_every=10, val_every=25),
        R(U, "heavywd", "breast_cancer", model="linear", opt="sgd", lr=0.01, wd=10.0, batch=16, epochs=40),
        R(U, "lr1e-5", "seq_motif", arch="gru", opt="sgd", lr=1e-5, batch=64, epochs=8, log_every=5, val_every=25),
        R(U, "lr1e-5", "charlm_stdlib", arch="gru", opt="sgd", lr=1e-5, epochs=3, log_every=10, val_every=25),
        R(U, "linear", "wine", model="linear", opt="sgd", lr=1e-5, batch=8, epochs=40),
        # erratic: LR too high with tiny batches, clipped so it stays finite
        R(E, "adamhigh", "digits", lr=0.05, batch=4, epochs=3, clip=1.0, log_every=5, val_every=25),
        R(E, "adamhigh", "moons", lr=0.1, batch=4, max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25),
        R(E, "sgdhigh", "diabetes", opt="sgd", lr=0.3, batch=4, epochs=10, clip=5.0, val_every=25),
        R(E, "adamhigh", "friedman", lr=0.05, batch=4, max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25),
        R(E, "adamhigh", "breast_cancer", lr=0.03, batch=2, epochs=5, clip=1.0, log_every=5, val_every=25),
        R(E, "adamhigh", "seq_count", arch="gru", lr=0.05, batch=8, max_steps=1500, epochs=None, clip=1.0,
          log_every=5, val_every=25),
        R(E, "sgdhigh", "charlm_markov", arch="gru", opt="sgd", lr=3.0, batch=4, max_steps=1500, epochs=None, clip=1.0,
          log_every=5, val_every=25),
        R(E, "adamhigh", "circles", lr=0.1, batch=4, max_steps=1500, epochs=None, clip=1.0, log_every=5, val_every=25),
        # diverging: LR far too high or growing without decay
        R(D, "nan-lrgrow", "diabetes", opt="sgd", lr=0.01, sched="grow", grow=1.006, batch=16, epochs=100, log_every=5),
        R(D, "nan-lrjump", "friedman", opt="sgd", lr=0.01, sched="jump", jump=(800, 100), epochs=20, log_every=5,
          val_every=50),
        R(D, "climb-lrgrow", "digits", opt="sgd", lr=0.01, sched="grow", grow=1.004, clip=1.0, epochs=60, log_every=10, val_every=50),
        R(D, "collapse-lrjump", "moons", opt="sgd", lr=0.1, sched="jump", jump=(1000, 50), epochs=30, log_every=10,
          val_every=50),
        R(D, "climb-lrgrow", "seq_count", arch="gru", lr=1e-3, sched="grow", grow=1.005, batch=64, epochs=30, log_every=5,
          val_every=25),
        R(D, "climb-lrjump", "charlm_stdlib", arch="gru", lr=3e-3, sched="jump", jump=(500, 100), epochs=10, log_every=10,
          val_every=50),
        R(D, "nan-lrgrow", "synth12", opt="sgd", lr=0.01, sched="grow", grow=1.005, batch=64, epochs=60, log_every=5),
        R(D, "collapse-lrjump", "circles", opt="sgd", lr=0.1, sched="jump", jump=(1000, 50), epochs=30, log_every=10,
          val_every=50),
        R(D, "climb-lrgrow", "breast_cancer", lr=1e-3, sched="grow", grow=1.006, epochs=100, log_every=5),
        R(D, "collapse-lrjump", "charlm_markov", arch="gru", lr=3e-3, sched="jump", jump=(500, 100), epochs=10,
          log_every=10, val_every=50),
        R(D, "nan-lrjump", "wine", opt="sgd", lr=0.05, sched="jump", jump=(300, 200), batch=8, epochs=60),
        R(D, "climb-lrgrow", "seq_motif", arch="gru", lr=1e-3, sched="grow", grow=1.005, batch=64, epochs=30, log_every=5,
          val_every=25),
        # loss_spike: an otherwise healthy run with a LR bump or poisoned batches
        R(P, "lrbump", "digits", model="medium", lr=1e-3, epochs=30, val_every=25, bumps=[(400, 10, 20)]),
        R(P, "poison", "moons", lr=3e-3, epochs=20, val_every=50, poison=[(800, 30, "labels")]),
        R(P, "lrbump", "synth12", lr=1e-3, epochs=30, batch=64, val_every=25, bumps=[(900, 10, 100)]),
        R(P, "poisoninputs", "friedman", lr=1e-3, epochs=30, log_every=5, val_every=50, poison=[(600, 5, "inputs")]),
        R(P, "lrbump", "breast_cancer", opt="sgd", lr=0.01, batch=16, epochs=60, bumps=[(900, 40, 30)]),
        R(P, "lrbump", "charlm_stdlib", arch="gru", model="medium", lr=2e-3, epochs=8, log_every=10, val_every=50,
          bumps=[(400, 30, 100)]),
        R(P, "poison", "seq_count", arch="gru", lr=3e-3, batch=64, epochs=20, val_every=25, poison=[(600, 40, "labels")]),
        R(P, "lrbump2", "circles", model="medium", lr=2e-3, epochs=25, log_every=2, val_every=50,
          bumps=[(500, 5, 200), (1100, 20, 50)]),
        R(P, "poison", "diabetes", lr=2e-3, batch=16, epochs=60, val_every=20, poison=[(700, 10, "labels")]),
        R(P, "poison", "wine", lr=1e-3, batch=16, epochs=60, poison=[(250, 10, "labels")]),
        R(P, "poisoninputs", "charlm_markov", arch="gru", model="medium", lr=3e-3, epochs=8, log_every=5, val_every=50,
          poison=[(600, 50, "inputs")]),
        R(P, "lrbump", "seq_motif", arch="gru", model="medium", lr=3e-3, batch=64, epochs=25, log_every=5, val_every=50,
          bumps=[(700, 20, 30)]),
        # still_improving: cut short while still clearly improving
        R(S, "short", "digits", opt="sgd", lr=0.01, epochs=4, val_every=10),
        R(S, "short", "charlm_stdlib", arch="gru", model="medium", lr=1e-3, max_steps=300, epochs=None, val_every=20,
          log_every=5),
        R(S, "short", "friedman", lr=3e-4, epochs=3, val_every=10),
        R(S, "short", "synth12", lr=3e-4, max_steps=300, epochs=None, val_every=20),
        R(S, "short", "seq_count", arch="gru", lr=1e-3, batch=64, max_steps=300, epochs=None, val_every=20),
        R(S, "short", "breast_cancer", opt="sgd", lr=0.002, batch=16, epochs=10),
        R(S, "short", "circles", lr=2e-4, max_steps=400, epochs=None, val_every=20),
        R(S, "short", "charlm_markov", arch="gru", lr=1e-3, max_steps=300, epochs=None, val_every=20, log_every=5),
        R(S, "short", "wine", opt="sgd", lr=0.001, batch=8, epochs=40),
        R(S, "short", "moons", lr=1e-4, max_steps=400, epochs=None, val_every=20),
        R(S, "short", "seq_motif", arch="gru", model="medium", lr=1e-3, batch=64, max_steps=400, epochs=None,
          val_every=20, log_every=5),
        # insufficient_data: stopped after 1-3 logged points
        R(I, "stopped30", "digits", max_steps=30, epochs=None, log_every=10, val_every=30),
        R(I, "twoepochs", "moons", epochs=2, log_every=63, val_every=None),
        R(I, "stopped20", "friedman", max_steps=20, epochs=None, log_every=10, val_every=20),
        R(I, "stopped100", "charlm_markov", arch="gru", max_steps=100, epochs=None, log_every=50, val_every=100),
        R(I, "oneepoch", "wine", batch=16, epochs=1, log_every=3),
        R(I, "stopped60", "seq_motif", arch="gru", max_steps=60, epochs=None, log_every=20, val_every=60),
        R(I, "stopped40", "charlm_stdlib", arch="gru", max_steps=40, epochs=None, log_every=20, val_every=40),
        R(I, "threeepochs", "breast_cancer", epochs=3, log_every=12, val_every=None),
        # ---- second dev batch (hastie, quantiles, swissroll, iris_noisy); appended so the
        # earlier recipes keep their index (writer, tag style and on_epoch rotate with it)
        # hastie: 2000 train, binary, non-linear (a linear model sits at chance)
        R(H, "adamwcos", "hastie", model="medium", opt="adamw", lr=2e-3, wd=0.05, sched="cosine",
          warmup=50, batch=64, epochs=20, log_every=5, val_every=20),
        R(O, "widemlp", "hastie", model="wide", n_train=300, label_noise=0.1, lr=1e-3, epochs=150,
          log_every=5),
        R(U, "linear", "hastie", model="linear", lr=1e-2, epochs=15, log_every=10),
        R(E, "adamhigh", "hastie", lr=0.05, batch=4, max_steps=2000, epochs=None, clip=1.0,
          log_every=5, val_every=25),
        R(D, "nan-lrgrow", "hastie", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=30,
          log_every=5),
        R(P, "lrbump", "hastie", model="medium", lr=1e-3, batch=64, epochs=20, val_every=20,
          bumps=[(300, 10, 50)]),
        # quantiles: 2000 train, 4 classes (Gaussian shells), 6 features
        R(H, "long6k", "quantiles", model="medium", opt="sgd", lr=0.01, sched="cosine", warmup=300,
          batch=16, max_steps=6000, epochs=None, val_every=100),
        R(O, "deepmlp", "quantiles", model="deep", n_train=200, label_noise=0.2, lr=1e-3,
          epochs=200, log_every=5),
        R(U, "heavywd", "quantiles", opt="sgd", lr=0.05, wd=2.0, epochs=20, log_every=10),
        R(D, "climb-lrgrow", "quantiles", opt="sgd", lr=0.01, sched="grow", grow=1.004, clip=1.0,
          epochs=50, log_every=10, val_every=50),
        R(P, "poison", "quantiles", lr=2e-3, epochs=25, val_every=50, poison=[(900, 30, "labels")]),
        R(S, "short", "quantiles", lr=1e-3, max_steps=400, epochs=None, val_every=20),
        # swissroll: regression of the roll position from the 3-D point
        R(H, "cosine", "swissroll", model="medium", lr=2e-3, sched="cosine", epochs=30,
          log_every=10),
        R(D, "nan-lrjump", "swissroll", opt="sgd", lr=0.01, sched="jump", jump=(800, 100),
          epochs=20, log_every=5, val_every=50),
        R(U, "linear", "swissroll", model="linear", opt="sgd", lr=0.01, epochs=20, log_every=5),
        R(E, "sgdhigh", "swissroll", opt="sgd", lr=0.3, batch=4, max_steps=2000, epochs=None,
          clip=5.0, log_every=5, val_every=25),
        R(P, "lrbump", "swissroll", lr=1e-3, epochs=30, log_every=5, val_every=50,
          bumps=[(600, 10, 30)]),
        R(I, "twoepochs", "swissroll", batch=64, epochs=2, log_every=32, val_every=None),
        # iris_noisy: 100 train / 50 val, 3 classes, 4 jittered + 4 noise features
        R(H, "adamw-wd1", "iris_noisy", opt="adamw", lr=3e-3, wd=1.0, batch=16, epochs=35),
        R(O, "widemlp", "iris_noisy", model="wide", label_noise=0.3, lr=1e-3, batch=16, epochs=300,
          log_every=5),
        R(U, "lr1e-5", "iris_noisy", opt="sgd", lr=1e-5, batch=8, epochs=40),
        R(D, "nan-lrjump", "iris_noisy", opt="sgd", lr=0.05, sched="jump", jump=(300, 200),
          batch=8, epochs=60),
        R(S, "short", "iris_noisy", opt="sgd", lr=0.002, batch=8, epochs=30),
        R(I, "oneepoch", "iris_noisy", batch=16, epochs=1, log_every=3),
        # ---- third dev batch (shapes, sine, bow_sentiment), appended like the second; more
        # training machinery: gradient accumulation, step decay, ReduceLROnPlateau, OneCycleLR,
        # Lightning EarlyStopping, val_check_interval < 1 epoch, log_every_n_steps variants
        # shapes: 2000 noisy 12x12 images, 3 classes; a small CNN (arch="cnn") or an MLP
        R(H, "cnn-warmcos", "shapes", arch="cnn", opt="adamw", lr=3e-3, wd=1e-2, sched="cosine",
          warmup=60, epochs=30, log_every=5),
        R(H, "cnn-plateau-es", "shapes", arch="cnn", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, early_stop=6, epochs=60, val_every=0.5, log_every=10, seeds=(1, 2),
          writers=("lightning_csv", "lightning_tb")),
        R(O, "widemlp", "shapes", model="wide", n_train=300, label_noise=0.2, lr=1e-3, epochs=150,
          log_every=5, seeds=(1, 2)),
        R(O, "widemlp-es", "shapes", model="wide", n_train=400, label_noise=0.2, lr=1e-3,
          epochs=300, early_stop=25, log_every=5, seeds=(1, 2),
          writers=("lightning_tb", "lightning_csv")),
        R(U, "cnn-lr1e-6", "shapes", arch="cnn", lr=1e-6, epochs=15, log_every=10, seeds=(1, 2)),
        R(E, "adamhigh", "shapes", lr=0.03, batch=4, max_steps=2000, epochs=None, clip=1.0,
          log_every=5, val_every=25, seeds=(1, 2)),
        R(D, "climb-lrgrow", "shapes", arch="cnn", opt="sgd", lr=0.01, sched="grow", grow=1.005,
          clip=1.0, epochs=30, log_every=10, val_every=50, seeds=(1, 2)),
        R(P, "cnn-lrbump", "shapes", arch="cnn", lr=2e-3, epochs=25, log_every=2, val_every=25,
          bumps=[(800, 5, 20)], seeds=(1, 2)),
        R(S, "cnn-accum", "shapes", arch="cnn", opt="sgd", lr=0.01, accum=4, epochs=24,
          log_every=1, val_every=10, writers=("summarywriter",), seeds=(1, 2)),
        R(I, "stopped30", "shapes", arch="cnn", max_steps=30, epochs=None, log_every=10,
          val_every=30, seeds=(1,)),
        # sine: 1-D regression y = sin(3x) + 0.3x + noise, standardised target
        R(H, "warmcos-accum", "sine", model="medium", lr=3e-3, sched="cosine", warmup=40, accum=4,
          epochs=60, log_every=2, writers=("summarywriter",), seeds=(1, 2)),
        R(H, "stepdecay", "sine", model="medium", lr=3e-3, sched="step", gamma=0.3,
          step_every=600, epochs=40, log_every=10, val_every=50, seeds=(1, 2, 3)),
        R(H, "onecycle", "sine", model="medium", lr=1e-2, sched="onecycle", epochs=30,
          val_every=0.25, log_every=25, writers=("lightning_csv", "lightning_tb"), seeds=(1, 2)),
        R(U, "linear", "sine", model="linear", lr=1e-2, epochs=20, log_every=10),
        R(E, "sgdhigh", "sine", opt="sgd", lr=0.3, batch=4, max_steps=2000, epochs=None,
          clip=5.0, log_every=5, val_every=25, seeds=(1, 2)),
        R(D, "nan-lrjump", "sine", opt="sgd", lr=0.01, sched="jump", jump=(800, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1, 2)),
        R(P, "poison", "sine", model="medium", lr=2e-3, epochs=25, log_every=2, val_every=25,
          poison=[(700, 20, "labels")], seeds=(1, 2)),
        R(S, "short", "sine", lr=3e-4, max_steps=400, epochs=None, val_every=20, seeds=(1, 2)),
        R(I, "oneepoch", "sine", batch=64, epochs=1, log_every=10, val_every=None, seeds=(1,)),
        # bow_sentiment: 2000 token sequences (vocab 50), label from positive vs negative tokens,
        # 10% of labels flipped (val too: accuracy tops out near 0.87-0.9)
        R(H, "bag-plateau-es", "bow_sentiment", arch="bag", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, early_stop=5, epochs=40, val_every=20, log_every=5, seeds=(1, 2),
          writers=("lightning_tb", "lightning_csv")),
        R(H, "gru-warmcos", "bow_sentiment", arch="gru", lr=3e-3, sched="cosine", warmup=50,
          batch=64, epochs=15, log_every=5, val_every=32, writers=("summarywriter",),
          seeds=(1, 2)),
        R(O, "gru-wide", "bow_sentiment", arch="gru", model="wide", n_train=200,
          label_noise=0.2, lr=3e-3, epochs=120, log_every=5, seeds=(1, 2)),
        R(O, "bag-wide", "bow_sentiment", arch="bag", model="wide", n_train=150,
          label_noise=0.2, lr=3e-3, epochs=300, log_every=5, seeds=(1, 2)),
        R(U, "bag-lr1e-5", "bow_sentiment", arch="bag", opt="sgd", lr=1e-5, epochs=10,
          log_every=10, val_every=25, seeds=(1, 2)),
        R(E, "bag-sgdhigh", "bow_sentiment", arch="bag", opt="sgd", lr=1.0, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2)),
        R(D, "climb-lrgrow", "bow_sentiment", arch="bag", lr=1e-3, sched="grow", grow=1.006,
          batch=64, epochs=60, log_every=5, val_every=25, seeds=(1, 2)),
        R(P, "bag-lrbump", "bow_sentiment", arch="bag", lr=3e-3, epochs=20, log_every=2,
          val_every=20, bumps=[(700, 10, 100)], seeds=(1, 2)),
        R(S, "gru-short", "bow_sentiment", arch="gru", lr=1e-3, batch=64, max_steps=250,
          epochs=None, val_every=10, log_every=2, seeds=(1, 2)),
        R(I, "stopped40", "bow_sentiment", arch="gru", max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,)),
        # fixes after the first pass (appended so the recipes above keep their index)
        R(P, "bag-lrbump5", "bow_sentiment", arch="bag", lr=3e-3, epochs=20, log_every=2,
          val_every=20, bumps=[(700, 5, 100)], seeds=(2,)),
        R(S, "cnn-sgd-short", "shapes", arch="cnn", opt="sgd", lr=0.01, epochs=5, log_every=5,
          val_every=0.25, writers=("lightning_csv",), seeds=(1,)),
        R(I, "stopped20", "sine", max_steps=20, epochs=None, log_every=10, val_every=20,
          writers=("lightning_tb",), seeds=(1,)),
        # ---- fourth dev batch (checker, poly_reg, arith_lm), appended like the third; spikes
        # vary in length (2-50 steps), size (x5-x100), cause and place (30%-70% of the run)
        # checker: 4x4 checkerboard on [0, 4]^2, 2 classes, 5% of labels flipped
        R(H, "warmcos", "checker", model="medium", opt="adamw", lr=3e-3, wd=1e-2,
          sched="cosine", warmup=50, epochs=40, log_every=5, seeds=(1, 2),
          writers=("summarywriter", "lightning_csv")),
        R(H, "onecycle", "checker", model="medium", lr=1e-2, sched="onecycle", epochs=30,
          val_every=0.5, log_every=10, seeds=(1, 2), writers=("lightning_tb", "lightning_csv")),
        R(O, "widemlp", "checker", model="wide", n_train=150, label_noise=0.2, lr=3e-3,
          epochs=300, log_every=5, seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(U, "linear", "checker", model="linear", lr=1e-2, epochs=15, log_every=10, seeds=(1, 2),
          writers=("lightning_csv", "summarywriter")),
        R(E, "adamhigh", "checker", lr=0.05, batch=4, max_steps=2000, epochs=None, clip=1.0,
          log_every=5, val_every=25, seeds=(1, 2), writers=("summarywriter", "lightning_tb")),
        R(D, "collapse-lrjump", "checker", opt="sgd", lr=0.1, sched="jump", jump=(1000, 50),
          epochs=30, log_every=10, val_every=50, seeds=(1,), writers=("lightning_csv",)),
        R(D, "nan-lrgrow", "checker", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=30,
          log_every=5, seeds=(1,), writers=("lightning_tb",)),
        R(P, "lrbump2-x100", "checker", model="medium", lr=2e-3, epochs=30, log_every=2,
          val_every=25, bumps=[(1200, 2, 100)], seeds=(1, 2),
          writers=("summarywriter", "lightning_csv")),
        R(P, "poisoninputs", "checker", model="medium", lr=2e-3, epochs=20, log_every=1,
          val_every=20, poison=[(500, 5, "inputs")], seeds=(1, 2),
          writers=("lightning_tb", "summarywriter")),
        R(S, "short", "checker", model="medium", lr=1e-3, max_steps=600, epochs=None,
          val_every=20, seeds=(1, 2), writers=("lightning_csv", "lightning_tb")),
        R(I, "stopped30", "checker", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=("summarywriter",)),
        # poly_reg: 5 features, y = x0^2 - x1 x2 + sin(x3) + 0.5 x4 + heteroscedastic noise
        R(H, "stepdecay-accum", "poly_reg", model="medium", lr=3e-3, sched="step", gamma=0.3,
          step_every=400, accum=2, epochs=30, log_every=5, val_every=25, seeds=(1, 2),
          writers=("summarywriter",)),
        R(H, "plateau-es", "poly_reg", model="medium", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, early_stop=6, epochs=60, val_every=0.5, log_every=10, seeds=(1, 2),
          writers=("lightning_csv", "lightning_tb")),
        R(O, "widemlp", "poly_reg", model="wide", n_train=100, lr=1e-3, epochs=300, log_every=5,
          seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(U, "heavywd", "poly_reg", opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15,
          log_every=5, seeds=(1, 2), writers=("lightning_tb", "lightning_csv")),
        R(E, "sgdhigh", "poly_reg", opt="sgd", lr=0.3, batch=4, max_steps=2000, epochs=None,
          clip=5.0, log_every=5, val_every=25, seeds=(1, 2),
          writers=("lightning_csv", "summarywriter")),
        R(D, "nan-lrjump", "poly_reg", opt="sgd", lr=0.01, sched="jump", jump=(800, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1, 2),
          writers=("summarywriter", "lightning_tb")),
        R(P, "poison", "poly_reg", model="medium", lr=2e-3, epochs=25, log_every=5,
          val_every=50, poison=[(1000, 40, "labels")], seeds=(1, 2),
          writers=("lightning_csv", "lightning_tb")),
        R(P, "lrbump50-x5", "poly_reg", model="medium", opt="sgd", lr=0.01, epochs=25,
          log_every=2, val_every=25, bumps=[(450, 50, 5)], seeds=(1,),
          writers=("summarywriter",)),
        R(S, "short", "poly_reg", lr=1e-4, max_steps=500, epochs=None, val_every=20,
          seeds=(1, 2), writers=("lightning_tb", "lightning_csv")),
        R(I, "oneepoch", "poly_reg", batch=64, epochs=1, log_every=10, val_every=None,
          seeds=(1,), writers=("lightning_csv",)),
        # arith_lm: a character LM on generated "12+7=19;" strings (13 symbols)
        R(H, "gru-warmcos", "arith_lm", arch="gru", model="medium", lr=3e-3, sched="cosine",
          warmup=100, epochs=10, log_every=10, val_every=50, seeds=(1, 2),
          writers=("summarywriter", "lightning_tb")),
        R(H, "transformer-es", "arith_lm", arch="transformer", model="medium", lr=2e-3,
          early_stop=4, epochs=30, val_every=0.5, log_every=10, seeds=(1,),
          writers=("lightning_csv",)),
        R(O, "gru-wide", "arith_lm", arch="gru", model="wide", n_train=150, lr=3e-3,
          epochs=150, log_every=5, seeds=(1,), writers=("lightning_tb",)),
        R(U, "lr1e-5", "arith_lm", arch="gru", opt="sgd", lr=1e-5, epochs=3, log_every=10,
          val_every=25, seeds=(1,), writers=("lightning_tb",)),
        R(E, "sgdhigh", "arith_lm", arch="gru", opt="sgd", lr=3.0, batch=4, max_steps=1500,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=("summarywriter",)),
        R(D, "climb-lrjump", "arith_lm", arch="gru", lr=3e-3, sched="jump", jump=(500, 100),
          epochs=8, log_every=10, val_every=50, seeds=(1,), writers=("lightning_csv",)),
        R(P, "lrbump20-x50", "arith_lm", arch="gru", model="medium", lr=2e-3, epochs=8,
          log_every=5, val_every=50, bumps=[(700, 20, 50)], seeds=(1,),
          writers=("lightning_tb",)),
        R(S, "short", "arith_lm", arch="gru", model="medium", lr=1e-3, max_steps=300,
          epochs=None, val_every=20, log_every=5, seeds=(1,), writers=("summarywriter",)),
        R(I, "stopped60", "arith_lm", arch="gru", max_steps=60, epochs=None, log_every=20,
          val_every=60, seeds=(1,), writers=("lightning_csv",)),
        # fourth batch, after the first pass: Adam 0.05 with batch 4 kills the checker MLP
        # (flat at chance), the 100-example poly_reg MLP overfits only mildly
        R(E, "adam5e-3-b4-wide", "checker", model="wide", lr=5e-3, batch=4, max_steps=3000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2),
          writers=("lightning_csv", "summarywriter")),
        R(O, "deepmlp-n50", "poly_reg", model="deep", n_train=50, lr=1e-3, batch=16,
          epochs=600, log_every=5, seeds=(1, 2), writers=("summarywriter", "lightning_csv")),
        # arith_lm: SGD 3.0 / an LR jump x100 left curves no check fits (dropped); a GRU is
        # robust, so the erratic run is Adam 0.2 with batch 4 and the divergence a growing LR
        R(E, "adam0.2-b4", "arith_lm", arch="gru", lr=0.2, batch=4, max_steps=1500,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=("summarywriter",)),
        R(D, "nan-lrgrow", "arith_lm", arch="gru", opt="sgd", lr=0.05, sched="grow",
          grow=1.01, epochs=8, log_every=10, val_every=50, seeds=(1,),
          writers=("lightning_csv",)),
        R(S, "short-lr3e-4", "arith_lm", arch="gru", lr=3e-4, max_steps=400, epochs=None,
          val_every=20, log_every=5, seeds=(1,), writers=("lightning_tb",)),
        # poly_reg: an Adam-too-hot erratic run (the first pass had only SGD ones)
        R(E, "adamhigh", "poly_reg", lr=0.05, batch=4, max_steps=2000, epochs=None, clip=1.0,
          log_every=5, val_every=25, seeds=(1, 2), writers=("lightning_tb",)),
        # ---- fifth dev batch (spiral, imbalanced, ar_forecast), appended like the fourth; spikes
        # of 1-50 steps, x5-x100, LR bumps and poisoned batches at 30%-80% of the run
        # spiral: 3-arm spiral in 2-D, 3 classes (63 steps per epoch)
        R(H, "warmcos", "spiral", model="medium", opt="adamw", lr=3e-3, wd=1e-2,
          sched="cosine", warmup=50, epochs=60, log_every=5, seeds=(1, 2),
          writers=("summarywriter", "lightning_tb")),
        R(H, "plateau-es", "spiral", model="medium", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, early_stop=8, epochs=80, val_every=0.5, log_every=10, seeds=(1,),
          writers=("lightning_csv",)),
        R(O, "widemlp", "spiral", model="wide", n_train=150, label_noise=0.2, lr=3e-3,
          epochs=300, log_every=5, seeds=(1, 2), writers=("lightning_csv", "summarywriter")),
        R(U, "linear", "spiral", model="linear", lr=1e-2, epochs=15, log_every=10, seeds=(1,),
          writers=("lightning_tb",)),
        R(U, "lr1e-6", "spiral", model="medium", lr=1e-6, epochs=10, log_every=10, seeds=(1,),
          writers=("summarywriter",)),
        R(E, "adam0.02-b4", "spiral", lr=0.02, batch=4, max_steps=2000, epochs=None, clip=1.0,
          log_every=5, val_every=25, seeds=(1,), writers=("lightning_csv",)),
        R(E, "sgdhigh-b8", "spiral", opt="sgd", lr=0.5, batch=8, max_steps=2000, epochs=None,
          clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=("summarywriter",)),
        R(D, "nan-lrgrow", "spiral", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=30,
          log_every=5, seeds=(1,), writers=("lightning_tb",)),
        R(D, "collapse-lrjump", "spiral", opt="sgd", lr=0.05, sched="jump", jump=(1000, 100),
          epochs=30, log_every=10, val_every=50, seeds=(1,), writers=("summarywriter",)),
        R(P, "lrbump10-x30", "spiral", model="medium", lr=2e-3, epochs=40, log_every=2,
          val_every=25, bumps=[(1100, 10, 30)], seeds=(1, 2),
          writers=("summarywriter", "lightning_csv")),
        R(P, "poisonlabels-epochval", "spiral", model="medium", lr=2e-3, epochs=40, log_every=5,
          poison=[(1600, 20, "labels")], seeds=(1,), writers=("lightning_tb",)),
        R(S, "short", "spiral", model="medium", lr=1e-3, max_steps=500, epochs=None,
          val_every=20, seeds=(1, 2), writers=("lightning_csv", "lightning_tb")),
        R(I, "stopped30", "spiral", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=("summarywriter",)),
        # imbalanced: 85% / 15% binary, 20 features; val F1 logged next to accuracy
        R(H, "warmcos-accum", "imbalanced", model="medium", lr=2e-3, sched="cosine", warmup=50,
          accum=2, epochs=30, log_every=5, val_every=25, seeds=(1, 2),
          writers=("summarywriter",)),
        R(H, "onecycle", "imbalanced", model="medium", lr=1e-2, sched="onecycle", epochs=20,
          val_every=0.5, log_every=10, seeds=(1, 2), writers=("lightning_tb", "lightning_csv")),
        R(O, "widemlp-noisy", "imbalanced", model="wide", n_train=200, label_noise=0.2,
          lr=3e-3, epochs=300, log_every=5, seeds=(1, 2),
          writers=("lightning_csv", "summarywriter")),
        R(U, "heavywd", "imbalanced", opt="sgd", lr=0.05, wd=2.0, epochs=20, log_every=10,
          seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(E, "sgdhigh-b4", "imbalanced", opt="sgd", lr=0.5, batch=4, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=("lightning_tb",)),
        R(E, "adam0.03-b8", "imbalanced", model="medium", lr=0.03, batch=8, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=("summarywriter",)),
        R(D, "nan-lrgrow", "imbalanced", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          epochs=30, log_every=5, seeds=(1,), writers=("lightning_csv",)),
        R(P, "lrbump1-x100", "imbalanced", model="medium", lr=2e-3, epochs=30, log_every=1,
          val_every=20, bumps=[(700, 1, 100)], seeds=(1,), writers=("lightning_csv",)),
        R(P, "poisoninputs", "imbalanced", model="medium", lr=2e-3, epochs=30, log_every=2,
          val_every=25, poison=[(1300, 8, "inputs")], seeds=(1,), writers=("summarywriter",)),
        R(S, "short-lr1e-4", "imbalanced", lr=1e-4, max_steps=400, epochs=None, val_every=20,
          seeds=(1,), writers=("lightning_tb",)),
        R(I, "oneepoch", "imbalanced", batch=64, epochs=1, log_every=10, val_every=None,
          seeds=(1,), writers=("lightning_csv",)),
        # ar_forecast: next value of a noisy AR(2) from a 32-value window (MLP or GRU)
        R(H, "stepdecay", "ar_forecast", model="medium", lr=3e-3, sched="step", gamma=0.3,
          step_every=400, epochs=30, log_every=5, val_every=25, seeds=(1, 2),
          writers=("summarywriter",)),
        R(H, "gru-plateau-es", "ar_forecast", arch="rnn", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, early_stop=6, epochs=30, val_every=0.5, log_every=10, seeds=(1,),
          writers=("lightning_csv",)),
        R(O, "widemlp-n100", "ar_forecast", model="wide", n_train=100, lr=1e-3, epochs=300,
          log_every=5, seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(U, "heavywd", "ar_forecast", opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15,
          log_every=5, seeds=(1,), writers=("lightning_csv",)),
        R(E, "sgdhigh-b4", "ar_forecast", opt="sgd", lr=0.1, batch=4, max_steps=2000,
          epochs=None, clip=5.0, log_every=5, val_every=25, seeds=(1,),
          writers=("lightning_tb",)),
        R(E, "adamhigh-b4", "ar_forecast", lr=0.03, batch=4, max_steps=2000, epochs=None,
          clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=("summarywriter",)),
        R(D, "nan-lrjump", "ar_forecast", opt="sgd", lr=0.01, sched="jump", jump=(800, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1,), writers=("lightning_csv",)),
        R(P, "lrbump30-x20", "ar_forecast", model="medium", lr=1e-3, epochs=25, log_every=2,
          val_every=25, bumps=[(800, 30, 20)], seeds=(1,), writers=("lightning_tb",)),
        R(P, "poisonlabels", "ar_forecast", model="medium", lr=1e-3, epochs=25, log_every=5,
          val_every=25, poison=[(1100, 10, "labels")], seeds=(1,), writers=("summarywriter",)),
        R(S, "short", "ar_forecast", lr=1e-4, max_steps=500, epochs=None, val_every=20,
          seeds=(1, 2), writers=("summarywriter", "lightning_csv")),
        R(I, "stopped20", "ar_forecast", max_steps=20, epochs=None, log_every=10, val_every=20,
          seeds=(1,), writers=("lightning_tb",)),
        # fifth batch, after the first pass: the spiral is learnt within 500 steps at Adam 1e-3
        # (those short runs read healthy) and the medium MLPs overfit the imbalanced task
        R(S, "short-lr2e-4", "spiral", model="medium", lr=2e-4, max_steps=500, epochs=None,
          val_every=20, seeds=(1, 2), writers=("lightning_csv", "lightning_tb")),
        R(H, "small-wd-es", "imbalanced", opt="adamw", lr=1e-3, wd=0.05, early_stop=4,
          epochs=40, val_every=0.5, log_every=10, seeds=(1, 2),
          writers=("lightning_tb", "lightning_csv")),
    ] + dev6_recipes()


def dev6_recipes() -> list[Recipe]:
    """Sixth dev batch (blobs10, sparse_reg, parity, wordlm), appended after the fifth so the
    earlier recipes keep their index. The same machinery (warm-up + cosine, step decay,
    ReduceLROnPlateau, OneCycleLR, EarlyStopping, val_check_interval, accumulation, logging
    every 1-10 steps, 20-20,000 logged points); spikes of 3-50 steps, LR bumps x10-x50 and
    poisoned batches (random labels, inputs x10 / random tokens) at 35%-70% of the run. After
    the first look at the contact sheets: Adam 0.02-0.05 or SGD 0.3 on the small / medium MLPs
    leaves blobs10's val loss too smooth (or at chance) to be erratic, so its erratic runs are a
    deep MLP (Adam 0.02-0.05 or SGD 0.1 with batch 4 on it lands anywhere from smooth to a
    collapse at chance depending on the seed and the loop; the two kept are the seeds / writers
    that bounce); parity's Adam 0.05 sits at ln 2 (SGD 0.5 with batch 4 bounces); no hot
    optimiser made the wordlm GRU erratic (its val loss, averaged over 9,600 characters, stays
    smooth), so wordlm has no erratic run; a LR x100 jump leaves wordlm at 1.7x its best (x1000
    collapses it)."""
    R = Recipe
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    return [
        # blobs10: 10 overlapping Gaussian blobs in 8-D (1800 train / 500 val, 57 steps per
        # epoch at batch 32); val accuracy tops out near 0.75
        R(H, "warmcos", "blobs10", opt="adamw", lr=3e-3, wd=1e-2, sched="cosine", warmup=50,
          epochs=30, log_every=5, seeds=(1, 2), writers=("summarywriter", "lightning_csv")),
        R(H, "plateau-es", "blobs10", lr=3e-3, sched="plateau", gamma=0.5, patience=2,
          early_stop=6, epochs=60, val_every=0.5, log_every=10, seeds=(1,),
          writers=("lightning_tb",)),
        R(H, "long20k-sgd-wd-dropout", "blobs10", opt="sgd", lr=0.01, wd=1e-3, dropout=0.2,
          sched="cosine", warmup=500, batch=16, max_steps=20000, epochs=None, val_every=100,
          seeds=(1,), writers=("summarywriter",)),
        R(O, "widemlp-noisy", "blobs10", model="wide", n_train=200, label_noise=0.2, batch=16,
          epochs=150, log_every=5, seeds=(1, 2), writers=("lightning_csv", "summarywriter")),
        R(O, "deepmlp-n300", "blobs10", model="deep", n_train=300, label_noise=0.1, epochs=150,
          log_every=10, seeds=(1,), writers=("lightning_tb",)),
        R(U, "heavywd", "blobs10", opt="sgd", lr=0.05, wd=2.0, epochs=20, log_every=10,
          seeds=(1,), writers=("summarywriter",)),
        R(U, "lr1e-6", "blobs10", model="medium", lr=1e-6, epochs=10, log_every=10, seeds=(1,),
          writers=("lightning_csv",)),
        R(E, "deep-adam0.02-b4", "blobs10", model="deep", lr=0.02, batch=4, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=("summarywriter",)),
        R(E, "deep-sgd0.1-b4", "blobs10", model="deep", opt="sgd", lr=0.1, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(2,),
          writers=("summarywriter",)),
        R(D, "nan-lrgrow", "blobs10", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=30,
          log_every=5, seeds=(1,), writers=("lightning_tb",)),
        R(D, "collapse-lrjump", "blobs10", opt="sgd", lr=0.05, sched="jump", jump=(800, 100),
          epochs=30, log_every=10, val_every=50, seeds=(1,), writers=("summarywriter",)),
        R(P, "lrbump10-x30", "blobs10", model="medium", lr=2e-3, epochs=30, log_every=2,
          val_every=25, bumps=[(900, 10, 30)], seeds=(1, 2),
          writers=("summarywriter", "lightning_csv")),
        R(P, "poisonlabels-epochval", "blobs10", model="medium", lr=2e-3, epochs=30, log_every=5,
          poison=[(1100, 20, "labels")], seeds=(1,), writers=("lightning_tb",)),
        R(S, "short-lr2e-4", "blobs10", lr=2e-4, max_steps=500, epochs=None, val_every=20,
          seeds=(1, 2), writers=("lightning_csv", "summarywriter")),
        R(I, "stopped30", "blobs10", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=("summarywriter",)),
        # sparse_reg: 60 features, 6 informative, noisy linear target (2000 train, 63 steps per
        # epoch); the best val MSE is ~0.15-0.3 (a linear fit's), an unregularised MLP overfits
        R(H, "l2-warmcos", "sparse_reg", model="medium", lr=2e-3, wd=0.1, sched="cosine",
          warmup=50, epochs=30, log_every=5, val_every=25, seeds=(1, 2),
          writers=("summarywriter",)),
        R(H, "linear-long10k-lr5e-5", "sparse_reg", model="linear", opt="sgd", lr=5e-5,
          batch=16, max_steps=10000, epochs=None, val_every=100, seeds=(1,),
          writers=("lightning_csv",)),
        R(H, "medium-es", "sparse_reg", model="medium", lr=1e-3, early_stop=3, epochs=60,
          val_every=0.5, log_every=10, seeds=(1,), writers=("lightning_tb",)),
        R(O, "medium-noreg", "sparse_reg", model="medium", lr=1e-3, epochs=60, log_every=5,
          seeds=(1, 2), writers=("summarywriter", "lightning_csv")),
        R(O, "medium-n1000", "sparse_reg", model="medium", n_train=1000, lr=1e-3, epochs=100,
          log_every=5, seeds=(1,), writers=("lightning_tb",)),
        R(U, "lr1e-6", "sparse_reg", model="medium", lr=1e-6, epochs=10, log_every=10,
          seeds=(1,), writers=("summarywriter",)),
        R(U, "heavywd", "sparse_reg", opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15,
          log_every=5, seeds=(1,), writers=("lightning_csv",)),
        R(E, "sgd0.1-b8", "sparse_reg", opt="sgd", lr=0.1, batch=8, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2),
          writers=("lightning_tb", "lightning_csv")),
        R(E, "adam0.03-b4", "sparse_reg", lr=0.03, batch=4, max_steps=2000, epochs=None,
          clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=("summarywriter",)),
        R(D, "nan-lrjump", "sparse_reg", opt="sgd", lr=0.01, sched="jump", jump=(800, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1,), writers=("lightning_csv",)),
        R(D, "nan-lrgrow", "sparse_reg", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          batch=16, epochs=20, log_every=5, seeds=(1,), writers=("summarywriter",)),
        R(P, "lrbump40-x10", "sparse_reg", model="medium", opt="sgd", lr=0.01, wd=0.1,
          epochs=25, log_every=2, val_every=25, bumps=[(600, 40, 10)], seeds=(1,),
          writers=("summarywriter",)),
        R(P, "poisonlabels", "sparse_reg", model="medium", lr=1e-3, wd=0.1, epochs=25,
          log_every=5, val_every=25, poison=[(1000, 20, "labels")], seeds=(1, 2),
          writers=("lightning_csv", "lightning_tb")),
        R(P, "poisoninputs-log1", "sparse_reg", model="medium", lr=1e-3, wd=0.1, epochs=20,
          log_every=1, val_every=20, poison=[(700, 3, "inputs")], seeds=(1,),
          writers=("summarywriter",)),
        R(S, "short-lr1e-4", "sparse_reg", lr=1e-4, max_steps=500, epochs=None, val_every=20,
          seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(I, "oneepoch", "sparse_reg", batch=64, epochs=1, log_every=10, val_every=None,
          seeds=(1,), writers=("lightning_csv",)),
        # parity: parity of the 1s in 8-10 random bits (GRU; 63 steps per epoch). A GRU sits at
        # ln 2 for 1000-2500 steps, then drops to ~0 within ~100 steps; with 5% of the train
        # labels flipped the train loss keeps a floor (~0.1), so spikes have a level to rise from
        R(H, "gru-n05-long", "parity", arch="gru", label_noise=0.05, lr=3e-3, max_steps=6000,
          epochs=None, log_every=5, val_every=50, seeds=(1, 2),
          writers=("summarywriter", "lightning_csv")),
        R(H, "gru-stepdecay", "parity", arch="gru", lr=3e-3, sched="step", gamma=0.3,
          step_every=2500, max_steps=6000, epochs=None, log_every=10, val_every=50, seeds=(1,),
          writers=("lightning_tb",)),
        R(H, "gru-long8k", "parity", arch="gru", model="medium", lr=1e-3, max_steps=8000,
          epochs=None, val_every=50, seeds=(1,), writers=("summarywriter",)),
        R(O, "gru-wide-noisy", "parity", arch="gru", model="wide", n_train=200, label_noise=0.2,
          lr=3e-3, epochs=200, log_every=5, seeds=(1, 2),
          writers=("lightning_csv", "summarywriter")),
        R(U, "gru-lr1e-5", "parity", arch="gru", opt="sgd", lr=1e-5, batch=64, epochs=8,
          log_every=5, val_every=25, seeds=(1,), writers=("lightning_csv",)),
        R(U, "transformer", "parity", arch="transformer", lr=1e-3, epochs=40, log_every=10,
          val_every=50, seeds=(1,), writers=("summarywriter",)),
        R(E, "gru-sgd0.5-b4", "parity", arch="gru", opt="sgd", lr=0.5, batch=4, max_steps=3000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=("lightning_tb",)),
        R(D, "climb-lrgrow", "parity", arch="gru", label_noise=0.05, lr=1e-3, sched="grow",
          grow=1.0025, max_steps=3000, epochs=None, log_every=5, val_every=50, seeds=(1,),
          writers=("summarywriter",)),
        R(D, "collapse-lrjump", "parity", arch="gru", label_noise=0.05, lr=3e-3, sched="jump",
          jump=(3000, 100), max_steps=5000, epochs=None, log_every=10, val_every=50, seeds=(1,),
          writers=("lightning_csv",)),
        R(P, "poisoninputs", "parity", arch="gru", label_noise=0.05, lr=3e-3, max_steps=6000,
          epochs=None, log_every=5, val_every=50, poison=[(4000, 10, "inputs")], seeds=(1,),
          writers=("summarywriter",)),
        R(P, "lrbump20-x20", "parity", arch="gru", label_noise=0.05, lr=3e-3, max_steps=6000,
          epochs=None, log_every=5, val_every=50, bumps=[(3800, 20, 20)], seeds=(1,),
          writers=("lightning_csv",)),
        R(P, "poisonlabels", "parity", arch="gru", label_noise=0.05, lr=3e-3, max_steps=6000,
          epochs=None, log_every=10, val_every=50, poison=[(3500, 30, "labels")], seeds=(1,),
          writers=("lightning_tb",)),
        R(S, "gru-cut-mid-drop", "parity", arch="gru", lr=1e-3, max_steps=2450, epochs=None,
          log_every=5, val_every=10, seeds=(1,), writers=("summarywriter",)),
        R(I, "stopped60", "parity", arch="gru", max_steps=60, epochs=None, log_every=20,
          val_every=60, seeds=(1,), writers=("lightning_csv",)),
        # wordlm: a character LM on sentences of a small random grammar (23 symbols; 125 steps
        # per epoch at batch 32); val loss floor ~0.5 nats per character
        R(H, "gru-warmcos", "wordlm", arch="gru", model="medium", lr=3e-3, sched="cosine",
          warmup=100, epochs=10, log_every=10, val_every=50, seeds=(1, 2),
          writers=("summarywriter", "lightning_tb")),
        R(H, "transformer-es", "wordlm", arch="transformer", model="medium", lr=2e-3,
          early_stop=4, epochs=30, val_every=0.5, log_every=10, seeds=(1,),
          writers=("lightning_csv",)),
        R(H, "gru-onecycle", "wordlm", arch="gru", lr=1e-2, sched="onecycle", epochs=8,
          val_every=0.25, log_every=5, seeds=(1,), writers=("lightning_csv",)),
        R(O, "gru-wide-n150", "wordlm", arch="gru", model="wide", n_train=150, lr=3e-3,
          epochs=150, log_every=5, seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(U, "gru-lr1e-5", "wordlm", arch="gru", opt="sgd", lr=1e-5, epochs=3, log_every=10,
          val_every=25, seeds=(1,), writers=("summarywriter",)),
        R(U, "gru-heavywd", "wordlm", arch="gru", lr=3e-3, wd=0.5, epochs=4, log_every=10,
          val_every=50, seeds=(1,), writers=("lightning_csv",)),
        R(D, "nan-lrgrow", "wordlm", arch="gru", opt="sgd", lr=0.05, sched="grow", grow=1.01,
          epochs=8, log_every=10, val_every=50, seeds=(1,), writers=("lightning_csv",)),
        R(D, "collapse-lrjump-x1000", "wordlm", arch="gru", lr=3e-3, sched="jump",
          jump=(500, 1000), epochs=8, log_every=10, val_every=50, seeds=(1,),
          writers=("lightning_tb",)),
        R(P, "lrbump10-x50", "wordlm", arch="gru", model="medium", lr=2e-3, epochs=12,
          log_every=5, val_every=50, bumps=[(600, 10, 50)], seeds=(1,),
          writers=("summarywriter",)),
        R(P, "poisoninputs", "wordlm", arch="gru", model="medium", lr=3e-3, epochs=8,
          log_every=5, val_every=50, poison=[(550, 50, "inputs")], seeds=(1,),
          writers=("lightning_csv",)),
        R(S, "short-lr3e-4", "wordlm", arch="gru", lr=3e-4, max_steps=400, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=("lightning_tb", "summarywriter")),
        R(I, "stopped40", "wordlm", arch="gru", max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,), writers=("lightning_tb",)),
        # gradient accumulation (SummaryWriter loop and Lightning accumulate_grad_batches)
        R(H, "l2-stepdecay-accum", "sparse_reg", model="medium", lr=2e-3, wd=0.1, sched="step",
          gamma=0.3, step_every=300, accum=2, epochs=30, log_every=5, val_every=25, seeds=(1,),
          writers=("summarywriter",)),
        R(H, "warmcos-accum", "blobs10", opt="adamw", lr=3e-3, wd=1e-2, sched="cosine",
          warmup=30, accum=4, epochs=40, log_every=2, seeds=(1,), writers=("lightning_csv",)),
    ] + dev7_recipes()


SW, LC, LT = WRITERS


def dev7_recipes() -> list[Recipe]:
    """Seventh dev batch (xor3d, sparse_uncorr, reverse_lm), appended after the sixth so the
    earlier recipes keep their index. The same machinery as batches 3-6, and the logs written the
    ways people write them: SummaryWriter loops that call the held-out set "test" (Loss/test,
    loss/test, test/loss, test_loss), that spell train / val train_loss / valid_loss or
    "training loss" / "validation loss", that log the val (test) loss with the epoch index as its
    step while the train loss is at the global step (add_scalar(tag, v, epoch), 0- or 1-based),
    or the train loss too once per epoch (its epoch mean) at the epoch index; Lightning runs that
    log train_loss on_step + on_epoch (train_loss_step / train_loss_epoch) or on_epoch only.
    Steps per epoch at batch 32: xor3d 57, sparse_uncorr 63, reverse_lm 125. After the first look
    at the contact sheets: no small / medium MLP on xor3d is erratic (Adam 0.01-0.05 or SGD
    0.1-0.5 with batch 4-8 either learns it with small swings or sits at ln 2), only a wide MLP
    with Adam 0.02 and batch 8 bounces, and on seed 1 only; the long SGD xor3d run overfits
    without weight decay and dropout; sparse_uncorr's erratic runs are a medium MLP at Adam 0.05
    (Adam 0.03 on the small one swings too little), its Adam LR bump needs x100 (x20 is a 1.8x
    blip), and a medium MLP on all 2000 examples overfits seed 2 from its first epoch (val best
    at the first eval, +17%: moved to 1000 examples); reverse_lm has no erratic run (a hot GRU or
    transformer sits at the unigram level) and its spikes are poisoned batches logged every step:
    the train loss peaks at ~3x for a few steps, then the model sits at the unigram level (~3.3,
    1.7x) for ~200 steps and recovers (an LR bump of x50 leaves the transformer there for good)."""
    R = Recipe
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    return [
        # xor3d: sign of x0 x1 x2 plus 5 noise features, 3% flipped (1800 train / 500 val); a
        # small MLP sits at ln 2 for ~200-400 steps, then drops to ~0.3
        R(H, "small-warmcos", "xor3d", opt="adamw", lr=3e-3, wd=1e-2, sched="cosine", warmup=50,
          epochs=40, log_every=5, seeds=(1, 2), writers=(SW, LC), style="Loss_test",
          val_step="epoch", train_log="step,both"),
        R(H, "medium-plateau-es", "xor3d", model="medium", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, early_stop=6, epochs=60, val_every=0.5, log_every=10, seeds=(1,),
          writers=(LT,), train_log="epoch"),
        R(H, "small-stepdecay", "xor3d", lr=3e-3, sched="step", gamma=0.3, step_every=800,
          max_steps=3000, epochs=None, log_every=2, val_every=50, seeds=(1,), writers=(SW,),
          style="underscore_valid"),
        R(H, "long10k-sgd-wd-dropout", "xor3d", opt="sgd", lr=0.02, wd=1e-3, dropout=0.2,
          sched="cosine", warmup=300, batch=16, max_steps=10000, epochs=None, val_every=100,
          seeds=(1,), writers=(SW,), style="slash_test"),
        R(O, "wide-n600-noisy", "xor3d", model="wide", n_train=600, label_noise=0.1,
          epochs=150, log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_test",
          val_step="epoch1", train_log="step"),
        R(O, "medium-long", "xor3d", model="medium", lr=3e-3, epochs=100, log_every=10,
          seeds=(1,), writers=(LT,), train_log="both"),
        R(U, "linear", "xor3d", model="linear", lr=1e-2, epochs=15, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="spaced", val_step="epoch", train_log="epoch,step"),
        R(U, "lr1e-6", "xor3d", model="medium", lr=1e-6, epochs=10, log_every=10, seeds=(1,),
          writers=(LT,), train_log="step"),
        R(E, "wide-adam0.02-b8", "xor3d", model="wide", lr=0.02, batch=8, max_steps=3000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=(SW,),
          style="lower"),
        R(D, "nan-lrgrow", "xor3d", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=30,
          log_every=5, seeds=(1,), writers=(SW,), style="Loss"),
        R(D, "collapse-lrjump", "xor3d", opt="sgd", lr=0.05, sched="jump", jump=(800, 100),
          epochs=30, log_every=10, val_every=50, seeds=(1,), writers=(LC,), train_log="both"),
        R(P, "lrbump10-x30", "xor3d", lr=3e-3, epochs=30, log_every=2, val_every=25,
          bumps=[(900, 10, 30)], seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(P, "poisonlabels-epochval", "xor3d", lr=3e-3, epochs=30, log_every=5,
          poison=[(1000, 20, "labels")], seeds=(1,), writers=(LT,), train_log="both"),
        R(P, "poisoninputs20-log1-epochidx", "xor3d", lr=3e-3, epochs=30, log_every=1,
          poison=[(800, 20, "inputs")], seeds=(1,), writers=(SW,), style="Loss",
          val_step="epoch"),
        R(S, "cut-mid-drop", "xor3d", max_steps=600, epochs=None, val_every=20, seeds=(1, 2),
          writers=(LC, SW), style="underscore_valid", train_log="step"),
        R(I, "stopped30", "xor3d", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=(SW,), style="underscore_test"),
        # sparse_uncorr: y = x0 + 2 x1 - 2 x2 - 1.5 x3 + noise (10 features, 2000 train); the best
        # val MSE, a linear fit's, is ~0.3; an unregularised medium MLP overfits it
        R(H, "small-warmcos", "sparse_uncorr", lr=2e-3, sched="cosine", warmup=50, epochs=30,
          log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step,epoch"),
        R(H, "linear-sgd-long8k", "sparse_uncorr", model="linear", opt="sgd", lr=1e-4,
          batch=16, max_steps=8000, epochs=None, val_every=100, seeds=(1,), writers=(SW,),
          style="spaced"),
        R(H, "small-onecycle", "sparse_uncorr", lr=1e-2, sched="onecycle", epochs=20,
          val_every=0.25, log_every=5, seeds=(1,), writers=(LT,), train_log="both"),
        R(H, "medium-l2-es", "sparse_uncorr", model="medium", lr=1e-3, wd=0.1, early_stop=4,
          epochs=60, val_every=0.5, log_every=10, seeds=(1,), writers=(LC,), train_log="epoch"),
        R(H, "small-epochidx", "sparse_uncorr", lr=1e-3, epochs=40, log_every=10, seeds=(1,),
          writers=(SW,), style="underscore_test", val_step="epoch1"),
        R(O, "medium-noreg", "sparse_uncorr", model="medium", lr=1e-3, epochs=60, log_every=5,
          seeds=(1,), writers=(SW,), style="Loss_test", val_step="epoch", train_log="step"),
        R(O, "medium-n1000", "sparse_uncorr", model="medium", n_train=1000, lr=1e-3,
          epochs=100, log_every=5, seeds=(2,), writers=(LC,), train_log="both"),
        R(O, "medium-n300", "sparse_uncorr", model="medium", n_train=300, epochs=200,
          log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(O, "wide-n300-epochlog", "sparse_uncorr", model="wide", n_train=300, epochs=150,
          seeds=(1,), writers=(SW,), style="underscore_valid", val_step="epoch",
          train_log="epoch"),
        R(U, "heavywd", "sparse_uncorr", opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(U, "lr1e-6-epochlog", "sparse_uncorr", model="medium", lr=1e-6, epochs=10,
          seeds=(1,), writers=(SW,), style="slash_test", val_step="epoch1", train_log="epoch"),
        R(E, "medium-adam0.05-b4", "sparse_uncorr", model="medium", lr=0.05, batch=4,
          max_steps=2000, epochs=None,
          clip=1.0, log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LT),
          style="underscore_test", train_log="step"),
        R(E, "sgd0.1-b8", "sparse_uncorr", opt="sgd", lr=0.1, batch=8, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=(LC,),
          train_log="step"),
        R(D, "nan-lrjump", "sparse_uncorr", opt="sgd", lr=0.01, sched="jump", jump=(800, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1,), writers=(SW,), style="spaced"),
        R(D, "nan-lrgrow", "sparse_uncorr", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          batch=16, epochs=20, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "lrbump10-x100", "sparse_uncorr", lr=1e-3, wd=0.1, epochs=25, log_every=2,
          val_every=25, bumps=[(800, 10, 100)], seeds=(1,), writers=(SW,), style="lower_test"),
        R(P, "poisonlabels", "sparse_uncorr", lr=1e-3, epochs=25, log_every=5, val_every=25,
          poison=[(900, 20, "labels")], seeds=(1, 2), writers=(LC, LT), train_log="step,both"),
        R(P, "poisoninputs-log1", "sparse_uncorr", lr=1e-3, epochs=20, log_every=1,
          poison=[(700, 3, "inputs")], seeds=(1,), writers=(SW,), style="Loss"),
        R(S, "short-lr1e-4", "sparse_uncorr", lr=1e-4, max_steps=500, epochs=None,
          val_every=20, seeds=(1, 2), writers=(LT, SW), style="lower", train_log="step"),
        R(I, "oneepoch", "sparse_uncorr", batch=64, epochs=1, log_every=10, seeds=(1,),
          writers=(LC,), train_log="step"),
        # reverse_lm: "abcde|edcba;" strings (28 symbols, 125 steps per epoch at batch 32); the
        # word half costs ln 26 per letter, the reversed half is learnable: floor ~1.5 nats per
        # character; a transformer sits at the unigram level (~3.1) for ~200 steps, then drops
        # to ~1.9; a GRU falls steadily to ~2.0-2.1
        R(H, "transformer-warmcos", "reverse_lm", arch="transformer", model="medium", lr=2e-3,
          sched="cosine", warmup=100, max_steps=2500, epochs=None, log_every=10, val_every=50,
          seeds=(1,), writers=(SW,), style="Loss_test"),
        R(H, "gru-wide-cosine", "reverse_lm", arch="gru", model="wide", lr=3e-3, sched="cosine",
          epochs=12, val_every=0.5, log_every=10, seeds=(1,), writers=(LC,), train_log="both"),
        R(H, "transformer-es", "reverse_lm", arch="transformer", model="medium", lr=2e-3,
          early_stop=3, epochs=20, val_every=0.5, log_every=10, seeds=(1,), writers=(LT,),
          train_log="step"),
        R(H, "transformer-cosine-epochval", "reverse_lm", arch="transformer", model="medium",
          lr=2e-3, sched="cosine", epochs=16, log_every=5, seeds=(1,), writers=(SW,),
          style="spaced"),
        R(O, "gru-wide-n150", "reverse_lm", arch="gru", model="wide", n_train=150, batch=16,
          lr=3e-3, epochs=100, log_every=5, seeds=(1, 2), writers=(SW, LC),
          style="underscore_valid", val_step="epoch", train_log="step"),
        R(U, "gru-lr1e-5", "reverse_lm", arch="gru", opt="sgd", lr=1e-5, epochs=3, log_every=10,
          val_every=25, seeds=(1,), writers=(SW,), style="lower"),
        R(U, "gru-heavywd", "reverse_lm", arch="gru", lr=3e-3, wd=0.5, epochs=4, log_every=10,
          val_every=50, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "nan-lrgrow", "reverse_lm", arch="gru", opt="sgd", lr=0.05, sched="grow",
          grow=1.01, epochs=8, log_every=10, val_every=50, seeds=(1,), writers=(LC,),
          train_log="both"),
        R(D, "collapse-lrjump-x1000", "reverse_lm", arch="gru", lr=3e-3, sched="jump",
          jump=(600, 1000), epochs=8, log_every=10, val_every=50, seeds=(1,), writers=(SW,),
          style="spaced"),
        R(P, "transformer-poisonlabels-log1", "reverse_lm", arch="transformer", model="medium",
          lr=2e-3, max_steps=1600, epochs=None, log_every=1, val_every=50,
          poison=[(900, 20, "labels")], seeds=(1,), writers=(SW,), style="Loss"),
        R(P, "transformer-poisoninputs-log1", "reverse_lm", arch="transformer", model="medium",
          lr=2e-3, max_steps=1600, epochs=None, log_every=1, val_every=50,
          poison=[(800, 20, "inputs")], seeds=(1,), writers=(LT,), train_log="step"),
        R(S, "gru-short-lr1e-3", "reverse_lm", arch="gru", lr=1e-3, max_steps=500, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower_test",
          train_log="step"),
        R(I, "stopped40", "reverse_lm", arch="gru", max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,), writers=(LT,), train_log="step"),
    ] + dev8_recipes()


def dev8_recipes() -> list[Recipe]:
    """Eighth dev batch (lang_id, friedman2, rings), appended after the seventh so the earlier
    recipes keep their index. The machinery of batches 3-7 and the logs written the seventh
    batch's ways (held-out set "val" or "test", epoch-indexed val points, Lightning on_step /
    on_epoch train loss). Steps per epoch at batch 32: lang_id 57, friedman2 63, rings 57."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    return [
        # rings: 3 concentric noisy rings (r 1 / 2 / 3, sd 0.3), 1800 train / 500 val; a linear
        # model sits near chance (ln 3), an MLP reaches ~0.93
        R(H, "small-warmcos", "rings", opt="adamw", lr=3e-3, wd=1e-2, sched="cosine", warmup=50,
          epochs=40, log_every=5, seeds=(1, 2), writers=(SW, LC), style="Loss_test",
          train_log="step,both"),
        R(H, "medium-plateau-es", "rings", model="medium", lr=3e-3, sched="plateau", gamma=0.5,
          early_stop=6, epochs=60, val_every=0.5, log_every=10, seeds=(1,), writers=(LC,),
          train_log="step"),
        R(H, "small-stepdecay", "rings", lr=3e-3, sched="step", gamma=0.3, step_every=800,
          epochs=40, log_every=10, seeds=(1,), writers=(LT,), train_log="both"),
        R(H, "small-epochidx", "rings", lr=2e-3, sched="cosine", epochs=40, log_every=10,
          seeds=(1,), writers=(SW,), style="underscore_valid", val_step="epoch"),
        R(O, "wide-n150-noisy", "rings", model="wide", n_train=150, label_noise=0.3, lr=1e-3,
          batch=16, epochs=250, log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(O, "wide-n120-noisy-long", "rings", model="wide", n_train=120, label_noise=0.3,
          lr=1e-3, batch=16, epochs=300, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(U, "linear", "rings", model="linear", lr=1e-2, epochs=15, log_every=10, seeds=(1, 2),
          writers=(SW, LT), style="lower_test", train_log="step"),
        R(U, "lr1e-6", "rings", model="medium", lr=1e-6, epochs=10, log_every=10, seeds=(1,),
          writers=(LC,), train_log="step"),
        R(E, "medium-adam0.05-b4", "rings", model="medium", lr=0.05, batch=4, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC),
          style="spaced", train_log="step"),
        R(D, "nan-lrgrow", "rings", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=30,
          log_every=5, seeds=(1,), writers=(SW,), style="Loss"),
        R(D, "collapse-lrjump", "rings", opt="sgd", lr=0.05, sched="jump", jump=(700, 100),
          epochs=25, log_every=10, val_every=50, seeds=(1,), writers=(LC,), train_log="both"),
        R(P, "lrbump10-x50", "rings", lr=3e-3, epochs=30, log_every=2, val_every=25,
          bumps=[(800, 10, 50)], seeds=(1, 2), writers=(SW, LT), style="slash_test",
          train_log="step"),
        R(P, "poisonlabels", "rings", lr=3e-3, epochs=30, log_every=5, val_every=25,
          poison=[(900, 20, "labels")], seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "poisoninputs5-log1", "rings", lr=3e-3, epochs=25, log_every=1,
          poison=[(700, 5, "inputs")], seeds=(1,), writers=(SW,), style="lower"),
        R(S, "short-lr3e-4", "rings", lr=3e-4, max_steps=400, epochs=None, val_every=20,
          log_every=5, seeds=(1, 2), writers=(LC, SW), style="underscore_test",
          train_log="step"),
        R(I, "stopped30", "rings", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=(SW,), style="slash"),
        # friedman2: make_friedman2 (4 features) + noise sd 150, target standardised; best val
        # MSE ~0.14 (a linear fit ~0.23)
        R(H, "small-warmcos", "friedman2", lr=2e-3, sched="cosine", warmup=50, epochs=40,
          log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC), style="underscore_valid",
          train_log="step,epoch"),
        R(H, "medium-l2-es", "friedman2", model="medium", lr=1e-3, wd=0.1, early_stop=5,
          epochs=60, val_every=0.5, log_every=10, seeds=(1,), writers=(LC,), train_log="both"),
        R(H, "small-onecycle", "friedman2", lr=1e-2, sched="onecycle", epochs=25,
          val_every=0.25, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(H, "small-epochidx1", "friedman2", lr=1e-3, epochs=40, log_every=10, seeds=(1,),
          writers=(SW,), style="Loss_test", val_step="epoch1"),
        R(O, "wide-n150", "friedman2", model="wide", n_train=150, batch=16, epochs=250,
          log_every=5, seeds=(1, 2), writers=(SW, LT), style="lower", train_log="step"),
        R(O, "wide-n100-epochlog", "friedman2", model="wide", n_train=100, batch=16, epochs=300,
          seeds=(1,), writers=(SW,), style="underscore_test", val_step="epoch",
          train_log="epoch"),
        R(U, "heavywd", "friedman2", opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(U, "lr1e-6", "friedman2", model="medium", lr=1e-6, epochs=10, log_every=10,
          seeds=(1,), writers=(SW,), style="slash"),
        R(E, "medium-adam0.08-b4", "friedman2", model="medium", lr=0.08, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=(SW,), style="Loss", train_log="step"),
        R(D, "nan-lrgrow", "friedman2", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          batch=16, epochs=20, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "nan-lrjump", "friedman2", opt="sgd", lr=0.01, sched="jump", jump=(600, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1,), writers=(SW,), style="spaced"),
        R(P, "poisoninputs10", "friedman2", lr=1e-3, epochs=25, log_every=2,
          val_every=25, poison=[(800, 10, "inputs")], seeds=(1,), writers=(SW,), style="slash"),
        R(P, "poisonlabels", "friedman2", lr=1e-3, epochs=25, log_every=5, val_every=25,
          poison=[(700, 20, "labels")], seeds=(1, 2), writers=(LC, LT), train_log="step,both"),
        R(S, "short-lr1e-4", "friedman2", lr=1e-4, max_steps=500, epochs=None, val_every=20,
          seeds=(1, 2), writers=(LT, SW), style="lower_test", train_log="step"),
        R(I, "oneepoch", "friedman2", batch=64, epochs=1, log_every=10, seeds=(1,),
          writers=(LC,), train_log="step"),
        # lang_id: which of 4 similar Markov chains wrote a 24-symbol string (1800 train / 500
        # val); a GRU reads bigrams (~0.84 val accuracy), a bag of tokens only unigram counts
        R(H, "gru-cosine", "lang_id", arch="gru", lr=3e-3, sched="cosine", epochs=20,
          log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC), style="Loss",
          train_log="step"),
        R(H, "gru-medium-es", "lang_id", arch="gru", model="medium", lr=2e-3, early_stop=4,
          epochs=30, val_every=0.5, log_every=10, seeds=(1,), writers=(LT,), train_log="both"),
        R(O, "gru-wide-n200", "lang_id", arch="gru", model="wide", n_train=200, lr=3e-3,
          epochs=80, log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash_test",
          val_step="epoch", train_log="step"),
        R(U, "bag-linear", "lang_id", arch="bag", model="linear", lr=1e-2, epochs=15,
          log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        R(U, "gru-lr1e-5", "lang_id", arch="gru", opt="sgd", lr=1e-5, epochs=5, log_every=10,
          val_every=25, seeds=(1,), writers=(SW,), style="lower"),
        R(E, "gru-medium-adam0.02-b4", "lang_id", arch="gru", model="medium", lr=0.02, batch=4,
          max_steps=1500, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=(LC,), train_log="step"),
        R(D, "gru-nan-lrgrow", "lang_id", arch="gru", opt="sgd", lr=0.05, sched="grow",
          grow=1.01, epochs=10, log_every=5, val_every=25, seeds=(1,), writers=(LC,),
          train_log="both"),
        R(P, "gru-poisonlabels-log1", "lang_id", arch="gru", lr=3e-3, epochs=20, log_every=1,
          val_every=25, poison=[(600, 20, "labels")], seeds=(1,), writers=(SW,),
          style="underscore_test"),
        R(S, "gru-short", "lang_id", arch="gru", lr=1e-3, max_steps=300, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="spaced",
          train_log="step"),
        R(I, "stopped40", "lang_id", arch="gru", max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,), writers=(LC,), train_log="step"),
        # after the first look: Adam 0.08 is erratic on seed 1 but trends on seed 2, Adam 0.05
        # the other way round (appended here so that the recipes above keep their index)
        R(E, "medium-adam0.05-b4", "friedman2", model="medium", lr=0.05, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(2,),
          writers=(LT,), train_log="step"),
    ] + (dev9_recipes() + dev10_recipes() + dev11_recipes() + dev12_recipes() + dev13_recipes()
         + dev14_recipes() + dev15_recipes() + dev16_recipes() + dev17_recipes()
         + dev18_recipes() + dev19_recipes() + dev20_recipes() + dev21_recipes()
         + dev22_recipes() + dev23_recipes() + dev24_recipes() + dev25_recipes()
         + dev26_recipes())


def _regression_faults(task: str) -> list[Recipe]:
    """The diverging, loss-spike, still-improving and insufficient-data recipes the ninth and
    tenth batches share for their standardised regressions (s_curve, friedman3): LR growing
    to NaN or jumping, inputs x10 / LR x100 / random-target batches, a run cut at 500 steps,
    one epoch."""
    R = Recipe
    SW, LC, LT = WRITERS
    D, S, I, P = "diverging", "still_improving", "insufficient_data", "loss_spike"
    return [
        R(D, "nan-lrgrow", task, opt="sgd", lr=0.01, sched="grow", grow=1.006,
          batch=16, epochs=20, log_every=5, seeds=(1,), writers=(SW,), style="slash"),
        R(D, "nan-lrjump", task, opt="sgd", lr=0.01, sched="jump", jump=(600, 100),
          epochs=20, log_every=5, val_every=50, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "poisoninputs10", task, lr=1e-3, epochs=25, log_every=2, val_every=25,
          poison=[(700, 10, "inputs")], seeds=(1,), writers=(SW,), style="lower"),
        R(P, "lrbump10-x100", task, lr=1e-3, epochs=25, log_every=2, val_every=25,
          bumps=[(800, 10, 100)], seeds=(1,), writers=(LT,), train_log="step"),
        R(P, "poisonlabels20-running", task, lr=1e-3, epochs=25, log_every=5,
          poison=[(900, 20, "labels")], seeds=(1,), writers=(SW,), style="underscore_val",
          train_log="running"),
        R(S, "short-lr1e-4", task, lr=1e-4, max_steps=500, epochs=None, val_every=20,
          log_every=5, seeds=(1, 2), writers=(LT, SW), style="Loss", train_log="step"),
        R(I, "oneepoch", task, batch=64, epochs=1, log_every=10, seeds=(1,),
          writers=(LC,), train_log="step"),
    ]


def dev9_recipes() -> list[Recipe]:
    """Ninth dev batch (classes20, s_curve, dyck_lm, wave_cls), appended after the eighth so the
    earlier recipes keep their index. The machinery of batches 3-8, the logs written the seventh
    and eighth batches' ways, plus SummaryWriter loops that log a running mean of the train loss
    every N batches (train_log "running", the PyTorch tutorial's running_loss / N, reset after
    each write) and validate every k epochs (val_epochs), tags train_loss / val_loss
    (underscore_val) next to Loss/train and loss/train; Lightning check_val_every_n_epoch=2,
    val_check_interval in steps, log_every_n_steps 1-50. Steps per epoch at batch 32:
    classes20 79, s_curve 63, dyck_lm 125, wave_cls 63."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    return [
        # classes20: make_classification, 20 classes, 24 features (12 informative), 2500 train /
        # 500 val; a medium MLP reaches ~0.75 val accuracy, a linear model ~0.53 (ln 20 = 3.0)
        R(H, "medium-running-cosine", "classes20", model="medium", opt="adamw", lr=2e-3,
          wd=1e-2, dropout=0.1, sched="cosine", epochs=30, log_every=20, seeds=(1, 2),
          writers=(SW, LC), style="Loss", train_log="running,step"),
        R(H, "small-plateau-valk2", "classes20", lr=3e-3, sched="plateau", gamma=0.5,
          patience=2, epochs=40, val_epochs=2, log_every=10, seeds=(1,), writers=(SW,),
          style="underscore_val"),
        R(H, "medium-es-valk2", "classes20", model="medium", lr=1e-3, dropout=0.2,
          early_stop=4, epochs=60, val_epochs=2, log_every=50, seeds=(1,), writers=(LT,),
          train_log="step"),
        R(O, "wide-n400-noisy", "classes20", model="wide", n_train=400, label_noise=0.2,
          lr=1e-3, epochs=150, log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="running,step"),
        R(U, "lr1e-6", "classes20", model="medium", lr=1e-6, epochs=15, log_every=10,
          seeds=(1,), writers=(SW,), style="Loss"),
        R(U, "heavywd", "classes20", opt="sgd", lr=0.05, wd=2.0, epochs=20, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "medium-adam0.05-b4", "classes20", model="medium", lr=0.05, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2),
          writers=(SW, LC), style="underscore_val", train_log="step"),
        R(D, "nan-lrgrow", "classes20", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          epochs=20, log_every=5, seeds=(1,), writers=(SW,), style="lower"),
        R(D, "collapse-lrjump", "classes20", opt="sgd", lr=0.05, sched="jump", jump=(800, 100),
          epochs=20, log_every=10, val_every=50, seeds=(1,), writers=(LC,), train_log="both"),
        R(P, "lrbump10-x50", "classes20", lr=2e-3, epochs=25, log_every=2, val_every=25,
          bumps=[(900, 10, 50)], seeds=(1, 2), writers=(SW, LT), style="slash",
          train_log="step"),
        R(P, "poisonlabels30-running", "classes20", lr=2e-3, epochs=25, log_every=10,
          poison=[(1000, 30, "labels")], seeds=(1,), writers=(SW,), style="Loss",
          train_log="running"),
        R(S, "short-lr3e-4", "classes20", lr=3e-4, max_steps=400, epochs=None, val_every=20,
          log_every=5, seeds=(1, 2), writers=(LT, SW), style="underscore_val",
          train_log="step"),
        R(I, "stopped30", "classes20", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=(LC,), train_log="step"),
        # s_curve: the S position t (standardised) from the noisy 3-D point, t noise sd 0.8: the
        # best val MSE is ~0.13-0.14 (a linear fit ~0.22)
        R(H, "medium-running-cosine", "s_curve", model="medium", lr=2e-3, sched="cosine",
          epochs=40, log_every=20, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="running,step"),
        R(H, "small-valk5", "s_curve", lr=1e-3, epochs=100, val_epochs=5, log_every=10,
          seeds=(1,), writers=(SW,), style="Loss"),
        R(H, "medium-plateau-valk2", "s_curve", model="medium", lr=2e-3, wd=1e-3,
          sched="plateau", gamma=0.5, patience=2, epochs=50, val_epochs=2, log_every=25,
          seeds=(1,), writers=(LC,), train_log="both"),
        R(H, "small-onecycle-val100", "s_curve", lr=1e-2, sched="onecycle", epochs=30,
          val_every=100, log_every=1, seeds=(1,), writers=(LT,), train_log="step"),
        R(O, "wide-n150", "s_curve", model="wide", n_train=150, batch=16, epochs=250,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(U, "linear-sgd", "s_curve", model="linear", opt="sgd", lr=0.01, epochs=20,
          log_every=5, seeds=(1,), writers=(SW,), style="underscore_val"),
        R(U, "lr1e-6", "s_curve", model="medium", lr=1e-6, epochs=10, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "medium-adam0.05-b4", "s_curve", model="medium", lr=0.05, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=(SW,), style="Loss", train_log="step"),
        R(E, "medium-adam0.05-b4", "s_curve", model="medium", lr=0.05, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(2,),
          writers=(LC,), train_log="step"),
        *_regression_faults("s_curve"),
        # dyck_lm: next-bracket prediction on balanced strings of ()[]{} (7 symbols); a small GRU
        # reaches ~1.2 nats per character (unigram ~1.9), a small transformer ~1.28
        R(H, "gru-n1000-running-cosine", "dyck_lm", arch="gru", n_train=1000, lr=1e-3,
          sched="cosine", epochs=40, log_every=8, seeds=(1, 2), writers=(SW, LC), style="Loss",
          train_log="running,step"),
        R(H, "gru-medium-val25", "dyck_lm", arch="gru", model="medium", lr=1e-3,
          sched="cosine", epochs=10, val_every=25, log_every=20, seeds=(1,), writers=(LC,),
          train_log="step"),
        R(H, "transformer-warmcos-val25", "dyck_lm", arch="transformer", lr=1e-3,
          sched="cosine", warmup=100, epochs=8, log_every=10, val_every=25, seeds=(1,),
          writers=(LT,), train_log="step"),
        R(O, "gru-wide-n150", "dyck_lm", arch="gru", model="wide", n_train=150, lr=3e-3,
          epochs=80, log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="step"),
        R(U, "gru-sgd-lr1e-5", "dyck_lm", arch="gru", opt="sgd", lr=1e-5, epochs=3,
          log_every=10, val_every=25, seeds=(1,), writers=(SW,), style="underscore_val"),
        R(U, "transformer-lr1e-6", "dyck_lm", arch="transformer", lr=1e-6, epochs=3,
          log_every=10, val_every=25, seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "gru-sgd2-b8", "dyck_lm", arch="gru", opt="sgd", lr=2.0, batch=8, max_steps=1500,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=(SW,),
          style="slash"),
        R(D, "gru-nan-lrgrow", "dyck_lm", arch="gru", opt="sgd", lr=0.05, sched="grow",
          grow=1.01, epochs=8, log_every=5, val_every=25, seeds=(1,), writers=(LC,),
          train_log="both"),
        R(P, "gru-poisonlabels-log1", "dyck_lm", arch="gru", lr=3e-3, max_steps=1500,
          epochs=None, log_every=1, val_every=50, poison=[(700, 20, "labels")], seeds=(1,),
          writers=(SW,), style="underscore_val"),
        R(P, "gru-poisoninputs", "dyck_lm", arch="gru", lr=3e-3, max_steps=1500, epochs=None,
          log_every=2, val_every=50, poison=[(800, 20, "inputs")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(S, "gru-short", "dyck_lm", arch="gru", lr=1e-3, max_steps=400, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="lower",
          train_log="step"),
        R(I, "stopped40", "dyck_lm", arch="gru", max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,), writers=(LC,), train_log="step"),
        # wave_cls: 64-sample noisy sine / square / sawtooth / triangle; a 1-D CNN or a GRU over
        # the samples reaches ~0.75 val accuracy (sine and triangle get confused), an MLP on the
        # raw signal overfits within a few epochs, a linear model sits at chance (ln 4)
        R(H, "cnn-running-cosine", "wave_cls", arch="conv1d", lr=2e-3, sched="cosine",
          epochs=30, log_every=10, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="running,step"),
        R(H, "gru-valk2", "wave_cls", arch="rnn", lr=3e-3, sched="cosine", epochs=20,
          val_epochs=2, log_every=10, seeds=(1,), writers=(LC,), train_log="both"),
        R(H, "cnn-plateau-epochidx1", "wave_cls", arch="conv1d", lr=2e-3, sched="plateau",
          gamma=0.5, patience=2, epochs=30, log_every=10, seeds=(1,), writers=(SW,),
          style="Loss", val_step="epoch1"),
        R(H, "cnn-medium-es", "wave_cls", arch="conv1d", model="medium", lr=2e-3,
          early_stop=5, epochs=40, val_every=0.5, log_every=5, seeds=(1,), writers=(LT,),
          train_log="step"),
        R(O, "mlp-medium-n600", "wave_cls", model="medium", n_train=600, lr=1e-3, epochs=100,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(U, "linear", "wave_cls", model="linear", lr=1e-2, epochs=15, log_every=10,
          seeds=(1,), writers=(SW,), style="Loss"),
        R(U, "cnn-lr1e-6", "wave_cls", arch="conv1d", lr=1e-6, epochs=10, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "cnn-adam0.03-b4", "wave_cls", arch="conv1d", lr=0.03, batch=4, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,), writers=(SW,),
          style="slash"),
        R(E, "mlp-sgd0.3-b4", "wave_cls", model="medium", opt="sgd", lr=0.3, batch=4,
          max_steps=2000, epochs=None, clip=5.0, log_every=5, val_every=25, seeds=(1,),
          writers=(LC,), train_log="step"),
        R(D, "cnn-nan-lrgrow", "wave_cls", arch="conv1d", opt="sgd", lr=0.01, sched="grow",
          grow=1.006, epochs=25, log_every=5, seeds=(1,), writers=(SW,), style="underscore_val"),
        R(D, "cnn-collapse-lrjump", "wave_cls", arch="conv1d", opt="sgd", lr=0.05,
          sched="jump", jump=(700, 100), epochs=20, log_every=10, val_every=50, seeds=(1,),
          writers=(LC,), train_log="step"),
        R(P, "cnn-poisoninputs5-log1", "wave_cls", arch="conv1d", lr=2e-3, epochs=25,
          log_every=1, val_every=25, poison=[(900, 5, "inputs")], seeds=(1,), writers=(SW,),
          style="lower"),
        R(P, "cnn-poisonlabels", "wave_cls", arch="conv1d", lr=2e-3, epochs=25, log_every=5,
          val_every=25, poison=[(700, 20, "labels")], seeds=(1,), writers=(LT,),
          train_log="step"),
        R(S, "gru-short", "wave_cls", arch="rnn", lr=1e-3, max_steps=400, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(I, "stopped30", "wave_cls", arch="conv1d", max_steps=30, epochs=None, log_every=10,
          val_every=30, seeds=(1,), writers=(LC,), train_log="step"),
    ]


def dev10_recipes() -> list[Recipe]:
    """Tenth dev batch (digits_cnn, multilabel, friedman3, copy_lm), appended after the ninth so
    the earlier recipes keep their index. The machinery and ways of logging of batches 7-9
    (tag spellings, val at the epoch index, running-mean train logs, val every k epochs,
    Lightning on_step / on_epoch, check_val_every_n_epoch, val_check_interval, log_every_n_steps
    1-50). New losses: multilabel is BCE-with-logits averaged over 8 labels (chance ~0.54, not
    ln C; val_acc the subset accuracy, val_f1 the micro-F1), copy_lm a per-token cross-entropy
    on the copied half only. Steps per epoch at batch 32: digits_cnn 44, multilabel 63,
    friedman3 63, copy_lm 125."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    return [
        # digits_cnn: 8x8 digits + pixel noise (sd 1.5 of 0-16), 10% of all labels flipped (val
        # too: accuracy tops out ~0.87); 1397 train / 400 val; a small 2-D CNN ~0.8-0.85
        R(H, "cnn-running-cosine", "digits_cnn", arch="cnn", lr=2e-3, sched="cosine", epochs=30,
          log_every=10, seeds=(1, 2), writers=(SW, LC), style="Loss", train_log="running,step"),
        R(H, "cnn-medium-es-val0.5", "digits_cnn", arch="cnn", model="medium", lr=2e-3,
          early_stop=4, epochs=60, val_every=0.5, log_every=5, seeds=(1,), writers=(LT,),
          train_log="step"),
        R(H, "cnn-plateau-valk2", "digits_cnn", arch="cnn", lr=2e-3, sched="plateau", gamma=0.5,
          patience=2, epochs=40, val_epochs=2, log_every=10, seeds=(1,), writers=(SW,),
          style="underscore_val"),
        R(O, "mlp-medium-long", "digits_cnn", model="medium", lr=1e-3, epochs=60, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(O, "cnn-wide-n300-noisy", "digits_cnn", arch="cnn", model="wide", n_train=300,
          label_noise=0.2, lr=1e-3, epochs=200, log_every=2, seeds=(1,), writers=(LT,), train_log="both"),
        R(U, "cnn-lr1e-6", "digits_cnn", arch="cnn", lr=1e-6, epochs=10, log_every=10,
          seeds=(1,), writers=(SW,), style="Loss"),
        R(U, "mlp-heavywd", "digits_cnn", opt="sgd", lr=0.05, wd=2.0, epochs=20, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step"),
        # (no erratic recipe: hot Adam (0.01-0.03, batch 4-8) on digits_cnn MLPs bounced near
        # chance with a slow upward drift, read as neither erratic nor overfitting)
        R(D, "nan-lrgrow", "digits_cnn", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          epochs=35, log_every=5, seeds=(1,), writers=(SW,), style="slash"),
        R(D, "cnn-collapse-lrjump", "digits_cnn", arch="cnn", opt="sgd", lr=0.05, sched="jump",
          jump=(500, 100), epochs=20, log_every=10, val_every=50, seeds=(1,), writers=(LC,),
          train_log="both"),
        R(P, "cnn-lrbump5-x30", "digits_cnn", arch="cnn", lr=2e-3, epochs=25, log_every=2,
          val_every=25, bumps=[(550, 5, 30)], seeds=(1, 2), writers=(SW, LT), style="slash",
          train_log="step"),
        R(P, "cnn-poisonlabels20-running", "digits_cnn", arch="cnn", lr=2e-3, epochs=25,
          log_every=5, poison=[(600, 20, "labels")], seeds=(1,), writers=(SW,), style="Loss",
          train_log="running"),
        R(P, "mlp-poisoninputs10-log1", "digits_cnn", lr=1e-3, epochs=15, log_every=1,
          val_every=22, poison=[(330, 10, "inputs")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(S, "cnn-short-lr1e-3", "digits_cnn", arch="cnn", lr=1e-3, max_steps=250, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="underscore_val",
          train_log="step"),
        R(I, "stopped30", "digits_cnn", arch="cnn", max_steps=30, epochs=None, log_every=10,
          val_every=30, seeds=(1,), writers=(LC,), train_log="step"),
        # multilabel: make_multilabel_classification (20 count features, 8 labels, ~2 per
        # example), 2000 train / 300 val; BCE chance (label priors) ~0.54, a medium MLP ~0.30
        # (micro-F1 ~0.69), a linear model ~0.34
        R(H, "medium-running-cosine", "multilabel", model="medium", opt="adamw", lr=2e-3,
          wd=1e-2, dropout=0.1, sched="cosine", epochs=25, log_every=20, seeds=(1, 2),
          writers=(SW, LC), style="Loss", train_log="running,step"),
        R(H, "small-es-valk2", "multilabel", lr=1e-3, early_stop=4, epochs=60, val_epochs=2,
          log_every=50, seeds=(1,), writers=(LT,), train_log="step"),
        R(O, "wide-n300-noisy", "multilabel", model="wide", n_train=300, label_noise=0.1,
          lr=1e-3, epochs=100, log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="step"),
        R(O, "deep-n600", "multilabel", model="deep", n_train=600, lr=1e-3, epochs=80,
          log_every=5, seeds=(1,), writers=(LT,), train_log="both"),
        R(U, "lr1e-6", "multilabel", model="medium", lr=1e-6, epochs=15, log_every=10,
          seeds=(1,), writers=(SW,), style="Loss"),
        R(U, "tiny-heavywd", "multilabel", model="tiny", opt="sgd", lr=0.05, wd=1.0, epochs=20,
          log_every=10, seeds=(1,), writers=(LC,), train_log="step"),
        R(U, "medium-adam0.08-b4", "multilabel", model="medium", lr=0.08, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1,),
          writers=(SW,), style="underscore_val", train_log="step", acceptable=["erratic"]),
        R(D, "nan-lrgrow", "multilabel", opt="sgd", lr=0.01, sched="grow", grow=1.006,
          epochs=20, log_every=5, seeds=(1,), writers=(SW,), style="slash"),
        R(D, "lrjump-x100", "multilabel", opt="sgd", lr=0.05, sched="jump", jump=(600, 100),
          epochs=20, log_every=10, val_every=50, seeds=(1,), writers=(LC,), train_log="both"),
        R(P, "poisonlabels20-log2", "multilabel", lr=2e-3, epochs=20, log_every=2, val_every=25,
          poison=[(600, 20, "labels")], seeds=(1, 2), writers=(SW, LT), style="slash",
          train_log="step"),
        R(P, "poisonlabels30-running", "multilabel", lr=2e-3, epochs=20, log_every=10,
          poison=[(700, 30, "labels")], seeds=(1,), writers=(SW,), style="underscore_val",
          train_log="running"),
        R(P, "poisoninputs5-log1", "multilabel", lr=1e-3, epochs=15, log_every=1, val_every=25,
          poison=[(500, 5, "inputs")], seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "short-lr3e-4", "multilabel", model="medium", lr=3e-4, max_steps=300, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="lower",
          train_log="step"),
        R(I, "oneepoch", "multilabel", batch=64, epochs=1, log_every=10, seeds=(1,),
          writers=(LC,), train_log="step"),
        # friedman3: make_friedman3 (atan target) + N(0, 0.15^2), standardised; 2000 train / 300
        # val; a medium MLP ~0.20-0.21 val MSE, a linear fit ~0.44
        R(H, "medium-running-cosine", "friedman3", model="medium", lr=2e-3, sched="cosine",
          epochs=40, log_every=20, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="running,step"),
        R(H, "small-valk5-epochidx", "friedman3", lr=1e-3, epochs=80, val_epochs=5,
          log_every=10, seeds=(1,), writers=(SW,), style="Loss_test", val_step="epoch"),
        R(H, "medium-plateau-valk2", "friedman3", model="medium", lr=2e-3, wd=1e-3,
          sched="plateau", gamma=0.5, patience=2, epochs=50, val_epochs=2, log_every=25,
          seeds=(1,), writers=(LC,), train_log="both"),
        R(H, "small-onecycle-val100", "friedman3", lr=1e-2, sched="onecycle", epochs=30,
          val_every=100, log_every=1, seeds=(1,), writers=(LT,), train_log="step"),
        R(O, "wide-n150", "friedman3", model="wide", n_train=150, batch=16, epochs=250,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(U, "linear-sgd", "friedman3", model="linear", opt="sgd", lr=0.01, epochs=20,
          log_every=5, seeds=(1,), writers=(SW,), style="spaced"),
        R(U, "lr1e-6", "friedman3", model="medium", lr=1e-6, epochs=10, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "medium-adam0.08-b4", "friedman3", model="medium", lr=0.08, batch=4,
          max_steps=2000, epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="underscore_val", train_log="step"),
        R(E, "deep-adam0.03-b4", "friedman3", model="deep", lr=0.03, batch=4, max_steps=2000,
          epochs=None, clip=1.0, log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC),
          style="Loss", train_log="step"),
        *_regression_faults("friedman3"),
        # copy_lm: 8 random digits, a separator, the digits again (5% of them replaced); the loss
        # is the cross-entropy of the 8 copied digits (chance ln 10 = 2.30, floor ~0.29). A small
        # transformer sits high for ~400-900 steps, then drops to the floor within ~300 steps; a
        # GRU falls slowly and steadily
        R(H, "transformer-warmcos-val25", "copy_lm", arch="transformer", lr=1e-3,
          sched="cosine", warmup=100, epochs=12, log_every=5, val_every=25, seeds=(1,),
          writers=(LT,), train_log="step"),
        R(H, "transformer-lr5e-4-running", "copy_lm", arch="transformer", lr=5e-4, epochs=16,
          log_every=10, seeds=(1, 2), writers=(SW, LC), style="Loss", train_log="running,step"),
        R(H, "transformer-long5k-log1", "copy_lm", arch="transformer", lr=5e-4,
          max_steps=5000, epochs=None, log_every=1, val_every=50, seeds=(3,), writers=(SW,),
          style="underscore_val", train_log="step"),
        R(O, "gru-wide-n300-noisy", "copy_lm", arch="gru", model="wide", n_train=300,
          label_noise=0.1, lr=3e-3, epochs=100, log_every=5, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(U, "gru-sgd-lr1e-4", "copy_lm", arch="gru", opt="sgd", lr=1e-4, epochs=3,
          log_every=10, val_every=25, seeds=(1,), writers=(SW,), style="slash"),
        R(U, "transformer-adam0.03-b4", "copy_lm", arch="transformer", lr=0.03, batch=4,
          max_steps=1500, epochs=None, log_every=5, val_every=25, seeds=(1,), writers=(LC,),
          train_log="step", acceptable=["erratic"]),
        R(D, "transformer-nan-lrgrow", "copy_lm", arch="transformer", opt="sgd", lr=0.05,
          sched="grow", grow=1.01, epochs=8, log_every=5, val_every=25, seeds=(1,),
          writers=(LC,), train_log="both"),
        R(D, "transformer-lrjump-x100", "copy_lm", arch="transformer", lr=1e-3, sched="jump",
          jump=(1000, 100), epochs=12, log_every=5, val_every=25, seeds=(1,), writers=(SW,),
          style="Loss"),
        R(P, "transformer-poisonlabels-log1", "copy_lm", arch="transformer", lr=1e-3,
          max_steps=1500, epochs=None, log_every=1, val_every=50, poison=[(900, 20, "labels")],
          seeds=(1,), writers=(SW,), style="underscore_val"),
        R(P, "transformer-lrbump10-x30", "copy_lm", arch="transformer", lr=1e-3, max_steps=1500,
          epochs=None, log_every=2, val_every=25, bumps=[(850, 10, 30)], seeds=(1,),
          writers=(LT,), train_log="step"),
        R(P, "transformer-poisoninputs", "copy_lm", arch="transformer", lr=1e-3,
          max_steps=1500, epochs=None, log_every=2, val_every=50, poison=[(900, 20, "inputs")],
          seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "gru-short", "copy_lm", arch="gru", lr=3e-3, max_steps=600, epochs=None,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="lower",
          train_log="step"),
        R(I, "stopped40", "copy_lm", arch="transformer", max_steps=40, epochs=None,
          log_every=20, val_every=40, seeds=(1,), writers=(LC,), train_log="step"),
    ]


def dev11_recipes() -> list[Recipe]:
    """Eleventh dev batch (descr_lm, digits_shift, noisy4), appended after the tenth so the
    earlier recipes keep their index. Aimed at what field runs make hard: fine-tunes (pretrain:
    the body trained first, unlogged, on related data) whose val loss is low from the first
    eval and gains a few percent after it, next to real underfitting (LR far too low with a
    fresh head, a frozen body) and overfitting (a fine-tune on 150 examples); short runs of
    8-15 per-epoch evals (erratic, still_improving, overfitting); a task whose loss floor is
    high (noisy4: 28% of all labels flipped, floor ~0.9-1.0 of ln 4 = 1.39) next to true
    underfitting at chance. Steps per epoch: descr_lm 125 (batch 32), digits_shift 38 (batch
    16), noisy4 63 (batch 32)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    FT = {"arch": "gru", "pretrain": 1500}          # descr_lm: a GRU LM pre-trained on stdlib text
    FD = {"model": "medium", "pretrain": 600, "batch": 16}     # digits_shift: MLP on clean digits
    return [
        # descr_lm: a character LM of sklearn's dataset descriptions (43,000 characters, 96
        # symbols shared with the stdlib docstrings); the pre-trained GRU starts at ~2.6 nats,
        # one epoch of fine-tuning takes it to ~2.4, from scratch ~3.3 after one epoch
        R(H, "ft-gru-cosine", "descr_lm", **FT, lr=1e-3, sched="cosine", epochs=8, log_every=10,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_val", train_log="step"),
        R(H, "ft-gru-linear-val50", "descr_lm", **FT, lr=1e-3, sched="linear", max_steps=750,
          epochs=None, val_every=50, log_every=5, seeds=(1, 2), writers=(LC, SW), style="Loss",
          train_log="both"),
        R(U, "ft-freshhead-frozen-lr1e-5", "descr_lm", **FT, fresh_head=True, freeze=True,
          lr=1e-5, epochs=4, log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LT),
          style="slash", train_log="step"),
        R(U, "scratch-gru-sgd-lr1e-5", "descr_lm", arch="gru", opt="sgd", lr=1e-5, epochs=3,
          log_every=10, val_every=25, seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "scratch-gru-short", "descr_lm", arch="gru", lr=2e-3, epochs=10, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(D, "ft-lrjump-x100", "descr_lm", **FT, lr=1e-3, sched="jump", jump=(300, 100),
          max_steps=750, epochs=None, log_every=5, val_every=50, seeds=(1,), writers=(SW,),
          style="Loss"),
        R(P, "ft-poisonlabels20-log2", "descr_lm", **FT, lr=1e-3, max_steps=800, epochs=None,
          log_every=2, val_every=50, poison=[(400, 20, "labels")], seeds=(1,), writers=(LT,),
          train_log="step"),
        # (an Adam LR bump x50 for 10 steps moved the fine-tune's train loss only 1.1x)
        R(P, "ft-poisoninputs20-log2", "descr_lm", **FT, lr=1e-3, max_steps=800, epochs=None,
          log_every=2, val_every=50, poison=[(420, 20, "inputs")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(I, "stopped40", "descr_lm", **FT, max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,), writers=(LC,), train_log="step"),
        # digits_shift: an MLP pre-trained on clean digits (one half of load_digits), fine-tuned
        # on the other half at 75% contrast with pixel noise (599 train / 300 val): val ~0.23
        # before any step, ~0.17 after the first epoch (scratch: ~2.1, floor ~0.25)
        R(H, "ft-medium-lr3e-4", "digits_shift", **FD, lr=3e-4, epochs=12, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_val", train_log="step"),
        R(H, "ft-freshhead-cosine", "digits_shift", **FD, fresh_head=True, lr=1e-3,
          sched="cosine", epochs=15, log_every=5, seeds=(1, 2), writers=(LC, SW), style="Loss",
          train_log="both"),
        R(H, "scratch-medium-es", "digits_shift", model="medium", batch=16, lr=1e-3,
          early_stop=4, epochs=60, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(O, "ft-wide-n150-noisy30", "digits_shift", model="wide", pretrain=600, batch=16,
          n_train=150, label_noise=0.3, lr=1e-3, epochs=40, log_every=2, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="lower", train_log="step"),
        R(O, "ft-wide-n150-noisy30-e12", "digits_shift", model="wide", pretrain=600, batch=16,
          n_train=150, label_noise=0.3, lr=1e-3, epochs=12, log_every=2, seeds=(1, 2),
          writers=(LC, SW), style="spaced", train_log="step"),
        R(U, "ft-freshhead-lr1e-6", "digits_shift", **FD, fresh_head=True, lr=1e-6, epochs=10,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "scratch-heavywd", "digits_shift", opt="sgd", lr=0.05, wd=2.0, batch=16, epochs=15,
          log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(E, "ft-adam0.03-b4", "digits_shift", model="medium", pretrain=600, batch=4, lr=0.03,
          clip=1.0, epochs=12, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="underscore_val", train_log="step"),
        R(D, "nan-lrgrow", "digits_shift", opt="sgd", lr=0.01, sched="grow", grow=1.01,
          batch=16, epochs=25, log_every=5, seeds=(1,), writers=(SW,), style="slash"),
        R(P, "ft-lrbump5-x50", "digits_shift", **FD, lr=3e-4, epochs=15, log_every=2,
          val_every=19, bumps=[(250, 5, 50)], seeds=(1,), writers=(LT,), train_log="step"),
        R(P, "ft-poisonlabels10", "digits_shift", **FD, lr=3e-4, epochs=15, log_every=2,
          val_every=19, poison=[(260, 10, "labels")], seeds=(1,), writers=(SW,), style="Loss"),
        R(S, "scratch-short-lr3e-4", "digits_shift", model="medium", batch=16, lr=3e-4,
          epochs=12, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step"),
        R(I, "oneepoch", "digits_shift", **FD, lr=3e-4, epochs=1, log_every=10, seeds=(1,),
          writers=(SW,), style="lower"),
        # noisy4: make_classification, 4 classes of 2 clusters, 28% of all labels flipped (val
        # too): a medium MLP levels off at val ~0.98 (ln 4 = 1.39), with accuracy ~0.65
        R(H, "small-wd-cosine", "noisy4", opt="adamw", lr=2e-3, wd=1e-2, sched="cosine",
          epochs=20, log_every=10, seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss_test",
          train_log="step"),
        R(H, "medium-e12", "noisy4", model="medium", lr=1e-3, epochs=12, log_every=10,
          seeds=(1, 2), writers=(LC, SW), style="underscore_val", train_log="both"),
        R(H, "small-es-val0.5", "noisy4", lr=1e-3, early_stop=4, epochs=60, val_every=0.5,
          log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        # (no erratic recipe: Adam 0.01-0.05 / SGD 0.3 with batch 4-8 either bounce 5-10% around
        # the noise floor, read as no regime by the checks, or sit near chance)
        R(O, "wide-n300", "noisy4", model="wide", n_train=300, lr=1e-3, epochs=40, log_every=2,
          seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(O, "wide-n300-e12", "noisy4", model="wide", n_train=300, lr=1e-3, epochs=12,
          log_every=2, seeds=(1,), writers=(LT,), train_log="step"),
        R(U, "lr1e-6", "noisy4", model="medium", lr=1e-6, epochs=12, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "heavywd", "noisy4", opt="sgd", lr=0.05, wd=2.0, epochs=15, log_every=10,
          seeds=(1,), writers=(LT,), train_log="step"),
        R(D, "nan-lrgrow", "noisy4", opt="sgd", lr=0.01, sched="grow", grow=1.006, epochs=20,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "lrjump-x100", "noisy4", opt="sgd", lr=0.05, sched="jump", jump=(400, 100),
          epochs=15, log_every=10, val_every=50, seeds=(1,), writers=(SW,), style="Loss"),
        # (random labels only double a loss that sits at 0.95 of a 1.39 chance level)
        R(P, "poisoninputs20-log2", "noisy4", lr=2e-3, epochs=15, log_every=2, val_every=25,
          poison=[(500, 20, "inputs")], seeds=(1,), writers=(SW,), style="slash"),
        R(P, "lrbump10-x50", "noisy4", lr=1e-3, epochs=15, log_every=2, val_every=25,
          bumps=[(520, 10, 50)], seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "short-lr1e-4", "noisy4", lr=1e-4, epochs=15, log_every=10, seeds=(1, 2),
          writers=(LT, SW), style="underscore_val", train_log="step"),
        R(I, "stopped30", "noisy4", max_steps=30, epochs=None, log_every=10, val_every=30,
          seeds=(1,), writers=(LT,), train_log="step"),
        # more short runs (after the first look at the sheets): erratic fine-tunes, a fresh head
        # at a low LR still falling after 10 epochs, overfitting within 15 evals
        R(E, "ft-adam0.01-b4", "digits_shift", model="medium", pretrain=600, batch=4, lr=0.01,
          clip=1.0, epochs=12, log_every=10, seeds=(1, 2, 3), writers=(LT, SW, LC),
          style="Loss", train_log="step"),
        R(S, "ft-freshhead-lr1e-4-e10", "digits_shift", **FD, fresh_head=True, lr=1e-4,
          epochs=10, log_every=5, seeds=(1, 2), writers=(SW, LT), style="lower_test",
          train_log="step"),
        R(O, "wide-n200-e15", "noisy4", model="wide", n_train=200, lr=1e-3, epochs=15,
          log_every=2, seeds=(1, 2), writers=(SW, LC), style="underscore_valid",
          train_log="step"),
        # more spikes and divergences on the fine-tunes
        R(P, "ft-poisonlabels10-log1", "descr_lm", **FT, lr=1e-3, max_steps=800, epochs=None,
          log_every=1, val_every=50, poison=[(450, 10, "labels")], seeds=(2,), writers=(SW,),
          style="underscore_valid"),
        R(P, "ft-poisonlabels30-log5", "descr_lm", **FT, lr=1e-3, max_steps=800, epochs=None,
          log_every=5, val_every=40, poison=[(380, 30, "labels")], seeds=(1,), writers=(LC,),
          train_log="both"),
        R(D, "ft-sgd-nan-lrgrow", "descr_lm", **FT, opt="sgd", lr=0.05, sched="grow",
          grow=1.01, max_steps=700, epochs=None, log_every=5, val_every=50, seeds=(1,),
          writers=(LT,), train_log="step"),
        R(D, "ft-lrjump-x300", "digits_shift", **FD, lr=3e-4, sched="jump", jump=(200, 300),
          epochs=15, log_every=2, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "poisoninputs10-log1", "noisy4", lr=2e-3, epochs=15, log_every=1, val_every=21,
          poison=[(530, 10, "inputs")], seeds=(1,), writers=(LT,), train_log="step"),
    ]

def dev12_recipes() -> list[Recipe]:
    """Twelfth dev batch (gratings, seq_major, multireg), appended after the eleventh so the
    earlier recipes keep their index. Aimed at trainings unlike the earlier batches: a small CNN
    on 16x16 noisy gratings (4 orientations), an LSTM on token sequences (seq_major: which of 4
    voting tokens dominates, a Bayes ceiling near 0.8), a 3-output MLP regression (multireg: MSE
    averaged over the targets); SGD with momentum and step decay, OneCycle, warm-up then linear
    decay, ReduceLROnPlateau, AdamW with weight decay, gradient clipping, noise augmentation that
    keeps train above val; batch 4-8 runs of 3,000-7,500 logged steps next to 6-12-eval short
    runs; Lightning val_check_interval < 1 epoch. Steps per epoch at batch 32: 63 (all three)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    CNN = {"arch": "cnn"}
    LSTM = {"arch": "lstm"}
    return [
        # gratings: a CNN reaches val ~0.35 (accuracy ~0.9), an MLP ~0.58 (0.77), a linear
        # model sits at ln 4 (random phase: no linear read-out of the orientation)
        R(H, "cnn-sgdmom-stepdecay", "gratings", **CNN, opt="sgd", lr=0.03, momentum=0.9,
          sched="step", gamma=0.3, step_every=500, epochs=20, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="underscore_val", train_log="step"),
        R(H, "cnn-onecycle-val0.25", "gratings", **CNN, opt="adamw", lr=5e-3, wd=1e-2,
          sched="onecycle", epochs=15, val_every=0.25, log_every=5, seeds=(1, 2),
          writers=(LC, LT), train_log="both"),
        R(H, "cnn-augnoise-cosine", "gratings", **CNN, lr=2e-3, sched="cosine", aug_noise=0.8,
          epochs=25, log_every=5, seeds=(1, 2), writers=(SW, LC), style="Loss",
          train_log="step"),
        R(H, "cnn-b8-long-log1", "gratings", **CNN, lr=5e-4, batch=8, epochs=24, log_every=1,
          seeds=(1,), writers=(SW,), style="slash"),
        R(O, "mlp-wide-n300", "gratings", model="wide", n_train=300, lr=1e-3, epochs=60,
          log_every=2, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower", train_log="step"),
        R(O, "cnn-wide-n200-noisy20", "gratings", arch="cnn", model="wide", n_train=200,
          label_noise=0.2, lr=3e-3, epochs=120, log_every=2, seeds=(1, 2), writers=(LC, SW),
          style="spaced", train_log="step"),
        R(U, "linear", "gratings", model="linear", lr=1e-3, epochs=15, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "cnn-sgd-lr1e-4", "gratings", **CNN, opt="sgd", lr=1e-4, momentum=0.0,
          epochs=12, log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        R(E, "cnn-adam0.02-b4", "gratings", **CNN, lr=0.02, batch=4, max_steps=3000,
          epochs=None, val_every=150, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="underscore_valid", train_log="step"),
        R(D, "cnn-sgd-nan-lrgrow", "gratings", **CNN, opt="sgd", lr=0.01, sched="grow",
          grow=1.01, epochs=15, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "cnn-lrjump-x100", "gratings", **CNN, lr=2e-3, sched="jump", jump=(500, 100),
          epochs=15, log_every=5, val_every=50, seeds=(1,), writers=(SW,), style="Loss"),
        R(P, "cnn-lrbump10-x50-log2", "gratings", **CNN, lr=1e-3, epochs=20, log_every=2,
          val_every=63, bumps=[(700, 10, 50)], seeds=(1,), writers=(SW,), style="lower_test"),
        R(P, "cnn-poisoninputs15", "gratings", **CNN, lr=1e-3, epochs=20, log_every=2,
          val_every=0.5, poison=[(760, 15, "inputs")], seeds=(1,), writers=(LT,),
          train_log="step"),
        R(P, "cnn-poisonlabels20", "gratings", **CNN, lr=1e-3, epochs=20, log_every=1,
          poison=[(800, 20, "labels")], seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "cnn-short-e7", "gratings", **CNN, lr=1e-3, epochs=7, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="underscore_val", train_log="step"),
        R(I, "oneepoch", "gratings", **CNN, lr=1e-3, epochs=1, log_every=25, seeds=(1,),
          writers=(LT,), train_log="step"),
        # seq_major: an LSTM levels off at val ~0.56 (accuracy ~0.8) within 3-5 epochs; a
        # wide 2-layer LSTM on 200 sequences overfits from epoch ~10
        R(H, "lstm-adamw-warmup-linear-clip", "seq_major", **LSTM, opt="adamw", lr=2e-3,
          wd=1e-2, warmup=100, sched="linear", clip=1.0, epochs=12, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step"),
        R(H, "lstm-plateau-val0.5", "seq_major", **LSTM, lr=2e-3, sched="plateau", gamma=0.5,
          patience=2, epochs=12, val_every=0.5, log_every=5, seeds=(1, 2), writers=(LC, LT),
          train_log="both"),
        R(H, "lstm-b4-long-log1", "seq_major", **LSTM, lr=5e-4, batch=4, clip=1.0,
          max_steps=3000, epochs=None, val_every=250, log_every=1, seeds=(1,), writers=(SW,),
          style="underscore_val"),
        R(O, "lstm-wide-n200", "seq_major", arch="lstm", model="wide", n_train=200, lr=2e-3,
          epochs=45, log_every=1, seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss_test",
          train_log="step"),
        R(U, "lstm-lr1e-5", "seq_major", **LSTM, lr=1e-5, epochs=10, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step"),
        R(U, "lstm-sgd-wd1", "seq_major", **LSTM, opt="sgd", lr=0.05, wd=1.0, epochs=10,
          log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        R(E, "lstm-adam0.03-b4", "seq_major", **LSTM, lr=0.03, batch=4, max_steps=2500,
          epochs=None, val_every=125, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="spaced", train_log="step"),
        R(D, "lstm-sgd-lrgrow", "seq_major", **LSTM, opt="sgd", lr=0.01, sched="grow",
          grow=1.01, epochs=15, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "lstm-lrjump-x100", "seq_major", **LSTM, lr=2e-3, sched="jump", jump=(400, 100),
          epochs=12, log_every=5, val_every=50, seeds=(1,), writers=(SW,), style="slash"),
        R(P, "lstm-poisonlabels20-log1", "seq_major", **LSTM, lr=2e-3, epochs=12, log_every=1,
          poison=[(450, 20, "labels")], seeds=(1,), writers=(SW,), style="underscore_valid"),
        R(P, "lstm-lrbump10-x50", "seq_major", **LSTM, lr=2e-3, epochs=12, log_every=2,
          val_every=0.5, bumps=[(500, 10, 50)], seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "lstm-poisontokens15", "seq_major", **LSTM, lr=2e-3, epochs=12, log_every=2,
          poison=[(480, 15, "inputs")], seeds=(1,), writers=(LT,), train_log="step"),
        R(S, "lstm-short-lr5e-4", "seq_major", **LSTM, lr=5e-4, epochs=4, log_every=5,
          val_every=0.25, seeds=(1, 2), writers=(LC, LT), train_log="step"),
        R(S, "lstm-short-lr3e-4-e6", "seq_major", **LSTM, lr=3e-4, epochs=6, log_every=5,
          seeds=(1,), writers=(SW,), style="Loss"),
        R(I, "stopped30", "seq_major", **LSTM, max_steps=30, epochs=None, log_every=10,
          val_every=30, seeds=(1,), writers=(LC,), train_log="step"),
        # multireg: 3 targets (MSE averaged): a medium MLP reaches val ~0.3, a linear fit ~0.65
        # within one epoch at LR 1e-2 (flat from its first eval)
        R(H, "medium-sgdmom-stepdecay", "multireg", model="medium", opt="sgd", lr=0.02,
          momentum=0.9, sched="step", gamma=0.3, step_every=800, epochs=40, log_every=10,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss", train_log="step"),
        R(H, "medium-adamw-es", "multireg", model="medium", opt="adamw", lr=2e-3, wd=1e-2,
          early_stop=5, epochs=100, log_every=10, seeds=(1, 2), writers=(LC, LT),
          train_log="both"),
        R(H, "small-b8-long-log1", "multireg", lr=3e-4, batch=8, epochs=30, log_every=1,
          seeds=(1,), writers=(SW,), style="underscore_val"),
        R(O, "wide-n150", "multireg", model="wide", n_train=150, lr=1e-3, epochs=250,
          log_every=2, seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_test",
          train_log="step"),
        R(U, "linear-lr1e-2", "multireg", model="linear", lr=1e-2, epochs=15, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "medium-sgd-lr1e-5", "multireg", model="medium", opt="sgd", lr=1e-5, momentum=0.0,
          epochs=12, log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        R(E, "medium-adam0.05-b4", "multireg", model="medium", lr=0.05, batch=4, max_steps=2000,
          epochs=None, val_every=100, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(D, "sgd-nan-lrgrow", "multireg", model="medium", opt="sgd", lr=0.01, sched="grow",
          grow=1.01, epochs=15, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "sgd-lr0.3-nan", "multireg", model="medium", opt="sgd", lr=0.3, epochs=10,
          log_every=5, seeds=(1,), writers=(SW,), style="spaced"),
        R(P, "poisontargets10-log1", "multireg", model="medium", lr=1e-3, epochs=25,
          log_every=1, poison=[(700, 10, "labels")], seeds=(1,), writers=(SW,), style="Loss"),
        R(P, "lrbump5-x100", "multireg", model="medium", lr=1e-3, epochs=25, log_every=2,
          val_every=0.5, bumps=[(800, 5, 100)], seeds=(1,), writers=(LT,), train_log="step"),
        R(S, "medium-short-e8", "multireg", model="medium", lr=1e-3, epochs=8, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="slash_test", train_log="step"),
        R(I, "twoepochs-summary", "multireg", model="medium", epochs=2, log_every=50,
          seeds=(1,), writers=(LT,), train_log="step"),
        # more after the first pass: a hot optimiser evaluated every 150 / 125 / 100 steps
        # settled (Adam 0.02-0.05) or collapsed to chance, so the erratic runs are evaluated once
        # per epoch of 500 batch-4 steps (val bouncing 0.53-0.71 on gratings); a CNN with 20%
        # flipped labels on 200 images did not overfit (healthy), an MLP does; an LR bump x50
        # for 10 steps threw the gratings CNN to chance for good (diverging)
        R(E, "cnn-adam0.01-b4-e12", "gratings", **CNN, lr=0.01, batch=4, epochs=12,
          log_every=20, seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_val",
          train_log="step"),
        R(E, "lstm-sgd0.2-b4-clip1-e12", "seq_major", **LSTM, opt="sgd", lr=0.2, batch=4,
          clip=1.0, epochs=12, log_every=20, seeds=(1, 2), writers=(SW, LC), style="Loss",
          train_log="step", acceptable=["underfitting"]),
        R(S, "cnn-short-lr5e-4-e6", "gratings", **CNN, lr=5e-4, epochs=6, log_every=5,
          seeds=(1, 2), writers=(SW, LT), style="lower", train_log="step"),
        R(O, "mlp-deep-n300-noisy20", "gratings", model="deep", n_train=300, label_noise=0.2,
          lr=1e-3, epochs=60, log_every=2, seeds=(1, 2), writers=(LC, LT), train_log="step"),
        R(P, "cnn-lrbump5-x20-log2", "gratings", **CNN, lr=1e-3, epochs=20, log_every=2,
          val_every=63, bumps=[(700, 5, 20)], seeds=(1,), writers=(SW,), style="slash_test"),
    ]

def dev13_recipes() -> list[Recipe]:
    """Thirteenth dev batch (tok_tag, denoise, events), appended after the twelfth so the earlier
    recipes keep their index. Aimed at trainings unlike the earlier batches: a bidirectional
    transformer encoder tagging every token (tok_tag: the tag needs the token before, so a model
    without attention sits at ln 3), a denoising MLP autoencoder whose only loss is the
    reconstruction MSE (denoise, 32 outputs), a 1-D CNN on 4-label multi-label series (events,
    BCE); label smoothing (a loss floor above 0), a weight penalty added to the logged train loss,
    cosine with warm restarts (LR jumps back up: bumps that are not spikes), a body frozen then
    unfrozen (a second descent), gradient accumulation, Lightning ModelCheckpoint on val_f1 /
    val_acc with several val metrics. Steps per epoch at batch 32: 63 (all three)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, O, U, E, D, S, I, P = ("healthy", "overfitting", "underfitting", "erratic", "diverging",
                              "still_improving", "insufficient_data", "loss_spike")
    TG = {"arch": "tagger"}
    AE = {"arch": "ae"}
    C1 = {"arch": "conv1d"}
    return [
        # tok_tag: a 1-layer tagger sits near ln 3 for 300-800 steps (Adam 3e-3 to 1e-2) while
        # attention finds the token before, then drops to its floor ~0.23 (per-token accuracy
        # ~0.95, the 5% replaced tags) within ~200 steps; embeddings alone stay at ln 3
        R(H, "tagger-adamw-warmup-cosine-smooth0.1", "tok_tag", **TG, opt="adamw", lr=5e-3,
          wd=1e-2, warmup=100, sched="cosine", smooth=0.1, epochs=40, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step"),
        R(H, "tagger-restarts500", "tok_tag", **TG, lr=3e-3, sched="restarts", step_every=500,
          epochs=40, log_every=5, seeds=(1, 2), writers=(LC, SW), style="underscore_val",
          train_log="step"),
        R(H, "tagger-ckpt-valf1", "tok_tag", **TG, lr=3e-3, epochs=40, log_every=10,
          ckpt_monitor="val_f1", seeds=(1, 2), writers=(LC, LT), train_log="both"),
        R(H, "tagger-medium-smooth0.2-long-log1", "tok_tag", **TG, model="medium", lr=3e-3,
          smooth=0.2, epochs=35, log_every=1, seeds=(1,), writers=(SW,), style="Loss"),
        R(O, "tagger-medium-n300", "tok_tag", arch="tagger", model="medium", n_train=300,
          lr=3e-3, epochs=150, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower",
          train_log="step"),
        R(U, "tagger-nocontext", "tok_tag", arch="tagger", model="linear", lr=3e-3, epochs=15,
          log_every=10, seeds=(1, 2), writers=(SW, LC), style="spaced", train_log="step"),
        R(U, "tagger-lr1e-5", "tok_tag", **TG, lr=1e-5, epochs=10, log_every=10, seeds=(1,),
          writers=(LT,), train_log="step"),
        R(E, "tagger-adam0.01-b4", "tok_tag", **TG, lr=0.01, batch=4, epochs=8, log_every=20,
          seeds=(1, 2), writers=(SW, LC), style="underscore_valid", train_log="step"),
        R(D, "tagger-sgd-lrgrow", "tok_tag", **TG, opt="sgd", lr=0.01, sched="grow", grow=1.01,
          epochs=15, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "tagger-lrjump-x100", "tok_tag", **TG, lr=5e-3, sched="jump", jump=(1300, 100),
          epochs=30, log_every=5, val_every=50, seeds=(1,), writers=(SW,), style="slash"),
        R(P, "tagger-lrbump10-x50", "tok_tag", **TG, lr=5e-3, epochs=35, log_every=2,
          val_every=0.5, bumps=[(1500, 10, 50)], seeds=(1,), writers=(LT,), train_log="step"),
        R(P, "tagger-poisonlabels20-log1", "tok_tag", **TG, lr=5e-3, epochs=35, log_every=1,
          poison=[(1450, 20, "labels")], seeds=(1,), writers=(SW,), style="Loss_test"),
        R(P, "tagger-poisontokens15", "tok_tag", **TG, lr=5e-3, epochs=35, log_every=2,
          poison=[(1550, 15, "inputs")], seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "tagger-cut-in-drop-800", "tok_tag", **TG, lr=3e-3, max_steps=800, epochs=None,
          log_every=5, val_every=40, seeds=(1, 2), writers=(LC, LT), train_log="step"),
        R(S, "tagger-cut-in-drop-e7", "tok_tag", **TG, lr=5e-3, epochs=7, log_every=5,
          val_every=21, seeds=(1,), writers=(SW,), style="slash_test"),
        R(I, "tagger-stopped40", "tok_tag", **TG, max_steps=40, epochs=None, log_every=20,
          val_every=40, seeds=(1,), writers=(LC,), train_log="step"),
        # denoise: reconstruction MSE only (val_mae beside it); inputs and targets in units of
        # the clean signal's sd
        R(H, "ae-medium-adam-plateau", "denoise", **AE, model="medium", lr=2e-3, sched="plateau",
          gamma=0.5, patience=2, epochs=30, log_every=10, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="Loss", train_log="step"),
        R(H, "ae-small-mixedl2", "denoise", **AE, lr=2e-3, l2_loss=1e-4, epochs=30, log_every=5,
          seeds=(1, 2), writers=(LC, SW), style="underscore_val", train_log="both"),
        R(H, "ae-medium-restarts400", "denoise", **AE, model="medium", opt="adamw", lr=3e-3,
          wd=1e-2, sched="restarts", step_every=400, epochs=25, log_every=5, seeds=(1, 2),
          writers=(SW, LT), style="lower", train_log="step"),
        R(H, "ae-small-accum4-b8", "denoise", **AE, lr=1e-3, batch=8, accum=4, epochs=30,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(O, "ae-wide-n100", "denoise", arch="ae", model="wide", n_train=100, lr=1e-3,
          epochs=400, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash_test",
          train_log="step"),
        R(U, "ae-tiny-code1", "denoise", arch="ae", model="tiny", lr=2e-3, epochs=20,
          log_every=10, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "ae-sgd-lr1e-4", "denoise", **AE, opt="sgd", lr=1e-4, momentum=0.0, epochs=12,
          log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        R(E, "ae-adam0.03-b4", "denoise", **AE, lr=0.03, batch=4, epochs=8, log_every=20,
          seeds=(1, 2), writers=(SW, LC), style="spaced", train_log="step"),
        R(D, "ae-sgd-lrgrow-nan", "denoise", **AE, opt="sgd", lr=0.01, sched="grow", grow=1.01,
          epochs=15, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "ae-sgd-lr2-nan", "denoise", **AE, model="medium", opt="sgd", lr=2.0, epochs=8,
          log_every=5, seeds=(1,), writers=(SW,), style="Loss"),
        R(P, "ae-poisontargets10-log1", "denoise", **AE, lr=2e-3, epochs=25, log_every=1,
          poison=[(700, 10, "labels")], seeds=(1,), writers=(SW,), style="underscore_test"),
        R(P, "ae-lrbump5-x100", "denoise", **AE, lr=2e-3, epochs=25, log_every=2,
          val_every=0.5, bumps=[(800, 5, 100)], seeds=(1,), writers=(LT,), train_log="step"),
        R(P, "ae-poisoninputs10", "denoise", **AE, lr=2e-3, epochs=25, log_every=2,
          poison=[(760, 10, "inputs")], seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "ae-short-lr3e-4-e5", "denoise", **AE, lr=3e-4, epochs=5, log_every=5,
          val_every=21, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(I, "ae-oneepoch", "denoise", **AE, epochs=1, log_every=25, seeds=(1,), writers=(LT,),
          train_log="step"),
        # events: a 1-D CNN (4 sigmoid outputs, BCE); subset accuracy and micro-F1 logged
        R(H, "cnn1d-medium-cosine", "events", **C1, model="medium", lr=3e-3, sched="cosine",
          epochs=25, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_val",
          train_log="step"),
        R(H, "cnn1d-freeze-unfreeze600", "events", **C1, model="medium", lr=2e-3,
          unfreeze_at=600, epochs=30, log_every=5, seeds=(1, 2), writers=(LC, SW),
          style="Loss", train_log="step"),
        R(H, "cnn1d-ckpt-valacc-val0.5", "events", **C1, model="medium", lr=2e-3, epochs=25,
          val_every=0.5, log_every=5, ckpt_monitor="val_acc", seeds=(1, 2), writers=(LT, LC),
          train_log="both"),
        R(H, "cnn1d-smallbatch8-long-log1", "events", **C1, lr=5e-4, batch=8, epochs=20,
          log_every=1, seeds=(1,), writers=(SW,), style="slash"),
        R(O, "cnn1d-wide-n100-b16", "events", arch="conv1d", model="wide", n_train=100,
          lr=2e-3, batch=16, epochs=570, val_epochs=3, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="Loss_test", train_log="step"),
        R(U, "linear", "events", model="linear", lr=3e-3, epochs=20, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="lower", train_log="step"),
        R(U, "cnn1d-lr1e-5", "events", **C1, lr=1e-5, epochs=10, log_every=10, seeds=(1,),
          writers=(LT,), train_log="step"),
        R(E, "cnn1d-adam0.03-b4-clip1-val125", "events", **C1, model="medium", lr=0.03,
          batch=4, clip=1.0, max_steps=2500, epochs=None, val_every=125, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="underscore_valid", train_log="step"),
        R(E, "cnn1d-sgd1.0-b4-clip1-val125", "events", **C1, model="medium", opt="sgd", lr=1.0,
          momentum=0.0, batch=4, clip=1.0, max_steps=2500, epochs=None, val_every=125,
          log_every=10, seeds=(1,), writers=(LT,), train_log="step"),
        R(D, "cnn1d-sgd-lrgrow", "events", **C1, opt="sgd", lr=0.01, sched="grow", grow=1.01,
          epochs=15, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(D, "cnn1d-lrjump-x200", "events", **C1, model="medium", lr=2e-3, sched="jump",
          jump=(600, 200), epochs=15, log_every=5, val_every=50, seeds=(1,), writers=(SW,),
          style="spaced"),
        R(P, "cnn1d-lrbump10-x50", "events", **C1, model="medium", lr=2e-3, epochs=25,
          log_every=2, val_every=63, bumps=[(800, 10, 50)], seeds=(1,), writers=(SW,),
          style="lower_test"),
        R(P, "cnn1d-poisonlabels20", "events", **C1, model="medium", lr=2e-3, epochs=25,
          log_every=1, poison=[(850, 20, "labels")], seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "cnn1d-poisoninputs10", "events", **C1, model="medium", lr=2e-3, epochs=25,
          log_every=2, val_every=0.5, poison=[(820, 10, "inputs")], seeds=(1,), writers=(LT,),
          train_log="step"),
        R(S, "cnn1d-short-lr3e-4-e5", "events", **C1, model="medium", lr=3e-4, epochs=5,
          log_every=5, val_every=21, seeds=(1, 2), writers=(SW, LT), style="Loss",
          train_log="step"),
        R(I, "cnn1d-twoevals", "events", **C1, max_steps=60, epochs=None, log_every=50,
          val_every=30, seeds=(1,), writers=(LC,), train_log="step"),
        # more after the first pass: LR bumps x50-x100 threw the tagger, the CNN and the AE to
        # a level they never left (diverging), so milder bumps; a very long run and a 6-eval one
        R(P, "tagger-lrbump10-x10", "tok_tag", **TG, lr=5e-3, epochs=35, log_every=2,
          val_every=0.5, bumps=[(1500, 10, 10)], seeds=(1,), writers=(LT,), train_log="step"),
        R(P, "cnn1d-lrbump5-x10", "events", **C1, model="medium", lr=2e-3, epochs=25,
          log_every=2, val_every=63, bumps=[(800, 5, 10)], seeds=(1,), writers=(SW,),
          style="slash"),
        R(P, "ae-poisontargets20-log2", "denoise", **AE, lr=2e-3, epochs=25, log_every=2,
          poison=[(760, 20, "labels")], seeds=(1,), writers=(LC,), train_log="step"),
        R(H, "ae-small-b8-long10k-log2", "denoise", **AE, lr=5e-4, batch=8, max_steps=10000,
          epochs=None, val_every=250, log_every=2, seeds=(1,), writers=(SW,),
          style="underscore_valid"),
        R(H, "cnn1d-e6-lr3e-3", "events", **C1, model="medium", lr=3e-3, epochs=6, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step"),
        # erratic: evaluated every 125 steps the hot CNN kept a trend or sat at the prior, and no
        # optimiser made the tagger (ln 3 or learned) or the AE (a mean predictor) bounce; once
        # per 500-step epoch Adam 0.02 / batch 4 without clipping bounces 0.2-0.35
        R(E, "cnn1d-adam0.02-b4-noclip-e12", "events", **C1, model="medium", lr=0.02, batch=4,
          epochs=12, log_every=20, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower",
          train_log="step"),
    ]

def dev14_recipes() -> list[Recipe]:
    """Fourteenth dev batch (obj_rgb, season_ts, pair_sim), appended after the thirteenth so the
    earlier recipes keep their index. It measures the boundaries between verdicts on model
    families unlike the earlier batches: a small ResNet with BatchNorm on 3-channel 24x24 images
    (obj_rgb: a shape in coloured clutter), a GRU forecasting the next value of a series with a
    level, a trend and a seasonality (season_ts), a siamese encoder scoring a pair by the cosine of
    its embeddings (pair_sim, val pairs from identities never seen in training). For each task:
    one recipe stopped at 20/40/70/100% of its planned cosine schedule (still_improving ->
    healthy), one model at LRs from far too low to far too high (underfitting -> healthy ->
    erratic -> diverging), 0/20/40% flipped labels (healthy at a higher floor vs underfitting),
    100/300/3000 train examples for a big model (overfitting -> healthy), LR bumps x3/x10/x50
    (healthy -> loss_spike), batch 2/8/64 at one LR (batch noise vs erratic). Steps per epoch at
    batch 32: 63 (2000 train examples)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    for task, arch, lr, fam, llr, ep in (("obj_rgb", "resnet", 2e-3, "resnet", 2e-3, 20),
                                         ("season_ts", "rnn", 3e-3, "gru", 3e-4, 30),
                                         ("pair_sim", "siamese", 3e-3, "siamese", 5e-4, 30)):
        A = {"arch": arch}
        # the length ladder: Adam at llr, cosine planned for ep epochs (63 * ep steps), what each
        # model needs to converge (at 3e-3 the GRU and the siamese model are done within a fifth
        # of 20 epochs), val every 21 / 30 steps
        n = 63 * ep
        LAD = dict(**A, lr=llr, sched="cosine", log_every=5, val_every=21 if ep == 20 else 30,
                   train_log="step")
        NZ = dict(LAD, lr=lr, val_every=21)     # the label-noise ladder: 20 epochs at lr
        out += [
            R(H, f"{fam}-cosine-full", task, **LAD, epochs=ep, seeds=(1, 2), writers=(SW, LC),
              style="slash"),
            R(S, f"{fam}-cosine-stop20pct", task, **LAD, max_steps=n // 5, epochs=None, planned=n,
              seeds=(1,), writers=(LC,)),
            R(S, f"{fam}-cosine-stop40pct", task, **LAD, max_steps=2 * n // 5, epochs=None,
              planned=n, seeds=(1, 2), writers=(SW, LT), style="underscore_val"),
            R(S, f"{fam}-cosine-stop70pct", task, **LAD, max_steps=7 * n // 10, epochs=None,
              planned=n, seeds=(1, 2), writers=(LC, SW), style="lower", acceptable=["healthy"]),
            # the LR ladder: Adam at a constant LR, 15 epochs, val every 42 steps
            R(U, f"{fam}-adam-lr1e-5", task, **A, lr=1e-5, epochs=15, val_every=42, log_every=5,
              seeds=(1,), writers=(LC,), train_log="step"),
            R(S, f"{fam}-adam-lr1e-4", task, **A, lr=1e-4, epochs=15, val_every=42, log_every=5,
              seeds=(1,), writers=(SW,), style="slash_test", train_log="step",
              acceptable=["underfitting"]),
            R(H, f"{fam}-adam-lr1e-3-const", task, **A, lr=1e-3, epochs=15, val_every=42,
              log_every=5, seeds=(1,), writers=(LC,),
              train_log="step"),
            R(E, f"{fam}-adam-lr0.3-b8", task, **A, lr=0.3, batch=8, max_steps=2000, epochs=None,
              val_every=100, log_every=10, seeds=(1, 2), writers=(SW, LC), style="spaced",
              train_log="step"),
            R(D, f"{fam}-sgd-lrgrow", task, **A, opt="sgd", lr=0.01, sched="grow", grow=1.01,
              epochs=15, val_every=42, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
            R(D, f"{fam}-sgd-lrjump-x1000", task, **A, opt="sgd", lr=0.01, sched="jump",
              jump=(500, 1000), epochs=15, val_every=42, log_every=5, seeds=(1,), writers=(SW,),
              style="underscore_valid"),
            # the size ladder: a big model, Adam 1e-3, no regularisation
            R(OV, f"{fam}-wide-n100", task, **A, model="wide", n_train=100, lr=1e-3,
              max_steps=1000, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
              writers=(SW, LT), style="Loss_test", train_log="step"),
            R(OV, f"{fam}-wide-n300", task, **A, model="wide", n_train=300, lr=1e-3,
              max_steps=1000, epochs=None, val_every=25, log_every=5, seeds=(1,), writers=(LC,),
              train_log="step", acceptable=["healthy"]),
            R(H, f"{fam}-wide-n3000-cosine", task, **A, model="wide", n_train=3000, lr=1e-3,
              sched="cosine", epochs=12, val_every=47, log_every=5, seeds=(1,), writers=(SW,),
              style="slash", train_log="step", acceptable=["overfitting"]),
            # LR bumps of x3 / x10 / x50 for 5 steps at step 700 of the full cosine run (the GRU
            # hardly reacts to any: x50 lifts its loss 1.5x, so it keeps only that one and gets
            # poisoned batches below)
            R(P, f"{fam}-lrbump5-x3", task, **A, lr=lr, sched="cosine", epochs=20, val_every=42,
              log_every=2, bumps=[(700, 5, 3)], seeds=(1,),
              writers=(SW,), style="Loss", acceptable=["healthy"]),
            R(P, f"{fam}-lrbump5-x10", task, **A, lr=lr, sched="cosine", epochs=20, val_every=42,
              log_every=2, bumps=[(700, 5, 10)], seeds=(1,),
              writers=(LC,), train_log="step"),
            R(P, f"{fam}-lrbump5-x50", task, **A, lr=lr, sched="cosine", epochs=20, val_every=42,
              log_every=2, bumps=[(700, 5, 50)], seeds=(1,), writers=(LT,), train_log="step"),
            # the batch ladder: Adam 3e-3 constant at batch 2 / 8 / 64
            R(E, f"{fam}-adam3e-3-b2", task, **A, lr=3e-3, batch=2, max_steps=3000, epochs=None,
              val_every=150, log_every=10, seeds=(1,), writers=(SW,), style="underscore_val",
              acceptable=["healthy"]),
            R(H, f"{fam}-adam3e-3-b8", task, **A, lr=3e-3, batch=8, max_steps=2000, epochs=None,
              val_every=100, log_every=10, seeds=(1,), writers=(LC,), train_log="step",
              acceptable=["erratic"]),
            R(H, f"{fam}-adam3e-3-b64", task, **A, lr=3e-3, batch=64, epochs=25, log_every=5,
              seeds=(1,), writers=(SW,), style="lower"),
            R(INS, f"{fam}-twoevals", task, **A, lr=lr, max_steps=40, epochs=None, val_every=20,
              log_every=20, seeds=(1,), writers=(LC,),
              train_log="step"),
        ]
        if task != "season_ts":     # more after the first pass: poisoned batches (random
            # labels / inputs x10) at step 700 of the full cosine run; hot Adam at batch 4 on the
            # ResNet (at batch 8 Adam 0.3 left it at chance)
            out += [
                R(P, f"{fam}-poisonlabels20", task, **A, lr=lr, sched="cosine", epochs=20,
                  val_every=42, log_every=2, poison=[(700, 20, "labels")], seeds=(1,),
                  writers=(SW,), style="lower_test"),
                R(P, f"{fam}-poisoninputs10", task, **A, lr=lr, sched="cosine", epochs=20,
                  val_every=42, log_every=2, poison=[(700, 10, "inputs")], seeds=(1,),
                  writers=(LT if task == "pair_sim" else LC,), train_log="step"),
            ]
        if task == "obj_rgb":
            out += [
                R(E, f"{fam}-adam0.03-b4", task, **A, lr=0.03, batch=4, max_steps=3000,
                  epochs=None, val_every=150, log_every=10, seeds=(1,), writers=(SW,),
                  style="spaced"),
                R(E, f"{fam}-adam0.05-b4", task, **A, lr=0.05, batch=4, max_steps=3000,
                  epochs=None, val_every=150, log_every=10, seeds=(1,), writers=(LC,),
                  train_log="step"),
            ]
        if task == "season_ts":     # poisoned batches: random targets (N(0, 4^2)) / inputs x10
            out += [
                R(P, f"{fam}-poisontargets-1step-log1", task, **A, lr=lr, sched="cosine",
                  epochs=20, val_every=42, log_every=1, poison=[(700, 1, "labels")], seeds=(1,),
                  writers=(SW,), style="Loss"),
                R(P, f"{fam}-poisontargets-10steps", task, **A, lr=lr, sched="cosine", epochs=20,
                  val_every=42, log_every=2, poison=[(700, 10, "labels")], seeds=(1,),
                  writers=(LC,), train_log="step"),
                R(P, f"{fam}-poisoninputs-5steps", task, **A, lr=lr, sched="cosine", epochs=20,
                  val_every=42, log_every=2, poison=[(700, 5, "inputs")], seeds=(1,),
                  writers=(SW,), style="underscore_test"),
            ]
        if task != "season_ts":     # the label-noise ladder (classification tasks)
            out += [
                R(H, f"{fam}-cosine-noise20", task, **NZ, epochs=20, label_noise=0.2,
                  seeds=(1,), writers=(SW,), style="slash", acceptable=["overfitting"]),
                R(H, f"{fam}-cosine-noise40", task, **NZ, epochs=20, label_noise=0.4,
                  seeds=(1, 2), writers=(LC, SW), style="Loss",
                  acceptable=["underfitting", "overfitting"]),
            ]
    # left out after the first pass, to keep the batch near 130 runs: the GRU's x3 / x10 bumps
    # (1.1x and 1.3x: no spike; poisoned batches instead), the siamese constant-LR twin of its
    # cosine run, two of the three two-evaluation runs
    skip = {("season_ts", "gru-lrbump5-x3"), ("season_ts", "gru-lrbump5-x10"),
            ("pair_sim", "siamese-adam-lr1e-3-const"), ("season_ts", "gru-twoevals"),
            ("pair_sim", "siamese-twoevals")}
    return [r for r in out if (r.task, r.variant) not in skip]


def dev15_recipes() -> list[Recipe]:
    """Fifteenth dev batch (hetero_nll, graph_cls, mask_lm), appended after the fourteenth so the
    earlier recipes keep their index. Trainings unlike the corpus: a heteroscedastic regression
    whose loss is a Gaussian NLL (negative, no natural zero), a hand-written GCN on graphs given
    by their adjacency, a transformer encoder predicting masked tokens (val accuracy on the
    masked tokens and perplexity). For each task: a cosine run and the same schedule stopped at
    20/40/70% of it, an LR ladder (1e-5, 1e-4, a hot Adam at batch 8, a runaway SGD), a big model
    on little data, a linear model, an LR bump and poisoned batches for 1/5/20 steps, warm-up then
    linear decay with gradient accumulation and eval every N steps, ReduceLROnPlateau, a run
    resumed from a checkpoint (steps continue), two evaluations; and nine train-only runs (no
    validation logged: healthy, erratic, diverging, loss_spike x2, underfitting x2 (LR far too
    low, a model too small), still_improving (cut short))."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # per task: family, base kwargs (model, batch, data), the LR of the full cosine run, the
    # slower LR of the length ladder, epochs of the full run, steps per epoch, the big model and
    # its train size and steps, the hot Adam LR / batch (erratic), the LR bump factor, the small
    # model that underfits, the clip of the poisoned runs (the NLL's variance head takes random
    # targets badly: real NLL trainings clip)
    # (a hot Adam kills the GCN's ReLUs at chance: its hot run is SGD 0.5, momentum 0.9; the
    # masked-token encoder collapses to the unigram distribution at any hot LR; the NLL MLP at
    # Adam 0.1 / batch 8 sticks at the marginal, at 0.03 / batch 4 it bounces)
    for (task, fam, base, lr, llr, ep, spe, big, n_small, ov_steps, hot_opt, hot, hot_b, bump,
         small, pclip) in (
            ("hetero_nll", "mlp", {"model": "medium"}, 3e-3, 5e-4, 30, 63, "wide", 100, 1500,
             "adam", 0.03, 4, 10, "tiny", 1.0),
            ("graph_cls", "gcn", {"model": "medium", "arch": "gcn"}, 3e-3, 1e-3, 30, 63, "wide",
             100, 1500, "sgd", 0.5, 8, 20, "tiny", None),
            ("mask_lm", "mlm", {"model": "small", "arch": "mlm", "n_train": 8000, "batch": 64},
             6e-3, 2e-3, 16, 125, "medium", 300, 1000, "adam", 0.03, 8, 10, "linear", None)):
        n = ep * spe                        # optimiser steps of the full run
        half = (n // 2) // 10 * 10          # where bumps / poison / the crash happen
        B = dict(base)
        COS = dict(B, lr=lr, sched="cosine", log_every=5, val_every=spe // 2 * 2)
        LAD = dict(COS, lr=llr)                                 # the length ladder
        TR = dict(B, lr=lr, no_val=True, log_every=5)          # train-only
        out += [
            # ---------------- with validation
            R(H, f"{fam}-cosine", task, **COS, epochs=ep, seeds=(1, 2), writers=(SW, LC),
              style="slash", train_log="step"),
            R(S, f"{fam}-cosine-stop20pct", task, **LAD, max_steps=n // 5, epochs=None, planned=n,
              seeds=(1,), writers=(LT,), train_log="step"),
            R(S, f"{fam}-cosine-stop40pct", task, **LAD, max_steps=2 * n // 5, epochs=None,
              planned=n, seeds=(1,), writers=(SW,), style="underscore_val"),
            R(S, f"{fam}-cosine-stop70pct", task, **LAD, max_steps=7 * n // 10, epochs=None,
              planned=n, seeds=(1,), writers=(LC,), train_log="step", acceptable=["healthy"]),
            R(OV, f"{fam}-{big}-n{n_small}", task, **dict(B, model=big, n_train=n_small),
              lr=1e-3, max_steps=ov_steps, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
              writers=(SW, LT), style="Loss_test", train_log="step"),
            R(U, f"{fam}-linear", task, **dict(B, model="linear"), lr=lr, epochs=ep // 2,
              val_every=20, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
            # the LR ladder: Adam constant, val every spe steps
            R(U, f"{fam}-adam-lr1e-5", task, **B, lr=1e-5, epochs=ep // 2, val_every=spe,
              log_every=5, seeds=(1,), writers=(SW,), style="lower",
              acceptable=["still_improving"]),
            R(S, f"{fam}-adam-lr1e-4", task, **B, lr=1e-4, epochs=ep // 2, val_every=spe,
              log_every=5, seeds=(1,), writers=(LC,), train_log="step",
              acceptable=["underfitting"]),
            R(E, f"{fam}-{hot_opt}{hot:g}-b{hot_b}", task, **dict(B, batch=hot_b), opt=hot_opt,
              lr=hot, max_steps=2000, epochs=None, val_every=100, log_every=10,
              seeds=(1, 2) if task == "hetero_nll" else (1,), writers=(SW, LC), style="spaced"),
            R(D, f"{fam}-sgd-lrgrow", task, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01,
              epochs=ep // 2, val_every=spe // 2, log_every=5, seeds=(1,), writers=(LT,),
              train_log="step"),
            # spikes: an LR bump x10 for 5 steps; poisoned batches for 1 / 5 / 20 steps
            R(P, f"{fam}-lrbump5-x{bump}", task, **dict(COS, log_every=2), epochs=ep,
              bumps=[(half, 5, bump)], seeds=(1,), writers=(SW,), style="Loss"),
            R(P, f"{fam}-poison1", task, **dict(COS, log_every=1, clip=pclip), epochs=ep,
              poison=[(half, 1, "labels")], seeds=(1,), writers=(LC,), train_log="step",
              acceptable=["healthy"]),
            R(P, f"{fam}-poison5", task, **dict(COS, log_every=2, clip=pclip), epochs=ep,
              poison=[(half, 5, "labels")], seeds=(1,), writers=(SW,), style="lower_test"),
            R(P, f"{fam}-poison20", task, **dict(COS, log_every=2, clip=pclip), epochs=ep,
              poison=[(half, 20, "labels")], seeds=(1,), writers=(LC,), train_log="step"),
            # machinery: warm-up then linear decay with gradient accumulation 4, val every 20
            # optimiser steps; ReduceLROnPlateau on the per-epoch val loss; resumed from a
            # checkpoint
            R(H, f"{fam}-warmup-linear-accum4", task, **B, lr=lr, sched="linear",
              warmup=n // 40, accum=4, epochs=ep, val_every=20, log_every=2, seeds=(1,),
              writers=(LC,), train_log="step"),
            R(H, f"{fam}-plateau", task, **B, lr=lr, sched="plateau", gamma=0.5, patience=2,
              epochs=ep, log_every=5, seeds=(1,), writers=(SW,), style="underscore_valid"),
            R(H, f"{fam}-cosine-resumed", task, **COS, epochs=ep, resume_at=half,
              redo=n // 10, seeds=(1,), writers=(SW,), style="slash"),
            R(INS, f"{fam}-twoevals", task, **B, lr=lr, max_steps=40, epochs=None, val_every=20,
              log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
            # ---------------- train-only: no validation at all
            R(H, f"{fam}-trainonly-cosine", task, **dict(TR, sched="cosine"), epochs=ep,
              seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
            R(E, f"{fam}-trainonly-{hot_opt}{hot:g}-b{hot_b}", task,
              **dict(TR, opt=hot_opt, lr=hot, log_every=10, batch=hot_b), max_steps=2000,
              epochs=None, seeds=(1,), writers=(SW,), style="Loss"),
            R(D, f"{fam}-trainonly-sgd-lrgrow", task, **dict(TR, opt="sgd", lr=0.01, sched="grow",
              grow=1.01), epochs=ep // 2, seeds=(1,), writers=(LC,), train_log="step"),
            R(P, f"{fam}-trainonly-lrbump5-x{bump}", task,
              **dict(TR, sched="cosine", log_every=2), epochs=ep, bumps=[(half, 5, bump)],
              seeds=(1,), writers=(SW,), style="lower"),
            R(P, f"{fam}-trainonly-poison10", task,
              **dict(TR, sched="cosine", log_every=2, clip=pclip),
              epochs=ep, poison=[(half, 10, "labels")], seeds=(1,), writers=(LC,),
              train_log="step"),
            R(U, f"{fam}-trainonly-adam-lr1e-5", task, **dict(TR, lr=1e-5), epochs=ep // 2,
              seeds=(1,), writers=(LC,), train_log="step"),
            R(U, f"{fam}-trainonly-{small}", task, **dict(TR, model=small), epochs=ep // 2,
              seeds=(1,), writers=(SW,), style="underscore_val"),
            R(S, f"{fam}-trainonly-stop15pct", task, **dict(TR, lr=llr, sched="cosine"),
              max_steps=3 * n // 20, epochs=None, planned=n, seeds=(1,), writers=(SW,),
              style="slash"),
        ]
        if task == "hetero_nll":    # after the first pass: Adam 0.02 at batch 2 (the NLL of a
            # batch of 2 with a small variance swings by orders of magnitude)
            out += [
                R(E, f"{fam}-adam0.02-b2", task, **dict(B, batch=2), lr=0.02, max_steps=2000,
                  epochs=None, val_every=100, log_every=10, seeds=(1,), writers=(LC,),
                  train_log="step"),
                R(E, f"{fam}-trainonly-adam0.02-b2", task, **dict(TR, lr=0.02, log_every=10,
                  batch=2), max_steps=2000, epochs=None, seeds=(1,), writers=(LC,),
                  train_log="step"),
            ]
    return out


def dev16_recipes() -> list[Recipe]:
    """Sixteenth dev batch (ctr_embed, seg_shapes, activity), appended after the fifteenth so the
    earlier recipes keep their index. Trainings judged on a score, unlike the corpus: a
    click-through-style binary task whose categorical fields go through embeddings (~16%
    positives, val ROC AUC and F1; big models memorise the rare pairs of categories within a
    few epochs, the classic one-epoch CTR overfit), a tiny U-Net segmenting disks among
    squares (per-pixel BCE, val Dice and IoU), a 1-D CNN or a GRU classifying 3-axis
    accelerometer-like series into 6 activities (val accuracy and macro-F1). Lightning
    ModelCheckpoint monitors the score (mode max). For each task: a full cosine run and one
    schedule cut at 20/40/70% of what it needs, an LR ladder (1e-5, 1e-4, too hot, a runaway
    SGD), a big model on little data, label noise, LR bumps x10 and poisoned batches for 1 / 5 /
    20 steps, two evaluations, and train-only runs (healthy, loss_spike, underfitting,
    still_improving). Train losses are logged every step (per-batch noise), every N steps, as a
    running mean or once per epoch."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- ctr_embed: 4000 train (63 steps per epoch at batch 64) or 10000 (157)
    T = "ctr_embed"
    B = {"arch": "embed", "model": "small", "batch": 64}
    B10 = dict(B, n_train=10000)
    n = 157 * 10                        # the length ladder: small model at 2e-4, 10 epochs (at
    #                                     5e-4 a cut at 20% had already levelled off)
    LAD = dict(B10, lr=2e-4, sched="cosine", log_every=5, val_every=50, train_log="step")
    out += [
        R(H, "embed-cosine-e4-n10k", T, **B10, lr=2e-3, sched="cosine", epochs=4, val_every=20,
          log_every=1, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          ckpt_monitor="val_auc", acceptable=["overfitting"]),
        R(H, "embed-linear-cosine", T, **dict(B, model="linear"), lr=1e-2, sched="cosine",
          epochs=12, log_every=10, seeds=(1,), writers=(LT,), train_log="step",
          acceptable=["still_improving"]),
        R(H, "embed-adamw-wd-e6", T, **B10, opt="adamw", lr=3e-3, wd=0.05, epochs=6,
          val_every=20, log_every=20, seeds=(1,), writers=(SW,), style="underscore_val",
          train_log="running", acceptable=["overfitting"]),
        R(S, "embed-cosine-stop20pct", T, **LAD, max_steps=n // 5, epochs=None, planned=n,
          seeds=(1,), writers=(LC,)),
        R(S, "embed-cosine-stop40pct", T, **LAD, max_steps=2 * n // 5, epochs=None, planned=n,
          seeds=(1,), writers=(SW,), style="lower"),
        R(S, "embed-cosine-stop70pct", T, **LAD, max_steps=7 * n // 10, epochs=None, planned=n,
          seeds=(1,), writers=(LC,), acceptable=["healthy"]),
        R(H, "embed-cosine-full-lr2e-4", T, **LAD, epochs=10, seeds=(1,), writers=(SW,),
          style="Loss", acceptable=["still_improving"]),
        # the overfit of CTR models: the medium model for 15 epochs on 4000 rows; a wide one on
        # 1000 rows
        R(OV, "embed-medium-e15", T, **dict(B, model="medium"), lr=3e-3, epochs=15,
          log_every=5, seeds=(1, 2, 3), writers=(LC, SW, LT), style="spaced", train_log="step",
          ckpt_monitor="val_auc"),
        R(OV, "embed-wide-n1000", T, **dict(B, model="wide", n_train=1000, batch=32), lr=1e-3,
          epochs=15, log_every=2, seeds=(1,), writers=(LT,), train_log="step"),
        R(OV, "embed-wide-noise20", T, **dict(B, model="wide", n_train=2000, batch=32),
          label_noise=0.2, lr=1e-3, epochs=12, log_every=5, seeds=(1,), writers=(SW,),
          style="Loss_test", val_step="epoch"),
        # the LR ladder
        R(U, "embed-adam-lr1e-5", T, **B, lr=1e-5, epochs=10, log_every=5, seeds=(1,),
          writers=(SW,), style="slash", acceptable=["still_improving"]),
        R(S, "embed-adam-lr1e-4", T, **B, lr=1e-4, epochs=10, log_every=5, seeds=(1,),
          writers=(LC,), train_log="step", acceptable=["underfitting"]),
        R(E, "embed-adam0.1-b8", T, **dict(B, batch=8), lr=0.1, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(SW,), style="spaced",
          acceptable=["diverging", "underfitting"]),
        R(D, "embed-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.02, epochs=10,
          val_every=30, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        # spikes (at step 300 of the 4-epoch 10k-row run; an LR bump x10 for 5 steps was lost in
        # the per-batch noise)
        R(P, "embed-lrbump10-x50", T, **B10, lr=3e-3, sched="cosine", epochs=4, val_every=40,
          log_every=1, bumps=[(300, 10, 50)], seeds=(1,), writers=(SW,), style="slash_test"),
        R(P, "embed-poison1", T, **B10, lr=3e-3, sched="cosine", epochs=4, val_every=40,
          log_every=1, poison=[(300, 1, "labels")], seeds=(1,), writers=(LC,),
          train_log="step", acceptable=["healthy"]),
        R(P, "embed-poison20", T, **B10, lr=3e-3, sched="cosine", epochs=4, val_every=40,
          log_every=2, poison=[(300, 20, "labels")], seeds=(1,), writers=(SW,), style="lower"),
        R(INS, "embed-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
        # train-only
        R(H, "embed-trainonly-cosine-running", T, **B10, lr=3e-3, sched="cosine", epochs=3,
          no_val=True, log_every=25, seeds=(1,), writers=(SW,), style="slash",
          train_log="running"),
        R(P, "embed-trainonly-poison10", T, **B10, lr=3e-3, sched="cosine", epochs=3,
          no_val=True, log_every=2, poison=[(240, 10, "labels")], seeds=(1,), writers=(SW,),
          style="slash"),
        R(U, "embed-trainonly-lr1e-5", T, **B, lr=1e-5, epochs=8, no_val=True, log_every=5,
          seeds=(1,), writers=(SW,), style="lower"),
    ]
    # ---------------- seg_shapes: 2000 train, 63 steps per epoch at batch 32
    T = "seg_shapes"
    B = {"arch": "unet", "model": "small", "batch": 32}
    n = 63 * 15
    LAD = dict(B, lr=3e-4, sched="cosine", log_every=5, val_every=42, train_log="step")
    out += [
        R(H, "unet-cosine-e15", T, **B, lr=3e-3, sched="cosine", epochs=15, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          ckpt_monitor="val_dice"),
        R(H, "unet-plateau-e15", T, **B, lr=3e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=15, log_every=10, seeds=(1,), writers=(LT,), train_log="both"),
        R(S, "unet-cosine-stop20pct", T, **LAD, max_steps=n // 5, epochs=None, planned=n,
          seeds=(1,), writers=(LC,)),
        R(S, "unet-cosine-stop40pct", T, **LAD, max_steps=2 * n // 5, epochs=None, planned=n,
          seeds=(1,), writers=(SW,), style="underscore_val"),
        R(S, "unet-cosine-stop70pct", T, **LAD, max_steps=7 * n // 10, epochs=None, planned=n,
          seeds=(1,), writers=(LC,), acceptable=["healthy"]),
        R(H, "unet-cosine-full-lr3e-4", T, **LAD, epochs=15, seeds=(1,), writers=(SW,),
          style="Loss", acceptable=["still_improving"]),
        R(OV, "unet-medium-n60", T, **dict(B, model="medium", n_train=60, batch=8), lr=1e-3,
          max_steps=800, epochs=None, val_every=25, log_every=5, seeds=(1, 2), writers=(SW, LT),
          style="Loss_test", train_log="step", acceptable=["healthy"]),
        R(U, "unet-linear", T, **dict(B, model="linear"), lr=3e-3, epochs=8, log_every=5,
          seeds=(1,), writers=(LC,), train_log="step"),
        R(U, "unet-adam-lr1e-5", T, **B, lr=1e-5, epochs=8, log_every=5, seeds=(1,),
          writers=(SW,), style="lower", acceptable=["still_improving"]),
        R(S, "unet-adam-lr1e-4", T, **B, lr=1e-4, epochs=8, log_every=5, seeds=(1,),
          writers=(LC,), train_log="step", acceptable=["underfitting"]),
        R(E, "unet-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, max_steps=1500, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(SW,), style="spaced",
          acceptable=["underfitting"]),
        R(D, "unet-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.03, epochs=8,
          val_every=21, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(H, "unet-noise10-cosine", T, **B, label_noise=0.1, lr=3e-3, sched="cosine",
          epochs=12, log_every=5, seeds=(1,), writers=(LC,), train_log="step",
          ckpt_monitor="val_dice", acceptable=["underfitting"]),
        R(P, "unet-lrbump5-x10", T, **B, lr=3e-3, sched="cosine", epochs=12, log_every=1,
          bumps=[(380, 5, 10)], seeds=(1,), writers=(SW,), style="slash_test"),
        R(P, "unet-poison5", T, **B, lr=3e-3, sched="cosine", epochs=12, log_every=2,
          poison=[(380, 5, "labels")], seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "unet-poisoninputs10", T, **B, lr=3e-3, sched="cosine", epochs=12, log_every=2,
          poison=[(380, 10, "inputs")], seeds=(1,), writers=(SW,), style="Loss"),
        R(INS, "unet-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
        R(H, "unet-trainonly-cosine", T, **B, lr=3e-3, sched="cosine", epochs=12, no_val=True,
          log_every=5, seeds=(1,), writers=(SW,), style="slash"),
        R(P, "unet-trainonly-poison10", T, **B, lr=3e-3, sched="cosine", epochs=12,
          no_val=True, log_every=2, poison=[(380, 10, "labels")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(S, "unet-trainonly-stop20pct", T, **dict(B, lr=1e-3, sched="cosine"), no_val=True,
          log_every=5, max_steps=n // 5, epochs=None, planned=n, seeds=(1,), writers=(SW,),
          style="lower"),
    ]
    # ---------------- activity: 2000 train, 63 steps per epoch at batch 32
    T = "activity"
    B = {"arch": "conv1d_mc", "model": "small", "batch": 32}
    G = dict(B, arch="gru_mc")
    n = 63 * 10                         # the length ladder: the GRU at 3e-3, 10 epochs
    LAD = dict(G, lr=3e-3, sched="cosine", log_every=5, val_every=21, train_log="step")
    out += [
        R(H, "cnn-cosine-e10", T, **B, lr=3e-3, sched="cosine", epochs=10, val_every=21,
          log_every=1, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          ckpt_monitor="val_f1"),
        R(H, "cnn-warmup-linear-accum4", T, **dict(B, batch=8), lr=3e-3, sched="linear",
          warmup=20, accum=4, epochs=10, val_every=20, log_every=2, seeds=(1,), writers=(LC,),
          train_log="step"),
        R(H, "gru-cosine-full", T, **LAD, epochs=10, seeds=(1,), writers=(SW,), style="Loss",
          acceptable=["still_improving"]),
        R(S, "gru-cosine-stop30pct", T, **LAD, max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1,), writers=(LT,)),
        R(S, "gru-cosine-stop40pct", T, **LAD, max_steps=2 * n // 5, epochs=None, planned=n,
          seeds=(1,), writers=(SW,), style="underscore_val"),
        R(S, "gru-cosine-stop70pct", T, **LAD, max_steps=7 * n // 10, epochs=None, planned=n,
          seeds=(1,), writers=(LC,), acceptable=["healthy"]),
        R(OV, "cnn-wide-n100-noise20", T, **dict(B, model="wide", n_train=100, batch=16),
          label_noise=0.2, lr=1e-3, max_steps=1000, epochs=None, val_every=25, log_every=5,
          seeds=(1, 2), writers=(SW, LT), style="Loss_test", train_log="step"),
        R(H, "cnn-noise30-cosine", T, **B, label_noise=0.3, lr=3e-3, sched="cosine", epochs=10,
          log_every=10, seeds=(1,), writers=(SW,), style="lower", train_log="running",
          acceptable=["overfitting"]),
        R(U, "cnn-adam-lr1e-5", T, **B, lr=1e-5, epochs=8, val_every=63, log_every=5,
          seeds=(1,), writers=(SW,), style="slash", acceptable=["still_improving"]),
        R(S, "cnn-adam-lr1e-4", T, **B, lr=1e-4, epochs=8, log_every=5, seeds=(1,),
          writers=(LC,), train_log="epoch", acceptable=["underfitting"]),
        R(E, "cnn-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(SW,), style="spaced",
          acceptable=["underfitting"]),
        R(E, "cnn-sgd0.3-b8", T, **dict(B, batch=8), opt="sgd", lr=0.3, max_steps=2000,
          epochs=None, val_every=100, log_every=10, seeds=(1,), writers=(LC,),
          train_log="step", acceptable=["underfitting"]),
        R(D, "cnn-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.015, epochs=8,
          val_every=21, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        # the bump ladder at step 320 of the cosine run: x10 for 5 steps (1.2x: lost in the
        # batch noise), x20 for 5 steps, x50 for 10 steps (thrown back near chance for good)
        R(P, "cnn-lrbump5-x10", T, **B, lr=3e-3, sched="cosine", epochs=10, val_every=21,
          log_every=1, bumps=[(320, 5, 10)], seeds=(1,), writers=(SW,), style="slash_test",
          acceptable=["healthy"]),
        R(P, "cnn-lrbump5-x20", T, **B, lr=3e-3, sched="cosine", epochs=10, val_every=21,
          log_every=1, bumps=[(320, 5, 20)], seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "cnn-lrbump10-x50", T, **B, lr=3e-3, sched="cosine", epochs=10, val_every=21,
          log_every=1, bumps=[(320, 10, 50)], seeds=(1,), writers=(SW,), style="lower",
          acceptable=["diverging"]),
        R(E, "cnn-adam0.01-b2", T, **dict(B, batch=2), lr=0.01, max_steps=3000, epochs=None,
          val_every=150, log_every=10, seeds=(1,), writers=(LT,), train_log="step",
          acceptable=["healthy"]),
        # after the first pass (no hot optimiser made the CNN bounce without a trend over
        # 2000-3000 steps): Adam 0.02 at batch 2 for 6000 steps, val every 150; Adam 0.02 at
        # batch 4 evaluated once per 500-step epoch
        R(E, "cnn-adam0.02-b2-long", T, **dict(B, batch=2), lr=0.02, max_steps=6000,
          epochs=None, val_every=150, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="spaced", train_log="step",
          acceptable=["healthy"]),
        R(E, "cnn-adam0.02-b4-epochval", T, **dict(B, batch=4), lr=0.02, epochs=8, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step", acceptable=["healthy"]),
        R(P, "cnn-poison5", T, **B, lr=3e-3, sched="cosine", epochs=10, val_every=21,
          log_every=2, poison=[(320, 5, "labels")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(P, "cnn-poisoninputs10", T, **B, lr=3e-3, sched="cosine", epochs=10, val_every=21,
          log_every=2, poison=[(320, 10, "inputs")], seeds=(1,), writers=(SW,), style="Loss"),
        R(INS, "cnn-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
        R(H, "cnn-trainonly-cosine", T, **B, lr=3e-3, sched="cosine", epochs=10, no_val=True,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "cnn-trainonly-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, max_steps=2000,
          epochs=None, no_val=True, log_every=10, seeds=(1,), writers=(SW,), style="slash",
          acceptable=["underfitting"]),
        R(P, "cnn-trainonly-lrbump5-x20", T, **B, lr=3e-3, sched="cosine", epochs=10,
          no_val=True, log_every=2, bumps=[(320, 5, 20)], seeds=(1,), writers=(SW,),
          style="lower"),
    ]
    return out


def dev17_recipes() -> list[Recipe]:
    """Seventeenth dev batch (age_ordinal, mf_ratings, vit_shapes), appended after the
    sixteenth so the earlier recipes keep their index. Trainings unlike the corpus: an age-like
    ordinal regression (MLP, MSE, MAE in decades), a matrix factorisation of ratings (embedding
    dot products, RMSE), a small ViT on generated shapes, from scratch and fine-tuned from a
    body pre-trained on cleaner images (a fresh head, or the pre-trained one: val starts good
    and moves little; warm-up + linear decay). The common mistakes of real runs: LR far too
    high under gradient clipping (stuck, not NaN), shuffled targets (nothing to learn), a
    40-example val set (a noisy val), dropout / input noise holding the train loss above val;
    and the usual causes
    (big models on little data, LR 1e-5, a runaway SGD, LR bumps and poisoned batches, runs cut
    at 25-50% of their schedule, two evaluations)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- age_ordinal: 2000 train, 63 steps per epoch at batch 32
    T = "age_ordinal"
    B = {"model": "small", "batch": 32}
    n = 63 * 30
    LAD = dict(B, lr=1e-4, sched="cosine", log_every=5, val_every=21, train_log="step")
    out += [
        R(H, "mlp-cosine-e30", T, **B, lr=3e-3, sched="cosine", epochs=30, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["overfitting"]),
        R(H, "mlp-medium-dropout0.3", T, **dict(B, model="medium"), dropout=0.3, lr=1e-3,
          sched="cosine", epochs=30, log_every=5, seeds=(1, 2), writers=(SW, LC),
          style="Loss", train_log="step"),
        R(H, "mlp-val40", T, **B, n_val=40, lr=3e-3, sched="cosine", epochs=30, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower", train_log="step",
          acceptable=["erratic", "overfitting"]),
        R(OV, "wide-n60-noisytargets", T, **dict(B, model="wide", n_train=60, batch=16),
          label_noise=0.8, lr=1e-3, max_steps=1200, epochs=None, val_every=5, log_every=5,
          seeds=(1, 2),
          writers=(LC, SW), style="Loss_test", train_log="step"),
        R(U, "mlp-shuffled-targets", T, **B, label_noise=1.0, lr=1e-3, epochs=20, log_every=5,
          seeds=(1, 2), writers=(SW, LT), style="underscore_valid", train_log="step",
          acceptable=["overfitting"]),
        R(U, "mlp-adam-lr1e-5", T, **B, lr=1e-5, epochs=20, log_every=5, seeds=(1,),
          writers=(LC,), train_log="step", acceptable=["still_improving"]),
        R(U, "mlp-adam-lr1-clip1", T, **B, lr=1.0, clip=1.0, epochs=15, log_every=5,
          seeds=(1, 2), writers=(SW, LT), style="slash", train_log="step",
          acceptable=["erratic", "diverging"]),
        R(E, "mlp-sgd0.1-b4", T, **dict(B, batch=4), opt="sgd", lr=0.1, max_steps=2000,
          epochs=None, val_every=100, log_every=10, seeds=(1, 2, 3), writers=(LC, LT, SW),
          style="lower", train_log="step", acceptable=["underfitting", "diverging"]),
        R(E, "mlp-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(LT,), train_log="step",
          acceptable=["healthy"]),
        R(E, "mlp-adam0.05-b4", T, **dict(B, batch=4), lr=0.05, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(SW,), style="spaced",
          acceptable=["underfitting", "diverging"]),
        R(D, "mlp-sgd-lrgrow", T, **B, opt="sgd", lr=0.003, sched="grow", grow=1.02, epochs=10,
          val_every=21, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(S, "mlp-cosine-stop25pct", T, **LAD, max_steps=n // 4, epochs=None, planned=n,
          seeds=(1,), writers=(LC,)),
        R(S, "mlp-cosine-stop50pct", T, **LAD, max_steps=n // 2, epochs=None, planned=n,
          seeds=(1,), writers=(SW,), style="lower", acceptable=["healthy"]),
        R(P, "mlp-lrbump10-x50", T, **B, lr=2e-3, sched="cosine", epochs=20, log_every=1,
          val_every=21, bumps=[(600, 10, 50)], seeds=(1,), writers=(SW,), style="slash_test"),
        R(P, "mlp-poison10-labels", T, **B, lr=2e-3, sched="cosine", epochs=20, log_every=2,
          val_every=21, poison=[(700, 10, "labels")], seeds=(1,), writers=(LT,),
          train_log="step"),
        R(P, "mlp-poisoninputs5", T, **B, lr=2e-3, sched="cosine", epochs=20, log_every=2,
          val_every=21, poison=[(600, 5, "inputs")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(INS, "mlp-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
    ]
    # ---------------- mf_ratings: 12000 ratings, 94 steps per epoch at batch 128
    T = "mf_ratings"
    B = {"arch": "mf", "model": "small", "batch": 128}
    out += [
        R(H, "mf-small-cosine-e30", T, **B, lr=3e-3, sched="cosine", epochs=30, log_every=5,
          val_every=47, seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss", train_log="step",
          acceptable=["still_improving"]),
        R(H, "mf-small-val40", T, **B, n_val=40, lr=3e-3, sched="cosine", epochs=30,
          log_every=5, val_every=47, seeds=(1,), writers=(LT,), train_log="step",
          acceptable=["erratic", "still_improving"]),
        R(OV, "mf-medium-n6000-e30", T, **dict(B, model="medium", n_train=6000, batch=64),
          lr=3e-3, epochs=30, log_every=5, val_every=47, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash_test",
          train_log="step"),
        R(U, "mf-adam-wd0.1", T, **B, lr=3e-3, wd=0.1, epochs=15, log_every=5, val_every=47,
          seeds=(1, 2), writers=(SW, LT), style="lower", train_log="step"),
        R(U, "mf-shuffled-targets", T, **B, label_noise=1.0, lr=3e-3, epochs=15, log_every=5,
          val_every=47, seeds=(1, 2), writers=(LC, SW), style="underscore_valid",
          train_log="step",
          acceptable=["overfitting"]),
        R(U, "mf-adam-lr1-clip1", T, **B, lr=1.0, clip=1.0, epochs=12, log_every=5,
          val_every=47, seeds=(1, 2), writers=(LC, SW), style="Loss", train_log="step",
          acceptable=["erratic", "diverging", "overfitting"]),
        R(S, "mf-adam-lr3e-4-e8", T, **B, lr=3e-4, epochs=8, log_every=5, val_every=47,
          seeds=(1, 2), writers=(SW, LC), style="spaced", train_log="step",
          acceptable=["underfitting"]),
        R(E, "mf-adam0.1-b8", T, **dict(B, batch=8), lr=0.1, max_steps=3000, epochs=None,
          val_every=150, log_every=10, seeds=(1,), writers=(SW,), style="slash",
          acceptable=["overfitting", "diverging", "underfitting"]),
        R(D, "mf-sgd-lrgrow", T, **B, opt="sgd", lr=0.05, sched="grow", grow=1.02, epochs=8,
          val_every=47, log_every=5, seeds=(1,), writers=(LT,), train_log="step"),
        R(P, "mf-lrbump20-x100", T, **B, lr=3e-3, sched="cosine", epochs=20, log_every=1,
          val_every=47, bumps=[(900, 20, 100)], seeds=(1,), writers=(SW,), style="slash",
          acceptable=["still_improving"]),
        R(P, "mf-poison20", T, **B, lr=3e-3, sched="cosine", epochs=20, log_every=2,
          val_every=47, poison=[(900, 20, "labels")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(INS, "mf-twoevals", T, **B, lr=3e-3, max_steps=60, epochs=None, val_every=30,
          log_every=30, seeds=(1,), writers=(SW,), style="Loss"),
    ]
    # ---------------- vit_shapes: 2000 images, 63 steps per epoch at batch 32
    T = "vit_shapes"
    B = {"arch": "vit", "model": "small", "batch": 32}
    FT = dict(B, pretrain=1500, fresh_head=True)
    n = 63 * 40
    COS = dict(B, lr=1e-3, sched="cosine", warmup=100, epochs=40, log_every=5, val_every=63)
    LAD = dict(B, lr=1e-3, sched="cosine", warmup=100, log_every=5, val_every=42,
               train_log="step")
    out += [
        R(H, "vit-warmup-cosine-e40", T, **COS, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["overfitting"]),
        R(H, "vit-ft-warmup-linear", T, **FT, lr=3e-4, sched="linear", warmup=60, epochs=8,
          log_every=5, val_every=21, seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss",
          train_log="step", acceptable=["underfitting"]),
        # the pre-trained head kept (same 4 classes): val starts at ~1.25 / 56% and moves little
        R(H, "vit-ftkeep-warmup-linear", T, **dict(FT, fresh_head=False), lr=3e-4,
          sched="linear", warmup=60, epochs=8, log_every=5, val_every=21, seeds=(1, 2, 3),
          writers=(LC, SW, LT), style="slash", train_log="step",
          acceptable=["underfitting", "still_improving"]),
        R(OV, "vit-ftkeep-medium-n100", T, **dict(FT, fresh_head=False, model="medium",
          n_train=100, batch=16), lr=1e-3, max_steps=500, epochs=None, val_every=10,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(U, "vit-ftkeep-lr1e-6", T, **dict(FT, fresh_head=False), lr=1e-6, sched="linear",
          warmup=60, epochs=6, log_every=5, val_every=21, seeds=(1,), writers=(SW,),
          style="Loss", acceptable=["healthy"]),
        R(P, "vit-ftkeep-poison5", T, **dict(FT, fresh_head=False), lr=3e-4, sched="linear",
          warmup=60, epochs=8, log_every=1, val_every=21, poison=[(250, 5, "labels")],
          seeds=(1,), writers=(SW,), style="lower"),
        R(H, "vit-dropout0.2", T, **dict(COS, dropout=0.2), seeds=(1,), writers=(LT,),
          train_log="step", acceptable=["overfitting"]),
        R(H, "vit-augnoise0.3", T, **dict(COS, aug_noise=0.3), seeds=(1,), writers=(LC,),
          train_log="step"),
        R(H, "vit-val40", T, **dict(COS, n_val=40), seeds=(1,), writers=(SW,),
          style="lower", train_log="step", acceptable=["erratic", "overfitting"]),
        R(OV, "vit-ft-medium-n100", T, **dict(FT, model="medium", n_train=100, batch=16),
          lr=1e-3, max_steps=700, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(LT, SW), style="Loss_test", train_log="step"),
        R(OV, "vit-medium-n300-e100", T, **dict(B, model="medium", n_train=300), lr=1e-3,
          epochs=100, log_every=5, val_every=20, seeds=(1,), writers=(SW,),
          style="underscore_valid"),
        R(U, "vit-ft-lr1e-6", T, **FT, lr=1e-6, sched="linear", warmup=60, epochs=6,
          log_every=5, val_every=21, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["still_improving"]),
        R(U, "vit-shuffled-labels", T, **B, label_noise=1.0, lr=1e-3, epochs=20, log_every=5,
          seeds=(1, 2, 3), writers=(LC, SW, LT), style="slash", train_log="step"),
        R(H, "vit-ft-frozen-probe", T, **dict(FT, freeze=True), lr=3e-3, sched="linear",
          warmup=60, epochs=8, log_every=5, val_every=21, seeds=(1,), writers=(LT,),
          train_log="step", acceptable=["underfitting"]),
        R(U, "vit-adam-lr0.5-clip1", T, **B, lr=0.5, clip=1.0, epochs=15, log_every=5,
          seeds=(1, 2), writers=(LT, SW), style="spaced", train_log="step",
          acceptable=["erratic", "diverging"]),
        R(E, "vit-adam0.003-b8", T, **dict(B, batch=8), lr=0.003, max_steps=2500, epochs=None,
          val_every=125, log_every=10, seeds=(1,), writers=(SW,), style="lower",
          acceptable=["healthy"]),
        R(E, "vit-adam0.01-b4", T, **dict(B, batch=4), lr=0.01, max_steps=2500, epochs=None,
          val_every=125, log_every=10, seeds=(1,), writers=(SW,), style="spaced",
          acceptable=["underfitting", "healthy"]),
        R(E, "vit-adam0.003-b4", T, **dict(B, batch=4), lr=0.003, max_steps=3000, epochs=None,
          val_every=150, log_every=10, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["healthy"]),
        R(D, "vit-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.02, epochs=10,
          val_every=21, log_every=5, seeds=(1,), writers=(LC,), train_log="step"),
        R(S, "vit-cosine-stop30pct", T, **LAD, max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1,), writers=(SW,), style="slash"),
        R(S, "vit-cosine-stop50pct", T, **LAD, max_steps=n // 2, epochs=None, planned=n,
          seeds=(1,), writers=(LT,), acceptable=["healthy"]),
        R(P, "vit-lrbump10-x30", T, **dict(COS, log_every=1), bumps=[(1400, 10, 30)],
          seeds=(1,), writers=(SW,), style="slash_test"),
        R(P, "vit-poison10", T, **dict(COS, log_every=2), poison=[(1400, 10, "labels")],
          seeds=(1,), writers=(LC,), train_log="step"),
        R(INS, "vit-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
    ]
    return out


def dev18_recipes() -> list[Recipe]:
    """Eighteenth dev batch (kws_spec, point_sets, poisson_counts), appended after the
    seventeenth so the earlier recipes keep their index. Trainings unlike the corpus: keyword
    spotting on 16x16 spectrogram-like inputs (the small CNN), a DeepSets / PointNet-style
    classifier of 32-point 3-D sets (a shared per-point MLP and a max or mean pool), a count
    regression trained with PoissonNLLLoss(log_input=True) (a loss whose floor is far above
    0). The everyday setups: SummaryWriter per step with a per-epoch val, Lightning with
    val_check_interval inside an epoch; the regimes by their real causes (LR far too high or
    too low, LR bumps, poisoned batches, a model too small, a big model on little data,
    shuffled targets, runs cut at 30-50% of their schedule, two evaluations) and a val
    loss computed on one batch of 32 (n_val) under a hot LR (erratic)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- kws_spec: 2000 spectrograms, 63 steps per epoch at batch 32
    T = "kws_spec"
    B = {"arch": "cnn", "model": "small", "batch": 32}
    n = 63 * 15
    LAD = dict(B, lr=5e-4, sched="cosine", log_every=5, val_every=21, train_log="step")
    out += [
        R(H, "cnn-cosine-e15", T, **B, lr=3e-3, sched="cosine", epochs=15, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "cnn-valcheck21-e10", T, **B, lr=2e-3, sched="cosine", epochs=10, log_every=5,
          val_every=21, seeds=(1, 2), writers=(LC,), train_log="step",
          acceptable=["still_improving"]),
        R(OV, "cnn-wide-n200-flip30", T, **dict(B, model="wide", n_train=200, batch=16),
          label_noise=0.3, lr=3e-3, max_steps=1500, epochs=None, val_every=25, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss", train_log="step"),
        R(U, "cnn-tiny-lr3e-4", T, **dict(B, model="tiny"), lr=3e-4, epochs=10, log_every=5,
          seeds=(1, 2, 3), writers=(LC, SW), style="lower", train_log="step",
          acceptable=["still_improving"]),
        R(E, "cnn-adam0.03-b8", T, **dict(B, batch=8), lr=0.03, max_steps=1500, epochs=None,
          val_every=75, log_every=10, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["underfitting", "diverging", "healthy"]),
        R(D, "cnn-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.02, epochs=8,
          val_every=21, log_every=5, seeds=(1, 2, 3), writers=(LT, SW), style="spaced",
          train_log="step"),
        R(S, "cnn-cosine-stop30pct", T, **LAD, max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="lower"),
        R(S, "cnn-cosine-stop50pct", T, **LAD, max_steps=n // 2, epochs=None, planned=n,
          seeds=(1,), writers=(SW,), style="slash", acceptable=["healthy"]),
        R(P, "cnn-lrbump10-x30", T, **B, lr=2e-3, sched="cosine", epochs=15, log_every=1,
          val_every=21, bumps=[(500, 10, 30)], seeds=(1,), writers=(SW,), style="slash_test"),
        R(P, "cnn-poison10-labels", T, **B, lr=2e-3, sched="cosine", epochs=15, log_every=2,
          val_every=21, poison=[(500, 10, "labels")], seeds=(1, 2), writers=(LT, LC),
          train_log="step"),
        R(INS, "cnn-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1, 2), writers=(LT, SW), style="slash", train_log="step"),
    ]
    # ---------------- point_sets: 2000 sets of 32 points, 63 steps per epoch at batch 32
    T = "point_sets"
    B = {"arch": "deepsets", "model": "small", "batch": 32}
    n = 63 * 20
    LAD = dict(B, lr=3e-4, sched="cosine", log_every=5, val_every=21, train_log="step")
    out += [
        R(H, "ds-cosine-e20", T, **B, lr=3e-3, sched="cosine", epochs=20, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_val", train_log="step",
          acceptable=["still_improving"]),
        R(H, "ds-meanpool-valcheck21", T, **dict(B, arch="deepsets_mean"), lr=3e-3,
          sched="cosine", epochs=15, log_every=5, val_every=21, seeds=(1,), writers=(LC,),
          train_log="step", acceptable=["still_improving", "underfitting"]),
        R(OV, "ds-wide-n80", T, **dict(B, model="wide", n_train=80, batch=16), lr=1e-3,
          max_steps=1000, epochs=None, val_every=10, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="lower", train_log="step"),
        R(U, "ds-adam-lr1e-5", T, **B, lr=1e-5, epochs=10, log_every=5, seeds=(1,),
          writers=(LC,), train_log="step", acceptable=["still_improving"]),
        R(U, "ds-adam-lr1-clip1", T, **B, lr=1.0, clip=1.0, epochs=10, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LT), style="slash", train_log="step",
          acceptable=["erratic", "diverging"]),
        R(E, "ds-adam0.03-b8", T, **dict(B, batch=8), lr=0.03, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1, 2), writers=(LT, SW), style="spaced",
          train_log="step", acceptable=["healthy", "underfitting"]),
        R(E, "ds-adam0.03-b8-val32", T, **dict(B, batch=8), n_val=32, lr=0.03, max_steps=2000,
          epochs=None, val_every=100, log_every=10, seeds=(1, 2), writers=(LT, SW),
          style="slash", train_log="step", acceptable=["healthy"]),
        R(D, "ds-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.02, epochs=8,
          val_every=21, log_every=5, seeds=(1, 2), writers=(SW, LC), style="Loss",
          train_log="step"),
        R(S, "ds-cosine-stop30pct", T, **LAD, max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="Loss"),
        R(P, "ds-lrbump10-x30", T, **B, lr=2e-3, sched="cosine", epochs=15, log_every=1,
          val_every=21, bumps=[(500, 10, 30)], seeds=(1,), writers=(SW,), style="slash"),
        R(P, "ds-poison10-labels", T, **B, lr=2e-3, sched="cosine", epochs=15, log_every=2,
          val_every=21, poison=[(500, 10, "labels")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(INS, "ds-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(SW,), style="lower"),
    ]
    # ---------------- poisson_counts: 2000 rows, 63 steps per epoch at batch 32
    T = "poisson_counts"
    B = {"model": "small", "batch": 32}
    n = 63 * 20
    out += [
        R(H, "mlp-cosine-val21", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=5,
          val_every=21, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["overfitting", "still_improving"]),
        R(H, "mlp-lr3e-4-epochval", T, **B, lr=3e-4, epochs=25, log_every=5, seeds=(1, 2),
          writers=(SW,), style="Loss", train_log="step",
          acceptable=["still_improving", "underfitting"]),
        R(OV, "mlp-wide-n150", T, **dict(B, model="wide", n_train=150, batch=16), lr=1e-3,
          max_steps=1500, epochs=None, val_every=10, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="underscore_valid", train_log="step"),
        R(U, "mlp-shuffled-counts", T, **B, label_noise=1.0, lr=1e-3, epochs=15, log_every=5,
          val_every=21, seeds=(1, 2, 3), writers=(LC, SW), style="lower", train_log="step",
          acceptable=["overfitting"]),
        R(E, "mlp-adam0.05-b4", T, **dict(B, batch=4), lr=0.05, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(LT,), train_log="step",
          acceptable=["underfitting", "diverging"]),
        R(D, "mlp-sgd-lrgrow", T, **B, opt="sgd", lr=0.003, sched="grow", grow=1.02, epochs=10,
          val_every=21, log_every=5, seeds=(1, 2), writers=(LC, SW), style="spaced",
          train_log="step"),
        R(S, "mlp-cosine-stop30pct", T, **B, lr=1e-4, sched="cosine", log_every=5,
          val_every=21, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "mlp-lrbump5-x100", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=1,
          val_every=21, bumps=[(600, 5, 100)], seeds=(1, 2), writers=(SW, LC),
          style="slash_test"),
        R(INS, "mlp-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
    ]
    return out


def dev19_recipes() -> list[Recipe]:
    """Nineteenth dev batch (vae_manifold, diffusion2d, contrastive_digits), appended after the
    eighteenth so the earlier recipes keep their index. Trainings whose loss has an unusual
    level or shape: a small VAE (the negative ELBO ~4.5 at best against ~16 for a mean
    predictor, recon / KL parts logged, KL annealing), a toy DDPM noise predictor on 2-D points
    (its MSE floor ~0.45, not 0), a contrastive encoder with InfoNCE (from ln 64 = 4.16 towards
    ~1, judged on a top-1 retrieval accuracy). The everyday setups: SummaryWriter per step with
    a per-epoch val, Lightning ReduceLROnPlateau or OneCycleLR with val every N steps; the
    regimes by their real causes (LR far too high or too low, LR bumps, poisoned inputs, a
    model too small, a posterior collapse from a KL weight of 20, runaway SGD, cut schedules,
    two evaluations)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- vae_manifold: 2000 rows of 16 dims, 63 steps per epoch at batch 32
    T = "vae_manifold"
    B = {"arch": "vae", "model": "small", "batch": 32}
    n = 63 * 20
    out += [
        R(H, "vae-cosine-e20", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "vae-klanneal400-e20", T, **B, lr=1e-3, kl_anneal=400, epochs=20, log_every=5,
          val_every=21, seeds=(1, 2), writers=(LC, SW), style="underscore_val",
          train_log="step", acceptable=["still_improving"]),
        R(H, "vae-plateau-e25", T, **B, lr=2e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=25, log_every=5, seeds=(1, 2), writers=(LT, LC), train_log="step",
          acceptable=["still_improving"]),
        R(U, "vae-collapse-klw20", T, **B, lr=1e-3, kl_weight=20.0, sched="cosine", epochs=15,
          log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step"),
        R(U, "vae-tiny-lr3e-4", T, **dict(B, model="tiny"), lr=3e-4, epochs=10, log_every=5,
          seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["still_improving", "healthy"]),
        R(OV, "vae-beta0.02-wide-n30", T, **dict(B, model="wide", n_train=30, batch=10),
          kl_weight=0.02, lr=3e-3, max_steps=3000, epochs=None, val_every=100, log_every=10,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step"),
        R(E, "vae-adam0.03-b8-val32", T, **dict(B, batch=8), n_val=32, lr=0.03, max_steps=2000,
          epochs=None, val_every=100, log_every=10, seeds=(1,), writers=(LC,),
          train_log="step", acceptable=["healthy", "still_improving"]),
        R(OV, "vae-wide-n30", T, **dict(B, model="wide", n_train=30, batch=10), lr=3e-3,
          max_steps=3000, epochs=None, val_every=50, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["healthy"]),
        R(E, "vae-adam0.05-b4", T, **dict(B, batch=4), lr=0.05, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["healthy", "underfitting", "still_improving"]),
        R(E, "vae-adam0.03-b8", T, **dict(B, batch=8), lr=0.03, max_steps=2000, epochs=None,
          val_every=100, log_every=10, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step", acceptable=["healthy", "underfitting"]),
        R(D, "vae-sgd-lrgrow", T, **B, opt="sgd", lr=1e-3, sched="grow", grow=1.02, epochs=8,
          val_every=21, log_every=5, seeds=(1, 2), writers=(SW, LT), style="slash",
          train_log="step"),
        R(S, "vae-cosine-stop30pct", T, **B, lr=2e-4, sched="cosine", log_every=5,
          val_every=21, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(P, "vae-poison5-inputs", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=1,
          val_every=21, poison=[(600, 5, "inputs")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(P, "vae-lrbump10-x100", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=2,
          val_every=21, bumps=[(600, 10, 100)], seeds=(1,), writers=(LT,), train_log="step"),
        R(INS, "vae-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- diffusion2d: 2000 points (1000 val), 32 steps per epoch at batch 64
    T = "diffusion2d"
    B = {"arch": "ddpm", "model": "small", "batch": 64}
    n = 32 * 50
    out += [
        R(H, "ddpm-cosine-e50", T, **B, lr=1e-3, sched="cosine", epochs=50, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="Loss", train_log="step",
          acceptable=["still_improving", "underfitting"]),
        R(H, "ddpm-onecycle-e40", T, **B, lr=3e-3, sched="onecycle", epochs=40, log_every=5,
          val_every=16, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving", "underfitting"]),
        R(H, "ddpm-medium-val16", T, **dict(B, model="medium"), lr=1e-3, sched="cosine",
          epochs=40, log_every=5, val_every=16, seeds=(1,), writers=(SW,), style="slash",
          train_log="step", acceptable=["still_improving", "underfitting"]),
        R(U, "ddpm-lr1e-5", T, **B, lr=1e-5, epochs=20, log_every=5, val_every=16,
          seeds=(1, 2), writers=(SW, LC), style="lower", train_log="step",
          acceptable=["still_improving"]),
        R(U, "ddpm-linear", T, **dict(B, model="linear"), lr=1e-2, epochs=20, log_every=5,
          val_every=16, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["healthy"]),
        R(OV, "ddpm-wide-n10", T, **dict(B, model="wide", n_train=10, batch=10), lr=1e-3,
          max_steps=4000, epochs=None, val_every=100, log_every=10, seeds=(1, 2),
          writers=(LT, SW), style="Loss", train_log="step", acceptable=["healthy"]),
        R(E, "ddpm-adam0.03-b4-val32", T, **dict(B, batch=4), n_val=32, lr=0.03,
          max_steps=1500, epochs=None, val_every=75, log_every=10, seeds=(1, 2),
          writers=(LC, SW), style="Loss", train_log="step", acceptable=["healthy"]),
        R(E, "ddpm-adam0.05-b4-val32", T, **dict(B, batch=4), n_val=32, lr=0.05,
          max_steps=1500, epochs=None, val_every=75, log_every=10, seeds=(1, 2),
          writers=(SW, LT), style="slash", train_log="step", acceptable=["healthy"]),
        R(E, "ddpm-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, max_steps=1500, epochs=None,
          val_every=75, log_every=10, seeds=(1, 2), writers=(SW, LT), style="Loss",
          train_log="step", acceptable=["healthy", "underfitting"]),
        R(D, "ddpm-adam0.1-b8", T, **dict(B, batch=8), lr=0.1, max_steps=1500, epochs=None,
          val_every=50, log_every=10, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["underfitting"]),
        R(D, "ddpm-sgd-lrgrow", T, **B, opt="sgd", lr=1e-3, sched="grow", grow=1.03, epochs=12,
          val_every=16, log_every=5, seeds=(1, 2), writers=(LT, SW), style="spaced",
          train_log="step"),
        R(S, "ddpm-cosine-stop30pct", T, **B, lr=1e-4, sched="cosine", log_every=5,
          val_every=16, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="Loss", acceptable=["underfitting"]),
        R(P, "ddpm-lrbump10-x100", T, **B, lr=1e-3, sched="cosine", epochs=50, log_every=1,
          val_every=16, bumps=[(800, 10, 100)], seeds=(1,), writers=(SW,), style="slash"),
        R(P, "ddpm-poison5-inputs", T, **B, lr=1e-3, sched="cosine", epochs=50, log_every=2,
          val_every=16, poison=[(800, 5, "inputs")], seeds=(1, 2), writers=(LC, LT),
          train_log="step"),
        R(INS, "ddpm-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(SW,), style="slash"),
    ]
    # ---------------- contrastive_digits: 1536 digits, 24 steps per epoch at batch 64
    T = "contrastive_digits"
    B = {"arch": "contrastive", "model": "medium", "batch": 64}
    n = 24 * 80
    out += [
        R(H, "con-cosine-e80", T, **B, lr=3e-3, sched="cosine", epochs=80, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "con-onecycle-e60", T, **B, lr=5e-3, sched="onecycle", epochs=60, log_every=5,
          val_every=48, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "con-lr1e-5", T, **B, lr=1e-5, epochs=20, log_every=5, val_every=24,
          seeds=(1, 2), writers=(SW, LC), style="underscore_val", train_log="step",
          acceptable=["still_improving"]),
        R(U, "con-linear", T, **dict(B, model="linear"), lr=3e-3, sched="cosine", epochs=40,
          log_every=5, seeds=(1,), writers=(LC,), train_log="step", acceptable=["healthy"]),
        R(OV, "con-static-views-n256", T, **B, n_train=256, label_noise=1.0, lr=1e-3,
          max_steps=1000, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["underfitting"]),
        R(E, "con-adam0.1-b32", T, **dict(B, model="small", batch=32), lr=0.1,
          max_steps=1500, epochs=None, val_every=50, log_every=10, seeds=(1,), writers=(LT,),
          train_log="step", acceptable=["healthy", "still_improving"]),
        R(D, "con-adam-lrgrow", T, **B, lr=1e-3, sched="grow", grow=1.03,
          epochs=20, val_every=24, log_every=5, seeds=(1, 2), writers=(SW, LT), style="Loss",
          train_log="step"),
        R(S, "con-cosine-stop30pct", T, **B, lr=1e-3, sched="cosine", log_every=5,
          val_every=24, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(P, "con-lrbump10-x30", T, **B, lr=3e-3, sched="cosine", epochs=60, log_every=1,
          val_every=24, bumps=[(900, 10, 30)], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(INS, "con-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LT,), train_log="step"),
    ]
    return out


def dev20_recipes() -> list[Recipe]:
    """Twentieth dev batch (kd_student, sgdr_cls, det_boxes), appended after the nineteenth so
    the earlier recipes keep their index. Trainings whose curves have shapes the corpus lacks:
    a small student distilled from a fixed teacher's soft targets (0.7 x T^2 KL at T = 3 + 0.3
    x CE; the KD term's floor is above 0 since the student cannot match the teacher), a
    classifier under SGDR / cosine warm restarts (the loss bumps at each restart: not spikes),
    a two-head detector-like CNN on generated images (class CE + 5 x box L1 + 2 x (1 - GIoU),
    the parts logged beside the total; val accuracy, IoU, map50). The everyday setups:
    SummaryWriter per step with a per-epoch val, Lightning ReduceLROnPlateau or OneCycleLR;
    the regimes by their real causes (LR far too high, LR bumps, poisoned inputs, a model too
    small, a big model on little data, runs cut short, two evaluations)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- sgdr_cls: 2000 rows, 63 steps per epoch at batch 32; restarts every
    # step_every optimiser steps (cosine from lr to 2% of it)
    T = "sgdr_cls"
    B = {"model": "small", "batch": 32}
    n = 63 * 30
    out += [
        R(H, "sgdr-adam-restart6ep-e30", T, **B, lr=3e-3, sched="restarts", step_every=378,
          epochs=30, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "sgdr-sgd0.1-restart4ep-e24", T, **B, opt="sgd", lr=0.1, sched="restarts",
          step_every=252, epochs=24, log_every=5, val_every=32, seeds=(1, 2),
          writers=(LC, SW), style="lower", train_log="step", acceptable=["still_improving"]),
        R(OV, "sgdr-wide-n200-restarts", T, **dict(B, model="wide", n_train=200), lr=3e-3,
          sched="restarts", step_every=280, epochs=200, log_every=5, val_every=35,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step"),
        R(U, "sgdr-linear-restarts", T, **dict(B, model="linear"), lr=1e-2, sched="restarts",
          step_every=378, epochs=24, log_every=5, seeds=(1, 2), writers=(LC, SW),
          style="underscore_val", train_log="step", acceptable=["healthy"]),
        R(E, "sgdr-adam0.05-b8-restarts", T, **dict(B, batch=8), lr=0.05, sched="restarts",
          step_every=750, max_steps=3000, epochs=None, val_every=100, log_every=10,
          seeds=(1,), writers=(SW,), style="slash", train_log="step",
          acceptable=["healthy", "underfitting"]),
        R(D, "sgdr-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01,
          epochs=12, val_every=32, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "sgdr-cosine-stop30pct", T, **B, lr=1e-4, sched="cosine", log_every=5,
          val_every=32, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "sgdr-restarts-lrbump10-x50", T, **B, lr=3e-3, sched="restarts", step_every=378,
          epochs=30, log_every=1, val_every=32, bumps=[(950, 10, 50)], seeds=(1, 2),
          writers=(SW, LC), style="slash"),
        R(INS, "sgdr-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- kd_student: 2000 rows (+ the teacher's logits), 63 steps per epoch
    T = "kd_student"
    B = {"arch": "kd_student", "model": "small", "batch": 32}
    n = 63 * 25
    out += [
        R(H, "kd-small-cosine-e25", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "kd-onecycle-e20", T, **B, lr=5e-3, sched="onecycle", epochs=20, log_every=5,
          val_every=32, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "kd-tiny-student", T, **dict(B, model="tiny"), lr=2e-3, sched="cosine",
          epochs=20, log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(OV, "kd-wide-n150-noisy", T, **dict(B, model="wide", n_train=150), label_noise=0.3,
          lr=2e-3, max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "kd-adam0.05-b8", T, **dict(B, batch=8), lr=0.05, max_steps=2500, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(SW,), style="lower",
          train_log="step", acceptable=["healthy", "underfitting"]),
        R(D, "kd-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=12,
          val_every=32, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "kd-cosine-stop30pct", T, **B, lr=2e-4, sched="cosine", log_every=5,
          val_every=32, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(P, "kd-lrbump5-x200", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=1,
          val_every=32, bumps=[(800, 5, 200)], seeds=(1, 2), writers=(SW, LC),
          style="underscore_val"),
        R(INS, "kd-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(SW,), style="slash"),
    ]
    # ---------------- det_boxes: 2000 16x16 images, 63 steps per epoch at batch 32
    T = "det_boxes"
    B = {"arch": "detector", "model": "small", "batch": 32}
    n = 63 * 25
    out += [
        R(H, "det-small-cosine-e25", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "det-plateau-e30", T, **B, lr=2e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=30, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "det-linear", T, **dict(B, model="linear"), lr=1e-3, sched="cosine", epochs=20,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(OV, "det-wide-n100", T, **dict(B, model="wide", n_train=100), lr=1e-3,
          max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "det-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, max_steps=2500, epochs=None,
          val_every=100, log_every=10, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["healthy", "underfitting"]),
        R(D, "det-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=12,
          val_every=32, log_every=5, seeds=(1, 2), writers=(SW, LT), style="lower",
          train_log="step"),
        R(S, "det-cosine-stop30pct", T, **B, lr=3e-4, sched="cosine", log_every=5,
          val_every=32, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(P, "det-poison5-inputs", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=1,
          val_every=32, poison=[(800, 5, "inputs")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(P, "det-lrbump5-x40", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=2,
          val_every=32, bumps=[(800, 5, 40)], seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(INS, "det-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
        # more models too small, Lightning OneCycleLR, a hot SGD under restarts
        R(U, "det-tiny", T, **dict(B, model="tiny"), lr=2e-3, sched="cosine", epochs=20,
          log_every=5, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["healthy"]),
        R(H, "det-onecycle-e25", T, **B, lr=5e-3, sched="onecycle", epochs=25, log_every=5,
          val_every=32, seeds=(1, 2), writers=(LT, LC), train_log="step",
          acceptable=["still_improving"]),
    ]
    T = "kd_student"
    B = {"arch": "kd_student", "model": "small", "batch": 32}
    out += [
        R(U, "kd-linear-student", T, **dict(B, model="linear"), lr=5e-3, sched="cosine",
          epochs=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step", acceptable=["healthy"]),
        R(P, "kd-lrbump5-x200", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=2,
          val_every=32, bumps=[(800, 5, 200)], seeds=(3,), writers=(LT,), train_log="step"),
    ]
    T = "sgdr_cls"
    out += [
        R(E, "sgdr-sgd0.5-b8-restarts", T, model="small", batch=8, opt="sgd", lr=0.5,
          sched="restarts", step_every=750, max_steps=3000, epochs=None, val_every=100,
          log_every=10, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["underfitting", "diverging"]),
    ]
    out += [    # a big detector on 60 images, 30% of their classes flipped: memorises them
        R(OV, "det-wide-n60-noisy", "det_boxes", arch="detector", model="wide", n_train=60,
          label_noise=0.3, lr=5e-4, batch=20, max_steps=1500, epochs=None, val_every=10,
          log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step"),
        # erratic: a hot Adam at batch 8 (4) with the val loss on 40 examples
        R(E, "sgdr-adam0.03-b8-val40", "sgdr_cls", model="medium", batch=8, n_val=40, lr=0.03,
          sched="restarts", step_every=500, max_steps=2000, epochs=None, val_every=50,
          log_every=10, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["healthy", "still_improving"]),
        R(E, "kd-adam0.03-b8-val40", "kd_student", arch="kd_student", model="small", batch=8,
          n_val=40, lr=0.03, max_steps=2000, epochs=None, val_every=50, log_every=10,
          seeds=(1,), writers=(LC,), train_log="step", acceptable=["healthy"]),
        R(E, "det-adam0.02-b4-val40", "det_boxes", arch="detector", model="small", batch=4,
          n_val=40, lr=0.02, max_steps=2000, epochs=None, val_every=50, log_every=10,
          seeds=(1,), writers=(SW,), style="slash", train_log="step",
          acceptable=["healthy", "underfitting"]),
    ]
    return out


def dev21_recipes() -> list[Recipe]:
    """Twenty-first dev batch (s2s_translit, rank_lists, mtl_digits), appended after the
    twentieth so the earlier recipes keep their index. Trainings unlike the corpus it was tuned
    on: a GRU encoder-decoder on generated translation-like pairs (teacher-forced token CE; the
    greedy decode's token accuracy and a BLEU-like score lag the val loss), a learning-to-rank
    scorer trained with a pairwise hinge (floor 0; pairwise accuracy, NDCG@5), a two-head model
    on digits whose weighted total (CE + 0.5 x MSE) and parts are logged (the digit head can
    overfit while the aux head still improves; the total is judged). The everyday setups:
    SummaryWriter per step with a per-epoch val, Lightning ReduceLROnPlateau or OneCycleLR;
    the regimes by their real causes (LR far too high or too low, LR bumps, poisoned inputs, a
    model too small, a big model on little data, runs cut short, two evaluations)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- s2s_translit: 2000 pairs, 63 steps per epoch at batch 32
    T = "s2s_translit"
    B = {"arch": "seq2seq", "model": "medium", "batch": 32}
    n = 63 * 25
    out += [
        R(H, "s2s-medium-cosine-e25", T, **B, lr=3e-3, sched="cosine", epochs=25, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "s2s-onecycle-e20", T, **B, lr=5e-3, sched="onecycle", epochs=20, log_every=5,
          val_every=32, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "s2s-tiny-gru4", T, **dict(B, model="tiny"), lr=3e-3, sched="cosine", epochs=20,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(OV, "s2s-wide-n150", T, **dict(B, model="wide", n_train=150), lr=2e-3,
          max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "s2s-adam0.03-b8-val40", T, **dict(B, batch=8, n_val=40), lr=0.03,
          max_steps=2000, epochs=None, val_every=50, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "diverging"]),
        R(D, "s2s-sgd-lrgrow", T, **B, opt="sgd", lr=0.05, sched="grow", grow=1.01, epochs=12,
          val_every=32, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "s2s-cosine-stop30pct", T, **B, lr=3e-4, sched="cosine", log_every=5,
          val_every=32, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "s2s-lrbump5-x100", T, **B, lr=3e-3, sched="cosine", epochs=25, log_every=1,
          val_every=32, bumps=[(800, 5, 100)], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(INS, "s2s-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- rank_lists: 600 queries of 10 items, 38 steps per epoch at batch 16
    T = "rank_lists"
    B = {"arch": "ranker", "model": "small", "batch": 16}
    n = 38 * 30
    out += [
        R(H, "rank-small-plateau-e40", T, **B, lr=2e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=40, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "rank-onecycle-e30", T, **B, lr=5e-3, sched="onecycle", epochs=30, log_every=5,
          val_every=19, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "rank-linear", T, **dict(B, model="linear"), lr=2e-3, sched="cosine", epochs=30,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(U, "rank-sgd-lr1e-5", T, **B, opt="sgd", lr=1e-5, epochs=30, log_every=5,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(OV, "rank-wide-n30-noisy", T, **dict(B, model="wide", n_train=30), label_noise=0.3,
          lr=2e-3, max_steps=1200, epochs=None, val_every=20, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "rank-adam0.05-b4-val20", T, **dict(B, batch=4, n_val=20), lr=0.05,
          max_steps=2000, epochs=None, val_every=50, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy", "underfitting"]),
        R(D, "rank-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.015,
          epochs=12, val_every=19, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "rank-cosine-stop30pct", T, **B, lr=5e-5, sched="cosine", log_every=5,
          val_every=19, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "rank-poison5-inputs", T, **B, lr=2e-3, sched="cosine", epochs=30, log_every=1,
          val_every=19, poison=[(600, 5, "inputs")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(INS, "rank-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(SW,), style="slash"),
    ]
    # ---------------- mtl_digits: 1297 digits, 41 steps per epoch at batch 32
    T = "mtl_digits"
    B = {"arch": "two_heads", "model": "small", "batch": 32}
    n = 41 * 30
    out += [
        R(H, "mtl-small-cosine-e30", T, **B, lr=2e-3, sched="cosine", epochs=30, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "mtl-plateau-e30", T, **B, lr=2e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=30, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(OV, "mtl-wide-n200-noisy", T, **dict(B, model="wide", n_train=200), label_noise=0.3,
          lr=1e-3, max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="slash", train_log="step"),
        R(U, "mtl-linear", T, **dict(B, model="linear"), lr=1e-3, sched="cosine", epochs=20,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(U, "mtl-adam3e-6", T, **B, lr=3e-6, epochs=20, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["still_improving"]),
        R(E, "mtl-adam0.03-b8-val40", T, **dict(B, batch=8, n_val=40), lr=0.03,
          max_steps=2000, epochs=None, val_every=50, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy", "underfitting"]),
        R(D, "mtl-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=12,
          val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "mtl-cosine-stop30pct", T, **B, lr=1e-4, sched="cosine", log_every=5,
          val_every=20, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(P, "mtl-lrbump5-x100", T, **B, lr=2e-3, sched="cosine", epochs=30, log_every=1,
          val_every=20, bumps=[(600, 5, 100)], seeds=(1, 2), writers=(SW, LC),
          style="underscore_val"),
        R(INS, "mtl-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # after the first pass: the x100 bump killed the seq2seq GRU for good (diverging, kept), so
    # a x20 bump for the spike; Adam 0.03 / batch 8 killed it too (dropped): a hot Adam at
    # batch 8 with the val on 40 pairs; Adam 0.05 / batch 4 ranked with a clear trend: hotter
    out += [
        R(P, "s2s-lrbump5-x20", "s2s_translit", arch="seq2seq", model="medium", batch=32,
          lr=3e-3, sched="cosine", epochs=25, log_every=1, val_every=32, bumps=[(800, 5, 20)],
          seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(E, "s2s-adam0.01-b8-val40", "s2s_translit", arch="seq2seq", model="medium", batch=8,
          n_val=40, lr=0.01, max_steps=2000, epochs=None, val_every=50, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "healthy"]),
        R(E, "rank-adam0.3-b4-val20", "rank_lists", arch="ranker", model="small", batch=4,
          n_val=20, lr=0.3, max_steps=2000, epochs=None, val_every=50, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "diverging"]),
        # the two-head model's x100 bump killed it (one relabelled healthy, one dropped)
        R(P, "mtl-lrbump5-x20", "mtl_digits", arch="two_heads", model="small", batch=32,
          lr=2e-3, sched="cosine", epochs=30, log_every=1, val_every=20, bumps=[(600, 5, 20)],
          seeds=(1, 2), writers=(SW, LC), style="underscore_val"),
        R(P, "mtl-poison5-inputs", "mtl_digits", arch="two_heads", model="small", batch=32,
          lr=2e-3, sched="cosine", epochs=30, log_every=1, val_every=20,
          poison=[(600, 5, "inputs")], seeds=(1,), writers=(SW,), style="slash"),
    ]
    # the two heads apart: on 400 digits with 30% flipped, the digit head's val part turns up
    # after ~750 steps while the aux head's still falls (the total rises ~10%); on 600 with 20%
    # flipped at a lower LR the digit part levels off and the aux part carries the total down
    T = "mtl_digits"
    B = {"arch": "two_heads", "model": "medium", "batch": 32}
    out += [
        R(OV, "mtl-medium-n400-noisy-cls-turns", T, **dict(B, n_train=400), label_noise=0.3,
          lr=1e-3, max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["healthy"]),
        R(S, "mtl-medium-n600-noisy-aux-falls", T, **dict(B, n_train=600), label_noise=0.2,
          lr=5e-4, max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["healthy"]),
    ]
    return out


def dev22_recipes() -> list[Recipe]:
    """Twenty-second dev batch (ctc_words, gcn_nodes, focal_rare), appended after the
    twenty-first so the earlier recipes keep their index. Trainings unlike the corpus it was
    tuned on: a CTC recogniser on generated speech-like feature sequences (CTCLoss; the greedy
    decode's CER and WER stay at 1.0 while it emits only blanks), a GCN node classifier on one
    generated graph, full batch (one step per epoch), with 80 train and 40 val nodes (a noisy
    val), an MLP on an imbalanced table trained with a focal loss (floor 0; judged on the rare
    class's PR-AUC and F1). The everyday setups: SummaryWriter per step with a per-epoch val,
    Lightning ReduceLROnPlateau or OneCycleLR; the regimes by their real causes (LR far too high,
    LR bumps, a model too small, a big model on little data, runs cut short, two evaluations)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- ctc_words: 2000 utterances, 63 steps per epoch at batch 32
    T = "ctc_words"
    B = {"arch": "ctc", "model": "small", "batch": 32}
    n = 63 * 20
    out += [
        R(H, "ctc-small-cosine-e15", T, **B, lr=5e-3, sched="cosine", epochs=15, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(H, "ctc-onecycle-e12", T, **B, lr=1e-2, sched="onecycle", epochs=12, log_every=5,
          val_every=32, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "ctc-tiny-h2", T, **dict(B, model="tiny"), lr=5e-3, sched="cosine", epochs=12,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(OV, "ctc-wide-n100-noisy", T, **dict(B, model="wide", n_train=100), label_noise=0.2,
          lr=3e-3, max_steps=1000, epochs=None, val_every=20, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "ctc-adam0.03-b8-val40", T, **dict(B, batch=8, n_val=40), lr=0.03,
          max_steps=1500, epochs=None, val_every=50, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "diverging"]),
        R(D, "ctc-sgd-lrgrow", T, **B, opt="sgd", lr=0.05, sched="grow", grow=1.012, epochs=8,
          val_every=32, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "ctc-cosine-stop30pct", T, **B, lr=2e-3, sched="cosine", log_every=5,
          val_every=32, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "ctc-lrbump5-x30", T, **B, lr=5e-3, sched="cosine", epochs=15, log_every=1,
          val_every=32, bumps=[(500, 5, 30)], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(INS, "ctc-twoevals", T, **B, lr=5e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- gcn_nodes: full batch, one step per epoch (80 train nodes, 40 val)
    T = "gcn_nodes"
    B = {"arch": "gcn_nodes", "model": "small", "batch": 80}
    out += [
        R(H, "gcn-small-adam0.01-wd-e150", T, **B, lr=0.01, wd=5e-4, epochs=150, log_every=1,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["overfitting"]),
        R(H, "gcn-plateau-e150", T, **B, lr=0.01, wd=5e-4, sched="plateau", gamma=0.5,
          patience=10, epochs=150, log_every=1, seeds=(1, 2), writers=(LC, LT),
          train_log="step", acceptable=["overfitting"]),
        R(OV, "gcn-wide-n20-nodrop", T, **dict(B, model="wide", n_train=20, batch=20),
          lr=0.01, epochs=200, log_every=1, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(U, "gcn-linear-nograph", T, **dict(B, model="linear"), lr=0.01, epochs=150,
          log_every=1, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step", acceptable=["healthy"]),
        R(U, "gcn-sgd-lr1e-4", T, **B, opt="sgd", lr=1e-4, epochs=150, log_every=1,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(E, "gcn-adam0.2-val40", T, **B, lr=0.2, epochs=150, log_every=1, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy", "diverging"]),
        R(D, "gcn-sgd-lrgrow", T, **B, opt="sgd", lr=0.05, sched="grow", grow=1.06,
          epochs=150, log_every=1, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "gcn-cosine-stop30pct", T, **B, lr=1e-3, sched="cosine", log_every=1,
          train_log="step", max_steps=90, epochs=None, planned=300, seeds=(1, 2),
          writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "gcn-lrbump3-x50", T, **B, lr=0.01, wd=5e-4, epochs=150, log_every=1,
          bumps=[(80, 3, 50)], seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(INS, "gcn-twoevals", T, **B, lr=0.01, max_steps=2, epochs=None, log_every=1,
          seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- focal_rare: 2500 rows, 79 steps per epoch at batch 32
    T = "focal_rare"
    B = {"arch": "focal_mlp", "model": "small", "batch": 32}
    n = 79 * 30
    out += [
        R(H, "focal-small-cosine-e25", T, **B, lr=2e-3, sched="cosine", epochs=25,
          log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "focal-plateau-e30", T, **B, lr=2e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=30, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(OV, "focal-wide-n300", T, **dict(B, model="wide", n_train=300), lr=1e-3,
          max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(U, "focal-sgd-lr1e-5", T, **B, opt="sgd", lr=1e-5, epochs=20, log_every=5,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(E, "focal-adam0.05-b4", T, **dict(B, batch=4), lr=0.05, max_steps=2000,
          epochs=None, val_every=50, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step", acceptable=["underfitting", "diverging"]),
        R(D, "focal-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.015,
          epochs=12, val_every=20, log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
          train_log="step"),
        R(S, "focal-cosine-stop30pct", T, **B, lr=1e-4, sched="cosine", log_every=5,
          val_every=20, train_log="step", max_steps=3 * n // 10, epochs=None, planned=n,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "focal-lrbump5-x100", T, **B, lr=2e-3, sched="cosine", epochs=25, log_every=1,
          val_every=20, bumps=[(900, 5, 100)], seeds=(1, 2), writers=(SW, LC),
          style="underscore_val"),
        R(INS, "focal-twoevals", T, **B, lr=2e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # after the first pass: a x30 bump for 5 steps left the CTC recogniser's curves smooth (a
    # bigger one, x100 for 10); Adam 0.2 made two of the GCN's val curves bounce without a trend
    # (a third seed and Writer at 0.3); Adam 0.05 at batch 4 killed the focal MLP (dropped): a
    # hot Adam at batch 8 with the val on 300 rows (~15 positives)
    out += [
        R(P, "ctc-lrbump10-x100", "ctc_words", arch="ctc", model="small", batch=32, lr=5e-3,
          sched="cosine", epochs=15, log_every=1, val_every=32, bumps=[(500, 10, 100)],
          seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(E, "ctc-adam0.05-b4-val40", "ctc_words", arch="ctc", model="small", batch=4,
          n_val=40, lr=0.05, max_steps=1500, epochs=None, val_every=50, log_every=10,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["underfitting", "diverging"]),
        R(E, "gcn-adam0.3-val40", "gcn_nodes", arch="gcn_nodes", model="small", batch=80,
          lr=0.3, epochs=150, log_every=1, seeds=(1, 2, 3), writers=(LT, SW, LC),
          style="slash", train_log="step", acceptable=["overfitting", "diverging"]),
        R(E, "focal-adam0.02-b8-val300", "focal_rare", arch="focal_mlp", model="small",
          batch=8, n_val=300, lr=0.02, max_steps=2000, epochs=None, val_every=50,
          log_every=10, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy", "overfitting"]),
    ]
    # x100 for 10 steps threw the recogniser back to its blank-only stage (diverging in two of
    # three runs): x100 for 5
    out += [
        R(P, "ctc-lrbump5-x100", "ctc_words", arch="ctc", model="small", batch=32, lr=5e-3,
          sched="cosine", epochs=15, log_every=1, val_every=32, bumps=[(500, 5, 100)],
          seeds=(1, 2), writers=(SW, LC), style="slash", acceptable=["diverging"]),
    ]
    return out


def dev23_recipes() -> list[Recipe]:
    """Twenty-third dev batch (flow_moons, pinn_ode, cox_surv), appended after the
    twenty-second so the earlier recipes keep their index. Trainings unlike the corpus it was
    tuned on: a RealNVP normalising flow whose NLL goes below 0 (no zero floor), a
    physics-informed net whose residual loss falls 3-4 orders of magnitude (judged on its error
    against the exact solution), a Cox proportional-hazards MLP whose partial likelihood has a
    floor well above 0 (judged on the concordance index). The everyday setups: SummaryWriter per
    step with val every N steps, Lightning ReduceLROnPlateau or OneCycleLR; the regimes by their
    real causes (LR far too high or too low, LR bumps, a model too small, a big model on little
    data, runs cut short, two evaluations)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- flow_moons: 2000 points, 32 steps per epoch at batch 64
    T = "flow_moons"
    B = {"arch": "flow", "model": "small", "batch": 64}
    out += [
        R(H, "flow-small-cosine", T, **B, lr=3e-3, sched="cosine", max_steps=1500,
          epochs=None, val_every=50, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["still_improving"]),
        R(H, "flow-plateau-e40", T, **B, lr=3e-3, sched="plateau", gamma=0.5, patience=3,
          epochs=40, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "flow-gauss-nocoupling", T, **dict(B, model="gauss"), lr=3e-3, max_steps=800,
          epochs=None, val_every=40, log_every=5, seeds=(1, 2), writers=(SW, LC),
          style="underscore_val", train_log="step"),
        R(OV, "flow-medium-n50", T, **dict(B, model="medium", n_train=50, batch=50), lr=1e-3,
          max_steps=1500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "flow-adam0.05-b8", T, **dict(B, batch=8), lr=0.05, max_steps=1500,
          epochs=None, val_every=50, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step", acceptable=["diverging", "underfitting"]),
        R(D, "flow-sgd-lrgrow", T, **B, opt="sgd", lr=1e-3, sched="grow", grow=1.01,
          max_steps=1200, epochs=None, val_every=40, log_every=5, seeds=(1, 2),
          writers=(LT, SW), style="slash", train_log="step"),
        R(S, "flow-cosine-stop30pct", T, **B, lr=5e-4, sched="cosine", log_every=5,
          val_every=30, train_log="step", max_steps=900, epochs=None, planned=3000,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "flow-lrbump5-x100", T, **B, lr=3e-3, sched="cosine", max_steps=1500,
          epochs=None, log_every=1, val_every=25, bumps=[(800, 5, 100)], seeds=(1, 2),
          writers=(SW, LC), style="slash"),
        R(INS, "flow-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- pinn_ode: 512 collocation points, 8 steps per epoch at batch 64
    T = "pinn_ode"
    B = {"arch": "pinn", "model": "small", "batch": 64}
    out += [
        R(H, "pinn-small-cosine", T, **B, lr=3e-3, sched="cosine", max_steps=2000,
          epochs=None, val_every=50, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["still_improving"]),
        R(H, "pinn-onecycle", T, **B, lr=1e-2, sched="onecycle", max_steps=2000, epochs=None,
          val_every=50, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(U, "pinn-adam1e-5", T, **B, lr=1e-5, max_steps=1500, epochs=None, val_every=50,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="underscore_val",
          train_log="step"),
        R(U, "pinn-tiny-h2", T, **dict(B, model="tiny"), lr=3e-3, max_steps=1500, epochs=None,
          val_every=50, log_every=5, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["still_improving"]),
        R(E, "pinn-adam0.03-b16", T, **dict(B, batch=16), lr=0.03, max_steps=1500,
          epochs=None, val_every=50, log_every=10, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step", acceptable=["diverging", "underfitting"]),
        R(D, "pinn-sgd-lrgrow", T, **B, opt="sgd", lr=1e-3, sched="grow", grow=1.01,
          max_steps=1200, epochs=None, val_every=40, log_every=5, seeds=(1, 2),
          writers=(LT, SW), style="slash", train_log="step"),
        R(S, "pinn-cosine-stop30pct", T, **B, lr=1e-3, sched="cosine", log_every=5,
          val_every=30, train_log="step", max_steps=900, epochs=None, planned=3000,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "pinn-lrbump5-x100", T, **B, lr=3e-3, sched="cosine", max_steps=2000,
          epochs=None, log_every=1, val_every=25, bumps=[(1000, 5, 100)], seeds=(1, 2),
          writers=(SW, LC), style="slash"),
        R(INS, "pinn-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- cox_surv: 2000 rows, 32 steps per epoch at batch 64
    T = "cox_surv"
    B = {"arch": "cox_mlp", "model": "small", "batch": 64}
    out += [
        R(H, "cox-small-cosine", T, **B, lr=1e-3, wd=1e-4, sched="cosine", max_steps=1000,
          epochs=None, val_every=25, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["overfitting"]),
        R(H, "cox-plateau-e30", T, **B, lr=1e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=30, log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["overfitting"]),
        R(OV, "cox-medium-n150", T, **dict(B, model="medium", n_train=150, batch=32),
          lr=1e-3, max_steps=600, epochs=None, val_every=10, log_every=2, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(U, "cox-sgd-lr1e-4", T, **B, opt="sgd", lr=1e-4, max_steps=1000, epochs=None,
          val_every=25, log_every=5, seeds=(1, 2), writers=(LC, SW), style="underscore_val",
          train_log="step", acceptable=["still_improving"]),
        R(E, "cox-adam0.03-b16-val64", T, **dict(B, batch=16, n_val=64), lr=0.03,
          max_steps=1000, epochs=None, val_every=25, log_every=10, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["overfitting", "diverging"]),
        R(D, "cox-sgd-lrgrow", T, **B, opt="sgd", lr=1e-3, sched="grow", grow=1.012,
          max_steps=1000, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(LT, SW), style="slash", train_log="step"),
        R(S, "cox-cosine-stop30pct", T, **B, lr=1e-4, sched="cosine", log_every=5,
          val_every=20, train_log="step", max_steps=600, epochs=None, planned=2000,
          seeds=(1, 2), writers=(LC, SW), style="slash", acceptable=["underfitting"]),
        R(P, "cox-lrbump5-x100", T, **B, lr=1e-3, sched="cosine", max_steps=1000,
          epochs=None, log_every=1, val_every=20, bumps=[(500, 5, 100)], seeds=(1, 2),
          writers=(SW, LC), style="slash"),
        R(INS, "cox-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # after the first pass: an LR x100 for 5 steps threw the flow and the PINN back to where
    # they started, for good (diverging): x10 for 3 steps; it moved the Cox loss only 1.2-1.6x
    # (its floor is the log of the risk set): x300 for 10; Adam 0.05 at batch 8 kept the flow at
    # its Gaussian level (underfitting): Adam 0.02 at batch 8 with the val on 32 points; Adam
    # 0.03 at batch 16 left the Cox val on 64 rows smooth or dropped: Adam 0.1 at batch 8
    out += [
        R(P, "flow-lrbump3-x10", "flow_moons", arch="flow", model="small", batch=64, lr=3e-3,
          sched="cosine", max_steps=1500, epochs=None, log_every=1, val_every=25,
          bumps=[(800, 3, 10)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(P, "pinn-lrbump3-x10", "pinn_ode", arch="pinn", model="small", batch=64, lr=3e-3,
          sched="cosine", max_steps=2000, epochs=None, log_every=1, val_every=25,
          bumps=[(1000, 3, 10)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(P, "cox-lrbump10-x300", "cox_surv", arch="cox_mlp", model="small", batch=64,
          lr=1e-3, sched="cosine", max_steps=1000, epochs=None, log_every=1, val_every=20,
          bumps=[(500, 10, 300)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(E, "flow-adam0.02-b8-val32", "flow_moons", arch="flow", model="small", batch=8,
          n_val=32, lr=0.02, max_steps=1500, epochs=None, val_every=50, log_every=10,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "healthy"]),
        R(E, "cox-adam0.1-b8-val64", "cox_surv", arch="cox_mlp", model="small", batch=8,
          n_val=64, lr=0.1, max_steps=1000, epochs=None, val_every=25, log_every=10,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["underfitting", "healthy"]),
    ]
    return out


HEAVY_TASKS = ("charlm_stdlib", "charlm_markov", "seq_count", "seq_motif")


def dev24_recipes() -> list[Recipe]:
    """Twenty-fourth dev batch (sft_pairs, digits_rot, tab_transfer), appended after the
    twenty-third so the earlier recipes keep their index. Trainings unlike the corpus it was
    tuned on: FINE-TUNES from a pre-trained checkpoint (pretrain: the body trained first,
    unlogged, on related data and cached under <corpus>/_pretrained), the field's commonest
    run: an SFT of a small causal transformer (pre-trained on a reversal grammar, fine-tuned on
    reverse-and-add-one pairs, loss on the answer tokens only), a CNN pre-trained on upright
    digits fine-tuned on rotated, relabelled ones (fresh head), an MLP pre-trained on tabular
    data fine-tuned under a covariate shift: full fine-tune, linear probe (frozen body) or
    LoRA-like low-rank adapters on frozen weights. Regimes by real causes: healthy fine-tunes
    (fast drop, early plateau), overfitting (many epochs on a few hundred examples), an LR far
    too high for a fine-tune (forgetting: diverging / erratic), an LR far too low (1e-7:
    nothing moves from the pre-trained level), a frozen body too weak for the new task, runs
    cut short, LR bumps, two evaluations. Steps per epoch: sft_pairs 125 (batch 32),
    digits_rot 38 (batch 16), tab_transfer 47 (batch 32)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- sft_pairs: a 1-layer causal transformer (d 32) pre-trained 1500 steps on
    # the reversal grammar; before any step its val loss on the new answers is ~9 (it answers
    # the reversal, confidently), after 25 steps ~0.1-0.3, floor ~0.003 (ln 11 = 2.4)
    T = "sft_pairs"
    B = {"arch": "ft_tf", "model": "small", "pretrain": 1500, "batch": 32}
    out += [
        R(H, "sft-cosine-val25", T, **B, lr=1e-3, sched="cosine", max_steps=500, epochs=None,
          val_every=25, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step"),
        R(H, "sft-plateau-val50", T, **B, lr=1e-3, sched="plateau", gamma=0.5, patience=2,
          max_steps=750, epochs=None, val_every=50, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="Loss", train_log="step"),
        R(OV, "sft-medium-n200-noisy30", T, **dict(B, model="medium", n_train=200),
          label_noise=0.3, lr=1e-3, epochs=60, log_every=2, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="lower", train_log="step"),
        R(D, "sft-adam1e-2-forget", T, **B, lr=1e-2, clip=0.0, max_steps=500, epochs=None,
          val_every=25, log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["erratic"]),
        R(U, "sft-adam1e-7", T, **B, lr=1e-7, max_steps=500, epochs=None, val_every=25,
          log_every=5, seeds=(1, 2), writers=(LC, SW), style="underscore_val",
          train_log="step"),
        R(S, "sft-cosine-stop10pct", T, **B, lr=1e-4, sched="cosine", max_steps=300,
          epochs=None, planned=3000, val_every=20, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["underfitting"]),
        R(P, "sft-lrbump3-x30", T, **B, lr=1e-3, sched="cosine", max_steps=600, epochs=None,
          val_every=20, log_every=1, bumps=[(300, 3, 30)], seeds=(1, 2), writers=(LC, SW),
          style="slash"),
        R(INS, "sft-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(SW,), style="slash", train_log="step"),
    ]
    # ---------------- digits_rot: a CNN (width 16) pre-trained 1500 steps on upright digits, a
    # fresh head on rotated (25 degrees), relabelled (y + 3), noisy digits (599 / 300)
    T = "digits_rot"
    B = {"arch": "ft_cnn", "model": "medium", "pretrain": 1500, "fresh_head": True,
         "batch": 16}
    out += [
        R(H, "ft-cnn-cosine-e15", T, **B, lr=1e-3, sched="cosine", epochs=15, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_val", train_log="step",
          acceptable=["still_improving"]),
        R(H, "ft-cnn-onecycle-e12", T, **B, lr=3e-3, sched="onecycle", epochs=12,
          log_every=5, seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["still_improving"]),
        R(OV, "ft-cnn-wide-n120-noisy20", T, **dict(B, model="wide", n_train=120),
          label_noise=0.2, lr=1e-3, epochs=60, log_every=2, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="lower", train_log="step"),
        R(U, "ft-cnn-tiny-probe", T, **dict(B, model="tiny"), freeze=True, lr=1e-3,
          epochs=15, log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(U, "ft-cnn-lr1e-7", T, **B, lr=1e-7, epochs=12, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="Loss", train_log="step"),
        R(E, "ft-cnn-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, clip=1.0, epochs=12,
          log_every=10, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["diverging"]),
        R(D, "ft-cnn-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01,
          epochs=25, log_every=5, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step"),
        R(S, "ft-cnn-short-lr1e-4", T, **B, lr=1e-4, epochs=6, log_every=5, val_every=19,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting"]),
        R(P, "ft-cnn-lrbump5-x50", T, **B, lr=3e-4, epochs=15, log_every=2, val_every=19,
          bumps=[(300, 5, 50)], seeds=(1, 2), writers=(LC, SW), style="slash"),
    ]
    # ---------------- tab_transfer: an MLP (64 x 2) pre-trained 800 steps on the source rows;
    # on the shifted rows its val loss starts at ~0.8 (accuracy 0.72), floor ~0.33
    T = "tab_transfer"
    B = {"arch": "ft_mlp", "model": "medium", "pretrain": 800, "batch": 32}
    out += [
        R(H, "ft-full-plateau-e20", T, **B, lr=1e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=20, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "ft-lora8-cosine-e20", T, **dict(B, arch="ft_mlp_lora8"), lr=3e-3,
          sched="cosine", epochs=20, log_every=5, seeds=(1, 2), writers=(LC, SW),
          style="Loss", train_log="step", acceptable=["still_improving"]),
        R(U, "ft-tiny-probe", T, **dict(B, model="tiny"), fresh_head=True, freeze=True,
          lr=1e-3, epochs=15, log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(OV, "ft-wide-n100-e150", T, **dict(B, model="wide", n_train=100), lr=1e-3,
          epochs=150, log_every=2, val_every=8, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="lower", train_log="step"),
        R(D, "ft-sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.02, epochs=15,
          log_every=5, val_every=20, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step"),
        R(E, "ft-adam0.03-b4-val60", T, **dict(B, batch=4, n_val=60), lr=0.03, clip=1.0,
          epochs=4, log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step", acceptable=["diverging", "healthy"]),
        R(S, "ft-lora2-short-lr1e-4", T, **dict(B, arch="ft_mlp_lora2"), lr=1e-4, epochs=5,
          log_every=5, val_every=10, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step", acceptable=["underfitting"]),
        R(P, "ft-lrbump5-x100", T, **B, lr=3e-4, sched="cosine", epochs=15, log_every=1,
          val_every=10, bumps=[(350, 5, 100)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(INS, "ft-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # after the first pass: the SFT on 200 noisy pairs and the CNN on 120 noisy digits only
    # levelled off (their val rose 40-60% above a best far below the first eval, or not at
    # all), Adam 1e-2 only slowed the SFT down and an x50 bump moved the CNN's train loss 1.1x:
    # fewer pairs for longer, a hotter CNN for longer, Adam 5e-2 on the SFT, an x300 bump
    B = {"arch": "ft_tf", "model": "medium", "pretrain": 1500, "batch": 32}
    out += [
        R(OV, "sft-medium-n100-noisy40-e200", "sft_pairs", **dict(B, n_train=100),
          label_noise=0.4, lr=2e-3, epochs=200, log_every=2, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="lower", train_log="step"),
        R(D, "sft-adam5e-2-forget", "sft_pairs", **dict(B, model="small"), lr=5e-2, clip=0.0,
          max_steps=500, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["erratic"]),
    ]
    B = {"arch": "ft_cnn", "model": "wide", "pretrain": 1500, "fresh_head": True, "batch": 16}
    out += [
        R(OV, "ft-cnn-wide-n120-noisy20-lr3e-3-e200", "digits_rot", **dict(B, n_train=120),
          label_noise=0.2, lr=3e-3, epochs=200, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="lower", train_log="step"),
        R(P, "ft-cnn-lrbump10-x300", "digits_rot", **dict(B, model="medium"), lr=3e-4,
          epochs=15, log_every=2, val_every=19, bumps=[(300, 10, 300)], seeds=(1, 2),
          writers=(SW, LC), style="slash"),
    ]
    # (an x30 bump for 3 steps left the SFT at its floor; x100 for 5 steps moved the shifted
    # MLP's train loss 1.9x): x100 for 10 steps on the SFT, x300 for 10 on the MLP
    out += [
        R(P, "sft-lrbump10-x100", "sft_pairs", arch="ft_tf", model="small", pretrain=1500,
          batch=32, lr=1e-3, sched="cosine", max_steps=600, epochs=None, val_every=20,
          log_every=1, bumps=[(300, 10, 100)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(P, "ft-lrbump10-x300", "tab_transfer", arch="ft_mlp", model="medium", pretrain=800,
          batch=32, lr=3e-4, sched="cosine", epochs=15, log_every=1, val_every=10,
          bumps=[(350, 10, 300)], seeds=(1, 2), writers=(LC, SW), style="slash"),
    ]
    # (x100 for 10 steps left the SFT at its floor too: the pre-trained transformer shrugs off
    # Adam steps of 0.1 there): 20 poisoned batches of random answers instead
    out += [
        R(P, "sft-poisonlabels20", "sft_pairs", arch="ft_tf", model="small", pretrain=1500,
          batch=32, lr=1e-3, sched="cosine", max_steps=600, epochs=None, val_every=20,
          log_every=1, poison=[(300, 20, "labels")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
    ]
    # more erratic and spiking runs by their real causes: a hot Adam at batch 4 on the CNN for
    # longer, 10 poisoned batches (random labels) in the shifted MLP's fine-tune
    out += [
        R(E, "ft-cnn-adam0.03-b4-e20", "digits_rot", arch="ft_cnn", model="medium",
          pretrain=1500, fresh_head=True, batch=4, lr=0.03, clip=1.0, epochs=20, log_every=10,
          seeds=(1, 2, 3), writers=(LT, SW, LC), style="slash", train_log="step",
          acceptable=["diverging"]),
        R(P, "ft-poisonlabels10", "tab_transfer", arch="ft_mlp", model="medium", pretrain=800,
          batch=32, lr=3e-4, sched="cosine", epochs=15, log_every=1, val_every=10,
          poison=[(350, 10, "labels")], seeds=(1, 2), writers=(SW, LC), style="slash"),
    ]
    return out


def dev25_recipes() -> list[Recipe]:
    """Twenty-fifth dev batch (topic_bag, keypoint_img, collinear_reg), appended after the
    twenty-fourth so the earlier recipes keep their index. THE BORDERLINE REGIMES, each next to
    its healthy twin of the same recipe: runs cut at 40-70% of a cosine / constant schedule
    whose loss still falls (still_improving) beside the full schedule (healthy); underfitting
    that still crawls (Adam 1e-5, or a 2-unit MLP) beside healthy runs; healthy runs whose val
    is noisy because the val set is small (40-60 rows) beside truly erratic ones (a hot Adam or
    SGD at batch 2-4); loss spikes that recover (LR bumps x20-x100, poisoned batches) beside
    smooth runs. The everyday setups: SummaryWriter per-step train loss with a per-epoch val,
    Lightning ReduceLROnPlateau / OneCycleLR. Steps per epoch at batch 32: topic_bag 63,
    keypoint_img 63, collinear_reg 47."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- topic_bag: a medium MLP (64 x 2) on log counts; ln 6 = 1.79 at the
    # start, val floor ~0.5 (accuracy ~0.83)
    T = "topic_bag"
    B = {"model": "medium", "batch": 32}
    out += [
        R(H, "cosine-full-2000", T, **B, lr=3e-4, sched="cosine", max_steps=2000, epochs=None,
          val_every=63, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["overfitting"]),
        R(S, "cosine-cut50pct", T, **B, lr=3e-4, sched="cosine", max_steps=1000, epochs=None,
          planned=2000, val_every=63, log_every=5, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step", acceptable=["healthy"]),
        R(S, "const-lr1e-4-cut40pct", T, **B, lr=1e-4, max_steps=800, epochs=None,
          planned=2000, val_every=50, log_every=5, seeds=(1, 2), writers=(SW, LC),
          style="Loss", train_log="step", acceptable=["underfitting"]),
        R(U, "adam1e-5-crawl", T, **B, lr=1e-5, epochs=25, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["still_improving"]),
        R(H, "plateau-val60", T, **dict(B, n_val=60), lr=1e-3, sched="plateau", gamma=0.5,
          patience=2, epochs=15, log_every=5, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="step", acceptable=["erratic", "overfitting"]),
        R(E, "adam0.05-b4", T, **dict(B, batch=4), lr=0.05, clip=1.0, epochs=3, log_every=10,
          val_every=100, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(OV, "wide-n150-e150", T, **dict(B, model="wide", n_train=150), lr=1e-3, epochs=150,
          log_every=2, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower", train_log="step"),
        R(P, "lrbump10-x50", T, **B, lr=3e-4, epochs=20, log_every=2, val_every=21,
          bumps=[(600, 10, 50)], seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(D, "sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=15,
          log_every=5, val_every=21, seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
        R(INS, "twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- keypoint_img: an MLP on 144 pixels -> (row, col); target variance ~0.75
    T = "keypoint_img"
    B = {"model": "medium", "batch": 32}
    out += [
        R(H, "onecycle-e25", T, **B, lr=3e-3, sched="onecycle", epochs=25, log_every=5,
          seeds=(1, 2, 3), writers=(LC, LT, SW), train_log="step",
          acceptable=["overfitting"]),
        R(H, "cosine-e25-val40", T, **dict(B, n_val=40), lr=1e-3, sched="cosine", epochs=25,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["erratic", "overfitting"]),
        R(S, "cosine-cut60pct", T, **B, lr=3e-4, sched="cosine", max_steps=900, epochs=None,
          planned=1500, val_every=63, log_every=5, seeds=(1, 2), writers=(SW, LC),
          style="underscore_val", train_log="step", acceptable=["healthy"]),
        R(H, "cosine-full-1500", T, **B, lr=3e-4, sched="cosine", max_steps=1500, epochs=None,
          val_every=63, log_every=5, seeds=(1, 2), writers=(LC, SW), style="underscore_val",
          train_log="step", acceptable=["overfitting", "still_improving"]),
        R(U, "adam3e-5-crawl", T, **B, lr=3e-5, epochs=20, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["still_improving"]),
        R(E, "adam0.03-b2", T, **dict(B, batch=2), lr=0.03, clip=1.0, max_steps=3000,
          epochs=None, val_every=100, log_every=10, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step", acceptable=["diverging", "underfitting"]),
        R(OV, "wide-n120-e200", T, **dict(B, model="wide", n_train=120), lr=1e-3, epochs=200,
          log_every=2, val_every=20, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower",
          train_log="step"),
        R(P, "poison-inputs8", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=1,
          val_every=21, poison=[(600, 8, "inputs")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(D, "sgd0.3", T, **B, opt="sgd", lr=0.3, clip=0.0, epochs=10, log_every=5,
          val_every=21, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- collinear_reg: 40 collinear features (effective rank 6); target
    # standardised (variance 1), ridge ~0.22
    T = "collinear_reg"
    B = {"model": "small", "batch": 32}
    out += [
        R(H, "plateau-e30", T, **B, lr=1e-3, sched="plateau", gamma=0.5, patience=2,
          wd=0.0, epochs=30, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["overfitting"]),
        R(S, "const-lr1e-4-cut45pct", T, **B, lr=1e-4, max_steps=600, epochs=None,
          planned=1350, val_every=47, log_every=5, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step", acceptable=["underfitting"]),
        R(U, "tiny2-crawl", T, **dict(B, model="tiny"), lr=1e-4, epochs=30, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="Loss", train_log="step",
          acceptable=["still_improving"]),
        R(E, "sgd0.1-b4", T, **dict(B, batch=4), opt="sgd", lr=0.1, clip=1.0, epochs=4,
          val_every=75, log_every=10, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging"]),
        R(OV, "wide-n100-e300", T, **dict(B, model="wide", n_train=100), lr=1e-3, epochs=300,
          log_every=2, val_every=16, seeds=(1, 2), writers=(LC, SW), style="lower",
          train_log="step"),
        R(P, "lrbump5-x100", T, **B, lr=3e-4, epochs=30, log_every=1, val_every=16,
          bumps=[(700, 5, 100)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(INS, "twoevals", T, **B, lr=1e-3, max_steps=30, epochs=None, val_every=15,
          log_every=15, seeds=(1,), writers=(SW,), style="slash", train_log="step"),
    ]
    # after the first pass: cosine at 3e-4 had levelled off by 47-60% of its schedule on
    # topic_bag and keypoint_img (healthy), an x50 bump moved topic_bag 2x, the keypoint
    # MLP at Adam 3e-5 ended near its floor (still_improving), wide MLPs on 100-120 rows
    # interpolated with val flat (no overfitting) and 8 inputs-x10 batches did not show: a
    # cooler cosine cut at 50% beside its full run, Adam 3e-6 / 1e-5, medium MLPs on 200-300
    # rows trained long, poisoned labels, a bigger bump
    B = {"model": "medium", "batch": 32}
    out += [
        R(S, "cosine-lr1e-4-cut50pct", "topic_bag", **B, lr=1e-4, sched="cosine",
          max_steps=1000, epochs=None, planned=2000, val_every=63, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["healthy"]),
        R(H, "cosine-lr1e-4-full-2000", "topic_bag", **B, lr=1e-4, sched="cosine",
          max_steps=2000, epochs=None, val_every=63, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["still_improving"]),
        R(P, "poisonlabels15", "topic_bag", **B, lr=3e-4, epochs=20, log_every=2,
          val_every=21, poison=[(600, 15, "labels")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(P, "lrbump20-x100", "topic_bag", **B, lr=3e-4, epochs=20, log_every=2,
          val_every=21, bumps=[(600, 20, 100)], seeds=(1,), writers=(LT,)),
        R(S, "cosine-lr1e-4-cut50pct", "keypoint_img", **B, lr=1e-4, sched="cosine",
          max_steps=1000, epochs=None, planned=2000, val_every=63, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="underscore_val", train_log="step", acceptable=["healthy"]),
        R(H, "cosine-lr1e-4-full-2000", "keypoint_img", **B, lr=1e-4, sched="cosine",
          max_steps=2000, epochs=None, val_every=63, log_every=5, seeds=(1,),
          writers=(SW,), style="underscore_val", train_log="step",
          acceptable=["still_improving"]),
        R(U, "adam3e-6-crawl", "keypoint_img", **B, lr=3e-6, epochs=20, log_every=5,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(OV, "medium-n300-e300", "keypoint_img", **dict(B, n_train=300), lr=1e-3,
          epochs=300, log_every=5, val_every=50, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="lower", train_log="step"),
        R(P, "lrbump10-x50", "keypoint_img", **B, lr=1e-3, epochs=20, log_every=2,
          val_every=21, bumps=[(600, 10, 50)], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(D, "sgd-lrgrow", "keypoint_img", **B, opt="sgd", lr=0.01, sched="grow", grow=1.01,
          epochs=15, log_every=5, val_every=21, seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
        R(OV, "medium-n200-e400", "collinear_reg", **dict(B, n_train=200), lr=1e-3,
          epochs=400, log_every=5, val_every=35, seeds=(1, 2, 3), writers=(LC, SW, LT),
          style="lower", train_log="step"),
        R(U, "adam1e-5-crawl", "collinear_reg", **dict(B, model="small"), lr=1e-5, epochs=30,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["still_improving"]),
    ]
    # more erratic and diverging runs by their real causes: SGD 0.5 at batch 2 on topic_bag,
    # SGD with a growing LR on collinear_reg
    out += [
        R(E, "sgd0.5-b2", "topic_bag", model="medium", batch=2, opt="sgd", lr=0.5, clip=1.0,
          max_steps=3000, epochs=None, val_every=100, log_every=10, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "sgd-lrgrow", "collinear_reg", model="small", batch=32, opt="sgd", lr=0.01,
          sched="grow", grow=1.01, epochs=20, log_every=5, val_every=16, seeds=(1,),
          writers=(LC,), train_log="step"),
    ]
    # Lightning TensorBoard: the hot optimisers on a third seed
    out += [
        R(E, "adam0.05-b4", "topic_bag", model="medium", batch=4, lr=0.05, clip=1.0, epochs=3,
          log_every=10, val_every=100, seeds=(3,), writers=(LT,), train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(E, "sgd0.1-b4", "collinear_reg", model="small", batch=4, opt="sgd", lr=0.1,
          clip=1.0, epochs=4, val_every=75, log_every=10, seeds=(3,), writers=(LT,),
          train_log="step", acceptable=["diverging"]),
    ]
    return out


def dev26_recipes() -> list[Recipe]:
    """Twenty-sixth dev batch (tab12, word_class, seq_peak), appended after the twenty-fifth so
    the earlier recipes keep their index. EVERYDAY SHORT TRAININGS, the commonest real runs:
    SummaryWriter loops of 10-30 epochs logging the train loss per step with a per-epoch val,
    Lightning CSVLogger runs of 5-15 epochs with val each epoch, ReduceLROnPlateau / OneCycleLR;
    regimes by their real causes (a model too small, a LR far too high or too low, a big model
    on little data, LR bumps and poisoned batches, runs cut short after 3-5 epochs). Steps per
    epoch at batch 32: tab12 47, word_class 63, seq_peak 47."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- tab12: 12 classes, ln 12 = 2.48 at the start; a medium MLP reaches
    # val accuracy ~0.75
    T = "tab12"
    B = {"model": "medium", "batch": 32}
    out += [
        R(H, "plateau-e12", T, **B, lr=1e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=12, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["overfitting"]),
        R(H, "onecycle-e10", T, **B, lr=3e-3, sched="onecycle", epochs=10, log_every=5,
          seeds=(1, 2), writers=(LC, SW), train_log="step", acceptable=["overfitting"]),
        R(OV, "wide-n200-e60", T, **dict(B, model="wide", n_train=200), lr=1e-3, epochs=60,
          log_every=2, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower",
          train_log="step"),
        R(U, "tiny2-e15", T, **dict(B, model="tiny"), lr=1e-3, epochs=15, log_every=5,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step"),
        R(E, "adam0.05-b4", T, **dict(B, batch=4), lr=0.05, clip=1.0, epochs=3, log_every=10,
          val_every=75, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "adam1.0", T, **B, lr=1.0, clip=0.0, epochs=10, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["underfitting"]),
        R(D, "sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=15,
          log_every=5, val_every=16, seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
        R(P, "lrbump10-x50", T, **B, lr=1e-3, epochs=12, log_every=2, val_every=16,
          bumps=[(300, 10, 50)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(S, "lr1e-4-e5", T, **B, lr=1e-4, epochs=5, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["underfitting"]),
        R(INS, "twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- word_class: 5 classes (ln 5 = 1.61), 260 one-hot letter features;
    # val accuracy tops out near 0.6
    T = "word_class"
    B = {"model": "medium", "batch": 32}
    out += [
        R(H, "e10", T, **B, lr=1e-3, wd=1e-4, epochs=10, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, LT), style="slash", val_step="epoch1", train_log="step",
          acceptable=["overfitting"]),
        R(OV, "wide-n400-e40", T, **dict(B, model="wide", n_train=400), lr=1e-3, epochs=40,
          log_every=2, seeds=(1, 2), writers=(LC, SW), style="lower", train_log="step"),
        R(U, "adam1e-5-e10", T, **B, lr=1e-5, epochs=10, log_every=5, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["still_improving"]),
        R(E, "sgd0.5-b4", T, **dict(B, batch=4), opt="sgd", lr=0.5, clip=1.0, epochs=2,
          val_every=50, log_every=10, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(P, "poisonlabels15", T, **B, lr=1e-3, epochs=10, log_every=2, val_every=21,
          poison=[(300, 15, "labels")], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(S, "lr2e-4-e3", T, **B, lr=2e-4, epochs=3, log_every=5, val_every=21,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["underfitting"]),
        R(D, "adam0.5", T, **B, lr=0.5, clip=0.0, epochs=8, log_every=5, seeds=(1,),
          writers=(SW,), style="slash", train_log="step", acceptable=["underfitting"]),
    ]
    # ---------------- seq_peak: 16 values -> 1 target (standardised, variance 1)
    T = "seq_peak"
    B = {"model": "medium", "batch": 32}
    out += [
        R(H, "onecycle-e15", T, **B, lr=3e-3, sched="onecycle", epochs=15, log_every=5,
          seeds=(1, 2, 3), writers=(LC, LT, SW), train_log="step",
          acceptable=["overfitting"]),
        R(H, "cosine-e20", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="slash", val_step="epoch", train_log="step",
          acceptable=["overfitting"]),
        R(OV, "wide-n150-e200", T, **dict(B, model="wide", n_train=150), lr=1e-3, epochs=200,
          log_every=2, val_every=10, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="step"),
        R(U, "tiny2-e15", T, **dict(B, model="tiny"), lr=1e-3, epochs=15, log_every=5,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step"),
        R(D, "sgd-lrgrow", T, **B, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=15,
          log_every=5, val_every=16, seeds=(1,), writers=(LC,), train_log="step"),
        R(E, "sgd0.1-b4", T, **dict(B, batch=4), opt="sgd", lr=0.1, clip=1.0, epochs=3,
          val_every=75, log_every=10, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging"]),
        R(S, "lr1e-4-e8", T, **B, lr=1e-4, epochs=8, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["underfitting"]),
        R(P, "lrbump5-x100", T, **B, lr=1e-3, epochs=15, log_every=1, val_every=16,
          bumps=[(350, 5, 100)], seeds=(1, 2), writers=(SW, LC), style="slash"),
    ]
    # after the first pass: Adam 0.05 at batch 4 and Adam 1.0 pinned tab12 to chance from the
    # start (underfitting), Adam 1e-4 for 5 epochs crawled (underfitting), seq_peak's 2-unit
    # MLP and Adam 1e-4 over 8 epochs reached a good level (healthy): a cooler hot optimiser,
    # an SGD run whose LR jumps x100 after it has learned, a cut run at 3e-4, a LR far too low
    B = {"model": "medium", "batch": 32}
    out += [
        R(E, "adam0.01-b4", "tab12", **dict(B, batch=4), lr=0.01, clip=1.0, epochs=3,
          log_every=10, val_every=75, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(E, "sgd0.3-b4", "tab12", **dict(B, batch=4), opt="sgd", lr=0.3, clip=1.0, epochs=3,
          log_every=10, val_every=75, seeds=(3,), writers=(LT,), train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "sgd-jump-x100", "tab12", **B, opt="sgd", lr=0.05, sched="jump", jump=(250, 100),
          epochs=12, log_every=5, val_every=16, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step"),
        R(S, "lr3e-4-e4", "tab12", **B, lr=3e-4, epochs=4, log_every=5, val_every=16,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting"]),
        R(E, "adam0.01-b4", "word_class", **dict(B, batch=4), lr=0.01, clip=1.0, epochs=2,
          log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(U, "adam1e-5-e10", "seq_peak", **B, lr=1e-5, epochs=10, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["still_improving"]),
        R(S, "lr3e-4-e3-val10", "seq_peak", **B, lr=3e-4, epochs=3, log_every=2,
          val_every=10, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy"]),
    ]
    return out


def is_heavy(r: Recipe) -> bool:
    """Recurrent / LM recipes and the 10k-20k-step runs: one seed unless --all-seeds."""
    return r.task in HEAVY_TASKS or (r.max_steps or 0) >= 10000


def _per_seed(value: str, seed: int) -> str:
    """A seventh-batch logging setting, "a" or "a,b" (seed s -> the (s-1)-th, cycling)."""
    parts = value.split(",")
    return parts[(seed - 1) % len(parts)]


def all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
    """Every run: each base recipe x seeds (heavy recipes: the first seed only unless
    all_seeds), the writer rotating with the seed so every writer sees every recipe; tag
    styles, per-epoch train logging and the LR monitor vary."""
    out = []
    for i, r in enumerate(base_recipes()):
        for s in (seeds if all_seeds or not is_heavy(r) else seeds[:1]):
            if r.seeds and s not in r.seeds:
                continue
            w = r.writers[(s - 1) % len(r.writers)] if r.writers else WRITERS[(i + s) % 3]
            if r.task in LOG_VARIED:    # seventh / eighth batch: style / val_step / train_log per seed
                style, val_step, train_log = (_per_seed(v, s)
                                              for v in (r.style, r.val_step, r.train_log))
                if w != "summarywriter":    # tag styles and epoch-indexed steps: SummaryWriter only
                    style, val_step = "", "step"
                out.append(replace(r, seed=s, writer=w, tags=style or list(TAG_STYLES)[(i + s) % 3],
                                   style=style, val_step=val_step or "step", train_log=train_log,
                                   on_epoch=(i % 2 == 0) if not train_log else train_log == "both",
                                   lr_monitor=(i + s) % 2 == 0))
                continue
            out.append(replace(r, seed=s, writer=w, tags=list(TAG_STYLES)[(i + s) % 3],
                               on_epoch=(i % 2 == 0), lr_monitor=(i + s) % 2 == 0))
    return out


# ----------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=None, help="only runs whose key contains SUBSTRING (comma = any of)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--skip-existing", action="store_true", help="skip runs already labelled and on disk")
    ap.add_argument("--relabel", action="store_true", help="re-check and relabel existing runs without training")
    ap.add_argument("--table", action="store_true", help="print runs by writer x task x verdict from the labels file")
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--writer", default=None, help=argparse.SUPPRESS)  # calibration: force one writer
    ap.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    ap.add_argument("--all-seeds", action="store_true", help="every seed for the heavy (GRU/LM/long) recipes too")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    tasks_mod.PRETRAIN_DIR = corpus / "_pretrained"   # twenty-fourth batch: cached bodies
    if args.table:
        return print_table(corpus / LABELS)
    recipes = all_recipes(tuple(int(x) for x in args.seeds.split(",")), args.all_seeds)
    if args.writer:
        recipes = [replace(r, writer=args.writer) for r in recipes]
    if args.only:
        subs = args.only.split(",")
        recipes = [r for r in recipes if any(s in r.key for s in subs)]
    if args.skip_existing:
        have = json.loads((corpus / LABELS).read_text()) if (corpus / LABELS).exists() else {}
        recipes = [r for r in recipes if not (r.key in have and (corpus / r.key).exists())]
    if args.dry_run:
        for r in recipes:
            print(r.key)
        print(f"{len(recipes)} runs")
        return 0
    corpus.mkdir(parents=True, exist_ok=True)
    path = corpus / LABELS
    labels = json.loads(path.read_text()) if path.exists() else {}
    t0 = time.time()
    if args.jobs > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(args.jobs) as ex:
            results = list(ex.map(generate, recipes, [corpus] * len(recipes)))
    else:
        results, done = [], {}
        for r in recipes:
            if args.relabel and not (corpus / r.key).exists():
                continue
            results.append(generate(r, corpus, args.relabel))
            done[r.key] = results[-1]
            save_labels(path, labels, done)
    if args.jobs > 1:
        done = {r.key: lab for r, lab in zip(recipes, results)}
    save_labels(path, labels, done)
    kept = sum(lab is not None for lab in results)
    print(f"{kept}/{len(recipes)} runs kept in {time.time() - t0:.0f}s -> {path}")
    return 0


def add_batch(expand) -> None:
    """Make ``all_recipes`` the earlier batches' runs, then ``expand(seeds, all_seeds)``'s: a
    later batch adds its runs after every earlier one, so the earlier ones never change."""
    global all_recipes
    earlier = all_recipes

    def every_run(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
        return earlier(seeds, all_seeds) + expand(seeds, all_seeds)

    all_recipes = every_run


def add_batch_by_writers(recipes, lr_monitor: bool = True) -> None:
    """``add_batch`` of ``recipes()`` expanded by ``expand_by_writers``: each recipe's writers
    per seed, with the batch's own index for the tag style (and, with ``lr_monitor``, the LR
    monitor) - how batches 33 and 36-54 add their runs."""
    add_batch(lambda seeds=(1, 2, 3), all_seeds=False:
              expand_by_writers(recipes(), seeds, lr_monitor=lr_monitor))


def expand_varied(recipes: list[Recipe], seeds, all_seeds: bool,
                  heavy_first: bool) -> list[Recipe]:
    """A batch's recipes expanded as all_recipes() expands the logging-varied tasks, with the
    batch's own index for the per-recipe settings (lr_monitor, on_epoch, tag style); with
    ``heavy_first`` a heavy recipe runs its first seed only unless ``all_seeds``."""
    out = []
    for i, r in enumerate(recipes):
        for s in (seeds if all_seeds or not heavy_first or not is_heavy(r) else seeds[:1]):
            if r.seeds and s not in r.seeds:
                continue
            w = r.writers[(s - 1) % len(r.writers)] if r.writers else WRITERS[(i + s) % 3]
            style, val_step, train_log = (_per_seed(v, s)
                                          for v in (r.style, r.val_step, r.train_log))
            if w != "summarywriter":
                style, val_step = "", "step"
            out.append(replace(r, seed=s, writer=w, tags=style or list(TAG_STYLES)[(i + s) % 3],
                               style=style, val_step=val_step or "step", train_log=train_log,
                               on_epoch=(i % 2 == 0) if not train_log else train_log == "both",
                               lr_monitor=(i + s) % 2 == 0))
    return out


def expand_by_writers(recipes: list[Recipe], seeds, lr_monitor: bool) -> list[Recipe]:
    """A batch's recipes expanded with each recipe's own writers per seed and the batch's own
    index for the tag style (and, with ``lr_monitor``, the LR monitor)."""
    out = []
    for i, r in enumerate(recipes):
        for s in seeds:
            if r.seeds and s not in r.seeds:
                continue
            w = r.writers[(s - 1) % len(r.writers)]
            extra = {"lr_monitor": (i + s) % 2 == 0} if lr_monitor else {}
            out.append(replace(r, seed=s, writer=w, tags=list(TAG_STYLES)[(i + s) % 3], **extra))
    return out


def print_table(path: Path) -> int:
    """Runs by writer x task x verdict, plus totals and relabel counts."""
    import collections
    labels = json.loads(path.read_text())
    verdicts = ["healthy", "overfitting", "underfitting", "erratic", "diverging", "loss_spike",
                "still_improving", "insufficient_data"]
    short = ["heal", "over", "under", "errat", "diver", "spike", "still", "insuf"]
    rows = collections.Counter((k.split("/")[0], k.split("/")[1], v["verdict"]) for k, v in labels.items())
    print(f"{'writer':14s} {'task':14s} {'split':5s} " + " ".join(f"{s:>5s}" for s in short) + "  total")
    for w in WRITERS:
        for t in TASK_SPLIT:
            c = [rows[(w, t, v)] for v in verdicts]
            if sum(c):
                print(f"{w:14s} {t:14s} {TASK_SPLIT[t]:5s} " + " ".join(f"{x:5d}" for x in c) + f"  {sum(c):5d}")
    tot = collections.Counter(v["verdict"] for v in labels.values())
    print(f"{'all':35s}" + " ".join(f"{tot[v]:5d}" for v in verdicts) + f"  {len(labels):5d}")
    for w in WRITERS:
        print(f"{w}: {sum(k.startswith(w + '/') for k in labels)} runs")
    for sp in ("dev", "test"):
        print(f"{sp}: {sum(v['split'] == sp for v in labels.values())} runs")
    rel = [k for k, v in labels.items() if v.get("relabelled")]
    print(f"relabelled: {len(rel)} (after review: {sum('review' in labels[k]['relabelled'] for k in rel)})")
    return 0


def save_labels(path: Path, labels: dict, new: dict) -> None:
    """Merge `new` (None = dropped) into `labels` and write sorted JSON."""
    for k, v in new.items():
        if v is None:
            labels.pop(k, None)
        else:
            labels[k] = v
    path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


# ----------------------------------------------------------------------------- twenty-seventh batch
# image-like and imbalanced classification by small CNNs (tasks.B27_TASKS: digits_up,
# texture_img, defect_img), appended after every earlier recipe (their index, tag rotation and
# RNG use unchanged): base_recipes() reaches them through dev8_recipes, wrapped below
B27_TASKS = ("digits_up", "texture_img", "defect_img")
LOG_VARIED = LOG_VARIED + B27_TASKS


def b27_recipes() -> list[Recipe]:
    """Twenty-seventh dev batch (digits_up, texture_img, defect_img): small CNNs on 12x12
    images, the commonest real trainings. Everyday setups: per-step train loss with a per-epoch
    val or val every N steps, ReduceLROnPlateau / cosine / step decay, Lightning EarlyStopping,
    a run resumed from a checkpoint, gradient accumulation, noise augmentation and weight
    decay; regimes by their real causes (a frozen random backbone or a 2-channel CNN, LR far too
    low, a wide CNN on 150-300 noisy images, SGD / Adam too hot at batch 4, a growing LR, LR
    bumps and poisoned batches, runs cut after 2-4 epochs). Steps per epoch at batch 32:
    digits_up 47, texture_img / defect_img 63."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    C = {"arch": "cnn", "model": "medium", "batch": 32}
    out = []
    # ---------------- digits_up: 10 classes, ln 10 = 2.30
    T = "digits_up"
    out += [
        R(H, "cnn-plateau-e15", T, **C, lr=2e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=15, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "cnn-aug-wd-e20", T, **C, lr=2e-3, wd=1e-4, aug_noise=0.3, sched="cosine",
          epochs=20, log_every=5, seeds=(1, 2), writers=(SW, LC), style="Loss_test",
          val_step="epoch", train_log="step", acceptable=["still_improving"]),
        R(H, "cnn-cosine-resumed", T, **C, lr=2e-3, sched="cosine", epochs=12, log_every=5,
          resume_at=280, redo=40, seeds=(1,), writers=(SW,), style="slash"),
        R(H, "cnn-accum4-stepdecay", T, **dict(C, batch=16), lr=3e-3, accum=4, sched="step",
          gamma=0.3, step_every=80, epochs=16, log_every=2, seeds=(1,), writers=(LC,),
          train_log="step", acceptable=["still_improving"]),
        R(OV, "cnnwide-n150-noise20-e80", T, **dict(C, model="wide", n_train=150),
          label_noise=0.2, lr=2e-3, epochs=80, log_every=2, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(U, "cnn-frozen-backbone", T, **C, lr=1e-3, unfreeze_at=10 ** 9, epochs=12,
          log_every=5, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step"),
        R(U, "cnn-lr3e-6", T, **C, lr=3e-6, epochs=10, log_every=5, seeds=(1,),
          writers=(SW,), style="slash", train_log="step", acceptable=["still_improving"]),
        R(E, "cnn-sgd0.5-b4", T, **dict(C, batch=4), opt="sgd", lr=0.5, clip=1.0, epochs=2,
          log_every=10, val_every=75, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(D, "cnn-sgd-lrgrow", T, **C, opt="sgd", lr=0.01, sched="grow", grow=1.012,
          epochs=12, log_every=5, val_every=16, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "cnn-lrbump10-x50", T, **C, lr=2e-3, epochs=12, log_every=2, val_every=16,
          bumps=[(300, 10, 50)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(P, "cnn-poison-labels15", T, **C, lr=2e-3, epochs=12, log_every=2, val_every=16,
          poison=[(300, 15, "labels")], seeds=(3,), writers=(LT,), train_log="step"),
        R(S, "cnn-lr2e-4-e3", T, **C, lr=2e-4, epochs=3, log_every=2, val_every=12,
          seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["underfitting"]),
        R(INS, "cnn-twoevals", T, **C, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- texture_img: 4 classes, 15% flipped labels in train and val
    T = "texture_img"
    out += [
        R(H, "cnn-cosine-e15", T, **C, lr=2e-3, sched="cosine", epochs=15, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="underscore_valid", train_log="step",
          acceptable=["overfitting"]),
        R(H, "cnn-earlystop3", T, **C, lr=2e-3, early_stop=3, epochs=60, log_every=5,
          seeds=(1, 2), writers=(LC, LT), train_log="step",
          acceptable=["overfitting", "still_improving"]),
        R(OV, "cnnwide-n300-e100", T, **dict(C, model="wide", n_train=300), lr=2e-3,
          epochs=100, log_every=2, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower",
          train_log="step"),
        R(U, "cnntiny-e15", T, **dict(C, model="tiny"), lr=1e-3, epochs=15, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy"]),
        R(E, "cnn-adam0.03-b4", T, **dict(C, batch=4), lr=0.03, clip=1.0, epochs=2,
          log_every=10, val_every=50, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(D, "cnn-sgd-jump-x100", T, **C, opt="sgd", lr=0.05, sched="jump", jump=(300, 100),
          epochs=12, log_every=5, val_every=21, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step"),
        R(P, "cnn-lrbump5-x100", T, **C, lr=2e-3, epochs=12, log_every=1, val_every=21,
          bumps=[(400, 5, 100)], seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(S, "cnn-lr3e-4-e3", T, **C, lr=3e-4, epochs=3, log_every=2, val_every=16,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting"]),
    ]
    # ---------------- defect_img: 3 classes at 88% / 8% / 4% (prior entropy ~0.44)
    T = "defect_img"
    out += [
        R(H, "cnn-cosine-e20", T, **C, lr=3e-3, sched="cosine", epochs=20, log_every=5,
          seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash", train_log="step",
          acceptable=["overfitting", "still_improving"]),
        R(H, "cnn-warmcos-accum2-val30", T, **C, lr=2e-3, warmup=30, sched="cosine", accum=2,
          epochs=20, log_every=5, val_every=30, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["overfitting"]),
        R(U, "cnn-frozen-backbone", T, **C, lr=1e-3, unfreeze_at=10 ** 9, epochs=12,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "cnntiny-sgd-majority", T, **dict(C, model="tiny"), opt="sgd", lr=0.01,
          epochs=12, log_every=5, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step"),
        R(OV, "cnnwide-n300-e100", T, **dict(C, model="wide", n_train=300), lr=2e-3,
          epochs=100, log_every=2, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="step"),
        R(E, "cnn-sgd0.3-b4", T, **dict(C, batch=4), opt="sgd", lr=0.3, clip=1.0, epochs=2,
          log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(D, "cnn-adam-lrgrow", T, **C, lr=1e-3, sched="grow", grow=1.01, epochs=12,
          log_every=5, val_every=21, seeds=(1,), writers=(SW,), style="slash",
          train_log="step", acceptable=["underfitting"]),
        R(P, "cnn-poison-labels10", T, **C, lr=2e-3, epochs=15, log_every=2, val_every=21,
          poison=[(450, 10, "labels")], seeds=(1, 2), writers=(LC, SW), style="slash"),
        R(S, "cnn-lr3e-4-e4", T, **C, lr=3e-4, epochs=4, log_every=2, val_every=16,
          seeds=(1,), writers=(SW,), style="slash", train_log="step",
          acceptable=["underfitting"]),
        R(H, "cnn-cosine-resumed", T, **C, lr=2e-3, sched="cosine", epochs=15, log_every=5,
          resume_at=500, redo=60, seeds=(2,), writers=(SW,), style="slash",
          acceptable=["overfitting"]),
    ]
    # after the first pass: a CNN on 150 digits with 20% flipped labels memorises them while
    # its val loss stays near its best (the check: healthy); SGD 0.5 / Adam 0.03 at batch 4 pin
    # the CNNs to chance (underfitting / diverging); an x50 bump for 10 steps killed the digits
    # CNN: a wide MLP on 150 digits, cooler hot optimisers, a shorter, smaller bump
    out += [
        R(OV, "widemlp-n150-noise20-e80", "digits_up", model="wide", batch=32, n_train=150,
          label_noise=0.2, lr=1e-3, epochs=80, log_every=2, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(E, "cnn-adam0.01-b4", "digits_up", **dict(C, batch=4), lr=0.01, clip=1.0, epochs=2,
          log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(P, "cnn-lrbump5-x20", "digits_up", **C, lr=2e-3, epochs=12, log_every=2,
          val_every=16, bumps=[(300, 5, 20)], seeds=(1, 2), writers=(SW, LC), style="slash"),
        R(E, "cnn-sgd0.1-b4", "texture_img", **dict(C, batch=4), opt="sgd", lr=0.1, clip=1.0,
          epochs=2, log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
    ]
    # after the second pass: Adam 0.01 at batch 4 learns digits with 7% swings (healthy /
    # still_improving), SGD 0.1-0.3 at batch 4 sits at chance or at the majority rate, a wide
    # CNN on 300 defect images keeps val near its best: hotter / longer batch-4 runs, a wide
    # MLP on 300 defect images, a constant LR cut after 6 epochs
    out += [
        R(E, "cnn-adam0.02-b4-e3", "digits_up", **dict(C, batch=4), lr=0.02, clip=1.0,
          epochs=3, log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(E, "cnn-adam0.01-b4", "defect_img", **dict(C, batch=4), lr=0.01, clip=1.0,
          epochs=2, log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
        R(OV, "widemlp-n300-e100", "defect_img", model="wide", batch=32, n_train=300,
          lr=1e-3, epochs=100, log_every=2, seeds=(1, 2), writers=(SW, LC), style="lower",
          train_log="step"),
        R(S, "cnn-const2e-3-e6", "defect_img", **C, lr=2e-3, epochs=6, log_every=2,
          val_every=21, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["healthy"]),
    ]
    # after the third pass: no CNN at batch 4 bounced (Adam 0.01-0.02 learns with 7-14% swings
    # and a trend, SGD 0.1-0.5 sits at chance): an MLP on the digit pixels at Adam 0.03 /
    # batch 4
    out += [
        R(E, "mlp-adam0.03-b4", "digits_up", model="medium", batch=4, lr=0.03, clip=1.0,
          epochs=2, log_every=10, val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["diverging", "underfitting"]),
    ]
    # after the look at the sheets: the texture CNN's x100 bump knocked it back near chance
    # for the rest of the run (still_improving after review): poisoned inputs for 5 steps; one
    # more run with a single evaluation
    out += [
        R(P, "cnn-poison-inputs5", "texture_img", **C, lr=2e-3, epochs=12, log_every=2,
          val_every=21, poison=[(400, 5, "inputs")], seeds=(1, 2), writers=(SW, LC),
          style="slash"),
        R(INS, "cnn-oneeval", "defect_img", **C, lr=1e-3, max_steps=30, epochs=None,
          val_every=30, log_every=10, seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
    ]
    return out


_b27_prev_dev8_recipes = dev8_recipes


def dev8_recipes() -> list[Recipe]:  # noqa: F811  (twenty-seventh batch: appended at the end)
    return _b27_prev_dev8_recipes() + b27_recipes()

# ----------------------------------------------------------------------------- twenty-eighth batch
# Sequence models people train (tasks.DEV28_TASKS): a sort seq2seq written as a teacher-forced
# LM (transformer / LSTM / GRU), a character LM of generated server logs with its perplexity,
# a daily demand forecast with two seasonalities (a GRU over the window, MLPs) judged on MAE /
# RMSE. Kept in one block at the end of the file: the batch's recipes are expanded by their own
# index (b28_all_recipes) after every earlier recipe, so neither their settings nor the earlier
# ones depend on what other batches add to base_recipes().
from tasks import DEV28_TASKS  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV28_TASKS
REG_TASKS = REG_TASKS + ("demand_ts",)
B28_PPL_TASKS = ("sort_lm", "logline_lm")   # val perplexity beside the token accuracy
_b28_prev_f1_metric = f1_metric


def f1_metric(task, out, y) -> list:  # noqa: F811  (the twenty-eighth batch's metrics first)
    """Twenty-eighth batch: [("perplexity", exp of the val cross-entropy)] on sort_lm /
    logline_lm and [("rmse", ...)] on demand_ts; else the earlier f1_metric."""
    if task.name in B28_PPL_TASKS:
        import torch.nn.functional as F
        ce = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1)).item()
        return [("perplexity", math.exp(min(ce, 50.0)))]
    if task.name == "demand_ts":
        return [("rmse", float(((out.reshape(-1) - y.reshape(-1)) ** 2).mean().sqrt()))]
    return _b28_prev_f1_metric(task, out, y)


def dev28_recipes() -> list[Recipe]:
    """Twenty-eighth dev batch (sort_lm, logline_lm, demand_ts). SEQUENCE MODELS as people train
    them: SummaryWriter loops logging the train loss per step and val every 50-250 steps,
    Lightning with val_check_interval inside an epoch, warm-up + cosine, runs without warm-up or
    clipping, 1,000-10,000 steps. Regimes by their real causes: LR far too high (Adam 0.02-0.05
    at batch 4 without clipping, SGD with a growing LR, a LR jump x100), LR bumps and poisoned
    batches for spikes, a model too small (a 4-8 unit recurrent net), a big model on 150-300
    examples, cosine schedules cut at 25-30%, runs stopped after 40 steps. Steps per epoch at
    batch 32: sort_lm 125, logline_lm 125, demand_ts 63."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    # ---------------- sort_lm: chance ln 10 = 2.30, floor ~0.2 (3% corrupted targets)
    T = "sort_lm"
    TR = {"arch": "transformer", "model": "small", "batch": 32, "epochs": None}
    out += [
        R(H, "transformer-warmcos-2500", T, **TR, lr=1e-3, sched="cosine", warmup=200,
          max_steps=2500, log_every=5, val_every=100, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["still_improving"]),
        R(H, "lstm-medium-e16-val250", T, arch="lstm", model="medium", batch=32, lr=3e-3,
          epochs=16, log_every=10, val_every=250, seeds=(1, 2), writers=(LC, SW),
          style="lower", train_log="step", acceptable=["still_improving"]),
        R(H, "transformer-long5k-log1", T, **TR, lr=5e-4, max_steps=5000, log_every=1,
          val_every=250, seeds=(1,), writers=(SW,), style="underscore_val", train_log="step",
          acceptable=["still_improving"]),
        R(OV, "transformer-medium-n300-noisy", T, **dict(TR, model="medium", n_train=300),
          label_noise=0.1, lr=1e-3, max_steps=2000, log_every=5, val_every=50,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step"),
        R(U, "gru-tiny", T, arch="gru", model="tiny", batch=32, lr=1e-3, epochs=None,
          max_steps=2500, log_every=5, val_every=100, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step", acceptable=["still_improving"]),
        R(E, "transformer-adam0.02-b4-noclip", T, **dict(TR, batch=4), lr=0.02,
          max_steps=2000, log_every=5, val_every=50, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step", acceptable=["underfitting", "diverging"]),
        R(D, "transformer-sgd-lrgrow", T, **TR, opt="sgd", lr=0.05, sched="grow", grow=1.01,
          max_steps=1500, log_every=5, val_every=50, seeds=(1,), writers=(LC,),
          train_log="step"),
        R(D, "lstm-lrjump-x100", T, arch="lstm", model="medium", batch=32, lr=3e-3,
          sched="jump", jump=(1000, 100), epochs=None, max_steps=2000, log_every=5,
          val_every=50, seeds=(1,), writers=(SW,), style="slash", train_log="step"),
        R(P, "transformer-lrbump10-x30", T, **TR, lr=1e-3, max_steps=2000, log_every=2,
          val_every=50, bumps=[(1300, 10, 30)], seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step"),
        R(P, "transformer-poisonlabels20", T, **TR, lr=1e-3, max_steps=2000, log_every=2,
          val_every=50, poison=[(1300, 20, "labels")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(S, "transformer-cosine-cut30", T, **TR, lr=1e-3, sched="cosine", warmup=200,
          planned=4000, max_steps=1200, log_every=5, val_every=50, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step", acceptable=["underfitting"]),
        R(INS, "stopped40", T, **TR, max_steps=40, log_every=20, val_every=40, seeds=(1,),
          writers=(LC,), train_log="step"),
    ]
    # ---------------- logline_lm: 41 characters (ln 41 = 3.71); timestamps and routes are
    # learnable, ids and latencies not
    T = "logline_lm"
    G = {"arch": "gru", "model": "medium", "batch": 32, "epochs": None}
    out += [
        R(H, "gru-warmcos-1200", T, **G, lr=3e-3, sched="cosine", warmup=100, max_steps=1200,
          log_every=5, val_every=50, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "lstm-e8-val100", T, arch="lstm", model="medium", batch=32, lr=3e-3, epochs=8,
          log_every=10, val_every=100, seeds=(1, 2), writers=(LC, SW), style="Loss",
          train_log="step", acceptable=["still_improving"]),
        R(OV, "gru-wide-n150", T, **dict(G, model="wide", n_train=150), lr=3e-3,
          max_steps=1200, log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(U, "gru-linear", T, **dict(G, model="linear"), lr=1e-3, max_steps=1500,
          log_every=5, val_every=100, seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(E, "transformer-adam0.03-b4-noclip", T, arch="transformer", model="small", batch=4,
          epochs=None, lr=0.03, max_steps=1200, log_every=5, val_every=25, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "diverging"]),
        R(D, "gru-sgd-lrgrow", T, **G, opt="sgd", lr=0.05, sched="grow", grow=1.01,
          max_steps=1500, log_every=5, val_every=50, seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
        R(P, "gru-lrbump5-x50", T, **G, lr=3e-3, max_steps=1200, log_every=2, val_every=25,
          bumps=[(700, 5, 50)], seeds=(1, 2), writers=(LC, SW), style="slash",
          train_log="step"),
        R(P, "gru-poisoninputs20", T, **G, lr=3e-3, max_steps=1200, log_every=2, val_every=25,
          poison=[(700, 20, "inputs")], seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
        R(S, "gru-cosine-cut20", T, **G, lr=3e-4, sched="cosine", warmup=100, planned=3000,
          max_steps=600, log_every=5, val_every=25, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step", acceptable=["underfitting"]),
        R(INS, "stopped40", T, **G, max_steps=40, log_every=20, val_every=40, seeds=(1,),
          writers=(SW,), style="slash", train_log="step"),
    ]
    # ---------------- demand_ts: 56 days -> the next (standardised, variance 1)
    T = "demand_ts"
    RN = {"arch": "rnn", "model": "medium", "batch": 32}
    M = {"model": "medium", "batch": 32}
    out += [
        R(H, "gru-cosine-e20", T, **RN, lr=3e-3, sched="cosine", warmup=50, epochs=20,
          log_every=5, val_every=50, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "mlp-plateau-e30", T, **M, lr=1e-3, sched="plateau", gamma=0.5, patience=2,
          epochs=30, log_every=5, seeds=(1, 2), writers=(LC, SW), style="lower",
          train_log="step", acceptable=["overfitting"]),
        R(OV, "mlp-wide-n150-e300", T, **dict(M, model="wide", n_train=150), lr=1e-3,
          epochs=300, log_every=2, val_every=10, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step"),
        R(U, "gru-tiny-lr3e-4", T, **dict(RN, model="tiny"), lr=3e-4, epochs=10, log_every=5,
          val_every=50, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["still_improving"]),
        R(E, "mlp-adam0.05-b4-noclip", T, **dict(M, batch=4), lr=0.05, epochs=3, log_every=10,
          val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "mlp-sgd-lrgrow", T, **M, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=15,
          log_every=5, val_every=16, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "gru-lrbump10-x50", T, **RN, lr=3e-3, epochs=20, log_every=2, val_every=25,
          bumps=[(700, 10, 50)], seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(P, "mlp-poisontargets15", T, **M, lr=1e-3, epochs=20, log_every=2, val_every=21,
          poison=[(700, 15, "labels")], seeds=(1,), writers=(SW,), style="slash",
          train_log="step"),
        R(S, "gru-cosine-cut30", T, **RN, lr=1e-3, sched="cosine", warmup=50, planned=1900,
          epochs=None, max_steps=570, log_every=5, val_every=30, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["underfitting"]),
        R(INS, "stopped40", T, **RN, epochs=None, max_steps=40, log_every=20, val_every=40,
          seeds=(1,), writers=(LT,), train_log="step"),
    ]
    # after the first pass: the wide MLP on 150 windows memorises them while its val sits flat
    # at ~0.47 (no rise); a wide GRU on 100 windows trained long is the overfitting run
    out += [
        R(OV, "gru-wide-n100-e150", T, **dict(RN, model="wide", n_train=100), lr=3e-3,
          epochs=150, log_every=2, val_every=10, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step"),
    ]
    # after the first pass: Adam 0.02-0.05 without clipping at batch 4 threw every model to
    # chance or NaN (dropped by the checks); hot optimisers clipped at 1.0 at batch 4-8
    out += [
        R(E, "transformer-adam0.01-b8-nowarmup", "sort_lm", **dict(TR, batch=8), lr=0.01,
          clip=1.0, max_steps=1500, log_every=5, val_every=25, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting", "healthy"]),
        R(E, "gru-adam0.03-b8-clip1", "logline_lm", **dict(G, batch=8), lr=0.03, clip=1.0,
          max_steps=1000, log_every=5, val_every=25, seeds=(1, 2), writers=(LC, SW),
          style="slash", train_log="step", acceptable=["underfitting", "healthy"]),
        R(E, "mlp-sgd0.1-b4-clip1", "demand_ts", **dict(M, batch=4), opt="sgd", lr=0.1,
          clip=1.0, epochs=2, log_every=10, val_every=25, seeds=(1, 2), writers=(SW, LC),
          style="slash", train_log="step", acceptable=["diverging", "underfitting"]),
    ]
    return out


def b28_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
    """dev28_recipes() expanded as all_recipes() expands the others (heavy: the first seed),
    with the batch's own index for the per-recipe settings (lr_monitor, on_epoch, tag style)."""
    return expand_varied(dev28_recipes(), seeds, all_seeds, heavy_first=True)


add_batch(b28_all_recipes)



# ----------------------------------------------------------------------------- thirtieth batch
# Regression and forecasting as people train them (tasks.DEV30_TASKS): a tabular regression on a
# raw target in the thousands trained on MSE (rent_raw), a log target trained on MAE / L1
# (yield_log), an hourly load forecast trained on a Huber loss (kwh_ts); RMSE, R2 (and MAPE on
# the raw target) logged beside the loss and the MAE. Kept in one block at the end of the file:
# the batch's recipes are expanded by their own index (b30_all_recipes) after every earlier
# recipe; the loss and metric wrappers act on these tasks only.
from tasks import DEV30_TASKS  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV30_TASKS
REG_TASKS = REG_TASKS + DEV30_TASKS
B30_LOSS = {"rent_raw": "mse", "yield_log": "l1", "kwh_ts": "huber"}
_b30_prev_loss_and_metric = loss_and_metric
_b30_prev_f1_metric = f1_metric
_b30_prev_describe = describe


def loss_and_metric(task, out, y, smooth=0.0):  # noqa: F811  (thirtieth batch's losses first)
    """Thirtieth batch: MSE (rent_raw), L1 (yield_log) or Huber with delta 1 (kwh_ts), and the
    MAE; else the earlier loss_and_metric."""
    if task.name not in DEV30_TASKS:
        return _b30_prev_loss_and_metric(task, out, y, smooth)
    import torch.nn.functional as F
    out = out.squeeze(-1)
    kind = B30_LOSS[task.name]
    loss = (F.mse_loss(out, y) if kind == "mse" else F.l1_loss(out, y) if kind == "l1"
            else F.huber_loss(out, y, delta=1.0))
    return loss, "mae", (out - y).abs().mean()


def b30_metrics(out, y, mape=False) -> list:
    """RMSE, R2 (1 - SSE / SST on the val set) and, on a raw target, the MAPE in percent."""
    out, y = out.reshape(-1).double(), y.reshape(-1).double()
    err = out - y
    sse, sst = float((err ** 2).sum()), float(((y - y.mean()) ** 2).sum())
    res = [("rmse", float((err ** 2).mean().sqrt())), ("r2", 1.0 - sse / max(sst, 1e-12))]
    if mape:
        res.append(("mape", float((err.abs() / y.abs().clamp(min=1e-6)).mean() * 100)))
    return res


def f1_metric(task, out, y) -> list:  # noqa: F811  (the thirtieth batch's metrics first)
    """Thirtieth batch: rmse, r2 (and mape on rent_raw); else the earlier f1_metric."""
    if task.name in DEV30_TASKS:
        return b30_metrics(out, y, mape=task.name == "rent_raw")
    return _b30_prev_f1_metric(task, out, y)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the thirtieth batch the loss and the metrics."""
    s = _b30_prev_describe(r, task)
    if r.task in DEV30_TASKS:
        target = {"rent_raw": "raw target in the thousands", "yield_log": "log target",
                  "kwh_ts": "standardised target"}[r.task]
        s += (f"loss: {B30_LOSS[r.task]} ({target}); "
              f"val metrics mae, rmse, r2{', mape' if r.task == 'rent_raw' else ''}\n")
    return s


def dev30_recipes() -> list[Recipe]:
    """Thirtieth dev batch (rent_raw, yield_log, kwh_ts). REGRESSION AND FORECASTING as people
    train them: per-step train loss with per-epoch val or val every N steps, ReduceLROnPlateau,
    early stopping (Lightning), cosine schedules. Regimes by their real causes: LR far too high
    (Adam 0.05-0.3 at batch 4, SGD with a growing LR, a LR jump x100), a linear model on the
    non-linear targets and a 2-unit MLP, a 512-wide MLP on 100-150 rows with noisy targets, the
    raw / log target at a sane but small LR (slow), LR bumps and poisoned batches, runs cut
    short. Steps per epoch at batch 32: rent_raw 38, yield_log 47, kwh_ts 63."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    M = {"model": "medium", "batch": 32}
    out = []
    # ---------------- rent_raw: raw target (mean ~2900, sd ~580), MSE ~3.4e5 for the mean
    T = "rent_raw"
    out += [
        R(H, "mlp-adam3e-3-plateau-e150", T, **M, lr=3e-3, sched="plateau", gamma=0.5,
          patience=5, epochs=150, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT),
          style="slash", train_log="step", acceptable=["still_improving"]),
        R(H, "mlp-adam3e-3-es10-e200", T, **M, lr=3e-3, early_stop=10, epochs=200,
          log_every=5, seeds=(1, 2), writers=(LC, LC), train_log="step",
          acceptable=["still_improving", "overfitting"]),
        R(S, "mlp-adam3e-4-e40-raw", T, **M, lr=3e-4, epochs=40, log_every=5, seeds=(1, 2, 3),
          writers=(SW, LC, SW), style="underscore_val", train_log="step",
          acceptable=["underfitting"]),
        R(S, "mlp-adam1e-3-e40-raw", T, **M, lr=1e-3, epochs=40, log_every=5, seeds=(1, 2),
          writers=(LC, SW), style="underscore_val", train_log="step",
          acceptable=["underfitting", "healthy"]),
        R(U, "linear-sgd0.05-e40", T, model="linear", batch=32, opt="sgd", lr=0.05,
          epochs=40, log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step", acceptable=["healthy"]),
        R(OV, "mlp-wide-n100-noisy-e500", T, model="wide", batch=16, n_train=100,
          label_noise=0.8, lr=3e-3, epochs=500, log_every=5, val_every=25, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step"),
        R(E, "mlp-adam0.3-b4", T, **dict(M, batch=4), lr=0.3, epochs=6, log_every=10,
          val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "mlp-sgd-lrgrow", T, **M, opt="sgd", lr=1e-6, momentum=0.9, sched="grow",
          grow=1.01, epochs=30, log_every=5, val_every=19, seeds=(1,), writers=(SW,),
          style="slash", train_log="step"),
        R(P, "mlp-lrbump10-x30", T, **M, lr=3e-3, epochs=60, log_every=2, val_every=19,
          bumps=[(1200, 10, 30)], seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(INS, "stopped30", T, **M, lr=1e-2, epochs=None, max_steps=30, log_every=10,
          val_every=30, seeds=(1,), writers=(LC,), train_log="step"),
    ]
    # ---------------- yield_log: log target (mean ~7.6, sd ~0.35), L1 loss; noise MAE ~0.12
    T = "yield_log"
    out += [
        R(H, "mlp-cosine-e60", T, **M, lr=3e-3, sched="cosine", warmup=50, epochs=60,
          log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT), style="lower",
          train_log="step", acceptable=["still_improving"]),
        R(H, "mlp-plateau-es8-e150", T, **M, lr=3e-3, sched="plateau", gamma=0.5, patience=3,
          early_stop=8, epochs=150, log_every=5, seeds=(1, 2), writers=(LC, LT),
          train_log="step", acceptable=["still_improving", "overfitting"]),
        R(U, "linear-adam0.02-e40", T, model="linear", batch=32, lr=0.02, epochs=40,
          log_every=5, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy"]),
        R(U, "mlp-tiny2-e40", T, model="tiny", batch=32, lr=1e-2, epochs=40, log_every=5,
          seeds=(1,), writers=(LC,), train_log="step", acceptable=["healthy"]),
        R(S, "mlp-adam1e-4-e30-logtarget", T, **M, lr=1e-4, epochs=30, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["underfitting"]),
        R(OV, "mlp-wide-n80-noisy-e400", T, model="wide", batch=16, n_train=80,
          label_noise=1.5, lr=3e-3, epochs=400, log_every=5, val_every=24, seeds=(1, 2, 3),
          writers=(SW, LC, SW), style="slash", train_log="step"),
        R(E, "mlp-adam0.1-b4", T, **dict(M, batch=4), lr=0.1, epochs=4, log_every=10,
          val_every=50, seeds=(1, 2), writers=(LC, SW), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "mlp-lrjump-x300", T, **M, lr=1e-3, sched="jump", jump=(600, 300), epochs=30,
          log_every=5, val_every=20, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "mlp-poisontargets15", T, **M, lr=3e-3, epochs=40, log_every=2, val_every=20,
          poison=[(1000, 15, "labels")], seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(INS, "stopped40", T, **M, lr=3e-3, epochs=None, max_steps=40, log_every=20,
          val_every=40, seeds=(1,), writers=(SW,), style="slash", train_log="step"),
    ]
    # ---------------- kwh_ts: 48 hours -> the next (standardised), Huber loss
    T = "kwh_ts"
    out += [
        R(H, "mlp-cosine-e30-val50", T, **M, lr=2e-3, sched="cosine", warmup=50, epochs=30,
          log_every=5, val_every=50, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
          train_log="step", acceptable=["still_improving"]),
        R(H, "gru-plateau-es6-e20", T, arch="rnn", model="small", batch=32, lr=3e-3,
          sched="plateau", gamma=0.5, patience=2, early_stop=6, epochs=20, log_every=5,
          seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["still_improving", "overfitting"]),
        R(U, "mlp-tiny2-e30", T, model="tiny", batch=32, lr=3e-3, epochs=30, log_every=5,
          seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy"]),
        R(OV, "mlp-wide-n100-noisy-e400", T, model="wide", batch=16, n_train=100,
          label_noise=1.0, lr=2e-3, epochs=400, log_every=5, val_every=20, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step"),
        R(E, "mlp-adam0.02-b4", T, **dict(M, batch=4), lr=0.02, epochs=3, log_every=10,
          val_every=50, seeds=(1, 2), writers=(SW, LC), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(D, "mlp-sgd-lrgrow", T, **M, opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=15,
          log_every=5, val_every=16, seeds=(1,), writers=(LC,), train_log="step"),
        R(P, "mlp-poisoninputs10", T, **M, lr=2e-3, epochs=25, log_every=2, val_every=21,
          poison=[(800, 10, "inputs")], seeds=(1, 2), writers=(SW, LC), style="slash",
          train_log="step"),
        R(S, "mlp-cosine-cut25", T, **M, lr=3e-4, sched="cosine", warmup=50, planned=1900,
          epochs=None, max_steps=475, log_every=5, val_every=25, seeds=(1, 2),
          writers=(LC, SW), style="slash", train_log="step", acceptable=["underfitting"]),
        R(INS, "stopped40", T, **M, lr=2e-3, epochs=None, max_steps=40, log_every=20,
          val_every=40, seeds=(1,), writers=(LT,), train_log="step"),
    ]
    # after the first pass: only the linear fits of rent_raw's convex target level off far
    # (1.8x) above the MLPs (yield_log's and kwh_ts's small models end 1.25-1.4x above them);
    # more of them, at a cooler SGD
    out += [
        R(U, "linear-sgd0.02-e40", "rent_raw", model="linear", batch=32, opt="sgd", lr=0.02,
          epochs=40, log_every=5, seeds=(1, 2, 3), writers=(LT, SW, LC), style="Loss",
          train_log="step", acceptable=["healthy"]),
    ]
    return out


def b30_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
    """dev30_recipes() expanded as all_recipes() expands the others, with the batch's own index
    for the per-recipe settings (lr_monitor, on_epoch, tag style)."""
    return expand_varied(dev30_recipes(), seeds, all_seeds, heavy_first=True)


add_batch(b30_all_recipes)


# ----------------------------------------------------------------------------- twenty-ninth batch
# HF-style fine-tunes of one pre-trained BERT encoder (tasks.DEV29_TASKS: rev_sentiment,
# rev_aspects, rev_rating; tasks.b29_encoder_dir: masked-LM on generated reviews, saved once),
# here in SummaryWriter / Lightning loops that fine-tune the same checkpoint. Kept in one block
# at the end of the file: build_model / cause are wrapped for these tasks only, and the batch's
# recipes are expanded by their own index (b29_all_recipes) after every earlier recipe.
from tasks import DEV29_TASKS, b29_finetune_model  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV29_TASKS
REG_TASKS = REG_TASKS + ("rev_rating",)
_b29_prev_build_model = build_model
_b29_prev_cause = cause


def build_model(r: Recipe, task):  # noqa: F811  (twenty-ninth batch: the pre-trained encoder)
    """On a twenty-ninth batch task: the MLM-pre-trained encoder with a fresh head (freeze: the
    head only); else as before."""
    if r.task in DEV29_TASKS:
        return b29_finetune_model(task, r.seed, freeze=r.freeze)
    return _b29_prev_build_model(r, task)


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Twenty-ninth batch: says the encoder was pre-trained by masked-LM and fine-tuned."""
    s = _b29_prev_cause(r, task)
    if r.task in DEV29_TASKS:
        s += (", a 2-layer BERT encoder (width 64) pre-trained by masked-LM on 20,000 generated"
              " reviews, fine-tuned with a fresh head"
              + (", encoder frozen (only the head trains)" if r.freeze else ""))
    return s


def b29_recipes() -> list[Recipe]:
    """Twenty-ninth dev batch (rev_sentiment, rev_aspects, rev_rating): the fine-tune loops
    people write around a pre-trained encoder: AdamW with weight decay, warm-up + linear decay,
    train loss every 2-10 steps, val every 20-60 steps or per epoch. Regimes by their causes:
    LR 3e-3 at batch 8 (erratic), SGD with a growing LR (diverging), LR 1e-7 and a frozen
    encoder (underfitting), 128 examples for 30-50 epochs (overfitting), LR bumps x30 and
    poisoned batches (loss_spike), a linear schedule cut at 25-35% (still_improving), runs
    stopped after 30 steps. Steps per epoch at batch 32: 63 (4 on 128 examples)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    B = {"arch": "bert", "model": "small", "batch": 32, "opt": "adamw", "wd": 0.01}
    out = []
    for T, ep, ve in (("rev_sentiment", 8, 42), ("rev_aspects", 5, 30), ("rev_rating", 8, 42)):
        n = ep * 63
        out += [
            R(H, "bert-ft-warmlin", T, **B, lr=1e-3, sched="linear", warmup=n // 10, epochs=ep,
              log_every=5, val_every=ve, seeds=(1, 2, 3), writers=(SW, LC, LT), style="slash",
              train_log="step", acceptable=["still_improving"]),
            R(OV, "bert-ft-n128", T, **dict(B, n_train=128), lr=5e-4, sched="linear",
              warmup=10, epochs=40, log_every=2, seeds=(1, 2), writers=(SW, LC),
              style="lower", train_log="step"),
            R(U, "bert-ft-lr1e-7", T, **B, lr=1e-7, sched="linear", warmup=20, epochs=3,
              log_every=5, val_every=21, seeds=(1,), writers=(LC,), train_log="step",
              acceptable=["still_improving"]),
            R(U, "bert-frozen-probe", T, **B, freeze=True, lr=1e-3, epochs=4, log_every=5,
              val_every=21, seeds=(2,), writers=(SW,), style="slash", train_log="step",
              acceptable=["healthy", "still_improving"]),
            R(E, "bert-ft-adam3e-3-b8", T, **dict(B, batch=8), lr=3e-3, epochs=None,
              max_steps=400, log_every=5, val_every=20, seeds=(1, 2), writers=(LC, SW),
              style="slash", train_log="step", acceptable=["diverging", "underfitting"]),
            R(D, "bert-ft-sgd-lrgrow", T, **dict(B, opt="sgd", wd=0.0), lr=0.01, sched="grow",
              grow=1.02, epochs=None, max_steps=300, log_every=5, val_every=20, seeds=(1,),
              writers=(SW,), style="slash", train_log="step"),
            R(P, "bert-ft-lrbump5-x30", T, **B, lr=5e-4, epochs=ep, log_every=2, val_every=21,
              bumps=[(int(n * 0.55), 5, 30)], seeds=(1, 2), writers=(SW, LC), style="slash",
              train_log="step"),
            R(S, "bert-ft-linear-cut30", T, **B, lr=2e-4, sched="linear", warmup=30,
              planned=3 * n, epochs=None, max_steps=n, log_every=5, val_every=21,
              seeds=(1,), writers=(LC,), style="slash", train_log="step",
              acceptable=["healthy"]),
            R(INS, "bert-ft-stopped30", T, **B, lr=5e-4, epochs=None, max_steps=30,
              log_every=10, val_every=15, seeds=(1,), writers=(SW,), style="slash",
              train_log="step"),
        ]
    out += [
        R(P, "bert-ft-poisonlabels15", "rev_sentiment", **B, lr=5e-4, epochs=8, log_every=2,
          val_every=21, poison=[(280, 15, "labels")], seeds=(3,), writers=(LT,),
          train_log="step"),
        R(H, "bert-ft-earlystop-e20", "rev_aspects", **B, lr=1e-3, sched="linear", warmup=30,
          epochs=20, early_stop=3, log_every=5, seeds=(1,), writers=(LC,), train_log="step",
          acceptable=["still_improving", "overfitting"]),
    ]
    # after the first pass: the tagger does not overfit 128 clean reviews (every token is an
    # example), shrugs off an x30 bump, learns at Adam 3e-3 / batch 8 and is levelled by 30% of
    # a 2e-4 schedule; the rating model on 128 reviews keeps val within 5% of its best; the
    # sentiment runs level only after ~1000 steps: 64 reviews with 30% flipped tags / noisy
    # ratings, 20 poisoned batches, Adam 1e-2 at batch 4, LR 3e-5 cut at a third, 16 epochs
    out += [
        R(OV, "bert-ft-n64-noise30-e60", "rev_aspects", **dict(B, n_train=64),
          label_noise=0.3, lr=1e-3, epochs=60, log_every=1, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(OV, "bert-ft-n64-noise0.5-e60", "rev_rating", **dict(B, n_train=64),
          label_noise=0.5, lr=1e-3, epochs=60, log_every=1, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
        R(P, "bert-ft-poisonlabels20", "rev_aspects", **B, lr=5e-4, epochs=5, log_every=2,
          val_every=15, poison=[(170, 20, "labels")], seeds=(1,), writers=(LC,),
          train_log="step"),
        R(E, "bert-ft-adam1e-2-b4-clip1", "rev_aspects", **dict(B, batch=4), lr=1e-2,
          clip=1.0, epochs=None, max_steps=400, log_every=5, val_every=20, seeds=(1,),
          writers=(SW,), style="slash", train_log="step",
          acceptable=["diverging", "underfitting"]),
        R(S, "bert-ft-lr3e-5-cut33", "rev_aspects", **B, lr=3e-5, sched="linear", warmup=30,
          planned=945, epochs=None, max_steps=315, log_every=5, val_every=21, seeds=(1,),
          writers=(LC,), train_log="step", acceptable=["underfitting"]),
        R(H, "bert-ft-warmlin-e16", "rev_sentiment", **B, lr=1e-3, sched="linear",
          warmup=100, epochs=16, log_every=5, val_every=63, seeds=(2,), writers=(SW,),
          style="slash", train_log="step", acceptable=["still_improving"]),
    ]
    # after the second pass: Adam-W 3e-3 at batch 8 pinned the rating model to the mean: 1e-3
    # at batch 4 without clipping
    out += [
        R(E, "bert-ft-adam1e-3-b4-noclip", "rev_rating", **dict(B, batch=4), lr=1e-3,
          epochs=None, max_steps=400, log_every=5, val_every=20, seeds=(1, 2),
          writers=(SW, LC), style="slash", train_log="step",
          acceptable=["healthy", "underfitting"]),
        R(OV, "bert-ft-n64-noise30-b8-e60", "rev_aspects", **dict(B, n_train=64, batch=8),
          label_noise=0.3, lr=1e-3, epochs=60, log_every=4, seeds=(1, 2), writers=(SW, LC),
          style="lower", train_log="step"),
    ]
    # after the third pass: Adam-W 1e-3 at batch 4 pinned the rating model to the mean too; a
    # clipped Adam-W at batch 4 on the sentiment (1e-3) and the tagger (3e-3)
    out += [
        R(E, "bert-ft-adam1e-3-b4-clip1", "rev_sentiment", **dict(B, batch=4), lr=1e-3,
          clip=1.0, epochs=None, max_steps=400, log_every=5, val_every=20, seeds=(1,),
          writers=(SW,), style="slash", train_log="step",
          acceptable=["healthy", "underfitting"]),
        R(E, "bert-ft-adam3e-3-b4-clip1", "rev_aspects", **dict(B, batch=4), lr=3e-3,
          clip=1.0, epochs=None, max_steps=400, log_every=5, val_every=20, seeds=(1,),
          writers=(LC,), train_log="step", acceptable=["healthy", "underfitting"]),
        R(E, "bert-ft-adam5e-3-b4-clip1", "rev_aspects", **dict(B, batch=4), lr=5e-3,
          clip=1.0, epochs=None, max_steps=400, log_every=5, val_every=20, seeds=(2,),
          writers=(SW,), style="slash", train_log="step",
          acceptable=["healthy", "underfitting", "diverging"]),
    ]
    return out


def b29_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
    """b29_recipes() expanded as b28_all_recipes expands its batch (the batch's own index for
    the per-recipe settings: lr_monitor, on_epoch, tag style)."""
    return expand_varied(b29_recipes(), seeds, all_seeds, heavy_first=False)


add_batch(b29_all_recipes)



# ----------------------------------------------------------------------------- thirty-second batch
# SUMMARYWRITER RESEARCH-LOOP HABITS (tasks.DEV32_TASKS: b32_ae_img, b32_tagbag, b32_glyph): the
# hand-written loops of research code, unlike the corpus the rules were tuned on: an EMA-smoothed
# train loss logged every N iterations, add_scalars("Loss", {"train": ..., "val": ...}) (one
# sub-folder per key), val at the epoch index while train is at the iteration, a separate test
# evaluation at the end, grad-norm and LR, torch.autocast (CPU bf16) and gradient clipping. Kept in
# one block at the end of the file: run_plain is wrapped for these tasks only, and the batch's
# recipes are expanded by their own index (b32_all_recipes) after every earlier recipe.
from dataclasses import dataclass as _b32_dataclass  # noqa: E402,I001

from tasks import DEV32_TASKS  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV32_TASKS
REG_TASKS = REG_TASKS + ("b32_ae_img",)
_b32_prev_run_plain = run_plain
_b32_prev_describe = describe


@_b32_dataclass
class B32Recipe(Recipe):
    """A thirty-second batch torch run: Recipe plus the research loop's habits (SummaryWriter)."""
    ema: float = 0.0            # train loss logged as an EMA with this decay (0: the raw loss)
    scalars: bool = False       # add_scalars("Loss", {"train", "val"}) instead of add_scalar
    amp: bool = False           # torch.autocast("cpu", dtype=torch.bfloat16) around the forward
    test_eval: bool = True      # a final test evaluation (test/loss, test/<metric>) at the end


def b32_run_plain(r, task, out: Path):
    """The research loop: EMA (or raw) train loss, LR and grad norm every r.log_every
    iterations at the global step; val every epoch (at the epoch index when r.val_step is
    "epoch") or every r.val_every steps; bf16 autocast; clipping; a final test evaluation."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    opt = make_optimizer(r, model.parameters())
    total = total_steps(task, r)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
    xtr, ytr, xva, yva = tensors(task)
    gen = torch.Generator().manual_seed(r.seed)
    t_loss, v_loss, v_met, t_lr, t_gn = TAG_STYLES[r.tags]
    w = SummaryWriter(str(out), flush_secs=30)
    amp = (lambda: torch.autocast("cpu", dtype=torch.bfloat16)) if r.amp else None

    def forward(x):
        if amp is None:
            return model(x)
        with amp():
            return model(x).float()

    def evaluate(x, y):
        model.eval()
        with torch.no_grad():
            pred = forward(x)
            loss, m, val = loss_and_metric(task, pred, y, r.smooth)
        model.train()
        return pred, loss.item(), m, val.item()

    def log_val(step):
        _, loss, m, val = evaluate(xva, yva)
        at = epoch_index(r, epoch) if r.val_step != "step" else step
        if r.scalars:
            w.add_scalars("Loss", {"val": loss}, at)
        else:
            w.add_scalar(v_loss, loss, at)
        w.add_scalar(v_met.format(m=m, M=m.capitalize()), val, at)

    step, epoch, ema = 0, 0, None
    while step < total:
        perm = torch.randperm(len(xtr), generator=gen)
        for i in range(0, len(xtr), r.batch):
            idx = perm[i:i + r.batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            pred = forward(x)
            loss, _, _ = loss_and_metric(task, pred, y, r.smooth)
            opt.zero_grad()
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip or float("inf"))
            lr_now = opt.param_groups[0]["lr"]
            opt.step()
            sched.step()
            step += 1
            v = loss.item()
            ema = v if ema is None or not r.ema else r.ema * ema + (1 - r.ema) * v
            if step % r.log_every == 0:
                if r.scalars:
                    w.add_scalars("Loss", {"train": ema}, step)
                else:
                    w.add_scalar(t_loss, ema, step)
                w.add_scalar(t_lr, lr_now, step)
                w.add_scalar(t_gn, gn.item(), step)
            if r.val_every and step % r.val_every == 0:
                log_val(step)
            if step >= total:
                break
        epoch += 1
        if not r.val_every:
            log_val(step)
    if r.test_eval:                 # the held-out test set, once, at the end
        xt, yt = (torch.as_tensor(a) for a in task.b32_test)
        _, loss, m, val = evaluate(xt, yt)
        at = epoch_index(r, epoch) if r.val_step != "step" else step
        w.add_scalar("test/loss", loss, at)
        w.add_scalar(f"test/{m}", val, at)
    w.close()


# Thirty-second batch: b32_run_plain; else the earlier run_plain.
run_plain = for_tasks(DEV32_TASKS, b32_run_plain, _b32_prev_run_plain)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the thirty-second batch the loop's habits."""
    s = _b32_prev_describe(r, task)
    if r.task in DEV32_TASKS and r.writer == "summarywriter":
        s += (f"research loop: train loss {'EMA %.2f' % r.ema if r.ema else 'raw'} every "
              f"{r.log_every} iterations; "
              f"{'add_scalars(Loss, train/val)' if r.scalars else 'add_scalar'}; val at "
              f"{'the epoch index' if r.val_step != 'step' else 'the global step'}; "
              f"{'bf16 autocast; ' if r.amp else ''}"
              f"{'clip %.1f; ' % r.clip if r.clip else ''}final test/loss\n")
    return s


def b32_recipes() -> list:
    """Thirty-second dev batch (b32_ae_img, b32_tagbag, b32_glyph): research loops in
    SummaryWriter (most runs) and Lightning. Regimes by their real causes: LR far too high
    (Adam 0.05-0.3), LR bumps x30-x100 and poisoned batches (spikes), a model too small
    (a 1-unit code, a linear model), a wide model on 60-120 examples (overfitting), good
    settings (healthy), a cosine schedule cut short / a small LR (still improving), runs
    stopped after 20-40 steps. Steps per epoch at batch 32: 47 (ae, tagbag), 38 (glyph)."""
    R = B32Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    for T, arch, big in (("b32_ae_img", "ae", "medium"), ("b32_tagbag", None, "medium"),
                         ("b32_glyph", None, "medium")):
        ae = {"arch": arch} if arch else {}
        small = "tiny" if arch else "linear"
        out += [
            R(H, "ema-scalars-amp-e25", T, **ae, model=big, batch=32, lr=2e-3, sched="cosine",
              warmup=30, epochs=25, log_every=10, ema=0.9, scalars=True, amp=True, clip=1.0,
              seeds=(1, 2, 3), writers=(SW, SW, LC), acceptable=["still_improving"]),
            R(H, "ema-epochval-e25", T, **ae, model=big, batch=32, lr=2e-3, epochs=25,
              log_every=20, ema=0.98, val_step="epoch", seeds=(1, 2, 3), writers=(SW, SW, LC),
              style="Loss", acceptable=["still_improving"]),
            R(OV, "wide-n80-e300", T, **ae, model="wide", batch=16, n_train=80,
              label_noise=0.2 if T != "b32_ae_img" else 0.5, lr=2e-3, epochs=300,
              log_every=5, ema=0.9, val_every=25, seeds=(1, 2, 3), writers=(SW, SW, LC),
              scalars=True),
            R(U, "too-small-e25", T, **ae, model=small, batch=32, lr=3e-3, epochs=25,
              log_every=10, ema=0.9, val_step="epoch", seeds=(1, 2), writers=(SW, LC),
              acceptable=["healthy"]),
            R(E, "adam0.02-b4", T, **ae, model=big, batch=4, lr=0.02, epochs=None,
              max_steps=1200, log_every=10, val_every=40, seeds=(1, 2), writers=(SW, SW),
              amp=True, acceptable=["diverging", "underfitting"]),
            R(D, "sgd-lrgrow", T, **ae, model=big, batch=32, opt="sgd", lr=1e-3, sched="grow",
              grow=1.012, epochs=None, max_steps=900, log_every=10, val_every=30,
              seeds=(1, 2), writers=(SW, LC), scalars=True),
            R(P, "lrbump5-x100", T, **ae, model=big, batch=32, lr=2e-3, epochs=20, log_every=2,
              ema=0.0, val_every=20, bumps=[(500, 5, 100)], clip=None, seeds=(1, 2),
              writers=(SW, LC), scalars=True),
            R(P, "poison-inputs10", T, **ae, model=big, batch=32, lr=2e-3, epochs=20,
              log_every=2, val_every=20, poison=[(480, 15, "inputs")], seeds=(1, 2),
              writers=(SW, SW), acceptable=["healthy"]),
            R(S, "cosine-cut25", T, **ae, model=big, batch=32, lr=3e-4, sched="cosine",
              planned=2400, epochs=None, max_steps=600, log_every=10, ema=0.9, val_every=30,
              seeds=(1, 2), writers=(SW, LC), amp=True, acceptable=["underfitting"]),
            R(INS, "stopped30", T, **ae, model=big, batch=32, lr=2e-3, epochs=None,
              max_steps=30, log_every=10, ema=0.9, val_every=15, seeds=(1, 2),
              writers=(SW, LC)),
        ]
    # after the first pass: a linear model is enough for the bags and the glyphs, and a 1-unit
    # code still creeps down after 25 epochs: 2-unit MLPs / the 1-unit code trained 60-80
    # epochs; Adam 0.02 at batch 4 bounced the tagger only 13-15% and killed the autoencoder:
    # Adam 0.05; x100 bumps and x10 inputs broke the models for good (diverging): x10 bumps
    # for 3 steps under clipping, random-target batches for the autoencoder
    for T, ep in (("b32_tagbag", 60), ("b32_glyph", 60), ("b32_ae_img", 80)):
        ae = {"arch": "ae"} if T == "b32_ae_img" else {}
        out += [
            R(U, f"tiny-e{ep}", T, **ae, model="tiny", batch=32, lr=3e-3, epochs=ep,
              log_every=10, ema=0.9, val_step="epoch", scalars=T == "b32_glyph",
              seeds=(1, 2) if T != "b32_ae_img" else (1,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "lrbump3-x10-clip1", T, **ae, model="medium", batch=32, lr=2e-3, epochs=20,
              log_every=2, val_every=20, bumps=[(500, 3, 10)], clip=1.0, amp=True,
              seeds=(1,), writers=(SW,), acceptable=["healthy"]),
        ]
        if T != "b32_ae_img":
            out.append(R(E, "adam0.05-b4", T, model="medium", batch=4, lr=0.05, epochs=None,
                         max_steps=1200, log_every=10, val_every=40, seeds=(1, 2),
                         writers=(SW,), acceptable=["diverging", "underfitting"]))
    out.append(R(P, "poison-targets5", "b32_ae_img", arch="ae", model="medium", batch=32,
                 lr=2e-3, epochs=20, log_every=2, val_every=20, poison=[(480, 5, "labels")],
                 seeds=(1, 2, 3), writers=(SW,), scalars=True, acceptable=["healthy"]))
    # after the second pass: Adam 0.05 at batch 4 still moved val only 8-15% between evals
    # (healthy / overfitting): SGD 0.5 with momentum at batch 4 without clipping, val every 25
    # steps on the classifiers, Adam 5e-3 at batch 4 on the autoencoder
    for T in DEV32_TASKS:
        kw = ({"arch": "ae", "lr": 5e-3} if T == "b32_ae_img"
              else {"opt": "sgd", "lr": 0.5, "momentum": 0.9})
        out.append(R(E, "hot-b4-val25", T, model="medium", batch=4, epochs=None,
                     max_steps=800, log_every=5, val_every=25, seeds=(1, 2), writers=(SW, LC),
                     acceptable=["diverging", "underfitting", "healthy"], **kw))
    # after the third pass: SGD 0.5 killed the classifiers (to chance or NaN): Adam 0.03 at
    # batch 4 judged on 60 val examples, as small research val splits are
    for T in ("b32_tagbag", "b32_glyph"):
        out.append(R(E, "adam0.03-b4-val60", T, model="medium", batch=4, lr=0.03, n_val=60,
                     epochs=None, max_steps=1000, log_every=10, ema=0.9, val_every=50,
                     seeds=(1, 2), writers=(SW,), acceptable=["healthy", "overfitting"]))
    return out


def b32_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list:
    """b32_recipes() expanded as b30_all_recipes expands its batch (the batch's own index for
    the per-recipe settings: lr_monitor, on_epoch, tag style)."""
    return expand_varied(b32_recipes(), seeds, all_seeds, heavy_first=False)


add_batch(b32_all_recipes)


# ----------------------------------------------------------------------------- thirty-first batch
# Lightning as people use it (tasks.DEV31_TASKS: shape_rgb16, spectro2d, tab_mixed): a
# LightningModule with torchmetrics Accuracy / F1Score objects logged by self.log (train_acc per
# epoch, val_acc and macro val_f1), train_loss on_step and on_epoch (train_loss_step and
# train_loss_epoch), val_check_interval 0.25 / 0.5 or check_val_every_n_epoch 2-3,
# log_every_n_steps 5-50, ModelCheckpoint(monitor="val_acc", mode="max"), EarlyStopping on
# val_loss or val_acc, LearningRateMonitor, gradient_clip_val, accumulate_grad_batches; beside
# them SummaryWriter loops (val macro-F1 from torchmetrics). Kept in one block at the end of the
# file: run_lightning / f1_metric / how_logged are wrapped for these tasks only and the batch's
# recipes are expanded by their own index (b31_all_recipes) after every earlier recipe.
from tasks import DEV31_TASKS  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV31_TASKS
_b31_prev_run_lightning = run_lightning
_b31_prev_f1_metric = f1_metric
_b31_prev_how_logged = how_logged


@dataclass
class B31Recipe(Recipe):
    """A thirty-first-batch recipe: es_monitor is the EarlyStopping monitor (val_loss, min, or
    val_acc, max) when early_stop is set."""
    es_monitor: str = "val_loss"


def b31_cnn(n_out, width, seed):
    """A small CNN on a 16x16x3 image flattened channel-last (shape_rgb16): two 3x3 conv +
    ReLU + max-pool blocks (width, 2 x width channels), a 64-unit hidden layer, the logits."""
    import torch
    nn = torch.nn
    torch.manual_seed(seed)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.f = nn.Sequential(
                nn.Conv2d(3, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Flatten(), nn.Linear(2 * width * 16, 64), nn.ReLU(), nn.Linear(64, n_out))

        def forward(self, x):
            return self.f(x.view(-1, tasks_mod.B31_IMG, tasks_mod.B31_IMG, 3).permute(0, 3, 1, 2))
    return Net()


_b31_prev_build_model = build_model
_b31_prev_describe = describe
_b31_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """The earlier text, with the thirty-first batch's EarlyStopping monitor as written."""
    s = _b31_prev_cause(r, task)
    if r.task in DEV31_TASKS and r.early_stop:
        s = s.replace("EarlyStopping on val_loss (", f"EarlyStopping on {r.es_monitor} (")
    return s


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, with the thirty-first batch's CNN on its model line."""
    s = _b31_prev_describe(r, task)
    if r.arch != "b31_cnn":
        return s
    net = build_model(r, task)
    n_par = sum(p.numel() for p in net.parameters())
    return "\n".join(f"model: b31_cnn size={r.model} params={n_par}: 2 conv 3x3 + max-pool blocks "
                     f"on 3x16x16, Linear 64, logits" if ln.startswith("model") else ln
                     for ln in s.split("\n"))


def build_model(r: Recipe, task):  # noqa: F811  (the thirty-first batch's CNN first)
    """arch "b31_cnn": b31_cnn (width 4 / 8 / 16 / 32 for tiny / small / medium / wide); else the
    earlier build_model."""
    if r.arch == "b31_cnn":
        return b31_cnn(task.n_classes, {"tiny": 4, "small": 8, "medium": 16, "wide": 32}[r.model],
                       r.seed)
    return _b31_prev_build_model(r, task)


def f1_metric(task, out, y) -> list:  # noqa: F811  (the thirty-first batch's metric first)
    """Thirty-first batch: [("f1", torchmetrics macro-F1 over the classes)]; else the earlier."""
    if task.name in DEV31_TASKS:
        from torchmetrics.functional.classification import multiclass_f1_score
        return [("f1", float(multiclass_f1_score(out, y, num_classes=task.n_classes,
                                                  average="macro")))]
    return _b31_prev_f1_metric(task, out, y)


def b31_run_lightning(r: Recipe, task, out: Path):
    """The thirty-first batch's LightningModule + Trainer (CSVLogger or TensorBoardLogger), with
    torchmetrics objects, EarlyStopping on r.es_monitor, ModelCheckpoint on val_acc."""
    import lightning as L
    import torch
    import torchmetrics
    from lightning.pytorch.callbacks import EarlyStopping, LearningRateMonitor
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger

    L.seed_everything(r.seed, verbose=False)
    total = total_steps(task, r)
    k = task.n_classes

    class Module(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.model = build_model(r, task)
            self.gen = torch.Generator().manual_seed(r.seed + 7)
            self.train_acc = torchmetrics.Accuracy(task="multiclass", num_classes=k)
            self.val_acc = torchmetrics.Accuracy(task="multiclass", num_classes=k)
            self.val_f1 = torchmetrics.F1Score(task="multiclass", num_classes=k, average="macro")

        def training_step(self, batch, batch_idx):
            x, y = poison_batch(task, r, self.global_step, *batch, self.gen)
            pred = self.model(x)
            loss = torch.nn.functional.cross_entropy(pred, y)
            self.train_acc(pred, y)
            self.log("train_loss", loss, on_step=r.train_log != "epoch",
                     on_epoch=r.on_epoch or r.train_log in ("epoch", "both"), prog_bar=True)
            self.log("train_acc", self.train_acc, on_step=False, on_epoch=True)
            return loss

        def validation_step(self, batch, batch_idx):
            x, y = batch
            pred = self.model(x)
            self.val_acc(pred, y)
            self.val_f1(pred, y)
            self.log("val_loss", torch.nn.functional.cross_entropy(pred, y), prog_bar=True)
            self.log("val_acc", self.val_acc, prog_bar=True)
            self.log("val_f1", self.val_f1)

        def configure_optimizers(self):
            opt = make_optimizer(r, self.parameters())
            if r.sched == "plateau":
                sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=r.gamma,
                                                                   patience=r.patience)
                return {"optimizer": opt,
                        "lr_scheduler": {"scheduler": sched, "monitor": "val_loss",
                                         "interval": "epoch", "frequency": r.val_epochs}}
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
            return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}

    xtr, ytr, xva, yva = tensors(task)
    dl_train = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr),
                                           batch_size=r.batch, shuffle=True,
                                           generator=torch.Generator().manual_seed(r.seed))
    dl_val = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xva, yva), batch_size=100)
    if r.writer == "lightning_csv":
        logger = CSVLogger(str(out), name="", version="", flush_logs_every_n_steps=1000)
    else:
        logger = TensorBoardLogger(str(out), name="", version="", default_hp_metric=False)
    callbacks = [LearningRateMonitor(logging_interval="step")] if r.lr_monitor else []
    if r.early_stop:
        callbacks.append(EarlyStopping(monitor=r.es_monitor, patience=r.early_stop,
                                       mode="max" if r.es_monitor == "val_acc" else "min"))
    callbacks += checkpoint_callbacks(r, out)
    if isinstance(r.val_every, float):          # val inside an epoch
        val_kw = {"val_check_interval": r.val_every, "check_val_every_n_epoch": 1}
    elif r.val_every:
        val_kw = {"val_check_interval": r.val_every, "check_val_every_n_epoch": None}
    else:
        val_kw = {"check_val_every_n_epoch": r.val_epochs}
    extra_kw = {"accumulate_grad_batches": r.accum} if r.accum > 1 else {}
    trainer = L.Trainer(
        max_epochs=-1 if r.max_steps else r.epochs, max_steps=r.max_steps or -1,
        accelerator="cpu", devices=1, logger=logger, callbacks=callbacks,
        log_every_n_steps=r.log_every, gradient_clip_val=r.clip,
        enable_checkpointing=bool(r.ckpt_monitor), enable_progress_bar=False,
        enable_model_summary=False, num_sanity_val_steps=0, deterministic=True, **val_kw,
        **extra_kw)
    trainer.fit(Module(), dl_train, dl_val)
    for p in (out / "checkpoints").glob("*.ckpt"):  # weights not kept
        p.unlink()


# b31_run_lightning on a thirty-first-batch task, else the earlier run_lightning.
run_lightning = for_tasks(DEV31_TASKS, b31_run_lightning, _b31_prev_run_lightning)


def how_logged(r: Recipe) -> str:  # noqa: F811
    """The earlier text; for a thirty-first-batch Lightning run the module's logging and the
    Trainer's settings as written."""
    if r.task not in DEV31_TASKS:
        return _b31_prev_how_logged(r)
    if r.writer == "summarywriter":
        return _b31_prev_how_logged(r) + "; val macro-F1 from torchmetrics beside the accuracy"
    on_step, on_epoch = r.train_log != "epoch", r.on_epoch or r.train_log in ("epoch", "both")
    s = f"self.log('train_loss', on_step={on_step}, on_epoch={on_epoch})"
    s += (" -> train_loss_step and train_loss_epoch" if on_step and on_epoch
          else " -> train_loss per epoch" if on_epoch else " -> train_loss per logged step")
    s += ("; torchmetrics Accuracy objects: train_acc on_epoch, val_acc, val_f1 (F1Score macro),"
          " val_loss on_epoch")
    s += f"; Trainer(log_every_n_steps={r.log_every}"
    if isinstance(r.val_every, float):
        s += f", val_check_interval={r.val_every}"
    elif r.val_every:
        s += f", val_check_interval={r.val_every} (steps), check_val_every_n_epoch=None"
    else:
        s += f", check_val_every_n_epoch={r.val_epochs}"
    if r.clip:
        s += f", gradient_clip_val={r.clip}"
    if r.accum > 1:
        s += f", accumulate_grad_batches={r.accum}"
    if r.max_steps:
        s += f", max_steps={r.max_steps}"
    s += ")"
    if r.early_stop:
        s += f"; EarlyStopping(monitor={r.es_monitor!r}, patience={r.early_stop})"
    if r.ckpt_monitor:
        s += f"; ModelCheckpoint(monitor={r.ckpt_monitor!r}, mode='max')"
    if r.lr_monitor:
        s += "; LearningRateMonitor(logging_interval='step')"
    return s


def dev31_recipes() -> list[Recipe]:
    """Thirty-first dev batch (shape_rgb16, spectro2d, tab_mixed): Lightning as people use it.
    Steps per epoch at batch 32: shape_rgb16 63, spectro2d 157, tab_mixed 75. The spectro2d
    MLP memorises its 384 noisy bins within 3-4 epochs (val loss best at 0.53-0.6), so its
    healthy recipes are a small MLP with dropout 0.2 and weight decay for 8 epochs."""
    R = B31Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    for T, spe in (("shape_rgb16", 63), ("spectro2d", 157), ("tab_mixed", 75)):
        # shape_rgb16: a small CNN (an MLP on the pixels stays near chance or memorises)
        B = {"model": "medium", "batch": 32, "train_log": "both", "ckpt_monitor": "val_acc",
             "arch": "b31_cnn" if T == "shape_rgb16" else None}
        spec = T == "spectro2d"
        HB = dict(B, model="small", dropout=0.2, wd=0.01) if spec else B
        eh = 8 if spec else 25          # healthy epochs
        ep = 8 if spec else 16          # loss_spike epochs
        out += [
            R(H, "adam1e-3-vci0.5-es-valloss", T, **HB, lr=1e-3, epochs=eh, val_every=0.5,
              early_stop=6, log_every=10, lr_monitor=True, seeds=(1, 2, 3),
              writers=(LC, LT, SW), style="slash", acceptable=["still_improving"]),
            R(H, "adamw-cosine-cv2-accum2-clip", T, **dict(HB, wd=0.01), opt="adamw", lr=2e-3,
              sched="cosine", warmup=30, epochs=eh - 2 if spec else 24, val_epochs=2, accum=2,
              clip=1.0, early_stop=4, es_monitor="val_acc", log_every=25, lr_monitor=True,
              seeds=(1, 2, 3), writers=(LT, LC, LC), acceptable=["still_improving"]),
            R(OV, "wide-n150-noise20-cv3", T, **dict(B, model="wide", arch=None), n_train=150,
              label_noise=0.2, lr=1e-3, epochs=150, val_epochs=3, log_every=5,
              seeds=(1, 2, 3), writers=(LC, LT, SW), style="Loss"),
            R(U, "tiny2-adam1e-3", T, **dict(B, model="tiny", arch=None), lr=1e-3,
              epochs=8 if spec else 20, val_every=0.5, log_every=10, seeds=(1, 2, 3),
              writers=(LT, LC, SW), style="lower", acceptable=["healthy"]),
            R(U, "sgd1e-4-nomom", T, **B, opt="sgd", momentum=0.0, lr=1e-4,
              epochs=6 if spec else 15, val_epochs=1, log_every=20, seeds=(1, 2),
              writers=(LC, LT)),
            R(E, "adam0.03-b8-vci0.25", T, **dict(B, batch=8), lr=0.03, epochs=2 if spec else 4,
              val_every=0.25, log_every=10, seeds=(1, 2), writers=(LC, LT),
              acceptable=["diverging", "underfitting"]),
            R(D, "adam1.0-noclip", T, **B, lr=1.0, epochs=4 if spec else 8, val_every=0.5,
              log_every=5, seeds=(1, 2), writers=(LT, SW), style="slash",
              acceptable=["erratic"]),
            R(P, "lrbump-x50-10", T, **HB, lr=1e-3, epochs=ep, val_every=0.25, log_every=5,
              bumps=[(spe * ep * 3 // 8, 10, 50)], seeds=(1, 2), writers=(LC, LT)),
            R(P, "poisonlabels-8", T, **HB, lr=1e-3, epochs=ep, val_every=0.25, log_every=5,
              poison=[(spe * ep * 7 // 16, 8, "labels")], seeds=(1, 2), writers=(LT, SW),
              style="slash"),
            R(S, "adam1e-4-cosine-cut", T, **B, lr=1e-4, sched="cosine", warmup=30,
              planned=spe * 30, epochs=None, max_steps=spe * (2 if spec else 5),
              val_every=0.5, log_every=10, seeds=(1, 2, 3), writers=(LC, LT, SW),
              style="slash", acceptable=["underfitting"]),
            R(INS, "max-steps20", T, **B, lr=1e-3, epochs=None, max_steps=20, val_every=20,
              log_every=50, seeds=(1,), writers=(LC,)),
        ]
    # after the first pass: Adam 1.0 from the first step never learns (underfitting by the
    # check) and Adam 0.03 at batch 8 bounces under 15%; an LR jump x1000 after the model has
    # learned (diverging) and Adam 0.1 at batch 4 (erratic) instead
    for T, spe in (("shape_rgb16", 63), ("spectro2d", 157), ("tab_mixed", 75)):
        B = {"model": "medium", "batch": 32, "train_log": "both", "ckpt_monitor": "val_acc",
             "arch": "b31_cnn" if T == "shape_rgb16" else None}
        out += [
            R(D, "lrjump-x1000", T, **B, lr=1e-3, sched="jump", jump=(spe * 3, 1000),
              epochs=8, val_every=0.5, log_every=5, seeds=(1, 2), writers=(LC, LT)),
        ]
        if T != "shape_rgb16":
            out += [
                R(E, "adam0.1-b4-vci0.25", T, **dict(B, batch=4), lr=0.1, epochs=1,
                  val_every=0.1, log_every=20, seeds=(1, 2), writers=(LC, LT),
                  acceptable=["diverging", "underfitting"]),
            ]
    # after the second pass: Adam 0.1 at batch 4 kills the MLPs (flat at chance); Adam 0.01 at
    # batch 4 for the erratic runs
    for T in ("spectro2d", "tab_mixed"):
        out += [
            R(E, "adam0.01-b4-vci0.25", T, model="medium", batch=4, train_log="both",
              ckpt_monitor="val_acc", lr=0.01, epochs=1, val_every=0.1, log_every=20,
              seeds=(1, 2), writers=(LT, LC), acceptable=["healthy", "underfitting"]),
        ]
    return out


def b31_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
    """dev31_recipes() expanded as all_recipes() expands the others, with the batch's own index
    for the per-recipe settings (tag style)."""
    out = []
    for i, r in enumerate(dev31_recipes()):
        for s in seeds:
            if r.seeds and s not in r.seeds:
                continue
            w = r.writers[(s - 1) % len(r.writers)] if r.writers else WRITERS[(i + s) % 3]
            style, val_step, train_log = (_per_seed(v, s)
                                          for v in (r.style, r.val_step, r.train_log))
            if w != "summarywriter":
                style, val_step = "", "step"
            elif train_log == "both":
                train_log = "step"
            out.append(replace(r, seed=s, writer=w, tags=style or list(TAG_STYLES)[(i + s) % 3],
                               style=style, val_step=val_step or "step", train_log=train_log,
                               on_epoch=train_log == "both", lr_monitor=r.lr_monitor))
    return out


add_batch(b31_all_recipes)


# ----------------------------------------------------------------------------- thirty-fourth batch
# SHORT EVERYDAY LOOPS (tasks.DEV34_TASKS: b34_textbag3, b34_points2d, b34_hetreg): per-epoch
# logging only (train and val once per epoch, 5-30 epochs), unlike the corpus the rules were tuned
# on: SummaryWriter loops that write the epoch's mean train loss and the val loss under
# "loss/train" and "loss/val" (and "acc/val" or "mae/val") at the 0-based epoch index, one resumed
# from a checkpoint after a crash (a second event file, epochs continue); Lightning with two val
# dataloaders (val_loss/dataloader_idx_0 and _1: the val set and the same set with input noise),
# trainer.test at the end, and runs resumed with trainer.fit(ckpt_path=...). Kept in one block at
# the end of the file: run_plain / run_lightning are wrapped for these tasks only and the batch's
# recipes are expanded by their own index (b34_all_recipes) after every earlier recipe.
from dataclasses import dataclass as _b34_dataclass  # noqa: E402,I001

from tasks import DEV34_TASKS  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV34_TASKS
REG_TASKS = REG_TASKS + ("b34_hetreg",)
_b34_prev_run_plain = run_plain
_b34_prev_run_lightning = run_lightning
_b34_prev_describe = describe


@_b34_dataclass
class B34Recipe(Recipe):
    """A thirty-fourth batch torch run: per-epoch logging, a resume, two val loaders, a test."""
    resume_epoch: int = 0       # crash after this many epochs, resume from the checkpoint
    two_val: bool = False       # Lightning: a second val loader (the val set + N(0, 0.3^2))
    test_end: bool = False      # Lightning: trainer.test on the val set at the end


def _b34_sw_tags(task):
    return "loss/train", "loss/val", ("mae/val" if task.kind == "regression" else "acc/val")


def b34_run_plain(r, task, out: Path):
    """The everyday loop: for epoch in range(E): train, then the epoch's mean train loss and
    the val loss / metric at the epoch index; with resume_epoch a checkpoint after that epoch,
    a crash, and a new process (new SummaryWriter in the same folder) resuming from it."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    opt = make_optimizer(r, model.parameters())
    total = total_steps(task, r)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
    xtr, ytr, xva, yva = tensors(task)
    gen = torch.Generator().manual_seed(r.seed)
    t_loss, v_loss, v_met = _b34_sw_tags(task)
    w = SummaryWriter(str(out), flush_secs=30)
    step, n_epochs = 0, r.epochs or math.ceil(total / steps_per_epoch(task, r))
    epoch = 0
    while epoch < n_epochs and step < total:
        losses = []
        perm = torch.randperm(len(xtr), generator=gen)
        for i in range(0, len(xtr), r.batch):
            idx = perm[i:i + r.batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            loss, _, _ = loss_and_metric(task, model(x), y, r.smooth)
            opt.zero_grad()
            loss.backward()
            if r.clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip)
            opt.step()
            sched.step()
            step += 1
            losses.append(loss.item())
            if step >= total:
                break
        model.eval()
        with torch.no_grad():
            vl, m, val = loss_and_metric(task, model(xva), yva, r.smooth)
        model.train()
        w.add_scalar(t_loss, sum(losses) / len(losses), epoch)
        w.add_scalar(v_loss, vl.item(), epoch)
        w.add_scalar(v_met, val.item(), epoch)
        epoch += 1
        if r.resume_epoch and epoch == r.resume_epoch:     # crash, then resume from the file
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                        "sched": sched.state_dict(), "epoch": epoch, "step": step},
                       out / "ckpt.pt")
            w.close()
            ck = torch.load(out / "ckpt.pt")
            model = build_model(r, task)
            opt = make_optimizer(r, model.parameters())
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
            model.load_state_dict(ck["model"])
            opt.load_state_dict(ck["opt"])
            sched.load_state_dict(ck["sched"])
            epoch, step = ck["epoch"], ck["step"]
            (out / "ckpt.pt").unlink()
            time.sleep(1.1)                             # a new event file name
            w = SummaryWriter(str(out), flush_secs=30)
    w.close()


def b34_run_lightning(r, task, out: Path):
    """A LightningModule logging train_loss per epoch (on_step=False, on_epoch=True), two val
    loaders when r.two_val (val_loss/dataloader_idx_0 and _1), trainer.test at the end, and a
    resume: fit to resume_epoch, then a new Trainer fit(ckpt_path=last.ckpt) to r.epochs."""
    import lightning as L
    import torch
    from lightning.pytorch.callbacks import ModelCheckpoint
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger

    L.seed_everything(r.seed, verbose=False)
    total = total_steps(task, r)

    class Module(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.model = build_model(r, task)
            self.gen = torch.Generator().manual_seed(r.seed + 7)

        def training_step(self, batch, batch_idx):
            x, y = poison_batch(task, r, self.global_step, *batch, self.gen)
            loss, _, _ = loss_and_metric(task, self.model(x), y, r.smooth)
            self.log("train_loss", loss, on_step=False, on_epoch=True)
            return loss

        def _eval(self, batch, prefix):
            loss, m, val = loss_and_metric(task, self.model(batch[0]), batch[1], r.smooth)
            self.log(f"{prefix}_loss", loss, on_epoch=True)
            self.log(f"{prefix}_{'mae' if m == 'mae' else 'acc'}", val, on_epoch=True)

        def validation_step(self, batch, batch_idx, dataloader_idx=0):
            self._eval(batch, "val")

        def test_step(self, batch, batch_idx):
            self._eval(batch, "test")

        def configure_optimizers(self):
            opt = make_optimizer(r, self.parameters())
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
            return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}

    xtr, ytr, xva, yva = tensors(task)
    ds = torch.utils.data.TensorDataset
    dl_train = torch.utils.data.DataLoader(ds(xtr, ytr), batch_size=r.batch, shuffle=True,
                                           generator=torch.Generator().manual_seed(r.seed))
    dl_val = [torch.utils.data.DataLoader(ds(xva, yva), batch_size=len(xva))]
    if r.two_val:
        noisy = xva + 0.3 * torch.randn(xva.shape, generator=torch.Generator().manual_seed(34))
        dl_val.append(torch.utils.data.DataLoader(ds(noisy, yva), batch_size=len(xva)))

    def trainer(epochs):
        logger = (CSVLogger(str(out), name="", version="") if r.writer == "lightning_csv"
                  else TensorBoardLogger(str(out), name="", version="", default_hp_metric=False))
        ck = ModelCheckpoint(dirpath=str(out / "checkpoints"), save_last=True, save_top_k=0)
        return L.Trainer(max_epochs=epochs, accelerator="cpu", devices=1, logger=logger,
                         callbacks=[ck], log_every_n_steps=r.log_every, gradient_clip_val=r.clip,
                         enable_progress_bar=False, enable_model_summary=False,
                         num_sanity_val_steps=0, deterministic=True)

    module = Module()
    if r.resume_epoch:
        trainer(r.resume_epoch).fit(module, dl_train, dl_val)
        module = Module()
        t = trainer(r.epochs)
        t.fit(module, dl_train, dl_val, ckpt_path=str(out / "checkpoints" / "last.ckpt"))
    else:
        t = trainer(r.epochs)
        t.fit(module, dl_train, dl_val)
    if r.test_end:
        t.test(module, torch.utils.data.DataLoader(ds(xva, yva), batch_size=len(xva)),
               verbose=False)
    for p in (out / "checkpoints").glob("*.ckpt"):
        p.unlink()


# Thirty-fourth batch: b34_run_plain; else the earlier run_plain.
run_plain = for_tasks(DEV34_TASKS, b34_run_plain, _b34_prev_run_plain)


# Thirty-fourth batch: b34_run_lightning; else the earlier run_lightning.
run_lightning = for_tasks(DEV34_TASKS, b34_run_lightning, _b34_prev_run_lightning)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the thirty-fourth batch how it was logged."""
    s = _b34_prev_describe(r, task)
    if r.task in DEV34_TASKS:
        s += ("everyday loop: train and val once per epoch"
              + (" (loss/train, loss/val at the 0-based epoch index)" if r.writer ==
                 "summarywriter" else " (train_loss on_epoch)")
              + ("; two val loaders (val set, val set + noise)" if r.two_val else "")
              + ("; trainer.test at the end" if r.test_end else "")
              + (f"; crashed after epoch {r.resume_epoch} and resumed from its checkpoint"
                 if r.resume_epoch else "") + "\n")
    return s


def b34_recipes() -> list:
    """Thirty-fourth dev batch (b34_textbag3, b34_points2d, b34_hetreg): per-epoch loops in
    SummaryWriter and Lightning (CSV). Regimes by their real causes: good settings (healthy), a
    wide MLP on 60-80 examples with noisy labels (overfitting), a linear / 2-unit model
    (underfitting), Adam 0.05-0.1 at batch 4-8 (erratic), SGD with an LR growing per step
    (diverging), an LR bump x50 or poisoned batches (loss_spike), Adam 1e-4 (still improving),
    runs stopped after 2-3 epochs (insufficient_data). Steps per epoch at batch 32: 38
    (textbag3), 47 (points2d), 25 (hetreg)."""
    R = B34Recipe
    SW, LC = "summarywriter", "lightning_csv"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    for T, spe, small in (("b34_textbag3", 38, "linear"), ("b34_points2d", 47, "tiny"),
                          ("b34_hetreg", 25, "tiny")):
        B = {"model": "medium", "batch": 32}
        out += [
            R(H, "adam-e20", T, **B, lr=2e-3, epochs=20, seeds=(1, 2, 3), writers=(SW, LC, SW),
              acceptable=["still_improving"]),
            R(H, "cosine-e25-2val-test", T, **B, lr=3e-3, sched="cosine", epochs=25, two_val=True,
              test_end=True, seeds=(1, 2), writers=(LC,), acceptable=["still_improving"]),
            R(H, "adam-e20-resume8", T, **B, lr=2e-3, epochs=20, resume_epoch=8, seeds=(1, 2),
              writers=(SW, LC), acceptable=["still_improving"]),
            R(OV, "wide-n60-noise-e30", T, model="wide", batch=8, n_train=60,
              label_noise=0.3 if T != "b34_hetreg" else 0.5, lr=3e-3, epochs=30,
              seeds=(1, 2, 3), writers=(SW, LC, SW)),
            R(U, "small-e15", T, model=small, batch=32, lr=3e-3, epochs=15, seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy"]),
            R(E, "adam0.05-b4", T, model="medium", batch=4, lr=0.05, epochs=10, seeds=(1, 2),
              writers=(SW, LC), acceptable=["diverging", "underfitting"]),
            R(D, "sgd-lrgrow", T, model="medium", batch=32, opt="sgd", lr=1e-3, sched="grow",
              grow=1.02, epochs=15, seeds=(1, 2), writers=(SW, LC)),
            R(P, "lrbump-x50", T, **B, lr=2e-3, epochs=20, bumps=[(spe * 10, 5, 50)],
              seeds=(1, 2), writers=(SW, LC), acceptable=["healthy", "diverging"]),
            R(S, "adam1e-4-e12", T, **B, lr=1e-4, epochs=12, seeds=(1, 2), writers=(SW, LC),
              acceptable=["underfitting"]),
            R(INS, "stopped-e3", T, **B, lr=2e-3, epochs=3, seeds=(1,), writers=(SW,)),
        ]
    # after the first pass: the medium MLP at Adam 2e-3 overfits the bags within 3-5 epochs
    # (labelled overfitting by the check: kept); a small MLP for 8-10 epochs for the healthy
    # bag runs. An LR bump x50 for 5 steps moved the point-cloud's epoch mean only 2.3x: x100
    # for 20 steps. The wide MLP on 60 noisy 1-D points was still improving at epoch 30: 30
    # points with noise sd 0.8 at batch 4. Adam 0.05 at batch 4 bounced the regression only
    # 4-5%: Adam 0.2 at batch 4.
    out += [
        R(H, "small-e8", "b34_textbag3", model="small", batch=32, lr=1e-3, epochs=8,
          seeds=(1, 2, 3), writers=(SW, LC, SW), acceptable=["still_improving", "overfitting"]),
        R(H, "small-e10-2val-test-resume4", "b34_textbag3", model="small", batch=32, lr=1e-3,
          epochs=10, two_val=True, test_end=True, resume_epoch=4, seeds=(1, 2), writers=(LC,),
          acceptable=["still_improving", "overfitting"]),
        R(P, "lrbump-x100-20", "b34_points2d", model="medium", batch=32, lr=2e-3, epochs=20,
          bumps=[(470, 20, 100)], seeds=(1, 2), writers=(SW, LC),
          acceptable=["healthy", "diverging"]),
        R(OV, "wide-n30-noise0.8-b4-e30", "b34_hetreg", model="wide", batch=4, n_train=30,
          label_noise=0.8, lr=3e-3, epochs=30, seeds=(1, 2, 3), writers=(SW, LC, SW)),
        R(E, "adam0.2-b4", "b34_hetreg", model="medium", batch=4, lr=0.2, epochs=10,
          seeds=(1, 2), writers=(SW, LC), acceptable=["diverging", "underfitting"]),
    ]
    return out


def b34_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list:
    """b34_recipes() expanded: each recipe's writers per seed."""
    out = []
    for r in b34_recipes():
        for s in seeds:
            if r.seeds and s not in r.seeds:
                continue
            out.append(replace(r, seed=s, writer=r.writers[(s - 1) % len(r.writers)]))
    return out


add_batch(b34_all_recipes)


# ----------------------------------------------------------------------------- thirty-third batch
# The torch share of the HF-Trainer batch (tasks.DEV33_TASKS: b33_credit, b33_sensor, b33_objpos;
# see gen_hf_keras.b33_dev33, where most of its runs are): SummaryWriter loops and Lightning
# CSVLogger runs of the same models (an MLP, a GRU over the sensor window, arch "rnn") with the
# base loops and recipe fields. Kept in one block at the end of the file; nothing earlier changes.
def b33_recipes() -> list[Recipe]:
    """Thirty-third dev batch, torch (63 steps per epoch at batch 32): good settings (healthy), a
    wide model on 150 rows with noisy labels (overfitting), a 2-unit model (underfitting), Adam
    0.03 at batch 8 (erratic), an LR jump x1000 after learning (diverging), an LR bump x50
    (loss_spike), a cosine run cut at 2/15 (still_improving)."""
    SW, LC = "summarywriter", "lightning_csv"
    out = []
    for T, arch in (("b33_credit", None), ("b33_sensor", "rnn"), ("b33_objpos", None)):
        reg = T == "b33_objpos"
        B = {"model": "medium", "batch": 32, "arch": arch}
        out += [
            Recipe("healthy", "adamw-cosine-e12", T, **B, opt="adamw", wd=0.01,
                   lr=2e-3 if arch else 1e-3, sched="cosine", warmup=30, epochs=12,
                   log_every=10, seeds=(1, 2), writers=(SW, LC), acceptable=["still_improving"]),
            Recipe("overfitting", "wide-n150-noisy", T, **dict(B, model="wide"), n_train=150,
                   label_noise=0.5 if reg else 0.2, lr=2e-3, epochs=100, log_every=5,
                   seeds=(1,), writers=(LC,)),
            Recipe("underfitting", "tiny2", T, **dict(B, model="tiny"), lr=3e-4, epochs=10,
                   log_every=10, seeds=(1,), writers=(SW,),
                   acceptable=["still_improving", "healthy"]),
            Recipe("erratic", "adam0.03-b8", T, **dict(B, batch=8), lr=0.03, epochs=3,
                   log_every=20, val_every=50, seeds=(1,), writers=(LC,),
                   acceptable=["underfitting", "diverging"]),
            Recipe("diverging", "lrjump-x1000", T, **B, lr=1e-3, sched="jump", jump=(63 * 4, 1000),
                   epochs=8, log_every=5, val_every=30, seeds=(1,), writers=(SW,),
                   acceptable=["underfitting"]),
            Recipe("loss_spike", "lrbump-x50-10", T, **B, lr=1e-3, epochs=12, log_every=5,
                   val_every=20, bumps=[(63 * 6, 10, 50)], seeds=(1,), writers=(LC,)),
            Recipe("still_improving", "cosine-cut-2of15", T, **B, lr=1e-4, sched="cosine",
                   warmup=30, planned=63 * 15, max_steps=63 * 2, epochs=2, log_every=5,
                   val_every=20, seeds=(1,), writers=(SW,), acceptable=["underfitting"]),
        ]
    # after the first pass: the wide MLP on 150 rows does not overfit the position regression
    out += [Recipe("overfitting", "wide-n60-noisy1.0", "b33_objpos", model="wide", batch=16,
                   n_train=60, label_noise=1.0, lr=2e-3, epochs=300, log_every=5,
                   seeds=(1,), writers=("lightning_csv",))]
    out += [Recipe("insufficient_data", "max-steps12", T, model="medium", batch=32, arch=arch,
                   lr=1e-3, max_steps=12, epochs=1, log_every=5, val_every=10, seeds=(1,),
                   writers=("summarywriter",))
            for T, arch in (("b33_credit", None), ("b33_sensor", "rnn"))]
    return out


add_batch_by_writers(b33_recipes, lr_monitor=False)



# ----------------------------------------------------------------------------- thirty-fifth batch
# SCHEDULES AND LOSSES WITH THEIR OWN SHAPES (tasks.DEV35_TASKS: b35_cls6, b35_quant4,
# b35_nllreg): torch's own schedulers in a SummaryWriter loop and in Lightning (CSV / TB):
# CosineAnnealingWarmRestarts with T_mult 2 (SGDR: the loss jumps at each restart, the cycles
# double), OneCycleLR, linear warm-up then linear decay, ReduceLROnPlateau on the val loss
# (sudden drops), label smoothing and mixup (the train loss floors well above zero) and a
# Gaussian NLL that goes negative (b35_nllreg). Kept in one block at the end of the file:
# run_plain / run_lightning are wrapped for these tasks only and the batch's recipes are
# expanded by their own index (b35_all_recipes) after every earlier recipe.
from dataclasses import dataclass as _b35_dataclass  # noqa: E402,I001

from tasks import DEV35_TASKS  # noqa: E402

_b35_prev_run_plain = run_plain
_b35_prev_run_lightning = run_lightning
_b35_prev_describe = describe


@_b35_dataclass
class B35Recipe(Recipe):
    """A thirty-fifth batch torch run: a torch scheduler, mixup, label smoothing."""
    b35_sched: str = "const"    # const | sgdr | onecycle | warmlin | plateau
    t0: int = 0                 # sgdr: the first cycle in steps (T_mult 2)
    mixup: float = 0.0          # mixup Beta(a, a) on the train batches (0: off)


def _b35_scheduler(r, opt, total):
    """The run's torch scheduler (stepped per optimiser step; plateau per evaluation)."""
    import torch
    S = torch.optim.lr_scheduler
    if r.b35_sched == "sgdr":
        return S.CosineAnnealingWarmRestarts(opt, T_0=r.t0, T_mult=2, eta_min=r.lr * 0.01)
    if r.b35_sched == "onecycle":
        return S.OneCycleLR(opt, max_lr=r.lr, total_steps=total + 1)
    if r.b35_sched == "warmlin":
        w = r.warmup or max(1, total // 10)
        return S.LambdaLR(opt, lambda s: (s + 1) / w if s < w
                          else max(0.01, 1 - (s - w) / max(1, total - w)))
    if r.b35_sched == "plateau":
        return S.ReduceLROnPlateau(opt, factor=r.gamma, patience=r.patience)
    return S.LambdaLR(opt, lambda s: 1.0)


def _b35_train_loss(r, task, model, x, y, gen):
    """The train loss with mixup (a Beta(a, a) blend of the batch and a shuffled copy, the loss
    blended likewise) and label smoothing; else loss_and_metric's."""
    import torch
    if r.mixup and task.kind == "classification":
        lam = float(torch.distributions.Beta(r.mixup, r.mixup).sample())
        perm = torch.randperm(len(x), generator=gen)
        out = model(lam * x + (1 - lam) * x[perm])
        f = torch.nn.functional.cross_entropy
        return (lam * f(out, y, label_smoothing=r.smooth)
                + (1 - lam) * f(out, y[perm], label_smoothing=r.smooth))
    return loss_and_metric(task, model(x), y, r.smooth)[0]


def _b35_bump(r, step):
    m = 1.0
    for start, length, fac in r.bumps:
        if start <= step < start + length:
            m *= fac
    return m


def b35_run_plain(r, task, out: Path):
    """A SummaryWriter loop: train loss every log_every steps and lr at the global step, val loss
    and metric every val_every steps (default: each epoch); the scheduler stepped per step
    (ReduceLROnPlateau per evaluation, on the val loss); LR bumps scale the LR for their steps."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    opt = make_optimizer(r, model.parameters())
    total = total_steps(task, r)
    sched = _b35_scheduler(r, opt, r.planned or total)
    xtr, ytr, xva, yva = tensors(task)
    gen = torch.Generator().manual_seed(r.seed)
    tags = TAG_STYLES[r.tags]
    spe = steps_per_epoch(task, r)
    every = r.val_every or spe
    w = SummaryWriter(str(out), flush_secs=30)
    step = 0
    while step < total:
        perm = torch.randperm(len(xtr), generator=gen)
        for i in range(0, len(xtr), r.batch):
            idx = perm[i:i + r.batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            loss = _b35_train_loss(r, task, model, x, y, gen)
            opt.zero_grad()
            loss.backward()
            if r.clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip)
            fac = _b35_bump(r, step)
            base = [g["lr"] for g in opt.param_groups]
            for g in opt.param_groups:
                g["lr"] *= fac
            opt.step()
            for g, b in zip(opt.param_groups, base):
                g["lr"] = b
            if r.b35_sched != "plateau":
                sched.step()
            step += 1
            if step % r.log_every == 0:
                w.add_scalar(tags[0], loss.item(), step)
                w.add_scalar(tags[3], base[0] * fac, step)
            if step % every == 0 or step == total:
                model.eval()
                with torch.no_grad():
                    vl, m, val = loss_and_metric(task, model(xva), yva, r.smooth)
                model.train()
                w.add_scalar(tags[1], vl.item(), step)
                w.add_scalar(tags[2].format(m=m, M=m.capitalize()), val.item(), step)
                if r.b35_sched == "plateau":
                    sched.step(vl.item())
            if step >= total:
                break
    w.close()


def b35_run_lightning(r, task, out: Path):
    """A LightningModule logging train_loss per step (log_every_n_steps), val_loss / val_acc (or
    val_mae) every epoch or every val_every steps (val_check_interval), an lr monitor, and the
    torch scheduler from configure_optimizers (ReduceLROnPlateau monitors val_loss)."""
    import lightning as L
    import torch
    from lightning.pytorch.callbacks import LearningRateMonitor
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger

    L.seed_everything(r.seed, verbose=False)
    total = total_steps(task, r)

    class Module(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.model = build_model(r, task)
            self.gen = torch.Generator().manual_seed(r.seed + 7)

        def training_step(self, batch, batch_idx):
            x, y = poison_batch(task, r, self.global_step, *batch, self.gen)
            loss = _b35_train_loss(r, task, self.model, x, y, self.gen)
            self.log("train_loss", loss)
            return loss

        def validation_step(self, batch, batch_idx):
            loss, m, val = loss_and_metric(task, self.model(batch[0]), batch[1], r.smooth)
            self.log("val_loss", loss, on_epoch=True)
            self.log(f"val_{'mae' if m == 'mae' else 'acc'}", val, on_epoch=True)

        def configure_optimizers(self):
            opt = make_optimizer(r, self.parameters())
            sched = _b35_scheduler(r, opt, r.planned or total)
            if r.b35_sched == "plateau":
                return {"optimizer": opt, "lr_scheduler": {"scheduler": sched,
                                                           "monitor": "val_loss"}}
            return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}

    xtr, ytr, xva, yva = tensors(task)
    ds = torch.utils.data.TensorDataset
    dl_train = torch.utils.data.DataLoader(ds(xtr, ytr), batch_size=r.batch, shuffle=True,
                                           generator=torch.Generator().manual_seed(r.seed))
    dl_val = torch.utils.data.DataLoader(ds(xva, yva), batch_size=len(xva))
    logger = (CSVLogger(str(out), name="", version="") if r.writer == "lightning_csv"
              else TensorBoardLogger(str(out), name="", version="", default_hp_metric=False))
    kw = {"val_check_interval": r.val_every} if r.val_every else {}
    t = L.Trainer(max_epochs=r.epochs, max_steps=r.max_steps or -1, accelerator="cpu", devices=1,
                  logger=logger, callbacks=[LearningRateMonitor("step")],
                  log_every_n_steps=r.log_every, gradient_clip_val=r.clip,
                  enable_progress_bar=False, enable_model_summary=False, enable_checkpointing=False,
                  num_sanity_val_steps=0, deterministic=True, **kw)
    t.fit(Module(), dl_train, dl_val)


# Thirty-fifth batch: b35_run_plain; else the earlier run_plain.
run_plain = for_tasks(DEV35_TASKS, b35_run_plain, _b35_prev_run_plain)


# Thirty-fifth batch: b35_run_lightning; else the earlier run_lightning.
run_lightning = for_tasks(DEV35_TASKS, b35_run_lightning, _b35_prev_run_lightning)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the thirty-fifth batch its schedule and loss."""
    s = _b35_prev_describe(r, task)
    if r.task in DEV35_TASKS:
        sch = {"const": "constant LR", "sgdr": f"CosineAnnealingWarmRestarts(T_0={r.t0}, "
               "T_mult=2)", "onecycle": "OneCycleLR", "warmlin": "linear warm-up then linear "
               "decay", "plateau": f"ReduceLROnPlateau(factor={r.gamma}, patience={r.patience}) "
               "on the val loss"}[r.b35_sched]
        s += (f"thirty-fifth batch: {sch}"
              + (f"; mixup alpha {r.mixup}" if r.mixup else "")
              + (f"; label smoothing {r.smooth}" if r.smooth else "")
              + ("; Gaussian NLL (mean, softplus variance)" if task.kind == "hetero" else "")
              + "\n")
    return s


_b35_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """The earlier cause; a thirty-fifth batch run names its torch scheduler, mixup and label
    smoothing instead of the base schedule."""
    s = _b35_prev_cause(r, task)
    if r.task not in DEV35_TASKS:
        return s
    sch = {"const": "constant LR", "sgdr": f"CosineAnnealingWarmRestarts (T_0 {r.t0}, T_mult 2)",
           "onecycle": "OneCycleLR", "warmlin": "linear warm-up then linear decay",
           "plateau": f"ReduceLROnPlateau (x{r.gamma:g}, patience {r.patience})"}[r.b35_sched]
    if r.planned:
        sch += f" planned for {r.planned} steps"
    s = s.replace(f", {r.sched} schedule", f", {sch}", 1)
    extra = (f", mixup alpha {r.mixup:g}" if r.mixup else "") + (
        f", label smoothing {r.smooth:g}" if r.smooth else "") + (
        ", Gaussian NLL" if task.kind == "hetero" else "")
    return s + extra


def b35_recipes() -> list:
    """Thirty-fifth dev batch (b35_cls6, b35_quant4, b35_nllreg; 63 steps per epoch at batch 32).
    Regimes by their real causes: good settings under SGDR / OneCycle / warm-up + decay /
    ReduceLROnPlateau, with label smoothing and mixup on the classifiers (healthy), a wide MLP on
    150 rows with noisy labels trained long (overfitting), a linear / 2-unit model
    (underfitting), Adam 0.05 at batch 4 (erratic), OneCycle with max_lr far too high
    (diverging), an LR bump x50 for 10 steps or random-label batches (loss_spike), a warm-up +
    decay run cut at 4 of 30 epochs (still_improving), a run stopped after 20 steps
    (insufficient_data)."""
    R = B35Recipe
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    for T in DEV35_TASKS:
        cls = T != "b35_nllreg"
        reg = {} if cls else {"smooth": 0.0}
        sm = {"smooth": 0.1} if cls else {}
        B = {"model": "medium", "batch": 32, "log_every": 5}
        out += [
            R(H, "sgdr-t2ep-e30", T, **B, **sm, lr=3e-3, b35_sched="sgdr", t0=126, epochs=30,
              mixup=0.2 if T == "b35_cls6" else 0.0, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving"]),
            R(H, "onecycle-e20", T, **B, **sm, lr=3e-3, b35_sched="onecycle", epochs=20,
              seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
            R(H, "plateau-e30", T, **B, **sm, lr=3e-3, b35_sched="plateau", gamma=0.1,
              patience=2, epochs=30, seeds=(1, 2), writers=(SW, LC),
              acceptable=["still_improving"]),
            R(H, "warmlin-e20", T, **B, **sm, opt="adamw", wd=0.01, lr=2e-3,
              b35_sched="warmlin", epochs=20, seeds=(1,), writers=(SW,),
              acceptable=["still_improving"]),
            R(OV, "wide-n150-noisy-e150", T, model="wide", batch=16, n_train=150,
              label_noise=0.2 if cls else 0.5, lr=2e-3, epochs=150, log_every=5,
              seeds=(1, 2), writers=(SW, LC)),
            R(U, "small", T, model="linear" if T == "b35_quant4" else "tiny", batch=32,
              log_every=5, lr=3e-3, epochs=15, b35_sched="onecycle", seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy"], **reg),
            R(E, "adam0.03-b4", T, model="medium", batch=4, lr=0.03, epochs=2, log_every=10,
              val_every=50, seeds=(1, 2), writers=(SW, LC),
              acceptable=["diverging", "underfitting", "healthy"]),
            R(D, "onecycle-sgd-max5", T, model="medium", batch=32, opt="sgd", lr=5.0,
              b35_sched="onecycle", epochs=10, log_every=5, seeds=(2,), writers=(SW, LC),
              acceptable=["erratic", "underfitting"]),
            R(D, "warmlin-sgd-peak5", T, model="medium", batch=32, opt="sgd", lr=5.0,
              b35_sched="warmlin", warmup=63 * 4, epochs=10, log_every=5, seeds=(1,),
              writers=(SW,), acceptable=["underfitting"]),
            R(P, "lrbump-x50-10", T, **B, **sm, lr=2e-3, b35_sched="warmlin", epochs=15,
              bumps=[(63 * 8, 10, 50)], seeds=(1,), writers=(SW,),
              acceptable=["healthy", "diverging"]),
            R(P, "poison-labels-15", T, **B, **sm, lr=2e-3, b35_sched="sgdr", t0=126,
              epochs=14, poison=[(63 * 7, 15, "labels")], seeds=(1, 2),
              writers=(LC, SW), acceptable=["healthy"]),
            R(S, "warmlin-cut4of30", T, **B, **sm, lr=3e-4, b35_sched="warmlin",
              planned=63 * 30, max_steps=63 * 4, epochs=4, val_every=21, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting"]),
            R(INS, "stopped-12", T, **B, lr=2e-3, max_steps=12, epochs=1, val_every=5,
              seeds=(1,), writers=(SW,)),
        ]
    # after the first pass: Adam 0.01 at batch 8 settled on all three tasks (healthy, or still
    # creeping on the NLL): Adam 0.03 at batch 4 for 2 epochs, evaluated every 50 steps. SGD at
    # LR 5 (OneCycle or a warm-up) mostly killed the classifiers at chance from the start
    # (underfitting): an LR set x500 too high after 4 good epochs (Adam 2e-3 -> 1.0)
    out += [R(D, "lrjump-x500-ep4", T, model="medium", batch=32, lr=2e-3, epochs=10, log_every=5,
              bumps=[(63 * 4, 63 * 6, 500)], seeds=(1,), writers=(SW,),
              acceptable=["underfitting"]) for T in ("b35_cls6", "b35_quant4")]
    return out


def b35_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list:
    """b35_recipes() expanded: each recipe's writers per seed."""
    out = []
    for r in b35_recipes():
        for s in seeds:
            if r.seeds and s not in r.seeds:
                continue
            out.append(replace(r, seed=s, writer=r.writers[(s - 1) % len(r.writers)]))
    return out


add_batch(b35_all_recipes)


# ----------------------------------------------------------------------------- thirty-sixth batch
# FINE-TUNES WITH STEP-LOGGED NOISE, the torch share (tasks.DEV36_TASKS: b36_tab3, b36_blobs6,
# b36_quant4; see gen_hf_keras.b36_dev36, where most of its runs are): SummaryWriter loops and
# Lightning CSVLogger runs of a medium MLP body pre-trained in the same script (pretrain: unlogged
# Adam 2e-3 steps on a shifted draw of the same generator, tasks.pretrain_source), then fine-tuned
# with the train loss logged every step, with the base loops and recipe fields. Kept in one block
# at the end of the file; nothing earlier changes.
from tasks import DEV36_TASKS  # noqa: E402

DEV24_SOURCE.update({T: "a shifted, rescaled draw of the same generator (3000 rows, same classes)"
                     for T in DEV36_TASKS})


def b36_recipes() -> list[Recipe]:
    """Thirty-sixth dev batch, torch (47 steps an epoch at batch 32, 1500 train rows), every run
    a fine-tune (pretrain 800) logged every step: AdamW 3e-4 (healthy), a wide body on 120 rows
    with 30% flipped labels and 80 val rows (overfitting), a 2-unit body (underfitting), Adam
    0.03 at batch 4 (erratic), an LR jump x300 after a few epochs (diverging), 3 random-label
    batches (loss_spike), Adam 3e-5 (still_improving), a run stopped after 15 steps
    (insufficient_data)."""
    SW, LC = "summarywriter", "lightning_csv"
    out = []
    for T in DEV36_TASKS:
        B = {"model": "medium", "batch": 32, "pretrain": 800, "log_every": 1}
        out += [
            Recipe("healthy", "ft-adamw3e-4-ls1", T, **B, opt="adamw", wd=0.01, lr=3e-4,
                   epochs=8, val_every=15, seeds=(1, 2), writers=(SW, LC),
                   acceptable=["still_improving"]),
            Recipe("overfitting", "ft-wide-n120-noisy30-val80", T,
                   **dict(B, model="wide", batch=8), n_train=120, n_val=80, label_noise=0.3,
                   lr=1e-3, epochs=50, val_every=15, seeds=(1,), writers=(SW,)),
            Recipe("underfitting", "ft-tiny2", T, **dict(B, model="tiny"), lr=1e-3, epochs=8,
                   val_every=20, seeds=(1,), writers=(LC,),
                   acceptable=["still_improving", "healthy"]),
            Recipe("erratic", "ft-adam0.03-b4", T, **dict(B, batch=4), lr=0.03, epochs=1,
                   val_every=15, seeds=(1,), writers=(SW,),
                   acceptable=["underfitting", "diverging"]),
            Recipe("diverging", "ft-lrjump-x300", T, **B, lr=3e-4, sched="jump",
                   jump=(47 * 3, 300), epochs=8, val_every=20, seeds=(1,), writers=(LC,),
                   acceptable=["underfitting"]),
            Recipe("loss_spike", "ft-poison-labels3", T, **B, lr=3e-4, epochs=8, val_every=20,
                   poison=[(190, 3, "labels")], seeds=(1, 2), writers=(SW, LC),
                   acceptable=["healthy"]),
            Recipe("still_improving", "ft-adam3e-5-e4", T, **B, lr=3e-5, epochs=4, val_every=20,
                   seeds=(1,), writers=(SW,), acceptable=["healthy", "underfitting"]),
        ]
    # after the first pass: a run of 12 steps logged every step has 12 points (more than
    # insufficient): stopped after 15 steps, logged every 5
    out += [Recipe("insufficient_data", "ft-max-steps15-log5", T, model="medium", batch=32,
                   pretrain=800, log_every=5, lr=3e-4, max_steps=15, epochs=1, val_every=10,
                   seeds=(1,), writers=(SW,)) for T in DEV36_TASKS]
    # the blobs fine-tune at AdamW 3e-4 is level from its first evaluation and an LR jump x300
    # (Adam 0.09) did not throw the blobs / shells bodies far enough: no check passed (dropped).
    # AdamW 1e-3 on the blobs; an LR jump x3000 (Adam 0.9) on both
    out += [Recipe("healthy", "ft-adamw1e-3-ls1", "b36_blobs6", model="medium", batch=32,
                   pretrain=800, log_every=1, opt="adamw", wd=0.01, lr=1e-3, epochs=8,
                   val_every=15, seeds=(1, 2), writers=(SW, LC),
                   acceptable=["still_improving", "underfitting"])]
    out += [Recipe("diverging", "ft-lrjump-x3000", T, model="medium", batch=32, pretrain=800,
                   log_every=1, lr=3e-4, sched="jump", jump=(47 * 3, 3000), epochs=8,
                   val_every=20, seeds=(1,), writers=(LC,), acceptable=["underfitting"])
            for T in ("b36_blobs6", "b36_quant4")]
    # random-label batches peak 17-90x the local median on the confident blobs / shells bodies:
    # an LR bump x100 for 10 steps as well, a 3-6x rise inside the per-step noise
    out += [Recipe("loss_spike", "ft-lrbump-x100-10", T, model="medium", batch=32, pretrain=800,
                   log_every=1, lr=3e-4, epochs=8, val_every=20, bumps=[(190, 10, 100)],
                   seeds=(3,), writers=(SW,), acceptable=["healthy", "diverging"])
            for T in DEV36_TASKS]
    return out


add_batch_by_writers(b36_recipes, lr_monitor=False)



# ----------------------------------------------------------------------------- thirty-eighth batch
# SEQUENCE MODELS FROM SCRATCH, THE WAY LM SCRIPTS LOG THEM (tasks.DEV38_TASKS: b38_grammar_lm,
# b38_arith_lm, b38_markov_lm): a tiny GPT-style causal transformer trained from scratch on a
# generated token stream (windows of 48 tokens, batch 32: 1,536 tokens a step), AdamW with weight
# decay 0.1, linear warm-up then cosine decay, gradient clipping at 1.0; the train loss logged
# every 5 steps, the val loss and val perplexity (exp of the val cross-entropy) every 25-50
# steps, with the base SummaryWriter / Lightning loops. Kept in one block at the end of the
# file: f1_metric is wrapped for these tasks only, and the batch's recipes are expanded by their
# own index (b38_all_recipes) after every earlier recipe; nothing earlier changes.
from tasks import DEV38_TASKS  # noqa: E402

LOG_VARIED = LOG_VARIED + DEV38_TASKS
_b38_prev_f1_metric = f1_metric


def with_perplexity(tasks, prev):
    """An f1_metric reporting [("perplexity", exp of the val cross-entropy)] for runs of
    ``tasks`` (batches 38 and 59), ``prev``'s metrics for every other run."""
    def metric(task, out, y) -> list:
        if task.name in tasks:
            import torch.nn.functional as F
            ce = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1)).item()
            return [("perplexity", math.exp(min(ce, 50.0)))]
        return prev(task, out, y)
    return metric


# Thirty-eighth batch: the perplexity first; else as before.
f1_metric = with_perplexity(DEV38_TASKS, _b38_prev_f1_metric)


def b38_recipes() -> list[Recipe]:
    """Thirty-eighth dev batch (3000 windows of 48 tokens: 94 steps an epoch at batch 32; a
    1-layer width-32 GPT unless named). Regimes by their real causes: AdamW 2e-3-3e-3, wd 0.1,
    warm-up 60 + cosine, clip 1.0, evaluated every 25 steps (healthy), a 2-layer width-64
    transformer on 40 windows (1,920 tokens) for 800 steps at batch 16 (overfitting), a width-4
    transformer or Adam 0.05 with no warm-up or clipping (the loss parks near the unigram
    entropy: underfitting), Adam 0.01 at batch 4 without clipping (erratic), an LR jump x100
    with no clipping (diverging), an LR bump x30 for 10 steps or 20 random-token batches
    (loss_spike), a cosine planned for 3,000 steps cut at 300 (still_improving), a run stopped
    after 40 steps (insufficient_data)."""
    R = Recipe
    SW, LC, LT = WRITERS
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    out = []
    for T in DEV38_TASKS:
        G = {"arch": "transformer", "model": "small", "batch": 32, "epochs": None,
             "train_log": "step", "style": "slash"}
        W = {"opt": "adamw", "wd": 0.1, "clip": 1.0}
        out += [
            R(H, "gpt-warmcos-adamw-clip1-600", T, **G, **W, lr=3e-3, sched="cosine",
              warmup=60, max_steps=600, log_every=5, val_every=25, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving"]),
            R(H, "gpt-warmcos-600-lr2e-3", T, **G, **W, lr=2e-3, sched="cosine", warmup=60,
              max_steps=600, log_every=10, val_every=25, seeds=(1,), writers=(LC,),
              acceptable=["still_improving"]),
            R(OV, "gpt2l-n40-800", T, **dict(G, model="medium", n_train=40, batch=16),
              **dict(W, wd=0.0), lr=2e-3, sched="cosine", warmup=50, max_steps=800,
              log_every=5, val_every=50, seeds=(1, 2), writers=(SW, LC)),
            R(U, "gpt-width4", T, **dict(G, model="linear"), **W, lr=3e-3, sched="cosine",
              warmup=60, max_steps=600, log_every=5, val_every=25, seeds=(1,), writers=(LC,),
              acceptable=["still_improving"]),
            R(U, "gpt-adam0.05-nowarm-noclip", T, **G, lr=0.05, max_steps=500, log_every=5,
              val_every=25, seeds=(1,), writers=(SW,), acceptable=["erratic", "diverging"]),
            R(E, "gpt-adam0.01-b4-noclip", T, **dict(G, batch=4), lr=0.01, max_steps=600,
              log_every=5, val_every=25, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "diverging"]),
            R(D, "gpt-lrjump-x100-noclip", T, **G, lr=2e-3, sched="jump", jump=(300, 100),
              max_steps=600, log_every=5, val_every=25, seeds=(1,), writers=(LC,),
              acceptable=["underfitting"]),
            R(P, "gpt-lrbump10-x30-noclip", T, **G, lr=2e-3, max_steps=600, log_every=2,
              val_every=25, bumps=[(400, 10, 30)], seeds=(1,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "gpt-poisonlabels20", T, **G, **W, lr=2e-3, max_steps=600, log_every=2,
              val_every=25, poison=[(400, 20, "labels")], seeds=(1,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "gpt-cosine3000-cut300", T, **G, **W, lr=5e-4, sched="cosine", warmup=60,
              planned=3000, max_steps=300, log_every=5, val_every=25, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting"]),
            R(INS, "gpt-stopped40", T, **G, **W, lr=2e-3, max_steps=40, log_every=20,
              val_every=40, seeds=(1,), writers=(LT,)),
        ]
    # after the first pass: Adam 0.01 at batch 4 settled (still improving, evals 1% apart) and
    # an LR jump x100 (AdamW 0.2) parked the grammar model instead of throwing it (dropped): Adam
    # 0.03 at batch 2 without clipping, and SGD with an LR growing x1.02 a step
    G = {"arch": "transformer", "model": "small", "epochs": None, "train_log": "step",
         "style": "slash"}
    out += [R(E, "gpt-adam0.03-b2-noclip", T, **G, batch=2, lr=0.03, max_steps=600, log_every=5,
              val_every=25, seeds=(2,), writers=(SW,), acceptable=["underfitting", "diverging"])
            for T in DEV38_TASKS]
    out += [R(D, "gpt-sgd-grow1.02-noclip", T, **G, batch=32, opt="sgd", lr=0.01, sched="grow",
              grow=1.02, max_steps=400, log_every=5, val_every=25, seeds=(2,), writers=(LC,),
              acceptable=["underfitting"]) for T in DEV38_TASKS]
    # after the second pass: Adam 0.03 at batch 2 parked near the unigram level as well (the
    # checks call it underfitting / still improving): SGD 0.5 (momentum 0.9) at batch 8 without
    # clipping, evaluated on 60 windows
    out += [R(E, "gpt-sgd0.5-b8-noclip-val60", T, **G, batch=8, opt="sgd", lr=0.5, n_val=60,
              max_steps=600, log_every=5, val_every=25, seeds=(3,), writers=(SW,),
              acceptable=["underfitting", "diverging"]) for T in DEV38_TASKS]
    return out


def b38_all_recipes(seeds=(1, 2, 3), all_seeds=False) -> list[Recipe]:
    """b38_recipes() expanded: each recipe's writers per seed, with the batch's own index for
    the per-recipe settings (lr_monitor, on_epoch, tag style)."""
    out = []
    for i, r in enumerate(b38_recipes()):
        for s in seeds:
            if r.seeds and s not in r.seeds:
                continue
            w = r.writers[(s - 1) % len(r.writers)]
            style = r.style if w == "summarywriter" else ""
            out.append(replace(r, seed=s, writer=w, tags=style or list(TAG_STYLES)[(i + s) % 3],
                               style=style, val_step="step", on_epoch=False,
                               lr_monitor=(i + s) % 2 == 0))
    return out


add_batch(b38_all_recipes)


# ----------------------------------------------------------------------------- thirty-seventh batch
# AUGMENTATION, DROPOUT AND BATCHNORM, the torch share (tasks.DEV37_TASKS: b37_digits16,
# b37_shapes16, b37_weave16; 16x16 grey images): SummaryWriter loops and Lightning CSV / TB runs
# of a small CNN with BatchNorm, dropout 0.5 and augmentation inside the model in train mode
# (tasks.make_model arch "b37cnn": shifts, flips, pixel noise), so the train loss, logged in
# train mode, sits above the val loss, evaluated in eval mode, for the whole run; BatchNorm at
# batch 4 (running statistics of tiny batches: a noisy val). The base loops and recipe fields;
# kept in one block at the end of the file; nothing earlier changes.
from tasks import DEV37_TASKS  # noqa: E402

_b37_prev_describe = describe


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the thirty-seventh batch the CNN's regularisers."""
    s = _b37_prev_describe(r, task)
    if r.task in DEV37_TASKS:
        from tasks import B37_FLIP
        s += ("thirty-seventh batch: CNN (conv3x3-BatchNorm-ReLU-maxpool) x2, " + (
            "no augmentation, no dropout" if r.arch == "b37cnn_bare" else
            f"dropout {r.dropout or 0.5:g}, augmentation in train mode only (shift <= 2 px"
            + (", left-right flip" if B37_FLIP[r.task] else "") + ", N(0, 0.3^2) pixel noise)")
            + "; train loss logged in train mode, val in eval mode\n")
    return s


def b37_recipes() -> list[Recipe]:
    """Thirty-seventh dev batch, torch (47 steps an epoch at batch 32, 1500 train images): the
    augmented, dropout-0.5 BatchNorm CNN at Adam 2e-3 with a cosine decay (healthy: train above
    val throughout), the same at batch 4 and Adam 3e-4 (healthy, a noisy BatchNorm val), a wide
    CNN without augmentation or dropout on 150 images (overfitting), a 1-channel CNN with a
    2-unit hidden layer (underfitting), Adam 0.03 at batch 4 (erratic), SGD with an LR jump x1000
    after 3 epochs (diverging), 4 random-label batches or an LR bump x50 for 10 steps
    (loss_spike), Adam 1e-4 cut at 4 of 25 planned epochs (still_improving), a run stopped after
    15 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    out = []
    for T in DEV37_TASKS:
        C = {"arch": "b37cnn", "model": "medium", "batch": 32}
        out += [
            Recipe("healthy", "b37-aug-drop0.5-cos-e25", T, **C, lr=2e-3, sched="cosine",
                   epochs=25, log_every=5, seeds=(1, 2, 3), writers=(SW, LC, LT),
                   acceptable=["still_improving"]),
            Recipe("healthy", "b37-bn-b4-adam3e-4-e3", T, **dict(C, batch=4), lr=3e-4, epochs=3,
                   log_every=10, val_every=75, seeds=(1, 2), writers=(SW, LC),
                   acceptable=["erratic", "still_improving"]),
            Recipe("overfitting", "b37-bare-wide-n150-e80", T, arch="b37cnn_bare", model="wide",
                   batch=16, n_train=150, lr=1e-3, epochs=80, log_every=2, seeds=(1, 2),
                   writers=(SW, LC)),
            Recipe("underfitting", "b37-tiny-c1-h2", T, **dict(C, model="tiny"), lr=3e-3,
                   epochs=15, log_every=5, seeds=(1,), writers=(LC,),
                   acceptable=["still_improving", "healthy"]),
            Recipe("erratic", "b37-adam0.03-b4", T, **dict(C, batch=4), lr=0.03, epochs=1,
                   log_every=10, val_every=25, seeds=(1,), writers=(SW,),
                   acceptable=["underfitting", "diverging"]),
            Recipe("diverging", "b37-sgd-lrjump-x1000", T, **C, opt="sgd", lr=0.01, sched="jump",
                   jump=(47 * 3, 1000), epochs=8, log_every=5, seeds=(1,), writers=(LC,),
                   acceptable=["underfitting", "erratic"]),
            Recipe("loss_spike", "b37-poison-labels4", T, **C, lr=1e-3, epochs=15, log_every=2,
                   poison=[(47 * 8, 4, "labels")], seeds=(1,), writers=(SW,),
                   acceptable=["healthy"]),
            Recipe("loss_spike", "b37-lrbump-x50-10", T, **C, lr=1e-3, epochs=15, log_every=2,
                   bumps=[(47 * 8, 10, 50)], seeds=(2,), writers=(LC,),
                   acceptable=["healthy", "diverging"]),
            Recipe("still_improving", "b37-adam1e-4-cut4of25", T, **C, lr=1e-4, sched="cosine",
                   planned=47 * 25, max_steps=47 * 4, epochs=4, log_every=4, val_every=16,
                   seeds=(1,), writers=(SW,), acceptable=["underfitting", "healthy"]),
            Recipe("insufficient_data", "b37-stopped-15", T, **C, lr=1e-3, max_steps=15,
                   epochs=1, log_every=5, val_every=5, seeds=(1,), writers=(SW,)),
        ]
    # after the first pass: the wide bare CNN on 150 clean images kept generalising (val best
    # late, or 5-7% above it: healthy), Adam 0.03 at batch 4 killed the dropout CNN at chance
    # (underfitting), BatchNorm at batch 4 with Adam 3e-4 for 3 epochs was still falling (still
    # improving). A bare medium CNN on 150 images with 30% flipped labels (overfitting), the bare
    # CNN at Adam 3e-3, batch 4 (erratic), BatchNorm at batch 8, Adam 1e-3 for 8 epochs (healthy)
    for T in DEV37_TASKS:
        C = {"arch": "b37cnn", "model": "medium", "batch": 32}
        out += [
            Recipe("overfitting", "b37-bare-med-n150-noisy30-e60", T, arch="b37cnn_bare",
                   model="medium", batch=16, n_train=150, label_noise=0.3, lr=2e-3, epochs=60,
                   log_every=2, seeds=(1, 2), writers=(SW, LC)),
            Recipe("erratic", "b37-bare-adam3e-3-b4-e2", T, **dict(C, arch="b37cnn_bare",
                   batch=4), lr=3e-3, epochs=2, log_every=10, val_every=25, seeds=(1,),
                   writers=(SW,), acceptable=["healthy"]),
            Recipe("healthy", "b37-bn-b8-adam1e-3-e8", T, **dict(C, batch=8), lr=1e-3,
                   epochs=8, log_every=10, val_every=94, seeds=(1,), writers=(SW,),
                   acceptable=["erratic", "still_improving"]),
        ]
    # the second pass: the bare CNN at Adam 3e-3 settled (healthy) and its noisy-label runs on
    # the shapes rose too little (dropped): Adam 1e-2 at batch 4 on the bare CNN (erratic)
    out += [Recipe("erratic", "b37-bare-adam1e-2-b4-e2", T, arch="b37cnn_bare", model="medium",
                   batch=4, lr=1e-2, epochs=2, log_every=10, val_every=25, seeds=(2,),
                   writers=(SW,), acceptable=["underfitting", "healthy"]) for T in DEV37_TASKS]
    return out


add_batch_by_writers(b37_recipes, lr_monitor=False)



# ----------------------------------------------------------------------------- fortieth batch
# LIGHTNING DEFAULTS AND LOSSES OTHER THAN CROSS-ENTROPY (tasks.DEV40_TASKS: b40_outlier_reg,
# b40_tags_ml, b40_pinball_fc): mostly Lightning CSV runs as people leave them: log_every_n_steps
# at its default 50 (one or two train points an epoch), self.log("train_loss", on_step=True,
# on_epoch=True) writing train_loss_step and train_loss_epoch, val per epoch or every 0.25-0.5
# epoch (val_check_interval), accumulate_grad_batches 4, gradient_clip_val 1.0; the losses are
# SmoothL1 (beta 1, a Huber loss) on a regression with outliers, BCE-with-logits on 8 labels and
# the pinball loss of the 0.9 quantile on a forecast (val coverage logged beside it). Kept in one
# block at the end of the file: loss_and_metric, f1_metric and describe are wrapped for these
# tasks only, and the batch's recipes are expanded by their own index (add_batch_by_writers) after
# every earlier recipe; nothing earlier changes.
from tasks import B40_QUANTILE, DEV40_TASKS  # noqa: E402

REG_TASKS = REG_TASKS + ("b40_outlier_reg", "b40_pinball_fc")
_b40_prev_loss_and_metric = loss_and_metric
_b40_prev_f1_metric = f1_metric
_b40_prev_describe = describe


def b40_pinball(pred, y, q=B40_QUANTILE):
    """The pinball (quantile) loss of quantile q, mean over the batch."""
    import torch
    d = y - pred
    return torch.maximum(q * d, (q - 1) * d).mean()


def loss_and_metric(task, out, y, smooth=0.0):  # noqa: F811  (the fortieth batch's losses first)
    """Fortieth batch: SmoothL1 (beta 1) on b40_outlier_reg, the 0.9-quantile pinball loss on
    b40_pinball_fc, with the MAE; b40_tags_ml is the earlier BCE-with-logits; else as before."""
    if task.name in ("b40_outlier_reg", "b40_pinball_fc"):
        import torch.nn.functional as F
        out = out.squeeze(-1)
        loss = (F.smooth_l1_loss(out, y, beta=1.0) if task.name == "b40_outlier_reg"
                else b40_pinball(out, y))
        return loss, "mae", (out - y).abs().mean()
    return _b40_prev_loss_and_metric(task, out, y, smooth)


def f1_metric(task, out, y) -> list:  # noqa: F811  (the fortieth batch's metrics first)
    """Fortieth batch: b40_pinball_fc's coverage (share of val targets under the predicted 0.9
    quantile); b40_outlier_reg none; else as before (micro-F1 on b40_tags_ml)."""
    if task.name == "b40_pinball_fc":
        return [("coverage", float((y <= out.squeeze(-1)).float().mean()))]
    if task.name == "b40_outlier_reg":
        return []
    return _b40_prev_f1_metric(task, out, y)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the fortieth batch the loss and the Lightning
    logging settings."""
    s = _b40_prev_describe(r, task)
    if r.task in DEV40_TASKS:
        loss = {"b40_outlier_reg": "SmoothL1 (beta 1, Huber) on targets with 8% outliers",
                "b40_tags_ml": "BCE-with-logits over 8 labels",
                "b40_pinball_fc": f"pinball loss of the {B40_QUANTILE} quantile"}[r.task]
        s += f"fortieth batch: {loss}"
        if r.writer != "summarywriter":
            s += (f"; Lightning log_every_n_steps={r.log_every}, train_loss logged on_step="
                  f"{r.train_log != 'epoch'} on_epoch={r.on_epoch}, "
                  f"val_check_interval={r.val_every or 1.0}, accumulate_grad_batches={r.accum}, "
                  f"gradient_clip_val={r.clip}")
        s += "\n"
    return s


def b40_recipes() -> list[Recipe]:
    """Fortieth dev batch, torch (2000 train rows: 63 steps an epoch at batch 32; a 2x64 MLP
    unless named). Regimes by their real causes: Adam 1e-3 for 40 epochs with Lightning's
    defaults, or AdamW 3e-3 + cosine with val every quarter epoch, accumulate 4 and clip 1.0
    (healthy); a 2x512 MLP on 150 rows with noisy targets for 300 epochs (overfitting); a
    2-unit hidden layer or a linear model (underfitting); Adam 0.03 at batch 4 or SGD 0.3 at
    batch 8 (erratic); SGD with an LR growing x1.01 a step or an LR jump x300 (diverging); an
    LR bump x30 for 10 steps or 20 random-target batches (loss_spike); Adam 1e-4 + cosine cut
    at 8 of 40 planned epochs (still_improving); a run stopped after 30 steps
    (insufficient_data)."""
    SW, LC = "summarywriter", "lightning_csv"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV40_TASKS:
        PL = {"model": "medium", "batch": 32, "log_every": 50, "train_log": "both",
              "on_epoch": True}
        noise = 0.1 if T == "b40_tags_ml" else 0.3
        ml = T == "b40_tags_ml"     # a probe: the 2x64 MLP overfits the tags after ~15 epochs
        out += [
            R(H, "pl-defaults-adam1e-3-e" + ("12" if ml else "40"), T, **PL, lr=1e-3,
              epochs=12 if ml else 40, seeds=(1, 2, 3),
              writers=(LC, SW, LC), acceptable=["still_improving"]),
            R(H, "pl-vci0.25-accum4-clip1-cos-e" + ("20" if ml else "60"), T, **PL,
              opt="adamw", wd=0.01, lr=3e-3, sched="cosine", epochs=20 if ml else 60,
              accum=4, clip=1.0, val_every=0.25, seeds=(1, 2),
              writers=(LC,), acceptable=["still_improving"]),
            R(OV, "wide-n150-noisy-e300", T, **dict(PL, model="wide", batch=16), n_train=150,
              label_noise=noise, lr=1e-3, epochs=300, seeds=(1, 2), writers=(LC, SW)),
            R(U, "tiny-h2-e40", T, **dict(PL, model="tiny"), lr=3e-3, epochs=40, seeds=(1,),
              writers=(LC,), acceptable=["healthy", "still_improving"]),
            R(U, "linear-e40", T, **dict(PL, model="linear"), lr=3e-3, epochs=40, seeds=(1,),
              writers=(SW,), acceptable=["healthy", "still_improving"]),
            R(E, "adam0.03-b4-val50", T, **dict(PL, batch=4, log_every=10), lr=0.03,
              epochs=3, val_every=50, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "diverging"]),
            R(E, "sgd0.3-b8-vci0.25", T, **dict(PL, batch=8), opt="sgd", lr=0.3, epochs=6,
              val_every=0.25, seeds=(1,), writers=(LC,),
              acceptable=["underfitting", "diverging"]),
            R(D, "sgd-grow1.01-noclip", T, **PL, opt="sgd", lr=1e-3, sched="grow", grow=1.01,
              max_steps=1200, val_every=0.5, seeds=(1,), writers=(LC,),
              acceptable=["underfitting", "erratic"]),
            R(D, "sgd-lrjump-x300-noclip", T, **dict(PL, log_every=10), opt="sgd", lr=0.01,
              sched="jump", jump=(63 * 10, 300), epochs=20, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "erratic"]),
            R(P, "lrbump10-x30", T, **dict(PL, log_every=10), lr=1e-3, epochs=30,
              bumps=[(63 * 15, 10, 30)], seeds=(1,), writers=(LC,),
              acceptable=["healthy"]),
            R(P, "poison-targets20", T, **dict(PL, log_every=5), lr=1e-3, epochs=30,
              poison=[(63 * 15, 20, "labels")], seeds=(1, 2), writers=(SW, LC),
              acceptable=["healthy"]),
            R(S, "adam1e-4-cos-cut8of40", T, **PL, lr=1e-4, sched="cosine", planned=63 * 40,
              max_steps=63 * 8, epochs=8, seeds=(1, 2), writers=(LC,),
              acceptable=["underfitting"]),
            R(INS, "stopped30", T, **dict(PL, log_every=10), lr=1e-3, max_steps=30,
              val_every=10, seeds=(1,), writers=(LC,)),
        ]
    # after the first pass: Adam 0.03 at batch 4 and SGD 0.3 at batch 8 settled (evals 3-5%
    # apart: healthy / underfitting) and an LR bump x30 for 10 steps left the Huber loss 1.4x
    # its level: Adam 0.1 at batch 2 without clipping, evaluated every 25 steps on 60 rows
    # (erratic), and an LR bump x100 for 20 steps logged every 5 steps (loss_spike)
    for T in DEV40_TASKS:
        PL = {"model": "medium", "log_every": 5, "train_log": "both", "on_epoch": True}
        out += [
            R(E, "adam0.1-b2-val25-n60", T, **PL, batch=2, lr=0.1, n_val=60, max_steps=1500,
              val_every=25, seeds=(2,), writers=(LC,), acceptable=["underfitting", "diverging"]),
            R(P, "lrbump20-x100", T, **PL, batch=32, lr=1e-3, epochs=30,
              bumps=[(63 * 15, 20, 100)], seeds=(2,), writers=(LC,),
              acceptable=["healthy", "diverging"]),
        ]
    return out


add_batch_by_writers(b40_recipes)


# ----------------------------------------------------------------------------- forty-first batch
# QUICK EXPERIMENTS AS PEOPLE RUN THEM (tasks.DEV41_TASKS: b41_churn2, b41_topics4, b41_glyphs5):
# notebook-length runs with the defaults people leave: Adam 1e-3, batch 32 / 64, no schedule,
# 4-12 epochs with one evaluation per epoch (4-12 val points), the train loss logged every 10-50
# steps; every regime with few evaluations and by its real cause. Kept in one block at the end
# of the file: the batch's recipes are expanded by their own index (add_batch_by_writers) after
# every earlier recipe; nothing earlier changes.
from tasks import DEV41_TASKS  # noqa: E402

B41_SPE = 63        # steps an epoch: 2000 train rows at batch 32


def b41_recipes() -> list[Recipe]:
    """Forty-first dev batch, torch (2000 train rows, 63 steps an epoch at batch 32, a 2x64 MLP
    unless named, one eval per epoch). Regimes by their real causes: Adam 1e-3 for 8-10 epochs
    (healthy; a logistic regression on the bags of words, where the MLP overfits); a 2x512 MLP
    on 300-400 rows with 20% flipped labels, or the 2x64 MLP on the bags of words (overfitting);
    a 2-unit hidden layer or a linear model (underfitting); Adam 0.03 at batch 8 (erratic); an
    LR range test, Adam from 1e-3 growing x1.015 a step (diverging); an LR bump x50 for 10 steps
    or 10 random-label batches just before an evaluation (loss_spike); Adam 1e-4 cut at 4
    epochs (still_improving); a run stopped after 40 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV41_TASKS:
        Q = {"model": "medium", "batch": 32, "log_every": 20, "train_log": "step"}
        bag, churn, glyph = T == "b41_topics4", T == "b41_churn2", T == "b41_glyphs5"
        good = "linear" if bag else "medium"
        ov = ({"model": "medium", "n_train": None, "label_noise": 0.0, "batch": 32, "epochs": 10}
              if bag else {"model": "wide", "n_train": 300 if T == "b41_glyphs5" else 400,
                           "label_noise": 0.2, "batch": 16,
                           "epochs": 15 if T == "b41_churn2" else 10})
        out += [
            R(H, f"{good}-adam1e-3-b32-e10", T, **dict(Q, model=good), lr=1e-3, epochs=10,
              seeds=(1, 2, 3), writers=(SW, LC, LT), acceptable=["still_improving"]),
            R(H, f"{good}-adam1e-3-b64-e8-log10", T, **dict(Q, model=good, batch=64, log_every=10),
              lr=1e-3, epochs=8, seeds=(1,), writers=(LC,), acceptable=["still_improving"]),
            R(OV, "{}-n{}-e{}".format(ov["model"], ov["n_train"] or 2000, ov["epochs"]), T,
              **dict(Q, **ov, log_every=10), lr=1e-3, seeds=(1, 2), writers=(SW, LC)),
            R(U, "tiny-h2-adam3e-3-e10", T, **dict(Q, model="tiny"), lr=3e-3, epochs=10,
              seeds=(1,), writers=(SW,), acceptable=["still_improving"]),
            R(U, ("tiny-h2" if bag else "linear") + "-adam3e-3-e10", T,
              **dict(Q, model="tiny" if bag else "linear"), lr=3e-3,
              epochs=10, seeds=(2,), writers=(LC,), acceptable=["still_improving"]),
            R(E, "adam0.03-b8-e8", T, **dict(Q, batch=8, log_every=50), lr=0.03, epochs=8,
              seeds=(1, 2, 3) if churn else (1,), writers=(SW, LC),
              acceptable=["underfitting", "diverging"]),
            R(D, ("sgd-lr-range-test-x1.02" if churn else "lr-range-test-x1.015"), T,
              **dict(Q, log_every=10), opt="sgd" if churn else "adam", lr=1e-3, sched="grow",
              grow=1.02 if churn else 1.015, epochs=8, seeds=(1, 2), writers=(LC, SW),
              acceptable=["underfitting", "erratic"]),
            R(P, "lrbump20-x100-before-eval5", T, **dict(Q, model=good, log_every=5), lr=1e-3,
              epochs=10, bumps=[(B41_SPE * 5 - 22, 20, 100)], seeds=(1,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "poison-inputs10-before-eval4", T, **dict(Q, model=good, log_every=5), lr=1e-3,
              epochs=10, poison=[(B41_SPE * 4 - 12, 10, "inputs")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "adam{}-cut-e4".format("3e-4" if glyph else "1e-4"), T,
              **dict(Q, model=good, log_every=10), lr=3e-4 if glyph else 1e-4, epochs=4,
              seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting"]),
            R(INS, "stopped30", T, **dict(Q, log_every=10), lr=1e-3, max_steps=30, val_every=20,
              seeds=(1,), writers=(LC,)),
        ]
        if not churn:   # Adam 0.03 at batch 8 collapsed the bag and glyph MLPs to chance
            out.append(R(E, "adam0.01-b8-e8", T, **dict(Q, batch=8, log_every=50), lr=0.01,
                         epochs=8, seeds=(2,), writers=(SW,),
                         acceptable=["underfitting", "diverging"]))
        else:           # after the first pass: Adam 0.03 at batch 8 settled on seeds 2-3
            out.append(R(E, "adam0.05-b4-e5", T, **dict(Q, batch=4, log_every=50), lr=0.05,
                         epochs=5, seeds=(2, 3), writers=(SW, LC),
                         acceptable=["underfitting", "diverging"]))
        if glyph:       # after the second pass: a 2x32 MLP at Adam 0.02, batch 8, bounces
            out.append(R(E, "small-adam0.02-b8-e8", T, **dict(Q, model="small", batch=8,
                                                                log_every=50), lr=0.02,
                         epochs=8, seeds=(1, 2, 3), writers=(SW, LC),
                         acceptable=["overfitting", "underfitting"]))
    return out


add_batch_by_writers(b41_recipes)


# ----------------------------------------------------------------------------- forty-second batch
# HF TRAINER WITH SEVERAL EVAL SETS, its torch share (tasks.DEV42_TASKS: b42_reviews3,
# b42_digits_ood, b42_claims2; see gen_hf_keras.b42_dev42, where most of its runs are): plain
# SummaryWriter and Lightning CSV loops on the same tasks, judged on the in-domain val set only
# (the loops evaluate task.x_val; the shifted set is the Trainer runs'). Kept in one block at the
# end of the file: the batch's recipes are expanded by their own index (add_batch_by_writers) after
# every earlier recipe; nothing earlier changes.
from tasks import DEV42_TASKS  # noqa: E402


def b42_recipes() -> list[Recipe]:
    """Forty-second dev batch, torch (a 2x64 MLP, Adam 1e-3, batch 32, one eval per epoch):
    good settings for 15 epochs (healthy); a 2x512 MLP on 150 rows with 20% flipped labels for
    60 epochs (overfitting); a 2-unit hidden layer (underfitting); SGD with the LR growing x1.02
    a step (diverging); 8 random-label batches in epoch 4 (loss_spike)."""
    SW, LC = "summarywriter", "lightning_csv"
    R = Recipe
    out = []
    for T in DEV42_TASKS:
        spe = 38 if T == "b42_digits_ood" else 63
        Q = {"model": "medium", "batch": 32, "log_every": 10, "train_log": "step"}
        out += [
            R("healthy", "b42-adam1e-3-e15", T, **Q, lr=1e-3, epochs=15, seeds=(1, 2),
              writers=(SW, LC), acceptable=["still_improving"]),
            R("overfitting", "b42-wide-n150-noise20-e60", T, **dict(Q, model="wide", batch=16),
              n_train=150, label_noise=0.2, lr=1e-3, epochs=60, seeds=(1,), writers=(LC,)),
            R("underfitting", "b42-tiny-h2-e15", T, **dict(Q, model="tiny"), lr=1e-3,
              epochs=15, seeds=(2,), writers=(SW,), acceptable=["still_improving"]),
            R("diverging", "b42-sgd-grow1.02", T, **dict(Q, log_every=5), opt="sgd", lr=0.01,
              sched="grow", grow=1.02, epochs=8 if spe == 63 else 13, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "erratic"]),
            R("loss_spike", "b42-poison-labels8-e4", T, **dict(Q, log_every=2), lr=1e-3,
              epochs=10, poison=[(spe * 4 + 10, 8, "labels")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
        ]
    return out


add_batch_by_writers(b42_recipes)


# ----------------------------------------------------------------------------- forty-fourth batch
# LONG PER-STEP TRAININGS WITH FEW EVALUATIONS (tasks.DEV44_TASKS: b44_sensors6, b44_shells3,
# b44_moons4): MLPs trained from scratch for 2,000-8,000 optimiser steps at batch 32 (94 steps an
# epoch), the train loss, LR and grad norm logged every 5-10 steps, an evaluation every 250-500
# steps (6-16 evaluations), AdamW with linear warm-up then cosine or linear decay, gradient
# clipping at 1.0, gradient accumulation in some; spikes between two evaluations (train only) or
# just before one (train and val). Kept in one block at the end of the file: the batch's recipes
# are expanded by their own index (add_batch_by_writers) after every earlier recipe; nothing earlier
# changes.
from tasks import DEV44_TASKS  # noqa: E402


def b44_recipes() -> list[Recipe]:
    """Forty-fourth dev batch, torch (3000 train rows, 600 val rows, a 2x64 MLP unless named,
    batch 32). Regimes by their real causes: AdamW 2e-3, wd 0.01, warm-up 200 + cosine (or
    linear decay with accumulation 2), clip 1.0, 3,000-4,000 steps, eval every 300-400 (healthy);
    a 2x512 MLP on 200 rows with 15% flipped labels, or the 2x64 MLP on 3000 sensor rows without
    weight decay, for 6,000 steps (overfitting); a 2-unit hidden layer (underfitting); Adam 0.01
    at batch 4 or SGD 0.3 at batch 2 without clipping (erratic); SGD whose LR grows x1.003 a step
    from 0.01, no clipping (diverging); an LR bump x50 for 20 steps between two evaluations, or
    20 random-label batches just before one (loss_spike); a cosine planned for 20,000 steps cut
    at 2,000 at AdamW 3e-4 (still_improving); a run stopped after 120 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV44_TASKS:
        G = {"model": "medium", "batch": 32, "epochs": None, "train_log": "step"}
        W = {"opt": "adamw", "wd": 0.01, "clip": 1.0}
        ov_n = 200
        out += [
            R(H, "b44-adamw-warm200-cos-clip1-4k", T, **G, **W, lr=2e-3, sched="cosine",
              warmup=200, max_steps=4000, log_every=5, val_every=400, seeds=(1, 2, 3),
              writers=(SW, LT, LC), acceptable=["still_improving"]),
            R(H, "b44-adamw-warm100-linear-accum2-3k", T, **G, **W, lr=2e-3, sched="linear",
              warmup=100, accum=2, max_steps=3000, log_every=10, val_every=300, seeds=(2,),
              writers=(SW,), acceptable=["still_improving"]),
            *([] if T == "b44_sensors6" else [
                R(OV, "b44-wide-n{}-noise15-6k".format(ov_n), T, **dict(G, model="wide"),
                  n_train=ov_n, label_noise=0.15, opt="adamw", wd=0.0, clip=1.0, lr=1e-3,
                  sched="cosine", warmup=100, max_steps=6000, log_every=10, val_every=500,
                  seeds=(1, 2), writers=(SW, LT))]),
            R(U, "b44-tiny-h2-4k", T, **dict(G, model="tiny"), **W, lr=2e-3, sched="cosine",
              warmup=200, max_steps=4000, log_every=5, val_every=400, seeds=(1, 3),
              writers=(SW, LC), acceptable=["still_improving"]),
            R(E, "b44-adam0.01-b4-noclip-3k", T, **dict(G, batch=4), lr=0.01, max_steps=3000,
              log_every=5, val_every=250, seeds=(1,), writers=(LT,),
              acceptable=["underfitting", "diverging"]),
            R(D, "b44-sgd-grow1.003-noclip-2k", T, **G, opt="sgd", lr=0.01, sched="grow",
              grow=1.003, max_steps=2000, log_every=5, val_every=200, seeds=(1, 2),
              writers=(SW, LT), acceptable=["underfitting", "erratic"]),
            R(P, "b44-lrbump20-x50-between-evals", T, **G, opt="adamw", wd=0.01, lr=2e-3,
              sched="cosine", warmup=200, max_steps=4000, log_every=5, val_every=400,
              bumps=[(2100, 20, 50)], seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b44-poison-labels20-before-eval", T, **G, **W, lr=2e-3, sched="cosine",
              warmup=200, max_steps=4000, log_every=5, val_every=400,
              poison=[(2375, 20, "labels")], seeds=(2,), writers=(LT,), acceptable=["healthy"]),
            R(S, "b44-cos20k-cut2k-lr3e-4", T, **G, **W, lr=3e-4, sched="cosine", warmup=200,
              planned=20000, max_steps=2000, log_every=10, val_every=250, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting"]),
            R(INS, "b44-stopped120", T, **G, **W, lr=2e-3, warmup=50, max_steps=120,
              log_every=50, val_every=100, seeds=(3,), writers=(LT,)),
        ]
    # after the first pass: Adam 0.01 at batch 4 trained noisily downward (no swings) and a
    # 2x512 MLP on 1000 sensor rows overfitted from the first evaluation on: SGD 0.3 (momentum
    # 0.9) at batch 2 without clipping, and the 2x64 MLP on 3000 sensor rows without weight
    # decay for 6,000 steps (its best at ~1,200, then a slow climb)
    out += [R(E, "b44-sgd0.3-b2-noclip-3k", T, model="medium", batch=2, epochs=None,
              train_log="step", opt="sgd", lr=0.3, max_steps=3000, log_every=5, val_every=250,
              seeds=(2,), writers=(SW,), acceptable=["underfitting", "diverging"])
            for T in DEV44_TASKS]
    out.append(R(OV, "b44-medium-n3000-nowd-6k", "b44_sensors6", model="medium", batch=32,
                 epochs=None, train_log="step", n_train=3000, opt="adamw", wd=0.0, clip=1.0,
                 lr=2e-3, sched="cosine", warmup=200, max_steps=6000, log_every=10,
                 val_every=500, seeds=(1, 2), writers=(SW, LT)))
    return out


add_batch_by_writers(b44_recipes)

# ----------------------------------------------------------------------------- forty-third batch
# QUICK EXPERIMENTS, SECOND ROUND (tasks.DEV43_TASKS: b43_energy_reg, b43_species8, b43_pulses6):
# a scaled-target regression, an 8-class task and a short-sequence task (a GRU reading 24 floats),
# run as a notebook or course experiment is: Adam 1e-3, batch 32, no schedule, 3-15 evaluations
# (one an epoch), Lightning EarlyStopping(patience 2-3) on some, the train loss every 10-20 steps or
# once an epoch (Lightning on_epoch only), val MAE (regression) or accuracy beside the val loss.
# Kept in one block at the end of the file (b43_ names): the batch's recipes are chained after
# every earlier recipe (add_batch); nothing earlier changes.
from tasks import DEV43_TASKS  # noqa: E402

REG_TASKS = REG_TASKS + ("b43_energy_reg",)
B43_SPE = 75        # steps an epoch: 2400 train rows at batch 32


def b43_recipes() -> list[Recipe]:
    """Forty-third dev batch, torch (2400 train rows, 75 steps an epoch at batch 32; a 2x64 MLP,
    a 64-unit GRU on the pulses; one eval per epoch). Regimes by their real causes: Adam 1e-3 for
    10 epochs (15 for the GRU), or up to 25 with EarlyStopping(patience 3) (healthy); a 2x512 MLP
    on 150 rows with 20% flipped labels (the pulses: 100 rows, 30%; the regression: N(0, 1) noise
    on the scaled train targets) for 20 epochs or until EarlyStopping(patience 5) stops it
    (overfitting); a linear model at Adam 3e-3 (on the pulses, which a linear model reads well, a
    2-unit hidden layer at Adam 1e-2) (underfitting); Adam 0.03 (the regression 0.05) at batch 8
    (erratic); Adam 1e-3 raised x100 at epoch 5 or x300 at epoch 4, to 0.1-0.3 (diverging); an
    LR bump x60 for 8 steps just before the fifth evaluation, or 12 random-label batches just
    before the fourth (loss_spike); Adam 1e-4 cut at 4 epochs (still_improving); 30 steps with
    one evaluation (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV43_TASKS:
        seq, reg = T == "b43_pulses6", T == "b43_energy_reg"
        arch = "rnn" if seq else None
        Q = {"model": "medium", "arch": arch, "batch": 32, "log_every": 20, "train_log": "step"}
        ov = {"model": "wide", "arch": None, "n_train": 100 if seq else 150, "batch": 16,
              "label_noise": 1.0 if reg else 0.3 if seq else 0.2}
        # a linear model reads the pulses well: a 2-unit hidden layer underfits them
        small = dict(Q, model="tiny" if seq else "linear", arch=None)
        he = 15 if seq else 10      # the GRU is still learning at 10 epochs
        out += [
            R(H, f"adam1e-3-b32-e{he}", T, **Q, lr=1e-3, epochs=he, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving"]),
            R(H, "adam1e-3-es3-e25-epochlog", T, **dict(Q, train_log="epoch"), lr=1e-3,
              epochs=25, early_stop=3, seeds=(1,), writers=(LC,), acceptable=["still_improving"]),
            R(OV, "wide-n{}-e20".format(ov["n_train"]), T, **dict(Q, **ov, log_every=10),
              lr=1e-3, epochs=20,
              seeds=(1, 2), writers=(SW, LC)),
            R(OV, "wide-n{}-es5-e40".format(ov["n_train"]), T, **dict(Q, **ov, log_every=10),
              lr=1e-3, epochs=40,
              early_stop=5, seeds=(3,), writers=(LC,)),
            R(U, ("tiny-h2-adam1e-2" if seq else "linear-adam3e-3") + "-e10", T, **small,
              lr=1e-2 if seq else 3e-3,
              epochs=10, seeds=(1, 2), writers=(SW, LC), acceptable=["still_improving"]),
            R(E, "adam{:g}-b8-e8".format(0.05 if reg else 0.03), T,
              **dict(Q, batch=8, log_every=50), lr=0.05 if reg else 0.03, epochs=8,
              seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting", "diverging"]),
            R(D, "adam1e-3-jump-x100-e5", T, **dict(Q, log_every=10), lr=1e-3, sched="jump",
              jump=(B43_SPE * 5, 100), epochs=10, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "erratic"]),
            R(D, "adam1e-3-jump-x300-e4", T, **dict(Q, log_every=10), lr=1e-3, sched="jump",
              jump=(B43_SPE * 4, 300), epochs=10, seeds=(2,), writers=(LC,),
              acceptable=["underfitting", "erratic"]),
            R(P, "lrbump8-x60-before-eval5", T, **dict(Q, log_every=5), lr=1e-3, epochs=10,
              bumps=[(B43_SPE * 5 - 10, 8, 60)], seeds=(1,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "poison-labels12-before-eval4", T, **dict(Q, log_every=5), lr=1e-3, epochs=10,
              poison=[(B43_SPE * 4 - 14, 12, "labels")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "adam1e-4-cut-e4", T, **dict(Q, log_every=10), lr=1e-4, epochs=4, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting"]),
            R(INS, "stopped30", T, **dict(Q, log_every=10), lr=1e-3, max_steps=30, val_every=20,
              seeds=(3,), writers=(SW,)),
        ]
    return out


_b43_prev_cause = cause


def target_noise_cause(prev_cause, r: Recipe, task) -> str:
    """``prev_cause``'s text for a regression whose label_noise is N(0, label_noise^2) noise on
    the scaled train targets, not flipped labels (batches 43 and 45)."""
    s = prev_cause(replace(r, label_noise=0.0), task)
    if r.label_noise:
        n = f"{len(task.x_train)} train examples"
        s = s.replace(n, f"{n}, N(0, {r.label_noise:g}^2) noise on the scaled train targets", 1)
    return s


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Forty-third batch: the regression's label_noise is noise on its targets
    (``target_noise_cause``); else as before."""
    if r.task == "b43_energy_reg":
        return target_noise_cause(_b43_prev_cause, r, task)
    return _b43_prev_cause(r, task)


add_batch_by_writers(b43_recipes)


# ----------------------------------------------------------------------------- forty-fifth batch
# SPARSE VALIDATION (tasks.DEV45_TASKS: b45_aniso5, b45_warp_reg, b45_xor4): MLPs trained for
# 20-80 epochs with the train loss logged every 5-10 steps (Lightning on_epoch only in one
# recipe) and a validation pass only every 2-10 epochs (a SummaryWriter loop that validates
# every k epochs, Lightning check_val_every_n_epoch=k): 2-16 evaluations a run. Spikes between
# two evaluations (train only) or just before one (caught by it). Kept in one block at the end
# of the file (b45_ names): the batch's recipes are chained after every earlier recipe
# (add_batch); nothing earlier changes.
from tasks import DEV45_TASKS  # noqa: E402

REG_TASKS = REG_TASKS + ("b45_warp_reg",)
B45_SPE = 38        # steps an epoch: 1200 train rows at batch 32


def b45_recipes() -> list[Recipe]:
    """Forty-fifth dev batch, torch (1200 train rows, 38 steps an epoch at batch 32, a 2x64 MLP
    unless named, val every val_epochs epochs). Regimes by their real causes: Adam 1e-3 for 40
    epochs, val every 4, or AdamW 3e-4 + cosine for 60 epochs, val every 6, train loss per
    epoch (healthy); a 2x512 MLP on 150 rows with 20% flipped labels (the regression: 300 rows
    with N(0, 1) noise on the scaled train targets) for 80 epochs, val every 5 (overfitting); a
    linear model at Adam 3e-3 (underfitting); Adam 0.05 at batch 8, or 0.02 at batch 4, val
    every 2 (erratic); Adam 1e-3 raised
    x300 at epoch 12 for good, val every 3 (diverging); an LR bump x60 for 10 steps two epochs
    after an evaluation, or 10 random-label batches just before one (loss_spike); Adam 1e-4 cut
    at 24 epochs, val every 3 (still_improving); 2 epochs with one evaluation, the train loss
    every 20 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV45_TASKS:
        reg = T == "b45_warp_reg"
        Q = {"model": "medium", "batch": 32, "log_every": 10, "train_log": "step"}
        # the regression: 150 rows with N(0, 0.5^2) target noise left val flat (no rise); 300 rows
        # with N(0, 1) noise overfit from the second evaluation on
        ov = {"model": "wide", "n_train": 300 if reg else 150, "batch": 16, "log_every": 5,
              "label_noise": 1.0 if reg else 0.2}
        out += [
            R(H, "b45-adam1e-3-e40-valk4", T, **Q, lr=1e-3, epochs=40, val_epochs=4,
              seeds=(1, 2), writers=(SW, LC), acceptable=["still_improving"]),
            R(H, "b45-adamw3e-4-cos-e60-valk6-epochlog", T, **dict(Q, train_log="epoch"),
              opt="adamw", wd=0.01, lr=3e-4, sched="cosine", epochs=60, val_epochs=6,
              seeds=(3,), writers=(LC,), acceptable=["still_improving"]),
            R(OV, "b45-wide-n{}-noise{}-e80-valk5".format(ov["n_train"],
                                                          int(ov["label_noise"] * 100)), T,
              **dict(Q, **ov), lr=1e-3, epochs=80, val_epochs=5, seeds=(1, 2),
              writers=(SW, LC)),
            R(U, "b45-linear-adam3e-3-e40-valk4", T, **dict(Q, model="linear"), lr=3e-3,
              epochs=40, val_epochs=4, seeds=(1, 2), writers=(LC, SW),
              acceptable=["still_improving"]),
            R(E, "b45-adam0.05-b8-e20-valk2", T, **dict(Q, batch=8, log_every=20), lr=0.05,
              epochs=20, val_epochs=2, seeds=(1,), writers=(LT,),
              acceptable=["underfitting", "diverging"]),
            R(D, "b45-adam1e-3-jump-x300-e12-valk3", T, **Q, lr=1e-3, sched="jump",
              jump=(B45_SPE * 12, 300), epochs=30, val_epochs=3, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting", "erratic"]),
            R(P, "b45-lrbump10-x60-between-evals-valk5", T, **dict(Q, log_every=5), lr=1e-3,
              epochs=40, val_epochs=5, bumps=[(B45_SPE * 22, 10, 60)], seeds=(1,),
              writers=(SW,), acceptable=["healthy"]),
            R(P, "b45-poison-labels10-before-eval-valk4", T, **dict(Q, log_every=5), lr=1e-3,
              epochs=40, val_epochs=4, poison=[(B45_SPE * 20 - 12, 10, "labels")], seeds=(2,),
              writers=(LC,), acceptable=["healthy"]),
            R(S, "b45-adam1e-4-cut-e24-valk3", T, **Q, lr=1e-4, epochs=24, val_epochs=3,
              seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting"]),
            *([] if T == "b45_aniso5" else [
                R(E, "b45-adam0.02-b4-e12-valk2", T, **dict(Q, batch=4, log_every=20), lr=0.02,
                  epochs=12, val_epochs=2, seeds=(1,), writers=(SW,),
                  acceptable=["underfitting", "healthy"])]),
            R(INS, "b45-stopped-e2-valk2", T, **dict(Q, log_every=20), lr=1e-3, epochs=2,
              val_epochs=2,
              seeds=(3,), writers=(SW,)),
        ]
    return out


_b45_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Forty-fifth batch: the regression's label_noise is N(0, label_noise^2) noise on the scaled
    train targets, not flipped labels, and the validation cadence is said; else as before."""
    if r.task not in DEV45_TASKS:
        return _b45_prev_cause(r, task)
    s = target_noise_cause(_b45_prev_cause, r, task) if r.task == "b45_warp_reg" \
        else _b45_prev_cause(r, task)
    if r.writer == "summarywriter":
        s += f"; val pass every {r.val_epochs} epochs (and at the end) at the global step"
    else:
        s += f"; Trainer(check_val_every_n_epoch={r.val_epochs}, log_every_n_steps={r.log_every})"
    if r.train_log == "epoch":
        s += ", train_loss logged on_epoch only"
    return s


add_batch_by_writers(b45_recipes)


# ----------------------------------------------------------------------------- forty-sixth batch
# UNSCALED REGRESSION AS PEOPLE RUN IT (tasks.DEV46_TASKS: b46_house_price, b46_trip_counts,
# b46_job_secs): targets in raw units, a sale price in dollars trained on its MSE (loss 1e9-1e11),
# log1p of an hourly count trained on its MSE with the inputs left unscaled, job durations in
# seconds trained on a Huber loss (delta 1: an L1 of 1e2-1e3); MAE, RMSE, R2 (and MAPE on the
# price and the seconds) logged beside the val loss; Adam at 1e-3 (too slow for raw dollars) to
# 3e-2, ReduceLROnPlateau in some. Kept in one block at the end of the file (b46_ names):
# loss_and_metric, f1_metric and describe are wrapped for these tasks only; the batch's runs are
# chained after every earlier one (add_batch); nothing earlier changes.
from tasks import DEV46_TASKS  # noqa: E402

REG_TASKS = REG_TASKS + DEV46_TASKS
B46_LOSS = {"b46_house_price": "MSE of the raw price in dollars",
            "b46_trip_counts": "MSE of log1p(count) (a log-transformed target; raw inputs)",
            "b46_job_secs": "Huber (delta 1, torch's default) of the raw seconds"}
B46_SPE = 63        # steps an epoch: 2000 train rows at batch 32
_b46_prev_loss_and_metric = loss_and_metric
_b46_prev_f1_metric = f1_metric
_b46_prev_describe = describe


def loss_and_metric(task, out, y, smooth=0.0):  # noqa: F811  (the forty-sixth batch's first)
    """Forty-sixth batch: Huber (delta 1) on b46_job_secs, the MSE on the other two, with the
    MAE; else the earlier loss_and_metric."""
    if task.name in DEV46_TASKS:
        import torch.nn.functional as F
        out = out.squeeze(-1)
        loss = (F.huber_loss(out, y, delta=1.0) if task.name == "b46_job_secs"
                else F.mse_loss(out, y))
        return loss, "mae", (out - y).abs().mean()
    return _b46_prev_loss_and_metric(task, out, y, smooth)


def f1_metric(task, out, y) -> list:  # noqa: F811  (the forty-sixth batch's metrics first)
    """Forty-sixth batch: rmse, r2 (and mape on the price and the seconds); else as before."""
    if task.name in DEV46_TASKS:
        return b30_metrics(out, y, mape=task.name != "b46_trip_counts")
    return _b46_prev_f1_metric(task, out, y)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the forty-sixth batch the loss and the metrics."""
    s = _b46_prev_describe(r, task)
    if r.task in DEV46_TASKS:
        s += (f"forty-sixth batch: loss {B46_LOSS[r.task]}; val metrics mae, rmse, r2"
              f"{', mape' if r.task != 'b46_trip_counts' else ''}\n")
    return s


def b46_recipes() -> list[Recipe]:
    """Forty-sixth dev batch, torch (2000 train rows, 63 steps an epoch at batch 32; a 2x64 MLP
    unless named; one evaluation an epoch). Regimes by their real causes: Adam 3e-2 (the price)
    or 1e-2 for 30 epochs, or ReduceLROnPlateau(0.5, patience 2) (healthy); a 2x512 MLP on 80 rows
    with multiplicative N(0, 0.3^2) target noise for 300 epochs (overfitting); a 2-unit hidden
    layer (the price) or a linear model (underfitting); Adam 0.3 (the log counts 0.05) at batch 8
    (erratic); SGD whose LR grows x1.01 a step, no clipping, from 1e-7 on the raw price, 1e-3 on
    the log counts and 1e-4 on the seconds (diverging); an LR bump x30 for 10 steps or 20 batches
    of corrupted targets (loss_spike); Adam 1e-3 on the raw price or seconds (too slow for their
    units) or 1e-4 on the log counts, cut at 8 epochs (still_improving); 30 steps
    (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV46_TASKS:
        price, counts = T == "b46_house_price", T == "b46_trip_counts"
        Q = {"model": "medium", "batch": 32, "log_every": 10, "train_log": "step"}
        lr = 3e-2 if price else 1e-2
        e_lr = 0.05 if counts else 0.3
        g_lr = 1e-7 if price else 1e-3 if counts else 1e-4
        s_lr = 1e-4 if counts else 1e-3
        out += [
            R(H, f"b46-adam{lr:g}-e30", T, **Q, lr=lr, epochs=30, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving"]),
            R(H, f"b46-adam{lr:g}-plateau-e30", T, **Q, lr=lr, sched="plateau", gamma=0.5,
              patience=2, epochs=30, seeds=(1, 2), writers=(LC, SW),
              acceptable=["still_improving"]),
            R(OV, "b46-wide-n80-noise30-e300", T, **dict(Q, model="wide", batch=16, log_every=5),
              n_train=80, label_noise=0.3, lr=3e-3 if not price else lr, epochs=300,
              seeds=(1, 2), writers=(SW, LC)),
            R(U, ("b46-tiny-h2" if price else "b46-linear") + "-e30", T,
              **dict(Q, model="tiny" if price else "linear"), lr=lr if not price else 0.1,
              epochs=30, seeds=(1, 2), writers=(SW, LC),
              acceptable=["still_improving"]),
            R(E, f"b46-adam{e_lr:g}-b8-e8", T, **dict(Q, batch=8, log_every=25), lr=e_lr,
              epochs=8, seeds=(1,), writers=(SW,), acceptable=["underfitting", "diverging"]),
            R(D, f"b46-sgd{g_lr:g}-grow1.01-noclip", T, **Q, opt="sgd", lr=g_lr, sched="grow",
              grow=1.01, max_steps=1200, seeds=(1,), writers=(LC,),
              acceptable=["underfitting", "erratic"]),
            R(P, "b46-lrbump10-x30-e15", T, **dict(Q, log_every=5), lr=lr, epochs=25,
              bumps=[(B46_SPE * 15, 10, 30)], seeds=(1,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "b46-poison-targets20-e12", T, **dict(Q, log_every=5), lr=lr, epochs=25,
              poison=[(B46_SPE * 12 - 20, 20, "labels")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, f"b46-adam{s_lr:g}-cut-e8", T, **Q, lr=s_lr, epochs=8, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting"]),
            R(INS, "b46-stopped30", T, **Q, lr=lr, max_steps=30, val_every=20, seeds=(3,),
              writers=(SW,)),
        ]
    # after the first pass: Adam 0.05 / 0.3 at batch 8 trained noisily downward on the counts and
    # the seconds, and Adam 1e-4 on the log counts levelled at the mean's loss within 4 epochs:
    # SGD 0.01 (momentum 0.9) at batch 4 on the counts' raw inputs (hour 0-23, humidity 20-100),
    # Adam 3 at batch 4 on the seconds (erratic), and Adam 1e-3 on the counts cut at 8 epochs
    # (still_improving)
    Q = {"model": "medium", "log_every": 25, "train_log": "step"}
    out += [
        R(E, "b46-sgd0.01-b4-rawinputs-e4", "b46_trip_counts", **Q, batch=4, opt="sgd",
          lr=0.01, epochs=4, val_every=100, seeds=(1, 2), writers=(SW, LC),
          acceptable=["underfitting", "diverging"]),
        R(E, "b46-adam3-b4-e4", "b46_job_secs", **Q, batch=4, lr=3.0, epochs=4, val_every=100,
          seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting", "diverging"]),
        R(S, "b46-adam0.001-cut-e8", "b46_trip_counts", **dict(Q, log_every=10), batch=32,
          lr=1e-3, epochs=8, seeds=(1, 3), writers=(SW, LC, LC), acceptable=["underfitting"]),
    ]
    # after the second pass: SGD 0.01 at batch 4 on the raw inputs blew up to NaN (kept, as
    # diverging) and Adam 3 at batch 4 on the seconds collapsed to a constant (dropped): Adam
    # 0.03 at batch 4 on the counts and Adam 1 at batch 4 on the seconds, 1,500 steps, val every
    # 100 (erratic)
    out += [
        R(E, f"b46-adam{lr:g}-b4-1500", T, **Q, batch=4, lr=lr, max_steps=1500, val_every=100,
          seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting", "diverging", "healthy"])
        for T, lr in (("b46_trip_counts", 0.03), ("b46_job_secs", 1.0))
    ]
    return out


_b46_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Forty-sixth batch: label_noise multiplies the raw train targets by exp(N(0, noise^2)) (adds
    it to the log counts), not flipped labels; the loss; else as before."""
    if r.task not in DEV46_TASKS:
        return _b46_prev_cause(r, task)
    s = _b46_prev_cause(replace(r, label_noise=0.0), task)
    if r.label_noise:
        n = f"{len(task.x_train)} train examples"
        s = s.replace(n, f"{n}, train targets x exp(N(0, {r.label_noise:g}^2))", 1)
    return s + f"; loss: {B46_LOSS[r.task]}"


add_batch_by_writers(b46_recipes)


# ----------------------------------------------------------------------------- forty-eighth batch
# SMALL VALIDATION SETS (tasks.DEV48_TASKS: b48_few4, b48_quant2, b48_fold3): MLPs trained on
# 60-300 rows for 40-200 epochs at batch 16 (5-19 steps an epoch), one evaluation an epoch on a
# val set of 48, 32 or 20 examples (one fold of five on b48_fold3), so val accuracy moves in
# steps of 1/48-1/20 and the val loss is noisy. Kept in one block at the end of the file (b48_
# names): the batch's recipes are chained after every earlier recipe (add_batch); nothing
# earlier changes.
from tasks import B48_SIZES, DEV48_TASKS, b48_val_text, cause_with  # noqa: E402


def b48_recipes() -> list[Recipe]:
    """Forty-eighth dev batch, torch (B48_SIZES train / val rows, batch 16, a 2x64 MLP unless
    named, one evaluation an epoch on the small val set). Regimes by their real causes: AdamW
    1e-3 (wd 0.01) for 60 epochs (the 4 classes 30, the 80-row fold 120) (healthy); a 2x512
    MLP on 60 rows (the fold: its 80) with 20% flipped labels for 200 epochs (overfitting); a
    linear model on the quantile shells, a 2-unit hidden layer on the 4 classes, Adam 1e-5 on
    the fold (underfitting); Adam 0.02 (the fold 0.05) at batch 4 (erratic); Adam 1e-3 raised
    x300 at epoch 20 for good (diverging); an LR bump x60 (the shells x30) for 8 steps, or 8
    random-label batches just before an evaluation (loss_spike); Adam 1e-3 (the 4 classes 3e-4)
    cut at 10 epochs (the fold 20) (still_improving); 20 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV48_TASKS:
        n_tr = B48_SIZES[T][0]
        fold = T == "b48_fold3"
        spe = -(-n_tr // 16)                       # steps an epoch at batch 16
        ep = 2 if fold else 1                      # the 80-row fold: twice the epochs
        Q = {"model": "medium", "batch": 16, "log_every": 5, "train_log": "step"}
        ov_n = 80 if fold else 60
        # a 2-unit layer reads the 80-row fold well: there, Adam 1e-5 (an LR far too low)
        small = {"b48_quant2": "linear", "b48_few4": "tiny"}.get(T, "medium")
        u_lr = {"b48_quant2": 3e-3, "b48_few4": 1e-2}.get(T, 1e-5)
        e_lr = 0.05 if fold else 0.02          # Adam 0.05 collapsed the 4-class MLP
        bump = 30 if T == "b48_quant2" else 60
        # the 4 classes: val best at epoch 13-20 and up 40-75% by 60; Adam 1e-3 levels in 10
        h_ep = 30 if T == "b48_few4" else 60 * ep
        s_lr = 3e-4 if T == "b48_few4" else 1e-3
        out += [
            R(H, f"b48-adamw1e-3-e{h_ep}", T, **Q, opt="adamw", wd=0.01, lr=1e-3,
              epochs=h_ep, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(OV, f"b48-wide-n{ov_n}-noise20-e200", T, **dict(Q, model="wide"),
              n_train=ov_n, label_noise=0.2, lr=1e-3, epochs=200, seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy"]),
            R(U, f"b48-{small}-adam{u_lr:g}-e{60 * ep}", T, **dict(Q, model=small), lr=u_lr,
              epochs=60 * ep, seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
            R(E, f"b48-adam{e_lr:g}-b4-e{15 * ep}", T, **dict(Q, batch=4, log_every=10),
              lr=e_lr, epochs=15 * ep, seeds=(1, 2), writers=(LC, SW),
              acceptable=["underfitting", "diverging"]),
            R(D, "b48-adam1e-3-jump-x300-e20", T, **Q, lr=1e-3, sched="jump",
              jump=(spe * 20, 300), epochs=50, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "erratic"]),
            R(P, f"b48-lrbump8-x{bump}-e30", T, **dict(Q, log_every=1), lr=1e-3, epochs=60 * ep,
              bumps=[(spe * 30 * ep, 8, bump)], seeds=(1,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "b48-poison-labels8-before-eval30", T, **dict(Q, log_every=1), lr=1e-3,
              epochs=60 * ep, poison=[(spe * 30 * ep - 8, 8, "labels")], seeds=(2,),
              writers=(LC,), acceptable=["healthy"]),
            R(S, f"b48-adam{s_lr:g}-cut-e{10 * ep}", T, **Q, lr=s_lr, epochs=10 * ep,
              seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting", "healthy"]),
            R(INS, "b48-stopped20", T, **dict(Q, log_every=10), lr=1e-3, max_steps=20,
              val_every=20, seeds=(3,), writers=(SW,)),
        ]
    return out


# Forty-eighth batch: the size of the val set (and, on b48_fold3, the fold) is said.
cause = cause_with(cause, DEV48_TASKS, lambda r, task: b48_val_text(task, r.seed))


add_batch_by_writers(b48_recipes)


# ----------------------------------------------------------------------------- forty-seventh batch
# LOSSES WITH PARTS AND NO NATURAL FLOOR on new generated tasks (tasks.DEV47_TASKS:
# b47_vae_swiss, b47_glyph_views, b47_hetero_friedman): a VAE's negative ELBO with its recon
# and KL parts logged (KL annealing that lifts the total early, a posterior collapse from a
# heavy KL weight), a contrastive encoder's InfoNCE (tau 0.1, groups of 64) beside its top-1
# retrieval accuracy, a Gaussian NLL of (mean, variance) that goes negative. The nineteenth and
# fifteenth batches' machinery (it dispatches on task.kind); kept in one block at the end of the
# file (b47_ names): describe and cause are wrapped for these tasks only, the batch's runs are
# chained after every earlier one (add_batch); nothing earlier changes.
from tasks import DEV47_TASKS  # noqa: E402

REG_TASKS = REG_TASKS + ("b47_hetero_friedman",)
B47_LOSS = {"b47_vae_swiss": "negative ELBO = summed squared recon error + beta x KL(q(z|x) || "
                             "N(0, I)); recon and KL logged beside it (train per step, val per "
                             "evaluation), the KL weight per step",
            "b47_glyph_views": "symmetric InfoNCE (tau 0.1) over groups of 64 pairs of augmented "
                               "views (ln 64 = 4.16 at chance); val top-1 retrieval accuracy",
            "b47_hetero_friedman": "Gaussian NLL of (mean, softplus variance), negative once the "
                                   "predicted variance is small; val MAE of the mean"}
_b47_prev_describe = describe
_b47_prev_cause = cause


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the forty-seventh batch the loss and its parts."""
    s = _b47_prev_describe(r, task)
    if r.task in DEV47_TASKS:
        s += f"forty-seventh batch: loss {B47_LOSS[r.task]}\n"
    return s


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Forty-seventh batch: the KL weight / annealing, static view pairs (label_noise >= 1 on the
    glyphs), noisy targets on the NLL task; the loss; else as before."""
    if r.task not in DEV47_TASKS:
        return _b47_prev_cause(r, task)
    s = _b47_prev_cause(replace(r, label_noise=0.0), task)
    if r.label_noise and r.task == "b47_glyph_views":
        s += "; the two train views drawn once at load time (static pairs, the same every epoch)"
    elif r.label_noise:
        s += f"; N(0, {r.label_noise:g}^2) added to the standardised train targets"
    if r.arch == "vae" and (r.kl_weight != 1.0 or r.kl_anneal):
        s += f"; KL weight {r.kl_weight:g}"
        s += f", annealed linearly from 0 over {r.kl_anneal} steps" if r.kl_anneal else ""
    return s + f"; loss: {B47_LOSS[r.task]}"


def b47_recipes() -> list[Recipe]:
    """Forty-seventh dev batch, torch. b47_vae_swiss: a VAE (2x32, z 2; 63 steps an epoch at
    batch 32): Adam 1e-3 + cosine, or a KL annealing over 600 steps (healthy); KL weight 8 (a
    posterior collapse: KL -> 0, recon stalls at the mean's) or a 4-unit VAE (underfitting); a
    2x256 VAE with beta 0.02 on 40 rows (overfitting); Adam 0.03 at batch 8 (erratic); SGD whose
    LR grows x1.02 a step (diverging); an LR bump x30 for 10 steps or 5 batches of x10 inputs
    (loss_spike); Adam 2e-4 + cosine cut at 30% (still_improving); two evaluations
    (insufficient_data). b47_glyph_views: a contrastive encoder (2x256 -> 64; 24 steps an epoch
    at batch 64): Adam 3e-3 + cosine (healthy), Adam 1e-5 (underfitting), static view pairs of
    256 glyphs (overfitting), Adam 0.1 at batch 32 (erratic), Adam whose LR grows x1.03
    (diverging), an LR bump x10 or poisoned inputs (loss_spike), cut at 30% (still_improving),
    two evaluations. b47_hetero_friedman: a Gaussian NLL MLP (2x64): Adam 1e-3 + cosine
    (healthy), a linear model (underfitting), a 2x512 MLP on 300 rows (overfitting: the variance
    collapses on the train rows), Adam 0.01-0.02 at batch 8 judged on 32-40 val rows (erratic),
    SGD growing x1.02, no clipping (diverging), an LR bump x10 or 10 batches of random targets
    (loss_spike), Adam 1e-4 cut at 8 epochs (still_improving), 30 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    T = "b47_vae_swiss"
    B = {"arch": "vae", "model": "small", "batch": 32, "train_log": "step"}
    n = 63 * 20
    out += [
        R(H, "b47-vae-cosine-e20", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=10,
          seeds=(1, 2, 3), writers=(SW, LC, LT), acceptable=["still_improving"]),
        R(H, "b47-vae-klanneal600-e25", T, **B, lr=1e-3, kl_anneal=600, epochs=25,
          log_every=10, seeds=(1, 2), writers=(SW, LC), acceptable=["still_improving"]),
        R(U, "b47-vae-collapse-klw8", T, **B, lr=1e-3, kl_weight=8.0, epochs=15, log_every=10,
          seeds=(1, 2), writers=(LC, SW)),
        R(U, "b47-vae-tiny-h4", T, **dict(B, model="tiny"), lr=1e-3, epochs=15, log_every=10,
          seeds=(3,), writers=(LC,), acceptable=["still_improving"]),
        R(OV, "b47-vae-wide-beta0.02-n40", T, **dict(B, model="wide", batch=10), n_train=40,
          kl_weight=0.02, lr=3e-3, max_steps=2500, epochs=None, val_every=100, log_every=10,
          seeds=(1, 2), writers=(SW, LC)),
        R(E, "b47-vae-adam0.03-b8", T, **dict(B, batch=8), lr=0.03, max_steps=1500,
          epochs=None, val_every=75, log_every=10, seeds=(1,), writers=(SW,),
          acceptable=["healthy", "underfitting"]),
        R(D, "b47-vae-sgd-grow1.02", T, **B, opt="sgd", lr=1e-3, sched="grow", grow=1.02,
          epochs=8, val_every=21, log_every=5, seeds=(2,), writers=(LC,)),
        R(P, "b47-vae-lrbump10-x30", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=2,
          val_every=21, bumps=[(600, 10, 30)], seeds=(1,), writers=(SW,),
          acceptable=["healthy"]),
        R(P, "b47-vae-poison5-inputs", T, **B, lr=1e-3, sched="cosine", epochs=20, log_every=2,
          val_every=21, poison=[(600, 5, "inputs")], seeds=(3,), writers=(LC,)),
        R(S, "b47-vae-cosine-stop30pct", T, **B, lr=2e-4, sched="cosine", log_every=5,
          val_every=21, max_steps=3 * n // 10, epochs=None, planned=n, seeds=(1,),
          writers=(SW,)),
        R(INS, "b47-vae-twoevals", T, **B, lr=1e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(2,), writers=(SW,)),
    ]
    T = "b47_glyph_views"
    B = {"arch": "contrastive", "model": "medium", "batch": 64, "train_log": "step"}
    n = 24 * 60
    out += [
        R(H, "b47-con-cosine-e60", T, **B, lr=3e-3, sched="cosine", epochs=60, log_every=12,
          val_every=48, seeds=(1, 2, 3), writers=(SW, LC, LT), acceptable=["still_improving"]),
        R(U, "b47-con-lr1e-5", T, **B, lr=1e-5, epochs=20, log_every=12, val_every=24,
          seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
        R(OV, "b47-con-static-n256", T, **B, n_train=256, label_noise=1.0, lr=1e-3,
          max_steps=1000, epochs=None, val_every=25, log_every=5, seeds=(1, 2),
          writers=(SW, LC), acceptable=["underfitting"]),
        R(E, "b47-con-adam0.1-b32", T, **dict(B, model="small", batch=32), lr=0.1,
          max_steps=1500, epochs=None, val_every=50, log_every=10, seeds=(1,), writers=(LC,),
          acceptable=["healthy", "underfitting", "still_improving"]),
        R(D, "b47-con-adam-grow1.03", T, **B, lr=1e-3, sched="grow", grow=1.03, epochs=20,
          val_every=24, log_every=4, seeds=(2,), writers=(SW,),
          acceptable=["erratic", "underfitting"]),
        R(P, "b47-con-lrbump10-x10", T, **B, lr=3e-3, sched="cosine", epochs=40, log_every=2,
          val_every=24, bumps=[(480, 10, 10)], seeds=(1,), writers=(LC,),
          acceptable=["healthy"]),
        R(P, "b47-con-poison5-inputs", T, **B, lr=3e-3, sched="cosine", epochs=40, log_every=2,
          val_every=24, poison=[(480, 5, "inputs")], seeds=(3,), writers=(SW,),
          acceptable=["healthy"]),
        R(S, "b47-con-cosine-stop30pct", T, **B, lr=3e-4, sched="cosine", log_every=6,
          val_every=24, max_steps=3 * n // 10, epochs=None, planned=n, seeds=(1,),
          writers=(SW,)),
        R(INS, "b47-con-twoevals", T, **B, lr=3e-3, max_steps=40, epochs=None, val_every=20,
          log_every=20, seeds=(2,), writers=(LC,)),
    ]
    T = "b47_hetero_friedman"
    B = {"model": "medium", "batch": 32, "train_log": "step"}
    out += [
        R(H, "b47-nll-adam1e-3-cosine-e20", T, **B, lr=1e-3, sched="cosine", epochs=20,
          log_every=10, seeds=(1, 2, 3), writers=(SW, LC, LT),
          acceptable=["still_improving"]),
        R(U, "b47-nll-linear-e30", T, **dict(B, model="linear"), lr=1e-2, epochs=30,
          log_every=10, seeds=(1, 2), writers=(LC, SW)),
        R(OV, "b47-nll-wide-n300", T, **dict(B, model="wide", batch=20), n_train=300,
          lr=1e-3, max_steps=1500, epochs=None, val_every=50, log_every=10, seeds=(1, 2),
          writers=(SW, LC)),
        R(E, "b47-nll-adam0.01-b8-val40", T, **dict(B, batch=8), n_val=40, lr=0.01,
          max_steps=1500, epochs=None, val_every=50, log_every=10, seeds=(1,), writers=(SW,),
          acceptable=["healthy", "underfitting", "diverging"]),
        R(D, "b47-nll-sgd-grow1.02-noclip", T, **B, opt="sgd", lr=1e-3, sched="grow",
          grow=1.02, max_steps=800, epochs=None, val_every=25, log_every=5, seeds=(2,),
          writers=(LC,), acceptable=["erratic"]),
        R(P, "b47-nll-lrbump10-x10", T, **B, lr=1e-3, epochs=25, log_every=5,
          bumps=[(63 * 15, 10, 10)], seeds=(1,), writers=(LC,), acceptable=["healthy"]),
        R(P, "b47-nll-poison10-labels", T, **B, lr=3e-3, epochs=25, log_every=5,
          poison=[(63 * 12 - 10, 10, "labels")], seeds=(3,), writers=(SW,),
          acceptable=["healthy"]),
        R(S, "b47-nll-adam1e-4-cut-e8", T, **B, lr=1e-4, epochs=8, log_every=10, seeds=(1,),
          writers=(SW,), acceptable=["underfitting"]),
        R(INS, "b47-nll-stopped30", T, **B, lr=3e-3, max_steps=30, epochs=None, val_every=20,
          log_every=10, seeds=(2,), writers=(LC,)),
    ]
    # after the first pass: the hot-LR recipes trained noisily downward (healthy) or sat flat
    # (underfitting); the everyday cause of a jumpy val curve added: a hot LR judged on a tiny
    # val set (32 rows), 1,500-3,000 steps
    out += [
        R(E, "b47-vae-adam0.03-b8-val32", "b47_vae_swiss", arch="vae", model="small", batch=8,
          train_log="step", n_val=32, lr=0.03, max_steps=1500, epochs=None, val_every=50,
          log_every=10, seeds=(2, 3), writers=(SW, LC),
          acceptable=["healthy", "underfitting"]),
        R(E, "b47-nll-adam0.02-b8-val32", "b47_hetero_friedman", model="medium", batch=8,
          train_log="step", n_val=32, lr=0.02, max_steps=3000, epochs=None, val_every=100,
          log_every=20, seeds=(2, 3), writers=(SW, LC),
          acceptable=["healthy", "underfitting"]),
    ]
    return out


add_batch_by_writers(b47_recipes)


# ----------------------------------------------------------------------------- forty-ninth batch
# RECURRENT MODELS AND GRADIENT CLIPPING on three new generated token tasks (tasks.DEV49_TASKS:
# b49_add_lm, b49_reverse_lm, b49_dyck_lm): 2x64 LSTMs and GRUs trained with and without
# gradient clipping (the grad norm logged beside the loss, before clipping), the train
# loss every 5-20 steps, val (loss, token accuracy and perplexity) every epoch or every 20-30
# steps. Exploding-gradient spikes from an LR bump without clipping and the same bump clipped,
# NaN blow-ups from SGD whose LR grows without clipping, a 1x16 vanilla tanh RNN (too small, its
# gradient fading over the sequence), a 2x128 LSTM on 200 sequences, runs cut short. Kept in
# one block at the end of the file (b49_ names): f1_metric and cause are wrapped for these tasks
# only, the batch's runs are chained after every earlier one (add_batch); nothing earlier
# changes.
from tasks import DEV49_TASKS, b49_rnn_text  # noqa: E402

_b49_prev_f1_metric = f1_metric
_b49_prev_cause = cause


def f1_metric(task, out, y) -> list:  # noqa: F811  (the forty-ninth batch's metric first)
    """Forty-ninth batch: [("perplexity", exp of the val cross-entropy)]; else as before."""
    if task.name in DEV49_TASKS:
        import torch.nn.functional as F
        ce = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1)).item()
        return [("perplexity", math.exp(min(ce, 50.0)))]
    return _b49_prev_f1_metric(task, out, y)


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Forty-ninth batch: the recurrent net, random train targets, clipping or none, the task;
    else as before."""
    if r.task not in DEV49_TASKS:
        return _b49_prev_cause(r, task)
    return _b49_prev_cause(replace(r, label_noise=0.0), task) + b49_rnn_text(
        r.task, r.arch, r.model, r.label_noise, r.clip) + "; val perplexity logged"


def b49_recipes() -> list[Recipe]:
    """Forty-ninth dev batch, torch (4000 train sequences, 63 steps an epoch at batch 64; a 2x64
    LSTM unless named). Regimes by their real causes: Adam 0.01 + cosine, clip 1, 10 epochs
    (the brackets Adam 3e-3) (healthy; a GRU too on the addition); a 1x16 vanilla tanh RNN,
    Adam 0.01, clip 1, 20 epochs (underfitting: too small, and its gradient fades over the
    sequence); a 2x128 LSTM on 200 sequences (reversal and brackets: 20% random targets) for
    600 steps (overfitting); Adam 0.01 at batch 4 without clipping, judged on 48 val sequences
    (erratic); SGD 0.1 whose LR grows x1.01 a step without clipping (diverging, NaN); Adam 3e-3
    with an LR bump x30 for 5 steps without clipping, or 10 random-target batches
    (loss_spike); the same bump with clip 1 (healthy: clipping absorbs it); Adam 3e-3 + cosine
    cut at 30% (still_improving); 40 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV49_TASKS:
        B = {"arch": "lstm", "model": "medium", "batch": 64, "train_log": "step"}
        n = 63 * 10
        h_lr = 3e-3 if T == "b49_dyck_lm" else 0.01
        ov_noise = 0.0 if T == "b49_add_lm" else 0.2
        out += [
            R(H, f"b49-lstm-adam{h_lr:g}-cos-clip1-e10", T, **B, lr=h_lr, sched="cosine", clip=1.0,
              epochs=10, log_every=10, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving"]),
            R(U, "b49-rnn-tiny16-adam0.01-clip1-e20", T, **dict(B, arch="b49rnn", model="tiny"),
              lr=0.01, clip=1.0, epochs=20, log_every=10, seeds=(1, 2), writers=(SW, LC),
              acceptable=["still_improving"]),
            R(OV, f"b49-lstm-wide-n200-noise{ov_noise * 100:g}-600", T,
              **dict(B, model="wide", batch=20), n_train=200, label_noise=ov_noise, lr=3e-3,
              clip=1.0, max_steps=600, epochs=None, val_every=30, log_every=10, seeds=(1, 2),
              writers=(SW, LC)),
            R(E, "b49-lstm-adam0.01-b4-noclip-val48", T, **dict(B, batch=4), n_val=48, lr=0.01,
              max_steps=600, epochs=None, val_every=30, log_every=5, seeds=(1,),
              writers=(SW,), acceptable=["underfitting", "diverging", "loss_spike"]),
            R(D, "b49-lstm-sgd0.1-grow1.01-noclip", T, **B, opt="sgd", lr=0.1, sched="grow",
              grow=1.01, max_steps=700, epochs=None, val_every=25, log_every=5, seeds=(2,),
              writers=(LC,), acceptable=["erratic"]),
            R(P, "b49-lstm-lrbump5-x30-noclip", T, **B, lr=3e-3, epochs=10, log_every=5,
              val_every=30, bumps=[(350, 5, 30)], seeds=(1,), writers=(SW,),
              acceptable=["healthy"]),
            R(H, "b49-lstm-lrbump5-x30-clip1", T, **B, lr=3e-3, clip=1.0, epochs=10,
              log_every=5, val_every=30, bumps=[(350, 5, 30)], seeds=(1,), writers=(LC,),
              acceptable=["loss_spike"]),
            R(P, "b49-lstm-poison10-labels", T, **B, lr=0.01, clip=1.0, epochs=10, log_every=5,
              val_every=30, poison=[(340, 10, "labels")], seeds=(3,), writers=(SW,),
              acceptable=["healthy"]),
            R(S, "b49-lstm-cos-stop30pct", T, **B, lr=3e-3, sched="cosine", clip=1.0,
              log_every=5, val_every=20, max_steps=3 * n // 10, epochs=None, planned=n,
              seeds=(1,), writers=(SW,), acceptable=["underfitting"]),
            R(INS, "b49-lstm-stopped40", T, **B, lr=0.01, clip=1.0, max_steps=40, epochs=None,
              val_every=20, log_every=20, seeds=(2,), writers=(SW,)),
        ]
    # after the first pass: Adam 0.01-0.05 at batch 4 stalled or trained smoothly (underfitting,
    # still_improving); the everyday cause of a jumpy val curve added: a hot LR without clipping
    # judged on 16 val sequences, 1,500 steps
    for T in DEV49_TASKS:
        out.append(R(E, "b49-lstm-adam0.02-b8-noclip-val16", T, arch="lstm", model="medium",
                     batch=8, train_log="step", n_val=16, lr=0.02, max_steps=1500, epochs=None,
                     val_every=50, log_every=10, seeds=(2,), writers=(LC,),
                     acceptable=["healthy", "underfitting", "loss_spike"]))
    # and SGD 0.5 (momentum 0.9) at batch 8 without clipping: exploding gradients, again and
    # again, on 16 val sequences
    for T in DEV49_TASKS:
        out.append(R(E, "b49-lstm-sgd0.5-b8-noclip-val16", T, arch="lstm", model="medium",
                     batch=8, train_log="step", n_val=16, opt="sgd", lr=0.5, max_steps=1000,
                     epochs=None, val_every=40, log_every=10, seeds=(1,), writers=(SW,),
                     acceptable=["diverging", "underfitting", "loss_spike"]))
    # and SGD 1.0 (momentum 0.9) without clipping on the reversal, a pass of 1,500 steps
    out.append(R(E, "b49-lstm-sgd1-b8-noclip-val16", "b49_reverse_lm", arch="lstm",
                 model="medium", batch=8, train_log="step", n_val=16, opt="sgd", lr=1.0,
                 max_steps=1500, epochs=None, val_every=50, log_every=10, seeds=(3,),
                 writers=(SW,), acceptable=["diverging", "underfitting", "loss_spike"]))
    out.append(R(H, "b49-gru-adam0.01-cos-clip1-e10", "b49_add_lm", arch="gru", model="medium",
                 batch=64, train_log="step", lr=0.01, sched="cosine", clip=1.0, epochs=10,
                 log_every=10, seeds=(2,), writers=(LC,), acceptable=["still_improving"]))
    return out


add_batch_by_writers(b49_recipes)


# ----------------------------------------------------------------------------- fiftieth batch
# TIME-SERIES FORECASTING WITH TEMPORAL SPLITS (tasks.DEV50_TASKS: b50_season_fc, b50_shift_fc,
# b50_walk_fc): sliding windows of one generated series a seed, the val windows AFTER the train
# windows in time (a trend, a noisier regime or a drift makes val the harder, later data), a multi-
# step horizon (4-7 outputs), the MSE, the MAE (L1) or the sMAPE as the loss, a naive last-value
# forecast's val loss said in the cause; MLPs, a GRU and a 1-D CNN with one output a step of the
# horizon, ReduceLROnPlateau on some; a window too short to see the cycle (an MLP that reads only
# the last 2-4 values, arch "b50_lastK") for underfitting. Kept in one block at the end of the file
# (b50_ names): make_model (tasks.b50_model: the GRU / 1-D CNN of the horizon, the MLP on the last K
# values), loss_and_metric and cause are wrapped for these tasks only, the batch's recipes are
# chained after every earlier recipe (add_batch); nothing earlier changes.
from tasks import DEV50_TASKS, b50_loss, b50_model, b50_naive_text  # noqa: E402

REG_TASKS = REG_TASKS + DEV50_TASKS
B50_SPE = 74        # steps an epoch: 2347-2366 train windows at batch 32
_b50_prev_make_model = make_model
_b50_prev_loss_and_metric = loss_and_metric
_b50_prev_cause = cause


def make_model(task, size="small", arch=None, dropout=0.0, seed=0):  # noqa: F811
    """Fiftieth batch: tasks.b50_model (a GRU / 1-D CNN of the horizon, an MLP on the window's
    last K values); else the earlier make_model."""
    net = b50_model(task, size, arch, dropout, seed)
    return net if net is not None else _b50_prev_make_model(task, size, arch, dropout, seed=seed)


def loss_and_metric(task, out, y, smooth=0.0):  # noqa: F811  (the fiftieth batch's losses first)
    """Fiftieth batch: b50_loss with the MAE; else as before."""
    if task.name in DEV50_TASKS:
        out = out.squeeze(-1)
        pred = 1 + out if task.name == "b50_walk_fc" else out
        return b50_loss(task, out, y), "mae", (pred - y).abs().mean()
    return _b50_prev_loss_and_metric(task, out, y, smooth)


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Fiftieth batch: label_noise is noise on the scaled targets (``target_noise_cause``), and
    the horizon, the loss, the temporal split and the naive forecast's val loss are said; else
    as before."""
    if r.task in DEV50_TASKS:
        return target_noise_cause(_b50_prev_cause, r, task) + b50_naive_text(task)
    return _b50_prev_cause(r, task)


def b50_recipes() -> list[Recipe]:
    """Fiftieth dev batch, torch (2347-2366 train windows, 74 steps an epoch at batch 32; a 2x64 MLP
    unless named; one evaluation an epoch on the 547-566 later val windows). Regimes by their real
    causes: Adam 1e-3 for 20 epochs, or a GRU (the seasonal series), a 1-D CNN (the regime shifts)
    or AdamW with ReduceLROnPlateau(factor 0.5, patience 2) (healthy); a 2x512 MLP on the last 100
    train windows (a short history; the regime shifts: 60) with N(0, 0.3^2) noise on the scaled
    targets (the regime shifts: 0.6^2, the ratios: 0.1^2) for 300 epochs (overfitting); the MLP
    reading only the last 4 values (the walk: 2) of the window, too few to see the cycle
    (underfitting); Adam 0.02 at batch 8, judged every 100 steps on the first 40 val windows only
    (erratic); Adam 1e-3 raised x300 at epoch 5 for good, on the regime shifts SGD 1e-3 with the LR
    x1.02 a step (diverging); an LR bump x60 for 8 steps at epoch 10, or 8 random-target batches
    just before the tenth evaluation (loss_spike); Adam 1e-4 cut at 4 epochs (still_improving); 20
    steps with one evaluation (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    spe = B50_SPE
    out = []
    for T in DEV50_TASKS:
        Q = {"model": "medium", "batch": 32, "log_every": 10, "train_log": "step"}
        alt = {"b50_season_fc": ("gru32", dict(Q, arch="rnn", model="small"), 3e-3, "adam"),
               "b50_shift_fc": ("cnn16", dict(Q, arch="conv1d", model="medium"), 2e-3, "adam"),
               "b50_walk_fc": ("mlp", Q, 2e-3, "adamw")}[T]
        ov_noise = {"b50_walk_fc": 0.1, "b50_shift_fc": 0.6}.get(T, 0.3)   # ratios' sd 0.086
        ov_n = 60 if T == "b50_shift_fc" else 100
        k = 2 if T == "b50_walk_fc" else 4                  # the last 4 values see no cycle
        # the MAE of the regime shifts barely moves when the LR jumps: SGD with a growing LR
        dv = (("b50-sgd-grow1.02", dict(Q, opt="sgd", lr=1e-3, sched="grow", grow=1.02,
                                       max_steps=600, epochs=None, val_every=25, log_every=5))
              if T == "b50_shift_fc" else
              ("b50-adam1e-3-jump-x300-e5", dict(Q, lr=1e-3, sched="jump", jump=(spe * 5, 300),
                                                 epochs=15)))
        out += [
            R(H, "b50-adam1e-3-e20", T, **Q, lr=1e-3, epochs=20, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving", "overfitting"]),
            R(H, f"b50-{alt[0]}-{alt[3]}{alt[2]:g}-plateau-e15", T, **alt[1], opt=alt[3],
              lr=alt[2], sched="plateau", gamma=0.5, patience=2, epochs=15, seeds=(1, 2),
              writers=(LC, SW), acceptable=["still_improving", "overfitting"]),
            R(OV, f"b50-wide-last{ov_n}-noise{ov_noise:g}-e300", T,
              **dict(Q, model="wide", log_every=5), n_train=ov_n, label_noise=ov_noise, lr=1e-3,
              epochs=300, seeds=(1, 2), writers=(SW, LC), acceptable=["healthy"]),
            R(U, f"b50-last{k}-window-e20", T, **dict(Q, arch=f"b50_last{k}"), lr=1e-3,
              epochs=20, seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
            R(E, "b50-adam0.02-b8-e5-val40", T, **dict(Q, batch=8), n_val=40, lr=0.02,
              epochs=5, val_every=100, seeds=(1, 2), writers=(SW, LC),
              acceptable=["underfitting", "diverging"]),
            R(D, dv[0], T, **dv[1], seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "erratic"]),
            R(P, "b50-lrbump8-x60-e10", T, **dict(Q, log_every=1), lr=1e-3, epochs=20,
              bumps=[(spe * 10, 8, 60)], seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b50-poison-targets8-before-eval10", T, **dict(Q, log_every=1), lr=1e-3,
              epochs=20, poison=[(spe * 10 - 8, 8, "labels")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "b50-adam1e-4-cut-e4", T, **Q, lr=1e-4, epochs=4, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting", "healthy"]),
            R(INS, "b50-stopped20", T, **Q, lr=1e-3, max_steps=20, val_every=20, seeds=(3,),
              writers=(SW,)),
        ]
    return out


add_batch_by_writers(b50_recipes)



# ----------------------------------------------------------------------------- fifty-first batch
# TWO-PHASE FINE-TUNES LOGGED AS ONE RUN (tasks.DEV51_TASKS: b51_digits_ft, b51_quant_ft,
# b51_cluster_ft): the body pre-trained in the script (unlogged, Recipe.pretrain) on a related
# generated task, a fresh head trained alone with the body frozen until Recipe.unfreeze_at, then
# the whole model at a changed LR (a permanent bump from the unfreeze step on: x0.1 for a good
# schedule, x100 as the mistake), all in one log. Kept in one block at the end of the file (b51_
# names): the pre-training sources join DEV24_SOURCE (fine_tune_text), the batch's recipes are
# chained after every earlier recipe (add_batch); nothing earlier changes.
from tasks import B51_SOURCE, DEV51_TASKS, b51_phases_text  # noqa: E402

DEV24_SOURCE.update(B51_SOURCE)
B51_SPE = {"b51_digits_ft": 38, "b51_quant_ft": 63, "b51_cluster_ft": 63}   # steps an epoch
B51_BATCH = {"b51_digits_ft": 16}    # ~600 digits train rows: batch 16, else 32
B51_FOREVER = 10 ** 6


def b51_recipes() -> list[Recipe]:
    """Fifty-first dev batch, torch (a 2x64 MLP body pre-trained for 1500 Adam 2e-3 steps on the
    related task, a fresh head; one evaluation an epoch). Regimes by their real causes: Adam
    3e-3 on the head for 5 epochs, then everything at 6e-4 to epoch 30 (healthy); the same with
    the LR x100 at the unfreeze (0.3: the body destroyed, diverging); a 1x2 (tiny) body
    pre-trained on the coarser task and never unfrozen (underfitting); a 2x512 body on 60-100
    train rows with 20% of the labels flipped, unfrozen at the same LR after 40 steps, 150
    epochs (overfitting);
    an LR bump x50 for 8 steps or 8 random-label batches at epoch 15, after the unfreeze
    (loss_spike); Adam 3e-3 (1e-2 on the generated tables) on the head, x10 at the unfreeze,
    batch 8, judged every 40 steps on 60 val rows (erratic); Adam 3e-4, unfrozen after 2 epochs,
    cut at epoch 6 (still_improving); 20 steps with one evaluation (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV51_TASKS:
        spe = B51_SPE[T]
        un = spe * 5
        F = {"model": "medium", "batch": B51_BATCH.get(T, 32), "pretrain": 1500, "fresh_head": True,
             "log_every": 5, "train_log": "step"}
        n_ov = 60 if T == "b51_digits_ft" else 100
        lr_e = 3e-3 if T == "b51_digits_ft" else 1e-2
        out += [
            R(H, "b51-probe5-unfreeze-lr0.2x-e30", T, **F, lr=3e-3, unfreeze_at=un,
              bumps=[(un, B51_FOREVER, 0.2)], epochs=30, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(D, "b51-probe5-unfreeze-lr-x100", T, **F, lr=3e-3, unfreeze_at=un,
              bumps=[(un, B51_FOREVER, 100)], epochs=15, seeds=(1, 2), writers=(SW, LC),
              acceptable=["erratic", "underfitting"]),
            R(U, "b51-tiny-frozen-body", T, **dict(F, model="tiny"), lr=3e-3,
              unfreeze_at=10 ** 9, epochs=30, seeds=(1, 2), writers=(LC, SW),
              acceptable=["still_improving"]),
            R(OV, f"b51-wide-n{n_ov}-noise0.2-unfreeze40-e150", T,
              **dict(F, model="wide", batch=16, log_every=2), n_train=n_ov, label_noise=0.2,
              lr=1e-3, unfreeze_at=40, epochs=150, val_every=n_ov // 16 * 3, seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy"]),
            R(P, "b51-unfreeze-lrbump8-x50-e15", T, **dict(F, log_every=1), lr=3e-3,
              unfreeze_at=un, bumps=[(un, B51_FOREVER, 0.2), (spe * 15, 8, 50)], epochs=30,
              seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b51-unfreeze-poison8-before-eval15", T, **dict(F, log_every=1), lr=3e-3,
              unfreeze_at=un, bumps=[(un, B51_FOREVER, 0.2)], poison=[(spe * 15 - 8, 8, "labels")],
              epochs=30, seeds=(2,), writers=(LC,), acceptable=["healthy"]),
            R(E, f"b51-adam{lr_e:g}-unfreeze-x10-b8-val60", T, **dict(F, batch=8), n_val=60,
              lr=lr_e, unfreeze_at=spe * 8, bumps=[(spe * 8, B51_FOREVER, 10)], epochs=4,
              val_every=40, seeds=(1, 2), writers=(SW, LC), acceptable=["diverging"]),
            R(S, "b51-adam3e-4-unfreeze2-cut-e6", T, **F, lr=3e-4, unfreeze_at=spe * 2,
              epochs=6, val_every=spe // 3, seeds=(1, 2), writers=(SW, LC),
              acceptable=["healthy", "underfitting"]),
            R(INS, "b51-stopped20", T, **dict(F, log_every=10), lr=1e-3, unfreeze_at=10,
              max_steps=20, val_every=20,
              seeds=(3,), writers=(SW,)),
        ]
    return out


# Fifty-first batch: the two phases are said (the head alone until unfreeze_at, then the whole
# model, with the LR factor from then on).
cause = cause_with(cause, DEV51_TASKS, lambda r, task: b51_phases_text(r))


add_batch_by_writers(b51_recipes)


# ----------------------------------------------------------------------------- fifty-second batch
# LOW-PRECISION NUMERICS (tasks.DEV52_TASKS: b52_quant8, b52_hastie2, b52_shells3): MLPs trained in
# bfloat16 on the CPU, unlike the float32 corpus the rules were tuned on: a SummaryWriter loop under
# torch.autocast("cpu", dtype=torch.bfloat16) (prec "mixed") or with the model and inputs cast to
# bf16 (prec "true": the logged loss is bf16-rounded, in quantised steps), Lightning with
# precision "bf16-mixed" / "bf16-true"; a few train rows with a -inf feature (log(0)) give NaN
# batches that a guard skips (the update dropped, the non-finite grad norm and a skipped-step
# count logged) or, without the guard, a NaN that ends the run. Kept in one block at the end of
# the file (b52_ names): run_plain, run_lightning, describe and cause are wrapped for these tasks
# only, the batch's recipes are chained after every earlier recipe (add_batch); nothing earlier
# changes.
from dataclasses import dataclass as _b52_dataclass  # noqa: E402,I001

from tasks import DEV52_TASKS, b52_bad_rows, b52_text  # noqa: E402

_b52_prev_run_plain = run_plain
_b52_prev_run_lightning = run_lightning
_b52_prev_describe = describe
_b52_prev_cause = cause


@_b52_dataclass
class B52Recipe(Recipe):
    """A fifty-second batch torch run: Recipe plus the precision and the -inf rows."""
    prec: str = "mixed"         # "mixed": bf16 autocast / "bf16-mixed"; "true": bf16 weights
    bad_rows: int = 0           # train rows with a -inf first feature (summarywriter only)
    guard: bool = False         # skip steps whose grad norm is not finite


def b52_run_plain(r, task, out: Path):
    """The bf16 SummaryWriter loop: autocast or a bf16 model; the train loss (bf16-rounded when
    the model is bf16), LR and grad norm every r.log_every steps; val every epoch or every
    r.val_every steps; with r.guard a step whose grad norm is not finite is skipped (its grad
    norm and the count of skipped steps logged, its loss not)."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    if r.prec == "true":
        model = model.to(torch.bfloat16)
    opt = make_optimizer(r, model.parameters())
    total = total_steps(task, r)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
    xtr, ytr, xva, yva = tensors(task)
    xtr = torch.as_tensor(b52_bad_rows(xtr.numpy(), r.bad_rows, r.seed))
    gen = torch.Generator().manual_seed(r.seed)
    t_loss, v_loss, v_met, t_lr, t_gn = TAG_STYLES[r.tags]
    w = SummaryWriter(str(out), flush_secs=30)

    def forward(x):
        if r.prec == "true":
            return model(x.to(torch.bfloat16))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            return model(x).float()

    def evaluate(step):
        model.eval()
        with torch.no_grad():
            loss, m, val = loss_and_metric(task, forward(xva), yva)
        model.train()
        w.add_scalar(v_loss, loss.item(), step)
        w.add_scalar(v_met.format(m=m, M=m.capitalize()), val.item(), step)

    step, skipped = 0, 0
    while step < total:
        perm = torch.randperm(len(xtr), generator=gen)
        for i in range(0, len(xtr), r.batch):
            idx = perm[i:i + r.batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            loss, _, _ = loss_and_metric(task, forward(x), y)
            opt.zero_grad()
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip or float("inf"))
            lr_now = opt.param_groups[0]["lr"]
            step += 1
            if r.guard and not torch.isfinite(gn):     # skip the update, keep the schedule
                skipped += 1
                opt.zero_grad()
                sched.step()
                w.add_scalar(t_gn, gn.float().item(), step)
                w.add_scalar("train/skipped_steps", skipped, step)
            else:
                opt.step()
                sched.step()
                if step % r.log_every == 0:
                    w.add_scalar(t_loss, loss.float().item(), step)
                    w.add_scalar(t_lr, lr_now, step)
                    w.add_scalar(t_gn, gn.float().item(), step)
            if r.val_every and step % r.val_every == 0:
                evaluate(step)
            if step >= total:
                break
        if not r.val_every:
            evaluate(step)
    w.close()


# Fifty-second batch: b52_run_plain; else the earlier run_plain.
run_plain = for_tasks(DEV52_TASKS, b52_run_plain, _b52_prev_run_plain)


def run_lightning(r: Recipe, task, out: Path):  # noqa: F811
    """Fifty-second batch: the earlier run_lightning with Trainer(precision="bf16-mixed" or
    "bf16-true"); else as before."""
    if r.task not in DEV52_TASKS:
        return _b52_prev_run_lightning(r, task, out)
    import lightning as L
    base = L.Trainer

    class B52Trainer(base):
        def __init__(self, *a, **kw):
            super().__init__(*a, precision=f"bf16-{r.prec}", **kw)

    with patched(L, "Trainer", B52Trainer):
        return _b52_prev_run_lightning(r, task, out)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the fifty-second batch the precision."""
    s = _b52_prev_describe(r, task)
    if r.task in DEV52_TASKS:
        s += ("precision: " + ("torch.autocast(cpu, bfloat16)" if r.prec == "mixed" else
                               "model.to(torch.bfloat16)")
              if r.writer == "summarywriter" else f"precision: Trainer(precision='bf16-{r.prec}')")
        s += (f"; {r.bad_rows} -inf rows, non-finite steps {'skipped' if r.guard else 'kept'}"
              if r.bad_rows else "") + "\n"
    return s


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Fifty-second batch: the precision, the -inf rows and the guard are said; else as before."""
    s = _b52_prev_cause(r, task)
    if r.task in DEV52_TASKS:
        s += b52_text(task, r.prec, r.bad_rows, r.guard)
    return s


def b52_recipes() -> list:
    """Fifty-second dev batch, torch (2400 train rows, 75 steps an epoch at batch 32, a 2x64 MLP
    unless named, bf16 throughout). Regimes by their real causes: Adam 1e-3 for 15 epochs under
    bf16 autocast or AdamW in pure bf16 (healthy), the same with 6 -inf rows whose NaN steps a
    guard skips (healthy, survives); 1 -inf row and no guard (diverging: NaN ends it), SGD with
    the LR x1.03 a step in pure bf16 (diverging: overflow); a 2x512 MLP on 100 rows with 20%
    flipped labels for 200 epochs (overfitting); a linear model (b52_quant8: the tiny MLP)
    (underfitting); Adam 0.1 at batch 8 judged every 30 steps on 40 val rows (erratic); an LR
    bump x50 for 5 steps at epoch 8, 8 random-label batches before the eighth evaluation
    (loss_spike); Adam 1e-4 cut at 4 epochs (still_improving); 20 steps (insufficient_data)."""
    R = B52Recipe
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    spe = 75
    out = []
    for T in DEV52_TASKS:
        Q = {"model": "medium", "batch": 32, "log_every": 5, "train_log": "step"}
        small = "tiny" if T == "b52_quant8" else "linear"
        out += [
            R(H, "b52-bf16mix-adam1e-3-e15", T, **Q, lr=1e-3, epochs=15, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving", "overfitting"]),
            R(H, "b52-bf16true-adamw1e-3-e15", T, **Q, opt="adamw", prec="true", lr=1e-3,
              epochs=15, seeds=(1,), writers=(LC,),
              acceptable=["still_improving", "overfitting", "erratic"]),
            R(H, "b52-bf16mix-6infrows-skip-e15", T, **Q, lr=1e-3, epochs=15, bad_rows=6,
              guard=True, seeds=(1, 2), writers=(SW,),
              acceptable=["still_improving", "overfitting", "loss_spike", "erratic"]),
            R(D, "b52-bf16mix-1infrow-noguard", T, **dict(Q, log_every=1), lr=1e-3, epochs=3,
              val_every=10, bad_rows=1, seeds=(3,), writers=(SW,),
              acceptable=["insufficient_data"]),
            R(D, "b52-bf16true-sgd0.01-grow1.03", T, **Q, prec="true", opt="sgd", lr=0.01,
              sched="grow", grow=1.03, max_steps=500, epochs=None, val_every=25,
              seeds=(1, 2), writers=(SW, LC), acceptable=["erratic", "underfitting"]),
            R(OV, "b52-bf16mix-wide-n100-flip0.2-e200", T, **dict(Q, model="wide", log_every=4),
              n_train=100, label_noise=0.2, lr=1e-3, epochs=200, seeds=(1, 2),
              writers=(SW, LC)),
            R(U, f"b52-bf16true-{small}-e15", T, **dict(Q, model=small), prec="true", lr=1e-3,
              epochs=15, seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
            R(E, "b52-bf16true-adam0.1-b8-val40", T, **dict(Q, batch=8), prec="true",
              n_val=40, lr=0.1, epochs=3, val_every=30, seeds=(1, 2), writers=(SW, LC),
              acceptable=["underfitting", "diverging"]),
            R(P, "b52-bf16mix-lrbump5-x50-e8", T, **dict(Q, log_every=1), lr=1e-3, epochs=15,
              bumps=[(spe * 8, 5, 50)], seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b52-bf16true-poison8-before-eval8", T, **dict(Q, log_every=1), prec="true",
              lr=1e-3, epochs=15, poison=[(spe * 8 - 8, 8, "labels")], seeds=(2,),
              writers=(LC,), acceptable=["healthy"]),
            R(S, "b52-bf16mix-adam1e-4-cut-e4", T, **Q, lr=1e-4, epochs=4, seeds=(1, 2),
              writers=(SW, LC), acceptable=["underfitting", "healthy"]),
            R(INS, "b52-bf16true-stopped20", T, **dict(Q, log_every=10), prec="true",
              lr=1e-3, max_steps=20,
              epochs=None, val_every=20, seeds=(3,), writers=(SW,)),
        ]
    return out


add_batch_by_writers(b52_recipes)



# ----------------------------------------------------------------------------- fifty-fourth batch
# SHORT FINE-TUNES OF 1-5 EPOCHS (tasks.DEV54_TASKS: b54_blobs12_ft, b54_friedman4_ft,
# b54_sparse6_ft): a 2x64 MLP body pre-trained in the script (unlogged, Recipe.pretrain) on a
# coarser labelling of other rows of the same generator, a fresh head, then 1-5 epochs of AdamW with
# warm-up and linear decay, validated once an epoch or every few dozen steps (1-6 evaluations) while
# the train loss is logged every 10 steps. Kept in one block at the end of the file (b54_ names):
# the sources join DEV24_SOURCE (fine_tune_text), the batch's recipes are chained after every
# earlier recipe (add_batch); nothing earlier changes.
from tasks import B54_SOURCE, DEV54_TASKS  # noqa: E402

DEV24_SOURCE.update(B54_SOURCE)
B54_SPE = 75                       # 1200 train rows at batch 16


def b54_recipes() -> list[Recipe]:
    """Fifty-fourth dev batch, torch (a 2x64 MLP body pre-trained for 800 Adam 2e-3 steps on the
    coarser source, a fresh head, AdamW, 40 warm-up steps then linear decay, batch 16: 75 steps an
    epoch, the train loss every 10 steps). Regimes by their real causes: 1e-3 for 5 epochs, one
    evaluation an epoch (healthy); a 2x512 body on 60-120 rows with 30% flipped labels, 3e-3 at
    batch 2 for 5 epochs (overfitting from epoch 2); 0.5 after 120 warm-up steps with no clipping
    (diverging: the body collapses); 1e-6 (underfitting: barely moves); an LR bump x200 for 3
    steps or 12 random-label batches just before the third of 6 evaluations (loss_spike); 0.05 at
    batch 4 judged every 25 steps on 40 val rows (erratic); 3e-4 on a 10-epoch schedule cut after
    2, evaluated every 50 steps (still_improving); one epoch, one evaluation, the train loss every
    25 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    spe = B54_SPE
    out = []
    for j, T in enumerate(DEV54_TASKS):
        F = {"model": "medium", "batch": 16, "pretrain": 800, "fresh_head": True, "opt": "adamw",
             "wd": 0.01, "sched": "linear", "warmup": 40, "log_every": 10, "train_log": "step"}
        n_ov = 60 if T == "b54_sparse6_ft" else 120
        spike = (R(P, "b54-ft-lrbump3-x200-before-eval3", T, **F, lr=1e-3, epochs=4, val_every=50,
                   bumps=[(140, 3, 200)], seeds=(1,), writers=(SW,), acceptable=["healthy"])
                 if j != 1 else
                 R(P, "b54-ft-poison12-before-eval3", T, **F, lr=1e-3, epochs=4, val_every=50,
                   poison=[(138, 12, "labels")], seeds=(2,), writers=(LC,),
                   acceptable=["healthy"]))
        out += [
            R(H, "b54-ft-adamw1e-3-wu-linear-e5", T, **F, lr=1e-3, epochs=5, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving", "insufficient_data"]),
            R(OV, f"b54-ft-wide-n{n_ov}-flip0.3-b2-e5", T,
              **dict(F, model="wide", batch=2, warmup=10), n_train=n_ov, label_noise=0.3,
              lr=3e-3, epochs=5, seeds=(1, 2), writers=(SW, LC),
              acceptable=["insufficient_data", "healthy"]),
            R(D, "b54-ft-adamw0.5-wu120-noclip-e3", T, **dict(F, warmup=120), lr=0.5, epochs=3,
              val_every=40,
              seeds=(2,) if j != 1 else (1,), writers=(SW,) if j != 1 else (LC,),
              acceptable=["underfitting", "erratic"]),
            R(U, "b54-ft-adamw1e-6-e3", T, **F, lr=1e-6, epochs=3, val_every=40,
              seeds=(1,) if j != 1 else (2,), writers=(LC,) if j != 1 else (SW,),
              acceptable=["still_improving", "insufficient_data"]),
            spike,
            R(E, "b54-ft-adamw0.05-b4-val40-e1", T, **dict(F, batch=4), n_val=40, lr=0.05,
              epochs=1, val_every=25, seeds=(3,), writers=(SW,) if j != 2 else (LC,),
              acceptable=["diverging", "underfitting", "healthy"]),
            R(S, "b54-ft-adamw3e-4-cut2of10", T, **F, lr=3e-4, epochs=None, max_steps=spe * 2,
              planned=spe * 10, val_every=50, seeds=(2,), writers=(LC,) if j != 0 else (SW,),
              acceptable=["healthy", "underfitting", "insufficient_data"]),
            R(INS, "b54-ft-stopped-e1-log25", T, **dict(F, log_every=25), lr=1e-3, epochs=1,
              seeds=(3,),
              writers=(SW,) if j != 1 else (LC,), acceptable=["still_improving"]),
        ]
    return out


add_batch_by_writers(b54_recipes)


# ----------------------------------------------------------------------------- fifty-third batch
# RANKING AND RETRIEVAL (tasks.DEV53_TASKS: b53_blobs_list, b53_map_pair, b53_digits_trip): dual
# encoders scoring a query against 10 candidates (one relevant), trained with a listwise softmax
# over the candidates, a pairwise margin hinge or a triplet loss on squared embedding distances,
# val MRR (the metric), recall@1, recall@5 and NDCG@5 logged beside the val loss (0-1 scores);
# some SummaryWriter runs log only the scores at evaluation (no val loss), as retrieval code often
# does. Kept in one block at the end of the file (b53_ names): build_model, loss_and_metric,
# f1_metric, run_plain, describe and cause are wrapped for these tasks only, the batch's recipes
# are chained after every earlier recipe (add_batch); nothing earlier changes.
from dataclasses import dataclass as _b53_dataclass  # noqa: E402,I001

from tasks import (B53_CANDS, B53_LOSS, B53_SIZES, DEV53_TASKS, b53_head_text,  # noqa: E402
                   b53_loss, b53_model, b53_scores, b53_text)

_b53_prev_build_model = build_model
_b53_prev_loss_and_metric = loss_and_metric
_b53_prev_f1_metric = f1_metric
_b53_prev_run_plain = run_plain
_b53_prev_describe = describe
_b53_prev_cause = cause


@_b53_dataclass
class B53Recipe(Recipe):
    """A fifty-third batch torch run: Recipe plus scores_only (SummaryWriter: the val MRR,
    recall@k and NDCG@5 logged at evaluation, the val loss not)."""
    scores_only: bool = False


def build_model(r: Recipe, task):  # noqa: F811  (fifty-third batch: the dual encoder)
    """Fifty-third batch: b53_model; else the earlier build_model."""
    if task.name in DEV53_TASKS:
        return b53_model(task, r.model, r.seed)
    return _b53_prev_build_model(r, task)


def loss_and_metric(task, out, y, smooth=0.0):  # noqa: F811  (fifty-third batch's losses first)
    """Fifty-third batch: tasks.b53_loss (listwise softmax CE, pairwise or triplet margin hinge),
    the metric the MRR; else as before."""
    if task.name not in DEV53_TASKS:
        return _b53_prev_loss_and_metric(task, out, y, smooth)
    return b53_loss(task, out, y), "mrr", b53_scores(out.detach(), y)["mrr"]


def f1_metric(task, out, y) -> list:  # noqa: F811  (fifty-third batch's scores first)
    """Fifty-third batch: recall@1, recall@5 and NDCG@5 beside the MRR; else as before."""
    if task.name in DEV53_TASKS:
        return [(k, float(v)) for k, v in b53_scores(out.detach(), y).items() if k != "mrr"]
    return _b53_prev_f1_metric(task, out, y)


def run_plain(r: Recipe, task, out: Path):  # noqa: F811  (fifty-third batch: scores only)
    """Fifty-third batch with r.scores_only: the earlier loop with the val loss tag dropped
    (only the ranking scores are logged at evaluation); else the earlier run_plain."""
    if not getattr(r, "scores_only", False):
        return _b53_prev_run_plain(r, task, out)
    from torch.utils.tensorboard import SummaryWriter
    v_loss = TAG_STYLES[r.tags][1]
    base = SummaryWriter.add_scalar

    def add_scalar(self, tag, *a, **kw):
        if tag != v_loss:
            return base(self, tag, *a, **kw)

    with patched(SummaryWriter, "add_scalar", add_scalar):
        return _b53_prev_run_plain(r, task, out)


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, and for the fifty-third batch the encoder and loss."""
    s = _b53_prev_describe(r, task)
    if r.task in DEV53_TASKS:
        hid, emb = B53_SIZES[r.model]
        s += (f"fifty-third batch: dual encoder ({hid or 'no'} hidden, {emb}-d embeddings), "
              f"{B53_LOSS[r.task]} loss over {B53_CANDS} candidates a query"
              + ("; val scores only (no val loss logged)" if r.scores_only else "") + "\n")
    return s


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Fifty-third batch: the dual encoder, its loss and its scores are said; else as before."""
    s = _b53_prev_cause(r, task)
    if r.task in DEV53_TASKS:
        s = (b53_head_text(s, r.model) + b53_text(task)
             + ("; only the scores are logged at evaluation (no val loss)" if r.scores_only
                else ""))
    return s


def b53_recipes() -> list:
    """Fifty-third dev batch, torch (2000 train queries of 10 candidates, 63 steps an epoch at
    batch 32, the medium dual encoder unless named). Regimes by their real causes: Adam 1e-3
    for 20 epochs or AdamW 3e-3 + cosine (healthy; one SummaryWriter run logging the scores
    only); the wide encoder on 60 queries with 10% wrong relevance marks for 200 epochs
    (overfitting); 2-d linear embeddings (underfitting); Adam 0.05 or 0.01 at batch 8 judged
    every 30 steps on 40 val queries (erratic); SGD with the LR x1.02 a step (diverging); an LR
    bump x50 for 5 steps at epoch 8, 8 random-relevance batches before the eighth evaluation
    (loss_spike); Adam 3e-4 cut at 4 epochs, judged 3 times an epoch (still_improving); 20
    steps (insufficient_data)."""
    R = B53Recipe
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    spe = 63
    out = []
    for T in DEV53_TASKS:
        Q = {"model": "medium", "batch": 32, "log_every": 5, "train_log": "step"}
        out += [
            R(H, "b53-adam1e-3-e20", T, **Q, lr=1e-3, epochs=20, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving", "overfitting"]),
            R(H, "b53-adamw3e-3-cos-e20", T, **Q, opt="adamw", wd=0.01, lr=3e-3,
              sched="cosine", epochs=20, seeds=(1, 2), writers=(LC, SW),
              acceptable=["still_improving", "overfitting"]),
            R(H, "b53-adam1e-3-e20-scoresonly", T, **Q, lr=1e-3, epochs=20, seeds=(3,),
              writers=(SW,), scores_only=True,
              acceptable=["still_improving", "overfitting", "insufficient_data"]),
            R(OV, "b53-wide-n60-noisy0.1-e200", T, **dict(Q, model="wide", batch=16,
                                                          log_every=2),
              n_train=60, label_noise=0.1, lr=1e-3, epochs=200, seeds=(1, 2),
              writers=(SW, LC)),
            R(U, "b53-tiny-emb2-e20", T, **dict(Q, model="tiny"), lr=3e-3, epochs=20,
              seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
            R(E, "b53-adam0.05-b8-val40", T, **dict(Q, batch=8), n_val=40, lr=0.05, epochs=3,
              val_every=30, seeds=(1, 2), writers=(SW, LC),
              acceptable=["underfitting", "diverging"]),
            R(D, "b53-sgd0.01-grow1.02", T, **Q, opt="sgd", lr=0.01, sched="grow", grow=1.02,
              max_steps=500, epochs=None, val_every=25, seeds=(1, 2), writers=(SW, LC),
              acceptable=["erratic"]),
            R(P, "b53-lrbump5-x50-e8", T, **dict(Q, log_every=1), lr=1e-3, epochs=16,
              bumps=[(spe * 8, 5, 50)], seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b53-poison8-before-eval8", T, **dict(Q, log_every=1), lr=1e-3, epochs=16,
              poison=[(spe * 8 - 8, 8, "labels")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "b53-adam3e-4-cut-e4-val21", T, **Q, lr=3e-4, epochs=4, val_every=21,
              seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting", "healthy"]),
            R(INS, "b53-stopped20", T, **dict(Q, log_every=10), lr=1e-3, max_steps=20,
              epochs=None, val_every=20, seeds=(3,), writers=(SW,)),
            R(E, "b53-adam0.01-b8-val40", T, **dict(Q, batch=8), n_val=40, lr=0.01, epochs=3,
              val_every=30, seeds=(3,), writers=(SW,), acceptable=["healthy", "underfitting"]),
        ]
    return out


add_batch_by_writers(b53_recipes)


# ----------------------------------------------------------------------------- fifty-sixth batch
# VAL LOSS AND VAL SCORE DISAGREE (tasks.DEV56_TASKS: b56_noisy6, b56_imb4, b56_blobs5): MLPs
# trained long on 20-30% flipped labels or a few hundred rows without label smoothing, so the
# val loss climbs from over-confidence while val accuracy / macro-F1 stays flat or creeps up
# (some Lightning runs keep the best val_acc checkpoint: ModelCheckpoint(monitor="val_acc")),
# beside runs whose score falls too, and an imbalanced task where a model too small sits at the
# majority accuracy while its loss falls. Kept in one block at the end of the file (b56_ names):
# macro-F1 and balanced accuracy join the val metrics (tasks.b56_scores), the class balance joins
# cause() (tasks.b56_text), the batch's recipes are chained after every earlier recipe
# (add_batch_by_writers); nothing earlier changes.
from tasks import DEV56_TASKS, b56_scores, b56_text  # noqa: E402

_b56_prev_f1_metric = f1_metric


def f1_metric(task, out, y) -> list:  # noqa: F811  (fifty-sixth batch's scores first)
    """Fifty-sixth batch: macro-F1 and balanced accuracy; else as before."""
    if task.name in DEV56_TASKS:
        return b56_scores(task, out.detach().float().argmax(-1).numpy(), y.numpy())
    return _b56_prev_f1_metric(task, out, y)


cause = cause_with(cause, DEV56_TASKS, lambda r, task: b56_text(task))


def b56_recipes() -> list[Recipe]:
    """Fifty-sixth dev batch, torch (batch 64 on the 1500-row tasks, 24 steps an epoch; batch 16
    on the 300 blobs rows, 19 steps; a 2x64 MLP unless named). Regimes by their real causes:
    AdamW 1e-3 (wd 0.01) for 30 epochs (healthy); the 2x128 MLP on 400 rows (blobs: its 300)
    with 20% flipped labels for 120 epochs, no smoothing (overfitting by the val loss; the score
    flat or creeping, so healthy defensible; one Lightning run keeps the best val_acc checkpoint);
    the same on 150 rows with 30% flipped for 250 epochs (the score falls too); a linear model /
    2 units (underfitting: the imbalanced task's accuracy sits at its majority share); Adam 0.03
    at batch 4 judged on 60 val rows (erratic); Adam 1e-3 raised x300 at epoch 10 for good
    (the imbalanced task: SGD 0.01 with the LR x1.02 a step) (diverging); an LR bump x60 for 8
    steps or 8 random-label batches at epoch 15 (loss_spike); Adam 3e-4 cut at 5 epochs
    (still_improving); 20 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV56_TASKS):
        small = T == "b56_blobs5"
        b = 16 if small else 64
        spe = -(-(300 if small else 1500) // b)
        Q = {"model": "medium", "batch": b, "log_every": 5, "train_log": "step"}
        n_ov = 300 if small else 400
        u_model = "linear" if T == "b56_imb4" else "tiny"
        out += [
            R(H, "b56-adamw1e-3-e30", T, **Q, opt="adamw", wd=0.01, lr=1e-3, epochs=30,
              seeds=(1, 2, 3), writers=(SW, LC, LT), acceptable=["still_improving", "overfitting"]),
            R(OV, f"b56-wide-n{n_ov}-flip0.2-e120", T, **dict(Q, model="wide", batch=32),
              n_train=n_ov, label_noise=0.2, lr=1e-3, epochs=120, seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy"]),
            R(OV, f"b56-wide-n{n_ov}-flip0.2-e120-ckptacc", T, **dict(Q, model="wide", batch=32),
              n_train=n_ov, label_noise=0.2, lr=1e-3, epochs=120, ckpt_monitor="val_acc",
              seeds=(3,), writers=(LC,), acceptable=["healthy"]),
            R(OV, "b56-wide-n150-flip0.3-e250", T, **dict(Q, model="wide", batch=16),
              n_train=150, label_noise=0.3, lr=1e-3, epochs=250, seeds=(1,),
              writers=(SW,) if j != 1 else (LC,)),
            R(U, f"b56-{u_model}-adam3e-3-e30", T, **dict(Q, model=u_model), lr=3e-3, epochs=30,
              seeds=(1, 2), writers=(LC, SW), acceptable=["still_improving"]),
            R(E, "b56-adam0.03-b4-val60", T, **dict(Q, batch=4, log_every=10), n_val=60,
              lr=0.03, epochs=4 if not small else 10, val_every=50, seeds=(1, 2),
              writers=(SW, LC),
              acceptable=["underfitting", "diverging"]),
            R(D, "b56-adam1e-3-jump-x300-e10", T, **Q, lr=1e-3, sched="jump",
              jump=(spe * 10, 300), epochs=30, seeds=(1,), writers=(SW,) if j != 2 else (LC,),
              acceptable=["underfitting", "erratic"])
            if j != 1 else   # the imbalanced task falls back to its majority prior at x300
            R(D, "b56-sgd0.01-grow1.02", T, **Q, opt="sgd", lr=0.01, sched="grow", grow=1.02,
              max_steps=500, epochs=None, val_every=25, seeds=(1,), writers=(SW,),
              acceptable=["erratic"]),
            R(P, "b56-lrbump8-x60-e15", T, **dict(Q, log_every=1), lr=1e-3, epochs=30,
              bumps=[(spe * 15, 8, 60)], seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b56-poison-labels8-before-eval15", T, **dict(Q, log_every=1), lr=1e-3,
              epochs=30, poison=[(spe * 15 - 8, 8, "labels")], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "b56-adam3e-4-cut-e5", T, **Q, lr=3e-4, epochs=5, val_every=spe // 3,
              seeds=(1, 2), writers=(SW, LC), acceptable=["underfitting", "healthy"]),
            R(INS, "b56-stopped20", T, **dict(Q, log_every=10), lr=1e-3, max_steps=20,
              epochs=None, val_every=20, seeds=(3,), writers=(SW,)),
        ]
    return out


add_batch_by_writers(b56_recipes)


# ----------------------------------------------------------------------------- fifty-fifth batch
# DELAYED GENERALISATION (tasks.DEV55_TASKS: b55_modadd_grok, b55_s4comp_grok): a 2x64 MLP learns
# an operation table full-batch (half the table trains) with AdamW; with weight decay 1 the train
# accuracy reaches 100% within a few hundred steps while the val loss rises far above chance, and
# only thousands of steps later the val loss falls (grokking). Kept in one block at the end of the
# file (b55_ names): the batch's recipes are chained after every earlier recipe
# (add_batch_by_writers); nothing earlier changes.
from tasks import DEV55_TASKS  # noqa: E402


def b55_recipes() -> list[Recipe]:
    """Fifty-fifth dev batch, torch (full batch: one step an epoch, the train loss every 20 steps,
    validation every 100 steps on the held-out half of the table). Regimes by their real causes:
    AdamW 3e-3, weight decay 1, 8000 steps (the val loss rises, then falls: label by the end);
    the same cut at 1500 steps, before any fall, or without weight decay (overfitting); cut at
    5000 steps while the val loss falls (still_improving); a 2-unit MLP (underfitting); SGD with
    the LR x1.01 a step (diverging); an LR bump x100 for 5 steps at step 3000 (loss_spike); AdamW
    0.03 at batch 8 judged on 40 val rows (erratic); 60 steps (insufficient_data)."""
    SW, LC = "summarywriter", "lightning_csv"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV55_TASKS:
        G = {"model": "medium", "batch": 1024, "opt": "adamw", "lr": 3e-3, "log_every": 20,
             "train_log": "step", "epochs": None, "val_every": 100}
        out += [
            R(H, "b55-grok-adamw3e-3-wd1-8000", T, **G, wd=1.0, max_steps=8000, seeds=(1, 2),
              writers=(SW,), acceptable=["still_improving", "overfitting"]),
            R(OV, "b55-grok-wd1-cut1500", T, **G, wd=1.0, max_steps=1500, planned=8000,
              seeds=(1, 2), writers=(SW, LC), acceptable=["still_improving"]),
            R(OV, "b55-grok-wd0-8000", T, **G, wd=0.0, max_steps=8000, seeds=(3,),
              writers=(SW,)),
            R(S, "b55-grok-wd1-cut5000", T, **G, wd=1.0, max_steps=5000, planned=8000,
              seeds=(3,), writers=(SW,), acceptable=["healthy", "overfitting"]),
            R(U, "b55-tiny-wd1-2000", T, **dict(G, model="tiny"), wd=1.0, max_steps=2000,
              seeds=(1,), writers=(LC,), acceptable=["still_improving"]),
            R(D, "b55-sgd0.05-grow1.01", T, **dict(G, opt="sgd", lr=0.05), sched="grow",
              grow=1.01, max_steps=1500, seeds=(2,), writers=(SW,), acceptable=["erratic"]),
            R(P, "b55-grok-lrbump5-x100-at3000", T, **G, wd=1.0, max_steps=6000,
              bumps=[(3000, 5, 100)], seeds=(1,), writers=(SW,),
              acceptable=["healthy", "overfitting"]),
            R(E, "b55-adamw0.03-b8-val40", T, **dict(G, batch=8, val_every=10, lr=0.03),
              n_val=40, max_steps=400, seeds=(3,), writers=(SW,),
              acceptable=["underfitting", "diverging"]),
            R(INS, "b55-stopped60", T, **G, wd=1.0, max_steps=60, seeds=(3,), writers=(LC,)),
        ]
    return out


add_batch_by_writers(b55_recipes)


# ----------------------------------------------------------------------------- fifty-eighth batch
# LATE TROUBLE IN LONG RUNS (tasks.DEV58_TASKS: b58_class8_long, b58_friedman_long,
# b58_moons_long): 4,000-step runs (batch 32, train loss every 10 steps, validation every 100)
# that go well for most of the run and then meet a late LR step up held to the end (the loss
# does not come back), a late warm restart of a few hundred steps (it does), poisoned batches
# late, or an LR creeping up x1.0018 a step so the loss climbs back after its best, train and val
# together; beside long healthy runs with cosine decay to the end. Kept in one block at the end
# of the file (b58_ names): the batch's recipes are chained after every earlier recipe
# (add_batch_by_writers); nothing earlier changes.
from tasks import DEV58_TASKS  # noqa: E402


def b58_recipes() -> list[Recipe]:
    """Fifty-eighth dev batch, torch (batch 32, a 2x64 MLP unless named, 4,000 steps, the train
    loss every 10 steps, validation every 100). Regimes by their real causes: AdamW 1e-3 cosine
    to the end (healthy); AdamW 1e-3 constant, the LR x100 from step 3,000 to the end (diverging); a
    warm restart, LR x100 for 150 steps at step 3,000 (loss_spike); 20 random-label batches at
    step 3,200 (loss_spike); Adam 3e-4 with the LR x1.0018 a step (x1,300 by the end: the loss
    creeps back up after its best, diverging); the 2x128 MLP on 150 rows (overfitting); a 2-unit
    / linear model (underfitting); Adam 0.03 at batch 4 judged on 60 val rows (erratic); cosine
    planned for 6,000 steps, Adam 1e-4, cut at 1,000 (still_improving); 25 steps
    (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV58_TASKS):
        Q = {"model": "medium", "batch": 32, "log_every": 10, "train_log": "step",
             "epochs": None, "val_every": 100}
        C = dict(Q, opt="adamw", wd=0.01, lr=1e-3, sched="cosine", max_steps=4000)
        u_model = "linear" if j != 0 else "tiny"
        out += [
            R(H, "b58-adamw1e-3-cosine-4000", T, **C, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(D, "b58-adamw1e-3-late-lr-x100-held", T, **dict(C, sched="const"),
              bumps=[(3000, 10 ** 6, 100)],
              seeds=(1, 2), writers=(SW, LC), acceptable=["erratic", "loss_spike"]),
            R(P, "b58-cosine-late-restart-x100-150", T, **C, bumps=[(3000, 150, 100)],
              seeds=(2, 3), writers=(SW, LC), acceptable=["healthy", "erratic"]),
            R(P, "b58-cosine-poison-labels20-at3200", T, **dict(C, log_every=2),
              poison=[(3200, 20, "labels")], seeds=(1,), writers=(LC,) if j != 1 else (SW,),
              acceptable=["healthy"]),
            R(D, "b58-adam3e-4-creep1.0018", T, **dict(Q, opt="adam", lr=3e-4, sched="grow",
                                                       grow=1.0018, max_steps=4000),
              seeds=(3,), writers=(SW,) if j != 2 else (LC,), acceptable=["erratic"]),
            R(OV, "b58-wide-n150-4000", T, **dict(Q, model="wide", opt="adam", lr=1e-3,
                                                  max_steps=4000),
              n_train=150, seeds=(1,), writers=(SW,) if j != 0 else (LT,),
              acceptable=["healthy"]),
            R(U, f"b58-{u_model}-adam3e-3-3000", T, **dict(Q, model=u_model, opt="adam",
                                                           lr=3e-3, max_steps=3000),
              seeds=(2,), writers=(LC,), acceptable=["still_improving"]),
            R(E, "b58-adam0.03-b4-val60", T, **dict(Q, batch=4, opt="adam", lr=0.03,
                                                    max_steps=3000, val_every=50),
              n_val=60, seeds=(3,), writers=(SW,) if j != 1 else (LC,),
              acceptable=["underfitting", "diverging"]),
            R(S, "b58-adam1e-4-cosine6000-cut1000", T, **dict(Q, opt="adam", lr=1e-4,
                                                              sched="cosine", max_steps=1000),
              planned=6000, seeds=(1,), writers=(LC,) if j != 1 else (SW,),
              acceptable=["healthy", "underfitting"]),
            R(INS, "b58-stopped25", T, **dict(Q, val_every=12), opt="adam", lr=1e-3,
              max_steps=25, seeds=(2,), writers=(SW,)),
        ]
    return out


add_batch_by_writers(b58_recipes)


# ----------------------------------------------------------------------------- fifty-seventh batch
# UNDERFITTING BY CAUSES OTHER THAN MODEL SIZE (tasks.DEV57_TASKS: b57_quant3, b57_hastie,
# b57_wave4, b57_wave4_raw): the 2x64 MLP that trains well with Adam 1e-3 held back by its
# settings: AdamW weight decay far too high (or an L2 term of 0.03-0.1 in the train loss), dropout
# 0.8, label smoothing 0.5, a frozen random body with only the head trained, Adam 3e-5 (30x too
# low) for 6 epochs, and SGD on the unnormalised copy of b57_wave4 (features 1e3-1e4); every other
# regime by its usual cause. Kept in one block at the end of the file (b57_ names): the input
# scale joins cause() (tasks.b57_text), the batch's recipes are chained after every earlier recipe
# (add_batch_by_writers); nothing earlier changes.
from tasks import DEV57_TASKS, b57_text  # noqa: E402

cause = cause_with(cause, DEV57_TASKS, lambda r, task: b57_text(task))


def b57_recipes() -> list[Recipe]:
    """Fifty-seventh dev batch, torch (1500 train rows, batch 64: 24 steps an epoch; the 2x64 MLP
    unless named). Adam 1e-3 for 30 epochs (healthy); the same model with AdamW weight decay 5
    (quant3) or an L2 term in the train loss (hastie 0.1, wave4 0.03), dropout 0.8, label smoothing
    0.5, a frozen random body (only the last Linear trains) or Adam 3e-5 for 6 epochs (underfitting,
    beside the healthy run's level); SGD 1e-8 on inputs left at 1e3-1e4 (underfitting; SGD 1e-6,
    meant to diverge, trains on: labelled by its curves); the 2x512 MLP on 150 rows with 20% flipped
    labels for 150 epochs (overfitting); two of: Adam 0.03 at batch 4 judged on 60 val rows
    (erratic), SGD 0.02 with the LR x1.03 a step (diverging), an LR bump x60 for 8 steps at epoch 15
    or 8 random-label batches (loss_spike), Adam 3e-4 cut at 5 epochs (still_improving), 20 steps
    (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    wd = {"b57_quant3": 5.0}
    for j, T in enumerate(DEV57_TASKS[:3]):
        spe = 24
        Q = {"model": "medium", "batch": 64, "log_every": 5, "train_log": "step"}
        rot = {
            E: R(E, "b57-adam0.03-b4-val60", T, **dict(Q, batch=4, log_every=10), n_val=60,
                 lr=0.03, epochs=3, val_every=50, seeds=(1,), writers=(SW,),
                 acceptable=["underfitting", "diverging"]),
            D: R(D, "b57-sgd0.02-grow1.03", T, **Q, opt="sgd", lr=0.02, sched="grow", grow=1.03,
                 max_steps=400, epochs=None, val_every=20, seeds=(2,), writers=(LC,),
                 acceptable=["erratic"]),
            P: R(P, "b57-lrbump8-x60-e15", T, **dict(Q, log_every=1), lr=1e-3, epochs=30,
                 bumps=[(spe * 15, 8, 60)], seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            "P2": R(P, "b57-poison-labels8-before-eval15", T, **dict(Q, log_every=1), lr=1e-3,
                    epochs=30, poison=[(spe * 15 - 8, 8, "labels")], seeds=(2,), writers=(LC,),
                    acceptable=["healthy"]),
            S: R(S, "b57-adam3e-4-cut-e5", T, **Q, lr=3e-4, epochs=5, val_every=spe // 3,
                 seeds=(1,), writers=(LC,), acceptable=["underfitting", "healthy"]),
            INS: R(INS, "b57-stopped20", T, **dict(Q, log_every=10), lr=1e-3, max_steps=20,
                   epochs=None, val_every=20, seeds=(3,), writers=(SW,)),
        }
        pick = [(E, D, S), (P, INS, D), ("P2", E, S)][j]
        l2 = 0.1 if j == 1 else 0.03
        reg = (R(U, f"b57-adamw1e-3-wd{wd[T]:g}", T, **Q, opt="adamw", wd=wd[T], lr=1e-3,
                 epochs=30, seeds=(2,), writers=(SW,), acceptable=["still_improving"])
               if j == 0 else
               R(U, f"b57-adam1e-3-l2loss{l2:g}", T, **Q, l2_loss=l2, lr=1e-3, epochs=30,
                 seeds=(2,), writers=(SW,), acceptable=["still_improving"]))
        out += [
            R(H, "b57-adam1e-3-e30", T, **Q, lr=1e-3, epochs=30, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving", "overfitting"]),
            reg,
            R(U, "b57-dropout0.8-adam1e-3-e30", T, **Q, dropout=0.8, lr=1e-3, epochs=30,
              seeds=(1,), writers=(LC,), acceptable=["still_improving"]),
            R(U, "b57-smooth0.5-adam1e-3-e30", T, **Q, smooth=0.5, lr=1e-3, epochs=30,
              seeds=(3,), writers=(SW,) if j != 2 else (LT,), acceptable=["healthy"]),
            R(U, "b57-frozen-body-head-only-e30", T, **Q, unfreeze_at=10 ** 6, lr=1e-3,
              epochs=30, seeds=(1,), writers=(SW,) if j != 1 else (LC,),
              acceptable=["still_improving"]),
            R(U, "b57-adam3e-5-e6", T, **Q, lr=3e-5, epochs=6, val_every=spe // 2, seeds=(2,),
              writers=(LC,), acceptable=["still_improving"]),
            R(OV, "b57-wide-n150-flip0.2-e150", T, **dict(Q, model="wide", batch=16),
              n_train=150, label_noise=0.2, lr=1e-3, epochs=150, seeds=(1,),
              writers=(SW,) if j != 1 else (LC,), acceptable=["healthy"]),
            *(rot[k] for k in pick),
        ]
    T = "b57_wave4_raw"
    Q = {"model": "medium", "batch": 64, "log_every": 5, "train_log": "step"}
    out += [
        R(U, "b57-raw-inputs-sgd1e-8-e30", T, **Q, opt="sgd", lr=1e-8, epochs=30, seeds=(1, 2),
          writers=(SW, LC), acceptable=["still_improving"]),
        R(D, "b57-raw-inputs-sgd1e-6-noclip", T, **Q, opt="sgd", lr=1e-6, epochs=10, seeds=(3,),
          writers=(SW,), acceptable=["erratic"]),
        # in place of two runs the checks dropped (the hastie LR bump, the wave4 Adam 0.03)
        R(P, "b57-poison-labels8-before-eval15", "b57_hastie", **dict(Q, log_every=1), lr=1e-3,
          epochs=30, poison=[(24 * 15 - 8, 8, "labels")], seeds=(3,), writers=(SW,),
          acceptable=["healthy"]),
        R(E, "b57-adam0.05-b4-val60", "b57_wave4", **dict(Q, batch=4, log_every=10), n_val=60,
          lr=0.05, epochs=3, val_every=50, seeds=(2,), writers=(LC,),
          acceptable=["underfitting", "diverging"]),
        R(D, "b57-sgd0.02-grow1.03", "b57_wave4", **Q, opt="sgd", lr=0.02, sched="grow",
          grow=1.03, max_steps=400, epochs=None, val_every=20, seeds=(3,), writers=(SW,),
          acceptable=["erratic"]),
    ]
    return out


add_batch_by_writers(b57_recipes)



# ----------------------------------------------------------------------------- fifty-ninth batch
# MULTI-EPOCH FINE-TUNES OF SMALL LANGUAGE MODELS ON SMALL CORPORA (tasks.DEV59_TASKS:
# b59_markov_ft, b59_subtract_ft, b59_grammar_ft): a 1-layer width-32 GPT-style causal
# transformer (or a GRU LM) pre-trained, unlogged, for 300 Adam steps on a thirty-eighth-batch
# stream, then fine-tuned for 2-10 epochs on 200-1000 windows of 32 tokens of another
# distribution (batch 32: 32 steps an epoch on 1000 windows; each window once an epoch, so the
# train loss steps down at the epoch boundaries as the corpus is memorised); the train loss every
# 10 steps, the val loss and val perplexity (exp of the val cross-entropy) twice an epoch or once.
# Kept in one block at the end of the file (b59_ names): f1_metric is wrapped for these tasks only
# (the perplexity, as the thirty-eighth batch's), the corpus size joins cause() (tasks.b59_text),
# and the batch's recipes are chained after every earlier recipe (add_batch_by_writers); nothing
# earlier changes.
from tasks import B59_SOURCE_TEXT, DEV59_TASKS, b59_text  # noqa: E402

DEV24_SOURCE.update(B59_SOURCE_TEXT)
cause = cause_with(cause, DEV59_TASKS, lambda r, task: b59_text(task))
_b59_prev_f1_metric = f1_metric


# Fifty-ninth batch: the perplexity first (as batch 38's); else as before.
f1_metric = with_perplexity(DEV59_TASKS, _b59_prev_f1_metric)


def b59_recipes() -> list[Recipe]:
    """Fifty-ninth dev batch, torch (a 1-layer width-32 GPT pre-trained 300 steps unless named;
    1000 windows of 32 tokens, batch 32: 32 steps an epoch). Regimes by their real causes: AdamW
    3e-3 (wd 0.1), 20 warm-up steps then cosine, clip 1.0, 3 epochs, evaluated twice an epoch
    (healthy; a GRU LM as well); a wide GRU LM on 200 windows for 30 epochs at batch 8,
    evaluated every epoch (overfitting); Adam 0.2 with no warm-up or clipping (the loss parks near
    the unigram entropy) or a width-8 model (underfitting); SGD with the LR x1.02 a step, no
    clipping (diverging); 30 random-token batches at step 80 of a 6-epoch cosine run (loss_spike);
    Adam 0.01 at batch 2 without clipping judged on 10 val windows (erratic); an LR
    bump x30 for 8 steps without clipping (loss_spike); Adam 1e-4 on a
    cosine planned for 30 epochs cut after 2 (still_improving); 12 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV59_TASKS):
        G = {"arch": "transformer", "model": "small", "pretrain": 300, "batch": 32,
             "train_log": "step", "log_every": 10}
        W = dict(G, opt="adamw", wd=0.1, clip=1.0)
        out += [
            R(H, "b59-ft-warmcos-e3", T, **dict(W, log_every=5), lr=3e-3, sched="cosine",
              warmup=20, epochs=3, val_every=16, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(H, "b59-gru-ft-warmcos-e3", T, **dict(W, arch="gru"), lr=2e-3, sched="cosine",
              warmup=20, epochs=3, val_every=16, seeds=(1,), writers=(SW,) if j != 1 else (LC,),
              acceptable=["still_improving", "overfitting"]),
            R(OV, "b59-gru-ft-wide-n200-b8-e30", T, **dict(W, arch="gru", model="wide", batch=8,
                                                           log_every=5, wd=0.0), n_train=200,
              lr=2e-3, epochs=30, val_every=13, seeds=(2, 3),
              writers=(LC, SW) if j != 1 else (SW, LC), acceptable=["healthy"]),
            R(U, "b59-ft-adam0.2-noclip", T, **G, opt="adam", lr=0.2, epochs=3, val_every=16,
              seeds=(3,), writers=(SW,), acceptable=["erratic", "diverging"]),
            R(U, "b59-ft-tiny-warmcos-e3", T, **dict(W, model="tiny", log_every=5), lr=3e-3,
              sched="cosine", warmup=20, epochs=3, val_every=16, seeds=(1,),
              writers=(LC,) if j != 1 else (SW,), acceptable=["still_improving"]),
            R(D, "b59-ft-sgd-grow1.02-noclip", T, **dict(G, log_every=5), opt="sgd", lr=0.01,
              sched="grow", grow=1.02, max_steps=320, epochs=None, val_every=16, seeds=(1,),
              writers=(LC,), acceptable=["underfitting"]),
            R(P, "b59-ft-poison-tokens30-at80", T, **dict(W, log_every=2), lr=3e-3,
              sched="cosine", warmup=20, epochs=6, val_every=8, poison=[(80, 30, "labels")],
              seeds=(2,), writers=(SW,) if j != 2 else (LC,), acceptable=["healthy"]),
            R(E, "b59-ft-adam0.01-b2-noclip-val10", T, **dict(G, batch=2), opt="adam", lr=0.01,
              n_val=10, max_steps=400, epochs=None, val_every=16, seeds=(3,),
              writers=(LC,) if j != 0 else (SW,), acceptable=["underfitting", "diverging"]),
            R(S, "b59-ft-adam1e-4-cosine30ep-cut2", T, **W, lr=1e-4, sched="cosine",
              epochs=None, max_steps=64, planned=960, val_every=8, seeds=(1,),
              writers=(SW,) if j != 0 else (LC,), acceptable=["underfitting", "healthy"]),
            R(INS, "b59-ft-stopped12", T, **dict(W, log_every=4), lr=1e-3, epochs=None,
              max_steps=12, val_every=6, seeds=(2,), writers=(LC,) if j != 1 else (SW,)),
        ]
        if j:   # 30 random-token batches moved the subtraction / grammar val loss < 2x: an LR bump
            out.append(R(P, "b59-ft-lrbump8-x30-noclip", T, **dict(G, log_every=2), opt="adam",
                         lr=1e-3, epochs=4, val_every=8, bumps=[(64, 8, 30)], seeds=(3,),
                         writers=(SW,) if j == 1 else (LC,), acceptable=["healthy"]))
    return out


add_batch_by_writers(b59_recipes)


# ----------------------------------------------------------------------------- sixty-first batch
# LOSS SPIKES OF EVERY SHAPE IN NOISY PER-STEP LOGS (tasks.DEV61_TASKS: b61_blobs6, b61_friedman1,
# b61_seqcount): batch 8, the train loss logged every step, val 4 times an epoch; spikes by 10
# fully poisoned batches, 30 batches with 30% of their labels random ("labels@0.3"), LR bumps
# x30 for 3 steps or x3 for 50 steps, 20 batches of one class ("oneclass": a data-order shock;
# the classifiers only) and a GRU without clipping hit by an LR bump x30 for one step, each
# beside a healthy twin with the same per-batch noise. Kept in one block at the end of the file
# (b61_ names): poison_batch is wrapped for these tasks only, cause() gets the task text
# (tasks.b61_text), the recipes are chained after every earlier one; nothing earlier changes.
from tasks import DEV61_TASKS, b61_text  # noqa: E402

cause = cause_with(cause, DEV61_TASKS, lambda r, task: b61_text(task) + "".join(
    f"; poison mode {m!r} for {n} batches at step {a}" for a, n, m in r.poison if m != "labels"))
_b61_prev_poison_batch = poison_batch


def poison_batch(task, r: Recipe, step, x, y, gen):  # noqa: F811  (the sixty-first batch's first)
    """Sixty-first batch: mode "labels@F" randomises a share F of each batch's labels,
    "oneclass" fills the batch with its rows of its most frequent class (a data-order shock);
    else as before."""
    import torch
    if r.task in DEV61_TASKS:
        for start, length, mode in r.poison:
            if start <= step < start + length and mode.startswith("labels@"):
                bad = torch.rand(y.shape, generator=gen) < float(mode[7:])
                if task.kind == "regression":
                    return x, torch.where(bad, torch.randn(y.shape, generator=gen) * 4, y)
                return x, torch.where(bad, torch.randint_like(y, task.n_classes, generator=gen), y)
            if start <= step < start + length and mode == "oneclass":
                c = int(torch.bincount(y).argmax())
                rows = (y == c).nonzero().flatten()
                pick = rows[torch.randint(len(rows), (len(y),), generator=gen)]
                return x[pick], y[pick]
    return _b61_prev_poison_batch(task, r, step, x, y, gen)


def b61_recipes() -> list[Recipe]:
    """Sixty-first dev batch, torch (1500 rows, batch 8: 188 steps an epoch; the train loss every
    step, val 4 times an epoch; a 2x32 MLP, a GRU on b61_seqcount). Adam 1e-3 for 4 epochs
    (healthy, the twin of every spike); 10 batches of random labels, 30 batches with 30% random
    labels, an LR bump x30 for 3 steps or x3 for 50 steps, 20 batches of one class (loss_spike);
    the 2x128 MLP on 100 rows for 150 epochs (overfitting); a linear model (underfitting; a tiny
    GRU on the sequences); SGD with the LR x1.02 a step (diverging); Adam 0.03 at batch 4 on 60 val
    rows (erratic); Adam 1e-4 cut at 300 steps (still_improving); 12 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV61_TASKS):
        G = {"batch": 8, "log_every": 1, "train_log": "step", "val_every": 47,
             "epochs": 10 if T == "b61_friedman1" else 4}  # friedman1 still falls after 4
        lr = 3e-3 if T == "b61_seqcount" else 1e-3
        G1 = dict(G, lr=lr)
        out += [
            R(H, "b61-adam-b8-e4", T, **G1, seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(P, "b61-poison10-at400", T, **G1, poison=[(400, 10, "labels")], seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy"]),
            R(P, "b61-poison30pct-30b-at400", T, **G1, poison=[(400, 30, "labels@0.3")],
              seeds=(3,), writers=(LC,), acceptable=["healthy"]),
            R(P, "b61-lrbump3-x30-at400", T, **G1, bumps=[(400, 3, 30)], seeds=(1,),
              writers=(SW,), acceptable=["healthy"]),
            R(P, "b61-lrbump50-x3-at400", T, **G1, bumps=[(400, 50, 3)], seeds=(2,),
              writers=(LC,), acceptable=["healthy"]),
            R(OV, "b61-wide-n100-e150", T, **dict(G1, epochs=150, val_every=13), model="wide",
              n_train=100, seeds=(1, 2), writers=(SW, LC), acceptable=["healthy"]),
            R(U, "b61-linear-e4" if j < 2 else "b61-tiny-e4", T, **G1,
              model="linear" if j < 2 else "tiny", seeds=(3,), writers=(SW,),
              acceptable=["healthy", "still_improving"]),
            R(D, "b61-sgd-grow1.02", T, **dict(G, epochs=None), opt="sgd", lr=0.01,
              sched="grow", grow=1.02, max_steps=500, seeds=(1,), writers=(LC,),
              acceptable=["underfitting"]),
            R(E, "b61-adam0.03-b4-val60", T, **dict(G, batch=4, epochs=2, val_every=40),
              lr=0.03, n_val=60, seeds=(2,), writers=(SW,),
              acceptable=["underfitting", "healthy"]),
            R(S, "b61-adam1e-4-cut300", T, **dict(G, epochs=None, val_every=25), lr=1e-4,
              max_steps=300, seeds=(3,), writers=(LC,), acceptable=["underfitting", "healthy"]),
            R(INS, "b61-stopped12", T, **dict(G1, epochs=None, val_every=6, log_every=4),
              max_steps=12,
              seeds=(1,), writers=(SW,)),
        ]
        if T != "b61_friedman1":
            out.append(R(P, "b61-oneclass20-at400", T, **G1, poison=[(400, 20, "oneclass")],
                         seeds=(3,), writers=(SW,), acceptable=["healthy"]))
        if T == "b61_seqcount":
            out.append(R(P, "b61-gru-noclip-lrbump1-x30", T, **G1, bumps=[(400, 1, 30)],
                         seeds=(2,), writers=(SW,), acceptable=["healthy"]))
    return out


add_batch_by_writers(b61_recipes)



# ----------------------------------------------------------------------------- sixtieth batch
# ERRATIC TRAINING AND ITS NOISY-BUT-FINE TWINS (tasks.DEV60_TASKS: b60_blobs7, b60_circles,
# b60_friedman2): train and val bouncing with no trend from real causes (Adam 0.03 or RMSprop
# 0.01 at batch 4-8, SGD with momentum 0.99, a BatchNorm MLP at batch 2, Adam with beta2 0.9 at
# 0.03, Adam 0.03 on 30% flipped labels), each beside a twin with the same 60-row val set and
# batch size at a sane LR (noisy but trending), and every other regime by its usual cause. Kept
# in one block at the end of the file (b60_ names): make_optimizer is wrapped for the two new
# optimisers ("rmsprop", "adam_b2": Adam with betas (0.9, 0.9)), the val set and batch size join
# cause() (tasks.b60_text), and the batch's recipes are chained after every earlier recipe
# (add_batch_by_writers); nothing earlier changes.
from tasks import DEV60_TASKS, b60_text  # noqa: E402

cause = cause_with(cause, DEV60_TASKS, lambda r, task: b60_text(task, r.batch))
_b60_prev_make_optimizer = make_optimizer


def make_optimizer(r: Recipe, params):  # noqa: F811  (the sixtieth batch's optimisers first)
    """Sixtieth batch: "rmsprop" (torch RMSprop, alpha 0.99) and "adam_b2" (Adam with betas
    (0.9, 0.9)); else as before."""
    import torch
    if r.opt == "rmsprop":
        return torch.optim.RMSprop(params, lr=r.lr, weight_decay=r.wd)
    if r.opt == "adam_b2":
        return torch.optim.Adam(params, lr=r.lr, betas=(0.9, 0.9), weight_decay=r.wd)
    return _b60_prev_make_optimizer(r, params)


def b60_recipes() -> list[Recipe]:
    """Sixtieth dev batch, torch (1000 train rows; the 2x64 MLP unless named; the train loss
    every 10 steps, validation every 50 on 60 val rows for the erratic pairs). Erratic (no trend,
    swings as large as the progress) beside its twin at a sane LR (healthy, noisy but trending):
    Adam 0.03 / 1e-3 at batch 4; RMSprop 0.01 / 3e-4 at batch 8; SGD 0.03 momentum 0.99 / SGD 0.01
    momentum 0.9 at batch 8; a BatchNorm MLP at batch 2, Adam 0.01 / 1e-4; Adam beta2 0.9 at 0.03
    / 3e-4, batch 4; Adam 0.03 / 1e-3 on 30% flipped labels at batch 8. The rest: AdamW 1e-3
    cosine, batch 32, 40 epochs (healthy); the 2x512 MLP on 120 rows (overfitting); a linear or
    2-unit model (underfitting); SGD 0.01 with the LR x1.03 a step (diverging); an LR bump x50
    for 10 steps or 10 random-label batches (loss_spike); Adam 1e-4 cut at 4 epochs
    (still_improving); 20 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV60_TASKS):
        Q = {"model": "medium", "log_every": 10, "train_log": "step", "epochs": None,
             "max_steps": 1500, "val_every": 50, "n_val": 60}
        pairs = {
            "adam": (dict(Q, batch=4, opt="adam", lr=0.03), dict(Q, batch=4, opt="adam", lr=1e-3),
                     "adam{}-b4-val60", (0.03, 1e-3)),
            "rms": (dict(Q, batch=8, opt="rmsprop", lr=0.01),
                    dict(Q, batch=8, opt="rmsprop", lr=3e-4), "rmsprop{}-b8-val60", (0.01, 3e-4)),
            "mom": (dict(Q, batch=8, opt="sgd", lr=0.03, momentum=0.99),
                    dict(Q, batch=8, opt="sgd", lr=0.01, momentum=0.9), "sgd{}-b8-val60",
                    ("0.03-mom0.99", "0.01-mom0.9")),
            "bn": (dict(Q, batch=2, arch="b60_bn", opt="adam", lr=0.01),
                   dict(Q, batch=2, arch="b60_bn", opt="adam", lr=1e-4), "bn-adam{}-b2-val60",
                   (0.01, 1e-4)),
            "b2": (dict(Q, batch=4, opt="adam_b2", lr=0.03),
                   dict(Q, batch=4, opt="adam_b2", lr=3e-4), "adam-beta2-0.9-lr{}-b4-val60",
                   (0.03, 3e-4)),
            "noisy": (dict(Q, batch=8, opt="adam", lr=0.03, label_noise=0.3),
                      dict(Q, batch=8, opt="adam", lr=1e-3, label_noise=0.3),
                      "flip0.3-adam{}-b8-val60", (0.03, 1e-3)),
        }
        pick = [("adam", "mom", "bn", "noisy"), ("rms", "b2", "mom", "noisy"),
                ("adam", "rms", "bn", "b2")][j]
        if T == "b60_friedman2":
            pick = tuple(k for k in pick if k != "noisy")
        for i, k in enumerate(pick):
            hot, sane, name, (lh, ls) = pairs[k]
            w = (SW, LC, SW, LC)[(i + j) % 4]
            w2 = (LC, SW, LT, SW)[(i + j) % 4]
            out += [
                R(E, "b60-" + name.format(f"{lh:g}" if isinstance(lh, float) else lh), T, **hot,
                  seeds=((i + j) % 3 + 1,), writers=(w,),
                  acceptable=["underfitting", "diverging", "healthy"]),
                R(H, "b60-" + name.format(f"{ls:g}" if isinstance(ls, float) else ls), T, **sane,
                  seeds=((i + j) % 3 + 1,), writers=(w2,),
                  acceptable=["erratic", "still_improving", "overfitting"]),
            ]
        F = {"model": "medium", "batch": 32, "log_every": 5, "train_log": "step"}
        out += [
            R(H, "b60-adamw1e-3-cosine-e40", T, **F, opt="adamw", wd=0.01, lr=1e-3,
              sched="cosine", epochs=40, seeds=(1, 2), writers=(SW, LC),
              acceptable=["still_improving", "overfitting"]),
            R(OV, "b60-wide-n120-e200", T, **dict(F, model="wide", batch=16), n_train=120,
              lr=1e-3, epochs=200, seeds=(3,), writers=(LC,) if j != 1 else (SW,),
              acceptable=["healthy"]),
            R(U, "b60-linear-adam3e-3-e40" if j != 0 else "b60-tiny-adam3e-3-e40", T,
              **dict(F, model="linear" if j != 0 else "tiny"), lr=3e-3, epochs=40, seeds=(2,),
              writers=(SW,) if j != 2 else (LT,), acceptable=["still_improving"]),
            R(D, "b60-sgd0.01-grow1.03", T, **F, opt="sgd", lr=0.01, sched="grow", grow=1.03,
              max_steps=400, epochs=None, val_every=20, seeds=(1,), writers=(LC,) if j != 1
              else (SW,), acceptable=["erratic"]),
            (R(P, "b60-lrbump10-x50-e20", T, **dict(F, log_every=1), lr=1e-3, epochs=40,
               bumps=[(31 * 20, 10, 50)], seeds=(2,), writers=(SW,), acceptable=["healthy"])
             if j != 1 else
             R(P, "b60-poison-labels10-e20", T, **dict(F, log_every=1), lr=1e-3, epochs=40,
               poison=[(31 * 20, 10, "labels")], seeds=(2,), writers=(LC,),
               acceptable=["healthy"])),
            R(S, "b60-adam1e-4-cut-e4", T, **F, lr=1e-4, epochs=4, val_every=8, seeds=(3,),
              writers=(SW,) if j != 0 else (LC,), acceptable=["underfitting", "healthy"]),
            R(INS, "b60-stopped20", T, **dict(F, log_every=10), lr=1e-3, max_steps=20,
              epochs=None, val_every=10, seeds=(1,), writers=(SW,)),
        ]
    return out


add_batch_by_writers(b60_recipes)


# ----------------------------------------------------------------------------- sixty-third batch
# ONLINE DATA, A FRESH SAMPLE EVERY BATCH (tasks.DEV63_TASKS: b63_quantiles, b63_roll,
# b63_classif): the train set is a stream of 50,000 generated rows read once (every batch a fresh
# sample, no row seen twice), so train and val come from the same distribution and there is no
# train/val gap; regimes by their real causes: Adam 1e-3 (healthy), a linear or 2-unit model
# (underfitting at a level only the task knows; the good model's level is in the cause), Adam
# 0.03 at batch 8 (erratic), SGD with the LR x1.02 a step without clipping (diverging), an LR
# bump x30 for 3 steps or 10 batches of random labels (loss_spike), Adam 1e-4 cut at 300 steps
# (still_improving), 12 steps (insufficient_data); overfitting only as the contrast of a fixed
# sample of 150 rows reused for 200 epochs (the online runs cannot overfit). Kept in one block at
# the end of the file (b63_ names): cause() gets the stream text (tasks.b63_text), the recipes
# are chained after every earlier one; nothing earlier changes.
from tasks import DEV63_TASKS, b63_text  # noqa: E402

cause = cause_with(cause, DEV63_TASKS,
                   lambda r, task: b63_text(task, r.batch, total_steps(task, r), r.model))


def b63_recipes() -> list[Recipe]:
    """Sixty-third dev batch, torch (online: a stream of 50,000 rows read once, batch 32; the
    train loss every 10 steps, val every 50 on 300 fixed rows; the 2x64 MLP unless named)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV63_TASKS):
        G = {"model": "medium", "batch": 32, "log_every": 10, "train_log": "step",
             "epochs": None, "val_every": 50, "opt": "adam"}
        small = "tiny" if T == "b63_classif" else "linear"
        hot, bump = (0.03, 30) if T == "b63_roll" else (0.1, 100)   # erratic LR, spike factor
        few = 40 if T == "b63_roll" else 150    # the fixed sample of the overfitting contrast
        out += [
            R(H, "b63-online-adam1e-3-1200", T, **G, lr=1e-3, max_steps=1200, seeds=(1, 2, 3),
              writers=(SW, LC, LT if j == 1 else SW),
              acceptable=["still_improving"]),
            R(U, f"b63-online-{small}-adam3e-3-1200", T, **dict(G, model=small), lr=3e-3,
              max_steps=1200, seeds=(2, 3), writers=(SW, LC), acceptable=["healthy"]),
            R(E, f"b63-online-adam{hot:g}-b8-1200", T, **dict(G, batch=8), lr=hot, clip=0,
              max_steps=1200, seeds=((j % 3) + 1,), writers=(LC if j != 1 else SW,),
              acceptable=["underfitting", "healthy", "diverging"]),
            R(D, "b63-online-sgd0.01-grow1.02-noclip", T, **dict(G, opt="sgd", val_every=20),
              lr=0.01, sched="grow", grow=1.02, max_steps=500, seeds=(2,),
              writers=(SW if j != 2 else LC,), acceptable=["erratic"]),
            R(P, f"b63-online-lrbump3-x{bump}-at600", T, **dict(G, log_every=2), lr=1e-3,
              max_steps=1200, bumps=[(600, 3, bump)], seeds=(3,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "b63-online-poison10-at600", T, **dict(G, log_every=2), lr=1e-3,
              max_steps=1200, poison=[(600, 10, "labels")], seeds=(1,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, "b63-online-adam1e-4-cut300", T, **dict(G, val_every=25), lr=1e-4,
              max_steps=300, seeds=(3,), writers=(LC if j != 0 else SW,),
              acceptable=["underfitting", "healthy"]),
            R(INS, "b63-online-stopped12", T, **dict(G, val_every=6, log_every=4), lr=1e-3,
              max_steps=12, seeds=(1, 2), writers=(SW, LC)),
            R(OV, f"b63-fixed{few}-wide-e200", T,
              **dict(G, model="wide", batch=16, val_every=None, epochs=200),
              n_train=few, lr=1e-3, seeds=(2,),
              writers=(SW if j != 1 else LC,), acceptable=["healthy"]),
        ]
        if T == "b63_quantiles":    # a hot SGD too (on b63_classif it collapses to chance)
            out.append(R(E, "b63-online-sgd0.1-mom0.9-b4-1200", T, **dict(G, batch=4, opt="sgd"),
                         lr=0.1, clip=0, max_steps=1200, seeds=(2,), writers=(SW,),
                         acceptable=["underfitting", "healthy", "diverging"]))
    return out


add_batch_by_writers(b63_recipes)


# ----------------------------------------------------------------------------- sixty-second batch
# COMMON TRAINING-LOOP MISTAKES AND WHAT THEY DRAW (tasks.DEV62_TASKS: b62_digits, b62_wavereg,
# b62_seqmode): optimizer.zero_grad() forgotten, the train set sorted by label and not shuffled,
# model.eval() forgotten at validation (dropout on), validating on the train set, the loss summed
# over the batch, train labels off by one for half the classes; each beside the correct loop on
# the same task, every other regime by its usual cause. Kept in one block at the end of the file
# (b62_ names): the batch's runs go through its own SummaryWriter loop and LightningModule
# (b62_run_plain, b62_run_lightning), which make the mistakes named in the variant
# (tasks.b62_bugs; the task-level ones by tasks.b62_bugged) and are the plain loops otherwise;
# cause() gets the mistake (tasks.b62_text); the recipes are chained after every earlier one.
from tasks import DEV62_TASKS, b62_bugged, b62_bugs, b62_text  # noqa: E402

cause = cause_with(cause, DEV62_TASKS, lambda r, task: b62_text(task, b62_bugs(r.variant)))


def b62_order(task, bugs, gen):
    """The train rows' order for one epoch: a fresh permutation, or ("sorted") the rows sorted
    by label (by target on the regression), the same every epoch."""
    import torch
    if "sorted" in bugs:
        return torch.sort(torch.as_tensor(task.y_train), stable=True).indices
    return torch.randperm(len(task.x_train), generator=gen)


def b62_val_loss(task, model, xva, yva, bugs, batch):
    """Validation as the script does it: model.eval() unless "trainmode"; with "sumloss" the
    summed loss of val batches of the train batch size, averaged over the batches."""
    import torch
    if "trainmode" not in bugs:
        model.eval()
    with torch.no_grad():
        pred = model(xva)
        loss, m, val = loss_and_metric(task, pred, yva)
        if "sumloss" in bugs:
            parts = [loss_and_metric(task, model(xva[i:i + batch]), yva[i:i + batch])[0]
                     * len(yva[i:i + batch]) for i in range(0, len(yva), batch)]
            loss = sum(parts) / len(parts)
    model.train()
    return loss, m, val


def b62_run_plain(r: Recipe, task, out: Path):
    """Sixty-second batch, SummaryWriter: a plain loop making the variant's mistakes."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    bugs = b62_bugs(r.variant)
    task = b62_bugged(task, bugs)
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    opt = make_optimizer(r, model.parameters())
    total = total_steps(task, r)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, total))
    xtr, ytr, xva, yva = tensors(task)
    gen = torch.Generator().manual_seed(r.seed)
    t_loss, v_loss, v_met, t_lr, t_gn = TAG_STYLES[r.tags]
    w = SummaryWriter(str(out), flush_secs=30)

    def evaluate(step):
        loss, m, val = b62_val_loss(task, model, xva, yva, bugs, r.batch)
        w.add_scalar(v_loss, loss.item(), step)
        w.add_scalar(v_met.format(m=m, M=m.capitalize()), val.item(), step)

    step = 0
    while step < total:
        perm = b62_order(task, bugs, gen)
        for i in range(0, len(xtr), r.batch):
            idx = perm[i:i + r.batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            loss, _, _ = loss_and_metric(task, model(x), y)
            if "sumloss" in bugs:
                loss = loss * len(y)
            if "nozerograd" not in bugs:
                opt.zero_grad()
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip or float("inf"))
            lr_now = opt.param_groups[0]["lr"]
            opt.step()
            sched.step()
            step += 1
            if step % r.log_every == 0:
                w.add_scalar(t_loss, loss.item(), step)
                w.add_scalar(t_lr, lr_now, step)
                if r.grad_norm:
                    w.add_scalar(t_gn, gn.item(), step)
            if r.val_every and step % r.val_every == 0:
                evaluate(step)
            if step >= total:
                break
        if not r.val_every:
            evaluate(step)
    w.close()


def b62_run_lightning(r: Recipe, task, out: Path):
    """Sixty-second batch, Lightning (CSVLogger / TensorBoardLogger): a LightningModule making
    the variant's mistakes (optimizer_zero_grad a no-op, an unshuffled sorted train loader,
    self.model.train() at the top of validation_step, reduction="sum")."""
    import lightning as L
    import torch
    from lightning.pytorch.callbacks import LearningRateMonitor
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger
    bugs = b62_bugs(r.variant)
    task = b62_bugged(task, bugs)
    L.seed_everything(r.seed, verbose=False)
    total = total_steps(task, r)

    class Module(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.model = build_model(r, task)
            self.gen = torch.Generator().manual_seed(r.seed + 7)

        def training_step(self, batch, batch_idx):
            x, y = poison_batch(task, r, self.global_step, *batch, self.gen)
            loss, _, _ = loss_and_metric(task, self.model(x), y)
            if "sumloss" in bugs:
                loss = loss * len(y)
            self.log("train_loss", loss, on_step=True, on_epoch=False)
            return loss

        def optimizer_zero_grad(self, epoch, batch_idx, optimizer):
            if "nozerograd" not in bugs:
                optimizer.zero_grad()

        def validation_step(self, batch, batch_idx):
            if "trainmode" in bugs:
                self.model.train()
            pred = self.model(batch[0])
            loss, m, val = loss_and_metric(task, pred, batch[1])
            if "sumloss" in bugs:
                loss = loss * len(batch[1])
            self.log("val_loss", loss, on_epoch=True)
            self.log({"accuracy": "val_acc", "mae": "val_mae"}.get(m, f"val_{m}"), val,
                     on_epoch=True)

        def configure_optimizers(self):
            opt = make_optimizer(r, self.parameters())
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, total))
            return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}

    xtr, ytr, xva, yva = tensors(task)
    train_set = torch.utils.data.TensorDataset(xtr, ytr)
    if "sorted" in bugs:
        order = torch.sort(ytr, stable=True).indices
        sorted_set = torch.utils.data.TensorDataset(xtr[order], ytr[order])
        dl_train = torch.utils.data.DataLoader(sorted_set, batch_size=r.batch, shuffle=False)
    else:
        dl_train = torch.utils.data.DataLoader(train_set, batch_size=r.batch, shuffle=True,
                                               generator=torch.Generator().manual_seed(r.seed))
    dl_val = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xva, yva),
                                         batch_size=r.batch if "sumloss" in bugs else len(xva))
    if r.writer == "lightning_csv":
        logger = CSVLogger(str(out), name="", version="", flush_logs_every_n_steps=1000)
    else:
        logger = TensorBoardLogger(str(out), name="", version="", default_hp_metric=False)
    val_kw = ({"val_check_interval": r.val_every, "check_val_every_n_epoch": None} if r.val_every
              else {"check_val_every_n_epoch": 1})
    trainer = L.Trainer(
        max_epochs=-1 if r.max_steps else r.epochs, max_steps=r.max_steps or -1, accelerator="cpu",
        devices=1, logger=logger, log_every_n_steps=r.log_every, enable_checkpointing=False,
        callbacks=[LearningRateMonitor(logging_interval="step")] if r.lr_monitor else [],
        gradient_clip_val=r.clip, enable_progress_bar=False, enable_model_summary=False,
        num_sanity_val_steps=0, deterministic=True, **val_kw)
    trainer.fit(Module(), dl_train, dl_val)


run_plain = for_tasks(DEV62_TASKS, b62_run_plain, run_plain)
run_lightning = for_tasks(DEV62_TASKS, b62_run_lightning, run_lightning)


def b62_recipes() -> list[Recipe]:
    """Sixty-second dev batch, torch (batch 32, the train loss every 5 steps, val every epoch;
    the 2x64 MLP, a width-32 GRU on b62_seqmode). Each mistake beside the correct loop (Adam 1e-3,
    20 epochs: healthy): zero_grad forgotten; the train set sorted by label, not shuffled;
    model.eval() forgotten with dropout 0.5 (its twin: dropout 0.5, eval on); validating on the
    train set with the 2x512 MLP on 150 rows (its twin: the same on the real val set,
    overfitting); the loss summed over the batch (Adam; SGD 0.01); labels off by one for half
    the classes. The rest: a linear / tiny model (underfitting); SGD 0.01 with the LR x1.03 a step
    (diverging); an LR bump x50 for 10 steps, 10 random-label batches (loss_spike); Adam 0.03 at
    batch 4 (erratic); Adam 1e-4 cut at 3 epochs (still_improving); 15 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV62_TASKS):
        seq = T == "b62_seqmode"
        G = {"batch": 32, "log_every": 5, "epochs": 20, "lr": 3e-3 if seq else 1e-3,
             "model": "small" if seq else "medium"}
        out += [
            R(H, "b62-correct-adam", T, **G, seeds=(1, 2), writers=(SW, LC),
              acceptable=["still_improving", "overfitting"]),
            R(E, "b62-nozerograd-adam", T, **G, seeds=(1, 2), writers=(SW, LC),
              acceptable=["diverging", "underfitting"]),
            R(E, "b62-sorted-adam", T, **G, seeds=(2, 3), writers=(SW, LC),
              acceptable=["underfitting", "healthy"]),
            R(H, "b62-valontrain-wide-n150", T, **dict(G, epochs=150, model="wide" if not seq
                                                      else "medium"), n_train=150,
              seeds=(1, 2), writers=(SW, LC), acceptable=["overfitting"]),
            R(OV, "b62-correct-wide-n150", T, **dict(G, epochs=150, model="wide" if not seq
                                                     else "medium"), n_train=150,
              seeds=(1, 3), writers=(SW, LC, LC), acceptable=["healthy"]),
            R(H, "b62-sumloss-adam", T, **G, seeds=(1, 3), writers=(SW, LC, LC),
              acceptable=["still_improving"]),
            R(D, "b62-sumloss-sgd0.01", T, **G | {"lr": 0.01}, opt="sgd", seeds=(2,),
              writers=(LC,), acceptable=["erratic", "underfitting", "healthy"]),
            R(U, "b62-linear-adam" if not seq else "b62-tiny-adam", T,
              **G | {"model": "linear" if not seq else "tiny"}, seeds=(3,), writers=(LT,),
              acceptable=["still_improving"]),
            R(D, "b62-sgd0.01-grow1.03", T, **dict(G, epochs=None, lr=0.01), opt="sgd",
              sched="grow", grow=1.03, max_steps=400, val_every=20, seeds=(1,), writers=(SW,),
              acceptable=["erratic"]),
            R(P, "b62-lrbump10-x50-at500", T, **dict(G, log_every=1), bumps=[(500, 10, 50)],
              seeds=(2,), writers=(LC,), acceptable=["healthy"]),
            R(P, "b62-poison10-at500", T, **dict(G, log_every=1), poison=[(500, 10, "labels")],
              seeds=(3,), writers=(SW,), acceptable=["healthy"]),
            R(E, "b62-adam0.03-b4", T, **dict(G, batch=4, epochs=None, log_every=10, lr=0.03),
              max_steps=1500, val_every=75, seeds=(1,), writers=(LT,),
              acceptable=["underfitting", "healthy"]),
            R(S, "b62-adam1e-4-cut-e3", T, **dict(G, epochs=3, val_every=12, lr=1e-4),
              seeds=(2,), writers=(SW,), acceptable=["underfitting", "healthy"]),
            R(INS, "b62-stopped15", T, **dict(G, epochs=None, val_every=5), max_steps=15,
              seeds=(3,), writers=(LC,)),
        ]
        if not seq:     # the GRU has no dropout: model.eval() changes nothing there
            out += [
                R(H, "b62-trainmode-dropout0.5", T, **G, dropout=0.5, seeds=(1, 3),
                  writers=(SW, LC, LC), acceptable=["erratic", "still_improving", "underfitting"]),
                R(H, "b62-correct-dropout0.5", T, **G, dropout=0.5, seeds=(2,), writers=(SW,),
                  acceptable=["still_improving"]),
            ]
        if T != "b62_wavereg":
            out += [
                R(U, "b62-offbyone-adam", T, **G, seeds=(1, 3), writers=(SW, LC, LC),
                  acceptable=["overfitting", "healthy"]),
                R(E, "b62-sorted-adam0.01", T, **G | {"lr": 0.01}, seeds=(1,), writers=(SW,),
                  acceptable=["underfitting", "healthy"]),
                R(H, "b62-correct-adam0.01", T, **G | {"lr": 0.01}, seeds=(1,), writers=(LC,),
                  acceptable=["erratic", "overfitting"]),
            ]
    return out


add_batch_by_writers(b62_recipes)


# ----------------------------------------------------------------------------- sixty-fifth batch
# SMALL REAL DATA SETS THAT SHIP WITH SCIKIT-LEARN (tasks.DEV65_TASKS: b65_cancer,
# b65_cancer_raw, b65_diabetes, b65_iris): small MLPs and logistic models trained as people
# train them on load_breast_cancer (standardised and raw features), load_diabetes and load_iris,
# judged on val sets of 30-80 rows (a fresh train/val split per seed), mini-batch (16) and
# full-batch, Adam and SGD, 15-400 epochs; regimes by their real causes. Kept in one block at
# the end of the file (b65_ names): cause() gets the data set, its sizes and (for a run made to
# underfit) the good model's level (tasks.b65_text); the recipes are chained after every earlier
# one; nothing earlier changes.
from tasks import DEV65_TASKS, b65_text  # noqa: E402

cause = cause_with(cause, DEV65_TASKS,
                   lambda r, task: b65_text(task, r.batch, r.model, r.wd, r.lr))


def b65_recipes() -> list[Recipe]:
    """Sixty-fifth dev batch, torch (batch 16, the 2x64 MLP unless named, the train loss every
    step or few, val every epoch on the 30-80 val rows). Regimes by their real causes: Adam 1e-3
    for 40-150 epochs, Adam 0.01 full-batch, a logistic model full-batch on the cancer rows
    (healthy); the 2x512 MLP trained 200-400 epochs on the few rows (overfitting); Adam with an
    L2 weight decay of 1.0 or Adam 1e-5 (underfitting); Adam 0.05 at batch 4 (erratic); the LR
    raised x300 at epoch 20 for good (diverging); an LR bump x60 for 8 steps, or 8 random-label
    batches (loss_spike); Adam 1e-4 cut at 15 epochs (still_improving); 20 steps
    (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV65_TASKS):
        iris, raw = T == "b65_iris", T == "b65_cancer_raw"
        n_tr = {"b65_diabetes": 382, "b65_iris": 120}.get(T, 489)
        spe = -(-n_tr // 16)                    # steps an epoch at batch 16
        ep = 150 if iris else 40                # the healthy run's epochs
        Q = {"model": "medium", "batch": 16, "log_every": 2, "train_log": "step"}
        ov_n = {"b65_iris": None, "b65_diabetes": None}.get(T, 150)
        ov_ep = 300 if iris else 200
        fb_ep, e_ep, s_ep = (300, 40, 40) if iris else (200, 15, 15)   # full-batch, hot, cut
        out += [
            R(H, f"b65-adam1e-3-e{ep}", T, **Q, lr=1e-3, epochs=ep, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving", "overfitting"]),
            R(H, f"b65-fullbatch-adam0.01-e{fb_ep}", T, **dict(Q, batch=1024, log_every=1),
              lr=0.01, epochs=fb_ep, seeds=(1, 2), writers=(LC, SW),
              acceptable=["still_improving", "overfitting"]),
            R(OV, f"b65-wide-n{ov_n or n_tr}-e{ov_ep}", T, **dict(Q, model="wide", log_every=5),
              n_train=ov_n, lr=1e-3, epochs=ov_ep, seeds=(1, 2) if j != 1 else (2,),
              writers=(SW, LC), acceptable=["healthy"]),
            R(U, f"b65-adam1e-3-l2wd1-e{ep}", T, **Q, lr=1e-3, wd=1.0, epochs=ep, seeds=(2, 3),
              writers=(LC, SW), acceptable=["healthy"]),
            R(U, f"b65-adam1e-5-e{ep}", T, **Q, lr=1e-5, epochs=ep, seeds=(1,),
              writers=(SW,), acceptable=["still_improving"]),
            R(E, f"b65-adam0.05-b4-e{e_ep}", T, **dict(Q, batch=4, log_every=5), lr=0.05,
              epochs=e_ep, seeds=(3,), writers=(LC,),
              acceptable=["underfitting", "diverging", "healthy"]),
            R(D, "b65-adam1e-3-jump-x300-e20", T, **Q, lr=1e-3, sched="jump",
              jump=(spe * 20, 300), epochs=50, seeds=(1,), writers=(SW,),
              acceptable=["underfitting", "erratic"]),
            R(P, "b65-lrbump8-x60-e30", T, **dict(Q, log_every=1), lr=1e-3, epochs=60,
              bumps=[(spe * 30, 8, 60)], seeds=(2,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b65-poison-labels8-e30", T, **dict(Q, log_every=1), lr=1e-3, epochs=60,
              poison=[(spe * 30 - 8, 8, "labels")], seeds=(3,), writers=(LC,),
              acceptable=["healthy"]),
            R(S, f"b65-adam1e-4-cut-e{s_ep}", T, **Q, lr=1e-4, epochs=s_ep,
              seeds=(2,), writers=(LC,), acceptable=["underfitting", "healthy"]),
            R(INS, "b65-stopped20", T, **dict(Q, log_every=10), lr=1e-3, max_steps=20,
              val_every=10, seeds=(1,), writers=(SW,)),
        ]
        if T == "b65_cancer":   # the logistic model people fit first: as good as the MLP here
            out.append(R(H, "b65-logistic-fullbatch-adam0.01-e300", T,
                         **dict(Q, model="linear", batch=1024, log_every=1), lr=0.01,
                         epochs=300, seeds=(2, 3), writers=(SW, LC),
                         acceptable=["still_improving"]))
        if T in ("b65_iris", "b65_diabetes"):   # multinomial logistic / linear regression
            out.append(R(H, f"b65-{'logistic' if iris else 'linear'}-fullbatch-adam0.01-e300", T,
                         **dict(Q, model="linear", batch=1024, log_every=1), lr=0.01,
                         epochs=300, seeds=(1, 2, 3), writers=(SW, LC, LT),
                         acceptable=["still_improving"]))
        if T == "b65_diabetes":     # the LR jump's run is dropped there: SGD with a growing LR
            out.append(R(D, "b65-sgd0.01-grow1.02-e40", T, **Q, opt="sgd", lr=0.01,
                         sched="grow", grow=1.02, max_steps=400, val_every=12, seeds=(2,),
                         writers=(SW,), acceptable=["erratic"]))
        if raw:                 # raw features with SGD: the step the largest feature dictates
            out.append(R(E, "b65-raw-sgd1e-3-e40", T, **Q, opt="sgd", lr=1e-3, epochs=40,
                         seeds=(1,), writers=(SW,), acceptable=["diverging", "underfitting"]))
    return out


add_batch_by_writers(b65_recipes)


# ----------------------------------------------------------------------------- sixty-fourth batch
# TRAIN-ONLY LOGS (tasks.DEV64_TASKS: b64_charlm, b64_digits_ae, b64_friedfit): every run logs its
# train loss per step (and LR, grad norm) and never validates (Recipe.no_val, the fifteenth
# batch's train-only loop: SummaryWriter add_scalar of the train loss only, Lightning without a
# val loop); regimes by their real causes, read on the train loss: good settings run to
# convergence (healthy, batch 8 to 512 so the tails are noisy or smooth, cosine / linear-decay /
# constant schedules), Adam 1e-4 or a run cut short (still_improving), a model too small or an LR
# so low nothing moves (underfitting; the good model's level in the cause), an LR far too high
# (erratic) or growing (diverging), LR bumps and poisoned batches (loss_spike), a few steps
# (insufficient_data). Kept in one block at the end of the file (b64_ names): cause() gets the
# train-only text (tasks.b64_text), the recipes are chained after every earlier one; nothing
# earlier changes.
from tasks import DEV64_TASKS, b64_text  # noqa: E402

cause = cause_with(cause, DEV64_TASKS, lambda r, task: b64_text(task, r.model))


def b64_recipes() -> list[Recipe]:
    """Sixty-fourth dev batch, torch (train-only: no_val; the train loss every 5 steps at batch
    32; a width-32 GRU LM on b64_charlm, the 64-64-8-64-64 autoencoder on b64_digits_ae, the 2x64
    MLP on b64_friedfit). Adam to convergence with a cosine schedule, at batch 8 (constant), at
    batch 256 (linear decay, every step logged) and logged once an epoch (healthy); Adam 1e-4 at
    batch 128 cut at 400 steps and a linear decay cut at 15% of its schedule (per-epoch means
    on the autoencoder, whose per-step losses swing 15%: still_improving); a width-4 GRU, a
    1-unit code, a linear fit, or Adam 1e-6 (underfitting); Adam 0.05-1.0 at batch 8 without
    clipping (erratic); SGD with the LR x1.02 a step (diverging); an LR bump x50 (x100 on the
    LM) for 5 steps or 10 poisoned batches at step 400 (loss_spike); 15 steps
    (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, U, E, S = "healthy", "underfitting", "erratic", "still_improving"
    R = Recipe
    out = []
    for j, T in enumerate(DEV64_TASKS):
        lm, ae = T == "b64_charlm", T == "b64_digits_ae"
        arch = "gru" if lm else ("ae" if ae else None)
        good = {"b64_charlm": 3e-3, "b64_digits_ae": 1e-3, "b64_friedfit": 1e-3}[T]
        ep = {"b64_charlm": 12, "b64_digits_ae": 25, "b64_friedfit": 25}[T]
        G = {"model": "small" if lm or ae else "medium", "arch": arch, "batch": 32,
             "log_every": 5, "no_val": True, "epochs": ep}
        small = "tiny" if ae else "linear"     # a width-4 GRU LM, a 1-unit code, a linear fit
        hot = {"b64_charlm": 1.0, "b64_digits_ae": 0.05, "b64_friedfit": 0.1}[T]
        bump = 100 if lm else 50        # the LR bump's factor (x50 barely moves the GRU LM)
        spe = 47 if ae else 63          # steps an epoch at batch 32
        out += [
            R(H, "b64-trainonly-adam-cosine", T, **G, lr=good, sched="cosine", seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving"]),
            R(H, "b64-trainonly-adam-const-b8", T, **dict(G, batch=8, log_every=20,
                                                          epochs=max(4, ep // 3)),
              lr=good, seeds=(2,), writers=(LC if j != 1 else SW,), acceptable=["still_improving"]),
            R(H, "b64-trainonly-adam-lindecay-b256", T, **dict(G, batch=256, log_every=1,
                                                             epochs=ep * 6),
              lr=good * 3, sched="linear", seeds=(1,), writers=(SW if j != 1 else LC,),
              acceptable=["still_improving"]),
            R(H, "b64-trainonly-adam-epochlog", T, **dict(G, train_log="epoch",
                                                          epochs=ep * 2),
              lr=good, seeds=(3,), writers=(LC,), acceptable=["still_improving"]),
        ]
        if not ae:
            out += [
                R(S, "b64-trainonly-adam1e-4-b128-cut400", T, **dict(G, epochs=None, batch=128),
                  lr=1e-4, max_steps=400, seeds=(1, 2), writers=(SW, LC),
                  acceptable=["underfitting", "healthy"]),
                R(S, "b64-trainonly-lindecay-b128-cut15pct", T,
                  **dict(G, epochs=None, batch=128, log_every=2), lr=good, sched="linear",
                  max_steps=3 * ep * spe // 4 * 15 // 100, planned=3 * ep * spe // 4,
                  seeds=(3,), writers=(LC if j != 0 else SW,), acceptable=["healthy"]),
            ]
        else:   # per-step reconstruction losses swing 15% at any batch: an epoch-mean log
            out += [
                R(S, "b64-trainonly-adam1e-4-epochlog-e30", T, **dict(G, train_log="epoch",
                                                                       epochs=30),
                  lr=1e-4, seeds=(1, 2), writers=(LC, LT), acceptable=["underfitting", "healthy"]),
                R(S, "b64-trainonly-lindecay-epochlog-cut20of120", T,
                  **dict(G, train_log="epoch", epochs=None), lr=good, sched="linear",
                  max_steps=20 * spe, planned=120 * spe, seeds=(3,), writers=(LC,),
                  acceptable=["healthy"]),
            ]
        out += [
            R(U, f"b64-trainonly-{small}", T, **dict(G, model=small), lr=good, seeds=(1, 2),
              writers=(SW, LC), acceptable=["healthy", "still_improving"]),
            R(U, "b64-trainonly-lr1e-6", T, **G, lr=1e-6, seeds=(3,),
              writers=(LT if j == 2 else SW,), acceptable=["still_improving"]),
            R(E, f"b64-trainonly-adam{hot:g}-b8-noclip", T, **dict(G, batch=8, log_every=10,
                                                                   epochs=max(4, ep // 3)),
              lr=hot, clip=0, seeds=(1,), writers=(SW if j != 1 else LC,),
              acceptable=["diverging", "underfitting"]),
            *train_only_trouble("b64", T, j, G, good, bump, "labels" if not ae else "inputs"),
        ]
    return out


def train_only_trouble(prefix, T, j, G, good, bump, poison_mode) -> list[Recipe]:
    """The train-only batches' (64, 66) diverging, spike and too-short recipes for task ``T``
    (the ``j``-th of its batch), from the batch's recipe defaults ``G`` and good LR: SGD 0.01
    with the LR x1.02 a step, an LR bump x``bump`` for 5 steps or 10 poisoned batches
    (``poison_mode``) at step 400, and 15 steps."""
    R = Recipe
    SW, LC = "summarywriter", "lightning_csv"
    return [
        R("diverging", f"{prefix}-trainonly-sgd0.01-grow1.02", T, **dict(G, epochs=None),
          opt="sgd", lr=0.01, sched="grow", grow=1.02, max_steps=600, seeds=(2,),
          writers=(LC if j != 1 else SW,), acceptable=["erratic"]),
        R("loss_spike", f"{prefix}-trainonly-lrbump5-x{bump}", T, **dict(G, log_every=1),
          lr=good, bumps=[(400, 5, bump)], seeds=(3,), writers=(SW,), acceptable=["healthy"]),
        R("loss_spike", f"{prefix}-trainonly-poison10", T, **dict(G, log_every=2), lr=good,
          poison=[(400, 10, poison_mode)], seeds=(1,), writers=(LC,), acceptable=["healthy"]),
        R("insufficient_data", f"{prefix}-trainonly-stopped15", T, **dict(G, epochs=None),
          lr=good, max_steps=15, seeds=(2,), writers=(SW if j != 2 else LC,)),
    ]


add_batch_by_writers(b64_recipes)


# ----------------------------------------------------------------------------- sixty-seventh batch
# FEW EVALUATIONS BESIDE A LONG PER-STEP TRAIN LOSS (tasks.DEV67_TASKS: b67_seqcls, b67_tagger,
# b67_friedreg): the shape of most real fine-tunes, a few epochs (1-8) validated once an epoch
# (SummaryWriter loops, Lightning with the val loop per epoch and the train loss on_step) beside
# the train loss every 1-10 steps; regimes by their real causes. Kept in one block at the end of
# the file (b67_ names): cause() says how many evaluations and (for a run made to underfit) the
# good model's level (tasks.b67_text); the recipes are chained after every earlier one; nothing
# earlier changes.
from tasks import DEV67_TASKS, b67_text  # noqa: E402

cause = cause_with(cause, DEV67_TASKS, lambda r, task: b67_text(
    task, r.epochs if r.epochs else (r.max_steps or 0) // 63, r.model, r.lr,
    r.opt == "sgd" and r.momentum == 0))


def b67_recipes() -> list[Recipe]:
    """Sixty-seventh dev batch, torch (2000 train rows, batch 32: 63 steps an epoch; val once an
    epoch; the train loss every 5 steps; a GRU on b67_seqcls, the transformer tagger (Adam 1e-4)
    on b67_tagger, the 2x64 MLP on b67_friedreg). Adam for 8 epochs (3e-3 cosine on the
    regression) and AdamW cosine for 4 (healthy); the wide model on 200-300 rows with flipped
    labels / noisy targets, batch 8, 8 epochs (overfitting; not on the tagger, whose tags need no
    context: a wide one learns the rule, not the noise); a linear fit at Adam 0.01 (the
    regression), plain SGD at a third of the good LR (a width-4 GRU still counts the tokens), or
    Adam 1e-5 (1e-6 on the tagger) (underfitting); Adam 0.1 at batch 8 without clipping for 6
    epochs (erratic); SGD with the LR x1.02 a step (diverging); an LR bump x10-x300 for 5 steps
    or 10 random-label batches at step 150 (loss_spike); a low LR cut after 3 epochs
    (still_improving); one epoch, the train loss every 25 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV67_TASKS):
        arch = "tagger" if T == "b67_tagger" else None
        model = "small" if T == "b67_seqcls" else "medium"
        good = {"b67_seqcls": 3e-3, "b67_tagger": 1e-4, "b67_friedreg": 1e-3}[T]
        bump = {"b67_seqcls": 10, "b67_tagger": 300, "b67_friedreg": 50}[T]
        low = 1e-6 if arch else 1e-5       # an LR far too low (1e-5 still moves the tagger)
        cut = {"b67_seqcls": 1e-3, "b67_tagger": 2e-5, "b67_friedreg": 3e-4}[T]
        reg = T == "b67_friedreg"   # 1e-3 constant still falls after 8 epochs: 3e-3 cosine
        G = {"arch": arch, "model": model, "batch": 32, "log_every": 5, "train_log": "step"}
        out += [
            R(H, "b67-adam3e-3-cosine-e8" if reg else "b67-adam-e8", T, **G,
              lr=3e-3 if reg else good, sched="cosine" if reg else "const", epochs=8,
              seeds=(1, 2, 3), writers=(SW, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(H, "b67-adamw-cosine-e4", T, **dict(G, log_every=10), opt="adamw", wd=0.01,
              lr=good, sched="cosine", epochs=4, seeds=(3,), writers=(LC,),
              acceptable=["still_improving"]),
            (R(U, "b67-linear-adam0.01-e6", T, **dict(G, model="linear"), lr=0.01, epochs=6,
               seeds=(1,), writers=(SW,), acceptable=["still_improving", "healthy"]) if reg
             else   # a width-4 GRU still counts the tokens: plain SGD at an LR far too low
             R(U, f"b67-sgd{good / 3:.0e}-nomom-e6".replace("e-0", "e-"), T, **G, opt="sgd",
               momentum=0.0, lr=float(f"{good / 3:.0e}"), epochs=6, seeds=(1,), writers=(SW,),
               acceptable=["still_improving"])),
            R(U, f"b67-adam{low:.0e}-e6".replace("e-0", "e-"), T, **G, lr=low, epochs=6,
              seeds=(2,), writers=(LC,),
              acceptable=["still_improving"]),
            R(E, "b67-adam0.1-b8-noclip-e6", T, **dict(G, batch=8, log_every=10), lr=0.1,
              clip=0, epochs=6, seeds=(3,), writers=(SW,),
              acceptable=["diverging", "underfitting"]),
            R(D, "b67-sgd0.01-grow1.02", T, **dict(G, log_every=2), opt="sgd", lr=0.01,
              sched="grow", grow=1.02, clip=0, epochs=6, seeds=(1,), writers=(LC,),
              acceptable=["erratic"]),
            R(P, f"b67-lrbump5-x{bump}-at150", T, **dict(G, log_every=1), lr=good, epochs=5,
              bumps=[(150, 5, bump)], seeds=(2,), writers=(SW,), acceptable=["healthy"]),
            R(P, "b67-poison10-at150", T, **dict(G, log_every=1), lr=good, epochs=5,
              poison=[(150, 10, "labels")], seeds=(3,), writers=(LC,), acceptable=["healthy"]),
            R(S, f"b67-adam{cut:.0e}-cut-e3".replace("e-0", "e-"), T, **G, lr=cut, epochs=3,
              seeds=(1,), writers=(LC,),
              acceptable=["underfitting", "healthy"]),
            R(INS, "b67-one-epoch-log25", T, **dict(G, log_every=25), lr=good, epochs=1,
              seeds=(2,), writers=(SW,),
              acceptable=["healthy", "still_improving"]),
        ]
        if not arch:    # the tagger's tags need no context: a wide one learns the rule
            ov_n, ov_f, ov_b = {"b67_seqcls": (300, 0.2, 8), "b67_friedreg": (200, 0.5, 8)}[T]
            out.append(R(OV, f"b67-wide-n{ov_n}-flip{ov_f:g}-b{ov_b}-e8", T,
                         **dict(G, model="wide", batch=ov_b, log_every=2), n_train=ov_n,
                         label_noise=ov_f, lr=3e-3, epochs=8, seeds=(1, 2), writers=(SW, LC),
                         acceptable=["healthy"]))
    return out


add_batch_by_writers(b67_recipes)


# ----------------------------------------------------------------------------- sixty-sixth batch
# TRAIN-ONLY LOGS, a second round (tasks.DEV66_TASKS: b66_digits_cnn, b66_seqcls, b66_tabreg):
# as batch 64, every run logs its train loss (and LR, grad norm) and never validates
# (Recipe.no_val), on tasks batch 64 lacks: a small CNN on the digits as 8x8 images, a small
# mean-pooled transformer classifying generated token sequences, a tabular regression. Batch
# sizes 4 to 512 (tails with batch noise of very different sizes), warm-up + cosine, linear
# decay, step decay and constant schedules; regimes by their real causes, read on the train loss.
# Kept in one block at the end of the file (b66_ names): cause() gets the train-only text
# (tasks.b66_text), the recipes are chained after every earlier one; nothing earlier changes.
from tasks import DEV66_TASKS, b66_text  # noqa: E402

cause = cause_with(cause, DEV66_TASKS, lambda r, task: b66_text(task, r.model, r.lr))


def b66_recipes() -> list[Recipe]:
    """Sixty-sixth dev batch, torch (train-only: no_val; the width-8 CNN on b66_digits_cnn, the
    width-32 1-layer transformer on b66_seqcls, the 2x64 MLP on b66_tabreg; batch 32, the train
    loss every 5 steps unless named). Adam with warm-up + cosine to convergence, Adam at batch 4
    (constant), at batch 512 (linear decay, every step logged), with a step decay logged once an
    epoch (healthy); Adam 1e-4 at batch 128 cut at 300 steps (still_improving); a model too
    small at batch 8 and Adam 1e-6 at batch 4 (underfitting, per-step noise large while nothing
    is learned); Adam far too hot at batch 8 without clipping (erratic); SGD with the LR x1.02 a
    step (diverging); an LR bump x50 for 5 steps or 10 random-label batches at step 400
    (loss_spike); 15 steps (insufficient_data)."""
    SW, LC = "summarywriter", "lightning_csv"
    H, U, E, S = "healthy", "underfitting", "erratic", "still_improving"
    R = Recipe
    out = []
    for j, T in enumerate(DEV66_TASKS):
        cnn, seq = T == "b66_digits_cnn", T == "b66_seqcls"
        arch = "cnn" if cnn else ("transformer" if seq else None)
        good = {"b66_digits_cnn": 3e-3, "b66_seqcls": 1e-3, "b66_tabreg": 1e-3}[T]
        ep = {"b66_digits_cnn": 20, "b66_seqcls": 20, "b66_tabreg": 25}[T]
        spe = 47 if cnn else 63         # steps an epoch at batch 32
        G = {"model": "small" if cnn or seq else "medium", "arch": arch, "batch": 32,
             "log_every": 5, "no_val": True, "epochs": ep}
        small = "tiny" if cnn else "linear"     # a width-2 CNN, a width-4 transformer, linear
        hot = {"b66_digits_cnn": 0.02, "b66_seqcls": 0.05, "b66_tabreg": 0.1}[T]
        slow = 5e-4 if cnn else 1e-4    # Adam 1e-4 hardly moves the CNN in 300 steps
        bump = 10 if cnn else 50        # x50 knocks the CNN out for the rest of the run
        out += [
            R(H, "b66-trainonly-adam-warmup-cosine", T, **G, lr=good, sched="cosine",
              warmup=spe, seeds=(1, 2, 3), writers=(SW, LC, SW), acceptable=["still_improving"]),
            R(H, "b66-trainonly-adam-const-b4", T, **dict(G, batch=4, log_every=10,
                                                          epochs=max(3, ep // 5)),
              lr=good / 3, seeds=(2,), writers=(LC if j != 1 else SW,),
              acceptable=["still_improving", "erratic"]),
            R(H, "b66-trainonly-adam-lindecay-b512", T, **dict(G, batch=512, log_every=1,
                                                             epochs=ep * 8),
              lr=good * 3, sched="linear", seeds=(1,), writers=(SW if j != 1 else LC,),
              acceptable=["still_improving"]),
            R(H, "b66-trainonly-adam-stepdecay-epochlog", T,
              **dict(G, train_log="epoch", epochs=ep * 2), lr=good, sched="step",
              step_every=spe * ep * 2 // 3, gamma=0.1, seeds=(3,), writers=(LC,),
              acceptable=["still_improving"]),
            R(S, f"b66-trainonly-adam{slow:g}-b128-cut300", T, **dict(G, epochs=None, batch=128),
              lr=slow, max_steps=300, seeds=(1,), writers=(SW if j != 1 else LC,),
              acceptable=["underfitting", "healthy"]),
            R(U, f"b66-trainonly-{small}-b8", T, **dict(G, model=small, batch=8, log_every=20),
              lr=good, seeds=(2,), writers=(SW if j != 2 else LC,),
              acceptable=["healthy", "still_improving"]),
            R(U, "b66-trainonly-lr1e-6-b4", T, **dict(G, batch=4, log_every=10, epochs=None),
              lr=1e-6, max_steps=2000, seeds=(3,), writers=(LC if j != 2 else SW,),
              acceptable=["still_improving"]),
            R(E, f"b66-trainonly-adam{hot:g}-b8-noclip", T, **dict(G, batch=8, log_every=10,
                                                                   epochs=max(4, ep // 4)),
              lr=hot, clip=0, seeds=(1,), writers=(SW if j != 1 else LC,),
              acceptable=["diverging", "underfitting"]),
            *train_only_trouble("b66", T, j, G, good, bump, "labels"),
        ]
    return out


add_batch_by_writers(b66_recipes)


# ----------------------------------------------------------------------------- sixty-eighth batch
# HEAVY REGULARISATION, THE TRAIN LOSS ABOVE THE VAL LOSS (tasks.DEV68_TASKS: b68_digits, b68_wave,
# b68_friedreg): augmentation of the train batches and dropout inside the model (tasks.make_model
# arch "b68_<level>", on in train mode only), so the logged train loss, measured on augmented,
# dropped-out batches, sits above the val loss; regimes by their real causes (the regulariser
# right, too strong, removed on little data; an LR far too high; LR bumps and poisoned batches;
# a run cut short; a few steps). Kept in one block at the end of the file (b68_ names): cause()
# says which regulariser (tasks.b68_text); the recipes are chained after every earlier one;
# nothing earlier changes.
from tasks import DEV68_TASKS, b68_text  # noqa: E402

cause = cause_with(cause, DEV68_TASKS, lambda r, task: b68_text(
    task, r.arch, r.regime == "still_improving"))


def b68_recipes() -> list[Recipe]:
    """Sixty-eighth dev batch, torch (1200 train rows, batch 32: 38 steps an epoch; val once an
    epoch; the train loss every 5 steps; the 2x64 MLP (2x512 on the digits) with B68_REG's "good"
    augmentation and dropout unless named). Adam 1e-3 for 30 epochs (40 on the digits), logged per
    step or once an epoch (healthy:
    train above val throughout); the "strong" regulariser (underfitting: both losses level high);
    the bare or barely regularised wide MLP on 100-150 rows (overfitting); Adam 0.01-0.02 at batch
    8 without clipping (erratic) and Adam 0.05 (a collapse to chance); SGD with the LR x1.02 a step
    (diverging); an LR bump x50 (x200 on the wave) for 5 steps or 10 random-label batches at step
    400 (loss_spike); Adam 1e-4 cut after 4-6 epochs, 1e-3 after 6 on the wave (still_improving:
    the val gap is there all along, the slope shows it); 15 steps (insufficient_data)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for T in DEV68_TASKS:
        G = {"arch": "b68_good", "model": "wide" if T == "b68_digits" else "medium",
             "batch": 32, "log_every": 5, "train_log": "step"}
        ov_n, ov_f = {"b68_digits": (150, 0.1), "b68_wave": (150, 0.15),
                      "b68_friedreg": (100, 0.3)}[T]
        W = dict(G, model="wide", batch=16, log_every=2)     # the overfitting runs
        ep = 40 if T == "b68_digits" else 30    # the digits' val still creeps down at 30
        bump = 200 if T == "b68_wave" else 50   # x50 moves the wave's loss only 2.1x
        # a run cut short: Adam 1e-4 (the wave sits on its plateau at chance for the first 150
        # steps: 1e-3 cut after 6 epochs, in the middle of its drop)
        cut, cut_ep = {"b68_digits": (1e-4, 4), "b68_wave": (1e-3, 6),
                       "b68_friedreg": (1e-4, 6)}[T]
        hot = 0.01 if T == "b68_digits" else 0.02     # erratic; Adam 0.05 collapses to chance
        out += [
            R(H, f"b68-good-adam-e{ep}", T, **G, lr=1e-3, epochs=ep, seeds=(1, 2, 3),
              writers=(SW, LC, LT), acceptable=["still_improving"]),
            R(H, f"b68-good-adam-e{ep}-epochlog", T, **dict(G, train_log="epoch"), lr=1e-3,
              epochs=ep, seeds=(2,), writers=(LC,), acceptable=["still_improving"]),
            R(U, "b68-strong-adam-e30", T, **dict(G, arch="b68_strong"), lr=1e-3, epochs=30,
              seeds=(1,), writers=(SW,), acceptable=["healthy", "still_improving"]),
            R(OV, f"b68-none-wide-n{ov_n}-noise{ov_f:g}-e80", T, **dict(W, arch="b68_none"),
              n_train=ov_n, label_noise=ov_f, lr=1e-3, epochs=80, seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(OV, f"b68-weak-wide-n{ov_n}-noise{ov_f:g}-e80", T, **dict(W, arch="b68_weak"),
              n_train=ov_n, label_noise=ov_f, lr=1e-3, epochs=80, seeds=(3,), writers=(SW,),
              acceptable=["healthy"]),
            R(E, "b68-good-adam0.05-b8-noclip-e6", T, **dict(G, batch=8, log_every=10),
              lr=0.05, clip=0, epochs=6, seeds=(3,), writers=(SW,),
              acceptable=["diverging", "underfitting"]),
            R(D, "b68-good-sgd0.01-grow1.02", T, **dict(G, log_every=2, epochs=None), opt="sgd",
              lr=0.01, sched="grow", grow=1.02, clip=0, max_steps=600, val_every=19,
              seeds=(1,), writers=(LC,), acceptable=["erratic"]),
            R(P, f"b68-good-lrbump5-x{bump}-at400", T, **dict(G, log_every=1), lr=1e-3,
              epochs=20, bumps=[(400, 5, bump)], seeds=(2,), writers=(SW,),
              acceptable=["healthy"]),
            R(P, "b68-good-poison10-at400", T, **dict(G, log_every=2), lr=1e-3, epochs=20,
              poison=[(400, 10, "labels")], seeds=(3,), writers=(LT,),
              acceptable=["healthy"]),
            R(S, f"b68-good-adam{cut:g}-cut-e{cut_ep}", T, **dict(G, val_every=19), lr=cut,
              epochs=cut_ep, seeds=(1,), writers=(LC,), acceptable=["underfitting", "healthy"]),
            R(E, f"b68-good-adam{hot:g}-b8-noclip-e8", T,
              **dict(G, batch=8, log_every=10, val_every=50), lr=hot, clip=0, epochs=8,
              seeds=(1,), writers=(LT,), acceptable=["healthy", "underfitting"]),
            R(INS, "b68-good-stopped15", T, **dict(G, epochs=None), lr=1e-3, max_steps=15,
              seeds=(2,), writers=(SW,)),
        ]
    return out


add_batch_by_writers(b68_recipes)


# ----------------------------------------------------------------------------- sixty-ninth batch
# RESUMED AND RESTARTED TRAININGS as they land in real log folders (tasks.DEV69_TASKS:
# b69_digits, b69_classif, b69_friedreg): checkpoints every ckpt_every steps; a run killed at
# stop_at and resumed from its last checkpoint into the same log folder (SummaryWriter reopened
# on the same directory, with purge_step or without, so the steps after the checkpoint are
# written twice; Lightning fit(ckpt_path=...) into the same CSVLogger version, whose metrics.csv
# is appended to, or into a new version_1 of the same name), a resume with the LR or the batch
# size changed, and a run restarted from scratch into the same folder (a second training, seed
# + 1, appended). Kept in one block at the end of the file (b69_ names): run_plain /
# run_lightning are wrapped for these tasks only, cause() says where and how it resumed
# (tasks.b69_text); the recipes are chained after every earlier one; nothing earlier changes.
import random as _b69_random  # noqa: E402,I001
from dataclasses import dataclass as _b69_dataclass  # noqa: E402

from tasks import DEV69_TASKS, b69_text  # noqa: E402

_b69_prev_run_plain = run_plain
_b69_prev_run_lightning = run_lightning


@_b69_dataclass
class B69Recipe(Recipe):
    """A sixty-ninth batch torch run: killed at stop_at and resumed or restarted."""
    b69: str = ""               # "" uninterrupted (a twin), "resume", "restart"
    stop_at: int = 0            # the optimiser step the process is killed at
    ckpt_every: int = 100       # a checkpoint every N optimiser steps
    purge: bool = False         # SummaryWriter(purge_step=checkpoint step + 1) on resume
    new_version: bool = False   # Lightning: resume into version_1 (else the same version_0)
    resume_lr: float = 1.0      # the LR multiplied by this on resume
    resume_batch: int = 0       # the batch size on resume (0: unchanged)


def b69_how(r) -> str:
    """Where and how a sixty-ninth-batch run was interrupted (cause text)."""
    if not r.b69:
        return (f"uninterrupted (the twin of the resumed runs), checkpoints every {r.ckpt_every} "
                f"steps")
    ck = r.stop_at // r.ckpt_every * r.ckpt_every
    if r.b69 == "restart":
        return (f"killed at step {r.stop_at} and restarted from scratch (a new seed) into the "
                f"same log folder: " + ("a second training from step 0 appended to the first"
                                        if r.writer == "summarywriter" else
                                        "the new CSVLogger on the same version deletes the first "
                                        "training's metrics.csv, only the second is logged"))
    sw = r.writer == "summarywriter"
    s = (f"checkpoints every {r.ckpt_every} steps; killed at step {r.stop_at} and resumed from "
         f"the checkpoint of step {ck} into the same log folder ")
    if sw:
        s += ("(SummaryWriter reopened with purge_step: the later steps purged)" if r.purge else
              f"(SummaryWriter reopened without purge_step: steps {ck + 1}-{r.stop_at} written "
              f"twice)")
    else:
        s += ("(fit(ckpt_path=...) into a new CSVLogger version_1 of the same name)"
              if r.new_version else "(fit(ckpt_path=...) into the same CSVLogger version, "
              "whose earlier metrics.csv the new logger deletes: the log holds the steps from "
              "the checkpoint on)")
    if r.resume_lr != 1.0:
        s += f"; the LR x{r.resume_lr:g} from the resume on"
    if r.resume_batch:
        s += f"; batch {r.resume_batch} from the resume on"
    return s


cause = cause_with(cause, DEV69_TASKS, lambda r, task: b69_text(task, b69_how(r), r.model, r.lr))


def _b69_scale_lr(opt, sched, f) -> None:
    for g in opt.param_groups:
        g["lr"] *= f
    if sched is not None:
        sched.base_lrs = [b * f for b in sched.base_lrs]


def b69_run_plain(r, task, out: Path):
    """A SummaryWriter loop (train loss every log_every steps, val every val_every steps or once
    an epoch) with checkpoints every ckpt_every steps, killed at stop_at and resumed (same
    folder, purge_step or not, LR / batch changed or not) or restarted from scratch."""
    import torch
    from torch.utils.tensorboard import SummaryWriter

    def fresh(seed):
        torch.manual_seed(seed)
        model = build_model(r, task)
        opt = make_optimizer(r, model.parameters())
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
        return model, opt, sched, torch.Generator().manual_seed(seed)

    total = total_steps(task, r)
    model, opt, sched, gen = fresh(r.seed)
    xtr, ytr, xva, yva = tensors(task)
    t_loss, v_loss, v_met, t_lr, _ = TAG_STYLES[r.tags]
    every = r.val_every or steps_per_epoch(task, r)
    w = SummaryWriter(str(out), flush_secs=30)
    step, batch, ckpt, killed = 0, r.batch, None, False
    while step < total:
        perm = torch.randperm(len(xtr), generator=gen)
        for i in range(0, len(xtr), batch):
            idx = perm[i:i + batch]
            x, y = poison_batch(task, r, step, xtr[idx], ytr[idx], gen)
            loss, _, _ = loss_and_metric(task, model(x), y, r.smooth)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip or float("inf"))
            lr_now = opt.param_groups[0]["lr"]
            opt.step()
            sched.step()
            step += 1
            if step % r.log_every == 0:
                w.add_scalar(t_loss, loss.item(), step)
                w.add_scalar(t_lr, lr_now, step)
            if step % every == 0 or step == total:
                model.eval()
                with torch.no_grad():
                    vl, m, val = loss_and_metric(task, model(xva), yva, r.smooth)
                model.train()
                w.add_scalar(v_loss, vl.item(), step)
                w.add_scalar(v_met.format(m=m, M=m.capitalize()), val.item(), step)
            if step % r.ckpt_every == 0:
                ckpt = (step, checkpoint(model, opt, sched))
            if r.b69 and not killed and step == r.stop_at:     # killed; a new process
                killed = True
                w.close()
                time.sleep(1.1)                 # a new event file name
                if r.b69 == "restart":
                    model, opt, sched, gen = fresh(r.seed + 1)
                    step = 0
                else:
                    step = ckpt[0]
                    restore(ckpt[1], model, opt, sched)
                    if r.resume_lr != 1.0:
                        _b69_scale_lr(opt, sched, r.resume_lr)
                    batch = r.resume_batch or batch
                w = SummaryWriter(str(out), flush_secs=30,
                                  purge_step=step + 1 if r.purge else None)
                break
            if step >= total:
                break
    w.close()


def b69_run_lightning(r, task, out: Path):
    """A LightningModule (train_loss on_step every log_every steps, val once an epoch) with a
    checkpoint every ckpt_every steps, killed at stop_at and resumed with fit(ckpt_path=...)
    into the same CSVLogger version or a new one (LR / batch changed or not), or restarted from
    scratch into the same version."""
    import lightning as L
    import torch
    from lightning.pytorch.callbacks import ModelCheckpoint
    from lightning.pytorch.loggers import CSVLogger

    total = total_steps(task, r)

    class Module(L.LightningModule):
        def __init__(self, seed):
            super().__init__()
            torch.manual_seed(seed)
            self.model = build_model(r, task)
            self.gen = torch.Generator().manual_seed(seed + 7)

        def training_step(self, batch, batch_idx):
            x, y = poison_batch(task, r, self.global_step, *batch, self.gen)
            loss, _, _ = loss_and_metric(task, self.model(x), y, r.smooth)
            self.log("train_loss", loss, on_step=True, on_epoch=False)
            return loss

        def validation_step(self, batch, batch_idx):
            loss, m, val = loss_and_metric(task, self.model(batch[0]), batch[1], r.smooth)
            self.log("val_loss", loss, on_epoch=True)
            self.log(f"val_{'mae' if m == 'mae' else 'acc'}", val, on_epoch=True)

        def configure_optimizers(self):
            opt = make_optimizer(r, self.parameters())
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(r, r.planned or total))
            return {"optimizer": opt, "lr_scheduler": {"scheduler": sched, "interval": "step"}}

        def on_train_start(self):
            if self.trainer.ckpt_path and r.resume_lr != 1.0:
                _b69_scale_lr(self.trainer.optimizers[0],
                              self.trainer.lr_scheduler_configs[0].scheduler, r.resume_lr)

    xtr, ytr, xva, yva = tensors(task)
    ds = torch.utils.data.TensorDataset

    def loader(bs, seed):
        return torch.utils.data.DataLoader(ds(xtr, ytr), batch_size=bs, shuffle=True,
                                           generator=torch.Generator().manual_seed(seed))
    dl_val = torch.utils.data.DataLoader(ds(xva, yva), batch_size=len(xva))
    ck_dir = out / "checkpoints"

    def trainer(steps, version):
        logger = CSVLogger(str(out), name="lightning_logs", version=version,
                           flush_logs_every_n_steps=1000)
        ck = ModelCheckpoint(dirpath=str(ck_dir), every_n_train_steps=r.ckpt_every,
                             save_top_k=-1, filename="{step}")
        return L.Trainer(max_steps=steps, max_epochs=-1, accelerator="cpu", devices=1,
                         logger=logger, callbacks=[ck], log_every_n_steps=r.log_every,
                         val_check_interval=r.val_every or None,
                         gradient_clip_val=r.clip or None, enable_progress_bar=False,
                         enable_model_summary=False, num_sanity_val_steps=0)

    L.seed_everything(r.seed, verbose=False)
    if not r.b69:
        trainer(total, 0).fit(Module(r.seed), loader(r.batch, r.seed), dl_val)
    else:
        trainer(r.stop_at, 0).fit(Module(r.seed), loader(r.batch, r.seed), dl_val)
        if r.b69 == "restart":
            L.seed_everything(r.seed + 1, verbose=False)
            trainer(total, 0).fit(Module(r.seed + 1), loader(r.batch, r.seed + 1), dl_val)
        else:
            ck = max(ck_dir.glob("*.ckpt"), key=lambda p: p.stat().st_mtime)
            trainer(total, 1 if r.new_version else 0).fit(
                Module(r.seed), loader(r.resume_batch or r.batch, r.seed + 1), dl_val,
                ckpt_path=str(ck))
    for p in ck_dir.glob("*.ckpt"):
        p.unlink()


# Sixty-ninth batch: b69_run_plain / b69_run_lightning; else the earlier ones.
run_plain = for_tasks(DEV69_TASKS, b69_run_plain, _b69_prev_run_plain)
run_lightning = for_tasks(DEV69_TASKS, b69_run_lightning, _b69_prev_run_lightning)


def b69_recipes() -> list:
    """Sixty-ninth dev batch, torch (1500 train rows, batch 32: 47 steps an epoch; val once an
    epoch; the train loss every 5 steps; checkpoints every 50 or 100 steps; the 2x64 MLP).
    Each regime by its real cause, killed at a random point (stop_at, seeded) and resumed or
    restarted; a third uninterrupted twins. Adam 1e-3 for 15 epochs (healthy); the wide MLP on
    150 rows with 30% flipped labels / noisy targets, batch 8 (overfitting); a linear model
    (underfitting); Adam 0.05-0.1 at batch 8 without clipping (erratic); SGD with the LR x1.02 a
    step (diverging); an LR bump x50 for 5 steps or 10 random-label batches (loss_spike); Adam
    1e-4 cut at 4 epochs (still_improving); a few steps (insufficient_data). After a first pass:
    Adam 0.02 (0.2 on the regression) for the erratic runs, val every 47 steps (0.1 sent the
    classifiers to chance, 0.05 hardly bounced the regression), the cut runs resumed into a new
    version (the same version keeps two evaluations), 6 steps restarted at step 3, logged and
    validated every 3 steps (12 steps restarted at 6 made 9 train points, enough to read)."""
    SW, LC = "summarywriter", "lightning_csv"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = B69Recipe
    out = []
    for j, T in enumerate(DEV69_TASKS):
        reg = T == "b69_friedreg"
        rs = _b69_random.Random(6900 + j)
        tot = 47 * 15

        def at(lo=0.3, hi=0.8, n=tot):
            return int(n * rs.uniform(lo, hi))
        G = {"model": "medium", "batch": 32, "log_every": 5, "epochs": 15}
        small = "tiny" if T == "b69_digits" else "linear"
        hot = 0.2 if reg else 0.02     # after the first pass: 0.1 sent the classifiers to
        # chance at once (underfitting), 0.05 hardly bounced the regression
        out += [
            # healthy: twin, resume without purge (SW), purge (SW), same version / new (LC)
            R(H, "b69-adam-twin", T, **G, lr=1e-3, seeds=(1,), writers=(SW,),
              acceptable=["still_improving"]),
            R(H, "b69-adam-resume-nopurge", T, **G, lr=1e-3, b69="resume", stop_at=at(),
              ckpt_every=100, seeds=(1,), writers=(SW,), acceptable=["still_improving"]),
            R(H, "b69-adam-resume-purge", T, **G, lr=1e-3, b69="resume", stop_at=at(),
              ckpt_every=50, purge=True, seeds=(2,), writers=(SW,), acceptable=["still_improving"]),
            R(H, "b69-adam-twin", T, **G, lr=1e-3, seeds=(3,), writers=(LC,),
              acceptable=["still_improving"]),
            R(H, "b69-adam-resume-samever", T, **G, lr=1e-3, b69="resume", stop_at=at(),
              ckpt_every=100, seeds=(3,), writers=(LC,), acceptable=["still_improving"]),
            R(H, "b69-adam-resume-newver", T, **G, lr=1e-3, b69="resume", stop_at=at(),
              ckpt_every=50, new_version=True, seeds=(2,), writers=(LC,),
              acceptable=["still_improving"]),
            R(H, "b69-adam-restart", T, **G, lr=1e-3, b69="restart", stop_at=at(0.2, 0.5),
              seeds=(1, 2), writers=(SW, LC), acceptable=["still_improving"]),
            # a resume with the LR x10 (a jump at the resume) or the batch 32 -> 256
            R(H, "b69-adam-resume-lrx10", T, **G, lr=1e-3, b69="resume",
              stop_at=at(0.4, 0.6), ckpt_every=50, resume_lr=10.0, seeds=(2,), writers=(SW, LC),
              acceptable=["erratic", "loss_spike", "overfitting", "still_improving"]),
            R(H, "b69-adam-resume-b256", T, **G, lr=1e-3, b69="resume", stop_at=at(0.4, 0.6),
              ckpt_every=50, resume_batch=256, seeds=(3,), writers=(SW, LC),
              acceptable=["still_improving"]),
            # overfitting: twin and resumed
            R(OV, "b69-wide-n150-noisy-b8", T, **dict(G, model="wide", batch=8, epochs=40,
                                                       log_every=5), n_train=150,
              label_noise=0.3, lr=3e-3, seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(OV, "b69-wide-n150-noisy-b8-resume", T, **dict(G, model="wide", batch=8,
                                                              epochs=40, log_every=5),
              n_train=150, label_noise=0.3, lr=3e-3, b69="resume", stop_at=at(n=760),
              ckpt_every=100, seeds=(2, 3), writers=(SW, LC), acceptable=["healthy"]),
            # underfitting: a linear model (a 2x2 MLP on the digits, whose linear fit is
            # nearly as good as the MLP: first pass), Adam 0.01 so that it levels, resumed
            R(U, f"b69-{small}-adam0.01-resume", T, **dict(G, model=small), lr=0.01, b69="resume",
              stop_at=at(), ckpt_every=100, seeds=(1, 2), writers=(LC, SW),
              acceptable=["healthy", "still_improving"]),
            # erratic: twin and resumed
            R(E, f"b69-adam{hot:g}-b8-noclip", T, **dict(G, batch=8, epochs=5, log_every=10,
                                                       val_every=47),
              lr=hot, clip=0, seeds=(3,), writers=(SW,),
              acceptable=["diverging", "underfitting"]),
            R(E, f"b69-adam{hot:g}-b8-noclip-resume", T, **dict(G, batch=8, epochs=5,
                                                                 log_every=10, val_every=47),
              lr=hot, clip=0, b69="resume", stop_at=at(n=940), ckpt_every=100, seeds=(1,),
              new_version=True,
              writers=(LC,), acceptable=["diverging", "underfitting"]),
            # diverging, resumed
            R(D, "b69-sgd0.01-grow1.02-resume", T, **dict(G, epochs=None, log_every=2),
              opt="sgd", lr=0.01, sched="grow", grow=1.02, clip=0, max_steps=400,
              b69="resume", stop_at=at(0.2, 0.5, 400), ckpt_every=50, seeds=(2,),
              writers=(SW,), acceptable=["erratic"]),
            # loss_spike: a bump / poisoned batches after the resume
            R(P, "b69-lrbump5-x50-resume", T, **dict(G, log_every=1, epochs=10), lr=1e-3,
              bumps=[(320, 5, 50)], b69="resume", stop_at=250, ckpt_every=100, seeds=(1,),
              writers=(LC,), acceptable=["healthy"]),
            R(P, "b69-poison10-resume-purge", T, **dict(G, log_every=1, epochs=10), lr=1e-3,
              poison=[(330, 10, "labels")], b69="resume", stop_at=260, ckpt_every=50,
              purge=True, seeds=(3,), writers=(SW,), acceptable=["healthy"]),
            # still_improving: cut short, resumed
            R(S, "b69-adam1e-4-cut-e4-resume", T, **dict(G, epochs=4, val_every=20), lr=1e-4,
              b69="resume", stop_at=at(n=188), ckpt_every=50, new_version=True, seeds=(2,),
              writers=(LC,),
              acceptable=["underfitting", "healthy"]),
            # insufficient_data: a few steps, restarted
            R(INS, "b69-6steps-restart", T, **dict(G, epochs=None, log_every=3, val_every=3),
              max_steps=6, lr=1e-3,
              b69="restart", stop_at=3, ckpt_every=100, seeds=(1,), writers=(SW,),
              acceptable=["healthy", "still_improving"]),
        ]
    # after the first pass: the Lightning LR x10 runs keep only the steps after their checkpoint
    # (the same version's metrics.csv is deleted), so the jump is not seen: the LR change in a
    # SummaryWriter folder, and the batch change into a new Lightning version (appended after
    # every run above, whose draws and tag styles stay as they were)
    for j, T in enumerate(DEV69_TASKS):
        rs = _b69_random.Random(6950 + j)
        G = {"model": "medium", "batch": 32, "log_every": 5, "epochs": 15}
        out += [
            R(H, "b69-adam-resume-lrx10", T, **G, lr=1e-3, b69="resume",
              stop_at=int(705 * rs.uniform(0.4, 0.6)), ckpt_every=50, resume_lr=10.0,
              seeds=(1,), writers=(SW,),
              acceptable=["erratic", "loss_spike", "overfitting", "still_improving"]),
            R(H, "b69-adam-resume-b256", T, **G, lr=1e-3, b69="resume",
              stop_at=int(705 * rs.uniform(0.4, 0.6)), ckpt_every=50, resume_batch=256,
              new_version=True, seeds=(2,), writers=(LC,), acceptable=["still_improving"]),
        ]
    return out


add_batch_by_writers(b69_recipes)


# ----------------------------------------------------------------------------- seventy-first batch
# SEQUENCE-TO-SEQUENCE WITH A GENERATION METRIC BESIDE THE VAL LOSS (tasks.DEV71_TASKS:
# b71_reverse, b71_sort, b71_grammar): the twenty-first batch's GRU encoder-decoder (arch
# "seq2seq"), teacher-forced token cross-entropy as train and val loss, the greedy decode's
# token accuracy (val accuracy) and BLEU-like score (bleu) and the teacher-forced token accuracy
# (tf_token_acc) logged beside the val loss. Regimes by their real causes (good settings; a big
# model on few pairs; a 4-unit GRU; an LR far too high; an LR growing every step; an LR bump or
# poisoned batches; a run cut short; a few steps), and a long run on the noisy reversal whose
# val loss turns up from over-confidence while the greedy metric still improves. Kept in one
# block at the end of the file (b71_ names): cause() says the task, the metric and the setting
# (tasks.b71_text); the recipes are chained after every earlier one; nothing earlier changes.
from tasks import DEV71_TASKS, b71_text  # noqa: E402

cause = cause_with(cause, DEV71_TASKS, lambda r, task: b71_text(task, r.model))


def b71_recipes() -> list[Recipe]:
    """Seventy-first dev batch, torch (2000 train pairs, batch 32: 63 steps an epoch; val once an
    epoch unless val_every; the 96-unit GRU encoder-decoder unless named): Adam 3e-3 with cosine
    decay for 20 epochs (healthy); the 192-unit GRU on 150 pairs (overfitting); a 4-unit GRU
    (underfitting); Adam 0.03 at batch 8 without clipping (erratic); SGD with the LR x1.01 a step
    (diverging); an LR bump x20 for 5 steps or 10 random-label batches at step 700
    (loss_spike); Adam 3e-4 cut at 30% of its cosine schedule (still_improving); 40 steps
    (insufficient_data); Adam 3e-3 for 60 epochs on the noisy reversal (over-confidence)."""
    SW, LC, LT = "summarywriter", "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    n = 63 * 20
    for T in DEV71_TASKS:
        G = {"arch": "seq2seq", "model": "medium", "batch": 32, "log_every": 5,
             "train_log": "step"}
        out += [
            R(H, "b71-medium-cosine-e20", T, **G, lr=3e-3, sched="cosine", epochs=20,
              seeds=(1, 2, 3), writers=(SW, LC, LT),
              # the noisy reversal's val loss creeps up from over-confidence at the end
              acceptable=["still_improving"] + (["overfitting"] if T == "b71_reverse" else [])),
            R(OV, "b71-wide-n150", T, **dict(G, model="wide"), n_train=150, lr=2e-3,
              max_steps=1500, epochs=None, val_every=25, seeds=(1, 2), writers=(SW, LC),
              acceptable=["healthy"]),
            R(U, "b71-tiny-gru4", T, **dict(G, model="tiny"), lr=3e-3, sched="cosine",
              epochs=20, seeds=(1,), writers=(SW,), acceptable=["healthy"]),
            R(E, "b71-adam0.03-b8-noclip", T, **dict(G, batch=8, log_every=10), lr=0.03,
              clip=0, max_steps=1500, epochs=None, val_every=50, seeds=(1,), writers=(LC,),
              acceptable=["underfitting", "diverging"]),
            R(D, "b71-sgd-lrgrow1.01", T, **G, opt="sgd", lr=0.05, sched="grow", grow=1.01,
              clip=0, max_steps=700, epochs=None, val_every=32, seeds=(2,), writers=(SW,),
              acceptable=["erratic"]),
            R(P, "b71-lrbump5-x20-at700", T, **dict(G, log_every=1), lr=3e-3, sched="cosine",
              epochs=20, val_every=32, bumps=[(700, 5, 20)], seeds=(2,), writers=(LC,),
              acceptable=["healthy"]),
            R(P, "b71-poison10-at700", T, **dict(G, log_every=1), lr=3e-3, sched="cosine",
              epochs=20, val_every=32, poison=[(700, 10, "labels")], seeds=(3,),
              writers=(SW,), acceptable=["healthy"]),
            R(S, "b71-cosine-stop30pct", T, **G, lr=3e-4, sched="cosine", val_every=32,
              max_steps=3 * n // 10, epochs=None, planned=n, seeds=(1,), writers=(LC,),
              acceptable=["underfitting"]),
            R(INS, "b71-twoevals", T, **dict(G, log_every=20), lr=3e-3, max_steps=40,
              epochs=None, val_every=20, seeds=(2,), writers=(SW,)),
        ]
    out += [
        R("overfitting", "b71-medium-long-e60", "b71_reverse", arch="seq2seq", model="medium",
          batch=32, log_every=5, train_log="step", lr=3e-3, epochs=60, seeds=(1, 2),
          writers=(SW, LC), acceptable=["healthy", "still_improving"]),
    ]
    # after the first pass: Adam 0.03 at batch 8 made slow, noisy learners on the reversal and
    # the sort (the check: healthy), so Adam 0.01 at batch 4 beside them
    out += [
        R(E, "b71-adam0.01-b4-noclip", T, arch="seq2seq", model="medium", batch=4,
          log_every=10, train_log="step", lr=0.01, clip=0, max_steps=2000, epochs=None,
          val_every=50, seeds=(2,), writers=(SW,), acceptable=["healthy", "underfitting"])
        for T in DEV71_TASKS
    ]
    return out


add_batch_by_writers(b71_recipes)



# ----------------------------------------------------------------------------- seventieth batch
# LONG PER-STEP LOGS OF LM-STYLE PRE-TRAINING (tasks.DEV70_TASKS: b70_descr_lm, b70_hmm_lm,
# b70_mul_lm): a 1-layer width-32 GPT-style causal transformer trained from scratch, the train
# loss (and LR, grad norm) logged every 1-3 steps for 2,000-6,000 points, warm-up then cosine or
# linear decay to 0, an eval loss every 100-400 steps on half of the runs and none (no_val) on
# the other half; regimes by their real causes. Kept in one block at the end of the file (b70_
# names): cause() names the source, the evaluations (or train-only) and, for a model too small or
# an LR far too low, the good model's level (tasks.b70_text); the recipes are chained after every
# earlier one (add_batch_by_writers); nothing earlier changes.
from tasks import DEV70_TASKS, b70_text  # noqa: E402

cause = cause_with(cause, DEV70_TASKS, lambda r, task: b70_text(
    task, 0 if r.no_val else (r.max_steps or 0) // (r.val_every or 1), r.model, r.lr < 1e-4))


def b70_recipes() -> list[Recipe]:
    """Seventieth dev batch, torch (12000 windows of 32 tokens, batch 16; a 1-layer width-32
    GPT; the train loss every 1-3 steps). AdamW 2e-3-3e-3, wd 0.1, clip 1.0, 100-400 warm-up
    steps then cosine or linear decay to 0 over 3,000-6,000 steps, with 10-16 evaluations or
    train-only
    (healthy); a schedule planned for 10,000 steps at a peak of 5e-4 cut at 3,000 (30%:
    still_improving); a width-4 model or AdamW 1e-5 (underfitting); Adam 0.05 at batch 4 without
    warm-up or clipping (erratic); SGD with the LR x1.005 a step, no clipping (diverging, NaN
    where it happens); LR bumps x30 for 5, x10 for 50 and x4 for 200 steps in one run, or 60
    random-token batches (loss_spike); 150 steps logged every 10 or 200 steps with 2 evaluations
    (insufficient_data)."""
    SW, LC = "summarywriter", "lightning_csv"
    H, U, E, D, S, INS, P = ("healthy", "underfitting", "erratic", "diverging",
                             "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    out = []
    for j, T in enumerate(DEV70_TASKS):
        G = {"arch": "transformer", "model": "small", "batch": 16, "epochs": None,
             "train_log": "step"}
        W = {"opt": "adamw", "wd": 0.1, "clip": 1.0, "warmup": 100}
        out += [
            R(H, "b70-gpt-warmcos-4000-eval250", T, **G, **W, lr=3e-3, sched="cosine",
              max_steps=4000, log_every=1, val_every=250, seeds=(1,), writers=(SW,),
              acceptable=["still_improving"]),
            R(H, "b70-gpt-warmcos-6000-trainonly-log2", T, **G, **W, lr=3e-3, sched="cosine",
              max_steps=6000, log_every=2, no_val=True, seeds=(2,), writers=(LC,),
              acceptable=["still_improving"]),
            R(H, "b70-gpt-warmlin-3000-trainonly", T, **G, **W, lr=3e-3, sched="linear",
              max_steps=3000, log_every=1, no_val=True, seeds=(3,), writers=(SW,),
              acceptable=["still_improving"]),
            R(H, "b70-gpt-warm400lin-4000-eval400-log2", T, **G, **dict(W, warmup=400),
              lr=2e-3, sched="linear", max_steps=4000, log_every=2, val_every=400, seeds=(1,),
              writers=(LC,),
              acceptable=["still_improving"]),
            R(S, "b70-gpt-warmcos10000-cut3000-eval250", T, **G, **W, lr=5e-4, sched="cosine",
              planned=10000, max_steps=3000, log_every=1, val_every=250, seeds=(2,),
              writers=(LC,), acceptable=["underfitting", "healthy"]),
            R(S, "b70-gpt-warmcos10000-cut3000-trainonly", T, **G, **W, lr=5e-4,
              sched="cosine", planned=10000, max_steps=3000, log_every=1, no_val=True,
              seeds=(3,), writers=(SW,), acceptable=["underfitting", "healthy"]),
            R(U, "b70-gpt-width4-eval250", T, **dict(G, model="linear"), **W, lr=3e-3,
              sched="cosine", max_steps=3000, log_every=1, val_every=250, seeds=(1,),
              writers=(SW,), acceptable=["still_improving", "healthy"]),
            R(U, "b70-gpt-adamw1e-5-trainonly", T, **G, **W, lr=1e-5, sched="cosine",
              max_steps=3000, log_every=1, no_val=True, seeds=(3,), writers=(LC,),
              acceptable=["still_improving"]),
            R(E, "b70-gpt-adam0.05-b4-noclip-trainonly", T, **dict(G, batch=4), lr=0.05,
              max_steps=3000, log_every=1, no_val=True, seeds=(2,), writers=(SW,),
              acceptable=["diverging", "underfitting"]),
            R(D, "b70-gpt-sgd0.01-grow1.005-noclip-eval250", T, **G, opt="sgd", lr=0.01,
              sched="grow", grow=1.005, clip=0, max_steps=2500, log_every=1, val_every=250,
              seeds=(1,), writers=(LC,), acceptable=["erratic"]),
            R(P, "b70-gpt-lrbumps-5x30-50x10-200x4-trainonly", T, **G, opt="adam", lr=2e-3,
              warmup=100, max_steps=4000, log_every=1, no_val=True,
              bumps=[(800, 5, 30), (1800, 50, 10), (2800, 200, 4)], seeds=(3,), writers=(SW,),
              acceptable=["healthy", "erratic"]),
            R(P, "b70-gpt-poison60-at1450-eval250", T, **G, **W, lr=2e-3, max_steps=3000,
              log_every=2, val_every=250, poison=[(1450, 60, "labels")], seeds=(2,),
              writers=(LC,), acceptable=["healthy"]),
            R(INS, "b70-gpt-stopped150-log10-trainonly", T, **G, **W, lr=3e-3, max_steps=150,
              log_every=10, no_val=True, seeds=(1,), writers=(SW,)),
            R(INS, "b70-gpt-stopped200-eval100", T, **G, **W, lr=3e-3, max_steps=200,
              log_every=10, val_every=100, seeds=(2,), writers=(LC,),
              acceptable=["still_improving"]),
        ]
    # after the first pass: a peak of 5e-4 cut at 30% parks near the bigram level before the cut
    # (read healthy / underfitting): the good peak of 3e-3 cut at 20%, evaluated every 100 steps,
    # and at batch 64 (half the per-step noise) train-only; and 150 steps logged every 10 read as
    # a curve (15 points, 4 or more are one): 150 or 90 steps logged every 50 or 30
    for T in DEV70_TASKS:
        G = {"arch": "transformer", "model": "small", "epochs": None, "train_log": "step"}
        W = {"opt": "adamw", "wd": 0.1, "clip": 1.0, "warmup": 100}
        out += [
            R(S, "b70-gpt-warmcos6000-cut1200-eval100", T, **G, **W, batch=16, lr=3e-3,
              sched="cosine", planned=6000, max_steps=1200, log_every=1, val_every=100,
              seeds=(1,), writers=(LC,), acceptable=["healthy"]),
            R(S, "b70-gpt-warmcos8000-cut1600-b64-trainonly", T, **G, **W, batch=64, lr=3e-3,
              sched="cosine", planned=8000, max_steps=1600, log_every=1, no_val=True,
              seeds=(2,), writers=(SW,), acceptable=["healthy"]),
            # 150 steps logged every 10 read as a curve (15 points): 3 logs, 2 evaluations
            R(INS, "b70-gpt-stopped150-log50-trainonly", T, **G, **W, batch=16, lr=3e-3,
              max_steps=150, log_every=50, no_val=True, seeds=(3,), writers=(SW,)),
            R(INS, "b70-gpt-stopped90-log30-eval45", T, **G, **W, batch=16, lr=3e-3,
              max_steps=90, log_every=30, val_every=45, seeds=(1,), writers=(LC,)),
        ]
    return out


add_batch_by_writers(b70_recipes, lr_monitor=False)


# ----------------------------------------------------------------------------- seventy-second batch
# LIGHTNING THE WAY TYPICAL USERS WRITE IT (tasks.DEV72_TASKS: b72_churn, b72_classes7,
# b72_hetreg): every run Lightning (CSVLogger, a few TensorBoardLogger), train_loss logged
# on_step and on_epoch (train_log "both": train_loss_step every log_every_n_steps 5-50 and
# train_loss_epoch), val_loss and val_acc / val_f1 (the classifiers) or val_mae on_epoch,
# LearningRateMonitor on every run, ModelCheckpoint on val_loss (mode min) or val_acc (mode max),
# EarlyStopping (patience 3-10) on a third of the runs, ReduceLROnPlateau, OneCycleLR or cosine,
# val_check_interval 1.0 or 0.5, max_epochs 10-60. Regimes by their real causes. Kept in one block
# at the end of the file (b72_ names): f1_metric adds val_f1 for the two classifiers,
# checkpoint_callbacks a mode-min ModelCheckpoint on a loss, cause() the task and the Lightning
# code (tasks.b72_text; the regression's label_noise as target noise, target_noise_cause); the
# recipes are chained after every earlier one; nothing earlier changes.
from tasks import DEV72_TASKS, b72_text  # noqa: E402

_b72_prev_f1_metric = f1_metric
_b72_prev_checkpoint_callbacks = checkpoint_callbacks


def f1_metric(task, out, y) -> list:  # noqa: F811
    """Seventy-second batch: [("f1", the rare class's F1)] on b72_churn, [("f1", macro-F1)] on
    b72_classes7; else as before."""
    if task.name not in ("b72_churn", "b72_classes7"):
        return _b72_prev_f1_metric(task, out, y)
    pred = out.argmax(-1)
    classes = [1] if task.name == "b72_churn" else range(task.n_classes)
    f1s = [2 * ((pred == c) & (y == c)).sum().item()
           / max(1, (pred == c).sum().item() + (y == c).sum().item()) for c in classes]
    return [("f1", sum(f1s) / len(f1s))]


def checkpoint_callbacks(r: Recipe, out: Path) -> list:  # noqa: F811
    """Seventy-second batch: ModelCheckpoint(monitor=r.ckpt_monitor, mode "min" on a loss, "max"
    on a score); else as before."""
    if r.task not in DEV72_TASKS or not r.ckpt_monitor:
        return _b72_prev_checkpoint_callbacks(r, out)
    from lightning.pytorch.callbacks import ModelCheckpoint
    return [ModelCheckpoint(dirpath=str(out / "checkpoints"), monitor=r.ckpt_monitor,
                            mode="min" if "loss" in r.ckpt_monitor else "max", save_top_k=1,
                            save_last=False)]


_b72_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Seventy-second batch: the task and the Lightning code (tasks.b72_text), the regression's
    label_noise as target noise; else as before."""
    if r.task not in DEV72_TASKS:
        return _b72_prev_cause(r, task)
    s = (target_noise_cause(_b72_prev_cause, r, task) if r.task == "b72_hetreg"
         else _b72_prev_cause(r, task))
    es = f", EarlyStopping(val_loss, patience {r.early_stop})" if r.early_stop else ""
    vc = (f", val_check_interval {r.val_every}" if isinstance(r.val_every, float) else "")
    return s + b72_text(task, r.model, r.lr < 1e-4) + f" on {r.ckpt_monitor}{es}{vc}"


def b72_recipes() -> list[Recipe]:
    """Seventy-second dev batch, torch, Lightning only (2400 train rows, batch 32: 75 steps an
    epoch; the 2x64 MLP unless named): Adam 1e-3 with ReduceLROnPlateau for 30 epochs, OneCycleLR
    1e-2 for 25 epochs validated every half epoch with EarlyStopping(patience 8), Adam 2e-3 with
    cosine for 20 epochs (healthy); a 2x512 MLP on 150 rows with 20% flipped labels (0.5 target
    noise on the regression) for 60 epochs, or with EarlyStopping(patience 10) (overfitting);
    a 2-unit hidden layer or Adam 1e-5 (underfitting); Adam 0.05 at batch 8 (erratic; it
    collapses the classifiers to the prior), Adam 0.01 or SGD 0.2 at batch 4 validated every
    half epoch (erratic); SGD with the LR x1.02 a step (diverging); an LR bump x30 for 5 steps
    or 8 random-label batches at epoch 10 (loss_spike); Adam 3e-4 on a cosine planned for 30
    epochs cut at 6, validated every half epoch (still_improving); 20 steps logged every 10
    (insufficient_data)."""
    LC, LT = "lightning_csv", "lightning_tb"
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = Recipe
    spe = 75
    out = []
    for T in DEV72_TASKS:
        ck = "val_loss" if T == "b72_hetreg" else "val_acc"
        G = {"model": "medium", "batch": 32, "train_log": "both", "on_epoch": True,
             "lr_monitor": True, "ckpt_monitor": ck, "log_every": 10}
        noise = 0.5 if T == "b72_hetreg" else 0.2
        out += [
            R(H, "b72-adam-plateau-e30-es10", T, **G, lr=1e-3, sched="plateau", gamma=0.5,
              patience=3, epochs=30, early_stop=10, seeds=(1, 2, 3), writers=(LC, LC, LT),
              acceptable=["still_improving", "overfitting"]),
            R(H, "b72-onecycle-e25-half-es8", T, **dict(G, log_every=25), lr=1e-2,
              sched="onecycle", epochs=25, val_every=0.5, early_stop=8, seeds=(1, 2),
              writers=(LC,), acceptable=["still_improving", "overfitting"]),
            R(H, "b72-adam-cosine-e20", T, **dict(G, log_every=5, ckpt_monitor="val_loss"),
              lr=2e-3, sched="cosine", epochs=20, seeds=(3,), writers=(LC,),
              acceptable=["still_improving", "overfitting"]),
            R(OV, "b72-wide-n150-noisy-e60", T, **dict(G, model="wide", log_every=5), lr=1e-3,
              n_train=150, label_noise=noise, epochs=60, seeds=(1, 2), writers=(LC,),
              acceptable=["erratic"]),
            R(OV, "b72-wide-n150-noisy-es10", T, **dict(G, model="wide", log_every=5), lr=1e-3,
              n_train=150, label_noise=noise, epochs=60, early_stop=10, seeds=(3,),
              writers=(LC,), acceptable=["healthy"]),
            R(U, "b72-tiny2-e30", T, **dict(G, model="tiny"), lr=1e-3, sched="plateau",
              gamma=0.5, patience=3, epochs=30, seeds=(1,), writers=(LC,),
              acceptable=["healthy"]),
            R(U, "b72-adam1e-5-e30", T, **G, lr=1e-5, epochs=30, seeds=(2,), writers=(LC,),
              acceptable=["still_improving"]),
            R(E, "b72-adam0.05-b8-es10", T, **dict(G, batch=8, log_every=20), lr=0.05,
              epochs=20, early_stop=10, seeds=(1,), writers=(LC,),
              acceptable=["underfitting", "diverging"]),
            R(D, "b72-sgd-lrgrow1.02", T, **G, opt="sgd", lr=0.01, sched="grow", grow=1.02,
              epochs=10, seeds=(2,), writers=(LC,), acceptable=["erratic"]),
            R(P, "b72-lrbump5-x30-e10", T, **dict(G, log_every=5), lr=1e-3, epochs=20,
              bumps=[(spe * 10, 5, 30)], seeds=(2,), writers=(LC,), acceptable=["healthy"]),
            R(P, "b72-poison8-e10", T, **dict(G, log_every=5), lr=1e-3, epochs=20,
              poison=[(spe * 10, 8, "labels")], seeds=(3,), writers=(LT,),
              acceptable=["healthy"]),
            R(S, "b72-adam3e-4-cos30-cut6", T, **G, lr=3e-4, sched="cosine", epochs=None,
              max_steps=spe * 6, planned=spe * 30, val_every=0.5, seeds=(1,), writers=(LC,),
              acceptable=["underfitting"]),
            R(INS, "b72-stopped20", T, **G, lr=1e-3, max_steps=20,
              epochs=None, val_every=10, seeds=(2,), writers=(LC,)),
            # after the first pass: Adam 0.05 at batch 8 collapsed the classifiers to the prior
            # (the check: underfitting), so two hot settings that still learn beside it
            R(E, "b72-adam0.01-b4-half-es10", T, **dict(G, batch=4, log_every=50), lr=0.01,
              epochs=10, val_every=0.5, early_stop=10, seeds=(3,), writers=(LC,),
              acceptable=["underfitting", "healthy"]),
            R(E, "b72-sgd0.2-b4-half", T, **dict(G, batch=4, log_every=50), opt="sgd", lr=0.2,
              epochs=10, val_every=0.5, seeds=(1,), writers=(LT,),
              acceptable=["underfitting", "diverging"]),
        ]
    return out


add_batch_by_writers(b72_recipes, lr_monitor=False)


# ----------------------------------------------------------------------------- seventy-fourth batch
# SUMMARYWRITER THE WAY TYPICAL PYTORCH USERS WRITE IT (tasks.DEV74_TASKS: b74_digits, b74_waves,
# b74_table; summarywriter only): `for epoch in range(E): for i, (x, y) in enumerate(loader)`,
# writer.add_scalar("Loss/train", the mean of the last N batch losses, global_step) every N
# batches (b74_train "running") or the epoch mean at the epoch index ("epoch"), or
# add_scalars("loss", {"train": epoch mean, "val": val loss}, epoch) (sub-folders loss_train /
# loss_val; "scalars"); "Loss/val" and "Accuracy/val" once an epoch at the epoch index (val_step
# "epoch" 0-based, "epoch1" 1-based) or at the global step ("step"); add_scalar("lr", ...) once
# an epoch; torch.optim.lr_scheduler StepLR / CosineAnnealingLR / ReduceLROnPlateau stepped once
# an epoch; torch.save of the best model by val accuracy. Kept in one block at the end of the
# file (b74_ names): run_plain is wrapped for these tasks only, cause() says how the loop logs
# (tasks.b74_text); the recipes are chained after every earlier one; nothing earlier changes.
from dataclasses import dataclass as _b74_dataclass  # noqa: E402,I001

from tasks import DEV74_TASKS, b74_text  # noqa: E402

_b74_prev_run_plain = run_plain


@_b74_dataclass
class B74Recipe(Recipe):
    """A seventy-fourth batch torch run: the typical user's SummaryWriter loop."""
    b74_train: str = "running"      # running | epoch | scalars (see the block comment)
    b74_sched: str = "none"         # none | step | cosine | plateau (torch schedulers, per epoch)
    b74_tmax: int = 0               # CosineAnnealingLR T_max in epochs (0: the run's epochs)


def b74_how(r) -> str:
    """How a seventy-fourth-batch run's loop logs and schedules (cause text)."""
    tr = {"running": f"add_scalar('Loss/train', mean of the last {r.log_every} batch losses, "
                     f"global_step) every {r.log_every} batches",
          "epoch": "add_scalar('Loss/train', epoch mean, epoch)",
          "scalars": "add_scalars('loss', {'train': epoch mean, 'val': val loss}, epoch)"}
    at = {"epoch": "the 0-based epoch index", "epoch1": "the 1-based epoch index",
          "step": "the global step"}[r.val_step]
    s = (f"{tr[r.b74_train]}; Loss/val and Accuracy/val once an epoch at {at}; add_scalar('lr') "
         f"once an epoch; {b74_sched_text(r)}; the best model by val accuracy saved")
    if r.max_steps:
        s += f"; the loop broken after {r.max_steps} iterations"
    return s


_b74_prev_cause = cause
_b74_prev_describe = describe


def b74_sched_text(r) -> str:
    """The torch scheduler of a seventy-fourth-batch run (stepped once an epoch)."""
    return {"none": "a constant LR",
            "step": f"StepLR(step_size={r.step_every}, gamma={r.gamma:g}) per epoch",
            "cosine": f"CosineAnnealingLR(T_max={r.b74_tmax or r.epochs}) per epoch",
            "plateau": f"ReduceLROnPlateau(factor={r.gamma:g}, patience={r.patience}) on the "
                       f"val loss"}[r.b74_sched]


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Seventy-fourth batch: the earlier text with the run's torch scheduler for "const", then
    how the user loop logs (tasks.b74_text); else as before."""
    s = _b74_prev_cause(r, task)
    if r.task not in DEV74_TASKS:
        return s
    return (s.replace(", const schedule,", f", {b74_sched_text(r)},")
            + b74_text(task, b74_how(r), r.model, r.lr < 1e-4))


def describe(r: Recipe, task) -> str:  # noqa: F811
    """SOURCE.txt: the earlier text, the seventy-fourth batch's torch scheduler for "const"."""
    s = _b74_prev_describe(r, task)
    if r.task not in DEV74_TASKS:
        return s
    return s.replace("schedule: const\n", f"schedule: {b74_sched_text(r)}\n")


def b74_run_plain(r, task, out: Path):
    """The typical user's loop (see the block comment); LR bumps (r.bumps, in global steps)
    multiply the optimiser's LR for their steps, poisoned batches as poison_batch writes them."""
    import torch
    from torch.utils.tensorboard import SummaryWriter
    torch.manual_seed(r.seed)
    model = build_model(r, task)
    opt = make_optimizer(r, model.parameters())
    sched = {"none": None,
             "step": lambda: torch.optim.lr_scheduler.StepLR(opt, r.step_every, r.gamma),
             "cosine": lambda: torch.optim.lr_scheduler.CosineAnnealingLR(
                 opt, r.b74_tmax or r.epochs),
             "plateau": lambda: torch.optim.lr_scheduler.ReduceLROnPlateau(
                 opt, factor=r.gamma, patience=r.patience)}[r.b74_sched]
    sched = sched() if sched else None
    xtr, ytr, xva, yva = tensors(task)
    gen = torch.Generator().manual_seed(r.seed)
    writer = SummaryWriter(str(out))
    spe = steps_per_epoch(task, r)
    epochs = r.epochs or math.ceil(r.max_steps / spe)
    global_step, best_acc = 0, -1.0
    for epoch in range(epochs):
        model.train()
        perm = torch.randperm(len(xtr), generator=gen)
        running, n_run, ep_sum, ep_n = 0.0, 0, 0.0, 0
        for i in range(spe):
            idx = perm[i * r.batch:(i + 1) * r.batch]
            x, y = poison_batch(task, r, global_step, xtr[idx], ytr[idx], gen)
            base = opt.param_groups[0]["lr"]
            fac = math.prod(f for s0, n, f in r.bumps if s0 <= global_step < s0 + n)
            for g in opt.param_groups:
                g["lr"] = base * fac
            loss, _, _ = loss_and_metric(task, model(x), y, r.smooth)
            opt.zero_grad()
            loss.backward()
            if r.clip:
                torch.nn.utils.clip_grad_norm_(model.parameters(), r.clip)
            opt.step()
            for g in opt.param_groups:
                g["lr"] = base
            global_step += 1
            running += loss.item()
            n_run += 1
            ep_sum += loss.item()
            ep_n += 1
            if r.b74_train == "running" and (i + 1) % r.log_every == 0:
                writer.add_scalar("Loss/train", running / n_run, global_step)
                running, n_run = 0.0, 0
            if r.max_steps and global_step >= r.max_steps:
                break
        model.eval()
        with torch.no_grad():
            vl, _, acc = loss_and_metric(task, model(xva), yva, r.smooth)
        vl, acc = vl.item(), acc.item()
        at = global_step if r.val_step == "step" else epoch + (r.val_step == "epoch1")
        if r.b74_train == "scalars":
            writer.add_scalars("loss", {"train": ep_sum / ep_n, "val": vl}, at)
        else:
            if r.b74_train == "epoch":
                writer.add_scalar("Loss/train", ep_sum / ep_n, at)
            writer.add_scalar("Loss/val", vl, at)
        writer.add_scalar("Accuracy/val", acc, at)
        writer.add_scalar("lr", opt.param_groups[0]["lr"], at)
        if acc > best_acc:
            best_acc = acc
            torch.save(model.state_dict(), out / "best_model.pt")
        if sched is not None:
            sched.step(vl) if r.b74_sched == "plateau" else sched.step()
        if r.max_steps and global_step >= r.max_steps:
            break
    writer.close()
    (out / "best_model.pt").unlink(missing_ok=True)     # kept out of the corpus (size)


# Seventy-fourth batch: b74_run_plain; else the earlier run_plain.
run_plain = for_tasks(DEV74_TASKS, b74_run_plain, _b74_prev_run_plain)


def b74_recipes() -> list[Recipe]:
    """Seventy-fourth dev batch, torch, SummaryWriter only (batch 32: 47 steps an epoch on
    b74_digits, 63 on b74_waves and b74_table; the CNN width 16 / GRU 32 / 2x64 MLP unless
    named). Regimes by their real causes: Adam (3e-3; 1e-3 on the table) with StepLR, cosine or
    ReduceLROnPlateau for 25-30 epochs, SGD 0.05 with cosine for 40 (healthy); the wide model on
    150 rows with 30% flipped labels at batch 16 for 60 epochs (150 on the digits: overfitting);
    the tiny model or Adam 1e-5 (underfitting); Adam 0.03 at batch 8 and, after the first pass,
    Adam 0.01 at batch 4 (erratic; 0.03 collapses the CNN and the MLP to chance); SGD at LR 2
    (diverging; it collapses the CNN and the MLP); an LR bump x50 for 5 steps or 10 random-label
    batches at epoch 10 (loss_spike); Adam 3e-4 on a cosine planned for 40 epochs cut at 6, and
    on the GRU, after the first pass, 2e-3 cut at 8 (still_improving); 3 epochs or 30 steps
    (insufficient_data)."""
    SW = ("summarywriter",)
    H, OV, U, E, D, S, INS, P = ("healthy", "overfitting", "underfitting", "erratic",
                                 "diverging", "still_improving", "insufficient_data", "loss_spike")
    R = B74Recipe
    out = []
    for T in DEV74_TASKS:
        arch = {"b74_digits": {"arch": "cnn", "model": "medium"},
                "b74_waves": {"arch": "rnn", "model": "small"},
                "b74_table": {"model": "medium"}}[T]
        big = dict(arch, model="wide")
        small = dict(arch, model="tiny")
        spe = 47 if T == "b74_digits" else 63
        G = {**arch, "batch": 32, "writers": SW, "log_every": 20}
        lr = 1e-3 if T == "b74_table" else 3e-3
        ov_ep = 150 if T == "b74_digits" else 60
        out += [
            R(H, "b74-adam-steplr-e30", T, **G, lr=lr, b74_sched="step", step_every=10,
              gamma=0.3, epochs=30, val_step="epoch", seeds=(1, 2),
              acceptable=["still_improving", "overfitting"]),
            R(H, "b74-adam-cosine-e25-scalars", T, **G, lr=lr, b74_sched="cosine", epochs=25,
              b74_train="scalars", val_step="epoch", seeds=(3,),
              acceptable=["still_improving", "overfitting"]),
            R(H, "b74-adam-plateau-e30-epochmean", T, **G, lr=lr, b74_sched="plateau",
              gamma=0.5, patience=3, epochs=30, b74_train="epoch", val_step="epoch1",
              seeds=(1,), acceptable=["still_improving", "overfitting"]),
            R(H, "b74-sgd-cosine-e40-valstep", T, **dict(G, log_every=50), opt="sgd",
              lr=0.05, b74_sched="cosine", epochs=40, val_step="step", seeds=(2,),
              acceptable=["still_improving", "overfitting"]),
            R(OV, f"b74-wide-n150-noisy-b16-e{ov_ep}", T, **dict(G, **big, batch=16, log_every=5),
              lr=lr, n_train=150, label_noise=0.3, epochs=ov_ep, val_step="epoch", seeds=(1, 2),
              acceptable=["erratic"]),
            R(OV, f"b74-wide-n150-noisy-b16-e{ov_ep}-scalars", T, **dict(G, **big, batch=16),
              lr=lr, n_train=150, label_noise=0.3, epochs=ov_ep, b74_train="scalars",
              val_step="epoch", seeds=(3,), acceptable=["erratic"]),
            R(U, "b74-tiny-e30", T, **dict(G, **small), lr=lr, b74_sched="plateau", gamma=0.5,
              patience=3, epochs=30, val_step="epoch", seeds=(1,), acceptable=["healthy"]),
            R(U, "b74-adam1e-5-e30", T, **G, lr=1e-5, epochs=30, b74_train="epoch",
              val_step="epoch", seeds=(2,), acceptable=["still_improving"]),
            R(E, "b74-adam0.03-b8", T, **dict(G, batch=8, log_every=50), lr=0.03, epochs=15,
              val_step="epoch", seeds=(3,), acceptable=["underfitting", "diverging"]),
            R(D, "b74-sgd-lr2", T, **dict(G, log_every=10), opt="sgd", lr=2.0, epochs=10,
              val_step="epoch", seeds=(1,), acceptable=["erratic"]),
            R(P, "b74-lrbump5-x50-e10", T, **dict(G, log_every=10), lr=lr, epochs=20,
              bumps=[(spe * 10, 5, 50)], val_step="step", seeds=(2,), acceptable=["healthy"]),
            R(P, "b74-poison10-e10", T, **dict(G, log_every=10), lr=lr, epochs=20,
              poison=[(spe * 10, 10, "labels")], val_step="epoch", seeds=(3,),
              acceptable=["healthy"]),
            R(S, "b74-adam3e-4-cos40-cut6", T, **G, lr=3e-4, b74_sched="cosine", b74_tmax=40,
              epochs=6, val_step="epoch", seeds=(1,), acceptable=["underfitting"]),
            R(INS, "b74-epochs3", T, **G, lr=lr, epochs=3, b74_train="epoch",
              val_step="epoch", seeds=(2,)),
            R(INS, "b74-debug30", T, **dict(G, log_every=10), lr=lr, epochs=None, max_steps=30,
              val_step="step", seeds=(3,)),
        ]
        if T != "b74_waves":    # after the first pass: Adam 0.03 at batch 8 collapsed these two
            out.append(R(E, "b74-adam0.01-b4", T, **dict(G, batch=4, log_every=50), lr=0.01,
                         epochs=10, val_step="epoch", seeds=(1,),
                         acceptable=["underfitting", "healthy"]))
        else:                   # the GRU at 3e-4 never left chance in 6 epochs: cut mid-drop
            out.append(R(S, "b74-adam2e-3-cos40-cut8", T, **G, lr=2e-3, b74_sched="cosine",
                         b74_tmax=40, epochs=8, val_step="epoch", seeds=(2,),
                         acceptable=["underfitting"]))
    # the epoch-mean train loss sits on the epoch axis with the val points (label_aligned);
    # "running" is the tutorial's running_loss / N (how_logged)
    return [replace(r, train_log="running" if r.b74_train == "running" else "epoch")
            for r in out]


add_batch_by_writers(b74_recipes, lr_monitor=False)


if __name__ == "__main__":
    sys.exit(main())
