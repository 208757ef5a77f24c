# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A become plugin for the agent_credentials scenario only: it escalates nothing, it writes down every command it is
asked to run with privileges, then runs it as it is. verify.yml uses it to see which tasks of the role would have run
with the play's become."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: molecule_record
short_description: Record the commands to escalate, and run them unchanged (a test stand-in)
description:
  - Appends each command that would run with privileges to the file O(log), one per line, then runs the command as
    the user it would have run as anyway.
author: ngrok.ngrok collection
options:
  become_user:
    description: Not used; a user name is needed for Ansible to apply become at all.
    default: root
    vars:
      - name: ansible_become_user
    keyword:
      - name: become_user
  log:
    description: The file the commands are appended to.
    required: true
    vars:
      - name: molecule_become_log
"""

import shlex

from ansible.plugins.become import BecomeBase


class BecomeModule(BecomeBase):

    name = 'molecule_record'

    def build_become_command(self, cmd, shell):
        super(BecomeModule, self).build_become_command(cmd, shell)
        if not cmd:
            return cmd
        return 'echo %s >> %s; %s' % (shlex.quote(cmd), shlex.quote(self.get_option('log')), cmd)
