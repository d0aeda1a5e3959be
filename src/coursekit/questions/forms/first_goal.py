"""Lesson 4's form: a small, visible first goal for your own trust (rules in :mod:`coursekit.questions.goal`)."""

from __future__ import annotations

from coursekit.questions import goal
from coursekit.questions.forms import Field, FormSpec

SPEC = FormSpec(
    name="first_goal",
    title="Your trust's first goal",
    fields=(
        Field("goal", "Your first goal, in a sentence or two:", "longtext",
              placeholder="For example: who will be able to do what, that they cannot do today?"),
        Field("kind", "What kind of thing is it?", "choice", goal.KIND_OPTIONS),
        Field("users", "Who will see it or use it?", "choice", goal.USERS_OPTIONS),
        Field("date", "The date it will be live:", "date"),
        Field("scale", "How big is the job?", "choice", goal.SCALE_OPTIONS),
        Field("risk", "If it went wrong, what would happen?", "choice", goal.RISK_OPTIONS),
        Field("difference", "What will people notice that is different?", "longtext"),
        Field("different", "How different will it feel to them?", "choice", goal.DIFFERENT_OPTIONS),
    ),
    criteria=goal.CRITERIA,
    rules=goal.rules,
    prompts=goal.prompts,
    hints=goal.HINTS,
    example=goal.worked_example,
    check_label="Check my goal",
    all_met="Your goal meets every criterion.",
    some_met="Here is how your goal compares with the criteria, based on the source. "
             "The date range is this course's reading. Your own ratings come back as questions below.",
)
