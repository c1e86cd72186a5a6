/*
 * The requirement's rules applied in the browser, before a byte of the file is sent.
 *
 * A file input carries its rules as data (data-rules: the accepted types and the limits, from
 * the requirement's rule rows) and the address that judges a measurement (data-precheck). The
 * page measures what the browser can: the first 64 KiB (the server types them by content, as it
 * types an upload), a picture's width and height after its EXIF orientation
 * (createImageBitmap), a video's size and length (a <video> element on the local file). Only
 * the measurements the rules ask for are made. The server judges them with the same function as
 * the form and the worker, so the unit reads the same words at once instead of after a long
 * upload ("视频时长 8分12秒，超过上限 8分钟"); no limit is written here. The checks after the
 * upload stay authoritative: what the browser cannot measure is left to them.
 *
 * window.ciepPrecheck(input, file) resolves to {failures: [...], warnings: [...], measured:
 * {image, video}}, or to null when nothing could be judged (no rules on the input, an old
 * browser, the server unreachable).
 */
(function () {
  "use strict";

  var HEAD_BYTES = 64 * 1024;
  var VIDEO_TIMEOUT_MS = 15000;

  function rulesOf(input) {
    try {
      return JSON.parse(input.dataset.rules || "");
    } catch (error) {
      return null;
    }
  }

  function asks(rules, prefix) {
    return rules.rules.some(function (rule) {
      return rule.code.indexOf(prefix) === 0;
    });
  }

  function headOf(file) {
    return file
      .slice(0, HEAD_BYTES)
      .arrayBuffer()
      .then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        var text = "";
        for (var i = 0; i < bytes.length; i += 0x8000) {
          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        return btoa(text);
      });
  }

  // Width and height as shown, after the EXIF orientation; null if the browser cannot decode it.
  function pictureOf(file) {
    if (!window.createImageBitmap || file.type.indexOf("image/") !== 0) {
      return Promise.resolve(null);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" })
      .then(function (bitmap) {
        var size = { width: bitmap.width, height: bitmap.height };
        bitmap.close();
        return size;
      })
      .catch(function () {
        return null;
      });
  }

  // Width, height (as a player shows them) and length of a video the browser can open.
  function videoOf(file) {
    if (file.type.indexOf("video/") !== 0 && file.type !== "") return Promise.resolve(null);
    return new Promise(function (resolve) {
      var video = document.createElement("video");
      var url = URL.createObjectURL(file);
      var timer = null;
      function done(result) {
        clearTimeout(timer);
        video.removeAttribute("src");
        video.load();
        URL.revokeObjectURL(url);
        resolve(result);
      }
      video.preload = "metadata";
      video.muted = true;
      video.addEventListener("loadedmetadata", function () {
        var seconds = isFinite(video.duration) ? video.duration : null;
        if (!video.videoWidth || !video.videoHeight) return done(null);
        done({ width: video.videoWidth, height: video.videoHeight, duration: seconds });
      });
      video.addEventListener("error", function () {
        done(null);
      });
      timer = setTimeout(function () {
        done(null);
      }, VIDEO_TIMEOUT_MS);
      video.src = url;
    });
  }

  function judged(input, measured) {
    var csrf = input.form && input.form.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(input.dataset.precheck, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify(measured),
    }).then(function (response) {
      if (!response.ok) return null;
      return response.json().then(function (answer) {
        var said = function (verdict) {
          return answer.outcomes
            .filter(function (outcome) {
              return outcome.verdict === verdict;
            })
            .map(function (outcome) {
              return outcome.message;
            });
        };
        return { failures: said("fail"), warnings: said("warn") };
      });
    });
  }

  window.ciepPrecheck = function (input, file) {
    var rules = rulesOf(input);
    if (!rules || !input.dataset.precheck || !window.fetch || !file.slice) {
      return Promise.resolve(null);
    }
    return Promise.all([
      headOf(file),
      asks(rules, "image_") ? pictureOf(file) : null,
      asks(rules, "video_") ? videoOf(file) : null,
    ])
      .then(function (found) {
        var measured = { role: input.dataset.role, size: file.size, head: found[0] };
        if (found[1]) measured.image = found[1];
        if (found[2]) measured.video = found[2];
        return judged(input, measured).then(function (verdict) {
          if (verdict) verdict.measured = { image: found[1], video: found[2] };
          return verdict;
        });
      })
      .catch(function () {
        return null; // the server decides after the upload
      });
  };
})();
