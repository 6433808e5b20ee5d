// The web chat: asks /api/ask, shows the answers and sends the reader's 👍 / 👎 to /api/feedback;
// a question the bot cannot answer can go to the city's staff (/api/handoff).
// A file of its own, because the pages' Content-Security-Policy runs no inline script.
'use strict';
const log = document.getElementById('log');
const input = document.getElementById('q');

// ---- The page's own words in Vietnamese and English. The articles, and so the answers, stay
// Vietnamese. The choice is kept in localStorage; the first visit follows the browser's language.
const STRINGS = {
  vi: {
    title: 'Hỏi đáp tin tức – Thành phố Bắc Kạn',
    heading: 'Hỏi đáp tin tức thành phố Bắc Kạn',
    intro: 'Gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được.',
    greeting: 'Xin chào! Bạn muốn tìm hiểu điều gì? Ví dụ: "Thành phố Bắc Kạn có bao nhiêu đơn vị hành chính?"',
    placeholder: 'Nhập câu hỏi...',
    questionLabel: 'Câu hỏi',
    ask: 'Hỏi',
    languages: 'Ngôn ngữ',
    notFound: 'Xin lỗi, tôi chưa tìm thấy bài viết nào trả lời câu hỏi này. Bạn thử hỏi ngắn gọn hơn hoặc dùng từ khác, ví dụ "nông thôn mới".',
    note: '',
    official: 'Câu trả lời chính thức của thành phố',
    updated: (date) => 'Cập nhật ngày ' + date,
    more: 'Xem thêm',
    read: 'Đọc bài',
    rate: 'Đánh giá câu trả lời',
    ratePrompt: 'Câu trả lời có giúp ích cho bạn không?',
    helpful: 'Hữu ích',
    notHelpful: 'Chưa đúng',
    reasonLabel: 'Góp ý thêm (không bắt buộc)',
    reasonExample: 'Ví dụ: thông tin đã cũ',
    sendReason: 'Gửi góp ý',
    thanksReason: 'Cảm ơn góp ý của bạn!',
    thanksUp: 'Cảm ơn bạn đã đánh giá!',
    thanksDown: 'Cảm ơn bạn! Chúng tôi sẽ xem lại câu trả lời này.',
    tooOld: 'Câu hỏi này đã quá cũ để đánh giá.',
    voteFailed: 'Chưa gửi được đánh giá, bạn vui lòng thử lại.',
    askStaff: 'Gửi câu hỏi cho cán bộ thành phố',
    sent: (code) => 'Đã gửi câu hỏi của bạn tới cán bộ thành phố. Mã tra cứu: ' + code + '. Bạn ghi lại mã này; khi cán bộ trả lời, gõ «trạng thái ' + code + '» vào ô hỏi để xem.',
    busy: 'Máy chủ đang bận, bạn vui lòng thử lại sau ít phút.',
    badQuestion: 'Chưa gửi được: câu hỏi cần có nội dung và dài tối đa 1.000 ký tự.',
    sendFailed: 'Chưa gửi được câu hỏi, bạn vui lòng thử lại sau.',
    lookingUp: 'Đang tra cứu...',
    unknownCode: (code) => 'Không tìm thấy câu hỏi nào có mã ' + code + '. Bạn kiểm tra lại mã giúp tôi nhé.',
    lookupFailed: 'Chưa tra cứu được, bạn vui lòng thử lại sau.',
    waiting: (code, message) => 'Câu hỏi ' + code + ' đang chờ cán bộ trả lời. Bạn hỏi: «' + message + '»',
    staffReplied: (code) => 'Cán bộ thành phố trả lời câu hỏi ' + code,
    youAsked: (message) => 'Bạn hỏi: «' + message + '»',
    handoffUsage: 'Bạn gõ câu hỏi cần gửi cho cán bộ, ví dụ: hỏi cán bộ lịch cắt điện tuần này thế nào?',
    searching: 'Đang tìm...',
    searchFailed: 'Có lỗi khi tìm kiếm, bạn vui lòng thử lại sau.',
    dateLocale: 'vi-VN',
    suggestions: 'Tôi chưa tìm thấy câu trả lời chắc chắn cho câu hỏi này. Các bài sau có thể liên quan:',
    related: 'Có thể liên quan',
    choices: 'Câu hỏi của bạn có thể về một trong các nội dung sau. Bạn muốn hỏi về nội dung nào?',
    placesChanged: (d, m, y) => 'Bài viết trước ngày ' + d + '/' + m + '/' + y + ', trước khi sắp xếp lại đơn vị hành chính.',
  },
  en: {
    title: 'News questions – Bắc Kạn city',
    heading: 'Ask about Bắc Kạn city news',
    intro: 'Type a question. The articles are in Vietnamese, so Vietnamese questions (with or without diacritics) work best.',
    greeting: 'Hello! What would you like to know? Example: "Thành phố Bắc Kạn có bao nhiêu đơn vị hành chính?"',
    placeholder: 'Type a question...',
    questionLabel: 'Question',
    ask: 'Ask',
    languages: 'Language',
    notFound: 'Sorry, I found no article that answers this. The city\'s articles are in Vietnamese: please try asking in Vietnamese, e.g. "nông thôn mới".',
    note: 'Answers come from the Vietnamese articles of the city portal.',
    official: 'The city\'s official answer',
    updated: (date) => 'Updated ' + date,
    more: 'More',
    read: 'Read',
    rate: 'Rate the answer',
    ratePrompt: 'Did this answer help you?',
    helpful: 'Helpful',
    notHelpful: 'Not right',
    reasonLabel: 'More feedback (optional)',
    reasonExample: 'E.g. the information is out of date',
    sendReason: 'Send feedback',
    thanksReason: 'Thank you for your feedback!',
    thanksUp: 'Thank you for rating!',
    thanksDown: 'Thank you! We will look at this answer again.',
    tooOld: 'This question is too old to rate.',
    voteFailed: 'Your rating was not sent, please try again.',
    askStaff: 'Send the question to the city\'s staff',
    sent: (code) => 'Your question was sent to the city\'s staff. Lookup code: ' + code + '. Keep this code; when the staff reply, type «trạng thái ' + code + '» in the question box to see it.',
    busy: 'The server is busy, please try again in a few minutes.',
    badQuestion: 'Not sent: the question must have text and at most 1,000 characters.',
    sendFailed: 'The question was not sent, please try again later.',
    lookingUp: 'Looking up...',
    unknownCode: (code) => 'No question has the code ' + code + '. Please check the code.',
    lookupFailed: 'The lookup failed, please try again later.',
    waiting: (code, message) => 'Question ' + code + ' is waiting for a reply from the staff. You asked: «' + message + '»',
    staffReplied: (code) => 'The city\'s staff replied to question ' + code,
    youAsked: (message) => 'You asked: «' + message + '»',
    handoffUsage: 'Type the question for the staff, e.g.: hỏi cán bộ when is the power cut this week?',
    searching: 'Searching...',
    searchFailed: 'The search failed, please try again later.',
    dateLocale: 'en-GB',
    suggestions: 'I found no sure answer to this question. These articles may be related:',
    related: 'Possibly related',
    choices: 'Your question may be about one of these. Which one do you mean?',
    placesChanged: (d, m, y) => 'Article from before ' + d + '/' + m + '/' + y + ', before the administrative units were reorganised.',
  },
};

function storedLanguage() {
  try {
    return localStorage.getItem('lang');
  } catch (e) {
    return null; // storage disabled: the browser's language, every time
  }
}

let lang = STRINGS[storedLanguage()] ? storedLanguage()
  : (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'vi';
const t = (key) => STRINGS[lang][key];

// The page's fixed words ([data-i18n] text, placeholder, label), its title and lang attribute.
function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  input.placeholder = t('placeholder');
  input.setAttribute('aria-label', t('questionLabel'));
  const switcher = document.getElementById('lang');
  switcher.setAttribute('aria-label', t('languages'));
  for (const b of switcher.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

for (const b of document.querySelectorAll('#lang button')) {
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    try {
      localStorage.setItem('lang', lang);
    } catch (e) {
      // not kept: this page still switches
    }
    applyLanguage();
  });
}
applyLanguage();

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
  item.appendChild(a.curated ? el('h2', 'badge', t('official')) : el('h2', null, (i + 1) + '. ' + a.title));
  if (a.published_at) {
    const date = new Date(a.published_at).toLocaleDateString(t('dateLocale'));
    item.appendChild(el('div', 'date', a.curated ? t('updated')(date) : date));
  }
  item.appendChild(excerpt(a.excerpt || '', a.highlights || []));
  if (a.places_changed_on) {
    const [y, m, d] = a.places_changed_on.split('-');
    item.appendChild(el('div', 'note', t('placesChanged')(d, Number(m), y)));
  }
  // The server sends only http(s) links; checked again so that no other scheme becomes a link.
  if (/^https?:\/\//i.test(a.url || '')) {
    const link = el('a', null, a.curated ? t('more') : t('read'));
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
    box.appendChild(el('div', 'suggestions-header', t('suggestions')));
    suggestions.forEach((a, i) => {
      const node = answer(a, i);
      node.classList.add('related');
      node.insertBefore(el('div', 'related-label', t('related')), node.firstChild);
      box.appendChild(node);
    });
    box.appendChild(askStaffButton(result));
    return;
  }
  if (!result.answers.length) {
    box.textContent = t('notFound');
    box.appendChild(askStaffButton(result));
    return;
  }
  if (t('note')) box.appendChild(el('p', 'note', t('note')));
  if (result.ask_back && result.answers.length >= 2) {
    // Two answers about different things with close scores: the reader picks one.
    box.appendChild(el('div', 'choices-header', t('choices')));
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
  box.setAttribute('aria-label', t('rate'));
  const prompt = el('span', 'prompt', t('ratePrompt'));
  const buttons = {};
  for (const [vote, icon, label] of [['up', '👍', t('helpful')], ['down', '👎', t('notHelpful')]]) {
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
  const label = el('label', null, t('reasonLabel'));
  const reason = el('input');
  reason.maxLength = 500;
  reason.placeholder = t('reasonExample');
  label.appendChild(reason);
  const sendReason = el('button', null, t('sendReason'));
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
      status.textContent = why ? t('thanksReason') : vote === 'up' ? t('thanksUp') : t('thanksDown');
    } catch (e) {
      status.textContent = e.status === 404 ? t('tooOld') : t('voteFailed');
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
  const button = el('button', 'ask-staff', t('askStaff'));
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
    const response = await fetch('/api/handoff?lang=' + lang, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    const data = await response.json().catch(() => ({}));
    if (response.status === 201) {
      status.textContent = t('sent')(data.code);
      status.dataset.code = data.code;
    } else if (response.status === 429 || response.status === 503) {
      status.textContent = data.error || t('busy');
    } else {
      status.textContent = t('badQuestion');
    }
  } catch (e) {
    status.textContent = t('sendFailed');
  }
}

async function showStatus(code, box) {
  box.textContent = t('lookingUp');
  try {
    const response = await fetch('/api/handoff/' + encodeURIComponent(code) + '?lang=' + lang);
    const data = await response.json().catch(() => ({}));
    if (response.status === 404) { box.textContent = t('unknownCode')(code); return; }
    if (!response.ok) { box.textContent = data.error || t('lookupFailed'); return; }
    box.textContent = '';
    if (data.status !== 'answered') {
      box.textContent = t('waiting')(data.code, data.message);
      return;
    }
    const item = el('div', 'answer curated');
    item.appendChild(el('h2', 'badge', t('staffReplied')(data.code)));
    item.appendChild(el('div', 'date', t('youAsked')(data.message)));
    item.appendChild(el('div', 'staff-reply', data.reply.text));
    if (/^https?:\/\//i.test(data.reply.link || '')) {
      const link = el('a', null, t('more'));
      link.href = data.reply.link;
      link.target = '_blank';
      link.rel = 'noopener';
      item.appendChild(link);
    }
    box.appendChild(item);
  } catch (e) {
    box.textContent = t('lookupFailed');
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
      box.textContent = t('handoffUsage');
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
  box.textContent = t('searching');
  try {
    const response = await fetch('/api/ask?q=' + encodeURIComponent(q) + '&lang=' + lang);
    if (response.status === 429 || response.status === 503) {
      // Too many questions, or the server is busy: its message says how long to wait.
      const body = await response.json().catch(() => ({}));
      box.textContent = body.error || t('busy');
      return;
    }
    if (!response.ok) throw new Error(response.status);
    show(await response.json(), box);
  } catch (e) {
    box.textContent = t('searchFailed');
  }
  box.scrollIntoView({block: 'end'});
});
