// A select whose options name their parent (data-parent, conference.forms.ParentSelect) shows
// only the options of the value chosen in the parent select (data-cascade-parent: its name):
// the zones of the chosen hall. With no parent chosen every option stays; the server checks.
(function () {
  "use strict";

  function attach(child) {
    var parent = child.form && child.form.elements[child.dataset.cascadeParent];
    if (!parent) return;

    function refresh() {
      var chosen = parent.value;
      Array.prototype.forEach.call(child.options, function (option) {
        var visible = !option.value || !chosen || option.dataset.parent === chosen;
        option.hidden = !visible;
        option.disabled = !visible;
      });
      var selected = child.options[child.selectedIndex];
      if (selected && selected.disabled) child.value = "";
    }

    parent.addEventListener("change", refresh);
    refresh();
  }

  document.querySelectorAll("select[data-cascade-parent]").forEach(attach);
})();
