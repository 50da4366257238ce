/* unit.h - the CUnit runner every tests/unit_*.c shares: one suite per file, one summary line. */
#ifndef VIGIE_UNIT_H
#define VIGIE_UNIT_H

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* Each unit_*.c ends with: UNIT_MAIN("name", { "test a", fn_a }, { "test b", fn_b }) */
static inline int unit_run(const char *name, CU_TestInfo *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS) return 2;
    CU_SuiteInfo suites[] = { { name, NULL, NULL, NULL, NULL, tests }, CU_SUITE_INFO_NULL };
    if (CU_register_suites(suites) != CUE_SUCCESS) return 2;
    CU_basic_set_mode(CU_BRM_SILENT);
    CU_basic_run_tests();
    unsigned run = CU_get_number_of_tests_run();
    unsigned failed = CU_get_number_of_tests_failed();
    for (CU_pFailureRecord f = CU_get_failure_list(); f; f = f->pNext)
        fprintf(stdout, "FAIL %s: %s:%u: %s\n", f->pTest ? f->pTest->pName : "?",
                f->strFileName ? f->strFileName : "?", f->uiLineNumber,
                f->strCondition ? f->strCondition : "");
    printf("%s: %u passed, %u failed\n", name, run - failed, failed);
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

#define UNIT_MAIN(name, ...)                                              \
    int main(void)                                                        \
    {                                                                     \
        CU_TestInfo tests[] = { __VA_ARGS__, CU_TEST_INFO_NULL };         \
        return unit_run(name, tests);                                     \
    }

#endif
