"""Read the Docs: the config validates against the published v2 schema, and a replay of its build
(``scripts/rtd-build``: fresh clone, fresh venv, its exact commands) meets its post-conditions."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, require_tool
from pypdf import PdfReader

CONFIG = REPO / ".readthedocs.yaml"
SCHEMA = REPO.parent / "shared" / "readthedocs" / "config-v2.schema.json"
SCRIPT = REPO / "scripts" / "rtd-build"


def load_config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def load_script() -> Any:
    """scripts/rtd-build has no .py suffix; load it as a module to test its checks directly."""
    loader = importlib.machinery.SourceFileLoader("rtd_build", str(SCRIPT))
    spec = importlib.util.spec_from_loader("rtd_build", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def load_schema() -> dict:
    """Read the Docs' published schema, from the shared/ folder that sits beside the repository
    (CI copies it there); like a missing tool, its absence fails under CI and skips elsewhere."""
    require_tool(str(SCHEMA))
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_config_validates_against_the_read_the_docs_schema() -> None:
    schema = load_schema()
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(load_config())
    ]
    assert errors == []


def test_schema_rejects_a_broken_config() -> None:
    """The schema check has teeth: a typo in a key and a wrong format are both caught."""
    schema = load_schema()
    broken = load_config() | {"formats": ["pdf", "docx"]}
    broken["sphinx"] = broken["sphinx"] | {"fail_on_warnings": True}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert len(errors) == 2


def test_config_builds_what_the_book_needs() -> None:
    config = load_config()
    assert config["version"] == 2
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] in {"3.11", "3.12"}
    assert config["sphinx"] == {"configuration": "docs/conf.py", "fail_on_warning": True}
    assert (REPO / config["sphinx"]["configuration"]).is_file()
    assert sorted(config["formats"]) == ["epub", "pdf"]
    assert config["python"]["install"] == [
        {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    ]


def test_conf_py_takes_the_canonical_url_from_read_the_docs() -> None:
    """html_baseurl must follow READTHEDOCS_CANONICAL_URL, or every version claims the same URL."""
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy; print(runpy.run_path('docs/conf.py')['html_baseurl'])",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={"READTHEDOCS_CANONICAL_URL": "https://example.org/en/v1/", "PATH": ""},
    )
    assert proc.stdout.strip() == "https://example.org/en/v1/"


def test_post_build_checks_catch_what_read_the_docs_rejects(tmp_path: Path) -> None:
    rtd = load_script()
    clone, out = tmp_path / "checkout", tmp_path / "output"
    (clone / "_build" / "html").mkdir(parents=True)
    (out / "html").mkdir(parents=True)
    (out / "html" / "page.html").write_text(
        '<link rel="canonical" href="https://elsewhere/page.html">'
        '<a href="_downloads/leaflet.pdf">At a glance (PDF)</a>'
    )
    (out / "pdf").mkdir()
    for name in ("a.pdf", "b.pdf"):
        (out / "pdf" / name).write_bytes(b"%PDF")
    problems = rtd.check_outputs(clone, out, ["pdf", "epub"])
    assert problems == [
        "html/index.html is missing",
        "pdf/ must hold exactly one file, found ['a.pdf', 'b.pdf']",
        "epub/ must hold exactly one file, found []",
        "_build/html exists at the repository root (old output layout)",
        "page.html: canonical link ['https://elsewhere/page.html'], expected "
        "['https://briefing.readthedocs.io/en/latest/page.html']",
        "page.html: download link _downloads/leaflet.pdf reaches no file",
    ]
    (out / "html" / "_downloads").mkdir()
    (out / "html" / "_downloads" / "leaflet.pdf").write_bytes(b"%PDF")
    assert not [p for p in rtd.check_outputs(clone, out, ["pdf", "epub"]) if "download" in p]


def test_build_jobs_run_as_the_yaml_gives_them(tmp_path: Path) -> None:
    """Each command of a job runs in its own shell from the clone's root, with the build's environment;
    a failing command ends the build."""
    rtd = load_script()
    config = {"build": {"jobs": {"post_build": [
        "mkdir -p sub && cd sub && pwd > where",
        'echo "$READTHEDOCS_OUTPUT" > output; pwd > root',
    ]}}}
    env = {"PATH": "/usr/bin:/bin", "READTHEDOCS_OUTPUT": "/out"}
    rtd.run_jobs(config, "post_build", tmp_path, env)
    assert (tmp_path / "sub" / "where").read_text().strip() == str(tmp_path / "sub")
    assert (tmp_path / "root").read_text().strip() == str(tmp_path)
    assert (tmp_path / "output").read_text().strip() == "/out"
    with pytest.raises(SystemExit):
        rtd.run_jobs({"build": {"jobs": {"pre_build": ["false"]}}}, "pre_build", tmp_path, env)


def test_post_build_puts_the_leaflet_where_the_at_a_glance_page_links() -> None:
    """The post_build job writes the leaflet into the HTML output's _downloads/, under the name the
    at-a-glance page's link uses (leaflet.leaflet_name), so the replay's download check covers it."""
    commands = load_config()["build"]["jobs"]["post_build"]
    assert any("-b briefing-leaflet" in c for c in commands)
    assert any('"$READTHEDOCS_OUTPUT/html/_downloads/"' in c and "*-at-a-glance.pdf" in c for c in commands)


@pytest.mark.slow
def test_replayed_read_the_docs_build_succeeds(rtd_replay: tuple[Path, dict[str, Any]]) -> None:
    """The full replay (conftest's ``rtd_replay``, of the working tree, once per run; tests/test_pdf.py
    reads its PDF): a few minutes on a cold pip cache, about 20 s more than its builds on a warm one."""
    work, made = rtd_replay
    assert made["returncode"] == 0, made["tail"]
    # post_build ran: the leaflet sits in the HTML's _downloads/, and the at-a-glance page links to it.
    html = work / "output" / "html"
    page = (html / "at-a-glance.html").read_text(encoding="utf-8")
    link = re.search(r'<p class="[^"]*briefing-leaflet-download[^"]*">.*?href="([^"]+)"', page, re.DOTALL)
    assert link, "at-a-glance.html has no leaflet download line"
    leaflet = html / link.group(1)
    assert leaflet.is_file() and leaflet.name.endswith("-at-a-glance.pdf")
    assert 1 <= len(PdfReader(leaflet).pages) <= 2
    out = work / "output"
    assert [p.name for p in (out / "pdf").iterdir()] == ["briefing.pdf"]
    assert [p.name for p in (out / "epub").iterdir()] == ["briefing.epub"]
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="canonical" href="https://briefing.readthedocs.io/en/latest/index.html"' in index
    )
    assert (out / "pdf" / "briefing.pdf").read_bytes().startswith(b"%PDF")
    # The book itself, not another PDF of the LaTeX output (the map's, which sorts first by name).
    assert "intergovernmental consultations" in PdfReader(out / "pdf" / "briefing.pdf").pages[0].extract_text()
