import { detectAll } from 'tinyld';
import { detectLanguage } from './detect-language';

// The n-gram detector, watched: English its markers settle must not reach it.
jest.mock('tinyld', () => {
  const actual = jest.requireActual<typeof import('tinyld')>('tinyld');
  return { ...actual, detectAll: jest.fn(actual.detectAll) };
});
const detector = detectAll as jest.MockedFunction<typeof detectAll>;

describe('detectLanguage', () => {
  it.each([
    ['en', 'The president said negotiations would continue next week despite the attack on the capital.'],
    ['fr', 'Le président a déclaré que les négociations se poursuivraient la semaine prochaine malgré tout.'],
    ['de', 'Der Präsident sagte, die Verhandlungen würden trotz des Angriffs nächste Woche fortgesetzt.'],
    ['es', 'El presidente dijo que las negociaciones continuarían la próxima semana a pesar del ataque.'],
    ['ru', 'Президент заявил, что переговоры продолжатся на следующей неделе, несмотря на нападение.'],
    ['ar', 'قال الرئيس إن المفاوضات ستستمر الأسبوع المقبل رغم الهجوم على العاصمة.'],
  ])('detects %s with ISO 639-1 and a confidence', (language, text) => {
    const detected = detectLanguage(text);
    expect(detected.language).toBe(language);
    expect(detected.confidence).toBeGreaterThan(0.2);
    expect(detected.confidence).toBeLessThanOrEqual(1);
  });

  it('settles English by its function words, its confidence rising with their share (at most 0.95), not the detector', () => {
    const text =
      'The minister said that the government would respond to the report by the end of the week, and that it has ' +
      'been studied.';
    detector.mockClear();
    expect(detectLanguage(text)).toEqual({ language: 'en', confidence: 0.95 });
    expect(detector).not.toHaveBeenCalled();
  });

  it('settles English news heavy with names (3 markers in 19 words) without the detector, confident enough to tag', () => {
    const text =
      'Prime Minister Keir Starmer met President Emmanuel Macron in Paris on Tuesday, and both leaders said talks ' +
      'went well.';
    detector.mockClear();
    const detected = detectLanguage(text);
    expect(detected.language).toBe('en');
    expect(detected.confidence).toBeGreaterThanOrEqual(0.6);
    expect(detector).not.toHaveBeenCalled();
  });

  it('asks the detector about text in another language that shares a marker word ("for" in Danish)', () => {
    const text =
      'Regeringen har i dag fremlagt et forslag for en ny skattereform, som skal gælde for alle borgere fra næste år.';
    detector.mockClear();
    expect(detectLanguage(text).language).not.toBe('en');
    expect(detector).toHaveBeenCalledTimes(1);
  });

  it('recognises short English full of foreign names, which n-gram statistics misread', () => {
    const text = 'Ukrainian President Volodymyr Zelensky said on Friday that Russia had fired 40 missiles.';
    expect(detectLanguage(text).language).toBe('en');
  });

  it('returns "und" with zero confidence for text too short to tell', () => {
    expect(detectLanguage('Ok thanks')).toEqual({ language: 'und', confidence: 0 });
    expect(detectLanguage('')).toEqual({ language: 'und', confidence: 0 });
  });

  it('falls back to the hint when detection cannot decide', () => {
    expect(detectLanguage('Danke!', 'de-DE')).toEqual({ language: 'de', confidence: 0.5 });
  });
});
