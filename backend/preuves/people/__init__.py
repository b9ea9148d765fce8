"""People, their roles in each structure, and legal guardians."""
