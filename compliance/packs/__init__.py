"""Pack files to loaded rules: finding and reading pack files, the pack schema, and the
loader that checks meaning and applies overrides."""
from .loader import load_rule_set

__all__ = ["load_rule_set"]
