"""The readiness report: one page across the recruiter screen, the take-home and the hiring-manager
round, gathered from what practice and attempts left in a workspace (`readiness_report`, which also
says what to practise next), and drawn as a self-contained HTML page with plots (`readiness_page`).

May import `core`, `course`, `review`, `practice`, `attempts` and `grading` (the result records
`mleprep submit` writes).
"""
