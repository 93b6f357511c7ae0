"""The `compliance` command (click lives here and in the service layer only)."""
from .main import main

__all__ = ["main"]
