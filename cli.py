"""Run the `compliance` command from a checkout without installing it: `python cli.py ...`."""
from compliance.cli import main

main()
