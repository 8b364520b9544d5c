"""nbgrader's exchange on a candidate's server, with the cohort's clock in the loop.

The hub's candidate config names these classes (ExchangeFactory), so nbgrader's own Assignment List
and `nbgrader fetch_assignment` / `submit` go through them. Fetching asks the clock service to start
the attempt and hand the assignment out: the outbound copy is readable by root only, so there is no
other way to read a take-home than starting its clock. Submitting is nbgrader's own, then the
service is asked to stamp it at once rather than at its next round.
"""

from __future__ import annotations

from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit

from mleprep.cohort.attempt_store import CohortError
from mleprep.cohort.clock_client import ask_clock


class ClockFetchAssignment(ExchangeFetchAssignment):
    def start(self) -> None:
        assignment_id = self.coursedir.assignment_id
        if not assignment_id:
            self.fail("name the assignment to fetch")
        try:
            state = ask_clock(f"api/attempts/{assignment_id}/start", method="POST", timeout=120)
        except CohortError as exc:
            self.fail(str(exc))
        self.log.info(
            "Started %s on the cohort's clock: deadline %s; it is in %s/",
            assignment_id,
            state.get("deadline"),
            assignment_id,
        )


class ClockSubmit(ExchangeSubmit):
    def init_release(self) -> None:
        # nbgrader reads the released copy to list notebooks missing from the submission; that copy
        # is the clock service's alone here, and the grader names a missing notebook anyway.
        self.release_path = None

    def check_filename_diff(self) -> None:
        return None

    def start(self) -> None:
        super().start()
        try:
            ask_clock(f"api/attempts/{self.coursedir.assignment_id}/submitted", method="POST", timeout=60)
        except CohortError as exc:  # handed in all the same: the service stamps it at its next round
            self.log.warning("the cohort clock will stamp this at its next round: %s", exc)
