// A checker for the part of Kubernetes' structural OpenAPI v3 schemas that CRDs use: types, required fields,
// enums, int32, patterns, maps (additionalProperties), lists (items) and int-or-string quantities. Unknown fields
// are errors, as the API server's strict field validation (`kubectl apply --validate=strict`) reports them.

export interface StructuralSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  properties?: Readonly<Record<string, StructuralSchema>>;
  required?: readonly string[];
  /** A map's value schema. */
  additionalProperties?: StructuralSchema;
  items?: StructuralSchema;
  enum?: readonly (string | number | boolean)[];
  format?: 'int32';
  pattern?: string;
  maxLength?: number;
  /** x-kubernetes-int-or-string. */
  intOrString?: boolean;
  /** x-kubernetes-preserve-unknown-fields: anything goes below. */
  preserveUnknownFields?: boolean;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Every violation of `schema` by `value`, each as "path: what was expected, what was found"; [] when it conforms. */
export function checkStructuralSchema(value: unknown, schema: StructuralSchema, path = ''): string[] {
  const at = path === '' ? '(root)' : path;
  if (schema.preserveUnknownFields) return [];
  if (schema.intOrString) {
    const kind = typeOf(value);
    return kind === 'integer' || kind === 'string'
      ? []
      : [`${at}: expected an integer or a string, got ${kind}`];
  }
  const kind = typeOf(value);
  if (schema.type !== undefined && kind !== schema.type)
    return [
      `${at}: expected ${schema.type}, got ${kind}${kind === 'string' ? ` ${JSON.stringify(value)}` : ''}`,
    ];
  const errors: string[] = [];
  if (schema.enum && !schema.enum.includes(value as string))
    errors.push(
      `${at}: expected one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`,
    );
  if (schema.format === 'int32' && ((value as number) < INT32_MIN || (value as number) > INT32_MAX))
    errors.push(`${at}: ${String(value)} is outside int32`);
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value))
      errors.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errors.push(`${at}: ${value.length} characters, at most ${schema.maxLength}`);
  }
  if (kind === 'array' && schema.items) {
    for (const [i, item] of (value as unknown[]).entries())
      errors.push(...checkStructuralSchema(item, schema.items, `${path}[${i}]`));
  }
  if (kind === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? [])
      if (object[name] === undefined)
        errors.push(`${path === '' ? '' : `${path}.`}${name}: required, missing`);
    for (const [name, child] of Object.entries(object)) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const known = schema.properties?.[name] ?? schema.additionalProperties;
      if (known) errors.push(...checkStructuralSchema(child, known, childPath));
      else errors.push(`${childPath}: unknown field`);
    }
  }
  return errors;
}
