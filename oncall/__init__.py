"""oncall: plan follow-the-sun on-call with overlap windows instead of hard handoffs."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``oncall.__version__``, read from the package metadata when first asked for.

    Lazily: importing ``importlib.metadata`` and finding the distribution costs tens of
    milliseconds that the desktop app's start-up does not need.
    """
    if name != "__version__":
        raise AttributeError(f"module 'oncall' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("oncall")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0.0.0+source"
    globals()["__version__"] = value
    return value
