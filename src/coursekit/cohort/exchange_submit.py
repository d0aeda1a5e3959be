"""nbgrader's submit, with each submission folder closed to every other learner.

nbgrader 0.9's ``ExchangeSubmit`` leaves its files readable (0644) but then makes the
submission folder in ``inbound`` mode 0777 "so the instructor can delete later". Anyone
who learns the folder's name can then add, replace or delete files in another learner's
submission. coursekit's collect only ever reads a submission, so :class:`PrivateSubmit`
gives the folder the mode nbgrader gives its own folders inside it: the learner may write,
everyone else (the trainer included) may only read and enter it (0755).

A server's administrator switches it on for every learner in the site-wide nbgrader
configuration (for example ``/etc/jupyter/nbgrader_config.py``)::

    c.ExchangeFactory.submit = "coursekit.cohort.exchange_submit.PrivateSubmit"
"""

from __future__ import annotations

import os
import stat

from nbgrader.exchange.default import ExchangeSubmit

#: The submission folder's mode: the learner writes, everyone else reads (as nbgrader's inner folders).
FOLDER_MODE = stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit; afterwards the new submission folder is 0755, not 0777."""

    def copy_files(self):
        super().copy_files()
        folder = os.path.join(self.inbound_path, self.assignment_filename)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            os.fchmod(fd, FOLDER_MODE)
        finally:
            os.close(fd)
