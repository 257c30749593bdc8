/* Calls `net` (from the header given with -include) on a fixed int8 input of
 * IN x B elements and prints its OUT x B int32 results, one row a line. */
#include <stdio.h>

int main(void) {
  int8_t in[IN * B];
  int32_t out[OUT * B];
  for (int i = 0; i < IN * B; ++i)
    in[i] = (int8_t)(i * 37 + 5);
  net(in, out);
  for (int r = 0; r < OUT; ++r) {
    for (int b = 0; b < B; ++b)
      printf(" %d", (int)out[r * B + b]);
    printf("\n");
  }
  return 0;
}
