// Response.html()'s Selection (js/modules/k6/html/html.go, goquery's API) on cheerio: the methods k6 scripts
// use to walk a page. Loaded on first use, so runs that never parse HTML do not pay for the parser.
import { createRequire } from 'node:module';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { HtmlElement } from './html-element.ts';

type Load = (html: string) => CheerioAPI;
let loadHtml: Load | undefined;

/** Parses `html` as a document (HTML5 rules, as Go's x/net/html) and selects its root. */
export function parseHtml(html: string): Selection {
  loadHtml ??= (createRequire(import.meta.url)('cheerio') as { load: Load }).load;
  const $ = loadHtml(html);
  return new Selection($, $.root());
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

type Filter = string | ((index: number, selection: Selection) => unknown);

/** A set of nodes; every method returns a new Selection or a plain value, as in k6. */
export class Selection {
  constructor(
    private readonly $: CheerioAPI,
    private readonly sel: Cheerio<AnyNode>,
  ) {}

  #wrap(sel: Cheerio<AnyNode>): Selection {
    return new Selection(this.$, sel);
  }

  #filterFn(filter: Filter): string | ((i: number, el: AnyNode) => boolean) {
    if (typeof filter === 'string') return filter;
    return (i, el) => Boolean(filter(i, this.#wrap(this.$(el))));
  }

  find(selector: string): Selection {
    return this.#wrap(this.sel.find(selector));
  }
  text(): string {
    return this.sel.text();
  }
  html(): string | undefined {
    return this.sel.length === 0 ? undefined : (this.sel.html() ?? '');
  }
  attr(name: string, fallback?: unknown): unknown {
    return this.sel.first().attr(name) ?? fallback;
  }
  val(): unknown {
    const first = this.sel.first();
    if (first.is('select'))
      return first.attr('multiple') !== undefined
        ? first
            .find('option:selected')
            .map((_i, o) => this.$(o).attr('value') ?? this.$(o).text())
            .get()
        : first.val();
    return first.val();
  }
  data(key?: string): unknown {
    const data = this.sel.first().data() as Record<string, unknown> | undefined;
    return key === undefined ? data : data?.[key];
  }
  size(): number {
    return this.sel.length;
  }
  get length(): number {
    return this.sel.length;
  }
  first(): Selection {
    return this.#wrap(this.sel.first());
  }
  last(): Selection {
    return this.#wrap(this.sel.last());
  }
  eq(index: number): Selection {
    return this.#wrap(this.sel.eq(index));
  }
  slice(start: number, end?: number): Selection {
    return this.#wrap(this.sel.slice(start, end));
  }
  children(selector?: string): Selection {
    return this.#wrap(this.sel.children(selector));
  }
  contents(): Selection {
    return this.#wrap(this.sel.contents());
  }
  parent(selector?: string): Selection {
    return this.#wrap(this.sel.parent(selector));
  }
  parents(selector?: string): Selection {
    return this.#wrap(this.sel.parents(selector));
  }
  parentsUntil(selector: string): Selection {
    return this.#wrap(this.sel.parentsUntil(selector));
  }
  closest(selector: string): Selection {
    return this.#wrap(this.sel.closest(selector));
  }
  next(selector?: string): Selection {
    return this.#wrap(this.sel.next(selector));
  }
  nextAll(selector?: string): Selection {
    return this.#wrap(this.sel.nextAll(selector));
  }
  nextUntil(selector: string): Selection {
    return this.#wrap(this.sel.nextUntil(selector));
  }
  prev(selector?: string): Selection {
    return this.#wrap(this.sel.prev(selector));
  }
  prevAll(selector?: string): Selection {
    return this.#wrap(this.sel.prevAll(selector));
  }
  prevUntil(selector: string): Selection {
    return this.#wrap(this.sel.prevUntil(selector));
  }
  siblings(selector?: string): Selection {
    return this.#wrap(this.sel.siblings(selector));
  }
  filter(filter: Filter): Selection {
    return this.#wrap(this.sel.filter(this.#filterFn(filter)));
  }
  not(filter: Filter): Selection {
    return this.#wrap(this.sel.not(this.#filterFn(filter)));
  }
  has(selector: string): Selection {
    return this.#wrap(this.sel.has(selector));
  }
  is(filter: Filter): boolean {
    return this.sel.is(this.#filterFn(filter));
  }
  add(selector: string): Selection {
    return this.#wrap(this.sel.add(this.$(selector)));
  }
  index(selector?: string): number {
    return selector === undefined ? this.sel.index() : this.sel.index(selector);
  }
  /**
   * Calls fn(index, element) for each node, as k6 does (an Element, not a Selection). A callback the
   * blocking transform made async is awaited before the next one, and the result is then a promise.
   */
  each(fn: (index: number, element: HtmlElement) => unknown): Selection | Promise<Selection> {
    const nodes = this.sel.toArray();
    for (let i = 0; i < nodes.length; i++) {
      const result = fn(i, new HtmlElement(this.$, nodes[i] as AnyNode));
      if (isThenable(result)) return this.#eachAsync(nodes, fn, i, result);
    }
    return this;
  }
  async #eachAsync(
    nodes: AnyNode[],
    fn: (index: number, element: HtmlElement) => unknown,
    from: number,
    pending: PromiseLike<unknown>,
  ): Promise<Selection> {
    await pending;
    for (let i = from + 1; i < nodes.length; i++) await fn(i, new HtmlElement(this.$, nodes[i] as AnyNode));
    return this;
  }
  /** k6 passes each node as a Selection and collects the results (a promise of them for async callbacks). */
  map(fn: (index: number, selection: Selection) => unknown): unknown[] | Promise<unknown[]> {
    const out: unknown[] = [];
    this.sel.each((i, node) => {
      out.push(fn(i, this.#wrap(this.$(node))));
    });
    return out.some(isThenable) ? Promise.all(out) : out;
  }
  toArray(): Selection[] {
    return this.sel.toArray().map((node) => this.#wrap(this.$(node)));
  }
  get(index?: number): HtmlElement | HtmlElement[] | undefined {
    if (index === undefined) return this.sel.toArray().map((node) => new HtmlElement(this.$, node));
    const node = this.sel.get(index < 0 ? this.sel.length + index : index);
    return node === undefined ? undefined : new HtmlElement(this.$, node);
  }
  serialize(): string {
    return this.sel.serialize();
  }
  serializeArray(): { name: string; value: string }[] {
    return this.sel.serializeArray();
  }
  serializeObject(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const { name, value } of this.sel.serializeArray()) {
      const prior = out[name];
      out[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
    }
    return out;
  }
}
