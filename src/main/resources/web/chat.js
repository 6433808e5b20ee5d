// The web chat: asks /api/ask, shows the answers and sends the reader's 👍 / 👎 to /api/feedback;
// a question the bot cannot answer can go to the city's staff (/api/handoff).
// A file of its own, because the pages' Content-Security-Policy runs no inline script.
'use strict';
const log = document.getElementById('log');
const input = document.getElementById('q');

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function bubble(cls) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  log.appendChild(div);
  div.scrollIntoView({block: 'end'});
  return div;
}

// The excerpt with the matched words in bold, built from text nodes: nothing is parsed as HTML.
function excerpt(text, spans) {
  const p = document.createElement('div');
  let at = 0;
  for (const [start, end] of spans) {
    p.appendChild(document.createTextNode(text.slice(at, start)));
    const b = document.createElement('b');
    b.textContent = text.slice(start, end);
    p.appendChild(b);
    at = end;
  }
  p.appendChild(document.createTextNode(text.slice(at)));
  return p;
}

// One answer: title, date, excerpt, the note on renamed places, link.
function answer(a, i) {
  const item = el('div', a.curated ? 'answer curated' : 'answer');
  // A curated answer is headed by its badge, not by a numbered title.
  item.appendChild(a.curated ? el('h2', 'badge', 'Câu trả lời chính thức của thành phố') : el('h2', null, (i + 1) + '. ' + a.title));
  if (a.published_at) {
    const date = new Date(a.published_at).toLocaleDateString('vi-VN');
    item.appendChild(el('div', 'date', a.curated ? 'Cập nhật ngày ' + date : date));
  }
  item.appendChild(excerpt(a.excerpt || '', a.highlights || []));
  if (a.places_changed_on) {
    const [y, m, d] = a.places_changed_on.split('-');
    item.appendChild(el('div', 'note', 'Bài viết trước ngày ' + d + '/' + Number(m) + '/' + y + ', trước khi sắp xếp lại đơn vị hành chính.'));
  }
  // The server sends only http(s) links; checked again so that no other scheme becomes a link.
  if (/^https?:\/\//i.test(a.url || '')) {
    const link = el('a', null, a.curated ? 'Xem thêm' : 'Đọc bài');
    link.href = a.url;
    link.target = '_blank';
    link.rel = 'noopener';
    item.appendChild(link);
  }
  return item;
}

function show(result, box) {
  box.textContent = '';
  const suggestions = result.suggestions || [];
  if (!result.answers.length && suggestions.length) {
    // No sure answer: at most two articles, each labelled as possibly related.
    box.appendChild(el('div', 'suggestions-header', 'Tôi chưa tìm thấy câu trả lời chắc chắn cho câu hỏi này. Các bài sau có thể liên quan:'));
    suggestions.forEach((a, i) => {
      const node = answer(a, i);
      node.classList.add('related');
      node.insertBefore(el('div', 'related-label', 'Có thể liên quan'), node.firstChild);
      box.appendChild(node);
    });
    box.appendChild(askStaffButton(result));
    return;
  }
  if (!result.answers.length) {
    box.textContent = 'Xin lỗi, tôi chưa tìm thấy bài viết nào trả lời câu hỏi này. '
      + 'Bạn thử hỏi ngắn gọn hơn hoặc dùng từ khác, ví dụ "nông thôn mới".';
    box.appendChild(askStaffButton(result));
    return;
  }
  if (result.ask_back && result.answers.length >= 2) {
    // Two answers about different things with close scores: the reader picks one.
    box.appendChild(el('div', 'choices-header', 'Câu hỏi của bạn có thể về một trong các nội dung sau. Bạn muốn hỏi về nội dung nào?'));
    result.answers.slice(0, 2).forEach((a, i) => {
      const button = el('button', 'choice', (i + 1) + '. ' + a.title);
      button.type = 'button';
      button.addEventListener('click', () => {
        box.textContent = '';
        box.appendChild(answer(a, i));
        if (result.question_id) box.appendChild(feedback(result.question_id));
      });
      box.appendChild(button);
    });
    return;
  }
  result.answers.forEach((a, i) => box.appendChild(answer(a, i)));
  if (result.question_id) box.appendChild(feedback(result.question_id));
}

// 👍 / 👎 under the answers. A vote can be changed (the server keeps the latest); after 👎 the
// reader may add a short reason, sent with the vote again.
function feedback(questionId) {
  const box = el('div', 'feedback');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Đánh giá câu trả lời');
  const prompt = el('span', 'prompt', 'Câu trả lời có giúp ích cho bạn không?');
  const buttons = {};
  for (const [vote, icon, label] of [['up', '👍', 'Hữu ích'], ['down', '👎', 'Chưa đúng']]) {
    const b = el('button', 'vote');
    b.type = 'button';
    b.dataset.vote = vote;
    const mark = el('span', null, icon + ' ');
    mark.setAttribute('aria-hidden', 'true');
    b.append(mark, label);
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => send(vote));
    buttons[vote] = b;
  }
  const status = el('span', 'status');
  status.setAttribute('role', 'status');
  const reasonForm = el('form', 'reason');
  reasonForm.hidden = true;
  const label = el('label', null, 'Góp ý thêm (không bắt buộc)');
  const reason = el('input');
  reason.maxLength = 500;
  reason.placeholder = 'Ví dụ: thông tin đã cũ';
  label.appendChild(reason);
  const sendReason = el('button', null, 'Gửi góp ý');
  reasonForm.append(label, sendReason);
  reasonForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (reason.value.trim()) send('down', reason.value.trim());
  });
  box.append(prompt, buttons.up, buttons.down, status, reasonForm);

  async function send(vote, why) {
    const body = {question_id: questionId, vote};
    if (why) body.reason = why;
    try {
      const response = await fetch('/api/feedback', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
      if (!response.ok) {
        const error = new Error(response.status);
        error.status = response.status;
        throw error;
      }
      for (const [v, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(v === vote));
      reasonForm.hidden = vote !== 'down';
      if (why) {
        reason.value = '';
        reasonForm.hidden = true;
      }
      status.textContent = why ? 'Cảm ơn góp ý của bạn!' : vote === 'up' ? 'Cảm ơn bạn đã đánh giá!' : 'Cảm ơn bạn! Chúng tôi sẽ xem lại câu trả lời này.';
    } catch (e) {
      status.textContent = e.status === 404 ? 'Câu hỏi này đã quá cũ để đánh giá.' : 'Chưa gửi được đánh giá, bạn vui lòng thử lại.';
    }
  }
  return box;
}

// ---- Asking a person: a question sent to the city's staff, and its status by lookup code.
// The web chat has no identity: the reply is not pushed, the citizen asks for it with the code.

// Lower case, without diacritics (đ as d): typed words work with or without accents.
const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();

function askStaffButton(result) {
  const wrap = el('div', 'handoff');
  const button = el('button', 'ask-staff', 'Gửi câu hỏi cho cán bộ thành phố');
  button.type = 'button';
  button.addEventListener('click', () => {
    button.disabled = true;
    const body = result.question_id ? {question_id: result.question_id} : {text: result.question};
    sendToStaff(body, wrap);
  });
  wrap.appendChild(button);
  return wrap;
}

async function sendToStaff(body, box) {
  const status = el('p', 'handoff-result');
  status.setAttribute('role', 'status');
  box.appendChild(status);
  try {
    const response = await fetch('/api/handoff', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    const data = await response.json().catch(() => ({}));
    if (response.status === 201) {
      status.textContent = 'Đã gửi câu hỏi của bạn tới cán bộ thành phố. Mã tra cứu: ' + data.code
        + '. Bạn ghi lại mã này; khi cán bộ trả lời, gõ «trạng thái ' + data.code + '» vào ô hỏi để xem.';
      status.dataset.code = data.code;
    } else if (response.status === 429 || response.status === 503) {
      status.textContent = data.error || 'Máy chủ đang bận, bạn vui lòng thử lại sau ít phút.';
    } else {
      status.textContent = 'Chưa gửi được: câu hỏi cần có nội dung và dài tối đa 1.000 ký tự.';
    }
  } catch (e) {
    status.textContent = 'Chưa gửi được câu hỏi, bạn vui lòng thử lại sau.';
  }
}

async function showStatus(code, box) {
  box.textContent = 'Đang tra cứu...';
  try {
    const response = await fetch('/api/handoff/' + encodeURIComponent(code));
    const data = await response.json().catch(() => ({}));
    if (response.status === 404) { box.textContent = 'Không tìm thấy câu hỏi nào có mã ' + code + '. Bạn kiểm tra lại mã giúp tôi nhé.'; return; }
    if (!response.ok) { box.textContent = data.error || 'Chưa tra cứu được, bạn vui lòng thử lại sau.'; return; }
    box.textContent = '';
    if (data.status !== 'answered') {
      box.textContent = 'Câu hỏi ' + data.code + ' đang chờ cán bộ trả lời. Bạn hỏi: «' + data.message + '»';
      return;
    }
    const item = el('div', 'answer curated');
    item.appendChild(el('h2', 'badge', 'Cán bộ thành phố trả lời câu hỏi ' + data.code));
    item.appendChild(el('div', 'date', 'Bạn hỏi: «' + data.message + '»'));
    item.appendChild(el('div', 'staff-reply', data.reply.text));
    if (/^https?:\/\//i.test(data.reply.link || '')) {
      const link = el('a', null, 'Xem thêm');
      link.href = data.reply.link;
      link.target = '_blank';
      link.rel = 'noopener';
      item.appendChild(link);
    }
    box.appendChild(item);
  } catch (e) {
    box.textContent = 'Chưa tra cứu được, bạn vui lòng thử lại sau.';
  }
}

// "hỏi cán bộ <câu hỏi>" and "trạng thái <mã>", typed as on Zalo; false for anything else.
function typedHandoff(q, box) {
  const folded = fold(q);
  // "trạng thái đường Trường Chinh" is a question: only a code of 6 letters and digits is a status.
  const status = folded.match(/^trang\s*thai\s+(.+)$/);
  const code = status ? status[1].replace(/[\s-]/g, '').toUpperCase() : '';
  if (/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{6}$/.test(code)) { // the server's alphabet: no 0/O, 1/I/L
    showStatus(code, box);
    return true;
  }
  const ask = folded.match(/^hoi can bo\b/);
  if (ask) {
    // The words after "hỏi cán bộ" (counted in words: the typed text may be decomposed Unicode).
    const text = q.trim().split(/\s+/).slice(3).join(' ').replace(/^[:,.\-–]+\s*/, '');
    if (!text) {
      box.textContent = 'Bạn gõ câu hỏi cần gửi cho cán bộ, ví dụ: hỏi cán bộ lịch cắt điện tuần này thế nào?';
      return true;
    }
    box.textContent = '';
    sendToStaff({text}, box);
    return true;
  }
  return false;
}

document.getElementById('ask').addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = input.value.trim();
  if (!q) return;
  bubble('me').textContent = q;
  input.value = '';
  const box = bubble('bot');
  if (typedHandoff(q, box)) return;
  box.textContent = 'Đang tìm...';
  try {
    const response = await fetch('/api/ask?q=' + encodeURIComponent(q));
    if (response.status === 429 || response.status === 503) {
      // Too many questions, or the server is busy: its message says how long to wait.
      const body = await response.json().catch(() => ({}));
      box.textContent = body.error || 'Máy chủ đang bận, bạn vui lòng thử lại sau ít phút.';
      return;
    }
    if (!response.ok) throw new Error(response.status);
    show(await response.json(), box);
  } catch (e) {
    box.textContent = 'Có lỗi khi tìm kiếm, bạn vui lòng thử lại sau.';
  }
  box.scrollIntoView({block: 'end'});
});
