/* Runs a compiled model on the inputs of a test-data header (scripts/gen-mlp.py
   --test-c, included with -include) and compares every output with the
   reference computed on the host. */
#include "semihosting.h"

static int32_t outputs[TEST_BATCH * TEST_OUTPUTS];

int main(void) {
  test_run(outputs);
  int mismatches = 0;
  for (int i = 0; i < TEST_BATCH * TEST_OUTPUTS; ++i)
    if (outputs[i] != test_expected[i]) {
      if (mismatches < 5) {
        sh_write("output ");
        sh_write_int(i);
        sh_write(": got ");
        sh_write_int(outputs[i]);
        sh_write(", expected ");
        sh_write_int(test_expected[i]);
        sh_write("\n");
      }
      ++mismatches;
    }
  sh_write("outputs: ");
  sh_write_int(TEST_BATCH * TEST_OUTPUTS);
  sh_write(", mismatches: ");
  sh_write_int(mismatches);
  sh_write("\n");
  return mismatches != 0;
}
