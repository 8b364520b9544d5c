"""What a mentor does to make a take-home: release it through nbgrader (`release`), prove nothing
hidden leaked (`leak_scan`), keep the notebook and assignment.toml in step (`notebook_contract`),
and prove it sound by grading a reference, the starter and a baseline for real (`verify`).

May import `core`, `metrics`, `course`, `review` and `grading` (verify grades for real).
"""
