"""A candidate's timed take-home: the clock (`clock`: start, resume, stop), the visible checks
(`check`), submitting for grading with the hidden checks (`submit`, a snapshot graded once
taken), and the candidate's feedback page (`feedback_page`, with the plots grading drew).

May import `core`, `metrics`, `course`, `review`, `grading` and `mleprep.handin` (where exports lie).
"""
