/* fuzz_scenario.c - libFuzzer target: any bytes as a scenario file must load, or be
 * refused with findings, inside the sandbox: never a crash, a hang or a leak.
 * Built and run by `make fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"

static char dir[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char cwd[512], path[700], target[700];
    if (!getcwd(cwd, sizeof cwd)) exit(2);
    snprintf(dir, sizeof dir, "/dev/shm/vigie-fuzz-rs-%d", (int)getpid());
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/schemas", dir);
    snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/schemas", cwd);
    if (symlink(target, path) != 0 && access(path, F_OK) != 0) exit(2);
    snprintf(path, sizeof path, "%s/lists", dir);
    snprintf(target, sizeof target, "%s/fixtures/rulesets/unit/lists", cwd);
    if (symlink(target, path) != 0 && access(path, F_OK) != 0) exit(2);
    snprintf(path, sizeof path, "%s/person", dir);
    mkdir(path, 0755);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[256];
    snprintf(path, sizeof path, "%s/person/s.lua", dir);
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    loaded_ruleset lr;
    vg_error err;
    sandbox_limits limits = { 16u << 20, 200000 };
    if (loader_open(&lr, dir, &limits, &err) == VG_OK) {
        /* whatever compiled must evaluate on an empty record without crashing */
        if (lr.set.count) {
            record rec;
            record_init(&rec, lr.set.items[0]->schema);
            scenario_result res;
            for (int i = 0; i < lr.set.count; i++) eval_scenario(lr.set.sb, lr.set.items[i], &rec, &res, NULL);
            record_free(&rec);
        }
        loader_close(&lr);
    }
    return 0;
}
