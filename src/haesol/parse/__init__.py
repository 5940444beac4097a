"""Parse stage: one module per input format, each producing a RawDocument."""
