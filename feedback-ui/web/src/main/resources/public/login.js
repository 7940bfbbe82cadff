'use strict';
(function () {
  const { api, setStatus, setCsrf } = window.align;
  const form = document.getElementById('login-form');
  const button = document.getElementById('login-button');

  async function fetchLoginToken() {
    const t = await api('GET', '/api/login/csrf');
    setCsrf(t.csrfToken);
  }

  fetchLoginToken().catch(e => setStatus(e.message, 'error'));

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    button.disabled = true;
    setStatus('…');
    try {
      const me = await api('POST', '/api/login', {
        username: document.getElementById('username').value,
        password: document.getElementById('password').value
      });
      window.location.assign(me.role === 'admin' ? '/admin' : '/');
    } catch (e) {
      setStatus(e.message, 'error');
      await fetchLoginToken().catch(() => {});
    } finally {
      button.disabled = false;
    }
  });
})();
