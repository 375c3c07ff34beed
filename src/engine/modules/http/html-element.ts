// The Element k6's Selection.each() and get() hand out (js/modules/k6/html/element.go): DOM-style getters.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';

const NODE_TYPES: Readonly<Record<string, number>> = {
  tag: 1,
  script: 1,
  style: 1,
  text: 3,
  cdata: 4,
  directive: 10,
  comment: 8,
  root: 9,
};

/** One node of a parsed page. */
export class HtmlElement {
  constructor(
    private readonly $: CheerioAPI,
    private readonly node: AnyNode,
  ) {}

  #attribs(): Record<string, string> {
    return 'attribs' in this.node ? this.node.attribs : {};
  }
  #wrapAll(nodes: readonly AnyNode[]): HtmlElement[] {
    return nodes.map((n) => new HtmlElement(this.$, n));
  }

  nodeName(): string {
    return 'name' in this.node ? this.node.name.toUpperCase() : `#${this.node.type}`;
  }
  nodeType(): number | undefined {
    return NODE_TYPES[this.node.type];
  }
  nodeValue(): string | undefined {
    return 'data' in this.node ? this.node.data : undefined;
  }
  id(): string {
    return this.#attribs().id ?? '';
  }
  className(): string | undefined {
    return this.#attribs().class;
  }
  classList(): string[] {
    return (this.#attribs().class ?? '').split(/\s+/).filter((c) => c !== '');
  }
  lang(): string | undefined {
    return this.#attribs().lang;
  }
  textContent(): string {
    return this.$(this.node).text();
  }
  innerHTML(): string {
    return this.$(this.node).html() ?? '';
  }
  getAttribute(name: string): string | undefined {
    return this.#attribs()[name];
  }
  hasAttribute(name: string): boolean {
    return name in this.#attribs();
  }
  hasAttributes(): boolean {
    return Object.keys(this.#attribs()).length > 0;
  }
  attributes(): Record<string, { name: string; value: string }> {
    const out: Record<string, { name: string; value: string }> = {};
    for (const [name, value] of Object.entries(this.#attribs())) out[name] = { name, value };
    return out;
  }
  hasChildNodes(): boolean {
    return 'children' in this.node && this.node.children.length > 0;
  }
  childNodes(): HtmlElement[] {
    return 'children' in this.node ? this.#wrapAll(this.node.children) : [];
  }
  children(): HtmlElement[] {
    return this.#wrapAll(this.$(this.node).children().toArray());
  }
  childElementCount(): number {
    return this.$(this.node).children().length;
  }
  firstChild(): HtmlElement | undefined {
    return this.childNodes()[0];
  }
  lastChild(): HtmlElement | undefined {
    return this.childNodes().at(-1);
  }
  parentNode(): HtmlElement | undefined {
    return this.node.parent === null ? undefined : new HtmlElement(this.$, this.node.parent);
  }
  nextElementSibling(): HtmlElement | undefined {
    return this.#wrapAll(this.$(this.node).next().toArray())[0];
  }
  previousElementSibling(): HtmlElement | undefined {
    return this.#wrapAll(this.$(this.node).prev().toArray())[0];
  }
  matches(selector: string): boolean {
    return this.$(this.node).is(selector);
  }
  querySelector(selector: string): HtmlElement | undefined {
    return this.#wrapAll(this.$(this.node).find(selector).first().toArray())[0];
  }
  querySelectorAll(selector: string): HtmlElement[] {
    return this.#wrapAll(this.$(this.node).find(selector).toArray());
  }
  toString(): string {
    return `[object html.${this.nodeType() === 1 ? 'HTMLElement' : 'Node'}]`;
  }
}
