// A little plain JavaScript: line numbers and check-as-you-type in the editor, drag and drop
// of scans, a busy note on long buttons, the progress of long work. Every page also works without it.
"use strict";
(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;

  function editor() {
    const form = document.getElementById("editor-form");
    if (!form) return;
    const text = document.getElementById("text");
    const gutter = document.getElementById("gutter");
    const state = document.getElementById("check-state");
    const list = document.getElementById("problems");
    const numbers = () => {
      const count = text.value.split("\n").length;
      gutter.textContent = Array.from({ length: count }, (_, i) => i + 1).join("\n");
    };
    text.addEventListener("scroll", () => { gutter.scrollTop = text.scrollTop; });
    const goTo = (line) => {
      const lines = text.value.split("\n");
      const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
      text.focus();
      text.setSelectionRange(start, start + (lines[line - 1] || "").length);
      text.scrollTop = Math.max(0, (line - 5) * 18);
    };
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a.goto");
      if (link) { event.preventDefault(); goTo(Number(link.dataset.line)); }
    });
    const show = (problems) => {
      list.replaceChildren();
      const ul = document.createElement("ul");
      ul.className = "problems";
      for (const p of problems) {
        const li = document.createElement("li");
        li.className = p.fatal ? "error" : "warning";
        const label = document.createElement("span");
        label.className = "label";
        label.textContent = p.level;
        li.append(label);
        if (p.line) {
          const a = document.createElement("a");
          a.href = "#"; a.className = "goto"; a.dataset.line = p.line;
          a.textContent = "第 " + p.line + " 行" + (p.field ? "（" + p.field + "）" : "");
          li.append(a, " ");
        }
        li.append(p.message);
        if (p.hint) { const h = document.createElement("div"); h.className = "hint"; h.textContent = p.hint; li.append(h); }
        ul.append(li);
      }
      list.append(ul);
      state.textContent = problems.length ? "发现 " + problems.length + " 个问题" : "检查通过";
    };
    let timer = null;
    const check = () => {
      fetch("/api/check", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
        body: JSON.stringify({ case: form.dataset.case, text: text.value }),
      }).then((r) => r.json()).then((data) => show(data.problems)).catch(() => {
        state.textContent = "无法检查（服务器没有响应）";
      });
    };
    text.addEventListener("input", () => {
      numbers();
      state.textContent = "正在检查…";
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    numbers();
    check();
  }

  function drop() {
    const zone = document.getElementById("drop");
    if (!zone) return;
    const input = zone.querySelector('input[type="file"]');
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (e) => {
      e.preventDefault(); zone.classList.add("over");
    }));
    ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, () => zone.classList.remove("over")));
    zone.addEventListener("drop", (e) => { e.preventDefault(); input.files = e.dataTransfer.files; });
  }

  function busy() {
    document.querySelectorAll("button[data-busy]").forEach((button) => {
      button.form.addEventListener("submit", () => {
        button.disabled = true;
        button.textContent = button.dataset.busy;
      });
    });
  }

  function job() {
    // Long work: poll its state twice a second; when it is finished, reload to see the result.
    const box = document.getElementById("job");
    if (!box) return;
    const bar = document.getElementById("job-bar");
    const text = document.getElementById("job-text");
    const poll = () => {
      fetch("/api/job/" + encodeURIComponent(box.dataset.job), { credentials: "same-origin" })
        .then((r) => r.json()).then((state) => {
          if (state.finished) { window.location.reload(); return; }
          bar.max = state.total || 1;
          bar.value = state.done;
          text.textContent = "正在进行：已完成 " + state.done + (state.total ? " / " + state.total : "")
            + (state.step ? "（" + state.step + "）" : "");
          setTimeout(poll, 500);
        }).catch(() => { text.textContent = "无法取得进度（服务器没有响应），请刷新本页。"; });
    };
    setTimeout(poll, 300);
  }

  document.addEventListener("DOMContentLoaded", () => { editor(); drop(); busy(); job(); });
})();
