"""The collection's resource declarations agree with ngrok's OpenAPI description.

Each resource the modules manage is declared as data in the package plugins/module_utils/_resources/. These
tests hold every declaration against the spec: the create and update fields exist in the request
schemas, create-only fields really cannot be PATCHed, the list key and the filter support match the
list operation, and each module documents exactly the options its declaration has.

Resources newer than the OpenAPI description (and than the curated reference) are not checked here: each test
leaves them out, and test_the_resources_the_description_lacks_are_checked_elsewhere makes sure
test_go_client_declarations.py holds every one of them against ngrok-api-go's facts instead.
"""

import importlib
import os
import re
import sys

import pytest
import yaml

from .conftest import CHECKER, CHECKER_SKIP_REASON
from .go_facts import GoFacts

pytestmark = pytest.mark.no_sim

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Request fields of the API that the modules deliberately do not offer, with the reason.
NOT_OFFERED = {
    # The API creates only cloud endpoints and makes every endpoint it creates one: ngrok_endpoint never sends type.
    "endpoint": {"type": "only cloud endpoints can be created"},
    # ngrok deprecated bot users in favour of service users (ngrok_service_user): the collection only reads them.
    "bot_user": {"name": "deprecated: read by ngrok_bot_user_info only", "active": "deprecated: read by ngrok_bot_user_info only"},
}
# Options every resource module has besides its declared fields (filter: modules that act on the objects they select).
COMMON_OPTIONS = {"state", "id", "replace", "filter"}
# The curated per-resource facts (paths, id prefixes, the fields ngrok's filtering docs list as filterable).
REFERENCE_ENV = "NGROK_API_RESOURCES"


def _collection_path(tmp_path_factory):
    """A sys.path entry holding ansible_collections/ngrok/ngrok -> this repository."""
    root = tmp_path_factory.mktemp("collections")
    target = root / "ansible_collections" / "ngrok"
    target.mkdir(parents=True)
    (target / "ngrok").symlink_to(REPO_ROOT, target_is_directory=True)
    return str(root)


@pytest.fixture(scope="module")
def declarations(tmp_path_factory):
    pytest.importorskip("ansible")
    sys.path.insert(0, _collection_path(tmp_path_factory))
    try:
        resources = importlib.import_module("ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry")
        yield list(resources.ALL_RESOURCES)
    finally:
        sys.path.pop(0)
        for name in [n for n in sys.modules if n.startswith("ansible_collections.ngrok")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def spec():
    if CHECKER is None:
        pytest.skip(CHECKER_SKIP_REASON)
    return CHECKER.document


def _described(spec, resource):
    return resource.path in spec["paths"] and resource.path + "/{id}" in spec["paths"]


@pytest.fixture(scope="module")
def described(declarations, spec):
    """The declarations of resources the OpenAPI description has (the others are newer than it)."""
    return [r for r in declarations if _described(spec, r)]


def test_the_resources_the_description_lacks_are_checked_elsewhere(declarations, spec):
    newer = sorted(r.name for r in declarations if not _described(spec, r))
    unchecked = [name for name in newer if name not in GoFacts.load().resources]
    assert not unchecked, "%s: neither the OpenAPI description nor go_client_facts.yaml has them" % unchecked
    if newer:
        pytest.skip("%s are newer than the OpenAPI description: test_go_client_declarations.py holds them against "
                    "ngrok-api-go's facts (go_client_facts.yaml)" % ", ".join(newer))


def _schema(spec, ref_holder):
    ref = ref_holder["content"]["application/json"]["schema"]["$ref"]
    return spec["components"]["schemas"][ref.rsplit("/", 1)[1]]


def _request_properties(spec, path, method):
    """The fields of the operation's request body; none where the API has no such operation (read-only resources,
    abuse reports that cannot be updated)."""
    operation = spec["paths"].get(path, {}).get(method)
    if operation is None:
        return set()
    return set(_schema(spec, operation["requestBody"]).get("properties", {}))


def _response_schema(spec, path, method, status):
    responses = spec["paths"][path][method]["responses"]
    return _schema(spec, responses.get(status) or responses[int(status)])


def test_there_are_declarations(declarations):
    assert {r.name for r in declarations} >= {"api_key", "reserved_domain"}


def test_fields_exist_where_the_api_takes_them(described, spec):
    for resource in described:
        create = _request_properties(spec, resource.path, "post")
        update = _request_properties(spec, resource.path + "/{id}", "patch")
        for field in resource.fields:
            where = "%s.%s" % (resource.name, field.name)
            if field.create:
                assert field.api_name in create, "%s is declared as a create field; the API's create schema has %s" % (where, sorted(create))
            if field.update:
                assert field.api_name in update, "%s is declared as updatable; the API's update schema has %s" % (where, sorted(update))
            if field.create_only:
                assert field.api_name not in update, "%s is declared create-only, but the API's update schema accepts it" % where


def test_every_api_field_is_offered_or_explained(described, spec):
    for resource in described:
        api_fields = _request_properties(spec, resource.path, "post") | _request_properties(spec, resource.path + "/{id}", "patch")
        declared = {f.api_name for f in resource.fields}
        missing = api_fields - declared - {"id"} - set(NOT_OFFERED.get(resource.name, {}))
        assert not missing, "%s: the API takes %s, which no option offers" % (resource.name, sorted(missing))


def test_list_key_filter_and_identity_match_the_list_operation(described, spec):
    for resource in described:
        listing = spec["paths"][resource.path].get("get")
        if resource.list_key is None:
            # Declared as a resource the API cannot list: then it has no list, no filter and no identity to look up.
            assert listing is None, "%s: declared without a list, but the API lists it" % resource.name
            assert not resource.filterable and not resource.identity_fields, resource.name
            continue
        assert listing is not None, "%s: declared with the list key %s, but the API has no list" % (resource.name, resource.list_key)
        envelope = _response_schema(spec, resource.path, "get", "200")
        assert resource.list_key in envelope["properties"], (resource.name, sorted(envelope["properties"]))
        params = {p.get("name") or p.get("$ref", "").rsplit("/", 1)[-1] for p in listing.get("parameters", [])}
        accepts_filter = any("filter" in p for p in params)
        assert accepts_filter == resource.filterable, "%s: filterable=%s, the API's list parameters are %s" % (
            resource.name, resource.filterable, sorted(params))
        item = _response_schema(spec, resource.path + "/{id}", "get", "200")
        for field in resource.identity_fields:
            top = field.filter_field.split(".")[0]
            assert top in item["properties"], "%s: identity %s is not a field of the object" % (resource.name, field.filter_field)


@pytest.fixture(scope="module")
def reference():
    path = os.environ.get(REFERENCE_ENV)
    if not path or not os.path.isfile(path):
        pytest.skip("%s does not name the resource reference (ngrok-api-resources.yaml): filterable fields and id "
                    "prefixes are not checked" % REFERENCE_ENV)
    with open(path) as handle:
        data = yaml.safe_load(handle)
    return dict((r["name"], r) for r in data["resources"])


@pytest.fixture(scope="module")
def referenced(declarations, reference):
    """The declarations of resources the curated reference has (the newer ones are in go_client_facts.yaml)."""
    newer = [r.name for r in declarations if r.name not in reference]
    unchecked = [name for name in newer if name not in GoFacts.load().resources]
    assert not unchecked, "%s: neither the curated reference nor go_client_facts.yaml has them" % unchecked
    return [r for r in declarations if r.name in reference]


def test_response_keys_are_the_objects_keys(described, spec):
    for resource in described:
        item = _response_schema(spec, resource.path + "/{id}", "get", "200")
        assert set(resource.response_keys) == set(item["properties"]), "%s: response_keys %s, the API's object has %s" % (
            resource.name, sorted(resource.response_keys), sorted(item["properties"]))


def test_filterable_fields_are_the_documented_ones(referenced, reference):
    for resource in referenced:
        listing = reference[resource.name].get("list") or {}
        documented = set(listing.get("filterable_fields") or []) if listing.get("filter_supported") else set()
        assert set(resource.filterable_fields) == documented, "%s: declared filterable %s, ngrok documents %s" % (
            resource.name, sorted(resource.filterable_fields), sorted(documented))


def test_identity_lookups_filter_only_on_documented_fields(referenced, reference):
    for resource in referenced:
        documented = set((reference[resource.name].get("list") or {}).get("filterable_fields") or [])
        for field in resource.identity_fields:
            if field.filter_field in resource.filterable_fields:
                assert field.filter_field in documented, (resource.name, field.filter_field)
        for key in resource.scope:
            assert key in documented, (resource.name, key)


def test_id_prefixes_are_the_apis(referenced, reference):
    for resource in referenced:
        prefix = (reference[resource.name].get("id_prefix") or "").rstrip("_")
        if resource.id_prefix is not None:
            assert resource.id_prefix == prefix, (resource.name, resource.id_prefix, prefix)


def _documented_options(name):
    """The options a module documents, with those of the collection's doc fragments it extends (except the connection
    options, which no declaration holds)."""
    module = importlib.import_module("ansible_collections.ngrok.ngrok.plugins.modules.%s" % name)
    assert os.path.samefile(module.__file__, os.path.join(REPO_ROOT, "plugins", "modules", "%s.py" % name))
    doc = yaml.safe_load(module.DOCUMENTATION)
    options = set(doc.get("options") or {})
    for fragment in doc.get("extends_documentation_fragment") or []:
        parts = fragment.split(".")
        if parts[:2] != ["ngrok", "ngrok"] or parts[2] == "connection":
            continue
        source = importlib.import_module("ansible_collections.ngrok.ngrok.plugins.doc_fragments.%s" % parts[2])
        text = getattr(source.ModuleDocFragment, parts[3] if len(parts) > 3 else "DOCUMENTATION")
        options |= set(yaml.safe_load(text).get("options") or {})
    return options


def test_modules_document_exactly_the_declared_options(declarations):
    for resource in declarations:
        declared = set(resource.argument_spec())
        if not os.path.exists(os.path.join(REPO_ROOT, "plugins", "modules", "ngrok_%s.py" % resource.name)):
            # A resource the collection only reads (deprecated by ngrok, or registered by its own software such as
            # Kubernetes operators) has an _info module and no other.
            assert _documented_options("ngrok_%s_info" % resource.name), "ngrok_%s has no module at all" % resource.name
            continue
        documented = _documented_options("ngrok_%s" % resource.name)
        assert documented - COMMON_OPTIONS == declared, "ngrok_%s documents %s, its declaration has %s" % (
            resource.name, sorted(documented - COMMON_OPTIONS), sorted(declared))


def _documented_max_bytes(param):
    """The size ngrok documents for a request field ("max 255 bytes", "max 4096 chars"), or None."""
    match = re.search(r"max (\d+) (?:bytes|chars)", (param or {}).get("desc") or "")
    return int(match.group(1)) if match else None


def test_documented_sizes_are_checked_before_any_request(referenced, reference):
    """Every request field with a documented size has that limit in its declaration, so that a task fails naming the
    option instead of getting the API's refusal (or an HTTP 414 for a value that does not fit in a URL filter)."""
    checked = 0
    for resource in referenced:
        params = dict(((reference[resource.name].get("create") or {}).get("params") or {}))
        params.update((reference[resource.name].get("update") or {}).get("params") or {})
        for name, param in sorted(params.items()):
            limit = _documented_max_bytes(param)
            if limit is None:
                continue
            field = next((f for f in resource.fields if f.api_name == name), None)
            if field is None:
                continue
            assert field.max_bytes == limit, "%s.%s: ngrok documents at most %d bytes, the declaration checks %s" % (
                resource.name, name, limit, field.max_bytes)
            checked += 1
    assert checked >= 30, checked


def test_every_resource_module_is_declared_with_its_states(declarations):
    """A declaration has module states exactly when ngrok_<name> exists and is a resource module: ngrok_apply takes
    the types that have one (and can be listed), and nothing else."""
    for resource in declarations:
        path = os.path.join(REPO_ROOT, "plugins", "modules", "ngrok_%s.py" % resource.name)
        has_module = os.path.exists(path) and "resource_module(%s" % resource.name.upper() in open(path).read()
        assert bool(resource.module_states) == has_module, (resource.name, resource.module_states, has_module)


def _returned(name):
    module = importlib.import_module("ansible_collections.ngrok.ngrok.plugins.modules.%s" % name)
    return yaml.safe_load(module.RETURN) or {}


def test_module_results_document_the_declared_keys(declarations):
    """A resource module's RETURN lists under ``contains`` every key of the object its declaration names
    (``response_keys``, which every result has, null where the API leaves a key out) and no other but the inline
    children and the lists kept under each object; an ``_info`` module does the same, or refers to its resource
    module's result, whose keys its sample must not go beyond."""
    checked = 0
    for resource in declarations:
        extra = set(s.key for s in resource.sub_listings)
        if resource.children is not None:
            extra.add(resource.children.option)
        for name, key in (("ngrok_%s" % resource.name, resource.name), ("ngrok_%s_info" % resource.name, resource.plural)):
            if not os.path.exists(os.path.join(REPO_ROOT, "plugins", "modules", "%s.py" % name)):
                continue
            returned = _returned(name)
            if key not in returned:
                # An action module over the objects (tunnel sessions) returns what it acted on under the plural.
                assert resource.plural in returned, (name, sorted(returned))
                key = resource.plural
            value = returned[key]
            documented = set(value.get("contains") or {})
            if not documented:
                described = " ".join(value.get("description") if isinstance(value.get("description"), list)
                                     else [value.get("description") or ""])
                assert "RV(ngrok.ngrok.ngrok_%s#module:" % resource.name in described, (
                    "%s documents no keys of its %s and refers to no module's result" % (name, key))
                samples = value.get("sample") or []
                for sample in samples if isinstance(samples, list) else [samples]:
                    assert set(sample) <= set(resource.response_keys) | extra, (name, sorted(set(sample) - set(
                        resource.response_keys)))
                checked += 1
                continue
            assert documented == set(resource.response_keys) | (documented & extra), (
                "%s: RETURN %s documents %s; the declaration's object has %s" % (
                    name, key, sorted(documented), sorted(resource.response_keys)))
            checked += 1
    assert checked >= 50, checked
