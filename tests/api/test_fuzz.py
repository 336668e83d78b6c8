"""Schemathesis fuzzes every operation of the live API, from its own OpenAPI schema, as an
anonymous client and as a partner member with a token: no 5xx, and every response conforms
to the schema. Bounded (a few examples per operation, fixed seed) to stay well under three
minutes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.conftest import add_world, token_for
from tests.factories import stakeholder

pytestmark = [pytest.mark.django_db(transaction=True)]

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
MAX_EXAMPLES = os.environ.get("API_FUZZ_MAX_EXAMPLES", "4")
REPORTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "schemathesis"


def fuzz(live_server, label, headers=()):
    report = REPORTS / f"{label}.ndjson"
    REPORTS.mkdir(parents=True, exist_ok=True)
    command = [str(SCHEMATHESIS), "run", f"{live_server.url}/api/schema/",
               "--checks", "not_a_server_error,response_schema_conformance",
               "--phases", "examples,fuzzing", "--max-examples", MAX_EXAMPLES,
               "--seed", "20", "--workers", "1", "--no-shrink", "--no-color",
               "--generation-database", "none", "--suppress-health-check", "all",
               "--request-timeout", "30", "--report", "ndjson",
               "--report-ndjson-path", str(report)]
    for header in headers:
        command += ["--header", header]
    result = subprocess.run(command, capture_output=True, text=True, timeout=170,
                            check=False)
    cases = sum(1 for line in report.read_text().splitlines()
                if '"ScenarioFinished"' in line
                for event in [json.loads(line)]
                for _ in [event])
    return result, cases


def test_the_fuzzer_finds_no_server_error_and_no_schema_violation(live_server, people,
                                                                  settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK  # throttles stay as configured
    people.approved_stakeholder = stakeholder(email="approved@cluster.example.org")
    add_world(people)
    token = token_for(people.marche_member)
    anonymous, anonymous_cases = fuzz(live_server, "anonymous")
    assert anonymous.returncode == 0, anonymous.stdout[-6000:]
    member, member_cases = fuzz(live_server, "member",
                                headers=[f"Authorization: Bearer {token}"])
    assert member.returncode == 0, member.stdout[-6000:]
    print(f"schemathesis: anonymous {anonymous_cases} scenarios, member {member_cases}")
    print(anonymous.stdout[-1500:])
    print(member.stdout[-1500:])
