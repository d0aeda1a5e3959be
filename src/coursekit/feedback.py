"""Feedback pages for learners, made by nbgrader's ``generate_feedback``.

coursekit's ``HideAnswerKey`` plug-in removes hidden tests before the page is made.
As a second guard, every page is checked here: one that still shows a hidden-test
marker or a ``key=`` is removed and reported, never left for a learner to see.
"""

from __future__ import annotations

from pathlib import Path

from .cohort import Cohort

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
