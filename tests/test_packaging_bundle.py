"""Smoke test of the frozen app: build it with PyInstaller, then run it like a user would.

Slow (the build takes about 30-40 s on two cores), so opt-in::

    ONCALL_PACKAGING_TEST=1 python -m pytest tests/test_packaging_bundle.py -q -s

``ONCALL_BUNDLE_DIR=/path/to/dist`` reuses a bundle built earlier (``dist/oncall/oncall``
inside it) instead of building one. The bundle is built in a temporary directory, never
in the repository. Parts that need code not written yet skip and say what is missing.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_TEAM = ROOT / "oncall" / "core" / "data" / "demo-team.toml"
# Today about 161 MB for the app plus 137 MB for the fair planner's OR-Tools with numpy and pandas
# (298 MB); a jump means Qt modules or plugins leaked in.
SIZE_BUDGET_MB = 330
GUI_SECONDS = 6

pytestmark = [
    pytest.mark.slow,
    pytest.mark.packaging,
    pytest.mark.skipif(os.environ.get("ONCALL_PACKAGING_TEST") != "1" and not os.environ.get("ONCALL_BUNDLE_DIR"),
                       reason="builds the PyInstaller bundle; set ONCALL_PACKAGING_TEST=1 to run"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the smoke test builds the Linux bundle"),
]


def pyproject_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


@pytest.fixture(scope="module")
def dist_dir(tmp_path_factory) -> Path:
    """The build's dist folder: the one-folder app ``oncall/`` and the ``.tar.gz`` archive."""
    reuse = os.environ.get("ONCALL_BUNDLE_DIR")
    if reuse:
        assert (Path(reuse) / "oncall" / "oncall").is_file(), f"ONCALL_BUNDLE_DIR={reuse} holds no oncall/oncall"
        return Path(reuse)
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install '.[packaging]')")
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), "--dist", str(out / "dist"), "--work", str(out / "build"),
         "--archive"],
        capture_output=True, text=True, timeout=900, env={**os.environ, "PYTHON": sys.executable})
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    print(f"\npackaging: built {out / 'dist'} in {seconds:.0f} s, {folder_mb(out / 'dist' / 'oncall'):.0f} MB",
          file=sys.stderr)
    return out / "dist"


@pytest.fixture(scope="module")
def app_dir(dist_dir) -> Path:
    """The built one-folder app (``.../dist/oncall``)."""
    return dist_dir / "oncall"


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """A user with an empty home: default database, settings and caches all under ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    env.update(HOME=str(home), ONCALL_DATA_DIR=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "share"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_RUNTIME_DIR=str(home / "run"), LANG="C.UTF-8", **extra)
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def run_app(app_dir: Path, *args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(app_dir / "oncall"), *args], capture_output=True, text=True,
                          timeout=timeout, env=isolated_env(home), cwd=home)


def needs_command(name: str) -> None:
    if importlib.util.find_spec(f"oncall.cli.commands.{name}") is None:
        pytest.skip(f"oncall.cli.commands.{name} is not written yet")


def test_version_from_the_bundle(app_dir, tmp_path):
    result = run_app(app_dir, "--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"oncall {pyproject_version()}"


def test_bundle_lists_every_command_of_the_source_tree(app_dir, tmp_path):
    """Subcommands are discovered (cli.main.command_modules): the frozen app must find each one."""
    from oncall.cli.main import build_parser

    result = run_app(app_dir, "--help", home=tmp_path)
    assert result.returncode == 0, result.stderr
    choices = next(a for a in build_parser()._actions if a.dest == "command").choices  # noqa: SLF001
    for name in choices:
        assert name in result.stdout, f"{name} missing from the bundle's --help"


def test_bundle_carries_its_data_and_stays_lean(app_dir):
    internal = app_dir / "_internal"
    expected = [
        "oncall/core/data/demo-team.toml",
        "resources/icons/hicolor/256x256/apps/io.github.oncall.Oncall.png",
        "resources/oncall.svg",
        "LICENSE",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    ]
    migrations = ROOT / "oncall" / "storage" / "migrations"
    if migrations.is_dir():
        expected += [str(p.relative_to(ROOT)) for p in migrations.rglob("*")
                     if p.is_file() and p.suffix in {".py", ".mako"} and "__pycache__" not in p.parts]
    templates = ROOT / "resources" / "templates"
    if templates.is_dir():
        expected += [str(p.relative_to(ROOT)) for p in templates.rglob("*") if p.is_file()]
    missing = [path for path in expected if not (internal / path).is_file()]
    assert missing == []
    # Package metadata for --version: a wheel/synthesized dist-info or an editable egg-info.
    assert [*internal.glob("oncall-*.dist-info/METADATA"), *internal.glob("oncall.egg-info/PKG-INFO")]
    unwanted = ["QtQml", "QtQuick", "QtNetwork", "QtWebEngineCore", "QtMultimedia", "Qt3DCore", "QtSql"]
    leaked = [name for name in unwanted
              if (internal / "PySide6" / f"{name}.abi3.so").exists()
              or (internal / "PySide6" / "Qt" / "lib" / f"libQt6{name[2:]}.so.6").exists()]
    assert leaked == []
    size = folder_mb(app_dir)
    print(f"\npackaging: bundle size {size:.0f} MB", file=sys.stderr)
    assert size < SIZE_BUDGET_MB


def source_modules() -> set[str]:
    modules = set()
    for path in (ROOT / "oncall").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_every_module_of_the_package_is_frozen(app_dir):
    # Subcommands, GUI views and migrations are imported by name at run time, so the spec
    # collects them (collect_submodules); one that failed to import at build time is missing.
    pytest.importorskip("PyInstaller")
    from PyInstaller.archive.readers import CArchiveReader

    executable = CArchiveReader(str(app_dir / "oncall"))
    pyz_name = next(name for name, entry in executable.toc.items() if entry[-1] == "z")
    frozen = set(executable.open_embedded_archive(pyz_name).toc)
    assert sorted(source_modules() - frozen) == []


def test_report_from_the_bundle_matches_the_source_tree(app_dir, tmp_path):
    needs_command("report")
    team = tmp_path / "team.toml"
    shutil.copyfile(DEMO_TEAM, team)
    args = ["report", str(team), "--from", "2027-03-01", "--to", "2027-04-05", "--format", "json"]
    frozen = run_app(app_dir, *args, home=tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    source = subprocess.run([sys.executable, "-m", "oncall", *args], capture_output=True, text=True,
                            cwd=ROOT, env=isolated_env(tmp_path / "src"), timeout=120)
    assert source.returncode == 0, source.stderr
    # Same shifts and handoffs across the March DST changes: the bundle's zone data is intact.
    assert json.loads(frozen.stdout) == json.loads(source.stdout)
    text = run_app(app_dir, "report", str(team), "--from", "2027-03-01", "--to", "2027-03-08", home=tmp_path)
    assert text.returncode == 0 and "handoff" in text.stdout, text.stderr


def test_fair_planner_runs_in_the_bundle(app_dir, tmp_path):
    """The desktop bundle ships the optional planner extra (OR-Tools, numpy, pandas) intact."""
    needs_command("plan")
    team = tmp_path / "team.toml"
    shutil.copyfile(DEMO_TEAM, team)
    result = run_app(app_dir, "plan", str(team), "--from", "2026-10-01", "--to", "2027-01-01", "--fix", "fair",
                     "--max-consecutive", "2", home=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "9 of 42 turns change." in result.stdout and "Solver: proven optimal" in result.stdout


def test_bad_input_from_the_bundle_is_a_clear_error(app_dir, tmp_path):
    needs_command("report")
    result = run_app(app_dir, "report", str(tmp_path / "missing.toml"), "--from", "2027-03-01",
                     "--to", "2027-03-08", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("oncall: error:") and "Traceback" not in result.stderr


def test_bundle_creates_and_migrates_a_new_database(app_dir, tmp_path):
    needs_command("report")
    if not (ROOT / "oncall" / "storage" / "migrations" / "env.py").is_file():
        pytest.skip("oncall/storage/migrations is not written yet")
    db = tmp_path / "fresh.db"
    result = run_app(app_dir, "--demo", "report", "--db", str(db), "--from", "2027-01-04", "--to", "2027-01-06",
                     home=tmp_path)
    assert result.returncode == 0, result.stderr  # Alembic ran its migration files from the bundle
    assert db.is_file()


def test_gui_starts_offscreen_on_the_demo_team(app_dir, tmp_path):
    if importlib.util.find_spec("oncall.gui.app") is None:
        pytest.skip("oncall/gui/app.py (the GUI entry point) is not written yet")
    env = isolated_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen([str(app_dir / "oncall"), "--demo"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + GUI_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        exited = process.poll()
    finally:
        if process.poll() is None:
            process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert exited is None, f"the GUI exited with status {exited} within {GUI_SECONDS} s:\n{stderr}"
    assert "Traceback" not in stderr, stderr
    assert "Could not load the Qt platform plugin" not in stderr, stderr
    assert (tmp_path / "data").is_dir(), "the demo team's database was not created"


def test_archive_installs_for_a_user_and_uninstalls(dist_dir, tmp_path):
    archives = sorted(dist_dir.glob(f"oncall-{pyproject_version()}-linux-*.tar.gz"))
    if not archives:
        pytest.skip("no .tar.gz next to the bundle (build.sh --archive)")
    with tarfile.open(archives[0]) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    home = tmp_path / "home"
    home.mkdir()
    env = isolated_env(home)
    env.pop("XDG_DATA_HOME")
    install = subprocess.run(["sh", str(unpacked / "install.sh")], capture_output=True, text=True, env=env, timeout=120)
    assert install.returncode == 0, install.stderr
    share = home / ".local" / "share"
    desktop = share / "applications" / "io.github.oncall.Oncall.desktop"
    assert f"Exec={home}/.local/opt/oncall/oncall" in desktop.read_text(encoding="utf-8")
    assert (share / "metainfo" / "io.github.oncall.Oncall.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "io.github.oncall.Oncall.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    version = subprocess.run([str(home / ".local" / "bin" / "oncall"), "--version"], capture_output=True,
                             text=True, env=env, timeout=120)
    assert version.stdout.strip() == f"oncall {pyproject_version()}", version.stderr
    removed = subprocess.run(["sh", str(unpacked / "install.sh"), "--uninstall"], capture_output=True, text=True,
                             env=env, timeout=120)
    assert removed.returncode == 0, removed.stderr
    assert not desktop.exists() and not (home / ".local" / "bin" / "oncall").exists()
    assert not (home / ".local" / "opt" / "oncall").exists()


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_feed_server_runs_from_the_bundle_as_the_systemd_unit_starts_it(app_dir, tmp_path):
    for name in ("serve", "feeds", "import_team"):
        needs_command(name)
    db, port = tmp_path / "oncall.db", free_loopback_port()
    base = f"http://127.0.0.1:{port}"
    imported = run_app(app_dir, "--db", str(db), "import", str(DEMO_TEAM), home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    created = run_app(app_dir, "--db", str(db), "feeds", "--base-url", base, "create", "team", home=tmp_path)
    assert created.returncode == 0, created.stderr
    url = next(word for word in created.stdout.split() if word.startswith(f"{base}/feeds/"))
    # The same command line as ExecStart in packaging/linux/oncall-serve.service.
    server = subprocess.Popen([str(app_dir / "oncall"), "serve", "--db", str(db), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=isolated_env(tmp_path), cwd=tmp_path)
    try:
        body, content_type = None, None
        deadline = time.monotonic() + 60
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body, content_type = response.read().decode("utf-8"), response.headers["Content-Type"]
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert body is not None, f"no answer from {base}: {server.poll()=}"
        assert content_type.startswith("text/calendar") and body.startswith("BEGIN:VCALENDAR")
    finally:
        server.send_signal(signal.SIGTERM)  # what `systemctl stop` sends
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert "Traceback" not in stderr, stderr
