"""Benchmark: grading a whole cohort with `coursekit grade`, at several sizes, against stock nbgrader.

What it measures
----------------
For each size N (default 100, 500 and 2,000 submissions of ``goal_and_mission``) it makes a
fresh cohort with ``coursekit cohort init`` (SQLite gradebook), generates the assignment,
puts N synthetic submissions in ``submitted/`` (the same generator as grade_benchmark.py:
random choices, a first goal built to meet 0 to 5 criteria, a reflection) and times one
``coursekit grade --quiet`` command over all of them (wall clock, start-up included).

At the smallest size it also times stock nbgrader (``nbgrader autograde`` with nbgrader's
default chain, every notebook run in a kernel) on the same submissions, and gives the ratio.

Every run is checked: each learner's first-goal score must be the one the generator built,
and every choice question must score what its key says. Any mismatch exits with status 1.

The results go to a table on the screen, ``--json FILE`` and a PNG of the curve (``--png FILE``).

How to run
----------
From the project folder::

    .venv/bin/python benchmarks/cohort_benchmark.py                    # 100, 500, 2000
    .venv/bin/python benchmarks/cohort_benchmark.py --sizes 50 200 --no-stock
    .venv/bin/python benchmarks/cohort_benchmark.py --profile 100      # where the time goes

Nothing in the project is changed: cohorts live in a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import grade_benchmark as gb  # noqa: E402 - the synthetic submissions and the stock course

from coursekit.cohort.nbgrader_run import nbgrader_env  # noqa: E402

ASSIGNMENT = gb.ASSIGNMENT


@dataclass
class Run:
    kind: str  # "coursekit" or "stock"
    n: int
    seconds: float
    again: float | None = None  # the same command again, with nothing left to grade

    @property
    def per_submission(self) -> float:
        return self.seconds / self.n

    @property
    def marginal(self) -> float | None:
        """Seconds per submission without the command's fixed start-up."""
        return None if self.again is None else (self.seconds - self.again) / self.n


def make_cohort(folder: Path, learners: list) -> Path:
    """A cohort made by `coursekit cohort init`, the assignment generated, N submissions in place."""
    folder.mkdir(parents=True)
    roster = folder / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "board"])
        for i, learner in enumerate(learners):
            writer.writerow([learner.student, f"Learner {i + 1}", f"{learner.student}@nhs.example", f"Board {i % 3 + 1}"])
    root = folder / "cohort"
    _coursekit(["cohort", "init", str(root), "--roster", str(roster), "--name", f"bench-{len(learners)}"])
    from coursekit.cohort.folder import Cohort
    from coursekit.cohort.release import generate

    generate(Cohort.open(root), [ASSIGNMENT])
    gb.submit(root, learners)
    return root


def _coursekit(args: list[str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "coursekit.cli", *args]
    proc = subprocess.run(command, env=nbgrader_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"coursekit {' '.join(args)} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def time_coursekit(root: Path, n: int) -> Run:
    """One `coursekit grade` over all N; then once more, when it finds nothing new to grade."""
    times = []
    for _ in range(2):
        start = time.perf_counter()
        _coursekit(["grade", ASSIGNMENT, "--quiet", "--cohort", str(root)])
        times.append(time.perf_counter() - start)
    return Run("coursekit", n, times[0], times[1])


def time_stock(folder: Path, learners: list) -> Run:
    course = gb.make_course(folder, stock=True)
    gb.submit(course, learners)
    start = time.perf_counter()
    gb.run_nbgrader(["autograde", ASSIGNMENT], course)
    return Run("stock", len(learners), time.perf_counter() - start)


def check(db_url: str, learners: list) -> list[str]:
    """Differences between the gradebook and what each synthetic submission should earn."""
    from nbgrader.api import Gradebook

    cells = _auto_cells()
    wrong = []
    with Gradebook(db_url) as book:
        for learner in learners:
            grades = {g.name: g for nb in book.find_submission(ASSIGNMENT, learner.student).notebooks for g in nb.grades}
            for cell, (question, key, points) in cells.items():
                if key["kind"] == "choice":
                    want = points if learner.answers[question].value == key["correct"] else 0.0
                elif key["kind"] == "first_goal":
                    want = round(points * learner.goal_points / 5, 2)
                else:  # the worked answer: full marks
                    want = points
                if grades[cell].auto_score != want:
                    wrong.append(f"{learner.student}: {cell} scored {grades[cell].auto_score}, expected {want}")
    return wrong


def _auto_cells() -> dict[str, tuple[str, dict, float]]:
    """{grade cell: (question, key, points)} for every auto-graded cell, from the source's hidden tests."""
    import nbformat
    from nbgrader import utils

    from coursekit.questions.testcells import parse_test_cell

    nb = nbformat.read(gb.ROOT / "course" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    found = {}
    for cell in nb.cells:
        if utils.is_grade(cell) and not utils.is_solution(cell):
            spec = parse_test_cell(cell.source)
            meta = cell.metadata["nbgrader"]
            found[meta["grade_id"]] = (spec.question, spec.key, float(meta["points"]))
    return found


def plot(runs: list[Run], path: Path) -> None:
    from coursekit.figures import PALETTE, plt, render

    ours = sorted((r for r in runs if r.kind == "coursekit"), key=lambda r: r.n)
    stock = [r for r in runs if r.kind == "stock"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    xs = [r.n for r in ours]
    left.plot(xs, [r.seconds for r in ours], marker="o", color=PALETTE[0], label="coursekit grade")
    if len(ours) > 1:  # the straight line through the first and last points: linear cost lies on it
        slope = (ours[-1].seconds - ours[0].seconds) / (ours[-1].n - ours[0].n)
        left.plot(xs, [ours[0].seconds + slope * (x - ours[0].n) for x in xs], linestyle="--", color="#555555",
                  label="straight line, first to last")
    for r in stock:
        left.plot([r.n], [r.seconds], marker="s", linestyle="", color=PALETTE[5], label="stock nbgrader")
    left.axhline(300, color=PALETTE[1], linestyle=":", label="5 minutes")
    for r in ours + stock:
        left.annotate(f"{r.seconds:.0f} s", (r.n, r.seconds), textcoords="offset points", xytext=(4, -12), fontsize=8)
    left.set_xlim(0, max(r.n for r in ours + stock) * 1.12)
    left.set_xlabel("Submissions")
    left.set_ylabel("Seconds for the whole cohort")
    left.legend(fontsize=8)
    left.set_title("Total time")
    series = [("whole command", [r.per_submission for r in ours], PALETTE[0], "//")]
    if all(r.marginal is not None for r in ours):
        series.append(("start-up taken out", [r.marginal for r in ours], PALETTE[2], ""))
    width = 0.8 / len(series)
    for k, (label, values, colour, hatch) in enumerate(series):
        xs = [i + (k - (len(series) - 1) / 2) * width for i in range(len(ours))]
        right.bar(xs, values, width=width, color=colour, edgecolor="black", hatch=hatch, label=label)
        for x, value in zip(xs, values):
            right.text(x, value, f"{value:.3f}", ha="center", va="bottom", fontsize=8)
    right.set_xticks(range(len(ours)), [str(r.n) for r in ours])
    right.legend(fontsize=8)
    right.set_xlabel("Submissions")
    right.set_ylabel("Seconds per submission")
    right.set_title("coursekit: time per submission")
    for ax in (left, right):
        ax.spines[["top", "right"]].set_visible(False)
    summary = "; ".join(f"{r.n} submissions in {r.seconds:.0f} s ({r.per_submission:.3f} s each"
                        + ("" if r.marginal is None else f", {r.marginal:.3f} s without start-up") + ")" for r in ours)
    figure = render(fig, alt=f"Line and bar charts of cohort grading time. coursekit: {summary}."
                    + "".join(f" Stock nbgrader: {r.n} in {r.seconds:.0f} s." for r in stock),
                    caption="Whole-cohort grading time with `coursekit grade` (SQLite gradebook, 2 cores).")
    path.write_bytes(figure.png)


def report(runs: list[Run]) -> None:
    print(f"\n{'grader':<10} {'N':>6} {'total':>9} {'per submission':>15} {'run again':>10} {'without start-up':>17}")
    for r in runs:
        again = "" if r.again is None else f"{r.again:.1f}s"
        marginal = "" if r.marginal is None else f"{r.marginal:.3f}s"
        print(f"{r.kind:<10} {r.n:>6} {r.seconds:>8.1f}s {r.per_submission:>14.3f}s {again:>10} {marginal:>17}")
    ours = {r.n: r for r in runs if r.kind == "coursekit"}
    for r in (r for r in runs if r.kind == "stock"):
        if r.n in ours:
            print(f"ratio at N={r.n}: stock / coursekit = {r.seconds / ours[r.n].seconds:.1f}x")
    sizes = sorted(ours)
    if len(sizes) > 1:
        a, b = ours[sizes[0]], ours[sizes[-1]]
        print(f"growth: {b.n / a.n:.0f}x the submissions took {b.seconds / a.seconds:.1f}x the time "
              f"(per submission {a.per_submission:.3f} s -> {b.per_submission:.3f} s)")


def profile(n: int, seed: int, out: Path) -> None:
    """Grade N submissions in this process under cProfile and print where the time goes."""
    import cProfile
    import pstats

    from coursekit.cohort.autograde import grade
    from coursekit.cohort.folder import Cohort

    learners = gb.make_learners(n, seed, gb.read_questions())
    scratch = Path(tempfile.mkdtemp(prefix="coursekit-cohort-prof-"))
    try:
        root = make_cohort(scratch / "c", learners)
        cohort = Cohort.open(root)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(grade, cohort, [ASSIGNMENT], progress=False)
        print(f"graded {n} in {time.perf_counter() - start:.1f} s (under the profiler)")
        profiler.dump_stats(out)
        pstats.Stats(str(out)).sort_stats("cumulative").print_stats(45)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000], help="cohort sizes")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-stock", action="store_true", help="skip stock nbgrader at the smallest size")
    parser.add_argument("--png", type=Path, default=HERE / "cohort_benchmark.png", help="where to draw the curve")
    parser.add_argument("--json", type=Path, help="also write the timings as JSON")
    parser.add_argument("--profile", type=int, metavar="N", help="profile grading N submissions instead")
    parser.add_argument("--redraw", type=Path, metavar="JSON", help="only print and draw the timings saved by --json")
    args = parser.parse_args(argv)
    if args.redraw:
        runs = [Run(r["kind"], r["n"], r["seconds"], r.get("again")) for r in json.loads(args.redraw.read_text())]
        report(runs)
        plot(runs, args.png)
        return 0
    if args.profile:
        profile(args.profile, args.seed, Path(tempfile.gettempdir()) / "coursekit-grade.prof")
        return 0

    questions = gb.read_questions()
    runs, problems = [], []
    scratch = Path(tempfile.mkdtemp(prefix="coursekit-cohort-bench-"))
    try:
        for n in sorted(args.sizes):
            learners = gb.make_learners(n, args.seed, questions)
            print(f"N={n}: making the cohort ...", flush=True)
            root = make_cohort(scratch / f"c{n}", learners)
            print(f"N={n}: coursekit grade ...", flush=True)
            run = time_coursekit(root, n)
            runs.append(run)
            print(f"N={n}: {run.seconds:.1f} s ({run.per_submission:.3f} s per submission)", flush=True)
            problems += check(f"sqlite:///{root / 'gradebook.db'}", learners)
            shutil.rmtree(root.parent, ignore_errors=True)
        if not args.no_stock:
            n = min(args.sizes)
            print(f"N={n}: stock nbgrader autograde ...", flush=True)
            run = time_stock(scratch / "stock", gb.make_learners(n, args.seed, questions))
            runs.append(run)
            print(f"N={n}: stock {run.seconds:.1f} s", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(runs)
    plot(runs, args.png)
    print(f"curve: {args.png}")
    if args.json:
        args.json.write_text(json.dumps([{**asdict(r), "per_submission": r.per_submission, "marginal": r.marginal}
                                         for r in runs], indent=1))
    if problems:
        print(f"\nMISMATCH: {len(problems)} score(s) differ from what the answers earn:")
        print("\n".join(f"  {p}" for p in problems[:30]))
        return 1
    print("scores: every submission earned exactly what its answers should")
    return 0


if __name__ == "__main__":
    sys.exit(main())
