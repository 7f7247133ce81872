import { enrichArticle } from '@inkstream/nlp';
import { loadPool } from './deploy/pipeline/bench/harness';
import { StreamCorpus } from './deploy/pipeline/bench/stream-corpus';
const articles = new StreamCorpus(loadPool()).next(3000);
for (const a of articles) enrichArticle({ text: a.text, title: a.title });
