"""The baseline: the findings a project accepted when it adopted the checker, so that
`compliance check --baseline` reports only new ones.

The file keeps no text of the drafts. Each finding is an HMAC-SHA256 fingerprint, under a
key kept outside the repository, of the rule id, the draft's path, the match and the
sentence around it; a plain hash would not do, since anyone could hash every 10-digit
number and find which one a draft held. A key id (an HMAC of a fixed string) tells a wrong
key apart from findings that have gone.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import hmac
import json
import json.decoder
import json.scanner
import os
import secrets
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import regex

from ..errors import ComplianceError
from ..findings.waivers import WAIVER_RULE_PREFIX
from ..model import Report, Suppression, Violation

VERSION = 1
ALGORITHM = "hmac-sha256"
DEFAULT_NAME = ".compliance-baseline.json"
KEY_ENV, KEY_FILE_ENV = "COMPLIANCE_BASELINE_KEY", "COMPLIANCE_BASELINE_KEY_FILE"
# A short key can be guessed, and then the fingerprints are as reversible as plain hashes.
MIN_KEY_CHARS = 32
# How far either side of a match its sentence is looked for: bounds the work on a draft
# with very long unpunctuated lines, and depends only on the text near the match.
CONTEXT_LIMIT = 300

_KEY_ID_MESSAGE = b"compliance baseline key id"
_FINGERPRINT = regex.compile(r"[0-9a-f]{64}")
_KEY_ID = regex.compile(r"[0-9a-f]{16}")
_SENTENCE_BREAK = regex.compile(r"\n|[.!?\u2026\u3002\uff01\uff1f]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)")
_ENTRY_FIELDS = ("fingerprint", "rule", "path", "count", "reason", "who", "created", "expires")


class BaselineError(ComplianceError):
    """A baseline file or its key cannot be used. Names the file, and the line and column when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.message, self.path, self.line, self.column = message, path, line, column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line, self.column) if part is not None)
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding, or `count` identical ones in one draft. `path` is the draft's
    path as `relative_path` gives it; the entry stops applying on `expires`. `line` is where
    the entry starts in the file it was loaded from (None when made in code)."""
    fingerprint: str
    rule: str
    path: str
    reason: str
    who: str
    created: dt.date
    expires: dt.date | None = None
    count: int = 1
    line: int | None = field(default=None, compare=False)

    def live_on(self, day: dt.date) -> bool:
        """False from the day the entry expires on."""
        return self.expires is None or day < self.expires

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"fingerprint": self.fingerprint, "rule": self.rule, "path": self.path,
                               "count": self.count, "reason": self.reason, "who": self.who,
                               "created": self.created.isoformat()}
        if self.expires is not None:
            out["expires"] = self.expires.isoformat()
        return out


@dataclass(frozen=True)
class Baseline:
    """The accepted findings, and the id of the key their fingerprints were made with.
    `source` is the file it was loaded from (None when made in code)."""
    key_id: str
    entries: tuple[BaselineEntry, ...]
    source: str | None = field(default=None, compare=False)

    def to_json(self) -> str:
        """The baseline file's text: indented JSON, entries sorted by path, rule and
        fingerprint, so that a new baseline shows in a diff as the entries that changed."""
        entries = sorted(self.entries, key=lambda e: (e.path, e.rule, e.fingerprint))
        data = {"version": VERSION, "algorithm": ALGORITHM, "key_id": self.key_id,
                "entries": [e.to_dict() for e in entries]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def check_key(self, key: bytes) -> None:
        """Nothing when `key` is the key the baseline was made with; a BaselineError otherwise."""
        if not hmac.compare_digest(key_id(key), self.key_id):
            raise BaselineError(
                f"this baseline was made with another key (key id {self.key_id}; the key in use has id "
                f"{key_id(key)}); use the key it was made with (${KEY_ENV}, ${KEY_FILE_ENV} or "
                f"{default_key_file()}) or create the baseline again", self.source)


def key_id(key: bytes) -> str:
    """A short id of `key` that reveals nothing of it: an HMAC under it of a fixed string."""
    return hmac.new(key, _KEY_ID_MESSAGE, hashlib.sha256).hexdigest()[:16]


def _normal(text: str) -> str:
    return regex.sub(r"\s+", " ", unicodedata.normalize("NFC", text).casefold()).strip()


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` around `start:end`: from the last line break or sentence end
    before it to the next one after it, at most CONTEXT_LIMIT characters either side."""
    low = max(0, start - CONTEXT_LIMIT)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, low, start)]
    high = min(len(text), end + CONTEXT_LIMIT)
    after = _SENTENCE_BREAK.search(text, end, high)
    return text[breaks[-1] if breaks else low:after.start() if after else high]


def fingerprint(key: bytes, rule: str, path: str, text: str, violation: Violation) -> str:
    """The HMAC-SHA256 (hex) under `key` of rule id `rule`, the draft path `path` (as
    `relative_path` gives it), `violation`'s match and the sentence of `text` around it
    (`text` is what the violation's offsets refer to), match and sentence casefolded and
    with whitespace collapsed. It stays the same when the sentence moves to another line or
    anything outside it changes, and differs when the match, the sentence, rule or path do."""
    message = json.dumps([VERSION, rule, path, _normal(violation.match),
                          _normal(_sentence(text, violation.start, violation.end))])
    return hmac.new(key, message.encode("ascii"), hashlib.sha256).hexdigest()


def relative_path(draft: str | Path, baseline_file: str | Path) -> str:
    """`draft`'s path from the baseline file's folder, with forward slashes: how a baseline
    names drafts, the same from any working directory and on any system."""
    folder = Path(baseline_file).resolve().parent
    return Path(os.path.relpath(Path(draft).resolve(), folder)).as_posix()


def create_baseline(findings: Iterable[tuple[str, str, Report]], key: bytes, reason: str, who: str,
                    expires: dt.date | None = None, *, today: dt.date | None = None) -> Baseline:
    """A baseline accepting every violation of each (path, text, report) in `findings`
    (`path` as `relative_path` gives it, `text` what the report's offsets refer to): one
    entry per distinct fingerprint in a draft, counting identical findings. Findings a
    waiver already accepts (`report.suppressed`) are left out, and so are findings about
    waivers themselves: a waiver without a reason is fixed by giving one, not by a baseline."""
    if not reason.strip():
        raise BaselineError("a baseline needs a reason")
    counts: Counter[tuple[str, str, str]] = Counter()
    for path, text, report in findings:
        for v in report.violations:
            if not v.rule.startswith(WAIVER_RULE_PREFIX):
                counts[(path, v.rule, fingerprint(key, v.rule, path, text, v))] += 1
    created = today or dt.date.today()
    entries = tuple(BaselineEntry(fingerprint=fp, rule=rule, path=path, reason=reason, who=who,
                                  created=created, expires=expires, count=n)
                    for (path, rule, fp), n in sorted(counts.items()))
    return Baseline(key_id(key), entries)


def apply_baseline(report: Report, path: str, text: str, baseline: Baseline, key: bytes,
                   today: dt.date) -> tuple[Report, list[BaselineEntry]]:
    """`report` with each violation that a live entry for draft `path` accepts moved to
    `suppressed` (with Suppression("baseline", the entry's reason, the baseline file)), at
    most `count` per entry, every other violation kept; and the entries for `path` expired
    by `today`, which accept nothing, for the caller to report. `text` is what the report's
    offsets refer to. BaselineError when `key` is not the baseline's key."""
    baseline.check_key(key)
    mine = [e for e in baseline.entries if e.path == path]
    expired = [e for e in mine if not e.live_on(today)]
    left = {i: e.count for i, e in enumerate(mine) if e.live_on(today)}
    if not left or report.error is not None:
        return report, expired
    by_fingerprint: dict[str, list[int]] = {}
    for i in left:
        by_fingerprint.setdefault(mine[i].fingerprint, []).append(i)
    kept, accepted = [], []
    for v in report.violations:
        found = next((i for i in by_fingerprint.get(fingerprint(key, v.rule, path, text, v), ()) if left[i]), None)
        if found is None:
            kept.append(v)
            continue
        left[found] -= 1
        accepted.append(replace(v, suppression=Suppression("baseline", mine[found].reason, baseline.source)))
    return replace(report, violations=tuple(kept), suppressed=report.suppressed + tuple(accepted)), expired


class _Located(dict):
    """A JSON object and where its `{` is in the file."""
    line: int
    column: int


def _decode(text: str) -> Any:
    """`text` as JSON, each object a _Located (the C scanner offers no hook, so this uses
    the pure-Python one)."""
    starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[_Located, int]:
        pairs, end = json.decoder.JSONObject(s_and_end, *args)
        node, at = _Located(pairs), s_and_end[1] - 1
        node.line = bisect.bisect_right(starts, at)
        node.column = at - starts[node.line - 1] + 1
        return node, end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder.decode(text)


def _date(node: _Located, name: str, fail: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(node[name])
    except (TypeError, ValueError):
        raise fail(f"{name!r} must be a date written YYYY-MM-DD, not {node[name]!r}") from None


def _entry(node: Any, n: int, source: str, top: _Located) -> BaselineEntry:
    where = node if isinstance(node, _Located) else top

    def fail(message: str) -> BaselineError:
        return BaselineError(f"entry {n}: {message}", source, where.line, where.column)

    if not isinstance(node, _Located):
        raise fail("must be an object")
    unknown = sorted(set(node) - set(_ENTRY_FIELDS))
    if unknown:
        raise fail(f"unknown field {unknown[0]!r} (an entry has: {', '.join(_ENTRY_FIELDS)})")
    for name in ("fingerprint", "rule", "path", "reason", "who", "created"):
        if not isinstance(node.get(name), str) or not node[name].strip():
            raise fail(f"{name!r} must be a non-empty string")
    if not _FINGERPRINT.fullmatch(node["fingerprint"]):
        raise fail("'fingerprint' must be 64 lowercase hex digits (an HMAC-SHA256)")
    count = node.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise fail(f"'count' must be a whole number of at least 1, not {count!r}")
    return BaselineEntry(fingerprint=node["fingerprint"], rule=node["rule"], path=node["path"],
                         reason=node["reason"], who=node["who"], created=_date(node, "created", fail),
                         expires=_date(node, "expires", fail) if node.get("expires") is not None else None,
                         count=count, line=where.line)


def load_baseline(path: str | Path) -> Baseline:
    """The baseline in file `path` (its `source`). BaselineError naming the file, and the
    line and column, for a file that cannot be read, is not JSON, is not a baseline of this
    version and algorithm, or holds a bad entry."""
    source = str(path)
    try:
        data = _decode(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read: {exc.strerror or exc}", source) from None
    except UnicodeDecodeError as exc:
        raise BaselineError(f"not UTF-8 text (byte {exc.start + 1})", source) from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"not valid JSON: {exc.msg}", source, exc.lineno, exc.colno) from None
    if not isinstance(data, _Located):
        raise BaselineError("a baseline is a JSON object with version, algorithm, key_id and entries",
                            source, 1, 1)

    def fail(message: str) -> BaselineError:
        return BaselineError(message, source, data.line, data.column)

    if data.get("version") != VERSION:
        raise fail(f"version {data.get('version')!r} is not one this checker reads ({VERSION})")
    if data.get("algorithm") != ALGORITHM:
        raise fail(f"algorithm {data.get('algorithm')!r} is not {ALGORITHM!r}")
    if not isinstance(data.get("key_id"), str) or not _KEY_ID.fullmatch(data["key_id"]):
        raise fail("'key_id' must be 16 lowercase hex digits")
    if not isinstance(data.get("entries"), list):
        raise fail("'entries' must be a list")
    entries = tuple(_entry(node, n, source, data) for n, node in enumerate(data["entries"], 1))
    return Baseline(data["key_id"], entries, source)


def default_key_file() -> Path:
    """The per-user key file: $XDG_CONFIG_HOME/compliance/baseline.key, else
    ~/.config/compliance/baseline.key."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "compliance" / "baseline.key"


def _work_trees(paths: Iterable[str | Path]) -> set[Path]:
    """Every git work tree holding any of `paths` (nested ones too: a key in the outer
    repository of a submodule would be committed as surely)."""
    folders = set()
    for p in paths:
        resolved = Path(p).resolve()
        folders.add(resolved if resolved.is_dir() else resolved.parent)
    return {d for folder in folders for d in (folder, *folder.parents) if (d / ".git").exists()}


def _checked(key: str, where: str) -> bytes:
    if len(key) < MIN_KEY_CHARS:
        raise BaselineError(f"the baseline key from {where} has {len(key)} characters; use at least "
                            f"{MIN_KEY_CHARS} (a random one: python -c 'import secrets; print(secrets.token_hex(32))')")
    return key.encode("utf-8")


def load_key(near: Iterable[str | Path], create: bool = False) -> tuple[bytes, Path | None]:
    """The baseline key, and the key file this call made (else None). The key is
    $COMPLIANCE_BASELINE_KEY, else the text of the file $COMPLIANCE_BASELINE_KEY_FILE names,
    else that of `default_key_file()`, which is made (32 random bytes as hex, mode 0600)
    when `create` and missing. BaselineError for no key, a key shorter than MIN_KEY_CHARS,
    or a key file that other users may read or write or that lies inside the git work tree
    of any of `near` (the drafts and the baseline), where it would be committed with them."""
    if os.environ.get(KEY_ENV):
        return _checked(os.environ[KEY_ENV].strip(), f"${KEY_ENV}"), None
    named = os.environ.get(KEY_FILE_ENV)
    path = Path(named) if named else default_key_file()
    for tree in _work_trees(near):
        if path.resolve().is_relative_to(tree):
            raise BaselineError(f"the key file is inside the git work tree {tree}, where it could be committed "
                                f"with the drafts; keep it outside, e.g. in {default_key_file()}", str(path))
    made = None
    if not path.exists():
        if named or not create:
            raise BaselineError(f"no baseline key: set ${KEY_ENV}, or ${KEY_FILE_ENV} to a key file, or keep "
                                f"the key `compliance baseline create` made in {default_key_file()}",
                                named or None)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_hex(32) + "\n")
        made = path
    mode = path.stat().st_mode & 0o777
    if os.name == "posix" and mode & 0o077:
        raise BaselineError(f"the key file may be read or written by other users (mode {mode:o}); "
                            f"run chmod 600 {path}", str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read the key file: {getattr(exc, 'strerror', None) or exc}", str(path)) from None
    return _checked(text.strip(), str(path)), made
