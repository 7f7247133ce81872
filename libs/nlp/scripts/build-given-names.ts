// Builds the given-name gazetteer (libs/nlp/src/model/given-names.model.json) from the lexicon of the `compromise`
// npm package (MIT licence): the words it tags FirstName, MaleName or FemaleName, from many languages ("olaf",
// "giuseppe", "fatima", "joão"). Deterministic: sorted.
//   node -r @swc-node/register libs/nlp/scripts/build-given-names.ts
import nlp from 'compromise';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

function main(): void {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/compromise/package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const lexicon = (nlp.model() as unknown as CompromiseModel).one.lexicon;
  const names = Object.entries(lexicon)
    .filter(([, tags]) => (Array.isArray(tags) ? tags : [tags]).some((t) => NAME_TAGS.has(t)))
    .map(([name]) => name)
    // Three letters or more: "jo", "al" are too often something else.
    .filter((name) => name.length >= 3)
    .sort();
  const out = {
    source: `compromise ${pkg.version} lexicon (FirstName, MaleName, FemaleName), npm package "compromise"`,
    licence: pkg.license,
    names,
  };
  writeFileSync(join(__dirname, '..', 'src', 'model', 'given-names.model.json'), `${JSON.stringify(out)}\n`);
  console.log(`${names.length} given names written`);
}

main();
