"""A plain text progress bar on stderr, for long runs such as grading a cohort.

On a terminal the bar is redrawn in place. Elsewhere (a log file, CI) it prints one
line at every tenth of the way, so a log shows progress without thousands of lines.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool = True, width: int = 30):
        self.total, self.label, self.width = total, label, width
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.done = 0
        self.started = time.monotonic()
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_tenth = -1
        if self.enabled:
            self._draw("")

    def _line(self, note: str) -> str:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        left = ""
        if 0 < self.done < self.total:
            left = f", about {elapsed / self.done * (self.total - self.done):.0f} s left"
        return f"{self.label} [{bar}] {self.done}/{self.total}{left} {note}".rstrip()

    def _draw(self, note: str) -> None:
        if self._tty:
            self.stream.write("\r\x1b[K" + self._line(note))
        else:
            tenth = self.done * 10 // self.total
            if tenth == self._last_tenth:
                return
            self._last_tenth = tenth
            self.stream.write(self._line("") + "\n")
        self.stream.flush()

    def advance(self, note: str = "") -> None:
        self.done += 1
        if self.enabled:
            self._draw(note)

    def close(self) -> None:
        if self.enabled and self._tty:
            self.stream.write("\n")
            self.stream.flush()
