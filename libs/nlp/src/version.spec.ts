import { fnv1a } from './ner/hash';
import type { SerializedNerModel } from './ner/model';
import { ENRICHMENT_VERSION, NER_MODEL_VERSION } from './version';

describe('enrichment version', () => {
  it('names the committed NER models, the English word clusters and the organisation and given-name gazetteers by their fingerprints', () => {
    const model = require('./model/ner.model.json') as SerializedNerModel;
    const multilingual = require('./model/ner-multilingual.model.json') as SerializedNerModel;
    const multilingualPrint = fnv1a(multilingual.weights + multilingual.buckets).toString(16);
    const organisations = require('./model/organisations.model.json') as { names: string[] };
    const modelPrint = fnv1a(model.weights + model.buckets).toString(16);
    const clusters = require('./model/word-clusters.model.json') as { clusters: Record<string, number> };
    const clustersPrint = fnv1a(JSON.stringify(clusters.clusters)).toString(16);
    const gazetteerPrint = fnv1a(JSON.stringify(organisations.names)).toString(16);
    const givenNames = require('./model/given-names.model.json') as { names: string[] };
    const givenNamesPrint = fnv1a(JSON.stringify(givenNames.names)).toString(16);
    expect(NER_MODEL_VERSION).toBe(
      `ner-${modelPrint}-clusters-${clustersPrint}-org-${gazetteerPrint}-multi-${multilingualPrint}-names-${givenNamesPrint}`,
    );
    expect(ENRICHMENT_VERSION).toContain(NER_MODEL_VERSION);
  });
});
