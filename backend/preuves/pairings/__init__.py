"""RSFP pairings: two structures of the same trade evaluate each other's candidates."""
