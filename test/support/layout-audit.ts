// The layout checks of the browser tests, run in the page (serialised by page.evaluate: self-contained,
// no DOM types in this project's tsconfig): what sticks out past the screen's right edge outside a box
// that scrolls sideways, text too small, controls too small to tap, table cells narrower than four
// characters, and buttons, tabs and badges whose text wraps (stacked one character a line on a phone).

export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
export interface Style {
  display: string;
  visibility: string;
  overflowX: string;
  fontSize: string;
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
  backgroundColor: string;
  paddingLeft: string;
  paddingRight: string;
}
export interface El {
  tagName: string;
  id: string;
  className: unknown;
  textContent: string | null;
  parentElement: El | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  closest(selector: string): El | null;
  matches(selector: string): boolean;
  labels?: ArrayLike<El> | null;
  type?: string;
  name?: string;
  checked?: boolean;
  value?: string;
  form?: El | null;
  elements?: ArrayLike<El>;
  disabled?: boolean;
}
export interface Win {
  innerWidth: number;
  innerHeight: number;
  scrollY: number;
  visualViewport: { scale: number } | null;
  getComputedStyle(el: El): Style;
  document: {
    documentElement: El;
    body: El;
    activeElement: El | null;
    querySelectorAll(selector: string): ArrayLike<El>;
    querySelector(selector: string): El | null;
    createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): Rect; getClientRects(): ArrayLike<Rect> };
  };
}

export interface LayoutAudit {
  innerWidth: number;
  scale: number;
  scrollWidth: number;
  bodyFontSize: number;
  elements: number;
  controls: number;
  /** overflow-x:auto boxes whose content is wider than they are (scrolling inside: allowed) */
  innerScrollers: string[];
  overflowing: string[];
  tinyText: string[];
  smallControls: string[];
  /** table cells whose content box is narrower than four characters of their font */
  narrowCells: string[];
  /** buttons, tabs, badges whose text is squeezed onto several lines of under four characters each */
  stackedText: string[];
}

/** Runs in the page: what sticks out past the right edge, text too small, controls too small to tap, cells too narrow, text stacked. */
export function auditLayout(limits: { screen: number; minControl: number; minChoice: number; minText: number }): LayoutAudit {
  const win = globalThis as unknown as Win;
  const doc = win.document;
  const what = (el: El): string => {
    const cls = typeof el.className === 'string' && el.className.trim() !== '' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${el.type && el.tagName === 'INPUT' ? ` type=${el.type}` : ''}> "${text}"`;
  };
  const shown = (el: El): boolean => {
    const style = win.getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return false; // nothing to see (or .visually-hidden: 1×1 and clipped)
    if (r.right <= 0) return false; // moved off-screen to the left (the skip link until focused)
    return true;
  };
  const scrolls = (el: El): boolean => ['auto', 'scroll', 'hidden', 'clip'].includes(win.getComputedStyle(el).overflowX);
  /** inside a box of its own that scrolls or clips sideways (not <body>/<html>: those would hide a real overflow) */
  const contained = (el: El): boolean => {
    for (let p = el.parentElement; p && p !== doc.body && p !== doc.documentElement; p = p.parentElement) if (scrolls(p)) return true;
    return false;
  };
  // the screen's edge, not innerWidth: a mobile browser widens the layout viewport to fit content that is too wide
  const width = limits.screen;
  const all = Array.from(doc.querySelectorAll('body *')).filter((el) => !['SCRIPT', 'STYLE', 'LINK', 'META', 'OPTION', 'BR'].includes(el.tagName));
  const visible = all.filter(shown);
  const overflowing: string[] = [];
  const innerScrollers: string[] = [];
  const tinyText: string[] = [];
  const smallControls: string[] = [];
  const past: El[] = [];
  for (const el of visible) {
    if (contained(el)) continue;
    if (el.getBoundingClientRect().right > width + 1) past.push(el);
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1) innerScrollers.push(`${what(el)} ${el.clientWidth}px shows ${el.scrollWidth}px`);
  }
  // the outermost of them (what is inside a box that sticks out sticks out with it)
  for (const el of past) {
    if (el.parentElement && past.includes(el.parentElement)) continue;
    overflowing.push(`${what(el)} reaches x=${Math.round(el.getBoundingClientRect().right)} (screen ${width})`);
  }
  // text that does not wrap runs out of a box that fits (a long URL in a <p>)
  const range = doc.createRange();
  for (const el of visible) {
    if (past.includes(el) || contained(el)) continue;
    for (const node of Array.from(el.childNodes)) {
      if (node.nodeType !== 3 || (node.textContent ?? '').trim() === '') continue;
      range.selectNodeContents(node);
      const right = range.getBoundingClientRect().right;
      if (right > width + 1) overflowing.push(`the text of ${what(el)} reaches x=${Math.round(right)} (screen ${width})`);
    }
  }
  for (const el of visible) {
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
    if (!ownText) continue;
    const size = Number.parseFloat(win.getComputedStyle(el).fontSize);
    if (size < limits.minText) tinyText.push(`${what(el)} ${size}px`);
  }
  const controls = visible.filter((el) => ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(el.tagName) && el.type !== 'hidden');
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (el.type === 'radio' || el.type === 'checkbox') {
      // the label is part of the target (a click on it checks the box)
      const boxes = [r, ...Array.from(el.labels ?? []).map((l) => l.getBoundingClientRect())];
      const w = Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left));
      const h = Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top));
      if (w < limits.minChoice || h < limits.minChoice) smallControls.push(`${what(el)} with its label ${Math.round(w)}×${Math.round(h)}px`);
    } else if (r.width < limits.minControl || r.height < limits.minControl) {
      smallControls.push(`${what(el)} ${Math.round(r.width)}×${Math.round(r.height)}px`);
    }
  }
  const narrowCells: string[] = [];
  for (const el of visible) {
    if (el.tagName !== 'TD' && el.tagName !== 'TH') continue;
    const style = win.getComputedStyle(el);
    const size = Number.parseFloat(style.fontSize);
    const content = el.getBoundingClientRect().width - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
    if (content < 4 * size - 1) narrowCells.push(`${what(el)} ${Math.round(content)}px wide, under four characters (${Math.round(4 * size)}px)`);
  }
  const stackedText: string[] = [];
  for (const el of visible) {
    if (!el.matches('button, .button, nav.main a, .mode-switch a, .badge, summary')) continue;
    if ((el.textContent ?? '').trim().length < 2) continue;
    range.selectNodeContents(el);
    const lines = new Map<number, number>();
    for (const r of Array.from(range.getClientRects())) {
      if (r.width <= 1 || r.height <= 1) continue;
      const top = Math.round(r.top / 4);
      lines.set(top, (lines.get(top) ?? 0) + r.width);
    }
    // a long label may wrap at the width of its container; squeezed, it stacks a few characters a line
    const size = Number.parseFloat(win.getComputedStyle(el).fontSize);
    const widest = Math.max(0, ...lines.values());
    if (lines.size > 1 && widest < 4 * size) stackedText.push(`${what(el)} stacked: ${lines.size} lines, the widest ${Math.round(widest)}px`);
  }
  return {
    innerWidth: win.innerWidth,
    scale: win.visualViewport?.scale ?? 1,
    scrollWidth: doc.documentElement.scrollWidth,
    bodyFontSize: Number.parseFloat(win.getComputedStyle(doc.body).fontSize),
    elements: visible.length,
    controls: controls.length,
    innerScrollers,
    overflowing,
    tinyText,
    smallControls,
    narrowCells,
    stackedText,
  };
}
