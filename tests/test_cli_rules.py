"""`compliance rules list | explain | validate | test` as a new pack author meets them."""
import json

from click.testing import CliRunner

from compliance.cli.main import main

POLICY = """policy:
  title: ACME Policy
  sections:
    - id: conf
      title: Confidential
"""

CODENAMES = [f"Codename{i}" for i in range(25)]

ACME = f"""pack: acme
lang: en
{POLICY}lists:
  codenames: [{", ".join(CODENAMES)}]
rules:
  - id: acme.codenames-that-must-never-leave-the-building
    category: codenames
    severity: error
    cite: conf
    message: m
    until: 2999-01-01
    terms: [$codenames]
    unless: {{terms: [launched, released], scope: near}}
    requires: {{regex: 'soon|next', scope: post}}
    allow: ['Codename1 tuna']
    fallback: [insult]
  - id: acme.old
    category: codenames
    cite: conf
    message: m
    until: 2020-01-01
    terms: [Bluefin]
    examples: {{match: [Bluefin is coming], ok: [tuna]}}
"""


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_list_has_a_header_and_columns_as_wide_as_their_widest_value(tmp_path):
    pack = write(tmp_path, "acme.yaml", ACME)
    result = run("rules", "list", "--pack", pack, "--category", "codenames")
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    assert header.split() == ["id", "category", "severity", "languages", "kind", "pack"]
    assert [row.split() for row in rows] == [
        ["acme.codenames-that-must-never-leave-the-building", "codenames", "error", "en", "terms", "acme"],
        ["acme.old", "codenames", "warning", "en", "terms", "acme"]]
    # Every column starts where its header does, however long the ids are.
    for column in ("category", "severity", "languages", "kind", "pack"):
        start = header.index(column)
        assert all(row[start - 2:start] == "  " and row[start] != " " for row in rows), column


def test_list_as_json_for_tools(tmp_path):
    pack = write(tmp_path, "acme.yaml", ACME)
    result = run("rules", "list", "--pack", pack, "--category", "codenames", "--format", "json")
    listed = json.loads(result.output)
    assert [(r["id"], r["severity"], r["languages"], r["kind"], r["pack"]) for r in listed] == [
        ("acme.codenames-that-must-never-leave-the-building", "error", ["en"], "terms", "acme"),
        ("acme.old", "warning", ["en"], "terms", "acme")]
    assert listed[1]["source"] == f"{pack}:22:5"
    language_neutral = json.loads(run("rules", "list", "--lang", "en", "--format", "json").output)
    assert any(r["languages"] is None for r in language_neutral)


def test_explain_shows_what_the_rule_matches_its_conditions_and_embargo(tmp_path):
    pack = write(tmp_path, "acme.yaml", ACME)
    out = run("rules", "explain", "acme.codenames-that-must-never-leave-the-building", "--pack", pack).output
    shown = ", ".join(CODENAMES[:20])
    assert f"terms (25, from the word list $codenames): {shown} (and 5 more)" in out
    assert "Codename20" not in out
    assert ("unless: a match is dropped when one of the terms (launched, released) occurs within three "
            "words of it") in out
    assert "requires: a match is kept only when the regex soon|next occurs anywhere in the post" in out
    assert "allow: never flags a match that one of these matches in full: Codename1 tuna" in out
    assert "fallback: silent on a post where another rule (not itself a fallback) found codenames or insult" in out
    assert "until: 2999-01-01 (the rule stops applying that day, in " in out
    old = run("rules", "explain", "acme.old", "--pack", pack).output
    assert "terms (1): Bluefin" in old and "until: 2020-01-01 (passed: the rule no longer applies)" in old


def test_explain_shows_a_regex_and_a_classifier():
    regex = run("rules", "explain", "any.credentials.jwt").output
    assert "regex, validate 'jwt': " in regex
    model = run("rules", "explain", "any.context.insult").output
    assert "classifier: label 'insult' scoring at least 0.6 on posts of 6 words or more; model " in model


def test_explain_of_an_unknown_rule_suggests_the_closest_and_pack(tmp_path):
    result = run("rules", "explain", "en.profanity.strnog")
    assert result.exit_code == 2
    assert "no loaded pack defines rule 'en.profanity.strnog'; did you mean en.profanity.strong" in result.output
    assert "A rule of your own pack needs `--pack FILE`" in result.output
    pack = write(tmp_path, "acme.yaml", ACME)
    assert "did you mean acme.old?" in run("rules", "explain", "acme.olt", "--pack", pack).output


def test_validate_reports_every_error_of_every_pack_with_the_line_and_a_caret(tmp_path):
    schema = write(tmp_path, "schema.yaml", f"pack: s\n{POLICY}rules:\n"
                   "  - id: s.one\n    category: codenames\n    severity: loud\n    cite: conf\n    message: m\n"
                   "    terms: [x]\n"
                   "  - id: s.two\n    category: codenames\n    cite: conf\n    message: m\n    terms: [x]\n"
                   "    colour: red\n")
    cites = write(tmp_path, "cites.yaml", f"pack: c\n{POLICY}rules:\n"
                  "  - id: c.one\n    category: codenames\n    cite: nope\n    message: m\n    terms: [x]\n")
    good = write(tmp_path, "good.yaml", ACME)
    result = run("rules", "validate", schema, cites, good)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[:6] == [
        f"{schema}:10:15: rules/0/severity: 'loud' is not one of ['error', 'warning', 'info'] (rule s.one)",
        "    10 |     severity: loud",
        "       |               ^",
        f"{schema}:19:5: unknown key 'colour' (allowed: action, allow, category, cite, classifier, exact, examples, "
        "fallback, group, id, lang, link, message, near, patterns, position, regex, requires, requires_all, "
        "requires_any, severity, suggestion, terms, unless, until, validate, when) (rule s.two)",
        "    19 |     colour: red",
        "       |     ^"]
    assert lines[6:9] == [
        f"{cites}:10:11: cites section 'nope', which policy 'c' does not have (it has: conf) (rule c.one)",
        "    10 |     cite: nope",
        "       |           ^"]
    assert lines[-1] == "3 packs, 3 errors, 1 warning"


def test_validate_lets_a_pack_use_the_policy_of_another_and_warns_of_past_embargoes(tmp_path):
    policy = write(tmp_path, "policy.yaml", f"pack: acme-policy\n{POLICY}".replace("policy:\n", "policy:\n  id: acme\n"))
    rules = write(tmp_path, "rules.yaml", "pack: acme-rules\npolicy: acme\nrules:\n"
                  "  - id: r.old\n    category: codenames\n    cite: conf\n    message: m\n"
                  "    until: 2020-01-01\n    terms: [Bluefin]\n")
    result = run("rules", "validate", policy, rules)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"{rules}:4:5: warning: r.old: its embargo ended on 2020-01-01 (`until`), so the rule no longer applies",
        "    4 |   - id: r.old",
        "      |     ^",
        "2 packs, 0 errors, 1 warning; 1 rule loaded"]


def test_rules_test_says_when_an_example_fails_because_the_embargo_ended(tmp_path):
    result = run("rules", "test", write(tmp_path, "acme.yaml", ACME))
    assert result.exit_code == 1
    assert ("acme.old [en]: example should match but did not: 'Bluefin is coming' (the rule's embargo ended "
            "on 2020-01-01: with `until` passed it no longer applies)") in result.output
    assert "1 passed, 1 failed" in result.output


def test_validate_warns_of_a_case_class_in_a_regex_that_ignores_case(tmp_path):
    pack = write(tmp_path, "names.yaml", f"pack: names\n{POLICY}rules:\n"
                 "  - id: r.name\n    category: codenames\n    cite: conf\n    message: m\n"
                 "    regex: '(?i)said\\s+\\p{Lu}\\w+'\n"
                 "  - id: r.meant\n    category: codenames\n    cite: conf\n    message: m\n"
                 "    regex: '(?i)said\\s+(?-i:\\p{Lu})\\w+'\n")
    result = run("rules", "validate", pack)
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if "warning:" in line]
    assert warnings == [f"{pack}:8:5: warning: r.name: the regex ignores case, so \\p{{Lu}} or \\p{{Ll}} in it "
                        "matches any letter; write (?-i:\\p{Lu}) for a capital"]


def test_case_class_lint_follows_the_scope_of_inline_flags():
    from compliance.matchers.casing import case_class_ignored

    assert case_class_ignored(r"(?i)\p{Lu}") and case_class_ignored(r"a(?i:x[\p{Ll}])")
    assert not case_class_ignored(r"\p{Lu}\p{Ll}+") and not case_class_ignored(r"(?i)(?-i:\p{Lu})x")
    assert not case_class_ignored(r"(?xi)a|(?-i:#Naj\p{Ll}+)") and not case_class_ignored(r"(?i)\\p{Lu}\p{L}")
