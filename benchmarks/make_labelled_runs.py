#!/usr/bin/env python
"""Generate the labelled learning-curve runs in tests/data/labelled/generated/.

Every run is a *real* training run of a tiny numpy MLP on a data set that ships
with scikit-learn (digits, breast_cancer, wine; no network access).  The
hyper-parameters are chosen so that each run lands in one learning-curve regime
(healthy, overfitting, underfitting, erratic, diverging, loss_spike,
still_improving); the logged numbers are whatever the training produced.

Each run is written with a real writer in one of curvecli's input formats:

* ``trainer_state``: an HF ``trainer_state.json`` (log_history with training,
  eval and final summary entries, ``json.dumps(indent=2, sort_keys=True)``);
* ``tensorboard``: an event file written by tensorboard's own ``EventFileWriter``
  (HF-style tags ``train/loss`` / ``eval/loss`` or Lightning-style tags
  ``train_loss`` / ``val_loss``);
* ``keras``: a Keras ``CSVLogger`` file (``epoch,accuracy,loss,val_accuracy,val_loss``);
* ``lightning``: a Lightning ``CSVLogger`` ``metrics.csv`` (sparse rows, columns
  sorted alphabetically) plus ``hparams.yaml``.

Deterministic: fixed seeds, and wall times / runtimes are derived from the step
count (they are the only synthetic values in the files).  Every metric value is
what the training loop measured.

Usage::

    python benchmarks/make_labelled_runs.py            # (re)write all runs + labels
    python benchmarks/make_labelled_runs.py --only overfitting-digits-tb --plot /tmp/p

Needs numpy and scikit-learn (not a runtime dependency of curvecli), tensorboard
for the event files, matplotlib only with ``--plot``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import shutil
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "tests" / "data" / "labelled"
OUT = LABELLED / "generated"
LABELS = LABELLED / "labels.json"

BASE_WALL = 1_700_000_000.0  # synthetic wall-clock origin (2023-11-14)
SEC_PER_STEP = 0.05  # synthetic throughput used for wall times and runtimes


# --------------------------------------------------------------------------- data


def load_dataset(name: str, seed: int, n_train: int | None, label_noise: float, val_frac: float):
    """Return standardised (Xtr, ytr, Xva, yva, n_classes) from a bundled sklearn data set."""
    from sklearn.datasets import load_breast_cancer, load_digits, load_wine
    from sklearn.model_selection import train_test_split

    loader = {"digits": load_digits, "breast_cancer": load_breast_cancer, "wine": load_wine}[name]
    d = loader()
    X = d.data.astype(np.float64)
    y = d.target.astype(np.int64)
    n_classes = int(y.max()) + 1
    Xtr, Xva, ytr, yva = train_test_split(X, y, test_size=val_frac, random_state=seed, stratify=y)
    if n_train is not None and n_train < len(ytr):
        Xtr, _, ytr, _ = train_test_split(Xtr, ytr, train_size=n_train, random_state=seed, stratify=ytr)
    if label_noise > 0:
        rng = np.random.default_rng(seed + 991)
        flip = rng.random(len(ytr)) < label_noise
        ytr = ytr.copy()
        ytr[flip] = (ytr[flip] + rng.integers(1, n_classes, flip.sum())) % n_classes
    mu = Xtr.mean(0)
    sd = Xtr.std(0) + 1e-8
    sd[sd < 1e-6] = 1.0
    f = np.float32  # train in float32 like the frameworks do (overflow -> inf/NaN as in real runs)
    return ((Xtr - mu) / sd).astype(f), ytr, ((Xva - mu) / sd).astype(f), yva, n_classes


# --------------------------------------------------------------------------- model


class MLP:
    """ReLU MLP with a softmax cross-entropy head (plain numpy, float32).

    Initialised like torch.nn.Linear: W, b ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    """

    def __init__(self, sizes: list[int], rng: np.random.Generator):
        bound = [1.0 / math.sqrt(a) for a in sizes[:-1]]
        self.W = [rng.uniform(-c, c, (a, b)).astype(np.float32) for c, a, b in zip(bound, sizes[:-1], sizes[1:])]
        self.b = [rng.uniform(-c, c, b).astype(np.float32) for c, b in zip(bound, sizes[1:])]

    @property
    def params(self) -> list[np.ndarray]:
        return self.W + self.b

    def forward(self, X):
        acts = [X]
        h = X
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            z = h @ W + b
            h = np.maximum(z, 0.0) if i < len(self.W) - 1 else z
            acts.append(h)
        return acts

    @staticmethod
    def _ce(logits, y):
        m = logits.max(1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(logits - m).sum(1))
        loss = float(np.mean(lse - logits[np.arange(len(y)), y]))
        p = np.exp(logits - lse[:, None])
        return loss, p

    def loss_and_grads(self, X, y):
        acts = self.forward(X)
        logits = acts[-1]
        loss, p = self._ce(logits, y)
        acc = float(np.mean(np.argmax(logits, 1) == y))
        g = p.astype(np.float32)
        g[np.arange(len(y)), y] -= 1.0
        g /= np.float32(len(y))
        gW, gb = [None] * len(self.W), [None] * len(self.W)
        for i in range(len(self.W) - 1, -1, -1):
            gW[i] = acts[i].T @ g
            gb[i] = g.sum(0)
            if i > 0:
                g = (g @ self.W[i].T) * (acts[i] > 0)
        return loss, acc, gW + gb

    def evaluate(self, X, y):
        logits = self.forward(X)[-1]
        loss, _ = self._ce(logits, y)
        return loss, float(np.mean(np.argmax(logits, 1) == y))


class SGD:
    def __init__(self, params, momentum=0.0, weight_decay=0.0):
        self.m = momentum
        self.wd = weight_decay
        self.v = [np.zeros_like(p) for p in params]

    def add_decay(self, params, grads, n_weights):
        # coupled L2 on the weight matrices (part of the gradient, as torch.optim.SGD does)
        if self.wd:
            for i in range(n_weights):
                grads[i] = grads[i] + self.wd * params[i]
        return grads

    def step(self, params, grads, lr):
        for p, g, v in zip(params, grads, self.v):
            v *= self.m
            v += g
            p -= lr * v


class AdamW:
    def __init__(self, params, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        self.b1, self.b2 = betas
        self.eps = eps
        self.wd = weight_decay
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0
        self.n_weights = 0

    def add_decay(self, params, grads, n_weights):
        self.n_weights = n_weights
        return grads

    def step(self, params, grads, lr):
        self.t += 1
        for i, (p, g, m, v) in enumerate(zip(params, grads, self.m, self.v)):
            if self.wd and i < self.n_weights:
                p -= lr * self.wd * p  # decoupled decay on weight matrices
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            mh = m / (1 - self.b1**self.t)
            vh = v / (1 - self.b2**self.t)
            p -= lr * mh / (np.sqrt(vh) + self.eps)


# --------------------------------------------------------------------------- config


@dataclass
class Run:
    name: str  # folder name under generated/: <regime>-<variant>
    regime: str
    fmt: str  # trainer_state | tb_hf | tb_lightning | keras | lightning
    dataset: str
    seed: int
    hidden: list[int]
    optimizer: str  # sgd | adamw
    lr: float
    epochs: int
    batch_size: int
    schedule: str = "constant"  # constant | linear | cosine | ramp | exp
    warmup: int = 0
    lr_end: float = 0.0  # ramp target
    momentum: float = 0.9
    weight_decay: float = 0.0
    clip: float | None = None
    n_train: int | None = None
    label_noise: float = 0.0
    val_frac: float = 0.33
    log_every: int = 10
    eval_every: int | str = "epoch"  # int steps or "epoch"
    injections: list[dict] = field(default_factory=list)  # {"step", "steps", "lr_mult"} or {"corrupt": scale}
    stop_after_nonfinite: int = 5  # log points after the first non-finite loss before the run stops
    acceptable: list[str] = field(default_factory=list)
    note: str = ""


def lr_at(r: Run, step: int, total: int) -> float:
    if r.warmup and step < r.warmup:
        return r.lr * (step + 1) / r.warmup
    s = step - r.warmup
    n = max(1, total - r.warmup)
    if r.schedule == "constant":
        return r.lr
    if r.schedule == "linear":
        return r.lr * max(0.0, 1.0 - s / n)
    if r.schedule == "cosine":
        return r.lr * 0.5 * (1.0 + math.cos(math.pi * min(1.0, s / n)))
    if r.schedule == "ramp":  # linear increase lr -> lr_end (a too-aggressive warm-up that never stops)
        return r.lr + (r.lr_end - r.lr) * s / n
    if r.schedule == "exp":  # geometric increase lr -> lr_end
        return r.lr * (r.lr_end / r.lr) ** (s / n)
    raise ValueError(r.schedule)


# --------------------------------------------------------------------------- training


def train(r: Run) -> dict:
    Xtr, ytr, Xva, yva, k = load_dataset(r.dataset, r.seed, r.n_train, r.label_noise, r.val_frac)
    rng = np.random.default_rng(r.seed)
    model = MLP([Xtr.shape[1], *r.hidden, k], rng)
    params = model.params
    opt = SGD(params, r.momentum, r.weight_decay) if r.optimizer == "sgd" else AdamW(params, weight_decay=r.weight_decay)
    n = len(ytr)
    spe = math.ceil(n / r.batch_size)  # steps per epoch
    total = spe * r.epochs
    hist = {"train": [], "eval": [], "epochs": [], "steps_per_epoch": spe, "n_train": n, "n_val": len(yva)}
    window, step, nonfinite_logs = [], 0, None
    all_losses = []
    stopped = False

    def do_eval(epoch_f):
        with np.errstate(all="ignore"):
            vl, va = model.evaluate(Xva, yva)
        hist["eval"].append({"step": step, "epoch": epoch_f, "loss": vl, "accuracy": va})
        return vl, va

    for ep in range(r.epochs):
        order = rng.permutation(n)
        ep_losses, ep_correct, ep_seen = [], 0.0, 0
        for bi in range(spe):
            idx = order[bi * r.batch_size:(bi + 1) * r.batch_size]
            Xb, yb = Xtr[idx], ytr[idx]
            lr = lr_at(r, step, total)
            for inj in r.injections:
                if inj["step"] <= step < inj["step"] + inj.get("steps", 1):
                    if "lr_mult" in inj:
                        lr *= inj["lr_mult"]
                    if "corrupt" in inj:  # a corrupted batch: wrong scale and shuffled labels
                        irng = np.random.default_rng(r.seed * 1000 + step)
                        Xb = Xb * inj["corrupt"] + irng.normal(0, inj["corrupt"], Xb.shape)
                        yb = irng.integers(0, k, len(yb))
            with np.errstate(all="ignore"):
                loss, acc, grads = model.loss_and_grads(Xb, yb)
                grads = opt.add_decay(params, grads, len(model.W))
                gnorm = float(math.sqrt(sum(float(np.sum(g * g)) for g in grads)))
                if r.clip is not None and np.isfinite(gnorm) and gnorm > r.clip:
                    grads = [g * (r.clip / gnorm) for g in grads]
                opt.step(params, grads, lr)
            step += 1
            window.append(loss)
            all_losses.append(loss)
            ep_losses.append(loss)
            ep_correct += acc * len(yb)
            ep_seen += len(yb)
            if step % r.log_every == 0:
                with np.errstate(all="ignore"):
                    mean_loss = float(np.mean(window))
                hist["train"].append({"step": step, "epoch": step / spe, "loss": mean_loss, "grad_norm": gnorm, "learning_rate": lr})
                window = []
                if not math.isfinite(mean_loss) and nonfinite_logs is None:
                    nonfinite_logs = 0
                elif nonfinite_logs is not None:
                    nonfinite_logs += 1
            if isinstance(r.eval_every, int) and step % r.eval_every == 0:
                do_eval(step / spe)
            if nonfinite_logs is not None and nonfinite_logs >= r.stop_after_nonfinite:
                stopped = True
                break
        if r.eval_every == "epoch" or stopped:
            if not (hist["eval"] and hist["eval"][-1]["step"] == step):
                vl, va = do_eval(step / spe)
            else:
                vl, va = hist["eval"][-1]["loss"], hist["eval"][-1]["accuracy"]
            with np.errstate(all="ignore"):
                hist["epochs"].append({
                    "epoch": ep, "step": step, "loss": float(np.mean(ep_losses)), "accuracy": ep_correct / max(1, ep_seen),
                    "val_loss": vl, "val_accuracy": va, "learning_rate": lr,
                })
        if stopped:
            break
    hist["global_step"] = step
    hist["epochs_done"] = step / spe
    with np.errstate(all="ignore"):
        hist["train_loss"] = float(np.mean(all_losses))
    return hist


# --------------------------------------------------------------------------- writers


def f32(x: float) -> float:
    """A metric as a float32 framework tensor would report it."""
    return float(np.float32(x))


def write_trainer_state(r: Run, h: dict, d: Path):
    spe = h["steps_per_epoch"]
    evals = {e["step"]: e for e in h["eval"]}
    trains = {t["step"]: t for t in h["train"]}
    log = []
    for s in sorted(set(evals) | set(trains)):
        if s in trains:
            t = trains[s]
            log.append({"epoch": round(t["epoch"], 4), "grad_norm": t["grad_norm"], "learning_rate": t["learning_rate"],
                        "loss": round(t["loss"], 4) if math.isfinite(t["loss"]) else t["loss"], "step": s})
        if s in evals:
            e = evals[s]
            rt = round(h["n_val"] * 0.0004 + 0.05, 4)
            log.append({"epoch": round(e["epoch"], 4), "eval_accuracy": e["accuracy"], "eval_loss": e["loss"],
                        "eval_runtime": rt, "eval_samples_per_second": round(h["n_val"] / rt, 3),
                        "eval_steps_per_second": round(math.ceil(h["n_val"] / 64) / rt, 3), "step": s})
    gs = h["global_step"]
    rt = round(gs * SEC_PER_STEP, 4)
    log.append({"epoch": round(h["epochs_done"], 4), "step": gs, "total_flos": 0.0, "train_loss": h["train_loss"],
                "train_runtime": rt, "train_samples_per_second": round(gs * r.batch_size / rt, 3),
                "train_steps_per_second": round(gs / rt, 3)})
    state = {
        "best_global_step": None, "best_metric": None, "best_model_checkpoint": None,
        "epoch": round(h["epochs_done"], 4),
        "eval_steps": r.eval_every if isinstance(r.eval_every, int) else spe,
        "global_step": gs, "is_hyper_param_search": False, "is_local_process_zero": True,
        "is_world_process_zero": True, "log_history": log, "logging_steps": r.log_every,
        "max_steps": spe * r.epochs, "num_input_tokens_seen": 0, "num_train_epochs": r.epochs,
        "save_steps": 500, "stateful_callbacks": {"TrainerControl": {"args": {
            "should_epoch_stop": False, "should_evaluate": False, "should_log": False,
            "should_save": True, "should_training_stop": True}, "attributes": {}}},
        "total_flos": 0.0, "train_batch_size": r.batch_size, "trial_name": None, "trial_params": None,
    }
    (d / "trainer_state.json").write_text(json.dumps(state, indent=2, sort_keys=True) + "\n")


def _patched_event_writer(logdir: Path, first_wall: float):
    """tensorboard's EventFileWriter with a deterministic file_version wall time."""
    from tensorboard.summary.writer import event_file_writer as efw

    real_time = efw.time
    efw.time = types.SimpleNamespace(time=lambda: first_wall)
    try:
        w = efw.EventFileWriter(str(logdir))
    finally:
        efw.time = real_time
    return w


def write_tensorboard(r: Run, h: dict, d: Path, style: str):
    from tensorboard.compat.proto.event_pb2 import Event
    from tensorboard.compat.proto.summary_pb2 import Summary

    logdir = d / ("runs" if style == "hf" else "lightning_logs/version_0")
    logdir.mkdir(parents=True, exist_ok=True)
    w = _patched_event_writer(logdir, BASE_WALL)
    spe = h["steps_per_epoch"]
    events = []  # (step, order, tag, value)
    if style == "hf":
        for t in h["train"]:
            s = t["step"]
            events += [(s, 0, "train/loss", t["loss"]), (s, 0, "train/grad_norm", t["grad_norm"]),
                       (s, 0, "train/learning_rate", t["learning_rate"]), (s, 0, "train/epoch", round(t["epoch"], 4))]
        for e in h["eval"]:
            s = e["step"]
            events += [(s, 1, "eval/loss", e["loss"]), (s, 1, "eval/accuracy", e["accuracy"]),
                       (s, 1, "train/epoch", round(e["epoch"], 4))]
    else:  # Lightning TensorBoardLogger: step-level train_loss, epoch-level val metrics at step-1
        for t in h["train"]:
            events += [(t["step"] - 1, 0, "train_loss", f32(t["loss"])), (t["step"] - 1, 0, "epoch", float(int((t["step"] - 1) // spe)))]
        for e in h["eval"]:
            s = e["step"] - 1
            ep = float(int(s // spe))
            events += [(s, 1, "val_loss", f32(e["loss"])), (s, 1, "val_acc", f32(e["accuracy"])), (s, 1, "epoch", ep)]
    events.sort(key=lambda x: (x[0], x[1]))
    for s, _, tag, v in events:
        ev = Event(wall_time=BASE_WALL + 1.0 + s * SEC_PER_STEP, step=int(s),
                   summary=Summary(value=[Summary.Value(tag=tag, simple_value=float(v))]))
        w.add_event(ev)
    w.close()
    # a fixed file name (the writer's own includes time, host and pid)
    files = sorted(logdir.glob("events.out.tfevents.*"))
    assert len(files) == 1, files
    files[0].rename(logdir / f"events.out.tfevents.{int(BASE_WALL)}.curvecli-gen.{r.seed}.0")
    if style == "lightning":
        (logdir / "hparams.yaml").write_text(_hparams_yaml(r))


def _hparams_yaml(r: Run) -> str:
    return "".join(f"{k}: {v}\n" for k, v in [
        ("batch_size", r.batch_size), ("dataset", r.dataset), ("hidden", list(r.hidden)), ("lr", r.lr),
        ("optimizer", r.optimizer), ("weight_decay", r.weight_decay)])


def write_keras(r: Run, h: dict, d: Path):
    keys = ["accuracy", "loss", "val_accuracy", "val_loss"]
    with_lr = r.schedule != "constant"
    if with_lr:
        keys = sorted(keys + ["learning_rate"])
    with open(d / "training.log", "w", newline="") as fh:  # CSVLogger's default-looking name
        wr = csv.DictWriter(fh, fieldnames=["epoch"] + keys, lineterminator="\n")
        wr.writeheader()
        for e in h["epochs"]:
            row = {"epoch": e["epoch"]}
            for k in keys:
                row[k] = f32(e[k])
            wr.writerow(row)


def write_lightning(r: Run, h: dict, d: Path):
    vd = d / "lightning_logs" / "version_0"
    vd.mkdir(parents=True, exist_ok=True)
    spe = h["steps_per_epoch"]
    rows = []
    for t in h["train"]:
        s = t["step"] - 1
        rows.append((s, 0, {"epoch": int(s // spe), "step": s, "train_loss": f32(t["loss"])}))
    for e in h["eval"]:
        s = e["step"] - 1
        rows.append((s, 1, {"epoch": int(s // spe), "step": s, "val_acc": f32(e["accuracy"]), "val_loss": f32(e["loss"])}))
    rows.sort(key=lambda x: (x[0], x[1]))
    cols = ["epoch", "step", "train_loss", "val_acc", "val_loss"]
    with open(vd / "metrics.csv", "w", newline="") as fh:
        wr = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        wr.writeheader()
        for _, _, row in rows:
            wr.writerow(row)
    (vd / "hparams.yaml").write_text(_hparams_yaml(r))


FORMAT_NAME = {"trainer_state": "trainer_state", "tb_hf": "tensorboard", "tb_lightning": "tensorboard",
               "keras": "keras", "lightning": "lightning"}


def write_run(r: Run, h: dict) -> Path:
    d = OUT / r.name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    if r.fmt == "trainer_state":
        write_trainer_state(r, h, d)
    elif r.fmt == "tb_hf":
        write_tensorboard(r, h, d, "hf")
    elif r.fmt == "tb_lightning":
        write_tensorboard(r, h, d, "lightning")
    elif r.fmt == "keras":
        write_keras(r, h, d)
    elif r.fmt == "lightning":
        write_lightning(r, h, d)
    else:
        raise ValueError(r.fmt)
    (d / "SOURCE.txt").write_text(source_text(r, h))
    return d


def source_text(r: Run, h: dict) -> str:
    inj = "; ".join(
        (f"LR x{i['lr_mult']} for {i.get('steps', 1)} step(s) from step {i['step']}" if "lr_mult" in i
         else f"corrupted batch (inputs x{i['corrupt']} + noise, random labels) for {i.get('steps', 1)} step(s) from step {i['step']}")
        for i in r.injections) or "none"
    return (
        f"generated by benchmarks/make_labelled_runs.py (run '{r.name}')\n"
        f"regime (intended and checked): {r.regime}\n"
        f"format: {FORMAT_NAME[r.fmt]} ({r.fmt})\n"
        f"data: sklearn {r.dataset}, {h['n_train']} train / {h['n_val']} val"
        + (f", {r.label_noise:.0%} train labels flipped" if r.label_noise else "") + "\n"
        f"model: numpy MLP {r.hidden} ReLU, softmax cross-entropy, seed {r.seed}\n"
        f"optimizer: {r.optimizer} lr {r.lr} schedule {r.schedule}"
        + (f" (warmup {r.warmup})" if r.warmup else "") + (f" -> {r.lr_end}" if r.schedule in ("ramp", "exp") else "")
        + (f" momentum {r.momentum}" if r.optimizer == "sgd" else "")
        + f" weight_decay {r.weight_decay} clip {r.clip} batch {r.batch_size} epochs {r.epochs}"
        f" ({h['steps_per_epoch']} steps/epoch, ran {h['global_step']} steps)\n"
        f"logging: train loss = mean over the last {r.log_every} steps; eval every "
        f"{r.eval_every if isinstance(r.eval_every, int) else 'epoch'}"
        + (" steps" if isinstance(r.eval_every, int) else "") + "\n"
        f"injections: {inj}\n"
        f"synthetic: wall times / runtimes only ({SEC_PER_STEP} s per step from {int(BASE_WALL)})\n"
        + (f"note: {r.note}\n" if r.note else "")
    )


# --------------------------------------------------------------------------- runs

RUNS: list[Run] = [
    # ---- healthy: a good LR with decay, enough data, a little weight decay: both losses fall and level off
    Run("healthy-digits-hf", "healthy", "trainer_state", "digits", 1, [128], "adamw", 1e-3, 16, 32,
        schedule="linear", warmup=40, weight_decay=0.01, log_every=10, eval_every=40),
    Run("healthy-cancer-keras", "healthy", "keras", "breast_cancer", 2, [32], "sgd", 0.01, 40, 16,
        schedule="cosine", weight_decay=1e-3),
    Run("healthy-wine-tb", "healthy", "tb_lightning", "wine", 3, [32], "adamw", 3e-3, 60, 16,
        schedule="cosine", weight_decay=0.01, log_every=4, eval_every="epoch"),
    Run("healthy-digits-lightning", "healthy", "lightning", "digits", 4, [64], "sgd", 0.05, 20, 64,
        schedule="cosine", weight_decay=1e-4, log_every=5),
    # ---- overfitting: small (noisy) training subset, big model, no regularisation, many epochs
    Run("overfitting-digits-tb", "overfitting", "tb_hf", "digits", 11, [256, 256], "adamw", 3e-4, 150, 16,
        n_train=150, label_noise=0.1, log_every=20, eval_every=50),
    Run("overfitting-cancer-hf", "overfitting", "trainer_state", "breast_cancer", 12, [256, 256], "adamw", 1e-4, 200, 16,
        n_train=80, label_noise=0.15, log_every=10, eval_every=40),
    Run("overfitting-digits-keras", "overfitting", "keras", "digits", 13, [256], "sgd", 0.01, 120, 32,
        n_train=300, label_noise=0.3),
    # ---- underfitting: crushing weight decay / a learning rate far too low
    Run("underfitting-digits-hf", "underfitting", "trainer_state", "digits", 21, [64], "sgd", 0.05, 15, 32,
        log_every=10, eval_every=50, weight_decay=0.3,
        note="L2 weight decay 0.3 pins the weights near zero: the loss plateaus at ~1.4 after one epoch"),
    Run("underfitting-wine-lightning", "underfitting", "lightning", "wine", 22, [16], "sgd", 0.05, 60, 16,
        weight_decay=1.0, log_every=2,
        note="L2 weight decay 1.0: the model stays at chance (ln 3 = 1.10), accuracy = majority class"),
    Run("underfitting-digits-lowlr-tb", "underfitting", "tb_hf", "digits", 23, [64], "sgd", 2e-5, 15, 32,
        momentum=0.0, log_every=10, eval_every=50,
        note="learning rate far too low (2e-5, plain SGD): the loss barely moves from its initial value"),
    # ---- erratic: learning rate far too high / tiny batches; clipping keeps it from blowing up
    Run("erratic-digits-hf", "erratic", "trainer_state", "digits", 31, [64], "sgd", 1.0, 4, 4,
        momentum=0.0, clip=5.0, log_every=10, eval_every=50,
        note="plain SGD at LR 1.0 with batches of 4 and grad-norm clipping at 5"),
    Run("erratic-digits-keras", "erratic", "keras", "digits", 32, [64], "adamw", 0.05, 30, 8,
        label_noise=0.1, acceptable=["loss_spike"],
        note="Adam at LR 0.05 (50x the usual) with batches of 8; the swings include two spike-like blow-ups"),
    Run("erratic-digits-tb", "erratic", "tb_lightning", "digits", 34, [64], "adamw", 0.03, 3, 2,
        log_every=20, eval_every=100, note="Adam at LR 0.03 with batches of 2"),
    # ---- diverging: LR so high the loss blows up to inf/NaN, or keeps rising
    Run("diverging-digits-hf-nan", "diverging", "trainer_state", "digits", 41, [128], "sgd", 0.05, 10, 32,
        momentum=0.9, schedule="exp", lr_end=20.0, log_every=5, eval_every=20,
        note="LR grows geometrically 0.05 -> 20 (a runaway schedule); the loss overflows to inf/NaN"),
    Run("diverging-cancer-keras", "diverging", "keras", "breast_cancer", 42, [64], "sgd", 0.001, 60, 16,
        momentum=0.9, schedule="exp", lr_end=5.0,
        note="LR grows geometrically 0.001 -> 5; good for ~40 epochs, then the loss blows up to NaN"),
    Run("diverging-digits-lightning", "diverging", "lightning", "digits", 43, [64], "adamw", 1e-3, 10, 32,
        schedule="ramp", lr_end=1.0, log_every=5,
        note="LR ramps linearly 1e-3 -> 1.0 and never decays; the loss keeps rising (finite)"),
    Run("diverging-digits-tb-collapse", "diverging", "tb_hf", "digits", 44, [128, 128], "sgd", 0.3, 5, 32,
        momentum=0.9, log_every=5, eval_every=20,
        note="LR too high: a blow-up kills the ReLUs and the loss settles at chance (ln 10 = 2.30), accuracy 10%"),
    # ---- loss_spike: an otherwise healthy run with a one-off LR glitch / corrupted batch, then recovery
    Run("loss_spike-digits-hf", "loss_spike", "trainer_state", "digits", 51, [128], "adamw", 1e-3, 24, 32,
        schedule="linear", warmup=40, weight_decay=0.01, log_every=5, eval_every=20,
        injections=[{"step": 250, "steps": 4, "lr_mult": 200.0}]),
    Run("loss_spike-cancer-tb", "loss_spike", "tb_hf", "breast_cancer", 52, [64], "sgd", 0.01, 40, 16,
        weight_decay=1e-3, log_every=5, eval_every=25,
        injections=[{"step": 300, "steps": 1, "corrupt": 8.0}, {"step": 600, "steps": 1, "corrupt": 8.0}]),
    Run("loss_spike-digits-lightning", "loss_spike", "lightning", "digits", 53, [64], "sgd", 0.05, 20, 64,
        schedule="cosine", weight_decay=1e-4, log_every=2,
        injections=[{"step": 150, "steps": 2, "lr_mult": 100.0}],
        note="a small spike in absolute terms (train 0.04 -> 0.21, val 0.13 -> 0.28) but 5x the local level"),
    # ---- still_improving: sensible but slow training stopped too early
    Run("still_improving-digits-hf", "still_improving", "trainer_state", "digits", 61, [64], "sgd", 0.02, 6, 32,
        momentum=0.0, log_every=5, eval_every=20),
    Run("still_improving-cancer-keras", "still_improving", "keras", "breast_cancer", 62, [32], "sgd", 3e-4, 20, 16,
        momentum=0.9),
    Run("still_improving-wine-tb", "still_improving", "tb_hf", "wine", 63, [32], "adamw", 2e-4, 40, 16,
        log_every=2, eval_every=8),
]


# --------------------------------------------------------------------------- labels


def _val_series(h):
    return [(e["step"], e["loss"]) for e in h["eval"]]


def _fmt(x):
    return "nan" if x != x else ("inf" if x == math.inf else f"{x:.4g}")


def describe(r: Run, h: dict) -> dict:
    """Numbers for the label's reason (and the regime check)."""
    val = _val_series(h)
    fin = [(s, v) for s, v in val if math.isfinite(v)]
    tr = [(t["step"], t["loss"]) for t in h["train"]]
    best_s, best_v = min(fin, key=lambda p: p[1]) if fin else (None, math.nan)
    first_v, last_s, last_v = val[0][1], val[-1][0], val[-1][1]
    q = max(1, len(val) // 4)
    last_q = [v for _, v in val[-q:]]
    prev_q = [v for _, v in val[-2 * q:-q]] or [first_v]
    tfin = [v for _, v in tr if math.isfinite(v)]
    return {
        "n_val": len(val), "first_val": first_v, "best_step": best_s, "best_val": best_v,
        "last_step": last_s, "last_val": last_v,
        "rise_pct": 100 * (last_v / best_v - 1) if fin and best_v > 0 else math.nan,
        "last_q_mean": float(np.mean(last_q)), "prev_q_mean": float(np.mean(prev_q)),
        "train_first": tr[0][1] if tr else math.nan, "train_last": tr[-1][1] if tr else math.nan,
        "train_min": min(tfin) if tfin else math.nan,
        "train_max": max(tfin) if tfin else math.nan,
        "nonfinite_train": sum(1 for _, v in tr if not math.isfinite(v)),
        "first_nonfinite_step": next((s for s, v in tr if not math.isfinite(v)), None),
        "acc_last": h["eval"][-1]["accuracy"], "acc_best": max(e["accuracy"] for e in h["eval"]),
    }


def spikes(r: Run, h: dict) -> list[dict]:
    """Per injection: the logged train step with the highest loss just after it, with the local levels."""
    out = []
    tr = h["train"]
    for inj in r.injections:
        end = inj["step"] + inj.get("steps", 1) + 8 * r.log_every
        win = [t for t in tr if inj["step"] < t["step"] <= end]
        peak = max(win, key=lambda t: t["loss"])
        before = [t["loss"] for t in tr if t["step"] <= inj["step"]][-5:]
        after = [t["loss"] for t in tr if t["step"] > end][:5]
        vb = [e["loss"] for e in h["eval"] if e["step"] <= inj["step"]][-1:]
        vw = [e["loss"] for e in h["eval"] if inj["step"] < e["step"] <= end + r.log_every]
        va = [e["loss"] for e in h["eval"] if e["step"] > end + r.log_every][:3]
        out.append({"step": lightning_step(r, peak["step"]), "peak": peak["loss"], "before": float(np.mean(before)),
                    "after": float(np.mean(after)) if after else math.nan,
                    "val_before": vb[0] if vb else math.nan, "val_peak": max(vw) if vw else math.nan,
                    "val_after": float(np.mean(va)) if va else math.nan})
    return out


def spike_steps(r: Run, h: dict) -> list[int]:
    return [sp["step"] for sp in spikes(r, h)]


def lightning_step(r: Run, s: int) -> int:
    return s - 1 if r.fmt in ("lightning", "tb_lightning") else s


def label_for(r: Run, h: dict) -> dict:
    D = describe(r, h)
    spe = h["steps_per_epoch"]
    unit = "epoch" if r.fmt == "keras" else "step"

    def at(s):  # the step/epoch the writer puts on an eval point
        if r.fmt == "keras":
            return int(round(s / spe)) - 1
        return lightning_step(r, s)

    tr = f"train loss {_fmt(D['train_first'])} -> {_fmt(D['train_last'])}"
    va = (f"val loss {_fmt(D['first_val'])} -> best {_fmt(D['best_val'])} at {unit} {at(D['best_step'])} -> "
          f"last {_fmt(D['last_val'])} at {unit} {at(D['last_step'])}")
    acc = f"val accuracy last {D['acc_last']:.3f} (best {D['acc_best']:.3f})"
    reason = {
        "healthy": f"both losses fall and level off: {va}; {tr}; last quarter of evals mean {_fmt(D['last_q_mean'])} vs previous quarter {_fmt(D['prev_q_mean'])}; {acc}",
        "overfitting": f"val loss bottoms out then rises {D['rise_pct']:.0f}% while train keeps falling: {va}; {tr}; {acc}",
        "underfitting": f"both losses stay high and flat: {va}; {tr}; {acc}",
        "erratic": f"loss jumps around without a trend: train loss ranges {_fmt(D['train_min'])}..{_fmt(D['train_max'])}; {va}; {acc}",
        "diverging": (f"loss blows up: {tr} (first non-finite train loss at step {D['first_nonfinite_step']}); {va}"
                      if D["nonfinite_train"] else
                      f"loss rises and does not come back: train loss min {_fmt(D['train_min'])} -> last {_fmt(D['train_last'])}"
                      f" (max {_fmt(D['train_max'])}); {va}; {acc}"),
        "loss_spike": "; ".join(
            f"train loss {_fmt(sp['before'])} -> {_fmt(sp['peak'])} at step {sp['step']} -> {_fmt(sp['after'])} shortly after"
            f" (val {_fmt(sp['val_before'])} -> {_fmt(sp['val_peak'])} -> {_fmt(sp['val_after'])})" for sp in spikes(r, h))
            + f"; recovers: {tr}; {va}; {acc}",
        "still_improving": f"stopped while val loss still falls steadily: {va}; last quarter of evals mean {_fmt(D['last_q_mean'])} vs previous quarter {_fmt(D['prev_q_mean'])}; {tr}; {acc}",
    }[r.regime]
    monitored = {"trainer_state": "eval_loss (val/loss)", "tb_hf": "eval/loss (val/loss)", "tb_lightning": "val_loss (val/loss)",
                 "keras": "val_loss (val/loss)", "lightning": "val_loss (val/loss)"}[r.fmt]
    if r.regime == "erratic" or r.regime == "loss_spike" or r.regime == "diverging":
        monitored += " and the train loss"
    lab = {"verdict": r.regime, "acceptable": list(r.acceptable), "reason": reason + (f" ({r.note})" if r.note else ""),
           "monitored": monitored, "origin": "generated", "format": FORMAT_NAME[r.fmt]}
    if r.regime == "overfitting":
        lab["onset_step"] = at(D["best_step"])
    if r.regime == "loss_spike":
        lab["spike_steps"] = spike_steps(r, h)
    return lab


def check(r: Run, h: dict) -> list[str]:
    """Does the run really show its regime?  Returns a list of problems (empty = fine)."""
    D = describe(r, h)
    p = []
    reg = r.regime
    if reg == "loss_spike":
        first = r.injections[0]["step"]
        pre = [e["loss"] for e in h["eval"] if e["step"] <= first][-1]
        if D["last_val"] > 1.5 * pre:
            p.append(f"val did not recover: {pre:.3g} before the spike, {D['last_val']:.3g} at the end")
    if reg == "healthy":
        if D["rise_pct"] > 10:
            p.append(f"val rises {D['rise_pct']:.0f}% above its best")
        if D["last_q_mean"] < D["prev_q_mean"] * 0.9:
            p.append("val still falling >10% per quarter (still improving?)")
    if reg == "overfitting":
        if not (D["rise_pct"] > 15 and D["train_last"] < D["train_first"] * 0.5):
            p.append(f"weak overfit: rise {D['rise_pct']:.0f}%")
        if D["best_step"] > D["last_step"] * 0.6:
            p.append("val best too late")
    if reg == "underfitting":
        if D["best_val"] < 0.5 * D["first_val"]:
            p.append("val improved a lot")
    if reg == "still_improving":
        if not D["last_val"] <= D["best_val"] * 1.01:
            p.append("last val is not (near) the best")
        if not D["last_q_mean"] < D["prev_q_mean"] * 0.93:
            p.append("val not falling clearly in the last quarter")
    if reg == "diverging":
        if not (D["nonfinite_train"] or D["train_last"] > 3 * D["train_min"]):
            p.append("no blow-up")
    if reg == "erratic":
        if D["nonfinite_train"]:
            p.append("non-finite loss (diverging?)")
        if D["train_max"] < 2 * D["train_min"]:
            p.append("not much fluctuation")
    if reg == "loss_spike":
        tr = [t["loss"] for t in h["train"]]
        if max(tr) < 2 * sorted(tr)[len(tr) // 2]:
            p.append("spike too small")
    return p


def merge_labels(new: dict[str, dict]):
    labels = json.loads(LABELS.read_text()) if LABELS.exists() else {}
    labels = {k: v for k, v in labels.items() if v.get("origin") != "generated"}
    labels.update(new)
    LABELS.write_text(json.dumps(dict(sorted(labels.items())), indent=2) + "\n")


def plot(r: Run, h: dict, out: Path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(1, 3, figsize=(15, 4))
    ts = [t["step"] for t in h["train"]]
    ax[0].plot(ts, [t["loss"] for t in h["train"]], label="train")
    ax[0].plot([e["step"] for e in h["eval"]], [e["loss"] for e in h["eval"]], ".-", label="val")
    ax[0].set_title(f"{r.name} loss")
    ax[0].legend()
    ax[1].plot([e["step"] for e in h["eval"]], [e["accuracy"] for e in h["eval"]], ".-")
    ax[1].set_title("val accuracy")
    ax[2].plot(ts, [t["learning_rate"] for t in h["train"]], label="lr")
    a2 = ax[2].twinx()
    a2.plot(ts, [t["grad_norm"] for t in h["train"]], color="C3", lw=0.7, label="grad_norm")
    ax[2].set_title("lr / grad_norm")
    fig.tight_layout()
    fig.savefig(out / f"{r.name}.png", dpi=70)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*", help="run names to (re)generate")
    ap.add_argument("--plot", type=Path, help="also write a PNG per run into this directory")
    ap.add_argument("--dry-run", action="store_true", help="train and check, write nothing")
    a = ap.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("make_labelled_runs.py needs scikit-learn: pip install scikit-learn", file=sys.stderr)
        return 2
    runs = [r for r in RUNS if not a.only or r.name in a.only]
    new_labels, bad = {}, 0
    for r in runs:
        h = train(r)
        probs = check(r, h)
        D = describe(r, h)
        print(f"{r.name:34s} steps={h['global_step']:5d} val {_fmt(D['first_val'])}->{_fmt(D['best_val'])}@{D['best_step']}"
              f"->{_fmt(D['last_val'])} train {_fmt(D['train_first'])}->{_fmt(D['train_last'])}"
              + (f"  PROBLEM: {'; '.join(probs)}" if probs else ""))
        bad += bool(probs)
        if a.plot:
            plot(r, h, a.plot)
        if a.dry_run:
            continue
        d = write_run(r, h)
        new_labels[str(d.relative_to(LABELLED))] = label_for(r, h)
    if not a.dry_run:
        if a.only:  # keep the other generated labels
            labels = json.loads(LABELS.read_text()) if LABELS.exists() else {}
            labels.update(new_labels)
            LABELS.write_text(json.dumps(dict(sorted(labels.items())), indent=2) + "\n")
        else:
            merge_labels(new_labels)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
