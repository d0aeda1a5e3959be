"""Course authors' tools: cells with nbgrader settings, `coursekit generate`, the README table and rubrics."""
