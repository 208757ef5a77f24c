# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Write a module's EXAMPLES, as ansible-doc prints them, into a playbook for localhost.

usage: examples_playbook.py MODULE PLAYBOOK [OLD=NEW ...]   (each OLD text of the examples is replaced by NEW)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import subprocess
import sys


def main():
    module, playbook = sys.argv[1:3]
    doc = json.loads(subprocess.check_output([sys.executable, "-m", "ansible.cli.doc", "--json", module]))
    examples = doc[module]["examples"]
    for pair in sys.argv[3:]:
        old, new = pair.split("=", 1)
        if old not in examples:
            sys.exit("the examples of {0} no longer hold {1!r}".format(module, old))
        examples = examples.replace(old, new)
    with open(playbook, "w") as handle:
        handle.write("- hosts: localhost\n  gather_facts: false\n  tasks:\n")
        for line in examples.splitlines():
            handle.write(("    " + line if line.strip() else "") + "\n")


if __name__ == "__main__":
    main()
