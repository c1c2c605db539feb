"""The team's public feed address: checked (pure), stored in the database, tested for real.

The probe runs against the real feed server on loopback, and through a real TLS reverse
proxy (a self-signed certificate made with openssl) for the TLS report.
"""

from __future__ import annotations

import http.client
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

from oncall.cli.main import main
from oncall.feeds.address import ERROR, OK, WARNING, check_address
from oncall.feeds.probe import probe, redact
from oncall.feeds.server import FeedServer, ServerSettings
from oncall.feeds.source import DatabaseFeedSource
from oncall.services import feeds as feed_service
from oncall.services.feed_links import links_for
from oncall.storage import open_database


@pytest.mark.parametrize("url, level, words", [
    ("https://cal.example.com", OK, ""),
    ("https://cal.example.com/oncall/", OK, ""),
    ("https://93.184.216.34:8443", OK, ""),
    ("http://cal.example.com", WARNING, "clear text"),
    ("http://127.0.0.1:8642", WARNING, "only this computer can reach it; Google Calendar and phones cannot"),
    ("https://localhost", WARNING, "only this computer"),
    ("http://[::1]:8642", WARNING, "only this computer"),
    ("https://192.168.1.20", WARNING, "private network"),
    ("https://10.0.0.5", WARNING, "private network"),
    ("https://172.20.3.4", WARNING, "private network"),
    ("https://100.64.1.1", WARNING, "private network"),
    ("https://[fd00::1]", WARNING, "private network"),
    ("https://oncall-box", WARNING, "private network"),
    ("https://printer.local", WARNING, "private network"),
    ("https://cal.corp.internal", WARNING, "private network"),
    ("ftp://cal.example.com", ERROR, "not an http(s) address"),
    ("cal.example.com", ERROR, "not an http(s) address"),
    ("https://", ERROR, "no host name"),
    ("https://cal.example.com:99999", ERROR, "port"),
    ("https://cal.example.com/?a=1", ERROR, "query"),
    ("https://cal example.com", ERROR, "spaces"),
    ("https://user:pw@cal.example.com", ERROR, "password"),
    ("https://bad_host!.com", ERROR, "host name"),
    ("", ERROR, "no address"),
])
def test_address_checks(url, level, words):
    check = check_address(url)
    assert check.level == level, check
    assert words in " ".join(check.messages)
    assert (check.base_url is None) == (level == ERROR)


def test_links_https_or_why_not():
    good = links_for("https://cal.example.com/oncall/", "s3cret")
    assert good.https == "https://cal.example.com/oncall/feeds/s3cret.ics"
    assert good.webcal == "webcal://cal.example.com/oncall/feeds/s3cret.ics" and good.why_no_https is None
    local = links_for("http://127.0.0.1:8642", "s3cret")
    assert local.https is None and "plain http" in local.why_no_https and "loopback" in local.why_no_https
    assert local.plain == "http://127.0.0.1:8642/feeds/s3cret.ics"
    assert local.webcal == "webcal://127.0.0.1:8642/feeds/s3cret.ics"
    assert "only this computer" in " ".join(local.warnings)
    with pytest.raises(ValueError):
        links_for("gopher://x", "s")


def test_public_address_is_a_team_setting_in_the_database(tmp_path):
    path = str(tmp_path / "team.db")
    with open_database(path, demo_if_new=True) as db:
        assert feed_service.public_address(db) is None
        counter = db.change_counter()
        check = feed_service.set_public_address(db, "https://cal.example.com/", user="lead")
        assert check.level == OK and db.change_counter() == counter + 1
        assert db.audit_log(1)[0].entity == "setting"
        with pytest.raises(feed_service.FeedServiceError, match="refused"):
            feed_service.set_public_address(db, "ftp://nope")
        issued = feed_service.create_feed(db, "member", "alice")
        assert issued.links.https.startswith("https://cal.example.com/feeds/")
    with open_database(path) as db:  # another process, another lead: the same address
        assert feed_service.public_address(db) == "https://cal.example.com"


def test_feeds_base_url_sets_shows_and_refuses(tmp_path, capsys):
    db = str(tmp_path / "team.db")
    open_database(db, demo_if_new=True).close()
    assert main(["feeds", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "No public feed address set" in out and "only this computer" in err
    assert main(["feeds", "--db", db, "--base-url", "http://cal.example.com"]) == 0
    out, err = capsys.readouterr()
    assert "set to http://cal.example.com" in out and "clear text" in err
    assert main(["feeds", "--db", db, "--base-url", "cal.example.com/x y"]) == 2
    assert "refused" in capsys.readouterr().err
    assert main(["feeds", "--db", db]) == 0
    assert "Public feed address: http://cal.example.com" in capsys.readouterr().out


def test_serve_refuses_a_malformed_public_url_and_leaves_the_address(tmp_path, capsys):
    db = str(tmp_path / "team.db")
    open_database(db, demo_if_new=True).close()
    assert main(["serve", "--db", db, "--port", "0", "--public-url", "webcal//oops"]) == 2
    assert "public feed address refused" in capsys.readouterr().err
    with open_database(db) as opened:
        assert feed_service.public_address(opened) is None


@pytest.fixture
def served(tmp_path):
    db = open_database(str(tmp_path / "team.db"), demo_if_new=True)
    server = FeedServer(DatabaseFeedSource(db), ServerSettings(port=0)).start()
    yield db, server
    server.stop()
    db.close()


def test_check_fetches_a_real_feed_through_the_address(served, capsys):
    db, server = served
    feed_service.set_public_address(db, server.base_url)
    issued = feed_service.create_feed(db, "member", "alice")
    result = probe(issued.links.plain)
    assert result.ok and result.status == 200 and result.tls is None and 0 < result.seconds < 10
    assert "(secret).ics" in result.text() and issued.links.plain.split("/")[-1] not in result.text()
    db_arg = db.url
    assert main(["feeds", "--db", db_arg, "check", issued.links.plain]) == 0
    out = capsys.readouterr().out
    assert "HTTP 200 OK (a calendar feed); no TLS (plain http)" in out and " ms" in out
    assert main(["feeds", "--db", db_arg, "check"]) == 0  # a random link: 404, but the server is reached
    out = capsys.readouterr().out
    assert "HTTP 404" in out and "reaches a server" in out


def test_check_reports_an_unreachable_address(tmp_path, capsys):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = str(tmp_path / "team.db")
    open_database(db, demo_if_new=True).close()
    assert main(["feeds", "--db", db, "--base-url", f"http://127.0.0.1:{port}", "check"]) == 1
    assert "no answer" in capsys.readouterr().out and "refused" in probe(f"http://127.0.0.1:{port}/x").error


def test_redact_hides_secrets():
    assert redact("https://c.example.com/feeds/AbC_123-xyz.ics") == "https://c.example.com/feeds/(secret).ics"
    assert redact("https://f.example.com/o/" + "a" * 32 + ".ics") == "https://f.example.com/o/(secret).ics"


class _Proxy(http.server.BaseHTTPRequestHandler):
    """A minimal TLS-terminating reverse proxy for HEAD, as nginx would be in production."""

    upstream: tuple[str, int]

    def do_HEAD(self):  # noqa: N802 - http.server API
        conn = http.client.HTTPConnection(*self.upstream, timeout=5)
        conn.request("HEAD", self.path)
        answer = conn.getresponse()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in ("server", "date", "connection"):
                self.send_header(name, value)
        self.end_headers()
        conn.close()

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_tls_is_reported_through_a_reverse_proxy(served, tmp_path, capsys):
    db, server = served
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    handler = type("Handler", (_Proxy,), {"upstream": ("127.0.0.1", server.port)})
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    proxy.socket = context.wrap_socket(proxy.socket, server_side=True)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"https://localhost:{proxy.server_address[1]}"
        issued = feed_service.create_feed(db, "team", None, base_url=base)
        assert issued.links.https.startswith(base)
        untrusted = probe(issued.links.https)
        assert untrusted.status is None and "certificate not accepted" in untrusted.error
        trusted = probe(issued.links.https, cafile=str(cert))
        assert trusted.ok and trusted.tls.startswith("TLSv1.") and "certificate verified" in trusted.tls
        assert main(["feeds", "--db", db.url, "--base-url", base, "check", issued.links.https,
                     "--cafile", str(cert)]) == 0
        assert "TLS: TLSv1." in capsys.readouterr().out
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(5)


def test_recipe_publish_to_a_static_host_and_check_a_link(tmp_path, capsys):
    """docs/operations.md, "A static web host": publish, serve the folder (without the private
    folder), and check a published link through the host's address."""
    import functools
    import re

    db = str(tmp_path / "team.db")
    open_database(db, demo_if_new=True).close()
    site = tmp_path / "site"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/oncall"
    assert main(["publish", str(site / "oncall"), "--db", db, "--base-url", base, "--days-ahead", "30"]) == 0
    index = (site / "oncall" / ".oncall-publish" / "index.html").read_text()
    link = re.search(rf'href="({re.escape(base)}/[A-Za-z0-9_-]{{32}}\.ics)"', index).group(1)
    shutil.rmtree(site / "oncall" / ".oncall-publish")  # the recipe uploads everything but this folder
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    host = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=host.serve_forever, daemon=True)
    thread.start()
    try:
        capsys.readouterr()
        assert main(["feeds", "--db", db, "check", link]) == 0
        assert "HTTP 200 OK (a calendar feed)" in capsys.readouterr().out
    finally:
        host.shutdown()
        host.server_close()
        thread.join(5)


def test_serve_public_url_is_stored_and_announced(tmp_path):
    import os
    import signal
    import sys
    import time

    db = str(tmp_path / "team.db")
    open_database(db, demo_if_new=True).close()
    proc = subprocess.Popen([sys.executable, "-m", "oncall", "serve", "--db", db, "--port", "0", "--quiet",
                             "--public-url", "http://cal.example.com"],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            lines.append(line)
            if "Feed links use the public address" in line or not line:
                break
        text = "".join(lines)
        assert "Feed links use the public address http://cal.example.com" in text, text
        assert "clear text" in text, "the clear-text warning is shown at start-up"
    finally:
        proc.send_signal(signal.SIGTERM)
        rest = proc.communicate(timeout=20)[1]
    assert "Traceback" not in rest
    with open_database(db) as opened:
        assert feed_service.public_address(opened) == "http://cal.example.com"
