// dpa serve: progressive enhancement only. Every page works without this
// script; with it, findings appear next to the fields while typing.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("stepform");
  if (!form || !window.fetch || !window.FormData) return;
  var url = form.getAttribute("data-live");
  var step = form.getAttribute("data-step");
  var timer = null, seq = 0;

  function update(data) {
    (data.fields || []).forEach(function (f) {
      var box = document.getElementById(f.id + "-msg");
      if (!box) return;
      var tmp = document.createElement("div");
      tmp.innerHTML = f.html;
      var fresh = tmp.firstElementChild;
      if (!fresh || box.innerHTML === fresh.innerHTML) return;
      box.innerHTML = fresh.innerHTML;
      var invalid = !!box.querySelector(".msg.error");
      var inputs = document.querySelectorAll("[id='" + f.id + "'], [id^='" + f.id + "-']");
      for (var i = 0; i < inputs.length; i++) {
        var el = inputs[i];
        if (!/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || el.type === "hidden") continue;
        if (el.name !== f.id.replace(/^f-/, "") && el.id !== f.id && el.id.indexOf(f.id + "-") !== 0) continue;
        if (invalid) el.setAttribute("aria-invalid", "true"); else el.removeAttribute("aria-invalid");
        var d = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        var want = f.id + "-msg";
        var has = d.indexOf(want) >= 0;
        if (box.children.length && !has) d.push(want);
        if (!box.children.length && has) d.splice(d.indexOf(want), 1);
        if (d.length) el.setAttribute("aria-describedby", d.join(" ")); else el.removeAttribute("aria-describedby");
      }
    });
    var sum = document.getElementById("summary");
    if (sum && typeof data.summary === "string" && sum.innerHTML !== data.summary) sum.innerHTML = data.summary;
    (data.steps || []).forEach(function (s) {
      var b = document.querySelector("nav.steps [data-step='" + s.id + "']");
      if (!b) return;
      var old = b.querySelector(".badge");
      if (old) old.parentNode.removeChild(old);
      var n = s.errors || s.warnings;
      if (!n) return;
      var span = document.createElement("span");
      span.className = "badge " + (s.errors ? "error" : "warning");
      span.textContent = String(n);
      b.appendChild(document.createTextNode(" "));
      b.appendChild(span);
    });
  }

  function send() {
    var fd = new FormData(form);
    fd.delete("action");
    fd.set("step", step);
    var my = ++seq;
    fetch(url, { method: "POST", body: new URLSearchParams(fd), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && my === seq) update(data); })
      .catch(function () {});
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(send, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.setAttribute("data-live-ready", "1");
})();
