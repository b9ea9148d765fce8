"""The built PWA, served at / from the same origin as the API (no CORS for the app itself)."""
