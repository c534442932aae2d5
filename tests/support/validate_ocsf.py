"""Validates argus's OCSF output with py-ocsf-models, the models Prowler emits and ingests OCSF with.

Usage: validate_ocsf.py FILE...  (each a `*.ocsf.json`: a JSON array of Detection Findings)

Prints one line per file and exits 1 listing every event that fails validation, 2 when the models are
not installed (run scripts/setup-emulators.sh: they are pinned in scripts/moto-requirements.txt).
"""

import json
import sys

try:
    from py_ocsf_models.events.findings.detection_finding import DetectionFinding
except ImportError as e:
    print(f"py-ocsf-models is not installed in this venv ({e}): run scripts/setup-emulators.sh", file=sys.stderr)
    sys.exit(2)

# Past this many, listing more failures only hides the first ones.
MAX_REPORTED = 20


def main(paths):
    failures = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            events = json.load(f)
        if not isinstance(events, list):
            failures.append(f"{path}: not a JSON array of events")
            continue
        for i, event in enumerate(events):
            try:
                DetectionFinding.model_validate(event)
            except Exception as e:  # pydantic's ValidationError, or a TypeError on a non-object
                code = event.get("metadata", {}).get("event_code", "?") if isinstance(event, dict) else "?"
                failures.append(f"{path}: event {i} ({code}): {e}")
        print(f"{path}: {len(events)} event(s) checked")
    if failures:
        shown = failures[:MAX_REPORTED]
        more = len(failures) - len(shown)
        print("\n".join(shown) + (f"\n... and {more} more" if more else ""), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
