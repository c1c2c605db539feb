"""Cities a lead types that are not in any IANA zone name: "San Francisco" is America/Los_Angeles.

The zone picker's search matches parts of zone names ("york", "kolk"), so the cities the zones are
named after are found, but a team in San Francisco, Bangalore or Munich typed its city and found
nothing. These common office cities complete to "San Francisco (America/Los_Angeles)" and mean that
zone. Only unambiguous names: a city that exists in two zones (Portland, Hyderabad) is left out.
"""

from __future__ import annotations

CITY_ZONES: dict[str, str] = {
    "San Francisco": "America/Los_Angeles", "Seattle": "America/Los_Angeles",
    "San Diego": "America/Los_Angeles", "Boston": "America/New_York",
    "Washington DC": "America/New_York", "Atlanta": "America/New_York", "Miami": "America/New_York",
    "Austin": "America/Chicago", "Dallas": "America/Chicago", "Houston": "America/Chicago",
    "Salt Lake City": "America/Denver", "Montreal": "America/Toronto", "Ottawa": "America/Toronto",
    "Munich": "Europe/Berlin", "Frankfurt": "Europe/Berlin", "Hamburg": "Europe/Berlin",
    "Barcelona": "Europe/Madrid", "Milan": "Europe/Rome", "Geneva": "Europe/Zurich",
    "Manchester": "Europe/London", "Edinburgh": "Europe/London", "Cambridge UK": "Europe/London",
    "Krakow": "Europe/Warsaw", "Tel Aviv": "Asia/Jerusalem", "Bangalore": "Asia/Kolkata",
    "Bengaluru": "Asia/Kolkata", "Mumbai": "Asia/Kolkata", "New Delhi": "Asia/Kolkata",
    "Pune": "Asia/Kolkata", "Chennai": "Asia/Kolkata", "Beijing": "Asia/Shanghai",
    "Shenzhen": "Asia/Shanghai", "Osaka": "Asia/Tokyo", "Canberra": "Australia/Sydney",
    "Wellington": "Pacific/Auckland", "Cape Town": "Africa/Johannesburg",
}


def entry(city: str) -> str:
    """What the completer lists: ``San Francisco (America/Los_Angeles)``."""
    return f"{city} ({CITY_ZONES[city]})"


def entries() -> list[str]:
    return [entry(city) for city in CITY_ZONES]


def zone_for(text: str) -> str:
    """The zone a typed or completed city means; other text as it is (a zone name, or a mistake)."""
    cleaned = text.strip()
    lowered = {city.lower(): zone for city, zone in CITY_ZONES.items()}
    if cleaned.lower() in lowered:
        return lowered[cleaned.lower()]
    for city in CITY_ZONES:
        if cleaned == entry(city):
            return CITY_ZONES[city]
    return cleaned
