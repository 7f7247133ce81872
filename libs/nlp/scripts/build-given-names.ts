// Builds the given-name gazetteer (libs/nlp/src/model/given-names.model.json) from the lexicon of the `compromise`
// npm package (MIT licence): the words it tags FirstName, MaleName or FemaleName, from many languages ("olaf",
// "giuseppe", "fatima", "joão"). Deterministic: sorted.
//   node -r @swc-node/register libs/nlp/scripts/build-given-names.ts
import { readCompromiseLexicon, writeNameModel } from './compromise-lexicon';

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

function main(): void {
  const lexicon = readCompromiseLexicon();
  const names = lexicon.entries
    .filter(([, tags]) => tags.some((t) => NAME_TAGS.has(t)))
    .map(([name]) => name)
    // Three letters or more: "jo", "al" are too often something else.
    .filter((name) => name.length >= 3)
    .sort();
  const source = `compromise ${lexicon.version} lexicon (FirstName, MaleName, FemaleName), npm package "compromise"`;
  writeNameModel('given-names.model.json', source, lexicon.license, names);
  console.log(`${names.length} given names written`);
}

main();
