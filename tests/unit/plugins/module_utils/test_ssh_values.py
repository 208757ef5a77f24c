# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""OpenSSH public keys and RFC 3339 timestamps, as the SSH declarations compare them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import (
    check_ssh_public_key,
    ssh_key_curve,
    ssh_key_material,
    ssh_key_type,
    ssh_rsa_bits,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import check_rfc3339, normalize_rfc3339
from ansible_collections.ngrok.ngrok.tests.unit.plugins.ssh_keys import public_key


@pytest.mark.parametrize("kind,name", [("ed25519", "ed25519"), ("ecdsa", "ecdsa"), ("rsa", "rsa")])
def test_a_key_line_is_checked_typed_and_compared_without_its_comment(kind, name):
    line = public_key(kind, comment="me@laptop")
    assert check_ssh_public_key(line) is None
    assert ssh_key_type(line) == name
    material = ssh_key_material(line)
    assert material == " ".join(line.split()[:2])
    assert ssh_key_material("  " + material.replace(" ", "\t ") + "   other comment with spaces\n") == material
    assert ssh_key_material(material) == material


@pytest.mark.parametrize("line,problem", [
    ("", "expected an OpenSSH public key line"),
    ("ssh-ed25519", "expected an OpenSSH public key line"),
    ("ssh-ed25519 not-base64!", "is not base64"),
    ("ssh-ed25519 AAAA", "truncated"),
    ("-----BEGIN PUBLIC KEY----- MCowBQYDK2VwAyEA -----END PUBLIC KEY-----", "not PEM"),
])
def test_what_is_not_an_openssh_key_line_is_refused_with_a_reason(line, problem):
    assert problem in check_ssh_public_key(line)


@pytest.mark.parametrize("text", [
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "-----END OPENSSH PRIVATE KEY-----\n",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAexample\n-----END RSA PRIVATE KEY-----",
    "  -----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIexample\n-----END PRIVATE KEY-----",
    "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPrivate-Lines: 1\nAAAAIexample\n",
], ids=["openssh", "pkcs1", "pkcs8", "putty"])
def test_a_private_key_is_named_so_without_being_quoted(text):
    problem = check_ssh_public_key(text)
    assert problem.startswith("this is a private key; give the public key (the .pub file")
    assert "never the private key" in problem and "PKCS8" not in problem and "example" not in problem


def test_a_key_whose_data_is_another_type_is_refused():
    rsa_data = public_key("rsa").split()[1]
    assert "is not a ssh-ed25519 key" in check_ssh_public_key("ssh-ed25519 " + rsa_data)


@pytest.mark.parametrize("bits", [2048, 4096])
def test_the_modulus_size_of_an_rsa_key(bits):
    assert ssh_rsa_bits(public_key("rsa", bits=bits)) == bits
    assert ssh_rsa_bits(public_key("ed25519")) is None
    assert ssh_rsa_bits("ssh-rsa garbage") is None


@pytest.mark.parametrize("curve", ["p256", "p384", "p521"])
def test_the_curve_of_an_ecdsa_key(curve):
    assert ssh_key_curve(public_key("ecdsa", curve=curve)) == curve
    assert ssh_key_curve(public_key("ed25519")) == ""


@pytest.mark.parametrize("written", [
    "2030-01-01T00:00:00Z", "2030-01-01t00:00:00z", "2030-01-01T01:00:00+01:00", "2029-12-31T19:30:00-04:30",
    "2030-01-01T00:00:00.999Z", " 2030-01-01 00:00:00+00:00 ",
])
def test_timestamps_are_compared_as_instants_in_whole_seconds(written):
    assert check_rfc3339(written) is None
    assert normalize_rfc3339(written) == "2030-01-01T00:00:00Z"


@pytest.mark.parametrize("written", ["2030-01-01", "2030-01-01T00:00:00", "tomorrow", "2030-13-01T00:00:00Z",
                                     "2030-01-01T00:00:00+24:00", "2030-02-30T00:00:00Z"])
def test_what_is_not_an_instant_is_refused(written):
    assert "expected an RFC 3339 timestamp with a time zone" in check_rfc3339(written)
    assert normalize_rfc3339(written) == written


def test_year_one_keeps_four_digits():
    assert normalize_rfc3339("0001-01-01T00:00:00Z") == "0001-01-01T00:00:00Z"
