"""coursekit: a Jupyter course on the four pre-conditions of successful digital transformation.

Learners use :class:`Lesson` and :class:`Exercise` in notebooks. Grading plugs into
nbgrader through :mod:`coursekit.grading`.
"""

from .learner import Exercise, Lesson

__all__ = ["Exercise", "Lesson", "__version__"]
__version__ = "0.1.0"

#: The source the course teaches, named in every lesson and record.
SOURCE = (
    "A new era of digital leadership, chapter on the pre-conditions of digital transformation "
    "(NHS Providers with Public Digital, July 2020 edition)"
)
