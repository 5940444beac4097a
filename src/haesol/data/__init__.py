"""Word lists shipped with haesol (agencies, places, titles)."""
