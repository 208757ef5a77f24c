# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Options that SSH host and user certificates share."""

    # For ngrok_ssh_host_certificate and ngrok_ssh_user_certificate.
    DOCUMENTATION = r"""
options:
  state:
    description:
      - V(present) issues the certificate when the CA has none for the key, and updates what differs.
      - V(absent) deletes the certificate when it exists. Copies already installed stay valid until they expire;
        deleting a certificate in ngrok does not revoke them.
    type: str
    choices: [present, absent]
    default: present
  ssh_certificate_authority_id:
    description:
      - ID of the SSH certificate authority that signs the certificate (C(sshca_...)).
      - Part of the identity. Mutually exclusive with O(ssh_certificate_authority_description). Cannot change once the
        certificate is issued; see O(replace).
    type: str
  ssh_certificate_authority_description:
    description:
      - The signing CA, named by its description instead of its id (one extra request). More than one CA with this
        description is an error that lists their ids.
      - In check mode, a CA that does not exist yet gives a warning and a predicted certificate without CA id.
    type: str
  valid_after:
    description:
      - When the certificate becomes valid, an RFC 3339 timestamp with a time zone (V(2026-12-01T00:00:00Z)). The
        API uses the moment of issue when it is not given.
      - Compared, only when given, as the instant it names in whole seconds (V(2026-12-01T01:00:00+01:00) is
        V(2026-12-01T00:00:00Z)); sent in UTC. Cannot change once the certificate is issued; see O(replace).
    type: str
  description:
    description:
      - Human-readable description of the certificate, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the certificate, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
"""

    # For ngrok_ssh_host_certificate_info and ngrok_ssh_user_certificate_info.
    INFO = r"""
options:
  ssh_certificate_authority_id:
    description:
      - Only certificates signed by the SSH certificate authority with this ID (C(sshca_...)).
    type: str
  public_key:
    description:
      - Only certificates of this public key (OpenSSH format), compared by key type and base64 data (the comment
        does not matter).
    type: str
  description:
    description:
      - Only certificates with exactly this description.
    type: str
"""
