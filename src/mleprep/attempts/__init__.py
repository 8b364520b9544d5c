"""A candidate's timed take-home: the clock (`clock`: start, resume, stop), the visible checks
(`check`), submitting for grading with the hidden checks (`submit`), and the feedback page with
its plots.

May import `core`, `metrics`, `course`, `review`, `grading` and `mleprep.handin` (where exports lie).
"""
