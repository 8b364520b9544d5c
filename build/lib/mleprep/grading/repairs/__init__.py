"""nbgrader preprocessors that mend what a hostile or careless notebook did, one per module; their
place in nbgrader's chains is declared in `mleprep.grading.chains`.

May import `core`.
"""
