"""`python -m docgen` runs the command line."""

from docgen.cli import main

main(prog_name="docgen")
