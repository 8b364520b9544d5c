"""What the root-run clock service writes into a candidate's home, written as that candidate.

A separate process (`python -m mleprep.cohort.as_candidate`, started with the candidate's uid and
gid and no other groups) does the writing, so a link the candidate planted (`~/.local -> /etc`)
can only lead where they could write anyway. Two writes need it: handing out an assignment when a
candidate starts (from the course, which only root can read, passed down as an archive on the
process's standard input, so nobody reads a take-home before their clock runs), and submitting saved work when
time is up. A process, not a fork: the service has threads, and a forked child could inherit a lock.
"""

from __future__ import annotations

import io
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from mleprep.cohort.exchange_files import (
    TIMESTAMP_FORMAT,
    ExchangeCourse,
    InboundEntry,
    UnsafeSubmission,
    snapshot,
)
from mleprep.core.defaults import NOT_WORK

TIMEOUT_S = 600


def _copy_submission(folder: Path, dest: Path, timestamp: str, secret: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.partial")
    try:
        snapshot(folder, tmp, skip=NOT_WORK)
        (tmp / "timestamp.txt").write_text(timestamp, encoding="utf-8")
        (tmp / "submission_secret.txt").write_text(secret, encoding="utf-8")
        # nbgrader's submit leaves its copy readable by the instructor; so does this one.
        for path in [tmp, *tmp.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        tmp.rename(dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _submit(job: dict[str, Any]) -> str | None:
    folder, timestamp, secret = Path(job["folder"]), job["timestamp"], job["secret"]
    _copy_submission(folder, Path(job["inbound"]), timestamp, secret)
    try:
        _copy_submission(folder, Path(job["cache"]), timestamp, secret)
    except OSError as exc:  # the submission stands; only fetching its feedback will not work
        return f"submitted, but not copied to the nbgrader cache ({exc}): feedback cannot be fetched"
    return None


def _hand_out(job: dict[str, Any], archive: IO[bytes]) -> None:
    dest = Path(job["dest"])
    if dest.exists():
        return  # a resumed attempt: the candidate's work stays as it is
    tmp = dest.with_name(f".{dest.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    with tarfile.open(fileobj=archive, mode="r|") as tar:
        tar.extractall(tmp, filter="data")  # no links out, no absolute paths, no devices
    tmp.rename(dest)


def _do(job: dict[str, Any], data: IO[bytes]) -> str | None:
    if job["kind"] == "hand_out":
        _hand_out(job, data)
        return None
    return _submit(job)


def run_as(candidate: str, job: dict[str, Any], *, data: bytes = b"") -> str | None:
    """Do `job` as `candidate`, with `data` on its standard input (here when the service is not
    root); its note comes back, a failure as UnsafeSubmission."""
    if os.geteuid() != 0:
        return _do(job, io.BytesIO(data))
    user = pwd.getpwnam(candidate)
    done = subprocess.run(
        # -I: nothing from the candidate's home (user site-packages, .pth files) runs in it.
        [sys.executable, "-I", "-m", "mleprep.cohort.as_candidate", json.dumps(job)],
        input=data,
        capture_output=True,
        user=user.pw_uid,
        group=user.pw_gid,
        extra_groups=[],
        cwd="/",
        env={"PATH": os.defpath, "HOME": user.pw_dir},
        timeout=TIMEOUT_S,
    )
    if done.returncode != 0:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["no reason given"])[-1]
        raise UnsafeSubmission(f"writing as {candidate} failed: {reason}")
    return done.stdout.decode(errors="replace").strip() or None


def submit_saved_work(
    *, exchange: ExchangeCourse, candidate: str, assignment: str, folder: Path, cache: Path, now: datetime
) -> InboundEntry:
    """Submit what `folder` holds now as `candidate`'s own nbgrader would, written as them: into the
    exchange's inbound, and into their nbgrader cache, where fetch_feedback later looks for it."""
    timestamp = now.astimezone(UTC).strftime(TIMESTAMP_FORMAT)
    name = f"{candidate}+{assignment}+{timestamp}+{secrets.token_hex(16)}"
    job = {
        "kind": "submit",
        "folder": str(folder),
        "inbound": str(exchange.inbound / name),
        "cache": str(cache / exchange.course_id / f"{candidate}+{assignment}+{timestamp}"),
        "timestamp": timestamp,
        "secret": secrets.token_hex(64),
    }
    note = run_as(candidate, job)
    return InboundEntry(name, candidate, assignment, exchange.inbound / name, note)


def hand_out(*, source: Path, dest: Path, candidate: str) -> None:
    """Copy the released assignment `source` (in the course, which only root can read) to `dest` in
    the candidate's home, owned by them; a `dest` that exists is left as it is (a resumed attempt)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.is_symlink() and ".ipynb_checkpoints" not in path.parts:
                tar.add(path, arcname=path.relative_to(source).as_posix(), recursive=False)
    # Read here, as root; written by the candidate's process, which could not read the course.
    run_as(candidate, {"kind": "hand_out", "dest": str(dest)}, data=buffer.getvalue())


def main() -> int:
    job = json.loads(sys.argv[1])
    try:
        note = _do(job, sys.stdin.buffer)
    except Exception as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if note:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
