"""nbgrader settings for the grader account: the grading service's formgrader shows the cohort in
~/cohort. Install as ~coursekit-grader/.jupyter/nbgrader_config.py, owned by the grader account.

The cohort's own settings (course id, gradebook database, exchange, coursekit's plug-ins) are in
~/cohort/nbgrader_config.py, which `coursekit cohort init` writes and nbgrader reads from there.
tests/test_hub.py uses this file.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.root = os.path.expanduser("~/cohort")
