"""``python -m timeline``: the command line."""

import sys

from timeline.cli.main import main

sys.exit(main())
