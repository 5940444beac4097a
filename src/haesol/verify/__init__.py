"""Verify stage."""
