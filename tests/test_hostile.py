"""Hostile packs and posts: every case ends in a finding, a clear error or a clean result,
with no traceback and no lost line (the regression file for the reliability issue). How long
each may take is measured by ../shared/tools/hostile_cases.py and benchmarks, not here."""
import concurrent.futures as cf
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance import Checker, InputError
from compliance.cli import main
from compliance.documents import chunks

POLICY = "policy: {title: R, sections: [{id: s, title: S, text: t}]}\n"
COMPLIANCE = str(Path(sys.executable).with_name("compliance"))


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output, result.output
    return result


def write(tmp_path, name, data):
    path = tmp_path / name
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
    return str(path)


def redos_pack(tmp_path):
    return write(tmp_path, "redos.yaml", "pack: redos\nversion: 1\n" + POLICY + "rules:\n  - id: r.bad\n"
                 "    category: profanity\n    severity: error\n    cite: s\n    message: m\n    regex: '(a+)+$'\n")


def test_redos_rule_gives_up_and_says_so(tmp_path):
    result = run("check", "--format", "json", "--pack", redos_pack(tmp_path), write(tmp_path, "a.md", "a" * 50000 + "!"))
    found = json.loads(result.stdout)["violations"]
    assert [(v["rule"], v["severity"]) for v in found] == [("r.bad", "info")] and "gave up" in found[0]["message"]


def test_redos_rule_stops_running_after_three_posts(tmp_path):
    posts = write(tmp_path, "a.jsonl", "".join(json.dumps({"id": i, "text": "a" * 3000 + "!"}) + "\n" for i in range(40)))
    result = run("scan", "--pack", redos_pack(tmp_path), posts)
    lines = [json.loads(l) for l in result.stdout.splitlines()]
    assert len(lines) == 40 and all(o["violations"][0]["rule"] == "r.bad" for o in lines)


@pytest.mark.parametrize("name,text,words", [
    ("evil.yaml", "pack: !!python/object/apply:os.system ['touch {pwned}']\nversion: 1\nrules: []\n", "constructor"),
    ("empty.yaml", "", "mapping"),
    ("list.yaml", "- a\n- b\n", "mapping"),
    ("self.yaml", "pack: x\na: &a [1, *a]\n", "refers to itself"),
    ("control.yaml", 'pack: x\nlists: {"a": ["\x7f"]}\n', "U+007F is not allowed"),   # found by fuzz/fuzz_packs.py
])
def test_hostile_pack_files_are_errors(tmp_path, name, text, words):
    pwned = tmp_path / "pwned"
    pack = write(tmp_path, name, text.replace("{pwned}", str(pwned)))
    result = run("check", "--pack", pack, write(tmp_path, "c.md", "hello"))
    assert result.exit_code == 2 and words in result.output and not pwned.exists()


def test_alias_bomb_ends_fast(tmp_path):
    laughs = "pack: lol\nversion: 1\n" + POLICY + "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i, c in enumerate("bcdefghij"):
        laughs += f"{c}: &{c} [" + ", ".join([f"*{'abcdefghij'[i]}"] * 9) + "]\n"
    pack = write(tmp_path, "laughs.yaml", laughs + "rules: *j\n")
    result = run("rules", "validate", pack)
    assert result.exit_code == 2 and "aliases expand to more than" in result.output


def test_missing_pack_file(tmp_path):
    assert run("check", "--pack", str(tmp_path / "nope.yaml"), write(tmp_path, "c.md", "hello")).exit_code == 2


def test_a_large_codename_list_loads_and_matches(tmp_path):
    names = [f"zor{i:05d}x" for i in range(20000)]
    pack = write(tmp_path, "big.yaml", "pack: big\nversion: 1\n" + POLICY + "rules:\n  - id: big.names\n"
                 "    category: confidential\n    severity: error\n    cite: s\n    message: m\n    terms: ["
                 + ", ".join(names) + "]\n")
    checker = Checker.from_packs([pack], builtin=False)
    assert [v.match for v in checker.check(f"The {names[777]} launch moves to May.", lang="en").violations] == [names[777]]


def test_binary_file_is_refused_by_name(tmp_path):
    result = run("check", write(tmp_path, "bin.md", bytes(range(256)) * 40))
    assert result.exit_code == 2 and "not a text file" in result.output


def test_invalid_utf8_file_is_checked_with_a_warning(tmp_path):
    result = run("check", write(tmp_path, "latin.md", "Caf\xe9 na\xefve. What a load of shit.".encode("latin-1")))
    assert result.exit_code == 1 and "latin.md:1:4: not valid UTF-8" in result.output


def test_empty_and_whitespace_files_are_clean(tmp_path):
    assert run("check", write(tmp_path, "e.md", "")).exit_code == 0
    assert run("check", write(tmp_path, "w.md", " \n\t\n")).exit_code == 0


def test_long_token_is_quick(tmp_path):
    assert run("check", write(tmp_path, "tok.md", "x" * 100000)).exit_code == 0


def test_long_documents_are_checked_in_pieces_with_exact_offsets(checker):
    text = ("Our team shipped it. " * 6000) + "What a load of shit. " + ("All good here.\n\n" * 5000)
    report = checker.check_document(text, lang="en")
    # (A regex that runs out of its time budget on a busy machine adds an `info` note; not a finding.)
    found = [v for v in report.violations if v.severity != "info"]
    assert [(v.match, text[v.start:v.end]) for v in found] == [("shit", "shit")]
    pieces = chunks(text, 50_000)
    assert "".join(p for _, p in pieces) == text and all(len(p) <= 50_000 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def scan_lines(tmp_path, data, *args):
    result = run("scan", *args, write(tmp_path, "in.jsonl", data))
    return result, [json.loads(l) for l in result.stdout.splitlines()]


def test_bad_lines_each_get_an_error_object(tmp_path):
    data = (b'{"id": 1, "text": "ok"}\n{"id": 2, "text": "\xff\xfe"}\n' + b"[" * 100000 + b"]" * 100000
            + b'\n{"id": 4, "text": "' + b"word " * 3000 + b'"}\n{"id": 5, "text": "a\\ud800b shit"}\n')
    result, out = scan_lines(tmp_path, data, "--max-chars", "10000")
    assert result.exit_code == 2 and len(out) == 5
    assert "not UTF-8" in out[1]["error"] and out[1]["line"] == 2
    assert "nested too deeply" in out[2]["error"] and out[2]["line"] == 3
    assert "at most 10,000" in out[3]["error"] and out[3]["id"] == 4
    assert out[4]["violations"][0]["match"] == "shit" and out[4]["violations"][0]["start"] == 4


def test_scan_output_is_deterministic(tmp_path):
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(
        ["What a load of bullsh1t.", "Call Tom on 07700 900461.", "Hvílíkt helvítis rugl", "Ова е срамота, идиоти.", "חרא של מוצר"] * 20))
    first = scan_lines(tmp_path, data)[0].stdout
    assert first == scan_lines(tmp_path, data)[0].stdout


def test_full_disk_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    data = write(tmp_path, "in.jsonl", "".join(json.dumps({"id": i, "text": "fine"}) + "\n" for i in range(300)))
    result = run("scan", "--output", "/dev/full", data)
    assert result.exit_code == 2 and "cannot write /dev/full" in result.output and "complete lines" in result.output


def test_interrupted_scan_keeps_complete_lines_and_resumes(tmp_path):
    posts = [json.dumps({"id": i, "text": f"Post {i}: we shipped it, what a shit show."}) for i in range(4000)]
    data = write(tmp_path, "in.jsonl", "\n".join(posts) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([COMPLIANCE, "scan", "--output", str(out), data], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2000) and proc.poll() is None:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and all(json.loads(l)["id"] == i for i, l in enumerate(text.splitlines()))
    assert b"Traceback" not in err
    if len(text.splitlines()) < len(posts):
        assert proc.returncode == 130 and b"--resume" in err
    resumed = run("scan", "--resume", "--output", str(out), data)
    assert resumed.exit_code == 1
    assert [json.loads(l)["id"] for l in out.read_text(encoding="utf-8").splitlines()] == list(range(len(posts)))


def test_languages_are_input_too(tmp_path):
    assert run("check", "--lang", "english", "-", input="hello").exit_code == 2
    assert json.loads(run("check", "--format", "json", "--lang", "en-GB", "-", input="What shit.").stdout)["lang"] == "en"
    result = run("check", write(tmp_path, "k.md", "---\ntitle: x\nlang: klingon\n---\nHello\n"))
    assert result.exit_code == 2 and "k.md:3:1" in result.output
    report = Checker.default().check("Quelle journée, merci à tous. Mail: jean.dupont@gmail.com", lang="fr")
    assert "no packs for language 'fr'" in report.coverage and [v.category for v in report.violations] == ["personal-data"]
    shown = run("check", "--lang", "fr", "-", input="Bonjour à tous")
    assert "no packs for language 'fr'" in shown.output


def test_check_many_is_honest():
    checker = Checker.default()
    with pytest.raises(InputError, match="one string"):
        checker.check_many("a string")
    stream = checker.check_many(["fine", {"id": "b", "text": None}, "also fine"])
    assert next(stream).ok
    with pytest.raises(InputError, match=r"post 1 \(id 'b'\)"):
        next(stream)
    reports = list(checker.check_many(["fine", None, "What shit."], errors="report"))
    assert [r.error is None for r in reports] == [True, False, True] and not reports[1].ok
    assert reports[2].violations[0].match == "shit"


def test_one_checker_shared_by_threads_while_pipelines_load():
    texts = ["Ta nora ekipa je spet zamudila.", "זה פשוט חרא של מוצר", "Þetta er helvítis rugl.", "Ова е срамота.",
             "What a load of bullsh1t.", "Call Tom on 07700 900461."] * 8
    serial = [Checker.default().check(t).to_dict() for t in texts]
    shared = Checker.default()
    with cf.ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lambda t: shared.check(t).to_dict(), texts)) == serial


def test_validate_warns_about_nested_quantifiers(tmp_path):
    result = run("rules", "validate", redos_pack(tmp_path))
    assert result.exit_code == 0 and "r.bad: the regex repeats a group that itself repeats" in result.output


def test_long_mixed_script_words_do_not_break_the_lemmatizers(checker):
    # lemmagen3 cut this word inside a UTF-8 sequence (found by the hostile-cases fuzz stream).
    word = "fהб(ыш\"xЎסЯА>)СЧMקПч]ן|[פ#&ъйчРק4#оЖשGhףМјכм]эשׁY U$^иѓ\"АIuЇЙF>o\\יЦРцףІBעЍ\\лfmUўנ"
    for lang in ("sl", "mk", None):
        assert checker.check(word * 3, lang=lang).error is None
