"""The learner's runtime: Lesson and Exercise, the widgets and accessible controls, the progress, plan and record views."""
