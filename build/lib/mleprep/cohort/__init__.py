"""A cohort on JupyterHub: the clock service that owns every attempt, delivery through nbgrader's
exchange (release, collect, feedback), the hub's configuration and the cohort report.

May import core, course, and grading (for the result records the report reads).
"""
