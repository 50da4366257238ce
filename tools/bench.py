#!/usr/bin/env python3
"""bench.py - make bench: throughput and memory of `vigie run` on seeded inputs, against
the limits of the same files, all measured in one invocation, interleaved, as medians
(with min and max) of BENCH_REPEAT runs; written to bench/results.json and printed.

  limit       a plain C loop that only splits lines into fields (build/bench_split)
  parse-only  vigie run --parse-only --threads 1
  1t, 2t      the shipped ruleset at 1 and 2 threads, --no-store, hits to a file
  1t+store, 2t+store  the same into a fresh review store
  duckdb 1t, 2t  DuckDB (npm @duckdb/node-api, installed here under build/duckdb for the
              bench only) running the SQL equivalent of the shipped traveller scenarios
              that have one, over the travellers CSV; its hit counts checked against vigie's
  same as duckdb 1t, 2t  vigie running those scenarios alone (a copy of the ruleset
              with only them): the same work as DuckDB's, which issue 14's target compares
  peak RSS    at BENCH_N and 4 x BENCH_N travellers (both generated), 2 threads, with the
              shipped ruleset and without its scenarios tagged `links` (no link index)
  links       the travellers CSV at 2 threads with the shipped ruleset without its scenarios
              tagged `links` and with them (they read booking and link values: a first pass
              over the input builds the index): records/s, peak RSS, index size
  fuzzy lists the shipped ruleset on the shipments CSV at 1 thread with uflpa_entities
              as `match: fuzzy` (variants sources/entity_names.csv, threshold 0.90) and as
              `match: exact`: the cost per record of fuzzy entity matching

Environment: BENCH_N (1000000) BENCH_SEED (1) BENCH_REPEAT (3) BENCH_RULESET (scenarios)
BENCH_VIGIE ("vigie=./vigie"; several "label=path" to compare binaries, interleaved)
BENCH_STORE (1: also the store modes) BENCH_DUCKDB (1) BENCH_RSS (1: the 4 x N run)
BENCH_FUZZY (1: the fuzzy lists case) BENCH_LINKS (1: the links case) BENCH_ONLY (fuzzy
or links: that case alone, written to bench/results-fuzzy.json or bench/results-links.json)
"""
import json, os, re, shutil, statistics, subprocess, sys, time

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
N = int(os.environ.get('BENCH_N', '1000000'))
SEED = os.environ.get('BENCH_SEED', '1')
REPEAT = int(os.environ.get('BENCH_REPEAT', '3'))
RULESET = os.environ.get('BENCH_RULESET', 'scenarios')
BINARIES = [tuple(b.split('=', 1)) for b in os.environ.get('BENCH_VIGIE', 'vigie=./vigie').split()]
STORE = os.environ.get('BENCH_STORE', '1') == '1'
DUCKDB = os.environ.get('BENCH_DUCKDB', '1') == '1'
RSS = os.environ.get('BENCH_RSS', '1') == '1'
FUZZY = os.environ.get('BENCH_FUZZY', '1') == '1'
LINKS = os.environ.get('BENCH_LINKS', '1') == '1'
ONLY = os.environ.get('BENCH_ONLY', '')
DIR = 'build/bench-data'
os.makedirs(DIR, exist_ok=True)
os.makedirs('bench', exist_ok=True)


def generate(kind, fmt, n, path):
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        print(f'bench: generating {path}', file=sys.stderr)
        subprocess.run(['./vigie', 'gen', kind, '-n', str(n), '--seed', SEED, '--plant', '0.01',
                        '--format', fmt, '-o', path + '.tmp'], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        os.rename(path + '.tmp', path)
    return path


def summary_of(stderr):
    rss = re.search(r'peak memory ([0-9.]+) MB', stderr)
    read = re.search(r'total \(read = evaluated \+ rejected\) +([0-9,]+)', stderr)
    hits = dict((m.group(1), int(m.group(2).replace(',', '')))
                for m in re.finditer(r'^  ([A-Z][A-Z0-9-]+) +[a-z-]+ +([0-9,]+) +[0-9,]+$', stderr, re.M))
    return (float(rss.group(1)) if rss else None, int(read.group(1).replace(',', '')) if read else None, hits)


def stats(runs):
    t = [x['seconds'] for x in runs]
    med = statistics.median(t)
    records = runs[0]['records']
    out = {'median_s': round(med, 3), 'min_s': round(min(t), 3), 'max_s': round(max(t), 3),
           'records': records, 'records_per_s': round(records / med) if med else None}
    rss = [x['rss_mb'] for x in runs if x.get('rss_mb') is not None]
    if rss:
        out['peak_rss_mb'] = round(statistics.median(rss), 1)
    return out


# ---- fuzzy entity lists: the same ruleset with uflpa_entities fuzzy and exact --------------
def ruleset_with_entities(match):
    """A copy of RULESET whose uflpa_entities list is declared `match: MATCH`."""
    dest = f'{DIR}/ruleset-entities-{match}'
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(RULESET, dest)
    path = f'{dest}/lists/uflpa_entities.yaml'
    lines = [l for l in open(path, encoding='utf-8') if not re.match(r'(match|threshold|variants):', l)]
    at = next(i for i, l in enumerate(lines) if l.startswith('entries:'))
    keys = [f'match: {match}\n']
    if match == 'fuzzy':
        keys += ['threshold: 0.90\n', 'variants: sources/entity_names.csv\n']
    open(path, 'w', encoding='utf-8').writelines(lines[:at] + keys + lines[at:])
    return dest


def bench_fuzzy(path):
    rulesets = {m: ruleset_with_entities(m) for m in ('exact', 'fuzzy')}
    runs = {m: [] for m in rulesets}
    for _ in range(REPEAT):
        for m, rs in rulesets.items():
            start = time.monotonic()
            p = subprocess.run([BINARIES[-1][1], 'run', '--threads', '1', '--no-store', '--force', '--hits',
                                f'{DIR}/hits-{m}.ndjson', '-s', rs, '--rejects', f'{DIR}/rejects.txt', path],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds = time.monotonic() - start
            rss, read, hits = summary_of(p.stderr)
            if read is None:
                sys.exit(f'bench: fuzzy case ({m}) failed:\n{p.stderr[-2000:]}')
            runs[m].append({'seconds': seconds, 'rss_mb': rss, 'records': read, 'hits': hits})
    out = {m: dict(stats(r), uflpa_entity_hits=r[0]['hits'].get('SHP-UFLPA-ENTITY-PARTY', 0))
           for m, r in runs.items()}
    n = out['exact']['records']
    out['fuzzy_cost_us_per_record'] = round((out['fuzzy']['median_s'] - out['exact']['median_s']) / n * 1e6, 3)
    return out


def print_fuzzy(f):
    print(f"\nfuzzy lists (shipments CSV, 1 thread, uflpa_entities):")
    for m in ('exact', 'fuzzy'):
        s = f[m]
        print(f"  {m:<6} {s['median_s']:8.2f} s ({s['min_s']:.2f}-{s['max_s']:.2f}) {s['records_per_s']:11,} records/s, "
              f"SHP-UFLPA-ENTITY-PARTY hits {s['uflpa_entity_hits']}")
    print(f"  fuzzy matching costs {f['fuzzy_cost_us_per_record']} us per record (difference of the medians)")


def links_case():
    """The shipped ruleset without and with its scenarios tagged `links` (the ones that read
    booking and link values, so the run makes a first pass to index them), travellers CSV,
    2 threads."""
    path = generate('traveller', 'csv', N, f'{DIR}/travellers-{N}-{SEED}.csv')
    flags = ['--threads', '2', '--no-store', '--hits', f'{DIR}/hits.ndjson']
    runs = {}
    for r in range(REPEAT):
        for mode, skip in (('2t', ['--skip-tag', 'links']), ('2t+links', [])):
            if os.path.exists(f'{DIR}/hits.ndjson'):
                os.remove(f'{DIR}/hits.ndjson')
            start = time.monotonic()
            p = subprocess.run([BINARIES[-1][1], 'run', *flags, *skip, '-s', RULESET, '--rejects', f'{DIR}/rejects.txt', path],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds = time.monotonic() - start
            rss, read, hits = summary_of(p.stderr)
            if read is None:
                sys.exit(f'bench: links case {mode} failed:\n{p.stderr[-2000:]}')
            ix = re.search(r'booking and link index: ([0-9]+) records(?: \([0-9]+ from earlier runs in the store\))?, ([0-9.]+) MB, built in ([0-9.]+) s', p.stderr)
            runs.setdefault(mode, []).append({'seconds': seconds, 'rss_mb': rss, 'records': read, 'hits': hits,
                                              'index_mb': float(ix.group(2)) if ix else None,
                                              'index_s': float(ix.group(3)) if ix else None})
    out = {'path': path, 'ruleset': RULESET, 'without': "--skip-tag links", 'modes': {}}
    for mode, rs in runs.items():
        st = stats(rs)
        if rs[0]['index_mb'] is not None:
            st['index_mb'] = rs[0]['index_mb']
            st['index_and_first_pass_s'] = statistics.median(x['index_s'] for x in rs)
        st['link_scenario_hits'] = {k: v for k, v in rs[0]['hits'].items()
                                    if k in ('TRV-ESCORT-REPEAT-YOUNG', 'TRV-YOUNG-REPEAT-PAYER', 'TRV-SHARED-CONTACT-UNRELATED')}
        out['modes'][mode] = st
    print(f'\nlinks: travellers CSV, {N} records, 2 threads, median of {REPEAT}')
    for mode, st in out['modes'].items():
        extra = f", index {st['index_mb']} MB, first pass and build {st['index_and_first_pass_s']:.2f} s" if 'index_mb' in st else ''
        print(f"  {mode:<10} {st['median_s']:8.2f} s {st['records_per_s']:11,} records/s  peak RSS {st.get('peak_rss_mb')} MB{extra}")
    return out


if ONLY == 'links':
    result = links_case()
    with open('bench/results-links.json', 'w') as f:
        json.dump({'n': N, 'seed': SEED, 'repeat': REPEAT, 'cores': os.cpu_count(),
                   'load_average': os.getloadavg(), 'links': result}, f, indent=2)
        f.write('\n')
    print('written to bench/results-links.json')
    sys.exit(0)

if ONLY == 'fuzzy':
    shipments = generate('shipment', 'csv', N, f'{DIR}/shipments-{N}-{SEED}.csv')
    result = {'machine': {'cores': os.cpu_count(), 'load_average': os.getloadavg()}, 'n': N, 'seed': SEED,
              'repeat': REPEAT, 'ruleset': RULESET, 'fuzzy_lists': bench_fuzzy(shipments)}
    with open('bench/results-fuzzy.json', 'w') as f:
        json.dump(result, f, indent=2)
        f.write('\n')
    print_fuzzy(result['fuzzy_lists'])
    print('\nwritten to bench/results-fuzzy.json')
    sys.exit(0)

inputs = [
    ('travellers CSV', generate('traveller', 'csv', N, f'{DIR}/travellers-{N}-{SEED}.csv')),
    ('travellers NDJSON', generate('traveller', 'ndjson', N, f'{DIR}/travellers-{N}-{SEED}.ndjson')),
    ('shipments CSV', generate('shipment', 'csv', N, f'{DIR}/shipments-{N}-{SEED}.csv')),
]
subprocess.run(['make', '-s', 'build/bench_split'], check=True)


def run_vigie(binary, flags, path, ruleset=None):
    for f in ('bench.db', 'bench.db-wal', 'bench.db-shm', 'hits.ndjson'):  # (vigie keeps an existing --hits file)
        if os.path.exists(f'{DIR}/{f}'):
            os.remove(f'{DIR}/{f}')
    start = time.monotonic()
    p = subprocess.run([binary, 'run', *flags, '-s', ruleset or RULESET, '--rejects', f'{DIR}/rejects.txt', path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    rss, read, hits = summary_of(p.stderr)
    if read is None:
        sys.exit(f'bench: {binary} {" ".join(flags)} {path} failed:\n{p.stderr[-2000:]}')
    return {'seconds': seconds, 'rss_mb': rss, 'records': read, 'hits': hits}


def run_split(path):
    start = time.monotonic()
    out = subprocess.run(['build/bench_split', path], check=True, capture_output=True, text=True).stdout
    return {'seconds': time.monotonic() - start, 'records': int(out.split()[0]) - (0 if path.endswith('.ndjson') else 1)}


MODES = [('parse-only', ['--parse-only', '--threads', '1', '--no-store', '--hits', f'{DIR}/hits.ndjson']),
         ('1t', ['--threads', '1', '--no-store', '--hits', f'{DIR}/hits.ndjson']),
         ('2t', ['--threads', '2', '--no-store', '--hits', f'{DIR}/hits.ndjson'])]
if STORE:
    MODES += [('1t+store', ['--threads', '1', '--db', f'{DIR}/bench.db', '--hits', f'{DIR}/hits.ndjson']),
              ('2t+store', ['--threads', '2', '--db', f'{DIR}/bench.db', '--hits', f'{DIR}/hits.ndjson'])]

# ---- DuckDB, for the bench only ---------------------------------------------------------
duck_dir = 'build/duckdb'
duck_reason = None
if not DUCKDB:
    duck_reason = 'BENCH_DUCKDB=0'
elif not shutil.which('node') or not shutil.which('npm'):
    duck_reason = 'node and npm are not installed (apt-get install nodejs npm)'
elif not os.path.exists(f'{duck_dir}/node_modules/@duckdb/node-api'):
    os.makedirs(duck_dir, exist_ok=True)
    p = subprocess.run(['npm', 'install', '--prefix', duck_dir, '--no-audit', '--no-fund', '@duckdb/node-api'],
                       capture_output=True, text=True)
    if p.returncode != 0:
        duck_reason = 'npm install @duckdb/node-api failed: ' + (p.stderr.strip().splitlines() or ['?'])[-1]
if duck_reason is None:
    shutil.copy('tools/bench_duckdb.mjs', f'{duck_dir}/bench_duckdb.mjs')


def run_duckdb(path, threads):
    """DuckDB's result, or the first line of its error (a str)."""
    p = subprocess.run(['node', f'{duck_dir}/bench_duckdb.mjs', os.path.abspath(path), str(threads)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return next((l.strip() for l in p.stderr.splitlines() if 'Error' in l), 'no message')[:300]
    return json.loads(p.stdout)


# The scenarios DuckDB's SQL reproduces (tools/bench_duckdb.mjs): vigie also runs them alone
# over the same file, so the comparison is the same work on both sides.
DUCK_SCENARIOS = ('TRV-GO-SHOW-CASH-ONE-WAY', 'TRV-CHILD-ALONE-NO-UMNR', 'TRV-ONE-WAY-NO-POSSESSIONS')


def ruleset_duckdb_subset():
    """A copy of RULESET with only the scenarios DuckDB's SQL has."""
    dest = f'{DIR}/ruleset-duckdb'
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(RULESET, dest)
    ids = '|'.join(DUCK_SCENARIOS)
    for kind in os.listdir(dest):
        if not os.path.isdir(f'{dest}/{kind}') or kind in ('lists', 'schemas', 'lib'):
            continue
        for f in os.listdir(f'{dest}/{kind}'):
            if f.endswith('.lua') and not re.search(rf'\bid\s*=\s*"({ids})"', open(f'{dest}/{kind}/{f}', encoding='utf-8').read()):
                os.remove(f'{dest}/{kind}/{f}')
                if os.path.exists(f'{dest}/{kind}/{f[:-4]}.test.yaml'):
                    os.remove(f'{dest}/{kind}/{f[:-4]}.test.yaml')
    return dest


duck_ruleset = ruleset_duckdb_subset() if duck_reason is None else None


# ---- measure, interleaved -----------------------------------------------------------------
samples = {}  # (input, mode, label) -> [result]
for r in range(REPEAT):
    for name, path in inputs:
        samples.setdefault((name, 'limit', 'C'), []).append(run_split(path))
        for mode, flags in MODES:
            for label, binary in BINARIES:
                samples.setdefault((name, mode, label), []).append(run_vigie(binary, flags, path))
        if name == 'travellers CSV' and duck_reason is None:
            for threads in (1, 2):
                d = run_duckdb(path, threads)
                if isinstance(d, str):
                    duck_reason = 'the DuckDB script failed: ' + d
                    break
                samples.setdefault((name, f'duckdb {threads}t', 'duckdb'), []).append(d)
                for label, binary in BINARIES:
                    samples.setdefault((name, f'same as duckdb {threads}t', label), []).append(
                        run_vigie(binary, ['--threads', str(threads), '--no-store', '--hits', f'{DIR}/hits.ndjson'],
                                  path, duck_ruleset))
    print(f'bench: round {r + 1} of {REPEAT} done', file=sys.stderr)


results = {'machine': {'cores': os.cpu_count(), 'load_average': os.getloadavg()}, 'n': N, 'seed': SEED,
           'repeat': REPEAT, 'ruleset': RULESET, 'binaries': dict(BINARIES), 'inputs': {}, 'duckdb': {}, 'rss': {},
           'targets': {}}
for name, path in inputs:
    entry = {'path': path, 'bytes': os.path.getsize(path), 'modes': {}}
    for (n, mode, label), runs in samples.items():
        if n == name:
            entry['modes'].setdefault(mode, {})[label] = stats(runs)
    results['inputs'][name] = entry

# DuckDB's hits against vigie's, scenario by scenario
if duck_reason is None and ('travellers CSV', 'duckdb 1t', 'duckdb') in samples:
    d = samples[('travellers CSV', 'duckdb 1t', 'duckdb')][0]
    v = samples[('travellers CSV', '1t', BINARIES[-1][0])][0]['hits']
    checks = {sid: {'duckdb': h, 'vigie': v.get(sid)} for sid, h in d['hits'].items()}
    results['duckdb'] = {'package': '@duckdb/node-api (npm), under build/duckdb', 'scenarios': checks,
                         'hits_agree': all(c['duckdb'] == c['vigie'] for c in checks.values())}
else:
    results['duckdb'] = {'left_out': duck_reason}

# peak RSS at N and 4 x N travellers (generated with the same seed: a file repeated four
# times over would share every booking and link value four ways, which no real day does),
# with the shipped ruleset, and without its scenarios tagged `links` (streaming alone: the
# link index is the only part of vigie whose memory grows with the input)
if RSS:
    big = generate('traveller', 'csv', 4 * N, f'{DIR}/travellers-{4 * N}-{SEED}.csv')
    for label, binary in BINARIES:
        flags = ['--threads', '2', '--no-store', '--hits', f'{DIR}/hits.ndjson']
        for case, extra in (('ruleset', []), ('without links', ['--skip-tag', 'links'])):
            small = run_vigie(binary, flags + extra, inputs[0][1])
            large = run_vigie(binary, flags + extra, big)
            results['rss'].setdefault(label, {})[case] = {
                'records_small': small['records'], 'peak_rss_mb_small': small['rss_mb'],
                'records_large': large['records'], 'peak_rss_mb_large': large['rss_mb'],
                'seconds_large': round(large['seconds'], 2)}

if FUZZY:
    results['fuzzy_lists'] = bench_fuzzy(inputs[2][1])
if LINKS:
    results['links'] = links_case()

# ---- targets (issue 14) ---------------------------------------------------------------------
for label, _ in BINARIES:
    t = {}
    for name, entry in results['inputs'].items():
        m = entry['modes']
        rate = lambda mode, lab=label: (m.get(mode, {}).get(lab) or {}).get('records_per_s')
        limit = m['limit']['C']['records_per_s']
        t[name] = {'1t_vs_parse_only (>= 0.8)': round(rate('1t') / rate('parse-only'), 2),
                   'parse_only_vs_limit (>= 0.6)': round(rate('parse-only') / limit, 2),
                   '2t_vs_1t (>= 1.8)': round(rate('2t') / rate('1t'), 2)}
        if STORE:
            t[name]['store_cost_2t'] = round(m['2t+store'][label]['median_s'] / m['2t'][label]['median_s'] - 1, 2)
        if name == 'travellers CSV' and 'duckdb 1t' in m and 'same as duckdb 2t' in m:
            for th in (1, 2):
                # the same three scenarios on both sides (the full ruleset does far more)
                t[name][f'vs_duckdb_{th}t (>= 3)'] = round(rate(f'same as duckdb {th}t') /
                                                           m[f'duckdb {th}t']['duckdb']['records_per_s'], 2)
    for case, r in results['rss'].get(label, {}).items():
        t[f'rss {case}'] = {'4N_vs_N (<= 1.10)': round(r['peak_rss_mb_large'] / r['peak_rss_mb_small'], 2),
                            'peak_4N_mb (< 64)': r['peak_rss_mb_large']}
    results['targets'][label] = t

with open('bench/results.json', 'w') as f:
    json.dump(results, f, indent=2)
    f.write('\n')

# ---- the table ------------------------------------------------------------------------------
print(f'\nvigie bench: {N} records per input, seed {SEED}, median of {REPEAT} (min-max), '
      f'{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; whole process, ruleset load included')
for name, entry in results['inputs'].items():
    print(f"\n{name}: {entry['bytes'] / 1e6:.0f} MB")
    print(f"  {'mode':<12} {'binary':<10} {'seconds':>8} {'(min-max)':>14} {'records/s':>11} {'peak RSS MB':>12}")
    order = ['limit', 'parse-only', '1t', '2t', '1t+store', '2t+store', 'same as duckdb 1t', 'duckdb 1t',
             'same as duckdb 2t', 'duckdb 2t']
    for mode in order:
        for label, s in entry['modes'].get(mode, {}).items():
            rss = f"{s['peak_rss_mb']:.1f}" if 'peak_rss_mb' in s else ''
            print(f"  {mode:<12} {label:<10} {s['median_s']:8.2f} {s['min_s']:6.2f}-{s['max_s']:<6.2f} "
                  f"{s['records_per_s']:11,} {rss:>12}")
if results['duckdb'].get('left_out'):
    print(f"\nDuckDB left out: {results['duckdb']['left_out']}")
else:
    print('\nDuckDB hits against vigie (travellers CSV): ' + ', '.join(
        f"{sid} {c['duckdb']}/{c['vigie']}" for sid, c in results['duckdb']['scenarios'].items()) +
          (' (agree)' if results['duckdb']['hits_agree'] else ' (DISAGREE)'))
for label, cases in results['rss'].items():
    for case, r in cases.items():
        print(f"peak RSS {label}, {case}: {r['peak_rss_mb_small']} MB at {r['records_small']:,} records, "
              f"{r['peak_rss_mb_large']} MB at {r['records_large']:,}")
if FUZZY:
    print_fuzzy(results['fuzzy_lists'])
print('\ntargets (issue 14):')
for label, t in results['targets'].items():
    for name, figures in t.items():
        print(f'  {label:<10} {name:<18} ' + ', '.join(f'{k} {v}' for k, v in figures.items()))
print('\nwritten to bench/results.json')
