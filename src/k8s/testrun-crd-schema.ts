// The k6-operator's TestRun (k6.io/v1alpha1), as its CRD's openAPIV3Schema defines the fields an exported
// manifest can hold, transcribed by hand from the operator's config/crd/bases/k6.io_testruns.yaml (the spec's
// required parallelism and script; paused and quiet as strings; parallelism int32; cleanup's one value), plus
// the core v1 ConfigMap that carries the bundle. Fields the operator has and we never write are left out, so
// the strict check also catches a field of ours the operator would not know.
import type { StructuralSchema } from './structural-schema.ts';

const string: StructuralSchema = { type: 'string' };
const boolean: StructuralSchema = { type: 'boolean' };
const stringMap: StructuralSchema = { type: 'object', additionalProperties: string };
// A DNS-1123 subdomain, as object names must be.
const dnsSubdomain: StructuralSchema = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  maxLength: 253,
};

const objectMeta: StructuralSchema = {
  type: 'object',
  required: ['name'],
  properties: { name: dnsSubdomain, namespace: string, labels: stringMap, annotations: stringMap },
};

const envVar: StructuralSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: string,
    value: string,
    valueFrom: {
      type: 'object',
      properties: {
        fieldRef: {
          type: 'object',
          required: ['fieldPath'],
          properties: { apiVersion: string, fieldPath: string },
        },
        secretKeyRef: {
          type: 'object',
          required: ['key'],
          properties: { key: string, name: string, optional: boolean },
        },
        configMapKeyRef: {
          type: 'object',
          required: ['key'],
          properties: { key: string, name: string, optional: boolean },
        },
      },
    },
  },
};

const volume: StructuralSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: string,
    persistentVolumeClaim: {
      type: 'object',
      required: ['claimName'],
      properties: { claimName: string, readOnly: boolean },
    },
    emptyDir: { type: 'object', properties: { medium: string, sizeLimit: { intOrString: true } } },
  },
};

const volumeMount: StructuralSchema = {
  type: 'object',
  required: ['mountPath', 'name'],
  properties: { mountPath: string, name: string, readOnly: boolean, subPath: string },
};

const quantities: StructuralSchema = { type: 'object', additionalProperties: { intOrString: true } };

/** The operator's Pod fields (runner, starter, initializer). */
const pod: StructuralSchema = {
  type: 'object',
  properties: {
    image: string,
    imagePullPolicy: string,
    serviceAccountName: string,
    priorityClassName: string,
    nodeSelector: stringMap,
    metadata: { type: 'object', properties: { labels: stringMap, annotations: stringMap } },
    env: { type: 'array', items: envVar },
    volumes: { type: 'array', items: volume },
    volumeMounts: { type: 'array', items: volumeMount },
    resources: { type: 'object', properties: { limits: quantities, requests: quantities } },
  },
};

export const TESTRUN_SCHEMA: StructuralSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { type: 'string', enum: ['k6.io/v1alpha1'] },
    kind: { type: 'string', enum: ['TestRun'] },
    metadata: objectMeta,
    spec: {
      type: 'object',
      required: ['parallelism', 'script'],
      properties: {
        arguments: string,
        cleanup: { type: 'string', enum: ['post'] },
        parallelism: { type: 'integer', format: 'int32' },
        paused: string,
        quiet: string,
        separate: boolean,
        testRunId: string,
        script: {
          type: 'object',
          properties: {
            configMap: { type: 'object', required: ['name'], properties: { name: string, file: string } },
            volumeClaim: {
              type: 'object',
              required: ['name'],
              properties: { name: string, file: string, readOnly: boolean },
            },
            localFile: string,
          },
        },
        runner: pod,
        starter: pod,
        initializer: pod,
      },
    },
  },
};

export const CONFIGMAP_SCHEMA: StructuralSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { type: 'string', enum: ['v1'] },
    kind: { type: 'string', enum: ['ConfigMap'] },
    metadata: objectMeta,
    data: { type: 'object', additionalProperties: string },
  },
};
