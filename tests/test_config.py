"""Project configuration (.compliance.yaml) through the real CLI, in a temporary git repository."""
import json
import subprocess

import pytest
from click.testing import CliRunner

from compliance.cli.main import main
from compliance.project.config import config_for, glob_matches

CLOWNS = "Our competitors are a bunch of clowns."
SUPERLATIVE = "The best phone in the world."


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(*args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *map(str, args)])
    body = result.stdout.strip()
    reports = json.loads(body) if body else []
    return result, reports if isinstance(reports, list) else [reports]


def rules_of(report):
    return {(v["rule"], v["severity"]) for v in report["violations"]}


def test_glob_semantics():
    assert glob_matches("press/**", "press/2026/a.md")
    assert glob_matches("*.md", "deep/down/a.md")           # no '/': a name at any depth
    assert not glob_matches("press/*.md", "press/2026/a.md")  # '*' stays in one folder
    assert glob_matches("archive", "archive/old/a.md")      # a folder names what is in it
    assert not glob_matches("press/**", "pressroom/a.md")


def test_severity_disable_allow_and_per_path_settings(repo):
    write(repo / ".compliance.yaml", "fail_on: error\n"
          "severity:\n  en.unverified.*: info\n"
          "paths:\n  - files: press/**\n    fail_on: info\n    disable: ['*.insult.*', 'any.context.insult']\n")
    a = write(repo / "a.md", f"{CLOWNS} {SUPERLATIVE}\n")
    b = write(repo / "press" / "b.md", f"{CLOWNS} {SUPERLATIVE}\n")
    result, (ra, rb) = check(a, b)
    assert {c for c, _ in rules_of(ra) if c.startswith("en.unverified")} and all(
        s == "info" for r, s in rules_of(ra) if r.startswith("en.unverified"))
    assert any(r.startswith("en.insult") for r, _ in rules_of(ra))
    assert rb["violations"] and not any(v["category"] == "insult" for v in rb["violations"])  # off in press/
    assert result.exit_code == 1  # a.md has an insult at error; b.md's info counts under fail_on info


def test_fail_on_from_config_and_command_line_wins(repo):
    write(repo / ".compliance.yaml", "fail_on: error\nseverity:\n  en.unverified.*: info\n")
    draft = write(repo / "a.md", f"{SUPERLATIVE}\n")
    assert check(draft)[0].exit_code == 0
    result = CliRunner().invoke(main, ["check", "--fail-on", "info", str(draft)])
    assert result.exit_code == 1


def test_allowed_terms_are_never_reported(repo):
    draft = write(repo / "a.md", f"{CLOWNS}\n")
    assert check(draft)[1][0]["violations"]
    write(repo / ".compliance.yaml", "allow: ['bunch of  clowns']\n")
    assert not [v for v in check(draft)[1][0]["violations"] if v["match"] == "bunch of clowns"]


def test_config_is_found_upward_and_overridable(repo, tmp_path_factory):
    write(repo / ".compliance.yaml", "disable: ['*.insult.*', 'any.context.*']\n")
    draft = write(repo / "deep" / "er" / "a.md", f"{CLOWNS}\n")
    assert config_for(draft).path == repo / ".compliance.yaml"
    assert check(draft)[1][0]["violations"] == []
    other = write(tmp_path_factory.mktemp("elsewhere") / "c.yaml", "fail_on: error\n")
    result, [report] = check("--config", other, draft)
    assert report["violations"] and result.exit_code == 1


def test_folder_check_respects_gitignore_and_excludes(repo):
    write(repo / ".compliance.yaml", "exclude: ['archive/**']\n")
    write(repo / ".gitignore", "build/\n")
    write(repo / "a.md", "Thanks for coming.\n")
    write(repo / "notes.txt", "Thanks again.\n")
    write(repo / "archive" / "old.md", f"{CLOWNS}\n")
    write(repo / "build" / "out.md", f"{CLOWNS}\n")
    write(repo / "image.png", "not a draft")
    result, reports = check(".")
    assert sorted(r["path"] for r in reports) == ["a.md", "notes.txt"]
    assert result.exit_code == 0
    # A file named outright is checked even when excluded.
    assert check(repo / "archive" / "old.md")[0].exit_code == 1


@pytest.mark.parametrize("text, where, words", [
    ("fail_on: warning\nseverty:\n  x: info\n", ":2:1:", "unknown key 'severty'"),
    ("severity:\n  en.x: loud\n", ":2:", "'loud' is not one of"),
    ("disable:\n  - en.no-such-rule\n", ":2:5:", "names rule 'en.no-such-rule'"),
    ("paths:\n  - fail_on: info\n", ":2:", "'files' is a required property"),
    ("packs: [missing.yaml]\n", ":1:", "no such pack file"),
    ("a: [\n", ":2:1:", "invalid YAML"),
])
def test_bad_configuration_names_file_line_and_column(repo, text, where, words):
    write(repo / ".compliance.yaml", text)
    draft = write(repo / "a.md", "Hello.\n")
    result = CliRunner().invoke(main, ["check", str(draft)])
    assert result.exit_code == 2
    assert f".compliance.yaml{where}" in result.stderr and words in result.stderr, result.stderr


def test_config_show_names_where_each_value_comes_from(repo):
    write(repo / ".compliance.yaml", "fail_on: error\npaths:\n  - files: press/**\n    fail_on: info\n")
    result = CliRunner().invoke(main, ["config", "show", "--format", "json", "press/x.md"])
    shown = json.loads(result.stdout)["settings"]
    assert shown["fail_on"] == {"value": "info", "from": [".compliance.yaml:4:14"]}
    assert shown["builtin"]["from"] == ["default"]
    text = CliRunner().invoke(main, ["config", "show", "a.md"]).stdout
    assert '"error"' in text and ".compliance.yaml:1:10" in text


def test_scan_uses_the_configuration_beside_its_input(repo):
    write(repo / ".compliance.yaml", "disable: ['*.insult.*', 'any.context.*']\n")
    posts = write(repo / "posts.jsonl", json.dumps({"id": 1, "text": CLOWNS}) + "\n")
    result = CliRunner().invoke(main, ["scan", str(posts)])
    assert json.loads(result.stdout.splitlines()[0])["violations"] == []
    assert result.exit_code == 0


def test_configured_rules_keep_a_fingerprint_for_what_is_derived_from_them():
    from compliance import load_rule_set
    from compliance.project.config import Settings, configured
    from compliance.packs.loader import Override

    rules = load_rule_set()
    assert configured(rules, Settings()) is rules
    changed = configured(rules, Settings(disable=(Override("en.taboo.*", None, False, ("c", 1, 1)),)))
    assert changed.fingerprint and changed.fingerprint != rules.fingerprint
    assert not any(r.id.startswith("en.taboo.") for r in changed.rules)
