"""The pre-commit hook as pre-commit runs it: its entry, with the staged files as arguments."""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# pre-commit runs hooks with its environment's scripts on PATH; here that is this interpreter's.
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "compliance")


def run_hook(files):
    return subprocess.run(shlex.split(hook()["entry"]) + [str(f) for f in files], capture_output=True, text=True, env=ENV)


def test_hook_definition_targets_drafts():
    h = hook()
    assert h["language"] == "python"
    assert set(h["types_or"]) == {"markdown", "plain-text"}


def test_hook_fails_a_violating_draft_and_passes_a_clean_one(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("Our competitors are a bunch of clowns.\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("Thanks to everyone who came to our open day!\n", encoding="utf-8")
    failing = run_hook([good, bad])
    assert failing.returncode == 1 and "bad.md:1:" in failing.stdout
    passing = run_hook([good])
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_hook_in_a_git_commit(tmp_path):
    repo = tmp_path / "drafts"
    repo.mkdir()
    git = lambda *a: subprocess.run(["git", "-C", str(repo), *a], capture_output=True, text=True, env=ENV)
    git("init", "-q")
    hook_script = repo / ".git" / "hooks" / "pre-commit"
    # What pre-commit generates, reduced to this one hook: run the entry on staged drafts.
    hook_script.write_text("#!/bin/sh\nfiles=$(git diff --cached --name-only --diff-filter=ACM -- '*.md' '*.txt')\n"
                           f"[ -z \"$files\" ] || exec {hook()['entry']} $files\n", encoding="utf-8")
    hook_script.chmod(0o755)
    (repo / "post.md").write_text("Who the f*ck approved this font?\n", encoding="utf-8")
    git("add", "post.md")
    commit = git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "draft")
    assert commit.returncode != 0
    (repo / "post.md").write_text("Who approved this font? We love it.\n", encoding="utf-8")
    git("add", "post.md")
    commit = git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "draft")
    assert commit.returncode == 0, commit.stdout + commit.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pre_commit_framework_installs_the_hook_and_refuses_a_violating_commit(tmp_path):
    """The real thing: pre-commit builds the hook's environment from this repository's
    committed tree (as `try-repo` does for a hook author), then guards commits with it."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "compliance", "rules", "models",
                            "pyproject.toml", ".pre-commit-hooks.yaml"], capture_output=True, text=True)
    if head.returncode != 0 or dirty.stdout.strip():
        pytest.skip("needs this repository as a clean git checkout (pre-commit installs the committed tree)")
    repo = tmp_path / "drafts"
    repo.mkdir()
    env = {**ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    git = lambda *a: subprocess.run(["git", "-C", str(repo), *a], capture_output=True, text=True, env=env)
    git("init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: compliance\n",
        encoding="utf-8")
    (repo / ".compliance.yaml").write_text("fail_on: error\n", encoding="utf-8")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True,
                               text=True, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    (repo / "post.md").write_text("Who the f*ck approved this font?\n", encoding="utf-8")
    (repo / "claim.md").write_text("The best phone in the world, guaranteed.\n", encoding="utf-8")
    git("add", ".")
    refused = git("commit", "-qm", "drafts")
    shown = refused.stdout + refused.stderr  # git shows a hook's output on either
    assert refused.returncode != 0
    assert "post.md:1:9: error en.profanity" in shown and "^^^^" in shown, shown
    assert shown.count("problems (") == 1  # one process, one summary
    (repo / "post.md").write_text("Who approved this font? We love it.\n", encoding="utf-8")
    git("add", "post.md")
    # fail_on: error from .compliance.yaml lets the claim's warning through.
    accepted = git("commit", "-qm", "drafts")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
