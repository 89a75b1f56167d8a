import { createHash } from 'node:crypto';

/**
 * Names and labels of everything the driver creates. Pure: the driver, the tests and operators'
 * tooling compute the same names from the same ids.
 */

/** The field manager of every server-side apply: the owner of the fields Chainloom sets. */
export const FIELD_MANAGER = 'chainloom';
/** The manager of replica changes by stop/start, apart so an ensureNode apply re-takes them with force. */
export const SCALE_FIELD_MANAGER = 'chainloom-scale';

export const LABEL = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  version: 'app.kubernetes.io/version',
  tenantId: 'chainloom.io/tenant-id',
  networkId: 'chainloom.io/network-id',
  nodeId: 'chainloom.io/node-id',
  /** On retained key copies in the platform namespace. */
  retainedKey: 'chainloom.io/retained-node-key',
} as const;

export const ANNOTATION = {
  genesisSha256: 'chainloom.io/genesis-sha256',
  retainUntil: 'chainloom.io/retain-until',
} as const;

export const MANAGED_BY = 'chainloom';
export const PART_OF = 'chainloom';

/** Ids become label values, so they must be valid ones: ≤ 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;

export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/**
 * A DNS-1123 label from an id: lowercase, [a-z0-9-], at most `max` characters. Platform ids
 * (`net_01h…`, lowercase Crockford base32) map one-to-one by replacing `_` with `-`; any other id
 * (upper case, other characters, too long) gets a hash suffix so two ids never share a name.
 */
export function dnsLabel(prefix: string, id: string, max = 63): string {
  const plain = `${prefix}-${id.replace(/_/g, '-')}`;
  if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(plain) && plain.length <= max && !id.includes('-')) return plain;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  const cleaned = plain
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .slice(0, max - hash.length - 1)
    .replace(/-+$/, '');
  return `${cleaned}-${hash}`;
}

/** The namespace of a network: also what consortium partners name in `consortiumNamespaces`. */
export const namespaceForNetwork = (networkId: string): string => dnsLabel('cl', networkId);

/**
 * The StatefulSet (and Service) of a node. At most 52 characters: the StatefulSet controller
 * labels each pod with `<name>-<10-character hash>`, and that value must fit in 63.
 */
export const nodeWorkloadName = (nodeId: string): string => dnsLabel('besu', nodeId, 52);

export const nodeKeySecretName = (nodeId: string): string => `${nodeWorkloadName(nodeId)}-key`;
export const nodePodName = (nodeId: string): string => `${nodeWorkloadName(nodeId)}-0`;
/** volumeClaimTemplates' naming: `<template>-<statefulset>-<ordinal>`. */
export const nodeDataClaimName = (nodeId: string): string => `data-${nodeWorkloadName(nodeId)}-0`;
export const NETWORK_CONFIG_MAP = 'besu-network';
/** The copy of a deleted network's node key kept in the platform namespace. */
export const retainedKeySecretName = (networkId: string, nodeId: string): string =>
  dnsLabel('retained-key', `${networkId}.${nodeId}`, 253);

/** The in-cluster DNS name of a node's Service. */
export const nodeServiceHost = (nodeId: string, namespace: string, clusterDomain = 'cluster.local'): string =>
  `${nodeWorkloadName(nodeId)}.${namespace}.svc.${clusterDomain}`;
