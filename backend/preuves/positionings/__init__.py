"""Positionings: dated snapshots of self-, co- and jury positioning."""
