"""The feed server against a tester's attacks, over real HTTP on loopback and a real database.

Regressions: a revoked token kept working for up to the counter's poll interval; each lookup
hashed against every active token; a couple of hundred idle sockets kept real clients out;
``/feeds/<token>.ics%0A`` was served (``$`` matches before a trailing newline).
"""

from __future__ import annotations

import http.client
import socket
from contextlib import ExitStack

import pytest
from sqlalchemy import event

from oncall.cli.main import main
from oncall.feeds.server import MAX_CONNECTIONS, FeedServer, ServerSettings
from oncall.feeds.source import DatabaseFeedSource
from oncall.storage import open_database
from oncall.storage.feed_tokens import hash_secret

NEVER = 3600.0  # poll the change counter at most hourly: only per-request checks can see a revoke


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "team.db")


@pytest.fixture
def db(db_path):
    database = open_database(db_path, demo_if_new=True)
    yield database
    database.close()


def _serve(db, **settings) -> FeedServer:
    return FeedServer(DatabaseFeedSource(db), ServerSettings(port=0, flush_interval=NEVER, **settings)).start()


def get(srv: FeedServer, path: str, timeout: float = 30.0) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def test_revoking_from_another_process_takes_effect_on_the_next_request(db, db_path, capsys):
    token, secret = db.feed_tokens.create("member", "alice")
    srv = _serve(db, poll_interval=NEVER)
    try:
        path = f"/feeds/{secret}.ics"
        assert get(srv, path) == 200
        assert main(["feeds", "revoke", str(token.id), "--db", db_path]) == 0  # its own connection
        assert "answers its link with 404 from now on" in capsys.readouterr().out
        assert get(srv, path) == 404
    finally:
        srv.stop()


def test_rotating_retires_the_old_link_at_once(db, db_path, capsys):
    token, secret = db.feed_tokens.create("team", None)
    srv = _serve(db, poll_interval=NEVER)
    try:
        assert get(srv, f"/feeds/{secret}.ics") == 200
        with open_database(db_path, create=False) as other:
            new_secret = other.feed_tokens.rotate(token.id)
        assert get(srv, f"/feeds/{secret}.ics") == 404
        assert get(srv, f"/feeds/{new_secret}.ics") == 200
    finally:
        srv.stop()


def test_a_token_is_found_by_its_hash_in_one_indexed_query(db):
    for n in range(300):
        db.feed_tokens.create("member", "alice", f"phone {n}")
    token, secret = db.feed_tokens.create("site", "syd")
    statements: list[tuple[str, tuple]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        if "feed_tokens" in statement:
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        found = db.feed_tokens.lookup(secret)
        missing = db.feed_tokens.lookup("x" * 32)
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    assert found is not None and found.id == token.id and missing is None
    assert len(statements) == 2  # one query per lookup, whatever the number of tokens
    sql, params = statements[0]
    assert "secret_sha256 = ?" in sql and hash_secret(secret) in params
    with db.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING INDEX" in plan and "secret_sha256=?" in plan  # a search, not a scan


def test_the_servers_per_request_check_is_the_same_indexed_probe(db):
    from oncall.storage.feed_tokens import _active_query

    for n in range(300):
        db.feed_tokens.create("member", "alice", f"phone {n}")
    token, secret = db.feed_tokens.create("site", "syd", "desk")
    assert db.feed_tokens.active(secret) == (token.id, "site", "syd", "desk")
    assert db.feed_tokens.active("x" * 32) is None
    sql, params = _active_query("qmark", hash_secret(secret))
    with db.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING INDEX" in plan and "secret_sha256=?" in plan
    db.feed_tokens.revoke(token.id)
    assert db.feed_tokens.active(secret) is None


@pytest.mark.postgres
def test_revocation_is_immediate_on_postgres(pg_url):
    database = open_database(pg_url, demo_if_new=True)
    try:
        token, secret = database.feed_tokens.create("team", None, "pg")
        assert database.feed_tokens.active(secret) == (token.id, "team", None, "pg")
        srv = _serve(database, poll_interval=NEVER)
        try:
            assert get(srv, f"/feeds/{secret}.ics") == 200
            with open_database(pg_url, create=False) as other:
                other.feed_tokens.revoke(token.id)
            assert get(srv, f"/feeds/{secret}.ics") == 404
        finally:
            srv.stop()
    finally:
        database.close()


@pytest.mark.parametrize("suffix", ["%0A", "%0D%0A", "%0A%0A", "%00", "/", ".ics"])
def test_a_feed_path_with_anything_after_ics_is_404(db, suffix):
    _, secret = db.feed_tokens.create("team", None)
    srv = _serve(db, poll_interval=0)
    try:
        assert get(srv, f"/feeds/{secret}.ics") == 200
        assert get(srv, f"/feeds/{secret}.ics{suffix}") == 404
        assert get(srv, f"/feeds/{secret}%0A.ics") == 404
    finally:
        srv.stop()


def _idle_sockets(stack: ExitStack, port: int, count: int) -> None:
    """``count`` connections that never finish a request: half send nothing, half half a line."""
    for n in range(count):
        sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
        if n % 2:
            sock.sendall(b"GET /feeds/")


def test_hundreds_of_idle_connections_do_not_keep_a_client_out(db):
    _, secret = db.feed_tokens.create("team", None)
    srv = _serve(db, poll_interval=0)
    try:
        with ExitStack() as stack:
            _idle_sockets(stack, srv.port, 250)  # more than the old limit of 200
            assert get(srv, f"/feeds/{secret}.ics", timeout=20) == 200
    finally:
        srv.stop()
    assert MAX_CONNECTIONS >= 1000


def test_idle_connections_beyond_the_limit_are_cut_and_a_client_gets_in(db):
    _, secret = db.feed_tokens.create("team", None)
    srv = _serve(db, poll_interval=0, connection_limit=16, channel_timeout=1)
    try:
        with ExitStack() as stack:
            _idle_sockets(stack, srv.port, 40)  # fills every slot, and the backlog
            assert get(srv, f"/feeds/{secret}.ics", timeout=60) == 200
    finally:
        srv.stop()


def test_ids_and_published_names_with_a_trailing_newline_are_refused():
    from oncall.core.model import ID_PATTERN
    from oncall.export.handoff_ref import HandoffRefError, parse_ref
    from oncall.feeds.publish import _PUBLISHED

    assert ID_PATTERN.match("alice") and ID_PATTERN.fullmatch("alice")
    assert ID_PATTERN.match("alice\n") is None and ID_PATTERN.fullmatch("alice\n") is None
    assert _PUBLISHED.fullmatch("a" * 32 + ".ics") and not _PUBLISHED.fullmatch("a" * 32 + ".ics\n")
    with pytest.raises(HandoffRefError):
        parse_ref("alice:bob@2026-03-09T06:30Z\nextra")


def _multiline(node) -> bool:
    """A line-by-line pattern (re.M): there ``$`` means end of line, as intended."""
    flags = " ".join(ast_unparse(a) for a in [*node.args[1:], *(k.value for k in node.keywords)])
    return "re.M" in flags or "MULTILINE" in flags


def ast_unparse(node) -> str:
    import ast

    return ast.unparse(node)


def test_no_pattern_in_the_tree_ends_in_a_dollar():
    """``$`` also matches before a final newline; validations use fullmatch (or ``\\Z``)."""
    import ast
    from pathlib import Path

    import oncall

    allowed: set[tuple[str, int]] = set()  # none: even redactions say (?=\n?\Z) when they mean it
    found = []
    root = Path(oncall.__file__).parent
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("compile", "match", "fullmatch")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and node.args[0].value.endswith("$") and not _multiline(node)):
                where = (str(path.relative_to(root)), node.lineno)
                if where not in allowed:
                    found.append(where)
    assert found == []
