"""Replace a file so that a reader or a crash never sees half of it.

Team files, exported and published feeds, revision files, PDFs and other documents are all
written this way: the bytes go to a temporary file in the same directory, are flushed to
disk, and the temporary file is renamed over the target (atomic on POSIX and on Windows).
Any failure (a full disk, a folder we may not write) raises OSError and removes the
temporary file: the target keeps its old content, or stays absent.

A target that exists but is not a regular file (``/dev/stdout``, a pipe, ``/dev/full``)
cannot be replaced by a rename: there the bytes are written straight to it and every write
error is still raised.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: bytes, *, mode: int = 0o644) -> None:
    path = Path(path)
    if _is_special(path):
        _write_through(path, data)
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False


def _write_through(path: Path, data: bytes) -> None:
    """A device or pipe: write, flush and sync it, raising what the OS reports."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        try:
            os.fsync(fh.fileno())
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # not syncable: fine
                raise
