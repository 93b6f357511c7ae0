"""What the publishing tool knows about a post besides its words: where it goes, who writes
it, whether it is paid for and for whom. One value, validated in one place, whichever door it
comes in by (a JSONL line, front matter, CLI options, library keywords); rules read it
through their `when`."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from .errors import InputError

CHANNELS = ("x", "linkedin", "instagram", "tiktok", "facebook")
AUTHOR_ROLES = ("brand", "employee", "registered_rep", "adviser", "influencer", "affiliate")
JURISDICTIONS = ("US", "UK", "EU", "IS", "SI", "MK", "IL")
INVESTOR_TYPES = ("retail", "institutional")
FLAGS = ("sponsored", "gifted", "affiliate")


@dataclass(frozen=True)
class Metadata:
    """A post's metadata; None (or empty) where the post does not say. `channel` is any
    platform name in lower case (those in CHANNELS have their own fold positions);
    `audience` holds jurisdiction codes and an investor type; `substantiation` references
    to the evidence behind the post's claims."""
    channel: str | None = None
    sponsored: bool | None = None
    gifted: bool | None = None
    affiliate: bool | None = None
    audience: tuple[str, ...] = ()
    author_role: str | None = None
    substantiation: tuple[str, ...] = ()

    def value(self, key: str) -> Any:
        """The value a rule's `when` tests under `key` (None for an empty list)."""
        value = getattr(self, key)
        return value or None if isinstance(value, tuple) else value

    def to_dict(self) -> dict[str, Any]:
        """The fields the post gives, in the JSONL line format."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and value != ():
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    def merged(self, defaults: "Metadata") -> "Metadata":
        """This metadata with every field it leaves unsaid taken from `defaults`."""
        given = {f.name: getattr(defaults, f.name) for f in fields(self)
                 if getattr(self, f.name) in (None, ()) and getattr(defaults, f.name) not in (None, ())}
        return replace(self, **given) if given else self


KEYS = tuple(f.name for f in fields(Metadata))


def metadata_from(data: Mapping[str, Any]) -> Metadata:
    """The metadata keys of a post's mapping (other keys are ignored), validated.
    InputError naming the key and the values it takes when one is wrong."""
    values: dict[str, Any] = {}
    for key in KEYS:
        value = data.get(key)
        if value is None:
            continue
        values[key] = _checked(key, value)
    return Metadata(**values)


def _checked(key: str, value: Any) -> Any:
    if key == "channel":
        if not isinstance(value, str) or not value.strip():
            raise InputError(f'"channel" is a platform name such as {", ".join(CHANNELS)}')
        return value.strip().lower()
    if key in FLAGS:
        if not isinstance(value, bool):
            raise InputError(f'"{key}" is true or false, not {value!r}')
        return value
    if key == "author_role":
        if value not in AUTHOR_ROLES:
            raise InputError(f'"author_role" is one of {", ".join(AUTHOR_ROLES)}, not {value!r}')
        return value
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in items):
        raise InputError(f'"{key}" is a list of strings')
    if key == "audience":
        wrong = [v for v in items if v.upper() not in JURISDICTIONS and v.lower() not in INVESTOR_TYPES]
        if wrong:
            raise InputError(f'"audience" holds jurisdictions ({", ".join(JURISDICTIONS)}) and '
                             f'{" or ".join(INVESTOR_TYPES)}, not {wrong[0]!r}')
        return tuple(dict.fromkeys(v.lower() if v.lower() in INVESTOR_TYPES else v.upper() for v in items))
    return tuple(v.strip() for v in items)


@dataclass(frozen=True)
class Test:
    """One key of a `when`: the post's value is one of `values` (for a list such as
    `audience`, shares one with them), or with `negate`, is none of them (an unsaid value
    is none of them)."""
    key: str
    values: tuple[Any, ...]
    negate: bool = False

    def holds(self, metadata: Metadata) -> bool:
        value = metadata.value(self.key)
        if value is None:
            return self.negate
        given = set(value) if isinstance(value, tuple) else {value}
        return bool(given & set(self.values)) != self.negate

    def to_data(self) -> Any:
        values: Any = self.values[0] if len(self.values) == 1 else list(self.values)
        return {"not": values} if self.negate else values


@dataclass(frozen=True)
class When:
    """A rule's condition on post metadata: it applies when any of `alternatives` holds,
    each a group of tests that all hold. No alternatives: it always applies."""
    alternatives: tuple[tuple[Test, ...], ...] = ()

    def holds(self, metadata: Metadata) -> bool:
        return not self.alternatives or any(all(t.holds(metadata) for t in group) for group in self.alternatives)

    def to_data(self) -> Any:
        groups = [{t.key: t.to_data() for t in group} for group in self.alternatives]
        return groups[0] if len(groups) == 1 else groups

    @classmethod
    def from_data(cls, data: Any, where: Any) -> "When | None":
        """A rule's `when` (a mapping, or a list of them: any one holding) from pack data;
        PackError at `where` for a value the key never takes."""
        if not data:
            return None
        groups = [data] if isinstance(data, Mapping) else list(data)
        alternatives = []
        for i, group in enumerate(groups):
            tests = []
            for key, spec in group.items():
                place = (key,) if isinstance(data, Mapping) else (i, key)
                negate = isinstance(spec, Mapping)
                raw = spec["not"] if negate else spec
                values = tuple(raw) if isinstance(raw, list) else (raw,)
                try:
                    checked = tuple(v for value in values for v in _as_tuple(_checked(key, value)))
                except InputError as exc:
                    raise where.error(f"when: {exc}", *place) from None
                tests.append(Test(key, checked, negate))
            alternatives.append(tuple(tests))
        return cls(tuple(alternatives))


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


# The metadata keys as JSON Schema properties, for interfaces that publish a schema (the
# HTTP service's OpenAPI document).
JSON_SCHEMA: dict[str, Any] = {
    "channel": {"type": "string", "description": "platform", "examples": list(CHANNELS)},
    **{flag: {"type": "boolean"} for flag in FLAGS},
    "audience": {"type": "array", "items": {"enum": [*JURISDICTIONS, *INVESTOR_TYPES]}},
    "author_role": {"enum": list(AUTHOR_ROLES)},
    "substantiation": {"type": "array", "items": {"type": "string"}},
}
