// The 字数 of the case text typed so far, shown under the text boxes beside the call's guidance
// range. The rule is Word's, as submissions.media.documents.count_chars implements it on the
// server: each CJK character or full-width punctuation mark counts 1, each run of other
// non-space characters (a Latin word, a number) counts 1, spaces count 0.
(function () {
  "use strict";
  var CJK_RANGES = [
    [0x1100, 0x11ff], [0x2e80, 0x2fdf], [0x3000, 0x303f], [0x3040, 0x30ff], [0x3100, 0x31ff],
    [0x3200, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7af], [0xf900, 0xfaff], [0xfe30, 0xfe4f],
    [0xff01, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x3ffff]
  ];
  var SHARED_PUNCTUATION = "\u201c\u201d\u2018\u2019\u2014\u2026\u00b7";
  var SPACE = /[\s\x1c-\x1f\x85]/;
  var ALNUM = /[\p{L}\p{N}]/u;

  function isCjk(ch) {
    if (SHARED_PUNCTUATION.indexOf(ch) >= 0) return true;
    var code = ch.codePointAt(0);
    return CJK_RANGES.some(function (r) { return code >= r[0] && code <= r[1]; });
  }

  function isWesternAlnum(ch) {
    return ALNUM.test(ch) && !isCjk(ch);
  }

  function isApostrophe(chars, i) {
    if (chars[i] !== "\u2019" || i === 0 || i + 1 >= chars.length) return false;
    return isWesternAlnum(chars[i - 1]) && isWesternAlnum(chars[i + 1]);
  }

  function countChars(text) {
    var chars = Array.from(text);
    var count = 0;
    var inWord = false;
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i];
      if (SPACE.test(ch) && ch !== "\ufeff") {
        inWord = false;
      } else if (isCjk(ch) && !isApostrophe(chars, i)) {
        count += 1;
        inWord = false;
      } else if (!inWord) {
        count += 1;
        inWord = true;
      }
    }
    return count;
  }

  function attach(output) {
    var form = output.closest("form");
    var boxes = form ? form.querySelectorAll("textarea[data-charcount]") : [];
    var value = output.querySelector(".charcount-value");
    var outside = output.querySelector(".charcount-outside");
    var low = parseInt(output.getAttribute("data-low"), 10);
    var high = parseInt(output.getAttribute("data-high"), 10);

    function update() {
      var total = 0;
      boxes.forEach(function (box) { total += countChars(box.value); });
      value.textContent = String(total);
      output.setAttribute("data-count", String(total));
      var out = total > 0 && (total < low || total > high);
      output.classList.toggle("text-warning-emphasis", out);
      output.classList.toggle("text-muted", !out);
      if (outside) outside.classList.toggle("d-none", !out);
    }

    boxes.forEach(function (box) { box.addEventListener("input", update); });
    output.classList.remove("d-none");
    update();
  }

  function init() {
    document.querySelectorAll("[data-charcount-output]").forEach(attach);
  }

  window.ciepCountChars = countChars; // the same rule, for the browser tests
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
