"""The reflexive journal of AFEST: dated entries by the candidate and the trainer."""
