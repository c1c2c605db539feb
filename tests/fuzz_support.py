"""The harness both fuzz modules drive the CLI with: in process, under a hang timer, files watched.

One definition of what "the CLI survived an input" means: a documented exit status, no
traceback on either stream, no hang, and, when it refused (exit 2), a message and every file
in its folder byte-identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import signal
import traceback
from pathlib import Path

import pytest

from oncall.cli.main import main

HANG_SECONDS = 60


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"no answer within {HANG_SECONDS} s")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its content hash (SQLite side files included)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_guarded(argv: list[str], folder: Path, count: dict[str, int],
                codes: tuple[int, ...] = (0, 2)) -> tuple[int, str, str]:
    """``main(argv)`` in ``folder``: (exit status, stdout, stderr); a traceback or a hang fails."""
    count["inputs"] = count.get("inputs", 0) + 1
    before = snapshot(folder)
    err, out = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code
    except Hang:
        pytest.fail(f"hang: oncall {argv}")
    except BaseException:  # noqa: BLE001 - any escape is the bug these modules look for
        pytest.fail(f"traceback from oncall {argv}:\n{traceback.format_exc()}\nstderr: {err.getvalue()}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        os.chdir(cwd)
    code = 0 if code is None else code
    assert code in codes, (argv, code, err.getvalue())
    count[f"exit {code}"] = count.get(f"exit {code}", 0) + 1
    for stream in (err.getvalue(), out.getvalue()):
        assert "Traceback" not in stream, (argv, stream)
    if code == 2:
        assert err.getvalue().strip(), f"exit 2 without a message: {argv}"
        assert snapshot(folder) == before, f"files changed although oncall {argv} failed:\n{err.getvalue()}"
    return code, out.getvalue(), err.getvalue()
