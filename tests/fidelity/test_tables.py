"""The committed tables (data/) say what ngrok's documentation says now: with NGROK_DOCS naming a copy of
ngrok-docs, each table is distilled afresh and compared. Without it these cases are skipped (and not counted)."""

import pytest
import yaml

import distill
from support import corpus, load

TABLES = ("actions.yaml", "recorded.yaml", "errors.yaml", "event_types.yaml", "regions.yaml", "id_prefixes.yaml")


@pytest.fixture(scope="module")
def fresh(docs):
    if docs is None:
        pytest.skip("NGROK_DOCS is not set: the tables are not compared with the documentation")
    return {name: yaml.safe_load(distill.dump(data)) for name, data in distill.tables(docs).items()}


@corpus("tables match the docs")
@pytest.mark.parametrize("name", TABLES)
def test_table_is_current(fresh, name):
    committed = load(name)
    if committed != fresh[name]:
        changed = sorted(key for key in set(committed) | set(fresh[name]) if committed.get(key) != fresh[name].get(key))
        pytest.fail("data/%s is stale (%s differ): run python tests/fidelity/distill.py $NGROK_DOCS and review the diff"
                    % (name, ", ".join(changed)))
