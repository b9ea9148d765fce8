"""The audit trail: who read or changed what, when, from which request."""
