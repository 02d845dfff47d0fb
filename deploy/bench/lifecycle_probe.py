#!/usr/bin/python3
"""Times one lifecycle action for deploy/bench/lifecycle.sh, with no process start and no new connection inside the
measured time, on both sides:

  api <url> <token> <server-id> <action> <body-json> <status> [<file>]
      POST /v1/servers/<id>/actions/<action> on an open keep-alive connection, then GET /v1/servers/<id> on the same
      connection every 10 ms until the server shows <status> with no task in flight.
      Prints "<ms from the 202 to the state> <ms of the POST itself>" (the issue's measure is from the 202), and
      with <file>, third, the ms from the 202 until that file is gone (polled every 10 ms).
  raw <domain> <operation>
      The libvirt call virsh makes for that operation (python3-libvirt, the same C library), on an open connection,
      then the domain's state polled on that connection every 10 ms until libvirt shows the end state (a soft reboot:
      libvirt's reboot event). Prints "<ms from the call to the state>".
      operations: shutdown (ACPI) | start | reboot-acpi | reset | suspend (pause) | resume (unpause)
                  | managedsave | restore (start from the managed save)
      Where the agent has to do more than the one call, so does the raw side: after a start or a restore the memory
      hard limit (the memory-cap-kib of the domain's Stratus metadata) is set on the running domain, and before a
      managed save it is lifted (a saved image with a hard limit cannot be restored), as the agent does.
  raw-resize <domain> <resized-xml> <disk> <copy> <size-gb>
      The agent's resize steps on a raw domain, timed as one: the ACPI shutdown and the wait until libvirt shows it
      shut off (polled on the connection), a copy of the disk (to <copy>.part, then renamed), `qemu-img info` and
      `qemu-img resize` (processes, as the agent runs them), the resized XML defined, the domain started and its
      memory hard limit set; until libvirt shows it running. Prints "<ms>".

With TEARDOWN_FILE (and, for api, TEARDOWN_DOMAIN: the server's domain) a thread polls the domain's libvirt state
every 5 ms and appends to that file the ms from its first SHUTDOWN state (QEMU reported the guest powered off) to its
first SHUTOFF state (libvirt saw the QEMU process end): libvirt's and QEMU's own teardown, the same code on both
sides, which varies by 1.2-2.1 s from one stop to the next on this machine (more than the overhead measured).
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

POLL = 0.01
UNLIMITED_KIB = 9007199254740991  # VIR_DOMAIN_MEMORY_PARAM_UNLIMITED
TIMEOUT = 120.0


def now_ms():
    return time.monotonic() * 1000.0


def api(url, token, server, action, body, status, gone=None):
    target = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    conn.request("GET", "/v1/servers/" + server, headers=headers)  # the connection is open before the clock starts
    conn.getresponse().read()
    teardown = TeardownWatch(os.environ.get("TEARDOWN_DOMAIN"))
    try:
        api_timed(conn, headers, server, action, body, status, gone)
    finally:
        teardown.close()


def api_timed(conn, headers, server, action, body, status, gone):
    sent = now_ms()
    conn.request("POST", "/v1/servers/%s/actions/%s" % (server, action), body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    accepted = now_ms()
    if response.status != 202:
        sys.exit("POST %s answered %d" % (action, response.status))
    deadline = accepted + TIMEOUT * 1000
    while now_ms() < deadline:
        conn.request("GET", "/v1/servers/" + server, headers=headers)
        view = json.loads(conn.getresponse().read())
        if view.get("status") == status and view.get("task_state") is None:
            done = now_ms()
            if gone is None:
                print("%d %d" % (round(done - accepted), round(accepted - sent)))
                return
            while os.path.exists(gone) and now_ms() < deadline:
                time.sleep(POLL)
            if os.path.exists(gone):
                sys.exit("%s was never deleted" % gone)
            print("%d %d %d" % (round(done - accepted), round(accepted - sent), round(now_ms() - accepted)))
            return
        time.sleep(POLL)
    sys.exit("server %s never reached %s" % (server, status))


class Observer:
    """The API side's observer load, put on the raw side too: GET /v1/servers/<id> every 10 ms on one open connection,
    from a thread, while the raw side is measured (env OBSERVE_URL, OBSERVE_TOKEN, OBSERVE_SERVER; off without them).
    Polling through the API costs api-service and PostgreSQL about a millisecond of CPU per GET; on two cores, while
    QEMU starts, that competes with libvirtd and QEMU, so without it the raw side would be measured on a quieter
    machine than the API side."""

    def __init__(self):
        self.stop = threading.Event()
        self.thread = None
        url, token, server = (os.environ.get(k) for k in ("OBSERVE_URL", "OBSERVE_TOKEN", "OBSERVE_SERVER"))
        if url and token and server:
            self.thread = threading.Thread(target=self.poll, args=(url, token, server), daemon=True)
            self.thread.start()

    def poll(self, url, token, server):
        target = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=30)
        headers = {"Authorization": "Bearer " + token}
        while not self.stop.is_set():
            conn.request("GET", "/v1/servers/" + server, headers=headers)
            conn.getresponse().read()
            time.sleep(POLL)

    def close(self):
        self.stop.set()
        if self.thread is not None:
            self.thread.join()


class TeardownWatch:
    """Times the domain's SHUTDOWN → SHUTOFF states (see the module's doc) when TEARDOWN_FILE is set."""

    def __init__(self, name):
        self.path = os.environ.get("TEARDOWN_FILE")
        self.stop = threading.Event()
        self.thread = None
        self.spans = []
        if self.path and name:
            import libvirt  # connected before the clock starts
            dom = libvirt.open("qemu:///system").lookupByName(name)
            self.thread = threading.Thread(target=self.watch, args=(libvirt, dom), daemon=True)
            self.thread.start()

    def watch(self, libvirt, dom):
        shutdown = None
        while not self.stop.is_set():
            state = dom.state()[0]
            if state == libvirt.VIR_DOMAIN_SHUTDOWN and shutdown is None:
                shutdown = now_ms()
            elif state == libvirt.VIR_DOMAIN_SHUTOFF and shutdown is not None:
                self.spans.append(now_ms() - shutdown)
                return
            time.sleep(0.005)

    def close(self):
        if self.thread is None:
            return
        self.stop.set()
        self.thread.join()
        with open(self.path, "a") as f:
            f.write("%d\n" % round(self.spans[0] if self.spans else 0))


def run_events(libvirt):
    while True:
        libvirt.virEventRunDefaultImpl()


def raw(name, operation):
    import libvirt
    libvirt.virEventRegisterDefaultImpl()
    conn = libvirt.open("qemu:///system")
    dom = conn.lookupByName(name)
    rebooted = threading.Event()
    if operation == "reboot-acpi":
        conn.domainEventRegisterAny(dom, libvirt.VIR_DOMAIN_EVENT_ID_REBOOT, lambda *args: rebooted.set(), None)
        threading.Thread(target=run_events, args=(libvirt,), daemon=True).start()
    calls = {
        "shutdown": (lambda: dom.shutdownFlags(libvirt.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN), libvirt.VIR_DOMAIN_SHUTOFF),
        "start": (dom.create, libvirt.VIR_DOMAIN_RUNNING),
        "restore": (dom.create, libvirt.VIR_DOMAIN_RUNNING),
        "reboot-acpi": (lambda: dom.reboot(libvirt.VIR_DOMAIN_REBOOT_ACPI_POWER_BTN), None),
        "reset": (lambda: dom.reset(0), libvirt.VIR_DOMAIN_RUNNING),
        "suspend": (dom.suspend, libvirt.VIR_DOMAIN_PAUSED),
        "resume": (dom.resume, libvirt.VIR_DOMAIN_RUNNING),
        "managedsave": (lambda: dom.managedSave(0), libvirt.VIR_DOMAIN_SHUTOFF),
    }
    call, end = calls[operation]
    cap = re.search(r'memory-cap-kib="(\d+)"', dom.XMLDesc(0))
    live = libvirt.VIR_DOMAIN_AFFECT_LIVE
    if cap and operation in ("start", "restore"):
        first = call
        call = lambda: (first(), dom.setMemoryParameters({"hard_limit": int(cap.group(1))}, live))
    elif cap and operation == "managedsave":
        save = call
        call = lambda: (dom.setMemoryParameters({"hard_limit": UNLIMITED_KIB}, live), save())
    observer = Observer()
    try:
        start = now_ms()
        call()
        deadline = start + TIMEOUT * 1000
        while now_ms() < deadline:
            if (rebooted.is_set() if end is None else dom.state()[0] == end):
                print("%d" % round(now_ms() - start))
                return
            time.sleep(POLL)
    finally:
        observer.close()
    sys.exit("domain %s: %s never ended" % (name, operation))


def wait_state(dom, state, deadline):
    while now_ms() < deadline:
        if dom.state()[0] == state:
            return
        time.sleep(POLL)
    sys.exit("domain %s never reached state %d" % (dom.name(), state))


def raw_resize(name, resized_xml, disk, copy, size_gb):
    import libvirt
    conn = libvirt.open("qemu:///system")
    dom = conn.lookupByName(name)
    with open(resized_xml) as f:
        xml = f.read()
    cap = re.search(r'memory-cap-kib="(\d+)"', xml)
    observer = Observer()
    teardown = TeardownWatch(name)
    try:
        start = now_ms()
        deadline = start + TIMEOUT * 1000
        dom.shutdownFlags(libvirt.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN)
        wait_state(dom, libvirt.VIR_DOMAIN_SHUTOFF, deadline)
        off = now_ms()
        shutil.copyfile(disk, copy + ".part")
        os.rename(copy + ".part", copy)
        subprocess.run(["qemu-img", "info", "-U", "--output=json", disk], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["qemu-img", "resize", "-q", "-f", "qcow2", disk, size_gb + "G"], check=True)
        dom = conn.defineXML(xml)
        dom.create()
        if cap:
            dom.setMemoryParameters({"hard_limit": int(cap.group(1))}, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        wait_state(dom, libvirt.VIR_DOMAIN_RUNNING, deadline)
        end = now_ms()
        print("%d" % round(end - start))
        # where it went (stderr): the guest's shutdown, then the host's steps; the agent logs the same two parts
        print("raw-resize %s: shutdown %d ms, then %d ms" % (name, round(off - start), round(end - off)),
              file=sys.stderr)
    finally:
        teardown.close()
        observer.close()


if __name__ == "__main__":
    if len(sys.argv) in (8, 9) and sys.argv[1] == "api":
        api(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "raw":
        raw(*sys.argv[2:])
    elif len(sys.argv) == 7 and sys.argv[1] == "raw-resize":
        raw_resize(*sys.argv[2:])
    else:
        sys.exit(__doc__)
