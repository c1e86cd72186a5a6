// 申请参展: show only the zones of the chosen hall and the boards of the chosen zone, the area
// choice only for boards with both a government and an enterprise area, and the size field of
// the chosen booth type. Without this script every field stays visible; the server checks all.
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  if (!form) return;
  var hall = form.querySelector("#id_hall");
  var zone = form.querySelector("#id_zone");
  var board = form.querySelector("#id_board");
  var area = form.querySelector("#id_area");

  function wrapper(field) {
    return field && (document.getElementById("div_" + field.id) || field.parentNode);
  }

  function filter(child, parentValue) {
    if (!child) return 0;
    var shown = 0;
    Array.prototype.forEach.call(child.options, function (option) {
      var parent = option.getAttribute("data-parent");
      var visible = !option.value || parent === parentValue;
      option.hidden = !visible;
      option.disabled = !visible;
      if (visible && option.value) shown += 1;
    });
    var selected = child.options[child.selectedIndex];
    if (selected && selected.disabled) child.value = "";
    wrapper(child).hidden = shown === 0;
    return shown;
  }

  function refresh() {
    filter(zone, hall ? hall.value : "");
    filter(board, zone ? zone.value : "");
    var chosen = board && board.options[board.selectedIndex];
    var twoAreas = chosen && chosen.getAttribute("data-two-areas") === "1";
    if (area) {
      wrapper(area).hidden = !twoAreas;
      if (!twoAreas) area.value = "";
    }
    var type = form.querySelector("input[name=booth_type]:checked");
    var raw = type && type.value === "raw";
    var count = form.querySelector("#id_booth_count");
    var rawArea = form.querySelector("#id_raw_area_m2");
    if (count) wrapper(count).hidden = raw;
    if (rawArea) wrapper(rawArea).hidden = !raw;
  }

  form.addEventListener("change", refresh);
  refresh();
})();
