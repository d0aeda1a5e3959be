"""nbgrader settings when JupyterLab or nbgrader is started from the project folder.

The course lives in course/; this points nbgrader (and its formgrader in JupyterLab)
there and uses the course's own configuration.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader
c.CourseDirectory.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "course")
load_subconfig(os.path.join(c.CourseDirectory.root, "nbgrader_config.py"))  # noqa: F821
