"""Trainers' and assessors' tools for one cohort: roster, release, collect, grade runs, feedback, moderation, export, dashboard."""
