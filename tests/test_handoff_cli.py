"""`oncall handoff`, `oncall handoff-sheet` and `oncall note` as a user runs them."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from dataclasses import replace

import pytest
from pypdf import PdfReader

from oncall.cli.main import main
from oncall.core.demo import demo_team, demo_team_text, utc
from oncall.core.model import LocalWindow
from oncall.core.notes import HandoffNote
from oncall.storage import open_database

REF = "bob:dan@2026-03-09T06:30Z"


@pytest.fixture
def team_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(demo_team_text())
    return path


@pytest.fixture
def db(tmp_path):
    url = str(tmp_path / "team.db")
    database = open_database(url, create=True)
    database.replace_team(demo_team(), user="lead")
    database.close()
    return url


def _notes(url):
    with open_database(url, create=False) as database:
        return database.notes.list()


def _editor(tmp_path, script: str) -> str:
    """An $EDITOR that runs ``script`` (Python, the file path in ``path``) on the file."""
    path = tmp_path / "editor.py"
    path.write_text("import sys\npath = sys.argv[1]\ntext = open(path).read()\n" + textwrap.dedent(script)
                    + "\nopen(path, 'w').write(text)\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return f"{sys.executable} {path}"


def test_handoff_markdown_to_stdout_from_a_team_file(team_file, capsys):
    assert main(["handoff", str(team_file), "--at", "2026-03-09", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Payments SRE: handoffs on Mon 9 Mar 2026 (UTC)")
    assert out.count("## ") == 3 and "_No note yet_" in out


def test_handoff_pdf_and_html_files(team_file, tmp_path, capsys):
    pdf = tmp_path / "day.pdf"
    assert main(["handoff", str(team_file), "--at", "2026-03-09", "--format", "pdf", "-o", str(pdf), "--paper", "letter"]) == 0
    assert f"wrote {pdf} (3 pages)" in capsys.readouterr().err
    assert len(PdfReader(str(pdf)).pages) == 3
    html = tmp_path / "day.html"
    assert main(["handoff", str(team_file), "--at", "2026-03-09", "--member", "frank", "-o", str(html)]) == 0
    text = html.read_text()
    assert text.startswith("<!DOCTYPE html>") and "handoffs for Frank Miller" in text


def test_handoff_day_in_a_zone(team_file, capsys):
    assert main(["handoff", str(team_file), "--at", "2026-03-10", "--tz", "Australia/Sydney", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "(Australia/Sydney)" in out and "`dan:frank@2026-03-09T16:30Z`" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--at", "2026-03-09", "--format", "pdf"], "a PDF needs a file"),
    (["--at", "2026-03-09", "--member", "zoe"], "no member 'zoe'"),
    (["--at", "2026-03-09", "-o", "/nonexistent-dir/x.pdf"], "does not exist"),
])
def test_handoff_bad_input_is_a_clear_error(team_file, capsys, argv, message):
    assert main(["handoff", str(team_file), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("oncall: error:") and message in err and "Traceback" not in err


def test_handoff_sheet_outputs(team_file, tmp_path, capsys):
    assert main(["handoff-sheet", str(team_file), "--week", "2026-W11", "--tz", "Europe/London", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Payments SRE: handoff sheet 2026-W11") and out.count("| London | UTC |") == 7
    pdf = tmp_path / "week.pdf"
    assert main(["handoff-sheet", str(team_file), "--week", "2026-W11", "-o", str(pdf)]) == 0
    assert len(PdfReader(str(pdf)).pages) >= 1


def test_handoff_sheet_bad_week(team_file, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["handoff-sheet", str(team_file), "--week", "2026-W60"])
    assert exit_info.value.code == 2 and "2026 has no week 60" in capsys.readouterr().err


def test_note_refuses_a_team_file(team_file, capsys):
    assert main(["note", str(team_file), "--handoff", REF]) == 2
    assert "notes need a database: use --db" in capsys.readouterr().err


def test_note_edit_then_the_summary_prints_it(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, '''
        text = text.replace('summary = """\\n\\n"""', 'summary = """\\nDB failover <b>done</b> & watching\\n"""')
        text = text.replace('{ text = "Pager tested", done = false }', '{ text = "Pager tested", done = true }')
    '''))
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["note", "--db", db, "--handoff", REF, "--edit"]) == 0
    assert "saved the note for " + REF in capsys.readouterr().err
    [note] = _notes(db)
    assert note.summary == "DB failover <b>done</b> & watching" and note.checklist[0].done
    assert note.author == "tester" and note.updated_at is not None
    assert main(["handoff", "--db", db, "--at", "2026-03-09", "--format", "md"]) == 0
    assert "> DB failover \\<b\\>done\\</b\\> & watching" in capsys.readouterr().out


def test_note_edit_with_invalid_text_saves_nothing_and_keeps_the_text(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'text = text + "\\nsummary = 3\\n"'))
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["note", "--db", db, "--handoff", REF, "--edit"]) == 2
    err = capsys.readouterr().err
    assert "not valid TOML" in err and "your text is kept in" in err
    kept = err.rsplit("kept in ", 1)[1].strip()
    assert os.path.exists(kept)
    os.unlink(kept)
    assert _notes(db) == []


def test_note_edit_emptied_cancels(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'text = ""'))
    monkeypatch.delenv("VISUAL", raising=False)
    assert main(["note", "--db", db, "--handoff", REF, "--edit"]) == 0
    assert "cancelled" in capsys.readouterr().err and _notes(db) == []


def test_note_by_member_and_acknowledge(db, capsys):
    # bob gives one handoff on 9 Mar (to dan) and takes one (from frank): the role decides.
    assert main(["note", "--db", db, "--at", "2026-03-09", "--member", "bob", "--ack"]) == 0
    [note] = _notes(db)
    assert note.key == ("frank", "bob", utc(2026, 3, 9, 22, 30)) and note.acknowledged_at is not None
    assert main(["note", "--db", db, "--at", "2026-03-09", "--member", "bob"]) == 0
    assert "`bob:dan@2026-03-09T06:30Z`" in capsys.readouterr().out  # showing: the one bob writes


def test_note_by_member_without_a_handoff(db, capsys):
    assert main(["note", "--db", db, "--at", "2026-03-09", "--member", "carol"]) == 2
    assert "carol has no handoff on 2026-03-09 (UTC)" in capsys.readouterr().err


def test_note_unknown_handoff_lists_the_days_handoffs(db, capsys):
    assert main(["note", "--db", db, "--handoff", "bob:dan@2026-03-09T06:31Z"]) == 2
    err = capsys.readouterr().err
    assert "no handoff bob:dan@2026-03-09T06:31Z" in err and "bob:dan@2026-03-09T06:30Z (Bob Nguyen → Dan Okafor, 30 min gap)" in err


def test_note_bad_ref(db, capsys):
    assert main(["note", "--db", db, "--handoff", "bob-dan"]) == 2
    assert "OUTGOING:INCOMING@" in capsys.readouterr().err


def test_a_note_whose_handoff_moved_shows_as_orphan(db, capsys):
    with open_database(db, create=False) as database:
        database.notes.save(HandoffNote("dan", "frank", utc(2026, 3, 9, 16, 30), summary="queue backlog"), "dan")
        team = database.load_team()
        lon = team.leg("lon")
        database.replace_team(team.evolve(legs=tuple(
            replace(lg, window=LocalWindow(7 * 60, 15 * 60)) if lg is lon else lg for lg in team.legs)), user="lead")
    assert main(["handoff", "--db", db, "--at", "2026-03-09", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "## Orphaned notes" in out and "`dan:frank@2026-03-09T16:30Z`" in out and "> queue backlog" in out
    # The orphan can still be read by its old id.
    assert main(["note", "--db", db, "--handoff", "dan:frank@2026-03-09T16:30Z"]) == 0
    assert "Orphaned note" in capsys.readouterr().out
