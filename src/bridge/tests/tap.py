#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the bridge's unittest cases and reports each as one TAP line (plan first)."""

import sys
import traceback
import unittest


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.number = 0
        self.reported = set()

    def _line(self, test, ok, note=""):
        self.number += 1
        status = "ok" if ok else "not ok"
        print(f"{status} {self.number} - {test.id()}{note}", flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(test, True)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line(test, True, f" # SKIP {reason}")

    def _fail(self, test, err):
        self._line(test, False)
        for row in "".join(traceback.format_exception(*err)).splitlines():
            print(f"# {row}", flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._fail(test, err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is None:
            return
        # A failing subtest fails its test: one "not ok" line, a diagnostic per subtest.
        if test.id() not in self.reported:
            self.reported.add(test.id())
            self._line(test, False)
        print(f"# {subtest.id()}", flush=True)
        for row in "".join(traceback.format_exception(*err)).splitlines():
            print(f"# {row}", flush=True)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._line(test, True, " # TODO expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._line(test, False, " # unexpected success")


def main():
    start = sys.argv[1] if len(sys.argv) > 1 else "."
    suite = unittest.defaultTestLoader.discover(start, pattern="test_*.py", top_level_dir=start)
    print(f"1..{suite.countTestCases()}", flush=True)
    result = TapResult()
    suite.run(result)
    return 0 if result.wasSuccessful() and result.number == suite.countTestCases() else 1


if __name__ == "__main__":
    sys.exit(main())
