/**
 * Minimal XML writing: escaping lives here and nowhere else. Fragments are wrapped in
 * {@link Xml} so already-built markup is never escaped twice.
 */

/** Markup that is already escaped. */
type Xml = { readonly xml: string };

/** What may appear inside an element; `undefined`/`null` children are dropped. */
type XmlChild = Xml | string | number | boolean | undefined | null;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for element content or attribute values. */
const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

const render = (child: XmlChild): string => {
  if (child === undefined || child === null) return '';
  if (typeof child === 'object') return child.xml;
  return escapeXml(String(child));
};

/**
 * Builds `<name>children</name>`.
 *
 * @example
 * ```ts
 * el('groupName', 'a&b').xml; // '<groupName>a&amp;b</groupName>'
 * ```
 */
const el = (name: string, ...children: XmlChild[]): Xml => ({
  xml: `<${name}>${children.map(render).join('')}</${name}>`,
});

/** Like {@link el} but emits nothing when the value is absent. */
const field = (name: string, value: XmlChild): Xml =>
  value === undefined || value === null ? { xml: '' } : el(name, value);

/** A list: `<name><item>…</item>…</name>` (EC2 uses `item`, Query services `member`). */
const list = <T>(
  name: string,
  values: readonly T[],
  each: (value: T) => XmlChild[],
  wrapper = 'item',
): Xml => el(name, ...values.map((value) => el(wrapper, ...each(value))));

/** Concatenates fragments. */
const join = (...children: XmlChild[]): Xml => ({ xml: children.map(render).join('') });

/** Root element with an `xmlns` attribute and the XML declaration. */
const document = (name: string, namespace: string, ...children: XmlChild[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${name} ` +
  `xmlns="${escapeXml(namespace)}">${children.map(render).join('')}</${name}>`;

export { escapeXml, el, field, list, join, document };
export type { Xml, XmlChild };
