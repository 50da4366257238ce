/* fuzz_ruleset.h - what the scenario fuzz targets share: a scratch ruleset under
 * /dev/shm (the unit schemas and lists, one scenario file), loaded and evaluated. */
#ifndef VIGIE_FUZZ_RULESET_H
#define VIGIE_FUZZ_RULESET_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"

static char fuzz_dir[128];

static void fuzz_ruleset_remove(void)
{
    static const char *names[] = { "person/s.lua", "person", "schemas", "lists" };
    char path[256];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", fuzz_dir, names[i]);
        remove(path);
    }
    rmdir(fuzz_dir);
}

/* The ruleset directory: schemas/ and lists/ link to fixtures/rulesets/unit. */
static void fuzz_ruleset_init(void)
{
    char cwd[512], path[700], target[700];
    if (!getcwd(cwd, sizeof cwd)) exit(2);
    if (access("fixtures/rulesets/unit/schemas", F_OK) != 0) {
        fprintf(stderr, "fuzz: run from the repository root\n");
        exit(2);
    }
    snprintf(fuzz_dir, sizeof fuzz_dir, "/dev/shm/vigie-fuzz-rs-%d", (int)getpid());
    mkdir(fuzz_dir, 0755);
    snprintf(path, sizeof path, "%s/schemas", fuzz_dir);
    snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/schemas", cwd);
    if (symlink(target, path) != 0 && access(path, F_OK) != 0) exit(2);
    snprintf(path, sizeof path, "%s/lists", fuzz_dir);
    snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/lists", cwd);
    if (symlink(target, path) != 0 && access(path, F_OK) != 0) exit(2);
    snprintf(path, sizeof path, "%s/person", fuzz_dir);
    mkdir(path, 0755);
    atexit(fuzz_ruleset_remove);
}

/* Load the ruleset with text as its one scenario file: it loads, or it is refused
 * with findings; whatever compiled must evaluate on an empty record. */
static void fuzz_ruleset_run(const char *text, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/person/s.lua", fuzz_dir);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(text, 1, size, f);
    fclose(f);
    loaded_ruleset lr;
    vg_error err;
    sandbox_limits limits = { 16u << 20, 200000 };
    if (loader_open(&lr, fuzz_dir, &limits, &err) != VG_OK) {
        if (getenv("FUZZ_PRINT")) fprintf(stderr, "refused: %s\n", err.message);
        if (err.message[0] == '\0') abort(); /* a refusal always says why */
        return;
    }
    for (int i = 0; i < lr.diags.count; i++) {
        if (lr.diags.items[i].message[0] == '\0') abort(); /* every finding says why */
        if (getenv("FUZZ_PRINT")) diag_print(&lr.diags.items[i], stderr);
    }
    if (lr.set.count) {
        record rec;
        record_init(&rec, lr.set.items[0]->schema);
        scenario_result res;
        for (int i = 0; i < lr.set.count; i++) eval_scenario(lr.set.sb, lr.set.items[i], &rec, &res, NULL);
        record_free(&rec);
    }
    loader_close(&lr);
}

#endif
