import { collapseWhitespace } from '../text-normalise';
import { attr, MAX_DEPTH, type AnyNode, type Element } from './dom';

/** A run of text the page renders as one block (a paragraph, a heading, a list item, a bare text run in a div). */
export interface TextBlock {
  text: string;
  /** Characters of the text inside links. */
  linkChars: number;
  /** Characters of link text before any other text: a teaser starts with its linked headline. */
  leadLinkChars: number;
  /** The nearest block-level element holding the text. */
  owner: Element;
  /** The owner's tag, or the heading tag for headings. */
  tag: string;
  heading: boolean;
  /** Elements between the owner and the root whose class/id says "not content" (share, related, comments…). */
  hinted: Element[];
}

/** Never content: code, media, form controls, navigation, and the page chrome elements. */
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'button',
  'select',
  'option',
  'input',
  'textarea',
  'label',
  'nav',
  'aside',
  'footer',
  'header',
  'figure',
  'figcaption',
  'menu',
  'dialog',
  'head',
  'link',
  'meta',
]);

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'dl',
  'dd',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'address',
  'center',
  'form',
  'fieldset',
  'details',
  'summary',
  'body',
  'html',
  'hr',
  'br',
  'hgroup',
]);

const HEADING = /^h[1-6]$/;

/**
 * class/id words of page furniture. Matched as whole words of the attribute so "shared-content" or
 * "adventure" do not count; an element whose text is most of the page's good text keeps its content anyway.
 */
const NEGATIVE_HINT =
  /(?:^|[\s_-])(share|sharing|sharebar|social|socials|related|recommend|recommended|recommendations|newsletter|newsletters|subscribe|subscription|signup|cookie|cookies|consent|gdpr|comment|comments|commentlist|disqus|discussion|replies|respond|livefyre|advert|advertisement|advertising|ad|ads|adslot|adunit|dfp|promo|promos|promoted|sponsor|sponsored|sidebar|breadcrumb|breadcrumbs|nav|navbar|navigation|menu|footer|masthead|caption|captions|credit|credits|byline|bio|tags|taglist|toolbar|popup|modal|outbrain|taboola|trending|popular|mostpopular|cta|recirc|readmore|widget|banner|pagination|pager|skip|sr-only|visually-hidden|screen-reader-text|meta|author|authorbox|profile|community|timestamp|dateline|topics|keywords)(?=$|[\s_-])/i;

const EMBEDDED_POST =
  /\b(twitter-tweet|instagram-media|tiktok-embed|bluesky-embed|threads-embed|reddit-embed|fb-post)\b/;

/**
 * A layout that has furniture beside it ("content-has-sidebar", "with-sidebar", "for_sidebar", "no-comments") is
 * the wrapper of the article and its furniture, not furniture.
 */
const LAYOUT_WITH = /(?:^|[\s_-])(has|with|for|no|without)[_-]+[a-z]+/i;

/** Class/id words that name the article's own text ("story-body", "entry-content", "articleText"). */
const POSITIVE_HINT = /(?:^|[\s_-])(article|body|content|entry|main|story|text|prose)(?=$|[\s_-])/i;

/**
 * Whether an element's class/id marks it as furniture. A separate class naming the article's text wins
 * ("story-body has-share" is the story; "article-share" is a share bar).
 */
function isFurnitureHinted(el: Element): boolean {
  const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`
    // Split camelCase so "relatedLinks" reads as "related Links".
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .split(/\s+/)
    .filter((t) => t !== '');
  let negative = false;
  let positive = false;
  for (const token of tokens) {
    if (LAYOUT_WITH.test(token)) continue;
    if (NEGATIVE_HINT.test(token)) negative = true;
    else if (POSITIVE_HINT.test(token)) positive = true;
  }
  return negative && !positive;
}

function isHidden(el: Element): boolean {
  if (el.attribs.hidden !== undefined || attr(el, 'aria-hidden') === 'true') return true;
  const style = el.attribs.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Figures are captions and credits, except a figure that wraps an embedded post or a data table. */
function holdsContent(el: Element): boolean {
  const stack: Element[] = [el];
  for (let seen = 0; stack.length > 0 && seen < 200; seen++) {
    const node = stack.pop() as Element;
    if (node.name === 'blockquote' && EMBEDDED_POST.test(node.attribs.class ?? '')) return true;
    if (node.name === 'table') return true;
    for (const c of node.children) if (c.type === 'tag') stack.push(c);
  }
  return false;
}

/** A cell holding paragraphs or line breaks is a layout cell: a block of its own, not part of a data row. */
function holdsBlocks(el: Element): boolean {
  return el.children.some((c) => c.type === 'tag' && BLOCK_TAGS.has(c.name));
}

interface WalkState {
  blocks: TextBlock[];
  buffer: string;
  linkChars: number;
  leadLinkChars: number;
  plainSeen: boolean;
  owner: Element;
  hinted: Element[];
}

function flush(state: WalkState, owner: Element, hinted: Element[]): void {
  const text = collapseWhitespace(state.buffer);
  if (text !== '') {
    const heading = HEADING.test(owner.name);
    state.blocks.push({
      text,
      linkChars: Math.min(state.linkChars, text.length),
      leadLinkChars: Math.min(state.leadLinkChars, text.length),
      owner,
      tag: owner.name,
      heading,
      hinted,
    });
  }
  state.buffer = '';
  state.linkChars = 0;
  state.leadLinkChars = 0;
  state.plainSeen = false;
}

/** Splits the page into text blocks in document order, skipping what is never content. */
export function textBlocks(root: Element): TextBlock[] {
  const state: WalkState = {
    blocks: [],
    buffer: '',
    linkChars: 0,
    leadLinkChars: 0,
    plainSeen: false,
    owner: root,
    hinted: [],
  };
  walk(root, state, root, [], false, 0);
  flush(state, root, []);
  return state.blocks;
}

function walk(
  node: AnyNode,
  state: WalkState,
  owner: Element,
  hinted: Element[],
  inLink: boolean,
  depth: number,
): void {
  if (node.type === 'text') {
    const chars = collapseWhitespace(node.data).length;
    if (inLink) {
      state.linkChars += chars + 1;
      if (!state.plainSeen) state.leadLinkChars += chars + 1;
    } else if (chars > 0) state.plainSeen = true;
    state.buffer += node.data;
    return;
  }
  if (node.type !== 'tag' || depth > MAX_DEPTH) return;
  const el = node;
  const name = el.name;
  if ((SKIP_TAGS.has(name) && !(name === 'figure' && holdsContent(el))) || isHidden(el)) return;
  if (name === 'br') {
    flush(state, owner, hinted);
    return;
  }
  // An embedded post (tweet, Instagram…) quotes a source: content, whatever its wrapper is called.
  const nextHinted = EMBEDDED_POST.test(el.attribs.class ?? '') ? [] : isFurnitureHinted(el) ? [...hinted, el] : hinted;
  if (BLOCK_TAGS.has(name) || ((name === 'td' || name === 'th') && holdsBlocks(el))) {
    flush(state, owner, hinted);
    for (const child of el.children) walk(child, state, el, nextHinted, inLink, depth + 1);
    flush(state, el, nextHinted);
    return;
  }
  // Table cells are inline here so that a data row reads as one block; cells holding paragraphs still split.
  if (name === 'td' || name === 'th') state.buffer += ' ';
  const link = inLink || name === 'a';
  for (const child of el.children) walk(child, state, owner, hinted, link, depth + 1);
}
