"""Allow `python -m haesol`."""

from haesol.cli import main

main(prog_name="haesol")
