/** An element of a parsed XML document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** Text content directly inside this element, entities decoded. */
  text: string;
}

/**
 * A small strict XML parser for the documents our reporters write (declaration, elements,
 * double-quoted attributes, text, the five entities and character references). It throws on
 * anything not well-formed — mismatched tags, a raw `<` or `&`, characters XML 1.0 forbids —
 * so a test that parses a report also proves a CI server can.
 */
export function parseXml(source: string): XmlElement {
  let index = 0;
  const fail = (why: string): never => {
    throw new Error(
      `XML: ${why} at offset ${index}: ${JSON.stringify(source.slice(index, index + 40))}`,
    );
  };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting them is the point
  if (/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(source)) {
    fail('a character XML 1.0 forbids');
  }
  const decode = (raw: string): string => {
    if (/<|&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(raw)) fail('a raw < or &');
    return raw.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (entity in named) return named[entity] as string;
      return String.fromCodePoint(
        entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
      );
    });
  };
  const skipSpace = (): void => {
    while (/\s/.test(source[index] ?? '')) index += 1;
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end === -1) fail('an unterminated declaration');
    index = end + 2;
  }
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.-]*)/.exec(source.slice(index));
    if (open === null) return fail('expected an element');
    const name = open[1] as string;
    index += open[0].length;
    const attributes = new Map<string, string>();
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', index)) {
        index += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[index] === '>') {
        index += 1;
        break;
      }
      const attribute = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(source.slice(index));
      if (attribute === null) return fail('a malformed attribute');
      if (attributes.has(attribute[1] as string)) fail('a duplicate attribute');
      attributes.set(attribute[1] as string, decode(attribute[2] as string));
      index += attribute[0].length;
    }
    const node: XmlElement = { name, attributes, children: [], text: '' };
    for (;;) {
      const next = source.indexOf('<', index);
      if (next === -1) fail(`no closing tag for <${name}>`);
      node.text += decode(source.slice(index, next));
      index = next;
      if (source.startsWith(`</${name}>`, index)) {
        index += name.length + 3;
        return node;
      }
      if (source.startsWith('</', index)) fail(`a closing tag that does not match <${name}>`);
      node.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (index !== source.length) fail('content after the root element');
  return root;
}

/** Every descendant element with this name. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...findAll(child, name),
  ]);
}
