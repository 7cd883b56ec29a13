"""The one home of the corpus tasks and of the tiny model zoo (see README.md).

``load_task(name, seed, n_train=None, label_noise=0.0)`` returns a :class:`Task` with
numpy arrays; ``TASK_SPLIT`` maps each task to ``"dev"`` or ``"test"`` (fixed, never
move a task). ``make_model(task, size)`` returns a small torch ``nn.Module`` suited to
the task's kind. Everything is deterministic given the seed.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# Where the corpus is written and read (outside git): $CURVECLI_CORPUS, else
# benchmarks/_data/corpus.
CORPUS = Path(os.environ.get("CURVECLI_CORPUS",
                             Path(__file__).resolve().parent.parent / "_data" / "corpus"))

@dataclass
class BaseRecipe:
    """What every generator's run recipe has: the intended verdict (``regime``), its
    variant, task, seed and writer; the model, data and optimiser settings both generators
    use; LR bumps and poisoned batches (for spikes); and the label's acceptable verdicts.
    Each generator subclasses it with its own defaults and extra settings."""

    regime: str
    variant: str
    task: str
    seed: int = 1
    writer: str = ""
    model: str = "small"
    arch: str | None = None
    n_train: int | None = None
    label_noise: float = 0.0
    opt: str = "adam"
    lr: float = 1e-3
    wd: float = 0.0
    sched: str = "constant"
    warmup: int = 0
    grow: float = 1.0  # sched=grow: lr *= grow each step
    batch: int = 32
    bumps: list = field(default_factory=list)    # (start, length, lr factor)
    poison: list = field(default_factory=list)   # (start, length, "labels" | "inputs")
    acceptable: list = field(default_factory=list)
    n_val: int | None = None    # seventeenth batch: a smaller val set (load_task n_val)

    @property
    def key(self) -> str:
        """The run's folder in the corpus: ``<writer>/<task>/<regime>-<variant>-s<seed>``."""
        return f"{self.writer}/{self.task}/{self.regime}-{self.variant}-s{self.seed}"


TASK_SPLIT = {
    "digits": "dev", "breast_cancer": "dev", "moons": "dev", "diabetes": "dev",
    "charlm_stdlib": "dev", "seq_count": "dev",
    "hastie": "dev", "quantiles": "dev", "swissroll": "dev", "iris_noisy": "dev",
    "shapes": "dev", "sine": "dev", "bow_sentiment": "dev",
    "checker": "dev", "poly_reg": "dev", "arith_lm": "dev",
    "spiral": "dev", "imbalanced": "dev", "ar_forecast": "dev",
    "blobs10": "dev", "sparse_reg": "dev", "parity": "dev", "wordlm": "dev",
    "xor3d": "dev", "sparse_uncorr": "dev", "reverse_lm": "dev",
    "lang_id": "dev", "friedman2": "dev", "rings": "dev",
    "classes20": "dev", "s_curve": "dev", "dyck_lm": "dev", "wave_cls": "dev",
    "digits_cnn": "dev", "multilabel": "dev", "friedman3": "dev", "copy_lm": "dev",
    "descr_lm": "dev", "digits_shift": "dev", "noisy4": "dev",
    "gratings": "dev", "seq_major": "dev", "multireg": "dev",
    "tok_tag": "dev", "denoise": "dev", "events": "dev",
    "obj_rgb": "dev", "season_ts": "dev", "pair_sim": "dev",
    "hetero_nll": "dev", "graph_cls": "dev", "mask_lm": "dev",
    "ctr_embed": "dev", "seg_shapes": "dev", "activity": "dev",
    "age_ordinal": "dev", "mf_ratings": "dev", "vit_shapes": "dev",
    "kws_spec": "dev", "point_sets": "dev", "poisson_counts": "dev",
    "vae_manifold": "dev", "diffusion2d": "dev", "contrastive_digits": "dev",
    "kd_student": "dev", "sgdr_cls": "dev", "det_boxes": "dev",
    "s2s_translit": "dev", "rank_lists": "dev", "mtl_digits": "dev",
    "ctc_words": "dev", "gcn_nodes": "dev", "focal_rare": "dev",
    "flow_moons": "dev", "pinn_ode": "dev", "cox_surv": "dev",
    "sft_pairs": "dev", "digits_rot": "dev", "tab_transfer": "dev",
    "topic_bag": "dev", "keypoint_img": "dev", "collinear_reg": "dev",
    "tab12": "dev", "word_class": "dev", "seq_peak": "dev",
    "wine": "test", "synth12": "test", "circles": "test", "friedman": "test",
    "charlm_markov": "test", "seq_motif": "test",
}

VAL_SIZE = 300          # fixed validation size for generated tasks
SEQ_LEN = 32            # sequence length for lm / sequence tasks

STDLIB_MODULES = [
    "json", "csv", "argparse", "collections", "functools", "itertools", "pathlib",
    "textwrap", "string", "re", "datetime", "random", "statistics", "heapq", "bisect",
    "shutil", "tempfile", "logging", "unittest", "difflib", "fractions", "decimal",
    "dataclasses", "enum", "typing", "contextlib", "inspect", "pprint", "copy", "abc",
]


@dataclass
class Task:
    """A data set ready for training: numpy arrays plus what a model needs to know."""
    name: str
    kind: str                 # classification | regression | lm | sequence (| tagging, 13th batch;
    #                           hetero, mlm: 15th batch; segmentation: 16th;
    #                           poisson: 18th; vae, diffusion, contrastive: 19th;
    #                           kd, detection: 20th; seq2seq, ranking, multitask: 21st;
    #                           ctc, nodes, focal: 22nd; flow, pinn, cox: 23rd)
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    n_classes: int = 0        # classes (classification, sequence), vocabulary (lm); 0 for regression
    vocab_size: int = 0       # lm / sequence only
    seq_len: int = 0          # lm / sequence only
    split: str = "dev"
    n_targets: int = 1        # regression outputs (twelfth batch: multireg has 3)

    @property
    def n_features(self) -> int:
        """Input width for tabular tasks."""
        return int(self.x_train.shape[1]) if self.x_train.ndim == 2 else 0


def _standardise(x_tr, x_va):
    """Standardise with train statistics."""
    mu, sd = x_tr.mean(0), x_tr.std(0)
    sd = np.where(sd < 1e-8, 1.0, sd)
    return ((x_tr - mu) / sd).astype(np.float32), ((x_va - mu) / sd).astype(np.float32)


def _split(x, y, rng, n_val):
    """Shuffle and split off n_val validation examples."""
    idx = rng.permutation(len(x))
    return x[idx[n_val:]], y[idx[n_val:]], x[idx[:n_val]], y[idx[:n_val]]


def _tabular(name, seed):
    """Raw (x, y, kind, n_val) for the sklearn-backed tasks."""
    from sklearn import datasets as d
    if name == "digits":
        x, y = d.load_digits(return_X_y=True); return x, y, "classification", 500
    if name == "breast_cancer":
        x, y = d.load_breast_cancer(return_X_y=True); return x, y, "classification", 200
    if name == "wine":
        x, y = d.load_wine(return_X_y=True); return x, y, "classification", 60
    if name == "diabetes":
        x, y = d.load_diabetes(return_X_y=True); return x, y, "regression", 140
    if name == "moons":
        x, y = d.make_moons(2300, noise=0.25, random_state=1000 + seed); return x, y, "classification", VAL_SIZE
    if name == "circles":
        x, y = d.make_circles(2300, noise=0.1, factor=0.5, random_state=1000 + seed)
        return x, y, "classification", VAL_SIZE
    if name == "synth12":
        x, y = d.make_classification(3300, n_features=40, n_informative=20, n_redundant=5,
                                     n_classes=12, n_clusters_per_class=1, class_sep=1.5,
                                     random_state=1000 + seed)
        return x, y, "classification", VAL_SIZE
    if name == "friedman":
        x, y = d.make_friedman1(2300, n_features=10, noise=1.0, random_state=1000 + seed)
        return x, y, "regression", VAL_SIZE
    if name == "hastie":                    # y in {-1, 1} -> {0, 1}
        x, y = d.make_hastie_10_2(2300, random_state=1000 + seed)
        return x, (y > 0).astype(np.int64), "classification", VAL_SIZE
    if name == "quantiles":
        x, y = d.make_gaussian_quantiles(n_samples=2300, n_features=6, n_classes=4,
                                         random_state=1000 + seed)
        return x, y, "classification", VAL_SIZE
    if name == "swissroll":                 # predict the roll position t from the 3-D point
        x, t = d.make_swiss_roll(2300, noise=0.3, random_state=1000 + seed)
        return x, t, "regression", VAL_SIZE
    if name == "iris_noisy":                # iris with jittered features plus 4 pure-noise features
        x, y = d.load_iris(return_X_y=True)
        rng = np.random.default_rng(2000 + seed)
        x = x + rng.normal(0, 0.3, x.shape) * x.std(0)
        x = np.hstack([x, rng.normal(0, 1, (len(x), 4))])
        return x, y, "classification", 50
    if name == "shapes":                    # 12x12 grey images: square / disk / cross, flattened
        x, y = _shapes(2300, 3000 + seed)
        return x, y, "classification", VAL_SIZE
    if name == "sine":                      # y = sin(3x) + 0.3x + noise, x in [-2, 2]
        rng = np.random.default_rng(4000 + seed)
        x = rng.uniform(-2, 2, (2300, 1))
        y = np.sin(3 * x[:, 0]) + 0.3 * x[:, 0] + rng.normal(0, 0.1, 2300)
        return x, y, "regression", VAL_SIZE
    return _tabular_dev4(name, seed)


def _tabular_dev4(name, seed):
    """Raw (x, y, kind, n_val) for the fourth-batch numpy tasks (checker, poly_reg)."""
    if name == "checker":                   # 4x4 checkerboard on [0, 4]^2, 5% of labels flipped
        rng = np.random.default_rng(7000 + seed)
        x = rng.uniform(0, 4, (2300, 2))
        y = (np.floor(x[:, 0]) + np.floor(x[:, 1])).astype(np.int64) % 2
        flip = rng.random(2300) < 0.05
        y[flip] = 1 - y[flip]
        return x, y, "classification", VAL_SIZE
    if name == "poly_reg":                  # y = x0^2 - x1 x2 + sin(x3) + 0.5 x4 + noise
        rng = np.random.default_rng(8000 + seed)
        x = rng.uniform(-2, 2, (2300, 5))
        sd = 0.1 + 0.2 * np.abs(x[:, 0])    # heteroscedastic noise
        y = (x[:, 0] ** 2 - x[:, 1] * x[:, 2] + np.sin(x[:, 3]) + 0.5 * x[:, 4]
             + rng.normal(0, 1, 2300) * sd)
        return x, y, "regression", VAL_SIZE
    return _tabular_dev5(name, seed)


AR_WINDOW = 32


def _tabular_dev5(name, seed):
    """Raw (x, y, kind, n_val) for the fifth-batch tasks (spiral, imbalanced, ar_forecast)."""
    if name == "spiral":                    # 3 arms, angle noise 0.2
        rng = np.random.default_rng(9000 + seed)
        y = rng.integers(0, 3, 2300)
        t = rng.uniform(0.05, 1.0, 2300)
        theta = 4.0 * t + y * 2 * np.pi / 3 + rng.normal(0, 0.2, 2300)
        x = np.stack([t * np.sin(theta), t * np.cos(theta)], 1)
        return x, y, "classification", VAL_SIZE
    if name == "imbalanced":                # 85% / 15%, 20 features (8 informative), 2% flipped
        from sklearn import datasets as d
        x, y = d.make_classification(2300, n_features=20, n_informative=8, weights=[0.85, 0.15],
                                     flip_y=0.02, random_state=10000 + seed)
        return x, y, "classification", VAL_SIZE
    if name == "ar_forecast":               # next value of a noisy AR(2) from the last 32 values
        rng = np.random.default_rng(11000 + seed)
        n, burn = 2300, 60
        z = np.zeros((n, burn + AR_WINDOW + 1))
        eps = rng.normal(0, 1, z.shape)
        for i in range(2, z.shape[1]):
            z[:, i] = 1.6 * z[:, i - 1] - 0.8 * z[:, i - 2] + eps[:, i]
        z = z[:, burn:] + rng.normal(0, 1.0, (n, AR_WINDOW + 1))   # observation noise
        return z[:, :AR_WINDOW], z[:, AR_WINDOW], "regression", VAL_SIZE
    return _tabular_dev6(name, seed)


def _tabular_dev6(name, seed):
    """Raw (x, y, kind, n_val) for the sixth-batch tabular tasks (blobs10, sparse_reg)."""
    from sklearn import datasets as d
    if name == "blobs10":                   # 10 overlapping Gaussian blobs in 8-D
        x, y = d.make_blobs(2300, n_features=8, centers=10, cluster_std=BLOBS_STD,
                            random_state=13000 + seed)
        return x, y, "classification", 500
    if name == "sparse_reg":                # 60 features, 6 informative, noisy linear target
        x, y = d.make_regression(2300, n_features=60, n_informative=6, noise=SPARSE_NOISE,
                                 random_state=14000 + seed)
        return x, y, "regression", VAL_SIZE
    return _tabular_dev7(name, seed)


XOR3D_NOISE_FEATURES = 5    # xor3d: pure-noise features next to the 3 that matter
XOR3D_FLIP = 0.03           # xor3d: share of labels flipped (val too)
SPARSE_UNCORR_NOISE = 2.0   # sparse_uncorr: extra noise sd (signal var 11.25 + 1): val MSE ~0.3


def _tabular_dev7(name, seed):
    """Raw (x, y, kind, n_val) for the seventh-batch tabular tasks (xor3d, sparse_uncorr)."""
    if name == "xor3d":                     # sign of x0 x1 x2 on [-1, 1]^3, + 5 noise features
        rng = np.random.default_rng(16000 + seed)
        x = rng.uniform(-1, 1, (2300, 3 + XOR3D_NOISE_FEATURES))
        y = (x[:, 0] * x[:, 1] * x[:, 2] > 0).astype(np.int64)
        flip = rng.random(2300) < XOR3D_FLIP
        y[flip] = 1 - y[flip]
        return x, y, "classification", 500
    if name == "sparse_uncorr":             # y = x0 + 2 x1 - 2 x2 - 1.5 x3 + N(0, 1) + N(0, 2^2)
        from sklearn import datasets as d
        x, y = d.make_sparse_uncorrelated(2300, n_features=10, random_state=17000 + seed)
        y = y + np.random.default_rng(17500 + seed).normal(0, SPARSE_UNCORR_NOISE, 2300)
        return x, y, "regression", VAL_SIZE
    return _tabular_dev8(name, seed)


FRIEDMAN2_NOISE = 220.0     # friedman2: noise sd (signal sd ~390 raw): best val MSE ~0.25-0.3
RINGS_RADII = (1.0, 2.0, 3.0)
RINGS_NOISE = 0.3


def _tabular_dev8(name, seed):
    """Raw (x, y, kind, n_val) for the eighth-batch tabular tasks (friedman2, rings)."""
    if name == "friedman2":                 # sklearn make_friedman2 (4 features) + noise
        from sklearn import datasets as d
        x, y = d.make_friedman2(2300, noise=FRIEDMAN2_NOISE, random_state=18000 + seed)
        return x, y, "regression", VAL_SIZE
    if name == "rings":                     # 3 concentric noisy rings, radius 1 / 2 / 3
        rng = np.random.default_rng(19000 + seed)
        y = rng.integers(0, 3, 2300)
        r = np.asarray(RINGS_RADII)[y] + rng.normal(0, RINGS_NOISE, 2300)
        a = rng.uniform(0, 2 * np.pi, 2300)
        return np.stack([r * np.cos(a), r * np.sin(a)], 1), y, "classification", 500
    return _tabular_dev9(name, seed)


S_CURVE_NOISE = 0.3     # s_curve: sd of the noise on the 3-D points (sklearn noise=)
S_CURVE_T_NOISE = 0.8   # s_curve: extra N(0, sd^2) on the target t (var of t ~7.4): a noise floor
WAVE_LEN = 64           # wave_cls: samples per waveform
WAVE_NOISE = 0.45       # wave_cls: sd of the additive noise (amplitude 0.5-1.5)


def _waves(n, seed):
    """n noisy 1-D waveforms of 64 samples: sine (0), square (1), sawtooth (2), triangle (3) with
    random frequency (1.5-5 cycles), phase, amplitude (0.5-1.5), offset and Gaussian noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 4, n)
    t = np.arange(WAVE_LEN)[None, :] / WAVE_LEN
    f = rng.uniform(1.5, 5.0, (n, 1))
    ph = rng.uniform(0, 1, (n, 1))
    u = (f * t + ph) % 1.0                                  # position within the cycle, [0, 1)
    waves = np.stack([np.sin(2 * np.pi * u), np.where(u < 0.5, 1.0, -1.0), 2 * u - 1,
                      1 - 4 * np.abs(u - 0.5)])             # [4, n, L]
    x = waves[y, np.arange(n)] * rng.uniform(0.5, 1.5, (n, 1)) + rng.normal(0, 0.2, (n, 1))
    return x + rng.normal(0, WAVE_NOISE, x.shape), y


def _tabular_dev9(name, seed):
    """Raw (x, y, kind, n_val) for the ninth-batch tasks (classes20, s_curve, wave_cls)."""
    from sklearn import datasets as d
    if name == "classes20":                 # 20 Gaussian classes in 24-D, 12 informative
        x, y = d.make_classification(3000, n_features=24, n_informative=12, n_redundant=4,
                                     n_classes=20, n_clusters_per_class=1, class_sep=CLASSES20_SEP,
                                     flip_y=0.02, random_state=21000 + seed)
        return x, y, "classification", 500
    if name == "s_curve":                   # the S position t from the noisy 3-D point
        x, t = d.make_s_curve(2300, noise=S_CURVE_NOISE, random_state=22000 + seed)
        t = t + np.random.default_rng(22500 + seed).normal(0, S_CURVE_T_NOISE, len(t))
        return x, t, "regression", VAL_SIZE
    if name == "wave_cls":                  # which waveform (4 kinds) under the noise
        x, y = _waves(2300, 23000 + seed)
        return x, y, "classification", VAL_SIZE
    return _tabular_dev10(name, seed)


DIGITS_CNN_NOISE = 1.5      # digits_cnn: sd of the pixel noise (pixels are 0-16)
DIGITS_CNN_FLIP = 0.10      # digits_cnn: share of all labels flipped (val too): accuracy <= ~0.9
FRIEDMAN3_NOISE = 0.15      # friedman3: noise sd on the atan target (sd ~0.32 raw)


def _tabular_dev10(name, seed):
    """Raw (x, y, kind, n_val) for the tenth-batch tabular tasks (digits_cnn, friedman3)."""
    from sklearn import datasets as d
    if name == "digits_cnn":                # 8x8 digits + pixel noise, 10% of all labels flipped
        x, y = d.load_digits(return_X_y=True)
        rng = np.random.default_rng(24000 + seed)
        x = x + rng.normal(0, DIGITS_CNN_NOISE, x.shape)
        flip = rng.random(len(y)) < DIGITS_CNN_FLIP
        y = y.copy()
        y[flip] = (y[flip] + rng.integers(1, 10, flip.sum())) % 10
        return x, y, "classification", 400
    if name == "friedman3":                 # sklearn make_friedman3 (4 features) + noise
        x, y = d.make_friedman3(2300, noise=FRIEDMAN3_NOISE, random_state=25000 + seed)
        return x, y, "regression", VAL_SIZE
    return _tabular_dev11(name, seed)


NOISY4_FLIP = 0.28          # noisy4: share of all labels flipped (val too): loss floor ~0.9 of ln 4
DIGITS_SHIFT_NOISE = 1.5    # digits_shift: pixel noise sd (pixels 0-16) of the fine-tune domain


def _tabular_dev11(name, seed):
    """Raw (x, y, kind, n_val) for the eleventh-batch tabular task noisy4 (digits_shift is built
    in load_task: it needs its pre-training source next to it)."""
    from sklearn import datasets as d
    if name == "noisy4":                    # 4 classes of 2 clusters each, 28% of labels flipped
        x, y = d.make_classification(2300, n_features=10, n_informative=6, n_redundant=2,
                                     n_classes=4, n_clusters_per_class=2, class_sep=2.0,
                                     flip_y=0.0, random_state=28000 + seed)
        rng = np.random.default_rng(28100 + seed)
        flip = rng.random(len(y)) < NOISY4_FLIP
        y = y.copy()
        y[flip] = (y[flip] + rng.integers(1, 4, flip.sum())) % 4
        return x, y, "classification", VAL_SIZE
    raise KeyError(name)


def _digits_shift(seed, source: bool):
    """load_digits split in two fixed halves: the pre-training source (clean images, 898) and the
    fine-tune domain (899 images at 75% contrast plus N(0, 1.5^2) pixel noise). Returns (x, y)
    of the half asked for."""
    from sklearn import datasets as d
    x, y = d.load_digits(return_X_y=True)
    half = np.random.default_rng(29000).permutation(len(y))
    idx = half[:898] if source else half[898:]
    x, y = x[idx], y[idx]
    if source:
        return x, y
    rng = np.random.default_rng(29100 + seed)
    return 0.75 * x + rng.normal(0, DIGITS_SHIFT_NOISE, x.shape), y


MULTILABEL_LABELS = 8       # multilabel: labels per example (make_multilabel_classification)
COPY_K = 8                  # copy_lm: digits to copy
COPY_SEP = 10               # copy_lm: separator token (digits are 0-9)
COPY_CORRUPT = 0.05         # copy_lm: share of copied digits replaced by another (train and val)


def _multilabel(seed):
    """make_multilabel_classification: 20 count features (80 draws), 8 labels (~2 per example)."""
    from sklearn import datasets as d
    x, y = d.make_multilabel_classification(2300, n_features=20, n_classes=MULTILABEL_LABELS,
                                            n_labels=2, length=80, random_state=26000 + seed)
    return x.astype(float), y.astype(np.float32)


def _copy(seed, n):
    """Copy-the-first-half sequences: 8 random digits, a separator, the 8 digits again (5% of the
    copied digits replaced by another digit). x is the first 16 tokens (teacher forcing), y the 8
    copied digits, predicted at positions 8-15 (the separator and the copy so far): the model
    outputs the last 8 positions only, so the loss is the per-token cross-entropy on the copy."""
    rng = np.random.default_rng(27000 + seed)
    a = rng.integers(0, 10, (n, COPY_K))
    b = a.copy()
    bad = rng.random(b.shape) < COPY_CORRUPT
    b[bad] = (b[bad] + rng.integers(1, 10, bad.sum())) % 10
    x = np.concatenate([a, np.full((n, 1), COPY_SEP), b[:, :-1]], 1).astype(np.int64)
    return x, b.astype(np.int64)


CLASSES20_SEP = 1.2     # classes20: make_classification class_sep


LANG_ID_VOCAB = 12      # lang_id: symbols
LANG_ID_LEN = 24        # lang_id: string length
LANG_ID_MIX = 0.35      # lang_id: share of each chain's own transitions (the rest shared)


def _lang_id(seed, n):
    """Strings of 24 symbols (12) from one of 4 fixed random order-1 Markov chains; the label
    says which. The chains share 65% of their transition matrix (a common random one) and
    differ in the rest, so the classes overlap: val accuracy tops out well below 1."""
    g = np.random.default_rng(20000)          # the chains are fixed for every seed
    v = LANG_ID_VOCAB
    common = g.dirichlet(np.full(v, 0.5), v)
    mats = [(1 - LANG_ID_MIX) * common + LANG_ID_MIX * g.dirichlet(np.full(v, 0.5), v)
            for _ in range(4)]
    rng = np.random.default_rng(20000 + seed)
    y = rng.integers(0, 4, n)
    x = np.zeros((n, LANG_ID_LEN), np.int64)
    x[:, 0] = rng.integers(0, v, n)
    cum = np.cumsum(np.stack(mats), 2)        # [4, v, v]
    for t in range(1, LANG_ID_LEN):
        u = rng.random(n)[:, None]
        x[:, t] = np.minimum((u > cum[y, x[:, t - 1]]).sum(1), v - 1)
    return x, y.astype(np.int64), v


BLOBS_STD = 6.0         # blobs10: cluster spread (centres in [-10, 10]^8); val accuracy ~0.75
SPARSE_NOISE = 70.0     # sparse_reg: noise sd (target sd ~150 raw): val MSE floor ~0.15-0.3


SHAPE_SIZE = 12


def _shapes(n, seed):
    """n noisy 12x12 images of a filled square (0), a filled disk (1) or a cross (2) at a random
    position and size, flattened to 144 features."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:SHAPE_SIZE, 0:SHAPE_SIZE]
    y = rng.integers(0, 3, n)
    x = np.zeros((n, SHAPE_SIZE, SHAPE_SIZE))
    for i in range(n):
        r = int(rng.integers(2, 5))                       # half-size 2-4 pixels
        cy, cx = rng.integers(r, SHAPE_SIZE - r, 2)
        dy, dx = np.abs(yy - cy), np.abs(xx - cx)
        if y[i] == 0:
            mask = (dy <= r) & (dx <= r)
        elif y[i] == 1:
            mask = dy ** 2 + dx ** 2 <= r * r + 0.5
        else:
            mask = ((dy <= r) & (dx == 0)) | ((dx <= r) & (dy == 0))
        x[i] = mask * rng.uniform(0.5, 1.0) + rng.normal(0, 0.35, mask.shape)
    return x.reshape(n, -1), y


PARITY_LEN = (8, 10)    # parity: bit strings of 8-10 bits, left-padded to 10 with token 2
PARITY_PAD = 2


def _parity(seed, n_train):
    """Bit strings (tokens 0 / 1) of 8-10 bits, left-padded with token 2 to length 10; the label
    is the parity of the number of 1s. The 300 val strings never occur in train (train draws,
    with repeats, from the other strings), so only a model that learns parity beats chance."""
    rng = np.random.default_rng(15000 + seed)
    lo, hi = PARITY_LEN

    def draw(n):
        lens = rng.integers(lo, hi + 1, n)
        bits = rng.integers(0, 2, (n, hi))
        pad = np.arange(hi)[None, :] < (hi - lens)[:, None]
        return np.where(pad, PARITY_PAD, bits).astype(np.int64)

    x_va = np.unique(draw(4 * VAL_SIZE), axis=0)
    x_va = x_va[rng.permutation(len(x_va))[:VAL_SIZE]]
    seen = {r.tobytes() for r in x_va}
    x_tr = []
    while len(x_tr) < n_train:
        x_tr.extend(r for r in draw(n_train) if r.tobytes() not in seen)
    x_tr = np.stack(x_tr[:n_train])

    def label(x):
        return ((x == 1).sum(1) % 2).astype(np.int64)

    return x_tr, label(x_tr), x_va, label(x_va), PARITY_PAD + 1


def _bow(seed, n, vocab=50, noise=0.1):
    """Token sequences (vocab 50): tokens 0-9 are positive, 10-19 negative, the rest neutral; the
    label is 1 when positive tokens outnumber negative ones (ties: a coin), then 10% of all
    labels (train and val) flipped."""
    rng = np.random.default_rng(5000 + seed)
    bias = rng.uniform(-0.12, 0.12, (n, 1))
    kind = rng.random((n, SEQ_LEN))
    pos, neg = kind < 0.2 + bias, (kind >= 0.2 + bias) & (kind < 0.4)
    x = rng.integers(20, vocab, (n, SEQ_LEN))
    x[pos] = rng.integers(0, 10, pos.sum())
    x[neg] = rng.integers(10, 20, neg.sum())
    d = pos.sum(1) - neg.sum(1)
    y = np.where(d == 0, rng.integers(0, 2, n), d > 0).astype(np.int64)
    flip = rng.random(n) < noise
    y[flip] = 1 - y[flip]
    return x.astype(np.int64), y, vocab


@functools.lru_cache(maxsize=None)
def stdlib_text() -> str:
    """Docstrings (module, classes, functions) of a fixed list of stdlib modules."""
    parts = []
    for mod in STDLIB_MODULES:
        spec = importlib.util.find_spec(mod)
        if spec is None or not spec.origin or not spec.origin.endswith(".py"):
            continue
        tree = ast.parse(open(spec.origin, encoding="utf-8").read())
        for node in [tree] + [n for n in ast.walk(tree) if isinstance(
                n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))]:
            doc = ast.get_docstring(node)
            if doc:
                parts.append(doc)
    text = "\n\n".join(parts)
    return "".join(c for c in text if c.isascii() and (c.isprintable() or c == "\n"))


@functools.lru_cache(maxsize=None)
def markov_text(n_chars=200_000, vocab=30, seed=12345) -> str:
    """Text sampled from a fixed random order-2 Markov chain over `vocab` symbols."""
    rng = np.random.default_rng(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz .,;"[:vocab]
    probs = rng.dirichlet(np.full(vocab, 0.15), size=(vocab, vocab))
    out = [0, 1]
    u = rng.random(n_chars)
    cum = probs.cumsum(-1)
    for i in range(n_chars):
        row = cum[out[-2], out[-1]]
        out.append(min(int(np.searchsorted(row, u[i])), vocab - 1))
    return "".join(alphabet[i] for i in out)


@functools.lru_cache(maxsize=None)
def arith_text(n_items=40_000, seed=23456) -> str:
    """Generated arithmetic strings "12+7=19;" (a, b in 0-99): vocabulary digits, '+', '=', ';'."""
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 100, n_items), rng.integers(0, 100, n_items)
    return "".join(f"{i}+{j}={i + j};" for i, j in zip(a, b))


@functools.lru_cache(maxsize=None)
def grammar_text(n_sentences=12_000, seed=34567) -> str:
    """Sentences of a small fixed random grammar: made-up words built from a syllable list, in
    word classes (determiners, adjectives, nouns, verbs, prepositions, adverbs), 3-8 words
    ``DET [ADJ] NOUN VERB [DET [ADJ] NOUN] [PREP DET NOUN] [ADV]``, ending with ". ".
    Within a class, word frequencies follow a Zipf law. Vocabulary: a-z, space, period."""
    rng = np.random.default_rng(seed)
    syl = ["ka", "lo", "mi", "tu", "ren", "sa", "vo", "ni", "dek", "pu", "ra", "zel", "fo", "bi",
           "tha", "gu", "mor", "ip", "el", "qua"]

    def words(n, n_syl):
        out = set()
        while len(out) < n:
            out.add("".join(rng.choice(syl, int(rng.integers(n_syl[0], n_syl[1] + 1)))))
        out = sorted(out)
        p = 1.0 / np.arange(1, n + 1)
        return out, p / p.sum()

    cls = {"det": words(4, (1, 1)), "adj": words(10, (2, 2)), "noun": words(16, (2, 3)),
           "verb": words(12, (2, 3)), "prep": words(4, (1, 2)), "adv": words(6, (3, 3))}

    def w(c):
        ws, p = cls[c]
        return ws[int(rng.choice(len(ws), p=p))]

    def np_(adj_p):
        return [w("det")] + ([w("adj")] if rng.random() < adj_p else []) + [w("noun")]

    out = []
    while len(out) < n_sentences:
        s = np_(0.4) + [w("verb")]
        if rng.random() < 0.6:
            s += np_(0.3)
        if rng.random() < 0.35:
            s += [w("prep")] + np_(0.0)
        if rng.random() < 0.3:
            s += [w("adv")]
        if 3 <= len(s) <= 8:
            out.append(" ".join(s) + ".")
    return " ".join(out) + " "


@functools.lru_cache(maxsize=None)
def reverse_text(n_items=30_000, seed=45678) -> str:
    """Generated strings "abcde|edcba;": a random lowercase word of 3-8 letters, a separator, the
    word reversed, a terminator. The word and its length are unpredictable; the reversed half
    and the ';' after it are fully determined. Vocabulary: a-z, '|', ';' (28 symbols)."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lens = rng.integers(3, 9, n_items)
    out = []
    for n in lens:
        w = "".join(letters[rng.integers(0, 26, n)])
        out.append(f"{w}|{w[::-1]};")
    return "".join(out)


@functools.lru_cache(maxsize=None)
def dyck_text(n_items=12_000, seed=56789) -> str:
    """Balanced-bracket strings over three bracket types "()[]{}", each ended by ';': an item has
    a random depth limit (1-8) and length (4-40 brackets); while open brackets remain, a bracket
    opens (a random type, under the limit) or closes with probability 1/2. Which bracket closes is
    determined by the stack; opening, its type and the item's end are not. 7 symbols."""
    rng = np.random.default_rng(seed)
    pairs = ["()", "[]", "{}"]
    out = []
    for _ in range(n_items):
        limit, n = int(rng.integers(1, 9)), int(rng.integers(2, 21))
        stack, s, opened = [], [], 0
        while opened < n or stack:
            can_open = opened < n and len(stack) < limit
            if stack and (not can_open or rng.random() < 0.5):
                s.append(pairs[stack.pop()][1])
            else:
                k = int(rng.integers(0, 3))
                stack.append(k)
                s.append(pairs[k][0])
                opened += 1
        out.append("".join(s) + ";")
    return "".join(out)


@functools.lru_cache(maxsize=None)
def descr_text() -> str:
    """The dataset descriptions shipped with scikit-learn (sklearn/datasets/descr/*.rst, ~43,000
    characters of English with reST tables), in file-name order, ASCII only."""
    import sklearn
    root = Path(sklearn.__file__).parent / "datasets" / "descr"
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*.rst")))
    return "".join(c for c in text if c.isascii() and (c.isprintable() or c == "\n"))


def _descr_lm(seed, n_train, source: bool):
    """descr_lm: character windows of descr_text() (fine-tune) or of stdlib_text() (its
    pre-training source), both over the union of the two texts' characters."""
    chars = sorted(set(descr_text()) | set(stdlib_text()))
    lut = {c: i for i, c in enumerate(chars)}
    text = stdlib_text() if source else descr_text()
    ids = np.array([lut[c] for c in text], dtype=np.int64)
    cut = int(len(ids) * 0.9)
    rng = np.random.default_rng(30000 + seed + (500 if source else 0))
    n_train = n_train or (8000 if source else 4000)

    def windows(lo, hi, n):
        starts = rng.integers(lo, hi - SEQ_LEN - 1, size=n)
        return (np.stack([ids[s:s + SEQ_LEN] for s in starts]),
                np.stack([ids[s + 1:s + SEQ_LEN + 1] for s in starts]))

    x_tr, y_tr = windows(0, cut, n_train)
    x_va, y_va = windows(cut, len(ids), VAL_SIZE)
    return x_tr, y_tr, x_va, y_va, len(chars)


def _lm(name, seed, n_train):
    """Windows of a character text: x = ids[t:t+L], y = ids[t+1:t+L+1]."""
    text = (stdlib_text() if name == "charlm_stdlib" else arith_text() if name == "arith_lm"
            else grammar_text() if name == "wordlm" else reverse_text() if name == "reverse_lm"
            else dyck_text() if name == "dyck_lm" else markov_text())
    chars = sorted(set(text))
    lut = {c: i for i, c in enumerate(chars)}
    ids = np.array([lut[c] for c in text], dtype=np.int64)
    cut = int(len(ids) * 0.9)               # val windows come from the tail of the text
    rng = np.random.default_rng(seed)
    n_train = n_train or 4000

    def windows(lo, hi, n):
        starts = rng.integers(lo, hi - SEQ_LEN - 1, size=n)
        x = np.stack([ids[s:s + SEQ_LEN] for s in starts])
        y = np.stack([ids[s + 1:s + SEQ_LEN + 1] for s in starts])
        return x, y

    x_tr, y_tr = windows(0, cut, n_train)
    x_va, y_va = windows(cut, len(ids), VAL_SIZE)
    return x_tr, y_tr, x_va, y_va, len(chars)


def _sequence(name, seed, n):
    """Token sequences with a binary label: seq_count (more a than b?) or seq_motif (x y z occurs?)."""
    rng = np.random.default_rng(seed)
    vocab = 8
    x = rng.integers(0, vocab, size=(n, SEQ_LEN)).astype(np.int64)
    if name == "seq_count":                     # tokens 0='a', 1='b'; ties broken away
        y = ((x == 0).sum(1) > (x == 1).sum(1)).astype(np.int64)
        tie = (x == 0).sum(1) == (x == 1).sum(1)
        x[tie, rng.integers(0, SEQ_LEN, tie.sum())] = 0
        y[tie] = 1
    else:                                       # motif 5 6 7 planted in half of the rows
        y = rng.integers(0, 2, size=n).astype(np.int64)
        for i in np.where(y == 1)[0]:
            p = rng.integers(0, SEQ_LEN - 3)
            x[i, p:p + 3] = [5, 6, 7]
        has = np.array([any((r[j], r[j + 1], r[j + 2]) == (5, 6, 7) for j in range(SEQ_LEN - 2)) for r in x])
        y = has.astype(np.int64)
    return x, y, vocab


def load_task(name: str, seed: int, n_train: int | None = None, label_noise: float = 0.0,
              n_val: int | None = None) -> Task:
    """Load task `name` deterministically for `seed`.

    `n_train` subsamples (or, for generated tasks, sets) the training size; `label_noise`
    flips that fraction of training labels (classification / sequence) to a random other class.
    `n_val` (seventeenth and eighteenth batches only) keeps the first n_val val examples.
    """
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed)
    if name in ("descr_lm", "digits_shift"):   # eleventh batch: fine-tune targets
        return _dev11_task(name, seed, n_train, label_noise, source=False)
    if name in DEV12_13:        # twelfth to eighteenth batch (n_val: the 17th / 18th only)
        return DEV12_13[name](name, seed, n_train, label_noise, **({"n_val": n_val} if n_val
                                                                   else {}))
    if name in ("charlm_stdlib", "charlm_markov", "arith_lm", "wordlm", "reverse_lm", "dyck_lm"):
        x_tr, y_tr, x_va, y_va, v = _lm(name, seed, n_train)
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v, seq_len=SEQ_LEN, split=split)
    if name in ("seq_count", "seq_motif"):
        n_tr = n_train or 3000
        x, y, v = _sequence(name, seed, n_tr + VAL_SIZE)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        y_tr = _flip(y_tr, 2, label_noise, rng)
        return Task(name, "sequence", x_tr, y_tr, x_va, y_va, n_classes=2, vocab_size=v, seq_len=SEQ_LEN, split=split)
    if name == "parity":
        x_tr, y_tr, x_va, y_va, v = _parity(seed, n_train or 2000)
        y_tr = _flip(y_tr, 2, label_noise, rng)
        return Task(name, "sequence", x_tr, y_tr, x_va, y_va, n_classes=2, vocab_size=v,
                    seq_len=PARITY_LEN[1], split=split)
    if name == "lang_id":
        n_tr = n_train or 1800
        x, y, v = _lang_id(seed, n_tr + 500)
        x_tr, y_tr, x_va, y_va = x[500:], y[500:], x[:500], y[:500]
        y_tr = _flip(y_tr, 4, label_noise, rng)
        return Task(name, "sequence", x_tr, y_tr, x_va, y_va, n_classes=4, vocab_size=v,
                    seq_len=LANG_ID_LEN, split=split)
    if name == "copy_lm":
        n_tr = n_train or 4000
        x, y = _copy(seed, n_tr + VAL_SIZE)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        if label_noise > 0:     # extra corrupted target digits in train only
            y_tr = y_tr.copy()
            bad = rng.random(y_tr.shape) < label_noise
            y_tr[bad] = (y_tr[bad] + rng.integers(1, 10, bad.sum())) % 10
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=COPY_SEP + 1,
                    vocab_size=COPY_SEP + 1, seq_len=2 * COPY_K, split=split)
    if name == "multilabel":
        x, y = _multilabel(seed)
        x_tr, y_tr, x_va, y_va = _split(x, y, rng, VAL_SIZE)
        if n_train is not None and n_train < len(x_tr):
            x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
        x_tr, x_va = _standardise(x_tr, x_va)
        if label_noise > 0:     # each train label bit flipped with this probability
            y_tr = np.where(rng.random(y_tr.shape) < label_noise, 1 - y_tr, y_tr).astype(np.float32)
        return Task(name, "multilabel", x_tr, y_tr, x_va, y_va, n_classes=MULTILABEL_LABELS,
                    split=split)
    if name == "bow_sentiment":
        n_tr = n_train or 2000
        x, y, v = _bow(seed, n_tr + VAL_SIZE)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        y_tr = _flip(y_tr, 2, label_noise, rng)
        return Task(name, "sequence", x_tr, y_tr, x_va, y_va, n_classes=2, vocab_size=v,
                    seq_len=SEQ_LEN, split=split)
    x, y, kind, n_val = _tabular(name, seed)
    x_tr, y_tr, x_va, y_va = _split(np.asarray(x, float), np.asarray(y), rng, n_val)
    if n_train is not None and n_train < len(x_tr):
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    x_tr, x_va = _standardise(x_tr, x_va)
    if kind == "regression":
        mu, sd = y_tr.mean(), y_tr.std()
        y_tr, y_va = ((y_tr - mu) / sd).astype(np.float32), ((y_va - mu) / sd).astype(np.float32)
        return Task(name, kind, x_tr, y_tr, x_va, y_va, split=split)
    c = int(y.max()) + 1
    y_tr = _flip(y_tr.astype(np.int64), c, label_noise, rng)
    return Task(name, kind, x_tr, y_tr, x_va, y_va.astype(np.int64), n_classes=c, split=split)


def _dev11_task(name, seed, n_train, label_noise, source):
    """descr_lm / digits_shift (source=False) or the data their bodies are pre-trained on
    (source=True; see pretrain_source)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 31000)
    if name == "descr_lm":
        x_tr, y_tr, x_va, y_va, v = _descr_lm(seed, n_train, source)
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v,
                    seq_len=SEQ_LEN, split=split)
    x, y = _digits_shift(seed, source)
    n_val = 150 if source else VAL_SIZE
    x_tr, y_tr, x_va, y_va = _split(np.asarray(x, float), np.asarray(y), rng, n_val)
    if n_train is not None and n_train < len(x_tr):
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    x_tr, x_va = (np.asarray(a / 8.0 - 1.0, np.float32) for a in (x_tr, x_va))  # fixed scaling:
    y_tr = _flip(y_tr.astype(np.int64), 10, label_noise, rng)             # same for both halves
    return Task(name, "classification", x_tr, y_tr, x_va, y_va.astype(np.int64), n_classes=10,
                split=split)


def pretrain_source(name: str, seed: int) -> Task:
    """Eleventh batch: the related data a fine-tune's body is pre-trained on (unlogged) before
    the logged run: descr_lm <- a character LM of the stdlib docstrings (same character set);
    digits_shift <- the other half of load_digits, clean and unshifted."""
    if name == "vit_shapes":    # seventeenth batch: cleaner images, other draws
        return _dev17_task(name, seed, 3000, 0.0, None, source=True)
    if name in DEV24_TASKS:     # twenty-fourth batch: see _dev24_task
        return _dev24_task(name, seed, None, 0.0, source=True)
    return _dev11_task(name, seed, None, 0.0, source=True)


_PRETRAINED: dict = {}


def pretrained_model(task: Task, size: str, arch: str | None, seed: int, steps: int,
                     fresh_head: bool = True, freeze: bool = False):
    """Eleventh batch: make_model(task, size, arch) whose weights were first trained (unlogged)
    for `steps` Adam 2e-3 steps (batch 32) on pretrain_source(task.name, seed); then the last
    Linear layer (the head) is re-initialised when fresh_head, and everything but the head is
    frozen when freeze (a linear probe). Pre-trained weights are cached per process."""
    torch = _torch()
    import copy

    import torch.nn.functional as F
    model = make_model(task, size, arch, seed=seed)
    key = (task.name, size, arch, seed, steps)
    if task.name in DEV24_TASKS:    # twenty-fourth batch: one checkpoint per body, on disk
        key = (task.name, size, DEV24_BODY.get(arch, arch), seed, steps)
        if key not in _PRETRAINED and dev24_checkpoint(key) is not None:
            _PRETRAINED[key] = dev24_checkpoint(key)
    if key not in _PRETRAINED:
        src = pretrain_source(task.name, seed)
        xs, ys = torch.as_tensor(src.x_train), torch.as_tensor(src.y_train)
        opt = torch.optim.Adam(model.parameters(), lr=2e-3)
        g = torch.Generator().manual_seed(seed + 4242)
        done = 0
        while done < steps:
            for idx in torch.randperm(len(xs), generator=g).split(32):
                out = model(xs[idx])
                loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), ys[idx].reshape(-1))
                opt.zero_grad()
                loss.backward()
                opt.step()
                done += 1
                if done >= steps:
                    break
        _PRETRAINED[key] = copy.deepcopy(model.state_dict())
        if task.name in DEV24_TASKS:
            dev24_save_checkpoint(key, _PRETRAINED[key])
    model.load_state_dict(_PRETRAINED[key])
    head = [m for m in model.modules() if isinstance(m, torch.nn.Linear)][-1]
    if fresh_head:
        torch.manual_seed(seed + 7)
        head.reset_parameters()
    if freeze:
        for p in model.parameters():
            p.requires_grad_(False)
        for p in head.parameters():
            p.requires_grad_(True)
    if arch in DEV24_LORA:          # twenty-fourth batch: low-rank adapters on frozen weights
        return _dev24_lora(model, DEV24_LORA[arch], seed)
    return model


GRATING_SIDE = 16          # gratings: image side (16x16 grey, flattened)
GRATING_NOISE = 0.8        # gratings: pixel noise sd (grating amplitude 0.25-0.6)
SEQ_MAJOR_LEN = 24         # seq_major: sequence length
SEQ_MAJOR_VOCAB = 7        # seq_major: tokens 0-3 vote for a class, 4-6 are filler
SEQ_MAJOR_BIAS = 0.12      # seq_major: extra probability of the true class's token (of 0.6)
MULTIREG_NOISE = (2.5, 0.6, 0.5)   # multireg: noise sd of each raw target


def _gratings(n, seed):
    """n noisy 16x16 sinusoidal gratings, label = orientation (0, 45, 90, 135 degrees), with a
    random spatial frequency (1.5-3.5 cycles per image), phase and amplitude (0.25-0.6)."""
    rng = np.random.default_rng(32000 + seed)
    y = rng.integers(0, 4, n)
    yy, xx = np.mgrid[0:GRATING_SIDE, 0:GRATING_SIDE] / GRATING_SIDE
    theta = y * np.pi / 4 + rng.normal(0, 0.08, n)
    freq = rng.uniform(1.5, 3.5, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    amp = rng.uniform(0.25, 0.6, n)
    proj = (np.cos(theta)[:, None, None] * xx + np.sin(theta)[:, None, None] * yy)
    img = amp[:, None, None] * np.sin(2 * np.pi * freq[:, None, None] * proj + phase[:, None, None])
    img = img + rng.normal(0, GRATING_NOISE, img.shape)
    return img.reshape(n, -1), y


def _seq_major(n, seed):
    """Sequences of SEQ_MAJOR_LEN tokens: a class c in 0-3 is drawn, then each token is filler
    (4-6, total 0.4) or one of the voting tokens 0-3 (0.15 each, token c 0.15 + BIAS, the
    others less to keep 0.6): the label is c (the most frequent voting token, mostly)."""
    rng = np.random.default_rng(33000 + seed)
    y = rng.integers(0, 4, n)
    base = np.array([0.15, 0.15, 0.15, 0.15, 0.4 / 3, 0.4 / 3, 0.4 / 3])
    x = np.empty((n, SEQ_MAJOR_LEN), np.int64)
    for c in range(4):
        p = base.copy()
        p[:4] -= SEQ_MAJOR_BIAS / 3
        p[c] += SEQ_MAJOR_BIAS + SEQ_MAJOR_BIAS / 3
        idx = np.flatnonzero(y == c)
        x[idx] = rng.choice(SEQ_MAJOR_VOCAB, size=(len(idx), SEQ_MAJOR_LEN), p=p / p.sum())
    return x, y


def _multireg(n, seed):
    """Three targets from the 8 features of make_friedman1: friedman1's own y,
    sin(2 pi x5) * (1 + 2 x6) and (x7 - 0.5)^2 * 8 + x0 x1, each plus noise."""
    from sklearn import datasets as d
    x, y0 = d.make_friedman1(n, n_features=8, noise=0.0, random_state=34000 + seed)
    rng = np.random.default_rng(34100 + seed)
    y1 = np.sin(2 * np.pi * x[:, 5]) * (1 + 2 * x[:, 6])
    y2 = (x[:, 7] - 0.5) ** 2 * 8 + x[:, 0] * x[:, 1]
    y = np.stack([y0, y1, y2], 1) + rng.normal(0, 1, (n, 3)) * np.array(MULTIREG_NOISE)
    return x, y


def _dev12_task(name, seed, n_train, label_noise):
    """Twelfth batch: gratings (image classification), seq_major (sequence classification),
    multireg (3-output regression, each target standardised with train statistics)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 35000)
    if name == "seq_major":
        n_tr = n_train or 2000
        x, y = _seq_major(n_tr + VAL_SIZE, seed)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        y_tr = _flip(y_tr, 4, label_noise, rng)
        return Task(name, "sequence", x_tr, y_tr, x_va, y_va, n_classes=4,
                    vocab_size=SEQ_MAJOR_VOCAB, seq_len=SEQ_MAJOR_LEN, split=split)
    x, y = (_gratings if name == "gratings" else _multireg)(2300, seed)
    x_tr, y_tr, x_va, y_va = _split(np.asarray(x, float), np.asarray(y), rng, VAL_SIZE)
    if n_train is not None and n_train < len(x_tr):
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    if name == "gratings":      # pixels kept as they are (zero-mean already): a CNN sees images
        x_tr, x_va = x_tr.astype(np.float32), x_va.astype(np.float32)
        y_tr = _flip(y_tr.astype(np.int64), 4, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr, x_va, y_va.astype(np.int64),
                    n_classes=4, split=split)
    x_tr, x_va = _standardise(x_tr, x_va)
    mu, sd = y_tr.mean(0), y_tr.std(0)
    y_tr, y_va = ((y_tr - mu) / sd).astype(np.float32), ((y_va - mu) / sd).astype(np.float32)
    return Task(name, "regression", x_tr, y_tr, x_va, y_va, split=split, n_targets=3)


TAG_LEN = 20               # tok_tag: tokens per sequence
TAG_VOCAB = 12             # tok_tag: tokens 0-11, in three groups of four (token // 4)
TAG_NOISE = 0.05           # tok_tag: share of all tags replaced by another (train and val)
DENOISE_LEN = 32           # denoise: samples per signal (input and reconstruction target)
DENOISE_NOISE = 0.5        # denoise: sd of the additive input noise (bump heights 1-2.5)
EVENTS_LEN = 64            # events: samples per series
EVENTS_P = 0.35            # events: chance that each of the 4 event types occurs in a series


def _tok_tag(n, seed):
    """Token tagging: sequences of TAG_LEN tokens (0-11), tag_t = (g(x_t) + g(x_{t-1})) mod 3 with
    g = token // 4 (g(x_{-1}) = 0): a token alone says nothing about its tag, the token before it
    decides; TAG_NOISE of all tags replaced by another (val too: per-token accuracy <= ~0.95)."""
    rng = np.random.default_rng(36000 + seed)
    x = rng.integers(0, TAG_VOCAB, (n, TAG_LEN))
    g = x // 4
    prev = np.concatenate([np.zeros((n, 1), np.int64), g[:, :-1]], 1)
    y = (g + prev) % 3
    flip = rng.random(y.shape) < TAG_NOISE
    y = np.where(flip, (y + rng.integers(1, 3, y.shape)) % 3, y)
    return x.astype(np.int64), y.astype(np.int64)


def _denoise(n, seed):
    """Denoising: a clean signal of DENOISE_LEN samples made of 1-3 Gaussian bumps (random
    centre, width 1-4 samples, height +-1-2.5) on a zero baseline; the input is the signal plus
    N(0, DENOISE_NOISE^2) noise, the target the clean signal (reconstruction MSE only)."""
    rng = np.random.default_rng(37000 + seed)
    t = np.arange(DENOISE_LEN)[None, :]
    clean = np.zeros((n, DENOISE_LEN))
    k = rng.integers(1, 4, n)
    for j in range(3):
        on = (k > j)[:, None]
        c = rng.uniform(2, DENOISE_LEN - 2, (n, 1))
        w = rng.uniform(1, 4, (n, 1))
        h = rng.uniform(1, 2.5, (n, 1)) * rng.choice([-1, 1], (n, 1))
        clean += on * h * np.exp(-0.5 * ((t - c) / w) ** 2)
    return clean + rng.normal(0, DENOISE_NOISE, clean.shape), clean


def _events(n, seed):
    """Multi-label time series: AR(1) background noise plus any of 4 events, each present with
    probability EVENTS_P at a random place: a spike (2 samples), a step (a level shift to the
    end), an oscillation burst (12 samples at 1/3 cycle per sample) and a ramp (16 samples)."""
    rng = np.random.default_rng(38000 + seed)
    L = EVENTS_LEN
    bg = np.zeros((n, L))
    e = rng.normal(0, 0.5, (n, L))
    for i in range(1, L):
        bg[:, i] = 0.6 * bg[:, i - 1] + e[:, i]
    y = (rng.random((n, 4)) < EVENTS_P).astype(np.float32)
    t = np.arange(L)
    for i in range(n):
        a = rng.uniform(1.0, 2.0) * rng.choice([-1, 1])
        if y[i, 0]:
            p = rng.integers(2, L - 3)
            bg[i, p:p + 2] += 2.2 * a
        if y[i, 1]:
            p = rng.integers(8, L - 8)
            bg[i, p:] += 1.2 * a
        if y[i, 2]:
            p = rng.integers(0, L - 12)
            bg[i, p:p + 12] += 1.3 * np.sin(2 * np.pi * (t[:12] / 3.0 + rng.random()))
        if y[i, 3]:
            p = rng.integers(0, L - 16)
            bg[i, p:p + 16] += np.linspace(0, 2.0 * a, 16)
    return bg, y


def _dev13_task(name, seed, n_train, label_noise):
    """Thirteenth batch: tok_tag (per-token tags, kind "tagging"), denoise (a 32-output
    reconstruction, inputs and targets scaled by the train targets' sd), events (4-label
    multi-label series)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 39000)
    if name == "tok_tag":
        n_tr = n_train or 2000
        x, y = _tok_tag(n_tr + VAL_SIZE, seed)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        if label_noise > 0:
            flip = rng.random(y_tr.shape) < label_noise
            y_tr = np.where(flip, (y_tr + rng.integers(1, 3, y_tr.shape)) % 3, y_tr)
        return Task(name, "tagging", x_tr, y_tr, x_va, y_va, n_classes=3, vocab_size=TAG_VOCAB,
                    seq_len=TAG_LEN, split=split)
    x, y = (_denoise if name == "denoise" else _events)(2300, seed)
    x_tr, y_tr, x_va, y_va = _split(np.asarray(x, float), np.asarray(y), rng, VAL_SIZE)
    if n_train is not None and n_train < len(x_tr):
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    if name == "denoise":       # one scale for every sample, so a signal keeps its shape
        sd = float(y_tr.std())
        x_tr, y_tr, x_va, y_va = ((a / sd).astype(np.float32) for a in (x_tr, y_tr, x_va, y_va))
        return Task(name, "regression", x_tr, y_tr, x_va, y_va, split=split, n_targets=DENOISE_LEN)
    x_tr, x_va = x_tr.astype(np.float32), x_va.astype(np.float32)
    return Task(name, "multilabel", x_tr, y_tr.astype(np.float32), x_va, y_va.astype(np.float32),
                n_classes=4, split=split)


IMG_SIDE = 24              # obj_rgb: 3-channel 24x24 images, flattened channel-first (3*24*24)
OBJ_NOISE = 0.4            # obj_rgb: sd of the pixel noise (the clutter has sd ~0.5 on top)
SEASON_WIN = 48            # season_ts: values in the input window (the target is the next one)
SEASON_PERIOD = 12         # season_ts: period of the seasonality
SEASON_NOISE = 0.5         # season_ts: sd of the AR(1) innovation
PAIR_DIM = 20              # pair_sim: features per item (a pair is 2 * PAIR_DIM)
PAIR_IDS = 80              # pair_sim: identities (train draws pairs from the first half, val from
#                            the other half: a similarity that transfers, as siamese models need)


def _obj_rgb(n, seed):
    """Object shapes in clutter: a coloured square / ring / plus / X (class 0-3) of half-size 3-5
    at a random place on a 3-channel 24x24 image whose background is smooth coloured clutter
    (6x6 noise upsampled) plus N(0, OBJ_NOISE^2) pixel noise; the object's colour is random, so
    only its shape tells the class (a CNN with global pooling, not a colour histogram)."""
    rng = np.random.default_rng(40000 + seed)
    S = IMG_SIDE
    yy, xx = np.mgrid[0:S, 0:S]
    y = rng.integers(0, 4, n)
    low = rng.normal(0, 0.5, (n, 3, 6, 6))
    img = np.repeat(np.repeat(low, 4, axis=2), 4, axis=3) + rng.normal(0, OBJ_NOISE, (n, 3, S, S))
    for i in range(n):
        cy, cx = rng.integers(6, S - 6, 2)
        h = rng.integers(3, 6)
        dy, dx = np.abs(yy - cy), np.abs(xx - cx)
        if y[i] == 0:
            m = np.maximum(dy, dx) <= h
        elif y[i] == 1:
            m = np.abs(np.sqrt(dy ** 2 + dx ** 2) - h) < 0.9
        elif y[i] == 2:
            m = ((dy <= 1) & (dx <= h)) | ((dx <= 1) & (dy <= h))
        else:
            m = (np.abs(dy - dx) <= 0.5) & (np.maximum(dy, dx) <= h)
        col = rng.uniform(1.0, 2.0, 3) * rng.choice([-1, 1], 3)
        img[i] += col[:, None, None] * m[None]
    return img.reshape(n, -1), y


def _season_ts(n, seed):
    """Windows of independent series with a level, a linear trend, a seasonality (period
    SEASON_PERIOD, random amplitude and phase) and AR(1) noise (phi 0.5, innovation sd
    SEASON_NOISE): x = SEASON_WIN values, y = the next one."""
    rng = np.random.default_rng(41000 + seed)
    L = SEASON_WIN + 1
    t = np.arange(L)[None, :]
    level = rng.normal(0, 1, (n, 1))
    slope = rng.normal(0, 1.5, (n, 1)) / L
    amp = rng.uniform(0.5, 2.0, (n, 1))
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    e = rng.normal(0, SEASON_NOISE, (n, L))
    ar = np.zeros((n, L))
    ar[:, 0] = e[:, 0]
    for i in range(1, L):
        ar[:, i] = 0.5 * ar[:, i - 1] + e[:, i]
    z = level + slope * t + amp * np.sin(2 * np.pi * t / SEASON_PERIOD + phase) + ar
    return z[:, :-1], z[:, -1]


def _pair_items(seed):
    """pair_sim: PAIR_IDS identity centres in 8-D and a fixed random non-linear map to PAIR_DIM
    features (items of one identity: its centre + N(0, 0.5^2), then the map)."""
    rng = np.random.default_rng(42000 + seed)
    centres = rng.normal(0, 1, (PAIR_IDS, 8))
    w1 = rng.normal(0, 1, (8, PAIR_DIM)) / np.sqrt(8)
    w2 = rng.normal(0, 1, (PAIR_DIM, PAIR_DIM)) / np.sqrt(PAIR_DIM)

    def items(ids):
        z = centres[ids] + rng.normal(0, 0.5, (len(ids), 8))
        h = np.tanh(z @ w1 * 1.5)
        return h @ w2 + 0.5 * h
    return rng, items


def _pair_sim(n_train, seed):
    """Pairs of items (a, b) as one row [a, b], label 1 when they share an identity (half the
    pairs): train pairs from the first PAIR_IDS / 2 identities, val pairs (VAL_SIZE) from the
    others, so only a similarity that transfers to new identities helps."""
    rng, items = _pair_items(seed)
    half = PAIR_IDS // 2

    def pairs(n, lo):
        a = rng.integers(lo, lo + half, n)
        same = rng.random(n) < 0.5
        b = np.where(same, a, lo + (a - lo + rng.integers(1, half, n)) % half)
        return np.concatenate([items(a), items(b)], 1).astype(np.float32), same.astype(np.int64)
    x_tr, y_tr = pairs(n_train, 0)
    x_va, y_va = pairs(VAL_SIZE, half)
    return x_tr, y_tr, x_va, y_va


def _dev14_task(name, seed, n_train, label_noise):
    """Fourteenth batch: obj_rgb (4-class images, 3 x 24 x 24 flattened), season_ts (a next-value
    regression on a window, standardised with train statistics), pair_sim (pairs, 2 classes).
    n_train up to 3000; label_noise flips that share of the train labels (obj_rgb, pair_sim)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 43000)
    n_tr = n_train or 2000
    if name == "pair_sim":
        x_tr, y_tr, x_va, y_va = _pair_sim(n_tr, seed)
        y_tr = _flip(y_tr, 2, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr, x_va, y_va, n_classes=2, split=split)
    if name == "obj_rgb":
        x, y = _obj_rgb(n_tr + VAL_SIZE, seed)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        y_tr = _flip(y_tr, 4, label_noise, rng)
        return Task(name, "classification", x_tr.astype(np.float32), y_tr.astype(np.int64),
                    x_va.astype(np.float32), y_va.astype(np.int64), n_classes=4, split=split)
    x, y = _season_ts(n_tr + VAL_SIZE, seed)
    x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
    mu, sd = float(y_tr.mean()), float(y_tr.std())     # one scale: a window keeps its shape
    x_tr, x_va, y_tr, y_va = (((a - mu) / sd).astype(np.float32) for a in (x_tr, x_va, y_tr, y_va))
    return Task(name, "regression", x_tr, y_tr, x_va, y_va, split=split)

HET_DIM = 5                # hetero_nll: input features
GRAPH_N = 12               # graph_cls: nodes per graph (x = the flattened 12 x 12 adjacency)
MLM_VOCAB = 24             # mask_lm: content tokens (MASK_ID = 24, so vocab_size 25)
MLM_LEN = 16               # mask_lm: tokens per sequence
MLM_MASKED = 3             # mask_lm: masked positions per sequence (fixed per example)


def _hetero(n, seed):
    """Heteroscedastic regression: x ~ U(-2, 2)^HET_DIM, y = sin(1.5 x0) + 0.5 x1 x2 +
    sd(x) N(0, 1) with sd(x) = 0.05 + 0.5 sigmoid(3 x3): the noise is 10x larger on one side of
    x3, so a model of the mean and the variance (a Gaussian NLL) beats any fixed variance."""
    rng = np.random.default_rng(50000 + seed)
    x = rng.uniform(-2, 2, (n, HET_DIM))
    sd = 0.05 + 0.5 / (1 + np.exp(-3 * x[:, 3]))
    y = np.sin(1.5 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + sd * rng.normal(0, 1, n)
    return x, y, sd


def _graphs(n, seed):
    """Graphs of GRAPH_N nodes, nodes in a random order, three generators with about the same
    number of edges (so the edge count alone does not tell them apart): 0 a ring lattice (each
    node to its 2 nearest on either side) with 10-40% of its edges rewired (small world), 1 an
    Erdos-Renyi graph with 22-26 edges, 2 a preferential-attachment graph (each new node to 2
    earlier ones, chosen by degree) plus 0-4 random edges. Highly rewired ring lattices look
    like random graphs: the classes overlap a little."""
    rng = np.random.default_rng(51000 + seed)
    N = GRAPH_N
    y = rng.integers(0, 3, n)
    xs = np.zeros((n, N, N), np.float32)
    for i in range(n):
        A = np.zeros((N, N), bool)
        if y[i] == 0:
            for a in range(N):
                for k in (1, 2):
                    A[a, (a + k) % N] = A[(a + k) % N, a] = True
            p = rng.uniform(0.1, 0.4)
            for a, b in np.argwhere(np.triu(A)):
                if rng.random() < p:
                    A[a, b] = A[b, a] = False
                    while True:
                        c, d = rng.integers(0, N, 2)
                        if c != d and not A[c, d]:
                            A[c, d] = A[d, c] = True
                            break
        elif y[i] == 1:
            pairs = np.argwhere(np.triu(np.ones((N, N), bool), 1))
            for a, b in pairs[rng.choice(len(pairs), rng.integers(22, 27), replace=False)]:
                A[a, b] = A[b, a] = True
        else:
            A[0, 1] = A[1, 0] = True
            for a in range(2, N):
                deg = A[:a, :a].sum(1) + 1.0
                for b in rng.choice(a, 2, replace=False, p=deg / deg.sum()):
                    A[a, b] = A[b, a] = True
            for _ in range(rng.integers(0, 5)):
                c, d = rng.integers(0, N, 2)
                if c != d:
                    A[c, d] = A[d, c] = True
        perm = rng.permutation(N)
        xs[i] = A[perm][:, perm]
    return xs.reshape(n, N * N), y


def _mlm(n, seed):
    """Masked-token sequences: each sequence follows one of 4 topics, a sparse Markov chain over
    MLM_VOCAB tokens (every token has 3 likely successors, p 0.6 / 0.25 / 0.15, per topic);
    MLM_MASKED positions per sequence are replaced by MASK_ID (fixed per example), the target is
    the original token there and -100 elsewhere (ignored by the loss)."""
    rng = np.random.default_rng(52000 + seed)
    V, L = MLM_VOCAB, MLM_LEN
    succ = rng.integers(0, V, (4, V, 3))
    topic = rng.integers(0, 4, n)
    x = np.zeros((n, L), np.int64)
    x[:, 0] = rng.integers(0, V, n)
    for t in range(1, L):
        k = rng.choice(3, n, p=[0.6, 0.25, 0.15])
        x[:, t] = succ[topic, x[:, t - 1], k]
    y = np.full((n, L), -100, np.int64)
    for i in range(n):
        pos = rng.choice(L, MLM_MASKED, replace=False)
        y[i, pos] = x[i, pos]
        x[i, pos] = V
    return x, y


def _dev15_task(name, seed, n_train, label_noise):
    """Fifteenth batch: hetero_nll (kind "hetero": a mean and a variance per example, Gaussian
    NLL; y standardised with train statistics), graph_cls (3 classes, flattened adjacency),
    mask_lm (kind "mlm": token ids with MASK_ID, targets -100 but at the masked positions).
    n_train up to 3000; label_noise flips that share of the train labels (graph_cls)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 53000)
    n_tr = n_train or 2000
    if name == "hetero_nll":
        x, y, _ = _hetero(n_tr + VAL_SIZE, seed)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        mu, sd = float(y_tr.mean()), float(y_tr.std())
        return Task(name, "hetero", x_tr.astype(np.float32), ((y_tr - mu) / sd).astype(np.float32),
                    x_va.astype(np.float32), ((y_va - mu) / sd).astype(np.float32), split=split)
    if name == "graph_cls":
        x, y = _graphs(n_tr + VAL_SIZE, seed)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        y_tr = _flip(y_tr, 3, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                    y_va.astype(np.int64), n_classes=3, split=split)
    x, y = _mlm(n_tr + VAL_SIZE, seed)
    return Task(name, "mlm", x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE],
                n_classes=MLM_VOCAB + 1, vocab_size=MLM_VOCAB + 1, seq_len=MLM_LEN, split=split)


# ----------------------------------------------------------------------------- sixteenth batch
CTR_CARDS = (7, 24, 50, 300, 12, 6, 120, 30)   # ctr_embed: categories per field (hour, device,
#                                                site, user, ..., ad, ...); a field-offset id each
CTR_SD = (0.8, 1.0, 1.3, 1.2, 0.5, 0.0, 1.1, 0.8)   # ctr_embed: sd of each field's effect (5: none)
CTR_BIAS = -3.6            # ctr_embed: logit offset: ~16% positives
CTR_VAL = 1000             # ctr_embed: val examples (~160 positives: an AUC that does not jump)
SEG_SIDE = 16              # seg_shapes: image side (grey, flattened 256); the mask the same
SEG_NOISE = 0.35           # seg_shapes: pixel noise sd (shapes +-0.8-1.5 on a smooth background)
ACT_LEN = 64               # activity: samples per channel (3 channels, flattened channel-first)
ACT_CLASSES = 6            # activity: walk, run, upstairs, downstairs, sit, stand


def _ctr(n, seed):
    """Click-through-style data: 8 categorical fields (CTR_CARDS categories, Zipf frequencies);
    the click logit is the sum of a fixed effect per category (CTR_SD), two interactions
    (field 0 x field 1, and the high-cardinality field 3 x field 6, which only a model that
    memorises pairs learns, and over-learns on little data) and CTR_BIAS: ~16% positives, a
    Bayes ROC AUC ~0.9. x holds each field's category id offset by the earlier fields'
    cardinalities (one embedding table)."""
    rng = np.random.default_rng(60000 + seed)
    g = np.random.default_rng(60999)        # the world (effects) is the same for every seed
    eff = [g.normal(0, s, c) for s, c in zip(CTR_SD, CTR_CARDS)]
    inter1 = g.normal(0, 1.0, (CTR_CARDS[0], CTR_CARDS[1]))
    inter2 = g.normal(0, 0.8, (CTR_CARDS[3], CTR_CARDS[6]))
    cols = []
    for c in CTR_CARDS:
        p = 1 / np.arange(1, c + 1) ** 1.1
        cols.append(rng.choice(c, n, p=p / p.sum()))
    x = np.stack(cols, 1)
    logit = (sum(eff[f][x[:, f]] for f in range(len(CTR_CARDS))) + inter1[x[:, 0], x[:, 1]]
             + inter2[x[:, 3], x[:, 6]] + CTR_BIAS)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(CTR_CARDS)[:-1]])
    return (x + offsets).astype(np.int64), y


def _seg_shapes(n, seed):
    """Segmentation of generated shapes: 16x16 grey images with 1-3 disks (the target) and 0-2
    squares (distractors, same brightness) on a smooth background plus N(0, SEG_NOISE^2) noise;
    the mask marks the disks' pixels (~10% of the image). Only the shape tells disk from
    square."""
    rng = np.random.default_rng(61000 + seed)
    S = SEG_SIDE
    yy, xx = np.mgrid[0:S, 0:S]
    x = np.zeros((n, S, S), np.float32)
    m = np.zeros((n, S, S), np.float32)
    for i in range(n):
        bg = rng.normal(0, 0.4, (4, 4))
        img = np.kron(bg, np.ones((S // 4, S // 4)))
        for _ in range(rng.integers(0, 3)):       # squares
            h = rng.integers(2, 4)
            cy, cx = rng.integers(h, S - h, 2)
            img[cy - h:cy + h, cx - h:cx + h] += rng.choice([-1, 1]) * rng.uniform(0.8, 1.5)
        for _ in range(rng.integers(1, 4)):       # disks
            r = rng.uniform(1.8, 3.5)
            cy, cx = rng.uniform(r, S - r, 2)
            d = (yy - cy) ** 2 + (xx - cx) ** 2 <= r * r
            img[d] += rng.choice([-1, 1]) * rng.uniform(0.8, 1.5)
            m[i][d] = 1.0
        x[i] = img + rng.normal(0, SEG_NOISE, (S, S))
    return x.reshape(n, S * S), m.reshape(n, S * S)


def _activity(n, seed):
    """Activity recognition from a 3-axis accelerometer: 64 samples per axis, 6 classes. walk /
    run / upstairs / downstairs are periodic (step frequency, amplitude and the harmonic on the
    vertical axis differ: up / downstairs carry a second harmonic of opposite phase, run is
    faster and larger), sit / stand are still (gravity on another axis, small sway); the device
    is tilted by a random rotation per example, frequencies and amplitudes vary, N(0, 0.35^2)
    noise on every sample. Flattened channel-first (3 * 64)."""
    rng = np.random.default_rng(62000 + seed)
    t = np.arange(ACT_LEN) / 16.0       # 16 Hz, 4 s
    y = rng.integers(0, ACT_CLASSES, n)
    x = np.zeros((n, 3, ACT_LEN), np.float32)
    for i in range(n):
        c = y[i]
        sig = np.zeros((3, ACT_LEN))
        if c < 4:
            f = {0: 1.8, 1: 2.8, 2: 1.6, 3: 1.9}[c] * rng.uniform(0.85, 1.15)
            a = {0: 0.8, 1: 1.6, 2: 0.7, 3: 0.9}[c] * rng.uniform(0.7, 1.3)
            ph = rng.uniform(0, 2 * np.pi)
            w = 2 * np.pi * f * t + ph
            sig[2] = a * np.sin(w) + 1.0
            sig[0] = 0.5 * a * np.sin(w + 1.0)
            sig[1] = 0.2 * a * np.sin(w / 2)
            if c == 2:
                sig[2] += 0.45 * a * np.sin(2 * w)
            if c == 3:
                sig[2] -= 0.45 * a * np.sin(2 * w)
        else:
            g = np.array([0.0, 0.0, 1.0]) if c == 4 else np.array([0.0, 0.8, 0.6])
            sig += g[:, None] + 0.08 * np.sin(2 * np.pi * rng.uniform(0.2, 0.5) * t
                                             + rng.uniform(0, 6.3))[None]
        th = rng.normal(0, 0.35, 3)             # a random tilt of the device
        cx, sx, cy, sy = np.cos(th[0]), np.sin(th[0]), np.cos(th[1]), np.sin(th[1])
        rot = (np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
               @ np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]]))
        x[i] = rot @ sig + rng.normal(0, 0.35, (3, ACT_LEN))
    return x.reshape(n, 3 * ACT_LEN), y


def _dev16_task(name, seed, n_train, label_noise):
    """Sixteenth batch: ctr_embed (binary, ~16% positives, field-offset category ids; CTR_VAL
    val examples), seg_shapes (kind "segmentation": a 0/1 mask per pixel), activity (6 classes,
    3 x 64 floats). n_train (default 4000 / 2000 / 2000); label_noise flips that share of the
    train labels (ctr_embed, activity) or of the train mask pixels (seg_shapes)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 63000)
    if name == "ctr_embed":
        n_tr = n_train or 4000
        x, y = _ctr(n_tr + CTR_VAL, seed)
        x_tr, y_tr, x_va, y_va = x[CTR_VAL:], y[CTR_VAL:], x[:CTR_VAL], y[:CTR_VAL]
        y_tr = _flip(y_tr, 2, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr, x_va, y_va, n_classes=2,
                    vocab_size=int(sum(CTR_CARDS)), seq_len=len(CTR_CARDS), split=split)
    n_tr = n_train or 2000
    if name == "seg_shapes":
        x, y = _seg_shapes(n_tr + VAL_SIZE, seed)
        x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
        if label_noise > 0:
            y_tr = np.where(rng.random(y_tr.shape) < label_noise, 1 - y_tr, y_tr).astype(np.float32)
        return Task(name, "segmentation", x_tr, y_tr, x_va, y_va, n_classes=2, split=split)
    x, y = _activity(n_tr + VAL_SIZE, seed)
    x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
    y_tr = _flip(y_tr, ACT_CLASSES, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va, y_va.astype(np.int64),
                n_classes=ACT_CLASSES, split=split)


# ----------------------------------------------------------------------------- seventeenth batch
DEV17_TASKS = ("age_ordinal", "mf_ratings", "vit_shapes")
AGE_FEATURES = 14          # age_ordinal: biomarker-like features (sklearn make_regression basis)
MF_USERS, MF_ITEMS, MF_RANK = 300, 200, 4   # mf_ratings: users, items, true rank
MF_VAL = 1500              # mf_ratings: held-out ratings
VIT_SIDE, VIT_PATCH = 16, 4   # vit_shapes: image side, patch side (16 patches)
VIT_CLASSES = 4            # vit_shapes: disk, square, cross, ring


def _age(n, seed):
    """Age-like ordinal targets: 14 biomarker-like features from sklearn's make_regression
    (6 informative), an age of 18-85 years that grows non-linearly (a soft saturation and one
    interaction) with the latent score plus N(0, 4^2) years of noise, rounded to whole years.
    y is the age in decades centred at 50 ((age - 50) / 10): the MAE x 10 is in years."""
    from sklearn.datasets import make_regression
    x, z = make_regression(n_samples=n, n_features=AGE_FEATURES, n_informative=6, noise=0.0,
                           random_state=70000 + seed)
    rng = np.random.default_rng(70500 + seed)
    z = z / z.std()
    age = 51 + 22 * np.tanh(0.8 * z) + 3.0 * x[:, 0] * x[:, 1] + rng.normal(0, 4.0, n)
    age = np.clip(np.round(age), 18, 85)
    return x.astype(np.float32), ((age - 50) / 10).astype(np.float32)


def _ratings(n, seed):
    """Recommendation-style ratings: MF_USERS x MF_ITEMS with a rank-MF_RANK taste structure,
    user and item biases, N(0, 0.5^2) noise, rounded and clipped to 1-5 stars; n (user, item)
    pairs drawn with popular items (Zipf) and active users more often, no pair twice. x holds
    the user id and the item id offset by MF_USERS (one embedding table); y = stars - 3.5."""
    g = np.random.default_rng(71999)        # the world is the same for every seed
    u, v = g.normal(0, 0.6, (MF_USERS, MF_RANK)), g.normal(0, 0.6, (MF_ITEMS, MF_RANK))
    bu, bi = g.normal(0, 0.4, MF_USERS), g.normal(0, 0.5, MF_ITEMS)
    rng = np.random.default_rng(71000 + seed)
    pu = 1 / np.arange(1, MF_USERS + 1) ** 0.6
    pi = 1 / np.arange(1, MF_ITEMS + 1) ** 0.8
    p = np.outer(pu / pu.sum(), pi / pi.sum()).ravel()
    flat = rng.choice(MF_USERS * MF_ITEMS, n, replace=False, p=p)
    us, it = flat // MF_ITEMS, flat % MF_ITEMS
    r = 3.6 + bu[us] + bi[it] + (u[us] * v[it]).sum(1) + rng.normal(0, 0.5, n)
    y = np.clip(np.round(r), 1, 5) - 3.5
    return np.stack([us, it + MF_USERS], 1).astype(np.int64), y.astype(np.float32)


def _vit_images(n, seed, clean=False):
    """16x16 grey images of one shape each: a disk, a square, a plus-shaped cross or a ring
    (VIT_CLASSES), radius 3.5-6, anywhere in the frame, brightness 0.8-1.4 of either sign, on
    a gradient background plus N(0, 0.35^2) pixel noise (clean: 0.25, other draws)."""
    rng = np.random.default_rng(72000 + seed + 500 * clean)
    S = VIT_SIDE
    yy, xx = np.mgrid[0:S, 0:S].astype(np.float32)
    y = rng.integers(0, VIT_CLASSES, n)
    x = np.zeros((n, S, S), np.float32)
    for i in range(n):
        r = rng.uniform(3.5, 6.0)
        cy, cx = rng.uniform(r * 0.7, S - r * 0.7, 2)
        dy, dx = yy - cy, xx - cx
        d = np.sqrt(dy ** 2 + dx ** 2)
        m = {0: d <= r, 1: (np.abs(dy) <= r * 0.8) & (np.abs(dx) <= r * 0.8),
             2: ((np.abs(dy) <= r * 0.3) | (np.abs(dx) <= r * 0.3)) & (d <= r * 1.1),
             3: (d <= r) & (d >= r * 0.55)}[int(y[i])]
        a, b = rng.normal(0, 0.03, 2)
        img = a * (yy - S / 2) + b * (xx - S / 2)
        img = img + m * rng.choice([-1, 1]) * rng.uniform(0.8, 1.4)
        x[i] = img + rng.normal(0, 0.25 if clean else 0.35, (S, S))
    return x.reshape(n, S * S), y.astype(np.int64)


def _dev17_task(name, seed, n_train, label_noise, n_val=None, source=False):
    """Seventeenth batch: age_ordinal (regression, age in decades centred at 50, VAL_SIZE val),
    mf_ratings (regression on (user, item) ids, stars - 3.5, MF_VAL val ratings), vit_shapes
    (4 classes of 16x16 images; source: 3000 cleaner images a fine-tune is pre-trained on).
    n_train (default 2000 / 12000 / 2000); label_noise >= 1 shuffles the train targets (a
    data-loading bug: nothing to learn), else flips that share of the train labels
    (vit_shapes) or adds N(0, (label_noise x target sd)^2) to the train targets; n_val keeps
    the first n_val val examples (a tiny val set)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 73000)
    n_va = MF_VAL if name == "mf_ratings" else VAL_SIZE
    n_tr = n_train or (12000 if name == "mf_ratings" else 2000)
    if name == "age_ordinal":
        x, y = _age(n_tr + n_va, seed)
    elif name == "mf_ratings":
        x, y = _ratings(n_tr + n_va, seed)
    else:
        x, y = _vit_images(n_tr + n_va, seed, clean=source)
    x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:], x[:n_va], y[:n_va]
    if name == "age_ordinal":
        x_tr, x_va = _standardise(x_tr, x_va)
    if label_noise >= 1:
        y_tr = y_tr[rng.permutation(len(y_tr))]
    elif label_noise > 0 and name == "vit_shapes":
        y_tr = _flip(y_tr, VIT_CLASSES, label_noise, rng)
    elif label_noise > 0:
        y_tr = (y_tr + rng.normal(0, label_noise * y_tr.std(), len(y_tr))).astype(np.float32)
    if n_val:
        x_va, y_va = x_va[:n_val], y_va[:n_val]
    if name == "vit_shapes":
        return Task(name, "classification", x_tr, y_tr, x_va, y_va, n_classes=VIT_CLASSES,
                    split=split)
    kw = {"vocab_size": MF_USERS + MF_ITEMS, "seq_len": 2} if name == "mf_ratings" else {}
    return Task(name, "regression", x_tr, y_tr, x_va, y_va, split=split, **kw)


def _mf(n_users, n_items, dim):
    """Seventeenth batch (mf_ratings): matrix factorisation, a user and an item embedding of
    `dim` (one table, items offset by n_users) and a bias each plus a global bias; the rating is
    their dot product plus the biases (dim 0: biases only). Output [B, 1]."""
    nn = _torch().nn

    class MF(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(n_users + n_items, max(dim, 1))
            nn.init.normal_(self.emb.weight, 0, 0.1)
            self.bias = nn.Embedding(n_users + n_items, 1)
            nn.init.zeros_(self.bias.weight)
            self.g = nn.Parameter(_torch().zeros(1))

        def forward(self, x):
            e, b = self.emb(x), self.bias(x).squeeze(-1)
            dot = (e[:, 0] * e[:, 1]).sum(-1) if dim else 0.0
            return (dot + b.sum(-1) + self.g).unsqueeze(-1)

    return MF()


def _vit(n_out, dim, depth, dropout=0.0, side=VIT_SIDE, patch=VIT_PATCH):
    """Seventeenth batch (vit_shapes): a small vision transformer: non-overlapping patch x patch
    patches, a linear patch embedding, a learned position embedding, `depth` pre-norm encoder
    layers (2 heads, MLP 2 x dim), mean pooling, LayerNorm and a linear head."""
    nn = _torch().nn
    torch = _torch()
    n_p = (side // patch) ** 2

    class ViT(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Linear(patch * patch, dim)
            self.pos = nn.Parameter(torch.randn(1, n_p, dim) * 0.02)
            layer = nn.TransformerEncoderLayer(dim, 2, 2 * dim, dropout, batch_first=True,
                                               norm_first=True)
            self.enc = nn.TransformerEncoder(layer, depth, enable_nested_tensor=False)
            self.norm = nn.LayerNorm(dim)
            self.head = nn.Linear(dim, n_out)

        def forward(self, x):
            g = side // patch
            h = x.reshape(-1, g, patch, g, patch).permute(0, 1, 3, 2, 4).reshape(-1, n_p,
                                                                                patch * patch)
            h = self.enc(self.embed(h) + self.pos)
            return self.head(self.norm(h.mean(1)))

    return ViT()


MF_DIMS = {"linear": 0, "tiny": 2, "small": 8, "medium": 32, "wide": 128}
VIT_SIZES = {"tiny": (8, 1), "small": (32, 1), "medium": (64, 2), "wide": (128, 2)}
DEV17_ARCHS = ("mf", "vit")


def _dev17_model(task: Task, size: str, arch: str, dropout: float):
    """Seventeenth batch: matrix factorisation or the small ViT."""
    if arch == "mf":
        return _mf(MF_USERS, MF_ITEMS, MF_DIMS[size])
    return _vit(task.n_classes, *VIT_SIZES[size], dropout=dropout)


# ----------------------------------------------------------------------------- eighteenth batch
DEV18_TASKS = ("kws_spec", "point_sets", "poisson_counts")
KWS_BINS, KWS_FRAMES = 16, 16   # kws_spec: mel-like bins x frames (a 16x16 spectrogram)
KWS_WORDS = 6                   # kws_spec: keywords (formant-track templates)
PTS_N, PTS_CLASSES = 32, 4      # point_sets: points per set, classes (sklearn generators)
CNT_FEATURES = 10               # poisson_counts: tabular features (sklearn make_regression)


def _kws(n, seed):
    """Keyword-spotting-like log spectrograms, KWS_BINS x KWS_FRAMES: each of KWS_WORDS words
    is two formant tracks (start and end bins, a straight or bent path) voiced over a random
    onset and length; a speaker shift of -3..+3 bins, a loudness of 0.25-1, energy smeared over
    neighbouring bins, a pink-ish background (louder in the low bins) and log(1 + energy)
    standardised: a 2-D input a small CNN reads."""
    rng = np.random.default_rng(80000 + seed)
    B, T = KWS_BINS, KWS_FRAMES
    tracks = [((3, 3, 0), (9, 12, 0)), ((4, 10, 0), (11, 13, 0)), ((10, 4, 0), (13, 9, 0)),
              ((3, 6, 3), (8, 8, 0)), ((5, 5, 0), (12, 7, -3)), ((2, 8, 0), (6, 14, 2))]
    bins = np.arange(B, dtype=np.float32)[:, None]
    y = rng.integers(0, KWS_WORDS, n)
    x = np.zeros((n, B, T), np.float32)
    for i in range(n):
        on = rng.integers(0, 5)
        ln = rng.integers(8, T - on + 1)
        t = np.arange(T, dtype=np.float32)
        q = np.clip((t - on) / max(1, ln - 1), 0, 1)
        voiced = ((t >= on) & (t < on + ln)).astype(np.float32)
        shift, loud = rng.integers(-3, 4), rng.uniform(0.25, 1.0)
        e = np.zeros((B, T), np.float32)
        for b0, b1, bend in tracks[int(y[i])]:
            c = b0 + (b1 - b0) * q + bend * np.sin(np.pi * q) + shift
            e += loud * voiced * np.exp(-0.5 * ((bins - c) / 1.2) ** 2)
        e += rng.gamma(1.0, 0.45, (B, T)) * (1.5 - bins / B)
        x[i] = np.log1p(3 * e)
    x = (x - x.mean()) / x.std()
    return x.reshape(n, B * T), y.astype(np.int64)


def _point_sets(n, seed):
    """Point-cloud-like sets of PTS_N 3-D points, each a sample of one of sklearn's generators:
    make_circles (two rings), make_moons, make_blobs (3 clusters) or make_swiss_roll, centred,
    scaled to unit radius, turned by a random 3-D rotation, jittered N(0, 0.08^2) and stored in
    a random order (a set: x is PTS_N x 3 flattened point by point)."""
    from scipy.stats import special_ortho_group
    from sklearn.datasets import make_blobs, make_circles, make_moons, make_swiss_roll
    rng = np.random.default_rng(81000 + seed)
    y = rng.integers(0, PTS_CLASSES, n)
    x = np.zeros((n, PTS_N, 3), np.float32)
    rots = special_ortho_group.rvs(3, size=n, random_state=81500 + seed)
    for i in range(n):
        rs = int(rng.integers(1 << 30))
        k = int(y[i])
        if k == 0:
            p, _ = make_circles(PTS_N, noise=0.04, factor=0.5, random_state=rs)
        elif k == 1:
            p, _ = make_moons(PTS_N, noise=0.08, random_state=rs)
        elif k == 2:
            p, _ = make_blobs(PTS_N, centers=3, cluster_std=0.6, random_state=rs)
        else:
            p, _ = make_swiss_roll(PTS_N, noise=0.3, random_state=rs)
        p = np.c_[p, np.zeros(PTS_N)] if p.shape[1] == 2 else p
        p = p - p.mean(0)
        p = (p / np.abs(p).max()) @ rots[i].T
        p = p + rng.normal(0, 0.08, p.shape)
        x[i] = p[rng.permutation(PTS_N)]
    return x.reshape(n, PTS_N * 3), y.astype(np.int64)


def _counts(n, seed):
    """Count regression (claims / visits per period): CNT_FEATURES features from sklearn's
    make_regression (5 informative); log rate = 0.15 + 0.75 z + 0.25 x0 x1 (z the standardised
    linear signal), clipped to [-2, 1.7] (rates 0.14-5.5), y ~ Poisson(rate); a mean of ~1.6."""
    from sklearn.datasets import make_regression
    x, z = make_regression(n_samples=n, n_features=CNT_FEATURES, n_informative=5, noise=0.0,
                           random_state=82000 + seed)
    rng = np.random.default_rng(82500 + seed)
    z = (z - z.mean()) / z.std()
    lam = np.exp(np.clip(0.15 + 0.75 * z + 0.25 * x[:, 0] * x[:, 1], -2.0, 1.7))
    return x.astype(np.float32), rng.poisson(lam).astype(np.float32)


def _dev18_task(name, seed, n_train, label_noise, n_val=None):
    """Eighteenth batch: kws_spec (6 keywords, 16x16 log spectrograms), point_sets (4 classes of
    32-point 3-D sets), poisson_counts (kind "poisson": counts, a log-rate model trained with
    PoissonNLLLoss(log_input=True)); VAL_SIZE val; n_train default 2000; label_noise flips that
    share of the labels (classes) or, >= 1 on poisson_counts, shuffles the train counts; n_val
    keeps the first n_val val examples (a val loss computed on one batch)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 83000)
    n_tr = n_train or 2000
    gen = {"kws_spec": _kws, "point_sets": _point_sets, "poisson_counts": _counts}[name]
    x, y = gen(n_tr + VAL_SIZE, seed)
    x_tr, y_tr, x_va, y_va = x[VAL_SIZE:], y[VAL_SIZE:], x[:VAL_SIZE], y[:VAL_SIZE]
    if n_val:
        x_va, y_va = x_va[:n_val], y_va[:n_val]
    if name == "poisson_counts":
        x_tr, x_va = _standardise(x_tr, x_va)
        if label_noise >= 1:
            y_tr = y_tr[rng.permutation(len(y_tr))]
        return Task(name, "poisson", x_tr, y_tr, x_va, y_va, split=split)
    c = KWS_WORDS if name == "kws_spec" else PTS_CLASSES
    y_tr = _flip(y_tr, c, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr, x_va, y_va, n_classes=c, split=split)


def _deepsets(n_out, d, n_pts=PTS_N, pool="max", dropout=0.0):
    """Eighteenth batch (point_sets): a PointNet / DeepSets classifier: a shared per-point MLP
    (3 -> d -> 2d), a symmetric pool over the points (max or mean), an MLP head (2d -> d -> n)."""
    nn = _torch().nn

    class DeepSets(nn.Module):
        def __init__(self):
            super().__init__()
            self.phi = nn.Sequential(nn.Linear(3, d), nn.ReLU(), nn.Linear(d, 2 * d), nn.ReLU())
            self.rho = nn.Sequential(nn.Linear(2 * d, d), nn.ReLU(), nn.Dropout(dropout),
                                     nn.Linear(d, n_out))

        def forward(self, x):
            h = self.phi(x.reshape(-1, n_pts, 3))
            h = h.max(1).values if pool == "max" else h.mean(1)
            return self.rho(h)

    return DeepSets()


DEEPSETS_WIDTHS = {"tiny": 4, "small": 32, "medium": 64, "wide": 128}
DEV18_ARCHS = ("deepsets", "deepsets_mean")


def _dev16_18_model(task: Task, size: str, arch: str | None, dropout: float):
    """make_model for the sixteenth to twenty-third batches' models."""
    if arch in DEV24_ARCHS:
        return _dev24_model(task, size, arch)
    if arch in DEV23_ARCHS:
        return _dev23_model(task, size, arch)
    if arch in DEV22_ARCHS:
        return _dev22_model(task, size, arch)
    if arch in DEV21_ARCHS:
        return _dev21_model(task, size, arch)
    if arch in DEV20_ARCHS:
        return _dev20_model(task, size, arch)
    if arch in DEV19_ARCHS:
        return _dev19_model(task, size, arch)
    if arch in DEV16_ARCHS:
        return _dev16_model(task, size, arch)
    if arch in DEV17_ARCHS:
        return _dev17_model(task, size, arch, dropout)
    return _dev18_model(task, size, arch, dropout)


def _dev18_model(task: Task, size: str, arch: str | None, dropout: float):
    """Eighteenth batch: the DeepSets classifier, or the log-rate MLP of a poisson task."""
    if arch in DEV18_ARCHS:
        return _deepsets(task.n_classes, DEEPSETS_WIDTHS[size],
                         pool="mean" if arch == "deepsets_mean" else "max", dropout=dropout)
    hidden, depth = MODEL_SIZES[size]
    return _mlp(task.n_features, 1, hidden, depth, dropout)


# ----------------------------------------------------------------------------- nineteenth batch
DEV19_TASKS = ("vae_manifold", "diffusion2d", "contrastive_digits")
VAE_FEATURES = 16               # vae_manifold: observed dimensions (a 2-D manifold in 16-D)
DDPM_T = 100                    # diffusion2d: noise levels (linear betas 1e-4 .. 0.04)
CON_GROUP = 64                  # contrastive_digits: InfoNCE over groups of at most 64 rows
CON_TRAIN, CON_VAL = 1536, 256  # contrastive_digits: load_digits split (24 / 4 groups of 64)


def _vae_manifold(n, seed):
    """16-D observations of a 2-D latent: sklearn's make_moons points (noise 0.08) through a
    fixed random 2-layer tanh map to 16 dims, plus N(0, 0.15^2) noise (standardised later)."""
    from sklearn.datasets import make_moons
    u, _ = make_moons(n, noise=0.08, random_state=90000 + seed)
    rng = np.random.default_rng(90500)          # the map is the same for every seed
    w1, b1 = rng.normal(0, 1.2, (2, 24)), rng.normal(0, 0.5, 24)
    w2 = rng.normal(0, 1 / np.sqrt(24), (24, VAE_FEATURES))
    x = np.tanh((u - u.mean(0)) @ w1 + b1) @ w2
    x += np.random.default_rng(91000 + seed).normal(0, 0.15, x.shape)
    return x.astype(np.float32)


def _dev19_task(name, seed, n_train, label_noise, n_val=None):
    """Nineteenth batch: vae_manifold (kind "vae": x only, y a dummy 0), diffusion2d (kind
    "diffusion": standardised make_moons points, the noise is drawn inside the model),
    contrastive_digits (kind "contrastive": load_digits / 16, two augmented views drawn inside
    the model; y the digit, unused by the loss). label_noise >= 1 on contrastive_digits: the
    two train views drawn once at load time (x_train 2 x 64 wide: static pairs, the same every
    epoch); otherwise unused."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 93000)
    if name == "contrastive_digits":
        from sklearn.datasets import load_digits
        d = load_digits()
        idx = np.random.default_rng(93500 + seed).permutation(len(d.data))
        x, y = (d.data[idx] / 16.0).astype(np.float32), d.target[idx].astype(np.int64)
        x_va, y_va = x[:CON_VAL], y[:CON_VAL]
        x_tr, y_tr = x[CON_VAL:CON_VAL + CON_TRAIN], y[CON_VAL:CON_VAL + CON_TRAIN]
        if n_train:
            x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
        if label_noise >= 1:    # the two train views drawn once, at load time (static pairs)
            torch = _torch()
            g = torch.Generator().manual_seed(93700 + seed)
            xt = torch.as_tensor(x_tr)
            x_tr = torch.cat([_augment_digits(xt, g), _augment_digits(xt, g)], 1).numpy()
        return Task(name, "contrastive", x_tr, y_tr, x_va, y_va, n_classes=10, split=split)
    n_tr, n_va = n_train or 2000, n_val or (1000 if name == "diffusion2d" else VAL_SIZE)
    if name == "vae_manifold":
        x = _vae_manifold(n_tr + n_va, seed)
    else:
        from sklearn.datasets import make_moons
        x = make_moons(n_tr + n_va, noise=0.06, random_state=92000 + seed)[0].astype(np.float32)
    x = x[rng.permutation(len(x))]
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    if name == "diffusion2d":       # one scale for both axes: the cloud keeps its shape
        mu, sd = x[n_va:].mean(0), float(x[n_va:].std())
        x_tr = ((x[n_va:] - mu) / sd).astype(np.float32)
        x_va = ((x[:n_va] - mu) / sd).astype(np.float32)
    kind = "vae" if name == "vae_manifold" else "diffusion"
    return Task(name, kind, x_tr, np.zeros(len(x_tr), np.float32), x_va,
                np.zeros(len(x_va), np.float32), split=split)


def _vae(d_in, hidden, zdim):
    """Nineteenth batch (vae_manifold): a Gaussian VAE, encoder d-h-h-2z (mean, log-variance),
    decoder z-h-h-d. forward returns per example [recon, kl, beta]: recon the summed squared
    error of the reconstruction from a sampled z, kl the KL of q(z|x) to N(0, I), beta the KL
    weight (train mode: kl_weight x min(1, forward calls / kl_anneal), a KL annealing when
    kl_anneal > 0; eval mode kl_weight without the ramp: the objective being trained, the
    negative ELBO when it is 1; z drawn from a fixed generator so that every evaluation sees
    the same draws)."""
    torch = _torch()
    nn = torch.nn

    class VAE(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = nn.Sequential(nn.Linear(d_in, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                     nn.ReLU(), nn.Linear(hidden, 2 * zdim))
            self.dec = nn.Sequential(nn.Linear(zdim, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                     nn.ReLU(), nn.Linear(hidden, d_in))
            self.kl_weight, self.kl_anneal, self.calls = 1.0, 0, 0

        def forward(self, x):
            mu, logvar = self.enc(x).chunk(2, -1)
            logvar = logvar.clamp(-12, 12)
            if self.training:
                self.calls += 1
                eps = torch.randn_like(mu)
                ramp = min(1.0, self.calls / self.kl_anneal) if self.kl_anneal else 1.0
                beta = self.kl_weight * ramp
            else:
                g = torch.Generator().manual_seed(0)
                eps = torch.randn(mu.shape, generator=g)
                beta = self.kl_weight
            xhat = self.dec(mu + (0.5 * logvar).exp() * eps)
            recon = ((xhat - x) ** 2).sum(-1)
            kl = -0.5 * (1 + logvar - mu ** 2 - logvar.exp()).sum(-1)
            return torch.stack([recon, kl, torch.full_like(recon, beta)], -1)

    return VAE()


def _ddpm(hidden, depth, t_steps=DDPM_T):
    """Nineteenth batch (diffusion2d): a DDPM noise predictor on 2-D points, an MLP on [x_t, a
    sinusoidal embedding of t (8 dims)]. forward(x0) draws t ~ U{0..T-1} and eps ~ N(0, I)
    (train mode: torch's global RNG; eval mode: a fixed generator, the same draws at every
    evaluation), noises x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps and returns [eps_hat, eps]
    per example (the loss is their MSE)."""
    torch = _torch()
    nn = torch.nn

    class DDPM(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = _mlp(2 + 8, 2, hidden, depth)
            abar = torch.cumprod(1 - torch.linspace(1e-4, 0.04, t_steps), 0)
            self.register_buffer("abar", abar, persistent=False)
            self.register_buffer("freqs", torch.tensor([1.0, 2.0, 4.0, 8.0]) * float(np.pi),
                                 persistent=False)

        def forward(self, x0):
            n = len(x0)
            if self.training:
                t, eps = torch.randint(0, t_steps, (n,)), torch.randn(x0.shape)
            else:
                g = torch.Generator().manual_seed(0)
                t = torch.randint(0, t_steps, (n,), generator=g)
                eps = torch.randn(x0.shape, generator=g)
            a = self.abar[t].unsqueeze(-1)
            xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
            ang = (t.float() / t_steps).unsqueeze(-1) * self.freqs
            pred = self.net(torch.cat([xt, ang.sin(), ang.cos()], -1))
            return torch.cat([pred, eps], -1)

    return DDPM()


def _augment_digits(x, gen=None, noise=0.2):
    """Nineteenth batch: a random view of 8x8 digits in [0, 1]: shifted by -1..1 pixel on each
    axis (zero padded), a contrast of 0.7-1.3, N(0, noise^2) pixel noise."""
    torch = _torch()
    n = len(x)
    img = torch.nn.functional.pad(x.reshape(n, 8, 8), (1, 1, 1, 1))
    sy = torch.randint(0, 3, (n,), generator=gen)
    sx = torch.randint(0, 3, (n,), generator=gen)
    ar = torch.arange(8)
    rows = (sy[:, None] + ar)[:, :, None]
    cols = (sx[:, None] + ar)[:, None, :]
    crop = img[torch.arange(n)[:, None, None], rows, cols].reshape(n, 64)
    scale = 0.7 + 0.6 * torch.rand((n, 1), generator=gen)
    return crop * scale + noise * torch.randn(crop.shape, generator=gen)


def _contrastive(hidden, depth, dim, tau=0.1):
    """Nineteenth batch (contrastive_digits): a SimCLR / CLIP-style encoder, an MLP 64-h..-dim
    applied to two augmented views of each image (train mode: torch's global RNG; eval mode: a
    fixed generator); returns [z1, z2 / tau] per example, both L2-normalised (the InfoNCE
    logits of a group are z1 @ (z2 / tau).T)."""
    torch = _torch()
    nn = torch.nn

    class Contrastive(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = _mlp(64, dim, hidden, depth)

        def forward(self, x):
            g = None if self.training else torch.Generator().manual_seed(0)
            if x.shape[1] == 128:   # static pairs (label_noise >= 1): the views as loaded
                v1, v2 = x[:, :64], x[:, 64:]
            else:
                v1, v2 = _augment_digits(x, g), _augment_digits(x, g)
            z1 = nn.functional.normalize(self.enc(v1), dim=-1)
            z2 = nn.functional.normalize(self.enc(v2), dim=-1)
            return torch.cat([z1, z2 / tau], -1)

    return Contrastive()


VAE_SIZES = {"tiny": (4, 1), "small": (32, 2), "medium": (64, 4), "wide": (256, 8)}
DDPM_SIZES = {"linear": (0, 0), "tiny": (8, 1), "small": (64, 2), "medium": (128, 3),
              "wide": (512, 3)}
CON_SIZES = {"linear": (0, 0, 32), "small": (128, 1, 32), "medium": (256, 2, 64),
             "wide": (1024, 2, 128)}
DEV19_ARCHS = ("vae", "ddpm", "contrastive")


def _dev19_model(task: Task, size: str, arch: str | None):
    """Nineteenth batch: the VAE, the DDPM noise predictor, the contrastive encoder."""
    if arch == "vae" or task.kind == "vae":
        return _vae(task.n_features, *VAE_SIZES[size])
    if arch == "ddpm" or task.kind == "diffusion":
        return _ddpm(*DDPM_SIZES[size])
    return _contrastive(*CON_SIZES[size])


def dev19_loss(task, out):
    """Nineteenth batch: (loss, metric name, metric value, {extra metric: value}) from the
    model's output. vae: mean recon + mean(beta x kl) (the negative ELBO when beta = 1), the
    metric the reconstruction error, kl beside it; diffusion: the noise-prediction MSE, the
    metric its MAE; contrastive: InfoNCE (symmetric, over groups of at most CON_GROUP rows,
    a CLIP-style loss), the metric the top-1 retrieval accuracy of view 2 from view 1 within
    the group (chance 1 / group)."""
    torch = _torch()
    F = torch.nn.functional
    if task.kind == "vae":
        recon, kl, beta = out[:, 0], out[:, 1], out[:, 2]
        return (recon.mean() + (beta * kl).mean(), "recon", recon.mean(),
                {"kl": kl.mean()})
    if task.kind == "diffusion":
        err = out[:, :2] - out[:, 2:]
        return (err ** 2).mean(), "mae", err.abs().mean(), {}
    d = out.shape[1] // 2
    losses, hits = [], []
    for i in range(0, len(out), CON_GROUP):
        z1, z2 = out[i:i + CON_GROUP, :d], out[i:i + CON_GROUP, d:]
        logits = z1 @ z2.T
        lab = torch.arange(len(z1))
        ce = 0.5 * (F.cross_entropy(logits, lab) + F.cross_entropy(logits.T, lab))
        losses.append(ce * len(z1))
        hits.append((logits.argmax(-1) == lab).float().sum())
    n = float(len(out))
    return sum(losses) / n, "accuracy", sum(hits) / n, {}


# ----------------------------------------------------------------------------- twentieth batch
DEV20_TASKS = ("kd_student", "sgdr_cls", "det_boxes")
DEV20_KINDS = ("kd", "detection")   # sgdr_cls is a plain "classification" task
KD_T, KD_ALPHA = 3.0, 0.7           # kd_student: temperature, weight of the KD term
KD_FEATURES, KD_CLASSES = 30, 10    # kd_student: make_classification inputs / classes
DET_SIZE, DET_CLASSES = 16, 3       # det_boxes: 16x16 images, 3 object classes
DET_L1, DET_GIOU = 5.0, 2.0         # det_boxes: DETR-style weights of the box L1 and GIoU terms


def _kd_teacher_logits(x_pool, y_pool, x_all, seed):
    """kd_student: a wide teacher MLP (30-256-256-10) trained with Adam on a pool of 4000
    labelled examples (600 full-batch-like steps of 256, its own seed); returns its logits on
    x_all. Torch's global RNG is saved and restored (the caller's draws are unchanged)."""
    torch = _torch()
    state = torch.random.get_rng_state()
    torch.manual_seed(96000 + seed)
    net = _mlp(x_pool.shape[1], KD_CLASSES, 256, 2)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-4)
    xp, yp = torch.as_tensor(x_pool), torch.as_tensor(y_pool)
    g = torch.Generator().manual_seed(96500 + seed)
    for _ in range(600):
        idx = torch.randint(0, len(xp), (256,), generator=g)
        loss = torch.nn.functional.cross_entropy(net(xp[idx]), yp[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        out = net(torch.as_tensor(x_all)).numpy().astype(np.float32)
    torch.random.set_rng_state(state)
    return out


def _det_images(n, seed):
    """det_boxes: n 16x16 images, each with one object (0 a filled square, 1 a hollow square,
    2 a plus) of side 4-10 at a random place, intensity 0.6-1.0, on N(0, 0.35^2) pixel noise
    with a faint random bar (a distractor); y = [class, cx, cy, w, h] in [0, 1] units."""
    rng = np.random.default_rng(97000 + seed)
    s = DET_SIZE
    x = rng.normal(0, 0.35, (n, s, s)).astype(np.float32)
    y = np.zeros((n, 5), np.float32)
    for i in range(n):
        c = int(rng.integers(0, DET_CLASSES))
        w, h = int(rng.integers(4, 11)), int(rng.integers(4, 11))
        x0, y0 = int(rng.integers(0, s - w + 1)), int(rng.integers(0, s - h + 1))
        a = float(rng.uniform(0.6, 1.0))
        if c == 0:
            x[i, y0:y0 + h, x0:x0 + w] += a
        elif c == 1:
            x[i, y0:y0 + h, x0] += a
            x[i, y0:y0 + h, x0 + w - 1] += a
            x[i, y0, x0 + 1:x0 + w - 1] += a
            x[i, y0 + h - 1, x0 + 1:x0 + w - 1] += a
        else:
            x[i, y0 + h // 2, x0:x0 + w] += a
            x[i, y0:y0 + h, x0 + w // 2] += a
            x[i, y0 + h // 2, x0 + w // 2] -= a     # the centre once, not twice
        r = int(rng.integers(0, s))                 # the distractor: a faint full-width bar
        if rng.random() < 0.5:
            x[i, r, :] += 0.3
        else:
            x[i, :, r] += 0.3
        y[i] = [c, (x0 + w / 2) / s, (y0 + h / 2) / s, w / s, h / s]
    return x.reshape(n, s * s), y


def _dev20_task(name, seed, n_train, label_noise, n_val=None):
    """Twentieth batch: kd_student (kind "kd": make_classification, 30 features, 10 classes, 5%
    flipped by sklearn; x = [features, the teacher's 10 logits], the student sees the features
    only; 2000 train / 500 val, the teacher trained on 4000 more), sgdr_cls (a plain
    classification: make_classification, 24 features, 8 classes of 2 clusters; 2000 / 500) and
    det_boxes (kind "detection": generated 16x16 images with one object, y = [class, box];
    2000 / 500). label_noise flips that share of the train labels (class only)."""
    from sklearn.datasets import make_classification
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 98000)
    n_tr, n_va = n_train or 2000, n_val or VAL_SIZE
    if name == "det_boxes":
        x, y = _det_images(n_tr + n_va, seed)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:].copy(), x[:n_va], y[:n_va]
        y_tr[:, 0] = _flip(y_tr[:, 0].astype(np.int64), DET_CLASSES, label_noise, rng)
        return Task(name, "detection", x_tr, y_tr, x_va, y_va, n_classes=DET_CLASSES,
                    split=split)
    if name == "sgdr_cls":
        x, y = make_classification(2000 + n_va, n_features=24, n_informative=12, n_redundant=4,
                                   n_classes=8, n_clusters_per_class=2, class_sep=1.2,
                                   flip_y=0.03, random_state=95000 + seed)
        x, y = x.astype(np.float32), y.astype(np.int64)
        x_va, y_va, x_tr, y_tr = x[:n_va], y[:n_va], x[n_va:n_va + n_tr], y[n_va:n_va + n_tr]
        x_tr, x_va = _standardise(x_tr, x_va)
        return Task(name, "classification", x_tr, _flip(y_tr, 8, label_noise, rng), x_va, y_va,
                    n_classes=8, split=split)
    x, y = make_classification(6500, n_features=KD_FEATURES, n_informative=16, n_redundant=6,
                               n_classes=KD_CLASSES, n_clusters_per_class=2, class_sep=1.0,
                               flip_y=0.05, random_state=94000 + seed)
    x, y = x.astype(np.float32), y.astype(np.int64)
    mu, sd = x[2500:].mean(0), x[2500:].std(0)
    x = ((x - mu) / sd).astype(np.float32)
    x_va, y_va, x_tr, y_tr = x[:n_va], y[:n_va], x[500:500 + n_tr], y[500:500 + n_tr]
    t = _kd_teacher_logits(x[2500:], y[2500:], np.concatenate([x_tr, x_va]), seed)
    x_tr = np.concatenate([x_tr, t[:len(x_tr)]], 1)
    x_va = np.concatenate([x_va, t[len(x_tr):]], 1)
    return Task(name, "kd", x_tr, _flip(y_tr, KD_CLASSES, label_noise, rng), x_va, y_va,
                n_classes=KD_CLASSES, split=split)


def _kd_student(hidden, depth):
    """Twentieth batch (kd_student): a student MLP on the first KD_FEATURES inputs; returns
    [student logits, teacher logits] (the teacher's are the last KD_CLASSES inputs, passed
    through: the loss reads both)."""
    torch = _torch()
    nn = torch.nn

    class Student(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = _mlp(KD_FEATURES, KD_CLASSES, hidden, depth)

        def forward(self, x):
            return torch.cat([self.net(x[:, :KD_FEATURES]), x[:, KD_FEATURES:]], -1)

    return Student()


def _detector(ch, hidden):
    """Twentieth batch (det_boxes): a two-head detector-like CNN (conv ch, pool, conv 2ch, pool,
    Linear hidden) with a class head (3 logits) and a box head (4, sigmoid: cx, cy, w, h);
    ch 0 = no conv, both heads linear on the pixels. Returns [class logits, box] per image."""
    torch = _torch()
    nn = torch.nn

    class Detector(nn.Module):
        def __init__(self):
            super().__init__()
            if ch:
                self.body = nn.Sequential(
                    nn.Unflatten(1, (1, DET_SIZE, DET_SIZE)), nn.Conv2d(1, ch, 3, padding=1),
                    nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(ch, 2 * ch, 3, padding=1), nn.ReLU(),
                    nn.MaxPool2d(2), nn.Flatten(), nn.Linear(2 * ch * (DET_SIZE // 4) ** 2, hidden),
                    nn.ReLU())
                d = hidden
            else:
                self.body, d = nn.Identity(), DET_SIZE * DET_SIZE
            self.cls, self.box = nn.Linear(d, DET_CLASSES), nn.Linear(d, 4)

        def forward(self, x):
            h = self.body(x)
            return torch.cat([self.cls(h), torch.sigmoid(self.box(h))], -1)

    return Detector()


KD_SIZES = {"linear": (0, 0), "tiny": (6, 1), "small": (32, 1), "medium": (128, 2),
            "wide": (512, 2)}
DET_SIZES = {"linear": (0, 0), "tiny": (2, 8), "small": (8, 64), "medium": (16, 128),
             "wide": (32, 256)}
DEV20_ARCHS = ("kd_student", "detector")


def _dev20_model(task: Task, size: str, arch: str | None):
    """Twentieth batch: the KD student, the detector."""
    if arch == "kd_student":
        return _kd_student(*KD_SIZES[size])
    return _detector(*DET_SIZES[size])


def _box_iou(p, t, generalised=False):
    """IoU (or GIoU) of boxes [cx, cy, w, h] row by row (torch)."""
    torch = _torch()
    p1, p2 = p[:, :2] - p[:, 2:] / 2, p[:, :2] + p[:, 2:] / 2
    t1, t2 = t[:, :2] - t[:, 2:] / 2, t[:, :2] + t[:, 2:] / 2
    wh = (torch.minimum(p2, t2) - torch.maximum(p1, t1)).clamp(min=0)
    inter = wh[:, 0] * wh[:, 1]
    union = p[:, 2] * p[:, 3] + t[:, 2] * t[:, 3] - inter
    iou = inter / union.clamp(min=1e-7)
    if not generalised:
        return iou
    ch = (torch.maximum(p2, t2) - torch.minimum(p1, t1)).clamp(min=0)
    hull = (ch[:, 0] * ch[:, 1]).clamp(min=1e-7)
    return iou - (hull - union) / hull


def dev20_loss(task, out, y):
    """Twentieth batch: (loss, metric name, metric value, {extra: value}) from the model's
    output. kd: KD_ALPHA x T^2 x KL(teacher_T || student_T) (batchmean, Hinton's KD term: its
    floor is above 0 when the student cannot match the teacher) + (1 - KD_ALPHA) x CE on the
    labels, the metric the student's accuracy, the kd and ce terms beside it; detection: CE of
    the class + DET_L1 x L1 of the box + DET_GIOU x (1 - GIoU), the metric the class accuracy,
    beside it the mean IoU, map50 (the share with the class right and IoU >= 0.5: an AP50-like
    score) and the three parts."""
    torch = _torch()
    F = torch.nn.functional
    if task.kind == "kd":
        s, t = out[:, :KD_CLASSES], out[:, KD_CLASSES:]
        kd = F.kl_div(F.log_softmax(s / KD_T, -1), F.log_softmax(t / KD_T, -1),
                      reduction="batchmean", log_target=True) * KD_T ** 2
        ce = F.cross_entropy(s, y.long())
        acc = (s.argmax(-1) == y.long()).float().mean()
        return KD_ALPHA * kd + (1 - KD_ALPHA) * ce, "accuracy", acc, {"kd": kd, "ce": ce}
    logits, box = out[:, :DET_CLASSES], out[:, DET_CLASSES:]
    cls, tbox = y[:, 0].long(), y[:, 1:]
    ce = F.cross_entropy(logits, cls)
    l1 = (box - tbox).abs().mean()
    giou = 1 - _box_iou(box, tbox, generalised=True).mean()
    iou = _box_iou(box, tbox)
    right = logits.argmax(-1) == cls
    return (ce + DET_L1 * l1 + DET_GIOU * giou, "accuracy", right.float().mean(),
            {"iou": iou.mean(), "map50": (right & (iou >= 0.5)).float().mean(),
             "loss_cls": ce, "loss_box": l1, "loss_giou": giou})


def dev20_chance_loss(task) -> float:
    """Twentieth batch (corpus_checks.prior_entropy): the loss of a model that learned nothing
    from the inputs. kd: a uniform student (KL to the teacher's soft targets, the CE ln C);
    detection: the class prior and the train set's mean box for every image."""
    torch = _torch()
    if task.kind == "kd":
        t = torch.as_tensor(task.x_val[:, KD_FEATURES:])
        y = torch.as_tensor(task.y_val)
        out = torch.cat([torch.zeros_like(t), t], -1)
        return float(dev20_loss(task, out, y)[0])
    p = np.bincount(task.y_train[:, 0].astype(np.int64), minlength=DET_CLASSES) / len(task.y_train)
    n = len(task.y_val)
    logits = torch.as_tensor(np.log(np.clip(p, 1e-6, 1)), dtype=torch.float32).expand(n, -1)
    box = torch.as_tensor(task.y_train[:, 1:].mean(0)).expand(n, -1)
    return float(dev20_loss(task, torch.cat([logits, box], -1), torch.as_tensor(task.y_val))[0])


# ----------------------------------------------------------------------------- twenty-first batch
DEV21_TASKS = ("s2s_translit", "rank_lists", "mtl_digits")
DEV21_KINDS = ("seq2seq", "ranking", "multitask")
S2S_LEN, S2S_VOCAB = 7, 12          # s2s_translit: 7 source words, 12 words per language
RANK_ITEMS, RANK_FEATURES, RANK_K = 10, 10, 5   # rank_lists: items per query, features, NDCG@k
RANK_MARGIN = 1.0                   # rank_lists: the pairwise hinge's margin
MTL_W_REG = 0.5                     # mtl_digits: total = CE (digit) + 0.5 x MSE (the aux target)


def _s2s_pairs(n, seed):
    """s2s_translit: n translation-like pairs. A source sentence of S2S_LEN words (ids 0-11,
    Zipf-like frequencies); its target is the sentence reversed, each word through a fixed
    dictionary (a permutation), and a word after a 'verb' (source ids 0-2) is inflected (its
    translation + 1 mod 12): a rule that needs the context."""
    rng = np.random.default_rng(99000 + seed)
    p = 1.0 / np.arange(1, S2S_VOCAB + 1) ** 0.6
    src = rng.choice(S2S_VOCAB, size=(n, S2S_LEN), p=p / p.sum())
    perm = np.random.default_rng(99500).permutation(S2S_VOCAB)
    rev = src[:, ::-1]
    tgt = perm[rev]
    after_verb = np.zeros_like(rev, dtype=bool)
    after_verb[:, 1:] = rev[:, :-1] <= 2
    tgt = np.where(after_verb, (tgt + 1) % S2S_VOCAB, tgt)
    return src.astype(np.float32), tgt.astype(np.int64)


def _dev21_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-first batch: s2s_translit (kind "seq2seq": generated translation-like pairs, x =
    [source ids, target ids] (the decoder's teacher forcing reads the target), y = the target
    ids; 2000 / 300), rank_lists (kind "ranking": queries of 10 items of sklearn's
    make_friedman1 features, graded 0-3 by the quartiles of its target; x the 10 x 10 features
    flattened, y the 10 grades; 600 / 200 queries), mtl_digits (kind "multitask": sklearn's
    digits, 64 pixels / 16; y = [digit, an auxiliary smooth target of the pixels,
    standardised]; 1297 / 500). label_noise: target tokens (s2s), grades (ranking) or digits
    (multitask) replaced at random in that share of the train rows."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 99800)
    if name == "s2s_translit":
        n_tr, n_va = n_train or 2000, n_val or VAL_SIZE
        x, y = _s2s_pairs(n_tr + n_va, seed)
        x = np.concatenate([x, y.astype(np.float32)], 1)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:].copy(), x[:n_va], y[:n_va]
        if label_noise > 0:
            bad = rng.random(y_tr.shape) < label_noise
            y_tr[bad] = rng.integers(0, S2S_VOCAB, int(bad.sum()))
            x_tr = np.concatenate([x_tr[:, :S2S_LEN], y_tr.astype(np.float32)], 1)
        return Task(name, "seq2seq", x_tr.astype(np.float32), y_tr, x_va.astype(np.float32),
                    y_va, n_classes=S2S_VOCAB, split=split)
    if name == "rank_lists":
        from sklearn.datasets import make_friedman1
        n_tr, n_va = n_train or 600, n_val or 200
        n = (n_tr + n_va) * RANK_ITEMS
        x, t = make_friedman1(n, n_features=RANK_FEATURES, noise=1.0, random_state=99100 + seed)
        q = np.quantile(t, [0.25, 0.5, 0.75])
        g = np.digitize(t, q).astype(np.float32)
        x = ((x - 0.5) / 0.29).astype(np.float32).reshape(-1, RANK_ITEMS * RANK_FEATURES)
        g = g.reshape(-1, RANK_ITEMS)
        x_va, y_va, x_tr, y_tr = x[:n_va], g[:n_va], x[n_va:], g[n_va:].copy()
        if label_noise > 0:
            bad = rng.random(y_tr.shape) < label_noise
            y_tr[bad] = rng.integers(0, 4, int(bad.sum())).astype(np.float32)
        return Task(name, "ranking", x_tr, y_tr, x_va, y_va, n_classes=4, split=split)
    from sklearn.datasets import load_digits
    d = load_digits()
    x = (d.data / 16.0).astype(np.float32)
    order = np.random.default_rng(99200 + seed).permutation(len(x))
    x, c = x[order], d.target[order].astype(np.int64)
    pr = np.random.default_rng(99300)              # the auxiliary target: fixed projections
    a, b = pr.normal(0, 1, (2, 64)) / 4
    aux = np.tanh(x @ a) * (x @ b) + 0.4 * np.sin(3 * (x @ a))
    aux = ((aux - aux.mean()) / aux.std()).astype(np.float32)
    n_va = n_val or 500
    n_tr = n_train or len(x) - n_va
    y = np.stack([c.astype(np.float32), aux], 1)
    x_va, y_va, x_tr, y_tr = x[:n_va], y[:n_va], x[n_va:n_va + n_tr], y[n_va:n_va + n_tr].copy()
    y_tr[:, 0] = _flip(y_tr[:, 0].astype(np.int64), 10, label_noise, rng)
    return Task(name, "multitask", x_tr, y_tr, x_va, y_va, n_classes=10, split=split)


def _seq2seq(hidden, emb=24):
    """Twenty-first batch (s2s_translit): a GRU encoder-decoder (no attention). Input [source
    ids, target ids]; train mode: teacher forcing (the decoder reads BOS + the target shifted),
    its argmax as the predicted tokens; eval mode: the teacher-forced logits (for the loss) and a
    greedy decode (each step fed its own argmax). Returns [logits (LEN x VOCAB), tokens (LEN)]."""
    torch = _torch()
    nn = torch.nn
    L, V = S2S_LEN, S2S_VOCAB

    class Seq2Seq(nn.Module):
        def __init__(self):
            super().__init__()
            self.src_emb, self.tgt_emb = nn.Embedding(V, emb), nn.Embedding(V + 1, emb)
            self.enc = nn.GRU(emb, hidden, batch_first=True)
            self.dec = nn.GRU(emb, hidden, batch_first=True)
            self.out = nn.Linear(hidden, V)

        def forward(self, x):
            src = x[:, :L].long().clamp(0, V - 1)
            tgt = x[:, L:].long().clamp(0, V - 1)
            _, h = self.enc(self.src_emb(src))
            bos = torch.full_like(tgt[:, :1], V)
            o, _ = self.dec(self.tgt_emb(torch.cat([bos, tgt[:, :-1]], 1)), h)
            logits = self.out(o)
            if self.training:
                toks = logits.argmax(-1)
            else:
                prev, hh, toks = bos, h, []
                for _ in range(L):
                    o1, hh = self.dec(self.tgt_emb(prev), hh)
                    prev = self.out(o1).argmax(-1)
                    toks.append(prev)
                toks = torch.cat(toks, 1)
            return torch.cat([logits.reshape(len(x), L * V), toks.float()], -1)

    return Seq2Seq()


def _ranker(hidden, depth):
    """Twenty-first batch (rank_lists): a shared MLP scoring each of a query's 10 items from its
    10 features; returns the 10 scores."""
    torch = _torch()
    nn = torch.nn

    class Ranker(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = _mlp(RANK_FEATURES, 1, hidden, depth)

        def forward(self, x):
            return self.net(x.reshape(len(x), RANK_ITEMS, RANK_FEATURES)).squeeze(-1)

    return Ranker()


def _two_heads(hidden, depth):
    """Twenty-first batch (mtl_digits): a shared MLP trunk on the 64 pixels (depth 0: none, the
    heads linear on the pixels) with a digit head (10 logits) and a regression head (1)."""
    torch = _torch()
    nn = torch.nn

    class TwoHeads(nn.Module):
        def __init__(self):
            super().__init__()
            layers, d = [], 64
            for _ in range(depth):
                layers += [nn.Linear(d, hidden), nn.ReLU()]
                d = hidden
            self.trunk = nn.Sequential(*layers)
            self.cls, self.reg = nn.Linear(d, 10), nn.Linear(d, 1)

        def forward(self, x):
            h = self.trunk(x)
            return torch.cat([self.cls(h), self.reg(h)], -1)

    return TwoHeads()


S2S_SIZES = {"tiny": 4, "small": 48, "medium": 96, "wide": 192}
RANK_SIZES = {"linear": (0, 0), "tiny": (4, 1), "small": (64, 2), "medium": (128, 2),
              "wide": (512, 2)}
MTL_SIZES = {"linear": (0, 0), "tiny": (8, 1), "small": (64, 1), "medium": (128, 2),
             "wide": (512, 2)}
DEV21_ARCHS = ("seq2seq", "ranker", "two_heads")


def _dev21_model(task: Task, size: str, arch: str | None):
    """Twenty-first batch: the seq2seq GRU, the ranker, the two-head model."""
    if arch == "seq2seq":
        return _seq2seq(S2S_SIZES[size])
    if arch == "ranker":
        return _ranker(*RANK_SIZES[size])
    return _two_heads(*MTL_SIZES[size])


def _bleu_like(pred, ref, n_max=4) -> float:
    """A BLEU-like score (corpus level, no brevity penalty: the lengths are fixed): the geometric
    mean of the clipped 1- to 4-gram precisions over all sequences (add-one smoothed above 1)."""
    from collections import Counter
    hits, totals = np.zeros(n_max), np.zeros(n_max)
    for p, r in zip(pred.tolist(), ref.tolist()):
        for n in range(1, n_max + 1):
            cp = Counter(tuple(p[i:i + n]) for i in range(len(p) - n + 1))
            cr = Counter(tuple(r[i:i + n]) for i in range(len(r) - n + 1))
            hits[n - 1] += sum(min(c, cr[g]) for g, c in cp.items())
            totals[n - 1] += max(len(p) - n + 1, 0)
    prec = (hits + np.r_[0, np.ones(n_max - 1)]) / (totals + np.r_[0, np.ones(n_max - 1)])
    return float(np.exp(np.mean(np.log(np.clip(prec, 1e-9, 1)))))


def _ndcg(scores, grades, k):
    """Mean NDCG@k over queries (torch), gains 2^grade - 1."""
    torch = _torch()
    order = scores.argsort(-1, descending=True)[:, :k]
    ideal = grades.sort(-1, descending=True).values[:, :k]
    disc = 1.0 / torch.log2(torch.arange(2, k + 2, dtype=torch.float32))
    dcg = ((2 ** grades.gather(1, order) - 1) * disc).sum(-1)
    idcg = ((2 ** ideal - 1) * disc).sum(-1).clamp(min=1e-9)
    return (dcg / idcg).mean()


def dev21_loss(task, out, y):
    """Twenty-first batch: (loss, metric name, metric value, {extra: value}). seq2seq: the
    teacher-forced token CE, the metric the token accuracy of the greedy decode (eval mode),
    beside it the BLEU-like score of the greedy decode and the teacher-forced token accuracy
    (tf_token_acc); ranking: the pairwise hinge max(0, 1 - (s_i - s_j)) over a query's pairs
    with grade_i > grade_j (floor 0), the metric the share of those pairs ordered right (the
    pairwise accuracy = pairwise AUC, chance 0.5), beside it NDCG@5; multitask: CE of the digit
    + 0.5 x MSE of the auxiliary target, the metric the digit accuracy, beside it the two parts
    (loss_cls, loss_reg) and the aux head's mean absolute error (reg_abs_err)."""
    torch = _torch()
    F = torch.nn.functional
    if task.kind == "seq2seq":
        L, V = S2S_LEN, S2S_VOCAB
        logits = out[:, :L * V].reshape(-1, L, V)
        toks, yl = out[:, L * V:].round().long(), y.long()
        loss = F.cross_entropy(logits.reshape(-1, V), yl.reshape(-1))
        acc = (toks == yl).float().mean()
        return loss, "accuracy", acc, {
            "bleu": torch.tensor(_bleu_like(toks.cpu().numpy(), yl.cpu().numpy())),
            "tf_token_acc": (logits.argmax(-1) == yl).float().mean()}
    if task.kind == "ranking":
        g = y.float()
        diff = out.unsqueeze(2) - out.unsqueeze(1)          # s_i - s_j
        mask = (g.unsqueeze(2) > g.unsqueeze(1)).float()
        npairs = mask.sum().clamp(min=1)
        loss = (F.relu(RANK_MARGIN - diff) * mask).sum() / npairs
        acc = ((diff > 0).float() * mask).sum() / npairs
        return loss, "accuracy", acc, {"ndcg5": _ndcg(out.detach(), g, RANK_K)}
    logits, reg = out[:, :10], out[:, 10]
    cls, t = y[:, 0].long(), y[:, 1].float()
    ce, mse = F.cross_entropy(logits, cls), ((reg - t) ** 2).mean()
    acc = (logits.argmax(-1) == cls).float().mean()
    return ce + MTL_W_REG * mse, "accuracy", acc, {
        "loss_cls": ce, "loss_reg": mse, "reg_abs_err": (reg - t).abs().mean()}


def dev21_chance_loss(task) -> float:
    """Twenty-first batch (corpus_checks.prior_entropy): seq2seq, the target words' unigram
    entropy (the train targets); ranking, the hinge of a constant scorer (the margin, 1);
    multitask, the digit prior's entropy + 0.5 x the aux target's variance around its mean."""
    if task.kind == "ranking":
        return RANK_MARGIN
    if task.kind == "seq2seq":
        p = np.bincount(task.y_train.ravel(), minlength=S2S_VOCAB).astype(float)
    else:
        p = np.bincount(task.y_train[:, 0].astype(np.int64), minlength=10).astype(float)
    p = p[p > 0] / p.sum()
    h = float(-(p * np.log(p)).sum())
    if task.kind == "multitask":
        h += MTL_W_REG * float(np.mean((task.y_val[:, 1] - task.y_train[:, 1].mean()) ** 2))
    return h


def dev21_chance_acc(task) -> float:
    """Twenty-first batch (corpus_checks.chance_acc): the commonest target word (seq2seq), a
    coin for a pair's order (ranking), the commonest digit (multitask)."""
    if task.kind == "ranking":
        return 0.5
    y = task.y_val.ravel() if task.kind == "seq2seq" else task.y_val[:, 0].astype(np.int64)
    return float(np.bincount(y).max() / y.size)


# ----------------------------------------------------------------------------- twenty-second batch
DEV22_TASKS = ("ctc_words", "gcn_nodes", "focal_rare")
DEV22_KINDS = ("ctc", "nodes", "focal")
CTC_T, CTC_F, CTC_U = 40, 10, 7     # ctc_words: frames, features per frame, max target length
CTC_V = 8                           # ctc_words: blank 0, space 1, letters 2-7
GN_N, GN_C, GN_F = 500, 4, 16       # gcn_nodes: nodes of the one graph, classes, node features
GN_STD = 22.0                       # gcn_nodes: make_blobs cluster_std (weak node features)
FOCAL_GAMMA, FOCAL_ALPHA = 2.0, 0.25   # focal_rare: the focal loss's focusing and class weight


def _ctc_utts(n, seed):
    """ctc_words: n speech-like utterances: two 'words' of 1-3 letters (ids 2-7) with a space
    (id 1) between them; each letter is 2-4 frames of its fixed prototype (10 features) plus
    noise, letters 0-1 silent frames apart, a 0-2 frame offset, padded with silence to 40
    frames. x the 40 x 10 frames flattened, y the target ids padded with 0 (the blank)."""
    rng = np.random.default_rng(101000 + seed)
    proto = np.random.default_rng(101500).normal(0, 1.2, (CTC_V, CTC_F))
    proto[0] = 0.0
    x = rng.normal(0, 0.7, (n, CTC_T, CTC_F))
    y = np.zeros((n, CTC_U), np.int64)
    for i in range(n):
        w1, w2 = rng.integers(2, 8, rng.integers(1, 4)), rng.integers(2, 8, rng.integers(1, 4))
        lab = list(w1) + [1] + list(w2)
        y[i, :len(lab)] = lab
        t = int(rng.integers(0, 3))
        for c in lab:
            d = int(rng.integers(2, 5))
            x[i, t:t + d] += proto[c]
            t += d + int(rng.integers(0, 2))
    return x.reshape(n, -1).astype(np.float32), y


def _gn_graph(seed):
    """gcn_nodes: one stochastic-block graph of 500 nodes in 4 classes (p_in 0.03, p_out 0.004:
    ~3.7 same-class and ~1.5 other-class neighbours) with weak node features (sklearn's
    make_blobs, 16 features, cluster_std 22: weak alone)."""
    from sklearn.datasets import make_blobs
    f, c = make_blobs(GN_N, GN_F, centers=GN_C, cluster_std=GN_STD, random_state=102000 + seed)
    rng = np.random.default_rng(102500 + seed)
    p = np.where(c[:, None] == c[None, :], 0.03, 0.004)
    a = np.triu(rng.random((GN_N, GN_N)) < p, 1)
    a = (a | a.T).astype(np.float32) + np.eye(GN_N, dtype=np.float32)
    d = a.sum(1) ** -0.5
    f = (f - f.mean(0)) / f.std(0)
    return f.astype(np.float32), (d[:, None] * a * d[None, :]).astype(np.float32), c


def _dev22_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-second batch: ctc_words (kind "ctc": generated speech-like feature sequences, CTC
    targets; 2000 / 300), gcn_nodes (kind "nodes": one generated graph, x = node ids, the train
    and val masks the first n_train (80) and the next n_val (40) of a shuffled node order; the
    graph lives on the task as task.graph = (features, normalised adjacency)), focal_rare (kind
    "focal": sklearn's make_classification, 20 features, 5% positives; 2500 / 1000; y the rare
    class flag). label_noise: letters redrawn (ctc), node labels flipped (nodes), rare flags
    flipped (focal) in that share of the train rows."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 103000)
    if name == "ctc_words":
        n_tr, n_va = n_train or 2000, n_val or VAL_SIZE
        x, y = _ctc_utts(n_tr + n_va, seed)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:].copy(), x[:n_va], y[:n_va]
        if label_noise > 0:
            bad = (rng.random(y_tr.shape) < label_noise) & (y_tr > 1)
            y_tr[bad] = rng.integers(2, CTC_V, int(bad.sum()))
        return Task(name, "ctc", x_tr, y_tr, x_va, y_va, n_classes=CTC_V, split=split)
    if name == "gcn_nodes":
        f, a, c = _gn_graph(seed)
        order = np.random.default_rng(102700 + seed).permutation(GN_N)
        n_tr, n_va = n_train or 80, n_val or 40
        tr, va = order[:n_tr], order[n_tr:n_tr + n_va]
        y_tr = _flip(c[tr].astype(np.int64), GN_C, label_noise, rng)
        t = Task(name, "nodes", tr[:, None].astype(np.float32), y_tr,
                 va[:, None].astype(np.float32), c[va].astype(np.int64), n_classes=GN_C,
                 split=split)
        t.graph = (f, a)
        return t
    from sklearn.datasets import make_classification
    n_tr, n_va = n_train or 2500, n_val or 1000
    x, y = make_classification(3500, n_features=20, n_informative=6, n_redundant=4,
                               weights=[0.95], flip_y=0.01, class_sep=0.9,
                               random_state=103500 + seed)
    x_va, y_va, x_tr, y_tr = x[:n_va], y[:n_va], x[n_va:n_va + n_tr], y[n_va:n_va + n_tr].copy()
    x_tr, x_va = _standardise(x_tr, x_va)
    if label_noise > 0:
        bad = rng.random(len(y_tr)) < label_noise
        y_tr[bad] = 1 - y_tr[bad]
    return Task(name, "focal", x_tr.astype(np.float32), y_tr.astype(np.float32),
                x_va.astype(np.float32), y_va.astype(np.float32), n_classes=2, split=split)


def _ctc_net(hidden):
    """Twenty-second batch (ctc_words): a Conv1d (kernel 3) over the 40 frames, a bidirectional
    GRU, a linear layer to the 8 symbols (blank first); returns the per-frame log-probabilities
    (40 x 8) flattened."""
    torch = _torch()
    nn = torch.nn

    class CTCNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv = nn.Conv1d(CTC_F, hidden, 3, padding=1)
            self.rnn = nn.GRU(hidden, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, CTC_V)

        def forward(self, x):
            h = torch.relu(self.conv(x.reshape(len(x), CTC_T, CTC_F).transpose(1, 2)))
            o, _ = self.rnn(h.transpose(1, 2))
            return self.out(o).log_softmax(-1).reshape(len(x), CTC_T * CTC_V)

    return CTCNet()


def _gcn_nodes_net(task, hidden, dropout=0.5):
    """Twenty-second batch (gcn_nodes): a two-layer GCN (Kipf and Welling) over the task's one
    graph, A relu(A X W1) W2, dropout 0.5 on the inputs and the hidden layer, evaluated on the
    whole graph and read at the batch's node ids; hidden 0: a linear model on the node features
    (no graph)."""
    torch = _torch()
    nn = torch.nn
    f, a = task.graph

    class NodeGCN(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("feat", torch.as_tensor(f))
            self.register_buffer("adj", torch.as_tensor(a))
            self.w1 = nn.Linear(GN_F, hidden or GN_C)
            self.w2 = nn.Linear(hidden, GN_C) if hidden else None
            self.drop = nn.Dropout(dropout if hidden else 0.0)

        def forward(self, x):
            idx = x.reshape(-1).long().clamp(0, GN_N - 1)
            if self.w2 is None:
                return self.w1(self.feat[idx])
            h = torch.relu(self.adj @ self.w1(self.drop(self.feat)))
            return (self.adj @ self.w2(self.drop(h)))[idx]

    return NodeGCN()


CTC_SIZES = {"tiny": 2, "small": 16, "medium": 48, "wide": 128}
GN_SIZES = {"linear": 0, "tiny": 2, "small": 16, "medium": 64, "wide": 512}
DEV22_ARCHS = ("ctc", "gcn_nodes", "focal_mlp")


def _dev22_model(task: Task, size: str, arch: str | None):
    """Twenty-second batch: the CTC recogniser, the node GCN, the focal-loss MLP (one logit)."""
    if arch == "ctc":
        return _ctc_net(CTC_SIZES[size])
    if arch == "gcn_nodes":
        return _gcn_nodes_net(task, GN_SIZES[size], 0.0 if size == "wide" else 0.5)
    return _mlp(task.n_features, 1, *MODEL_SIZES[size])


def _edit(a, b) -> int:
    """Levenshtein distance of two lists."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, z in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != z)))
        prev = cur
    return prev[-1]


def _ctc_rates(logp, y):
    """ctc_words: (CER, WER) of the greedy decode (per-frame argmax, repeats collapsed, blanks
    removed) against the targets; words split at the space symbol (1)."""
    best = logp.argmax(-1).cpu().numpy()
    ce = cn = we = wn = 0
    for p, t in zip(best, y.cpu().numpy()):
        hyp = [int(c) for i, c in enumerate(p) if c != 0 and (i == 0 or c != p[i - 1])]
        ref = [int(c) for c in t if c > 0]
        ce, cn = ce + _edit(hyp, ref), cn + len(ref)
        hw = [w for w in " ".join(map(str, hyp)).split(" 1 ") if w]
        rw = [w for w in " ".join(map(str, ref)).split(" 1 ") if w]
        we, wn = we + _edit(hw, rw), wn + len(rw)
    return ce / max(cn, 1), we / max(wn, 1)


def _average_precision(score, y):
    """PR-AUC (average precision) of the rare class (torch)."""
    torch = _torch()
    order = score.argsort(descending=True)
    yy = y[order]
    npos = yy.sum()
    if float(npos) == 0:
        return torch.tensor(0.0)
    prec = yy.cumsum(0) / torch.arange(1, len(yy) + 1, dtype=torch.float32)
    return (prec * yy).sum() / npos


def dev22_loss(task, out, y):
    """Twenty-second batch: (loss, metric name, metric value, {extra: value}). ctc: torch's
    CTCLoss (blank 0, mean over the target lengths) on the per-frame log-probabilities, the
    metric 1 - CER of the greedy decode (accuracy, clipped at 0), beside it the CER and WER
    (1.0 until the model emits); nodes: CE over the batch's nodes, the metric the node accuracy;
    focal: the binary focal loss (gamma 2, alpha 0.25; floor 0) of the one logit, the metric
    the rare class's PR-AUC (pr_auc), beside it its F1 at p 0.5."""
    torch = _torch()
    F = torch.nn.functional
    if task.kind == "ctc":
        logp = out.reshape(len(out), CTC_T, CTC_V)
        yl = y.long()
        lens = (yl > 0).sum(-1)
        loss = F.ctc_loss(logp.transpose(0, 1), yl, torch.full_like(lens, CTC_T), lens,
                          blank=0, zero_infinity=True)
        cer, wer = _ctc_rates(logp.detach(), yl)
        return loss, "accuracy", torch.tensor(max(0.0, 1.0 - cer)), {
            "cer": torch.tensor(cer), "wer": torch.tensor(wer)}
    if task.kind == "nodes":
        return (F.cross_entropy(out, y.long()), "accuracy",
                (out.argmax(-1) == y.long()).float().mean(), {})
    z, t = out.reshape(-1), y.float().reshape(-1)
    p = torch.sigmoid(z)
    ce = F.binary_cross_entropy_with_logits(z, t, reduction="none")
    pt = p * t + (1 - p) * (1 - t)
    at = FOCAL_ALPHA * t + (1 - FOCAL_ALPHA) * (1 - t)
    loss = (at * (1 - pt) ** FOCAL_GAMMA * ce).mean()
    pred = (p.detach() > 0.5).float()
    tp = (pred * t).sum()
    f1 = 2 * tp / (pred.sum() + t.sum()).clamp(min=1)
    return loss, "pr_auc", _average_precision(z.detach(), t), {"f1": f1}


def dev22_chance_loss(task) -> float:
    """Twenty-second batch (corpus_checks.prior_entropy): ctc, the CTC loss on the val targets
    of the best frame-independent guess (every frame the blank with probability q, the 7 other
    symbols evenly; q on a grid 0.5-0.98: ~2.3 at q ~0.9, where a model that only learned how
    often to emit sits; uniform frames give ~13); nodes, the class prior's entropy; focal, the
    focal loss of a constant logit at the train prior on the val flags."""
    torch = _torch()
    if task.kind == "nodes":
        p = np.bincount(task.y_train, minlength=GN_C).astype(float)
        p = p[p > 0] / p.sum()
        return float(-(p * np.log(p)).sum())
    yv = torch.as_tensor(task.y_val)
    if task.kind == "ctc":
        best = np.inf
        for q in np.linspace(0.5, 0.98, 25):
            p = np.log(np.r_[q, np.full(CTC_V - 1, (1 - q) / (CTC_V - 1))])
            out = torch.tensor(p, dtype=torch.float32).repeat(len(yv), CTC_T)
            best = min(best, float(dev22_loss(task, out, yv)[0]))
        return best
    else:
        q = float(np.clip(task.y_train.mean(), 1e-3, 1 - 1e-3))
        out = torch.full((len(yv), 1), float(np.log(q / (1 - q))))
    return float(dev22_loss(task, out, yv)[0])


def dev22_chance_acc(task) -> float:
    """Twenty-second batch (corpus_checks.chance_acc): 1 - CER of an empty decode (0) for ctc,
    the commonest val class for nodes, the share of the majority for focal."""
    if task.kind == "ctc":
        return 0.0
    y = task.y_val.astype(np.int64)
    return float(np.bincount(y).max() / y.size)


# ----------------------------------------------------------------------------- twenty-third batch
DEV23_TASKS = ("flow_moons", "pinn_ode", "cox_surv")
DEV23_KINDS = ("flow", "pinn", "cox")
FLOW_SCALE = 0.25                  # flow_moons: the standardised moons scaled down (NLL < 0)
PINN_A, PINN_W, PINN_L = 3.0, 6.0, 3.0   # pinn_ode: u' = -u + A cos(W x) on [0, L], u(0) = 1
PINN_H = 1e-3                      # pinn_ode: the central-difference step of u'
COX_VAL = 256                      # cox_surv: val rows (one eval batch in every writer)


def _pinn_exact(x):
    """pinn_ode: the exact solution of u' = -u + A cos(W x), u(0) = 1."""
    k = PINN_A / (1 + PINN_W ** 2)
    return (1 - k) * np.exp(-x) + k * (np.cos(PINN_W * x) + PINN_W * np.sin(PINN_W * x))


def _dev23_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-third batch: flow_moons (kind "flow": sklearn's make_moons, noise 0.08,
    standardised with train statistics and scaled by 0.25, so that a good density has NLL < 0;
    y unused (zeros); 2000 / 256), pinn_ode (kind "pinn": x the collocation points, n_train
    (512) uniform on [0, 3], val 256 midpoints of a grid; y the exact solution u(x), which the
    loss never reads), cox_surv (kind "cox": sklearn's make_regression features (20, 6
    informative) with a log-hazard of their linear part (scaled to sd 3) plus 1.5 x1 x2;
    exponential event times, exponential censoring (~30% censored); y = (time, event);
    2000 / 256). label_noise: cox only, that share of the train event flags flipped."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 111000)
    n_va = n_val or (256 if name != "cox_surv" else COX_VAL)
    if name == "flow_moons":
        from sklearn.datasets import make_moons
        n_tr = n_train or 2000
        x, _ = make_moons(n_tr + n_va, noise=0.08, random_state=111500 + seed)
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        x_tr, x_va = FLOW_SCALE * x_tr, FLOW_SCALE * x_va
        return Task(name, "flow", x_tr.astype(np.float32), np.zeros(len(x_tr), np.float32),
                    x_va.astype(np.float32), np.zeros(len(x_va), np.float32), split=split)
    if name == "pinn_ode":
        n_tr = n_train or 512
        x_tr = np.sort(rng.uniform(0, PINN_L, n_tr))[:, None]
        x_va = ((np.arange(n_va) + 0.5) * PINN_L / n_va)[:, None]
        return Task(name, "pinn", x_tr.astype(np.float32),
                    _pinn_exact(x_tr[:, 0]).astype(np.float32), x_va.astype(np.float32),
                    _pinn_exact(x_va[:, 0]).astype(np.float32), split=split)
    from sklearn.datasets import make_regression
    n_tr = n_train or 2000
    x, eta = make_regression(n_tr + n_va, n_features=20, n_informative=6, noise=0.0,
                             random_state=112000 + seed)
    risk = 3.0 * eta / eta.std() + 1.5 * x[:, 1] * x[:, 2]
    r2 = np.random.default_rng(112500 + seed)
    t_ev = r2.exponential(1.0 / (0.1 * np.exp(risk)))
    t_c = r2.exponential(1.0 / 0.04, len(risk))
    y = np.stack([np.minimum(t_ev, t_c), (t_ev <= t_c).astype(float)], 1)
    x_va, y_va, x_tr, y_tr = x[:n_va], y[:n_va], x[n_va:], y[n_va:].copy()
    x_tr, x_va = _standardise(x_tr, x_va)
    if label_noise > 0:
        bad = rng.random(len(y_tr)) < label_noise
        y_tr[bad, 1] = 1 - y_tr[bad, 1]
    return Task(name, "cox", x_tr.astype(np.float32), y_tr.astype(np.float32),
                x_va.astype(np.float32), y_va.astype(np.float32), split=split)


def _flow_net(n_layers, hidden):
    """Twenty-third batch (flow_moons): a RealNVP on 2-D points: a learnt per-dimension affine
    map (log-scale and shift; alone, a diagonal Gaussian fit), then n_layers affine couplings
    with alternating masks, each s, t = MLP(the other coordinate) (2 hidden layers, tanh-bounded
    log-scale). Returns log p(x) per row (n x 1) under a standard normal base."""
    torch = _torch()
    nn = torch.nn

    class Coupling(nn.Module):
        def __init__(self, i):
            super().__init__()
            self.i = i
            self.net = nn.Sequential(nn.Linear(1, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                     nn.ReLU(), nn.Linear(hidden, 2))
            self.scale = nn.Parameter(torch.zeros(1))

        def forward(self, x):
            a, b = x[:, self.i:self.i + 1], x[:, 1 - self.i:2 - self.i]
            s, t = self.net(a).chunk(2, -1)
            s = self.scale * torch.tanh(s)
            b = (b + t) * torch.exp(s)
            z = torch.cat([a, b], 1) if self.i == 0 else torch.cat([b, a], 1)
            return z, s.sum(-1)

    class RealNVP(nn.Module):
        def __init__(self):
            super().__init__()
            self.log_s = nn.Parameter(torch.zeros(2))
            self.shift = nn.Parameter(torch.zeros(2))
            self.layers = nn.ModuleList(Coupling(k % 2) for k in range(n_layers))

        def forward(self, x):
            z = (x + self.shift) * torch.exp(self.log_s)
            logdet = self.log_s.sum().expand(len(x))
            for layer in self.layers:
                z, ld = layer(z)
                logdet = logdet + ld
            base = -0.5 * (z ** 2).sum(-1) - float(np.log(2 * np.pi))
            return (base + logdet)[:, None]

    return RealNVP()


def _pinn_net(hidden, depth):
    """Twenty-third batch (pinn_ode): a tanh MLP u(x) (1 -> hidden x depth -> 1) and its
    physics residual r(x) = u'(x) + u(x) - A cos(W x), u' by a central difference (step 1e-3,
    so that every writer's no-grad evaluation computes it); returns (u, r, u(0)) per row."""
    torch = _torch()
    nn = torch.nn

    class PINN(nn.Module):
        def __init__(self):
            super().__init__()
            layers, d = [], 1
            for _ in range(depth):
                layers += [nn.Linear(d, hidden), nn.Tanh()]
                d = hidden
            layers.append(nn.Linear(d, 1))
            self.u = nn.Sequential(*layers)

        def forward(self, x):
            x = x.reshape(-1, 1)
            u = self.u(x)
            du = (self.u(x + PINN_H) - self.u(x - PINN_H)) / (2 * PINN_H)
            r = du + u - PINN_A * torch.cos(PINN_W * x)
            u0 = self.u(torch.zeros_like(x[:1])).expand(len(x), 1)
            return torch.cat([u, r, u0], 1)

    return PINN()


FLOW_SIZES = {"gauss": (0, 0), "tiny": (1, 8), "small": (6, 32), "medium": (8, 64),
              "wide": (10, 256)}
PINN_SIZES = {"tiny": (2, 1), "small": (32, 3), "medium": (64, 3), "wide": (256, 3)}
DEV23_ARCHS = ("flow", "pinn", "cox_mlp")


def _dev23_model(task: Task, size: str, arch: str | None):
    """Twenty-third batch: the RealNVP, the PINN, the Cox risk MLP (one log-hazard)."""
    if arch == "flow":
        return _flow_net(*FLOW_SIZES[size])
    if arch == "pinn":
        return _pinn_net(*PINN_SIZES[size])
    return _mlp(task.n_features, 1, *MODEL_SIZES[size])


def _c_index(eta, time, event):
    """Harrell's concordance index of a risk score (higher = earlier event) (torch)."""
    torch = _torch()
    ok = (time[:, None] < time[None, :]) & (event[:, None] > 0)
    if not bool(ok.any()):
        return torch.tensor(0.5)
    conc = (eta[:, None] > eta[None, :]).float() + 0.5 * (eta[:, None] == eta[None, :]).float()
    return (conc * ok).sum() / ok.sum()


def dev23_loss(task, out, y):
    """Twenty-third batch: (loss, metric name, metric value, {extra: value}). flow: the mean
    negative log-likelihood of the rows (nats, no zero floor: negative once the density is
    sharper than a unit Gaussian's), the metric the same in bits per dimension (bpd); pinn: the
    physics loss mean(r^2) + (u(0) - 1)^2, the metric the mean absolute error of u against the
    exact solution (mae), its relative L2 error beside it; cox: the negative Breslow partial
    log-likelihood per event over the batch, the metric Harrell's concordance index (c_index)."""
    torch = _torch()
    if task.kind == "flow":
        nll = -out.reshape(-1).mean()
        return nll, "bpd", nll.detach() / (2 * float(np.log(2))), {}
    if task.kind == "pinn":
        u, r, u0 = out[:, 0], out[:, 1], out[:, 2]
        loss = (r ** 2).mean() + (u0[0] - 1.0) ** 2
        yt = y.reshape(-1).float()
        err = (u.detach() - yt)
        return loss, "mae", err.abs().mean(), {
            "rel_l2": (err ** 2).sum().sqrt() / (yt ** 2).sum().sqrt()}
    eta = out.reshape(-1)
    t, e = y[:, 0].float(), y[:, 1].float()
    order = t.argsort(descending=True)
    eta_o, e_o = eta[order], e[order]
    lse = torch.logcumsumexp(eta_o, 0)
    n_ev = e_o.sum()
    loss = -((eta_o - lse) * e_o).sum() / n_ev.clamp(min=1)
    return loss, "c_index", _c_index(eta.detach(), t, e), {}


def dev23_chance_loss(task) -> float:
    """Twenty-third batch (corpus_checks.prior_entropy): flow, 1.0 (corpus_checks.nll_view reads
    its NLL as exp(2 (NLL - NLL_0) / 2), NLL_0 the diagonal Gaussian fit's, so the Gaussian
    scores 1); pinn, the physics loss of u = 0 on the val points (mean (A cos W x)^2 + 1);
    cox, the partial likelihood of a constant risk on the val rows (mean log of the risk set)."""
    torch = _torch()
    if task.kind == "flow":
        return 1.0
    if task.kind == "pinn":
        x = task.x_val[:, 0].astype(float)
        return float(np.mean((PINN_A * np.cos(PINN_W * x)) ** 2) + 1.0)
    yv = torch.as_tensor(task.y_val)
    return float(dev23_loss(task, torch.zeros(len(yv), 1), yv)[0])


def dev23_chance_acc(task) -> float:
    """Twenty-third batch (corpus_checks.chance_acc): 0.5 for the concordance index; none of
    the three metrics is an accuracy (bpd, mae, c_index), so the checks never read it."""
    return 0.5


def dev23_nll_ref(task) -> float:
    """flow_moons: the NLL of the diagonal Gaussian fit on the val rows (corpus_checks.nll_view's
    NLL_0)."""
    v = task.x_val.astype(float).var(0)
    return float(0.5 * np.sum(np.log(2 * np.pi * np.e * v)))


# ----------------------------------------------------------------------------- twenty-fourth batch
DEV24_TASKS = ("sft_pairs", "digits_rot", "tab_transfer")
SFT_K = 6                          # sft_pairs: prompt / answer length (digits 0-9)
SFT_SEP = 10                       # sft_pairs: the separator token (vocabulary 11)
DIGITS_ROT_DEG = 25.0              # digits_rot: the fine-tune's images rotated by this much
TAB_FEATURES, TAB_CLASSES = 20, 4  # tab_transfer: make_classification's shape
PRETRAIN_DIR = None                # set by the generators: <corpus>/_pretrained (checkpoints)


def _sft_pairs(seed, n, source):
    """sft_pairs: prompt -> answer pairs of SFT_K digits, laid out like copy_lm (x = prompt, SEP,
    answer[:-1]; y = the answer, judged on the answer positions only). source (pre-training):
    the answer is the prompt reversed; target (the fine-tune): the prompt reversed, each digit
    plus 1 (mod 10)."""
    rng = np.random.default_rng(121000 + seed + (500 if source else 0))
    a = rng.integers(0, 10, (n, SFT_K))
    b = a[:, ::-1] if source else (a[:, ::-1] + 1) % 10
    x = np.concatenate([a, np.full((n, 1), SFT_SEP), b[:, :-1]], 1).astype(np.int64)
    return x, b.astype(np.int64)


def _dev24_task(name, seed, n_train, label_noise, n_val=None, source=False):
    """Twenty-fourth batch: fine-tune targets whose body is pre-trained (unlogged) on related
    data (pretrain_source: source=True). sft_pairs (kind "lm", seq_len 12, vocabulary 11): a
    reversal grammar for pre-training, SFT on reverse-and-add-one pairs (4000 / 300);
    digits_rot (kind "classification", 64 pixels): sklearn's load_digits, pre-trained on one
    half (clean, upright), fine-tuned on the other half rotated by 25 degrees and relabelled
    (y + 3 mod 10), with pixel noise sd 0.3 (~600 / 300); tab_transfer (kind
    "classification", 20 features, 4 classes): make_classification (8 informative),
    pre-trained on 3700 of the first 4000 rows, fine-tuned on 1500 rows of the same classes
    under a covariate shift (each feature mixed with the others by 0.35 x N(0, 1) / 4
    weights, rescaled 0.7-1.4x, offset by N(0, 0.4)) and a 300-row val set. label_noise
    flips that share of the fine-tune's train labels (answer digits for sft_pairs)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 121500)
    n_va = n_val or VAL_SIZE
    if name == "sft_pairs":
        n_tr = n_train or 4000
        x, y = _sft_pairs(seed, n_tr + n_va, source)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:].copy(), x[:n_va], y[:n_va]
        if label_noise > 0:
            bad = rng.random(y_tr.shape) < label_noise
            y_tr[bad] = (y_tr[bad] + rng.integers(1, 10, bad.sum())) % 10
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=SFT_SEP + 1,
                    vocab_size=SFT_SEP + 1, seq_len=2 * SFT_K, split=split)
    if name == "digits_rot":
        from sklearn.datasets import load_digits
        d = load_digits()
        order = np.random.default_rng(122000 + seed).permutation(len(d.target))
        half = len(order) // 2
        idx = order[:half] if source else order[half:]
        img, y = d.images[idx] / 8.0 - 1.0, d.target[idx].astype(np.int64)
        if not source:
            from scipy.ndimage import rotate
            img = rotate(img, DIGITS_ROT_DEG, axes=(1, 2), reshape=False, order=1, cval=-1.0)
            img = img + np.random.default_rng(122500 + seed).normal(0, 0.3, img.shape)
            y = (y + 3) % 10
        x = img.reshape(len(img), 64).astype(np.float32)
        n_v = 150 if source else n_va
        x_tr, y_tr, x_va, y_va = _split(x, y, rng, n_v)
        if n_train is not None and n_train < len(x_tr):
            x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
        y_tr = _flip(y_tr.astype(np.int64), 10, label_noise, rng)
        return Task(name, "classification", x_tr.astype(np.float32), y_tr,
                    x_va.astype(np.float32), y_va.astype(np.int64), n_classes=10, split=split)
    from sklearn.datasets import make_classification
    x, y = make_classification(4000 + 1500 + n_va, n_features=TAB_FEATURES, n_informative=8,
                               n_redundant=4, n_classes=TAB_CLASSES, n_clusters_per_class=2,
                               class_sep=1.2, flip_y=0.02, random_state=123000 + seed)
    x = (x - x[:4000].mean(0)) / x[:4000].std(0)
    if source:
        x_tr, y_tr, x_va, y_va = x[:3700], y[:3700], x[3700:4000], y[3700:4000]
    else:
        r2 = np.random.default_rng(123500 + seed)
        mix = np.eye(TAB_FEATURES) + 0.35 * r2.normal(0, 1, (TAB_FEATURES, TAB_FEATURES)) / 4
        x = x @ mix * r2.uniform(0.7, 1.4, TAB_FEATURES) + r2.normal(0, 0.4, TAB_FEATURES)
        x_va, y_va = x[4000:4000 + n_va], y[4000:4000 + n_va]
        x_tr, y_tr = x[4000 + n_va:], y[4000 + n_va:]
        if n_train is not None and n_train < len(x_tr):
            x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
        y_tr = _flip(y_tr.astype(np.int64), TAB_CLASSES, label_noise, rng)
    return Task(name, "classification", x_tr.astype(np.float32), y_tr.astype(np.int64),
                x_va.astype(np.float32), y_va.astype(np.int64), n_classes=TAB_CLASSES,
                split=split)


# arch -> the body it fine-tunes ("cnn" / MLP / the causal transformer) and, for the "lora"
# archs, the adapters' rank (tasks.pretrained_model wraps every hidden Linear after loading)
DEV24_ARCHS = ("ft_mlp", "ft_mlp_lora2", "ft_mlp_lora8", "ft_cnn", "ft_tf")
DEV24_BODY = {"ft_mlp_lora2": "ft_mlp", "ft_mlp_lora8": "ft_mlp"}
DEV24_LORA = {"ft_mlp_lora2": 2, "ft_mlp_lora8": 8}


def _dev24_model(task: Task, size: str, arch: str):
    """Twenty-fourth batch: the bodies (the same modules, the same RNG use for a body and its
    LoRA variant): ft_mlp an MLP (MODEL_SIZES), ft_cnn the 2-conv CNN on 8x8 images, ft_tf the
    1-2 layer causal transformer of the lm tasks, answer positions only (copy_lm's wrapper)."""
    body = DEV24_BODY.get(arch, arch)
    if body == "ft_cnn":
        return _cnn(task.n_classes, {"tiny": 2, "small": 8, "medium": 16, "wide": 32}[size],
                    side=8)
    if body == "ft_tf":
        width = {"tiny": 8, "small": 32, "medium": 64, "wide": 128}[size]
        net = _transformer(task.vocab_size, task.vocab_size, width,
                           2 if size in ("medium", "wide") else 1, task.seq_len, True)
        return _last_k(net, task.y_train.shape[1])
    hidden, depth = MODEL_SIZES[size]
    return _mlp(task.n_features, task.n_classes, hidden, depth)


def _dev24_lora(model, rank, seed):
    """Twenty-fourth batch: LoRA-like adapters. Every weight is frozen; each Linear but the
    last (the head, which trains) gets W x + (alpha / r) B A x with A (r x in) small random and
    B (out x r) zero, so the adapted net starts as the pre-trained one. Convolutions and the
    only the MLP bodies (tab_transfer) get them."""
    torch = _torch()
    nn = torch.nn
    torch.manual_seed(seed + 11)
    for p in model.parameters():
        p.requires_grad_(False)
    lins = [m for m in model.modules() if isinstance(m, nn.Linear)]
    head = lins[-1]
    for p in head.parameters():
        p.requires_grad_(True)

    class Adapter(nn.Module):
        def __init__(self, lin):
            super().__init__()
            self.a = nn.Parameter(torch.randn(rank, lin.in_features) / lin.in_features ** 0.5)
            self.b = nn.Parameter(torch.zeros(lin.out_features, rank))

        def forward(self, mod, inp, out):
            return out + 2.0 * (inp[0] @ self.a.T) @ self.b.T

    class LoRA(nn.Module):
        def __init__(self):
            super().__init__()
            self.base = model
            self.adapters = nn.ModuleList(Adapter(lin) for lin in lins[:-1])
            for lin, ad in zip(lins[:-1], self.adapters):
                lin.register_forward_hook(ad.forward)

        def forward(self, x):
            return self.base(x)

    return LoRA()


def _dev24_ckpt_path(key):
    from pathlib import Path
    if PRETRAIN_DIR is None:
        return None
    name, size, arch, seed, steps = key
    return Path(PRETRAIN_DIR) / f"{name}-{size}-{arch}-s{seed}-{steps}.pt"


def dev24_checkpoint(key):
    """Twenty-fourth batch: a cached pre-trained state dict under PRETRAIN_DIR, or None."""
    p = _dev24_ckpt_path(key)
    if p is None or not p.exists():
        return None
    return _torch().load(p, weights_only=True)


def dev24_save_checkpoint(key, state):
    """Twenty-fourth batch: write the pre-trained body once (deterministic given the key)."""
    p = _dev24_ckpt_path(key)
    if p is not None:
        p.parent.mkdir(parents=True, exist_ok=True)
        _torch().save(state, p)


# ----------------------------------------------------------------------------- twenty-fifth batch
DEV25_TASKS = ("topic_bag", "keypoint_img", "collinear_reg")
TOPIC_VOCAB, TOPIC_K = 240, 6      # topic_bag: vocabulary, topics
KEYPOINT_SIDE = 12                 # keypoint_img: image side (144 pixels)


def _topic_bag(seed, n):
    """topic_bag: n generated sentences of 6-18 words from TOPIC_K topics. The vocabulary is
    60 function words (Zipf, shared by all topics) and 180 content words; each topic draws
    its content words from 40 of its own plus 20 it shares with the next topic (a ring of
    overlaps), and half of each sentence's words are function words. x: log1p of the counts
    over the vocabulary; y: the topic."""
    rng = np.random.default_rng(125000 + seed)
    func = 1.0 / np.arange(1, 61) ** 1.1
    func /= func.sum()
    words = []
    for k in range(TOPIC_K):
        own = 60 + 30 * k + np.arange(30)
        shared = 60 + 30 * ((k + 1) % TOPIC_K) + np.arange(30)
        words.append(np.concatenate([own, shared]))
    y = rng.integers(0, TOPIC_K, n)
    x = np.zeros((n, TOPIC_VOCAB), np.float32)
    for i in range(n):
        length = rng.integers(4, 13)
        n_func = rng.binomial(length, 0.65)
        for w in rng.choice(60, n_func, p=func):
            x[i, w] += 1
        pool = words[y[i]]
        pw = 1.0 / np.arange(1, len(pool) + 1) ** 0.7
        for w in rng.choice(pool, length - n_func, p=pw / pw.sum()):
            x[i, w] += 1
        if rng.random() < 0.1:          # off-topic filler: a few random content words
            x[i, rng.integers(60, TOPIC_VOCAB, 2)] += 1
    return np.log1p(x), y.astype(np.int64)


def _keypoint_img(seed, n):
    """keypoint_img: n KEYPOINT_SIDE^2 grey images with one bright Gaussian blob (sd 1.1,
    amplitude 0.8-1.4) at a continuous (row, col) in [1.5, 10.5], a dimmer distractor blob
    (amplitude 0.3-0.6, sd 2) elsewhere, a random gradient background and N(0, 0.2^2) noise;
    y: the blob's (row, col) scaled to (p - 6) / 3 (2 regression targets)."""
    rng = np.random.default_rng(126000 + seed)
    g = np.arange(KEYPOINT_SIDE, dtype=np.float64)
    rr, cc = np.meshgrid(g, g, indexing="ij")
    pos = rng.uniform(1.5, KEYPOINT_SIDE - 1.5, (n, 2))
    dis = rng.uniform(0, KEYPOINT_SIDE - 1, (n, 2))
    amp = rng.uniform(0.8, 1.4, n)
    damp = rng.uniform(0.3, 0.6, n)
    grad = rng.normal(0, 0.04, (n, 2))
    img = (amp[:, None, None] * np.exp(-((rr - pos[:, 0, None, None]) ** 2
                                         + (cc - pos[:, 1, None, None]) ** 2) / (2 * 1.1 ** 2))
           + damp[:, None, None] * np.exp(-((rr - dis[:, 0, None, None]) ** 2
                                            + (cc - dis[:, 1, None, None]) ** 2) / (2 * 2.0 ** 2))
           + grad[:, 0, None, None] * (rr - 5.5) + grad[:, 1, None, None] * (cc - 5.5)
           + rng.normal(0, 0.2, (n, KEYPOINT_SIDE, KEYPOINT_SIDE)))
    x = img.reshape(n, -1).astype(np.float32)
    return x, ((pos - 6.0) / 3.0).astype(np.float32)


def _dev25_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-fifth batch: topic_bag (kind "classification", 240 features, 6 topics; 2000 / 300
    by default), keypoint_img (kind "regression", 144 pixels, 2 targets; 2000 / 300),
    collinear_reg (kind "regression", 1 target: make_regression with 40 features of effective
    rank 6, 10 informative, plus a tanh and a product term, noise so that the floor is
    ~0.15 of the target's variance; 1500 / 300). n_val keeps a smaller val set (the noisy-val
    runs); label_noise flips topic_bag's train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 127000)
    n_va = n_val or VAL_SIZE
    if name == "topic_bag":
        n_tr = n_train or 2000
        x, y = _topic_bag(seed, n_tr + n_va)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:], x[:n_va], y[:n_va]
        y_tr = _flip(y_tr, TOPIC_K, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr, x_va, y_va, n_classes=TOPIC_K,
                    split=split)
    if name == "keypoint_img":
        n_tr = n_train or 2000
        x, y = _keypoint_img(seed, n_tr + n_va)
        return Task(name, "regression", x[n_va:], y[n_va:], x[:n_va], y[:n_va], split=split,
                    n_targets=2)
    from sklearn.datasets import make_regression
    n_tr = n_train or 1500
    x, y = make_regression(n_tr + n_va, n_features=40, n_informative=10, effective_rank=6,
                           tail_strength=0.4, noise=0.0, random_state=128000 + seed)
    x = (x - x[n_va:].mean(0)) / x[n_va:].std(0)
    y = (y - y[n_va:].mean()) / y[n_va:].std()
    y = y + 0.6 * np.tanh(1.5 * x[:, 0]) + 0.4 * x[:, 1] * x[:, 2]
    y = y + np.random.default_rng(128500 + seed).normal(0, 0.45, len(y))
    y = (y - y[n_va:].mean()) / y[n_va:].std()
    return Task(name, "regression", x[n_va:].astype(np.float32), y[n_va:].astype(np.float32),
                x[:n_va].astype(np.float32), y[:n_va].astype(np.float32), split=split)


# ----------------------------------------------------------------------------- twenty-sixth batch
DEV26_TASKS = ("tab12", "word_class", "seq_peak")
WORD_CLASS_K, WORD_CLASS_LEN = 5, 10   # word_class: classes, letters kept (padded)
SEQ_PEAK_LEN = 16                      # seq_peak: sequence length


def _word_class(seed, n):
    """word_class: n generated words of 4-10 letters from WORD_CLASS_K made-up "languages",
    each a first-order Markov chain over 26 letters mixing a shared transition matrix (30%)
    with its own (70%), plus a class-typical ending of 1-2 letters on 75% of its words. x: the
    one-hot letters of the first WORD_CLASS_LEN positions (26 per position, 0 for padding),
    flattened (260 features); y: the class."""
    rng = np.random.default_rng(129000 + seed)
    base = np.random.default_rng(129500)          # the languages are the same for every seed
    shared = base.dirichlet(np.full(26, 0.3), 26)
    own = [base.dirichlet(np.full(26, 0.15), 26) for _ in range(WORD_CLASS_K)]
    ends = [base.integers(0, 26, 2) for _ in range(WORD_CLASS_K)]
    y = rng.integers(0, WORD_CLASS_K, n)
    x = np.zeros((n, WORD_CLASS_LEN, 26), np.float32)
    for i in range(n):
        t = 0.3 * shared + 0.7 * own[y[i]]
        length = rng.integers(4, 11)
        c = rng.integers(0, 26)
        word = [c]
        for _ in range(length - 1):
            c = rng.choice(26, p=t[c])
            word.append(c)
        if rng.random() < 0.75:
            k = rng.integers(1, 3)
            word[-k:] = list(ends[y[i]][:k])
        for j, c in enumerate(word[:WORD_CLASS_LEN]):
            x[i, j, c] = 1.0
    return x.reshape(n, -1), y.astype(np.int64)


def _seq_peak(seed, n):
    """seq_peak: n short sequences of SEQ_PEAK_LEN values (a random walk with a bump of random
    height, width and position, plus N(0, 0.3^2) noise); y: the bump's height times a sigmoid
    of its position plus 0.3 x the walk's last value, plus N(0, 0.25^2) (a short-sequence
    regression with a noise floor)."""
    rng = np.random.default_rng(130000 + seed)
    t = np.arange(SEQ_PEAK_LEN, dtype=np.float64)
    walk = np.cumsum(rng.normal(0, 0.3, (n, SEQ_PEAK_LEN)), axis=1)
    h = rng.uniform(0.5, 3.0, n)
    pos = rng.uniform(2, SEQ_PEAK_LEN - 2, n)
    w = rng.uniform(0.8, 2.5, n)
    x = walk + h[:, None] * np.exp(-(t - pos[:, None]) ** 2 / (2 * w[:, None] ** 2))
    x = x + rng.normal(0, 0.3, x.shape)
    y = h / (1 + np.exp(-(pos - SEQ_PEAK_LEN / 2) / 2)) + 0.3 * walk[:, -1]
    y = y + rng.normal(0, 0.25, n)
    return x.astype(np.float32), y


def _dev26_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-sixth batch (everyday short trainings): tab12 (kind "classification": 12 classes
    of make_classification, 20 features, 10 informative, one cluster per class, class_sep 1.3,
    3% of labels flipped by sklearn (val included); 1500 / 300), word_class (kind
    "classification": 5 word classes, 260 one-hot features; 2000 / 300), seq_peak (kind
    "regression": 16 values -> 1 target, standardised with train statistics; 1500 / 300)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 131000)
    n_va = n_val or VAL_SIZE
    if name == "tab12":
        from sklearn.datasets import make_classification
        n_tr = n_train or 1500
        x, y = make_classification(n_tr + n_va, n_features=20, n_informative=10,
                                   n_redundant=4, n_classes=12, n_clusters_per_class=1,
                                   class_sep=1.3, flip_y=0.03, random_state=131500 + seed)
        x = ((x - x[n_va:].mean(0)) / x[n_va:].std(0)).astype(np.float32)
        y_tr = _flip(y[n_va:].astype(np.int64), 12, label_noise, rng)
        return Task(name, "classification", x[n_va:], y_tr, x[:n_va], y[:n_va].astype(np.int64),
                    n_classes=12, split=split)
    if name == "word_class":
        n_tr = n_train or 2000
        x, y = _word_class(seed, n_tr + n_va)
        y_tr = _flip(y[n_va:], WORD_CLASS_K, label_noise, rng)
        return Task(name, "classification", x[n_va:], y_tr, x[:n_va], y[:n_va],
                    n_classes=WORD_CLASS_K, split=split)
    n_tr = n_train or 1500
    x, y = _seq_peak(seed, n_tr + n_va)
    y = (y - y[n_va:].mean()) / y[n_va:].std()
    return Task(name, "regression", x[n_va:], y[n_va:].astype(np.float32), x[:n_va],
                y[:n_va].astype(np.float32), split=split)


def _table_draw(seed, n_train, n_val):
    """(rng, n_tr, n_va, n, rs) of a batch's generated table (batches 52, 56-58, 61, 63): the
    batch's generator seeded with ``seed``, the train and val sizes (``n_val`` or VAL_SIZE),
    their sum, and the table's random_state, the generator's first draw."""
    rng = np.random.default_rng(seed)
    n_va = n_val or VAL_SIZE
    return rng, n_train, n_va, n_train + n_va, int(rng.integers(1 << 30))


def _held_out_classes(name, x, y, n_va, c, label_noise, rng, split):
    """A classification Task from one generated table: its first ``n_va`` rows are val, the
    rest train, standardised with the train statistics, ``label_noise`` of the train labels
    flipped (batches 52 and 56)."""
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr, y_va = y[n_va:].astype(np.int64), y[:n_va].astype(np.int64)
    y_tr = _flip(y_tr, c, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr, x_va, y_va, n_classes=c, split=split)


def _held_out_regression(name, x, y, n_va, noise_sd, rng, split):
    """A regression task from rows whose first ``n_va`` are the val set: inputs and target
    standardised with the train statistics, N(0, ``noise_sd``^2) added to the train targets
    when ``noise_sd`` > 0 (drawn from ``rng``)."""
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    mu, sd = y[n_va:].mean(), y[n_va:].std()
    y_tr, y_va = (y[n_va:] - mu) / sd, (y[:n_va] - mu) / sd
    if noise_sd > 0:
        y_tr = y_tr + rng.normal(0, noise_sd, len(y_tr))
    return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va, y_va.astype(np.float32),
                split=split)


def _flip(y, c, frac, rng):
    """Flip `frac` of the labels to a different random class."""
    if frac <= 0:
        return y
    y = y.copy()
    idx = rng.choice(len(y), int(round(frac * len(y))), replace=False)
    y[idx] = (y[idx] + rng.integers(1, c, len(idx))) % c
    return y


# ----------------------------------------------------------------------------- models

def _torch():
    import torch
    return torch


def _mlp(d_in, d_out, hidden, depth, dropout=0.0):
    """Plain ReLU MLP with `depth` hidden layers of width `hidden` (depth 0 = linear)."""
    nn = _torch().nn
    layers, d = [], d_in
    for _ in range(depth):
        layers += [nn.Linear(d, hidden), nn.ReLU()] + ([nn.Dropout(dropout)] if dropout else [])
        d = hidden
    layers.append(nn.Linear(d, d_out))
    return nn.Sequential(*layers)


def _gru_cls(vocab, n_out, emb, hidden, per_token):
    """A tiny embedding + GRU; per_token=True predicts every position (LM), else the last."""
    torch = _torch()
    nn = torch.nn

    class GRUNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(vocab, emb)
            self.rnn = nn.GRU(emb, hidden, batch_first=True)
            self.out = nn.Linear(hidden, n_out)

        def forward(self, x):
            h, _ = self.rnn(self.emb(x))
            return self.out(h if per_token else h[:, -1])

    return GRUNet()


def _transformer(vocab, n_out, d, layers, seq_len, per_token):
    """A 1-2 layer causal (LM) or mean-pooled (classification) transformer encoder."""
    torch = _torch()
    nn = torch.nn

    class TinyTransformer(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(vocab, d)
            self.pos = nn.Parameter(torch.randn(seq_len, d) * 0.02)
            layer = nn.TransformerEncoderLayer(d, nhead=2, dim_feedforward=2 * d, dropout=0.0,
                                               batch_first=True)
            self.enc = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            self.out = nn.Linear(d, n_out)
            self.register_buffer("mask", torch.triu(torch.full((seq_len, seq_len), float("-inf")), 1))

        def forward(self, x):
            h = self.emb(x) + self.pos[: x.shape[1]]
            L = x.shape[1]
            h = self.enc(h, mask=self.mask[:L, :L] if per_token else None)
            return self.out(h if per_token else h.mean(1))

    return TinyTransformer()


def _lstm_cls(vocab, n_out, emb, hidden, layers, per_token):
    """Twelfth batch: embedding + a 1-2 layer LSTM; the last state (or every position) -> head."""
    torch = _torch()
    nn = torch.nn

    class LSTMNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(vocab, emb)
            self.rnn = nn.LSTM(emb, hidden, num_layers=layers, batch_first=True)
            self.out = nn.Linear(hidden, n_out)

        def forward(self, x):
            h, _ = self.rnn(self.emb(x))
            return self.out(h if per_token else h[:, -1])

    return LSTMNet()


def _tagger(vocab, n_out, d, layers, seq_len):
    """Thirteenth batch: a bidirectional transformer encoder (no causal mask) with a per-token
    head; layers 0 = embeddings + head only (each token alone, no context)."""
    torch = _torch()
    nn = torch.nn

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(vocab, d)
            self.pos = nn.Parameter(torch.randn(seq_len, d) * 0.02)
            self.enc = None
            if layers:
                layer = nn.TransformerEncoderLayer(d, nhead=2, dim_feedforward=2 * d, dropout=0.0,
                                                   batch_first=True)
                self.enc = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
            self.out = nn.Linear(d, n_out)

        def forward(self, x):
            h = self.emb(x) + self.pos[: x.shape[1]]
            if self.enc is not None:
                h = self.enc(h)
            return self.out(h)

    return Tagger()


def _autoencoder(d, hidden, code):
    """Thirteenth batch: an MLP autoencoder d -> hidden -> code -> hidden -> d (hidden 0: a
    linear d -> code -> d)."""
    nn = _torch().nn
    if hidden == 0:
        return nn.Sequential(nn.Linear(d, code), nn.Linear(code, d))
    return nn.Sequential(nn.Linear(d, hidden), nn.ReLU(), nn.Linear(hidden, code), nn.ReLU(),
                         nn.Linear(code, hidden), nn.ReLU(), nn.Linear(hidden, d))


AE_SIZES = {"linear": (0, 8), "tiny": (16, 1), "small": (64, 8), "medium": (128, 16),
            "wide": (512, 64)}   # thirteenth batch: (hidden, code) of arch="ae"


def _resnet(n_out, width, side=IMG_SIDE):
    """Fourteenth batch: a small ResNet on flattened 3 x side x side images: a stride-2 conv stem
    (BatchNorm, ReLU), two residual blocks at width, one at 2 x width with stride 2 (1x1
    projection shortcut), global average pooling, a linear head; width 0: a linear model."""
    torch = _torch()
    nn = torch.nn
    if width == 0:
        return nn.Linear(3 * side * side, n_out)

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.b1 = nn.BatchNorm2d(cout)
            self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.b2 = nn.BatchNorm2d(cout)
            self.short = (nn.Identity() if stride == 1 and cin == cout else
                          nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                        nn.BatchNorm2d(cout)))

        def forward(self, x):
            h = torch.relu(self.b1(self.c1(x)))
            return torch.relu(self.b2(self.c2(h)) + self.short(x))

    class ResNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.stem = nn.Sequential(nn.Conv2d(3, width, 3, 2, 1, bias=False),
                                      nn.BatchNorm2d(width), nn.ReLU())
            self.blocks = nn.Sequential(Block(width, width, 1), Block(width, width, 1),
                                        Block(width, 2 * width, 2))
            self.out = nn.Linear(2 * width, n_out)

        def forward(self, x):
            h = self.blocks(self.stem(x.reshape(-1, 3, side, side)))
            return self.out(h.mean((2, 3)))

    return ResNet()


def _siamese(d, hidden, emb):
    """Fourteenth batch: a siamese encoder on a pair [a, b] (d features each): one MLP
    d -> hidden -> hidden -> emb (hidden 0: a linear d -> emb) embeds both, the head maps their
    cosine similarity to 2 logits (an affine map of the cosine: a learned scale and threshold)."""
    torch = _torch()
    nn = torch.nn

    class Siamese(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = (nn.Linear(d, emb) if hidden == 0 else
                        nn.Sequential(nn.Linear(d, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                      nn.ReLU(), nn.Linear(hidden, emb)))
            self.out = nn.Linear(1, 2)
            with torch.no_grad():       # logit gap 4 x cos at the start (a temperature)
                self.out.weight.copy_(torch.tensor([[-2.0], [2.0]]))
                self.out.bias.zero_()

        def forward(self, x):
            a, b = self.enc(x[:, :d]), self.enc(x[:, d:])
            cos = nn.functional.cosine_similarity(a, b, dim=-1, eps=1e-6)
            return self.out(cos.unsqueeze(-1))

    return Siamese()


RESNET_WIDTHS = {"linear": 0, "tiny": 4, "small": 8, "medium": 16, "wide": 32}
SIAMESE_SIZES = {"linear": (0, 16), "tiny": (8, 2), "small": (32, 16), "medium": (64, 32),
                 "wide": (256, 64)}   # fourteenth batch: (hidden, embedding) of arch="siamese"

def _gcn(n_out, hidden, n=GRAPH_N):
    """Fifteenth batch: a hand-written GCN (Kipf and Welling) on a flattened n x n adjacency A:
    node features [1, degree / 4], three layers H <- relu(D^-1/2 (A + I) D^-1/2 H W), mean and
    max pooling over the nodes, a linear head; hidden 0: a linear model on the flattened A."""
    torch = _torch()
    nn = torch.nn
    if hidden == 0:
        return nn.Linear(n * n, n_out)

    class GCN(nn.Module):
        def __init__(self):
            super().__init__()
            self.ws = nn.ModuleList([nn.Linear(2, hidden), nn.Linear(hidden, hidden),
                                     nn.Linear(hidden, hidden)])
            self.out = nn.Linear(2 * hidden, n_out)

        def forward(self, x):
            a = x.reshape(-1, n, n)
            deg = a.sum(-1)
            a_hat = a + torch.eye(n)
            d = a_hat.sum(-1).rsqrt()
            a_norm = d[:, :, None] * a_hat * d[:, None, :]
            h = torch.stack([torch.ones_like(deg), deg / 4], -1)
            for w in self.ws:
                h = torch.relu(a_norm @ w(h))
            return self.out(torch.cat([h.mean(1), h.amax(1)], -1))

    return GCN()


def _mlm_encoder(vocab, d, layers, seq_len):
    """Fifteenth batch: a bidirectional transformer encoder predicting every position's token
    (the loss reads the masked ones only); layers 0: token embeddings + the head, no context.
    The thirteenth batch's tagger with a head over the vocabulary (the same modules in the same
    order, so the same weights from the same seed)."""
    return _tagger(vocab, vocab, d, layers, seq_len)


def _dev15_model(task: Task, size: str, arch: str | None, dropout: float):
    """Fifteenth batch: the GCN (graph_cls), the masked-token encoder (mask_lm), or an MLP with
    2 outputs, a mean and a raw variance (hetero_nll)."""
    if arch == "gcn":
        return _gcn(task.n_classes, GCN_WIDTHS[size])
    if arch == "mlm":
        return _mlm_encoder(task.vocab_size, *MLM_SIZES[size], task.seq_len)
    hidden, depth = MODEL_SIZES[size]
    return _mlp(task.n_features, 2, hidden, depth, dropout)


def _ctr_net(n_ids, n_fields, emb, hidden, depth):
    """Sixteenth batch (ctr_embed): an embedding per category (one table, field offsets), the
    field embeddings concatenated, then an MLP (depth 0: a logistic regression on the
    embeddings, no interactions) to 2 logits."""
    nn = _torch().nn

    class CTRNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(n_ids, emb)
            self.head = _mlp(n_fields * emb, 2, hidden, depth)

        def forward(self, x):
            return self.head(self.emb(x).flatten(1))

    return CTRNet()


def _unet(width, side=SEG_SIDE):
    """Sixteenth batch (seg_shapes): a tiny U-Net: two 3x3 convs at `width`, 2x2 max-pool, two at
    2 x width, upsample, concatenate the skip, two convs at `width`, a 1x1 conv to one logit per
    pixel (output flattened like the mask). width 0: a 1x1 conv (a per-pixel threshold)."""
    nn = _torch().nn
    torch = _torch()

    def block(a, b):
        return nn.Sequential(nn.Conv2d(a, b, 3, padding=1), nn.ReLU(),
                             nn.Conv2d(b, b, 3, padding=1), nn.ReLU())

    class UNet(nn.Module):
        def __init__(self):
            super().__init__()
            w = width
            if w:
                self.down, self.mid = block(1, w), block(w, 2 * w)
                self.up = nn.Upsample(scale_factor=2)
                self.dec, self.out = block(3 * w, w), nn.Conv2d(w, 1, 1)
            else:
                self.out = nn.Conv2d(1, 1, 1)

        def forward(self, x):
            h = x.reshape(-1, 1, side, side)
            if width:
                d = self.down(h)
                h = self.dec(torch.cat([d, self.up(self.mid(nn.functional.max_pool2d(d, 2)))], 1))
            return self.out(h).flatten(1)

    return UNet()


def _conv1d_mc(n_ch, length, n_out, width):
    """Sixteenth batch (activity): a 1-D CNN over a multi-channel series (flattened
    channel-first): conv 7 -> pool 2 -> conv 5 -> pool 2 -> conv 3, global average pooling."""
    nn = _torch().nn

    class MC(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv1d(n_ch, width, 7, padding=3), nn.ReLU(), nn.MaxPool1d(2),
                nn.Conv1d(width, 2 * width, 5, padding=2), nn.ReLU(), nn.MaxPool1d(2),
                nn.Conv1d(2 * width, 2 * width, 3, padding=1), nn.ReLU(),
                nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(2 * width, n_out))

        def forward(self, x):
            return self.body(x.reshape(-1, n_ch, length))

    return MC()


def _gru_mc(n_ch, length, n_out, hidden):
    """Sixteenth batch (activity): a GRU reading the 3 channels one time step at a time."""
    nn = _torch().nn

    class GRUMC(nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = nn.GRU(n_ch, hidden, batch_first=True)
            self.head = nn.Linear(hidden, n_out)

        def forward(self, x):
            h, _ = self.gru(x.reshape(-1, n_ch, length).transpose(1, 2))
            return self.head(h[:, -1])

    return GRUMC()


CTR_SIZES = {"linear": (4, 0, 0), "tiny": (2, 4, 1), "small": (8, 32, 2), "medium": (16, 64, 2),
             "wide": (64, 256, 2)}      # sixteenth batch: (embedding dim, hidden, depth)
UNET_WIDTHS = {"linear": 0, "tiny": 2, "small": 8, "medium": 16, "wide": 32}
DEV16_ARCHS = ("embed", "unet", "conv1d_mc", "gru_mc")


def _dev16_model(task: Task, size: str, arch: str):
    """Sixteenth batch: the CTR embedding model, the tiny U-Net, the multi-channel 1-D CNN or
    GRU."""
    if arch == "embed":
        return _ctr_net(task.vocab_size, task.seq_len, *CTR_SIZES[size])
    if arch == "unet":
        return _unet(UNET_WIDTHS[size])
    width = {"tiny": 4, "small": 16, "medium": 32, "wide": 64}[size]
    if arch == "gru_mc":
        return _gru_mc(3, ACT_LEN, task.n_classes, width)
    return _conv1d_mc(3, ACT_LEN, task.n_classes, width)


GCN_WIDTHS = {"linear": 0, "tiny": 4, "small": 32, "medium": 64, "wide": 128}
MLM_SIZES = {"linear": (16, 0), "tiny": (8, 1), "small": (32, 2), "medium": (64, 2),
             "wide": (128, 3)}   # fifteenth batch: (width, layers) of arch="mlm"


def _cnn(n_out, width, side=SHAPE_SIZE):
    """A small CNN on flattened side x side grey images: 2 conv layers, max-pool, linear head."""
    nn = _torch().nn

    class SmallCNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv2d(1, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(width, 2 * width, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1),
                nn.Flatten(), nn.Linear(2 * width, n_out))

        def forward(self, x):
            return self.body(x.reshape(-1, 1, side, side))

    return SmallCNN()


def _bag(vocab, n_out, emb, hidden):
    """Mean of token embeddings (nn.EmbeddingBag) then an MLP with one hidden layer (or linear)."""
    nn = _torch().nn

    class BagNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.EmbeddingBag(vocab, emb, mode="mean")
            self.head = _mlp(emb, n_out, hidden, 1 if hidden else 0)

        def forward(self, x):
            return self.head(self.emb(x))

    return BagNet()


def _gru_reg(seq_len, hidden, n_out=1):
    """A GRU reading a window of floats one value per step; a linear head on the last state
    (n_out 1: a regression; the class logits for wave_cls)."""
    nn = _torch().nn

    class GRUReg(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.GRU(1, hidden, batch_first=True)
            self.out = nn.Linear(hidden, n_out)

        def forward(self, x):
            h, _ = self.rnn(x.reshape(-1, seq_len, 1))
            return self.out(h[:, -1])

    return GRUReg()


def _cnn1d(seq_len, n_out, width):
    """A small 1-D CNN on a window of floats (wave_cls): 2 conv layers, global max-pool, linear."""
    nn = _torch().nn

    class CNN1D(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv1d(1, width, 7, padding=3), nn.ReLU(), nn.MaxPool1d(2),
                nn.Conv1d(width, 2 * width, 5, padding=2), nn.ReLU(), nn.AdaptiveMaxPool1d(1),
                nn.Flatten(), nn.Linear(2 * width, n_out))

        def forward(self, x):
            return self.body(x.reshape(-1, 1, seq_len))

    return CNN1D()


MODEL_SIZES = {
    # tabular: (hidden, depth)
    "linear": (0, 0), "tiny": (2, 1), "small": (32, 2), "medium": (64, 2), "wide": (512, 2), "deep": (256, 4),
}


def make_model(task: Task, size: str = "small", arch: str | None = None, dropout: float = 0.0, seed: int = 0):
    """A torch model for `task`.

    Tabular: sizes linear | tiny | small | medium | wide | deep (MLPs).
    lm / sequence: arch "gru" (default) or "transformer"; size tiny | small | medium | wide.
    Output: logits [B, C] (classification, sequence), [B, L, V] (lm), [B] squeezed for regression
    is left to the caller (regression returns [B, 1]).
    """
    torch = _torch()
    torch.manual_seed(seed)
    if arch == "tagger":            # thirteenth batch: tok_tag
        d, n_layers = {"linear": (16, 0), "tiny": (8, 1), "small": (32, 1), "medium": (64, 2),
                       "wide": (128, 2)}[size]
        return _tagger(task.vocab_size, task.n_classes, d, n_layers, task.seq_len)
    if arch == "ae":                # thirteenth batch: denoise
        return _autoencoder(task.n_features, *AE_SIZES[size])
    if arch == "resnet":            # fourteenth batch: obj_rgb
        return _resnet(task.n_classes, RESNET_WIDTHS[size])
    if arch == "siamese":           # fourteenth batch: pair_sim
        return _siamese(task.n_features // 2, *SIAMESE_SIZES[size])
    if (arch in DEV16_ARCHS + DEV17_ARCHS + DEV18_ARCHS + DEV19_ARCHS + DEV20_ARCHS
            + DEV21_ARCHS + DEV22_ARCHS + DEV23_ARCHS + DEV24_ARCHS or task.kind == "poisson"):
        return _dev16_18_model(task, size, arch, dropout)   # sixteenth to twenty-fourth batch
    if arch in ("gcn", "mlm") or task.kind == "hetero":    # fifteenth batch
        return _dev15_model(task, size, arch, dropout)
    if arch == "cnn":               # square images, flattened: 12x12 shapes, 8x8 digits_cnn
        width = {"tiny": 2, "small": 8, "medium": 16, "wide": 32}[size]
        return _cnn(task.n_classes, width, side=int(round(task.n_features ** 0.5)))
    if arch == "rnn":                  # a GRU over a window of floats (ar_forecast, wave_cls)
        return _gru_reg(task.n_features, {"tiny": 8, "small": 32, "medium": 64, "wide": 128}[size],
                        task.n_classes if task.kind == "classification" else 1)
    if arch == "conv1d":               # a 1-D CNN over a window of floats (wave_cls)
        return _cnn1d(task.n_features, task.n_classes or 1,
                      {"tiny": 2, "small": 8, "medium": 16, "wide": 32}[size])
    if arch == "bag":
        emb, hidden = {"linear": (8, 0), "tiny": (4, 2), "small": (16, 32), "medium": (32, 64),
                       "wide": (64, 256)}[size]
        return _bag(task.vocab_size, task.n_classes, emb, hidden)
    if task.kind in ("classification", "regression", "multilabel"):
        hidden, depth = MODEL_SIZES[size]
        d_out = task.n_classes if task.kind != "regression" else task.n_targets
        return _mlp(task.n_features, d_out, hidden, depth, dropout)
    per_token = task.kind == "lm"
    n_out = task.vocab_size if per_token else task.n_classes
    width = {"linear": 4, "tiny": 8, "small": 32, "medium": 64, "wide": 128, "deep": 64}[size]
    if arch == "lstm":                 # twelfth batch: an LSTM (seq_major)
        net = _lstm_cls(task.vocab_size, n_out, max(8, width // 2), width,
                        2 if size in ("medium", "wide", "deep") else 1, per_token)
    elif (arch or "gru") == "transformer":
        net = _transformer(task.vocab_size, n_out, width, 2 if size in ("medium", "wide", "deep") else 1,
                           task.seq_len, per_token)
    else:
        net = _gru_cls(task.vocab_size, n_out, max(8, width // 2), width, per_token)
    if per_token and task.y_train.shape[1] < task.seq_len:     # copy_lm: the target positions only
        return _last_k(net, task.y_train.shape[1])
    return net


def _last_k(net, k):
    """Wrap a per-token model so that it returns the logits of the last k positions only."""
    nn = _torch().nn

    class LastK(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = net

        def forward(self, x):
            return self.net(x)[:, -k:]

    return LastK()


# load_task's dispatch for the twelfth to eighteenth batches' tasks
DEV12_13 = {**dict.fromkeys(("gratings", "seq_major", "multireg"), _dev12_task),
            **dict.fromkeys(("tok_tag", "denoise", "events"), _dev13_task),
            **dict.fromkeys(("obj_rgb", "season_ts", "pair_sim"), _dev14_task),
            **dict.fromkeys(("hetero_nll", "graph_cls", "mask_lm"), _dev15_task),
            **dict.fromkeys(("ctr_embed", "seg_shapes", "activity"), _dev16_task),
            **dict.fromkeys(DEV17_TASKS, _dev17_task),
            **dict.fromkeys(DEV18_TASKS, _dev18_task),
            **dict.fromkeys(DEV19_TASKS, _dev19_task),
            **dict.fromkeys(DEV20_TASKS, _dev20_task),
            **dict.fromkeys(DEV21_TASKS, _dev21_task),
            **dict.fromkeys(DEV22_TASKS, _dev22_task),
            **dict.fromkeys(DEV23_TASKS, _dev23_task),
            **dict.fromkeys(DEV24_TASKS, _dev24_task),
            **dict.fromkeys(DEV25_TASKS, _dev25_task),
            **dict.fromkeys(DEV26_TASKS, _dev26_task)}


# ----------------------------------------------------------------------------- twenty-seventh batch
# image-like and imbalanced classification, the commonest thing people train: small CNNs on
# 12x12 grey images (tasks._cnn, arch "cnn"): sklearn digits upsampled and jittered, generated
# textures with label noise, a rare-defect detector at an 88% majority class
B27_TASKS = ("digits_up", "texture_img", "defect_img")
B27_SIDE = 12


def _b27_digits_up(seed):
    """digits_up: sklearn load_digits (1797 8x8 images) upsampled to 12x12 (bilinear), each
    shifted by -1..1 pixels on both axes and given N(0, 0.1^2) pixel noise; pixels / 16."""
    from scipy.ndimage import zoom
    from sklearn.datasets import load_digits
    d = load_digits()
    rng = np.random.default_rng(270000 + seed)
    img = zoom(d.images / 16.0, (1, 1.5, 1.5), order=1)
    out = np.empty_like(img)
    for i in range(len(img)):
        out[i] = np.roll(img[i], (rng.integers(-1, 2), rng.integers(-1, 2)), axis=(0, 1))
    out = out + rng.normal(0, 0.1, out.shape)
    order = rng.permutation(len(out))
    return out[order].reshape(len(out), -1).astype(np.float32), d.target[order].astype(np.int64)


def _b27_texture(seed, n):
    """texture_img: n 12x12 textures of 4 classes (horizontal stripes, vertical stripes, a
    checkerboard, sparse bright dots), period 2-5 pixels, random phase, contrast 0.25-0.8,
    N(0, 0.6^2) noise; 15% of labels flipped (train and val): val accuracy tops out ~0.85."""
    rng = np.random.default_rng(271000 + seed)
    r, c = np.mgrid[0:B27_SIDE, 0:B27_SIDE]
    y = rng.integers(0, 4, n)
    x = np.empty((n, B27_SIDE, B27_SIDE))
    for i in range(n):
        p, ph, a = rng.integers(2, 6), rng.uniform(0, 2 * np.pi), rng.uniform(0.25, 0.8)
        if y[i] == 0:
            z = np.sin(2 * np.pi * r / p + ph)
        elif y[i] == 1:
            z = np.sin(2 * np.pi * c / p + ph)
        elif y[i] == 2:
            z = np.sign(np.sin(2 * np.pi * r / p + ph) * np.sin(2 * np.pi * c / p + ph))
        else:
            z = (rng.random((B27_SIDE, B27_SIDE)) < 0.12) * 2.0 - 0.3
        x[i] = a * z + rng.normal(0, 0.6, z.shape)
    y = _flip(y.astype(np.int64), 4, 0.15, rng)
    return x.reshape(n, -1).astype(np.float32), y


def _b27_defect(seed, n):
    """defect_img: n 12x12 surface patches (a blocky random field, sd 0.3, plus N(0, 0.3^2)
    noise), 88% normal (class 0), 8% with a scratch (class 1: a line of 5-9 pixels at a random
    angle, ~+1.4), 4% with a spot (class 2: a Gaussian blob, sd 0.8, +2.0): the majority-class
    rate is 0.88, the label prior's entropy ~0.44."""
    rng = np.random.default_rng(272000 + seed)
    r, c = np.mgrid[0:B27_SIDE, 0:B27_SIDE]
    y = rng.choice(3, n, p=[0.88, 0.08, 0.04])
    x = np.empty((n, B27_SIDE, B27_SIDE))
    for i in range(n):
        f = rng.normal(0, 1, (4, 4))
        base = np.kron(f, np.ones((3, 3))) * 0.3
        z = base + rng.normal(0, 0.3, base.shape)
        if y[i] == 1:
            ang, ln = rng.uniform(0, np.pi), rng.integers(5, 10)
            r0, c0 = rng.uniform(3, 9, 2)
            for t in np.linspace(-ln / 2, ln / 2, 2 * ln):
                rr, cc = int(round(r0 + t * np.sin(ang))), int(round(c0 + t * np.cos(ang)))
                if 0 <= rr < B27_SIDE and 0 <= cc < B27_SIDE:
                    z[rr, cc] += 0.7
        elif y[i] == 2:
            r0, c0 = rng.uniform(2, 10, 2)
            z = z + 2.0 * np.exp(-((r - r0) ** 2 + (c - c0) ** 2) / (2 * 0.8 ** 2))
        x[i] = z
    return x.reshape(n, -1).astype(np.float32), y.astype(np.int64)


def _b27_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-seventh batch: digits_up (10 classes, 1497 / 300), texture_img (4 classes, 15%
    flipped labels in train and val, 2000 / 300), defect_img (3 classes at 88% / 8% / 4%, 2000
    / 300); kind "classification", flattened 12x12 images for arch "cnn"."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 273000)
    n_va = n_val or VAL_SIZE
    if name == "digits_up":
        x, y = _b27_digits_up(seed)
        x_tr, y_tr = x[n_va:], y[n_va:]
        if n_train:
            x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
        y_tr = _flip(y_tr, 10, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr, x[:n_va], y[:n_va], n_classes=10,
                    split=split)
    n_tr = n_train or 2000
    x, y = (_b27_texture if name == "texture_img" else _b27_defect)(seed, n_tr + n_va)
    k = 4 if name == "texture_img" else 3
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x[n_va:], y_tr, x[:n_va], y[:n_va], n_classes=k,
                split=split)


TASK_SPLIT.update(dict.fromkeys(B27_TASKS, "dev"))
DEV12_13.update(dict.fromkeys(B27_TASKS, _b27_task))

# ----------------------------------------------------------------------------- twenty-eighth batch
# Sequence models people train, unlike the corpus the rules were tuned on: a sort seq2seq
# written as a teacher-forced LM (sort_lm), a character LM of generated server log lines with
# its perplexity (logline_lm), and a daily demand forecast with two seasonalities judged on
# MAE / RMSE (demand_ts). Registered at the end of the file so the earlier tasks keep their
# order and draws.
DEV28_TASKS = ("sort_lm", "logline_lm", "demand_ts")
B28_SORT_K = 8          # sort_lm: digits to sort
B28_SORT_SEP = 10       # sort_lm: separator token (digits are 0-9)
B28_SORT_CORRUPT = 0.03  # sort_lm: share of sorted target digits replaced (train and val): a floor
B28_DEMAND_WIN = 56     # demand_ts: days in the input window (the target is the next day)
TASK_SPLIT.update(dict.fromkeys(DEV28_TASKS, "dev"))


def _b28_sort(seed, n):
    """sort_lm: 8 random digits, a separator, the same digits sorted (3% of the sorted digits
    replaced by another). x is the first 16 tokens (teacher forcing: the unsorted digits, the
    separator, the sorted ones so far), y the 8 sorted digits, predicted at positions 8-15 (the
    model outputs the last 8 positions only, as copy_lm): per-token cross-entropy on the sorted
    half, chance ln 10 = 2.30."""
    rng = np.random.default_rng(281000 + seed)
    a = rng.integers(0, 10, (n, B28_SORT_K))
    b = np.sort(a, axis=1)
    bad = rng.random(b.shape) < B28_SORT_CORRUPT
    b[bad] = (b[bad] + rng.integers(1, 10, bad.sum())) % 10
    x = np.concatenate([a, np.full((n, 1), B28_SORT_SEP), b[:, :-1]], 1).astype(np.int64)
    return x, b.astype(np.int64)


@functools.lru_cache(maxsize=None)
def b28_logline_text(n_lines=9000, seed=282000) -> str:
    """logline_lm's text: generated web-server log lines such as
    "09:14:07 GET /api/items/4821 200 35ms\\n": a clock that advances by 0-9 s, a method (GET
    70%), one of 8 routes (some with a numeric id), a status that depends on the route and
    method (mostly 200), a latency whose size depends on the route. Timestamps are mostly
    predictable, ids and latencies are not."""
    rng = np.random.default_rng(seed)
    routes = ["/api/items/{}", "/api/users/{}", "/login", "/logout", "/static/app.js",
              "/api/search?q={}", "/health", "/api/orders/{}"]
    slow = [40, 25, 120, 10, 3, 300, 1, 80]
    t, out = 8 * 3600, []
    for _ in range(n_lines):
        t += int(rng.integers(0, 10))
        k = int(rng.choice(8, p=[0.25, 0.15, 0.08, 0.04, 0.12, 0.12, 0.14, 0.10]))
        method = "GET" if k in (4, 5, 6) or rng.random() < 0.6 else ("POST" if k != 3 else "GET")
        path = routes[k].format(int(rng.integers(1, 10 ** int(rng.integers(2, 5)))))
        status = 200 if rng.random() < 0.88 else (404 if k in (0, 1, 7) else 500
                                                    if k == 5 else 302 if k == 2 else 200)
        ms = max(1, int(rng.gamma(2.0, slow[k] / 2.0)))
        out.append(f"{t // 3600 % 24:02d}:{t // 60 % 60:02d}:{t % 60:02d} {method} {path} "
                   f"{status} {ms}ms\n")
    return "".join(out)


def _b28_logline(seed, n_train):
    """logline_lm: character windows of b28_logline_text() (SEQ_LEN 32, next character), val
    from the last 10% of the text."""
    text = b28_logline_text()
    chars = sorted(set(text))
    lut = {c: i for i, c in enumerate(chars)}
    ids = np.array([lut[c] for c in text], dtype=np.int64)
    cut = int(len(ids) * 0.9)
    rng = np.random.default_rng(283000 + seed)

    def windows(lo, hi, n):
        starts = rng.integers(lo, hi - SEQ_LEN - 1, size=n)
        return (np.stack([ids[s:s + SEQ_LEN] for s in starts]),
                np.stack([ids[s + 1:s + SEQ_LEN + 1] for s in starts]))

    x_tr, y_tr = windows(0, cut, n_train or 4000)
    x_va, y_va = windows(cut, len(ids), VAL_SIZE)
    return x_tr, y_tr, x_va, y_va, len(chars)


def _b28_demand(seed, n):
    """demand_ts: n windows of B28_DEMAND_WIN daily values of a store's demand and the next
    day's value: a level, a slow trend, a weekly profile (weekends x1.4-1.8), a 91-day season,
    a multiplicative AR(1) noise (phi 0.6, sd 0.12) and rare promotions (+60%, 3% of days, not
    known in advance); each window from its own store (its own level, profile and phase), log
    demand scaled per window by the window's mean."""
    rng = np.random.default_rng(284000 + seed)
    L = B28_DEMAND_WIN + 1
    t = np.arange(L, dtype=np.float64)
    prof = np.ones((n, 7))
    prof[:, 5] = rng.uniform(1.4, 1.8, n)
    prof[:, 6] = rng.uniform(1.2, 1.6, n)
    prof[:, :5] *= rng.uniform(0.85, 1.15, (n, 5))
    dow = (t[None, :] + rng.integers(0, 7, n)[:, None]).astype(int) % 7
    week = np.take_along_axis(prof, dow, axis=1)
    season = 1 + rng.uniform(0.1, 0.3, n)[:, None] * np.sin(
        2 * np.pi * (t[None, :] / 91.0 + rng.uniform(0, 1, n)[:, None]))
    trend = 1 + rng.normal(0, 0.003, n)[:, None] * t[None, :]
    e = np.zeros((n, L))
    for j in range(L):
        e[:, j] = (0.6 * e[:, j - 1] if j else 0) + rng.normal(0, 0.12, n)
    promo = 1 + 0.6 * (rng.random((n, L)) < 0.03)
    y = rng.uniform(20, 200, n)[:, None] * week * season * trend * np.exp(e) * promo
    z = np.log(y) - np.log(y[:, :-1]).mean(1, keepdims=True)
    return z[:, :-1].astype(np.float32), z[:, -1]


def _dev28_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-eighth batch: sort_lm (kind "lm", 16 tokens in, the 8 sorted digits out; 4000 /
    300; label_noise corrupts extra train targets), logline_lm (kind "lm", 32-character windows;
    4000 / 300), demand_ts (kind "regression": 56 values -> the next one, the target
    standardised with train statistics; 2000 / 300)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 285000)
    n_va = n_val or VAL_SIZE
    if name == "sort_lm":
        n_tr = n_train or 4000
        x, y = _b28_sort(seed, n_tr + n_va)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:], x[:n_va], y[:n_va]
        if label_noise > 0:
            y_tr = y_tr.copy()
            bad = rng.random(y_tr.shape) < label_noise
            y_tr[bad] = (y_tr[bad] + rng.integers(1, 10, bad.sum())) % 10
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=B28_SORT_SEP + 1,
                    vocab_size=B28_SORT_SEP + 1, seq_len=2 * B28_SORT_K, split=split)
    if name == "logline_lm":
        x_tr, y_tr, x_va, y_va, v = _b28_logline(seed, n_train)
        if label_noise > 0:
            y_tr = y_tr.copy()
            bad = rng.random(y_tr.shape) < label_noise
            y_tr[bad] = rng.integers(0, v, bad.sum())
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v,
                    seq_len=SEQ_LEN, split=split)
    n_tr = n_train or 2000
    x, y = _b28_demand(seed, n_tr + n_va)
    mu, sd = y[n_va:].mean(), y[n_va:].std()
    y = (y - mu) / sd
    x = ((x - mu) / sd).astype(np.float32)
    return Task(name, "regression", x[n_va:], y[n_va:].astype(np.float32), x[:n_va],
                y[:n_va].astype(np.float32), split=split)


DEV12_13.update(dict.fromkeys(DEV28_TASKS, _dev28_task))



# ----------------------------------------------------------------------------- thirtieth batch
# Regression and forecasting as people train them, unlike the corpus the rules were tuned on:
# a tabular regression whose target is left raw, in the thousands (rent_raw: a monthly rent),
# one whose target is the log of a skewed quantity (yield_log), and an hourly electricity-load
# forecast with daily and weekly cycles and a temperature effect (kwh_ts, standardised). The
# torch recipes train them on MSE, MAE (L1) and Huber losses (gen_torch.b30_*). Registered at
# the end of the file so the earlier tasks keep their order and draws.
DEV30_TASKS = ("rent_raw", "yield_log", "kwh_ts")
B30_KWH_WIN = 48        # kwh_ts: hours in the input window (the target is the next hour)
TASK_SPLIT.update(dict.fromkeys(DEV30_TASKS, "dev"))


def _b30_rent(seed, n):
    """rent_raw: sklearn make_friedman1 (10 features, 5 informative, noise 1) as flat features
    (size, location, age...), the rent 800 + 9 * friedman1^2 (skewed: mean ~2900, sd ~1500,
    noise sd ~250, larger for the dearer flats) in currency units, NOT scaled; the features
    standardised."""
    from sklearn.datasets import make_friedman1
    x, f = make_friedman1(n_samples=n, n_features=10, noise=1.0, random_state=301000 + seed)
    return x, 800.0 + 9.0 * f ** 2


def _b30_yield(seed, n):
    """yield_log: sklearn make_regression (12 features, 5 informative) mapped through a
    saturating, an interaction and a quadratic term to a skewed yield exp(7.5 + ...) with
    log-normal noise (sd 0.15); the target is log(yield) (mean ~7.7, sd ~0.5)."""
    from sklearn.datasets import make_regression
    x, z = make_regression(n_samples=n, n_features=12, n_informative=5, noise=0.0,
                           random_state=302000 + seed)
    rng = np.random.default_rng(302500 + seed)
    z = z / z.std()
    logv = (7.5 + 0.3 * np.tanh(2.0 * z) + 0.45 * np.sin(2.0 * x[:, 0] * x[:, 1])
            + 0.2 * x[:, 2] ** 2 + rng.normal(0, 0.15, n))
    return x, logv


def _b30_kwh(seed, n):
    """kwh_ts: n windows of B30_KWH_WIN hourly loads of a feeder and the next hour's: a daily
    profile (morning and evening peaks), a weekday / weekend level, a temperature effect (a slow
    random walk, load rising away from 18 C), AR(1) noise (phi 0.7, sd 0.04) on the log load;
    each window from its own feeder (own level 50-500 kW, own phase); the window and the target
    divided by the window's mean (the target standardised later with train statistics)."""
    rng = np.random.default_rng(303000 + seed)
    L = B30_KWH_WIN + 1
    t = np.arange(L, dtype=np.float64)[None, :] + rng.integers(0, 24 * 7, n)[:, None]
    hour = t % 24
    day = (t // 24) % 7
    prof = (1 + 0.35 * np.exp(-((hour - 8) ** 2) / 6.0) + 0.55 * np.exp(-((hour - 19) ** 2) / 8.0)
            - 0.25 * np.exp(-((hour - 3) ** 2) / 10.0))
    wk = np.where(day >= 5, rng.uniform(0.7, 0.9, n)[:, None], 1.0)
    temp = 18 + rng.uniform(-10, 12, n)[:, None] + np.cumsum(rng.normal(0, 0.4, (n, L)), 1)
    heat = 1 + 0.02 * np.abs(temp - 18)
    e = np.zeros((n, L))
    for j in range(L):
        e[:, j] = (0.7 * e[:, j - 1] if j else 0) + rng.normal(0, 0.04, n)
    y = rng.uniform(50, 500, n)[:, None] * prof * wk * heat * np.exp(e)
    z = y / y[:, :-1].mean(1, keepdims=True)
    return z[:, :-1], z[:, -1]


def _dev30_task(name, seed, n_train, label_noise, n_val=None):
    """Thirtieth batch (kind "regression", one target): rent_raw (10 standardised features, the
    raw rent; 1200 / 300), yield_log (12 standardised features, log yield; 1500 / 300), kwh_ts
    (48 hourly values -> the next, window and target standardised with train statistics;
    2000 / 300). label_noise adds N(0, (label_noise * target sd)^2) to the train targets."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 305000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or {"rent_raw": 1200, "yield_log": 1500, "kwh_ts": 2000}[name]
    if name == "kwh_ts":
        x, y = _b30_kwh(seed, n_tr + n_va)
        mu, sd = y[n_va:].mean(), y[n_va:].std()
        x, y = (x - mu) / sd, (y - mu) / sd
        x_tr, x_va = x[n_va:].astype(np.float32), x[:n_va].astype(np.float32)
    else:
        x, y = (_b30_rent if name == "rent_raw" else _b30_yield)(seed, n_tr + n_va)
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr, y_va = y[n_va:].copy(), y[:n_va]
    if label_noise > 0:
        y_tr = y_tr + rng.normal(0, label_noise * y_tr.std(), len(y_tr))
    return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                y_va.astype(np.float32), split=split)


DEV12_13.update(dict.fromkeys(DEV30_TASKS, _dev30_task))


# ----------------------------------------------------------------------------- twenty-ninth batch
# HF-style fine-tunes of a small BERT encoder, as people run them (unlike the corpus the rules
# were tuned on): one encoder (transformers BertForMaskedLM, 2 layers, width 64) pre-trained by
# masked-LM on generated product reviews, saved once under PRETRAIN_DIR and reused by every run,
# then fine-tuned for a review's sentiment (rev_sentiment: sequence classification, 3 classes),
# its aspects' polarity and the named brands / places (rev_aspects: token tagging, 6 tags) and
# its star rating (rev_rating: regression). Registered at the end of the file so the earlier
# tasks keep their order and draws.
DEV29_TASKS = ("rev_sentiment", "rev_aspects", "rev_rating")
TASK_SPLIT.update(dict.fromkeys(DEV29_TASKS, "dev"))
B29_LEN = 28            # tokens per review: [CLS], the words, [PAD] to the end
B29_WORDS = (["[PAD]", "[CLS]", "[MASK]", "."]
             + "the a this my".split()
             + "battery screen camera price delivery sound case app service design keyboard "
               "charger".split()
             + "great good excellent solid nice perfect".split()
             + "bad poor awful weak terrible slow".split()
             + "big new black small usual average".split()
             + "is was seems feels not never very really extremely and but while although in "
               "by from at bought made".split()
             + "acme zenta novo lumo orbix kyra".split()
             + "paris oslo lima cairo delhi quito".split()
             + "jordan victoria georgia lincoln".split())
B29_ID = {w: i for i, w in enumerate(B29_WORDS)}
B29_VOCAB = len(B29_WORDS)
B29_TAGS = ("O", "BRAND", "PLACE", "ASPECT_POS", "ASPECT_NEG", "ASPECT_NEU")
B29_ENC = {"hidden": 64, "layers": 2, "heads": 4, "ffn": 128, "mlm_steps": 800}


def b29_reviews(n, seed):
    """n generated reviews: token ids (n, B29_LEN), the sentiment class (0 neg / 1 neutral /
    2 pos), a rating score (the clauses' polarity, a clause after "but" / "although" counted
    twice, intensifiers x1.5, a negated strong word half as strong), per-token tags (an aspect
    noun tagged by its clause's polarity; "jordan", "victoria"... a BRAND after "by" / "made
    by", a PLACE after "in" / "from" / "at")."""
    rng = np.random.default_rng(seed)
    nouns = "battery screen camera price delivery sound case app service design keyboard charger"
    pos = dict(zip("great good excellent solid nice perfect".split(), (2, 1, 3, 1, 1, 3)))
    neg = dict(zip("bad poor awful weak terrible slow".split(), (-1, -1, -3, -1, -3, -1)))
    neu = "big new black small usual average".split()
    brands = "acme zenta novo lumo orbix kyra".split()
    places = "paris oslo lima cairo delhi quito".split()
    amb = "jordan victoria georgia lincoln".split()
    x = np.zeros((n, B29_LEN), np.int64)
    tags = np.zeros((n, B29_LEN), np.int64)
    score = np.zeros(n)
    for i in range(n):
        w, t = ["[CLS]"], [0]
        u = rng.random()
        if u < 0.35:            # "bought in <place>" / "made by <brand>"
            if rng.random() < 0.5:
                nm = rng.choice(places + amb)
                w += ["bought", str(rng.choice(["in", "from", "at"])), str(nm)]
                t += [0, 0, 2]
            else:
                nm = rng.choice(brands + amb)
                w += ["made", "by", str(nm)]
                t += [0, 0, 1]
        total = 0.0
        for k in range(int(rng.integers(1, 4))):
            weight = 1.0
            if k:
                c = str(rng.choice(["and", "but", "while", "although"]))
                w.append(c)
                t.append(0)
                weight = 2.0 if c in ("but", "although") else 1.0
            w += [str(rng.choice(["the", "a", "this", "my"])), str(rng.choice(nouns.split())),
                  str(rng.choice(["is", "was", "seems", "feels"]))]
            t += [0, 0, 0]
            aspect = len(w) - 2
            negate = rng.random() < 0.25
            if negate:
                w.append(str(rng.choice(["not", "never"])))
                t.append(0)
            inten = rng.random() < 0.3
            if inten:
                w.append(str(rng.choice(["very", "really", "extremely"])))
                t.append(0)
            kind = rng.random()
            if kind < 0.4:
                a = str(rng.choice(list(pos)))
                v = pos[a]
            elif kind < 0.8:
                a = str(rng.choice(list(neg)))
                v = neg[a]
            else:
                a, v = str(rng.choice(neu)), 0
            w.append(a)
            t.append(0)
            v = v * (1.5 if inten else 1.0)
            if negate:
                v = -v * (0.5 if abs(v) >= 2 else 1.0)
            t[aspect] = 3 if v > 0 else 4 if v < 0 else 5
            total += weight * v
        w.append(".")
        t.append(0)
        x[i, :len(w)] = [B29_ID[c] for c in w]
        tags[i, :len(t)] = t
        score[i] = total
    cls = np.where(score < -0.75, 0, np.where(score > 0.75, 2, 1)).astype(np.int64)
    return x, cls, score, tags


def _mlm_encoder_dir(name, seed, vocab, enc, positions, texts, mask_id):
    """A BERT encoder pre-trained by masked-LM, saved once under PRETRAIN_DIR/<name>
    (save_pretrained) and reused: ``enc``'s sizes, ``positions`` positions, 15% of the non-pad
    tokens of ``texts`` masked with ``mask_id``, AdamW 1e-3 with a 10% warm-up then a linear
    decay, batch 64, ``enc["mlm_steps"]`` steps, torch seeded with ``seed``."""
    from pathlib import Path
    root = Path(PRETRAIN_DIR) if PRETRAIN_DIR is not None else Path("_pretrained")
    d = root / name
    if (d / "config.json").exists():
        return d
    torch = _torch()
    from transformers import BertConfig, BertForMaskedLM
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=vocab, hidden_size=enc["hidden"],
                     num_hidden_layers=enc["layers"], num_attention_heads=enc["heads"],
                     intermediate_size=enc["ffn"], max_position_embeddings=positions,
                     pad_token_id=0, hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1)
    model = BertForMaskedLM(cfg)
    x = torch.as_tensor(texts)
    g = torch.Generator().manual_seed(seed)
    steps = enc["mlm_steps"]
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / (0.1 * steps), max(0.0, (steps - s) / (0.9 * steps))))
    model.train()
    for s in range(steps):
        xb = x[torch.randint(len(x), (64,), generator=g)]
        m = (torch.rand(xb.shape, generator=g) < 0.15) & (xb > 1)
        labels = torch.where(m, xb, torch.full_like(xb, -100))
        loss = model(input_ids=torch.where(m, torch.full_like(xb, mask_id), xb),
                     labels=labels).loss
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    d.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(d)
    (d / "mlm_final_loss.txt").write_text(f"{loss.item():.4f} after {steps} steps\n")
    return d


def b29_encoder_dir():
    """The pre-trained encoder (a transformers checkpoint directory, save_pretrained): made once
    by masked-LM on 20,000 generated reviews (``_mlm_encoder_dir``, seed 29), then reused. Under
    PRETRAIN_DIR (the generators set it to <corpus>/_pretrained)."""
    return _mlm_encoder_dir("b29_bert_mlm", 29, B29_VOCAB, B29_ENC, B29_LEN + 4,
                            b29_reviews(20000, 290000)[0], B29_ID["[MASK]"])


def b29_finetune_model(task, seed, freeze=False, hf=False):
    """The pre-trained encoder with a fresh head for `task` (transformers
    BertForSequenceClassification: 3 classes, or 1 output with problem_type "regression";
    BertForTokenClassification: 6 tags), seeded; freeze: only the head trains. hf=True returns
    the transformers model itself (its forward takes input_ids / labels); else a torch module
    whose forward(x) returns the logits (the torch writers' loops compute the loss)."""
    torch = _torch()
    from transformers import BertForSequenceClassification, BertForTokenClassification
    from transformers.utils import logging as hf_logging
    hf_logging.set_verbosity_error()
    d = b29_encoder_dir()
    torch.manual_seed(seed + 2900)
    if task.kind == "tagging":
        m = BertForTokenClassification.from_pretrained(d, num_labels=len(B29_TAGS))
    elif task.kind == "regression":
        m = BertForSequenceClassification.from_pretrained(d, num_labels=1,
                                                          problem_type="regression")
    else:
        m = BertForSequenceClassification.from_pretrained(
            d, num_labels=3, problem_type="single_label_classification")
    if freeze:
        for p in m.bert.parameters():
            p.requires_grad_(False)
    if hf:
        return m

    class B29Logits(torch.nn.Module):
        """BertFor... -> its logits (the loop's criterion does the rest)."""
        def __init__(self):
            super().__init__()
            self.bert = m

        def forward(self, x):
            return self.bert(input_ids=x).logits

    return B29Logits()


def _dev29_task(name, seed, n_train, label_noise, n_val=None):
    """Twenty-ninth batch: rev_sentiment (kind "sequence", 3 classes, 8% of the labels flipped
    in train and val: an annotators' floor), rev_aspects (kind "tagging", 6 tags), rev_rating
    (kind "regression": the rating score + N(0, 0.6^2), standardised with train statistics);
    2000 train / 300 val reviews of B29_LEN tokens (vocabulary B29_VOCAB)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 291000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 2000
    x, cls, score, tags = b29_reviews(n_tr + n_va, 292000 + seed)
    kw = {"vocab_size": B29_VOCAB, "seq_len": B29_LEN, "split": split}
    if name == "rev_sentiment":
        y = _flip(cls, 3, 0.08, rng)
        y_tr = _flip(y[n_va:], 3, label_noise, rng)
        return Task(name, "sequence", x[n_va:], y_tr, x[:n_va], y[:n_va], n_classes=3, **kw)
    if name == "rev_aspects":
        y_tr = tags[n_va:].copy()
        if label_noise > 0:
            bad = (rng.random(y_tr.shape) < label_noise) & (y_tr > 0)
            y_tr[bad] = rng.integers(1, len(B29_TAGS), bad.sum())
        return Task(name, "tagging", x[n_va:], y_tr, x[:n_va], tags[:n_va],
                    n_classes=len(B29_TAGS), **kw)
    y = score + rng.normal(0, 0.6, len(score))
    mu, sd = y[n_va:].mean(), y[n_va:].std()
    y = ((y - mu) / sd).astype(np.float32)
    y_tr = y[n_va:].copy()
    if label_noise > 0:
        y_tr = (y_tr + rng.normal(0, label_noise, len(y_tr))).astype(np.float32)
    return Task(name, "regression", x[n_va:], y_tr, x[:n_va], y[:n_va], **kw)


DEV12_13.update(dict.fromkeys(DEV29_TASKS, _dev29_task))


# ----------------------------------------------------------------------------- thirty-first batch
# Lightning as people use it, on three generated tasks unlike the earlier ones: coloured shapes
# in 16x16x3 images (shape_rgb16: the class is the shape, the colour and the background a
# distractor), spectrogram-like 16x24 time-frequency patterns (spectro2d: chirps up / down, a
# steady tone, a pulse train, a two-tone chord in noise) and a tabular multi-class problem with
# mixed categorical (one-hot) and numeric features (tab_mixed: sklearn make_classification plus
# three categorical columns that shift the class). Registered at the end of the file so the
# earlier tasks keep their order and draws.
DEV31_TASKS = ("shape_rgb16", "spectro2d", "tab_mixed")
TASK_SPLIT.update(dict.fromkeys(DEV31_TASKS, "dev"))
B31_IMG = 16            # shape_rgb16: image side (3 channels, flattened channel-last)
B31_SPEC = (16, 24)     # spectro2d: frequency bins x time frames


def _b31_shapes(seed, n):
    """shape_rgb16: n 16x16x3 images of a filled square, disk, triangle, cross or ring (class
    0-4) of a random colour at a random position and half-size 3-5 on a random-tint background,
    pixel noise sd 0.2; flattened (n, 768)."""
    rng = np.random.default_rng(311000 + seed)
    s = B31_IMG
    yy, xx = np.mgrid[0:s, 0:s].astype(np.float64)
    x = np.zeros((n, s, s, 3))
    y = rng.integers(0, 5, n)
    for i in range(n):
        r = rng.uniform(3, 5)
        cy, cx = rng.uniform(r, s - r, 2)
        dy, dx = yy - cy, xx - cx
        k = y[i]
        if k == 0:
            m = (np.abs(dy) <= r) & (np.abs(dx) <= r)
        elif k == 1:
            m = dy ** 2 + dx ** 2 <= r ** 2
        elif k == 2:
            m = (dy >= -r) & (dy <= r) & (np.abs(dx) <= (dy + r) / 2)
        elif k == 3:
            m = ((np.abs(dy) <= r) & (np.abs(dx) <= 1)) | ((np.abs(dx) <= r) & (np.abs(dy) <= 1))
        else:
            d = np.sqrt(dy ** 2 + dx ** 2)
            m = (d <= r) & (d >= r - 1.5)
        bg = rng.uniform(0, 0.5, 3)
        col = rng.uniform(0.3, 1.0, 3)
        x[i] = bg
        x[i][m] = col
    x += rng.normal(0, 0.2, x.shape)
    return x.reshape(n, -1), y


def _b31_spectro(seed, n):
    """spectro2d: n log-magnitude spectrogram-like patterns (16 bins x 24 frames) of 5 classes:
    a rising chirp, a falling chirp, a steady tone, a pulse train (a tone on every 4-6 frames),
    a two-tone chord; random start bin, slope, amplitude, background noise sd 0.8; flattened."""
    rng = np.random.default_rng(312000 + seed)
    nf, nt = B31_SPEC
    f = np.arange(nf)[:, None].astype(np.float64)
    t = np.arange(nt)[None, :].astype(np.float64)
    x = rng.normal(0, 0.8, (n, nf, nt))
    y = rng.integers(0, 5, n)
    for i in range(n):
        a = rng.uniform(0.8, 1.6)
        f0 = rng.uniform(2, nf - 3)
        k = y[i]
        if k in (0, 1):
            slope = rng.uniform(0.25, 0.5) * (1 if k == 0 else -1)
            f0 = rng.uniform(1, 5) if k == 0 else rng.uniform(nf - 6, nf - 2)
            fc = f0 + slope * t
            on = np.ones_like(t)
        elif k == 2:
            fc, on = f0 + 0 * t, np.ones_like(t)
        elif k == 3:
            per = rng.integers(4, 7)
            fc, on = f0 + 0 * t, ((t + rng.integers(0, per)) % per < 2).astype(float)
        else:
            fc, on = f0 + 0 * t, np.ones_like(t)
            x[i] += 0.7 * a * np.exp(-((f - ((f0 + 5) % nf)) ** 2) / 1.2) * on
        x[i] += a * np.exp(-((f - fc) ** 2) / 1.2) * on
    return x.reshape(n, -1), y


def _b31_tabular(seed, n):
    """tab_mixed: sklearn make_classification (10 numeric features, 6 informative, 4 classes,
    flip_y 0.08) plus 3 categorical columns (6, 4 and 8 levels) drawn with class-dependent
    probabilities, one-hot encoded (18 columns): 28 features."""
    from sklearn.datasets import make_classification
    xn, y = make_classification(n_samples=n, n_features=10, n_informative=6, n_redundant=2,
                                n_classes=4, n_clusters_per_class=2, flip_y=0.08,
                                class_sep=0.8, random_state=313000 + seed)
    rng = np.random.default_rng(313500 + seed)
    cols = []
    for levels in (6, 4, 8):
        p = rng.dirichlet(np.full(levels, 0.7), 4)
        c = np.array([rng.choice(levels, p=p[k]) for k in y])
        cols.append(np.eye(levels)[c])
    return np.concatenate([xn] + cols, 1), y


def _dev31_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-first batch (kind "classification", 5 / 5 / 4 classes): shape_rgb16 (768 pixel
    values; 2000 / 300), spectro2d (384 bins; 5000 / 300), tab_mixed (10 numeric features
    standardised, 18 one-hot columns as 0/1; 2400 / 300). label_noise flips that share of the
    train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 314000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or {"shape_rgb16": 2000, "spectro2d": 5000, "tab_mixed": 2400}[name]
    x, y = {"shape_rgb16": _b31_shapes, "spectro2d": _b31_spectro,
            "tab_mixed": _b31_tabular}[name](seed, n_tr + n_va)
    k = 4 if name == "tab_mixed" else 5
    if name == "tab_mixed":
        num_tr, num_va = _standardise(x[n_va:, :10], x[:n_va, :10])
        x_tr = np.concatenate([num_tr, x[n_va:, 10:]], 1)
        x_va = np.concatenate([num_va, x[:n_va, 10:]], 1)
    else:
        x_tr, x_va = x[n_va:], x[:n_va]
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr.astype(np.float32), y_tr.astype(np.int64),
                x_va.astype(np.float32), y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV31_TASKS, _dev31_task))



# ----------------------------------------------------------------------------- thirty-second batch
# SummaryWriter research-loop habits on three new generated tasks (gen_torch.b32_*): an
# autoencoder on generated 8x8 images judged on reconstruction MSE (b32_ae_img), a multi-label
# bag-of-words topic tagger (b32_tagbag), and a classifier of generated 8x8 glyphs (b32_glyph).
# Each task keeps a separate test set (Task attribute b32_test: x, y) evaluated once at the end of
# the SummaryWriter runs. Registered at the end of the file so the earlier tasks keep their order
# and draws.
DEV32_TASKS = ("b32_ae_img", "b32_tagbag", "b32_glyph")
TASK_SPLIT.update(dict.fromkeys(DEV32_TASKS, "dev"))
B32_SIDE = 8            # b32_ae_img / b32_glyph: image side (flattened, 64 pixels)
B32_VOCAB = 60          # b32_tagbag: words
B32_TOPICS = 6          # b32_tagbag: labels
B32_GLYPHS = 8          # b32_glyph: classes
B32_TEST = 300          # test examples per task


def _b32_images(n, rng):
    """n 8x8 images: 1-3 Gaussian blobs (sd 0.8-1.8 px, height 0.5-1) and, in half of them, a
    horizontal or vertical bar, plus N(0, 0.1^2) pixel noise."""
    g = np.arange(B32_SIDE, dtype=np.float64)
    yy, xx = np.meshgrid(g, g, indexing="ij")
    img = np.zeros((n, B32_SIDE, B32_SIDE))
    for i in range(n):
        for _ in range(int(rng.integers(1, 4))):
            cy, cx = rng.uniform(0, B32_SIDE - 1, 2)
            s = rng.uniform(0.8, 1.8)
            r2 = (yy - cy) ** 2 + (xx - cx) ** 2
            img[i] += rng.uniform(0.5, 1.0) * np.exp(-r2 / (2 * s * s))
        if rng.random() < 0.5:
            k = int(rng.integers(0, B32_SIDE))
            if rng.random() < 0.5:
                img[i, k, :] += 0.7
            else:
                img[i, :, k] += 0.7
    img += rng.normal(0, 0.1, img.shape)
    return img.reshape(n, -1)


def _b32_glyphs(n, rng):
    """n 8x8 glyphs of B32_GLYPHS classes (a class = a fixed set of 3 strokes drawn from 18
    candidates: 8 rows, 8 columns, 2 diagonals), each stroke shifted by -1..1 px and dropped with
    probability 0.15, plus N(0, 0.35^2) pixel noise."""
    strokes = []
    for k in range(B32_SIDE):
        a = np.zeros((B32_SIDE, B32_SIDE))
        a[k, :] = 1
        strokes.append(a)
        strokes.append(a.T.copy())
    strokes.append(np.eye(B32_SIDE))
    strokes.append(np.fliplr(np.eye(B32_SIDE)))
    crng = np.random.default_rng(32032)
    classes = [crng.choice(len(strokes), 3, replace=False) for _ in range(B32_GLYPHS)]
    y = rng.integers(0, B32_GLYPHS, n)
    img = np.zeros((n, B32_SIDE, B32_SIDE))
    for i in range(n):
        for s in classes[y[i]]:
            if rng.random() < 0.15:
                continue
            img[i] += np.roll(strokes[s], int(rng.integers(-1, 2)), axis=int(rng.integers(0, 2)))
    img = np.clip(img, 0, 1) + rng.normal(0, 0.35, img.shape)
    return img.reshape(n, -1), y


def _b32_bags(n, rng):
    """n documents of 30-60 words over B32_VOCAB words: 1-3 of B32_TOPICS topics (each topic a
    Dirichlet(0.15) word distribution, fixed), 35% background words; x = log1p(counts), y the
    topic indicators."""
    trng = np.random.default_rng(32064)
    topics = trng.dirichlet(np.full(B32_VOCAB, 0.15), B32_TOPICS)
    bg = trng.dirichlet(np.full(B32_VOCAB, 2.0))
    x = np.zeros((n, B32_VOCAB))
    y = np.zeros((n, B32_TOPICS))
    for i in range(n):
        k = rng.choice(B32_TOPICS, int(rng.integers(1, 4)), replace=False)
        y[i, k] = 1
        p = 0.65 * topics[k].mean(0) + 0.35 * bg
        x[i] = rng.multinomial(int(rng.integers(30, 61)), p / p.sum())
    return np.log1p(x), y


def _dev32_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-second batch: b32_ae_img (kind "regression", 64 targets: the image itself; 1500
    train), b32_tagbag (kind "multilabel", 6 labels; 1500 train; label_noise flips that share of
    the train label bits), b32_glyph (kind "classification", 8 classes; 1200 train); VAL_SIZE val
    and B32_TEST test examples (the test set in task.b32_test)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 320000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or {"b32_ae_img": 1500, "b32_tagbag": 1500, "b32_glyph": 1200}[name]
    n = n_tr + n_va + B32_TEST
    if name == "b32_ae_img":
        x = _b32_images(n, rng)
        x = ((x - x[n_va + B32_TEST:].mean()) / x[n_va + B32_TEST:].std()).astype(np.float32)
        y = x.copy()
        kw = {"n_targets": B32_SIDE * B32_SIDE}
        kind = "regression"
    elif name == "b32_tagbag":
        x, y = _b32_bags(n, rng)
        x, y = x.astype(np.float32), y.astype(np.float32)
        kw = {"n_classes": B32_TOPICS}
        kind = "multilabel"
    else:
        x, y = _b32_glyphs(n, rng)
        x = x.astype(np.float32)
        kw = {"n_classes": B32_GLYPHS}
        kind = "classification"
    tr = slice(n_va + B32_TEST, None)
    y_tr = y[tr].copy()
    if label_noise > 0:
        if kind == "multilabel":
            flip = rng.random(y_tr.shape) < label_noise
            y_tr = np.where(flip, 1 - y_tr, y_tr).astype(np.float32)
        elif kind == "classification":
            y_tr = _flip(y_tr, B32_GLYPHS, label_noise, rng)
        else:
            y_tr = (y_tr + rng.normal(0, label_noise, y_tr.shape)).astype(np.float32)
    t = Task(name, kind, x[tr], y_tr, x[:n_va], y[:n_va], split=split, **kw)
    t.b32_test = (x[n_va:n_va + B32_TEST], y[n_va:n_va + B32_TEST])
    return t


DEV12_13.update(dict.fromkeys(DEV32_TASKS, _dev32_task))


# ----------------------------------------------------------------------------- thirty-fourth batch
# Short everyday loops (gen_torch.b34_*): per-epoch logging on three new generated tasks: a
# 3-class text-like bag classifier (b34_textbag3: log1p word counts of 3 topics sharing a
# background vocabulary), a 2-D point-cloud classifier (b34_points2d: sklearn
# make_gaussian_quantiles rings in 2-D, 4 classes) and a small univariate regression with
# heteroscedastic noise (b34_hetreg: y = sin(2x) + 0.4x, noise sd 0.05 + 0.25|x|, MSE).
# Registered at the end of the file so the earlier tasks keep their order and draws.
DEV34_TASKS = ("b34_textbag3", "b34_points2d", "b34_hetreg")
TASK_SPLIT.update(dict.fromkeys(DEV34_TASKS, "dev"))
B34_VOCAB = 80          # b34_textbag3: words


def _b34_bags(n, rng):
    """n documents of 12-30 words over B34_VOCAB words, one of 3 topics (each a fixed
    Dirichlet(0.2) word distribution), 70% background words; x = log1p(counts), y the topic."""
    trng = np.random.default_rng(34064)
    topics = trng.dirichlet(np.full(B34_VOCAB, 0.2), 3)
    bg = trng.dirichlet(np.full(B34_VOCAB, 2.0))
    y = rng.integers(0, 3, n)
    x = np.zeros((n, B34_VOCAB))
    for i in range(n):
        p = 0.3 * topics[y[i]] + 0.7 * bg
        x[i] = rng.multinomial(int(rng.integers(12, 31)), p / p.sum())
    return np.log1p(x), y


def _dev34_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-fourth batch: b34_textbag3 (classification, 3 classes, 80 features; 1200 train),
    b34_points2d (classification, 4 classes, 2 features; 1500 train), b34_hetreg (regression,
    1 feature; 800 train); VAL_SIZE val. label_noise flips that share of the train labels (a
    regression: adds N(0, label_noise^2) to the train targets)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 340000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or {"b34_textbag3": 1200, "b34_points2d": 1500, "b34_hetreg": 800}[name]
    n = n_tr + n_va
    if name == "b34_textbag3":
        x, y = _b34_bags(n, rng)
        x_tr, x_va = x[n_va:].astype(np.float32), x[:n_va].astype(np.float32)
        y_tr = _flip(y[n_va:], 3, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                    y[:n_va].astype(np.int64), n_classes=3, split=split)
    if name == "b34_points2d":
        from sklearn.datasets import make_gaussian_quantiles
        x, y = make_gaussian_quantiles(n_samples=n, n_features=2, n_classes=4,
                                       random_state=341000 + seed)
        x = x + rng.normal(0, 0.15, x.shape)
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        y_tr = _flip(y[n_va:], 4, label_noise, rng)
        return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                    y[:n_va].astype(np.int64), n_classes=4, split=split)
    x = rng.uniform(-3, 3, (n, 1))
    y = np.sin(2 * x[:, 0]) + 0.4 * x[:, 0] + rng.normal(0, 1, n) * (0.05 + 0.25 * np.abs(x[:, 0]))
    y_tr = y[n_va:] + (rng.normal(0, label_noise, n_tr) if label_noise > 0 else 0)
    return Task(name, "regression", (x[n_va:] / 1.7).astype(np.float32), y_tr.astype(np.float32),
                (x[:n_va] / 1.7).astype(np.float32), y[:n_va].astype(np.float32), split=split)


DEV12_13.update(dict.fromkeys(DEV34_TASKS, _dev34_task))


# ----------------------------------------------------------------------------- thirty-third batch
# HF Trainer with custom torch modules on three generated tasks: a credit-risk-like tabular binary
# task with ~20% positives judged on F1 (b33_credit: sklearn make_classification), a 6-class
# sensor-window classifier (b33_sensor: 48 samples of a noisy accelerometer-like signal, read by a
# GRU, arch "rnn") and a small image regression of an object's position (b33_objpos: a 10x10
# image with one blob, the targets its standardised row / column, n_targets 2). Registered at the
# end of the file so the earlier tasks keep their order and draws.
DEV33_TASKS = ("b33_credit", "b33_sensor", "b33_objpos")
TASK_SPLIT.update(dict.fromkeys(DEV33_TASKS, "dev"))
B33_WIN = 48            # b33_sensor: samples per window
B33_SIDE = 10           # b33_objpos: image side


def _b33_credit(seed, n):
    """b33_credit: make_classification, 20 features (8 informative, 4 redundant), 2 classes with
    weights 0.8 / 0.2, flip_y 0.05, class_sep 0.9."""
    from sklearn.datasets import make_classification
    return make_classification(n_samples=n, n_features=20, n_informative=8, n_redundant=4,
                               n_classes=2, weights=[0.8, 0.2], flip_y=0.05, class_sep=0.9,
                               random_state=330000 + seed)


def _b33_sensor(seed, n):
    """b33_sensor: 6 activities as 48-sample windows: still (noise), walk (1.5 Hz-like sine),
    run (3x faster, larger), stairs (walk + a slow drift), jump (bursts), fall (a step change),
    random phase / amplitude, noise sd 0.6."""
    rng = np.random.default_rng(331000 + seed)
    t = np.arange(B33_WIN, dtype=np.float64)
    y = rng.integers(0, 6, n)
    x = rng.normal(0, 0.6, (n, B33_WIN))
    for i in range(n):
        a, ph = rng.uniform(0.7, 1.3), rng.uniform(0, 2 * np.pi)
        k = y[i]
        if k == 1:
            x[i] += a * np.sin(2 * np.pi * t / rng.uniform(10, 14) + ph)
        elif k == 2:
            x[i] += 1.5 * a * np.sin(2 * np.pi * t / rng.uniform(4, 6) + ph)
        elif k == 3:
            x[i] += (a * np.sin(2 * np.pi * t / rng.uniform(10, 14) + ph)
                     + np.linspace(-a, a, B33_WIN))
        elif k == 4:
            per = int(rng.integers(8, 14))
            x[i] += 2 * a * (((t + rng.integers(0, per)) % per) < 2)
        elif k == 5:
            c = int(rng.integers(10, 38))
            x[i, c:] += 1.8 * a
    return x, y


def _b33_objpos(seed, n):
    """b33_objpos: a 10x10 image with one Gaussian blob (sd 1-1.6 px, height 0.8-1.2) at a
    uniform position, a random background level, pixel noise sd 0.25; the target the blob's
    (row, column)."""
    rng = np.random.default_rng(332000 + seed)
    g = np.arange(B33_SIDE, dtype=np.float64)
    yy, xx = np.meshgrid(g, g, indexing="ij")
    pos = rng.uniform(0.5, B33_SIDE - 1.5, (n, 2))
    img = np.zeros((n, B33_SIDE, B33_SIDE))
    for i in range(n):
        s = rng.uniform(1.0, 1.6)
        img[i] = rng.uniform(0.8, 1.2) * np.exp(-((yy - pos[i, 0]) ** 2 + (xx - pos[i, 1]) ** 2)
                                                 / (2 * s * s)) + rng.uniform(-0.2, 0.2)
    img += rng.normal(0, 0.25, img.shape)
    return img.reshape(n, -1), pos


def _dev33_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-third batch: b33_credit (classification, 2 classes, standardised; 2000 train),
    b33_sensor (classification, 6 classes, windows standardised globally; 2000 train),
    b33_objpos (regression, 2 targets standardised with train statistics; 2000 train); VAL_SIZE
    val. label_noise flips that share of the train labels (classification) or adds N(0,
    label_noise^2) to the standardised train targets (regression)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 333000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 2000
    x, y = {"b33_credit": _b33_credit, "b33_sensor": _b33_sensor,
            "b33_objpos": _b33_objpos}[name](seed, n_tr + n_va)
    if name == "b33_credit":
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    else:
        mu, sd = x[n_va:].mean(), x[n_va:].std()
        x_tr = ((x[n_va:] - mu) / sd).astype(np.float32)
        x_va = ((x[:n_va] - mu) / sd).astype(np.float32)
    if name == "b33_objpos":
        m, s = y[n_va:].mean(0), y[n_va:].std(0)
        y = ((y - m) / s).astype(np.float32)
        y_tr = y[n_va:].copy()
        if label_noise > 0:
            y_tr = (y_tr + rng.normal(0, label_noise, y_tr.shape)).astype(np.float32)
        return Task(name, "regression", x_tr, y_tr, x_va, y[:n_va], split=split, n_targets=2)
    k = 2 if name == "b33_credit" else 6
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr.astype(np.float32), y_tr.astype(np.int64),
                x_va.astype(np.float32), y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV33_TASKS, _dev33_task))


# ----------------------------------------------------------------------------- thirty-sixth batch
# FINE-TUNES WITH STEP-LOGGED NOISE (gen_hf_keras.b36_dev36, gen_torch.b36_recipes): three
# generated classification tasks whose body is pre-trained in the same script (unlogged,
# tasks.pretrained_model) on a generated pretext task of the same kind, a shifted and rescaled
# draw of the same generator with the same classes, then fine-tuned on the target draw:
# b36_tab3 (sklearn make_classification, 16 features, 3 classes, flip_y 0.05), b36_blobs6
# (sklearn make_blobs, 6 overlapping blobs in 10-D) and b36_quant4 (sklearn
# make_gaussian_quantiles, 4 nested shells in 5-D). The pretext draw has half its features
# shifted and scaled (see _dev36_task), so a pre-trained body starts 3-8 points of accuracy below
# what the fine-tune reaches. Registered at the end of the file so the earlier tasks keep their
# order and draws.
DEV36_TASKS = ("b36_tab3", "b36_blobs6", "b36_quant4")
TASK_SPLIT.update(dict.fromkeys(DEV36_TASKS, "dev"))
B36_SOURCE_N = 3000     # pretext rows


def _b36_pool(name, n, seed):
    """n rows of the task's generator (one fixed structure per task, draws by seed)."""
    from sklearn.datasets import make_blobs, make_classification, make_gaussian_quantiles
    if name == "b36_tab3":     # one fixed structure: a pool of 9000 rows, draws by seed
        x, y = make_classification(n_samples=9000, n_features=16, n_informative=6,
                                   n_redundant=2, n_classes=3, n_clusters_per_class=2,
                                   flip_y=0.05, class_sep=1.0, random_state=360000)
        idx = np.random.default_rng(360400 + seed % 50).permutation(9000)
        idx = idx[:n] if seed < 50 else idx[-n:]       # seed + 50: the pretext rows, disjoint
        return x[idx], y[idx]
    if name == "b36_blobs6":
        crng = np.random.default_rng(360100)
        centers = crng.uniform(-4, 4, (6, 10))
        return make_blobs(n_samples=n, centers=centers, cluster_std=2.6,
                          random_state=360200 + seed)
    return make_gaussian_quantiles(n_samples=n, n_features=5, n_classes=4,
                                   random_state=360300 + seed)


def _dev36_task(name, seed, n_train, label_noise, n_val=None, source=False):
    """Thirty-sixth batch: b36_tab3 (3 classes, 16 features; 1500 train), b36_blobs6 (6
    classes, 10 features; 1500 train), b36_quant4 (4 classes, 5 features; 1500 train); VAL_SIZE
    val; label_noise flips that share of the train labels. source=True: the pretext task the
    body is pre-trained on (B36_SOURCE_N rows of another draw, features shifted by 0.35 sd and
    scaled x1.15 (b36_quant4: 0.1 sd, x1.05) on half the columns, standardised with the
    target's train statistics)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 360000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 1500
    k = {"b36_tab3": 3, "b36_blobs6": 6, "b36_quant4": 4}[name]
    x, y = _b36_pool(name, n_tr + n_va, seed)
    mu, sd = x[n_va:].mean(0), x[n_va:].std(0) + 1e-8
    if source:
        xs, ys = _b36_pool(name, B36_SOURCE_N, seed + 50)
        half = np.arange(xs.shape[1]) % 2 == 0
        xs = xs.copy()
        a, b = (1.05, 0.1) if name == "b36_quant4" else (1.15, 0.35)
        xs[:, half] = xs[:, half] * a + b * sd[half]
        xs = ((xs - mu) / sd).astype(np.float32)
        return Task(name, "classification", xs, ys.astype(np.int64), xs[:n_va],
                    ys[:n_va].astype(np.int64), n_classes=k, split=split)
    x = ((x - mu) / sd).astype(np.float32)
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x[n_va:], y_tr.astype(np.int64), x[:n_va],
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV36_TASKS, _dev36_task))
_b36_prev_pretrain_source = pretrain_source


def pretrain_source(name: str, seed: int) -> Task:  # noqa: F811
    """The earlier pretrain_source; a thirty-sixth batch task: its shifted pretext draw."""
    if name in DEV36_TASKS:
        return _dev36_task(name, seed, None, 0.0, source=True)
    return _b36_prev_pretrain_source(name, seed)




# ----------------------------------------------------------------------------- thirty-fifth batch
# Schedules and losses with their own shapes (gen_torch.b35_*) on three new generated tasks: a
# 6-class tabular classifier (b35_cls6: sklearn make_classification, trained with label smoothing
# and mixup, so the train loss floors well above zero), a 4-class 6-D quantile classifier
# (b35_quant4: make_gaussian_quantiles plus jitter) and a heteroscedastic regression trained with
# a Gaussian NLL (b35_nllreg: kind "hetero", its loss goes negative). Registered at the end of
# the file so the earlier tasks keep their order and draws.
DEV35_TASKS = ("b35_cls6", "b35_quant4", "b35_nllreg")
TASK_SPLIT.update(dict.fromkeys(DEV35_TASKS, "dev"))


def _dev35_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-fifth batch: b35_cls6 (classification, 6 classes, 20 features; 2000 train),
    b35_quant4 (classification, 4 classes, 6 features; 2000 train), b35_nllreg (kind "hetero",
    6 features, target standardised with train statistics; 2000 train); VAL_SIZE val.
    label_noise flips that share of the train labels (b35_nllreg: adds N(0, label_noise^2))."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 350000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 2000
    n = n_tr + n_va
    if name == "b35_cls6":
        from sklearn.datasets import make_classification
        x, y = make_classification(n_samples=n, n_features=20, n_informative=10, n_redundant=4,
                                   n_classes=6, n_clusters_per_class=1, class_sep=1.0,
                                   flip_y=0.03, random_state=351000 + seed)
        k = 6
    elif name == "b35_quant4":
        from sklearn.datasets import make_gaussian_quantiles
        x, y = make_gaussian_quantiles(n_samples=n, n_features=6, n_classes=4,
                                       random_state=352000 + seed)
        x = x + rng.normal(0, 0.1, x.shape)
        k = 4
    else:
        x = rng.uniform(-2, 2, (n, 6))
        y = (np.sin(1.5 * x[:, 0]) + 0.5 * x[:, 1] ** 2 + 0.6 * x[:, 2] - 0.3 * x[:, 3] * x[:, 4]
             + rng.normal(0, 1, n) * (0.05 + 0.35 * np.abs(x[:, 5])))
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        mu, sd = y[n_va:].mean(), y[n_va:].std()
        y = (y - mu) / sd
        y_tr = y[n_va:] + (rng.normal(0, label_noise, n_tr) if label_noise > 0 else 0)
        return Task(name, "hetero", x_tr.astype(np.float32), y_tr.astype(np.float32),
                    x_va.astype(np.float32), y[:n_va].astype(np.float32), split=split)
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr.astype(np.float32), y_tr.astype(np.int64),
                x_va.astype(np.float32), y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV35_TASKS, _dev35_task))


# ----------------------------------------------------------------------------- thirty-seventh batch
# AUGMENTATION, DROPOUT AND BATCHNORM (gen_torch.b37_recipes, gen_hf_keras.b37_dev37): three
# generated 16x16 grey-image classification tasks (flattened, 256 features) for a small CNN with
# BatchNorm, heavy dropout and augmentation applied inside the model in train mode only (random
# shifts of up to 2 pixels, horizontal flips where the classes allow them, pixel noise), so the
# train loss (logged in train mode) sits above the val loss (eval mode) for the whole run:
# b37_digits16 (sklearn load_digits, 8x8 upscaled x2 with a bilinear blur, 10 classes),
# b37_shapes16 (rendered discs, squares, triangles, crosses and rings at random positions, sizes
# and contrasts with pixel noise, 5 classes) and b37_weave16 (textures: horizontal / vertical /
# diagonal stripes, a checker and dots at random frequencies and phases under heavy noise, 5
# classes). Registered at the end of the file so the earlier tasks keep their order and draws.
DEV37_TASKS = ("b37_digits16", "b37_shapes16", "b37_weave16")
TASK_SPLIT.update(dict.fromkeys(DEV37_TASKS, "dev"))
B37_FLIP = {"b37_digits16": False, "b37_shapes16": True, "b37_weave16": True}


def _b37_digits(n, rng):
    """n sklearn digits (all 1797 once, then redrawn with pixel jitter), 8x8 -> 16x16."""
    from sklearn.datasets import load_digits
    d = load_digits()
    idx = rng.permutation(len(d.target))
    idx = np.concatenate([idx, rng.integers(0, len(d.target), max(0, n - len(idx)))])[:n]
    im = d.images[idx] / 16.0
    im = np.kron(im, np.ones((1, 2, 2)))                      # nearest x2
    pad = np.pad(im, ((0, 0), (1, 1), (1, 1)), mode="edge")   # a 3x3 box blur (bilinear-ish)
    im = sum(pad[:, i:i + 16, j:j + 16] for i in range(3) for j in range(3)) / 9.0
    im = im + rng.normal(0, 0.05, im.shape)
    return im, d.target[idx]


def _b37_shapes(n, rng):
    """n rendered shapes (0 disc, 1 square, 2 triangle, 3 cross, 4 ring) with noise."""
    yy, xx = np.mgrid[0:16, 0:16].astype(float)
    ims, ys = np.zeros((n, 16, 16)), rng.integers(0, 5, n)
    for i, c in enumerate(ys):
        r = rng.uniform(3.0, 5.5)
        cy, cx = rng.uniform(r + 0.5, 15.5 - r, 2)
        dy, dx = yy - cy, xx - cx
        if c == 0:
            m = dy ** 2 + dx ** 2 <= r ** 2
        elif c == 1:
            m = (np.abs(dy) <= r * 0.85) & (np.abs(dx) <= r * 0.85)
        elif c == 2:
            m = (dy <= r * 0.8) & (dy >= -r) & (np.abs(dx) <= (dy + r) * 0.55)
        elif c == 3:
            m = ((np.abs(dy) <= r * 0.3) & (np.abs(dx) <= r)) | (
                (np.abs(dx) <= r * 0.3) & (np.abs(dy) <= r))
        else:
            d2 = np.sqrt(dy ** 2 + dx ** 2)
            m = (d2 <= r) & (d2 >= r * 0.55)
        ims[i] = m * rng.uniform(0.5, 1.0) + rng.uniform(-0.1, 0.2)
    return ims + rng.normal(0, 0.3, ims.shape), ys


def _b37_weave(n, rng):
    """n textures (0 horizontal, 1 vertical, 2 diagonal stripes, 3 checker, 4 dots) with noise."""
    yy, xx = np.mgrid[0:16, 0:16].astype(float)
    ims, ys = np.zeros((n, 16, 16)), rng.integers(0, 5, n)
    for i, c in enumerate(ys):
        f = rng.uniform(0.5, 1.1)
        p, q = rng.uniform(0, 2 * np.pi, 2)
        if c == 0:
            im = np.sin(f * yy + p)
        elif c == 1:
            im = np.sin(f * xx + p)
        elif c == 2:
            s = rng.choice([-1.0, 1.0])
            im = np.sin(f * (xx + s * yy) / np.sqrt(2) + p)
        elif c == 3:
            im = np.sign(np.sin(f * xx + p) * np.sin(f * yy + q))
        else:
            im = (np.sin(f * xx + p) + np.sin(f * yy + q)) / 2
        ims[i] = im * rng.uniform(0.4, 1.0)
    return ims + rng.normal(0, 1.0, ims.shape), ys


def _dev37_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-seventh batch: 16x16 grey images flattened (256 features), standardised by the
    train pixels' mean and sd: b37_digits16 (10 classes; 1500 train), b37_shapes16 (5 classes;
    1500 train), b37_weave16 (5 classes; 1500 train); VAL_SIZE val. label_noise flips that
    share of the train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 370000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 1500
    make = {"b37_digits16": _b37_digits, "b37_shapes16": _b37_shapes,
            "b37_weave16": _b37_weave}[name]
    x, y = make(n_tr + n_va, rng)
    x = x.reshape(len(x), 256)
    mu, sd = x[n_va:].mean(), x[n_va:].std() + 1e-8
    x = ((x - mu) / sd).astype(np.float32)
    k = 10 if name == "b37_digits16" else 5
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x[n_va:], y_tr.astype(np.int64), x[:n_va],
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV37_TASKS, _dev37_task))
# the CNN: (conv 3x3 - BatchNorm - ReLU - maxpool) x2, dropout, a hidden Linear, dropout, the head
B37_WIDTHS = {"tiny": (1, 2), "small": (8, 32), "medium": (16, 64), "wide": (48, 256)}


def _b37_cnn(n_classes, size, dropout, aug, flip):
    """Thirty-seventh batch: a small CNN over 16x16 flattened images with BatchNorm and dropout;
    aug: in train mode only, each image shifted by up to 2 pixels (zero padding), flipped left
    to right with p 0.5 (flip), plus N(0, 0.3^2) pixel noise, drawn from torch's global RNG."""
    torch = _torch()
    nn = torch.nn
    w, h = B37_WIDTHS[size]

    class B37CNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv2d(1, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(w, 2 * w, 3, padding=1), nn.BatchNorm2d(2 * w), nn.ReLU(),
                nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(dropout),
                nn.Linear(2 * w * 16, h), nn.ReLU(), nn.Dropout(dropout), nn.Linear(h, n_classes))

        def forward(self, x):
            x = x.reshape(-1, 1, 16, 16)
            if self.training and aug:
                b = x.shape[0]
                p = nn.functional.pad(x, (2, 2, 2, 2))
                oy = torch.randint(0, 5, (b,))
                ox = torch.randint(0, 5, (b,))
                x = torch.stack([p[i, :, oy[i]:oy[i] + 16, ox[i]:ox[i] + 16] for i in range(b)])
                if flip:
                    f = torch.rand(b) < 0.5
                    x = torch.where(f[:, None, None, None], x.flip(-1), x)
                x = x + 0.3 * torch.randn_like(x)
            return self.body(x)

    return B37CNN()


_b37_prev_make_model = make_model


def make_model(task: Task, size: str = "small", arch: str | None = None,  # noqa: F811
               dropout: float = 0.0, seed: int = 0):
    """The earlier make_model; arch "b37cnn" (thirty-seventh batch): _b37_cnn with augmentation
    and dropout (the recipe's, else 0.5), "b37cnn_bare": the same CNN without augmentation or
    dropout (BatchNorm kept)."""
    if arch in ("b37cnn", "b37cnn_bare"):
        torch = _torch()
        torch.manual_seed(seed)
        bare = arch == "b37cnn_bare"
        return _b37_cnn(task.n_classes, size, 0.0 if bare else (dropout or 0.5), not bare,
                        B37_FLIP.get(task.name, False))
    return _b37_prev_make_model(task, size, arch, dropout, seed)



# ----------------------------------------------------------------------------- thirty-eighth batch
# SEQUENCE MODELS FROM SCRATCH, THE WAY LM SCRIPTS LOG THEM (gen_torch.b38_recipes,
# gen_hf_keras.b38_dev38): tiny GPT-style causal transformers trained from scratch on three
# generated token streams, next-token prediction over windows of B38_SEQ tokens (kind "lm"):
# b38_grammar_lm (sentences of a small agreement grammar, word tokens), b38_arith_lm (two-digit
# additions "37+45=82;" as characters: the sum is determined, the operands are not) and
# b38_markov_lm (a first-order Markov source over 12 symbols with sparse Dirichlet(0.3) rows: its
# entropy rate is known, B38_MARKOV_H). Train windows come from the first 90% of each stream, val
# windows from the last 10%. Registered at the end of the file so the earlier tasks keep their
# order and draws.
DEV38_TASKS = ("b38_grammar_lm", "b38_arith_lm", "b38_markov_lm")
TASK_SPLIT.update(dict.fromkeys(DEV38_TASKS, "dev"))
B38_SEQ = 48            # tokens per window
B38_STREAM = 120000     # tokens per generated stream


def _b38_grammar_stream(n_tok, seed):
    """Sentences "the big dog sees a cat ." with number agreement (a / the + singular noun ->
    verb+s; some / the + plural noun -> plural verb), optional adjectives and a prepositional
    phrase, as word ids."""
    rng = np.random.default_rng(seed)
    det_s, det_p = ["a", "the", "this"], ["some", "the", "these"]
    adj = ["big", "small", "red", "old", "quick", "lazy"]
    noun_s = ["dog", "cat", "bird", "child", "farmer", "robot", "tree"]
    noun_p = [w + "s" for w in noun_s]
    verb_s = ["sees", "likes", "chases", "finds", "hears"]
    verb_p = ["see", "like", "chase", "find", "hear"]
    prep = ["near", "under", "with"]
    words = sorted(set(det_s + det_p + adj + noun_s + noun_p + verb_s + verb_p + prep
                       + [".", "and"]))
    lut = {w: i for i, w in enumerate(words)}

    def np_(plural):
        out = [str(rng.choice(det_p if plural else det_s))]
        if rng.random() < 0.4:
            out.append(str(rng.choice(adj)))
        out.append(str(rng.choice(noun_p if plural else noun_s)))
        return out

    toks = []
    while len(toks) < n_tok:
        pl = rng.random() < 0.4
        sent = np_(pl) + [str(rng.choice(verb_p if pl else verb_s))]
        if rng.random() < 0.7:
            sent += np_(rng.random() < 0.4)
        if rng.random() < 0.3:
            sent += [str(rng.choice(prep))] + np_(rng.random() < 0.4)
        if rng.random() < 0.15:
            sent += ["and"] + np_(rng.random() < 0.4)
        toks += [lut[w] for w in sent + ["."]]
    return np.array(toks[:n_tok], dtype=np.int64), len(words)


def _b38_arith_stream(n_tok, seed):
    """"a+b=c;" with a, b uniform in 0-99, as characters (0-9 + = ;)."""
    rng = np.random.default_rng(seed)
    chars = "0123456789+=;"
    lut = {c: i for i, c in enumerate(chars)}
    out = []
    while len(out) < n_tok:
        a, b = (int(v) for v in rng.integers(0, 100, 2))
        out += [lut[c] for c in f"{a}+{b}={a + b};"]
    return np.array(out[:n_tok], dtype=np.int64), len(chars)


def _b38_markov_matrix():
    """The Markov source's 12x12 transition matrix (rows Dirichlet(0.3), fixed)."""
    return np.random.default_rng(380300).dirichlet(np.full(12, 0.3), size=12)


def b38_markov_entropy() -> float:
    """The Markov source's entropy rate in nats (its stationary mix of the rows' entropies)."""
    P = _b38_markov_matrix()
    w, v = np.linalg.eig(P.T)
    pi = np.real(v[:, np.argmin(np.abs(w - 1))])
    pi = pi / pi.sum()
    return float(-(pi[:, None] * P * np.log(np.clip(P, 1e-300, None))).sum())


def _b38_markov_stream(n_tok, seed):
    P = _b38_markov_matrix()
    rng = np.random.default_rng(seed)
    c = np.cumsum(P, 1)
    u = rng.random(n_tok)
    out = np.empty(n_tok, dtype=np.int64)
    s = 0
    for i in range(n_tok):
        s = min(int(np.searchsorted(c[s], u[i])), 11)
        out[i] = s
    return out, 12


def _dev38_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-eighth batch: b38_grammar_lm (word tokens, 40 words), b38_arith_lm (13
    characters), b38_markov_lm (12 symbols); kind "lm", windows of B38_SEQ tokens and the next
    token at every position; 3000 train windows from the first 90% of the stream (one stream per
    task, windows drawn by seed), VAL_SIZE val windows from the last 10%; label_noise replaces
    that share of the train targets by a uniform token."""
    split = TASK_SPLIT[name]
    gen = {"b38_grammar_lm": _b38_grammar_stream, "b38_arith_lm": _b38_arith_stream,
           "b38_markov_lm": _b38_markov_stream}[name]
    ids, v = gen(B38_STREAM, 380000 + DEV38_TASKS.index(name))
    rng = np.random.default_rng(381000 + seed)
    cut = int(len(ids) * 0.9)

    def windows(lo, hi, n):
        st = rng.integers(lo, hi - B38_SEQ - 1, size=n)
        return (np.stack([ids[s:s + B38_SEQ] for s in st]),
                np.stack([ids[s + 1:s + B38_SEQ + 1] for s in st]))

    x_tr, y_tr = windows(0, cut, n_train or 3000)
    x_va, y_va = windows(cut, len(ids), n_val or VAL_SIZE)
    if label_noise > 0:
        y_tr = y_tr.copy()
        bad = rng.random(y_tr.shape) < label_noise
        y_tr[bad] = rng.integers(0, v, bad.sum())
    return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v, seq_len=B38_SEQ,
                split=split)


DEV12_13.update(dict.fromkeys(DEV38_TASKS, _dev38_task))


# ----------------------------------------------------------------------------- thirty-ninth batch
# KERAS 3 AS PEOPLE USE IT (gen_hf_keras.b39_dev39): three generated tasks of the kind Keras
# tutorials train with model.fit, validation_split, EarlyStopping(restore_best_weights),
# ReduceLROnPlateau, ModelCheckpoint(save_best_only) and class_weight:
# b39_fraud2 (an imbalanced 2-class tabular task, sklearn make_classification, 8% positives, 20
# features), b39_gesture4 (4-class multichannel sequences, 40 steps x 3 accelerometer-like
# channels: circle, shake, swipe, tap, with random amplitude, tempo, phase and noise; flattened to
# 120 features) and b39_outreg (a regression with outliers: sklearn make_friedman1 on 10
# features, standardised target, 6% of the train targets replaced by +-6 sd outliers; the val
# targets are clean). Registered at the end of the file so the earlier tasks keep their order and
# draws.
DEV39_TASKS = ("b39_fraud2", "b39_gesture4", "b39_outreg")
TASK_SPLIT.update(dict.fromkeys(DEV39_TASKS, "dev"))
B39_STEPS, B39_CH = 40, 3       # b39_gesture4: time steps x channels


def _b39_fraud(n, rng):
    """n rows of an imbalanced 2-class task (8% positives), 20 features."""
    from sklearn.datasets import make_classification
    x, y = make_classification(n_samples=n, n_features=20, n_informative=6, n_redundant=4,
                               n_clusters_per_class=2, weights=[0.92], flip_y=0.01,
                               class_sep=0.9, random_state=int(rng.integers(0, 2 ** 31 - 1)))
    return x, y


def _b39_gesture(n, rng):
    """n gestures (0 circle, 1 shake, 2 swipe, 3 tap) as 40 steps x 3 channels, noisy."""
    t = np.linspace(0, 1, B39_STEPS)
    ys = rng.integers(0, 4, n)
    x = np.zeros((n, B39_STEPS, B39_CH))
    for i, c in enumerate(ys):
        a = rng.uniform(0.5, 1.5)
        tempo = rng.uniform(0.7, 1.4)
        ph = rng.uniform(0, 2 * np.pi)
        if c == 0:      # circle: sin / cos on two channels, one or two turns
            w = 2 * np.pi * tempo * rng.choice([1.0, 2.0])
            x[i, :, 0], x[i, :, 1] = a * np.sin(w * t + ph), a * np.cos(w * t + ph)
        elif c == 1:    # shake: fast oscillation on one channel
            ch = rng.integers(0, 3)
            x[i, :, ch] = a * np.sin(2 * np.pi * 6 * tempo * t + ph)
        elif c == 2:    # swipe: a smooth ramp on one channel and back
            ch = rng.integers(0, 3)
            mid = rng.uniform(0.3, 0.7)
            x[i, :, ch] = a * np.tanh((t - mid) * 8 * tempo)
        else:           # tap: two or three sharp impulses on the third channel
            for s in rng.choice(B39_STEPS - 2, rng.integers(2, 4), replace=False):
                x[i, s:s + 2, 2] += a * 2.0
        x[i] += rng.normal(0, 0.45, (B39_STEPS, B39_CH))
    return x.reshape(n, B39_STEPS * B39_CH), ys


def _dev39_task(name, seed, n_train, label_noise, n_val=None):
    """Thirty-ninth batch: b39_fraud2 (2 classes, 8% positives; 3000 train, 800 val so that the
    val set has ~60 positives), b39_gesture4 (4 classes; 1500 train, VAL_SIZE val), b39_outreg
    (regression; 1500 train, VAL_SIZE val, 6% train outliers); features standardised with the
    train statistics. label_noise flips that share of the train labels (classification) or adds
    that share more outliers (regression)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 390000)
    if name == "b39_fraud2":
        n_va, n_tr = n_val or 800, n_train or 3000
        x, y = _b39_fraud(n_tr + n_va, rng)
    elif name == "b39_gesture4":
        n_va, n_tr = n_val or VAL_SIZE, n_train or 1500
        x, y = _b39_gesture(n_tr + n_va, rng)
    else:
        from sklearn.datasets import make_friedman1
        n_va, n_tr = n_val or VAL_SIZE, n_train or 1500
        x, y = make_friedman1(n_tr + n_va, n_features=10, noise=1.0,
                              random_state=int(rng.integers(0, 2 ** 31 - 1)))
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    if name == "b39_outreg":
        mu, sd = y[n_va:].mean(), y[n_va:].std()
        y = (y - mu) / sd
        y_tr, y_va = y[n_va:].copy(), y[:n_va]
        bad = rng.random(len(y_tr)) < 0.06 + label_noise
        y_tr[bad] = rng.choice([-6.0, 6.0], bad.sum()) + rng.normal(0, 1.0, bad.sum())
        return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                    y_va.astype(np.float32), split=split)
    k = 2 if name == "b39_fraud2" else 4
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV39_TASKS, _dev39_task))
B39_GRU = {"tiny": 2, "small": 24, "medium": 48, "wide": 128}


def _b39_gru(n_classes, size):
    """Thirty-ninth batch: a GRU over the 40 x 3 gesture windows, the last state to the head."""
    torch = _torch()
    nn = torch.nn
    h = B39_GRU[size]

    class B39GRU(nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = nn.GRU(B39_CH, h, batch_first=True)
            self.head = nn.Linear(h, n_classes)

        def forward(self, x):
            out, _ = self.gru(x.reshape(-1, B39_STEPS, B39_CH))
            return self.head(out[:, -1])

    return B39GRU()


_b39_prev_make_model = make_model


def make_model(task: Task, size: str = "small", arch: str | None = None,  # noqa: F811
               dropout: float = 0.0, seed: int = 0):
    """The earlier make_model; arch "b39gru" (thirty-ninth batch): _b39_gru."""
    if arch == "b39gru":
        torch = _torch()
        torch.manual_seed(seed)
        return _b39_gru(task.n_classes, size)
    return _b39_prev_make_model(task, size, arch, dropout, seed)


# ----------------------------------------------------------------------------- fortieth batch
# LIGHTNING DEFAULTS AND LOSSES OTHER THAN CROSS-ENTROPY (gen_torch.b40_recipes,
# gen_hf_keras.b40_dev40): three generated tasks whose loss is not a cross-entropy:
# b40_outlier_reg (a regression with heavy-tailed outliers in its targets, trained with the
# SmoothL1 / Huber loss, beta 1: sklearn make_regression's linear part plus a sine and an
# interaction term, 8% of the train and val targets shifted by +-5-15 sd), b40_tags_ml (8-label
# multi-label tagging from sklearn make_multilabel_classification's bag-of-words counts, log1p
# and standardised, BCE-with-logits: a good model's val loss floors near 0.2, far below ln 2) and
# b40_pinball_fc (a one-step forecast of a seasonal series with noise whose spread follows the
# season, 24 lagged values in, the 0.9 quantile out, trained with the pinball loss). Registered
# just before the __main__ block, after the earlier batches, so they keep their order and draws.
DEV40_TASKS = ("b40_outlier_reg", "b40_tags_ml", "b40_pinball_fc")
TASK_SPLIT.update(dict.fromkeys(DEV40_TASKS, "dev"))
B40_QUANTILE = 0.9      # b40_pinball_fc: the quantile its pinball loss targets
B40_LAGS = 24           # b40_pinball_fc: lagged values per window


def _b40_outlier_reg(n, rng):
    """make_regression (10 features, 6 informative) standardised, + 0.8 sin(2 x0) + 0.5 x1 x2,
    N(0, 0.3^2) noise; 8% of the targets shifted by +-U(5, 15)."""
    from sklearn.datasets import make_regression
    x, y = make_regression(n_samples=n, n_features=10, n_informative=6, noise=0.0,
                           random_state=int(rng.integers(1 << 30)))
    y = (y - y.mean()) / y.std()
    y = y + 0.8 * np.sin(2 * x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + rng.normal(0, 0.3, n)
    bad = rng.random(n) < 0.08
    y[bad] += rng.choice([-1.0, 1.0], bad.sum()) * rng.uniform(5, 15, bad.sum())
    return x, y


def _b40_tags(n, rng):
    """make_multilabel_classification: 40 count features, 8 labels, ~2 labels per row."""
    from sklearn.datasets import make_multilabel_classification
    x, y = make_multilabel_classification(n_samples=n, n_features=40, n_classes=8, n_labels=2,
                                          length=60, allow_unlabeled=True,
                                          random_state=int(rng.integers(1 << 30)))
    return np.log1p(x), y


def _b40_series(n, rng):
    """n windows of B40_LAGS values of a seasonal series (period 24, a slow trend) whose noise
    sd follows the season (0.2-1.0), and the next value."""
    m = n + B40_LAGS + 1
    t = np.arange(m)
    season = np.sin(2 * np.pi * t / 24) + 0.4 * np.sin(2 * np.pi * t / 168 + rng.uniform(0, 6))
    sd = 0.6 + 0.4 * np.sin(2 * np.pi * t / 24 + 1.0)
    z = season + 0.0005 * t + rng.normal(0, 1, m) * sd
    idx = np.arange(n)
    x = np.stack([z[i:i + B40_LAGS] for i in idx])
    y = z[idx + B40_LAGS]
    return x, y


def _dev40_task(name, seed, n_train, label_noise, n_val=None):
    """Fortieth batch: b40_outlier_reg (regression, 10 features), b40_tags_ml (multilabel, 40
    features, 8 labels), b40_pinball_fc (regression, 24 lags, the 0.9 quantile); 2000 train
    rows unless n_train, VAL_SIZE val rows (the last ones of the series on b40_pinball_fc);
    inputs standardised with the train statistics; label_noise: multilabel flips that share of
    the train label bits, the regressions add N(0, (3 label_noise)^2) to the train targets."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 400000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 2000
    if name == "b40_pinball_fc":
        x, y = _b40_series(2000 + VAL_SIZE, rng)
        x_tr, y_tr = x[:2000][-n_tr:], y[:2000][-n_tr:]
        x_va, y_va = x[2000:2000 + n_va], y[2000:2000 + n_va]
    else:
        make = _b40_outlier_reg if name == "b40_outlier_reg" else _b40_tags
        x, y = make(n_tr + n_va, rng)
        x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:], x[:n_va], y[:n_va]
    x_tr, x_va = _standardise(x_tr, x_va)
    if name == "b40_tags_ml":
        y_tr = y_tr.copy()
        if label_noise > 0:
            flip = rng.random(y_tr.shape) < label_noise
            y_tr[flip] = 1 - y_tr[flip]
        return Task(name, "multilabel", x_tr, y_tr.astype(np.float32), x_va,
                    y_va.astype(np.float32), n_classes=8, split=split)
    if label_noise > 0:
        y_tr = y_tr + rng.normal(0, 3 * label_noise, len(y_tr))
    return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va, y_va.astype(np.float32),
                split=split)


DEV12_13.update(dict.fromkeys(DEV40_TASKS, _dev40_task))


# ----------------------------------------------------------------------------- forty-first batch
# QUICK EXPERIMENTS AS PEOPLE RUN THEM (gen_torch.b41_recipes, gen_hf_keras.b41_dev41): three
# generated tasks of the kind a notebook experiment trains for 3-10 epochs with Adam 1e-3 and
# batch 32 / 64: b41_churn2 (a 2-class tabular task, sklearn make_classification on 14 features,
# 30% positives, 4% flipped labels), b41_topics4 (text-like: bags of 40 words over a 250-word
# vocabulary drawn from one of 4 topic word distributions that share 88% of their mass,
# log1p counts) and b41_glyphs5 (image-like: 10x10 images of 5 glyphs, a bar, a cross, a ring, an
# L and a diagonal, shifted by up to 2 pixels, with N(0, 0.6^2) pixel noise, flattened).
# Registered at the end of the file so the earlier tasks keep their order and draws.
DEV41_TASKS = ("b41_churn2", "b41_topics4", "b41_glyphs5")
TASK_SPLIT.update(dict.fromkeys(DEV41_TASKS, "dev"))
B41_VOCAB, B41_DOC, B41_SIDE = 250, 40, 10


def _b41_topics(n, rng):
    """n documents of B41_DOC words from one of 4 topics (a shared background 88%, a topic
    distribution 12%); log1p word counts."""
    topic_rng = np.random.default_rng(410417)       # the same topics for every seed
    bg = topic_rng.dirichlet(np.full(B41_VOCAB, 0.5))
    tops = topic_rng.dirichlet(np.full(B41_VOCAB, 0.3), 4)
    ys = rng.integers(0, 4, n)
    x = np.zeros((n, B41_VOCAB))
    for i, c in enumerate(ys):
        p = 0.88 * bg + 0.12 * tops[c]
        x[i] = rng.multinomial(B41_DOC, p / p.sum())
    return np.log1p(x), ys


def _b41_glyphs(n, rng):
    """n 10x10 glyphs (0 bar, 1 cross, 2 ring, 3 L, 4 diagonal), shifted up to 2 pixels, with
    N(0, 0.6^2) pixel noise; flattened."""
    S = B41_SIDE
    base = np.zeros((5, S, S))
    base[0, 4:6, 2:8] = 1                       # a horizontal bar
    base[1, 4:6, 2:8] = 1
    base[1, 2:8, 4:6] = 1                       # a cross
    yy, xx = np.mgrid[:S, :S]
    r = np.hypot(yy - 4.5, xx - 4.5)
    base[2] = ((r > 1.8) & (r < 3.2)).astype(float)     # a ring
    base[3, 2:8, 2:4] = 1
    base[3, 6:8, 2:8] = 1                       # an L
    for k in range(2, 8):
        base[4, k, k] = base[4, k, min(k + 1, S - 1)] = 1   # a diagonal
    ys = rng.integers(0, 5, n)
    x = np.zeros((n, S, S))
    for i, c in enumerate(ys):
        dy, dx = rng.integers(-2, 3, 2)
        x[i] = np.roll(np.roll(base[c], dy, 0), dx, 1) * rng.uniform(0.6, 1.2)
    x += rng.normal(0, 0.6, x.shape)
    return x.reshape(n, S * S), ys


def _dev41_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-first batch: b41_churn2 (2 classes, 14 features), b41_topics4 (4 classes, 250
    log1p counts), b41_glyphs5 (5 classes, 100 pixels); 2000 train rows unless n_train,
    VAL_SIZE val rows; inputs standardised with the train statistics; label_noise flips that
    share of the train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 410000)
    n_va, n_tr = n_val or VAL_SIZE, n_train or 2000
    if name == "b41_churn2":
        from sklearn.datasets import make_classification
        x, y = make_classification(n_samples=n_tr + n_va, n_features=14, n_informative=8,
                                   n_redundant=3, n_clusters_per_class=3, weights=[0.7],
                                   flip_y=0.04, class_sep=0.8,
                                   random_state=int(rng.integers(0, 2 ** 31 - 1)))
        k = 2
    elif name == "b41_topics4":
        x, y = _b41_topics(n_tr + n_va, rng)
        k = 4
    else:
        x, y = _b41_glyphs(n_tr + n_va, rng)
        k = 5
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV41_TASKS, _dev41_task))


# ----------------------------------------------------------------------------- forty-second batch
# HF TRAINER WITH SEVERAL EVAL SETS AND CUSTOM METRICS (gen_hf_keras.b42_dev42): three generated /
# shipped classification tasks, each with a second, SHIFTED held-out set beside the in-domain one
# (Trainer(eval_dataset={"in_domain": ..., "shifted": ...}) logs eval_in_domain_loss and
# eval_shifted_loss, ...): b42_reviews3 (3 classes, sklearn make_classification on 40 features;
# shifted: a covariate shift, every feature moved by 0.5-1 sd and 20% wider), b42_digits_ood
# (sklearn's shipped 8x8 digits, 10 classes; shifted: other held-out digits at 70% contrast
# with pixel noise on the inked pixels) and b42_claims2 (an imbalanced 2-class task, 12%
# positives, sklearn make_classification on 16 features; shifted: a prior shift, 40% positives
# drawn from the same generator). The shifted set is kept as task.x_shift / task.y_shift.
# Registered just before the __main__ block, after the earlier batches, so they keep their order
# and draws.
DEV42_TASKS = ("b42_reviews3", "b42_digits_ood", "b42_claims2")
TASK_SPLIT.update(dict.fromkeys(DEV42_TASKS, "dev"))
B42_SHIFT_SIZE = 300    # rows of each task's shifted eval set


def _b42_reviews(n, rng):
    from sklearn.datasets import make_classification
    return make_classification(n_samples=n, n_features=40, n_informative=12, n_redundant=8,
                               n_classes=3, n_clusters_per_class=2, class_sep=1.0, flip_y=0.03,
                               random_state=int(rng.integers(1 << 30)))


def _b42_claims(n, rng):
    from sklearn.datasets import make_classification
    return make_classification(n_samples=n, n_features=16, n_informative=6, n_redundant=4,
                               n_clusters_per_class=2, weights=[0.88], flip_y=0.02,
                               class_sep=1.0, random_state=int(rng.integers(1 << 30)))


def _dev42_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-second batch: b42_reviews3 (3 classes, 40 features, 2000 train rows), b42_digits_ood
    (10 classes, 64 pixels, the 1797 shipped digits: 300 in-domain val, 300 shifted, the rest
    train), b42_claims2 (2 classes, 12% positives, 16 features, 2000 train rows); VAL_SIZE
    in-domain val rows and B42_SHIFT_SIZE shifted rows (task.x_shift / y_shift); inputs
    standardised with the train statistics; n_train subsamples the train rows, label_noise flips
    that share of the train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 420000)
    n_va, n_sh = n_val or VAL_SIZE, B42_SHIFT_SIZE
    if name == "b42_digits_ood":
        from sklearn.datasets import load_digits
        d = load_digits()
        idx = rng.permutation(len(d.target))
        x, y = d.data[idx].astype(float), d.target[idx]
        x_va, y_va = x[:n_va], y[:n_va]
        x_sh, y_sh = x[n_va:n_va + n_sh], y[n_va:n_va + n_sh]
        x_tr, y_tr = x[n_va + n_sh:], y[n_va + n_sh:]
        inked = x_tr.mean(0) > 1.0      # noise on the pixels the digits use (not the border)
        x_sh = np.clip(0.7 * x_sh + inked * rng.normal(0, 2.0, x_sh.shape), 0, 16)
        k = 10
    elif name == "b42_reviews3":
        x, y = _b42_reviews(2000 + n_va + n_sh, rng)
        x_va, y_va = x[:n_va], y[:n_va]
        x_sh, y_sh = x[n_va:n_va + n_sh], y[n_va:n_va + n_sh]
        sd = x[n_va + n_sh:].std(0)
        x_sh = 1.2 * x_sh + rng.uniform(0.5, 1.0, x.shape[1]) * sd * rng.choice([-1, 1], x.shape[1])
        x_tr, y_tr = x[n_va + n_sh:], y[n_va + n_sh:]
        k = 3
    else:
        x, y = _b42_claims(2000 + n_va + 3000, rng)
        x_tr, y_tr = x[:2000], y[:2000]
        x_va, y_va = x[2000:2000 + n_va], y[2000:2000 + n_va]
        pool_x, pool_y = x[2000 + n_va:], y[2000 + n_va:]
        pos, neg = np.flatnonzero(pool_y == 1), np.flatnonzero(pool_y == 0)
        n_pos = min(len(pos), int(0.4 * n_sh))
        pick = np.concatenate([pos[:n_pos], neg[:n_sh - n_pos]])
        x_sh, y_sh = pool_x[pick], pool_y[pick]
        k = 2
    if n_train and n_train < len(x_tr):
        keep = rng.permutation(len(x_tr))[:n_train]
        x_tr, y_tr = x_tr[keep], y_tr[keep]
    mu, sdv = x_tr.mean(0), x_tr.std(0)
    sdv = np.where(sdv < 1e-8, 1.0, sdv)
    x_tr, x_va = _standardise(x_tr, x_va)
    x_sh = ((x_sh - mu) / sdv).astype(np.float32)
    y_tr = _flip(y_tr, k, label_noise, rng)
    t = Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va, y_va.astype(np.int64),
             n_classes=k, split=split)
    t.x_shift, t.y_shift = x_sh, y_sh.astype(np.int64)
    return t


DEV12_13.update(dict.fromkeys(DEV42_TASKS, _dev42_task))



# ----------------------------------------------------------------------------- forty-fourth batch
# LONG PER-STEP TRAININGS WITH FEW EVALUATIONS (gen_torch.b44_recipes, gen_hf_keras.b44_dev44):
# three generated tabular tasks that an MLP needs thousands of optimiser steps on, trained for
# 2,000-8,000 steps with the train loss logged every 5-10 steps and an evaluation every 250-500
# steps: b44_sensors6 (6 classes, sklearn make_classification on 30 features, 12 informative,
# 2 clusters a class, 3% flipped labels), b44_shells3 (3 classes, sklearn make_gaussian_quantiles
# in 6-D: nested shells, plus 4 pure-noise features; non-linear) and b44_moons4 (4 classes, two
# independent sklearn make_moons draws (noise 0.25) in 4 dimensions, class = 2 moonA + moonB,
# plus 6 noise features, all 10 mixed by a fixed random rotation). 3000 train rows (12,000 for
# b44_sensors6, where a 2x64 MLP overfits 3000 within 1,200 steps) unless n_train, 600 val
# rows. Registered just before the __main__ block, after the earlier batches, so they keep their
# order and draws.
DEV44_TASKS = ("b44_sensors6", "b44_shells3", "b44_moons4")
TASK_SPLIT.update(dict.fromkeys(DEV44_TASKS, "dev"))
B44_N_VAL = 600


def _b44_data(name, n, rng):
    """n rows of a forty-fourth-batch task: (x, y, classes)."""
    rs = int(rng.integers(0, 2 ** 31 - 1))
    if name == "b44_sensors6":
        from sklearn.datasets import make_classification
        x, y = make_classification(n_samples=n, n_features=30, n_informative=12, n_redundant=6,
                                   n_classes=6, n_clusters_per_class=2, class_sep=1.0,
                                   flip_y=0.03, random_state=rs)
        return x, y, 6
    if name == "b44_shells3":
        from sklearn.datasets import make_gaussian_quantiles
        x, y = make_gaussian_quantiles(n_samples=n, n_features=6, n_classes=3, random_state=rs)
        return np.hstack([x, rng.normal(0, 1, (n, 4))]), y, 3
    from sklearn.datasets import make_moons
    xa, ya = make_moons(n_samples=n, noise=0.25, random_state=rs)
    xb, yb = make_moons(n_samples=n, noise=0.25, random_state=rs + 1)
    pb = rng.permutation(n)
    x = np.hstack([xa, xb[pb], rng.normal(0, 1, (n, 6))])
    rot, _ = np.linalg.qr(np.random.default_rng(440044).normal(size=(10, 10)))  # fixed
    return x @ rot, 2 * ya + yb[pb], 4


def _dev44_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-fourth batch: 3000 train rows (b44_sensors6 12,000) unless n_train, B44_N_VAL val
    rows (n_val fewer); inputs standardised with the train statistics; label_noise flips that
    share of the train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 440000)
    n_va = n_val or B44_N_VAL
    n_tr = n_train or (12000 if name == "b44_sensors6" else 3000)
    x, y, k = _b44_data(name, n_tr + n_va, rng)
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV44_TASKS, _dev44_task))

# ----------------------------------------------------------------------------- forty-third batch
# QUICK EXPERIMENTS, SECOND ROUND (gen_torch.b43_recipes, gen_hf_keras.b43_dev43): three generated
# tasks unlike the forty-first batch's, trained as a notebook or course experiment is, 3-15
# evaluations at Adam / AdamW 1e-3, batch 32: b43_energy_reg (a tabular regression with SCALED
# targets: sklearn make_friedman1 on 10 features with noise 1.5, a tenth of the target's
# variance, the target standardised with the train mean and sd, so a constant prediction scores
# MSE ~1), b43_species8 (an 8-class classification, sklearn make_classification on 20 features,
# 10 informative, one cluster a class, 2% flipped labels) and b43_pulses6 (a SHORT-SEQUENCE
# task: 24-step float sequences of 6 shapes, a rise, a fall, an early and a late bump, a slow and
# a fast oscillation, with a random offset, scale and N(0, 0.35^2) noise; the models read it as
# a sequence, a GRU one value a step, or flattened). 2400 train rows (75 steps an epoch at batch
# 32) unless n_train, VAL_SIZE val rows.
# Registered at the end of the file so the earlier tasks keep their order and draws.
DEV43_TASKS = ("b43_energy_reg", "b43_species8", "b43_pulses6")
TASK_SPLIT.update(dict.fromkeys(DEV43_TASKS, "dev"))
B43_LEN = 24            # steps of a b43_pulses6 sequence


def _b43_pulses(n, rng):
    """n sequences of B43_LEN floats from 6 shapes (0 rise, 1 fall, 2 early bump, 3 late bump,
    4 slow and 5 fast oscillation), random offset, scale and phase, N(0, 0.35^2) noise."""
    t = np.linspace(0, 1, B43_LEN)
    ys = rng.integers(0, 6, n)
    x = np.zeros((n, B43_LEN))
    for i, c in enumerate(ys):
        j = rng.uniform(-0.08, 0.08)
        if c == 0:
            z = t
        elif c == 1:
            z = 1 - t
        elif c in (2, 3):
            z = np.exp(-((t - (0.3 if c == 2 else 0.7) - j) / 0.12) ** 2)
        else:
            z = 0.5 + 0.5 * np.sin(2 * np.pi * (1.5 if c == 4 else 4.0) * (t + j))
        x[i] = rng.uniform(-1, 1) + rng.uniform(0.7, 1.5) * z
    x += rng.normal(0, 0.35, x.shape)
    return x, ys


def _dev43_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-third batch: b43_energy_reg (regression, 10 features, target standardised with the
    train statistics), b43_species8 (8 classes, 20 features), b43_pulses6 (6 classes, 24-step
    sequences); 2400 train rows unless n_train, VAL_SIZE val rows; inputs standardised with the
    train statistics (the sequences with one mean and sd over every step, so their shape is
    kept); label_noise flips that share of the train labels (the regression: N(0, label_noise^2)
    added to the standardised train targets, noisy measurements)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 430000)
    n_va, n_tr = n_val or VAL_SIZE, n_train or 2400
    if name == "b43_energy_reg":
        from sklearn.datasets import make_friedman1
        x, y = make_friedman1(n_samples=n_tr + n_va, n_features=10, noise=1.5,
                              random_state=int(rng.integers(1 << 30)))
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        mu, sd = y[n_va:].mean(), y[n_va:].std()
        y_tr = (y[n_va:] - mu) / sd + rng.normal(0, 1, n_tr) * label_noise
        return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                    ((y[:n_va] - mu) / sd).astype(np.float32), split=split)
    if name == "b43_species8":
        from sklearn.datasets import make_classification
        x, y = make_classification(n_samples=n_tr + n_va, n_features=20, n_informative=10,
                                   n_redundant=4, n_classes=8, n_clusters_per_class=1,
                                   class_sep=1.2, flip_y=0.02,
                                   random_state=int(rng.integers(1 << 30)))
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        k = 8
    else:
        x, y = _b43_pulses(n_tr + n_va, rng)
        mu, sd = x[n_va:].mean(), x[n_va:].std()
        x_tr = ((x[n_va:] - mu) / sd).astype(np.float32)
        x_va = ((x[:n_va] - mu) / sd).astype(np.float32)
        k = 6
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV43_TASKS, _dev43_task))


# ----------------------------------------------------------------------------- forty-fifth batch
# SPARSE VALIDATION (gen_torch.b45_recipes, gen_hf_keras.b45_dev45): three generated tabular
# tasks trained for 20-100 epochs with the train loss logged every few steps or every epoch and
# a validation pass only every 2-10 epochs (SummaryWriter loops, Lightning
# check_val_every_n_epoch, HF eval_steps several epochs long, Keras validation_freq): 4-20
# evaluations a run. b45_aniso5 (5 classes, sklearn make_blobs with 2 blobs a class in 6-D,
# sheared by a fixed random linear map, plus 4 pure-noise features), b45_warp_reg (a regression:
# sklearn make_regression on 10 features, 5 informative, its linear score warped by sin and a
# square, plus N(0, 0.35^2) noise, the target standardised with the train statistics) and
# b45_xor4 (4 classes: the signs of two products of sklearn make_classification's informative
# features, an XOR a linear model cannot read, 3% flipped labels). 1200 train rows (38 steps an
# epoch at batch 32) unless n_train, VAL_SIZE val rows.
# Registered at the end of the file so the earlier tasks keep their order and draws.
DEV45_TASKS = ("b45_aniso5", "b45_warp_reg", "b45_xor4")
TASK_SPLIT.update(dict.fromkeys(DEV45_TASKS, "dev"))


def _dev45_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-fifth batch: 1200 train rows unless n_train, VAL_SIZE val rows (n_val fewer);
    inputs standardised with the train statistics; label_noise flips that share of the train
    labels (the regression: N(0, label_noise^2) added to the standardised train targets)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 450000)
    n_va, n_tr = n_val or VAL_SIZE, n_train or 1200
    n = n_tr + n_va
    rs = int(rng.integers(1 << 30))
    if name == "b45_warp_reg":
        from sklearn.datasets import make_regression
        x, z = make_regression(n_samples=n, n_features=10, n_informative=5, noise=0.0,
                               random_state=rs)
        z = z / z.std()
        y = np.sin(2.0 * z) + 0.5 * z ** 2 + rng.normal(0, 0.35, n)
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        mu, sd = y[n_va:].mean(), y[n_va:].std()
        y_tr = (y[n_va:] - mu) / sd + rng.normal(0, 1, n_tr) * label_noise
        return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                    ((y[:n_va] - mu) / sd).astype(np.float32), split=split)
    if name == "b45_aniso5":
        from sklearn.datasets import make_blobs
        x, c = make_blobs(n_samples=n, n_features=6, centers=10, cluster_std=1.6,
                          center_box=(-5, 5), random_state=rs)
        shear = np.random.default_rng(450045).normal(size=(6, 6))      # fixed
        x = np.hstack([x @ shear, rng.normal(0, 1, (n, 4))])
        y, k = c % 5, 5
    else:
        from sklearn.datasets import make_classification
        x, _ = make_classification(n_samples=n, n_features=10, n_informative=4, n_redundant=2,
                                   n_classes=2, random_state=rs)
        y = 2 * (x[:, 0] * x[:, 1] > 0) + (x[:, 2] * x[:, 3] > 0)
        flip = rng.random(n) < 0.03
        y = np.where(flip, rng.integers(0, 4, n), y)
        k = 4
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr = _flip(y[n_va:], k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                y[:n_va].astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV45_TASKS, _dev45_task))


# ----------------------------------------------------------------------------- forty-sixth batch
# UNSCALED REGRESSION AS PEOPLE RUN IT (gen_torch.b46_recipes, gen_hf_keras.b46_dev46): three
# generated tabular regressions whose targets stay in their raw units, trained on losses of
# 1e0-1e11: b46_house_price (a sale price in dollars, 40,000-2,000,000, from floor area, rooms,
# age, lot size, distance to the centre and a condition grade, with multiplicative N(0, 0.15^2)
# log-noise; trained on the MSE of the raw price, so the loss starts near 1e11 and a good model
# ends near 4e9; inputs standardised), b46_trip_counts (hourly bike-rental counts 0-2000, Poisson
# draws of a rate driven by the hour (two rush-hour peaks), temperature, rain, humidity, weekday
# and wind; the inputs UNSCALED (hour 0-23, degrees, percent, km/h) and the target
# LOG-TRANSFORMED, log1p(count), trained on its MSE) and b46_job_secs (batch-job durations in
# seconds, 60-40,000, log-normal: a power law of the input size, files, threads and a
# cache-hit flag; inputs standardised; trained on a Huber loss (delta 1, the torch default) of the
# raw seconds, an L1 in practice: the loss is the mean absolute error minus 0.5, 1e2-1e3).
# 2000 train rows unless n_train, 400 val rows. Registered just before the __main__ block, after
# the earlier batches, so they keep their order and draws.
DEV46_TASKS = ("b46_house_price", "b46_trip_counts", "b46_job_secs")
TASK_SPLIT.update(dict.fromkeys(DEV46_TASKS, "dev"))
B46_N_VAL = 400


def _b46_data(name, n, rng):
    """n rows of a forty-sixth-batch task: (x, raw target)."""
    if name == "b46_house_price":
        area = rng.lognormal(np.log(1800), 0.4, n)              # square feet
        rooms = np.clip(np.round(area / 600 + rng.normal(0, 0.8, n)), 1, 8)
        age = rng.uniform(0, 90, n)
        lot = rng.lognormal(np.log(6000), 0.6, n)
        dist = rng.gamma(2.0, 6.0, n)                            # km to the centre
        grade = rng.integers(1, 6, n).astype(float)
        logp = (np.log(180.0) + np.log(area) - 0.25 * np.log1p(dist) - 0.004 * age
                + 0.00004 * (age - 45) ** 2 + 0.08 * grade + 0.12 * np.log(lot / 6000)
                + 0.05 * (rooms - area / 600))
        y = np.exp(logp + rng.normal(0, 0.15, n))
        return np.stack([area, rooms, age, lot, dist, grade], 1), np.clip(y, 4e4, 2e6)
    if name == "b46_trip_counts":
        hour = rng.integers(0, 24, n).astype(float)
        temp = rng.uniform(-5, 35, n)
        rain = (rng.uniform(0, 1, n) < 0.15).astype(float)
        hum = rng.uniform(20, 100, n)
        wkday = (rng.uniform(0, 1, n) < 5 / 7).astype(float)
        wind = rng.gamma(2.0, 6.0, n)
        peaks = (wkday * (1.6 * np.exp(-((hour - 8) / 1.5) ** 2)
                          + 1.8 * np.exp(-((hour - 17.5) / 2) ** 2))
                 + (1 - wkday) * 1.0 * np.exp(-((hour - 14) / 3.5) ** 2))
        night = -1.8 * np.exp(-((hour - 3) / 2.5) ** 2)
        lograte = (4.2 + peaks + night + 0.06 * temp - 0.0012 * (temp - 22) ** 2 * 1.5
                   - 1.1 * rain - 0.006 * (hum - 50) - 0.02 * wind)
        y = rng.poisson(np.exp(lograte)).astype(float)
        return np.stack([hour, temp, rain, hum, wkday, wind], 1), y
    size = rng.lognormal(np.log(2.0), 1.0, n)                     # GB
    files = rng.lognormal(np.log(200), 1.0, n)
    threads = rng.choice([1.0, 2.0, 4.0, 8.0, 16.0], n)
    cache = (rng.uniform(0, 1, n) < 0.4).astype(float)
    prio = rng.integers(0, 3, n).astype(float)
    logs = (np.log(900.0) + 0.85 * np.log(size) + 0.25 * np.log(files / 200)
            - 0.55 * np.log(threads) - 0.7 * cache + 0.15 * prio)
    y = np.exp(logs + rng.normal(0, 0.3, n))
    return np.stack([size, files, threads, cache, prio, np.log(size)], 1), np.clip(y, 60, 4e5)


def _dev46_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-sixth batch: 2000 train rows unless n_train, B46_N_VAL val rows (n_val fewer); the
    targets in raw units (b46_trip_counts: log1p(count)); the house and job inputs standardised
    with the train statistics, the trip inputs raw; label_noise multiplies the train targets by
    exp(N(0, label_noise^2)) (noisy prices, counts or timings; on the log1p counts: added)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 460000)
    n_va = n_val or B46_N_VAL
    n_tr = n_train or 2000
    x, y = _b46_data(name, n_tr + n_va, rng)
    if name == "b46_trip_counts":
        x_tr, x_va = x[n_va:].astype(np.float32), x[:n_va].astype(np.float32)
        y = np.log1p(y)
    else:
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr = y[n_va:].copy()
    if label_noise:
        e = rng.normal(0, label_noise, n_tr)
        y_tr = y_tr + e if name == "b46_trip_counts" else y_tr * np.exp(e)
    return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                y[:n_va].astype(np.float32), split=split)


DEV12_13.update(dict.fromkeys(DEV46_TASKS, _dev46_task))


# ----------------------------------------------------------------------------- forty-eighth batch
# SMALL VALIDATION SETS (gen_torch.b48_recipes, gen_hf_keras.b48_dev48): three generated tasks
# with few train rows (60-300) trained for many epochs and judged on val sets of 20-48 examples,
# so val accuracy moves in steps of 1/20-1/48 and the val loss is noisy: b48_few4 (4 classes,
# sklearn make_classification on 12 features, 6 informative, one cluster a class, class_sep 2,
# 3% flipped labels; 240 train rows, 48 val rows), b48_quant2 (2 classes, sklearn
# make_gaussian_quantiles in 4-D (an inner ball and an outer shell) plus 4 pure-noise features;
# 300 train rows, 32 val rows; a linear model sits at ln 2) and b48_fold3 (k-fold style: one fixed
# draw of 100 rows of sklearn make_classification, 3 classes on 8 features, split into 5 folds;
# the seed's fold, (seed - 1) % 5, is the 20-row val set, the other 80 rows train). n_train keeps
# the first n_train train rows; n_val draws that many val rows instead (b48_fold3: the fold).
# Registered just before the __main__ block, after the earlier batches, so they keep their
# order and draws.
DEV48_TASKS = ("b48_few4", "b48_quant2", "b48_fold3")
TASK_SPLIT.update(dict.fromkeys(DEV48_TASKS, "dev"))
B48_SIZES = {"b48_few4": (240, 48), "b48_quant2": (300, 32), "b48_fold3": (80, 20)}


def _dev48_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-eighth batch: B48_SIZES train / val rows (n_train keeps that many train rows, n_val
    draws that many val rows; not b48_fold3's); inputs standardised with the train statistics;
    label_noise flips that share of the train labels."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 480000)
    n_tr0, n_va0 = B48_SIZES[name]
    if name == "b48_fold3":
        from sklearn.datasets import make_classification
        x, y = make_classification(n_samples=100, n_features=8, n_informative=4, n_redundant=2,
                                   n_classes=3, n_clusters_per_class=1, class_sep=1.0,
                                   flip_y=0.05, random_state=480003)
        fold = np.arange(100) % 5 == (seed - 1) % 5
        x_tr, x_va = _standardise(x[~fold], x[fold])
        y_tr, y_va = y[~fold], y[fold]
        k = 3
    else:
        n_va = n_val or n_va0
        n = n_tr0 + n_va
        rs = int(rng.integers(1 << 30))
        if name == "b48_few4":
            from sklearn.datasets import make_classification
            x, y = make_classification(n_samples=n, n_features=12, n_informative=6,
                                       n_redundant=2, n_classes=4, n_clusters_per_class=1,
                                       class_sep=2.0, flip_y=0.03, random_state=rs)
            k = 4
        else:
            from sklearn.datasets import make_gaussian_quantiles
            x, y = make_gaussian_quantiles(n_samples=n, n_features=4, n_classes=2,
                                           random_state=rs)
            x = np.hstack([x, rng.normal(0, 1, (n, 4))])
            k = 2
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        y_tr, y_va = y[n_va:], y[:n_va]
    if n_train:
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    y_tr = _flip(y_tr, k, label_noise, rng)
    return Task(name, "classification", x_tr.astype(np.float32), y_tr.astype(np.int64),
                x_va.astype(np.float32), y_va.astype(np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV48_TASKS, _dev48_task))


def for_tasks(tasks, own, prev):
    """A generator's run function (run_plain, run_lightning, run_hf, run_keras) that runs
    ``own`` for runs of ``tasks`` and ``prev``, the earlier one, for every other run."""
    def run(r, task, out):
        return own(r, task, out) if r.task in tasks else prev(r, task, out)
    return run


@contextlib.contextmanager
def patched(owner, name, value):
    """``owner.name`` set to ``value`` while the block runs, the old one back afterwards
    (how a batch wraps an earlier run function: Lightning's Trainer class, SummaryWriter's
    add_scalar, the HF Trainer's log, transformers' TrainingArguments, a check's reader)."""
    before = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield before
    finally:
        setattr(owner, name, before)


def cause_with(prev, tasks, text):
    """A generator's cause(): ``prev``'s text, with ``text(r, task)`` appended for runs of
    ``tasks`` (batches 48 and 51 in gen_torch and gen_hf_keras)."""
    def cause(r, task) -> str:
        s = prev(r, task)
        return s + text(r, task) if r.task in tasks else s
    return cause


def b48_val_text(task: Task, seed: int) -> str:
    """cause() text of a forty-eighth-batch run (gen_torch and gen_hf_keras): the val set's size
    and, on b48_fold3, the fold."""
    k = len(task.x_val)
    fold = f" (fold {(seed - 1) % 5 + 1} of 5)" if task.name == "b48_fold3" else ""
    return f"; val set of {k} examples{fold}: val accuracy in steps of 1/{k}"


# ----------------------------------------------------------------------------- forty-seventh batch
# LOSSES WITH PARTS AND NO NATURAL FLOOR on three new generated tasks (gen_torch.b47_recipes,
# gen_hf_keras.b47_dev47), the nineteenth / fifteenth batches' kinds on data they never saw:
# b47_vae_swiss (kind "vae": sklearn make_swiss_roll (noise 0.4) standardised and sent through
# a fixed random tanh map to B47_VAE_FEATURES dims plus N(0, 0.15^2) noise: a 2-D manifold
# curled in 20-D; the loss the negative ELBO, recon + beta x KL, its parts logged),
# b47_glyph_views (kind "contrastive": 8x8 glyphs in [0, 1], one of 10 fixed random stroke
# patterns a glyph, each drawn with its own 10% flipped pixels, a contrast of 0.6-1 and
# N(0, 0.08^2) noise; InfoNCE over two augmented views, judged on the retrieval accuracy) and
# b47_hetero_friedman (kind "hetero": sklearn make_friedman1 (10 features, 5 used) with noise
# of sd 0.15 + 4 x0^2, so a Gaussian NLL of (mean, variance) goes negative where x0 is small;
# target standardised with the train statistics). VAE and hetero: 2000 train rows unless
# n_train, VAL_SIZE val rows; glyphs CON_TRAIN / CON_VAL as contrastive_digits (label_noise >= 1:
# the two train views drawn once, static pairs). Registered just before the __main__ block,
# after the earlier batches, so they keep their order and draws.
DEV47_TASKS = ("b47_vae_swiss", "b47_glyph_views", "b47_hetero_friedman")
TASK_SPLIT.update(dict.fromkeys(DEV47_TASKS, "dev"))
B47_VAE_FEATURES = 20


def _b47_glyphs(n, rng):
    """n glyphs of b47_glyph_views (64 pixels in [0, 1]) and their pattern index."""
    g = np.random.default_rng(470047)                   # the ten patterns: the same every seed
    protos = np.zeros((10, 8, 8))
    for k in range(10):
        for _ in range(3):                               # three strokes a pattern
            r0, c0 = g.integers(0, 8, 2)
            dr, dc = [(0, 1), (1, 0), (1, 1), (1, -1)][int(g.integers(0, 4))]
            for t in range(int(g.integers(3, 7))):
                r, c = r0 + t * dr, c0 + t * dc
                if 0 <= r < 8 and 0 <= c < 8:
                    protos[k, r, c] = 1.0
    y = rng.integers(0, 10, n)
    x = protos[y].reshape(n, 64)
    x = np.where(rng.random((n, 64)) < 0.10, 1.0 - x, x) * rng.uniform(0.6, 1.0, (n, 1))
    x = np.clip(x + rng.normal(0, 0.08, x.shape), 0.0, 1.0)
    return x.astype(np.float32), y.astype(np.int64)


def _dev47_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-seventh batch (see DEV47_TASKS)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 470000)
    if name == "b47_glyph_views":
        x, y = _b47_glyphs(CON_VAL + CON_TRAIN, rng)
        x_va, y_va = x[:CON_VAL], y[:CON_VAL]
        x_tr, y_tr = x[CON_VAL:], y[CON_VAL:]
        if n_train:
            x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
        if label_noise >= 1:    # the two train views drawn once, at load time (static pairs)
            torch = _torch()
            g = torch.Generator().manual_seed(470700 + seed)
            xt = torch.as_tensor(x_tr)
            x_tr = torch.cat([_augment_digits(xt, g), _augment_digits(xt, g)], 1).numpy()
        return Task(name, "contrastive", x_tr, y_tr, x_va, y_va, n_classes=10, split=split)
    n_tr, n_va = n_train or 2000, n_val or VAL_SIZE
    n = n_tr + n_va
    rs = int(rng.integers(1 << 30))
    if name == "b47_vae_swiss":
        from sklearn.datasets import make_swiss_roll
        u = make_swiss_roll(n, noise=0.4, random_state=rs)[0]
        u = (u - u.mean(0)) / u.std(0)
        m = np.random.default_rng(470470)                  # the map: the same every seed
        w1, b1 = m.normal(0, 1.0, (3, 32)), m.normal(0, 0.5, 32)
        w2 = m.normal(0, 1 / np.sqrt(32), (32, B47_VAE_FEATURES))
        x = np.tanh(u @ w1 + b1) @ w2 + rng.normal(0, 0.15, (n, B47_VAE_FEATURES))
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        return Task(name, "vae", x_tr.astype(np.float32), np.zeros(n_tr, np.float32),
                    x_va.astype(np.float32), np.zeros(n_va, np.float32), split=split)
    from sklearn.datasets import make_friedman1
    x, f = make_friedman1(n, n_features=10, noise=0.0, random_state=rs)
    y = f + rng.normal(0, 1, n) * (0.15 + 4.0 * x[:, 0] ** 2)
    mu, sd = y[n_va:].mean(), y[n_va:].std()
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    y_tr = (y[n_va:] - mu) / sd + rng.normal(0, 1, n_tr) * label_noise
    return Task(name, "hetero", x_tr.astype(np.float32), y_tr.astype(np.float32),
                x_va.astype(np.float32), ((y[:n_va] - mu) / sd).astype(np.float32), split=split)


DEV12_13.update(dict.fromkeys(DEV47_TASKS, _dev47_task))


# ----------------------------------------------------------------------------- forty-ninth batch
# RECURRENT MODELS AND GRADIENT CLIPPING (gen_torch.b49_recipes, gen_hf_keras.b49_dev49): three
# generated token tasks (kind "lm") for LSTMs, GRUs and small vanilla tanh RNNs: b49_add_lm
# (addition of two 3-digit numbers written as a teacher-forced seq2seq: the digits of a and b
# interleaved least significant first, "=", then the 4 digits of the sum least significant
# first; x the 10 tokens, y the 4 sum digits predicted at the last 4 positions; chance ln 10 =
# 2.30; carries make it a real sequence task), b49_reverse_lm (6 random digits, a separator,
# the same digits reversed; x 12 tokens, y the 6 reversed digits; the first reversed digit
# needs the input's last, the last its first: a long dependency a small vanilla RNN cannot
# carry) and b49_dyck_lm (a character LM of generated nested brackets of three kinds with
# letters naming the depth between them, depth up to 7, windows of SEQ_LEN characters and the
# next character at every position; a closing bracket's kind is set by the matching opener, up
# to ~20 characters back). 4000 train / VAL_SIZE val sequences unless n_train / n_val;
# label_noise replaces that share of the train targets by random tokens. Registered just before
# the __main__ block, after the earlier batches, so they keep their order and draws.
DEV49_TASKS = ("b49_add_lm", "b49_reverse_lm", "b49_dyck_lm")
TASK_SPLIT.update(dict.fromkeys(DEV49_TASKS, "dev"))
B49_PLUS, B49_EQ, B49_SEP = 10, 11, 10
B49_DYCK_CHARS = "()[]{}abcd\n"


def _b49_dyck_text(n_chars, rng):
    """b49_dyck_lm's text: lines of balanced brackets of three kinds, depth <= 7, with letters
    that name the depth ("abcd"[depth % 4]): what may close and which letter comes both need the
    open brackets remembered."""
    pairs = ["()", "[]", "{}"]
    out, stack = [], []
    while len(out) < n_chars:
        u = rng.random()
        if stack and (u < 0.35 or len(stack) >= 7):
            out.append(stack.pop())
            if not stack and rng.random() < 0.3:
                out.append("\n")
        elif u < 0.75:
            p = pairs[int(rng.integers(0, 3))]
            out.append(p[0])
            stack.append(p[1])
        else:                                   # a letter: the one of the current depth
            out.append("abcd"[len(stack) % 4])
    idx = {c: i for i, c in enumerate(B49_DYCK_CHARS)}
    return np.array([idx[c] for c in out[:n_chars]], np.int64)


def _b49_seqs(name, n, rng):
    """x, y, vocabulary and sequence length of n b49_add_lm / b49_reverse_lm examples."""
    if name == "b49_add_lm":
        a, b = rng.integers(0, 1000, n), rng.integers(0, 1000, n)
        s = a + b
        da = np.stack([a // 10 ** i % 10 for i in range(3)], 1)   # least significant first
        db = np.stack([b // 10 ** i % 10 for i in range(3)], 1)
        ds = np.stack([s // 10 ** i % 10 for i in range(4)], 1)
        ab = np.stack([da, db], 2).reshape(n, 6)                     # a0 b0 a1 b1 a2 b2
        x = np.concatenate([ab, np.full((n, 1), B49_EQ), ds[:, :-1]], 1)
        return x.astype(np.int64), ds.astype(np.int64), 12, 10
    d = rng.integers(0, 10, (n, 6))
    r = d[:, ::-1]
    x = np.concatenate([d, np.full((n, 1), B49_SEP), r[:, :-1]], 1)
    return x.astype(np.int64), r.astype(np.int64).copy(), 11, 12


def _dev49_task(name, seed, n_train, label_noise, n_val=None):
    """Forty-ninth batch (see DEV49_TASKS)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 490000)
    n_tr, n_va = n_train or 4000, n_val or VAL_SIZE
    if name == "b49_dyck_lm":
        v, L = len(B49_DYCK_CHARS), SEQ_LEN
        text = _b49_dyck_text((n_tr + n_va) * (L + 1), rng)
        w = text.reshape(n_tr + n_va, L + 1)
        x, y = w[:, :-1], w[:, 1:]
    else:
        x, y, v, L = _b49_seqs(name, n_tr + n_va, rng)
    x_tr, y_tr, x_va, y_va = x[n_va:], y[n_va:].copy(), x[:n_va], y[:n_va]
    if label_noise > 0:
        bad = rng.random(y_tr.shape) < label_noise
        y_tr[bad] = rng.integers(0, v, bad.sum())
    return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v, seq_len=L,
                split=split)


DEV12_13.update(dict.fromkeys(DEV49_TASKS, _dev49_task))


def _b49_rnn(task: Task, size: str, nonlin: str = "tanh"):
    """Forty-ninth batch, arch "b49rnn": an embedding and a vanilla (Elman) tanh RNN of 1-6
    layers (tiny 1x16, small 1x32, medium 2x64, deep 6x64, wide 2x128), a head per position
    (the last y positions on the seq2seq tasks)."""
    torch = _torch()
    nn = torch.nn
    hidden, layers = {"tiny": (16, 1), "small": (32, 1), "medium": (64, 2), "deep": (64, 6),
                      "wide": (128, 2)}[size]
    v, k = task.vocab_size, task.y_train.shape[1]

    class B49RNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(v, 32)
            self.rnn = nn.RNN(32, hidden, num_layers=layers, nonlinearity=nonlin,
                              batch_first=True)
            self.out = nn.Linear(hidden, v)

        def forward(self, x):
            h, _ = self.rnn(self.emb(x))
            return self.out(h)[:, -k:]

    return B49RNN()


_b49_prev_make_model = make_model


def make_model(task: Task, size: str = "small", arch: str | None = None,  # noqa: F811
               dropout: float = 0.0, seed: int = 0):
    """The earlier make_model; arch "b49rnn" (forty-ninth batch): _b49_rnn."""
    if arch == "b49rnn":
        torch = _torch()
        torch.manual_seed(seed)
        return _b49_rnn(task, size)
    return _b49_prev_make_model(task, size, arch, dropout, seed)


B49_TEXT = {"b49_add_lm": "the 4 sum digits of two 3-digit numbers, least significant first "
                          "(teacher forced; chance ln 10 = 2.30)",
            "b49_reverse_lm": "6 digits reversed after a separator (teacher forced; the first "
                              "output needs the last input; chance ln 10 = 2.30)",
            "b49_dyck_lm": "next character of nested brackets of three kinds with letters "
                           "(windows of 32; chance ln 11 = 2.40)"}


def b49_rnn_text(name, arch, size, label_noise, clip) -> str:
    """cause() text of a forty-ninth-batch run (gen_torch and gen_hf_keras): the recurrent net,
    random train targets, clipping or none, the task."""
    layers = {"deep": 6, "medium": 2, "wide": 2}.get(size, 1)
    net = {"b49rnn": "vanilla tanh RNN", "lstm": "LSTM", "gru": "GRU"}[arch]
    s = f"; a {layers}-layer {net}"
    if label_noise:
        s += f"; {label_noise:.0%} of the train targets replaced by random tokens"
    s += "" if clip else "; no gradient clipping"
    return s + f"; task: {B49_TEXT[name]}"


# ----------------------------------------------------------------------------- fiftieth batch
# TIME-SERIES FORECASTING WITH TEMPORAL SPLITS (gen_torch.b50_recipes, gen_hf_keras.b50_dev50):
# three generated series, one long series a seed, cut into sliding windows; the train windows
# come from the first B50_CUT of the series, the val windows (inputs and targets) from after it,
# later in time, so val is the future the model never saw (a trend, a new regime or a drift can
# lift val above train from the first evaluation). Each window and its next B50_SHAPES[name][1]
# values (a multi-step horizon, n_targets outputs) are taken relative to the window's last
# value, so a naive last-value forecast predicts 0 (b50_walk_fc: ratios to the last value, the
# naive forecast 1); b50_naive_text gives the naive forecast's val loss, which a good model must
# beat. b50_season_fc (MSE): a level, a linear trend, a daily (24) and a weekly (168) cycle and
# AR(1) noise, 48 values in, 6 out, scaled by the train targets' sd; b50_shift_fc (MAE): a cycle
# of period 16 plus AR(1) noise (phi 0.5) whose level jumps every 150-400 steps and whose noise
# is 1.6x larger after the cut (a new regime in the val window), 32 in, 4 out, scaled by the
# train targets' sd; b50_walk_fc (sMAPE): a positive random walk with drift and a weekly (7)
# multiplicative cycle, 28 in, 7 out: the inputs the ratios to the window's last value minus 1
# (scaled by their train sd), the targets the ratios (the models predict ratio - 1, their loss
# the sMAPE of 1 + output against the ratio). n_train keeps the LAST n_train train windows (a
# short recent history); label_noise adds N(0, label_noise^2) noise to the scaled train targets.
# Registered just before the __main__ block, after the earlier batches, so they keep their
# order and draws.
DEV50_TASKS = ("b50_season_fc", "b50_shift_fc", "b50_walk_fc")
TASK_SPLIT.update(dict.fromkeys(DEV50_TASKS, "dev"))
B50_LEN = 3000          # values in a seed's series
B50_CUT = 0.8           # the train windows end (targets included) at this share of the series
B50_SHAPES = {"b50_season_fc": (48, 6), "b50_shift_fc": (32, 4), "b50_walk_fc": (28, 7)}
B50_LOSS = {"b50_season_fc": "MSE", "b50_shift_fc": "MAE", "b50_walk_fc": "sMAPE"}


def _b50_series(name, rng):
    """A seed's raw series of B50_LEN values (see DEV50_TASKS)."""
    t = np.arange(B50_LEN, dtype=float)
    e = rng.normal(0, 1, B50_LEN)
    if name == "b50_season_fc":
        ar = np.zeros(B50_LEN)
        for i in range(1, B50_LEN):
            ar[i] = 0.7 * ar[i - 1] + 0.3 * e[i]
        return (rng.uniform(-1, 1) + rng.uniform(0.5, 1.5) * t / 1000
                + np.sin(2 * np.pi * t / 24 + rng.uniform(0, 6.3))
                + 0.5 * np.sin(2 * np.pi * t / 168 + rng.uniform(0, 6.3)) + ar)
    if name == "b50_shift_fc":
        cut = int(B50_LEN * B50_CUT)
        mean, ar, x = 0.0, 0.0, np.zeros(B50_LEN)
        nxt = int(rng.integers(150, 400))
        for i in range(1, B50_LEN):
            if i == nxt:
                mean, nxt = rng.normal(0, 2), i + int(rng.integers(150, 400))
            ar = 0.5 * ar + 0.5 * (1.6 if i >= cut else 1.0) * e[i]
            x[i] = mean + ar
        return x + 1.2 * np.sin(2 * np.pi * t / 16 + rng.uniform(0, 6.3))
    w = np.cumsum(0.0008 + 0.015 * e)
    return 100 * np.exp(w + 0.08 * np.sin(2 * np.pi * t / 7 + rng.uniform(0, 6.3)))


def _b50_windows(s, win, h, lo, hi):
    """Windows of win values starting in [lo, hi - win - h] and the h values after each."""
    idx = np.arange(lo, hi - win - h + 1)
    x = np.stack([s[i:i + win] for i in idx])
    y = np.stack([s[i + win:i + win + h] for i in idx])
    return x, y


def _dev50_task(name, seed, n_train, label_noise, n_val=None):
    """Fiftieth batch (see DEV50_TASKS): train windows before B50_CUT, val windows after it."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 500000)
    s = _b50_series(name, rng)
    win, h = B50_SHAPES[name]
    cut = int(B50_LEN * B50_CUT)
    x_tr, y_tr = _b50_windows(s, win, h, 0, cut)
    x_va, y_va = _b50_windows(s, win, h, cut, B50_LEN)
    if n_val:
        x_va, y_va = x_va[:n_val], y_va[:n_val]
    if name == "b50_walk_fc":       # the inputs centred and scaled, the targets ratios
        y_tr, y_va = y_tr / x_tr[:, -1:], y_va / x_va[:, -1:]
        x_tr, x_va = x_tr / x_tr[:, -1:] - 1, x_va / x_va[:, -1:] - 1
        sd = float(x_tr.std())
        x_tr, x_va = x_tr / sd, x_va / sd
    else:
        y_tr, y_va = y_tr - x_tr[:, -1:], y_va - x_va[:, -1:]
        x_tr, x_va = x_tr - x_tr[:, -1:], x_va - x_va[:, -1:]
        sd = float(y_tr.std())
        x_tr, y_tr, x_va, y_va = x_tr / sd, y_tr / sd, x_va / sd, y_va / sd
    if n_train:
        x_tr, y_tr = x_tr[-n_train:], y_tr[-n_train:]
    if label_noise:
        y_tr = y_tr + rng.normal(0, label_noise, y_tr.shape)
    return Task(name, "regression", x_tr.astype(np.float32), y_tr.astype(np.float32),
                x_va.astype(np.float32), y_va.astype(np.float32), split=split, n_targets=h)


DEV12_13.update(dict.fromkeys(DEV50_TASKS, _dev50_task))


def b50_model(task: Task, size: str, arch: str | None, dropout: float = 0.0, seed: int = 0):
    """A fiftieth-batch model (gen_torch and gen_hf_keras wrap make_model with it), or None for
    make_model's own: arch "rnn" / "conv1d" with one output a step of the horizon, "b50_lastK" an
    MLP of that size that reads only the window's last K values (a window too short)."""
    if task.name not in DEV50_TASKS or not (arch in ("rnn", "conv1d")
                                             or (arch or "").startswith("b50_last")):
        return None
    torch = _torch()
    torch.manual_seed(seed)
    if arch == "rnn":
        return _gru_reg(task.n_features, {"tiny": 8, "small": 32, "medium": 64, "wide": 128}[size],
                        task.n_targets)
    if arch == "conv1d":
        return _cnn1d(task.n_features, task.n_targets,
                      {"tiny": 2, "small": 8, "medium": 16, "wide": 32}[size])
    k = int(arch[len("b50_last"):])
    body = _mlp(k, task.n_targets, *MODEL_SIZES[size], dropout)

    class LastK(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.body = body

        def forward(self, x):
            return self.body(x[:, -k:])

    return LastK()


def b50_loss(task: Task, out, y):
    """The fiftieth batch's loss (torch tensors): MSE (b50_season_fc), MAE (b50_shift_fc) or the
    sMAPE of 1 + output against the ratio (b50_walk_fc), mean over the horizon and the batch."""
    F = _torch().nn.functional
    if task.name == "b50_shift_fc":
        return F.l1_loss(out, y)
    if task.name == "b50_walk_fc":          # the output is the ratio - 1
        return (2 * (1 + out - y).abs() / ((1 + out).abs() + y.abs() + 1e-8)).mean()
    return F.mse_loss(out, y)


def b50_naive_val(task: Task) -> float:
    """The naive last-value forecast's loss on the val windows, in the task's own loss."""
    y = task.y_val.astype(float)
    if task.name == "b50_walk_fc":
        return float(np.mean(2 * np.abs(y - 1) / (np.abs(y) + 1 + 1e-8)))
    if task.name == "b50_shift_fc":
        return float(np.mean(np.abs(y)))
    return float(np.mean(y ** 2))


def b50_naive_text(task: Task) -> str:
    """cause() text of a fiftieth-batch run (gen_torch and gen_hf_keras): the temporal split,
    the horizon, the loss and the naive last-value forecast's val loss."""
    win, h = B50_SHAPES[task.name]
    return (f"; forecast of the next {h} values from the last {win} ({B50_LOSS[task.name]}), "
            f"val windows after the train windows in time; the naive last-value forecast's val "
            f"{B50_LOSS[task.name]} is {b50_naive_val(task):.3g}")


# ----------------------------------------------------------------------------- fifty-first batch
# TWO-PHASE FINE-TUNES LOGGED AS ONE RUN (gen_torch.b51_recipes, gen_hf_keras.b51_dev51): three
# generated scikit-learn tasks whose body is pre-trained in the script (unlogged, Adam 2e-3,
# tasks.pretrained_model) on a RELATED generated task (b51_pretrain_source), then fine-tuned in
# one logged run: a fresh head trained alone with the body frozen (Recipe.unfreeze_at), then the
# whole model at a changed LR (a permanent LR factor from the unfreeze step on). b51_digits_ft:
# load_digits mirrored left-right with N(0, 0.1^2) pixel noise, 10 classes (the body pre-trained
# on the other half, unmirrored and clean; ~600 train rows); b51_quant_ft: make_gaussian_quantiles
# in 8 dimensions cut into 6 shells by radius (the body pre-trained on 3 coarser shells of another
# draw); b51_cluster_ft: make_classification (20 features, 10 informative, 4 classes of 2 clusters
# each) where the target is the cluster (8 classes) and the body is pre-trained on the 4 classes
# (two clusters a class merged). VAL_SIZE val rows; n_train sets the train rows; label_noise
# flips that share of the train labels. Registered just before the __main__ block, after the
# earlier batches, so they keep their order and draws.
DEV51_TASKS = ("b51_digits_ft", "b51_quant_ft", "b51_cluster_ft")
TASK_SPLIT.update(dict.fromkeys(DEV51_TASKS, "dev"))
B51_SOURCE = {
    "b51_digits_ft": "the other half of load_digits, unmirrored and clean (10 classes)",
    "b51_quant_ft": "another draw of the 8-d Gaussian quantiles cut into 3 coarser shells",
    "b51_cluster_ft": "another draw of the same generator labelled by its 4 classes (two "
                      "clusters a class merged)",
}


def b51_phases_text(r) -> str:
    """cause() text of a fifty-first-batch run (gen_torch and gen_hf_keras): its two phases,
    the head alone until unfreeze_at, then the whole model with the LR factor from then on
    (nothing for a run without an unfreeze step)."""
    if not r.unfreeze_at:
        return ""
    if r.unfreeze_at >= 10 ** 9:
        return "; the body stays frozen: only the fresh head trains, for the whole run"
    f = [fac for start, length, fac in r.bumps if start == r.unfreeze_at and length >= 10 ** 6]
    return (f"; phase 1: only the fresh head trains (body frozen) until step {r.unfreeze_at}; "
            f"phase 2: the whole model unfrozen" + (f" at the LR x{f[0]:g}" if f else
                                                    " at the same LR") + " (one log)")


def _b51_data(name, seed, n, source):
    """x (float32), y and classes of n rows of a fifty-first-batch task (or its source)."""
    from sklearn.datasets import load_digits, make_classification, make_gaussian_quantiles
    rng = np.random.default_rng(seed + 510000 + (7 if source else 0))
    if name == "b51_digits_ft":
        d = load_digits()
        perm = np.random.default_rng(seed + 510000).permutation(len(d.target))
        half = perm[: len(perm) // 2] if source else perm[len(perm) // 2:]
        img = d.images[half] / 8.0 - 1.0
        if not source:
            img = img[:, :, ::-1] + rng.normal(0, 0.1, img.shape)
        return img.reshape(len(half), 64).astype(np.float32), d.target[half], 10
    if name == "b51_quant_ft":
        k = 3 if source else 6
        x, y = make_gaussian_quantiles(n_samples=n, n_features=8, n_classes=k,
                                       random_state=int(rng.integers(0, 2 ** 31)))
        return x.astype(np.float32), y, k
    n_cl = 8
    n = n - n % n_cl
    x, y = make_classification(n_samples=n, n_features=20, n_informative=10, n_redundant=4,
                               n_classes=4, n_clusters_per_class=2, class_sep=1.5, flip_y=0.0,
                               shuffle=False, random_state=seed + 510)
    x = x + rng.normal(0, 0.3, x.shape)      # another draw: same centroids, other noise
    cluster = np.repeat(np.arange(n_cl), n // n_cl)      # shuffle=False: rows in cluster order
    order = rng.permutation(n)
    x, y, cluster = x[order], y[order], cluster[order]
    if source:
        return x.astype(np.float32), y, 4
    return x.astype(np.float32), cluster, n_cl


def _dev51_task(name, seed, n_train, label_noise, n_val=None, source=False):
    """Fifty-first batch (see DEV51_TASKS)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 510001)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or (3000 if source else 2000)
    x, y, k = _b51_data(name, seed, n_tr + n_va + 8, source)
    x_va, y_va, x_tr, y_tr = x[:n_va], y[:n_va], x[n_va:], y[n_va:]
    if n_train is not None and n_train < len(x_tr):
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    y_tr = _flip(np.asarray(y_tr, np.int64), k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr.astype(np.int64), x_va,
                np.asarray(y_va, np.int64), n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV51_TASKS, _dev51_task))
_b51_prev_pretrain_source = pretrain_source


def pretrain_source(name: str, seed: int) -> Task:  # noqa: F811
    """The earlier pretrain_source; a fifty-first-batch task: its related pretext task."""
    if name in DEV51_TASKS:
        return _dev51_task(name, seed, None, 0.0, source=True)
    return _b51_prev_pretrain_source(name, seed)


# ----------------------------------------------------------------------------- fifty-second batch
# LOW-PRECISION NUMERICS (gen_torch.b52_recipes, gen_hf_keras.b52_dev52): three generated
# tabular classification tasks (scikit-learn generators, no download) trained in bfloat16 on the
# CPU: b52_quant8 (make_classification, 8 classes, 20 features of which 10 informative, class_sep
# 1.2, 3% of the labels flipped by the generator: chance ln 8 = 2.08), b52_hastie2
# (make_hastie_10_2: 10 Gaussian features, class 1 when the sum of squares exceeds 9.34; a linear
# model sits at chance ln 2 = 0.69) and b52_shells3 (make_gaussian_quantiles: 6 features, 3
# nested shells of equal mass; a linear model sits at chance ln 3 = 1.10). 2400 train /
# VAL_SIZE val rows unless n_train / n_val; label_noise flips that share of the train labels.
# b52_bad_rows gives the data bug of the inf / NaN recipes: a few train rows whose first feature
# is log(0) = -inf. Registered just before the __main__ block, after the earlier batches.
DEV52_TASKS = ("b52_quant8", "b52_hastie2", "b52_shells3")
TASK_SPLIT.update(dict.fromkeys(DEV52_TASKS, "dev"))
B52_CLASSES = {"b52_quant8": 8, "b52_hastie2": 2, "b52_shells3": 3}


def _dev52_task(name, seed, n_train, label_noise, n_val=None):
    """Fifty-second batch (see DEV52_TASKS)."""
    from sklearn.datasets import make_classification, make_gaussian_quantiles, make_hastie_10_2
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 520000, n_train or 2400, n_val)
    if name == "b52_quant8":
        x, y = make_classification(n, 20, n_informative=10, n_redundant=4, n_classes=8,
                                   n_clusters_per_class=1, class_sep=1.2, flip_y=0.03,
                                   random_state=rs)
    elif name == "b52_hastie2":
        x, y = make_hastie_10_2(n, random_state=rs)
        y = (y > 0).astype(np.int64)
    else:
        x, y = make_gaussian_quantiles(n_samples=n, n_features=6, n_classes=3, random_state=rs)
    c = B52_CLASSES[name]
    return _held_out_classes(name, x, y, n_va, c, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV52_TASKS, _dev52_task))


def b52_bad_rows(x, n_bad: int, seed: int):
    """Fifty-second batch: a copy of the train inputs with n_bad rows (drawn by the seed) whose
    first feature is -inf (a log(0) in the feature pipeline): every batch holding one gives a NaN
    loss and NaN gradients."""
    if not n_bad:
        return x
    x = np.array(x, copy=True)
    idx = np.random.default_rng(seed + 520520).choice(len(x), n_bad, replace=False)
    x[idx, 0] = -np.inf
    return x


B52_CHANCE = {"b52_quant8": "chance ln 8 = 2.08", "b52_hastie2": "chance ln 2 = 0.69",
              "b52_shells3": "chance ln 3 = 1.10"}


def b52_text(task: Task, prec: str, bad_rows: int, guard: bool) -> str:
    """cause() text of a fifty-second-batch run (gen_torch and gen_hf_keras): the precision,
    the -inf rows and whether non-finite steps are skipped, the task's chance loss."""
    s = {"mixed": "; bf16 autocast on the CPU (float32 weights)",
         "true": "; pure bfloat16 (weights, activations and the logged loss in bf16)",
         "": ""}[prec]
    if bad_rows:
        s += (f"; {bad_rows} train rows with a first feature of log(0) = -inf (NaN loss on the "
              f"batches holding one)")
        s += ("; steps with a non-finite loss or grad norm are skipped (the update dropped, the "
              "inf/NaN grad norm still logged)" if guard else "; no guard: the first NaN "
              "gradient turns every weight NaN")
    return s + f" ({B52_CHANCE[task.name]})"


# ----------------------------------------------------------------------------- fifty-fourth batch
# SHORT FINE-TUNES OF 1-5 EPOCHS (gen_torch.b54_recipes, gen_hf_keras.b54_dev54): the common public
# fine-tune, a body pre-trained in the script (unlogged, Adam 2e-3, tasks.pretrained_model) on a
# coarser labelling of other rows of the same generator (b54 sources), then fine-tuned with a fresh
# head for 1-5 epochs, warm-up + linear decay, one evaluation an epoch or every few dozen steps
# (1-6 evaluations) beside a train loss logged every 10 steps. Three generated scikit-learn tasks
# (no download): b54_blobs12_ft (make_blobs, 16 features, 12 centres, cluster_std 8; the source:
# the centres merged in pairs, 6 classes), b54_friedman4_ft (make_friedman1, 10 features, noise 1,
# its target cut into 4 quartile classes; the source: cut at the median, 2 classes) and
# b54_sparse6_ft (make_classification, 40 features of which 8 informative, 6 classes, class_sep
# 1.0, 2% flipped by the generator; the source: the classes merged mod 3). One generator call per
# seed: the first 3000 rows are the source, then VAL_SIZE val rows, then the train rows (1200
# unless n_train). label_noise flips that share of the train labels. Registered just before the
# __main__ block, after the earlier batches.
DEV54_TASKS = ("b54_blobs12_ft", "b54_friedman4_ft", "b54_sparse6_ft")
TASK_SPLIT.update(dict.fromkeys(DEV54_TASKS, "dev"))
B54_CLASSES = {"b54_blobs12_ft": (12, 6), "b54_friedman4_ft": (4, 2), "b54_sparse6_ft": (6, 3)}
B54_SOURCE = {
    "b54_blobs12_ft": "3000 other rows of the same blobs, the 12 centres merged in pairs "
                      "(6 classes)",
    "b54_friedman4_ft": "3000 other rows of the same Friedman #1 draw cut at the median "
                        "(2 classes)",
    "b54_sparse6_ft": "3000 other rows of the same make_classification draw, classes merged mod 3",
}
B54_SRC_ROWS = 3000


def _dev54_task(name, seed, n_train, label_noise, n_val=None, source=False):
    """Fifty-fourth batch (see DEV54_TASKS)."""
    from sklearn.datasets import make_blobs, make_classification, make_friedman1
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 540000)
    n_tr, n_va = n_train or 1200, n_val or VAL_SIZE
    n, rs = B54_SRC_ROWS + VAL_SIZE + max(n_tr, 1200), seed + 5400
    k, k_src = B54_CLASSES[name]
    if name == "b54_blobs12_ft":
        x, y = make_blobs(n, n_features=16, centers=12, cluster_std=8.0, random_state=rs)
        coarse = y // 2
    elif name == "b54_friedman4_ft":
        x, t = make_friedman1(n, n_features=10, noise=1.0, random_state=rs)
        y = np.searchsorted(np.quantile(t, [0.25, 0.5, 0.75]), t)
        coarse = (y >= 2).astype(np.int64)
    else:
        x, y = make_classification(n, 40, n_informative=8, n_redundant=4, n_classes=6,
                                   n_clusters_per_class=1, class_sep=1.0, flip_y=0.02,
                                   random_state=rs)
        coarse = y % 3
    x = (x - x[:B54_SRC_ROWS].mean(0)) / x[:B54_SRC_ROWS].std(0)
    x = x.astype(np.float32)
    if source:
        s = slice(0, B54_SRC_ROWS)
        xs, ys = x[s], coarse[s].astype(np.int64)
        return Task(name, "classification", xs, ys, xs[:n_va], ys[:n_va], n_classes=k_src,
                    split=split)
    x_va, y_va = x[B54_SRC_ROWS:B54_SRC_ROWS + n_va], y[B54_SRC_ROWS:B54_SRC_ROWS + n_va]
    x_tr = x[B54_SRC_ROWS + VAL_SIZE:B54_SRC_ROWS + VAL_SIZE + n_tr]
    y_tr = np.asarray(y[B54_SRC_ROWS + VAL_SIZE:B54_SRC_ROWS + VAL_SIZE + n_tr], np.int64)
    y_tr = _flip(y_tr, k, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr, x_va, np.asarray(y_va, np.int64),
                n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV54_TASKS, _dev54_task))
_b54_prev_pretrain_source = pretrain_source


def pretrain_source(name: str, seed: int) -> Task:  # noqa: F811
    """The earlier pretrain_source; a fifty-fourth-batch task: its coarser source rows."""
    if name in DEV54_TASKS:
        return _dev54_task(name, seed, None, 0.0, source=True)
    return _b54_prev_pretrain_source(name, seed)


# ----------------------------------------------------------------------------- fifty-third batch
# RANKING AND RETRIEVAL (gen_torch.b53_recipes): three generated query-candidate tasks
# (scikit-learn generators and load_digits, no download). Each row is a query and B53_CANDS
# candidates, one of them relevant (y = its index, drawn uniformly): x = [query, cand_0 ..
# cand_9] flattened. b53_blobs_list: make_blobs (40 centres in 16 dims, std 3): the relevant
# candidate is another point of the query's blob, the others points of other blobs; trained
# with a listwise softmax over the candidates (chance ln 10 = 2.30). b53_map_pair:
# make_classification-style Gaussian queries (16 dims) whose relevant candidate is tanh(W q) +
# noise for a fixed random W, the others the same map of other queries; trained with a
# pairwise margin hinge max(0, 1 - (s_pos - s_neg)) over the 9 negatives (chance: the margin, 1).
# b53_digits_trip: load_digits, a noisy digit as the query, another image of the same digit as
# the relevant candidate, images of other digits as the negatives; trained with a triplet loss
# max(0, 1 + d(q, pos) - d(q, neg)) on squared embedding distances (chance: the margin, 1).
# n_train queries (default 2000), VAL_SIZE val queries; label_noise moves that share of the
# train queries' relevant index to a random candidate (noisy clicks). Registered just before
# the __main__ block, after the earlier batches, so they keep their order and draws.
DEV53_TASKS = ("b53_blobs_list", "b53_map_pair", "b53_digits_trip")
TASK_SPLIT.update(dict.fromkeys(DEV53_TASKS, "dev"))
B53_CANDS = 10
B53_DIM = {"b53_blobs_list": 16, "b53_map_pair": 16, "b53_digits_trip": 64}
B53_LOSS = {"b53_blobs_list": "listwise", "b53_map_pair": "pairwise", "b53_digits_trip": "triplet"}


def _b53_pool(name, rng, n):
    """(points, group) of a pool of n items: a group shares relevance."""
    from sklearn.datasets import load_digits, make_blobs
    if name == "b53_blobs_list":
        x, g = make_blobs(n_samples=n, n_features=16, centers=40, cluster_std=3.0,
                          center_box=(-6, 6), random_state=int(rng.integers(1 << 30)))
        return x / 6.0, g
    d = load_digits()
    return d.data / 8.0 - 1.0, d.target


def _b53_rows(name, rng, n, pool_x, pool_g, W=None):
    """n rows: query, then B53_CANDS candidates, the relevant one at a random index."""
    C, dim = B53_CANDS, B53_DIM[name]
    y = rng.integers(0, C, n)
    x = np.zeros((n, 1 + C, dim), np.float32)
    if name == "b53_map_pair":
        q = rng.normal(size=(n, dim))
        other = rng.normal(size=(n, C, dim))
        cand = np.tanh(other @ W) + rng.normal(0, 0.3, (n, C, dim))
        cand[np.arange(n), y] = np.tanh(q @ W) + rng.normal(0, 0.3, (n, dim))
        x[:, 0], x[:, 1:] = q, cand
        return x.reshape(n, -1), y
    by_g = {k: np.flatnonzero(pool_g == k) for k in np.unique(pool_g)}
    groups = np.array(sorted(by_g))
    for i in range(n):
        qi = rng.integers(len(pool_x))
        gq = pool_g[qi]
        x[i, 0] = pool_x[qi] + (rng.normal(0, 0.2, dim) if name == "b53_digits_trip" else 0)
        for c in range(C):
            if c == y[i]:
                j = rng.choice(by_g[gq])
            else:
                j = rng.choice(by_g[rng.choice(groups[groups != gq])])
            x[i, 1 + c] = pool_x[j]
    return x.reshape(n, -1), y


def _dev53_task(name, seed, n_train, label_noise, n_val=None):
    """Fifty-third batch (see DEV53_TASKS): kind "classification" for the listwise task (a
    softmax over the candidates), "ranking" for the two margin losses; n_classes = B53_CANDS."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 530000)
    n_tr, n_va = n_train or 2000, n_val or VAL_SIZE
    W = rng.normal(0, 1 / 4, (16, 16)) if name == "b53_map_pair" else None
    pool_x, pool_g = (None, None) if W is not None else _b53_pool(name, rng, 4000)
    if pool_x is not None:
        perm = rng.permutation(len(pool_x))      # val queries from items the train never sees
        cut = len(perm) * 3 // 4
        tr, va = perm[:cut], perm[cut:]
        x_tr, y_tr = _b53_rows(name, rng, n_tr, pool_x[tr], pool_g[tr])
        x_va, y_va = _b53_rows(name, rng, n_va, pool_x[va], pool_g[va])
    else:
        x_tr, y_tr = _b53_rows(name, rng, n_tr, None, None, W)
        x_va, y_va = _b53_rows(name, rng, n_va, None, None, W)
    y_tr = _flip(np.asarray(y_tr, np.int64), B53_CANDS, label_noise, rng)
    kind = "classification" if B53_LOSS[name] == "listwise" else "ranking"
    return Task(name, kind, x_tr.astype(np.float32), y_tr, x_va.astype(np.float32),
                np.asarray(y_va, np.int64), n_classes=B53_CANDS, split=split)


DEV12_13.update(dict.fromkeys(DEV53_TASKS, _dev53_task))


B53_SIZES = {"tiny": (0, 2), "medium": (64, 32), "wide": (512, 256)}   # hidden, embedding


def b53_model(task: Task, size: str, seed: int):
    """A dual encoder (gen_torch and gen_hf_keras): a query tower and a candidate tower (shared
    on the blobs and digits tasks), each an MLP (tiny: a linear map to 2 dims; medium: 64
    hidden, 32 dims; wide: two 512 hidden layers, 256 dims); scores the dot products (triplet:
    minus the squared distances), shape (batch, B53_CANDS)."""
    torch = _torch()
    nn = torch.nn
    torch.manual_seed(seed)
    dim, (hid, emb) = B53_DIM[task.name], B53_SIZES[size]

    def tower():
        if not hid:
            return nn.Linear(dim, emb)
        layers = [nn.Linear(dim, hid), nn.ReLU()]
        if size == "wide":
            layers += [nn.Linear(hid, hid), nn.ReLU()]
        return nn.Sequential(*layers, nn.Linear(hid, emb))

    class DualEncoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.q = tower()
            self.c = tower() if task.name == "b53_map_pair" else None   # None: shared
            self.triplet = B53_LOSS[task.name] == "triplet"

        def forward(self, x):
            x = x.reshape(len(x), 1 + B53_CANDS, dim)
            q, c = self.q(x[:, 0]), (self.c or self.q)(x[:, 1:])
            if self.triplet:
                return -((c - q.unsqueeze(1)) ** 2).sum(-1)
            return (c * q.unsqueeze(1)).sum(-1)

    return DualEncoder()


def b53_loss(task: Task, out, y):
    """The listwise softmax CE over the candidates, or the margin hinge max(0, 1 - (s_pos -
    s_neg)) averaged over the negatives (pairwise: dot scores; triplet: minus squared
    distances, so 1 + d_pos - d_neg)."""
    F = _torch().nn.functional
    y = y.long()
    if B53_LOSS[task.name] == "listwise":
        return F.cross_entropy(out, y)
    pos = out.gather(1, y.unsqueeze(1))
    neg = 1 - F.one_hot(y, B53_CANDS).float()
    return (F.relu(1 - (pos - out)) * neg).sum() / neg.sum()


def b53_scores(s, y) -> dict:
    """MRR, recall@1, recall@5 and NDCG@5 (one relevant candidate) of scores s (B, C)."""
    torch = _torch()
    pos = s.gather(1, y.long().unsqueeze(1))
    rank = 1 + (s > pos).float().sum(1)
    return {"mrr": (1 / rank).mean(), "recall_at_1": (rank <= 1).float().mean(),
            "recall_at_5": (rank <= 5).float().mean(),
            "ndcg_at_5": torch.where(rank <= 5, 1 / torch.log2(rank + 1), 0 * rank).mean()}


def b53_head_text(s: str, size: str) -> str:
    """A fifty-third-batch cause() text (gen_torch and gen_hf_keras) with the earlier model
    words (up to the first comma: "medium model", "MLP 2x64 (medium)", "gru medium") replaced
    by the dual encoder, examples by queries and flipped labels by wrong relevance marks."""
    hid, emb = B53_SIZES[size]
    head, _, rest = s.partition(", ")
    return (f"dual encoder ({hid or 'no'} hidden, {emb}-d embeddings), "
            + rest.replace("train examples", "train queries", 1)
            .replace("flipped labels", "queries with a random candidate marked relevant", 1))


def b53_text(task: Task) -> str:
    """cause() text of a fifty-third-batch run: the loss and its chance value."""
    return {"listwise": f"; listwise softmax over {B53_CANDS} candidates a query, val MRR, "
                        "recall@1/@5 and NDCG@5 (chance ln 10 = 2.30)",
            "pairwise": "; pairwise margin hinge max(0, 1 - (s_pos - s_neg)) over the 9 "
                        "negatives, val MRR, recall@1/@5 and NDCG@5 (chance: the margin, 1)",
            "triplet": "; triplet loss max(0, 1 + d(q, pos) - d(q, neg)) on squared embedding "
                       "distances, val MRR, recall@1/@5 and NDCG@5 (chance: the margin, 1)",
            }[B53_LOSS[task.name]]


# ----------------------------------------------------------------------------- fifty-sixth batch
# VAL LOSS AND VAL SCORE DISAGREE (gen_torch.b56_recipes, gen_hf_keras.b56_dev56): classifiers
# trained long on noisy labels or little data without label smoothing, whose val loss rises from
# over-confidence while val accuracy / macro-F1 stays flat or creeps up, beside runs where the
# score falls too, and an imbalanced task where accuracy sits at the majority rate while the loss
# falls. Three generated scikit-learn tasks (no download): b56_noisy6 (make_classification, 20
# features of which 8 informative, 6 classes, class_sep 1.2, 1500 train rows unless n_train),
# b56_imb4 (make_classification, 12 features of which 5 informative, 4 classes weighted 0.82 /
# 0.10 / 0.05 / 0.03, two clusters a class, class_sep 0.8: a linear model sits near the majority
# accuracy, 1500 train rows) and b56_blobs5 (make_blobs, 10 features, 5
# centres in a box of +-4 with cluster_std 3.5: overlapping blobs, 300 train rows). VAL_SIZE val
# rows (n_val: that many), inputs standardised with the train statistics; label_noise flips that
# share of the train labels. Macro-F1 and balanced accuracy are logged beside accuracy
# (b56_scores). Registered just before the __main__ block, after the earlier batches.
DEV56_TASKS = ("b56_noisy6", "b56_imb4", "b56_blobs5")
TASK_SPLIT.update(dict.fromkeys(DEV56_TASKS, "dev"))
B56_CLASSES = {"b56_noisy6": 6, "b56_imb4": 4, "b56_blobs5": 5}
B56_TRAIN = {"b56_noisy6": 1500, "b56_imb4": 1500, "b56_blobs5": 300}


def _dev56_task(name, seed, n_train, label_noise, n_val=None):
    """Fifty-sixth batch (see DEV56_TASKS)."""
    from sklearn.datasets import make_blobs, make_classification
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 560000, n_train or B56_TRAIN[name], n_val)
    if name == "b56_noisy6":
        x, y = make_classification(n, 20, n_informative=8, n_redundant=4, n_classes=6,
                                   n_clusters_per_class=1, class_sep=1.2, flip_y=0.0,
                                   random_state=rs)
    elif name == "b56_imb4":
        x, y = make_classification(n, 12, n_informative=5, n_redundant=2, n_classes=4,
                                   n_clusters_per_class=2, class_sep=0.8,
                                   weights=[0.82, 0.10, 0.05, 0.03], flip_y=0.0, random_state=rs)
    else:
        x, y = make_blobs(n, n_features=10, centers=5, cluster_std=3.5, center_box=(-4, 4),
                          random_state=rs)
    c = B56_CLASSES[name]
    return _held_out_classes(name, x, y, n_va, c, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV56_TASKS, _dev56_task))


def b56_scores(task: Task, pred, y) -> list:
    """[("f1", macro-F1), ("bal_acc", balanced accuracy)] of argmax predictions (numpy ints)."""
    pred, y = np.asarray(pred), np.asarray(y)
    f1s, recs = [], []
    for c in range(task.n_classes):
        tp = int(((pred == c) & (y == c)).sum())
        f1s.append(2 * tp / max(1, int((pred == c).sum()) + int((y == c).sum())))
        recs.append(tp / max(1, int((y == c).sum())))
    return [("f1", float(np.mean(f1s))), ("bal_acc", float(np.mean(recs)))]


def b56_text(task: Task) -> str:
    """cause() text of a fifty-sixth-batch run (gen_torch and gen_hf_keras): the class balance,
    chance loss and the scores logged."""
    c = task.n_classes
    share = np.bincount(task.y_val, minlength=c) / len(task.y_val)
    return (f"; {c} classes (val shares " + "/".join(f"{p:.2f}" for p in share)
            + f", majority-class accuracy {share.max():.2f}, chance ln {c} = {np.log(c):.2f}); "
            "no label smoothing; val accuracy, macro-F1 and balanced accuracy logged")


# ----------------------------------------------------------------------------- fifty-fifth batch
# DELAYED GENERALISATION (gen_torch.b55_recipes): small algorithmic tables learnt by a 2-layer MLP
# full-batch with AdamW (grokking-style runs). b55_modadd_grok: (a + b) mod 23, the input the two
# one-hot operands concatenated (46 features), 23 classes; b55_s4comp_grok: composition of two
# permutations of S4 (24 elements, one-hot pair, 48 features, 24 classes). The whole table (529 /
# 576 rows) is shuffled per seed; n_train rows (default 50% of the table) train, the rest is the
# val set (n_val keeps its first n_val). label_noise flips that share of the train labels. Built
# with numpy only (no download). Registered just before the __main__ block, after the earlier
# batches, so they keep their order and draws.
DEV55_TASKS = ("b55_modadd_grok", "b55_s4comp_grok")
TASK_SPLIT.update(dict.fromkeys(DEV55_TASKS, "dev"))


def _b55_table(name):
    """(a, b, y, k) of the whole operation table."""
    import itertools
    if name == "b55_modadd_grok":
        k = 23
        a, b = (g.ravel() for g in np.meshgrid(np.arange(k), np.arange(k), indexing="ij"))
        return a, b, (a + b) % k, k
    perms = list(itertools.permutations(range(4)))
    index = {q: i for i, q in enumerate(perms)}
    k = len(perms)
    a, b = (g.ravel() for g in np.meshgrid(np.arange(k), np.arange(k), indexing="ij"))
    y = np.array([index[tuple(perms[i][j] for j in perms[m])] for i, m in zip(a, b)])
    return a, b, y, k


def _dev55_task(name, seed, n_train, label_noise, n_val=None):
    """Fifty-fifth batch (see DEV55_TASKS)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 550000)
    a, b, y, k = _b55_table(name)
    x = np.zeros((len(y), 2 * k), np.float32)
    x[np.arange(len(y)), a] = 1
    x[np.arange(len(y)), k + b] = 1
    idx = rng.permutation(len(y))
    n_tr = n_train or len(y) // 2
    tr, va = idx[:n_tr], idx[n_tr:]
    if n_val:
        va = va[:n_val]
    y_tr = _flip(np.asarray(y[tr], np.int64), k, label_noise, rng)
    return Task(name, "classification", x[tr], y_tr, x[va], np.asarray(y[va], np.int64),
                n_classes=k, split=split)


DEV12_13.update(dict.fromkeys(DEV55_TASKS, _dev55_task))


# ----------------------------------------------------------------------------- fifty-eighth batch
# LATE TROUBLE IN LONG RUNS (gen_torch.b58_recipes, gen_hf_keras.b58_dev58): runs of 3,000-6,000
# optimiser steps that go well for most of the run and then meet a late LR step up (held: the
# loss does not come back; for a few hundred steps: it does), poisoned batches late, an LR that
# creeps up slowly so the loss climbs back after its best (train and val together), beside long
# healthy runs with cosine decay to the end. Three generated scikit-learn tasks (no download):
# b58_class8_long (make_classification, 16 features of which 8 informative, 8 classes, class_sep
# 1.5, 4000 train rows unless n_train), b58_friedman_long (make_friedman1 regression, 10 features,
# noise 0.5, the target standardised with the train statistics, 4000 train rows) and
# b58_moons_long (make_moons with noise 0.25, 6 extra N(0,1) features, 2 classes, 3000 train
# rows). VAL_SIZE val rows (n_val: that many), inputs standardised with the train statistics;
# label_noise flips that share of the train labels (classification). Registered just before the
# __main__ block, after the earlier batches.
DEV58_TASKS = ("b58_class8_long", "b58_friedman_long", "b58_moons_long")
TASK_SPLIT.update(dict.fromkeys(DEV58_TASKS, "dev"))
B58_TRAIN = {"b58_class8_long": 4000, "b58_friedman_long": 4000, "b58_moons_long": 3000}


def _dev58_task(name, seed, n_train, label_noise, n_val=None):
    """Fifty-eighth batch (see DEV58_TASKS)."""
    from sklearn.datasets import make_classification, make_friedman1, make_moons
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 580000, n_train or B58_TRAIN[name], n_val)
    if name == "b58_friedman_long":
        x, y = make_friedman1(n, n_features=10, noise=0.5, random_state=rs)
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        y = (y - y[n_va:].mean()) / y[n_va:].std()
        return Task(name, "regression", x_tr, y[n_va:].astype(np.float32), x_va,
                    y[:n_va].astype(np.float32), split=split)
    if name == "b58_class8_long":
        x, y = make_classification(n, 16, n_informative=8, n_redundant=2, n_classes=8,
                                   n_clusters_per_class=1, class_sep=1.5, flip_y=0.0,
                                   random_state=rs)
        c = 8
    else:
        x, y = make_moons(n, noise=0.25, random_state=rs)
        x = np.hstack([x, np.random.default_rng(rs).normal(size=(n, 6))])
        c = 2
    return _held_out_classes(name, x, y, n_va, c, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV58_TASKS, _dev58_task))


# ----------------------------------------------------------------------------- fifty-seventh batch
# UNDERFITTING BY CAUSES OTHER THAN MODEL SIZE (gen_torch.b57_recipes, gen_hf_keras.b57_dev57):
# good-sized MLPs held back by their settings (weight decay far too high, dropout 0.8, label
# smoothing 0.5, a frozen random body with only the head trained, an LR 30x too low for too few
# epochs, inputs left unnormalised with SGD) beside the same model with good settings, and every
# other regime by its usual cause. Four generated scikit-learn tasks (no download): b57_quant3
# (make_gaussian_quantiles, 6 features, 3 nested shells: no linear boundary), b57_hastie
# (make_hastie_10_2, 10 features, binary: y = 1 when sum x^2 > 9.34), b57_wave4
# (make_classification, 20 features of which 8 informative, 4 classes, two clusters a class,
# class_sep 1.0) and b57_wave4_raw (the same table as b57_wave4, each feature scaled by a factor
# in 1e3-1e4 and shifted, NOT standardised). 1500 train rows unless n_train, VAL_SIZE val rows
# (n_val: that many); label_noise flips that share of the train labels.
DEV57_TASKS = ("b57_quant3", "b57_hastie", "b57_wave4", "b57_wave4_raw")
TASK_SPLIT.update(dict.fromkeys(DEV57_TASKS, "dev"))
B57_CLASSES = {"b57_quant3": 3, "b57_hastie": 2, "b57_wave4": 4, "b57_wave4_raw": 4}


def _dev57_task(name, seed, n_train, label_noise, n_val=None):
    """Fifty-seventh batch (see DEV57_TASKS)."""
    from sklearn.datasets import make_classification, make_gaussian_quantiles, make_hastie_10_2
    split = TASK_SPLIT[name]
    base = "b57_wave4" if name == "b57_wave4_raw" else name
    rng, n_tr, n_va, n, rs = _table_draw(
        seed + 570000 + DEV57_TASKS.index(base), n_train or 1500, n_val)
    if base == "b57_quant3":
        x, y = make_gaussian_quantiles(n_samples=n, n_features=6, n_classes=3, random_state=rs)
    elif base == "b57_hastie":
        x, y = make_hastie_10_2(n_samples=n, random_state=rs)
        y = (y > 0).astype(np.int64)
    else:
        x, y = make_classification(n, 20, n_informative=8, n_redundant=4, n_classes=4,
                                   n_clusters_per_class=2, class_sep=1.0, flip_y=0.0,
                                   random_state=rs)
    c = B57_CLASSES[name]
    if name != "b57_wave4_raw":
        return _held_out_classes(name, x, y, n_va, c, label_noise, rng, split)
    scale = 10 ** np.random.default_rng(rs).uniform(3, 4, x.shape[1])
    x = (x * scale + 2 * scale).astype(np.float32)
    y_tr = _flip(y[n_va:].astype(np.int64), c, label_noise, rng)
    return Task(name, "classification", x[n_va:], y_tr, x[:n_va], y[:n_va].astype(np.int64),
                n_classes=c, split=split)


DEV12_13.update(dict.fromkeys(DEV57_TASKS, _dev57_task))


def b57_text(task: Task) -> str:
    """cause() text of a fifty-seventh-batch run: the input scale and chance loss."""
    c, sd = task.n_classes, float(np.abs(task.x_train).mean())
    return (f"; {c} classes (chance ln {c} = {np.log(c):.2f}); inputs "
            + ("left unnormalised (mean |x| %.0f)" % sd if task.name == "b57_wave4_raw"
               else "standardised with the train statistics"))



# ----------------------------------------------------------------------------- fifty-ninth batch
# MULTI-EPOCH FINE-TUNES OF SMALL LANGUAGE MODELS ON SMALL CORPORA (gen_torch.b59_recipes,
# gen_hf_keras.b59_dev59): a tiny GPT-style causal transformer (or a GRU LM) pre-trained, unlogged,
# for a few hundred steps on one generated token stream of the thirty-eighth batch
# (pretrain_source), then fine-tuned for 2-10 epochs on a small fixed corpus of B59_SEQ-token
# windows from another distribution over the same vocabulary (kind "lm"): b59_markov_ft (pre-trained
# on b38_markov_lm's source, fine-tuned on a sparser 12-symbol Markov source, Dirichlet(0.15)
# rows), b59_subtract_ft (pre-trained on the additions "37+45=82;", fine-tuned on subtractions
# "82-45=37;", the '-' a token the pre-training never saw) and b59_grammar_ft (pre-trained on the
# agreement grammar's sentences, fine-tuned on the same grammar with every sentence's words in
# reverse order). 1000 train windows unless n_train (each seen once an epoch: the corpus is
# memorised), VAL_SIZE val windows from a held-out part of the fine-tune stream (n_val: that many);
# label_noise replaces that share of the train targets by a uniform token.
DEV59_TASKS = ("b59_markov_ft", "b59_subtract_ft", "b59_grammar_ft")
TASK_SPLIT.update(dict.fromkeys(DEV59_TASKS, "dev"))
B59_SEQ = 32            # tokens per window
B59_STREAM = 60000      # tokens per generated fine-tune stream
B59_SOURCE = {"b59_markov_ft": "b38_markov_lm", "b59_subtract_ft": "b38_arith_lm",
              "b59_grammar_ft": "b38_grammar_lm"}
B59_SOURCE_TEXT = {      # the generators' fine_tune_text (DEV24_SOURCE)
    "b59_markov_ft": "4000 windows of b38_markov_lm's 12-symbol Markov stream (32 tokens)",
    "b59_subtract_ft": "4000 windows of b38_arith_lm's additions '37+45=82;' (32 characters)",
    "b59_grammar_ft": "4000 windows of b38_grammar_lm's agreement-grammar sentences (32 words)"}


def _b59_stream(name, n_tok, seed):
    """The fine-tune stream of a fifty-ninth batch task and its vocabulary size."""
    rng = np.random.default_rng(seed)
    if name == "b59_markov_ft":
        P = np.random.default_rng(590300).dirichlet(np.full(12, 0.15), size=12)
        c, u = np.cumsum(P, 1), rng.random(n_tok)
        out, s = np.empty(n_tok, dtype=np.int64), 0
        for i in range(n_tok):
            s = min(int(np.searchsorted(c[s], u[i])), 11)
            out[i] = s
        return out, 12
    if name == "b59_subtract_ft":
        lut = {ch: i for i, ch in enumerate("0123456789+=;-")}
        out = []
        while len(out) < n_tok:
            a, b = sorted(int(v) for v in rng.integers(0, 100, 2))
            out += [lut[ch] for ch in f"{b}-{a}={b - a};"]
        return np.array(out[:n_tok], dtype=np.int64), 14
    ids, v = _b38_grammar_stream(n_tok + 200, seed)
    words, dot = list(ids), 0       # '.' sorts first in the grammar's word list: id 0
    out, cur = [], []
    for w in words:
        if w == dot:
            out += cur[::-1] + [dot]
            cur = []
        else:
            cur.append(int(w))
    return np.array(out[:n_tok], dtype=np.int64), v


def _dev59_task(name, seed, n_train, label_noise, n_val=None, source=False):
    """Fifty-ninth batch (see DEV59_TASKS); source: the pre-training task (the thirty-eighth
    batch's stream, its windows cut to B59_SEQ tokens, the vocabulary of the fine-tune)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(591000 + seed + 100 * DEV59_TASKS.index(name))
    if source:
        t = _dev38_task(B59_SOURCE[name], seed, 4000, 0.0, 100)
        _, v = _b59_stream(name, 100, 0)
        return Task(name, "lm", t.x_train[:, :B59_SEQ], t.y_train[:, :B59_SEQ],
                    t.x_val[:, :B59_SEQ], t.y_val[:, :B59_SEQ], n_classes=v, vocab_size=v,
                    seq_len=B59_SEQ, split=split)
    ids, v = _b59_stream(name, B59_STREAM, 590000 + DEV59_TASKS.index(name))
    cut = int(len(ids) * 0.8)

    def windows(lo, hi, n):
        st = rng.integers(lo, hi - B59_SEQ - 1, size=n)
        return (np.stack([ids[s:s + B59_SEQ] for s in st]),
                np.stack([ids[s + 1:s + B59_SEQ + 1] for s in st]))

    x_tr, y_tr = windows(0, cut, n_train or 1000)
    x_va, y_va = windows(cut, len(ids), n_val or VAL_SIZE)
    if label_noise > 0:
        y_tr = y_tr.copy()
        bad = rng.random(y_tr.shape) < label_noise
        y_tr[bad] = rng.integers(0, v, bad.sum())
    return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v, seq_len=B59_SEQ,
                split=split)


DEV12_13.update(dict.fromkeys(DEV59_TASKS, _dev59_task))
_b59_prev_pretrain_source = pretrain_source


def pretrain_source(name: str, seed: int) -> Task:  # noqa: F811
    """The earlier pretrain_source; a fifty-ninth batch task: its pre-training stream."""
    if name in DEV59_TASKS:
        return _dev59_task(name, seed, None, 0.0, source=True)
    return _b59_prev_pretrain_source(name, seed)


def b59_text(task: Task) -> str:
    """cause() text of a fifty-ninth-batch run: the corpus size and the unigram entropy."""
    y = task.y_train.ravel()
    p = np.bincount(y, minlength=task.vocab_size) / len(y)
    h = float(-(p[p > 0] * np.log(p[p > 0])).sum())
    return (f"; the fine-tune corpus: {len(task.x_train)} windows of {B59_SEQ} tokens "
            f"(vocabulary {task.vocab_size}, unigram entropy {h:.2f} nats)")


# ----------------------------------------------------------------------------- sixty-first batch
# LOSS SPIKES OF EVERY SHAPE IN NOISY PER-STEP LOGS (gen_torch.b61_recipes, gen_hf_keras.b61_dev61):
# small batches (4-16) logged every step, so a spike has to stand out of the batch noise; spikes
# by poisoned batches (100% or a share of each batch), LR bumps x3-x30 for 1-50 steps, a block of
# one class (a data-order shock) and a GRU without clipping, each beside a healthy twin with the
# same per-batch noise. Three generated tasks (no download): b61_blobs6 (make_blobs, 6 classes, 8
# features, cluster_std 3.0: overlapping clusters), b61_friedman1 (make_friedman1, 10 features,
# noise 1.0, targets standardised) and b61_seqcount (numpy: sequences of 24 tokens over 8 symbols,
# class = how many 1s, bucketed into 4 classes: a GRU's task). 1500 train rows unless n_train,
# VAL_SIZE val rows (n_val: that many); label_noise flips that share of the train labels.
DEV61_TASKS = ("b61_blobs6", "b61_friedman1", "b61_seqcount")
TASK_SPLIT.update(dict.fromkeys(DEV61_TASKS, "dev"))


def _dev61_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-first batch (see DEV61_TASKS)."""
    from sklearn.datasets import make_blobs, make_friedman1
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(
        seed + 610000 + DEV61_TASKS.index(name), n_train or 1500, n_val)
    if name == "b61_blobs6":
        x, y = make_blobs(n_samples=n, n_features=8, centers=6, cluster_std=3.0,
                          random_state=rs)
        return _held_out_classes(name, x, y, n_va, 6, label_noise, rng, split)
    if name == "b61_friedman1":
        x, y = make_friedman1(n_samples=n, n_features=10, noise=1.0, random_state=rs)
        x = ((x - x.mean(0)) / x.std(0)).astype(np.float32)
        y = ((y - y.mean()) / y.std()).astype(np.float32)
        return Task(name, "regression", x[n_va:], y[n_va:], x[:n_va], y[:n_va], split=split)
    g = np.random.default_rng(rs)
    x = g.integers(0, 8, size=(n, 24)).astype(np.int64)
    y = np.digitize((x == 1).sum(1), [2, 3, 4]).astype(np.int64)
    y_tr = _flip(y[n_va:], 4, label_noise, rng)
    return Task(name, "sequence", x[n_va:], y_tr, x[:n_va], y[:n_va], n_classes=4, vocab_size=8,
                seq_len=24, split=split)


DEV12_13.update(dict.fromkeys(DEV61_TASKS, _dev61_task))


def b61_text(task: Task) -> str:
    """cause() text of a sixty-first-batch run: the task's kind and size."""
    return f"; {task.kind}, {len(task.x_train)} train rows" + (
        f", {task.n_classes} classes (chance ln {task.n_classes} = {np.log(task.n_classes):.2f})"
        if task.n_classes else "")



# ----------------------------------------------------------------------------- sixtieth batch
# ERRATIC TRAINING AND ITS NOISY-BUT-FINE TWINS (gen_torch.b60_recipes, gen_hf_keras.b60_dev60):
# train and val bouncing with no trend from real causes (Adam / RMSprop at an LR 10-30x too high
# at batch 2-8, SGD with momentum 0.99, BatchNorm at batch 2, Adam with beta2 0.9, a high LR on
# noisy labels), each beside a twin with the same small val set and batch size at a sane LR
# (noisy but trending), and every other regime by its usual cause. Three generated scikit-learn
# tasks (no download): b60_blobs7 (make_blobs, 7 overlapping classes in 10 features, cluster_std
# 8.0), b60_circles (make_circles, noise 0.12, factor 0.5, 6 extra N(0,1) features, 2 classes)
# and b60_friedman2 (make_friedman2 regression, 4 features, noise 30, the target standardised
# with the train statistics). 1000 train rows unless n_train, VAL_SIZE val rows (n_val: that
# many, the first rows: a smaller val set is a prefix of the larger), inputs standardised with
# the train statistics; label_noise flips that share of the train labels (classification).
# Arch "b60_bn" is a 2x64 MLP with BatchNorm1d after each hidden Linear.
DEV60_TASKS = ("b60_blobs7", "b60_circles", "b60_friedman2")
TASK_SPLIT.update(dict.fromkeys(DEV60_TASKS, "dev"))


def _dev60_task(name, seed, n_train, label_noise, n_val=None):
    """Sixtieth batch (see DEV60_TASKS)."""
    from sklearn.datasets import make_blobs, make_circles, make_friedman2
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 600000 + DEV60_TASKS.index(name))
    n_tr, n_va = n_train or 1000, n_val or VAL_SIZE
    rs = int(rng.integers(1 << 30))
    n = n_tr + VAL_SIZE
    if name == "b60_friedman2":
        x, y = make_friedman2(n, noise=30.0, random_state=rs)
        x_tr, x_va = _standardise(x[VAL_SIZE:], x[:n_va])
        y_tr, y_va = y[VAL_SIZE:], y[:n_va]
        y_tr, y_va = (y_tr - y_tr.mean()) / y_tr.std(), (y_va - y_tr.mean()) / y_tr.std()
        return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                    y_va.astype(np.float32), split=split)
    if name == "b60_blobs7":
        x, y = make_blobs(n, n_features=10, centers=7, cluster_std=8.0, random_state=rs)
        c = 7
    else:
        x, y = make_circles(n, noise=0.12, factor=0.5, random_state=rs)
        x = np.hstack([x, np.random.default_rng(rs).normal(size=(n, 6))])
        c = 2
    keep = np.r_[np.arange(n_va), np.arange(VAL_SIZE, n)]
    return _held_out_classes(name, x[keep], y[keep], n_va, c, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV60_TASKS, _dev60_task))
_b60_prev_make_model = make_model


def make_model(task: Task, size: str = "small", arch: str | None = None,  # noqa: F811
               dropout: float = 0.0, seed: int = 0):
    """The earlier make_model; arch "b60_bn" (sixtieth batch): a 2x64 MLP with BatchNorm1d."""
    if arch == "b60_bn":
        torch = _torch()
        torch.manual_seed(seed)
        nn, d = torch.nn, task.n_features
        d_out = task.n_classes if task.kind != "regression" else 1
        return nn.Sequential(nn.Linear(d, 64), nn.BatchNorm1d(64), nn.ReLU(),
                             nn.Linear(64, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, d_out))
    return _b60_prev_make_model(task, size, arch, dropout, seed)


def b60_text(task: Task, batch: int) -> str:
    """cause() text of a sixtieth-batch run: the val set and batch size beside the train size."""
    return (f"; judged on {len(task.x_val)} val rows, batch {batch} "
            f"({len(task.x_train) // batch} steps an epoch on {len(task.x_train)} train rows)")


# ----------------------------------------------------------------------------- sixty-third batch
# ONLINE DATA, A FRESH SAMPLE EVERY BATCH (gen_torch.b63_recipes, gen_hf_keras.b63_dev63): the
# train set is a stream of B63_POOL rows drawn from the generator and read once (runs stop
# before the end of the first epoch), so no train row is seen twice, train and val come from the
# same distribution and there is no train/val gap to read (as in simulation or synthetic-data
# training); n_train < B63_POOL makes a fixed sample reused every epoch instead (the batch's
# overfitting contrast). Three generated scikit-learn tasks (no download): b63_quantiles
# (make_gaussian_quantiles, 6 features, 4 classes by radius shell: a linear model is at chance),
# b63_roll (make_swiss_roll, noise 0.3: regress the roll position t, standardised, from the 3
# coordinates) and b63_classif (make_classification, 20 features, 8 informative, 6 classes of 2
# clusters each, flip_y 0.02). VAL_SIZE fixed val rows from the same generator call (n_val: that
# many), inputs standardised with the train statistics; label_noise flips that share of the
# train labels (classification).
DEV63_TASKS = ("b63_quantiles", "b63_roll", "b63_classif")
TASK_SPLIT.update(dict.fromkeys(DEV63_TASKS, "dev"))
B63_POOL = 50000        # rows in a stream: more than any online run reads (batch x steps)
# the good 2x64 MLP's final val loss on each stream (the lowest over seeds 1-3 of the healthy
# torch runs; corpus_checks.B63_LOSS_FLOORS), quoted in an underfitting run's cause
B63_GOOD = {"b63_quantiles": 0.23, "b63_roll": 0.011, "b63_classif": 0.43}


def _dev63_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-third batch (see DEV63_TASKS)."""
    from sklearn.datasets import make_classification, make_gaussian_quantiles, make_swiss_roll
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(
        seed + 630000 + DEV63_TASKS.index(name), n_train or B63_POOL, n_val)
    if name == "b63_roll":
        x, t = make_swiss_roll(n, noise=0.3, random_state=rs)
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        y_tr, y_va = t[n_va:], t[:n_va]
        y_tr, y_va = (y_tr - y_tr.mean()) / y_tr.std(), (y_va - y_tr.mean()) / y_tr.std()
        return Task(name, "regression", x_tr, y_tr.astype(np.float32), x_va,
                    y_va.astype(np.float32), split=split)
    if name == "b63_quantiles":
        x, y = make_gaussian_quantiles(n_samples=n, n_features=6, n_classes=4, random_state=rs)
        return _held_out_classes(name, x, y, n_va, 4, label_noise, rng, split)
    x, y = make_classification(n, n_features=20, n_informative=8, n_redundant=4, n_classes=6,
                               n_clusters_per_class=2, class_sep=1.5, flip_y=0.02,
                               random_state=rs)
    return _held_out_classes(name, x, y, n_va, 6, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV63_TASKS, _dev63_task))


def b63_text(task: Task, batch: int, steps: int, model: str = "") -> str:
    """cause() text of a sixty-third-batch run: online (each batch a fresh sample, every row read
    once) or a fixed sample reused every epoch; the good model's level for a small model."""
    n = len(task.x_train)
    s = (f"; online data: a fresh sample of {batch} rows every batch from a stream of {n} "
         f"generated rows read once ({steps} steps x {batch} = {steps * batch} rows), val "
         f"{len(task.x_val)} fixed rows of the same distribution" if steps * batch <= n else
         f"; a fixed sample of {n} train rows reused every epoch (not online), val "
         f"{len(task.x_val)} rows")
    if model in ("linear", "tiny"):
        s += (f"; the good 2x64 MLP reaches a val loss of about {B63_GOOD[task.name]:g} on "
              f"this stream")
    return s


# ----------------------------------------------------------------------------- sixty-second batch
# COMMON TRAINING-LOOP MISTAKES AND WHAT THEY DRAW (gen_torch.b62_recipes): each mistake beside
# the correct loop on the same task, in gen_torch's own b62 loops (SummaryWriter and Lightning):
# optimizer.zero_grad() forgotten ("nozerograd": gradients accumulate), the train set fed sorted
# by label and never shuffled ("sorted"), model.eval() forgotten at validation ("trainmode":
# dropout left on), validating on (the first rows of) the train set ("valontrain"), the loss
# summed over the batch ("sumloss": reduction="sum", train and val, val in batches of the same
# size), labels off by one for the upper half of the classes ("offbyone": train labels c >= C/2
# become (c + 1) mod C, val correct). The task-level mistakes are made by b62_bugged. Three tasks
# (no download): b62_digits (scikit-learn's load_digits, 8x8 images flattened, 10 classes, 300
# val rows, the other 1,497 train), b62_wavereg (generated regression: make_regression, 12
# features, 6 informative, noise 10, plus 0.8 sin(2 x0) x1, the target standardised) and
# b62_seqmode (numpy: 20 tokens over 6 symbols, the class = which of symbols 1, 2, 3 occurs most,
# ties to the lower; a GRU's task). 1500 train rows unless n_train (digits: all 1,497), VAL_SIZE
# val rows; label_noise flips that share of the train labels.
DEV62_TASKS = ("b62_digits", "b62_wavereg", "b62_seqmode")
TASK_SPLIT.update(dict.fromkeys(DEV62_TASKS, "dev"))
B62_BUGS = ("nozerograd", "sorted", "trainmode", "valontrain", "sumloss", "offbyone")


def _dev62_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-second batch (see DEV62_TASKS)."""
    from sklearn.datasets import load_digits, make_regression
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 620000 + DEV62_TASKS.index(name))
    n_va = n_val or VAL_SIZE
    rs = int(rng.integers(1 << 30))
    if name == "b62_digits":
        x, y = load_digits(return_X_y=True)
        p = np.random.default_rng(rs).permutation(len(x))
        x, y = x[p], y[p]
        keep = np.r_[np.arange(n_va), np.arange(VAL_SIZE, VAL_SIZE + (n_train or len(x)))]
        keep = keep[keep < len(x)]
        return _held_out_classes(name, x[keep], y[keep], n_va, 10, label_noise, rng, split)
    n = (n_train or 1500) + n_va
    if name == "b62_wavereg":
        x, y = make_regression(n, n_features=12, n_informative=6, noise=10.0, random_state=rs)
        y = y / y.std() + 0.8 * np.sin(2 * x[:, 0]) * x[:, 1]
        x_tr, x_va = _standardise(x[n_va:], x[:n_va])
        mu, sd = y[n_va:].mean(), y[n_va:].std()
        return Task(name, "regression", x_tr, ((y[n_va:] - mu) / sd).astype(np.float32), x_va,
                    ((y[:n_va] - mu) / sd).astype(np.float32), split=split)
    g = np.random.default_rng(rs)
    x = g.integers(0, 6, size=(n, 20)).astype(np.int64)
    y = np.stack([(x == s).sum(1) for s in (1, 2, 3)], 1).argmax(1).astype(np.int64)
    y_tr = _flip(y[n_va:], 3, label_noise, rng)
    return Task(name, "sequence", x[n_va:], y_tr, x[:n_va], y[:n_va], n_classes=3, vocab_size=6,
                seq_len=20, split=split)


DEV12_13.update(dict.fromkeys(DEV62_TASKS, _dev62_task))


def b62_bugs(variant: str) -> set:
    """The sixty-second batch's training-loop mistakes named in a run's variant (its - tokens)."""
    return set(variant.split("-")) & set(B62_BUGS)


def b62_bugged(task: Task, bugs: set) -> Task:
    """The task as the buggy script sees it: "valontrain" validates on the first len(x_val)
    train rows; "offbyone" maps the train labels c >= C/2 to (c + 1) mod C (val correct)."""
    import dataclasses
    if "valontrain" in bugs:
        n = len(task.x_val)
        task = dataclasses.replace(task, x_val=task.x_train[:n], y_val=task.y_train[:n])
    if "offbyone" in bugs and task.n_classes:
        c, y = task.n_classes, task.y_train.copy()
        y[y >= c // 2] = (y[y >= c // 2] + 1) % c
        task = dataclasses.replace(task, y_train=y)
    return task


def b62_text(task: Task, bugs: set) -> str:
    """cause() text of a sixty-second-batch run: the task and the loop's mistake (or none)."""
    what = {"nozerograd": "optimizer.zero_grad() forgotten (gradients accumulate over steps)",
            "sorted": "train rows sorted by label / target, never shuffled",
            "trainmode": "model.eval() forgotten at validation (dropout on)",
            "valontrain": "validation on the first train rows by mistake",
            "sumloss": ("loss summed over the batch (reduction='sum'), val in batches of the "
                        "same size"),
            "offbyone": "train labels of the upper half of the classes off by one"}
    return (f"; {task.kind}, {len(task.x_train)} train rows; loop mistake: "
            + (", ".join(what[b] for b in sorted(bugs)) or "none (the correct loop)"))


# ----------------------------------------------------------------------------- sixty-fifth batch
# SMALL REAL DATA SETS THAT SHIP WITH SCIKIT-LEARN (gen_torch.b65_recipes, gen_hf_keras.b65_dev65;
# no download): the way people train small MLPs and logistic models on them, with tiny val sets.
# b65_cancer (load_breast_cancer, 569 rows, 30 features, 2 classes, standardised with the train
# statistics; 80 val rows), b65_cancer_raw (the same rows and split, the raw features: areas in
# the thousands beside smoothness near 0.1), b65_diabetes (load_diabetes, 442 rows, 10 features
# standardised, the disease-progression target standardised with the train statistics; 60 val
# rows) and b65_iris (load_iris, 150 rows, 4 features standardised, 3 classes; 30 val rows).
# Each seed draws its own train/val split (a permutation of the rows), as real users get;
# B65_VAL rows are val (n_val: that many), the rest train (n_train keeps the first n_train);
# label_noise flips that share of the train labels (classification). load_wine is not used: it
# is the test task "wine".
DEV65_TASKS = ("b65_cancer", "b65_cancer_raw", "b65_diabetes", "b65_iris")
TASK_SPLIT.update(dict.fromkeys(DEV65_TASKS, "dev"))
B65_VAL = {"b65_cancer": 80, "b65_cancer_raw": 80, "b65_diabetes": 60, "b65_iris": 30}
# the good model's final val loss on each task (the lowest over seeds 1-3 of the healthy torch
# runs: the 2x64 MLP, the linear fit on diabetes; corpus_checks.B65_LOSS_FLOORS for the raw
# cancer features and diabetes), quoted in an underfitting run's cause
B65_GOOD = {"b65_cancer": 0.008, "b65_cancer_raw": 0.17, "b65_diabetes": 0.34, "b65_iris": 0.003}


def _dev65_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-fifth batch (see DEV65_TASKS)."""
    from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
    split = TASK_SPLIT[name]
    loader = {"b65_diabetes": load_diabetes, "b65_iris": load_iris}.get(name, load_breast_cancer)
    x, y = loader(return_X_y=True)
    rng = np.random.default_rng(seed + 650000)
    p = rng.permutation(len(x))
    x, y = x[p].astype(np.float64), y[p]
    n_va = n_val or B65_VAL[name]
    x_tr, x_va, y_tr, y_va = x[n_va:], x[:n_va], y[n_va:], y[:n_va]
    if n_train:
        x_tr, y_tr = x_tr[:n_train], y_tr[:n_train]
    if name == "b65_cancer_raw":
        x_tr, x_va = x_tr.astype(np.float32), x_va.astype(np.float32)
    else:
        x_tr, x_va = _standardise(x_tr, x_va)
    if name == "b65_diabetes":
        mu, sd = y_tr.mean(), y_tr.std()
        return Task(name, "regression", x_tr, ((y_tr - mu) / sd).astype(np.float32), x_va,
                    ((y_va - mu) / sd).astype(np.float32), split=split)
    c = 3 if name == "b65_iris" else 2
    y_tr = _flip(y_tr.astype(np.int64), c, label_noise, rng)
    return Task(name, "classification", x_tr, y_tr, x_va, y_va.astype(np.int64), n_classes=c,
                split=split)


DEV12_13.update(dict.fromkeys(DEV65_TASKS, _dev65_task))


def b65_text(task: Task, batch: int, model: str = "", wd: float = 0.0, lr: float = 0.0) -> str:
    """cause() text of a sixty-fifth-batch run: the real data set, its rows, the val set's size
    (val accuracy in steps of 1/n), full-batch or mini-batch; for a run made to underfit, the
    good 2x64 MLP's level."""
    n, k = len(task.x_train), len(task.x_val)
    s = (f"; scikit-learn's {task.name[4:].replace('_raw', '')} data set"
         + (" with raw (unstandardised) features" if task.name.endswith("_raw") else "")
         + f", {n} train rows, val {k} rows"
         + (f" (val accuracy in steps of 1/{k})" if task.n_classes else "")
         + ("; full-batch (one step an epoch)" if batch >= n else f"; batch {batch}"))
    if model == "linear" or wd >= 0.1 or lr <= 1e-5:
        good = "linear fit" if task.name == "b65_diabetes" else "2x64 MLP"
        s += f"; the good {good} reaches a val loss of about {B65_GOOD[task.name]:g} here"
    return s


# ----------------------------------------------------------------------------- sixty-fourth batch
# TRAIN-ONLY LOGS (gen_torch.b64_recipes, gen_hf_keras.b64_dev64): every run of the batch logs its
# train loss (and LR, grad norm) only, never a validation series, as LM pre-training, self-
# supervised pre-training and quick scripts do; the monitored series is the train loss. Three
# tasks (no download): b64_charlm (a character LM on generated text: sentences drawn from a small
# word grammar, 20 characters, windows of 32 characters, next-character targets), b64_digits_ae
# (an autoencoder pre-training on scikit-learn's load_digits: the 64 pixels, scaled to [0, 1]
# then standardised, reconstructed through a code; kind "regression", 64 targets) and
# b64_friedfit (make_friedman1, 10 features, noise 0.5, the target standardised: a regression
# fit). VAL_SIZE val rows are drawn (never logged by the batch's runs).
DEV64_TASKS = ("b64_charlm", "b64_digits_ae", "b64_friedfit")
TASK_SPLIT.update(dict.fromkeys(DEV64_TASKS, "dev"))
B64_SEQ = 32            # b64_charlm: characters per window
B64_WORDS = ("the", "cat", "dog", "sat", "ran", "on", "a", "mat", "log", "big", "red", "hat",
             "and", "saw", "fox", "box")
# the good models' final train loss (the healthy torch runs': the lowest for the LM and the
# autoencoder, the cosine runs' level at batch 32 for the Friedman fit, whose 150-epoch batch-256
# run reaches 0.008; corpus_checks.B64_LOSS_FLOORS), quoted in an underfitting run's cause
B64_GOOD = {"b64_charlm": 0.66, "b64_digits_ae": 0.2, "b64_friedfit": 0.02}


def _b64_text_stream(n_chars, rng):
    """b64_charlm's text: sentences of 3-7 words from B64_WORDS (a noun after an article, the
    rest drawn at random), '.' and a space between them; characters as ids (sorted alphabet)."""
    arts, nouns = ("the", "a"), ("cat", "dog", "mat", "log", "hat", "fox", "box")
    out = []
    while sum(len(s) for s in out) < n_chars:
        k = int(rng.integers(3, 8))
        words = [str(arts[int(rng.integers(2))])]
        while len(words) < k:
            w = str(B64_WORDS[int(rng.integers(len(B64_WORDS)))])
            words.append(w if words[-1] not in arts else str(nouns[int(rng.integers(7))]))
        out.append(" ".join(words) + ". ")
    text = "".join(out)[:n_chars]
    chars = sorted(set("".join(B64_WORDS)) | {" ", "."})
    lut = {c: i for i, c in enumerate(chars)}
    return np.array([lut[c] for c in text], dtype=np.int64), len(chars)


def _dev64_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-fourth batch (see DEV64_TASKS)."""
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 640000 + DEV64_TASKS.index(name),
                                         n_train or 2000, n_val)
    if name == "b64_charlm":
        ids, v = _b64_text_stream(120000, np.random.default_rng(rs))
        cut = int(len(ids) * 0.8)

        def windows(lo, hi, k):
            st = rng.integers(lo, hi - B64_SEQ - 1, size=k)
            return (np.stack([ids[s:s + B64_SEQ] for s in st]),
                    np.stack([ids[s + 1:s + B64_SEQ + 1] for s in st]))

        x_tr, y_tr = windows(0, cut, n_tr)
        x_va, y_va = windows(cut, len(ids), n_va)
        return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v,
                    seq_len=B64_SEQ, split=split)
    if name == "b64_digits_ae":
        from sklearn.datasets import load_digits
        x = load_digits().data / 16.0
        x = x[np.random.default_rng(rs).permutation(len(x))]
        x_tr, x_va = _standardise(x[n_va:][:n_tr], x[:n_va])
        return Task(name, "regression", x_tr, x_tr.copy(), x_va, x_va.copy(), n_targets=64,
                    split=split)
    from sklearn.datasets import make_friedman1
    x, y = make_friedman1(n, n_features=10, noise=0.5, random_state=rs)
    return _held_out_regression(name, x, y, n_va, 0.0, rng, split)


DEV12_13.update(dict.fromkeys(DEV64_TASKS, _dev64_task))


def b64_text(task: Task, model: str = "") -> str:
    """cause() text of a sixty-fourth-batch run: train-only, and the good model's level for a
    model too small."""
    what = {"b64_charlm": "a character LM on generated text",
            "b64_digits_ae": "an autoencoder pre-training on the digits' pixels",
            "b64_friedfit": "a regression fit (Friedman #1)"}[task.name]
    return _train_only_text(task, what, B64_GOOD if model in ("linear", "tiny") else None)


def _train_only_text(task: Task, what: str, good: dict | None) -> str:
    """cause() text of a train-only run (batches 64 and 66): no validation series, and, from
    ``good`` when given, the level the task's good model's train loss reaches."""
    s = (f"; train-only ({what}, {len(task.x_train)} train rows): no validation series is "
         f"logged, the train loss is the monitored series")
    if good is not None:
        s += f"; the good model's train loss levels at about {good[task.name]:g} on this task"
    return s


# ----------------------------------------------------------------------------- sixty-seventh batch
# FEW EVALUATIONS BESIDE A LONG PER-STEP TRAIN LOSS (gen_torch.b67_recipes, gen_hf_keras.b67_dev67):
# the most common shape of real fine-tunes, HF Trainer runs of 2-6 epochs with eval_strategy
# "epoch", Lightning runs of 3-8 epochs validating once an epoch with the train loss on_step, and
# SummaryWriter loops evaluating once an epoch: 1-8 val points beside hundreds of train points.
# Three generated tasks (no download), trained from scratch: b67_seqcls (kind "sequence": 24
# tokens from 10, the class is whichever of tokens 1, 2, 3 occurs most, ties to the lowest; 3
# classes, a GRU), b67_tagger (kind "tagging": 20 tokens from 12, tag 1 on tokens 1-2, 2 on
# tokens 3-4, 0 elsewhere, 5% of the tags in train and val replaced (annotators' slips: a loss
# floor); the thirteenth batch's transformer tagger)
# and b67_friedreg (make_friedman1, 10 features, noise 1.0, the target standardised with the
# train statistics; the MLP). 2000 train rows unless n_train, VAL_SIZE val rows (n_val: that
# many); label_noise flips that share of the train labels / tags (adds N(0, (2 label_noise)^2)
# to the regression's train targets).
DEV67_TASKS = ("b67_seqcls", "b67_tagger", "b67_friedreg")
TASK_SPLIT.update(dict.fromkeys(DEV67_TASKS, "dev"))
# the good models' final val loss (the healthy torch runs' lowest over seeds 1-3; see
# corpus_checks.B67_LOSS_FLOORS), quoted in an underfitting run's cause
B67_GOOD = {"b67_seqcls": 0.07, "b67_tagger": 0.226, "b67_friedreg": 0.066}


def _dev67_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-seventh batch (see DEV67_TASKS)."""
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 670000 + DEV67_TASKS.index(name),
                                         n_train or 2000, n_val)
    g = np.random.default_rng(rs)
    if name == "b67_seqcls":
        x = g.integers(0, 10, size=(n, 24)).astype(np.int64)
        y = np.stack([(x == k).sum(1) for k in (1, 2, 3)], 1).argmax(1).astype(np.int64)
        y_tr = _flip(y[n_va:], 3, label_noise, rng)
        return Task(name, "sequence", x[n_va:], y_tr, x[:n_va], y[:n_va], n_classes=3,
                    vocab_size=10, seq_len=24, split=split)
    if name == "b67_tagger":
        x = g.integers(0, 12, size=(n, 20)).astype(np.int64)
        tags = np.where((x >= 1) & (x <= 2), 1, np.where((x >= 3) & (x <= 4), 2, 0))
        miss = g.random(tags.shape) < 0.05      # annotators' slips, in train and val
        tags = np.where(miss, (tags + g.integers(1, 3, tags.shape)) % 3, tags).astype(np.int64)
        y_tr = tags[n_va:].copy()
        if label_noise > 0:
            flip = rng.random(y_tr.shape) < label_noise
            y_tr = np.where(flip, (y_tr + rng.integers(1, 3, y_tr.shape)) % 3, y_tr)
        return Task(name, "tagging", x[n_va:], y_tr, x[:n_va], tags[:n_va], n_classes=3,
                    vocab_size=12, seq_len=20, split=split)
    from sklearn.datasets import make_friedman1
    x, y = make_friedman1(n, n_features=10, noise=1.0, random_state=rs)
    return _held_out_regression(name, x, y, n_va, 2 * label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV67_TASKS, _dev67_task))


def b67_text(task: Task, epochs, model: str = "", lr: float = 0.0, plain_sgd: bool = False) -> str:
    """cause() text of a sixty-seventh-batch run: few evaluations (once an epoch), the task's
    kind and size; for a run made to underfit (a linear fit, an LR of 1e-5 or less, plain SGD
    without momentum at 1e-3 or less), the good model's level."""
    ev = f"{epochs} evaluation{'s' if epochs != 1 else ''}" if epochs else "few evaluations"
    s = (f"; few evaluations beside a per-step train loss: val once an epoch ({ev}); "
         f"{task.kind}, {len(task.x_train)} train rows, val {len(task.x_val)} rows")
    if model in ("linear", "tiny") or (lr and lr <= 1e-5) or (plain_sgd and lr <= 1e-3):
        s += f"; the good model's val loss reaches about {B67_GOOD[task.name]:g} here"
    return s


# ----------------------------------------------------------------------------- sixty-sixth batch
# TRAIN-ONLY LOGS, a second round (gen_torch.b66_recipes, gen_hf_keras.b66_dev66): as batch 64,
# every run logs its train loss (and LR, grad norm, train accuracy where the writer does) and
# never a validation series; the monitored series is the train loss. Three tasks batch 64 lacks
# (no download): b66_digits_cnn (scikit-learn's load_digits as 8x8 images, pixels / 16, 10
# classes, for the small CNN, arch "cnn"), b66_seqcls (sequence classification on generated
# token sequences for a small mean-pooled transformer: 20 tokens of 12, the class one of the four
# marker tokens 0-3 planted 3-5 extra times over the uniform background; kind "sequence") and
# b66_tabreg (a tabular regression: make_regression, 12 features, 6 informative, the linear
# signal passed through tanh plus an interaction x1 * x2 and N(0, 0.1^2) noise, the target
# standardised with the train statistics). VAL_SIZE val rows are drawn (never logged).
DEV66_TASKS = ("b66_digits_cnn", "b66_seqcls", "b66_tabreg")
TASK_SPLIT.update(dict.fromkeys(DEV66_TASKS, "dev"))
B66_SEQ, B66_VOCAB = 20, 12     # b66_seqcls: tokens per sequence, vocabulary
# the good models' final train loss (the healthy torch runs' with warm-up + cosine at batch 32;
# the batch-512 linear-decay runs reach 0.016, 0.06 and 0.005), quoted in an underfitting run's
# cause (corpus_checks.B66_LOSS_FLOORS)
B66_GOOD = {"b66_digits_cnn": 0.08, "b66_seqcls": 0.08, "b66_tabreg": 0.012}


def _dev66_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-sixth batch (see DEV66_TASKS)."""
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 660000 + DEV66_TASKS.index(name),
                                         n_train or 2000, n_val)
    if name == "b66_digits_cnn":
        from sklearn.datasets import load_digits
        x, y = load_digits(return_X_y=True)
        p = np.random.default_rng(rs).permutation(len(x))
        x, y = (x[p] / 16.0).astype(np.float32), y[p].astype(np.int64)
        return Task(name, "classification", x[n_va:][:n_tr], y[n_va:][:n_tr], x[:n_va],
                    y[:n_va], n_classes=10, split=split)
    if name == "b66_seqcls":
        r2 = np.random.default_rng(rs)
        y = r2.integers(0, 4, n)
        x = r2.integers(0, B66_VOCAB, (n, B66_SEQ))
        for i in range(n):
            k = int(r2.integers(3, 6))
            x[i, r2.choice(B66_SEQ, k, replace=False)] = y[i]
        x, y = x.astype(np.int64), y.astype(np.int64)
        return Task(name, "sequence", x[n_va:], y[n_va:], x[:n_va], y[:n_va], n_classes=4,
                    vocab_size=B66_VOCAB, seq_len=B66_SEQ, split=split)
    from sklearn.datasets import make_regression
    x, lin = make_regression(n, n_features=12, n_informative=6, noise=0.0, random_state=rs)
    y = (2.0 * np.tanh(lin / lin.std()) + 0.5 * x[:, 1] * x[:, 2]
         + np.random.default_rng(rs).normal(0, 0.1, n))
    return _held_out_regression(name, x, y, n_va, 0.0, rng, split)


DEV12_13.update(dict.fromkeys(DEV66_TASKS, _dev66_task))


def b66_text(task: Task, model: str = "", lr: float = 0.0) -> str:
    """cause() text of a sixty-sixth-batch run: train-only, and the good model's level for a
    model too small or an LR so low nothing moves."""
    what = {"b66_digits_cnn": "a small CNN on the digits as 8x8 images",
            "b66_seqcls": "a small transformer classifying generated token sequences",
            "b66_tabreg": "a tabular regression (make_regression through tanh)"}[task.name]
    return _train_only_text(task, what, B66_GOOD if model in ("linear", "tiny") or 0 < lr <= 1e-6
                            else None)


# ----------------------------------------------------------------------------- sixty-ninth batch
# RESUMED AND RESTARTED TRAININGS as they land in real log folders (gen_torch.b69_recipes): a run
# killed and resumed from its last checkpoint (saved every N steps) into the same log folder (a
# SummaryWriter reopened on the same directory, with or without purge_step, so the steps after
# the checkpoint are written twice or purged; Lightning fit(ckpt_path=...) into the same
# CSVLogger version or into a new version_N of the same name), a resume with a changed LR or
# batch size, and a run restarted from scratch into the same folder (a second training
# appended). Three tasks (scikit-learn, no download): b69_digits (load_digits, 64 pixels / 16,
# 10 classes, 300 val rows, the rest train), b69_classif (make_classification, 16 features, 8
# informative, 5 classes of 2 clusters, class_sep 1.2, flip_y 0.02) and b69_friedreg
# (make_friedman1, 10 features, noise 0.5, the target standardised with the train statistics).
# 1500 train rows unless n_train (digits: at most 1497), VAL_SIZE val rows; label_noise flips
# that share of the train labels (adds N(0, (2 label_noise)^2) to the regression's train targets).
DEV69_TASKS = ("b69_digits", "b69_classif", "b69_friedreg")
TASK_SPLIT.update(dict.fromkeys(DEV69_TASKS, "dev"))
# the good models' final val loss (the healthy uninterrupted torch runs'), quoted in an
# underfitting run's cause (corpus_checks.B69_LOSS_FLOORS)
B69_GOOD = {"b69_digits": 0.09, "b69_classif": 0.52, "b69_friedreg": 0.035}


def _dev69_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-ninth batch (see DEV69_TASKS)."""
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 690000 + DEV69_TASKS.index(name),
                                         n_train or 1500, n_val)
    if name == "b69_digits":
        from sklearn.datasets import load_digits
        x, y = load_digits(return_X_y=True)
        p = np.random.default_rng(rs).permutation(len(x))
        x, y = (x[p] / 16.0).astype(np.float32), y[p].astype(np.int64)
        y_tr = _flip(y[n_va:][:n_tr], 10, label_noise, rng)
        return Task(name, "classification", x[n_va:][:n_tr], y_tr, x[:n_va], y[:n_va],
                    n_classes=10, split=split)
    if name == "b69_classif":
        from sklearn.datasets import make_classification
        x, y = make_classification(n, n_features=16, n_informative=8, n_redundant=4,
                                   n_classes=5, n_clusters_per_class=2, class_sep=1.2,
                                   flip_y=0.02, random_state=rs)
        return _held_out_classes(name, x, y, n_va, 5, label_noise, rng, split)
    from sklearn.datasets import make_friedman1
    x, y = make_friedman1(n, n_features=10, noise=0.5, random_state=rs)
    return _held_out_regression(name, x, y, n_va, 2 * label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV69_TASKS, _dev69_task))


def b69_text(task: Task, how: str, model: str = "", lr: float = 0.0) -> str:
    """cause() text of a sixty-ninth-batch run: where and how it was resumed or restarted
    (``how``, from gen_torch), the task's size; for a run made to underfit (a linear fit, an LR
    of 1e-5 or less), the good model's level."""
    s = f"; {how}; {task.kind}, {len(task.x_train)} train rows, val {len(task.x_val)} rows"
    if model in ("linear", "tiny") or (lr and lr <= 1e-5):
        s += f"; the good model's val loss reaches about {B69_GOOD[task.name]:g} here"
    return s


# ----------------------------------------------------------------------------- sixty-eighth batch
# HEAVY REGULARISATION, THE TRAIN LOSS ABOVE THE VAL LOSS (gen_torch.b68_recipes,
# gen_hf_keras.b68_dev68): augmentation applied to the train batches only and dropout, inside the
# model, on in train mode and off in eval mode, so the logged train loss (measured on augmented,
# dropped-out batches) sits above the val loss (clean inputs, no dropout) for much or all of the
# run, as in many real Keras and PyTorch trainings. Three tasks (no download): b68_digits
# (scikit-learn's load_digits, 64 pixels / 16, as 8x8 images for the augmentation; 10 classes),
# b68_wave (generated signals: 32 samples of a sine of 3, 4 or 5 cycles (the class) with a random
# phase and amplitude 0.8-1.2, plus N(0, 0.8^2) noise; 3 classes) and b68_friedreg
# (make_friedman1, 10 features, noise 1.0, inputs and target standardised with the train
# statistics). 1200 train rows unless n_train (digits: at most 1497), VAL_SIZE val rows;
# label_noise flips that share of the train labels (adds N(0, (2 label_noise)^2) to the
# regression's train targets). The model is tasks.make_model's MLP of the size behind arch
# "b68_<level>" (B68_REG: none | weak | good | strong), whose forward first augments its input
# in train mode (digits: a random shift of up to `shift` px, a cutout square of `cut` px, N(0,
# noise^2); wave: a random circular shift, a time reversal half the time, a cutout of `cut`
# samples, N(0, noise^2); friedreg: N(0, noise^2)), with dropout after each hidden layer.
DEV68_TASKS = ("b68_digits", "b68_wave", "b68_friedreg")
TASK_SPLIT.update(dict.fromkeys(DEV68_TASKS, "dev"))
# (dropout, noise, shift, cut) per task and level; "none" is the bare MLP
B68_REG = {
    "b68_digits": {"weak": (0.1, 0.0, 0, 0), "good": (0.5, 0.1, 0, 2),
                   "strong": (0.75, 0.5, 1, 4)},
    "b68_wave": {"weak": (0.1, 0.0, 0, 0), "good": (0.5, 0.4, 1, 6),
                 "strong": (0.7, 1.2, 1, 12)},
    "b68_friedreg": {"weak": (0.1, 0.0, 0, 0), "good": (0.3, 0.2, 0, 0),
                     "strong": (0.7, 1.2, 0, 0)},
}
# the good models' final val loss (the healthy torch runs' lowest over seeds 1-3; see
# corpus_checks.B68_LOSS_FLOORS), quoted in an underfitting run's cause
B68_GOOD = {"b68_digits": 0.095, "b68_wave": 0.029, "b68_friedreg": 0.108}


def _dev68_task(name, seed, n_train, label_noise, n_val=None):
    """Sixty-eighth batch (see DEV68_TASKS)."""
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 680000 + DEV68_TASKS.index(name),
                                         n_train or 1200, n_val)
    g = np.random.default_rng(rs)
    if name == "b68_digits":
        from sklearn.datasets import load_digits
        x, y = load_digits(return_X_y=True)
        p = g.permutation(len(x))
        x, y = (x[p] / 16.0).astype(np.float32), y[p].astype(np.int64)
        y_tr = _flip(y[n_va:][:n_tr], 10, label_noise, rng)
        return Task(name, "classification", x[n_va:][:n_tr], y_tr, x[:n_va], y[:n_va],
                    n_classes=10, split=split)
    if name == "b68_wave":
        y = g.integers(0, 3, n)
        t = np.arange(32) / 32.0
        amp = g.uniform(0.8, 1.2, (n, 1))
        x = amp * np.sin(2 * np.pi * ((y[:, None] + 3) * t[None] + g.random((n, 1))))
        x = (x + g.normal(0, 0.8, x.shape)).astype(np.float32)
        y = y.astype(np.int64)
        return Task(name, "classification", x[n_va:], _flip(y[n_va:], 3, label_noise, rng),
                    x[:n_va], y[:n_va], n_classes=3, split=split)
    from sklearn.datasets import make_friedman1
    x, y = make_friedman1(n, n_features=10, noise=1.0, random_state=rs)
    x_tr, x_va = _standardise(x[n_va:], x[:n_va])
    mu, sd = y[n_va:].mean(), y[n_va:].std()
    y_tr, y_va = ((y[n_va:] - mu) / sd), ((y[:n_va] - mu) / sd)
    if label_noise > 0:
        y_tr = y_tr + rng.normal(0, 2 * label_noise, len(y_tr))
    return Task(name, "regression", x_tr.astype(np.float32), y_tr.astype(np.float32),
                x_va.astype(np.float32), y_va.astype(np.float32), split=split)


DEV12_13.update(dict.fromkeys(DEV68_TASKS, _dev68_task))


def _b68_model(task: Task, size: str, level: str, seed: int):
    """The sixty-eighth batch's MLP with its train-mode augmentation and dropout (B68_REG)."""
    torch = _torch()
    torch.manual_seed(seed)
    drop, noise, shift, cut = B68_REG[task.name].get(level, (0.0, 0.0, 0, 0))
    hidden, depth = MODEL_SIZES[size]
    d_out = task.n_classes if task.kind != "regression" else 1
    body = _mlp(task.n_features, d_out, hidden, depth, drop)
    name = task.name

    class B68Aug(torch.nn.Module):
        """Augments the input in train mode only (eval: the clean input), then the MLP."""
        def __init__(self):
            super().__init__()
            self.body = body

        def forward(self, x):
            if self.training and (noise or shift or cut):
                x = self.augment(x)
            return self.body(x)

        def augment(self, x):
            b = x.shape[0]
            if name == "b68_digits":
                im = x.reshape(b, 8, 8)
                if shift:
                    dx, dy = (int(v) for v in torch.randint(-shift, shift + 1, (2,)))
                    im = torch.roll(im, (dy, dx), (1, 2))
                if cut:
                    i, j = (int(v) for v in torch.randint(0, 8 - cut + 1, (2,)))
                    im = im.clone()
                    im[:, i:i + cut, j:j + cut] = 0.0
                x = im.reshape(b, 64)
            elif name == "b68_wave":
                x = torch.roll(x, int(torch.randint(0, 32, (1,))), 1)
                if float(torch.rand(())) < 0.5:
                    x = torch.flip(x, (1,))
                if cut:
                    i = int(torch.randint(0, 32 - cut + 1, (1,)))
                    x = x.clone()
                    x[:, i:i + cut] = 0.0
            if noise:
                x = x + noise * torch.randn_like(x)
            return x

    return B68Aug()


_b68_prev_make_model = make_model


def make_model(task: Task, size: str = "small", arch: str | None = None,  # noqa: F811
               dropout: float = 0.0, seed: int = 0):
    """The earlier make_model; arch "b68_<level>" (sixty-eighth batch): the MLP with B68_REG's
    train-mode augmentation and dropout ("b68_none": the bare MLP)."""
    if arch and arch.startswith("b68_") and task.name in DEV68_TASKS:
        return _b68_model(task, size, arch[4:], seed)
    return _b68_prev_make_model(task, size, arch, dropout, seed)


def b68_text(task: Task, arch: str | None, cut: bool = False) -> str:
    """cause() text of a sixty-eighth-batch run: the regulariser (what makes the logged train loss
    sit above the val loss); for one too strong, the good model's level; for a run cut short
    (``cut``), that the train/val gap is the regulariser's, not what shows it."""
    level = (arch or "")[4:] if (arch or "").startswith("b68_") else "none"
    drop, noise, shift, cut = B68_REG[task.name].get(level, (0.0, 0.0, 0, 0))
    parts = [f"dropout {drop:g}"] if drop else []
    if shift and task.name == "b68_digits":
        parts.append(f"random shift <= {shift} px")
    if task.name == "b68_wave" and level != "none" and (noise or cut):
        parts.append("random circular shift, time reversal half the time")
    if cut:
        parts.append(f"cutout {cut}x{cut} px" if task.name == "b68_digits"
                     else f"cutout of {cut} samples")
    if noise:
        parts.append(f"input noise N(0, {noise:g}^2)")
    if not parts:
        s = "; no regulariser (no dropout, no augmentation)"
    else:
        s = (f"; heavy regularisation ({level}): {', '.join(parts)}, on the train batches only "
             f"(train mode): the logged train loss is measured on augmented, dropped-out batches,"
             f" the val loss on clean inputs in eval mode, so train sits above val")
    s += f"; {len(task.x_train)} train rows, val {len(task.x_val)} rows"
    if level == "strong":
        s += (f"; the regulariser is too strong: the good setting's val loss reaches about "
              f"{B68_GOOD[task.name]:g} here")
    if cut:
        s += ("; a run cut short: the train loss sits above the val loss all along (the "
              "regulariser), so the val gap alone is not what shows it; the val loss still "
              "falling at the last evaluation does")
    return s


# ----------------------------------------------------------------------------- seventy-first batch
# SEQUENCE-TO-SEQUENCE WITH A GENERATION METRIC BESIDE THE VAL LOSS (gen_torch.b71_recipes,
# gen_hf_keras.b71_dev71): the twenty-first batch's GRU encoder-decoder (arch "seq2seq", no
# attention; kind "seq2seq": teacher-forced token cross-entropy as train and val loss, val
# accuracy the token accuracy of a greedy decode of the val set (each step fed its own argmax),
# val bleu a BLEU-like 1-4-gram score of that decode, val tf_token_acc the teacher-forced token
# accuracy: the gap between the two accuracies is the exposure bias). Three generated tasks (no
# download; S2S_LEN 7 source and target tokens, S2S_VOCAB 12 words): b71_reverse (7 digits
# reversed; 10% of the source digits are unreadable (token 10) while the target keeps the digit:
# an irreducible noise floor, where an over-confident model's val loss turns up while its greedy
# accuracy still improves), b71_sort (7 tokens of 0-11 sorted; 4% of the sorted target tokens,
# train and val, replaced at random: a floor) and b71_grammar (a toy translation between two
# generated grammars: source sentences of 6 templates of nouns 0-4, verbs 5-7, adjectives 8-9
# and function words 10-11; the target language puts the adjective after its noun and the verb
# last, translates each word through a fixed dictionary and inflects the verb by the subject
# (the first noun): a rule that needs the context). 2000 train / VAL_SIZE val pairs unless
# n_train / n_val; label_noise replaces that share of the train target tokens at random.
DEV71_TASKS = ("b71_reverse", "b71_sort", "b71_grammar")
TASK_SPLIT.update(dict.fromkeys(DEV71_TASKS, "dev"))
B71_UNREADABLE = 0.10       # b71_reverse: share of unreadable source digits
B71_SORT_CORRUPT = 0.04     # b71_sort: share of sorted target tokens replaced
B71_TEMPLATES = ("ANVANFN", "NVANFAN", "FANVNAN", "ANVFNAN", "NVFANAN", "FNVANAN")
# the good models' final val loss and greedy token accuracy (the healthy torch runs'), quoted in
# an underfitting run's cause (corpus_checks.B71_LOSS_FLOORS)
B71_GOOD = {"b71_reverse": (0.68, 0.71), "b71_sort": (0.27, 0.96), "b71_grammar": (0.009, 1.0)}


def _b71_grammar_pairs(n, rng):
    """b71_grammar: n (source, target) pairs (see DEV71_TASKS)."""
    pools = {"N": np.arange(0, 5), "V": np.arange(5, 8), "A": np.arange(8, 10),
             "F": np.arange(10, 12)}
    perm = np.random.default_rng(710900).permutation(S2S_VOCAB)
    src = np.zeros((n, S2S_LEN), np.int64)
    tgt = np.zeros((n, S2S_LEN), np.int64)
    for k in range(n):
        tpl = B71_TEMPLATES[int(rng.integers(0, len(B71_TEMPLATES)))]
        s = [int(rng.choice(pools[c])) for c in tpl]
        subj = next(w for w, c in zip(s, tpl) if c == "N")
        words = list(zip(s, tpl))
        i = 0
        while i < len(words) - 1:              # adjective noun -> noun adjective
            if words[i][1] == "A" and words[i + 1][1] == "N":
                words[i], words[i + 1] = words[i + 1], words[i]
                i += 2
            else:
                i += 1
        verb = next(w for w in words if w[1] == "V")
        words.remove(verb)
        words.append((5 + (verb[0] - 5 + subj) % 3, "V"))  # the verb last, inflected
        src[k] = s
        tgt[k] = perm[[w for w, _ in words]]
    return src, tgt


def _dev71_task(name, seed, n_train, label_noise, n_val=None):
    """Seventy-first batch (see DEV71_TASKS)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 710000 + DEV71_TASKS.index(name))
    n_tr, n_va = n_train or 2000, n_val or VAL_SIZE
    n = n_tr + n_va
    if name == "b71_reverse":
        d = rng.integers(0, 10, (n, S2S_LEN))
        y = d[:, ::-1].copy()
        src = np.where(rng.random(d.shape) < B71_UNREADABLE, 10, d)
    elif name == "b71_sort":
        src = rng.integers(0, S2S_VOCAB, (n, S2S_LEN))
        y = np.sort(src, axis=1)
        bad = rng.random(y.shape) < B71_SORT_CORRUPT
        y[bad] = rng.integers(0, S2S_VOCAB, int(bad.sum()))
    else:
        src, y = _b71_grammar_pairs(n, rng)
    x_tr, y_tr, x_va, y_va = src[n_va:], y[n_va:].copy(), src[:n_va], y[:n_va]
    if label_noise > 0:
        bad = rng.random(y_tr.shape) < label_noise
        y_tr[bad] = rng.integers(0, S2S_VOCAB, int(bad.sum()))
    x_tr = np.concatenate([x_tr, y_tr], 1).astype(np.float32)
    x_va = np.concatenate([x_va, y_va], 1).astype(np.float32)
    return Task(name, "seq2seq", x_tr, y_tr.astype(np.int64), x_va, y_va.astype(np.int64),
                n_classes=S2S_VOCAB, split=split)


DEV12_13.update(dict.fromkeys(DEV71_TASKS, _dev71_task))


def b71_text(task: Task, model: str = "", why: str = "") -> str:
    """cause() text of a seventy-first-batch run: the task, the loss and the generation metric
    beside it, the exposure bias; for a model too small, the good model's level; ``why`` (from
    the generator): what the run's setting does."""
    what = {"b71_reverse": "7 digits reversed, 10% of the source digits unreadable (an "
                           "irreducible floor of the val loss)",
            "b71_sort": "7 tokens sorted, 4% of the sorted target tokens replaced at random "
                        "(a floor)",
            "b71_grammar": "a toy translation between two generated grammars (adjective after "
                           "the noun, the verb last and inflected by the subject)"}[task.name]
    s = (f"; seq2seq GRU encoder-decoder (no attention), {what}; {len(task.x_train)} train "
         f"pairs, val {len(task.x_val)} pairs; the loss is the teacher-forced token "
         f"cross-entropy, the generation metric a greedy decode of the val set (token accuracy "
         f"as val accuracy, a BLEU-like score as bleu), the teacher-forced token accuracy beside "
         f"it (their gap: exposure bias); an over-confident model's val loss can turn up while "
         f"the greedy metric still improves")
    if model == "tiny":
        loss, acc = B71_GOOD[task.name]
        s += (f"; a 4-unit GRU: the good model's val loss reaches about {loss:g} here, its "
              f"greedy token accuracy about {acc:g}")
    return s + (f"; {why}" if why else "")


# ----------------------------------------------------------------------------- seventieth batch
# LONG PER-STEP LOGS OF LM-STYLE PRE-TRAINING (gen_torch.b70_recipes, gen_hf_keras.b70_dev70): tiny
# GPT-style causal transformers trained from scratch on three generated token streams the corpus
# had no LM of, the train loss (and LR, grad norm) logged every 1-5 steps for 2,000-15,000
# points, warm-up then cosine or linear decay to 0, an eval loss every 250-2,000 steps on half of
# the runs and none on the other half. Three tasks (no download; kind "lm", windows of B70_SEQ
# tokens, next-token targets at every position, train windows from the first 90% of the stream,
# val windows from the last 10%): b70_descr_lm (characters of a second-order Markov source whose
# transitions are counted on the dataset descriptions that ship with scikit-learn, DESCR of
# load_iris / wine / breast_cancer / diabetes / digits / linnerud, lower-cased, digits as '#',
# other symbols as spaces: 30 characters), b70_hmm_lm (a hidden Markov model: 5 sticky hidden
# states, each emitting 12 symbols from its own sparse distribution) and b70_mul_lm
# (multiplications "37*8=296;" of a 2-digit by a 1-digit number as characters: the product is
# determined, the operands are not). B70_ENTROPY holds each source's entropy rate in nats per
# token (exact for the Markov source, the true model's forward-filter log loss on the stream for
# the HMM, the operands' entropy over the characters for the products): what a perfect model's
# loss reaches.
DEV70_TASKS = ("b70_descr_lm", "b70_hmm_lm", "b70_mul_lm")
TASK_SPLIT.update(dict.fromkeys(DEV70_TASKS, "dev"))
B70_SEQ = 32            # tokens per window
B70_STREAM = 150000     # tokens per generated stream
B70_DESCR_CHARS = " ,#.abcdefghijklmnopqrstuvwxyz"


def _b70_descr_text() -> str:
    """The scikit-learn dataset descriptions, normalised to B70_DESCR_CHARS (one space between
    words)."""
    import re

    from sklearn import datasets as skd
    raw = " ".join(getattr(skd, f)().DESCR for f in (
        "load_iris", "load_wine", "load_breast_cancer", "load_diabetes", "load_digits",
        "load_linnerud")).lower()
    raw = re.sub(r"[0-9]", "#", raw)
    raw = "".join(c if c in B70_DESCR_CHARS else " " for c in raw)
    return re.sub(r" +", " ", raw).strip() + " "


def _b70_descr_chain():
    """The order-2 character chain counted on _b70_descr_text (read circularly): P[context, c]
    over the contexts (pairs) seen, contexts as pair ids, the next pair id of (context, c)."""
    text = _b70_descr_text()
    lut = {c: i for i, c in enumerate(B70_DESCR_CHARS)}
    ids = [lut[c] for c in text]
    n, v = len(ids), len(B70_DESCR_CHARS)
    counts = np.zeros((v * v, v))
    for i in range(n):
        counts[ids[i] * v + ids[(i + 1) % n], ids[(i + 2) % n]] += 1
    return counts, v


def _b70_descr_stream(n_tok, seed):
    counts, v = _b70_descr_chain()
    P = counts / np.clip(counts.sum(1, keepdims=True), 1, None)
    c = np.cumsum(P, 1)
    rng = np.random.default_rng(seed)
    u = rng.random(n_tok)
    ctx = int(np.argmax(counts.sum(1)))
    out = np.empty(n_tok, dtype=np.int64)
    for i in range(n_tok):
        t = min(int(np.searchsorted(c[ctx], u[i])), v - 1)
        out[i] = t
        ctx = (ctx % v) * v + t
    return out, v


def _b70_hmm():
    """b70_hmm_lm's HMM (fixed): 5 hidden states staying put with probability 0.97, else moving
    to another uniformly; each emits 12 symbols from Dirichlet(0.15)."""
    rng = np.random.default_rng(700200)
    k, v = 5, 12
    A = np.full((k, k), 0.03 / (k - 1))
    np.fill_diagonal(A, 0.97)
    B = rng.dirichlet(np.full(v, 0.15), size=k)
    return A, B


def _b70_hmm_stream(n_tok, seed):
    A, B = _b70_hmm()
    rng = np.random.default_rng(seed)
    ca, cb = np.cumsum(A, 1), np.cumsum(B, 1)
    u, w = rng.random(n_tok), rng.random(n_tok)
    out = np.empty(n_tok, dtype=np.int64)
    h = 0
    for i in range(n_tok):
        h = min(int(np.searchsorted(ca[h], u[i])), len(A) - 1)
        out[i] = min(int(np.searchsorted(cb[h], w[i])), B.shape[1] - 1)
    return out, B.shape[1]


def _b70_mul_stream(n_tok, seed):
    """"a*b=c;" with a uniform in 10-99 and b in 2-9, as characters (0-9 * = ;)."""
    rng = np.random.default_rng(seed)
    lut = {c: i for i, c in enumerate("0123456789*=;")}
    out = []
    while len(out) < n_tok:
        a, b = int(rng.integers(10, 100)), int(rng.integers(2, 10))
        out += [lut[c] for c in f"{a}*{b}={a * b};"]
    return np.array(out[:n_tok], dtype=np.int64), 13


def b70_entropy(name: str) -> float:
    """The source's entropy rate in nats per token (see DEV70_TASKS)."""
    if name == "b70_descr_lm":
        counts, v = _b70_descr_chain()
        pi = counts.sum(1) / counts.sum()       # the text's pair frequencies (circular: stationary)
        P = counts / np.clip(counts.sum(1, keepdims=True), 1, None)
        return float(-(pi[:, None] * P * np.log(np.clip(P, 1e-300, None))).sum())
    if name == "b70_hmm_lm":
        A, B = _b70_hmm()
        ids, _ = _b70_hmm_stream(40000, 700299)
        a = np.full(len(A), 1.0 / len(A))
        nll = 0.0
        for t in ids:
            p = (a @ A) * B[:, t]
            nll -= np.log(p.sum())
            a = p / p.sum()
        return float(nll / len(ids))
    # 90 x 8 equally likely equations; characters per equation: 2 + 1 + 1 + 1 + len(c) + 1
    lens = [6 + len(str(a * b)) for a in range(10, 100) for b in range(2, 10)]
    return float(np.log(90 * 8) / np.mean(lens))


def _dev70_task(name, seed, n_train, label_noise, n_val=None):
    """Seventieth batch (see DEV70_TASKS): 12000 train windows of B70_SEQ tokens (drawn by seed)
    from the first 90% of one stream per task, VAL_SIZE val windows from the last 10%."""
    split = TASK_SPLIT[name]
    gen = {"b70_descr_lm": _b70_descr_stream, "b70_hmm_lm": _b70_hmm_stream,
           "b70_mul_lm": _b70_mul_stream}[name]
    ids, v = gen(B70_STREAM, 700000 + DEV70_TASKS.index(name))
    rng = np.random.default_rng(701000 + seed)
    cut = int(len(ids) * 0.9)

    def windows(lo, hi, n):
        st = rng.integers(lo, hi - B70_SEQ - 1, size=n)
        return (np.stack([ids[s:s + B70_SEQ] for s in st]),
                np.stack([ids[s + 1:s + B70_SEQ + 1] for s in st]))

    x_tr, y_tr = windows(0, cut, n_train or 12000)
    x_va, y_va = windows(cut, len(ids), n_val or VAL_SIZE)
    return Task(name, "lm", x_tr, y_tr, x_va, y_va, n_classes=v, vocab_size=v, seq_len=B70_SEQ,
                split=split)


DEV12_13.update(dict.fromkeys(DEV70_TASKS, _dev70_task))
# the good models' final loss (the healthy torch runs', eval or train: the width-32 GPT reaches the
# HMM's entropy rate, not the products' 0.74: it learns the operands' digits, not the
# multiplication; corpus_checks.B70_LOSS_FLOORS), quoted in an underfitting run's cause beside
# the source's entropy rate and the unigram entropy
B70_GOOD = {"b70_descr_lm": 1.85, "b70_hmm_lm": 1.5, "b70_mul_lm": 1.4}


def b70_text(task: Task, evals: int, model: str = "", low_lr: bool = False) -> str:
    """cause() text of a seventieth-batch run: the source, the eval count (or train-only) and,
    for a model too small or an LR far too low, the good model's level and the entropies."""
    what = {"b70_descr_lm": "a character LM on an order-2 Markov source counted on scikit-learn's "
                            "dataset descriptions",
            "b70_hmm_lm": "a token LM on a 5-state hidden Markov source",
            "b70_mul_lm": "a character LM on multiplications a*b=c;"}[task.name]
    s = f"; LM pre-training from scratch ({what}, {len(task.x_train)} windows of {B70_SEQ})"
    s += (f": the eval loss every so often, {evals} evaluations, is the monitored series" if evals
          else ": train-only, no eval series, the train loss is the monitored series")
    if model in ("linear", "tiny") or low_lr:
        y = task.y_train.ravel()
        p = np.bincount(y, minlength=task.vocab_size) / len(y)
        uni = float(-(p[p > 0] * np.log(p[p > 0])).sum())
        s += (f"; the good model's loss levels at about {B70_GOOD[task.name]:g} (the source's "
              f"entropy rate {b70_entropy(task.name):.2f}, the unigram entropy {uni:.2f})")
    return s


# ----------------------------------------------------------------------------- seventy-second batch
# LIGHTNING THE WAY TYPICAL USERS WRITE IT (gen_torch.b72_recipes): every run a LightningModule
# logging self.log("train_loss", on_step=True, on_epoch=True) (train_loss_step and
# train_loss_epoch), val_loss and a val metric on_epoch (val_acc and val_f1 for the classifiers,
# val_mae for the regression), LearningRateMonitor, ModelCheckpoint on val_loss (mode min) or
# val_acc (mode max), EarlyStopping on a third of the runs, ReduceLROnPlateau / OneCycleLR /
# cosine, val_check_interval 1.0 or 0.5, CSVLogger (a few TensorBoardLogger). Three generated
# scikit-learn tasks (no download; 2400 train / VAL_SIZE val rows unless n_train, inputs
# standardised with the train statistics): b72_churn (make_classification, binary, 20 features,
# 6 informative, 4 redundant, 75% / 25% classes, class_sep 0.9, flip_y 0.03: val_f1 is the F1 of
# the rare class), b72_classes7 (make_classification, 7 classes of 2 clusters, 16 features, 10
# informative, class_sep 1.2, flip_y 0.01: val_f1 the macro-F1) and b72_hetreg (a regression
# with heteroscedastic noise: make_regression features (10, 6 informative), target 1.5 tanh(z) +
# 0.5 x0 x1 + 0.3 sin(2 x2) plus N(0, (0.15 + 0.25 |x3|)^2) noise, standardised with the train
# statistics). label_noise flips that share of the train labels (classifiers) or adds N(0,
# label_noise^2) noise to the scaled train targets (the regression).
DEV72_TASKS = ("b72_churn", "b72_classes7", "b72_hetreg")
TASK_SPLIT.update(dict.fromkeys(DEV72_TASKS, "dev"))
# the good 2x64 MLP's final val loss (the healthy torch runs'; corpus_checks.B72_LOSS_FLOORS),
# quoted in an underfitting run's cause
B72_GOOD = {"b72_churn": 0.23, "b72_classes7": 0.56, "b72_hetreg": 0.12}


def _dev72_task(name, seed, n_train, label_noise, n_val=None):
    """Seventy-second batch (see DEV72_TASKS)."""
    from sklearn.datasets import make_classification, make_regression
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 720000 + DEV72_TASKS.index(name),
                                         n_train or 2400, n_val)
    if name == "b72_churn":
        x, y = make_classification(n, n_features=20, n_informative=6, n_redundant=4,
                                   n_classes=2, weights=[0.75, 0.25], class_sep=0.9,
                                   flip_y=0.03, random_state=rs)
        return _held_out_classes(name, x, y, n_va, 2, label_noise, rng, split)
    if name == "b72_classes7":
        x, y = make_classification(n, n_features=16, n_informative=10, n_redundant=2,
                                   n_classes=7, n_clusters_per_class=2, class_sep=1.2,
                                   flip_y=0.01, random_state=rs)
        return _held_out_classes(name, x, y, n_va, 7, label_noise, rng, split)
    x, z = make_regression(n, n_features=10, n_informative=6, noise=0.0, random_state=rs)
    t = (1.5 * np.tanh(z / z.std()) + 0.5 * x[:, 0] * x[:, 1] + 0.3 * np.sin(2 * x[:, 2])
         + (0.15 + 0.25 * np.abs(x[:, 3])) * rng.standard_normal(n))
    return _held_out_regression(name, x, t, n_va, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV72_TASKS, _dev72_task))


def b72_text(task: Task, model: str = "", low_lr: bool = False) -> str:
    """cause() text of a seventy-second-batch run: the task and how the Lightning user code logs;
    for a model too small or an LR far too low, the good model's level."""
    what = {"b72_churn": "binary make_classification, 25% positives (val_f1: F1 of the rare "
                         "class)",
            "b72_classes7": "make_classification, 7 classes (val_f1: macro-F1)",
            "b72_hetreg": "a regression with heteroscedastic noise (val_mae beside val_loss)"}
    s = (f"; {what[task.name]}, {len(task.x_train)} train rows, val {len(task.x_val)}; typical "
         f"Lightning user code: train_loss logged on_step and on_epoch (train_loss_step, "
         f"train_loss_epoch), val metrics on_epoch, LearningRateMonitor, ModelCheckpoint")
    if model in ("linear", "tiny") or low_lr:
        s += f"; the good 2x64 MLP reaches a val loss of about {B72_GOOD[task.name]:g} here"
    return s


# ----------------------------------------------------------------------------- seventy-third batch
# HF FINE-TUNES THE WAY TYPICAL USERS WRITE THEM (gen_hf_keras.b73_dev73; hf only): a tiny
# BERT-like encoder (transformers BertConfig: 2 layers, width 64, 4 heads) pre-trained in the
# script by masked-LM on generated customer-support messages for B73_ENC["mlm_steps"] steps,
# saved with save_pretrained, then loaded with AutoModelForSequenceClassification /
# AutoModelForTokenClassification and fine-tuned by the Trainer. Three tasks on the same
# messages (no download; B73_LEN tokens, vocabulary B73_VOCAB): b73_intent (kind "sequence",
# the request's intent, 5 classes: the intent whose keywords outnumber a distractor's, 5% of
# the labels flipped in train and val: an annotators' floor), b73_urgency (kind "sequence",
# 3 classes: urgent words, "no rush" / "whenever" and the intent's prior summed, 8% flipped)
# and b73_slots (kind "tagging", 5 tags: O, PRODUCT, DATE, ORDER, CITY; "jordan" / "victoria"
# a PRODUCT after "the" / "my", a CITY after "to" / "from"). 2000 train / 300 val messages.
# Registered at the end of the file so the earlier tasks keep their order and draws.
DEV73_TASKS = ("b73_intent", "b73_urgency", "b73_slots")
TASK_SPLIT.update(dict.fromkeys(DEV73_TASKS, "dev"))
B73_LEN = 24
B73_INTENTS = {
    "refund": "refund return money back".split(),
    "delivery": "package arrived tracking shipped".split(),
    "account": "password login locked email".split(),
    "cancel": "cancel subscription stop plan".split(),
    "billing": "charged twice invoice card".split(),
}
B73_FILL = "i my the please want need help with order on it has not yet can you hi thanks".split()
B73_URGENT = {"urgent": 2, "asap": 2, "immediately": 2, "now": 1, "today": 1, "soon": 0}
B73_SLOTS = {
    1: "phone laptop headset tablet watch".split(),
    2: "monday friday yesterday june march".split(),
    3: "ord17 ord42 ord58 ord63 ord91".split(),
    4: "berlin tokyo austin lyon porto".split(),
}
B73_WORDS = (["[PAD]", "[CLS]", "[MASK]", "."] + [w for v in B73_INTENTS.values() for w in v]
             + B73_FILL + list(B73_URGENT) + "no rush whenever to from jordan victoria".split()
             + [w for v in B73_SLOTS.values() for w in v])
B73_ID = {w: i for i, w in enumerate(B73_WORDS)}
B73_VOCAB = len(B73_WORDS)
B73_TAGS = ("O", "PRODUCT", "DATE", "ORDER", "CITY")
B73_ENC = {"hidden": 64, "layers": 2, "heads": 4, "ffn": 128, "mlm_steps": 400}
B73_PRIOR = {"refund": 0.0, "delivery": 0.5, "account": 1.0, "cancel": -0.5, "billing": 0.5}


def b73_messages(n, seed):
    """n generated support messages: token ids (n, B73_LEN), the intent (0-4), the urgency
    (0 low / 1 normal / 2 high) and per-token slot tags (B73_TAGS)."""
    rng = np.random.default_rng(seed)
    names = list(B73_INTENTS)
    x = np.zeros((n, B73_LEN), np.int64)
    tags = np.zeros((n, B73_LEN), np.int64)
    intent = np.zeros(n, np.int64)
    urg = np.zeros(n, np.int64)
    for i in range(n):
        k = int(rng.integers(5))
        other = int(rng.choice([j for j in range(5) if j != k]))
        kw = list(rng.choice(B73_INTENTS[names[k]], size=int(rng.integers(1, 3)), replace=False))
        if rng.random() < 0.5:
            kw.append(str(rng.choice(B73_INTENTS[names[other]])))
        words = [str(rng.choice(B73_FILL)) for _ in range(int(rng.integers(1, 4)))] + kw
        rng.shuffle(words)
        # the intent with more keywords; a tie (one each): the one named first
        order = [j for wd in words for j in range(5) if wd in B73_INTENTS[names[j]]]
        counts = [order.count(j) for j in range(5)]
        best = max(counts)
        intent[i] = next(j for j in order if counts[j] == best)
        w = ["[CLS]"] + ([str(rng.choice(["hi", "thanks"]))] if rng.random() < 0.3 else [])
        t = [0] * len(w)
        w += words
        t += [0] * len(words)
        for slot in rng.permutation(4)[:int(rng.integers(0, 3))]:
            slot = int(slot) + 1
            if slot == 1:
                if rng.random() < 0.25:
                    w += [str(rng.choice(["the", "my"])), str(rng.choice(["jordan", "victoria"]))]
                else:
                    w += [str(rng.choice(["the", "my"])), str(rng.choice(B73_SLOTS[1]))]
            elif slot == 2:
                w += ["on", str(rng.choice(B73_SLOTS[2]))]
            elif slot == 3:
                w += ["order", str(rng.choice(B73_SLOTS[3]))]
            else:
                w += [str(rng.choice(["to", "from"])),
                      str(rng.choice(B73_SLOTS[4] + ["jordan", "victoria"]))]
            t += [0, slot]
        u = B73_PRIOR[names[int(intent[i])]] + rng.normal(0, 0.3)
        r = rng.random()
        if r < 0.35:
            word = str(rng.choice(list(B73_URGENT)))
            w.append(word)
            t.append(0)
            u += B73_URGENT[word]
        elif r < 0.6:
            w += ["no", "rush"] if rng.random() < 0.5 else ["whenever"]
            t += [0] * (len(w) - len(t))
            u -= 1.5
        w = w[:B73_LEN - 1] + ["."]
        t = t[:B73_LEN - 1] + [0]
        x[i, :len(w)] = [B73_ID[c] for c in w]
        tags[i, :len(t)] = t
        urg[i] = 2 if u > 1.2 else 0 if u < -0.4 else 1
    return x, intent, urg, tags


def b73_encoder_dir():
    """The pre-trained encoder (save_pretrained, made once by masked-LM on 20,000 generated
    messages, ``_mlm_encoder_dir``, seed 73), then reused. Under PRETRAIN_DIR."""
    return _mlm_encoder_dir("b73_bert_mlm", 73, B73_VOCAB, B73_ENC, B73_LEN + 8,
                            b73_messages(20000, 730000)[0], B73_ID["[MASK]"])


def b73_finetune_model(task, seed, freeze=False):
    """AutoModelFor{Sequence,Token}Classification.from_pretrained(b73_encoder_dir()) with a
    fresh head for `task`, seeded; freeze: the encoder frozen (only the head trains)."""
    torch = _torch()
    from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification
    from transformers.utils import logging as hf_logging
    hf_logging.set_verbosity_error()
    d = b73_encoder_dir()
    torch.manual_seed(seed + 7300)
    if task.kind == "tagging":
        m = AutoModelForTokenClassification.from_pretrained(d, num_labels=len(B73_TAGS))
    else:
        m = AutoModelForSequenceClassification.from_pretrained(
            d, num_labels=task.n_classes, problem_type="single_label_classification")
    if freeze:
        for p in m.bert.parameters():
            p.requires_grad_(False)
    return m


def _dev73_task(name, seed, n_train, label_noise, n_val=None):
    """Seventy-third batch: b73_intent / b73_urgency (kind "sequence"; 5% / 8% of the labels
    flipped in train and val, then label_noise more in train), b73_slots (kind "tagging";
    label_noise: that share of the entity tags replaced by a random entity tag)."""
    split = TASK_SPLIT[name]
    rng = np.random.default_rng(seed + 731000)
    n_va = n_val or VAL_SIZE
    n_tr = n_train or 2000
    x, intent, urg, tags = b73_messages(n_tr + n_va, 732000 + seed)
    kw = {"vocab_size": B73_VOCAB, "seq_len": B73_LEN, "split": split}
    if name == "b73_slots":
        y_tr = tags[n_va:].copy()
        if label_noise > 0:
            bad = (rng.random(y_tr.shape) < label_noise) & (y_tr > 0)
            y_tr[bad] = rng.integers(1, len(B73_TAGS), bad.sum())
        return Task(name, "tagging", x[n_va:], y_tr, x[:n_va], tags[:n_va],
                    n_classes=len(B73_TAGS), **kw)
    c, y = (5, _flip(intent, 5, 0.05, rng)) if name == "b73_intent" else \
        (3, _flip(urg, 3, 0.08, rng))
    y_tr = _flip(y[n_va:], c, label_noise, rng)
    return Task(name, "sequence", x[n_va:], y_tr, x[:n_va], y[:n_va], n_classes=c, **kw)


DEV12_13.update(dict.fromkeys(DEV73_TASKS, _dev73_task))


# ----------------------------------------------------------------------------- seventy-fourth batch
# SUMMARYWRITER THE WAY TYPICAL PYTORCH USERS WRITE IT (gen_torch.b74_recipes; summarywriter
# only): a plain `for epoch in range(E): for i, (x, y) in enumerate(loader)` loop with
# writer.add_scalar("Loss/train", running mean of the last N batches, global_step) or the epoch
# mean at the epoch index, "Loss/val" and "Accuracy/val" once an epoch, sometimes
# add_scalars("loss", {"train": ..., "val": ...}, epoch), add_scalar("lr", ...), a
# torch.optim.lr_scheduler StepLR / CosineAnnealingLR / ReduceLROnPlateau stepped per epoch and
# torch.save of the best model by val accuracy. Three tasks (no download): b74_digits
# (scikit-learn load_digits as 8x8 images for a small CNN, 1497 train / 300 val at most),
# b74_waves (generated sequences for a GRU: 40 noisy samples of a sine whose frequency band is
# the class, 4 classes, amplitude 0.5-1.5, random phase, N(0, 0.6^2) noise) and b74_table
# (make_classification, 4 classes of 2 clusters, 20 features, 8 informative, 4 redundant,
# class_sep 1.0, flip_y 0.02, for MLPs). label_noise flips that share of the train labels.
DEV74_TASKS = ("b74_digits", "b74_waves", "b74_table")
TASK_SPLIT.update(dict.fromkeys(DEV74_TASKS, "dev"))
B74_WAVE_LEN = 40
# the good model's final val loss (the healthy torch runs'; corpus_checks.B74_LOSS_FLOORS),
# quoted in an underfitting run's cause
B74_GOOD = {"b74_digits": 0.07, "b74_waves": 0.05, "b74_table": 0.52}


def _dev74_task(name, seed, n_train, label_noise, n_val=None):
    """Seventy-fourth batch (see DEV74_TASKS)."""
    split = TASK_SPLIT[name]
    rng, n_tr, n_va, n, rs = _table_draw(seed + 740000 + DEV74_TASKS.index(name),
                                         n_train or (1497 if name == "b74_digits" else 2000),
                                         n_val)
    if name == "b74_digits":
        from sklearn.datasets import load_digits
        x, y = load_digits(return_X_y=True)
        p = np.random.default_rng(rs).permutation(len(x))
        x, y = (x[p] / 16.0).astype(np.float32), y[p].astype(np.int64)
        y_tr = _flip(y[n_va:][:n_tr], 10, label_noise, rng)
        return Task(name, "classification", x[n_va:][:n_tr], y_tr, x[:n_va], y[:n_va],
                    n_classes=10, split=split)
    if name == "b74_waves":
        g = np.random.default_rng(rs)
        y = g.integers(0, 4, n)
        cycles = np.array([1.5, 2.5, 3.5, 4.5])[y] + g.uniform(-0.4, 0.4, n)
        t = np.arange(B74_WAVE_LEN) / B74_WAVE_LEN
        x = (g.uniform(0.5, 1.5, (n, 1)) * np.sin(2 * np.pi * cycles[:, None] * t[None]
                                                  + g.uniform(0, 2 * np.pi, (n, 1)))
             + 0.6 * g.standard_normal((n, B74_WAVE_LEN))).astype(np.float32)
        y_tr = _flip(y[n_va:].astype(np.int64), 4, label_noise, rng)
        return Task(name, "classification", x[n_va:], y_tr, x[:n_va], y[:n_va].astype(np.int64),
                    n_classes=4, split=split)
    from sklearn.datasets import make_classification
    x, y = make_classification(n, n_features=20, n_informative=8, n_redundant=4, n_classes=4,
                               n_clusters_per_class=2, class_sep=1.0, flip_y=0.02,
                               random_state=rs)
    return _held_out_classes(name, x, y, n_va, 4, label_noise, rng, split)


DEV12_13.update(dict.fromkeys(DEV74_TASKS, _dev74_task))


def b74_text(task: Task, how: str, model: str = "", low_lr: bool = False) -> str:
    """cause() text of a seventy-fourth-batch run: the task, how the user loop logs (``how``,
    from gen_torch); for a model too small or an LR far too low, the good model's level."""
    what = {"b74_digits": "load_digits as 8x8 images, a small CNN",
            "b74_waves": "generated noisy sine sequences, 4 frequency bands, a GRU",
            "b74_table": "make_classification, 4 classes, an MLP"}
    s = (f"; {what[task.name]}, {len(task.x_train)} train rows, val {len(task.x_val)}; typical "
         f"PyTorch user loop with SummaryWriter: {how}")
    if model in ("linear", "tiny") or low_lr:
        s += f"; the good model reaches a val loss of about {B74_GOOD[task.name]:g} here"
    return s


if __name__ == "__main__":
    for name in TASK_SPLIT:
        t = load_task(name, 0)
        print(f"{name:14s} {t.kind:14s} {t.split:4s} train={t.x_train.shape} val={t.x_val.shape} "
              f"C={t.n_classes} V={t.vocab_size} y_mean={t.y_train.mean():.2f}")
