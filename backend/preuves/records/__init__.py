"""Synced records: one registry of types, one way to read, write and delete them."""
