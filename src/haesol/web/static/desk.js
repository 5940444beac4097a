// haesol review desk: sentence focus → evidence, Enter to edit (re-checked at once), Escape to cancel, copy.
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

  // -- draft view -------------------------------------------------------------------------------
  const dataNode = document.getElementById("draft-data");
  if (dataNode) initDraft(JSON.parse(dataNode.textContent));

  function initDraft(data) {
    const sentences = new Map(data.sentences.map((s) => [s.position, s]));
    const panel = document.getElementById("evidence");
    let current = null;

    function spanOf(position) {
      return document.querySelector('.s[data-pos="' + String(Number(position)) + '"]');
    }

    function highlight(ids) {
      document.querySelectorAll(".src.hl").forEach((n) => n.classList.remove("hl"));
      let first = null;
      ids.forEach((id) => {
        const node = document.getElementById("src-" + id);
        if (node) { node.classList.add("hl"); first = first || node; }
      });
      if (first) first.scrollIntoView({ block: "nearest", inline: "nearest" });
    }

    function showEvidence(s) {
      panel.replaceChildren();
      const head = el("h3", (LABELS[s.verdict] || "점검 안 함") + (s.verdict ? " · 근거 비율 " + Math.round(s.coverage * 100) + "%" : ""));
      panel.append(head);
      if (s.retrieved) panel.append(el("p", "인용한 문장 밖에서 찾은 근거입니다 (retrieved from the whole source).", "muted"));
      if (s.problems.length) {
        const list = el("ul");
        s.problems.forEach((p) => list.append(el("li", "! " + p.message + (p.expected && !p.message.includes(p.expected) ? " — 원문: " + p.expected : ""))));
        panel.append(list);
      }
      if (s.evidence.length) {
        const list = el("ul");
        s.evidence.forEach((ev) => {
          const item = el("li");
          item.append(el("code", ev.id), document.createTextNode(" " + ev.text));
          list.append(item);
        });
        panel.append(list);
      } else {
        panel.append(el("p", "원문에서 근거를 찾지 못했습니다.", "muted"));
      }
      if (s.edited) panel.append(el("p", "고친 문장 (원래: " + s.original + ")" + (s.edited_by ? " · " + s.edited_by : ""), "muted"));
      const row = el("div", null, "actions-row");
      const edit = el("button", "이 문장 고치기 (Enter)");
      edit.type = "button";
      edit.addEventListener("click", () => startEdit(spanOf(s.position)));
      row.append(edit);
      panel.append(row);
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

    function updateReview(review) {
      review.counts.forEach(([name, n]) => {
        const node = document.querySelector('[data-count="' + name + '"]');
        if (node) node.textContent = String(n);
      });
      const blocking = review.blocking.length;
      const note = document.getElementById("blocking-note");
      const box = document.getElementById("override-box");
      const count = document.getElementById("blocking-count");
      if (note) note.hidden = blocking === 0;
      if (box) box.hidden = blocking === 0;
      if (count) count.textContent = String(blocking);
      const status = document.getElementById("review-status");
      if (status) { status.textContent = review.status_label; status.className = "badge st-" + review.status; }
      const approval = document.getElementById("approval");
      if (approval && !review.approval) approval.remove();
    }

    function startEdit(span) {
      if (!span || span.hidden) return;
      const s = sentences.get(Number(span.dataset.pos));
      const box = el("textarea", null, "edit");
      box.value = s.text;
      box.setAttribute("aria-label", "문장 고치기: Enter 저장, Esc 취소");
      const help = el("span", "Enter 저장 · Shift+Enter 줄바꿈 없음 · Esc 취소", "edit-help");
      span.hidden = true;
      span.after(box, help);
      box.focus();
      box.select();
      let closed = false;
      function finish(restoreFocus) {
        if (closed) return;
        closed = true;
        box.removeEventListener("blur", onBlur);
        box.remove();
        help.remove();
        span.hidden = false;
        if (restoreFocus) span.focus();
      }
      box.addEventListener("keydown", (event) => {
        if (event.key === "Escape") { event.preventDefault(); finish(true); }
        else if (event.key === "Enter" && !event.shiftKey) {
          event.preventDefault();
          const text = box.value.trim();
          finish(true);
          if (text && text !== s.text) save(span, text);
        }
      });
      const onBlur = () => finish(false);
      box.addEventListener("blur", onBlur);
    }

    async function save(span, text) {
      const position = Number(span.dataset.pos);
      span.classList.add("checking");
      span.setAttribute("aria-busy", "true");
      try {
        const response = await fetch("/api/releases/" + data.release + "/sentences/" + position, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), "Accept": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ text: text }),
        });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error || response.statusText);
        sentences.set(position, body.sentence);
        paint(span, body.sentence);
        updateReview(body.review);
        if (span === current) focusSentence(span);
      } catch (error) {
        panel.replaceChildren(el("p", "저장하지 못했습니다: " + error.message, "alert"));
      } finally {
        span.classList.remove("checking");
        span.removeAttribute("aria-busy");
      }
    }

    document.querySelectorAll(".draft .s[data-pos]").forEach((span) => {
      span.addEventListener("focus", () => focusSentence(span));
      span.addEventListener("click", () => focusSentence(span));
      span.addEventListener("dblclick", () => startEdit(span));
      span.addEventListener("keydown", (event) => {
        if (event.key === "Enter") { event.preventDefault(); startEdit(span); }
        if (event.key === "Escape" && current) { current.classList.remove("current"); highlight([]); }
      });
    });
    document.querySelectorAll("[data-goto]").forEach((link) => link.addEventListener("click", (event) => {
      event.preventDefault();
      const span = spanOf(link.dataset.goto);
      if (span) span.focus();
    }));
  }

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
