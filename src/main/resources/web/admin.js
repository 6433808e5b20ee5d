// The admin console: logs in with the admin token (kept in sessionStorage) and calls the admin
// API. A file of its own, because the pages' Content-Security-Policy runs no inline script. Data
// reaches the page only as text nodes and properties, never parsed as HTML.
'use strict';
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem('adminToken') || '';
const ZONE = 'Asia/Ho_Chi_Minh';

// el('td', {className: 'num'}, 'text', node, [more]): strings become text nodes.
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'role' || key.startsWith('aria-') || key.startsWith('data-')) node.setAttribute(key, String(value));
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function say(node, text, ok) { node.className = ok ? 'ok' : 'error'; node.textContent = text; }

async function api(method, path, body, raw) {
  const headers = {'Authorization': 'Bearer ' + token};
  let payload;
  if (raw !== undefined) { headers['Content-Type'] = 'text/plain; charset=utf-8'; payload = raw; }
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch(path, {method, headers, body: payload});
  if (res.status === 401) { logout(); throw new Error('Mã quản trị không đúng.'); }
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error ? inVietnamese(data.error) : ('Lỗi ' + res.status));
  return data;
}

// The API answers its clients in English; the page says the usual refusals in Vietnamese (any
// other stays as the server wrote it).
const REFUSALS = [
  [/^field 'text' is required/, () => 'Vui lòng nhập nội dung.'],
  [/^field 'text' is longer than (\d+) characters/, (m) => 'Nội dung dài quá ' + m[1] + ' ký tự.'],
  [/^field 'link' must be an http\(s\) URL/, () => 'Đường dẫn phải là một địa chỉ bắt đầu bằng http:// hoặc https://.'],
  [/^field 'audience' must be/, () => 'Người nhận không hợp lệ.'],
  [/^field '(send_at|expires_at)' must be a date-time/, () => 'Thời điểm không hợp lệ.'],
  [/^field 'expires_at' must be (after send_at and now|in the future)/, () => 'Hạn phải sau thời điểm gửi và sau lúc này.'],
  [/^field 'questions' must hold non-empty strings/, () => 'Vui lòng nhập ít nhất một cách hỏi.'],
  [/^field 'questions': "(.*)" is given twice/, (m) => 'Cách hỏi "' + m[1] + '" bị lặp lại.'],
  [/^field 'questions': "(.*)" already has curated answer (\d+)/, (m) => 'Cách hỏi "' + m[1] + '" đã thuộc câu trả lời chính thức #' + m[2] + '.'],
  [/^no announcement (\d+)/, (m) => 'Không có thông báo #' + m[1] + '.'],
  [/^no curated answer (\d+)/, (m) => 'Không có câu trả lời chính thức #' + m[1] + '.'],
];
function inVietnamese(message) {
  for (const [pattern, text] of REFUSALS) {
    const m = String(message).match(pattern);
    if (m) return text(m);
  }
  return message;
}

// Times are shown, and typed, in Vietnam's time whatever the browser's zone.
// Swedish writes "2026-11-30 14:05", the shape a datetime-local input takes.
const inputTime = new Intl.DateTimeFormat('sv-SE', {timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'});
function toInput(iso) { const d = new Date(iso); return !iso || isNaN(d) ? '' : inputTime.format(d).replace(' ', 'T'); }
// "30/11/2026 14:05"
function when(iso) {
  const local = toInput(iso);
  if (!local) return iso ? String(iso) : '–';
  const [date, time] = local.split('T');
  return date.split('-').reverse().join('/') + ' ' + time;
}
const fromInput = (value) => value ? value + ':00+07:00' : null;
const shortDate = (day) => { const [, m, d] = String(day).split('-'); return d + '/' + m; };
const pct = (share) => typeof share === 'number' && isFinite(share) ? Math.round(share * 100) + '%' : '–';
const sum = (counts) => Object.values(counts || {}).reduce((s, n) => s + n, 0);
const DAYS = 14;
const CHANNELS = {web: 'Web', telegram: 'Telegram', zalo: 'Zalo'};
const channelName = (c) => CHANNELS[c] || c;
const COLORS = ['#b3261e', '#2a9fd6', '#7b5ea7', '#e08a00', '#555555'];

function table(headers, rows, empty) {
  if (!rows.length) return el('p', {className: 'muted'}, empty);
  return el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((c) => el('td', {className: typeof c === 'number' ? 'num' : ''}, c))))));
}

// A share as a filled bar, read out as its percentage.
function shareBar(share) {
  const fill = el('span');
  fill.style.width = typeof share === 'number' && isFinite(share) ? Math.min(100, Math.max(0, share * 100)) + '%' : '0';
  return el('div', {className: 'bar', role: 'img', 'aria-label': pct(share)}, fill);
}

function figure(label, value, note, share) {
  return el('div', {className: 'figure'}, el('div', {className: 'value'}, value), el('div', {}, label),
    share === undefined ? null : shareBar(share), note ? el('div', {className: 'muted'}, note) : null);
}

// ---- Dashboard

let chart = null;
let lastDays = [];

function channelsOf(days) {
  const seen = new Set(['web', 'telegram', 'zalo'].filter((c) => days.some((d) => c in (d.asked || {}))));
  days.forEach((d) => Object.keys(d.asked || {}).forEach((c) => seen.add(c)));
  return [...seen];
}

// The server lists only the days that had questions: the chart shows every day of the range.
function everyDay(days, count) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const today = toInput(new Date().toISOString()).slice(0, 10);
  const [y, m, dd] = today.split('-').map(Number);
  for (let i = count - 1; i >= 0; i--) {
    const date = new Date(Date.UTC(y, m - 1, dd - i)).toISOString().slice(0, 10);
    if (!byDate.has(date)) byDate.set(date, {date, asked: {}, answered: {}});
  }
  return [...byDate.values()].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
}

function renderDashboard(d) {
  const t = d.totals || {};
  const votes = (t.up || 0) + (t.down || 0);
  // Distinct askers per channel (a person is counted once per channel).
  const people = typeof t.people === 'number' ? t.people : sum(t.people);
  $('figures').replaceChildren(
    figure('câu hỏi', t.asked ?? 0, people ? 'từ ' + people + ' người hỏi' : null),
    figure('trả lời được', pct(t.answered_share), (t.answered ?? 0) + ' / ' + (t.asked ?? 0) + ' câu hỏi', t.answered_share ?? 0),
    figure('đánh giá hữu ích', votes ? pct(t.up_share) : '–', votes ? (t.up || 0) + ' hữu ích · ' + (t.down || 0) + ' chưa đúng' : 'chưa có đánh giá nào', votes ? t.up_share : 0));
  const days = everyDay(d.days || [], DAYS);
  const channels = channelsOf(days);
  $('days-table').replaceChildren(table(['Ngày', ...channels.map(channelName), 'Tổng', 'Trả lời được'],
    days.map((day) => [shortDate(day.date), ...channels.map((c) => day.asked?.[c] ?? 0), sum(day.asked), sum(day.answered)]), 'Chưa có dữ liệu.'));
  lastDays = days;
  drawChart();
  const top = (list) => (list || []).map((q) => [q.question, q.count]);
  $('top-questions').replaceChildren(table(['Câu hỏi', 'Số lần'], top(d.top_questions), 'Chưa có câu hỏi nào.'));
  $('top-unanswered').replaceChildren(table(['Câu hỏi', 'Số lần'], top(d.top_unanswered), 'Không có câu hỏi nào chưa trả lời được.'));
  const subs = d.subscribers || {};
  $('subscribers').replaceChildren(
    table(['Kênh', 'Người đăng ký'], Object.entries(subs.by_channel || {}).map(([c, n]) => [channelName(c), n]), 'Chưa có ai đăng ký.'),
    table(['Chủ đề', 'Người theo dõi'], (subs.by_topic || []).map((x) => [x.topic, x.count]), 'Chưa có ai theo dõi chủ đề nào.'));
  // Outbox rows per status; a status without rows is absent.
  $('deliveries').replaceChildren(table(['Kênh', 'Đã gửi', 'Lỗi', 'Bị chặn', 'Hết hạn', 'Đang chờ', 'Tỉ lệ lỗi'],
    Object.entries(d.deliveries?.by_channel || {}).map(([c, n]) => {
      const sent = n.sent || 0;
      const failed = n.failed || 0;
      const waiting = n.pending ?? (n.queued || 0) + (n.sending || 0) + (n.held || 0);
      return [channelName(c), sent, failed, n.blocked || 0, n.expired || 0, waiting, pct(sent + failed ? failed / (sent + failed) : NaN)];
    }), 'Chưa gửi tin nào.'));
}

// Questions per day as bars stacked by channel, and the answered ones as a line. uPlot draws no
// stacks itself: each channel's bar reaches the running total of itself and the channels after it,
// and the tallest (the first channel's) is drawn first so that the shorter ones cover it.
function drawChart() {
  const box = $('chart');
  if (chart) { chart.destroy(); chart = null; }
  box.textContent = '';
  const days = lastDays;
  if (!days.length || box.clientWidth === 0) return;
  if (typeof uPlot === 'undefined') { box.textContent = 'Không tải được thư viện biểu đồ; xem dạng bảng bên dưới.'; return; }
  const channels = channelsOf(days);
  const labels = days.map((d) => shortDate(d.date));
  const raw = channels.map((c) => days.map((d) => d.asked?.[c] ?? 0));
  const stacked = raw.map((_, i) => days.map((_, j) => raw.slice(i).reduce((s, r) => s + r[j], 0)));
  const bars = uPlot.paths.bars({size: [0.7, 48]});
  const count = (values) => (u, v, s, idx) => idx === null || idx === undefined ? '–' : String(values[idx]);
  chart = new uPlot({
    width: box.clientWidth, height: 260,
    scales: {x: {time: false, range: [-0.6, days.length - 0.4]}, y: {range: (u, min, max) => [0, Math.max(4, Math.ceil(max * 1.15))]}},
    axes: [
      {incrs: [1, 2, 7, 14], space: 38, values: (u, splits) => splits.map((v) => labels[v] ?? '')},
      {incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000], values: (u, splits) => splits.map(String)},
    ],
    series: [
      {label: 'Ngày', value: (u, v) => labels[v] ?? '–'},
      ...channels.map((c, i) => ({label: channelName(c), fill: COLORS[i % COLORS.length], stroke: COLORS[i % COLORS.length], width: 0,
        paths: bars, points: {show: false}, value: count(raw[i])})),
      {label: 'Trả lời được', stroke: '#1b1b1b', width: 2, points: {show: true, size: 6}},
    ],
  }, [days.map((_, i) => i), ...stacked, days.map((d) => sum(d.answered))], box);
}

let resizeTimer;
window.addEventListener('resize', () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawChart, 200); });

// ---- Review queue

let queueStatus = 'unanswered';
const queues = {unanswered: [], disliked: []};
const QUEUE_TITLES = {unanswered: 'Chưa trả lời được', disliked: 'Bị đánh giá chưa đúng'};

function renderQueue() {
  for (const status of Object.keys(queues)) {
    const tab = $('tab-' + status);
    tab.setAttribute('aria-selected', String(status === queueStatus));
    tab.textContent = QUEUE_TITLES[status] + ' (' + queues[status].length + ')';
  }
  $('queue').setAttribute('aria-labelledby', 'tab-' + queueStatus);
  const list = queues[queueStatus];
  $('queue').replaceChildren(list.length ? el('ul', {className: 'groups'}, list.map(groupItem))
    : el('p', {className: 'muted'}, queueStatus === 'unanswered' ? 'Không có câu hỏi nào đang chờ: trợ lý đã trả lời được các câu hỏi gần đây.'
      : 'Chưa có câu trả lời nào bị đánh giá chưa đúng.'));
}

function field(label, input) { return el('label', {}, label, input); }

function groupItem(g) {
  const channels = Object.entries(g.channels || {}).map(([c, n]) => channelName(c) + ' ' + n).join(', ');
  const articleId = el('input', {required: true, placeholder: 'Ví dụ: 004_c117ae27e64cf347'});
  const attach = el('form', {className: 'attach'}, field('Mã bài viết', articleId), el('button', {}, 'Gắn bài viết này'));
  attach.addEventListener('submit', (e) => {
    e.preventDefault();
    answerGroup(g, {questions: [g.question], article_id: articleId.value.trim()});
  });
  const text = el('textarea', {rows: 3, maxLength: 1500, required: true});
  const link = el('input', {type: 'url', placeholder: 'https://backancity.gov.vn/...'});
  const expires = el('input', {type: 'datetime-local'});
  const write = el('form', {className: 'write'}, field('Câu trả lời', text), field('Đường dẫn (không bắt buộc)', link),
    field('Hết hạn lúc (không bắt buộc; giờ Việt Nam)', expires), el('button', {}, 'Lưu câu trả lời'));
  write.addEventListener('submit', (e) => {
    e.preventDefault();
    answerGroup(g, {questions: [g.question], text: text.value.trim(), link: link.value.trim() || null, expires_at: fromInput(expires.value)});
  });
  const dismiss = el('button', {type: 'button', className: 'secondary'}, 'Bỏ qua');
  dismiss.addEventListener('click', async () => {
    try {
      await api('POST', '/api/admin/questions/dismiss', {key: g.key});
      say($('queue-result'), 'Đã bỏ qua câu hỏi "' + g.question + '". Nếu có người hỏi lại, câu hỏi sẽ hiện lại ở đây.', true);
      await loadQueues();
    } catch (err) { say($('queue-result'), 'Chưa bỏ qua được: ' + err.message); }
  });
  return el('li', {className: 'group', 'data-key': g.key},
    el('div', {className: 'question'}, g.question),
    el('div', {className: 'muted'}, g.count + ' lượt hỏi · lần cuối ' + when(g.last_seen) + (channels ? ' · ' + channels : '')),
    g.reasons?.length ? el('ul', {className: 'reasons', 'aria-label': 'Góp ý của người hỏi'}, g.reasons.map((r) => el('li', {}, r))) : null,
    el('div', {className: 'actions'},
      el('details', {}, el('summary', {}, 'Gắn một bài viết'), attach),
      el('details', {}, el('summary', {}, 'Viết câu trả lời'), write),
      dismiss));
}

async function answerGroup(g, body) {
  try {
    const r = await api('POST', '/api/admin/answers', body);
    say($('queue-result'), 'Đã lưu câu trả lời chính thức #' + r.id + ' cho "' + g.question + '". Từ nay trợ lý trả lời câu hỏi này bằng nội dung đó.', true);
    await Promise.all([loadQueues(), loadAnswers()]);
  } catch (err) { say($('queue-result'), 'Chưa lưu được câu trả lời: ' + err.message); }
}

async function loadQueues() {
  const [unanswered, disliked] = await Promise.all([
    api('GET', '/api/admin/questions?status=unanswered&limit=50'), api('GET', '/api/admin/questions?status=disliked&limit=50')]);
  queues.unanswered = unanswered.questions || [];
  queues.disliked = disliked.questions || [];
  renderQueue();
}

for (const status of Object.keys(queues)) {
  $('tab-' + status).addEventListener('click', () => { queueStatus = status; renderQueue(); });
}

// ---- Questions sent to the staff ("hỏi cán bộ")

let handoffStatus = 'open';
const handoffs = {open: [], answered: []};
const HANDOFF_TITLES = {open: 'Đang chờ trả lời', answered: 'Đã trả lời'};

function renderHandoffs() {
  for (const status of Object.keys(handoffs)) {
    const tab = $('tab-handoffs-' + status);
    tab.setAttribute('aria-selected', String(status === handoffStatus));
    tab.textContent = HANDOFF_TITLES[status] + ' (' + handoffs[status].length + ')';
  }
  $('handoff-list').setAttribute('aria-labelledby', 'tab-handoffs-' + handoffStatus);
  const list = handoffs[handoffStatus];
  $('handoff-list').replaceChildren(list.length ? el('ul', {className: 'groups'}, list.map(handoffItem))
    : el('p', {className: 'muted'}, handoffStatus === 'open' ? 'Không có câu hỏi nào đang chờ cán bộ trả lời.' : 'Chưa trả lời câu hỏi nào.'));
}

// The conversation before the request: each question and what the bot answered.
function conversation(context) {
  if (!context?.length) return null;
  return el('details', {}, el('summary', {}, 'Trò chuyện trước đó (' + context.length + ' câu hỏi)'),
    el('ol', {className: 'context'}, context.map((x) => el('li', {},
      el('div', {}, x.question),
      el('div', {className: 'muted'}, x.answered ? 'Trợ lý đã trả lời: ' + (x.answers || []).join(' · ') : 'Trợ lý không tìm thấy câu trả lời.')))));
}

function handoffItem(h) {
  const who = channelName(h.channel) + (h.display_name ? ' · ' + h.display_name : '');
  const head = el('div', {className: 'muted'}, 'Mã ' + h.code + ' · ' + who + ' · gửi lúc ' + when(h.created_at));
  if (h.status === 'closed') {
    return el('li', {className: 'group', 'data-code': h.code}, el('div', {className: 'question'}, h.message), head,
      el('div', {className: 'muted'}, 'Đã đóng, không trả lời'));
  }
  if (h.status !== 'open') {
    const r = h.reply || {};
    return el('li', {className: 'group', 'data-code': h.code}, el('div', {className: 'question'}, h.message), head, conversation(h.context),
      el('div', {className: 'staff-reply'}, 'Đã trả lời lúc ' + when(h.answered_at) + ': ' + (r.text ?? '')),
      /^https?:\/\//i.test(r.link || '') ? el('a', {href: r.link, target: '_blank', rel: 'noopener'}, r.link) : null,
      r.curated_id ? el('div', {className: 'muted'}, 'Đã lưu làm câu trả lời chính thức #' + r.curated_id) : null);
  }
  const text = el('textarea', {rows: 3, maxLength: 1500, required: true, 'aria-label': 'Trả lời câu hỏi ' + h.code});
  const link = el('input', {type: 'url', placeholder: 'https://backancity.gov.vn/...'});
  const save = el('input', {type: 'checkbox'});
  const form = el('form', {className: 'write'}, field('Câu trả lời (tối đa 1.500 ký tự)', text), field('Đường dẫn (không bắt buộc)', link),
    el('label', {className: 'check'}, save, ' Lưu làm câu trả lời chính thức cho câu hỏi này'), el('button', {}, 'Gửi trả lời'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api('POST', '/api/admin/handoffs/' + encodeURIComponent(h.code) + '/reply',
        {text: text.value.trim(), link: link.value.trim() || null, save_as_curated: save.checked});
      say($('handoff-result'), 'Đã trả lời câu hỏi ' + h.code + (r.delivery === 'queued' ? '; câu trả lời đang được gửi tới người hỏi.' : '; người hỏi xem được bằng mã tra cứu.')
        + (r.reply?.curated_id ? ' Đã lưu làm câu trả lời chính thức #' + r.reply.curated_id + '.' : ''), true);
      await Promise.all([loadHandoffs(), save.checked ? loadAnswers() : null]);
    } catch (err) { say($('handoff-result'), 'Chưa gửi được câu trả lời: ' + err.message); }
  });
  // Spam, a duplicate, a question for another office: closed without a reply.
  const close = el('button', {type: 'button', className: 'secondary close'}, 'Đóng, không trả lời');
  close.addEventListener('click', async () => {
    if (!confirm('Đóng câu hỏi ' + h.code + ' mà không trả lời?')) return;
    try {
      await api('POST', '/api/admin/handoffs/' + encodeURIComponent(h.code) + '/close');
      say($('handoff-result'), 'Đã đóng câu hỏi ' + h.code + '. Người hỏi sẽ thấy câu hỏi đã đóng khi tra mã.', true);
      await loadHandoffs();
    } catch (err) { say($('handoff-result'), 'Chưa đóng được: ' + err.message); }
  });
  return el('li', {className: 'group', 'data-code': h.code}, el('div', {className: 'question'}, h.message), head, conversation(h.context), form, close);
}

async function loadHandoffs() {
  const [open, answered] = await Promise.all([
    api('GET', '/api/admin/handoffs?status=open&limit=100'), api('GET', '/api/admin/handoffs?status=answered&limit=100')]);
  handoffs.open = open.handoffs || [];
  handoffs.answered = answered.handoffs || [];
  renderHandoffs();
}

for (const status of Object.keys(handoffs)) {
  $('tab-handoffs-' + status).addEventListener('click', () => { handoffStatus = status; renderHandoffs(); });
}

// ---- Curated answers

let answers = [];

function renderAnswers() {
  const now = Date.now();
  $('answers').replaceChildren(...(answers.length ? answers.map((a) => {
    const expired = a.expires_at && new Date(a.expires_at).getTime() <= now;
    return el('tr', {},
      el('td', {}, String(a.id)),
      el('td', {}, el('ul', {className: 'plain'}, (a.questions || []).map((q) => el('li', {}, q)))),
      el('td', {}, el('div', {}, String(a.text ?? '').slice(0, 300)),
        /^https?:\/\//i.test(a.link || '') ? el('a', {href: a.link, target: '_blank', rel: 'noopener'}, a.link) : null),
      el('td', {className: expired ? 'error' : ''}, a.expires_at ? when(a.expires_at) + (expired ? ' (đã hết hạn)' : '') : '–'),
      el('td', {}, when(a.updated_at || a.created_at)),
      el('td', {className: 'row-actions'}, el('button', {type: 'button', 'data-edit': a.id}, 'Sửa'), ' ',
        el('button', {type: 'button', className: 'secondary', 'data-delete': a.id}, 'Xoá')));
  }) : [el('tr', {}, el('td', {colSpan: 6, className: 'muted'}, 'Chưa có câu trả lời chính thức nào.'))]));
}

async function loadAnswers() {
  answers = (await api('GET', '/api/admin/answers')).answers || [];
  renderAnswers();
}

function resetAnswerForm() {
  $('answer-form').reset();
  $('answer-id').value = '';
  $('answer-save').textContent = 'Lưu câu trả lời';
  $('answer-cancel').hidden = true;
}

$('answers').addEventListener('click', async (e) => {
  const edit = e.target.closest('[data-edit]');
  const del = e.target.closest('[data-delete]');
  if (edit) {
    const a = answers.find((x) => String(x.id) === edit.dataset.edit);
    if (!a) return;
    $('answer-id').value = a.id;
    $('answer-questions').value = (a.questions || []).join('\n');
    $('answer-text').value = a.text ?? '';
    $('answer-link').value = a.link ?? '';
    $('answer-expires').value = toInput(a.expires_at);
    $('answer-save').textContent = 'Lưu thay đổi cho #' + a.id;
    $('answer-cancel').hidden = false;
    $('answer-result').textContent = '';
    $('answer-form').scrollIntoView({block: 'start'});
    $('answer-questions').focus();
  } else if (del && confirm('Xoá câu trả lời chính thức #' + del.dataset.delete + '?')) {
    try { await api('DELETE', '/api/admin/answers/' + encodeURIComponent(del.dataset.delete)); say($('answer-result'), 'Đã xoá câu trả lời #' + del.dataset.delete + '.', true); await loadAnswers(); }
    catch (err) { say($('answer-result'), 'Chưa xoá được: ' + err.message); }
  }
});

$('answer-cancel').addEventListener('click', () => { resetAnswerForm(); $('answer-result').textContent = ''; });

$('answer-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = $('answer-id').value;
  const body = {
    questions: $('answer-questions').value.split('\n').map((q) => q.trim()).filter(Boolean),
    text: $('answer-text').value.trim(),
    link: $('answer-link').value.trim() || null,
    expires_at: fromInput($('answer-expires').value),
  };
  try {
    const r = await api(id ? 'PUT' : 'POST', id ? '/api/admin/answers/' + encodeURIComponent(id) : '/api/admin/answers', body);
    say($('answer-result'), id ? 'Đã lưu thay đổi cho câu trả lời #' + id + '.' : 'Đã thêm câu trả lời #' + r.id + '.', true);
    resetAnswerForm();
    await loadAnswers();
  } catch (err) { say($('answer-result'), 'Chưa lưu được: ' + err.message); }
});

// A plain link cannot carry the admin token: the file is fetched, then handed to the browser.
document.querySelectorAll('[data-export]').forEach((button) => button.addEventListener('click', async () => {
  const format = button.dataset.export;
  try {
    const res = await fetch('/api/admin/answers/export?format=' + format, {headers: {'Authorization': 'Bearer ' + token}});
    if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error || ('Lỗi ' + res.status));
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', {href: url, download: 'cau-tra-loi-chinh-thuc.' + format});
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) { say($('import-result'), 'Chưa tải về được: ' + err.message); }
}));

$('import-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = $('import-file').files[0];
  if (!file) return;
  const format = /\.csv$/i.test(file.name) ? 'csv' : 'jsonl';
  try {
    const r = await api('POST', '/api/admin/answers/import?format=' + format, undefined, await file.text());
    const errors = r.errors || [];
    $('import-result').replaceChildren(
      el('p', {className: errors.length ? 'error' : 'ok'}, 'Đã nhập ' + (r.imported ?? 0) + ' câu trả lời' + (errors.length ? ', ' + errors.length + ' dòng bị lỗi:' : '.')),
      errors.length ? el('ul', {}, errors.map((x) => el('li', {}, 'Dòng ' + x.line + ': ' + x.error))) : null);
    $('import-form').reset();
    await loadAnswers();
  } catch (err) { say($('import-result'), 'Chưa nhập được: ' + err.message); }
});

// ---- Announcements and feeds

const STATUS = {draft: 'Chờ xác nhận', scheduled: 'Đã hẹn giờ', sending: 'Đang gửi', done: 'Đã gửi xong', cancelled: 'Đã huỷ'};
const audience = (a) => a === 'subscribers' ? 'Người đăng ký bản tin' : a === 'everyone' ? 'Mọi người' : a.startsWith('topic:') ? 'Chủ đề: ' + a.slice(6) : a;

function renderOverview(o) {
  const chats = Object.entries(o.active_chats || {}).map(([c, n]) => channelName(c) + ': ' + n).join(', ') || 'chưa bật kênh nào';
  $('overview').replaceChildren('Đang nhận bản tin hoặc chủ đề: ', el('b', {}, String(o.subscribers)), ' · Trò chuyện còn hoạt động: ' + chats);
  const feeds = o.feeds || [];
  $('feeds').replaceChildren(feeds.length ? el('table', {},
    el('thead', {}, el('tr', {}, ['Nguồn', 'Lần tải được gần nhất', 'Lỗi gần nhất', 'Số bài'].map((h) => el('th', {}, h)))),
    el('tbody', {}, feeds.map((f) => el('tr', {},
      el('td', {}, f.name, el('br'), el('span', {className: 'muted'}, f.url)),
      el('td', {}, f.last_success ? when(f.last_success) : '–'),
      el('td', {className: f.last_error ? 'error' : ''}, (f.last_error || '–') + (f.failures ? ' (' + f.failures + ' lần)' : '')),
      el('td', {className: 'num'}, String(f.articles))))))
    : el('p', {className: 'muted'}, 'Chưa cấu hình nguồn tin nào (feeds.sources, FEED_URLS).'));
}

function renderAnnouncements(list) {
  $('announcements').replaceChildren(...(list.length ? list.map((a) => el('tr', {},
    el('td', {}, String(a.id)), el('td', {}, (a.urgent ? '🚨 KHẨN: ' : '') + String(a.text).slice(0, 200)), el('td', {}, audience(a.audience)),
    el('td', {}, when(a.send_at)), el('td', {}, STATUS[a.status] || a.status),
    [a.counts.queued, a.counts.sent, a.counts.failed, a.counts.blocked, a.counts.held, a.counts.expired ?? 0].map((n) => el('td', {className: 'num'}, String(n))),
    el('td', {}, ['draft', 'scheduled', 'sending'].includes(a.status) ? el('button', {type: 'button', 'data-cancel': a.id}, 'Huỷ') : null)))
    : [el('tr', {}, el('td', {colSpan: 12, className: 'muted'}, 'Chưa có thông báo nào.'))]));
}

async function loadAnnouncements() { renderAnnouncements((await api('GET', '/api/admin/announcements')).announcements || []); }

$('audience').addEventListener('change', () => { $('topic').hidden = $('audience').value !== 'topic'; });
$('compose').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {text: $('text').value};
  if ($('link').value) body.link = $('link').value;
  body.audience = $('audience').value === 'topic' ? 'topic:' + $('topic').value : $('audience').value;
  if ($('send-at').value) body.send_at = fromInput($('send-at').value);
  if ($('expires-at').value) body.expires_at = fromInput($('expires-at').value);
  if ($('urgent').checked) body.urgent = true;
  try {
    const r = await api('POST', '/api/admin/announcements', body);
    say($('compose-result'), 'Đã tạo thông báo #' + r.id + '.', true);
    $('compose').reset(); $('topic').hidden = true;
    await loadAnnouncements();
  } catch (err) { say($('compose-result'), 'Chưa tạo được thông báo: ' + err.message); }
});
$('announcements').addEventListener('click', async (e) => {
  const id = e.target.closest('[data-cancel]')?.dataset.cancel;
  if (id && confirm('Huỷ các tin chưa gửi của thông báo #' + id + '?')) {
    try { await api('DELETE', '/api/admin/announcements/' + id); await loadAnnouncements(); }
    catch (err) { say($('compose-result'), 'Chưa huỷ được: ' + err.message); }
  }
});

// ---- Logging in and loading

function logout() { token = ''; sessionStorage.removeItem('adminToken'); $('app').hidden = true; $('login').hidden = false; }
function loggedIn() { $('login').hidden = true; $('app').hidden = false; }

// The overview checks the token (a wrong one logs out); the console shows before the other parts
// are drawn, because a chart needs its box's width. A part that fails is named, the rest still show.
async function load() {
  const overview = await api('GET', '/api/admin/overview');
  loggedIn();
  renderOverview(overview);
  $('app-error').textContent = '';
  const parts = [
    ['tổng quan', api('GET', '/api/admin/dashboard?days=' + DAYS).then(renderDashboard)],
    ['câu hỏi cần xem', loadQueues()],
    ['câu hỏi gửi cán bộ', loadHandoffs()],
    ['câu trả lời chính thức', loadAnswers()],
    ['thông báo', loadAnnouncements()],
  ];
  const results = await Promise.allSettled(parts.map((p) => p[1]));
  const failed = results.map((r, i) => r.status === 'rejected' ? parts[i][0] + ': ' + r.reason.message : null).filter(Boolean);
  if (failed.length) $('app-error').textContent = 'Chưa tải được ' + failed.join('; ');
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault(); token = $('token').value.trim();
  try { await load(); sessionStorage.setItem('adminToken', token); $('login-error').textContent = ''; $('token').value = ''; }
  catch (err) { $('login-error').textContent = err.message; }
});
$('refresh').addEventListener('click', () => load().catch((err) => { $('app-error').textContent = err.message; }));
$('logout').addEventListener('click', logout);
if (token) { load().catch(() => logout()); }
