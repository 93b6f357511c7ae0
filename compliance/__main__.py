"""`python -m compliance`: the same command as `compliance`."""
from .cli import main

main()
