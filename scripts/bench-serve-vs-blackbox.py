"""Run inside the lab's client namespace by scripts/bench-serve-vs-blackbox: wscheck serve's /probe
against blackbox_exporter probing the same endpoints, warm against warm, medians of ROUNDS rounds."""
import concurrent.futures, json, os, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ca, rounds = sys.argv[1], int(sys.argv[2])
tmp = tempfile.mkdtemp(prefix="wscheck-bench-")
procs = []

def get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read().decode()

def wait_up(url):
    for _ in range(300):
        try:
            get(url, 2); return
        except Exception:
            time.sleep(0.1)
    raise SystemExit("no answer from " + url)

try:
    reqs = json.loads(subprocess.check_output(["java", "-jar", "target/wscheck.jar", "requirements", "--region", "ap-northeast-1", "--format", "json"]))
    # The requirements blackbox_exporter can also probe: DNS, TCP, TLS and HTTPS only (no UDP, no latency samples).
    only = [q["id"] for q in reqs["requirements"] if q.get("probes") and set(q["probes"]) <= {"dns", "tcp", "tls", "https"}]
    procs.append(subprocess.Popen(["java", "-jar", "target/wscheck.jar", "serve", "--proxy", "none", "--trust", ca, "--public-roots", ca,
                                   "--timeout", "3s"], stdout=open(tmp + "/serve.log", "w"), stderr=subprocess.STDOUT))
    wait_up("http://127.0.0.1:9469/metrics")
    probe = "http://127.0.0.1:9469/probe?" + urllib.parse.urlencode([("region", "ap-northeast-1")] + [("only", i) for i in only])
    status, _ = get(probe)
    _, page = get("http://127.0.0.1:9469/")
    rid = page.split("/report?id=")[1].split('"')[0]
    report = json.loads(get("http://127.0.0.1:9469/report?id=" + rid)[1])
    checks = {}
    for q in report["requirements"]:
        for c in q["checks"]:
            if c.get("role") is None and c["via"] == "direct":
                checks[(c["probe"], c["target"])] = c["outcome"]
    modules, targets = {}, []
    tls = {"ca_file": ca}
    for i, (kind, target) in enumerate(sorted(checks)):
        if kind == "dns":
            modules["dns_%d" % i] = {"prober": "dns", "timeout": "3s", "dns": {"query_name": target, "query_type": "A",
                                      "preferred_ip_protocol": "ip4", "ip_protocol_fallback": False}}
            targets.append(("dns_%d" % i, "198.18.2.2"))
        elif kind == "tcp":
            targets.append(("tcp", target))
        elif kind == "tls":
            targets.append(("tls", target))
        elif kind == "https":
            targets.append(("https", target))
    modules["tcp"] = {"prober": "tcp", "timeout": "3s", "tcp": {"preferred_ip_protocol": "ip4"}}
    modules["tls"] = {"prober": "tcp", "timeout": "3s", "tcp": {"tls": True, "tls_config": tls, "preferred_ip_protocol": "ip4"}}
    modules["https"] = {"prober": "http", "timeout": "3s", "http": {"tls_config": tls, "preferred_ip_protocol": "ip4",
                                                                    "valid_status_codes": [200, 403, 404]}}
    with open(tmp + "/blackbox.yml", "w") as f:
        json.dump({"modules": modules}, f)  # JSON is YAML
    procs.append(subprocess.Popen(["prometheus-blackbox-exporter", "--config.file=" + tmp + "/blackbox.yml",
                                   "--web.listen-address=127.0.0.1:9115"], stdout=open(tmp + "/blackbox.log", "w"), stderr=subprocess.STDOUT))
    wait_up("http://127.0.0.1:9115/metrics")
    pool = concurrent.futures.ThreadPoolExecutor(len(targets))

    def blackbox():
        urls = ["http://127.0.0.1:9115/probe?" + urllib.parse.urlencode({"module": m, "target": t}) for m, t in targets]
        bodies = list(pool.map(lambda u: get(u)[1], urls))
        return sum("probe_success 1" in b for b in bodies)

    def wscheck():
        return get(probe)[1].count("wscheck_check_success{") 

    for _ in range(5):  # warm both
        wscheck(); blackbox()
    def cpu(port):  # process_cpu_seconds_total of the exporter on this port
        for line in get("http://127.0.0.1:%d/metrics" % port)[1].splitlines():
            if line.startswith("process_cpu_seconds_total "):
                return float(line.split()[1])
        return float("nan")

    ws, bb, ws_cpu, bb_cpu = [], [], [], []
    for _ in range(rounds):  # alternate, so both see the same machine load
        c = cpu(9469); t = time.perf_counter(); n_ws = wscheck(); ws.append(time.perf_counter() - t); ws_cpu.append(cpu(9469) - c)
        c = cpu(9115); t = time.perf_counter(); ok_bb = blackbox(); bb.append(time.perf_counter() - t); bb_cpu.append(cpu(9115) - c)
    load = os.getloadavg()[0]
    mws, mbb = statistics.median(ws), statistics.median(bb)
    print(json.dumps({"requirements": len(only), "wscheckChecks": len(checks), "blackboxProbes": len(targets),
                      "blackboxSucceeded": ok_bb, "rounds": rounds,
                      "wscheckMedianMs": round(mws * 1000, 1), "blackboxMedianMs": round(mbb * 1000, 1),
                      "wscheckMs": [round(x * 1000) for x in ws], "blackboxMs": [round(x * 1000) for x in bb],
                      "wscheckCpuMedianMs": round(statistics.median(ws_cpu) * 1000), "blackboxCpuMedianMs": round(statistics.median(bb_cpu) * 1000),
                      "loadAverage1m": round(load, 1), "ratio": round(mws / mbb, 2)}))
finally:
    for p in procs:
        p.terminate()
        try:
            p.wait(10)
        except Exception:
            p.kill()
