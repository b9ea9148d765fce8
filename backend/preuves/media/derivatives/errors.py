"""The one error a conversion raises on purpose: the file itself cannot be converted."""


class ConversionFailed(Exception):
    """Permanent: trying again would fail the same way. The message is plain English, shown
    to clients by the status endpoint; technical details go to the log only."""
