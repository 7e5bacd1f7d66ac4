// The Compose Specification's JSON schema (compose-spec/compose-spec `schema/compose-spec.json`, as
// the dclint package ships it) and a validator: what `docker compose config` checks a file against
// before it interpolates or runs anything. Tests validate every compose file we render with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { repoRoot } from './shared.js';

// dclint's package exports do not list the schema file: read it from the installed package.
const schemaFile = join(repoRoot, 'node_modules', 'dclint', 'schemas', 'compose.schema.json');
const { $schema, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
// The schema is draft-07 (Ajv's default draft) but names its meta-schema by an https URL Ajv does not
// register; it also uses formats Ajv does not know ("duration"): neither may make Ajv refuse it.
if ($schema !== 'https://json-schema.org/draft-07/schema') throw new Error(`${schemaFile}: unexpected $schema ${String($schema)}`);
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

/** Errors of a compose file's text against the compose-spec schema ("" when valid). YAML merge keys are resolved as Compose does. */
export function composeSchemaErrors(text: string): string {
  const doc = parse(text, { merge: true }) as unknown;
  if (validate(doc)) return '';
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

/** Where the schema came from (for messages). */
export const COMPOSE_SCHEMA_FILE = schemaFile;
