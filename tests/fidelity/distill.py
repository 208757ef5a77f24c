"""Distil the facts the fidelity suites check from ngrok's documentation (ngrok/ngrok-docs).

    python tests/fidelity/distill.py DOCS_DIR      # rewrite tests/fidelity/data/*.yaml

``DOCS_DIR`` is a checkout or a bare git directory of ngrok-docs. The tables hold facts only (names,
codes, phases, field names and types, key sets and value forms of recorded answers, the message
patterns of the error codes the simulator answers), each with the page it comes from. The suites
read the tables; with ``NGROK_DOCS`` set they also distil afresh and fail when a table is stale.
"""

import ast
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SIMULATOR = os.path.join(HERE, "..", "simulator", "ngrok_simulator")
sys.path.insert(0, HERE)

from shapes import shape  # noqa: E402  pylint: disable=wrong-import-position

ACTIONS_DIR = "traffic-policy/actions/"
ACTION_HUB = "snippets/ActionHub.jsx"
EXAMPLES_DIR = "snippets/api/resources/examples/"
ERROR_LIST = "snippets/errors/_err_ngrok_list.mdx"
EVENT_TYPES = "snippets/obs/_event-types-tables.mdx"
PHASES = ("on_tcp_connect", "on_http_request", "on_http_response", "on_event_stream_message")
TYPE_WORDS = {"bool": "boolean", "int": "integer"}


# -- traffic policy actions -----------------------------------------------------------------------

def _section(text, names):
    """The lines under the first heading named one of ``names``, up to the next heading."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        heading = re.match(r"^(#+)\s+(.*?)\s*$", line)
        if heading and heading.group(2).strip().lower() in names:
            out = []
            for rest in lines[index + 1:]:
                if re.match(r"^#+\s", rest):
                    break
                out.append(rest)
            return "\n".join(out)
    return ""


def _field_type(text):
    text = text.strip()
    return TYPE_WORDS.get(text, text)


_DEFAULT_TEXT = re.compile(r"\bdefault\b", re.I)


def action_fields(text):
    """``{path: {"type", "required"[, "default", "phases"]}}`` of the ``<ConfigField>`` elements of an action page.

    ``default``: the field has a default (a ``defaultValue``, or its description names one).

    Nested fields get dotted paths; the elements of an array field get ``[*]`` (``replacements[*].from``).
    Fields inside a ``<Tab title="<phase>">`` exist in that phase only.
    """
    start = re.search(r"^#+\s+Configuration fields\s*$", text, re.M)
    if not start:
        return {}
    body = text[start.end():]
    end = re.search(r"^##\s", body, re.M)
    if end:
        body = body[:end.start()]
    fields = {}
    stack = []
    tab = None
    for token in re.finditer(r'<Tab\s+title="([^"]+)"|</Tab>|<ConfigField\s+([^>]*)>|</ConfigField>', body):
        own_text = re.split(r"<ConfigField|</ConfigField>", body[token.end():], maxsplit=1)[0]
        if token.group(1):
            tab = token.group(1) if token.group(1) in PHASES else None
            continue
        if token.group(0) == "</Tab>":
            tab = None
            continue
        if token.group(0) == "</ConfigField>":
            stack.pop()
            continue
        attrs = dict(re.findall(r'(\w+)=(?:"([^"]*)"|\{[^}]*\})', token.group(2)))
        flags = dict(re.findall(r"(\w+)=\{(\w+)\}", token.group(2)))
        title = attrs.get("title", "")
        kind = _field_type(attrs.get("type", ""))
        raw = title
        if stack:
            parent_path, parent_kind, parent_title = stack[-1]
            last = parent_path.split(".")[-1].replace("[*]", "")
            for prefix in (parent_title + "[*].", last + "[*]."):
                if title.startswith(prefix):
                    title = title[len(prefix):]
                    break
            joiner = "[*]." if parent_kind.startswith(("array", "list")) else "."
            path = parent_path + joiner + title
        else:
            path = title
        entry = {"type": kind, "required": flags.get("required") == "true"}
        if "defaultValue" in attrs or "defaultValue" in flags or _DEFAULT_TEXT.search(own_text):
            entry["default"] = True
        if tab:
            entry["phases"] = [tab]
        fields[path] = entry
        stack.append((path, kind, raw))
    return fields


def hub_phases(docs):
    """``{type: [phases]}`` of the list of available actions (ActionHub.jsx)."""
    text = docs.read(ACTION_HUB) or ""
    out = {}
    for match in re.finditer(r'type:\s*"([^"]+)"[^}]*?phases:\s*\[([^\]]*)\]', text, re.S):
        out[match.group(1)] = re.findall(r'"([^"]+)"', match.group(2))
    return out


def actions(docs):
    """The action types, their phases and configuration fields, from each action page."""
    hub = hub_phases(docs)
    out = {}
    for path in docs.files():
        if not (path.startswith(ACTIONS_DIR) and path.endswith(".mdx")) or path.count("/") != 2:
            continue
        text = docs.read(path)
        type_text = _section(text, ("type", "action type"))
        kinds = re.findall(r"`([a-z0-9-]+)`", type_text)
        if not kinds:
            continue                  # index, a page without a reference (ai-gateway, saml "Coming Soon")
        phases = re.findall(r"`(on_[a-z_]+)`", _section(text, ("supported phases", "supported directions")))
        schemes = re.findall(r"`([a-z]+)`", _section(text, ("supported schemes",)))
        kind = kinds[0]
        entry = {"page": path, "phases": phases, "hub_phases": hub.get(os.path.basename(path)[:-4], []),
                 "fields": action_fields(text)}
        if schemes:
            entry["schemes"] = schemes
        out[kind] = entry
    return dict(sorted(out.items()))


# -- recorded examples ----------------------------------------------------------------------------

def _code_block(text, language):
    match = re.search(r"```%s\n(.*?)```" % language, text, re.S)
    return match.group(1) if match else None


def template(route):
    """A request path with its ids as ``{id}`` and event types as ``{type}``."""
    route = re.sub(r"/[a-z][a-z0-9]*_[0-9A-Za-z]{27}", "/{id}", route)
    return re.sub(r"/sources/[a-z0-9_]+\.v\d+", "/sources/{type}", route)


def examples(docs):
    """``{name: entry}`` for every recorded request and answer.

    A request: ``method``, ``path`` (ids as ``{id}``), ``query`` and the ``body`` shape (or null).
    An answer: ``shape`` (null when the recording is empty: a 204).
    """
    out = {}
    for path in docs.files():
        if not (path.startswith(EXAMPLES_DIR) and path.endswith(".mdx")):
            continue
        name = os.path.basename(path)[1:-4]
        text = docs.read(path)
        if name.endswith("_request"):
            script = _code_block(text, "bash") or ""
            url = re.search(r"https://api\.ngrok\.com(\S*)", script)
            if not url:
                out[name] = {"page": path, "recorded": False}
                continue
            method = re.search(r"-X\s+(\w+)", script)
            target = url.group(1)
            route, _sep, query = target.partition("?")
            body = re.search(r"-d\s+'(.*)'\s*\\?\s*$", script, re.S | re.M)
            out[name] = {
                "page": path, "recorded": True, "method": method.group(1) if method else "GET",
                "path": template(route),
                "query": sorted(part.split("=", 1)[0] for part in query.split("&") if part),
                "body": shape(json.loads(body.group(1))) if body else None,
            }
        else:
            block = _code_block(text, "json")
            out[name] = {"page": path, "recorded": block is not None,
                         "shape": shape(json.loads(block)) if block is not None else None}
    return dict(sorted(out.items()))


# -- catalogs ---------------------------------------------------------------------------------------

def event_types(docs):
    """The event types ngrok lists, in the order of the page."""
    text = docs.read(EVENT_TYPES) or ""
    return re.findall(r"^###\s+([a-z0-9_]+\.v\d+)\s*$", text, re.M)


def error_templates(docs):
    """``{code: message template}`` of ngrok's error list."""
    text = docs.read(ERROR_LIST) or ""
    out = {}
    for match in re.finditer(r"^\|\s*\[ERR_NGROK_(\d+)\]\([^)]*\)\s*\|\s*(.*?)\s*\|\s*$", text, re.M):
        out[int(match.group(1))] = match.group(2)
    return out


def error_pages(docs):
    """The codes that have an error page (``errors/err_ngrok_<code>.mdx``)."""
    found = []
    for path in docs.files():
        match = re.match(r"^errors/err_ngrok_(\d+)\.mdx$", path)
        if match:
            found.append(int(match.group(1)))
    return sorted(found)


def regions(docs):
    """Region codes ngrok documents for the API, each list with its page."""
    out = {}
    cli = docs.read("agent/cli-api.mdx") or ""
    match = re.search(r"`--region` \| reserve the address in this geographic ngrok datacenter\.[^(|]*\(([a-z, ]+)\)", cli)
    if match:
        out["reserved_addrs"] = {"page": "agent/cli-api.mdx", "codes": [c.strip() for c in match.group(1).split(",")]}
    pops = docs.read("snippets/guides/region-pinning-content.mdx") or ""
    table = pops.split("Points of presence reference", 1)[-1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|[^|]*\|([^|]*)\|\s*`([a-z0-9-]+)`\s*\|", table, re.M)
    out["resolves_to"] = {"page": "snippets/guides/region-pinning-content.mdx",
                          "codes": [code for where, code in rows if "coming soon" not in where.lower()],
                          "coming_soon": [code for where, code in rows if "coming soon" in where.lower()]}
    operator = docs.read("k8s/crds/kubernetesoperator.mdx") or ""
    section = operator.split("### `spec.region`", 1)[-1].split("###", 1)[0]
    allowed = re.search(r"\*\*Allowed Values:\*\*(.*)", section)
    if allowed:
        out["kubernetes_operators"] = {"page": "k8s/crds/kubernetesoperator.mdx",
                                       "codes": re.findall(r'"([a-z0-9-]+)"', allowed.group(1))}
    return out


def id_prefixes(recorded):
    """``{resource: {"prefix", "example"}}``: the prefix of the ids recorded answers give each resource's objects
    (the ``id`` of a create or get answer, else of a list's items), and of the other ids they carry."""
    out = {}
    for name, entry in recorded.items():
        form = entry.get("shape")
        if not name.endswith("_response") or not isinstance(form, dict):
            continue
        base = name[:-len("_response")]
        resource, _sep, operation = base.rpartition("_")
        items = [form] if operation in ("create", "get") else []
        if operation == "list":
            items = [item for value in form.values() if isinstance(value, list) for item in value if isinstance(item, dict)]
        for item in items:
            found = item.get("id", "")
            if isinstance(found, str) and found.startswith("id:") and resource not in out:
                out[resource] = {"prefix": found[3:], "example": name}
    return dict(sorted(out.items()))


# -- the simulator's codes --------------------------------------------------------------------------

def _code_of(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        match = re.match(r"^ERR_NGROK_(\d+)$", node.value)
        if match:
            return int(match.group(1))
    if isinstance(node, ast.IfExp):
        return [_code_of(node.body), _code_of(node.orelse)]
    return None


def emitted_codes(root=SIMULATOR):
    """``{code: [where]}``: every ``ERR_NGROK_<code>`` the simulator's source can answer.

    Read from the source: the arguments of every function whose parameter is named ``code`` or ``codes``
    (``bad_request``, ``conflict``, ``code_name``, ``InputError``, the resources' own functions) and the code of
    ``ApiError``; class attributes ``*_code``; ``Unique(...)`` rules; ``"ERR_NGROK_<n>"`` literals.
    """
    trees = {}
    for folder, _dirs, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                where = os.path.relpath(path, os.path.join(root, "..")).replace(os.sep, "/")
                with open(path, encoding="utf-8") as handle:
                    trees[where] = ast.parse(handle.read())
    # name -> positions of its code parameters (methods: without self)
    takes_code = {"ApiError": [1], "Unique": [1]}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                params = [a.arg for a in node.args.args]
                if params and params[0] in ("self", "cls"):
                    params = params[1:]
                spots = [i for i, param in enumerate(params) if param in ("code", "codes")]
                if spots and node.name != "__init__":
                    takes_code[node.name] = spots
                elif node.name == "__init__" and spots:
                    pass
    takes_code.setdefault("InputError", [0])
    takes_code.setdefault("fail", [0])          # the traffic policy checks get their error maker as ``fail``
    found = {}

    def add(node, where):
        code = _code_of(node)
        if isinstance(node, ast.Tuple):
            code = [_code_of(item) for item in node.elts]
        for one in code if isinstance(code, list) else [code]:
            if isinstance(one, int) and one >= 100:
                found.setdefault(one, [])
                if where not in found[one]:
                    found[one].append(where)

    for where, tree in sorted(trees.items()):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                for position in takes_code.get(func, []):
                    if position < len(node.args):
                        add(node.args[position], where)
                for keyword in node.keywords:
                    if keyword.arg in ("code", "codes"):
                        add(keyword.value, where)
            elif isinstance(node, ast.For) and isinstance(node.target, ast.Tuple) and isinstance(node.iter, (ast.Tuple, ast.List)):
                # for key, limit, code in (("description", 255, 27004), ...)
                names = [getattr(t, "id", None) for t in node.target.elts]
                if "code" in names:
                    for row in node.iter.elts:
                        if isinstance(row, ast.Tuple) and len(row.elts) == len(names):
                            add(row.elts[names.index("code")], where)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if node.targets[0].id.lower().endswith("_code"):
                    add(node.value, where)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = re.match(r"^ERR_NGROK_(\d+)$", node.value)
                if match:
                    add(node, where)
    return dict(sorted(found.items()))


# -- writing the tables -----------------------------------------------------------------------------

HEADER = ("# Distilled from ngrok's documentation (github.com/ngrok/ngrok-docs) by tests/fidelity/distill.py;\n"
          "# facts only, each with the page it comes from. Regenerate: python tests/fidelity/distill.py DOCS_DIR\n")


def tables(docs):
    """``{file name: data}`` of every table."""
    templates = error_templates(docs)
    pages = set(error_pages(docs))
    emitted = emitted_codes()
    errors = {}
    for code in emitted:
        errors[code] = {"page": "errors/err_ngrok_%d.mdx" % code if code in pages else None,
                        "message": templates.get(code)}
    return {
        "actions.yaml": {"source": [ACTIONS_DIR + "<page>.mdx", ACTION_HUB], "actions": actions(docs)},
        "recorded.yaml": {"source": EXAMPLES_DIR, "examples": examples(docs)},
        "errors.yaml": {"source": [ERROR_LIST, "errors/err_ngrok_<code>.mdx"], "documented_codes": len(pages),
                        "codes": errors},
        "event_types.yaml": {"source": EVENT_TYPES, "event_types": event_types(docs)},
        "regions.yaml": {"source": "pages named per list", "regions": regions(docs)},
        "id_prefixes.yaml": {"source": EXAMPLES_DIR, "id_prefixes": id_prefixes(examples(docs))},
    }


def dump(data, flow=False):
    """The YAML text of one table (stable: keys in order; ``flow``: innermost collections on one line)."""
    return HEADER + yaml.safe_dump(data, sort_keys=False, width=120, default_flow_style=None if flow else False,
                                   allow_unicode=True)


def main(argv):
    sys.path.insert(0, HERE)
    from docs_source import Docs  # pylint: disable=import-outside-toplevel
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    docs = Docs(argv[1])
    os.makedirs(DATA, exist_ok=True)
    for name, data in tables(docs).items():
        with open(os.path.join(DATA, name), "w", encoding="utf-8") as handle:
            handle.write(dump(data, flow=name == "recorded.yaml"))
        print("wrote", os.path.join("tests", "fidelity", "data", name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
