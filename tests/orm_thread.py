"""Use the ORM in a browser test, beside Playwright's event loop."""


def in_another_thread(function):
    """Run *function* (database work) in a thread of its own and return
    what it returns: Playwright's sync API runs an event loop in the
    test's thread, and Django refuses ORM calls beside one."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()
