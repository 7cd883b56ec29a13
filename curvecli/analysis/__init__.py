"""Analysis of the frame: smoothing now; detectors, diagnose and compare build on it."""
