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

ALL = None  # a line that purges everything


class PurgeLog:
    MAX_SIZE = 4 * 1024 * 1024

    def __init__(self, path):
        self.path = path
        self._inode, self._offset = self._stat()

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
        while True:
            with open(self.path, "ab") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    if os.fstat(handle.fileno()).st_ino != self._stat()[0]:
                        continue  # replaced while we waited: write to the new one
                    if self._inode is None and handle.tell() == 0:
                        # We create the file: nothing in it to catch up on.
                        self._inode = os.fstat(handle.fileno()).st_ino
                    handle.write(data)
                    handle.flush()
                    if handle.tell() > self.MAX_SIZE:
                        self._replace()
                    return
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def _replace(self):
        fresh = f"{self.path}.{os.getpid()}"
        open(fresh, "wb").close()
        os.replace(fresh, self.path)

    def read_new(self):
        """Purges other processes logged since the last call: a list of tag
        lists, with ``ALL`` for "everything" (also after a replacement)."""
        inode, size = self._stat()
        if inode == self._inode and size == self._offset:
            return []
        purges = []
        if inode != self._inode:
            purges.append(ALL)
            self._inode, self._offset = inode, 0
        if inode is None:
            return purges
        try:
            with open(self.path, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_SH)
                handle.seek(self._offset)
                data = handle.read()
                fcntl.flock(handle, fcntl.LOCK_UN)
        except FileNotFoundError:
            return purges
        complete = data[: data.rfind(b"\n") + 1]
        self._offset += len(complete)
        me = os.getpid()
        for line in complete.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                purges.append(ALL)  # unreadable: be safe
                continue
            if record.get("pid") != me:
                purges.append(record.get("tags"))
        return purges
