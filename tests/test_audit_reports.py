"""Replay, export and statistics of the audit record, on a record folder of real checks made
on fixed days: replay identical, after the archived rule set was changed, and refused
without text; an export of a date range (complete, verifiable offline, its report opened in
headless Chromium); statistics exact on the fixture."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance import Checker
from compliance.audit.export import export, verify_bundle
from compliance.audit.records import AuditLog, read_records
from compliance.audit.replay import ReplayRefused, replay
from compliance.audit.stats import rule_stats
from compliance.cli.main import main
from compliance.documents import read_draft
from compliance.findings.waivers import apply_waivers
from compliance.model import Suppression
from compliance.packs import load_rule_set

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CITATION = "ACME Social Media Policy §conf.projects Unreleased projects"

# name, draft, UTC time, author, keep_text; what each finds with the acme pack is in the comment.
DRAFTS = {
    # acme.codenames counted; acme.ticket waived (the reason is markup, to be escaped)
    "a": ("a.md", "Project Bluefin ships.\n\n<!-- compliance-ignore acme.ticket: public <i>ticket</i> -->\n"
                  "See ACME-1234.\n", dt.datetime(2026, 3, 2, 10, 0), "Ann", True),
    # acme.ticket twice, counted; only the hash kept
    "b": ("b.txt", "Fixed ACME-5678 and ACME-9012.", dt.datetime(2026, 3, 2, 15, 30), "Bo", False),
    # acme.codenames accepted by an approval, acme.ticket by the baseline (set below)
    "c": ("c.txt", "Halibut 2 closes ACME-4321.", dt.datetime(2026, 3, 4, 12, 0), "Ann", True),
    # acme.ticket waived
    "d": ("d.md", "<!-- compliance-ignore acme.ticket: known -->\nACME-1111 again.\n",
          dt.datetime(2026, 3, 5, 8, 0), "Bo", True),
}


def _report(checker, text, name):
    """The report `compliance check` makes of the draft `text` named `name`."""
    draft = read_draft(text, name)
    return apply_waivers(checker.check_document(draft.text, lang=draft.lang), draft.waivers, text, False)


def _accepted(report, kinds):
    """`report` with each finding of a rule in `kinds` accepted as that kind says."""
    moved = [dataclasses.replace(v, suppression=Suppression(kinds[v.rule], f"{kinds[v.rule]} of {v.rule}", "test"))
             for v in report.violations if v.rule in kinds]
    return dataclasses.replace(report, violations=tuple(v for v in report.violations if v.rule not in kinds),
                               suppressed=report.suppressed + tuple(moved))


@pytest.fixture(scope="module")
def rule_set():
    return load_rule_set([FIXTURES / "acme.yaml"], builtin=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory, rule_set):
    """A record folder with the four checks of DRAFTS and an approval of draft a, given later."""
    checker = Checker(rule_set, today=dt.date(2026, 3, 2))
    log = AuditLog(tmp_path_factory.mktemp("record"))
    records = {}
    for key, (name, text, when, author, keep_text) in DRAFTS.items():
        report = _report(checker, text, name)
        if key == "c":
            report = _accepted(report, {"acme.codenames": "approval", "acme.ticket": "baseline"})
        records[key] = log.record_check(report, rule_set, text=text, keep_text=keep_text,
                                        metadata={"path": name, "author": author},
                                        now=when.replace(tzinfo=dt.timezone.utc))
    records["approval"] = log.append("approval", {
        "content_sha256": records["a"]["content_sha256"], "path": "a.md", "approver": "Cy", "role": "compliance",
        "comment": "launch announced", "author": "Ann"}, now=dt.datetime(2026, 3, 6, 9, 0, tzinfo=dt.timezone.utc))
    return log.folder, records


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# -- replay ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["a", "c", "d"])
def test_replay_is_identical_with_the_archived_rule_set(folder, key):
    path, records = folder
    result = replay(path, records[key]["id"])
    assert result.identical and result.rule_set_intact
    recorded = records[key]["findings"] + records[key]["suppressed"]
    assert sorted(f["rule"] for f in result.findings) == sorted(f["rule"] for f in recorded)
    out = run("audit", "replay", records[key]["id"][:10], "--record", path)
    assert out.exit_code == 0, out.output
    assert "replay identical" in out.output


def test_replay_after_the_archived_rule_set_lost_a_rule_shows_the_missing_finding(folder, tmp_path):
    path, records = folder
    copy = tmp_path / "record"
    shutil.copytree(path, copy)
    archived = copy / "rulesets" / f"{records['a']['rule_set_sha256']}.json"
    data = json.loads(archived.read_text("utf-8"))
    data["rules"] = [r for r in data["rules"] if r["id"] != "acme.codenames"]
    archived.write_text(json.dumps(data), "utf-8")

    result = replay(copy, records["a"]["id"])
    assert not result.identical and not result.rule_set_intact
    assert [(d.kind, d.recorded["rule"]) for d in result.differences] == [("missing", "acme.codenames")]
    out = run("audit", "replay", records["a"]["id"], "--record", copy)
    assert out.exit_code == 1
    assert "- acme.codenames 1:1 'Project Bluefin'" in out.output
    assert "was changed after the check" in out.output


def test_replay_of_a_record_without_its_text_is_refused(folder):
    path, records = folder
    with pytest.raises(ReplayRefused, match="kept only the post's hash"):
        replay(path, records["b"]["id"])
    out = run("audit", "replay", records["b"]["id"], "--record", path)
    assert out.exit_code == 2
    assert "cannot be replayed" in out.output


# -- export ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle(folder, tmp_path_factory):
    path, _ = folder
    out = tmp_path_factory.mktemp("export") / "bundle"
    result = export(path, out, dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    assert (result.checks, result.approvals, result.rule_sets, result.problem) == (2, 1, 1, None)
    return out


def test_export_holds_exactly_the_records_of_the_range_unchanged(folder, bundle):
    path, records = folder
    exported = [json.loads(line) for line in (bundle / "records.jsonl").read_text("utf-8").splitlines()]
    # The checks of 2 and 3 March and the approval of draft a's content, given on 6 March.
    assert exported == [records["a"], records["b"], records["approval"]]
    source = {r["id"]: r for _, _, r in read_records(path)}
    assert all(source[r["id"]] == r for r in exported)
    digest = records["a"]["rule_set_sha256"]
    assert [p.name for p in (bundle / "rulesets").iterdir()] == [f"{digest}.json"]
    assert (bundle / "rulesets" / f"{digest}.json").read_bytes() == (path / "rulesets" / f"{digest}.json").read_bytes()
    chain = json.loads((bundle / "chain.json").read_text("utf-8"))
    assert chain["source_chain"]["intact"] and chain["source_chain"]["records"] == 5
    assert chain["records"]["first"] == {"seq": 1, "hash": records["a"]["hash"]}
    assert chain["records"]["last"] == {"seq": 5, "hash": records["approval"]["hash"]}
    report = (bundle / "report.html").read_text("utf-8")
    assert "public &lt;i&gt;ticket&lt;/i&gt;" in report and "<i>" not in report


def test_export_filters_by_author_and_rule(folder, tmp_path):
    path, records = folder
    export(path, tmp_path / "bo", dt.date(2026, 3, 1), dt.date(2026, 3, 31), author="Bo")
    export(path, tmp_path / "codenames", dt.date(2026, 3, 1), dt.date(2026, 3, 31), rule="acme.code*")
    ids = {name: [json.loads(line)["id"] for line in (tmp_path / name / "records.jsonl").read_text("utf-8").splitlines()]
           for name in ("bo", "codenames")}
    assert ids["bo"] == [records["b"]["id"], records["d"]["id"]]
    assert ids["codenames"] == [records["a"]["id"], records["c"]["id"], records["approval"]["id"]]


def test_a_bundle_verifies_offline_and_names_what_was_changed(folder, bundle, tmp_path):
    path, _ = folder
    assert verify_bundle(bundle).ok and verify_bundle(bundle, path).ok
    out = run("audit", "verify-bundle", bundle, "--against", path)
    assert out.exit_code == 0 and "bundle intact" in out.output

    changed = tmp_path / "changed"
    shutil.copytree(bundle, changed)
    lines = (changed / "records.jsonl").read_text("utf-8").splitlines()
    lines[1] = lines[1].replace('"ok":false', '"ok":true')
    (changed / "records.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    problems = verify_bundle(changed).problems
    assert any("records.jsonl:2: record 2 was changed" in p for p in problems)
    assert any("records.jsonl" in p and "SHA-256 differs" in p for p in problems)
    assert run("audit", "verify-bundle", changed).exit_code == 2


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Debian's Chromium is not at {CHROMIUM} (apt-get install chromium)")
def test_the_report_opens_offline_in_a_browser_and_shows_each_finding_with_its_citation(bundle):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto((bundle / "report.html").as_uri())
            days = page.locator("section.day h2").all_inner_texts()
            first = page.locator("#day-2026-03-02 tbody.check").first
            rules = first.locator("td.rule").all_inner_texts()
            citations = first.locator("td.citation").all_inner_texts()
            accepted = first.locator("td.accepted").all_inner_texts()
            approval = first.locator("tr.approval").inner_text()
        finally:
            browser.close()
    assert all(u.startswith("file://") for u in requested), requested
    assert days == ["2026-03-02"]
    assert rules == ["acme.codenames", "acme.ticket"]
    assert citations == [CITATION, CITATION]
    assert accepted[1] == "waiver: public <i>ticket</i> (a.md:3:1)"
    assert "Approved by Cy (compliance) on 2026-03-06 09:00 UTC: launch announced" in approval


# -- statistics -----------------------------------------------------------------------------

def test_stats_count_findings_and_acceptances_per_rule_and_period(folder):
    path, _ = folder
    monthly = [r.to_dict() for r in rule_stats(path, "month")]
    assert monthly == [
        {"rule": "acme.ticket", "period": "2026-03", "findings": 5, "waived": 2, "approved": 0, "baselined": 1,
         "waived_share": 0.4},
        {"rule": "acme.codenames", "period": "2026-03", "findings": 2, "waived": 0, "approved": 1, "baselined": 0,
         "waived_share": 0.0},
    ]
    daily = [(r.rule, r.period, r.findings, r.waived, r.approved, r.baselined) for r in rule_stats(path, "day")]
    assert daily == [("acme.ticket", "2026-03-02", 3, 1, 0, 0),
                     ("acme.codenames", "2026-03-02", 1, 0, 0, 0),
                     ("acme.codenames", "2026-03-04", 1, 0, 1, 0),
                     ("acme.ticket", "2026-03-04", 1, 0, 0, 1),
                     ("acme.ticket", "2026-03-05", 1, 1, 0, 0)]
    out = run("audit", "stats", path, "--period", "week", "--format", "json")
    assert out.exit_code == 0
    assert [(r["rule"], r["period"], r["findings"]) for r in json.loads(out.output)] == [
        ("acme.ticket", "2026-W10", 5), ("acme.codenames", "2026-W10", 2)]
    text = run("audit", "stats", path).output.splitlines()
    assert text[1].split() == ["acme.ticket", "2026-03", "5", "2", "0", "1", "40%"]
