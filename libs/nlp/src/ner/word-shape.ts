/** "Zelensky" → "Xx", "NATO" → "X", "U.S." → "X.X.", "2025" → "d", "al-Qaida" → "x-Xx": runs collapsed. */
export function wordShape(word: string): string {
  let shape = '';
  let previous = '';
  for (const char of word.slice(0, 24)) {
    let kind: string;
    if (/\p{Lu}/u.test(char)) kind = 'X';
    else if (/\p{Ll}/u.test(char)) kind = 'x';
    else if (/\p{N}/u.test(char)) kind = 'd';
    else kind = char;
    if (kind !== previous) shape += kind;
    previous = kind;
  }
  return shape;
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}
