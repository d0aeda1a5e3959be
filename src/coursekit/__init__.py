"""coursekit: a Jupyter course on the four pre-conditions of successful digital transformation.

Learners use :class:`Lesson` and :class:`Exercise` in notebooks, and one-line views:
:func:`show_progress`, :func:`then_and_now` and :func:`plan_maker`, :func:`download_my_work`
for handing work in without an exchange, and :func:`move_my_work` for moving it to another device. Grading plugs into
nbgrader through :mod:`coursekit.grading.plugins`. The learner's classes and views are
imported on first use, so ``import coursekit`` loads no widgets and grading (which never
needs widgets or matplotlib) starts quickly.
"""

__all__ = ["Exercise", "Lesson", "SOURCE", "__version__", "download_my_work", "move_my_work", "plan_maker",
           "show_progress", "then_and_now"]
__version__ = "0.1.0"

#: The source the course teaches, named in every lesson and record.
SOURCE = (
    "A new era of digital leadership, chapter on the pre-conditions of digital transformation "
    "(NHS Providers with Public Digital, July 2020 edition)"
)


#: Names imported on first use -> the module that holds them.
_LAZY = {
    "Exercise": "coursekit.learner.lesson",
    "Lesson": "coursekit.learner.lesson",
    "show_progress": "coursekit.learner.progress_view",
    "download_my_work": "coursekit.learner.download",
    "move_my_work": "coursekit.learner.move",
    "then_and_now": "coursekit.learner.plan_view",
    "plan_maker": "coursekit.learner.plan_view",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")
