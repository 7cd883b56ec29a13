"""Shared fixtures: where the copied real logs live."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE_LOGS = Path(__file__).parent.parent / "sample_logs"


@pytest.fixture
def data_dir() -> Path:
    return DATA
