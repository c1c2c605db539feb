"""No dead code in oncall/: no function, class, method, variable or import without a reader.

A caller anywhere counts -- the package itself, the tests, scripts/ and benchmarks/ -- so the
check reads all four, but reports only what is defined under oncall/. Framework entry points
(Qt overrides, SQLAlchemy hooks) are listed, with the reason, in tests/vulture_whitelist.py.
Alembic migration modules are excluded: Alembic reads their module variables by name.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHITELIST = Path(__file__).with_name("vulture_whitelist.py")


def _vulture(*paths: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "vulture", *paths, str(WHITELIST), "--min-confidence", "60",
         "--exclude", "oncall/storage/migrations"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 3), result.stderr  # 3: vulture found dead code
    return [line for line in result.stdout.splitlines() if line.startswith("oncall/")]


def test_no_dead_code_in_the_package():
    dead = _vulture("oncall", "tests", "scripts", "benchmarks")
    assert not dead, "dead code (delete it, or whitelist a framework entry point with a reason):\n" + "\n".join(dead)


def test_the_check_finds_an_unused_function(tmp_path):
    """The check can fail: an unused function in a copy of a module is reported."""
    package = tmp_path / "oncall"
    package.mkdir()
    (package / "sample.py").write_text("def used():\n    return 1\n\n\ndef never_called():\n    return 2\n\n\nused()\n")
    result = subprocess.run([sys.executable, "-m", "vulture", str(package), "--min-confidence", "60"],
                            capture_output=True, text=True, timeout=60)
    assert "never_called" in result.stdout and "'used'" not in result.stdout


def _unused_imports(path: Path, root: Path = ROOT) -> list[str]:
    """Names a module imports and never reads (vulture matches names across files, so misses these)."""
    source = path.read_text()
    tree = ast.parse(source)
    lines = source.splitlines()
    imported: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            if "noqa: F401" in lines[node.lineno - 1]:  # a deliberate side-effect import
                continue
            for alias in node.names:
                imported[(alias.asname or alias.name).split(".")[0]] = node.lineno
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    in_text = {word for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
               for word in re.findall(r"\w+", n.value)}  # string annotations, __all__
    return [f"{path.relative_to(root)}:{line}: {name}" for name, line in imported.items()
            if name not in read and name not in in_text]


def test_no_unused_imports_in_the_package():
    found = [hit for path in sorted((ROOT / "oncall").rglob("*.py")) if path.name != "__init__.py"
             for hit in _unused_imports(path)]
    assert not found, "unused imports:\n" + "\n".join(found)


def test_the_import_check_finds_an_unused_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nimport sys\n\nprint(sys.argv)\n")
    assert _unused_imports(sample, tmp_path) == ["sample.py:1: os"]
