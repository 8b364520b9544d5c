"""Probe: one customer is scored in under 100 ms (median of 50 calls), 1,000 customers in under 3 s.

Run by the grader after the notebook, in the submission's sandbox, in a fresh process (see
mleprep.grading.probe_checks); the last line is the verdict. The clock is taken before any of the
candidate's code is imported.
"""

import sys
from statistics import median
from time import perf_counter as clock

from mleprep.handin import probe_verdict

# First: the nonce leaves the environment before any of the candidate's code is imported.
verdict = probe_verdict()


import pandas as pd  # noqa: E402

sys.path.insert(0, "")
sys.dont_write_bytecode = True
holdout = pd.read_csv("data/holdout_features.csv")
one = holdout.head(1).to_dict("records")
batch = holdout.head(1000).to_dict("records")
try:
    import churn_service

    churn_service.predict(one)  # the first call may load the model, as a server does once at start-up
    times = []
    for _ in range(50):
        start = clock()
        churn_service.predict(one)
        times.append(clock() - start)
    start = clock()
    scores = churn_service.predict(batch)
    batch_s = clock() - start
except Exception as error:
    verdict(False, f"churn_service could not score customers ({type(error).__name__}: {error})")
single_ms = 1000 * median(times)
measured = f"one customer {single_ms:.0f} ms (median of 50 calls; limit 100 ms), 1,000 customers {batch_s:.2f} s (limit 3 s)"
if len(scores) != 1000:
    verdict(False, f"predict returned {len(scores)} scores for 1,000 customers")
if single_ms >= 100 or batch_s >= 3:
    verdict(False, f"too slow: {measured}. Load the model once and keep it, and check the records without building a DataFrame or refitting anything per row")
verdict(True, measured)
