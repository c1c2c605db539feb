"""Entry script of the frozen app: the same ``main`` the ``oncall`` console script runs.

No subcommand starts the GUI; ``oncall report ...`` and the other subcommands work as usual.
"""

import multiprocessing
import sys

from oncall.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless unless a library spawns worker processes
    sys.exit(main())
