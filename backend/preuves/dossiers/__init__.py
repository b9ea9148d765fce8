"""Dossiers: one candidate, one scheme, one framework version, and who accompanies them."""
