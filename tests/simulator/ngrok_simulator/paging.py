"""List envelopes: newest first, ``before_id`` (exclusive), ``limit`` and ``filter``."""

from urllib.parse import quote, urlencode

from . import ids
from .celfilter import Filter
from .errors import bad_request

MAX_LIMIT = 100


def parse_limit(query):
    """The page size from the query (default and maximum 100)."""
    raw = query.get("limit")
    if raw is None:
        return MAX_LIMIT
    try:
        value = int(raw.strip())
    except ValueError:
        raise bad_request(244, "The page size limit must be a number between 1 and %d but '%s' was provided." % (MAX_LIMIT, raw)) from None
    if not 1 <= value <= MAX_LIMIT:
        raise bad_request(233, "The page size limit must be between 1 and %d but %d was provided." % (MAX_LIMIT, value))
    return value


def _sort_key(ident):
    ksuid = ids.split(ident)[1]
    return ksuid if ksuid is not None else ident.rpartition("_")[2]


def page(ctx, objects, list_key, collection_path, query, filter_spec=None, render=None, filter_view=None):
    """Build a list response from rendered objects sorted newest first.

    ``filter_spec`` (a :class:`~ngrok_simulator.celfilter.FilterSpec`) says what a
    filter may use, or is None when the endpoint does not accept ``filter`` (the
    route then rejects it as an unknown query parameter before we get here).
    ``render``: when given, ``objects`` are records (with their ``id``) and only the
    ones a filter reads or the page holds are rendered, so a page of a large
    collection costs one page of rendering.
    ``filter_view``: what a filter reads of a record, when it is more than its answer (the API filters on fields
    it does not answer, such as an endpoint's ``scheme``); default ``render``.
    """
    limit = parse_limit(query)
    before_id = query.get("before_id")
    expression = query.get("filter") if filter_spec is not None else None
    cel = Filter(expression, filter_spec) if expression is not None else None
    if before_id:
        bound = _sort_key(before_id)
        objects = [obj for obj in objects if _sort_key(obj["id"]) < bound]
    selected = []
    more = False
    view = filter_view or render
    for obj in objects:
        if cel is not None and not cel.matches(view(obj) if view is not None else obj):
            continue
        if len(selected) == limit:
            more = True
            break
        selected.append(render(obj) if render is not None else obj)
    base = ctx.url(collection_path)
    next_uri = None
    if more:
        params = [("before_id", selected[-1]["id"]), ("limit", str(limit))]
        if expression is not None:
            params.append(("filter", expression))
        next_uri = base + "?" + urlencode(params, quote_via=quote)
    return {list_key: selected, "uri": base, "next_page_uri": next_uri}
