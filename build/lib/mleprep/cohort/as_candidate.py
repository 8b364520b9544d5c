"""What the root-run clock service writes into a candidate's home, written as that candidate.

A separate process (`python -m mleprep.cohort.as_candidate`, started with the candidate's uid and
gid and no other groups) does the writing, so a link the candidate planted (`~/.local -> /etc`)
can only lead where they could write anyway. Two writes need it: handing out an assignment when a
candidate starts (from the course, which only root can read, passed down as an archive on the
process's standard input, so nobody reads a take-home before their clock runs), and putting the
service's own copy of a submission it made for a candidate out of time where nbgrader looks.
A process, not a fork: the service has threads, and a forked child could inherit a held lock.
"""

from __future__ import annotations

import io
import json
import os
import pwd
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import IO, Any

from mleprep.cohort.exchange_files import UnsafeSubmission

# A candidate can stop their own process (SIGSTOP): nothing waits on it longer than this.
TIMEOUT_S = 60


def _unpack(archive: IO[bytes], dest: Path) -> None:
    """Extract `archive` as `dest`, all at once (a partial folder never has the final name)."""
    tmp = dest.with_name(f".{dest.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        with tarfile.open(fileobj=archive, mode="r|") as tar:
            tar.extractall(tmp, filter="data")  # no links out, no absolute paths, no devices
        tmp.rename(dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _hand_out(job: dict[str, Any], archive: IO[bytes]) -> str | None:
    dest = Path(job["dest"])
    if not dest.exists():  # else a resumed attempt: the candidate's work stays as it is
        _unpack(archive, dest)
    return None


def _deliver(job: dict[str, Any], archive: IO[bytes]) -> str | None:
    inbound, cache = Path(job["inbound"]), Path(job["cache"])
    data = archive.read()
    _unpack(io.BytesIO(data), inbound)
    # nbgrader's submit leaves its copy readable by the instructor; so does this one.
    for path in [inbound, *inbound.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        _unpack(io.BytesIO(data), cache)
    except OSError as exc:  # the submission stands; only fetching its feedback will not work
        return f"submitted, but not copied to the nbgrader cache ({exc}): feedback cannot be fetched"
    return None


JOBS = {"hand_out": _hand_out, "deliver": _deliver}


def _archive(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink() and ".ipynb_checkpoints" not in path.parts:
                tar.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False)
    return buffer.getvalue()


def run_as(candidate: str, job: dict[str, Any], *, data: bytes = b"") -> str | None:
    """Do `job` as `candidate`, reading `data` (here, in-process, when the service is not root);
    its note comes back, a failure as UnsafeSubmission."""
    if os.geteuid() != 0:
        return JOBS[job["kind"]](job, io.BytesIO(data))
    user = pwd.getpwnam(candidate)
    try:
        done = subprocess.run(
            # -I: nothing from the candidate's home (user site-packages, .pth files) runs in it.
            [sys.executable, "-I", "-m", "mleprep.cohort.as_candidate"],
            # The job on standard input, never in argv, which every user can read in `ps`.
            input=json.dumps(job).encode() + b"\n" + data,
            capture_output=True,
            user=user.pw_uid,
            group=user.pw_gid,
            extra_groups=[],
            cwd="/",
            env={"PATH": os.defpath, "HOME": user.pw_dir},
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise UnsafeSubmission(f"writing as {candidate} took more than {TIMEOUT_S} s") from exc
    if done.returncode != 0:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["no reason given"])[-1]
        raise UnsafeSubmission(f"writing as {candidate} failed: {reason}")
    return done.stdout.decode(errors="replace").strip() or None


def deliver_submission(*, candidate: str, stamped: Path, inbound: Path, cache: Path) -> str | None:
    """Write the stamped copy (the service's own) where nbgrader looks, as the candidate: into the
    exchange's inbound, and into their nbgrader cache, where fetch_feedback finds its feedback."""
    job = {"kind": "deliver", "inbound": str(inbound), "cache": str(cache)}
    return run_as(candidate, job, data=_archive(stamped))


def hand_out(*, source: Path, dest: Path, candidate: str) -> None:
    """Copy the released assignment `source` (in the course, which only root can read) to `dest` in
    the candidate's home, owned by them; a `dest` that exists is left as it is (a resumed attempt)."""
    # Read here, as root; written by the candidate's process, which could not read the course.
    run_as(candidate, {"kind": "hand_out", "dest": str(dest)}, data=_archive(source))


def main() -> int:
    stdin = sys.stdin.buffer
    job = json.loads(stdin.readline())
    try:
        note = JOBS[job["kind"]](job, stdin)
    except Exception as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if note:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
