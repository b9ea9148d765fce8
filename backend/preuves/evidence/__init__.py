"""Evidence (photos, videos, voice notes, texts) and what support workers say about it."""
