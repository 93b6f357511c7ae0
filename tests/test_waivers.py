"""Waivers with reasons: in Markdown comments, front matter and a JSONL post's `waivers`."""
import json

import pytest
from click.testing import CliRunner

from compliance import Checker, InputError
from compliance.cli.main import main
from compliance.documents import read_draft

CLOWNS = "Our competitors are a bunch of clowns."


@pytest.fixture()
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    return tmp_path


def run(path, *args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args, path.name])
    return result, json.loads(result.stdout)


def test_comment_waives_the_next_paragraph_only_and_keeps_the_finding(here):
    draft = here / "a.md"
    draft.write_text(f"<!-- compliance-ignore en.insult.*, any.context.*: quoting a reader's letter -->\n"
                     f"{CLOWNS}\n\n{CLOWNS}\n", encoding="utf-8")
    result, report = run(draft)
    assert [v["line"] for v in report["violations"] if "insult" in v["rule"]] == [4]
    waived = [v for v in report["suppressed"] if v["line"] == 2]
    assert waived and waived[0]["suppression"] == {"kind": "waiver", "reason": "quoting a reader's letter",
                                                   "source": "a.md:1:1"}
    assert result.exit_code == 1


def test_file_waiver_and_front_matter_waiver(here):
    comment = here / "a.md"
    comment.write_text(f"<!-- compliance-ignore-file *.insult.*, any.context.*: satire column -->\n{CLOWNS}\n\n"
                       f"{CLOWNS}\n", encoding="utf-8")
    result, report = run(comment)
    assert not report["violations"] and len(report["suppressed"]) >= 2 and result.exit_code == 0
    front = here / "b.md"
    front.write_text(f"---\ncompliance-ignore:\n  '*.insult.*, any.context.*': satire column\n---\n{CLOWNS}\n",
                     encoding="utf-8")
    result, report = run(front)
    assert not report["violations"] and report["suppressed"][0]["suppression"]["source"] == "b.md:2:1"


def test_waiver_without_reason_is_a_finding_and_waives_nothing(here):
    draft = here / "a.md"
    draft.write_text(f"<!-- compliance-ignore en.insult.* -->\n{CLOWNS}\n", encoding="utf-8")
    result, report = run(draft)
    rules = [v["rule"] for v in report["violations"]]
    assert "compliance.waiver.no-reason" in rules and any(r.startswith("en.insult") for r in rules)
    reason = next(v for v in report["violations"] if v["rule"] == "compliance.waiver.no-reason")
    assert (reason["line"], reason["column"]) == (1, 1) and reason["match"].startswith("<!--")


def test_unused_waivers_are_reported_when_asked_and_in_ci(here, monkeypatch):
    draft = here / "a.md"
    draft.write_text("<!-- compliance-ignore en.taboo.*: old post about the derby -->\nThanks for coming!\n",
                     encoding="utf-8")
    result, report = run(draft)
    assert result.exit_code == 0 and not report["violations"]
    result, report = run(draft, "--report-unused-waivers")
    assert [v["rule"] for v in report["violations"]] == ["compliance.waiver.unused"] and result.exit_code == 1
    monkeypatch.setenv("CI", "true")
    assert run(draft)[0].exit_code == 1


def test_a_comment_inside_code_is_no_waiver():
    raw = f"```\n<!-- compliance-ignore en.insult.*: example -->\n```\n{CLOWNS}\n"
    assert read_draft(raw, "a.md").waivers == ()
    assert len(read_draft(f"<!-- compliance-ignore en.insult.*: ok -->\n{CLOWNS}\n", "a.md").waivers) == 1


def test_post_waivers_in_the_library_and_scan(here):
    checker = Checker.default(report_unused_waivers=True)
    [report] = checker.check_many([{"id": 1, "text": CLOWNS, "waivers": [
        {"rule": "*.insult.*, any.context.*", "reason": "satire"}, {"rule": "en.taboo.*", "reason": "stale"}]}])
    assert report.suppressed and all(v.suppression.reason == "satire" for v in report.suppressed)
    assert [v.rule for v in report.violations] == ["compliance.waiver.unused"]
    assert "waivers[1]" in report.violations[0].message
    with pytest.raises(InputError, match="waivers"):
        list(checker.check_many([{"text": CLOWNS, "waivers": "all"}]))
    posts = here / "posts.jsonl"
    posts.write_text(json.dumps({"id": 7, "text": CLOWNS, "waivers": [{"rule": "*.insult.*"}]}) + "\n",
                     encoding="utf-8")
    out = json.loads(CliRunner().invoke(main, ["scan", str(posts)]).stdout)
    assert "compliance.waiver.no-reason" in [v["rule"] for v in out["violations"]]
