/* fuzz_lists.c - libFuzzer target: any bytes as a published list (plain CSV, ILAB CSV,
 * FollowTheMoney JSON, ILAB XML), and any bytes matched against a folded list, must give
 * a list or an error naming the file, never a crash, a leak or undefined behaviour.
 * Built and run by `make fuzz` (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lists.h"
#include "lists_import.h"

static ref_list *entities;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    vg_error err;
    entities = list_load("scenarios/lists/uflpa_entities.yaml", &err);
    if (!entities) {
        fprintf(stderr, "fuzz_lists: run from the repository root (%s)\n", err.message);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *formats[] = { "csv", "ilab-csv", "ftm", "ilab-xml" };
    if (size < 1) return 0;
    /* the rest of the input is also a manufacturer name matched against a folded list */
    list_find_within(entities, (const char *)data + 1, size - 1, NULL);
    list_lookup(entities, (const char *)data + 1, size - 1, NULL);
    /* the first byte picks the format, the rest is the file */
    char path[] = "/tmp/fuzz-lists-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    import_options o = { .format = formats[data[0] % 4], .path = path, .name = "fuzz",
                         .hs_map = "scenarios/lists/sources/ilab_goods_hs.csv",
                         .countries = "scenarios/lists/sources/ilab_countries.csv" };
    import_list l;
    vg_error err;
    if (lists_import(&o, &l, &err) == VG_OK) {
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            lists_import_write(&l, "fuzz", out);
            fclose(out);
        }
    }
    import_list_free(&l);
    unlink(path);
    return 0;
}
