# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark's tables from the measurements in results.json: Markdown for the terminal (``render``) and
reStructuredText for the performance guide of the documentation (``render_rst``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import re

import scenarios


COLUMNS = [
    ("modules", "(a) modules, loop"),
    ("policy", "(a1) `ngrok_ip_policy`, rules inline"),
    ("apply", "(b) `ngrok_apply`"),
    ("sdk", "(c) SDK script"),
    ("uri", "(d) `uri` tasks"),
    ("ping", "(e) `ping` loop"),
]
RATIOS = [("a/c", "modules", "sdk"), ("b/c", "apply", "sdk"), ("b/d", "apply", "uri")]
PHASE_NAMES = {"create": "create", "noop": "no-op", "check": "plan (check)", "delete": "delete"}


def by_method(counts):
    """``10 GET + 100 POST``: the requests of a run by HTTP method."""
    parts = ["{0} {1}".format(counts[m], m) for m in ("GET", "POST", "PATCH", "DELETE") if counts.get(m)]
    return " + ".join(parts) if parts else "no request"


def seconds(value):
    return "{0:.1f} s".format(value) if value < 100 else "{0:.0f} s".format(value)


def cell(row):
    if row is None:
        return "-"
    text = "{0}<br>{1}".format(seconds(row["seconds"]), by_method(row["by_method"]))
    if row.get("rate_limited"):
        text += " ({0} × 429)".format(row["rate_limited"])
    return text


def times(a, b):
    if not b:
        return "-"
    value = float(a) / b
    return "{0:.0f}×".format(value) if value >= 10 else "{0:.1f}×".format(value) if value >= 0.1 else "{0:.2f}×".format(value)


def ratio(top, bottom):
    if top is None or bottom is None:
        return "-"
    return "{0} time<br>{1} requests".format(times(top["seconds"], bottom["seconds"]),
                                             times(top["requests"], bottom["requests"]) if bottom["requests"] else "-")


def index(rows):
    return dict(((r["scenario"], r["n"], r["method"], r["phase"]), r) for r in rows)


def scenario_table(scenario, rows):
    found = index(rows)
    sizes = sorted(set(r["n"] for r in rows if r["scenario"] == scenario.name))
    methods = [m for m, _t in COLUMNS if any(r["method"] == m for r in rows if r["scenario"] == scenario.name)]
    if not sizes:
        return None
    titles = dict(COLUMNS)
    lines = ["| N | phase | " + " | ".join(titles[m] for m in methods) + " | " + " | ".join(r[0] for r in RATIOS) + " |",
             "|---:|---|" + "---|" * (len(methods) + len(RATIOS))]
    for n in sizes:
        for phase in ("create", "noop", "check", "delete"):
            cells = []
            for method in methods:
                if method == "ping":
                    cells.append(cell(found.get((scenario.name, n, "ping", "floor"))))
                elif method == "uri" and phase == "check":
                    cells.append("n/a" if (scenario.name, n, "uri", "create") in found else "-")
                else:
                    cells.append(cell(found.get((scenario.name, n, method, phase))))
            for _name, top, bottom in RATIOS:
                cells.append(ratio(found.get((scenario.name, n, top, phase)), found.get((scenario.name, n, bottom, phase))))
            lines.append("| {0:,} | {1} | {2} |".format(n, PHASE_NAMES[phase], " | ".join(cells)))
    return "\n".join(lines)


def mark(ok):
    return "yes" if ok else "**no**"


def targets(rows):
    """The targets the collection is held to, against the measurements."""
    found = index(rows)
    lines = ["| target | measured | met |", "|---|---|---|"]
    for scenario in scenarios.SCENARIOS:
        if scenario.name == "mixed":
            continue
        row = found.get((scenario.name, 1000, "apply", "noop"))
        if row:
            limit = scenario.noop_listings(1000)
            lines.append("| no-op of 1,000 {0}, one `ngrok_apply` task: at most {1} GET (10 listing pages + 1 per 100 "
                         "objects of a sub-resource), under 10 s | {2}, {3} | {4} |".format(
                             scenario.noun, limit, by_method(row["by_method"]), seconds(row["seconds"]),
                             mark(row["requests"] <= limit and row["by_method"]["GET"] == row["requests"] and row["seconds"] < 10)))
    for scenario in scenarios.SCENARIOS:
        sizes = sorted(n for (s, n, m, p) in found if s == scenario.name and m == "apply" and p == "create")
        if sizes:
            n = sizes[-1]
            row = found[(scenario.name, n, "apply", "create")]
            listings = scenario.create_listings(n)
            twins = " (with the twin check of IP policies and credentials)" if scenario.name == "mixed" else ""
            met = row["by_method"]["POST"] == n and row["by_method"]["GET"] <= listings and row["requests"] == n + row["by_method"]["GET"]
            lines.append("| create {0:,} {1} from empty, one `ngrok_apply` task: {0:,} POST + {2} GET (listings){3} | "
                         "{4} | {5} |".format(n, scenario.noun, listings, twins, by_method(row["by_method"]), mark(met)))
    for scenario in scenarios.SCENARIOS:
        sizes = sorted(n for (s, n, m, p) in found if s == scenario.name and m == "modules" and p == "noop")
        if sizes:
            n = sizes[-1]
            row = found[(scenario.name, n, "modules", "noop")]
            inline = " (an IP policy with its rule inline: 2 requests for 2 objects)" if scenario.name == "mixed" else ""
            lines.append("| no-op of {0:,} {1}, per-resource modules: 1 request per object{2} | {3} | {4} |".format(
                n, scenario.noun, inline, by_method(row["by_method"]), mark(row["requests"] == n)))
    row = found.get(("rules", 100, "policy", "noop"))
    if row:
        lines.append("| no-op of an IP policy with 100 rules, one `ngrok_ip_policy` task: at most 3 requests | {0} | {1} |".format(
            by_method(row["by_method"]), mark(row["requests"] <= 3)))
    return "\n".join(lines) if len(lines) > 2 else None


def exports(rows):
    runs = [r for r in rows if r["method"] == "export"]
    if not runs:
        return None
    lines = ["| account | N | export |", "|---|---:|---|"]
    for row in sorted(runs, key=lambda r: (r["scenario"], r["n"])):
        lines.append("| {0} | {1:,} | {2} |".format(scenarios.by_name(row["scenario"]).title, row["n"], cell(row)))
    return "\n".join(lines)


def rate_limited(rows):
    runs = [r for r in rows if r["scenario"] == "rate-limited"]
    if not runs:
        return None
    lines = ["| objects | requests | answered 429 (retried) | failed tasks | wall time | minimum: requests / {0} × {1} s "
             "| time / minimum | sliding-window floor |".format(runs[0].get("limit", 120), runs[0].get("window", 60)),
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for row in runs:
        limit, window = row.get("limit", 120), row.get("window", 60)
        minimum = row["requests"] / float(limit) * window
        # The first `limit` requests go at once; each later block of `limit` waits for a window to pass.
        floor = (int(math.ceil(row["requests"] / float(limit))) - 1) * window
        lines.append("| {0:,} | {1} | {2} | 0 | {3} | {4} | {5} | {6} |".format(
            row["n"], by_method(row["by_method"]), row["rate_limited"], seconds(row["seconds"]), seconds(minimum),
            times(row["seconds"], minimum), seconds(floor)))
    return "\n".join(lines)


def render(results):
    rows = results["rows"]
    machine = results.get("machine") or {}
    dates = sorted(set(r["measured"] for r in rows))
    loads = sorted(r["load"] for r in rows if r.get("load") is not None)
    parts = ["Measured {0} on {1} cores of {2} ({3}), Python {4}, ansible-core {5}; the simulator on the same "
             "machine, over loopback.{6}".format(
                 dates[0] if len(dates) == 1 else "from {0} to {1}".format(dates[0], dates[-1]) if dates else "never",
                 machine.get("cores", "?"), machine.get("cpu", "?"), machine.get("system", "?"),
                 machine.get("python", "?"), machine.get("ansible_core", "?"),
                 " The machine was shared: its load average (1 min) after the runs was {0} to {1}, median {2}, "
                 "which slows the loops of tasks most.".format(loads[0], loads[-1], loads[len(loads) // 2]) if loads else ""),
             "Each cell: wall time, then the API requests by HTTP method. Ratios: wall time and requests of one method "
             "over the other's. `-`: not measured at that size (see the text above); n/a: `uri` has no check mode."]
    for scenario in scenarios.SCENARIOS:
        table = scenario_table(scenario, rows)
        if table:
            title = scenario.title[0].upper() + scenario.title[1:]
            parts.append("**{0}**{1}\n\n{2}".format(title, NOTES.get(scenario.name, ""), table))
    table = exports(rows)
    if table:
        parts.append("**Export** (`ngrok_account_info` exporting the types of a scenario's account, which "
                     "`ngrok_apply` made before; one listing per page of each type)\n\n" + table)
    table = rate_limited(rows)
    if table:
        parts.append("**Under the rate limit** (ngrok_apply creating reserved domains, simulator at 120 requests per "
                     "sliding 60 s)\n\n" + table)
    table = targets(rows)
    if table:
        parts.append("**Targets**\n\n" + table)
    return "\n\n".join(parts)


NOTES = {
    "domains": " (`d<i>.bench.example.com`)",
    "rules": " (`10.x.y.0/24`, allow; the policy exists before)",
    "endpoints": " (`https://e<i>.bench.example.com` with a `custom-response` traffic policy, on the reserved "
                 "`*.bench.example.com` that exists before)",
    "mixed": " (per 10 objects: 2 reserved domains, 2 IP policies with one rule each, 2 credentials, a vault with "
             "one secret; (a) loops over 8 items per 10 objects)",
}


def _rst_inline(text):
    """Markdown's inline code and line breaks as reStructuredText."""
    return re.sub(r"`([^`]+)`", r"``\1``", text)


def _rst_table(lines):
    """A Markdown pipe table as a reStructuredText list-table (cells with <br> become line blocks)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
            if not re.match(r"^\|[-:| ]+\|$", line.strip())]
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in rows:
        for index, cell in enumerate(row):
            lead = "   * - " if index == 0 else "     - "
            parts = [_rst_inline(p) for p in cell.split("<br>")]
            if len(parts) == 1:
                # A lone "-" would start a bullet list: escape it.
                out.append(lead + ("\\-" if parts[0] == "-" else parts[0] or "\\"))
            else:
                out.append(lead + "| " + parts[0])
                out.extend(" " * len(lead) + "| " + part for part in parts[1:])
    return out


def markdown_to_rst(text):
    """The subset of Markdown that ``render`` writes (paragraphs, bold, inline code, pipe tables) as
    reStructuredText."""
    out, table = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            out.extend(_rst_table(table))
            table = []
        out.append(_rst_inline(line))
    return "\n".join(out).rstrip() + "\n"


def render_rst(results):
    """The tables of ``results`` as reStructuredText, for the documentation."""
    if not results.get("rows"):
        return "No measurement is recorded yet: ``make bench`` writes them into ``tests/benchmark/results.json``.\n"
    return markdown_to_rst(render(results))
