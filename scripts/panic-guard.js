// esep's last line of defence, prepended by scripts/csp-shell.mjs to the module that starts the
// wasm. A Rust panic stops the module (the release build aborts at once: a WebAssembly trap),
// so the reload panel is drawn here, in plain DOM, in the page's language, once.
{
  const words = {
    kk: ['Бетте қате шықты', 'Бетті қайта жүктеп көріңіз. Қате қайталанса, жариялаушыға хабарлаңыз.', 'Қайта жүктеу'],
    ru: ['На странице произошла ошибка', 'Попробуйте перезагрузить страницу. Если ошибка повторится, сообщите издателю.', 'Перезагрузить'],
    en: ['Something went wrong on this page', 'Try reloading the page. If it happens again, please tell the publisher.', 'Reload'],
  };
  const stopped = (event) => {
    const error = event.error || event.reason;
    if (!(error instanceof WebAssembly.RuntimeError) || document.querySelector('[data-testid=panic]')) return;
    console.error(`esep: the page stopped on an internal error (${error.message})`);
    const [title, text, reload] = words[document.documentElement.lang] || words.en;
    const panel = document.createElement('section');
    panel.className = 'error-panel panic';
    panel.setAttribute('role', 'alert');
    panel.dataset.testid = 'panic';
    const h = panel.appendChild(document.createElement('h1'));
    h.textContent = title;
    panel.appendChild(document.createElement('p')).textContent = text;
    const button = panel.appendChild(document.createElement('button'));
    button.type = 'button';
    button.className = 'retry';
    button.textContent = reload;
    button.addEventListener('click', () => location.reload());
    document.body.prepend(panel);
  };
  addEventListener('error', stopped);
  addEventListener('unhandledrejection', stopped);
}
