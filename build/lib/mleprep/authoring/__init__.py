"""What a mentor does to make a take-home: write one from a CSV (`new_take_home`: `table_intake`,
`holdout_split`, `notebook_template` and the files it writes), measure its credit bands through
the grader (`calibration`, `credit_bands`, `calibration_report`), try a notebook against it
(`try_notebook`), release it through nbgrader (`release`), prove nothing hidden leaked
(`leak_scan`), keep the notebook and assignment.toml in step (`notebook_contract`), and prove it
sound by grading a reference, the starter and a baseline for real (`verify`). `trial_grading` is
what verify, calibrate and try share: grading unreleased notebooks in a scratch course.

May import `core`, `metrics`, `course`, `review`, `grading` (verify grades for real) and `handin`
(calibration reads the kernel's exports).
"""
