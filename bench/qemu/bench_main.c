/* Runs every kernel variant of a benchmark header (bench/cortex_m.py writes
 * it) once between the two marker calls the icount plugin watches, and checks
 * each output against the reference computed on the host. */
#include "semihosting.h"

#include BENCH_HEADER

/* Distinct bodies so the linker cannot fold them into one address. */
volatile int bench_marker;
__attribute__((noinline)) void bench_begin(void) { bench_marker = 1; }
__attribute__((noinline)) void bench_end(void) { bench_marker = 2; }

static int32_t y[BENCH_ROWS];

int main(void) {
  int failures = 0;
  for (int v = 0; v < BENCH_VARIANTS; ++v) {
    for (int r = 0; r < BENCH_ROWS; ++r)
      y[r] = 0;
    bench_begin();
    bench_kernels[v](bench_x, y);
    bench_end();
    int mismatches = 0;
    for (int r = 0; r < BENCH_ROWS; ++r)
      mismatches += y[r] != bench_expected[r];
    sh_write("variant ");
    sh_write(bench_names[v]);
    sh_write(" mismatches ");
    sh_write_int(mismatches);
    sh_write("\n");
    failures += mismatches != 0;
  }
  /* An empty call measures the call and marker overhead once. */
  bench_begin();
  bench_empty(bench_x, y);
  bench_end();
  return failures;
}
