// Static assets of the public pages (CSP script-src 'self': no inline script anywhere).
//
// draft.js — progressive enhancement of the application form: keeps what is typed in this browser's
// localStorage and puts it back after a reload. Never the identity number (data-draft-skip), the
// password, the CSRF token or files. Values the server re-rendered (after an error) win over the
// draft. The receipt page clears the draft (data-draft-clear).

export { PUBLIC_CSS } from './frame.tsx';

export const DRAFT_JS = `(function () {
  'use strict';
  var store;
  try {
    store = window.localStorage;
    store.setItem('gongkai-test', '1');
    store.removeItem('gongkai-test');
  } catch (e) {
    return;
  }
  var clear = document.querySelector('[data-draft-clear]');
  if (clear) {
    try { store.removeItem(clear.getAttribute('data-draft-clear')); } catch (e) {}
  }
  var form = document.querySelector('form[data-draft]');
  if (!form) return;
  var key = form.getAttribute('data-draft');
  var KEEP = { text: 1, tel: 1, email: 1, radio: 1, textarea: 1 };
  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      var type = el.tagName === 'TEXTAREA' ? 'textarea' : el.type;
      return el.name && el.name !== '_csrf' && KEEP[type] === 1 && !el.hasAttribute('data-draft-skip');
    });
  }
  function save() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === 'radio') { if (el.checked) data[el.name] = el.value; }
      else data[el.name] = el.value;
    });
    try { store.setItem(key, JSON.stringify(data)); } catch (e) {}
  }
  function notice(text) {
    var p = document.createElement('p');
    p.className = 'notice';
    p.setAttribute('role', 'status');
    p.textContent = text + ' ';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = '清除草稿';
    button.addEventListener('click', function () {
      try { store.removeItem(key); } catch (e) {}
      fields().forEach(function (el) {
        if (el.type === 'radio') el.checked = false; else el.value = '';
      });
      p.textContent = '草稿已清除。';
    });
    p.appendChild(button);
    form.parentNode.insertBefore(p, form);
  }
  var data = null;
  try { data = JSON.parse(store.getItem(key) || 'null'); } catch (e) { data = null; }
  if (data && typeof data === 'object') {
    var restored = false;
    fields().forEach(function (el) {
      var value = data[el.name];
      if (typeof value !== 'string' || value === '') return;
      if (el.type === 'radio') {
        var group = form.querySelectorAll('input[type=radio]');
        var anyChecked = Array.prototype.some.call(group, function (r) { return r.name === el.name && r.checked; });
        if (!anyChecked && el.value === value) { el.checked = true; restored = true; }
      } else if (el.value === '') {
        el.value = value;
        restored = true;
      }
    });
    if (restored) notice('已恢复您在本设备上保存的草稿（身份证明文件号码和上传的文件不会保存，请重新填写和选择）。');
  }
  form.addEventListener('input', save);
  form.addEventListener('change', save);
})();
`;
