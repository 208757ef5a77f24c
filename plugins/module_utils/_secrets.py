# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Secret values in what a task is given, to mask them in everything it returns (private to this collection).

The names come from the declarations: an option is secret where some resource declares it ``no_log`` (at any depth of
its suboptions) or shows its value only once. The masking must hold whatever the input is, right or wrong.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._data import scalar_texts
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import ALL_RESOURCES


def _spec_names(spec, secret):
    """The option names of an argument spec at any depth (suboptions included) that are (``secret``) or are not no_log."""
    names = set()
    for name, option in (spec or {}).items():
        if bool(option.get("no_log")) == secret:
            names.add(name)
        names |= _spec_names(option.get("options"), secret)
    return names


def secret_option_names():
    """Every option name whose value is secret in some declaration: the no_log options at any depth (a secret's value,
    a private key, an event target's secrets) and the values the API shows only once (tokens)."""
    names = set()
    for resource in ALL_RESOURCES:
        names |= _spec_names(resource.argument_spec(), True)
        names |= set(resource.shown_once)
    return names


def option_names():
    """Every option name of every declaration, at any depth, that is not secret in any of them."""
    names = set()
    for resource in ALL_RESOURCES:
        names |= _spec_names(resource.argument_spec(), False)
    return names - secret_option_names()


def values_under_secret_keys(value, secret_names=None):
    """Every value under a key that is secret in some declaration (``value``, ``private_key_pem``, an event target's
    ``client_secret``, ``token``...), at any depth of ``value``."""
    secret_names = secret_option_names() if secret_names is None else secret_names
    found = []
    if isinstance(value, dict):
        for key, nested in value.items():
            found.extend(scalar_texts(nested) if key in secret_names else values_under_secret_keys(nested, secret_names))
    elif isinstance(value, (list, tuple)):
        for nested in value:
            found.extend(values_under_secret_keys(nested, secret_names))
    return found


def secret_values(resources):
    """Every value of a task's ``resources`` that could be secret, whatever shape the input has, so that it is masked
    before anything is checked: the values under secret keys at any depth (unknown types, malformed items and the
    API's path names for types included), and at the level of an item, the values of options that no declaration
    has (a misspelled ``vaule`` may hold the secret) and items that are not mappings."""
    secret, known = secret_option_names(), option_names() | set(item_argument_spec_names())
    found = values_under_secret_keys(resources, secret)

    def item(entry):
        if not isinstance(entry, dict):
            found.extend(scalar_texts(entry))
            return
        for key, nested in entry.items():
            if key not in known:
                found.extend(scalar_texts(nested))
            elif isinstance(nested, list) and any(r.children is not None and r.children.option == key for r in ALL_RESOURCES):
                for child in nested:
                    item(child)

    for entries in (resources.values() if isinstance(resources, dict) else [resources]):
        for entry in entries if isinstance(entries, list) else [entries]:
            item(entry)
    return set(found)


def item_argument_spec_names():
    """The options an item of any type has besides its declaration's (state, id, replace, the write-only policy)."""
    names = set(["state", "id", "replace"])
    names.update(r.write_only_option for r in ALL_RESOURCES if r.write_only_option)
    names.update(r.children.purge_option for r in ALL_RESOURCES if r.children is not None)
    return names
