"""A learner's own course folder, made from the installed package.

A self-paced learner needs nothing but the package: ``coursekit lab`` run anywhere outside
the project makes ``coursekit-course/`` (the lessons in ``notebooks/``, the exercises in
``exercises/<exercise>/``, as in a learner pack) and opens it in JupyterLab. Worked solutions
and answer keys are never copied. Making the folder again only adds what is missing: a
learner's notebooks and answers files are never overwritten.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from coursekit import syllabus

#: The folder ``coursekit lab`` makes in the current folder.
FOLDER_NAME = "coursekit-course"
#: The file that marks a folder as a learner's course folder.
MARKER = ".coursekit-course.json"
#: What is copied from the package (coursekit/course_files/<name>) to the learner's folder.
COPIED = ("notebooks", "exercises")
#: What ``coursekit lab`` says when JupyterLab is not installed (``pip install coursekit`` alone leaves it out).
NO_JUPYTERLAB = ("`coursekit lab` opens the course in JupyterLab, which is not installed here. "
                 'Install it with:  pip install "coursekit[lab]"  and then run `coursekit lab` again.')

#: Where ``coursekit lab`` keeps JupyterLab's settings for the course, inside the folder it opens.
SETTINGS_DIR = ".coursekit/jupyterlab-settings"
#: JupyterLab settings the course starts with (plugin id -> settings). No news pop-up over the first
#: lesson, no request to jupyter.org, and a notebook opens on its kernel with no "Select Kernel" dialog.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"autoStartDefaultKernel": True},
}
#: coursekit's own JupyterLab extensions, prebuilt and shipped in the package: ``coursekit-pages`` runs a
#: lesson or exercise when it opens, with its code out of sight (``coursekit lab`` adds this folder).
LABEXTENSIONS = Path(__file__).resolve().parents[1] / "labextension"

README = """\
{course}
Your own copy of the course ({edition}).

What is here
  - notebooks/  the lessons. Start with 00_start_here.ipynb. progress.ipynb shows
    what you have done and what is left.
  - exercises/  a folder for each lesson's exercise. Each lesson links to its exercise.

Your answers save as you give them, in files ending .answers.json beside each notebook.
Keep those files where they are. To open the course again later, run `coursekit lab`
in the folder that holds this one, or in this folder. To move to another computer, use
Download all my work on progress.ipynb, then Restore my work from a download there.
"""


@dataclass
class Made:
    folder: Path
    added: list[Path] = field(default_factory=list)  # files copied this time
    kept: int = 0  # files already there, left exactly as they were


def lab_settings(root: Path) -> Path:
    """JupyterLab's settings folder for the course in ``root``, with :data:`LAB_SETTINGS` written where
    no settings file is there yet (a setting the learner changed in JupyterLab is kept)."""
    settings = root / SETTINGS_DIR
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2), "utf-8")
    return settings


def jupyterlab_installed() -> bool:
    """Whether this Python can start JupyterLab (``coursekit[lab]`` installs it; the learner runtime alone does not)."""
    return importlib.util.find_spec("jupyterlab") is not None


def is_learner_folder(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def choose(start: Path) -> Path:
    """The learner folder to open from ``start``: ``start`` itself if it is one, else ``start/coursekit-course``."""
    return start if is_learner_folder(start) else start / FOLDER_NAME


def make(folder: Path) -> Made:
    """Make (or complete) a learner's course folder at ``folder`` from the package's course files."""
    package = resources.files("coursekit").joinpath("course_files")
    if not package.joinpath("exercises").is_dir():
        raise FileNotFoundError("This copy of coursekit has no course files (coursekit/course_files/exercises "
                                "is missing). Reinstall coursekit, or ask your trainer for a learner pack.")
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder} is a file, not a folder. Move it, or choose another folder with --root.")
    made = Made(folder)
    with resources.as_file(package) as source:
        for name in COPIED:
            for path in sorted((source / name).rglob("*")):
                if not path.is_file() or "__pycache__" in path.parts or path.name.endswith(".answers.json"):
                    continue
                target = folder / path.relative_to(source)
                if target.exists():
                    made.kept += 1
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                made.added.append(target)
    course = syllabus.load()
    readme = folder / "README.txt"
    if not readme.exists():
        readme.write_text(README.format(course=course.course, edition=course.edition), "utf-8")
    (folder / MARKER).write_text(json.dumps({"course": course.course, "edition": course.edition}, indent=1), "utf-8")
    return made
