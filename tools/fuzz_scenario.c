/* fuzz_scenario.c - libFuzzer target: any bytes as a scenario file must load, or be
 * refused with findings, inside the sandbox: never a crash, a hang or a leak.
 * Built and run by `make fuzz`. */
#include "fuzz_ruleset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_ruleset_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ruleset_run((const char *)data, size);
    return 0;
}
