"""What the judges of this process measure, for /metrics.

Prometheus metrics live in the process that observes them. One process serving /metrics sees
its own judges only (embedded mode), unless `PROMETHEUS_MULTIPROC_DIR` names a folder that every
API and worker process of the host writes to (prometheus-client's multiprocess mode, read at
import time: set it for all of them, and empty it when they start): then /metrics sums them.
These objects are made at import, as prometheus-client wants: they hold numbers, not
connections.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

# Seconds: a test of these exercises takes tens of milliseconds to a few seconds; a submission
# up to its tests' limits added up.
TEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
SUBMISSION_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)

test_seconds = Histogram(
    "mljudge_judge_test_seconds",
    "Wall time of one test in the sandbox, as the judge measured it",
    buckets=TEST_BUCKETS,
)
submission_seconds = Histogram(
    "mljudge_judge_submission_seconds",
    "From a judge claiming a submission to its verdict written",
    buckets=SUBMISSION_BUCKETS,
)
verdicts = Counter(
    "mljudge_judge_verdicts",
    "Verdicts written by the judges of this process (or of the host, in multiprocess mode)",
    ["verdict"],
)
test_internal_errors = Counter(
    "mljudge_judge_test_internal_errors",
    "Tests that ended in IE: the sandbox could not run them, or the checker failed",
)
sandbox_failures = Counter(
    "mljudge_sandbox_failures",
    "Tests the sandbox could not run (the runner's IE: the zygote, a namespace, a mount or a "
    "cgroup did not come up); a checker's failure is not one",
)
