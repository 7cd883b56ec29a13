"""Generate the HF Trainer / Keras part of the labelled corpus (see README.md).

Writers: ``hf`` (the real ``transformers.Trainer`` with ``report_to=["tensorboard"]``: the
output dir keeps checkpoint-N/trainer_state.json, sometimes a top-level trainer_state.json,
and runs/*/events.out.tfevents.*; weights and optimiser files are deleted), ``keras_csv``
(Keras 3 on the torch backend + ``keras.callbacks.CSVLogger``) and ``keras_tb`` (Keras 3
``keras.callbacks.TensorBoard``, which needs tensorflow installed for ``tf.summary``).

Each recipe is a real cause (README "Regimes"). Each run is read back with curvecli
(``corpus_checks.read_series``) and checked against its intended regime; a run whose curve
says otherwise is relabelled (``relabelled`` records why) or dropped. Labels go to
``<corpus>/labels-hf_keras.json`` (merged: a run re-generated replaces its own entry).

    python benchmarks/corpus/gen_hf_keras.py [--only SUBSTRING] [--dry-run] [--batch first|all]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import time
import warnings
from dataclasses import asdict, dataclass, replace
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

import numpy as np
import tasks as tasks_mod  # noqa: E402
from tasks import (
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

LABELS = "labels-hf_keras.json"
DEV3_TASKS = ("shapes", "sine", "bow_sentiment")   # third dev batch (cause() says a bit more)
DEV4_TASKS = ("checker", "poly_reg", "arith_lm")   # fourth dev batch (cause() as for the third)
DEV5_TASKS = ("spiral", "imbalanced", "ar_forecast")   # fifth dev batch (cause() as for the third)
DEV6_TASKS = ("blobs10", "sparse_reg", "parity", "wordlm")   # sixth dev batch (likewise)
DEV7_TASKS = ("xor3d", "sparse_uncorr", "reverse_lm")   # seventh dev batch (likewise)
DEV8_TASKS = ("lang_id", "friedman2", "rings")   # eighth dev batch (likewise)
DEV9_TASKS = ("classes20", "s_curve", "dyck_lm", "wave_cls")   # ninth dev batch (likewise)
DEV10_TASKS = ("digits_cnn", "multilabel", "friedman3", "copy_lm")   # tenth dev batch (likewise)
DEV11_TASKS = ("descr_lm", "digits_shift", "noisy4")   # eleventh dev batch (likewise)
DEV12_TASKS = ("gratings", "seq_major", "multireg")   # twelfth dev batch (likewise)
DEV13_TASKS = ("tok_tag", "denoise", "events")   # thirteenth dev batch (likewise)
DEV14_TASKS = ("obj_rgb", "season_ts", "pair_sim")   # fourteenth dev batch (likewise)
DEV15_TASKS = ("hetero_nll", "graph_cls", "mask_lm")   # fifteenth dev batch (likewise)
DEV16_TASKS = ("ctr_embed", "seg_shapes", "activity")   # sixteenth dev batch (likewise)
DEV17_TASKS = ("age_ordinal", "mf_ratings", "vit_shapes")   # seventeenth dev batch (likewise)
DEV18_TASKS = ("kws_spec", "point_sets", "poisson_counts")   # eighteenth dev batch (likewise)
DEV19_TASKS = ("vae_manifold", "diffusion2d", "contrastive_digits")   # nineteenth (likewise)
DEV19_KINDS = ("vae", "diffusion", "contrastive")   # their losses: tasks.dev19_loss
DEV20_TASKS = ("kd_student", "sgdr_cls", "det_boxes")   # twentieth dev batch (likewise)
DEV20_KINDS = ("kd", "detection")   # their losses: tasks.dev20_loss (sgdr_cls: plain CE)
DEV21_TASKS = ("s2s_translit", "rank_lists", "mtl_digits")   # twenty-first dev batch (likewise)
DEV21_KINDS = ("seq2seq", "ranking", "multitask")   # their losses: tasks.dev21_loss
DEV22_TASKS = ("ctc_words", "gcn_nodes", "focal_rare")   # twenty-second dev batch (likewise)
DEV22_KINDS = ("ctc", "nodes", "focal")   # their losses: tasks.dev22_loss
DEV23_TASKS = ("flow_moons", "pinn_ode", "cox_surv")   # twenty-third dev batch (likewise)
DEV23_KINDS = ("flow", "pinn", "cox")   # their losses: tasks.dev23_loss
# twenty-fourth dev batch (likewise): fine-tunes from a pre-trained checkpoint (pre_steps; the
# bodies cached under <corpus>/_pretrained); kinds "lm" and "classification" (no new loss)
DEV24_TASKS = ("sft_pairs", "digits_rot", "tab_transfer")
# twenty-fifth dev batch (likewise): the borderline regimes on new tasks (kinds classification /
# regression, no new loss)
DEV25_TASKS = ("topic_bag", "keypoint_img", "collinear_reg")
# twenty-sixth dev batch (likewise): everyday short trainings on new tasks (kinds
# classification / regression, no new loss)
DEV26_TASKS = ("tab12", "word_class", "seq_peak")
SCORES = ("accuracy", "f1", "auc", "dice", "iou")   # metric_for_best_model: higher is better
WRITERS = ("hf", "keras_csv", "keras_tb")
HEAVY_FILES = (".safetensors", ".bin", ".pt", ".pth", ".keras", ".h5", ".ckpt")


@dataclass
class Recipe(BaseRecipe):
    """Everything that defines one HF or Keras run (the shared settings: tasks.BaseRecipe)."""
    writer: str = "hf"
    opt: str = "adamw"              # adamw | adam | sgd
    # sched: constant | linear | cosine | constant_with_warmup | grow | plateau | expdecay;
    # warmup: steps (hf) / ignored by keras; grow: lr *= grow each step (hf) / each epoch
    # (keras ExponentialDecay); model: tasks.make_model size (hf) / same names for the Keras
    # MLPs; arch (lm / sequence): gru | transformer | bert (hf only); poison: hf only.
    epochs: float = 10
    max_steps: int = -1             # hf: overrides epochs when > 0
    log_every: int = 10             # hf logging_steps; keras_tb update_freq when > 0 ("epoch" when 0)
    eval_every: int = 0             # hf: eval_steps (0 = eval/save per epoch)
    best_metric: str | None = None  # hf metric_for_best_model (accuracy | f1 | loss | mse)
    load_best: bool = False
    clip: float = 1.0               # hf max_grad_norm (0 = off) / keras clipnorm (0 = off)
    nan_filter: bool = True         # hf logging_nan_inf_filter
    first_step: bool = False        # hf logging_first_step
    save_state: bool = True         # hf: trainer.save_state() writes a top-level trainer_state.json
    tb_quirk: bool = False          # keras_tb: keep an update_freq that does not divide the epoch (see below)
    pretrain: bool = False          # hf bert: unlogged pre-training of the body, fresh head (a fine-tune)
    note: str = ""
    # third dev batch: hf EarlyStoppingCallback(patience) (needs best_metric + load_best) /
    # keras EarlyStopping(monitor="val_loss", patience, restore_best_weights=True); 0 = off
    early_stop: int = 0
    # eighth dev batch: hf gradient_accumulation_steps and logging_strategy "epoch"
    accum: int = 1
    log_epoch: bool = False
    # ninth dev batch: keras model.fit(validation_freq=N) (val only every N epochs)
    val_freq: int = 1
    # tenth dev batch: hf warmup_ratio (a share of the run instead of warm-up steps)
    warmup_ratio: float = 0.0
    # eleventh dev batch, hf: a fine-tune of a tasks.make_model body (tasks.pretrained_model):
    # pre_steps unlogged Adam steps on tasks.pretrain_source first (0 = from scratch);
    # fresh_head re-initialises the last Linear, freeze trains the head only
    pre_steps: int = 0
    fresh_head: bool = False
    freeze: bool = False
    # thirteenth dev batch: label smoothing (hf: the model's own loss, CE or BCE; keras: the loss
    # object's label_smoothing); cycles: hf lr_scheduler_type cosine_with_restarts num_cycles /
    # keras CosineDecayRestarts with the run split into that many cycles (sched "restarts");
    # l2_loss: hf, + l2_loss * sum(w^2) in the model's training loss (logged; eval loss without);
    # unfreeze_at: hf, only the last Linear trains before that optimiser step
    smooth: float = 0.0
    cycles: int = 0
    l2_loss: float = 0.0
    unfreeze_at: int = 0
    # fourteenth dev batch, hf: the LR schedule's planned length in optimiser steps when the run
    # stops before it (max_steps < planned; the custom LambdaLR path); 0 = the run's own length
    planned: int = 0
    # fifteenth dev batch, hf: no_eval trains without any evaluation (eval_strategy "no": the
    # train loss, LR and grad norm only); resume_at: the run stops `redo` steps after its
    # checkpoint at resume_at (a crash) and a new Trainer resumes from that checkpoint
    # (train(resume_from_checkpoint=...)): steps continue, the redo steps are logged twice in
    # the event files, once in trainer_state.json
    no_eval: bool = False
    resume_at: int = 0
    redo: int = 0
    # nineteenth dev batch (the VAE): the KL weight and a KL annealing over kl_anneal steps
    kl_weight: float = 1.0
    kl_anneal: int = 0


# ----------------------------------------------------------------------------- shared helpers

def set_seed(seed):
    import random

    import torch
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def steps_per_epoch(task, r: Recipe) -> int:
    return math.ceil(len(task.x_train) / r.batch)


def total_steps(task, r: Recipe) -> int:
    return r.max_steps if r.max_steps > 0 else math.ceil(r.epochs * steps_per_epoch(task, r))


def lr_factor(r: Recipe, total: int):
    """Multiplier of the base LR at optimiser step `step` (0-based) for the custom schedules."""
    def f(step):
        if r.sched == "grow":
            m = r.grow ** step
        elif r.sched == "cosine":
            w = min(1.0, (step + 1) / max(1, r.warmup)) if r.warmup else 1.0
            m = w * 0.5 * (1 + math.cos(math.pi * min(1.0, step / max(1, total))))
        elif r.sched == "linear":
            w = min(1.0, (step + 1) / max(1, r.warmup)) if r.warmup else 1.0
            m = w * max(0.0, 1 - step / max(1, total))
        else:
            m = min(1.0, (step + 1) / max(1, r.warmup)) if r.warmup else 1.0
        for start, length, factor in r.bumps:
            if start <= step < start + length:
                m *= factor
        return m
    return f


# ----------------------------------------------------------------------------- HF Trainer

def hf_model(task, r: Recipe):
    """A model whose forward returns {"loss", "logits"} (or a BertForSequenceClassification)."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    if r.arch == "bert":
        from transformers import BertConfig, BertForSequenceClassification
        width = {"tiny": 32, "small": 64, "medium": 128}[r.model]
        cfg = BertConfig(vocab_size=task.vocab_size + 2, hidden_size=width, num_hidden_layers=2,
                         num_attention_heads=2, intermediate_size=2 * width, max_position_embeddings=64,
                         num_labels=task.n_classes, pad_token_id=task.vocab_size + 1,
                         hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1)
        torch.manual_seed(r.seed)
        return BertForSequenceClassification(cfg)

    net = (pretrained_model(task, r.model, r.arch, r.seed, r.pre_steps, r.fresh_head, r.freeze)
           if r.pre_steps else make_model(task, r.model, arch=r.arch, seed=r.seed))
    if r.arch == "vae":         # nineteenth batch: the KL weight and its annealing
        net.kl_weight, net.kl_anneal = r.kl_weight, r.kl_anneal

    class Wrapped(nn.Module):
        """tasks.make_model body + the loss, as Trainer wants it."""
        def __init__(self):
            super().__init__()
            self.net = net

        def forward(self, x, labels=None):
            logits = self.net(x)
            if task.kind in ("regression", "poisson"):
                logits = logits.squeeze(-1)
            loss = None
            if labels is not None and task.kind in (DEV20_KINDS + DEV21_KINDS + DEV22_KINDS
                                                    + DEV23_KINDS):
                loss = dev20_21_loss(task, logits, labels)
            elif labels is not None and task.kind in DEV19_KINDS:     # nineteenth batch
                loss = dev19_loss(task, logits)[0]
            elif labels is not None and task.kind == "poisson":   # eighteenth batch: log rate
                loss = torch.nn.PoissonNLLLoss(log_input=True)(logits, labels)
            elif labels is not None and task.kind == "hetero":  # fifteenth batch: Gaussian NLL
                var = F.softplus(logits[:, 1]) + 1e-6
                loss = torch.nn.GaussianNLLLoss()(logits[:, 0], labels, var)
            elif labels is not None and task.name in DEV13_TASKS:   # thirteenth batch
                loss = dev13_loss(task, r, self, logits, labels)
            elif labels is not None:
                if task.kind == "regression":
                    loss = F.mse_loss(logits, labels)
                elif task.kind in ("multilabel", "segmentation"):   # BCE-with-logits, mean
                    loss = F.binary_cross_entropy_with_logits(logits, labels)
                elif task.kind in ("lm", "mlm"):     # mlm (15th batch): -100 ignored
                    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
                else:
                    loss = F.cross_entropy(logits, labels)
            return {"loss": loss, "logits": logits}

    return Wrapped()


def dev13_loss(task, r: Recipe, model, logits, labels):
    """Thirteenth batch, the hf model's loss: per-token CE (tagging) or BCE / MSE, with label
    smoothing (r.smooth) and, in training only, + r.l2_loss * sum(w^2) (a mixed loss)."""
    import torch.nn.functional as F
    if task.kind == "tagging":
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1),
                               label_smoothing=r.smooth)
    elif task.kind == "multilabel":
        target = labels * (1 - r.smooth) + 0.5 * r.smooth
        loss = F.binary_cross_entropy_with_logits(logits, target)
    else:
        loss = F.mse_loss(logits, labels)
    if r.l2_loss and model.training:
        loss = loss + r.l2_loss * sum((p ** 2).sum() for p in model.parameters() if p.ndim > 1)
    return loss


class ArrayDataset:
    """numpy arrays as a map-style dataset of dicts (what Trainer's default collator wants)."""
    def __init__(self, x, y, key="x"):
        import torch
        self.x = torch.as_tensor(x)
        self.y = torch.as_tensor(y)
        self.key = key

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return {self.key: self.x[i], "labels": self.y[i]}


def compute_metrics_for(task):
    from sklearn.metrics import f1_score

    def metrics(p):
        logits, labels = p.predictions, p.label_ids
        if isinstance(logits, (tuple, list)):
            logits = logits[0]
        if task.name in ("ctr_embed", "seg_shapes"):   # sixteenth batch (activity: below)
            return dev16_scores(task, np.asarray(logits, float), np.asarray(labels))
        if task.kind in DEV19_KINDS:    # nineteenth batch
            return dev19_scores(task, np.asarray(logits, float))
        if task.kind in DEV20_KINDS:    # twentieth batch
            return dev20_scores(task, np.asarray(logits, float), np.asarray(labels))
        if task.kind in DEV21_KINDS + DEV22_KINDS + DEV23_KINDS:    # twenty-first to -third
            return (dev23_scores if task.kind in DEV23_KINDS else dev22_scores
                    if task.kind in DEV22_KINDS else dev21_scores)(
                task, np.asarray(logits, float), np.asarray(labels))
        if task.kind == "poisson":  # eighteenth batch: the rate exp(log rate)
            err = np.exp(np.asarray(logits, float).ravel()) - np.asarray(labels, float).ravel()
            return {"mse": float(np.mean(err ** 2)), "mae": float(np.mean(np.abs(err)))}
        if task.kind == "hetero":   # fifteenth batch: the predicted mean (column 0)
            err = np.asarray(logits, float)[:, 0] - np.asarray(labels, float).ravel()
            return {"mse": float(np.mean(err ** 2)), "mae": float(np.mean(np.abs(err)))}
        if task.kind == "mlm":      # fifteenth batch: argmax ids; the masked tokens only
            keep = labels >= 0
            return {"accuracy": float(np.mean(np.asarray(logits)[keep] == labels[keep]))}
        if task.kind == "regression":
            err = np.asarray(logits, float).ravel() - np.asarray(labels, float).ravel()
            if task.name == "mf_ratings":       # seventeenth batch: the ratings' RMSE too
                return {"mse": float(np.mean(err ** 2)), "mae": float(np.mean(np.abs(err))),
                        "rmse": float(np.sqrt(np.mean(err ** 2)))}
            return {"mse": float(np.mean(err ** 2)), "mae": float(np.mean(np.abs(err)))}
        pred = np.asarray(logits)
        if task.kind == "multilabel":   # micro-F1 over the labels and the subset accuracy
            pred = (np.nan_to_num(pred) > 0).astype(int)
            return {"f1": float(f1_score(labels, pred, average="micro", zero_division=0)),
                    "accuracy": float(np.mean(np.all(pred == labels, axis=1)))}
        if task.kind == "lm":   # preprocess_logits_for_metrics already gave argmax ids
            return {"accuracy": float(np.mean(pred == labels))}
        if task.kind == "tagging":  # thirteenth batch: argmax ids too; every token counts
            return {"accuracy": float(np.mean(pred == labels)),
                    "f1": float(f1_score(labels.ravel(), pred.ravel(), average="macro",
                                         zero_division=0))}
        pred = np.nan_to_num(pred).argmax(-1)
        avg = "binary" if task.n_classes == 2 else "macro"
        return {"accuracy": float(np.mean(pred == labels)),
                "f1": float(f1_score(labels, pred, average=avg, zero_division=0))}
    return metrics


def dev19_scores(task, out) -> dict:
    """Nineteenth batch, compute_metrics: the VAE's recon and KL parts, the DDPM's noise MAE,
    the contrastive encoder's top-1 retrieval accuracy (groups of tasks.CON_GROUP, as the loss)."""
    import torch
    out = torch.as_tensor(np.nan_to_num(out), dtype=torch.float32)
    _, name, value, extra = dev19_loss(task, out)
    return {name: float(value), **{k: float(v) for k, v in extra.items()}}


def dev20_scores(task, out, labels) -> dict:
    """Twentieth batch, compute_metrics: the student's accuracy with the kd and ce terms; the
    detector's class accuracy, mean IoU, map50 and the loss's three parts."""
    import torch
    out = torch.as_tensor(np.nan_to_num(out), dtype=torch.float32)
    _, name, value, extra = dev20_loss(task, out, torch.as_tensor(labels))
    return {name: float(value), **{k: float(v) for k, v in extra.items()}}


def dev20_21_loss(task, out, labels):
    """The hf model's loss for the twentieth (tasks.dev20_loss), twenty-first
    (tasks.dev21_loss) and twenty-second (tasks.dev22_loss) batches' task kinds."""
    if task.kind in DEV22_KINDS:
        return dev22_loss(task, out, labels)[0]
    if task.kind in DEV23_KINDS:    # twenty-third batch
        return dev23_loss(task, out, labels)[0]
    return (dev21_loss if task.kind in DEV21_KINDS else dev20_loss)(task, out, labels)[0]


def dev21_scores(task, out, labels) -> dict:
    """Twenty-first batch, compute_metrics: the greedy decode's token accuracy with its BLEU-like
    score and the teacher-forced accuracy (seq2seq); the pairwise accuracy with NDCG@5
    (ranking); the digit accuracy with the two parts and the aux head's error (multitask)."""
    import torch
    out = torch.as_tensor(np.nan_to_num(out), dtype=torch.float32)
    _, name, value, extra = dev21_loss(task, out, torch.as_tensor(labels))
    return {name: float(value), **{k: float(v) for k, v in extra.items()}}


def dev22_scores(task, out, labels) -> dict:
    """Twenty-second batch, compute_metrics: 1 - CER of the greedy decode with the CER and WER
    (ctc), the node accuracy (nodes), the rare class's PR-AUC with its F1 (focal)."""
    import torch
    out = torch.as_tensor(np.nan_to_num(out), dtype=torch.float32)
    _, name, value, extra = dev22_loss(task, out, torch.as_tensor(labels))
    return {name: float(value), **{k: float(v) for k, v in extra.items()}}


def dev23_scores(task, out, labels) -> dict:
    """Twenty-third batch, compute_metrics: the flow's bits per dimension, the PINN's mean
    absolute error against the exact solution with its relative L2 error, the Cox model's
    concordance index."""
    import torch
    out = torch.as_tensor(np.nan_to_num(out), dtype=torch.float32)
    _, name, value, extra = dev23_loss(task, out, torch.as_tensor(labels))
    return {name: float(value), **{k: float(v) for k, v in extra.items()}}


def dev16_scores(task, logits, labels) -> dict:
    """Sixteenth batch, compute_metrics: ctr_embed accuracy, ROC AUC of the positive class and its
    F1; seg_shapes the Dice and IoU of the mask thresholded at logit 0."""
    from sklearn.metrics import f1_score, roc_auc_score
    logits = np.nan_to_num(logits, nan=0.0, posinf=50.0, neginf=-50.0)
    if task.kind == "segmentation":
        pred, y = (logits > 0).astype(float), labels.astype(float)
        inter, total = float((pred * y).sum()), float(pred.sum() + y.sum())
        return {"dice": 2 * inter / max(total, 1.0), "iou": inter / max(total - inter, 1.0)}
    z = logits - logits.max(-1, keepdims=True)
    prob = np.exp(z[:, 1]) / np.exp(z).sum(-1)
    pred = logits.argmax(-1)
    return {"accuracy": float(np.mean(pred == labels)),
            "auc": float(roc_auc_score(labels, prob)),
            "f1": float(f1_score(labels, pred, zero_division=0))}


def run_hf(r: Recipe, task, out: Path):
    import torch
    from transformers import Trainer, TrainingArguments

    set_seed(r.seed)
    model = hf_model(task, r)
    key = "input_ids" if r.arch == "bert" else "x"
    train_ds = ArrayDataset(task.x_train, task.y_train, key)
    val_ds = ArrayDataset(task.x_val, task.y_val, key)
    total = total_steps(task, r)

    if r.pretrain:   # a fine-tune: the body was trained before (unlogged) on other data of the kind
        pre = load_task(r.task, r.seed + 100, n_train=3000)
        m = model
        opt = torch.optim.AdamW(m.parameters(), lr=1e-3)
        xs, ys = torch.as_tensor(pre.x_train), torch.as_tensor(pre.y_train)
        g = torch.Generator().manual_seed(r.seed)
        m.train()
        for _ in range(3):
            for idx in torch.randperm(len(xs), generator=g).split(32):
                loss = m(input_ids=xs[idx], labels=ys[idx]).loss
                opt.zero_grad()
                loss.backward()
                opt.step()
        torch.manual_seed(r.seed + 7)
        m.classifier.reset_parameters()

    per_epoch = r.eval_every == 0 and not r.no_eval
    args = {
        "output_dir": str(out), "per_device_train_batch_size": r.batch, "per_device_eval_batch_size": 256,
        "learning_rate": r.lr, "weight_decay": r.wd, "max_steps": r.max_steps if r.max_steps > 0 else -1,
        "num_train_epochs": r.epochs, "logging_steps": r.log_every, "logging_first_step": r.first_step,
        "eval_strategy": "epoch" if per_epoch else "steps", "save_strategy": "epoch" if per_epoch else "steps",
        "save_total_limit": 2, "report_to": ["tensorboard"], "use_cpu": True, "seed": r.seed,
        "max_grad_norm": r.clip if r.clip > 0 else 0.0, "logging_nan_inf_filter": r.nan_filter,
        "disable_tqdm": True, "dataloader_num_workers": 0, "warmup_steps": r.warmup,
    }
    if r.warmup_ratio:      # transformers 5: a float warmup_steps is the old warmup_ratio
        args["warmup_steps"] = r.warmup_ratio
    if r.no_eval:               # fifteenth batch: a train-only run (checkpoints still saved)
        args.update(eval_strategy="no", save_strategy="steps", save_steps=r.eval_every or 500)
    elif not per_epoch:
        args.update(eval_steps=r.eval_every, save_steps=r.eval_every)
    if r.accum > 1:
        args["gradient_accumulation_steps"] = r.accum
    if r.log_epoch:
        args["logging_strategy"] = "epoch"
    if r.best_metric:
        args.update(metric_for_best_model=r.best_metric,
                    greater_is_better=r.best_metric in SCORES,
                    load_best_model_at_end=r.load_best)
    custom = r.sched in ("grow",) or r.bumps or r.opt != "adamw"
    optimizers = (None, None)
    if custom:
        if r.opt == "sgd":
            opt = torch.optim.SGD(model.parameters(), lr=r.lr, momentum=0.9, weight_decay=r.wd)
        elif r.opt == "adam":
            opt = torch.optim.Adam(model.parameters(), lr=r.lr, weight_decay=r.wd)
        else:
            opt = torch.optim.AdamW(model.parameters(), lr=r.lr, weight_decay=r.wd)
        optimizers = (opt, torch.optim.lr_scheduler.LambdaLR(opt, lr_factor(r, r.planned or total)))
    else:
        args["lr_scheduler_type"] = {"plateau": "reduce_lr_on_plateau"}.get(r.sched, r.sched)
        if r.cycles:            # thirteenth batch: cosine_with_restarts
            args["lr_scheduler_kwargs"] = {"num_cycles": r.cycles}

    poison = r.poison

    class PoisonTrainer(Trainer):
        """Trainer whose batches inside a poison window get random labels or inputs x10."""
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            step = self.state.global_step
            for start, length, mode in poison:
                if start <= step < start + length and model.training:
                    inputs = dict(inputs)
                    if mode == "inputs":
                        inputs[key] = inputs[key] * 10
                    else:
                        y = inputs["labels"]
                        inputs["labels"] = (
                            torch.randn_like(y) * 3 if task.kind in ("regression", "hetero")
                            else torch.where(y >= 0,
                                             torch.randint_like(y, 0, task.vocab_size - 1), y)
                            if task.kind == "mlm"   # fifteenth batch: the masked tokens only
                            else torch.randint_like(y, 0, 2)
                            if task.kind in ("multilabel", "segmentation")
                            else torch.randint_like(y, 0, task.n_classes))
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)

    pre_metrics = None
    if task.kind in ("lm", "tagging", "mlm"):
        def pre_metrics(logits, labels):
            return logits.argmax(-1)

    callbacks = early_stopping(r)
    if r.unfreeze_at:           # thirteenth batch: head only, then everything
        callbacks = (callbacks or []) + [unfreeze_callback(r, model)]
    if r.resume_at:             # fifteenth batch: a crash redo steps after the checkpoint
        callbacks = (callbacks or []) + [crash_callback(r.resume_at + r.redo)]
    targs = TrainingArguments(**args)
    trainer = PoisonTrainer(model=model, args=targs, train_dataset=train_ds,
                            eval_dataset=None if r.no_eval else val_ds,
                            compute_metrics=compute_metrics_for(task),
                            optimizers=optimizers, preprocess_logits_for_metrics=pre_metrics,
                            callbacks=callbacks)
    from transformers.trainer_callback import PrinterCallback
    trainer.remove_callback(PrinterCallback)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer.train()
        if r.resume_at:         # a new process: the same model and Trainer set-up, resumed
            trainer = resumed_trainer(r, task, targs, train_ds, val_ds, PoisonTrainer, pre_metrics)
            trainer.remove_callback(PrinterCallback)
            trainer.train(resume_from_checkpoint=str(out / f"checkpoint-{r.resume_at}"))
    if r.save_state:
        trainer.save_state()
    for p in out.rglob("*"):
        if p.is_file() and p.suffix in HEAVY_FILES:
            p.unlink()
    return trainer.state.log_history


def crash_callback(at: int):
    """Fifteenth batch: a TrainerCallback that stops training at optimiser step `at` (a crash:
    the steps since the last checkpoint are lost)."""
    from transformers import TrainerCallback

    class Crash(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            if state.global_step >= at:
                control.should_training_stop = True

    return Crash()


def resumed_trainer(r: Recipe, task, targs, train_ds, val_ds, trainer_cls, pre_metrics):
    """Fifteenth batch: the Trainer of the resumed process (a fresh model and optimiser built as
    before; train(resume_from_checkpoint=...) loads the weights, optimiser, schedule and state)."""
    import torch
    set_seed(r.seed)
    model = hf_model(task, r)
    optimizers = (None, None)
    if r.sched in ("grow",) or r.bumps or r.opt != "adamw":
        opt = (torch.optim.SGD(model.parameters(), lr=r.lr, momentum=0.9, weight_decay=r.wd)
               if r.opt == "sgd" else
               torch.optim.Adam(model.parameters(), lr=r.lr, weight_decay=r.wd)
               if r.opt == "adam" else
               torch.optim.AdamW(model.parameters(), lr=r.lr, weight_decay=r.wd))
        optimizers = (opt, torch.optim.lr_scheduler.LambdaLR(
            opt, lr_factor(r, r.planned or total_steps(task, r))))
    return trainer_cls(model=model, args=targs, train_dataset=train_ds,
                       eval_dataset=None if r.no_eval else val_ds,
                       compute_metrics=compute_metrics_for(task), optimizers=optimizers,
                       preprocess_logits_for_metrics=pre_metrics)


def unfreeze_callback(r: Recipe, model):
    """Thirteenth batch: a TrainerCallback that trains only the last Linear before optimiser
    step r.unfreeze_at, then the whole model (frozen parameters get no gradient)."""
    from torch import nn
    from transformers import TrainerCallback
    head = [m for m in model.modules() if isinstance(m, nn.Linear)][-1]
    keep = {id(p) for p in head.parameters()}

    class Unfreeze(TrainerCallback):
        def on_step_begin(self, args, state, control, **kw):
            for p in model.parameters():
                p.requires_grad_(state.global_step >= r.unfreeze_at or id(p) in keep)

    return Unfreeze()


def early_stopping(r: Recipe) -> list | None:
    """hf: [EarlyStoppingCallback(patience)]; keras: [EarlyStopping(val_loss, patience,
    restore_best_weights=True)]; None when the recipe does not stop early."""
    if not r.early_stop:
        return None
    if r.writer == "hf":
        from transformers import EarlyStoppingCallback
        return [EarlyStoppingCallback(early_stopping_patience=r.early_stop)]
    import keras
    return [keras.callbacks.EarlyStopping(monitor="val_loss", patience=r.early_stop,
                                          restore_best_weights=True)]


# ----------------------------------------------------------------------------- Keras

def keras_model(task, r: Recipe):
    """A Keras 3 model in the spirit of tasks.make_model's sizes (native Keras layers)."""
    if r.arch == "gcn" or task.kind == "hetero":   # fifteenth batch
        return keras_dev15(task, r)
    if r.arch in ("embed", "conv1d_mc"):            # sixteenth batch
        return keras_dev16(task, r)
    if r.arch == "mf":                              # seventeenth batch
        return keras_mf(task, r)
    if r.arch in ("deepsets", "deepsets_mean") or task.kind == "poisson":   # eighteenth batch
        return keras_dev18(task, r)
    if task.kind in DEV19_KINDS + DEV20_KINDS + DEV21_KINDS + DEV22_KINDS + DEV23_KINDS:
        return keras_dev19(task, r)
    return _keras_model(task, r)


def keras_dev19(task, r: Recipe):
    """Nineteenth batch: the torch VAE / DDPM / contrastive module of tasks.make_model inside
    Keras (keras.layers.TorchModuleWrapper on the torch backend: Keras sets train / eval mode),
    its output the per-example parts that dev19_keras_loss reads."""
    import keras
    keras.utils.set_random_seed(r.seed)
    net = make_model(task, r.model, arch=r.arch, seed=r.seed)
    if r.arch == "vae":
        net.kl_weight, net.kl_anneal = r.kl_weight, r.kl_anneal
    import torch
    net.eval()
    with torch.no_grad():       # the width of the per-example output (no train-mode call)
        width = int(net(torch.zeros(2, task.n_features)).shape[1])
    net.train()
    inp = keras.Input((task.n_features,))
    return keras.Model(inp, keras.layers.TorchModuleWrapper(net, output_shape=(None, width))(inp))


def dev19_keras_compile(task) -> dict:
    """Nineteenth batch, compile(): tasks.dev19_loss as the loss (y_true unused) and its metric
    (recon / mae / accuracy: the top-1 retrieval) as a Keras metric."""
    import keras
    name = {"vae": "recon", "diffusion": "mae", "contrastive": "accuracy"}[task.kind]

    def loss(y_true, y_pred):
        return dev19_loss(task, y_pred)[0]

    def metric(y_true, y_pred):
        return dev19_loss(task, y_pred)[2]

    return {"loss": loss, "metrics": [keras.metrics.MeanMetricWrapper(metric, name=name)]}


def dev20_keras_compile(task) -> dict:
    """Twentieth batch, compile(): tasks.dev20_loss as the loss (y_true the labels: the class,
    or [class, box]) and the class accuracy as a Keras metric."""
    import keras

    def loss(y_true, y_pred):
        return dev20_loss(task, y_pred, y_true)[0]

    def metric(y_true, y_pred):
        return dev20_loss(task, y_pred, y_true)[2]

    return {"loss": loss, "metrics": [keras.metrics.MeanMetricWrapper(metric, name="accuracy")]}


def dev21_keras_compile(task) -> dict:
    """Twenty-first batch, compile(): tasks.dev21_loss as the loss and its metric (the greedy
    token accuracy, the pairwise accuracy, the digit accuracy) as a Keras metric."""
    import keras

    def loss(y_true, y_pred):
        return dev21_loss(task, y_pred, y_true)[0]

    def metric(y_true, y_pred):
        return dev21_loss(task, y_pred, y_true)[2]

    return {"loss": loss, "metrics": [keras.metrics.MeanMetricWrapper(metric, name="accuracy")]}


def dev22_keras_compile(task) -> dict:
    """Twenty-second batch, compile(): tasks.dev22_loss as the loss and its metric (1 - CER of
    the greedy decode, the node accuracy; the focal MLP's PR-AUC, per batch) as a Keras
    metric."""
    import keras
    name = "pr_auc" if task.kind == "focal" else "accuracy"

    def loss(y_true, y_pred):
        return dev22_loss(task, y_pred, y_true)[0]

    def metric(y_true, y_pred):
        return dev22_loss(task, y_pred, y_true)[2]

    return {"loss": loss, "metrics": [keras.metrics.MeanMetricWrapper(metric, name=name)]}


def dev23_keras_compile(task) -> dict:
    """Twenty-third batch, compile(): tasks.dev23_loss as the loss and its metric (bpd, the
    PINN's mae against the exact solution, the concordance index, per batch) as a Keras
    metric."""
    import keras
    name = {"flow": "bpd", "pinn": "mae", "cox": "c_index"}[task.kind]

    def loss(y_true, y_pred):
        return dev23_loss(task, y_pred, y_true)[0]

    def metric(y_true, y_pred):
        return dev23_loss(task, y_pred, y_true)[2]

    return {"loss": loss, "metrics": [keras.metrics.MeanMetricWrapper(metric, name=name)]}


def keras_dev18(task, r: Recipe):
    """Eighteenth batch: tasks._deepsets in Keras (a shared per-point Dense 3 -> d -> 2d, a max
    or mean pool over the points, Dense 2d -> d -> n) or the log-rate MLP of poisson_counts."""
    import keras
    from keras import layers
    from tasks import DEEPSETS_WIDTHS, MODEL_SIZES, PTS_N
    keras.utils.set_random_seed(r.seed)
    inp = keras.Input((task.n_features,))
    if task.kind == "poisson":
        hidden, depth = MODEL_SIZES[r.model]
        h = inp
        for _ in range(depth):
            h = layers.Dense(hidden, activation="relu")(h)
        return keras.Model(inp, layers.Dense(1)(h))
    d = DEEPSETS_WIDTHS[r.model]
    h = layers.Reshape((PTS_N, 3))(inp)
    h = layers.Dense(2 * d, activation="relu")(layers.Dense(d, activation="relu")(h))
    pool = layers.GlobalAveragePooling1D if r.arch == "deepsets_mean" else layers.GlobalMaxPooling1D
    h = layers.Dense(d, activation="relu")(pool()(h))
    return keras.Model(inp, layers.Dense(task.n_classes)(h))


def keras_poisson_nll(y_true, y_pred):
    """Eighteenth batch: torch.nn.PoissonNLLLoss(log_input=True, full=False) in Keras ops:
    exp(f) - y f on the log rate f."""
    from keras import ops
    f = ops.reshape(y_pred, (-1,))
    y = ops.cast(ops.reshape(y_true, (-1,)), f.dtype)
    return ops.exp(f) - y * f


def keras_nll_loss(task) -> dict:
    """compile() loss and metrics of the fifteenth batch's Gaussian NLL (MAE of the mean), the
    eighteenth batch's Poisson NLL (MAE of the rate, logged as mae) or the nineteenth batch's
    losses (dev19_keras_compile)."""
    import keras
    if task.kind in DEV19_KINDS:    # nineteenth batch
        return dev19_keras_compile(task)
    if task.kind in DEV20_KINDS:    # twentieth batch
        return dev20_keras_compile(task)
    if task.kind in DEV21_KINDS:    # twenty-first batch
        return dev21_keras_compile(task)
    if task.kind in DEV22_KINDS:    # twenty-second batch
        return dev22_keras_compile(task)
    if task.kind in DEV23_KINDS:    # twenty-third batch
        return dev23_keras_compile(task)
    if task.kind == "hetero":
        return {"loss": keras_nll, "metrics": [mae]}
    return {"loss": keras_poisson_nll,
            "metrics": [keras.metrics.MeanMetricWrapper(rate_mae, name="mae")]}


def rate_mae(y_true, y_pred):
    """Eighteenth batch: the MAE of the rate exp(f)."""
    from keras import ops
    f = ops.reshape(y_pred, (-1,))
    return ops.abs(ops.cast(ops.reshape(y_true, (-1,)), f.dtype) - ops.exp(f))


def keras_dev15(task, r: Recipe):
    """Fifteenth batch: tasks._gcn in Keras (graph_cls), or an MLP with 2 outputs, a mean and
    a raw variance (hetero_nll)."""
    import keras
    from keras import layers
    from tasks import MODEL_SIZES
    keras.utils.set_random_seed(r.seed)
    if r.arch == "gcn":
        return keras_gcn(task, r)
    hidden, depth = MODEL_SIZES[r.model]
    inp = keras.Input((task.n_features,))
    h = inp
    for _ in range(depth):
        h = layers.Dense(hidden, activation="relu")(h)
    return keras.Model(inp, layers.Dense(2)(h))


def keras_dev16(task, r: Recipe):
    """Sixteenth batch: tasks._ctr_net in Keras (an Embedding over the field-offset ids,
    flattened, an MLP to 2 logits) or tasks._conv1d_mc (3 channels x 64, channels last)."""
    import keras
    from keras import layers
    from tasks import ACT_LEN, CTR_SIZES
    keras.utils.set_random_seed(r.seed)
    if r.arch == "embed":
        emb, hidden, depth = CTR_SIZES[r.model]
        inp = keras.Input((task.seq_len,), dtype="int32")
        h = layers.Flatten()(layers.Embedding(task.vocab_size, emb)(inp))
        for _ in range(depth):
            h = layers.Dense(hidden, activation="relu")(h)
        return keras.Model(inp, layers.Dense(2)(h))
    w = {"tiny": 4, "small": 16, "medium": 32, "wide": 64}[r.model]
    inp = keras.Input((task.n_features,))
    h = layers.Permute((2, 1))(layers.Reshape((3, ACT_LEN))(inp))
    h = layers.MaxPooling1D(2)(layers.Conv1D(w, 7, padding="same", activation="relu")(h))
    h = layers.MaxPooling1D(2)(layers.Conv1D(2 * w, 5, padding="same", activation="relu")(h))
    h = layers.Conv1D(2 * w, 3, padding="same", activation="relu")(h)
    return keras.Model(inp, layers.Dense(task.n_classes)(layers.GlobalAveragePooling1D()(h)))


def keras_mf(task, r: Recipe):
    """Seventeenth batch: tasks._mf in Keras: a user and an item Embedding (one table, items
    offset), a bias Embedding each and a global bias; the dot product plus the biases."""
    import keras
    from keras import layers, ops
    from tasks import MF_DIMS
    keras.utils.set_random_seed(r.seed)
    dim = max(1, MF_DIMS[r.model])

    class Dot(layers.Layer):
        def call(self, e, b):
            return ops.sum(e[:, 0] * e[:, 1], axis=-1, keepdims=True) + ops.sum(b, axis=1)

    inp = keras.Input((2,), dtype="int32")
    e = layers.Embedding(task.vocab_size, dim,
                         embeddings_initializer=keras.initializers.RandomNormal(0, 0.1))(inp)
    b = layers.Embedding(task.vocab_size, 1, embeddings_initializer="zeros")(inp)
    return keras.Model(inp, layers.Dense(1)(Dot()(e, b)))


def _keras_model(task, r: Recipe):
    import keras
    from keras import layers
    keras.utils.set_random_seed(r.seed)
    if r.arch == "cnn":        # flattened square grey images (12x12 shapes, 8x8 digits_cnn)
        side = int(round(task.n_features ** 0.5))
        width = {"tiny": 2, "small": 8, "medium": 16, "wide": 32}[r.model]
        inp = keras.Input((task.n_features,))
        h = layers.Reshape((side, side, 1))(inp)
        h = layers.Conv2D(width, 3, padding="same", activation="relu")(h)
        h = layers.MaxPooling2D(2)(h)
        h = layers.Conv2D(2 * width, 3, padding="same", activation="relu")(h)
        h = layers.GlobalMaxPooling2D()(h)
        return keras.Model(inp, layers.Dense(task.n_classes)(h))
    if r.arch == "bag":        # mean of token embeddings, then an MLP (tasks._bag in Keras)
        emb, hidden = {"linear": (8, 0), "tiny": (4, 2), "small": (16, 32), "medium": (32, 64),
                       "wide": (64, 256)}[r.model]
        inp = keras.Input((task.seq_len,), dtype="int32")
        h = layers.GlobalAveragePooling1D()(layers.Embedding(task.vocab_size, emb)(inp))
        if hidden:
            h = layers.Dense(hidden, activation="relu")(h)
        return keras.Model(inp, layers.Dense(task.n_classes)(h))
    if r.arch == "resnet":     # fourteenth batch: tasks._resnet in Keras (channels last)
        return keras_resnet(task, r)
    if r.arch == "siamese":    # fourteenth batch: tasks._siamese in Keras
        return keras_siamese(task, r)
    if r.arch == "rnn":        # a GRU over a window of floats (ar_forecast, wave_cls)
        inp = keras.Input((task.n_features,))
        h = layers.GRU({"tiny": 8, "small": 32, "medium": 64, "wide": 128}[r.model])(
            layers.Reshape((task.n_features, 1))(inp))
        return keras.Model(inp, layers.Dense(task.n_classes or 1)(h))
    if r.arch == "conv1d":     # a 1-D CNN over a window of floats (wave_cls; tasks._cnn1d)
        width = {"tiny": 2, "small": 8, "medium": 16, "wide": 32}[r.model]
        inp = keras.Input((task.n_features,))
        h = layers.Reshape((task.n_features, 1))(inp)
        h = layers.Conv1D(width, 7, padding="same", activation="relu")(h)
        h = layers.MaxPooling1D(2)(h)
        h = layers.Conv1D(2 * width, 5, padding="same", activation="relu")(h)
        h = layers.GlobalMaxPooling1D()(h)
        # thirteenth batch: events is multi-label (sigmoid outputs, BCE)
        act = "sigmoid" if task.kind == "multilabel" else None
        return keras.Model(inp, layers.Dense(task.n_classes or 1, activation=act)(h))
    if r.arch == "ae":         # thirteenth batch: an MLP autoencoder (tasks._autoencoder)
        from tasks import AE_SIZES
        hidden, code = AE_SIZES[r.model]
        inp = keras.Input((task.n_features,))
        act = "relu" if hidden else None
        h = layers.Dense(hidden, activation="relu")(inp) if hidden else inp
        h = layers.Dense(code, activation=act)(h)
        h = layers.Dense(hidden, activation="relu")(h) if hidden else h
        return keras.Model(inp, layers.Dense(task.n_targets)(h))
    if task.kind in ("classification", "regression", "multilabel"):
        from tasks import MODEL_SIZES
        hidden, depth = MODEL_SIZES[r.model]
        inp = keras.Input((task.n_features,))
        h = inp
        for _ in range(depth):
            h = layers.Dense(hidden, activation="relu")(h)
        out = layers.Dense(task.n_classes if task.kind != "regression" else task.n_targets,
                           activation="sigmoid" if task.kind == "multilabel" else None)(h)
        return keras.Model(inp, out)
    width = {"linear": 4, "tiny": 8, "small": 32, "medium": 64, "wide": 128}[r.model]
    inp = keras.Input((task.seq_len,), dtype="int32")
    h = layers.Embedding(task.vocab_size, max(8, width // 2))(inp)
    if r.arch == "conv":
        h = layers.Conv1D(width, 5, padding="causal" if task.kind == "lm" else "same", activation="relu")(h)
        h = layers.Conv1D(width, 5, padding="causal" if task.kind == "lm" else "same", activation="relu")(h)
        if task.kind != "lm":
            h = layers.GlobalMaxPooling1D()(h)
    elif r.arch == "lstm":     # twelfth batch: an LSTM (seq_major; tasks._lstm_cls in Keras)
        h = layers.LSTM(width, return_sequences=task.kind == "lm")(h)
    else:
        h = layers.GRU(width, return_sequences=task.kind == "lm")(h)
    out = layers.Dense(task.n_classes)(h)
    k = task.y_train.shape[1] if task.kind == "lm" else task.seq_len
    if k < task.seq_len:       # copy_lm: the logits of the target positions only
        out = layers.Cropping1D((task.seq_len - k, 0))(out)
    return keras.Model(inp, out)


def keras_resnet(task, r: Recipe):
    """Fourteenth batch: tasks._resnet in Keras: a stride-2 conv stem, two residual blocks at
    width and one at 2 x width (stride 2, 1x1 projection), BatchNorm, global average pooling."""
    import keras
    from keras import layers
    from tasks import IMG_SIDE, RESNET_WIDTHS
    width = RESNET_WIDTHS[r.model]
    inp = keras.Input((task.n_features,))
    h = layers.Permute((2, 3, 1))(layers.Reshape((3, IMG_SIDE, IMG_SIDE))(inp))

    def conv_bn(x, c, stride=1, k=3):
        x = layers.Conv2D(c, k, strides=stride, padding="same", use_bias=False)(x)
        return layers.BatchNormalization()(x)

    def block(x, c, stride):
        y = layers.ReLU()(conv_bn(x, c, stride))
        y = conv_bn(y, c)
        short = x if stride == 1 and x.shape[-1] == c else conv_bn(x, c, stride, k=1)
        return layers.ReLU()(layers.Add()([y, short]))

    h = layers.ReLU()(conv_bn(h, width, 2))
    h = block(block(h, width, 1), width, 1)
    h = layers.GlobalAveragePooling2D()(block(h, 2 * width, 2))
    return keras.Model(inp, layers.Dense(task.n_classes)(h))


def keras_siamese(task, r: Recipe):
    """Fourteenth batch: tasks._siamese in Keras: one encoder embeds both halves of the pair,
    the cosine of the embeddings (Dot(normalize=True)) goes through Dense(2) to the logits."""
    import keras
    from keras import layers
    from tasks import SIAMESE_SIZES
    hidden, emb = SIAMESE_SIZES[r.model]
    d = task.n_features // 2
    enc_in = keras.Input((d,))
    h = enc_in
    if hidden:
        h = layers.Dense(hidden, activation="relu")(layers.Dense(hidden, activation="relu")(h))
    enc = keras.Model(enc_in, layers.Dense(emb)(h))
    inp = keras.Input((2 * d,))
    a = enc(layers.Lambda(lambda t: t[:, :d])(inp))
    b = enc(layers.Lambda(lambda t: t[:, d:])(inp))
    cos = layers.Dot(axes=1, normalize=True)([a, b])
    head = layers.Dense(2, kernel_initializer=keras.initializers.Constant([[-2.0, 2.0]]),
                        bias_initializer="zeros")
    return keras.Model(inp, head(cos))


def keras_gcn(task, r: Recipe):
    """Fifteenth batch: tasks._gcn in Keras: node features [1, degree / 4], three layers
    relu(D^-1/2 (A + I) D^-1/2 H W), mean and max pooling, a Dense head (width 0: linear)."""
    import keras
    from keras import layers, ops
    from tasks import GCN_WIDTHS, GRAPH_N
    n, hidden = GRAPH_N, GCN_WIDTHS[r.model]
    inp = keras.Input((task.n_features,))
    if hidden == 0:
        return keras.Model(inp, layers.Dense(task.n_classes)(inp))

    def norm_adj(x):
        a = ops.reshape(x, (-1, n, n)) + ops.eye(n)
        d = 1.0 / ops.sqrt(ops.sum(a, -1))
        return d[:, :, None] * a * d[:, None, :]

    def node_features(x):
        deg = ops.sum(ops.reshape(x, (-1, n, n)), -1)
        return ops.stack([ops.ones_like(deg), deg / 4.0], -1)

    a = layers.Lambda(norm_adj)(inp)
    h = layers.Lambda(node_features)(inp)
    for _ in range(3):
        h = layers.Lambda(lambda t: ops.relu(ops.matmul(t[0], t[1])))([a, layers.Dense(hidden)(h)])
    pooled = layers.Concatenate()([layers.GlobalAveragePooling1D()(h),
                                   layers.GlobalMaxPooling1D()(h)])
    return keras.Model(inp, layers.Dense(task.n_classes)(pooled))


def keras_nll(y_true, y_pred):
    """Fifteenth batch: the Gaussian NLL of torch.nn.GaussianNLLLoss (full=False) in Keras ops,
    variance softplus(raw) + 1e-6."""
    from keras import ops
    mu, var = y_pred[:, 0], ops.softplus(y_pred[:, 1]) + 1e-6
    y = ops.reshape(y_true, (-1,))
    return 0.5 * (ops.log(var) + ops.square(y - mu) / var)


def mae(y_true, y_pred):
    """Fifteenth batch: the MAE of the predicted mean (column 0) of a hetero model."""
    from keras import ops
    return ops.abs(ops.reshape(y_true, (-1,)) - y_pred[:, 0])


def run_keras(r: Recipe, task, out: Path):
    import keras
    model = keras_model(task, r)
    spe = steps_per_epoch(task, r)
    epochs = int(r.epochs)
    lr = r.lr
    if r.sched == "cosine":
        lr = keras.optimizers.schedules.CosineDecay(r.lr, decay_steps=epochs * spe, warmup_steps=0)
    elif r.sched == "expdecay":
        lr = keras.optimizers.schedules.ExponentialDecay(r.lr, decay_steps=spe, decay_rate=0.96)
    elif r.sched == "grow":     # a runaway schedule: LR x grow every epoch
        lr = keras.optimizers.schedules.ExponentialDecay(r.lr, decay_steps=spe, decay_rate=r.grow)
    elif r.sched == "restarts":     # thirteenth batch: r.cycles cosine cycles over the run
        lr = keras.optimizers.schedules.CosineDecayRestarts(
            r.lr, first_decay_steps=epochs * spe // r.cycles, t_mul=1.0, m_mul=1.0, alpha=0.02)
    kw = {"clipnorm": r.clip} if r.clip > 0 else {}
    if r.opt == "sgd":
        opt = keras.optimizers.SGD(lr, momentum=0.9, weight_decay=r.wd or None, **kw)
    elif r.opt == "adam":
        opt = keras.optimizers.Adam(lr, **kw)
    else:
        opt = keras.optimizers.AdamW(lr, weight_decay=r.wd or 0.004, **kw)
    if task.kind in (("hetero", "poisson") + DEV19_KINDS + DEV20_KINDS + DEV21_KINDS
                     + DEV22_KINDS + DEV23_KINDS):      # 15th-23rd batches:
        model.compile(opt, **keras_nll_loss(task))      # -ELBO, noise MSE, InfoNCE
    elif task.kind == "regression":
        model.compile(opt, loss="mse", metrics=["mae"])
    elif task.kind == "multilabel":     # sigmoid outputs, BCE; micro-F1 and per-label accuracy
        bce = (keras.losses.BinaryCrossentropy(label_smoothing=r.smooth) if r.smooth
               else "binary_crossentropy")      # thirteenth batch: label smoothing
        model.compile(opt, loss=bce,
                      metrics=[keras.metrics.F1Score(average="micro", threshold=0.5),
                               "binary_accuracy"])
    else:
        model.compile(opt, loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
    cbs = []
    batch_losses = []

    class Bumps(keras.callbacks.Callback):
        """LR x factor for the optimiser steps inside each bump window (a real LR bump)."""
        def __init__(self):
            super().__init__()
            self.step = 0
            self.base = None

        def on_train_batch_begin(self, batch, logs=None):
            if self.base is None:
                self.base = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
            f = 1.0
            for start, length, factor in r.bumps:
                if start <= self.step < start + length:
                    f *= factor
            self.model.optimizer.learning_rate.assign(self.base * f)

        def on_train_batch_end(self, batch, logs=None):
            self.step += 1
            if logs and "loss" in logs:
                batch_losses.append(float(logs["loss"]))

    if r.bumps:
        cbs.append(Bumps())
    if r.sched == "plateau":
        cbs.append(keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=5, min_lr=1e-5))
    cbs += early_stopping(r) or []
    if r.writer == "keras_csv":
        cbs.append(keras.callbacks.CSVLogger(str(out / "training.log" if r.seed % 2 else out / "history.csv")))
    else:
        # Keras 3's TensorBoard callback keeps its record_if(global batch % update_freq == 0) context
        # around the epoch-end summaries, so with an update_freq that does not divide the steps per
        # epoch most epoch_* points are never written. Real, but kept to tb_quirk runs only.
        freq = r.log_every
        if freq and not r.tb_quirk:
            freq = max(d for d in range(1, freq + 1) if spe % d == 0)
        cbs.append(keras.callbacks.TensorBoard(log_dir=str(out), update_freq=freq or "epoch",
                                               write_graph=False, profile_batch=0))
    fit_kw = {"validation_freq": r.val_freq} if r.val_freq > 1 else {}
    hist = model.fit(task.x_train, task.y_train, batch_size=r.batch, epochs=epochs,
                     validation_data=(task.x_val, task.y_val), callbacks=cbs, verbose=0, shuffle=True,
                     **fit_kw)
    for p in out.rglob("*"):
        if p.is_file() and p.suffix in HEAVY_FILES:
            p.unlink()
    return hist.history


# ----------------------------------------------------------------------------- labelling

def describe_model(r: Recipe, task) -> str:
    if r.task in DEV15_TASKS:   # fifteenth batch
        return dev15_model_text(r, task)
    if r.task in DEV16_TASKS:   # sixteenth batch
        return dev16_model_text(r)
    if r.arch in ("mf", "vit"):     # seventeenth batch
        return dev17_model_text(r)
    if r.task in DEV18_TASKS:       # eighteenth batch
        return dev18_model_text(r, task)
    if r.task in DEV19_TASKS:       # nineteenth batch
        return dev19_model_text(r)
    if r.task in DEV20_TASKS and r.arch:    # twentieth batch (sgdr_cls: the plain MLP text)
        return dev20_model_text(r)
    if r.task in DEV21_TASKS:       # twenty-first batch
        return dev21_model_text(r)
    if r.task in DEV22_TASKS:       # twenty-second batch
        return dev22_model_text(r)
    if r.task in DEV23_TASKS:       # twenty-third batch
        return dev23_model_text(r)
    return _describe_model(r, task)


def dev20_model_text(r: Recipe) -> str:
    """Twentieth batch, describe_model: the KD student, the detector, and their losses."""
    from tasks import DET_SIZES, KD_SIZES
    keras = " in keras.layers.TorchModuleWrapper" if r.writer != "hf" else ""
    if r.arch == "kd_student":
        h, d = KD_SIZES[r.model]
        return (f"KD student ({r.model}: MLP {d}x{h} on 30 features, 10 classes){keras}; loss 0.7 "
                "x T^2 x KL(teacher_T || student_T) at T = 3 (a fixed wide teacher's logits) + "
                "0.3 x CE on the labels; eval_kd / eval_ce beside it")
    c, h = DET_SIZES[r.model]
    return (f"detector-like CNN ({r.model}: conv {c}, conv {2 * c}, Linear {h}; a class head and a "
            f"box head){keras} on 16x16 images with one object; loss class CE + 5 x box L1 + 2 x "
            "(1 - GIoU); eval_accuracy (class), eval_iou, eval_map50 and the three parts beside it")


def dev22_model_text(r: Recipe) -> str:
    """Twenty-second batch, describe_model: the CTC recogniser, the node GCN, the focal MLP."""
    from tasks import CTC_SIZES, GN_SIZES, MODEL_SIZES
    keras = " in keras.layers.TorchModuleWrapper" if r.writer != "hf" else ""
    if r.arch == "ctc":
        return (f"CTC recogniser ({r.model}: Conv1d + BiGRU hidden {CTC_SIZES[r.model]}){keras} "
                "on 40 frames x 10 features; torch CTCLoss (blank 0); eval_accuracy 1 - CER of "
                "the greedy decode, eval_cer and eval_wer beside it")
    if r.arch == "gcn_nodes":
        return (f"two-layer GCN ({r.model}: hidden {GN_SIZES[r.model]}){keras} on one "
                "500-node graph, full batch over the train-mask nodes; node CE; eval_accuracy "
                "on the 40 val-mask nodes")
    h, d = MODEL_SIZES[r.model]
    return (f"MLP ({r.model}: {d}x{h}, one logit){keras}; binary focal loss (gamma 2, alpha "
            "0.25); eval_pr_auc the rare class's average precision, eval_f1 its F1")


def dev23_model_text(r: Recipe) -> str:
    """Twenty-third batch, describe_model: the RealNVP, the PINN, the Cox risk MLP."""
    from tasks import FLOW_SIZES, MODEL_SIZES, PINN_SIZES
    keras = " in keras.layers.TorchModuleWrapper" if r.writer != "hf" else ""
    if r.arch == "flow":
        k, h = FLOW_SIZES[r.model]
        return (f"RealNVP ({r.model}: a per-dimension affine map + {k} affine couplings, "
                f"hidden {h}){keras} on 2-D points; the mean NLL in nats (no zero floor, "
                "negative once learnt); eval_bpd the same in bits per dimension")
    if r.arch == "pinn":
        h, d = PINN_SIZES[r.model]
        return (f"physics-informed tanh MLP ({r.model}: {d}x{h}){keras} on u' = -u + 3 cos(6x), "
                "u(0) = 1 (u' by a central difference); loss mean(residual^2) + (u(0) - 1)^2; "
                "eval_mae |u - exact|, eval_rel_l2 beside it")
    h, d = MODEL_SIZES[r.model]
    return (f"Cox MLP ({r.model}: {d}x{h}, one log-hazard){keras}; the negative Breslow partial "
            "log-likelihood per event over the batch; eval_c_index Harrell's concordance")


def dev21_model_text(r: Recipe) -> str:
    """Twenty-first batch, describe_model: the seq2seq GRU, the ranker, the two-head model, and
    their losses."""
    from tasks import MTL_SIZES, RANK_SIZES, S2S_SIZES
    keras = " in keras.layers.TorchModuleWrapper" if r.writer != "hf" else ""
    if r.arch == "seq2seq":
        return (f"GRU encoder-decoder ({r.model}: hidden {S2S_SIZES[r.model]}, no attention)"
                f"{keras} on translation-like pairs of 7 words; token CE under teacher forcing; "
                "eval_accuracy the greedy decode's token accuracy, eval_bleu a BLEU-like score of "
                "it, eval_tf_token_acc the teacher-forced accuracy")
    if r.arch == "ranker":
        h, d = RANK_SIZES[r.model]
        return (f"ranker ({r.model}: MLP {d}x{h} scoring each of a query's 10 items){keras}; "
                "pairwise hinge max(0, 1 - (s_i - s_j)) over pairs with grade_i > grade_j (floor "
                "0); eval_accuracy the pairwise accuracy (pairwise AUC), eval_ndcg5 the NDCG@5")
    h, d = MTL_SIZES[r.model]
    return (f"two-head MLP ({r.model}: trunk {d}x{h}; a digit head and an aux regression head)"
            f"{keras} on digits; loss CE + 0.5 x MSE (the total judged); eval_accuracy (digit), "
            "eval_loss_cls, eval_loss_reg and eval_reg_abs_err beside it")


def dev19_model_text(r: Recipe) -> str:
    """Nineteenth batch, describe_model: the VAE, the DDPM noise predictor, the contrastive
    encoder, and their losses (Keras: the torch module in keras.layers.TorchModuleWrapper)."""
    from tasks import CON_SIZES, DDPM_SIZES, VAE_SIZES
    keras = " in keras.layers.TorchModuleWrapper" if r.writer != "hf" else ""
    if r.arch == "vae":
        h, z = VAE_SIZES[r.model]
        s = (f"Gaussian VAE ({r.model}: encoder 16-{h}-{h}-2x{z}, decoder {z}-{h}-{h}-16){keras}; "
             "loss the negative ELBO: summed squared reconstruction error + KL weight x KL "
             "(eval: the same weight, without the annealing ramp); eval_recon / eval_kl "
             "beside it")
        if r.kl_weight != 1.0 or r.kl_anneal:
            s += f"; KL weight {r.kl_weight:g}"
            s += (f", annealed from 0 over {r.kl_anneal} steps" if r.kl_anneal else "")
        return s
    if r.arch == "ddpm":
        h, d = DDPM_SIZES[r.model]
        return (f"DDPM noise predictor ({r.model}: MLP {d}x{h} on x_t and an 8-dim embedding of "
                f"t){keras}; loss the noise-prediction MSE over t ~ U{{0..99}} (its floor ~0.45, "
                "predicting 0 scores 1); eval_mae of the noise")
    h, d, z = CON_SIZES[r.model]
    return (f"contrastive encoder ({r.model}: MLP {d}x{h} to {z} dims, L2-normalised) on two "
            f"augmented views of each digit{keras}; loss InfoNCE (symmetric, temperature 0.1, "
            "groups of 64: ln 64 = 4.16 at chance); eval_accuracy the top-1 retrieval of the "
            "other view within a group of 64")


def dev18_model_text(r: Recipe, task) -> str:
    """Eighteenth batch, describe_model: the keyword CNN, the DeepSets classifier, the
    log-rate MLP."""
    from tasks import DEEPSETS_WIDTHS, MODEL_SIZES
    if r.arch == "cnn":
        return (f"small CNN, 2 conv layers ({r.model}) on 16x16 log spectrograms; "
                "cross-entropy over 6 keywords")
    if r.arch in ("deepsets", "deepsets_mean"):
        d = DEEPSETS_WIDTHS[r.model]
        pool = "mean" if r.arch == "deepsets_mean" else "max"
        return (f"DeepSets / PointNet-style: a shared per-point MLP 3-{d}-{2 * d}, {pool} pool "
                f"over 32 points, head {2 * d}-{d}-4 ({r.model}); cross-entropy over 4 classes")
    h, d = MODEL_SIZES[r.model]
    return (f"MLP {d}x{h} ({r.model}) to a log rate; PoissonNLLLoss(log_input=True) (full=False: "
            "exp(f) - y f, its floor far above 0; hf eval_mae / Keras rate_mae of exp(f))")


def dev17_model_text(r: Recipe) -> str:
    """Seventeenth batch, describe_model: the matrix factorisation or the small ViT."""
    from tasks import MF_DIMS, VIT_SIZES
    if r.arch == "mf":
        return (f"matrix factorisation: user and item embeddings of {MF_DIMS[r.model]}, dot "
                f"product + user, item and global biases ({r.model}); MSE on stars - 3.5; "
                "MAE and RMSE")
    d, L = VIT_SIZES[r.model]
    return (f"small ViT: 4x4 patches (16 tokens), width {d}, {L} pre-norm encoder layer(s), 2 "
            f"heads, mean pooling ({r.model}); cross-entropy over 4 shapes")


def dev16_model_text(r: Recipe) -> str:
    """Sixteenth batch, describe_model: the CTR embedding model, the tiny U-Net, the
    multi-channel 1-D CNN / GRU, and what the run logs."""
    from tasks import CTR_SIZES, UNET_WIDTHS
    if r.arch == "embed":
        e, h, d = CTR_SIZES[r.model]
        s = (f"an embedding of {e} per category of the 8 fields, concatenated, "
             + (f"MLP {d}x{h}" if d else "a linear head") + f" to 2 logits ({r.model}); "
             "cross-entropy; accuracy, ROC AUC and F1 of the positive class")
    elif r.arch == "unet":
        w = UNET_WIDTHS[r.model]
        s = (f"tiny U-Net (2 convs at {w}, pool, 2 at {2 * w}, upsample + skip, 2 at {w}, 1x1) "
             if w else "a 1x1 conv (a per-pixel threshold) ") + (
             f"({r.model}); per-pixel BCE; Dice and IoU of the mask")
    else:
        s = (f"{'GRU over the 3 channels' if r.arch == 'gru_mc' else '1-D CNN, 3 conv layers'}"
             f" ({r.model}); cross-entropy; accuracy and macro-F1")
    return s


def dev15_model_text(r: Recipe, task) -> str:
    """Fifteenth batch, describe_model: the GCN, the masked-token encoder, the NLL MLP."""
    from tasks import GCN_WIDTHS, MLM_SIZES, MODEL_SIZES
    if r.arch == "gcn":
        w = GCN_WIDTHS[r.model]
        return (f"hand-written GCN, 3 layers of {w}, mean + max pooling ({r.model})" if w
                else "linear model on the flattened adjacency")
    if r.arch == "mlm":
        d, k = MLM_SIZES[r.model]
        return (f"transformer encoder d={d}, {k} layers, predicting the masked tokens "
                f"({r.model})" if k else "token embeddings + head, no context (linear)")
    h, d = MODEL_SIZES[r.model]
    return (("linear model" if d == 0 else f"MLP {d}x{h} ({r.model})")
            + " with 2 outputs (mean, variance), Gaussian NLL")


def _describe_model(r: Recipe, task) -> str:
    if r.arch == "resnet":      # fourteenth batch
        from tasks import RESNET_WIDTHS
        return (f"ResNet (BatchNorm; stem stride 2, 2 blocks at {RESNET_WIDTHS[r.model]}, 1 at "
                f"{2 * RESNET_WIDTHS[r.model]} stride 2, global average pooling) ({r.model})")
    if r.arch == "rnn" and r.task in DEV14_TASKS:
        return f"GRU over the window, one value per step ({r.model})"
    if r.arch == "siamese":
        from tasks import SIAMESE_SIZES
        h, e = SIAMESE_SIZES[r.model]
        return (f"siamese MLP encoder {task.n_features // 2}-{h}-{h}-{e} on both items, cosine "
                f"of the embeddings -> Dense(2) ({r.model})")
    if r.arch == "tagger":      # thirteenth batch
        if r.model == "linear":
            return "token embeddings + a per-token head, no context (linear)"
        return f"bidirectional transformer encoder tagging every token ({r.model})"
    if r.arch == "ae":
        from tasks import AE_SIZES
        h, c = AE_SIZES[r.model]
        return (f"MLP autoencoder {task.n_features}-{h}-{c}-{h}-{task.n_targets} ({r.model})" if h
                else f"linear autoencoder {task.n_features}-{c}-{task.n_targets}")
    if r.arch == "bert":
        return f"BertForSequenceClassification from a BertConfig ({r.model}: 2 layers, 2 heads)"
    if r.arch == "cnn":
        return f"small CNN, 2 conv layers ({r.model})"
    if r.arch == "conv1d":
        return f"1-D CNN, 2 conv layers ({r.model})"
    if r.arch == "rnn" and task.kind == "classification":
        return f"GRU over the raw samples ({r.model})"
    if r.arch == "bag":
        return f"mean-of-embeddings bag + MLP ({r.model})"
    if task.kind == "regression" and task.n_targets > 1:    # twelfth batch: multireg
        from tasks import MODEL_SIZES
        h, d = MODEL_SIZES[r.model]
        return (("linear model" if d == 0 else f"MLP {d}x{h} ({r.model})")
                + f" with {task.n_targets} outputs (MSE / MAE averaged over the targets)")
    if task.kind in ("classification", "regression", "multilabel"):
        from tasks import MODEL_SIZES
        h, d = MODEL_SIZES[r.model]
        return "linear model" if d == 0 else f"MLP {d}x{h} ({r.model})"
    return f"{r.arch or 'gru'} {r.model}"


def noise_text(r: Recipe, task) -> str:
    """cause(): the label noise; seventeenth batch: shuffled or noisy regression targets."""
    if r.task in DEV17_TASKS and r.label_noise >= 1:
        return ", train targets shuffled"
    if r.task in DEV18_TASKS and r.label_noise >= 1:
        return ", train counts shuffled"
    if r.task in DEV17_TASKS and task.kind == "regression":
        return f", N(0, ({r.label_noise:g} sd)^2) noise on the train targets"
    return f", {r.label_noise:.0%} flipped labels"


def cause(r: Recipe, task) -> str:
    s = f"{describe_model(r, task)}, {len(task.x_train)} train examples"
    if r.label_noise:
        s += noise_text(r, task)
    s += f", {r.opt} {r.lr:g}"
    if r.wd:
        s += f" wd {r.wd:g}"
    s += f", batch {r.batch}"
    if r.sched != "constant":
        s += f", {r.sched} schedule" + (f" x{r.grow:g}/{'step' if r.writer == 'hf' else 'epoch'}"
                                        if r.sched == "grow" else "")
    if r.warmup:
        s += f", warm-up {r.warmup}"
    s += f", {r.max_steps} steps" if r.max_steps > 0 else f", {r.epochs:g} epochs"
    if r.writer == "hf":
        s += f", max_grad_norm {r.clip:g}" if r.clip > 0 else ", no clipping"
        if not r.nan_filter:
            s += ", logging_nan_inf_filter off"
    elif r.clip > 0:
        s += f", clipnorm {r.clip:g}"
    for start, length, factor in r.bumps:
        s += f", LR x{factor:g} for {length} steps at step {start}"
    for start, length, mode in r.poison:
        s += f", {length} poisoned batches ({'random labels' if mode == 'labels' else 'inputs x10'}) at step {start}"
    if r.pretrain:
        s += ", body pre-trained (unlogged) then a fresh head fine-tuned"
    if r.task in DEV13_TASKS:
        s += dev13_text(r)
    if r.planned:               # fourteenth batch: stopped before its schedule ends
        s += f", stopped at step {r.max_steps} of a schedule planned for {r.planned}"
    s += dev15_text(r)          # fifteenth batch
    if r.pre_steps:
        src = {"descr_lm": "a character LM of the stdlib docstrings",
               "digits_shift": "the other (clean) half of load_digits",
               "vit_shapes": "3000 other, cleaner images of the 4 shapes (noise 0.25)",
               **DEV24_SOURCE}[r.task]
        s += (f", body pre-trained (unlogged) for {r.pre_steps} Adam 2e-3 steps on {src}, then "
              "fine-tuned" + (" with a fresh head" if r.fresh_head else "")
              + (", body frozen (only the head trains)" if r.freeze else "")
              + (f", LoRA-like rank-{DEV24_LORA[r.arch]} adapters on the frozen hidden Linears "
                 "(only they and the head train)" if r.arch in DEV24_LORA else ""))
    s += machinery(r)
    if r.note:
        s += f"; {r.note}"
    return s


def dev13_text(r: Recipe) -> str:
    """Thirteenth batch, cause(): the settings that batch added, when set."""
    s = ""
    if r.smooth:
        s += f", label smoothing {r.smooth:g}"
    if r.cycles:
        s += (f", cosine_with_restarts (num_cycles {r.cycles})" if r.writer == "hf"
              else f", CosineDecayRestarts ({r.cycles} cycles)")
    if r.l2_loss:
        s += f", training loss + {r.l2_loss:g} * sum w^2 (a mixed loss, logged; eval loss without)"
    if r.unfreeze_at:
        s += f", only the last Linear trains until step {r.unfreeze_at}, then the whole model"
    return s


def dev15_text(r: Recipe) -> str:
    """Fifteenth batch, cause(): train-only, resumed ("" when neither)."""
    s = ", train-only (eval_strategy no: no evaluation logged)" if r.no_eval else ""
    if r.resume_at:
        s += (f", crashed at step {r.resume_at + r.redo} and resumed from checkpoint-"
              f"{r.resume_at} (resume_from_checkpoint: steps continue)")
    return s


def machinery(r: Recipe) -> str:
    """The callbacks and logging settings of a run, for cause() (empty for the earlier batches
    except early stopping, which they do not use)."""
    s = ""
    if r.early_stop:
        s += (f", EarlyStoppingCallback(patience {r.early_stop})" if r.writer == "hf"
              else f", EarlyStopping(val_loss, patience {r.early_stop}, restore_best_weights)")
    if r.task not in (DEV3_TASKS + DEV4_TASKS + DEV5_TASKS + DEV6_TASKS + DEV7_TASKS + DEV8_TASKS
                      + DEV9_TASKS + DEV10_TASKS + DEV11_TASKS + DEV12_TASKS + DEV13_TASKS
                      + DEV14_TASKS + DEV15_TASKS + DEV16_TASKS + DEV17_TASKS
                      + DEV18_TASKS + DEV19_TASKS + DEV20_TASKS + DEV21_TASKS + DEV22_TASKS
                      + DEV23_TASKS + DEV24_TASKS + DEV25_TASKS + DEV26_TASKS):
        return s
    if r.writer == "hf" and r.best_metric:
        s += f", metric_for_best_model={r.best_metric}"
        s += ", load_best_model_at_end" if r.load_best else ""
    if r.writer == "hf":
        s += f", eval every {r.eval_every} steps" if r.eval_every else ", eval every epoch"
        s += ", logging_strategy epoch" if r.log_epoch else f", logging_steps {r.log_every}"
        if r.accum > 1:
            s += f", gradient_accumulation_steps {r.accum}"
        if r.first_step and r.task in (DEV9_TASKS + DEV10_TASKS + DEV11_TASKS + DEV12_TASKS
                                       + DEV13_TASKS + DEV14_TASKS + DEV15_TASKS
                                       + DEV16_TASKS + DEV17_TASKS + DEV18_TASKS
                                       + DEV19_TASKS + DEV20_TASKS + DEV21_TASKS + DEV22_TASKS
                                       + DEV23_TASKS + DEV24_TASKS + DEV25_TASKS + DEV26_TASKS):
            s += ", logging_first_step"
        if r.warmup_ratio:
            s += f", warm-up ratio {r.warmup_ratio:g} (warmup_steps={r.warmup_ratio:g})"
        if r.task in (DEV13_TASKS + DEV14_TASKS + DEV15_TASKS + DEV16_TASKS + DEV17_TASKS
                      + DEV18_TASKS + DEV19_TASKS + DEV20_TASKS + DEV21_TASKS + DEV22_TASKS
                      + DEV23_TASKS + DEV24_TASKS + DEV25_TASKS + DEV26_TASKS):
            s += ", save_total_limit 2"
    if r.writer != "hf" and r.task in (DEV9_TASKS + DEV10_TASKS + DEV11_TASKS + DEV12_TASKS
                                       + DEV13_TASKS + DEV14_TASKS + DEV15_TASKS
                                       + DEV16_TASKS + DEV17_TASKS + DEV18_TASKS
                                       + DEV19_TASKS + DEV20_TASKS + DEV21_TASKS + DEV22_TASKS
                                       + DEV23_TASKS + DEV24_TASKS + DEV25_TASKS + DEV26_TASKS):
        s += (f", model.fit(validation_freq={r.val_freq}): val every {r.val_freq} epochs"
              if r.val_freq > 1 else ", val every epoch")
    if r.writer == "keras_tb":
        s += f", TensorBoard update_freq={r.log_every or 'epoch'!r}"
    return s


def source_text(r: Recipe, task) -> str:
    lines = [f"writer: {r.writer}", f"task: {r.task} ({task.kind}, {TASK_SPLIT[r.task]} split)",
             f"train examples: {len(task.x_train)}", f"val examples: {len(task.x_val)}",
             f"model: {describe_model(r, task)}", f"seed: {r.seed}", f"intended regime: {r.regime}",
             f"cause: {cause(r, task)}", "generator: benchmarks/corpus/gen_hf_keras.py",
             "recipe: " + json.dumps(recipe_fields(r))]
    return "\n".join(lines) + "\n"


def recipe_fields(r: Recipe) -> dict:
    """The recipe as a dict for SOURCE.txt; early_stop only when set, so that the earlier
    batches' SOURCE.txt stay as they were written."""
    d = asdict(r)
    if not d["early_stop"]:
        d.pop("early_stop")
    for k, default in (("accum", 1), ("log_epoch", False), ("val_freq", 1),
                       ("warmup_ratio", 0.0), ("pre_steps", 0), ("fresh_head", False),
                       ("freeze", False), ("smooth", 0.0), ("cycles", 0), ("l2_loss", 0.0),
                       ("unfreeze_at", 0), ("planned", 0), ("no_eval", False),
                       ("resume_at", 0), ("redo", 0), ("kl_weight", 1.0),
                       ("kl_anneal", 0)):   # only when set
        if d[k] == default:
            d.pop(k)
    return d


def tag_names(r: Recipe):
    """(train loss tag, val loss tag, val metric tag) as the writer spells them."""
    if r.writer == "hf":
        return "train/loss", "eval/loss", f"eval/{r.best_metric}" if r.best_metric else "eval/accuracy"
    if r.writer == "keras_csv":
        return "loss", "val_loss", "val_accuracy"
    return "train/epoch_loss", "validation/epoch_loss", "validation/epoch_accuracy"


class CheckRecipe:
    """What corpus_checks.check_loss_spike needs, in the units of the train series read back."""
    def __init__(self, r: Recipe, unit: float, log_every: int):
        self.bumps = [(s / unit, max(1, l / unit), f) for s, l, f in r.bumps]
        self.poison = [(s / unit, max(1, l / unit), m) for s, l, m in r.poison]
        self.log_every = log_every


def metric_as_loss(s, r: Recipe, task, run_dir):
    """For runs optimising accuracy/F1: the series dict with val_loss := 1 - metric (read back)."""
    from corpus_checks import Series

    from curvecli import load_runs
    f = [run.frame for run in load_runs(str(run_dir)).runs if run.points]
    if not f:
        return s
    f = f[0]
    sub = f[(f.split == "val") & (f.metric == r.best_metric)].sort_values("step", kind="stable")
    if not len(sub):
        return s
    st, v = sub.step.to_numpy(float), sub.value.to_numpy(float)
    s = dict(s)
    s["val_loss"] = Series(f"1 - eval_{r.best_metric}", st, 1 - v)
    s.pop("val_metric", None)
    return s


def label_run(r: Recipe, run_dir: Path, task, history) -> dict | None:
    import corpus_checks as cc
    s = cc.nll_view(cc.read_series(run_dir), task)     # fifteenth batch: a Gaussian NLL
    if not s:
        return None
    if r.writer == "hf":
        unit, log_every = 1, r.log_every
    else:   # curvecli's train loss for Keras is the epoch-level one
        unit, log_every = steps_per_epoch(task, r), 1
    if r.writer == "keras_tb" and r.tb_quirk:   # epoch_* mostly missing: judge the per-iteration tags
        s = quirk_series(run_dir) or s
        unit, log_every = 1, r.log_every
    crec = CheckRecipe(r, unit, log_every)
    spike_unit = 1.0
    if r.writer != "hf" and not r.tb_quirk and r.bumps:
        # an epoch-level train loss: judge the spike on an iteration axis (epoch e ends at (e+1)*spe)
        # so that the pre-spike level is the last epoch or two, not the whole run
        from corpus_checks import Series
        spike_unit = float(unit)
        s = dict(s)
        s["train_loss"] = Series(s["train_loss"].name, (s["train_loss"].steps + 1) * unit, s["train_loss"].values)
        crec = CheckRecipe(r, 1, max(1, unit // 10))
    metric_mode = r.writer == "hf" and r.best_metric in SCORES
    if metric_mode:
        s = metric_as_loss(s, r, task, run_dir)

    def run_check(regime):
        if regime == "loss_spike":
            return cc.check_loss_spike(s, task, crec)
        if metric_mode and regime in ("underfitting", "healthy"):
            # chance-level tests compare a loss with ln C; on an error rate compare 1 - acc with 1 - 1/C
            v = s["val_loss"].values
            if regime == "underfitting":
                ok = np.median(v[-3:]) > 0.8 * (1 - 1 / max(2, task.n_classes))
                return ok, f"{s['val_loss'].name} ends at {np.median(v[-3:]):.3g}, near chance", {}
            return cc.check_healthy({**s, "val_loss": s["val_loss"]}, _ErrCtx(task))
        return cc.CHECKS[regime](s, task)

    intended = r.regime
    if intended != "insufficient_data" and cc.check_insufficient(s, task)[0]:
        ok, why, extra = False, "too few points", {}
    else:
        ok, why, extra = run_check(intended)
    verdict, relabelled, reason = intended, None, why
    if not ok:
        for other in cc.FALLBACK:
            if other == intended:
                continue
            ok2, why2, extra2 = run_check(other)
            if ok2:
                verdict, relabelled, reason, extra = other, f"from {intended} (automatic check): {why}", why2, extra2
                break
        else:
            return None
    review = REVIEW.get(r.key)
    if review:   # an expert's reading after looking at the contact sheet
        new_verdict, new_acc, why_review = review
        if new_verdict is None:
            print(f"  dropped after review: {why_review}")
            return None
        if new_verdict != verdict:
            if new_verdict == "loss_spike":   # the peak of the train loss inside the planned window
                tr = s["train_loss"]
                lo = min(b[0] for b in crec.bumps + crec.poison)
                hi = max(b[0] + b[1] for b in crec.bumps + crec.poison) + 3 * crec.log_every
                w = (tr.steps >= lo) & (tr.steps <= hi)
                if not w.any():     # fifteenth batch: an epoch-level log with no point inside a
                    w = tr.steps == tr.steps[tr.steps >= lo].min()   # short bump: the next one
                extra["spike_steps"] = [float(tr.steps[w][np.argmax(tr.values[w])])]
            if new_verdict == "overfitting":
                v = s["val_loss"]
                extra["onset_step"] = int(v.steps[int(np.argmin(v.values))])
            relabelled = (f"after review, from {verdict}: {why_review}"
                          + (f" (automatic check had relabelled from {intended})" if relabelled else ""))
            reason = f"{why_review}; automatic check: {reason}"
            verdict = new_verdict
            extra = {k: v for k, v in extra.items() if k in ("acceptable", "spike_steps", "onset_step")}
        else:
            reason = f"{reason}; review: {why_review}"
        r = replace(r, acceptable=list(r.acceptable) + list(new_acc))
    acceptable = sorted(set(r.acceptable + extra.pop("acceptable", [])) - {verdict})
    train_tag, val_tag, metric_tag = tag_names(r)
    if verdict == "loss_spike":
        mon = train_tag
    elif metric_mode:
        mon = metric_tag
    elif verdict == "insufficient_data":
        mon = val_tag
    else:
        mon = val_tag
    if r.writer == "keras_tb" and r.tb_quirk:
        mon = "train/batch_loss" if verdict == "loss_spike" else "validation/evaluation_loss_vs_iterations"
    if r.writer == "hf" and r.best_metric and verdict != "loss_spike":
        mon = f"eval/{r.best_metric}"
    if r.no_eval:               # fifteenth batch: a train-only run
        mon = train_tag
    label = {"verdict": verdict, "acceptable": acceptable, "reason": reason, "monitored": mon,
             "task": r.task, "split": TASK_SPLIT[r.task], "writer": r.writer,
             "format": {"hf": "trainer_state+tensorboard", "keras_csv": "csv",
                        "keras_tb": "tensorboard"}[r.writer],
             "cause": cause(r, task), "seed": r.seed}
    if verdict == "overfitting" and "onset_step" in extra:
        label["onset_step"] = extra.pop("onset_step")
    if verdict == "loss_spike" and "spike_steps" in extra:
        label["spike_steps"] = [round(x / spike_unit - (spike_unit > 1)) for x in extra.pop("spike_steps")]
    label.update({k: v for k, v in extra.items() if k not in ("onset_step", "spike_steps")})
    label["relabelled"] = relabelled
    return label


def quirk_series(run_dir):
    """batch_loss and evaluation_*_vs_iterations of a Keras TensorBoard run, as corpus_checks Series."""
    from corpus_checks import Series

    from curvecli import load_runs
    out = {}
    for run in load_runs(str(run_dir)).runs:
        f = run.frame
        for key, split, metric in (("train_loss", "train", "batch_loss"), ("val_loss", "val", "loss_vs_iterations"),
                                   ("val_metric", "val", "accuracy_vs_iterations")):
            sub = f[(f.split == split) & (f.metric == metric)].sort_values("step", kind="stable")
            if len(sub):
                out[key] = Series(f"{split}/{metric}", sub.step.to_numpy(float), sub.value.to_numpy(float))
    if "val_metric" in out:   # corpus_checks looks for a name ending in "accuracy"
        out["val_metric"].name = "val/accuracy"
    return out


class _ErrCtx:
    """A task stand-in for check_healthy on an error-rate curve (chance = 1 - 1/C)."""
    def __init__(self, task):
        self.kind = "classification"
        c = max(2, task.n_classes)
        self.y_train = np.arange(c)  # uniform prior -> entropy ln C; only used as a chance scale
        self._t = task

    def __getattr__(self, k):
        return getattr(self._t, k)


# Reviewed by eye on the contact sheets: run key -> (verdict, extra acceptable, why). Applied after
# the automatic check; the label records the change in `relabelled`. Runs are seeded, so a key
# names the same curve each time it is generated.
REVIEW = {
    "hf/charlm_stdlib/still_improving-gru-short-s1": (
        "still_improving", ["healthy"],
        "val loss still falls at a steady rate over the last third (no flattening) when max_steps cuts it"),
    "keras_csv/wine/still_improving-sgd-slow-s1": (
        "still_improving", ["healthy"],
        "val loss falls in a straight line on a log scale to the last epoch (0.35 -> 0.25 over the last 5)"),
    "keras_csv/digits/loss_spike-lr-bump-s1": (
        "diverging", ["loss_spike"],
        ("the LR x100 epoch throws val loss from 0.17 to 2.5 and it recovers only to ~1.3 (7x its best) "
        "in 20 epochs: a jump that does not come back")),
    "hf/friedman/diverging-sgd-hot-s1": (
        "underfitting", ["diverging"],
        ("SGD at LR 0.3 kills the network in its first steps: val MSE sits at ~1.0 (the target variance) "
        "from the first eval; the curve shows only a flat, chance-level run")),
    "keras_csv/wine/erratic-adam-hot-b4-s2": (
        "diverging", ["underfitting"],
        "val loss goes from 0.7 to 1.1 (chance, 3 classes) within 2 epochs and stays flat: a collapse"),
    # second look (full corpus, contact_sheet.py pages 1-8)
    "hf/breast_cancer/erratic-adam-hot-b4-s1": (
        "erratic", ["diverging"],
        ("val loss bounces 0.5-1.9 between neighbouring evals while val accuracy stays 0.92-0.97: "
        "no collapse and no lasting climb, the swings are the story")),
    "keras_tb/seq_count/loss_spike-lr-bump-s1": (
        "diverging", ["loss_spike"],
        "the bump throws val loss from 0.01 to 0.7 (chance) and 15 epochs later it is still 0.3 (30x its best)"),
    "keras_tb/moons/erratic-sgd-hot-b4-s1": (
        "underfitting", ["erratic", "diverging"],
        "val loss ~0.7-0.8 (ln 2) and accuracy ~0.5 from the first epoch, with a few swings to 2: stuck at chance"),
    "keras_tb/moons/erratic-sgd-hot-b4-s2": (
        "underfitting", ["erratic", "diverging"],
        "val loss ~0.7-0.8 (ln 2) and accuracy ~0.5 from the first epoch, with a few swings to 1.6-2: stuck at chance"),
    "keras_csv/breast_cancer/erratic-sgd-hot-b4-s3": (
        None, [], "bounces for 12 epochs then freezes at 0.35 (accuracy 0.87): neither erratic nor healthy"),
    "keras_csv/breast_cancer/erratic-sgd-hot-b4-s1": (
        "erratic", ["diverging"], "val loss swings 0.5-10 between epochs; it freezes near 3 for the last 7"),
    "keras_csv/breast_cancer/erratic-sgd-hot-b4-s2": (
        "diverging", ["erratic"],
        "val loss bounces 0.2-1.5 for 17 epochs, then jumps to 2.0 (10x its best) and stays there"),
    "keras_csv/breast_cancer/loss_spike-lr-bump-x100-s2": (
        "loss_spike", ["healthy"],
        "val loss jumps 0.08 -> 0.45 (5x) in the epoch of the LR bump and is back to 0.11 within 3 epochs"),
    "hf/digits/loss_spike-lr-bump-s1": (
        "loss_spike", ["healthy"],
        "train loss ~0.3 -> 1.05 and val 0.28 -> 0.9 (3x) right after the LR bump, back to 0.3 within ~100 steps"),
    "keras_csv/digits/loss_spike-lr-bump-x50-s2": (
        "healthy", ["loss_spike"], "the bump shows as a one-epoch val blip of 1.8x that recovers at once"),
    "hf/seq_motif/healthy-gru-s1": (
        "healthy", ["loss_spike", "still_improving"],
        "accuracy saturated at 1.0; val loss keeps sliding in log scale (1e-3 -> 1e-4) with one blip at ~850"),
    "hf/synth12/underfitting-tiny-wd-s1": (
        "underfitting", ["still_improving"],
        "a 2-unit model with wd 1: val loss crawls 2.45 -> 1.99 (chance 2.48) and accuracy ~0.3 for 12 classes"),
    "hf/synth12/underfitting-tiny-wd-s2": (
        "underfitting", ["still_improving"],
        "a 2-unit model with wd 1: val loss levels at ~1.9 (chance 2.48), accuracy ~0.3 for 12 classes"),
    "keras_csv/wine/erratic-adam-hot-b4-s1": (
        "healthy", ["erratic"],
        "wild swings for 10 epochs, then train loss hits 0 and val sits flat at 7e-4 for 50 epochs"),
    "hf/breast_cancer/loss_spike-poison-inputs-s1": (
        "overfitting", ["loss_spike"],
        ("val loss bottoms at 0.13 near step 200 and climbs steadily to 0.22 while train falls; the poisoned "
        "batches make only a one-point train spike")),
    "keras_tb/friedman/overfitting-wide-small-n-s2": (
        "healthy", ["overfitting", "erratic"],
        "val MSE drops to ~0.24 within 10 epochs and stays flat; its 'best' is a dip inside a noise burst"),
    "hf/charlm_markov/healthy-transformer-s1": (
        "underfitting", [],
        "val loss flat at ~3.25 (near the unigram level) from step 200 to 2000, accuracy ~0.12: it never learns the chain"),
    "hf/charlm_markov/loss_spike-lr-bump-s1": (
        None, [], ("the bump is 1.25x on val / 1.6x on train of a loss that barely left chance: neither a clear spike "
        "nor clear underfitting")),
    "keras_tb/charlm_stdlib/still_improving-gru-short-s1": (
        "still_improving", ["underfitting"], "val loss falls at a steady rate over all 5 epochs (3.2 -> 3.05)"),
    "keras_csv/charlm_markov/still_improving-gru-short-s1": (
        "underfitting", ["still_improving"],
        "val loss barely moves (3.38 -> 3.32) in 6 epochs while accuracy creeps up from 0.04 to 0.085"),
    # eleventh batch
    "hf/noisy4/overfitting-wide-n200-e15-s1": (
        "overfitting", [],
        "15 per-epoch evals: val 1.11 at the first eval climbs steadily to 1.33 (+20%) while train "
        "falls 1.3 -> 0.5: overfitting with few evals (the check wants a 50% rise when the best is "
        "the first eval)"),
    "hf/digits_shift/healthy-ft-lr3e-4-bestloss-s2": (
        "healthy", ["still_improving"],
        "a fine-tune: val 0.22 at the first eval drifts to 0.18 over 12 epochs, flattening at the "
        "end; a slow drift of a fine-tune near its floor"),
    "keras_csv/digits_shift/erratic-medium-adam-hot-b4-s2": (
        "erratic", ["overfitting"],
        "Adam 0.03 / batch 4: val jumps 0.72 -> 1.1 -> 0.64 -> 1.22 -> 0.82 between epochs; "
        "under the bouncing it drifts up (to 1.5) while train falls, so overfitting is also a "
        "fair reading"),
    "hf/noisy4/healthy-medium-e12-bestacc-s2": (
        "healthy", ["still_improving"],
        "val loss flat at its high floor (~0.98) from the third epoch; accuracy creeps "
        "0.68 -> 0.70 within its eval-to-eval scatter"),
    # twelfth batch
    "hf/gratings/still_improving-cnn-short-bestacc-s1": (
        "still_improving", [],
        "cut at 350 steps: val loss falls 1.40 -> 0.90 ever faster and eval_accuracy climbs "
        "0.27 -> 0.70 with the last evals the highest; the check read the noisy accuracy's last "
        "quarter against its swings"),
    "hf/multireg/overfitting-wide-n150-s1": (
        "overfitting", ["underfitting"],
        "a wide MLP on 150 examples: val MSE 0.62 -> best 0.56 at step ~75, then climbs to "
        "0.65 (+16%) and stays while train falls to ~0: a memorised train set; the val best is "
        "high (the medium MLP on 2000 examples reaches 0.27), hence underfitting acceptable"),
    "keras_csv/seq_major/erratic-lstm-sgd0.2-b4-s1": (
        "erratic", ["underfitting"],
        "SGD 0.2 / batch 4: val loss swings 1.2 -> 1.75 -> 1.4 -> 1.73 -> 1.45 between epochs "
        "and accuracy 0.30-0.55, around chance (ln 4 = 1.39) with no trend"),
    "keras_tb/multireg/loss_spike-lr-bump-x100-batchlog-s1": (
        "healthy", ["loss_spike"],
        "an LR x100 bump for 5 steps at step 600: a smooth run whose epoch val loss jumps "
        "0.37 -> 0.68 (1.8x) and epoch train loss 0.35 -> 0.57 at epoch 9, then both come back "
        "to the trend within 3 epochs: under the 2.5-3x of a spike but plainly one to the eye, "
        "so loss_spike is acceptable"),
    # thirteenth batch
    "hf/denoise/underfitting-ae-tiny-code1-s1": (
        "underfitting", ["healthy"],
        "a 1-unit bottleneck: val falls 0.86 -> 0.68 by step ~300 and stays there with train as "
        "high: 70% of the mean predictor's 0.97 while the 8-unit AE reaches 0.08, a too-small "
        "model stopped at a high level that only the task reveals (hence healthy acceptable)"),
    "keras_tb/denoise/underfitting-ae-tiny-code1-s1": (
        "underfitting", ["healthy"],
        "a 1-unit bottleneck: val 0.97 -> 0.70, flattening, with train on top of it: 72% of the "
        "mean predictor's loss while the 8-unit AE reaches 0.09; stopped at a high level only "
        "the task reveals (hence healthy acceptable)"),
    "hf/events/erratic-cnn1d-adam0.03-b4-clip1-eval125-s1": (
        "healthy", ["erratic"],
        "Adam 0.03 / batch 4: val falls 0.55 -> 0.2 with zigzags of 0.05-0.08 between "
        "neighbouring evals (accuracy 0.3 -> 0.78 zigzagging with it); the trend is clear, the "
        "swings half-way to erratic"),
    "keras_csv/events/erratic-cnn1d-adam0.03-b4-clip1-s1": (
        "erratic", ["healthy"],
        "Adam 0.03 / batch 4, 8 epochs: after two epochs val bounces 0.30 -> 0.41 -> 0.35 -> "
        "0.37 -> 0.28 with no trend while the epoch train loss sits flat at ~0.29; the check "
        "read the first two epochs' fall as a trend"),
    "keras_csv/denoise/healthy-ae-medium-restarts3-s1": (
        "healthy", ["still_improving"],
        "CosineDecayRestarts, 3 cycles: val 0.17 -> 0.085 with a bump at each restart (epochs "
        "10 and 20) that the next descent takes back; the last cycle gains 0.01 of 0.08, "
        "levelling: restart bumps, not spikes"),
    "hf/tok_tag/still_improving-tagger-cut-in-drop-s1": (
        "healthy", ["still_improving"],
        "meant to be cut in the drop, but the drop (1.05 -> 0.23) ends at step ~550 and val sits "
        "at its floor 0.23 for the last 4 evals (to step 700) with accuracy at 0.95: levelled "
        "off; the check's last quarter still held the end of the drop"),
    "hf/events/erratic-cnn1d-adam0.02-b4-noclip-evalepoch-s2": (
        "erratic", ["healthy", "overfitting"],
        "Adam 0.02 / batch 4, one eval per 500-step epoch: val 0.27 -> 0.17 with steps back up, "
        "then 0.20 -> 0.32 -> 0.23 over the last three epochs while the per-step train loss "
        "bounces 0.1-0.35 without falling: swings between neighbouring evals, not a sustained "
        "rise with train improving (the check's overfitting)"),
    "keras_csv/events/erratic-cnn1d-adam0.02-b4-noclip-s2": (
        "healthy", ["erratic"],
        "Adam 0.02 / batch 4: val 0.30 -> 0.16 over 10 epochs with one jump 0.20 -> 0.29 -> 0.19 "
        "and smaller zigzags: a noisy fall, half-way to erratic"),
    # fourteenth batch
    "hf/obj_rgb/erratic-resnet-adam0.3-b8-s1": (
        "healthy", ["erratic"],
        "Adam 0.3 / batch 8: val 1.97 -> 0.65 with jumps of 0.2-0.3 between neighbouring evals "
        "(0.79 -> 0.70 -> 0.92 -> 0.66 near the end): a trend under big swings, half-way to "
        "erratic"),
    "hf/obj_rgb/loss_spike-resnet-lrbump5-x10-s1": (
        "healthy", ["loss_spike"],
        "LR x10 for 5 steps at step 700: the per-step train loss doubles (0.10 -> 0.21) for a few "
        "logs and val does not move: under the 2.5-3x of a spike but a visible blip at the bump"),
    "hf/pair_sim/erratic-siamese-adam0.3-b8-s1": (
        "erratic", ["healthy"],
        "Adam 0.3 / batch 8: after a first fall to 0.45 at step 700 val bounces 0.53 -> 0.59 -> "
        "0.53 -> 0.75 between neighbouring evals with no trend, accuracy zigzagging 0.75-0.85; the "
        "check read the first fall as a trend"),
    "hf/pair_sim/loss_spike-siamese-lrbump5-x10-s1": (
        "healthy", ["loss_spike"],
        "LR x10 for 5 steps at step 700: train 1.7x its level for a few logs, val 0.42 -> 0.48 "
        "at the next eval and back: a blip, under a spike's size"),
    "hf/obj_rgb/erratic-resnet-adam3e-3-b2-s1": (
        "still_improving", ["erratic"],
        "batch 2 with BatchNorm: val 1.26 -> 0.51 with zigzags of 0.05-0.2 on a clear downward "
        "trend that is still going at the end: the swings half-way to erratic"),
    "keras_tb/obj_rgb/loss_spike-resnet-lrbump5-x10-batchlog-s1": (
        "still_improving", ["healthy"],
        "the epoch-level log has no point inside the 5-step LR bump (update_freq 9 logs batch_loss "
        "only within epochs), and val bumps of 2-3x (0.16 -> 0.44, 0.2 -> 0.35) come at several "
        "epochs, BatchNorm noise rather than the bump; val still falls to 0.11 at the last epoch"),
    "keras_tb/pair_sim/loss_spike-siamese-lrbump5-x10-batchlog-s1": (
        "overfitting", ["healthy"],
        "no epoch point inside the LR bump; val best 0.44 at epoch 11, then 0.47-0.53 (+14%) while "
        "train falls 0.17 -> 0.08: a mild sustained rise, healthy acceptable"),
    "keras_tb/season_ts/underfitting-gru-lr1e-5-s1": (
        "still_improving", ["underfitting"],
        "Adam 1e-5: val 0.48 -> 0.38 in a straight line over 12 epochs (24% of the gain in the "
        "last quarter): still falling at the end; the far too low LR (the GRU reaches 0.07) makes "
        "underfitting acceptable"),
    "hf/pair_sim/underfitting-siamese-adam-lr1e-5-s1": (
        "underfitting", ["still_improving"],
        "Adam 1e-5: val 1.93 -> 1.36 in a straight line, still far above chance (ln 2) with "
        "accuracy at 0.42-0.44 (majority 0.58): barely learning; the slope makes still_improving "
        "acceptable"),
    "keras_tb/pair_sim/underfitting-siamese-lr1e-5-s1": (
        "underfitting", ["still_improving"],
        "Adam 1e-5: val 1.27 -> 1.01 in a straight line, above chance (ln 2) with accuracy "
        "0.43-0.48 (majority 0.58): barely learning; the slope makes still_improving acceptable"),
    "hf/season_ts/underfitting-gru-adam-lr1e-5-s1": (
        "underfitting", ["still_improving"],
        "Adam 1e-5: val 1.16 -> 1.01 in a straight line, at the target's variance (the mean "
        "predictor): barely learning; the slope makes still_improving acceptable"),
    "hf/pair_sim/still_improving-siamese-cosine-stop40pct-s1": (
        "still_improving", ["healthy"],
        "stopped at 40% of its schedule: after the first drop val keeps falling 0.66 -> 0.51 "
        "and accuracy 0.70 -> 0.75, evenly to the last eval; the check's last quarter (0.53 -> "
        "0.51) is small next to the first drop, but the slope has not bent"),
    "hf/season_ts/still_improving-gru-cosine-stop20pct-s1": (
        "still_improving", ["healthy"],
        "stopped at 20% of its schedule: val 1.02 -> 0.28, falling at every eval to the last "
        "(0.33 -> 0.32 -> 0.31 -> 0.30 -> 0.29 -> 0.28) with val MAE falling as fast; the full "
        "run reaches 0.11"),
    "hf/season_ts/still_improving-gru-cosine-stop40pct-s1": (
        "still_improving", ["healthy"],
        "stopped at 40% of its schedule: val 0.19 -> 0.16 over the last six evals, a decrease at "
        "every eval, val MAE falling steadily; the full run reaches 0.11"),
    # fifteenth batch
    "hf/graph_cls/overfitting-gcn-wide-n100-s1": (
        "overfitting", ["healthy", "erratic"],
        "a wide GCN on 100 graphs: val best ~0.75 near step 300, then it climbs in swings to "
        "0.9-0.95 by the end while train falls to 0.5; the check's rise (9%) is measured on a "
        "median tail, the swings make healthy and erratic defensible"),
    "hf/graph_cls/still_improving-gcn-cosine-stop30pct-s1": (
        "still_improving", ["healthy"],
        "stopped at 30% of its schedule at Adam 1e-3: val 1.1 -> 0.68 with accuracy 0.45 -> 0.72, "
        "falling at nearly every eval to the last one; the full run reaches 0.56"),
    "keras_tb/graph_cls/loss_spike-gcn-lrbump5-x50-batchlog-s1": (
        "loss_spike", ["healthy"],
        "the LR x50 for 5 steps inside epoch 11 lifts the epoch train loss 0.62 -> 1.2 and val "
        "0.65 -> 1.0 at that epoch, both back at the next; the epoch means halve the jump"),
    "hf/graph_cls/erratic-gcn-sgd0.5-b8-s1": (
        "underfitting", ["erratic"],
        "SGD 0.5 with momentum, batch 8: val bounces 1.12-1.38 around chance (ln 3 = 1.10) with "
        "accuracy 0.33-0.4 for all 2000 steps: it never learns; the bouncing makes erratic "
        "defensible"),
    "hf/mask_lm/still_improving-mlm-cosine-stop30pct-s1": (
        "still_improving", ["underfitting"],
        "stopped at 30% of its schedule at Adam 2e-3: val 2.95 -> 2.70 in a straight slow fall "
        "with masked accuracy 0.1 -> 0.2, still in the plateau before the full run's drop to 0.65; "
        "the level near the unigram entropy (3.1) makes underfitting defensible"),
    "keras_tb/hetero_nll/underfitting-mlp-lr1e-5-s1": (
        "still_improving", ["underfitting"],
        "Adam 1e-5: val NLL 0.51 -> 0.36 in a straight line over 15 epochs, still near the "
        "marginal's 0.5 (the MLPs reach -0.8): falling at every epoch, but the LR is far too low"),
    "hf/hetero_nll/overfitting-mlp-wide-n100-s1": (
        "overfitting", ["diverging"],
        "a wide MLP on 100 examples collapses its variance on the train set: val NLL climbs from "
        "0.3 to bursts of 10-75 while train keeps falling; the climb does not come back"),
    "keras_csv/hetero_nll/overfitting-mlp-wide-n100-s1": (
        "overfitting", ["diverging"],
        "as the hf run: val NLL climbs from 0.2 to bursts of 10-80 over 150 epochs while the "
        "train NLL falls below -1"),
    "keras_csv/hetero_nll/healthy-mlp-cosine-e30-s1": (
        "healthy", ["loss_spike"],
        "val NLL -0.15 -> -0.7 levelling off, with one eval at epoch 12 jumping -0.75 -> -0.35 "
        "and back: a one-eval blip of the Gaussian NLL"),
    "hf/hetero_nll/erratic-mlp-adam0.03-b4-s1": (
        "still_improving", ["erratic", "healthy"],
        "Adam 0.03 / batch 4, no clipping: val NLL 0.4 -> -0.3 with swings of 0.1-0.3 between "
        "evals (0.08 at step 1500 after -0.28); a descent under big swings, half-way to erratic"),
    "keras_tb/hetero_nll/loss_spike-mlp-lrbump5-x10-batchlog-s1": (
        "healthy", ["still_improving", "loss_spike"],
        "no epoch point inside the 5-step LR bump; the val NLL jumps -0.75 -> -0.15 at one epoch "
        "and is back at the next (the NLL of a model with a small variance jumps like this "
        "without a bump too: keras_csv plateau run, epoch 12); it keeps falling slowly to the end"),
    "keras_csv/hetero_nll/healthy-mlp-plateau-e30-s1": (
        "healthy", ["loss_spike"],
        "val NLL -0.14 -> -0.85 levelling off, with one eval at epoch 12 jumping to +0.1 and back "
        "(a variance that is briefly too small): a one-eval blip of the Gaussian NLL"),
    # sixteenth batch (ctr_embed, seg_shapes, activity): runs judged on a score
    "hf/ctr_embed/overfitting-embed-medium-e15-best-auc-s1": (
        "overfitting", ["healthy"],
        "judged on eval_auc: best 0.868 at the 4th evaluation, then 0.83-0.847 for the 11 after "
        "(the gain since the first evaluation lost and never regained) while eval_loss climbs "
        "0.33 -> 1.2 and the train loss falls to ~0"),
    "hf/seg_shapes/overfitting-unet-medium-n60-best-dice-s1": (
        "healthy", ["overfitting"],
        "judged on eval_dice: it rises 0.47 -> ~0.6 and holds to the end while eval_loss climbs "
        "0.28 -> 0.6 (the U-Net memorises its 60 masks; the thresholded masks stay as good)"),
    "hf/activity/overfitting-cnn-wide-n100-noise20-best-acc-s1": (
        "healthy", ["overfitting"],
        "judged on eval_accuracy: 0.67-0.71 over the last 30 evaluations while eval_loss climbs "
        "0.9 -> 2.0 (the CNN memorises 100 series with 20% flipped labels)"),
    "hf/seg_shapes/loss_spike-unet-lrbump5-x10-s1": (
        "healthy", ["loss_spike"],
        "the LR bump x10 lifts the train loss 1.7x for one logged point; eval does not react"),
    "hf/activity/loss_spike-cnn-lrbump5-x20-s1": (
        "healthy", ["loss_spike"],
        "the LR bump x20 lifts the train loss 1.7x for a few steps; eval hardly reacts"),
    "keras_tb/activity/loss_spike-cnn-lrbump5-x20-batchlog-s1": (
        "healthy", ["loss_spike"],
        "the epoch-level train loss doubles for one epoch at the LR bump (0.35 -> 0.78 -> 0.27) "
        "and val does not react: under the 2.5-3x of a spike"),
    "hf/activity/erratic-cnn-adam0.02-b2-best-f1-s1": (
        "healthy", ["erratic"],
        "Adam 0.02 at batch 2, judged on eval_f1: 0.35 -> 0.84 under swings of 0.05-0.15 between "
        "evaluations: a rise under big swings"),
    "hf/activity/erratic-cnn-adam0.03-b4-s1": (
        "healthy", ["erratic"],
        "Adam 0.03 at batch 4: eval_loss 0.9 -> 0.35 with swings of 0.1-0.3 early: a descent"),
    # seventeenth batch (age_ordinal, mf_ratings, vit_shapes)
    "keras_tb/age_ordinal/erratic-mlp-adam0.05-b4-s1": (
        "healthy", ["erratic"],
        "Adam 0.05 at batch 4 for 6 epochs: val 0.41 -> 0.30 -> 0.32 -> 0.29 -> 0.28 -> 0.32: a "
        "drop then small swings around a level, too few evaluations to call it erratic"),
    "hf/vit_shapes/loss_spike-vit-lrbump10-x30-s1": (
        "loss_spike", ["healthy"],
        "the LR bump x30 at step 1000 lifts the train loss ~0.6 -> ~1.6 and eval_loss 0.95 -> 1.6 "
        "(1.7x) for one evaluation; both are back at their level within ~100 steps"),
    "hf/vit_shapes/healthy-vit-ftkeep-warmup-linear-best-acc-s1": (
        "healthy", ["underfitting", "overfitting"],
        "a fine-tune with the pre-trained head, judged on eval_accuracy: 0.58-0.64 from the first "
        "evaluation to the last (eval_loss 1.1 -> 0.82, flat after step 200): it starts good and "
        "moves little; the end 0.04 under the best is the evaluation-to-evaluation wobble"),
    "hf/vit_shapes/underfitting-vit-shuffled-labels-s1": (
        "underfitting", ["overfitting"],
        "shuffled labels: eval_loss at ln 4 (1.39) creeping up to 1.47 while train falls a "
        "little, accuracy 0.2-0.3: never better than chance"),
    "keras_tb/age_ordinal/loss_spike-mlp-lrbump10-x50-batchlog-s1": (
        "healthy", ["loss_spike"],
        "the LR bump x50 lifts the epoch-level train loss 0.18 -> 0.31 and val 0.22 -> 0.41 (1.8x) "
        "for one epoch, back the next: under the 2.5-3x of a spike"),
    "keras_csv/age_ordinal/underfitting-mlp-lr1e-5-s1": (
        "still_improving", ["underfitting"],
        "Adam 1e-5: val 1.85 -> 1.45 in a straight line over 20 epochs, far above the 0.2 of the "
        "healthy runs: still falling at the end, and an LR far too low"),
    "keras_csv/mf_ratings/still_improving-mf-lr3e-4-e6-s1": (
        "underfitting", ["still_improving"],
        "Adam 3e-4 for 6 epochs: val 1.165 -> 1.14, about the mean rating's 1.05-1.1: it barely "
        "moved"),
    # eighteenth batch (kws_spec, point_sets, poisson_counts)
    "hf/kws_spec/loss_spike-cnn-lrbump10-x30-s1": (
        "loss_spike", ["healthy"],
        "the LR bump x30 at step 500 (no clipping) lifts the train loss ~0.9 -> ~1.8 and "
        "eval_loss 0.9 -> 1.75 (1.9x) for one evaluation; both are back under their level "
        "within ~40 steps and the run ends at 0.7: a spike and a recovery"),
    "keras_csv/poisson_counts/healthy-mlp-cosine-e20-s1": (
        "healthy", ["underfitting"],
        "Keras evaluates once per epoch, after 63 steps: the Poisson NLL is already 0.69 there "
        "(the mean rate's 0.91) and settles at 0.655, the floor of the torch runs on this seed "
        "(the counts' own noise, far above 0), while train keeps falling: it learned in the "
        "first epoch and levelled off"),
    "hf/point_sets/overfitting-ds-wide-n80-s2": (
        "overfitting", ["healthy"],
        "a wide DeepSets model on 80 sets: eval_loss 1.4 -> 0.6 by step 200, then up steadily to "
        "0.77 by step 1000 (+30%) while train sits at ~0: the best is early and every later "
        "evaluation is worse"),
    # nineteenth batch (vae_manifold, diffusion2d, contrastive_digits)
    "hf/contrastive_digits/diverging-con-adam-grow-s1": (
        "underfitting", ["healthy", "diverging"],
        "Adam with the LR x1.03 per step: eval InfoNCE 3.4 -> 2.7-2.9 within 100 steps, then flat "
        "(ln 64 = 4.16, a good encoder ~1.0) with the retrieval accuracy at ~0.2 while the LR "
        "grows x1e6; the L2-normalised embeddings keep the loss bounded: stalled early at a high "
        "level"),
    "hf/contrastive_digits/still_improving-con-cosine-stop30pct-s2": (
        "still_improving", ["healthy"],
        "stopped at 30% of its cosine schedule: eval_loss 3.3 -> 1.4 still falling steadily at "
        "the end and the retrieval accuracy still rising 0.15 -> 0.55"),
    "keras_csv/contrastive_digits/healthy-con-earlystop5-s1": (
        "still_improving", ["healthy"],
        "EarlyStopping(patience 5) ended it at epoch 35 of 60 on a small wobble, but val_loss is "
        "still falling (1.6 -> 1.45 over the last quarter) and the retrieval accuracy still "
        "rising: cut while improving"),
    "hf/diffusion2d/underfitting-ddpm-linear-s1": (
        "healthy", ["underfitting"],
        "a linear noise predictor: eval_loss 0.88 -> 0.64 within ~150 steps, then level; the "
        "small MLP's floor is ~0.55 here and predicting zero scores 1: by its curve alone it "
        "learned and levelled off"),
    "hf/vae_manifold/erratic-vae-adam0.03-b8-s1": (
        "healthy", ["erratic"],
        "Adam 0.03 at batch 8: eval_loss 7.5 -> 6-7 with jumps of ~0.5-1 between evaluations and "
        "a slow trend down; a noisy plateau above the small VAE's 4.6"),
    "keras_csv/vae_manifold/overfitting-vae-beta0.02-wide-n30-s1": (
        "overfitting", ["healthy"],
        "a wide beta-VAE (KL weight 0.02) on 30 rows: val_loss 17 -> best 1.63 by epoch ~20, then "
        "creeps up to ~1.95 (+20%) over 580 epochs while the train loss keeps falling to ~0.4; "
        "the check wanted a rise of a quarter of the first drop (17 -> 1.6), which no rise "
        "after a drop that large meets"),
    # twentieth batch (kd_student, sgdr_cls, det_boxes)
    "hf/kd_student/loss_spike-kd-lrbump5-x200-s1": (
        "loss_spike", ["healthy"],
        "LR x200 for 5 steps at step 800: the KD loss jumps from ~2.1 to 4.7 (2.2x, near the "
        "uniform student's 4.9) and eval_loss from 2.3 to ~3.4; both recover within ~300 steps: "
        "a spike on a loss whose floor is far above 0"),
    "hf/sgdr_cls/erratic-sgdr-adam0.03-b8-val40-s2": (
        "underfitting", ["erratic", "diverging"],
        "Adam 0.03 at batch 8 under restarts, eval on 40 examples: eval_loss bounces 1.8-2.5 "
        "around ln 8 = 2.08 for 2,000 steps, the accuracy 0.15-0.35: it never learned; no climb "
        "that would make it diverging"),
    "hf/sgdr_cls/erratic-sgdr-adam0.03-b8-val40-s1": (
        "underfitting", ["erratic"],
        "Adam 0.03 at batch 8 under restarts, eval on 40 examples: eval_loss 1.6-2.3 around "
        "ln 8 with jumps at the restarts, the accuracy 0.2-0.35: near chance throughout"),
    "hf/det_boxes/overfitting-det-wide-n60-noisy-s2": (
        "overfitting", ["healthy"],
        "a wide detector on 60 images, 30% of their classes flipped: eval_loss best 2.45 early, "
        "then a steady climb to ~2.65 (+8%) over 1,400 steps while train falls to ~0.1: "
        "memorising (the check wanted a larger rise)"),
    "hf/det_boxes/healthy-det-warmcos-eval32-best-acc-s1": (
        "healthy", ["still_improving"],
        "warm-up + cosine to ~0: eval_loss 3.3 -> 1.3, its last quarter flat within ~0.02 as "
        "the LR reaches 0: the schedule is done; the check read the last small gains as "
        "still improving"),
    "keras_csv/kd_student/healthy-kd-earlystop5-s1": (
        "still_improving", ["healthy"],
        "EarlyStopping(patience 5) never fired: val_loss 4.5 -> 1.6 still sloping down at epoch "
        "40 of 40 (~0.1 over the last quarter), the accuracy still rising: cut while improving"),
    "hf/kd_student/underfitting-kd-tiny-student-s1": (
        "healthy", ["underfitting"],
        "a 6-unit student: eval_loss 4.9 -> 3.6 and level; a 32-unit student reaches ~2.2, a "
        "level only the task knows"),
    "hf/kd_student/underfitting-kd-tiny-student-s2": (
        "healthy", ["underfitting"],
        "a 6-unit student: eval_loss 4.9 -> 3.6 and level; a 32-unit student reaches ~2.2, a "
        "level only the task knows"),
    "keras_csv/kd_student/underfitting-kd-tiny-student-s1": (
        "healthy", ["underfitting"],
        "a 6-unit student: val_loss 4.75 -> 3.45 and level (the accuracy bouncing 0.25-0.3); "
        "a 32-unit student reaches ~1.6-2.2, a level only the task knows"),
    "hf/det_boxes/underfitting-det-tiny-s1": (
        "healthy", ["underfitting"],
        "a 2-channel detector: eval_loss 3.45 -> 2.1 and levelling off; the small one reaches "
        "~1.3, a level only the task knows"),
    "hf/kd_student/overfitting-kd-wide-n150-noisy-s1": (
        "healthy", ["overfitting"],
        "a wide student on 150 rows, 30% flipped labels: train ~0.5, eval_loss 3.5 -> 2.3 and "
        "flat, never rising: the teacher's soft targets regularise; a gap without a rise"),
    "hf/kd_student/still_improving-kd-cosine-stop30pct-s1": (
        "still_improving", ["underfitting"],
        "LR 2e-4 cut at 30% of its cosine schedule: eval_loss 4.95 -> 4.6, falling steadily, "
        "the accuracy rising; only ~7% gained"),
    # twenty-first batch (s2s_translit, rank_lists, mtl_digits)
    "hf/rank_lists/erratic-rank-adam0.05-b4-val20-s1": (
        "erratic", ["healthy"],
        "Adam 0.05 at batch 4, eval on 20 queries: after the first evaluations eval_loss bounces "
        "0.07-0.13 around ~0.1 with no trend for 1,800 steps, the pairwise accuracy 0.93-0.97 "
        "jumping with it; the check read the trend of the first points as the run's"),
    "hf/s2s_translit/loss_spike-s2s-lrbump5-x100-s1": (
        "diverging", ["loss_spike"],
        "LR x100 for 5 steps at step 800 on the GRU encoder-decoder: eval_loss jumps from ~0.4 "
        "to ~3.7 (above the unigram chance 2.4) and settles at ~2.0, the greedy accuracy from "
        "0.7 to ~0.3: the bump wrecked the model for good (a spike acceptable)"),
    "hf/rank_lists/underfitting-rank-linear-s1": (
        "healthy", ["underfitting"],
        "a linear scorer: eval_loss 0.94 -> ~0.29 and level (pairwise accuracy ~0.88); the MLP "
        "ranker reaches ~0.06, a level only the task knows"),
    "hf/rank_lists/underfitting-rank-linear-s2": (
        "healthy", ["underfitting"],
        "a linear scorer: eval_loss 0.89 -> ~0.29 and level (pairwise accuracy ~0.85); the MLP "
        "ranker reaches ~0.06, a level only the task knows"),
    "hf/mtl_digits/overfitting-mtl-medium-n400-noisy-cls-turns-s1": (
        "overfitting", ["healthy"],
        "a medium two-head model on 400 digits, 30% flipped: eval_loss bottoms at ~0.64 and "
        "climbs to ~0.8 (+13%) over the last third while train falls to ~0.35, the digit "
        "accuracy sliding 0.9 -> 0.8: the digit head memorises while the aux head improves"),
    "hf/mtl_digits/still_improving-mtl-medium-n600-noisy-aux-falls-s1": (
        "healthy", ["still_improving"],
        "600 digits, 20% flipped, Adam 5e-4: eval_loss 2.8 -> ~0.52, still easing down by ~0.05 "
        "over the second half (the aux part), the digit accuracy flat at ~0.9"),
    # twenty-second batch (ctc_words, gcn_nodes, focal_rare), after a look at its sheets
    "hf/ctc_words/underfitting-ctc-tiny-h2-s2": (
        "underfitting", ["healthy"],
        "a 2-unit CTC recogniser: eval_loss 10.9 -> 1.8, just under the 2.3 of a frame-"
        "independent guess, flat from step 130; 1 - CER stays under 0.1 (a calm run: 0.97)"),
    "hf/ctc_words/overfitting-ctc-wide-n100-noisy-s1": (
        "overfitting", ["healthy"],
        "a 128-unit recogniser on 100 utterances, 20% of the letters redrawn: train to ~0, "
        "eval_loss from its best 0.37 at step ~250 up steadily to ~0.5 by step 1000"),
    "hf/focal_rare/still_improving-focal-cosine-stop30pct-s1": (
        "still_improving", ["healthy", "underfitting"],
        "Adam 1e-4 cut at step 711 of a 2370-step cosine schedule: the focal eval_loss falls "
        "0.13 -> 0.022 and is still falling at the cut (a calm run's floor ~0.01)"),
    "hf/gcn_nodes/loss_spike-gcn-lrbump3-x50-s1": (
        "loss_spike", ["healthy"],
        "LR x50 for 3 steps at step 80 on the full-batch GCN: train to ~1.4, eval_loss 0.5 -> "
        "0.95 and back to 0.55 within ~20 steps, the accuracy dipping with it"),
    "keras_csv/gcn_nodes/healthy-gcn-earlystop10-s1": (
        "healthy", ["still_improving"],
        "EarlyStopping(patience 10, restore_best_weights) stopped the GCN at epoch ~90 of 300: "
        "val_loss levelled off at ~0.48 over the last 15 epochs and ticked up, the stop the "
        "callback was for"),
    "hf/gcn_nodes/underfitting-gcn-linear-nograph-s1": (
        "overfitting", ["underfitting"],
        "a linear model on the weak node features alone: eval_loss 1.35 -> 1.08 by step 30, "
        "then climbs steadily to 1.3 (chance 1.38) while train keeps falling: overfitting near "
        "chance"),
    "hf/gcn_nodes/erratic-gcn-adam0.3-s2": (
        "erratic", ["healthy"],
        "Adam 0.3 on the full-batch GCN, eval on 40 nodes every 2 steps: eval_loss bounces "
        "0.75-0.95 for 150 steps with no trend, the accuracy 0.6-0.8 between evaluations"),
    "hf/focal_rare/erratic-focal-adam0.02-b8-val300-s1": (
        "erratic", ["healthy"],
        "Adam 0.02 at batch 8, eval on 300 rows (~15 positives): eval_loss jumps 0.008-0.025 "
        "between neighbouring evaluations (a 2.5x spike at step 800) with no trend after step "
        "200"),
    "hf/ctc_words/loss_spike-ctc-lrbump10-x100-s1": (
        "diverging", ["loss_spike"],
        "LR x100 for 10 steps at step 500: eval_loss from 0.2 to ~10 and back only to the "
        "blank plateau (~2.5), 1 - CER from 0.95 to ~0.05 to the end: wrecked for good"),
    # twenty-third batch (flow_moons, pinn_ode, cox_surv), after a look at its sheets
    "hf/flow_moons/still_improving-flow-cosine-stop30pct-s1": (
        "still_improving", ["healthy"],
        "AdamW 5e-4 cut at step 900 of a 3000-step cosine schedule: the flow's eval NLL falls "
        "1.84 -> -0.47 nats and is still falling at the same slope at the cut (a calm run ~-0.9)"),
    "hf/flow_moons/erratic-flow-adam0.05-b8-s1": (
        "underfitting", ["erratic"],
        "Adam 0.05 at batch 8: eval NLL bounces -0.17 to 0.22 around 0, the diagonal Gaussian "
        "fit's level, for the whole run (a calm flow -0.9): it never gets past a Gaussian"),
    "hf/pinn_ode/underfitting-pinn-adam1e-5-s1": (
        "underfitting", ["still_improving"],
        "Adam 1e-5 on the PINN: the physics eval loss creeps 4.89 -> 4.38 in a straight line "
        "over 1500 steps (u = 0 scores 5.4, a calm run 1e-3): an LR far too low, at the trivial "
        "level (still improving acceptable)"),
    "hf/cox_surv/diverging-cox-sgd-grow-s1": (
        "diverging", ["underfitting"],
        "SGD with the LR x1.012 per step: eval_loss 4.85 -> 3.75 by step 300, blows up to ~2e4 "
        "at step 500, then sits at 4.86 (a constant risk's level) to the end: wrecked for good"),
    "hf/cox_surv/loss_spike-cox-lrbump5-x100-s1": (
        "healthy", ["loss_spike"],
        "LR x100 for 5 steps at step 500: a small blip (eval_loss 3.78 -> 3.92 and back within "
        "~40 steps, train 1.2x) on a calm Cox run: healthy, the spike acceptable"),
    "hf/cox_surv/loss_spike-cox-lrbump10-x300-s1": (
        "loss_spike", ["diverging", "underfitting"],
        "LR x300 for 10 steps at step 500: eval_loss from 3.77 to 5.0 (a constant risk 4.81), "
        "then back down to 4.23 and still easing by the end: a spike, half recovered"),
    "hf/flow_moons/erratic-flow-adam0.02-b8-val32-s1": (
        "erratic", ["healthy", "underfitting"],
        "Adam 0.02 at batch 8, eval NLL on 32 points: after a fall to ~-0.3 it bounces -0.52 "
        "to 0.16 nats (0.1-0.4 between neighbouring evaluations) with no trend"),
    "hf/cox_surv/erratic-cox-adam0.1-b8-val64-s1": (
        "erratic", ["underfitting"],
        "Adam 0.1 at batch 8, eval on 64 rows: eval_loss bounces 2.9-5.2 (a constant risk "
        "3.51) with jumps of 0.3-1.5 between neighbouring evaluations and no trend"),
    "hf/cox_surv/erratic-cox-adam0.1-b8-val64-s2": (
        "diverging", ["underfitting", "erratic"],
        "Adam 0.1 at batch 8, eval on 64 rows: eval_loss 5.0 -> 3.04 by step 125, climbs and "
        "bounces to 4.2, then sits flat at 3.6 (the constant-risk level) from step ~600 to the "
        "end while train stays low: wrecked for good"),
    # twenty-fourth batch (sft_pairs, digits_rot, tab_transfer), after a look at its sheets
    "hf/sft_pairs/overfitting-sft-medium-n200-noisy30-s1": (
        "overfitting", ["healthy"],
        "SFT on 200 pairs with 30% corrupted answers: eval_loss from the pre-trained level "
        "(~6.7) to its best ~0.43 by epoch ~12, then a steady climb to ~0.65 (+50%) while eval "
        "accuracy falls 0.97 -> 0.8 and train keeps falling: overfitting (the check measured "
        "the rise against the whole drop from the confidently wrong pre-trained start)"),
    "hf/sft_pairs/overfitting-sft-medium-n200-noisy30-s2": (
        "overfitting", ["healthy"],
        "as s1: best ~0.41, climbs to ~0.65 with eval accuracy 0.97 -> 0.8: overfitting"),
    "hf/sft_pairs/overfitting-sft-medium-n100-noisy40-e200-s1": (
        "overfitting", [],
        "SFT on 100 pairs with 40% corrupted answers, 200 epochs: eval_loss best 0.78 at step "
        "~100, then up to 2.15 while train goes to ~0 and eval accuracy falls 0.9 -> 0.6: clear"
        " overfitting"),
    "hf/sft_pairs/overfitting-sft-medium-n100-noisy40-e200-s2": (
        "overfitting", [],
        "as s1: best 0.68, up to 2.0, accuracy 0.85 -> 0.6, train ~0: clear overfitting"),
    "hf/tab_transfer/underfitting-ft-tiny-probe-s1": (
        "still_improving", ["underfitting"],
        "linear probe on a frozen 2-unit body with a fresh head: eval_loss falls in a straight "
        "line 1.55 -> 1.22 (chance 1.39, the full fine-tune 0.33), still at the same slope at "
        "the end: still improving at a high level (underfitting acceptable)"),
    "hf/digits_rot/loss_spike-ft-cnn-lrbump10-x300-s1": (
        "diverging", ["loss_spike"],
        "LR x300 (0.09) for 10 steps at step 300: eval_loss 1.4 -> 3.3 and back only to "
        "~2.0-2.1 (ln 10 = 2.30), eval accuracy 0.55 -> 0.25 and only 0.35 at the end: the "
        "fine-tune's progress is lost (loss_spike acceptable)"),
    "hf/tab_transfer/loss_spike-ft-lrbump10-x300-s1": (
        "loss_spike", ["diverging"],
        "LR x300 for 10 steps at step 350: eval_loss 0.42 -> 0.97, back down to ~0.73 (1.7x its"
        " pre-bump level) and levelling off there: a half-recovered spike (diverging "
        "acceptable)"),
    "hf/sft_pairs/diverging-sft-adam1e-2-forget-s1": (
        "healthy", ["still_improving"],
        "Adam 1e-2 on the pre-trained transformer (meant to make it forget): it does not; "
        "eval_loss falls 0.1 -> 4e-4, a straight line on a log scale, accuracy 1.0 from step "
        "50: healthy, a saturated fine-tune (still_improving acceptable)"),
    "hf/tab_transfer/erratic-ft-adam0.03-b4-eval60-s1": (
        "erratic", ["underfitting"],
        "Adam 0.03 at batch 4, eval on 60 rows: eval_loss bounces 1.0-1.85 and accuracy 0.4-0.7 "
        "between neighbouring evaluations for the whole run, no trend: erratic (the check's "
        "median change was 13%)"),
    "hf/tab_transfer/loss_spike-ft-poison-labels10-s1": (
        "loss_spike", ["healthy"],
        "10 poisoned batches (random labels) at step 350: the train loss jumps past 1.2 (3x its "
        "~0.4 level) and comes back; eval_loss barely moves: a train-only spike"),
    "hf/sft_pairs/loss_spike-sft-poison-labels20-s1": (
        "loss_spike", ["healthy"],
        "20 poisoned batches (random answers) at step 300: train 0.003 -> ~2.3 for the 20 steps, "
        "eval_loss 0.003 -> 0.1 and eval accuracy 1.0 -> 0.97, back to 0.011 and 1.0 within ~80 "
        "steps (the check wanted 1.5x of a near-zero level; healthy acceptable)"),
    "hf/tab_transfer/loss_spike-ft-lrbump10-x300-s2": (
        "loss_spike", ["diverging"],
        "as s1: eval_loss 0.46 -> 1.0, back to ~0.63 (1.4x) and levelling off: a half-recovered"
        " spike (diverging acceptable)"),
    # twenty-fifth batch (topic_bag, keypoint_img, collinear_reg), after a look at its sheets
    "hf/keypoint_img/diverging-sgd0.3-s1": (
        "erratic", ["healthy"],
        "twenty-fifth batch: SGD 0.3 (momentum 0.9) at batch 32: eval_loss bounces 0.3-0.57 "
        "between neighbouring evaluations for the whole run, with swings back to 0.5 late, only"
        " a slow downward drift (the torch twin settles; this one does not): erratic (healthy "
        "acceptable)"),
    "hf/collinear_reg/overfitting-medium-n200-e400-s1": (
        "healthy", ["overfitting"],
        "twenty-fifth batch: medium MLP on 200 rows for 400 epochs: eval_loss 0.48 -> 0.267 "
        "within ~20 epochs, then flat while train is ~0: it interpolates, val holds "
        "(overfitting acceptable)"),
    "hf/topic_bag/erratic-adam0.05-b4-s1": (
        "erratic", ["healthy", "underfitting"],
        "twenty-fifth batch: Adam 0.05 at batch 4: eval_loss 1.75 -> ~1.1 by step 250, then "
        "bounces 0.8-1.55 between neighbouring evaluations with no trend (cool runs reach 0.4),"
        " train spikes to 2: erratic (the check read eval accuracy's climb as a trend)"),
    "hf/topic_bag/loss_spike-lrbump10-x50-s1": (
        "healthy", ["loss_spike"],
        "twenty-fifth batch: LR x50 for 10 steps at step 600 (no clipping): train 0.45 -> 0.7 "
        "(1.6x) for a few logs, eval_loss +8% at one evaluation, back at once: a small blip in "
        "a healthy run (loss_spike acceptable)"),
    "keras_csv/keypoint_img/overfitting-medium-n300-s1": (
        "healthy", ["overfitting"],
        "twenty-fifth batch: medium MLP on 300 images: val 0.7 -> 0.39 by epoch ~7, then creeps"
        " to 0.43 (+10%) and levels off, train ~0: a memorising net whose val barely moves "
        "(overfitting acceptable)"),
    "keras_tb/keypoint_img/overfitting-wide-n120-s1": (
        "healthy", ["overfitting"],
        "twenty-fifth batch: wide MLP on 120 images: train ~0 after a few epochs, val flat at "
        "~0.4 from the first epoch: small-data interpolation (overfitting acceptable)"),
    "hf/keypoint_img/overfitting-wide-n120-e200-s1": (
        "healthy", ["overfitting"],
        "twenty-fifth batch: wide MLP on 120 images: train ~0 from step ~50, eval_loss flat at "
        "~0.4 from the first evaluation (the check called it flat: underfitting): small-data "
        "interpolation (overfitting acceptable)"),
    "hf/keypoint_img/underfitting-lr3e-5-crawl-s1": (
        "still_improving", ["underfitting"],
        "twenty-fifth batch: AdamW 3e-5: eval_loss falls in a straight line 0.76 -> 0.47 (the "
        "mean predictor 0.75, healthy runs 0.15-0.3), still at the same slope at the end: still"
        " improving (underfitting acceptable)"),
    "hf/keypoint_img/erratic-adam0.03-b2-s1": (
        "underfitting", ["diverging", "erratic"],
        "twenty-fifth batch: Adam 0.03 at batch 2: eval_loss sits at ~0.8 (the mean predictor "
        "0.75) for 3000 steps with two bursts to 2.2 and 3.7: collapsed to the mean (erratic, "
        "diverging acceptable)"),
    "keras_csv/collinear_reg/underfitting-tiny2-lr1e-4-s1": (
        "underfitting", ["still_improving"],
        "twenty-fifth batch: a 2-unit MLP at Adam 1e-4: val crawls 1.05 -> 0.83 over 30 epochs "
        "(target variance 1.0, the small MLP 0.2): underfitting that still crawls "
        "(still_improving acceptable)"),
    "hf/keypoint_img/still_improving-warmcos-cut60pct-s1": (
        "healthy", ["still_improving"],
        "twenty-fifth batch: warm-up + cosine 3e-4 stopped at step 900 of 1500: eval_loss 0.75 "
        "-> 0.25, bent, still falling ~0.02 in the last quarter: nearly level (still_improving "
        "acceptable)"),
    "hf/keypoint_img/still_improving-warmcos-cut60pct-s2": (
        "healthy", ["still_improving"],
        "twenty-fifth batch: as s1: 0.7 -> 0.24, bent, a small late gain (still_improving "
        "acceptable)"),
    "hf/topic_bag/loss_spike-poison-labels15-s1": (
        "loss_spike", ["healthy"],
        "twenty-fifth batch: 15 poisoned batches (random labels) at step 600: the train loss "
        "jumps far above its ~0.3 level and comes back; eval_loss barely moves: a train-only "
        "spike (healthy acceptable)"),
    "hf/topic_bag/still_improving-warmcos-cut47pct-s1": (
        "healthy", ["still_improving"],
        "twenty-fifth batch: warm-up + cosine 3e-4 stopped at step 900 of 1900: eval_loss 1.79 "
        "-> 0.44, bent, still falling ~0.03 in the last quarter (still_improving acceptable)"),
    "keras_tb/topic_bag/loss_spike-lrbump-epoch10-x30-s1": (
        "healthy", ["loss_spike"],
        "twenty-fifth batch: one epoch at x30 LR (epoch 10) in per-epoch logs: the epoch-mean "
        "train loss 0.43 -> 0.51 and val 0.5 -> 0.62 with a dip in val accuracy, both back at "
        "the next epoch: a one-point blip in a healthy run (loss_spike acceptable)"),
    "hf/topic_bag/still_improving-warmcos-cut47pct-s2": (
        "healthy", ["still_improving"],
        "twenty-fifth batch: as s1: 1.79 -> 0.4, bent, a small late gain (still_improving "
        "acceptable)"),
    # twenty-sixth batch (tab12, word_class, seq_peak), after a look at its sheets
    "hf/tab12/erratic-adam0.05-b4-s1": (
        "underfitting", ["erratic", "diverging"],
        "twenty-sixth batch: Adam 0.05 at batch 4: eval_loss sits at 2.4-2.5 (chance ln 12 = "
        "2.48) with accuracy at chance for the whole run and one burst to 3.5 near the end (the"
        " check read the burst as a rise after a best: overfitting): collapsed to chance "
        "(erratic, diverging acceptable)"),
    "hf/tab12/loss_spike-lrbump10-x50-s1": (
        "loss_spike", ["still_improving", "healthy"],
        "twenty-sixth batch: LR x50 for 10 steps at step 250: train 0.9 -> 2.1 and eval_loss "
        "0.9 -> 1.75 with accuracy 0.8 -> 0.45, back to 0.78 over ~10 evaluations (the check "
        "saw the recovery as still improving): a spike that recovers"),
    "hf/tab12/diverging-adam1.0-s1": (
        "underfitting", ["diverging"],
        "twenty-sixth batch: Adam 1.0: train 10^3 at the first logs, eval_loss at chance (2.5) "
        "from the first evaluation with two bumps to 10 and 13: a LR far too high that pinned "
        "the model to chance (diverging acceptable)"),
    "hf/seq_peak/underfitting-tiny2-e5-s1": (
        "underfitting", ["healthy"],
        "twenty-sixth batch: a 2-unit MLP: eval_loss 0.93 -> 0.55 and level, train at the same "
        "0.55 (the medium MLP 0.23-0.28 in the same 5 epochs): a model too small, levelled high "
        "(the check: falls well below the mean predictor; healthy acceptable)"),
    "keras_csv/seq_peak/underfitting-tiny2-s1": (
        "underfitting", ["still_improving"],
        "twenty-sixth batch: a 2-unit MLP: val 0.75 -> 0.42 over 15 epochs, train on top of it,"
        " the slope flattening (the medium MLP 0.23-0.25): a model too small (still_improving "
        "acceptable)"),
    "keras_tb/seq_peak/loss_spike-lrbump-epoch8-x30-s1": (
        "healthy", ["loss_spike", "still_improving"],
        "twenty-sixth batch: one epoch at x30 LR (epoch 8) in per-epoch logs: the epoch-mean "
        "train loss 0.23 -> 0.43 and val 0.27 -> 0.41 (1.5x), both back at the next epoch: a "
        "one-point blip in a healthy run (loss_spike acceptable)"),
    "keras_tb/word_class/erratic-sgd0.5-b4-s1": (
        "underfitting", ["erratic", "diverging"],
        "twenty-sixth batch: SGD 0.5 at batch 4: val 1.7-2.15, above chance ln 5 = 1.61, "
        "accuracy at chance, swings ~7-10% between epochs: stuck at chance (erratic acceptable,"
        " as its torch twins at wider swings)"),
}

# ----------------------------------------------------------------------------- driver

def load_labels(corpus: Path) -> dict:
    p = corpus / LABELS
    return json.loads(p.read_text()) if p.exists() else {}


def save_labels(corpus: Path, labels: dict):
    p = corpus / LABELS
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(dict(sorted(labels.items())), indent=2) + "\n")
    tmp.replace(p)


def relabel(r: Recipe, corpus: Path) -> dict | None:
    """Label a run already on disk again (after a change to the checks or to REVIEW)."""
    task = load_task(r.task, r.seed, n_train=r.n_train, label_noise=r.label_noise,
                     **({"n_val": r.n_val} if r.n_val else {}))
    if r.pre_steps:             # eleventh batch: the checks read a fine-tune as one
        task.fine_tune = True
    return label_run(r, corpus / r.key, task, [])


def generate(r: Recipe, corpus: Path) -> dict | None:
    import torch
    torch.set_num_threads(1)
    task = load_task(r.task, r.seed, n_train=r.n_train, label_noise=r.label_noise,
                     **({"n_val": r.n_val} if r.n_val else {}))
    if r.pre_steps:             # eleventh batch: the checks read a fine-tune as one
        task.fine_tune = True
    out = corpus / r.key
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "SOURCE.txt").write_text(source_text(r, task))
    if r.writer == "hf":
        history = run_hf(r, task, out)
    else:
        history = run_keras(r, task, out)
    return label_run(r, out, task, history if r.writer == "hf" else [])


# ----------------------------------------------------------------------------- recipes

MSE = {"best_metric": "mse", "load_best": True}  # metric_for_best_model eval_mse
LOSS = {"best_metric": "loss", "load_best": True}  # metric_for_best_model eval_loss


def R(writer, task, regime, variant, seeds=(1,), **kw) -> list[Recipe]:
    return [Recipe(regime, variant, task, seed=s, writer=writer, **kw) for s in seeds]


def all_recipes(batch="all") -> list[Recipe]:
    """Every run. The first batch is seed 1 of the FIRST entries (all regimes, all writers)."""
    S2, S3 = (1, 2), (1, 2, 3)
    first = [
        # ---------------- hf (Trainer)
        *R("hf", "digits", "healthy", "mlp-linear", S3, model="small", lr=1e-3, sched="linear", batch=32,
           epochs=12, log_every=10, eval_every=0),
        *R("hf", "wine", "healthy", "mlp-everystep", S2, model="small", lr=3e-3, batch=16, epochs=40,
           log_every=1, eval_every=0, save_state=False),
        *R("hf", "moons", "healthy", "mlp-bestacc", S2, model="small", lr=3e-3, sched="linear", batch=32,
           epochs=8, log_every=10, eval_every=50, best_metric="accuracy", load_best=True),
        *R("hf", "seq_count", "healthy", "bert-finetune", (1,), arch="bert", model="small", lr=5e-5,
           sched="linear", warmup=60, wd=0.01, batch=32, epochs=8, log_every=10, eval_every=50,
           first_step=True, pretrain=True, best_metric="f1", load_best=True),
        *R("hf", "seq_motif", "healthy", "bert-finetune", (1,), arch="bert", model="small", lr=5e-5,
           sched="linear", warmup=60, wd=0.01, batch=32, epochs=8, log_every=10, eval_every=50,
           first_step=True, pretrain=True, best_metric="f1", load_best=True),
        *R("hf", "friedman", "healthy", "mlp-cosine", S2, model="medium", lr=1e-3, sched="cosine", batch=32,
           epochs=25, log_every=50, eval_every=0, best_metric="mse", load_best=True),
        *R("hf", "digits", "overfitting", "wide-noisy", S2, model="wide", n_train=150, label_noise=0.2,
           opt="adam", lr=1e-3, batch=32, epochs=250, log_every=10, eval_every=25),
        *R("hf", "breast_cancer", "overfitting", "wide-noisy-bestloss", S2, model="wide", n_train=100,
           label_noise=0.2, opt="adam", lr=1e-3, batch=16, epochs=150, log_every=5, eval_every=20,
           best_metric="loss", load_best=True),
        *R("hf", "circles", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32, epochs=10,
           log_every=10, eval_every=0),
        *R("hf", "digits", "underfitting", "lr1e-6", S2, model="small", lr=1e-6, batch=32, epochs=10,
           log_every=10, eval_every=50),
        *R("hf", "breast_cancer", "erratic", "adam-hot-b4", S2, model="small", opt="adam", lr=0.05, batch=4,
           epochs=8, log_every=5, eval_every=20, clip=1.0),
        *R("hf", "digits", "diverging", "grow-nan-filtered", S2, model="small", opt="adam", lr=1e-3,
           sched="grow", grow=1.012, batch=32, epochs=20, log_every=10, eval_every=50, clip=0),
        *R("hf", "friedman", "diverging", "sgd-hot", (1,), model="medium", opt="sgd", lr=0.3, batch=32,
           epochs=5, log_every=5, eval_every=25, clip=0),
        *R("hf", "digits", "loss_spike", "lr-bump", S2, model="small", opt="adam", lr=1e-3, batch=32,
           epochs=15, log_every=5, eval_every=25, bumps=[(250, 8, 100)]),
        *R("hf", "charlm_markov", "loss_spike", "lr-bump", (1,), model="small", opt="adam", lr=3e-3,
           batch=32, max_steps=900, log_every=5, eval_every=50, bumps=[(500, 20, 100)]),
        *R("hf", "breast_cancer", "loss_spike", "poison-inputs", S2, model="small", opt="adam", lr=1e-3,
           batch=16, epochs=30, log_every=2, eval_every=10, poison=[(300, 8, "inputs")]),
        *R("hf", "digits", "still_improving", "lr1e-4", (1,), model="small", lr=1e-4, batch=32, epochs=3,
           log_every=5, eval_every=20),
        *R("hf", "charlm_stdlib", "still_improving", "gru-short", (1,), model="small", lr=2e-3, batch=32,
           max_steps=300, log_every=10, eval_every=25),
        *R("hf", "moons", "insufficient_data", "max-steps", (1,), model="small", lr=1e-3, batch=32,
           max_steps=30, log_every=50, eval_every=30),
        *R("hf", "wine", "insufficient_data", "one-epoch", (1,), model="small", lr=1e-3, batch=32, epochs=2,
           log_every=50, eval_every=0),
        # ---------------- keras_csv
        *R("keras_csv", "breast_cancer", "healthy", "mlp", S2, model="small", opt="adam", lr=1e-3, batch=32,
           epochs=40),
        *R("keras_csv", "synth12", "healthy", "mlp-cosine", S2, model="medium", opt="adam", lr=2e-3,
           sched="cosine", batch=32, epochs=40),
        *R("keras_csv", "wine", "overfitting", "wide-noisy", S2, model="wide", label_noise=0.25, opt="adam",
           lr=1e-3, batch=16, epochs=250, clip=0),
        *R("keras_csv", "circles", "underfitting", "linear", S2, model="linear", opt="adam", lr=1e-2,
           batch=32, epochs=30),
        *R("keras_csv", "friedman", "underfitting", "linear-flat", (1,), model="linear", opt="adam", lr=1e-2,
           batch=16, epochs=40),
        *R("keras_csv", "wine", "erratic", "adam-hot-b4", S2, model="medium", opt="adam", lr=0.08, batch=4,
           epochs=60, clip=1.0),
        *R("keras_csv", "diabetes", "diverging", "sgd-grow", (1,), model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.35, batch=16, epochs=60, clip=0),
        *R("keras_csv", "digits", "loss_spike", "lr-bump", (1,), model="small", opt="adam", lr=1e-3,
           batch=32, epochs=40, bumps=[(20 * 41, 41, 100)]),
        *R("keras_csv", "wine", "still_improving", "sgd-slow", (1,), model="small", opt="sgd", lr=2e-3,
           batch=16, epochs=20),
        *R("keras_csv", "digits", "insufficient_data", "one-epoch", (1,), model="small", opt="adam",
           lr=1e-3, batch=32, epochs=1),
        # ---------------- keras_tb
        *R("keras_tb", "digits", "healthy", "mlp-epoch", S2, model="small", opt="adam", lr=1e-3, batch=32,
           epochs=30, log_every=0),
        *R("keras_tb", "seq_motif", "healthy", "gru-batchlog", (1,), model="small", opt="adam", lr=3e-3,
           batch=32, epochs=15, log_every=20, tb_quirk=True),
        *R("keras_tb", "friedman", "overfitting", "wide-small-n", S2, model="wide", n_train=100, opt="adam",
           lr=1e-3, batch=16, epochs=300, log_every=0, clip=0),
        *R("keras_tb", "charlm_markov", "underfitting", "lr1e-6", (1,), model="small", opt="adam", lr=1e-6,
           batch=32, epochs=10, log_every=25),
        *R("keras_tb", "synth12", "erratic", "adam-hot-b8", (1,), model="medium", opt="adam", lr=0.05,
           batch=8, epochs=30, log_every=0, clip=1.0),
        *R("keras_tb", "moons", "diverging", "adam-grow", (1,), model="small", opt="adam", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0),
        *R("keras_tb", "seq_count", "loss_spike", "lr-bump", (1,), model="small", opt="adam", lr=3e-3,
           batch=64, epochs=25, log_every=10, bumps=[(47 * 10 + 5, 10, 50)]),
        *R("keras_tb", "circles", "still_improving", "sgd-slow", (1,), model="medium", opt="sgd", lr=1e-3,
           batch=32, epochs=12, log_every=0),
        *R("keras_tb", "seq_motif", "insufficient_data", "two-epochs", (1,), model="small", opt="adam",
           lr=1e-3, batch=64, epochs=2, log_every=0),
    ]
    K = {"opt": "adam"}
    more = [
        # ---------------- hf
        *R("hf", "digits", "still_improving", "lr1e-3-short", S2, model="small", lr=1e-3, batch=32, epochs=2,
           log_every=2, eval_every=10),
        *R("hf", "diabetes", "healthy", "mlp-wd", S2, model="small", lr=1e-3, wd=0.05, batch=16, epochs=30,
           log_every=5, eval_every=0),
        *R("hf", "diabetes", "overfitting", "wide-small-n", S2, model="wide", n_train=100, opt="adam", lr=1e-3,
           batch=16, epochs=300, log_every=10, eval_every=20, clip=0),
        *R("hf", "synth12", "healthy", "mlp-const-warmup", S2, model="medium", lr=1e-3,
           sched="constant_with_warmup", warmup=100, batch=64, epochs=15, log_every=10, eval_every=0,
           best_metric="accuracy", load_best=True),
        *R("hf", "synth12", "underfitting", "tiny-wd", S2, model="tiny", lr=3e-3, wd=1.0, batch=32, epochs=15,
           log_every=20, eval_every=50),
        *R("hf", "charlm_stdlib", "healthy", "gru-long", (1,), model="small", lr=3e-3, sched="cosine",
           batch=32, max_steps=2500, log_every=10, eval_every=100),
        *R("hf", "charlm_markov", "healthy", "transformer", (1,), model="small", arch="transformer", lr=2e-3,
           sched="linear", warmup=100, batch=32, max_steps=2000, log_every=1, eval_every=100),
        *R("hf", "seq_count", "healthy", "gru", S2, model="small", lr=3e-3, batch=32, epochs=10, log_every=20,
           eval_every=0),
        *R("hf", "seq_motif", "healthy", "gru", (1,), model="medium", lr=3e-3, batch=32, epochs=15,
           log_every=20, eval_every=0),
        *R("hf", "circles", "healthy", "mlp", S2, model="small", lr=3e-3, batch=32, epochs=15, log_every=10,
           eval_every=50),
        *R("hf", "moons", "overfitting", "wide-bestacc", S2, model="wide", n_train=150, label_noise=0.15,
           opt="adam", lr=2e-3, batch=16, epochs=300, log_every=10, eval_every=50, clip=0,
           best_metric="accuracy", load_best=True,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "circles", "overfitting", "wide-bestf1", (1,), model="wide", n_train=150, label_noise=0.2,
           opt="adam", lr=2e-3, batch=16, epochs=300, log_every=10, eval_every=50, clip=0,
           best_metric="f1", load_best=True, note="metric_for_best_model=f1: the label follows eval_f1"),
        *R("hf", "wine", "erratic", "sgd-hot-b4", S2, model="small", opt="sgd", lr=0.3, batch=4, epochs=30,
           log_every=5, eval_every=15, clip=1.0),
        *R("hf", "moons", "erratic", "sgd-hot-b2", (1,), model="medium", opt="sgd", lr=0.5, batch=2,
           max_steps=2000, log_every=10, eval_every=50, clip=1.0),
        *R("hf", "digits", "diverging", "grow-nan", S2, model="small", opt="adam", lr=1e-3, sched="grow",
           grow=1.03, batch=32, epochs=10, log_every=5, eval_every=20, clip=0,
           note="logging_nan_inf_filter on: NaN train losses are logged as the running mean (0.0)"),
        *R("hf", "synth12", "diverging", "grow-nan-unfiltered", (1,), model="small", opt="sgd", lr=1e-2,
           sched="grow", grow=1.03, batch=32, epochs=10, log_every=5, eval_every=25, clip=0, nan_filter=False),
        *R("hf", "seq_count", "diverging", "adam-hot", (1,), model="small", opt="adam", lr=0.5, batch=32,
           epochs=6, log_every=10, eval_every=40, clip=0),
        *R("hf", "friedman", "loss_spike", "poison-labels", (1,), model="medium", opt="adam", lr=1e-3,
           batch=32, epochs=12, log_every=5, eval_every=25, poison=[(400, 20, "labels")]),
        *R("hf", "diabetes", "still_improving", "sgd-slow", (1,), model="small", opt="sgd", lr=5e-4,
           batch=16, epochs=15, log_every=5, eval_every=0),
        *R("hf", "synth12", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3, batch=64,
           max_steps=40, log_every=100, eval_every=40),
        *R("hf", "charlm_markov", "insufficient_data", "two-evals", (1,), model="small", lr=1e-3, batch=32,
           max_steps=60, log_every=100, eval_every=30),
        # ---------------- keras_csv
        *R("keras_csv", "moons", "healthy", "mlp-plateau", S2, model="small", lr=3e-3, sched="plateau",
           batch=32, epochs=60, **K),
        *R("keras_csv", "digits", "healthy", "mlp-expdecay", (1,), model="medium", lr=1e-3, sched="expdecay",
           batch=64, epochs=40, **K),
        *R("keras_csv", "friedman", "healthy", "mlp", S2, model="medium", lr=1e-3, batch=32, epochs=80, **K),
        *R("keras_csv", "seq_count", "healthy", "gru", (1,), model="small", lr=3e-3, batch=64, epochs=12, **K),
        *R("keras_csv", "charlm_stdlib", "healthy", "conv", (1,), model="medium", arch="conv", lr=2e-3,
           batch=64, epochs=30, **K),
        *R("keras_csv", "digits", "overfitting", "wide-noisy", S2, model="wide", n_train=150, label_noise=0.2,
           lr=1e-3, batch=16, epochs=200, clip=0, **K),
        *R("keras_csv", "synth12", "overfitting", "deep-small-n", (1,), model="deep", n_train=200,
           label_noise=0.1, lr=1e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "diabetes", "overfitting", "wide", S2, model="wide", lr=1e-3, batch=16, epochs=200,
           clip=0, **K),
        *R("keras_csv", "moons", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6, batch=32, epochs=50,
           **K),
        *R("keras_csv", "breast_cancer", "erratic", "sgd-hot-b4", S3, model="small", opt="sgd", lr=0.3,
           batch=4, epochs=30, clip=1.0),
        *R("keras_csv", "synth12", "diverging", "adam-grow", (1,), model="medium", lr=1e-3, sched="grow",
           grow=1.5, batch=32, epochs=40, clip=0, **K),
        *R("keras_csv", "breast_cancer", "loss_spike", "lr-bump-x100", S2, model="small", lr=1e-3, batch=16,
           epochs=40, bumps=[(15 * 23 + 5, 10, 100)], **K),
        *R("keras_csv", "digits", "loss_spike", "lr-bump-x50", (2, 3), model="small", lr=1e-3, batch=32,
           epochs=40, bumps=[(12 * 41 + 10, 10, 50)], **K),
        *R("keras_csv", "charlm_markov", "still_improving", "gru-short", (1,), model="small", lr=1e-3,
           batch=64, epochs=6, **K),
        *R("keras_csv", "breast_cancer", "insufficient_data", "two-epochs", (1,), model="small", lr=1e-3,
           batch=32, epochs=2, **K),
        *R("keras_csv", "seq_motif", "insufficient_data", "three-epochs", (1,), model="small", lr=1e-3,
           batch=64, epochs=3, **K),
        # ---------------- keras_tb
        *R("keras_tb", "wine", "healthy", "mlp", S2, model="small", lr=3e-3, batch=16, epochs=60, log_every=0,
           **K),
        *R("keras_tb", "breast_cancer", "healthy", "mlp-batchlog", (1,), model="small", lr=1e-3, batch=16,
           epochs=40, log_every=5, **K),
        *R("keras_tb", "charlm_markov", "healthy", "gru", (1,), model="medium", lr=3e-3, sched="cosine",
           batch=64, epochs=25, log_every=0, **K),
        *R("keras_tb", "seq_count", "healthy", "gru-batchlog-quirk", (1,), model="small", lr=3e-3, batch=64,
           epochs=12, log_every=10, tb_quirk=True, **K),
        *R("keras_tb", "digits", "overfitting", "wide-noisy", S2, model="wide", n_train=150, label_noise=0.2,
           lr=1e-3, batch=16, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "diabetes", "overfitting", "wide", (1,), model="wide", lr=1e-3, batch=16, epochs=200,
           log_every=0, clip=0, **K),
        *R("keras_tb", "circles", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32, epochs=30,
           log_every=0, **K),
        *R("keras_tb", "friedman", "underfitting", "linear-flat", (1,), model="linear", lr=1e-2, batch=16,
           epochs=40, log_every=0, **K),
        *R("keras_tb", "moons", "erratic", "sgd-hot-b4", S2, model="small", opt="sgd", lr=0.5, batch=4,
           epochs=30, log_every=0, clip=1.0),
        *R("keras_tb", "digits", "diverging", "adam-grow", (1,), model="small", lr=1e-3, sched="grow",
           grow=1.5, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "breast_cancer", "loss_spike", "lr-bump-x100", (1,), model="small", lr=1e-3, batch=16,
           epochs=40, log_every=1, bumps=[(15 * 23 + 5, 10, 100)], **K),
        *R("keras_tb", "charlm_stdlib", "still_improving", "gru-short", (1,), model="small", lr=1e-3,
           batch=64, epochs=5, log_every=0, **K),
        *R("keras_tb", "wine", "insufficient_data", "one-epoch", (1,), model="small", lr=1e-3, batch=16,
           epochs=1, log_every=0, **K),
    ]
    # second dev batch: hastie, quantiles, swissroll, iris_noisy (after `more`, so earlier runs keep
    # their keys)
    dev2 = [
        # ---------------- hf
        *R("hf", "hastie", "healthy", "mlp-bestacc", S2, model="medium", lr=1e-3, sched="linear",
           batch=32, epochs=10, log_every=10, eval_every=50, best_metric="accuracy", load_best=True,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "hastie", "still_improving", "lr1e-3-short", S2, model="small", lr=1e-3, batch=32,
           epochs=3, log_every=5, eval_every=20),
        *R("hf", "hastie", "loss_spike", "lr-bump", S2, model="medium", opt="adam", lr=1e-3,
           batch=32, epochs=10, log_every=5, eval_every=25, bumps=[(350, 10, 50)]),
        *R("hf", "hastie", "erratic", "adam-hot-b4", S2, model="small", opt="adam", lr=0.05,
           batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "quantiles", "overfitting", "deep-noisy", S2, model="deep", n_train=200,
           label_noise=0.2, opt="adam", lr=1e-3, batch=32, epochs=200, log_every=10, eval_every=25,
           clip=0),
        *R("hf", "quantiles", "diverging", "grow-nan", S2, model="small", opt="adam", lr=1e-3,
           sched="grow", grow=1.03, batch=32, epochs=10, log_every=5, eval_every=20, clip=0,
           note="logging_nan_inf_filter on: NaN train losses are logged as the running mean (0.0)"),
        *R("hf", "quantiles", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "swissroll", "healthy", "mlp-cosine-bestmse", S2, model="medium", lr=2e-3,
           sched="cosine", batch=32, epochs=25, log_every=50, eval_every=0, best_metric="mse",
           load_best=True),
        *R("hf", "swissroll", "diverging", "sgd-grow", S2, model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", "swissroll", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32,
           epochs=10, log_every=10, eval_every=0),
        *R("hf", "swissroll", "loss_spike", "lr-bump", S2, model="small", opt="adam", lr=1e-3,
           batch=32, epochs=15, log_every=5, eval_every=25, bumps=[(500, 8, 30)]),
        *R("hf", "iris_noisy", "underfitting", "lr1e-6", S2, model="small", lr=1e-6, batch=16,
           epochs=30, log_every=5, eval_every=0),
        *R("hf", "iris_noisy", "insufficient_data", "two-epochs", (1,), model="small", lr=1e-3,
           batch=16, epochs=2, log_every=50, eval_every=0),
        # ---------------- keras_csv
        *R("keras_csv", "hastie", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32,
           epochs=30, **K),
        *R("keras_csv", "hastie", "insufficient_data", "one-epoch", (1,), model="small", lr=1e-3,
           batch=32, epochs=1, **K),
        *R("keras_csv", "hastie", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.5, batch=32, epochs=40, clip=0, **K),
        *R("keras_csv", "quantiles", "erratic", "adam-hot-b4", S2, model="medium", lr=0.02,
           batch=4, epochs=15, clip=1.0, **K),
        *R("keras_csv", "quantiles", "loss_spike", "lr-bump-x20", S2, model="small", lr=3e-3,
           batch=128, epochs=60, bumps=[(30 * 16 + 4, 8, 20)], **K),
        *R("keras_csv", "swissroll", "healthy", "mlp-expdecay", S2, model="medium", lr=2e-3,
           sched="expdecay", batch=32, epochs=40, **K),
        *R("keras_csv", "swissroll", "still_improving", "sgd-slow", S2, model="small", opt="sgd",
           lr=5e-4, batch=32, epochs=12),
        *R("keras_csv", "iris_noisy", "overfitting", "wide-noisy", S2, model="wide",
           label_noise=0.3, lr=1e-3, batch=16, epochs=200, clip=0, **K),
        *R("keras_csv", "iris_noisy", "loss_spike", "lr-bump-x100", S2, model="small", opt="adamw",
           lr=3e-3, wd=1.0, batch=16, epochs=40, bumps=[(20 * 7 + 2, 3, 100)]),
        *R("keras_csv", "iris_noisy", "still_improving", "sgd-slow", (1,), model="small",
           opt="sgd", lr=2e-3, batch=8, epochs=30),
        # ---------------- keras_tb
        *R("keras_tb", "hastie", "overfitting", "wide-small-n", S2, model="wide", n_train=300,
           label_noise=0.1, lr=1e-3, batch=32, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "hastie", "erratic", "adam-hot-b4", (1,), model="medium", lr=0.05, batch=4,
           epochs=12, log_every=0, clip=1.0, **K),
        *R("keras_tb", "hastie", "loss_spike", "lr-bump-batchlog", (1,), model="small", lr=3e-3,
           batch=128, epochs=40, log_every=8, bumps=[(20 * 16 + 4, 8, 20)], **K),
        *R("keras_tb", "quantiles", "healthy", "mlp-cosine", S2, model="medium", lr=2e-3,
           sched="cosine", batch=32, epochs=40, log_every=0, **K),
        *R("keras_tb", "quantiles", "healthy", "mlp-batchlog-quirk", (1,), model="medium", lr=2e-3,
           batch=32, epochs=20, log_every=10, tb_quirk=True, **K),
        *R("keras_tb", "quantiles", "still_improving", "adam-short", (1,), model="small", lr=7e-4,
           batch=32, epochs=8, log_every=0, **K),
        *R("keras_tb", "quantiles", "underfitting", "linear", (1,), model="linear", lr=1e-2,
           batch=32, epochs=30, log_every=0, **K),
        *R("keras_tb", "swissroll", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "swissroll", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "swissroll", "healthy", "mlp-batchlog", (1,), model="medium", lr=1e-3,
           batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "iris_noisy", "healthy", "mlp-wd", S2, model="small", opt="adamw", lr=3e-3,
           wd=1.0, batch=16, epochs=35, log_every=0),
    ]
    # third dev batch: shapes, sine, bow_sentiment (after dev2); more training machinery: hf
    # metric_for_best_model accuracy / f1 + load_best_model_at_end + EarlyStoppingCallback, eval
    # by steps and by epoch; keras ReduceLROnPlateau / EarlyStopping, TensorBoard update_freq N or
    # "epoch"
    A, F1 = {"best_metric": "accuracy", "load_best": True}, {"best_metric": "f1", "load_best": True}
    dev3 = [
        # ---------------- hf
        *R("hf", "shapes", "healthy", "cnn-bestacc-es", S2, model="small", arch="cnn", lr=3e-3,
           sched="linear", batch=32, epochs=40, log_every=20, eval_every=0, early_stop=5, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "shapes", "overfitting", "mlp-noisy-bestf1", S2, model="medium", n_train=600,
           label_noise=0.3, opt="adam", lr=2e-4, batch=16, epochs=80, log_every=10,
           eval_every=76, clip=0, **F1, note="metric_for_best_model=f1: the label follows eval_f1"),
        *R("hf", "shapes", "erratic", "adam-hot-b4", S2, model="small", opt="adam", lr=0.03,
           batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "shapes", "loss_spike", "cnn-poison-labels", S2, model="small", arch="cnn",
           opt="adam", lr=2e-3, batch=32, epochs=20, log_every=5, eval_every=25,
           poison=[(600, 15, "labels")]),
        *R("hf", "shapes", "still_improving", "cnn-short-bestacc", (1,), model="small", arch="cnn",
           lr=1e-3, batch=32, epochs=4, log_every=5, eval_every=15, **A),
        *R("hf", "shapes", "insufficient_data", "summary-only", (1,), model="small", arch="cnn",
           lr=1e-3, batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "sine", "healthy", "mlp-cosine-bestmse-es", S2, model="medium", lr=3e-3,
           sched="cosine", batch=32, epochs=40, log_every=50, eval_every=0, early_stop=5,
           best_metric="mse", load_best=True),
        *R("hf", "sine", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32,
           epochs=10, log_every=10, eval_every=0),
        *R("hf", "sine", "diverging", "sgd-grow", S2, model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", "sine", "still_improving", "sgd-slow", (1,), model="small", opt="sgd", lr=5e-4,
           batch=32, epochs=10, log_every=5, eval_every=25),
        *R("hf", "bow_sentiment", "healthy", "bag-bestf1-es", S2, model="small", arch="bag",
           lr=3e-3, batch=32, epochs=30, log_every=5, eval_every=50, early_stop=4, **F1,
           note="metric_for_best_model=f1: the label follows eval_f1"),
        *R("hf", "bow_sentiment", "healthy", "gru-bestacc", (1,), model="small", arch="gru",
           lr=3e-3, sched="linear", warmup=50, batch=32, epochs=8, log_every=20, eval_every=0,
           **A, note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "bow_sentiment", "overfitting", "gru-wide-noisy-bestacc", (1,), model="wide",
           arch="gru", n_train=200, label_noise=0.2, opt="adam", lr=3e-3, batch=16, epochs=100,
           log_every=10, eval_every=26, clip=0, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "bow_sentiment", "diverging", "grow-nan", S2, model="small", arch="bag",
           opt="adam", lr=1e-3, sched="grow", grow=1.03, batch=32, epochs=10, log_every=5,
           eval_every=20, clip=0),
        *R("hf", "bow_sentiment", "loss_spike", "bag-lr-bump", S2, model="small", arch="bag",
           opt="adam", lr=3e-3, batch=32, epochs=15, log_every=5, eval_every=25,
           bumps=[(500, 8, 100)]),
        *R("hf", "bow_sentiment", "loss_spike", "bag-lr-bump-log1", (1,), model="small",
           arch="bag", opt="adam", lr=3e-3, batch=32, epochs=15, log_every=1, eval_every=25,
           bumps=[(500, 8, 100)]),
        *R("hf", "bow_sentiment", "loss_spike", "bag-poison-labels", S2, model="small",
           arch="bag", opt="adam", lr=3e-3, batch=32, epochs=15, log_every=2, eval_every=25,
           poison=[(500, 20, "labels")]),
        *R("hf", "bow_sentiment", "erratic", "gru-adam-hot-b8", (1,), model="small", arch="gru",
           opt="adam", lr=0.05, batch=8, max_steps=1500, log_every=10, eval_every=50, clip=1.0),
        # ---------------- keras_csv
        *R("keras_csv", "shapes", "healthy", "cnn-plateau-es", S2, model="small", arch="cnn",
           lr=3e-3, sched="plateau", batch=32, epochs=60, early_stop=8, **K),
        *R("keras_csv", "shapes", "overfitting", "wide-noisy", S2, model="wide", n_train=300,
           label_noise=0.2, lr=1e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "shapes", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.5, batch=32, epochs=40, clip=0, **K),
        *R("keras_csv", "sine", "healthy", "mlp-expdecay", S2, model="medium", lr=3e-3,
           sched="expdecay", batch=32, epochs=40, **K),
        *R("keras_csv", "sine", "erratic", "sgd-hot-b4", S2, model="small", opt="sgd", lr=0.3,
           batch=4, epochs=15, clip=5.0),
        *R("keras_csv", "sine", "insufficient_data", "one-epoch", (1,), model="small", lr=1e-3,
           batch=32, epochs=1, **K),
        *R("keras_csv", "bow_sentiment", "underfitting", "bag-lr1e-6", S2, model="small",
           arch="bag", lr=1e-6, batch=32, epochs=30, **K),
        *R("keras_csv", "bow_sentiment", "still_improving", "bag-short", (1,), model="small",
           arch="bag", lr=3e-4, batch=32, epochs=8, **K),
        *R("keras_csv", "bow_sentiment", "loss_spike", "bag-lr-bump-x100", S2, model="small",
           arch="bag", lr=3e-3, batch=32, epochs=30, bumps=[(15 * 63 + 40, 10, 100)], **K),
        # ---------------- keras_tb
        *R("keras_tb", "shapes", "healthy", "cnn-cosine-batchlog", S2, model="small", arch="cnn",
           lr=2e-3, sched="cosine", batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "shapes", "underfitting", "cnn-lr1e-6", (1,), model="small", arch="cnn",
           lr=1e-6, batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "shapes", "still_improving", "cnn-sgd-short", S2, model="small",
           arch="cnn", opt="sgd", lr=5e-3, batch=32, epochs=8, log_every=0),
        *R("keras_tb", "shapes", "loss_spike", "cnn-lr-bump-batchlog", (1,), model="small",
           arch="cnn", lr=2e-3, batch=32, epochs=25, log_every=9, bumps=[(12 * 63 + 40, 8, 100)],
           **K),
        *R("keras_tb", "sine", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32,
           epochs=30, log_every=0, **K),
        *R("keras_tb", "sine", "diverging", "adam-grow", S2, model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "sine", "healthy", "mlp-plateau-es", (1,), model="medium", lr=3e-3,
           sched="plateau", batch=32, epochs=80, early_stop=10, log_every=63, **K),
        *R("keras_tb", "bow_sentiment", "healthy", "bag-es", S2, model="small", arch="bag",
           lr=1e-3, batch=32, epochs=40, early_stop=5, log_every=0, **K),
        *R("keras_tb", "bow_sentiment", "overfitting", "gru-wide-small-n", S2, model="wide",
           arch="gru", n_train=200, label_noise=0.2, lr=3e-3, batch=16, epochs=80, clip=0,
           log_every=0, **K),
        *R("keras_tb", "bow_sentiment", "erratic", "gru-adam-hot-b4", (1,), model="small",
           arch="gru", lr=0.05, batch=4, epochs=6, clip=1.0, log_every=0, **K),
        *R("keras_tb", "bow_sentiment", "insufficient_data", "two-epochs", (1,), model="small",
           arch="gru", lr=1e-3, batch=64, epochs=2, log_every=0, **K),
        *R("keras_tb", "shapes", "erratic", "adam-hot-b4", S2, model="small", lr=0.03, batch=4,
           epochs=10, log_every=0, clip=1.0, **K),
    ]
    # fourth dev batch: checker, poly_reg, arith_lm (after dev3), the same machinery; spikes of
    # 1-30 steps, x10-x100, LR bumps and poisoned batches at 30%-70% of the run
    dev4 = [
        # ---------------- hf
        *R("hf", "checker", "healthy", "mlp-bestacc-es", S2, model="medium", lr=3e-3,
           sched="linear", batch=32, epochs=40, log_every=20, eval_every=0, early_stop=5, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "checker", "overfitting", "wide-noisy", S2, model="wide", n_train=200,
           label_noise=0.2, opt="adam", lr=2e-3, batch=16, epochs=200, log_every=10,
           eval_every=65, clip=0),
        *R("hf", "checker", "erratic", "adam-hot-b4", S2, model="small", opt="adam", lr=0.05,
           batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "checker", "loss_spike", "poison-labels", S2, model="medium", opt="adam",
           lr=2e-3, batch=32, epochs=20, log_every=5, eval_every=25,
           poison=[(900, 25, "labels")]),
        *R("hf", "checker", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "poly_reg", "healthy", "mlp-cosine-bestmse-es", S2, model="medium", lr=3e-3,
           sched="cosine", batch=32, epochs=40, log_every=50, eval_every=0, early_stop=5,
           best_metric="mse", load_best=True),
        *R("hf", "poly_reg", "underfitting", "linear", S2, model="linear", lr=1e-2, batch=32,
           epochs=10, log_every=10, eval_every=0),
        *R("hf", "poly_reg", "diverging", "sgd-grow", S2, model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", "poly_reg", "still_improving", "sgd-slow", (1,), model="small", opt="sgd",
           lr=5e-4, batch=32, epochs=10, log_every=5, eval_every=25),
        *R("hf", "poly_reg", "loss_spike", "lr-bump-x20-30steps", (1,), model="medium",
           opt="adam", lr=1e-3, batch=32, epochs=15, log_every=1, eval_every=25,
           bumps=[(300, 30, 20)]),
        *R("hf", "poly_reg", "erratic", "sgd-hot-b4", (1,), model="small", opt="sgd", lr=0.3,
           batch=4, max_steps=1500, log_every=10, eval_every=50, clip=1.0),
        *R("hf", "arith_lm", "healthy", "gru-cosine", (1,), model="small", arch="gru", lr=3e-3,
           sched="cosine", batch=32, max_steps=1500, log_every=10, eval_every=100),
        *R("hf", "arith_lm", "healthy", "transformer-warmlin", (1,), model="small",
           arch="transformer", lr=2e-3, sched="linear", warmup=100, batch=32, max_steps=1500,
           log_every=5, eval_every=100),
        *R("hf", "arith_lm", "loss_spike", "gru-lr-bump-1step", (1,), model="small", arch="gru",
           opt="adam", lr=3e-3, batch=32, max_steps=1000, log_every=1, eval_every=50,
           bumps=[(400, 1, 100)]),
        *R("hf", "arith_lm", "still_improving", "gru-short", (1,), model="small", arch="gru",
           lr=2e-3, batch=32, max_steps=300, log_every=10, eval_every=25),
        *R("hf", "arith_lm", "insufficient_data", "two-evals", (1,), model="small", arch="gru",
           lr=1e-3, batch=32, max_steps=60, log_every=100, eval_every=30),
        *R("hf", "arith_lm", "diverging", "adam-hot", (1,), model="small", arch="gru",
           opt="adam", lr=0.5, batch=32, epochs=4, log_every=10, eval_every=40, clip=0),
        # ---------------- keras_csv
        *R("keras_csv", "checker", "healthy", "mlp-plateau-es", S2, model="medium", lr=3e-3,
           sched="plateau", batch=32, epochs=60, early_stop=8, **K),
        *R("keras_csv", "checker", "underfitting", "linear", (1,), model="linear", lr=1e-2,
           batch=32, epochs=30, **K),
        *R("keras_csv", "checker", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.5, batch=32, epochs=40, clip=0, **K),
        *R("keras_csv", "checker", "still_improving", "adam-slow", (1,), model="medium",
           lr=5e-4, batch=32, epochs=10, **K),
        *R("keras_csv", "poly_reg", "healthy", "mlp-expdecay", S2, model="medium", lr=3e-3,
           sched="expdecay", batch=32, epochs=40, **K),
        *R("keras_csv", "poly_reg", "overfitting", "wide-small-n", S2, model="wide",
           n_train=100, lr=1e-3, batch=16, epochs=200, clip=0, **K),
        *R("keras_csv", "poly_reg", "erratic", "sgd-hot-b4", S2, model="small", opt="sgd",
           lr=0.3, batch=4, epochs=15, clip=5.0),
        *R("keras_csv", "poly_reg", "loss_spike", "lr-bump-x50", (1,), model="small", lr=2e-3,
           batch=32, epochs=40, bumps=[(25 * 63 + 10, 10, 50)], **K),
        *R("keras_csv", "poly_reg", "insufficient_data", "one-epoch", (1,), model="small",
           lr=1e-3, batch=32, epochs=1, **K),
        *R("keras_csv", "arith_lm", "healthy", "conv", (1,), model="medium", arch="conv",
           lr=2e-3, batch=64, epochs=20, **K),
        *R("keras_csv", "arith_lm", "underfitting", "gru-lr1e-6", (1,), model="small",
           lr=1e-6, batch=32, epochs=6, **K),
        *R("keras_csv", "arith_lm", "still_improving", "gru-short", (1,), model="small",
           lr=1e-3, batch=64, epochs=5, **K),
        # ---------------- keras_tb
        *R("keras_tb", "checker", "overfitting", "wide-small-n", S2, model="wide", n_train=200,
           label_noise=0.2, lr=1e-3, batch=16, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "checker", "erratic", "adam-hot-b4", S2, model="medium", lr=0.05,
           batch=4, epochs=12, log_every=0, clip=1.0, **K),
        *R("keras_tb", "checker", "loss_spike", "lr-bump-x100-batchlog", (1,), model="small",
           lr=3e-3, batch=64, epochs=40, log_every=8, bumps=[(12 * 32 + 4, 4, 100)], **K),
        *R("keras_tb", "checker", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "poly_reg", "healthy", "mlp-batchlog", (1,), model="medium", lr=1e-3,
           batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "poly_reg", "underfitting", "linear", (1,), model="linear", lr=1e-2,
           batch=32, epochs=30, log_every=0, **K),
        *R("keras_tb", "poly_reg", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "poly_reg", "still_improving", "adam-short", (1,), model="small",
           lr=3e-4, batch=32, epochs=6, log_every=0, **K),
        *R("keras_tb", "poly_reg", "loss_spike", "lr-bump-x10-batchlog", (1,), model="medium",
           lr=1e-3, batch=32, epochs=30, log_every=9, bumps=[(20 * 63 + 5, 20, 10)], **K),
        *R("keras_tb", "arith_lm", "healthy", "gru-cosine", (1,), model="medium", lr=3e-3,
           sched="cosine", batch=64, epochs=15, log_every=0, **K),
        *R("keras_tb", "arith_lm", "overfitting", "gru-wide-small-n", (1,), model="wide",
           n_train=150, lr=3e-3, batch=16, epochs=100, log_every=0, clip=0, **K),
        *R("keras_tb", "arith_lm", "erratic", "gru-adam-hot-b8", (1,), model="small", lr=0.05,
           batch=8, epochs=8, clip=1.0, log_every=0, **K),
        # after the first pass: replacements for dropped runs (keras_tb arith_lm healthy,
        # keras_csv arith_lm still_improving, hf arith_lm diverging), a spike a GRU feels
        # (the 1-step LR bump barely showed), and more erratic runs (Adam too hot, SGD in keras_tb)
        *R("keras_tb", "arith_lm", "healthy", "conv-cosine", (1,), model="medium", arch="conv",
           lr=2e-3, sched="cosine", batch=64, epochs=25, log_every=0, **K),
        *R("keras_csv", "arith_lm", "still_improving", "gru-short-lr5e-4", (1,), model="small",
           lr=5e-4, batch=64, epochs=8, **K),
        *R("hf", "arith_lm", "diverging", "gru-sgd-grow", (1,), model="small", arch="gru",
           opt="sgd", lr=0.01, sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5,
           eval_every=25, clip=0),
        *R("hf", "arith_lm", "loss_spike", "gru-poison-labels", (1,), model="small", arch="gru",
           opt="adam", lr=3e-3, batch=32, max_steps=1000, log_every=2, eval_every=50,
           poison=[(500, 30, "labels")]),
        *R("hf", "poly_reg", "erratic", "adam-hot-b4", (1,), model="small", opt="adam", lr=0.05,
           batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("keras_tb", "poly_reg", "erratic", "sgd-hot-b4", S2, model="small", opt="sgd",
           lr=0.3, batch=4, epochs=15, clip=5.0, log_every=0),
        *R("keras_csv", "checker", "overfitting", "wide-noisy", (1,), model="wide", n_train=200,
           label_noise=0.2, lr=1e-3, batch=16, epochs=150, clip=0, **K),
    ]
    runs = first if batch == "first" else (first + more + dev2 + dev3 + dev4 + dev5(A, F1, K, S2)
                                           + dev6(A, K, S2) + dev7(A, K, S2) + dev8(A, K, S2)
                                           + dev9(A, K, S2) + dev10(A, K, S2)
                                           + dev11(A, K, S2) + dev12(A, K, S2)
                                           + dev13(A, K, S2) + dev14(A, K, S2)
                                           + dev15(A, K, S2) + dev16(K) + dev17(K)
                                           + dev18(K) + dev19(K) + dev20(K)
                                           + dev21(K) + dev22(K) + dev23(K)
                                           + dev24(K) + dev25(K) + dev26(K))
    if batch == "first":
        runs = [r for r in runs if r.seed == 1]
    return runs


def add_batch(batch_runs) -> None:
    """Make ``all_recipes`` the earlier batches' runs, then ``batch_runs()`` (not for the first
    batch): a later batch adds its runs after every earlier one, so the earlier ones never
    change."""
    global all_recipes
    earlier = all_recipes

    def every_run(batch="all") -> list[Recipe]:
        runs = earlier(batch)
        return runs if batch == "first" else runs + batch_runs()

    all_recipes = every_run


def machinery_as_batch26(tasks: tuple[str, ...]) -> None:
    """Make ``machinery`` write the twenty-sixth batch's machinery text for ``tasks`` (a later
    batch's), the earlier text for every other task."""
    global machinery
    earlier = machinery

    def wrapped(r: Recipe) -> str:
        return earlier(replace(r, task=DEV26_TASKS[0])) if r.task in tasks else earlier(r)

    machinery = wrapped


def dev5(A, F1, K, S2) -> list[Recipe]:
    """Fifth dev batch: spiral, imbalanced, ar_forecast (after dev4), the same machinery; hf
    metric_for_best_model f1 on the imbalanced task; spikes of 1-50 steps, x5-x100, LR bumps and
    poisoned batches at 30%-80% of the run. 63 steps per epoch at batch 32."""
    return [
        # ---------------- hf
        *R("hf", "spiral", "healthy", "mlp-bestacc-es", S2, model="medium", lr=3e-3,
           sched="linear", batch=32, epochs=60, log_every=20, eval_every=0, early_stop=5, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "spiral", "overfitting", "wide-noisy", (1,), model="wide", n_train=200,
           label_noise=0.2, opt="adam", lr=2e-3, batch=16, epochs=200, log_every=10,
           eval_every=65, clip=0),
        *R("hf", "spiral", "erratic", "adam-hot-b4", (1,), model="small", opt="adam", lr=0.03,
           batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "spiral", "loss_spike", "lr-bump-x50-5steps", (1,), model="medium",
           opt="adam", lr=2e-3, batch=32, epochs=30, log_every=2, eval_every=25,
           bumps=[(1000, 5, 50)]),
        *R("hf", "spiral", "still_improving", "adam-short-bestacc", (1,), model="medium",
           lr=1e-3, batch=32, epochs=3, log_every=5, eval_every=15, **A),
        *R("hf", "spiral", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "imbalanced", "healthy", "mlp-bestf1-es", S2, model="medium", lr=2e-3,
           sched="linear", batch=32, epochs=40, log_every=10, eval_every=50, early_stop=5,
           **F1, note="metric_for_best_model=f1: the label follows eval_f1"),
        *R("hf", "imbalanced", "overfitting", "wide-noisy", (1,), model="wide", n_train=200,
           label_noise=0.2, opt="adam", lr=2e-3, batch=16, epochs=200, log_every=10,
           eval_every=65, clip=0),
        *R("hf", "imbalanced", "underfitting", "lr1e-6-bestf1", (1,), model="small",
           opt="adam", lr=1e-6, batch=32, epochs=10, log_every=10, eval_every=0, **F1,
           note="metric_for_best_model=f1: the label follows eval_f1"),
        *R("hf", "imbalanced", "diverging", "grow-nan", (1,), model="small", opt="adam",
           lr=1e-3, sched="grow", grow=1.03, batch=32, epochs=10, log_every=5, eval_every=20,
           clip=0),
        *R("hf", "imbalanced", "loss_spike", "poison-labels", (1,), model="medium",
           opt="adam", lr=2e-3, batch=32, epochs=20, log_every=5, eval_every=25,
           poison=[(500, 25, "labels")]),
        *R("hf", "imbalanced", "erratic", "sgd-hot-b4", (1,), model="small", opt="sgd",
           lr=0.5, batch=4, max_steps=1500, log_every=10, eval_every=50, clip=1.0),
        *R("hf", "ar_forecast", "healthy", "mlp-cosine-bestmse-es", S2, model="medium",
           lr=3e-3, sched="cosine", batch=32, epochs=40, log_every=50, eval_every=0,
           early_stop=5, best_metric="mse", load_best=True),
        *R("hf", "ar_forecast", "underfitting", "adamw-wd10", (1,), model="small", lr=1e-2,
           wd=10.0, batch=32, epochs=10, log_every=10, eval_every=0),
        *R("hf", "ar_forecast", "diverging", "sgd-grow", (1,), model="small", opt="sgd",
           lr=1e-3, sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20,
           clip=0),
        *R("hf", "ar_forecast", "still_improving", "sgd-slow", (1,), model="small", opt="sgd",
           lr=2e-4, batch=32, epochs=10, log_every=5, eval_every=25),
        *R("hf", "ar_forecast", "loss_spike", "lr-bump-x10-40steps", (1,), model="medium",
           opt="adam", lr=1e-3, batch=32, epochs=15, log_every=1, eval_every=25,
           bumps=[(600, 40, 10)]),
        *R("hf", "ar_forecast", "overfitting", "wide-small-n-bestmse", (1,), model="wide",
           n_train=100, opt="adam", lr=1e-3, batch=16, epochs=300, log_every=10,
           eval_every=50, clip=0, best_metric="mse"),
        *R("hf", "ar_forecast", "insufficient_data", "two-evals", (1,), model="small",
           lr=1e-3, batch=32, max_steps=60, log_every=100, eval_every=30),
        # ---------------- keras_csv
        *R("keras_csv", "spiral", "healthy", "mlp-plateau-es", S2, model="medium", lr=3e-3,
           sched="plateau", batch=32, epochs=80, early_stop=10, **K),
        *R("keras_csv", "spiral", "underfitting", "linear", (1,), model="linear", lr=1e-2,
           batch=32, epochs=30, **K),
        *R("keras_csv", "spiral", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.5, batch=32, epochs=40, clip=0, **K),
        *R("keras_csv", "spiral", "still_improving", "adam-slow", (1,), model="medium",
           lr=5e-4, batch=32, epochs=8, **K),
        *R("keras_csv", "spiral", "loss_spike", "lr-bump-x100-3steps", (1,), model="medium",
           lr=2e-3, batch=32, epochs=40, bumps=[(20 * 63 + 30, 3, 100)], **K),
        *R("keras_csv", "imbalanced", "healthy", "mlp-expdecay", (1,), model="medium", lr=2e-3,
           sched="expdecay", batch=32, epochs=30, **K),
        *R("keras_csv", "imbalanced", "overfitting", "wide-noisy", S2, model="wide",
           n_train=200, label_noise=0.2, lr=1e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "imbalanced", "erratic", "sgd-hot-b4", (1,), model="small", opt="sgd",
           lr=0.5, batch=4, epochs=12, clip=5.0),
        *R("keras_csv", "imbalanced", "insufficient_data", "one-epoch", (1,), model="small",
           lr=1e-3, batch=32, epochs=1, **K),
        *R("keras_csv", "ar_forecast", "healthy", "gru-cosine", (1,), model="small",
           arch="rnn", lr=3e-3, sched="cosine", batch=32, epochs=15, **K),
        *R("keras_csv", "ar_forecast", "overfitting", "wide-small-n", (1,), model="wide",
           n_train=100, lr=1e-3, batch=16, epochs=200, clip=0, **K),
        *R("keras_csv", "ar_forecast", "erratic", "adam-hot-b4", (1,), model="small", lr=0.03,
           batch=4, epochs=12, clip=1.0, **K),
        *R("keras_csv", "ar_forecast", "underfitting", "sgd-lr1e-5", (1,), model="small",
           opt="sgd", lr=1e-5, batch=32, epochs=20),
        *R("keras_csv", "ar_forecast", "loss_spike", "lr-bump-x30-20steps", (1,),
           model="medium", lr=1e-3, batch=32, epochs=30, bumps=[(15 * 63 + 10, 20, 30)], **K),
        # ---------------- keras_tb
        *R("keras_tb", "spiral", "overfitting", "wide-noisy", (1,), model="wide", n_train=200,
           label_noise=0.2, lr=1e-3, batch=16, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "spiral", "erratic", "adam-hot-b4", (1,), model="small", lr=0.03,
           batch=4, epochs=10, log_every=0, clip=1.0, **K),
        *R("keras_tb", "spiral", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "spiral", "loss_spike", "lr-bump-x20-batchlog", (1,), model="medium",
           lr=2e-3, batch=32, epochs=40, log_every=7, bumps=[(25 * 63 + 20, 15, 20)], **K),
        *R("keras_tb", "imbalanced", "healthy", "mlp-batchlog", (1,), model="medium", lr=1e-3,
           batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "imbalanced", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "imbalanced", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "imbalanced", "still_improving", "adam-short", (1,), model="small",
           lr=2e-4, batch=32, epochs=5, log_every=0, **K),
        *R("keras_tb", "imbalanced", "loss_spike", "lr-bump-x100-1step", (1,), model="medium",
           lr=2e-3, batch=32, epochs=30, log_every=0, bumps=[(12 * 63 + 3, 1, 100)], **K),
        *R("keras_tb", "ar_forecast", "healthy", "mlp-cosine", (1,), model="medium", lr=2e-3,
           sched="cosine", batch=32, epochs=30, log_every=0, **K),
        *R("keras_tb", "ar_forecast", "underfitting", "tiny-lr1e-5", (1,), model="tiny",
           lr=1e-5, batch=32, epochs=20, log_every=0, **K),
        *R("keras_tb", "ar_forecast", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "ar_forecast", "erratic", "sgd-hot-b4", S2, model="small", opt="sgd",
           lr=0.1, batch=4, epochs=12, clip=5.0, log_every=0),
        *R("keras_tb", "ar_forecast", "still_improving", "gru-short", (1,), model="small",
           arch="rnn", lr=1e-3, batch=32, epochs=4, log_every=0, **K),
        # after the first pass: the medium MLPs overfit the imbalanced task (healthy runs need a
        # small model + early stopping), SGD 0.5 with batch 4 pins it to the majority class
        # (erratic runs: Adam too hot, batch 8), and ar_forecast is learnt within the first epoch
        # (eval every 20 steps shows the fall; the underfitting run needs a tiny model)
        *R("keras_csv", "imbalanced", "healthy", "small-es", (1,), model="small", lr=1e-3,
           batch=32, epochs=40, early_stop=4, **K),
        *R("keras_tb", "imbalanced", "healthy", "small-es-batchlog", (1,), model="small",
           lr=5e-4, batch=32, epochs=40, early_stop=4, log_every=21, **K),
        *R("keras_csv", "imbalanced", "erratic", "adam-hot-b8", (1,), model="small", lr=0.03,
           batch=8, epochs=12, clip=1.0, **K),
        *R("hf", "imbalanced", "erratic", "adam-hot-b8", (1,), model="small", opt="adam",
           lr=0.03, batch=8, max_steps=1500, log_every=10, eval_every=50, clip=1.0),
        *R("hf", "ar_forecast", "healthy", "mlp-cosine-evalsteps-bestmse", S2, model="medium",
           lr=1e-3, sched="cosine", batch=32, epochs=15, log_every=10, eval_every=20,
           early_stop=8, best_metric="mse", load_best=True),
        *R("hf", "ar_forecast", "underfitting", "tiny-lr1e-5", (1,), model="tiny", opt="adam",
           lr=1e-5, batch=32, epochs=5, log_every=10, eval_every=25),
        # ar_forecast reaches its noise floor within one epoch at LR 1e-3: the Keras healthy runs
        # use LR 1e-4; overfitting needs fewer examples (60) and a deeper MLP
        *R("keras_csv", "ar_forecast", "healthy", "mlp-lr1e-4", (1,), model="medium", lr=1e-4,
           batch=32, epochs=30, **K),
        *R("keras_tb", "ar_forecast", "healthy", "mlp-lr1e-4-batchlog", (1,), model="medium",
           lr=1e-4, batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "ar_forecast", "overfitting", "deep-n60", (1,), model="deep", n_train=60,
           lr=1e-3, batch=16, epochs=300, log_every=0, clip=0, **K),
        *R("hf", "ar_forecast", "overfitting", "deep-n60", (1,), model="deep", n_train=60,
           opt="adam", lr=1e-3, batch=16, epochs=400, log_every=10, eval_every=40, clip=0),
        *R("hf", "ar_forecast", "loss_spike", "poison-labels", (1,), model="medium",
           opt="adam", lr=1e-3, batch=32, epochs=15, log_every=2, eval_every=25,
           poison=[(500, 20, "labels")]),
        *R("keras_csv", "ar_forecast", "loss_spike", "lr-bump-x100-20steps", (1,),
           model="medium", lr=1e-3, batch=32, epochs=30, bumps=[(15 * 63 + 20, 10, 100)], **K),
        # keras_csv had no erratic run left (imbalanced: stuck at the majority / dropped)
        *R("keras_csv", "spiral", "erratic", "adam-hot-b4", (1,), model="small", lr=0.03,
           batch=4, epochs=10, clip=1.0, **K),
    ]


def dev6(A, K, S2) -> list[Recipe]:
    """Sixth dev batch: blobs10, sparse_reg, parity, wordlm (after dev5), the same machinery (hf
    metric_for_best_model accuracy / mse, EarlyStoppingCallback, reduce_lr_on_plateau, eval by
    steps (20-100) and by epoch, logging_steps 1-100; Keras ReduceLROnPlateau, EarlyStopping,
    CosineDecay, TensorBoard update_freq 9 / 19 / 21 or "epoch"); spikes of 3-30 steps, LR bumps
    x50-x100 and poisoned batches (random labels) at 45%-65% of the run. Steps per epoch at
    batch 32: blobs10 57, sparse_reg 63, parity 63, wordlm 125. After the first look at the
    contact sheets: erratic runs are a deep MLP (blobs10), SGD 0.5 with batch 4 (parity: Adam too
    hot sits at ln 2 or learns it) and Adam rather than SGD (Keras sparse_reg: SGD pins it at the
    target variance); the linear sparse_reg runs use LR 1e-3 (at 1e-2 they are at the noise
    floor by the first eval); a Keras LR bump on blobs10 leaves val 15% above its level for 20+
    epochs (moved to sparse_reg), and one must start late enough in an epoch for the epoch-level
    train loss to show it; no hot optimiser made the wordlm GRU erratic (dropped); at LR 3e-3 the
    blobs10 MLP is at its ceiling by the first epoch-level eval (its healthy runs use 5e-4)."""
    return [
        # ---------------- hf
        *R("hf", "blobs10", "healthy", "mlp-lr5e-4-bestacc-es", S2, model="medium", lr=5e-4,
           sched="linear", batch=32, epochs=40, log_every=20, eval_every=0, early_stop=5, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "blobs10", "overfitting", "wide-noisy", (1,), model="wide", n_train=200,
           label_noise=0.2, opt="adam", lr=2e-3, batch=16, epochs=150, log_every=10,
           eval_every=65, clip=0),
        *R("hf", "blobs10", "erratic", "deep-adam-hot-b4", (1,), model="deep", opt="adam",
           lr=0.02, batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "blobs10", "loss_spike", "lr-bump-x50-5steps", (1,), model="medium",
           opt="adam", lr=2e-3, batch=32, epochs=30, log_every=2, eval_every=25,
           bumps=[(1000, 5, 50)]),
        *R("hf", "blobs10", "still_improving", "adam-short-bestacc", (1,), model="medium",
           lr=1e-4, batch=32, epochs=4, log_every=5, eval_every=15, **A),
        *R("hf", "blobs10", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "sparse_reg", "healthy", "mlp-cosine-bestmse-es", S2, model="medium", lr=1e-3,
           wd=0.1, sched="cosine", batch=32, epochs=40, log_every=50, eval_every=0,
           early_stop=5, best_metric="mse", load_best=True),
        *R("hf", "sparse_reg", "healthy", "linear-lr1e-3-plateau", (1,), model="linear",
           lr=1e-3, sched="plateau", batch=32, epochs=20, log_every=10, eval_every=20,
           best_metric="mse", note="lr_scheduler_type=reduce_lr_on_plateau on eval_mse"),
        *R("hf", "sparse_reg", "overfitting", "medium-bestmse", (1,), model="medium",
           opt="adam", lr=1e-3, batch=32, epochs=60, log_every=10, eval_every=50, clip=0,
           best_metric="mse"),
        *R("hf", "sparse_reg", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=10, log_every=10, eval_every=0),
        *R("hf", "sparse_reg", "diverging", "sgd-grow", (1,), model="small", opt="sgd",
           lr=1e-3, sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20,
           clip=0),
        *R("hf", "sparse_reg", "loss_spike", "poison-labels", (1,), model="medium", opt="adam",
           lr=1e-3, wd=0.1, batch=32, epochs=15, log_every=2, eval_every=25,
           poison=[(500, 20, "labels")]),
        *R("hf", "parity", "healthy", "gru-n05", S2, model="small", arch="gru",
           label_noise=0.05, lr=3e-3, batch=32, max_steps=5000, log_every=10, eval_every=100),
        *R("hf", "parity", "healthy", "gru-n05-bestacc-log100", (1,), model="small", arch="gru",
           label_noise=0.05, lr=3e-3, batch=32, max_steps=5000, log_every=100, eval_every=100,
           **A, note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "parity", "overfitting", "gru-wide-noisy", (1,), model="wide", arch="gru",
           n_train=200, label_noise=0.2, opt="adam", lr=3e-3, batch=16, epochs=150,
           log_every=10, eval_every=26, clip=0),
        *R("hf", "parity", "underfitting", "transformer", (1,), model="small",
           arch="transformer", lr=1e-3, batch=32, max_steps=2500, log_every=10, eval_every=100),
        *R("hf", "parity", "erratic", "gru-sgd-hot-b4", (1,), model="small", arch="gru",
           opt="sgd", lr=0.5, batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "parity", "loss_spike", "gru-poison-labels", (1,), model="small", arch="gru",
           label_noise=0.05, opt="adam", lr=3e-3, batch=32, max_steps=5000, log_every=5,
           eval_every=100, poison=[(3200, 30, "labels")]),
        *R("hf", "parity", "insufficient_data", "two-evals", (1,), model="small", arch="gru",
           lr=1e-3, batch=32, max_steps=60, log_every=100, eval_every=30),
        *R("hf", "wordlm", "healthy", "gru-cosine", (1,), model="small", arch="gru", lr=3e-3,
           sched="cosine", batch=32, max_steps=1500, log_every=10, eval_every=100),
        *R("hf", "wordlm", "healthy", "transformer-warmlin", (1,), model="small",
           arch="transformer", lr=3e-3, sched="linear", warmup=100, batch=32, max_steps=2500,
           log_every=5, eval_every=100),
        *R("hf", "wordlm", "overfitting", "gru-wide-small-n", (1,), model="wide", arch="gru",
           n_train=150, opt="adam", lr=3e-3, batch=16, max_steps=800, log_every=10,
           eval_every=20, clip=0),
        *R("hf", "wordlm", "diverging", "gru-sgd-grow", (1,), model="small", arch="gru",
           opt="sgd", lr=0.01, sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5,
           eval_every=25, clip=0),
        *R("hf", "wordlm", "loss_spike", "gru-lr-bump-x100-3steps", (1,), model="small",
           arch="gru", opt="adam", lr=3e-3, batch=32, max_steps=1000, log_every=1,
           eval_every=50, bumps=[(450, 3, 100)]),
        *R("hf", "wordlm", "still_improving", "gru-short", (1,), model="small", arch="gru",
           lr=5e-4, batch=32, max_steps=400, log_every=10, eval_every=25),
        # ---------------- keras_csv
        *R("keras_csv", "blobs10", "healthy", "mlp-plateau-es", S2, model="small", lr=3e-3,
           sched="plateau", batch=32, epochs=80, early_stop=10, **K),
        *R("keras_csv", "blobs10", "underfitting", "sgd-wd2", (1,), model="small", opt="sgd",
           lr=0.05, wd=2.0, batch=32, epochs=20),
        *R("keras_csv", "blobs10", "insufficient_data", "one-epoch", (1,), model="small",
           lr=1e-3, batch=32, epochs=1, **K),
        *R("keras_csv", "sparse_reg", "healthy", "mlp-es", (1,), model="small", lr=1e-3,
           batch=32, epochs=60, early_stop=5, **K),
        *R("keras_csv", "sparse_reg", "overfitting", "medium-noreg", (1,), model="medium",
           lr=1e-3, batch=32, epochs=60, clip=0, **K),
        *R("keras_csv", "sparse_reg", "still_improving", "sgd-slow", (1,), model="small",
           opt="sgd", lr=2e-4, batch=32, epochs=12),
        *R("keras_csv", "sparse_reg", "erratic", "adam-hot-b4", (1,), model="small", lr=0.03,
           batch=4, epochs=12, clip=1.0, **K),
        *R("keras_csv", "sparse_reg", "loss_spike", "linear-lr-bump-x100-10steps", (1,),
           model="linear", lr=3e-3, batch=32, epochs=25, bumps=[(12 * 63 + 40, 10, 100)], **K),
        *R("keras_csv", "parity", "healthy", "gru-n05", (1,), model="small", label_noise=0.05,
           lr=3e-3, batch=32, epochs=80, **K),
        *R("keras_csv", "parity", "overfitting", "gru-wide-small-n", (1,), model="wide",
           n_train=200, label_noise=0.2, lr=3e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "wordlm", "healthy", "conv", (1,), model="medium", arch="conv",
           lr=2e-3, batch=64, epochs=20, **K),
        *R("keras_csv", "wordlm", "still_improving", "gru-short-lr3e-4", (1,), model="small",
           lr=3e-4, batch=64, epochs=10, **K),
        # ---------------- keras_tb
        *R("keras_tb", "blobs10", "healthy", "mlp-batchlog", (1,), model="small", lr=1e-3,
           batch=32, epochs=30, log_every=19, **K),
        *R("keras_tb", "blobs10", "overfitting", "wide-noisy", (1,), model="wide", n_train=200,
           label_noise=0.2, lr=1e-3, batch=16, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "blobs10", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "blobs10", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "sparse_reg", "healthy", "linear-lr1e-3-cosine-batchlog", (1,),
           model="linear", lr=1e-3, sched="cosine", batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "sparse_reg", "loss_spike", "linear-lr-bump-x100-batchlog", (1,),
           model="linear", lr=3e-3, batch=32, epochs=30, log_every=9,
           bumps=[(15 * 63 + 40, 10, 100)], **K),
        *R("keras_tb", "sparse_reg", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "parity", "erratic", "gru-sgd-hot-b4", (1,), model="small", n_train=1000,
           opt="sgd", lr=0.5, batch=4, epochs=15, clip=1.0, log_every=0),
        *R("keras_tb", "parity", "underfitting", "gru-lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "wordlm", "healthy", "gru-cosine", (1,), model="medium", lr=3e-3,
           sched="cosine", batch=64, epochs=15, log_every=0, **K),
        *R("keras_tb", "wordlm", "overfitting", "gru-wide-small-n", (1,), model="wide",
           n_train=150, lr=3e-3, batch=16, epochs=100, log_every=0, clip=0, **K),
        *R("keras_tb", "wordlm", "diverging", "gru-adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=64, epochs=20, log_every=0, clip=0, **K),
    ]


def dev7(A, K, S2) -> list[Recipe]:
    """Seventh dev batch: xor3d, sparse_uncorr, reverse_lm (after dev6), the same machinery (hf
    metric_for_best_model accuracy / mse, load_best_model_at_end, EarlyStoppingCallback,
    reduce_lr_on_plateau, eval by steps (20-100) and by epoch, logging_steps 2-100; Keras
    ReduceLROnPlateau, EarlyStopping, CosineDecay, TensorBoard update_freq 9 / 19 / 21 / 25 or
    "epoch", one tb_quirk run). Spikes: LR bumps x50-x100 for 5-10 steps and poisoned batches
    (random labels) at 40%-60% of the run. Steps per epoch at batch 32: xor3d 57, sparse_uncorr
    63, reverse_lm 125 (batch 64: 63). After the first look at the contact sheets: the hf xor3d
    erratic run is dropped (Adam 0.01 with batch 4 on a medium MLP learns and then overfits, a
    wide one at Adam 0.02 / batch 8 fits no regime); sparse_uncorr's erratic runs are a medium
    MLP at Adam 0.05 / batch 4; a Keras LR bump x100 for 15 steps knocks the xor3d MLP back to ln
    2 for good (kept, labelled diverging by the check), x50 for 20 steps at the start of epoch 9
    knocks it back and it relearns (the two Keras spikes); a Keras LR bump on the sparse_uncorr
    MLP moves the epoch-mean train loss only 1.5x (dropped); the Keras xor3d runs level off only
    with CosineDecay (at a constant LR val drifts up 7%, which no check reads); reverse_lm's
    spike is logged every step (hf logging_steps 1), the Keras reverse_lm GRU is too slow for a
    healthy run (a causal Conv1D instead), and the Keras sparse_uncorr MLPs overfit clearly only
    on 300-400 examples."""
    return [
        # ---------------- hf
        *R("hf", "xor3d", "healthy", "mlp-bestacc-es", S2, model="small", lr=3e-3,
           sched="linear", batch=32, epochs=40, log_every=20, eval_every=0, early_stop=5, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "xor3d", "healthy", "mlp-cosine-warmup-evalsteps", (1,), model="medium",
           lr=2e-3, sched="cosine", warmup=100, batch=32, epochs=25, log_every=10,
           eval_every=50),
        *R("hf", "xor3d", "overfitting", "wide-n600-noisy", (1,), model="wide", n_train=600,
           label_noise=0.1, opt="adam", lr=1e-3, batch=32, epochs=150, log_every=10,
           eval_every=60, clip=0),
        *R("hf", "xor3d", "underfitting", "linear", (1,), model="linear", lr=1e-2, batch=32,
           epochs=10, log_every=10, eval_every=0),
        *R("hf", "xor3d", "diverging", "grow-nan", (1,), model="small", opt="adam", lr=1e-3,
           sched="grow", grow=1.03, batch=32, epochs=10, log_every=5, eval_every=20, clip=0,
           note="logging_nan_inf_filter on: NaN train losses are logged as the running mean (0.0)"),
        *R("hf", "xor3d", "loss_spike", "lr-bump-x50-5steps", (1,), model="small", opt="adam",
           lr=3e-3, batch=32, epochs=30, log_every=2, eval_every=25, bumps=[(900, 5, 50)]),
        *R("hf", "xor3d", "loss_spike", "poison-labels", (1,), model="small", opt="adam",
           lr=3e-3, batch=32, epochs=25, log_every=5, eval_every=25,
           poison=[(700, 20, "labels")]),
        *R("hf", "xor3d", "still_improving", "short-bestacc", (1,), model="small", lr=1e-3,
           batch=32, max_steps=600, log_every=5, eval_every=20, **A),
        *R("hf", "xor3d", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "sparse_uncorr", "healthy", "mlp-cosine-bestmse-es", S2, model="small",
           lr=1e-3, wd=0.1, sched="cosine", batch=32, epochs=40, log_every=50, eval_every=0,
           early_stop=5, **MSE),
        *R("hf", "sparse_uncorr", "healthy", "linear-plateau", (1,), model="linear", lr=1e-3,
           sched="plateau", batch=32, epochs=20, log_every=10, eval_every=20, best_metric="mse",
           note="lr_scheduler_type=reduce_lr_on_plateau on eval_mse"),
        *R("hf", "sparse_uncorr", "overfitting", "medium-bestmse", (1,), model="medium",
           opt="adam", lr=1e-3, batch=32, epochs=60, log_every=10, eval_every=50, clip=0,
           best_metric="mse"),
        *R("hf", "sparse_uncorr", "overfitting", "medium-n300", (1,), model="medium",
           n_train=300, opt="adam", lr=1e-3, batch=16, epochs=100, log_every=10, eval_every=20,
           clip=0),
        *R("hf", "sparse_uncorr", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=10, log_every=10, eval_every=0),
        *R("hf", "sparse_uncorr", "erratic", "medium-adam-hot-b4", (1,), model="medium",
           opt="adam", lr=0.05, batch=4, max_steps=2000, log_every=10, eval_every=40, clip=1.0),
        *R("hf", "sparse_uncorr", "diverging", "sgd-grow", (1,), model="small", opt="sgd",
           lr=1e-3, sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20,
           clip=0),
        *R("hf", "sparse_uncorr", "loss_spike", "poison-labels", (1,), model="small",
           opt="adam", lr=1e-3, wd=0.1, batch=32, epochs=15, log_every=2, eval_every=25,
           poison=[(500, 20, "labels")]),
        *R("hf", "sparse_uncorr", "still_improving", "sgd-slow", (1,), model="small", opt="sgd",
           lr=2e-4, batch=32, epochs=6, log_every=5, eval_every=20),
        *R("hf", "reverse_lm", "healthy", "transformer-warmlin", (1,), model="medium",
           arch="transformer", lr=2e-3, sched="linear", warmup=100, batch=32, max_steps=2000,
           log_every=5, eval_every=100),
        *R("hf", "reverse_lm", "healthy", "gru-wide-cosine", (1,), model="wide", arch="gru",
           lr=3e-3, sched="cosine", batch=32, max_steps=1500, log_every=10, eval_every=100),
        *R("hf", "reverse_lm", "overfitting", "gru-wide-small-n", (1,), model="wide",
           arch="gru", n_train=150, opt="adam", lr=3e-3, batch=16, max_steps=800,
           log_every=10, eval_every=20, clip=0),
        *R("hf", "reverse_lm", "diverging", "gru-sgd-grow", (1,), model="small", arch="gru",
           opt="sgd", lr=0.01, sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5,
           eval_every=25, clip=0),
        *R("hf", "reverse_lm", "loss_spike", "transformer-poison-labels-log1", (1,),
           model="medium", arch="transformer", opt="adam", lr=2e-3, batch=32, max_steps=1500,
           log_every=1,
           eval_every=50, poison=[(900, 20, "labels")]),
        *R("hf", "reverse_lm", "still_improving", "gru-short", (1,), model="small", arch="gru",
           lr=1e-3, batch=32, max_steps=400, log_every=10, eval_every=25),
        *R("hf", "reverse_lm", "insufficient_data", "two-evals", (1,), model="small", arch="gru",
           lr=1e-3, batch=32, max_steps=60, log_every=100, eval_every=30),
        # ---------------- keras_csv
        *R("keras_csv", "xor3d", "healthy", "mlp-plateau-es", S2, model="small", lr=3e-3,
           sched="plateau", batch=32, epochs=80, early_stop=10, **K),
        *R("keras_csv", "xor3d", "overfitting", "wide-n600-noisy", (1,), model="wide",
           n_train=600, label_noise=0.1, lr=1e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "xor3d", "still_improving", "adam-short", (1,), model="small", lr=1e-3,
           batch=32, epochs=8, **K),
        *R("keras_csv", "xor3d", "loss_spike", "lr-bump-x100-15steps", (1,), model="small",
           lr=3e-3, batch=32, epochs=30, bumps=[(15 * 57 + 10, 15, 100)], **K),
        *R("keras_csv", "xor3d", "loss_spike", "lr-bump-x50-20steps-epoch9", (1,), model="small",
           lr=3e-3, batch=32, epochs=30, bumps=[(9 * 57, 20, 50)], **K),
        *R("keras_csv", "sparse_uncorr", "healthy", "mlp-es", (1,), model="small", lr=1e-3,
           batch=32, epochs=60, early_stop=5, **K),
        *R("keras_csv", "sparse_uncorr", "overfitting", "medium-n400", (1,), model="medium",
           n_train=400, lr=1e-3, batch=32, epochs=100, clip=0, **K),
        *R("keras_csv", "sparse_uncorr", "erratic", "medium-adam-hot-b4", (1,), model="medium",
           lr=0.05, batch=4, epochs=12, clip=1.0, **K),
        *R("keras_csv", "sparse_uncorr", "underfitting", "sgd-wd5", (1,), model="small",
           opt="sgd", lr=0.01, wd=5.0, batch=16, epochs=15),
        *R("keras_csv", "sparse_uncorr", "insufficient_data", "one-epoch", (1,), model="small",
           lr=1e-3, batch=32, epochs=1, **K),
        *R("keras_csv", "reverse_lm", "healthy", "conv", (1,), model="medium", arch="conv",
           lr=2e-3, batch=64, epochs=20, **K),
        *R("keras_csv", "reverse_lm", "still_improving", "gru-short-lr1e-3", (1,), model="small",
           lr=1e-3, batch=64, epochs=8, **K),
        *R("keras_csv", "reverse_lm", "diverging", "gru-adam-grow", (1,), model="small",
           lr=1e-3, sched="grow", grow=1.6, batch=64, epochs=20, clip=0, **K),
        # ---------------- keras_tb
        *R("keras_tb", "xor3d", "healthy", "mlp-cosine-batchlog", (1,), model="small", lr=3e-3,
           sched="cosine", batch=32, epochs=30, log_every=19, **K),
        *R("keras_tb", "xor3d", "healthy", "mlp-cosine-batchlog2-quirk", (1,), model="small",
           lr=3e-3, sched="cosine", batch=32, epochs=30, log_every=2, tb_quirk=True, **K),
        *R("keras_tb", "xor3d", "loss_spike", "lr-bump-x50-20steps-epoch9-batchlog", (1,),
           model="small", lr=3e-3, batch=32, epochs=30, log_every=19,
           bumps=[(9 * 57, 20, 50)], **K),
        *R("keras_tb", "xor3d", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "xor3d", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "sparse_uncorr", "healthy", "linear-cosine-batchlog", (1,),
           model="linear", lr=1e-3, sched="cosine", batch=32, epochs=30, log_every=21, **K),
        *R("keras_tb", "sparse_uncorr", "overfitting", "wide-n300-lr2e-4", (1,), model="wide",
           n_train=300, lr=2e-4, batch=16, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "sparse_uncorr", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "reverse_lm", "healthy", "conv-cosine", (1,), model="medium", arch="conv",
           lr=2e-3, sched="cosine", batch=64, epochs=20, log_every=0, **K),
        *R("keras_tb", "reverse_lm", "overfitting", "gru-wide-small-n", (1,), model="wide",
           n_train=150, lr=3e-3, batch=16, epochs=100, log_every=0, clip=0, **K),
        *R("keras_tb", "reverse_lm", "underfitting", "gru-lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=10, log_every=25, **K),
    ]


def dev8(A, K, S2) -> list[Recipe]:
    """Eighth dev batch: lang_id, friedman2, rings (after dev7), the same machinery (hf
    metric_for_best_model accuracy / mse / loss, load_best_model_at_end, EarlyStoppingCallback,
    reduce_lr_on_plateau, logging_strategy "epoch" or logging_steps 5-50 with eval_steps that are
    not a multiple of them, eval by epoch, gradient_accumulation_steps 2-4; Keras
    ReduceLROnPlateau, EarlyStopping, CosineDecay, TensorBoard update_freq 19 / 21 or "epoch").
    Spikes: LR bumps x20-x100 for 5-20 steps and poisoned batches at 35%-65% of the run. Steps
    per epoch at batch 32: lang_id 57, friedman2 63, rings 57."""
    return [
        # ---------------- hf
        *R("hf", "rings", "healthy", "mlp-bestacc-es-logepoch", S2, model="small", lr=3e-3,
           sched="linear", batch=32, epochs=40, log_epoch=True, eval_every=0, early_stop=6, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "rings", "healthy", "medium-cosine-warmup-eval35-log10", (1,), model="medium",
           lr=2e-3, sched="cosine", warmup=100, batch=32, epochs=25, log_every=10,
           eval_every=35),
        *R("hf", "rings", "healthy", "small-accum2-bestloss", (1,), model="small", lr=3e-3,
           batch=16, accum=2, epochs=30, log_every=15, eval_every=40, **LOSS),
        *R("hf", "rings", "overfitting", "wide-n150-noisy", S2, model="wide", n_train=150,
           label_noise=0.3, opt="adam", lr=1e-3, batch=16, epochs=250, log_every=10,
           eval_every=35, clip=0),
        *R("hf", "rings", "underfitting", "linear", (1,), model="linear", lr=1e-2, batch=32,
           epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "rings", "erratic", "medium-sgd-hot-b4", (1,), model="medium", opt="sgd",
           lr=0.3, batch=4, max_steps=2000, log_every=10, eval_every=45, clip=1.0),
        *R("hf", "rings", "diverging", "grow-nan", (1,), model="small", opt="adam", lr=1e-3,
           sched="grow", grow=1.03, batch=32, epochs=10, log_every=5, eval_every=22, clip=0),
        *R("hf", "rings", "loss_spike", "lr-bump-x50-5steps", (1,), model="small", opt="adam",
           lr=3e-3, batch=32, epochs=30, log_every=2, eval_every=25, bumps=[(800, 5, 50)]),
        *R("hf", "rings", "loss_spike", "poison-labels", (1,), model="small", opt="adam",
           lr=3e-3, batch=32, epochs=25, log_every=5, eval_every=24,
           poison=[(600, 20, "labels")]),
        *R("hf", "rings", "still_improving", "short-bestacc", (1,), model="small", lr=3e-4,
           batch=32, max_steps=400, log_every=5, eval_every=20, **A),
        *R("hf", "rings", "insufficient_data", "summary-only", (1,), model="small", lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "friedman2", "healthy", "mlp-cosine-bestmse-es", S2, model="small", lr=1e-3,
           wd=0.1, sched="cosine", batch=32, epochs=40, log_every=50, eval_every=0,
           early_stop=5, **MSE),
        *R("hf", "friedman2", "healthy", "small-linear-accum4", (1,), model="small", lr=2e-3,
           sched="linear", batch=8, accum=4, epochs=30, log_every=7, eval_every=20,
           best_metric="mse"),
        *R("hf", "friedman2", "overfitting", "wide-n150", S2, model="wide", n_train=150,
           opt="adam", lr=1e-3, batch=16, epochs=250, log_every=10, eval_every=25, clip=0),
        *R("hf", "friedman2", "underfitting", "lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "friedman2", "erratic", "medium-adam-hot-b4", (1,), model="medium",
           opt="adam", lr=0.08, batch=4, max_steps=2000, log_every=10, eval_every=45, clip=1.0),
        *R("hf", "friedman2", "diverging", "sgd-grow", (1,), model="small", opt="sgd",
           lr=1e-3, sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20,
           clip=0),
        *R("hf", "friedman2", "loss_spike", "poison-labels", (1,), model="small", opt="adam",
           lr=1e-3, wd=0.1, batch=32, epochs=15, log_every=2, eval_every=25,
           poison=[(450, 20, "labels")]),
        *R("hf", "friedman2", "loss_spike", "poison-inputs-10steps", (1,), model="small",
           opt="adam", lr=1e-3, batch=32, epochs=20, log_every=3, eval_every=25,
           poison=[(600, 10, "inputs")]),
        *R("hf", "friedman2", "still_improving", "sgd-slow-bestmse", (1,), model="small",
           opt="sgd", lr=2e-4, batch=32, epochs=6, log_every=5, eval_every=20, **MSE),
        *R("hf", "lang_id", "healthy", "gru-bestacc-logepoch", (1,), model="small", arch="gru",
           lr=3e-3, sched="cosine", batch=32, epochs=20, log_epoch=True, eval_every=0, **A),
        *R("hf", "lang_id", "healthy", "gru-accum2-eval50-log20", (1,), model="small",
           arch="gru", lr=3e-3, sched="linear", batch=16, accum=2, epochs=40, log_every=20,
           eval_every=50),
        *R("hf", "lang_id", "overfitting", "gru-wide-n200", (1,), model="wide", arch="gru",
           n_train=200, opt="adam", lr=3e-3, batch=16, max_steps=1200, log_every=10,
           eval_every=25, clip=0),
        *_hf_gru_faults("lang_id"),
        # ---------------- keras_csv
        *R("keras_csv", "rings", "healthy", "mlp-plateau-es", S2, model="small", lr=3e-3,
           sched="plateau", batch=32, epochs=80, early_stop=10, **K),
        *R("keras_csv", "rings", "overfitting", "wide-n150-noisy", (1,), model="wide",
           n_train=150, label_noise=0.3, lr=1e-3, batch=16, epochs=200, clip=0, **K),
        *R("keras_csv", "rings", "still_improving", "adam-short", (1,), model="small", lr=3e-4,
           batch=32, epochs=8, **K),
        *R("keras_csv", "rings", "loss_spike", "lr-bump-x50-20steps-epoch10", (1,),
           model="small", lr=3e-3, batch=32, epochs=25, bumps=[(10 * 57, 20, 50)], **K),
        *R("keras_csv", "friedman2", "healthy", "mlp-es", (1,), model="small", lr=1e-3,
           batch=32, epochs=60, early_stop=5, **K),
        *R("keras_csv", "friedman2", "overfitting", "wide-n150", (1,), model="wide",
           n_train=150, lr=1e-3, batch=16, epochs=200, clip=0, **K),
        *R("keras_csv", "friedman2", "underfitting", "sgd-lr1e-5", (1,), model="small",
           opt="sgd", lr=1e-5, batch=16, epochs=15),
        *R("keras_csv", "friedman2", "insufficient_data", "one-epoch", (1,), model="small",
           lr=1e-3, batch=32, epochs=1, **K),
        *R("keras_csv", "lang_id", "healthy", "gru-es", (1,), model="small", lr=3e-3, batch=32,
           epochs=30, early_stop=4, **K),
        *R("keras_csv", "lang_id", "still_improving", "gru-short-lr5e-4", (1,), model="small",
           lr=5e-4, batch=32, epochs=6, **K),
        *R("keras_csv", "lang_id", "diverging", "gru-adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.8, batch=32, epochs=20, clip=0, **K),
        # ---------------- keras_tb
        *R("keras_tb", "rings", "healthy", "mlp-cosine-batchlog", (1,), model="small", lr=3e-3,
           sched="cosine", batch=32, epochs=30, log_every=19, **K),
        *R("keras_tb", "rings", "underfitting", "linear", (1,), model="linear", lr=1e-2,
           batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "rings", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "friedman2", "healthy", "small-cosine-batchlog-lr3e-4", (1,), model="small",
           lr=3e-4, sched="cosine", batch=32, epochs=40, log_every=21, **K),
        *R("keras_tb", "friedman2", "overfitting", "wide-n100", (1,), model="wide",
           n_train=100, lr=1e-3, batch=16, epochs=200, log_every=0, clip=0, **K),
        *R("keras_tb", "friedman2", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "lang_id", "healthy", "conv-cosine", (1,), model="small", arch="conv",
           lr=2e-3, sched="cosine", batch=32, epochs=20, log_every=0, **K),
        *R("keras_tb", "lang_id", "underfitting", "gru-lr1e-6", (1,), model="small", lr=1e-6,
           batch=32, epochs=8, log_every=19, **K),
    ]


def _hf_gru_faults(task: str) -> list[Recipe]:
    """The HF Trainer fault recipes the eighth and ninth batches share for their GRU sequence
    tasks (lang_id, dyck_lm): a growing SGD LR, poisoned labels logged every step, a run cut
    short and two evaluations."""
    return [
        *R("hf", task, "diverging", "gru-sgd-grow", (1,), model="small", arch="gru",
           opt="sgd", lr=0.01, sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5,
           eval_every=25, clip=0),
        *R("hf", task, "loss_spike", "gru-poison-labels-log1", (1,), model="small",
           arch="gru", opt="adam", lr=3e-3, batch=32, max_steps=1200, log_every=1,
           eval_every=50, poison=[(600, 20, "labels")]),
        *R("hf", task, "still_improving", "gru-short", (1,), model="small", arch="gru",
           lr=1e-3, batch=32, max_steps=300, log_every=10, eval_every=25),
        *R("hf", task, "insufficient_data", "two-evals", (1,), model="small", arch="gru",
           lr=1e-3, batch=32, max_steps=60, log_every=100, eval_every=30),
    ]


def _hf_regression(task: str, S2, underfit: str, underfit_model: str, underfit_lr: float,
                   erratic_seeds=(1,)) -> list[Recipe]:
    """The HF Trainer recipes the ninth and tenth batches share for their standardised
    regressions (s_curve, friedman3): early-stopped and accumulated healthy runs, a wide MLP on
    150 examples, an underfitting run (``underfit``: a linear model or LR 1e-6), hot Adam at
    batch 4, a growing SGD LR, random-target batches, slow SGD and two evaluations."""
    return [
        *R("hf", task, "healthy", "medium-cosine-bestmse-es-firststep", S2,
           model="medium", lr=2e-3, sched="cosine", batch=32, epochs=40, log_every=50,
           eval_every=0, early_stop=5, first_step=True, **MSE),
        *R("hf", task, "healthy", "medium-accum2-eval35-log10-bestloss", (1,),
           model="medium", lr=2e-3, sched="linear", batch=16, accum=2, epochs=30, log_every=10,
           eval_every=35, **LOSS),
        *R("hf", task, "overfitting", "wide-n150", (1,), model="wide", n_train=150,
           opt="adam", lr=1e-3, batch=16, epochs=250, log_every=10, eval_every=25, clip=0),
        *R("hf", task, "underfitting", underfit, (1,), model=underfit_model, lr=underfit_lr,
           batch=32, epochs=10, log_epoch=True, eval_every=0),
        *R("hf", task, "erratic", "medium-adam-hot-b4", erratic_seeds, model="medium", opt="adam",
           lr=0.08, batch=4, max_steps=2000, log_every=10, eval_every=45, clip=1.0),
        *R("hf", task, "diverging", "sgd-grow", (1,), model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", task, "loss_spike", "poison-labels", (1,), model="small", opt="adam",
           lr=1e-3, batch=32, epochs=20, log_every=2, eval_every=25,
           poison=[(600, 20, "labels")]),
        *R("hf", task, "still_improving", "sgd-slow-bestmse", (1,), model="small",
           opt="sgd", lr=2e-4, batch=32, epochs=6, log_every=5, eval_every=20, **MSE),
        *R("hf", task, "insufficient_data", "two-evals", (1,), model="small", lr=1e-3,
           batch=32, max_steps=60, log_every=100, eval_every=30),
    ]


def dev9(A, K, S2) -> list[Recipe]:
    """Ninth dev batch: classes20, s_curve, dyck_lm, wave_cls (after dev8), the same machinery
    (hf metric_for_best_model accuracy / mse / loss, load_best_model_at_end,
    EarlyStoppingCallback, logging_first_step, logging_strategy "epoch" or logging_steps 1-50
    with eval_steps not a multiple of them, eval by epoch, gradient_accumulation_steps 2 / 4;
    Keras ReduceLROnPlateau, EarlyStopping, CosineDecay, model.fit(validation_freq=2 / 5),
    TensorBoard update_freq or "epoch"). Steps per epoch at batch 32: classes20 79, s_curve 63,
    dyck_lm 125, wave_cls 63."""
    return [
        # ---------------- hf
        *R("hf", "classes20", "healthy", "medium-wd-bestacc-es-firststep", S2, model="medium",
           lr=1e-3, wd=0.05, sched="cosine", batch=32, epochs=30, log_every=20, eval_every=0,
           early_stop=5, first_step=True, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "classes20", "healthy", "medium-cosine-eval50-log15", (1,), model="medium",
           lr=1e-3, sched="cosine", warmup=100, batch=32, epochs=25, log_every=15,
           eval_every=50),
        *R("hf", "classes20", "healthy", "small-accum4", (1,), model="small", lr=2e-3,
           sched="linear", batch=8, accum=4, epochs=30, log_every=10, eval_every=0),
        *R("hf", "classes20", "overfitting", "wide-n300-noisy", (1,), model="wide", n_train=300,
           label_noise=0.2, opt="adam", lr=1e-3, batch=16, epochs=200, log_every=10,
           eval_every=40, clip=0),
        *R("hf", "classes20", "underfitting", "lr1e-6", (1,), model="medium", lr=1e-6,
           batch=32, epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "classes20", "diverging", "sgd-grow", (1,), model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", "classes20", "loss_spike", "lr-bump-x50-10steps", (1,), model="small",
           opt="adam", lr=2e-3, batch=32, epochs=25, log_every=2, eval_every=25,
           bumps=[(900, 10, 50)]),
        *R("hf", "classes20", "still_improving", "short-bestacc", (1,), model="small", lr=3e-4,
           batch=32, max_steps=400, log_every=5, eval_every=20, **A),
        *R("hf", "classes20", "insufficient_data", "summary-only", (1,), model="small",
           lr=1e-3, batch=32, max_steps=40, log_every=100, eval_every=40),
        *_hf_regression("s_curve", S2, "lr1e-6", "small", 1e-6),
        *R("hf", "dyck_lm", "healthy", "gru-cosine-firststep-bestloss-eval25", (1,),
           model="small", arch="gru", lr=1e-3, sched="cosine", batch=32, epochs=8,
           log_every=10, eval_every=25, first_step=True, **LOSS),
        *R("hf", "dyck_lm", "healthy", "transformer-n1000-warmlin-logepoch", (1,), model="small",
           arch="transformer", n_train=1000, lr=1e-3, sched="linear", warmup=100, batch=32,
           epochs=30, log_epoch=True, eval_every=0),
        *R("hf", "dyck_lm", "healthy", "gru-long5k-log1-eval50", (1,), model="small",
           arch="gru", lr=1e-3, sched="cosine", batch=32, max_steps=5000, log_every=1,
           eval_every=50),
        *R("hf", "dyck_lm", "overfitting", "gru-wide-n150", (1,), model="wide", arch="gru",
           n_train=150, opt="adam", lr=3e-3, batch=16, max_steps=1000, log_every=10,
           eval_every=25, clip=0),
        *R("hf", "dyck_lm", "underfitting", "gru-lr1e-6", (1,), model="small", arch="gru",
           lr=1e-6, batch=32, epochs=3, log_every=10, eval_every=50),
        *_hf_gru_faults("dyck_lm"),
        *R("hf", "wave_cls", "healthy", "cnn-bestacc-es-firststep", S2, model="small",
           arch="conv1d", lr=2e-3, sched="linear", batch=32, epochs=30, log_every=20,
           eval_every=0, early_stop=5, first_step=True, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "wave_cls", "healthy", "gru-cosine-eval40-log15", (1,), model="small",
           arch="rnn", lr=3e-3, sched="cosine", batch=32, epochs=20, log_every=15,
           eval_every=40),
        *R("hf", "wave_cls", "overfitting", "mlp-medium-n600", (1,), model="medium",
           n_train=600, opt="adam", lr=1e-3, batch=32, epochs=100, log_every=10, eval_every=38,
           clip=0),
        *R("hf", "wave_cls", "underfitting", "linear", (1,), model="linear", lr=1e-2, batch=32,
           epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "wave_cls", "erratic", "cnn-sgd-hot-b4", (1,), model="small", arch="conv1d",
           opt="sgd", lr=0.3, batch=4, max_steps=2000, log_every=10, eval_every=45, clip=1.0),
        *R("hf", "wave_cls", "diverging", "cnn-adam-grow", (1,), model="small", arch="conv1d",
           opt="adam", lr=1e-3, sched="grow", grow=1.03, batch=32, epochs=10, log_every=5,
           eval_every=22, clip=0),
        *R("hf", "wave_cls", "loss_spike", "cnn-lr-bump-x50-5steps", (1,), model="small",
           arch="conv1d", opt="adam", lr=2e-3, batch=32, epochs=25, log_every=2, eval_every=25,
           bumps=[(800, 5, 50)]),
        *R("hf", "wave_cls", "still_improving", "gru-short-bestacc", (1,), model="small",
           arch="rnn", lr=1e-3, batch=32, max_steps=400, log_every=5, eval_every=20, **A),
        *R("hf", "wave_cls", "insufficient_data", "summary-only", (1,), model="small",
           arch="conv1d", lr=1e-3, batch=32, max_steps=40, log_every=100, eval_every=40),
        # ---------------- keras_csv
        *R("keras_csv", "classes20", "healthy", "medium-valfreq2", (1,), model="medium",
           lr=1e-3, batch=32, epochs=40, val_freq=2, **K),
        *R("keras_csv", "classes20", "overfitting", "wide-n300-noisy", (1,), model="wide",
           n_train=300, label_noise=0.2, lr=1e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "s_curve", "healthy", "medium-es", (1,), model="medium", lr=1e-3,
           batch=32, epochs=60, early_stop=5, **K),
        *R("keras_csv", "s_curve", "underfitting", "linear-sgd", (1,), model="linear",
           opt="sgd", lr=0.01, batch=32, epochs=20),
        *R("keras_csv", "s_curve", "still_improving", "adam-short-lr1e-4", (1,), model="small",
           lr=1e-4, batch=32, epochs=8, **K),
        *R("keras_csv", "dyck_lm", "healthy", "conv-n1000-cosine-valfreq2", (1,), model="medium",
           arch="conv", n_train=1000, lr=5e-4, sched="cosine", batch=32, epochs=30, val_freq=2,
           **K),
        *R("keras_csv", "dyck_lm", "underfitting", "gru-lr1e-6", (1,), model="small", lr=1e-6,
           batch=64, epochs=5, **K),
        *R("keras_csv", "wave_cls", "healthy", "cnn-plateau-es", (1,), model="small",
           arch="conv1d", lr=2e-3, sched="plateau", batch=32, epochs=60, early_stop=8, **K),
        *R("keras_csv", "wave_cls", "overfitting", "mlp-medium-n600", (1,), model="medium",
           n_train=600, lr=1e-3, batch=32, epochs=100, clip=0, **K),
        *R("keras_csv", "wave_cls", "diverging", "cnn-adam-grow", (1,), model="small",
           arch="conv1d", lr=1e-3, sched="grow", grow=1.6, batch=32, epochs=30, clip=0, **K),
        # ---------------- keras_tb
        *R("keras_tb", "classes20", "healthy", "small-cosine-batchlog", (1,), model="small",
           lr=3e-3, sched="cosine", batch=32, epochs=30, log_every=10, **K),
        *R("keras_tb", "classes20", "underfitting", "lr1e-6", (1,), model="medium", lr=1e-6,
           batch=32, epochs=10, log_every=0, **K),
        *R("keras_tb", "classes20", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "s_curve", "healthy", "small-lr2e-4-cosine-valfreq5", (1,), model="small",
           lr=2e-4, sched="cosine", batch=32, epochs=80, val_freq=5, log_every=0, **K),
        *R("keras_tb", "s_curve", "overfitting", "wide-n150", (1,), model="wide", n_train=150,
           lr=1e-3, batch=16, epochs=200, log_every=0, clip=0, **K),
        *R("keras_tb", "s_curve", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "dyck_lm", "healthy", "gru-n1000-cosine-batchlog", (1,), model="small",
           n_train=1000, lr=1e-3, sched="cosine", batch=32, epochs=25, log_every=16, **K),
        *R("keras_tb", "dyck_lm", "overfitting", "gru-wide-n150", (1,), model="wide",
           n_train=150, lr=3e-3, batch=16, epochs=80, log_every=0, clip=0, **K),
        *R("keras_tb", "wave_cls", "healthy", "gru-valfreq2", (1,), model="small", arch="rnn",
           lr=3e-3, batch=32, epochs=20, val_freq=2, log_every=0, **K),
        *R("keras_tb", "wave_cls", "loss_spike", "cnn-lr-bump-x100-40steps", (1,), model="small",
           arch="conv1d", lr=2e-3, batch=32, epochs=25, bumps=[(10 * 63 + 10, 40, 100)],
           log_every=21, **K),
        *R("keras_tb", "wave_cls", "underfitting", "linear", (1,), model="linear", lr=1e-2,
           batch=32, epochs=15, log_every=0, **K),
        *R("keras_tb", "wave_cls", "insufficient_data", "two-epochs", (1,), model="small",
           arch="conv1d", lr=1e-3, batch=32, epochs=2, log_every=0, **K),
    ]


def dev10(A, K, S2) -> list[Recipe]:
    """Tenth dev batch: digits_cnn, multilabel, friedman3, copy_lm (after dev9), the same
    machinery (hf metric_for_best_model accuracy / f1 / mse / loss, load_best_model_at_end,
    EarlyStoppingCallback, logging_first_step, warm-up as a ratio of the run, logging_strategy
    "epoch" or logging_steps 1-20 with eval_steps not a multiple of them, eval by epoch,
    gradient_accumulation_steps 2 / 4; Keras ReduceLROnPlateau, EarlyStopping, CosineDecay,
    model.fit(validation_freq=2), TensorBoard update_freq or "epoch"). multilabel is a new loss:
    BCE-with-logits averaged over 8 labels (hf compute_metrics: micro-F1 and subset accuracy;
    Keras F1Score(average="micro") and BinaryAccuracy). copy_lm scores the copied half only.
    Steps per epoch at batch 32: digits_cnn 44, multilabel 63, friedman3 63, copy_lm 125."""
    F1 = {"best_metric": "f1", "load_best": True}
    return [
        # ---------------- hf
        *R("hf", "digits_cnn", "healthy", "cnn-bestacc-es-firststep", S2, model="small",
           arch="cnn", lr=2e-3, sched="linear", batch=32, epochs=30, log_every=20, eval_every=0,
           early_stop=5, first_step=True, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "digits_cnn", "healthy", "cnn-cosine-warmratio-eval40-log15", (1,),
           model="small", arch="cnn", lr=2e-3, sched="cosine", warmup_ratio=0.1, batch=32,
           epochs=20, log_every=15, eval_every=40),
        *R("hf", "digits_cnn", "overfitting", "mlp-medium-long", (1,), model="medium", opt="adam",
           lr=1e-3, batch=32, epochs=60, log_every=10, eval_every=50, clip=0),
        *R("hf", "digits_cnn", "underfitting", "cnn-lr1e-6", (1,), model="small", arch="cnn",
           lr=1e-6, batch=32, epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "digits_cnn", "diverging", "sgd-grow", (1,), model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=10, log_every=5, eval_every=20, clip=0),
        *R("hf", "digits_cnn", "loss_spike", "cnn-poison-labels", (1,), model="small",
           arch="cnn", opt="adam", lr=2e-3, batch=32, epochs=25, log_every=2, eval_every=25,
           poison=[(600, 20, "labels")]),
        *R("hf", "digits_cnn", "still_improving", "cnn-short-lr1e-3-bestacc", (1,),
           model="small", arch="cnn", lr=1e-3, batch=32, max_steps=250, log_every=5,
           eval_every=20, **A),
        *R("hf", "digits_cnn", "insufficient_data", "summary-only", (1,), model="small",
           arch="cnn", lr=1e-3, batch=32, max_steps=40, log_every=100, eval_every=40),
        *R("hf", "multilabel", "healthy", "medium-wd-bestf1-es-firststep", S2, model="medium",
           lr=1e-3, wd=0.05, sched="cosine", batch=32, epochs=30, log_every=20, eval_every=0,
           early_stop=5, first_step=True, **F1,
           note="metric_for_best_model=f1 (micro-F1 over the 8 labels): the label follows eval_f1"),
        *R("hf", "multilabel", "healthy", "small-accum4-warmratio", (1,), model="small", lr=2e-3,
           sched="linear", warmup_ratio=0.1, batch=8, accum=4, epochs=30, log_every=10,
           eval_every=0),
        *R("hf", "multilabel", "overfitting", "wide-n300-noisy", (1,), model="wide", n_train=300,
           label_noise=0.1, opt="adam", lr=1e-3, batch=16, epochs=100, log_every=10,
           eval_every=40, clip=0),
        *R("hf", "multilabel", "underfitting", "lr1e-6", (1,), model="medium", lr=1e-6,
           batch=32, epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "multilabel", "diverging", "sgd-grow", (1,), model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", "multilabel", "loss_spike", "poison-labels-30steps", (1,), model="small",
           opt="adam", lr=2e-3, batch=32, epochs=20, log_every=2, eval_every=25,
           poison=[(630, 30, "labels")]),
        *R("hf", "multilabel", "still_improving", "short-bestf1", (1,), model="medium", lr=3e-4,
           batch=32, max_steps=300, log_every=5, eval_every=20, **F1),
        *R("hf", "multilabel", "insufficient_data", "two-evals", (1,), model="small", lr=1e-3,
           batch=32, max_steps=60, log_every=100, eval_every=30),
        *_hf_regression("friedman3", S2, "linear", "linear", 1e-2, erratic_seeds=(1, 2, 3)),
        *R("hf", "copy_lm", "healthy", "transformer-cosine-warmratio-firststep-bestloss", (1,),
           model="small", arch="transformer", lr=1e-3, sched="cosine", warmup_ratio=0.05,
           batch=32, epochs=12, log_every=10, eval_every=25, first_step=True, **LOSS),
        *R("hf", "copy_lm", "healthy", "transformer-long5k-log1-eval50", (1,), model="small",
           arch="transformer", lr=5e-4, batch=32, max_steps=5000, log_every=1, eval_every=50),
        *R("hf", "copy_lm", "overfitting", "gru-wide-n300-noisy", (1,), model="wide", arch="gru",
           n_train=300, label_noise=0.1, opt="adam", lr=3e-3, batch=32, max_steps=1000,
           log_every=10, eval_every=25, clip=0),
        *R("hf", "copy_lm", "underfitting", "gru-lr1e-6", (1,), model="small", arch="gru",
           lr=1e-6, batch=32, epochs=3, log_every=10, eval_every=50),
        *R("hf", "copy_lm", "diverging", "transformer-sgd-grow", (1,), model="small",
           arch="transformer", opt="sgd", lr=0.01, sched="grow", grow=1.02, batch=32,
           max_steps=600, log_every=5, eval_every=25, clip=0),
        *R("hf", "copy_lm", "loss_spike", "transformer-poison-labels-log1", (1,), model="small",
           arch="transformer", opt="adam", lr=1e-3, batch=32, max_steps=1500, log_every=1,
           eval_every=50, poison=[(900, 20, "labels")]),
        *R("hf", "copy_lm", "still_improving", "gru-short", (1,), model="small", arch="gru",
           lr=3e-3, batch=32, max_steps=600, log_every=10, eval_every=25),
        *R("hf", "copy_lm", "insufficient_data", "summary-only", (1,), model="small",
           arch="transformer", lr=1e-3, batch=32, max_steps=40, log_every=100, eval_every=40),
        # ---------------- keras_csv
        *R("keras_csv", "digits_cnn", "healthy", "cnn-plateau-es", (1,), model="small",
           arch="cnn", lr=2e-3, sched="plateau", batch=32, epochs=60, early_stop=8, **K),
        *R("keras_csv", "digits_cnn", "overfitting", "mlp-medium-long", (1,), model="medium",
           lr=1e-3, batch=32, epochs=60, clip=0, **K),
        *R("keras_csv", "digits_cnn", "loss_spike", "cnn-lr-bump-x30-10steps", (1,),
           model="small", arch="cnn", lr=2e-3, batch=32, epochs=30,
           bumps=[(10 * 44 + 10, 10, 30)], **K),
        *R("keras_csv", "multilabel", "healthy", "small-cosine-valfreq2", (1,), model="small",
           lr=1e-3, sched="cosine", batch=32, epochs=30, val_freq=2, **K),
        *R("keras_csv", "multilabel", "overfitting", "wide-n300-noisy", (1,), model="wide",
           n_train=300, label_noise=0.1, lr=1e-3, batch=16, epochs=150, clip=0, **K),
        *R("keras_csv", "multilabel", "underfitting", "lr1e-6", (1,), model="medium", lr=1e-6,
           batch=32, epochs=10, **K),
        *R("keras_csv", "friedman3", "healthy", "medium-es", (1,), model="medium", lr=1e-3,
           batch=32, epochs=60, early_stop=5, **K),
        *R("keras_csv", "friedman3", "underfitting", "linear-sgd", (1,), model="linear",
           opt="sgd", lr=0.01, batch=32, epochs=20),
        *R("keras_csv", "friedman3", "erratic", "medium-adam-hot-b4", (1,), model="medium",
           lr=0.08, batch=4, epochs=15, clip=1.0, **K),
        *R("keras_csv", "copy_lm", "healthy", "conv-medium-lr2e-4-cosine-valfreq2", (1,),
           model="medium", arch="conv", lr=2e-4, sched="cosine", batch=32, epochs=20,
           val_freq=2, **K),
        *R("keras_csv", "copy_lm", "overfitting", "gru-wide-n300-noisy", (1,), model="wide",
           n_train=300, label_noise=0.1, lr=3e-3, batch=32, epochs=100, clip=0, **K),
        *R("keras_csv", "copy_lm", "still_improving", "gru-short", (1,), model="small",
           lr=3e-3, batch=32, epochs=5, **K),
        # ---------------- keras_tb
        *R("keras_tb", "digits_cnn", "healthy", "cnn-cosine-batchlog", (1,), model="small",
           arch="cnn", lr=2e-3, sched="cosine", batch=32, epochs=30, log_every=11, **K),
        *R("keras_tb", "digits_cnn", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=30, log_every=0, clip=0, **K),
        *R("keras_tb", "digits_cnn", "insufficient_data", "two-epochs", (1,), model="small",
           arch="cnn", lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "multilabel", "healthy", "small-cosine-batchlog", (1,), model="small",
           lr=2e-3, sched="cosine", batch=32, epochs=25, log_every=21, **K),
        *R("keras_tb", "multilabel", "still_improving", "small-lr1e-4-short", (1,),
           model="small", lr=1e-4, batch=32, epochs=8, log_every=0, **K),
        *R("keras_tb", "multilabel", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=30, log_every=0, clip=0, **K),
        *R("keras_tb", "friedman3", "overfitting", "wide-n150", (1,), model="wide", n_train=150,
           lr=1e-3, batch=16, epochs=200, log_every=0, clip=0, **K),
        *R("keras_tb", "friedman3", "erratic", "medium-adam-hot-b4", (2,), model="medium",
           lr=0.08, batch=4, epochs=15, clip=1.0, log_every=0, **K),
        *R("keras_tb", "friedman3", "still_improving", "adam-short-lr1e-4", (1,), model="small",
           lr=1e-4, batch=32, epochs=8, log_every=0, **K),
        *R("keras_tb", "copy_lm", "underfitting", "gru-lr1e-6", (1,), model="small", lr=1e-6,
           batch=64, epochs=5, log_every=0, **K),
        *R("keras_tb", "copy_lm", "diverging", "gru-adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=25, log_every=0, clip=0, **K),
        *R("keras_tb", "copy_lm", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
    ]


def dev11(A, K, S2) -> list[Recipe]:
    """Eleventh dev batch: descr_lm, digits_shift, noisy4 (after dev10), the same machinery
    (hf metric_for_best_model accuracy / loss, load_best_model_at_end, EarlyStoppingCallback,
    logging_first_step, eval by epoch or by steps; Keras EarlyStopping, CosineDecay,
    TensorBoard update_freq or "epoch"), aimed at fine-tunes (hf pre_steps: a tasks.make_model
    body pre-trained, unlogged, on related data: val low from the first eval), short runs of
    8-15 per-epoch evals and a high loss floor (noisy4, 28% of all labels flipped). Keras
    runs train from scratch. Steps per epoch: descr_lm 125 (batch 32), digits_shift 38 (batch
    16), noisy4 63 (batch 32)."""
    LOSS = {"best_metric": "loss", "load_best": True}
    FT = {"model": "small", "arch": "gru", "pre_steps": 1500}
    FD = {"model": "medium", "pre_steps": 600, "batch": 16}
    return [
        # ---------------- hf
        *R("hf", "descr_lm", "healthy", "ft-gru-cosine-firststep", S2, **FT, lr=1e-3,
           sched="cosine", batch=32, epochs=6, log_every=10, eval_every=0, first_step=True,
           note="a fine-tune: val is low from the first eval"),
        *R("hf", "descr_lm", "healthy", "ft-gru-linear-eval50-bestloss", (1,), **FT, lr=1e-3,
           sched="linear", batch=32, max_steps=600, log_every=5, eval_every=50, **LOSS),
        *R("hf", "descr_lm", "underfitting", "ft-freshhead-frozen-lr1e-5", (1,), **FT,
           fresh_head=True, freeze=True, lr=1e-5, batch=32, epochs=3, log_every=10,
           eval_every=50),
        *R("hf", "descr_lm", "still_improving", "scratch-gru-short", (1,), model="small",
           arch="gru", lr=2e-3, batch=32, epochs=8, log_every=10, eval_every=0),
        *R("hf", "descr_lm", "loss_spike", "ft-poison-labels-log2", (1,), **FT, opt="adam",
           lr=1e-3, batch=32, max_steps=800, log_every=2, eval_every=50,
           poison=[(400, 20, "labels")]),
        *R("hf", "descr_lm", "diverging", "scratch-sgd-grow", (1,), model="small", arch="gru",
           opt="sgd", lr=0.01, sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5,
           eval_every=25, clip=0),
        *R("hf", "descr_lm", "insufficient_data", "ft-summary-only", (1,), **FT, lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        # (metric_for_best_model=accuracy here: 1 - accuracy is 0.03-0.05 and moves by one
        # or two val images between evals, so the label would follow noise; the loss is judged)
        *R("hf", "digits_shift", "healthy", "ft-lr3e-4-bestloss", (1, 2, 3), **FD, lr=3e-4,
           epochs=12, log_every=5, eval_every=0, **LOSS,
           note="a fine-tune: val is low from the first eval"),
        *R("hf", "digits_shift", "healthy", "ft-freshhead-cosine-firststep", (1,), **FD,
           fresh_head=True, lr=1e-3, sched="cosine", epochs=15, log_every=5, eval_every=0,
           first_step=True),
        *R("hf", "digits_shift", "overfitting", "ft-wide-n150-noisy30", S2, model="wide",
           pre_steps=600, n_train=150, label_noise=0.3, opt="adam", lr=1e-3, batch=16,
           epochs=40, log_every=5, eval_every=0, clip=0),
        *R("hf", "digits_shift", "underfitting", "ft-freshhead-lr1e-6", (1,), **FD,
           fresh_head=True, lr=1e-6, epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "digits_shift", "erratic", "ft-adam-hot-b4", (1,), model="medium",
           pre_steps=600, opt="adam", lr=0.03, batch=4, epochs=12, log_every=25, eval_every=0,
           clip=1.0),
        *R("hf", "digits_shift", "still_improving", "scratch-short-lr3e-4", (1,),
           model="medium", lr=3e-4, batch=16, epochs=12, log_every=5, eval_every=0),
        *R("hf", "digits_shift", "loss_spike", "ft-poison-labels", (1,), **FD, opt="adam",
           lr=3e-4, epochs=15, log_every=2, eval_every=19, poison=[(260, 10, "labels")]),
        *R("hf", "digits_shift", "diverging", "sgd-grow", (1,), model="medium", opt="sgd",
           lr=1e-3, sched="grow", grow=1.02, batch=16, epochs=12, log_every=5, eval_every=19,
           clip=0),
        *R("hf", "digits_shift", "insufficient_data", "two-evals", (1,), **FD, lr=3e-4,
           max_steps=40, log_every=100, eval_every=20),
        *R("hf", "noisy4", "healthy", "medium-e12-bestacc", S2, model="medium", lr=1e-3,
           batch=32, epochs=12, log_every=10, eval_every=0, **A,
           note="28% of all labels flipped: healthy at a high loss; the label follows "
                "eval_accuracy"),
        *R("hf", "noisy4", "healthy", "small-es-firststep-bestloss", (1,), model="small",
           lr=1e-3, batch=32, epochs=40, log_every=20, eval_every=0, early_stop=4,
           first_step=True, **LOSS),
        *R("hf", "noisy4", "overfitting", "wide-n300", (1,), model="wide", n_train=300,
           opt="adam", lr=1e-3, batch=32, epochs=40, log_every=5, eval_every=0, clip=0),
        *R("hf", "noisy4", "underfitting", "lr1e-6", (1,), model="medium", lr=1e-6, batch=32,
           epochs=12, log_epoch=True, eval_every=0),
        *R("hf", "noisy4", "still_improving", "short-lr1e-4", (1,), model="small", lr=1e-4,
           batch=32, epochs=15, log_every=10, eval_every=0),
        *R("hf", "noisy4", "loss_spike", "poison-inputs", (1,), model="small", opt="adam",
           lr=2e-3, batch=32, epochs=15, log_every=2, eval_every=25,
           poison=[(500, 20, "inputs")]),
        *R("hf", "noisy4", "diverging", "sgd-grow", (1,), model="small", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, epochs=8, log_every=5, eval_every=20, clip=0),
        *R("hf", "noisy4", "insufficient_data", "two-evals", (1,), model="small", lr=1e-3,
           batch=32, max_steps=60, log_every=100, eval_every=30),
        *R("hf", "digits_shift", "erratic", "ft-adam0.01-b4", (2, 3), model="medium",
           pre_steps=600, opt="adam", lr=0.01, batch=4, epochs=12, log_every=25, eval_every=0,
           clip=1.0),
        *R("hf", "digits_shift", "still_improving", "ft-freshhead-lr1e-4-e10", (1,), **FD,
           fresh_head=True, lr=1e-4, epochs=10, log_every=5, eval_every=0, first_step=True),
        *R("hf", "noisy4", "overfitting", "wide-n200-e15", (1,), model="wide", n_train=200,
           opt="adam", lr=1e-3, batch=32, epochs=15, log_every=2, eval_every=0, clip=0),
        *R("hf", "noisy4", "healthy", "medium-e10-bestloss", (3,), model="medium", lr=1e-3,
           batch=32, epochs=10, log_every=10, eval_every=0, **LOSS,
           note="28% of all labels flipped: healthy at a high loss"),
        *R("hf", "descr_lm", "healthy", "ft-gru-cosine-firststep", (3,), **FT, lr=1e-3,
           sched="cosine", batch=32, epochs=6, log_every=10, eval_every=0, first_step=True,
           note="a fine-tune: val is low from the first eval"),
        *R("hf", "descr_lm", "loss_spike", "ft-poison-labels10-log1", (2,), **FT, opt="adam",
           lr=1e-3, batch=32, max_steps=800, log_every=1, eval_every=40,
           poison=[(430, 10, "labels")]),
        *R("hf", "digits_shift", "loss_spike", "ft-lr-bump-x100", (1,), **FD, opt="adam",
           lr=3e-4, epochs=15, log_every=2, eval_every=19, bumps=[(240, 5, 100)]),
        *R("keras_csv", "noisy4", "still_improving", "small-lr1e-4-e12", (1,), model="small",
           lr=1e-4, batch=32, epochs=12, **K),
        *R("keras_csv", "digits_shift", "erratic", "medium-adam-hot-b4", (2,), model="medium",
           lr=0.03, batch=4, epochs=12, clip=1.0, **K),
        *R("keras_tb", "digits_shift", "healthy", "medium-cosine", (1,), model="medium",
           lr=1e-3, sched="cosine", batch=16, epochs=30, log_every=0, **K),
        *R("keras_tb", "noisy4", "overfitting", "wide-n300", (1,), model="wide", n_train=300,
           lr=1e-3, batch=32, epochs=40, log_every=0, clip=0, **K),
        # ---------------- keras_csv (from scratch)
        *R("keras_csv", "noisy4", "healthy", "small-cosine", (1,), model="small", lr=2e-3,
           sched="cosine", batch=32, epochs=20, **K),
        *R("keras_csv", "noisy4", "overfitting", "wide-n300", (1,), model="wide", n_train=300,
           lr=1e-3, batch=32, epochs=40, clip=0, **K),
        *R("keras_csv", "noisy4", "underfitting", "lr1e-6", (1,), model="medium", lr=1e-6,
           batch=32, epochs=12, **K),
        # (no Keras spike on noisy4: LR bumps x50 / x100 moved its epoch-mean train loss 1.2x)
        *R("keras_csv", "digits_shift", "healthy", "medium-es", (1,), model="medium", lr=1e-3,
           batch=16, epochs=60, early_stop=4, **K),
        *R("keras_csv", "digits_shift", "overfitting", "wide-n150-noisy30", (1,), model="wide",
           n_train=150, label_noise=0.3, lr=1e-3, batch=16, epochs=60, clip=0, **K),
        *R("keras_csv", "digits_shift", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=16, epochs=25, clip=0, **K),
        # ---------------- keras_tb (from scratch)
        *R("keras_tb", "noisy4", "healthy", "medium-es-batchlog", (1,), model="medium",
           lr=1e-3, batch=32, epochs=40, early_stop=4, log_every=21, **K),
        *R("keras_tb", "noisy4", "still_improving", "small-lr1e-4-e12", (1,), model="small",
           lr=1e-4, batch=32, epochs=12, log_every=0, **K),
        *R("keras_tb", "noisy4", "diverging", "adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=25, log_every=0, clip=0, **K),
        *R("keras_tb", "noisy4", "insufficient_data", "two-epochs", (1,), model="small",
           lr=1e-3, batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "digits_shift", "underfitting", "lr1e-6", (1,), model="medium",
           lr=1e-6, batch=16, epochs=10, log_every=0, **K),
        *R("keras_tb", "digits_shift", "still_improving", "medium-lr1e-4-e12", (1,),
           model="medium", lr=1e-4, batch=16, epochs=12, log_every=0, **K),
        *R("keras_tb", "digits_shift", "erratic", "medium-adam-hot-b4", (1,), model="medium",
           lr=0.03, batch=4, epochs=12, clip=1.0, log_every=0, **K),
        *R("keras_tb", "descr_lm", "underfitting", "gru-lr1e-6", (1,), model="small", lr=1e-6,
           batch=64, epochs=6, log_every=0, **K),
    ]

def dev12(A, K, S2) -> list[Recipe]:
    """Twelfth dev batch: gratings, seq_major, multireg (after dev11), aimed at trainings unlike
    the earlier batches: a small CNN on 16x16 noisy gratings, an LSTM on token sequences (Keras
    layers.LSTM), a 3-output regression (MSE averaged over the targets; hf compute_metrics mse /
    mae over all outputs); hf eval by steps (25-125) with logging steps (1-25) that do not divide
    them, warmup_ratio, reduce_lr_on_plateau, EarlyStoppingCallback, metric_for_best_model
    accuracy / loss / mse; Keras ReduceLROnPlateau, CosineDecay, EarlyStopping, LR bumps,
    TensorBoard update_freq or "epoch". Steps per epoch at batch 32: 63 (all three)."""
    CNN = {"model": "small", "arch": "cnn"}
    LSTM = {"model": "small", "arch": "lstm"}
    MSE = {"best_metric": "mse", "load_best": True}
    return [
        # ---------------- hf: gratings (CNN; a linear model sits at ln 4)
        *R("hf", "gratings", "healthy", "cnn-cosine-warmratio-eval25-log10", (1, 2, 3), **CNN,
           lr=3e-3, sched="cosine", warmup_ratio=0.1, batch=32, epochs=15, log_every=10,
           eval_every=25),
        *R("hf", "gratings", "healthy", "cnn-bestacc-es", (1,), **CNN, lr=2e-3, batch=32,
           epochs=40, log_every=20, eval_every=0, early_stop=4, **A,
           note="metric_for_best_model=accuracy: the label follows eval_accuracy"),
        *R("hf", "gratings", "healthy", "cnn-plateau-eval63", (2,), **CNN, lr=2e-3,
           sched="plateau", batch=32, epochs=20, log_every=7, eval_every=63),
        *R("hf", "gratings", "overfitting", "mlp-wide-n300", S2, model="wide", n_train=300,
           opt="adam", lr=1e-3, batch=32, epochs=60, log_every=5, eval_every=20, clip=0),
        *R("hf", "gratings", "underfitting", "linear", (1,), model="linear", lr=1e-3, batch=32,
           epochs=10, log_epoch=True, eval_every=0),
        *R("hf", "gratings", "underfitting", "cnn-lr1e-6", (2,), **CNN, lr=1e-6, batch=32,
           epochs=8, log_every=10, eval_every=0),
        *R("hf", "gratings", "erratic", "cnn-adam0.02-b4", S2, **CNN, opt="adam", lr=0.02,
           batch=4, max_steps=2500, log_every=25, eval_every=125, clip=0),
        *R("hf", "gratings", "diverging", "cnn-sgd-grow", (1,), **CNN, opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
           clip=0),
        *R("hf", "gratings", "loss_spike", "cnn-poison-labels", (1,), **CNN, opt="adam",
           lr=1e-3, batch=32, epochs=20, log_every=2, eval_every=50,
           poison=[(700, 20, "labels")]),
        *R("hf", "gratings", "loss_spike", "cnn-lr-bump-x50", (2,), **CNN, opt="adam", lr=1e-3,
           batch=32, epochs=20, log_every=2, eval_every=50, bumps=[(650, 10, 50)]),
        *R("hf", "gratings", "still_improving", "cnn-short-bestacc", (1,), **CNN, lr=1e-3,
           batch=32, max_steps=350, log_every=5, eval_every=25, **A),
        *R("hf", "gratings", "insufficient_data", "summary-only", (1,), **CNN, lr=1e-3,
           batch=32, max_steps=40, log_every=100, eval_every=40),
        # ---------------- hf: seq_major (LSTM; Bayes ceiling ~0.8 accuracy)
        *R("hf", "seq_major", "healthy", "lstm-linear-warmup-clip-eval50", S2, **LSTM, lr=2e-3,
           sched="linear", warmup=100, clip=1.0, batch=32, epochs=10, log_every=10,
           eval_every=50),
        *R("hf", "seq_major", "healthy", "lstm-bestloss-es-firststep", (3,), **LSTM, lr=2e-3,
           batch=32, epochs=30, log_every=20, eval_every=0, early_stop=3, first_step=True,
           **LOSS),
        *R("hf", "seq_major", "overfitting", "lstm-wide-n200", S2, model="wide", arch="lstm",
           n_train=200, opt="adam", lr=2e-3, batch=16, epochs=40, log_every=5, eval_every=0,
           clip=0),
        *R("hf", "seq_major", "underfitting", "lstm-lr1e-6", (1,), **LSTM, lr=1e-6, batch=32,
           epochs=6, log_every=10, eval_every=0),
        *R("hf", "seq_major", "erratic", "lstm-adam0.03-b4", (1,), **LSTM, opt="adam", lr=0.03,
           batch=4, max_steps=2500, log_every=25, eval_every=125, clip=0),
        *R("hf", "seq_major", "diverging", "lstm-sgd-grow", (1,), **LSTM, opt="sgd", lr=0.01,
           sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
           clip=0),
        *R("hf", "seq_major", "loss_spike", "lstm-poison-labels-log1", (1,), **LSTM,
           opt="adam", lr=2e-3, batch=32, epochs=12, log_every=1, eval_every=50,
           poison=[(450, 20, "labels")]),
        *R("hf", "seq_major", "still_improving", "lstm-short-lr5e-4", (1,), **LSTM, lr=5e-4,
           batch=32, max_steps=250, log_every=5, eval_every=25),
        *R("hf", "seq_major", "insufficient_data", "two-evals", (1,), **LSTM, lr=1e-3,
           batch=32, max_steps=60, log_every=100, eval_every=30),
        # ---------------- hf: multireg (3 outputs)
        *R("hf", "multireg", "healthy", "medium-bestmse-es", S2, model="medium", lr=2e-3,
           batch=32, epochs=80, log_every=20, eval_every=0, early_stop=5, **MSE),
        *R("hf", "multireg", "healthy", "medium-cosine-warmratio-eval40-log15", (3,),
           model="medium", lr=2e-3, sched="cosine", warmup_ratio=0.05, batch=32, epochs=40,
           log_every=15, eval_every=40),
        *R("hf", "multireg", "overfitting", "wide-n150", S2, model="wide", n_train=150,
           opt="adam", lr=1e-3, batch=32, epochs=250, log_every=5, eval_every=25, clip=0),
        *R("hf", "multireg", "underfitting", "linear-lr1e-2", (1,), model="linear", opt="adam",
           lr=1e-2, batch=32, epochs=15, log_epoch=True, eval_every=0),
        *R("hf", "multireg", "erratic", "medium-adam0.05-b4", (1,), model="medium", opt="adam",
           lr=0.05, batch=4, max_steps=2000, log_every=20, eval_every=100, clip=0),
        *R("hf", "multireg", "diverging", "sgd-grow", (1,), model="medium", opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
           clip=0),
        *R("hf", "multireg", "loss_spike", "poison-targets-log2", (1,), model="medium",
           opt="adam", lr=1e-3, batch=32, epochs=25, log_every=2, eval_every=50,
           poison=[(700, 10, "labels")]),
        *R("hf", "multireg", "still_improving", "medium-short-bestmse", (1,), model="medium",
           lr=1e-3, batch=32, max_steps=400, log_every=5, eval_every=25, **MSE),
        *R("hf", "multireg", "insufficient_data", "two-evals", (1,), model="medium", lr=1e-3,
           batch=32, max_steps=60, log_every=100, eval_every=30),
        # ---------------- keras_csv
        *R("keras_csv", "gratings", "healthy", "cnn-cosine", (1,), **CNN, lr=2e-3,
           sched="cosine", batch=32, epochs=20, **K),
        *R("keras_csv", "gratings", "overfitting", "mlp-wide-n300", (1,), model="wide",
           n_train=300, lr=1e-3, batch=32, epochs=60, clip=0, **K),
        *R("keras_csv", "seq_major", "healthy", "lstm-es", (1,), **LSTM, lr=2e-3, batch=32,
           epochs=30, early_stop=3, **K),
        *R("keras_csv", "seq_major", "underfitting", "lstm-lr1e-6", (1,), **LSTM, lr=1e-6,
           batch=32, epochs=8, **K),
        *R("keras_csv", "multireg", "healthy", "medium-plateau", (1,), model="medium", lr=2e-3,
           sched="plateau", batch=32, epochs=60, **K),
        *R("keras_csv", "multireg", "still_improving", "medium-lr1e-4-e10", (1,),
           model="medium", lr=1e-4, batch=32, epochs=10, **K),
        # ---------------- keras_tb
        *R("keras_tb", "gratings", "erratic", "cnn-adam0.02-b4", (1,), **CNN, lr=0.02, batch=4,
           epochs=8, clip=0, log_every=0, **K),
        *R("keras_tb", "gratings", "diverging", "cnn-adam-grow", (1,), **CNN, lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=25, log_every=0, clip=0, **K),
        *R("keras_tb", "seq_major", "overfitting", "lstm-wide-n200", (1,), model="wide",
           arch="lstm", n_train=200, lr=2e-3, batch=16, epochs=40, log_every=0, clip=0, **K),
        *R("keras_tb", "seq_major", "insufficient_data", "two-epochs", (1,), **LSTM, lr=1e-3,
           batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "multireg", "overfitting", "wide-n150", (1,), model="wide", n_train=150,
           lr=1e-3, batch=32, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "multireg", "loss_spike", "lr-bump-x100-batchlog", (1,), model="medium",
           lr=1e-3, batch=32, epochs=25, log_every=9, bumps=[(600, 5, 100)], **K),
        # more after the first pass: hot optimisers evaluated every 125 steps settled or sat at
        # chance, so these are evaluated once per epoch of 500 batch-4 steps
        *R("hf", "gratings", "erratic", "cnn-adam0.01-b4-evalepoch", (1,), **CNN, opt="adam",
           lr=0.01, batch=4, epochs=10, log_every=50, eval_every=0, clip=0),
        *R("hf", "seq_major", "erratic", "lstm-sgd0.2-b4-clip1-evalepoch", (1,), **LSTM,
           opt="sgd", lr=0.2, batch=4, epochs=10, log_every=50, eval_every=0, clip=1.0,
           acceptable=["underfitting"]),
        *R("hf", "gratings", "still_improving", "cnn-short-lr5e-4", (2,), **CNN, lr=5e-4,
           batch=32, max_steps=300, log_every=5, eval_every=25),
        *R("hf", "seq_major", "still_improving", "lstm-short-lr2e-4", (1,), **LSTM, lr=2e-4,
           batch=32, max_steps=300, log_every=5, eval_every=25),
        *R("keras_csv", "seq_major", "erratic", "lstm-sgd0.2-b4", (1,), **LSTM, opt="sgd",
           lr=0.2, batch=4, epochs=10, clip=1.0, acceptable=["underfitting"]),
    ]


def dev13(A, K, S2) -> list[Recipe]:
    """Thirteenth dev batch: tok_tag, denoise, events (after dev12), aimed at trainings unlike
    the earlier batches: a bidirectional transformer tagging every token (hf: eval accuracy and
    macro-F1 over the tokens, metric_for_best_model f1), a denoising MLP autoencoder whose only
    loss is the reconstruction MSE, a 1-D CNN on 4-label multi-label series (BCE, micro-F1);
    label smoothing, a weight penalty inside the model's training loss, cosine_with_restarts /
    CosineDecayRestarts, a frozen body unfrozen mid-run, gradient accumulation, eval by steps
    with save_total_limit 2 and load_best_model_at_end. Steps per epoch at batch 32: 63."""
    TG = {"model": "small", "arch": "tagger"}
    AE = {"model": "small", "arch": "ae"}
    C1 = {"model": "medium", "arch": "conv1d"}
    F1 = {"best_metric": "f1", "load_best": True}
    MSE = {"best_metric": "mse", "load_best": True}
    return [
        # ---------------- hf: tok_tag (a plateau near ln 3 for 300-800 steps, then the drop)
        *R("hf", "tok_tag", "healthy", "tagger-bestf1-eval80", (1, 2, 3), **TG, lr=5e-3,
           batch=32, max_steps=1600, log_every=20, eval_every=80, **F1,
           note="metric_for_best_model=f1 (macro over the 3 tags): the label follows eval_f1"),
        *R("hf", "tok_tag", "healthy", "tagger-cosine-restarts3", (1,), **TG, lr=5e-3,
           sched="cosine_with_restarts", cycles=3, batch=32, max_steps=1800, log_every=20,
           eval_every=90),
        *R("hf", "tok_tag", "healthy", "tagger-smooth0.1-warmratio", (2,), **TG, lr=5e-3,
           smooth=0.1, warmup_ratio=0.05, sched="linear", batch=32, max_steps=1600,
           log_every=25, eval_every=80),
        *R("hf", "tok_tag", "overfitting", "tagger-medium-n300", S2, model="medium",
           arch="tagger", n_train=300, opt="adam", lr=3e-3, batch=16, max_steps=1600,
           log_every=10, eval_every=50, clip=0),
        *R("hf", "tok_tag", "underfitting", "tagger-nocontext", (1,), model="linear",
           arch="tagger", lr=3e-3, batch=32, epochs=12, log_every=20, eval_every=0),
        *R("hf", "tok_tag", "erratic", "tagger-adam0.01-b4", (1,), **TG, opt="adam", lr=0.01,
           batch=4, epochs=6, log_every=50, eval_every=0, clip=0),
        *R("hf", "tok_tag", "diverging", "tagger-sgd-grow", (1,), **TG, opt="sgd", lr=0.01,
           sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
           clip=0),
        *R("hf", "tok_tag", "loss_spike", "tagger-poison-labels", (1,), **TG, opt="adam",
           lr=5e-3, batch=32, max_steps=1600, log_every=5, eval_every=80,
           poison=[(1150, 20, "labels")]),
        *R("hf", "tok_tag", "still_improving", "tagger-cut-in-drop", (1,), **TG, lr=5e-3,
           batch=32, max_steps=700, log_every=10, eval_every=35),
        *R("hf", "tok_tag", "insufficient_data", "two-evals", (1,), **TG, lr=1e-3, batch=32,
           max_steps=60, log_every=100, eval_every=30),
        # ---------------- hf: denoise (reconstruction MSE; eval_mse / eval_mae)
        *R("hf", "denoise", "healthy", "ae-medium-bestmse-es", S2, model="medium", arch="ae",
           lr=2e-3, batch=32, epochs=60, log_every=20, eval_every=0, early_stop=5, **MSE),
        *R("hf", "denoise", "healthy", "ae-mixedl2-accum4", (3,), **AE, lr=2e-3, l2_loss=1e-4,
           batch=8, accum=4, epochs=30, log_every=5, eval_every=50),
        *R("hf", "denoise", "overfitting", "ae-wide-n100", S2, model="wide", arch="ae",
           n_train=100, opt="adam", lr=1e-3, batch=16, max_steps=2000, log_every=10,
           eval_every=40, clip=0),
        *R("hf", "denoise", "underfitting", "ae-tiny-code1", (1,), model="tiny", arch="ae",
           lr=2e-3, batch=32, epochs=20, log_epoch=True, eval_every=0),
        *R("hf", "denoise", "erratic", "ae-adam0.03-b4", (1,), **AE, opt="adam", lr=0.03,
           batch=4, epochs=6, log_every=50, eval_every=0, clip=0),
        *R("hf", "denoise", "diverging", "ae-sgd-grow", (1,), **AE, opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
           clip=0),
        *R("hf", "denoise", "loss_spike", "ae-poison-targets-log2", (1,), **AE, opt="adam",
           lr=2e-3, batch=32, epochs=25, log_every=2, eval_every=50,
           poison=[(800, 10, "labels")]),
        *R("hf", "denoise", "still_improving", "ae-short-bestmse", (1,), **AE, lr=3e-4,
           batch=32, max_steps=300, log_every=5, eval_every=20, **MSE),
        *R("hf", "denoise", "insufficient_data", "two-evals", (1,), **AE, lr=1e-3, batch=32,
           max_steps=60, log_every=100, eval_every=30),
        # ---------------- hf: events (BCE; eval micro-F1 and subset accuracy)
        *R("hf", "events", "healthy", "cnn1d-bestf1-eval50-save2", S2, **C1, lr=2e-3, batch=32,
           epochs=25, log_every=10, eval_every=50, **F1,
           note="metric_for_best_model=f1 (micro over the 4 labels): the label follows eval_f1"),
        *R("hf", "events", "healthy", "cnn1d-freeze-unfreeze500", (3,), **C1, lr=2e-3,
           unfreeze_at=500, batch=32, epochs=30, log_every=10, eval_every=50),
        *R("hf", "events", "overfitting", "cnn1d-wide-n100", S2, model="wide", arch="conv1d",
           n_train=100, opt="adam", lr=2e-3, batch=16, max_steps=3500, log_every=10,
           eval_every=70, clip=0),
        *R("hf", "events", "underfitting", "linear", (1,), model="linear", lr=3e-3, batch=32,
           epochs=15, log_epoch=True, eval_every=0),
        *R("hf", "events", "erratic", "cnn1d-adam0.03-b4-clip1-eval125", (1,), **C1, opt="adam",
           lr=0.03, batch=4, max_steps=2500, log_every=25, eval_every=125, clip=1.0),
        *R("hf", "events", "diverging", "cnn1d-sgd-grow", (1,), **C1, opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
           clip=0),
        *R("hf", "events", "loss_spike", "cnn1d-lr-bump-x50", (1,), **C1, opt="adam", lr=2e-3,
           batch=32, epochs=25, log_every=2, eval_every=50, bumps=[(800, 10, 50)]),
        *R("hf", "events", "still_improving", "cnn1d-short-lr3e-4", (1,), **C1, lr=3e-4,
           batch=32, max_steps=350, log_every=5, eval_every=25),
        *R("hf", "events", "insufficient_data", "summary-only", (1,), **C1, lr=1e-3, batch=32,
           max_steps=40, log_every=100, eval_every=40),
        # ---------------- keras_csv
        *R("keras_csv", "denoise", "healthy", "ae-medium-restarts3", (1,), model="medium",
           arch="ae", lr=2e-3, sched="restarts", cycles=3, batch=32, epochs=30, **K),
        *R("keras_csv", "denoise", "overfitting", "ae-wide-n100", (1,), model="wide", arch="ae",
           n_train=100, lr=1e-3, batch=16, epochs=300, clip=0, **K),
        *R("keras_csv", "events", "healthy", "cnn1d-smooth0.1-es", (1,), **C1, lr=2e-3,
           smooth=0.1, batch=32, epochs=40, early_stop=4, **K),
        *R("keras_csv", "events", "underfitting", "cnn1d-lr1e-6", (1,), **C1, lr=1e-6,
           batch=32, epochs=8, **K),
        *R("keras_csv", "denoise", "still_improving", "ae-lr1e-4-e8", (1,), **AE, lr=1e-4,
           batch=32, epochs=8, **K),
        *R("keras_csv", "events", "erratic", "cnn1d-adam0.03-b4-clip1", (1,), **C1, lr=0.03,
           batch=4, epochs=8, clip=1.0, **K),
        # ---------------- keras_tb
        *R("keras_tb", "denoise", "healthy", "ae-small-plateau", (1,), **AE, lr=2e-3,
           sched="plateau", batch=32, epochs=40, log_every=0, **K),
        *R("keras_tb", "events", "overfitting", "cnn1d-wide-n100", (1,), model="wide",
           arch="conv1d", n_train=100, lr=2e-3, batch=16, epochs=250, log_every=0, clip=0, **K),
        *R("keras_tb", "denoise", "diverging", "ae-adam-grow", (1,), **AE, lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=25, log_every=0, clip=0, **K),
        *R("keras_tb", "events", "loss_spike", "cnn1d-lr-bump-x100-batchlog", (1,), **C1,
           lr=2e-3, batch=32, epochs=25, log_every=9, bumps=[(800, 5, 100)], **K),
        *R("keras_tb", "events", "insufficient_data", "two-epochs", (1,), **C1, lr=1e-3,
           batch=32, epochs=2, log_every=0, **K),
        *R("keras_tb", "denoise", "underfitting", "ae-tiny-code1", (1,), model="tiny", arch="ae",
           lr=2e-3, batch=32, epochs=15, log_every=0, **K),
        # more after the first pass: a milder LR bump on the tagger, a far-too-low LR on the AE
        # (its 1-unit bottleneck levelled off at 0.68: healthy by the check)
        *R("hf", "tok_tag", "loss_spike", "tagger-lr-bump-x10", (2,), **TG, opt="adam", lr=5e-3,
           batch=32, max_steps=1600, log_every=5, eval_every=80, bumps=[(1150, 10, 10)]),
        *R("hf", "denoise", "underfitting", "ae-sgd-lr1e-5", (2,), **AE, opt="sgd", lr=1e-5,
           batch=32, epochs=10, log_every=20, eval_every=0),
        # erratic: the hot CNN evaluated every 125 steps kept a trend; once per 500-step epoch
        # Adam 0.02 / batch 4 without clipping bounces
        *R("hf", "events", "erratic", "cnn1d-adam0.02-b4-noclip-evalepoch", (2,), **C1,
           opt="adam", lr=0.02, batch=4, epochs=10, log_every=50, eval_every=0, clip=0),
        *R("keras_csv", "events", "erratic", "cnn1d-adam0.02-b4-noclip", (2,), **C1, lr=0.02,
           batch=4, epochs=10, clip=0, **K),
    ]


def dev14(A, K, S2) -> list[Recipe]:
    """Fourteenth dev batch: obj_rgb, season_ts, pair_sim (after dev13); the boundaries between
    verdicts on a small ResNet with BatchNorm (3-channel 24x24 images), a GRU forecasting a
    series with a trend and a seasonality, and a siamese encoder scoring pairs by the cosine of
    their embeddings. hf: one Adam + cosine recipe planned for 1260 steps and stopped at 20 / 40
    / 70 / 100% of it (custom LambdaLR over the planned length), a far too low and a far too high
    LR, a runaway SGD schedule, a big model on 100 examples, an LR bump, batch 2, 40% flipped
    labels with metric_for_best_model accuracy, two evaluations. Keras: the same families at
    epoch level (cosine healthy, a constant LR stopped after 4 epochs, a big model on 100
    examples, far too low / too hot LRs, an LR bump, a growing LR). Steps per epoch at batch 32:
    63."""
    out = []
    for task, arch, lr, fam, llr, ep in (("obj_rgb", "resnet", 2e-3, "resnet", 2e-3, 20),
                                         ("season_ts", "rnn", 3e-3, "gru", 3e-4, 30),
                                         ("pair_sim", "siamese", 3e-3, "siamese", 5e-4, 30)):
        M = {"model": "small", "arch": arch}
        n = 63 * ep     # the ladder: what each model needs to converge at llr (gen_torch's)
        LAD = dict(**M, opt="adam", lr=llr, sched="cosine", batch=32, planned=n, log_every=10,
                   eval_every=21 if ep == 20 else 30)
        out += [
            # ---------------- hf
            *R("hf", task, "healthy", f"{fam}-cosine-full", (1,), **LAD, max_steps=n),
            *R("hf", task, "still_improving", f"{fam}-cosine-stop20pct", (1,), **LAD,
               max_steps=n // 5),
            *R("hf", task, "still_improving", f"{fam}-cosine-stop40pct", (1,), **LAD,
               max_steps=2 * n // 5),
            *R("hf", task, "still_improving", f"{fam}-cosine-stop70pct", (1,), **LAD,
               max_steps=7 * n // 10, acceptable=["healthy"]),
            *R("hf", task, "underfitting", f"{fam}-adam-lr1e-5", (1,), **M, opt="adam", lr=1e-5,
               batch=32, max_steps=945, log_every=10, eval_every=42),
            *R("hf", task, "erratic", f"{fam}-adam0.3-b8", (1,), **M, opt="adam", lr=0.3, batch=8,
               max_steps=2000, log_every=20, eval_every=100, clip=0),
            *R("hf", task, "diverging", f"{fam}-sgd-grow", (1,), **M, opt="sgd", lr=0.01,
               sched="grow", grow=1.02, batch=32, max_steps=600, log_every=5, eval_every=25,
               clip=0),
            *R("hf", task, "overfitting", f"{fam}-wide-n100", (1,), model="wide", arch=arch,
               n_train=100, opt="adam", lr=1e-3, batch=32, max_steps=1000, log_every=10,
               eval_every=25, clip=0),
            *R("hf", task, "loss_spike", f"{fam}-lrbump5-x10", (1,), **M, opt="adam", lr=lr,
               sched="cosine", batch=32, max_steps=1260, log_every=2, eval_every=42,
               bumps=[(700, 5, 10)]),
            *R("hf", task, "erratic", f"{fam}-adam3e-3-b2", (1,), **M, opt="adam", lr=3e-3,
               batch=2, max_steps=3000, log_every=10, eval_every=150, clip=0,
               acceptable=["healthy"]),
            *R("hf", task, "insufficient_data", f"{fam}-two-evals", (1,), **M, lr=1e-3, batch=32,
               max_steps=60, log_every=100, eval_every=30),
            # ---------------- keras_csv
            *R("keras_csv", task, "healthy", f"{fam}-cosine-e20", (1,), **M, lr=lr,
               sched="cosine", batch=32, epochs=20, **K),
            *R("keras_csv", task, "still_improving", f"{fam}-const-e4", (1,), **M, lr=1e-3,
               batch=32, epochs=4, **K),
            *R("keras_csv", task, "overfitting", f"{fam}-wide-n100", (1,), model="wide", arch=arch,
               n_train=100, lr=1e-3, batch=16, epochs=150, clip=0, **K),
            # ---------------- keras_tb
            *R("keras_tb", task, "underfitting", f"{fam}-lr1e-5", (1,), **M, lr=1e-5, batch=32,
               epochs=12, log_every=0, **K),
            *R("keras_tb", task, "loss_spike", f"{fam}-lrbump5-x10-batchlog",
               (1,) if task != "season_ts" else (), **M, lr=lr, batch=32, epochs=20, log_every=9,
               bumps=[(700, 5, 10)], **K),
        ]
        if task != "season_ts":
            out += [*R("hf", task, "healthy", f"{fam}-noise40-bestacc", (1,), **LAD, max_steps=n,
                       label_noise=0.4, best_metric="accuracy", load_best=True,
                       acceptable=["underfitting", "overfitting"])]
        else:       # the GRU hardly reacts to LR bumps: random targets for 10 batches
            out += [*R("keras_tb", task, "diverging", f"{fam}-sgd-grow", (1,), **M, opt="sgd",
                       lr=0.01, sched="grow", grow=3.0, batch=32, epochs=15, log_every=0, clip=0),
                    *R("hf", task, "loss_spike", f"{fam}-poison-targets10", (1,), **M,
                       opt="adam", lr=lr, sched="cosine", batch=32, max_steps=1260, log_every=2,
                       eval_every=42, poison=[(700, 10, "labels")])]
    return out


def dev15(A, K, S2) -> list[Recipe]:
    """Fifteenth dev batch: hetero_nll, graph_cls, mask_lm (after dev14); trainings unlike the
    corpus: a heteroscedastic regression whose loss is a Gaussian NLL (negative, no natural zero),
    a hand-written GCN classifying graphs from their adjacency, a transformer encoder predicting
    masked tokens. hf: cosine (Adam, custom LambdaLR) with metric_for_best_model, the same
    schedule stopped at 30%, a big model on little data, LR 1e-5, a hot Adam, a runaway SGD, an
    LR bump, warm-up then linear decay with gradient_accumulation_steps 4 and eval every 25
    steps, a run that crashes and resumes from its checkpoint (resume_from_checkpoint: steps
    continue), and two train-only runs (eval_strategy "no"). Keras (hetero_nll, graph_cls: a
    Gaussian NLL loss function, a GCN from keras.ops): cosine, ReduceLROnPlateau, a big model on
    little data, LR 1e-5, an LR bump, a growing LR."""
    out = []
    # (a hot Adam kills the GCN's ReLUs at chance: its hot run is SGD 0.5, momentum 0.9)
    for task, fam, M, lr, llr, n, ev, big, n_small, hot_opt, hot, hot_b, bump, best in (
            ("hetero_nll", "mlp", {"model": "medium"}, 3e-3, 5e-4, 1890, 63, "wide", 100, "adam",
             0.03, 4, 10, "loss"),
            ("graph_cls", "gcn", {"model": "medium", "arch": "gcn"}, 3e-3, 1e-3, 1890, 63, "wide",
             100, "sgd", 0.5, 8, 50, "accuracy"),
            ("mask_lm", "mlm", {"model": "small", "arch": "mlm", "n_train": 8000, "batch": 64},
             6e-3, 2e-3, 2000, 100, "medium", 300, "adam", 0.03, 8, 10, None)):
        B = dict(M) if "batch" in M else dict(M, batch=32)
        half = (n // 2) // 10 * 10
        COS = dict(B, opt="adam", lr=lr, sched="cosine", log_every=10, eval_every=ev)
        BEST = {"best_metric": best, "load_best": True} if best else {}
        out += [
            *R("hf", task, "healthy", f"{fam}-cosine-best", (1,), **COS, **BEST, max_steps=n),
            *R("hf", task, "still_improving", f"{fam}-cosine-stop30pct", (1,),
               **dict(COS, lr=llr), planned=n, max_steps=3 * n // 10),
            *R("hf", task, "overfitting", f"{fam}-{big}-n{n_small}", (1,),
               **dict(B, model=big, n_train=n_small), opt="adam", lr=1e-3, max_steps=1000,
               log_every=10, eval_every=25, clip=0),
            *R("hf", task, "underfitting", f"{fam}-adam-lr1e-5", (1,), **B, opt="adam", lr=1e-5,
               max_steps=n // 2, log_every=10, eval_every=ev, acceptable=["still_improving"]),
            *R("hf", task, "erratic", f"{fam}-{hot_opt}{hot:g}-b{hot_b}", (1,),
               **dict(B, batch=hot_b), opt=hot_opt, lr=hot, max_steps=2000, log_every=20,
               eval_every=100, clip=0),
            *R("hf", task, "diverging", f"{fam}-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
               sched="grow", grow=1.02, max_steps=600, log_every=5, eval_every=25, clip=0),
            *R("hf", task, "loss_spike", f"{fam}-lrbump5-x{bump}", (1,), **dict(COS, log_every=2),
               max_steps=n, bumps=[(half, 5, bump)]),
            # warm-up then linear decay (the Trainer's own scheduler), gradient accumulation 4,
            # eval every 25 optimiser steps
            *R("hf", task, "healthy", f"{fam}-warmup-linear-accum4", (1,), **B, opt="adamw",
               lr=lr, sched="linear", warmup=n // 40, accum=4, max_steps=n // 4, log_every=5,
               eval_every=25, wd=0.01),
            # a crash 50 steps after the checkpoint in the middle of the run, resumed from it
            *R("hf", task, "healthy", f"{fam}-cosine-resumed", (1,), **COS, max_steps=n,
               resume_at=(half // ev) * ev, redo=50),
            # train-only: no evaluation at all
            *R("hf", task, "healthy", f"{fam}-trainonly-cosine", (1,), **dict(COS, log_every=5),
               max_steps=n, no_eval=True),
        ]
        if task == "hetero_nll":
            out += [*R("hf", task, "loss_spike", f"{fam}-trainonly-lrbump5-x{bump}", (1,),
                       **dict(COS, log_every=2), max_steps=n, bumps=[(half, 5, bump)],
                       no_eval=True),
                    # after the first pass: Adam 0.02 at batch 2, no clipping
                    *R("hf", task, "erratic", f"{fam}-adam0.02-b2", (1,), **dict(B, batch=2),
                       opt="adam", lr=0.02, max_steps=2000, log_every=20, eval_every=100,
                       clip=0)]
        else:
            out += [*R("hf", task, "loss_spike", f"{fam}-trainonly-poison10", (1,),
                       **dict(COS, log_every=2), max_steps=n, poison=[(half, 10, "labels")],
                       no_eval=True)]
        if task == "mask_lm":   # no Keras transformer encoder here
            continue
        out += [
            # ---------------- keras_csv
            *R("keras_csv", task, "healthy", f"{fam}-cosine-e30", (1,), **B, lr=lr,
               sched="cosine", epochs=30, **K),
            *R("keras_csv", task, "healthy", f"{fam}-plateau-e30", (1,), **B, lr=lr,
               sched="plateau", epochs=30, **K),
            *R("keras_csv", task, "overfitting", f"{fam}-{big}-n{n_small}", (1,),
               **dict(B, model=big, n_train=n_small, batch=16), lr=1e-3, epochs=150, clip=0, **K),
            # ---------------- keras_tb
            *R("keras_tb", task, "underfitting", f"{fam}-lr1e-5", (1,), **B, lr=1e-5, epochs=15,
               log_every=0, acceptable=["still_improving"], **K),
            *R("keras_tb", task, "loss_spike", f"{fam}-lrbump5-x{bump}-batchlog", (1,), **B,
               lr=lr, epochs=20, log_every=9, bumps=[(700, 5, bump)], **K),
            *R("keras_tb", task, "diverging", f"{fam}-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
               sched="grow", grow=3.0, epochs=15, log_every=0, clip=0),
        ]
    return out


def dev16(K) -> list[Recipe]:
    """Sixteenth dev batch: ctr_embed, seg_shapes, activity (after dev15); runs judged on a
    score: hf metric_for_best_model auc / f1 (ctr_embed), dice (seg_shapes), f1 / accuracy
    (activity) with load_best_model_at_end and EarlyStoppingCallback on it, next to runs judged
    on eval_loss; a cosine run, the same schedule cut short, a big model on little data (with
    flipped labels on activity), LR 1e-5, a hot Adam, a runaway SGD, an LR bump x10 and
    poisoned batches, a train-only run (eval_strategy "no"), two evaluations. Keras (ctr_embed,
    activity): cosine, a big model on little data, LR 1e-5, an LR bump, a growing LR."""
    out = []
    AUC = {"best_metric": "auc", "load_best": True}
    # ---------------- ctr_embed: 10000 rows (157 steps per epoch at batch 64) or 4000 (63)
    T, fam = "ctr_embed", "embed"
    B = {"model": "small", "arch": "embed", "batch": 64}
    B10 = dict(B, n_train=10000)
    COS = dict(B10, opt="adam", lr=3e-3, sched="cosine", log_every=5, eval_every=40)
    out += [
        *R("hf", T, "healthy", f"{fam}-cosine-best-auc-earlystop", (1, 2), **COS, **AUC,
           early_stop=4, max_steps=628, acceptable=["overfitting"]),
        *R("hf", T, "healthy", f"{fam}-linear-best-f1", (1,), **dict(B, model="linear"),
           opt="adam", lr=1e-2, sched="cosine", epochs=12, log_every=10, best_metric="f1",
           load_best=True, acceptable=["still_improving"]),
        *R("hf", T, "still_improving", f"{fam}-cosine-stop30pct", (1,),
           **dict(COS, lr=1e-4), planned=1570, max_steps=471, acceptable=["underfitting"]),
        *R("hf", T, "overfitting", f"{fam}-medium-e15-best-auc", (1,),
           **dict(B, model="medium"), opt="adam", lr=3e-3, epochs=15, log_every=5, **AUC),
        *R("hf", T, "overfitting", f"{fam}-wide-n1000", (1,),
           **dict(B, model="wide", n_train=1000, batch=32), opt="adam", lr=1e-3, epochs=15,
           log_every=2, eval_every=16, clip=0),
        *R("hf", T, "underfitting", f"{fam}-adam-lr1e-5", (1,), **B, opt="adam", lr=1e-5,
           max_steps=630, log_every=10, eval_every=63, **AUC, acceptable=["still_improving"]),
        *R("hf", T, "diverging", f"{fam}-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
           sched="grow", grow=1.02, max_steps=600, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", f"{fam}-lrbump10-x50", (1,), **dict(COS, log_every=2),
           max_steps=628, bumps=[(300, 10, 50)]),
        *R("hf", T, "loss_spike", f"{fam}-poison10", (1,), **dict(COS, log_every=1),
           max_steps=628, poison=[(300, 10, "labels")]),
        *R("hf", T, "healthy", f"{fam}-trainonly-cosine", (1,), **dict(COS, log_every=20),
           max_steps=628, no_eval=True),
        *R("hf", T, "insufficient_data", f"{fam}-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", f"{fam}-cosine-e8-n10k", (1,), **B10, lr=5e-4,
           sched="cosine", epochs=8, acceptable=["overfitting"], **K),
        *R("keras_csv", T, "overfitting", f"{fam}-medium-e15", (1,), **dict(B, model="medium"),
           lr=3e-3, epochs=15, **K),
        *R("keras_tb", T, "underfitting", f"{fam}-lr1e-5", (1,), **B, lr=1e-5, epochs=10,
           log_every=0, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "diverging", f"{fam}-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
           sched="grow", grow=3.0, epochs=12, log_every=0, clip=0),
    ]
    # ---------------- seg_shapes: 2000 images, 63 steps per epoch at batch 32
    T, fam = "seg_shapes", "unet"
    B = {"model": "small", "arch": "unet", "batch": 32}
    DICE = {"best_metric": "dice", "load_best": True}
    COS = dict(B, opt="adam", lr=3e-3, sched="cosine", log_every=10, eval_every=63)
    out += [
        *R("hf", T, "healthy", f"{fam}-cosine-best-dice-earlystop", (1, 2), **COS, **DICE,
           early_stop=4, max_steps=945),
        *R("hf", T, "still_improving", f"{fam}-cosine-stop30pct", (1,),
           **dict(COS, lr=1e-3, eval_every=21), planned=945, max_steps=283),
        *R("hf", T, "overfitting", f"{fam}-medium-n60-best-dice", (1,),
           **dict(B, model="medium", n_train=60, batch=8), opt="adam", lr=1e-3, max_steps=800,
           log_every=5, eval_every=25, clip=0, **DICE, acceptable=["healthy"]),
        *R("hf", T, "overfitting", f"{fam}-medium-n60", (1,),
           **dict(B, model="medium", n_train=60, batch=8), opt="adam", lr=1e-3, max_steps=800,
           log_every=5, eval_every=25, clip=0),
        # a hot Adam at batch 4 judged on its Dice (the eval loss stays smooth, the Dice swings)
        *R("hf", T, "erratic", f"{fam}-adam0.01-b4-best-dice", (1, 2), **dict(B, batch=4),
           opt="adam", lr=0.01, max_steps=1500, log_every=20, eval_every=100, clip=0, **DICE,
           acceptable=["healthy", "still_improving"]),
        *R("hf", T, "underfitting", f"{fam}-linear-best-dice", (1,), **dict(B, model="linear"),
           opt="adam", lr=3e-3, max_steps=504, log_every=10, eval_every=42, **DICE),
        *R("hf", T, "underfitting", f"{fam}-adam-lr1e-5", (1,), **B, opt="adam", lr=1e-5,
           max_steps=504, log_every=10, eval_every=42, acceptable=["still_improving"]),
        *R("hf", T, "erratic", f"{fam}-adam0.03-b4", (1,), **dict(B, batch=4), opt="adam",
           lr=0.03, max_steps=1500, log_every=20, eval_every=100, clip=0,
           acceptable=["underfitting"]),
        *R("hf", T, "diverging", f"{fam}-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
           sched="grow", grow=1.02, max_steps=500, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", f"{fam}-lrbump5-x10", (1,), **dict(COS, log_every=2,
           eval_every=42), max_steps=756, bumps=[(380, 5, 10)], acceptable=["healthy"]),
        *R("hf", T, "loss_spike", f"{fam}-poison5", (1,), **dict(COS, log_every=2,
           eval_every=42), max_steps=756, poison=[(380, 5, "labels")]),
        *R("hf", T, "healthy", f"{fam}-trainonly-cosine", (1,), **dict(COS, log_every=10),
           max_steps=756, no_eval=True),
        *R("hf", T, "insufficient_data", f"{fam}-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
    ]
    # ---------------- activity: 2000 series, 63 steps per epoch at batch 32
    T = "activity"
    B = {"model": "small", "arch": "conv1d_mc", "batch": 32}
    G = dict(B, arch="gru_mc")
    F1 = {"best_metric": "f1", "load_best": True}
    COS = dict(B, opt="adam", lr=3e-3, sched="cosine", log_every=5, eval_every=21)
    out += [
        *R("hf", T, "healthy", "cnn-cosine-best-f1-earlystop", (1, 2), **COS, **F1,
           early_stop=4, max_steps=630),
        *R("hf", T, "healthy", "gru-cosine-logepoch", (1,), **G, opt="adam", lr=3e-3,
           sched="cosine", epochs=10, log_epoch=True, acceptable=["still_improving"]),
        *R("hf", T, "still_improving", "gru-cosine-stop40pct", (1,),
           **dict(G, opt="adam", lr=3e-3, sched="cosine", log_every=5, eval_every=21),
           planned=630, max_steps=252),
        *R("hf", T, "overfitting", "cnn-wide-n100-noise20-best-acc", (1,),
           **dict(B, model="wide", n_train=100, batch=16), label_noise=0.2, opt="adam",
           lr=1e-3, max_steps=1000, log_every=5, eval_every=25, clip=0,
           best_metric="accuracy", load_best=True, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "cnn-wide-n100-noise20", (1,),
           **dict(B, model="wide", n_train=100, batch=16), label_noise=0.2, opt="adam",
           lr=1e-3, max_steps=1000, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "erratic", "cnn-adam0.02-b2-best-f1", (1,), **dict(B, batch=2), opt="adam",
           lr=0.02, max_steps=4000, log_every=20, eval_every=150, clip=0, **F1,
           acceptable=["healthy"]),
        *R("hf", T, "underfitting", "cnn-adam-lr1e-5", (1,), **B, opt="adam", lr=1e-5,
           max_steps=504, log_every=10, eval_every=42, **F1, acceptable=["still_improving"]),
        *R("hf", T, "erratic", "cnn-adam0.03-b4", (1,), **dict(B, batch=4), opt="adam", lr=0.03,
           max_steps=2000, log_every=20, eval_every=100, clip=0, acceptable=["underfitting"]),
        *R("hf", T, "diverging", "cnn-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.02, max_steps=500, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", "cnn-lrbump5-x20", (1,), **dict(COS, log_every=2),
           max_steps=630, bumps=[(320, 5, 20)]),
        *R("hf", T, "loss_spike", "cnn-poisoninputs10", (1,), **dict(COS, log_every=2),
           max_steps=630, poison=[(320, 10, "inputs")]),
        *R("hf", T, "healthy", "cnn-trainonly-cosine", (1,), **dict(COS, log_every=10),
           max_steps=630, no_eval=True),
        *R("hf", T, "insufficient_data", "cnn-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "cnn-cosine-e10", (1,), **B, lr=3e-3, sched="cosine",
           epochs=10, **K),
        *R("keras_csv", T, "overfitting", "cnn-wide-n100-noise20", (1,),
           **dict(B, model="wide", n_train=100, batch=16), label_noise=0.2, lr=1e-3, epochs=120,
           clip=0, **K),
        *R("keras_tb", T, "underfitting", "cnn-lr1e-5", (1,), **B, lr=1e-5, epochs=10,
           log_every=0, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "loss_spike", "cnn-lrbump5-x20-batchlog", (1,), **B, lr=3e-3,
           epochs=10, log_every=9, bumps=[(320, 5, 20)], **K),
    ]
    return out


def dev17(K) -> list[Recipe]:
    """Seventeenth dev batch: age_ordinal, mf_ratings, vit_shapes (after dev16); trainings
    unlike the corpus: an age-like ordinal regression (metric_for_best_model mae), a matrix
    factorisation of ratings (eval_rmse), a small ViT from scratch (metric_for_best_model
    accuracy) and fine-tuned from a body pre-trained on cleaner images (pre_steps, fresh
    head, warm-up + linear decay); the common mistakes: LR far too high under max_grad_norm 1,
    shuffled targets, a 40-example val set; a big model on little data, a cut schedule, a
    runaway SGD, an LR bump, poisoned batches, two evaluations. Keras (age_ordinal,
    mf_ratings): a cosine run, a big model on little data, shuffled targets, a hot Adam."""
    out = []
    SHUF = "train targets shuffled (a data-loading bug: nothing to learn)"
    VAL40 = "a val set of only 40 examples"
    CLIP = "LR far too high under gradient clipping (max_grad_norm 1)"
    # ---------------- age_ordinal: 2000 rows, 63 steps per epoch at batch 32
    T = "age_ordinal"
    B = {"model": "small", "batch": 32}
    MAE = {"best_metric": "mae", "load_best": True}
    out += [
        *R("hf", T, "healthy", "mlp-cosine-best-mae", (1, 2), **B, opt="adam", lr=3e-3,
           sched="cosine", epochs=30, log_every=10, **MAE, acceptable=["overfitting"]),
        *R("hf", T, "healthy", "mlp-val40", (1,), **B, n_val=40, opt="adam", lr=3e-3,
           sched="cosine", epochs=30, log_every=10, note=VAL40,
           acceptable=["erratic", "overfitting"]),
        *R("hf", T, "overfitting", "wide-n60-noisytargets", (1, 2), **dict(B, model="wide",
           n_train=60, batch=16), label_noise=0.8, opt="adam", lr=1e-3, max_steps=1200,
           log_every=5, eval_every=10, clip=0),
        *R("hf", T, "underfitting", "mlp-shuffled-targets", (1,), **B, label_noise=1.0,
           opt="adam", lr=1e-3, epochs=20, log_every=10, note=SHUF,
           acceptable=["overfitting"]),
        *R("hf", T, "underfitting", "mlp-adam-lr1-clip1", (1,), **B, opt="adam", lr=1.0,
           clip=1.0, epochs=15, log_every=10, note=CLIP, acceptable=["erratic", "diverging"]),
        *R("hf", T, "still_improving", "mlp-cosine-stop30pct", (1,), **B, opt="adam", lr=1e-4,
           sched="cosine", planned=1890, max_steps=567, log_every=5, eval_every=21,
           acceptable=["healthy"]),
        *R("hf", T, "erratic", "mlp-sgd0.1-b4", (1,), **dict(B, batch=4), opt="sgd", lr=0.1,
           max_steps=2000, log_every=20, eval_every=100, clip=0,
           acceptable=["underfitting", "diverging"]),
        *R("hf", T, "erratic", "mlp-adam0.03-b4", (1,), **dict(B, batch=4), opt="adam",
           lr=0.03, max_steps=2000, log_every=20, eval_every=100, clip=0,
           acceptable=["healthy"]),
        *R("hf", T, "loss_spike", "mlp-poisoninputs5", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1260, log_every=2, eval_every=21,
           poison=[(600, 5, "inputs")]),
        *R("hf", T, "diverging", "mlp-sgd-grow", (1,), **B, opt="sgd", lr=0.003, sched="grow",
           grow=1.02, max_steps=600, log_every=5, eval_every=21, clip=0),
        *R("hf", T, "loss_spike", "mlp-lrbump10-x50", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1260, log_every=2, eval_every=42,
           bumps=[(600, 10, 50)]),
        *R("hf", T, "insufficient_data", "mlp-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "mlp-cosine-e30", (1,), **B, lr=3e-3, sched="cosine",
           epochs=30, acceptable=["overfitting"], **K),
        *R("keras_tb", T, "overfitting", "wide-n60-noisytargets", (1,), **dict(B, model="wide",
           n_train=60, batch=16), label_noise=0.8, lr=1e-3, epochs=300, log_every=0, clip=0,
           **K),
        *R("keras_csv", T, "underfitting", "mlp-shuffled-targets", (1,), **B, label_noise=1.0,
           lr=1e-3, epochs=20, note=SHUF, acceptable=["overfitting"], **K),
        *R("keras_tb", T, "erratic", "mlp-adam0.05-b4", (1,), **dict(B, batch=4), lr=0.05,
           epochs=6, log_every=0, clip=0, acceptable=["underfitting", "diverging"], **K),
        *R("keras_tb", T, "erratic", "mlp-sgd0.1-b4", (1,), **dict(B, batch=4), opt="sgd",
           lr=0.1, epochs=8, log_every=0, clip=0, acceptable=["underfitting", "diverging"]),
        *R("keras_csv", T, "underfitting", "mlp-lr1e-5", (1,), **B, lr=1e-5, epochs=20,
           acceptable=["still_improving"], **K),
        *R("keras_csv", T, "healthy", "mlp-val40", (1,), **B, n_val=40, lr=3e-3,
           sched="cosine", epochs=30, note=VAL40, acceptable=["erratic", "overfitting"], **K),
        *R("keras_tb", T, "loss_spike", "mlp-lrbump10-x50-batchlog", (1,), **B, lr=2e-3,
           epochs=20, log_every=9, bumps=[(600, 10, 50)], **K),
        *R("hf", T, "erratic", "mlp-adam0.05-b4", (1,), **dict(B, batch=4), opt="adam",
           lr=0.05, max_steps=2000, log_every=20, eval_every=100, clip=0,
           acceptable=["underfitting", "diverging", "healthy"]),
    ]
    # ---------------- mf_ratings: 12000 ratings, 94 steps per epoch at batch 128
    T = "mf_ratings"
    B = {"model": "small", "arch": "mf", "batch": 128}
    out += [
        *R("hf", T, "healthy", "mf-cosine-best-rmse", (1, 2), **B, opt="adam", lr=3e-3,
           sched="cosine", epochs=30, log_every=10, eval_every=47, best_metric="rmse",
           load_best=True, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "mf-medium-n6000", (1, 2), **dict(B, model="medium",
           n_train=6000, batch=64), opt="adam", lr=3e-3, epochs=30, log_every=10,
           eval_every=47),
        *R("hf", T, "underfitting", "mf-adam-wd0.1", (1,), **B, opt="adam", lr=3e-3, wd=0.1,
           epochs=15, log_every=10, eval_every=47),
        *R("hf", T, "underfitting", "mf-adam-lr1-clip1", (1,), **B, opt="adam", lr=1.0,
           clip=1.0, epochs=12, log_every=10, eval_every=47, note=CLIP,
           acceptable=["erratic", "diverging", "overfitting"]),
        *R("hf", T, "still_improving", "mf-adam-lr3e-4-e6", (1,), **B, opt="adam", lr=3e-4,
           epochs=6, log_every=10, eval_every=47, acceptable=["underfitting"]),
        *R("hf", T, "diverging", "mf-sgd-grow", (1,), **B, opt="sgd", lr=0.05, sched="grow",
           grow=1.02, max_steps=750, log_every=5, eval_every=47, clip=0),
        *R("hf", T, "healthy", "mf-val40", (1,), **B, n_val=40, opt="adam", lr=3e-3,
           sched="cosine", epochs=30, log_every=10, eval_every=47, note="a val set of only 40 "
           "ratings", acceptable=["erratic", "still_improving"]),
        *R("hf", T, "loss_spike", "mf-poison20", (1,), **B, opt="adam", lr=3e-3,
           sched="cosine", max_steps=1880, log_every=2, eval_every=47,
           poison=[(900, 20, "labels")]),
        *R("hf", T, "insufficient_data", "mf-two-evals", (1,), **B, lr=3e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "mf-cosine-e30", (1,), **B, lr=3e-3, sched="cosine",
           epochs=30, acceptable=["still_improving"], **K),
        *R("keras_csv", T, "still_improving", "mf-lr3e-4-e6", (1,), **B, lr=3e-4, epochs=6,
           acceptable=["underfitting"], **K),
        *R("keras_tb", T, "overfitting", "mf-medium-n6000-e30", (1,), **dict(B, model="medium",
           n_train=6000, batch=64), lr=3e-3, epochs=30, log_every=0, **K),
        *R("keras_tb", T, "underfitting", "mf-shuffled-targets", (1,), **B, label_noise=1.0,
           lr=3e-3, epochs=15, log_every=0, note=SHUF, acceptable=["overfitting"], **K),
    ]
    # ---------------- vit_shapes: 2000 images, 63 steps per epoch at batch 32
    T = "vit_shapes"
    B = {"model": "small", "arch": "vit", "batch": 32}
    ACC = {"best_metric": "accuracy", "load_best": True}
    FT = dict(B, pre_steps=1500, fresh_head=True)
    out += [
        *R("hf", T, "healthy", "vit-warmup-cosine-best-acc", (1, 2), **B, lr=1e-3,
           sched="cosine", warmup=100, epochs=30, log_every=10, **ACC,
           acceptable=["overfitting"]),
        *R("hf", T, "healthy", "vit-ft-warmup-linear-best-acc", (1, 2, 3), **FT, lr=3e-4,
           sched="linear", warmup=60, epochs=8, log_every=5, eval_every=21, **ACC,
           acceptable=["underfitting"]),
        *R("hf", T, "healthy", "vit-ftkeep-warmup-linear-best-acc", (1, 2), **dict(FT,
           fresh_head=False), lr=3e-4, sched="linear", warmup=60, epochs=8, log_every=5,
           eval_every=21, **ACC, acceptable=["underfitting", "still_improving"]),
        *R("hf", T, "loss_spike", "vit-ftkeep-poison5", (1,), **dict(FT, fresh_head=False),
           lr=3e-4, sched="linear", warmup=60, epochs=8, log_every=1, eval_every=21,
           poison=[(250, 5, "labels")]),
        *R("hf", T, "overfitting", "vit-ft-medium-n100", (1,), **dict(FT, model="medium",
           n_train=100, batch=16), lr=1e-3, max_steps=700, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "healthy", "vit-val40-best-acc", (1,), **B, n_val=40, lr=1e-3,
           sched="cosine", warmup=100, epochs=30, log_every=10, **ACC, note="a val set of only "
           "40 examples", acceptable=["erratic", "overfitting"]),
        *R("hf", T, "underfitting", "vit-ft-lr1e-6", (1,), **FT, lr=1e-6, sched="linear",
           warmup=60, epochs=6, log_every=5, eval_every=21, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "vit-shuffled-labels", (1,), **B, label_noise=1.0,
           lr=1e-3, epochs=15, log_every=10, note="train labels shuffled (a data-loading bug)"),
        *R("hf", T, "underfitting", "vit-adam-lr0.5-clip1", (1,), **B, opt="adam", lr=0.5,
           clip=1.0, epochs=12, log_every=10, note=CLIP, acceptable=["erratic", "diverging"]),
        *R("hf", T, "erratic", "vit-adam0.01-b4", (1,), **dict(B, batch=4), opt="adam",
           lr=0.01, max_steps=2500, log_every=20, eval_every=125, clip=0,
           acceptable=["underfitting", "healthy"]),
        *R("hf", T, "still_improving", "vit-cosine-stop30pct", (1,), **B, lr=1e-3,
           sched="cosine", warmup=100, planned=1890, max_steps=567, log_every=5,
           eval_every=42),
        *R("hf", T, "loss_spike", "vit-lrbump10-x30", (1,), **B, opt="adam", lr=1e-3,
           sched="cosine", warmup=100, max_steps=1890, log_every=2, eval_every=63,
           bumps=[(1000, 10, 30)]),
        *R("hf", T, "insufficient_data", "vit-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
    ]
    return out


def dev18(K) -> list[Recipe]:
    """Eighteenth dev batch: kws_spec, point_sets, poisson_counts (after dev17); trainings
    unlike the corpus: keyword spotting on 16x16 spectrogram-like inputs (the small CNN), a
    DeepSets / PointNet-style set classifier, a count regression on PoissonNLLLoss(log_input=
    True) (its floor far above 0; eval_mae of the rate). The everyday Trainer setup: eval and
    logging every N steps, metric_for_best_model "loss" with load_best_model_at_end,
    logging_first_step; the regimes by their real causes (a big model on little data, a model
    too small at a low LR, LR far too high under max_grad_norm 1, shuffled counts, a runaway
    SGD, an LR bump, poisoned batches, cut schedules, two evaluations, an eval loss on one batch
    of 32 under a hot LR). Keras: a cosine run, a big model on little data, a model too small,
    shuffled counts, LR 1e-5, a runaway SGD."""
    out = []
    CLIP = "LR far too high under gradient clipping (max_grad_norm 1)"
    # ---------------- kws_spec: 2000 spectrograms, 63 steps per epoch at batch 32
    T = "kws_spec"
    B = {"model": "small", "arch": "cnn", "batch": 32}
    out += [
        *R("hf", T, "healthy", "cnn-cosine-eval21-best-loss", (1, 2), **B, lr=2e-3,
           sched="cosine", epochs=10, log_every=10, eval_every=21, first_step=True, **LOSS,
           acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "cnn-wide-n200-flip30", (1, 2), **dict(B, model="wide",
           n_train=200, batch=16), label_noise=0.3, lr=3e-3, max_steps=1500, log_every=5,
           eval_every=25, clip=0),
        *R("hf", T, "underfitting", "cnn-tiny-lr3e-4", (1, 2), **dict(B, model="tiny"), lr=3e-4,
           epochs=10, log_every=10, eval_every=21, acceptable=["still_improving"]),
        *R("hf", T, "diverging", "cnn-sgd-grow", (1, 2), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.02, max_steps=500, log_every=5, eval_every=21, clip=0),
        *R("hf", T, "still_improving", "cnn-cosine-stop30pct", (1, 2), **B, opt="adam", lr=5e-4,
           sched="cosine", planned=945, max_steps=283, log_every=5, eval_every=21,
           acceptable=["healthy"]),
        *R("hf", T, "loss_spike", "cnn-lrbump10-x30", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=945, log_every=2, eval_every=21, clip=0,
           bumps=[(500, 10, 30)]),
        *R("hf", T, "insufficient_data", "cnn-two-evals", (1,), **B, lr=2e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "cnn-cosine-e15", (1,), **B, lr=3e-3, sched="cosine",
           epochs=15, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "underfitting", "cnn-tiny-lr3e-4", (1,), **dict(B, model="tiny"),
           lr=3e-4, epochs=10, log_every=0, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "overfitting", "cnn-wide-n200-flip30", (1,), **dict(B, model="wide",
           n_train=200, batch=16), label_noise=0.3, lr=3e-3, epochs=100, log_every=0, clip=0,
           **K),
    ]
    # ---------------- point_sets: 2000 sets of 32 points, 63 steps per epoch at batch 32
    T = "point_sets"
    B = {"model": "small", "arch": "deepsets", "batch": 32}
    out += [
        *R("hf", T, "healthy", "ds-cosine-eval21-best-loss", (1, 2), **B, lr=3e-3,
           sched="cosine", epochs=15, log_every=10, eval_every=21, first_step=True, **LOSS,
           acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "ds-wide-n80", (1, 2), **dict(B, model="wide", n_train=80,
           batch=16), lr=1e-3, max_steps=1000, log_every=5, eval_every=10, clip=0),
        *R("hf", T, "underfitting", "ds-adam-lr1-clip1", (1, 2), **B, opt="adam", lr=1.0,
           clip=1.0, epochs=10, log_every=10, eval_every=21, note=CLIP,
           acceptable=["erratic", "diverging"]),
        *R("hf", T, "diverging", "ds-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.02, max_steps=500, log_every=5, eval_every=21, clip=0),
        *R("hf", T, "still_improving", "ds-cosine-stop30pct", (1, 2), **B, opt="adam", lr=3e-4,
           sched="cosine", planned=1260, max_steps=378, log_every=5, eval_every=21,
           acceptable=["healthy"]),
        *R("hf", T, "loss_spike", "ds-poison10", (1, 2), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=945, log_every=2, eval_every=21,
           poison=[(500, 10, "labels")]),
        *R("hf", T, "erratic", "ds-adam0.03-b8-val32", (1,), **dict(B, batch=8), n_val=32,
           opt="adam", lr=0.03, max_steps=2000, log_every=20, eval_every=100, clip=0,
           note="the eval loss computed on one batch of 32 sets", acceptable=["healthy"]),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "ds-cosine-e20", (1,), **B, lr=3e-3, sched="cosine",
           epochs=20, acceptable=["still_improving"], **K),
        *R("keras_csv", T, "underfitting", "ds-lr1e-5", (1,), **B, lr=1e-5, epochs=10,
           acceptable=["still_improving"], **K),
        *R("keras_tb", T, "healthy", "ds-cosine-e20", (1,), **B, lr=3e-3, sched="cosine",
           epochs=20, log_every=0, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "overfitting", "ds-wide-n80", (1,), **dict(B, model="wide",
           n_train=80, batch=16), lr=1e-3, epochs=200, log_every=0, clip=0, **K),
    ]
    # ---------------- poisson_counts: 2000 rows, 63 steps per epoch at batch 32
    T = "poisson_counts"
    B = {"model": "small", "batch": 32}
    SHUF = "train counts shuffled (a data-loading bug: nothing to learn)"
    out += [
        *R("hf", T, "healthy", "mlp-cosine-eval21-best-loss", (1, 2), **B, lr=1e-3,
           sched="cosine", epochs=20, log_every=10, eval_every=21, first_step=True, **LOSS,
           acceptable=["still_improving", "overfitting"]),
        *R("hf", T, "overfitting", "mlp-wide-n150", (1, 2), **dict(B, model="wide", n_train=150,
           batch=16), lr=1e-3, max_steps=1500, log_every=5, eval_every=10, clip=0),
        *R("hf", T, "underfitting", "mlp-shuffled-counts", (1, 2), **B, label_noise=1.0, lr=1e-3,
           epochs=15, log_every=10, eval_every=21, note=SHUF, acceptable=["overfitting"]),
        *R("hf", T, "diverging", "mlp-sgd-grow", (1,), **B, opt="sgd", lr=0.003,
           sched="grow", grow=1.02, max_steps=600, log_every=5, eval_every=21, clip=0),
        *R("hf", T, "still_improving", "mlp-cosine-stop30pct", (1, 2), **B, opt="adam", lr=1e-4,
           sched="cosine", planned=1260, max_steps=378, log_every=5, eval_every=21,
           acceptable=["underfitting"]),
        *R("hf", T, "insufficient_data", "mlp-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "mlp-cosine-e20", (1,), **B, lr=1e-3, sched="cosine",
           epochs=20, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "underfitting", "mlp-shuffled-counts", (1,), **B, label_noise=1.0,
           lr=1e-3, epochs=15, log_every=0, note=SHUF, acceptable=["overfitting"], **K),
        *R("keras_csv", T, "diverging", "mlp-sgd-grow3", (1,), **B, opt="sgd", lr=1e-3,
           sched="grow", grow=3.0, epochs=12, clip=0),
    ]
    return out


def dev19(K) -> list[Recipe]:
    """Nineteenth dev batch: vae_manifold, diffusion2d, contrastive_digits (after dev18);
    trainings whose loss has an unusual level or shape: a small VAE (the negative ELBO, eval
    recon / KL beside it, KL annealing), a toy DDPM noise predictor on 2-D points (its MSE floor
    ~0.45, not 0), a contrastive encoder with InfoNCE (from ln 64; metric_for_best_model the
    top-1 retrieval accuracy). The everyday Trainer setup: AdamW with warm-up + cosine decay
    (warmup_ratio) and eval every N steps, metric_for_best_model with load_best_model_at_end,
    logging_first_step; the regimes by their real causes. Keras (the torch module in
    TorchModuleWrapper): CSVLogger with EarlyStopping(restore_best_weights) that stops early,
    a posterior collapse, LR 1e-5, a run cut short."""
    out = []
    ACC = {"best_metric": "accuracy", "load_best": True}
    # ---------------- vae_manifold: 2000 rows, 63 steps per epoch at batch 32
    T = "vae_manifold"
    B = {"model": "small", "arch": "vae", "batch": 32}
    out += [
        *R("hf", T, "healthy", "vae-warmcos-eval21-best-loss", (1, 2), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.1, epochs=20, log_every=10, eval_every=21,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "healthy", "vae-klanneal400-eval21", (1,), **B, lr=1e-3, kl_anneal=400,
           epochs=20, log_every=10, eval_every=21, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "vae-collapse-klw20", (1, 2), **B, lr=1e-3, kl_weight=20.0,
           sched="cosine", warmup_ratio=0.1, epochs=15, log_every=10, eval_every=21),
        *R("hf", T, "underfitting", "vae-lr1e-5", (1,), **B, opt="adam", lr=1e-5, epochs=10,
           log_every=10, eval_every=21, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "vae-beta0.02-wide-n30", (1, 2), **dict(B, model="wide",
           n_train=30, batch=10), opt="adam", kl_weight=0.02, lr=3e-3, max_steps=3000,
           log_every=10, eval_every=100, clip=0),
        *R("hf", T, "erratic", "vae-adam0.03-b8", (1,), **dict(B, batch=8), opt="adam", lr=0.03,
           max_steps=2000, log_every=20, eval_every=100, clip=0,
           acceptable=["healthy", "underfitting"]),
        *R("hf", T, "diverging", "vae-sgd-grow", (1,), **B, opt="sgd", lr=1e-3, sched="grow",
           grow=1.02, max_steps=600, log_every=5, eval_every=21, clip=0),
        *R("hf", T, "still_improving", "vae-cosine-stop30pct", (1, 2), **B, opt="adam",
           lr=2e-4, sched="cosine", planned=1260, max_steps=378, log_every=5, eval_every=21,
           acceptable=["healthy"]),
        *R("hf", T, "loss_spike", "vae-poison5-inputs", (1,), **B, opt="adam", lr=1e-3,
           sched="cosine", max_steps=1260, log_every=2, eval_every=21,
           poison=[(600, 5, "inputs")]),
        *R("hf", T, "insufficient_data", "vae-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "vae-earlystop5", (1, 2), **B, lr=1e-3, epochs=40,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_csv", T, "overfitting", "vae-beta0.02-wide-n30", (1,), **dict(B, model="wide",
           n_train=30, batch=10), kl_weight=0.02, lr=3e-3, epochs=600, clip=0, **K),
        *R("keras_tb", T, "underfitting", "vae-collapse-klw20", (1,), **B, lr=1e-3,
           kl_weight=20.0, epochs=15, log_every=0, **K),
    ]
    # ---------------- diffusion2d: 2000 points (1000 val), 32 steps per epoch at batch 64
    T = "diffusion2d"
    B = {"model": "small", "arch": "ddpm", "batch": 64}
    out += [
        *R("hf", T, "healthy", "ddpm-warmcos-eval16-best-loss", (1, 2), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.1, epochs=50, log_every=8, eval_every=16,
           first_step=True, **LOSS, acceptable=["still_improving", "underfitting"]),
        *R("hf", T, "underfitting", "ddpm-lr1e-5", (1, 2), **B, opt="adam", lr=1e-5, epochs=20,
           log_every=8, eval_every=16, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "ddpm-linear", (1,), **dict(B, model="linear"), lr=1e-2,
           epochs=20, log_every=8, eval_every=16, acceptable=["healthy"]),
        *R("hf", T, "erratic", "ddpm-adam0.03-b4-val32", (1,), **dict(B, batch=4), n_val=32,
           opt="adam", lr=0.03, max_steps=1500, log_every=10, eval_every=75, clip=0,
           note="the eval loss computed on 32 points", acceptable=["healthy"]),
        *R("hf", T, "diverging", "ddpm-sgd-grow", (1,), **B, opt="sgd", lr=1e-3, sched="grow",
           grow=1.03, max_steps=400, log_every=5, eval_every=16, clip=0),
        *R("hf", T, "still_improving", "ddpm-cosine-stop30pct", (1, 2), **B, opt="adam",
           lr=1e-4, sched="cosine", planned=1600, max_steps=480, log_every=5, eval_every=16,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "ddpm-lrbump10-x30", (1,), **B, opt="adam", lr=1e-3,
           sched="cosine", max_steps=1600, log_every=2, eval_every=16, clip=0,
           bumps=[(800, 10, 30)]),
        *R("hf", T, "insufficient_data", "ddpm-two-evals", (1,), **B, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "ddpm-earlystop5", (1,), **B, lr=1e-3, epochs=60,
           early_stop=5, acceptable=["still_improving", "underfitting"], **K),
        *R("keras_tb", T, "underfitting", "ddpm-lr1e-5", (1,), **B, lr=1e-5, epochs=20,
           log_every=0, acceptable=["still_improving"], **K),
    ]
    # ---------------- contrastive_digits: 1536 digits, 24 steps per epoch at batch 64
    T = "contrastive_digits"
    B = {"model": "medium", "arch": "contrastive", "batch": 64}
    out += [
        *R("hf", T, "healthy", "con-warmcos-eval48-best-acc", (1, 2), **B, lr=3e-3,
           sched="cosine", warmup_ratio=0.05, epochs=80, log_every=12, eval_every=48,
           first_step=True, **ACC, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "con-lr1e-5", (1, 2), **B, opt="adam", lr=1e-5, epochs=20,
           log_every=12, eval_every=24, acceptable=["still_improving"]),
        *R("hf", T, "diverging", "con-adam-grow", (1,), **B, opt="adam", lr=1e-3, sched="grow",
           grow=1.03, max_steps=480, log_every=5, eval_every=24, clip=0),
        *R("hf", T, "still_improving", "con-cosine-stop30pct", (1, 2), **B, opt="adam", lr=1e-3,
           sched="cosine", planned=1920, max_steps=576, log_every=6, eval_every=24,
           acceptable=["healthy"]),
        *R("hf", T, "loss_spike", "con-lrbump5-x50", (1,), **B, opt="adam", lr=3e-3,
           sched="cosine", max_steps=1440, log_every=2, eval_every=24, clip=0,
           bumps=[(900, 5, 50)]),
        *R("hf", T, "insufficient_data", "con-two-evals", (1,), **B, lr=3e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "con-earlystop5", (1,), **B, lr=3e-3, epochs=60,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "still_improving", "con-lr1e-3-e15", (1,), **B, lr=1e-3, epochs=15,
           log_every=0, acceptable=["healthy"], **K),
    ]
    return out


def dev20(K) -> list[Recipe]:
    """Twentieth dev batch: kd_student, sgdr_cls, det_boxes (after dev19); trainings whose
    curves have shapes the corpus lacks: a small student distilled from a fixed teacher (KD
    at T = 3 + CE, a floor above 0; eval_kd / eval_ce beside the loss), a classifier under
    cosine warm restarts (hf cosine_with_restarts num_cycles, keras CosineDecayRestarts: a
    bump at each restart), a two-head detector-like CNN (class CE + box L1 + GIoU; eval
    accuracy / iou / map50 and the parts). The everyday Trainer setup: AdamW with warm-up +
    cosine decay (warmup_ratio), eval every N steps, metric_for_best_model with
    load_best_model_at_end, logging_first_step; Keras (the torch module in TorchModuleWrapper
    for the student and the detector): CSVLogger with EarlyStopping(restore_best_weights) that
    stops early; the regimes by their real causes."""
    out = []
    ACC = {"best_metric": "accuracy", "load_best": True}
    # ---------------- sgdr_cls: 2000 rows, 63 steps per epoch at batch 32
    T = "sgdr_cls"
    B = {"model": "small", "batch": 32}
    out += [
        *R("hf", T, "healthy", "sgdr-cosrestarts5-eval32-best-acc", (1, 2), **B, lr=3e-3,
           sched="cosine_with_restarts", cycles=5, warmup_ratio=0.02, max_steps=1890,
           log_every=10, eval_every=32, first_step=True, **ACC,
           acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "sgdr-wide-n200-cosrestarts", (1, 2), **dict(B, model="wide",
           n_train=200), opt="adam", lr=3e-3, sched="cosine_with_restarts", cycles=5,
           max_steps=1400, log_every=5, eval_every=35, clip=0),
        *R("hf", T, "underfitting", "sgdr-linear-cosrestarts", (1,), **dict(B, model="linear"),
           lr=1e-2, sched="cosine_with_restarts", cycles=4, max_steps=1512, log_every=10,
           eval_every=32, acceptable=["healthy"]),
        *R("hf", T, "diverging", "sgdr-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.01, max_steps=756, log_every=5, eval_every=32, clip=0),
        *R("hf", T, "still_improving", "sgdr-cosine-stop30pct", (1,), **B, opt="adam",
           lr=1e-4, sched="cosine", planned=1890, max_steps=567, log_every=5, eval_every=32,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "sgdr-cosrestarts-lrbump10-x50", (1,), **B, opt="adam",
           lr=3e-3, sched="cosine_with_restarts", cycles=5, max_steps=1890, log_every=2,
           eval_every=32, clip=0, bumps=[(950, 10, 50)]),
        *R("hf", T, "insufficient_data", "sgdr-two-evals", (1,), **B, lr=3e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras (CosineDecayRestarts)
        *R("keras_csv", T, "healthy", "sgdr-restarts5-earlystop6", (1, 2), **B, lr=3e-3,
           sched="restarts", cycles=5, epochs=30, early_stop=6,
           acceptable=["still_improving"], **K),
        *R("keras_csv", T, "overfitting", "sgdr-wide-n200-restarts", (1,), **dict(B,
           model="wide", n_train=200), lr=3e-3, sched="restarts", cycles=5, epochs=200,
           clip=0, **K),
        *R("keras_csv", T, "underfitting", "sgdr-linear", (1,), **dict(B, model="linear"),
           lr=1e-2, sched="restarts", cycles=4, epochs=24, acceptable=["healthy"], **K),
        *R("keras_tb", T, "healthy", "sgdr-restarts3", (1,), **B, lr=3e-3, sched="restarts",
           cycles=3, epochs=24, log_every=0, acceptable=["still_improving"], **K),
    ]
    # ---------------- kd_student: 2000 rows (+ the teacher's logits), 63 steps per epoch
    T = "kd_student"
    B = {"model": "small", "arch": "kd_student", "batch": 32}
    out += [
        *R("hf", T, "healthy", "kd-warmcos-eval32-best-loss", (1, 2), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.1, epochs=25, log_every=10, eval_every=32,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "kd-tiny-student", (1, 2), **dict(B, model="tiny"), lr=2e-3,
           sched="cosine", epochs=20, log_every=10, eval_every=32, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "kd-wide-n150-noisy", (1,), **dict(B, model="wide",
           n_train=150), label_noise=0.3, opt="adam", lr=2e-3, max_steps=1500, log_every=5,
           eval_every=25, clip=0),
        *R("hf", T, "diverging", "kd-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.01, max_steps=756, log_every=5, eval_every=32, clip=0),
        *R("hf", T, "still_improving", "kd-cosine-stop30pct", (1,), **B, opt="adam", lr=2e-4,
           sched="cosine", planned=1575, max_steps=472, log_every=5, eval_every=32),
        *R("hf", T, "loss_spike", "kd-lrbump5-x200", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1575, log_every=2, eval_every=32, clip=0,
           bumps=[(800, 5, 200)]),
        *R("hf", T, "insufficient_data", "kd-two-evals", (1,), **B, lr=2e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "kd-earlystop5", (1,), **B, lr=2e-3, epochs=40,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_csv", T, "underfitting", "kd-tiny-student", (1,), **dict(B, model="tiny"),
           lr=2e-3, epochs=20, acceptable=["healthy"], **K),
    ]
    # ---------------- det_boxes: 2000 16x16 images, 63 steps per epoch at batch 32
    T = "det_boxes"
    B = {"model": "small", "arch": "detector", "batch": 32}
    out += [
        *R("hf", T, "healthy", "det-warmcos-eval32-best-acc", (1, 2), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.05, epochs=25, log_every=10, eval_every=32,
           first_step=True, **ACC, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "det-linear", (1, 2), **dict(B, model="linear"), lr=1e-3,
           sched="cosine", epochs=20, log_every=10, eval_every=32, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "det-wide-n100", (1,), **dict(B, model="wide", n_train=100),
           opt="adam", lr=1e-3, max_steps=1500, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "diverging", "det-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.01, max_steps=756, log_every=5, eval_every=32, clip=0),
        *R("hf", T, "still_improving", "det-cosine-stop30pct", (1,), **B, opt="adam", lr=3e-4,
           sched="cosine", planned=1575, max_steps=472, log_every=5, eval_every=32),
        *R("hf", T, "loss_spike", "det-poison5-inputs", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1575, log_every=2, eval_every=32,
           poison=[(800, 5, "inputs")]),
        *R("hf", T, "insufficient_data", "det-two-evals", (1,), **B, lr=2e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "det-earlystop5", (1,), **B, lr=2e-3, epochs=40,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "underfitting", "det-linear", (1,), **dict(B, model="linear"),
           lr=1e-3, epochs=20, log_every=0, acceptable=["healthy"], **K),
        # a model too small; a third seed of the Trainer's everyday setups
        *R("hf", T, "underfitting", "det-tiny", (1,), **dict(B, model="tiny"), lr=2e-3,
           sched="cosine", epochs=20, log_every=10, eval_every=32, acceptable=["healthy"]),
        *R("hf", T, "healthy", "det-warmcos-eval32-best-acc", (3,), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.05, epochs=25, log_every=10, eval_every=32,
           first_step=True, **ACC, acceptable=["still_improving"]),
    ]
    out += [
        *R("hf", "kd_student", "healthy", "kd-warmcos-eval32-best-loss", (3,),
           model="small", arch="kd_student", batch=32, lr=2e-3, sched="cosine",
           warmup_ratio=0.1, epochs=25, log_every=10, eval_every=32, first_step=True, **LOSS,
           acceptable=["still_improving"]),
        *R("hf", "sgdr_cls", "healthy", "sgdr-cosrestarts5-eval32-best-acc", (3,),
           model="small", batch=32, lr=3e-3, sched="cosine_with_restarts", cycles=5,
           warmup_ratio=0.02, max_steps=1890, log_every=10, eval_every=32, first_step=True,
           **ACC, acceptable=["still_improving"]),
        *R("hf", "det_boxes", "overfitting", "det-wide-n60-noisy", (1, 2), model="wide",
           arch="detector", n_train=60, label_noise=0.3, opt="adam", lr=5e-4, batch=20,
           max_steps=1500, log_every=5, eval_every=15, clip=0),
        *R("hf", "sgdr_cls", "erratic", "sgdr-adam0.03-b8-val40", (1, 2), model="medium",
           batch=8, n_val=40, opt="adam", lr=0.03, sched="cosine_with_restarts", cycles=4,
           max_steps=2000, log_every=10, eval_every=50, clip=0,
           note="the eval loss computed on 40 examples", acceptable=["healthy", "still_improving"]),
    ]
    return out


def dev21(K) -> list[Recipe]:
    """Twenty-first dev batch: s2s_translit, rank_lists, mtl_digits (after dev20); trainings
    unlike the corpus it was tuned on: a GRU encoder-decoder on translation-like pairs (token CE
    under teacher forcing; eval_accuracy the greedy decode's token accuracy, eval_bleu a
    BLEU-like score: both lag the loss), a ranker trained with a pairwise hinge (floor 0;
    eval_accuracy the pairwise accuracy, eval_ndcg5), a two-head digits model whose weighted
    total and parts are logged (eval_loss_cls, eval_loss_reg). The everyday Trainer setup:
    AdamW with warm-up + cosine decay (warmup_ratio), eval every N steps,
    metric_for_best_model with load_best_model_at_end, logging_first_step; Keras (the torch
    module in TorchModuleWrapper): CSVLogger with EarlyStopping(restore_best_weights) that stops
    early; the regimes by their real causes."""
    out = []
    ACC = {"best_metric": "accuracy", "load_best": True}
    # ---------------- s2s_translit: 2000 pairs, 63 steps per epoch at batch 32
    T = "s2s_translit"
    B = {"model": "medium", "arch": "seq2seq", "batch": 32}
    out += [
        *R("hf", T, "healthy", "s2s-warmcos-eval32-best-acc", (1, 2, 3), **B, lr=3e-3,
           sched="cosine", warmup_ratio=0.05, epochs=25, log_every=10, eval_every=32,
           first_step=True, **ACC, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "s2s-tiny-gru4", (1, 2), **dict(B, model="tiny"), lr=3e-3,
           sched="cosine", epochs=20, log_every=10, eval_every=32, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "s2s-wide-n150", (1,), **dict(B, model="wide", n_train=150),
           opt="adam", lr=2e-3, max_steps=1500, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "diverging", "s2s-sgd-grow", (1,), **B, opt="sgd", lr=0.05, sched="grow",
           grow=1.01, max_steps=756, log_every=5, eval_every=32, clip=0),
        *R("hf", T, "still_improving", "s2s-cosine-stop30pct", (1,), **B, opt="adam", lr=3e-4,
           sched="cosine", planned=1575, max_steps=472, log_every=5, eval_every=32,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "s2s-lrbump5-x100", (1,), **B, opt="adam", lr=3e-3,
           sched="cosine", max_steps=1575, log_every=2, eval_every=32, clip=0,
           bumps=[(800, 5, 100)]),
        *R("hf", T, "insufficient_data", "s2s-two-evals", (1,), **B, lr=3e-3, max_steps=60,
           log_every=100, eval_every=30),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "s2s-earlystop5", (1,), **B, lr=3e-3, epochs=40,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "underfitting", "s2s-tiny-gru4", (1,), **dict(B, model="tiny"),
           lr=3e-3, epochs=20, log_every=0, acceptable=["healthy"], **K),
    ]
    # ---------------- rank_lists: 600 queries of 10 items, 38 steps per epoch at batch 16
    T = "rank_lists"
    B = {"model": "small", "arch": "ranker", "batch": 16}
    out += [
        *R("hf", T, "healthy", "rank-warmcos-eval19-best-loss", (1, 2, 3), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.05, epochs=30, log_every=5, eval_every=19,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "rank-linear", (1, 2), **dict(B, model="linear"), lr=2e-3,
           sched="cosine", epochs=30, log_every=5, eval_every=19, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "rank-wide-n30-noisy", (1, 2), **dict(B, model="wide",
           n_train=30), label_noise=0.3, opt="adam", lr=2e-3, max_steps=1200, log_every=5,
           eval_every=20, clip=0),
        *R("hf", T, "erratic", "rank-adam0.05-b4-val20", (1,), **dict(B, batch=4, n_val=20),
           opt="adam", lr=0.05, max_steps=2000, log_every=10, eval_every=50, clip=0,
           acceptable=["healthy", "underfitting"]),
        *R("hf", T, "diverging", "rank-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.015, max_steps=456, log_every=5, eval_every=19, clip=0),
        *R("hf", T, "still_improving", "rank-cosine-stop30pct", (1,), **B, opt="adam", lr=5e-5,
           sched="cosine", planned=1140, max_steps=342, log_every=5, eval_every=19,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "rank-poison5-inputs", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1140, log_every=2, eval_every=19,
           poison=[(600, 5, "inputs")]),
        *R("hf", T, "insufficient_data", "rank-two-evals", (1,), **B, lr=2e-3, max_steps=40,
           log_every=100, eval_every=20),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "rank-earlystop5", (1,), **B, lr=2e-3, epochs=60,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "overfitting", "rank-wide-n30-noisy", (1,), **dict(B, model="wide",
           n_train=30), label_noise=0.3, lr=2e-3, epochs=300, log_every=0, **K),
    ]
    # ---------------- mtl_digits: 1297 digits, 41 steps per epoch at batch 32
    T = "mtl_digits"
    B = {"model": "small", "arch": "two_heads", "batch": 32}
    out += [
        *R("hf", T, "healthy", "mtl-warmcos-eval20-best-loss", (1, 2, 3), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.05, epochs=30, log_every=5, eval_every=20,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "mtl-wide-n200-noisy", (1, 2), **dict(B, model="wide",
           n_train=200), label_noise=0.3, opt="adam", lr=1e-3, max_steps=1500, log_every=5,
           eval_every=25, clip=0),
        *R("hf", T, "underfitting", "mtl-adam3e-6", (1,), **B, opt="adam", lr=3e-6, epochs=20,
           log_every=5, eval_every=20, acceptable=["still_improving"]),
        *R("hf", T, "erratic", "mtl-adam0.03-b8-val40", (1,), **dict(B, batch=8, n_val=40),
           opt="adam", lr=0.03, max_steps=2000, log_every=10, eval_every=50, clip=0,
           acceptable=["healthy", "underfitting"]),
        *R("hf", T, "diverging", "mtl-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.01, max_steps=492, log_every=5, eval_every=20, clip=0),
        *R("hf", T, "still_improving", "mtl-cosine-stop30pct", (1,), **B, opt="adam", lr=1e-4,
           sched="cosine", planned=1230, max_steps=369, log_every=5, eval_every=20),
        *R("hf", T, "loss_spike", "mtl-lrbump5-x100", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1230, log_every=2, eval_every=20, clip=0,
           bumps=[(600, 5, 100)]),
        *R("hf", T, "insufficient_data", "mtl-two-evals", (1,), **B, lr=2e-3, max_steps=40,
           log_every=100, eval_every=20),
        # ---------------- keras
        *R("keras_csv", T, "healthy", "mtl-earlystop5", (1,), **B, lr=2e-3, epochs=60,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_csv", T, "overfitting", "mtl-wide-n200-noisy", (1,), **dict(B, model="wide",
           n_train=200), label_noise=0.3, lr=1e-3, epochs=200, **K),
    ]
    # after the first pass: the x100 bumps killed the seq2seq GRU and the two-head model for
    # good (diverging): a x20 bump on the GRU, inputs x10 on the two-head model; a second hot
    # two-head seed; Keras at an LR far too low
    out += [
        *R("hf", "s2s_translit", "loss_spike", "s2s-lrbump5-x20", (1,), model="medium",
           arch="seq2seq", batch=32, opt="adam", lr=3e-3, sched="cosine", max_steps=1575,
           log_every=2, eval_every=32, clip=0, bumps=[(800, 5, 20)]),
        *R("hf", "mtl_digits", "loss_spike", "mtl-poison5-inputs", (1,), model="small",
           arch="two_heads", batch=32, opt="adam", lr=2e-3, sched="cosine", max_steps=1230,
           log_every=2, eval_every=20, poison=[(600, 5, "inputs")]),
        *R("hf", "mtl_digits", "erratic", "mtl-adam0.03-b8-val40", (2,), model="small",
           arch="two_heads", batch=8, n_val=40, opt="adam", lr=0.03, max_steps=2000,
           log_every=10, eval_every=50, clip=0, acceptable=["healthy", "underfitting"]),
        *R("keras_csv", "mtl_digits", "underfitting", "mtl-adam3e-6", (1,), model="small",
           arch="two_heads", batch=32, lr=3e-6, epochs=20, acceptable=["still_improving"], **K),
    ]
    out += [    # the two heads apart (see gen_torch.dev21_recipes)
        *R("hf", "mtl_digits", "overfitting", "mtl-medium-n400-noisy-cls-turns", (1,),
           model="medium", arch="two_heads", n_train=400, label_noise=0.3, batch=32,
           opt="adam", lr=1e-3, max_steps=1500, log_every=5, eval_every=25, clip=0,
           acceptable=["healthy"]),
        *R("hf", "mtl_digits", "still_improving", "mtl-medium-n600-noisy-aux-falls", (1,),
           model="medium", arch="two_heads", n_train=600, label_noise=0.2, batch=32,
           opt="adam", lr=5e-4, max_steps=1500, log_every=5, eval_every=25, clip=0,
           acceptable=["healthy"]),
    ]
    return out


def dev22(K) -> list[Recipe]:
    """Twenty-second dev batch: ctc_words, gcn_nodes, focal_rare (after dev21); trainings unlike
    the corpus it was tuned on: a CTC recogniser on generated speech-like feature sequences
    (eval_accuracy 1 - CER of the greedy decode, eval_cer and eval_wer at 1.0 while it emits
    only blanks), a GCN node classifier on one generated graph, full batch, 40 val nodes (a
    noisy eval), an MLP on an imbalanced table trained with a focal loss (eval_pr_auc, eval_f1).
    The everyday Trainer setup: AdamW with warm-up + cosine decay (warmup_ratio), eval every N
    steps, metric_for_best_model with load_best_model_at_end, logging_first_step; Keras (the
    torch module in TorchModuleWrapper): CSVLogger with EarlyStopping(restore_best_weights)
    that stops early; the regimes by their real causes."""
    out = []
    ACC = {"best_metric": "accuracy", "load_best": True}
    # ---------------- ctc_words: 2000 utterances, 63 steps per epoch at batch 32
    T = "ctc_words"
    B = {"model": "small", "arch": "ctc", "batch": 32}
    out += [
        *R("hf", T, "healthy", "ctc-warmcos-eval32-best-acc", (1, 2, 3), **B, lr=5e-3,
           sched="cosine", warmup_ratio=0.05, epochs=15, log_every=10, eval_every=32,
           first_step=True, **ACC, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "ctc-tiny-h2", (1, 2), **dict(B, model="tiny"), lr=5e-3,
           sched="cosine", epochs=12, log_every=10, eval_every=32, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "ctc-wide-n100-noisy", (1,), **dict(B, model="wide",
           n_train=100), label_noise=0.2, opt="adam", lr=3e-3, max_steps=1000, log_every=5,
           eval_every=20, clip=0),
        *R("hf", T, "diverging", "ctc-sgd-grow", (1,), **B, opt="sgd", lr=0.05, sched="grow",
           grow=1.012, max_steps=504, log_every=5, eval_every=32, clip=0),
        *R("hf", T, "still_improving", "ctc-cosine-stop30pct", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", planned=1260, max_steps=378, log_every=5, eval_every=32,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "ctc-lrbump5-x30", (1,), **B, opt="adam", lr=5e-3,
           sched="cosine", max_steps=945, log_every=2, eval_every=32, clip=0,
           bumps=[(500, 5, 30)]),
        *R("hf", T, "insufficient_data", "ctc-two-evals", (1,), **B, lr=5e-3, max_steps=60,
           log_every=100, eval_every=30),
        *R("keras_csv", T, "healthy", "ctc-earlystop3", (1,), **B, lr=5e-3, epochs=30,
           early_stop=3, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "underfitting", "ctc-tiny-h2", (1,), **dict(B, model="tiny"),
           lr=5e-3, epochs=12, log_every=0, acceptable=["healthy"], **K),
    ]
    # ---------------- gcn_nodes: full batch (80 train nodes), one step per epoch
    T = "gcn_nodes"
    B = {"model": "small", "arch": "gcn_nodes", "batch": 80}
    out += [
        *R("hf", T, "healthy", "gcn-warmcos-eval5-best-acc", (1, 2, 3), **B, lr=0.01,
           sched="cosine", warmup_ratio=0.05, max_steps=150, log_every=1, eval_every=5,
           first_step=True, **ACC, acceptable=["overfitting"]),
        *R("hf", T, "overfitting", "gcn-wide-n20-nodrop", (1, 2), **dict(B, model="wide",
           n_train=20, batch=20), opt="adam", lr=0.01, max_steps=200, log_every=1,
           eval_every=5, clip=0),
        *R("hf", T, "underfitting", "gcn-linear-nograph", (1,), **dict(B, model="linear"),
           lr=0.01, max_steps=150, log_every=1, eval_every=5, acceptable=["healthy"]),
        *R("hf", T, "erratic", "gcn-adam0.2", (1,), **B, opt="adam", lr=0.2, max_steps=150,
           log_every=1, eval_every=2, clip=0, acceptable=["healthy", "diverging"]),
        *R("hf", T, "diverging", "gcn-sgd-grow", (1,), **B, opt="sgd", lr=0.05, sched="grow",
           grow=1.06, max_steps=150, log_every=1, eval_every=3, clip=0),
        *R("hf", T, "loss_spike", "gcn-lrbump3-x50", (1,), **B, opt="adam", lr=0.01,
           max_steps=150, log_every=1, eval_every=2, clip=0, bumps=[(80, 3, 50)]),
        *R("keras_csv", T, "healthy", "gcn-earlystop10", (1,), **B, lr=0.01, epochs=300,
           early_stop=10, acceptable=["overfitting"], **K),
        *R("keras_tb", T, "overfitting", "gcn-wide-n20-nodrop", (1,), **dict(B, model="wide",
           n_train=20, batch=20), lr=0.01, epochs=200, log_every=0, **K),
    ]
    # ---------------- focal_rare: 2500 rows, 79 steps per epoch at batch 32
    T = "focal_rare"
    B = {"model": "small", "arch": "focal_mlp", "batch": 32}
    out += [
        *R("hf", T, "healthy", "focal-warmcos-eval40-best-loss", (1, 2, 3), **B, lr=2e-3,
           sched="cosine", warmup_ratio=0.05, epochs=25, log_every=10, eval_every=40,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "focal-wide-n300", (1, 2), **dict(B, model="wide",
           n_train=300), opt="adam", lr=1e-3, max_steps=1500, log_every=5, eval_every=25,
           clip=0),
        *R("hf", T, "underfitting", "focal-sgd-lr1e-5", (1,), **B, opt="sgd", lr=1e-5,
           epochs=20, log_every=10, eval_every=40, acceptable=["still_improving"]),
        *R("hf", T, "erratic", "focal-adam0.05-b4", (1,), **dict(B, batch=4), opt="adam",
           lr=0.05, max_steps=2000, log_every=10, eval_every=50, clip=0,
           acceptable=["underfitting", "diverging"]),
        *R("hf", T, "diverging", "focal-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
           sched="grow", grow=1.015, max_steps=948, log_every=5, eval_every=20, clip=0),
        *R("hf", T, "still_improving", "focal-cosine-stop30pct", (1,), **B, opt="adam",
           lr=1e-4, sched="cosine", planned=2370, max_steps=711, log_every=5, eval_every=20,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "focal-lrbump5-x100", (1,), **B, opt="adam", lr=2e-3,
           sched="cosine", max_steps=1975, log_every=2, eval_every=20, clip=0,
           bumps=[(900, 5, 100)]),
        *R("hf", T, "insufficient_data", "focal-two-evals", (1,), **B, lr=2e-3, max_steps=40,
           log_every=100, eval_every=20),
    ]
    # after the first pass (see gen_torch.dev22_recipes): a bigger CTC bump, a hotter GCN, a
    # hot focal MLP at batch 8 with the eval on 300 rows
    out += [
        *R("hf", "ctc_words", "loss_spike", "ctc-lrbump10-x100", (1,), model="small",
           arch="ctc", batch=32, opt="adam", lr=5e-3, sched="cosine", max_steps=945,
           log_every=2, eval_every=32, clip=0, bumps=[(500, 10, 100)]),
        *R("hf", "gcn_nodes", "erratic", "gcn-adam0.3", (2,), model="small", arch="gcn_nodes",
           batch=80, opt="adam", lr=0.3, max_steps=150, log_every=1, eval_every=2, clip=0,
           acceptable=["overfitting", "diverging"]),
        *R("hf", "focal_rare", "erratic", "focal-adam0.02-b8-val300", (1,), model="small",
           arch="focal_mlp", batch=8, n_val=300, opt="adam", lr=0.02, max_steps=2000,
           log_every=10, eval_every=50, clip=0, acceptable=["healthy", "overfitting"]),
        *R("hf", "ctc_words", "loss_spike", "ctc-lrbump5-x100", (2,), model="small",
           arch="ctc", batch=32, opt="adam", lr=5e-3, sched="cosine", max_steps=945,
           log_every=2, eval_every=32, clip=0, bumps=[(500, 5, 100)],
           acceptable=["diverging"]),
    ]
    return out


def dev23(K) -> list[Recipe]:
    """Twenty-third dev batch: flow_moons, pinn_ode, cox_surv (after dev22); trainings unlike the
    corpus it was tuned on: a RealNVP normalising flow whose NLL goes below 0 (eval_bpd), a
    physics-informed net whose residual loss falls 3-4 orders of magnitude (eval_mae against
    the exact solution), a Cox proportional-hazards MLP whose partial likelihood has a floor
    well above 0 (eval_c_index). The everyday Trainer setup: AdamW with warm-up + cosine decay
    (warmup_ratio), eval every N steps, metric_for_best_model with load_best_model_at_end,
    logging_first_step; Keras (the torch module in TorchModuleWrapper): CSVLogger with
    EarlyStopping(restore_best_weights) that stops early; the regimes by their real causes."""
    out = []
    LOSS = {"best_metric": "loss", "load_best": True}
    MAE = {"best_metric": "mae", "load_best": True}
    # ---------------- flow_moons: 2000 points, 32 steps per epoch at batch 64
    T = "flow_moons"
    B = {"model": "small", "arch": "flow", "batch": 64}
    out += [
        *R("hf", T, "healthy", "flow-warmcos-eval50-best-loss", (1, 2, 3), **B, lr=3e-3,
           sched="cosine", warmup_ratio=0.05, max_steps=1500, log_every=10, eval_every=50,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "flow-medium-n50", (1,), **dict(B, model="medium",
           n_train=50, batch=50), opt="adam", lr=1e-3, max_steps=1500, log_every=5,
           eval_every=25, clip=0),
        *R("hf", T, "underfitting", "flow-gauss-nocoupling", (1,), **dict(B, model="gauss"),
           lr=3e-3, max_steps=800, log_every=10, eval_every=40),
        *R("hf", T, "erratic", "flow-adam0.05-b8", (1,), **dict(B, batch=8), opt="adam",
           lr=0.05, max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "diverging", "flow-sgd-grow", (1,), **B, opt="sgd", lr=1e-3, sched="grow",
           grow=1.01, max_steps=1200, log_every=5, eval_every=40, clip=0),
        *R("hf", T, "still_improving", "flow-cosine-stop30pct", (1,), **B, opt="adam",
           lr=5e-4, sched="cosine", planned=3000, max_steps=900, log_every=5, eval_every=30,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "flow-lrbump5-x100", (1,), **B, opt="adam", lr=3e-3,
           sched="cosine", max_steps=1500, log_every=2, eval_every=25, clip=0,
           bumps=[(800, 5, 100)]),
        *R("hf", T, "insufficient_data", "flow-two-evals", (1,), **B, lr=3e-3, max_steps=40,
           log_every=100, eval_every=20),
        *R("keras_csv", T, "healthy", "flow-earlystop5", (1,), **B, lr=3e-3, epochs=60,
           early_stop=5, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "underfitting", "flow-gauss-nocoupling", (1,),
           **dict(B, model="gauss"), lr=3e-3, epochs=25, log_every=0, **K),
    ]
    # ---------------- pinn_ode: 512 collocation points, 8 steps per epoch at batch 64
    T = "pinn_ode"
    B = {"model": "small", "arch": "pinn", "batch": 64}
    out += [
        *R("hf", T, "healthy", "pinn-warmcos-eval50-best-mae", (1, 2, 3), **B, lr=3e-3,
           sched="cosine", warmup_ratio=0.05, max_steps=2000, log_every=10, eval_every=50,
           first_step=True, **MAE, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "pinn-adam1e-5", (1,), **B, opt="adam", lr=1e-5,
           max_steps=1500, log_every=10, eval_every=50),
        *R("hf", T, "erratic", "pinn-adam0.03-b16", (1,), **dict(B, batch=16), opt="adam",
           lr=0.03, max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "diverging", "pinn-sgd-grow", (1,), **B, opt="sgd", lr=1e-3, sched="grow",
           grow=1.01, max_steps=1200, log_every=5, eval_every=40, clip=0),
        *R("hf", T, "still_improving", "pinn-cosine-stop30pct", (1,), **B, opt="adam",
           lr=1e-3, sched="cosine", planned=3000, max_steps=900, log_every=5, eval_every=30,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "pinn-lrbump5-x100", (1,), **B, opt="adam", lr=3e-3,
           sched="cosine", max_steps=2000, log_every=2, eval_every=25, clip=0,
           bumps=[(1000, 5, 100)]),
        *R("hf", T, "insufficient_data", "pinn-two-evals", (1,), **B, lr=3e-3, max_steps=40,
           log_every=100, eval_every=20),
        *R("keras_csv", T, "healthy", "pinn-earlystop10", (1,), **B, lr=3e-3, epochs=250,
           early_stop=10, acceptable=["still_improving"], **K),
    ]
    # ---------------- cox_surv: 2000 rows, 32 steps per epoch at batch 64 (eval in one batch)
    T = "cox_surv"
    B = {"model": "small", "arch": "cox_mlp", "batch": 64}
    out += [
        *R("hf", T, "healthy", "cox-warmcos-eval25-best-loss", (1, 2, 3), **B, lr=1e-3,
           sched="cosine", warmup_ratio=0.05, max_steps=1000, log_every=5, eval_every=25,
           first_step=True, **LOSS, acceptable=["overfitting"]),
        *R("hf", T, "overfitting", "cox-medium-n150", (1, 2), **dict(B, model="medium",
           n_train=150, batch=32), opt="adam", lr=1e-3, max_steps=600, log_every=2,
           eval_every=10, clip=0),
        *R("hf", T, "underfitting", "cox-sgd-lr1e-4", (1,), **B, opt="sgd", lr=1e-4,
           max_steps=1000, log_every=5, eval_every=25, acceptable=["still_improving"]),
        *R("hf", T, "erratic", "cox-adam0.03-b16-val64", (1,), **dict(B, batch=16, n_val=64),
           opt="adam", lr=0.03, max_steps=1000, log_every=10, eval_every=25, clip=0,
           acceptable=["overfitting", "diverging"]),
        *R("hf", T, "diverging", "cox-sgd-grow", (1,), **B, opt="sgd", lr=1e-3, sched="grow",
           grow=1.012, max_steps=1000, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "still_improving", "cox-cosine-stop30pct", (1,), **B, opt="adam",
           lr=1e-4, sched="cosine", planned=2000, max_steps=600, log_every=5, eval_every=20,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "cox-lrbump5-x100", (1,), **B, opt="adam", lr=1e-3,
           sched="cosine", max_steps=1000, log_every=1, eval_every=20, clip=0,
           bumps=[(500, 5, 100)]),
        *R("hf", T, "insufficient_data", "cox-two-evals", (1,), **B, lr=1e-3, max_steps=40,
           log_every=100, eval_every=20),
        *R("keras_csv", T, "healthy", "cox-earlystop3", (1,), **B, lr=1e-3, epochs=40,
           early_stop=3, acceptable=["overfitting", "still_improving"], **K),
        *R("keras_tb", T, "overfitting", "cox-medium-n150", (1,), **dict(B, model="medium",
           n_train=150, batch=32), lr=1e-3, epochs=80, log_every=0, **K),
    ]
    # after the first pass (see gen_torch.dev23_recipes): smaller bumps on the flow and the
    # PINN, a bigger one on the Cox model, hotter optimisers with small val sets
    out += [
        *R("hf", "flow_moons", "loss_spike", "flow-lrbump3-x10", (1,), model="small",
           arch="flow", batch=64, opt="adam", lr=3e-3, sched="cosine", max_steps=1500,
           log_every=2, eval_every=25, clip=0, bumps=[(800, 3, 10)]),
        *R("hf", "pinn_ode", "loss_spike", "pinn-lrbump3-x10", (1,), model="small",
           arch="pinn", batch=64, opt="adam", lr=3e-3, sched="cosine", max_steps=2000,
           log_every=2, eval_every=25, clip=0, bumps=[(1000, 3, 10)]),
        *R("hf", "cox_surv", "loss_spike", "cox-lrbump10-x300", (1,), model="small",
           arch="cox_mlp", batch=64, opt="adam", lr=1e-3, sched="cosine", max_steps=1000,
           log_every=1, eval_every=20, clip=0, bumps=[(500, 10, 300)]),
        *R("hf", "flow_moons", "erratic", "flow-adam0.02-b8-val32", (1,), model="small",
           arch="flow", batch=8, n_val=32, opt="adam", lr=0.02, max_steps=1500, log_every=10,
           eval_every=50, clip=0, acceptable=["underfitting", "healthy"]),
        *R("hf", "cox_surv", "erratic", "cox-adam0.1-b8-val64", (1, 2), model="small",
           arch="cox_mlp", batch=8, n_val=64, opt="adam", lr=0.1, max_steps=1000,
           log_every=10, eval_every=25, clip=0, acceptable=["underfitting", "healthy"]),
    ]
    return out


# twenty-fourth batch: what each fine-tune's body was pre-trained on
DEV24_SOURCE = {
    "sft_pairs": "3700 prompt -> answer pairs of a reversal grammar (answer = prompt reversed)",
    "digits_rot": "the other (clean, upright) half of load_digits",
    "tab_transfer": "3700 rows of the same make_classification data before the covariate shift",
}


def dev24(K) -> list[Recipe]:
    """Twenty-fourth dev batch: sft_pairs, digits_rot, tab_transfer (after dev23); FINE-TUNES
    from a pre-trained checkpoint (pre_steps: the body trained first, unlogged, on related
    data, cached under <corpus>/_pretrained): an SFT of a small causal transformer on
    prompt -> answer pairs, a CNN fine-tuned on rotated, relabelled digits with a fresh head,
    an MLP under a covariate shift (full, linear probe, LoRA-like adapters). The everyday
    Trainer setup: AdamW with warm-up + cosine decay (warmup_ratio), eval every N steps,
    metric_for_best_model loss with load_best_model_at_end, logging_first_step; Keras (from
    scratch, native layers): CSVLogger with EarlyStopping(restore_best_weights)."""
    out = []
    LOSS = {"best_metric": "loss", "load_best": True}
    # ---------------- sft_pairs: 125 steps per epoch at batch 32
    T = "sft_pairs"
    B = {"model": "small", "arch": "ft_tf", "pre_steps": 1500, "batch": 32}
    out += [
        *R("hf", T, "healthy", "sft-warmcos-eval25-best-loss", (1, 2, 3), **B, lr=1e-3,
           sched="cosine", warmup_ratio=0.05, max_steps=500, log_every=5, eval_every=25,
           first_step=True, **LOSS),
        *R("hf", T, "overfitting", "sft-medium-n200-noisy30", (1, 2), **dict(B, model="medium",
           n_train=200), label_noise=0.3, opt="adam", lr=1e-3, epochs=60, log_every=5,
           eval_every=0, clip=0),
        *R("hf", T, "diverging", "sft-adam1e-2-forget", (1,), **B, opt="adam", lr=1e-2,
           max_steps=500, log_every=5, eval_every=25, clip=0, acceptable=["erratic"]),
        *R("hf", T, "underfitting", "sft-lr1e-7", (1,), **B, lr=1e-7, max_steps=500,
           log_every=5, eval_every=25),
        *R("hf", T, "still_improving", "sft-cosine-stop10pct", (1,), **B, opt="adam",
           lr=1e-4, sched="cosine", planned=3000, max_steps=300, log_every=5, eval_every=20,
           acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "sft-lrbump3-x30", (1,), **B, opt="adam", lr=1e-3,
           sched="cosine", max_steps=600, log_every=1, eval_every=20, clip=0,
           bumps=[(300, 3, 30)]),
        *R("hf", T, "insufficient_data", "sft-two-evals", (1,), **B, lr=1e-3, max_steps=40,
           log_every=100, eval_every=20),
    ]
    # ---------------- digits_rot: 38 steps per epoch at batch 16
    T = "digits_rot"
    B = {"model": "medium", "arch": "ft_cnn", "pre_steps": 1500, "fresh_head": True,
         "batch": 16}
    out += [
        *R("hf", T, "healthy", "ft-cnn-warmcos-e15-best-loss", (1, 2, 3), **B, lr=1e-3,
           sched="cosine", warmup_ratio=0.05, epochs=15, log_every=5, eval_every=0,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "ft-cnn-wide-n120-noisy20", (1, 2), **dict(B, model="wide",
           n_train=120), label_noise=0.2, opt="adam", lr=1e-3, epochs=60, log_every=5,
           eval_every=0, clip=0),
        *R("hf", T, "underfitting", "ft-cnn-lr1e-7", (1,), **B, lr=1e-7, epochs=12,
           log_every=5, eval_every=0),
        *R("hf", T, "underfitting", "ft-cnn-tiny-probe", (1,), **dict(B, model="tiny"),
           freeze=True, lr=1e-3, epochs=15, log_every=5, eval_every=0),
        *R("hf", T, "erratic", "ft-cnn-adam0.03-b4", (1,), **dict(B, batch=4), opt="adam",
           lr=0.03, epochs=12, log_every=10, eval_every=0, clip=1.0,
           acceptable=["diverging"]),
        *R("hf", T, "diverging", "ft-cnn-sgd-grow", (1,), **B, opt="sgd", lr=0.01,
           sched="grow", grow=1.01, epochs=25, log_every=5, eval_every=19, clip=0),
        *R("hf", T, "still_improving", "ft-cnn-short-lr1e-4", (1,), **B, opt="adam", lr=1e-4,
           epochs=6, log_every=5, eval_every=19, acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "ft-cnn-lrbump5-x50", (1,), **B, opt="adam", lr=3e-4,
           epochs=15, log_every=2, eval_every=19, clip=0, bumps=[(300, 5, 50)]),
        *R("keras_csv", T, "healthy", "cnn-scratch-earlystop4", (1,), model="medium",
           batch=16, lr=1e-3, epochs=60, early_stop=4, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "overfitting", "wide-n120-noisy20", (1,), model="wide", n_train=120,
           label_noise=0.2, batch=16, lr=1e-3, epochs=100, log_every=0, **K),
    ]
    # ---------------- tab_transfer: 47 steps per epoch at batch 32
    T = "tab_transfer"
    B = {"model": "medium", "arch": "ft_mlp", "pre_steps": 800, "batch": 32}
    out += [
        *R("hf", T, "healthy", "ft-warmcos-eval25-best-loss", (1, 2), **B, lr=1e-3,
           sched="cosine", warmup_ratio=0.05, epochs=15, log_every=5, eval_every=25,
           first_step=True, **LOSS, acceptable=["still_improving"]),
        *R("hf", T, "healthy", "ft-lora8-warmcos", (1,), **dict(B, arch="ft_mlp_lora8"),
           lr=3e-3, sched="cosine", warmup_ratio=0.05, epochs=20, log_every=5, eval_every=25,
           acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "ft-wide-n100-e150", (1, 2), **dict(B, model="wide",
           n_train=100), opt="adam", lr=1e-3, epochs=150, log_every=4, eval_every=8, clip=0),
        *R("hf", T, "underfitting", "ft-tiny-probe", (1,), **dict(B, model="tiny"),
           fresh_head=True, freeze=True, lr=1e-3, epochs=15, log_every=5, eval_every=0),
        *R("hf", T, "diverging", "ft-sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.02, epochs=15, log_every=5, eval_every=20, clip=0),
        *R("hf", T, "still_improving", "ft-lora2-short-lr1e-4", (1,),
           **dict(B, arch="ft_mlp_lora2"), opt="adam", lr=1e-4, epochs=5, log_every=5,
           eval_every=10, acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "ft-lrbump5-x100", (1,), **B, opt="adam", lr=3e-4,
           sched="cosine", epochs=15, log_every=1, eval_every=10, clip=0,
           bumps=[(350, 5, 100)]),
        *R("hf", T, "insufficient_data", "ft-two-evals", (1,), **B, lr=1e-3, max_steps=40,
           log_every=100, eval_every=20),
        *R("keras_csv", T, "healthy", "scratch-earlystop4", (1, 2), model="medium", batch=32,
           lr=1e-3, epochs=80, early_stop=4, acceptable=["still_improving", "overfitting"],
           **K),
        *R("keras_tb", T, "underfitting", "scratch-lr1e-6", (1,), model="medium", batch=32,
           lr=1e-6, epochs=15, log_every=0, **K),
    ]
    # after the first pass (see gen_torch.dev24_recipes): fewer SFT pairs for longer, bigger
    # LR bumps (x100 for 10 steps on the SFT, x300 for 10 on the CNN and the MLP)
    out += [
        *R("hf", "sft_pairs", "overfitting", "sft-medium-n100-noisy40-e200", (1, 2),
           model="medium", arch="ft_tf", pre_steps=1500, batch=32, n_train=100,
           label_noise=0.4, opt="adam", lr=2e-3, epochs=200, log_every=5, eval_every=0,
           clip=0),
        *R("hf", "sft_pairs", "loss_spike", "sft-lrbump10-x100", (1,), model="small",
           arch="ft_tf", pre_steps=1500, batch=32, opt="adam", lr=1e-3, sched="cosine",
           max_steps=600, log_every=1, eval_every=20, clip=0, bumps=[(300, 10, 100)]),
        *R("hf", "digits_rot", "loss_spike", "ft-cnn-lrbump10-x300", (1,), model="medium",
           arch="ft_cnn", pre_steps=1500, fresh_head=True, batch=16, opt="adam", lr=3e-4,
           epochs=15, log_every=2, eval_every=19, clip=0, bumps=[(300, 10, 300)]),
        *R("hf", "tab_transfer", "loss_spike", "ft-lrbump10-x300", (1, 2), model="medium",
           arch="ft_mlp", pre_steps=800, batch=32, opt="adam", lr=3e-4, sched="cosine",
           epochs=15, log_every=1, eval_every=10, clip=0, bumps=[(350, 10, 300)]),
        *R("hf", "sft_pairs", "loss_spike", "sft-poison-labels20", (1,), model="small",
           arch="ft_tf", pre_steps=1500, batch=32, opt="adam", lr=1e-3, sched="cosine",
           max_steps=600, log_every=1, eval_every=20, poison=[(300, 20, "labels")]),
        *R("hf", "tab_transfer", "erratic", "ft-adam0.03-b4-eval60", (1, 2), model="medium",
           arch="ft_mlp", pre_steps=800, batch=4, n_val=60, opt="adam", lr=0.03, epochs=4,
           log_every=10, eval_every=50, clip=1.0, acceptable=["diverging", "healthy"]),
        *R("hf", "tab_transfer", "loss_spike", "ft-poison-labels10", (1,), model="medium",
           arch="ft_mlp", pre_steps=800, batch=32, opt="adam", lr=3e-4, sched="cosine",
           epochs=15, log_every=1, eval_every=10, poison=[(350, 10, "labels")]),
    ]
    return out


def print_table(labels: dict) -> None:
    """Runs by writer x task (split) x verdict, as a markdown table, plus relabel counts."""
    from collections import Counter
    verdicts = ["healthy", "overfitting", "underfitting", "erratic", "diverging", "loss_spike",
                "still_improving", "insufficient_data"]
    c = Counter((v["writer"], v["task"], v["verdict"]) for v in labels.values())
    print("| writer | task | split | " + " | ".join(verdicts) + " | total |")
    print("|---" * (len(verdicts) + 4) + "|")
    for w in WRITERS:
        for t in TASK_SPLIT:
            row = [c[(w, t, v)] for v in verdicts]
            if sum(row):
                print(f"| {w} | {t} | {TASK_SPLIT[t]} | " + " | ".join(str(x) or "" for x in row)
                      + f" | {sum(row)} |")
    tot = Counter(v["verdict"] for v in labels.values())
    by_w = Counter(v["writer"] for v in labels.values())
    print("| **all** | | | " + " | ".join(str(tot[v]) for v in verdicts) + f" | {len(labels)} |")
    print("by writer: " + ", ".join(f"{w} {by_w[w]}" for w in WRITERS))
    auto = sum(1 for v in labels.values() if (v.get("relabelled") or "").startswith("from "))
    look = sum(1 for v in labels.values() if "after review" in (v.get("relabelled") or ""))
    print(f"relabelled by the automatic check: {auto}; after review: {look}")


def dev25(K) -> list[Recipe]:
    """Twenty-fifth dev batch: topic_bag, keypoint_img, collinear_reg (after dev24); THE
    BORDERLINE REGIMES next to their healthy twins (see gen_torch.dev25_recipes): a warm-up +
    cosine schedule cut at 45-60% of its planned length beside the full one, underfitting that
    crawls (Adam 1e-5 / 3e-5, a 2-unit MLP), healthy runs evaluated on 40-50 rows beside a hot
    Adam or SGD at batch 2-4, LR bumps and poisoned batches that recover. The everyday setups:
    the Trainer with warm-up + cosine and eval every N steps (metric_for_best_model loss,
    load_best_model_at_end, logging_first_step), reduce_lr_on_plateau; Keras CSVLogger with
    EarlyStopping(restore_best_weights) that stops early. The cut runs take the custom LambdaLR
    path (opt "adam", warm-up in steps) so that the cosine runs over the planned length."""
    out = []
    LOSS = {"best_metric": "loss", "load_best": True}
    # ---------------- topic_bag: 63 steps per epoch at batch 32
    T = "topic_bag"
    B = {"model": "medium", "batch": 32}
    out += [
        *R("hf", T, "healthy", "warmcos-e15-eval50-best-loss", (1, 2), **B, lr=1e-3,
           sched="cosine", warmup_ratio=0.05, epochs=15, log_every=5, eval_every=50,
           first_step=True, **LOSS, acceptable=["overfitting"]),
        *R("hf", T, "still_improving", "warmcos-cut47pct", (1, 2), **B, opt="adam",
           lr=3e-4, sched="cosine", warmup=95, planned=1900, max_steps=900, log_every=5,
           eval_every=50, acceptable=["healthy"]),
        *R("hf", T, "underfitting", "lr1e-5-crawl", (1,), **B, lr=1e-5, epochs=20,
           log_every=10, eval_every=63, acceptable=["still_improving"]),
        *R("hf", T, "healthy", "eval50rows", (1,), **dict(B, n_val=50), lr=1e-3,
           sched="linear", epochs=12, log_every=10, eval_every=0,
           acceptable=["erratic", "overfitting"]),
        *R("hf", T, "erratic", "adam0.05-b4", (1,), **dict(B, batch=4), opt="adam", lr=0.05,
           epochs=2, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "overfitting", "wide-n150-e150", (1,), **dict(B, model="wide",
           n_train=150), opt="adam", lr=1e-3, epochs=150, log_every=5, eval_every=0, clip=0),
        *R("hf", T, "loss_spike", "lrbump10-x50", (1,), **B, opt="adam", lr=3e-4, epochs=20,
           log_every=2, eval_every=21, clip=0, bumps=[(600, 10, 50)]),
        *R("hf", T, "insufficient_data", "two-evals", (1,), **B, lr=1e-3, max_steps=40,
           log_every=100, eval_every=20),
        *R("keras_csv", T, "healthy", "earlystop4-restore", (1, 2), **B, lr=1e-3, epochs=80,
           early_stop=4, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "underfitting", "lr1e-6", (1,), **B, lr=1e-6, epochs=20,
           log_every=0, acceptable=["still_improving"], **K),
    ]
    # ---------------- keypoint_img: 63 steps per epoch at batch 32, 2 regression targets
    T = "keypoint_img"
    B = {"model": "medium", "batch": 32}
    out += [
        *R("hf", T, "healthy", "warmcos-e25-eval50-best-loss", (1, 2), **B, lr=1e-3,
           sched="cosine", warmup_ratio=0.05, epochs=25, log_every=5, eval_every=50,
           first_step=True, **LOSS, acceptable=["overfitting"]),
        *R("hf", T, "still_improving", "warmcos-cut60pct", (1, 2), **B, opt="adam",
           lr=3e-4, sched="cosine", warmup=75, planned=1500, max_steps=900, log_every=5,
           eval_every=50, acceptable=["healthy"]),
        *R("hf", T, "underfitting", "lr3e-5-crawl", (1,), **B, lr=3e-5, epochs=20,
           log_every=10, eval_every=63, acceptable=["still_improving"]),
        *R("hf", T, "erratic", "adam0.03-b2", (1,), **dict(B, batch=2), opt="adam", lr=0.03,
           max_steps=3000, log_every=10, eval_every=100, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "overfitting", "wide-n120-e200", (1,), **dict(B, model="wide",
           n_train=120), opt="adam", lr=1e-3, epochs=200, log_every=4, eval_every=20, clip=0),
        *R("hf", T, "loss_spike", "poison-inputs8", (1,), **B, opt="adam", lr=1e-3,
           sched="cosine", epochs=20, log_every=1, eval_every=21, clip=0,
           poison=[(600, 8, "inputs")]),
        *R("hf", T, "diverging", "sgd0.3", (1,), **B, opt="sgd", lr=0.3, epochs=10,
           log_every=5, eval_every=21, clip=0),
        *R("keras_csv", T, "healthy", "earlystop5-restore", (1,), **B, lr=1e-3, epochs=80,
           early_stop=5, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "overfitting", "wide-n120", (1,), model="wide", n_train=120,
           batch=32, lr=1e-3, epochs=200, log_every=0, clip=0, **K),
    ]
    # ---------------- collinear_reg: 47 steps per epoch at batch 32
    T = "collinear_reg"
    B = {"model": "small", "batch": 32}
    out += [
        *R("hf", T, "healthy", "plateau-e30", (1, 2), **B, lr=1e-3, sched="plateau",
           epochs=30, log_every=5, eval_every=0, acceptable=["overfitting"]),
        *R("hf", T, "still_improving", "const-lr1e-4-cut45pct", (1, 2), **B, opt="adam",
           lr=1e-4, planned=1350, max_steps=600, log_every=5, eval_every=47,
           acceptable=["underfitting"]),
        *R("hf", T, "underfitting", "tiny2-crawl", (1,), **dict(B, model="tiny"), lr=1e-4,
           epochs=30, log_every=10, eval_every=0, acceptable=["still_improving"]),
        *R("hf", T, "erratic", "sgd0.1-b4", (1,), **dict(B, batch=4), opt="sgd", lr=0.1,
           epochs=4, log_every=10, eval_every=75, clip=1.0, acceptable=["diverging"]),
        *R("hf", T, "overfitting", "wide-n100-e300", (1,), **dict(B, model="wide",
           n_train=100), opt="adam", lr=1e-3, epochs=300, log_every=4, eval_every=16, clip=0),
        *R("hf", T, "loss_spike", "lrbump5-x100", (1,), **B, opt="adam", lr=3e-4, epochs=30,
           log_every=1, eval_every=16, clip=0, bumps=[(700, 5, 100)]),
        *R("hf", T, "insufficient_data", "two-evals", (1,), **B, lr=1e-3, max_steps=30,
           log_every=100, eval_every=15),
        *R("keras_csv", T, "healthy", "earlystop5-restore", (1,), **B, lr=1e-3, epochs=100,
           early_stop=5, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_csv", T, "underfitting", "tiny2-lr1e-4", (1,), **dict(B, model="tiny"),
           lr=1e-4, epochs=30, acceptable=["still_improving"], **K),
    ]
    # after the first pass (see gen_torch.dev25_recipes): a cooler warm-up + cosine cut at
    # 50%, Adam 3e-6 on the keypoint MLP, medium MLPs on 200-300 rows trained long, poisoned
    # labels on topic_bag and an x50 bump on the keypoint MLP
    B = {"model": "medium", "batch": 32}
    out += [
        *R("hf", "topic_bag", "still_improving", "warmcos-lr1e-4-cut50pct", (1, 2), **B,
           opt="adam", lr=1e-4, sched="cosine", warmup=100, planned=2000, max_steps=1000,
           log_every=5, eval_every=50, acceptable=["healthy"]),
        *R("hf", "topic_bag", "loss_spike", "poison-labels15", (1,), **B, opt="adam", lr=3e-4,
           epochs=20, log_every=2, eval_every=21, poison=[(600, 15, "labels")]),
        *R("hf", "keypoint_img", "still_improving", "warmcos-lr1e-4-cut50pct", (1,), **B,
           opt="adam", lr=1e-4, sched="cosine", warmup=100, planned=2000, max_steps=1000,
           log_every=5, eval_every=50, acceptable=["healthy"]),
        *R("hf", "keypoint_img", "underfitting", "lr3e-6-crawl", (1,), **B, lr=3e-6,
           epochs=20, log_every=10, eval_every=63, acceptable=["still_improving"]),
        *R("hf", "keypoint_img", "overfitting", "medium-n300-e300", (1,), **dict(B, n_train=300),
           opt="adam", lr=1e-3, epochs=300, log_every=10, eval_every=50, clip=0),
        *R("hf", "keypoint_img", "loss_spike", "lrbump10-x50", (1,), **B, opt="adam", lr=1e-3,
           epochs=20, log_every=2, eval_every=21, clip=0, bumps=[(600, 10, 50)]),
        *R("hf", "collinear_reg", "overfitting", "medium-n200-e400", (1,),
           **dict(B, n_train=200), opt="adam", lr=1e-3, epochs=400, log_every=10,
           eval_every=35, clip=0),
        *R("keras_csv", "keypoint_img", "overfitting", "medium-n300", (1,), **dict(B,
           n_train=300), lr=1e-3, epochs=300, clip=0, **K),
    ]
    # more erratic, diverging and overfitting runs by their real causes
    out += [
        *R("hf", "topic_bag", "erratic", "sgd0.5-b2", (1,), model="medium", batch=2, opt="sgd",
           lr=0.5, max_steps=3000, log_every=10, eval_every=100, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", "topic_bag", "diverging", "sgd-grow", (1,), model="medium", batch=32,
           opt="sgd", lr=0.01, sched="grow", grow=1.01, epochs=15, log_every=5, eval_every=21,
           clip=0),
        *R("hf", "topic_bag", "overfitting", "wide-n150-e150", (2,), model="wide", n_train=150,
           batch=32, opt="adam", lr=1e-3, epochs=150, log_every=5, eval_every=0, clip=0),
        *R("keras_csv", "topic_bag", "overfitting", "wide-n150", (1,), model="wide",
           n_train=150, batch=32, lr=1e-3, epochs=150, clip=0, **K),
    ]
    # Keras TensorBoard (update_freq "epoch"): a wide MLP on 150 sentences, a hot SGD at batch
    # 4, one epoch at x30 LR
    out += [
        *R("keras_tb", "topic_bag", "overfitting", "wide-n150", (2,), model="wide", n_train=150,
           batch=32, lr=1e-3, epochs=150, log_every=0, clip=0, **K),
        *R("keras_tb", "collinear_reg", "erratic", "sgd0.1-b4", (1,), model="small", batch=4,
           opt="sgd", lr=0.1, epochs=20, log_every=0, clip=1.0, acceptable=["diverging"]),
        *R("keras_tb", "topic_bag", "loss_spike", "lrbump-epoch10-x30", (1,), model="medium",
           batch=32, lr=3e-4, epochs=25, log_every=0, bumps=[(630, 63, 30)], clip=0, **K),
    ]
    return out


def dev26(K) -> list[Recipe]:
    """Twenty-sixth dev batch: tab12, word_class, seq_peak (after dev25); EVERYDAY SHORT
    TRAININGS (see gen_torch.dev26_recipes): Trainer runs of 1-5 epochs with eval once per
    epoch (1-5 evaluations beside dozens of train logs, logging_steps 5-10), warm-up + cosine /
    linear decay with eval every 25-30 steps, metric_for_best_model accuracy / mse with
    load_best_model_at_end; Keras CSVLogger with EarlyStopping(restore_best_weights) that stops
    early, TensorBoard update_freq "epoch". Regimes by their real causes (a 2-unit model, LR
    far too high / too low, a wide model on 150-400 rows, LR bumps, poisoned batches, runs of
    2-3 epochs cut short)."""
    out = []
    ACC = {"best_metric": "accuracy", "load_best": True}
    # ---------------- tab12: 47 steps per epoch at batch 32, 12 classes
    T = "tab12"
    B = {"model": "medium", "batch": 32}
    out += [
        *R("hf", T, "healthy", "e5-evalepoch", (1, 2, 3), **B, lr=1e-3, sched="linear",
           warmup_ratio=0.1, epochs=5, log_every=5, eval_every=0,
           acceptable=["still_improving"]),
        *R("hf", T, "healthy", "e3-evalepoch-best-acc", (1, 2), **B, lr=2e-3, sched="linear",
           warmup_ratio=0.1, epochs=3, log_every=5, eval_every=0, **ACC,
           acceptable=["insufficient_data", "still_improving"]),
        *R("hf", T, "healthy", "warmcos-e10-eval25", (1, 2), **B, lr=1e-3, sched="cosine",
           warmup_ratio=0.1, epochs=10, log_every=5, eval_every=25, first_step=True,
           acceptable=["overfitting"]),
        *R("hf", T, "overfitting", "wide-n150-e40", (1,), **dict(B, model="wide",
           n_train=150), opt="adam", lr=1e-3, epochs=40, log_every=2, eval_every=0, clip=0),
        *R("hf", T, "underfitting", "tiny2-e5", (1, 2), **dict(B, model="tiny"), lr=1e-3,
           epochs=5, log_every=5, eval_every=0),
        *R("hf", T, "diverging", "adam1.0", (1,), **B, opt="adam", lr=1.0, epochs=5,
           log_every=5, eval_every=16, clip=0, acceptable=["underfitting"]),
        *R("hf", T, "erratic", "adam0.05-b4", (1,), **dict(B, batch=4), opt="adam", lr=0.05,
           epochs=2, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "loss_spike", "lrbump10-x50", (1,), **B, opt="adam", lr=1e-3, epochs=10,
           log_every=2, eval_every=16, clip=0, bumps=[(250, 10, 50)]),
        *R("hf", T, "still_improving", "const-e3", (1, 2), **B, lr=1e-3, sched="constant",
           epochs=3, log_every=5, eval_every=0, acceptable=["insufficient_data", "healthy"]),
        *R("hf", T, "insufficient_data", "one-epoch", (1,), **B, lr=1e-3, epochs=1,
           log_every=20, eval_every=0),
        *R("keras_csv", T, "healthy", "earlystop3-restore", (1, 2), **B, lr=1e-3, epochs=60,
           early_stop=3, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_csv", T, "overfitting", "wide-n200", (1,), model="wide", n_train=200,
           batch=32, lr=1e-3, epochs=60, clip=0, **K),
        *R("keras_tb", T, "healthy", "e15", (1,), **B, lr=1e-3, epochs=15, log_every=0,
           acceptable=["overfitting"], **K),
    ]
    # ---------------- word_class: 63 steps per epoch at batch 32, 5 classes
    T = "word_class"
    B = {"model": "medium", "batch": 32}
    out += [
        *R("hf", T, "healthy", "e4-evalepoch", (1, 2, 3), **B, lr=1e-3, sched="linear",
           warmup_ratio=0.1, wd=0.01, epochs=4, log_every=5, eval_every=0,
           acceptable=["insufficient_data", "overfitting"]),
        *R("hf", T, "overfitting", "wide-n400-e20", (1, 2), **dict(B, model="wide",
           n_train=400), opt="adam", lr=1e-3, epochs=20, log_every=2, eval_every=0, clip=0),
        *R("hf", T, "overfitting", "wide-lr3e-3-e5", (1, 2), **dict(B, model="wide"),
           opt="adam", lr=3e-3, epochs=5, log_every=5, eval_every=0, clip=0,
           acceptable=["healthy", "insufficient_data"]),
        *R("hf", T, "underfitting", "lr1e-5-e4", (1,), **B, lr=1e-5, epochs=4, log_every=5,
           eval_every=0, acceptable=["still_improving", "insufficient_data"]),
        *R("hf", T, "erratic", "sgd0.5-b4", (1,), **dict(B, batch=4), opt="sgd", lr=0.5,
           epochs=2, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "loss_spike", "poison-labels15", (1,), **B, opt="adam", lr=1e-3,
           epochs=10, log_every=2, eval_every=21, poison=[(300, 15, "labels")]),
        *R("hf", T, "still_improving", "lr5e-4-e3", (1, 2), **B, lr=5e-4, epochs=3,
           log_every=5, eval_every=21, acceptable=["underfitting"]),
        *R("keras_csv", T, "healthy", "earlystop3-restore", (1,), **B, lr=1e-3, epochs=60,
           early_stop=3, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "erratic", "sgd0.5-b4", (1,), **dict(B, batch=4), opt="sgd",
           lr=0.5, epochs=8, log_every=0, clip=1.0, acceptable=["diverging", "underfitting"]),
        *R("keras_tb", T, "overfitting", "wide-n400", (1,), model="wide", n_train=400,
           batch=32, lr=1e-3, epochs=40, log_every=0, clip=0, **K),
    ]
    # ---------------- seq_peak: 47 steps per epoch at batch 32, 1 regression target
    T = "seq_peak"
    B = {"model": "medium", "batch": 32}
    MSE = {"best_metric": "mse", "load_best": True}
    out += [
        *R("hf", T, "healthy", "e5-evalepoch-best-mse", (1, 2, 3), **B, lr=3e-3,
           sched="linear", warmup_ratio=0.1, epochs=5, log_every=5, eval_every=0, **MSE,
           acceptable=["still_improving"]),
        *R("hf", T, "healthy", "warmcos-e15-eval30", (1, 2), **B, lr=1e-3, sched="cosine",
           warmup_ratio=0.05, epochs=15, log_every=5, eval_every=30, first_step=True,
           acceptable=["overfitting"]),
        *R("hf", T, "underfitting", "tiny2-e5", (1,), **dict(B, model="tiny"), lr=1e-3,
           epochs=5, log_every=5, eval_every=0),
        *R("hf", T, "diverging", "sgd-grow", (1,), **B, opt="sgd", lr=0.01, sched="grow",
           grow=1.01, epochs=15, log_every=5, eval_every=16, clip=0),
        *R("hf", T, "overfitting", "wide-n150-e200", (1,), **dict(B, model="wide",
           n_train=150), opt="adam", lr=1e-3, epochs=200, log_every=5, eval_every=10, clip=0),
        *R("hf", T, "loss_spike", "lrbump5-x100", (1,), **B, opt="adam", lr=1e-3, epochs=15,
           log_every=1, eval_every=16, clip=0, bumps=[(350, 5, 100)]),
        *R("hf", T, "still_improving", "lr1e-4-e4", (1,), **B, lr=1e-4, epochs=4,
           log_every=5, eval_every=0, acceptable=["underfitting", "insufficient_data"]),
        *R("keras_csv", T, "healthy", "earlystop5-restore", (1,), **B, lr=1e-3, epochs=80,
           early_stop=5, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_csv", T, "underfitting", "tiny2", (1,), model="tiny", batch=32, lr=1e-3,
           epochs=15, **K),
        *R("keras_tb", T, "loss_spike", "lrbump-epoch8-x30", (1,), **B, lr=1e-3, epochs=20,
           log_every=0, bumps=[(376, 47, 30)], clip=0, **K),
    ]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="",
                    help="substring of the run key (writer/task/regime-variant-sSEED); "
                         "comma = any of")
    ap.add_argument("--dry-run", action="store_true", help="list the runs and exit")
    ap.add_argument("--batch", choices=("first", "all"), default="all",
                    help="first: the ~50-run first batch only")
    ap.add_argument("--skip-existing", action="store_true", help="skip runs already labelled")
    ap.add_argument("--relabel", action="store_true",
                    help="re-label the runs on disk (checks + REVIEW) without training them again")
    ap.add_argument("--table", action="store_true", help="print runs by writer x task x verdict and exit")
    ap.add_argument("--corpus", default=None, help="corpus root (default $CURVECLI_CORPUS)")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus) if a.corpus else CORPUS
    tasks_mod.PRETRAIN_DIR = corpus / "_pretrained"   # twenty-fourth batch: cached bodies
    if a.table:
        print_table(load_labels(corpus))
        return 0
    recipes = [r for r in all_recipes(a.batch) if any(o in r.key for o in a.only.split(","))]
    if a.dry_run:
        for r in recipes:
            print(r.key)
        print(f"{len(recipes)} runs")
        return 0
    corpus.mkdir(parents=True, exist_ok=True)
    labels = load_labels(corpus)
    if not a.only and a.batch == "all":   # drop runs of recipes that no longer exist
        keep = {r.key for r in recipes}
        for k in [k for k in labels if k not in keep]:
            labels.pop(k)
            shutil.rmtree(corpus / k, ignore_errors=True)
            print(f"pruned {k}")
        save_labels(corpus, labels)
    t0 = time.time()
    for i, r in enumerate(recipes):
        if a.skip_existing and r.key in labels and (corpus / r.key).is_dir():
            continue
        t1 = time.time()
        if a.relabel and not (corpus / r.key).is_dir():
            continue
        try:
            label = relabel(r, corpus) if a.relabel else generate(r, corpus)
        except Exception as e:  # noqa: BLE001  (a recipe that crashes is reported and skipped)
            print(f"[{i + 1}/{len(recipes)}] {r.key}: ERROR {type(e).__name__}: {e}", flush=True)
            label = None
            import traceback
            traceback.print_exc()
        labels = load_labels(corpus)
        if label is None:
            labels.pop(r.key, None)
            shutil.rmtree(corpus / r.key, ignore_errors=True)
            print(f"[{i + 1}/{len(recipes)}] {r.key}: dropped ({time.time() - t1:.1f}s)", flush=True)
        else:
            labels[r.key] = label
            tag = f" RELABELLED {label['relabelled']}" if label["relabelled"] else ""
            print(f"[{i + 1}/{len(recipes)}] {r.key}: {label['verdict']} ({time.time() - t1:.1f}s){tag}",
                  flush=True)
        save_labels(corpus, labels)
    print(f"done in {time.time() - t0:.0f}s")
    return 0


# ----------------------------------------------------------------------------- twenty-seventh batch
# image-like and imbalanced classification by small CNNs (digits_up, texture_img, defect_img;
# see gen_torch.b27_recipes), appended after every earlier recipe: all_recipes is wrapped below
B27_TASKS = ("digits_up", "texture_img", "defect_img")


def b27_recipes() -> list[Recipe]:
    """Twenty-seventh dev batch: Trainer runs of small CNNs evaluated per epoch or every 25-30
    steps, metric_for_best_model accuracy (f1 on defect_img, the 88%-majority task) with
    load_best_model_at_end and EarlyStoppingCallback, warm-up + cosine, gradient accumulation,
    a run resumed from a checkpoint; Keras CSVLogger with EarlyStopping(restore_best_weights),
    TensorBoard update_freq "epoch". Regimes by their real causes."""
    out = []
    K = {"opt": "adam"}
    C = {"arch": "cnn", "model": "medium", "batch": 32}
    ACC = {"best_metric": "accuracy", "load_best": True}
    F1 = {"best_metric": "f1", "load_best": True}
    # ---------------- digits_up: 47 steps per epoch at batch 32
    T = "digits_up"
    out += [
        *R("hf", T, "healthy", "cnn-e12-evalepoch-best-acc", (1, 2, 3), **C, lr=2e-3,
           sched="linear", warmup_ratio=0.1, epochs=12, log_every=5, eval_every=0, **ACC,
           acceptable=["still_improving"]),
        *R("hf", T, "healthy", "cnn-cosine-resumed", (1,), **C, opt="adamw", lr=2e-3,
           sched="cosine", epochs=12, log_every=5, eval_every=25, resume_at=275, redo=20),
        *R("hf", T, "overfitting", "cnnwide-n100-noise30-e150", (1,), **dict(C, model="wide",
           n_train=100), label_noise=0.3, opt="adam", lr=3e-3, epochs=150, log_every=5,
           eval_every=0, clip=0),
        *R("hf", T, "underfitting", "cnn-frozen-backbone", (1,), **C, opt="adam", lr=1e-3,
           unfreeze_at=10 ** 9, epochs=10, log_every=5, eval_every=0),
        *R("hf", T, "diverging", "cnn-sgd-grow", (1,), **C, opt="sgd", lr=0.01, sched="grow",
           grow=1.012, epochs=12, log_every=5, eval_every=16, clip=0),
        *R("hf", T, "loss_spike", "cnn-poison-labels15", (1,), **C, opt="adam", lr=2e-3,
           epochs=12, log_every=2, eval_every=16, clip=0, poison=[(300, 15, "labels")]),
        *R("hf", T, "still_improving", "cnn-const-e2", (1,), **C, opt="adam", lr=3e-4,
           sched="constant", epochs=2, log_every=5, eval_every=12,
           acceptable=["underfitting"]),
        *R("keras_csv", T, "healthy", "cnn-earlystop3-restore", (1,), **C, lr=2e-3,
           epochs=60, early_stop=3, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "underfitting", "cnn-lr1e-6", (1,), **C, lr=1e-6, epochs=10,
           log_every=0, acceptable=["still_improving"], **K),
    ]
    # ---------------- texture_img: 63 steps per epoch at batch 32, 15% flipped labels
    T = "texture_img"
    out += [
        *R("hf", T, "healthy", "cnn-warmcos-e15-eval30-best-acc", (1, 2, 3), **C, lr=2e-3,
           sched="cosine", warmup_ratio=0.05, epochs=15, log_every=5, eval_every=30,
           first_step=True, **ACC, acceptable=["overfitting"]),
        *R("hf", T, "healthy", "cnn-earlystop3-best-acc", (1,), **C, lr=2e-3, epochs=60,
           log_every=5, eval_every=0, early_stop=3, **ACC,
           acceptable=["overfitting", "still_improving"]),
        *R("hf", T, "overfitting", "cnnwide-n300-e100", (1, 2), **dict(C, model="wide",
           n_train=300), opt="adam", lr=2e-3, epochs=100, log_every=5, eval_every=0, clip=0),
        *R("hf", T, "erratic", "cnn-adam0.03-b4", (1,), **dict(C, batch=4), opt="adam",
           lr=0.03, epochs=2, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "loss_spike", "cnn-lrbump5-x100", (1,), **C, opt="adam", lr=2e-3,
           epochs=12, log_every=1, eval_every=21, clip=0, bumps=[(400, 5, 100)]),
        *R("hf", T, "insufficient_data", "cnn-one-epoch", (1,), **C, lr=1e-3, epochs=1,
           log_every=20, eval_every=0),
        *R("keras_csv", T, "overfitting", "cnnwide-n300", (1,), **dict(C, model="wide",
           n_train=300), lr=2e-3, epochs=100, clip=0, **K),
        *R("keras_tb", T, "healthy", "cnn-e15", (1,), **C, lr=2e-3, epochs=15, log_every=0,
           acceptable=["overfitting"], **K),
    ]
    # ---------------- defect_img: 63 steps per epoch, 3 classes at 88% / 8% / 4%
    T = "defect_img"
    out += [
        *R("hf", T, "healthy", "cnn-e15-evalepoch-best-f1", (1, 2, 3), **C, lr=2e-3,
           sched="linear", warmup_ratio=0.1, epochs=15, log_every=5, eval_every=0, **F1,
           acceptable=["still_improving", "overfitting"]),
        *R("hf", T, "healthy", "cnn-accum2-eval25", (1,), **C, opt="adamw", lr=2e-3,
           sched="cosine", accum=2, epochs=20, log_every=5, eval_every=25, wd=0.01,
           acceptable=["overfitting"]),
        *R("hf", T, "underfitting", "cnntiny-sgd-majority", (1, 2), **dict(C, model="tiny"),
           opt="sgd", lr=0.01, epochs=12, log_every=5, eval_every=0),
        *R("hf", T, "overfitting", "cnnwide-n300-e100", (1,), **dict(C, model="wide",
           n_train=300), opt="adam", lr=2e-3, epochs=100, log_every=5, eval_every=0, clip=0),
        *R("hf", T, "erratic", "cnn-sgd0.3-b4", (1,), **dict(C, batch=4), opt="sgd", lr=0.3,
           epochs=2, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "still_improving", "cnn-lr3e-4-e3", (1,), **C, opt="adam", lr=3e-4,
           epochs=3, log_every=5, eval_every=16, acceptable=["underfitting"]),
        *R("keras_csv", T, "healthy", "cnn-earlystop5-restore", (1,), **C, lr=2e-3,
           epochs=60, early_stop=5, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "underfitting", "cnntiny-sgd-majority", (1,), **dict(C, model="tiny"),
           opt="sgd", lr=0.01, epochs=12, log_every=0),
    ]
    # after the first pass: a wide CNN on 100 digits with 30% flipped labels keeps its val loss
    # near its best (healthy by the check): a wide MLP on 150 digits, a cooler hot optimiser
    out += [
        *R("hf", "digits_up", "overfitting", "widemlp-n150-noise20-e80", (1,), model="wide",
           batch=32, n_train=150, label_noise=0.2, opt="adam", lr=1e-3, epochs=80,
           log_every=5, eval_every=0, clip=0),
        *R("hf", "digits_up", "erratic", "cnn-adam0.01-b4", (1,), **dict(C, batch=4),
           opt="adam", lr=0.01, epochs=2, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
    ]
    # after the second pass: Adam 0.03 at batch 4 on texture_img fit no regime (dropped), the
    # wide CNN keeps defect_img's val near its best: a hotter digits run, a wide MLP on 300
    # defect images, a defect run cut after 6 epochs
    out += [
        *R("hf", "digits_up", "erratic", "cnn-adam0.02-b4-e3", (1,), **dict(C, batch=4),
           opt="adam", lr=0.02, epochs=3, log_every=10, eval_every=50, clip=1.0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", "defect_img", "overfitting", "widemlp-n300-e100", (1,), model="wide",
           batch=32, n_train=300, opt="adam", lr=1e-3, epochs=100, log_every=5, eval_every=0,
           clip=0),
        *R("hf", "defect_img", "still_improving", "cnn-const2e-3-e6", (1,), **C, opt="adam",
           lr=2e-3, sched="constant", epochs=6, log_every=5, eval_every=21,
           acceptable=["healthy"]),
    ]
    # after the look at the sheets: poisoned inputs on texture_img, one more single-evaluation
    # run
    out += [
        *R("hf", "texture_img", "loss_spike", "cnn-poison-inputs5", (1,), **C, opt="adam",
           lr=2e-3, epochs=12, log_every=2, eval_every=21, clip=0,
           poison=[(400, 5, "inputs")]),
        *R("hf", "defect_img", "insufficient_data", "cnn-one-epoch", (1,), **C, lr=1e-3,
           epochs=1, log_every=20, eval_every=0),
    ]
    return out


# twenty-seventh batch, after a look at its sheets
REVIEW.update({
    "hf/digits_up/erratic-cnn-adam0.02-b4-e3-s1": (
        "erratic", ["still_improving", "underfitting"],
        "twenty-seventh batch: Adam 0.02 at batch 4: eval_loss 2.3 -> 1.2 over the first third, "
        "then bouncing 1.0-1.6 between neighbouring evaluations with accuracy 0.45-0.6 and no "
        "trend (the check: healthy), far above the 0.5 of the healthy CNNs"),
    "hf/digits_up/overfitting-cnnwide-n100-noise30-e150-s1": (
        "overfitting", ["healthy"],
        "twenty-seventh batch: a wide CNN on 100 digits with 30% flipped labels: eval_loss best "
        "1.13 near step 150, then a steady climb to ~1.4 (+22%, a quarter of the drop) while "
        "train goes to 0 and accuracy holds at 0.6 (the check: a rise too small; healthy "
        "acceptable)"),
    "hf/defect_img/erratic-cnn-sgd0.3-b4-s1": (
        "underfitting", ["erratic", "diverging"],
        "twenty-seventh batch: SGD 0.3 at batch 4: accuracy at the 0.88 majority rate for the "
        "whole run, eval_loss bouncing 0.45-0.7 around the prior's 0.44 (the check: "
        "still_improving on its last point): pinned to the majority class (erratic acceptable)"),
})




add_batch(b27_recipes)

# ----------------------------------------------------------------------------- twenty-eighth batch
# Sequence models people train (see gen_torch.dev28_recipes): sort_lm, logline_lm, demand_ts.
# Kept in one block at the end of the file: dev28() is appended to all_recipes() by a wrapper,
# the cause text uses the machinery of the latest batches, and the hf compute_metrics adds the
# forecast's RMSE; nothing of the earlier batches changes.
from tasks import DEV28_TASKS  # noqa: E402

_b28_prev_compute_metrics_for = compute_metrics_for
_b28_prev_describe_model = _describe_model


def _describe_model(r: Recipe, task) -> str:  # noqa: F811
    """demand_ts's GRU over the window (twenty-eighth batch); else as before."""
    if r.arch == "rnn" and r.task in DEV28_TASKS:
        return f"GRU over the window, one value per step ({r.model})"
    return _b28_prev_describe_model(r, task)


machinery_as_batch26(DEV28_TASKS)


def compute_metrics_for(task):  # noqa: F811
    """demand_ts (twenty-eighth batch): mse, mae and rmse; else as before."""
    base = _b28_prev_compute_metrics_for(task)
    if task.name != "demand_ts":
        return base

    def metrics(p):
        out = base(p)
        out["rmse"] = float(np.sqrt(out["mse"]))
        return out
    return metrics


def dev28(K) -> list[Recipe]:
    """Twenty-eighth dev batch: sort_lm, logline_lm, demand_ts (after dev26); SEQUENCE MODELS
    (see gen_torch.dev28_recipes): Trainer runs of 1,000-3,000 steps with eval every 50-100
    steps, metric_for_best_model accuracy (the token accuracy of the LMs) / mae with
    load_best_model_at_end, warm-up ratio + cosine, no clipping (max_grad_norm 0) where the
    LR is too hot or bumped; Keras CSVLogger / TensorBoard fits of the same models. Steps per
    epoch at batch 32: sort_lm 125, logline_lm 125, demand_ts 63."""
    out = []
    ACC = {"best_metric": "accuracy", "load_best": True}
    # ---------------- sort_lm
    T = "sort_lm"
    TR = {"model": "small", "arch": "transformer", "batch": 32}
    out += [
        *R("hf", T, "healthy", "transformer-warmcos-eval100-best-acc", (1, 2, 3), **TR,
           lr=1e-3, sched="cosine", warmup_ratio=0.06, max_steps=2500, log_every=10,
           eval_every=100, **ACC, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "transformer-medium-n300-noisy", (1, 2),
           **dict(TR, model="medium", n_train=300), label_noise=0.1, opt="adam", lr=1e-3,
           max_steps=2500, log_every=10, eval_every=50, clip=0),
        *R("hf", T, "underfitting", "gru-tiny", (1,), model="tiny", arch="gru", batch=32,
           lr=1e-3, max_steps=2000, log_every=10, eval_every=100),
        *R("hf", T, "erratic", "transformer-adam0.02-b4-noclip", (1,), **dict(TR, batch=4),
           opt="adam", lr=0.02, max_steps=2000, log_every=10, eval_every=50, clip=0,
           acceptable=["underfitting", "diverging"]),
        *R("hf", T, "diverging", "transformer-sgd-grow", (1,), **TR, opt="sgd", lr=0.01,
           sched="grow", grow=1.02, max_steps=600, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", "transformer-lrbump10-x30", (1,), **TR, opt="adam",
           lr=1e-3, max_steps=2500, log_every=2, eval_every=50, clip=0,
           bumps=[(1500, 10, 30)]),
        *R("hf", T, "loss_spike", "transformer-poison-labels20", (1,), **TR, opt="adam",
           lr=1e-3, max_steps=2500, log_every=2, eval_every=50, poison=[(1500, 20, "labels")]),
        *R("hf", T, "still_improving", "transformer-cosine-cut30", (1,), **TR, opt="adam",
           lr=1e-3, sched="cosine", planned=4000, max_steps=1200, log_every=10, eval_every=50,
           acceptable=["underfitting"]),
        *R("hf", T, "insufficient_data", "two-evals", (1,), **TR, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        *R("keras_csv", T, "overfitting", "gru-wide-n300-noisy", (1,), model="wide",
           n_train=300, label_noise=0.1, lr=3e-3, batch=32, epochs=100, clip=0, **K),
        *R("keras_tb", T, "diverging", "gru-adam-grow", (1,), model="small", lr=1e-3,
           sched="grow", grow=1.6, batch=32, epochs=25, log_every=0, clip=0, **K),
    ]
    # ---------------- logline_lm
    T = "logline_lm"
    G = {"model": "medium", "arch": "gru", "batch": 32}
    out += [
        *R("hf", T, "healthy", "gru-warmcos-eval100-best-acc", (1, 2, 3), **G, lr=3e-3,
           sched="cosine", warmup_ratio=0.04, max_steps=1200, log_every=10, eval_every=50,
           **ACC, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "gru-wide-n150", (1, 2), **dict(G, model="wide",
           n_train=150), opt="adam", lr=3e-3, max_steps=1200, log_every=10, eval_every=25,
           clip=0),
        *R("hf", T, "underfitting", "gru-linear", (1,), **dict(G, model="linear"), lr=1e-3,
           max_steps=1500, log_every=10, eval_every=100, acceptable=["still_improving"]),
        *R("hf", T, "diverging", "gru-sgd-grow", (1,), **G, opt="sgd", lr=0.01, sched="grow",
           grow=1.02, max_steps=600, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", "gru-lrbump5-x50", (1,), **G, opt="adam", lr=3e-3,
           max_steps=1200, log_every=2, eval_every=25, clip=0, bumps=[(700, 5, 50)]),
        *R("hf", T, "still_improving", "gru-cosine-cut20", (1,), **G, opt="adam", lr=3e-4,
           sched="cosine", planned=3000, max_steps=600, log_every=10, eval_every=25,
           acceptable=["underfitting"]),
        *R("keras_csv", T, "healthy", "gru-cosine-e8", (1,), **G, lr=3e-3, sched="cosine",
           epochs=8, acceptable=["still_improving"], **K),
        *R("keras_tb", T, "still_improving", "gru-lr1e-4-e3", (1,), **G, lr=1e-4, epochs=3,
           log_every=0, acceptable=["underfitting", "insufficient_data"], **K),
    ]
    # ---------------- demand_ts
    T = "demand_ts"
    RN = {"model": "medium", "arch": "rnn", "batch": 32}
    M = {"model": "medium", "batch": 32}
    MAE = {"best_metric": "mae", "load_best": True}
    out += [
        *R("hf", T, "healthy", "gru-warmcos-eval50-best-mae", (1, 2, 3), **RN, lr=3e-3,
           sched="cosine", warmup_ratio=0.05, epochs=20, log_every=5, eval_every=50, **MAE,
           acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "mlp-wide-n150", (1,), **dict(M, model="wide",
           n_train=150), opt="adam", lr=1e-3, max_steps=1500, log_every=5, eval_every=25,
           clip=0),
        *R("hf", T, "underfitting", "gru-tiny-lr3e-4", (1,), **dict(RN, model="tiny"),
           opt="adam", lr=3e-4, epochs=10, log_every=10, eval_every=50,
           acceptable=["still_improving"]),
        *R("hf", T, "erratic", "mlp-adam0.05-b4-noclip", (1,), **dict(M, batch=4), opt="adam",
           lr=0.05, max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "loss_spike", "gru-lrbump10-x50", (1,), **RN, opt="adam", lr=3e-3,
           epochs=20, log_every=2, eval_every=25, clip=0, bumps=[(700, 10, 50)]),
        *R("hf", T, "still_improving", "gru-cosine-cut30", (1,), **RN, opt="adam", lr=1e-3,
           sched="cosine", planned=1900, max_steps=570, log_every=5, eval_every=30,
           acceptable=["underfitting"]),
        *R("hf", T, "insufficient_data", "two-evals", (1,), **RN, lr=1e-3, max_steps=60,
           log_every=100, eval_every=30),
        *R("keras_csv", T, "healthy", "gru-earlystop5-restore", (1,), **RN, lr=3e-3,
           epochs=40, early_stop=5, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_csv", T, "overfitting", "mlp-wide-n150", (1,), model="wide", n_train=150,
           batch=16, lr=1e-3, epochs=200, clip=0, **K),
        *R("keras_tb", T, "underfitting", "mlp-lr1e-5", (1,), **M, lr=1e-5, epochs=12,
           log_every=0, **K),
        # after the first pass: the wide MLP's val sits flat on 150 windows; a wide GRU on 100
        *R("hf", T, "overfitting", "gru-wide-n100", (1,), **dict(RN, model="wide",
           n_train=100), opt="adam", lr=3e-3, max_steps=600, log_every=5, eval_every=20,
           clip=0),
        # after the first pass: unclipped Adam 0.02-0.05 at batch 4 went to chance or NaN
        # (dropped); hot optimisers clipped at 1.0 (max_grad_norm) at batch 4-8
        *R("hf", "sort_lm", "erratic", "transformer-adam0.01-b8-nowarmup", (1,),
           model="small", arch="transformer", batch=8, opt="adam", lr=0.01, max_steps=1500,
           log_every=10, eval_every=25, clip=1.0, acceptable=["underfitting", "healthy"]),
        *R("hf", T, "erratic", "mlp-sgd0.1-b4-clip1", (1,), **dict(M, batch=4), opt="sgd",
           lr=0.1, max_steps=1000, log_every=10, eval_every=25, clip=1.0,
           acceptable=["diverging", "underfitting"]),
    ]
    return out


# the twenty-eighth batch's contact sheets, looked at run by run (as the batches before)
REVIEW.update({
    "hf/demand_ts/still_improving-gru-cosine-cut30-s1": (
        "still_improving", ["healthy", "underfitting"],
        "twenty-eighth batch: a cosine schedule stopped at 30%: eval_loss 0.75 -> 0.37 and MAE "
        "still falling over the last evaluations, one uptick at the last (the check read it as "
        "levelled)"),
    "hf/demand_ts/overfitting-mlp-wide-n150-s1": (
        "overfitting", ["healthy"],
        "twenty-eighth batch: a 512-wide MLP on 150 windows: train -> ~0 within 100 steps while "
        "eval_loss sits at 0.47, 1.6x the full-data MLP's 0.29: memorised with a large gap and no"
        " rise to see (healthy acceptable; the check called the flat val underfitting)"),
    "hf/sort_lm/erratic-transformer-adam0.02-b4-noclip-s1": (
        "underfitting", ["erratic", "diverging"],
        "twenty-eighth batch: a transformer at Adam 0.02, batch 4, no clipping: eval_loss bounces "
        "1.1-1.45 the whole run with no trend (chance 2.3, the cool transformer 0.3): stuck high "
        "(erratic, diverging acceptable)"),
})


add_batch(lambda: dev28({"opt": "adam"}))



# ----------------------------------------------------------------------------- thirtieth batch
# Regression and forecasting as people train them (see gen_torch.dev30_recipes): rent_raw (a raw
# target in the thousands), yield_log (a log target), kwh_ts (an hourly load forecast). Kept in
# one block at the end of the file: dev30() is appended to all_recipes() by a wrapper, the cause
# text uses the machinery of the latest batches, and the hf compute_metrics adds RMSE, R2 (and
# MAPE on the raw target); the models' loss stays the MSE; nothing of the earlier batches changes.
from tasks import DEV30_TASKS  # noqa: E402

_b30_prev_compute_metrics_for = compute_metrics_for


machinery_as_batch26(DEV30_TASKS)


def compute_metrics_for(task):  # noqa: F811
    """Thirtieth batch: mse, mae, rmse, r2 (and mape on rent_raw); else as before."""
    base = _b30_prev_compute_metrics_for(task)
    if task.name not in DEV30_TASKS:
        return base

    def metrics(p):
        out = base(p)
        pred = np.asarray(p.predictions, float).ravel()
        y = np.asarray(p.label_ids, float).ravel()
        out["rmse"] = float(np.sqrt(out["mse"]))
        out["r2"] = float(1.0 - np.sum((pred - y) ** 2) / max(np.sum((y - y.mean()) ** 2), 1e-12))
        if task.name == "rent_raw":
            out["mape"] = float(np.mean(np.abs(pred - y) / np.maximum(np.abs(y), 1e-6)) * 100)
        return out
    return metrics


def dev30(K) -> list[Recipe]:
    """Thirtieth dev batch: rent_raw, yield_log, kwh_ts; REGRESSION AND FORECASTING (see
    gen_torch.dev30_recipes): Trainer runs with a regression head (MSE) evaluated per epoch or
    every 25-100 steps, metric_for_best_model rmse / mae / r2 with load_best_model_at_end,
    EarlyStoppingCallback, reduce_lr_on_plateau, cosine, no clipping (max_grad_norm 0) where the
    LR is too hot or for SGD on the raw target; Keras CSVLogger / TensorBoard fits with
    EarlyStopping(restore_best_weights) and ReduceLROnPlateau. Steps per epoch at batch 32:
    rent_raw 38, yield_log 47, kwh_ts 63."""
    out = []
    M = {"model": "medium", "batch": 32}
    RMSE = {"best_metric": "rmse", "load_best": True}
    MAE = {"best_metric": "mae", "load_best": True}
    # ---------------- rent_raw
    T = "rent_raw"
    out += [
        *R("hf", T, "healthy", "mlp-adam3e-3-e150-best-rmse", (1, 2, 3), **M, opt="adam",
           lr=3e-3, epochs=150, log_every=10, eval_every=0, **RMSE,
           acceptable=["still_improving"]),
        *R("hf", T, "healthy", "mlp-plateau-es10-best-rmse", (1,), **M, opt="adam", lr=3e-3,
           sched="plateau", epochs=200, log_every=10, eval_every=0, early_stop=10, **RMSE,
           acceptable=["still_improving", "overfitting"]),
        *R("hf", T, "still_improving", "mlp-adamw3e-4-e40-raw", (1, 2), **M, lr=3e-4,
           epochs=40, log_every=10, eval_every=0, acceptable=["underfitting"]),
        *R("hf", T, "underfitting", "linear-sgd0.01-noclip", (1,), model="linear", batch=32,
           opt="sgd", lr=0.01, epochs=40, log_every=10, eval_every=0, clip=0,
           acceptable=["healthy"]),
        *R("hf", T, "overfitting", "mlp-wide-n100-noisy", (1, 2), model="wide", batch=16,
           n_train=100, label_noise=0.8, opt="adam", lr=3e-3, max_steps=4000, log_every=10,
           eval_every=50, clip=0),
        *R("hf", T, "erratic", "mlp-adam0.3-b4-noclip", (1,), **dict(M, batch=4), opt="adam",
           lr=0.3, max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "diverging", "mlp-sgd-grow", (1,), **M, opt="sgd", lr=1e-6, sched="grow",
           grow=1.01, max_steps=1200, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", "mlp-lrbump10-x30", (1,), **M, opt="adam", lr=3e-3,
           max_steps=2300, log_every=2, eval_every=38, clip=0, bumps=[(1200, 10, 30)]),
        *R("hf", T, "insufficient_data", "two-evals", (1,), **M, opt="adam", lr=1e-2,
           max_steps=60, log_every=100, eval_every=30),
        *R("keras_csv", T, "healthy", "mlp-earlystop10-restore", (1,), **M, lr=3e-3,
           epochs=150, early_stop=10, acceptable=["still_improving", "overfitting"], **K),
        *R("keras_tb", T, "still_improving", "mlp-lr3e-4-e40-raw", (1,), **M, lr=3e-4,
           epochs=40, log_every=0, acceptable=["underfitting"], **K),
        *R("keras_csv", T, "erratic", "mlp-adam0.1-b4", (1,), **dict(M, batch=4), lr=0.1,
           epochs=5, clip=0, acceptable=["diverging", "underfitting"], **K),
    ]
    # ---------------- yield_log
    T = "yield_log"
    out += [
        *R("hf", T, "healthy", "mlp-cosine-e60-best-mae", (1, 2, 3), **M, opt="adam", lr=3e-3,
           sched="cosine", warmup_ratio=0.03, epochs=60, log_every=10, eval_every=0, **MAE,
           acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "linear-adam0.02", (1,), model="linear", batch=32,
           opt="adam", lr=0.02, epochs=40, log_every=10, eval_every=0,
           acceptable=["healthy"]),
        *R("hf", T, "still_improving", "mlp-adam1e-4-logtarget", (1,), **M, opt="adam",
           lr=1e-4, epochs=30, log_every=10, eval_every=0, acceptable=["underfitting"]),
        *R("hf", T, "overfitting", "mlp-wide-n80-noisy", (1, 2), model="wide", batch=16,
           n_train=80, label_noise=1.5, opt="adam", lr=3e-3, max_steps=3000, log_every=10,
           eval_every=40, clip=0),
        *R("hf", T, "erratic", "mlp-adam0.1-b4-noclip", (1,), **dict(M, batch=4), opt="adam",
           lr=0.1, max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["diverging", "underfitting"]),
        *R("hf", T, "loss_spike", "mlp-poison-targets15", (1,), **M, opt="adam", lr=3e-3,
           max_steps=1900, log_every=2, eval_every=47, poison=[(1000, 15, "labels")]),
        *R("hf", T, "insufficient_data", "two-evals", (1,), **M, lr=3e-3, max_steps=60,
           log_every=100, eval_every=30),
        *R("keras_csv", T, "overfitting", "mlp-wide-n80-noisy", (1,), model="wide",
           n_train=80, label_noise=1.5, batch=16, lr=3e-3, epochs=300, clip=0, **K),
        *R("keras_tb", T, "underfitting", "linear-lr0.02", (1,), model="linear", batch=32,
           lr=0.02, epochs=40, log_every=0, acceptable=["healthy"], **K),
        *R("keras_csv", T, "healthy", "mlp-plateau-es8", (1,), **M, lr=3e-3, sched="plateau",
           epochs=100, early_stop=8, acceptable=["still_improving", "overfitting"], **K),
    ]
    # ---------------- kwh_ts
    T = "kwh_ts"
    out += [
        *R("hf", T, "healthy", "mlp-cosine-eval50-best-mae", (1, 2, 3), **M, opt="adam",
           lr=2e-3, sched="cosine", warmup_ratio=0.05, epochs=30, log_every=5, eval_every=50,
           **MAE, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "mlp-tiny2", (1,), model="tiny", batch=32, opt="adam",
           lr=3e-3, epochs=30, log_every=10, eval_every=100, acceptable=["healthy"]),
        *R("hf", T, "overfitting", "mlp-wide-n100-noisy", (1,), model="wide", batch=16,
           n_train=100, label_noise=1.0, opt="adam", lr=2e-3, max_steps=3000, log_every=10,
           eval_every=40, clip=0),
        *R("hf", T, "diverging", "mlp-sgd-grow", (1,), **M, opt="sgd", lr=0.01, sched="grow",
           grow=1.01, max_steps=1000, log_every=5, eval_every=25, clip=0),
        *R("hf", T, "loss_spike", "mlp-lrbump10-x50", (1,), **M, opt="adam", lr=2e-3,
           max_steps=1900, log_every=2, eval_every=25, clip=0, bumps=[(900, 10, 50)]),
        *R("hf", T, "still_improving", "mlp-cosine-cut25", (1,), **M, opt="adam", lr=3e-4,
           sched="cosine", planned=1900, max_steps=475, log_every=5, eval_every=25,
           acceptable=["underfitting"]),
        *R("keras_tb", T, "healthy", "mlp-cosine-e30", (1,), **M, lr=2e-3, sched="cosine",
           epochs=30, log_every=0, acceptable=["still_improving"], **K),
        *R("keras_csv", T, "diverging", "mlp-adam-grow", (1,), **M, lr=1e-3, sched="grow",
           grow=1.6, epochs=25, clip=0, **K),
        *R("keras_tb", T, "erratic", "mlp-adam0.02-b4", (1,), **dict(M, batch=4), lr=0.02,
           epochs=4, log_every=0, clip=0, acceptable=["diverging", "underfitting"], **K),
        # after the first pass: the linear fits of rent_raw are the batch's clear underfits
        *R("keras_tb", "rent_raw", "underfitting", "linear-sgd0.01", (1,), model="linear",
           batch=32, lr=0.01, epochs=40, log_every=0, clip=0, acceptable=["healthy"],
           **dict(K, opt="sgd")),
        *R("hf", "rent_raw", "underfitting", "linear-sgd0.01-noclip", (2,), model="linear",
           batch=32, opt="sgd", lr=0.01, epochs=40, log_every=10, eval_every=0, clip=0,
           acceptable=["healthy"]),
    ]
    return out


# the thirtieth batch's contact sheets, looked at run by run (as the batches before)
B30_REVIEW = {
    "hf/kwh_ts/loss_spike-mlp-lrbump10-x50-s1": (
        "loss_spike", ["diverging"],
        "thirtieth batch: an LR bump x50 for 10 steps at step 900 without clipping: train and "
        "eval loss jump ~10x and fall back over the next ~900 steps towards their level (the "
        "check wanted a recovery to 1.5x within the run)"),
    "hf/kwh_ts/still_improving-mlp-cosine-cut25-s1": (
        "still_improving", ["healthy", "underfitting"],
        "thirtieth batch: a cosine schedule stopped at 25%: eval loss and MAE still falling at a "
        "steady slope over the last evaluations"),
    "hf/rent_raw/erratic-mlp-adam0.3-b4-noclip-s1": (
        "erratic", ["healthy", "diverging"],
        "thirtieth batch: Adam 0.3 at batch 4 on the raw rent: eval loss and MAE jump 2-3x "
        "between neighbouring evaluations; the downward drift is small next to the swings"),
    "hf/yield_log/overfitting-mlp-wide-n80-noisy-s1": (
        "overfitting", ["underfitting", "healthy"],
        "thirtieth batch: a 512-wide MLP on 80 rows with noisy log targets: train -> ~0 while "
        "eval sits at 3-4x the good models' MAE, a wide gap and no rise: memorised"),
    "hf/yield_log/overfitting-mlp-wide-n80-noisy-s2": (
        "overfitting", ["underfitting", "healthy"],
        "thirtieth batch: as seed 1: train -> ~0, eval flat at 4x the good models' MAE"),
    "keras_csv/yield_log/overfitting-mlp-wide-n80-noisy-s1": (
        "overfitting", ["underfitting", "healthy"],
        "thirtieth batch: as the hf runs: train -> ~0, val flat at 5x the good models' MAE"),
    # acceptable lists only
    "hf/kwh_ts/overfitting-mlp-wide-n100-noisy-s1": (
        "overfitting", ["underfitting"],
        "thirtieth batch: train -> 0, eval flat at 10x the good models' loss from the first "
        "evaluations: memorised with no rise (underfitting acceptable)"),
    "hf/yield_log/erratic-mlp-adam0.1-b4-noclip-s1": (
        "healthy", ["erratic", "diverging", "underfitting"],
        "thirtieth batch: Adam 0.1 at batch 4: eval bounces ~20% on its way down (erratic "
        "acceptable)"),
    "hf/yield_log/underfitting-linear-adam0.02-s1": (
        "healthy", ["underfitting"],
        "thirtieth batch: a linear model on the log yield, flat at 1.35x the MLPs' MAE after "
        "the first drop: the curves alone read healthy (underfitting acceptable)"),
    "keras_tb/yield_log/underfitting-linear-lr0.02-s1": (
        "healthy", ["underfitting"],
        "thirtieth batch: as the hf linear run (underfitting acceptable)"),
    "hf/rent_raw/loss_spike-mlp-lrbump10-x30-s1": (
        "healthy", ["loss_spike"],
        "thirtieth batch: an LR bump x30 invisible on the raw scale next to the first drop"),
}
REVIEW.update(B30_REVIEW)


add_batch(lambda: dev30({"opt": "adam"}))


# ----------------------------------------------------------------------------- twenty-ninth batch
# HF TRAINER FINE-TUNES as people run them (see gen_torch.b29_recipes): the MLM-pre-trained
# BERT encoder of tasks.b29_encoder_dir loaded with from_pretrained into
# BertForSequenceClassification (rev_sentiment; rev_rating with problem_type "regression") or
# BertForTokenClassification (rev_aspects), fine-tuned by the Trainer: warm-up + linear decay,
# weight decay, eval per epoch or every N steps, load_best_model_at_end with accuracy / f1 /
# eval_loss, report_to tensorboard. Kept in one block at the end of the file: hf_model,
# _describe_model and machinery are wrapped for these tasks only; nothing earlier changes.
from tasks import DEV29_TASKS, b29_finetune_model  # noqa: E402

_b29_prev_hf_model = hf_model
_b29_prev_describe_model = _describe_model


def hf_model(task, r: Recipe):  # noqa: F811  (twenty-ninth batch: the pre-trained encoder)
    """On a twenty-ninth batch task: BertFor{Sequence,Token}Classification.from_pretrained(the
    MLM checkpoint) with a fresh head (freeze: the encoder frozen); else as before."""
    if r.task in DEV29_TASKS:
        return b29_finetune_model(task, r.seed, freeze=r.freeze, hf=True)
    return _b29_prev_hf_model(task, r)


def _describe_model(r: Recipe, task) -> str:  # noqa: F811
    """Twenty-ninth batch: the pre-trained encoder and its head; else as before."""
    if r.task in DEV29_TASKS:
        head = ("BertForTokenClassification (6 tags)" if task.kind == "tagging" else
                "BertForSequenceClassification (1 output, problem_type regression)"
                if task.kind == "regression" else "BertForSequenceClassification (3 classes)")
        return (f"{head}.from_pretrained a 2-layer BERT encoder (width 64, 4 heads) pre-trained "
                "by masked-LM on 20,000 generated reviews, fresh head"
                + (", encoder frozen (only the head trains)" if r.freeze else ""))
    return _b29_prev_describe_model(r, task)


machinery_as_batch26(DEV29_TASKS)


def b29_dev29() -> list[Recipe]:
    """Twenty-ninth dev batch: rev_sentiment, rev_aspects, rev_rating; Trainer fine-tunes of
    the pre-trained encoder (AdamW, weight decay 0.01, warmup_ratio + linear decay, 3-50
    epochs, eval per epoch or every 20-42 steps, logging_steps 2-10, metric_for_best_model
    accuracy / f1 / loss with load_best_model_at_end). Regimes by their causes: LR 1e-7 and a
    frozen encoder (underfitting), 64-128 examples for 50 epochs (overfitting), LR 3e-3 at
    batch 8 (erratic), LR 1e-2 reached by a warm-up without clipping (diverging), an LR bump
    x30 and 15 batches of random labels (loss_spike), a schedule planned 3x longer than the
    run (still_improving), one epoch (insufficient_data). 63 steps per epoch at batch 32."""
    out = []
    B = {"arch": "bert", "model": "small", "batch": 32, "wd": 0.01}
    for T, ep, best, best2 in (("rev_sentiment", 8, "accuracy", "f1"),
                               ("rev_aspects", 5, "f1", "accuracy"),
                               ("rev_rating", 8, "loss", "mae")):
        n = ep * 63
        small = ({"n_train": 64, "label_noise": 0.2} if T == "rev_aspects" else
                 {"n_train": 128})
        out += [
            *R("hf", T, "healthy", f"bert-ft-warmlin-evalepoch-best-{best}", (1, 2, 3), **B,
               lr=1e-3, sched="linear", warmup_ratio=0.1, epochs=ep, log_every=10,
               eval_every=0, best_metric=best, load_best=True, acceptable=["still_improving"]),
            *R("hf", T, "healthy", f"bert-ft-eval42-best-{best2}", (1,), **B, lr=5e-4,
               sched="linear", warmup_ratio=0.06, epochs=ep + 2, log_every=5, eval_every=42,
               best_metric=best2, load_best=True, first_step=True,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "bert-ft-small-e50", (1, 2), **dict(B, **small),
               lr=5e-4, sched="linear", warmup_ratio=0.05, epochs=50, log_every=5,
               eval_every=0),
            *R("hf", T, "underfitting", "bert-ft-lr1e-7", (1,), **B, lr=1e-7, sched="linear",
               warmup_ratio=0.1, epochs=3, log_every=10, eval_every=21,
               acceptable=["still_improving"]),
            *R("hf", T, "underfitting", "bert-frozen-head", (1,), **B, freeze=True, lr=1e-3,
               sched="linear", epochs=4, log_every=10, eval_every=25,
               acceptable=["healthy", "still_improving"]),
            *R("hf", T, "erratic", "bert-ft-lr3e-3-b8", (1, 2), **dict(B, batch=8), lr=3e-3,
               sched="constant", max_steps=400, log_every=5, eval_every=20,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "diverging", "bert-ft-lr1e-2-warmup-noclip", (1,), **B, lr=1e-2,
               sched="linear", warmup_ratio=0.4, max_steps=300, log_every=5, eval_every=20,
               clip=0, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "bert-ft-lrbump5-x30", (1,), **B, lr=5e-4,
               sched="constant", epochs=ep, log_every=2, eval_every=21, clip=0,
               bumps=[(int(n * 0.55), 5, 30)]),
            *R("hf", T, "loss_spike", "bert-ft-poisonlabels15", (2,), **B, lr=5e-4,
               sched="linear", warmup_ratio=0.05, epochs=ep, log_every=2, eval_every=21,
               poison=[(int(n * 0.5), 15, "labels")]),
            *R("hf", T, "still_improving", "bert-ft-maxsteps-cut30", (1, 2), **B, opt="adam",
               lr=2e-4, sched="linear", warmup=30, planned=3 * n, max_steps=n, log_every=5,
               eval_every=21, acceptable=["healthy"]),
            *R("hf", T, "insufficient_data", "bert-ft-one-epoch", (1,), **B, lr=5e-4,
               sched="linear", warmup_ratio=0.1, epochs=1, log_every=10, eval_every=0),
        ]
    out += [
        *R("hf", "rev_sentiment", "healthy", "bert-ft-earlystop3-best-loss", (1,), **B,
           lr=1e-3, sched="linear", warmup_ratio=0.1, epochs=20, log_every=10, eval_every=0,
           best_metric="loss", load_best=True, early_stop=3,
           acceptable=["still_improving", "overfitting"]),
    ]
    # after the first pass: five per-epoch evaluations (rev_aspects) and one (one epoch, with
    # six logged train points) fit no check (dropped): eval every 30 steps, a run stopped after
    # 30 steps; 64 reviews with 30% flipped tags / noisy ratings, 20 poisoned batches and
    # Adam 1e-2 at batch 4 on the tagger, which the first pass's settings did not move
    out += [
        *R("hf", "rev_aspects", "healthy", "bert-ft-warmlin-eval30-best-f1", (1, 2), **B,
           lr=1e-3, sched="linear", warmup_ratio=0.1, epochs=5, log_every=10, eval_every=30,
           best_metric="f1", load_best=True, acceptable=["still_improving"]),
        *R("hf", "rev_sentiment", "insufficient_data", "bert-ft-stopped30", (1,), **B, lr=5e-4,
           max_steps=30, log_every=10, eval_every=15),
        *R("hf", "rev_rating", "insufficient_data", "bert-ft-stopped30", (1,), **B, lr=5e-4,
           max_steps=30, log_every=10, eval_every=15),
        *R("hf", "rev_aspects", "overfitting", "bert-ft-n64-noise30-b8-e60", (1, 2),
           **dict(B, n_train=64, batch=8), label_noise=0.3, lr=1e-3, epochs=60, log_every=8,
           eval_every=0),
        *R("hf", "rev_rating", "overfitting", "bert-ft-n64-noise0.5-e60", (1,),
           **dict(B, n_train=64), label_noise=0.5, lr=1e-3, epochs=60, log_every=2,
           eval_every=0),
        *R("hf", "rev_aspects", "loss_spike", "bert-ft-poisonlabels20", (1,), **B, lr=5e-4,
           sched="constant", epochs=5, log_every=2, eval_every=15,
           poison=[(170, 20, "labels")]),
        *R("hf", "rev_aspects", "erratic", "bert-ft-lr1e-2-b4", (1,), **dict(B, batch=4),
           lr=1e-2, sched="constant", max_steps=400, log_every=5, eval_every=20,
           acceptable=["diverging", "underfitting"]),
    ]
    # after the first pass: LR 1e-2 reached by a warm-up threw the sentiment and rating models
    # back to the prior and the tagger shrugged it off (no lasting climb), LR 3e-3 at batch 8
    # pinned them to the prior: SGD with a growing LR (x1.02 a step), and Adam-W 1e-3 at
    # batch 4 without clipping on the rating
    out += [
        *[r for T in DEV29_TASKS for r in R(
            "hf", T, "diverging", "bert-ft-sgd-lrgrow", (1,), **dict(B, wd=0.0), opt="sgd",
            lr=0.01, sched="grow", grow=1.02, max_steps=300, log_every=5, eval_every=20,
            clip=0)],
        *R("hf", "rev_rating", "erratic", "bert-ft-lr1e-3-b4-noclip", (1,), **dict(B, batch=4),
           opt="adam", lr=1e-3, max_steps=400, log_every=5, eval_every=20, clip=0,
           acceptable=["healthy", "underfitting"]),
    ]
    # after the second pass: the tagger at 1e-2 / batch 4 fit no check (dropped): 5e-3 at
    # batch 4 with the default max_grad_norm 1.0
    out += [
        *R("hf", "rev_aspects", "erratic", "bert-ft-lr5e-3-b4-clip1", (1, 2),
           **dict(B, batch=4), lr=5e-3, sched="constant", max_steps=400, log_every=5,
           eval_every=20, acceptable=["diverging", "underfitting", "healthy"]),
    ]
    # after the look at the sheets: no sentiment Trainer run levelled within 8 epochs (the
    # SummaryWriter run of 16 epochs did): 16 epochs, eval every 63 steps
    out += [
        *R("hf", "rev_sentiment", "healthy", "bert-ft-warmlin-e16-eval63-best-accuracy",
           (1, 2), **B, lr=1e-3, sched="linear", warmup_ratio=0.1, epochs=16, log_every=10,
           eval_every=63, best_metric="accuracy", load_best=True,
           acceptable=["still_improving"]),
    ]
    return out


# the twenty-ninth batch's contact sheets, looked at run by run (as the batches before)
B29_REVIEW = {
    "hf/rev_sentiment/loss_spike-bert-ft-lrbump5-x30-s1": (
        "loss_spike", ["underfitting"],
        "twenty-ninth batch: eval_loss 1.05 -> 0.88 (accuracy 0.65), thrown back to 1.05 by the "
        "x30 bump at step 277 and recovering to 0.93 by the end (the check: underfitting on its "
        "level)"),
    "hf/rev_sentiment/overfitting-bert-ft-small-e50-s1": (
        "overfitting", ["underfitting"],
        "twenty-ninth batch: 128 reviews: eval_loss flat at 1.05 for ~50 steps, then climbing to "
        "1.27 while train falls to 0.75: memorised (the check: a rise too small above a best at "
        "the start)"),
    "hf/rev_sentiment/overfitting-bert-ft-small-e50-s2": (
        "overfitting", ["underfitting"],
        "twenty-ninth batch: 128 reviews: eval_loss flat at 1.05, then climbing to 1.25 from step "
        "~100 while train falls to 0.6"),
    "hf/rev_rating/overfitting-bert-ft-small-e50-s2": (
        "overfitting", ["underfitting"],
        "twenty-ninth batch: 128 reviews: eval_loss 1.1 -> 1.4 from the first evaluation while "
        "train falls 1.0 -> 0.3: memorised from the start"),
    "hf/rev_rating/overfitting-bert-ft-small-e50-s1": (
        "underfitting", ["overfitting"],
        "twenty-ninth batch: 128 reviews: eval_loss 0.63-0.68 with no gain while train falls to "
        "0.35: nothing learned that generalises (overfitting acceptable)"),
    "hf/rev_aspects/still_improving-bert-ft-maxsteps-cut30-s1": (
        "healthy", ["still_improving"],
        "twenty-ninth batch: the tagger learns fast: at a third of its schedule eval_loss is at "
        "0.13 and levelling (still_improving acceptable)"),
    "hf/rev_aspects/still_improving-bert-ft-maxsteps-cut30-s2": (
        "healthy", ["still_improving"],
        "twenty-ninth batch: as s1: eval_loss levelling at 0.13 by the cut"),
    "hf/rev_sentiment/loss_spike-bert-ft-poisonlabels15-s2": (
        "still_improving", ["loss_spike", "healthy"],
        "twenty-ninth batch: 15 random-label batches at step 252 spike the train loss to 1.4; "
        "eval_loss hardly reacts and keeps falling to 0.85 (loss_spike acceptable)"),
    "hf/rev_aspects/erratic-bert-ft-lr5e-3-b4-clip1-s2": (
        "erratic", ["healthy"],
        "twenty-ninth batch: AdamW 5e-3 at batch 4: after the first drop eval_loss jumps between "
        "0.085 and 0.155 from one evaluation to the next with no trend, accuracy 0.93-0.955 (the "
        "check: swings of 9% median, healthy; healthy acceptable)"),
}
REVIEW.update(B29_REVIEW)


add_batch(b29_dev29)



# ----------------------------------------------------------------------------- thirty-second batch
# The research-loop batch (tasks.DEV32_TASKS: b32_ae_img, b32_tagbag, b32_glyph; see
# gen_torch.b32_recipes, where most of its runs are SummaryWriter loops): the HF Trainer share,
# per-epoch or every-N-steps eval, bf16 off (CPU), max_grad_norm 1 or off. Kept in one block at
# the end of the file; nothing earlier changes.


def b32_dev32() -> list[Recipe]:
    """Thirty-second dev batch, hf: good settings (healthy), a wide MLP on 80 examples
    (overfitting), a model too small (underfitting), SGD with a growing LR (diverging), per task.
    Steps per epoch at batch 32: 47 (b32_ae_img, b32_tagbag), 38 (b32_glyph)."""
    out = []
    for T, ae, small in (("b32_ae_img", {"arch": "ae"}, "tiny"), ("b32_tagbag", {}, "linear"),
                         ("b32_glyph", {}, "linear")):
        out += [
            *R("hf", T, "healthy", "medium-cosine-e20", (1, 2), **ae, model="medium", batch=32,
               opt="adam", lr=2e-3, sched="cosine", warmup_ratio=0.05, epochs=20,
               log_every=10, eval_every=0, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "wide-n80-e250", (1,), **ae, model="wide", batch=16,
               n_train=80, label_noise=0.2 if T != "b32_ae_img" else 0.5, opt="adam", lr=2e-3,
               max_steps=1250, log_every=5, eval_every=25, clip=0),
            *R("hf", T, "underfitting", "too-small-e20", (1,), **ae, model=small, batch=32,
               opt="adam", lr=3e-3, epochs=20, log_every=10, eval_every=0,
               acceptable=["healthy"]),
            *R("hf", T, "diverging", "sgd-grow-noclip", (1,), **ae, model="medium", batch=32,
               opt="sgd", lr=1e-3, sched="grow", grow=1.012, max_steps=900, log_every=5,
               eval_every=30, clip=0),
        ]
    return out


# the thirty-second batch's contact sheets, looked at run by run (as the batches before)
B32_REVIEW = {
    "hf/b32_ae_img/underfitting-too-small-e20-s1": (
        "underfitting", ["still_improving"],
        "thirty-second batch: an autoencoder with a 1-unit code: eval MSE crawls 0.84 -> 0.75 "
        "over 20 epochs, 7x the medium autoencoders' 0.11"),
}
REVIEW.update(B32_REVIEW)


add_batch(b32_dev32)


# ----------------------------------------------------------------------------- thirty-first batch
# Lightning as people use it (see gen_torch.dev31_recipes): spectro2d and tab_mixed MLPs here
# as HF Trainer runs too (shape_rgb16's CNN is torch / Lightning only), with a macro-F1 in
# compute_metrics beside the accuracy, metric_for_best_model f1 / accuracy with
# load_best_model_at_end, EarlyStoppingCallback. Kept in one block at the end of the file:
# b31_dev31() is appended to all_recipes() by a wrapper, the cause text uses the twenty-sixth
# batch's machinery text; nothing of the earlier batches changes.
from tasks import DEV31_TASKS  # noqa: E402

_b31_prev_compute_metrics_for = compute_metrics_for


machinery_as_batch26(DEV31_TASKS)


def compute_metrics_for(task):  # noqa: F811
    """Thirty-first batch: accuracy and the macro-F1 over the classes; else as before."""
    base = _b31_prev_compute_metrics_for(task)
    if task.name not in DEV31_TASKS:
        return base

    def metrics(p):
        from sklearn.metrics import f1_score
        logits = p.predictions[0] if isinstance(p.predictions, (tuple, list)) else p.predictions
        pred = np.asarray(logits).argmax(-1)
        y = np.asarray(p.label_ids)
        return {"accuracy": float(np.mean(pred == y)),
                "f1": float(f1_score(y, pred, average="macro"))}
    return metrics


def b31_dev31() -> list[Recipe]:
    """Thirty-first dev batch, hf: spectro2d (157 steps per epoch at batch 32) and tab_mixed
    (75): a healthy MLP with metric_for_best_model f1 / accuracy, load_best_model_at_end and
    EarlyStoppingCallback, a wide MLP on 150 rows with 20% flipped labels, a 2-unit MLP, Adam
    0.03 at batch 8, Adam 1.0 without clipping, an LR bump x50, a cosine run cut at 1/15 of its
    schedule, a run stopped after 20 steps."""
    out = []
    for T, spe in (("spectro2d", 157), ("tab_mixed", 75)):
        spec = T == "spectro2d"
        M = {"model": "medium", "batch": 32}
        HB = dict(M, model="small", wd=0.01) if spec else M
        out += [
            *R("hf", T, "healthy", "mlp-es-best-f1", (1, 2), **HB, opt="adamw", lr=1e-3,
               sched="linear", epochs=8 if spec else 25, log_every=10, eval_every=spe // 2,
               best_metric="f1", load_best=True, early_stop=6,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "wide-n150-noise20", (1, 2), model="wide", batch=32,
               n_train=150, label_noise=0.2, opt="adam", lr=1e-3, epochs=150, log_every=5,
               eval_every=15),
            *R("hf", T, "underfitting", "tiny2", (1,), model="tiny", batch=32, opt="adam",
               lr=1e-3, epochs=8 if spec else 20, log_every=10, eval_every=spe // 2,
               best_metric="accuracy", load_best=True, acceptable=["healthy"]),
            *R("hf", T, "erratic", "adam0.03-b8-noclip", (1,), **dict(M, batch=8), opt="adam",
               lr=0.03, epochs=2 if spec else 4, log_every=10, eval_every=spe, clip=0,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "diverging", "adam1.0-noclip", (1,), **M, opt="adam", lr=1.0,
               epochs=4 if spec else 8, log_every=5, eval_every=spe // 2, clip=0,
               acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "lrbump-x50-10", (1,), **HB, opt="adam", lr=1e-3,
               epochs=8 if spec else 16, log_every=5, eval_every=spe // 4, clip=0,
               bumps=[(spe * (3 if spec else 6), 10, 50)]),
            *R("hf", T, "still_improving", "cosine-cut", (1,), **M, opt="adam", lr=1e-4,
               sched="cosine", warmup=30, planned=spe * 30, max_steps=spe * (2 if spec else 5),
               log_every=10, eval_every=spe // 2, acceptable=["underfitting"]),
        ]
    out += [*R("hf", "tab_mixed", "insufficient_data", "max-steps20", (1,), model="medium",
               batch=32, opt="adam", lr=1e-3, max_steps=20, log_every=50, eval_every=20)]
    return out


# the thirty-first batch's contact sheets, looked at run by run (as the batches before)
B31_REVIEW = {
    "hf/spectro2d/still_improving-cosine-cut-s1": (
        "still_improving", ["underfitting"],
        "thirty-first batch: a cosine run at Adam 1e-4 stopped at 1/15 of its schedule: eval "
        "loss 1.6 -> 1.38 falling faster at the end, accuracy 0.3 -> 0.53 still rising"),
    "hf/spectro2d/erratic-adam0.03-b8-noclip-s1": (
        "erratic", ["healthy", "underfitting"],
        "thirty-first batch: Adam 0.03 at batch 8: eval loss 1.1 -> 0.85 -> 1.2 and accuracy "
        "0.55-0.68 swing between neighbouring evaluations with no trend"),
    "hf/tab_mixed/erratic-adam0.03-b8-noclip-s1": (
        "erratic", ["healthy", "underfitting"],
        "thirty-first batch: Adam 0.03 at batch 8: eval loss 0.55-0.8 and accuracy 0.70-0.83 "
        "bounce for the whole run"),
    # acceptable lists only
    "hf/spectro2d/underfitting-tiny2-s1": (
        "healthy", ["underfitting"],
        "thirty-first batch: a 2-unit MLP levels at eval loss 1.22 / accuracy 0.48, where the "
        "small MLPs reach 0.55 / 0.8 (underfitting acceptable)"),
    "hf/tab_mixed/underfitting-tiny2-s1": (
        "healthy", ["underfitting", "still_improving"],
        "thirty-first batch: a 2-unit MLP still creeping down (0.8) at 0.72 accuracy "
        "(underfitting and still_improving acceptable)"),
    "hf/spectro2d/diverging-adam1.0-noclip-s1": (
        "underfitting", ["diverging", "erratic"],
        "thirty-first batch: Adam 1.0 from the first step: at chance after the first steps "
        "(diverging acceptable)"),
    "hf/tab_mixed/diverging-adam1.0-noclip-s1": (
        "underfitting", ["diverging", "erratic"],
        "thirty-first batch: Adam 1.0 from the first step: eval flat at chance (diverging "
        "acceptable)"),
}
REVIEW.update(B31_REVIEW)


add_batch(b31_dev31)


# ----------------------------------------------------------------------------- thirty-third batch
# HF Trainer with custom torch modules (tasks.DEV33_TASKS: b33_credit, b33_sensor, b33_objpos): a
# plain nn.Module (an MLP, a GRU over the sensor window) returning {"loss", "logits"} trained by
# transformers.Trainer, compute_metrics accuracy + F1 (binary F1 on b33_credit) / mse + mae + rmse,
# eval per epoch or every 20-40 steps, logging_steps 5-20, load_best_model_at_end with
# metric_for_best_model f1 / accuracy / rmse, warmup_ratio, linear / cosine / constant schedules,
# gradient accumulation, EarlyStoppingCallback, save_total_limit 2. Kept in one block at the end
# of the file; nothing earlier changes.
from tasks import DEV33_TASKS  # noqa: E402

_b33_prev_compute_metrics_for = compute_metrics_for


machinery_as_batch26(DEV33_TASKS)


def compute_metrics_for(task):  # noqa: F811
    """Thirty-third batch: b33_objpos adds the RMSE to mse / mae; else as before."""
    base = _b33_prev_compute_metrics_for(task)
    if task.name != "b33_objpos":
        return base

    def metrics(p):
        out = base(p)
        out["rmse"] = float(np.sqrt(out["mse"]))
        return out
    return metrics


def b33_dev33() -> list[Recipe]:
    """Thirty-third dev batch, hf (63 steps per epoch at batch 32, 2000 train rows): good settings
    (healthy), a wide model on 150 rows with noisy labels (overfitting), a 2-unit model
    (underfitting), Adam 0.03 at batch 8 (erratic), SGD with a growing LR and Adam 0.5
    (diverging), an LR bump x50 and 8 random-label batches (loss_spike), a cosine schedule cut at
    2/15 (still_improving), a run stopped after 20 steps (insufficient_data)."""
    out = []
    for T, best, arch in (("b33_credit", "f1", None), ("b33_sensor", "accuracy", "rnn"),
                          ("b33_objpos", "rmse", None)):
        A = {"arch": arch}
        reg = T == "b33_objpos"
        noise = 0.5 if reg else 0.2
        out += [
            *R("hf", T, "healthy", "mlp-cosine-wr0.1-es-best", (1, 2, 3), **A, model="medium",
               batch=32, opt="adamw", lr=2e-3 if arch else 1e-3, wd=0.01, sched="cosine",
               warmup_ratio=0.1, epochs=12, log_every=10, eval_every=0, best_metric=best,
               load_best=True, early_stop=4, acceptable=["still_improving"]),
            *R("hf", T, "healthy", "linear-accum2-steps40", (1,), **A, model="small", batch=16,
               accum=2, opt="adamw", lr=1e-3, sched="linear", warmup_ratio=0.05, epochs=10,
               log_every=5, eval_every=40, best_metric=best, load_best=True,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "wide-n150-noisy", (1, 2), **A, model="wide", batch=16,
               n_train=150, label_noise=noise, opt="adam", lr=2e-3, epochs=100, log_every=5,
               eval_every=20, clip=0),
            *R("hf", T, "underfitting", "tiny2-const", (1,), **A, model="tiny", batch=32,
               opt="adamw", lr=3e-4, sched="constant", epochs=10, log_every=10, eval_every=0,
               acceptable=["still_improving", "healthy"]),
            *R("hf", T, "erratic", "adam0.03-b8-noclip", (1, 2), **A, model="medium", batch=8,
               opt="adam", lr=0.03, epochs=3, log_every=20, eval_every=40, clip=0,
               acceptable=["underfitting", "diverging"]),
            *R("hf", T, "diverging", "sgd-grow1.012-noclip", (1,), **A, model="medium", batch=32,
               opt="sgd", lr=1e-3, sched="grow", grow=1.012, max_steps=700, log_every=5,
               eval_every=25, clip=0),
            *R("hf", T, "diverging", "adam0.5-noclip", (2,), **A, model="medium", batch=32,
               opt="adam", lr=0.5, epochs=5, log_every=5, eval_every=25, clip=0,
               acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", "lrbump-x50-10", (1,), **A, model="medium", batch=32,
               opt="adam", lr=1e-3, epochs=12, log_every=5, eval_every=20, clip=0,
               bumps=[(63 * 6, 10, 50)]),
            *R("hf", T, "loss_spike", "poison-labels-8", (2,), **A, model="medium", batch=32,
               opt="adam", lr=1e-3, epochs=12, log_every=5, eval_every=20,
               poison=[(63 * 6, 8, "labels")]),
            *R("hf", T, "still_improving", "cosine-cut-2of15", (1, 2), **A, model="medium",
               batch=32, opt="adam", lr=1e-4, sched="cosine", warmup=30, planned=63 * 15,
               max_steps=63 * 2, log_every=5, eval_every=20, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "max-steps20", (1,), **A, model="medium", batch=32,
               opt="adam", lr=1e-3, max_steps=20, log_every=5, eval_every=20),
        ]
    # after the first pass: a run of 20 steps logs 4 points (kept as more than insufficient);
    # the GRU at Adam 1e-4 hardly moves in 2 epochs; a 2-unit model at 3e-4 is still falling
    # after 10 epochs; the wide MLP on 150 rows does not overfit the position regression; Adam
    # 0.03 at batch 8 settles on the sensor GRU and the regression
    for T, arch in (("b33_credit", None), ("b33_sensor", "rnn"), ("b33_objpos", None)):
        out += [*R("hf", T, "insufficient_data", "max-steps12", (1,), arch=arch, model="medium",
                   batch=32, opt="adam", lr=1e-3, max_steps=12, log_every=5, eval_every=10)]
    out += [
        *R("hf", "b33_sensor", "still_improving", "gru-cosine-cut-3of30", (1, 2), arch="rnn",
           model="medium", batch=32, opt="adam", lr=2e-3, sched="cosine", warmup=30,
           planned=63 * 30, max_steps=63 * 3, log_every=5, eval_every=20,
           acceptable=["healthy"]),
        *R("hf", "b33_sensor", "underfitting", "linear-window-e20", (1, 2), model="linear",
           batch=32, opt="adamw", lr=3e-3, epochs=20, log_every=10, eval_every=0,
           best_metric="accuracy", load_best=True),
        *R("hf", "b33_objpos", "underfitting", "tiny2-e30", (1, 2), model="tiny", batch=32,
           opt="adamw", lr=3e-3, epochs=30, log_every=10, eval_every=0, best_metric="rmse",
           load_best=True, acceptable=["still_improving"]),
        *R("hf", "b33_objpos", "overfitting", "wide-n60-noisy1.0", (1, 2), model="wide",
           batch=16, n_train=60, label_noise=1.0, opt="adam", lr=2e-3, epochs=300,
           log_every=5, eval_every=20, clip=0),
        *R("hf", "b33_sensor", "erratic", "adam0.02-b4-noclip", (1, 2), arch="rnn",
           model="medium", batch=4, opt="adam", lr=0.02, epochs=1, log_every=10,
           eval_every=25, clip=0, acceptable=["underfitting", "diverging"]),
        *R("hf", "b33_objpos", "erratic", "adam0.05-b4-noclip", (1,), model="medium", batch=4,
           opt="adam", lr=0.05, epochs=1, log_every=10, eval_every=25, clip=0,
           acceptable=["underfitting", "diverging"]),
    ]
    return out


# the thirty-third batch's contact sheets, looked at run by run (as the batches before)
B33_REVIEW = {
    "hf/b33_sensor/loss_spike-lrbump-x50-10-s1": (
        "loss_spike", ["still_improving"],
        "thirty-third batch: an LR bump x50 for 10 steps: eval loss 0.7 -> 1.75 and accuracy 0.75 "
        "-> 0.3 at step 380, back below 0.7 within ~100 steps, then still falling to 0.15"),
    "hf/b33_objpos/loss_spike-lrbump-x50-10-s1": (
        "loss_spike", ["healthy"],
        "thirty-third batch: an LR bump x50 for 10 steps: eval MSE 0.06 -> 0.95 at step 380, back "
        "to 0.1 within ~200 steps and still falling"),
    "hf/b33_credit/still_improving-cosine-cut-2of15-s1": (
        "still_improving", ["underfitting"],
        "thirty-third batch: Adam 1e-4 on a cosine schedule stopped at 2/15: eval loss falls "
        "steadily 0.63 -> 0.53 to its last point, nowhere near the 0.2-0.25 of the full runs"),
    "hf/b33_credit/still_improving-cosine-cut-2of15-s2": (
        "still_improving", ["underfitting"],
        "thirty-third batch: as seed 1: eval loss 0.63 -> 0.53 in a straight line to the end"),
    "hf/b33_objpos/still_improving-cosine-cut-2of15-s1": (
        "still_improving", ["underfitting"],
        "thirty-third batch: Adam 1e-4 stopped at 2/15 of its cosine: eval MSE 0.93 -> 0.73 in a "
        "straight line, the full runs reach 0.06"),
    "hf/b33_objpos/still_improving-cosine-cut-2of15-s2": (
        "still_improving", ["underfitting"],
        "thirty-third batch: as seed 1: eval MSE 0.9 -> 0.7, still falling at the same rate"),
    "hf/b33_credit/underfitting-tiny2-const-s1": (
        "still_improving", ["underfitting"],
        "thirty-third batch: a 2-unit MLP at 3e-4 for 10 epochs: eval loss 0.8 -> 0.55 in a "
        "straight line, accuracy still rising: cut while improving"),
    "hf/b33_sensor/diverging-adam0.5-noclip-s2": (
        "diverging", ["underfitting", "erratic"],
        "thirty-third batch: Adam 0.5 on the GRU: train 8 in the first steps, eval loss bouncing "
        "2.3-3.5 above chance (ln 6 = 1.79) for the whole run"),
    "hf/b33_sensor/still_improving-gru-cosine-cut-3of30-s1": (
        "still_improving", ["healthy"],
        "thirty-third batch: the GRU at 2e-3 stopped at 3/30 of its cosine: eval loss 1.75 -> 0.7 "
        "and accuracy 0.4 -> 0.7 still moving, the full runs reach 0.1"),
    "hf/b33_sensor/erratic-adam0.02-b4-noclip-s2": (
        "erratic", ["still_improving"],
        "thirty-third batch: Adam 0.02 at batch 4: eval loss swings 0.15-0.8 and accuracy "
        "0.6-0.95 between neighbouring evaluations while it drifts down"),
    "hf/b33_sensor/underfitting-linear-window-e20-s1": (
        "underfitting", ["healthy"],
        "thirty-third batch: a linear model on the raw window: eval loss levels at 0.7 / accuracy "
        "0.63 from epoch 5, where the GRU reaches 0.1 / 0.97"),
    "hf/b33_sensor/underfitting-linear-window-e20-s2": (
        "underfitting", ["healthy"],
        "thirty-third batch: as seed 1: levelled at 0.65 / accuracy 0.65"),
    "hf/b33_objpos/underfitting-tiny2-e30-s1": (
        "underfitting", ["healthy"],
        "thirty-third batch: a 2-unit MLP levels at eval MSE 0.155, 2.5x the 0.06 of the medium "
        "MLPs"),
    "hf/b33_objpos/underfitting-tiny2-e30-s2": (
        "underfitting", ["healthy"],
        "thirty-third batch: as seed 1: levelled at 0.155"),
    "hf/b33_sensor/underfitting-tiny2-const-s1": (
        "still_improving", ["underfitting"],
        "thirty-third batch: an 8-unit GRU at 3e-4 for 10 epochs: eval loss 1.82 -> 1.5, falling "
        "faster at the end, accuracy 0.2 -> 0.38"),
    # acceptable lists only
    "hf/b33_objpos/overfitting-wide-n60-noisy1.0-s1": (
        "healthy", ["overfitting", "underfitting"],
        "thirty-third batch: a 512-wide MLP on 60 rows with noisy targets memorises them (train "
        "~0) while eval MSE stays flat at 0.37-0.4 from the first evaluation (no rise)"),
    "hf/b33_objpos/overfitting-wide-n60-noisy1.0-s2": (
        "healthy", ["overfitting", "underfitting"],
        "thirty-third batch: as seed 1: eval MSE flat at 0.6"),
    "hf/b33_objpos/overfitting-wide-n150-noisy-s1": (
        "healthy", ["overfitting"],
        "thirty-third batch: train ~0, eval MSE flat at 0.2 after the first evaluations"),
    "hf/b33_credit/erratic-adam0.03-b8-noclip-s1": (
        "healthy", ["erratic"],
        "thirty-third batch: Adam 0.03 at batch 8: eval loss 0.27-0.42 bouncing ~15% around a "
        "flat level (erratic acceptable)"),
    "hf/b33_credit/erratic-adam0.03-b8-noclip-s2": (
        "healthy", ["erratic"],
        "thirty-third batch: as seed 1: 0.25-0.3 after the first evaluations, bouncing"),
    "hf/b33_objpos/erratic-adam0.03-b8-noclip-s1": (
        "healthy", ["erratic"],
        "thirty-third batch: eval MSE bounces 0.2-0.37 for half the run, then falls to 0.1"),
    "hf/b33_sensor/erratic-adam0.03-b8-noclip-s2": (
        "healthy", ["erratic"],
        "thirty-third batch: falls to 0.1 in 200 steps, then bounces 0.05-0.15"),
}
REVIEW.update(B33_REVIEW)


add_batch(b33_dev33)


# ----------------------------------------------------------------------------- thirty-fourth batch
# Short everyday loops (tasks.DEV34_TASKS: b34_textbag3, b34_points2d, b34_hetreg; see
# gen_torch.b34_recipes, where most of its runs are SummaryWriter / Lightning loops): the HF
# Trainer share, logging_strategy and eval_strategy "epoch" (one train and one eval point per
# epoch, 5-30 epochs). Kept in one block at the end of the file; nothing earlier changes.


def b34_dev34() -> list[Recipe]:
    """Thirty-fourth dev batch, hf, per-epoch logging and eval: good settings (healthy), a wide
    MLP on 60 examples with noisy labels (overfitting), a model too small (underfitting), SGD
    with a growing LR (diverging), Adam 1e-4 for a few epochs (still_improving), per task."""
    out = []
    for T, small in (("b34_textbag3", "linear"), ("b34_points2d", "tiny"),
                     ("b34_hetreg", "tiny")):
        E = {"log_epoch": True, "eval_every": 0, "log_every": 10}
        out += [
            *R("hf", T, "healthy", "b34-epoch-e20", (1, 2), model="medium", batch=32,
               opt="adam", lr=2e-3, sched="linear", epochs=20, **E,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "b34-wide-n60-e30", (1,), model="wide", batch=8,
               n_train=60, label_noise=0.3 if T != "b34_hetreg" else 0.5, opt="adam", lr=3e-3,
               epochs=30, clip=0, **E),
            *R("hf", T, "underfitting", "b34-small-e15", (1,), model=small, batch=32,
               opt="adam", lr=3e-3, epochs=15, **E, acceptable=["healthy"]),
            *R("hf", T, "diverging", "b34-sgd-grow", (1,), model="medium", batch=32, opt="sgd",
               lr=1e-3, sched="grow", grow=1.02, epochs=15, clip=0, **E),
            *R("hf", T, "still_improving", "b34-adam1e-4-e10", (1,), model="medium", batch=32,
               opt="adam", lr=1e-4, epochs=10, **E, acceptable=["underfitting"]),
        ]
    return out


# the thirty-fourth batch's contact sheets, looked at run by run (as the batches before)
B34_REVIEW = {
    "hf/b34_hetreg/underfitting-b34-small-e15-s1": (
        "underfitting", ["still_improving", "healthy"],
        "thirty-fourth batch: a 1x2 MLP: eval loss 1.05 -> 0.81, ~2x the medium MLPs' 0.3-0.45, "
        "still creeping (still_improving acceptable)"),
    "hf/b34_points2d/underfitting-b34-small-e15-s1": (
        "underfitting", ["still_improving", "healthy"],
        "thirty-fourth batch: a 1x2 MLP: eval loss 1.37 -> 1.24 near ln 4, accuracy 0.3 -> 0.46 "
        "(still_improving acceptable)"),
}
REVIEW.update(B34_REVIEW)


add_batch(b34_dev34)


# ----------------------------------------------------------------------------- thirty-sixth batch
# FINE-TUNES WITH STEP-LOGGED NOISE (tasks.DEV36_TASKS: b36_tab3, b36_blobs6, b36_quant4): a
# medium MLP body pre-trained in the same script (unlogged, pre_steps Adam 2e-3 steps on a
# shifted draw of the same generator, tasks.pretrain_source), then fine-tuned by the HF Trainer
# with logging_steps=1 (a very noisy per-step train loss), gradient accumulation, eval_steps that
# do not divide the epoch (15 / 20 at 47 steps an epoch), EarlyStoppingCallback and
# load_best_model_at_end with metric_for_best_model f1 (macro) / accuracy; spikes are a few
# poisoned batches or an LR bump inside that noise. Kept in one block at the end of the file;
# nothing earlier changes.
from tasks import DEV36_TASKS  # noqa: E402

_b36_prev_compute_metrics_for = compute_metrics_for
DEV24_SOURCE.update({T: "a shifted, rescaled draw of the same generator (3000 rows, same classes)"
                     for T in DEV36_TASKS})


machinery_as_batch26(DEV36_TASKS)


def compute_metrics_for(task):  # noqa: F811
    """Thirty-sixth batch: accuracy and the macro-F1 over the classes; else as before."""
    base = _b36_prev_compute_metrics_for(task)
    if task.name not in DEV36_TASKS:
        return base

    def metrics(p):
        from sklearn.metrics import f1_score
        logits = p.predictions[0] if isinstance(p.predictions, (tuple, list)) else p.predictions
        pred = np.asarray(logits).argmax(-1)
        y = np.asarray(p.label_ids)
        return {"accuracy": float(np.mean(pred == y)),
                "f1": float(f1_score(y, pred, average="macro"))}
    return metrics


def b36_dev36() -> list[Recipe]:
    """Thirty-sixth dev batch, hf (1500 train rows: 47 optimiser steps an epoch at batch 32 or
    16 x accumulation 2), every run a fine-tune of a pre-trained body (pre_steps 800) logged every
    step: AdamW 3e-4 with accumulation, irregular eval_steps and early stopping on f1 / accuracy
    (healthy), Adam 3e-5 (still_improving), a wide body on 120 rows with 30% flipped labels and an
    80-row eval set (overfitting), a 2-unit body (underfitting), Adam 0.03 at batch 4 (erratic),
    SGD with an LR growing x1.015 per step (diverging), 3 random-label batches or an LR bump x30
    / x100 for 10 steps (loss_spike), a run stopped after 15 steps (insufficient_data)."""
    out = []
    for T, best in (("b36_tab3", "f1"), ("b36_blobs6", "accuracy"), ("b36_quant4", "f1")):
        F = {"pre_steps": 800, "log_every": 1}
        out += [
            *R("hf", T, "healthy", "ft-ls1-accum2-ev15-es-best", (1, 2, 3), **F, model="medium",
               batch=16, accum=2, opt="adamw", lr=3e-4, wd=0.01, sched="linear",
               warmup_ratio=0.06, epochs=8, eval_every=15, best_metric=best, load_best=True,
               early_stop=5, acceptable=["still_improving"]),
            *R("hf", T, "still_improving", "ft-adam3e-5-e4", (1, 2), **F, model="medium",
               batch=32, opt="adam", lr=3e-5, epochs=4, eval_every=20,
               acceptable=["healthy", "underfitting"]),
            *R("hf", T, "overfitting", "ft-wide-n120-noisy30-val80", (1, 2), **F, model="wide",
               batch=8, n_train=120, n_val=80, label_noise=0.3, opt="adam", lr=1e-3, epochs=50,
               eval_every=15, clip=0),
            *R("hf", T, "underfitting", "ft-tiny2", (1,), **F, model="tiny", batch=32,
               opt="adam", lr=1e-3, epochs=8, eval_every=20,
               acceptable=["still_improving", "healthy"]),
            *R("hf", T, "erratic", "ft-adam0.03-b4-noclip", (1,), **F, model="medium", batch=4,
               opt="adam", lr=0.03, epochs=1, eval_every=15, clip=0,
               acceptable=["underfitting", "diverging"]),
            *R("hf", T, "diverging", "ft-sgd-grow1.015-noclip", (1,), **F, model="medium",
               batch=32, opt="sgd", lr=1e-3, sched="grow", grow=1.015, max_steps=600,
               eval_every=20, clip=0),
            *R("hf", T, "loss_spike", "ft-poison-labels3", (1, 2), **F, model="medium",
               batch=32, opt="adam", lr=3e-4, epochs=8, eval_every=20,
               poison=[(190, 3, "labels")], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "ft-lrbump-x30-10", (3,), **F, model="medium", batch=32,
               opt="adam", lr=3e-4, epochs=8, eval_every=20, clip=0, bumps=[(190, 10, 30)],
               acceptable=["healthy"]),
        ]
    # after the first pass: a run of 12 steps logged every step has 12 points (more than
    # insufficient): stopped after 15 steps logged every 5; an LR bump x30 (Adam 9e-3) moved the
    # per-step loss only 1.6-2x: x100 for 10 steps
    for T in DEV36_TASKS:
        out += [
            *R("hf", T, "insufficient_data", "ft-max-steps15-log5", (1,), pre_steps=800,
               model="medium", batch=32, opt="adam", lr=3e-4, max_steps=15, log_every=5,
               eval_every=10),
            *R("hf", T, "loss_spike", "ft-lrbump-x100-10", (3,), pre_steps=800, log_every=1,
               model="medium", batch=32, opt="adam", lr=3e-4, epochs=8, eval_every=20, clip=0,
               bumps=[(190, 10, 100)], acceptable=["healthy", "diverging"]),
        ]
    return out


# the thirty-sixth batch's contact sheets, looked at run by run (as the batches before)
B36_REVIEW = {
    "hf/b36_tab3/erratic-ft-adam0.03-b4-noclip-s1": (
        "erratic", ["underfitting", "diverging"],
        "thirty-sixth batch: Adam 0.03 at batch 4 on a pre-trained body: eval loss bounces "
        "0.8-1.15 (2x the fine-tunes' 0.5) and accuracy 0.45-0.7 between neighbouring "
        "evaluations, no trend"),
    "hf/b36_quant4/erratic-ft-adam0.03-b4-noclip-s1": (
        "erratic", ["healthy", "underfitting"],
        "thirty-sixth batch: Adam 0.03 at batch 4: eval loss 3 -> 0.5 after the first jolt, then "
        "0.5-0.65 with accuracy swinging 0.4-0.8 between evaluations (the fine-tunes: 0.2 / 0.93)"),
    "hf/b36_blobs6/underfitting-ft-tiny2-s1": (
        "underfitting", ["still_improving"],
        "thirty-sixth batch: a 2-unit body: eval loss 1.14 -> 1.08 creeping, 2x the 0.53 of the "
        "medium fine-tunes, accuracy flat at 0.6"),
    # acceptable lists only
    "hf/b36_quant4/overfitting-ft-wide-n120-noisy30-val80-s2": (
        "overfitting", ["healthy"],
        "thirty-sixth batch: train ~0 on 120 noisy rows while the 80-row eval loss drifts 0.7 -> "
        "0.9 from its best (a mild rise)"),
    "hf/b36_quant4/loss_spike-ft-lrbump-x30-10-s3": (
        "healthy", ["loss_spike"],
        "thirty-sixth batch: an LR bump x30 for 10 steps: the per-step train loss hardly leaves "
        "its noise (2x) and the eval loss bumps 0.17 -> 0.21 once"),
    "hf/b36_tab3/loss_spike-ft-lrbump-x30-10-s3": (
        "healthy", ["loss_spike"],
        "thirty-sixth batch: an LR bump x30 for 10 steps hidden in the per-step noise (1.6x), "
        "eval loss level"),
}
REVIEW.update(B36_REVIEW)


add_batch(b36_dev36)


# ----------------------------------------------------------------------------- thirty-fifth batch
# Schedules and losses with their own shapes (tasks.DEV35_TASKS: b35_cls6, b35_quant4,
# b35_nllreg; see gen_torch.b35_recipes, where most of its runs are SummaryWriter / Lightning
# loops with torch's own schedulers): the HF Trainer share, lr_scheduler_type
# cosine_with_restarts (4 cycles: the loss jumps at each restart), linear with warmup_ratio 0.1,
# label_smoothing 0.1 on the classifiers and the Gaussian NLL (negative) on b35_nllreg. Kept in
# one block at the end of the file; nothing earlier changes.
from tasks import DEV35_TASKS  # noqa: E402

machinery_as_batch26(DEV35_TASKS)


_b35_prev_describe_model = describe_model


def describe_model(r: Recipe, task) -> str:  # noqa: F811
    """Thirty-fifth batch: b35_nllreg's MLP with a mean and a variance output; else as before."""
    if task.name == "b35_nllreg":
        from tasks import MODEL_SIZES
        h, d = MODEL_SIZES[r.model]
        return f"MLP {d}x{h} ({r.model}) with a mean and a variance output (Gaussian NLL)"
    return _b35_prev_describe_model(r, task)


def b35_dev35() -> list[Recipe]:
    """Thirty-fifth dev batch, hf (63 steps per epoch at batch 32, 2000 train rows): good settings
    under cosine_with_restarts or warm-up + linear decay with label smoothing (healthy), a wide
    MLP on 150 rows with noisy labels (overfitting), 8 random-label batches (loss_spike), a
    warm-up + linear run cut at 3 of 30 epochs (still_improving)."""
    out = []
    for T in DEV35_TASKS:
        cls = T != "b35_nllreg"
        sm = {"smooth": 0.1} if cls else {}
        best = "accuracy" if cls else "loss"
        out += [
            *R("hf", T, "healthy", "b35-restarts4-e24", (1, 2), model="medium", batch=32,
               opt="adamw", lr=3e-3, wd=0.01, sched="cosine", cycles=4, warmup_ratio=0.05,
               epochs=24, log_every=10, eval_every=0, best_metric=best, load_best=True, **sm,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "b35-wide-n150-noisy", (1,), model="wide", batch=16,
               n_train=150, label_noise=0.2 if cls else 0.5, opt="adam", lr=2e-3, epochs=120,
               log_every=5, eval_every=20, clip=0),
            *R("hf", T, "loss_spike", "b35-poison-labels-8", (1,), model="medium", batch=32,
               opt="adam", lr=1e-3, epochs=12, log_every=5, eval_every=20, **sm,
               poison=[(63 * 6, 8, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b35-linear-cut3of30", (1,), model="medium",
               batch=32, opt="adam", lr=1e-3, sched="linear", warmup=60, planned=63 * 30,
               max_steps=63 * 3, log_every=5, eval_every=20, **sm,
               acceptable=["underfitting"]),
        ]
        if cls:
            out += [*R("hf", T, "healthy", "b35-linear-wr0.1-e15", (1,), model="medium",
                       batch=32, opt="adamw", lr=2e-3, wd=0.01, sched="linear",
                       warmup_ratio=0.1, epochs=15, log_every=10, eval_every=40, **sm,
                       acceptable=["still_improving"])]
    # after the first pass: AdamW takes the Trainer's own scheduler, which ignores `planned` (the
    # LR reached 0 at the cut): Adam (the custom LambdaLR path) at 1e-3 for the cut runs
    return out


# the thirty-fifth batch's contact sheets, looked at run by run (as the batches before)
B35_REVIEW = {
    "hf/b35_nllreg/healthy-b35-restarts4-e24-s2": (
        "healthy", ["still_improving"],
        "thirty-fifth batch: cosine_with_restarts (4 cycles) on the Gaussian NLL: val NLL 0.14 -> "
        "-0.24, then a new low after each restart, -0.57 at the end, where the other healthy "
        "b35_nllreg runs level (-0.55); val MAE flat at ~0.29 over the last two cycles"),
    "hf/b35_nllreg/still_improving-b35-linear-cut3of30-s1": (
        "still_improving", ["healthy"],
        "thirty-fifth batch: stopped at step 189 of a 1890-step linear schedule: val NLL 0.53 -> "
        "-0.17 falling steadily at every evaluation (good runs level at -0.55), val MAE 0.52 -> "
        "0.4 still falling"),
}
REVIEW.update(B35_REVIEW)


add_batch(b35_dev35)



# ----------------------------------------------------------------------------- thirty-seventh batch
# AUGMENTATION, DROPOUT AND BATCHNORM, the HF Trainer share (tasks.DEV37_TASKS: b37_digits16,
# b37_shapes16, b37_weave16; see gen_torch.b37_recipes): the same small BatchNorm CNN with
# dropout 0.5 and augmentation inside the model (tasks.make_model arch "b37cnn"); the Trainer
# switches model.train() for the logged train loss and model.eval() for the eval loss, so the
# train loss sits above the eval loss throughout. Kept in one block at the end of the file;
# nothing earlier changes.
from tasks import DEV37_TASKS  # noqa: E402

_b37_prev_describe_model = describe_model


machinery_as_batch26(DEV37_TASKS)


def describe_model(r: Recipe, task) -> str:  # noqa: F811
    """Thirty-seventh batch: the BatchNorm CNN and its regularisers; else as before."""
    if r.task in DEV37_TASKS and r.arch in ("b37cnn", "b37cnn_bare"):
        from tasks import B37_FLIP, B37_WIDTHS
        w, h = B37_WIDTHS[r.model]
        reg = ("no augmentation, no dropout" if r.arch == "b37cnn_bare" else
               "dropout 0.5, augmentation in train mode only (shift <= 2 px"
               + (", left-right flip" if B37_FLIP[r.task] else "") + ", N(0, 0.3^2) noise)")
        return (f"CNN 16x16: conv3x3({w})-BatchNorm-ReLU-maxpool, conv3x3({2 * w})-BatchNorm-"
                f"ReLU-maxpool, Linear({h}), head ({r.model}); {reg}")
    return _b37_prev_describe_model(r, task)


def b37_dev37() -> list[Recipe]:
    """Thirty-seventh dev batch, hf (1500 train images, 47 steps an epoch at batch 32): the
    augmented dropout-0.5 BatchNorm CNN at AdamW 2e-3, cosine (healthy), at batch 4 (healthy, a
    noisy BatchNorm eval), a wide bare CNN on 150 images (overfitting), a 1-channel CNN with 2
    hidden units (underfitting), SGD with an LR growing x1.02 per step (diverging), 4
    random-label batches (loss_spike), Adam 1e-4 cut at 4 of 25 planned epochs
    (still_improving)."""
    out = []
    for T in DEV37_TASKS:
        C = {"arch": "b37cnn", "model": "medium"}
        out += [
            *R("hf", T, "healthy", "b37-aug-drop0.5-cos-e25", (1, 2), **C, batch=32,
               opt="adamw", lr=2e-3, wd=0.01, sched="cosine", epochs=25, log_every=10,
               eval_every=0, best_metric="accuracy", load_best=True,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b37-bn-b4-adam3e-4-e3", (3,), **C, batch=4, opt="adam",
               lr=3e-4, epochs=3, log_every=20, eval_every=75,
               acceptable=["erratic", "still_improving"]),
            *R("hf", T, "overfitting", "b37-bare-wide-n150-e80", (1,), arch="b37cnn_bare",
               model="wide", batch=16, n_train=150, opt="adam", lr=1e-3, epochs=80,
               log_every=5, eval_every=20, clip=0),
            *R("hf", T, "underfitting", "b37-tiny-c1-h2", (1,), **dict(C, model="tiny"),
               batch=32, opt="adam", lr=3e-3, epochs=15, log_every=10, eval_every=0,
               acceptable=["still_improving", "healthy"]),
            *R("hf", T, "diverging", "b37-sgd-grow1.02-noclip", (1,), **C, batch=32,
               opt="sgd", lr=1e-3, sched="grow", grow=1.02, max_steps=500, log_every=5,
               eval_every=20, clip=0, acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", "b37-poison-labels4", (2,), **C, batch=32, opt="adam",
               lr=1e-3, epochs=15, log_every=2, eval_every=47, poison=[(47 * 8, 4, "labels")],
               acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b37-adam1e-4-cut4of25", (1,), **C, batch=32,
               opt="adam", lr=1e-4, sched="cosine", planned=47 * 25, max_steps=47 * 4,
               log_every=4, eval_every=16, acceptable=["underfitting", "healthy"]),
        ]
    # after the first pass (see gen_torch.b37_recipes): the wide bare CNN on 150 clean images
    # kept generalising: a bare medium CNN on 150 images with 30% flipped labels (overfitting);
    # the bare CNN at Adam 3e-3, batch 4 (erratic)
    for T in DEV37_TASKS:
        out += [
            *R("hf", T, "overfitting", "b37-bare-med-n150-noisy30-e60", (1,), arch="b37cnn_bare",
               model="medium", batch=16, n_train=150, label_noise=0.3, opt="adam", lr=2e-3,
               epochs=60, log_every=5, eval_every=20, clip=0),
            *R("hf", T, "erratic", "b37-bare-adam3e-3-b4-e2", (1,), arch="b37cnn_bare",
               model="medium", batch=4, opt="adam", lr=3e-3, epochs=2, log_every=10,
               eval_every=25, clip=0, acceptable=["healthy"]),
        ]
    # the second pass (see gen_torch.b37_recipes): Adam 1e-2 at batch 4 on the bare CNN (erratic)
    for T in ("b37_digits16", "b37_weave16"):
        out += R("hf", T, "erratic", "b37-bare-adam1e-2-b4-e2", (2,), arch="b37cnn_bare",
                 model="medium", batch=4, opt="adam", lr=1e-2, epochs=2, log_every=10,
                 eval_every=25, clip=0, acceptable=["underfitting", "healthy"])
    return out


# the thirty-seventh batch's contact sheets, looked at run by run (as the batches before)
B37_REVIEW = {
    "hf/b37_shapes16/overfitting-b37-bare-wide-n150-e80-s1": (
        "overfitting", ["healthy"],
        "thirty-seventh batch: a wide CNN without augmentation or dropout on 150 images: train ~0 "
        "from step 100 while the eval loss climbs steadily 1.09 -> 1.18 from its best at ~step "
        "150 to the end (accuracy flat at 0.6)"),
    "hf/b37_weave16/erratic-b37-bare-adam3e-3-b4-e2-s1": (
        "erratic", ["still_improving", "healthy"],
        "thirty-seventh batch: the bare CNN at Adam 3e-3, batch 4 (BatchNorm on 4 images): after "
        "step 350 the eval loss jumps 1.05 -> 1.2 -> 0.85 -> 1.0 between neighbouring "
        "evaluations and accuracy swings 0.45-0.75, about a downward drift"),
}
REVIEW.update(B37_REVIEW)


add_batch(b37_dev37)



# ----------------------------------------------------------------------------- thirty-eighth batch
# SEQUENCE MODELS FROM SCRATCH, THE WAY LM SCRIPTS LOG THEM (tasks.DEV38_TASKS: b38_grammar_lm,
# b38_arith_lm, b38_markov_lm; see gen_torch.b38_recipes): the HF Trainer share, a tiny GPT-style
# causal transformer trained from scratch on windows of 48 generated tokens (batch 32: 1,536
# tokens a step), AdamW with weight_decay 0.1, lr_scheduler_type cosine with warm-up,
# max_grad_norm 1.0, eval every 25-50 steps, and eval_perplexity = exp(eval_loss) logged with
# every evaluation (as run_clm-style scripts report it). Kept in one block at the end of the
# file: run_hf is wrapped for these tasks only (Trainer.log adds the perplexity while the run
# lasts); nothing earlier changes.
from tasks import DEV38_TASKS  # noqa: E402

_b38_prev_run_hf = run_hf


machinery_as_batch26(DEV38_TASKS)


def with_eval_perplexity(run):
    """The hf run function ``run`` with eval_perplexity = exp(eval_loss) added to every
    evaluation's log (Trainer.log patched for the run only): batches 38 and 59."""
    def run_with_perplexity(r: Recipe, task, out: Path):
        from transformers import Trainer
        orig = Trainer.log

        def log(self, logs, *a, **kw):
            if "eval_loss" in logs:
                logs = {**logs, "eval_perplexity": math.exp(min(float(logs["eval_loss"]), 50.0))}
            return orig(self, logs, *a, **kw)

        with patched(Trainer, "log", log):
            return run(r, task, out)
    return run_with_perplexity


# Thirty-eighth batch: the earlier run_hf with the perplexity logged; else as before.
run_hf = for_tasks(DEV38_TASKS, with_eval_perplexity(_b38_prev_run_hf), _b38_prev_run_hf)


def b38_dev38() -> list[Recipe]:
    """Thirty-eighth dev batch, hf (3000 windows of 48 tokens: 94 steps an epoch at batch 32; a
    1-layer width-32 GPT unless named): AdamW 3e-3, weight_decay 0.1, cosine with 60 warm-up
    steps, max_grad_norm 1.0, eval every 25 steps (healthy), a 2-layer width-64 model on 40
    windows (1,920 tokens) for 800 steps (overfitting), Adam 0.05 with no warm-up or clipping
    (the loss parks near the unigram entropy: underfitting), SGD with an LR growing x1.02 a step
    (diverging), an LR bump x30 for 10 steps without clipping (loss_spike), a cosine planned for
    3,000 steps cut at 300 (still_improving), a run of 60 steps with two evaluations
    (insufficient_data)."""
    out = []
    for T in DEV38_TASKS:
        G = {"model": "small", "arch": "transformer", "batch": 32}
        out += [
            *R("hf", T, "healthy", "gpt-adamw-warmcos-clip1-eval25", (1, 2), **G, opt="adamw",
               lr=3e-3, wd=0.1, sched="cosine", warmup=60, max_steps=600, log_every=10,
               eval_every=25, clip=1.0, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "gpt2l-n40-800", (1,), **dict(G, model="medium",
                                                                      batch=16), n_train=40,
               opt="adamw", lr=2e-3, wd=0.0, sched="cosine", warmup=50, max_steps=800,
               log_every=10, eval_every=50, clip=1.0),
            *R("hf", T, "underfitting", "gpt-adam0.05-nowarm-noclip", (1,), **G, opt="adam",
               lr=0.05, max_steps=500, log_every=10, eval_every=25, clip=0,
               acceptable=["erratic", "diverging"]),
            *R("hf", T, "diverging", "gpt-sgd-grow1.02-noclip", (1,), **G, opt="sgd", lr=0.01,
               sched="grow", grow=1.02, max_steps=400, log_every=5, eval_every=25, clip=0,
               acceptable=["underfitting"]),
            *R("hf", T, "loss_spike", "gpt-lrbump10-x30-noclip", (1,), **G, opt="adam",
               lr=2e-3, max_steps=600, log_every=2, eval_every=25, clip=0,
               bumps=[(400, 10, 30)], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "gpt-cosine3000-cut300", (1,), **G, opt="adam",
               lr=5e-4, sched="cosine", warmup=60, planned=3000, max_steps=300, log_every=5,
               eval_every=25, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "gpt-two-evals", (1,), **G, opt="adamw", lr=2e-3,
               wd=0.1, max_steps=60, log_every=100, eval_every=30),
        ]
    # after the first pass: an LR bump x30 (Adam 0.06) without clipping left the grammar / sums
    # models parked near the unigram level (no recovery): 20 random-token batches instead
    for T in DEV38_TASKS:
        out += [*R("hf", T, "loss_spike", "gpt-poison-labels20", (2,), model="small",
                   arch="transformer", batch=32, opt="adamw", lr=3e-3, wd=0.1, sched="cosine",
                   warmup=60, max_steps=600, log_every=2, eval_every=25, clip=1.0,
                   poison=[(400, 20, "labels")], acceptable=["healthy"])]
    return out


# the thirty-eighth batch's contact sheets, looked at run by run (as the batches before)
B38_REVIEW = {
    "hf/b38_arith_lm/loss_spike-gpt-poison-labels20-s2": (
        "loss_spike", ["healthy"],
        "thirty-eighth batch: 20 random-token batches at step 400: val 1.85 -> 2.15 -> 1.85 within "
        "two evaluations and accuracy 0.4 -> 0.3 -> 0.4, level before and after"),
    "hf/b38_markov_lm/loss_spike-gpt-poison-labels20-s2": (
        "loss_spike", ["healthy"],
        "thirty-eighth batch: 20 random-token batches at step 400: val 1.62 -> 1.95 -> 1.63 and "
        "accuracy 0.41 -> 0.3 -> 0.41, flat at the source's entropy (1.60) before and after"),
    "hf/b38_markov_lm/loss_spike-gpt-lrbump10-x30-noclip-s1": (
        "healthy", ["loss_spike"],
        "thirty-eighth batch: an LR bump x30 for 10 steps: the train loss leaves its band to 1.9 "
        "for a few steps, val 1.62 -> 1.7 at one evaluation, level at the source's entropy"),
    "hf/b38_markov_lm/underfitting-gpt-adam0.05-nowarm-noclip-s1": (
        "healthy", ["underfitting"],
        "thirty-eighth batch: Adam 0.05 without warm-up or clipping: eval loss flat at 1.63 from "
        "the first evaluation, the good runs' 1.62 (entropy rate 1.60); the hot LR did not park "
        "this model at the unigram level (2.44)"),
    "hf/b38_arith_lm/loss_spike-gpt-lrbump10-x30-noclip-s1": (
        "underfitting", ["diverging", "loss_spike"],
        "thirty-eighth batch: an LR bump x30 without clipping: eval loss 1.86 -> 2.4 at the bump "
        "and parked at 2.33 (near the unigram 2.52) to the end, accuracy 0.4 -> 0.2: no recovery"),
}
REVIEW.update(B38_REVIEW)


add_batch(b38_dev38)


# ----------------------------------------------------------------------------- thirty-ninth batch
# KERAS 3 AS PEOPLE USE IT (tasks.DEV39_TASKS: b39_fraud2, b39_gesture4, b39_outreg): model.fit
# with validation_split=0.2 (Keras holds out the last 20% of the train rows; those runs' val set
# is that slice, outliers included) or validation_data, CSVLogger / TensorBoard(update_freq
# "epoch"), EarlyStopping(val_loss, restore_best_weights=True), ReduceLROnPlateau(val_loss),
# ModelCheckpoint(save_best_only; the file is deleted after the run as every weight file),
# class_weight "balanced" on the imbalanced task, Dense-BatchNormalization-ReLU-Dropout blocks,
# an LSTM / GRU over the 40 x 3 gesture windows (softmax + sparse_categorical_crossentropy),
# sigmoid + binary_crossentropy with metrics accuracy, AUC and Precision, MSE or Huber with MAE
# for the regression; per-epoch points only. The Keras options of a run are in B39_OPTS (keyed by
# task and variant) and described in its note. A small HF Trainer share on the same tasks (MLPs,
# tasks.make_model arch "b39gru"). Kept in one block at the end of the file: run_keras,
# steps_per_epoch, describe_model and all_recipes are wrapped for these tasks only; nothing
# earlier changes.
from tasks import B39_CH, B39_STEPS, DEV39_TASKS  # noqa: E402

_b39_prev_run_keras = run_keras
_b39_prev_steps_per_epoch = steps_per_epoch
_b39_prev_describe_model = describe_model
B39_OPTS: dict = {}     # (task, variant) -> the Keras options of b39_run_keras
B39_MLP = {"linear": (0, 0), "tiny": (2, 1), "small": (32, 2), "medium": (64, 2),
           "wide": (512, 3)}
B39_RNN = {"tiny": 2, "small": 24, "medium": 48, "wide": 128}


def b39_opts(r: Recipe) -> dict:
    return B39_OPTS.get((r.task, r.variant), {})


def steps_per_epoch(task, r: Recipe) -> int:  # noqa: F811
    """Thirty-ninth batch: with validation_split Keras trains on the first 80% of the rows."""
    if r.task in DEV39_TASKS and r.writer != "hf" and b39_opts(r).get("split"):
        return math.ceil(int(len(task.x_train) * 0.8) / r.batch)
    return _b39_prev_steps_per_epoch(task, r)


def b39_note(o: dict, writer: str) -> str:
    """The Keras options in words (the recipe's note)."""
    if writer == "hf":
        return ""
    s = ["validation_split=0.2" if o.get("split") else "validation_data=(x_val, y_val)"]
    if o.get("cw"):
        s.append("class_weight balanced")
    if o.get("plateau"):
        s.append(f"ReduceLROnPlateau(val_loss, factor 0.5, patience {o['plateau']})")
    if o.get("ckpt"):
        s.append("ModelCheckpoint(save_best_only, val_loss)")
    if o.get("loss"):
        s.append(f"loss {o['loss']}")
    return "Keras: " + ", ".join(s)


def K39(writer, task, regime, variant, seeds=(1,), opts=None, **kw) -> list[Recipe]:
    """R() for the thirty-ninth batch, registering the run's Keras options."""
    o = dict(opts or {})
    B39_OPTS[(task, variant)] = o
    return R(writer, task, regime, variant, seeds, note=b39_note(o, writer), **kw)


def b39_keras_model(task, r: Recipe, o: dict):
    import keras
    from keras import layers
    keras.utils.set_random_seed(r.seed)
    drop, bn = o.get("drop", 0.0), o.get("bn", False)
    inp = keras.Input((task.n_features,))
    if task.name == "b39_gesture4":
        cell = layers.LSTM if r.arch == "lstm" else layers.GRU
        h = layers.Reshape((B39_STEPS, B39_CH))(inp)
        if o.get("stack"):
            h = cell(B39_RNN[r.model], return_sequences=True)(h)
        h = cell(B39_RNN[r.model])(h)
        if drop:
            h = layers.Dropout(drop)(h)
        return keras.Model(inp, layers.Dense(4, activation="softmax")(h))
    hidden, depth = B39_MLP[r.model]
    h = inp
    for _ in range(depth):
        h = layers.Dense(hidden)(h)
        if bn:
            h = layers.BatchNormalization()(h)
        h = layers.ReLU()(h)
        if drop:
            h = layers.Dropout(drop)(h)
    act = "sigmoid" if task.name == "b39_fraud2" else None
    return keras.Model(inp, layers.Dense(1, activation=act)(h))


def b39_compile_kw(task, o: dict) -> dict:
    """The loss and metrics people compile these tasks with."""
    import keras
    if task.name == "b39_fraud2":
        return {"loss": "binary_crossentropy",
                "metrics": ["accuracy", keras.metrics.AUC(name="auc"),
                            keras.metrics.Precision(name="precision")]}
    if task.name == "b39_gesture4":
        return {"loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]}
    return {"loss": o.get("loss", "mse"), "metrics": ["mae"]}


def b39_run_keras(r: Recipe, task, out: Path):
    import keras
    o = b39_opts(r)
    model = b39_keras_model(task, r, o)
    spe = steps_per_epoch(task, r)
    lr = r.lr
    if r.sched == "grow":       # a runaway schedule: LR x grow every epoch
        lr = keras.optimizers.schedules.ExponentialDecay(r.lr, decay_steps=spe, decay_rate=r.grow)
    kw = {"clipnorm": r.clip} if r.clip > 0 else {}
    opt = (keras.optimizers.SGD(lr, momentum=0.9, **kw) if r.opt == "sgd"
           else keras.optimizers.Adam(lr, **kw))
    model.compile(opt, **b39_compile_kw(task, o))

    class Bumps(keras.callbacks.Callback):
        """LR x factor for the optimiser steps inside each bump window (a real LR bump)."""
        def __init__(self):
            super().__init__()
            self.step, self.base = 0, None

        def on_train_batch_begin(self, batch, logs=None):
            if self.base is None:
                self.base = float(keras.ops.convert_to_numpy(self.model.optimizer.learning_rate))
            f = 1.0
            for start, length, factor in r.bumps:
                if start <= self.step < start + length:
                    f *= factor
            self.model.optimizer.learning_rate.assign(self.base * f)

        def on_train_batch_end(self, batch, logs=None):
            self.step += 1

    cbs = [Bumps()] if r.bumps else []
    if o.get("plateau"):
        cbs.append(keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5,
                                                     patience=o["plateau"], min_lr=1e-6))
    if o.get("ckpt"):
        cbs.append(keras.callbacks.ModelCheckpoint(str(out / "best.keras"), monitor="val_loss",
                                                   save_best_only=True))
    cbs += early_stopping(r) or []
    if r.writer == "keras_csv":
        cbs.append(keras.callbacks.CSVLogger(str(out / "training.log")))
    else:
        cbs.append(keras.callbacks.TensorBoard(log_dir=str(out), update_freq="epoch",
                                               write_graph=False, profile_batch=0))
    fit_kw = {"validation_split": 0.2} if o.get("split") else {
        "validation_data": (task.x_val, task.y_val)}
    if o.get("cw"):             # sklearn's "balanced": n / (2 n_c)
        n = np.bincount(task.y_train)
        fit_kw["class_weight"] = {c: float(len(task.y_train) / (2 * n[c])) for c in range(2)}
    hist = model.fit(task.x_train, task.y_train, batch_size=r.batch, epochs=int(r.epochs),
                     callbacks=cbs, verbose=0, shuffle=True, **fit_kw)
    for p in out.rglob("*"):
        if p.is_file() and p.suffix in HEAVY_FILES:
            p.unlink()
    return hist.history


# Thirty-ninth batch: b39_run_keras; else as before.
run_keras = for_tasks(DEV39_TASKS, b39_run_keras, _b39_prev_run_keras)


def describe_model(r: Recipe, task) -> str:  # noqa: F811
    """Thirty-ninth batch: the Keras LSTM / GRU and the Dense-BatchNorm-ReLU-Dropout MLPs, the HF
    GRU; else as before."""
    if r.task not in DEV39_TASKS:
        return _b39_prev_describe_model(r, task)
    if r.writer == "hf":
        if r.arch == "b39gru":
            from tasks import B39_GRU
            return f"GRU({B39_GRU[r.model]}) over 40 steps x 3 channels, last state to the head"
        return _b39_prev_describe_model(r, task)
    o = b39_opts(r)
    extra = (", BatchNormalization" if o.get("bn") else "") + (
        f", Dropout({o['drop']:g})" if o.get("drop") else "")
    if task.name == "b39_gesture4":
        n = B39_RNN[r.model]
        cell = "LSTM" if r.arch == "lstm" else "GRU"
        return (f"Keras {cell}({n}){' x2 stacked' if o.get('stack') else ''} over 40 steps x 3 "
                f"channels{extra}, Dense(4, softmax) ({r.model})")
    h, d = B39_MLP[r.model]
    head = "Dense(1, sigmoid)" if task.name == "b39_fraud2" else "Dense(1)"
    body = "linear model" if d == 0 else f"Keras MLP {d}x Dense({h})-ReLU{extra}"
    return f"{body}, {head} ({r.model})"


def b39_dev39() -> list[Recipe]:
    """Thirty-ninth dev batch, Keras 3 as people use it (keras_csv / keras_tb, ~2/3 of the runs)
    and a small HF Trainer share: good settings with early stopping, plateau LR and checkpoints
    (healthy); a wide model without dropout on 150-300 rows for 60-100 epochs, no early stopping
    (overfitting); a 2-unit model (underfitting); Adam 0.03-0.05 at small batches (erratic); SGD
    with the LR growing per epoch / step, no clipping (diverging); an LR bump x100 for 10-20
    steps or poisoned batches (loss_spike); a far too low LR for a few epochs (still_improving);
    runs of 2-3 epochs (insufficient_data)."""
    out = []
    KC, KT = "keras_csv", "keras_tb"
    good = {"split": True, "plateau": 4, "ckpt": True}
    # ---------------- b39_fraud2: imbalanced tabular, sigmoid + BCE, accuracy / AUC / Precision
    T = "b39_fraud2"
    F = {"batch": 64, "opt": "adam", "clip": 0}
    hf = dict(good, cw=True, bn=True, drop=0.3)
    out += [
        *K39(KC, T, "healthy", "mlp-bn-drop0.3-cw-es8-plateau-ckpt", (1, 2), hf, model="medium",
             lr=1e-3, epochs=60, early_stop=8, **F, acceptable=["still_improving"]),
        *K39(KT, T, "healthy", "mlp-bn-drop0.3-cw-es8-plateau-ckpt", (3,), hf, model="medium",
             lr=1e-3, epochs=60, early_stop=8, **F, acceptable=["still_improving"]),
        *K39(KC, T, "healthy", "mlp-drop0.2-valdata-es5", (1,), {"drop": 0.2}, model="small",
             lr=1e-3, epochs=50, early_stop=5, **F, acceptable=["still_improving"]),
        *K39(KC, T, "overfitting", "wide-n300-noreg-e80", (1,), {}, model="wide", n_train=300,
             lr=1e-3, epochs=80, **dict(F, batch=32)),
        *K39(KT, T, "overfitting", "wide-n300-noreg-cw-e80", (2,), {"cw": True}, model="wide",
             n_train=300, lr=1e-3, epochs=80, **dict(F, batch=32)),
        *K39(KC, T, "underfitting", "tiny-drop0.5-cw", (1,), {"cw": True, "drop": 0.5},
             model="tiny", lr=1e-3, epochs=40, **F, acceptable=["still_improving"]),
        *K39(KT, T, "underfitting", "tiny-drop0.5", (1,), {"drop": 0.5, "split": True},
             model="tiny", lr=1e-3, epochs=40, **F, acceptable=["still_improving"]),
        *K39(KC, T, "erratic", "adam0.05-b16-cw", (1,), {"cw": True, "bn": True},
             model="medium", lr=0.05, epochs=30, **dict(F, batch=16)),
        *K39(KT, T, "erratic", "adam0.05-b16-cw", (2,), {"cw": True, "bn": True},
             model="medium", lr=0.05, epochs=30, **dict(F, batch=16)),
        *K39(KC, T, "diverging", "sgd0.05-grow1.5-noclip", (1,), {}, model="medium",
             opt="sgd", lr=0.05, sched="grow", grow=1.5, epochs=25, batch=64, clip=0,
             acceptable=["erratic"]),
        *K39(KC, T, "loss_spike", "lrbump20-x100-e15", (1,), {"drop": 0.2}, model="small",
             lr=1e-3, epochs=30, bumps=[(47 * 15 + 5, 20, 100)], **F, acceptable=["healthy"]),
        *K39(KT, T, "loss_spike", "lrbump20-x100-e15", (2,), {"drop": 0.2}, model="small",
             lr=1e-3, epochs=30, bumps=[(47 * 15 + 5, 20, 100)], **F, acceptable=["healthy"]),
        *K39(KC, T, "still_improving", "adam3e-5-e12", (1,), {"cw": True, "split": True},
             model="small", lr=3e-5, epochs=12, **F, acceptable=["underfitting"]),
        *K39(KT, T, "insufficient_data", "e3", (1,), {"split": True}, model="small", lr=1e-3,
             epochs=3, **F),
    ]
    # ---------------- b39_gesture4: LSTM / GRU over 40 x 3, softmax + sparse CE
    T = "b39_gesture4"
    G = {"batch": 32, "opt": "adam", "clip": 0, "arch": "lstm"}
    out += [
        *K39(KC, T, "healthy", "lstm24-drop0.2-es5-plateau-ckpt", (1, 2),
             dict(good, drop=0.2, plateau=3), model="small", lr=3e-3, epochs=30, early_stop=5,
             **G, acceptable=["still_improving"]),
        *K39(KT, T, "healthy", "lstm24-drop0.2-es5-plateau-ckpt", (3,),
             dict(good, drop=0.2, plateau=3), model="small", lr=3e-3, epochs=30, early_stop=5,
             **G, acceptable=["still_improving"]),
        *K39(KT, T, "healthy", "gru24-valdata-es5", (1,), {"drop": 0.2},
             model="small", lr=3e-3, epochs=30, early_stop=5, **dict(G, arch="gru"),
             acceptable=["still_improving"]),
        *K39(KC, T, "overfitting", "lstm128-n120-nodrop-e60", (1,), {}, model="wide",
             n_train=120, lr=3e-3, epochs=60, **dict(G, batch=16)),
        *K39(KT, T, "overfitting", "lstm128-n120-nodrop-e60", (2,), {}, model="wide",
             n_train=120, lr=3e-3, epochs=60, **dict(G, batch=16)),
        *K39(KC, T, "underfitting", "lstm2-e20", (1,), {}, model="tiny", lr=3e-3, epochs=20,
             **G, acceptable=["still_improving"]),
        *K39(KT, T, "underfitting", "gru2-e20", (1,), {"split": True}, model="tiny", lr=3e-3,
             epochs=20, **dict(G, arch="gru"), acceptable=["still_improving"]),
        *K39(KC, T, "erratic", "lstm-adam0.05-b16", (1,), {}, model="medium", lr=0.05,
             epochs=12, **dict(G, batch=16), acceptable=["underfitting", "diverging"]),
        *K39(KC, T, "diverging", "lstm-sgd0.1-grow2-noclip", (1,), {}, model="small",
             opt="sgd", lr=0.1, sched="grow", grow=2.0, epochs=15, batch=32, clip=0,
             arch="lstm", acceptable=["underfitting", "erratic"]),
        *K39(KC, T, "loss_spike", "lstm-lrbump10-x100-e12", (1,), {}, model="small", lr=3e-3,
             epochs=24, bumps=[(47 * 12, 10, 100)], **G, acceptable=["diverging"]),
        *K39(KT, T, "loss_spike", "lstm-lrbump10-x100-e12", (2,), {}, model="small", lr=3e-3,
             epochs=24, bumps=[(47 * 12, 10, 100)], **G, acceptable=["diverging"]),
        *K39(KC, T, "still_improving", "lstm-adam2e-4-e8", (1,), {"split": True},
             model="small", lr=2e-4, epochs=8, **G, acceptable=["underfitting"]),
        *K39(KT, T, "insufficient_data", "lstm-e2", (1,), {}, model="small", lr=3e-3,
             epochs=2, **G),
    ]
    # ---------------- b39_outreg: regression with train outliers, MSE or Huber, MAE
    T = "b39_outreg"
    OR = {"batch": 32, "opt": "adam", "clip": 0}
    hub = dict(good, bn=True, drop=0.1, loss="huber", plateau=5)
    out += [
        *K39(KC, T, "healthy", "mlp-bn-huber-es10-plateau-ckpt", (1, 2), hub, model="medium",
             lr=1e-3, epochs=60, early_stop=10, **OR, acceptable=["still_improving"]),
        *K39(KT, T, "healthy", "mlp-bn-huber-es10-plateau-ckpt", (3,), hub, model="medium",
             lr=1e-3, epochs=60, early_stop=10, **OR, acceptable=["still_improving"]),
        *K39(KC, T, "healthy", "mlp-mse-valdata-es8", (1,), {"drop": 0.1}, model="medium",
             lr=1e-3, epochs=60, early_stop=8, **OR, acceptable=["still_improving"]),
        *K39(KC, T, "overfitting", "wide-n150-mse-e100", (1,), {}, model="wide", n_train=150,
             lr=1e-3, epochs=100, **dict(OR, batch=16)),
        *K39(KT, T, "overfitting", "wide-n150-mse-e100", (2,), {}, model="wide", n_train=150,
             lr=1e-3, epochs=100, **dict(OR, batch=16)),
        *K39(KC, T, "underfitting", "tiny-huber", (1,), {"loss": "huber"}, model="tiny",
             lr=1e-3, epochs=40, **OR, acceptable=["still_improving"]),
        *K39(KT, T, "underfitting", "linear-mse", (1,), {"split": True}, model="linear",
             lr=3e-3, epochs=40, **OR, acceptable=["still_improving", "healthy"]),
        *K39(KC, T, "erratic", "adam0.05-b8-mse", (1,), {"bn": True}, model="medium",
             lr=0.05, epochs=20, **dict(OR, batch=8)),
        *K39(KC, T, "diverging", "sgd0.01-grow1.6-noclip", (1,), {}, model="medium",
             opt="sgd", lr=0.01, sched="grow", grow=1.6, epochs=25, batch=32, clip=0,
             acceptable=["erratic"]),
        *K39(KT, T, "diverging", "sgd0.01-grow1.6-noclip", (2,), {}, model="medium",
             opt="sgd", lr=0.01, sched="grow", grow=1.6, epochs=25, batch=32, clip=0,
             acceptable=["erratic"]),
        *K39(KC, T, "loss_spike", "lrbump10-x100-e20", (1,), {"loss": "huber"}, model="medium",
             lr=1e-3, epochs=40, bumps=[(47 * 20 + 5, 10, 100)], **OR, acceptable=["healthy"]),
        *K39(KT, T, "loss_spike", "lrbump10-x100-e20", (2,), {"loss": "huber"}, model="medium",
             lr=1e-3, epochs=40, bumps=[(47 * 20 + 5, 10, 100)], **OR, acceptable=["healthy"]),
        *K39(KC, T, "still_improving", "adam3e-5-e15", (1,), {"loss": "huber"}, model="small",
             lr=3e-5, epochs=15, **OR, acceptable=["underfitting"]),
        *K39(KT, T, "still_improving", "adam3e-5-e15", (2,), {"loss": "huber"}, model="small",
             lr=3e-5, epochs=15, **OR, acceptable=["underfitting"]),
        *K39(KC, T, "insufficient_data", "e2", (1,), {"split": True}, model="small", lr=1e-3,
             epochs=2, **OR),
    ]
    # ---------------- the HF Trainer share (eval per epoch unless named)
    for T in DEV39_TASKS:
        M = ({"arch": "b39gru", "model": "small"} if T == "b39_gesture4"
             else {"model": "medium" if T == "b39_fraud2" else "small"})
        spe = {"b39_fraud2": 94, "b39_gesture4": 47, "b39_outreg": 47}[T]
        big = {"b39_fraud2": ("wide", 200), "b39_gesture4": ("wide", 120),
               "b39_outreg": ("wide", 150)}[T]
        out += [
            *R("hf", T, "healthy", "adamw1e-3-cos-evalepoch", (1, 2), **M, batch=32,
               opt="adamw", lr=(3e-3 if T == "b39_gesture4" else 1e-3), wd=0.01,
               sched="cosine", epochs=12, log_every=10, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", f"{big[0]}-n{big[1]}-e60", (1,), **dict(M, model=big[0]),
               n_train=big[1], batch=16, opt="adam", lr=2e-3, epochs=60, log_every=5,
               eval_every=20, clip=0),
            *R("hf", T, "underfitting", "tiny", (1,), **dict(M, model="tiny"), batch=32,
               opt="adam", lr=1e-3, epochs=8, log_every=10, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "diverging", "sgd-grow1.02-noclip", (1,), **M, batch=32, opt="sgd",
               lr=1e-3, sched="grow", grow=1.02, max_steps=450, log_every=5, eval_every=25,
               clip=0, acceptable=["erratic", "underfitting"]),
            *R("hf", T, "loss_spike", "poison-labels4", (1,), **M, batch=32, opt="adam",
               lr=1e-3, epochs=10, log_every=2, eval_every=spe // 2,
               poison=[(spe * 5, 4, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "adam3e-5-cut", (1,), **M, batch=32, opt="adam",
               lr=3e-5, sched="cosine", planned=spe * 30, max_steps=spe * 4, log_every=5,
               eval_every=spe // 3, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "two-evals", (1,), **M, batch=32, opt="adam",
               lr=1e-3, max_steps=60, log_every=100, eval_every=30),
        ]
    return out


# the thirty-ninth batch's contact sheets, looked at run by run (as the batches before)
B39_REVIEW = {
    "keras_tb/b39_fraud2/erratic-adam0.05-b16-cw-s2": (
        "erratic", ["still_improving"],
        "thirty-ninth batch: Adam 0.05 at batch 16 with class weights: val_loss jumps 0.1 <-> 0.42 "
        "between neighbouring epochs and val accuracy 0.86-0.97, about a slow downward drift"),
    "keras_csv/b39_fraud2/healthy-mlp-bn-drop0.3-cw-es8-plateau-ckpt-s1": (
        "underfitting", ["healthy", "still_improving"],
        "thirty-ninth batch: class_weight balanced on seed 1's harder draw: val_loss 0.6 -> 0.35 "
        "and levelled, above the prior's 0.29 (the weights pull the probabilities toward 0.5), val "
        "accuracy 0.8 under the majority rate; a model that learned, read on its loss alone"),
    "keras_csv/b39_fraud2/loss_spike-lrbump20-x100-e15-s1": (
        "loss_spike", ["healthy"],
        "thirty-ninth batch: an LR bump x100 for 20 steps in epoch 15: train and val loss jump "
        "0.22 -> 0.33 at that epoch (a visible bump on a smooth curve) and are back on the "
        "trend two epochs later"),
    "keras_tb/b39_fraud2/loss_spike-lrbump20-x100-e15-s2": (
        "loss_spike", ["healthy"],
        "thirty-ninth batch: an LR bump x100 for 20 steps in epoch 15: train 0.09 -> 0.17 and val "
        "0.08 -> 0.13 at that epoch on smooth curves, back on the trend within three epochs"),
    "keras_tb/b39_outreg/loss_spike-lrbump10-x100-e20-s2": (
        "loss_spike", [],
        "thirty-ninth batch: an LR bump x100 for 10 steps in epoch 20: val 0.045 -> 0.31 and "
        "train 0.36 -> 0.65 at that epoch, then falling back steadily to 0.10 / 0.42 by epoch 40: "
        "the val rise is the bump, not overfitting"),
    "keras_csv/b39_gesture4/loss_spike-lstm-lrbump10-x100-e12-s1": (
        "diverging", ["loss_spike"],
        "thirty-ninth batch: an LR bump x100 for 10 steps in epoch 12: val 0.1 -> 1.4 (chance "
        "ln 4) and only back to 1.0 by epoch 24 (re-learning from scratch): no recovery"),
    "keras_tb/b39_gesture4/loss_spike-lstm-lrbump10-x100-e12-s2": (
        "diverging", ["loss_spike"],
        "thirty-ninth batch: an LR bump x100 for 10 steps in epoch 12: val 0.1 -> 1.7 and only "
        "back to 1.3 by epoch 24: no recovery"),
    "keras_csv/b39_gesture4/healthy-lstm24-drop0.2-es5-plateau-ckpt-s2": (
        "healthy", ["still_improving"],
        "thirty-ninth batch: val_loss 0.8 -> 0.15-0.2 by epoch 5, flat with noise, a last step "
        "down to 0.13 after ReduceLROnPlateau, and EarlyStopping(patience 5) fired at epoch 17"),
    "keras_tb/b39_gesture4/healthy-lstm24-drop0.2-es5-plateau-ckpt-s3": (
        "healthy", ["still_improving"],
        "thirty-ninth batch: val_loss 0.75 -> 0.1 by epoch 8, then 0.05-0.1 with noise; "
        "EarlyStopping(patience 5) fired at epoch 24 of 30"),
    "keras_csv/b39_gesture4/overfitting-lstm128-n120-nodrop-e60-s1": (
        "healthy", ["overfitting", "erratic"],
        "thirty-ninth batch: an LSTM(128) on 120 sequences: train -> 0 but val_loss jumps "
        "0.25-0.5 between epochs with its best near the end (0.22 at epoch 52): no sustained rise"),
    "hf/b39_gesture4/overfitting-wide-n120-e60-s1": (
        "overfitting", ["healthy"],
        "thirty-ninth batch: GRU(128) on 120 sequences: train -> 0.01 while the eval loss climbs "
        "steadily 0.3 -> 0.53 over the last 200 steps (after a bump at step 250)"),
    "hf/b39_gesture4/still_improving-adam3e-5-cut-s1": (
        "underfitting", ["still_improving"],
        "thirty-ninth batch: Adam 3e-5 for 4 epochs: eval loss flat at 1.39 (ln 4) and accuracy "
        "0.3 throughout: chance, nothing visibly improving"),
    "hf/b39_outreg/still_improving-adam3e-5-cut-s1": (
        "underfitting", ["still_improving"],
        "thirty-ninth batch: Adam 3e-5 for 4 epochs: eval loss 0.97 -> 0.95 against the target's "
        "variance 0.99: flat at the mean predictor's level"),
}
REVIEW.update(B39_REVIEW)


add_batch(lambda: b39_dev39() + b39_dev39_second())


def b39_dev39_second() -> list[Recipe]:
    """After the first pass (contact sheets): an LR bump x100 for 20 of the 47 steps of an epoch
    left the fraud MLP's epoch-mean loss only 1.3-1.4x its level (healthy): a whole epoch at
    x300 (Adam 0.3); the class-weighted wide MLP on 300 rows matched no regime (dropped): the
    same without class_weight, logged by TensorBoard."""
    T, F = "b39_fraud2", {"batch": 64, "opt": "adam", "clip": 0}
    return [
        *K39("keras_csv", T, "loss_spike", "lrbump47-x300-e15", (1,), {"drop": 0.2},
             model="small", lr=1e-3, epochs=30, bumps=[(47 * 15, 47, 300)], **F,
             acceptable=["underfitting"]),
        *K39("keras_tb", T, "loss_spike", "lrbump47-x300-e15", (2,), {"drop": 0.2},
             model="small", lr=1e-3, epochs=30, bumps=[(47 * 15, 47, 300)], **F,
             acceptable=["underfitting"]),
        *K39("keras_tb", T, "overfitting", "wide-n300-noreg-e80", (2,), {}, model="wide",
             n_train=300, lr=1e-3, epochs=80, **dict(F, batch=32)),
    ]


# ----------------------------------------------------------------------------- fortieth batch
# LIGHTNING DEFAULTS AND LOSSES OTHER THAN CROSS-ENTROPY, the HF Trainer share (tasks.DEV40_TASKS:
# b40_outlier_reg, b40_tags_ml, b40_pinball_fc; see gen_torch.b40_recipes, where most of its
# runs are Lightning CSV): a Trainer whose model computes SmoothL1 (beta 1) on b40_outlier_reg
# and the 0.9-quantile pinball loss on b40_pinball_fc (b40_tags_ml: the earlier BCE-with-logits),
# eval per epoch, logging_steps 50 (the Trainer's own default is 500). Kept in one block at the
# end of the file: hf_model is wrapped for these two tasks only; nothing earlier changes.
from tasks import B40_QUANTILE, DEV40_TASKS  # noqa: E402

_b40_prev_hf_model = hf_model


machinery_as_batch26(DEV40_TASKS)


def hf_model(task, r: Recipe):  # noqa: F811  (the fortieth batch's losses)
    """Fortieth batch: the earlier model with its loss replaced by SmoothL1 (b40_outlier_reg)
    or the pinball loss (b40_pinball_fc); else as before."""
    inner = _b40_prev_hf_model(task, r)
    if task.name not in ("b40_outlier_reg", "b40_pinball_fc"):
        return inner
    import torch
    import torch.nn.functional as F

    class B40Loss(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = inner

        def forward(self, x, labels=None):
            logits = self.inner(x)["logits"]
            loss = None
            if labels is not None:
                if task.name == "b40_outlier_reg":
                    loss = F.smooth_l1_loss(logits, labels, beta=1.0)
                else:
                    d = labels - logits
                    loss = torch.maximum(B40_QUANTILE * d, (B40_QUANTILE - 1) * d).mean()
            return {"loss": loss, "logits": logits}

    return B40Loss()


def b40_dev40() -> list[Recipe]:
    """Fortieth dev batch, hf (2000 train rows, 63 steps an epoch at batch 32, a 2x64 MLP):
    Adam 1e-3 with eval per epoch and logging_steps 50 (healthy), a 2x512 MLP on 150 rows with
    noisy targets (overfitting), Adam 1e-4 cut at 6 epochs (still_improving), 20 random-target
    batches (loss_spike), SGD with an LR growing x1.01 a step (diverging)."""
    out = []
    for T in DEV40_TASKS:
        ml = T == "b40_tags_ml"
        M = {"model": "medium", "batch": 32, "opt": "adam"}
        out += [
            *R("hf", T, "healthy", "adam1e-3-e" + ("12" if ml else "40") + "-log50", (1, 2), **M,
               lr=1e-3, epochs=12 if ml else 40, log_every=50, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "wide-n150-noisy-e300", (1,), **dict(M, model="wide",
               batch=16), n_train=150, label_noise=0.1 if ml else 0.3, lr=1e-3, epochs=300,
               log_every=20, eval_every=50, clip=0),
            *R("hf", T, "still_improving", "adam1e-4-e6", (1,), **M, lr=1e-4, epochs=6,
               log_every=10, eval_every=21, acceptable=["underfitting"]),
            *R("hf", T, "loss_spike", "poison-targets20", (1,), **M, lr=1e-3, epochs=30,
               log_every=5, eval_every=63, poison=[(63 * 15, 20, "labels")], clip=0,
               acceptable=["healthy"]),
            *R("hf", T, "diverging", "sgd-grow1.01-noclip", (1,), **dict(M, opt="sgd"),
               lr=1e-3, sched="grow", grow=1.01, max_steps=1200, log_every=10, eval_every=50,
               clip=0, acceptable=["underfitting", "erratic"]),
        ]
    return out


# the fortieth batch's contact sheets, looked at run by run (as the batches before)
_B40_FLAT_THEN_UP = (
    "fortieth batch: the pinball forecast sits at its floor (eval 0.12-0.13) from the first "
    "per-epoch eval, then the eval loss creeps up 10-15% to 0.14 while the train loss keeps "
    "falling 0.13 -> 0.08: a mild overfit, not a model that learned nothing")
B40_REVIEW = {
    "hf/b40_pinball_fc/healthy-adam1e-3-e40-log50-s1": (
        "overfitting", ["healthy", "underfitting"], _B40_FLAT_THEN_UP),
    "hf/b40_pinball_fc/healthy-adam1e-3-e40-log50-s2": (
        "overfitting", ["healthy", "underfitting"], _B40_FLAT_THEN_UP),
}
REVIEW.update(B40_REVIEW)


add_batch(b40_dev40)


# ----------------------------------------------------------------------------- forty-second batch
# HF TRAINER WITH SEVERAL EVAL SETS AND CUSTOM METRICS (tasks.DEV42_TASKS: b42_reviews3,
# b42_digits_ood, b42_claims2): Trainer(eval_dataset={"in_domain": val, "shifted": the task's
# shifted set}), so the Trainer logs eval_in_domain_loss / eval_shifted_loss (and their
# accuracy, macro_f1, mcc from compute_metrics) and no eval_loss; metric_for_best_model naming
# one of them ("in_domain_macro_f1", "eval_in_domain_loss", "in_domain_mcc") with
# load_best_model_at_end, EarlyStoppingCallback, label_smoothing_factor in TrainingArguments (the
# Trainer's label smoother computes the loss, train and eval), logging_first_step,
# lr_scheduler_type cosine / constant_with_warmup / polynomial. A run's options are in B42_OPTS
# (keyed by task and variant) and described in its note. The runs are labelled on the in-domain
# eval loss (corpus_checks reads eval_in_domain_loss as the val loss). Kept in one block at the
# end of the file: run_hf, tag_names, machinery and all_recipes are wrapped for these tasks
# only; nothing earlier changes.
from tasks import DEV42_TASKS  # noqa: E402

_b42_prev_run_hf = run_hf
_b42_prev_tag_names = tag_names
_b42_prev_machinery = machinery
B42_OPTS: dict = {}     # (task, variant) -> {"best": metric_for_best_model} (absent: none)
B42_SETS = ("in_domain", "shifted")


def b42_opts(r: Recipe) -> dict:
    return B42_OPTS.get((r.task, r.variant), {})


def b42_note(o: dict, r: Recipe) -> str:
    s = ["eval_dataset={'in_domain': val, 'shifted': shifted val} (eval_in_domain_* and "
         "eval_shifted_* logged, no eval_loss)",
         "compute_metrics accuracy / macro_f1 / mcc"]
    if o.get("best"):
        s.append(f"metric_for_best_model={o['best']}, load_best_model_at_end")
    if r.smooth:
        s.append(f"label_smoothing_factor {r.smooth:g}")
    if r.first_step:
        s.append("logging_first_step")
    if o.get("power"):
        s.append(f"polynomial power {o['power']:g}")
    return "hf: " + ", ".join(s)


def R42(task, regime, variant, seeds=(1,), opts=None, **kw) -> list[Recipe]:
    """R("hf", ...) for the forty-second batch, registering the run's options."""
    o = dict(opts or {})
    B42_OPTS[(task, variant)] = o
    kw.setdefault("acceptable", [])
    rs = R("hf", task, regime, variant, seeds, **kw)
    return [replace(x, note=b42_note(o, x)) for x in rs]


def b42_compute_metrics(p):
    from sklearn.metrics import f1_score, matthews_corrcoef
    logits, labels = p.predictions, p.label_ids
    if isinstance(logits, (tuple, list)):
        logits = logits[0]
    logits = np.nan_to_num(np.asarray(logits, float), nan=0.0, posinf=50.0, neginf=-50.0)
    pred = logits.argmax(-1)
    return {"accuracy": float(np.mean(pred == labels)),
            "macro_f1": float(f1_score(labels, pred, average="macro", zero_division=0)),
            "mcc": float(matthews_corrcoef(labels, pred))}


def b42_run_hf(r: Recipe, task, out: Path):
    """A Trainer with two eval sets (a dict), custom metrics, label smoothing in
    TrainingArguments, metric_for_best_model on one of the sets; poisoned batches and LR bumps as
    run_hf does them."""
    import torch
    from transformers import Trainer, TrainingArguments
    from transformers.trainer_callback import PrinterCallback

    o = b42_opts(r)
    set_seed(r.seed)
    model = hf_model(task, r)
    if r.smooth:    # the Trainer's label smoother reads model.config (a plain PretrainedConfig)
        from transformers import PretrainedConfig
        model.config = PretrainedConfig()
    train_ds = ArrayDataset(task.x_train, task.y_train)
    evals = {"in_domain": ArrayDataset(task.x_val, task.y_val),
             "shifted": ArrayDataset(task.x_shift, task.y_shift)}
    total = total_steps(task, r)
    per_epoch = r.eval_every == 0
    args = {
        "output_dir": str(out), "per_device_train_batch_size": r.batch,
        "per_device_eval_batch_size": 256, "learning_rate": r.lr, "weight_decay": r.wd,
        "max_steps": r.max_steps if r.max_steps > 0 else -1, "num_train_epochs": r.epochs,
        "logging_steps": r.log_every, "logging_first_step": r.first_step,
        "eval_strategy": "epoch" if per_epoch else "steps",
        "save_strategy": "epoch" if per_epoch else "steps", "save_total_limit": 2,
        "report_to": ["tensorboard"], "use_cpu": True, "seed": r.seed,
        "max_grad_norm": r.clip if r.clip > 0 else 0.0, "disable_tqdm": True,
        "dataloader_num_workers": 0, "warmup_steps": r.warmup,
        "label_smoothing_factor": r.smooth,
    }
    if not per_epoch:
        args.update(eval_steps=r.eval_every, save_steps=r.eval_every)
    if o.get("best"):
        args.update(metric_for_best_model=o["best"],
                    greater_is_better=not o["best"].endswith("loss"),
                    load_best_model_at_end=True)
    optimizers = (None, None)
    if r.sched == "grow" or r.bumps or r.opt != "adamw":
        opt = (torch.optim.SGD(model.parameters(), lr=r.lr, momentum=0.9, weight_decay=r.wd)
               if r.opt == "sgd" else
               torch.optim.Adam(model.parameters(), lr=r.lr, weight_decay=r.wd)
               if r.opt == "adam" else
               torch.optim.AdamW(model.parameters(), lr=r.lr, weight_decay=r.wd))
        optimizers = (opt, torch.optim.lr_scheduler.LambdaLR(opt, lr_factor(r, r.planned or total)))
    else:
        args["lr_scheduler_type"] = r.sched
        if o.get("power"):
            args["lr_scheduler_kwargs"] = {"power": o["power"], "lr_end": 1e-6}
    poison = r.poison

    class B42Trainer(Trainer):
        """Trainer whose batches inside a poison window get random labels."""
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            step = self.state.global_step
            for start, length, _mode in poison:
                if start <= step < start + length and model.training:
                    inputs = dict(inputs)
                    inputs["labels"] = torch.randint_like(inputs["labels"], 0, task.n_classes)
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)

    trainer = B42Trainer(model=model, args=TrainingArguments(**args), train_dataset=train_ds,
                         eval_dataset=evals, compute_metrics=b42_compute_metrics,
                         optimizers=optimizers, callbacks=early_stopping(r))
    trainer.remove_callback(PrinterCallback)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer.train()
    trainer.save_state()
    for p in out.rglob("*"):
        if p.is_file() and p.suffix in HEAVY_FILES:
            p.unlink()
    return trainer.state.log_history


# Forty-second batch: b42_run_hf; else as before.
run_hf = for_tasks(DEV42_TASKS, b42_run_hf, _b42_prev_run_hf)


def tag_names(r: Recipe):  # noqa: F811
    """Forty-second batch: the in-domain eval set's loss and accuracy; else as before."""
    if r.task in DEV42_TASKS:
        return "train/loss", "eval/in_domain_loss", "eval/in_domain_accuracy"
    return _b42_prev_tag_names(r)


def machinery(r: Recipe) -> str:  # noqa: F811
    """Forty-second batch: early stopping, the eval cadence and logging steps; else as before."""
    if r.task not in DEV42_TASKS:
        return _b42_prev_machinery(r)
    s = f", EarlyStoppingCallback(patience {r.early_stop})" if r.early_stop else ""
    s += f", eval every {r.eval_every} steps" if r.eval_every else ", eval every epoch"
    return s + f", logging_steps {r.log_every}"


def b42_dev42() -> list[Recipe]:
    """Forty-second dev batch, all HF Trainer with two eval sets: AdamW + cosine /
    constant_with_warmup / polynomial, label smoothing 0.1, early stopping on an in-domain metric
    (healthy); a 2x512 MLP on 150 rows with 20% flipped labels (overfitting); a 2-unit hidden
    layer (underfitting); Adam 0.01-0.03 at batch 4 without clipping (erratic); SGD with the LR
    growing x1.02 a step or warming up to 0.5 (diverging); 8 random-label batches or an LR
    bump x50 for 5 steps (loss_spike); Adam 2e-4 on a cosine planned for 30 epochs, cut at 4
    (still_improving); 40 steps, two evaluations, or one epoch (insufficient_data)."""
    out = []
    for T in DEV42_TASKS:
        spe = {"b42_reviews3": 63, "b42_digits_ood": 38, "b42_claims2": 63}[T]
        M = {"model": "medium", "batch": 32}
        # the claims: SGD warming up to 0.5 throws the model back to the prior (eval loss 0.16 ->
        # 0.33, accuracy at the majority rate) without a climb or a collapse any check reads
        # (dropped): the LR growth on both seeds there
        claims = T == "b42_claims2"
        H = dict(M, opt="adamw", wd=0.01, smooth=0.1, first_step=True, log_every=10,
                 acceptable=["still_improving"])
        out += [
            *R42(T, "healthy", "cosine-ls0.1-es3-best-f1", (1, 2, 3),
                 {"best": "in_domain_macro_f1"}, **H, lr=1e-3, sched="cosine", warmup=spe,
                 epochs=20, eval_every=0, early_stop=3),
            *R42(T, "healthy", "constwarm-ls0.1-es4-best-loss", (1, 2),
                 {"best": "eval_in_domain_loss"}, **H, lr=1e-3, sched="constant_with_warmup",
                 warmup=50, epochs=15, eval_every=spe // 2, early_stop=4),
            *R42(T, "healthy", "poly2-ls0.1-best-mcc", (3,), {"best": "in_domain_mcc",
                 "power": 2.0}, **H, lr=1e-3, sched="polynomial", epochs=12, eval_every=spe // 3),
            *R42(T, "overfitting", "wide-n150-noise20-e100", (1, 2), {}, **dict(M, model="wide",
                 batch=16), n_train=150, label_noise=0.2, opt="adam", lr=1e-3, epochs=100,
                 log_every=5, eval_every=50, clip=0),
            *R42(T, "overfitting", "wide-n150-noise20-e100-best-loss", (3,),
                 {"best": "eval_in_domain_loss"}, **dict(M, model="wide", batch=16),
                 n_train=150, label_noise=0.2, opt="adam", lr=1e-3, epochs=100, log_every=5,
                 eval_every=50, clip=0),
            *R42(T, "underfitting", "tiny-ls0.1-e15", (1, 2), {"best": "in_domain_macro_f1"},
                 **dict(H, model="tiny"), lr=1e-3, sched="cosine", epochs=15, eval_every=0),
            *R42(T, "diverging", "sgd-grow1.02-noclip", (1, 2) if claims else (1,), {}, **M,
                 opt="sgd", lr=0.01,
                 sched="grow", grow=1.02, max_steps=500, log_every=5, eval_every=20, clip=0,
                 acceptable=["erratic", "underfitting"]),
            *R42(T, "diverging", "sgd0.5-warmup300-noclip", () if claims else (2,), {}, **M,
                 opt="sgd", lr=0.5,
                 sched="constant", warmup=300, max_steps=500, log_every=5, eval_every=20, clip=0,
                 acceptable=["erratic", "underfitting"]),
            *R42(T, "loss_spike", "poison-labels8", (1,), {}, **M, opt="adam", lr=1e-3,
                 epochs=12, log_every=2, eval_every=spe // 2, clip=0,
                 poison=[(spe * 6, 8, "labels")], acceptable=["healthy"]),
            *R42(T, "loss_spike", "lrbump5-x50", (2,), {}, **M, opt="adam", lr=1e-3,
                 epochs=12, log_every=2, eval_every=spe // 2, clip=0,
                 bumps=[(spe * 6 + 5, 5, 50)], acceptable=["healthy"]),
            *R42(T, "still_improving", "adam2e-4-cut-e4-of-30", (1, 2), {}, **M,
                 opt="adam", lr=2e-4, sched="cosine", planned=spe * 30, max_steps=spe * 4,
                 log_every=5, eval_every=spe // 3, acceptable=["underfitting"]),
            *R42(T, "insufficient_data", "two-evals", (1,), {}, **M, opt="adamw", lr=1e-3,
                 max_steps=40, log_every=20, eval_every=20),
            *R42(T, "insufficient_data", "one-epoch-evalepoch", (2,), {},
                 **dict(H, log_every=50), lr=1e-3, sched="cosine", epochs=1, eval_every=0),
        ]
        # Adam too hot at batch 4 (no clipping): the digits and the claims bounce; on the reviews
        # (a smooth task) Adam 0.01-0.05 at batch 2-4 either trains noisily downward or dies at
        # chance, so that task has no erratic run
        lr = {"b42_digits_ood": 0.01, "b42_claims2": 0.03}.get(T)
        if lr:
            out += R42(T, "erratic", f"adam{lr:g}-b4-noclip", (1, 2), {}, **dict(M, batch=4),
                       opt="adam", lr=lr, epochs=2, log_every=10, eval_every=25, clip=0,
                       acceptable=["overfitting", "underfitting"])
    return out


# the forty-second batch's contact sheets, looked at run by run (as the batches before)
B42_REVIEW = {
    "hf/b42_claims2/erratic-adam0.03-b4-noclip-s1": (
        "erratic", ["overfitting", "underfitting"],
        "forty-second batch: Adam 0.03 at batch 4: eval_in_domain_loss bounces 0.2 <-> 0.6 between "
        "neighbouring evals (every 25 steps) and in-domain accuracy 0.8-0.95 around no trend; "
        "the last eval's jump is one more swing, not a sustained rise"),
    "hf/b42_claims2/loss_spike-lrbump5-x50-s2": (
        "healthy", ["loss_spike"],
        "forty-second batch: an LR bump x50 for 5 steps at step 383 that the eval loss does not "
        "show (0.12, falling) and that the train loss, logged every 2 steps on the imbalanced "
        "batches (0.05-0.4 from batch to batch), hides in its noise"),
}
REVIEW.update(B42_REVIEW)


add_batch(b42_dev42)


# ----------------------------------------------------------------------------- forty-first batch
# QUICK EXPERIMENTS AS PEOPLE RUN THEM, the HF Trainer and Keras share (tasks.DEV41_TASKS:
# b41_churn2, b41_topics4, b41_glyphs5; see gen_torch.b41_recipes): a Trainer as a notebook
# leaves it, Adam 1e-3, batch 32, no schedule, eval per epoch for 4-15 epochs, logging_steps
# 10-20, max_grad_norm at its default 1.0; two Keras model.fit runs per task (CSVLogger /
# TensorBoard, update_freq "epoch"). Kept in one block at the end of the file (b41_ names):
# machinery is wrapped for these tasks only (the twenty-sixth batch's text); nothing earlier
# changes.
from tasks import DEV41_TASKS  # noqa: E402

B41_SPE = 63        # steps an epoch: 2000 train rows at batch 32


machinery_as_batch26(DEV41_TASKS)


def b41_dev41() -> list[Recipe]:
    """Forty-first dev batch, hf and Keras (2000 train rows, 63 steps an epoch at batch 32, a
    2x64 MLP unless named; a linear model on the bags of words, where the MLP overfits): Adam
    1e-3 for 10 epochs (healthy), a 2x512 MLP on 300-400 rows with 20% flipped labels or the 2x64
    MLP on the bags of words (overfitting), a 2-unit MLP (underfitting), Adam 1e-4 (3e-4 on the
    glyphs) cut at 4 epochs (still_improving), 10 batches of inputs x10 (loss_spike), an LR range
    test (diverging); on the churn task also Adam 0.03 at batch 8 (erratic) and a run stopped
    after 30 steps (insufficient_data)."""
    out = []
    for T in DEV41_TASKS:
        bag, churn, glyph = T == "b41_topics4", T == "b41_churn2", T == "b41_glyphs5"
        good = "linear" if bag else "medium"
        M = {"model": good, "batch": 32, "opt": "adam"}
        ov = (dict(M, model="medium") if bag else
              dict(M, model="wide", batch=16, n_train=300 if glyph else 400, label_noise=0.2))
        ov_e = 15 if churn else 10
        out += [
            *R("hf", T, "healthy", f"{good}-adam1e-3-e10-log20", (1, 2), **M, lr=1e-3, epochs=10,
               log_every=20, eval_every=0, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "{}-n{}-e{}-log10".format(ov["model"],
               ov.get("n_train") or 2000, ov_e), (1,), **ov, lr=1e-3, epochs=ov_e, log_every=10,
               eval_every=0),
            *R("hf", T, "underfitting", "tiny-h2-adam3e-3-e10", (1,), **dict(M, model="tiny"),
               lr=3e-3, epochs=10, log_every=20, eval_every=0, acceptable=["still_improving"]),
            *R("hf", T, "still_improving", "adam{}-cut-e4".format("3e-4" if glyph else "1e-4"),
               (2,), **M, lr=3e-4 if glyph else 1e-4, epochs=4, log_every=10, eval_every=0,
               acceptable=["underfitting"]),
            *R("hf", T, "loss_spike", "poison-inputs10-before-eval4", (1,), **M, lr=1e-3,
               epochs=10, log_every=5, eval_every=0, clip=0,
               poison=[(B41_SPE * 4 - 12, 10, "inputs")], acceptable=["healthy"]),
            *R("hf", T, "diverging", ("sgd-lr-range-test-x1.02" if churn else
                                      "lr-range-test-x1.015"), (2,),
               **dict(M, model="medium", opt="sgd" if churn else "adam"), lr=1e-3, sched="grow",
               grow=1.02 if churn else 1.015, epochs=8, log_every=10, eval_every=0, clip=0,
               acceptable=["underfitting", "erratic"]),
            *R("keras_csv", T, "healthy", f"{good}-adam1e-3-e10", (1,), **M, lr=1e-3, epochs=10,
               log_every=0, acceptable=["still_improving"]),
            *R("keras_tb", T, "overfitting", "{}-n{}-e{}".format(ov["model"],
               ov.get("n_train") or 2000, ov_e), (2,), **ov, lr=1e-3, epochs=ov_e, log_every=0),
        ]
        if churn:
            out += [
                *R("hf", T, "erratic", "adam0.03-b8-e8", (2,), **dict(M, batch=8), lr=0.03,
                   epochs=8, log_every=50, eval_every=0, acceptable=["underfitting", "diverging"]),
                *R("hf", T, "insufficient_data", "stopped30", (1,), **M, lr=1e-3, max_steps=30,
                   log_every=10, eval_every=20),
            ]
    # after the first pass: the churn SGD range test at x1.02 went to NaN in two epochs (the
    # Trainer's nan filter leaves no curve: dropped), a Keras 2x512 MLP on 300 glyphs did not
    # overfit within 10 epochs (dropped), and Adam 0.03 at batch 8 settled on the churn task
    out += [
        *R("hf", "b41_churn2", "diverging", "sgd-lr-range-test-x1.015", (2,), model="medium",
           batch=32, opt="sgd", lr=1e-3, sched="grow", grow=1.015, epochs=8, log_every=10,
           eval_every=0, clip=0, acceptable=["underfitting", "erratic"]),
        *R("keras_tb", "b41_glyphs5", "overfitting", "wide-n300-e25", (2,), model="wide",
           batch=16, opt="adam", n_train=300, label_noise=0.2, lr=1e-3, epochs=25, log_every=0),
        *R("hf", "b41_churn2", "erratic", "adam0.05-b4-e5", (1,), model="medium", batch=4,
           opt="adam", lr=0.05, epochs=5, log_every=50, eval_every=0,
           acceptable=["underfitting", "diverging"]),
        *R("hf", "b41_glyphs5", "erratic", "small-adam0.02-b8-e8", (2,), model="small", batch=8,
           opt="adam", lr=0.02, epochs=8, log_every=50, eval_every=0,
           acceptable=["overfitting", "underfitting"]),
    ]
    return out


# the forty-first batch's contact sheets, looked at run by run (as the batches before)
B41_REVIEW = {
    "hf/b41_topics4/loss_spike-poison-inputs10-before-eval4-s1": (
        "healthy", ["loss_spike", "still_improving"],
        "forty-first batch: 10 batches of inputs x10 lift one logged train point to 1.7 (1.9x "
        "its level) on the logistic regression; the val loss does not react and keeps levelling "
        "at 0.68: healthy, the lone train spike makes loss_spike defensible"),
    "hf/b41_churn2/erratic-adam0.03-b8-e8-s2": (
        "underfitting", ["erratic", "diverging"],
        "forty-first batch: Adam 0.03 at batch 8: val bounces 0.48-0.56 (accuracy 0.74-0.79) "
        "around 0.52 with no trend, 1.5x what the good churn models reach: stuck above the "
        "floor, bouncing (erratic defensible)"),
    "hf/b41_churn2/diverging-sgd-lr-range-test-x1.015-s2": (
        "diverging", ["underfitting", "erratic"],
        "forty-first batch: an SGD LR range test: val falls 0.61 -> 0.42 over the first six "
        "evals, then climbs to 0.66 (above chance 0.62, accuracy down) as the LR passes ~0.5 "
        "and the train loss rises with it: a run that learned and then blew up, not a model "
        "too small"),
}
REVIEW.update(B41_REVIEW)


add_batch(b41_dev41)


# ----------------------------------------------------------------------------- forty-fourth batch
# LONG PER-STEP TRAININGS WITH FEW EVALUATIONS, the HF Trainer share (tasks.DEV44_TASKS:
# b44_sensors6, b44_shells3, b44_moons4; see gen_torch.b44_recipes): MLPs trained from scratch
# by the Trainer for 2,000-5,000 optimiser steps, logging_steps 5-10 (loss, learning_rate,
# grad_norm), eval every 250-500 steps (6-12 evaluations), AdamW with warmup_steps and
# lr_scheduler_type cosine / linear, max_grad_norm 1.0, gradient_accumulation_steps 2 in some.
# Kept in one block at the end of the file (b44_ names): machinery is wrapped for these tasks
# only (the twenty-sixth batch's text); nothing earlier changes.
from tasks import DEV44_TASKS  # noqa: E402

machinery_as_batch26(DEV44_TASKS)


def b44_dev44() -> list[Recipe]:
    """Forty-fourth dev batch, hf (3000 train rows, 600 val rows, batch 32, a 2x64 MLP unless
    named): AdamW 2e-3, weight_decay 0.01, warm-up 200 + cosine or 100 + linear with
    accumulation 2, max_grad_norm 1.0 (healthy); a 2x512 MLP on 200 rows with 15% flipped labels
    for 5,000 steps, or the 2x64 MLP on 3000 sensor rows without weight decay (overfitting); a
    2-unit hidden layer (underfitting); SGD 0.3 (momentum 0.9) at batch 2 without clipping
    (erratic; Adam 0.01 at batch 4 trained noisily downward); SGD whose LR grows x1.003 a step
    from 0.01, no clipping (diverging); an LR bump x50 for 20 steps between two evaluations or
    20 random-label batches just before one (loss_spike); Adam 3e-4 on a cosine planned for
    20,000 steps cut at 2,000 (still_improving); 120 steps with one evaluation
    (insufficient_data)."""
    out = []
    for T in DEV44_TASKS:
        M = {"model": "medium", "batch": 32}
        W = {"opt": "adamw", "wd": 0.01, "clip": 1.0}
        # a 2x512 MLP on 200 (or 1000) sensor rows overfits from the first evaluation on: the
        # 2x64 MLP on 3000 sensor rows without weight decay instead (its best at ~1,200 steps)
        ov = (dict(M, n_train=3000, label_noise=0.0) if T == "b44_sensors6" else
              dict(M, model="wide", n_train=200, label_noise=0.15))
        out += [
            *R("hf", T, "healthy", "b44-adamw-warm200-cos-3k-eval300", (1, 3), **M, **W, lr=2e-3,
               sched="cosine", warmup=200, max_steps=3000, log_every=10, eval_every=300,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b44-adamw-warm100-linear-accum2-2500", (2,), **M, **W,
               lr=2e-3, sched="linear", warmup=100, accum=2, max_steps=2500, log_every=5,
               eval_every=250, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "b44-{}-n{}{}-5k".format(
                ov["model"], ov["n_train"], "-noise15" if ov["label_noise"] else "-nowd"), (1,),
               **ov, opt="adamw", wd=0.0, clip=1.0, lr=1e-3,
               sched="cosine", warmup=100, max_steps=5000, log_every=10, eval_every=500),
            *R("hf", T, "underfitting", "b44-tiny-h2-3k", (2,), **dict(M, model="tiny"), **W,
               lr=2e-3, sched="cosine", warmup=200, max_steps=3000, log_every=10, eval_every=300,
               acceptable=["still_improving"]),
            *R("hf", T, "erratic", "b44-sgd0.3-b2-noclip-2k", (3,), **dict(M, batch=2),
               opt="sgd", lr=0.3, clip=0, max_steps=2000, log_every=5, eval_every=250,
               acceptable=["underfitting", "diverging"]),
            *R("hf", T, "diverging", "b44-sgd-grow1.003-noclip-2k", (1,), **M, opt="sgd",
               lr=0.01, sched="grow", grow=1.003, clip=0, max_steps=2000, log_every=5,
               eval_every=200,
               acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", "b44-lrbump20-x50-between-evals", (1,), **M, opt="adamw",
               wd=0.01, clip=0, lr=2e-3, sched="cosine", warmup=200, max_steps=3000,
               log_every=5, eval_every=300, bumps=[(1600, 20, 50)], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b44-poison-labels20-before-eval", (2,), **M, **W, lr=2e-3,
               sched="cosine", warmup=200, max_steps=3000, log_every=5, eval_every=300,
               poison=[(1775, 20, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b44-cos20k-cut2k-adam3e-4", (3,), **M, opt="adam",
               lr=3e-4, sched="cosine", warmup=200, planned=20000, max_steps=2000,
               log_every=10, eval_every=250, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "b44-stopped120", (1,), **M, **W, lr=2e-3,
               warmup=50, max_steps=120, log_every=50, eval_every=100),
        ]
    return out


# the forty-fourth batch's contact sheets, looked at run by run (as the batches before)
B44_REVIEW = {
    "hf/b44_shells3/loss_spike-b44-lrbump20-x50-between-evals-s1": (
        "diverging", ["loss_spike"],
        "forty-fourth batch: an LR bump x50 for 20 steps between two evaluations: train 0.06 -> "
        "1.0 and eval 0.17 -> 1.1, recovering only to 0.72 by the end (4x the pre-bump level): "
        "the bump broke the model"),
    "hf/b44_sensors6/loss_spike-b44-lrbump20-x50-between-evals-s1": (
        "loss_spike", ["diverging"],
        "forty-fourth batch: an LR bump x50 for 20 steps: eval 0.58 -> 1.15, then down to 0.88 "
        "(1.5x the pre-bump level) over the last four evaluations: a partial recovery"),
    "hf/b44_moons4/loss_spike-b44-lrbump20-x50-between-evals-s1": (
        "loss_spike", ["diverging", "healthy"],
        "forty-fourth batch: an LR bump x50 for 20 steps: train 0.3 -> 0.85 for a few logs, eval "
        "0.3 -> 0.63 at the next evaluation and back to 0.52 by the end"),
    "hf/b44_sensors6/overfitting-b44-medium-n3000-nowd-5k-s1": (
        "healthy", ["overfitting"],
        "forty-fourth batch: the 2x64 MLP on 3000 sensor rows without weight decay: eval loss "
        "levels at 0.73 by step 1500 and creeps to 0.77 (+5%) while train falls to 0.25: a "
        "widening gap with val nearly flat (the torch runs of this recipe rose 40-60%)"),
    "hf/b44_moons4/erratic-b44-sgd0.3-b2-noclip-2k-s3": (
        "erratic", ["underfitting", "diverging"],
        "forty-fourth batch: SGD 0.3 at batch 2 without clipping: eval loss swings 1.45 <-> 2.0 "
        "around chance (1.39) with no trend and train spikes, as the summarywriter run of the "
        "recipe the check calls erratic"),
    "hf/b44_sensors6/erratic-b44-sgd0.3-b2-noclip-2k-s3": (
        "underfitting", ["erratic", "diverging"],
        "forty-fourth batch: SGD 0.3 at batch 2: eval loss 1.9-2.3 just above chance (1.79) from "
        "the first evaluation, accuracy at the prior: a model thrown to chance, bouncing a little"),
    "hf/b44_shells3/erratic-b44-sgd0.3-b2-noclip-2k-s3": (
        "diverging", ["underfitting"],
        "forty-fourth batch: SGD 0.3 at batch 2: the train loss blows up to 1e14 in the first "
        "250 steps, eval 1e4 at the first two evaluations, then collapsed to chance (1.10) for "
        "good: a blow-up, then a collapse"),
}
REVIEW.update(B44_REVIEW)


add_batch(b44_dev44)

# ----------------------------------------------------------------------------- forty-third batch
# QUICK EXPERIMENTS, SECOND ROUND, the HF Trainer and Keras share (tasks.DEV43_TASKS:
# b43_energy_reg, b43_species8, b43_pulses6; see gen_torch.b43_recipes): a Trainer as a notebook
# leaves it, AdamW 1e-3 with the Trainer's default linear decay or Adam 1e-3 constant, batch 32,
# eval per epoch for 4-20 epochs, logging_steps 5-50, EarlyStoppingCallback(patience 2) on the
# eval loss on some, eval mse / mae (the regression) or accuracy / f1 beside the eval loss; a GRU
# over the 24 steps of the pulses; one Keras model.fit per task with EarlyStopping(patience 2)
# (CSVLogger) and one 2x512 MLP on 150 rows (TensorBoard). Kept in one block at the end of the
# file (b43_ names): machinery writes the twenty-sixth batch's text for these tasks; nothing
# earlier changes.
from tasks import DEV43_TASKS  # noqa: E402

B43_SPE = 75        # steps an epoch: 2400 train rows at batch 32
machinery_as_batch26(DEV43_TASKS)


def b43_dev43() -> list[Recipe]:
    """Forty-third dev batch, hf and Keras (2400 train rows, 75 steps an epoch at batch 32, a 2x64
    MLP, a 64-unit GRU on the pulses): AdamW 1e-3 for 10 epochs (15 for the GRU), or up to 20 with
    early stopping (healthy); a 2x512 MLP on 150 rows with 20% flipped labels (the pulses: 100
    rows, 30%; the regression: N(0, 1) noise on the scaled train targets) (overfitting); a linear
    model at Adam 3e-3 (a 2-unit hidden layer at Adam 1e-2 on the pulses) (underfitting); Adam
    0.03 (the regression 0.05) at batch 8 (erratic); Adam 1e-3 raised x300 at epoch 4 for good
    (diverging); 12 random-label batches just before the fourth evaluation (loss_spike); Adam
    1e-4 cut at 4 epochs (still_improving); 30 steps with one evaluation (insufficient_data)."""
    out = []
    for T in DEV43_TASKS:
        seq, reg = T == "b43_pulses6", T == "b43_energy_reg"
        arch = "rnn" if seq else None
        M = {"model": "medium", "arch": arch, "batch": 32}
        small = dict(M, model="tiny" if seq else "linear", arch=None)
        ov = dict(M, model="wide", arch=None, batch=16, n_train=100 if seq else 150,
                  label_noise=1.0 if reg else 0.3 if seq else 0.2)
        he = 15 if seq else 10      # the GRU is still learning at 10 epochs
        out += [
            *R("hf", T, "healthy", f"adamw1e-3-linear-e{he}-log20", (1,), **M, opt="adamw",
               lr=1e-3, sched="linear", epochs=he, log_every=20, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "adamw1e-3-es2-best-loss-e20-log50", (3,), **M, opt="adamw",
               lr=1e-3, epochs=20, log_every=50, eval_every=0, best_metric="loss",
               load_best=True, early_stop=2, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "wide-n{}-e20-log5".format(ov["n_train"]), (1,), **ov,
               opt="adam", lr=1e-3, epochs=20, log_every=5, eval_every=0),
            *R("hf", T, "underfitting", "{}-e10".format(
               "tiny-h2-adam1e-2" if seq else "linear-adam3e-3"), (2,), **small,
               opt="adam", lr=1e-2 if seq else 3e-3, epochs=10, log_every=20, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "erratic", "adam{:g}-b8-e8-noclip".format(0.05 if reg else 0.03), (1,),
               **dict(M, batch=8), opt="adam", lr=0.05 if reg else 0.03, epochs=8, log_every=50,
               eval_every=0, clip=0,
               acceptable=["underfitting", "diverging"]),
            *R("hf", T, "diverging", "adam1e-3-jump-x300-e4-noclip", (2,), **M, opt="adam",
               lr=1e-3, epochs=10, log_every=10, eval_every=0, clip=0,
               bumps=[(B43_SPE * 4, 10 ** 6, 300)], acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", "poison-labels12-before-eval4", (2,), **M, opt="adam",
               lr=1e-3, epochs=10, log_every=5, eval_every=0, clip=0,
               poison=[(B43_SPE * 4 - 14, 12, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "adam1e-4-cut-e4", (1,), **M, opt="adam", lr=1e-4,
               epochs=4, log_every=10, eval_every=0, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "stopped30", (3,), **M, opt="adamw", lr=1e-3,
               max_steps=30, log_every=10, eval_every=20),
            *R("keras_csv", T, "healthy", "adam1e-3-es2-e20", (1,), **dict(M, arch=None),
               opt="adam", lr=1e-3, epochs=20, early_stop=2, log_every=0,
               acceptable=["still_improving"]),
            *R("keras_tb", T, "overfitting", "wide-n{}-e30".format(ov["n_train"]), (2,), **ov,
               opt="adam", lr=1e-3, epochs=30, log_every=0),
        ]
    return out


# the forty-third batch's contact sheets, looked at run by run (as the batches before)
B43_REVIEW = {
    "hf/b43_energy_reg/erratic-adam0.05-b8-e8-noclip-s1": (
        "healthy", ["erratic", "still_improving"],
        "forty-third batch: Adam 0.05 at batch 8 on the scaled regression: eval loss 0.38 -> 0.13 "
        "in three evals, then 0.13-0.18 and 0.21 at the last one: a trend with noise at its end "
        "(erratic defensible)"),
}
REVIEW.update(B43_REVIEW)


_b43_prev_noise_text = noise_text


def noise_text(r: Recipe, task) -> str:  # noqa: F811
    """Forty-third batch: the regression's label_noise is N(0, label_noise^2) noise on the scaled
    train targets, not flipped labels; else as before."""
    if r.task == "b43_energy_reg":
        return f", N(0, {r.label_noise:g}^2) noise on the scaled train targets"
    return _b43_prev_noise_text(r, task)


add_batch(b43_dev43)


# ----------------------------------------------------------------------------- forty-fifth batch
# SPARSE VALIDATION, the HF Trainer and Keras share (tasks.DEV45_TASKS: b45_aniso5, b45_warp_reg,
# b45_xor4; see gen_torch.b45_recipes): MLPs trained by the Trainer for 24-100 epochs with
# eval_strategy "steps" and eval_steps 3-10 epochs long (38 steps an epoch at batch 32), the
# train loss logged every 5-10 steps: 1-10 evaluations a run; Keras model.fit with
# validation_freq 4 (CSVLogger) or 5 (TensorBoard), val_* on those epochs only. Kept in one
# block at the end of the file (b45_ names): machinery writes the twenty-sixth batch's text for
# these tasks; nothing earlier changes.
from tasks import DEV45_TASKS  # noqa: E402

B45_SPE = 38        # steps an epoch: 1200 train rows at batch 32
machinery_as_batch26(DEV45_TASKS)


def b45_dev45() -> list[Recipe]:
    """Forty-fifth dev batch, hf and Keras (1200 train rows, a 2x64 MLP unless named, batch 32):
    AdamW 1e-3 with linear decay for 40 epochs, eval every 5 (healthy); a 2x512 MLP on 150 rows
    with 20% flipped labels (the regression: 300 rows, N(0, 1) noise on the scaled targets) for
    100 epochs at batch 16, eval every 10 (overfitting); a linear model at Adam 3e-3, eval every
    4 epochs (underfitting); Adam 1e-3 raised x300 at epoch 10 for good, no clipping, eval every
    3 (diverging); Adam 0.02 at batch 4, no clipping, eval every 2 epochs (erratic); an LR bump
    x60 for 10 steps two epochs after an evaluation (loss_spike);
    Adam 1e-4 cut at 24 epochs, eval every 3 (still_improving); 80 steps with one evaluation
    (insufficient_data); Keras: Adam 1e-3 for 40 epochs, validation_freq=4 (CSVLogger), the 2x512
    MLP on 150 rows for 80 epochs, validation_freq=5 (TensorBoard)."""
    out = []
    for T in DEV45_TASKS:
        reg = T == "b45_warp_reg"
        M = {"model": "medium", "batch": 32}
        # the regression: 300 rows with N(0, 1) target noise (150 with N(0, 0.5^2) did not rise)
        ov = dict(M, model="wide", batch=16, n_train=300 if reg else 150,
                  label_noise=1.0 if reg else 0.2)
        nz, ovn = int(ov["label_noise"] * 100), ov["n_train"]
        out += [
            # the regression's seed 1 (its harder draw) was dropped by the checks: seed 3 beside it
            *R("hf", T, "healthy", "b45-adamw1e-3-linear-e40-eval5ep", (1, 3) if reg else (1,),
               **M, opt="adamw",
               lr=1e-3, sched="linear", epochs=40, log_every=10, eval_every=B45_SPE * 5,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", f"b45-wide-n{ovn}-noise{nz}-e100-eval10ep", (2,), **ov,
               opt="adam", lr=1e-3, epochs=100, log_every=5, eval_every=10 * -(-ovn // 16),
               clip=0),
            *R("hf", T, "underfitting", "b45-linear-adam3e-3-e40-eval4ep", (3,),
               **dict(M, model="linear"), opt="adam", lr=3e-3, epochs=40, log_every=10,
               eval_every=B45_SPE * 4, acceptable=["still_improving"]),
            *R("hf", T, "diverging", "b45-adam1e-3-x300-e10-eval3ep-noclip", (1,), **M,
               opt="adam", lr=1e-3, epochs=30, log_every=10, eval_every=B45_SPE * 3, clip=0,
               bumps=[(B45_SPE * 10, 10 ** 6, 300)], acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", "b45-lrbump10-x60-between-evals-eval5ep", (2,), **M,
               opt="adam", lr=1e-3, epochs=40, log_every=5, eval_every=B45_SPE * 5, clip=0,
               bumps=[(B45_SPE * 22, 10, 60)], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b45-adam1e-4-cut-e24-eval3ep", (3,), **M,
               opt="adam", lr=1e-4, epochs=24, log_every=10, eval_every=B45_SPE * 3,
               acceptable=["underfitting"]),
            *([] if T == "b45_aniso5" else R(
                "hf", T, "erratic", "b45-adam0.02-b4-e12-eval2ep-noclip", (1,),
                **dict(M, batch=4), opt="adam", lr=0.02, epochs=12, log_every=20,
                eval_every=600, clip=0, acceptable=["underfitting", "healthy"])),
            *R("hf", T, "insufficient_data", "b45-stopped80-log25-eval2ep", (1,), **M,
               opt="adamw", lr=1e-3, max_steps=80, log_every=25, eval_every=B45_SPE * 2),
            *R("keras_csv", T, "healthy", "b45-adam1e-3-e40-valfreq4", (1,), **M, opt="adam",
               lr=1e-3, epochs=40, val_freq=4, log_every=0, acceptable=["still_improving"]),
            *R("keras_tb", T, "overfitting", f"b45-wide-n{ovn}-noise{nz}-e80-valfreq5", (2,), **ov,
               opt="adam", lr=1e-3, epochs=80, val_freq=5, log_every=0),
        ]
    return out


# the forty-fifth batch's contact sheets, looked at run by run (as the batches before)
B45_REVIEW = {
    "hf/b45_warp_reg/loss_spike-b45-lrbump10-x60-between-evals-eval5ep-s2": (
        "diverging", ["loss_spike"],
        "forty-fifth batch: an LR bump x60 for 10 steps between two evaluations 190 steps apart: "
        "eval 0.15 -> 0.75 at the next one, then 0.71, 0.57, 0.46 (3x the pre-bump level at the "
        "end, the train loss noisy at 0.4-1.3): the bump broke the model, the recovery is slow "
        "and partial"),
    "hf/b45_aniso5/underfitting-b45-linear-adam3e-3-e40-eval4ep-s3": (
        "underfitting", ["still_improving"],
        "forty-fifth batch: a linear model, eval every 4 epochs: eval 1.14 -> 0.505, still "
        "creeping down 3% an evaluation at 1.8x what the 2x64 MLP reaches on this seed (0.28), "
        "train level with eval: too small a model"),
    "keras_csv/b45_aniso5/healthy-b45-adam1e-3-e40-valfreq4-s1": (
        "overfitting", ["healthy"],
        "forty-fifth batch: validation_freq=4: val 0.64 -> 0.386 at the fourth evaluation, then "
        "0.40, 0.42, 0.41, 0.43, 0.44, 0.46 (+19%) while the train loss falls to 0.16: a slow "
        "rise over six sparse evaluations"),
    "keras_csv/b45_warp_reg/healthy-b45-adam1e-3-e40-valfreq4-s1": (
        "healthy", ["overfitting", "still_improving"],
        "forty-fifth batch: validation_freq=4: val 0.55 -> 0.34 by the fourth evaluation, then "
        "0.35-0.37 and 0.38 at the last one: levelled, a last point +12% (overfitting "
        "defensible)"),
    "hf/b45_warp_reg/overfitting-b45-wide-n300-noise100-e100-eval10ep-s2": (
        "overfitting", ["underfitting"],
        "forty-fifth batch: a 2x512 MLP on 300 rows with N(0, 1) noise on the scaled targets, "
        "eval every 10 epochs: eval 0.85 at the first evaluation, then 0.98-1.05 (the mean's "
        "level) for the other nine while the train loss falls to 0.02: memorised noise, val "
        "worse than at its first evaluation"),
    "hf/b45_warp_reg/erratic-b45-adam0.02-b4-e12-eval2ep-noclip-s1": (
        "erratic", ["healthy", "loss_spike", "underfitting"],
        "forty-fifth batch: Adam 0.02 at batch 4, no clipping, eval every 2 epochs: eval 0.37, "
        "0.43, 0.64, 0.42, 0.37, 0.35 around the level the good models reach on this seed "
        "(0.33-0.38), the train loss noisy at 0.1-0.5: one swing in six evaluations, so a "
        "single spike or a noisy healthy run are defensible readings too"),
}
REVIEW.update(B45_REVIEW)

_b45_prev_noise_text = noise_text


def noise_text(r: Recipe, task) -> str:  # noqa: F811
    """Forty-fifth batch: the regression's label_noise is N(0, label_noise^2) noise on the
    scaled train targets, not flipped labels; else as before."""
    if r.task == "b45_warp_reg":
        return f", N(0, {r.label_noise:g}^2) noise on the scaled train targets"
    return _b45_prev_noise_text(r, task)


add_batch(b45_dev45)


# ----------------------------------------------------------------------------- forty-sixth batch
# UNSCALED REGRESSION AS PEOPLE RUN IT, the HF Trainer and Keras share (tasks.DEV46_TASKS:
# b46_house_price, b46_trip_counts, b46_job_secs; see gen_torch.b46_recipes): a Trainer with a
# regression head on targets in raw units, its loss the MSE (of the price in dollars, 1e9-1e11;
# of log1p(count) with raw inputs; of the job seconds, 1e5-1e7), eval per epoch or every 25-50
# steps, compute_metrics mse / mae / rmse / r2 (and mape on the price and the seconds),
# metric_for_best_model rmse with load_best_model_at_end, reduce_lr_on_plateau, no clipping
# (max_grad_norm 0) where the LR is too hot; one Keras fit per task (loss "mse", metric mae).
# Kept in one block at the end of the file (b46_ names): compute_metrics_for and noise_text are
# wrapped for these tasks only, machinery writes the twenty-sixth batch's text; nothing earlier
# changes.
from tasks import DEV46_TASKS  # noqa: E402

B46_SPE = 63        # steps an epoch: 2000 train rows at batch 32
machinery_as_batch26(DEV46_TASKS)
_b46_prev_compute_metrics_for = compute_metrics_for
_b46_prev_noise_text = noise_text


def compute_metrics_for(task):  # noqa: F811
    """Forty-sixth batch: mse, mae, rmse, r2 (and mape on the price and the seconds); else as
    before."""
    base = _b46_prev_compute_metrics_for(task)
    if task.name not in DEV46_TASKS:
        return base

    def metrics(p):
        out = base(p)
        pred = np.asarray(p.predictions, float).ravel()
        y = np.asarray(p.label_ids, float).ravel()
        out["rmse"] = float(np.sqrt(out["mse"]))
        out["r2"] = float(1.0 - np.sum((pred - y) ** 2) / max(np.sum((y - y.mean()) ** 2), 1e-12))
        if task.name != "b46_trip_counts":
            out["mape"] = float(np.mean(np.abs(pred - y) / np.maximum(np.abs(y), 1e-6)) * 100)
        return out
    return metrics


def noise_text(r: Recipe, task) -> str:  # noqa: F811
    """Forty-sixth batch: label_noise multiplies the raw train targets by exp(N(0, noise^2))
    (adds it to the log1p counts), not flipped labels; else as before."""
    if r.task in DEV46_TASKS:
        return f", train targets x exp(N(0, {r.label_noise:g}^2)) (noisy measurements)"
    return _b46_prev_noise_text(r, task)


def b46_dev46() -> list[Recipe]:
    """Forty-sixth dev batch, hf and Keras (2000 train rows, 63 steps an epoch at batch 32, a
    2x64 MLP unless named): Adam 3e-2 (the price) or 1e-2 for 30 epochs with the best RMSE
    loaded at the end, or AdamW with reduce_lr_on_plateau (healthy); a 2x512 MLP on 80 rows with
    multiplicative N(0, 0.3^2) target noise for 1,500 steps (overfitting); a 2-unit hidden layer
    (the price) or a linear model (underfitting); Adam 0.3 (the log counts 0.05) at batch 8
    without clipping (erratic); SGD whose LR grows x1.01 a step, no clipping (diverging); an LR
    bump x30 for 10 steps (loss_spike); Adam 1e-3 on the raw price or seconds, 1e-4 on the log
    counts, cut at 8 epochs (still_improving); 30 steps (insufficient_data); Keras: Adam at the
    healthy LR for 30 epochs (CSVLogger)."""
    out = []
    for T in DEV46_TASKS:
        price, counts = T == "b46_house_price", T == "b46_trip_counts"
        M = {"model": "medium", "batch": 32}
        lr = 3e-2 if price else 1e-2
        e_lr = 0.05 if counts else 0.3
        g_lr = 1e-7 if price else 1e-3 if counts else 1e-4
        s_lr = 1e-4 if counts else 1e-3
        out += [
            *R("hf", T, "healthy", f"b46-adam{lr:g}-e30-best-rmse", (1,), **M, opt="adam",
               lr=lr, epochs=30, log_every=10, eval_every=0, best_metric="rmse",
               load_best=True, acceptable=["still_improving"]),
            *R("hf", T, "healthy", f"b46-adamw{lr:g}-plateau-e30", (2,), **M, opt="adamw",
               lr=lr, sched="plateau", epochs=30, log_every=10, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "b46-wide-n80-noise30-1500", (1,), model="wide", batch=16,
               n_train=80, label_noise=0.3, opt="adam", lr=lr if price else 3e-3,
               max_steps=1500, log_every=10, eval_every=50, clip=0),
            *R("hf", T, "underfitting", ("b46-tiny-h2" if price else "b46-linear") + "-e30",
               (2,), **dict(M, model="tiny" if price else "linear"), opt="adam",
               lr=0.1 if price else lr, epochs=30, log_every=10, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "erratic", f"b46-adam{e_lr:g}-b8-e8-noclip", (2,), **dict(M, batch=8),
               opt="adam", lr=e_lr, epochs=8, log_every=25, eval_every=0, clip=0,
               acceptable=["underfitting", "diverging"]),
            *R("hf", T, "diverging", f"b46-sgd{g_lr:g}-grow1.01-noclip", (1,), **M, opt="sgd",
               lr=g_lr, sched="grow", grow=1.01, max_steps=1200, log_every=5, eval_every=25,
               clip=0, acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", "b46-lrbump10-x30-e15", (2,), **M, opt="adam", lr=lr,
               epochs=25, log_every=5, eval_every=0, clip=0, bumps=[(B46_SPE * 15, 10, 30)],
               acceptable=["healthy"]),
            *R("hf", T, "still_improving", f"b46-adam{s_lr:g}-cut-e8", (1,), **M, opt="adam",
               lr=s_lr, epochs=8, log_every=10, eval_every=0, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "b46-stopped30", (3,), **M, opt="adam", lr=lr,
               max_steps=30, log_every=10, eval_every=20),
            *R("keras_csv", T, "healthy", f"b46-adam{lr:g}-e30", (1,), **M, opt="adam", lr=lr,
               epochs=30, log_every=0, acceptable=["still_improving"]),
        ]
    # after the first pass (as gen_torch.b46_recipes): SGD 0.01 at batch 4 on the counts' raw
    # inputs and Adam 3 at batch 4 on the seconds (erratic), Adam 1e-3 on the counts cut at 8
    # epochs (still_improving)
    M = {"model": "medium", "batch": 4}
    out += [
        *R("hf", "b46_trip_counts", "erratic", "b46-sgd0.01-b4-rawinputs-noclip", (3,), **M,
           opt="sgd", lr=0.01, epochs=4, log_every=25, eval_every=100, clip=0,
           acceptable=["underfitting", "diverging"]),
        *R("hf", "b46_job_secs", "erratic", "b46-adam3-b4-noclip", (3,), **M, opt="adam",
           lr=3.0, epochs=4, log_every=25, eval_every=100, clip=0,
           acceptable=["underfitting", "diverging"]),
        *R("hf", "b46_trip_counts", "still_improving", "b46-adam0.001-cut-e8", (2,),
           model="medium", batch=32, opt="adam", lr=1e-3, epochs=8, log_every=10,
           eval_every=0, acceptable=["underfitting"]),
    ]
    # after the second pass (as gen_torch.b46_recipes): Adam 0.03 at batch 4 on the counts and
    # Adam 1 at batch 4 on the seconds, 1,500 steps, eval every 100 (erratic)
    for T, lr in (("b46_trip_counts", 0.03), ("b46_job_secs", 1.0)):
        out += R("hf", T, "erratic", f"b46-adam{lr:g}-b4-1500-noclip", (3,), **M, opt="adam",
                 lr=lr, max_steps=1500, log_every=25, eval_every=100, clip=0,
                 acceptable=["underfitting", "diverging", "healthy"])
    return out


# the forty-sixth batch's contact sheets, looked at run by run (as the batches before)
B46_REVIEW = {
    "hf/b46_house_price/diverging-b46-sgd1e-07-grow1.01-noclip-s1": (
        "underfitting", ["diverging"],
        "forty-sixth batch: SGD from 1e-7 growing x1.01 a step on the raw price: eval loss falls "
        "6.3e10 -> 1.3e10 and sits there for the last 250 steps (the variance of the price: the "
        "model collapsed to predicting the mean, MAE 90,000) while the LR keeps growing; no "
        "blow-up in the logged window (the torch run of the recipe went to NaN)"),
    "hf/b46_trip_counts/loss_spike-b46-lrbump10-x30-e15-s2": (
        "diverging", ["loss_spike", "underfitting"],
        "forty-sixth batch: an LR bump x30 for 10 steps on the log counts: eval 0.5 -> 2.1 and "
        "flat there to the end (the mean's loss): the bump broke the model; healthy is not "
        "defensible"),
    "hf/b46_job_secs/erratic-b46-adam0.3-b8-e8-noclip-s2": (
        "healthy", ["erratic"],
        "forty-sixth batch: Adam 0.3 at batch 8 on the raw seconds (MSE): eval 1.45e6 -> 0.45e6 "
        "with 30-50% jumps between neighbouring evaluations on the way (erratic defensible)"),
    "hf/b46_job_secs/erratic-b46-adam3-b4-noclip-s3": (
        "underfitting", ["diverging"],
        "forty-sixth batch: Adam 3 at batch 4 on the raw seconds: eval loss flat at 3.3e6 (a "
        "constant prediction's, the linear model's level) from the first evaluation while the "
        "MAE drifts 850 -> 980: the model collapsed to a constant"),
    "hf/b46_job_secs/healthy-b46-adamw0.01-plateau-e30-s2": (
        "healthy", ["overfitting", "still_improving"],
        "forty-sixth batch: AdamW 1e-2 with reduce_lr_on_plateau on the raw seconds (MSE): eval "
        "1.1e6, one low point 0.8e6 at step 250, then flat at ~1.0e6 to the end; the 18% 'rise' "
        "is one noisy evaluation, not a climb"),
    "hf/b46_trip_counts/erratic-b46-adam0.03-b4-1500-noclip-s3": (
        "erratic", ["underfitting"],
        "forty-sixth batch: Adam 0.03 at batch 4 on the log counts: eval jumps 1.6, 1.05, 1.3, "
        "1.1, 2.1, 1.0 between neighbouring evaluations before settling at 0.6-0.7 over the last "
        "third: swings of 50-100% dominate the run"),
}
REVIEW.update(B46_REVIEW)


add_batch(b46_dev46)


# ----------------------------------------------------------------------------- forty-seventh batch
# LOSSES WITH PARTS AND NO NATURAL FLOOR, the HF Trainer and Keras share (tasks.DEV47_TASKS:
# b47_vae_swiss, b47_glyph_views, b47_hetero_friedman; see gen_torch.b47_recipes): the
# nineteenth / fifteenth batches' Trainer machinery on new generated data (it dispatches on
# task.kind): a VAE's negative ELBO with eval recon / kl from compute_metrics, InfoNCE with eval
# retrieval accuracy (metric_for_best_model accuracy in one recipe), a Gaussian NLL that goes
# negative with eval mae; warm-up + cosine, eval every N steps, the regimes by their real
# causes; one Keras fit per task. Kept in one block at the end of the file (b47_ names):
# machinery writes the twenty-sixth batch's text; nothing earlier changes.
from tasks import DEV47_TASKS  # noqa: E402

machinery_as_batch26(DEV47_TASKS)


def b47_dev47() -> list[Recipe]:
    """Forty-seventh dev batch, hf and Keras. b47_vae_swiss (63 steps an epoch at batch 32):
    AdamW 2e-3 warm-up + cosine, or a KL annealing over 600 steps (healthy), KL weight 8
    (posterior collapse: underfitting), a 2x256 VAE with beta 0.02 on 40 rows (overfitting),
    SGD growing x1.02 (diverging), 5 batches of x10 inputs (loss_spike), cut at 30%
    (still_improving). b47_glyph_views (24 steps an epoch at batch 64): warm-up + cosine with the
    best retrieval accuracy loaded (healthy), Adam 1e-5 (underfitting), static view pairs of 256
    glyphs (overfitting), an LR bump x10 (loss_spike), cut at 30% (still_improving), two
    evaluations. b47_hetero_friedman (63 steps an epoch): Adam 1e-3 + cosine (healthy), a linear
    model (underfitting), a 2x512 MLP on 300 rows (overfitting), Adam 0.01-0.02 at batch 8 judged
    on 32-40 eval rows without clipping (erratic), SGD growing x1.02 without clipping
    (diverging), an LR bump x10 (loss_spike), Adam 1e-4 cut at 8 epochs (still_improving). Keras:
    the healthy setting (CSVLogger), a posterior collapse (TensorBoard)."""
    out = []
    T = "b47_vae_swiss"
    B = {"model": "small", "arch": "vae", "batch": 32}
    out += [
        *R("hf", T, "healthy", "b47-vae-warmcos-eval21", (1, 2), **B, lr=2e-3, sched="cosine",
           warmup_ratio=0.1, epochs=20, log_every=10, eval_every=21, first_step=True,
           acceptable=["still_improving"]),
        *R("hf", T, "healthy", "b47-vae-klanneal600-eval42", (3,), **B, lr=1e-3, kl_anneal=600,
           epochs=25, log_every=10, eval_every=42, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "b47-vae-collapse-klw8", (1,), **B, lr=1e-3, kl_weight=8.0,
           sched="cosine", warmup_ratio=0.1, epochs=15, log_every=10, eval_every=21),
        *R("hf", T, "overfitting", "b47-vae-wide-beta0.02-n40", (2,), **dict(B, model="wide",
           batch=10), n_train=40, opt="adam", kl_weight=0.02, lr=3e-3, max_steps=2500,
           log_every=10, eval_every=100, clip=0),
        *R("hf", T, "diverging", "b47-vae-sgd-grow1.02", (1,), **B, opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, max_steps=500, log_every=5, eval_every=21, clip=0),
        *R("hf", T, "loss_spike", "b47-vae-poison5-inputs", (2,), **B, opt="adam", lr=1e-3,
           sched="cosine", max_steps=1260, log_every=2, eval_every=21,
           poison=[(600, 5, "inputs")]),
        *R("hf", T, "still_improving", "b47-vae-cosine-stop30pct", (3,), **B, opt="adam",
           lr=2e-4, sched="cosine", planned=1260, max_steps=378, log_every=5, eval_every=21,
           acceptable=["healthy"]),
        *R("keras_csv", T, "healthy", "b47-vae-e20", (1,), **B, lr=1e-3, epochs=20,
           log_every=0, acceptable=["still_improving"]),
        *R("keras_tb", T, "underfitting", "b47-vae-collapse-klw8", (2,), **B, lr=1e-3,
           kl_weight=8.0, epochs=15, log_every=0),
    ]
    T = "b47_glyph_views"
    B = {"model": "medium", "arch": "contrastive", "batch": 64}
    out += [
        *R("hf", T, "healthy", "b47-con-warmcos-eval48-best-acc", (1, 2), **B, lr=3e-3,
           sched="cosine", warmup_ratio=0.05, epochs=60, log_every=12, eval_every=48,
           best_metric="accuracy", load_best=True, acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "b47-con-lr1e-5", (3,), **B, opt="adam", lr=1e-5,
           epochs=20, log_every=12, eval_every=24, acceptable=["still_improving"]),
        *R("hf", T, "overfitting", "b47-con-static-n256", (1,), **B, n_train=256,
           label_noise=1.0, opt="adam", lr=1e-3, max_steps=1000, log_every=5, eval_every=25,
           clip=0, acceptable=["underfitting"]),
        *R("hf", T, "loss_spike", "b47-con-lrbump10-x10", (2,), **B, opt="adam", lr=3e-3,
           sched="cosine", max_steps=960, log_every=2, eval_every=24, clip=0,
           bumps=[(480, 10, 10)], acceptable=["healthy"]),
        *R("hf", T, "still_improving", "b47-con-cosine-stop30pct", (1,), **B, opt="adam",
           lr=3e-4, sched="cosine", planned=1440, max_steps=432, log_every=6, eval_every=24),
        *R("hf", T, "insufficient_data", "b47-con-two-evals", (3,), **B, lr=3e-3, max_steps=40,
           log_every=100, eval_every=20),
    ]
    T = "b47_hetero_friedman"
    B = {"model": "medium", "batch": 32}
    out += [
        *R("hf", T, "healthy", "b47-nll-adam1e-3-cosine-e20", (1, 2), **B, opt="adam",
           lr=1e-3, sched="cosine", epochs=20, log_every=10, eval_every=0,
           acceptable=["still_improving"]),
        *R("hf", T, "underfitting", "b47-nll-linear-e30", (3,), **dict(B, model="linear"),
           opt="adam", lr=1e-2, epochs=30, log_every=10, eval_every=0),
        *R("hf", T, "overfitting", "b47-nll-wide-n300", (1,), **dict(B, model="wide", batch=20),
           n_train=300, opt="adam", lr=1e-3, max_steps=1500, log_every=10, eval_every=50,
           clip=0),
        *R("hf", T, "erratic", "b47-nll-adam0.01-b8-val40-noclip", (2,), **dict(B, batch=8),
           n_val=40, opt="adam", lr=0.01, max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["healthy", "underfitting", "diverging"]),
        *R("hf", T, "diverging", "b47-nll-sgd-grow1.02-noclip", (1,), **B, opt="sgd", lr=1e-3,
           sched="grow", grow=1.02, max_steps=800, log_every=5, eval_every=25, clip=0,
           acceptable=["erratic"]),
        *R("hf", T, "loss_spike", "b47-nll-lrbump10-x10", (3,), **B, opt="adam", lr=1e-3,
           epochs=25, log_every=5, eval_every=0, clip=0, bumps=[(63 * 15, 10, 10)],
           acceptable=["healthy"]),
        *R("hf", T, "still_improving", "b47-nll-adam1e-4-cut-e8", (2,), **B, opt="adam",
           lr=1e-4, epochs=8, log_every=10, eval_every=0, acceptable=["underfitting"]),
        *R("keras_csv", T, "healthy", "b47-nll-adam1e-3-e20", (1,), **B, opt="adam", lr=1e-3,
           epochs=20, log_every=0, acceptable=["still_improving"]),
    ]
    # after the first pass (as gen_torch.b47_recipes): a hot LR judged on a tiny eval set
    out += [
        *R("hf", "b47_vae_swiss", "erratic", "b47-vae-adam0.03-b8-val32-noclip", (1,),
           model="small", arch="vae", batch=8, n_val=32, opt="adam", lr=0.03,
           max_steps=1500, log_every=10, eval_every=50, clip=0,
           acceptable=["healthy", "underfitting"]),
        *R("hf", "b47_hetero_friedman", "erratic", "b47-nll-adam0.02-b8-val32-noclip", (1,),
           model="medium", batch=8, n_val=32, opt="adam", lr=0.02, max_steps=3000,
           log_every=20, eval_every=100, clip=0, acceptable=["healthy", "underfitting"]),
    ]
    return out


_b47_prev_noise_text = noise_text
_b47_prev_describe_model = describe_model


def describe_model(r: Recipe, task) -> str:  # noqa: F811
    """Forty-seventh batch: the fifteenth batch's NLL MLP text on b47_hetero_friedman; else as
    before."""
    if r.task == "b47_hetero_friedman":
        return dev15_model_text(r, task)
    return _b47_prev_describe_model(r, task)


def noise_text(r: Recipe, task) -> str:  # noqa: F811
    """Forty-seventh batch: label_noise >= 1 on the glyphs draws the two train views once (static
    pairs), not flipped labels; else as before."""
    if r.task == "b47_glyph_views" and r.label_noise >= 1:
        return ", the two train views drawn once at load time (static pairs)"
    return _b47_prev_noise_text(r, task)


# the forty-seventh batch's contact sheets, looked at run by run (as the batches before)
B47_REVIEW = {
    "hf/b47_glyph_views/overfitting-b47-con-static-n256-s1": (
        "overfitting", ["underfitting"],
        "forty-seventh batch: static view pairs of 256 glyphs: train InfoNCE to ~0 within 50 "
        "steps while the eval InfoNCE of fresh views sits at 4.65-4.75, above chance (ln 64), "
        "for the whole run: the encoder memorised the fixed pairs; the late 2% drop is not "
        "improvement"),
    "hf/b47_glyph_views/loss_spike-b47-con-lrbump10-x10-s2": (
        "loss_spike", ["healthy", "still_improving"],
        "forty-seventh batch: an LR bump x10 for 10 steps at step 480: eval InfoNCE 2.4 -> 2.9 "
        "and the retrieval accuracy down, both back within ~150 steps"),
    "hf/b47_hetero_friedman/erratic-b47-nll-adam0.01-b8-val40-noclip-s2": (
        "erratic", ["healthy", "still_improving"],
        "forty-seventh batch: Adam 0.01 at batch 8 judged on 40 eval rows: the eval Gaussian NLL "
        "jumps -0.48 -> -0.05 -> 0.12 -> -0.28 and -0.61 -> -0.4 between neighbouring "
        "evaluations (0.2-0.4 nats) about a trend from 0.05 to -0.5"),
    "hf/b47_hetero_friedman/erratic-b47-nll-adam0.02-b8-val32-noclip-s1": (
        "erratic", ["healthy", "still_improving"],
        "forty-seventh batch: Adam 0.02 at batch 8 judged on 32 eval rows: eval NLL -0.64 -> "
        "-0.17 -> -0.62, -0.65 -> -0.27 -> -0.58 (0.3-0.5 nats) about a trend from 0.1 to -0.65"),
    "hf/b47_vae_swiss/erratic-b47-vae-adam0.03-b8-val32-noclip-s1": (
        "underfitting", ["erratic", "overfitting"],
        "forty-seventh batch: Adam 0.03 at batch 8 judged on 32 eval rows: the eval ELBO drifts "
        "15.6 -> 13 and bounces 11-14.3 about it for the second half, 1.3-1.5x what the good "
        "VAEs reach (8-10); no train rise under it, so not overfitting; swings 5-15%"),
}
REVIEW.update(B47_REVIEW)


add_batch(b47_dev47)


# ----------------------------------------------------------------------------- forty-eighth batch
# SMALL VALIDATION SETS, the HF Trainer and Keras share (tasks.DEV48_TASKS: b48_few4, b48_quant2,
# b48_fold3; see gen_torch.b48_recipes): MLPs trained on 60-300 rows for 10-200 epochs at batch
# 16, evaluated once an epoch (every 20 steps on the 60-row overfitting runs) on a val set of 48,
# 32 or 20 examples, so eval_accuracy moves in steps of 1/48-1/20 and repeats the same value for
# many evaluations; the healthy runs keep the best eval_accuracy (metric_for_best_model,
# load_best_model_at_end). Kept in one block at the end of the file (b48_ names): machinery
# writes the twenty-sixth batch's text for these tasks, cause says the val set's size; nothing
# earlier changes.
from tasks import B48_SIZES, DEV48_TASKS, b48_val_text, cause_with  # noqa: E402

machinery_as_batch26(DEV48_TASKS)
# Forty-eighth batch: the size of the val set (and, on b48_fold3, the fold) is said.
cause = cause_with(cause, DEV48_TASKS, lambda r, task: b48_val_text(task, r.seed))


def b48_dev48() -> list[Recipe]:
    """Forty-eighth dev batch, hf and Keras (B48_SIZES train / val rows, batch 16, a 2x64 MLP
    unless named, one evaluation an epoch): AdamW 1e-3 (wd 0.01) for 60 epochs (the 4 classes 30,
    the fold 120) keeping the best eval_accuracy (healthy); a 2x512 MLP on 60 rows (the fold: its
    80) with 20% flipped labels for 800 steps, eval every 20 (overfitting); a linear model on the
    shells, a 2-unit hidden layer on the 4 classes, Adam 1e-5 on the fold (underfitting); Adam
    0.02 (the fold 0.05) at batch 4 without clipping (erratic); Adam 1e-3 raised x300 at epoch 20
    for good, no clipping (diverging); an LR bump x60 (the shells x30) for 8 steps (loss_spike);
    Adam 1e-3 (the 4 classes 3e-4) cut at 10 epochs (the fold 20) (still_improving); 20 steps
    (insufficient_data); Keras: AdamW 1e-3 for the healthy epochs (CSVLogger), the 2x512 MLP on 60
    rows for 200 epochs (TensorBoard)."""
    out = []
    for T in DEV48_TASKS:
        fold = T == "b48_fold3"
        spe = -(-B48_SIZES[T][0] // 16)
        ep = 2 if fold else 1
        h_ep = 30 if T == "b48_few4" else 60 * ep
        s_lr = 3e-4 if T == "b48_few4" else 1e-3
        e_lr = 0.05 if fold else 0.02
        bump = 30 if T == "b48_quant2" else 60
        small = {"b48_quant2": "linear", "b48_few4": "tiny"}.get(T, "medium")
        u_lr = {"b48_quant2": 3e-3, "b48_few4": 1e-2}.get(T, 1e-5)
        ov_n = 80 if fold else 60
        M = {"model": "medium", "batch": 16}
        ov = dict(M, model="wide", n_train=ov_n, label_noise=0.2)
        out += [
            *R("hf", T, "healthy", f"b48-adamw1e-3-e{h_ep}-best-acc", (1,), **M, opt="adamw",
               wd=0.01, lr=1e-3, epochs=h_ep, log_every=5, eval_every=0,
               best_metric="accuracy", load_best=True,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", f"b48-wide-n{ov_n}-noise20-800", (2,), **ov, opt="adam",
               lr=1e-3, max_steps=800, log_every=5, eval_every=20, clip=0,
               acceptable=["healthy"]),
            *R("hf", T, "underfitting", f"b48-{small}-adam{u_lr:g}-e{60 * ep}", (3,),
               **dict(M, model=small), opt="adam", lr=u_lr, epochs=60 * ep, log_every=5,
               eval_every=0, acceptable=["still_improving"]),
            *R("hf", T, "erratic", f"b48-adam{e_lr:g}-b4-e{15 * ep}-noclip", (1,),
               **dict(M, batch=4), opt="adam", lr=e_lr, epochs=15 * ep, log_every=10,
               eval_every=0, clip=0, acceptable=["underfitting", "diverging"]),
            *R("hf", T, "diverging", "b48-adam1e-3-x300-e20-noclip", (1,), **M, opt="adam",
               lr=1e-3, epochs=50, log_every=5, eval_every=0, clip=0,
               bumps=[(spe * 20, 10 ** 6, 300)], acceptable=["underfitting", "erratic"]),
            *R("hf", T, "loss_spike", f"b48-lrbump8-x{bump}-e30-noclip", (2,), **M,
               opt="adam", lr=1e-3, epochs=60 * ep, log_every=2, eval_every=0, clip=0,
               bumps=[(spe * 30 * ep, 8, bump)], acceptable=["healthy"]),
            *R("hf", T, "still_improving", f"b48-adam{s_lr:g}-cut-e{10 * ep}", (1,), **M,
               opt="adam", lr=s_lr, epochs=10 * ep, log_every=5, eval_every=0,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "insufficient_data", "b48-stopped20", (3,), **M, opt="adam", lr=1e-3,
               max_steps=20, log_every=10, eval_every=20),
            *R("keras_csv", T, "healthy", f"b48-adamw1e-3-e{h_ep}", (1,), **M, opt="adamw",
               wd=0.01, lr=1e-3, epochs=h_ep, log_every=0,
               acceptable=["still_improving", "overfitting"]),
            *R("keras_tb", T, "overfitting", f"b48-wide-n{ov_n}-noise20-e200", (2,), **ov,
               opt="adam", lr=1e-3, epochs=200, log_every=0, acceptable=["healthy"]),
        ]
    return out


# the forty-eighth batch's contact sheets, looked at run by run (as the batches before)
B48_REVIEW = {
    "hf/b48_few4/erratic-b48-adam0.02-b4-e15-noclip-s1": (
        "erratic", ["overfitting"],
        "forty-eighth batch: Adam 0.02 at batch 4 on 240 rows, no clipping: eval loss 0.45, "
        "0.25, 0.35, 1.05, 0.5, 1.4, 0.6, 0.7 (2-3x between neighbouring evaluations) with "
        "eval_accuracy 0.79-0.94 in steps of 1/48: the swings dominate, no trend to read"),
    "hf/b48_quant2/erratic-b48-adam0.02-b4-e15-noclip-s1": (
        "healthy", ["erratic"],
        "forty-eighth batch: Adam 0.02 at batch 4 on the shells, no clipping: eval loss 1.0 -> "
        "0.15-0.3 by epoch 5, then bumpy around a flat trend (eval_accuracy 0.88-0.97 on 32 "
        "examples): noise of a 32-example val set more than swings (erratic defensible)"),
    "hf/b48_few4/underfitting-b48-tiny-adam0.01-e60-s3": (
        "overfitting", ["underfitting"],
        "forty-eighth batch: a 2-unit hidden layer on the 4 classes: eval loss best 0.73 at "
        "epoch 6, then up steadily to 1.0 (+37%) while the train loss falls to 0.4: a climb "
        "after the best; its level, 3x the 2x64 MLP's 0.22, makes underfitting defensible"),
}
REVIEW.update(B48_REVIEW)


add_batch(b48_dev48)


# ----------------------------------------------------------------------------- forty-ninth batch
# RECURRENT MODELS AND GRADIENT CLIPPING, the HF Trainer share (tasks.DEV49_TASKS: b49_add_lm,
# b49_reverse_lm, b49_dyck_lm; see gen_torch.b49_recipes): the Trainer around a 2x64 LSTM (a
# 1x16 vanilla tanh RNN for the underfitting runs) at batch 64 (63 steps an epoch), logging
# every 5-10 steps (loss and grad_norm), evaluating every 20-50 steps (eval_loss and
# eval_accuracy on the predicted tokens); max_grad_norm 1 (the default) or 0 (no clipping)
# where the LR is hot or bumped, logging_nan_inf_filter off on the NaN run. Kept in one block at
# the end of the file (b49_ names): machinery writes the twenty-sixth batch's text for these
# tasks, cause names the recurrent net and the task; nothing earlier changes.
from tasks import DEV49_TASKS, b49_rnn_text  # noqa: E402

machinery_as_batch26(DEV49_TASKS)
_b49_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Forty-ninth batch: the recurrent net, random train targets, clipping or none, the task;
    else as before."""
    if r.task not in DEV49_TASKS:
        return _b49_prev_cause(r, task)
    return _b49_prev_cause(replace(r, label_noise=0.0), task) + b49_rnn_text(
        r.task, r.arch, r.model, r.label_noise, r.clip)


def b49_dev49() -> list[Recipe]:
    """Forty-ninth dev batch, hf (4000 train sequences, batch 64, a 2x64 LSTM unless named):
    Adam 0.01 (the brackets 3e-3) + cosine, max_grad_norm 1, 10 epochs, keeping the best
    eval_accuracy (healthy); a 2x128 LSTM on 200 sequences (reversal and brackets: 20% random
    targets) for 600 steps (overfitting); a 1x16 vanilla tanh RNN for 20 epochs (underfitting);
    Adam 0.01 at batch 4 without clipping, judged on 48 val sequences (erratic); SGD 0.1 growing
    x1.01 a step without clipping, the NaN losses logged (diverging); Adam 3e-3 with an LR bump
    x30 for 5 steps without clipping (loss_spike); Adam 1e-3 stopped at 189 steps
    (still_improving). Keras: Adam 0.01 with clipnorm 1 for 10 epochs (healthy), the 2x128 LSTM
    on 200 bracket windows with 20% random targets for 60 epochs (overfitting)."""
    out = []
    for T in DEV49_TASKS:
        M = {"model": "medium", "arch": "lstm", "batch": 64}
        h_lr = 3e-3 if T == "b49_dyck_lm" else 0.01
        ov_noise = 0.0 if T == "b49_add_lm" else 0.2
        out += [
            *R("hf", T, "healthy", f"b49-lstm-adam{h_lr:g}-cos-clip1-e10-best-acc", (1,), **M,
               opt="adam", lr=h_lr, sched="cosine", epochs=10, log_every=10, eval_every=50,
               best_metric="accuracy", load_best=True, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", f"b49-lstm-wide-n200-noise{ov_noise * 100:g}-600", (2,),
               **dict(M, model="wide", batch=20), n_train=200, label_noise=ov_noise,
               opt="adam", lr=3e-3, max_steps=600, log_every=10, eval_every=30),
            *R("hf", T, "underfitting", "b49-rnn-tiny16-adam0.01-e20", (3,),
               **dict(M, arch="b49rnn", model="tiny"), opt="adam", lr=0.01, epochs=20,
               log_every=10, eval_every=63, acceptable=["still_improving"]),
            *R("hf", T, "erratic", "b49-lstm-adam0.01-b4-noclip-val48", (1,),
               **dict(M, batch=4), n_val=48, opt="adam", lr=0.01, max_steps=600, log_every=5,
               eval_every=30, clip=0, acceptable=["underfitting", "diverging", "loss_spike"]),
            *R("hf", T, "diverging", "b49-lstm-sgd0.1-grow1.01-noclip-nan", (2,), **M,
               opt="sgd", lr=0.1, sched="grow", grow=1.01, max_steps=700, log_every=5,
               eval_every=25, clip=0, nan_filter=False, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b49-lstm-lrbump5-x30-noclip", (1,), **M, opt="adam",
               lr=3e-3, epochs=10, log_every=5, eval_every=30, clip=0,
               bumps=[(350, 5, 30)], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b49-lstm-adam1e-3-stopped189", (3,), **M,
               opt="adam", lr=1e-3, sched="constant", max_steps=189, log_every=5, eval_every=20,
               acceptable=["underfitting"]),
        ]
    # after the first pass (see gen_torch.b49_recipes): a hot LR without clipping judged on 16
    # val sequences, 1,500 steps (erratic)
    for T in DEV49_TASKS:
        out += R("hf", T, "erratic", "b49-lstm-adam0.02-b8-noclip-val16", (3,), model="medium",
                 arch="lstm", batch=8, n_val=16, opt="adam", lr=0.02, max_steps=1500,
                 log_every=10, eval_every=50, clip=0,
                 acceptable=["healthy", "underfitting", "loss_spike"])
    # Keras (model.fit, one CSVLogger / TensorBoard row an epoch): the same 2x64 LSTM
    K = {"model": "medium", "arch": "lstm", "batch": 64, "opt": "adam", "log_every": 0}
    out += [
        *R("keras_csv", "b49_add_lm", "healthy", "b49-lstm-adam0.01-clipnorm1-e10", (2,), **K,
           lr=0.01, epochs=10, acceptable=["still_improving"]),
        *R("keras_tb", "b49_reverse_lm", "healthy", "b49-lstm-adam0.01-clipnorm1-e10", (3,),
           **K, lr=0.01, epochs=10, acceptable=["still_improving"]),
        *R("keras_csv", "b49_dyck_lm", "overfitting", "b49-lstm-wide-n200-noise20-e60", (1,),
           **dict(K, model="wide", batch=20), n_train=200, label_noise=0.2, lr=3e-3,
           epochs=60),
    ]
    return out


# the forty-ninth batch's contact sheets, looked at run by run (as the batches before)
B49_REVIEW = {
    "hf/b49_reverse_lm/loss_spike-b49-lstm-lrbump5-x30-noclip-s1": (
        "loss_spike", ["still_improving"],
        "forty-ninth batch: an LR bump x30 for 5 steps without clipping on the reversal: eval "
        "loss 0.35 -> 2.2 at one evaluation, then falling steadily again to 0.6 by step 630, no "
        "lasting climb: a spike the LSTM is relearning from; still_improving defensible"),
    "hf/b49_dyck_lm/loss_spike-b49-lstm-lrbump5-x30-noclip-s1": (
        "loss_spike", ["healthy", "still_improving"],
        "forty-ninth batch: the LR bump x30 on the brackets: eval loss 1.58 -> 1.9 at one "
        "evaluation (eval accuracy 0.37 -> 0.33), back to 1.6 within 100 steps; the rest levelled"),
    "hf/b49_add_lm/still_improving-b49-lstm-adam1e-3-stopped189-s3": (
        "still_improving", ["underfitting"],
        "forty-ninth batch: Adam 1e-3 stopped at 189 steps on the addition: eval loss 2.25 -> "
        "1.78 and still falling at the stop (1.83 -> 1.78 over the last 50 steps); its level, 8x "
        "the LSTM's floor, makes underfitting defensible"),
}
REVIEW.update(B49_REVIEW)


add_batch(b49_dev49)


# ----------------------------------------------------------------------------- fiftieth batch
# TIME-SERIES FORECASTING WITH TEMPORAL SPLITS, the HF Trainer and Keras share (tasks.DEV50_TASKS:
# b50_season_fc, b50_shift_fc, b50_walk_fc; see gen_torch.b50_recipes): sliding windows of one
# series a seed, the eval windows after the train windows in time, a 4-7 step horizon; a Trainer
# whose model computes the MSE, the MAE or the sMAPE (tasks.b50_loss), eval once an epoch; Keras
# (the MSE forecast of b50_season_fc only) with ReduceLROnPlateau or a big model on a short history.
# Kept in one block at the end of the file (b50_ names): make_model (tasks.b50_model: an MLP reading
# the window's last K values), hf_model's loss, compute_metrics_for (the walk's ratio), noise_text
# and cause are wrapped for these tasks only, machinery writes the twenty-sixth batch's text;
# nothing earlier changes.
from types import SimpleNamespace  # noqa: E402

from tasks import DEV50_TASKS, b50_loss, b50_model, b50_naive_text  # noqa: E402

machinery_as_batch26(DEV50_TASKS)
_b50_prev_make_model = make_model
_b50_prev_hf_model = hf_model
_b50_prev_noise_text = noise_text
_b50_prev_compute_metrics_for = compute_metrics_for
_b50_prev_cause = cause


def make_model(task, size="small", arch=None, dropout=0.0, seed=0):  # noqa: F811
    """Fiftieth batch: tasks.b50_model; else the earlier make_model."""
    net = b50_model(task, size, arch, dropout, seed)
    return net if net is not None else _b50_prev_make_model(task, size, arch, dropout, seed=seed)


def hf_model(task, r: Recipe):  # noqa: F811  (the fiftieth batch's losses)
    """Fiftieth batch: the earlier model with its loss replaced by tasks.b50_loss; else as
    before."""
    inner = _b50_prev_hf_model(task, r)
    if task.name not in DEV50_TASKS:
        return inner
    import torch

    class B50Loss(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = inner

        def forward(self, x, labels=None):
            logits = self.inner(x)["logits"]
            loss = b50_loss(task, logits, labels) if labels is not None else None
            return {"loss": loss, "logits": logits}

    return B50Loss()


def compute_metrics_for(task):  # noqa: F811
    """Fiftieth batch: on b50_walk_fc the model predicts the ratio - 1, so the eval mse / mae
    are of 1 + the output against the ratio; else as before."""
    base = _b50_prev_compute_metrics_for(task)
    if task.name != "b50_walk_fc":
        return base

    def metrics(p):
        logits = p.predictions[0] if isinstance(p.predictions, (tuple, list)) else p.predictions
        return base(SimpleNamespace(predictions=np.asarray(logits) + 1.0, label_ids=p.label_ids))
    return metrics


def noise_text(r: Recipe, task) -> str:  # noqa: F811
    """Fiftieth batch: label_noise is N(0, label_noise^2) noise on the scaled train targets;
    else as before."""
    if r.task in DEV50_TASKS:
        return f", N(0, {r.label_noise:g}^2) noise on the scaled train targets"
    return _b50_prev_noise_text(r, task)


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Fiftieth batch: the window a b50_lastK model reads, the horizon, the loss, the temporal
    split and the naive forecast's val loss are said; else as before."""
    s = _b50_prev_cause(r, task)
    if r.task not in DEV50_TASKS:
        return s
    if (r.arch or "").startswith("b50_last"):
        s += f"; the MLP reads only the window's last {r.arch[len('b50_last'):]} values"
    return s + b50_naive_text(task)


def b50_dev50() -> list[Recipe]:
    """Fiftieth dev batch, hf and Keras (2347-2366 train windows, 74 steps an epoch at batch 32,
    a 2x64 MLP unless named, one evaluation an epoch on the later val windows): Adam 1e-3 for 20
    epochs (healthy); a 2x512 MLP on the last 100 train windows (the regime shifts: 60) with
    noisy targets for 800 steps, eval every 20 (overfitting); the MLP reading only the last 4
    (the walk: 2) values of the window (underfitting); an LR bump x60 for 8 steps at epoch 10,
    no clipping (loss_spike); Adam 1e-4 cut at 4 epochs (still_improving); Keras on the
    seasonal series: Adam 1e-3 with ReduceLROnPlateau for 20 epochs (CSVLogger, healthy), the
    2x512 MLP on 100 windows for 300 epochs (TensorBoard, overfitting), Adam 1e-3 x300 at epoch
    5 (TensorBoard, diverging) and Adam 1e-4 cut at 3 epochs (CSVLogger, still_improving)."""
    out = []
    spe = 74
    for T in DEV50_TASKS:
        M = {"model": "medium", "batch": 32, "opt": "adam"}
        ov_noise = {"b50_walk_fc": 0.1, "b50_shift_fc": 0.6}.get(T, 0.3)
        ov_n = 60 if T == "b50_shift_fc" else 100
        k = 2 if T == "b50_walk_fc" else 4
        out += [
            *R("hf", T, "healthy", "b50-adam1e-3-e20", (1,), **M, lr=1e-3, epochs=20,
               log_every=10, eval_every=0, acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", f"b50-wide-last{ov_n}-noise{ov_noise:g}-800", (2,),
               **dict(M, model="wide"), n_train=ov_n, label_noise=ov_noise, lr=1e-3,
               max_steps=800, log_every=5, eval_every=20, clip=0, acceptable=["healthy"]),
            *R("hf", T, "underfitting", f"b50-last{k}-window-e20", (3,), **M, arch=f"b50_last{k}",
               lr=1e-3, epochs=20, log_every=10, eval_every=0, acceptable=["still_improving"]),
            *R("hf", T, "loss_spike", "b50-lrbump8-x60-e10-noclip", (2,), **M, lr=1e-3,
               epochs=20, log_every=2, eval_every=0, clip=0, bumps=[(spe * 10, 8, 60)],
               acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b50-adam1e-4-cut-e4", (1,), **M, lr=1e-4, epochs=4,
               log_every=10, eval_every=0, acceptable=["underfitting", "healthy"]),
        ]
    T = "b50_season_fc"
    M = {"model": "medium", "batch": 32, "opt": "adam", "log_every": 0}
    out += [
        *R("keras_csv", T, "healthy", "b50-adam1e-3-plateau-e20", (1,), **M, lr=1e-3,
           sched="plateau", epochs=20, acceptable=["still_improving", "overfitting"]),
        *R("keras_tb", T, "overfitting", "b50-wide-last100-noise0.3-e300", (2,),
           **dict(M, model="wide"), n_train=100, label_noise=0.3, lr=1e-3, epochs=300,
           acceptable=["healthy"]),
        *R("keras_tb", T, "diverging", "b50-adam1e-3-x300-e5", (1,), **M, lr=1e-3, epochs=15,
           bumps=[(spe * 5, 10 ** 6, 300)], acceptable=["underfitting", "erratic"]),
        *R("keras_csv", T, "still_improving", "b50-adam1e-4-cut-e3", (3,), **M, lr=1e-4,
           epochs=3, acceptable=["underfitting", "insufficient_data"]),
    ]
    return out


# the fiftieth batch's contact sheets, looked at run by run (as the batches before)
B50_REVIEW = {
    "hf/b50_shift_fc/underfitting-b50-last4-window-e20-s3": (
        "underfitting", ["healthy"],
        "fiftieth batch: the MLP reads only the last 4 of the 32 values: eval MAE flat at "
        "0.98-0.99 from the first evaluation to the last, worse than the naive last-value "
        "forecast's 0.971 (the full-window MLPs reach 0.72-0.85): it never learns the cycle; "
        "the floor check missed it at 1.37x the lowest seed's floor"),
    "hf/b50_walk_fc/healthy-b50-adam1e-3-e20-s1": (
        "still_improving", ["healthy"],
        "fiftieth batch: Adam 1e-3 for 20 epochs on the walk: eval sMAPE 0.028 -> 0.026, still "
        "creeping down in the last quarter; flat to the eye, so healthy is defensible"),
}
REVIEW.update(B50_REVIEW)


add_batch(b50_dev50)


# ----------------------------------------------------------------------------- fifty-second batch
# LOW-PRECISION NUMERICS, the HF Trainer and Keras share (tasks.DEV52_TASKS: b52_quant8,
# b52_hastie2, b52_shells3; see gen_torch.b52_recipes): a Trainer with TrainingArguments(bf16=True,
# use_cpu=True) (bf16 autocast on the CPU), eval once an epoch or every 20 steps; one -inf train
# row (log(0)) whose NaN gradient ends the run (logging_nan_inf_filter logs the train loss as the
# window's mean, the NaN shows in grad_norm and eval_loss); Keras (b52_quant8 only) under the
# "mixed_bfloat16" dtype policy. Kept in one block at the end of the file (b52_ names): run_hf,
# run_keras and cause are wrapped for these tasks only, machinery writes the twenty-sixth batch's
# text; nothing earlier changes.
from tasks import DEV52_TASKS, b52_bad_rows, b52_text  # noqa: E402

machinery_as_batch26(DEV52_TASKS)
_b52_prev_run_hf = run_hf
_b52_prev_run_keras = run_keras
_b52_prev_cause = cause


@dataclass
class B52Recipe(Recipe):
    """A fifty-second batch HF / Keras run: Recipe plus the -inf train rows (hf only)."""
    bad_rows: int = 0


def run_hf(r: Recipe, task, out: Path):  # noqa: F811
    """Fifty-second batch: the earlier run_hf with TrainingArguments(bf16=True) and the -inf
    train rows; else as before."""
    if r.task not in DEV52_TASKS:
        return _b52_prev_run_hf(r, task, out)
    import transformers
    base = transformers.TrainingArguments
    task = replace(task, x_train=b52_bad_rows(task.x_train, getattr(r, "bad_rows", 0), r.seed))
    with patched(transformers, "TrainingArguments", lambda **kw: base(**kw, bf16=True)):
        return _b52_prev_run_hf(r, task, out)


def run_keras(r: Recipe, task, out: Path):  # noqa: F811
    """Fifty-second batch: the earlier run_keras under the "mixed_bfloat16" dtype policy; else
    as before."""
    if r.task not in DEV52_TASKS:
        return _b52_prev_run_keras(r, task, out)
    import keras
    keras.config.set_dtype_policy("mixed_bfloat16")
    try:
        return _b52_prev_run_keras(r, task, out)
    finally:
        keras.config.set_dtype_policy("float32")


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Fifty-second batch: bf16, the -inf rows (no guard) and the chance loss are said; else as
    before."""
    s = _b52_prev_cause(r, task)
    if r.task in DEV52_TASKS:
        s += b52_text(task, "mixed", getattr(r, "bad_rows", 0), False)
    return s


def b52_dev52() -> list[Recipe]:
    """Fifty-second dev batch, hf and Keras (2400 train rows, 75 steps an epoch at batch 32, a
    2x64 MLP unless named, bf16 autocast): AdamW 1e-3 with a linear decay for 12 epochs
    (healthy); one -inf train row, no guard (diverging: NaN ends it); a 2x512 MLP on 100 rows with
    20% flipped labels for 600 steps, eval every 20 (overfitting); a linear model (b52_quant8:
    the tiny MLP) (underfitting); an LR bump x50 for 5 steps at epoch 6, no clipping
    (loss_spike); Keras on b52_quant8: Adam 1e-3 for 15 epochs (CSVLogger, healthy) and the
    2x512 MLP on 100 rows for 200 epochs (TensorBoard, overfitting)."""
    def B(writer, T, regime, variant, seed, **kw):
        return B52Recipe(regime, variant, T, seed=seed, writer=writer, **kw)

    out = []
    spe = 75
    for T in DEV52_TASKS:
        M = {"model": "medium", "batch": 32}
        small = "tiny" if T == "b52_quant8" else "linear"
        out += [
            B("hf", T, "healthy", "b52-bf16-adamw1e-3-linear-e12", 1, **M, lr=1e-3,
              sched="linear", epochs=12, log_every=10, eval_every=0,
              acceptable=["still_improving", "overfitting"]),
            B("hf", T, "diverging", "b52-bf16-1infrow-nan", 2, **M, opt="adam", lr=1e-3,
              epochs=3, log_every=5, eval_every=15, bad_rows=1,
              acceptable=["insufficient_data"]),
            B("hf", T, "overfitting", "b52-bf16-wide-n100-flip0.2-600", 3,
              **dict(M, model="wide"), n_train=100, label_noise=0.2, opt="adam", lr=1e-3,
              max_steps=600, log_every=5, eval_every=20, acceptable=["healthy"]),
            B("hf", T, "underfitting", f"b52-bf16-{small}-e12", 2, **dict(M, model=small),
              opt="adam", lr=1e-3, epochs=12, log_every=10, eval_every=0,
              acceptable=["still_improving"]),
            B("hf", T, "loss_spike", "b52-bf16-lrbump5-x50-e6-noclip", 1, **M, opt="adam",
              lr=1e-3, epochs=12, log_every=2, eval_every=0, clip=0,
              bumps=[(spe * 6, 5, 50)], acceptable=["healthy"]),
        ]
    T = "b52_quant8"
    M = {"model": "medium", "batch": 32, "opt": "adam", "log_every": 0}
    out += [
        B("keras_csv", T, "healthy", "b52-mixedbf16-adam1e-3-e15", 1, **M, lr=1e-3, epochs=15,
          acceptable=["still_improving", "overfitting"]),
        B("keras_tb", T, "overfitting", "b52-mixedbf16-wide-n100-flip0.2-e200", 2,
          **dict(M, model="wide"), n_train=100, label_noise=0.2, lr=1e-3, epochs=200,
          acceptable=["healthy"]),
    ]
    return out


# the fifty-second batch's contact sheets, looked at run by run (as the batches before)
B52_REVIEW = {
    "hf/b52_quant8/loss_spike-b52-bf16-lrbump5-x50-e6-noclip-s1": (
        "healthy", ["loss_spike"],
        "fifty-second batch: the LR x50 for 5 steps at step 450 puts one spike in the train loss "
        "(0.6 -> 1.3) but the eval loss goes on falling smoothly (0.66 -> 0.52) with no bump at "
        "the next evaluation: healthy as the check says; the train spike makes loss_spike "
        "defensible"),
}
REVIEW.update(B52_REVIEW)


add_batch(b52_dev52)



# ----------------------------------------------------------------------------- fifty-first batch
# TWO-PHASE FINE-TUNES LOGGED AS ONE RUN (tasks.DEV51_TASKS), the HF Trainer share: the body
# pre-trained in the script (unlogged, pre_steps) on a related generated task, a fresh head
# trained alone until unfreeze_at (the thirteenth batch's Unfreeze callback), then the whole model
# at a changed LR (a permanent bump from the unfreeze step on), all in one trainer_state / one
# TensorBoard run. The pre-training sources join DEV24_SOURCE (cause); the batch's recipes are
# chained after every earlier recipe (add_batch); nothing earlier changes.
from tasks import B51_SOURCE, DEV51_TASKS, b51_phases_text  # noqa: E402

DEV24_SOURCE.update(B51_SOURCE)


def b51_dev51() -> list[Recipe]:
    """Fifty-first dev batch, hf (a 2x64 MLP body pre-trained for 1500 Adam 2e-3 steps on the
    related task, a fresh head, Adam, constant LR, one evaluation an epoch unless said): 3e-3 on
    the head for 5 epochs, then everything at 6e-4 to epoch 30 (healthy); 3e-3, x100 at the
    unfreeze, no clipping (diverging); a 1x2 (tiny) body never unfrozen (underfitting); a 2x512
    body on 60-100 rows with 20% flipped labels, unfrozen after 40 steps, 600 steps, eval every 30
    (overfitting); Adam 3e-4, unfrozen after 2 epochs, cut at epoch 6, eval every third of an
    epoch (still_improving); an LR bump x50 for 8 steps at epoch 15 after the unfreeze, no
    clipping (loss_spike)."""
    out = []
    for T in DEV51_TASKS:
        bs = 16 if T == "b51_digits_ft" else 32
        spe = 38 if T == "b51_digits_ft" else 63
        un = spe * 5
        n_ov = 60 if T == "b51_digits_ft" else 100
        F = {"model": "medium", "batch": bs, "opt": "adam", "sched": "constant",
             "pre_steps": 1500, "fresh_head": True, "log_every": 5, "eval_every": 0}
        out += [
            *R("hf", T, "healthy", "b51-probe5-unfreeze-lr0.2x-e30", (1,), **F, lr=3e-3,
               unfreeze_at=un, bumps=[(un, 10 ** 6, 0.2)], epochs=30,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "diverging", "b51-probe5-unfreeze-lr-x100-noclip", (2,), **F, lr=3e-3,
               unfreeze_at=un, bumps=[(un, 10 ** 6, 100)], epochs=15, clip=0,
               acceptable=["erratic", "underfitting"]),
            *R("hf", T, "underfitting", "b51-tiny-frozen-body", (3,), **dict(F, model="tiny"),
               lr=3e-3, unfreeze_at=10 ** 9, epochs=30, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", f"b51-wide-n{n_ov}-noise0.2-unfreeze40-600",
               (1,), **dict(F, model="wide", batch=16, eval_every=30), n_train=n_ov,
               label_noise=0.2, lr=1e-3, unfreeze_at=40, max_steps=600, acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b51-adam3e-4-unfreeze2-cut-e6", (2,),
               **dict(F, eval_every=spe // 3), lr=3e-4, unfreeze_at=spe * 2, epochs=6,
               acceptable=["healthy", "underfitting"]),
            *R("hf", T, "loss_spike", "b51-unfreeze-lrbump8-x50-e15-noclip", (3,),
               **dict(F, log_every=1), lr=3e-3, unfreeze_at=un, clip=0,
               bumps=[(un, 10 ** 6, 0.2), (spe * 15, 8, 50)], epochs=30, acceptable=["healthy"]),
        ]
    return out



# the fifty-first batch's contact sheets, looked at run by run (as the batches before)
B51_REVIEW = {
    "hf/b51_cluster_ft/loss_spike-b51-unfreeze-lrbump8-x50-e15-noclip-s3": (
        "loss_spike", ["healthy"],
        "fifty-first batch: an LR bump x50 for 8 steps at epoch 15, no clipping: eval_loss jumps "
        "0.17 -> 0.35 at step 945 and is back at 0.18 two evaluations later, the train loss "
        "spikes to 1.2; the check took the unfreeze jump at step 315 for the spike"),
    "hf/b51_quant_ft/loss_spike-b51-unfreeze-lrbump8-x50-e15-noclip-s3": (
        "loss_spike", ["healthy", "still_improving"],
        "fifty-first batch: an LR bump x50 for 8 steps at epoch 15: eval_loss 0.5 -> 0.65 and the "
        "train loss to 1.0 at step 945, both back on their trend within two epochs; the check "
        "measured the unfreeze jump at step 315 instead"),
    "hf/b51_digits_ft/loss_spike-b51-unfreeze-lrbump8-x50-e15-noclip-s3": (
        "healthy", ["loss_spike"],
        "fifty-first batch: an LR bump x50 for 8 steps at step 570: a train-loss spike to 1.5, "
        "eval_loss does not move; the check's healthy kept, loss_spike defensible"),
}
REVIEW.update(B51_REVIEW)

# Fifty-first batch: the two phases are said (the head alone until unfreeze_at, then the whole
# model, with the LR factor from then on).
cause = cause_with(cause, DEV51_TASKS, lambda r, task: b51_phases_text(r))


add_batch(b51_dev51)


# ----------------------------------------------------------------------------- fifty-fourth batch
# SHORT FINE-TUNES OF 1-5 EPOCHS, the HF Trainer share (tasks.DEV54_TASKS; see
# gen_torch.b54_recipes):
# the common public HF run, a 2x64 MLP body pre-trained in the script (unlogged, pre_steps) on a
# coarser labelling of other rows of the same generator, a fresh head, then a Trainer run of 1-5
# epochs with warm-up + linear decay, logging_steps 10, eval once an epoch or every 30-50 steps
# (1-6 evaluations), metric_for_best_model accuracy or loss and load_best_model_at_end. The sources
# join DEV24_SOURCE (cause); the batch's recipes are chained after every earlier recipe
# (add_batch); nothing earlier changes.
from tasks import B54_SOURCE, DEV54_TASKS  # noqa: E402

DEV24_SOURCE.update(B54_SOURCE)


def b54_dev54() -> list[Recipe]:
    """Fifty-fourth dev batch, hf (1200 train rows at batch 16: 75 steps an epoch; the body
    pre-trained for 800 Adam 2e-3 steps; AdamW, warm-up 10% then linear decay, logging_steps 10):
    1e-3 for 3 epochs evaluated every 50 steps (best accuracy) or 5 epochs evaluated once an epoch
    (best loss) (healthy); a 2x512 body on 60-120 rows with 30% flipped labels, 3e-3 at batch 2
    for 5 epochs, eval per epoch (overfitting from epoch 2); 0.5 after 120 warm-up steps without
    clipping (diverging: the body collapses); 1e-6 (underfitting: barely moves); 3e-4 at a
    constant LR after warm-up, stopped after 2 epochs, eval every 50 steps (still_improving); one
    epoch, one evaluation, logging_steps 25 (insufficient_data); an LR bump x200 for 3 steps or 12
    random-label batches before the third of 6 evaluations, no clipping (loss_spike); 0.05 at
    batch 4 judged every 25 steps on 40 val rows (erratic, friedman only)."""
    ACC = {"best_metric": "accuracy", "load_best": True}
    out = []
    for j, T in enumerate(DEV54_TASKS):
        F = {"model": "medium", "batch": 16, "opt": "adamw", "wd": 0.01, "sched": "linear",
             "warmup_ratio": 0.1, "pre_steps": 800, "fresh_head": True, "log_every": 10,
             "eval_every": 50}
        spike = ({"bumps": [(140, 3, 200)]} if j != 1 else {"poison": [(138, 12, "labels")]})
        n_ov = 60 if T == "b54_sparse6_ft" else 120
        out += [
            *R("hf", T, "healthy", "b54-ft-adamw1e-3-wu-linear-e3-eval50-bestacc", (1,), **F,
               **ACC, lr=1e-3, epochs=3, acceptable=["still_improving", "insufficient_data"]),
            *R("hf", T, "healthy", "b54-ft-adamw1e-3-wu-linear-e5-evalepoch-bestloss", (2,),
               **dict(F, eval_every=0), **LOSS, lr=1e-3, epochs=5,
               acceptable=["still_improving", "insufficient_data"]),
            *R("hf", T, "overfitting", f"b54-ft-wide-n{n_ov}-flip0.3-b2-e5", (1,),
               **dict(F, model="wide", batch=2, eval_every=0), **LOSS, n_train=n_ov,
               label_noise=0.3, lr=3e-3, epochs=5, acceptable=["insufficient_data", "healthy"]),
            *R("hf", T, "diverging", "b54-ft-adamw0.5-wu120-noclip-e3", (3,),
               **dict(F, warmup_ratio=0.0, warmup=120), **ACC, lr=0.5, clip=0, epochs=3,
               acceptable=["underfitting", "erratic"]),
            *R("hf", T, "underfitting", "b54-ft-adamw1e-6-e3", (2,), **F, **ACC, lr=1e-6,
               epochs=3, acceptable=["still_improving", "insufficient_data"]),
            *R("hf", T, "still_improving", "b54-ft-adamw3e-4-constwarm-stopped-e2", (1,),
               **dict(F, sched="constant_with_warmup"), **ACC, lr=3e-4,
               epochs=2, acceptable=["healthy", "underfitting", "insufficient_data"]),
            *R("hf", T, "insufficient_data", "b54-ft-stopped-e1-log25", (3,),
               **dict(F, eval_every=0, log_every=25), **ACC, lr=1e-3, epochs=1),
            *R("hf", T, "loss_spike", "b54-ft-" + ("lrbump3-x200" if j != 1 else "poison12")
               + "-before-eval3-noclip", (2,), **F, **ACC, **spike, lr=1e-3, clip=0, epochs=4,
               acceptable=["healthy"]),
        ]
        if j == 1:
            out += R("hf", T, "erratic", "b54-ft-adamw0.05-b4-val40-e1", (3,),
                     **dict(F, batch=4, eval_every=25), **ACC, n_val=40, lr=0.05, epochs=1,
                     acceptable=["diverging", "underfitting", "healthy"])
    return out


# the fifty-fourth batch's contact sheets, looked at run by run (as the batches before)
B54_REVIEW = {
    "hf/b54_blobs12_ft/loss_spike-b54-ft-lrbump3-x200-before-eval3-noclip-s2": (
        "loss_spike", ["healthy", "erratic"],
        "fifty-fourth batch: an LR bump x200 for 3 steps at step 140, no clipping: eval_loss 1.05 "
        "-> 3.7 at the third evaluation and back to 1.4 and 1.15 by the fifth, the train loss "
        "spikes to 3.3 and falls back; one spike with a recovery, not erratic"),
    "hf/b54_friedman4_ft/erratic-b54-ft-adamw0.05-b4-val40-e1-s3": (
        "erratic", ["healthy", "still_improving"],
        "fifty-fourth batch: AdamW 0.05 at batch 4 on 40 val rows: eval_loss bounces 1.05-1.85 "
        "over the first half, then falls smoothly to 0.7; the check's erratic kept, a late "
        "downward trend makes still_improving defensible"),
    "hf/b54_friedman4_ft/loss_spike-b54-ft-poison12-before-eval3-noclip-s2": (
        "healthy", ["loss_spike", "still_improving"],
        "fifty-fourth batch: 12 random-label batches before the third evaluation: a train-loss "
        "spike to 1.9 at step 145, eval_loss does not move; the check's healthy kept, the train "
        "spike makes loss_spike defensible"),
    "hf/b54_blobs12_ft/diverging-b54-ft-adamw0.5-wu120-noclip-e3-s3": (
        "diverging", ["underfitting"],
        "fifty-fourth batch: AdamW 0.5 after a 120-step warm-up, no clipping: the train loss "
        "climbs 1.6 -> 2.6 (above chance ln 12 = 2.48) as the LR warms up, eval_loss climbs "
        "2.15 -> 2.55 and the accuracy falls 0.2 -> 0.1, under the majority class: the body "
        "collapses, diverging; at chance at the end, so underfitting defensible"),
    "hf/b54_friedman4_ft/diverging-b54-ft-adamw0.5-wu120-noclip-e3-s3": (
        "underfitting", ["diverging", "erratic"],
        "fifty-fourth batch: AdamW 0.5 after a 120-step warm-up: the train loss rises 1.0 -> 1.45 "
        "before the first evaluation, eval_loss flat at chance ln 4 = 1.39 from it on (accuracy "
        "0.42 -> 0.23); the collapse precedes every evaluation: underfitting as the check says, "
        "diverging (its cause) defensible"),
    "hf/b54_sparse6_ft/diverging-b54-ft-adamw0.5-wu120-noclip-e3-s3": (
        "underfitting", ["diverging", "erratic"],
        "fifty-fourth batch: AdamW 0.5 after a 120-step warm-up: the train loss jumps to 2.3 in "
        "the warm-up and sits at chance ln 6 = 1.79, eval_loss 1.9 -> 1.8 at chance from the first "
        "evaluation; underfitting as the check says, diverging (its cause) defensible"),
}
REVIEW.update(B54_REVIEW)


add_batch(b54_dev54)


# ----------------------------------------------------------------------------- fifty-third batch
# RANKING AND RETRIEVAL, the HF Trainer share (tasks.DEV53_TASKS: b53_blobs_list, b53_map_pair,
# b53_digits_trip; see gen_torch.b53_recipes): the dual encoder of tasks.b53_model wrapped to
# return {"loss", "logits"} (the listwise softmax, pairwise or triplet margin loss of
# tasks.b53_loss; the logits the 10 candidates' scores), compute_metrics the eval MRR, recall@1,
# recall@5 and NDCG@5 (tasks.b53_scores) beside eval_loss. Kept in one block at the end of the
# file (b53_ names): hf_model, compute_metrics_for and cause are wrapped for these tasks only,
# machinery writes the twenty-sixth batch's text; nothing earlier changes.
from tasks import DEV53_TASKS, b53_head_text, b53_loss, b53_model, b53_scores, b53_text  # noqa: E402,I001

machinery_as_batch26(DEV53_TASKS)
_b53_prev_hf_model = hf_model
_b53_prev_compute_metrics_for = compute_metrics_for
_b53_prev_cause = cause


def hf_model(task, r: Recipe):  # noqa: F811  (the fifty-third batch's dual encoder)
    """Fifty-third batch: tasks.b53_model with tasks.b53_loss, as Trainer wants it; else as
    before."""
    if task.name not in DEV53_TASKS:
        return _b53_prev_hf_model(task, r)
    import torch

    class B53DualEncoder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.net = b53_model(task, r.model, r.seed)

        def forward(self, x, labels=None):
            logits = self.net(x)
            loss = b53_loss(task, logits, labels) if labels is not None else None
            return {"loss": loss, "logits": logits}

    return B53DualEncoder()


def compute_metrics_for(task):  # noqa: F811
    """Fifty-third batch: the eval MRR, recall@1, recall@5 and NDCG@5 of the candidates'
    scores; else as before."""
    if task.name not in DEV53_TASKS:
        return _b53_prev_compute_metrics_for(task)
    import torch

    def metrics(p):
        logits = p.predictions[0] if isinstance(p.predictions, (tuple, list)) else p.predictions
        s = torch.as_tensor(np.nan_to_num(np.asarray(logits, np.float32)))
        return {k: float(v) for k, v in b53_scores(s, torch.as_tensor(p.label_ids)).items()}
    return metrics


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Fifty-third batch: the dual encoder (tasks.b53_head_text), its loss and scores are said;
    else as before."""
    s = _b53_prev_cause(r, task)
    return b53_head_text(s, r.model) + b53_text(task) if r.task in DEV53_TASKS else s


def b53_dev53() -> list[Recipe]:
    """Fifty-third dev batch, hf (2000 train queries of 10 candidates, 63 steps an epoch at batch
    32, the medium dual encoder unless named, one evaluation an epoch unless said): AdamW 1e-3
    with a linear decay for 15 epochs (healthy); the wide encoder on 60 queries with 10% wrong
    relevance marks, 600 steps, eval every 20 (overfitting); 2-d linear embeddings
    (underfitting); SGD with the LR x1.02 a step, no clipping (diverging); an LR bump x50 for 5
    steps at epoch 6, no clipping (loss_spike); Adam 3e-4 cut at 3 epochs, eval every 21 steps
    (still_improving)."""
    out = []
    spe = 63
    for T in DEV53_TASKS:
        M = {"model": "medium", "batch": 32}
        out += [
            *R("hf", T, "healthy", "b53-adamw1e-3-linear-e15", (1,), **M, lr=1e-3,
               sched="linear", epochs=15, log_every=10, eval_every=0,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", "b53-wide-n60-noisy0.1-600", (2,),
               **dict(M, model="wide", batch=16), n_train=60, label_noise=0.1, opt="adam",
               lr=1e-3, max_steps=600, log_every=5, eval_every=20, acceptable=["underfitting"]),
            *R("hf", T, "underfitting", "b53-tiny-emb2-e15", (3,), **dict(M, model="tiny"),
               opt="adam", lr=3e-3, epochs=15, log_every=10, eval_every=0,
               acceptable=["still_improving"]),
            *R("hf", T, "diverging", "b53-sgd0.01-grow1.02-noclip", (1,), **M, opt="sgd",
               lr=0.01, sched="grow", grow=1.02, max_steps=500, clip=0, log_every=5,
               eval_every=25, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b53-lrbump5-x50-e6-noclip", (2,), **M, opt="adam",
               lr=1e-3, epochs=12, log_every=2, eval_every=0, clip=0,
               bumps=[(spe * 6, 5, 50)], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b53-adam3e-4-cut-e3-eval21", (3,), **M,
               opt="adam", lr=3e-4, epochs=3, log_every=5, eval_every=21,
               acceptable=["healthy", "underfitting"]),
        ]
    return out


add_batch(b53_dev53)


# ----------------------------------------------------------------------------- fifty-sixth batch
# VAL LOSS AND VAL SCORE DISAGREE, the HF Trainer and Keras share (tasks.DEV56_TASKS: b56_noisy6,
# b56_imb4, b56_blobs5; see gen_torch.b56_recipes): MLPs trained long on 20-30% flipped labels
# without label smoothing, their eval_loss climbing from over-confidence while eval_accuracy /
# macro eval_f1 stays flat or creeps up. Runs that keep the best eval_accuracy or eval_f1
# (metric_for_best_model, load_best_model_at_end) are judged on that score, as every earlier
# best-metric run; the same training judged on eval_loss is overfitting. Kept in one block at the
# end of the file (b56_ names): machinery writes the twenty-sixth batch's text for these tasks,
# cause says the class balance (tasks.b56_text); nothing earlier changes.
from tasks import DEV56_TASKS, b56_text  # noqa: E402

machinery_as_batch26(DEV56_TASKS)
cause = cause_with(cause, DEV56_TASKS, lambda r, task: b56_text(task))


def b56_dev56() -> list[Recipe]:
    """Fifty-sixth dev batch, hf and Keras (batch 64 on the 1500-row tasks, 24 steps an epoch;
    batch 16 on the 300 blobs rows; a 2x64 MLP unless named, eval once an epoch): AdamW 1e-3 for
    30 epochs keeping the best eval_f1 (healthy); the 2x128 MLP on 400 rows (blobs 300) with 20%
    flipped labels for 80 epochs keeping the best eval_accuracy (seed 2) or eval_f1 (seed 3)
    (labelled by that score: healthy while it holds, the rising eval_loss an acceptable
    overfitting) or keeping the lowest eval_loss (overfitting); the same on 150 rows with 30%
    flipped for 200 epochs keeping the best eval_accuracy (overfitting: the score falls too); a
    linear model / 2 units (underfitting); two of: Adam 0.03 at batch 4 on 60 val rows, no
    clipping (erratic), Adam 1e-3 raised x300 at epoch 10 for good (the imbalanced task: SGD 0.01
    with the LR x1.02 a step) (diverging), an LR bump x60 for
    8 steps at epoch 15 (loss_spike), Adam 3e-4 cut at 5 epochs (still_improving), 20 steps
    (insufficient_data); Keras: AdamW 1e-3 for 30 epochs (CSVLogger), the 2x128 MLP on 400 rows
    with 20% flipped for 120 epochs (TensorBoard)."""
    ACC, F1 = {"best_metric": "accuracy", "load_best": True}, {"best_metric": "f1",
                                                                "load_best": True}
    out = []
    for j, T in enumerate(DEV56_TASKS):
        small = T == "b56_blobs5"
        b = 16 if small else 64
        spe = -(-(300 if small else 1500) // b)
        n_ov = 300 if small else 400
        u_model = "linear" if T == "b56_imb4" else "tiny"
        M = {"model": "medium", "batch": b, "log_every": 5, "eval_every": 0}
        ov = dict(M, model="wide", batch=32, n_train=n_ov, label_noise=0.2)
        rot = {
            "erratic": R("hf", T, "erratic", "b56-adam0.03-b4-val60-noclip", (1,),
                         **dict(M, batch=4, log_every=10, eval_every=50), n_val=60, opt="adam",
                         lr=0.03, epochs=4 if not small else 10, clip=0,
                         acceptable=["underfitting", "diverging"]),
            "diverging": (R("hf", T, "diverging", "b56-adam1e-3-x300-e10-noclip", (2,), **M,
                            opt="adam", lr=1e-3, epochs=30, clip=0,
                            bumps=[(spe * 10, 10 ** 6, 300)],
                            acceptable=["underfitting", "erratic"]) if j != 1 else
                          R("hf", T, "diverging", "b56-sgd0.01-grow1.02-noclip", (2,),
                            **dict(M, eval_every=25), opt="sgd", lr=0.01, sched="grow",
                            grow=1.02, max_steps=500, clip=0, acceptable=["erratic"])),
            "loss_spike": R("hf", T, "loss_spike", "b56-lrbump8-x60-e15-noclip", (2,),
                            **dict(M, log_every=2), opt="adam", lr=1e-3, epochs=30, clip=0,
                            bumps=[(spe * 15, 8, 60)], acceptable=["healthy"]),
            "still_improving": R("hf", T, "still_improving", "b56-adam3e-4-cut-e5", (1,),
                                 **dict(M, eval_every=spe // 3), opt="adam", lr=3e-4,
                                 epochs=5, acceptable=["underfitting", "healthy"]),
            "insufficient_data": R("hf", T, "insufficient_data", "b56-stopped20", (3,),
                                   **dict(M, log_every=10, eval_every=20), opt="adam",
                                   lr=1e-3, max_steps=20),
        }
        pick = [("erratic", "loss_spike"), ("diverging", "still_improving"),
                ("loss_spike", "insufficient_data")][j]
        out += [
            *R("hf", T, "healthy", "b56-adamw1e-3-e30-best-f1", (1,), **M, **F1, opt="adamw",
               wd=0.01, lr=1e-3, epochs=30, acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "healthy", f"b56-wide-n{n_ov}-flip0.2-e80-best-acc", (2,), **ov, **ACC,
               opt="adam", lr=1e-3, epochs=80, acceptable=["overfitting"]),
            *R("hf", T, "healthy", f"b56-wide-n{n_ov}-flip0.2-e80-best-f1", (3,), **ov, **F1,
               opt="adam", lr=1e-3, epochs=80, acceptable=["overfitting"]),
            *R("hf", T, "overfitting", f"b56-wide-n{n_ov}-flip0.2-e80-best-loss", (1,), **ov,
               **LOSS, opt="adam", lr=1e-3, epochs=80, acceptable=["healthy"]),
            *R("hf", T, "overfitting", "b56-wide-n150-flip0.3-e200-best-acc", (2,),
               **dict(ov, batch=16, n_train=150, label_noise=0.3), **ACC, opt="adam", lr=1e-3,
               epochs=200, acceptable=["healthy"]),
            *R("hf", T, "underfitting", f"b56-{u_model}-adam3e-3-e30", (3,),
               **dict(M, model=u_model), opt="adam", lr=3e-3, epochs=30,
               acceptable=["still_improving"]),
            *rot[pick[0]], *rot[pick[1]],
            *R("keras_csv" if j != 1 else "keras_tb", T, "healthy", "b56-adamw1e-3-e30", (1,),
               **dict(M, log_every=0), opt="adamw", wd=0.01, lr=1e-3, epochs=30,
               acceptable=["still_improving", "overfitting"]),
            *R("keras_tb" if j != 1 else "keras_csv", T, "overfitting",
               f"b56-wide-n{n_ov}-flip0.2-e120", (2,), **dict(ov, log_every=0), opt="adam",
               lr=1e-3, epochs=120, acceptable=["healthy"]),
        ]
    return out


# the fifty-sixth batch's contact sheets, looked at run by run (as the batches before)
B56_REVIEW = {
    "hf/b56_imb4/healthy-b56-wide-n400-flip0.2-e80-best-f1-s3": (
        "overfitting", [],
        "fifty-sixth batch: the 2x512 MLP on 400 imbalanced rows with 20% flipped labels, keeping "
        "the best eval_f1: eval_loss best 0.55 at step ~100, then up to 1.55 while the train loss "
        "goes to 0, eval_accuracy falls 0.85 -> 0.74 (below the majority share) with it: the "
        "score falls too, overfitting, not the check's underfitting"),
    "hf/b56_noisy6/underfitting-b56-tiny-adam3e-3-e30-s3": (
        "underfitting", ["still_improving"],
        "fifty-sixth batch: a 2-unit hidden layer on the 6 classes: eval_loss 1.84 -> 0.86, "
        "flattening over the last third (0.95 -> 0.86), eval_accuracy 0.65 against the 2x64 MLP's "
        "0.87 and a loss 4.5x its 0.19: a model too small, underfitting; the slow drift keeps the "
        "check's still_improving defensible"),
    "hf/b56_blobs5/underfitting-b56-tiny-adam3e-3-e30-s3": (
        "still_improving", ["underfitting"],
        "fifty-sixth batch: a 2-unit hidden layer on the 5 blobs: eval_loss 1.61 -> 1.27 falling "
        "at a steady rate to the last evaluation, eval_accuracy 0.2 -> 0.46 still rising: the "
        "check's still_improving kept; its level, 2.7x the 2x64 MLP's, makes underfitting "
        "defensible"),
}
REVIEW.update(B56_REVIEW)


add_batch(b56_dev56)


# ----------------------------------------------------------------------------- fifty-seventh batch
# UNDERFITTING BY CAUSES OTHER THAN MODEL SIZE, the HF Trainer and Keras share
# (tasks.DEV57_TASKS; see gen_torch.b57_recipes): the 2x64 MLP that trains well with AdamW 1e-3
# held back by AdamW weight decay 3, a frozen random body (only the last Linear trains), AdamW
# 3e-5 for 6 epochs or SGD 1e-4 for 10 epochs; SGD on the unnormalised copy of b57_wave4 (label
# smoothing and an L2 term reach the hf / Keras loss only for the thirteenth batch's kinds, so
# they stay torch-only here). Kept in one block at the end of the file (b57_ names):
# machinery writes the twenty-sixth batch's text for these tasks, cause says the input scale
# (tasks.b57_text); nothing earlier changes.
from tasks import DEV57_TASKS, b57_text  # noqa: E402

machinery_as_batch26(DEV57_TASKS)
cause = cause_with(cause, DEV57_TASKS, lambda r, task: b57_text(task))


def b57_dev57() -> list[Recipe]:
    """Fifty-seventh dev batch, hf and Keras (1500 rows, batch 64: 24 steps an epoch; the 2x64
    MLP unless named; eval once an epoch): AdamW 1e-3 (wd 0.01) for 30 epochs (healthy); the
    same with weight decay 3, a frozen random body, AdamW 3e-5 for 6 epochs or SGD 1e-4 for 10
    epochs (underfitting); two of: the 2x512 MLP on 150 rows with 20% flipped
    labels for 150 epochs (overfitting), 20 steps (insufficient_data), Adam 0.03 at batch 4 on 60
    val rows, no clipping (erratic), AdamW 3e-4 cut at 5 epochs (still_improving), an LR bump x60
    for 8 steps at epoch 15 (loss_spike); SGD 1e-8 on the inputs left at 1e3-1e4
    (underfitting); Keras: AdamW 1e-3 for 30 epochs (healthy) and AdamW weight decay 3
    (underfitting)."""
    out = []
    for j, T in enumerate(DEV57_TASKS[:3]):
        M = {"model": "medium", "batch": 64, "log_every": 5, "eval_every": 0}
        rot = {
            "overfitting": R("hf", T, "overfitting", "b57-wide-n150-flip0.2-e150", (1,),
                             **dict(M, model="wide", batch=16, log_every=10), n_train=150,
                             label_noise=0.2, opt="adam", lr=1e-3, epochs=150,
                             acceptable=["healthy"]),
            "insufficient_data": R("hf", T, "insufficient_data", "b57-stopped20", (3,),
                                   **dict(M, log_every=10, eval_every=20), opt="adam",
                                   lr=1e-3, max_steps=20),
            "erratic": R("hf", T, "erratic", "b57-adam0.03-b4-val60-noclip", (1,),
                         **dict(M, batch=4, log_every=10, eval_every=50), n_val=60, opt="adam",
                         lr=0.03, epochs=3, clip=0, acceptable=["underfitting", "diverging"]),
            "still_improving": R("hf", T, "still_improving", "b57-adamw3e-4-cut-e5", (2,),
                                 **dict(M, eval_every=8), lr=3e-4, epochs=5,
                                 acceptable=["underfitting", "healthy"]),
            "loss_spike": R("hf", T, "loss_spike", "b57-lrbump8-x60-e15-noclip", (2,),
                            **dict(M, log_every=2), opt="adam", lr=1e-3, epochs=30, clip=0,
                            bumps=[(24 * 15, 8, 60)], acceptable=["healthy"]),
        }
        pick = [("overfitting", "insufficient_data"), ("erratic", "still_improving"),
                ("loss_spike", "overfitting")][j]
        out += [
            *R("hf", T, "healthy", "b57-adamw1e-3-e30", (1,), **M, wd=0.01, lr=1e-3, epochs=30,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "underfitting", "b57-adamw1e-3-wd3-e30", (2,), **M, wd=3.0, lr=1e-3,
               epochs=30, acceptable=["still_improving"]),
            *R("hf", T, "underfitting", "b57-sgd1e-4-e10", (3,), **M, opt="sgd", lr=1e-4,
               epochs=10, acceptable=["still_improving"]),
            *R("hf", T, "underfitting", "b57-frozen-body-head-only-e30", (1,), **M,
               unfreeze_at=10 ** 9, wd=0.01, lr=1e-3, epochs=30, acceptable=["still_improving"]),
            *R("hf", T, "underfitting", "b57-adamw3e-5-e6", (2,), **dict(M, eval_every=12),
               wd=0.01, lr=3e-5, epochs=6, acceptable=["still_improving"]),
            *rot[pick[0]], *rot[pick[1]],
            *R("keras_csv" if j != 1 else "keras_tb", T, "healthy", "b57-adamw1e-3-e30", (1,),
               **dict(M, log_every=0), wd=0.01, lr=1e-3, epochs=30,
               acceptable=["still_improving", "overfitting"]),
            *R("keras_tb" if j != 1 else "keras_csv", T, "underfitting", "b57-adamw1e-3-wd3-e30",
               (2,), **dict(M, log_every=0), wd=3.0, lr=1e-3, epochs=30,
               acceptable=["still_improving", "healthy"]),
        ]
    out += R("hf", "b57_wave4_raw", "underfitting", "b57-raw-inputs-sgd1e-8-e30", (3,),
             model="medium", batch=64, log_every=5, eval_every=0, opt="sgd", lr=1e-8,
             epochs=30, acceptable=["still_improving"])
    return out


# the fifty-seventh batch's contact sheets, looked at run by run (as the batches before)
B57_REVIEW = {
    "hf/b57_hastie/underfitting-b57-adamw1e-3-wd3-e30-s2": (
        "healthy", ["underfitting", "still_improving"],
        "fifty-seventh batch: AdamW weight decay 3 on b57_hastie: eval_loss 0.69 -> 0.28, levelled "
        "over the last third, the train loss held at 0.25 (the wd-0.01 run's 0.05, eval_loss "
        "0.17), eval_accuracy 0.92 against its 0.94: the check's healthy kept; the train loss "
        "held up by the decay makes underfitting defensible"),
    "keras_csv/b57_hastie/underfitting-b57-adamw1e-3-wd3-e30-s2": (
        "healthy", ["underfitting", "still_improving"],
        "fifty-seventh batch: Keras AdamW weight decay 3 on b57_hastie: val_loss 0.68 -> 0.30 "
        "levelled, the train loss held at 0.26 (the good Keras run's 0.08, val_loss 0.26), val "
        "accuracy 0.93: healthy kept, underfitting defensible"),
}
REVIEW.update(B57_REVIEW)


add_batch(b57_dev57)


# ----------------------------------------------------------------------------- fifty-eighth batch
# LATE TROUBLE IN LONG RUNS, the HF Trainer and Keras share (tasks.DEV58_TASKS: b58_class8_long,
# b58_friedman_long, b58_moons_long; see gen_torch.b58_recipes): 3,000-step Trainer runs (batch
# 32, logging_steps 10, eval every 100 steps, no gradient clipping in the troubled ones) that go
# well for most of the run and then meet a late LR step up held to the end, a late warm restart
# of 150 steps, poisoned batches late, or an LR creeping up a little each step, beside long
# healthy runs with cosine decay to the end. Kept in one block at the end of the file (b58_
# names): machinery writes the twenty-sixth batch's text for these tasks; nothing earlier changes.
from tasks import DEV58_TASKS  # noqa: E402

machinery_as_batch26(DEV58_TASKS)


def b58_dev58() -> list[Recipe]:
    """Fifty-eighth dev batch, hf and Keras (batch 32, a 2x64 MLP unless named): AdamW 1e-3
    cosine to the end of 3,000 steps (healthy); AdamW 1e-3 constant with the LR x100 from step
    2,200 to the end, no clipping (diverging); the cosine run with the LR x100 for 150 steps at
    step 2,200, no clipping (loss_spike); 20 random-label batches at step 2,300 (loss_spike);
    Adam 3e-4 with the LR x1.0024 a step (x1,300 by the end), no clipping (diverging); the
    2x128 MLP on 150 rows (overfitting); a 2-unit / linear model (underfitting); Adam 1e-4,
    cosine planned for 6,000 steps, cut at 1,000 (still_improving); 30 steps
    (insufficient_data); Keras (batch 64): AdamW 1e-3 cosine for 40 epochs (CSVLogger /
    TensorBoard), the 2x128 MLP on 150 rows for 300 epochs."""
    out = []
    for j, T in enumerate(DEV58_TASKS):
        M = {"model": "medium", "batch": 32, "log_every": 10, "eval_every": 100}
        C = dict(M, opt="adamw", lr=1e-3, sched="cosine", max_steps=3000)
        u_model = "linear" if j != 0 else "tiny"
        rot = {
            "poison": R("hf", T, "loss_spike", "b58-cosine-poison-labels20-at2300", (1,),
                        **dict(C, log_every=2), clip=0, poison=[(2300, 20, "labels")],
                        acceptable=["healthy"]),
            "creep": R("hf", T, "diverging", "b58-adam3e-4-creep1.0024-noclip", (3,),
                       **dict(M, opt="adam", lr=3e-4, sched="grow", grow=1.0024,
                              max_steps=3000), clip=0, acceptable=["erratic"]),
            "still": R("hf", T, "still_improving", "b58-adam1e-4-cosine6000-cut1000", (2,),
                       **dict(M, opt="adam", lr=1e-4, sched="cosine", max_steps=1000),
                       planned=6000, acceptable=["healthy", "underfitting"]),
            "insuf": R("hf", T, "insufficient_data", "b58-stopped30", (3,),
                       **dict(M, eval_every=15), opt="adam", lr=1e-3, max_steps=30),
        }
        pick = [("poison", "still"), ("creep", "insuf"), ("poison", "creep")][j]
        out += [
            *R("hf", T, "healthy", "b58-adamw1e-3-cosine-3000", (1, 2), **C,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "diverging", "b58-adamw1e-3-late-lr-x100-held-noclip", (2,),
               **dict(C, sched="constant"), clip=0, bumps=[(2200, 10 ** 6, 100)],
               acceptable=["erratic", "loss_spike"]),
            *R("hf", T, "loss_spike", "b58-cosine-late-restart-x100-150-noclip", (3,), **C,
               clip=0, bumps=[(2200, 150, 100)], acceptable=["healthy", "erratic"]),
            *R("hf", T, "overfitting", "b58-wide-n150-3000", (1,),
               **dict(M, model="wide", opt="adam", lr=1e-3, max_steps=3000), n_train=150,
               acceptable=["healthy"]),
            *R("hf", T, "underfitting", f"b58-{u_model}-adam3e-3-2000", (2,),
               **dict(M, model=u_model, opt="adam", lr=3e-3, max_steps=2000),
               acceptable=["still_improving"]),
            *rot[pick[0]], *rot[pick[1]],
            *R("keras_csv" if j != 1 else "keras_tb", T, "healthy", "b58-adamw1e-3-cosine-e40",
               (1,), model="medium", batch=64, log_every=0, opt="adamw", lr=1e-3,
               sched="cosine", epochs=40, acceptable=["still_improving", "overfitting"]),
            *R("keras_tb" if j != 1 else "keras_csv", T, "overfitting", "b58-wide-n150-e300",
               (2,), model="wide", batch=64, log_every=0, opt="adam", lr=1e-3, epochs=300,
               n_train=150, acceptable=["healthy"]),
        ]
    return out


# the fifty-eighth batch's contact sheets, looked at run by run (as the batches before)
B58_REVIEW = {
    "hf/b58_class8_long/underfitting-b58-tiny-adam3e-3-2000-s2": (
        "underfitting", ["still_improving"],
        "fifty-eighth batch: a 2-unit hidden layer on the 8 classes: eval_loss 1.86 -> 1.17, "
        "still drifting down at the end, eval_accuracy 0.56 against the 2x64 MLP's 0.93 and a "
        "loss 7x its 0.17: a model too small, underfitting; the slow drift keeps the check's "
        "still_improving defensible"),
    "hf/b58_friedman_long/overfitting-b58-wide-n150-3000-s1": (
        "overfitting", ["healthy", "underfitting"],
        "fifty-eighth batch: the 2x512 MLP on 150 rows: the train loss ~0 from step 100 "
        "(memorised) while eval_loss sits flat at 0.13, 7x the 4,000-row model's 0.018: "
        "overfitting by its gap, not the check's still_improving (the loss does not fall); the val "
        "loss does not rise, so healthy and underfitting (its level) stay defensible"),
    "keras_csv/b58_friedman_long/overfitting-b58-wide-n150-e300-s2": (
        "overfitting", ["healthy", "underfitting"],
        "fifty-eighth batch: the 2x512 Keras MLP on 150 rows for 300 epochs: the train loss ~0 "
        "from epoch 20 while val_loss sits flat at 0.18, 10x the 4,000-row model's 0.018: "
        "memorised, overfitting by its gap (as the torch and hf runs); the flat val loss keeps the "
        "check's healthy defensible"),
    "hf/b58_moons_long/loss_spike-b58-cosine-late-restart-x100-150-noclip-s3": (
        "loss_spike", ["healthy"],
        "fifty-eighth batch: a warm restart (LR x100 for 150 steps at step 2,200) after a good "
        "cosine run: the train loss jumps to 0.3, eval_loss 0.15 -> 0.22 at step 2,300 and back to "
        "0.15 by 2,400, flat after: a small spike that recovers, loss_spike (healthy "
        "defensible), not the check's still_improving: nothing falls at the end"),
}
REVIEW.update(B58_REVIEW)


add_batch(b58_dev58)



# ----------------------------------------------------------------------------- fifty-ninth batch
# MULTI-EPOCH FINE-TUNES OF SMALL LANGUAGE MODELS ON SMALL CORPORA (tasks.DEV59_TASKS:
# b59_markov_ft, b59_subtract_ft, b59_grammar_ft; see gen_torch.b59_recipes): the HF Trainer
# share, a 1-layer width-32 GPT-style causal transformer (or a GRU LM) pre-trained, unlogged, for
# 300 Adam steps on a thirty-eighth-batch stream (pre_steps), then fine-tuned for 2-20 epochs on
# 200-1000 windows of 32 tokens of another distribution (batch 32: 32 steps an epoch), AdamW
# with weight_decay 0.1, warm-up then cosine or linear decay, max_grad_norm 1.0, the train loss
# every 5-10 steps, eval twice an epoch or once, and eval_perplexity = exp(eval_loss) logged with
# every evaluation (as run_clm-style scripts report it). Kept in one block at the end of the
# file: run_hf is wrapped for these tasks only (tasks.for_tasks: Trainer.log adds the perplexity
# while the run lasts), the pre-training sources join DEV24_SOURCE and the corpus size cause()
# (tasks.b59_text); nothing earlier changes.
from tasks import B59_SOURCE_TEXT, DEV59_TASKS, b59_text  # noqa: E402

DEV24_SOURCE.update(B59_SOURCE_TEXT)
cause = cause_with(cause, DEV59_TASKS, lambda r, task: b59_text(task))
machinery_as_batch26(DEV59_TASKS)
_b59_prev_run_hf = run_hf


# Fifty-ninth batch: the earlier run_hf with the perplexity logged (as batch 38's).
run_hf = for_tasks(DEV59_TASKS, with_eval_perplexity(_b59_prev_run_hf), _b59_prev_run_hf)


def b59_dev59() -> list[Recipe]:
    """Fifty-ninth dev batch, hf (1000 windows of 32 tokens, batch 32: 32 steps an epoch; a
    1-layer width-32 GPT pre-trained 300 steps unless named): AdamW 3e-3 (wd 0.1), 20 warm-up
    steps then cosine, max_grad_norm 1.0, 3 epochs, eval every 16 steps, or linear decay over 5
    epochs (healthy); a wide GRU LM on 200 windows for 30 epochs at batch
    8, evaluated twice an epoch (overfitting); Adam 0.2 with no warm-up or clipping (the loss parks
    near the unigram entropy: underfitting); a width-8 model (underfitting); SGD with the LR x1.02
    a step, no clipping (diverging); 30 random-token batches at step 80 or an LR bump x30 for 8
    steps without clipping (loss_spike); Adam 1e-4 on a cosine planned for 30 epochs cut after 2
    (still_improving); 12 steps (insufficient_data)."""
    out = []
    for j, T in enumerate(DEV59_TASKS):
        G = {"model": "small", "arch": "transformer", "pre_steps": 300, "batch": 32}
        W = dict(G, opt="adamw", wd=0.1, clip=1.0)
        out += [
            *R("hf", T, "healthy", "b59-ft-warmcos-e3-eval16", (1, 2), **W, lr=3e-3,
               sched="cosine", warmup=20, epochs=3, log_every=5, eval_every=16,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "healthy", "b59-ft-warmlin-e5-eval16", (3,), **W, lr=2e-3,
               sched="linear", warmup=20, epochs=5, log_every=10, eval_every=16,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", "b59-gru-ft-wide-n200-b8-e30", (1, 2),
               **dict(W, arch="gru", model="wide", batch=8, wd=0.0), n_train=200, lr=2e-3,
               epochs=30, log_every=5, eval_every=13, acceptable=["healthy"]),
            *R("hf", T, "underfitting", "b59-ft-adam0.2-noclip", (1,), **dict(G, opt="adam"),
               lr=0.2, clip=0, epochs=3, log_every=10, eval_every=16,
               acceptable=["erratic", "diverging"]),
            *R("hf", T, "underfitting", "b59-ft-tiny-warmcos-e3", (2,), **dict(W, model="tiny"),
               lr=3e-3, sched="cosine", warmup=20, epochs=3, log_every=5, eval_every=16,
               acceptable=["still_improving"]),
            *R("hf", T, "diverging", "b59-ft-sgd-grow1.02-noclip", (3,), **dict(G, opt="sgd"),
               lr=0.01, sched="grow", grow=1.02, clip=0, max_steps=320, log_every=5,
               eval_every=16, acceptable=["underfitting"]),
            *R("hf", T, "loss_spike", "b59-ft-poison-tokens30-at80", (1,), **W, lr=3e-3,
               sched="cosine", warmup=20, epochs=6, log_every=2, eval_every=8,
               poison=[(80, 30, "labels")], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b59-ft-lrbump8-x30-noclip", (2,), **dict(G, opt="adam"),
               lr=1e-3, clip=0, epochs=4, log_every=2, eval_every=8, bumps=[(64, 8, 30)],
               acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b59-ft-adam1e-4-cosine30ep-cut2", (3,), **W,
               lr=1e-4, sched="cosine", planned=960, max_steps=64, log_every=5, eval_every=8,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "insufficient_data", "b59-ft-stopped12", (1,), **W, lr=1e-3,
               max_steps=12, log_every=4, eval_every=6),
        ]
    return out


# the fifty-ninth batch's contact sheets, looked at run by run (as the batches before)
B59_REVIEW = {
    "hf/b59_grammar_ft/loss_spike-b59-ft-poison-tokens30-at80-s1": (
        "loss_spike", ["healthy"],
        "fifty-ninth batch: 30 random-token batches at step 80 of a 6-epoch cosine fine-tune: "
        "eval_loss 2.4 -> 3.7 and eval_accuracy 0.27 -> 0.05, back to 2.5 / 0.26 by step 130 and "
        "level: a spike that recovers, loss_spike, not the check's healthy (peak 1.8x)"),
    "hf/b59_subtract_ft/loss_spike-b59-ft-poison-tokens30-at80-s1": (
        "loss_spike", ["healthy", "underfitting"],
        "fifty-ninth batch: 30 random-token batches at step 80: eval_loss 1.8 -> 2.6 and "
        "eval_accuracy 0.4 -> 0.2, back to 1.9 / 0.4 by step 150: loss_spike, not the check's "
        "underfitting (peak 1.9x the local level, under its 2x)"),
    "hf/b59_subtract_ft/loss_spike-b59-ft-lrbump8-x30-noclip-s2": (
        "loss_spike", ["underfitting"],
        "fifty-ninth batch: an LR bump x30 for 8 steps without clipping: eval_loss 2.0 -> 2.4 and "
        "eval_accuracy 0.4 -> 0.18 at the bump, then falling again to 2.1 / 0.3 by the end: a "
        "spike with most of a recovery, loss_spike; the level left above the pre-bump best keeps "
        "the check's underfitting defensible"),
    "hf/b59_grammar_ft/overfitting-b59-gru-ft-wide-n200-b8-e30-s1": (
        "overfitting", ["healthy"],
        "fifty-ninth batch: the wide GRU LM on 200 windows for 30 epochs: eval_loss bottoms at "
        "2.02 by step 150 and climbs steadily to 2.38 while the train loss falls 2.0 -> 1.2: "
        "memorising a small corpus, overfitting (a 17% rise on a loss floored by the grammar's "
        "entropy, under the check's threshold)"),
    "hf/b59_grammar_ft/overfitting-b59-gru-ft-wide-n200-b8-e30-s2": (
        "overfitting", ["healthy"],
        "fifty-ninth batch: as seed 1: eval_loss 2.02 -> 2.38 rising for the last 600 steps, train "
        "2.0 -> 1.2 falling: overfitting"),
    "hf/b59_subtract_ft/overfitting-b59-gru-ft-wide-n200-b8-e30-s1": (
        "overfitting", ["healthy"],
        "fifty-ninth batch: the wide GRU LM on 200 windows of subtractions: eval_loss 1.5 at step "
        "300, rising steadily to 1.66 while the train loss falls 1.5 -> 1.0: overfitting"),
}
REVIEW.update(B59_REVIEW)


add_batch(b59_dev59)


# ----------------------------------------------------------------------------- sixty-first batch
# LOSS SPIKES OF EVERY SHAPE IN NOISY PER-STEP LOGS, the HF Trainer and Keras share
# (tasks.DEV61_TASKS: b61_blobs6, b61_friedman1, b61_seqcount; see gen_torch.b61_recipes): batch 8,
# logging_steps 1, eval 4 times an epoch; 10 batches of random labels at step 400, LR bumps x30 for
# 3 steps or x3 for 50 steps (max_grad_norm off), each beside a healthy twin with the same
# per-batch noise, and every other regime by its usual cause. Kept in one block at the end of the
# file (b61_ names): cause() gets the task text (tasks.b61_text); nothing earlier changes.
from tasks import DEV61_TASKS, b61_text  # noqa: E402

machinery_as_batch26(DEV61_TASKS)
cause = cause_with(cause, DEV61_TASKS, lambda r, task: b61_text(task))


def b61_dev61() -> list[Recipe]:
    """Sixty-first dev batch, hf and Keras (1500 rows, batch 8: 188 steps an epoch; logging_steps
    1, eval every 47 steps; the 2x32 MLP, a GRU on b61_seqcount): Adam 1e-3 for 4 epochs (healthy);
    10 batches of random labels at step 400, an LR bump x30 for 3 steps or x3 for 50 steps without
    clipping (loss_spike); the 2x128 MLP on 100 rows for 100 epochs (overfitting); SGD with the LR
    x1.02 a step, no clipping (diverging); Adam 1e-4 cut at 300 steps (still_improving); 12 steps
    (insufficient_data); Keras: Adam 1e-3 for 20 epochs (healthy) on the two tables."""
    out = []
    for j, T in enumerate(DEV61_TASKS):
        lr = 3e-3 if T == "b61_seqcount" else 1e-3
        ep = 10 if T == "b61_friedman1" else 4  # friedman1 still falls after 4 epochs
        M = {"batch": 8, "log_every": 1, "eval_every": 47, "opt": "adam"}
        out += [
            *R("hf", T, "healthy", "b61-adam-b8-e4", (1, 2), **M, lr=lr, epochs=ep, clip=0,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "loss_spike", "b61-poison10-at400", (1,), **M, lr=lr, epochs=ep, clip=0,
               poison=[(400, 10, "labels")], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b61-lrbump3-x30-at400-noclip", (2,), **M, lr=lr, epochs=ep,
               clip=0, bumps=[(400, 3, 30)], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b61-lrbump50-x3-at400-noclip", (3,), **M, lr=lr,
               epochs=ep, clip=0, bumps=[(400, 50, 3)], acceptable=["healthy"]),
            *R("hf", T, "overfitting", "b61-wide-n100-e100", (1,), **dict(M, eval_every=13),
               model="wide", n_train=100, lr=lr, epochs=100, clip=0, acceptable=["healthy"]),
            *R("hf", T, "diverging", "b61-sgd-grow1.02-noclip", (3,), **dict(M, opt="sgd"),
               lr=0.01, sched="grow", grow=1.02, clip=0, max_steps=500,
               acceptable=["underfitting"]),
            *R("hf", T, "still_improving", "b61-adam1e-4-cut300", (2,), **dict(M, eval_every=25),
               lr=1e-4, max_steps=300, clip=0, acceptable=["underfitting", "healthy"]),
            *R("hf", T, "insufficient_data", "b61-stopped12", (3,),
               **dict(M, eval_every=6, log_every=4),
               lr=lr, max_steps=12),
        ]
        if j < 2:
            out += R("keras_csv" if j == 0 else "keras_tb", T, "healthy", "b61-adam-b8-e20", (1,),
                     **dict(M, log_every=0, eval_every=0), lr=lr, epochs=20,
                     acceptable=["still_improving", "overfitting"])
    return out


add_batch(b61_dev61)



# ----------------------------------------------------------------------------- sixtieth batch
# ERRATIC TRAINING AND ITS NOISY-BUT-FINE TWINS, the HF Trainer and Keras share
# (tasks.DEV60_TASKS; see gen_torch.b60_recipes): the 2x64 MLP bouncing with no trend from Adam
# 0.03 at batch 4, SGD 0.3 (momentum 0.9) at batch 8 or AdamW 0.01 on 30% flipped labels at batch
# 8 (Adam 0.01 at batch 2 on the regression), no clipping, judged on 60 val rows; each beside its
# twin with the same val set and batch size at a sane LR; every other regime by its usual cause.
# Kept in one block at the end of the file (b60_ names): machinery writes the twenty-sixth batch's
# text for these tasks, cause says the val set and batch size (tasks.b60_text); nothing earlier
# changes.
from tasks import DEV60_TASKS, b60_text  # noqa: E402

machinery_as_batch26(DEV60_TASKS)
cause = cause_with(cause, DEV60_TASKS, lambda r, task: b60_text(task, r.batch))


def b60_dev60() -> list[Recipe]:
    """Sixtieth dev batch, hf and Keras (1000 rows; the 2x64 MLP unless named; the erratic pairs:
    1500 steps, the train loss every 10, eval every 50 on 60 val rows, no clipping): two of Adam
    0.03 / 1e-3 at batch 4, SGD 0.3 / 0.01 (momentum 0.9) at batch 8, AdamW 0.01 / 3e-4 on 30%
    flipped labels at batch 8 (Adam 0.01 / 3e-4 at batch 2 on the regression) (erratic / its
    healthy twin); AdamW 1e-3 cosine, batch 32, 40 epochs (healthy); the 2x512 MLP on 120 rows for
    200 epochs (overfitting); a linear or 2-unit model (underfitting); SGD 0.01 with the LR x1.03
    a step, no clipping (diverging); an LR bump x50 for 10 steps at epoch 20, no clipping
    (loss_spike); AdamW 1e-4 cut at 4 epochs (still_improving); 20 steps (insufficient_data);
    Keras: Adam 0.03 at batch 4 on 60 val rows (erratic) or its 1e-3 twin (healthy)."""
    out = []
    for j, T in enumerate(DEV60_TASKS):
        Q = {"model": "medium", "log_every": 10, "max_steps": 1500, "eval_every": 50,
             "n_val": 60, "clip": 0}
        reg = T == "b60_friedman2"
        pairs = {
            "adam": ("b60-adam{}-b4-val60-noclip", dict(Q, batch=4, opt="adam"), 0.03, 1e-3),
            "sgd": ("b60-sgd{}-b8-val60-noclip", dict(Q, batch=8, opt="sgd"), 0.3, 0.01),
            "noisy": (("b60-adam{}-b2-val60-noclip", dict(Q, batch=2, opt="adam"), 0.01, 3e-4)
                      if reg else
                      ("b60-flip0.3-adamw{}-b8-val60-noclip",
                       dict(Q, batch=8, label_noise=0.3), 0.01, 3e-4)),
        }
        for i, k in enumerate([("adam", "sgd"), ("sgd", "noisy"), ("adam", "noisy")][j]):
            name, kw, hot, sane = pairs[k]
            s = (i + j) % 3 + 1
            out += [
                *R("hf", T, "erratic", name.format(f"{hot:g}"), (s,), **kw, lr=hot,
                   acceptable=["underfitting", "diverging", "healthy"]),
                *R("hf", T, "healthy", name.format(f"{sane:g}"), (s,), **kw, lr=sane,
                   acceptable=["erratic", "still_improving", "overfitting"]),
            ]
        M = {"model": "medium", "batch": 32, "log_every": 5, "eval_every": 0}
        out += [
            *R("hf", T, "healthy", "b60-adamw1e-3-cosine-e40", (1,), **M, wd=0.01, lr=1e-3,
               sched="cosine", epochs=40, acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", "b60-wide-n120-e200", (2,),
               **dict(M, model="wide", batch=16, log_every=10), n_train=120, opt="adam",
               lr=1e-3, epochs=200, acceptable=["healthy"]),
            *R("hf", T, "underfitting", "b60-linear-adam3e-3-e40" if j else
               "b60-tiny-adam3e-3-e40", (3,), **dict(M, model="linear" if j else "tiny"),
               opt="adam", lr=3e-3, epochs=40, acceptable=["still_improving"]),
            *R("hf", T, "diverging", "b60-sgd0.01-grow1.03-noclip", (2,), **dict(M, eval_every=20),
               opt="sgd", lr=0.01, sched="grow", grow=1.03, max_steps=400, clip=0,
               acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b60-lrbump10-x50-e20-noclip", (1,), **dict(M, log_every=2),
               opt="adam", lr=1e-3, epochs=40, clip=0, bumps=[(32 * 20, 10, 50)],
               acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b60-adamw1e-4-cut-e4", (3,), **dict(M, eval_every=8),
               lr=1e-4, epochs=4, acceptable=["underfitting", "healthy"]),
            *R("hf", T, "insufficient_data", "b60-stopped20", (2,),
               **dict(M, eval_every=10, log_every=10), opt="adam", lr=1e-3, max_steps=20),
        ]
        K = {"model": "medium", "batch": 4, "log_every": 0, "n_val": 60, "clip": 0,
             "opt": "adam", "epochs": 10}
        out += (R("keras_csv" if j != 1 else "keras_tb", T, "erratic", "b60-adam0.03-b4-val60",
                  (j + 1,), **K, lr=0.03, acceptable=["underfitting", "diverging", "healthy"])
                if j != 1 else
                R("keras_tb", T, "healthy", "b60-adam1e-3-b4-val60", (2,), **K, lr=1e-3,
                  acceptable=["erratic", "overfitting", "still_improving"]))
    return out



# the sixtieth batch's contact sheets, looked at run by run (as the batches before)
B60_REVIEW = {
    "hf/b60_friedman2/loss_spike-b60-lrbump10-x50-e20-noclip-s1": (
        "loss_spike", ["diverging", "still_improving"],
        "sixtieth batch: an LR bump x50 for 10 steps at epoch 20 without clipping: eval_loss 0.01 "
        "-> 1.0 at the bump, then falling back steadily to 0.03 by the end (log scale): a spike "
        "with a slow recovery, loss_spike, not the check's diverging (not back to 1.5x)"),
    "hf/b60_blobs7/loss_spike-b60-lrbump10-x50-e20-noclip-s1": (
        "loss_spike", ["healthy"],
        "sixtieth batch: an LR bump x50 for 10 steps at epoch 20: eval_loss 0.49 -> 0.9 at the "
        "next evaluation and back to 0.52 two epochs later, train likewise: a spike that recovers, "
        "loss_spike, not the check's healthy (peak 2.2x the local level)"),
    "keras_csv/b60_blobs7/erratic-b60-adam0.03-b4-val60-s1": (
        "erratic", ["healthy", "underfitting"],
        "sixtieth batch: Keras Adam 0.03 at batch 4 on 60 val rows: val_loss 1.1, 0.67, 1.17, 0.9, "
        "1.0 ... 0.85 over 10 epochs and val accuracy 0.63-0.8 back and forth: swings larger than "
        "the progress, erratic, not the check's healthy"),
    "hf/b60_blobs7/erratic-b60-sgd0.3-b8-val60-noclip-s2": (
        "underfitting", ["erratic"],
        "sixtieth batch: SGD 0.3 (momentum 0.9) at batch 8 without clipping: eval_loss bounces "
        "1.9-2.2 around chance (ln 7 = 1.95) for the whole run, eval_accuracy 0.1-0.2: stuck at "
        "chance, the check's underfitting kept; erratic (the bouncing) defensible"),
    "hf/b60_circles/erratic-b60-sgd0.3-b8-val60-noclip-s2": (
        "erratic", ["underfitting", "diverging"],
        "sixtieth batch: SGD 0.3 (momentum 0.9) at batch 8 without clipping: eval_loss jumps "
        "0.68-1.05 between neighbouring evaluations (never below chance ln 2) and eval_accuracy "
        "0.42-0.6 for the whole run: swings with no trend, erratic; the check's underfitting (at "
        "chance) defensible"),
    "hf/b60_circles/erratic-b60-flip0.3-adamw0.01-b8-val60-noclip-s3": (
        "healthy", ["still_improving", "erratic", "underfitting"],
        "sixtieth batch: AdamW 0.01 at batch 8 on 30% flipped labels: eval_loss falls 0.73 -> 0.42 "
        "with small swings and eval_accuracy 0.45 -> 0.9: a noisy but clear trend to about the "
        "level the flipped labels allow, healthy, not the check's underfitting (its floor is the "
        "clean-label runs')"),
}
REVIEW.update(B60_REVIEW)


add_batch(b60_dev60)


# ----------------------------------------------------------------------------- sixty-third batch
# ONLINE DATA, A FRESH SAMPLE EVERY BATCH, the HF Trainer and Keras share (tasks.DEV63_TASKS:
# b63_quantiles, b63_roll, b63_classif; see gen_torch.b63_recipes): the hf runs read a stream of
# 50,000 generated rows once (max_steps x batch 32 under it: no row seen twice, no train/val
# gap), each regime by its real cause; overfitting only as the contrast of a fixed sample of 150
# rows; Keras (per-epoch logs: an online run would be one point) trains on a fixed sample of 4000
# rows. Kept in one block at the end of the file (b63_ names): machinery writes the twenty-sixth
# batch's text for these tasks, cause says online or fixed (tasks.b63_text); nothing earlier
# changes.
from tasks import DEV63_TASKS, b63_text  # noqa: E402

machinery_as_batch26(DEV63_TASKS)
cause = cause_with(cause, DEV63_TASKS, lambda r, task: b63_text(
    task, r.batch, r.max_steps if r.max_steps > 0
    else int(r.epochs * -(-len(task.x_train) // r.batch)), r.model))


def b63_dev63() -> list[Recipe]:
    """Sixty-third dev batch, hf and Keras (online: batch 32, max_steps under 50,000 / 32,
    logging_steps 10, eval every 50 on 300 fixed rows; the 2x64 MLP unless named): Adam 1e-3 for
    1200 steps (healthy); a linear or 2-unit model (underfitting); Adam 0.03 at batch 8, no
    clipping (erratic); SGD 0.01 with the LR x1.02 a step, no clipping (diverging); 10 batches of
    random labels or an LR bump x30 for 3 steps at step 600 (loss_spike); Adam 1e-4 cut at 300
    steps (still_improving); 12 steps (insufficient_data); the 2x128 MLP on a fixed 150 rows for
    100 epochs (overfitting); Keras: Adam 1e-3 on a fixed 4000 rows for 15 epochs (healthy)."""
    out = []
    for j, T in enumerate(DEV63_TASKS):
        M = {"model": "medium", "batch": 32, "log_every": 10, "eval_every": 50, "opt": "adam"}
        small = "tiny" if T == "b63_classif" else "linear"
        hot = 0.03 if T == "b63_roll" else 0.1      # the erratic LR (as gen_torch.b63_recipes)
        few = 40 if T == "b63_roll" else 150        # the fixed sample of the overfitting contrast
        out += [
            *R("hf", T, "healthy", "b63-online-adam1e-3-1200", (1, 2), **M, lr=1e-3,
               max_steps=1200, acceptable=["still_improving"]),
            *R("hf", T, "underfitting", f"b63-online-{small}-adam3e-3-1200", (j % 3 + 1,),
               **dict(M, model=small), lr=3e-3, max_steps=1200, acceptable=["healthy"]),
            *R("hf", T, "erratic", f"b63-online-adam{hot:g}-b8-noclip", ((j + 1) % 3 + 1,),
               **dict(M, batch=8), lr=hot, clip=0, max_steps=1200,
               acceptable=["underfitting", "healthy", "diverging"]),
            *R("hf", T, "diverging", "b63-online-sgd-grow1.02-noclip", (3,),
               **dict(M, opt="sgd", eval_every=20), lr=0.01, sched="grow", grow=1.02, clip=0,
               max_steps=500, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", ("b63-online-poison10-at600" if j != 1 else
                                        "b63-online-lrbump3-x30-at600-noclip"), (2,),
               **dict(M, log_every=2), lr=1e-3, max_steps=1200, clip=0,
               **({"poison": [(600, 10, "labels")]} if j != 1 else {"bumps": [(600, 3, 30)]}),
               acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b63-online-adam1e-4-cut300", (1,),
               **dict(M, eval_every=25), lr=1e-4, max_steps=300,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "insufficient_data", "b63-online-stopped12", (2,),
               **dict(M, eval_every=6, log_every=4), lr=1e-3, max_steps=12),
            *R("hf", T, "overfitting", f"b63-fixed{few}-wide-e100", (3,),
               **dict(M, model="wide", batch=16, eval_every=50 if few > 100 else 15),
               n_train=few, lr=1e-3, epochs=100, acceptable=["healthy"]),
        ]
        if j != 1:      # the classifiers: an LR bump x100 too, and a hot SGD on the quantiles
            out += R("hf", T, "loss_spike", "b63-online-lrbump3-x100-at600-noclip", (3,),
                     **dict(M, log_every=2), lr=1e-3, max_steps=1200, clip=0,
                     bumps=[(600, 3, 100)], acceptable=["healthy"])
        if j == 0:
            out += R("hf", T, "erratic", "b63-online-sgd0.1-mom0.9-b4-noclip", (2,),
                     **dict(M, batch=4, opt="sgd"), lr=0.1, clip=0, max_steps=1200,
                     acceptable=["underfitting", "healthy", "diverging"])
        if j < 2:
            out += R("keras_csv" if j == 0 else "keras_tb", T, "healthy",
                     "b63-fixed4000-adam1e-3-e15", (1,), **dict(M, log_every=0, eval_every=0),
                     n_train=4000, lr=1e-3, epochs=15,
                     acceptable=["still_improving", "overfitting"])
    return out


# the sixty-third batch's contact sheets, looked at run by run (as the batches before)
B63_REVIEW = {
    "hf/b63_quantiles/erratic-b63-online-sgd0.1-mom0.9-b4-noclip-s2": (
        "erratic", ["diverging", "underfitting"],
        "sixty-third batch: SGD 0.1 (momentum 0.9) at batch 4 without clipping on the online "
        "quantiles stream: eval_loss bounces 1.1-1.9 for 800 steps with no trend, one jump to 4.3 "
        "at step 850 and back to 1.3 by step 950, eval_accuracy 0.25-0.5 back and forth: swings "
        "larger than any progress, erratic, not the check's diverging (it returns to its level)"),
}
REVIEW.update(B63_REVIEW)


add_batch(b63_dev63)


# ----------------------------------------------------------------------------- sixty-second batch
# COMMON TRAINING-LOOP MISTAKES AND WHAT THEY DRAW, the HF Trainer's share (tasks.DEV62_TASKS:
# b62_digits, b62_wavereg, b62_seqmode; see gen_torch.b62_recipes): the two mistakes a Trainer
# script can make, validating on the train set (eval_dataset = the first train rows) and train
# labels off by one for half the classes (val correct), each beside the correct script, and every
# other regime by its usual cause. Kept in one block at the end of the file (b62_ names): run_hf
# gets the task as the buggy script sees it (tasks.b62_bugged), cause() gets the mistake
# (tasks.b62_text); nothing earlier changes.
from tasks import DEV62_TASKS, b62_bugged, b62_bugs, b62_text  # noqa: E402

machinery_as_batch26(DEV62_TASKS)
cause = cause_with(cause, DEV62_TASKS, lambda r, task: b62_text(task, b62_bugs(r.variant)))
_b62_prev_run_hf = run_hf
run_hf = for_tasks(DEV62_TASKS, lambda r, task, out: _b62_prev_run_hf(
    r, b62_bugged(task, b62_bugs(r.variant)), out), _b62_prev_run_hf)


def b62_dev62() -> list[Recipe]:
    """Sixty-second dev batch, hf (batch 32, logging_steps 5, eval every 47 steps; the 2x64 MLP,
    a width-32 GRU on b62_seqmode): AdamW 1e-3 for 20 epochs (healthy, the correct script);
    eval_dataset = the train rows with the 2x512 MLP on 150 rows (valontrain) beside the same on
    the real val set (overfitting); train labels off by one for half the classes (the
    classifiers); a linear / 4-unit model (underfitting); SGD 0.01 with the LR x1.03 a step, no
    clipping (diverging); 10 batches of random labels at step 500 (loss_spike); AdamW 1e-4 cut at
    140 steps (still_improving); 15 steps (insufficient_data)."""
    out = []
    for j, T in enumerate(DEV62_TASKS):
        seq = T == "b62_seqmode"
        lr = 3e-3 if seq else 1e-3
        M = {"model": "small" if seq else "medium", "batch": 32, "log_every": 5,
             "eval_every": 47}
        W = dict(M, model="medium" if seq else "wide", eval_every=15)
        out += [
            *R("hf", T, "healthy", "b62-correct-adamw", (1, 2), **M, lr=lr, epochs=20,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "healthy", "b62-valontrain-wide-n150", (3,), **W, n_train=150, lr=lr,
               epochs=150, acceptable=["overfitting"]),
            *R("hf", T, "overfitting", "b62-correct-wide-n150", (1,), **W, n_train=150, lr=lr,
               epochs=150, acceptable=["healthy"]),
            *R("hf", T, "underfitting", "b62-tiny-adamw" if seq else "b62-linear-adamw", (2,),
               **dict(M, model="tiny" if seq else "linear"), lr=lr, epochs=20,
               acceptable=["still_improving", "healthy"]),
            *R("hf", T, "diverging", "b62-sgd0.01-grow1.03-noclip", (3,),
               **dict(M, opt="sgd", eval_every=20), lr=0.01, sched="grow", grow=1.03, clip=0,
               max_steps=400, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b62-poison10-at500", (1,), **dict(M, log_every=1),
               lr=lr, epochs=20, poison=[(500, 10, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b62-adamw1e-4-cut140", (2,),
               **dict(M, eval_every=12), lr=1e-4, max_steps=140,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "insufficient_data", "b62-stopped15", (3,),
               **dict(M, eval_every=5, log_every=5), lr=lr, max_steps=15),
        ]
        if not T == "b62_wavereg":
            out += R("hf", T, "underfitting", "b62-offbyone-adamw", (2,), **M, lr=lr, epochs=20,
                     acceptable=["overfitting", "healthy"])
    return out


# the sixty-second batch's contact sheets, looked at run by run (as the batches before)
B62_REVIEW = {
    "hf/b62_digits/underfitting-b62-offbyone-adamw-s2": (
        "overfitting", ["underfitting", "diverging"],
        "sixty-second batch: train labels of digits 5-9 off by one (val correct): train_loss to "
        "~0 while eval_loss rises steadily 2.1 -> 7.3 from the first evaluation, eval_accuracy "
        "flat at 0.5: overfitting by the curves, not the check's diverging (train keeps "
        "falling); underfitting acceptable"),
    "hf/b62_digits/overfitting-b62-correct-wide-n150-s1": (
        "overfitting", ["healthy"],
        "sixty-second batch: the 2x512 MLP on 150 rows: eval_loss bottoms at 0.30 by step 40 and "
        "climbs steadily to 0.36 for 700 steps while train_loss sits at ~0: overfitting (a 19% "
        "rise, under the check's threshold)"),
    "hf/b62_digits/underfitting-b62-linear-adamw-s2": (
        "underfitting", ["still_improving", "healthy"],
        "sixty-second batch: a linear model on the digits: eval_loss levels at 0.21 against the "
        "correct script's 0.055-0.12: a model too small, underfitting, not the check's healthy"),
    "hf/b62_seqmode/underfitting-b62-tiny-adamw-s2": (
        "underfitting", ["still_improving", "healthy"],
        "sixty-second batch: a 4-unit GRU: eval_loss creeps down to 0.125 against the width-32 "
        "GRU's 0.03-0.10: too small, underfitting (still_improving acceptable: it still creeps)"),
    "hf/b62_wavereg/overfitting-b62-correct-wide-n150-s1": (
        "healthy", ["overfitting", "underfitting"],
        "sixty-second batch: the 2x512 MLP on 150 rows of the regression: eval_loss flat at "
        "0.34-0.36 from the second evaluation, train_loss ~0; the MLPs on 1,500 rows reach "
        "0.2-0.3: flat, no rise, not the check's underfitting ('best late' on a flat line); "
        "overfitting acceptable (the gap)"),
}
REVIEW.update(B62_REVIEW)


add_batch(b62_dev62)


# ----------------------------------------------------------------------------- sixty-fifth batch
# SMALL REAL DATA SETS THAT SHIP WITH SCIKIT-LEARN, the HF Trainer's share (tasks.DEV65_TASKS:
# b65_cancer, b65_cancer_raw, b65_diabetes, b65_iris; see gen_torch.b65_recipes): small MLPs
# trained with the Trainer on load_breast_cancer (standardised and raw), load_diabetes and
# load_iris, evaluated once an epoch on the 30-80 val rows, each regime by its real cause. Kept
# in one block at the end of the file (b65_ names): machinery writes the twenty-sixth batch's
# text for these tasks, cause says the data set and its sizes (tasks.b65_text); nothing earlier
# changes.
from tasks import DEV65_TASKS, b65_text  # noqa: E402

machinery_as_batch26(DEV65_TASKS)
cause = cause_with(cause, DEV65_TASKS,
                   lambda r, task: b65_text(task, r.batch, r.model, r.wd, r.lr))


def b65_dev65() -> list[Recipe]:
    """Sixty-fifth dev batch, hf (batch 16, the 2x64 MLP unless named, logging_steps 2, eval
    once an epoch): AdamW 1e-3 for 40 epochs (iris 150) (healthy); the 2x512 MLP for 200-300
    epochs on the few rows (overfitting); AdamW 1e-5 (an LR far too low: underfitting); Adam
    1e-4 cut at 15 epochs (iris 40) (still_improving)."""
    out = []
    for j, T in enumerate(DEV65_TASKS):
        iris = T == "b65_iris"
        ep, ov_ep, s_ep = (150, 300, 40) if iris else (40, 200, 15)
        ov_n = {"b65_iris": None, "b65_diabetes": None}.get(T, 150)
        M = {"model": "medium", "batch": 16, "log_every": 2, "eval_every": 0}
        out += [
            *R("hf", T, "healthy", f"b65-adamw1e-3-e{ep}", (j % 3 + 1,), **M, opt="adamw",
               lr=1e-3, epochs=ep, acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", f"b65-wide-e{ov_ep}", ((j + 1) % 3 + 1,),
               **dict(M, model="wide", log_every=5), n_train=ov_n, opt="adam", lr=1e-3,
               epochs=ov_ep, acceptable=["healthy"]),
            *R("hf", T, "underfitting", f"b65-adamw1e-5-e{ep}", ((j + 2) % 3 + 1,), **M,
               opt="adamw", lr=1e-5, epochs=ep, acceptable=["still_improving"]),
            *R("hf", T, "still_improving", f"b65-adam1e-4-cut-e{s_ep}", (j % 3 + 1,), **M,
               opt="adam", lr=1e-4, epochs=s_ep, acceptable=["underfitting", "healthy"]),
        ]
    return out


# the sixty-fifth batch's contact sheets, looked at run by run (as the batches before)
B65_REVIEW = {
    "hf/b65_cancer/healthy-b65-adamw1e-3-e40-s1": (
        "overfitting", ["healthy", "diverging"],
        "sixty-fifth batch: AdamW 1e-3 for 40 epochs on the standardised breast-cancer rows (80 "
        "val rows): eval_loss bottoms at 0.025 near step 400 (epoch 13) and climbs steadily to "
        "0.09 by step 1240 while train_loss sits at ~0, eval_accuracy 1.0 -> 0.96: overfitting "
        "from about epoch 13, not the check's diverging (train keeps falling, a smooth rise)"),
    "hf/b65_cancer_raw/healthy-b65-adamw1e-3-e40-s2": (
        "erratic", ["healthy", "underfitting"],
        "sixty-fifth batch: AdamW 1e-3 on the raw breast-cancer features (areas in the "
        "thousands): eval_loss jumps 0.2 <-> 0.8 from one epoch to the next for all 40 epochs, "
        "the train loss bouncing 0.05-1.0 with it, eval_accuracy 0.8-0.95: swings larger than "
        "any trend, erratic (as its torch twins), not the check's healthy"),
}
REVIEW.update(B65_REVIEW)


add_batch(b65_dev65)


# ----------------------------------------------------------------------------- sixty-fourth batch
# TRAIN-ONLY LOGS, the HF Trainer's share (tasks.DEV64_TASKS: b64_charlm, b64_digits_ae,
# b64_friedfit; see gen_torch.b64_recipes): every run trains with eval_strategy "no" (the
# fifteenth batch's no_eval: the train loss, LR and grad norm only, no eval_dataset read), each
# regime by its real cause, read on the train loss. Kept in one block at the end of the file
# (b64_ names): machinery writes the twenty-sixth batch's text for these tasks, cause says
# train-only (tasks.b64_text); nothing earlier changes.
from tasks import DEV64_TASKS, b64_text  # noqa: E402

machinery_as_batch26(DEV64_TASKS)
cause = cause_with(cause, DEV64_TASKS, lambda r, task: b64_text(task, r.model))


def b64_dev64() -> list[Recipe]:
    """Sixty-fourth dev batch, hf (train-only: no_eval; batch 32, logging_steps 5; a width-32
    GRU LM, the 64-64-8-64-64 autoencoder, the 2x64 MLP): AdamW with a cosine schedule to the end
    (healthy), logged once an epoch at batch 16 (healthy), AdamW 1e-4 cut at 400 steps at batch
    128 (per epoch for 30 epochs on the autoencoder: still_improving), a model too small
    (underfitting), Adam far too hot at batch 8 without clipping (erratic), SGD with the LR x1.02
    a step, logging_nan_inf_filter off so the NaN is logged (diverging), 10 poisoned batches at
    step 400 (loss_spike), 15 steps (insufficient_data)."""
    out = []
    for j, T in enumerate(DEV64_TASKS):
        lm, ae = T == "b64_charlm", T == "b64_digits_ae"
        good = {"b64_charlm": 3e-3, "b64_digits_ae": 1e-3, "b64_friedfit": 1e-3}[T]
        ep = {"b64_charlm": 12, "b64_digits_ae": 25, "b64_friedfit": 25}[T]
        hot = {"b64_charlm": 1.0, "b64_digits_ae": 0.05, "b64_friedfit": 0.1}[T]
        M = {"model": "small" if lm or ae else "medium", "arch": "gru" if lm else
             ("ae" if ae else None), "batch": 32, "log_every": 5, "no_eval": True}
        small = "tiny" if ae else "linear"     # a width-4 GRU LM, a 1-unit code, a linear fit
        out += [
            *R("hf", T, "healthy", "b64-trainonly-adamw-cosine", (1, 2), **M, lr=good,
               sched="cosine", epochs=ep, acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b64-trainonly-adamw-logepoch-b16", (3,),
               **dict(M, batch=16), lr=good, epochs=ep * 2, log_epoch=True,
               acceptable=["still_improving"]),
            *(R("hf", T, "still_improving", "b64-trainonly-adamw1e-4-b128-cut400", (1,),
                **dict(M, batch=128), lr=1e-4, max_steps=400,
                acceptable=["underfitting", "healthy"]) if not ae else
              R("hf", T, "still_improving", "b64-trainonly-adamw1e-4-logepoch-e30", (1,), **M,
                lr=1e-4, epochs=30, log_epoch=True, acceptable=["underfitting", "healthy"])),
            *R("hf", T, "underfitting", f"b64-trainonly-{small}", (2,), **dict(M, model=small),
               lr=good, epochs=ep, acceptable=["healthy", "still_improving"]),
            *R("hf", T, "erratic", f"b64-trainonly-adam{hot:g}-b8-noclip", (3,),
               **dict(M, batch=8, log_every=10), opt="adam", lr=hot, clip=0,
               epochs=max(4, ep // 3), acceptable=["diverging", "underfitting"]),
            *R("hf", T, "diverging", "b64-trainonly-sgd0.01-grow1.02-noclip-nanlog", (1,), **M,
               opt="sgd", lr=0.01, sched="grow", grow=1.02, clip=0, max_steps=600,
               nan_filter=False,
               acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b64-trainonly-poison10-at400", (2,),
               **dict(M, log_every=2), lr=good, epochs=ep,
               poison=[(400, 10, "labels" if not ae else "inputs")], acceptable=["healthy"]),
            *R("hf", T, "insufficient_data", "b64-trainonly-stopped15", (1,), **M, lr=good,
               max_steps=15),
        ]
    return out


# the sixty-fourth batch's contact sheets, looked at run by run (as the batches before)
B64_REVIEW = {
    "hf/b64_charlm/underfitting-b64-trainonly-linear-s2": (
        "underfitting", ["still_improving"],
        "sixty-fourth batch: a width-4 GRU LM, train-only: the train loss falls smoothly 2.97 -> "
        "1.0 over 756 steps and flattens at 1.0, 1.5x the 0.66-0.69 the width-32 GRU reaches in "
        "100 steps on the same text; the last quarter still creeps down a few percent, but the "
        "model is too small for the text: underfitting, not the check's healthy"),
    "hf/b64_digits_ae/erratic-b64-trainonly-adam0.05-b8-noclip-s3": (
        "underfitting", ["erratic"],
        "sixty-fourth batch: Adam 0.05 at batch 8 without clipping on the autoencoder, "
        "train-only: after its first logs the train loss sits in a band 0.7-1.5 around 0.9 (the "
        "mean predictor of the standardised pixels is 1.0) for 1,500 steps with no trend, against "
        "the 0.2-0.3 the good run reaches: a model knocked to the mean and kept there, "
        "underfitting (erratic acceptable: the band swings 30%), not the check's healthy"),
    "hf/b64_friedfit/erratic-b64-trainonly-adam0.1-b8-noclip-s3": (
        "diverging", ["erratic", "underfitting"],
        "sixty-fourth batch: Adam 0.1 at batch 8 without clipping on the Friedman fit, "
        "train-only: the train loss falls to 0.3 by step 100, climbs back to the mean "
        "predictor's 1.0 and bounces 0.6-1.5 there for the remaining 1,900 steps: a collapse "
        "that stays (the check's diverging kept; erratic and underfitting acceptable)"),
    "hf/b64_charlm/erratic-b64-trainonly-adam1-b8-noclip-s3": (
        "underfitting", ["erratic", "diverging"],
        "sixty-fourth batch: Adam 1.0 at batch 8 without clipping on the GRU LM, train-only: "
        "the train loss drops 8.7 -> 3.5, swings 2-6 for 200 steps, then drifts down to 2.2-2.5, "
        "near the character prior's 2.56 and far above the good run's 0.66: stuck near chance, "
        "the check's underfitting kept (erratic acceptable for the early swings)"),
}
REVIEW.update(B64_REVIEW)


add_batch(b64_dev64)


# ----------------------------------------------------------------------------- sixty-sixth batch
# TRAIN-ONLY LOGS, a second round: the HF Trainer's and Keras' share (tasks.DEV66_TASKS:
# b66_digits_cnn, b66_seqcls, b66_tabreg; see gen_torch.b66_recipes). Every hf run trains with
# eval_strategy "no" (no_eval: the train loss, LR and grad norm only); every Keras run (Keras 3,
# torch backend; the CNN and the MLP) calls model.fit without validation_data (b66_run_keras
# drops it for these no_eval runs: the loss and the task metric per epoch, CSVLogger or
# TensorBoard). Each regime by its real cause, read on the train loss. Kept in one block at the
# end of the file (b66_ names): machinery writes the twenty-sixth batch's text for these tasks,
# cause says train-only (tasks.b66_text); nothing earlier changes.
from tasks import DEV66_TASKS, b66_text  # noqa: E402

machinery_as_batch26(DEV66_TASKS)
cause = cause_with(cause, DEV66_TASKS, lambda r, task: b66_text(task, r.model, r.lr))
_b66_prev_run_keras = run_keras
_b66_prev_cause = cause


def cause(r: Recipe, task) -> str:  # noqa: F811
    """Sixty-sixth batch: a train-only Keras run says model.fit had no validation_data (not the
    Trainer's eval_strategy); else as before."""
    s = _b66_prev_cause(r, task)
    if r.task in DEV66_TASKS and r.no_eval and r.writer != "hf":
        s = s.replace("train-only (eval_strategy no: no evaluation logged), val every epoch",
                      "train-only (model.fit without validation_data)")
    return s


def run_keras(r: Recipe, task, out: Path):  # noqa: F811
    """Sixty-sixth batch: a train-only Keras run (no_eval) fits without validation_data; else
    as before."""
    if r.task not in DEV66_TASKS or not r.no_eval:
        return _b66_prev_run_keras(r, task, out)
    import keras
    fit = keras.Model.fit

    def fit_train_only(self, *a, **kw):
        kw.pop("validation_data", None)
        kw.pop("validation_freq", None)
        return fit(self, *a, **kw)

    with patched(keras.Model, "fit", fit_train_only):
        return _b66_prev_run_keras(r, task, out)


def b66_dev66() -> list[Recipe]:
    """Sixty-sixth dev batch, hf and Keras (train-only; the width-8 CNN, the width-32 1-layer
    transformer, the 2x64 MLP; hf batch 32, logging_steps 5): hf AdamW with warm-up + cosine to
    the end, logged once an epoch at batch 64 (healthy), AdamW 1e-4 cut at 300 steps at batch 128
    (still_improving), a model too small at batch 8 (underfitting), Adam far too hot at batch 8
    without clipping (erratic), SGD with the LR x1.02 a step, logging_nan_inf_filter off
    (diverging), 10 poisoned batches at step 400 (loss_spike), 15 steps (insufficient_data);
    Keras (CNN and MLP only, per-epoch logs): Adam with a cosine decay (keras_csv) and at batch
    256 constant (keras_tb) (healthy), Adam 1e-4 for 15 epochs (still_improving), a model too
    small at batch 8 (underfitting), Adam far too hot at batch 8 without clipping (erratic)."""
    out = []
    for T in DEV66_TASKS:
        cnn, seq = T == "b66_digits_cnn", T == "b66_seqcls"
        arch = "cnn" if cnn else ("transformer" if seq else None)
        good = {"b66_digits_cnn": 3e-3, "b66_seqcls": 1e-3, "b66_tabreg": 1e-3}[T]
        ep = {"b66_digits_cnn": 20, "b66_seqcls": 20, "b66_tabreg": 25}[T]
        hot = {"b66_digits_cnn": 0.02, "b66_seqcls": 0.05, "b66_tabreg": 0.1}[T]
        M = {"model": "small" if cnn or seq else "medium", "arch": arch, "batch": 32,
             "log_every": 5, "no_eval": True}
        small = "tiny" if cnn else "linear"
        out += [
            *R("hf", T, "healthy", "b66-trainonly-adamw-warmup-cosine", (1,), **M, lr=good,
               sched="cosine", warmup=60, epochs=ep, acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b66-trainonly-adamw-logepoch-b64", (3,),
               **dict(M, batch=64), lr=good * 2, sched="linear", epochs=ep * 2, log_epoch=True,
               acceptable=["still_improving"]),
            *R("hf", T, "still_improving", "b66-trainonly-adamw1e-4-b128-cut300", (2,),
               **dict(M, batch=128), lr=1e-4, sched="constant", max_steps=300,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "underfitting", f"b66-trainonly-{small}-b8", (3,),
               **dict(M, model=small, batch=8, log_every=20), lr=good, epochs=ep,
               acceptable=["healthy", "still_improving"]),
            *R("hf", T, "erratic", f"b66-trainonly-adam{hot:g}-b8-noclip", (2,),
               **dict(M, batch=8, log_every=10), opt="adam", lr=hot, clip=0,
               epochs=max(4, ep // 4), acceptable=["diverging", "underfitting"]),
            *R("hf", T, "diverging", "b66-trainonly-sgd0.01-grow1.02-noclip-nanlog", (1,), **M,
               opt="sgd", lr=0.01, sched="grow", grow=1.02, clip=0, max_steps=600,
               nan_filter=False, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b66-trainonly-poison10-at400", (3,),
               **dict(M, log_every=2), lr=good, epochs=ep,
               poison=[(400, 10, "labels")], acceptable=["healthy"]),
            *R("hf", T, "insufficient_data", "b66-trainonly-stopped15", (2,), **M, lr=good,
               max_steps=15),
        ]
        if seq:
            continue
        K = {"model": M["model"], "arch": arch, "batch": 32, "log_every": 0, "no_eval": True,
             "opt": "adam"}
        out += [
            *R("keras_csv", T, "healthy", "b66-trainonly-keras-adam-cosine", (1,), **K, lr=good,
               sched="cosine", epochs=ep * 2, acceptable=["still_improving"]),
            *R("keras_tb", T, "healthy", "b66-trainonly-keras-adam-b256", (2,),
               **dict(K, batch=256), lr=good * 3, sched="constant", epochs=ep * 5,
               acceptable=["still_improving"]),
            *R("keras_tb", T, "still_improving", "b66-trainonly-keras-adam1e-4-e15", (3,), **K,
               lr=1e-4, sched="constant", epochs=15, acceptable=["underfitting", "healthy"]),
            *R("keras_csv", T, "underfitting", f"b66-trainonly-keras-{small}-b8", (2,),
               **dict(K, model=small, batch=8), lr=good, sched="constant", epochs=ep,
               acceptable=["healthy", "still_improving"]),
            *R("keras_csv", T, "erratic", f"b66-trainonly-keras-adam{hot:g}-b8-noclip", (3,),
               **dict(K, batch=8), lr=hot, sched="constant", clip=0, epochs=ep,
               acceptable=["diverging", "underfitting"]),
        ]
    return out


# the sixty-sixth batch's contact sheets, looked at run by run (as the batches before)
B66_REVIEW = {
    "hf/b66_tabreg/erratic-b66-trainonly-adam0.1-b8-noclip-s2": (
        "diverging", ["erratic", "underfitting"],
        "sixty-sixth batch: Adam 0.1 at batch 8 without clipping on the tanh regression, "
        "train-only: the train loss falls to 0.3-0.5 in 300 steps, jumps back to the mean "
        "predictor's 1.0 near step 400 and bounces 0.8-1.3 there for the remaining 1,100 steps: a "
        "collapse that stays (the check's diverging kept; erratic and underfitting acceptable)"),
    "keras_csv/b66_digits_cnn/erratic-b66-trainonly-keras-adam0.02-b8-noclip-s3": (
        "erratic", ["healthy"],
        "sixty-sixth batch: Adam 0.02 at batch 8 without clipping on the digits CNN in Keras, "
        "train-only, per-epoch means: 1.1 -> 0.3 in two epochs, then epoch means that jump "
        "0.07-0.27 (up to 3x between neighbouring epochs) with no trend over 18 epochs: the "
        "check's erratic kept, healthy acceptable (a level with bumps)"),
    "hf/b66_digits_cnn/erratic-b66-trainonly-adam0.02-b8-noclip-s2": (
        "healthy", ["erratic", "underfitting"],
        "sixty-sixth batch: Adam 0.02 at batch 8 without clipping on the digits CNN in the "
        "Trainer, train-only: the logged means of 10 steps fall 2.3 -> 0.2 by step 200 and sit in "
        "a band 0.1-0.4 for the rest, no trend: the check's healthy kept (the hot LR levels at "
        "2-3x the good run's 0.08; erratic and underfitting acceptable)"),
    "keras_csv/b66_digits_cnn/underfitting-b66-trainonly-keras-tiny-b8-s2": (
        "underfitting", ["still_improving"],
        "sixty-sixth batch: a width-2 CNN at batch 8 in Keras, train-only, per-epoch means: a "
        "smooth fall 2.28 -> 1.11 that flattens (1.15 -> 1.11 over the last four epochs), 14x the "
        "0.08 the width-8 CNN reaches: a model too small, underfitting (still_improving "
        "acceptable), not the check's healthy"),
    "hf/b66_seqcls/underfitting-b66-trainonly-linear-b8-s3": (
        "underfitting", ["healthy"],
        "sixty-sixth batch: the width-4 transformer at batch 8 in the Trainer (seed 3), "
        "train-only: the train loss falls 1.4 -> 0.3 by step 1,500 and stays in a band 0.2-0.4 "
        "for the remaining 3,500 steps, 3.5x the 0.08 of the width-32 model: levelled above the "
        "good level, underfitting (healthy acceptable: the torch seed-2 run reached 0.07), not "
        "the check's healthy"),
    "keras_tb/b66_tabreg/still_improving-b66-trainonly-keras-adam1e-4-e15-s3": (
        "still_improving", ["healthy"],
        "sixty-sixth batch: Adam 1e-4 for 15 epochs in Keras on the tanh regression, train-only, "
        "per-epoch means: 1.03 -> 0.12, still falling 5-8% an epoch over the last five epochs "
        "(0.16 -> 0.12), 10x the 0.012 the good run reaches: still_improving, not the check's "
        "healthy"),
    "hf/b66_digits_cnn/still_improving-b66-trainonly-adamw1e-4-b128-cut300-s2": (
        "underfitting", ["still_improving"],
        "sixty-sixth batch: AdamW 1e-4 at batch 128 for 300 steps on the digits CNN, train-only: "
        "the train loss moves 2.32 -> 2.28, flat at chance (ln 10 = 2.30) for the whole run: an LR "
        "so low nothing moves, underfitting (still_improving acceptable), not the check's "
        "still_improving"),
    "keras_tb/b66_digits_cnn/still_improving-b66-trainonly-keras-adam1e-4-e15-s3": (
        "underfitting", ["still_improving"],
        "sixty-sixth batch: Adam 1e-4 for 15 epochs on the digits CNN in Keras, train-only, "
        "per-epoch means: 2.32 -> 2.22 in a straight line, 4% of the way from chance to the good "
        "run's 0.08: an LR so low almost nothing moves, underfitting (still_improving acceptable "
        "for the steady slope)"),
}
REVIEW.update(B66_REVIEW)


add_batch(b66_dev66)


# ----------------------------------------------------------------------------- sixty-seventh batch
# FEW EVALUATIONS BESIDE A LONG PER-STEP TRAIN LOSS, the HF Trainer's share (tasks.DEV67_TASKS:
# b67_seqcls, b67_tagger, b67_friedreg; see gen_torch.b67_recipes): num_train_epochs 1-6 with
# eval_strategy "epoch" (1-6 evaluations) and logging_steps 2-10, the shape of most real
# fine-tunes, each regime by its real cause. Kept in one block at the end of the file (b67_
# names): machinery writes the twenty-sixth batch's text for these tasks, cause says how many
# evaluations (tasks.b67_text); nothing earlier changes.
from tasks import DEV67_TASKS, b67_text  # noqa: E402

machinery_as_batch26(DEV67_TASKS)
cause = cause_with(cause, DEV67_TASKS, lambda r, task: b67_text(
    task, int(r.epochs) if r.max_steps <= 0 else 0, r.model, r.lr))
_b67_prev_hf_model = hf_model


def hf_model(task, r: Recipe):  # noqa: F811  (the sixty-seventh batch's tagger loss)
    """Sixty-seventh batch: b67_tagger's loss is the per-token cross-entropy (the thirteenth
    batch's tagging loss, which the earlier model applies to tok_tag only); else as before."""
    inner = _b67_prev_hf_model(task, r)
    if task.name != "b67_tagger":
        return inner
    import torch
    import torch.nn.functional as F

    class B67Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = inner

        def forward(self, x, labels=None):
            logits = self.inner(x)["logits"]
            loss = None if labels is None else F.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            return {"loss": loss, "logits": logits}

    return B67Tagger()


def b67_dev67() -> list[Recipe]:
    """Sixty-seventh dev batch, hf (2000 train rows, batch 32: 63 steps an epoch; eval once an
    epoch; a GRU, the transformer tagger, the 2x64 MLP): AdamW cosine for 6 epochs (3e-3 on the
    regression) (healthy); the wide model on 200-300 rows with flipped labels / noisy targets for
    6 epochs (overfitting; not on the tagger); a linear fit at AdamW 0.01 for 6 epochs on the
    regression, AdamW 1e-6 on the other two (underfitting); AdamW at a low LR cut after 2-3
    epochs (still_improving); 10 random-label batches at step 150 (loss_spike); Adam 0.1 at batch
    8 without clipping for 6 epochs (erratic); SGD 0.01 with the LR x1.02 a step, no clipping,
    the NaN logged (diverging); one epoch, logging_steps 25 (insufficient_data)."""
    out = []
    for j, T in enumerate(DEV67_TASKS):
        tag, reg = T == "b67_tagger", T == "b67_friedreg"
        good = {"b67_seqcls": 3e-3, "b67_tagger": 1e-4, "b67_friedreg": 1e-3}[T]
        # still_improving: a low LR cut after 2 evaluations (3 on the GRU, slow to start)
        s_lr, s_ep = {"b67_seqcls": (1e-3, 3), "b67_tagger": (1e-5, 2),
                      "b67_friedreg": (1e-4, 2)}[T]
        M = {"arch": "tagger" if tag else None, "model": "small" if T == "b67_seqcls" else
             "medium", "batch": 32, "log_every": 10, "eval_every": 0, "opt": "adamw"}
        out += [
            *R("hf", T, "healthy", "b67-adamw-cosine-e6" if not reg else
               "b67-adamw3e-3-cosine-e6", (1, 2), **M, lr=3e-3 if reg else good, sched="cosine",
               epochs=6, acceptable=["still_improving", "overfitting"]),
            *(R("hf", T, "underfitting", "b67-linear-adamw0.01-e6", (3,),
                **dict(M, model="linear"), lr=0.01, epochs=6,
                acceptable=["still_improving", "healthy"]) if reg else
              R("hf", T, "underfitting", "b67-adamw1e-6-e4", (3,), **M, lr=1e-6, epochs=4,
                acceptable=["still_improving"])),
            *R("hf", T, "still_improving", f"b67-adamw{s_lr:.0e}-cut-e{s_ep}".replace("e-0",
                                                                                     "e-"),
               ((j + 1) % 3 + 1,), **M, lr=s_lr, epochs=s_ep,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "loss_spike", "b67-poison10-at150", ((j + 2) % 3 + 1,),
               **dict(M, log_every=2), lr=good, epochs=5, poison=[(150, 10, "labels")],
               acceptable=["healthy"]),
            *R("hf", T, "erratic", "b67-adam0.1-b8-noclip-e6", (j % 3 + 1,),
               **dict(M, batch=8, opt="adam"), lr=0.1, clip=0, epochs=6,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "diverging", "b67-sgd0.01-grow1.02-noclip-nanlog-e6", (j % 3 + 1,),
               **dict(M, opt="sgd", log_every=2), lr=0.01, sched="grow", grow=1.02, clip=0,
               epochs=6, nan_filter=False, acceptable=["erratic"]),
            *R("hf", T, "insufficient_data", "b67-one-epoch-log25", (2,),
               **dict(M, log_every=25),
               lr=good, epochs=1, acceptable=["healthy", "still_improving"]),
        ]
        if not tag:     # the tagger's tags need no context: a wide one learns the rule
            ov_n, ov_f, ov_b = {"b67_seqcls": (300, 0.2, 8), "b67_friedreg": (200, 0.5, 8)}[T]
            out += R("hf", T, "overfitting", f"b67-wide-n{ov_n}-flip{ov_f:g}-b{ov_b}-e6", (3,),
                     **dict(M, model="wide", batch=ov_b, log_every=5), n_train=ov_n,
                     label_noise=ov_f, lr=3e-3, epochs=6, acceptable=["healthy", "erratic"])
    return out


# the sixty-seventh batch's contact sheets, looked at run by run (as the batches before)
B67_REVIEW = {
    "hf/b67_seqcls/overfitting-b67-wide-n300-flip0.2-b8-e6-s3": (
        "overfitting", ["underfitting"],
        "sixty-seventh batch: the width-128 GRU on 300 rows with 20% flipped labels, batch 8, 6 "
        "evaluations: eval_loss 1.03 -> 0.73 at the fourth evaluation (epoch 4), then 0.81 and "
        "0.93 (+27%) while the train loss keeps falling 1.1 -> 0.5 and eval_accuracy drops 0.66 "
        "-> 0.61: overfitting from epoch 4, not the check's underfitting (its end is near chance "
        "only because the few noisy rows never took it far below)"),
    "hf/b67_tagger/erratic-b67-adam0.1-b8-noclip-e6-s2": (
        "underfitting", ["erratic", "diverging"],
        "sixty-seventh batch: Adam 0.1 at batch 8 without clipping on the transformer tagger, 6 "
        "evaluations: eval_loss flat at 0.91 (the tag prior's entropy; the good run reaches "
        "0.23) with eval_accuracy at the majority tag, the train loss 0.85-1.0: collapsed to "
        "the prior from the first evaluation, the check's underfitting kept (erratic acceptable "
        "by construction)"),
}
REVIEW.update(B67_REVIEW)


add_batch(b67_dev67)


# ----------------------------------------------------------------------------- sixty-eighth batch
# HEAVY REGULARISATION, THE TRAIN LOSS ABOVE THE VAL LOSS, the HF Trainer's share
# (tasks.DEV68_TASKS: b68_digits, b68_wave, b68_friedreg; see gen_torch.b68_recipes): a custom
# model (tasks.make_model arch "b68_<level>") whose forward augments the input and applies
# dropout in train mode only; the Trainer switches model.train() for the logged train loss and
# model.eval() for the eval loss, so the train loss sits above the eval loss. Each regime by its
# real cause. Kept in one block at the end of the file (b68_ names): machinery writes the
# twenty-sixth batch's text for these tasks, cause says which regulariser (tasks.b68_text);
# nothing earlier changes.
from tasks import DEV68_TASKS, b68_text  # noqa: E402

machinery_as_batch26(DEV68_TASKS)
cause = cause_with(cause, DEV68_TASKS, lambda r, task: b68_text(
    task, r.arch, r.regime == "still_improving"))


def b68_dev68() -> list[Recipe]:
    """Sixty-eighth dev batch, hf (1200 train rows, batch 32: 38 steps an epoch; eval once an
    epoch; the 2x64 MLP (2x512 on the digits) with B68_REG's "good" augmentation and dropout
    unless named): AdamW 1e-3 for 30 epochs, logged every 10 steps or once an epoch (healthy); the
    "strong" regulariser (underfitting); the bare wide MLP on 100-150 rows (overfitting); Adam
    0.01-0.02 at batch 8 without clipping, eval every 50 steps (erratic) and Adam 0.05 (a collapse
    to chance); 10 random-label batches at step 400 (loss_spike); AdamW 1e-4 cut after 4 epochs,
    1e-3 after 6 on the wave (still_improving)."""
    out = []
    for T in DEV68_TASKS:
        M = {"arch": "b68_good", "model": "wide" if T == "b68_digits" else "medium",
             "batch": 32, "log_every": 10, "eval_every": 0, "opt": "adamw"}
        ov_n, ov_f = {"b68_digits": (150, 0.1), "b68_wave": (150, 0.15),
                      "b68_friedreg": (100, 0.3)}[T]
        # a run cut short (the wave's plateau: AdamW 1e-3 cut in its drop); erratic
        cut, cut_ep = (1e-3, 6) if T == "b68_wave" else (1e-4, 4)
        hot = 0.01 if T == "b68_digits" else 0.02
        out += [
            *R("hf", T, "healthy", "b68-good-adamw-e30", (1, 2), **M, lr=1e-3, epochs=30,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b68-good-adamw-e30-logepoch", (3,), **M, lr=1e-3,
               epochs=30, log_epoch=True, acceptable=["still_improving"]),
            *R("hf", T, "underfitting", "b68-strong-adamw-e30", (2,),
               **dict(M, arch="b68_strong"), lr=1e-3, epochs=30,
               acceptable=["healthy", "still_improving"]),
            *R("hf", T, "overfitting", f"b68-none-wide-n{ov_n}-noise{ov_f:g}-e80", (1,),
               **dict(M, arch="b68_none", model="wide", batch=16, log_every=5), n_train=ov_n,
               label_noise=ov_f, lr=1e-3, epochs=80, clip=0, acceptable=["healthy"]),
            *R("hf", T, "erratic", "b68-good-adam0.05-b8-noclip-e6", (2,),
               **dict(M, batch=8, opt="adam"), lr=0.05, clip=0, epochs=6,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "loss_spike", "b68-good-poison10-at400", (3,), **dict(M, log_every=2),
               lr=1e-3, epochs=20, poison=[(400, 10, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", f"b68-good-adamw{cut:g}-cut-e{cut_ep}", (1,),
               **dict(M, eval_every=19, log_every=5), lr=cut, epochs=cut_ep,
               acceptable=["underfitting", "healthy"]),
            *R("hf", T, "erratic", f"b68-good-adam{hot:g}-b8-noclip-e8", (3,),
               **dict(M, batch=8, opt="adam", eval_every=50), lr=hot, clip=0, epochs=8,
               acceptable=["healthy", "underfitting"]),
        ]
    return out


# the sixty-eighth batch's contact sheets, looked at run by run (as the batches before)
B68_REVIEW = {
    "hf/b68_digits/overfitting-b68-none-wide-n150-noise0.1-e80-s1": (
        "overfitting", ["healthy"],
        "sixty-eighth batch: the bare 2x512 MLP (no dropout, no augmentation) on 150 digits with "
        "10% flipped labels: eval_loss falls 2.0 -> 0.42 by step 180 and then climbs steadily to "
        "0.63 (+51%) over the remaining 620 steps while the train loss goes to ~0 and accuracy "
        "slips 0.87 -> 0.83: overfitting, not the check's healthy (a steady rise, not noise)"),
    "hf/b68_friedreg/underfitting-b68-strong-adamw-e30-s2": (
        "underfitting", ["still_improving", "healthy"],
        "sixty-eighth batch: the Friedman MLP with the too-strong regulariser (dropout 0.7, input "
        "noise N(0, 1.2^2)) in the Trainer: eval_loss 0.89 -> 0.65 and levelling (0.68 -> 0.65 "
        "over the last third), the train loss above it at 0.8, 6x the 0.108 the good setting "
        "reaches: both losses level high, underfitting (as its torch twin), not the check's "
        "healthy"),
    "hf/b68_digits/erratic-b68-good-adam0.01-b8-noclip-e8-s3": (
        "erratic", ["healthy", "underfitting"],
        "sixty-eighth batch: Adam 0.01 at batch 8 without clipping on the regularised digits MLP, "
        "eval every 50 steps: after 0.8 -> 0.45 in 150 steps eval_loss bounces 0.32-0.68 between "
        "neighbouring evaluations (up to 2x) with no trend for 1,000 steps, accuracy 0.77-0.91, "
        "as its torch twin the check called erratic: erratic, not the check's healthy"),
}
REVIEW.update(B68_REVIEW)


add_batch(b68_dev68)


# ----------------------------------------------------------------------------- sixty-ninth batch
# RESUMED TRAININGS, the HF Trainer's share (tasks.DEV69_TASKS: b69_digits, b69_classif,
# b69_friedreg; see gen_torch.b69_recipes): a checkpoint every eval_every steps (save_steps =
# eval_steps), the process killed `redo` steps after one (the fifteenth batch's crash callback)
# and a new Trainer resumed with train(resume_from_checkpoint=...) into the same output_dir, whose
# trainer_state.json then holds the whole history (the killed steps once) while the runs/ event
# files hold the redone steps twice; uninterrupted twins beside them. Each regime by its real
# cause. Kept in one block at the end of the file (b69_ names): machinery writes the
# twenty-sixth batch's text for these tasks, cause says where it resumed (tasks.b69_text);
# nothing earlier changes.
from tasks import DEV69_TASKS, b69_text  # noqa: E402

machinery_as_batch26(DEV69_TASKS)
cause = cause_with(cause, DEV69_TASKS, lambda r, task: b69_text(
    task, (f"checkpoints every {r.eval_every} steps (save_steps); resumed into the same "
           f"output_dir (trainer_state.json holds the whole history, the event files steps "
           f"{r.resume_at + 1}-{r.resume_at + r.redo} twice)") if r.resume_at else
    f"uninterrupted (the twin of the resumed runs), checkpoints every {r.eval_every} steps",
    r.model, r.lr))


def b69_dev69() -> list[Recipe]:
    """Sixty-ninth dev batch, hf (1500 train rows, batch 32: 47 steps an epoch; eval and a
    checkpoint every 47 steps, logging_steps 5; the 2x64 MLP), killed at a random point and
    resumed, a third uninterrupted twins: AdamW 1e-3 for 15 epochs (healthy); the wide MLP on 150
    rows with 30% flipped labels / noisy targets at batch 8, eval every 57 steps (overfitting);
    a linear model (underfitting); Adam 0.02 (0.2 on the regression; after a first pass where
    0.1 sent the classifiers to chance and 0.05 hardly bounced the regression) at batch 8
    without clipping (erratic); 10 random-label batches after the resume (loss_spike); AdamW
    1e-4 cut after 4 epochs (still_improving)."""
    import random as _b69_random
    out = []
    for j, T in enumerate(DEV69_TASKS):
        rs = _b69_random.Random(69100 + j)
        reg = T == "b69_friedreg"
        small = "tiny" if T == "b69_digits" else "linear"     # digits: linear is nearly as good
        M = {"model": "medium", "batch": 32, "log_every": 5, "eval_every": 47, "opt": "adamw"}

        def at(k_lo, k_hi, ev=47):
            return rs.randint(k_lo, k_hi) * ev, rs.randint(8, 40)
        a1, d1 = at(4, 10)
        a2, d2 = at(4, 10)
        a3, d3 = at(4, 11, 57)
        a4, d4 = at(3, 8)
        a5, d5 = at(2, 6, 47)
        a6, d6 = at(1, 2)
        out += [
            *R("hf", T, "healthy", "b69-adamw-twin", (1,), **M, lr=1e-3, epochs=15,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b69-adamw-resume", (2,), **M, lr=1e-3, epochs=15,
               resume_at=a1, redo=d1, acceptable=["still_improving"]),
            *R("hf", T, "overfitting", "b69-wide-n150-noisy-b8-resume", (3,),
               **dict(M, model="wide", batch=8, eval_every=57), n_train=150, label_noise=0.3,
               lr=3e-3, epochs=40, resume_at=a3, redo=d3, acceptable=["healthy"]),
            *R("hf", T, "underfitting", f"b69-{small}-adamw0.01-resume", (1,),
               **dict(M, model=small), lr=0.01, epochs=15, resume_at=a2, redo=d2,
               acceptable=["healthy", "still_improving"]),
            *R("hf", T, "erratic", "b69-adam-hot-b8-noclip-resume", (2,),
               **dict(M, batch=8, opt="adam", log_every=10, eval_every=94),
               lr=0.2 if reg else 0.02, clip=0, epochs=5, resume_at=a4 * 2, redo=d4,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "loss_spike", "b69-poison10-resume", (3,), **dict(M, log_every=2),
               lr=1e-3, epochs=10, resume_at=a5, redo=d5,
               poison=[(a5 + d5 + 40, 10, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b69-adamw1e-4-cut-e4-resume", (1,), **M, lr=1e-4,
               epochs=4, resume_at=a6, redo=d6, acceptable=["underfitting", "healthy"]),
        ]
    return out


# the sixty-ninth batch's contact sheets, looked at run by run (as the batches before)
B69_REVIEW = {
    "hf/b69_classif/erratic-b69-adam-hot-b8-noclip-resume-s2": (
        "erratic", ["healthy", "underfitting"],
        "sixty-ninth batch: Adam 0.02 at batch 8 without clipping on the 5-class table in the "
        "Trainer, resumed from checkpoint-752: the val loss swings 0.8-1.1 between evaluations "
        "with no trend over 900 steps (val accuracy 0.65-0.78), about 1.8x the 0.52 of the good "
        "run, the train loss bouncing 0.5-1.3: erratic, not the check's healthy (healthy and "
        "underfitting acceptable)"),
    "hf/b69_friedreg/overfitting-b69-wide-n150-noisy-b8-resume-s3": (
        "overfitting", ["underfitting", "erratic"],
        "sixty-ninth batch: the 2x512 MLP on 150 Friedman rows with noisy train targets in the "
        "Trainer, resumed from checkpoint-228: the train loss falls to 0.03-0.05 (memorised) "
        "while the val loss jumps 0.43 -> 0.95 at the second evaluation and then bounces "
        "0.42-0.58 with no trend, 12x the 0.035 of the good model: a memorised train set beside "
        "a high val loss, overfitting (as its torch twins), not the check's underfitting"),
}
REVIEW.update(B69_REVIEW)


add_batch(b69_dev69)


# ----------------------------------------------------------------------------- seventy-first batch
# SEQUENCE-TO-SEQUENCE WITH A GENERATION METRIC BESIDE THE VAL LOSS, the HF Trainer's share
# (tasks.DEV71_TASKS: b71_reverse, b71_sort, b71_grammar; see gen_torch.b71_recipes): the GRU
# encoder-decoder (arch "seq2seq"), eval_loss the teacher-forced token cross-entropy,
# eval_accuracy the greedy decode's token accuracy, eval_bleu its BLEU-like score,
# eval_tf_token_acc the teacher-forced accuracy; metric_for_best_model bleu or accuracy
# (greater_is_better) with load_best_model_at_end on about a third of the runs: the optimised
# metric is what such a run is labelled by. Each regime by its real cause. Kept in one block at
# the end of the file (b71_ names): "bleu" joins SCORES (higher is better; no earlier run
# optimises it), machinery writes the twenty-sixth batch's text for these tasks, cause says the
# task and the metric (tasks.b71_text); nothing earlier changes.
from tasks import DEV71_TASKS, b71_text  # noqa: E402

SCORES = SCORES + ("bleu",)
machinery_as_batch26(DEV71_TASKS)
cause = cause_with(cause, DEV71_TASKS, lambda r, task: b71_text(task, r.model))


def b71_dev71() -> list[Recipe]:
    """Seventy-first dev batch, hf (2000 train pairs, batch 32: 63 steps an epoch; the 96-unit
    GRU encoder-decoder unless named): AdamW 3e-3 with warm-up + cosine for 20 epochs, eval every
    32 steps, metric_for_best_model bleu with load_best_model_at_end, or eval once an epoch
    without (healthy); the 192-unit GRU on 150 pairs (overfitting); a 4-unit GRU, metric_for_best
    _model accuracy (underfitting); Adam 0.03 at batch 8 without clipping (erratic); an LR bump
    x20 for 5 steps at step 700 (loss_spike); Adam 3e-4 cut at 30% of its cosine schedule
    (still_improving); on the noisy reversal, 60 epochs with and without metric_for_best_model
    accuracy (the val loss turns up from over-confidence while the greedy accuracy still
    improves)."""
    out = []
    n = 63 * 20
    for T in DEV71_TASKS:
        M = {"arch": "seq2seq", "model": "medium", "batch": 32, "log_every": 10}
        rev = ["overfitting"] if T == "b71_reverse" else []
        out += [
            *R("hf", T, "healthy", "b71-warmcos-eval32-best-bleu", (1, 2), **M, lr=3e-3,
               sched="cosine", warmup_ratio=0.05, epochs=20, eval_every=32, first_step=True,
               best_metric="bleu", load_best=True, acceptable=["still_improving"] + rev),
            *R("hf", T, "healthy", "b71-cosine-eval-epoch", (3,), **M, lr=3e-3, sched="cosine",
               epochs=20, eval_every=0, acceptable=["still_improving"] + rev),
            *R("hf", T, "overfitting", "b71-wide-n150", (1,), **dict(M, model="wide",
               log_every=5), n_train=150, lr=2e-3, max_steps=1200, eval_every=25,
               acceptable=["healthy"]),
            *R("hf", T, "underfitting", "b71-tiny-gru4-best-acc", (2,), **dict(M, model="tiny"),
               lr=3e-3, sched="cosine", epochs=20, eval_every=63, best_metric="accuracy",
               load_best=True, acceptable=["healthy"]),
            *R("hf", T, "erratic", "b71-adam0.03-b8-noclip", (1,), **dict(M, batch=8),
               opt="adam", lr=0.03, max_steps=1500, eval_every=50, clip=0,
               acceptable=["underfitting", "diverging"]),
            *R("hf", T, "loss_spike", "b71-lrbump5-x20-at700", (2,), **dict(M, log_every=2),
               opt="adam", lr=3e-3, sched="cosine", max_steps=n, eval_every=32, clip=0,
               bumps=[(700, 5, 20)], acceptable=["healthy"]),
            # Adam (the Trainer's custom-optimiser path: LambdaLR over the planned 1260 steps;
            # with AdamW the Trainer's own cosine decays to 0 by step 378, a first pass showed)
            *R("hf", T, "still_improving", "b71-cosine-stop30pct", (3,), **dict(M, log_every=5),
               opt="adam", lr=3e-4, sched="cosine", planned=n, max_steps=3 * n // 10,
               eval_every=32, acceptable=["underfitting"]),
        ]
    M = {"arch": "seq2seq", "model": "medium", "batch": 32, "log_every": 10}
    out += [
        *R("hf", "b71_reverse", "healthy", "b71-long-e60-best-acc", (1,), **M, lr=3e-3,
           epochs=60, eval_every=63, best_metric="accuracy", load_best=True,
           acceptable=["overfitting", "still_improving"]),
        *R("hf", "b71_reverse", "overfitting", "b71-long-e60", (2,), **M, lr=3e-3, epochs=60,
           eval_every=63, acceptable=["healthy", "still_improving"]),
    ]
    # after the first pass: Adam 0.03 at batch 8 made a slow, noisy learner on the reversal
    # (the check: healthy), so Adam 0.01 at batch 4 beside it
    for T in DEV71_TASKS:
        out += R("hf", T, "erratic", "b71-adam0.01-b4-noclip", (3,), **dict(M, batch=4),
                 opt="adam", lr=0.01, max_steps=2000, eval_every=50, clip=0,
                 acceptable=["healthy", "underfitting"])
    # the 4-unit GRU on the sort with metric_for_best_model accuracy was dropped (its greedy
    # accuracy 0.33 is far from chance 1/12 and no other check fit): one without it, judged on
    # eval_loss (corpus_checks.B71_LOSS_FLOORS)
    out += R("hf", "b71_sort", "underfitting", "b71-tiny-gru4", (2,),
             **dict(M, model="tiny"), lr=3e-3, sched="cosine", epochs=20, eval_every=63,
             acceptable=["healthy"])
    return out


# the seventy-first batch's contact sheets, looked at run by run (as the batches before)
B71_REVIEW = {
    "hf/b71_grammar/overfitting-b71-wide-n150-s1": (
        "overfitting", ["healthy"],
        "seventy-first batch: the 192-unit GRU on 150 grammar pairs in the Trainer: eval_loss "
        "falls to 0.57 by step 125 and then climbs steadily to 0.80 (+40%) over the remaining "
        "1,075 steps while the train loss sits at ~0 and the greedy token accuracy stays flat "
        "at 0.76: overfitting (as its torch twins), not the check's healthy (a steady rise, not "
        "noise)"),
    "hf/b71_grammar/underfitting-b71-tiny-gru4-best-acc-s2": (
        "underfitting", ["healthy"],
        "seventy-first batch: the 4-unit GRU on the grammar translation, metric_for_best_model "
        "accuracy: eval_loss levels at 1.33 (the good model: 0.009) and the greedy token "
        "accuracy at 0.33 (the good model: 1.0) for the last half of the run: a model too "
        "small, underfitting on the optimised metric too, not the check's healthy"),
    "hf/b71_reverse/erratic-b71-adam0.03-b8-noclip-s1": (
        "underfitting", ["erratic", "still_improving"],
        "seventy-first batch: Adam 0.03 at batch 8 without clipping on the noisy-reversal GRU in "
        "the Trainer: eval_loss drifts 1.85 -> 1.4-1.55 with small bounces, the greedy token "
        "accuracy 0.30 -> 0.38, 2x the 0.68 (accuracy 0.71) of the good setting: an LR too high "
        "keeps it far above the good level, underfitting (as its torch twin), not the check's "
        "healthy"),
    "hf/b71_grammar/erratic-b71-adam0.03-b8-noclip-s1": (
        "erratic", ["still_improving", "underfitting"],
        "seventy-first batch: Adam 0.03 at batch 8 without clipping on the grammar GRU in the "
        "Trainer: after 1.1 -> 0.45 in 300 steps eval_loss bounces 0.3-0.53 between "
        "evaluations (up to 1.6x) for 1,200 steps with only a slow drift, the greedy accuracy "
        "0.82-0.9 up and down, 35x the 0.009 of the good run: erratic (as its torch twin), not "
        "the check's still_improving"),
    "hf/b71_sort/erratic-b71-adam0.03-b8-noclip-s1": (
        "erratic", ["underfitting"],
        "seventy-first batch: Adam 0.03 at batch 8 without clipping on the sorting GRU in the "
        "Trainer: eval_loss bounces 0.8-1.0 between evaluations with no trend from step 150 to "
        "1,500, the greedy token accuracy 0.52-0.62 up and down, the train loss 0.6-1.1: "
        "erratic (as its torch twin), the check's underfitting acceptable (3x the 0.27 of the "
        "good run)"),
    "hf/b71_reverse/erratic-b71-adam0.01-b4-noclip-s3": (
        "underfitting", ["healthy", "still_improving", "erratic"],
        "seventy-first batch: Adam 0.01 at batch 4 without clipping on the noisy-reversal GRU in "
        "the Trainer: eval_loss smooth, 1.9 -> 1.15-1.25 and levelling, the greedy token "
        "accuracy 0.45-0.49 (the good setting: 0.68 and 0.71): left well above the good level, "
        "underfitting (as its torch twin), not the check's healthy"),
    "hf/b71_grammar/erratic-b71-adam0.01-b4-noclip-s3": (
        "underfitting", ["healthy", "erratic"],
        "seventy-first batch: Adam 0.01 at batch 4 without clipping on the grammar GRU in the "
        "Trainer: eval_loss levels at 0.2-0.25 from step 500 (the good run: 0.009) with the "
        "greedy token accuracy at 0.9 (the good run: 1.0): levelled 20x above the good level, "
        "underfitting, not the check's healthy"),
}
REVIEW.update(B71_REVIEW)


add_batch(b71_dev71)



# ----------------------------------------------------------------------------- seventieth batch
# LONG PER-STEP LOGS OF LM-STYLE PRE-TRAINING, the HF Trainer's share (tasks.DEV70_TASKS:
# b70_descr_lm, b70_hmm_lm, b70_mul_lm; see gen_torch.b70_recipes): the 1-layer width-32 GPT
# trained from scratch with logging_steps 1-2 for 2,000-4,000 points, warm-up then cosine or
# linear decay to 0, eval_steps 250 on half of the runs and eval_strategy "no" (no_eval) on the
# other half, each regime by its real cause. Kept in one block at the end of the file (b70_
# names): machinery writes the twenty-sixth batch's text for these tasks, cause names the source
# and the evaluations (tasks.b70_text); nothing earlier changes.
from tasks import DEV70_TASKS, b70_text  # noqa: E402

machinery_as_batch26(DEV70_TASKS)
cause = cause_with(cause, DEV70_TASKS, lambda r, task: b70_text(
    task, 0 if r.no_eval else max(0, r.max_steps) // max(1, r.eval_every), r.model,
    r.lr < 1e-4))


def b70_dev70() -> list[Recipe]:
    """Seventieth dev batch, hf (12000 windows of 32 tokens, batch 16; a 1-layer width-32 GPT):
    AdamW 3e-3, weight_decay 0.1, max_grad_norm 1.0, 100 warm-up steps then cosine (3,000 steps,
    eval every 250) or linear decay (4,000 steps, logging_steps 2, no eval) to 0 (healthy); a
    cosine planned for 10,000 steps at a peak of 5e-4 cut at 2,500 (25%, no eval:
    still_improving); a width-4 model (underfitting); SGD with the LR x1.005 a step, no
    clipping, the NaN logged (diverging); LR bumps x30 for 5, x10 for 50 and x4 for 200 steps in
    one run without clipping (loss_spike); 60 steps with 2 evaluations (insufficient_data)."""
    out = []
    for T in DEV70_TASKS:
        G = {"model": "small", "arch": "transformer", "batch": 16}
        W = {"opt": "adamw", "wd": 0.1, "clip": 1.0, "warmup": 100}
        out += [
            *R("hf", T, "healthy", "b70-gpt-adamw-warmcos-3000-eval250", (1,), **G, **W,
               lr=3e-3, sched="cosine", max_steps=3000, log_every=1, eval_every=250,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b70-gpt-adamw-warmlin-4000-noeval-log2", (2,), **G, **W,
               lr=3e-3, sched="linear", max_steps=4000, log_every=2, no_eval=True,
               acceptable=["still_improving"]),
            *R("hf", T, "still_improving", "b70-gpt-cosine10000-cut2500-noeval", (3,), **G, **W,
               lr=5e-4, sched="cosine", planned=10000, max_steps=2500, log_every=1,
               no_eval=True, acceptable=["underfitting", "healthy"]),
            *R("hf", T, "underfitting", "b70-gpt-width4-eval250", (2,), **dict(G, model="linear"),
               **W, lr=3e-3, sched="cosine", max_steps=3000, log_every=1, eval_every=250,
               acceptable=["still_improving", "healthy"]),
            *R("hf", T, "diverging", "b70-gpt-sgd0.01-grow1.005-noclip-nanlog-noeval", (1,), **G,
               opt="sgd", lr=0.01, sched="grow", grow=1.005, clip=0, max_steps=2500,
               log_every=1, no_eval=True, nan_filter=False, acceptable=["erratic"]),
            *R("hf", T, "loss_spike", "b70-gpt-lrbumps-5x30-50x10-200x4-noclip-noeval", (3,), **G,
               opt="adam", lr=2e-3, warmup=100, clip=0, max_steps=4000, log_every=1,
               no_eval=True, bumps=[(800, 5, 30), (1800, 50, 10), (2800, 200, 4)],
               acceptable=["healthy", "erratic"]),
            *R("hf", T, "insufficient_data", "b70-gpt-stopped60-eval30", (1,), **G, **W, lr=3e-3,
               max_steps=60, log_every=10, eval_every=30),
        ]
    # after the first pass: a peak of 5e-4 cut at 25% parks near the bigram level before the cut
    # (read healthy), 60 steps logged every 10 read as a curve (6 points) and LR bumps of x4-x30
    # barely lift the loss: the good peak cut at 20% with an eval every 100 steps, 60 steps
    # logged every 20, and 40 random-token batches
    for T in DEV70_TASKS:
        G = {"model": "small", "arch": "transformer", "batch": 16}
        W = {"opt": "adamw", "wd": 0.1, "clip": 1.0, "warmup": 100}
        out += [
            *R("hf", T, "still_improving", "b70-gpt-cosine6000-cut1200-eval100", (2,), **G, **W,
               lr=3e-3, sched="cosine", planned=6000, max_steps=1200, log_every=1,
               eval_every=100, acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b70-gpt-poison40-at1500-noeval", (1,), **G, **W, lr=3e-3,
               sched="cosine", max_steps=3000, log_every=1, no_eval=True,
               poison=[(1500, 40, "labels")], acceptable=["healthy"]),
            *R("hf", T, "insufficient_data", "b70-gpt-stopped60-log20-eval30", (3,), **G, **W,
               lr=3e-3, max_steps=60, log_every=20, eval_every=30),
        ]
    return out


# the seventieth batch's contact sheets, looked at run by run (as the batches before)
B70_REVIEW = {
    "hf/b70_hmm_lm/loss_spike-b70-gpt-poison40-at1500-noeval-s1": (
        "loss_spike", ["healthy"],
        "seventieth batch: 40 random-token batches at step 1500 of the HMM LM, train-only: the "
        "per-step train loss jumps from its 1.5 band to 3.7 (2.4x: a cross-entropy on random "
        "tokens cannot go much above the 12 symbols' ln 12 = 2.5 plus the model's confidence) and "
        "is back in the band within 50 steps, the rest of the run flat: a clear spike on a flat "
        "curve, loss_spike set by eye (the check wants 2.5x)"),
    "hf/b70_descr_lm/insufficient_data-b70-gpt-stopped60-eval30-s1": (
        "insufficient_data", ["still_improving"],
        "seventieth batch: a run stopped after 60 of its steps, 6 train logs and 2 evaluations, "
        "the loss still falling 3.3 -> 2.5 (the good run reaches 1.85 after thousands of "
        "steps): nothing can be judged, not the check's underfitting (its level is the level of "
        "step 60)"),
    "hf/b70_mul_lm/insufficient_data-b70-gpt-stopped60-eval30-s1": (
        "insufficient_data", ["still_improving"],
        "seventieth batch: a run stopped after 60 steps, 6 train logs and 2 evaluations, the "
        "loss still falling 2.6 -> 2.1 (the good run reaches 1.4): nothing can be judged, not "
        "the check's underfitting"),
    "hf/b70_hmm_lm/underfitting-b70-gpt-width4-eval250-s2": (
        "healthy", ["underfitting", "still_improving"],
        "seventieth batch: a width-4 GPT on the HMM source, 12 evaluations: eval loss 1.85 -> "
        "1.64, levelled, 1.09x the width-32 model's 1.50 (the source's entropy rate 1.49): the "
        "curve is a healthy one and the gap too small to call it a model too small by its level; "
        "the check's healthy kept, underfitting acceptable by construction"),
    "hf/b70_descr_lm/loss_spike-b70-gpt-lrbumps-5x30-50x10-200x4-noclip-noeval-s3": (
        "healthy", ["loss_spike", "still_improving"],
        "seventieth batch: LR bumps x30 (5 steps), x10 (50) and x4 (200) under Adam 2e-3 on the "
        "description LM: each leaves only a blip of 1.1-1.2x inside the per-step noise band "
        "(Adam's step barely grows with the LR once the moments adapt), the curve falls and "
        "levels: the check's healthy kept, loss_spike acceptable by construction"),
    "hf/b70_hmm_lm/loss_spike-b70-gpt-lrbumps-5x30-50x10-200x4-noclip-noeval-s3": (
        "healthy", ["loss_spike", "still_improving"],
        "seventieth batch: LR bumps x30 (5 steps), x10 (50) and x4 (200) on the HMM LM: one "
        "thin line to 1.9 (1.3x) at the first bump, the others inside the 1.3-1.7 noise band, "
        "the curve flat after step 300: the check's healthy kept, loss_spike acceptable"),
}
REVIEW.update(B70_REVIEW)


add_batch(b70_dev70)


# ----------------------------------------------------------------------------- seventy-third batch
# HF FINE-TUNES THE WAY TYPICAL USERS WRITE THEM (tasks.DEV73_TASKS: b73_intent, b73_urgency,
# b73_slots; hf only): the tiny BERT encoder of tasks.b73_encoder_dir (BertConfig, 2 layers,
# width 64, pre-trained in the script by masked-LM on generated support messages, saved and
# loaded with AutoModelForSequenceClassification / AutoModelForTokenClassification), fine-tuned
# by the Trainer with TrainingArguments as users set them: eval_strategy "steps" (eval_steps
# 20-60) or "epoch", logging_steps 10-20, warmup_ratio 0.06-0.1, weight_decay 0.01, LR 2e-5 to
# 5e-4 for the good settings, metric_for_best_model f1 / accuracy / eval_loss with
# load_best_model_at_end and save_total_limit 2, EarlyStoppingCallback on about a third of the
# runs, compute_metrics accuracy and macro-F1, report_to ["tensorboard"]. Each regime by its
# real cause. Kept in one block at the end of the file (b73_ names): hf_model and
# describe_model are wrapped for these tasks only, machinery writes the twenty-sixth batch's
# text for them; nothing earlier changes.
from tasks import B73_ENC, DEV73_TASKS, b73_finetune_model  # noqa: E402

_b73_prev_hf_model = hf_model
_b73_prev_describe_model = describe_model


def hf_model(task, r: Recipe):  # noqa: F811  (seventy-third batch: the pre-trained encoder)
    """Seventy-third batch: AutoModelFor{Sequence,Token}Classification.from_pretrained(the MLM
    checkpoint) with a fresh head (freeze: the encoder frozen); else as before."""
    if r.task in DEV73_TASKS:
        return b73_finetune_model(task, r.seed, freeze=r.freeze)
    return _b73_prev_hf_model(task, r)


def describe_model(r: Recipe, task) -> str:  # noqa: F811
    """Seventy-third batch: the pre-trained encoder and its head; else as before."""
    if r.task in DEV73_TASKS:
        head = ("AutoModelForTokenClassification (5 tags)" if task.kind == "tagging" else
                f"AutoModelForSequenceClassification ({task.n_classes} classes)")
        return (f"{head}.from_pretrained a 2-layer BERT encoder (BertConfig, width 64, 4 heads) "
                f"pre-trained in the script by masked-LM for {B73_ENC['mlm_steps']} steps on "
                "20,000 generated support messages, fresh head"
                + (", encoder frozen (only the head trains)" if r.freeze else ""))
    return _b73_prev_describe_model(r, task)


machinery_as_batch26(DEV73_TASKS)


def b73_dev73() -> list[Recipe]:
    """Seventy-third dev batch, hf (2000 train messages, batch 32: 63 steps an epoch): AdamW
    with warmup_ratio 0.06-0.1, linear decay, weight decay 0.01, 5e-4 / 3e-4 / 1e-4 for 6-10
    epochs, eval per epoch or every 40-60 steps, metric_for_best_model f1 / accuracy / loss with
    load_best_model_at_end, early stopping on some (healthy); 128 examples with 20% flipped
    labels for 20 epochs at batch 8 (overfitting); a frozen encoder and LR 2e-6
    (underfitting); LR 5e-3 at batch 16 and 2e-2 without clipping (erratic / collapse); an LR
    bump x30 for 5 steps and 15 batches of random labels (loss_spike); a schedule planned for
    10 epochs cut after 2 (still_improving); 30 steps (insufficient_data)."""
    out = []
    B = {"arch": "bert", "model": "small", "batch": 32, "wd": 0.01}
    for T, best, best2 in (("b73_intent", "f1", "accuracy"), ("b73_urgency", "accuracy", "f1"),
                           ("b73_slots", "f1", "loss")):
        out += [
            *R("hf", T, "healthy", f"b73-warmlin-e8-evalepoch-best-{best}", (1, 2), **B,
               lr=5e-4, sched="linear", warmup_ratio=0.1, epochs=8, log_every=10,
               eval_every=0, best_metric=best, load_best=True,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", f"b73-warmlin-e6-eval40-best-{best2}-es3", (3,), **B,
               lr=5e-4, sched="linear", warmup_ratio=0.06, epochs=6, log_every=10,
               eval_every=40, best_metric=best2, load_best=True, early_stop=3,
               acceptable=["still_improving"]),
            *R("hf", T, "healthy", "b73-warmlin-e10-eval60-best-loss-es2", (1,), **B, lr=3e-4,
               sched="linear", warmup_ratio=0.1, epochs=10, log_every=20, eval_every=60,
               best_metric="loss", load_best=True, early_stop=2,
               acceptable=["still_improving", "overfitting"]),
            *R("hf", T, "overfitting", "b73-n128-noise20-b8-e20", (1,),
               **dict(B, batch=8, n_train=128), label_noise=0.2, lr=5e-4, sched="linear",
               warmup_ratio=0.06, epochs=20, log_every=10, eval_every=20,
               best_metric=best, load_best=True, acceptable=[]),
            *R("hf", T, "overfitting", "b73-n128-noise20-b8-e20-best-loss-es5", (2,),
               **dict(B, batch=8, n_train=128), label_noise=0.2, lr=5e-4, sched="linear",
               warmup_ratio=0.06, epochs=20, log_every=10, eval_every=20,
               best_metric="loss", load_best=True, early_stop=5, acceptable=[]),
            *R("hf", T, "underfitting", "b73-frozen-encoder-best-f1-es3", (1,), **B,
               freeze=True, lr=5e-4, sched="linear", warmup_ratio=0.1, epochs=6,
               log_every=10, eval_every=40, best_metric="f1", load_best=True, early_stop=3,
               acceptable=["still_improving"]),
            *R("hf", T, "underfitting", "b73-lr2e-6", (2,), **B, lr=2e-6, sched="linear",
               warmup_ratio=0.1, epochs=5, log_every=10, eval_every=30,
               acceptable=["still_improving"]),
            *R("hf", T, "erratic", "b73-lr5e-3-b16", (1,), **dict(B, batch=16), lr=5e-3,
               sched="constant", max_steps=500, log_every=10, eval_every=20,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "erratic", "b73-lr2e-2-noclip-best-f1-es3", (2,), **B, lr=2e-2,
               sched="linear", warmup_ratio=0.06, epochs=6, log_every=10, eval_every=20,
               clip=0, best_metric="f1", load_best=True, early_stop=3,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "loss_spike", "b73-lrbump5-x30-at250", (1,), **B, lr=3e-4,
               sched="constant", epochs=8, log_every=10, eval_every=20, clip=0,
               bumps=[(250, 5, 30)], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b73-poisonlabels15-at250", (2,), **B, lr=3e-4,
               sched="linear", warmup_ratio=0.06, epochs=8, log_every=10, eval_every=20,
               poison=[(250, 15, "labels")], acceptable=["healthy"]),
            *R("hf", T, "still_improving", "b73-planned10ep-cut2ep", (1, 2), **B, opt="adam",
               lr=1e-4, sched="linear", warmup=40, planned=630, max_steps=126, log_every=10,
               eval_every=20, acceptable=["underfitting"]),
            *R("hf", T, "insufficient_data", "b73-stopped30", (3,), **B, lr=5e-4,
               max_steps=30, log_every=10, eval_every=15),
        ]
    # after the first pass: the sequence heads sit at chance for the first ~100 steps (the fresh
    # pooler and head), so LR 1e-4 cut after 2 epochs and 128 examples never left it; LR 5e-3
    # and 2e-2 pinned the classifiers to the prior; the LR bump x30 and 15 poisoned batches at
    # step 250 barely showed in logs averaged over 10 steps: the good LR planned for 10 epochs
    # cut after 2 (batch 16), 300 examples with 30% flipped labels for 30 epochs (the tagger: 64
    # with 40% of its entity tags flipped, 60 epochs at LR 1e-3), LR 2e-3 at batch 8 without
    # clipping (the tagger: 1e-2 at batch 16), an LR bump x50 for 10 steps and 30 poisoned
    # batches late in the run
    for T, best in (("b73_intent", "f1"), ("b73_urgency", "accuracy"), ("b73_slots", "f1")):
        tag = T == "b73_slots"
        over = ({"n_train": 64, "label_noise": 0.4, "batch": 8, "lr": 1e-3, "epochs": 60,
                 "eval_every": 24} if tag else
                {"n_train": 300, "label_noise": 0.3, "batch": 16, "lr": 5e-4, "epochs": 30,
                 "eval_every": 30})
        name = "b73-n64-noise40-b8-e60" if tag else "b73-n300-noise30-b16-e30"
        out += [
            *R("hf", T, "still_improving", "b73-planned10ep-cut2ep-b16-lr5e-4", (1, 3),
               **dict(B, batch=16), opt="adam", lr=5e-4, sched="linear", warmup=40,
               planned=1250, max_steps=250, log_every=10, eval_every=25,
               acceptable=[]),
            *R("hf", T, "overfitting", name, (1,), **dict(B, batch=over["batch"],
               n_train=over["n_train"]), label_noise=over["label_noise"], lr=over["lr"],
               sched="linear", warmup_ratio=0.06, epochs=over["epochs"], log_every=10,
               eval_every=over["eval_every"], acceptable=["healthy"]),
            *R("hf", T, "overfitting", name + "-best-" + best + "-es4", (2,),
               **dict(B, batch=over["batch"], n_train=over["n_train"]),
               label_noise=over["label_noise"], lr=over["lr"], sched="linear",
               warmup_ratio=0.06, epochs=over["epochs"], log_every=10,
               eval_every=over["eval_every"], best_metric=best, load_best=True, early_stop=4,
               acceptable=["healthy"]),
            *R("hf", T, "erratic", "b73-lr1e-2-b16-noclip" if tag else "b73-lr2e-3-b8-noclip",
               (3,), **dict(B, batch=16 if tag else 8), lr=1e-2 if tag else 2e-3,
               sched="constant", max_steps=500, log_every=10, eval_every=20, clip=0,
               acceptable=["diverging", "underfitting"]),
            *R("hf", T, "loss_spike", "b73-lrbump10-x50-at350", (3,), **B, lr=3e-4,
               sched="constant", epochs=8, log_every=10, eval_every=20, clip=0,
               bumps=[(350, 10, 50)], acceptable=["healthy"]),
            *R("hf", T, "loss_spike", "b73-poisonlabels30-at350", (1,), **B, lr=3e-4,
               sched="linear", warmup_ratio=0.06, epochs=8, log_every=10, eval_every=20,
               poison=[(350, 30, "labels")], acceptable=["healthy"]),
        ]
    # after the second pass: the intent head still sat at chance after 2 epochs at batch 16 and
    # the noisy 300 examples were never learned (the tagger shrugged off its flipped tags); LR
    # 2e-3 at batch 8 threw the intent model back to the prior: LR 1e-3 cut after 2 epochs,
    # 500 examples with 30% flipped labels for 40 epochs, the tagger on 24 clean messages for
    # 80 epochs (entity words it never saw) and on 32 with 50% flipped tags, LR 1e-3 at batch 8
    # (the tagger: 3e-3)
    for T in ("b73_intent", "b73_urgency"):
        out += [
            *R("hf", T, "still_improving", "b73-planned10ep-cut2ep-b16-lr1e-3", (1, 2),
               **dict(B, batch=16), opt="adam", lr=1e-3, sched="linear", warmup=40,
               planned=1250, max_steps=250, log_every=10, eval_every=25,
               acceptable=["underfitting"]),
            *R("hf", T, "overfitting", "b73-n500-noise30-b16-e40", (3,),
               **dict(B, batch=16, n_train=500), label_noise=0.3, lr=5e-4, sched="linear",
               warmup_ratio=0.06, epochs=40, log_every=20, eval_every=50,
               acceptable=["healthy"]),
            *R("hf", T, "erratic", "b73-lr1e-3-b8-noclip", (1,), **dict(B, batch=8), lr=1e-3,
               sched="constant", max_steps=500, log_every=10, eval_every=20, clip=0,
               acceptable=["diverging", "underfitting", "healthy"]),
        ]
    out += [
        *R("hf", "b73_slots", "overfitting", "b73-n24-b8-e80", (3,), **dict(B, batch=8,
           n_train=24), lr=1e-3, sched="linear", warmup_ratio=0.06, epochs=80, log_every=10,
           eval_every=20, acceptable=["healthy"]),
        *R("hf", "b73_slots", "overfitting", "b73-n32-noise50-b8-e60-best-loss-es5", (1,),
           **dict(B, batch=8, n_train=32), label_noise=0.5, lr=1e-3, sched="linear",
           warmup_ratio=0.06, epochs=60, log_every=10, eval_every=20, best_metric="loss",
           load_best=True, early_stop=5, acceptable=["healthy"]),
        *R("hf", "b73_slots", "erratic", "b73-lr3e-3-b8-noclip", (1,), **dict(B, batch=8),
           lr=3e-3, sched="constant", max_steps=500, log_every=10, eval_every=20, clip=0,
           acceptable=["diverging", "underfitting", "healthy"]),
    ]
    # after the third pass: Adam cut at 250 of a planned 1,250 steps at batch 16 left the
    # classifiers at chance (their head breaks away from the prior only after ~100 steps at
    # batch 32): num_train_epochs 2 as users set it (the Trainer's warm-up and linear decay),
    # eval every 10 steps
    for T in ("b73_intent", "b73_urgency"):
        out += R("hf", T, "still_improving", "b73-warmlin-e2-eval10", (1, 2, 3), **B, lr=5e-4,
                 sched="linear", warmup_ratio=0.1, epochs=2, log_every=10, eval_every=10,
                 acceptable=["healthy", "underfitting"])
    # after the look at the sheets: no run read erratic (LR 2e-3 and up threw the classifiers
    # back to the prior, the tagger shrugged LR 3e-3-5e-3 off) and the noisy 500 examples gave
    # the clearest overfitting: LR 1e-3 (the tagger: 5e-3) at batch 4 without clipping, and the
    # 500 / 64 noisy examples on two more seeds (one with metric_for_best_model and early
    # stopping)
    for T, best in (("b73_intent", "f1"), ("b73_urgency", "accuracy"), ("b73_slots", "f1")):
        tag = T == "b73_slots"
        over = ({"n_train": 64, "label_noise": 0.4, "batch": 8, "lr": 1e-3, "epochs": 60,
                 "eval_every": 24} if tag else
                {"n_train": 500, "label_noise": 0.3, "batch": 16, "lr": 5e-4, "epochs": 40,
                 "eval_every": 50})
        name = "b73-n64-noise40-b8-e60" if tag else "b73-n500-noise30-b16-e40"
        out += [
            *R("hf", T, "erratic", "b73-lr5e-3-b4-noclip" if tag else "b73-lr1e-3-b4-noclip",
               (2, 3), **dict(B, batch=4), lr=5e-3 if tag else 1e-3, sched="constant",
               max_steps=600, log_every=10, eval_every=20, clip=0,
               acceptable=["diverging", "underfitting", "healthy", "still_improving"]),
            *R("hf", T, "overfitting", name, (2,), **dict(B, batch=over["batch"],
               n_train=over["n_train"]), label_noise=over["label_noise"], lr=over["lr"],
               sched="linear", warmup_ratio=0.06, epochs=over["epochs"], log_every=20,
               eval_every=over["eval_every"], acceptable=["healthy"]),
            *R("hf", T, "overfitting", name + "-best-" + best + "-es5", (3 if tag else 1,),
               **dict(B, batch=over["batch"], n_train=over["n_train"]),
               label_noise=over["label_noise"], lr=over["lr"], sched="linear",
               warmup_ratio=0.06, epochs=over["epochs"], log_every=20,
               eval_every=over["eval_every"], best_metric=best, load_best=True, early_stop=5,
               acceptable=["healthy"]),
        ]
    # LR 1e-3 at batch 8 without clipping gave the one bouncing intent curve: two more seeds
    for T in ("b73_intent", "b73_urgency"):
        out += R("hf", T, "erratic", "b73-lr1e-3-b8-noclip", (2, 3), **dict(B, batch=8),
                 lr=1e-3, sched="constant", max_steps=500, log_every=10, eval_every=20,
                 clip=0, acceptable=["diverging", "underfitting", "healthy", "still_improving"])
    return out


# the seventy-third batch's contact sheets, looked at run by run (as the batches before)
B73_REVIEW = {
    "hf/b73_intent/loss_spike-b73-lrbump10-x50-at350-s3": (
        "diverging", ["loss_spike"],
        "seventy-third batch: an LR bump x50 for 10 steps at step 350 (LR 0.015): eval_loss "
        "0.6 -> 1.62, the chance level ln 5, in one evaluation and flat there for the last 150 "
        "steps, accuracy 0.84 -> 0.2: the classifier collapsed to the prior and never came back "
        "(the check's diverging kept; a spike that does not recover, loss_spike acceptable)"),
    "hf/b73_urgency/loss_spike-b73-lrbump10-x50-at350-s3": (
        "diverging", ["loss_spike"],
        "seventy-third batch: as the intent run: eval_loss 0.63 -> 1.1 (ln 3) at the bump and "
        "flat at the prior to the end, accuracy 0.76 -> 0.45 (the check's diverging kept)"),
    "hf/b73_intent/loss_spike-b73-poisonlabels15-at250-s2": (
        "loss_spike", ["healthy"],
        "seventy-third batch: 15 batches of random labels at step 250: the logged train loss "
        "(averaged over 10 steps) jumps from its 1.0 band to 1.97 and is back within 20 steps, "
        "eval_loss barely moves: a clear spike on a smooth curve, not the check's healthy"),
    "hf/b73_intent/loss_spike-b73-poisonlabels30-at350-s1": (
        "loss_spike", ["healthy"],
        "seventy-third batch: 30 batches of random labels at step 350: the train loss 0.95 -> "
        "2.36 (2.5x) for two logs, then back in its band, eval_loss flat at 0.95: a spike on a "
        "levelled curve, not the check's healthy"),
    "hf/b73_urgency/loss_spike-b73-poisonlabels30-at350-s1": (
        "loss_spike", ["healthy", "still_improving"],
        "seventy-third batch: 30 batches of random labels at step 350: the train loss 0.9 -> "
        "1.34 (1.5x, its band +-0.05) for two logs, eval_loss 0.88 -> 0.93 and back: a spike "
        "on a levelled curve, not the check's still_improving"),
    "hf/b73_intent/loss_spike-b73-lrbump5-x30-at250-s1": (
        "loss_spike", ["still_improving"],
        "seventy-third batch: an LR bump x30 for 5 steps at step 250: eval_loss 0.84 -> 1.22 "
        "(1.45x) at the next evaluation, back under 0.85 by step 360 and on to 0.69, the train "
        "loss 0.85 -> 1.35: a spike and recovery, not the check's still_improving"),
    "hf/b73_intent/overfitting-b73-n300-noise30-b16-e30-s1": (
        "underfitting", ["overfitting"],
        "seventy-third batch: 300 messages with 30% flipped intents for 30 epochs: eval_loss "
        "1.61 -> 1.37 at step 270 and 1.43 to the end (+4%, inside its bounce), F1 0.33-0.35, "
        "while the train loss falls to 1.0: levelled at 2x the good models' 0.7, underfitting "
        "(as the check), the growing gap makes overfitting acceptable"),
    "hf/b73_intent/overfitting-b73-n300-noise30-b16-e30-best-f1-es4-s2": (
        "underfitting", ["overfitting"],
        "seventy-third batch: as seed 1 with metric_for_best_model f1 and early stopping: "
        "eval_loss 1.61 -> 1.37-1.44, bouncing, F1 creeping 0.32 -> 0.38: 2x the good models' 0.7, "
        "underfitting (overfitting acceptable: the train loss keeps falling), not the check's "
        "healthy"),
    "hf/b73_intent/overfitting-b73-n128-noise20-b8-e20-s1": (
        "underfitting", ["overfitting"],
        "seventy-third batch: 128 messages with 20% flipped intents: the train loss 1.6 -> 1.05 "
        "while eval_loss stays at chance (1.6 -> 1.65): nothing that generalises is learned, "
        "underfitting as the check (overfitting acceptable: the train loss memorised)"),
    "hf/b73_intent/overfitting-b73-n128-noise20-b8-e20-best-loss-es5-s2": (
        "underfitting", ["overfitting"],
        "seventy-third batch: as seed 1, early-stopped at step 120: flat at chance (ln 5)"),
    "hf/b73_urgency/overfitting-b73-n128-noise20-b8-e20-best-loss-es5-s2": (
        "overfitting", ["underfitting"],
        "seventy-third batch: 128 messages with 20% flipped urgencies: eval_loss 1.08 -> 1.005 "
        "at step 140, then up for five evaluations to 1.12 (+11%) while the train loss falls to "
        "0.7 and F1 stays at 0.43: overfitting from step ~140 (early stopping ended it at 240), "
        "not the check's underfitting"),
    "hf/b73_slots/overfitting-b73-n64-noise40-b8-e60-s1": (
        "overfitting", ["healthy"],
        "seventy-third batch: 64 messages with 40% of the entity tags flipped, 60 epochs: "
        "eval_loss 0.044 at step 192, then up at every evaluation to 0.061 (+39%) while the "
        "train loss goes to ~0.01, F1 flat at 0.62: overfitting from step ~200, not the check's "
        "healthy (small on the linear scale, but a steady rise)"),
    "hf/b73_slots/still_improving-b73-planned10ep-cut2ep-b16-lr5e-4-s1": (
        "still_improving", ["healthy"],
        "seventy-third batch: the tagger cut at 250 of a planned 1,250 steps: eval_loss falls "
        "1.0 -> 0.02 on a straight line in log scale to the last evaluation (the good models "
        "reach 0.01); the token accuracy saturates early (padding), so the check read healthy"),
    "hf/b73_slots/still_improving-b73-planned10ep-cut2ep-b16-lr5e-4-s3": (
        "still_improving", ["healthy"],
        "seventy-third batch: as seed 1: eval_loss 1.1 -> 0.022, still falling at the cut"),
    "hf/b73_slots/still_improving-b73-planned10ep-cut2ep-s1": (
        "still_improving", ["underfitting"],
        "seventy-third batch: the tagger at Adam 1e-4 cut at 126 of a planned 630 steps: "
        "eval_loss 1.6 -> 0.43 falling at the same slope to the last evaluation: still "
        "improving, not the check's underfitting (its level is the level of an early cut)"),
    "hf/b73_slots/still_improving-b73-planned10ep-cut2ep-s2": (
        "still_improving", ["underfitting"],
        "seventy-third batch: as seed 1: eval_loss 1.5 -> 0.5, still falling at the cut"),
    "hf/b73_slots/underfitting-b73-frozen-encoder-best-f1-es3-s1": (
        "underfitting", ["still_improving"],
        "seventy-third batch: the tagger with its encoder frozen: eval_loss 1.25 -> 0.22 and "
        "flattening (last quarter 0.25 -> 0.22), 18x the 0.012 of the fine-tuned models, F1 "
        "0.4: a head on frozen MLM features, underfitting, not the check's healthy (the tag "
        "accuracy is high from the start: padding)"),
    "hf/b73_intent/erratic-b73-lr1e-3-b8-noclip-s1": (
        "still_improving", ["erratic", "healthy"],
        "seventy-third batch: AdamW 1e-3 at batch 8 without clipping: eval_loss falls 1.6 -> 0.65 "
        "with swings of up to 1.25x between evaluations and accuracy jumping 0.4-0.6, still "
        "falling at the end: the check's still_improving kept, erratic acceptable"),
    "hf/b73_urgency/erratic-b73-lr5e-3-b16-s1": (
        "underfitting", ["diverging", "erratic"],
        "seventy-third batch: LR 5e-3 at batch 16: eval_loss 1.1 -> 0.85 by step 180, thrown "
        "back to the prior (1.1) at step 200 and flat there to step 500: collapsed to the "
        "majority class, underfitting as the check (diverging / erratic acceptable)"),
    "hf/b73_intent/overfitting-b73-n500-noise30-b16-e40-best-f1-es5-s1": (
        "overfitting", ["underfitting", "healthy"],
        "seventy-third batch: 500 messages with 30% flipped intents, metric_for_best_model f1 "
        "with early stopping: eval_loss 1.6 -> 1.18 at step 400, then up over six evaluations "
        "to 1.35 (+14%) while F1 holds at 0.5-0.55 and the train loss keeps falling: "
        "overfitting from step ~400, not the check's healthy (read on F1, which still creeps)"),
    "hf/b73_slots/overfitting-b73-n64-noise40-b8-e60-s2": (
        "overfitting", ["healthy"],
        "seventy-third batch: as seed 1: eval_loss 0.043 at step ~150, then up at nearly every "
        "evaluation to 0.055 (+28%) while the train loss goes to ~0.01: overfitting from step "
        "~150, not the check's healthy"),
}
B73_REVIEW.update({
    f"hf/{T}/{v}-s{s}": ("underfitting", ["still_improving"],
                         "seventy-third batch: flat at chance (ln 5 / ln 3) from the first to "
                         "the last evaluation, the head never leaves the prior: underfitting as "
                         "the check, healthy not acceptable")
    for T in ("b73_intent", "b73_urgency")
    for v, s in (("still_improving-b73-planned10ep-cut2ep", 1),
                 ("still_improving-b73-planned10ep-cut2ep", 2),
                 ("still_improving-b73-planned10ep-cut2ep-b16-lr5e-4", 1),
                 ("still_improving-b73-planned10ep-cut2ep-b16-lr1e-3", 1),
                 ("still_improving-b73-planned10ep-cut2ep-b16-lr1e-3", 2),
                 ("underfitting-b73-frozen-encoder-best-f1-es3", 1))
})
B73_REVIEW["hf/b73_intent/still_improving-b73-planned10ep-cut2ep-b16-lr5e-4-s3"] = \
    B73_REVIEW["hf/b73_intent/still_improving-b73-planned10ep-cut2ep-b16-lr5e-4-s1"]
REVIEW.update(B73_REVIEW)


add_batch(b73_dev73)


if __name__ == "__main__":
    sys.exit(main())
