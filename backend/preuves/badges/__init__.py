"""Open Badges 3.0 credentials for the competencies a jury recognised (docs/badges.md)."""
