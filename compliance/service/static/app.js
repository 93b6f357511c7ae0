// The staff page: checks the draft as it is typed and marks every finding in a mirror of it.
// Offsets in reports count code points (Python string indices); JS strings count UTF-16 units,
// so the text is handled as Array.from(text) wherever an offset is applied.
"use strict";

(() => {
  const DEBOUNCE_MS = 300;
  const RANK = { info: 0, warning: 1, error: 2 };
  const LANGUAGES = { en: "English", is: "Icelandic", mk: "Macedonian", sl: "Slovenian", he: "Hebrew" };

  const $ = (id) => document.getElementById(id);
  const draft = $("draft"), lang = $("lang"), mirror = $("mirror"), list = $("findings");
  const summary = $("summary"), busy = $("busy"), copy = $("copy"), copied = $("copied");

  let timer = 0;
  let sequence = 0;        // numbers the requests; only the newest one's answer is shown
  let inflight = null;     // its AbortController
  let shown = null;        // {text, report} on screen, for "Copy report"

  /** `tag` with attributes and children (strings become text, never markup). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function languageName(code) {
    return LANGUAGES[code] ? `${LANGUAGES[code]} (${code})` : code;
  }

  /** Drop the answer on its way (it is for an older draft); the number of the next request. */
  function invalidate() {
    if (inflight) inflight.abort();
    inflight = null;
    return ++sequence;
  }

  /** Check after a pause in typing; until then what is on screen is for an older draft. */
  function schedule() {
    invalidate();
    document.body.classList.add("stale");
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  /** The newest draft's answer is in: nothing on screen is out of date any more. */
  function settled() {
    busy.textContent = "";
    document.body.classList.remove("stale");
  }

  async function check() {
    clearTimeout(timer);
    const text = draft.value;
    const mine = invalidate();
    if (!text.trim()) {
      settled();
      render(text, null);
      summary.textContent = "Type or paste a draft to check it.";
      return;
    }
    const controller = (inflight = new AbortController());
    busy.textContent = "Checking…";
    const body = { text };
    if (lang.value) body.lang = lang.value;
    try {
      const response = await fetch("v1/check?citation_text=true", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const data = await response.json();
      if (mine !== sequence) return; // the draft changed while this one was checked
      settled();
      if (response.ok) render(text, data);
      else summary.textContent = `Could not check the draft: ${data.error || response.statusText}`;
    } catch (error) {
      if (mine !== sequence) return;
      settled();
      summary.textContent = `Could not reach the checker: ${error.message}`;
    }
  }

  /** The pieces of a text of `count` code points cut at every finding's start and end, each
   * with the indices of the findings covering all of it (overlaps give several). */
  function segments(count, findings) {
    const clamp = (n) => Math.max(0, Math.min(count, n));
    const cuts = new Set([0, count]);
    for (const f of findings) {
      cuts.add(clamp(f.start));
      cuts.add(clamp(f.end));
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const start = sorted[i], end = sorted[i + 1];
      const covering = [];
      findings.forEach((f, k) => {
        if (f.start <= start && end <= f.end && f.start < f.end) covering.push(k);
      });
      out.push({ start, end, covering });
    }
    return out;
  }

  function worst(findings, indices) {
    return indices.map((k) => findings[k].severity).sort((a, b) => RANK[b] - RANK[a])[0];
  }

  function renderMirror(points, findings) {
    const nodes = segments(points.length, findings).map(({ start, end, covering }) => {
      const text = points.slice(start, end).join("");
      if (!covering.length) return document.createTextNode(text);
      const mark = el("mark", {
        class: `sev-${worst(findings, covering)}${covering.length > 1 ? " overlap" : ""}`,
        "data-findings": covering.join(" "),
        title: covering.map((k) => `${findings[k].severity}: ${findings[k].rule}`).join("\n"),
      }, text);
      mark.addEventListener("click", () => {
        const item = $(`finding-${covering[0]}`);
        if (item) item.focus();
      });
      return mark;
    });
    mirror.replaceChildren(...nodes);
  }

  function marksOf(k) {
    return [...mirror.querySelectorAll("mark")].filter((m) => m.dataset.findings.split(" ").includes(String(k)));
  }

  /** UTF-16 offset of each code point offset of `points` (one more entry, for the end). */
  function utf16Offsets(points) {
    const out = [0];
    for (const p of points) out.push(out[out.length - 1] + p.length);
    return out;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function renderFinding(f, k, offsets) {
    const c = f.citation;
    const url = safeUrl(c.url);
    const locate = el("button", { type: "button", class: "locate", "aria-label": `Select “${f.match}” in the draft` },
      "Select in draft");
    locate.addEventListener("click", () => {
      draft.focus();
      draft.setSelectionRange(offsets[f.start], offsets[f.end]);
    });
    const item = el("li", { id: `finding-${k}`, class: `finding sev-${f.severity}`, tabindex: "-1" },
      el("div", { class: "finding-head" },
        el("span", { class: "badge" }, f.severity),
        el("code", { class: "rule" }, f.rule),
        el("span", { class: "category" }, f.category),
        el("span", { class: "where" }, `line ${f.line}, column ${f.column}`)),
      el("p", { class: "match" }, "“", el("bdi", {}, f.match), "”"),
      el("p", { class: "message", dir: "auto" }, f.message),
      f.suggestion ? el("p", { class: "suggestion" }, el("strong", {}, "Suggestion: "), el("bdi", {}, f.suggestion)) : null,
      el("figure", { class: "citation" },
        el("figcaption", { dir: "auto" },
          el("bdi", {}, c.policy), " §", el("bdi", {}, c.section), " ", el("strong", { class: "citation-title" }, c.title)),
        c.text ? el("blockquote", { class: "citation-text", dir: "auto" }, c.text) : null,
        url ? el("a", { href: url, rel: "noopener noreferrer" }, "The policy in full") : null),
      locate);
    const toggle = (on) => marksOf(k).forEach((m) => m.classList.toggle("active", on));
    item.addEventListener("mouseenter", () => toggle(true));
    item.addEventListener("mouseleave", () => toggle(false));
    item.addEventListener("focusin", () => toggle(true));
    item.addEventListener("focusout", () => toggle(false));
    return item;
  }

  function describe(report) {
    const findings = report.violations;
    const counts = ["error", "warning", "info"]
      .map((s) => [s, findings.filter((f) => f.severity === s).length])
      .filter(([, n]) => n)
      .map(([s, n]) => plural(n, s));
    const checked = `${lang.value ? "checked" : "detected"} as ${languageName(report.lang)}`;
    const what = findings.length ? `${plural(findings.length, "finding")}: ${counts.join(", ")}` : "No findings";
    return `${what}; ${checked}.${report.coverage ? ` Note: ${report.coverage}.` : ""}`;
  }

  function render(text, report) {
    shown = report && { text, report };
    copy.disabled = !report;
    const points = Array.from(text);
    const findings = report ? report.violations : [];
    mirror.dir = lang.value === "he" || (report && report.lang === "he") ? "rtl" : "auto";
    renderMirror(points, findings);
    const offsets = utf16Offsets(points);
    list.replaceChildren(...findings.map((f, k) => renderFinding(f, k, offsets)));
    if (report) summary.textContent = describe(report);
  }

  /** The report on screen as plain text, for a ticket or a message to the author. */
  function plainReport({ text, report }) {
    const lines = ["post-compliance report", describe(report), "", "Draft:", text, ""];
    report.violations.forEach((f, k) => {
      const c = f.citation;
      lines.push(`${k + 1}. ${f.severity} ${f.rule} (${f.category}) at line ${f.line}, column ${f.column}: “${f.match}”`);
      lines.push(`   ${f.message}`);
      if (f.suggestion) lines.push(`   Suggestion: ${f.suggestion}`);
      lines.push(`   Policy: ${c.policy} §${c.section} ${c.title}${c.url ? ` (${c.url})` : ""}`);
      if (c.text) lines.push(`   ${c.text}`);
      lines.push("");
    });
    return lines.join("\n");
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        // Denied (a permission, an unfocused page): the selection route below may still work.
      }
    }
    const area = el("textarea", { readonly: "", class: "offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    copy.focus();
    return ok;
  }

  draft.addEventListener("input", schedule);
  lang.addEventListener("change", () => {
    draft.dir = lang.value === "he" ? "rtl" : "auto";
    check();
  });
  copy.addEventListener("click", async () => {
    if (!shown) return;
    const ok = await copyText(plainReport(shown));
    copied.textContent = ok ? "Report copied." : "Could not copy; select the findings and copy them instead.";
    setTimeout(() => { copied.textContent = ""; }, 4000);
  });
  if (draft.value) check(); // a draft the browser restored
})();
