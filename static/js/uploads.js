/*
 * Resumable uploads for <input type="file" data-resumable> inside a form (tus, tus-js-client).
 *
 * Without JavaScript, or in a browser tus-js-client does not support, the form posts its files
 * as usual. With it, each chosen file is sent to the tus endpoint in 64 MiB pieces, resumes after
 * a dropped connection (and, choosing the same file again, after a reload: tus-js-client keeps
 * the upload's address in localStorage), and the form then carries only the finished uploads'
 * ids, one hidden "<name>_uploads" input per file.
 *
 * Attributes of the input: data-endpoint (default "/uploads/"); data-requirement and data-role
 * (sent as metadata: the server checks the requirement's size limit first); data-label-uploading,
 * data-label-done, data-label-failed, data-label-cancel, data-label-remove, data-label-refused,
 * data-label-checking (the page's translated texts; Chinese when missing); data-check-url (asked
 * with ?upload=&role= once a file has arrived: a file the form would refuse shows so at once, and
 * is not sent). Finished uploads a sent-back form still carries are listed by the server in the
 * ".resumable-uploads" box after the input, each row with its id and a remove button.
 * Load vendor/tus-js-client/4.3.1/tus.min.js and js/prechecks.js first (a file the
 * requirement's rules refuse in the browser is not sent). No markup styles: widths are set
 * through element.style, which the Content-Security-Policy allows.
 */
(function () {
  "use strict";

  // Measured in bench/b3_upload.py: each piece costs a request, a commit and an fsync, so
  // 64 MiB pieces upload faster than 32 or 8 MiB ones; a dropped piece keeps what arrived, and
  // 64 MiB stays under the 100 MB body limit common in front of web servers.
  var CHUNK_SIZE = 64 * 1024 * 1024;
  var RETRY_DELAYS = [0, 1000, 3000, 5000, 10000];
  var DEFAULT_LABELS = {
    uploading: "上传中",
    done: "已上传",
    failed: "上传失败",
    cancel: "取消",
    remove: "移除",
    refused: "不予接收：",
    checking: "检查中",
  };

  var running = 0; // uploads under way on the page, for the warning on leaving it
  var busyForms = new WeakMap(); // form -> uploads under way in it
  var entriesOf = new WeakMap(); // file input -> its uploads shown on the page

  function labelsOf(input) {
    var data = input.dataset;
    return {
      uploading: data.labelUploading || DEFAULT_LABELS.uploading,
      done: data.labelDone || DEFAULT_LABELS.done,
      failed: data.labelFailed || DEFAULT_LABELS.failed,
      cancel: data.labelCancel || DEFAULT_LABELS.cancel,
      remove: data.labelRemove || DEFAULT_LABELS.remove,
      refused: data.labelRefused || DEFAULT_LABELS.refused,
      checking: data.labelChecking || DEFAULT_LABELS.checking,
    };
  }

  function formatBytes(bytes) {
    var units = ["B", "KB", "MB", "GB", "TB"];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return value.toFixed(unit === 0 || value >= 10 ? 0 : 1) + " " + units[unit];
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function hiddenName(input) {
    return (input.name || "files") + "_uploads";
  }

  function hiddenInputs(input) {
    var name = hiddenName(input);
    return Array.prototype.filter.call(input.form.elements, function (field) {
      return field.type === "hidden" && field.name === name;
    });
  }

  // The file input is emptied once its files are handed to tus, so "required" must look at
  // the finished uploads instead, or the browser would refuse to send the form.
  function syncRequired(input) {
    if (input.dataset.resumableRequired !== "1") return;
    input.required = !hiddenInputs(input).some(function (field) {
      return field.value;
    });
  }

  // No second submission of the form while a file is still on its way.
  function setBusy(form, change) {
    var count = (busyForms.get(form) || 0) + change;
    busyForms.set(form, count);
    running += change;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.type !== "submit") return;
      if (count > 0 && !field.disabled) {
        field.disabled = true;
        field.dataset.resumableDisabled = "1";
      } else if (count === 0 && field.dataset.resumableDisabled) {
        field.disabled = false;
        delete field.dataset.resumableDisabled;
      }
    });
  }

  function serverMessage(error) {
    var response = error && error.originalResponse;
    if (!response) return ""; // no answer at all: the connection failed every retry
    var type = response.getHeader("Content-Type") || "";
    var body = (response.getBody() || "").trim();
    // Our endpoint answers in plain sentences; anything else (an HTML error page) is not shown.
    if (type.indexOf("text/plain") === 0 && body) return body;
    return "HTTP " + response.getStatus();
  }

  // A full disk (507) does not empty itself within the retry delays: the server's message is
  // shown at once. Anything else as tus-js-client decides (4xx are final, 409 and 423 retried).
  function shouldRetry(error, attempt, options) {
    var response = error && error.originalResponse;
    if (response && response.getStatus() === 507) return false;
    return tus.defaultOptions.onShouldRetry(error, attempt, options);
  }

  function uploadIdFrom(url) {
    return url.replace(/\/+$/, "").split("/").pop();
  }

  function buildRow(file, labels) {
    var row = element("div", "resumable-upload border rounded p-2 d-flex align-items-center gap-2");
    if (file.type.indexOf("image/") === 0) {
      var preview = element("img", "rounded object-fit-cover flex-shrink-0");
      var url = URL.createObjectURL(file);
      preview.alt = "";
      preview.width = 48;
      preview.height = 48;
      preview.addEventListener("load", function () {
        URL.revokeObjectURL(url);
      });
      preview.addEventListener("error", function () {
        URL.revokeObjectURL(url);
        preview.hidden = true; // TIFF, PSD: the browser cannot show them
      });
      preview.src = url;
      row.appendChild(preview);
    }
    var body = element("div", "flex-grow-1 overflow-hidden");
    var head = element("div", "d-flex justify-content-between gap-2 small");
    var name = element("span", "text-truncate fw-semibold", file.name);
    var status = element("span", "text-body-secondary text-nowrap");
    var track = element("div", "progress mt-1");
    var bar = element("div", "progress-bar progress-bar-striped progress-bar-animated");
    var message = element("div", "small mt-1");
    var cancel = element("button", "btn btn-sm btn-outline-secondary flex-shrink-0", labels.cancel);
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-label", file.name);
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    message.setAttribute("role", "status");
    cancel.type = "button";
    cancel.setAttribute("aria-label", labels.cancel + " " + file.name);
    head.append(name, status);
    track.appendChild(bar);
    body.append(head, track, message);
    row.append(body, cancel);
    return { row: row, status: status, bar: bar, message: message, cancel: cancel };
  }

  function showProgress(view, labels, sent, total) {
    var percent = total ? Math.floor((sent / total) * 100) : 0;
    view.bar.style.width = percent + "%";
    view.bar.setAttribute("aria-valuenow", String(percent));
    view.status.textContent =
      labels.uploading + " " + percent + "% · " + formatBytes(sent) + " / " + formatBytes(total);
  }

  function finish(view, outcome, text) {
    view.bar.classList.remove("progress-bar-striped", "progress-bar-animated");
    view.bar.classList.add(outcome === "done" ? "bg-success" : "bg-danger");
    view.status.textContent = "";
    view.message.className = "small mt-1 " + (outcome === "done" ? "text-success" : "text-danger");
    view.message.textContent = text;
  }

  function startUpload(input, list, file) {
    var form = input.form;
    var labels = labelsOf(input);
    var view = buildRow(file, labels);
    var entry = { row: view.row, hidden: null, upload: null, active: true };
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    var metadata = { filename: file.name };
    if (file.type) metadata.filetype = file.type;
    // The server refuses a file over the requirement's own size limit before any byte is sent.
    if (input.dataset.requirement) metadata.requirement = input.dataset.requirement;
    if (input.dataset.role) metadata.role = input.dataset.role;

    function settle() {
      if (!entry.active) return;
      entry.active = false;
      setBusy(form, -1);
    }

    entry.upload = new tus.Upload(file, {
      endpoint: input.dataset.endpoint || "/uploads/",
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
      metadata: metadata,
      removeFingerprintOnSuccess: true, // a claimed upload cannot be used a second time
      onShouldRetry: shouldRetry,
      onProgress: function (sent, total) {
        showProgress(view, labels, sent, total);
      },
      onSuccess: function () {
        entry.hidden = element("input");
        entry.hidden.type = "hidden";
        entry.hidden.name = hiddenName(input);
        entry.hidden.value = uploadIdFrom(entry.upload.url);
        form.appendChild(entry.hidden);
        showProgress(view, labels, file.size, file.size);
        view.status.textContent = formatBytes(file.size);
        checkArrived(input, entry.hidden.value).then(function (refusal) {
          if (refusal) {
            // Not sent with the form: it would be refused again on every submit.
            finish(view, "failed", labels.refused + refusal);
            entry.hidden.remove();
            entry.hidden = null;
            view.cancel.textContent = labels.remove;
            view.cancel.setAttribute("aria-label", labels.remove + " " + file.name);
          } else {
            finish(view, "done", labels.done);
            view.cancel.hidden = true;
          }
          syncRequired(input);
          settle();
        });
      },
      onError: function (error) {
        var detail = serverMessage(error);
        finish(view, "failed", detail ? labels.failed + "：" + detail : labels.failed);
        settle();
      },
    });

    view.cancel.addEventListener("click", function () {
      remove(input, entry);
    });
    entriesOf.get(input).push(entry);
    list.appendChild(view.row);
    showProgress(view, labels, 0, file.size);
    view.status.textContent = labels.checking;
    setBusy(form, 1);
    // The requirement's rules first, on what the browser can measure (prechecks.js): a file
    // they refuse is not sent at all, and the unit reads why at once.
    var precheck = window.ciepPrecheck ? window.ciepPrecheck(input, file) : null;
    Promise.resolve(precheck).then(function (verdict) {
      if (!entry.active) return; // cancelled while it was being measured
      if (verdict) view.row.dataset.measured = JSON.stringify(verdict.measured);
      if (verdict && verdict.failures.length) {
        // Refused as a file refused after arriving is: the label, one line per rule, and the
        // row's button removes it.
        finish(view, "failed", labels.refused);
        view.bar.parentNode.hidden = true; // nothing is sent: no progress to show
        verdict.failures.forEach(function (failure) {
          view.message.appendChild(element("div", "", failure)); // one line per rule
        });
        view.row.dataset.precheck = "refused";
        view.cancel.textContent = labels.remove;
        view.cancel.setAttribute("aria-label", labels.remove + " " + file.name);
        syncRequired(input);
        settle();
        return;
      }
      entry.upload
        .findPreviousUploads()
        .then(function (previous) {
          if (previous.length) entry.upload.resumeFromPreviousUpload(previous[0]);
          entry.upload.start();
        })
        .catch(function () {
          entry.upload.start(); // no localStorage (private window): start afresh
        });
    });
  }

  // What the form would refuse the arrived file for ("" if nothing, or if nobody can say).
  function checkArrived(input, uploadId) {
    var url = input.dataset.checkUrl;
    if (!url || !window.fetch) return Promise.resolve("");
    var query = "?upload=" + encodeURIComponent(uploadId) + "&role=" + encodeURIComponent(input.dataset.role || "");
    return fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { accepted: true };
      })
      .then(function (answer) {
        return answer.accepted ? "" : answer.message || "";
      })
      .catch(function () {
        return ""; // the form checks it again when sent
      });
  }

  function uploadUrl(input, uploadId) {
    return (input.dataset.endpoint || "/uploads/").replace(/\/*$/, "/") + uploadId + "/";
  }

  // Stop the upload if it still runs and delete it on the server, then forget it here.
  function remove(input, entry) {
    var gone = function () {
      // Already gone on the server, or unreachable: it expires and is purged there.
    };
    if (entry.upload) {
      entry.upload.abort(true).catch(gone);
    } else {
      // A row the server listed for a sent-back form: delete its upload by address.
      var csrf = input.form.querySelector("input[name=csrfmiddlewaretoken]");
      tus.Upload.terminate(entry.url, { headers: { "X-CSRFToken": csrf ? csrf.value : "" } }).catch(gone);
    }
    if (entry.active) {
      entry.active = false;
      setBusy(input.form, -1);
    }
    if (entry.hidden) entry.hidden.remove();
    entry.row.remove();
    var entries = entriesOf.get(input);
    entries.splice(entries.indexOf(entry), 1);
    syncRequired(input);
  }

  // The rows of finished uploads a sent-back form still carries: each can be removed here.
  function adoptKept(input, list) {
    list.querySelectorAll(".resumable-upload[data-upload-id]").forEach(function (row) {
      var id = row.dataset.uploadId;
      var entry = {
        row: row,
        hidden: hiddenInputs(input).filter(function (field) {
          return field.value === id;
        })[0] || null,
        upload: null,
        url: uploadUrl(input, id),
        active: false,
      };
      if (entry.hidden && row.classList.contains("border-danger")) {
        // Refused: not sent again with the form, only listed until removed.
        entry.hidden.remove();
        entry.hidden = null;
      }
      entriesOf.get(input).push(entry);
      row.querySelector("[data-remove-upload]").addEventListener("click", function () {
        remove(input, entry);
      });
    });
  }

  function enhance(input) {
    var form = input.form;
    if (!form || input.dataset.resumableReady) return;
    input.dataset.resumableReady = "1";
    if (input.required) input.dataset.resumableRequired = "1";
    entriesOf.set(input, []);
    var list = input.nextElementSibling;
    if (!list || !list.classList.contains("resumable-uploads")) {
      list = element("div", "resumable-uploads d-flex flex-column gap-2 mt-2");
      input.insertAdjacentElement("afterend", list);
    }
    adoptKept(input, list);
    syncRequired(input);

    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      if (!input.multiple) {
        // A new choice replaces the earlier one, including one kept from a sent-back form.
        entriesOf.get(input).slice().forEach(function (entry) {
          remove(input, entry);
        });
        hiddenInputs(input).forEach(function (field) {
          field.remove();
        });
      }
      // The files now travel by tus; the form must not post their bytes a second time.
      input.value = "";
      syncRequired(input);
      files.forEach(function (file) {
        startUpload(input, list, file);
      });
    });

    if (!form.dataset.resumableGuard) {
      form.dataset.resumableGuard = "1";
      form.addEventListener("submit", function (event) {
        // Not while a file is on its way, and once only: a double click would name the same
        // finished uploads twice (the server then says they were already saved).
        if (busyForms.get(form) > 0 || form.dataset.sending === "1") {
          event.preventDefault();
          return;
        }
        form.dataset.sending = "1";
      });
      // Back to a page kept in the browser's cache: the form may be sent again.
      window.addEventListener("pageshow", function () {
        delete form.dataset.sending;
      });
    }
  }

  function init() {
    if (!window.tus || !window.tus.isSupported) return;
    document.querySelectorAll('input[type="file"][data-resumable]').forEach(enhance);
    window.addEventListener("beforeunload", function (event) {
      if (running > 0) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
