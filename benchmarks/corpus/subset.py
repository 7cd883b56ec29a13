#!/usr/bin/env python
"""Copy a small stratified subset of the labelled corpus into tests/data/corpus/.

One run per (writer, verdict) and split where there is one under ``MAX_KB``, the smallest
first, with its SOURCE.txt, and the labels of the runs copied in ``labels.json``. The test
suite scores these (``tests/test_corpus.py``); the full corpus stays out of git.

    python benchmarks/corpus/subset.py            # from $CURVECLI_CORPUS or benchmarks/_data/corpus
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from score_corpus import CORPUS, collect_labels  # noqa: E402  (one reading of the labels)

OUT = REPO / "tests" / "data" / "corpus"
MAX_KB = 90
PER_STRATUM = 1
# Runs the tests name (a rule's real example), kept whatever their size.
KEEP = ("lightning_csv/swissroll/loss_spike-lrbump-s1",
        "lightning_csv/noisy4/healthy-medium-e12-s1",
        "lightning_csv/descr_lm/healthy-ft-gru-cosine-s2",
        "summarywriter/synth12/loss_spike-lrbump-s3",
        "keras_csv/bow_sentiment/loss_spike-bag-lr-bump-x100-s2",
        "hf/friedman/diverging-sgd-hot-s1",
        "summarywriter/blobs10/loss_spike-lrbump10-x30-s1",
        "summarywriter/poly_reg/overfitting-widemlp-s2",
        "keras_csv/xor3d/loss_spike-lr-bump-x100-15steps-s1",
        "lightning_csv/xor3d/diverging-collapse-lrjump-s1",
        "lightning_tb/xor3d/loss_spike-poisonlabels-epochval-s1",
        "hf/friedman2/healthy-mlp-cosine-bestmse-es-s1",
        "summarywriter/lang_id/still_improving-gru-short-s2",
        "summarywriter/digits/underfitting-lr1e-6-s3",
        "lightning_csv/multilabel/healthy-medium-running-cosine-s2",
        "keras_csv/poly_reg/overfitting-wide-small-n-s1",
        "lightning_tb/imbalanced/still_improving-short-lr1e-4-s1",
        "lightning_csv/synth12/loss_spike-lrbump-s1",
        "hf/seq_motif/healthy-gru-s1",
        "summarywriter/xor3d/loss_spike-lrbump10-x30-s1",
        "lightning_csv/dyck_lm/loss_spike-gru-poisoninputs-s1",
        "summarywriter/sparse_reg/loss_spike-lrbump40-x10-s1",
        "summarywriter/parity/loss_spike-poisoninputs-s1",
        "lightning_tb/shapes/loss_spike-cnn-lrbump-s2")


def size_kb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024


def main() -> int:
    labels = {entry.pop("key"): entry for entry in collect_labels(CORPUS)
              if entry["split"] in ("dev", "test")}
    for label in labels.values():
        label.pop("path")
    chosen: dict[tuple[str, str, str], list[str]] = {}
    for key in sorted(labels, key=lambda k: size_kb(CORPUS / k) if (CORPUS / k).exists() else 1e9):
        label, path = labels[key], CORPUS / key
        if not path.exists() or size_kb(path) > MAX_KB:
            continue
        stratum = (label["writer"], label["verdict"], label["split"])
        if len(chosen.setdefault(stratum, [])) < PER_STRATUM:
            chosen[stratum].append(key)
    if OUT.exists():
        shutil.rmtree(OUT)
    picked = {key: labels[key] for keys in chosen.values() for key in keys}
    picked.update({key: labels[key] for key in KEEP})
    for key in picked:
        shutil.copytree(CORPUS / key, OUT / key)
    (OUT / "labels.json").write_text(json.dumps(dict(sorted(picked.items())), indent=1) + "\n")
    print(f"{len(picked)} runs, {size_kb(OUT):.0f} KB in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
