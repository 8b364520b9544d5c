"""JupyterLab as the candidate's workplace: the server extension (`server_extension`: the clock,
Check and Submit run as CLI jobs, mock interviews), the standby grader it keeps for Submit
(`grader_standby`, started as a command), the launcher that opens a lab on an attempt
(`launch`), the TypeScript front-end (`frontend/`) and its build, shipped in `labextension/`.

May import `core`, `course`, `attempts`, `cohort` (on a hub the clock is the service's) and `practice`.
"""
