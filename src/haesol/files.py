"""Writing output files atomically, and refusing output paths that would clobber what they must not.

Policy for ``-o``: the path must be a new name in an existing folder, or an existing regular file
that is not one of the inputs (same inode counts, so hard links are caught). A symbolic link as the
output is REFUSED, never followed or replaced; so are folders, FIFOs, sockets and device nodes. The
text goes to a temporary file in the same folder, is flushed to disk, and is renamed into place, so
a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from haesol.errors import OutputPathError

LOGGER = logging.getLogger(__name__)


def _read_umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


UMASK = _read_umask()  # read once at import (os.umask is process-wide, not thread-safe)


def check_output_path(path: Path, inputs: Iterable[str] = ()) -> None:
    """Refuse an output path that is an input, a symlink, or anything but a regular file or a new name.

    Raises:
        OutputPathError: with the reason, in Korean and English.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        _check_folder(path)
        return
    except OSError as exc:
        raise OutputPathError(f"경로를 확인할 수 없습니다 (cannot inspect the path: {exc.strerror})", path) from exc
    if stat.S_ISLNK(info.st_mode):
        raise OutputPathError("심볼릭 링크에는 쓰지 않습니다 (a symbolic link; haesol refuses, never follows)", path)
    if not stat.S_ISREG(info.st_mode):
        kind = "폴더 (a directory)" if stat.S_ISDIR(info.st_mode) else "일반 파일이 아님 (not a regular file)"
        raise OutputPathError(f"출력할 수 없는 경로: {kind}", path)
    for source in inputs:
        if source and source != "-" and _same_file(info, source):
            raise OutputPathError(f"입력 파일을 덮어쓰지 않습니다 (this is the input file {source})", path)


def _check_folder(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise OutputPathError("출력 폴더가 없습니다 (the output folder does not exist)", path)


def _same_file(info: os.stat_result, other: str) -> bool:
    try:
        other_info = os.stat(other)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (other_info.st_dev, other_info.st_ino)


def write_atomic(path: Path, text: str, inputs: Iterable[str] = ()) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder.

    Raises:
        OutputPathError: when the path is refused (see the module docstring).
        OSError: when the folder is not writable; the temporary file is removed.
    """
    check_output_path(path, inputs)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode if mode is not None else 0o666 & ~UMASK)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
