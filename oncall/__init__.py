"""oncall: plan follow-the-sun on-call with overlap windows instead of hard handoffs."""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("oncall")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
