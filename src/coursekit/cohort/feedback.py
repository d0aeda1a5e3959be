"""Feedback pages for learners, made by nbgrader's ``generate_feedback``.

coursekit's ``HideAnswerKey`` plug-in removes hidden tests before the page is made.
As a second guard, every page is checked here: one that still shows a hidden-test
marker or a ``key=`` is removed and reported, never left for a learner to see.
"""

from __future__ import annotations

from pathlib import Path

from coursekit.cohort.folder import Cohort

#: Text that must never reach a learner: nbgrader's hidden-test markers and coursekit's key argument.
LEAKS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "key=")


def leaks(page: str) -> list[str]:
    return [marker for marker in LEAKS if marker in page]


def make_feedback(cohort: Cohort, assignments: list[str] | None = None, learner: str | None = None) -> list[Path]:
    """HTML feedback for every graded learner (or one), per assignment. Returns the pages made."""
    api = cohort.api()
    learner_id = cohort.learner(learner).id if learner else None
    pages: list[Path] = []
    for assignment in cohort.resolve(assignments):
        graded = cohort.root / "autograded"
        learners = sorted(p.parent.name for p in graded.glob(f"*/{assignment}") if p.is_dir())
        if learner_id:
            learners = [lid for lid in learners if lid == learner_id]
        if not learners:
            continue  # nothing graded yet
        result = api.generate_feedback(assignment, student_id=learner_id, force=True)
        if not result.get("success"):
            raise RuntimeError(f"nbgrader could not make feedback for {assignment}:\n"
                               f"{result.get('log', '')}\n{result.get('error', '')}".strip())
        for lid in learners:
            for page in sorted((cohort.root / "feedback" / lid / assignment).glob("*.html")):
                found = leaks(page.read_text("utf-8", errors="replace"))
                if found:
                    page.unlink()
                    raise RuntimeError(f"The feedback page {page} showed {', '.join(found)}, so it was removed. "
                                       "Check the assignment's hidden tests in source/ and run feedback again.")
                pages.append(page)
    return pages


class NoExchange(RuntimeError):
    """Feedback can be released only in a cohort set up with nbgrader's exchange."""


def release_feedback(cohort: Cohort, pages: list[Path]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Put the given feedback pages in the exchange with nbgrader's release_feedback, for learners
    to fetch from JupyterLab's Assignments panel.

    nbgrader files feedback under the secret its ``submit`` left with the work, so work that came
    back another way (a returned zip) cannot be released: it is listed, for the trainer to send.
    Returns (released, to send by hand), as (learner, assignment) pairs."""
    if cohort.exchange is None:
        raise NoExchange(f"The cohort in {cohort.root} has no exchange, so there is nowhere to release feedback. "
                         "Send each learner their own page from the feedback folder instead.")
    api = cohort.api()
    released, by_hand = [], []
    for learner, assignment in sorted({(page.parent.parent.name, page.parent.name) for page in pages}):
        if not (cohort.root / "feedback" / learner / assignment / "submission_secret.txt").is_file():
            by_hand.append((learner, assignment))
            continue
        result = api.release_feedback(assignment, student_id=learner)
        if not result.get("success"):
            raise RuntimeError(f"nbgrader could not release feedback for {learner}, {assignment}:\n"
                               f"{result.get('log', '')}\n{result.get('error', '')}".strip())
        released.append((learner, assignment))
    return released, by_hand
