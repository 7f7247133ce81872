import { asyncApiDocument } from './asyncapi';
import { publishedJsonSchemas } from './json-schemas';

/**
 * The published contract files, by path under libs/contracts/published: what `npm run contracts:generate` writes,
 * what CI compares with the committed copies, and what the gateway serves under /contracts.
 */
export function publishedContractFiles(): Record<string, string> {
  const files: Record<string, string> = { 'asyncapi.json': render(asyncApiDocument()) };
  for (const [name, schema] of Object.entries(publishedJsonSchemas())) files[`json-schema/${name}`] = render(schema);
  return files;
}

function render(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
