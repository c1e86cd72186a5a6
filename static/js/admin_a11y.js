/* Names for the admin's form controls that Django renders without one.
 *
 * - Tabular inlines and editable change lists put a field's label in the column header only
 *   (<th class="column-NAME"> over <td class="field-NAME">): each control in such a cell is
 *   named by its column's header; an inline row's "Delete?" checkbox by the last column's.
 * - Split date/time inputs are labelled by their captions ("Date:", "Time:";
 *   templates/admin/widgets/split_datetime.html): the field's own label goes before the caption,
 *   so two date/time fields of a form are told apart ("Opens at: Date:").
 * - Autocomplete fields (select2) draw a combobox beside the hidden <select>, labelled by the box
 *   that shows the current choice (empty until something is chosen): the combobox is named by
 *   the select's <label>, or by its column's header.
 * - The search icons of filter_horizontal widgets get the role their aria-label needs.
 * - A tabular inline row's object name, cut to one line (admin.css), gets the whole as a title.
 *
 * A control that already has a name is left alone. Rows added with "Add another" are treated as
 * they appear (Django's formset:added event).
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
    const table = cell && cell.closest("table");
    const name = cell && fieldName(cell);
    if (!table || !name) return "";
    const header = table.querySelector("thead th.column-" + CSS.escape(name));
    // A sortable change-list header holds its sort controls beside the text.
    return text(header && (header.querySelector(".text") || header));
  }

  function hasName(control) {
    if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) return true;
    return Boolean(control.labels && control.labels.length);
  }

  // Every element of root matching selector, except in an inline's hidden template row ("Add
  // another" clones it, renaming only ids, names and for attributes): its clones are treated
  // as they appear.
  function each(root, selector, callback) {
    root.querySelectorAll(selector).forEach((element) => {
      if (!element.closest(".empty-form")) callback(element);
    });
  }

  function ensureId(element, id) {
    if (!element.id) element.id = id;
    return element.id;
  }

  function nameCells(root) {
    each(root, "td[class*='field-'] :is(input, select, textarea)", (control) => {
      if (control.type === "hidden" || hasName(control)) return;
      const header = columnHeader(control.closest("td"));
      if (header) control.setAttribute("aria-label", header);
    });
    each(root, "td.delete input[type='checkbox']", (control) => {
      if (hasName(control)) return;
      const header = text(control.closest("table").querySelector("thead th:last-child"));
      if (header) control.setAttribute("aria-label", header);
    });
  }

  function nameDateTimes(root) {
    each(root, "p.datetime", (widget) => {
      const row = widget.closest(".fieldBox, .form-row, td");
      if (!row) return;
      let field = null;
      if (row.tagName === "TD") {
        const header = columnHeader(row);
        if (!header) return;
        field = document.createElement("span");
        field.hidden = true;
        field.textContent = header;
        widget.prepend(field);
      } else {
        field = row.querySelector("label:not(.datetime-caption)");
        if (!field) return;
      }
      widget.querySelectorAll("label.datetime-caption").forEach((caption) => {
        const input = document.getElementById(caption.htmlFor);
        if (!input || input.dataset.named) return;
        const fieldId = ensureId(field, input.id.replace(/_\d+$/, "") + "_field_label");
        input.setAttribute("aria-labelledby", fieldId + " " + ensureId(caption, input.id + "_caption"));
        input.dataset.named = "1";
      });
    });
  }

  function nameComboboxes(root) {
    each(root, "select.admin-autocomplete", (select) => {
      const combobox = select.parentElement.querySelector(".select2-selection[role='combobox']");
      if (!combobox || combobox.dataset.named) return;
      const shown = combobox.querySelector(".select2-selection__rendered");
      const label = select.labels && select.labels.length ? select.labels[0] : null;
      if (label) {
        const labelId = ensureId(label, select.id + "-label");
        combobox.setAttribute("aria-labelledby", [labelId, shown && shown.id].filter(Boolean).join(" "));
        if (shown) shown.setAttribute("aria-labelledby", labelId);
      } else {
        const name = select.getAttribute("aria-label") || columnHeader(select.closest("td"));
        if (!name) return;
        combobox.removeAttribute("aria-labelledby");
        combobox.setAttribute("aria-label", name);
        if (shown) shown.setAttribute("aria-label", name);
      }
      combobox.dataset.named = "1";
    });
  }

  function iconRoles(root) {
    // A <span> (no role) may not carry an aria-label: the search icon is an image with a name.
    each(root, "span.search-label-icon[aria-label]:not([role])", (icon) => {
      icon.setAttribute("role", "img");
    });
  }

  function titleCutRows(root) {
    each(root, ".inline-group .tabular td.original p", (p) => {
      if (p.title) return;
      // The object's name only: the row's "Change" / "View on site" links are not part of it.
      const name = Array.from(p.childNodes)
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent)
        .join(" ");
      p.title = name.replace(/\s+/g, " ").trim();
    });
  }

  function treat(root) {
    nameCells(root);
    nameDateTimes(root);
    nameComboboxes(root);
    iconRoles(root);
    titleCutRows(root);
  }

  // A row added with "Add another": select2 draws its combobox in its own handler of the same
  // event, so this one runs a moment later.
  document.addEventListener("formset:added", (event) => {
    setTimeout(() => treat(event.target), 0);
  });

  // After Django's own scripts: select2 is drawn on DOMContentLoaded (autocomplete.js) and
  // filter_horizontal widgets on "load" (SelectFilter2.js).
  if (document.readyState === "complete") treat(document);
  else window.addEventListener("load", () => setTimeout(() => treat(document), 0));
})();
