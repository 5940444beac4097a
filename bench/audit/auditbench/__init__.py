"""The audit bench: labelled source/article pairs for measuring `haesol check`, and their scorer."""
