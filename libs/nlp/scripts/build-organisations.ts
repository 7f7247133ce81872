// Builds the organisation gazetteer (libs/nlp/src/model/organisations.model.json) from the lexicon of the
// `compromise` npm package (MIT licence): the names it tags Organization or SportsTeam (companies, broadcasters,
// newspapers, agencies, parties, bands and North American / British sports clubs). Deterministic: sorted.
//   node -r @swc-node/register libs/nlp/scripts/build-organisations.ts
import { readCompromiseLexicon, writeNameModel } from './compromise-lexicon';

function main(): void {
  const lexicon = readCompromiseLexicon();
  const names = lexicon.entries
    // Abbreviations ("inc", "dept") are name parts, not names.
    .filter(
      ([, tags]) => tags.some((t) => t === 'Organization' || t === 'SportsTeam') && !tags.includes('Abbreviation'),
    )
    .map(([name]) => name)
    // Three letters or more: "ups", "aig" stay, two-letter words are too often something else.
    .filter((name) => name.replace(/[^\p{L}\p{N}]/gu, '').length >= 3)
    .sort();
  const source = `compromise ${lexicon.version} lexicon (Organization, SportsTeam), npm package "compromise"`;
  writeNameModel('organisations.model.json', source, lexicon.license, names);
  console.log(`${names.length} organisation names written`);
}

main();
