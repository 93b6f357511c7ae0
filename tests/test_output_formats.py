"""`compliance check --format sarif|github|rdjsonl`: through the CLI on drafts (one call per
format), and through the formatter classes on hand-built reports (accepted findings, GitHub's
annotation limits, escaping, columns after astral characters)."""
import dataclasses
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from compliance import Report, Suppression, load_rule_set
from compliance.findings.violations import violation
from compliance.output import FORMATS, GithubFormatter, RdjsonlFormatter, SarifFormatter

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

CLOWNS = "Our competitors are a bunch of clowns.\n"
EMOJI = "🎉🎉 What a load of shit, honestly.\nThe second line says fuck.\n"
SPLIT = "Our competitors are a bunch of\nclowns, frankly.\n"
ABSOLUTE = "What a load of shit.\n"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """A folder of drafts and the paths to give `compliance check` from inside it: relative
    ones (one in a folder whose name needs percent-encoding) and one absolute."""
    root = tmp_path_factory.mktemp("drafts")
    (root / "sub dir").mkdir()
    (root / "clowns.md").write_text(CLOWNS, encoding="utf-8")
    (root / "sub dir" / "emoji.md").write_text(EMOJI, encoding="utf-8")
    (root / "split.md").write_text(SPLIT, encoding="utf-8")
    absolute = tmp_path_factory.mktemp("elsewhere") / "absolute.md"
    absolute.write_text(ABSOLUTE, encoding="utf-8")
    return root, ["clowns.md", "sub dir/emoji.md", "split.md", str(absolute)]


def run_check(fmt, root, paths):
    result = subprocess.run([sys.executable, "-m", "compliance", "check", "--format", fmt, *paths],
                            cwd=root, capture_output=True, encoding="utf-8", env={**os.environ, "PYTHONUTF8": "1"})
    assert result.returncode == 1, result.stderr
    return result.stdout


def utf16_slice(text, start_line, start_column, end_line, end_column):
    """The text between two 1-based (line, UTF-16 column) positions, the end exclusive."""
    lines = text.split("\n")
    def offset(line, column):
        before = sum(len(x.encode("utf-16-le")) for x in lines[:line - 1]) + 2 * (line - 1)
        return before + 2 * (column - 1)
    data = text.encode("utf-16-le")
    return data[offset(start_line, start_column):offset(end_line, end_column)].decode("utf-16-le")


def validate_sarif(log):
    validator_class = jsonschema.validators.validator_for(SARIF_SCHEMA)
    assert validator_class is jsonschema.Draft4Validator  # the OASIS schema is draft-04
    validator_class.check_schema(SARIF_SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator_class(SARIF_SCHEMA).iter_errors(log)]
    assert not errors


def test_sarif_through_the_cli_is_valid_and_points_at_the_matches(drafts):
    root, paths = drafts
    out = run_check("sarif", root, paths)
    assert out.endswith("}\n")
    log = json.loads(out)
    validate_sarif(log)
    assert log["version"] == "2.1.0" and "$schema" in log and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "post-compliance" and driver["version"]
    assert [r["id"] for r in driver["rules"]] == [r.id for r in load_rule_set().rules]
    for descriptor in driver["rules"]:
        assert "{match}" not in descriptor["shortDescription"]["text"]
        assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    applied = next(r for r in driver["rules"] if r["id"] == "en.insult.applied")
    assert applied["shortDescription"]["text"].startswith('"…" demeans people')
    assert applied["properties"]["category"] == "insult" and "insult" in applied["properties"]["tags"]

    texts = {"clowns.md": CLOWNS, "sub%20dir/emoji.md": EMOJI, "split.md": SPLIT,
             Path(paths[3]).as_uri(): ABSOLUTE}
    selected = []
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{64}:\d+", result["partialFingerprints"]["complianceFinding/v1"])
        where = result["locations"][0]["physicalLocation"]
        uri = where["artifactLocation"]["uri"]
        assert where["artifactLocation"].get("uriBaseId") == (None if uri.startswith("file://") else "%SRCROOT%")
        region = where["region"]
        span = utf16_slice(texts[uri], region["startLine"], region["startColumn"], region["endLine"], region["endColumn"])
        selected.append((uri, result["ruleId"], span))
    assert ("clowns.md", "en.insult.applied", "bunch of clowns") in selected
    assert ("sub%20dir/emoji.md", "en.profanity.strong", "shit") in selected
    assert ("sub%20dir/emoji.md", "en.profanity.strong", "fuck") in selected
    assert (Path(paths[3]).as_uri(), "en.profanity.strong", "shit") in selected
    # The sentence split over two lines is one finding whose region spans both.
    assert ("split.md", "any.context.insult", SPLIT.rstrip("\n")) in selected
    shit = next(r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "sub%20dir/emoji.md" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1)
    # Two emoji before the match: 2 code points, 4 UTF-16 code units.
    assert shit["locations"][0]["physicalLocation"]["region"]["startColumn"] == EMOJI.index("shit") + 1 + 2


def test_github_through_the_cli(drafts):
    root, paths = drafts
    lines = run_check("github", root, paths).splitlines()
    first = EMOJI.index("shit")
    column = len(EMOJI[:first].encode("utf-16-le")) // 2 + 1
    assert any(line.startswith(f"::error file=sub dir/emoji.md,line=1,endLine=1,col={column},"
                               f"endColumn={column + 4},title=en.profanity.strong::\"shit\" is profanity")
               for line in lines)
    clowns = next(line for line in lines if line.startswith("::error file=clowns.md,"))
    start = CLOWNS.index("bunch") + 1
    assert f",col={start},endColumn={start + len('bunch of clowns')},title=en.insult.applied::" in clowns
    assert "[Model Social Media Policy §conduct.respect Respect for people]%0ASuggestion: " in clowns
    # A range over two lines has no columns: the runner would drop them.
    assert any(line.startswith("::warning file=split.md,line=1,endLine=2,title=any.context.insult::")
               for line in lines)
    assert any(line.startswith(f"::error file={paths[3]},line=1,") for line in lines)
    assert lines[-1] == "5 problems (4 errors, 1 warning) in 4 files."


def test_rdjsonl_through_the_cli(drafts):
    root, paths = drafts
    diagnostics = [json.loads(line) for line in run_check("rdjsonl", root, paths).splitlines()]
    assert len(diagnostics) == 5
    shit = next(d for d in diagnostics if d["location"]["path"] == "sub dir/emoji.md"
                and d["location"]["range"]["start"]["line"] == 1)
    column = len(EMOJI[:EMOJI.index("shit")].encode("utf-8")) + 1  # reviewdog counts UTF-8 bytes
    assert shit["location"]["range"] == {"start": {"line": 1, "column": column}, "end": {"line": 1, "column": column + 4}}
    assert shit["severity"] == "ERROR" and shit["source"]["name"] == "post-compliance"
    assert shit["code"] == {"value": "en.profanity.strong"} and "[Model Social Media Policy" in shit["message"]
    split = next(d for d in diagnostics if d["location"]["path"] == "split.md")
    assert split["severity"] == "WARNING"
    assert split["location"]["range"] == {"start": {"line": 1, "column": 1},
                                          "end": {"line": 2, "column": len("clowns, frankly.") + 1}}


@pytest.fixture(scope="module")
def acme():
    """A rule set of two rules whose policy has a URL, loaded without the built-in packs."""
    return load_rule_set([FIXTURES / "acme.yaml"], builtin=False)


def finding(rule_set, rule_id, text, match, nth=0, **changes):
    """The finding of `rule_id` on the `nth` occurrence of `match` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(match, start + 1)
    return dataclasses.replace(violation(rule_set.rule(rule_id), text, start, start + len(match), "en"), **changes)


def render(formatter_class, rule_set, *files):
    out = io.StringIO()
    formatter = formatter_class(out, colour=False)
    formatter.begin(rule_set)
    for path, text, report in files:
        formatter.add(path, text, report)
    formatter.end()
    return out.getvalue()


def test_formats_are_registered():
    assert (FORMATS["sarif"], FORMATS["github"], FORMATS["rdjsonl"]) == (SarifFormatter, GithubFormatter, RdjsonlFormatter)


def test_sarif_accepted_findings_columns_and_fingerprints(acme):
    text = "👍🏽 Project\nBluefin and Halibut 2, Halibut 2.\n"
    counted = finding(acme, "acme.codenames", text, "Project\nBluefin")
    first, second = (finding(acme, "acme.codenames", text, "Halibut 2", nth=i) for i in (0, 1))
    waived = dataclasses.replace(first, suppression=Suppression("waiver", "announced on 1 May", "d.md:2:1"))
    baselined = dataclasses.replace(second, suppression=Suppression("baseline", "accepted in review", ".baseline.json"))
    report = Report(text=text, lang="en", violations=(counted,), suppressed=(waived, baselined))
    log = json.loads(render(SarifFormatter, acme, ("d.md", text, report)))
    validate_sarif(log)
    run = log["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len(acme.rules) == 2
    assert run["tool"]["driver"]["rules"][0]["helpUri"] == "https://intranet.example/social-policy"
    results = run["results"]
    assert len(results) == 3
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    # 👍🏽 is two astral code points, four UTF-16 code units; the match ends on the next line.
    assert region == {"startLine": 1, "startColumn": 6, "endLine": 2, "endColumn": 8}
    assert utf16_slice(text, 1, 6, 2, 8) == "Project\nBluefin"
    assert "suppressions" not in results[0]
    assert results[1]["suppressions"] == [{"kind": "inSource", "status": "accepted",
                                           "justification": "announced on 1 May", "properties": {"source": "d.md:2:1"}}]
    assert results[2]["suppressions"][0]["kind"] == "external"
    assert results[2]["suppressions"][0]["justification"] == "accepted in review"
    # The same rule on the same line twice: one hash, told apart by occurrence.
    prints = [r["partialFingerprints"]["complianceFinding/v1"] for r in results]
    assert prints[1].split(":")[0] == prints[2].split(":")[0] and prints[1] != prints[2]
    assert all("Halibut" not in p and "Bluefin" not in p for p in prints)
    # Moving the lines down leaves the fingerprints as they were.
    moved = "\n\n" + text
    shifted = Report(text=moved, lang="en", violations=(finding(acme, "acme.codenames", moved, "Project\nBluefin"),))
    again = json.loads(render(SarifFormatter, acme, ("d.md", moved, shifted)))["runs"][0]["results"]
    assert again[0]["partialFingerprints"] == results[0]["partialFingerprints"]


def test_sarif_uris_and_stdin(acme, tmp_path):
    text = "See ACME-1234.\n"
    report = Report(text=text, lang="en", violations=(finding(acme, "acme.ticket", text, "ACME-1234"),))
    files = [(p, text, report) for p in ("./a/../ä b#1.md", "../up.md", str(tmp_path / "x y.md"), "-")]
    log = json.loads(render(SarifFormatter, acme, *files))
    validate_sarif(log)
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert locations[0] == {"uri": "%C3%A4%20b%231.md", "uriBaseId": "%SRCROOT%"}
    assert locations[1] == {"uri": (Path.cwd().parent / "up.md").as_uri()}
    assert locations[2] == {"uri": (tmp_path / "x y.md").as_uri()} and "%20" in locations[2]["uri"]
    assert locations[3] == {"uri": "%3Cstdin%3E"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_github_annotation_limits_lose_no_finding(acme):
    text = "ACME-101 " * 35 + "\n"
    findings = [finding(acme, "acme.ticket", text, "ACME-101", nth=i,
                        severity="error" if i < 12 else "warning" if i < 23 else "info") for i in range(35)]
    accepted = dataclasses.replace(findings[0], suppression=Suppression("waiver", "quoted", None))
    report = Report(text=text, lang="en", violations=tuple(findings), suppressed=(accepted,))
    lines = render(GithubFormatter, acme, ("d.md", text, report)).splitlines()
    annotated = {level: sum(line.startswith(f"::{level} file=") for line in lines) for level in ("error", "warning", "notice")}
    # Ten of each level, less one notice: the notice saying how many were left over is one too.
    assert annotated == {"error": 10, "warning": 10, "notice": 9}
    plain = [line for line in lines if line.startswith("d.md:1:")]
    assert len(plain) == 2 + 1 + 3
    assert all("[ACME Social Media Policy §conf.projects Unreleased projects]" in line for line in plain)
    assert plain[0].startswith(f"d.md:1:{findings[10].column}: error acme.ticket Internal ticket ACME-101")
    summary_notice = [line for line in lines if line.startswith("::notice title=post-compliance::")]
    assert len(summary_notice) == 1 and "::6 findings not annotated" in summary_notice[0]
    assert annotated["notice"] + len(summary_notice) == 10
    assert lines[-1].startswith("35 problems (12 errors, 11 warnings, 12 infos) in 1 file")
    assert "1 accepted by" in lines[-1]


def test_github_escaping_and_stdin(acme):
    text = "See ACME-1234.\n"
    v = finding(acme, "acme.ticket", text, "ACME-1234", message="100% sure:\r\nsee, here")
    report = Report(text=text, lang="en", violations=(v,))
    lines = render(GithubFormatter, acme, ("we,ird:name.md", text, report), ("<stdin>", text, report)).splitlines()
    assert lines[0] == ("::warning file=we%2Cird%3Aname.md,line=1,endLine=1,col=5,endColumn=14,title=acme.ticket::"
                        "100%25 sure:%0D%0Asee, here [ACME Social Media Policy §conf.projects Unreleased projects]")
    # Standard input is no file in the repository: no location, which goes in the message instead.
    assert lines[1].startswith("::warning title=acme.ticket::<stdin>:1:5: 100%25 sure:%0D%0Asee")
    assert lines[-1] == "2 problems (2 warnings) in 2 files."


def test_github_plain_lines_cannot_start_a_command(acme):
    text = "ACME-101 " * 11 + "\n"
    sneaky = [finding(acme, "acme.ticket", text, "ACME-101", nth=i, severity="error",
                      message="bad\n::error file=x::forged") for i in range(11)]
    lines = render(GithubFormatter, acme, ("d.md", text, Report(text=text, lang="en", violations=tuple(sneaky))))
    assert not any(line.startswith("::error file=x") for line in lines.splitlines())
    assert "d.md:1:91: error acme.ticket bad ::error file=x::forged" in lines


def test_rdjsonl_leaves_accepted_findings_out(acme):
    text = "Ünï 𐐀 ACME-1234\nProject\nBluefin\n"
    ticket = finding(acme, "acme.ticket", text, "ACME-1234")
    split = finding(acme, "acme.codenames", text, "Project\nBluefin", severity="info")
    accepted = dataclasses.replace(ticket, suppression=Suppression("baseline", "old", None))
    report = Report(text=text, lang="en", violations=(ticket, split), suppressed=(accepted,))
    diagnostics = [json.loads(line) for line in render(RdjsonlFormatter, acme, ("d.md", text, report)).splitlines()]
    assert len(diagnostics) == 2
    # Ü, ï: 2 bytes each; 𐐀: 4 bytes.
    assert diagnostics[0]["location"]["range"] == {"start": {"line": 1, "column": 12}, "end": {"line": 1, "column": 21}}
    assert diagnostics[0]["code"] == {"value": "acme.ticket", "url": "https://intranet.example/social-policy"}
    assert diagnostics[1]["severity"] == "INFO"
    assert diagnostics[1]["location"]["range"] == {"start": {"line": 2, "column": 1}, "end": {"line": 3, "column": 8}}
