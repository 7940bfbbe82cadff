'use strict';
(function () {
  const { api, loadMe, setStatus, wireLogout } = window.align;
  const $ = id => document.getElementById(id);
  let mode = 'rate';
  let item = null;
  let busy = false;

  function show(view) {
    $('rate-view').hidden = view !== 'rate';
    $('compare-view').hidden = view !== 'compare';
    $('empty').hidden = view !== 'empty';
  }

  function setMode(m) {
    mode = m;
    $('mode-rate').setAttribute('aria-pressed', String(m === 'rate'));
    $('mode-compare').setAttribute('aria-pressed', String(m === 'compare'));
    next();
  }

  async function next() {
    item = null;
    $('correct-box').hidden = true;
    try {
      const res = await api('GET', '/api/queue/next?mode=' + mode);
      item = res.item;
      if (!item) { show('empty'); return; }
      if (mode === 'rate') {
        $('rate-prompt').textContent = item.prompt;
        $('rate-answer').textContent = item.answer;
        $('rate-comment').value = '';
        show('rate');
      } else {
        $('compare-prompt').textContent = item.prompt;
        $('compare-a').textContent = item.answerA;
        $('compare-b').textContent = item.answerB;
        $('compare-comment').value = '';
        show('compare');
      }
    } catch (e) {
      setStatus(e.message, 'error');
    }
  }

  // Sends one action; the status says "saved" only once the server has committed it.
  async function send(path, body, label) {
    if (busy || !item) return;
    busy = true;
    document.querySelectorAll('.actions button').forEach(b => { b.disabled = true; });
    setStatus('…');
    try {
      await api('POST', path, body);
      setStatus('已保存 Saved: ' + label, 'ok');
      await next();
    } catch (e) {
      setStatus(e.message, 'error');
    } finally {
      busy = false;
      document.querySelectorAll('.actions button').forEach(b => { b.disabled = false; });
    }
  }

  const comment = id => $(id).value.trim() || null;
  const rate = value => send('/api/ratings', { responseId: item.responseId, value, comment: comment('rate-comment') },
    value === 'up' ? '👍' : value === 'unsafe' ? '⚠ 不安全 unsafe' : '👎');
  const pick = choice => send('/api/comparisons', {
    responseAId: item.responseAId, responseBId: item.responseBId, choice, comment: comment('compare-comment')
  }, choice === 'BOTH_BAD' ? '都不好 both bad' : choice);
  const skip = () => mode === 'rate'
    ? send('/api/skips', { responseId: item.responseId }, '跳过 skipped')
    : send('/api/skips', { responseAId: item.responseAId, responseBId: item.responseBId }, '跳过 skipped');

  function openCorrection() {
    if (!item || mode !== 'rate') return;
    $('correct-text').value = item.answer;
    $('correct-box').hidden = false;
    $('correct-text').focus();
  }
  function submitCorrection() {
    send('/api/corrections', { responseId: item.responseId, text: $('correct-text').value, comment: comment('rate-comment') },
      '✎ 更正 correction');
  }

  $('mode-rate').addEventListener('click', () => setMode('rate'));
  $('mode-compare').addEventListener('click', () => setMode('compare'));
  $('rate-up').addEventListener('click', () => rate('up'));
  $('rate-down').addEventListener('click', () => rate('down'));
  $('rate-unsafe').addEventListener('click', () => rate('unsafe'));
  $('rate-correct').addEventListener('click', openCorrection);
  $('rate-skip').addEventListener('click', skip);
  $('correct-submit').addEventListener('click', submitCorrection);
  $('correct-cancel').addEventListener('click', () => { $('correct-box').hidden = true; });
  $('pick-a').addEventListener('click', () => pick('A'));
  $('pick-b').addEventListener('click', () => pick('B'));
  $('pick-both-bad').addEventListener('click', () => pick('BOTH_BAD'));
  $('compare-skip').addEventListener('click', skip);

  document.addEventListener('keydown', ev => {
    const typing = ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLInputElement;
    if (typing) {
      if (ev.target.id === 'correct-text' && ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        submitCorrection();
      } else if (ev.key === 'Escape') {
        if (ev.target.id === 'correct-text') $('correct-box').hidden = true;
        ev.target.blur();
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key.toLowerCase();
    if (k === 'r') setMode('rate');
    else if (k === 'm') setMode('compare');
    else if (k === 's') skip();
    else if (mode === 'rate') {
      if (k === '1') rate('up');
      else if (k === '2') rate('down');
      else if (k === '3' || k === 'u') rate('unsafe');
      else if (k === 'c') { ev.preventDefault(); openCorrection(); }
    } else {
      if (k === 'a' || k === '1') pick('A');
      else if (k === 'b' || k === '2') pick('B');
      else if (k === 'x' || k === '3') pick('BOTH_BAD');
    }
  });

  wireLogout();
  loadMe().then(me => {
    $('who').textContent = me.displayName;
    $('admin-link').hidden = me.role !== 'admin';
    setMode('rate');
  }).catch(e => setStatus(e.message, 'error'));
})();
