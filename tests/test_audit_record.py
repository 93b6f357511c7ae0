"""Recording checks in the audit record through the real CLI (`check`, `scan`, `serve`'s app,
`audit verify`, `audit hold`, `audit purge`): one record per check, hash-chained; no text
unless asked; tampering named; retention and legal hold obeyed by purge."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import httpx
from click.testing import CliRunner

from compliance.audit.records import AuditLog, GENESIS, content_sha256, record_files, record_hash
from compliance.cli.main import main
from compliance.packs.files import builtin_pack_root
from compliance.project.config import RecordSettings
from compliance.service import create_app, running

DRAFT_A = "---\nauthor: Jane Doe\nchannel: linkedin\n---\nOur zanzibarian flugelhorn launch is a shit show.\n"
DRAFT_B = "Lovely weather for the open day at the quayside market.\n"
PACK = """# A house pack for the test.
pack: acme-house
version: 3
policy: model-policy
rules:
  - id: acme.house.codename
    category: confidential
    severity: error
    cite: confidential.information
    message: '"{match}" is an internal code name'
    terms: [project nightjar]
"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def records(folder: Path) -> list[dict]:
    return [json.loads(line) for path in record_files(folder) for line in path.read_text("utf-8").splitlines()]


def record_text(folder: Path) -> str:
    return "".join(path.read_text("utf-8") for path in record_files(folder))


def drafts(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(DRAFT_A, "utf-8")
    b.write_text(DRAFT_B, "utf-8")
    return a, b


def test_one_record_per_check_chained_with_metadata_and_packs(tmp_path):
    a, b = drafts(tmp_path)
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK, "utf-8")
    rec = tmp_path / "rec"
    result = run("check", "--record", str(rec), "--pack", str(pack), "--fail-on", "error", str(a), str(b))
    assert result.exit_code == 1, result.output
    first, second = records(rec)
    assert [first["seq"], second["seq"]] == [1, 2]
    assert first["prev_hash"] == GENESIS and second["prev_hash"] == first["hash"]
    assert all(r["hash"] == record_hash(r) and r["kind"] == "check" for r in (first, second))
    assert first["content_sha256"] == content_sha256(DRAFT_A) and second["content_sha256"] == content_sha256(DRAFT_B)
    assert first["metadata"] == {"path": str(a), "channel": "linkedin", "lang": "en", "author": "Jane Doe",
                                 "fail_on": "error", "command": "check", "published": {"channel": "linkedin"}}
    assert second["metadata"]["author"] is None and first["ok"] is False and second["ok"] is True
    assert [f["rule"] for f in first["findings"]] == ["en.profanity.strong"]
    assert "en.profanity.strong" in second["rules"]  # the rules that passed are listed too

    packs = {p["pack"]: p for p in first["pack_files"]}
    assert packs["acme-house"] == {"pack": "acme-house", "version": 3, "file": str(pack),
                                   "sha256": hashlib.sha256(pack.read_bytes()).hexdigest()}
    shipped = builtin_pack_root() / "en" / "profanity.yaml"
    assert packs["en-profanity"] == {"pack": "en-profanity", "version": 1, "file": "builtin:en/profanity.yaml",
                                     "sha256": hashlib.sha256(shipped.read_bytes()).hexdigest()}
    assert (rec / "rulesets" / f"{first['rule_set_sha256']}.json").exists()
    assert json.loads((rec / "retention.json").read_text()) == {"retention_days": 1095, "legal_hold": False}

    # Another run goes on with the chain.
    assert run("check", "--record", str(rec), str(b)).exit_code == 0
    third = records(rec)[2]
    assert third["seq"] == 3 and third["prev_hash"] == second["hash"]
    verified = run("audit", "verify", str(rec))
    assert verified.exit_code == 0 and "3 records, chain intact" in verified.output


def test_no_text_unless_keep_text_and_config_record_picked_up(tmp_path):
    a, _ = drafts(tmp_path)
    off = tmp_path / "off"
    assert run("check", "--record", str(off), str(a)).exit_code == 1
    kept = record_text(off)
    for word in ("zanzibarian", "flugelhorn", "shit", "launch"):
        assert word not in kept
    assert records(off)[0]["findings"][0]["message"].startswith('"…" is profanity')

    (tmp_path / ".compliance.yaml").write_text(
        "record:\n  dir: audit\n  keep_text: true\n  retention_days: 2000\n  legal_hold: true\n", "utf-8")
    assert run("check", str(a)).exit_code == 1  # no --record: the configuration's record: applies
    audit = tmp_path / "audit"
    (record,) = records(audit)
    assert record["text"] == DRAFT_A and record["findings"][0]["match"] == "shit"
    assert json.loads((audit / "retention.json").read_text()) == {"retention_days": 2000, "legal_hold": True}
    shown = json.loads(run("config", "show", str(a), "--format", "json").output)["settings"]["record"]
    assert shown["value"] == {"dir": str(audit), "keep_text": True, "retention_days": 2000, "legal_hold": True}
    assert shown["from"][0].endswith(".compliance.yaml:2:3")


def test_scan_records_each_post_in_order_across_processes(tmp_path):
    posts = [{"id": f"p{i}", "text": f"Post {i}: what a load of shit" if i % 2 else f"Lovely post {i}",
              "author": "Sam"} for i in range(1, 9)]
    lines = [json.dumps(p) for p in posts]
    lines.insert(3, "not json")  # line 4 cannot be checked: no record
    source = tmp_path / "posts.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    rec = tmp_path / "rec"
    result = run("scan", str(source), "-o", str(tmp_path / "out.jsonl"), "--processes", "2", "--record", str(rec))
    assert result.exit_code == 2, result.output  # the bad line
    got = records(rec)
    assert [r["seq"] for r in got] == list(range(1, 9))
    assert [r["metadata"]["id"] for r in got] == [p["id"] for p in posts]
    assert [r["metadata"]["line"] for r in got] == [1, 2, 3, 5, 6, 7, 8, 9]
    assert got[0]["metadata"] == {"path": str(source), "id": "p1", "line": 1, "channel": None, "lang": "en",
                                  "author": "Sam", "fail_on": "warning", "command": "scan"}
    assert [bool(r["findings"]) for r in got] == [bool(i % 2) for i in range(1, 9)]
    assert all(r["content_sha256"] == content_sha256(p["text"]) for r, p in zip(got, posts))
    assert "shit" not in record_text(rec)
    assert run("audit", "verify", str(rec)).exit_code == 0


def test_service_records_check_and_scan(tmp_path, checker):
    rec = tmp_path / "rec"
    with running(create_app(checker, record=RecordSettings(rec))) as base:
        assert httpx.post(f"{base}/v1/check", json={"text": "What a shit show", "id": 1}).status_code == 200
        body = "\n".join(json.dumps({"text": t, "id": i}) for i, t in enumerate(["Hello there", "Damn it"], 2))
        scanned = httpx.post(f"{base}/v1/scan", content=body, headers={"Content-Type": "application/x-ndjson"})
        assert scanned.status_code == 200 and len(scanned.text.splitlines()) == 2
    got = records(rec)
    assert [(r["seq"], r["metadata"]["id"], r["metadata"]["command"]) for r in got] == [
        (1, 1, "serve"), (2, 2, "serve"), (3, 3, "serve")]
    assert [r["metadata"].get("line") for r in got] == [None, 1, 2] and "shit" not in record_text(rec)


def _three_records(tmp_path: Path) -> tuple[Path, Path]:
    _, b = drafts(tmp_path)
    rec = tmp_path / "rec"
    assert run("check", "--record", str(rec), str(b), str(b), str(b)).exit_code == 0
    (path,) = record_files(rec)
    return rec, path


def test_verify_names_a_flipped_byte(tmp_path):
    rec, path = _three_records(tmp_path)
    lines = path.read_bytes().split(b"\n")
    at = lines[1].index(b'"content_sha256":"') + len(b'"content_sha256":"')
    lines[1] = lines[1][:at] + (b"0" if lines[1][at:at + 1] != b"0" else b"1") + lines[1][at + 1:]
    path.write_bytes(b"\n".join(lines))
    result = run("audit", "verify", str(rec))
    assert result.exit_code == 2
    assert f"{path}:2: record 2 was changed" in result.output


def test_verify_names_a_removed_and_a_reordered_record(tmp_path):
    rec, path = _three_records(tmp_path)
    original = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join([original[0], original[2]]), "utf-8")
    result = run("audit", "verify", str(rec))
    assert result.exit_code == 2 and f"{path}:2: record 3 follows record 1" in result.output

    path.write_text("".join([original[0], original[2], original[1]]), "utf-8")
    result = run("audit", "verify", str(rec))
    assert result.exit_code == 2 and f"{path}:2: record 3 follows record 1" in result.output


def test_purge_obeys_retention_and_legal_hold_and_keeps_the_chain(tmp_path, checker):
    rec = tmp_path / "rec"
    log = AuditLog(rec)
    today = dt.datetime.now(dt.timezone.utc)
    for when in (dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2020, 1, 2, tzinfo=dt.timezone.utc),
                 today - dt.timedelta(days=10)):
        log.record_check(checker.check("Hello from the archive"), checker.rule_set, text="Hello", now=when)
    _, b = drafts(tmp_path)
    assert run("check", "--record", str(rec), str(b)).exit_code == 0  # writes retention.json: 1095 days
    files = record_files(rec)
    assert len(files) == 4

    inside = run("audit", "purge", str(rec), "--before", today.date().isoformat())
    assert inside.exit_code == 2 and "inside the retention period of 1,095 days" in inside.output
    assert record_files(rec) == files

    assert run("audit", "hold", str(rec), "--on").exit_code == 0
    held = run("audit", "purge", str(rec), "--before", "2021-01-01")
    assert held.exit_code == 2 and "legal hold" in held.output and record_files(rec) == files
    assert run("audit", "hold", str(rec), "--off").exit_code == 0

    purged = run("audit", "purge", str(rec), "--before", "2021-01-01")
    assert purged.exit_code == 0, purged.output
    assert record_files(rec) == files[2:]
    anchor = json.loads((rec / "purged.json").read_text())
    assert anchor["seq"] == 2 and anchor["purges"][0]["files"] == [f.name for f in files[:2]]
    verified = run("audit", "verify", str(rec))
    assert verified.exit_code == 0 and "2 records, chain intact" in verified.output

    # With a shorter retention given, the file of ten days ago may go too; the chain goes on.
    shorter = run("audit", "purge", str(rec), "--before", today.date().isoformat(), "--retention-days", "5")
    assert shorter.exit_code == 0 and record_files(rec) == files[3:]
    assert run("check", "--record", str(rec), str(b)).exit_code == 0
    assert [r["seq"] for r in records(rec)] == [4, 5]
    assert run("audit", "verify", str(rec)).exit_code == 0
