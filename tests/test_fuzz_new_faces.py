"""The newest faces attacked the way a tester would: import-schedule, plan --fix, feeds, publish --caldav.

Like tests/test_fuzz_faces.py (which covers the older commands and import-ics), every input
goes through the real CLI entry point (``oncall.cli.main.main`` in-process, plus real
subprocesses under ``timeout``) and must end with an exit status the command documents
(0 or 2; 3 for ``import-schedule`` when the import differs from the tool's timeline), never
a traceback, never a hang, and with every file and database in the working folder unchanged
when it fails.

Inputs: each tool's schedule, shifts and timeline fixtures mutated (keys deleted, values of
the wrong type, huge/negative/zero numbers, turn lengths from 0 s to 10 years, restrictions
of 0 to 10,000,000 s, weekdays 0 and 8, dates in year 1 and 9999, unknown zones, empty user
lists, whole documents that are a list, a number or null, deep nesting, non-UTF-8 bytes,
truncations), plan ranges and limits out of every bound, team files where a leg has nobody
or everybody is away, feed addresses and CalDAV URLs that are malformed or point at closed
loopback ports, and CalDAV passwords that must never be printed.

The quick variant runs in the normal suite; the long one is gated by ``ONCALL_FUZZ_SLOW=1``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings, strategies as st

from fuzz_support import run_guarded, snapshot
from oncall.cli.main import main
from oncall.core.demo import demo_team_text

FIXTURES = Path(__file__).parent / "fixtures" / "schedules"
SLOW = pytest.mark.skipif(os.environ.get("ONCALL_FUZZ_SLOW") != "1", reason="long fuzz run: ONCALL_FUZZ_SLOW=1")
QUICK = settings(max_examples=int(os.environ.get("ONCALL_FUZZ_QUICK", "40")), deadline=None, database=None,
                 suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=int(os.environ.get("ONCALL_FUZZ_LONG", "700")), deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
COUNT: dict[str, int] = {"inputs": 0}
PASSWORD = "s3cr3t-Pa55-üñí"


def run_cli(argv: list[str], folder: Path, codes: tuple[int, ...] = (0, 2)) -> tuple[int, str, str]:
    """``main(argv)`` in ``folder``: (exit status, stdout, stderr); a traceback or a hang fails."""
    return run_guarded(argv, folder, COUNT, codes)


@pytest.fixture(scope="module", autouse=True)
def _report_count():
    yield
    counts = ", ".join(f"{v} {k}" for k, v in sorted(COUNT.items()) if k != "inputs")
    print(f"\nfuzz (new faces): {COUNT['inputs']} inputs through the CLI ({counts})")


# ---------------------------------------------------------------- hostile JSON values

HOSTILE_NUMBERS = [0, 1, -1, 59, 60, 61, 3600, 86400, 86401, 604800, 315360000, 10_000_000, 2 ** 31, 2 ** 63,
                   10 ** 15,
                   -(2 ** 63), 10 ** 30, 1.5, -0.0, 1e308, float("inf"), float("nan"), 0.1, 7, 8, 13]
HOSTILE_TEXTS = ["", " ", "x", "\x00", "\u202e", "日本", "🙂", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                 "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "2026-02-30T00:00:00Z", "2026-03-29T02:30:00",
                 "2026-03-08T02:30:00-05:00", "1969-12-31T23:59:59Z", "2101-01-01T00:00:00Z", "2026-01-05",
                 "Mars/Olympus", "UTC", "Etc/GMT+14", "Australia/Lord_Howe", "Pacific/Chatham", "utc", "EST5EDT",
                 "24:00:00", "23:59:59", "-01:00:00", "08:00", "8", "daily", "weekly", "hourly", "monthly", "none",
                 "MO", "XX", "rolling_users", "recurrent_event", "single_event", "override", "user", "team",
                 "escalation", "daily_restriction", "weekly_restriction", "time-of-day", "weekday-and-time-of-day",
                 "x" * 5000, "a\nb", '"', "\\", "<script>"]
SCALARS = st.one_of(st.sampled_from(HOSTILE_NUMBERS), st.sampled_from(HOSTILE_TEXTS), st.booleans(), st.none(),
                    st.integers(), st.text(max_size=12))
HOSTILE = st.one_of(SCALARS, SCALARS, SCALARS, st.lists(SCALARS, max_size=3),
                    st.dictionaries(st.sampled_from(["id", "type", "user", "x"]), SCALARS, max_size=2),
                    st.just([]), st.just({}), st.just([[]]))


def _paths(value, prefix=()):
    """Every path to a value inside a JSON document (objects and lists)."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


def _at(doc, path):
    for key in path:
        doc = doc[key]
    return doc


@st.composite
def mutated_json(draw, original) -> bytes:
    """A few mutations of one JSON document, serialised (sometimes cut short or made not UTF-8)."""
    doc = copy.deepcopy(original)
    whole = draw(st.integers(0, 14))
    if whole == 0:
        doc = draw(st.sampled_from([[], 0, None, "text", [doc], {"data": None}, {"schedule": []}, {}, 1e308]))
    elif whole == 1:
        nested: object = doc
        for _ in range(draw(st.sampled_from([100, 5000, 200_000]))):
            nested = [nested]
        return ("[" * 200_000 + "]" * 200_000).encode() if draw(st.booleans()) else _dumps(nested)
    else:
        for _ in range(draw(st.integers(1, 4))):
            paths = [p for p in _paths(doc) if p]
            if not paths:
                break
            path = draw(st.sampled_from(paths))
            parent = _at(doc, path[:-1])
            op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "empty", "duplicate"]))
            key = path[-1]
            if op == "delete":
                del parent[key]
            elif op == "empty" and isinstance(parent[key], (list, dict, str)):
                parent[key] = type(parent[key])()
            elif op == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
            else:
                parent[key] = draw(HOSTILE)
    data = _dumps(doc)
    tail = draw(st.sampled_from([None] * 8 + ["truncate", "latin1", "bom", "nul"]))
    if tail == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif tail == "latin1":
        data = data.replace(b'"', b'"\xe9', 1)
    elif tail == "bom":
        data = b"\xef\xbb\xbf" + data
    elif tail == "nul":
        data = data + b"\x00"
    return data


def _dumps(value) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):
        return b"[" * 6000 + b"]" * 6000


def _load(tool: str, name: str):
    return json.loads((FIXTURES / tool / name).read_text(encoding="utf-8"))


CASES = ["weekly", "follow-the-sun", "midnight-dst", "approximated"]


def _files(tool: str, case: str) -> dict[str, str]:
    names = {"schedule": f"{case}-schedule.json", "timeline": f"{case}-timeline.json"}
    if tool == "grafana":
        names["shifts"] = f"{case}-shifts.json"
    return names


@st.composite
def schedule_inputs(draw):
    """(tool, {role: bytes}, extra options) with one or more of the documents mutated."""
    tool = draw(st.sampled_from(["pagerduty", "opsgenie", "grafana"]))
    case = draw(st.sampled_from(CASES))
    files = {}
    roles = _files(tool, case)
    victims = draw(st.sets(st.sampled_from(sorted(roles)), min_size=1))
    for role, name in roles.items():
        original = _load(tool, name)
        files[role] = draw(mutated_json(original)) if role in victims else _dumps(original)
    options = []
    if draw(st.booleans()):
        options += ["--weeks", draw(st.sampled_from(["1", "8", "104", "0", "105", "-3", "99999999999999999999"]))]
    options += draw(st.sampled_from([[], ["-o", "{out}/team.toml"], ["--db", "{db}"], ["--db", "{newdb}"]]))
    options += draw(st.sampled_from([[], ["--format", "json"]]))
    with_timeline = draw(st.booleans())
    return tool, files, options, with_timeline


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz-new-db")
    (folder / "team.toml").write_text(demo_team_text(), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["import", str(folder / "team.toml"), "--db", str(folder / "team.db")]) == 0
    return folder / "team.db"


def _fill(args: list[str], folder: Path) -> list[str]:
    names = {"{team}": folder / "team.toml", "{db}": folder / "team.db", "{out}": folder / "out",
             "{newdb}": folder / "new.db"}
    for name, value in names.items():
        args = [a.replace(name, str(value)) for a in args]
    return args


def schedule_case(demo_db: Path, tool: str, files: dict[str, bytes], options: list[str], with_timeline: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        shutil.copy(demo_db, folder / "team.db")
        for role, data in files.items():
            (folder / f"{role}.json").write_bytes(data)
        args = ["import-schedule", "--from", tool, "{out}/../schedule.json"]
        if "shifts" in files:
            args += ["--shifts", "{out}/../shifts.json"]
        if with_timeline:
            args += ["--timeline", "{out}/../timeline.json"]
        code, _, _ = run_cli(_fill(args + options, folder), folder, codes=(0, 2, 3))
        return code


@QUICK
@given(case=schedule_inputs())
def test_mutated_schedules(demo_db, case):
    schedule_case(demo_db, *case)


@pytest.mark.slow
@SLOW
@LONG
@given(case=schedule_inputs())
def test_mutated_schedules_long(demo_db, case):
    schedule_case(demo_db, *case)


# A turn, restriction or weekday value that each tool documents, pushed past every edge.
FIELD_ATTACKS = {
    "pagerduty": [
        (("schedule", "schedule_layers", 0, "rotation_turn_length_seconds"),
         [0, 1, 59, 3660, 129600, 86400 * 3650, 315360000 * 10]),
        (("schedule", "schedule_layers", 0, "restrictions"),
         [[{"type": "daily_restriction", "start_time_of_day": "08:00:00", "duration_seconds": s}]
          for s in (0, 1, 60, 86400, 86401, 10_000_000)]
         + [[{"type": "weekly_restriction", "start_time_of_day": "08:00:00", "duration_seconds": 3600,
              "start_day_of_week": d}] for d in (0, 8, -1, 7, 1)]
         + [[{"type": "weekly_restriction", "start_time_of_day": "23:00:00", "duration_seconds": 10_000_000,
              "start_day_of_week": 7}]]),
        (("schedule", "schedule_layers", 0, "start"), ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                                       "0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-12:00"]),
        (("schedule", "schedule_layers", 0, "rotation_virtual_start"),
         ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2100-12-31T00:00:00Z"]),
        (("schedule", "schedule_layers", 0, "end"), ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                                     "2026-01-05T09:00:00-05:00"]),
        (("schedule", "time_zone"), ["Mars/Olympus", "", "America/New_Yrok", "Etc/GMT-14", "Factory"]),
        (("schedule", "schedule_layers", 0, "users"), [[], [{"user": {"id": ""}}], [{"user": None}]]),
        (("schedule", "schedule_layers"), [[], [None], list(range(3))]),
    ],
    "opsgenie": [
        (("data", "rotations", 0, "length"), [0, -1, 1, 10_000_000, 2 ** 40]),
        (("data", "rotations", 0, "type"), ["hourly", "daily", "weekly", "monthly", ""]),
        (("data", "rotations", 0, "startDate"), ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]),
        (("data", "rotations", 0, "endDate"), ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]),
        (("data", "rotations", 0, "participants"), [[], [{"type": "none"}], [{"type": "team", "id": "t"}]]),
        (("data", "rotations", 0, "timeRestriction"),
         [{"type": "time-of-day", "restriction": {"startHour": h, "startMin": 0, "endHour": e, "endMin": 0}}
          for h, e in ((0, 0), (25, 3), (-1, 5), (8, 8), (23, 1))]
         + [{"type": "weekday-and-time-of-day", "restrictions": [
             {"startDay": d, "startHour": 8, "startMin": 0, "endDay": "monday", "endHour": 8, "endMin": 0}]}
            for d in ("monday", "funday", "", "sunday")]
         + [{"type": "weekday-and-time-of-day", "restrictions": []}]),
        (("data", "timezone"), ["Mars/Olympus", "", "Europe/Berln"]),
    ],
    "grafana": [
        (("results", 0, "duration"), [0, 1, 60, 86400 * 3650, 10_000_000, -60]),
        (("results", 0, "interval"), [0, -1, 10_000_000]),
        (("results", 0, "frequency"), ["hourly", "daily", "weekly", "monthly", "yearly", None, ""]),
        (("results", 0, "start"), ["0001-01-01T00:00:00", "9999-12-31T23:59:59", "2026-03-29T02:30:00"]),
        (("results", 0, "rotation_start"), ["0001-01-01T00:00:00", "9999-12-31T23:59:59"]),
        (("results", 0, "until"), ["0001-01-01T00:00:00", "9999-12-31T23:59:59"]),
        (("results", 0, "by_day"), [["XX"], [], ["MO"] * 50, "MO"]),
        (("results", 0, "week_start"), ["XX", "", None]),
        (("results", 0, "rolling_users"), [[], [[]], [["nobody"]], [[None]]]),
        (("results", 0, "time_zone"), ["Mars/Olympus", "Pacific/Chatham"]),
        (("results", 0, "type"), ["single_event", "recurrent_event", "override", "x"]),
        (("results", 0, "level"), [-1, 10 ** 9, "x"]),
    ],
}


def _field_cases():
    for tool, attacks in FIELD_ATTACKS.items():
        for path, values in attacks:
            for value in values:
                yield pytest.param(tool, path, value, id=f"{tool}-{'.'.join(map(str, path))}={str(value)[:30]}")


@pytest.mark.parametrize("tool,path,value", list(_field_cases()))
def test_edge_values_of_documented_fields(demo_db, tool, path, value):
    """Each documented field at and past its edges, on every fixture of the tool, with its timeline."""
    for case in CASES:
        roles = _files(tool, case)
        role = "shifts" if tool == "grafana" else "schedule"
        files = {r: _load(tool, n) for r, n in roles.items()}
        doc = files[role]
        try:
            parent = _at(doc, path[:-1])
            if isinstance(parent, list) and path[-1] >= len(parent):
                continue
        except (KeyError, IndexError, TypeError):
            continue
        parent[path[-1]] = value
        data = {r: _dumps(d) for r, d in files.items()}
        schedule_case(demo_db, tool, data, ["-o", "{out}/team.toml"], True)


@pytest.mark.parametrize("tool", ["pagerduty", "opsgenie", "grafana"])
def test_oversized_and_special_files(demo_db, tool, tmp_path):
    """A 50 MB file, /dev/zero, a folder, a missing file and an empty one: one message each, exit 2."""
    shutil.copy(demo_db, tmp_path / "team.db")
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.write(b'{"schedule": {"x": "')
        f.write(b"a" * (50 * 2 ** 20))
        f.write(b'"}}')
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "folder.json").mkdir()
    shifts = ["--shifts", str(FIXTURES / "grafana" / "weekly-shifts.json")] if tool == "grafana" else []
    for path in (big, "/dev/zero", tmp_path / "folder.json", tmp_path / "missing.json", tmp_path / "empty.json"):
        code, _, err = run_cli(["import-schedule", "--from", tool, str(path), *shifts, "--db", str(tmp_path / "team.db")],
                               tmp_path)
        assert code == 2 and "nothing was written" in err, (path, err)


def test_another_tools_document(demo_db, tmp_path):
    """Every fixture offered to every other tool: a clear refusal (or an import), never a traceback."""
    for tool in ("pagerduty", "opsgenie", "grafana"):
        for other in ("pagerduty", "opsgenie", "grafana"):
            if other == tool:
                continue
            for role, name in _files(other, "follow-the-sun").items():
                args = ["import-schedule", "--from", tool, str(FIXTURES / other / name)]
                if tool == "grafana":
                    args += ["--shifts", str(FIXTURES / other / name)]
                code, _, err = run_cli(args, tmp_path, codes=(2,))
                assert "nothing was written" in err


# ---------------------------------------------------------------- plan --fix drift|fair|all

DEMO = tomllib.loads(demo_team_text())


def _team_variant(kind: str) -> str:
    doc = copy.deepcopy(DEMO)
    if kind == "everyone-away":
        doc["unavailable"] = [{"member": m["id"], "from": "2026-01-01", "to": "2027-01-01", "reason": "leave"}
                              for m in doc["member"]]
    elif kind == "empty-rotation":
        for leg in doc["leg"]:
            leg["rotation"] = []
    elif kind == "no-legs":
        doc.pop("leg", None)
        doc.pop("override", None)
    elif kind == "no-members":
        doc.pop("member", None)
        doc.pop("leg", None)
        doc.pop("override", None)
        doc.pop("unavailable", None)
    elif kind == "one-member":
        for leg in doc["leg"]:
            leg["rotation"] = leg["rotation"][:1]
    return tomli_w.dumps(doc)


TEAM_KINDS = ["demo", "everyone-away", "empty-rotation", "no-legs", "no-members", "one-member"]
PLAN_DATES = ["2026-03-01", "2026-03-02", "2026-03-08", "2026-04-01", "2027-03-01", "1970-01-01", "2100-12-31",
              "2101-01-01", "0001-01-01", "9999-12-31", "2026-02-30", "x", "", "2036-03-01", "2040-03-01"]


@st.composite
def plan_arguments(draw):
    fix = draw(st.sampled_from(["drift", "drift", "fair", "all"]))
    if draw(st.integers(0, 3)):  # mostly a short range the planners really run on
        first = draw(st.dates(date(2026, 1, 1), date(2027, 12, 20)))
        start, end = str(first), str(first + timedelta(days=draw(st.integers(-1, 9))))
    else:
        start, end = draw(st.sampled_from(PLAN_DATES)), draw(st.sampled_from(PLAN_DATES))
    args = ["plan", draw(st.sampled_from(["{team}", "{team}", "--db={db}"])), "--from", start, "--to", end,
            "--fix", fix]
    hostile = draw(st.integers(0, 2)) == 0  # a third of the runs get out-of-range values, the rest valid ones

    def opt(name, values, valid):
        if not draw(st.booleans()):
            return []
        return [name, draw(st.sampled_from(values if hostile else valid))]

    def time_limit():
        return ["--time-limit", draw(st.sampled_from(["0", "0.001", "-1", "1e308", "inf", "nan"] if hostile
                                                     else ["1", "0.5"]))]
    args += opt("--max-window", ["0h", "0", "1m", "99999h", "100000000h", "-5h", "24h", "25h", "x"],
                ["10h", "12h", "1h30m", "23h"])
    if fix != "drift":
        args += time_limit()
        args += opt("--min-rest", ["0", "-1", "11", "1e308", "nan", "99999", "x"], ["0", "11", "72"])
        args += opt("--max-consecutive", ["0", "-1", "101", "99999999999999999999", "x"], ["1", "2", "100"])
        args += opt("--weekend-weight", ["-1", "1e308", "nan", "inf"], ["0", "2", "10"])
        args += opt("--holiday-weight", ["-1", "1e308", "nan"], ["0", "2", "10"])
        args += opt("--seed", ["2147483648", "99999999999999999999", "x"], ["0", "-1", "2147483647"])
        args += opt("--history-from", ["0001-01-01", "2030-01-01", "x", start], ["2025-10-01", "1970-01-01"])
    args += opt("--format", ["xml"], ["text", "json"])
    args += draw(st.sampled_from([[], ["-o", "{out}/planned.toml"], ["--apply"], ["-o", "{team}"]]))
    return draw(st.sampled_from(TEAM_KINDS)), args


def plan_case(demo_db: Path, kind: str, args: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        shutil.copy(demo_db, folder / "team.db")
        text = demo_team_text() if kind == "demo" else _team_variant(kind)
        (folder / "team.toml").write_text(text, encoding="utf-8")
        filled = [a.replace("{db}", str(folder / "team.db")) for a in args]
        return run_cli(_fill(filled, folder), folder)[0]


@settings(QUICK, max_examples=max(5, QUICK.max_examples // 2))
@given(case=plan_arguments())
def test_plan_hostile(demo_db, case):
    plan_case(demo_db, *case)


@pytest.mark.slow
@SLOW
@settings(LONG, max_examples=max(20, LONG.max_examples // 3))
@given(case=plan_arguments())
def test_plan_hostile_long(demo_db, case):
    plan_case(demo_db, *case)


@pytest.mark.parametrize("kind", TEAM_KINDS)
@pytest.mark.parametrize("fix", ["drift", "fair", "all"])
def test_plan_on_degenerate_teams(demo_db, kind, fix):
    """Empty rotations, no members, everyone on leave: a plan or one message, never a traceback."""
    args = ["plan", "{team}", "--from", "2026-03-02", "--to", "2026-03-09", "--fix", fix, "--format", "json",
            "-o", "{out}/planned.toml"]
    if fix != "drift":
        args += ["--time-limit", "2"]
    plan_case(demo_db, kind, args)


# ---------------------------------------------------------------- feeds and publish --caldav

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


URLS = ["", "x", "http://", "https://", "ftp://example.com", "http://127.0.0.1:{port}/", "http://[::1]:{port}/",
        "http://localhost:{port}/dav/", "https://127.0.0.1:{port}/", "http://user:pw@127.0.0.1:{port}/",
        "http://127.0.0.1:99999/", "http://127.0.0.1:-1/", "http://[::1/", "http://exa mple.com/",
        "http://\x00/", "javascript:alert(1)", "webcal://127.0.0.1:{port}/", "http://no.such.host.invalid/",
        "https://" + "a" * 300 + ".com/", "https://cal.example.com/" + "a" * 5000,
        "http://127.0.0.1:{port}/" + "%" * 10, "//127.0.0.1/",
        "http://127.0.0.1:{port}/\n/", "http://日本.example/", "https://cal.example.com/feeds/../.."]


@st.composite
def feed_arguments(draw):
    url = draw(st.sampled_from(URLS))
    action = draw(st.sampled_from(["base", "check", "invite", "qr", "create-all", "create", "publish", "list",
                                   "rotate", "revoke"]))
    member = draw(st.sampled_from(["alice", "bob", "nobody", "", "ALICE", "-x", "a" * 500]))
    if action == "base":
        return ["feeds", "--db", "{db}", "--base-url", url]
    if action == "check":
        return ["feeds", "--db", "{db}", "check", *([url] if draw(st.booleans()) else []),
                "--timeout", draw(st.sampled_from(["0.5", "0", "-1", "nan", "inf", "1e308", "x"]))]
    if action == "invite":
        extra = draw(st.sampled_from([[], ["--link", url], ["--new-link"], ["--mailto"], ["--link", url, "--mailto"]]))
        return ["feeds", "--db", "{db}", *draw(st.sampled_from([[], ["--base-url", url]])), "invite", member, *extra]
    if action == "qr":
        return ["feeds", "--db", "{db}", "qr", url, *draw(st.sampled_from(
            [[], ["--png", "{out}/q.png"], ["--svg", "{out}/q.svg"], ["--png", "{out}/missing/q.png"],
             ["--svg", "/dev/full"]]))]
    if action == "create-all":
        return ["feeds", "--db", "{db}", "create", "--all-members",
                *draw(st.sampled_from([[], ["team"], ["member", member], ["--label", "\x00"]]))]
    if action == "create":
        return ["feeds", "--db", "{db}", "create", *draw(st.sampled_from(
            [["team"], ["site", "syd"], ["site", member], ["member", member], [], ["member"]]))]
    if action == "rotate":
        return ["feeds", "--db", "{db}", "rotate", draw(st.sampled_from(["1", "0", "-1", "99999999999999999999",
                                                                         "team", "x"]))]
    if action == "revoke":
        return ["feeds", "--db", "{db}", "revoke", draw(st.sampled_from(["1", "0", "-1", "1e3", "x"]))]
    if action == "list":
        return ["feeds", "--db", "{db}", "list"]
    return ["publish", "--db", "{db}", "--caldav", url, *draw(st.sampled_from([[], ["--user", "alice"],
                                                                             ["--user", ""]])),
            *draw(st.sampled_from([[], ["--feed", "team"], ["--feed", "member-nobody"], ["--feed", "x"]])),
            *draw(st.sampled_from([[], ["--days-ahead", "1"], ["--days-ahead", "-1"],
                                   ["--days-ahead", "99999999999"]]))]


def feed_case(demo_db: Path, args: list[str]) -> int:
    port = _closed_port()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "out").mkdir()
        shutil.copy(demo_db, folder / "team.db")
        filled = _fill([a.replace("{port}", str(port)) for a in args], folder)
        # `feeds check` and a CalDAV sync with a conflict document exit status 1 (docs/operations.md).
        codes = (0, 1, 2) if "check" in args or "--caldav" in args else (0, 2)
        old = os.environ.get("ONCALL_CALDAV_PASSWORD")
        os.environ["ONCALL_CALDAV_PASSWORD"] = PASSWORD
        try:
            code, out, err = run_cli(filled, folder, codes)
        finally:
            if old is None:
                os.environ.pop("ONCALL_CALDAV_PASSWORD", None)
            else:
                os.environ["ONCALL_CALDAV_PASSWORD"] = old
        assert PASSWORD not in out + err, f"the CalDAV password was printed: {filled}"
        return code


@QUICK
@given(args=feed_arguments())
def test_feeds_and_caldav_hostile(demo_db, args):
    feed_case(demo_db, args)


@pytest.mark.slow
@SLOW
@LONG
@given(args=feed_arguments())
def test_feeds_and_caldav_hostile_long(demo_db, args):
    feed_case(demo_db, args)


# ---------------------------------------------------------------- real processes

def _subprocess(args: list[str], folder: Path, env_extra: dict[str, str] | None = None,
                codes=(0, 2)) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), **(env_extra or {}))
    before = snapshot(folder)
    proc = subprocess.run(["timeout", "90", sys.executable, "-m", "oncall", *args], capture_output=True,
                          text=True, cwd=folder, env=env)
    assert proc.returncode in codes, (args, proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    if proc.returncode == 2:
        assert proc.stderr.strip() and snapshot(folder) == before
    return proc


def test_real_processes_under_timeout(demo_db, tmp_path):
    """The same promises from real processes, including the ones in-process runs cannot show."""
    shutil.copy(demo_db, tmp_path / "team.db")
    nested = tmp_path / "nested.json"
    nested.write_bytes(b"[" * 1_000_000 + b"]" * 1_000_000)
    port = _closed_port()
    _subprocess(["import-schedule", "--from", "pagerduty", str(nested), "--db", "team.db"], tmp_path, codes=(2,))
    _subprocess(["import-schedule", "--from", "opsgenie", "/dev/zero", "-o", "team.toml"], tmp_path, codes=(2,))
    proc = _subprocess(["publish", "--db", "team.db", "--caldav", f"http://127.0.0.1:{port}/", "--user", "alice"],
                       tmp_path, {"ONCALL_CALDAV_PASSWORD": PASSWORD}, codes=(2,))
    assert PASSWORD not in proc.stdout + proc.stderr
    _subprocess(["feeds", "--db", "team.db", "check", f"http://127.0.0.1:{port}/x.ics", "--timeout", "2"],
                tmp_path, codes=(1,))  # documented: 1 when no calendar came back
    (tmp_path / "team.toml").write_text(_team_variant("everyone-away"), encoding="utf-8")
    _subprocess(["plan", "team.toml", "--from", "2026-03-02", "--to", "2026-03-09", "--fix", "all",
                 "--time-limit", "2"], tmp_path)


# ---------------------------------------------------------------- regressions found by this module

def test_regression_year_one_in_a_schedule_is_refused(tmp_path):
    """A PagerDuty layer starting in year 1 crashed in the time-zone resolver (ValueError: year 0)."""
    doc = _load("pagerduty", "weekly-schedule.json")
    doc["schedule"]["schedule_layers"][0]["start"] = "0001-01-01T00:00:00Z"
    (tmp_path / "s.json").write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run_cli(["import-schedule", "--from", "pagerduty", "s.json", "-o", "team.toml"], tmp_path)
    assert code == 2 and "schedule_layers[0].start" in err and "1970-2100" in err


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "1e308"])
def test_regression_feeds_check_timeout_out_of_range(demo_db, tmp_path, value):
    """`feeds check --timeout inf` ended in OverflowError from the socket layer."""
    shutil.copy(demo_db, tmp_path / "team.db")
    code, _, err = run_cli(["feeds", "--db", "team.db", "check", "--timeout", value], tmp_path)
    assert code == 2 and "timeout" in err


def test_regression_base_url_not_stored_when_the_action_fails(demo_db, tmp_path):
    """`feeds --base-url URL invite nobody` stored the address, then refused the invitation."""
    shutil.copy(demo_db, tmp_path / "team.db")
    code, _, err = run_cli(["feeds", "--db", "team.db", "--base-url", "https://cal.example.com", "invite", "nobody"],
                           tmp_path)
    assert code == 2 and "nobody" in err
    code, out, _ = run_cli(["feeds", "--db", "team.db"], tmp_path)
    assert code == 0 and "No public feed address set" in out
    code, out, _ = run_cli(["feeds", "--db", "team.db", "--base-url", "https://cal.example.com", "create", "team"],
                           tmp_path)
    assert code == 0 and "https://cal.example.com/feeds/" in out
    code, out, _ = run_cli(["feeds", "--db", "team.db"], tmp_path)
    assert "Public feed address: https://cal.example.com" in out


def test_regression_minute_turns_in_many_layers_end_quickly(tmp_path):
    """Four PagerDuty layers of one-minute turns (a 2 KB file) ran for over 5 minutes: every pair of
    5,760 legs was compared. Now the import is refused past MAX_LEGS legs, and two such layers
    (2,880 legs, also refused) and one (1,440 legs, imported) end within the hang timer."""
    doc = _load("pagerduty", "weekly-schedule.json")
    layer = doc["schedule"]["schedule_layers"][0]
    layer["rotation_turn_length_seconds"] = 60
    for count, expected in ((4, 2), (1, 0)):
        doc["schedule"]["schedule_layers"] = [copy.deepcopy(layer) for _ in range(count)]
        (tmp_path / "s.json").write_text(json.dumps(doc), encoding="utf-8")
        code, out, err = run_cli(["import-schedule", "--from", "pagerduty", "s.json"], tmp_path)
        assert code == expected, err
        assert ("more than 1500 legs" in err) if expected else ("1440 legs" in out)


def test_layer_overlaps_still_reported(tmp_path):
    """The sweep that replaced the pairwise comparison reports the same overlapping layers."""
    doc = _load("pagerduty", "weekly-schedule.json")
    layers = doc["schedule"]["schedule_layers"]
    layers.append(copy.deepcopy(layers[0]) | {"name": "Shadow"})
    (tmp_path / "s.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = run_cli(["import-schedule", "--from", "pagerduty", "s.json", "--format", "json"], tmp_path)
    approximated = json.loads(out)["report"]["approximated"]
    assert code == 0 and any("are on call at the same time" in a for a in approximated), approximated


@pytest.mark.parametrize("kind", ["rolling_users", "single_event"])
def test_regression_grafana_duration_past_ten_years(tmp_path, kind):
    """A rolling shift of 10**15 s looped for ever cutting it into days; a single event that long
    ended in OverflowError. A duration is at most the ten-year range now."""
    shifts = _load("grafana", "weekly-shifts.json")
    shifts["results"][0].update(duration=10 ** 15, type=kind, users=["UA"])
    (tmp_path / "sh.json").write_text(json.dumps(shifts), encoding="utf-8")
    code, _, err = run_cli(["import-schedule", "--from", "grafana", str(FIXTURES / "grafana" / "weekly-schedule.json"),
                            "--shifts", "sh.json"], tmp_path)
    assert code == 2 and "results[0].duration: must be at most" in err


@pytest.mark.parametrize("restriction", [{"restrictions": []},
                                         {"restriction": {"startHour": 8, "endHour": 24, "endMin": 30}}])
def test_regression_opsgenie_time_of_day(tmp_path, restriction):
    """An empty time-of-day restriction list ended in IndexError; 24:30 was read as half past midnight."""
    doc = _load("opsgenie", "weekly-schedule.json")
    doc["data"]["rotations"][0]["timeRestriction"] = {"type": "time-of-day", **restriction}
    (tmp_path / "s.json").write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run_cli(["import-schedule", "--from", "opsgenie", "s.json"], tmp_path)
    assert code == 2 and "timeRestriction.restriction" in err


@pytest.mark.parametrize("flag,value,message", [("--max-consecutive", "99999999999999999999", "between 1 and 100"),
                                                ("--seed", "99999999999999999999", "--seed must be")])
def test_regression_fair_flags_past_their_limits(tmp_path, flag, value, message):
    """`plan --fix fair --max-consecutive 1e20` overflowed a timedelta; `--seed 1e20` was a TypeError in CP-SAT."""
    (tmp_path / "team.toml").write_text(demo_team_text(), encoding="utf-8")
    code, _, err = run_cli(["plan", "team.toml", "--from", "2026-03-02", "--to", "2026-03-09", "--fix", "fair",
                            "--time-limit", "1", flag, value], tmp_path)
    assert code == 2 and message in err


class _NotCalDav:
    """A real loopback HTTP server that answers every request the same un-CalDAV way."""

    BODIES = {"500": (500, b"<html>Internal error</html>"), "404": (404, b"Not found"),
              "207-not-xml": (207, b"<not xml"), "207-empty": (207, b""), "401": (401, b"")}

    def __init__(self, mode: str):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        status, body = self.BODIES[mode]

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PROPFIND = do_PUT = do_DELETE = do_REPORT = do_MKCALENDAR = do_OPTIONS = answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/dav/"

    def __enter__(self):
        import threading

        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("mode", sorted(_NotCalDav.BODIES))
def test_regression_publish_caldav_to_a_server_that_is_not_caldav(demo_db, tmp_path, mode, monkeypatch):
    """An HTML error page or an empty 207 at the CalDAV address ended in lxml's XMLSyntaxError or an
    AttributeError inside the caldav library; now one message, exit 2, the password never shown."""
    shutil.copy(demo_db, tmp_path / "team.db")
    monkeypatch.setenv("ONCALL_CALDAV_PASSWORD", PASSWORD)
    with _NotCalDav(mode) as server:
        code, out, err = run_cli(["publish", "--db", "team.db", "--caldav", server.url, "--user", "lead"], tmp_path)
    assert code == 2 and server.url in err and PASSWORD not in out + err


@pytest.mark.parametrize("action", [["invite", "nobody"], ["create", "member", "nobody"], ["revoke", "5"], ["list"]])
def test_regression_feeds_on_a_missing_database_creates_nothing(tmp_path, action):
    """`feeds --db typo.db invite nobody` refused the member but left a new empty team database behind."""
    code, _, err = run_cli(["feeds", "--db", "typo.db", *action], tmp_path)
    assert code == 2 and "no database file here" in err and not list(tmp_path.iterdir())


@pytest.mark.parametrize("out", [[], ["--png", "q.png"], ["--svg", "q.svg"]])
def test_regression_qr_of_a_link_too_long(tmp_path, out):
    """`feeds qr` of a 5,000-character link ended in segno's DataOverflowError (exit 1, a traceback)."""
    code, _, err = run_cli(["feeds", "qr", "https://cal.example.com/" + "a" * 5000, *out], tmp_path)
    assert code == 2 and "too long for a QR code" in err and not list(tmp_path.iterdir())


def test_regression_a_password_written_into_a_link_is_never_printed(demo_db, tmp_path):
    """`feeds check http://user:pw@host/...` printed the password back; `feeds invite --link` with one
    put it into the invitation. The probe's output hides it and the invitation refuses such a link."""
    shutil.copy(demo_db, tmp_path / "team.db")
    port = _closed_port()
    code, out, err = run_cli(["feeds", "--db", "team.db", "check", f"http://lead:{PASSWORD}@127.0.0.1:{port}/feeds/x.ics",
                              "--timeout", "2"], tmp_path, codes=(1,))
    assert PASSWORD not in out + err and "(hidden)@127.0.0.1" in out + err
    code, out, err = run_cli(["feeds", "--db", "team.db", "invite", "alice", "--link",
                              f"https://lead:{PASSWORD}@cal.example.com/feeds/abc.ics"], tmp_path)
    assert code == 2 and PASSWORD not in out + err and "user name or password" in err


def test_regression_an_address_too_long_to_store_is_refused_before_the_action(demo_db, tmp_path):
    """`feeds --base-url <5,000 characters> invite alice` created alice's feed, then could not store the
    address (the setting holds 2,000 characters): exit 2 with the database changed. The address
    check refuses it first now."""
    shutil.copy(demo_db, tmp_path / "team.db")
    code, _, err = run_cli(["feeds", "--db", "team.db", "--base-url", "https://cal.example.com/" + "a" * 5000,
                            "invite", "alice"], tmp_path)
    assert code == 2 and "too long" in err


@pytest.mark.parametrize("where,key", [("schedule", "shifts"), ("shift", "users"), ("shift", "rolling_users"),
                                       ("shift", "by_day")])
def test_regression_grafana_lists_that_are_numbers(tmp_path, where, key):
    """Found by the long run: a number where Grafana OnCall has a list ("shifts": 7, "by_day": 0 ...)
    ended in TypeError: 'int' object is not iterable; now an error naming the path."""
    schedule = _load("grafana", "follow-the-sun-schedule.json")
    shifts = _load("grafana", "follow-the-sun-shifts.json")
    if where == "schedule":
        schedule[key] = 7
    else:
        shifts["results"][0].update({key: 7, "type": "rolling_users" if key != "users" else "single_event"})
    (tmp_path / "s.json").write_text(json.dumps(schedule), encoding="utf-8")
    (tmp_path / "sh.json").write_text(json.dumps(shifts), encoding="utf-8")
    code, _, err = run_cli(["import-schedule", "--from", "grafana", "s.json", "--shifts", "sh.json"], tmp_path)
    assert code == 2 and f"{key}: expected a list" in err
