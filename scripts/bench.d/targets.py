#!/usr/bin/env python3
"""Prints the distinct checks of a wscheck JSON report (stdin) as "probe target" lines, for the
sequential baseline and blackbox_exporter: the same endpoints wscheck probed."""
import json
import sys

seen = []
for req in json.load(sys.stdin)["requirements"]:
    for c in req["checks"]:
        key = (c["probe"], c["target"])
        if key not in seen:
            seen.append(key)
for probe, target in seen:
    print(probe, target)
