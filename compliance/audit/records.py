"""The audit record: an append-only, hash-chained log of every check and approval, kept in a
folder of daily JSONL files (`records-YYYY-MM-DD.jsonl`, UTC days).

Each record is one JSON object with `seq` (1, 2, ...), `prev_hash` (the `hash` of the record
before it, across files; 64 zeros for the first) and `hash` (SHA-256 of the record's
canonical JSON without `hash`). Changing, removing or reordering any record breaks the chain
from there on, which `verify` names. A record holds the post's SHA-256 and, only where the
configuration asks for it, the post's text; the rule set a check used is archived once under
its content hash (`rulesets/<sha256>.json`), so a decision can be replayed after the packs
change. Appends are serialised with a lock file and fsynced before `append` returns.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

from .. import __version__
from ..errors import ComplianceError
from ..model import Report, RuleSet, Violation
from ..posts import Post

if TYPE_CHECKING:  # pragma: no cover
    from ..batch import Line

RECORD_VERSION = 1
GENESIS = "0" * 64
_FILE_PREFIX, _FILE_SUFFIX = "records-", ".jsonl"
RECORD_KINDS = ("check", "approval")


class AuditError(ComplianceError):
    """The record folder cannot be read or written, or a record is not what it should be."""


def canonical(obj: Any) -> bytes:
    """The bytes a record's hash is taken over: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def record_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of `record` without its own `hash`."""
    return hashlib.sha256(canonical({k: v for k, v in record.items() if k != "hash"})).hexdigest()


def content_sha256(text: str) -> str:
    """The SHA-256 (hex) of a post's text as UTF-8, as records and approvals name content."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def rule_set_sha256(rule_set: RuleSet) -> str:
    """The content hash of a rule set (its plain data), under which it is archived."""
    return hashlib.sha256(canonical(rule_set.to_dict())).hexdigest()


def record_files(folder: str | Path) -> list[Path]:
    """The record files of `folder`, oldest first."""
    return sorted(Path(folder).glob(f"{_FILE_PREFIX}*{_FILE_SUFFIX}"))


def file_day(path: Path) -> dt.date:
    """The UTC day of a daily record file, from its name."""
    return dt.date.fromisoformat(path.name[len(_FILE_PREFIX):-len(_FILE_SUFFIX)])


def record_day(record: Mapping[str, Any]) -> dt.date:
    """The UTC day a record was made on (records name their time in UTC)."""
    return dt.datetime.fromisoformat(record["time"]).astimezone(dt.timezone.utc).date()


def read_records(folder: str | Path) -> Iterator[tuple[Path, int, dict[str, Any]]]:
    """Every record of `folder` in order, with its file and 1-based line; AuditError naming
    file and line for a line that is not a JSON object."""
    for path in record_files(folder):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError as exc:
                    raise AuditError(f"{path}:{number}: not a JSON record ({exc})") from None
                if not isinstance(obj, dict):
                    raise AuditError(f"{path}:{number}: not a JSON object")
                yield path, number, obj


@dataclass(frozen=True)
class Verification:
    """The outcome of `verify`: how many records were checked and the first problem (None
    when the chain is intact), named by file and line."""
    records: int
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(folder: str | Path) -> Verification:
    """Recompute the hash chain of `folder`: every record's hash, its `seq` one more than the
    record before and its `prev_hash` that record's hash. The first record that was changed,
    removed or reordered is named."""
    previous, seq, count = GENESIS, 0, 0
    try:
        seq, previous = purge_anchor(folder)  # after a purge the chain goes on from the last record purged
        for path, number, record in read_records(folder):
            where = f"{path}:{number}"
            count += 1
            if record.get("hash") != record_hash(record):
                return Verification(count - 1, f"{where}: record {record.get('seq')} was changed (its hash does not match)")
            if record.get("seq") != seq + 1:
                return Verification(count - 1, f"{where}: record {record.get('seq')} follows record {seq}: "
                                               "records were removed or reordered")
            if record.get("prev_hash") != previous:
                return Verification(count - 1, f"{where}: record {record.get('seq')} does not follow the record "
                                               "before it (prev_hash): records were removed, reordered or replaced")
            previous, seq = record["hash"], record["seq"]
    except AuditError as exc:
        return Verification(count, str(exc))
    return Verification(count)


class AuditLog:
    """The record folder `folder`, created on first use (mode 0700: records may hold drafts)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        # What this log wrote last (file, its size then, seq, hash): while the file is unchanged
        # the next append need not read it again, so a long run's appends stay cheap.
        self._tail: tuple[Path, int, int, str] | None = None
        self._digests: dict[int, tuple[RuleSet, str]] = {}

    def _ensure(self, folder: Path) -> None:
        for part in (self.folder, folder):
            part.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _last(self) -> tuple[int, str]:
        files = record_files(self.folder)
        if self._tail is not None and files and files[-1] == self._tail[0] and files[-1].stat().st_size == self._tail[1]:
            return self._tail[2], self._tail[3]
        for path in reversed(files):
            last = None
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        last = line
            if last is not None:
                try:
                    record = json.loads(last)
                    return int(record["seq"]), str(record["hash"])
                except (ValueError, KeyError, TypeError):
                    raise AuditError(f"{path}: its last record cannot be read; run `compliance audit verify`") from None
        return purge_anchor(self.folder)

    def append(self, kind: str, body: Mapping[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
        """Add one record of `kind` with the fields of `body` and return it as written (with
        id, seq, prev_hash, time and hash). Durable when this returns."""
        if kind not in RECORD_KINDS:
            raise ValueError(f"kind must be one of {RECORD_KINDS}")
        now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
        try:
            self._ensure(self.folder)
            with open(os.open(self.folder / ".lock", os.O_WRONLY | os.O_CREAT, 0o600), "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                seq, previous = self._last()
                record = {"record_version": RECORD_VERSION, "kind": kind, "id": uuid.uuid4().hex, "seq": seq + 1,
                          "prev_hash": previous, "time": now.isoformat(timespec="microseconds"),
                          "engine": __version__, **body}
                record["hash"] = record_hash(record)
                path = self.folder / f"{_FILE_PREFIX}{now.date().isoformat()}{_FILE_SUFFIX}"
                new = not path.exists()
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(fd, canonical(record) + b"\n")
                    os.fsync(fd)
                    self._tail = (path, os.fstat(fd).st_size, record["seq"], record["hash"])
                finally:
                    os.close(fd)
                if new:  # the file's name must survive a crash too
                    dirfd = os.open(self.folder, os.O_RDONLY)
                    try:
                        os.fsync(dirfd)
                    finally:
                        os.close(dirfd)
        except OSError as exc:
            raise AuditError(f"{self.folder}: cannot write the audit record: {exc.strerror or exc}") from None
        return record

    def archive_rule_set(self, rule_set: RuleSet) -> str:
        """Keep `rule_set` under its content hash (once) and return the hash."""
        known = self._digests.get(id(rule_set))
        if known is not None and known[0] is rule_set:
            return known[1]
        digest = rule_set_sha256(rule_set)
        path = self.folder / "rulesets" / f"{digest}.json"
        if not path.exists():
            try:
                self._ensure(path.parent)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with open(fd, "wb") as f:
                    f.write(canonical(rule_set.to_dict()))
                os.replace(tmp, path)
            except OSError as exc:
                raise AuditError(f"{path}: cannot archive the rule set: {exc.strerror or exc}") from None
        # Hashing a rule set takes tens of milliseconds: once per rule set, not once per record.
        self._digests[id(rule_set)] = (rule_set, digest)
        return digest

    def rule_set(self, digest: str) -> RuleSet:
        """The archived rule set with content hash `digest`."""
        path = self.folder / "rulesets" / f"{digest}.json"
        try:
            return RuleSet.from_dict(json.loads(path.read_text("utf-8")), str(path))
        except OSError as exc:
            raise AuditError(f"{path}: the rule set of this record is not archived ({exc.strerror or exc})") from None

    def record_check(self, report: Report, rule_set: RuleSet, *, text: str, metadata: Mapping[str, Any] | None = None,
                     keep_text: bool = False, now: dt.datetime | None = None,
                     pack_files: Sequence[Mapping[str, Any]] | None = None) -> dict[str, Any]:
        """Record one check: the content's hash (and its text with `keep_text`), the rule set
        by its archived hash, every rule evaluated for the post's language, every finding
        (counted and accepted, with the waiver's or baseline's reason) and `metadata` (path,
        channel, author, ...). Without `keep_text` no finding keeps the words it matched.
        `pack_files` (`compliance.audit.packs.pack_files`) adds each pack file's id, version
        and SHA-256."""
        digest = self.archive_rule_set(rule_set)
        finding = (lambda v: v.to_dict()) if keep_text else _without_text
        body: dict[str, Any] = {
            "content_sha256": content_sha256(text),
            "lang": report.lang,
            "rule_set_sha256": digest,
            "packs": sorted({r.pack for r in rule_set.rules}),
            "rules": [r.id for r in rule_set.for_lang(report.lang)] if report.lang else [r.id for r in rule_set.rules],
            "findings": [finding(v) for v in report.violations],
            "suppressed": [finding(v) for v in report.suppressed],
            "ok": report.ok,
            "fail_on": report.fail_on,
            "metadata": dict(metadata or {}),
        }
        if report.error is not None:
            body["error"] = report.error
        if pack_files is not None:
            body["pack_files"] = [dict(p) for p in pack_files]
        if keep_text:
            body["text"] = text
        return self.append("check", body, now)


def checked_line(line: "Line", raw: bytes, max_chars: int, fail_on: str) -> tuple[Post, Report, Any] | None:
    """The post of batch input line `raw`, its report as the output `line` carries it (from
    whichever process checked it) and the line's `author` field; None for a line that could
    not be checked, of which nothing was evaluated."""
    if line.error:
        return None
    obj = json.loads(raw)
    post = Post.coerce(obj, max_chars)
    return post, Report.from_dict(line.obj, post.text, metadata=post.metadata, fail_on=fail_on), obj.get("author")


def post_metadata(post: Post, report: Report, *, command: str, fail_on: str, author: Any = None,
                  **where: Any) -> dict[str, Any]:
    """A batch or service post's metadata for its check record; `where` names its place
    (`path`, `line`)."""
    return {**where, "id": post.id, "channel": post.channel, "lang": report.lang,
            "author": None if author is None else str(author), "fail_on": fail_on, "command": command,
            **published(report)}


def published(report: Report) -> dict[str, Any]:
    """The part of a check record's metadata that says how the post was to be published
    (`{"published": {...}}`, or nothing when it says nothing), which replay checks it with."""
    given = report.metadata.to_dict()
    return {"published": given} if given else {}


def _without_text(violation: Violation) -> dict[str, Any]:
    """A finding as a record keeps it when the post's text is not kept: no matched words, and
    its message and suggestion with "…" where they quote them."""
    out = violation.to_dict()
    match = out.pop("match")
    for key in ("message", "suggestion"):
        if match and isinstance(out.get(key), str):
            out[key] = out[key].replace(match, "…")
    return out


# `purged.json` names the last record purged (see `retention.purge`): the chain that is left
# starts there.
PURGED_FILE = "purged.json"


def read_json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in `path`, None when there is no such file; AuditError otherwise."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise AuditError(f"{path}: cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise AuditError(f"{path}: not a JSON object")
    return data


def purge_anchor(folder: str | Path) -> tuple[int, str]:
    """(seq, hash) of the last record purged from `folder`, which the records left follow;
    (0, GENESIS) when nothing was purged."""
    path = Path(folder) / PURGED_FILE
    data = read_json_object(path)
    if data is None:
        return 0, GENESIS
    try:
        return int(data["seq"]), str(data["hash"])
    except (KeyError, TypeError, ValueError):
        raise AuditError(f"{path}: not a purge anchor (it needs seq and hash)") from None
