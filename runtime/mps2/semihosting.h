/* Console output and exit through ARM semihosting (qemu -semihosting). */
#ifndef CSE_SPARSE_RUNTIME_SEMIHOSTING_H
#define CSE_SPARSE_RUNTIME_SEMIHOSTING_H

#include <stdint.h>

void sh_write(const char *text);
void sh_write_int(int64_t value);
/* Ends the run: status 0 is success for qemu's exit code, anything else 1. */
void sh_exit(int status) __attribute__((noreturn));

#endif
