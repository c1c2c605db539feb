"""Fetch one feed through the public address (HEAD), as a subscriber's calendar would.

Reports the HTTP status, whether TLS was used (version, cipher, certificate checked) and the
response time, so a lead learns that a link works before sending it to the team. The
secret part of a link never appears in the report (:func:`redact`).
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

_USERINFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@")
# The end of the URL, or just before a final newline: a redaction that matches more hides more.
_SECRET = re.compile(r"(?:/feeds/[^/?#]+\.ics|/[A-Za-z0-9_-]{32}\.ics)(?=\n?\Z)")
USER_AGENT = "oncall-feed-check/1"


@dataclass(frozen=True)
class ProbeResult:
    url: str  # with the secret redacted
    status: int | None  # None: no HTTP answer at all
    reason: str
    tls: str | None  # "TLSv1.3, TLS_AES_256_GCM_SHA384, certificate verified"; None over http
    seconds: float
    content_type: str | None
    error: str | None  # why there was no answer (DNS, refused, timeout, certificate)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.content_type is not None and "text/calendar" in self.content_type

    def text(self) -> str:
        ms = f"{self.seconds * 1000:.0f} ms"
        if self.status is None:
            return f"{self.url}: no answer after {ms}: {self.error}"
        tls = f"TLS: {self.tls}" if self.tls else "no TLS (plain http)"
        verdict = "a calendar feed" if self.ok else _meaning(self.status)
        return f"{self.url}: HTTP {self.status} {self.reason} ({verdict}); {tls}; {ms}"


def _meaning(status: int) -> str:
    if status == 404:
        return "the server answers, but this link is unknown, revoked or for a removed member"
    if status in (301, 302, 307, 308):
        return "redirected: calendars may not follow it; use the final address"
    if status in (401, 403):
        return "refused: the proxy in front asks for a login calendars cannot give"
    if status >= 500:
        return "the server or the proxy in front of it failed"
    return "not a calendar feed"


def redact(url: str) -> str:
    """``https://cal.example.com/feeds/<secret>.ics`` -> ``.../feeds/(secret).ics``; a password
    written into the address (``https://user:pw@host/``) is hidden too."""
    url = _USERINFO.sub(lambda m: m.group(1) + "(hidden)@", url)
    return _SECRET.sub(lambda m: m.group(0)[: m.group(0).rfind("/") + 1] + "(secret).ics", url)


def probe(url: str, *, timeout: float = 10.0, cafile: str | None = None) -> ProbeResult:
    """HEAD ``url`` once (no redirects followed) and report what came back."""
    parts = urlsplit(url)
    shown = redact(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ProbeResult(shown, None, "", None, 0.0, None, "not an http(s) link")
    path = parts.path or "/"
    started = time.perf_counter()
    conn: http.client.HTTPConnection
    try:
        if parts.scheme == "https":
            context = ssl.create_default_context(cafile=cafile)
            conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            conn.request("HEAD", path, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar"})
            tls = None
            if isinstance(conn.sock, ssl.SSLSocket):  # read now: a closing server drops the socket
                cipher = conn.sock.cipher()
                tls = f"{conn.sock.version()}, {cipher[0] if cipher else '?'}, certificate verified"
            response = conn.getresponse()
            result = ProbeResult(shown, response.status, response.reason, tls, time.perf_counter() - started,
                                 response.getheader("Content-Type"), None)
            response.read()
            return result
        finally:
            conn.close()
    except ssl.SSLCertVerificationError as exc:
        error = f"TLS certificate not accepted ({exc.verify_message or exc.reason}); calendars will refuse it too"
    except ssl.SSLError as exc:
        error = f"TLS failed ({exc.reason or exc})"
    except socket.gaierror:
        error = f"the host name {parts.hostname!r} does not resolve"
    except ConnectionRefusedError:
        error = f"connection refused by {parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    except (TimeoutError, socket.timeout):
        error = f"no answer within {timeout:g} s"
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
    return ProbeResult(shown, None, "", None, time.perf_counter() - started, None, error)
