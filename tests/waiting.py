"""Wait for a condition with a deadline, never for a fixed time."""

import time


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
