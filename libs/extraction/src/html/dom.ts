import type { AnyNode, Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

export type { AnyNode, Document, Element };

/** Nesting deeper than this is not walked: real pages stay far below, hostile ones must not blow the stack. */
export const MAX_DEPTH = 256;

export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(el: Element, name: string): string | null {
  const value = el.attribs[name];
  return value === undefined ? null : value;
}

/** Every element below `root` in document order, depth-first, iteratively (no recursion on hostile nesting). */
export function elementsOf(root: AnyNode, predicate: (el: Element) => boolean = () => true): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  if ('children' in root) for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    if (predicate(node)) out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

/** Concatenated text below a node, raw (not whitespace-collapsed). */
export function textOf(node: AnyNode, depth = 0): string {
  if (node.type === 'text') return node.data;
  if (depth > MAX_DEPTH || !('children' in node)) return '';
  if (isElement(node) && (node.name === 'script' || node.name === 'style')) return '';
  let text = '';
  for (const child of node.children) text += textOf(child, depth + 1);
  return text;
}
