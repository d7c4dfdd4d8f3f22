#!/usr/bin/env python3
"""scripts/bench: wscheck against a sequential baseline and blackbox_exporter, in the lab.

Runs inside the lab only (root; the caller holds /tmp/wscheck-lab.lock): brings the lab up,
imposes RTT with `scenario delay`, times every contender several times, brings the lab down.
Wall time from this process (monotonic clock), peak RSS from wait4's rusage. Prints medians with
min/max and the ratios; --json FILE also writes the raw samples.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LAB = os.path.join(ROOT, "scripts", "lab")
NS = "wscl-client"
BLACKBOX = shutil.which("prometheus-blackbox-exporter") or shutil.which("blackbox_exporter")


def sh(*cmd, check=True, **kw):
    return subprocess.run(list(cmd), check=check, text=True, capture_output=True, **kw)


def timed(cmd, stdin_text=None, env=None):
    """Runs cmd; returns (seconds, peak RSS in MB, exit code, stdout)."""
    out = tempfile.TemporaryFile(mode="w+")
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
                         stdout=out, stderr=subprocess.DEVNULL, text=True, env=env)
    if stdin_text is not None:
        p.stdin.write(stdin_text)
        p.stdin.close()
    _, status, ru = os.wait4(p.pid, 0)
    took = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    return took, ru.ru_maxrss / 1024.0, p.returncode, out.read()


def in_lab(cmd):
    return ["ip", "netns", "exec", NS] + cmd


def stats(xs):
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs), "n": len(xs)}


def fmt(s, unit="s"):
    if unit == "s":
        return f"{s['median']:.3f} s (min {s['min']:.3f}, max {s['max']:.3f}, n={s['n']})"
    return f"{s['median']:.0f} MB (min {s['min']:.0f}, max {s['max']:.0f}, n={s['n']})"


def blackbox_config(ca, path):
    with open(path, "w") as f:
        f.write(f"""modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      tls_config: {{ca_file: "{ca}"}}
  tcp_connect:
    prober: tcp
    timeout: 5s
    tcp: {{preferred_ip_protocol: ip4}}
  tls_connect:
    prober: tcp
    timeout: 5s
    tcp:
      preferred_ip_protocol: ip4
      tls: true
      tls_config: {{ca_file: "{ca}"}}
""")


def blackbox_urls(targets, port):
    """One /probe URL per endpoint blackbox_exporter can probe (it has no UDP probe but DNS-server checks)."""
    module = {"https": "http_2xx", "tcp": "tcp_connect", "latency": "tcp_connect", "tls": "tls_connect"}
    urls = []
    for probe, target in targets:
        if probe in module:
            urls.append(f"http://127.0.0.1:{port}/probe?module={module[probe]}&target={urllib.parse.quote(target, safe='')}")
    return urls


def main():
    ap = argparse.ArgumentParser(prog="scripts/bench")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each wscheck measurement (default 5)")
    ap.add_argument("--baseline-runs", type=int, default=3, help="runs of the slow sequential baseline (default 3)")
    ap.add_argument("--rtt", type=int, default=50, help="imposed round-trip time in ms (default 50)")
    ap.add_argument("--timeout", default="3s", help="--timeout of the black-holed run (default 3s)")
    ap.add_argument("--wscheck", default=os.path.join(ROOT, "scripts", "wscheck"),
                    help="the wscheck command to time (default: the launcher scripts/wscheck); e.g. 'java -jar target/wscheck.jar'")
    ap.add_argument("--json", help="also write every sample to this file")
    a = ap.parse_args()

    wscheck = a.wscheck.split()
    load = os.getloadavg()
    print(f"# scripts/bench: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, {os.cpu_count()} CPUs, load before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"# wscheck command: {' '.join(wscheck)}; lab RTT {a.rtt} ms")
    res = {"load": load, "rtt": a.rtt, "wscheck": a.wscheck}

    # Outside the lab: --version and requirements need no network.
    res["version"] = [timed(wscheck + ["--version"])[0] for _ in range(a.runs + 1)][1:]
    res["requirements"] = [timed(wscheck + ["requirements", "--region", "ap-northeast-1"])[0] for _ in range(a.runs + 1)][1:]

    sh(LAB, "up")
    bb = None
    try:
        ca = sh(LAB, "ca", "--lab").stdout.split()[0]
        check = wscheck + ["check", "--region", "ap-northeast-1", "--trust", ca, "--public-roots", ca, "--format", "json"]
        sh(LAB, "scenario", "delay", str(a.rtt))
        # One untimed run: the targets for the other contenders, and any first-run cache (CDS archive).
        _, _, rc, out = timed(in_lab(check))
        try:
            report = json.loads(out)
        except ValueError:
            sys.exit(f"scripts/bench: the first check ({' '.join(wscheck)} check ...) exited {rc} without a JSON report; "
                     f"run it in the lab by hand (scripts/lab exec ...) to see its error")
        targets = [tuple(l.split(" ", 1)) for l in
                   sh(sys.executable, os.path.join(HERE, "targets.py"), input=out).stdout.splitlines()]
        res["checks"] = len(targets)
        res["status"] = report["status"]
        walls, rss, phases = [], [], []
        for _ in range(a.runs):
            took, mb, code, out = timed(in_lab(check))
            walls.append(took)
            rss.append(mb)
        res["check"], res["checkRss"] = walls, rss
        # Like for like with blackbox_exporter, which takes no latency samples: the same check without
        # the two latency requirements (10 TCP samples on a 100 ms clock each, the run's longest chain).
        like = check + ["--skip", "pcoip-latency,dcv-latency"]
        res["checkNoLatency"] = [timed(in_lab(like))[0] for _ in range(a.runs)]

        seq_in = "".join(f"{p} {t}\n" for p, t in targets)
        res["baseline"] = [timed(in_lab([os.path.join(HERE, "sequential-baseline"), ca]), stdin_text=seq_in)[0]
                           for _ in range(a.baseline_runs)]

        if BLACKBOX:
            cfg = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
            blackbox_config(ca, cfg.name)
            port = 19115
            bb = subprocess.Popen(in_lab([BLACKBOX, f"--config.file={cfg.name}", f"--web.listen-address=127.0.0.1:{port}"]),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            urls = blackbox_urls(targets, port)
            fetch = [sys.executable, os.path.join(HERE, "fetch-all.py")]
            for _ in range(50):
                if subprocess.run(in_lab(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/metrics"])).returncode == 0:
                    break
                time.sleep(0.1)
            def round_():
                # fetch-all.py times the round inside one started process: the driver's start is not blackbox's time
                took, ok, n = timed(in_lab(fetch), stdin_text="\n".join(urls) + "\n")[3].split()
                res["blackboxSucceeded"] = f"{ok}/{n}"
                return float(took)

            round_()  # warm-up round
            res["blackboxTargets"] = len(urls)
            res["blackbox"] = [round_() for _ in range(a.runs)]
            bb.send_signal(signal.SIGTERM)
            bb.wait()
            bb = None

        sh(LAB, "scenario", "blackhole")
        bh = []
        for _ in range(max(1, a.runs // 2)):
            bh.append(timed(in_lab(wscheck + ["check", "--region", "ap-northeast-1", "--timeout", a.timeout,
                                              "--format", "json"]))[0])
        res["blackholed"] = bh
    finally:
        if bb:
            bb.kill()
        sh(LAB, "down", check=False)

    print(f"checks in the run: {res['checks']} (report status {res['status']})")
    rows = [("wscheck check (JVM start included)", "check"), ("wscheck check peak RSS", "checkRss"),
            ("wscheck check without the 2 latency requirements", "checkNoLatency"),
            ("wscheck --version", "version"), ("wscheck requirements", "requirements"),
            ("sequential baseline (dig, nc, openssl, curl)", "baseline"),
            (f"blackbox_exporter, warm, {res.get('blackboxTargets', 0)} probes concurrently ({res.get('blackboxSucceeded', '?')} succeeded)", "blackbox"),
            (f"black-holed check, --timeout {a.timeout}", "blackholed")]
    summary = {}
    for label, key in rows:
        if key in res:
            s = stats(res[key])
            summary[key] = s
            print(f"{label:60s} {fmt(s, 'MB' if key == 'checkRss' else 's')}")
    c = summary["check"]["median"]
    if "baseline" in summary:
        print(f"ratio check / sequential baseline: {c / summary['baseline']['median']:.3f} (target <= 0.1)")
    if "blackbox" in summary:
        print(f"ratio check / blackbox_exporter warm: {c / summary['blackbox']['median']:.2f}")
        if "checkNoLatency" in summary:
            print(f"ratio check without latency / blackbox_exporter warm: {summary['checkNoLatency']['median'] / summary['blackbox']['median']:.2f}")
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"samples": res, "summary": summary}, f, indent=1)


if __name__ == "__main__":
    main()
