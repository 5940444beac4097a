"""JSON Schemas of haesol outputs."""
