"""The declarative resource mechanism.

A resource is a subclass of :class:`Resource` whose class attributes describe
the API object (paths, list key, id prefix, request and response fields, enums,
uniqueness rules, error codes).  The generic create/get/list/update/delete
handlers below do the work; hooks (``validate_create``, ``on_create``,
``validate_update``, ``on_update``, ``check_delete``, ``on_delete``, ``render``)
add the behaviour that data alone cannot express, and ``extra_routes`` adds
sub-resources.  See tests/simulator/README.md.
"""

import copy
import re

from . import ids
from .celfilter import FilterSpec
from .errors import bad_request, conflict, invalid_value, invalid_value_message, not_found, unknown_field
from .paging import page

STRING = "string"
BOOLEAN = "boolean"
INTEGER = "integer"
STRINGS = "strings"
OBJECT = "object"
ANY = "any"

# The filterable fields most resources share (api/api-filtering.mdx, "Filterable resources and fields").
COMMON_FILTERS = ("id", "created_at", "description", "metadata")

DESCRIPTION_MAX = 255
METADATA_MAX = 4096
# The texts of the length errors, per code, as ngrok's error catalog writes them.
_A_DESCRIPTION = "A description is limited to %(max)d characters; you have entered %(size)d characters."
_A_METADATA = "Metadata is limited to %(max)d characters; you have entered %(size)d characters."
_THE_DESCRIPTION = "The description is limited to %(max)d characters, but the provided value had %(size)d characters."
_THE_METADATA = "Metadata is limited to %(max)d characters, but the provided value had %(size)d characters."
LENGTH_MESSAGES = {
    100: "Invalid metadata length: %(size)d bytes. Max: %(max)d",
    420: _A_DESCRIPTION, 421: _A_METADATA, 504: _A_DESCRIPTION, 505: _A_METADATA, 604: _A_DESCRIPTION, 605: _A_METADATA,
    1421: "The IP Policy Rule description exceeds the maximum length of %(max)d, got %(size)d.",
    1914: _THE_DESCRIPTION, 1915: _THE_METADATA, 1916: _THE_DESCRIPTION, 1917: _THE_METADATA, 1937: _THE_DESCRIPTION,
    1938: _THE_METADATA, 1945: _THE_DESCRIPTION, 1946: _THE_METADATA, 1947: _THE_DESCRIPTION, 1948: _THE_METADATA,
    6700: _THE_DESCRIPTION, 6701: _THE_METADATA,
    18012: "The description field cannot be longer than %(max)d characters.",
    18013: "The metadata field cannot be longer than %(max)d characters.",
    19002: "Failed to validate Kubernetes Operator! Reason: the %(field)s is limited to %(max)d bytes, got %(size)d",
}


class Route:
    """One method + path template served by a handler.

    ``handler(ctx, params, body, query)`` returns ``(status, json_or_None)``.
    ``query`` lists the accepted query parameters and ``multi`` those that may
    repeat (handed over as lists); ``body`` says whether the method takes a JSON body.
    """

    def __init__(self, method, template, handler, query=(), body=None, multi=()):
        self.method = method
        self.template = template
        self.handler = handler
        self.query = tuple(query) + tuple(multi)
        self.multi = tuple(multi)
        self.body = method in ("POST", "PATCH", "PUT") if body is None else body
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
        self.regex = re.compile("^" + pattern + "$")


class Unique:
    """A uniqueness rule: no two records share ``fields`` within ``scope``."""

    def __init__(self, fields, code, msg, scope=()):
        self.fields = tuple(fields)
        self.scope = tuple(scope)
        self.code = code
        self.msg = msg

    def check(self, ctx, collection, record):
        """Raise the conflict error when another record has the same values."""
        keys = self.fields + self.scope
        if any(record.get(key) is None for key in self.fields):
            return
        for other in ctx.store.table(collection).values():
            if other["id"] != record["id"] and all(other.get(key) == record.get(key) for key in keys):
                raise conflict(self.code, self.msg % record)


def check_type(name, value, kind):
    """Raise ERR_NGROK_215 unless ``value`` has the declared JSON type."""
    good = {
        STRING: lambda v: isinstance(v, str),
        BOOLEAN: lambda v: isinstance(v, bool),
        INTEGER: lambda v: isinstance(v, int) and not isinstance(v, bool),
        STRINGS: lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
        OBJECT: lambda v: isinstance(v, dict),
        ANY: lambda v: True,
    }[kind](value)
    if not good:
        raise invalid_value(name)


class Resource:
    """Base class of every simulated resource.  Override the attributes below."""

    name = ""                 # singular snake name, e.g. "api_key"
    path = ""                 # collection path, e.g. "/api_keys"
    collection = None         # store key; defaults to the path without "/"
    list_key = ""             # items property of the list envelope, e.g. "keys"
    id_prefix = ""            # e.g. "ak"
    ops = ("create", "get", "list", "update", "delete")
    filterable_fields = ()    # fields a ?filter= may use (ngrok's table); () = the list takes no filter
    filter_aliases = {}       # other accepted filter names: alias -> field
    fields = ()               # response fields, in the order of ngrok's schema
    create_fields = {}        # body field -> type accepted by POST
    update_fields = {}        # body field -> type accepted by PATCH
    required = ()             # create fields that must be present
    enums = {}                # field -> allowed values
    defaults = {}             # server-side defaults applied on create
    omit_empty = ("description", "metadata")   # omitted from responses when ""
    timestamp_fields = ("created_at",)         # compared as CEL timestamps in filters
    refs = {}                 # response field -> (stored id field, target collection path)
    ref_lists = {}            # response field -> (stored id list field, target collection path)
    secret_on_create = ()     # response fields shown only in the create response (null afterwards)
    write_only = ()           # request fields never stored as given and never returned
    unique = ()               # Unique rules
    description_code = 215    # error code for a too long description (ngrok documents none common to all)
    metadata_code = 100       # error code for too long metadata
    empty_update_code = None  # error code for a PATCH without recognised fields (None: allowed)
    empty_update_message = None  # its text (default: "The <name> update failed because no values were provided. ...")
    missing_code = 215        # error code for a missing required field
    missing_message = None    # its text, with %s for the field (default: ERR_NGROK_215's)
    enum_code = 215           # error code for a value outside an enum
    enum_message = None       # its text (default: ERR_NGROK_215's)
    not_found_code = None     # error code of the 404 (None: plain "Resource not found")

    def __init__(self):
        if self.collection is None:
            self.collection = self.path.strip("/")
        lists = [name for name, kind in list(self.create_fields.items()) + list(self.update_fields.items()) if kind == STRINGS]
        self.filter_spec = FilterSpec(self.filterable_fields, self.filter_aliases, self.timestamp_fields, lists) \
            if self.filterable_fields else None

    @property
    def filterable(self):
        """True when the list endpoint accepts ``filter``."""
        return self.filter_spec is not None

    # -- routing ---------------------------------------------------------
    def routes(self):
        """The routes of this resource (standard CRUD plus ``extra_routes``)."""
        out = []
        item = self.path + "/{id}"
        list_query = ("before_id", "limit") + (("filter",) if self.filterable else ())
        table = {
            "create": Route("POST", self.path, lambda c, p, b, q: self.create(c, b)),
            "list": Route("GET", self.path, lambda c, p, b, q: self.list(c, q), query=list_query),
            "get": Route("GET", item, lambda c, p, b, q: self.get(c, p["id"])),
            "update": Route("PATCH", item, lambda c, p, b, q: self.update(c, p["id"], b)),
            "delete": Route("DELETE", item, lambda c, p, b, q: self.delete(c, p["id"])),
        }
        for op in self.ops:
            out.append(table[op])
        out.extend(self.extra_routes())
        return out

    def extra_routes(self):
        """Additional routes (sub-resources, actions).  Override as needed."""
        return []

    # -- helpers ---------------------------------------------------------
    def uri(self, ctx, record):
        """Absolute URI of a record."""
        return ctx.url("%s/%s" % (self.path, record["id"]))

    def lookup(self, ctx, ident):
        """The stored record or the plain 404."""
        record = ctx.store.get(self.collection, ident)
        if record is None:
            raise not_found()
        return record

    def check_body(self, body, allowed, creating):
        """Reject unknown fields and wrong types; drop nulls; check lengths and enums."""
        accepted = dict(allowed)
        if not creating:
            accepted.setdefault("id", STRING)
        for key in body:
            if key not in accepted:
                raise unknown_field(key, list(allowed))
        clean = {}
        for key, value in body.items():
            if value is None:
                continue
            check_type(key, value, accepted[key])
            clean[key] = value
        if not creating:
            clean.pop("id", None)
        if creating:
            for key in self.required:
                if key not in clean or clean[key] in ("", []):
                    if self.missing_message is None:
                        raise bad_request(self.missing_code, invalid_value_message(key))
                    raise bad_request(self.missing_code, self.missing_message.replace("%s", key))
        for key, allowed_values in self.enums.items():
            if key in clean and clean[key] not in allowed_values:
                raise bad_request(self.enum_code, self.enum_message or invalid_value_message(key))
        for field, limit, code in (("description", DESCRIPTION_MAX, self.description_code),
                                   ("metadata", METADATA_MAX, self.metadata_code)):
            value = clean.get(field)
            if isinstance(value, str) and len(value.encode("utf-8")) > limit:
                if code not in LENGTH_MESSAGES:
                    raise bad_request(code, invalid_value_message(field))
                raise bad_request(code, LENGTH_MESSAGES[code] % {"max": limit, "size": len(value.encode("utf-8")), "field": field})
        return clean

    def render(self, ctx, record, once=None):
        """The JSON response for a record.

        ``once`` holds values shown only in the create response (tokens).
        """
        once = once or {}
        out = {}
        for field in self.fields:
            if field == "uri":
                out[field] = self.uri(ctx, record)
            elif field in self.secret_on_create:
                out[field] = once.get(field)
            elif field in self.refs:
                stored, target = self.refs[field]
                value = record.get(stored)
                out[field] = ctx.ref(target, value) if value else None
            elif field in self.ref_lists:
                stored, target = self.ref_lists[field]
                out[field] = [ctx.ref(target, value) for value in record.get(stored) or []]
            else:
                value = record.get(field)
                if field in self.omit_empty and value in ("", None):
                    continue
                out[field] = copy.deepcopy(value)
        return out

    def filter_view(self, ctx, record):
        """What a ``filter`` reads of a record: its answer, unless the API filters on more than it answers."""
        return self.render(ctx, record)

    # -- hooks -----------------------------------------------------------
    def validate_create(self, ctx, body):
        """Validate and normalise a create body in place (after the generic checks)."""

    def on_create(self, ctx, record, body):
        """Fill computed fields of a new record; return one-time values (e.g. {"token": ...})."""
        return {}

    def validate_update(self, ctx, record, body):
        """Validate and normalise an update body in place."""

    def on_update(self, ctx, record, body, old):
        """Adjust the updated record (``record`` already has the body applied)."""

    def check_delete(self, ctx, record):
        """Raise an ApiError when the record cannot be deleted."""

    def on_delete(self, ctx, record):
        """Clean up after a delete (cascades)."""

    def advance(self, ctx):
        """Apply changes that come with time (e.g. a certificate being issued); called before every request."""

    # -- generic handlers -------------------------------------------------
    def create(self, ctx, body):
        """POST collection -> 201."""
        body = self.check_body(body, self.create_fields, creating=True)
        self.validate_create(ctx, body)
        record = {"id": ids.new_id(self.id_prefix), "created_at": ctx.now}
        for key, value in self.defaults.items():
            record[key] = copy.deepcopy(value)
        for key, value in body.items():
            if key not in self.write_only:
                record[key] = value
        for rule in self.unique:
            rule.check(ctx, self.collection, record)
        once = self.on_create(ctx, record, body)
        ctx.store.put(self.collection, record)
        return 201, self.render(ctx, record, once)

    def get(self, ctx, ident):
        """GET item -> 200."""
        return 200, self.render(ctx, self.lookup(ctx, ident))

    def list_records(self, ctx):
        """Records shown by the list endpoint, newest first."""
        return ctx.store.records(self.collection)

    def list(self, ctx, query):
        """GET collection -> 200 with the paged envelope."""
        return 200, page(ctx, self.list_records(ctx), self.list_key, self.path, query, self.filter_spec,
                         render=lambda record: self.render(ctx, record),
                         filter_view=lambda record: self.filter_view(ctx, record))

    def update(self, ctx, ident, body):
        """PATCH item -> 200 with the whole updated object."""
        record = self.lookup(ctx, ident)
        body = self.check_body(body, self.update_fields, creating=False)
        if not body and self.empty_update_code is not None:
            raise bad_request(self.empty_update_code, self.empty_update_message or "The %s update failed because no values were "
                              "provided. Specify at least one value." % self.name.replace("_", " "))
        self.validate_update(ctx, record, body)
        new = copy.deepcopy(record)
        for key, value in body.items():
            if key not in self.write_only:
                new[key] = value
        self.on_update(ctx, new, body, record)
        for rule in self.unique:
            rule.check(ctx, self.collection, new)
        ctx.store.put(self.collection, new)
        return 200, self.render(ctx, new)

    def delete(self, ctx, ident):
        """DELETE item -> 204."""
        record = self.lookup(ctx, ident)
        self.check_delete(ctx, record)
        ctx.store.delete(self.collection, ident)
        self.on_delete(ctx, record)
        return 204, None
