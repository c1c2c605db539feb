"""Every edit a user can make to a team, as a pure function ``Team -> Team``.

The GUI wraps each in an undo command (redo applies the function, undo restores the previous
value); the CLI can call the same functions. Each function validates what it is given and
raises :class:`EditError` with a message a team lead can act on, so a bad edit never produces
a team the team file or the database would refuse.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import timedelta

from oncall.core import team_rules as rules
from oncall.core.labels import leg_label
from oncall.core.model import Leg, LocalWindow, Member, Override, Site, Team, Unavailability
from oncall.core.span_ids import OVERRIDE_PREFIX, TIME_OFF_PREFIX, new_id


class EditError(ValueError):
    """An edit that would make the team invalid; ``str()`` says what and why."""


# ---------------------------------------------------------------- validation
# The rules themselves live in oncall.core.team_rules, shared with the team-file parser, so a
# file that loads can always be edited and an edit never yields a file that would not load.

_LABELS = {"timezone": "time zone", "working_hours": "working hours", "handoff_overlap": "handoff overlap"}


def _texts(findings: list[rules.Finding]) -> list[str]:
    """The errors as ``label: message`` lines for the editors (warnings do not block an edit)."""
    return [f"{_LABELS.get(f.key, f.key)}: {f.message}" for f in rules.errors(findings)]


def site_problems(team: Team, site: Site, replacing: str | None = None) -> list[str]:
    """What is wrong with ``site`` as a new site (``replacing`` None) or as an edit of one."""
    taken = {s.id for s in team.sites} - {replacing}
    return _texts(rules.site_findings(site, taken))


def member_problems(team: Team, member: Member, replacing: str | None = None) -> list[str]:
    taken = {m.id for m in team.members} - {replacing}
    return _texts(rules.member_findings(member, rules.Known.of(team), taken))


def leg_problems(team: Team, leg: Leg, replacing: str | None = None) -> list[str]:
    taken = {lg.id for lg in team.legs} - {replacing}
    return _texts(rules.leg_findings(leg, rules.Known.of(team), taken))


def span_problems(team: Team, member: str, start, end, other: str | None = None) -> list[str]:
    return _texts(rules.span_findings(member, start, end, rules.Known.of(team), other))


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise EditError("; ".join(problems))


def changed_fields(before, after) -> dict:
    """The fields of a dataclass value that an editor changed, for a patch edit.

    Patches (rather than whole replacement values) let an edit be re-applied on top of
    another writer's version without undoing their changes to other fields.
    """
    return {f.name: getattr(after, f.name) for f in fields(before)
            if getattr(before, f.name) != getattr(after, f.name)}


def patch_site(team: Team, site_id: str, changes: dict) -> Team:
    if not team.has_site(site_id):
        raise EditError(f"unknown site {site_id!r} (another user may have removed it)")
    return update_site(team, site_id, replace(team.site(site_id), **changes))


def patch_member(team: Team, member_id: str, changes: dict) -> Team:
    if not team.has_member(member_id):
        raise EditError(f"unknown member {member_id!r} (another user may have removed them)")
    return update_member(team, member_id, replace(team.member(member_id), **changes))


def patch_leg(team: Team, leg_id: str, changes: dict) -> Team:
    return update_leg(team, leg_id, replace(_leg(team, leg_id), **changes))


# ---------------------------------------------------------------- team


def set_team_settings(team: Team, name: str, handoff_overlap: timedelta) -> Team:
    _raise_if(_texts(rules.team_settings_findings(name, handoff_overlap)))
    return team.evolve(name=name.strip(), handoff_overlap=handoff_overlap)


def patch_team(team: Team, changes: dict) -> Team:
    """Change only the given team settings (``name``, ``handoff_overlap``)."""
    unknown = set(changes) - {"name", "handoff_overlap"}
    if unknown:
        raise EditError(f"not a team setting: {', '.join(sorted(unknown))}")
    return set_team_settings(team, changes.get("name", team.name),
                             changes.get("handoff_overlap", team.handoff_overlap))


# ---------------------------------------------------------------- sites


def add_site(team: Team, site: Site) -> Team:
    _raise_if(site_problems(team, site))
    return team.evolve(sites=team.sites + (site,))


def update_site(team: Team, site_id: str, site: Site) -> Team:
    """Replace site ``site_id`` by ``site``; a new id is carried to its members and legs."""
    if not team.has_site(site_id):
        raise EditError(f"unknown site {site_id!r}")
    _raise_if(site_problems(team, site, replacing=site_id))
    sites = tuple(site if s.id == site_id else s for s in team.sites)
    if site.id == site_id:
        return team.evolve(sites=sites)
    members = tuple(replace(m, site=site.id) if m.site == site_id else m for m in team.members)
    legs = tuple(replace(lg, site=site.id) if lg.site == site_id else lg for lg in team.legs)
    return team.evolve(sites=sites, members=members, legs=legs)


def remove_site(team: Team, site_id: str) -> Team:
    if not team.has_site(site_id):
        raise EditError(f"unknown site {site_id!r}")
    members = [m.name for m in team.members if m.site == site_id]
    legs = [leg_label(team, lg.id) for lg in team.legs if lg.site == site_id]
    if members or legs:
        parts = []
        if members:
            parts.append("members " + ", ".join(members))
        if legs:
            parts.append(("legs " if len(legs) > 1 else "the leg ") + ", ".join(legs))
        raise EditError(f"{team.site(site_id).name} is still used by {' and '.join(parts)}: "
                        "move or remove them first")
    return team.evolve(sites=tuple(s for s in team.sites if s.id != site_id))


# ---------------------------------------------------------------- members


def add_member(team: Team, member: Member) -> Team:
    _raise_if(member_problems(team, member))
    return team.evolve(members=team.members + (member,))


def update_member(team: Team, member_id: str, member: Member) -> Team:
    """Replace a member; a new id is carried to rotations, overrides and time off."""
    if not team.has_member(member_id):
        raise EditError(f"unknown member {member_id!r}")
    _raise_if(member_problems(team, member, replacing=member_id))
    members = tuple(member if m.id == member_id else m for m in team.members)
    if member.id == member_id:
        return team.evolve(members=members)
    new = member.id

    def ren(x: str | None) -> str | None:
        return new if x == member_id else x

    legs = tuple(replace(lg, rotation=tuple(ren(m) for m in lg.rotation)) for lg in team.legs)
    overrides = tuple(replace(o, member=ren(o.member), replaces=ren(o.replaces)) for o in team.overrides)
    off = tuple(replace(u, member=ren(u.member)) for u in team.unavailable)
    return team.evolve(members=members, legs=legs, overrides=overrides, unavailable=off)


def member_removal_effects(team: Team, member_id: str) -> list[str]:
    """What removing a member also removes, for the confirmation question."""
    effects = []
    for lg in team.legs:
        if member_id in lg.rotation:
            effects.append(f"leaves the rotation of {leg_label(team, lg.id)}")
    n_ov = sum(1 for o in team.overrides if member_id in (o.member, o.replaces))
    if n_ov:
        effects.append(f"removes {n_ov} override(s)")
    n_off = sum(1 for u in team.unavailable if u.member == member_id)
    if n_off:
        effects.append(f"removes {n_off} time-off entr{'y' if n_off == 1 else 'ies'}")
    return effects


def remove_member(team: Team, member_id: str) -> Team:
    """Remove a member, their place in rotations, their overrides and time off.

    Refused when they are the only member of a leg's rotation (the leg would have nobody).
    """
    if not team.has_member(member_id):
        raise EditError(f"unknown member {member_id!r}")
    alone = [leg_label(team, lg.id) for lg in team.legs if lg.rotation == (member_id,)]
    if alone:
        raise EditError(f"{team.member(member_id).name} is the only one in the rotation of {' and '.join(alone)}: "
                        "add someone else or remove the leg first")
    return team.evolve(
        members=tuple(m for m in team.members if m.id != member_id),
        legs=tuple(replace(lg, rotation=tuple(m for m in lg.rotation if m != member_id)) for lg in team.legs),
        overrides=tuple(o for o in team.overrides if member_id not in (o.member, o.replaces)),
        unavailable=tuple(u for u in team.unavailable if u.member != member_id),
    )


# ---------------------------------------------------------------- legs


def add_leg(team: Team, leg: Leg) -> Team:
    _raise_if(leg_problems(team, leg))
    return team.evolve(legs=team.legs + (leg,))


def update_leg(team: Team, leg_id: str, leg: Leg) -> Team:
    if leg_id not in {lg.id for lg in team.legs}:
        raise EditError(f"unknown leg {leg_id!r}")
    _raise_if(leg_problems(team, leg, replacing=leg_id))
    return team.evolve(legs=tuple(leg if lg.id == leg_id else lg for lg in team.legs))


def remove_leg(team: Team, leg_id: str) -> Team:
    if leg_id not in {lg.id for lg in team.legs}:
        raise EditError(f"unknown leg {leg_id!r}")
    return team.evolve(legs=tuple(lg for lg in team.legs if lg.id != leg_id),
                       adjustments=tuple(a for a in team.adjustments if a.leg != leg_id))  # they adjust only it


def set_leg_window(team: Team, leg_id: str, window: LocalWindow) -> Team:
    """What dragging a window edge on the band does."""
    leg = _leg(team, leg_id)
    return update_leg(team, leg_id, replace(leg, window=window))


def set_rotation(team: Team, leg_id: str, rotation: tuple[str, ...]) -> Team:
    leg = _leg(team, leg_id)
    return update_leg(team, leg_id, replace(leg, rotation=tuple(rotation)))


def add_to_rotation(team: Team, leg_id: str, member_id: str) -> Team:
    leg = _leg(team, leg_id)
    if member_id in leg.rotation:
        who = team.member(member_id).name if team.has_member(member_id) else repr(member_id)
        raise EditError(f"{who} is already in the rotation of {leg_label(team, leg_id)}")
    return set_rotation(team, leg_id, leg.rotation + (member_id,))


def _leg(team: Team, leg_id: str) -> Leg:
    try:
        return team.leg(leg_id)
    except KeyError:
        raise EditError(f"unknown leg {leg_id!r}") from None


# ---------------------------------------------------------------- overrides and time off


# Overrides and time off are addressed by their stable id (core/span_ids.py), never by their
# row: an edit re-applied after another lead's save (a rebase) then changes the entry it was
# made for, or is reported as no longer applying when that entry is gone.


def _override_at(team: Team, override_id: str) -> int:
    index = team.override_index(override_id)
    if index is None:
        raise EditError(f"override {override_id!r} no longer exists (another user may have removed it): "
                        "the edit no longer applies")
    return index


def _time_off_at(team: Team, entry_id: str) -> int:
    index = team.time_off_index(entry_id)
    if index is None:
        raise EditError(f"time-off entry {entry_id!r} no longer exists (another user may have removed it): "
                        "the edit no longer applies")
    return index


def add_override(team: Team, override: Override) -> Team:
    """Add ``override``; one without an id gets a new random one (``ovr-…``)."""
    _raise_if(span_problems(team, override.member, override.start, override.end, override.replaces))
    if override.id is None:
        override = replace(override, id=new_id(OVERRIDE_PREFIX, (o.id for o in team.overrides)))
    elif team.override_index(override.id) is not None:
        raise EditError(f"id: an override {override.id!r} already exists")
    return team.evolve(overrides=team.overrides + (override,))


def update_override(team: Team, override_id: str, override: Override) -> Team:
    """Replace the override ``override_id``; the new value keeps that id."""
    index = _override_at(team, override_id)
    _raise_if(span_problems(team, override.member, override.start, override.end, override.replaces))
    items = list(team.overrides)
    items[index] = replace(override, id=override_id)
    return team.evolve(overrides=tuple(items))


def remove_override(team: Team, override_id: str) -> Team:
    index = _override_at(team, override_id)
    return team.evolve(overrides=team.overrides[:index] + team.overrides[index + 1:])


def add_time_off(team: Team, entry: Unavailability) -> Team:
    """Add ``entry``; one without an id gets a new random one (``off-…``)."""
    _raise_if(span_problems(team, entry.member, entry.start, entry.end))
    if entry.id is None:
        entry = replace(entry, id=new_id(TIME_OFF_PREFIX, (u.id for u in team.unavailable)))
    elif team.time_off_index(entry.id) is not None:
        raise EditError(f"id: a time-off entry {entry.id!r} already exists")
    return team.evolve(unavailable=team.unavailable + (entry,))


def update_time_off(team: Team, entry_id: str, entry: Unavailability) -> Team:
    """Replace the time-off entry ``entry_id``; the new value keeps that id."""
    index = _time_off_at(team, entry_id)
    _raise_if(span_problems(team, entry.member, entry.start, entry.end))
    items = list(team.unavailable)
    items[index] = replace(entry, id=entry_id)
    return team.evolve(unavailable=tuple(items))


def remove_time_off(team: Team, entry_id: str) -> Team:
    index = _time_off_at(team, entry_id)
    return team.evolve(unavailable=team.unavailable[:index] + team.unavailable[index + 1:])
