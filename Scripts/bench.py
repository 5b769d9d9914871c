#!/usr/bin/env python3
"""Benchmarks for unsent, measured side by side with their peers in one run.

Called by Scripts/bench (which installs what is needed). Every figure is a median over repeated
runs, with the two sides alternating so that a noisy machine affects both alike. Results go to
BENCHMARKS.md and are printed as a table.
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time
from datetime import datetime, timezone

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--venv", required=True)
parser.add_argument("--quick", action="store_true", help="a smaller run that CI can afford")
parser.add_argument("--out", default=None, help="where to write the report (default BENCHMARKS.md, or nothing with --quick)")
args = parser.parse_args()

ROOT = args.root
UNSENT = os.path.join(ROOT, ".build", "release", "unsent")
PY = os.path.join(args.venv, "bin", "python")
JRNL = os.path.join(args.venv, "bin", "jrnl")
RUNS = 5 if args.quick else 15
WORK = tempfile.mkdtemp(prefix="unsent-bench-")
rows = []  # (measure, unsent, peer, ratio, target, verdict)


def env(home):
    e = {k: v for k, v in os.environ.items() if not k.startswith("UNSENT_")}
    e.update({"HOME": home, "XDG_DATA_HOME": os.path.join(home, "data"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
              "NO_COLOR": "1", "LC_ALL": "C.UTF-8"})
    return e


def timed(cmd, stdin=b"", environment=None, cwd=None):
    start = time.perf_counter()
    result = subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment, cwd=cwd)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:3])} failed with {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed


def first_prompt(cmd, environment=None):
    """Seconds from starting `cmd` to the first bytes of its first prompt on standard output (a pipe);
    then `quit` is typed and the run must end well."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment)
    first = os.read(process.stdout.fileno(), 65536)
    elapsed = time.perf_counter() - start
    _, errors = process.communicate(b"quit\n")
    if process.returncode != 0 or not first:
        sys.exit(f"bench: {' '.join(cmd[:3])} failed with {process.returncode}: {errors.decode()[-500:]}")
    return elapsed


def alternate(sides, runs=RUNS):
    """Runs each side `runs` times, alternating, and returns the median seconds of each."""
    samples = {name: [] for name in sides}
    for _ in range(runs):
        for name, run in sides.items():
            samples[name].append(run())
    return {name: statistics.median(values) for name, values in samples.items()}


def jrnl_home():
    home = tempfile.mkdtemp(dir=WORK, prefix="jrnl-")
    config = os.path.join(home, "config", "jrnl")
    os.makedirs(config)
    version = subprocess.run([JRNL, "--version"], capture_output=True, text=True).stdout.split()[-1] if os.path.exists(JRNL) else "v4"
    with open(os.path.join(config, "jrnl.yaml"), "w") as f:
        f.write(f"""colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {home}/journal.txt
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: {version if version.startswith('v') else 'v' + version}
""")
    return home


def fmt_ms(seconds):
    return f"{seconds * 1000:.1f} ms"


# 0. The floors: process start, a static Swift program, and unsent --version ------------------
# A Swift "hello world" linked like unsent (the Swift runtime inside the binary), built once per run.
hello_dir = tempfile.mkdtemp(dir=WORK, prefix="hello-")
with open(os.path.join(hello_dir, "main.swift"), "w") as f:
    f.write('print("hello")\n')
HELLO = os.path.join(hello_dir, "hello")
subprocess.run(["swiftc", "-O", "-static-stdlib", os.path.join(hello_dir, "main.swift"), "-o", HELLO], check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
medians = alternate({
    "unsent": lambda: timed([UNSENT, "--version"]),
    "hello": lambda: timed([HELLO]),
    "true": lambda: timed(["true"]),
})
rows.append(("`unsent --version`", fmt_ms(medians["unsent"]),
             f"static Swift hello world {fmt_ms(medians['hello'])}; `true` {fmt_ms(medians['true'])}",
             f"{medians['unsent'] / medians['hello']:.2f}× hello world; {medians['unsent'] / medians['true']:.1f}× `true`",
             "", None))
floors = medians

# 1. Start to first prompt ---------------------------------------------------------------
home = tempfile.mkdtemp(dir=WORK, prefix="home-")
store = os.path.join(home, "start.sqlite")
# Two runs before measuring: the first makes the store and the content snapshot, the second makes the
# store's first integrity check (weekly after that).
for _ in range(2):
    subprocess.run([UNSENT, "log", "note", "warm up", "--store", store], env=env(home), check=True, stdout=subprocess.DEVNULL)
jhome = jrnl_home()
medians = alternate({
    "unsent": lambda: first_prompt([UNSENT, "--store", store], env(home)),
    "whole": lambda: timed([UNSENT, "--store", store], b"quit\n", env(home)),
    "true": lambda: timed(["true"]),
    "hello": lambda: timed([HELLO]),
    "jrnl": lambda: timed([JRNL, "one entry for the benchmark"], b"", env(jhome)),
})
rows.append(("Start to first prompt (first bytes of the home menu on a pipe), empty store", fmt_ms(medians["unsent"]),
             f"jrnl one entry {fmt_ms(medians['jrnl'])}; static Swift hello world {fmt_ms(medians['hello'])}; "
             f"`true` {fmt_ms(medians['true'])}",
             f"{medians['jrnl'] / medians['unsent']:.1f}× faster than jrnl; {medians['unsent'] / medians['hello']:.1f}× hello world",
             "≤ 8 ms and ≥ 15× jrnl", medians["unsent"] <= 0.008 and medians["jrnl"] / medians["unsent"] >= 15))
startup_small = medians["unsent"]
rows.append(("Start, `quit`, exit (`printf 'quit\\n' | unsent`), empty store", fmt_ms(medians["whole"]),
             f"jrnl one entry {fmt_ms(medians['jrnl'])}", f"{medians['jrnl'] / medians['whole']:.1f}× faster than jrnl", "", None))

# 2. Quick log -----------------------------------------------------------------------------
medians = alternate({
    "unsent": lambda: timed([UNSENT, "log", "note", "a short note", "--store", store], b"", env(home)),
    "jrnl": lambda: timed([JRNL, "a short note"], b"", env(jhome)),
})
rows.append(("Quick log (`unsent log note \"text\"`)", fmt_ms(medians["unsent"]), f"`jrnl \"text\"` {fmt_ms(medians['jrnl'])}",
             f"{medians['jrnl'] / medians['unsent']:.1f}× faster", "≤ 8 ms and ≥ 15× jrnl",
             medians["unsent"] <= 0.008 and medians["jrnl"] / medians["unsent"] >= 15))

# 2b. What --durable costs: the same note, each commit waiting for the disk (synchronous=FULL).
medians = alternate({
    "durable": lambda: timed([UNSENT, "log", "note", "a short note", "--store", store, "--durable"], b"", env(home)),
    "normal": lambda: timed([UNSENT, "log", "note", "a short note", "--store", store], b"", env(home)),
})
rows.append(("Quick log with `--durable` (synchronous=FULL)", fmt_ms(medians["durable"]), f"without it {fmt_ms(medians['normal'])}",
             f"{medians['durable'] / medians['normal']:.2f}× the default", "", None))

# 3. Throughput: free text matched against the reframe cards, every turn committed --------------
lines_count = 2000 if args.quick else 10000
samples = [l.split("\t", 1)[1].strip() for l in open(os.path.join(ROOT, "Tests/UnsentCoreTests/Fixtures/reframes/labelled.tsv"))
           if "\t" in l and not l.startswith("#")]
# Only lines the crisis check leaves alone: a crisis line (rightly) stops the script and asks
# whether the person is safe, which would end the loop early.
checked = subprocess.run([UNSENT, "content", "match", "safety"], input="\n".join(samples).encode(), capture_output=True).stdout.decode().splitlines()
commands = {"help", "back", "menu", "quit", "exit", "sos", "?"}
samples = [line for line, verdict in zip(samples, checked) if verdict == "-" and line.strip().lower() not in commands and line.strip()]
# Nor lines that say what the person wants to do ("i want to text him"): at the "Which of these is
# closest?" question they would take the loop into another conversation (writing a message, which
# takes every later line as one draft).
intents = subprocess.run([UNSENT, "content", "match", "intents"], input="\n".join(samples).encode(), capture_output=True).stdout.decode().splitlines()
samples = [line for line, intent in zip(samples, intents) if intent.split("\t")[0] == "-"]
lines = [samples[i % len(samples)] for i in range(lines_count)]
content = os.path.join(WORK, "content")
shutil.copytree(os.path.join(ROOT, "Content"), content)
with open(os.path.join(content, "flows", "bench.flow"), "w") as f:
    f.write("# Benchmark only: every line is matched against the reframe cards.\n"
            "flow bench\n  node loop\n    ask line as text: Say something.\n    match line with reframes\n    goto loop\n")
stdin = ("\n".join(lines) + "\nquit\n").encode()
eliza = ("import sys, time\nfrom nltk.chat.eliza import eliza_chatbot\nlines = sys.stdin.read().splitlines()\n"
         "for line in lines: eliza_chatbot.respond(line)\n")
counts = {}


def unsent_throughput():
    path = os.path.join(tempfile.mkdtemp(dir=WORK), "t.sqlite")
    seconds = timed([UNSENT, "dev", "run", "bench", "--content", content, "--store", path, "--seed", "1"], stdin, env(home))
    turns = int(subprocess.run(["sqlite3", path, "select count(*) from turn"], capture_output=True, text=True).stdout or 0) \
        if shutil.which("sqlite3") else None
    counts["turns"] = turns
    return seconds


# The storage floor: the same commits with nothing else, through the same SQLite library (Python's
# sqlite3 module links the system's): one transaction per line holding as many turns as unsent
# writes per line, in WAL mode with synchronous=NORMAL as unsent's store.
floor_script = """
import sqlite3, sys, time
lines, per_line, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(path, isolation_level=None)
db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=NORMAL')
db.execute('CREATE TABLE turn (id INTEGER PRIMARY KEY, sessionId INTEGER, sequence INTEGER, speaker TEXT, text TEXT, at TEXT)')
db.execute('CREATE INDEX turn_session ON turn (sessionId, sequence)')
for line in range(lines):
    db.execute('BEGIN')
    for turn in range(per_line):
        db.execute('INSERT INTO turn (sessionId, sequence, speaker, text, at) VALUES (1, ?, ?, ?, ?)',
                   (line * per_line + turn, 'bot', 'A line of dialogue of ordinary length, said back.', '2026-12-05 06:00:00.000'))
    db.execute('COMMIT')
"""


def sqlite_floor():
    path = os.path.join(tempfile.mkdtemp(dir=WORK), "floor.sqlite")
    per_line = max(1, round((counts.get("turns") or 5 * lines_count) / lines_count))
    return timed([sys.executable, "-c", floor_script, str(lines_count), str(per_line), path])


throughput_runs = 3 if args.quick else 10
medians = alternate({"unsent": unsent_throughput, "eliza": lambda: timed([PY, "-c", eliza], "\n".join(lines).encode()),
                     "floor": sqlite_floor}, runs=throughput_runs)
turns = counts.get("turns") or 0
unsent_lines = lines_count / medians["unsent"]
eliza_lines = lines_count / medians["eliza"]
floor_lines = lines_count / medians["floor"]
turns_per_second = turns / medians["unsent"] if turns else 0
rows.append((f"Throughput, {lines_count:,} lines through a free-text flow (match + commit every turn)",
             f"{unsent_lines:,.0f} lines/s; {turns_per_second:,.0f} turns/s ({turns:,} turns)",
             f"nltk ELIZA {eliza_lines:,.0f} lines/s (stores nothing); the commits alone, in SQLite from Python, "
             f"{floor_lines:,.0f} lines/s",
             f"{unsent_lines / eliza_lines:.2f}× ELIZA; the commits alone are {floor_lines / eliza_lines:.1f}× ELIZA",
             "≥ 1.5× ELIZA", unsent_lines / eliza_lines >= 1.5))

# 4. Content scale ---------------------------------------------------------------------------
sizes = [1000, 10000] if args.quick else [1000, 10000, 100000]
load, cold = {}, {}
for nodes in sizes:
    folder = os.path.join(WORK, f"pack-{nodes}")
    subprocess.run([UNSENT, "dev", "make-content", "--nodes", str(nodes), "--cards", str(max(200, nodes // 5)), folder], check=True)
    times = "3" if nodes >= 100000 else "7"
    # What every start after the first does: read the files, check their fingerprint, read the snapshot.
    out = subprocess.run([UNSENT, "dev", "load-time", folder, "--times", times, "--snapshot"], capture_output=True, text=True, check=True)
    load[nodes] = json.loads(out.stdout)["median_ms"]
    # What the first start after a change does: parse, link and check every file.
    out = subprocess.run([UNSENT, "dev", "load-time", folder, "--times", times], capture_output=True, text=True, check=True)
    cold[nodes] = json.loads(out.stdout)["median_ms"]
scale = "; ".join(f"{n:,} nodes {load[n]:.1f} ms" for n in sizes)
linear = all(load[b] / load[a] < (b / a) * 1.5 for a, b in zip(sizes, sizes[1:]))
rows.append(("Content load from its snapshot (generated packs; cards = nodes ÷ 5, 2,000 at 10k)", scale,
             "parsing: " + "; ".join(f"{n:,} nodes {cold[n]:.1f} ms" for n in sizes),
             "per 10× nodes: " + ", ".join(f"×{load[b] / load[a]:.1f}" for a, b in zip(sizes, sizes[1:]))
             + f"; {cold[10000] / load[10000]:.1f}× faster than parsing at 10k",
             "10k nodes ≤ 25 ms; grows linearly", load[10000] <= 25 and linear))

# 5. Engine time per turn at 200 cards ------------------------------------------------------
out = json.loads(subprocess.run([UNSENT, "dev", "bench-engine", "--cards", "200", "--turns", "20000"], capture_output=True, text=True, check=True).stdout)
out24 = json.loads(subprocess.run([UNSENT, "dev", "bench-engine", "--cards", "24", "--turns", "20000"], capture_output=True, text=True, check=True).stdout)
rows.append(("Engine time per turn, 200 cards (no store)", f"median {out['median_us']:.1f} µs, p99 {out['p99_us']:.1f} µs",
             f"24 cards: median {out24['median_us']:.1f} µs", f"{out['median_us'] / out24['median_us']:.2f}× the 24-card time",
             "< 1 ms", out["median_us"] < 1000))

# 6. Peak memory of an ordinary session -------------------------------------------------------
session = b"7\n1\n\nI miss you so much\nplease just talk to me\n\nno\n\nno\n3\n1\n"
mem_home = tempfile.mkdtemp(dir=WORK)
peaks = []
for _ in range(3):
    result = subprocess.run(["/usr/bin/time", "-f", "%M", UNSENT, "urge", "--store", os.path.join(mem_home, "m.sqlite")],
                            input=session, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env(mem_home))
    peaks.append(int(result.stderr.decode().strip().splitlines()[-1]))
peak = statistics.median(peaks) / 1024
rows.append(("Peak memory (max RSS) of an urge session", f"{peak:.1f} MiB", "", "", "≤ 24 MiB", peak <= 24))

# 7. The ten-year store ------------------------------------------------------------------------
has_make_store = subprocess.run([UNSENT, "dev", "make-store", "--help"], capture_output=True).returncode == 0
if has_make_store and not args.quick:
    big = os.path.join(WORK, "ten-years.sqlite")
    started = time.perf_counter()
    subprocess.run([UNSENT, "dev", "make-store", "--years", "10", "--out", big], check=True, stdout=subprocess.DEVNULL)
    made = time.perf_counter() - started
    size_mb = sum(os.path.getsize(p) for p in [big, big + "-wal"] if os.path.exists(p)) / 1e6
    year = os.path.join(WORK, "one-year.sqlite")
    subprocess.run([UNSENT, "dev", "make-store", "--years", "1", "--out", year], check=True, stdout=subprocess.DEVNULL)
    empty = os.path.join(WORK, "empty.sqlite")
    subprocess.run([UNSENT, "log", "note", "x", "--store", empty], check=True, stdout=subprocess.DEVNULL, env=env(home))
    # The first start of a store makes its integrity check (weekly after that): not what a start costs.
    for path in (big, year, empty):
        subprocess.run([UNSENT, "--store", path], input=b"quit\n", check=True, stdout=subprocess.DEVNULL, env=env(home))
    medians = alternate({
        "stats": lambda: timed([UNSENT, "stats", "--store", big], b"", env(home)),
        "search": lambda: timed([UNSENT, "search", "closure", "--store", big], b"", env(home)),
        "start-big": lambda: first_prompt([UNSENT, "--store", big], env(home)),
        "start-year": lambda: first_prompt([UNSENT, "--store", year], env(home)),
        "start-empty": lambda: first_prompt([UNSENT, "--store", empty], env(home)),
    }, runs=RUNS)
    slower = medians["start-big"] / medians["start-empty"] - 1
    slower_year = medians["start-year"] / medians["start-empty"] - 1
    rows.append(("Ten-year store: `unsent stats`", fmt_ms(medians["stats"]), "", "", "< 100 ms", medians["stats"] < 0.1))
    rows.append(("Ten-year store: `unsent search closure`", fmt_ms(medians["search"]), "", "", "< 50 ms", medians["search"] < 0.05))
    rows.append(("Ten-year store: size", f"{size_mb:.0f} MB (made in {made:.0f} s)", "", "", "< 300 MB", size_mb < 300))
    rows.append(("One-year store: start-up", fmt_ms(medians["start-year"]), f"empty store {fmt_ms(medians['start-empty'])}",
                 f"{slower_year * 100:+.0f}%", "≤ +10%", slower_year <= 0.10))
    rows.append(("Ten-year store: start-up", fmt_ms(medians["start-big"]), f"empty store {fmt_ms(medians['start-empty'])}",
                 f"{slower * 100:+.0f}%", "≤ +10%", slower <= 0.10))
else:
    rows.append(("Ten-year store", "not measured" + (" (--quick)" if args.quick else " (no `unsent dev make-store` in this build)"), "", "", "", None))

# Report ----------------------------------------------------------------------------------------
binary_mb = os.path.getsize(UNSENT) / 1e6
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
header = ["Measure", "unsent", "Peer / baseline", "Ratio", "Target", "Met"]
table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
for measure, ours, peer, ratio, target, ok in rows:
    verdict = "—" if ok is None else ("yes" if ok else "**no**")
    table.append(f"| {measure} | {ours} | {peer} | {ratio} | {target} | {verdict} |")
jrnl_version = subprocess.run([JRNL, "--version"], capture_output=True, text=True).stdout.strip().splitlines()[0]
nltk_version = subprocess.run([PY, "-c", "import nltk; print(nltk.__version__)"], capture_output=True, text=True).stdout.strip()
report = f"""# Benchmarks

Measured by `Scripts/bench{' --quick' if args.quick else ''}` on {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.
Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()} (a shared machine: figures are medians of
{RUNS} alternating runs per side, so noise affects both sides alike).
unsent is the static release build that `Scripts/run` makes and people run (`swift build -c release --static-swift-stdlib
--product unsent`: the Swift runtime and Foundation linked into the binary), {binary_mb:.1f} MB.
Peers: {jrnl_version} (a command-line journal) and nltk {nltk_version}'s `eliza_chatbot` (a scripted terminal chatbot), from PyPI.

{chr(10).join(table)}

How each figure is taken:
- `unsent --version`: the floor of any unsent start (process, the static Swift runtime and Foundation, the binary's
  size), beside `true` (process start alone) and a Swift "hello world" built by `swiftc -O -static-stdlib` in the same
  run. Every ratio in the table compares figures taken in this one run, side by side.
- Start to first prompt: the time until the first bytes of the home menu arrive on a pipe (then `quit` is typed);
  "start, quit, exit" is the whole run with `quit` already on standard input. Both on a store that already exists and with the
  content snapshot already in the cache folder (made by the first run after a build); `true` is the floor (process
  start); jrnl writes one entry to a plain-text journal. Before its first prompt a start reads only the first part of
  the content snapshot; the matching tables, the crisis rules and the trained readers are read on other threads once
  the prompt is on screen, so the whole run with `quit` waits for them where the prompt does not. The one-year and ten-year stores are made by
  `unsent dev make-store` and started once before measuring (the first start of a store makes its integrity check,
  which then runs weekly).
- Throughput: a benchmark flow that asks for a line, matches it against the bundled reframe cards and loops; every turn (the
  person's line and each bot line) is committed to the SQLite store before it is shown, one transaction per step. Lines come
  from the labelled reframe set (those the crisis check and the intents leave alone, so the loop runs to the end). ELIZA answers the same
  lines in one Python process and stores nothing. "The commits alone" is the floor any tool that commits every turn
  stands on: the same number of transactions, each holding as many turns as unsent writes per line, made from Python
  through the same system SQLite with nothing else done.
- Content load: `unsent dev make-content` writes a flow of N nodes (each asks, matches and jumps) and N ÷ 5 cards;
  `unsent dev load-time --snapshot` reads the files, takes their fingerprint and reads the snapshot made from them (what
  every start does once the snapshot exists); `unsent dev load-time` parses, links and checks them (the first start
  after a change).
- Engine time per turn: `unsent dev bench-engine` steps the engine alone over generated cards.
- Peak memory: GNU time's maximum resident set size of `unsent urge` with a whole conversation piped in, median of
  three, run from the binary as the build wrote it. Most of it is the program's own code, which the kernel maps in
  64 KB runs around each page a session touches; release builds place the functions sessions run side by side
  (`Scripts/link-order`).
"""
out_path = args.out or (None if args.quick else os.path.join(ROOT, "BENCHMARKS.md"))
print("\n".join(table))
if out_path:
    with open(out_path, "w") as f:
        f.write(report)
    print(f"\nwrote {out_path}")
shutil.rmtree(WORK, ignore_errors=True)
