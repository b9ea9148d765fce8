"""Consents (image rights, data processing) and signatures of documents."""
