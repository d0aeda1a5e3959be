"""The result of checking one answer: what was checked, the outcome and the score.

Every check ends in one of five outcomes, as in learntools (plus "partly right",
for answers checked against several criteria).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Outcome(str, Enum):
    CORRECT = "correct"
    PARTLY = "partly right"
    INCORRECT = "not right yet"
    NOT_ATTEMPTED = "not attempted"
    UNREADABLE = "could not be read"
    SAVED = "saved"  # given, and marked later (graded questions, reflections)

    @property
    def symbol(self) -> str:
        # A word as well as a symbol: colour is never the only signal.
        return {
            Outcome.CORRECT: "✔ Correct",
            Outcome.PARTLY: "◐ Partly right",
            Outcome.INCORRECT: "✘ Not right yet",
            Outcome.NOT_ATTEMPTED: "○ Not attempted",
            Outcome.UNREADABLE: "⚠ Could not be read",
            Outcome.SAVED: "✔ Saved",
        }[self]


@dataclass(frozen=True)
class Criterion:
    """One rule an answer is checked against, and whether it was met."""

    name: str
    met: bool
    message: str


@dataclass(frozen=True)
class Result:
    """What a check found. ``fraction`` is the share of the points earned, 0 to 1."""

    outcome: Outcome
    fraction: float
    messages: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = field(default=())

    def points(self, max_points: float) -> float:
        return round(max_points * self.fraction, 2)

    def text(self, max_points: float | None = None) -> str:
        lines = [self.outcome.symbol]
        if max_points is not None:
            lines[0] += f" ({self.points(max_points):g} of {max_points:g} points)"
        for criterion in self.criteria:
            mark = "✔ Met" if criterion.met else "✘ Not yet"
            lines.append(f"  {mark}: {criterion.name}. {criterion.message}")
        lines.extend(self.messages)
        return "\n".join(lines)
