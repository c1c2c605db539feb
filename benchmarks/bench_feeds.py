"""Calendar feed speed: generating every feed, and serving a cached feed over loopback.

    python benchmarks/bench_feeds.py [--requests 5000] [--clients 4] [--repeat 5]

Prints medians. Targets (issue 4): all feeds of the 3-site demo team in under 100 ms; a
cached feed served at >= 1,000 requests/s with p99 under 20 ms. The HTTP clients run in a
separate process (http.client, keep-alive, a small thread pool) against 127.0.0.1 only, with
a bounded number of requests.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oncall.core.demo import demo_team, large_team  # noqa: E402
from oncall.core.revisions import InMemoryRevisionStore  # noqa: E402
from oncall.export.ics import FeedOptions, FeedSet  # noqa: E402

NOW = datetime(2026, 11, 26, 10, tzinfo=timezone.utc)


def generate_all(team, now=NOW, options=FeedOptions(), stores: dict[str, InMemoryRevisionStore] | None = None):
    """Every feed; ``stores`` (feed name -> revisions) from an earlier run, or fresh ones."""
    stores = {} if stores is None else stores
    feeds = FeedSet.for_horizon(team, now, options)
    docs = feeds.render_all(lambda name: stores.setdefault(name, InMemoryRevisionStore()), now)
    return feeds, docs


def time_generation(label: str, team, repeat: int, options=FeedOptions(), keep_revisions: bool = False) -> None:
    """``keep_revisions``: every run regenerates over the revisions of the one before (what
    a re-export or the server after an edit does); otherwise each run starts with none."""
    times = []
    stores: dict[str, InMemoryRevisionStore] | None = None
    if keep_revisions:
        stores = {}
        generate_all(team, options=options, stores=stores)
    for _ in range(repeat):
        t0 = time.perf_counter()
        feeds, docs = generate_all(team, options=options, stores=stores)
        times.append(time.perf_counter() - t0)
    size = sum(len(d.body) for d in docs.values())
    print(f"{label}: {len(docs)} feeds, {len(feeds.events)} events, {size / 1e6:.1f} MB: "
          f"median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f} ms, n={repeat})")


def _client(port: int, path: str, count: int, etag: str | None, out: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"If-None-Match": etag} if etag else {}
    try:
        for _ in range(count):
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            resp.read()
            out.append((time.perf_counter() - t0, resp.status))
    finally:
        conn.close()


def load(port: int, path: str, total: int, clients: int, etag: str | None) -> tuple[float, list[float], set[int]]:
    """Runs in a separate process: ``total`` requests from ``clients`` keep-alive threads."""
    results: list = []
    per = total // clients
    threads = [threading.Thread(target=_client, args=(port, path, per, etag, results)) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    return elapsed, [r[0] for r in results], {r[1] for r in results}


def serve_benchmark(requests: int, clients: int) -> None:
    from oncall.feeds.server import FeedServer, ServerSettings
    from oncall.feeds.source import DatabaseFeedSource
    from oncall.storage import open_database

    import logging
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(Path(tmp) / "team.db"), demo_if_new=True)
        _, secret = db.feed_tokens.create("member", "alice", "bench")
        server = FeedServer(DatabaseFeedSource(db), ServerSettings(port=0)).start()
        try:
            path = f"/feeds/{secret}.ics"
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            t0 = time.perf_counter()
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            first = time.perf_counter() - t0
            etag = resp.getheader("ETag")
            conn.close()
            print(f"first request (computes the schedule, renders the feed): {first * 1000:.0f} ms, "
                  f"{len(body) / 1024:.0f} KiB")
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(1) as pool:
                for label, tag in (("200 (full body)", None), ("304 (If-None-Match)", etag)):
                    elapsed, lat, statuses = pool.apply(load, (server.port, path, requests, clients, tag))
                    lat.sort()
                    n = len(lat)
                    print(f"cached member feed, {label}: {n / elapsed:.0f} req/s, p50 {lat[n // 2] * 1000:.1f} ms, "
                          f"p99 {lat[int(n * 0.99) - 1] * 1000:.1f} ms ({n} requests, {clients} clients, "
                          f"statuses {sorted(statuses)})")
            print(f"schedule computations during the run: {server.cache.generations}")
        finally:
            server.stop()
            db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.requests <= 50_000 or not 1 <= args.clients <= 32:
        parser.error("keep --requests within 1..50000 and --clients within 1..32")
    generate_all(demo_team())  # warm imports and zone tables
    time_generation("demo team (3 sites, 6 members, 30 days back + 365 ahead)", demo_team(), args.repeat)
    time_generation("demo team, regenerated over kept revisions, member reminders on", demo_team(), args.repeat,
                    FeedOptions(alarm_minutes=15), keep_revisions=True)
    if not args.skip_large:
        team = large_team()
        time_generation("large team (10 sites, 200 members, 30 days back + 365 ahead)", team, max(1, args.repeat // 2))
    serve_benchmark(args.requests, args.clients)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
