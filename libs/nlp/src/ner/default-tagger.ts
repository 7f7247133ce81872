import { decodeLexicon, type Lexicon, type SerializedLexicon } from './lexicon';
import { decodeNerModel, type SerializedNerModel } from './model';
import { NerTagger } from './tagger';

// The committed model is data imported like code, so this library stays free of file I/O. `require` keeps the
// multi-MB JSON out of the type checker; it is decoded once, on first use.
let cached: { tagger: NerTagger; lexicon: Lexicon } | undefined;

function load(): { tagger: NerTagger; lexicon: Lexicon } {
  if (!cached) {
    const model = require('../model/ner.model.json') as SerializedNerModel;
    const lexicon = decodeLexicon(require('../model/lexicon.model.json') as SerializedLexicon);
    cached = { tagger: new NerTagger(decodeNerModel(model), lexicon), lexicon };
  }
  return cached;
}

/** The tagger trained by `npm run train:ner`. */
export function defaultTagger(): NerTagger {
  return load().tagger;
}

/** Word statistics of the training corpus: background frequencies and words that are usually lower case. */
export function defaultLexicon(): Lexicon {
  return load().lexicon;
}
