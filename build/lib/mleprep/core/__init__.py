"""What every room of mleprep shares: the base error, human durations and sizes, the TOML loader,
the names and budgets defined once (`defaults`), and the one reader of nbgrader cells by grade_id.

May import nothing of mleprep outside `core`, and nothing heavy (no nbgrader, no scikit-learn).
"""
