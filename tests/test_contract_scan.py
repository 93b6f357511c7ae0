"""The batch interface exactly as CONTRACT.md fixes it."""
import json

from click.testing import CliRunner

from compliance.cli import main


def run_scan(tmp_path, lines, *args):
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", *args, str(path)])
    out = [json.loads(l) for l in result.stdout.splitlines() if l.strip()]
    return result.exit_code, out


def test_one_object_per_line_in_order_with_offsets(tmp_path):
    posts = [
        {"id": "p-1", "text": "Huge thanks to everyone who came to our open day!"},
        {"id": 2, "text": "Honestly, this release was a total shit show.", "lang": "en"},
        {"id": None, "text": "Line one.\nWho the f*ck approved this?", "channel": "x"},
    ]
    code, out = run_scan(tmp_path, [json.dumps(p) for p in posts])
    assert code == 1
    assert [o["id"] for o in out] == ["p-1", 2, None]
    assert out[0]["violations"] == [] and out[0]["lang"] == "en"
    for post, obj in zip(posts, out):
        for v in obj["violations"]:
            assert v["match"] == post["text"][v["start"]:v["end"]]
            assert v["severity"] in ("error", "warning", "info")
            assert set(v) >= {"rule", "category", "severity", "start", "end", "line", "column", "match",
                              "message", "suggestion", "citation"}
            assert set(v["citation"]) == {"pack", "policy", "section", "title", "url"}
    third = out[2]["violations"][0]
    assert (third["line"], third["column"], third["match"]) == (2, 9, "f*ck")


def test_bad_lines_yield_error_objects_and_exit_2(tmp_path):
    lines = ['{"id": "ok", "text": "A clean post about our open day."}', "not json", '{"id": "n", "text": 5}',
             '{"id": "m"}', '[1, 2]', '{"id": "s", "text": "What a load of bullsh1t."}']
    code, out = run_scan(tmp_path, lines)
    assert code == 2
    assert len(out) == len(lines)
    assert out[0]["violations"] == []
    assert out[1] == {"id": None, "line": 2, "error": out[1]["error"]} and "JSON" in out[1]["error"]
    assert out[1]["error"].startswith(f"{tmp_path / 'posts.jsonl'}:2:1: ")
    assert out[2]["id"] == "n" and out[2]["line"] == 3 and "string" in out[2]["error"]
    assert out[3]["id"] == "m" and out[3]["line"] == 4
    assert out[4]["line"] == 5
    assert out[5]["violations"][0]["match"] == "bullsh1t"


def test_exit_status_follows_fail_on(tmp_path):
    lines = [json.dumps({"id": 1, "text": "Damn servers again."})]  # a mild oath is a warning
    assert run_scan(tmp_path, lines)[0] == 1
    assert run_scan(tmp_path, lines, "--fail-on", "error")[0] == 0
    assert run_scan(tmp_path, [json.dumps({"id": 1, "text": "Thanks, everyone!"})])[0] == 0


def test_format_jsonl_explicit_and_output_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Who the fuck approved this font?"}) + "\n", encoding="utf-8")
    dest = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["scan", "--format", "jsonl", "--output", str(dest), str(src)])
    assert result.exit_code == 1
    assert result.stdout == "" and "scanned 1 line" in result.stderr
    assert json.loads(dest.read_text(encoding="utf-8"))["violations"][0]["category"] == "profanity"


def test_stdin_input():
    result = CliRunner().invoke(main, ["scan", "-"], input='{"id": "x", "text": "Sooo tired. #FuckMondays"}\n')
    assert result.exit_code == 1
    obj = json.loads(result.stdout)
    assert obj["violations"][0]["match"] in ("Fuck", "#FuckMondays")


def test_lang_from_input_is_used(tmp_path):
    code, out = run_scan(tmp_path, [json.dumps({"id": 1, "text": "Shit happens.", "lang": "en"})])
    assert out[0]["lang"] == "en"


def test_missing_input_file_is_a_usage_error():
    result = CliRunner().invoke(main, ["scan", "/nonexistent/posts.jsonl"])
    assert result.exit_code == 2


def test_invisible_only_tokens_in_every_language(tmp_path):
    lines = [json.dumps({"id": i, "text": f"Halló \u200b\ufe0f heimur {w}", "lang": lang})
             for i, (lang, w) in enumerate([("is", "takk"), ("sl", "hvala"), ("mk", "фала"), ("he", "תודה"), ("en", "thanks")])]
    code, out = run_scan(tmp_path, lines)
    assert code == 0 and [o["id"] for o in out] == [0, 1, 2, 3, 4]
    assert all("error" not in o for o in out)
