"""CalDAV sync speed against a real, local Radicale: first sync and a no-change resync.

    python benchmarks/bench_caldav.py [--days-ahead 28] [--repeat 3]

Syncs every feed of the demo team (team, 3 sites, 6 members) over the horizon into a fresh
Radicale (htpasswd auth, loopback, temp storage), then resyncs with nothing changed. Prints
the event count, the median seconds of each and events/s. A first sync is bounded by the
server's writes (one PUT per event, Radicale stores each in a file); a resync only reads
each collection once (one REPORT) and compares, writing nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from caldav_support import PASSWORD, USER, radicale_server  # noqa: E402
from oncall.core.demo import demo_team  # noqa: E402
from oncall.core.revisions import InMemoryRevisionStore  # noqa: E402
from oncall.export.ics import FeedOptions  # noqa: E402
from oncall.services.caldav_publish import publish_caldav  # noqa: E402

NOW = datetime(2026, 11, 26, 10, tzinfo=timezone.utc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days-ahead", type=int, default=28)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    options = FeedOptions(days_back=0, days_ahead=args.days_ahead)
    team = demo_team()
    first, again, events = [], [], 0
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp, radicale_server(Path(tmp)) as dav:
            stores: dict[str, InMemoryRevisionStore] = {}

            def revisions(name: str) -> InMemoryRevisionStore:
                return stores.setdefault(name, InMemoryRevisionStore())

            t0 = time.perf_counter()
            result = publish_caldav(team, dav.url, USER, PASSWORD, NOW, options, revisions=revisions)
            first.append(time.perf_counter() - t0)
            events = result.total.created
            t0 = time.perf_counter()
            result = publish_caldav(team, dav.url, USER, PASSWORD, NOW, options, revisions=revisions)
            again.append(time.perf_counter() - t0)
            assert result.total.unchanged == events and result.total.written == 0
        print(f"run {run + 1}: first {first[-1]:.2f} s, resync {again[-1]:.2f} s", file=sys.stderr)
    f, a = statistics.median(first), statistics.median(again)
    print(f"demo team, {args.days_ahead} days, 10 calendars, {events} events (Radicale on loopback)")
    print(f"first sync:       median {f:6.2f} s  {events / f:8.0f} events/s")
    print(f"no-change resync: median {a:6.2f} s  {events / a:8.0f} events/s  (0 writes)")


if __name__ == "__main__":
    main()
