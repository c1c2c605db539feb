"""The feed server over real HTTP on loopback, backed by a real SQLite database."""

from __future__ import annotations

import http.client
import logging
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.utils import format_datetime, parsedate_to_datetime

import icalendar
import pytest

from oncall.core.demo import utc
from oncall.core.model import Override
from oncall.feeds.server import FeedServer, ServerSettings
from oncall.feeds.source import DatabaseFeedSource
from oncall.storage import open_database


@pytest.fixture
def db(tmp_path):
    database = open_database(str(tmp_path / "team.db"), demo_if_new=True)
    yield database
    database.close()


@pytest.fixture
def server(db):
    srv = FeedServer(DatabaseFeedSource(db), ServerSettings(port=0, poll_interval=0, flush_interval=3600)).start()
    yield srv
    srv.stop()


def request(srv, method, path, headers=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_binds_to_loopback_by_default():
    assert ServerSettings().host == "127.0.0.1" and ServerSettings().port == 8642


def test_get_serves_the_calendar_with_strong_etag_and_last_modified(db, server):
    _, secret = db.feed_tokens.create("member", "alice", "test")
    status, headers, body = request(server, "GET", f"/feeds/{secret}.ics")
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["etag"].startswith('"') and not headers["etag"].startswith("W/")
    assert int(headers["content-length"]) == len(body)
    assert parsedate_to_datetime(headers["last-modified"]) is not None
    cal = icalendar.Calendar.from_ical(body)
    assert str(cal["X-WR-CALNAME"]) == "Payments SRE on call: Alice Chen"


def test_conditional_requests_compare_for_real_and_if_none_match_wins(db, server):
    _, secret = db.feed_tokens.create("team", None)
    path = f"/feeds/{secret}.ics"
    _, h, _ = request(server, "GET", path)
    etag, modified = h["etag"], h["last-modified"]
    assert request(server, "GET", path, {"If-None-Match": etag})[0] == 304
    assert request(server, "GET", path, {"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert request(server, "GET", path, {"If-None-Match": "*"})[0] == 304
    status, h304, body = request(server, "GET", path, {"If-None-Match": etag})
    assert body == b"" and h304["etag"] == etag
    assert request(server, "GET", path, {"If-None-Match": '"stale"'})[0] == 200
    # If-None-Match present: If-Modified-Since is ignored even though it would say "not modified".
    future = format_datetime(parsedate_to_datetime(modified) + timedelta(days=1), usegmt=True)
    assert request(server, "GET", path, {"If-None-Match": '"stale"', "If-Modified-Since": future})[0] == 200
    assert request(server, "GET", path, {"If-Modified-Since": modified})[0] == 304
    past = format_datetime(parsedate_to_datetime(modified) - timedelta(seconds=1), usegmt=True)
    assert request(server, "GET", path, {"If-Modified-Since": past})[0] == 200
    assert request(server, "GET", path, {"If-Modified-Since": "not a date"})[0] == 200


def test_head_has_the_headers_and_no_body(db, server):
    _, secret = db.feed_tokens.create("site", "syd")
    _, get_headers, body = request(server, "GET", f"/feeds/{secret}.ics")
    status, headers, head_body = request(server, "HEAD", f"/feeds/{secret}.ics")
    assert status == 200 and head_body == b""
    assert headers["etag"] == get_headers["etag"] and int(headers["content-length"]) == len(body)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_get_405_on_any_path(db, server, method):
    _, secret = db.feed_tokens.create("team", None)
    for path in (f"/feeds/{secret}.ics", "/nothing"):
        status, headers, _ = request(server, method, path)
        assert status == 405 and headers["allow"] == "GET, HEAD"


def test_unknown_revoked_and_odd_paths_all_get_the_same_404(db, server):
    token, secret = db.feed_tokens.create("member", "bob")
    assert request(server, "GET", f"/feeds/{secret}.ics")[0] == 200
    db.feed_tokens.revoke(token.id)
    paths = [
        f"/feeds/{secret}.ics",  # revoked
        "/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",  # unknown
        f"/feeds/{secret}",
        f"/feeds/{secret}.ics?x=1",
        "/feeds/../team.db",
        "/feeds/..%2F..%2Fetc%2Fpasswd.ics",
        "/feeds/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
        "/",
        "/feeds/" + "A" * 2000 + ".ics",
    ]
    answers = {request(server, "GET", p)[::2] for p in paths}
    assert answers == {(404, b"Not found.\n")}


def test_rotation_retires_the_old_url(db, server):
    token, old = db.feed_tokens.create("member", "carol")
    new = db.feed_tokens.rotate(token.id)
    assert request(server, "GET", f"/feeds/{old}.ics")[0] == 404
    assert request(server, "GET", f"/feeds/{new}.ics")[0] == 200


def test_a_feed_for_a_removed_member_is_404(db, server):
    _, secret = db.feed_tokens.create("member", "frank")
    assert request(server, "GET", f"/feeds/{secret}.ics")[0] == 200
    team = db.load_team()
    legs = tuple(leg.__class__(**{**leg.__dict__, "rotation": tuple(r for r in leg.rotation if r != "frank")})
                 for leg in team.legs)
    db.replace_team(team.evolve(members=tuple(m for m in team.members if m.id != "frank"), legs=legs))
    assert request(server, "GET", f"/feeds/{secret}.ics")[0] == 404


def test_oversized_requests_are_refused(db, server):
    _, secret = db.feed_tokens.create("team", None)
    status, _, _ = request(server, "GET", f"/feeds/{secret}.ics", {"X-Big": "x" * 40_000})
    assert status in (400, 431)
    status, _, _ = request(server, "GET", f"/feeds/{secret}.ics", body=b"x" * 10_000)
    assert status == 413
    # The server still answers normally afterwards.
    assert request(server, "GET", f"/feeds/{secret}.ics")[0] == 200


def test_a_team_change_regenerates_and_last_modified_never_moves_back(db, server):
    _, secret = db.feed_tokens.create("member", "erin")
    path = f"/feeds/{secret}.ics"
    _, first, _ = request(server, "GET", path)
    generations = server.cache.generations
    request(server, "GET", path)
    assert server.cache.generations == generations, "cached: no schedule computation per request"
    base = db.load()
    t = base.team
    start = utc(2026, 12, 30, 15)
    db.save(t.evolve(overrides=t.overrides + (Override("erin", start, start + timedelta(hours=4)),)), base)
    _, second, _ = request(server, "GET", path)
    assert second["etag"] != first["etag"]
    assert parsedate_to_datetime(second["last-modified"]) >= parsedate_to_datetime(first["last-modified"])
    assert server.cache.generations == generations + 1


def test_access_log_has_no_secret_and_last_access_is_recorded(db, caplog):
    token, secret = db.feed_tokens.create("member", "dan")
    srv = FeedServer(DatabaseFeedSource(db), ServerSettings(port=0, poll_interval=0)).start()
    try:
        with caplog.at_level(logging.INFO, logger="oncall.feeds"):
            request(srv, "GET", f"/feeds/{secret}.ics")
            request(srv, "GET", f"/feeds/{secret[:-1]}x.ics")
    finally:
        srv.stop()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("oncall.feeds")]
    assert any("member-dan" in line and f"token=#{token.id}" in line for line in lines)
    assert all(secret not in line and secret[:-1] not in line for line in lines)
    assert db.feed_tokens.get(token.id).last_access_at is not None


def test_load_5000_requests_from_a_small_client_pool(db, server):
    _, secret = db.feed_tokens.create("member", "alice")
    path = f"/feeds/{secret}.ics"
    _, headers, _ = request(server, "GET", path)
    etag = headers["etag"]

    def client(n: int) -> list[int]:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        statuses = []
        try:
            for i in range(n):
                conn.request("GET", path, headers={"If-None-Match": etag} if i % 2 else {})
                resp = conn.getresponse()
                resp.read()
                statuses.append(resp.status)
        finally:
            conn.close()
        return statuses

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [s for chunk in pool.map(client, [625] * 8) for s in chunk]
    assert len(results) == 5000
    assert results.count(304) == 8 * 312 and results.count(200) == 8 * 313  # odd i: If-None-Match
    assert server.cache.generations == 1


def test_stop_closes_even_with_an_idle_client_connected(db):
    srv = FeedServer(DatabaseFeedSource(db), ServerSettings(port=0)).start()
    sock = socket.create_connection(("127.0.0.1", srv.port))
    try:
        stopper = threading.Thread(target=srv.stop)
        stopper.start()
        stopper.join(timeout=10)
        assert not stopper.is_alive()
    finally:
        sock.close()
