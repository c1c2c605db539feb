"""The faces attacked the way a tester would: generated team files, argument lists and calendars.

Every input goes through the real CLI entry point (``oncall.cli.main.main``, in-process for
speed, plus a few real subprocesses under ``timeout``) and must end with exit status 0 or 2,
never a traceback, never a hang (an interval timer fails the example after ``HANG_SECONDS``),
and with every file and database in the working folder unchanged when it fails.

Inputs: team files are mutations of the demo team (keys deleted or replaced by values of the
wrong type, huge numbers, odd Unicode, far-off dates, whole tables removed or duplicated, raw
text truncated or spliced), argument lists combine each command's options with valid, edge,
out-of-range and garbage values, and calendars are VEVENTs with hostile rules and dates.

The quick variant runs in the normal suite; the long one (2,000+ inputs) is marked ``slow``
and runs with ``ONCALL_FUZZ_SLOW=1``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings, strategies as st

from fuzz_support import HANG_SECONDS, run_guarded, snapshot
from oncall.cli.main import main
from oncall.core.demo import demo_team_text

SLOW = pytest.mark.skipif(os.environ.get("ONCALL_FUZZ_SLOW") != "1", reason="long fuzz run: ONCALL_FUZZ_SLOW=1")
QUICK = settings(max_examples=int(os.environ.get("ONCALL_FUZZ_QUICK", "70")), deadline=None, database=None,
                 suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=700, deadline=None, database=None, suppress_health_check=list(HealthCheck))
DEMO = tomllib.loads(demo_team_text())
MEMBERS = [m["id"] for m in DEMO["member"]]
COUNT = {"inputs": 0, "exit 0": 0, "exit 2": 0}


def run_cli(argv: list[str], folder: Path) -> tuple[int, str]:
    """``main(argv)`` in ``folder``: (exit status, stderr); a traceback or a hang fails the test."""
    code, _out, err = run_guarded(argv, folder, COUNT)
    return code, err


# ---------------------------------------------------------------- values

ODD_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20) | st.sampled_from([
    "", " ", "\x7f", "\x00", "\u202e", "\ufeff", "é", "日本", "🙂", "a\nb", '"', "\\", "<script>", "x" * 300])
SPECIAL = st.sampled_from([
    "99999999999h", "100000000h", "12h1m", "0", "-1h", "30m", "0001-01-01T00:00+10:00", "9999-12-31",
    "1969-12-31", "2101-01-01", "2100-12-31T23:59", "0001-01-01", "24:00-24:00", "00:00-00:00", "23:59-00:00",
    "25:00-26:00", "mon", "funday", "daily", "weekly", "0d", "99999999d", "Australia/Lord_Howe", "UTC+10",
    "Mars/Olympus", "AU-NSW", "XX-YY", "alice", "nobody", "syd"])
WEIRD = st.one_of(
    st.integers(min_value=-(2 ** 63), max_value=2 ** 63 - 1), st.floats(), st.booleans(), ODD_TEXT, SPECIAL,
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30)),
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.just(timezone(timedelta(hours=-10)))),
    st.times(), st.lists(st.integers() | ODD_TEXT | SPECIAL, max_size=4),
    st.dictionaries(st.sampled_from(["id", "name", "x"]), st.integers() | ODD_TEXT, max_size=2),
)
TABLES = ["team", "site", "member", "leg", "override", "unavailable"]


@st.composite
def team_texts(draw) -> str:
    """A mutation of the demo team file."""
    doc = tomllib.loads(demo_team_text())
    for _ in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(TABLES + ["(top)"]))
        op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add", "drop-table",
                                   "duplicate", "table-value"]))
        if table == "(top)":
            key = draw(st.sampled_from(["version", "team", "site", "x"]))
            if op == "delete":
                doc.pop(key, None)
            else:
                doc[key] = draw(WEIRD)
            continue
        items = doc.get(table)
        if op == "drop-table":
            doc.pop(table, None)
            continue
        if op == "table-value":
            doc[table] = draw(WEIRD)
            continue
        if isinstance(items, dict):
            items = [items]
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            continue
        item = draw(st.sampled_from(items))
        if op == "duplicate" and table != "team":
            items.append(dict(item))
            continue
        keys = sorted(item) or ["name"]
        key = draw(st.sampled_from(keys)) if op != "add" else draw(st.sampled_from(keys + ["id", "timezone", "colour"]))
        if op == "delete":
            item.pop(key, None)
        else:
            item[key] = draw(WEIRD)
    text = tomli_w.dumps(doc)
    cut = draw(st.sampled_from([None, None, None, None, "truncate", "splice"]))
    if cut == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif cut == "splice":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["[", "]]", '"', "=", "\n[[leg]]\n", "\x00", "\u2028"])) + text[at:]
    return text


DATE = st.one_of(st.dates(date(2026, 1, 1), date(2026, 12, 31)).map(str),
                 st.sampled_from(["1970-01-01", "2100-12-31", "0001-01-01", "9999-12-31", "2026-02-30", "today",
                                  "", "2026-1-1", "１９７０-01-01"]))
ZONE = st.sampled_from(["UTC", "Europe/London", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu",
                        "Mars/Base", "", "utc+10", "America/New_York"])
NUMBER = st.one_of(st.integers(-5, 400).map(str), st.sampled_from(["99999999999999999999", "-1", "0", "1e3", "x", ""]))
WEEK = st.one_of(st.builds(lambda y, w: f"{y}-W{w:02d}", st.sampled_from([2026, 1970, 2100, 9999, 1]),
                           st.integers(0, 54)), st.sampled_from(["2026W11", "", "W11"]))
MEMBER = st.sampled_from(MEMBERS + ["nobody", "", "ALICE"])
HANDOFF = st.one_of(st.builds(lambda a, b, d: f"{a}:{b}@{d}T06:30Z", MEMBER, MEMBER, DATE),
                    st.sampled_from(["a:b@9999-12-31T23:59Z", "bob:dan@2026-03-09T06:30Z", "x", "a:b@2026-03-09T06:30+02:00"]))


def _short_range(draw) -> list[str]:
    if draw(st.integers(0, 9)) == 0:
        return ["--from", draw(DATE), "--to", draw(DATE)]
    first = draw(st.dates(date(2025, 12, 20), date(2027, 1, 10)))
    return ["--from", str(first), "--to", str(first + timedelta(days=draw(st.integers(-2, 10))))]


@st.composite
def argument_lists(draw) -> list[str]:
    """One command line; ``{team}``, ``{db}``, ``{ics}`` and ``{out}`` are filled in by the test."""
    command = draw(st.sampled_from(["validate", "report", "handoff", "handoff-sheet", "export", "import",
                                    "export-team", "log", "note", "import-ics", "publish", "feeds", "plan"]))
    source = draw(st.sampled_from([["{team}"], ["--db", "{db}"], ["{team}", "--db", "{db}"], []]))
    opt = lambda name, values: [name, draw(values)] if draw(st.booleans()) else []  # noqa: E731
    if command == "validate":
        return ["validate", draw(st.sampled_from(["{team}", "{db}", "{ics}", "/dev/null", "missing.toml"]))]
    if command == "report":
        return ["report", *source, *_short_range(draw), *opt("--format", st.sampled_from(["text", "json", "xml"])),
                *opt("--tz", ZONE)]
    if command == "handoff":
        return ["handoff", *source, "--at", draw(DATE), *opt("--tz", ZONE), *opt("--member", MEMBER),
                "--format", draw(st.sampled_from(["md", "html"])), "-o", "{out}/h.md"]
    if command == "handoff-sheet":
        return ["handoff-sheet", *source, "--week", draw(WEEK), *opt("--tz", ZONE),
                "--format", draw(st.sampled_from(["md", "html"])), "-o", "{out}/s.md"]
    if command == "export":
        args = ["export", "ics", *source, "--out", "{out}/feeds"]
        if draw(st.booleans()):
            args += _short_range(draw)
        return args + opt("--days-back", NUMBER) + opt("--days-ahead", NUMBER) + opt("--alarm", NUMBER)
    if command == "import":
        return ["import", "{team}", "--db", "{db}"]
    if command == "export-team":
        return ["export-team", "--db", "{db}"]
    if command == "log":
        return ["log", "--db", "{db}", *opt("-n", NUMBER), *opt("--format", st.sampled_from(["json", "text"]))]
    if command == "note":
        which = ["--handoff", draw(HANDOFF)] if draw(st.booleans()) else ["--at", draw(DATE), "--member", draw(MEMBER)]
        return ["note", "--db", "{db}", *which, *(["--ack"] if draw(st.booleans()) else [])]
    if command == "import-ics":
        return ["import-ics", "{ics}", *source, "--member", draw(MEMBER), "--as",
                draw(st.sampled_from(["unavailable", "override"])), *opt("--from", DATE), *opt("--to", DATE),
                *(["--apply"] if draw(st.booleans()) else [])]
    if command == "plan":
        return ["plan", *source, *_short_range(draw), "--fix", draw(st.sampled_from(["drift", "drift", "fair", "all"])),
                "--time-limit", draw(st.sampled_from(["1", "0", "-1", "1e308", "nan"])),
                *opt("--max-window", st.sampled_from(["20h", "99999999999h", "0", "x"])),
                *opt("--min-rest", NUMBER), *opt("--max-consecutive", NUMBER), *opt("--weekend-weight", NUMBER),
                *opt("--seed", NUMBER), *opt("--history-from", DATE),
                *(["-o", "{out}/planned.toml"] if draw(st.booleans()) else []),
                *(["--apply"] if draw(st.booleans()) else [])]
    if command == "publish":
        return ["publish", "{out}/pub", *source, *opt("--days-ahead", NUMBER)]
    return ["feeds", "--db", "{db}", *draw(st.sampled_from([["list"], ["create", "team"], ["create", "member", "alice"],
                                                            ["revoke", "99999999999999999999999"], ["revoke", "1"],
                                                            ["rotate", "-99999999999999999999"],
                                                            ["create", "site", "nowhere"]]))]


ICS_DT = st.one_of(
    st.builds(lambda y, m, d, h: f"{y:04d}{m:02d}{d:02d}T{h:02d}0000Z", st.sampled_from([1, 1900, 1969, 2026, 2100, 9999]),
              st.integers(1, 12), st.integers(1, 31), st.integers(0, 23)),
    st.builds(lambda d: f"{d:%Y%m%d}", st.dates(date(2026, 1, 1), date(2026, 12, 31))).map(lambda s: s),
    st.sampled_from(["20260310T090000", "garbage", "", "20260230T250000Z"]))
RRULE = st.one_of(st.none(), st.builds(
    lambda f, i, c: f"FREQ={f};INTERVAL={i}" + (f";COUNT={c}" if c is not None else ""),
    st.sampled_from(["DAILY", "HOURLY", "MINUTELY", "SECONDLY", "WEEKLY", "YEARLY", "NEVER"]),
    st.sampled_from([0, 1, 2, 99999999]), st.none() | st.sampled_from([1, 10, 1000000000]))
    | st.sampled_from(["FREQ=DAILY;UNTIL=99991231T000000Z", "FREQ=WEEKLY;BYDAY=XX", "garbage"]))


@st.composite
def calendars(draw) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN"]
    for k in range(draw(st.integers(0, 4))):
        event = [f"UID:fuzz-{k}", f"DTSTART{draw(st.sampled_from(['', ';VALUE=DATE', ';TZID=Europe/London', ';TZID=Nowhere']))}:{draw(ICS_DT)}"]
        end = draw(st.sampled_from(["DTEND", "DURATION", None]))
        if end == "DTEND":
            event.append(f"DTEND:{draw(ICS_DT)}")
        elif end == "DURATION":
            event.append(f"DURATION:{draw(st.sampled_from(['PT1H', '-PT1H', 'P99999999D', 'P1D', 'x']))}")
        rule = draw(RRULE)
        if rule:
            event.append(f"RRULE:{rule}")
        event.append(f"SUMMARY:{draw(ODD_TEXT).replace(chr(10), ' ').replace(chr(13), ' ')}")
        if draw(st.integers(0, 5)) == 0:
            event = ["BEGIN:VALARM", "BEGIN:VEVENT", *event, "END:VEVENT", "END:VALARM"]
            lines += ["BEGIN:VEVENT", "UID:outer", "DTSTART:20260310T090000Z", *event, "END:VEVENT"]
        else:
            lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    if draw(st.integers(0, 6)):
        lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


BY_PARTS = st.sampled_from([
    "BYSETPOS=-400", "BYMONTH=13", "BYMONTH=2;BYMONTHDAY=30", "BYMONTHDAY=0", "BYYEARDAY=366,-366,0", "BYWEEKNO=53",
    "BYWEEKNO=0", "BYDAY=MO,TU;BYSETPOS=1", "BYDAY=+5FR", "BYDAY=-53MO", "BYHOUR=25", "BYMINUTE=61", "BYSECOND=61",
    "WKST=XX", "UNTIL=20200101T000000Z", "UNTIL=20260320", "COUNT=0", "COUNT=-1", "UNTIL=garbage",
    "BYMINUTE=" + ",".join(map(str, range(60))) + ";BYSECOND=" + ",".join(map(str, range(60)))])
RULE_FREQ = st.sampled_from(["DAILY", "HOURLY", "MINUTELY", "SECONDLY", "WEEKLY", "MONTHLY", "YEARLY"])
VTIMEZONES = st.sampled_from([
    [],
    ["BEGIN:VTIMEZONE", "TZID:Weird", "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+9999",
     "TZOFFSETTO:-9999", "END:STANDARD", "END:VTIMEZONE"],
    ["BEGIN:VTIMEZONE", "TZID:Weird", "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0100",
     "TZOFFSETTO:+0100", "RRULE:FREQ=SECONDLY", "END:STANDARD", "END:VTIMEZONE"],
    ["BEGIN:VTIMEZONE", "TZID:Weird", "END:VTIMEZONE"],
    ["BEGIN:VTIMEZONE", "TZID:Weird", "BEGIN:DAYLIGHT", "DTSTART:99991231T000000", "TZOFFSETFROM:+1400",
     "TZOFFSETTO:-1200", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT", "END:VTIMEZONE"],
    ["X-WR-TIMEZONE:Mars/Olympus"],
])


@st.composite
def rich_calendars(draw) -> str:
    """Calendars with what real exports carry and hostile ones abuse: VTIMEZONEs with absurd offsets
    and rules, BY* rule parts out of range, RDATE/EXDATE lists, RECURRENCE-ID overrides (orphaned
    or garbage), and DTSTART/DTEND of different value types."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN", *draw(VTIMEZONES)]
    for k in range(draw(st.integers(1, 4))):
        zone = draw(st.sampled_from(["", ";TZID=Weird", ";TZID=Europe/London", ";VALUE=DATE", ";TZID=+05:00"]))
        start = draw(ICS_DT)
        event = [f"UID:rich-{draw(st.integers(0, 2))}", f"DTSTART{zone}:{start}"]
        end = draw(st.sampled_from(["DTEND", "DTEND-UTC", "DURATION", None]))
        if end == "DTEND":
            event.append(f"DTEND{zone}:{draw(ICS_DT)}")
        elif end == "DTEND-UTC":
            event.append(f"DTEND:{draw(ICS_DT)}")
        elif end == "DURATION":
            event.append(f"DURATION:{draw(st.sampled_from(['PT0S', 'P9999999W', 'PT1H', '-P1D', 'P1W2D']))}")
        if draw(st.booleans()):
            event.append(f"RRULE:FREQ={draw(RULE_FREQ)};{draw(BY_PARTS)}")
        for name in ("RDATE", "EXDATE"):
            if draw(st.integers(0, 3)) == 0:
                values = draw(st.lists(ICS_DT, min_size=1, max_size=3))
                event.append(f"{name}:{','.join(values)}")
        if draw(st.integers(0, 3)) == 0:
            event.append(f"RDATE;VALUE=PERIOD:{draw(ICS_DT)}/{draw(st.sampled_from(['PT1H', '20260311T090000Z', 'x']))}")
        if draw(st.integers(0, 3)) == 0:
            event.append(f"RECURRENCE-ID{zone}:{draw(ICS_DT)}")
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


# ---------------------------------------------------------------- the runs

PLAIN_ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VEVENT\r\nUID:pto-1\r\n"
             "DTSTART;VALUE=DATE:20260310\r\nDTEND;VALUE=DATE:20260312\r\nSUMMARY:PTO\r\nEND:VEVENT\r\n"
             "END:VCALENDAR\r\n")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """A database with the demo team, copied into each example's folder."""
    folder = tmp_path_factory.mktemp("fuzz-db")
    (folder / "team.toml").write_text(demo_team_text(), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", str(folder / "team.toml"), "--db", str(folder / "team.db")]) == 0
    return folder / "team.db"


def fill(args: list[str], folder: Path) -> list[str]:
    return [a.format(team=folder / "team.toml", db=folder / "team.db", ics=folder / "cal.ics", out=folder / "out")
            for a in args]


def example(demo_db: Path, args: list[str], team_text: str | None = None, ics: str | None = None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        shutil.copy(demo_db, folder / "team.db")
        (folder / "team.toml").write_text(team_text if team_text is not None else demo_team_text(), encoding="utf-8")
        (folder / "cal.ics").write_text(ics if ics is not None else PLAIN_ICS, encoding="utf-8")
        return run_cli(fill(args, folder), folder)[0]


def _team_file_case(demo_db, text, command):
    args = {"validate": ["validate", "{team}"],
            "report": ["report", "{team}", "--from", "2026-03-01", "--to", "2026-03-08", "--format", "json"],
            "handoff": ["handoff", "{team}", "--at", "2026-03-09", "--format", "md", "-o", "{out}/h.md"],
            "import": ["import", "{team}", "--db", "{db}"],
            "export": ["export", "ics", "{team}", "--from", "2026-03-01", "--to", "2026-03-15", "--out", "{out}/f"],
            }[command]
    example(demo_db, args, team_text=text)


COMMANDS_ON_FILES = st.sampled_from(["validate", "report", "handoff", "import", "export"])


@QUICK
@given(text=team_texts(), command=COMMANDS_ON_FILES)
def test_mutated_team_files(demo_db, text, command):
    _team_file_case(demo_db, text, command)


@QUICK
@given(args=argument_lists())
def test_argument_combinations(demo_db, args):
    example(demo_db, args)


@QUICK
@given(ics=calendars(), mode=st.sampled_from(["unavailable", "override"]), apply=st.booleans(),
       source=st.sampled_from([["{team}"], ["--db", "{db}"]]))
def test_hostile_calendars(demo_db, ics, mode, apply, source):
    args = ["import-ics", "{ics}", *source, "--member", "alice", "--as", mode, "--from", "2026-01-01",
            "--to", "2026-12-31", *(["--apply"] if apply else [])]
    example(demo_db, args, ics=ics)


@settings(QUICK, max_examples=max(5, QUICK.max_examples // 2))
@given(ics=rich_calendars(), mode=st.sampled_from(["unavailable", "override"]), apply=st.booleans(),
       source=st.sampled_from([["{team}"], ["--db", "{db}"]]))
def test_rich_hostile_calendars(demo_db, ics, mode, apply, source):
    test_hostile_calendars.hypothesis.inner_test(demo_db, ics, mode, apply, source)


@pytest.mark.slow
@SLOW
@LONG
@given(ics=rich_calendars(), mode=st.sampled_from(["unavailable", "override"]), apply=st.booleans(),
       source=st.sampled_from([["{team}"], ["--db", "{db}"]]))
def test_rich_hostile_calendars_long(demo_db, ics, mode, apply, source):
    test_hostile_calendars.hypothesis.inner_test(demo_db, ics, mode, apply, source)


@pytest.mark.slow
@SLOW
@LONG
@given(text=team_texts(), command=COMMANDS_ON_FILES)
def test_mutated_team_files_long(demo_db, text, command):
    _team_file_case(demo_db, text, command)


@pytest.mark.slow
@SLOW
@LONG
@given(args=argument_lists())
def test_argument_combinations_long(demo_db, args):
    example(demo_db, args)


@pytest.mark.slow
@SLOW
@LONG
@given(ics=calendars(), mode=st.sampled_from(["unavailable", "override"]), apply=st.booleans(),
       source=st.sampled_from([["{team}"], ["--db", "{db}"]]))
def test_hostile_calendars_long(demo_db, ics, mode, apply, source):
    test_hostile_calendars.hypothesis.inner_test(demo_db, ics, mode, apply, source)


@pytest.fixture(scope="module", autouse=True)
def _report_count():
    yield
    print(f"\nfuzz: {COUNT['inputs']} inputs through the CLI ({COUNT['exit 0']} exit 0, {COUNT['exit 2']} exit 2)")


SUBPROCESS_CASES = [
    ["report", "{team}", "--from", "0001-01-01", "--to", "9999-12-31"],
    ["validate", "/dev/zero"],
    ["handoff-sheet", "{team}", "--week", "9999-W52"],
    ["import-ics", "{ics}", "{team}", "--member", "alice", "--as", "unavailable"],
    ["note", "--db", "{db}", "--handoff", "a:b@9999-12-31T23:59Z"],
]


@pytest.mark.parametrize("args", SUBPROCESS_CASES)
def test_real_processes_under_timeout(demo_db, tmp_path, args):
    """The same promise from a real process: exit 0 or 2, no traceback, within the timeout."""
    shutil.copy(demo_db, tmp_path / "team.db")
    (tmp_path / "team.toml").write_text(demo_team_text(), encoding="utf-8")
    (tmp_path / "cal.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260310T090000Z\r\n"
                                      "RRULE:FREQ=SECONDLY;INTERVAL=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    (tmp_path / "out").mkdir()
    before = snapshot(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.run(["timeout", "60", sys.executable, "-m", "oncall", *fill(args, tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode in (0, 2), (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    if proc.returncode:
        assert proc.stderr.strip() and snapshot(tmp_path) == before


def test_regression_year_one_event_with_a_recurrence_id_in_a_custom_zone(demo_db):
    """Found by test_rich_hostile_calendars_long: after a calendar defined the zone "Weird" with a
    SECONDLY rule (icalendar keeps custom zones by TZID for the process), the library gave up on
    this series and the fallback's own date check overflowed (OverflowError: date value out of range)."""
    weird = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Weird\r\n"
             "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\n"
             "RRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:w\r\nDTSTART;TZID=Weird:20260310T090000\r\n"
             "END:VEVENT\r\nEND:VCALENDAR\r\n")
    args = ["import-ics", "{ics}", "{team}", "--member", "alice", "--as", "unavailable", "--from", "2026-01-01",
            "--to", "2026-12-31"]
    assert example(demo_db, args, ics=weird) in (0, 2)
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VEVENT\r\nUID:rich-0\r\n"
           "DTSTART;TZID=Weird:00010101T000000Z\r\nDTEND;TZID=Weird:00010101T000000Z\r\nRDATE:00010101T000000Z\r\n"
           "EXDATE:00010101T000000Z\r\nRDATE;VALUE=PERIOD:00010101T000000Z/PT1H\r\n"
           "RECURRENCE-ID;TZID=Weird:00010101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    for source in (["{team}"], ["--db", "{db}"]):
        assert example(demo_db, ["import-ics", "{ics}", *source, "--member", "alice", "--as", "unavailable",
                                 "--from", "2026-01-01", "--to", "2026-12-31", "--apply"], ics=ics) in (0, 2)
