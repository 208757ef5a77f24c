# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""An ngrok account as the ``resources`` of ``ngrok.ngrok.ngrok_apply`` (private to this collection).

``ngrok.ngrok.ngrok_account_info`` reads one paged listing per type (:func:`read_account`) and turns the listings
into options (:class:`AccountExport`, which sends nothing), from the declarations alone:

* every object of a type with only the options its module takes: no read-only or server-assigned field, no value
  equal to the API's default (``Field.api_default``), each in the option's form (``Field.to_option``);
* items in a stable order: by natural key, then id. An object whose natural key is empty, or shared with another
  object of its type, is designated by ``id`` (``ngrok_apply`` refuses two items with one key);
* references by the target's natural key where that key is unique in the account, by id otherwise;
* inline children (the rules of an IP policy) under their parent, with the parent's purge option, when both
  types are exported;
* values the API never returns (secret values, private keys, event target secrets) as placeholders naming a
  variable, listed for a vault template; tokens are never read;
* what another account cannot hold as it is, flagged with the reason.

``_yaml_text.dump_yaml`` writes the result as a YAML vars file that diffs well (block style, one object per entry, values
that Ansible would template marked ``!unsafe``, the same bytes for the same account).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from collections import OrderedDict

from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import NO_DEFAULT
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import ALL_RESOURCES, by_plural
from ansible_collections.ngrok.ngrok.plugins.module_utils._yaml_text import Placeholder, dump_yaml

DEFAULT_VARIABLE = "ngrok_account"
# The placeholder of a value the API never returns: the variable of the vault template, or no option at all when
# the variable is unset or empty (an object that exists keeps its value; only a create needs one).
PLACEHOLDER = "{{{{ {0} | default(omit, true) }}}}"
VAULT_PREFIX = "vault_ngrok_"


def exportable_resources():
    """The types an export writes: those the API lists, a task creates, and a natural key finds again (every type
    with a resource module that takes ``state=present``), in the registry's order."""
    return [r for r in ALL_RESOURCES
            if r.list_key is not None and r.identity_groups and any(f.create for f in r.fields)]


def exportable_types():
    return [r.plural for r in exportable_resources()]


def inline_parent(resource, chosen):
    """The chosen resource that holds ``resource`` as inline children (IP policies for rules), or None."""
    for parent in chosen:
        if parent.children is not None and parent.children.resource is resource:
            return parent
    return None


def _owner_fields(resource):
    return [f for f in resource.fields if f.owner]


def resources_to_read(chosen):
    """Every type whose listing the export of ``chosen`` needs: the types themselves, the targets of their
    references (to know whether a key is unique), service users and API keys where an object has an owner (to
    tell service users from users, and who exports), and the types whose objects say which of the chosen objects
    ngrok made (the reserved domains whose managed certificates are listed with the uploaded ones)."""
    needed = []

    def add(resource):
        if resource is not None and resource not in needed:
            needed.append(resource)

    for resource in chosen:
        add(resource)
        members = [resource] + ([resource.children.resource] if resource.children is not None else [])
        for member in members:
            for ref in member.references:
                add(ref.target)
            for field in member.fields:
                if field.refers_by_id is not None:
                    add(by_plural(field.refers_by_id))
            if _owner_fields(member):
                add(by_plural("service_users"))
                add(by_plural("api_keys"))
    for resource in ALL_RESOURCES:
        for field in resource.fields:
            if field.derived_when is not None and field.refers_by_id is not None and \
                    by_plural(field.refers_by_id) in chosen:
                add(resource)
    return [r for r in ALL_RESOURCES if r in needed]


def read_account(client, resources):
    """{plural: [objects]}: one paged listing of each resource."""
    return OrderedDict((r.plural, client.list(r.path, r.list_key)) for r in resources)


# -- values ----------------------------------------------------------------------------------------------------

def _empty(value):
    return value is None or (isinstance(value, (str, list, dict)) and len(value) == 0)


def _canonical(value, as_set=False):
    if as_set and isinstance(value, list):
        return sorted(json.dumps(v, sort_keys=True) for v in value)
    return json.dumps(value, sort_keys=True)


def _text(value):
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def _short(text, size=48):
    text = str(text)
    return text if len(text) <= size else text[:size - 3] + "..."


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def _in_scope(resource, obj):
    return all(obj.get(k) == v for k, v in resource.scope.items())


def _key(field, value):
    """A value of ``field`` in the form two values that designate the same object share."""
    value = field.normalize(value)
    if value is not None and not _empty(value):
        value = field.compare_as(value)
    return _canonical(value, as_set=field.as_set)


def _without_spec_defaults(field, value):
    """A mapping option without the sub-options equal to their documented default (``authority: letsencrypt``)."""
    options = field.spec.get("options") if field.spec.get("type") == "dict" else None
    if not options or not isinstance(value, dict):
        return value
    kept = OrderedDict()
    for key, item in value.items():
        sub = options.get(key) or {}
        if "default" in sub and not sub.get("required") and item == sub["default"]:
            continue
        kept[key] = item
    return kept


def _walk(value, path):
    for key in path:
        if not isinstance(value, dict) or not isinstance(value.get(key), dict):
            return None
        value = value[key]
    return value


class _Entry(object):
    """One exported object: its item (the options), what designates it, what it names, why it is not portable."""

    def __init__(self, resource, obj):
        self.resource = resource
        self.obj = obj
        self.item = OrderedDict()
        self.by_id = False
        self.key_values = []
        self.reasons = []
        self.targets = []
        # (container, key, option path) of each value the API never returns.
        self.slots = []
        self.children = []
        # (option, target type, "key" or "id") of each reference to another object.
        self.references = []

    @property
    def id(self):
        return self.obj.get("id")

    @property
    def label(self):
        if self.by_id or not self.key_values:
            return self.id
        return "/".join(_short(_text(v)) for v in self.key_values)

    @property
    def sort_key(self):
        return (tuple(_text(v) for v in self.key_values), self.id or "")


class AccountExport(object):
    """The export of the ``chosen`` resources from ``listings`` ({plural: objects}, see :func:`resources_to_read`).

    ``own_key_id`` is the id of the API key the export runs with: its owner is the user whose objects need no owner
    in the export. ``variable`` names the variable of the vars file."""

    def __init__(self, listings, chosen, own_key_id=None, variable=DEFAULT_VARIABLE):
        self.chosen = list(chosen)
        self.variable = variable
        self.objects = OrderedDict()
        self.by_id = {}
        for resource in ALL_RESOURCES:
            if resource.plural in listings:
                objects = [o for o in listings[resource.plural] or [] if _in_scope(resource, o)]
                self.objects[resource.plural] = objects
                self.by_id[resource.plural] = dict((o.get("id"), o) for o in objects)
        self._key_counts = {}
        self.service_user_ids = set(self.by_id.get("service_users", {}))
        self.principal = self._principal(own_key_id)
        self.made_by_ngrok = self._made_by_ngrok()
        self.entries = OrderedDict()
        self.inline = []
        self.placeholders = []

    # -- what the listings say -------------------------------------------------------------------------

    def _principal(self, own_key_id):
        """The user the export runs as: the owner of its API key when the listing has it, else the user who owns the
        most objects (a single-user account's one user)."""
        own = self.by_id.get("api_keys", {}).get(own_key_id)
        if own and own.get("owner_id"):
            return own["owner_id"]
        counts = {}
        for plural, objects in self.objects.items():
            fields = _owner_fields(by_plural(plural))
            for obj in objects:
                for field in fields:
                    owner = field.read(obj)
                    if owner and owner not in self.service_user_ids:
                        counts[owner] = counts.get(owner, 0) + 1
        if not counts:
            return None
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]

    def _made_by_ngrok(self):
        """{collection path: {id: why}} of the objects ngrok made for another one (a domain's managed certificate)."""
        made = {}
        for plural, objects in self.objects.items():
            resource = by_plural(plural)
            for field in resource.fields:
                if field.derived_when is None or field.refers_by_id is None:
                    continue
                for obj in objects:
                    if field.derived_when(obj) and field.read(obj):
                        made.setdefault(by_plural(field.refers_by_id).path, {}).setdefault(field.read(obj), "ngrok made it for {0} {1}".format(
                            resource.human, self._display(resource, obj)))
        return made

    def _display(self, resource, obj):
        values = [field.read(obj) for field in resource.identity_fields if not field.refers_by_id]
        values = [v for v in values if not _empty(v)]
        return "/".join(_short(_text(v)) for v in values) if values else obj.get("id")

    def key_counts(self, resource, field):
        """{key: number of objects of ``resource`` whose ``field`` has it}."""
        name = (resource.plural, field.name)
        if name not in self._key_counts:
            counts = {}
            for obj in self.objects.get(resource.plural, []):
                key = _key(field, field.read(obj))
                counts[key] = counts.get(key, 0) + 1
            self._key_counts[name] = counts
        return self._key_counts[name]

    @staticmethod
    def identity_key(resource, obj):
        """What designates ``obj`` among its type's objects (the first non-empty field of each identity group), or None
        when a group has no value."""
        parts = []
        for _group, fields in resource.identity_groups:
            values = [(f.name, _key(f, f.read(obj))) for f in fields if not _empty(f.read(obj))]
            if not values:
                return None
            parts.append(values[0])
        return tuple(parts)

    # -- one object ------------------------------------------------------------------------------------

    def entry(self, resource, obj, parent=None):
        entry = _Entry(resource, obj)
        made = self.made_by_ngrok.get(resource.path, {}).get(obj.get("id"))
        if made:
            # ngrok makes it again for its object: nothing to give, only to keep (a prune must not delete it).
            entry.by_id = True
            entry.item["id"] = obj.get("id")
            entry.reasons.append("{0}; it is listed by id so that a prune keeps it, and another account gets its "
                                 "own".format(made))
            return entry
        parent_field = parent.children.parent_field if parent is not None else None
        if parent is None:
            key = self.identity_key(resource, obj)
            if key is None:
                entry.by_id = True
                entry.reasons.append("it has no {0}, so only its id designates it; another account does not have "
                                     "that id".format(self._missing_key(resource, obj)))
            elif self._identity_count(resource, key) > 1:
                entry.by_id = True
                entry.reasons.append("{0} {1} share its natural key ({2}), so its id designates it; another account "
                                     "does not have that id".format(self._identity_count(resource, key),
                                                                    resource.plural.replace("_", " "),
                                                                    self._display(resource, obj)))
            if entry.by_id:
                entry.item["id"] = obj.get("id")
        fields = [f for f in resource.fields if f.identity] + [f for f in resource.fields if not f.identity]
        for field in fields:
            if field is parent_field:
                continue
            self.option(entry, field)
        for key in resource.assigned:
            if not _empty(obj.get(key)):
                value = _text(obj.get(key))
                # Short values help (an address); long ones (a key, a certificate) only fill the line.
                shown = " ({0})".format(value) if len(value) <= 80 else ""
                entry.reasons.append("ngrok assigned its {0}{1}: another account gets another".format(key, shown))
        children = resource.children
        if children is not None and parent is None and self.exports(children.resource):
            rows = [o for o in self.objects.get(children.resource.plural, [])
                    if children.parent_field.read(o) == obj.get("id")]
            kids = [self.entry(children.resource, row, parent=resource) for row in rows]
            kids.sort(key=lambda kid: (_key(children.key, children.key.read(kid.obj)), kid.id or ""))
            entry.children = kids
            entry.item[children.option] = [kid.item for kid in kids]
            entry.item[children.purge_option] = True
            for kid in kids:
                entry.reasons.extend("{0} {1}: {2}".format(children.key.name, kid.label, r) for r in kid.reasons)
                entry.slots.extend(kid.slots)
                entry.targets.extend(kid.targets)
        return entry

    def _missing_key(self, resource, obj):
        for _group, fields in resource.identity_groups:
            if all(_empty(f.read(obj)) for f in fields):
                return " or ".join(f.name for f in fields)
        return "natural key"

    def _identity_count(self, resource, key):
        name = (resource.plural, "(identity)")
        if name not in self._key_counts:
            counts = {}
            for other in self.objects.get(resource.plural, []):
                other_key = self.identity_key(resource, other)
                if other_key is not None:
                    counts[other_key] = counts.get(other_key, 0) + 1
            self._key_counts[name] = counts
        return self._key_counts[name].get(key, 0)

    def option(self, entry, field):
        """Set ``field``'s option (or its reference's) in ``entry.item``, as the object has it."""
        resource, obj, item = entry.resource, entry.obj, entry.item
        if not field.create:
            return
        if field.write_only:
            entry.slots.append((item, field.name, field.name))
            item[field.name] = None
            return
        if not field.compare:
            # The API accepts the value but does not answer it (a domain's deprecated region): nothing to read.
            return
        if field.derived_when is not None and field.derived_when(obj):
            return
        if field.owner:
            owner = field.read(obj)
            if _empty(owner):
                return
            if owner not in self.service_user_ids:
                if self.principal is not None and owner != self.principal:
                    entry.reasons.append("it belongs to user {0}, not to the user of this export's API key: created "
                                         "from this export, it belongs to the user of the API key that creates "
                                         "it".format(owner))
                return
            if resource.reference_for(field) is None:
                entry.item[field.name] = owner
                entry.targets.append(("service_users", owner))
                entry.reasons.append("{0} names a service user by id, which another account does not have".format(
                    field.name))
                entry.references.append((field.name, "service_users", "id"))
                return
        ref = resource.reference_for(field)
        if ref is not None:
            self.reference(entry, field, ref)
            return
        if field.refers_by_id is not None:
            if field.identity and any(f is not field and f.identity_group == field.identity_group and not
                                      _empty(f.read(obj)) for f in resource.fields):
                # A key of the same object designates it (a secret's vault_name beside its vault_id).
                return
            self.id_reference(entry, field)
            return
        value = field.read(obj)
        if value is not None and not _empty(value):
            value = field.to_option(field.normalize(value))
        default = field.api_default(obj)
        if _empty(value):
            if default is not NO_DEFAULT and not _empty(default) and field.clear_option is not None:
                item[field.name] = field.clear_option
            return
        if default is not NO_DEFAULT and _canonical(value, field.as_set) == _canonical(default, field.as_set):
            return
        value = _without_spec_defaults(field, value)
        if field.as_set and isinstance(value, list):
            value = sorted(value, key=_text)
        for path in field.secret_paths:
            holder = _walk(value, path[:-1])
            if holder is not None:
                entry.slots.append((holder, path[-1], ".".join((field.name,) + tuple(path))))
                holder[path[-1]] = None
        problem = field.not_portable(value)
        if problem:
            entry.reasons.append(problem)
        if field.identity:
            entry.key_values.append(value)
            self.key_of_sibling(entry, field)
        item[field.name] = value

    def key_of_sibling(self, entry, field):
        """A key that stands for an id of the same identity group (a secret's vault_name for its vault_id) is a
        reference by key to the object the id designates."""
        for sibling in entry.resource.fields:
            if sibling is field or sibling.refers_by_id is None or sibling.identity_group != field.identity_group:
                continue
            target = by_plural(sibling.refers_by_id)
            if target is None:
                continue
            entry.targets.append((target.plural, sibling.read(entry.obj)))
            entry.references.append((field.name, target.plural, "key"))

    def reference(self, entry, field, ref):
        obj = entry.obj
        value = field.read(obj)
        ids = [i for i in (value if ref.many else [value]) if not _empty(i)]
        if not ids:
            return
        key_field = ref.target.field(ref.key)
        counts = self.key_counts(ref.target, key_field)
        keys, problems = [], []
        for object_id in ids:
            target = self.by_id.get(ref.target.plural, {}).get(object_id)
            if target is None:
                problems.append("{0} is not one of the account's {1}".format(object_id, ref.target.plural.replace("_", " ")))
                continue
            key = key_field.read(target)
            if _empty(key):
                problems.append("{0} {1} has no {2}".format(ref.target.human, object_id, ref.key))
            elif counts.get(_key(key_field, key), 0) > 1:
                problems.append("{0} {1} have the {2} {3!r}".format(
                    counts[_key(key_field, key)], ref.target.plural.replace("_", " "), ref.key, key))
            else:
                keys.append(key)
        entry.targets.extend((ref.target.plural, i) for i in ids)
        if not problems:
            option, written, form = ref.option, (keys if ref.many else keys[0]), "key"
        else:
            option, written, form = field.name, (ids if ref.many else ids[0]), "id"
            entry.reasons.append("{0} names {1} by id ({2}): another account does not have that id".format(
                field.name, ref.target.plural.replace("_", " ") if ref.many else ref.target.a_human, "; ".join(problems)))
        if ref.many and field.as_set:
            written = sorted(written)
        entry.item[option] = written
        if field.identity:
            entry.key_values.append(written)
        entry.references.append((option, ref.target.plural, form))

    def id_reference(self, entry, field):
        """A field that holds another object's id and has no option naming it by key."""
        value = field.read(entry.obj)
        if _empty(value):
            return
        target = by_plural(field.refers_by_id)
        plural = field.refers_by_id
        entry.targets.append((plural, value))
        entry.item[field.name] = value
        if field.identity:
            # Its group has no other value: the id is all there is.
            entry.key_values.append(value)
        entry.reasons.append("{0} names {1} by id, which another account does not have".format(
            field.name, target.a_human))
        entry.references.append((field.name, plural, "id"))

    # -- the whole export ------------------------------------------------------------------------------

    def exports(self, resource):
        return resource in self.chosen

    def run(self):
        for resource in self.chosen:
            parent = inline_parent(resource, self.chosen)
            if parent is not None:
                children = parent.children
                self.inline.append(OrderedDict([("type", resource.plural), ("parent", parent.plural),
                                                ("option", children.option), ("purge_option", children.purge_option)]))
                continue
            entries = [self.entry(resource, obj) for obj in self.objects.get(resource.plural, [])]
            entries.sort(key=lambda e: e.sort_key)
            self.entries[resource.plural] = entries
        self.flag_dependents()
        self.name_placeholders()
        return self

    def flag_dependents(self):
        """An object that names an object another account cannot hold as it is cannot be carried either."""
        flagged = {}
        for plural, entries in self.entries.items():
            for entry in entries:
                if entry.reasons:
                    flagged[(plural, entry.id)] = entry
        changed = True
        while changed:
            changed = False
            for plural, entries in self.entries.items():
                for entry in entries:
                    for target in entry.targets:
                        other = flagged.get(target)
                        if other is None or other is entry:
                            continue
                        reason = "it names {0} {1}, which another account cannot hold as it is".format(
                            other.resource.human, other.label)
                        if reason not in entry.reasons:
                            entry.reasons.append(reason)
                            flagged[(plural, entry.id)] = entry
                            changed = True

    def name_placeholders(self):
        """A variable for each value the API never returns, named after the object and the option."""
        used = set()
        for plural, entries in self.entries.items():
            for entry in entries:
                for holder, key, option in entry.slots:
                    base = VAULT_PREFIX + "_".join(p for p in (entry.resource.name, _slug(entry.label),
                                                               _slug(option.split(".")[-1])) if p)
                    name = base
                    if name in used:
                        name = "{0}_{1}".format(base, _slug(entry.id))
                    suffix = 2
                    while name in used:
                        name = "{0}_{1}".format(base, suffix)
                        suffix += 1
                    used.add(name)
                    holder[key] = Placeholder(PLACEHOLDER.format(name))
                    self.placeholders.append(OrderedDict([("variable", name), ("type", plural),
                                                          ("object", entry.label), ("option", option)]))

    # -- results ---------------------------------------------------------------------------------------

    def resources(self):
        return OrderedDict((plural, [e.item for e in entries]) for plural, entries in self.entries.items())

    def prune(self):
        """The exported types that hold objects. A type with none stays out: ngrok_apply refuses to prune a type that
        its resources leave empty (unless told that deleting every object of it is meant), and an object made there
        later by hand shows in the next export."""
        return [plural for plural, entries in self.entries.items() if entries]

    def not_portable(self):
        found = []
        for plural, entries in self.entries.items():
            for entry in entries:
                if entry.reasons:
                    found.append(OrderedDict([("type", plural), ("object", entry.label), ("id", entry.id),
                                              ("reasons", list(entry.reasons))]))
        return found

    def reference_list(self):
        return [OrderedDict([("type", entry.resource.plural), ("object", entry.label), ("option", option),
                             ("target", target), ("by", form)])
                for entries in self.entries.values() for entry in entries
                for option, target, form in entry.references]

    def counts(self):
        counts = OrderedDict((plural, len(entries)) for plural, entries in self.entries.items())
        for inline in self.inline:
            counts[inline["type"]] = sum(len(e.children) for e in self.entries.get(inline["parent"], []))
        return counts

    def result(self):
        return {
            "resources": self.resources(),
            "prune": self.prune(),
            "counts": self.counts(),
            "inline": list(self.inline),
            "references": self.reference_list(),
            "placeholders": list(self.placeholders),
            "not_portable": self.not_portable(),
            "vars_file": self.vars_file(),
            "vault_template": self.vault_template(),
        }

    def vars_file(self):
        total = sum(self.counts().values())
        header = [
            "The ngrok account as code, exported by ngrok.ngrok.ngrok_account_info: {0} objects of {1} types.".format(
                total, len(self.counts())),
            "Converge an account to it with ngrok.ngrok.ngrok_apply:",
            "  resources: \"{{{{ {0} }}}}\"".format(self.variable),
            "  prune: \"{{{{ {0}_prune }}}}\"".format(self.variable),
            "Values the API never returns come from the variables of the vault template ({0}...).".format(VAULT_PREFIX),
            "\"# not portable:\" marks what another account cannot hold as it is.",
        ]
        tokens = [plural for plural in self.entries if by_plural(plural).shown_once]
        if tokens:
            header.append("The tokens of {0} are never exported: objects created from this file get new ones.".format(
                ", ".join(tokens)))
        comments = {}
        for entries in self.entries.values():
            for entry in entries:
                if entry.reasons:
                    comments[id(entry.item)] = ["not portable: " + r for r in entry.reasons]
        document = OrderedDict([(self.variable, self.resources()), (self.variable + "_prune", self.prune())])
        return dump_yaml(document, header, comments)

    def vault_template(self):
        header = [
            "The values the ngrok API never returns, for the objects of the export in {0}.".format(self.variable),
            "Fill in the values, then encrypt the file: ansible-vault encrypt FILE.",
            "An empty value leaves its option out: enough for an object that exists, whose value the API keeps, but a",
            "create needs the value (and an event destination's target needs its secret in every run).",
        ]
        comments = {}
        document = OrderedDict()
        for placeholder in self.placeholders:
            document[placeholder["variable"]] = ""
            comments[placeholder["variable"]] = ["{0} {1}: {2}".format(placeholder["type"], placeholder["object"],
                                                                       placeholder["option"])]
        return dump_yaml(document, header, comments)


def export_account(listings, chosen, own_key_id=None, variable=DEFAULT_VARIABLE):
    """The result of ``ngrok_account_info`` for the ``chosen`` resources, from their listings."""
    return AccountExport(listings, chosen, own_key_id=own_key_id, variable=variable).run().result()
