"""The staff page in a real browser (Debian's Chromium through Playwright) against the real
service on 127.0.0.1: findings marked in place, citations shown, Hebrew right to left, stale
answers dropped. Saves docs/staff-page.png, the screenshot the docs show."""
from __future__ import annotations

from pathlib import Path

import pytest

from compliance.service import create_app, running

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "staff-page.png"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DRAFT = "Our competitors are a bunch of clowns. 🎉 Call me on 07911 123456."
HEBREW = "המתחרים שלנו מטומטמים לגמרי"
# Findings of both severities, three of them overlapping: the screenshot the docs show.
BUSY = ("Our competitors are a bunch of fucking clowns. 🎉 Our router is the best router in the world, "
        "guaranteed. Call me on 07911 123456.")
SETTLED = "() => !document.body.classList.contains('stale') && document.querySelector('#busy').textContent === ''"
# What each finding's marks hold, joined in document order: a finding cut by an overlap is several marks.
MARKED = """() => {
  const out = {};
  for (const m of document.querySelectorAll('#mirror mark'))
    for (const k of m.dataset.findings.split(' ')) out[k] = (out[k] || '') + m.textContent;
  return out;
}"""


@pytest.fixture(scope="module")
def url(checker):
    with running(create_app(checker)) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url + "/")
    yield page
    context.close()
    assert requested and all(u.startswith(url + "/") or u.startswith("data:") for u in requested), requested


def findings_of(page) -> list[str]:
    page.wait_for_function(SETTLED)
    return page.locator("#findings .rule").all_inner_texts()


def test_findings_are_marked_where_they_are_with_their_citations(page, checker):
    report = checker.check(DRAFT)
    page.locator("#draft").press_sequentially(DRAFT)
    page.wait_for_function("() => document.querySelectorAll('#findings li').length >= 2")
    assert findings_of(page) == [v.rule for v in report.violations]
    marked = page.evaluate(MARKED)
    assert [marked[str(k)] for k in range(len(report.violations))] == [v.match for v in report.violations]
    assert page.locator("#mirror").inner_text() == DRAFT
    for k, v in enumerate(report.violations):
        item = page.locator(f"#finding-{k}")
        rule = checker.rule_set.rule(v.rule)
        assert item.locator(".citation-text").inner_text() == rule.policy.sections[rule.cite].text
        assert item.locator(".citation-title").inner_text() == v.citation.title
        assert item.locator(".message").inner_text() == v.message
        assert "sev-" + v.severity in item.get_attribute("class")
    summary = page.locator("#summary").inner_text()
    assert summary.startswith(f"{len(report.violations)} findings") and summary.endswith("; detected as English (en).")

    # Keyboard only: from the draft, Tab reaches each finding's button; Enter selects its span,
    # converted from code points to the textarea's UTF-16 offsets (the emoji comes before it).
    page.focus("#draft")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    selected = page.evaluate("() => { const d = document.querySelector('#draft');"
                             " return d.value.substring(d.selectionStart, d.selectionEnd); }")
    assert selected == report.violations[1].match == "07911 123456"


def test_overlapping_findings_each_keep_their_span(page, checker):
    report = checker.check(BUSY)
    assert {v.severity for v in report.violations} == {"error", "warning"}
    page.fill("#draft", BUSY)
    assert findings_of(page) == [v.rule for v in report.violations]
    marked = page.evaluate(MARKED)
    assert [marked[str(k)] for k in range(len(report.violations))] == [v.match for v in report.violations]
    overlaps = page.locator("#mirror mark.overlap").all_inner_texts()
    assert "fucking" in overlaps  # inside "bunch of fucking clowns" and "fucking clowns"
    assert page.locator("#mirror mark.sev-warning").count() and page.locator("#mirror mark.sev-error").count()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))


def test_copy_report_copies_a_plain_text_report(page, url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
    page.fill("#draft", DRAFT)
    assert findings_of(page)
    page.click("#copy")
    page.wait_for_function("() => document.querySelector('#copied').textContent !== ''")
    assert page.locator("#copied").inner_text() == "Report copied."
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert DRAFT in copied and "en.insult.applied" in copied and "Respect for people" in copied


def test_a_hebrew_draft_reads_right_to_left_with_the_hebrew_policy(page, checker):
    page.fill("#draft", HEBREW)
    rules = findings_of(page)
    report = checker.check(HEBREW)
    assert report.lang == "he" and rules == [v.rule for v in report.violations] and rules
    for selector in ("#draft", "#mirror"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).direction") == "rtl"
    rule = checker.rule_set.rule(rules[0])
    assert page.locator("#finding-0 .citation-text").inner_text() == rule.policy.sections[rule.cite].translations["he"][1]
    assert page.eval_on_selector("#finding-0 .citation-text", "e => getComputedStyle(e).direction") == "rtl"
    assert page.evaluate(MARKED)["0"] == report.violations[0].match
    page.select_option("#lang", "he")
    assert findings_of(page) == rules
    assert page.locator("#summary").inner_text().endswith("checked as Hebrew (he).")


def test_an_answer_for_an_older_draft_is_dropped(page):
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/v1/check*", hold_the_first)
    page.fill("#draft", "What a shit show.")
    while not held:
        page.wait_for_timeout(20)
    page.fill("#draft", "Call me on 07911 123456.")
    page.wait_for_function("() => document.querySelectorAll('#findings li').length >= 1")
    assert findings_of(page) == ["en.personal-data.phone"]
    try:
        held[0].continue_()  # the page has given up on it; if it still arrives, it is ignored
    except sync_api.Error:
        pass
    page.wait_for_timeout(200)
    assert findings_of(page) == ["en.personal-data.phone"]
    assert page.locator("#mirror mark").all_inner_texts() == ["07911 123456"]
