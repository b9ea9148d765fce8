"""Who is calling: bearer tokens for scripts, passkey sessions for people, enrolled tablets
and picture sign-in for candidates; all resolve to one Principal (docs/identity.md)."""
