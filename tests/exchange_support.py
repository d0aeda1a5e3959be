"""Test helper: put a submission in an nbgrader exchange exactly as nbgrader's own `submit` leaves it."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path


def submit_to_exchange(inbound: Path, learner: str, assignment: str, when: dt.datetime,
                       files: dict[str, bytes]) -> Path:
    """A folder `<learner>+<assignment>+<timestamp>+<random>` in inbound, with the files, timestamp.txt
    and submission_secret.txt."""
    stamp = when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    folder = inbound / f"{learner}+{assignment}+{stamp}+{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "timestamp.txt").write_text(stamp)
    (folder / "submission_secret.txt").write_text(uuid.uuid4().hex)  # nbgrader's submit leaves one too
    return folder
