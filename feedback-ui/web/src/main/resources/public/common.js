// Shared helpers. Every piece of text from the server goes into the page through textContent
// only: model answers and comments are untrusted and must never be parsed as HTML.
'use strict';
window.align = (function () {
  let csrfToken = null;

  function setStatus(text, kind) {
    const s = document.getElementById('status');
    if (!s) return;
    s.textContent = text;
    s.className = 'status' + (kind ? ' ' + kind : '');
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (res.status === 401 && !path.startsWith('/api/login')) {
      window.location.assign('/login');
      throw new Error('not logged in');
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || ('HTTP ' + res.status));
    return data;
  }

  async function loadMe() {
    const me = await api('GET', '/api/me');
    csrfToken = me.csrfToken;
    return me;
  }

  function wireLogout() {
    const b = document.getElementById('logout');
    if (!b) return;
    b.addEventListener('click', async () => {
      try { await api('POST', '/api/logout', {}); } finally { window.location.assign('/login'); }
    });
  }

  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (attrs) for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]);
    return e;
  }

  function table(id, headers, rows) {
    const t = document.getElementById(id);
    t.replaceChildren();
    const head = el('tr');
    headers.forEach(h => head.appendChild(el('th', h)));
    t.appendChild(head);
    rows.forEach(r => {
      const tr = el('tr');
      r.forEach(c => tr.appendChild(el('td', c)));
      t.appendChild(tr);
    });
  }

  return {
    api, loadMe, setStatus, wireLogout, el, table,
    setCsrf: t => { csrfToken = t; }
  };
})();
