"""Tests that drive Debian's Chromium; a package so its conftest does not shadow tests/conftest."""
