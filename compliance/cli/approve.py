"""`compliance approve`: record that a person in a role approved drafts as they are now."""
from __future__ import annotations

from pathlib import Path

import click

from ..audit.approvals import author_of, draft_path, required_roles, same_person
from ..audit.records import content_sha256
from ..documents import decode_draft, front_matter
from ..errors import ComplianceError
from ..project.config import Checkers, config_for
from .check import check_text
from .common import config_option, fail


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' * (n != 1)}"


@click.command(epilog="Exit status: 0 recorded, 2 a usage, input or record error, or an author approving "
                      "their own draft (then nothing is recorded).")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--as", "approver", required=True, metavar="NAME", help="Who approves: the approver's name.")
@click.option("--role", required=True, help="The approver's role, as `require_approval` names it (e.g. compliance).")
@click.option("--comment", help="What the approver says about the drafts; kept in the record.")
@click.option("--record", "record", type=click.Path(file_okay=False),
              help="The record folder [default: the configuration's record: {dir: ...}].")
@config_option
def approve(paths: tuple[str, ...], approver: str, role: str, comment: str | None, record: str | None,
            config: str | None) -> None:
    """Approve the drafts PATHS as they are now: an approval record binds the approver's name
    and role to each draft's content (its SHA-256), so editing a draft voids its approval.
    The draft's author (its front matter's `author:`, else its last git commit's) cannot
    approve it. Every draft is checked first; if any cannot be approved, none is."""
    approver, role = approver.strip(), role.strip()
    if not approver:
        raise click.BadParameter("must name the approver", param_hint="--as")
    if not role:
        raise click.BadParameter("must name the approver's role", param_hint="--role")
    checkers = Checkers()
    approvals = []
    for name in paths:
        path = Path(name)
        try:
            raw, warning = decode_draft(path.read_bytes(), name)
            meta = front_matter(raw, name)
            settings = config_for(path, config).settings_for(path).with_command_line(record=record)
            if settings.record is None:
                fail(f"{name}: no record folder to keep the approval in: give --record DIR or set "
                     "record: {dir: ...} in .compliance.yaml")
            author = author_of(path, meta)
            if author is not None and same_person(author, approver):
                whose = "its front matter's author:" if str(meta.get("author") or "").strip() else "its last git commit"
                fail(f"{name}: {approver} is the author of this draft ({whose}) and cannot approve it; "
                     "an approval must come from someone else")
            report = check_text(raw, name, settings, checkers)
        except OSError as exc:
            fail(f"{name}: cannot read: {exc.strerror or exc}")
        except ComplianceError as exc:
            fail(str(exc) if str(exc).startswith(name) else f"{name}: {exc}")
        if warning:
            click.echo(f"compliance: warning: {warning}", err=True)
        covered = [v for v in report.violations if role in required_roles(v.rule, settings.require_approval)]
        approvals.append((name, settings.record, raw, author, covered, len(report.violations) - len(covered)))
    for name, where, raw, author, covered, others in approvals:
        body = {"content_sha256": content_sha256(raw), "path": draft_path(name, where.dir), "approver": approver,
                "role": role, "comment": comment, "author": author,
                # Which findings it covers, without their text: the record keeps no draft by default.
                "findings": [{"rule": v.rule, "line": v.line, "column": v.column} for v in covered]}
        try:
            written = where.open().append("approval", body)
        except ComplianceError as exc:
            fail(str(exc))
        summary = f"it covers {_count(len(covered), 'finding')} that need{'s' * (len(covered) == 1)} approval by {role}"
        if others:
            summary += f"; {_count(others, 'other finding')} still count{'s' * (others == 1)}"
        click.echo(f"{name}: approved by {approver} ({role}), record {written['id']}; {summary}")
