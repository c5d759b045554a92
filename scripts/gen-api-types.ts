#!/usr/bin/env -S node --import tsx
/**
 * Writes web/src/api/schema.gen.ts: the request and response types of every API route, from the OpenAPI
 * document the server builds out of its zod schemas (@fastify/swagger). Run with `npm run gen:api`
 * after changing a route's schema; test/repo/api-types.test.ts fails while the file is stale.
 *
 * openapi-typescript needs the TypeScript 5/6 compiler API, which TypeScript 7 no longer ships
 * (docs/decisions/0021-api-type-generator.md), so the JSON-schema → TypeScript step is written here: it
 * covers what zod's JSON-schema output uses (objects, arrays, enums, unions, nullable, const).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import type { Database } from '../src/platform/db/types.js';
import { buildServer } from '../src/platform/http/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const API_TYPES_FILE = 'web/src/api/schema.gen.ts';
const PREFIX = '/api/v1';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  description?: string;
}

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const literal = (value: unknown) => JSON.stringify(value);
const union = (parts: string[]) => {
  const unique = [...new Set(parts)];
  return unique.length === 0 ? 'never' : unique.length === 1 ? unique[0]! : unique.join(' | ');
};

/** A JSON schema (as zod and @fastify/swagger write it) as a TypeScript type. */
export function schemaToType(schema: JsonSchema | undefined, indent = ''): string {
  if (!schema || typeof schema !== 'object') return 'unknown';
  const type = baseType(schema, indent);
  return schema.nullable && type !== 'unknown' ? union([type, 'null']) : type;
}

function baseType(s: JsonSchema, indent: string): string {
  if ('const' in s) return literal(s.const);
  if (s.enum) return union(s.enum.map(literal));
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return union(alternatives.map((a) => wrap(schemaToType(a, indent))));
  if (s.allOf) return s.allOf.map((a) => wrap(schemaToType(a, indent))).join(' & ');
  if (Array.isArray(s.type)) return union(s.type.map((t) => baseType({ ...s, type: t }, indent)));
  switch (s.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (Array.isArray(s.items)) return `[${s.items.map((i) => schemaToType(i, indent)).join(', ')}]`;
      return `${wrap(schemaToType(s.items, indent))}[]`;
    case 'object':
      return objectType(s, indent);
    default:
      return s.properties ? objectType(s, indent) : 'unknown';
  }
}

function objectType(s: JsonSchema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(s.required ?? []);
  const lines = Object.entries(s.properties ?? {}).map(
    ([name, prop]) => `${inner}${key(name)}${required.has(name) ? '' : '?'}: ${schemaToType(prop, inner)};`,
  );
  const extra = s.additionalProperties;
  if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${schemaToType(extra, inner)};`);
  else if (extra !== false && lines.length === 0) return 'Record<string, unknown>';
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
}

/** Parentheses where a union or intersection meets `[]` or another operator. */
function wrap(type: string): string {
  return /^[^{]*[|&]/.test(type) && !type.startsWith('(') ? `(${type})` : type;
}

function parametersOf(op: Operation, where: 'path' | 'query', indent: string): string {
  const params = (op.parameters ?? []).filter((p) => p.in === where);
  if (params.length === 0) return 'never';
  return schemaToType(
    {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
    },
    indent,
  );
}

function jsonOf(content: Record<string, { schema?: JsonSchema }> | undefined): JsonSchema | undefined {
  return content?.['application/json']?.schema;
}

function responseOf(op: Operation, indent: string): string {
  const codes = Object.keys(op.responses ?? {})
    .filter((c) => /^2\d\d$/.test(c))
    .sort();
  if (codes.length === 0) return 'unknown';
  if (codes.every((c) => c === '204')) return 'undefined';
  const ok = op.responses?.[codes.find((c) => c !== '204')!];
  return ok?.content ? schemaToType(jsonOf(ok.content), indent) : 'unknown';
}

/** The generated module's text, before formatting. */
export function renderApiTypes(doc: OpenApiDocument): string {
  const out: string[] = [
    '// Generated by `npm run gen:api` (scripts/gen-api-types.ts) from the OpenAPI document. Do not edit.',
    '',
    '/** Every API route under /api/v1: its path and query parameters, JSON body and successful answer. */',
    'export interface ApiPaths {',
  ];
  const paths = Object.keys(doc.paths ?? {})
    .filter((p) => p.startsWith(`${PREFIX}/`))
    .sort();
  for (const path of paths) {
    out.push(`  ${literal(path.slice(PREFIX.length))}: {`);
    const item = doc.paths![path]!;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = op.requestBody ? schemaToType(jsonOf(op.requestBody.content), '      ') : 'never';
      out.push(
        `    ${method}: {`,
        `      params: ${parametersOf(op, 'path', '      ')};`,
        `      query: ${parametersOf(op, 'query', '      ')};`,
        `      body: ${body};`,
        `      response: ${responseOf(op, '      ')};`,
        '    };',
      );
    }
    out.push('  };');
  }
  out.push('}', '');
  return out.join('\n');
}

/** The OpenAPI document of the app as the server builds it; no database is touched. */
export async function buildOpenApiDocument(): Promise<OpenApiDocument> {
  // Routes and their schemas are registered without a query; a service that did run one would fail here.
  const db = new Proxy({} as Database, {
    get(_target, prop) {
      if (prop === 'kind') return 'pglite';
      if (prop === 'then') return undefined;
      throw new Error(`gen-api-types: the database is not available (${String(prop)})`);
    },
  });
  const app = await createApp(loadConfig({}), { db, prepared: true });
  const server = await buildServer(app, {
    logStream: new Writable({ write: (_chunk, _enc, done) => done() }),
    webDir: '/nonexistent',
  });
  try {
    await server.ready();
    return server.swagger() as OpenApiDocument;
  } finally {
    await server.close();
  }
}

/** The file's full content, formatted as the repository's formatter would. */
export async function apiTypesSource(): Promise<string> {
  const text = renderApiTypes(await buildOpenApiDocument());
  const biome = spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url)),
      'format',
      `--stdin-file-path=${API_TYPES_FILE}`,
    ],
    { cwd: ROOT, input: text, encoding: 'utf8' },
  );
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr}`);
  return biome.stdout;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const source = await apiTypesSource();
  writeFileSync(new URL(`../${API_TYPES_FILE}`, import.meta.url), source);
  console.log(`Wrote ${API_TYPES_FILE}.`);
}
