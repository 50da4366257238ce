/* fuzz_reader.c - libFuzzer target: any bytes as a CSV, NDJSON, YAML or EDIFACT manifest must
 * give records or rejects with a reason, never a crash, a leak or undefined behaviour.
 * Built and run by `make fuzz` (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"

static schema_set schemas;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    vg_error err;
    if (schema_set_load_dir(&schemas, "scenarios/schemas", &err) != VG_OK) {
        fprintf(stderr, "fuzz_reader: run from the repository root (%s)\n", err.message);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *extensions[] = { "csv", "ndjson", "yaml", "edi" };
    if (size < 1) return 0;
    /* the first byte picks the format, the rest is the file */
    char path[64];
    snprintf(path, sizeof path, "/dev/shm/vigie-fuzz-%d.%s", (int)getpid(), extensions[data[0] % 4]);
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    vg_error err;
    reader *r = reader_open(path, &schemas, NULL, &err);
    if (r) {
        record rec;
        record_init(&rec, reader_schema(r));
        read_status st;
        long n = 0;
        while ((st = reader_next(r, &rec, &err)) == READ_RECORD || st == READ_REJECT) {
            if (st == READ_REJECT && err.message[0] == '\0') abort(); /* a reject always says why */
            if (++n > 100000) break;
        }
        record_free(&rec);
        reader_close(r);
    } else if (err.message[0] == '\0') {
        abort(); /* a refusal always says why */
    }
    unlink(path);
    return 0;
}
