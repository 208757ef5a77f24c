# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print a JSON list of COUNT fresh SSH public key lines of TYPE (ed25519, ecdsa, rsa), each with COMMENT-<n>.

The private keys are thrown away: the tests only need public keys that no account holds yet.
"""

import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa


def generate(kind):
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if kind == "ecdsa":
        return ec.generate_private_key(ec.SECP256R1())
    return ed25519.Ed25519PrivateKey.generate()


def main():
    count, kind, comment = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    lines = []
    for number in range(1, count + 1):
        public = generate(kind).public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        lines.append("%s %s-%d" % (public.decode("ascii"), comment, number))
    print(json.dumps(lines))


if __name__ == "__main__":
    main()
