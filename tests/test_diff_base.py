"""`check --diff-base REF`: only findings on lines a change added or edited."""
import subprocess

from click.testing import CliRunner

from compliance.cli.main import main
from compliance.project.diffs import changed_lines


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_only_findings_on_changed_lines_are_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "T")
    draft = tmp_path / "a.md"
    draft.write_text("Our competitors are a bunch of clowns.\n\nThanks all.\n", encoding="utf-8")
    git(tmp_path, "add", "a.md")
    git(tmp_path, "commit", "-qm", "first")
    draft.write_text("Our competitors are a bunch of clowns.\n\nThanks all, you idiots.\n", encoding="utf-8")
    (tmp_path / "new.md").write_text("What a load of shit.\n", encoding="utf-8")
    assert changed_lines(draft, "HEAD") == frozenset({3})
    assert changed_lines(tmp_path / "new.md", "HEAD") is None  # untracked: every line is new
    result = CliRunner().invoke(main, ["check", "--diff-base", "HEAD", "a.md", "new.md"])
    assert "a.md:3:" in result.stdout and "a.md:1:" not in result.stdout and "new.md:1:" in result.stdout
    assert result.exit_code == 1
    bad = CliRunner().invoke(main, ["check", "--diff-base", "no-such-ref", "a.md"])
    assert bad.exit_code == 2 and "no such commit" in bad.stderr and "0 files" not in bad.stdout
