"""Read a zip a learner sent back as data, within limits, and write a clean copy of what it holds.

Only the released notebooks and their answers files (``<notebook>.answers.json``) are taken,
by their base names, wherever they are in the zip (the last copy wins). Nothing else in the zip
is ever unpacked: no links, no special files, no nested zips, no ``..`` or absolute paths, no
files left by an interrupted save. Entry modes are ignored. A zip over the limits is refused
whole. Every entry is read in bounded chunks, so the sizes a zip declares are never trusted.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from coursekit.answers import answers_path
from coursekit.records.zip_entries import unsafe_entry
from coursekit.cohort.submitted_files import FILE_MODE, MAX_BYTES, MAX_FILES, UnsafeFile, is_temp, read_regular

#: A returned zip: at most this big on disk, this many entries, and this much once unpacked.
MAX_ZIP_BYTES = MAX_BYTES
MAX_ENTRIES = MAX_FILES
MAX_UNPACKED = MAX_BYTES
#: The most its list of entries may take (about 1 KB an entry; real ones take about 100 bytes), checked
#: before the list is read, so a zip of a million tiny entries is refused without reading them.
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 1024
_CHUNK = 64 * 1024


class RefusedZip(ValueError):
    """A zip that is not collected at all; the message says why, in plain English."""


@dataclass
class ReturnedFiles:
    """What a returned zip holds that is worth taking."""

    files: dict[str, bytes] = field(default_factory=dict)  # base name -> bytes (the last copy in the zip)
    copies: dict[str, int] = field(default_factory=dict)  # base name -> how many copies the zip held
    times: list[_dt.datetime] = field(default_factory=list)  # when each entry was last changed (naive UTC)
    notes: list[str] = field(default_factory=list)  # entries left out, in plain English

    def saved_times(self) -> list[_dt.datetime]:
        """The ``saved_at`` of every answer in the answers files (naive UTC); odd ones are left out."""
        found = []
        for name, data in self.files.items():
            if not name.endswith(".answers.json"):
                continue
            try:
                entries = json.loads(data.decode("utf-8")).get("answers", {})
                values = list(entries.values()) if isinstance(entries, dict) else []
            except (ValueError, RecursionError, AttributeError, UnicodeDecodeError):
                continue
            for entry in values:
                when = _utc(entry.get("saved_at") if isinstance(entry, dict) else None)
                if when is not None:
                    found.append(when)
        return found


def _utc(text) -> _dt.datetime | None:
    """A date a learner wrote, as naive UTC, or None if it is not one (never raises)."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    try:
        when = _dt.datetime.fromisoformat(text)
        return when.astimezone(_dt.timezone.utc).replace(tzinfo=None) if when.tzinfo else when
    except (ValueError, OverflowError, OSError):
        return None


def _entry_time(info: zipfile.ZipInfo) -> _dt.datetime | None:
    try:
        return _dt.datetime(*info.date_time).astimezone(_dt.timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def wanted_names(notebooks: set[str]) -> set[str]:
    """The released notebooks and their answers files: all a returned zip is opened for."""
    return set(notebooks) | {answers_path(Path("."), Path(nb).stem).name for nb in notebooks}


def _too_big(zip_name: str) -> RefusedZip:
    return RefusedZip(f"{zip_name} unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB, far more than a "
                      "returned exercise, so it was not collected. Ask the learner to zip only the exercise "
                      "folder and send it again.")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, zip_name: str) -> bytes:
    chunks, total = [], 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            total += len(chunk)
            if total > budget:
                raise _too_big(zip_name)
            chunks.append(chunk)
    return b"".join(chunks)


def _directory_size(raw: bytes) -> int:
    """How many bytes the zip says its list of entries takes (0 if it does not say: zipfile then refuses it)."""
    record = zipfile._EndRecData(io.BytesIO(raw))  # the standard library's own reader of the zip's end record
    return int(record[zipfile._ECD_SIZE]) if record else 0


def read_return(path: Path, notebooks: set[str]) -> ReturnedFiles:
    """The released notebooks and answers files in a returned zip. Raises :class:`RefusedZip`."""
    name = Path(path).name
    try:
        raw = read_regular(Path(path), MAX_ZIP_BYTES)
    except UnsafeFile as err:
        raise RefusedZip(f"{err} So it was not collected.") from err
    wanted = wanted_names(notebooks)
    found = ReturnedFiles()
    too_many = (f"{name} holds more than the {MAX_ENTRIES} files a returned exercise may hold, so it was not "
                "collected. Ask the learner to zip only the exercise folder and send it again.")
    try:
        if _directory_size(raw) > MAX_DIRECTORY_BYTES:
            raise RefusedZip(too_many)
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise RefusedZip(too_many)
            if sum(info.file_size for info in infos) > MAX_UNPACKED:  # what it says; what it holds is counted too
                raise _too_big(name)
            budget = MAX_UNPACKED
            for info in infos:
                parts = info.filename.replace("\\", "/").split("/")
                base = parts[-1]
                if info.is_dir() or not base or "__MACOSX" in parts or ".ipynb_checkpoints" in parts \
                        or base.startswith("._") or is_temp(base):
                    continue
                why = unsafe_entry(info, parts)
                if why is not None:
                    found.notes.append(f"{name}: {why}; it was left out.")
                    continue
                when = _entry_time(info)
                if when is not None:
                    found.times.append(when)
                if base not in wanted:
                    continue
                data = _read_entry(archive, info, budget, name)
                budget -= len(data)
                found.files[base] = data
                found.copies[base] = found.copies.get(base, 0) + 1
    except RefusedZip:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            ValueError, MemoryError) as err:
        raise RefusedZip(f"{name} could not be read as a zip ({str(err)[:100] or type(err).__name__}), so it "
                         "was not collected. Ask the learner to zip the exercise folder again and resend it.") from err
    except Exception as err:  # noqa: BLE001 - zlib, lzma and bz2 errors: the zip is the learner's, never a crash
        raise RefusedZip(f"{name} could not be unpacked ({type(err).__name__}), so it was not collected. "
                         "Ask the learner to zip the exercise folder again and resend it.") from err
    return found


def write_clean(files: dict[str, bytes], target: Path) -> None:
    """A new zip holding only ``files``, at its top level, as ordinary files (mode 0o644)."""
    with zipfile.ZipFile(target, "x", zipfile.ZIP_DEFLATED) as out:
        for base, data in sorted(files.items()):
            info = zipfile.ZipInfo(PurePosixPath(base).name)
            info.create_system = 3  # unix, so the mode below is the one used
            info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, data)
