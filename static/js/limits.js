/*
 * Every length limit counts while typing, and nothing is cut.
 *
 * A text field with a limit gets a live count under it: the server's maxlength (counted in
 * characters, as Django counts them: an emoji is one), or a rule of the call counted as Word's
 * 字数 (data-count-max / data-count-min with data-count-rule="word"; charcount.js has the rule).
 * The browser's own maxlength is taken off: it cuts pasted text silently (a 310-character name
 * lost its last 110 characters, "有限公司😀" among them), while the server refuses too long a
 * value with its count. Texts come from #limit-labels (translated in base.html), with
 * {count}, {limit} and {over} in them.
 */
(function () {
  "use strict";

  var TEXT_TYPES = ["text", "search", "textarea"];
  // Single-line fields show the count once it nears the limit; boxes and rules, always.
  var NEAR = 0.8;

  function labels() {
    var source = document.getElementById("limit-labels");
    var data = source ? source.dataset : {};
    return {
      count: data.count || "已输入 {count} 字，上限 {limit} 字",
      over: data.over || "已输入 {count} 字，超过上限 {limit} 字，请删减 {over} 字",
      under: data.under || "已输入 {count} 字，至少 {limit} 字",
    };
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      return String(values[name]);
    });
  }

  function counter(field) {
    if (field.dataset.countRule === "word" && window.ciepCountChars) return window.ciepCountChars;
    return function (text) {
      return Array.from(text).length;
    };
  }

  function attach(field, texts) {
    if (field.dataset.countReady) return;
    var type = field.tagName === "TEXTAREA" ? "textarea" : field.type;
    if (TEXT_TYPES.indexOf(type) < 0) return;
    var max = parseInt(field.dataset.countMax || field.getAttribute("maxlength"), 10);
    var min = parseInt(field.dataset.countMin, 10);
    if (!(max > 0) && !(min > 0)) return;
    field.dataset.countReady = "1";
    if (field.hasAttribute("maxlength")) {
      field.dataset.countMax = field.dataset.countMax || field.getAttribute("maxlength");
      field.removeAttribute("maxlength");
    }
    var always = type === "textarea" || field.dataset.countRule === "word";
    // A field the server sent back as invalid stays marked (its message shows only beside an
    // .is-invalid field) until the person changes it.
    var sentBack = field.classList.contains("is-invalid");
    var count = counter(field);
    var output = document.createElement("div");
    output.className = "form-text limit-count";
    output.setAttribute("aria-live", "polite");
    output.id = (field.id || field.name) + "_count";
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + output.id);
    field.insertAdjacentElement("afterend", output);

    function update() {
      var n = count(field.value);
      var tooLong = max > 0 && n > max;
      var tooShort = min > 0 && n > 0 && n < min;
      output.hidden = !(always || tooLong || (max > 0 && n >= max * NEAR));
      if (tooLong) {
        output.textContent = format(texts.over, { count: n, limit: max, over: n - max });
      } else if (tooShort) {
        output.textContent = format(texts.under, { count: n, limit: min });
      } else {
        output.textContent = format(texts.count, { count: n, limit: max > 0 ? max : "—" });
      }
      output.classList.toggle("text-danger", tooLong);
      output.classList.toggle("text-warning-emphasis", tooShort);
      field.classList.toggle("is-invalid", tooLong || sentBack);
    }

    field.addEventListener("input", function () {
      sentBack = false;
      update();
    });
    update();
  }

  function init() {
    var texts = labels();
    document.querySelectorAll("input, textarea").forEach(function (field) {
      attach(field, texts);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
