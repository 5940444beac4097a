// haesol review desk: sentence focus → evidence, edit with explicit save/cancel (re-checked at once),
// problem navigation (n/p), e edit, a approve, confirmations, drag-and-drop import, copy.
// Plain JavaScript, no libraries; every text is set with textContent (never innerHTML).
"use strict";

(function () {
  const LABELS = { supported: "근거 있음", partial: "일부 근거", unsupported: "근거 없음", contradicted: "원문과 다름" };
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function typing(target) {
    return target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
  }

  // -- draft view -------------------------------------------------------------------------------
  const dataNode = document.getElementById("draft-data");
  if (dataNode) initDraft(JSON.parse(dataNode.textContent));

  function initDraft(data) {
    const sentences = new Map(data.sentences.map((s) => [s.position, s]));
    const panel = document.getElementById("evidence");
    const editors = new Map();
    let current = null;
    let status = data.status;

    function spanOf(position) {
      return document.querySelector('.draft .s[data-pos="' + String(Number(position)) + '"]');
    }

    function highlight(ids) {
      document.querySelectorAll(".src.hl").forEach((n) => n.classList.remove("hl"));
      ids.forEach((id) => {
        const node = document.getElementById("src-" + id);
        if (node) node.classList.add("hl");
      });
    }

    function showEvidence(s) {
      panel.replaceChildren();
      const supported = s.verdict === "supported" || s.verdict === "partial";
      const title = (LABELS[s.verdict] || "점검 안 함") + (supported ? " · 근거 비율 " + Math.round(s.coverage * 100) + "%" : "");
      const head = el("h3", "문장 " + (s.position + 1) + " · " + title);
      panel.append(head);
      if (!data.readonly) {
        const edit = el("button", "이 문장 고치기 (e)", "secondary small");
        edit.type = "button";
        edit.addEventListener("click", () => startEdit(spanOf(s.position)));
        head.append(" ", edit);
      }
      if (s.retrieved) panel.append(el("p", "인용한 문장 밖에서 찾은 근거입니다.", "muted"));
      if (s.problems.length) {
        const list = el("ul", null, "problems-of");
        s.problems.forEach((p) => list.append(el("li", "! " + p.message.replace(/\s*\([^()가-힣]*[A-Za-z][^()가-힣]*\)/g, "") + (p.expected && !p.message.includes(p.expected) ? " — 원문: " + p.expected : ""))));
        panel.append(list);
      }
      if (s.evidence.length) {
        const list = el("ul");
        s.evidence.forEach((ev) => {
          const item = el("li");
          const jump = el("a", ev.id);
          jump.href = "#src-" + ev.id;
          jump.addEventListener("click", (event) => {
            event.preventDefault();
            const node = document.getElementById("src-" + ev.id);
            if (node) node.scrollIntoView({ block: "center" });
          });
          item.append(jump, document.createTextNode(" " + ev.text));
          list.append(item);
        });
        panel.append(list);
      } else {
        panel.append(el("p", "원문에서 근거를 찾지 못했습니다.", "muted"));
      }
      if (s.edited) panel.append(el("p", "고친 문장 (원래: " + s.original + ")" + (s.edited_by ? " · " + s.edited_by : ""), "muted"));
    }

    function focusSentence(span) {
      const s = sentences.get(Number(span.dataset.pos));
      if (!s) return;
      if (current) current.classList.remove("current");
      current = span;
      span.classList.add("current");
      highlight(s.sources.length ? s.sources : s.evidence.map((e) => e.id));
      showEvidence(s);
    }

    function paint(span, s) {
      span.textContent = s.text;
      span.className = "s v-" + s.verdict + (s.edited ? " edited" : "") + (span === current ? " current" : "");
      span.dataset.verdict = s.verdict;
      span.dataset.sources = s.sources.join(" ");
      const hidden = document.getElementById("vh-" + s.position);
      if (hidden) hidden.textContent = s.verdict_label;
    }

    function show(id, visible) {
      const node = document.getElementById(id);
      if (node) node.hidden = !visible;
    }

    function updateReview(review) {
      review.counts.forEach(([name, n]) => {
        const node = document.querySelector('[data-count="' + name + '"]');
        if (node) node.textContent = String(n);
      });
      const blocking = review.blocking.length;
      show("blocking-note", blocking > 0);
      show("override-box", blocking > 0);
      const count = document.getElementById("blocking-count");
      if (count) count.textContent = String(blocking);
      const problems = document.getElementById("problem-count");
      if (problems) problems.textContent = String(problemSpans().length);
      const badge = document.getElementById("review-status");
      if (badge) { badge.textContent = review.status_label; badge.className = "badge st-" + review.status; }
      if (status === "approved" && !review.approval) {
        // in place, so nothing above the edited sentence changes height: the banner now says the approval is gone
        const banner = document.getElementById("done");
        const note = document.getElementById("revoked-note");
        if (banner && note) { banner.textContent = note.textContent; banner.className = "alert"; banner.id = "revoked-banner"; }
        const kind = document.getElementById("approval-kind");
        if (kind) { kind.textContent = "승인 취소됨"; kind.className = "badge st-needs_review"; kind.id = "approval-revoked"; }
        const approval = document.getElementById("approval");
        if (approval) approval.remove();
        show("approved-box", false);
        show("approve-form", true);
        show("revoked-note", true);
      }
      status = review.status;
    }

    // unsaved text is kept in this browser until it is saved or cancelled (a reload or a crash loses nothing)
    function draftKey(position) {
      return "haesol-draft:" + data.release + ":" + data.article + ":" + position;
    }
    function keepDraft(position, text) {
      try { window.localStorage.setItem(draftKey(position), text); } catch (error) { /* storage full or off */ }
    }
    function dropDraft(position) {
      try { window.localStorage.removeItem(draftKey(position)); } catch (error) { /* storage off */ }
    }
    function keptDraft(position) {
      try { return window.localStorage.getItem(draftKey(position)); } catch (error) { return null; }
    }

    function startEdit(span, restored) {
      if (data.readonly || !span) return;
      const position = Number(span.dataset.pos);
      if (editors.has(position)) { editors.get(position).box.focus(); return; }
      if (!restored && status === "approved" && !window.confirm("승인된 기사입니다. 문장을 고치면 승인이 취소됩니다. 고칠까요?")) return;
      const s = sentences.get(position);
      const wrap = el("span", null, "editor");
      const box = el("textarea", null, "edit");
      box.value = restored !== undefined && restored !== null ? restored : s.text;
      box.addEventListener("input", () => keepDraft(position, box.value));
      box.setAttribute("aria-label", "문장 " + (position + 1) + " 고치기: Enter 저장, Esc 취소");
      const save = el("button", "저장");
      save.type = "button";
      const cancel = el("button", "취소", "secondary");
      cancel.type = "button";
      const help = el("span", (restored ? "저장하지 않았던 글을 되살렸습니다. " : "") + "Enter 저장 · Esc 취소 · 다른 곳을 눌러도 고치던 글은 남습니다", "edit-help");
      wrap.append(box, save, cancel, help);
      span.hidden = true;
      span.after(wrap);
      editors.set(position, { box: box, original: s.text });
      box.focus();
      function close() {
        dropDraft(position);
        editors.delete(position);
        wrap.remove();
        span.hidden = false;
        span.focus({ preventScroll: true });
      }
      function commit() {
        const text = box.value.trim();
        close();
        if (text && text !== s.text) saveSentence(span, text);
      }
      box.addEventListener("keydown", (event) => {
        if (event.key === "Escape") { event.preventDefault(); close(); }
        else if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); commit(); }
      });
      save.addEventListener("click", commit);
      cancel.addEventListener("click", close);
    }

    async function saveSentence(span, text) {
      const position = Number(span.dataset.pos);
      span.classList.add("checking");
      span.setAttribute("aria-busy", "true");
      try {
        const response = await fetch("/api/releases/" + data.release + "/sentences/" + position, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), "Accept": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ text: text, reviewer: ((document.getElementById("reviewer") || {}).value || "").trim() }),
        });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error || response.statusText);
        const before = sentences.get(position).text;
        sentences.set(position, body.sentence);
        paint(span, body.sentence);
        noteHistory(position, before, body.sentence.text);
        updateReview(body.review);
        if (span === current) focusSentence(span);
      } catch (error) {
        panel.replaceChildren(el("p", "저장하지 못했습니다: " + error.message.replace(/\s*\([^()가-힣]*[A-Za-z][^()가-힣]*\)/g, ""), "alert"));
      } finally {
        span.classList.remove("checking");
        span.removeAttribute("aria-busy");
      }
    }

    function noteHistory(position, before, after) {
      const list = document.getElementById("edit-history");
      if (!list) { show("history-stale", true); return; }
      const item = el("li", null, "fresh");
      item.append(el("span", "문장 " + (position + 1) + " · 방금"), el("br"), el("del", before), el("br"), el("ins", after));
      list.append(item);
    }

    function problemSpans() {
      return Array.from(document.querySelectorAll(".draft .s[data-pos]")).filter((n) => n.dataset.verdict && n.dataset.verdict !== "supported");
    }

    function goTo(span) {
      if (!span) return;
      span.scrollIntoView({ block: "center" });
      span.focus({ preventScroll: true });
      focusSentence(span);
    }

    function step(direction) {
      const list = problemSpans();
      if (!list.length) { panel.replaceChildren(el("p", "문제 문장이 없습니다.", "muted")); return; }
      const at = current ? Number(current.dataset.pos) : (direction > 0 ? -1 : Infinity);
      const next = direction > 0
        ? list.find((n) => Number(n.dataset.pos) > at) || list[0]
        : list.slice().reverse().find((n) => Number(n.dataset.pos) < at) || list[list.length - 1];
      goTo(next);
    }

    document.querySelectorAll(".draft .s[data-pos]").forEach((span) => {
      span.addEventListener("focus", () => focusSentence(span));
      span.addEventListener("click", () => focusSentence(span));
      span.addEventListener("dblclick", () => startEdit(span));
      span.addEventListener("keydown", (event) => {
        if (event.key === "Enter") { event.preventDefault(); startEdit(span); }
      });
    });
    if (!data.readonly) {
      sentences.forEach((s, position) => {
        const text = keptDraft(position);
        if (text !== null && text !== s.text) startEdit(spanOf(position), text);
        else if (text !== null) dropDraft(position);
      });
    }
    document.querySelectorAll("[data-goto]").forEach((link) => link.addEventListener("click", (event) => {
      event.preventDefault();
      goTo(spanOf(link.dataset.goto));
    }));
    document.addEventListener("keydown", (event) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "n") { event.preventDefault(); step(1); }
      else if (event.key === "p") { event.preventDefault(); step(-1); }
      else if (event.key === "e" && current) { event.preventDefault(); startEdit(current); }
      else if (event.key === "a") {
        const button = document.getElementById("approve-button");
        const form = document.getElementById("approve-form");
        if (button && form && !form.hidden) {
          event.preventDefault();
          button.scrollIntoView({ block: "center" });
          button.focus();
          // one key must not sign off by accident: the shortcut asks first
          if (window.confirm("이 초안을 승인할까요? (문제 문장이 있으면 승인되지 않고 목록이 나옵니다)")) form.requestSubmit(button);
        }
      }
    });
    const stored = (() => {
      try { window.localStorage.setItem("haesol-probe", "1"); window.localStorage.removeItem("haesol-probe"); return true; }
      catch (error) { return false; }
    })();
    window.addEventListener("beforeunload", (event) => {
      if (stored) return;  // unsaved text is kept in the browser and comes back with the page
      const changed = Array.from(editors.values()).some((e) => e.box.value.trim() !== e.original);
      if (changed) { event.preventDefault(); event.returnValue = ""; }
    });
    const regen = document.getElementById("regen-form");
    if (regen && regen.dataset.confirm) {
      regen.addEventListener("submit", (event) => {
        const ok = window.confirm("새 초안을 만들까요? 지금 초안과 그 수정·승인은 ‘초안 기록’에 그대로 남습니다.");
        if (!ok) { event.preventDefault(); return; }
        document.getElementById("regen-confirmed").value = "1";
      });
    }
    const revoke = document.getElementById("revoke-form");
    if (revoke) {
      revoke.addEventListener("submit", (event) => {
        if (!window.confirm("승인을 취소할까요? 다시 검토해야 합니다.")) event.preventDefault();
      });
    }
  }

  // -- import: drag and drop onto the inbox -------------------------------------------------------
  const zone = document.getElementById("dropzone");
  if (zone) {
    const input = document.getElementById("import-files");
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("over");
    }));
    ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("over")));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      zone.requestSubmit();
    });
    zone.addEventListener("submit", () => {
      const button = document.getElementById("import-button");
      button.disabled = true;
      button.textContent = "가져오는 중…";
    });
  }

  // -- file inputs: the chosen names in Korean next to a 파일 고르기 button ---------------------------
  document.querySelectorAll("input.file-input[data-chosen]").forEach((input) => {
    const label = document.getElementById(input.dataset.chosen);
    input.addEventListener("change", () => {
      const names = Array.from(input.files || []).map((f) => f.name);
      label.textContent = names.length ? names.join(", ") : "고른 파일 없음";
    });
  });

  // -- copy to clipboard --------------------------------------------------------------------------
  const copy = document.getElementById("copy-md");
  if (copy) {
    copy.addEventListener("click", async () => {
      const status = document.getElementById("copy-status");
      try {
        const response = await fetch(copy.dataset.copyUrl, { credentials: "same-origin" });
        if (!response.ok) throw new Error(response.statusText);
        const text = await response.text();
        if (navigator.clipboard && window.isSecureContext) {
          await navigator.clipboard.writeText(text);
        } else {
          const area = el("textarea");
          area.value = text;
          document.body.append(area);
          area.select();
          document.execCommand("copy");
          area.remove();
        }
        status.textContent = "Markdown을 클립보드에 복사했습니다.";
      } catch (error) {
        status.textContent = "복사하지 못했습니다: " + error.message;
      }
    });
  }
})();
