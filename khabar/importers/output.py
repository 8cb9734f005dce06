"""Write an export's file whole or not at all."""

import os
import stat
import tempfile


def write_whole(path, write, *, suffix):
    """Call ``write(stream)`` on a binary stream whose bytes end up at
    *path*, and return what it returns.

    The bytes go to a temporary file beside *path*, renamed over it once
    complete, so a failed export never leaves half a file under the final
    name. A symbolic link stays one: its target is written. A path that is
    no regular file (``/dev/stdout``, a named pipe) cannot be renamed
    over, and must not be: it is written to directly.
    """
    if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
        with open(path, "wb") as stream:
            return write(stream)
    target = os.path.realpath(path)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), suffix=suffix)
    try:
        with open(handle, "wb") as stream:
            result = write(stream)
        # mkstemp makes the file readable by its owner only; an export is
        # a file like any other.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    return result
