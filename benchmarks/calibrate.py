#!/usr/bin/env python
"""Fit the confidence table (curvecli/analysis/calibration.json) on the tuning splits.

For every way of reaching a verdict (``confidence_key``: verdict, cue, strength) the
confidence is the share of verdicts right among the dev-split runs reached that way,
shrunk towards the verdict's own share right (``PRIOR_WEIGHT`` pseudo-runs), which is
itself shrunk towards the overall share right. The test split is never read here: run
``python benchmarks/score_corpus.py --split test`` afterwards to check the calibration
(the reliability table and its expected calibration error).

    python benchmarks/calibrate.py            # dev, legacy, real and public (the splits tuned on)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor

from score_corpus import CORPUS, PUBLIC_RUNS, collect_labels, is_right, judge

from curvecli.analysis.confidence import CALIBRATION_FILE

# The corpus' dev split, the first generated set, the public runs curvecli was built with and
# every public set judged by eye (rules were tuned on all of them; the public ones weigh the
# field, where verdicts are harder). Never the corpus' test split nor the seed examples.
TUNING_SPLITS = ("dev", "legacy", "real")
PUBLIC_SPLIT_PREFIX = "public"


def tuned_on(split: str) -> bool:
    return split in TUNING_SPLITS or split.startswith(PUBLIC_SPLIT_PREFIX)


PRIOR_WEIGHT = 4.0


def shrunk(right: float, total: float, prior: float) -> float:
    return (right + PRIOR_WEIGHT * prior) / (total + PRIOR_WEIGHT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-task", action="append", default=[],
                        help="leave this corpus task out (a batch kept blind)")
    args = parser.parse_args(argv)
    entries = [e for e in collect_labels(CORPUS, extra=(PUBLIC_RUNS,)) if tuned_on(e["split"])
               and e.get("task") not in args.skip_task]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = [r for r in pool.map(judge, entries, chunksize=4) if r["verdict"] != "error"]
    overall = sum(map(is_right, results)) / len(results)
    by_verdict, by_key = defaultdict(list), defaultdict(list)
    for result in results:
        by_verdict[result["verdict"]].append(is_right(result))
        by_key[result["how"]].append(is_right(result))
    table = {}
    for verdict, oks in by_verdict.items():
        table[f"{verdict}||*"] = round(shrunk(sum(oks), len(oks), overall), 3)
    for key, oks in by_key.items():
        prior = table[f"{key.split('|')[0]}||*"]
        table[key] = round(shrunk(sum(oks), len(oks), prior), 3)
    CALIBRATION_FILE.write_text(json.dumps(dict(sorted(table.items())), indent=1) + "\n")
    for key, value in sorted(table.items()):
        count = len(by_key.get(key, [])) if not key.endswith("*") else len(
            by_verdict[key.split("|")[0]])
        print(f"{key:45s} {value:.3f}  ({count} runs)")
    splits = sorted({entry["split"] for entry in entries})
    print(f"{len(results)} runs from {', '.join(splits)}; written {CALIBRATION_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
