"""Approvals bound to content, through the CLI in a git repository: `require_approval` findings
count until an approval of the right role matches the draft as it is now."""
import json
import subprocess

import pytest
from click.testing import CliRunner

from compliance.audit.records import content_sha256, read_records
from compliance.cli.main import main

CLOWNS = "Our competitors are a bunch of clowns.\n"
CONFIG = """record: {dir: records}
require_approval:
  - rules: ["*.insult.*", any.context.insult]
    role: compliance
"""


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    """A drafts repository whose `a.md` (last committed by Ari Author) has an insult."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    git("init", "-q", ".", cwd=tmp_path)
    git("config", "user.name", "Ari Author", cwd=tmp_path)
    git("config", "user.email", "ari@example.com", cwd=tmp_path)
    (tmp_path / ".compliance.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "a.md").write_text(f"---\nlang: en\n---\n{CLOWNS}", encoding="utf-8")
    git("add", "-A", cwd=tmp_path)
    git("commit", "-q", "-m", "draft", cwd=tmp_path)
    return tmp_path


def cli(*args):
    return CliRunner().invoke(main, list(args))


def check(*args):
    result = cli("check", "--format", "json", *args, "a.md")
    return result, json.loads(result.stdout)


def approve(*args):
    return cli("approve", "a.md", *args)


def test_an_approval_passes_the_findings_of_exactly_that_content(repo):
    result, report = check()
    assert result.exit_code == 1
    assert report["violations"][0]["message"].endswith(" — needs approval by compliance")
    approved = approve("--as", "Dana", "--role", "compliance", "--comment", "competitor satire, cleared")
    assert approved.exit_code == 0, approved.output
    assert "approved by Dana (compliance)" in approved.output and "covers 1 finding" in approved.output
    [record] = [r for _, _, r in read_records(repo / "records") if r["kind"] == "approval"]
    assert record["kind"] == "approval" and record["author"] == "Ari Author" and record["path"] == "../a.md"
    assert record["content_sha256"] == content_sha256((repo / "a.md").read_text(encoding="utf-8"))
    assert record["comment"] == "competitor satire, cleared"

    result, report = check()
    assert result.exit_code == 0 and not report["violations"]
    assert report["suppressed"][0]["suppression"] == {"kind": "approval", "reason": "approved by Dana (compliance)",
                                                      "source": record["id"]}
    sarif = json.loads(cli("check", "--format", "sarif", "a.md").stdout)
    assert sarif["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external"
    verified = cli("audit", "verify", "records")
    assert verified.exit_code == 0 and "chain intact" in verified.output

    with open(repo / "a.md", "a", encoding="utf-8") as f:
        f.write("Buy now.\n")
    result, report = check()
    assert result.exit_code == 1 and not report.get("suppressed")
    assert "approval does not match this content (edited since it was approved)" in report["violations"][0]["message"]


def test_an_approval_by_another_role_or_in_another_folder_does_not_count(repo):
    # Findings below fail_on pass only with an approval too.
    (repo / ".compliance.yaml").write_text(CONFIG + "severity: {'*.insult.*': info, any.context.insult: info}\n",
                                           encoding="utf-8")
    assert approve("--as", "Dana", "--role", "marketing").exit_code == 0
    result, report = check()
    assert result.exit_code == 1 and report["violations"]
    for finding in report["violations"]:
        assert finding["severity"] == "warning" and finding["message"].endswith(" — needs approval by compliance")
    assert approve("--as", "Dana", "--role", "compliance", "--record", "elsewhere").exit_code == 0
    assert check()[0].exit_code == 1
    assert check("--record", "elsewhere")[0].exit_code == 0


def test_an_author_cannot_approve_their_own_draft(repo):
    refused = approve("--as", "ari  author", "--role", "compliance")  # git's last author, any case or spacing
    assert refused.exit_code == 2 and "cannot approve it" in refused.output and "git commit" in refused.output
    (repo / "a.md").write_text(f"---\nlang: en\nauthor: Dana\n---\n{CLOWNS}", encoding="utf-8")
    refused = approve("--as", "Dana", "--role", "compliance")
    assert refused.exit_code == 2 and "front matter" in refused.output
    assert not (repo / "records").exists()
    assert approve("--as", "Ari Author", "--role", "compliance").exit_code == 0  # no longer the author


def test_an_approval_the_author_made_of_a_copy_does_not_count(repo):
    (repo / "copy.md").write_text((repo / "a.md").read_text(encoding="utf-8"), encoding="utf-8")  # not in git
    assert cli("approve", "copy.md", "--as", "Ari Author", "--role", "compliance").exit_code == 0
    result, report = check()
    assert result.exit_code == 1 and report["violations"][0]["message"].endswith(" — needs approval by compliance")


def test_require_approval_in_the_configuration(repo):
    shown = json.loads(cli("config", "show", "--format", "json", "a.md").stdout)["settings"]["require_approval"]
    assert shown == {"value": [{"rules": ["*.insult.*", "any.context.insult"], "role": "compliance"}],
                     "from": [".compliance.yaml:3:5"]}
    (repo / ".compliance.yaml").write_text("require_approval: [{rules: [en.nope], role: legal}]\n", encoding="utf-8")
    result = cli("check", "a.md")
    assert result.exit_code == 2 and "require_approval names rule 'en.nope'" in result.output
