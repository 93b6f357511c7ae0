"""Approvals bound to content: who approved exactly which text of a draft, kept as `approval`
records in the audit record folder.

An approval names the draft's `content_sha256` (of the file as written), so it covers that
text and no other: one edited byte later, the findings it accepted count again. The
configuration's `require_approval` names rules whose findings count until an approval of
the required role matches the draft's current content; `apply_approvals` moves those to
`Report.suppressed`, and says of the others what is missing.
"""
from __future__ import annotations

import fnmatch
import os
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..documents import front_matter
from ..model import Report, Suppression, Violation, severity_rank
from .records import content_sha256, read_records, record_hash

if TYPE_CHECKING:  # pragma: no cover
    from ..project.config import Settings

# (rule ids or globs, role): the findings of those rules need an approval by that role.
Requirement = tuple[Sequence[str], str]


@dataclass(frozen=True)
class Approval:
    """One approval record: `approver` in `role` approved the content `content_sha256` of
    the draft at `path` (as `draft_path` names it)."""
    id: str
    path: str
    content_sha256: str
    approver: str
    role: str
    comment: str | None = None
    author: str | None = None
    time: str | None = None


@dataclass(frozen=True)
class ApprovalIndex:
    """The approvals of a record folder, by content hash and by draft path, oldest first."""
    by_content: Mapping[str, tuple[Approval, ...]] = field(default_factory=dict)
    by_path: Mapping[str, tuple[Approval, ...]] = field(default_factory=dict)

    def matching(self, content: str, role: str, author: str | None = None) -> Approval | None:
        """The latest approval of `content` by `role` and not by `author`, None when there is
        none."""
        return next((a for a in reversed(self.by_content.get(content, ()))
                     if a.role == role and not (author and same_person(a.approver, author))), None)

    def of_path(self, path: str | None, role: str) -> tuple[Approval, ...]:
        """Every approval by `role` of the draft at `path`, whatever content it approved."""
        return tuple(a for a in self.by_path.get(path or "", ()) if a.role == role)


def draft_path(draft: str | Path, folder: str | Path) -> str:
    """How approvals name `draft`: its path from the record folder, with forward slashes, so
    it is the same from any working directory."""
    return Path(os.path.relpath(Path(draft).resolve(), Path(folder).resolve())).as_posix()


def approval_index(folder: str | Path | None) -> ApprovalIndex:
    """The approvals in the record folder `folder` (an empty index for None or a folder not
    made yet). A record whose own hash does not match its fields approves nothing; the whole
    chain is what `compliance audit verify` checks. AuditError for a line that is not JSON."""
    if folder is None or not Path(folder).is_dir():
        return ApprovalIndex()
    by_content: dict[str, list[Approval]] = {}
    by_path: dict[str, list[Approval]] = {}
    for _, _, record in read_records(folder):
        if record.get("kind") != "approval" or record.get("hash") != record_hash(record):
            continue
        approval = Approval(id=record["id"], path=record["path"], content_sha256=record["content_sha256"],
                            approver=record["approver"], role=record["role"], comment=record.get("comment"),
                            author=record.get("author"), time=record.get("time"))
        by_content.setdefault(approval.content_sha256, []).append(approval)
        by_path.setdefault(approval.path, []).append(approval)
    return ApprovalIndex({k: tuple(v) for k, v in by_content.items()}, {k: tuple(v) for k, v in by_path.items()})


def required_roles(rule: str, rules_to_roles: Sequence[Requirement]) -> tuple[str, ...]:
    """The roles that must approve a finding of `rule`: one for each requirement naming it."""
    return tuple(dict.fromkeys(role for rules, role in rules_to_roles
                               if any(fnmatch.fnmatchcase(rule, r) for r in rules)))


def apply_approvals(report: Report, path: str | None, text: str, rules_to_roles: Sequence[Requirement],
                    index: ApprovalIndex, author: str | None = None) -> Report:
    """`report` with each finding whose rule `rules_to_roles` names moved to `suppressed`
    when, for every role required, `index` holds an approval of `text` (the draft as
    written) by that role and not by `author`, the draft's author. Any other such finding
    stays, at `report.fail_on` at least (it passes only with an approval, whatever its
    severity), its message saying what is missing: an approval by the role, or one that
    matches this content when `path` (as `draft_path` names it) was approved with other
    content."""
    if not rules_to_roles or report.error is not None:
        return report
    content = content_sha256(text)
    kept: list[Violation] = []
    suppressed = list(report.suppressed)
    for v in report.violations:
        roles = required_roles(v.rule, rules_to_roles)
        found = [index.matching(content, role, author) for role in roles]
        if roles and all(found):
            reason = ", ".join(f"approved by {a.approver} ({a.role})" for a in found)
            suppressed.append(replace(v, suppression=Suppression("approval", reason, ", ".join(a.id for a in found))))
            continue
        missing = [role for role, a in zip(roles, found) if a is None]
        if missing and severity_rank(v.severity) < severity_rank(report.fail_on):
            v = replace(v, severity=report.fail_on)
        if any(index.of_path(path, role) for role in missing):
            v = replace(v, message=f"{v.message} — approval does not match this content "
                                   "(edited since it was approved)")
        elif missing:
            v = replace(v, message=f"{v.message} — needs approval by {' and '.join(missing)}")
        kept.append(v)
    return replace(report, violations=tuple(kept), suppressed=tuple(suppressed))


class Approvals:
    """What `require_approval` does to the reports of a run: each record folder's approvals
    are read once, on first use."""

    def __init__(self) -> None:
        self._indexes: dict[Path | None, ApprovalIndex] = {}

    def apply(self, report: Report, draft: str | Path | None, text: str, settings: "Settings") -> Report:
        """`apply_approvals` for the draft at `draft` (None: standard input) under `settings`,
        with the approvals of their record folder (none without one)."""
        if not settings.require_approval:
            return report
        folder = settings.record.dir if settings.record else None
        if folder not in self._indexes:
            self._indexes[folder] = approval_index(folder)
        index = self._indexes[folder]
        path = None if draft is None or folder is None else draft_path(draft, folder)
        # The author as the draft says now, not only as `approve` saw it: an approval the
        # author made of a copy (whose author it could not tell) is still their own. Asked
        # only when some approval of this content exists, so git runs rarely.
        author = None
        if content_sha256(text) in index.by_content:
            author = author_of(draft, front_matter(text, str(draft or "<stdin>")))
        return apply_approvals(report, path, text, settings.require_approval, index, author)


def author_of(path: str | Path | None, meta: Mapping[str, Any]) -> str | None:
    """Who wrote the draft at `path` (None: standard input): its front matter's `author`
    (`meta`), else the author of the last git commit that changed the file; None when
    neither says."""
    author = meta.get("author")
    if author is not None and str(author).strip():
        return str(author).strip()
    if path is None:
        return None
    path = Path(path)
    try:
        found = subprocess.run(["git", "log", "-1", "--format=%an", "--", path.name], cwd=path.parent,
                               capture_output=True, text=True, check=False, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None  # git is not installed: the front matter is all there is
    return found or None


def same_person(a: str, b: str) -> bool:
    """Whether two names name the same person, as far as names can tell (case and spacing
    aside)."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
