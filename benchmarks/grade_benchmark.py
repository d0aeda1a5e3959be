"""Benchmark: `nbgrader autograde` with coursekit's grading against stock nbgrader.

What it measures
----------------
The wall-clock time of ``nbgrader autograde goal_and_mission`` for N synthetic
submissions, in two throw-away nbgrader course folders that differ only in their
``nbgrader_config.py``:

* **coursekit**: a copy of ``course/nbgrader_config.py``. Autograde reads each
  learner's ``goal_and_mission.answers.json`` as data (``GradeAnswers``); no
  kernel is started and no learner code runs.
* **stock**: the same ``course_id`` and nothing else, so nbgrader's default
  autograde chain runs every notebook in a kernel (``Execute``); the hidden
  tests' ``ex.check(..., key=...)`` calls return the points.

Each course times one ``nbgrader autograde`` call over all N submissions
(``time.perf_counter`` around the subprocess, so interpreter and nbgrader
start-up are included). It then times the same command once more with nothing
left to grade (nbgrader skips every submission): that is the fixed start-up of a
command, and ``(T(N) - start-up) / N`` is the cost of each submission. As a
cross-check it also times one learner re-graded alone (``--student ... --force``).
``--repeat R`` grades all N R times (``--force`` after the first) and keeps the fastest.

It also checks correctness: every learner's auto score on every autograded test
cell must be the same in both gradebooks. A mismatch table is printed and the
exit status is 1 if any differ. The synthetic first goals are built to meet a
known number of the five criteria (0 to 5), and that expected score is checked too.

How to run
----------
From the project folder::

    .venv/bin/python benchmarks/grade_benchmark.py          # N = 20
    .venv/bin/python benchmarks/grade_benchmark.py -n 50
    .venv/bin/python benchmarks/grade_benchmark.py -n 20 --repeat 3   # fastest of 3
    .venv/bin/python benchmarks/grade_benchmark.py -n 5 --keep        # keep the course folders

Nothing in the project is changed: both courses live in a temporary folder that
is removed at the end (unless ``--keep``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook

from coursekit.questions import goal
from coursekit.answers import Answer, answers_path, read_answers, write_answers
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.questions.testcells import parse_test_cell

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "goal_and_mission"
NOTEBOOK = "goal_and_mission"
#: When every synthetic answer was "saved": the first goal's date rule counts days from it.
SAVED_AT = dt.datetime(2026, 11, 20, 14, 30, tzinfo=dt.timezone.utc)

STOCK_CONFIG = '''"""Stock nbgrader: the same course, graded by running each notebook in a kernel."""

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
'''


# -- the two courses ------------------------------------------------------------------------

def course_id() -> str:
    """The course_id set in course/nbgrader_config.py (read, not executed)."""
    for line in (ROOT / "course" / "nbgrader_config.py").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("c.CourseDirectory.course_id"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("course/nbgrader_config.py sets no CourseDirectory.course_id")


def make_course(folder: Path, stock: bool) -> Path:
    """A course folder with the assignment's source, its config, and a generated release."""
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "course" / "source" / ASSIGNMENT, folder / "source" / ASSIGNMENT,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.answers.json", "__pycache__"))
    if stock:
        (folder / "nbgrader_config.py").write_text(STOCK_CONFIG.format(course_id=course_id()), encoding="utf-8")
    else:
        shutil.copy(ROOT / "course" / "nbgrader_config.py", folder / "nbgrader_config.py")
    run_nbgrader(["generate_assignment", ASSIGNMENT], folder)
    return folder


# -- the questions, read from the source notebook ---------------------------------------------

@dataclass(frozen=True)
class Questions:
    choices: tuple[str, ...]  # question ids of choice questions
    goal: str  # question id of the first goal
    goal_cell: str  # the grade cell that checks it
    goal_points: float
    written: tuple[str, ...]  # assessor-marked answers (solution cells)
    worked: tuple[str, ...] = ()  # other auto-graded questions: given the worked answer (full marks)


def read_questions() -> Questions:
    """What the exercise asks, from the hidden tests of the source notebook."""
    nb = nbformat.read(ROOT / "course" / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb", as_version=4)
    choices, goals, written, worked = [], [], [], []
    for cell in nb.cells:
        if not utils.is_grade(cell):
            continue
        meta = cell.metadata["nbgrader"]
        if utils.is_solution(cell):
            written.append(meta["grade_id"])
            continue
        spec = parse_test_cell(cell.source)
        if spec.key["kind"] == "choice":
            choices.append(spec.question)
        elif spec.key["kind"] == "first_goal":
            goals.append((spec.question, meta["grade_id"], float(meta["points"])))
        else:
            worked.append(spec.question)
    if len(goals) != 1:
        raise SystemExit(f"expected one first-goal check in {NOTEBOOK}.ipynb, found {len(goals)}")
    (question, cell_id, points), = goals
    return Questions(tuple(choices), question, cell_id, points, tuple(written), tuple(worked))


def worked_answers() -> dict[str, Answer]:
    """The worked solution's answers (solutions/<assignment>/), full marks on every auto-graded part."""
    found = read_answers(answers_path(ROOT / "solutions" / ASSIGNMENT, NOTEBOOK))
    if found.problems or not found.exists:
        raise SystemExit(f"cannot read the worked answers in solutions/{ASSIGNMENT}: {found.problems}")
    return found.answers


# -- synthetic submissions ------------------------------------------------------------------

def _values(options) -> list[str]:
    return [value for _label, value in options]


def synthetic_goal(rng: random.Random, target: int) -> dict[str, str]:
    """A first goal meeting exactly ``target`` of the five criteria; which ones, and how
    the others fail, are chosen at random."""
    met = set(rng.sample(range(5), target))
    answer: dict[str, str] = {}

    # 1. A single, tangible goal: one sentence, at most 40 words, and a service.
    sentence = rng.choice([
        "Staff on ward 7 can order supplies from a tablet at the bedside.",
        "Patients can see their clinic letters online the day they are written.",
        "Community nurses can book interpreters from their phones in one step.",
    ])
    if 0 in met:
        answer["goal"], answer["kind"] = sentence, "service"
    else:
        how = rng.choice(["kind", "two_sentences", "list", "too_long"])
        answer["kind"] = rng.choice(_values(goal.KIND_OPTIONS)[1:]) if how == "kind" else "service"
        answer["goal"] = {
            "kind": sentence,
            "two_sentences": sentence + " Then we will do the same for outpatients.",
            "list": "- Online letters\n- A new intranet",
            "too_long": " ".join(["We will deliver a single new service for patients"] * 6) + ".",
        }[how]

    # 2. Visible to real users.
    users = _values(goal.USERS_OPTIONS)
    answer["users"] = rng.choice(users[:3] if 1 in met else users[3:])

    # 3. A specific, realistic date: 28 to 366 days after the goal was saved.
    if 2 in met:
        days = rng.randint(goal.MIN_DAYS, goal.MAX_DAYS)
        answer["date"] = (SAVED_AT.date() + dt.timedelta(days=days)).isoformat()
    else:
        days = rng.choice([None, -10, 3, goal.MIN_DAYS - 1, goal.MAX_DAYS + 1, 900])
        answer["date"] = "" if days is None else (SAVED_AT.date() + dt.timedelta(days=days)).isoformat()

    # 4. Small and low-risk: one team and low risk.
    if 3 in met:
        answer["scale"], answer["risk"] = "one_team", "low"
    else:
        pairs = [(s, r) for s in _values(goal.SCALE_OPTIONS) for r in _values(goal.RISK_OPTIONS)
                 if (s, r) != ("one_team", "low")]
        answer["scale"], answer["risk"] = rng.choice(pairs)

    # 5. Strikingly different, and said in at least five words.
    difference = "Nobody has to phone the ward or wait on hold any more."
    if 4 in met:
        answer["different"], answer["difference"] = "strikingly", difference
    else:
        answer["different"], answer["difference"] = rng.choice([
            ("strikingly", "Faster."),
            ("somewhat", difference),
            ("barely", difference),
        ])
    return {name: answer[name] for name in goal.FIELDS}


REFLECTIONS = (
    "What? Our board keeps waiting for the new patient record. So what? That is collecting rocks. "
    "Now what? I will propose one small goal with a date at the next meeting.",
    "We have tried to change everything at once before. Next time I will ask for one team, "
    "one service and one date, and stage the rest as SCAS did.",
    "I am not sure yet.",
)


def synthetic_answers(rng: random.Random, questions: Questions, target: int) -> dict[str, Answer]:
    saved_at = SAVED_AT.isoformat()
    answers = {qid: Answer(rng.choice("abcd"), saved_at) for qid in questions.choices}
    answers[questions.goal] = Answer(synthetic_goal(rng, target), saved_at)
    for qid in questions.written:
        answers[qid] = Answer(rng.choice(REFLECTIONS), saved_at)
    if questions.worked:
        worked = worked_answers()
        answers.update({qid: worked[qid] for qid in questions.worked})
    return answers


@dataclass
class Learner:
    student: str
    answers: dict[str, Answer]
    goal_points: int  # how many of the five criteria the synthetic goal was built to meet


def make_learners(n: int, seed: int, questions: Questions) -> list[Learner]:
    rng = random.Random(seed)
    learners = []
    for i in range(n):
        target = i % 6  # every score from 0 to 5, in turn
        answers = synthetic_answers(rng, questions, target)
        # The generator must do what it says, or the expected scores mean nothing.
        built = goal.check_goal(answers[questions.goal].value, answers[questions.goal].saved_at)
        if sum(c.met for c in built.criteria) != target:
            raise RuntimeError(f"synthetic goal meant to meet {target} criteria does not: {built}")
        learners.append(Learner(f"learner{i + 1:03d}", answers, target))
    return learners


def submit(course: Path, learners: list[Learner]) -> None:
    """Put each learner's submission where `nbgrader collect` would: submitted/<student>/<assignment>/."""
    release = course / "release" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"
    for learner in learners:
        folder = course / "submitted" / learner.student / ASSIGNMENT
        folder.mkdir(parents=True)
        shutil.copy(release, folder / release.name)
        write_answers(answers_path(folder, NOTEBOOK), NOTEBOOK, learner.answers)
        (folder / "timestamp.txt").write_text(
            (SAVED_AT + dt.timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")


# -- timing ---------------------------------------------------------------------------------

def timed_autograde(course: Path, *extra: str) -> float:
    """Wall-clock seconds of one `nbgrader autograde` command, start-up included."""
    start = time.perf_counter()
    run_nbgrader(["autograde", ASSIGNMENT, *extra], course)
    return time.perf_counter() - start


@dataclass
class Timing:
    runs: list[float]  # one command grading all N submissions; repeats re-grade with --force
    startup: float  # one command with nothing to do (every submission already graded)
    one: float | None  # one command re-grading a single submission

    @property
    def all_n(self) -> float:
        return min(self.runs)

    def per_submission(self, n: int) -> float:
        return self.all_n / n

    def marginal(self, n: int) -> float:
        """Seconds per submission with the command's fixed start-up taken out."""
        return (self.all_n - self.startup) / n


def time_course(course: Path, learners: list[Learner], repeat: int) -> Timing:
    runs = [timed_autograde(course)]
    runs += [timed_autograde(course, "--force") for _ in range(repeat - 1)]
    startup = timed_autograde(course)  # nothing new: nbgrader skips every submission
    one = timed_autograde(course, "--student", learners[0].student, "--force") if len(learners) > 1 else None
    return Timing(runs, startup, one)


# -- correctness ----------------------------------------------------------------------------

def auto_scores(course: Path, learners: list[Learner]) -> dict[tuple[str, str], tuple[float | None, float]]:
    """(student, cell) -> (auto score, max score) for every autograded test cell."""
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id()) as gb:
        written = {cell.name for cell in gb.find_notebook(NOTEBOOK, ASSIGNMENT).solution_cells}
        for learner in learners:
            submitted = gb.find_submission_notebook(NOTEBOOK, ASSIGNMENT, learner.student)
            for grade in submitted.grades:
                if grade.cell.cell_type == "code" and grade.name not in written:
                    scores[(learner.student, grade.name)] = (grade.auto_score, grade.max_score)
    return scores


def written_answer_grades(course: Path, learners: list[Learner], cell: str) -> dict[str, tuple[float | None, bool]]:
    """student -> (auto score, needs manual grade) of an assessor-marked cell such as the reflection."""
    found = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id()) as gb:
        for learner in learners:
            grade = gb.find_grade(cell, NOTEBOOK, ASSIGNMENT, learner.student)
            found[learner.student] = (grade.auto_score, grade.needs_manual_grade)
    return found


def compare(stock: dict, coursekit: dict, learners: list[Learner], questions: Questions) -> list[tuple]:
    """Rows (student, cell, stock, coursekit, expected) where the two gradebooks disagree,
    or the first goal's score is not the one the generator built."""
    expected = {(lr.student, questions.goal_cell): round(questions.goal_points * lr.goal_points / 5, 2)
                for lr in learners}
    rows = []
    for key in sorted(set(stock) | set(coursekit)):
        s = stock.get(key, (None, None))[0]
        k = coursekit.get(key, (None, None))[0]
        want = expected.get(key)
        if s != k or (want is not None and (s != want or k != want)):
            rows.append((*key, s, k, want))
    return rows


def print_mismatches(rows: list[tuple]) -> None:
    print(f"\nMISMATCH: {len(rows)} cell score(s) differ")
    print(f"  {'student':<12} {'cell':<22} {'stock':>7} {'coursekit':>10} {'expected':>9}")
    for student, cell, s, k, want in rows:
        print(f"  {student:<12} {cell:<22} {_num(s):>7} {_num(k):>10} {_num(want):>9}")


def _num(value) -> str:
    return "-" if value is None else f"{value:g}"


# -- report ---------------------------------------------------------------------------------

def report(n: int, stock: Timing, coursekit: Timing, cells: int, mismatches: int,
           written: tuple[dict, dict] | None) -> None:
    print(f"\nsubmissions: {n}")
    for label, t in (("stock nbgrader (Execute):", stock), ("coursekit (answers as data):", coursekit)):
        print(f"{label:<29} {t.all_n:6.1f} s  ({t.per_submission(n):.3f} s per submission)")
    verdict = (f"scores identical for all {n} submissions ({cells} autograded cells)" if not mismatches
               else f"{mismatches} of {cells} autograded cell scores DIFFER")
    print(f"ratio: {stock.all_n / coursekit.all_n:.1f}x faster; {verdict}")
    if len(stock.runs) > 1:
        print(f"(best of {len(stock.runs)} runs; stock {_runs(stock)}, coursekit {_runs(coursekit)})")

    print("\nfixed start-up of one `nbgrader autograde` (a run with nothing left to grade):")
    print(f"  stock {stock.startup:.2f} s, coursekit {coursekit.startup:.2f} s")
    print("per submission, start-up excluded:")
    ratio = (f" -> {stock.marginal(n) / coursekit.marginal(n):.1f}x faster" if coursekit.marginal(n) > 0
             else " (too few submissions to separate from start-up noise)")
    print(f"  stock {stock.marginal(n):.3f} s, coursekit {coursekit.marginal(n):.3f} s{ratio}")
    if stock.one is not None and coursekit.one is not None:
        print(f"cross-check, one submission re-graded alone: stock {stock.one:.2f} s, coursekit {coursekit.one:.2f} s")

    if written is None:
        return
    stock_w, ck_w = written
    differ = [s for s in stock_w if stock_w[s] != ck_w.get(s)]
    if differ:
        example = differ[0]
        print(f"\nnote: the assessor-marked reflection cell is graded differently in {len(differ)} of {n} "
              "submissions (not an autograded cell, so not compared above):")
        print(f"  stock:     auto score {_num(stock_w[example][0])}, needs manual grade {stock_w[example][1]}"
              " (the answers file is never read, so the cell looks unanswered)")
        print(f"  coursekit: auto score {_num(ck_w[example][0])}, needs manual grade {ck_w[example][1]}"
              " (the saved reflection is put in the cell for the assessor)")


def _runs(t: Timing) -> str:
    return ", ".join(f"{r:.1f}" for r in t.runs) + " s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="number of synthetic submissions (default 20)")
    parser.add_argument("--seed", type=int, default=2026, help="seed for the synthetic answers (default 2026)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="grade all N this many times in each course and report the fastest (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary course folders and print where")
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("-n and --repeat must be at least 1")

    questions = read_questions()
    learners = make_learners(args.n, args.seed, questions)
    scratch = Path(tempfile.mkdtemp(prefix="coursekit-bench-"))
    try:
        print(f"Setting up two courses in {scratch} ...")
        courses = {"coursekit": make_course(scratch / "coursekit", stock=False),
                   "stock": make_course(scratch / "stock", stock=True)}
        for course in courses.values():
            submit(course, learners)

        timings = {}
        for name in ("coursekit", "stock"):  # coursekit first: any cold-cache cost falls on it
            print(f"Autograding {args.n} submission(s) with {name} ...", flush=True)
            timings[name] = time_course(courses[name], learners, args.repeat)

        scores = {name: auto_scores(course, learners) for name, course in courses.items()}
        rows = compare(scores["stock"], scores["coursekit"], learners, questions)
        written = None
        if questions.written:
            written = tuple(written_answer_grades(courses[name], learners, questions.written[0])
                            for name in ("stock", "coursekit"))
        report(args.n, timings["stock"], timings["coursekit"], len(scores["stock"]), len(rows), written)
        if rows:
            print_mismatches(rows)
            return 1
        return 0
    finally:
        if args.keep:
            print(f"\nkept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
