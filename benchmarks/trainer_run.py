"""The trainer's run: one cohort of 12 learners in 2 boards, from roster to dashboard, with the real CLI.

What it does
------------
In a temporary folder it runs each ``coursekit`` verb as its own command (``python -m coursekit.cli``),
as a trainer would type it, and times each one (wall clock, start-up included):

1. writes a roster CSV of 12 learners in 2 boards (illustrative names) and runs ``coursekit cohort init``;
2. ``coursekit release all --packs`` with a due date three days ago, at 17:00 UTC (so the script adds
   ``--past-due-ok``: a real trainer releases weeks before the due date);
3. plays each learner: unzips their pack, saves answers in each exercise folder and makes the return
   zip ``<id>_<exercise>.zip`` with the learner's own code (:func:`coursekit.records.return_work.return_zip`),
   with the zip's time on the trainer's disk set to when it arrived. See :data:`PLAN` for who sends what;
4. ``coursekit collect all --from-zips returned``, then ``coursekit grade``;
5. bulk marking: ``coursekit mark export goal_and_mission reflection``, the CSV filled in as an assessor
   would (:func:`fill_marks`), ``coursekit mark import``;
6. ``coursekit feedback``, ``coursekit export --excel``, ``coursekit report``.

It prints a table of each verb, its seconds and the first lines it printed, and saves the same as
JSON (default: ``trainer_run.json`` beside this script). Any command that fails stops the run.

How to run
----------
From the project folder::

    .venv/bin/python benchmarks/trainer_run.py                       # temporary folder, removed at the end
    .venv/bin/python benchmarks/trainer_run.py --keep /tmp/run       # keep the cohort and the dashboard

Nothing in the project is changed, apart from the JSON file.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BOARDS = ("North Trust board", "South Trust board")
#: Illustrative learners; boards alternate (L01, L03, ... North; L02, L04, ... South).
NAMES = {"L01": "Ada Okafor", "L02": "Ben O'Neill", "L03": "Chloe Singh", "L04": "Dev Patel",
         "L05": "Erin Walsh", "L06": "Femi Adeyemi", "L07": "Grace Lee", "L08": "Huw Jones",
         "L09": "Isla Brown", "L10": "Jon Evans", "L11": "Kate Murray", "L12": "Liam Hughes"}
MARKED = ("goal_and_mission", "reflection")  # the one written question bulk-marked
FILLER = "word word word"
PARTIAL = {"q1_rocks": "c", "q2_first_goal": "a", "reflection": "We would wait for the EPR."}
LATE = {"L04": dt.timedelta(hours=5), "L09": dt.timedelta(days=1, hours=2)}  # goal_and_mission, after the due date


@dataclass(frozen=True)
class Plan:
    """What one learner sends back."""

    sends: tuple[str, ...] | None = None  # exercises handed in (None: every released one)
    wrong: bool = False  # every choice and ranking question answered wrongly
    wrong_in: tuple[str, ...] = ()  # ... or only in these exercises
    filler: bool = False  # goal_and_mission's reflection is filler text
    partial: bool = False  # goal_and_mission: only q1, q2 (wrong) and a short reflection
    blank: bool = False  # goal_and_mission: the untouched folder, zipped by hand (no answers file)
    unmarked: bool = False  # the assessor leaves this learner's reflection for later


#: Who sends what. Everyone else sends the worked answer to every exercise, on time.
PLAN = {
    "L03": Plan(wrong=True),
    "L04": Plan(),  # goal_and_mission late (LATE)
    "L05": Plan(filler=True),
    "L06": Plan(wrong_in=("start_here", "goal_and_mission")),
    "L07": Plan(sends=()),  # never hands anything in
    "L08": Plan(blank=True),
    "L09": Plan(unmarked=True),  # goal_and_mission late (LATE)
    "L10": Plan(partial=True),
    "L12": Plan(sends=("start_here", "why_preconditions", "clear_leadership")),
}


@dataclass
class Step:
    verb: str
    command: str
    seconds: float
    exit_code: int
    output: list[str] = field(default_factory=list)


def roster_rows() -> list[list[str]]:
    """[id, name, email, board] for the 12 learners."""
    return [[lid, name, f"{name.split()[0].lower()}.{lid.lower()}@nhs.example", BOARDS[n % 2]]
            for n, (lid, name) in enumerate(NAMES.items())]


def write_roster(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "board"])
        writer.writerows(roster_rows())
    return path


def wrong(value):
    """A wrong answer of the same kind as ``value`` (a choice, several choices, a ranking or a matching), else
    ``value``."""
    if isinstance(value, str) and len(value) == 1:
        return "a" if value != "a" else "b"
    if isinstance(value, list) and all(isinstance(v, str) and len(v) == 1 for v in value):
        return ["b", "d"] if sorted(value) != ["b", "d"] else ["a"]
    if isinstance(value, dict) and value and all(isinstance(v, int) for v in value.values()):
        top = max(value.values()) + 1
        return {k: top - v for k, v in value.items()}  # the ranking turned upside down
    if isinstance(value, dict) and value and all(isinstance(v, str) and " " not in v for v in value.values()):
        keys, values = list(value), list(value.values())  # a matching question: each answer moved one along
        return dict(zip(keys, values[1:] + values[:1]))
    return value  # a form or a written answer: left as it is


def answers_for(assignment: str, plan: Plan) -> dict | None:
    """{question: value} a learner saves in ``assignment``, or None when they send the untouched folder."""
    from coursekit.answers import read_answers

    solved = {q: a.value for q, a in read_answers(ROOT / "solutions" / assignment / f"{assignment}.answers.json")
              .answers.items()}
    if assignment == "goal_and_mission":
        if plan.blank:
            return None
        if plan.partial:
            return dict(PARTIAL)
        if plan.filler:
            solved["reflection"] = FILLER
    if plan.wrong or assignment in plan.wrong_in:
        solved = {q: wrong(v) for q, v in solved.items()}
    return solved


def received(assignment: str, learner: str, due: dt.datetime) -> dt.datetime:
    """When the learner's zip reached the trainer: the day before the due date, or after it for the late ones."""
    if assignment == "goal_and_mission" and learner in LATE:
        return due + LATE[learner]
    return due - dt.timedelta(days=1, hours=int(learner[1:]))


def learner_returns(packs: Path, work: Path, returned: Path, released: list[str], due: dt.datetime) -> list[Path]:
    """Each learner unzips their pack, answers, and makes ``<id>_<exercise>.zip`` for what they send."""
    from coursekit.answers import Answer, answers_path, write_answers
    from coursekit.records.learner_files import CourseHome
    from coursekit.records.return_work import return_zip, zip_name

    returned.mkdir(parents=True, exist_ok=True)
    made = []
    for learner in NAMES:
        plan = PLAN.get(learner, Plan())
        home = work / learner
        with zipfile.ZipFile(packs / f"{learner}.zip") as pack:
            pack.extractall(home)
        for assignment in released if plan.sends is None else plan.sends:
            when = received(assignment, learner, due)
            folder = home / "exercises" / assignment
            values = answers_for(assignment, plan)
            target = returned / zip_name(learner, assignment)
            if values is None:  # zipped by hand, as the pack's README says: the folder, as it is
                with zipfile.ZipFile(target, "w") as archive:
                    for item in sorted(folder.iterdir()):
                        archive.write(item, f"{assignment}/{item.name}")
            else:
                saved_at = (when - dt.timedelta(hours=2)).isoformat()
                write_answers(answers_path(folder, assignment), assignment,
                              {q: Answer(v, saved_at) for q, v in values.items()})
                target.write_bytes(return_zip(CourseHome(home), assignment, when=when))
            os.utime(target, (when.timestamp(), when.timestamp()))
            made.append(target)
    return made


def fill_marks(sheet: Path) -> Path:
    """Points and a comment on each written answer, as an assessor would after reading the answers page that
    `coursekit mark export` wrote beside the CSV (the CSV's ``answer`` column says only whether there is one).
    Blank answers, and the one the assessor leaves for later, get no points."""
    with sheet.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        plan, top = PLAN.get(row["learner_id"], Plan()), float(row["max_points"])
        if plan.unmarked or row["answer"].startswith("blank"):
            continue
        if plan.filler:
            row["points"], row["comment"] = "0", "Filler text only. Please write your own reflection and send it again."
        elif plan.partial:
            row["points"], row["comment"] = "1", "A start. Say which pre-condition is weakest at your trust, and why."
        else:
            row["points"], row["comment"] = f"{top - 1:g}", "Clear and specific. Add the first step you will take."
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return sheet


def check_marks(cohort: Path, sheet: Path) -> None:
    """Each mark in the filled-in CSV is now the gradebook's, and answers given no points have none."""
    from nbgrader.api import Gradebook

    exercise, question = MARKED
    with sheet.open(encoding="utf-8", newline="") as handle:
        wanted = {row["learner_id"]: float(row["points"]) if row["points"] else None for row in csv.DictReader(handle)}
    with Gradebook(f"sqlite:///{cohort / 'gradebook.db'}") as gb:
        got = {lid: gb.find_grade(question, exercise, exercise, lid).manual_score for lid in wanted}
    if got != wanted:
        raise SystemExit(f"The gradebook's marks for {exercise} {question} are not the CSV's: {got} != {wanted}")
    print(f"         the gradebook holds the {question} marks of the CSV: "
          + ", ".join(f"{lid} {'-' if v is None else f'{v:g}'}" for lid, v in got.items()), flush=True)


class Trainer:
    """Runs ``coursekit`` verbs as commands in the cohort folder, and keeps what each took and printed."""

    def __init__(self, folder: Path, lines: int = 6):
        self.folder, self.lines, self.steps = folder, lines, []

    def run(self, *args: str, verb: str | None = None) -> Step:
        from coursekit.cohort.nbgrader_run import nbgrader_env

        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "coursekit.cli", *args], cwd=self.folder, env=nbgrader_env(),
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
        said = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
        step = Step(verb or " ".join(args[:2]), "coursekit " + " ".join(args), round(seconds, 2), proc.returncode, said[:40])
        self.steps.append(step)
        print(f"{seconds:6.1f} s  {step.command}", flush=True)
        if proc.returncode != 0:
            raise SystemExit(f"{step.command} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return step


def due_date(now: dt.datetime) -> dt.datetime:
    """Three days ago at 17:00 UTC."""
    return (now - dt.timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)


def trainer_run(folder: Path) -> tuple[list[Step], Path]:
    folder.mkdir(parents=True, exist_ok=True)
    due = due_date(dt.datetime.now(dt.timezone.utc))
    write_roster(folder / "roster.csv")
    trainer = Trainer(folder)
    trainer.run("cohort", "init", "board-2027", "--roster", "roster.csv", "--name", "Board programme 2027")
    cohort = folder / "board-2027"
    trainer.folder = cohort  # every verb from here runs in the cohort folder, as the trainer guide says
    trainer.run("release", "all", "--packs", "--due", f"{due:%Y-%m-%dT%H:%M}", "--past-due-ok")
    released = sorted(p.name for p in (cohort / "release").iterdir() if p.is_dir())
    zips = learner_returns(cohort / "packs", folder / "learners", folder / "returned", released, due)
    print(f"         {len(zips)} return zips made by 12 learners", flush=True)
    trainer.run("collect", "all", "--from-zips", str(folder / "returned"))
    trainer.run("grade", "--quiet", verb="grade (all)")
    exercise, question = MARKED
    trainer.run("mark", "export", exercise, question)
    sheet = next((cohort / "marking").glob(f"{exercise}-{question}-marks.csv"))
    fill_marks(sheet)
    trainer.run("mark", "import", str(sheet.relative_to(cohort)))
    check_marks(cohort, sheet)
    trainer.run("feedback", verb="feedback (all)")
    trainer.run("export", "--excel")
    trainer.run("report")
    return trainer.steps, cohort / "report" / "index.html"


def table(steps: list[Step], lines: int = 4) -> str:
    out = [f"{'verb':<16} {'seconds':>8}  first lines printed"]
    for step in steps:
        said = step.output[:lines] or ["(nothing)"]
        out.append(f"{step.verb:<16} {step.seconds:>8.1f}  {said[0][:110]}")
        out += [f"{'':<16} {'':>8}  {line[:110]}" for line in said[1:]]
    out.append(f"{'total':<16} {sum(s.seconds for s in steps):>8.1f}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--json", type=Path, default=HERE / "trainer_run.json", help="where to save the timings")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="trainer-run-"))
    if args.keep and folder.exists():
        shutil.rmtree(folder)
    try:
        started, load = dt.datetime.now(dt.timezone.utc), os.getloadavg()
        steps, page = trainer_run(folder)
        print("\n" + table(steps))
        print(f"\nDashboard: {page}")
        record = {"run": f"{started:%Y-%m-%d %H:%M} UTC", "python": sys.version.split()[0], "cores": os.cpu_count(),
                  "load_average_at_start": [round(x, 1) for x in load],
                  "load_average_at_end": [round(x, 1) for x in os.getloadavg()], "learners": len(NAMES), "boards": list(BOARDS),
                  "total_seconds": round(sum(s.seconds for s in steps), 1),
                  "steps": [asdict(s) for s in steps]}
        args.json.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"Timings saved in {args.json}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
