#!/usr/bin/env bash
# The collection's HTML documentation, from the installed tarball, the way antsibull-docs sets a docsite up:
#   antsibull-docs sphinx-init --use-current   (conf.py and antsibull-docs.cfg of the site)
#   antsibull-docs collection --use-current    (the pages of every module and plugin)
#   sphinx-build -W --keep-going               (any warning fails)
# and copies the site to dist/docs/html (git-ignored, not in the tarball).
#
# Sphinx fetches the intersphinx inventories of docs.ansible.com, docs.python.org and Jinja; where it cannot (no
# network), it falls back to the local files sphinx-init names. Those are written here: the references of the pages to
# Ansible's own documentation (ansible.builtin plugins, ANSIBLE_* variables and the labels in LABELS below) point at
# the same pages of docs.ansible.com. A reference to anything else of Ansible's documentation fails the build until it
# is added to LABELS.
# usage: tools/docs.sh VENV_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 VENV_DIR" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-docs.XXXXXX")
trap 'rm -rf "$workdir"' EXIT

tools/build.sh "$venv" --install-to "$workdir/collections"
export ANSIBLE_COLLECTIONS_PATH=$workdir/collections

# The guides' figures come from the files the benchmark and the reliability suite write, never typed by hand: each
# ".. generated-figures: NAME" comment of a guide becomes the tables of that file, in the copy the site is built from.
echo ">>> figures: tests/benchmark/results.json, tests/reliability/results.json"
"$venv/bin/python" - "$workdir/collections/ansible_collections/ngrok/ngrok/docs/docsite/rst" <<'PYEOF'
"""Replace the generated-figures comments of the installed guides with the rendered results files."""
import json
import os
import re
import sys

sys.path[:0] = ["tests/benchmark", "tests/reliability"]
import report  # noqa: E402  (tests/benchmark/report.py)
import results  # noqa: E402  (tests/reliability/results.py)


def read(path):
    if not os.path.exists(path):
        return {"rows": []}
    with open(path) as handle:
        return json.load(handle)


RENDER = {
    "benchmark": lambda: report.render_rst(read("tests/benchmark/results.json")),
    "reliability": lambda: results.render_rst(read("tests/reliability/results.json")),
}
MARK = re.compile(r"^\.\. generated-figures: *([a-z]+) *$", re.MULTILINE)
found = set()
for root, _dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if not name.endswith(".rst"):
            continue
        path = os.path.join(root, name)
        with open(path) as handle:
            text = handle.read()
        kinds = MARK.findall(text)
        unknown = sorted(set(kinds) - set(RENDER))
        if unknown:
            sys.exit("%s: no figures named %s" % (name, ", ".join(unknown)))
        if kinds:
            found.update(kinds)
            with open(path, "w") as handle:
                handle.write(MARK.sub(lambda m: RENDER[m.group(1)]().rstrip("\n"), text))
missing = sorted(set(RENDER) - found)
if missing:
    sys.exit("no guide shows the figures of: %s" % ", ".join(missing))
print("figures rendered: %s" % ", ".join(sorted(found)))
PYEOF
export PATH="$venv/bin:$PATH"

site=$workdir/site
# antsibull-docs writes only into a directory that no one but its owner can write to.
mkdir -m 700 "$site"
echo ">>> antsibull-docs sphinx-init --use-current ngrok.ngrok"
antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir "$site" --project ngrok.ngrok \
    --copyright "ngrok.ngrok contributors" --title "ngrok.ngrok: the ngrok API in Ansible" ngrok.ngrok >/dev/null

cd "$site"
mkdir -p rst
chmod og-w rst
echo ">>> antsibull-docs collection --use-current ngrok.ngrok"
antsibull-docs --config-file antsibull-docs.cfg collection --cleanup everything --fail-on-error --use-current \
    --dest-dir rst ngrok.ngrok 2>&1 | tee antsibull-docs.log
if grep -qiE 'warning|error' antsibull-docs.log; then
    echo "!!! antsibull-docs reported problems (above)" >&2
    exit 1
fi

echo ">>> fallback intersphinx inventories"
"$venv/bin/python" - rst <<'PYEOF'
"""Write the local inventories conf.py falls back to when the intersphinx ones cannot be fetched."""
import os
import re
import sys
import zlib

# Labels of Ansible's documentation the pages refer to, other than plugins and ANSIBLE_* variables: page and title.
LABELS = {
    'common_return_values': ('reference_appendices/common_return_values.html', 'Return Values'),
    'ansible_configuration_settings': ('reference_appendices/config.html', 'Ansible Configuration Settings'),
}
PLUGIN = re.compile(r'^ansible_collections\.([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)_([a-z_]+)$')

rst = sys.argv[1]
refs, envvars = set(), set()
for root, _dirs, files in os.walk(rst):
    for name in files:
        if name.endswith('.rst'):
            with open(os.path.join(root, name)) as handle:
                text = handle.read()
            for target in re.findall(r':ref:`([^`]+)`', text):
                refs.add(target.rsplit('<', 1)[-1].rstrip('>').strip())
            envvars.update(v.replace('\\_', '_') for v in re.findall(r':envvar:`([^`]+)`', text))

entries = []
for ref in sorted(refs):
    match = PLUGIN.match(ref)
    if match and match.group(1, 2) != ('ngrok', 'ngrok'):
        namespace, collection, plugin, kind = match.groups()
        entries.append((ref, 'std:label', 'collections/%s/%s/%s_%s.html' % match.groups(),
                        '%s.%s.%s %s' % (namespace, collection, plugin, kind)))
    elif ref in LABELS:
        entries.append((ref, 'std:label', LABELS[ref][0], LABELS[ref][1]))
for var in sorted(envvars):
    if var.startswith('ANSIBLE_'):
        entries.append((var, 'std:envvar', 'reference_appendices/config.html#envvar-' + var, '-'))


def write(path, project, lines):
    header = ('# Sphinx inventory version 2\n# Project: %s\n# Version: devel\n'
              '# The remainder of this file is compressed using zlib.\n' % project)
    body = ''.join('%s %s -1 %s %s\n' % line for line in lines)
    with open(path, 'wb') as handle:
        handle.write(header.encode() + zlib.compress(body.encode()))


site = os.path.dirname(os.path.abspath(rst))
write(os.path.join(site, 'ansible_devel.inv'), 'Ansible', entries)
for name, project in (('python2.inv', 'Python'), ('python3.inv', 'Python'), ('jinja2.inv', 'Jinja')):
    write(os.path.join(site, name), project, [])
print('%d references to Ansible\'s documentation' % len(entries))
PYEOF

echo ">>> sphinx-build -M html rst build -c . -W --keep-going"
sphinx-build -M html rst build -c . -W --keep-going -q

cd "$repo"
rm -rf dist/docs
mkdir -p dist/docs
cp -a "$site/build/html" dist/docs/html
test -f dist/docs/html/collections/ngrok/ngrok/ngrok_inventory.html
# The guides of docs/docsite/extra-docs.yml are in the site, with the figures of the results files.
sed -n 's/^ *- \([a-z_]*\)$/\1/p' docs/docsite/extra-docs.yml | while read -r guide; do
    test -f "dist/docs/html/collections/ngrok/ngrok/docsite/$guide.html" || { echo "!!! guide $guide is missing" >&2; exit 1; }
done
for guide in performance reliability; do
    grep -qE "Measured |No (measurement|run) is recorded" "dist/docs/html/collections/ngrok/ngrok/docsite/$guide.html" || {
        echo "!!! the $guide guide has no figures" >&2
        exit 1
    }
done
echo ">>> docs: $(find dist/docs/html -name '*.html' | wc -l) pages in dist/docs/html (open dist/docs/html/index.html)"
