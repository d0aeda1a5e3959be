"""coursekit: a Jupyter course on the four pre-conditions of successful digital transformation.

Learners use :class:`Lesson` and :class:`Exercise` in notebooks. Grading plugs into
nbgrader through :mod:`coursekit.grading.plugins`. The learner classes are imported on first
use, so grading (which never needs widgets or matplotlib) starts quickly.
"""

__all__ = ["Exercise", "Lesson", "SOURCE", "__version__"]
__version__ = "0.1.0"

#: The source the course teaches, named in every lesson and record.
SOURCE = (
    "A new era of digital leadership, chapter on the pre-conditions of digital transformation "
    "(NHS Providers with Public Digital, July 2020 edition)"
)


def __getattr__(name):
    if name in ("Exercise", "Lesson"):
        from coursekit.learner import lesson as learner

        return getattr(learner, name)
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")
