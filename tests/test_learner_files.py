"""Finding a learner's answers files from their course home, in each layout."""

from __future__ import annotations

import pytest

from coursekit.records.learner_files import CourseHome, find_home, link
from learner_home_support import LAYOUTS, write

ASSIGNMENTS = ("goal_and_mission", "your_plan")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_answers_files_are_found_in_each_layout(tmp_path, layout):
    lessons_folder, exercise_folder = LAYOUTS[layout]
    home_dir = tmp_path / "course"
    lesson_file = write(lessons_folder(home_dir), "04_goal_and_mission", {"rocks": "b"})
    exercise_file = write(exercise_folder(home_dir, "goal_and_mission"), "goal_and_mission", {"q1_rocks": "c"})
    (exercise_folder(home_dir, "your_plan")).mkdir(parents=True)
    (exercise_folder(home_dir, "your_plan") / "your_plan.ipynb").write_text("{}")

    # A notebook runs in its own folder: the lessons folder or an exercise folder.
    for start in (lessons_folder(home_dir), exercise_folder(home_dir, "your_plan")):
        assert find_home(start, ASSIGNMENTS) == home_dir.resolve(), start
    home = CourseHome(home_dir)
    assert home.lesson_answers("04_goal_and_mission") == lesson_file
    assert home.exercise_answers("goal_and_mission") == exercise_file
    assert home.exercise_answers("your_plan") is None, "nothing saved yet"
    assert home.lesson_answers("07_your_plan") is None
    assert home.exercise_notebook("your_plan") == exercise_folder(home_dir, "your_plan") / "your_plan.ipynb"
    assert home.lessons_folder == lessons_folder(home_dir)


def test_an_exercise_not_there_yet_points_where_it_would_be(tmp_path):
    (tmp_path / "exercises").mkdir()
    assert CourseHome(tmp_path).exercise_notebook("a_team") == tmp_path / "exercises" / "a_team" / "a_team.ipynb"
    pack = tmp_path / "pack"
    (pack / "notebooks").mkdir(parents=True)
    assert CourseHome(pack).exercise_notebook("a_team") == pack / "a_team" / "a_team.ipynb"


def test_a_folder_with_no_course_in_it_is_its_own_home(tmp_path):
    lonely = tmp_path / "a" / "b" / "c"
    lonely.mkdir(parents=True)
    assert find_home(lonely, ASSIGNMENTS) == lonely.resolve()


def test_links_are_relative_with_forward_slashes(tmp_path):
    assert link(tmp_path / "exercises" / "a_team" / "a_team.ipynb", tmp_path / "notebooks") == \
        "../exercises/a_team/a_team.ipynb"
