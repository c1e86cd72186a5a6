"""B3: uploading a 1 GiB video through the real stack, plain and resumable, against dd.

The stack (bench/stack.py): gunicorn (one sync worker, so that its memory is the upload's),
PostgreSQL, Redis as broker (no worker: the check waits in the queue), production settings.
A liaison logs in (CSRF cookie from the login page, then the form post) and submits a video
for its activity on the "长/短视频" requirement's page, two ways:

- plain: the item form as a browser without JavaScript sends it, one multipart POST with the
  file streamed from disk (Django spools it to FILE_UPLOAD_TEMP_DIR in 1 MiB pieces, hashing
  each as it arrives; the service sniffs it and renames it into MEDIA_ROOT);
- resumable: tus as static/js/uploads.js drives it (POST /uploads/, PATCH in pieces of the
  script's size with X-CSRFToken, each fsynced and its offset recorded), then the same form
  naming the finished upload, which the service renames into place (the worker's check
  hashes it; here, with no worker, the bench does after the timing, as the check would).

Each timing runs from the first byte sent to the redirect to the new item; then the stored
file's SHA-256 is checked against the source. The baseline, interleaved with the uploads:
``dd if=SOURCE of=MEDIA_ROOT/… bs=8M conv=fsync`` (the same bytes, to the same disk, on disk at
the end); dd without fsync is reported for scale, and so is a bare Python socket receiver
(loopback TCP, recv_into, write, fsync: no HTTP, Django or database), the ceiling of any Python
upload path here. Memory: the web worker's VmHWM (peak RSS)
after all uploads minus its VmRSS after a warm-up upload of each kind (VmHWM is reset then:
the login's Argon2 hash alone peaks at 100 MB), and the peak sampled every 10 ms during each
upload.

Video: 8:00 of 1080p at 25 fps with AAC, mp4, made by ``bench/mediagen.py``: 1 GiB (--full)
or 128 MiB (--quick).
"""

import hashlib
import os
import subprocess
import threading
import time

import common
import stack
from client import TUS_CHUNK, Browser

TARGET_SHARE, TARGET_MEMORY = 0.70, 64 * common.MiB


def sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while block := source.read(common.MiB):
            digest.update(block)
    return digest.hexdigest()


def status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) * 1024


def reset_peak(pid: int) -> None:
    """Start VmHWM afresh from the current RSS (Linux 4.0+, root or the process's owner)."""
    with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


class PeakRss:
    """Samples a process's RSS every 10 ms while the block runs."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, status_kb(self.pid, "VmRSS"))
            time.sleep(0.01)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class Uploads:
    def __init__(self, running: stack.Stack, source):
        from accounts.models import User
        from submissions.models import Requirement

        self.stack, self.source = running, source
        self.user = User.objects.get(username="bench001")
        self.activity = self.user.unit.activities.get()
        video = Requirement.objects.get(
            call__edition__is_current=True, call__code="publicity", code="video"
        )
        self.form_path = f"/requirements/{video.pk}/?activity={self.activity.pk}"
        self.browser = Browser(running.base_url)
        self.browser.login("bench001", stack.PASSWORD)
        self.fields = {"title": "宣传片（基准测试）", "description": "", "declared": "on"}

    def plain(self, source) -> str:
        status, location = self.browser.post_file_streamed(
            self.form_path, self.fields, "main", source
        )
        if status != 302 or "/items/" not in (location or ""):
            raise RuntimeError(f"plain upload refused: HTTP {status} {location}")
        return location

    def resumable(self, source) -> tuple[str, float]:
        started = time.perf_counter()
        upload_id = self.browser.tus_upload(source)
        transferred = time.perf_counter() - started
        response = self.browser.session.post(
            self.browser.url(self.form_path),
            data={
                **self.fields,
                "main_uploads": upload_id,
                "csrfmiddlewaretoken": self.browser.csrf_token,
            },
            allow_redirects=False,
        )
        location = response.headers.get("Location", "")
        if response.status_code != 302 or "/items/" not in location:
            raise RuntimeError(f"claiming the upload refused: HTTP {response.status_code}")
        return location, transferred

    def stored(self, location: str, expected_sha: str) -> None:
        """The file the item points to is the one sent, byte for byte; then free the disk."""
        from submissions.models import MaterialFile

        item_id = int(location.rstrip("/").rsplit("/", 1)[-1])
        material = MaterialFile.objects.get(submission_id=item_id, is_current=True)
        if not material.sha256:  # a resumable upload: hashed by the check, which runs here
            from submissions.services.files import ensure_sha256

            ensure_sha256(material)
        path = material.file.path
        if material.sha256 != expected_sha or sha256_file(path) != expected_sha:
            raise RuntimeError(f"item {item_id}: the stored file differs from the one sent")
        material.file.storage.delete(material.file.name)


def _receive(listener, target, size) -> None:
    """The least a Python web process must do: take ``size`` bytes off a socket, write them."""
    connection, _address = listener.accept()
    buffer = memoryview(bytearray(common.MiB))
    with connection, open(target, "wb", buffering=0) as out:
        received = 0
        while received < size:
            count = connection.recv_into(buffer)
            if not count:
                break
            out.write(buffer[:count])
            received += count
        os.fsync(out.fileno())
        connection.sendall(b"ok")


def bare_socket(source, target) -> None:
    """Loopback TCP into a Python process that writes to the same disk (and fsyncs): the
    ceiling for any Python upload path on this machine, without HTTP, Django or a database."""
    import multiprocessing
    import socket

    size = source.stat().st_size
    with socket.create_server(("127.0.0.1", 0)) as listener:
        receiver = multiprocessing.Process(target=_receive, args=(listener, target, size))
        receiver.start()
        with socket.create_connection(listener.getsockname()) as sender, open(source, "rb") as f:
            sender.sendfile(f)
            sender.recv(2)
        receiver.join()
    target.unlink()


def dd(source, target, *, fsync: bool) -> None:
    command = ["dd", f"if={source}", f"of={target}", "bs=8M", "status=none"]
    subprocess.run([*command, "conv=fsync"] if fsync else command, check=True)
    target.unlink()


def main():
    args = common.parse_args(__doc__.splitlines()[0])
    runs = args.runs or (5 if args.full else 3)
    from bench import mediagen
    from tests import media

    with common.workdir(args) as scratch:
        source = mediagen.video(
            scratch / "upload-1080p.mp4",
            width=1920,
            height=1080,
            seconds=480,
            target_bytes=(1024 if args.full else 128) * common.MiB,
            container="mp4",
        )
        size = source.stat().st_size
        expected = sha256_file(source)
        small = media.video(scratch / "warmup.mp4", width=1280, height=720, seconds=2)
        with stack.running(scratch, web_workers=1) as running:
            stack.django_in_stack(running.env)
            uploads = Uploads(running, source)
            (web_pid,) = running.web_pids()
            uploads.stored(uploads.plain(small), sha256_file(small))  # warm-up, both ways
            uploads.stored(uploads.resumable(small)[0], sha256_file(small))
            reset_peak(web_pid)  # the warm-up login's Argon2 hash alone takes 100 MB
            baseline = status_kb(web_pid, "VmRSS")
            times = {
                "dd_fsync": [],
                "dd_no_fsync": [],
                "bare_socket": [],
                "plain": [],
                "resumable": [],
            }
            transfer, peaks = [], {"plain": [], "resumable": []}
            target = running.media_root / "dd.bin"
            for run in range(runs):
                print(f"   B3 run {run + 1}/{runs}", flush=True)
                times["dd_fsync"].append(common.timed(lambda: dd(source, target, fsync=True))[0])
                times["dd_no_fsync"].append(
                    common.timed(lambda: dd(source, target, fsync=False))[0]
                )
                times["bare_socket"].append(common.timed(lambda: bare_socket(source, target))[0])
                with PeakRss(web_pid) as peak:
                    elapsed, location = common.timed(lambda: uploads.plain(source))
                times["plain"].append(elapsed)
                peaks["plain"].append(peak.peak - baseline)
                uploads.stored(location, expected)
                with PeakRss(web_pid) as peak:
                    elapsed, (location, sent) = common.timed(lambda: uploads.resumable(source))
                times["resumable"].append(elapsed)
                transfer.append(sent)
                peaks["resumable"].append(peak.peak - baseline)
                uploads.stored(location, expected)
            high_water = status_kb(web_pid, "VmHWM")
    results = report(size, runs, times, transfer, peaks, high_water - baseline, baseline)
    common.save("b3_upload", results, full=args.full)


def report(size, runs, times, transfer, peaks, growth, baseline) -> dict:
    def mb_s(seconds):
        return round(size / seconds / 1e6, 1)

    medians = {name: common.median(values) for name, values in times.items()}
    dd_rate = size / medians["dd_fsync"]
    results = {
        "tus_piece_MiB": TUS_CHUNK >> 20,
        "size_bytes": size,
        "runs": runs,
        "throughput_MB_s": {name: mb_s(seconds) for name, seconds in medians.items()},
        "resumable_transfer_only_MB_s": mb_s(common.median(transfer)),
        "seconds_all": {name: [round(t, 2) for t in values] for name, values in times.items()},
        "share_of_dd": {
            name: round(size / medians[name] / dd_rate, 2) for name in ("plain", "resumable")
        },
        "share_of_bare_socket": {
            name: round(medians["bare_socket"] / medians[name], 2)
            for name in ("plain", "resumable")
        },
        "share_of_dd_without_fsync": {
            name: round(medians["dd_no_fsync"] / medians[name], 2)
            for name in ("plain", "resumable")
        },
        "web_worker_rss_baseline_MiB": round(baseline / common.MiB, 1),
        "web_worker_peak_growth_MiB": round(growth / common.MiB, 1),
        "sampled_peak_growth_MiB": {
            name: round(max(values) / common.MiB, 1) for name, values in peaks.items()
        },
    }
    results["targets"] = {
        f"{name}: >= 70% of dd's throughput": common.verdict(
            results["share_of_dd"][name] >= TARGET_SHARE
        )
        for name in ("plain", "resumable")
    }
    results["targets"]["web process peak memory grows <= 64 MB"] = common.verdict(
        growth <= TARGET_MEMORY
    )
    rates = results["throughput_MB_s"]
    print(
        f"B3 {size / common.MiB:.0f} MiB: dd {rates['dd_fsync']} MB/s (no fsync"
        f" {rates['dd_no_fsync']}), bare socket {rates['bare_socket']} MB/s,"
        f" plain {rates['plain']} MB/s"
        f" ({results['share_of_dd']['plain']:.0%}), resumable {rates['resumable']} MB/s"
        f" ({results['share_of_dd']['resumable']:.0%}); web peak +"
        f"{results['web_worker_peak_growth_MiB']} MiB"
    )
    for target, met in results["targets"].items():
        print(f"   {met:6} {target}")
    return results


if __name__ == "__main__":
    main()
