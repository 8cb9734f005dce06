"""Purges shared between processes on one machine, through a small file.

Without Redis every process has its own memory store, yet a purge can start
in any of them: the granian worker that handled the editor's click, the one
running the scheduler, `khabar worker`, `khabar import-jsonl`. Each purge is
appended to ``var/page-cache-purges.log``; every process checks the file's
size (one ``stat``) before answering from its store and applies the lines
it has not seen. The file is replaced when it grows large; a process that
notices the replacement drops its whole store, which is always safe.
"""

import fcntl
import json
import os
import threading

ALL = None  # a line that purges everything


class PurgeLog:
    MAX_SIZE = 4 * 1024 * 1024

    def __init__(self, path):
        self.path = path
        # (inode, offset) read so far, one tuple so that a thread checking
        # it without the lock never sees half of an update.
        self._seen = self._stat()
        # Request threads of one process catch up at the same moment: each
        # new line must be read, and applied, by exactly one of them.
        self._lock = threading.Lock()

    def _stat(self):
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None, 0
        return st.st_ino, st.st_size

    def write(self, tags):
        """Append one purge (*tags*, or ``ALL``) for the other processes."""
        line = json.dumps({"pid": os.getpid(), "tags": tags}, ensure_ascii=False)
        data = (line + "\n").encode()
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        created = None
        while True:
            with open(self.path, "ab") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    inode = os.fstat(handle.fileno()).st_ino
                    if inode != self._stat()[0]:
                        continue  # replaced while we waited: write to the new one
                    if self._seen[0] is None and handle.tell() == 0:
                        created = inode
                    handle.write(data)
                    handle.flush()
                    if handle.tell() > self.MAX_SIZE:
                        self._replace()
                    break
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)
        if created is not None:
            # We created the file: nothing in it to catch up on. Taken after
            # the file lock is let go: catch_up() takes them the other way.
            with self._lock:
                if self._seen[0] is None:
                    self._seen = (created, 0)

    def _replace(self):
        fresh = f"{self.path}.{os.getpid()}"
        open(fresh, "wb").close()
        os.replace(fresh, self.path)

    def catch_up(self, apply):
        """Call *apply* with the purges other processes logged since the
        last call: a list of tag lists, ``ALL`` meaning "everything" (also
        after a replacement of the file).

        Costs one ``stat`` when nothing is new. When something is, one
        thread reads and applies it while the others wait, so every purge
        is applied once and no thread answers from its store before the
        purges it could see are applied.
        """
        if self._stat() == self._seen:
            return
        with self._lock:
            purges, seen = self._read_new()
            if purges:
                apply(purges)
            self._seen = seen

    def _read_new(self):
        """The purges after what was read so far, and the new (inode,
        offset); the caller holds the lock."""
        inode, size = self._stat()
        seen_inode, offset = self._seen
        purges = []
        if inode != seen_inode:
            purges.append(ALL)
            offset = 0
        if inode is None or size == offset:
            return purges, (inode, offset)
        try:
            with open(self.path, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_SH)
                handle.seek(offset)
                data = handle.read()
                fcntl.flock(handle, fcntl.LOCK_UN)
        except FileNotFoundError:
            return purges, (inode, offset)
        complete = data[: data.rfind(b"\n") + 1]
        me = os.getpid()
        for line in complete.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                purges.append(ALL)  # unreadable: be safe
                continue
            if record.get("pid") != me:
                purges.append(record.get("tags"))
        return purges, (inode, offset + len(complete))
