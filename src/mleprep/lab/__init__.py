"""JupyterLab as the candidate's workplace: the server extension that serves the clock
(`clock_extension`), the launcher that opens a lab on an attempt (`launch`), and the prebuilt
front-end in `labextension/`.

May import `core`, `course`, `attempts`, and `cohort` (on a hub the clock is the service's).
"""
