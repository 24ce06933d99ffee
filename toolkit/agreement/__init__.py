"""Agreement between annotators, adjudication of a gold set, and scoring students against a key."""
