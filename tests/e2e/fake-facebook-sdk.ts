import type { ExtraRoute } from '../support/fake-platforms/fake-platform-server';

// Stands in for connect.facebook.net/…/sdk.js and Facebook's login dialog. FB.login opens a
// popup on the fake's origin; its buttons post what Meta's dialog posts to the opener: the
// WA_EMBEDDED_SIGNUP session event (PLATFORMS-2.md §1.2) and, separately, the login response
// (the fake SDK relays it to FB.login's callback, since the pages are on different origins).
// A fake TikTok authorize page sends the member straight back with a code.

const sdk = (origin: string) => `
(function () {
  var callback;
  window.addEventListener('message', function (event) {
    if (event.origin !== ${JSON.stringify(origin)} || typeof event.data !== 'string') return;
    try { var message = JSON.parse(event.data); } catch (e) { return; }
    if (message.fakeLoginResponse && callback) callback(message.fakeLoginResponse);
  });
  window.FB = {
    init: function () {},
    login: function (cb, options) {
      callback = cb;
      window.open(${JSON.stringify(origin)} + '/fake-dialog?options=' + encodeURIComponent(JSON.stringify(options || {})), 'fb-login', 'width=480,height=640');
    }
  };
  setTimeout(function () { if (window.fbAsyncInit) window.fbAsyncInit(); }, 0);
})();`;

const dialog = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Facebook (fake)</title></head>
<body style="font-family:sans-serif;padding:16px">
<h1>Facebook (fake)</h1><p id="what"></p><div id="buttons"></div>
<script>
var options = JSON.parse(new URLSearchParams(location.search).get('options') || '{}');
function post(value) { window.opener.postMessage(JSON.stringify(value), '*'); }
function button(label, run) {
  var b = document.createElement('button'); b.textContent = label;
  b.onclick = function () { run(); setTimeout(function () { window.close(); }, 50); };
  document.getElementById('buttons').appendChild(b);
}
if (options.config_id) {
  var coex = options.extras && options.extras.featureType === 'whatsapp_business_app_onboarding';
  document.getElementById('what').textContent = 'Embedded Signup ' + options.config_id + (coex ? ' (coexistence)' : '');
  button('Continuar', function () {
    post(coex
      ? { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING', version: 3, data: { waba_id: '102290129340777' } }
      : { type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', data: { phone_number_id: '106540352242922', waba_id: '102290129340398', business_id: '9000000001' } });
    post({ fakeLoginResponse: { status: 'connected', authResponse: { code: coex ? 'es-code-coex' : 'es-code-1' } } });
  });
  button('Cancelar', function () {
    post({ type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', data: { current_step: 'PHONE_NUMBER_SETUP' } });
    post({ fakeLoginResponse: { status: 'unknown', authResponse: null } });
  });
} else {
  document.getElementById('what').textContent = 'Login: ' + options.scope;
  button('Continuar como Ana', function () {
    post({ fakeLoginResponse: { status: 'connected', authResponse: { accessToken: 'EAAB-short-user-token', expiresIn: 3600 } } });
  });
}
</script></body></html>`;

export function fakeFacebookPages(origin: () => string): ExtraRoute {
  return (url) => {
    if (url.pathname === '/sdk.js') {
      // Like connect.facebook.net: the snippet loads it with crossorigin="anonymous".
      const headers = { 'access-control-allow-origin': '*' };
      return { status: 200, type: 'text/javascript', text: sdk(origin()), headers };
    }
    if (url.pathname === '/fake-dialog')
      return { status: 200, type: 'text/html; charset=utf-8', text: dialog };
    if (url.pathname === '/tiktok-authorize') {
      const back = new URL(url.searchParams.get('redirect_uri') ?? '/');
      back.searchParams.set('code', 'tt-auth-code-1');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        text: `<!doctype html><html lang="es"><body><h1>TikTok (fake)</h1><a href="${back.toString().replaceAll('&', '&amp;')}">Autorizar</a></body></html>`,
      };
    }
    return undefined;
  };
}
