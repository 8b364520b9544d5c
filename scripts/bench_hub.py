"""How many candidates one machine's cohort hub holds: a load test on loopback, with a bounded count.

    sudo .venv/bin/python scripts/bench_hub.py --candidates 16

Starts the hub exactly as the tests do (tests/e2e/hub_session.py: `mleprep cohort hub --write`, the clock
service, real Unix accounts), then for N candidates at once: start their servers, fetch churn through
nbgrader's Assignment List endpoint, ask the clock as the countdown does (every second here, 15x the
countdown's own rate, for --seconds), and submit. Prints the time to bring everyone up, the clock's
latency under that load, the clock service's sweep as seen in its log, and the memory the servers use.
Needs root (it creates the accounts mleprep-load-1..N, and removes their homes' contents afterwards).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.hub_session import Hub, hub_requirements, make_candidate, mleprep, running_hub

MAX_CANDIDATES = 64
COURSE = {"course_id": "mleprep"}


def _rss_mb(user_names: set[str]) -> float:
    import psutil

    total = 0
    for proc in psutil.process_iter(["username", "memory_info"]):
        if proc.info["username"] in user_names and proc.info["memory_info"]:
            total += proc.info["memory_info"].rss
    return total / 2**20


def _start(hub: Hub, name: str) -> tuple[str, float]:
    started = time.monotonic()
    token = hub.start_server(name)
    return token, time.monotonic() - started


def _candidate_round(hub: Hub, name: str, token: str, seconds: float) -> list[float]:
    hub.user_request(name, token, "assignments/fetch", "POST", form={**COURSE, "assignment_id": "churn"})
    latencies = []
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        t0 = time.monotonic()
        state = hub.user_request(name, token, "mleprep/clock")
        latencies.append(time.monotonic() - t0)
        assert state.get("source") == "hub", state
        time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
    hub.user_request(name, token, "assignments/submit", "POST", form={**COURSE, "assignment_id": "churn"})
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--candidates", type=int, default=16, help=f"how many at once (at most {MAX_CANDIDATES})"
    )
    parser.add_argument("--spawning", type=int, default=8, help="servers starting at once (default 8)")
    parser.add_argument("--seconds", type=float, default=30, help="how long each asks the clock (default 30)")
    args = parser.parse_args()
    n = max(1, min(args.candidates, MAX_CANDIDATES))
    hub_requirements()
    names = [f"mleprep-load-{i}" for i in range(1, n + 1)]
    for name in names:
        make_candidate(name)
    work = Path(tempfile.mkdtemp(prefix="mleprep-hub-load-"))
    work.chmod(0o755)
    t_all = time.monotonic()
    with running_hub(work) as hub:
        mleprep(hub.course, "cohort", "add", *names)
        mleprep(hub.course, "cohort", "release", "churn", "--exchange", str(hub.exchange))
        hub.api("users", "POST", {"usernames": names})
        # Candidates arrive a few at a time, as a cohort logging in does: at most --spawning servers
        # start at once (a 2-core machine cannot start 40 within the spawner's 60 s timeout).
        t_up = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.spawning) as pool:
            started = list(pool.map(lambda name: _start(hub, name), names))
        all_up_s = time.monotonic() - t_up
        with concurrent.futures.ThreadPoolExecutor(max_workers=n) as pool:
            rounds = list(
                pool.map(
                    lambda nt: _candidate_round(hub, nt[0], nt[1][0], args.seconds),
                    zip(names, started, strict=True),
                )
            )
        t_last = time.monotonic()  # the last hand-in: every round has ended
        rss = _rss_mb(set(names))
        # A submission is stamped once it has been quiet for 2 s, at the service's next round.
        while True:
            status = mleprep(hub.course, "cohort", "status", "churn")["attempts"]
            if sum(a["submitted"] for a in status) == n or time.monotonic() - t_last > 60:
                break
            time.sleep(1)
        stamp_lag_s = time.monotonic() - t_last
        for name in names:
            hub.api(f"users/{name}/server", "DELETE")
    latencies = sorted(x for r in rounds for x in r)
    up = sorted(s for _, s in started)
    stamped = sum(1 for a in status if a["submitted"])
    print(f"candidates: {n} at once, each asking the clock every second for {args.seconds:g} s")
    print(
        f"servers up: all {n} in {all_up_s:.1f} s ({args.spawning} starting at a time); "
        f"each {statistics.median(up):.1f} s median, {up[-1]:.1f} s slowest"
    )
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"clock answers: {len(latencies)}, median {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms"
    )
    print(
        f"started / submitted, as the service recorded them: {sum(a['started'] for a in status)} / {stamped}"
    )
    if stamped == n:
        print(f"every submission stamped {stamp_lag_s:.1f} s after the last one was handed in")
    else:
        print(f"only {stamped} of {n} submissions stamped {stamp_lag_s:.0f} s after the last hand-in")
    print(f"memory of the candidates' servers and kernels: {rss:.0f} MB ({rss / n:.0f} MB each)")
    print(f"wall time: {time.monotonic() - t_all:.1f} s")
    return 0 if stamped == n else 1


if __name__ == "__main__":
    sys.exit(main())
