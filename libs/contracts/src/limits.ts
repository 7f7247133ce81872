// The one set of size and type limits every entry point shares: the fetcher, `inkstream ingest` and the splitter
// accept and refuse the same documents, and no stage publishes a message Kafka would refuse.

/**
 * Largest encoded message value any stage publishes (UTF-8 bytes of the JSON). Below Kafka's default
 * `message.max.bytes` (1 MiB) with room for headers and batch overhead; a larger output is refused by the stage
 * that would produce it, with the reason, instead of failing at the broker.
 */
export const MAX_MESSAGE_BYTES = 900 * 1024;

/**
 * Largest message header (name plus value, UTF-8 bytes). The pipeline's own headers are ids, versions and a dead
 * letter's reason (4,000 characters at most): a header near this is data passed where metadata belongs, and
 * consumers refuse it as an invalid message.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Largest document the splitter analyses, in characters (and the largest body `inkstream ingest` sends). Real
 * article pages are well under 2 MB; larger documents are rejected, not truncated (a truncated page would yield a
 * silently partial article).
 */
export const MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;

/** What a compressed document (gzip on the wire, a .gz drop file, a gzip+base64 raw document) may expand to. */
export const MAX_DECOMPRESSED_BYTES = 32 * 1024 * 1024;

/**
 * Content types that cannot be a news document. Anything else (text/*, HTML, XML, JSON, feeds, or no type at all)
 * is taken and sniffed from the content, because servers mislabel.
 */
const REFUSED_CONTENT_TYPE =
  /^(application\/(octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|x-rar-compressed|msword|vnd\.[^;]*|java-archive|wasm|x-msdownload|x-executable|x-sharedlib)|image\/|audio\/|video\/|font\/|multipart\/)/i;

/** Null when a document of this Content-Type may be processed, else why not. */
export function refusedContentType(contentType: string | null | undefined): string | null {
  const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
  if (!type || !REFUSED_CONTENT_TYPE.test(type)) return null;
  // XML/JSON/HTML flavours of vnd.* (application/vnd.api+json, …) are text.
  if (/\+(xml|json)$/i.test(type)) return null;
  return `content type ${type} is not a text document (HTML, feed or plain text)`;
}

/** Null when a document of this many characters may be processed, else why not. */
export function refusedDocumentSize(chars: number): string | null {
  return chars > MAX_DOCUMENT_CHARS
    ? `document of ${chars} characters exceeds the limit of ${MAX_DOCUMENT_CHARS}`
    : null;
}

const BINARY_SAMPLE_CHARS = 64 * 1024;

/**
 * Null when the decoded text looks like text, else why not. Text never holds NUL; invalid UTF-8 decodes to U+FFFD;
 * either in quantity means bytes, not a page. The NUL share, not a count: real pages carry a few stray NULs from
 * broken CMS templates (22 in 64 KiB of one news page), while binary formats are full of them.
 */
export function refusedBinary(text: string): string | null {
  const sample = text.slice(0, BINARY_SAMPLE_CHARS);
  let nul = 0;
  let replacement = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) nul++;
    else if (c === 0xfffd) replacement++;
    else if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  if (nul > sample.length * 0.001 || (sample.length > 0 && (replacement + control) / sample.length > 0.05)) {
    return `document looks binary: ${nul} NUL, ${replacement} invalid UTF-8 and ${control} control characters in the first ${sample.length}`;
  }
  return null;
}

export type DocumentRefusal = { reason: 'too-large' | 'unsupported-type' | 'binary'; message: string };

/**
 * The one check every entry point applies to a decoded document before it enters the pipeline (fetcher, `inkstream
 * ingest`) and again where it is analysed (splitter): size, Content-Type, binary content. Null: accepted.
 */
export function refusedDocument(document: { content: string; contentType?: string | null }): DocumentRefusal | null {
  const size = refusedDocumentSize(document.content.length);
  if (size) return { reason: 'too-large', message: size };
  const type = refusedContentType(document.contentType);
  if (type) return { reason: 'unsupported-type', message: type };
  const binary = refusedBinary(document.content);
  if (binary) return { reason: 'binary', message: binary };
  return null;
}
