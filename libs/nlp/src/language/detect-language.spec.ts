import { detectLanguage } from './detect-language';

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

  it('settles English by its function words, its confidence their share (×3, at most 0.95), not the detector', () => {
    const text =
      'The minister said that the government would respond to the report by the end of the week, and that it has ' +
      'been studied.';
    expect(detectLanguage(text)).toEqual({ language: 'en', confidence: 0.95 });
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
