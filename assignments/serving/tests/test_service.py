"""Your tests of churn_service. Run them from the folder that holds churn_service/ and tests/:

    python -m pytest tests

The grader runs them the same way, after serving.ipynb has saved the model into the package.
"""

from __future__ import annotations

import pytest

import churn_service


@pytest.mark.skip("write your tests")
def test_one_probability_per_customer() -> None:
    customer = {"customer_id": "CUST-10003", "tenure": 11}  # ...and the other fields of a customer
    assert len(churn_service.predict([customer])) == 1
