"""Keep a PySide6 reference-count bug from killing the app on CPython 3.11.

PySide6 6.12 bindings return ``None`` from void methods without taking a reference to it
(harmless on Python 3.12+, where ``None`` is immortal). On 3.11 every ``painter.setPen()``,
``widget.update()``... lowers None's count by one, and after some tens of thousands of calls
the interpreter aborts with ``Fatal Python error: none_dealloc``. A painted view makes that
many calls in seconds.

:func:`install` measures whether the bug is present (a few hundred void calls) and, only
then, gives ``None`` a huge reference count, which is what Python 3.12 does for every
process. Remove this module once the project requires Python 3.12 or a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys

_PROBE_CALLS = 256
_BOOST = 1 << 40  # ~10^12 leaked calls before the count could reach zero again
_installed = False


def leaks_none() -> bool:
    """True when a PySide6 void method call drops a reference to None."""
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        rect.setX(1.0)
    return before - sys.getrefcount(None) >= _PROBE_CALLS // 2


def install() -> bool:
    """Apply the guard if this interpreter needs it; True if it did. Idempotent."""
    global _installed
    if _installed or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not leaks_none():
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    refcount.value += _BOOST
    _installed = True
    return True


install()
