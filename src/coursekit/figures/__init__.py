"""Lesson figures drawn with matplotlib, one module per lesson family, each registered by name.

The learner's runtime never draws them: `coursekit generate` renders each one ahead of time to
SVG with its alt text (``coursekit/content/figures``), and lessons show those files
(:mod:`coursekit.learner.shipped_figure`).
"""

from coursekit.figures import covid, goal_mission, leadership_team, opening, plan  # noqa: F401 (register)
from coursekit.figures.style import FIGURES, Figure, figure, get, render, svg

__all__ = ["FIGURES", "Figure", "figure", "get", "render", "svg"]
