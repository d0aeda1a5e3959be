""""Download my work": the zip a learner saves is the one `coursekit collect --from-zips` reads.

The zip is made from a learner's own course folder (as `coursekit lab` and the browser site make
it), read back by the cohort's own reader, and, in the slow test, collected by the real
``collect_zips`` into a cohort. The browser site's setup cell never travels in it.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from coursekit.cohort.return_zip import read_return
from coursekit.learner import folder as learner_folder
from coursekit.learner.download import DownloadWork
from coursekit.records import return_work
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_learner_id, save_name
from coursekit.site.contents import for_the_browser
from course_support import ROOT

A = "goal_and_mission"
NB, ANSWERS = f"{A}.ipynb", f"{A}.answers.json"
SOLVED = ROOT / "solutions" / A / ANSWERS


@pytest.fixture
def home(tmp_path) -> CourseHome:
    folder = tmp_path / "coursekit-course"
    learner_folder.make(folder)
    return CourseHome(folder)


def answered(home: CourseHome, browser: bool = False) -> CourseHome:
    target = home.root / "exercises" / A
    shutil.copy(SOLVED, target / ANSWERS)
    if browser:
        for_the_browser(target / NB)
    return home


def links(view: DownloadWork) -> dict[str, bytes]:
    """The files the links save: {download name: bytes}."""
    found = re.findall(r"<a download='([^']+)' href='data:application/zip;base64,([^']+)'", view.links.value)
    return {name: base64.b64decode(data) for name, data in found}


def test_the_zip_holds_the_exercise_folder_named_for_collect(home):
    data = return_work.return_zip(answered(home), A)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == [f"{A}/{ANSWERS}", f"{A}/{NB}"]
        assert archive.read(f"{A}/{ANSWERS}") == SOLVED.read_bytes()
    assert return_work.zip_name("s-patel", A) == "s-patel_goal_and_mission.zip"


def test_the_browser_sites_setup_cell_and_kernel_never_travel(home):
    answered(home, browser=True)
    in_browser = json.loads((home.root / "exercises" / A / NB).read_text("utf-8"))
    assert in_browser["metadata"]["kernelspec"]["name"] == "python"
    data = return_work.return_zip(home, A)
    notebook = json.loads(zipfile.ZipFile(BytesIO(data)).read(f"{A}/{NB}"))
    released = json.loads((ROOT / "exercises" / A / NB).read_text("utf-8"))
    assert notebook["cells"] == released["cells"]
    assert notebook["metadata"] == released["metadata"]


def test_the_cohorts_own_reader_takes_both_files(home, tmp_path):
    view = DownloadWork(answered(home, browser=True))
    view.id_box.value = "L001"
    view.make()
    saved = links(view)
    assert list(saved) == ["L001_goal_and_mission.zip"]
    (tmp_path / "L001_goal_and_mission.zip").write_bytes(saved["L001_goal_and_mission.zip"])
    got = read_return(tmp_path / "L001_goal_and_mission.zip", {NB})
    assert sorted(got.files) == [ANSWERS, NB] and not got.notes
    assert "role" not in view.links.value and "✔ Ready" in view.status.value
    assert read_learner_id(home) == "L001"  # remembered for next time


def test_the_page_says_what_the_files_will_be_called(home):
    save_name(home, "Dr Sam Patel")
    view = DownloadWork(home)
    assert view.id_box.value == "dr-sam-patel"
    assert "dr-sam-patel_goal_and_mission.zip" in view.names.value
    view.id_box.value = "S 12"
    view.make()
    assert "No files made" in view.status.value and "no spaces" in view.status.value and not view.links.value


def test_with_nothing_answered_it_says_so_plainly(home):
    view = DownloadWork(home)
    view.id_box.value = "L001"
    view.make()
    assert "nothing to download" in view.status.value and not links(view)


@pytest.mark.slow
def test_collect_from_zips_collects_the_download(home, tmp_path):
    from coursekit.cohort.collect import collect_zips
    from coursekit.cohort.folder import init_cohort
    from coursekit.cohort.release import make_packs

    (tmp_path / "roster.csv").write_text("id,name,email,board\nL001,Sam Patel,s@nhs.net,North\n", "utf-8")
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Download my work")
    make_packs(cohort, [A])
    view = DownloadWork(answered(home, browser=True))
    view.id_box.value = "L001"
    view.make()
    returned = tmp_path / "returned"
    returned.mkdir()
    for name, data in links(view).items():
        (returned / name).write_bytes(data)
    report = collect_zips(cohort, A, returned)
    assert report.collected == ["L001"], report.lines()
    got = cohort.root / "submitted" / "L001" / A
    assert (got / ANSWERS).read_bytes() == SOLVED.read_bytes()
    assert "coursekit-site-setup" not in (got / NB).read_text("utf-8")
