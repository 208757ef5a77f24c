"""The fidelity suites: the simulator held to what ngrok publishes.

Each suite is a corpus of cases (``data/``: tables distilled from ngrok's documentation, and the
requests and policies written for them). Every case is one pytest test; the run ends with one
table: corpus, cases, agreeing.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import docs_source  # noqa: E402  pylint: disable=wrong-import-position
from support import CORPORA, RESULTS, Simulator  # noqa: E402  pylint: disable=wrong-import-position


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus(name): the corpus a case belongs to (counted in the fidelity table)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    marker = item.get_closest_marker("corpus")
    if marker is None or report.when != "call" and not (report.when == "setup" and report.failed):
        return
    counts = RESULTS[marker.args[0]]
    if report.skipped:
        counts["skipped"] += 1
        return
    counts["cases"] += 1
    if report.passed:
        counts["agreeing"] += 1
        if dict(item.user_properties).get("documented"):
            counts["documented"] += 1


def pytest_terminal_summary(terminalreporter):
    writer = terminalreporter
    docs = docs_source.find()
    writer.write_sep("=", "fidelity")
    writer.write_line("ngrok-docs: %s" % ("%s at %s" % (docs.location, docs.revision()) if docs else
                                          "not given (%s); the committed tables in tests/fidelity/data are used"
                                          % docs_source.ENV))
    rows = [(name, RESULTS[name]) for name in CORPORA if RESULTS[name]["cases"] or RESULTS[name]["skipped"]]
    width = max([len("corpus")] + [len(name) for name, _r in rows])
    writer.write_line("%s  %6s  %8s  %s" % ("corpus".ljust(width), "cases", "agreeing", "notes"))
    for name, counts in rows:
        notes = []
        if counts["documented"]:
            notes.append("%d by a documented choice" % counts["documented"])
        if counts["skipped"]:
            notes.append("%d not run (reason given)" % counts["skipped"])
        if counts["cases"] != counts["agreeing"]:
            notes.append("%d DIFFER" % (counts["cases"] - counts["agreeing"]))
        writer.write_line("%s  %6d  %8d  %s" % (name.ljust(width), counts["cases"], counts["agreeing"], "; ".join(notes)))
    writer.write_line("%s  %6d  %8d" % ("all".ljust(width), sum(c["cases"] for _n, c in rows),
                                        sum(c["agreeing"] for _n, c in rows)))


@pytest.fixture(scope="session")
def simulator():
    """One simulator for the whole test run."""
    sim = Simulator()
    yield sim
    sim.stop()


@pytest.fixture
def sim(simulator):  # pylint: disable=redefined-outer-name
    """The shared simulator, emptied before the test."""
    simulator.reset()
    return simulator


@pytest.fixture(scope="session")
def docs():
    """ngrok-docs when ``NGROK_DOCS`` names a copy, else None."""
    return docs_source.find()
