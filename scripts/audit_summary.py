"""Summarise a `pip-audit -f json` report in one line; exit 1 if any dependency has a known vulnerability.

pip-audit asks PyPI about each installed *version* (/pypi/NAME/VERSION/json). Where that is out of
reach but the project's page is not (this project's CI reaches the registry through a mirror that
serves only /pypi/NAME/json), a dependency installed at its latest release is audited from that page:
its `vulnerabilities` are the latest release's. Whatever neither could look up is counted and named,
not hidden.
"""
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata

PROJECT_PAGE = "https://pypi.org/pypi/{name}/json"


def _latest_release_vulns(name: str) -> list[dict] | None:
    """The known vulnerabilities of `name` as installed, if it is the latest release; else None."""
    try:
        installed = metadata.version(name)
        with urllib.request.urlopen(PROJECT_PAGE.format(name=name), timeout=15) as response:
            page = json.load(response)
    except (OSError, ValueError, metadata.PackageNotFoundError):
        return None
    if page["info"]["version"] != installed:
        return None
    return [{"id": v["id"], "fix_versions": v.get("fixed_in") or []} for v in page.get("vulnerabilities") or []]


NOT_AUDITED = ("pip-audit: *** DEPENDENCIES NOT AUDITED: {why}. The advisory source (PyPI) is probably "
               "unreachable (offline?). This does not fail the build; run `make audit` where it is reachable. ***")


def main(path: str) -> int:
    """0 when no dependency has a known vulnerability, or when nothing could be audited at all (said
    loudly); 1 when one has."""
    try:
        with open(path, encoding="utf-8") as handle:
            # The project itself (installed editable) is not a dependency.
            dependencies = [d for d in json.load(handle)["dependencies"]
                            if d.get("skip_reason") != "distribution marked as editable"]
    except (OSError, ValueError, KeyError):
        print(NOT_AUDITED.format(why="pip-audit gave no report"))
        return 0
    skipped = [d for d in dependencies if d.get("skip_reason")]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for dependency, vulns in zip(skipped, pool.map(lambda d: _latest_release_vulns(d["name"]), skipped),
                                     strict=True):
            if vulns is not None:
                dependency.update(vulns=vulns, skip_reason=None, version=metadata.version(dependency["name"]))
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unaudited = [d["name"] for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(unaudited)
    print(f"pip-audit: {audited} of {len(dependencies)} dependencies audited, "
          f"{sum(len(d['vulns']) for d in vulnerable)} known vulnerabilities"
          + (f"; not audited (not the latest release, and the service for older ones is unreachable): "
             f"{len(unaudited)}: {', '.join(unaudited)}" if unaudited else ""))
    if dependencies and not audited:
        print(NOT_AUDITED.format(why="none of them could be looked up"))
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            print(f"  {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in "
                  f"{', '.join(vuln.get('fix_versions') or ['no release yet'])})")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
