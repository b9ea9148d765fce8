"""Who is calling: API tokens now; passkeys and enrolled tablets plug into the same principal."""
