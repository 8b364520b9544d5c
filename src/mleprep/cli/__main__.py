"""`python -m mleprep.cli` runs the command line, as the `mleprep` script does."""

from mleprep.cli.main import run

run()
