// Small SVG charts drawn with DOM calls (no library, no HTML strings): labels are set with textContent.
'use strict';
window.charts = (function () {
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#1f5fa8', '#1f7a3f', '#c77c0e', '#a8322d', '#6b4fa8', '#2a8c8c'];

  function svg(w, h) {
    const s = document.createElementNS(NS, 'svg');
    s.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    s.setAttribute('role', 'img');
    return s;
  }
  function node(parent, tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    parent.appendChild(e);
    return e;
  }
  function mount(id, s, legend) {
    const host = document.getElementById(id);
    host.replaceChildren(s);
    if (legend) {
      const p = document.createElement('p');
      p.className = 'legend';
      p.textContent = legend;
      host.appendChild(p);
    }
  }
  function empty(id, text) {
    const host = document.getElementById(id);
    const p = document.createElement('p');
    p.className = 'legend';
    p.textContent = text;
    host.replaceChildren(p);
  }

  // Stacked bars: labels[i] with values series[j].values[i].
  function stackedBars(id, labels, series, label) {
    if (labels.length === 0) { empty(id, '暂无数据 No data yet'); return; }
    const W = 900, H = 260, L = 40, B = 40, T = 10;
    const totals = labels.map((_, i) => series.reduce((a, s) => a + s.values[i], 0));
    const max = Math.max(1, ...totals);
    const s = svg(W, H);
    node(s, 'line', { x1: L, y1: H - B, x2: W, y2: H - B, stroke: '#999' });
    node(s, 'text', { x: 2, y: T + 10 }, max);
    node(s, 'text', { x: 2, y: H - B }, 0);
    const bw = (W - L) / labels.length;
    labels.forEach((lab, i) => {
      let y = H - B;
      series.forEach((ser, j) => {
        const h = (ser.values[i] / max) * (H - B - T);
        const r = node(s, 'rect', { x: L + i * bw + 2, y: y - h, width: Math.max(1, bw - 4), height: h, fill: COLORS[j % COLORS.length] });
        node(r, 'title', {}, lab + ' ' + ser.name + ': ' + ser.values[i]);
        y -= h;
      });
      if (labels.length <= 16 || i % Math.ceil(labels.length / 16) === 0) {
        node(s, 'text', { x: L + i * bw + bw / 2, y: H - B + 14, 'text-anchor': 'middle' }, lab);
      }
    });
    mount(id, s, label + ' — ' + series.map((x, j) => '■ ' + x.name).join('  '));
    colorLegend(id, series.map(x => x.name));
  }

  function colorLegend(id, names) {
    const p = document.getElementById(id).querySelector('.legend');
    if (!p) return;
    p.replaceChildren();
    names.forEach((n, j) => {
      const sw = document.createElement('span');
      sw.textContent = '■ ';
      sw.style.color = COLORS[j % COLORS.length];
      p.appendChild(sw);
      p.appendChild(document.createTextNode(n + '  '));
    });
  }

  // Points with error bars in [0, 1]: items {label, value, low, high}.
  function intervals(id, items, label) {
    const usable = items.filter(x => x.value !== null);
    if (usable.length === 0) { empty(id, '暂无评分 No ratings yet'); return; }
    const W = 900, H = 40 + usable.length * 34, L = 220, R = 20;
    const s = svg(W, H);
    const x = v => L + v * (W - L - R);
    [0, 0.25, 0.5, 0.75, 1].forEach(t => {
      node(s, 'line', { x1: x(t), y1: 10, x2: x(t), y2: H - 20, stroke: '#ddd' });
      node(s, 'text', { x: x(t), y: H - 6, 'text-anchor': 'middle' }, Math.round(t * 100) + '%');
    });
    usable.forEach((it, i) => {
      const y = 26 + i * 34;
      node(s, 'text', { x: 4, y: y + 4 }, it.label);
      node(s, 'line', { x1: x(it.low), y1: y, x2: x(it.high), y2: y, stroke: COLORS[0], 'stroke-width': 3 });
      const c = node(s, 'circle', { cx: x(it.value), cy: y, r: 6, fill: COLORS[1] });
      node(c, 'title', {}, it.label + ': ' + (100 * it.value).toFixed(1) + '% [' + (100 * it.low).toFixed(1) + ', ' + (100 * it.high).toFixed(1) + ']');
    });
    mount(id, s, label);
  }

  // Lines over runs: xs labels, series {name, values (null = missing)}; markers coloured per decision.
  function lines(id, xs, series, label) {
    if (xs.length === 0 || series.length === 0) { empty(id, '暂无训练指标 No run metrics yet'); return; }
    const W = 900, H = 260, L = 50, B = 30, T = 10, R = 20;
    const all = series.flatMap(s => s.values).filter(v => v !== null);
    let lo = Math.min(...all), hi = Math.max(...all);
    if (lo === hi) { lo -= 1; hi += 1; }
    const s = svg(W, H);
    const x = i => L + (xs.length === 1 ? 0.5 : i / (xs.length - 1)) * (W - L - R);
    const y = v => T + (1 - (v - lo) / (hi - lo)) * (H - B - T);
    node(s, 'text', { x: 2, y: T + 10 }, hi.toPrecision(3));
    node(s, 'text', { x: 2, y: H - B }, lo.toPrecision(3));
    xs.forEach((lab, i) => node(s, 'text', { x: x(i), y: H - 8, 'text-anchor': 'middle' }, lab));
    series.forEach((ser, j) => {
      const pts = ser.values.map((v, i) => v === null ? null : x(i) + ',' + y(v)).filter(p => p !== null);
      node(s, 'polyline', { points: pts.join(' '), fill: 'none', stroke: COLORS[j % COLORS.length], 'stroke-width': 2 });
      ser.values.forEach((v, i) => {
        if (v === null) return;
        const c = node(s, 'circle', { cx: x(i), cy: y(v), r: 4, fill: COLORS[j % COLORS.length] });
        node(c, 'title', {}, xs[i] + ' ' + ser.name + ': ' + v);
      });
    });
    mount(id, s, label);
    colorLegend(id, series.map(x => x.name));
  }

  return { stackedBars, intervals, lines };
})();
