"""Shared fixtures: where the copied real logs live."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings

# Property tests draw the same examples on every run: a failure is reproducible, never flaky.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

DATA = Path(__file__).parent / "data"
SAMPLE_LOGS = Path(__file__).parent.parent / "sample_logs"


def pytest_terminal_summary(terminalreporter) -> None:
    """How many fuzz cases ran (tests/attack.py counts them)."""
    import sys

    attack = sys.modules.get("attack")
    if attack is None or not attack.CASES:
        return
    total = sum(attack.CASES.values())
    parts = ", ".join(f"{kind} {count}" for kind, count in sorted(attack.CASES.items()))
    terminalreporter.write_line(f"fuzz: {total} broken inputs ({parts})")
