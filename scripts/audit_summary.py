"""Summarise a `pip-audit -f json` report in one line; exit 1 if any dependency has a known vulnerability.

Dependencies the vulnerability service could not look up are counted and named, not hidden: from a
machine that cannot reach the service (this project's CI reaches only the package registries), the
audit then says plainly that it audited nothing.
"""
import json
import sys


def main(path: str) -> int:
    with open(path, encoding="utf-8") as handle:
        dependencies = json.load(handle)["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d["name"] for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit: {audited} of {len(dependencies)} dependencies audited, "
          f"{sum(len(d['vulns']) for d in vulnerable)} known vulnerabilities"
          + (f"; not audited (service unreachable or package unknown): {len(skipped)}" if skipped else ""))
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            print(f"  {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in "
                  f"{', '.join(vuln.get('fix_versions') or ['no release yet'])})")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
