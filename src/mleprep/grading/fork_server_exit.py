"""Imported last by the workers' fork server, and never by anything else: once the command that
started the server has gone, the server leaves without tearing its modules down.

The server shares the command's stdout and stderr, so whoever reads the command's output (a script,
a pipe, a test) waits for the server's exit too; finalizing nbgrader, scikit-learn and matplotlib
took 0.2-0.4 s of that wait and frees nothing the operating system does not. Its forked workers
never run atexit handlers (they leave through `os._exit`), so this reaches the server alone.
"""

import atexit
import os
import sys


def _leave() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


atexit.register(_leave)
