/* Minimal bare-metal start for qemu's MPS2 boards (AN385, AN386, AN500,
   AN505) and micro:bit: vector table, .data and .bss set up, FPU on where
   the firmware uses one, main(), then exit through semihosting. */
#include "semihosting.h"

#include <stdint.h>

extern uint32_t _stack_top, _data_load, _data_start, _data_end, _bss_start,
    _bss_end;
int main(void);
void reset_handler(void);

static void fault_handler(void) {
  sh_write("fault\n");
  sh_exit(2);
}

__attribute__((section(".vectors"), used)) static const void *vectors[16] = {
    &_stack_top,   reset_handler, fault_handler, fault_handler,
    fault_handler, fault_handler, fault_handler,
};

void reset_handler(void) {
  uint32_t *src = &_data_load, *dst = &_data_start;
  while (dst < &_data_end)
    *dst++ = *src++;
  for (dst = &_bss_start; dst < &_bss_end;)
    *dst++ = 0;
#if defined(__ARM_FP)
  /* CPACR: full access to CP10 and CP11 (the FPU), when this firmware uses
     it; cores without one (Cortex-M0+, M3) reserve the address. */
  *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
  __asm volatile("dsb\n\tisb");
#endif
  sh_exit(main());
}

static int semihost(int op, const void *arg) {
  register int r0 __asm("r0") = op;
  register const void *r1 __asm("r1") = arg;
  __asm volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void sh_write(const char *text) { semihost(0x04, text); /* SYS_WRITE0 */ }

void sh_write_int(int64_t value) {
  char buf[24], *p = buf + sizeof(buf);
  uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
  *--p = 0;
  do {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  if (value < 0)
    *--p = '-';
  sh_write(p);
}

void sh_exit(int status) {
  /* SYS_EXIT; on 32-bit ARM the reason code goes in r1 directly. */
  semihost(0x18, (const void *)(status ? 0x20023 : 0x20026));
  for (;;)
    ;
}
