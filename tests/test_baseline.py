"""The baseline of accepted findings: `compliance baseline create` and `check --baseline`
through the real command in a git repository, and the fingerprints and file underneath."""
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

from compliance.model import Citation, Report, Violation
from compliance.project.baseline import (KEY_ENV, KEY_FILE_ENV, BaselineError, apply_baseline, create_baseline,
                                         fingerprint, key_id, load_baseline, load_key)

KEY = "0123456789abcdef" * 4
OTHER_KEY = "fedcba9876543210" * 4
REASON = "Published before we adopted the checker"
SENTENCE = "Honestly, this release was a total shit show."
DRAFT = f"{SENTENCE}\n\nThe launch is on Monday.\n"
BASELINE = ".compliance-baseline.json"


def run(repo, *args, key=KEY, **env):
    """The `compliance` command run in `repo`, with `key` (None: none) as the baseline key and a
    per-user config folder outside the repository."""
    environ = {k: v for k, v in os.environ.items() if k not in (KEY_ENV, KEY_FILE_ENV)}
    environ.update({"XDG_CONFIG_HOME": str(repo.parent / "config"), "NO_COLOR": "1", **env})
    if key:
        environ[KEY_ENV] = key
    return subprocess.run([sys.executable, "-m", "compliance", *args], cwd=repo, capture_output=True,
                          text=True, env=environ)


def git_repo(path):
    path.mkdir()
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    subprocess.run(["git", "-C", str(path), "config", "user.name", "Dana Reviewer"], check=True)
    (path / "post.md").write_text(DRAFT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def baselined(tmp_path_factory):
    """A repository whose one draft has one finding, baselined under KEY."""
    repo = git_repo(tmp_path_factory.mktemp("made") / "repo")
    done = run(repo, "baseline", "create", "post.md", "--reason", REASON)
    assert done.returncode == 0, done.stderr
    assert "Baselined 1 finding in 1 file" in done.stdout
    return repo


@pytest.fixture
def repo(baselined, tmp_path):
    """A copy of the baselined repository, for a test to change."""
    return shutil.copytree(baselined, tmp_path / "repo")


def check(repo, *args, **kwargs):
    return run(repo, "check", "--baseline", BASELINE, "--format", "json", *args, "post.md", **kwargs)


def test_baselined_finding_is_accepted_and_reported_as_suppressed(repo):
    done = check(repo)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["violations"] == []
    [accepted] = report["suppressed"]
    assert accepted["match"] == "shit"
    assert accepted["suppression"] == {"kind": "baseline", "reason": REASON, "source": BASELINE}


def test_baseline_file_is_reviewable_and_keeps_no_text_nor_plain_hash(baselined):
    text = (baselined / BASELINE).read_text(encoding="utf-8")
    data = json.loads(text)
    assert (data["version"], data["algorithm"], data["key_id"]) == (1, "hmac-sha256", key_id(KEY.encode()))
    [entry] = data["entries"]
    assert entry["rule"] == "en.profanity.strong" and entry["path"] == "post.md" and entry["count"] == 1
    assert (entry["reason"], entry["who"], entry["created"]) == (REASON, "Dana Reviewer", dt.date.today().isoformat())
    assert "shit" not in text.casefold() and "monday" not in text.casefold()
    for form in ("shit", "Shit", "SHIT", SENTENCE, SENTENCE.casefold(), DRAFT):
        for algorithm in ("sha256", "sha1", "md5"):
            assert hashlib.new(algorithm, form.encode()).hexdigest() not in text
    assert text.endswith("}\n") and '\n      "rule": ' in text  # indented, a field a line


def test_moved_finding_still_accepted_and_only_the_new_one_reported(repo):
    (repo / "post.md").write_text(f"A new first line.\n\nThe launch is on Monday. {SENTENCE}\n"
                                  "This schedule is fucking late.\n", encoding="utf-8")
    done = check(repo)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [(v["match"], v["line"]) for v in report["violations"]] == [("fucking", 4)]
    assert [(v["match"], v["line"]) for v in report["suppressed"]] == [("shit", 3)]


def test_another_key_is_a_clear_error(repo):
    done = check(repo, key=OTHER_KEY)
    assert done.returncode == 2 and done.stdout == ""
    assert f"compliance: {BASELINE}: this baseline was made with another key" in done.stderr


def test_expired_entry_stops_applying_and_is_reported(repo):
    path = repo / BASELINE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0]["expires"] = "2020-01-31"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("    {") + 1
    done = check(repo)
    assert done.returncode == 1
    assert [v["match"] for v in json.loads(done.stdout)["violations"]] == ["shit"]
    assert (f"compliance: warning: {BASELINE}:{line}: baseline entry for en.profanity.strong expired on 2020-01-31"
            in done.stderr.splitlines())


def test_bad_json_names_file_line_and_column(repo):
    (repo / BASELINE).write_text('{\n  "version": 1,\n  "entries": [\n    {"rule": }\n  ]\n}\n', encoding="utf-8")
    done = check(repo)
    assert done.returncode == 2
    assert f"compliance: {BASELINE}:4:14: not valid JSON" in done.stderr


def test_key_file_inside_the_repository_is_refused(tmp_path):
    repo = git_repo(tmp_path / "repo")
    key_file = repo / "secrets" / "baseline.key"
    key_file.parent.mkdir()
    key_file.write_text(KEY + "\n", encoding="utf-8")
    key_file.chmod(0o600)
    done = run(repo, "baseline", "create", "post.md", "--reason", REASON, key=None,
               **{KEY_FILE_ENV: str(key_file)})
    assert done.returncode == 2 and not (repo / BASELINE).exists()
    assert f"compliance: {key_file}: the key file is inside the git work tree {repo}" in done.stderr


def test_create_makes_a_private_key_file_when_there_is_none(tmp_path):
    repo = git_repo(tmp_path / "repo")
    done = run(repo, "baseline", "create", "post.md", "--reason", REASON, "--who", "Sam", key=None)
    assert done.returncode == 0, done.stderr
    key_file = tmp_path / "config" / "compliance" / "baseline.key"
    assert key_file.stat().st_mode & 0o777 == 0o600 and str(key_file) in done.stderr
    key = key_file.read_text(encoding="utf-8").strip()
    assert len(bytes.fromhex(key)) == 32
    baseline = load_baseline(repo / BASELINE)
    assert baseline.key_id == key_id(key.encode()) and baseline.entries[0].who == "Sam"


# -- the library, without the command ------------------------------------------------------

def violation(text, match, after=0, rule="en.profanity.strong"):
    start = text.index(match, after)
    line = text.count("\n", 0, start) + 1
    return Violation(rule=rule, category="profanity", severity="error", start=start, end=start + len(match),
                     line=line, column=start - (text.rfind("\n", 0, start) + 1) + 1, match=match, message="m",
                     suggestion=None, citation=Citation("p", "Policy", "s", "Section"))


def print_of(text, match, key=KEY.encode(), path="post.md"):
    return fingerprint(key, "en.profanity.strong", path, text, violation(text, match))


def test_fingerprint_survives_moves_and_edits_elsewhere_but_not_a_changed_match():
    before = print_of(f"Intro.\n{SENTENCE}\nOutro.\n", "shit")
    assert print_of(f"New title\n\nMore text here. {SENTENCE} And after it.\n", "shit") == before
    assert print_of(f"Intro.\nHonestly, this release   was a total\tSHIT show.\n", "SHIT") == before
    assert print_of("Intro.\nHonestly, this release was a total crap show.\n", "crap") != before
    assert print_of("Intro.\nHonestly, that release was a total shit show.\n", "shit") != before
    assert print_of(f"Intro.\n{SENTENCE}\n", "shit", path="other.md") != before
    assert print_of(f"Intro.\n{SENTENCE}\n", "shit", key=OTHER_KEY.encode()) != before


def test_identical_findings_are_counted_and_accepted_at_most_count_times():
    text = f"{SENTENCE}\n{SENTENCE}\n"
    first, second = violation(text, "shit"), violation(text, "shit", after=len(SENTENCE))
    report = Report(text=text, lang="en", violations=(first, second))
    key = KEY.encode()
    baseline = create_baseline([("post.md", text, report)], key, REASON, "Sam", today=dt.date(2026, 1, 5))
    assert [e.count for e in baseline.entries] == [2]
    once = create_baseline([("post.md", text, Report(text=text, lang="en", violations=(first,)))], key, REASON, "Sam")
    kept, expired = apply_baseline(report, "post.md", text, once, key, dt.date(2026, 1, 6))
    assert (len(kept.violations), len(kept.suppressed), expired) == (1, 1, [])
    assert kept.suppressed[0].suppression.kind == "baseline"


def test_bad_entry_names_file_line_and_column(tmp_path):
    path = tmp_path / "b.json"
    entry = {"fingerprint": "0" * 64, "rule": "r", "path": "p.md", "reason": "", "who": "w", "created": "2026-01-01"}
    path.write_text(json.dumps({"version": 1, "algorithm": "hmac-sha256", "key_id": "0" * 16, "entries": [entry]},
                               indent=2), encoding="utf-8")
    with pytest.raises(BaselineError, match=rf"^{path}:6:5: entry 1: 'reason' must be a non-empty string"):
        load_baseline(path)


def test_key_file_others_may_read_is_refused(tmp_path, monkeypatch):
    key_file = tmp_path / "baseline.key"
    key_file.write_text(KEY, encoding="utf-8")
    key_file.chmod(0o644)
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setenv(KEY_FILE_ENV, str(key_file))
    with pytest.raises(BaselineError, match="read or written by other users"):
        load_key([tmp_path / "drafts"])
    monkeypatch.setenv(KEY_ENV, "short")
    with pytest.raises(BaselineError, match="at least 32"):
        load_key([])
