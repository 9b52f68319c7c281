#!/usr/bin/python3
"""Turns bench/e2e.sh's raw runs into bench/results/e2e.md (table, targets) and e2e.png (time vs N).

Usage: e2e_report.py RUNS_TSV META_TXT AOT_WARNINGS_TXT OUT_MD OUT_PNG

Medians are over the runs that printed all N prices and exited 0; a point with any failed run says so in
the table and fails every target that uses it, so a failure is never averaged away.
"""

import csv
import math
import statistics
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")  # no display: render straight to PNG
import matplotlib.pyplot as plt  # noqa: E402

LATENCY_S = 0.050

# Display order, label, line style for the chart.
CLIENTS = {
    "aot-c100": ("quotefetch AOT, -c 100", "tab:blue", "-"),
    "aot-c16": ("quotefetch AOT, default -c 16", "tab:blue", ":"),
    "jit-c100": ("quotefetch JIT, -c 100", "tab:cyan", "-"),
    "jit-c16": ("quotefetch JIT, default -c 16", "tab:cyan", ":"),
    "httpx": ("Python httpx tutorial (gather, 100 conns)", "tab:red", "-"),
    "aiohttp": ("Python aiohttp (gather, limit 100)", "tab:orange", "-"),
    "curl": ("curl --parallel-max 100", "tab:green", "-"),
    "aot-c100-h2": ("quotefetch AOT, -c 100, HTTP/2 (h2c)", "tab:purple", "--"),
    "jit-c100-h2": ("quotefetch JIT, -c 100, HTTP/2 (h2c)", "tab:pink", "--"),
    "h2load": ("h2load -c 1 -m 100, HTTP/2 (h2c; no output)", "tab:olive", "--"),
    "aot-pie-c100": ("quotefetch AOT, .NET's default link (PIE, dehydrated), -c 100", "tab:gray", "-."),
    "floor-aot": ("HttpClient floor AOT (bench/HttpClientFloor, 100 at a time)", "black", "-."),
    "floor-jit": ("HttpClient floor JIT (bench/HttpClientFloor, 100 at a time)", "black", ":"),
    "floor-aot-polly": ("HttpClient + Polly retry/timeout floor AOT (--resilience)", "dimgray", "-."),
    "floor-jit-polly": ("HttpClient + Polly retry/timeout floor JIT (--resilience)", "dimgray", ":"),
}
CONCURRENCY = {"aot-c100": 100, "jit-c100": 100, "aot-c16": 16, "jit-c16": 16}


class Point:
    """The runs of one client at one N, latency and protocol."""

    def __init__(self, rows):
        self.runs = len(rows)
        good = [r for r in rows if r["ok"] == "1"]
        self.ok = len(good)
        self.failed = self.ok < self.runs
        self.n = int(rows[0]["n"])
        if good:
            self.wall = statistics.median(float(r["wall_s"]) for r in good)
            self.cpu = statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in good)
            self.rss_mib = statistics.median(int(r["maxrss_kb"]) for r in good) / 1024
            self.wall_min = min(float(r["wall_s"]) for r in good)
            self.wall_max = max(float(r["wall_s"]) for r in good)
        else:
            self.wall = self.cpu = self.rss_mib = self.wall_min = self.wall_max = math.nan

    @property
    def cpu_us_per_symbol(self):
        return self.cpu / self.n * 1e6


def load(path):
    groups = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            groups[(int(row["latency_ms"]), row["protocol"], row["client"], int(row["n"]))].append(row)
    return {key: Point(rows) for key, rows in groups.items()}


def fmt(x, digits=3):
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def cpu_cells(p):
    # GNU time counts CPU in 10 ms steps: a 0 means "under 10 ms", not free.
    if p.cpu == 0:
        return f"< 0.01 | < {10_000 / p.n:.0f}"
    return f"{fmt(p.cpu, 2)} | {fmt(p.cpu_us_per_symbol, 0)}"


def table(points):
    lines = [
        "| client | N | latency | protocol | wall s (median) | wall s (min–max) | CPU s | CPU µs/symbol | peak RSS MiB | runs ok |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    order = list(CLIENTS)
    protocols = ["http1.1", "h2c"]
    for key in sorted(points, key=lambda k: (k[0], protocols.index(k[1]), k[3], order.index(k[2]) if k[2] in order else 99)):
        latency, protocol, client, n = key
        p = points[key]
        status = f"{p.ok}/{p.runs}" if not p.failed else f"**FAILED {p.runs - p.ok}/{p.runs}**"
        lines.append(
            f"| {CLIENTS.get(client, (client,))[0]} | {n:,} | {latency} ms | {protocol} | {fmt(p.wall)} | "
            f"{fmt(p.wall_min)}–{fmt(p.wall_max)} | {cpu_cells(p)} | {fmt(p.rss_mib, 1)} | {status} |"
        )
    return lines


def targets(points):
    """Each target: (description, measured, met?)."""
    out = []

    def get(latency, protocol, client, n):
        p = points.get((latency, protocol, client, n))
        return None if p is None or p.failed else p

    def ratio(target, cond, text_fn, latency, protocol, a, b, n):
        pa, pb = get(latency, protocol, a, n), get(latency, protocol, b, n)
        if pa is None or pb is None:
            out.append((target, "not measured or a run failed", False))
            return
        if not (pa.wall > 0 and pb.wall > 0):
            out.append((target, "a wall time of 0", False))
            return
        value = text_fn(pa, pb)
        out.append((target, value[0], cond(value[1])))

    # The N=9 targets are about start-up ("where start-up time is all that matters"): no added latency.
    ratio(
        "N=9, no latency: AOT ≥ 5× faster (wall) than the httpx tutorial",
        lambda r: r >= 5,
        lambda a, b: (f"{b.wall / a.wall:.2f}× ({fmt(a.wall, 4)} s vs {fmt(b.wall, 4)} s)", b.wall / a.wall),
        0, "http1.1", "aot-c100", "httpx", 9,
    )
    ratio(
        "N=9, no latency: AOT no slower (wall) than curl",
        lambda r: r <= 1.0,
        lambda a, b: (f"AOT/curl = {a.wall / b.wall:.2f} ({fmt(a.wall, 4)} s vs {fmt(b.wall, 4)} s)", a.wall / b.wall),
        0, "http1.1", "aot-c100", "curl", 9,
    )
    n = 10_000
    ratio(
        "N=10,000, no latency: AOT ≥ 20× faster than the httpx tutorial",
        lambda r: r >= 20,
        lambda a, b: (f"{b.wall / a.wall:.1f}× ({fmt(a.wall)} s vs {fmt(b.wall)} s)", b.wall / a.wall),
        0, "http1.1", "aot-c100", "httpx", n,
    )
    ratio(
        "N=10,000, no latency: AOT ≥ 4× faster than aiohttp",
        lambda r: r >= 4,
        lambda a, b: (f"{b.wall / a.wall:.1f}× ({fmt(a.wall)} s vs {fmt(b.wall)} s)", b.wall / a.wall),
        0, "http1.1", "aot-c100", "aiohttp", n,
    )
    ratio(
        "N=10,000, no latency: AOT within 1.5× of curl",
        lambda r: r <= 1.5,
        lambda a, b: (f"AOT/curl = {a.wall / b.wall:.2f} ({fmt(a.wall)} s vs {fmt(b.wall)} s)", a.wall / b.wall),
        0, "http1.1", "aot-c100", "curl", n,
    )
    for client, limit in (("aot-c100", 60), ("jit-c100", 60)):
        p = get(0, "http1.1", client, n)
        label = CLIENTS[client][0]
        if p is None:
            out.append((f"N=10,000, no latency: {label} CPU < {limit} µs/symbol", "not measured or a run failed", False))
        else:
            out.append(
                (f"N=10,000, no latency: {label} CPU < {limit} µs/symbol", f"{p.cpu_us_per_symbol:.0f} µs/symbol", p.cpu_us_per_symbol < limit)
            )
    for client, limit in (("aot-c100", 60), ("aot-c16", 60), ("jit-c100", 90), ("jit-c16", 90)):
        p = get(0, "http1.1", client, n)
        label = CLIENTS[client][0]
        if p is None:
            out.append((f"N=10,000, no latency: {label} peak RSS < {limit} MiB", "not measured or a run failed", False))
        else:
            out.append((f"N=10,000, no latency: {label} peak RSS < {limit} MiB", f"{p.rss_mib:.1f} MiB", p.rss_mib < limit))
    for n in (1_000, 10_000):
        for client, c in CONCURRENCY.items():
            bound = (math.ceil(n / c) + 1) * LATENCY_S
            p = get(50, "http1.1", client, n)
            label = f"N={n:,}, 50 ms, HTTP/1.1: {CLIENTS[client][0]} within 1.15 × (⌈N/C⌉+1)×RTT = {1.15 * bound:.3f} s"
            if p is None:
                out.append((label, "not measured or a run failed", False))
            else:
                out.append((label, f"{fmt(p.wall)} s = {p.wall / bound:.2f} × the ideal {bound:.2f} s", p.wall <= 1.15 * bound))
    return out


def floors(points):
    """What the runtime alone costs (bench/HttpClientFloor) beside quotefetch: context for the targets, not targets."""

    def cell(key, what):
        p = points.get(key)
        if p is None or p.failed:
            return "n/a"
        if what == "wall":
            return f"{p.wall * 1000:.1f} ms"
        if what == "cpu":
            return "< 10 ms in all" if p.cpu == 0 else f"{p.cpu_us_per_symbol:.0f} µs"
        bound = (math.ceil(p.n / 100) + 1) * LATENCY_S
        return f"{fmt(p.wall)} s = {p.wall / bound:.2f}×"

    lines = [
        "| client | N=9 wall, no latency | N=10,000 CPU per symbol, no latency | N=1,000 at 50 ms, 100 at a time: wall = × (⌈N/100⌉+1)×RTT |",
        "|---|---:|---:|---:|",
    ]
    for client in ("aot-c100", "aot-pie-c100", "floor-aot", "floor-aot-polly", "jit-c100", "floor-jit", "floor-jit-polly", "curl"):
        lines.append(
            f"| {CLIENTS[client][0]} | {cell((0, 'http1.1', client, 9), 'wall')} | "
            f"{cell((0, 'http1.1', client, 10_000), 'cpu')} | {cell((50, 'http1.1', client, 1_000), 'bound')} |"
        )
    return lines


def n9_with_latency(points):
    """N=9 when every answer takes 50 ms: the server's wait, not the client, is most of every wall time."""
    lines = [
        "| client | wall | httpx tutorial ÷ this (faster by) | this ÷ curl |",
        "|---|---:|---:|---:|",
    ]
    httpx, curl = points.get((50, "http1.1", "httpx", 9)), points.get((50, "http1.1", "curl", 9))
    for client in ("aot-c100", "floor-aot", "floor-aot-polly", "jit-c100", "curl"):
        p = points.get((50, "http1.1", client, 9))
        if p is None or p.failed or httpx is None or curl is None:
            continue
        lines.append(
            f"| {CLIENTS[client][0]} | {p.wall * 1000:.1f} ms | {httpx.wall / p.wall:.2f}× | {p.wall / curl.wall:.2f} |"
        )
    if httpx is not None and not httpx.failed:
        lines += [
            "",
            f"A client that took no time at all would still wait one 50 ms round trip: the most any client can be "
            f"faster than this run's httpx tutorial is {httpx.wall / LATENCY_S:.1f}× "
            f"({httpx.wall * 1000:.0f} ms ÷ 50 ms).",
        ]
    return lines


def chart(points, path):
    fig, axes = plt.subplots(1, 2, figsize=(14, 6), sharey=True)
    for ax, latency in zip(axes, (0, 50)):
        for client, (label, color, style) in CLIENTS.items():
            for protocol in ("http1.1", "h2c"):
                series = sorted(
                    (p.n, p.wall) for (lat, proto, cl, _), p in points.items() if lat == latency and proto == protocol and cl == client and not p.failed
                )
                if series:
                    xs, ys = zip(*series)
                    ax.plot(xs, ys, style, marker="o", color=color, label=label)
        if latency:
            ns = sorted({k[3] for k in points})
            for c, style in ((100, (0, (1, 3))), (16, (0, (3, 3)))):
                ax.plot(ns, [(math.ceil(n / c) + 1) * LATENCY_S for n in ns], linestyle=style, color="gray", label=f"ideal (⌈N/{c}⌉+1)×50 ms")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("distinct symbols N")
        ax.set_title("upstream answers at once (nginx)" if latency == 0 else f"upstream adds {latency} ms (fake Yahoo, Kestrel)")
        ax.grid(True, which="both", alpha=0.3)
        # Where each panel has no lines: top left without latency, bottom right with it.
        ax.legend(fontsize=7, loc="lower right" if latency else "upper left")
    axes[0].set_ylabel("wall time, s (median)")
    fig.suptitle("QuoteFetch end-to-end: wall time vs N (log-log, lower is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    runs, meta_path, warnings_path, out_md, out_png = sys.argv[1:6]
    points = load(runs)
    meta = dict(line.rstrip("\n").split("=", 1) for line in open(meta_path, encoding="utf-8") if "=" in line)
    warnings = [w.rstrip("\n") for w in open(warnings_path, encoding="utf-8") if w.strip()]
    md = [
        "# End-to-end results (bench/e2e.sh)",
        "",
        f"- Date: {meta.get('date')}; {meta.get('reps')} runs per point, median shown; script took {meta.get('script_minutes')} min",
        f"- Machine: {meta.get('cpu')}, {meta.get('memory')}; {meta.get('os')}",
        f"- Load average before / after: {meta.get('load_before')} / {meta.get('load_after')}",
        f"- quotefetch: commit {meta.get('commit')}; {meta.get('dotnet')}; AOT binary {meta.get('aot_size_mib')} MiB ({meta.get('clang')})",
        f"- Peers: {meta.get('python')}; {meta.get('curl')}; upstream nginx {meta.get('nginx')} (no latency), "
        "the fake Yahoo server (Release) with --latency-ms 50 (50 ms)",
        "- Wall = elapsed time of the whole process, start-up included (bash EPOCHREALTIME around GNU time; the harness "
        f"alone, GNU time + timeout running `true`, takes {meta.get('harness_ms')} ms); CPU = user + sys of the client "
        "process (GNU time, 10 ms steps); peak RSS = GNU time's maximum resident set size of the client. Every run is "
        "checked for N prices (h2load: N 2xx answers; it keeps no bodies).",
        f"- HTTP/2 peer: {meta.get('h2load')}. Debian's curl 7.88.1 cannot be the peer: parallel transfers with "
        "--http2-prior-knowledge fail with \"Error in the HTTP2 framing layer\" (curl/curl#10634, fixed in curl 8).",
        "",
        "## Native AOT publish warnings",
        "",
    ]
    md += ["```", *warnings, "```"] if warnings else ["None: the AOT publish printed no trim or AOT warning (with TrimmerSingleWarn=false)."]
    md += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    md += [f"| {t} | {m} | {'met' if ok else '**missed**'} |" for t, m, ok in targets(points)]
    md += ["", "## N=9 with 50 ms latency (context, not a target)", ""] + n9_with_latency(points)
    md += [
        "",
        "## Floors: what the runtime alone costs",
        "",
        "bench/HttpClientFloor is the least a .NET program can do for this job (one HttpClient, 100 GETs at a time, "
        "bodies to stdout), published like quotefetch, alone and with Polly's retry and timeout in front "
        "(`--resilience`, as quotefetch has them). A target its JIT build misses cannot be met by any JIT-compiled "
        ".NET client here, and one its `--resilience` JIT build misses by none that retries through Polly. The AOT "
        "build linked as .NET links by default shows what "
        f"src/QuoteFetch.Cli's link settings buy at start-up ({meta.get('aot_size_mib')} MiB fixed-address with plain "
        f"data, {meta.get('aot_pie_size_mib')} MiB position-independent with dehydrated data).",
        "",
    ] + floors(points)
    md += ["", "## All points", ""] + table(points)
    md += ["", "![wall time vs N](e2e.png)", ""]
    with open(out_md, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    chart(points, out_png)


if __name__ == "__main__":
    main()
