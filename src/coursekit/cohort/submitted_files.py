"""Whether a learner's file tree is safe to take (no links, no special files, within limits), and taking it.

Everything here works on the entries themselves, never on what a link points to: a folder is
walked without following links, and a file is opened with ``O_NOFOLLOW`` and checked to be an
ordinary file on the open handle, so a link swapped in after a check is still never followed.
A copy is an ordinary file owned by whoever copies it, mode 0o644, whatever mode the learner's
file had. Files left by an interrupted answers save (``.<name>.XXXX.tmp``) are never taken.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

#: What one learner's submission may hold. Real work is a few hundred KB in a handful of files.
MAX_FILES = 200
MAX_BYTES = 50 * 1024 * 1024
FILE_MODE, FOLDER_MODE = 0o644, 0o755
_CHUNK = 64 * 1024


class UnsafeFile(ValueError):
    """A learner's file that is not taken: a link, a special file, or over a limit."""


@dataclass(frozen=True)
class Finding:
    path: Path  # the entry that is not safe to take (the folder itself, for a limit)
    why: str  # plain English, naming the entry relative to the folder checked


def is_temp(name: str) -> bool:
    """A file left by an interrupted save, such as ``.goal.answers.json.k2j3.tmp``."""
    return name.startswith(".") and name.endswith(".tmp")


def _kind(mode: int) -> str | None:
    """What kind of entry this is, if it is not an ordinary file or folder."""
    if stat.S_ISLNK(mode):
        return "a link"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "a special file (not an ordinary file)"


def check_tree(folder: Path, max_files: int | None = MAX_FILES, max_bytes: int | None = MAX_BYTES) -> list[Finding]:
    """Every entry in ``folder`` (the folder itself included) that is not safe to take, and any limit
    passed (None: no limit)."""
    folder = Path(folder)
    try:
        kind = _kind(os.lstat(folder).st_mode)
    except OSError as err:
        return [Finding(folder, f"{folder.name} could not be read ({err.strerror or err}).")]
    if kind is not None:
        return [Finding(folder, f"{folder.name} is {kind}; links and special files are never followed.")]
    found: list[Finding] = []
    files = size = 0
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as err:
            found.append(Finding(current, f"{current.relative_to(folder)} could not be read ({err.strerror or err})."))
            continue
        for entry in entries:
            path = Path(entry.path)
            info = entry.stat(follow_symlinks=False)
            kind = _kind(info.st_mode)
            if kind is not None:
                found.append(Finding(path, f"{path.relative_to(folder)} is {kind}, which is never followed or copied."))
            elif stat.S_ISDIR(info.st_mode):
                stack.append(path)
            else:
                files += 1
                size += info.st_size
    if max_files is not None and files > max_files:
        found.append(Finding(folder, f"it holds {files} files, more than the {max_files} a submission may hold."))
    if max_bytes is not None and size > max_bytes:
        found.append(Finding(folder, f"it holds {size:,} bytes, more than the {max_bytes:,} a submission may hold."))
    return found


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_regular(path: Path, limit: int = MAX_BYTES, dir_fd: int | None = None) -> bytes:
    """The bytes of an ordinary file, never through a link and never more than ``limit``
    (``path`` relative to the open folder ``dir_fd``, if given)."""
    name = Path(path).name
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
    except OSError as err:
        raise UnsafeFile(f"{name} could not be opened as an ordinary file ({err.strerror or err}); "
                         "links are never followed.") from err
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UnsafeFile(f"{name} is {_kind(mode) or 'a folder'}, not an ordinary file.")
        chunks, total = [], 0
        while chunk := handle.read(_CHUNK):
            total += len(chunk)
            if total > limit:
                raise UnsafeFile(f"{name} is larger than the {limit:,} bytes allowed.")
            chunks.append(chunk)
    return b"".join(chunks)


def write_plain(path: Path, data: bytes) -> None:
    """Write a new ordinary file, mode 0o644, owned by this process (never through an existing link)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        if hasattr(os, "fchmod"):  # not on Windows, where modes do not apply
            os.fchmod(handle.fileno(), FILE_MODE)


def _open_folder(name, dir_fd: int | None = None, owner: int | None = None) -> int:
    """An open handle on a folder itself, never through a link (and owned by ``owner``, if given)."""
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW, dir_fd=dir_fd)
    except OSError as err:
        raise UnsafeFile(f"{Path(name).name} could not be opened as a folder ({err.strerror or err}); "
                         "links are never followed.") from err
    if owner is not None and os.fstat(fd).st_uid != owner:
        os.close(fd)
        raise UnsafeFile(f"{Path(name).name} changed owner while it was being collected.")
    return fd


def copy_tree(src: Path, dest: Path, ignore: Iterable[str] = (), max_files: int = MAX_FILES,
              max_bytes: int = MAX_BYTES, owner: int | None = None) -> None:
    """Copy a learner's folder as data: ordinary files and folders only, fixed modes, no temp files.

    Every folder and file is opened relative to its open parent, never through a link, so nothing
    swapped in during the copy is followed; ``owner``, if given, must own ``src`` as it is opened.
    Raises :class:`UnsafeFile` (and removes the partial copy) on a link, a special file or a limit;
    ``dest`` must not exist yet."""
    patterns = list(ignore)
    dest = Path(dest)
    state = {"files": 0, "bytes": 0, "made": False}

    def copy(fd: int, into: Path, rel: Path) -> None:
        into.mkdir(mode=FOLDER_MODE)
        state["made"] = True
        into.chmod(FOLDER_MODE)
        with os.scandir(fd) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            if is_temp(entry.name) or any(fnmatch.fnmatch(entry.name, p) for p in patterns):
                continue
            mode = entry.stat(follow_symlinks=False).st_mode
            kind = _kind(mode)
            if kind is not None:
                raise UnsafeFile(f"{rel / entry.name} is {kind}, which is never followed or copied.")
            if stat.S_ISDIR(mode):
                child = _open_folder(entry.name, dir_fd=fd)
                try:
                    copy(child, into / entry.name, rel / entry.name)
                finally:
                    os.close(child)
                continue
            state["files"] += 1
            if state["files"] > max_files:
                raise UnsafeFile(f"it holds more than the {max_files} files a submission may hold.")
            data = read_regular(Path(entry.name), max_bytes - state["bytes"], dir_fd=fd)
            state["bytes"] += len(data)
            write_plain(into / entry.name, data)

    try:
        top = _open_folder(Path(src), owner=owner)
        try:
            copy(top, dest, Path("."))
        finally:
            os.close(top)
    except (UnsafeFile, OSError):
        if state["made"]:
            shutil.rmtree(dest, ignore_errors=True)
        raise


def set_aside(findings: Iterable[Finding], folder: Path, into: Path) -> list[Path]:
    """Move unsafe entries (the entries themselves, never what a link points to) from ``folder`` to ``into``,
    keeping their place in the folder; nothing is deleted. Returns where each went."""
    moved = []
    for finding in findings:
        if finding.path == folder:
            continue  # a limit, not an entry
        target = into / finding.path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(finding.path, target)  # a link is moved as a link
        moved.append(target)
    return moved
