"""`compliance check`: text and Markdown drafts, from files, folders or standard input, each
under the project configuration that governs it."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import click

from ..audit.approvals import Approvals
from ..audit.packs import pack_files
from ..audit.records import AuditError, AuditLog, published
from ..documents import decode_draft, front_matter, read_draft
from ..errors import ComplianceError, PackError
from ..findings.waivers import apply_waivers
from ..metadata import Metadata
from ..model import Report
from ..output import FORMATS
from ..project.config import Checkers, Settings, check_require_approval, config_for
from ..project.diffs import changed_lines, only_changed
from ..project.drafts import draft_files
from .common import (EXIT_ERROR, EXIT_STATUSES, baseline_filter, baseline_option, colour, config_option,
                     exit_status, fail, fail_on_option, lang_option, metadata_of, metadata_options,
                     no_builtin_option, pack_option, record_option)


@dataclass(frozen=True)
class DraftTarget:
    """A draft to check: its name as shown, and the settings that govern it."""
    name: str
    path: Path | None   # None: standard input
    settings: Settings


def draft_targets(paths: tuple[str, ...], config: str | None, overrides: dict) -> tuple[list[DraftTarget], list[str]]:
    """The drafts that `paths` name (a folder: its drafts that neither git nor the
    configuration's `exclude` leaves out) with their settings, and the paths that name
    nothing."""
    targets, missing = [], []
    for raw in paths:
        if raw == "-":
            targets.append(DraftTarget("<stdin>", None, config_for(Path.cwd(), config).settings_for(None)
                                   .with_command_line(**overrides)))
            continue
        path = Path(raw)
        if path.is_dir():
            found = [(str(p), p, config_for(p, config)) for p in draft_files(path)]
            found = [(name, p, project) for name, p, project in found if not project.excludes(p)]
        elif path.exists():
            found = [(raw, path, config_for(path, config))]  # a file named outright is checked, excluded or not
        else:
            missing.append(raw)
            continue
        targets.extend(DraftTarget(name, p, project.settings_for(p).with_command_line(**overrides))
                       for name, p, project in found)
    return targets, missing


def check_draft(target: DraftTarget, checkers: Checkers, lang: str | None,
                metadata: Metadata = Metadata()) -> tuple[str, Report]:
    """The draft as written and its report, waivers applied; `metadata` fills in what its
    front matter does not say. ComplianceError when it cannot be read or checked."""
    try:
        data = sys.stdin.buffer.read() if target.path is None else target.path.read_bytes()
    except OSError as exc:
        raise ComplianceError(f"{target.name}: cannot read: {exc.strerror or exc}") from None
    raw, warning = decode_draft(data, target.name)
    if warning:
        click.echo(f"compliance: warning: {warning}", err=True)
    return raw, check_text(raw, target.name, target.settings, checkers, lang, metadata=metadata)


def check_text(raw: str, name: str, settings: Settings, checkers: Checkers, lang: str | None = None,
               markdown: bool | None = None, metadata: Metadata = Metadata()) -> Report:
    """The report on the draft `raw` (named `name`) under `settings`, waivers applied. It is
    Markdown when `markdown` says so or, when None, when `name` ends as Markdown does; `lang`
    wins over the front matter's and the settings'; `metadata` fills in what the front matter
    does not say. ComplianceError when it cannot be checked."""
    draft = read_draft(raw, name, markdown)
    checker = checkers.get(settings)
    report = checker.check_document(draft.text, lang=lang or draft.lang or settings.lang, id=name,
                                    **draft.metadata.merged(metadata).to_dict())
    return apply_waivers(report, draft.waivers, raw, settings.report_unused_waivers)


def record_draft(log: AuditLog, target: DraftTarget, checkers: Checkers, raw: str, report: Report,
                 keep_text: bool = False) -> None:
    """Add the check record of one draft's report to `log` (with the draft's text when
    `keep_text`); AuditError when it cannot be written."""
    settings = target.settings
    author = front_matter(raw, target.name).get("author")
    metadata = {"path": target.name, "channel": report.channel, "lang": report.lang,
                "author": None if author is None else str(author), "fail_on": settings.fail_on, "command": "check",
                **published(report)}
    log.record_check(report, checkers.get(settings).rule_set, text=raw, metadata=metadata,
                     keep_text=keep_text, pack_files=pack_files(settings.packs, settings.builtin))


def say_unchecked(target: DraftTarget, exc: ComplianceError) -> None:
    """One line on standard error: why `target` could not be checked, naming it once."""
    message = str(exc)
    click.echo(f"compliance: {message}" if message.startswith(target.name) else
               f"compliance: {target.name}: {message}", err=True)


@click.command(epilog=EXIT_STATUSES)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text for people; json (one document) or jsonl (one object a file); sarif for code "
                   "scanning; github for workflow annotations; rdjsonl for reviewdog.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output here instead of standard output.")
@config_option
@click.option("--report-unused-waivers/--no-report-unused-waivers", default=None,
              help="Report waivers that waive nothing [default: the configuration's setting, on when $CI is set].")
@lang_option
@pack_option
@fail_on_option
@no_builtin_option
@baseline_option
@click.option("--diff-base", metavar="REF",
              help="Report only findings on lines added or changed since git REF (e.g. origin/main).")
@record_option
@metadata_options
def check(paths: tuple[str, ...], fmt: str, output: str | None, config: str | None,
          report_unused_waivers: bool | None, lang: str | None, packs: tuple[str, ...], fail_on: str | None,
          no_builtin: bool, baseline: str | None, diff_base: str | None, record: str | None,
          **metadata: object) -> None:
    """Check text or Markdown drafts: files, folders (their .md and .txt files that git does
    not ignore), or - for standard input. The metadata options say how the drafts are
    published; a draft's front matter wins over them."""
    defaults = metadata_of(**metadata)
    overrides = {"packs": packs, "builtin": False if no_builtin else None, "lang": lang, "fail_on": fail_on,
                 "report_unused_waivers": report_unused_waivers, "record": record}
    accept = baseline_filter(baseline, paths)
    checkers = Checkers()
    try:
        targets, missing = draft_targets(paths, config, overrides)
        for target in targets:
            check_require_approval(target.settings, checkers.get(target.settings).rule_set)
        logs = {r: r.open() for r in {t.settings.record for t in targets} if r is not None}
    except (PackError, AuditError) as exc:
        fail(str(exc))
    for raw in missing:
        click.echo(f"compliance: {raw}: no such file or folder", err=True)
    stream: IO[str] = sys.stdout
    if output:
        try:
            stream = open(output, "w", encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write: {exc.strerror or exc}")
    formatter = FORMATS[fmt](stream, colour=colour() and not output)
    formatter.begin(checkers.rule_set())
    failed_input = bool(missing)
    reports, checked = [], 0
    approvals = Approvals()
    for target in targets:
        try:
            raw, report = check_draft(target, checkers, lang, defaults)
            report = approvals.apply(report, target.path, raw, target.settings)
            report = accept(target.path, report)
            if diff_base and target.path is not None:
                report = only_changed(report, changed_lines(target.path, diff_base))
        except ComplianceError as exc:
            say_unchecked(target, exc)
            failed_input = True
            continue
        if target.settings.record is not None:
            try:
                record_draft(logs[target.settings.record], target, checkers, raw, report,
                             target.settings.record.keep_text)
            except AuditError as exc:
                fail(str(exc))
        formatter.add(target.name, raw, report)
        checked += 1
        reports.append(report)
    if checked or not failed_input:  # "no problems in 0 files" would hide that nothing could be read
        formatter.end()
    if output:
        stream.close()
    if failed_input:
        sys.exit(EXIT_ERROR)
    sys.exit(exit_status(reports))
