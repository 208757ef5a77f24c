# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's declarations of resources newer than ngrok's OpenAPI description, against ngrok-api-go's
facts (go_client_facts.yaml), as test_collection_declarations.py holds the others against the description: the
create and update fields, create-only fields, the list key and filter support, the answer's keys, the id prefix,
the values shown once and the lists kept under each object.
"""

import pytest

from .go_facts import GoFacts
from .test_collection_declarations import declarations  # noqa: F401  pylint: disable=unused-import

pytestmark = pytest.mark.no_sim

FACTS = GoFacts.load()
# Request fields of the API that the modules deliberately do not offer, with the reason.
NOT_OFFERED = {
    "kubernetes_operator": {
        "deployment": "the collection only reads Kubernetes operators: each ngrok operator registers and updates itself",
        "binding": "the collection only reads Kubernetes operators: each ngrok operator registers and updates itself",
    },
}


@pytest.fixture(scope="module")
def newer(declarations):  # noqa: F811  pylint: disable=redefined-outer-name
    """(declaration, facts) of every declared resource the facts describe."""
    found = [(r, FACTS.resources[r.name]) for r in declarations if r.name in FACTS.resources]
    assert sorted(r.name for r, _f in found) == sorted(FACTS.resources), "every resource of the facts is declared"
    return found


def test_fields_exist_where_the_api_takes_them(newer):
    for resource, facts in newer:
        create, update = set(facts["create"]["fields"]), set(facts["update"]["fields"])
        for field in resource.fields:
            where = "%s.%s" % (resource.name, field.name)
            if field.create:
                assert field.api_name in create, "%s is declared as a create field; the Go client's create has %s" % (where, sorted(create))
            if field.update:
                assert field.api_name in update, "%s is declared as updatable; the Go client's update has %s" % (where, sorted(update))
            if field.create_only:
                assert field.api_name not in update, "%s is declared create-only, but the Go client's update takes it" % where


def test_every_api_field_is_offered_or_explained(newer):
    for resource, facts in newer:
        api_fields = set(facts["create"]["fields"]) | set(facts["update"]["fields"])
        missing = api_fields - {f.api_name for f in resource.fields} - set(NOT_OFFERED.get(resource.name, {}))
        assert not missing, "%s: the API takes %s, which no option offers" % (resource.name, sorted(missing))


def test_list_key_filter_identity_and_answer_keys(newer):
    for resource, facts in newer:
        assert resource.path == facts["path"]
        assert resource.list_key == facts["list"]["key"], (resource.name, resource.list_key)
        assert resource.filterable == facts["list"]["filter"], "%s: filterable=%s, the Go client's list %s a filter" % (
            resource.name, resource.filterable, "takes" if facts["list"]["filter"] else "takes no")
        answer = facts["answer"]["fields"]
        assert set(resource.response_keys) == set(answer), "%s: response_keys %s, the Go type has %s" % (
            resource.name, sorted(resource.response_keys), sorted(answer))
        for field in resource.identity_fields:
            assert field.filter_field.split(".")[0] in answer, (resource.name, field.filter_field)
        assert set(resource.shown_once) == set(facts["answer"].get("shown_once", ())), resource.name


def test_id_prefixes(newer):
    for resource, facts in newer:
        assert resource.id_prefix == facts["id_prefix"], (resource.name, resource.id_prefix, facts["id_prefix"])


def test_sub_listings_are_operations_of_the_api(newer):
    for resource, facts in newer:
        for sub in resource.sub_listings:
            path = resource.path + "/{id}" + sub.path
            ops = [op for op in facts["operations"].values() if op["path"] == path and op["method"] == "GET"]
            assert ops, "%s: no operation of the Go client lists %s" % (resource.name, path)
            assert facts[ops[0]["answer"]]["key"] == sub.list_key, (resource.name, sub.list_key)
