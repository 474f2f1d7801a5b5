/* hr-lint writer's page.
 *
 * Safety rule for this file: user text and finding data only ever reach the page through
 * textContent, createTextNode, attribute setters for plain values, and checked http(s) URLs.
 * Never build HTML from strings here.
 */
(function () {
  "use strict";

  var EXTENSIONS = { markdown: ".md", text: ".txt", html: ".html", rst: ".rst" };
  var MIME = { markdown: "text/markdown", text: "text/plain", html: "text/html", rst: "text/x-rst" };
  var SEVERITY_ORDER = ["error", "warning", "info"];

  var els = {};
  var state = {
    result: null,        // the last answer of the API
    lintedText: null,    // the exact text that answer refers to
    spans: [],           // [{start, end}] UTF-16 offsets in lintedText, parallel to findings
    current: -1,         // the finding shown in the details panel
    origin: null,        // {name, sourceFormat} of an uploaded file
    seq: 0,
    controller: null,
    timer: null,
    maxUpload: 0,
    focusAfter: null,    // UTF-16 offset: focus the first highlight at or after it once re-linted
    traceController: null
  };

  // the page's words, in the reader's language (static/i18n.js)
  var L = window.hrLintI18n;
  function t(key, params) { return L.t(key, params); }

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(n, key) { return L.count(n, key); }

  function setStatus(message) { els.status.textContent = message; }

  // -- offsets -------------------------------------------------------------------------------
  // The API gives 0-based offsets in Unicode code points; JS strings index UTF-16 code units.
  function codePointConverter(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) {
      return function (cp) { return cp; };
    }
    var map = new Uint32Array(text.length + 1);
    var cp = 0;
    var u = 0;
    for (var ch of text) {    // iterates by code point
      map[cp] = u;
      u += ch.length;
      cp += 1;
    }
    map[cp] = u;
    var last = cp;
    return function (offset) { return map[Math.max(0, Math.min(offset, last))]; };
  }

  // -- talking to the server -----------------------------------------------------------------
  function errorText(response, data) {
    if (data && typeof data.error === "string") return data.error;
    if (response.status === 413) return t("tooLarge");
    return t("serverAnswered", { status: response.status });
  }

  function request(url, options) {
    if (state.controller) state.controller.abort();
    var controller = new AbortController();
    state.controller = controller;
    options.signal = controller.signal;
    var seq = ++state.seq;
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (seq !== state.seq) return null;    // a newer request has been sent since
        if (!response.ok) throw new Error(errorText(response, data));
        return data;
      });
    }, function (err) {
      if (err && err.name === "AbortError") return null;
      throw new Error(t("cannotReach"));
    });
  }

  function lintNow() {
    clearTimeout(state.timer);
    var text = els.editor.value;
    var started = performance.now();
    els.view.setAttribute("aria-busy", "true");
    return request("api/lint", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, format: els.format.value, preset: els.preset.value,
                             language: els.language.value })
    }).then(function (data) {
      if (!data) return;
      render(data, text, performance.now() - started);
    }).catch(showError);
  }

  function scheduleLint() {
    clearTimeout(state.timer);
    els.view.classList.add("stale");
    var delay = els.editor.value.length > 200000 ? 1500 : 600;
    state.timer = setTimeout(lintNow, delay);
  }

  function showError(err) {
    els.view.removeAttribute("aria-busy");
    setStatus(t("problem", { message: err && err.message ? err.message : String(err) }));
  }

  function uploadFile(file) {
    if (state.maxUpload && file.size > state.maxUpload) {
      setStatus(t("fileTooBig", { name: file.name, size: file.size, max: state.maxUpload }));
      return;
    }
    var form = new FormData();
    form.append("file", file, file.name);
    form.append("preset", els.preset.value);
    form.append("language", els.language.value);
    setStatus(t("reading", { name: file.name }));
    var started = performance.now();
    request("api/lint-file", { method: "POST", body: form }).then(function (data) {
      if (!data) return;
      els.editor.value = data.text;
      state.origin = { name: data.filename, sourceFormat: data.source_format };
      if (EXTENSIONS[data.format]) els.format.value = data.format;
      showOrigin();
      render(data, data.text, performance.now() - started);
    }).catch(showError);
  }

  function showOrigin() {
    var o = state.origin;
    if (!o) {
      els.origin.hidden = true;
      els.downloadNote.hidden = true;
      return;
    }
    els.origin.hidden = false;
    if (o.sourceFormat === "docx") {
      els.origin.textContent = t("openedWord", { name: o.name });
      els.downloadNote.hidden = false;
      els.downloadNote.textContent = t("wordDownload");
    } else if (o.sourceFormat === "pdf") {
      els.origin.textContent = t("openedPdf", { name: o.name });
      els.downloadNote.hidden = false;
      els.downloadNote.textContent = t("pdfDownload");
    } else {
      els.origin.textContent = t("opened", { name: o.name });
      els.downloadNote.hidden = true;
    }
  }

  // -- showing the findings ------------------------------------------------------------------
  function render(data, text, elapsed) {
    state.result = data;
    state.lintedText = text;
    state.current = -1;
    var toU16 = codePointConverter(text);
    state.spans = data.positions.map(function (p) {
      return { start: toU16(p.offset), end: toU16(p.end_offset) };
    });

    var order = data.findings.map(function (_, i) { return i; });
    order.sort(function (a, b) { return state.spans[a].start - state.spans[b].start || a - b; });

    var view = els.view;
    var descriptions = els.descriptions;
    var viewFrag = document.createDocumentFragment();
    var descFrag = document.createDocumentFragment();
    var pos = 0;
    order.forEach(function (i) {
      var f = data.findings[i];
      var span = state.spans[i];
      if (span.start < pos || span.end <= span.start || span.end > text.length) return;  // overlap: listed, not drawn
      if (span.start > pos) viewFrag.appendChild(document.createTextNode(text.slice(pos, span.start)));
      var mark = el("mark", "hl sev-" + safeSeverity(f.severity), text.slice(span.start, span.end));
      mark.id = "hl-" + i;
      mark.tabIndex = 0;
      mark.dataset.index = String(i);
      mark.setAttribute("aria-describedby", "desc-" + i);
      viewFrag.appendChild(mark);
      var desc = el("span", null, describe(f));
      desc.id = "desc-" + i;
      descFrag.appendChild(desc);
      pos = span.end;
    });
    if (pos < text.length) viewFrag.appendChild(document.createTextNode(text.slice(pos)));
    view.replaceChildren(viewFrag);
    descriptions.replaceChildren(descFrag);
    view.classList.toggle("stale", els.editor.value !== text);
    view.removeAttribute("aria-busy");

    renderCounts(data);
    resetDetails();
    var total = data.findings.length;
    var took = elapsed ? t("took", { ms: Math.round(elapsed) }) : "";
    setStatus(total ? t("withPolicy", { count: plural(total, "finding"), preset: data.preset, took: took }) :
      t("noFindings", { preset: data.preset, took: took }));

    if (state.focusAfter !== null) {
      var at = state.focusAfter;
      state.focusAfter = null;
      var marks = view.querySelectorAll(".hl");
      var target = null;
      for (var k = 0; k < marks.length; k++) {
        if (state.spans[Number(marks[k].dataset.index)].start >= at) { target = marks[k]; break; }
      }
      if (target) target.focus();
      else els.details.focus();
    }
  }

  function safeSeverity(s) { return SEVERITY_ORDER.indexOf(s) >= 0 ? s : "info"; }

  function describe(f) {
    var parts = [L.severity(f.severity) + ", " + L.category(f.category) + ": " + f.message];
    if (f.suggestions && f.suggestions.length) {
      parts.push(t("describeAlternatives", { list: f.suggestions.join("; ") }));
    }
    return parts.join(" ");
  }

  function renderCounts(data) {
    var total = data.findings.length;
    els.count.textContent = plural(total, "finding");
    els.count.dataset.total = String(total);
    var cats = els.byCategory;
    var catFrag = document.createDocumentFragment();
    var byCategory = (data.counts && data.counts.by_category) || {};
    Object.keys(byCategory).sort().forEach(function (name) {
      catFrag.appendChild(el("li", null, L.category(name) + ": " + byCategory[name]));
    });
    cats.replaceChildren(catFrag);
    var sevFrag = document.createDocumentFragment();
    var bySeverity = (data.counts && data.counts.by_severity) || {};
    SEVERITY_ORDER.forEach(function (s) {
      if (bySeverity[s]) sevFrag.appendChild(el("li", null, L.severityCount(bySeverity[s], s)));
    });
    els.bySeverity.replaceChildren(sevFrag);
  }

  function resetDetails() {
    els.detailsBody.replaceChildren(el("p", "hint",
      state.result && state.result.findings.length ? t("detailsHint") : t("nothingToShow")));
  }

  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function showDetails(i) {
    var data = state.result;
    if (!data || !data.findings[i]) return;
    if (state.current === i) return;
    var previous = els.view.querySelector(".hl.current");
    if (previous) previous.classList.remove("current");
    var mark = $("hl-" + i);
    if (mark) mark.classList.add("current");
    state.current = i;
    var f = data.findings[i];
    var rule = (data.rules && data.rules[f.rule]) || {};

    var frag = document.createDocumentFragment();
    var title = el("h3");
    title.appendChild(el("span", "badge sev-" + safeSeverity(f.severity), L.severity(f.severity)));
    title.appendChild(document.createTextNode(" " + (rule.summary || L.category(f.category))));
    frag.appendChild(title);

    var flagged = el("p", null, t("flagged"));
    flagged.appendChild(el("span", "phrase", "“" + f.text + "”"));
    frag.appendChild(flagged);

    frag.appendChild(el("h4", null, t("why")));
    frag.appendChild(el("p", null, f.message));

    frag.appendChild(el("h4", null, t("alternatives")));
    if (f.suggestions && f.suggestions.length) {
      var list = el("ul", "alternatives");
      f.suggestions.forEach(function (alt) {
        var item = el("li");
        var button = el("button", "secondary", alt);
        button.type = "button";
        button.setAttribute("aria-label", t("replaceWith", { text: f.text, alt: alt }));
        button.addEventListener("click", function () { applyAlternative(i, alt); });
        item.appendChild(button);
        list.appendChild(item);
      });
      frag.appendChild(list);
      if (f.fix) frag.appendChild(el("p", "meta", t("safeFix")));
    } else {
      frag.appendChild(el("p", null, t("noReplacement")));
    }

    var sources = (rule.sources && rule.sources.length) ? rule.sources :
      (f.source ? [{ title: f.source, url: f.source }] : []);
    if (sources.length) {
      frag.appendChild(el("h4", null, t("sources")));
      var ul = el("ul", "sources");
      sources.forEach(function (s) {
        var li = el("li");
        var href = safeUrl(s.url);
        if (href) {
          var a = el("a", null, s.title || href);
          a.href = href;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          li.appendChild(a);
        } else {
          li.textContent = s.title || String(s.url);
        }
        ul.appendChild(li);
      });
      frag.appendChild(ul);
    }
    frag.appendChild(el("p", "meta", t("ruleMeta", { rule: f.rule, category: L.category(f.category), line: f.line,
                                                    column: f.column })));
    els.detailsBody.replaceChildren(frag);
  }

  function applyAlternative(i, alt) {
    var text = els.editor.value;
    if (text !== state.lintedText) {
      setStatus(t("textChanged"));
      lintNow();
      return;
    }
    var span = state.spans[i];
    var f = state.result.findings[i];
    els.editor.value = text.slice(0, span.start) + alt + text.slice(span.end);
    setStatus(t("replaced", { text: f.text, alt: alt }));
    state.focusAfter = span.start;
    lintNow();
  }

  function markFrom(target) {
    return target && target.closest ? target.closest(".hl") : null;
  }

  // -- why is this (not) flagged? ------------------------------------------------------------
  function codePoints(text) { return Array.from(text).length; }

  function whyNotFlagged() {
    var text = els.editor.value;
    var s = els.editor.selectionStart, e = els.editor.selectionEnd;
    if (s === e) {
      setStatus(t("selectFirst"));
      els.editor.focus();
      return;
    }
    var start = codePoints(text.slice(0, s));
    var end = start + codePoints(text.slice(s, e));
    var selected = text.slice(s, e);
    if (state.traceController) state.traceController.abort();
    var controller = new AbortController();
    state.traceController = controller;
    setStatus(t("askingWhy"));
    fetch("api/trace", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, format: els.format.value, preset: els.preset.value,
                             language: els.language.value, start: start, end: end }),
      signal: controller.signal
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (!response.ok) throw new Error(errorText(response, data));
        showTrace(data, selected);
      });
    }, function (err) {
      if (err && err.name === "AbortError") return;
      throw new Error(t("cannotReach"));
    }).catch(showError);
  }

  function showTrace(data, selected) {
    var previous = els.view.querySelector(".hl.current");
    if (previous) previous.classList.remove("current");
    state.current = -1;
    var frag = document.createDocumentFragment();
    var title = el("h3", null, t("whyBefore"));
    title.appendChild(el("span", "phrase", "“" + selected + "”"));
    title.appendChild(document.createTextNode(t("whyAfter")));
    frag.appendChild(title);
    var found = data.occurrences || [];
    if (!found.length) {
      frag.appendChild(el("p", null, t("noRuleInSelection", { preset: data.preset })));
    } else {
      var list = el("ul", "trace");
      found.forEach(function (o) {
        var rule = (data.rules && data.rules[o.rule]) || {};
        var item = el("li", "trace-item " + (o.reported ? "is-reported" : "not-reported"));
        var head = el("p");
        head.appendChild(el("span", "phrase", "“" + o.text + "”"));
        head.appendChild(document.createTextNode(" · " + (rule.summary || o.rule) + " "));
        head.appendChild(el("span", "meta", "(" + o.rule + ")"));
        item.appendChild(head);
        var verdict = o.reported ?
          el("p", "verdict", t("verdictFlagged", { severity: L.severity(safeSeverity(o.severity)) })) :
          el("p", "verdict", t("verdictNot", { why: L.stage(o.stage) }));
        item.appendChild(verdict);
        item.appendChild(el("p", "reason", o.reason));
        list.appendChild(item);
      });
      frag.appendChild(list);
    }
    els.detailsBody.replaceChildren(frag);
    var flagged = found.filter(function (o) { return o.reported; }).length;
    setStatus(found.length ? t("decisionsAbout", { count: plural(found.length, "decision"), selected: selected,
                                                 flagged: flagged, not: found.length - flagged }) :
      t("noRuleIn", { selected: selected }));
    els.details.focus();
  }

  // -- copy and download ---------------------------------------------------------------------
  function copyText() {
    var text = els.editor.value;
    var done = function () { setStatus(t("copied", { count: plural(text.length, "character") })); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
    function fallback() {
      els.editor.focus();
      els.editor.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) done();
      else setStatus(t("couldNotCopy"));
    }
  }

  function downloadName() {
    var o = state.origin;
    if (o && (o.sourceFormat === "docx" || o.sourceFormat === "pdf")) return o.name.replace(/\.(docx|pdf)$/i, "") + ".txt";
    if (o) return o.name;
    return "draft" + (EXTENSIONS[els.format.value] || ".txt");
  }

  function download() {
    var name = downloadName();
    var fmt = state.origin && (state.origin.sourceFormat === "docx" || state.origin.sourceFormat === "pdf") ? "text" : els.format.value;
    var blob = new Blob([els.editor.value], { type: (MIME[fmt] || "text/plain") + ";charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    setStatus(t("downloaded", { name: name }));
  }

  // -- start ---------------------------------------------------------------------------------
  function loadPresets() {
    return fetch("api/presets").then(function (r) { return r.json(); }).then(function (data) {
      var frag = document.createDocumentFragment();
      (data.presets || []).forEach(function (name) {
        var option = el("option", null, name);
        option.value = name;
        frag.appendChild(option);
      });
      els.preset.replaceChildren(frag);
      if (data.default) els.preset.value = data.default;
      state.maxUpload = data.max_upload || 0;
    }).catch(function () { /* keep the built-in option */ });
  }

  function start() {
    els.editor = $("editor");
    els.format = $("format");
    els.preset = $("preset");
    els.language = $("language");
    els.uiLanguage = $("ui-language");
    L.apply();
    els.uiLanguage.value = L.language;
    els.file = $("file");
    els.view = $("view");
    els.status = $("status");
    els.count = $("count");
    els.byCategory = $("by-category");
    els.bySeverity = $("by-severity");
    els.details = $("details");
    els.detailsBody = $("details-body");
    els.descriptions = $("descriptions");
    els.origin = $("origin");
    els.downloadNote = $("download-note");

    els.editor.addEventListener("input", scheduleLint);
    $("check").addEventListener("click", lintNow);
    $("copy").addEventListener("click", copyText);
    $("download").addEventListener("click", download);
    $("why").addEventListener("click", whyNotFlagged);
    els.format.addEventListener("change", lintNow);
    els.preset.addEventListener("change", lintNow);
    els.language.addEventListener("change", lintNow);
    els.uiLanguage.addEventListener("change", function () {
      L.set(els.uiLanguage.value);
      if (state.result) render(state.result, state.lintedText, 0);
      else setStatus(t("nothingChecked"));
    });
    els.file.addEventListener("change", function () {
      if (els.file.files && els.file.files[0]) uploadFile(els.file.files[0]);
      els.file.value = "";
    });

    els.view.addEventListener("focusin", function (e) {
      var mark = markFrom(e.target);
      if (mark) showDetails(Number(mark.dataset.index));
    });
    els.view.addEventListener("mouseover", function (e) {
      var mark = markFrom(e.target);
      if (mark) showDetails(Number(mark.dataset.index));
    });
    els.view.addEventListener("click", function (e) {
      var mark = markFrom(e.target);
      if (mark) mark.focus();
    });
    els.view.addEventListener("keydown", function (e) {
      var mark = markFrom(e.target);
      if (!mark || (e.key !== "Enter" && e.key !== " ")) return;
      e.preventDefault();
      showDetails(Number(mark.dataset.index));
      var first = els.detailsBody.querySelector("button, a[href]");
      (first || els.details).focus();
    });
    els.details.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      var mark = state.current >= 0 ? $("hl-" + state.current) : null;
      if (mark) { e.preventDefault(); mark.focus(); }
    });

    loadPresets().then(function () {
      if (els.editor.value) lintNow();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
