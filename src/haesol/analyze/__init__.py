"""Analyze stage."""
