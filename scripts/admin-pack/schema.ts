/**
 * Reading `public/managed_schema.json` for the admin pack, generically: every format the pack
 * writes is derived from the schema's keys, types and texts, so a key added to the schema
 * appears in every file on the next `npm run admin-pack` with no code change here.
 *
 * The schema is Chrome's subset of JSON Schema (types, enum, minimum/maximum, items,
 * properties, title/description, sensitiveValue). Anything else is refused with the path
 * of the node, so a schema feature the pack cannot write is noticed, not silently dropped.
 */

export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

export interface SchemaNode {
  type: SchemaType;
  title?: string;
  description?: string;
  enum?: Array<string | number>;
  minimum?: number;
  maximum?: number;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  sensitiveValue?: boolean;
}

/**
 * How a top-level key is written where a format has no native type for it (the Windows
 * registry and ADMX). Everywhere else (JSON, plist) values keep their JSON types.
 * - boolean, integer: REG_DWORD (booleans 1/0)
 * - enum: REG_SZ chosen from a list; string: REG_SZ
 * - list: an array of strings, as a subkey with values "1", "2", … (Chrome's registry loader
 *   and Firefox's GPO parser both read that as an array)
 * - json: any other array or object, as JSON text (Chrome parses JSON strings by the schema;
 *   Firefox parses REG_MULTI_SZ as JSON)
 */
export type Kind = 'boolean' | 'integer' | 'enum' | 'string' | 'list' | 'json';

export interface PolicyDef {
  key: string;
  node: SchemaNode;
  kind: Kind;
}

export class SchemaError extends Error {}

const TYPES: readonly string[] = ['string', 'integer', 'number', 'boolean', 'array', 'object'];
const KNOWN_ATTRIBUTES = new Set([
  'type', 'title', 'description', 'enum', 'minimum', 'maximum', 'items', 'properties', 'sensitiveValue',
]);

/** Parses and checks the schema text; throws SchemaError naming the offending path. */
export function parseSchema(text: string): SchemaNode {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SchemaError(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = checkNode(raw, '(root)');
  if (root.type !== 'object' || !root.properties) throw new SchemaError('the root must be an object with "properties"');
  return root;
}

function checkNode(raw: unknown, path: string): SchemaNode {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SchemaError(`${path}: not an object`);
  const n = raw as Record<string, unknown>;
  for (const attr of Object.keys(n)) {
    if (!KNOWN_ATTRIBUTES.has(attr)) throw new SchemaError(`${path}: attribute "${attr}" is not supported by the admin pack`);
  }
  if (typeof n.type !== 'string' || !TYPES.includes(n.type)) {
    throw new SchemaError(`${path}: "type" must be one of ${TYPES.join(', ')} (got ${JSON.stringify(n.type)})`);
  }
  const node: SchemaNode = { type: n.type as SchemaType };
  for (const text of ['title', 'description'] as const) {
    if (n[text] !== undefined) {
      if (typeof n[text] !== 'string') throw new SchemaError(`${path}: "${text}" must be a string`);
      node[text] = n[text] as string;
    }
  }
  if (n.enum !== undefined) {
    const wanted = node.type === 'string' ? 'string' : 'number';
    if (!Array.isArray(n.enum) || n.enum.length === 0 || !n.enum.every((v) => typeof v === wanted)) {
      throw new SchemaError(`${path}: "enum" must be a non-empty list of ${wanted}s`);
    }
    node.enum = n.enum as Array<string | number>;
  }
  for (const bound of ['minimum', 'maximum'] as const) {
    if (n[bound] !== undefined) {
      if (typeof n[bound] !== 'number') throw new SchemaError(`${path}: "${bound}" must be a number`);
      node[bound] = n[bound] as number;
    }
  }
  if (n.sensitiveValue !== undefined) node.sensitiveValue = n.sensitiveValue === true;
  if (node.type === 'array') {
    if (n.items === undefined) throw new SchemaError(`${path}: an array needs "items"`);
    node.items = checkNode(n.items, `${path}[]`);
  } else if (n.items !== undefined) {
    throw new SchemaError(`${path}: "items" on a non-array`);
  }
  if (n.properties !== undefined) {
    if (node.type !== 'object') throw new SchemaError(`${path}: "properties" on a non-object`);
    if (typeof n.properties !== 'object' || n.properties === null || Array.isArray(n.properties)) {
      throw new SchemaError(`${path}: "properties" must be an object`);
    }
    node.properties = {};
    for (const [k, v] of Object.entries(n.properties)) {
      node.properties[k] = checkNode(v, path === '(root)' ? k : `${path}.${k}`);
    }
  }
  return node;
}

export function kindOf(node: SchemaNode): Kind {
  switch (node.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'string':
      return node.enum ? 'enum' : 'string';
    // A registry holds no floating point: Chrome reads a number from a string.
    case 'number':
      return 'string';
    case 'array':
      return node.items?.type === 'string' ? 'list' : 'json';
    case 'object':
      return 'json';
  }
}

/** The top-level policy keys, in schema order. */
export function policyDefs(schema: SchemaNode): PolicyDef[] {
  return Object.entries(schema.properties ?? {}).map(([key, node]) => ({ key, node, kind: kindOf(node) }));
}

/**
 * Every node with its path: `key`, `key.prop`, `key[]` (array items), `key[].prop`. The
 * translations file is keyed by these paths.
 */
export function schemaPaths(schema: SchemaNode): Array<{ path: string; node: SchemaNode }> {
  const out: Array<{ path: string; node: SchemaNode }> = [];
  const visit = (path: string, node: SchemaNode) => {
    out.push({ path, node });
    if (node.items) visit(`${path}[]`, node.items);
    for (const [k, child] of Object.entries(node.properties ?? {})) visit(`${path}.${k}`, child);
  };
  for (const [key, node] of Object.entries(schema.properties ?? {})) visit(key, node);
  return out;
}

/**
 * Type check of a value against a schema node (what Chrome does before the extension sees
 * it). Returns the problems, each naming the path; [] when the value fits.
 */
export function schemaProblems(node: SchemaNode, value: unknown, path: string): string[] {
  const problems: string[] = [];
  const fits: Record<SchemaType, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    integer: (v) => Number.isInteger(v),
    number: (v) => typeof v === 'number' && Number.isFinite(v),
    boolean: (v) => typeof v === 'boolean',
    array: (v) => Array.isArray(v),
    object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  };
  if (!fits[node.type](value)) return [`${path}: expected ${node.type}, got ${JSON.stringify(value)}`];
  if (node.enum && !node.enum.includes(value as string | number)) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) problems.push(`${path}: ${value} is below the minimum ${node.minimum}`);
    if (node.maximum !== undefined && value > node.maximum) problems.push(`${path}: ${value} is above the maximum ${node.maximum}`);
  }
  if (Array.isArray(value) && node.items) {
    value.forEach((item, i) => problems.push(...schemaProblems(node.items!, item, `${path}[${i}]`)));
  }
  if (node.type === 'object' && node.properties) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = node.properties[k];
      if (!child) problems.push(`${path}.${k}: not in the schema`);
      else problems.push(...schemaProblems(child, v, `${path}.${k}`));
    }
  }
  return problems;
}
