"""The HTTP service, through its real interface: uvicorn on 127.0.0.1, requests with httpx.
Every answer is compared with what the library gives for the same post."""
from __future__ import annotations

import io
import json
import sys
import threading
import time

import httpx
import pytest
from click.testing import CliRunner

from compliance.batch import scan_lines
from compliance.cli.main import main
from compliance.posts import MAX_TEXT_LENGTH
from compliance.service import MAX_BODY, MAX_POSTS, create_app, running

POSTS = [
    {"text": "Our competitors are a bunch of clowns. 🎉 Call me on 07911 123456."},
    {"text": "👩‍👩‍👧‍👦 Ne\u0301w pho\u0308ne 🎉🎉 what a shit show, email jo.bloggs@gmail.com", "id": "emoji"},
    {"text": "המתחרים שלנו מטומטמים לגמרי, תתקשרו אליי 054-1234567", "lang": "he", "id": 7},
    {"text": "שלום לכולם, יום נפלא 🎉 למתחרים שלנו המטומטמים", "channel": "x"},
    {"text": "The best router in the world, guaranteed.", "lang": "en-GB", "channel": "linkedin", "id": 1.5},
    {"text": "Huge thanks to everyone who came to our open day in Leeds!", "id": True},
    {"text": "Þetta er algjört kjaftæði hjá þeim.", "lang": "is"},
    {"text": "Vote Green on Sunday! f*ck this kettle", "lang": "fr"},
    {"text": "Morning routine with my favourite new serum ✨", "sponsored": True, "channel": "instagram",
     "audience": ["US"], "id": "paid"},
]


def expected(checker, post):
    metadata = {k: v for k, v in post.items() if k not in ("text", "lang", "id")}
    return checker.check(post["text"], lang=post.get("lang"), id=post.get("id"), **metadata).to_dict()


@pytest.fixture(scope="module")
def url(checker):
    with running(create_app(checker)) as base:
        yield base


@pytest.fixture(scope="module")
def small(checker):
    """The same checker with small limits: 2,000 bytes a body, 3 posts a scan."""
    with running(create_app(checker, max_body=2000, max_posts=3)) as base:
        yield base


@pytest.fixture(scope="module")
def client(url):
    with httpx.Client(base_url=url, timeout=30) as c:
        yield c


def assert_error(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) <= {"error", "line"} and isinstance(body["error"], str) and body["error"]
    return body


def test_check_equals_the_library(client, checker):
    found = 0
    for post in POSTS:
        response = client.post("/v1/check", json=post)
        assert response.status_code == 200, response.text
        assert response.json() == expected(checker, post)
        for v in response.json()["violations"]:
            assert post["text"][v["start"]:v["end"]] == v["match"]  # code points, through emoji
            found += 1
    assert found >= 6


def test_check_keeps_a_lone_surrogate(client, checker):
    text = "shit \ud83d happens"
    response = client.post("/v1/check", content=json.dumps({"text": text}), headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert response.json() == checker.check(text).to_dict()


def test_check_applies_waivers(client, checker):
    post = {"text": "What a shit show.", "waivers": [{"rule": "en.profanity.*", "reason": "a quote from the film"}]}
    body = client.post("/v1/check", json=post).json()
    assert body == next(checker.check_many([post])).to_dict()
    assert body["violations"] == [] and body["suppressed"][0]["suppression"]["reason"] == "a quote from the film"


def test_check_with_citation_text_adds_the_section_only_when_asked(client, checker):
    post = {"text": "המתחרים שלנו מטומטמים לגמרי", "lang": "he"}
    plain = client.post("/v1/check", json=post).json()
    assert all("text" not in v["citation"] for v in plain["violations"])
    cited = client.post("/v1/check", params={"citation_text": "true"}, json=post).json()
    assert [v["rule"] for v in cited["violations"]] == [v["rule"] for v in plain["violations"]]
    for v in cited["violations"]:
        rule = checker.rule_set.rule(v["rule"])
        assert v["citation"]["text"] == rule.policy.sections[rule.cite].translations["he"][1]
        v["citation"].pop("text")
    assert cited == plain


def test_scan_array_keeps_order_and_goes_on_after_a_bad_post(client, checker):
    posts = [{**p, "id": i} for i, p in enumerate(POSTS[:3])]
    body = [posts[0], {"id": "no-text"}, posts[1], "a string", posts[2]]
    response = client.post("/v1/scan", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == 5
    assert [lines[i] for i in (0, 2, 4)] == [expected(checker, p) for p in posts]
    assert lines[1] == {"id": "no-text", "line": 2, "error": 'request:2:1: no "text"'}
    assert set(lines[3]) == {"id", "line", "error"} and lines[3]["line"] == 4


@pytest.mark.parametrize("content_type", ["application/x-ndjson", "application/jsonl; charset=utf-8"])
def test_scan_jsonl_streams_what_compliance_scan_writes(client, checker, content_type):
    good = [json.dumps({**p, "id": i}, ensure_ascii=False).encode() for i, p in enumerate(POSTS)]
    raw = b"\n".join(good[:3] + [b'{"text": "unterminated', b"\xff\xfe not utf-8"] + good[3:]) + b"\n"
    with client.stream("POST", "/v1/scan", content=raw, headers={"content-type": content_type}) as response:
        assert response.status_code == 200
        lines = [json.loads(line) for line in response.iter_lines() if line]
    assert lines == [line.obj for line in scan_lines(checker, io.BytesIO(raw), "request", MAX_TEXT_LENGTH)]
    assert [line.get("line") for line in lines] == [None, None, None, 4, 5] + [None] * (len(POSTS) - 3)
    assert [line["id"] for line in lines if "error" not in line] == list(range(len(POSTS)))


def test_a_body_over_the_limit_is_413(client, small):
    assert MAX_BODY == 2 * 1024 * 1024
    body = assert_error(client.post("/v1/check", json={"text": "a" * MAX_BODY}), 413)
    assert "2,097,152 bytes" in body["error"]
    assert_error(httpx.post(small + "/v1/scan", json=[{"text": "a" * 2000}]), 413)

    def chunks():  # no Content-Length: the limit holds as the bytes arrive
        yield b'{"text": "'
        for _ in range(10):
            yield b"a" * 500
        yield b'"}'
    assert_error(httpx.post(small + "/v1/check", content=chunks(), headers={"content-type": "application/json"}), 413)
    assert httpx.post(small + "/v1/check", json={"text": "a" * 1900}).status_code == 200


def test_too_many_posts_is_413(client, small):
    assert MAX_POSTS == 10_000
    body = assert_error(client.post("/v1/scan", json=[{"text": ""}] * (MAX_POSTS + 1)), 413)
    assert "10,001 posts" in body["error"]
    assert_error(httpx.post(small + "/v1/scan", content=b'{"text": "a"}\n' * 4,
                            headers={"content-type": "application/x-ndjson"}), 413)
    assert len(httpx.post(small + "/v1/scan", content=b'{"text": "a"}\n' * 3,
                          headers={"content-type": "application/x-ndjson"}).text.splitlines()) == 3


@pytest.mark.parametrize("path, content, says", [
    ("/v1/check", b'{"text": "unterminated', "not valid JSON (line 1"),
    ("/v1/check", b'{\n  "text": \n}', "not valid JSON (line 3"),
    ("/v1/check", b"\xff\xfe\xfa", "not UTF-8"),
    ("/v1/check", b"", "not valid JSON"),
    ("/v1/check", b"[" * 100_000, "nested too deeply"),
    ("/v1/check", b'{"id": 1}', 'no "text"'),
    ("/v1/check", b'{"text": 12}', '"text" is not a string'),
    ("/v1/check", b'"just a string"', "not a JSON object"),
    ("/v1/check", b'{"text": "hi", "lang": "english"}', "not a language code"),
    ("/v1/check", b'{"text": "hi", "lang": 5}', '"lang" is not a string'),
    ("/v1/check", b'{"text": "hi", "waivers": "all"}', '"waivers" must be a list'),
    ("/v1/check?citation_text=maybe", b'{"text": "hi"}', "citation_text"),
    ("/v1/scan", b'[{"text": "a"}, ', "not valid JSON"),
    ("/v1/scan", b'{"text": "a"}', "not a JSON array"),
])
def test_bad_input_is_422_never_500(client, path, content, says):
    body = assert_error(client.post(path, content=content, headers={"content-type": "application/json"}), 422)
    assert says in body["error"]


def test_bad_json_names_its_line(client):
    assert assert_error(client.post("/v1/check", content=b'{\n  "text": \n}'), 422)["line"] == 3


def test_rules(client, checker):
    rules = client.get("/v1/rules").json()
    assert [r["id"] for r in rules] == [r.id for r in checker.rules]
    assert set(rules[0]) == {"id", "category", "severity", "languages", "kind", "pack", "message"}
    phone = next(r for r in rules if r["id"] == "en.personal-data.phone")
    assert phone["languages"] == ["en"] and phone["kind"] and phone["category"] == "personal-data"


def test_one_rule_and_its_section_in_a_language(client, checker):
    rule = checker.rule_set.rule("en.insult.applied")
    section = rule.policy.sections[rule.cite]
    plain = client.get("/v1/rules/en.insult.applied").json()
    assert plain["citation"] == {**rule.citation().to_dict(), "text": section.text}
    assert plain["suggestion"] == rule.suggestion and plain["message"] == rule.message
    hebrew = client.get("/v1/rules/en.insult.applied", params={"lang": "he-IL"}).json()
    assert (hebrew["citation"]["title"], hebrew["citation"]["text"]) == section.translations["he"]
    assert_error(client.get("/v1/rules/en.insult.applied", params={"lang": "!!"}), 422)


def test_unknown_rule_and_path_are_404_in_the_error_shape(client):
    assert "no.such.rule" in assert_error(client.get("/v1/rules/no.such.rule"), 404)["error"]
    assert_error(client.get("/v2/nothing"), 404)
    assert_error(client.get("/v1/check"), 405)


def test_healthz(client, checker):
    from compliance import __version__
    assert client.get("/healthz").json() == {"status": "ok", "rules": len(checker.rules), "version": __version__}


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/scan", "/v1/rules", "/v1/rules/{rule_id}", "/healthz"} <= set(spec["paths"])
    assert "application/x-ndjson" in spec["paths"]["/v1/scan"]["post"]["requestBody"]["content"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_the_page_and_its_assets_are_served_from_here(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in ("static/app.js", "static/app.css"):
        assert asset in page.text and client.get("/" + asset).status_code == 200
    assert "http" not in page.text.replace("http-equiv", "")  # nothing loaded from elsewhere


def test_concurrent_requests_all_answered_like_the_library(url, checker):
    posts = [{**p, "id": i} for i, p in enumerate(POSTS)] + [
        {"text": f"Call Tom on 07700 900{n:03d} about the {thing}, it is the best ever", "id": f"p{n}"}
        for n, thing in enumerate(["sofa", "router", "kettle", "bike"] * 3)]
    wanted = {json.dumps(p["id"]): expected(checker, p) for p in posts}
    answers: list[tuple[str, int, dict]] = []
    lock = threading.Lock()

    def work(worker: int) -> None:
        with httpx.Client(base_url=url, timeout=60) as c:
            for n in range(25):
                post = posts[(worker * 25 + n) % len(posts)]
                response = c.post("/v1/check", json=post)
                with lock:
                    answers.append((json.dumps(post["id"]), response.status_code, response.json()))

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 8 * 25
    assert all(status == 200 and body == wanted[key] for key, status, body in answers)


def test_a_long_scan_does_not_block_other_requests(url):
    raw = b"".join(json.dumps({"text": f"Thanks for coming to the open day, number {n}!"}).encode() + b"\n"
                   for n in range(800))
    done = threading.Event()

    def scan() -> None:
        httpx.post(url + "/v1/scan", content=raw, headers={"content-type": "application/x-ndjson"}, timeout=60)
        done.set()

    threading.Thread(target=scan).start()
    time.sleep(0.2)
    started = time.perf_counter()
    assert httpx.get(url + "/healthz", timeout=10).status_code == 200
    assert time.perf_counter() - started < 1.0
    assert not done.is_set()  # answered while the scan was still being checked
    assert done.wait(60)


def test_serve_command(monkeypatch):
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--max-body" in result.output and "--port" in result.output
    result = runner.invoke(main, ["serve", "--pack", "no/such/pack.yaml"])
    assert result.exit_code == 2 and "no/such/pack.yaml" in result.output
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = runner.invoke(main, ["serve"])
    assert result.exit_code == 2 and "pip install 'post-compliance[serve]'" in result.output
