"""`make audit`: a known vulnerability fails it; an advisory source out of reach is said loudly, not failed."""
import importlib.util
import json
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("audit_summary", Path("scripts/audit_summary.py"))
audit_summary = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(audit_summary)


@pytest.fixture
def offline(monkeypatch):
    monkeypatch.setattr(audit_summary, "_latest_release_vulns", lambda _name: None)


def _report(tmp_path, *dependencies) -> str:
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"dependencies": list(dependencies)}))
    return str(path)


def test_no_report_at_all_is_said_loudly_and_passes(tmp_path, capsys):
    assert audit_summary.main(str(tmp_path / "missing.json")) == 0
    assert "DEPENDENCIES NOT AUDITED" in capsys.readouterr().out


def test_nothing_looked_up_is_said_loudly_and_passes(tmp_path, capsys, offline):
    path = _report(tmp_path, {"name": "flask", "version": "3.0.0", "skip_reason": "could not reach the service"})
    assert audit_summary.main(path) == 0
    assert "DEPENDENCIES NOT AUDITED" in capsys.readouterr().out


def test_a_known_vulnerability_fails(tmp_path, capsys, offline):
    path = _report(tmp_path, {"name": "flask", "version": "0.1", "vulns": [{"id": "PYSEC-1", "fix_versions": ["2.0"]}]},
                   {"name": "jinja2", "version": "3.1.0", "vulns": []})
    assert audit_summary.main(path) == 1
    out = capsys.readouterr().out
    assert "2 of 2 dependencies audited, 1 known vulnerabilities" in out and "flask 0.1: PYSEC-1" in out
    assert "NOT AUDITED" not in out
