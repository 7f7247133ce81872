import { taggerFor } from './default-tagger';
import { decodeNerModel, TRANSFER_WEIGHTS, type SerializedNerModel } from './model';

/** The sentence's entities as "class:words", from the committed model's BIO tags. */
function entities(language: string, text: string): string[] {
  const tagging = taggerFor(language);
  if (!tagging) throw new Error(`no tagger for ${language}`);
  const words = text.split(' ');
  const found: string[] = [];
  tagging.tagger.tag(words).forEach((tag, i) => {
    if (tag.startsWith('B-')) found.push(`${tag.slice(2)}:${words[i]}`);
    else if (tag.startsWith('I-')) found[found.length - 1] += ` ${words[i]}`;
  });
  return found;
}

describe('taggers beyond English (committed multilingual model)', () => {
  it('tags German news', () => {
    expect(
      entities(
        'de',
        'Der Vorstandschef von Siemens , Roland Busch , sprach in München über die Zukunft des Konzerns .',
      ),
    ).toEqual(['ORG:Siemens', 'PER:Roland Busch', 'LOC:München']);
    expect(
      entities('de', 'Bundeskanzler Olaf Scholz traf am Dienstag in Berlin Vertreter der Europäischen Union .'),
    ).toEqual(['PER:Olaf Scholz', 'LOC:Berlin', 'ORG:Europäischen Union']);
  });

  it('tags Portuguese news', () => {
    expect(
      entities('pt', 'A Petrobras anunciou nesta segunda-feira um novo plano de investimentos no Rio de Janeiro .'),
    ).toEqual(['ORG:Petrobras', 'LOC:Rio de Janeiro']);
    expect(
      entities(
        'pt',
        'O presidente Lula da Silva visitou Lisboa e encontrou-se com o primeiro-ministro António Costa .',
      ),
    ).toEqual(['PER:Lula da Silva', 'LOC:Lisboa', 'PER:António Costa']);
  });

  it('tags places in Arabic, which has no capitals to go by', () => {
    expect(entities('ar', 'تقع مدينة دمشق في سوريا .')).toEqual(['LOC:دمشق', 'LOC:سوريا']);
    expect(entities('ar', 'ولد نجيب محفوظ في القاهرة عام 1911 .')).toContain('LOC:القاهرة');
  });

  it('reaches Spanish and Italian, never trained on, through the shared and transfer weights', () => {
    const model = decodeNerModel(require('../model/ner-multilingual.model.json') as SerializedNerModel);
    expect(model.languages).toContain(TRANSFER_WEIGHTS);
    expect(model.languages).not.toContain('es');
    expect(
      entities('es', 'El presidente Pedro Sánchez se reunió en Madrid con el canciller alemán Olaf Scholz .'),
    ).toEqual(['PER:Pedro Sánchez', 'LOC:Madrid', 'PER:Olaf Scholz']);
    // Model 1.1.0 also left "Consiglio" out of "presidente del Consiglio Giorgia Meloni"; 1.2.0 pulls it into the
    // name (docs/quality.md, transfer weights: a known error, outweighed by the measured transfer).
    expect(
      entities('it', 'La premier Giorgia Meloni ha incontrato a Roma il segretario generale della NATO .'),
    ).toEqual(['PER:Giorgia Meloni', 'LOC:Roma', 'ORG:NATO']);
    expect(entities('it', 'Il ministro Matteo Salvini ha incontrato a Milano i vertici della Fiat .')).toEqual([
      'PER:Matteo Salvini',
      'LOC:Milano',
      'ORG:Fiat',
    ]);
  });

  it('has no tagger for a language it was neither trained on nor transferred to', () => {
    expect(taggerFor('pl')).toBeNull();
    expect(taggerFor('en')?.englishRules).toBe(true);
    expect(taggerFor('de')?.englishRules).toBe(false);
  });
});
