/* A qemu TCG plugin that counts the guest instructions executed between two
 * marker functions, for exact, repeatable Cortex-M instruction counts.
 *
 * Arguments: begin=ADDR,end=ADDR (hex, the markers' addresses from llvm-nm).
 * Counting starts after the translation block at `begin` has run and stops
 * when the block at `end` starts, so one region is everything executed
 * between the two marker calls; each region's count is printed at exit as
 * "icount region K: N". Debian ships no plugin header, so the few API
 * functions used (plugin API version 1, qemu 7.2) are declared here. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
enum qemu_plugin_cb_flags {
  QEMU_PLUGIN_CB_NO_REGS,
  QEMU_PLUGIN_CB_R_REGS,
  QEMU_PLUGIN_CB_RW_REGS,
};
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
                                               struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
                                            void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
                                          qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags,
                                          void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
                                    qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_REGIONS 256

static uint64_t beginAddr, endAddr;
static int counting;
static uint64_t current;
static uint64_t regions[MAX_REGIONS];
static int numRegions;

/* Marker blocks carry a tag instead of a count. */
#define TAG_BEGIN ((uintptr_t)-1)
#define TAG_END ((uintptr_t)-2)

static void onExec(unsigned int vcpu, void *userdata) {
  uintptr_t n = (uintptr_t)userdata;
  (void)vcpu;
  if (n == TAG_BEGIN) {
    counting = 1;
    current = 0;
  } else if (n == TAG_END) {
    if (counting && numRegions < MAX_REGIONS)
      regions[numRegions++] = current;
    counting = 0;
  } else if (counting) {
    current += n;
  }
}

static void onTranslate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  uint64_t pc = qemu_plugin_tb_vaddr(tb) & ~(uint64_t)1;
  uintptr_t tag = pc == beginAddr ? TAG_BEGIN
                  : pc == endAddr ? TAG_END
                                  : (uintptr_t)qemu_plugin_tb_n_insns(tb);
  qemu_plugin_register_vcpu_tb_exec_cb(tb, onExec, QEMU_PLUGIN_CB_NO_REGS,
                                       (void *)tag);
}

static void onExit(qemu_plugin_id_t id, void *userdata) {
  char line[64];
  (void)id;
  (void)userdata;
  for (int i = 0; i < numRegions; ++i) {
    snprintf(line, sizeof(line), "icount region %d: %" PRIu64 "\n", i,
             regions[i]);
    qemu_plugin_outs(line);
  }
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
                    char **argv) {
  (void)info;
  for (int i = 0; i < argc; ++i) {
    if (strncmp(argv[i], "begin=", 6) == 0)
      beginAddr = strtoull(argv[i] + 6, NULL, 16) & ~(uint64_t)1;
    else if (strncmp(argv[i], "end=", 4) == 0)
      endAddr = strtoull(argv[i] + 4, NULL, 16) & ~(uint64_t)1;
  }
  if (!beginAddr || !endAddr) {
    fprintf(stderr, "icount-plugin: need begin=ADDR,end=ADDR\n");
    return -1;
  }
  qemu_plugin_register_vcpu_tb_trans_cb(id, onTranslate);
  qemu_plugin_register_atexit_cb(id, onExit, NULL);
  return 0;
}
