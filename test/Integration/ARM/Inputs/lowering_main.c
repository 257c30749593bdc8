/* Runs lowering-net.mlir's @net, compiled for the Cortex-M4, on the input of
   the host run and compares both outputs with the host's: the int8 ones by
   value, the float ones bit for bit (the same operations in the same order,
   IEEE on both machines). Needs -include of the test-data header
   (lowering_data.py) and of the compiled model's header. */
#include "semihosting.h"

#include <string.h>

static int8_t a[150];
static float out[150];

int main(void) {
  net(test_input, a, out);
  int mismatches = 0;
  for (int i = 0; i < 150; ++i) {
    uint32_t bits;
    memcpy(&bits, &out[i], sizeof(bits));
    if (a[i] != test_expected_a[i] || bits != test_expected_bits[i]) {
      if (mismatches < 5) {
        sh_write("output ");
        sh_write_int(i);
        sh_write(": got ");
        sh_write_int(a[i]);
        sh_write(" and bits ");
        sh_write_int(bits);
        sh_write(", expected ");
        sh_write_int(test_expected_a[i]);
        sh_write(" and bits ");
        sh_write_int(test_expected_bits[i]);
        sh_write("\n");
      }
      ++mismatches;
    }
  }
  sh_write("outputs: ");
  sh_write_int(300);
  sh_write(", mismatches: ");
  sh_write_int(mismatches);
  sh_write("\n");
  return mismatches != 0;
}
