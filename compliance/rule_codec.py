"""Rules to plain JSON data and back, for the component's to_disk/from_disk."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .model import Condition, Policy, Rule, Section, Term


def _policy_to_dict(policy: Policy) -> dict[str, Any]:
    return {"id": policy.id, "title": policy.title, "url": policy.url,
            "translations": dict(policy.translations),
            "sections": [{"id": s.id, "title": s.title, "text": s.text, "url": s.url,
                          "translations": {k: list(v) for k, v in s.translations.items()}}
                         for s in policy.sections.values()]}


def _policy_from_dict(data: dict[str, Any]) -> Policy:
    sections = {s["id"]: Section(s["id"], s["title"], s["text"], s["url"],
                                 {k: tuple(v) for k, v in s["translations"].items()})
                for s in data["sections"]}
    return Policy(data["id"], data["title"], data["url"], sections, data["translations"])


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    """A JSON-ready dict of every field of `rule`, its policy included."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(rule):
        value = getattr(rule, f.name)
        if f.name == "policy":
            value = _policy_to_dict(value)
        elif f.name == "terms":
            value = [{"text": t.text, "until": t.until.isoformat() if t.until else None} for t in value]
        elif isinstance(value, Condition):
            value = dataclasses.asdict(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[f.name] = value
    return out


def rule_from_dict(data: dict[str, Any]) -> Rule:
    """The inverse of rule_to_dict."""
    def date(v: str | None) -> dt.date | None:
        return dt.date.fromisoformat(v) if v else None

    def cond(v: dict | None) -> Condition | None:
        return Condition(tuple(v["terms"]), v["regex"], v["scope"]) if v else None

    fields = dict(data)
    fields["policy"] = _policy_from_dict(data["policy"])
    fields["terms"] = tuple(Term(t["text"], date(t["until"])) for t in data["terms"])
    fields["unless"], fields["requires"] = cond(data["unless"]), cond(data["requires"])
    fields["until"] = date(data["until"])
    for name in ("langs", "patterns", "allow", "examples_match", "examples_ok"):
        fields[name] = tuple(data[name]) if data[name] is not None else None
    return Rule(**fields)
