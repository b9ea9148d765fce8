"""Jury sessions, their members, the dossiers assigned, and decisions."""
