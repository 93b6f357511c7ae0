"""post-compliance: checks social media posts against policy rule packs before publishing.

    from compliance import Checker
    checker = Checker.default()
    report = checker.check("text of a post")
    report.ok, report.violations, report.to_dict()
"""
from .checker import Checker
from .errors import ComplianceError, InputError, MatchTimeout, PackError
from .model import BUILTIN_CATEGORIES, SEVERITIES, Citation, Policy, Report, Rule, RuleSet, Section, Suppression, Violation
from .packs import load_rule_set
from .posts import Post

__all__ = [
    "Checker", "Report", "Violation", "Suppression", "Citation", "Rule", "Policy", "Section", "RuleSet", "Post",
    "load_rule_set", "ComplianceError", "PackError", "InputError", "MatchTimeout",
    "BUILTIN_CATEGORIES", "SEVERITIES",
]
__version__ = "0.1.0"
