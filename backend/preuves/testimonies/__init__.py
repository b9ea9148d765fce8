"""Testimonies and endorsements from people who saw the candidate work."""
