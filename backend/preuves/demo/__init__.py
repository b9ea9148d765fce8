"""Demo data written by the project, in French: a world to try Preuves in."""
