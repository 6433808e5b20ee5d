// The web chat: asks /api/ask and shows the answers. A file of its own, because the pages'
// Content-Security-Policy runs no inline script.
'use strict';
const log = document.getElementById('log');
const input = document.getElementById('q');

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
    const item = document.createElement('div');
    item.className = 'answer';
    const h = document.createElement('h2');
    h.textContent = (i + 1) + '. ' + a.title;
    item.appendChild(h);
    if (a.published_at) {
      const d = document.createElement('div');
      d.className = 'date';
      d.textContent = new Date(a.published_at).toLocaleDateString('vi-VN');
      item.appendChild(d);
    }
    item.appendChild(excerpt(a.excerpt, a.highlights || []));
    // The server sends only http(s) links; checked again so that no other scheme becomes a link.
    if (/^https?:\/\//i.test(a.url || '')) {
      const link = document.createElement('a');
      link.href = a.url;
      link.textContent = 'Đọc bài';
      link.target = '_blank';
      link.rel = 'noopener';
      item.appendChild(link);
    }
    box.appendChild(item);
  });
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
