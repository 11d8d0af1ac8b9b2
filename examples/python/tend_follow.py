#!/usr/bin/env python3
"""A reference peer of tend's protocol in plain Python (stdlib only): follows one service's log and prints events.

    python3 tend_follow.py PROJECT/SERVICE [--tail N] [--count N]

It says hello, reads the log's tail, subscribes to the service's events and log, and then prints every new line
exactly once, with no gap, across bursts and `events.lagged` (docs/protocol.md, "Following a log"). It ends on
`daemon.stopping` (exit 0), or after --count lines (exit 0). The daemon's socket is found as tend finds it.
Every message is printed as one line: `hello ...`, `line <stream> <text>`, `event <method> ...`.
"""
import argparse
import collections
import json
import os
import socket
import sys

PROTOCOL = 1


def socket_path():
    env = os.environ
    instance = env.get("TEND_INSTANCE", "default")
    if env.get("TEND_HOME"):
        run = os.path.join(env["TEND_HOME"], "run")
    elif env.get("XDG_RUNTIME_DIR"):
        run = os.path.join(env["XDG_RUNTIME_DIR"], "tend")
    else:
        run = os.path.join(env.get("TMPDIR", "/tmp"), "tend-%d" % os.getuid())
    return os.path.join(run, instance + ".sock")


class RpcError(Exception):
    def __init__(self, error):
        super().__init__("%s (%s)" % (error["message"], error["code"]))
        self.code = error["code"]
        self.data = error.get("data")


class Peer:
    """One connection: requests by id, notifications queued while an answer is awaited (answers and notifications
    share the line stream; the answer to events.subscribe always comes before its first notification)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.lines = self.sock.makefile("r", encoding="utf-8")
        self.next_id = 0
        self.pending = collections.deque()

    def call(self, method, **params):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.sock.sendall((json.dumps(request) + "\n").encode("utf-8"))
        while True:
            message = self._read()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RpcError(message["error"])
                return message["result"]
            self.pending.append(message)

    def notification(self):
        return self.pending.popleft() if self.pending else self._read()

    def _read(self):
        line = self.lines.readline()
        if not line:
            raise EOFError("the daemon closed the connection")
        return json.loads(line)


class Follower:
    def __init__(self, peer, ref, count):
        self.peer, self.ref, self.count = peer, ref, count
        self.position = None      # the token after the last line printed
        self.previous_next = None  # where the last log.appended ended: its lines follow ours only if it is position
        self.printed = 0

    def show(self, lines):
        for line in lines:
            print("line", line["stream"], line["text"], flush=True)
            self.printed += 1
            if self.count and self.printed >= self.count:
                raise SystemExit(0)

    def read(self, **where):
        """Pages of logs.read from here until the end (more: false)."""
        while True:
            page = self.peer.call("logs.read", ref=self.ref, **where)
            if page["gap"]:
                print("event gap: lines were rotated away before these", flush=True)
            self.show(page["lines"])
            self.position = page["next"]
            if not page["more"]:
                return
            where = {"after": self.position}

    def subscribe(self):
        project, service = self.ref.split("/", 1)
        result = self.peer.call("events.subscribe", topics=["service", "log", "daemon"],
                                filter={"services": [self.ref]})
        for s in result["snapshot"]["services"]:
            print("event snapshot", s["project"] + "/" + s["name"], s["state"], "rss", s["rssBytes"], flush=True)
        # The first log.appended after (re)subscribing has no previous event to chain to: catch up by reading.
        self.previous_next = None
        self.read(after=self.position)

    def appended(self, params):
        if params["next"] == self.position:
            pass                                  # already read (the catch-up read got these lines)
        elif self.previous_next == self.position:
            self.show(params["lines"])            # contiguous with what was printed
            self.position = params["next"]
        else:
            self.read(after=self.position)        # a page boundary or a first event: read from our own position
        self.previous_next = params["next"]

    def run(self, tail):
        self.read(tail=tail)
        self.subscribe()
        while True:
            message = self.peer.notification()
            method, params = message.get("method"), message.get("params", {})
            if method == "log.appended":
                self.appended(params)
            elif method == "service.changed":
                s = params["service"]
                print("event service.changed seq", params["seq"], s["project"] + "/" + s["name"], s["state"], flush=True)
            elif method == "events.lagged":
                print("event events.lagged missed", params["missed"], "- subscribing again", flush=True)
                self.subscribe()
            elif method == "daemon.stopping":
                print("event daemon.stopping", params["reason"], flush=True)
                return
            else:
                print("event", method, json.dumps(params), flush=True)


def main():
    parser = argparse.ArgumentParser(description="Follow a tend service's log and print its events.")
    parser.add_argument("ref", help="PROJECT/SERVICE")
    parser.add_argument("--tail", type=int, default=10, help="lines of the log to print first (0: all)")
    parser.add_argument("--count", type=int, default=0, help="stop after this many lines (0: never)")
    parser.add_argument("--socket", default=None, help="the daemon's socket (default: as tend finds it)")
    args = parser.parse_args()
    peer = Peer(args.socket or socket_path())
    try:
        hello = peer.call("daemon.hello", client="tend_follow.py", protocol=PROTOCOL)
    except RpcError as e:
        print("tend_follow.py: the daemon refused the handshake:", e, file=sys.stderr)
        return 4
    # startedAt is this daemon's epoch: seq and subscription ids begin again with every daemon.
    print("hello daemon", hello["version"], "protocol", hello["protocol"], "pid", hello["pid"],
          "startedAt", hello["startedAt"], "capabilities", ",".join(hello["capabilities"]), flush=True)
    try:
        Follower(peer, args.ref, args.count).run(args.tail)
    except RpcError as e:
        print("tend_follow.py:", e, file=sys.stderr)
        return 3 if e.code == -32001 else 1
    except EOFError as e:
        print("tend_follow.py:", e, file=sys.stderr)
        return 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
