// For unit specs only (node has no DOM here): what the reader's early page and its box use of it.

/** The little of the DOM the early page uses: elements with style, dataset, children and load/error listeners. */
export class FakeElement {
  id = '';
  src = '';
  alt = '';
  className = '';
  width = 0;
  height = 0;
  parent: FakeElement | null = null;
  children: FakeElement[] = [];
  readonly dataset: Record<string, string> = {};
  readonly attributes: Record<string, string> = {};
  readonly listeners: Record<string, () => void> = {};
  readonly style = {
    cssText: '',
    props: {} as Record<string, string>,
    set width(v: string) {
      this.props['width'] = v;
    },
    set height(v: string) {
      this.props['height'] = v;
    },
    removeProperty(k: string) {
      delete this.props[k];
    },
  };
  constructor(readonly tag: string) {}
  setAttribute(k: string, v: string) {
    this.attributes[k] = v;
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners[type] = listener;
  }
  append(...els: FakeElement[]) {
    for (const el of els) {
      el.parent?.children.splice(el.parent.children.indexOf(el), 1);
      el.parent = this;
      this.children.push(el);
    }
  }
  replaceChildren(...els: FakeElement[]) {
    for (const c of this.children) c.parent = null;
    this.children = [];
    this.append(...els);
  }
  remove() {
    this.parent?.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
}

export class FakeDocument {
  baseURI = 'http://hall/';
  readonly body = new FakeElement('body');
  readonly head = new FakeElement('head');
  createElement(tag: string) {
    return new FakeElement(tag);
  }
  getElementById(id: string): FakeElement | null {
    const find = (el: FakeElement): FakeElement | null => (el.id === id ? el : el.children.map(find).find(Boolean) ?? null);
    return find(this.body);
  }
}
