"""Compose stage."""
