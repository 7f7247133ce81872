// Builds the organisation gazetteer (libs/nlp/src/model/organisations.model.json) from the lexicon of the
// `compromise` npm package (MIT licence): the names it tags Organization or SportsTeam (companies, broadcasters,
// newspapers, agencies, parties, bands and North American / British sports clubs). Deterministic: sorted.
//   node -r @swc-node/register libs/nlp/scripts/build-organisations.ts
import nlp from 'compromise';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
}

function main(): void {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/compromise/package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const lexicon = (nlp.model() as unknown as CompromiseModel).one.lexicon;
  const names = Object.entries(lexicon)
    .filter(([, tags]) => {
      const list = Array.isArray(tags) ? tags : [tags];
      // Abbreviations ("inc", "dept") are name parts, not names.
      return list.some((t) => t === 'Organization' || t === 'SportsTeam') && !list.includes('Abbreviation');
    })
    .map(([name]) => name)
    // Three letters or more: "ups", "aig" stay, two-letter words are too often something else.
    .filter((name) => name.replace(/[^\p{L}\p{N}]/gu, '').length >= 3)
    .sort();
  const out = {
    source: `compromise ${pkg.version} lexicon (Organization, SportsTeam), npm package "compromise"`,
    licence: pkg.license,
    names,
  };
  writeFileSync(join(__dirname, '..', 'src', 'model', 'organisations.model.json'), `${JSON.stringify(out)}\n`);
  console.log(`${names.length} organisation names written`);
}

main();
