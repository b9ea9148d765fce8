"""Competency frameworks, versioned: blocks, competencies, criteria and a level scale."""
