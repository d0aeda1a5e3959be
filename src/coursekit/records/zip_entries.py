"""Which entries of a zip a learner sent are never taken: links, special files, nested zips, names that
point outside the zip, and entries protected by a password. Used by the cohort's reader of returned zips
(:mod:`coursekit.cohort.return_zip`) and by the learner's restore (:mod:`coursekit.records.move_work`).
Standard library only.
"""

from __future__ import annotations

import stat
import zipfile

#: Names of archives, never opened inside a zip.
ARCHIVES = (".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar")


def unsafe_entry(info: zipfile.ZipInfo, parts: list[str]) -> str | None:
    """Why an entry is never taken, in plain English (None for an ordinary file or folder).
    ``parts`` is its name split at ``/`` and ``\\``."""
    kind = stat.S_IFMT(info.external_attr >> 16)  # whatever system the zip says made it
    name = info.filename
    if kind == stat.S_IFLNK:
        return f"{name} is a link, which is never followed"
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return f"{name} is a special file (not an ordinary file)"
    if name.startswith(("/", "\\")) or (len(parts[0]) == 2 and parts[0][1] == ":") or ".." in parts:
        return f"{name} points outside the zip's own folder"
    if parts[-1].lower().endswith(ARCHIVES):
        return f"{name} is a zip inside the zip, which is never opened"
    if info.flag_bits & 0x1:
        return f"{name} is protected by a password"
    return None
