"""Media: blobs content-addressed by SHA-256 (ARCHITECTURE.md, "Media")."""
