#!/usr/bin/env python3
# Counts test cases from meson's testlog.json: every TAP "ok"/"not ok" line of a TAP test,
# one case for any other test, and one failure for a program that died without reporting.
# Prints "N passed, N failed" and exits 1 if anything failed.
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        if not line.strip():
            continue
        test = json.loads(line)
        result = test.get("result", "")
        out = test.get("stdout") or ""
        oks = nots = skips = 0
        # meson does not record the protocol here: a TAP plan line tells.
        if re.search(r"^1\.\.\d+", out, re.M):
            for row in out.splitlines():
                if re.match(r"^not ok\b", row):
                    nots += 1
                elif re.match(r"^ok\b", row):
                    if "# SKIP" in row:
                        skips += 1
                    else:
                        oks += 1
        if oks + nots + skips == 0:
            if result in ("OK", "EXPECTEDFAIL"):
                oks = 1
            elif result == "SKIP":
                skips = 1
            else:
                nots = 1
        elif result not in ("OK", "EXPECTEDFAIL", "SKIP") and nots == 0:
            nots = 1  # crashed or timed out after its last reported case
        passed += oks
        failed += nots
        skipped += skips

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
