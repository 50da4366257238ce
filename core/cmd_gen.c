/* cmd_gen.c - `vigie gen`: seeded synthetic traveller or shipment manifests, with planted patterns and their ground truth. */
#include "cmd.h"
#include "gen.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char cmd_gen_usage[] =
    "usage: vigie gen traveller|shipment -n N [--seed S] [--format csv|ndjson|paxlst|pnrgov]\n"
    "                 [--plant RATE] [--lookalike RATE] [--truth FILE] [-o FILE] [-q]\n"
    "\n"
    "Write N synthetic records of one kind, matching scenarios/schemas/KIND.yaml, for\n"
    "demos, benchmarks and the evaluation of scenarios against a known ground truth.\n"
    "The same options and seed always give byte-identical output and truth. No record\n"
    "describes a real person: names are random combinations of common names, phones\n"
    "use the fictional 555-01xx block, e-mails the example.com/.org/.net domains and\n"
    "companies are invented.\n"
    "\n"
    "options:\n"
    "  -n, --count N        records to write (required; 0 to 100000000)\n"
    "  --seed S             seed of the pseudo-random generator (default 1)\n"
    "  --format F           csv (the default; ndjson when -o ends in .ndjson or .jsonl):\n"
    "                       csv is a header row, then one record a line, lists\n"
    "                       '|'-separated; ndjson is one JSON object a line, lists as\n"
    "                       arrays, empty fields left out; travellers also as UN/EDIFACT\n"
    "                       (-o FILE.edi): pnrgov, one PNRGOV message per booking\n"
    "                       (streamed), or paxlst, one PAXLST message per flight (up\n"
    "                       to 100,000 travellers are held to group them); each\n"
    "                       carries only the fields its message has (docs/edifact.md)\n"
    "  --plant RATE         share of units carrying a planted pattern, 0 to 1 (default\n"
    "                       0); a unit is a PNR for travellers, a record for shipments\n"
    "  --lookalike RATE     share of units built as innocent look-alikes of a pattern\n"
    "                       (default: the --plant rate)\n"
    "  --truth FILE         write the ground truth as CSV: key,pattern,label with one\n"
    "                       row per record; key is passenger_id or shipment_id, pattern\n"
    "                       the pattern name or 'none', label planted, lookalike or\n"
    "                       background\n"
    "  -o, --output FILE    write the records to FILE instead of standard output\n"
    "  -q, --quiet          no summary of the planted patterns on standard error\n"
    "\n"
    "traveller patterns (planted):  minor_third_party, young_adult_recruited,\n"
    "  shared_contact_group, facilitator_escort, cash_last_minute_one_way,\n"
    "  payer_for_several_young\n"
    "traveller look-alikes:         lookalike_family_different_surnames,\n"
    "  lookalike_last_minute_business, lookalike_student, lookalike_large_family,\n"
    "  lookalike_school_group, lookalike_tour_operator\n"
    "shipment patterns (planted):   dol_listed_good, uflpa_sector_transshipped,\n"
    "  vague_description, undervalued, front_company, listed_entity_variant,\n"
    "  new_shipper_risk_sector\n"
    "shipment look-alikes:          lookalike_lawful_listed_origin, lookalike_transshipment,\n"
    "  lookalike_similar_entity_name, lookalike_new_exporter\n"
    "The patterns, the background invariants and the reference data are described in\n"
    "docs/generator.md.\n"
    "\n"
    "exit status: 0 done, 2 bad command line, 4 an output could not be written.\n"
    "\n"
    "examples:\n"
    "  vigie gen traveller -n 100000 --seed 7 --plant 0.02 --truth truth.csv -o travellers.csv\n"
    "  vigie gen shipment -n 5000 --format ndjson --plant 0.05 -o shipments.ndjson\n"
    "  vigie gen traveller -n 5000 --format pnrgov -o bookings.edi\n"
    "  vigie gen traveller -n 10 | column -s, -t\n";

#define MAX_COUNT 100000000ULL

static int usage_error(const char *option, const char *problem, const char *value)
{
    if (value)
        fprintf(stderr, "vigie gen: %s: %s, got '%s' (see 'vigie help gen')\n", option, problem, value);
    else
        fprintf(stderr, "vigie gen: %s: %s (see 'vigie help gen')\n", option, problem);
    return EXIT_USAGE;
}

static bool parse_count(const char *text, uint64_t max, uint64_t *out)
{
    if (!text || !*text) return false;
    for (const char *p = text; *p; p++)
        if (*p < '0' || *p > '9') return false;
    errno = 0;
    char *end;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || *end || value > max) return false;
    *out = value;
    return true;
}

static bool parse_rate(const char *text, double *out)
{
    if (!text || !*text) return false;
    errno = 0;
    char *end;
    double value = strtod(text, &end);
    if (errno || *end || !isfinite(value) || value < 0 || value > 1) return false;
    *out = value;
    return true;
}

/* "--name value" or "--name=value"; advances *i past a separate value. */
static bool option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0) return false;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return true;
    }
    if (arg[n] != '\0') return false;
    *value = *i + 1 < argc ? argv[++*i] : NULL;
    return true;
}

static FILE *open_output(const char *path)
{
    if (!path || !strcmp(path, "-")) return stdout;
    return fopen(path, "wb");
}

static void print_summary(const char *kind, const gen_options *opt, const gen_stats *stats)
{
    const char *unit = strcmp(kind, "traveller") ? "shipments" : "PNRs";
    fprintf(stderr, "vigie gen: %llu %s records (%llu %s), seed %llu, plant %.4g, lookalike %.4g\n",
            (unsigned long long)stats->records, kind, (unsigned long long)stats->units, unit,
            (unsigned long long)opt->seed, opt->plant_rate, opt->lookalike_rate);
    for (int i = 0; i < stats->pattern_count; i++) {
        if (stats->pattern_label[i] == GEN_BACKGROUND) continue;
        fprintf(stderr, "  %-10s %-38s %9llu %s %9llu records\n", gen_label_name(stats->pattern_label[i]),
                stats->pattern_name[i], (unsigned long long)stats->pattern_units[i], unit,
                (unsigned long long)stats->pattern_records[i]);
    }
}

int cmd_gen(int argc, char **argv)
{
    const char *kind = NULL, *output = NULL, *truth_path = NULL, *value = NULL;
    bool format_given = false;
    gen_options opt = { .count = 0, .seed = 1, .format = GEN_CSV, .plant_rate = 0, .lookalike_rate = -1 };
    bool have_count = false, quiet = false;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            fputs(cmd_gen_usage, stdout);
            return EXIT_CLEAN;
        } else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
            quiet = true;
        } else if (option_value(argc, argv, &i, "-n", &value) || option_value(argc, argv, &i, "--count", &value)) {
            if (!parse_count(value, MAX_COUNT, &opt.count))
                return usage_error("-n", "expected a record count from 0 to 100000000", value);
            have_count = true;
        } else if (option_value(argc, argv, &i, "--seed", &value)) {
            if (!parse_count(value, UINT64_MAX, &opt.seed))
                return usage_error("--seed", "expected a non-negative integer", value);
        } else if (option_value(argc, argv, &i, "--format", &value)) {
            format_given = true;
            if (value && !strcmp(value, "csv")) opt.format = GEN_CSV;
            else if (value && !strcmp(value, "ndjson")) opt.format = GEN_NDJSON;
            else if (value && !strcmp(value, "paxlst")) opt.format = GEN_PAXLST;
            else if (value && !strcmp(value, "pnrgov")) opt.format = GEN_PNRGOV;
            else return usage_error("--format", "expected csv, ndjson, paxlst or pnrgov", value);
        } else if (option_value(argc, argv, &i, "--plant", &value)) {
            if (!parse_rate(value, &opt.plant_rate))
                return usage_error("--plant", "expected a rate between 0 and 1", value);
        } else if (option_value(argc, argv, &i, "--lookalike", &value)) {
            if (!parse_rate(value, &opt.lookalike_rate))
                return usage_error("--lookalike", "expected a rate between 0 and 1", value);
        } else if (option_value(argc, argv, &i, "--truth", &value)) {
            if (!value || !*value) return usage_error("--truth", "expected a file name", value);
            truth_path = value;
        } else if (option_value(argc, argv, &i, "-o", &value) || option_value(argc, argv, &i, "--output", &value)) {
            if (!value || !*value) return usage_error("-o", "expected a file name", value);
            output = value;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error(arg, "unknown option", NULL);
        } else if (!kind) {
            if (strcmp(arg, "traveller") && strcmp(arg, "shipment"))
                return usage_error("kind", "expected traveller or shipment", arg);
            kind = arg;
        } else {
            return usage_error(arg, "unexpected argument", NULL);
        }
    }
    if (!kind) return usage_error("kind", "missing: traveller or shipment", NULL);
    if (!have_count) return usage_error("-n", "missing: the number of records to write", NULL);
    if (opt.lookalike_rate < 0) opt.lookalike_rate = opt.plant_rate;
    if (opt.plant_rate + opt.lookalike_rate > 1)
        return usage_error("--lookalike", "the planted and look-alike rates together exceed 1", NULL);
    /* the format follows the output's extension unless --format says otherwise */
    size_t out_len = output ? strlen(output) : 0;
    bool ndjson_name = out_len > 7 && (!strcmp(output + out_len - 7, ".ndjson") || !strcmp(output + out_len - 6, ".jsonl"));
    bool csv_name = out_len > 4 && !strcmp(output + out_len - 4, ".csv");
    if (!format_given && ndjson_name) opt.format = GEN_NDJSON;
    bool edifact = opt.format == GEN_PAXLST || opt.format == GEN_PNRGOV;
    bool edifact_name = (out_len > 4 && !strcmp(output + out_len - 4, ".edi")) ||
                        (out_len > 8 && !strcmp(output + out_len - 8, ".edifact"));
    if (!format_given && edifact_name)
        return usage_error("--format", "an .edi output needs --format paxlst or --format pnrgov", output);
    if ((opt.format == GEN_CSV && (ndjson_name || edifact_name)) || (opt.format == GEN_NDJSON && (csv_name || edifact_name)) ||
        (edifact && (csv_name || ndjson_name)))
        return usage_error("--format", "contradicts the output file's extension", output);
    if (edifact && strcmp(kind, "traveller") != 0)
        return usage_error("--format", "paxlst and pnrgov carry travellers, not shipments", NULL);
    if (truth_path && !strcmp(truth_path, output ? output : "-"))
        return usage_error("--truth", "must name another file than the output", truth_path);

    FILE *data_fp = open_output(output);
    if (!data_fp) {
        fprintf(stderr, "vigie gen: cannot open output '%s': %s\n", output, strerror(errno));
        return EXIT_IO;
    }
    FILE *truth_fp = NULL;
    if (truth_path) {
        truth_fp = open_output(truth_path);
        if (!truth_fp) {
            fprintf(stderr, "vigie gen: cannot open truth file '%s': %s\n", truth_path, strerror(errno));
            if (data_fp != stdout) fclose(data_fp);
            return EXIT_IO;
        }
    }

    int status = EXIT_CLEAN;
    gen_out data, truth;
    bool data_ok = gen_out_open(&data, data_fp) == 0;
    bool truth_ok = !truth_fp || gen_out_open(&truth, truth_fp) == 0;
    if (!data_ok || !truth_ok) {
        fprintf(stderr, "vigie gen: out of memory for the output buffers\n");
        status = EXIT_IO;
    } else {
        static gen_stats stats;
        if (truth_fp) gen_out_puts(&truth, "key,pattern,label\n");
        if (!strcmp(kind, "traveller")) gen_travellers(&opt, &data, truth_fp ? &truth : NULL, &stats);
        else gen_shipments(&opt, &data, truth_fp ? &truth : NULL, &stats);
        if (edifact) gen_edifact_finish(&data);
        int data_error = gen_out_flush(&data);
        int truth_error = truth_fp ? gen_out_flush(&truth) : 0;
        if (data_error) {
            fprintf(stderr, "vigie gen: cannot write '%s': %s\n", output ? output : "standard output", strerror(data_error));
            status = EXIT_IO;
        }
        if (truth_error) {
            fprintf(stderr, "vigie gen: cannot write truth file '%s': %s\n", truth_path, strerror(truth_error));
            status = EXIT_IO;
        }
        if (status == EXIT_CLEAN && !quiet) print_summary(kind, &opt, &stats);
    }
    if (data_ok) gen_out_close(&data);
    if (truth_fp && truth_ok) gen_out_close(&truth);
    if (data_fp != stdout && fclose(data_fp) != 0 && status == EXIT_CLEAN) {
        fprintf(stderr, "vigie gen: cannot write '%s': %s\n", output, strerror(errno));
        status = EXIT_IO;
    }
    if (truth_fp && truth_fp != stdout && fclose(truth_fp) != 0 && status == EXIT_CLEAN) {
        fprintf(stderr, "vigie gen: cannot write truth file '%s': %s\n", truth_path, strerror(errno));
        status = EXIT_IO;
    }
    return status;
}
