"""Names the dead-code check (tests/test_dead_code.py) must not report, and why.

Vulture sees no caller for code that a framework calls: Qt virtual overrides, SQLAlchemy
type hooks, Python's module ``__getattr__``. Each name here is one such entry point; a
name that is merely unused does not belong here -- delete the code instead.
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Python calls a module-level __getattr__ for oncall.__version__.
_.__getattr__

# Qt virtual methods, called by Qt itself.
_.minimumSizeHint
_.closeEvent
_.scrollContentsBy
_.dx  # scrollContentsBy(dx, dy): Qt's signature
_.dy
_.signum  # signal handlers' (signum, frame) signature
_.headerData
_.supportedDropActions
_.supportedDragActions
_.mimeTypes

# Keeps the QPrinter alive as long as its preview dialog (read by nobody, on purpose).
_._printer

# SQLAlchemy: DB-API connection attribute and TypeDecorator hooks.
_.isolation_level
_.impl
_.cache_ok
_.process_bind_param
_.process_result_value

# OR-Tools CP-SAT solver parameters: set on solver.parameters, read by the C++ solver.
_.num_workers
_.linearization_level
_.random_seed
_.max_time_in_seconds
_.max_deterministic_time


# OR-Tools calls a CpSolverSolutionCallback's on_solution_callback for each plan it finds.
_.on_solution_callback
