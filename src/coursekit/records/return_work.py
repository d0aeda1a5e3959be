"""The zip a learner sends back for one exercise, made from their own files, as ``coursekit collect --from-zips`` reads it.

It is named ``<learner id>_<exercise>.zip`` and holds ``<exercise>/<exercise>.ipynb`` and
``<exercise>/<exercise>.answers.json``: the exercise folder, zipped, as a learner pack's README
asks. In the browser site each notebook carries one extra setup cell and the site's kernel
(:mod:`coursekit.site.contents` adds them); the notebook in the zip has that cell taken out and
its own kernel named again, so it is the exercise as it was released. Standard library only.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import zipfile
from pathlib import Path

from coursekit import syllabus
from coursekit.records.learner_files import CourseHome

#: The tag on the cell the browser site adds to each notebook (and takes out again here).
SITE_SETUP_TAG = "coursekit-site-setup"
#: Notebook metadata where the site keeps what it changed (the notebook's own kernelspec).
SITE_METADATA = "coursekit_site"
#: What a learner id may look like (as a cohort roster's): letters, digits, dot, dash, underscore.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def zip_name(learner_id: str, assignment: str) -> str:
    """``<learner id>_<exercise>.zip``: the name ``coursekit collect --from-zips`` looks for."""
    return f"{learner_id}_{assignment}.zip"


def id_from_name(name: str) -> str:
    """A learner id made from a name ("Dr Sam Patel" -> "dr-sam-patel"), or ``""``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    return slug if ID_PATTERN.fullmatch(slug) else ""


def check_id(text: str) -> str:
    """``text`` tidied as a learner id. Raises ``ValueError`` with a plain message if it cannot be one."""
    tidy = text.strip()
    if not ID_PATTERN.fullmatch(tidy):
        raise ValueError("A learner ID is up to 64 letters and digits, and may hold dots, dashes and "
                         "underscores but no spaces. Use the one your trainer gave you.")
    return tidy


def as_released(notebook: bytes) -> bytes:
    """The notebook without the browser site's setup cell and with its own kernel named again."""
    try:
        data = json.loads(notebook.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return notebook  # not ours to mend: collect reports it
    if not isinstance(data, dict):
        return notebook
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    kept = meta.pop(SITE_METADATA, None)
    if not isinstance(kept, dict):
        return notebook
    if "kernelspec" in kept:
        meta["kernelspec"] = kept["kernelspec"]
    data["cells"] = [cell for cell in data.get("cells", [])
                     if SITE_SETUP_TAG not in (cell.get("metadata", {}).get("tags") or [])]
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def with_work(home: CourseHome) -> list[str]:
    """The exercises, in course order, with answers saved."""
    return [a for a in syllabus.load().assignments if home.exercise_answers(a) is not None]


def return_zip(home: CourseHome, assignment: str, when: _dt.datetime | None = None) -> bytes:
    """The zip of one exercise's notebook and answers file. Raises ``FileNotFoundError`` when there are none."""
    notebook, answers = home.exercise_notebook(assignment), home.exercise_answers(assignment)
    if answers is None or not notebook.is_file():
        raise FileNotFoundError(f"There is no saved work on the exercise {assignment} yet.")
    stamp = (when or _dt.datetime.now()).timetuple()[:6]  # a zip keeps local time, as a computer's zip tool does
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in ((notebook, as_released(notebook.read_bytes())), (answers, answers.read_bytes())):
            info = zipfile.ZipInfo(f"{assignment}/{Path(path).name}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
