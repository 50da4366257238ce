// bench_duckdb.mjs - make bench's comparison: DuckDB (npm @duckdb/node-api, installed by
// the bench under build/duckdb, never a runtime dependency of vigie) runs the shipped
// traveller scenarios that have an SQL equivalent over the same CSV, at N threads.
// Prints one JSON object: seconds (connect to last row) and hits per scenario.
//   node bench_duckdb.mjs FILE.csv THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
// Every column as text, as vigie reads it; empty is missing (NULL), values trimmed.
const hubs = `['IST','DXB','DOH','AUH','ADD','NBO','CDG','AMS','FRA','MAD','MEX','PTY','BOG']`;
const ts = (c) => `replace(replace(${c}, 'T', ' '), 'Z', '')::TIMESTAMP`;
const hours = (a, b) => `floor((epoch(${ts(b)}) - epoch(${ts(a)})) / 3600)`;
const when = (cond, weight) => `(CASE WHEN ${cond} THEN ${weight} ELSE 0 END)`;
const paidByOther = 'payer_surname <> surname';
const viaHub = `list_has_any(string_split(itinerary, '|'), ${hubs})`;
const scenarios = {
  // all conditions: go-show, one way, cash, paid by someone of another surname
  'TRV-GO-SHOW-CASH-ONE-WAY': `checkin_status = 'GO_SHOW' AND one_way = 'true' AND form_of_payment = 'CASH'
      AND ${paidByOther}`,
  // all conditions: under 12 at departure (whole years), alone on the booking, no UMNR request
  'TRV-CHILD-ALONE-NO-UMNR': `datesub('year', date_of_birth::DATE, substr(departure, 1, 10)::DATE) < 12
      AND party_size::INTEGER = 1 AND unaccompanied_minor = 'false'`,
  // conditions one way, no checked bag, a journey of 10 hours or more; score >= 4
  'TRV-ONE-WAY-NO-POSSESSIONS': `one_way = 'true' AND baggage_count::INTEGER = 0
      AND ${hours('departure', 'arrival')} >= 10
      AND ${when(paidByOther, 3)} + ${when("form_of_payment = 'CASH'", 2)} + ${when('travel_agency IS NOT NULL', 1)}
        + ${when(viaHub, 1)} + ${when("form_of_payment = 'INV'", -1)}
        + ${when(`${hours('booking_date', 'departure')} >= 720`, -2)} + ${when('frequent_flyer IS NOT NULL', -2)} >= 4`,
};
const start = process.hrtime.bigint();
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const c = await db.connect();
const source = `read_csv('${file.replace(/'/g, "''")}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
const select = Object.entries(scenarios)
  .map(([id, where]) => `count(*) FILTER (WHERE ${where}) AS "${id}"`).join(', ');
const reader = await c.runAndReadAll(`SELECT count(*) AS records, ${select} FROM ${source}`);
const row = reader.getRowObjects()[0];
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const hits = {};
for (const id of Object.keys(scenarios)) hits[id] = Number(row[id]);
console.log(JSON.stringify({ seconds, records: Number(row.records), hits }));
