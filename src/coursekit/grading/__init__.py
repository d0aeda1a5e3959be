"""coursekit's plug-ins for nbgrader: grade saved answers as data, show learner text as text, feedback without keys.

Cohort folders made by earlier versions name ``coursekit.grading.configure`` and
``coursekit.grading.<Plug-in>`` in their ``nbgrader_config.py``: those names still work.
"""

from coursekit.grading.plugins import (
    GradeAnswers,
    HideAnswerKey,
    KeepKnownCells,
    LearnerCellsAsText,
    TolerantNotebookExporter,
    configure,
)

__all__ = ["GradeAnswers", "HideAnswerKey", "KeepKnownCells", "LearnerCellsAsText", "TolerantNotebookExporter",
           "configure"]
