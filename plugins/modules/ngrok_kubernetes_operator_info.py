#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_kubernetes_operator_info
short_description: List the ngrok Kubernetes operators registered in an ngrok account
version_added: 0.2.0
description:
  - Read one Kubernetes operator by id, or every Kubernetes operator of the account, optionally narrowed by
    description, region, deployment, cluster or enabled feature. Reads every page of the list.
  - Each running ngrok Kubernetes operator registers itself in the account when it starts, updates its record
    (features, version, bindings certificate) and removes it when it is uninstalled; ngrok documents these API paths
    as meant for the operator, so the collection only reads them. Manage the operator with its Helm chart or its
    C(KubernetesOperator) resource in the cluster.
  - The API cannot filter operators, so there is no C(filter) option; the narrowing options are checked on the
    listed operators.
  - With O(bound_endpoints=true), each operator found also gets the endpoints bound to it, the Kubernetes-bound
    endpoints its endpoint selectors select (one more listing per operator).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one operator (C(k8sop_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only operators with exactly this description.
    type: str
  region:
    description:
      - Only operators whose ingress is served in this region (C(global), or a region such as C(eu)), compared exactly.
    type: str
  deployment_name:
    description:
      - Only operators whose Kubernetes C(Deployment) has this name.
    type: str
  deployment_namespace:
    description:
      - Only operators deployed in this Kubernetes namespace.
    type: str
  cluster_name:
    description:
      - Only operators deployed to the cluster with this name (the name given when the operator was installed).
    type: str
  enabled_feature:
    description:
      - Only operators with this feature enabled.
    type: str
    choices: [bindings, ingress, gateway]
  bound_endpoints:
    description:
      - Also read the endpoints bound to each operator found, under the key C(bound_endpoints) of each operator.
      - The operators without the C(bindings) feature have none.
    type: bool
    default: false
seealso:
  - module: ngrok.ngrok.ngrok_endpoint_info
  - name: ngrok Kubernetes operator
    description: Installing and configuring the operator that registers these records.
    link: https://ngrok.com/docs/k8s/
"""

EXAMPLES = r"""
- name: Every operator of the account
  ngrok.ngrok.ngrok_kubernetes_operator_info:
  register: operators

- name: The operator of the production cluster, with the endpoints it projects into the cluster
  ngrok.ngrok.ngrok_kubernetes_operator_info:
    cluster_name: prod
    deployment_namespace: ngrok-operator
    bound_endpoints: true
  register: prod

- name: Show the URLs projected into the production cluster
  ansible.builtin.debug:
    msg: "{{ prod.kubernetes_operators | map(attribute='bound_endpoints') | flatten | map(attribute='url') | list }}"

- name: Operators with the bindings feature
  ngrok.ngrok.ngrok_kubernetes_operator_info:
    enabled_feature: bindings
  register: with_bindings

- name: Show when their bindings certificates end (the operator renews them 30 days before)
  ansible.builtin.debug:
    msg: "{{ item.deployment.cluster_name }}: {{ item.binding.cert.not_after }}"
  loop: "{{ with_bindings.kubernetes_operators }}"
"""

RETURN = r"""
kubernetes_operators:
  description: The operators found, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique ID of the operator.
      type: str
      sample: k8sop_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the operator in the API.
      type: str
      sample: https://api.ngrok.com/kubernetes_operators/k8sop_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the operator registered itself, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    updated_at:
      description: When the operator's record was last changed, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T08:30:00Z"
    description:
      description: Description of the operator; left out when empty.
      type: str
      sample: Created by the ngrok-operator
    metadata:
      description: Metadata of the operator (the operator adds its namespace's UID); left out when empty.
      type: str
      sample: '{"owned-by": "ngrok-operator", "namespace.uid": "6f1c2b7e-0d7a-4c55-9a8e-2b1f0c7d9e11"}'
    principal:
      description: Reference (C(id), C(uri)) to the user or service user whose API key registered the operator.
      type: dict
      sample: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
    enabled_features:
      description: The features enabled for the operator, among C(bindings), C(ingress) and C(gateway).
      type: list
      elements: str
      sample: [bindings, ingress]
    region:
      description: The ngrok region that serves the operator's ingress (C(global) unless set).
      type: str
      sample: global
    deployment:
      description: Where the operator runs; each value is an empty string when the operator did not give it.
      type: dict
      contains:
        name:
          description: Name of the operator's Kubernetes C(Deployment).
          type: str
          sample: ngrok-operator
        namespace:
          description: Kubernetes namespace of the operator.
          type: str
          sample: ngrok-operator
        version:
          description: Version of the operator.
          type: str
          sample: 0.19.0
        cluster_name:
          description: Name of the cluster, as given when the operator was installed.
          type: str
          sample: prod
    binding:
      description:
        - The bindings feature of the operator. Without that feature, C(endpoint_selectors) is null and C(cert) holds
          an empty certificate valid from and until C(0001-01-01T00:00:00Z).
      type: dict
      contains:
        endpoint_selectors:
          description: CEL expressions over C(endpoint) that select the Kubernetes-bound endpoints of this operator.
          type: list
          elements: str
          sample: ['endpoint.url.contains(".staging")']
        cert:
          description: The client certificate ngrok issued from the operator's certificate signing request.
          type: dict
          contains:
            cert:
              description: The certificate, PEM.
              type: str
              sample: "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n"
            not_before:
              description: Start of the certificate's validity, RFC 3339 in UTC.
              type: str
              sample: "2026-11-27T10:11:14Z"
            not_after:
              description: End of the certificate's validity, RFC 3339 in UTC.
              type: str
              sample: "2027-11-27T10:11:14Z"
        ingress_endpoint:
          description: The address the operator connects to for bindings traffic; left out while unset.
          type: str
          sample: connect.ngrok-endpoints.com:443
    bound_endpoints:
      description:
        - The endpoints bound to the operator, with the keys of the RV(ngrok.ngrok.ngrok_endpoint_info#module:endpoints)
          result of M(ngrok.ngrok.ngrok_endpoint_info).
      returned: when O(bound_endpoints=true)
      type: list
      elements: dict
      sample:
        - id: ep_2Zx8example3RcLhDdPp4TtEFq9W
          type: agent
          url: http://web.staging
          bindings: [kubernetes]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.kubernetes import KUBERNETES_OPERATOR


def _deployment(key):
    return Narrowing("cluster_name" if key == "cluster_name" else "deployment_" + key, "deployment." + key,
                     read=lambda obj: (obj.get("deployment") or {}).get(key))


def main():
    info_module(KUBERNETES_OPERATOR, [
        "description",
        "region",
        _deployment("name"),
        _deployment("namespace"),
        _deployment("cluster_name"),
        Narrowing("enabled_feature", "enabled_features", member=True,
                  spec={"type": "str", "choices": ["bindings", "ingress", "gateway"]}),
    ])


if __name__ == "__main__":
    main()
