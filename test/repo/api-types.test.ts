import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { API_TYPES_FILE, apiTypesSource, schemaToType } from '../../scripts/gen-api-types.js';

test('web/src/api/schema.gen.ts matches the OpenAPI document (run `npm run gen:api` after changing a route)', async () => {
  const expected = await apiTypesSource();
  const actual = readFileSync(new URL(`../../${API_TYPES_FILE}`, import.meta.url), 'utf8');
  assert.ok(actual === expected, `${API_TYPES_FILE} is stale: run \`npm run gen:api\` and commit the result`);
});

test('JSON schemas become the TypeScript types a person would write', () => {
  assert.equal(schemaToType({ type: 'string', nullable: true }), 'string | null');
  assert.equal(
    schemaToType({ type: 'array', items: { enum: ['a', 'b'] } }),
    "('a' | 'b')[]".replaceAll("'", '"'),
  );
  assert.equal(schemaToType({ anyOf: [{ type: 'integer' }, { type: 'null' }] }), 'number | null');
  assert.equal(schemaToType({ const: 'open' }), '"open"');
  assert.equal(
    schemaToType({
      type: 'object',
      properties: { id: { type: 'string' }, 'x-y': { type: 'boolean' } },
      required: ['id'],
    }),
    '{\n  id: string;\n  "x-y"?: boolean;\n}',
  );
  assert.equal(
    schemaToType({ type: 'object', additionalProperties: { type: 'number' } }),
    '{\n  [key: string]: number;\n}',
  );
  assert.equal(schemaToType({}), 'unknown');
});
