// wengao serve: the page's script. Plain JS, no framework, no inline code (strict CSP).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const els = {
    input: $('input'), file: $('file'), choose: $('choose-file'), chip: $('file-chip'),
    fileName: $('file-name'), fileSize: $('file-size'), clear: $('file-clear'),
    template: $('template'), keep: $('keep-boilerplate'), outline: $('outline'), stats: $('stats'),
    warnings: $('warnings'), count: $('warnings-count'), preview: $('preview'),
    previewBox: $('preview-box'), previewEmpty: $('preview-empty'), busy: $('preview-busy'),
    zoom: $('zoom'), status: $('status'), overlay: $('drop-overlay'),
    downloads: Array.from(document.querySelectorAll('.downloads button[data-format]')),
  };

  const TEMPLATE_LABELS = { gongwen: '公文（GB/T 9704）', speech: '讲话稿', letter: '信函', plain: '普通' };
  // The server's `kind`: speech without a 版头, else the 公文's layout (文件格式, upward, 信函).
  const KIND_LABELS = { speech: '讲话稿', file: '下行文', upward: '上行文', letter: '信函' };
  const FROM_EXT = { txt: 'text', text: 'text', md: 'md', markdown: 'md', json: 'json', docx: 'docx' };
  const FILE_EXT = { docx: 'docx', pdf: 'pdf', md: 'md', html: 'html', json: 'json', text: 'txt' };
  const FORMAT_NAMES = { docx: 'Word 文件', pdf: 'PDF 文件', md: 'Markdown 文件', html: 'HTML 文件' };
  const HTTP_ERRORS = {
    400: ['请求有误', '请刷新页面后再试。'],
    413: ['文件太大', '请拆成几部分分别处理。'],
    422: ['无法读取这段内容', '请确认是文字、Markdown、JSON 或 Word（.docx）文件。'],
    503: ['服务正忙', '请稍等几秒再试。'],
    504: ['处理超时', '文稿可能太长，请拆开后再试。'],
  };
  const PAGE_WIDTH = 880; // CSS px at which the preview page (A4 sheets on grey) is laid out
  const DEBOUNCE_MS = 400;
  const EMPTY = {
    outline: '粘贴文字后，这里显示文稿的标题和各级小标题。',
    warnings: '粘贴文字后，这里列出删除的网页杂项和编号问题。',
    preview: els.previewEmpty.textContent,
  };

  // What is sent: the textarea's text, or a chosen file's bytes as they are.
  let source = { mode: 'text' };
  let seq = 0;
  let controller = null;
  let timer = 0;
  let statusKind = '';
  let actualSize = false;

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  };
  const lineLabel = (line) => (Number.isFinite(line) ? `第${line}行` : '—');
  const number = (n) => (Number.isFinite(n) ? n.toLocaleString('zh-CN') : '0');

  function currentRequest() {
    if (source.mode === 'file') {
      return { body: source.bytes, type: 'application/octet-stream', from: source.from };
    }
    const text = els.input.value;
    if (!text.trim()) return null;
    return { body: text, type: 'text/plain; charset=utf-8', from: 'text' };
  }

  async function post(path, params, req, signal) {
    const q = new URLSearchParams(params);
    q.set('template', els.template.value || 'gongwen');
    if (req.from) q.set('from', req.from);
    if (els.keep.checked) q.set('keep_boilerplate', '1');
    let res;
    try {
      res = await fetch(`${path}?${q}`, {
        method: 'POST', body: req.body, headers: { 'Content-Type': req.type }, signal, cache: 'no-store',
      });
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw Object.assign(new Error('无法连接到 wengao'), { hint: '请确认 wengao 仍在运行（启动它的窗口没有关闭），然后刷新本页。' });
    }
    if (!res.ok) throw await apiError(res);
    return res;
  }

  async function apiError(res) {
    let data = null;
    try { data = await res.json(); } catch (_) { /* not JSON */ }
    const [msg, hint] = HTTP_ERRORS[res.status] || [`出错了（${res.status}）`, ''];
    return Object.assign(new Error((data && data.error) || msg), { hint: (data && data.hint) || hint, status: res.status });
  }

  function setStatus(text, hint, kind) {
    statusKind = kind || '';
    els.status.className = 'status' + (/error/.test(statusKind) ? ' error' : statusKind === 'ok' ? ' ok' : '');
    els.status.replaceChildren();
    if (text) els.status.append(text);
    if (hint) els.status.append(el('span', 'status-hint', hint));
  }

  function setBusy(on) {
    els.busy.hidden = !on;
    els.previewBox.classList.toggle('loading', on);
    els.outline.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function updateButtons() {
    const ready = currentRequest() !== null;
    for (const b of els.downloads) if (b.getAttribute('aria-busy') !== 'true') b.disabled = !ready;
  }

  // ---- updating the panes ----------------------------------------------------------------

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  }

  function update() {
    clearTimeout(timer);
    if (controller) controller.abort();
    controller = null;
    const my = ++seq;
    updateButtons();
    const req = currentRequest();
    if (!req) { showEmpty(); return; }
    controller = new AbortController();
    const { signal } = controller;
    setBusy(true);
    const current = () => my === seq;
    let failed = null;
    const fail = (err) => {
      if (!current() || (err && err.name === 'AbortError')) return;
      failed = failed || err;
    };
    const outline = post('/api/outline', {}, req, signal)
      .then((res) => res.json())
      .then((data) => { if (current()) { renderOutline(data); renderWarnings(data); } })
      .catch((err) => { fail(err); if (current() && err.name !== 'AbortError') showPaneError(err); });
    const preview = post('/api/convert', { to: 'html', preview: '1' }, req, signal)
      .then((res) => res.text())
      .then((html) => { if (current()) showPreview(html); })
      .catch((err) => { fail(err); if (current() && err.name !== 'AbortError') showPreviewMessage(`无法生成预览：${err.message}`); });
    Promise.all([outline, preview]).then(() => {
      if (!current()) return;
      setBusy(false);
      controller = null;
      if (failed) setStatus(failed.message, failed.hint, 'update-error');
      else if (statusKind === 'update-error') setStatus('');
    });
  }

  function showEmpty() {
    setBusy(false);
    els.outline.replaceChildren(el('p', 'empty', EMPTY.outline));
    els.warnings.replaceChildren(el('p', 'empty', EMPTY.warnings));
    els.stats.textContent = '';
    els.count.hidden = true;
    showPreviewMessage(EMPTY.preview);
    if (statusKind === 'update-error') setStatus('');
  }

  function showPaneError(err) {
    els.outline.replaceChildren(el('p', 'error-box', err.message));
    els.warnings.replaceChildren(el('p', 'empty', '无法分析这段内容，原因见页面底部。'));
    els.stats.textContent = '';
    els.count.hidden = true;
  }

  function showPreview(html) {
    els.preview.srcdoc = html;
    els.previewBox.classList.remove('is-empty');
  }

  function showPreviewMessage(text) {
    els.preview.removeAttribute('srcdoc');
    els.previewEmpty.textContent = text;
    els.previewBox.classList.add('is-empty');
  }

  function renderOutline(data) {
    const headings = Array.isArray(data.headings) ? data.headings : [];
    const out = [];
    if (data.title) {
      const title = el('p', 'outline-title', data.title);
      if (KIND_LABELS[data.kind]) title.append(el('span', 'kind', KIND_LABELS[data.kind]));
      out.push(title);
    }
    if (!headings.length) {
      out.push(el('p', 'empty', '没有识别出小标题。各级标题可写作“一、”“（一）”“1.”“（1）”等。'));
    } else {
      // Nest each heading under the nearest earlier heading of a higher level.
      const root = el('ul', 'tree');
      const stack = [{ level: 0, list: root, item: null }];
      for (const h of headings) {
        const level = Math.max(1, Math.floor(Number(h.level)) || 1);
        while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
        const parent = stack[stack.length - 1];
        if (!parent.list) parent.list = parent.item.appendChild(el('ul'));
        const item = el('li', 'heading');
        item.dataset.level = String(level);
        const row = el('div', 'row');
        row.append(el('span', 'lvl', `${level}级`), el('span', 'heading-text', h.text || ''));
        if (Number.isFinite(h.line)) row.append(el('span', 'line-no', lineLabel(h.line)));
        item.append(row);
        parent.list.append(item);
        stack.push({ level, list: null, item });
      }
      out.push(root);
    }
    els.outline.replaceChildren(...out);
    const s = data.stats || {};
    els.stats.textContent = data.stats
      ? `${number(s.characters)} 字 · ${number(s.paragraphs)} 段 · ${number(s.headings)} 个标题` : '';
  }

  function renderWarnings(data) {
    const list = (v) => (Array.isArray(v) ? v : []);
    const groups = [
      ['problems', '编号问题', list(data.problems).map((p) => [p.line, p.message])],
      ['other', '其他提示', list(data.warnings).map((w) => [w.line, w.message])],
      ['removed', '已删除网页杂项', list(data.removed).map((r) => [r.line, r.text, r.why])],
    ];
    const total = groups.reduce((n, g) => n + g[2].length, 0);
    const serious = groups[0][2].length + groups[1][2].length;
    els.count.hidden = total === 0;
    els.count.textContent = String(total);
    els.count.classList.toggle('quiet', serious === 0);
    els.count.title = `共 ${total} 条`;
    if (!total) {
      els.warnings.replaceChildren(el('p', 'empty all-clear', '没有发现问题'));
      return;
    }
    const out = [];
    for (const [cls, name, items] of groups) {
      if (!items.length) continue;
      const box = el('details', `group ${cls}`);
      box.open = cls !== 'removed' || items.length <= 12;
      const summary = el('summary', null, name);
      summary.append(el('span', 'n', `（${items.length}）`));
      const ul = el('ul', 'items');
      for (const [line, text, why] of items) {
        const li = el('li');
        li.append(el('span', 'at', lineLabel(line)), el('span', 'msg', text || ''));
        if (why) li.title = why;
        ul.append(li);
      }
      box.append(summary, ul);
      out.push(box);
    }
    els.warnings.replaceChildren(...out);
  }

  // ---- the preview's scale ---------------------------------------------------------------

  function fitPreview() {
    const w = els.previewBox.clientWidth;
    const h = els.previewBox.clientHeight;
    if (!w || !h) return;
    els.zoom.hidden = w >= PAGE_WIDTH;
    const scale = actualSize ? 1 : Math.min(1, w / PAGE_WIDTH);
    const frame = els.preview.style;
    frame.width = `${actualSize ? Math.max(w, PAGE_WIDTH) : scale < 1 ? PAGE_WIDTH : w}px`;
    frame.height = `${Math.floor(h / scale)}px`;
    frame.transform = scale < 1 ? `scale(${scale})` : '';
  }

  // ---- input: text or file -----------------------------------------------------------------

  function decodeForDisplay(bytes) {
    const b = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
    if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
    try { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch (_) { /* GBK? */ }
    try { return new TextDecoder('gb18030').decode(bytes); } catch (_) { return ''; }
  }

  function formatSize(n) {
    if (n < 1024) return `${n} 字节`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
    return `${(n / 1048576).toFixed(1)} MB`;
  }

  async function loadFile(file) {
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch (_) {
      setStatus(`无法读取文件 ${file.name}`, '请确认文件没有被其他程序占用。', 'error');
      return;
    }
    const ext = (/\.([^./\\]+)$/.exec(file.name) || [])[1];
    const from = FROM_EXT[(ext || '').toLowerCase()];
    source = { mode: 'file', name: file.name, bytes, from, note: null };
    if (from === 'text' || from === 'md') {
      els.input.value = decodeForDisplay(bytes);
      els.input.classList.remove('file-note');
    } else {
      source.note = `已载入 ${file.name}`;
      els.input.value = source.note;
      els.input.classList.add('file-note');
    }
    els.fileName.textContent = file.name;
    els.fileName.title = file.name;
    els.fileSize.textContent = formatSize(file.size);
    els.chip.hidden = false;
    if (statusKind !== 'update-error') setStatus('');
    update();
  }

  function backToText() {
    source = { mode: 'text' };
    els.chip.hidden = true;
    els.input.classList.remove('file-note');
  }

  els.input.addEventListener('input', () => {
    if (source.mode === 'file') {
      const { note, name } = source;
      if (note && els.input.value.includes(note)) {
        els.input.value = els.input.value.replace(note, '').replace(/^\s*\n/, '');
      }
      backToText();
      setStatus(`已改为使用输入框里的文字（不再使用 ${name}）`);
    }
    updateButtons();
    schedule(DEBOUNCE_MS);
  });
  // A note in the box is selected on focus, so typing or pasting replaces it.
  els.input.addEventListener('focus', () => {
    if (source.mode === 'file' && source.note) els.input.select();
  });

  els.choose.addEventListener('click', () => els.file.click());
  els.file.addEventListener('change', () => {
    const f = els.file.files && els.file.files[0];
    if (f) loadFile(f).finally(() => { els.file.value = ''; });
  });
  els.clear.addEventListener('click', () => {
    backToText();
    els.input.value = '';
    setStatus('');
    update();
    els.input.focus();
  });

  // Dropping a file anywhere on the page.
  let dragDepth = 0;
  const hasFiles = (e) => !!e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth += 1;
    els.overlay.hidden = false;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) els.overlay.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth = 0;
    els.overlay.hidden = true;
    const files = e.dataTransfer.files;
    if (!files || !files.length) return;
    loadFile(files[0]).then(() => {
      if (files.length > 1) setStatus(`一次只能处理一个文件，已载入 ${files[0].name}`);
    });
  });

  // ---- options -------------------------------------------------------------------------------

  const store = {
    get(k) { try { return localStorage.getItem(k); } catch (_) { return null; } },
    set(k, v) { try { localStorage.setItem(k, v); } catch (_) { /* private mode */ } },
  };

  els.template.addEventListener('change', () => { store.set('wengao.template', els.template.value); update(); });
  els.keep.addEventListener('change', update);

  async function loadTemplates() {
    const before = els.template.value;
    try {
      const res = await fetch('/api/templates', { cache: 'no-store' });
      if (!res.ok) return;
      const list = await res.json();
      if (!Array.isArray(list) || !list.length) return;
      const options = list.filter((t) => t && t.name).map((t) => {
        const opt = new Option(TEMPLATE_LABELS[t.name] || t.description || t.name, t.name);
        if (t.description) opt.title = t.description;
        return opt;
      });
      if (!options.length) return;
      els.template.replaceChildren(...options);
      const names = options.map((o) => o.value);
      const wanted = [store.get('wengao.template'), before, 'gongwen'].find((n) => n && names.includes(n));
      els.template.value = wanted || names[0];
      if (els.template.value !== before && currentRequest()) update();
    } catch (_) { /* keep the built-in list */ }
  }

  // ---- downloads -----------------------------------------------------------------------------

  function filenameFrom(header) {
    if (!header) return '';
    const clean = (s) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
    const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
    if (star) {
      try { return clean(decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))); } catch (_) { /* bad escape */ }
    }
    const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header) || /filename\s*=\s*([^;]+)/i.exec(header);
    return plain ? clean(plain[1].replace(/\\(.)/g, '$1')) : '';
  }

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  async function download(button) {
    const format = button.dataset.format;
    const req = currentRequest();
    if (!req || button.getAttribute('aria-busy') === 'true') return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    setStatus(`正在生成${FORMAT_NAMES[format] || '文件'}…`, '', 'working');
    try {
      const res = await post('/api/convert', { to: format }, req);
      const blob = await res.blob();
      const name = filenameFrom(res.headers.get('Content-Disposition')) || `wengao.${FILE_EXT[format] || format}`;
      saveBlob(blob, name);
      setStatus(`已下载：${name}`, '', 'ok');
    } catch (err) {
      setStatus(err.message, err.hint, 'error');
    } finally {
      button.removeAttribute('aria-busy');
      updateButtons();
    }
  }

  for (const b of els.downloads) b.addEventListener('click', () => download(b));

  els.zoom.addEventListener('click', () => {
    actualSize = !actualSize;
    els.zoom.setAttribute('aria-pressed', String(actualSize));
    els.zoom.textContent = actualSize ? '适合宽度' : '实际大小';
    els.previewBox.classList.toggle('actual', actualSize);
    fitPreview();
  });

  // ---- start ---------------------------------------------------------------------------------

  if ('ResizeObserver' in window) new ResizeObserver(fitPreview).observe(els.previewBox);
  else window.addEventListener('resize', fitPreview);
  fitPreview();
  const savedTemplate = store.get('wengao.template');
  if (savedTemplate && Array.from(els.template.options).some((o) => o.value === savedTemplate)) {
    els.template.value = savedTemplate;
  }
  showEmpty();
  updateButtons();
  loadTemplates();
  if (currentRequest()) update(); // text the browser kept across a reload
})();
