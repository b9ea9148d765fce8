/* Building the screens' DOM without innerHTML: text from the server (a name, a problem's title)
 * always goes in as text, never as markup. */

/**
 * h('button', { class: 'button', type: 'button', onclick: fn, 'aria-label': 'x' }, 'child', node)
 * Keys starting with "on" become listeners; false, null and undefined attributes are left out.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'text') element.textContent = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  const present = (child) => child !== null && child !== undefined && child !== false;
  element.append(...children.flat().filter(present));
  return element;
}

/** A paragraph that read-aloud speaks, since many candidates do not read. */
export function said(tag, text, props = {}) {
  return h(tag, { ...props, 'data-read-aloud': true, text });
}

/** The message area every screen has: polite news or an assertive problem, spoken by readers. */
export function messageArea() {
  const area = h('div', { class: 'message', role: 'status', 'aria-live': 'polite', hidden: true });
  const show = (text, kind) => {
    area.hidden = !text;
    area.dataset.kind = kind;
    area.setAttribute('role', kind === 'problem' ? 'alert' : 'status');
    area.textContent = text ?? '';
    if (text) area.setAttribute('data-read-aloud', '');
  };
  return {
    element: area,
    info: (text) => show(text, 'info'),
    problem: (text) => show(text, 'problem'),
    clear: () => show('', 'info'),
  };
}

/** Disable a button while an async action runs, so a double tap starts one ceremony, not two. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
