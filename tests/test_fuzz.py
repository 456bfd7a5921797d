"""A fixed-seed share of the fuzzer (bench/fuzz runs 10,000+): only cnncalc's own errors reach a user."""
from __future__ import annotations

from .fuzzing import fuzz


def test_generated_input_never_crashes_and_errors_name_a_location():
    ran, failures = fuzz(400, seed=1)
    assert ran == 400
    assert failures == [], failures[:5]
