"""`compliance check` on files and standard input, and the rules subcommands."""
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from compliance.cli import main
from compliance.documents import read_draft
from compliance.output.text import FSI, PDI

ROOT = Path(__file__).resolve().parents[1]


def test_text_output_names_place_rule_and_citation(fixtures):
    result = CliRunner().invoke(main, ["check", str(fixtures / "violating.md")])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{fixtures / 'violating.md'}:1:36: error en.profanity.strong ")
    assert "[Model Social Media Policy §conduct.language Language and tone]" in first
    assert "^^^^" in result.output and "\x1b[" not in result.output  # no colour off a terminal


def test_clean_file_exits_0(fixtures):
    result = CliRunner().invoke(main, ["check", str(fixtures / "clean.md")])
    assert result.exit_code == 0 and "No problems" in result.output


def test_json_output(fixtures):
    result = CliRunner().invoke(main, ["check", "--format", "json", str(fixtures / "violating.md")])
    obj = json.loads(result.output)
    assert obj["violations"][0]["match"] == "shit" and obj["path"] == str(fixtures / "violating.md")


def test_stdin_and_missing_file():
    assert CliRunner().invoke(main, ["check", "-"], input="What a load of bullsh1t.").exit_code == 1
    assert CliRunner().invoke(main, ["check", "/nonexistent.md"]).exit_code == 2


def test_markdown_code_and_link_targets_are_not_prose(tmp_path):
    md = tmp_path / "d.md"
    md.write_text("---\nlang: en\nchannel: x\n---\nSee [docs](https://shit.example/a) and `fuck` here.\n"
                  "```\ndamn build\n```\nA real shit.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(md)])
    matches = [(v["match"], v["line"]) for v in json.loads(result.output)["violations"]]
    assert matches == [("shit", 9)]
    draft = read_draft(md.read_text(encoding="utf-8"), str(md))
    assert (draft.lang, draft.channel) == ("en", "x") and len(draft.text) == len(md.read_text(encoding="utf-8"))


def test_rtl_spans_are_isolated():
    result = CliRunner().invoke(main, ["check", "-"], input="העדכון הזה הוא חרא מוחלט.\n")
    if result.exit_code == 1:
        assert FSI in result.output and PDI in result.output


def test_colour_only_on_terminal_and_never_with_no_color(fixtures):
    # A real terminal is not available here; NO_COLOR must win even when colour is forced on.
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-m", "compliance.cli", "check", str(fixtures / "violating.md")],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 1 and "\x1b[" not in out.stdout


def test_rules_list_explain_validate_test(fixtures):
    runner = CliRunner()
    listing = runner.invoke(main, ["rules", "list", "--lang", "en"]).output
    assert "en.profanity.strong" in listing
    explained = runner.invoke(main, ["rules", "explain", "en.profanity.strong"]).output
    assert "§conduct.language" in explained and "audience" in explained
    assert runner.invoke(main, ["rules", "explain", "no.such.rule"]).exit_code == 2
    assert runner.invoke(main, ["rules", "validate", str(fixtures / "acme.yaml")]).exit_code == 0
    bad = runner.invoke(main, ["rules", "validate", str(fixtures / "broken" / "missing_section.yaml")])
    assert bad.exit_code == 2 and "missing_section.yaml:6:11" in bad.output


def test_rules_test_reports_failing_examples(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\npolicy: model-policy\nrules:\n  - id: p.zork\n    category: profanity\n"
                    "    cite: conduct.language\n    message: m\n    terms: [zork]\n"
                    "    examples:\n      match: [a zork here, no match here]\n      ok: [all fine, zork again]\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", str(pack)])
    assert result.exit_code == 1
    assert "2 passed, 2 failed" in result.output
    assert "should match but did not: 'no match here'" in result.output


def test_example_draft_shows_all_six_categories():
    result = CliRunner().invoke(main, ["check", "--format", "json", str(ROOT / "examples" / "draft.md")])
    assert result.exit_code == 1
    categories = {v["category"] for v in json.loads(result.output)["violations"]}
    assert categories == {"profanity", "insult", "confidential", "personal-data", "unverified-claim", "taboo-topic"}


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "long.md"
    draft.write_text("What a load of shit.\n" * 400, encoding="utf-8")  # far more output than a pipe holds
    proc = subprocess.Popen([sys.executable, "-m", "compliance", "check", str(draft)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    assert proc.wait(timeout=120) == 141 and b"internal error" not in proc.stderr.read()
