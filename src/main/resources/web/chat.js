// The web chat: asks /api/ask, shows the answers and sends the reader's 👍 / 👎 to /api/feedback.
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

function show(result, box) {
  box.textContent = '';
  if (!result.answers.length) {
    box.textContent = 'Xin lỗi, tôi chưa tìm thấy bài viết nào trả lời câu hỏi này. '
      + 'Bạn thử hỏi ngắn gọn hơn hoặc dùng từ khác, ví dụ "nông thôn mới".';
    return;
  }
  result.answers.forEach((a, i) => {
    const item = el('div', a.curated ? 'answer curated' : 'answer');
    // A curated answer is headed by its badge, not by a numbered title.
    item.appendChild(a.curated ? el('h2', 'badge', 'Câu trả lời chính thức của thành phố') : el('h2', null, (i + 1) + '. ' + a.title));
    if (a.published_at) {
      const date = new Date(a.published_at).toLocaleDateString('vi-VN');
      item.appendChild(el('div', 'date', a.curated ? 'Cập nhật ngày ' + date : date));
    }
    item.appendChild(excerpt(a.excerpt || '', a.highlights || []));
    // The server sends only http(s) links; checked again so that no other scheme becomes a link.
    if (/^https?:\/\//i.test(a.url || '')) {
      const link = el('a', null, a.curated ? 'Xem thêm' : 'Đọc bài');
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener';
      item.appendChild(link);
    }
    box.appendChild(item);
  });
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

document.getElementById('ask').addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = input.value.trim();
  if (!q) return;
  bubble('me').textContent = q;
  input.value = '';
  const box = bubble('bot');
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
