"""`python -m mleprep.cli` runs the command line, as the `mleprep` script does."""

import sys

from mleprep.cli.main import main

sys.exit(main())
