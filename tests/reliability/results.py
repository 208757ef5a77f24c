# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The figures of the reliability scenarios: kept in results.json, rendered for the documentation.

Each run of the suite merges the rows of its passed scenarios into the file named by RELIABILITY_RESULTS
(``make reliability`` names tests/reliability/results.json), replacing the rows of the scenarios it ran, with the
date and the machine. ``make docs`` renders the file into the reliability guide with :func:`render_rst`.
"""

import datetime
import json
import os
import platform

COLUMNS = (("scenario", "scenario"), ("requests", "requests"), ("faults", "faults injected"),
           ("rate_limited", "429s"), ("outcome", "outcome"), ("seconds", "seconds"))


def machine():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        import ansible  # pylint: disable=import-outside-toplevel
        core = ansible.__version__
    except ImportError:
        core = "?"
    try:
        load = round(os.getloadavg()[0], 1)
    except OSError:
        load = None
    return {"cpu": cpu, "cores": os.cpu_count(), "system": "%s %s" % (platform.system(), platform.machine()),
            "python": platform.python_version(), "ansible_core": core, "load": load}


def load(path):
    if not os.path.exists(path):
        return {"rows": []}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def record(path, rows, workers=None):
    """Merge the passed ``rows`` (dicts with the keys of COLUMNS) into the results file at ``path``."""
    rows = [dict((key, row[key]) for key, _title in COLUMNS) for row in rows if row.get("passed")]
    if not rows:
        return
    results = load(path)
    ran = set(row["scenario"] for row in rows)
    stamp = datetime.date.today().isoformat()
    kept = [row for row in results.get("rows", []) if row["scenario"] not in ran]
    results["rows"] = sorted(kept + [dict(row, measured=stamp) for row in rows], key=lambda r: r["scenario"])
    results["machine"] = dict(machine(), workers=workers)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)
        handle.write("\n")


def render_rst(results):
    """The table of ``results`` as reStructuredText, for the documentation."""
    rows = results.get("rows") or []
    if not rows:
        return "No run is recorded yet: ``make reliability`` writes them into ``tests/reliability/results.json``.\n"
    info = results.get("machine") or {}
    dates = sorted(set(row["measured"] for row in rows))
    when = dates[0] if len(dates) == 1 else "from %s to %s" % (dates[0], dates[-1])
    workers = info.get("workers")
    lines = [
        "Measured %s on %s cores of %s (%s), Python %s, ansible-core %s%s. Scenarios run side by side, so their "
        "seconds overlap%s; the rate limit's floor is requests / 20 x 2 s." % (
            when, info.get("cores", "?"), info.get("cpu", "?"), info.get("system", "?"), info.get("python", "?"),
            info.get("ansible_core", "?"),
            ", %s scenarios at a time" % workers if workers else "",
            " (load average %s after the run)" % info["load"] if info.get("load") is not None else ""),
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "",
    ]
    for index, (_key, title) in enumerate(COLUMNS):
        lines.append(("   * - " if index == 0 else "     - ") + title)
    for row in rows:
        for index, (key, _title) in enumerate(COLUMNS):
            lines.append(("   * - " if index == 0 else "     - ") + str(row[key]))
    return "\n".join(lines) + "\n"
