/* Names for the admin's form controls that Django renders without one.
 *
 * - Tabular inlines and editable change lists put a field's label in the column header only
 *   (<th class="column-NAME"> over <td class="field-NAME">): each control in such a cell is
 *   named by its column's header.
 * - Autocomplete fields (select2) draw a combobox beside the hidden <select>: the combobox is
 *   named by the select's <label>, or by its column's header.
 *
 * - A tabular inline row's object name, cut to one line by Django's style, gets a title.
 * - The search icons of filter_horizontal widgets get the role their aria-label needs.
 *
 * A control that already has a name (a <label for>, aria-label or aria-labelledby) is left alone.
 * Rows added with "Add another" are named as they appear (Django's formset:added event).
 */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function fieldName(cell) {
    for (const name of cell.classList) {
      if (name.startsWith("field-")) return name.slice("field-".length);
    }
    return null;
  }

  function columnHeader(cell) {
    const table = cell.closest("table");
    const name = fieldName(cell);
    if (!table || !name) return "";
    return text(table.querySelector("thead th.column-" + CSS.escape(name)));
  }

  function hasName(control) {
    if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) return true;
    if (control.labels && control.labels.length) return true;
    return false;
  }

  function nameControls(root) {
    root.querySelectorAll("td[class*='field-'] :is(input, select, textarea)").forEach((control) => {
      if (control.type === "hidden" || hasName(control)) return;
      const header = columnHeader(control.closest("td"));
      if (header) control.setAttribute("aria-label", header);
    });
    // The "Delete?" checkbox of a tabular inline row: its column is the table's last.
    root.querySelectorAll("td.delete input[type='checkbox']").forEach((control) => {
      if (hasName(control)) return;
      const header = text(control.closest("table").querySelector("thead th:last-child"));
      if (header) control.setAttribute("aria-label", header);
    });
    root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      // select2 labels its combobox by the box showing the current choice, which is empty
      // until something is chosen, and gives that box a textbox role with no name.
      const combobox = select.parentElement.querySelector(".select2-selection[role='combobox']");
      if (!combobox || combobox.dataset.named) return;
      const shown = combobox.querySelector(".select2-selection__rendered");
      const label = select.labels && select.labels.length ? select.labels[0] : null;
      if (label) {
        if (!label.id) label.id = select.id + "-label";
        combobox.setAttribute("aria-labelledby", [label.id, shown && shown.id].filter(Boolean).join(" "));
        if (shown) shown.setAttribute("aria-labelledby", label.id);
      } else {
        const name = select.getAttribute("aria-label") || columnHeader(select.closest("td") || select);
        if (!name) return;
        combobox.removeAttribute("aria-labelledby");
        combobox.setAttribute("aria-label", name);
        if (shown) shown.setAttribute("aria-label", name);
      }
      combobox.dataset.named = "1";
    });
  }

  function titleCutRows(root) {
    // A tabular inline row's object name is cut to one line (admin.css): the whole shows on
    // hover.
    root.querySelectorAll(".inline-group .tabular td.original p").forEach((p) => {
      if (!p.title) p.title = text(p);
    });
  }

  function iconRoles(root) {
    // The filter_horizontal widget's search icon is a <span> with an aria-label, which a span
    // (no role) may not carry: it is an image with a name.
    root.querySelectorAll("span.search-label-icon[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    nameControls(document);
    iconRoles(document);
    titleCutRows(document);
    document.addEventListener("formset:added", (event) => {
      // select2 draws the row's combobox in its own handler of the same event.
      setTimeout(() => nameControls(event.target), 0);
    });
  }

  // After Django's own scripts (select2 is drawn on DOMContentLoaded by autocomplete.js).
  // SelectFilter2.js draws filter_horizontal widgets on "load" too: run after its handler.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", () => setTimeout(start, 0));
})();
