"""Writing to a terminal or a pipe: a reader that leaves early (`| head`, `| true`) ends the output
quietly, never with a BrokenPipeError traceback."""

from __future__ import annotations

import os
import sys


def reader_left() -> None:
    """The reader closed the pipe: what is still buffered goes to /dev/null, so the flush at exit
    cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
