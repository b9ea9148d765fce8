"""The one place that answers "may this principal do this to this record"."""
