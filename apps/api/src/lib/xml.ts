/**
 * A small XML writer for plain data (what Open311 answers in): objects become elements named by their
 * keys, arrays one child element per item (named by `itemName(parentName)`), null an empty element.
 * Text is escaped, and characters XML 1.0 cannot carry at all (most control characters, lone
 * surrogates, U+FFFE/U+FFFF) are left out, so whatever a citizen typed yields a well-formed document.
 */

export const XML_TYPE = 'text/xml; charset=utf-8';

// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const escapeXml = (text: string): string => text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const NAME = /^[A-Za-z_][\w.-]*$/;

function element(name: string, value: unknown, itemName: (parent: string) => string, indent: string): string {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}<${name}/>`;
    const item = itemName(name);
    return `${indent}<${name}>\n${value.map((v) => element(item, v, itemName, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return `${indent}<${name}/>`;
    return `${indent}<${name}>\n${entries.map(([k, v]) => element(k, v, itemName, `${indent}  `)).join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document, with the declaration GeoReport asks for (UTF-8). */
export function toXml(root: string, value: unknown, itemName: (parent: string) => string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value, itemName, '')}\n`;
}
