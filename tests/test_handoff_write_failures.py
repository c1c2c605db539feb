"""A document that cannot be written is an error, never a success with half a file.

Regression: `oncall handoff ... --format pdf -o /dev/full` exited 0 and a full disk left a
truncated PDF reported as "wrote ... (3 pages)". Now the PDF is rendered in memory and
written through the atomic writer: the OS error is reported (exit 2), and the target keeps
its old content (or stays absent), with no temporary file left behind.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from oncall.cli.main import main
from oncall.core.demo import demo_team_text

REPO = Path(__file__).resolve().parents[1]
OLD = b"%PDF-1.4 the previous, complete document\n%%EOF\n"
ARGS = ["--at", "2026-03-09"]


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


@contextlib.contextmanager
def unwritable(directory: Path):
    """A folder nobody may create files in, root included (chattr +i when we are root)."""
    directory.chmod(0o555)
    immutable = False
    try:
        if os.geteuid() == 0:
            result = subprocess.run(["chattr", "+i", str(directory)], capture_output=True)
            if result.returncode != 0:  # e.g. overlayfs or tmpfs: no immutable attribute for root
                pytest.skip(f"root, and this file system cannot make a folder unwritable: {result.stderr.decode()}")
            immutable = True
        yield directory
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(directory)], check=True)
        directory.chmod(0o755)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("fmt", ["pdf", "md", "html"])
def test_dev_full_is_an_error(team_file, capsys, fmt):
    code = main(["handoff", str(team_file), *ARGS, "--format", fmt, "-o", "/dev/full"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "cannot write /dev/full: No space left on device" in err
    assert "wrote" not in err and "Traceback" not in err


def test_handoff_sheet_to_dev_full_is_an_error(team_file, capsys):
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full (Linux)")
    code = main(["handoff-sheet", str(team_file), "--week", "2026-W11", "--format", "pdf", "-o", "/dev/full"])
    assert code == 2 and "No space left on device" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_unwritable_folder_keeps_the_old_file(team_file, tmp_path, capsys, fmt):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"handoffs.{fmt}"
    target.write_bytes(OLD)
    with unwritable(out_dir):
        code = main(["handoff", str(team_file), *ARGS, "--format", fmt, "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and f"cannot write {target}:" in err
    assert "Permission denied" in err or "Operation not permitted" in err
    assert "wrote" not in err
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]


def test_unwritable_folder_creates_nothing(team_file, tmp_path, capsys):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with unwritable(out_dir):
        code = main(["handoff", str(team_file), *ARGS, "--format", "pdf", "-o", str(out_dir / "new.pdf")])
    assert code == 2 and "cannot write" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def _small_disk() -> None:
    """In the child: files may not grow past 20 kB (a full disk, as the OS reports it)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_full_disk_leaves_the_old_pdf_and_no_partial_file(team_file, tmp_path):
    target = tmp_path / "handoffs.pdf"
    target.write_bytes(OLD)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "oncall", "handoff", str(team_file), *ARGS, "--format", "pdf",
                             "-o", str(target)], capture_output=True, text=True, env=env, cwd=REPO,
                            preexec_fn=_small_disk, timeout=120)
    assert result.returncode == 2, result.stderr
    assert f"cannot write {target}: File too large" in result.stderr
    assert "wrote" not in result.stderr
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handoffs.pdf", "team.toml"]
