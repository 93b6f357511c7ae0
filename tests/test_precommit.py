"""The pre-commit hook as pre-commit runs it: its entry, with the staged files as arguments."""
import os
import shlex
import subprocess
import sys
from pathlib import Path

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
