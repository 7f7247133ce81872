/**
 * A hand-rolled scan of the XML prolog (BOM, declaration, comments, processing instructions, DOCTYPE) up to the
 * root element's start tag. It lets us sniff a document's kind without parsing it, and lets us drop the DOCTYPE
 * before any parser sees it: no DTD is ever processed, so external entities (XXE) and entity expansion bombs
 * cannot happen whatever the parser's own settings are. Entity references the DTD would have defined stay as
 * literal text (`&name;`).
 */

export interface RootElement {
  /** qualified name as written, e.g. `rss`, `rdf:RDF`, `feed` */
  name: string;
  /** local part of the name, e.g. `RDF` for `rdf:RDF` */
  localName: string;
  attributes: Record<string, string>;
  /** 1-based line of the start tag, for error messages */
  line: number;
}

export interface XmlProlog {
  /** the text with BOM, leading whitespace and DOCTYPE removed */
  text: string;
  root: RootElement | null;
  hadDoctype: boolean;
}

const START_TAG = /^<([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;
const ATTRIBUTE = /([^\s=>/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Largest document we parse; feeds and sitemaps above this are abuse or a mistake (sitemaps cap at 50 MB). */
export const MAX_XML_CHARS = 50 * 1024 * 1024;

export function readProlog(input: string): XmlProlog {
  let text = input.replace(/^\uFEFF/, '').trimStart();
  let position = 0;
  let hadDoctype = false;
  for (;;) {
    while (position < text.length && /\s/.test(text[position])) position += 1;
    if (text.startsWith('<?', position)) {
      const end = text.indexOf('?>', position + 2);
      if (end < 0) return { text, root: null, hadDoctype };
      position = end + 2;
    } else if (text.startsWith('<!--', position)) {
      const end = text.indexOf('-->', position + 4);
      if (end < 0) return { text, root: null, hadDoctype };
      position = end + 3;
    } else if (/^<!doctype/i.test(text.slice(position, position + 9))) {
      const end = doctypeEnd(text, position);
      if (end < 0) return { text, root: null, hadDoctype: true };
      text = text.slice(0, position) + text.slice(end);
      hadDoctype = true;
    } else {
      break;
    }
  }
  const match = START_TAG.exec(text.slice(position, position + 64 * 1024));
  if (!match) return { text, root: null, hadDoctype };
  const attributes: Record<string, string> = {};
  for (const attribute of match[2].matchAll(ATTRIBUTE)) {
    attributes[attribute[1]] = attribute[2] ?? attribute[3] ?? '';
  }
  const name = match[1];
  const line = text.slice(0, position).split('\n').length;
  return { text, root: { name, localName: name.slice(name.indexOf(':') + 1), attributes, line }, hadDoctype };
}

/** Index just past the DOCTYPE's closing `>`, skipping an internal subset `[...]` (whose declarations contain `>`). */
function doctypeEnd(text: string, start: number): number {
  let inSubset = false;
  let quote: string | null = null;
  for (let index = start + 9; index < text.length; index += 1) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '[') {
      inSubset = true;
    } else if (char === ']') {
      inSubset = false;
    } else if (char === '>' && !inSubset) {
      return index + 1;
    }
  }
  return -1;
}
