"""Wait for a condition with a deadline, never for a fixed time."""

import time

#: Seconds a test gives `khabar serve` to answer. It answers in about
#: 2 s; a machine running other work beside the suite (two cores, load 10
#: in one series) took over 30 s, which failed tests that were not about
#: starting. A deadline, not a wait: the test goes on once it answers.
SERVER_START = 90


def wait_until(predicate, timeout=10, interval=0.05):
    """Call *predicate* until it returns something true, and return that.

    After *timeout* seconds it returns the last false answer instead, so
    that ``assert wait_until(...), "what did not happen"`` fails at once
    with a message, rather than hanging or raising from inside the helper.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)
