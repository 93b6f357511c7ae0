"""The `compliance` command: check drafts, scan JSONL batches, and work with rule packs.

Exit statuses: 0 nothing at or above --fail-on, 1 something is, 2 a usage, pack or input error.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator, TextIO

import click

from ..checker import Checker
from ..documents import read_draft
from ..errors import ComplianceError, InputError, PackError
from ..model import SEVERITIES, Report
from ..output import FORMATS
from ..output.text import isolate
from ..packs import load_rule_set
from ..posts import Post

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2

pack_option = click.option("--pack", "packs", multiple=True, type=click.Path(),
                           help="A rule pack file or folder, added to the built-in packs. Repeatable.")
fail_on_option = click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning", show_default=True,
                              help="Lowest severity that makes the exit status 1.")
no_builtin_option = click.option("--no-builtin", is_flag=True, help="Leave out the built-in packs.")


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _fail(message: str) -> None:
    click.echo(f"compliance: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _checker(packs: tuple[str, ...], fail_on: str, no_builtin: bool = False) -> Checker:
    try:
        if packs or no_builtin:
            return Checker.from_packs(packs, builtin=not no_builtin, fail_on=fail_on)
        return Checker.default(fail_on=fail_on)
    except PackError as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="post-compliance")
def main() -> None:
    """Check social media posts against policy rule packs before they are published."""


# -- check --------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", help="Language of the drafts (detected when not given or set in front matter).")
@pack_option
@fail_on_option
@no_builtin_option
def check(paths: tuple[str, ...], fmt: str, lang: str | None, packs: tuple[str, ...], fail_on: str,
          no_builtin: bool) -> None:
    """Check text or Markdown drafts (PATH, or - for standard input)."""
    checker = _checker(packs, fail_on, no_builtin)
    formatter = FORMATS[fmt](sys.stdout, colour=_colour())
    formatter.begin(checker.rule_set)
    failed_input = False
    all_ok = True
    for path in paths:
        try:
            raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
            draft = read_draft(raw, "<stdin>" if path == "-" else path)
            report = checker.check(draft.text, lang=lang or draft.lang, channel=draft.channel, id=path)
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"compliance: {path}: cannot read: {exc}", err=True)
            failed_input = True
            continue
        except ComplianceError as exc:
            click.echo(f"compliance: {path}: {exc}", err=True)
            failed_input = True
            continue
        formatter.add(path, raw, report)
        all_ok = all_ok and report.ok
    formatter.end()
    if failed_input:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK if all_ok else EXIT_VIOLATIONS)


# -- scan ---------------------------------------------------------------------------------
def _parse_line(line: str, number: int, source: str) -> tuple[Post | None, dict[str, Any] | None]:
    """(post, None) for a checkable line, (None, error object) otherwise. Errors read
    `file:line:column: what is wrong`."""
    def error(post_id: Any, what: str, column: int = 1) -> tuple[None, dict[str, Any]]:
        return None, {"id": post_id, "line": number, "error": f"{source}:{number}:{column}: {what}"}

    try:
        obj = json.loads(line)
    except ValueError as exc:
        return error(None, f"not valid JSON: {getattr(exc, 'msg', exc)}", getattr(exc, "colno", 1))
    if not isinstance(obj, dict):
        return error(None, "not a JSON object")
    try:
        return Post.coerce(obj), None
    except InputError as exc:
        return error(obj.get("id"), str(exc))


def _scan_results(checker: Checker, lines: Iterator[str], source: str,
                  chunk: int = 256) -> Iterator[tuple[dict | None, Report | None]]:
    """(error object, None) or (None, report) for every input line, in order."""
    batch: list[tuple[int, Post | None, dict | None]] = []

    def flush():
        posts = [p for _, p, _ in batch if p is not None]
        try:
            reports = iter(list(checker.check_many(posts, batch_size=chunk)))
        except Exception:  # noqa: BLE001 - one bad post must not lose the others' results
            reports = None  # check them one by one, so only the failing post reports an error
        for number, post, error in batch:
            if error is not None:
                yield error, None
                continue
            if reports is not None:
                report = next(reports)
            else:
                try:
                    report = next(checker.check_many([post]))
                except ComplianceError as exc:
                    yield {"id": post.id, "line": number, "error": f"{source}:{number}:1: {exc}"}, None
                    continue
                except Exception as exc:  # noqa: BLE001 - reported on its line; the run goes on
                    yield {"id": post.id, "line": number,
                           "error": f"{source}:{number}:1: internal error {type(exc).__name__}: {exc}"}, None
                    continue
            yield None, report
        batch.clear()

    for number, line in enumerate(lines, start=1):
        post, error = _parse_line(line.rstrip("\n").rstrip("\r"), number, source)
        batch.append((number, post, error))
        if len(batch) >= chunk:
            yield from flush()
    yield from flush()


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write results here instead of standard output.")
@pack_option
@fail_on_option
@no_builtin_option
def scan(input_path: str, fmt: str, output: str | None, packs: tuple[str, ...], fail_on: str, no_builtin: bool) -> None:
    """Check a JSONL file of posts (INPUT, or - for standard input): one result line per input line."""
    checker = _checker(packs, fail_on, no_builtin)
    try:
        source: TextIO = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8")
    except OSError as exc:
        _fail(f"{input_path}: cannot read: {exc}")
    total = None
    if input_path != "-" and sys.stderr.isatty():
        with open(input_path, encoding="utf-8") as counting:
            total = sum(1 for _ in counting)
    sink: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout
    formatter = FORMATS[fmt](sink)
    formatter.begin(checker.rule_set)
    had_error = failed = False
    progress = sys.stderr.isatty()
    try:
        name = "<stdin>" if input_path == "-" else input_path
        for n, (error, report) in enumerate(_scan_results(checker, source, name), start=1):
            if report is None:
                formatter.write(error)
                had_error = True
            else:
                formatter.add(None, report.text, report)
                failed = failed or not report.ok
            if progress and n % 50 == 0:
                sys.stderr.write(f"\rscanned {n}{f'/{total}' if total else ''} posts")
    except UnicodeDecodeError as exc:
        _fail(f"{input_path}: not UTF-8 text: {exc}")
    finally:
        formatter.end()
        if progress:
            sys.stderr.write("\r\033[K")
        if output:
            sink.close()
        if source is not sys.stdin:
            source.close()
    sys.exit(EXIT_ERROR if had_error else EXIT_VIOLATIONS if failed else EXIT_OK)


# -- rules --------------------------------------------------------------------------------
@main.group()
def rules() -> None:
    """List, explain, validate and test rule packs."""


@rules.command("list")
@pack_option
@click.option("--lang", help="Only rules that apply to this language.")
@click.option("--category", help="Only rules of this category.")
def rules_list(packs: tuple[str, ...], lang: str | None, category: str | None) -> None:
    """List every loaded rule: id, category, severity, languages, matcher kind, pack."""
    checker = _checker(packs, "warning")
    for r in checker.rules:
        if (lang and not r.applies_to(lang)) or (category and r.category != category):
            continue
        langs = ",".join(r.langs) if r.langs else "any"
        click.echo(f"{r.id:40} {r.category:17} {r.severity:8} {langs:8} {r.kind:9} {r.pack}")


@rules.command("explain")
@click.argument("rule_id")
@pack_option
@click.option("--lang", help="Show the policy text in this language, where the policy has it.")
def rules_explain(rule_id: str, packs: tuple[str, ...], lang: str | None) -> None:
    """Show a rule and the policy section it cites."""
    checker = _checker(packs, "warning")
    rule = checker.rule_set.rule(rule_id)
    if rule is None:
        _fail(f"no loaded pack defines rule {rule_id!r} (see `compliance rules list`)")
    section = rule.policy.sections[rule.cite]
    title, text = section.localized(lang)
    click.echo(f"{rule.id}  ({rule.category}, {rule.severity}; pack {rule.pack}; {rule.source})")
    click.echo(f"  message:    {rule.message}")
    if rule.suggestion:
        click.echo(f"  suggestion: {rule.suggestion}")
    click.echo(f"  languages:  {', '.join(rule.langs) if rule.langs else 'any'}   matcher: {rule.kind}")
    if rule.link:
        click.echo(f"  more:       {rule.link}")
    click.echo(f"\n{rule.policy.localized_title(lang)} §{section.id} {isolate(title)}")
    if text:
        click.echo(f"  {isolate(text)}")
    if section.url or rule.policy.url:
        click.echo(f"  {section.url or rule.policy.url}")
    for label, examples in (("flags", rule.examples_match), ("passes", rule.examples_ok)):
        for example in examples:
            click.echo(f"  {label}: {isolate(example)}")


def _load_for_tooling(paths: tuple[str, ...]):
    try:
        return load_rule_set(paths, builtin=False)
    except PackError as exc:
        _fail(str(exc))


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def rules_validate(paths: tuple[str, ...]) -> None:
    """Load packs and report the first error with file, line, column and rule id."""
    rule_set = _load_for_tooling(paths)
    click.echo(f"ok: {len(rule_set.rules)} rules in {len(paths)} path{'s' * (len(paths) != 1)}")


@rules.command("test")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--require-examples", type=int, default=0,
              help="Fail when a rule has fewer than this many match and ok examples each.")
def rules_test(paths: tuple[str, ...], require_examples: int) -> None:
    """Run every rule's `examples`: each `match` must fire the rule, each `ok` must not."""
    from ..rule_tests import run_examples

    rule_set = _load_for_tooling(paths)
    results = run_examples(rule_set)
    for failure in results.failures:
        click.echo(f"FAIL {failure}")
    thin = [r for r in rule_set.rules
            if min(len(r.examples_match), len(r.examples_ok)) < require_examples]
    for rule in thin:
        click.echo(f"FAIL {rule.source}: {rule.id}: fewer than {require_examples} match and ok examples")
    failed = len(results.failures) + len(thin)
    click.echo(f"{results.passed} passed, {failed} failed")
    sys.exit(EXIT_VIOLATIONS if failed else EXIT_OK)


if __name__ == "__main__":
    main()
