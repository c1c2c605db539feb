"""Where the HTML templates live and how they are rendered (Jinja2, escaping always on).

Templates are files in ``resources/templates/`` (found by :mod:`oncall.resource_paths`
in a checkout, a bundle or a wheel install). ``ONCALL_TEMPLATES`` points somewhere else
(tests, a team's own letterhead).

Autoescape is on for every template: a note saying ``<script>`` or ``R&D`` prints as text.
"""

from __future__ import annotations

import functools
import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from oncall.resource_paths import resource

from .handoff_clock import clock


class TemplateError(Exception):
    """The template directory or a template in it is missing or broken."""


def template_dir() -> Path:
    override = os.environ.get("ONCALL_TEMPLATES")
    if override:
        return Path(override)
    return resource("templates")


@functools.cache
def _environment(directory: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,  # a typo in a template fails loudly, not blank
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["utc_text"] = utc_text
    return env


def http_url(link: str | None) -> str | None:
    """``link`` if it is an http(s) URL, else None: only those become clickable.

    A note's link is typed by a person; ``javascript:`` must never become an ``href``.
    """
    if link and urlsplit(link.strip()).scheme.lower() in ("http", "https"):
        return link.strip()
    return None


def utc_text(instant: datetime | None) -> str:
    """``Mon 9 Mar 2026 06:40 UTC``."""
    if instant is None:
        return ""
    c = clock("UTC", instant)
    return f"{c.day} {c.times}"


def render(name: str, **values) -> str:
    """Render ``resources/templates/<name>`` with ``values``."""
    directory = template_dir()
    if not directory.is_dir():
        raise TemplateError(f"template directory not found: {directory}")
    try:
        return _environment(str(directory)).get_template(name).render(**values)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {name!r} not found in {directory}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {name!r} is broken: {exc}") from exc
