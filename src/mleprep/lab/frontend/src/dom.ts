// Small DOM helpers shared by the panels: an element with its attributes and text, and a lab-styled button.

/** A new `tag` element with the attributes `attrs` and, when given, the text `text`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A JupyterLab-styled `type="button"` button with the extra classes `cls` (and attributes `attrs`)
 * that calls `onClick` when pressed. */
export function button(
  text: string,
  cls: string,
  onClick: () => void,
  attrs: Record<string, string> = {}
): HTMLButtonElement {
  const b = el('button', { class: `jp-Button jp-mod-styled ${cls}`, type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}
