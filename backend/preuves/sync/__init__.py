"""Sync: push, pull, merges and conflicts (docs/sync-protocol.md)."""
