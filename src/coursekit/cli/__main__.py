"""`python -m coursekit.cli`: the same as the `coursekit` command."""

import sys

from coursekit.cli.app import main

sys.exit(main())
