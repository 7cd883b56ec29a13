"""Score curvecli's verdicts on the labelled set in tests/data/labelled (run by hand).

Prints one line per run (label, verdict, ok) and the share of verdicts right; a
verdict is right when it is the label or in the label's "acceptable" list.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from curvecli import load_runs
from curvecli.analysis.diagnose import diagnose_run

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled"
FORBIDDEN_FOR_HEALTHY = {"overfitting", "diverging", "erratic"}


def main() -> int:
    labels = json.loads((ROOT / "labels.json").read_text())
    right = total = forbidden = 0
    for key, label in sorted(labels.items()):
        loaded = load_runs(ROOT / key)
        reports = [diagnose_run(run) for run in loaded.runs if run.points]
        verdict = reports[0].verdict if reports else "none"
        ok = verdict == label["verdict"] or verdict in label.get("acceptable", [])
        bad = not ok and label["verdict"] == "healthy" and verdict in FORBIDDEN_FOR_HEALTHY
        right += ok
        total += 1
        forbidden += bad
        mark = "ok " if ok else ("BAD" if bad else "-- ")
        extra = "" if len(reports) <= 1 else f" ({len(reports)} runs)"
        codes = ",".join(sorted({f.code for f in reports[0].findings})) if reports else ""
        print(f"{mark} {key:70s} label={label['verdict']:15s} got={verdict:15s}{extra} [{codes}]")
    print(f"\n{right}/{total} right ({right / total:.0%}); healthy runs called "
          f"overfitting/diverging/erratic: {forbidden}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
