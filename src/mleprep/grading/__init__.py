"""Grading submissions, from intake to exports.

Intake (`submissions`, `archive`) stages each candidate's folder; running (`batch`, `fork_server`,
`standby` (the lab's warm grader), `grading_worker`, `warm_up`, `submission_grader`, `kernel_sandbox`,
`containment`, `isolation`, `budget`, `progress`) grades each in its own worker with a contained,
sandboxed kernel; `repairs/` and `chains` are the nbgrader preprocessors that mend hostile notebooks,
declared once; scoring (`scoring`, `holdout_checks`, `outcomes`, `tampering`, `late_penalty`,
`feedback_redaction`, `holdout_plots`, `score_ladder`, `submission_plots`) turns the executed notebook
into the four outcomes and plots, scored outside the kernel; `results` holds the records and writes the
exports.

May import `core`, `metrics`, `course`, `review` and `mleprep.handin` (where exports lie).
"""
