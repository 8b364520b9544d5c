"""The course on disk and the data every stage reads: the course root and its folders, an
assignment's spec (`assignment.toml`, with its late policy), the interview question bank, the
attempt record a candidate's folder carries, and nbgrader's converters and gradebook run with the
course's own configuration.

May import `core` and `metrics`.
"""
