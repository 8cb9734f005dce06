"""granian's main process, with workers that cannot miss a stop signal.

``khabar serve`` runs ``python -m khabar.site.server <granian options>``:
granian itself, with one change to each worker it forks. A new worker
inherits the main process's SIGTERM and SIGINT handlers and keeps them
until it sets its own, just before it serves, after loading Khabar (a
second or two). A stop in that window only flagged the worker's copy of the
main process, so the worker never stopped, granian waited for it without
end and the worker went on serving: SIGTERM while granian replaced a
crashed worker, or right after a start, hung ``khabar serve`` (#14).

So each new worker starts with the default actions of SIGTERM and SIGINT:
until granian sets its handlers, a stop ends the worker at once. It has
served nothing yet, so it holds no counted views (its view flusher may be
in its first pass; a claim it took stays in the store and is applied
later, see readership/flusher.py). On Linux a worker is also sent SIGTERM
if the main process dies (killed, out of memory), so that no orphan goes
on serving the port; it stops as on any SIGTERM, flushing its views.
"""

import os
import signal
import sys

#: prctl(2): the signal a process gets when the thread that forked it ends.
PR_SET_PDEATHSIG = 1


def main():
    parent = os.getpid()
    prctl = None
    if sys.platform == "linux":
        import ctypes

        # Looked up here: loading a library in a forked child of a process
        # with threads can deadlock.
        prctl = ctypes.CDLL(None, use_errno=True).prctl

    def in_new_worker():
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # granian forks every worker from its main thread, which lives as
        # long as the main process.
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
            if os.getppid() != parent:  # the main process died meanwhile
                os.kill(os.getpid(), signal.SIGTERM)

    os.register_at_fork(after_in_child=in_new_worker)

    from granian.cli import entrypoint

    try:
        entrypoint()
    finally:
        apply_what_workers_left()


def apply_what_workers_left():
    """Once every worker has stopped: apply the views a worker spilled into
    the store but could not apply itself.

    A stop signals all workers at once. One that was still starting (see
    above) may have taken, in its flusher's first pass, the claim another
    worker had just spilled on its way out, and then ended at once: the
    views stayed in the store, to be applied half a minute after the next
    start (a suite run saw 20 views missing after a stop). With no worker
    left, no claim is in flight but one another host's ``flush-views``
    holds, and the database's flush log keeps that one from counting twice.
    """
    # Imported only now: Django stays out of the main process, whose
    # forked workers each load Khabar for themselves.
    import django

    django.setup()
    from django.conf import settings

    from khabar.readership import flusher

    if settings.KHABAR_VIEWS_FLUSHER:
        flusher.flush(apply_claims=True, orphans_after=0)


if __name__ == "__main__":
    main()
