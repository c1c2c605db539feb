"""The CLI's subcommands come from one place: the modules in oncall/cli/commands/.

A new command needs only its module (``register(sub)`` adding a parser and ``func``); these
tests prove that with a real extra module on the package path and the real parser.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from oncall.cli import commands
from oncall.cli.main import build_parser, command_modules, main

ROOT = Path(__file__).resolve().parents[1]


def _subcommands(parser) -> set[str]:
    action = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    return set(action.choices)


def test_every_module_in_commands_is_a_subcommand():
    on_disk = sorted(p.stem for p in (ROOT / "oncall" / "cli" / "commands").glob("*.py") if p.stem != "__init__")
    assert command_modules() == on_disk
    assert len(_subcommands(build_parser())) == len(on_disk)  # each module registers one command


def test_main_module_names_no_command():
    """No second list to keep in step: cli/main.py spells out no subcommand but the default (gui)."""
    text = (ROOT / "oncall" / "cli" / "main.py").read_text()
    for name in command_modules():
        if name != "gui":
            assert f'"{name}"' not in text and f"'{name}'" not in text, name


def test_a_new_module_is_all_a_new_command_needs(tmp_path, monkeypatch, capsys):
    extra = tmp_path / "extra_commands"
    extra.mkdir()
    (extra / "say_hello.py").write_text(
        "def register(sub):\n"
        "    p = sub.add_parser('say-hello', help='greet')\n"
        "    p.add_argument('who')\n"
        "    p.set_defaults(func=run)\n\n\n"
        "def run(args):\n"
        "    print(f'hello {args.who}')\n"
        "    return 0\n")
    monkeypatch.setattr(commands, "__path__", [*commands.__path__, str(extra)])
    monkeypatch.delitem(sys.modules, "oncall.cli.commands.say_hello", raising=False)
    assert "say_hello" in command_modules()
    assert main(["say-hello", "world"]) == 0
    assert capsys.readouterr().out == "hello world\n"
    sys.modules.pop("oncall.cli.commands.say_hello", None)


def test_help_lists_every_command():
    result = subprocess.run([sys.executable, "-m", "oncall", "--help"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    for name in _subcommands(build_parser()):
        assert name in result.stdout


def test_an_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'no-such-command'" in capsys.readouterr().err
