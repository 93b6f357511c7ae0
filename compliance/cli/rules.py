"""`compliance rules`: list, explain, validate, test and profile rule packs."""
from __future__ import annotations

import sys

import click

from ..checker import Checker
from ..errors import PackError
from ..matchers.redos import nested_quantifier
from ..output.json import json_line
from ..output.text import isolate
from ..packs import load_rule_set
from ..posts import MAX_TEXT_LENGTH
from .common import EXIT_OK, EXIT_VIOLATIONS, fail, make_checker, pack_option

@click.group()
def rules() -> None:
    """List, explain, validate, test and profile rule packs."""


@rules.command("list")
@pack_option
@click.option("--lang", help="Only rules that apply to this language.")
@click.option("--category", help="Only rules of this category.")
def rules_list(packs: tuple[str, ...], lang: str | None, category: str | None) -> None:
    """List every loaded rule: id, category, severity, languages, matcher kind, pack."""
    checker = make_checker(packs, "warning")
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
    checker = make_checker(packs, "warning")
    rule = checker.rule_set.rule(rule_id)
    if rule is None:
        fail(f"no loaded pack defines rule {rule_id!r} (see `compliance rules list`)")
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
        fail(str(exc))


@rules.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def rules_validate(paths: tuple[str, ...]) -> None:
    """Load packs and report the first error with file, line, column and rule id."""
    rule_set = _load_for_tooling(paths)
    for rule in rule_set.rules:
        patterns = [("regex", rule.matcher.pattern)] if rule.kind == "regex" else []
        patterns += [(kind, getattr(rule, kind).regex) for kind in ("unless", "requires")
                     if getattr(rule, kind) is not None and getattr(rule, kind).regex]
        for where, pattern in patterns:
            if nested_quantifier(pattern):
                click.echo(f"warning: {rule.source}: {rule.id}: the {'' if where == 'regex' else where + ' '}regex "
                           "repeats a group that itself "
                           "repeats (like (a+)+), which can take exponential time on some posts", err=True)
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
