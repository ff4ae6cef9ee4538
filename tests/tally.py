"""The reporting the Python test drivers share.

One line per check, `ok` or `FAIL` and a label, each problem indented below
it; at the end the `N passed, N failed` line that ctest's log shows, and the
exit status (1 when anything failed).

    from tally import Tally
    t = Tally()
    t.check("clean sample", problems)          # a list of strings: empty passes
    t.ok("re-run skips everything", cond, detail)
    sys.exit(t.finish())
"""


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def check(self, label, problems=(), extra=()):
        """Passes when `problems` is empty; `extra` lines are shown on failure only."""
        problems = list(problems)
        print(f"{'ok' if not problems else 'FAIL':4s} {label}")
        for p in problems + (list(extra) if problems else []):
            print(f"     {p}")
        self.passed += not problems
        self.failed += bool(problems)
        return not problems

    def ok(self, label, cond, detail=""):
        """Passes when `cond` is true; `detail` is shown on failure."""
        return self.check(label, [] if cond else [detail or "failed"])

    def skip(self, label, why):
        print(f"skip {label}  ({why})")
        self.skipped += 1

    def finish(self):
        tail = f", {self.skipped} skipped" if self.skipped else ""
        print(f"{self.passed} passed, {self.failed} failed{tail}")
        return 1 if self.failed else 0


def temporary_files(folder):
    """The tools' temporary files (.gazette-tmp.<24 hex digits>) under `folder`.
    They are hidden, which glob's `*` does not match: walk for them."""
    import os
    return [os.path.join(root, f) for root, _, files in os.walk(folder) for f in files if ".gazette-tmp." in f]
