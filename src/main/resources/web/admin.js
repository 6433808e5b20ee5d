// The admin console: logs in with the admin token (kept in sessionStorage) and calls the admin
// API. A file of its own, because the pages' Content-Security-Policy runs no inline script.
'use strict';
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('adminToken') || '';
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
async function api(method, path, body) {
  const res = await fetch(path, {method, headers: {'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json'}, body: body ? JSON.stringify(body) : undefined});
  const data = await res.json().catch(() => ({}));
  if (res.status === 401) { logout(); throw new Error('Mã quản trị không đúng.'); }
  if (!res.ok) throw new Error(data.error || ('Lỗi ' + res.status));
  return data;
}
const STATUS = {draft: 'Chờ xác nhận', scheduled: 'Đã hẹn giờ', sending: 'Đang gửi', done: 'Đã gửi xong', cancelled: 'Đã huỷ'};
const audience = (a) => a === 'subscribers' ? 'Người đăng ký bản tin' : a === 'everyone' ? 'Mọi người' : a.startsWith('topic:') ? 'Chủ đề: ' + a.slice(6) : a;
function logout() { token = ''; sessionStorage.removeItem('adminToken'); $('app').hidden = true; $('login').hidden = false; }
function loggedIn() { $('login').hidden = true; $('app').hidden = false; }
async function load() {
  const o = await api('GET', '/api/admin/overview');
  const chats = Object.entries(o.active_chats).map(([c, n]) => esc(c) + ': ' + n).join(', ') || 'chưa bật kênh nào';
  $('overview').innerHTML = '<p>Đang nhận bản tin hoặc chủ đề: <b>' + o.subscribers + '</b> · Trò chuyện còn hoạt động: ' + chats + '</p>';
  const list = await api('GET', '/api/admin/announcements');
  $('announcements').innerHTML = list.announcements.map((a) => '<tr><td>' + a.id + '</td><td>' + esc(a.text).slice(0, 200) + '</td><td>' + esc(audience(a.audience)) +
    '</td><td>' + esc(a.send_at.replace('T', ' ').slice(0, 16)) + '</td><td>' + esc(STATUS[a.status] || a.status) + '</td><td>' + a.counts.queued + '</td><td>' + a.counts.sent +
    '</td><td>' + a.counts.failed + '</td><td>' + a.counts.blocked + '</td><td>' + a.counts.held + '</td><td>' + (a.counts.expired ?? 0) + '</td><td>' +
    (['draft', 'scheduled', 'sending'].includes(a.status) ? '<button data-cancel="' + a.id + '">Huỷ</button>' : '') + '</td></tr>').join('') ||
    '<tr><td colspan="12" class="muted">Chưa có thông báo nào.</td></tr>';
  $('feeds').innerHTML = o.feeds.length ? '<table><tr><th>Nguồn</th><th>Lần tải được gần nhất</th><th>Lỗi gần nhất</th><th>Số bài</th></tr>' +
    o.feeds.map((f) => '<tr><td>' + esc(f.name) + '<br><span class="muted">' + esc(f.url) + '</span></td><td>' + esc(f.last_success || '–') + '</td><td class="' +
    (f.last_error ? 'error' : '') + '">' + esc(f.last_error || '–') + (f.failures ? ' (' + f.failures + ' lần)' : '') + '</td><td>' + f.articles + '</td></tr>').join('') + '</table>'
    : '<p class="muted">Chưa cấu hình nguồn tin nào (feeds.sources, FEED_URLS).</p>';
}
$('login').addEventListener('submit', async (e) => {
  e.preventDefault(); token = $('token').value.trim();
  try { await load(); sessionStorage.setItem('adminToken', token); loggedIn(); $('login-error').textContent = ''; }
  catch (err) { $('login-error').textContent = err.message; }
});
$('audience').addEventListener('change', () => { $('topic').hidden = $('audience').value !== 'topic'; });
$('compose').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {text: $('text').value};
  if ($('link').value) body.link = $('link').value;
  body.audience = $('audience').value === 'topic' ? 'topic:' + $('topic').value : $('audience').value;
  if ($('send-at').value) body.send_at = $('send-at').value + ':00+07:00';
  if ($('expires-at').value) body.expires_at = $('expires-at').value + ':00+07:00';
  try { const r = await api('POST', '/api/admin/announcements', body); $('compose-result').className = 'ok'; $('compose-result').textContent = 'Đã tạo thông báo #' + r.id + '.'; $('text').value = ''; $('link').value = ''; $('send-at').value = ''; $('expires-at').value = ''; await load(); }
  catch (err) { $('compose-result').className = 'error'; $('compose-result').textContent = 'Chưa tạo được thông báo: ' + err.message; }
});
$('announcements').addEventListener('click', async (e) => {
  const id = e.target.dataset.cancel;
  if (id && confirm('Huỷ các tin chưa gửi của thông báo #' + id + '?')) { await api('DELETE', '/api/admin/announcements/' + id); await load(); }
});
$('refresh').addEventListener('click', () => load());
$('logout').addEventListener('click', logout);
if (token) { load().then(loggedIn).catch(() => logout()); }
