"""Structures (ESAT, EA, IME, IAE, organisme valideur) and their workshops."""
