"""``python -m curvecli``."""

from curvecli.cli import main

main()
