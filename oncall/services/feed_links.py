"""What a lead hands to each engineer: the feed's links, a QR code and an invitation text.

Links are built from the team's public address. An ``https://`` link is what Google
Calendar's "From URL" box wants and what phones should use; over a plain ``http://`` address
there is no https link, and :class:`FeedLinks` says why instead of mislabelling the http one.
``webcal://`` opens the subscribe dialog of Apple Calendar, Outlook and Thunderbird.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import quote

from oncall.feeds.address import check_address
from oncall.feeds.urls import server_feed_urls

GOOGLE_REFRESH_NOTE = ("Google Calendar refreshes subscribed calendars every 8 to 24 hours and ignores "
                       "the feed's refresh hint; Apple Calendar and Outlook follow it (about hourly).")
QR_FORMATS = ("png", "svg", "text")


@dataclass(frozen=True)
class FeedLinks:
    https: str | None  # None when the public address is plain http (see why_no_https)
    webcal: str
    plain: str  # the http(s) link as served, whatever its scheme
    why_no_https: str | None
    warnings: tuple[str, ...]  # from the public address check (loopback, clear text, ...)


def links_for(base_url: str, secret: str) -> FeedLinks:
    """The links of the feed ``secret`` under ``base_url`` (ValueError if the address is malformed)."""
    check = check_address(base_url)
    if check.base_url is None:
        raise ValueError(check.messages[0])
    urls = server_feed_urls(check.base_url, secret)
    why = None
    if not check.https:
        why = (f"no https link: the public address {check.base_url} is plain http"
               + (" on a loopback address" if check.reach == "loopback" else "")
               + "; set an https:// public address (a TLS reverse proxy in front of `oncall serve`)")
    return FeedLinks(urls.https if check.https else None, urls.webcal, urls.https, why, check.messages)


@dataclass(frozen=True)
class Invitation:
    to: str | None  # the member's e-mail, when the team file has one
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """A ``mailto:`` link that opens the mail program with this invitation filled in."""
        query = f"subject={quote(self.subject)}&body={quote(self.body)}"
        return f"mailto:{quote(self.to or '', safe='@')}?{query}"


def invitation(member_name: str, calendar_title: str, links: FeedLinks, email: str | None = None,
               sender: str | None = None) -> Invitation:
    """The text a lead sends one engineer: their link and how to subscribe in four clients."""
    https = links.https or links.plain
    lines = [
        f"Hi {member_name},",
        "",
        f"Your on-call shifts are in a calendar you can subscribe to: {calendar_title}.",
        "It updates itself when the schedule changes, and reminds you to join each handoff",
        "while the engineer before you is still on call. This link is yours: please do not share it.",
        "",
        f"  {https}",
        "",
        "Google Calendar: on a computer, calendar.google.com > Other calendars > + > From URL;",
        "  paste the link and click Add calendar (the phone app cannot add one).",
        "Outlook: Add calendar > Subscribe from web; paste the link, name it, click Import",
        "  (classic Outlook: Add Calendar > From Internet).",
        "Apple Calendar: on a Mac, File > New Calendar Subscription; on an iPhone, Settings >",
        "  Calendar > Accounts > Add Account > Other > Add Subscribed Calendar; paste the link.",
        "Thunderbird: Calendar > New Calendar > On the Network; paste the link,",
        "  click Find Calendars, then Subscribe.",
        "",
        f"On a phone or Mac, this link opens the subscribe dialog directly: {links.webcal}",
        "",
        f"Note: {GOOGLE_REFRESH_NOTE}",
    ]
    if sender:
        lines += ["", sender]
    return Invitation(email, f"Your on-call calendar: {calendar_title}", "\n".join(lines) + "\n")


def qr_code(link: str, kind: str = "png", *, scale: int = 6) -> bytes:
    """A QR code of ``link`` (give the webcal link: a phone camera then offers to subscribe).

    ``kind`` is png, svg or text (Unicode half blocks for a terminal, UTF-8 bytes). Always
    dark modules on a light quiet zone, also in a dark theme: many scanners read no other.
    """
    import segno

    if kind not in QR_FORMATS:
        raise ValueError(f"QR format must be one of {', '.join(QR_FORMATS)}, not {kind!r}")
    try:
        qr = segno.make(link, error="m")
    except segno.DataOverflowError:
        raise ValueError(f"a link of {len(link)} characters is too long for a QR code") from None
    out = io.BytesIO()
    if kind == "text":
        text = io.StringIO()
        qr.terminal(out=text, compact=True, border=2)
        return text.getvalue().encode("utf-8")
    if kind == "svg":
        qr.save(out, kind="svg", scale=scale, border=4, title="Calendar subscription link")
    else:
        qr.save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def invitation_for(team, issued, sender: str | None = None) -> Invitation:
    """The invitation for a feed just issued (member feeds: addressed to the member)."""
    entry = issued.entry
    if entry.kind == "member" and team.has_member(entry.target):
        member = team.member(entry.target)
        return invitation(member.name, entry.title, issued.links, member.email, sender)
    return invitation("team", entry.title, issued.links, None, sender)
