"""`compliance rules`: list, explain, validate, test and profile rule packs."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NoReturn, Sequence

import click

from ..checker import Checker
from ..errors import PackError
from ..matchers.casing import case_class_ignored
from ..matchers.redos import nested_quantifier
from ..model import ANY_CATEGORY, Rule, RuleSet
from ..output.json import json_line
from ..output.text import isolate
from ..packs import load_rule_set
from ..packs.files import expand_pack_paths, read_pack_text, read_yaml
from ..packs.loader import pack_schema_errors
from ..posts import MAX_TEXT_LENGTH
from .common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, fail, make_checker, pack_option

@click.group()
def rules() -> None:
    """List, explain, validate, test and profile rule packs."""


@rules.command("list")
@pack_option
@click.option("--lang", help="Only rules that apply to this language.")
@click.option("--category", help="Only rules of this category.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A table for people, or a JSON list of objects for tools.")
def rules_list(packs: tuple[str, ...], lang: str | None, category: str | None, fmt: str) -> None:
    """List every loaded rule: id, category, severity, languages, matcher kind, pack."""
    checker = make_checker(packs, "warning")
    shown = [r for r in checker.rules
             if (not lang or r.applies_to(lang)) and (not category or r.category == category)]
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "category": r.category, "severity": r.severity,
                                "languages": list(r.langs) if r.langs is not None else None,
                                "kind": r.kind, "pack": r.pack, "source": r.source} for r in shown],
                              ensure_ascii=False, indent=2))
        return
    rows = [("id", "category", "severity", "languages", "kind", "pack")]
    rows += [(r.id, r.category, r.severity, ",".join(r.langs) if r.langs else "any", r.kind, r.pack) for r in shown]
    widths = [max(map(len, column)) for column in zip(*rows)]
    for row in rows:
        click.echo("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip())


# A long list (terms, patterns) is shown up to this many items, then counted.
_SHOWN = 20
_SCOPES = {"near": "within three words of it", "sentence": "in its sentence", "post": "anywhere in the post"}


def _some(items: Sequence[str]) -> str:
    """The first `_SHOWN` items, comma-separated, and how many more there are."""
    more = len(items) - _SHOWN
    return ", ".join(items[:_SHOWN]) + (f" (and {more:,} more)" if more > 0 else "")


def _as_written(rule: Rule) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The rule as its pack file writes it (word lists still named `$name`) and that file's
    `lists`; empty when the file cannot be read or no longer has the rule."""
    path = rule.source.rsplit(":", 2)[0] if rule.source else None
    try:
        data = read_yaml(read_pack_text(Path(path)), path) if path else None
    except PackError:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return {}, {}
    written = next((r for r in data["rules"] if isinstance(r, dict) and r.get("id") == rule.id), {})
    lists = data.get("lists")
    return written, lists if isinstance(lists, dict) else {}


def _lists_named(node: Any, lists: Mapping[str, Any]) -> str:
    """`from the word lists $a, $b` for the pack's lists that `node` (a key as written) uses, else ""."""
    def names(n: Any) -> Iterator[str]:
        if isinstance(n, str) and n[:1] == "$" and n[1:] in lists:
            yield n
        elif isinstance(n, (dict, list)):
            for child in (n.values() if isinstance(n, dict) else n):
                yield from names(child)

    found = list(dict.fromkeys(names(node)))
    return f"from the word list{'s' * (len(found) > 1)} {', '.join(found)}" if found else ""


def _matcher_lines(rule: Rule, written: Mapping[str, Any], lists: Mapping[str, Any]) -> list[str]:
    """What the rule's matcher looks for, one item a line."""
    spec = rule.matcher.to_dict()
    if rule.kind == "terms":
        terms = [t if isinstance(t, str) else f"{t['term']} (until {t['until']})" for t in spec["terms"]]
        about = ", ".join(filter(None, (f"{len(terms):,}", _lists_named(written.get("terms"), lists))))
        return [f"terms ({about}): {isolate(_some(terms))}"]
    if rule.kind == "patterns":
        # As written, a pattern names its word lists instead of spelling out hundreds of words.
        shown = written["patterns"] if isinstance(written.get("patterns"), list) else spec["patterns"]
        more = len(shown) - _SHOWN
        about = ", ".join(filter(None, (f"{len(spec['patterns']):,}", _lists_named(shown, lists))))
        return ([f"token patterns ({about}):"]
                + [f"  {isolate(json.dumps(p, ensure_ascii=False))}" for p in shown[:_SHOWN]]
                + ([f"  (and {more:,} more)"] if more > 0 else []))
    if rule.kind == "regex":
        how = "".join(f", {key} {spec[key]!r}" for key in ("group", "validate") if spec.get(key))
        return [f"regex{how}: {spec['regex']}"]
    if rule.kind == "classifier":
        c = spec["classifier"]
        return [f"classifier: label {c['label']!r} scoring at least {c['threshold']} on posts of "
                f"{c['min_words']} words or more; model {c['model']}"]
    return [f"{rule.kind}: {json.dumps(spec, ensure_ascii=False)}"]  # a kind a plug-in registers


def _condition_lines(rule: Rule, written: Mapping[str, Any], lists: Mapping[str, Any]) -> list[str]:
    """The rule's `unless`, `requires`, `allow` and `fallback`, one a line."""
    lines = []
    for name, condition in (("unless", rule.unless), ("requires", rule.requires)):
        if condition is None:
            continue
        found = []
        if condition.terms:
            named = _lists_named(written.get(name), lists)
            found.append(f"one of the terms {named + ' ' if named else ''}({isolate(_some(condition.terms))})")
        if condition.regex:
            found.append(f"the regex {condition.regex}")
        when = [f"{' or '.join(found)} occurs {_SCOPES[condition.scope]}"] if found else []
        when += [f"it is {sense}" for sense in ("negated", "quoted") if getattr(condition, sense)]
        kept = "dropped" if name == "unless" else "kept only"
        lines.append(f"{name}: a match is {kept} when {', or when '.join(when)}")
    if rule.allow:
        lines.append(f"allow: never flags a match that one of these matches in full: {', '.join(rule.allow)}")
    if rule.fallback:
        silenced = ("found anything or weighed a match and let it go" if ANY_CATEGORY in rule.fallback
                    else f"found {' or '.join(rule.fallback)}")
        lines.append(f"fallback: silent on a post where another rule (not itself a fallback) {silenced}")
    return lines


def _embargo(until: dt.date, today: dt.date) -> str:
    """An `until` date and whether the rule still applies today."""
    if today < until:
        days = (until - today).days
        return f"{until.isoformat()} (the rule stops applying that day, in {days:,} day{'s' * (days != 1)})"
    return f"{until.isoformat()} (passed: the rule no longer applies)"


def _not_found(rule_id: str, known: Iterable[str]) -> NoReturn:
    """Exit 2 naming the known rule ids closest to `rule_id`, and how to load a pack's own rules."""
    close = difflib.get_close_matches(rule_id, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else "."
    fail(f"no loaded pack defines rule {rule_id!r}{hint} A rule of your own pack needs `--pack FILE` "
         "(see `compliance rules list --pack FILE`).")


@rules.command("explain")
@click.argument("rule_id")
@pack_option
@click.option("--lang", help="Show the policy text in this language, where the policy has it.")
def rules_explain(rule_id: str, packs: tuple[str, ...], lang: str | None) -> None:
    """Show a rule, what it matches, its conditions and embargo, and the policy section it cites."""
    checker = make_checker(packs, "warning")
    rule = checker.rule_set.rule(rule_id)
    if rule is None:
        _not_found(rule_id, (r.id for r in checker.rules))
    section = rule.policy.sections[rule.cite]
    title, text = section.localized(lang)
    written, lists = _as_written(rule)
    click.echo(f"{rule.id}  ({rule.category}, {rule.severity}; pack {rule.pack}; {rule.source})")
    click.echo(f"  action:     {rule.effective_action}")
    if rule.when is not None:
        click.echo(f"  applies to: posts published with {json.dumps(rule.when.to_data(), ensure_ascii=False)}")
    click.echo(f"  message:    {rule.message}")
    if rule.suggestion:
        click.echo(f"  suggestion: {rule.suggestion}")
    click.echo(f"  languages:  {', '.join(rule.langs) if rule.langs else 'any'}   matcher: {rule.kind}")
    if rule.link:
        click.echo(f"  more:       {rule.link}")
    click.echo("\nMatches:")
    for line in _matcher_lines(rule, written, lists) + _condition_lines(rule, written, lists):
        click.echo(f"  {line}")
    if rule.until:
        click.echo(f"  until: {_embargo(rule.until, dt.date.today())}")
    click.echo(f"\n{rule.policy.localized_title(lang)} §{section.id} {isolate(title)}")
    if text:
        click.echo(f"  {isolate(text)}")
    if section.url or rule.policy.url:
        click.echo(f"  {section.url or rule.policy.url}")
    for label, examples in (("flags", rule.examples_match), ("passes", rule.examples_ok)):
        for example in examples:
            published = "".join(f" [{k}: {v}]" for k, v in example.metadata.to_dict().items())
            click.echo(f"  {label}: {isolate(example.text)}{published}")


def _load_for_tooling(paths: tuple[str, ...]):
    try:
        return load_rule_set(paths, builtin=False)
    except PackError as exc:
        fail(str(exc))


def _load_leaving_out(files: list[Path]) -> tuple[RuleSet | None, list[PackError]]:
    """The rule set of `files` loaded together (a pack may cite a policy or override a rule
    that another of them defines), leaving out each file whose load fails, one at a time,
    with the errors that made them left out. None when no file is left, or when an error
    names none of them."""
    errors: list[PackError] = []
    while files:
        try:
            return load_rule_set(files, builtin=False), errors
        except PackError as exc:
            errors.append(exc)
            if exc.path not in {str(f) for f in files}:
                return None, errors
            files = [f for f in files if str(f) != exc.path]
    return None, errors


def _warnings(rules: Iterable[Rule], today: dt.date) -> list[PackError]:
    """What loads but is likely a mistake: a past embargo, a regex that can take exponential
    time, a case class in a regex that ignores case. Each is placed at its rule and reads `warning: RULE: ...`."""
    found = []
    for rule in rules:
        path, line, column = rule.source.rsplit(":", 2)  # rules loaded from files always have one
        place = (path, int(line), int(column))
        if rule.until and not rule.live_on(today):
            found.append(PackError(f"warning: {rule.id}: its embargo ended on {rule.until.isoformat()} "
                                   "(`until`), so the rule no longer applies", *place))
        patterns = [("regex", rule.matcher.pattern)] if rule.kind == "regex" else []
        patterns += [(kind, getattr(rule, kind).regex) for kind in ("unless", "requires")
                     if getattr(rule, kind) is not None and getattr(rule, kind).regex]
        for where, pattern in patterns:
            named = f"the {'' if where == 'regex' else where + ' '}regex"
            if nested_quantifier(pattern):
                found.append(PackError(f"warning: {rule.id}: {named} repeats a group that itself repeats "
                                       "(like (a+)+), which can take exponential time on some posts", *place))
            if case_class_ignored(pattern):
                found.append(PackError(f"warning: {rule.id}: {named} ignores case, so \\p{{Lu}} or \\p{{Ll}} "
                                       "in it matches any letter; write (?-i:\\p{Lu}) for a capital", *place))
    return found


def _source_line(path: str | None, number: int | None) -> str | None:
    """Line `number` of the file at `path`, counted as the YAML reader counts; None if there is none."""
    try:
        lines = Path(path).read_text("utf-8").split("\n") if path and number else []
    except (OSError, UnicodeDecodeError):
        return None
    return lines[number - 1].rstrip("\r") if 0 < (number or 0) <= len(lines) else None


def _show(problem: PackError) -> None:
    """`file:line:column: message (rule id)`, then the file's line with a caret under the column."""
    click.echo(str(problem))
    line = _source_line(problem.path, problem.line)
    if line is None:
        return
    # Control characters are what YAML rejects most often; shown raw they would garble the terminal.
    line = "".join(c if c.isprintable() or c == "\t" else "\ufffd" for c in line)
    pad = "".join(c if c == "\t" else " " for c in line[:(problem.column or 1) - 1])
    click.echo(f"    {problem.line} | {isolate(line)}")
    click.echo(f"    {' ' * len(str(problem.line))} | {pad}^")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}"


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def rules_validate(paths: tuple[str, ...]) -> None:
    """Check pack files and report every error of every file (up to 20 schema errors a file,
    else the first error that stops it loading) as file:line:column with the offending line,
    and warn of past embargoes and regexes that can take exponential time. Exit status 2
    when there is an error."""
    files: list[Path] = []
    errors: list[PackError] = []
    for path in paths:
        try:
            files += [f for f in expand_pack_paths([path]) if f not in files]
        except PackError as exc:
            errors.append(exc)
    well_formed = []
    for file in files:
        try:
            found = pack_schema_errors(file)
        except PackError as exc:
            found = [exc]
        errors += found
        if not found:
            well_formed.append(file)
    rule_set, load_errors = _load_leaving_out(well_formed)
    errors += load_errors
    warnings = _warnings(rule_set.rules if rule_set else (), dt.date.today())
    order = {str(f): i for i, f in enumerate(files)}
    for problem in sorted(errors + warnings, key=lambda e: (order.get(e.path, -1), e.line or 0, e.column or 0)):
        _show(problem)
    summary = f"{_count(len(files), 'pack')}, {_count(len(errors), 'error')}, {_count(len(warnings), 'warning')}"
    click.echo(summary + (f"; {_count(len(rule_set.rules), 'rule')} loaded" if rule_set and not errors else ""))
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


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



@rules.command("profile")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--corpus", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A JSONL file of posts, as `compliance scan` reads them.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rules_profile(paths: tuple[str, ...], corpus: str, fmt: str) -> None:
    """Time every rule of the packs over a corpus, slowest first: each rule's matcher and
    conditions run alone, the time inside its regex, the posts its prefilter skipped, what it
    found before conditions (candidates) and what the pipeline reported (findings)."""
    from ..batch import CHUNK, numbered_chunks, parse_line
    from ..profiling import profile

    checker = Checker(_load_for_tooling(paths))
    unreadable: list[str] = []

    def posts():
        with open(corpus, "rb") as f:
            for chunk in numbered_chunks(f, 0, CHUNK):
                for number, raw in chunk:
                    post, error = parse_line(raw, number, corpus, MAX_TEXT_LENGTH)
                    if post is None:
                        unreadable.append(error["error"])
                    else:
                        yield post

    result = profile(checker, posts())
    if unreadable:
        n = len(unreadable)
        click.echo(f"warning: {n:,} line{'s' * (n != 1)} left out, the first: {unreadable[0]}", err=True)
    if fmt == "json":
        click.echo(json_line(result.to_dict()))
        return
    click.echo(f"{'rule':44} {'kind':9} {'total ms':>9} {'µs/post':>8} {'regex ms':>9} {'regex ran':>9} "
               f"{'skipped':>8} {'candidates':>10} {'findings':>8}")
    for c in result.rules:
        skips = c.prefilter_skips
        click.echo(f"{c.rule:44} {c.kind:9} {c.seconds * 1e3:9.1f} {c.seconds * 1e6 / max(c.posts, 1):8.1f} "
                   f"{c.regex_seconds * 1e3:9.1f} {c.regex_runs if skips is not None else '-':>9} "
                   f"{skips if skips is not None else '-':>8} {c.candidates:10,} {c.findings:8,}")
    langs = ", ".join(f"{lang} {count:,}" for lang, count in sorted(result.langs.items()))
    shared = ", ".join(f"{k} {v * 1e3:.1f} ms" for k, v in result.shared.items())
    click.echo(f"\n{result.posts:,} posts ({langs or 'none'}); {len(result.rules)} rules, each run alone.")
    click.echo(f"shared by the rules (the kinds with all their rules at once, as the pipeline runs them): {shared}")


@rules.command("train-model")
@click.argument("drafts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="The model folder to write (a `classifier` rule's `model`).")
@click.option("--label", "labels", multiple=True,
              help="A label to learn (repeatable); the six built-in categories when not given.")
@click.option("--examples", "example_packs", multiple=True, type=click.Path(exists=True),
              help="Also learn from the examples of the rules in these pack files or folders "
                   "(each for its rule's category only; repeatable).")
@click.option("--epochs", type=int, default=12, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--folds", type=int, default=0,
              help="Also print precision and recall of this many-fold cross-validation per threshold.")
def rules_train_model(drafts: tuple[str, ...], out: str, labels: tuple[str, ...], example_packs: tuple[str, ...],
                      epochs: int, seed: int, folds: int) -> None:
    """Train a context model for `classifier` rules from labelled drafts: JSONL lines with
    `text` and `expect` (the categories the draft violates, [] when clean)."""
    import tempfile

    from ..errors import InputError
    from ..model import BUILTIN_CATEGORIES
    from ..textmodel import cross_validate, drafts_of_examples, read_drafts, train

    try:
        data = read_drafts(drafts)
    except (InputError, OSError) as exc:
        fail(str(exc))
    if example_packs:
        data += drafts_of_examples(_load_for_tooling(example_packs).rules)
    labels = labels or BUILTIN_CATEGORIES
    if folds > 1:
        with tempfile.TemporaryDirectory() as work:
            for t, pr in cross_validate(data, labels, folds, (0.3, 0.4, 0.5, 0.6, 0.7), work,
                                        epochs=epochs, seed=seed).items():
                click.echo(f"threshold {t:.1f}: precision {pr['precision']:.3f} recall {pr['recall']:.3f}")
    train(data, labels, out, epochs=epochs, seed=seed)
    n = len(data)
    click.echo(f"trained on {n:,} draft{'s' * (n != 1)} ({sum(not d.categories for d in data):,} clean, "
               f"{sum(d.known is not None for d in data):,} rule examples) "
               f"for {', '.join(labels)}: {out}")
