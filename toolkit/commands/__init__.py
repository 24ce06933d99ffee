"""Command groups of `mlt`, one module per area; each has `register(app)`."""
