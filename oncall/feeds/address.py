"""The team's public feed address, checked before anyone hands out a link built from it.

A feed link is only useful if the subscriber's calendar can reach it: Google Calendar
fetches from Google's servers and a phone from wherever it is, so a loopback or private
address works on this computer (or network) alone. A plain ``http://`` address on a public
host sends the secret link and the whole schedule in clear text. This module says so, as a
pure function of the URL (no DNS, no network: the "Test" button does the fetching).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

OK, WARNING, ERROR = "ok", "warning", "error"

LOOPBACK = ("only this computer can reach it; Google Calendar and phones cannot. "
            "Set the address people reach the server at, e.g. https://cal.example.com.")
PRIVATE = ("it is a private network address: only devices on that network can reach it; "
           "Google Calendar and phones on mobile data cannot.")
CLEAR_TEXT = ("http:// sends each secret link and the schedule in clear text over the internet; "
              "put a TLS reverse proxy in front of `oncall serve` and use https://.")
# Host names that never resolve on the public internet (RFC 6761, RFC 8375, common LAN suffixes).
_PRIVATE_SUFFIXES = (".local", ".lan", ".internal", ".intranet", ".home.arpa", ".corp", ".home")

MAX_ADDRESS = 1000  # a base address plus /feeds/<secret>.ics still fits a QR code and the 2000-character setting


@dataclass(frozen=True)
class AddressCheck:
    """The verdict on a public address: ``level`` is ok, warning or error, ``messages`` say
    why; ``base_url`` is the normalised address (no trailing slash), None when unusable."""

    url: str
    level: str
    messages: tuple[str, ...]
    base_url: str | None
    reach: str  # public | private | loopback | unknown

    @property
    def usable(self) -> bool:
        return self.level != ERROR

    @property
    def https(self) -> bool:
        return self.base_url is not None and self.base_url.startswith("https://")

    def text(self) -> str:
        if self.level == OK:
            return f"{self.base_url}: reachable form (https, public host)"
        return f"{self.url or '(empty)'}: {self.level}: " + " ".join(self.messages)


def check_address(url: str) -> AddressCheck:
    """Check a public feed address. Malformed -> error; loopback or private host -> warning;
    http:// on a public host -> warning; https:// on a public host -> ok."""
    raw = url.strip()
    problem = _malformed(raw)
    if problem:
        return AddressCheck(raw, ERROR, (problem,), None, "unknown")
    parts = urlsplit(raw)
    base = raw.rstrip("/")
    reach = host_reach(parts.hostname or "")
    messages: list[str] = []
    if reach == "loopback":
        messages.append(LOOPBACK)
    elif reach == "private":
        messages.append(PRIVATE)
    elif parts.scheme == "http":
        messages.append(CLEAR_TEXT)
    return AddressCheck(raw, WARNING if messages else OK, tuple(messages), base, reach)


def _malformed(raw: str) -> str | None:
    if not raw:
        return "no address given (e.g. https://cal.example.com)"
    if any(c.isspace() for c in raw) or any(ord(c) < 32 for c in raw):
        return f"an address has no spaces or control characters: {raw!r}"
    if len(raw) > MAX_ADDRESS:
        return f"an address of {len(raw)} characters is too long (at most {MAX_ADDRESS})"
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https"):
        return f"not an http(s) address: {raw!r} (e.g. https://cal.example.com)"
    if not parts.netloc or not parts.hostname:
        return f"no host name in {raw!r} (e.g. https://cal.example.com)"
    if parts.username or parts.password:
        return "an address with a user name or password would put it in every link; leave it out"
    if parts.query or parts.fragment:
        return f"a base address has no query or fragment: {raw!r}"
    try:
        parts.port
    except ValueError:
        return f"not a valid port in {raw!r}"
    host = parts.hostname
    if not _is_ip(host) and not all(_label_ok(label) for label in host.rstrip(".").split(".")):
        return f"not a valid host name: {host!r}"
    return None


def _label_ok(label: str) -> bool:
    return 0 < len(label) <= 63 and all(c.isalnum() or c == "-" for c in label) \
        and not label.startswith("-") and not label.endswith("-")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def host_reach(host: str) -> str:
    """Who can reach ``host``: loopback, private (a LAN, link-local or reserved address, a
    single-label or LAN-only name) or public. Pure: names are judged by their form."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return "loopback"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if "." not in host or host.endswith(_PRIVATE_SUFFIXES):
            return "private"
        return "public"
    if ip.is_loopback or ip.is_unspecified:
        return "loopback"
    if ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or not ip.is_global:
        return "private"
    return "public"
