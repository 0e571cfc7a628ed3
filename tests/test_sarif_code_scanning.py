"""SARIF as GitHub code scanning needs it (docs.github.com, "SARIF support for code scanning"):
valid against the 2.1.0 schema, paths relative to the repository root with %SRCROOT%,
partialFingerprints that survive moved lines, automationDetails.id, helpUri, a short plain
shortDescription, security-severity as a score, related locations with ids, and the result
limits."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_cli import backendlint

from backendlint.core.registry import all_rules
from backendlint.output.sarif import security_severity

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def code_scanning_problems(log: dict[str, Any], root: Path) -> list[str]:
    """What code scanning would reject, truncate or mis-track in a log."""
    problems = [f"{list(e.absolute_path)}: {e.message}"
                for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(log)]
    if log.get("version") != "2.1.0":
        problems.append("version must be 2.1.0")
    runs = log["runs"]
    if len(runs) > 20:
        problems.append("more than 20 runs")
    for run in runs:
        if not run.get("automationDetails", {}).get("id"):
            problems.append("run without automationDetails.id")
        rules = run["tool"]["driver"]["rules"]
        if len(rules) > 25_000 or len(run["results"]) > 25_000:
            problems.append("over 25,000 rules or results")
        for rule in rules:
            short = rule["shortDescription"]["text"]
            if len(short) > 1024 or "`" in short or short.count(". ") > 0:
                problems.append(f"{rule['id']}: shortDescription is not one plain sentence")
            if len(rule.get("fullDescription", {}).get("text", "")) > 1024:
                problems.append(f"{rule['id']}: fullDescription over 1024 characters")
            if not rule.get("helpUri", "").startswith("https://"):
                problems.append(f"{rule['id']}: no helpUri")
            properties = rule.get("properties", {})
            if len(properties.get("tags", [])) > 20:
                problems.append(f"{rule['id']}: more than 20 tags")
            if "security-severity" in properties and not \
                    0.0 <= float(properties["security-severity"]) <= 10.0:
                problems.append(f"{rule['id']}: security-severity is not a 0-10 score")
        for result in run["results"]:
            if not result.get("partialFingerprints"):
                problems.append(f"{result['ruleId']}: no partialFingerprints")
            if not 1 <= len(result["locations"]) <= 1000:
                problems.append(f"{result['ruleId']}: locations")
            places = [result["locations"][0], *result.get("relatedLocations", [])]
            for place in places:
                artifact = place["physicalLocation"]["artifactLocation"]
                if artifact.get("uriBaseId") != "%SRCROOT%" or artifact["uri"].startswith(
                        ("/", "file:")):
                    problems.append(f"{artifact['uri']}: not relative to %SRCROOT%")
                elif not (root / artifact["uri"]).is_file():
                    problems.append(f"{artifact['uri']}: no such file in the repository")
            for related in result.get("relatedLocations", []):
                if "id" not in related or not related.get("message", {}).get("text"):
                    problems.append(f"{result['ruleId']}: related location without id/text")
    return problems


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "services")
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    git("init", "-q", cwd=tmp_path)
    return tmp_path


def sarif_of(cwd: Path, *args: str) -> dict[str, Any]:
    result = backendlint("--output-format", "sarif", *args, cwd=cwd)
    assert result.returncode == 1, result.stderr
    log: dict[str, Any] = json.loads(result.stdout)
    return log


def test_sarif_from_a_sub_directory_meets_code_scanning_requirements(repo: Path) -> None:
    log = sarif_of(repo / "services" / "fastapi_service", ".")
    assert code_scanning_problems(log, repo) == []
    (run,) = log["runs"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert "services/fastapi_service/routers/reports.py" in uris
    assert run["automationDetails"] == {"id": "backendlint/"}
    chained = [r for r in run["results"] if r["ruleId"] == "BL107"]
    assert chained and all(r.get("relatedLocations") for r in chained)
    assert all("→" not in r["message"]["text"] for r in chained)


def test_sarif_fingerprints_survive_shifted_lines(repo: Path) -> None:
    before = sarif_of(repo, "--sarif-category", "backendlint-async", "services")
    target = repo / "services" / "fastapi_service" / "routers" / "reports.py"
    target.write_text("# a new header\n" * 7 + target.read_text())
    after = sarif_of(repo, "--sarif-category", "backendlint-async", "services")

    def prints(log: dict[str, Any]) -> list[tuple[str, str]]:
        return sorted((r["ruleId"], r["partialFingerprints"]["backendlint/v1"])
                      for r in log["runs"][0]["results"])

    assert prints(before) == prints(after)
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"]
             for r in after["runs"][0]["results"]]
    assert lines != [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                     for r in before["runs"][0]["results"]]
    assert after["runs"][0]["automationDetails"]["id"] == "backendlint-async/"


def test_sarif_outside_git_is_relative_to_the_config_root(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "flask_service", tmp_path / "app")
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    log = sarif_of(tmp_path / "app", ".")
    assert code_scanning_problems(log, tmp_path) == []


def test_github_annotations_use_root_relative_paths(repo: Path) -> None:
    result = backendlint("--output-format", "github", ".", cwd=repo / "services")
    files = set(re.findall(r"file=([^,]+),", result.stdout))
    assert files and all(name.startswith("services/") for name in files)
    assert all((repo / name).is_file() for name in files)


def test_security_severity_is_graded_per_rule() -> None:
    scores = {rule.code: float(security_severity(rule)) for rule in all_rules()
              if rule.cwe is not None}
    assert len(set(scores.values())) >= 4
    assert scores["BL303"] > scores["BL502"]  # SQL injection outranks a missing write limit
    assert all(0.0 < score <= 10.0 for score in scores.values())


def test_more_results_than_code_scanning_shows_warns(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.backendlint]\n")
    (tmp_path / "many.py").write_text("".join(f"def f{i}(x):\n    return x\n\n\n"
                                              for i in range(2600)))
    result = backendlint("--output-format", "sarif", "--select", "type-hints", ".",
                         cwd=tmp_path)
    assert len(json.loads(result.stdout)["runs"][0]["results"]) > 5000
    assert "code scanning shows only 5000" in result.stderr
    split = backendlint("--output-format", "sarif", "--select", "BL201", ".", cwd=tmp_path)
    assert "code scanning shows only" not in split.stderr
