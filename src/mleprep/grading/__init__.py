"""Grading submissions, from intake to exports.

Intake (`submissions`, `archive`) stages each candidate's folder; running (`batch`,
`submission_grader`, `kernel_sandbox`, `isolation`, `budget`, `progress`) grades each in its own
worker with a sandboxed kernel; `repairs/` and `chains` are the nbgrader preprocessors that mend
hostile notebooks, declared once; scoring (`scoring`, `holdout_checks`, `outcomes`, `tampering`,
`late_penalty`, `feedback_redaction`) turns the executed notebook into the four outcomes, scored
outside the kernel; `results` holds the records and writes the exports.

May import `core`, `metrics`, `course`, `review` and `mleprep.handin` (where exports lie).
"""
