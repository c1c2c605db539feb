"""Storage benchmark: prints medians; never asserts (machines here are shared and noisy).

Cases, on SQLite (a file in a temp dir) and PostgreSQL (a throwaway cluster started with
tests/pg_cluster.py, skipped with a note if the server binaries are missing):
* open + load the large team (10 sites, 200 members, 2,000 overrides, 500 unavailabilities):
  open_database() on an existing file, then load();
* load only (an open Database);
* save one edit (one override moved by an hour): diff, version check, write, audit, commit;
* load 10,000 overrides (the issue's "well under a second").
Targets: load under 300 ms on SQLite; a single edit committed under 20 ms.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from oncall.core.demo import demo_team, large_team  # noqa: E402
from oncall.storage import open_database  # noqa: E402
from storage_support import many_overrides  # noqa: E402
from timing import median_ms  # noqa: E402 - benchmarks/timing.py, beside this script

RUNS = 15


def bench(label: str, url: str) -> None:
    big = large_team()
    with open_database(url, user="bench") as db:
        db.replace_team(big)

    def open_and_load():
        with open_database(url) as db:
            db.load()

    print(f"{label}: open + load large team      {median_ms(open_and_load, RUNS):8.1f} ms  (target < 300 ms on SQLite)")
    with open_database(url, user="bench") as db:
        print(f"{label}: load large team (open db)   {median_ms(db.load, RUNS):8.1f} ms")
        state = {"base": db.load(), "n": 0}

        def one_edit():
            base = state["base"]
            state["n"] += 1
            ovs = list(base.team.overrides)
            ovs[7] = replace(ovs[7], end=ovs[7].end + timedelta(hours=1 if state["n"] % 2 else -1))
            state["base"] = db.save(base.team.evolve(overrides=tuple(ovs)), base)

        print(f"{label}: save one edit (commit)      {median_ms(one_edit, 50):8.1f} ms  (target < 20 ms)")
    with open_database(url, user="bench") as db:
        db.replace_team(demo_team().evolve(overrides=many_overrides(demo_team(), 10_000)))
        print(f"{label}: load 10,000 overrides       {median_ms(db.load, 7):8.1f} ms  (target well under 1 s)")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite    ", str(Path(tmp) / "team.db"))
    try:
        from pg_cluster import PgCluster

        cluster = PgCluster().start()
    except Exception as exc:  # noqa: BLE001 - report and go on: SQLite figures still count
        print(f"postgresql: skipped ({exc})")
        return 0
    try:
        bench("postgresql", cluster.create_database("bench"))
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
