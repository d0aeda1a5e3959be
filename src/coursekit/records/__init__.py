"""What a learner keeps, computed from their answers files alone: progress, the board plan, the record of completion."""
