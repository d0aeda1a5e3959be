"""nbgrader configuration for the coursekit course.

Every `nbgrader` command run in this folder uses it. The gradebook is SQLite
(`gradebook.db` here) unless `CourseDirectory.db_url` is set, for example to a
PostgreSQL URL for a cohort on JupyterHub.

coursekit plugs in through nbgrader's own settings (see coursekit/grading.py):
autograde scores the saved answers files as data instead of running notebooks,
unreadable notebooks are graded from their answers file, and feedback never
shows hidden tests.
"""

from coursekit.grading.plugins import configure

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file

c.CourseDirectory.course_id = "coursekit-digital-preconditions"
configure(c)
