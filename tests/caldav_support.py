"""A real Radicale CalDAV server for tests and the benchmark: ``python -m radicale`` with a
temp storage folder, htpasswd (plain) auth, on a free loopback port; stopped afterwards."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER, PASSWORD = "lead", "c4ld4v-s3cret"


@dataclass(frozen=True)
class Radicale:
    url: str
    user: str
    password: str
    folder: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def radicale_server(folder: Path):
    """Start Radicale in ``folder``; yield it once it accepts connections; always stop it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    port = free_port()
    config = folder / "config"
    config.write_text(
        "[server]\nhosts = 127.0.0.1:%d\n"
        "[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\ndelay = 0\n"
        "[storage]\nfilesystem_folder = %s\n"
        "[logging]\nlevel = warning\n" % (port, folder / "users", folder / "collections"))
    log = open(folder / "radicale.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(config)],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Radicale did not start: {(folder / 'radicale.log').read_text()}")
                time.sleep(0.1)
        yield Radicale(f"http://127.0.0.1:{port}/", USER, PASSWORD, folder)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()
