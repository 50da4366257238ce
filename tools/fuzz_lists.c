/* fuzz_lists.c - libFuzzer target: any bytes as a published list (plain CSV, ILAB CSV,
 * FollowTheMoney JSON, ILAB XML) or as a fuzzy list's variant table, and any bytes
 * matched against a folded list and against a fuzzy one (normalisation, transliteration,
 * Jaro-Winkler), must give a list or an error naming the file, never a crash, a leak or
 * undefined behaviour.
 * Built and run by `make fuzz` (clang, -fsanitize=fuzzer,address,undefined). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lists.h"
#include "lists_fuzzy.h"
#include "lists_import.h"

static ref_list *entities, *fuzzy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    vg_error err;
    entities = list_load("scenarios/lists/xuar_place_names.yaml", &err); /* exact, with aliases */
    if (!entities) {
        fprintf(stderr, "fuzz_lists: run from the repository root (%s)\n", err.message);
        exit(2);
    }
    fuzzy = list_load("fixtures/lists/fuzzy/entities.yaml", &err);
    if (!fuzzy) {
        fprintf(stderr, "fuzz_lists: %s\n", err.message);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *formats[] = { "csv", "ilab-csv", "ftm", "ilab-xml", "variant table" };
    if (size < 1) return 0;
    /* the rest of the input is also a name matched against a folded exact list */
    list_find_within(entities, (const char *)data + 1, size - 1, NULL);
    list_lookup(entities, (const char *)data + 1, size - 1, NULL);
    /* and against a fuzzy list: the best key, and the similarity to a key as text */
    double similarity;
    list_lookup_scored(fuzzy, (const char *)data + 1, size - 1, NULL, &similarity);
    if (similarity < 0 || similarity > 1.0000001) abort();
    char *name = strndup((const char *)data + 1, size - 1);
    if (name) {
        double s = list_fuzzy_similarity(fuzzy->fuzzy, name, "HOSHINE SILICON INDUSTRY");
        if (s < 0 || s > 1.0000001) abort();
        free(list_fuzzy_normalise(fuzzy->fuzzy, name, strlen(name)));
        free(name);
    }
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
    if (data[0] % 5 == 4) { /* a variant table */
        vg_error err;
        list_names_free(list_names_load(path, &err));
        unlink(path);
        return 0;
    }
    import_options o = { .format = formats[data[0] % 5], .path = path, .name = "fuzz",
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
