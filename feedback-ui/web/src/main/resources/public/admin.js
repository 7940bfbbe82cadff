'use strict';
(function () {
  const { api, loadMe, setStatus, wireLogout, table, el } = window.align;
  const { stackedBars, intervals, lines } = window.charts;
  const $ = id => document.getElementById(id);
  const fmt = v => (v === null || v === undefined) ? '—' : (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v));

  function draw(s) {
    const days = s.perDay.map(d => d.day);
    stackedBars('chart-days', days, [
      { name: 'ratings 评分', values: s.perDay.map(d => d.ratings) },
      { name: 'comparisons 比较', values: s.perDay.map(d => d.comparisons) },
      { name: 'corrections 更正', values: s.perDay.map(d => d.corrections) }
    ], 'per day');

    stackedBars('chart-doctors', s.perDoctor.map(d => d.username), [
      { name: 'ratings', values: s.perDoctor.map(d => d.ratings) },
      { name: 'comparisons', values: s.perDoctor.map(d => d.comparisons) },
      { name: 'corrections', values: s.perDoctor.map(d => d.corrections) }
    ], 'per doctor');
    table('table-doctors', ['doctor', 'name', 'ratings', 'comparisons', 'corrections', 'skips'],
      s.perDoctor.map(d => [d.username, d.displayName, d.ratings, d.comparisons, d.corrections, d.skips]));

    const a = s.agreement;
    $('fleiss').textContent = "Fleiss' κ = " + fmt(a.fleissKappa) + ' over ' + a.items + ' answers rated by two or more doctors';
    intervals('chart-kappa', a.pairs.filter(p => p.kappa !== null).map(p => ({
      label: p.doctorA + ' / ' + p.doctorB, value: Math.max(0, p.kappa), low: Math.max(0, p.kappa), high: Math.max(0, p.kappa)
    })), "Cohen's κ per pair of doctors (negative values drawn at 0; exact values in the table)");
    table('table-kappa', ['doctor A', 'doctor B', 'answers both rated', "Cohen's κ"],
      a.pairs.map(p => [p.doctorA, p.doctorB, p.items, fmt(p.kappa)]));

    $('production').textContent = 'production model 生产模型: ' + (s.productionModel || '—');
    intervals('chart-models', s.perModel.map(m => ({ label: m.modelVersion, value: m.rate, low: m.low, high: m.high })),
      '👍 rate, 95% Wilson score interval');
    table('table-models', ['model version', '👍', '👎', 'rate', '95% CI'],
      s.perModel.map(m => [m.modelVersion, m.up, m.down, fmt(m.rate), m.rate === null ? '—' : '[' + fmt(m.low) + ', ' + fmt(m.high) + ']']));

    $('pairs').textContent = 'active preference pairs 偏好对: ' + s.activePairs;
    const runs = s.runs.slice().reverse();
    const keys = [];
    runs.forEach(r => {
      if (!r.metricsJson) return;
      try {
        const m = JSON.parse(r.metricsJson);
        Object.keys(m).forEach(k => { if (typeof m[k] === 'number' && !keys.includes(k)) keys.push(k); });
      } catch (e) { /* metrics are validated as JSON objects when stored */ }
    });
    const metric = (r, k) => { try { const v = JSON.parse(r.metricsJson || '{}')[k]; return typeof v === 'number' ? v : null; } catch (e) { return null; } };
    lines('chart-runs', runs.map(r => '#' + r.id + ' ' + (r.decision || 'running')),
      keys.slice(0, 6).map(k => ({ name: k, values: runs.map(r => metric(r, k)) })), 'metrics per run');
    table('table-runs', ['run', 'job', 'started', 'finished', 'pairs', 'decision', 'metrics', 'message'],
      s.runs.map(r => ['#' + r.id, r.job, r.startedAt, r.finishedAt || '—', fmt(r.pairsUsed), r.decision || 'running',
        r.metricsJson || '—', r.message || '']));
  }

  // Accounts: every value goes in through textContent (el/table), never as HTML.
  let me = null;

  function drawAccounts(users, sessions) {
    const t = $('table-users');
    t.replaceChildren();
    const head = el('tr');
    ['user', 'name', 'role', 'state', 'sessions', 'created', ''].forEach(h => head.appendChild(el('th', h)));
    t.appendChild(head);
    users.forEach(u => {
      const tr = el('tr', null, { 'data-username': u.username });
      [u.username, u.displayName, u.role, u.active ? 'active 启用' : 'disabled 停用', u.sessions, u.createdAt]
        .forEach(c => tr.appendChild(el('td', c)));
      const td = el('td');
      if (!me || u.username !== me.username) {
        const b = el('button', u.active ? '停用 Disable' : '启用 Enable',
          { type: 'button', class: u.active ? 'bad' : 'good', id: 'toggle-' + u.username });
        b.addEventListener('click', () => setActive(u.username, !u.active));
        td.appendChild(b);
      }
      tr.appendChild(td);
      t.appendChild(tr);
    });
    const select = $('reset-username');
    select.replaceChildren();
    users.forEach(u => select.appendChild(el('option', u.username, { value: u.username })));
    table('table-sessions', ['user', 'logged in', 'expires'], sessions.map(s => [s.username, s.createdAt, s.expiresAt]));
  }

  async function loadAccounts() {
    const [u, s] = await Promise.all([api('GET', '/api/admin/users'), api('GET', '/api/admin/sessions')]);
    drawAccounts(u.users, s.sessions);
  }

  async function setActive(username, active) {
    if (!active && !window.confirm('停用 ' + username + '? Disable ' + username + ' and end their sessions?')) return;
    try {
      await api('POST', '/api/admin/users/' + encodeURIComponent(username) + '/active', { active });
      setStatus((active ? 'enabled ' : 'disabled ') + username, 'ok');
      await loadAccounts();
    } catch (e) { setStatus(e.message, 'error'); }
  }

  function wireAccountForms() {
    $('add-user-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const body = { username: $('new-username').value, displayName: $('new-display-name').value,
        password: $('new-password').value, role: $('new-role').value };
      try {
        const u = await api('POST', '/api/admin/users', body);
        $('add-user-form').reset();
        setStatus('added ' + u.username + ' 已添加', 'ok');
        await loadAccounts();
      } catch (e) { setStatus(e.message, 'error'); }
    });
    $('reset-form').addEventListener('submit', async ev => {
      ev.preventDefault();
      const username = $('reset-username').value;
      try {
        const r = await api('POST', '/api/admin/users/' + encodeURIComponent(username) + '/password', { password: $('reset-password').value });
        $('reset-password').value = '';
        setStatus('new password set for ' + r.username + '; ' + r.sessionsEnded + ' session(s) ended', 'ok');
        await loadAccounts();
      } catch (e) { setStatus(e.message, 'error'); }
    });
  }

  wireLogout();
  wireAccountForms();
  loadMe()
    .then(m => { me = m; return loadAccounts(); })
    .then(() => api('GET', '/api/admin/stats'))
    .then(draw)
    .catch(e => setStatus(e.message, 'error'));
})();
